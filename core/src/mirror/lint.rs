//! Mistakes in mirror configuration that upstream accepts silently (`mirrors.md` §13): what the
//! runtime really does with mirror sets, registry sources and a registries.conf, compared with
//! what they appear to say. Upstream's texts stay in the conformance ops; the explanations live
//! here.
//!
//! Lint works on the configuration the MCO renders (`edit_registries_config`, the payload
//! guard, policy.json) and never fails: a validation or render error becomes a finding.
//!
//! ```
//! use openshift_image::mirror::lint::{LintInput, LintKind, lint};
//! use openshift_image::mirror::sets::MirrorSets;
//!
//! let sets: MirrorSets = serde_json::from_str(r#"{"idmss": [{"metadata": {"name": "d"},
//!   "spec": {"imageDigestMirrors": [{"source": "quay.io/ns", "mirrors": ["m.local/ns"],
//!     "mirrorSourcePolicy": "NeverContactSource"}]}}]}"#)?;
//! let findings = lint(&LintInput::new(&sets));
//! let never = findings.iter().find(|f| f.kind == LintKind::NeverContactWithoutMirror);
//! assert_eq!(never.map(|f| f.path.as_str()), Some("ImageDigestMirrorSet/d.spec.imageDigestMirrors[0]"));
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use super::conf::RegistriesConf;
use super::policy::{update_policy_json, valid_blocked_and_allowed_registries};
use super::render::{edit_registries_config, merged_sets};
use super::sets::{ImageSpec, MirrorSets, RegistrySources, Rule, RuleSet};
use crate::reference::{
    MirrorSourcePolicy, is_valid_mirror_source, policy_identity_and_namespaces,
    scope_is_nested_inside_scope,
};

/// The most distinct scopes lint compares pairwise-like (each against its own parents).
const MAX_SCOPES: usize = 100_000;

/// What a [`Finding`] is about (`mirrors.md` §13), in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LintKind {
    /// The MCO refuses the input (§7.2).
    InvalidMirrorSet,
    /// Rendering registries.conf fails (§8.4).
    RenderFailed,
    /// A NeverContactSource source whose entry keeps no usable mirror for a pull type.
    NeverContactWithoutMirror,
    /// A NeverContactSource rule without a real mirror: ignored with its policy.
    NeverContactIgnored,
    /// A rendered entry nested in a NeverContactSource source but not blocked.
    NeverContactBypassed,
    /// One source with digest and tag mirrors.
    SourceInDigestAndTagSets,
    /// A mirrored source nested in another: the longest prefix wins.
    OverlappingSources,
    /// A wildcard scope ties a literal scope of the same length and wins.
    WildcardTie,
    /// A nested entry inherits the mirrors of the outermost source, not the closest.
    NestedEntryInheritsOuterMirrors,
    /// A blocked / insecure scope or a prefix with a tag or digest: never applies.
    TagScopedScopeIgnored,
    /// A scope with a URI scheme: the rendered registries.conf does not load.
    ScopeBreaksRegistriesConf,
    /// A scope or source that no normalised reference matches.
    ScopeNeverMatches,
    /// A mirror that cannot form a valid reference: pulls using it fail.
    MirrorBreaksPulls,
    /// The payload guard dropped blocked scopes.
    BlockedScopeDropped,
    /// The payload guard failed: no blocked or allowed registries are rendered.
    PayloadGuardFailed,
    /// `allowedRegistries` omits a repository the payload needs.
    AllowedRegistriesOmitPayload,
    /// A blocked scope makes policy.json reject a payload repository.
    BlockedScopeRejectsPayload,
    /// policy.json allows only the payload.
    PolicyAllowsOnlyPayload,
    /// The payload is appended to `allowed` twice: policy.json fails to render.
    PayloadAllowedTwice,
    /// The merged mirror list of a source contains the source.
    SourceBecomesMirror,
    /// The merged mirror order differs from the input order.
    MergedOrder,
    /// A source with digest mirrors only.
    DigestOnlySource,
}

/// How bad a finding is, for every linter of the library ([`Finding`] here, and the `pull`
/// area's credential, auth-file and policy findings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Pulls or node configuration will fail.
    Error,
    /// The configuration very likely does not do what it says.
    Warning,
    /// Behaviour users often misread.
    Info,
}

impl LintKind {
    /// The kind's severity.
    #[must_use]
    pub const fn severity(self) -> Severity {
        match self {
            Self::InvalidMirrorSet
            | Self::RenderFailed
            | Self::NeverContactWithoutMirror
            | Self::ScopeBreaksRegistriesConf
            | Self::MirrorBreaksPulls
            | Self::PayloadGuardFailed
            | Self::AllowedRegistriesOmitPayload
            | Self::BlockedScopeRejectsPayload
            | Self::PolicyAllowsOnlyPayload
            | Self::PayloadAllowedTwice => Severity::Error,
            Self::SourceInDigestAndTagSets | Self::MergedOrder | Self::DigestOnlySource => {
                Severity::Info
            }
            _ => Severity::Warning,
        }
    }
}

/// One lint finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// What it is about.
    pub kind: LintKind,
    /// How bad it is.
    pub severity: Severity,
    /// Where (`<Kind>/<name>.spec.<list>[<i>]`, `Image/cluster.spec.registrySources.<field>[<i>]`,
    /// `registries.conf:registry[<i>]`, `ClusterVersion/version.status.desired.image`).
    pub path: String,
    /// The other places the finding is about.
    pub related: Vec<String>,
    /// The explanation.
    pub message: String,
}

