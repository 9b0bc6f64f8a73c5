//! Mirror sets and registry sources → registries.conf, as the Machine Config Operator renders it
//! (`mirrors.md` §8): collecting the sets (runtime-utils `mergedDigestMirrorSets` /
//! `mergedTagMirrorSets`), the topological merge of the mirror lists of one source
//! (`topoGraph.Sorted`), runtime-utils `EditRegistriesConfig`, the MCO's
//! `updateRegistriesConfig`, the whole `image.config.openshift.io` pipeline and the
//! search-registries drop-in.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use serde::Serialize;

use super::MirrorError;
use super::conf::{EndpointConf, RegistriesConf, RegistryConf};
use super::load::{ConfPaths, Config, load};
use super::lookup::{Explanation, Origin, OriginRole, Provenance};
use super::policy::{
    BlockedAndAllowed, DEFAULT_POLICY_JSON, update_policy_json_text,
    valid_blocked_and_allowed_registries,
};
use super::sets::{ImageSpec, MirrorSets, Rule, validate_registries_conf_scopes};
use crate::reference::{MirrorSourcePolicy, scope_is_nested_inside_scope};

/// The MCO's registries.conf template, byte for byte.
pub const DEFAULT_REGISTRIES_CONF: &str =
    "unqualified-search-registries = ['registry.access.redhat.com', 'docker.io']\n";

/// Where the MCO writes the search-registries drop-in.
pub const SEARCH_REGISTRIES_DROP_IN_PATH: &str =
    "/etc/containers/registries.conf.d/01-image-searchRegistries.conf";

/// `pull-from-mirror` of the mirrors of digest sets.
const DIGEST_ONLY: &str = "digest-only";
/// `pull-from-mirror` of the mirrors of tag sets.
const TAG_ONLY: &str = "tag-only";

/// The merged mirror list of one source (`mirrors.md` §8.2–§8.3).
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct MergedSet {
    /// The source, exactly as written in the rules.
    pub source: String,
    /// The merged mirrors (§8.3); may contain the source.
    pub mirrors: Vec<String>,
    /// Whether a rule with real mirrors asked for `NeverContactSource`.
    pub never_contact_source: bool,
}

/// runtime-utils `mergedDigestMirrorSets` / `mergedTagMirrorSets`: the rules grouped by exact
/// source string (sorted bytewise), rules without a mirror different from the source ignored,
/// each group's lists merged by [`merge_mirror_lists`].
///
/// ```
/// use openshift_image::mirror::render::merged_sets;
/// use openshift_image::mirror::sets::MirrorSets;
/// let sets: MirrorSets = serde_json::from_str(r#"{"idmss": [{"spec": {"imageDigestMirrors": [
///     {"source": "q.io/ns", "mirrors": ["a.local/ns", "d.local/ns", "e.local/ns"]},
///     {"source": "q.io/ns", "mirrors": ["b.local/ns", "c.local/ns", "e.local/ns"]}]}}]}"#)?;
/// let merged = merged_sets(sets.digest_rules());
/// assert_eq!(merged[0].mirrors, ["a.local/ns", "b.local/ns", "d.local/ns", "c.local/ns", "e.local/ns"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn merged_sets(rules: impl IntoIterator<Item = Rule>) -> Vec<MergedSet> {
    let mut groups: BTreeMap<String, (Vec<Vec<String>>, bool)> = BTreeMap::new();
    for rule in rules {
        if rule.mirrors.iter().all(|m| *m == rule.source) {
            continue;
        }
        let group = groups.entry(rule.source).or_default();
        if rule.policy == MirrorSourcePolicy::NeverContactSource {
            group.1 = true;
        }
        group.0.push(rule.mirrors);
    }
    groups
        .into_iter()
        .map(|(source, (lists, never))| MergedSet {
            mirrors: merge_mirror_lists(&source, &lists),
            source,
            never_contact_source: never,
        })
        .collect()
}