/// What [`lint`] looks at.
#[derive(Debug, Clone, Copy)]
pub struct LintInput<'a> {
    /// The mirror-set objects.
    pub sets: &'a MirrorSets,
    /// `image.config.openshift.io/cluster` `spec.registrySources`.
    pub registry_sources: Option<&'a RegistrySources>,
    /// The release image (ClusterVersion `status.desired.image`).
    pub release_image: Option<&'a str>,
    /// Further repositories the payload needs (`oc adm release info --pullspecs`).
    pub payload_repositories: &'a [String],
    /// A base registries.conf the sets are rendered into.
    pub registries_conf: Option<&'a RegistriesConf>,
}

impl<'a> LintInput<'a> {
    /// The mirror sets alone (no registry sources, payload or base registries.conf).
    #[must_use]
    pub const fn new(sets: &'a MirrorSets) -> Self {
        Self {
            sets,
            registry_sources: None,
            release_image: None,
            payload_repositories: &[],
            registries_conf: None,
        }
    }
}

const RELEASE_PATH: &str = "ClusterVersion/version.status.desired.image";

fn rule_path(rule: &Rule) -> String {
    rule.path()
}

fn source_field_path(field: &str, i: usize) -> String {
    format!("Image/cluster.spec.registrySources.{field}[{i}]")
}

/// The path of the first rule of a source and those of the others.
fn first_and_related(list: &[&Rule]) -> (String, Vec<String>) {
    let mut paths = list.iter().map(|r| rule_path(r));
    let first = paths.next().unwrap_or_default();
    (first, paths.collect())
}

fn has_real_mirror(rule: &Rule) -> bool {
    rule.mirrors.iter().any(|m| *m != rule.source)
}

const fn pull_name(set: RuleSet) -> &'static str {
    match set {
        RuleSet::Digest => "digest",
        RuleSet::Tag => "tag",
    }
}

/// Whether a scope names a tag or digest (`@`, or `:` after its last `/`).
fn names_tag_or_digest(scope: &str) -> bool {
    let last = scope.rfind('/').map_or(0, |i| i + 1);
    scope.contains('@') || scope.get(last..).is_some_and(|tail| tail.contains(':'))
}

/// The scopes `scope` may be strictly nested in among `candidates`: its proper path prefixes and
/// the wildcards of its host's domain suffixes.
fn enclosing<'s>(scope: &str, candidates: &'s HashSet<&str>) -> Vec<&'s str> {
    let mut out = Vec::new();
    let mut push = |c: &str| {
        if let Some(found) = candidates.get(c)
            && *found != scope
            && scope_is_nested_inside_scope(scope, found)
        {
            out.push(*found);
        }
    };
    for (i, b) in scope.bytes().enumerate() {
        if b == b'/' {
            push(scope.get(..i).unwrap_or(""));
        }
    }
    let host_end = scope.find(['/', ':']).unwrap_or(scope.len());
    let host = scope.get(..host_end).unwrap_or("");
    for (i, b) in host.bytes().enumerate() {
        if b == b'.' {
            push(&format!("*{}", host.get(i..).unwrap_or("")));
        }
    }
    out
}

struct Collector {
    findings: Vec<Finding>,
}

impl Collector {
    fn add(&mut self, kind: LintKind, path: String, related: Vec<String>, message: String) {
        self.findings.push(Finding {
            kind,
            severity: kind.severity(),
            path,
            related,
            message,
        });
    }
}

/// Lints mirror sets, registry sources, the release payload and a base registries.conf
/// (`mirrors.md` §13). Never fails; findings are ordered by kind, path, message.
#[must_use]
pub fn lint(input: &LintInput<'_>) -> Vec<Finding> {
    let mut c = Collector {
        findings: Vec::new(),
    };
    let empty_sources = RegistrySources::default();
    let sources = input.registry_sources.unwrap_or(&empty_sources);
    let insecure = sources.insecure_registries.clone().unwrap_or_default();
    let blocked = sources.blocked_registries.clone().unwrap_or_default();
    let allowed = sources.allowed_registries.clone().unwrap_or_default();
    let rules = input.sets.rules();

    if let Err(e) =
        super::sets::validate_registries_conf_scopes(&insecure, &blocked, &allowed, input.sets)
    {
        c.add(
            LintKind::InvalidMirrorSet,
            "Image/cluster.spec.registrySources".to_owned(),
            Vec::new(),
            e.to_string(),
        );
    }
    let mut rendered = input.registries_conf.cloned().unwrap_or_default();
    let rendered_ok = match edit_registries_config(&mut rendered, &insecure, &blocked, input.sets) {
        Ok(()) => true,
        Err(e) => {
            c.add(
                LintKind::RenderFailed,
                "Image/cluster.spec.registrySources".to_owned(),
                Vec::new(),
                e.to_string(),
            );
            false
        }
    };

    // Rules by exact source, in rule order.
    let mut by_source: BTreeMap<&str, Vec<&Rule>> = BTreeMap::new();
    for rule in &rules {
        by_source
            .entry(rule.source.as_str())
            .or_default()
            .push(rule);
    }

    rule_checks(&mut c, &rules);
    source_checks(&mut c, &by_source);
    if rendered_ok {
        rendered_checks(&mut c, &rendered, &by_source, sources);
        inheritance_checks(
            &mut c,
            &rendered,
            input.registries_conf,
            &by_source,
            sources,
        );
    }
    scope_checks(&mut c, sources, input.registries_conf, &rules);
    payload_checks(&mut c, input, sources);

    c.findings
        .sort_by(|a, b| (a.kind, &a.path, &a.message).cmp(&(b.kind, &b.path, &b.message)));
    c.findings
}

/// Checks on single rules: ignored policies, mirrors that break pulls.
fn rule_checks(c: &mut Collector, rules: &[Rule]) {
    for rule in rules {
        let path = rule_path(rule);
        if rule.policy == MirrorSourcePolicy::NeverContactSource && !has_real_mirror(rule) {
            c.add(
                LintKind::NeverContactIgnored,
                path.clone(),
                Vec::new(),
                format!(
                    "the entry for \"{}\" has no mirror other than the source, so it is ignored together with its NeverContactSource policy; the source stays reachable",
                    rule.source
                ),
            );
        }
        for (j, mirror) in rule.mirrors.iter().enumerate() {
            if let Err(e) = super::lookup::parse_named_legacy(&format!("{mirror}/x:latest")) {
                c.add(
                    LintKind::MirrorBreaksPulls,
                    format!("{path}.mirrors[{j}]"),
                    Vec::new(),
                    format!(
                        "mirror \"{mirror}\" of \"{}\" cannot form a valid reference ({e}); pulls that use this mirror fail with \"rewriting reference: {e}\" before any source is tried",
                        rule.source
                    ),
                );
            }
        }
    }
}

/// Checks on the rules of each source and between sources.
fn source_checks(c: &mut Collector, by_source: &BTreeMap<&str, Vec<&Rule>>) {
    // Pull types each source has real mirrors for.
    let mut serves: HashMap<&str, (bool, bool)> = HashMap::new();
    for (source, list) in by_source {
        let digest = list
            .iter()
            .any(|r| r.set == RuleSet::Digest && has_real_mirror(r));
        let tag = list
            .iter()
            .any(|r| r.set == RuleSet::Tag && has_real_mirror(r));
        serves.insert(source, (digest, tag));
        let (path, related) = first_and_related(list);
        if digest && tag {
            c.add(
                LintKind::SourceInDigestAndTagSets,
                path.clone(),
                related.clone(),
                format!(
                    "\"{source}\" has digest mirrors and tag mirrors; they share one registries.conf entry where digest pulls use only the digest mirrors and tag pulls only the tag mirrors"
                ),
            );
        }
        if digest && !list.iter().any(|r| r.set == RuleSet::Tag) {
            c.add(
                LintKind::DigestOnlySource,
                path.clone(),
                related.clone(),
                format!("tag pulls of \"{source}\" are not mirrored: it has only digest mirrors"),
            );
        }
        for set in [RuleSet::Digest, RuleSet::Tag] {
            let of_set: Vec<&Rule> = list.iter().copied().filter(|r| r.set == set).collect();
            let real: Vec<&Rule> = of_set
                .iter()
                .copied()
                .filter(|r| has_real_mirror(r))
                .collect();
            if real.is_empty() {
                continue;
            }
            let merged = merged_sets(real.iter().map(|r| (*r).clone()));
            let Some(m) = merged.first() else { continue };
            if let Some(i) = m.mirrors.iter().position(|x| x == source) {
                c.add(
                    LintKind::SourceBecomesMirror,
                    path.clone(),
                    related.clone(),
                    format!(
                        "the merged mirror list of \"{source}\" contains the source itself at position {i}; it is tried as a {}-only mirror before the remaining mirrors",
                        pull_name(set)
                    ),
                );
            }
            if real.len() > 1 {
                let mut concatenated: Vec<&str> = Vec::new();
                let mut seen: HashSet<&str> = HashSet::new();
                for r in &real {
                    for mirror in &r.mirrors {
                        if mirror != source && seen.insert(mirror) {
                            concatenated.push(mirror);
                        }
                    }
                }
                let merged_list: Vec<&str> = m.mirrors.iter().map(String::as_str).collect();
                if merged_list != concatenated {
                    c.add(
                        LintKind::MergedOrder,
                        path.clone(),
                        related.clone(),
                        format!(
                            "mirrors of \"{source}\" merge to {}, not to the input order {}",
                            merged_list.join(", "),
                            concatenated.join(", ")
                        ),
                    );
                }
            }
        }
    }
    // Overlapping sources: b strictly nested in a, both with real mirrors.
    let mirrored: HashSet<&str> = serves
        .iter()
        .filter(|(_, (d, t))| *d || *t)
        .map(|(s, _)| *s)
        .take(MAX_SCOPES)
        .collect();
    let mut pairs: BTreeSet<(&str, &str)> = BTreeSet::new();
    for b in &mirrored {
        for a in enclosing(b, &mirrored) {
            pairs.insert((a, b));
        }
    }
    for (a, b) in pairs {
        let (ad, at) = serves.get(a).copied().unwrap_or_default();
        let (bd, bt) = serves.get(b).copied().unwrap_or_default();
        let mut message = format!(
            "\"{b}\" is nested in \"{a}\"; images under \"{b}\" use only the mirrors of \"{b}\" (the longest prefix wins), never those of \"{a}\""
        );
        for (serves_a, serves_b, p) in [(ad, bd, "digest"), (at, bt, "tag")] {
            if serves_a && !serves_b {
                message.push_str(&format!(
                    " and {p} pulls under \"{b}\" get no mirror at all"
                ));
            }
        }
        let list = by_source.get(b).map(Vec::as_slice).unwrap_or(&[]);
        let (path, mut related) = first_and_related(list);
        if let Some(outer) = by_source.get(a) {
            related.extend(outer.iter().map(|r| rule_path(r)));
        }
        c.add(LintKind::OverlappingSources, path, related, message);
    }
}