/// runtime-utils `mergedMirrors` (`mirrors.md` §8.3): a graph with an edge between consecutive
/// mirrors of each list and from a list's last mirror to the source when the source is not in
/// that list, ordered by Kahn's algorithm with bytewise tie-breaking (a cycle is broken by the
/// smallest unused node); a final source is dropped.
///
/// ```
/// use openshift_image::mirror::render::merge_mirror_lists;
/// let lists = vec![vec!["z".to_owned()], vec!["y".to_owned()]];
/// assert_eq!(merge_mirror_lists("src", &lists), ["y", "z"]);
/// ```
#[must_use]
pub fn merge_mirror_lists(source: &str, lists: &[Vec<String>]) -> Vec<String> {
    let mut preds: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut succs: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut edges: Vec<(&str, &str)> = Vec::new();
    for list in lists {
        for pair in list.windows(2) {
            if let [a, b] = pair {
                edges.push((a.as_str(), b.as_str()));
            }
        }
        if let Some(last) = list.last()
            && !list.iter().any(|m| m == source)
        {
            edges.push((last.as_str(), source));
        }
    }
    for (from, to) in edges {
        preds.entry(from).or_default();
        succs.entry(to).or_default();
        preds.entry(to).or_default().insert(from);
        succs.entry(from).or_default().insert(to);
    }
    let all: Vec<&str> = preds.keys().copied().collect();
    let mut queue: VecDeque<&str> = all
        .iter()
        .copied()
        .filter(|n| preds.get(n).is_none_or(BTreeSet::is_empty))
        .collect();
    let mut used: BTreeSet<&str> = BTreeSet::new();
    let mut out: Vec<&str> = Vec::with_capacity(all.len());
    let mut next = 0usize;
    loop {
        let node = match queue.pop_front() {
            Some(n) => n,
            None => match all.get(next) {
                Some(n) => {
                    next += 1;
                    *n
                }
                None => break,
            },
        };
        if !used.insert(node) {
            continue;
        }
        out.push(node);
        let successors: Vec<&str> = succs
            .get(node)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default();
        for succ in successors {
            if let Some(p) = preds.get_mut(succ) {
                p.remove(node);
                if p.is_empty() && !used.contains(succ) {
                    queue.push_back(succ);
                }
            }
        }
    }
    if out.last() == Some(&source) {
        out.pop();
    }
    out.into_iter().map(str::to_owned).collect()
}

/// The entries of a configuration being edited, indexed by scope (runtime-utils
/// `getRegistryEntry` scans the list; the first entry with a scope wins either way, and the
/// edit never changes an entry's scope).
struct Entries<'a> {
    conf: &'a mut RegistriesConf,
    index: HashMap<String, usize>,
}

impl<'a> Entries<'a> {
    fn new(conf: &'a mut RegistriesConf) -> Self {
        let mut index = HashMap::with_capacity(conf.registries.len());
        for (i, reg) in conf.registries.iter().enumerate() {
            index.entry(reg.scope().to_owned()).or_insert(i);
        }
        Self { conf, index }
    }

    /// The index of the entry whose scope is `scope`, creating it: `{prefix: scope}` for a
    /// wildcard, else `{location: scope}`.
    fn entry_for(&mut self, scope: &str) -> usize {
        if let Some(&i) = self.index.get(scope) {
            return i;
        }
        let entry = if scope.starts_with("*.") {
            RegistryConf {
                prefix: scope.to_owned(),
                ..RegistryConf::default()
            }
        } else {
            RegistryConf {
                endpoint: EndpointConf {
                    location: scope.to_owned(),
                    ..EndpointConf::default()
                },
                ..RegistryConf::default()
            }
        };
        self.conf.registries.push(entry);
        let i = self.conf.registries.len() - 1;
        self.index.insert(scope.to_owned(), i);
        i
    }
}

/// runtime-utils `EditRegistriesConfig` (`mirrors.md` §8.2–§8.4), without the MCO's
/// validation: adds the merged digest and tag sets, the blocked and insecure scopes, and
/// propagates mirrors to nested entries. Base entries keep their order; new entries follow in
/// creation order.
///
/// # Errors
/// [`MirrorError::Render`]: `internal error: mirrorsAdjustedForNestedScope for a wildcard scope
/// "<scope>"` when a mirrored wildcard source encloses another entry without mirrors.
///
/// ```
/// use openshift_image::mirror::conf::RegistriesConf;
/// use openshift_image::mirror::render::edit_registries_config;
/// use openshift_image::mirror::sets::MirrorSets;
/// let sets: MirrorSets = serde_json::from_str(r#"{"idmss": [{"spec": {"imageDigestMirrors": [
///     {"source": "quay.io", "mirrors": ["m.local/quay"]}]}}]}"#)?;
/// let mut conf = RegistriesConf::default();
/// edit_registries_config(&mut conf, &[], &["quay.io/evil".to_owned()], &sets)?;
/// assert_eq!(conf.registries[1].endpoint.location, "quay.io/evil");
/// assert!(conf.registries[1].blocked);
/// assert_eq!(conf.registries[1].mirrors[0].location, "m.local/quay/evil");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn edit_registries_config(
    conf: &mut RegistriesConf,
    insecure: &[String],
    blocked: &[String],
    sets: &MirrorSets,
) -> Result<(), MirrorError> {
    edit_tracked(conf, insecure, blocked, sets).map(|_| ())
}