/// Checks on the rendered registries.conf.
fn rendered_checks(
    c: &mut Collector,
    rendered: &RegistriesConf,
    by_source: &BTreeMap<&str, Vec<&Rule>>,
    sources: &RegistrySources,
) {
    let never_sources: Vec<&str> = by_source
        .iter()
        .filter(|(_, list)| {
            list.iter()
                .any(|r| r.policy == MirrorSourcePolicy::NeverContactSource && has_real_mirror(r))
        })
        .map(|(s, _)| *s)
        .collect();
    let mut by_scope: HashMap<&str, usize> = HashMap::new();
    for (i, r) in rendered.registries.iter().enumerate() {
        by_scope.entry(r.scope()).or_insert(i);
    }
    for source in &never_sources {
        let list = by_source.get(source).map(Vec::as_slice).unwrap_or(&[]);
        let (path, related) = first_and_related(list);
        let Some(entry) = by_scope
            .get(source)
            .and_then(|i| rendered.registries.get(*i))
        else {
            continue;
        };
        if !entry.blocked {
            continue;
        }
        for set in [RuleSet::Digest, RuleSet::Tag] {
            let kept: Vec<&str> = entry
                .mirrors
                .iter()
                .filter(|m| match m.pull_from_mirror.as_str() {
                    "digest-only" => set == RuleSet::Digest,
                    "tag-only" => set == RuleSet::Tag,
                    _ => set == RuleSet::Digest || !entry.mirror_by_digest_only,
                })
                .map(|m| m.location.as_str())
                .collect();
            let p = pull_name(set);
            if kept.is_empty() {
                c.add(
                    LintKind::NeverContactWithoutMirror,
                    path.clone(),
                    related.clone(),
                    format!(
                        "\"{source}\" is blocked by NeverContactSource and has no mirror for {p} pulls; every {p} pull of it fails"
                    ),
                );
            } else if kept.iter().all(|loc| {
                longest_entry(&by_scope, loc)
                    .and_then(|i| rendered.registries.get(i))
                    .is_some_and(|r| r.blocked)
            }) {
                c.add(
                    LintKind::NeverContactWithoutMirror,
                    path.clone(),
                    related.clone(),
                    format!(
                        "\"{source}\" is blocked by NeverContactSource and every mirror for {p} pulls is blocked too; every {p} pull of it fails"
                    ),
                );
            }
        }
    }
    // Entries strictly nested in a NeverContactSource source and not blocked.
    let never_set: HashSet<&str> = never_sources.iter().copied().collect();
    for (i, entry) in rendered.registries.iter().enumerate() {
        if entry.blocked {
            continue;
        }
        for s in enclosing(entry.scope(), &never_set) {
            let path = by_source
                .get(entry.scope())
                .map(|l| first_and_related(l).0)
                .or_else(|| scope_source_path(sources, entry.scope()))
                .unwrap_or_else(|| format!("registries.conf:registry[{i}]"));
            c.add(
                LintKind::NeverContactBypassed,
                path,
                Vec::new(),
                format!(
                    "\"{}\" is nested in \"{s}\" but not blocked, so NeverContactSource on \"{s}\" does not apply to images under \"{}\"",
                    entry.scope(),
                    entry.scope()
                ),
            );
        }
    }
}

/// Entries that inherit (§8.4 step 7) the mirrors of an outer source although a closer mirrored
/// source encloses them.
fn inheritance_checks(
    c: &mut Collector,
    rendered: &RegistriesConf,
    base: Option<&RegistriesConf>,
    by_source: &BTreeMap<&str, Vec<&Rule>>,
    sources: &RegistrySources,
) {
    // Visiting order: digest sources sorted, then tag sources sorted.
    let mut order: Vec<&str> = Vec::new();
    for set in [RuleSet::Digest, RuleSet::Tag] {
        for (source, list) in by_source {
            if list.iter().any(|r| r.set == set && has_real_mirror(r)) {
                order.push(source);
            }
        }
    }
    let mirrored: HashSet<&str> = order.iter().copied().collect();
    for (i, entry) in rendered.registries.iter().enumerate() {
        let scope = entry.scope();
        if mirrored.contains(scope) {
            continue;
        }
        let had_mirrors = base
            .and_then(|b| b.registries.iter().find(|r| r.scope() == scope))
            .is_some_and(|r| !r.mirrors.is_empty());
        if had_mirrors {
            continue;
        }
        let enclosing_sources = enclosing(scope, &mirrored);
        let Some(outer) = order
            .iter()
            .copied()
            .find(|s| enclosing_sources.contains(s))
        else {
            continue;
        };
        let closer = enclosing_sources
            .iter()
            .copied()
            .filter(|s| *s != outer && scope_is_nested_inside_scope(s, outer))
            .max_by_key(|s| s.len());
        let Some(closer) = closer else { continue };
        let path = by_source
            .get(scope)
            .map(|l| first_and_related(l).0)
            .or_else(|| scope_source_path(sources, scope))
            .unwrap_or_else(|| format!("registries.conf:registry[{i}]"));
        let related = by_source
            .get(outer)
            .map(|l| l.iter().map(|r| rule_path(r)).collect())
            .unwrap_or_default();
        c.add(
            LintKind::NestedEntryInheritsOuterMirrors,
            path,
            related,
            format!("\"{scope}\" inherits the mirrors of \"{outer}\", not those of the closer \"{closer}\""),
        );
    }
}

/// The path of a blocked or insecure scope among the registry sources.
fn scope_source_path(sources: &RegistrySources, scope: &str) -> Option<String> {
    for (field, list) in [
        ("blockedRegistries", &sources.blocked_registries),
        ("insecureRegistries", &sources.insecure_registries),
    ] {
        if let Some(i) = list.iter().flatten().position(|s| s == scope) {
            return Some(source_field_path(field, i));
        }
    }
    None
}