/// [`edit_registries_config`], also answering where each entry and mirror of the result comes
/// from (`mirrors.md` §8.7): the mirror-set entries that created or fed it, NeverContactSource,
/// the blocked and insecure scopes, inherited mirrors with their enclosing scope. Base entries
/// have the origin `registries.conf:registry[<i>]` (role `registries_conf`).
///
/// # Errors
/// As [`edit_registries_config`].
///
/// ```
/// use openshift_image::mirror::render::edit_registries_config_with_provenance;
/// use openshift_image::mirror::conf::RegistriesConf;
/// use openshift_image::mirror::sets::MirrorSets;
/// let sets: MirrorSets = serde_json::from_str(r#"{"idmss": [{"metadata": {"name": "quay"},
///     "spec": {"imageDigestMirrors": [{"source": "quay.io", "mirrors": ["m.local/quay"]}]}}]}"#)?;
/// let mut conf = RegistriesConf::default();
/// let provenance = edit_registries_config_with_provenance(&mut conf, &[], &[], &sets)?;
/// let mirror = &provenance.entries[0].mirrors[0][0];
/// assert_eq!(mirror.path, "ImageDigestMirrorSet/quay.spec.imageDigestMirrors[0]");
/// assert_eq!(mirror.role.as_str(), "mirror");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn edit_registries_config_with_provenance(
    conf: &mut RegistriesConf,
    insecure: &[String],
    blocked: &[String],
    sets: &MirrorSets,
) -> Result<RenderProvenance, MirrorError> {
    edit_tracked(conf, insecure, blocked, sets)
}

/// Where the entries and mirrors of a rendered registries.conf come from (`mirrors.md` §8.7),
/// in the order of [`RegistriesConf::registries`]. It implements
/// [`Provenance`], so [`Config::explain_with`] can name the objects
/// behind a pull's sources.
///
/// [`Config::explain_with`]: super::load::Config::explain_with
#[derive(Serialize, Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderProvenance {
    /// One per rendered entry.
    pub entries: Vec<EntryProvenance>,
}

/// The provenance of one rendered entry.
#[derive(Serialize, Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryProvenance {
    /// The entry's scope (prefix, else location).
    pub scope: String,
    /// What created or changed the entry.
    pub origins: Vec<Origin>,
    /// For each of its mirrors, in order: what contributed it.
    pub mirrors: Vec<Vec<Origin>>,
}

fn origin(kind: &str, name: &str, path: String, role: OriginRole) -> Origin {
    Origin {
        kind: kind.to_owned(),
        name: name.to_owned(),
        path,
        role,
        from_scope: None,
    }
}

fn rule_origin(rule: &Rule, role: OriginRole) -> Origin {
    origin(
        &rule.origin.kind.to_string(),
        &rule.origin.name,
        rule.path(),
        role,
    )
}

fn image_source_origin(field: &str, i: usize, role: OriginRole) -> Origin {
    origin(
        "Image",
        "cluster",
        format!("Image/cluster.spec.registrySources.{field}[{i}]"),
        role,
    )
}

fn push_once(list: &mut Vec<Origin>, o: Origin) {
    if !list.contains(&o) {
        list.push(o);
    }
}

/// The edit of [`edit_registries_config`] with its provenance kept alongside.
fn edit_tracked(
    conf: &mut RegistriesConf,
    insecure: &[String],
    blocked: &[String],
    sets: &MirrorSets,
) -> Result<RenderProvenance, MirrorError> {
    let mut prov: Vec<EntryProvenance> = conf
        .registries
        .iter()
        .enumerate()
        .map(|(i, reg)| EntryProvenance {
            scope: reg.scope().to_owned(),
            origins: vec![origin(
                "registries.conf",
                "base",
                format!("registries.conf:registry[{i}]"),
                OriginRole::RegistriesConf,
            )],
            mirrors: vec![
                vec![origin(
                    "registries.conf",
                    "base",
                    format!("registries.conf:registry[{i}]"),
                    OriginRole::RegistriesConf,
                )];
                reg.mirrors.len()
            ],
        })
        .collect();
    let digest_rules: Vec<Rule> = sets.digest_rules().collect();
    let tag_rules: Vec<Rule> = sets.tag_rules().collect();
    let digest = merged_sets(digest_rules.iter().cloned());
    let tag = merged_sets(tag_rules.iter().cloned());
    let mut entries = Entries::new(conf);
    // Entries created by `entry_for` get an empty provenance record.
    let track = |entries: &mut Entries<'_>, prov: &mut Vec<EntryProvenance>, scope: &str| {
        let i = entries.entry_for(scope);
        while prov.len() < entries.conf.registries.len() {
            prov.push(EntryProvenance {
                scope: scope.to_owned(),
                ..EntryProvenance::default()
            });
        }
        i
    };
    for (group, rules, pull) in [
        (&digest, &digest_rules, DIGEST_ONLY),
        (&tag, &tag_rules, TAG_ONLY),
    ] {
        for set in group {
            let feeding: Vec<&Rule> = rules
                .iter()
                .filter(|r| r.source == set.source && r.mirrors.iter().any(|m| *m != r.source))
                .collect();
            let i = track(&mut entries, &mut prov, &set.source);
            let (Some(reg), Some(p)) = (entries.conf.registries.get_mut(i), prov.get_mut(i)) else {
                continue;
            };
            for rule in &feeding {
                push_once(&mut p.origins, rule_origin(rule, OriginRole::Source));
            }
            if set.never_contact_source {
                reg.blocked = true;
                for rule in feeding
                    .iter()
                    .filter(|r| r.policy == MirrorSourcePolicy::NeverContactSource)
                {
                    push_once(
                        &mut p.origins,
                        rule_origin(rule, OriginRole::NeverContactSource),
                    );
                }
            }
            for location in &set.mirrors {
                reg.mirrors.push(EndpointConf {
                    location: location.clone(),
                    insecure: false,
                    pull_from_mirror: pull.to_owned(),
                });
                p.mirrors.push(
                    feeding
                        .iter()
                        .filter(|r| r.mirrors.contains(location))
                        .map(|r| rule_origin(r, OriginRole::Mirror))
                        .collect(),
                );
            }
        }
    }
    for scope in blocked {
        track(&mut entries, &mut prov, scope);
    }
    for (k, scope) in insecure.iter().enumerate() {
        let o = image_source_origin("insecureRegistries", k, OriginRole::InsecureScope);
        let i = track(&mut entries, &mut prov, scope);
        if let (Some(reg), Some(p)) = (entries.conf.registries.get_mut(i), prov.get_mut(i)) {
            reg.endpoint.insecure = true;
            push_once(&mut p.origins, o.clone());
        }
        for (reg, p) in entries.conf.registries.iter_mut().zip(prov.iter_mut()) {
            if scope_is_nested_inside_scope(reg.scope(), scope) {
                reg.endpoint.insecure = true;
                push_once(&mut p.origins, o.clone());
            }
            for (mirror, mp) in reg.mirrors.iter_mut().zip(p.mirrors.iter_mut()) {
                if scope_is_nested_inside_scope(&mirror.location, scope) {
                    mirror.insecure = true;
                    push_once(mp, o.clone());
                }
            }
        }
    }
    for (k, scope) in blocked.iter().enumerate() {
        let o = image_source_origin("blockedRegistries", k, OriginRole::BlockedScope);
        let i = track(&mut entries, &mut prov, scope);
        if let (Some(reg), Some(p)) = (entries.conf.registries.get_mut(i), prov.get_mut(i)) {
            reg.blocked = true;
            push_once(&mut p.origins, o.clone());
        }
        for (reg, p) in entries.conf.registries.iter_mut().zip(prov.iter_mut()) {
            if scope_is_nested_inside_scope(reg.scope(), scope) {
                reg.blocked = true;
                push_once(&mut p.origins, o.clone());
            }
        }
    }
    for set in digest.iter().chain(&tag) {
        let m = track(&mut entries, &mut prov, &set.source);
        let Some(mirrored) = entries.conf.registries.get(m) else {
            continue;
        };
        let outer_scope = mirrored.scope().to_owned();
        let outer_mirrors = mirrored.mirrors.clone();
        let outer_origins = prov.get(m).map(|p| p.mirrors.clone()).unwrap_or_default();
        // Upstream compares scopes, so a duplicate base entry with the same scope is skipped.
        for (reg, p) in entries.conf.registries.iter_mut().zip(prov.iter_mut()) {
            let scope = reg.scope();
            if scope == outer_scope
                || !reg.mirrors.is_empty()
                || !scope_is_nested_inside_scope(scope, &outer_scope)
            {
                continue;
            }
            if outer_scope.starts_with("*.") {
                return Err(MirrorError::Render {
                    message: format!(
                        "internal error: mirrorsAdjustedForNestedScope for a wildcard scope \"{outer_scope}\""
                    ),
                });
            }
            let suffix = scope
                .get(outer_scope.len()..)
                .unwrap_or_default()
                .to_owned();
            reg.mirrors = outer_mirrors
                .iter()
                .map(|mirror| EndpointConf {
                    location: format!("{}{suffix}", mirror.location),
                    ..mirror.clone()
                })
                .collect();
            p.mirrors = (0..outer_mirrors.len())
                .map(|j| {
                    outer_origins
                        .get(j)
                        .into_iter()
                        .flatten()
                        .map(|o| match o.role {
                            // The mirror-set entry behind the copied mirror.
                            OriginRole::Mirror => Origin {
                                role: OriginRole::Inherited,
                                from_scope: Some(outer_scope.clone()),
                                ..o.clone()
                            },
                            _ => o.clone(),
                        })
                        .collect()
                })
                .collect();
        }
    }
    Ok(RenderProvenance { entries: prov })
}

impl RenderProvenance {
    /// The provenance of the rendered entry whose scope is `scope`.
    #[must_use]
    pub fn entry(&self, scope: &str) -> Option<&EntryProvenance> {
        self.entries.iter().find(|e| e.scope == scope)
    }
}

impl Provenance for RenderProvenance {
    fn entry_origins(&self, config: &Config, index: usize) -> Vec<Origin> {
        config
            .registries()
            .get(index)
            .and_then(|reg| self.entry(&reg.prefix))
            .map(|e| e.origins.clone())
            .unwrap_or_default()
    }