/// The entry with the longest matching prefix for `name` (`find_registry`), looked up among
/// the scopes that can match it: `name` cut before each `:`, `/` or `@` (and whole), and the
/// wildcards of its host's domain suffixes. On a tie the wildcard wins, as in the runtime.
fn longest_entry(by_scope: &HashMap<&str, usize>, name: &str) -> Option<usize> {
    let mut candidates: Vec<String> = vec![name.to_owned()];
    for (k, b) in name.bytes().enumerate() {
        if matches!(b, b':' | b'/' | b'@') {
            candidates.push(name.get(..k).unwrap_or("").to_owned());
        }
    }
    let host_end = name.find(['/', ':', '@']).unwrap_or(name.len());
    let host = name.get(..host_end).unwrap_or("");
    for (k, b) in host.bytes().enumerate() {
        if b == b'.' {
            candidates.push(format!("*{}", host.get(k..).unwrap_or("")));
        }
    }
    let mut best: Option<(usize, bool, usize)> = None;
    for candidate in &candidates {
        let Some(&i) = by_scope.get(candidate.as_str()) else {
            continue;
        };
        let Some(len) = crate::reference::ref_matching_prefix(name, candidate) else {
            continue;
        };
        let wildcard = candidate.starts_with("*.");
        if best.is_none_or(|(l, w, _)| len > l || (len == l && wildcard && !w)) {
            best = Some((len, wildcard, i));
        }
    }
    best.map(|(_, _, i)| i)
}

/// Checks on the scopes and sources as written.
fn scope_checks(
    c: &mut Collector,
    sources: &RegistrySources,
    conf: Option<&RegistriesConf>,
    rules: &[Rule],
) {
    let mut scopes: Vec<(String, String)> = Vec::new(); // (path, scope)
    for (field, list) in [
        ("blockedRegistries", &sources.blocked_registries),
        ("insecureRegistries", &sources.insecure_registries),
    ] {
        for (i, x) in list.iter().flatten().enumerate() {
            let path = source_field_path(field, i);
            let kind = if field == "blockedRegistries" {
                "blocked"
            } else {
                "insecure"
            };
            if x.starts_with("http://") || x.starts_with("https://") {
                c.add(
                    LintKind::ScopeBreaksRegistriesConf,
                    path,
                    Vec::new(),
                    format!(
                        "scope \"{x}\" has a URI scheme; the rendered registries.conf fails to load: invalid location '{x}': URI schemes are not supported"
                    ),
                );
                continue;
            }
            if names_tag_or_digest(x) {
                let message = if kind == "blocked" {
                    format!(
                        "blocked scope \"{x}\" names a tag or digest; runtime lookups use the repository name only, so registries.conf never blocks it (policy.json rejects only the exact reference \"{x}\")"
                    )
                } else {
                    format!(
                        "insecure scope \"{x}\" names a tag or digest; runtime lookups use the repository name only, so it never applies"
                    )
                };
                c.add(LintKind::TagScopedScopeIgnored, path, Vec::new(), message);
                continue;
            }
            scopes.push((path, x.clone()));
        }
    }
    if let Some(conf) = conf {
        for (i, r) in conf.registries.iter().enumerate() {
            if names_tag_or_digest(&r.prefix) {
                c.add(
                    LintKind::TagScopedScopeIgnored,
                    format!("registries.conf:registry[{i}]"),
                    Vec::new(),
                    format!(
                        "prefix \"{}\" names a tag or digest; runtime lookups use the repository name only, so this entry never applies",
                        r.prefix
                    ),
                );
            }
            for (j, m) in r.mirrors.iter().enumerate() {
                if let Err(e) =
                    super::lookup::parse_named_legacy(&format!("{}/x:latest", m.location))
                {
                    c.add(
                        LintKind::MirrorBreaksPulls,
                        format!("registries.conf:registry[{i}].mirrors[{j}]"),
                        Vec::new(),
                        format!(
                            "mirror \"{}\" of \"{}\" cannot form a valid reference ({e}); pulls that use this mirror fail with \"rewriting reference: {e}\" before any source is tried",
                            m.location,
                            r.scope()
                        ),
                    );
                }
            }
        }
    }
    for rule in rules {
        scopes.push((rule_path(rule), rule.source.clone()));
    }
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for (path, x) in &scopes {
        if !seen.insert((path.clone(), x.clone())) {
            continue;
        }
        let trimmed = x.trim_end_matches('/');
        if !is_valid_mirror_source(trimmed) {
            c.add(
                LintKind::ScopeNeverMatches,
                path.clone(),
                Vec::new(),
                format!(
                    "\"{x}\" is not a valid registry scope; no normalised reference can match it"
                ),
            );
            continue;
        }
        if !trimmed.starts_with("*.") {
            let first = trimmed.split('/').next().unwrap_or("");
            if trimmed.contains('/')
                && !first.contains('.')
                && !first.contains(':')
                && first != "localhost"
            {
                c.add(
                    LintKind::ScopeNeverMatches,
                    path.clone(),
                    Vec::new(),
                    format!(
                        "\"{x}\" does not match normalised references to that host: a first component without \".\" or \":\" (other than localhost) is read as a Docker Hub namespace"
                    ),
                );
            }
        }
    }
    // Wildcard ties: a wildcard and a literal scope of the same length, the literal nested in it.
    let all: Vec<&str> = scopes.iter().map(|(_, s)| s.as_str()).collect();
    let wildcards: HashSet<&str> = all
        .iter()
        .copied()
        .filter(|s| s.starts_with("*."))
        .collect();
    let mut ties: BTreeSet<(&str, &str)> = BTreeSet::new();
    for l in all.iter().copied().filter(|s| !s.starts_with("*.")) {
        for w in enclosing(l, &wildcards) {
            if w.len() == l.len() {
                ties.insert((l, w));
            }
        }
    }
    for (l, w) in ties {
        let path = scopes
            .iter()
            .find(|(_, s)| s == l)
            .map(|(p, _)| p.clone())
            .unwrap_or_default();
        c.add(
            LintKind::WildcardTie,
            path,
            Vec::new(),
            format!(
                "\"{l}\" never applies: \"{w}\" has the same length, sorts first and wins every lookup \"{l}\" matches"
            ),
        );
    }
}