    fn mirror_origins(&self, config: &Config, index: usize, mirror: usize) -> Vec<Origin> {
        config
            .registries()
            .get(index)
            .and_then(|reg| self.entry(&reg.prefix))
            .and_then(|e| e.mirrors.get(mirror))
            .cloned()
            .unwrap_or_default()
    }
}

/// "Where will this image be pulled from, and which object says so?": renders `base` with the
/// registry sources and mirror sets as the MCO does ([`update_registries_config`]), loads the
/// result as the node's `/etc/containers/registries.conf`, and explains the pull of
/// `reference` ([`Config::explain_with`]) with each entry and source traced back to the
/// ICSP / IDMS / ITMS entry or image-config scope that produced it (`mirrors.md` §6, §8.7).
///
/// # Errors
/// As [`update_registries_config`], and the loader's errors when the rendered file does not
/// load (a scope with a URI scheme).
///
/// ```
/// use openshift_image::mirror::render::{explain_mirror_sets, DEFAULT_REGISTRIES_CONF};
/// use openshift_image::mirror::sets::MirrorSets;
/// let sets: MirrorSets = serde_json::from_str(r#"{"idmss": [{"metadata": {"name": "quay"},
///     "spec": {"imageDigestMirrors": [{"source": "quay.io/ns", "mirrors": ["m.local/ns"]}]}}]}"#)?;
/// let digest = "quay.io/ns/app@sha256:0000000000000000000000000000000000000000000000000000000000000000";
/// let why = explain_mirror_sets(DEFAULT_REGISTRIES_CONF, &[], &[], &sets, digest)?;
/// assert_eq!(why.attempts[0], "m.local/ns/app@sha256:0000000000000000000000000000000000000000000000000000000000000000");
/// assert_eq!(why.sources[0].origins[0].path, "ImageDigestMirrorSet/quay.spec.imageDigestMirrors[0]");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn explain_mirror_sets(
    base: &str,
    insecure: &[String],
    blocked: &[String],
    sets: &MirrorSets,
    reference: &str,
) -> Result<Explanation, MirrorError> {
    let mut conf = decode_base(base)?;
    validate_registries_conf_scopes(insecure, blocked, &[], sets)?;
    let provenance = edit_tracked(&mut conf, insecure, blocked, sets)?;
    let paths = ConfPaths::default();
    let config = load(&conf.to_toml(), &paths.main, false)?;
    Ok(config.explain_with(reference, &paths, &provenance))
}

/// Decodes a base registries.conf as the MCO does (no load processing).
///
/// # Errors
/// [`MirrorError::Render`]: `error unmarshalling registries config: <decoder error>`.
fn decode_base(base: &str) -> Result<RegistriesConf, MirrorError> {
    RegistriesConf::from_toml_v2(base).map_err(|e| MirrorError::Render {
        message: format!("error unmarshalling registries config: {e}"),
    })
}

/// MCO `updateRegistriesConfig`: decode `base`, validate (`validateRegistriesConfScopes` with
/// no allowed scopes), [`edit_registries_config`]. Render the result with
/// [`RegistriesConf::to_toml`] (or use [`update_registries_config_text`]).
///
/// # Errors
/// [`MirrorError::Render`] (base decoding, the wildcard nested-scope error),
/// [`MirrorError::InvalidMirrorSet`] (validation).
///
/// ```
/// use openshift_image::mirror::render::{update_registries_config, DEFAULT_REGISTRIES_CONF};
/// use openshift_image::mirror::sets::MirrorSets;
/// let conf = update_registries_config(
///     DEFAULT_REGISTRIES_CONF, &["insecure.io".to_owned()], &[], &MirrorSets::default())?;
/// assert!(conf.registries[0].endpoint.insecure);
/// # Ok::<(), openshift_image::mirror::MirrorError>(())
/// ```
pub fn update_registries_config(
    base: &str,
    insecure: &[String],
    blocked: &[String],
    sets: &MirrorSets,
) -> Result<RegistriesConf, MirrorError> {
    let mut conf = decode_base(base)?;
    validate_registries_conf_scopes(insecure, blocked, &[], sets)?;
    edit_registries_config(&mut conf, insecure, blocked, sets)?;
    Ok(conf)
}

/// [`update_registries_config`] rendered as the MCO writes it (BurntSushi/toml v1.5.0 layout,
/// `mirrors.md` §8.5).
///
/// # Errors
/// As [`update_registries_config`].
///
/// ```
/// use openshift_image::mirror::render::{update_registries_config_text, DEFAULT_REGISTRIES_CONF};
/// use openshift_image::mirror::sets::MirrorSets;
/// let text = update_registries_config_text(
///     DEFAULT_REGISTRIES_CONF, &[], &["b.io".to_owned()], &MirrorSets::default())?;
/// assert!(text.ends_with("[[registry]]\n  prefix = \"\"\n  location = \"b.io\"\n  blocked = true\n"));
/// # Ok::<(), openshift_image::mirror::MirrorError>(())
/// ```
pub fn update_registries_config_text(
    base: &str,
    insecure: &[String],
    blocked: &[String],
    sets: &MirrorSets,
) -> Result<String, MirrorError> {
    update_registries_config(base, insecure, blocked, sets).map(|c| c.to_toml())
}

/// The search-registries drop-in (`mirrors.md` §8.6): a configuration holding only
/// `unqualified-search-registries`, as the MCO encodes it.
///
/// ```
/// use openshift_image::mirror::render::search_registries_drop_in;
/// assert_eq!(
///     search_registries_drop_in(&["reg.io".to_owned()]),
///     "unqualified-search-registries = [\"reg.io\"]\nshort-name-mode = \"\"\nadditional-layer-store-auth-helper = \"\"\n"
/// );
/// ```
#[must_use]
pub fn search_registries_drop_in(registries: &[String]) -> String {
    RegistriesConf {
        unqualified_search_registries: Some(registries.to_vec()),
        ..RegistriesConf::default()
    }
    .to_toml()
}

/// One file of [`ImageConfigRender::search_registries_drop_ins`].
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct DropIn {
    /// The file's path on the node.
    pub path: String,
    /// Its TOML text.
    pub content: String,
}

/// What the container-runtime-config controller generates (`mirrors.md` §8.1). A `None` file
/// is not rewritten.
#[derive(Serialize, Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageConfigRender {
    /// The payload guard's non-fatal error, which the MCO only logs.
    pub warning: Option<String>,
    /// The new registries.conf text.
    pub registries_conf: Option<String>,
    /// The new policy.json text.
    pub policy_json: Option<String>,
    /// The search-registries drop-in.
    pub search_registries_drop_ins: Option<Vec<DropIn>>,
}