/// The requirements policy.json applies to `repo` and the scope that matched, or `None` when
/// the repository does not parse.
fn policy_lookup(policy: &Value, repo: &str) -> Option<(bool, String)> {
    let scopes = policy_identity_and_namespaces(repo).ok()?;
    let docker = policy.get("transports").and_then(|t| t.get("docker"));
    let rejects = |reqs: &Value| {
        reqs.as_array().is_some_and(|a| {
            a.iter()
                .any(|r| r.get("type") == Some(&Value::from("reject")))
        })
    };
    for scope in std::iter::once(&scopes.identity).chain(scopes.namespaces.iter()) {
        if let Some(reqs) = docker.and_then(|d| d.get(scope.as_str())) {
            return Some((rejects(reqs), scope.clone()));
        }
    }
    if let Some(reqs) = docker.and_then(|d| d.get("")) {
        return Some((rejects(reqs), String::new()));
    }
    Some((
        policy.get("default").is_some_and(rejects),
        "default".to_owned(),
    ))
}

/// Checks of the payload guard and policy.json.
fn payload_checks(c: &mut Collector, input: &LintInput<'_>, sources: &RegistrySources) {
    let Some(release) = input.release_image else {
        return;
    };
    let spec = ImageSpec {
        registry_sources: sources.clone(),
    };
    let guard = match valid_blocked_and_allowed_registries(release, &spec, input.sets) {
        Ok(g) => g,
        Err(e) => {
            c.add(
                LintKind::PayloadGuardFailed,
                RELEASE_PATH.to_owned(),
                Vec::new(),
                format!(
                    "the payload check failed ({e}), so the MCO renders no blocked or allowed registries"
                ),
            );
            return;
        }
    };
    if let Some(w) = &guard.warning {
        c.add(
            LintKind::BlockedScopeDropped,
            "Image/cluster.spec.registrySources.blockedRegistries".to_owned(),
            Vec::new(),
            w.clone(),
        );
    }
    let payload = super::policy::parse_release_image(release)
        .map(|r| r.name().to_owned())
        .unwrap_or_default();
    let policy_blocked = guard.policy_blocked.clone().unwrap_or_default();
    let allowed = guard.allowed.clone().unwrap_or_default();
    let payload_count = allowed.iter().filter(|a| **a == payload).count();
    if !policy_blocked.is_empty() && payload_count > 1 {
        c.add(
            LintKind::PayloadAllowedTwice,
            RELEASE_PATH.to_owned(),
            Vec::new(),
            format!(
                "two or more blocked scopes contain the payload repository \"{payload}\"; the MCO then fails to render policy.json: invalid images config: only one of AllowedRegistries or BlockedRegistries may be specified"
            ),
        );
    }
    if policy_blocked.is_empty() && allowed == [payload.clone()] {
        let scope = sources
            .blocked_registries
            .iter()
            .flatten()
            .find(|s| **s == payload)
            .cloned()
            .unwrap_or_else(|| payload.clone());
        c.add(
            LintKind::PolicyAllowsOnlyPayload,
            RELEASE_PATH.to_owned(),
            Vec::new(),
            format!(
                "blocking \"{scope}\" leaves policy.json allowing only \"{payload}\" and rejecting every other image"
            ),
        );
    }
    let Ok(policy) = update_policy_json(
        super::policy::DEFAULT_POLICY_JSON,
        guard.policy_blocked.as_deref(),
        guard.allowed.as_deref(),
        release,
    ) else {
        return;
    };
    let mut repos: Vec<String> = vec![payload];
    repos.extend(input.payload_repositories.iter().cloned());
    let allowed_set = sources
        .allowed_registries
        .as_ref()
        .is_some_and(|a| !a.is_empty());
    let blocked_set = sources
        .blocked_registries
        .as_ref()
        .is_some_and(|b| !b.is_empty());
    for repo in repos.iter().filter(|r| !r.is_empty()) {
        let Some((reject, scope)) = policy_lookup(&policy, repo) else {
            continue;
        };
        if !reject {
            continue;
        }
        if allowed_set {
            c.add(
                LintKind::AllowedRegistriesOmitPayload,
                RELEASE_PATH.to_owned(),
                Vec::new(),
                format!(
                    "allowedRegistries does not admit \"{repo}\", which the release payload needs; policy.json rejects it and nodes cannot pull it"
                ),
            );
        } else if blocked_set {
            c.add(
                LintKind::BlockedScopeRejectsPayload,
                RELEASE_PATH.to_owned(),
                Vec::new(),
                format!(
                    "policy.json rejects \"{repo}\", which the release payload needs (scope \"{scope}\"), even though mirrors exist"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RELEASE: &str = "quay.io/openshift-release-dev/ocp-release@sha256:4444444444444444444444444444444444444444444444444444444444444444";

    fn run(sets_json: &str, sources_json: &str, release: Option<&str>) -> Vec<Finding> {
        let sets: MirrorSets = serde_json::from_str(sets_json).unwrap();
        let sources: RegistrySources = serde_json::from_str(sources_json).unwrap();
        let extra = vec!["quay.io/openshift-release-dev/ocp-v4.0-art-dev".to_owned()];
        lint(&LintInput {
            registry_sources: Some(&sources),
            release_image: release,
            payload_repositories: &extra,
            ..LintInput::new(&sets)
        })
    }

    #[test]
    fn findings_table() {
        type Expected<'a> = &'a [(LintKind, &'a str, &'a str)];
        let cases: &[(&str, &str, &str, Option<&str>, Expected<'_>)] = &[
            (
                "never contact without tag mirror",
                r#"{"idmss": [{"metadata": {"name": "d"}, "spec": {"imageDigestMirrors": [
                    {"source": "quay.io/ns", "mirrors": ["m.local/ns"], "mirrorSourcePolicy": "NeverContactSource"}]}}]}"#,
                "{}",
                None,
                &[(
                    LintKind::NeverContactWithoutMirror,
                    "ImageDigestMirrorSet/d.spec.imageDigestMirrors[0]",
                    r#""quay.io/ns" is blocked by NeverContactSource and has no mirror for tag pulls; every tag pull of it fails"#,
                )],
            ),
            (
                "never contact with blocked mirrors",
                r#"{"idmss": [{"metadata": {"name": "d"}, "spec": {"imageDigestMirrors": [
                    {"source": "quay.io/ns", "mirrors": ["m.local/ns"], "mirrorSourcePolicy": "NeverContactSource"}]}}]}"#,
                r#"{"blockedRegistries": ["m.local"]}"#,
                None,
                &[(
                    LintKind::NeverContactWithoutMirror,
                    "ImageDigestMirrorSet/d.spec.imageDigestMirrors[0]",
                    r#""quay.io/ns" is blocked by NeverContactSource and every mirror for digest pulls is blocked too; every digest pull of it fails"#,
                )],
            ),
            (
                "merge order, source as mirror, wildcard tie",
                r#"{"idmss": [{"metadata": {"name": "d"}, "spec": {"imageDigestMirrors": [
                    {"source": "q.io/ns", "mirrors": ["a.local/ns", "d.local/ns", "e.local/ns"]},
                    {"source": "q.io/ns", "mirrors": ["b.local/ns", "c.local/ns", "e.local/ns"]},
                    {"source": "r.io/ns", "mirrors": ["z.local/ns", "r.io/ns"]},
                    {"source": "r.io/ns", "mirrors": ["r.io/ns", "z.local/ns"]},
                    {"source": "*.b.io", "mirrors": ["w.local"]},
                    {"source": "a.b.io", "mirrors": ["x.local"]}]}}]}"#,
                "{}",
                None,
                &[
                    (
                        LintKind::MergedOrder,
                        "ImageDigestMirrorSet/d.spec.imageDigestMirrors[0]",
                        r#"mirrors of "q.io/ns" merge to a.local/ns, b.local/ns, d.local/ns, c.local/ns, e.local/ns, not to the input order a.local/ns, d.local/ns, e.local/ns, b.local/ns, c.local/ns"#,
                    ),
                    (
                        LintKind::SourceBecomesMirror,
                        "ImageDigestMirrorSet/d.spec.imageDigestMirrors[2]",
                        r#"the merged mirror list of "r.io/ns" contains the source itself at position 0; it is tried as a digest-only mirror before the remaining mirrors"#,
                    ),
                    (
                        LintKind::WildcardTie,
                        "ImageDigestMirrorSet/d.spec.imageDigestMirrors[5]",
                        r#""a.b.io" never applies: "*.b.io" has the same length, sorts first and wins every lookup "a.b.io" matches"#,
                    ),
                ],
            ),
            (
                "never contact ignored",
                r#"{"idmss": [{"spec": {"imageDigestMirrors": [
                    {"source": "quay.io/ns", "mirrors": ["quay.io/ns"], "mirrorSourcePolicy": "NeverContactSource"}]}}]}"#,
                "{}",
                None,
                &[(
                    LintKind::NeverContactIgnored,
                    "ImageDigestMirrorSet#0.spec.imageDigestMirrors[0]",
                    r#"the entry for "quay.io/ns" has no mirror other than the source, so it is ignored together with its NeverContactSource policy; the source stays reachable"#,
                )],
            ),
            (
                "digest and tag sets, overlap",
                r#"{"idmss": [{"metadata": {"name": "d"}, "spec": {"imageDigestMirrors": [
                    {"source": "quay.io", "mirrors": ["m.local/quay"]}]}}],
                   "itmss": [{"metadata": {"name": "t"}, "spec": {"imageTagMirrors": [
                    {"source": "quay.io", "mirrors": ["t.local/quay"]},
                    {"source": "quay.io/ns", "mirrors": ["t.local/ns"]}]}}]}"#,
                "{}",
                None,
                &[
                    (
                        LintKind::SourceInDigestAndTagSets,
                        "ImageDigestMirrorSet/d.spec.imageDigestMirrors[0]",
                        r#""quay.io" has digest mirrors and tag mirrors; they share one registries.conf entry where digest pulls use only the digest mirrors and tag pulls only the tag mirrors"#,
                    ),
                    (
                        LintKind::OverlappingSources,
                        "ImageTagMirrorSet/t.spec.imageTagMirrors[1]",
                        r#""quay.io/ns" is nested in "quay.io"; images under "quay.io/ns" use only the mirrors of "quay.io/ns" (the longest prefix wins), never those of "quay.io" and digest pulls under "quay.io/ns" get no mirror at all"#,
                    ),
                ],
            ),
            (
                "scopes",
                "{}",
                r#"{"blockedRegistries": ["quay.io/ns/app:1", "https://x.io"], "insecureRegistries": ["registry/ns"]}"#,
                None,
                &[
                    (
                        LintKind::TagScopedScopeIgnored,
                        "Image/cluster.spec.registrySources.blockedRegistries[0]",
                        r#"blocked scope "quay.io/ns/app:1" names a tag or digest; runtime lookups use the repository name only, so registries.conf never blocks it (policy.json rejects only the exact reference "quay.io/ns/app:1")"#,
                    ),
                    (
                        LintKind::ScopeBreaksRegistriesConf,
                        "Image/cluster.spec.registrySources.blockedRegistries[1]",
                        r#"scope "https://x.io" has a URI scheme; the rendered registries.conf fails to load: invalid location 'https://x.io': URI schemes are not supported"#,
                    ),
                    (
                        LintKind::ScopeNeverMatches,
                        "Image/cluster.spec.registrySources.insecureRegistries[0]",
                        r#""registry/ns" does not match normalised references to that host: a first component without "." or ":" (other than localhost) is read as a Docker Hub namespace"#,
                    ),
                ],
            ),
            (
                "mirror breaks pulls",
                r#"{"icsps": [{"metadata": {"name": "i"}, "spec": {"repositoryDigestMirrors": [
                    {"source": "quay.io/ns", "mirrors": ["registry/ns"]}]}}]}"#,
                "{}",
                None,
                &[(
                    LintKind::MirrorBreaksPulls,
                    "ImageContentSourcePolicy/i.spec.repositoryDigestMirrors[0].mirrors[0]",
                    r#"mirror "registry/ns" of "quay.io/ns" cannot form a valid reference (repository name must be canonical); pulls that use this mirror fail with "rewriting reference: repository name must be canonical" before any source is tried"#,
                )],
            ),
            (
                "nested entry inherits the outer mirrors",
                r#"{"idmss": [{"metadata": {"name": "d"}, "spec": {"imageDigestMirrors": [
                    {"source": "quay.io", "mirrors": ["a.local/q"]},
                    {"source": "quay.io/ns", "mirrors": ["b.local/ns"]}]}}]}"#,
                r#"{"blockedRegistries": ["quay.io/ns/repo"]}"#,
                None,
                &[(
                    LintKind::NestedEntryInheritsOuterMirrors,
                    "Image/cluster.spec.registrySources.blockedRegistries[0]",
                    r#""quay.io/ns/repo" inherits the mirrors of "quay.io", not those of the closer "quay.io/ns""#,
                )],
            ),
            (
                "allowed registries omit the payload",
                "{}",
                r#"{"allowedRegistries": ["registry.example.com"]}"#,
                Some(RELEASE),
                &[(
                    LintKind::AllowedRegistriesOmitPayload,
                    RELEASE_PATH,
                    r#"allowedRegistries does not admit "quay.io/openshift-release-dev/ocp-release", which the release payload needs; policy.json rejects it and nodes cannot pull it"#,
                )],
            ),
            (
                "blocked registry rejects component repositories",
                r#"{"idmss": [{"metadata": {"name": "d"}, "spec": {"imageDigestMirrors": [
                    {"source": "quay.io", "mirrors": ["m.local/quay"]}]}}]}"#,
                r#"{"blockedRegistries": ["quay.io"]}"#,
                Some(RELEASE),
                &[(
                    LintKind::BlockedScopeRejectsPayload,
                    RELEASE_PATH,
                    r#"policy.json rejects "quay.io/openshift-release-dev/ocp-v4.0-art-dev", which the release payload needs (scope "quay.io"), even though mirrors exist"#,
                )],
            ),
            (
                "payload allowed twice",
                r#"{"idmss": [{"metadata": {"name": "d"}, "spec": {"imageDigestMirrors": [
                    {"source": "quay.io", "mirrors": ["m.local/quay"]}]}}]}"#,
                r#"{"blockedRegistries": ["quay.io", "quay.io/openshift-release-dev"]}"#,
                Some(RELEASE),
                &[(
                    LintKind::PayloadAllowedTwice,
                    RELEASE_PATH,
                    r#"two or more blocked scopes contain the payload repository "quay.io/openshift-release-dev/ocp-release"; the MCO then fails to render policy.json: invalid images config: only one of AllowedRegistries or BlockedRegistries may be specified"#,
                )],
            ),
        ];
        for (name, sets_json, sources_json, release, want) in cases {
            let got = run(sets_json, sources_json, *release);
            for (kind, path, message) in *want {
                assert!(
                    got.iter()
                        .any(|f| f.kind == *kind && f.path == *path && f.message == *message),
                    "{name}: missing {kind:?} at {path}: {message}\ngot: {got:#?}"
                );
            }
        }
    }

    #[test]
    fn clean_configuration_has_no_warnings() {
        let got = run(
            r#"{"idmss": [{"metadata": {"name": "d"}, "spec": {"imageDigestMirrors": [
                {"source": "quay.io/ns", "mirrors": ["m.local/ns"]}]}}],
               "itmss": [{"metadata": {"name": "t"}, "spec": {"imageTagMirrors": [
                {"source": "quay.io/ns", "mirrors": ["m.local/ns"]}]}}]}"#,
            "{}",
            Some(RELEASE),
        );
        assert!(got.iter().all(|f| f.severity == Severity::Info), "{got:#?}");
    }

    #[test]
    fn findings_are_sorted() {
        let got = run(
            r#"{"idmss": [{"metadata": {"name": "d"}, "spec": {"imageDigestMirrors": [
                {"source": "registry/x", "mirrors": ["registry/ns"]},
                {"source": "quay.io/ns", "mirrors": ["quay.io/ns"], "mirrorSourcePolicy": "NeverContactSource"}]}}]}"#,
            r#"{"blockedRegistries": ["a.io/x@sha256:1111111111111111111111111111111111111111111111111111111111111111"]}"#,
            None,
        );
        let keys: Vec<(LintKind, &str)> = got.iter().map(|f| (f.kind, f.path.as_str())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }
}