/// The whole MCO pipeline for an `image.config.openshift.io/cluster` object (`mirrors.md` §8.1):
/// the payload guard, registries.conf (only when insecure registries are set, the blocked list
/// is present, or any mirror-set object exists), policy.json from the MCO template (when the
/// policy blocked or allowed list is present) and the search-registries drop-in (when
/// `containerRuntimeSearchRegistries` is present). Errors are returned unwrapped.
///
/// # Errors
/// [`MirrorError::ReleaseImage`] (`error parsing reference of release image`), then the first
/// error of [`update_registries_config`] or [`update_policy_json_text`].
///
/// ```
/// use openshift_image::mirror::render::{render_image_config, DEFAULT_REGISTRIES_CONF};
/// use openshift_image::mirror::sets::{ImageSpec, MirrorSets};
/// let spec: ImageSpec = serde_json::from_str(r#"{"registrySources": {"blockedRegistries": ["evil.io"]}}"#)?;
/// let out = render_image_config(
///     DEFAULT_REGISTRIES_CONF,
///     "quay.io/openshift-release-dev/ocp-release@sha256:4444444444444444444444444444444444444444444444444444444444444444",
///     &spec,
///     &MirrorSets::default(),
/// )?;
/// assert!(out.registries_conf.unwrap().contains("location = \"evil.io\"\n  blocked = true"));
/// assert!(out.policy_json.unwrap().contains("\"evil.io\""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render_image_config(
    base: &str,
    release_image: &str,
    image_spec: &ImageSpec,
    sets: &MirrorSets,
) -> Result<ImageConfigRender, MirrorError> {
    let sources = &image_spec.registry_sources;
    let guard = match valid_blocked_and_allowed_registries(release_image, image_spec, sets) {
        Ok(g) => g,
        Err(e @ MirrorError::ReleaseImage { .. }) => return Err(e),
        Err(e) => BlockedAndAllowed {
            warning: Some(e.to_string()),
            ..BlockedAndAllowed::default()
        },
    };
    let mut out = ImageConfigRender {
        warning: guard.warning.clone(),
        ..ImageConfigRender::default()
    };
    if sources.insecure_registries.is_some()
        || guard.registries_blocked.is_some()
        || !sets.is_empty()
    {
        let insecure = sources.insecure_registries.as_deref().unwrap_or_default();
        let blocked = guard.registries_blocked.as_deref().unwrap_or_default();
        out.registries_conf = Some(update_registries_config_text(
            base, insecure, blocked, sets,
        )?);
    }
    if guard.policy_blocked.is_some() || guard.allowed.is_some() {
        out.policy_json = Some(update_policy_json_text(
            DEFAULT_POLICY_JSON,
            guard.policy_blocked.as_deref(),
            guard.allowed.as_deref(),
            release_image,
        )?);
    }
    if let Some(search) = &sources.container_runtime_search_registries {
        out.search_registries_drop_ins = Some(vec![DropIn {
            path: SEARCH_REGISTRIES_DROP_IN_PATH.to_owned(),
            content: search_registries_drop_in(search),
        }]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn merge_examples() {
        type Case<'a> = (&'a str, &'a [&'a [&'a str]], &'a [&'a str]);
        let cases: &[Case<'_>] = &[
            (
                "s",
                &[&["a", "b", "c"], &["c", "d", "e"]],
                &["a", "b", "c", "d", "e"],
            ),
            (
                "s",
                &[&["a", "d", "e"], &["b", "c", "e"]],
                &["a", "b", "d", "c", "e"],
            ),
            ("s", &[&["z"], &["y"]], &["y", "z"]),
            (
                "src",
                &[&["z1", "src", "y2"], &["src", "y2", "x3"]],
                &["z1", "src", "y2", "x3"],
            ),
            (
                "a",
                &[&["x", "y"], &["y", "z"], &["z", "x"]],
                &["a", "x", "y", "z"],
            ),
            ("s", &[&["a", "a"]], &["a"]),
        ];
        for (source, lists, want) in cases {
            let lists: Vec<Vec<String>> = lists.iter().map(|l| strings(l)).collect();
            assert_eq!(
                merge_mirror_lists(source, &lists),
                strings(want),
                "{lists:?}"
            );
        }
    }

    #[test]
    fn wildcard_source_with_nested_entry_fails() {
        let sets: MirrorSets = serde_json::from_str(
            r#"{"idmss": [{"spec": {"imageDigestMirrors": [
                {"source": "*.q.io", "mirrors": ["m.local"]}]}}]}"#,
        )
        .unwrap();
        let mut conf = RegistriesConf::default();
        let err = edit_registries_config(&mut conf, &strings(&["a.q.io"]), &[], &sets).unwrap_err();
        assert_eq!(
            err.to_string(),
            "internal error: mirrorsAdjustedForNestedScope for a wildcard scope \"*.q.io\""
        );
    }

    #[test]
    fn nested_entries_inherit_outermost_mirrors() {
        let sets: MirrorSets = serde_json::from_str(
            r#"{"idmss": [{"spec": {"imageDigestMirrors": [
                {"source": "quay.io", "mirrors": ["a.local/q"]},
                {"source": "quay.io/ns", "mirrors": ["b.local/ns"]}]}}]}"#,
        )
        .unwrap();
        let mut conf = RegistriesConf::default();
        edit_registries_config(&mut conf, &[], &strings(&["quay.io/ns/repo"]), &sets).unwrap();
        let repo = conf
            .registries
            .iter()
            .find(|r| r.scope() == "quay.io/ns/repo")
            .unwrap();
        assert_eq!(repo.mirrors[0].location, "a.local/q/ns/repo");
        assert_eq!(repo.mirrors[0].pull_from_mirror, "digest-only");
    }

    #[test]
    fn base_decode_error_is_wrapped() {
        let err = update_registries_config("x = ", &[], &[], &MirrorSets::default()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("error unmarshalling registries config: toml: ")
        );
    }

    #[test]
    fn edit_cases() {
        // (idms entries, itms entries, insecure, blocked, rendered registries without the
        // top-level keys)
        type Case<'a> = (&'a str, &'a str, &'a [&'a str], &'a [&'a str], &'a str);
        let cases: &[Case<'_>] = &[
            (
                r#"[{"source": "q.io/ns", "mirrors": ["m.local/ns"], "mirrorSourcePolicy": "NeverContactSource"}]"#,
                r#"[{"source": "q.io/ns", "mirrors": ["t.local/ns"]}]"#,
                &["m.local"],
                &[],
                "[[registry]]\n  prefix = \"\"\n  location = \"q.io/ns\"\n  blocked = true\n\n  [[registry.mirror]]\n    location = \"m.local/ns\"\n    insecure = true\n    pull-from-mirror = \"digest-only\"\n\n  [[registry.mirror]]\n    location = \"t.local/ns\"\n    pull-from-mirror = \"tag-only\"\n\n[[registry]]\n  prefix = \"\"\n  location = \"m.local\"\n  insecure = true\n",
            ),
            (
                r#"[{"source": "q.io/ns", "mirrors": ["q.io/ns"], "mirrorSourcePolicy": "NeverContactSource"}]"#,
                "[]",
                &[],
                &["*.b.io"],
                "[[registry]]\n  prefix = \"*.b.io\"\n  blocked = true\n",
            ),
            (
                "[]",
                "[]",
                &["q.io"],
                &["q.io/a"],
                "[[registry]]\n  prefix = \"\"\n  location = \"q.io/a\"\n  insecure = true\n  blocked = true\n\n[[registry]]\n  prefix = \"\"\n  location = \"q.io\"\n  insecure = true\n",
            ),
        ];
        for (idms, itms, insecure, blocked, want) in cases {
            let sets: MirrorSets = serde_json::from_str(&format!(
                r#"{{"idmss": [{{"spec": {{"imageDigestMirrors": {idms}}}}}],
                    "itmss": [{{"spec": {{"imageTagMirrors": {itms}}}}}]}}"#
            ))
            .unwrap();
            let mut conf = RegistriesConf::default();
            edit_registries_config(&mut conf, &strings(insecure), &strings(blocked), &sets)
                .unwrap();
            let text = conf.to_toml();
            let body = text.split_once("\n\n").map_or("", |(_, b)| b);
            assert_eq!(body, *want, "{idms} {itms}");
        }
    }

    /// Every rendered entry and mirror names what produced it (§8.7), and the rendered text
    /// is the same with and without provenance.
    #[test]
    fn provenance_names_the_objects() {
        let sets: MirrorSets = serde_json::from_value(serde_json::json!({
            "idmss": [{"metadata": {"name": "d"}, "spec": {"imageDigestMirrors": [
                {"source": "quay.io/ns", "mirrors": ["m.local/ns"], "mirrorSourcePolicy": "NeverContactSource"}]}}],
            "itmss": [{"metadata": {"name": "t"}, "spec": {"imageTagMirrors": [
                {"source": "quay.io", "mirrors": ["t.local/q"]}]}}]}))
        .unwrap();
        let (insecure, blocked) = (strings(&["t.local"]), strings(&["quay.io/ns/blocked"]));
        let mut plain = RegistriesConf::default();
        edit_registries_config(&mut plain, &insecure, &blocked, &sets).unwrap();
        let mut conf = RegistriesConf::default();
        let prov =
            edit_registries_config_with_provenance(&mut conf, &insecure, &blocked, &sets).unwrap();
        assert_eq!(plain.to_toml(), conf.to_toml());
        assert_eq!(prov.entries.len(), conf.registries.len());
        let summary = |scope: &str| -> Vec<(String, &'static str)> {
            let e = prov.entry(scope).unwrap();
            e.origins
                .iter()
                .map(|o| (o.path.clone(), o.role.as_str()))
                .collect()
        };
        let idms = "ImageDigestMirrorSet/d.spec.imageDigestMirrors[0]";
        let itms = "ImageTagMirrorSet/t.spec.imageTagMirrors[0]";
        assert_eq!(
            summary("quay.io/ns"),
            [
                (idms.to_owned(), "source"),
                (idms.to_owned(), "never_contact_source")
            ]
        );
        assert_eq!(summary("quay.io"), [(itms.to_owned(), "source")]);
        let blocked_entry = prov.entry("quay.io/ns/blocked").unwrap();
        assert_eq!(
            blocked_entry.origins[0].path,
            "Image/cluster.spec.registrySources.blockedRegistries[0]"
        );
        // Inherited from the digest source (visited first), with the scope it came from.
        let inherited = &blocked_entry.mirrors[0][0];
        assert_eq!(
            (inherited.path.as_str(), inherited.role.as_str()),
            (idms, "inherited")
        );
        assert_eq!(inherited.from_scope.as_deref(), Some("quay.io/ns"));
        // The tag mirror is under an insecure scope: both contributions are named.
        let tag_mirror = &prov.entry("quay.io").unwrap().mirrors[0];
        let roles: Vec<&str> = tag_mirror.iter().map(|o| o.role.as_str()).collect();
        assert_eq!(roles, ["mirror", "insecure_scope"]);

        let why = explain_mirror_sets(
            DEFAULT_REGISTRIES_CONF,
            &insecure,
            &blocked,
            &sets,
            "quay.io/ns/blocked/app:v1",
        )
        .unwrap();
        let entry = why.entry.unwrap();
        assert_eq!(entry.registry.prefix, "quay.io/ns/blocked");
        assert_eq!(entry.origins[0].role.as_str(), "blocked_scope");
        assert_eq!(why.sources[0].origins[0].path, idms);
    }

    proptest::proptest! {
        /// The merge depends only on the set of edges: list order never changes it; every
        /// mirror appears once; the edit never fails or panics on non-wildcard inputs.
        #[test]
        fn merge_is_order_independent(
            lists in proptest::collection::vec(
                proptest::collection::vec("[a-e]", 1..5), 1..5),
        ) {
            let mut reversed = lists.clone();
            reversed.reverse();
            let merged = merge_mirror_lists("c", &lists);
            proptest::prop_assert_eq!(&merged, &merge_mirror_lists("c", &reversed));
            let unique: BTreeSet<&String> = merged.iter().collect();
            proptest::prop_assert_eq!(unique.len(), merged.len());

            let entries: Vec<serde_json::Value> = lists
                .iter()
                .map(|l| serde_json::json!({"source": "q.io/c", "mirrors": l.iter().map(|m| format!("q.io/{m}")).collect::<Vec<_>>()}))
                .collect();
            let sets: MirrorSets = serde_json::from_value(serde_json::json!(
                {"idmss": [{"spec": {"imageDigestMirrors": entries}}]})).unwrap();
            let mut conf = RegistriesConf::default();
            let blocked = strings(&["q.io/c/x", "q.io"]);
            proptest::prop_assert!(edit_registries_config(&mut conf, &strings(&["q.io/a"]), &blocked, &sets).is_ok());
        }
    }
}
