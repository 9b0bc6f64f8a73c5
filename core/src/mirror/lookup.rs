//! Which registries.conf entry applies to a reference, the pull sources it gives, what a pull
//! contacts, and why (`mirrors.md` §4–§6).
//!
//! # API (stable)
//!
//! * [`ref_matching_prefix`] (re-exported from the reference module, §4.1).
//! * [`Config::find_registry`] (§4.2) through [`RegistryIndex`] (§4.3): the cost of a lookup
//!   depends on the length of the name, not on the number of entries;
//!   [`find_registry_scan`] is upstream's linear scan, kept as the reference behaviour.
//! * [`rewrite_reference`] (§5.3), [`Registry::pull_sources_from_reference`] (§5.2),
//!   [`normalize_pull_reference`] (§5.1), [`parse_named_legacy`] /
//!   [`parse_canonical_reference`] (strict canonical parse, legacy grammar).
//! * [`Config::resolve`] / [`Config::resolve_with_paths`] (§5.4) → [`Resolution`], and
//!   [`resolve_pull_sources`] (load + resolve, with upstream's error wrapping).
//! * [`Config::explain`] (§6) → [`Explanation`].
//!
//! ```
//! use openshift_image::mirror::load::load_many;
//! let conf = "[[registry]]\nprefix = \"quay.io/ns\"\nlocation = \"quay.io/ns\"\nblocked = true\n\
//!             [[registry.mirror]]\nlocation = \"mirror.local/ns\"\n";
//! let config = load_many(Some(conf), &[] as &[(&str, &str)]).unwrap();
//! let resolution = config.resolve("quay.io/ns/app").unwrap();
//! assert_eq!(resolution.attempts, ["mirror.local/ns/app:latest"]);
//! assert_eq!(resolution.sources[1].blocked_by.as_deref(), Some("quay.io/ns"));
//! ```

use super::MirrorError;
use super::load::{ConfPaths, Config, Registry, load_many, wrap};
use crate::ReferenceError;
use crate::hashkey::{FNV_OFFSET, NO_ENTRY, PrehashedMap, fnv_step, mix};
use crate::reference::Reference;

pub use crate::reference::ref_matching_prefix;

/// Longest name [`RegistryIndex::find`] examines (bytes); longer names are looked up with the
/// linear scan (still correct, bounded by the number of entries).
pub const MAX_INDEXED_NAME: usize = 4096;

fn prefix_key(prefix: &str) -> u64 {
    mix(prefix.bytes().fold(FNV_OFFSET, fnv_step))
}

/// A hash index over the prefixes of a sorted, de-duplicated entry list (`mirrors.md` §4.3).
///
/// For a name, the candidate literal prefixes are `name[..k]` for every `k` where `name[k]` is
/// `/`, `:` or `@`, and the whole name; the candidate wildcard prefixes are `*` + `name[i..j]`
/// for every `.` at `i` before the first `/`, `j` being the next `:`, `/` or `@` (or the end).
/// Every hit is confirmed with [`ref_matching_prefix`] (which also applies upstream's
/// first-occurrence rule to wildcards); the longest prefix wins, on equal length the bytewise
/// smaller (the one sorted first), exactly as upstream's scan. The hashes of all literal
/// candidates come from one incremental pass over the name (FNV-1a), so a lookup costs
/// `O(len(name) + dots in the host × host length)` whatever the number of entries. Hash
/// collisions are chained and resolved by comparing the prefix strings.
#[derive(Debug, Clone, Default)]
pub struct RegistryIndex {
    /// Prefix hash → first entry with that hash.
    heads: PrehashedMap<u32>,
    /// Per entry: the next entry with the same hash ([`NO_ENTRY`] ends the chain) and the
    /// prefix's span in `arena`.
    slots: Vec<Slot>,
    /// The prefixes, contiguous (one cache line or two per verification).
    arena: String,
    /// False when the entries could not all be indexed (then lookups scan).
    complete: bool,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    next: u32,
    start: u32,
    len: u32,
}

impl RegistryIndex {
    /// Indexes `registries` (sorted by prefix, one per prefix). Beyond `u32` positions the
    /// index is marked incomplete and lookups fall back to the scan.
    #[must_use]
    pub fn new(registries: &[Registry]) -> Self {
        let mut index = Self {
            heads: PrehashedMap::default(),
            slots: Vec::with_capacity(registries.len()),
            arena: String::with_capacity(registries.iter().map(|r| r.prefix.len()).sum()),
            complete: true,
        };
        index.heads.reserve(registries.len());
        for r in registries {
            let (Ok(start), Ok(len)) = (
                u32::try_from(index.arena.len()),
                u32::try_from(r.prefix.len()),
            ) else {
                index.complete = false;
                break;
            };
            index.arena.push_str(&r.prefix);
            index.slots.push(Slot {
                next: NO_ENTRY,
                start,
                len,
            });
        }
        if index.complete && u32::try_from(index.slots.len()).is_ok_and(|n| n < NO_ENTRY) {
            for i in (0..index.slots.len()).rev() {
                let Ok(position) = u32::try_from(i) else {
                    continue;
                };
                let key = prefix_key(index.prefix(i));
                let head = index.heads.entry(key).or_insert(NO_ENTRY);
                let previous = *head;
                *head = position;
                if let Some(slot) = index.slots.get_mut(i) {
                    slot.next = previous;
                }
            }
        } else {
            index.complete = false;
        }
        index
    }

    /// The prefix of entry `i`.
    fn prefix(&self, i: usize) -> &str {
        self.slots
            .get(i)
            .and_then(|s| {
                self.arena
                    .get(s.start as usize..s.start as usize + s.len as usize)
            })
            .unwrap_or_default()
    }

    /// Every entry whose prefix matches `name`, with the match length (in no particular order).
    /// `None` when `name` is longer than [`MAX_INDEXED_NAME`].
    fn matches(&self, name: &str) -> Option<Vec<(usize, usize)>> {
        let mut out = Vec::new();
        self.visit(name, |i, n| out.push((i, n)))?;
        Some(out)
    }

    /// Calls `f(entry, match length)` for each entry with the hash `state` whose prefix matches.
    fn probe(&self, name: &str, state: u64, f: &mut impl FnMut(usize, usize)) {
        let Some(&head) = self.heads.get(&mix(state)) else {
            return;
        };
        let mut i = head;
        while i != NO_ENTRY {
            let at = i as usize;
            if let Some(n) = ref_matching_prefix(name, self.prefix(at)) {
                f(at, n);
            }
            i = self.slots.get(at).map_or(NO_ENTRY, |s| s.next);
        }
    }

    /// Calls `f(entry, match length)` for each matching entry; `None` when the name is too long.
    fn visit(&self, name: &str, mut f: impl FnMut(usize, usize)) -> Option<()> {
        if name.len() > MAX_INDEXED_NAME || !self.complete {
            return None;
        }
        if self.heads.is_empty() {
            return Some(());
        }
        let bytes = name.as_bytes();
        let mut state = FNV_OFFSET;
        for &b in bytes {
            if matches!(b, b'/' | b':' | b'@') {
                self.probe(name, state, &mut f);
            }
            state = fnv_step(state, b);
        }
        self.probe(name, state, &mut f);
        let host_end = bytes.iter().position(|&b| b == b'/').unwrap_or(bytes.len());
        let star = fnv_step(FNV_OFFSET, b'*');
        for (i, &b) in bytes.iter().enumerate().take(host_end) {
            if b != b'.' {
                continue;
            }
            let mut state = star;
            for &c in bytes.iter().skip(i) {
                if matches!(c, b'/' | b':' | b'@') {
                    break;
                }
                state = fnv_step(state, c);
            }
            self.probe(name, state, &mut f);
        }
        Some(())
    }

    /// The index (into `registries`) of the entry upstream's `FindRegistry` returns for `name`.
    /// `registries` must be the list the index was built from (it serves the fallback scan).
    #[must_use]
    pub fn find(&self, registries: &[Registry], name: &str) -> Option<usize> {
        let mut best: Option<(usize, &str)> = None;
        let found = self.visit(name, |i, _| {
            let p = self.prefix(i);
            let better = match best {
                None => !p.is_empty(),
                Some((_, q)) => p.len() > q.len() || (p.len() == q.len() && p < q),
            };
            if better {
                best = Some((i, p));
            }
        });
        match found {
            Some(()) => best.map(|(i, _)| i),
            None => find_registry_scan(registries, name),
        }
    }
}

/// Upstream's `FindRegistry` scan (`mirrors.md` §4.2) over entries sorted by prefix: the entry
/// with the longest matching prefix (prefix length, not match length), the first on ties.
#[must_use]
pub fn find_registry_scan(registries: &[Registry], name: &str) -> Option<usize> {
    let mut best = None;
    let mut best_len = 0;
    for (i, r) in registries.iter().enumerate() {
        if ref_matching_prefix(name, &r.prefix).is_some() && r.prefix.len() > best_len {
            best = Some(i);
            best_len = r.prefix.len();
        }
    }
    best
}

impl Config {
    /// The entry that applies to `name`, matched as is (no parsing; the runtime passes a
    /// reference's name), or `None` (`mirrors.md` §4.2). Cost independent of the number of
    /// entries.
    ///
    /// ```
    /// use openshift_image::mirror::load::load;
    /// let conf = "[[registry]]\nprefix = \"*.example.com\"\nlocation = \"w.local\"\n\
    ///             [[registry]]\nlocation = \"a.example.com\"\n";
    /// let config = load(conf, "/r.conf", false).unwrap();
    /// assert_eq!(config.find_registry("a.example.com/x").unwrap().prefix, "*.example.com");
    /// assert!(config.find_registry("example.com/x").is_none());
    /// ```
    #[must_use]
    pub fn find_registry(&self, name: &str) -> Option<&Registry> {
        self.index()
            .find(self.registries(), name)
            .and_then(|i| self.registries().get(i))
    }

    /// The position of [`Self::find_registry`]'s entry in [`Config::registries`].
    #[must_use]
    pub fn find_registry_index(&self, name: &str) -> Option<usize> {
        self.index().find(self.registries(), name)
    }

    /// [`Self::resolve_with_paths`] with the default paths.
    ///
    /// # Errors
    /// As [`Self::resolve_with_paths`].
    pub fn resolve(&self, input: &str) -> Result<Resolution, MirrorError> {
        self.resolve_with_paths(input, &ConfPaths::default())
    }

    /// What a pull of `input` through the containers/image `docker` transport does before any
    /// network access (`mirrors.md` §5.4); `paths` appear in the blocked message.
    ///
    /// # Errors
    /// [`normalize_pull_reference`]'s errors and rewrite errors ([`MirrorError::Rewrite`]).
    pub fn resolve_with_paths(
        &self,
        input: &str,
        paths: &ConfPaths,
    ) -> Result<Resolution, MirrorError> {
        let reference = normalize_pull_reference(input)?;
        let (entry, pulls) = self.sources_for(&reference)?;
        let mut sources = Vec::with_capacity(pulls.len());
        let mut attempts = Vec::new();
        let mut failures: Vec<(String, String)> = Vec::new();
        for source in pulls {
            let blocked_by = self
                .find_registry(source.reference.name())
                .filter(|r| r.blocked)
                .map(|r| r.prefix.clone());
            let reference_text = source.reference.as_str().to_owned();
            match &blocked_by {
                Some(prefix) => failures.push((
                    reference_text.clone(),
                    format!(
                        "registry {prefix} is blocked in {} or {}",
                        paths.main, paths.drop_in_dir
                    ),
                )),
                None => attempts.push(reference_text.clone()),
            }
            sources.push(ResolvedSource {
                location: source.location,
                insecure: source.insecure,
                pull_from_mirror: source.pull_from_mirror,
                reference: reference_text,
                blocked_by,
            });
        }
        let error = if attempts.is_empty() {
            pull_error(&failures)
        } else {
            None
        };
        Ok(Resolution {
            name: reference.name().to_owned(),
            digested: reference.digest().is_some(),
            reference: reference.as_str().to_owned(),
            entry,
            sources,
            attempts,
            error,
        })
    }

    /// The matched entry (cloned) and its pull sources, or the synthetic single source.
    fn sources_for(
        &self,
        reference: &Reference,
    ) -> Result<(Option<Registry>, Vec<PullSource>), MirrorError> {
        match self.find_registry(reference.name()) {
            Some(entry) => {
                let sources = entry.pull_sources_from_reference(reference)?;
                Ok((Some(entry.clone()), sources))
            }
            None => Ok((
                None,
                vec![PullSource {
                    location: reference.as_str().to_owned(),
                    insecure: false,
                    pull_from_mirror: String::new(),
                    reference: reference.clone(),
                }],
            )),
        }
    }
}

/// The pull error when every source is blocked (`mirrors.md` §5.4 step 4).
fn pull_error(failures: &[(String, String)]) -> Option<String> {
    let ((primary_ref, primary_err), mirrors) = failures.split_last()?;
    if mirrors.is_empty() {
        return Some(primary_err.clone());
    }
    let extras: Vec<String> = mirrors.iter().map(|(r, e)| format!("[{r}: {e}]")).collect();
    Some(format!(
        "(Mirrors also failed: {}): {primary_ref}: {primary_err}",
        extras.join("\n")
    ))
}

/// One pull source: an endpoint and the reference rewritten onto it (containers/image
/// `PullSource`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullSource {
    /// The endpoint's location.
    pub location: String,
    /// The endpoint's own `insecure` flag.
    pub insecure: bool,
    /// The endpoint's `pull-from-mirror` (`""` for the primary).
    pub pull_from_mirror: String,
    /// The reference to pull from this endpoint.
    pub reference: Reference,
}

/// A source of a [`Resolution`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedSource {
    /// The endpoint's location.
    pub location: String,
    /// The endpoint's own `insecure` flag.
    pub insecure: bool,
    /// The endpoint's `pull-from-mirror` (`""` for the primary).
    pub pull_from_mirror: String,
    /// The rewritten reference.
    pub reference: String,
    /// The prefix of the blocked entry that refuses this source, if any.
    pub blocked_by: Option<String>,
}

/// What a pull does before any network access (`mirrors.md` §5.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The normalised reference (`:latest` added when it had neither tag nor digest).
    pub reference: String,
    /// Its name (no tag, no digest).
    pub name: String,
    /// Whether it has a digest.
    pub digested: bool,
    /// The matched entry, if any.
    pub entry: Option<Registry>,
    /// The sources in order: the kept mirrors, then the primary.
    pub sources: Vec<ResolvedSource>,
    /// The references of the sources that are not blocked, in order (what a pull contacts).
    pub attempts: Vec<String>,
    /// The pull's error when every source is blocked.
    pub error: Option<String>,
}

fn reference_error(input: &str, error: &ReferenceError) -> MirrorError {
    MirrorError::Reference {
        reference: input.to_owned(),
        message: error.to_string(),
    }
}

/// containers/image's `reference.ParseNamed` (legacy grammar): the input must be canonical
/// (explicit host, lowercase path; `repository name must be canonical` otherwise).
///
/// # Errors
/// The parse error.
pub fn parse_named_legacy(input: &str) -> Result<Reference, ReferenceError> {
    let named = Reference::parse_normalized_legacy(input)?;
    if named.as_str() != input {
        return Err(ReferenceError::NameNotCanonical {
            input: input.to_owned(),
        });
    }
    Ok(named)
}

/// [`parse_named_legacy`] with the error as [`MirrorError::Reference`] (the input of
/// [`Registry::pull_sources_from_reference`] and [`rewrite_reference`] in the conformance ops).
///
/// # Errors
/// [`MirrorError::Reference`] with the parse error's text.
///
/// ```
/// use openshift_image::mirror::lookup::parse_canonical_reference;
/// assert!(parse_canonical_reference("quay.io/a:1").is_ok());
/// assert_eq!(parse_canonical_reference("busybox").unwrap_err().to_string(), "repository name must be canonical");
/// ```
pub fn parse_canonical_reference(input: &str) -> Result<Reference, MirrorError> {
    parse_named_legacy(input).map_err(|e| reference_error(input, &e))
}

/// The docker transport's input normalisation (`mirrors.md` §5.1): legacy normalised parse,
/// `:latest` when there is neither tag nor digest, tag and digest together refused.
///
/// # Errors
/// [`MirrorError::Reference`]: the parse error, or `Docker references with both a tag and
/// digest are currently not supported`.
///
/// ```
/// use openshift_image::mirror::lookup::normalize_pull_reference;
/// assert_eq!(normalize_pull_reference("busybox").unwrap().as_str(), "docker.io/library/busybox:latest");
/// ```
pub fn normalize_pull_reference(input: &str) -> Result<Reference, MirrorError> {
    let parsed =
        Reference::parse_normalized_legacy(input).map_err(|e| reference_error(input, &e))?;
    if parsed.tag().is_some() && parsed.digest().is_some() {
        return Err(MirrorError::Reference {
            reference: input.to_owned(),
            message: "Docker references with both a tag and digest are currently not supported"
                .to_owned(),
        });
    }
    Ok(parsed.with_default_tag())
}

fn rewrite_error(message: String) -> MirrorError {
    MirrorError::Rewrite { message }
}

/// Rewrites `reference` from `prefix` onto `location` (containers/image
/// `Endpoint.rewriteReference`, `mirrors.md` §5.3).
///
/// # Errors
/// [`MirrorError::Rewrite`]: `invalid prefix '<prefix>' for reference '<ref>'`,
/// `invalid prefix '<prefix>' for empty location, should be in the format: *.example.com`,
/// `rewriting reference: <parse error>`.
///
/// ```
/// use openshift_image::Reference;
/// use openshift_image::mirror::lookup::rewrite_reference;
/// let r = Reference::parse_normalized_legacy("docker.io/library/image:t").unwrap();
/// assert_eq!(rewrite_reference(&r, "docker.io/library", "example.com").unwrap().as_str(), "example.com/image:t");
/// ```
pub fn rewrite_reference(
    reference: &Reference,
    prefix: &str,
    location: &str,
) -> Result<Reference, MirrorError> {
    let text = reference.as_str();
    let Some(n) = ref_matching_prefix(text, prefix) else {
        return Err(rewrite_error(format!(
            "invalid prefix '{prefix}' for reference '{text}'"
        )));
    };
    if location.is_empty() {
        if !prefix.starts_with("*.") {
            return Err(rewrite_error(format!(
                "invalid prefix '{prefix}' for empty location, should be in the format: \
                 *.example.com"
            )));
        }
        return Ok(reference.clone());
    }
    let rewritten = format!("{location}{}", text.get(n..).unwrap_or_default());
    parse_named_legacy(&rewritten).map_err(|e| rewrite_error(format!("rewriting reference: {e}")))
}

/// Whether a mirror is used for a reference, and why (`mirrors.md` §5.2 step 1, §6 reasons).
fn mirror_reason(registry: &Registry, pull_from_mirror: &str, digested: bool) -> SourceReason {
    if registry.mirror_by_digest_only {
        return if digested {
            SourceReason::MirrorByDigestOnlyDigestReference
        } else {
            SourceReason::MirrorByDigestOnlyTagReference
        };
    }
    match (pull_from_mirror, digested) {
        ("digest-only", true) => SourceReason::MirrorDigestOnlyDigestReference,
        ("digest-only", false) => SourceReason::DigestOnlyMirrorTagReference,
        ("tag-only", false) => SourceReason::MirrorTagOnlyTagReference,
        ("tag-only", true) => SourceReason::TagOnlyMirrorDigestReference,
        _ => SourceReason::MirrorAll,
    }
}

impl Registry {
    /// The pull sources of `reference` for this entry (containers/image
    /// `Registry.PullSourcesFromReference`, `mirrors.md` §5.2): the mirrors kept for the kind
    /// of reference (digested = has a digest), then the entry's own endpoint, always last (also
    /// when blocked), each with the rewritten reference. No validation of the entry.
    ///
    /// # Errors
    /// The first [`rewrite_reference`] error.
    ///
    /// ```
    /// use openshift_image::mirror::conf::EndpointConf;
    /// use openshift_image::mirror::load::Registry;
    /// use openshift_image::mirror::lookup::parse_named_legacy;
    /// let registry = Registry {
    ///     prefix: "quay.io/ns".into(),
    ///     location: "quay.io/ns".into(),
    ///     mirrors: vec![EndpointConf { location: "m.local/x".into(), pull_from_mirror: "digest-only".into(), ..Default::default() }],
    ///     ..Default::default()
    /// };
    /// let tag = registry.pull_sources_from_reference(&parse_named_legacy("quay.io/ns/a:1").unwrap()).unwrap();
    /// assert_eq!(tag.len(), 1);
    /// ```
    pub fn pull_sources_from_reference(
        &self,
        reference: &Reference,
    ) -> Result<Vec<PullSource>, MirrorError> {
        let digested = reference.digest().is_some();
        let mut sources = Vec::with_capacity(self.mirrors.len() + 1);
        for mirror in &self.mirrors {
            if !mirror_reason(self, &mirror.pull_from_mirror, digested).is_kept() {
                continue;
            }
            sources.push(PullSource {
                location: mirror.location.clone(),
                insecure: mirror.insecure,
                pull_from_mirror: mirror.pull_from_mirror.clone(),
                reference: rewrite_reference(reference, &self.prefix, &mirror.location)?,
            });
        }
        sources.push(PullSource {
            location: self.location.clone(),
            insecure: self.insecure,
            pull_from_mirror: String::new(),
            reference: rewrite_reference(reference, &self.prefix, &self.location)?,
        });
        Ok(sources)
    }
}

/// Loads the files and resolves `input` as the docker transport does (`mirrors.md` §5.4): the
/// reference is parsed first, then the configuration is loaded (its error wrapped as
/// `loading registries configuration: <load error>`).
///
/// # Errors
/// Reference errors, the wrapped load error, rewrite errors.
///
/// ```
/// use openshift_image::mirror::lookup::resolve_pull_sources;
/// let r = resolve_pull_sources(None, &[] as &[(&str, &str)], "busybox").unwrap();
/// assert_eq!(r.attempts, ["docker.io/library/busybox:latest"]);
/// ```
pub fn resolve_pull_sources<N: AsRef<str>, T: AsRef<str>>(
    main: Option<&str>,
    drop_ins: &[(N, T)],
    input: &str,
) -> Result<Resolution, MirrorError> {
    normalize_pull_reference(input)?;
    let config =
        load_many(main, drop_ins).map_err(|e| wrap(e, "loading registries configuration: "))?;
    config.resolve(input)
}

// ---------------------------------------------------------------------------------------------
// Explain (§6)

/// How a matching entry fared in the lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CandidateOutcome {
    /// The entry that applies.
    Selected,
    /// A longer prefix won.
    Shorter,
    /// Same length as the selected prefix, sorted later.
    TieLost,
}

impl CandidateOutcome {
    /// The normative code (`selected`, `shorter`, `tie_lost`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Selected => "selected",
            Self::Shorter => "shorter",
            Self::TieLost => "tie_lost",
        }
    }
}

/// An entry whose prefix matched the name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Candidate {
    /// The entry's prefix.
    pub prefix: String,
    /// The match length ([`ref_matching_prefix`]).
    pub length: usize,
    /// How it fared.
    pub outcome: CandidateOutcome,
}

/// Where an entry or endpoint comes from (`mirrors.md` §6). For a loaded registries.conf the
/// role is [`OriginRole::RegistriesConf`], `kind` is `registries.conf`, `name` the file's path
/// and `path` `registries.conf:registry[<i>]` (the position in the processed, sorted list).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Origin {
    /// The kind of input (`registries.conf`, `ImageDigestMirrorSet`, …).
    pub kind: String,
    /// Its name (a file path for registries.conf).
    pub name: String,
    /// Where inside it (§13 path syntax).
    pub path: String,
    /// What it contributed.
    pub role: OriginRole,
    /// For an [`OriginRole::Inherited`] mirror: the enclosing scope it was copied from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_scope: Option<String>,
}

/// The contribution of an [`Origin`] (`mirrors.md` §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OriginRole {
    /// A mirror-set entry created or fed the registries.conf entry.
    Source,
    /// The mirror-set entry that contributed a mirror.
    Mirror,
    /// A mirror copied from an enclosing scope.
    Inherited,
    /// NeverContactSource blocked the entry.
    NeverContactSource,
    /// A blocked scope of the image configuration.
    BlockedScope,
    /// An insecure scope of the image configuration.
    InsecureScope,
    /// An entry of a given registries.conf.
    RegistriesConf,
}

impl OriginRole {
    /// The normative code.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Source => "source",
            Self::Mirror => "mirror",
            Self::Inherited => "inherited",
            Self::NeverContactSource => "never_contact_source",
            Self::BlockedScope => "blocked_scope",
            Self::InsecureScope => "insecure_scope",
            Self::RegistriesConf => "registries_conf",
        }
    }
}

/// Whether an explained source is a mirror or the primary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceRole {
    /// A mirror of the entry.
    Mirror,
    /// The entry's own endpoint (or the reference itself when nothing matched).
    Primary,
}

impl SourceRole {
    /// The normative code (`mirror`, `primary`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Mirror => "mirror",
            Self::Primary => "primary",
        }
    }
}

/// What happens to an explained source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceStatus {
    /// The pull tries it.
    Candidate,
    /// Filtered out by the mirror usage settings.
    Skipped,
    /// Kept by the filter but refused by a blocked entry.
    Blocked,
}

impl SourceStatus {
    /// The normative code (`candidate`, `skipped`, `blocked`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Candidate => "candidate",
            Self::Skipped => "skipped",
            Self::Blocked => "blocked",
        }
    }
}

/// Why a source is kept, skipped or blocked (`mirrors.md` §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceReason {
    /// A mirror with `pull-from-mirror` unset or `all`.
    MirrorAll,
    /// A `digest-only` mirror, digest reference.
    MirrorDigestOnlyDigestReference,
    /// A `tag-only` mirror, tag reference.
    MirrorTagOnlyTagReference,
    /// `mirror-by-digest-only` entry, digest reference.
    MirrorByDigestOnlyDigestReference,
    /// A `digest-only` mirror, tag reference (skipped).
    DigestOnlyMirrorTagReference,
    /// A `tag-only` mirror, digest reference (skipped).
    TagOnlyMirrorDigestReference,
    /// `mirror-by-digest-only` entry, tag reference (skipped).
    MirrorByDigestOnlyTagReference,
    /// The primary endpoint.
    Primary,
    /// Refused: the lookup of the source's name finds a blocked entry.
    Blocked,
}

impl SourceReason {
    /// The normative code.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::MirrorAll => "mirror_all",
            Self::MirrorDigestOnlyDigestReference => "mirror_digest_only_digest_reference",
            Self::MirrorTagOnlyTagReference => "mirror_tag_only_tag_reference",
            Self::MirrorByDigestOnlyDigestReference => "mirror_by_digest_only_digest_reference",
            Self::DigestOnlyMirrorTagReference => "digest_only_mirror_tag_reference",
            Self::TagOnlyMirrorDigestReference => "tag_only_mirror_digest_reference",
            Self::MirrorByDigestOnlyTagReference => "mirror_by_digest_only_tag_reference",
            Self::Primary => "primary",
            Self::Blocked => "blocked",
        }
    }

    const fn is_kept(self) -> bool {
        matches!(
            self,
            Self::MirrorAll
                | Self::MirrorDigestOnlyDigestReference
                | Self::MirrorTagOnlyTagReference
                | Self::MirrorByDigestOnlyDigestReference
                | Self::Primary
        )
    }
}

/// The blocked entry that refuses a source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BlockedBy {
    /// Its prefix.
    pub prefix: String,
    /// Where it comes from.
    pub origins: Vec<Origin>,
}

/// One endpoint of the matched entry, explained.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExplainedSource {
    /// Mirror or primary.
    pub role: SourceRole,
    /// Candidate, skipped or blocked.
    pub status: SourceStatus,
    /// The endpoint's location.
    pub location: String,
    /// The endpoint's own `insecure` flag.
    pub insecure: bool,
    /// The endpoint's `pull-from-mirror`.
    pub pull_from_mirror: String,
    /// The rewritten reference (`None` when skipped).
    pub reference: Option<String>,
    /// Why: the filter's reason, `primary`, or `blocked`.
    pub reason: SourceReason,
    /// For a blocked source: the entry that refuses it.
    pub blocked_by: Option<BlockedBy>,
    /// Where the endpoint comes from.
    pub origins: Vec<Origin>,
}

/// The matched entry, explained.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExplainedEntry {
    /// The entry.
    pub registry: Registry,
    /// Where it comes from.
    pub origins: Vec<Origin>,
}

/// The kind of an explain note (`mirrors.md` §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// Nothing matched: pulled as written.
    NoEntry,
    /// Shorter matching prefixes exist and contribute nothing.
    ShorterPrefixesIgnored,
    /// A wildcard and a literal of the same length matched; the one sorted first won.
    WildcardTie,
    /// The selected literal prefix has no port and the name continues with `:`.
    PortQuirk,
    /// A mirror equals the primary location.
    SourceIsMirror,
}

impl NoteKind {
    /// The normative code.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::NoEntry => "no_entry",
            Self::ShorterPrefixesIgnored => "shorter_prefixes_ignored",
            Self::WildcardTie => "wildcard_tie",
            Self::PortQuirk => "port_quirk",
            Self::SourceIsMirror => "source_is_mirror",
        }
    }
}

/// A note of an [`Explanation`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Note {
    /// Its kind.
    pub kind: NoteKind,
    /// A human message (informative).
    pub message: String,
}

/// [`Config::resolve`] with reasons and origins (`mirrors.md` §6).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Explanation {
    /// The normalised reference, when the input parses.
    pub reference: Option<String>,
    /// Its name.
    pub name: Option<String>,
    /// Whether it has a digest.
    pub digested: bool,
    /// Every entry whose prefix matched the name, sorted by prefix.
    pub candidates: Vec<Candidate>,
    /// The matched entry.
    pub entry: Option<ExplainedEntry>,
    /// Every mirror of the entry (skipped ones included), then the primary.
    pub sources: Vec<ExplainedSource>,
    /// The references a pull contacts, in order.
    pub attempts: Vec<String>,
    /// Notes.
    pub notes: Vec<Note>,
    /// The pull error when every source is blocked, or the first error of §5.1–§5.3 (then
    /// `sources` is empty).
    pub error: Option<String>,
}

/// Where entries and mirrors come from, for [`Config::explain_with`]. The renderer of mirror
/// sets (`mirrors.md` §8.7) implements it with the rules and scopes that produced each entry;
/// [`FileOrigins`] names the registries.conf files.
pub trait Provenance {
    /// The origins of entry `index` of [`Config::registries`].
    fn entry_origins(&self, config: &Config, index: usize) -> Vec<Origin>;
    /// The origins of mirror `mirror` of entry `index`.
    fn mirror_origins(&self, config: &Config, index: usize, mirror: usize) -> Vec<Origin>;
}

/// [`Provenance`] of a loaded registries.conf: role [`OriginRole::RegistriesConf`], `kind`
/// `registries.conf`, `name` the file's path, `path` `registries.conf:registry[<i>]` (the
/// position in the processed, sorted list); a mirror has the origin of its entry.
#[derive(Debug, Clone, Copy, Default)]
pub struct FileOrigins;

impl Provenance for FileOrigins {
    fn entry_origins(&self, config: &Config, index: usize) -> Vec<Origin> {
        config
            .registry_origin(index)
            .map(|file| Origin {
                kind: "registries.conf".to_owned(),
                name: file.to_owned(),
                path: format!("registries.conf:registry[{index}]"),
                role: OriginRole::RegistriesConf,
                from_scope: None,
            })
            .into_iter()
            .collect()
    }

    fn mirror_origins(&self, config: &Config, index: usize, _mirror: usize) -> Vec<Origin> {
        self.entry_origins(config, index)
    }
}

impl Config {
    /// Explains a pull of `input` (`mirrors.md` §6): the matching entries, the selected one,
    /// each endpoint with its status and reason, blocked sources with the entry that refuses
    /// them, notes. Never fails: errors are reported in [`Explanation::error`]. Origins are
    /// the registries.conf files the entries come from.
    ///
    /// ```
    /// use openshift_image::mirror::load::load;
    /// use openshift_image::mirror::lookup::{SourceReason, SourceStatus};
    /// let conf = "[[registry]]\nlocation = \"quay.io\"\n[[registry.mirror]]\n\
    ///             location = \"m.local\"\npull-from-mirror = \"digest-only\"\n";
    /// let config = load(conf, "/r.conf", false).unwrap();
    /// let e = config.explain("quay.io/a/b:1");
    /// assert_eq!(e.sources[0].status, SourceStatus::Skipped);
    /// assert_eq!(e.sources[0].reason, SourceReason::DigestOnlyMirrorTagReference);
    /// assert_eq!(e.attempts, ["quay.io/a/b:1"]);
    /// ```
    #[must_use]
    pub fn explain(&self, input: &str) -> Explanation {
        self.explain_with_paths(input, &ConfPaths::default())
    }

    /// [`Self::explain`] with the paths used in the blocked message.
    #[must_use]
    pub fn explain_with_paths(&self, input: &str, paths: &ConfPaths) -> Explanation {
        self.explain_with(input, paths, &FileOrigins)
    }

    /// [`Self::explain`] with the paths used in the blocked message and the origins given by
    /// `provenance`.
    #[must_use]
    pub fn explain_with(
        &self,
        input: &str,
        paths: &ConfPaths,
        provenance: &dyn Provenance,
    ) -> Explanation {
        let mut out = Explanation::default();
        let reference = match normalize_pull_reference(input) {
            Ok(r) => r,
            Err(e) => {
                out.error = Some(e.to_string());
                return out;
            }
        };
        let name = reference.name();
        let digested = reference.digest().is_some();
        out.reference = Some(reference.as_str().to_owned());
        out.name = Some(name.to_owned());
        out.digested = digested;
        let registries = self.registries();
        let selected = self.find_registry_index(name);
        let mut matched = self.index().matches(name).unwrap_or_else(|| {
            registries
                .iter()
                .enumerate()
                .filter_map(|(i, r)| ref_matching_prefix(name, &r.prefix).map(|n| (i, n)))
                .collect()
        });
        matched.sort_unstable();
        matched.dedup();
        let selected_len = selected
            .and_then(|i| registries.get(i))
            .map_or(0, |r| r.prefix.len());
        for &(i, length) in &matched {
            let Some(r) = registries.get(i) else { continue };
            let outcome = if Some(i) == selected {
                CandidateOutcome::Selected
            } else if r.prefix.len() < selected_len || r.prefix.is_empty() {
                CandidateOutcome::Shorter
            } else {
                CandidateOutcome::TieLost
            };
            out.candidates.push(Candidate {
                prefix: r.prefix.clone(),
                length,
                outcome,
            });
        }
        let Some((index, entry)) = selected.and_then(|i| registries.get(i).map(|r| (i, r))) else {
            out.notes.push(Note {
                kind: NoteKind::NoEntry,
                message: format!(
                    "no registries.conf entry matches \"{name}\"; it is pulled as written"
                ),
            });
            self.explain_primary(&mut out, &reference, paths, provenance);
            return out;
        };
        self.explain_notes(&mut out, entry, name);
        out.entry = Some(ExplainedEntry {
            registry: entry.clone(),
            origins: provenance.entry_origins(self, index),
        });
        let mut sources = Vec::with_capacity(entry.mirrors.len() + 1);
        let endpoints = entry
            .mirrors
            .iter()
            .enumerate()
            .map(|(j, m)| {
                (
                    Some(j),
                    m.location.as_str(),
                    m.insecure,
                    m.pull_from_mirror.as_str(),
                )
            })
            .chain(std::iter::once((
                None,
                entry.location.as_str(),
                entry.insecure,
                "",
            )));
        for (mirror, location, insecure, pull_from_mirror) in endpoints {
            let role = if mirror.is_some() {
                SourceRole::Mirror
            } else {
                SourceRole::Primary
            };
            let reason = match role {
                SourceRole::Mirror => mirror_reason(entry, pull_from_mirror, digested),
                SourceRole::Primary => SourceReason::Primary,
            };
            let mut source = ExplainedSource {
                role,
                status: SourceStatus::Skipped,
                location: location.to_owned(),
                insecure,
                pull_from_mirror: pull_from_mirror.to_owned(),
                reference: None,
                reason,
                blocked_by: None,
                origins: match mirror {
                    Some(j) => provenance.mirror_origins(self, index, j),
                    None => provenance.entry_origins(self, index),
                },
            };
            if reason.is_kept() {
                match rewrite_reference(&reference, &entry.prefix, location) {
                    Ok(r) => {
                        source.status = SourceStatus::Candidate;
                        source.reference = Some(r.as_str().to_owned());
                    }
                    Err(e) => {
                        out.error = Some(e.to_string());
                        out.sources.clear();
                        out.attempts.clear();
                        return out;
                    }
                }
            }
            sources.push(source);
        }
        out.sources = sources;
        self.apply_blocked(&mut out, paths, provenance);
        out
    }

    fn explain_primary(
        &self,
        out: &mut Explanation,
        reference: &Reference,
        paths: &ConfPaths,
        provenance: &dyn Provenance,
    ) {
        out.sources.push(ExplainedSource {
            role: SourceRole::Primary,
            status: SourceStatus::Candidate,
            location: reference.as_str().to_owned(),
            insecure: false,
            pull_from_mirror: String::new(),
            reference: Some(reference.as_str().to_owned()),
            reason: SourceReason::Primary,
            blocked_by: None,
            origins: Vec::new(),
        });
        self.apply_blocked(out, paths, provenance);
    }

    /// Marks blocked sources, fills `attempts` and the pull error.
    fn apply_blocked(&self, out: &mut Explanation, paths: &ConfPaths, provenance: &dyn Provenance) {
        let mut failures = Vec::new();
        for source in &mut out.sources {
            let Some(reference) = source.reference.clone() else {
                continue;
            };
            let name = Reference::parse_normalized_legacy(&reference)
                .map(|r| r.name().to_owned())
                .unwrap_or_else(|_| reference.clone());
            let blocking = self
                .find_registry_index(&name)
                .and_then(|i| self.registries().get(i).map(|r| (i, r)))
                .filter(|(_, r)| r.blocked);
            match blocking {
                Some((i, r)) => {
                    source.status = SourceStatus::Blocked;
                    source.reason = SourceReason::Blocked;
                    source.blocked_by = Some(BlockedBy {
                        prefix: r.prefix.clone(),
                        origins: provenance.entry_origins(self, i),
                    });
                    failures.push((
                        reference,
                        format!(
                            "registry {} is blocked in {} or {}",
                            r.prefix, paths.main, paths.drop_in_dir
                        ),
                    ));
                }
                None => out.attempts.push(reference),
            }
        }
        if out.attempts.is_empty() {
            out.error = pull_error(&failures);
        }
    }

    fn explain_notes(&self, out: &mut Explanation, entry: &Registry, name: &str) {
        let shorter: Vec<&str> = out
            .candidates
            .iter()
            .filter(|c| c.outcome == CandidateOutcome::Shorter)
            .map(|c| c.prefix.as_str())
            .collect();
        if !shorter.is_empty() {
            out.notes.push(Note {
                kind: NoteKind::ShorterPrefixesIgnored,
                message: format!(
                    "shorter matching prefixes are ignored (their mirrors are not inherited): {}",
                    shorter.join(", ")
                ),
            });
        }
        for c in out
            .candidates
            .iter()
            .filter(|c| c.outcome == CandidateOutcome::TieLost)
        {
            out.notes.push(Note {
                kind: NoteKind::WildcardTie,
                message: format!(
                    "\"{}\" matches with the same prefix length as \"{}\", which sorts first and wins",
                    c.prefix, entry.prefix
                ),
            });
        }
        if !entry.prefix.starts_with("*.")
            && !entry.prefix.contains(['/', ':'])
            && name.as_bytes().get(entry.prefix.len()) == Some(&b':')
        {
            out.notes.push(Note {
                kind: NoteKind::PortQuirk,
                message: format!(
                    "prefix \"{}\" has no port but matches \"{name}\" (upstream matches a host \
                     prefix followed by ':'); the port is carried into mirror references",
                    entry.prefix
                ),
            });
        }
        if !entry.location.is_empty() && entry.mirrors.iter().any(|m| m.location == entry.location)
        {
            out.notes.push(Note {
                kind: NoteKind::SourceIsMirror,
                message: format!(
                    "a mirror of \"{}\" is its own location \"{}\"",
                    entry.prefix, entry.location
                ),
            });
        }
        let _ = self;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mirror::load::{MAIN_CONF_PATH, load};

    fn config(text: &str) -> Config {
        load(text, MAIN_CONF_PATH, false).unwrap()
    }

    #[test]
    fn index_agrees_with_scan() {
        let conf = config(
            "[[registry]]\nprefix = \"*.example.com\"\nlocation = \"w\"\n\
             [[registry]]\nlocation = \"a.example.com\"\n\
             [[registry]]\nlocation = \"example.com\"\n\
             [[registry]]\nlocation = \"example.com/foo\"\n\
             [[registry]]\nprefix = \"*.com\"\nlocation = \"c\"\n\
             [[registry]]\nlocation = \"foo.bar.example.com:5000\"\n\
             [[registry]]\nprefix = \"*.bar.example.com\"\nlocation = \"b\"\n\
             [[registry]]\nlocation = \"q.io/ns:tag\"\n\
             [[registry]]\nlocation = \"q.io/ns\"\n",
        );
        let names = [
            "a.example.com/x",
            "example.com:5000/x",
            "example.com/foobar",
            "example.com/foo/bar",
            "a.example.com.example.com/x",
            "foo.bar.example.com:5000/x",
            "x.bar.example.com/y",
            "example.net/x.example.com/y",
            "é.example.com/x",
            "q.io/ns:tag",
            "q.io/ns:other",
            "",
            "*.com",
            "a:b.example.com/x",
            "x.com.com",
        ];
        for name in names {
            let scan = find_registry_scan(conf.registries(), name);
            assert_eq!(conf.find_registry_index(name), scan, "{name}");
        }
        assert_eq!(
            conf.find_registry("a.example.com/x").unwrap().prefix,
            "*.example.com"
        );
        assert_eq!(
            conf.find_registry("foo.bar.example.com:5000/x")
                .unwrap()
                .prefix,
            "foo.bar.example.com:5000"
        );
    }

    fn registries_from(prefixes: &[String]) -> Vec<Registry> {
        let mut prefixes: Vec<&String> = prefixes.iter().filter(|p| !p.is_empty()).collect();
        prefixes.sort();
        prefixes.dedup();
        prefixes
            .into_iter()
            .map(|p| Registry {
                prefix: p.clone(),
                location: p.clone(),
                ..Registry::default()
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn index_matches_scan(
            literals in proptest::collection::vec("(\\*\\*|\\*[ab])?[ab.]{1,4}([:/@][ab.:]{0,3}){0,2}", 0..12),
            wildcards in proptest::collection::vec("\\*\\.[ab.]{1,5}", 0..6),
            names in proptest::collection::vec("[ab.*]{0,6}([:/@][ab.:@/]{0,5}){0,3}", 1..20),
        ) {
            let prefixes: Vec<String> = literals.into_iter().chain(wildcards).collect();
            let registries = registries_from(&prefixes);
            let index = RegistryIndex::new(&registries);
            for name in &names {
                proptest::prop_assert_eq!(
                    index.find(&registries, name),
                    find_registry_scan(&registries, name),
                    "{:?} in {:?}", name, prefixes
                );
            }
        }
    }

    #[test]
    fn rewrite_cases() {
        let cases: &[(&str, &str, &str, Result<&str, &str>)] = &[
            (
                "docker.io/library/image:t",
                "docker.io/library",
                "example.com",
                Ok("example.com/image:t"),
            ),
            (
                "sub.example.com:5000/a:tag",
                "*.example.com",
                "mirror.local",
                Ok("mirror.local:5000/a:tag"),
            ),
            (
                "sub.example.com:5000/a:tag",
                "*.example.com",
                "mirror.local:6000/ns",
                Err("rewriting reference: "),
            ),
            (
                "sub.example.com/a:tag",
                "*.example.com",
                "",
                Ok("sub.example.com/a:tag"),
            ),
            (
                "q.io/a:t",
                "q.io",
                "",
                Err(
                    "invalid prefix 'q.io' for empty location, should be in the format: *.example.com",
                ),
            ),
            (
                "q.io/a:t",
                "r.io",
                "x",
                Err("invalid prefix 'r.io' for reference 'q.io/a:t'"),
            ),
            (
                "q.io/a:t",
                "q.io",
                "m.local/UP",
                Err("rewriting reference: "),
            ),
        ];
        for (r, prefix, location, want) in cases {
            let reference = parse_named_legacy(r).unwrap();
            let got = rewrite_reference(&reference, prefix, location)
                .map(|r| r.as_str().to_owned())
                .map_err(|e| e.to_string());
            match (got, want) {
                (Ok(g), Ok(w)) => assert_eq!(&g, w),
                (Err(g), Err(w)) => assert!(g.starts_with(w), "{g}"),
                (g, w) => panic!("{r}: {g:?} vs {w:?}"),
            }
        }
    }

    #[test]
    fn blocked_sources_and_error() {
        let conf = config(
            "[[registry]]\nlocation = \"q.io\"\nblocked = true\n[[registry.mirror]]\nlocation = \"b.io\"\n\
             [[registry]]\nlocation = \"b.io\"\nblocked = true\n",
        );
        let r = conf.resolve("q.io/a/b:1").unwrap();
        assert!(r.attempts.is_empty());
        assert_eq!(
            r.error.as_deref(),
            Some(
                "(Mirrors also failed: [b.io/a/b:1: registry b.io is blocked in \
                 /etc/containers/registries.conf or /etc/containers/registries.conf.d]): \
                 q.io/a/b:1: registry q.io is blocked in /etc/containers/registries.conf or \
                 /etc/containers/registries.conf.d"
            )
        );
        let e = conf.explain("q.io/a/b:1");
        assert_eq!(e.error, r.error);
        assert!(e.sources.iter().all(|s| s.status == SourceStatus::Blocked));
    }

    #[test]
    fn explain_reasons() {
        use SourceReason as R;
        use SourceStatus as S;
        let conf = config(
            "[[registry]]\nlocation = \"q.io\"\n\
             [[registry.mirror]]\nlocation = \"all.io\"\n\
             [[registry.mirror]]\nlocation = \"d.io\"\npull-from-mirror = \"digest-only\"\n\
             [[registry.mirror]]\nlocation = \"t.io\"\npull-from-mirror = \"tag-only\"\n\
             [[registry]]\nlocation = \"t.io\"\nblocked = true\n\
             [[registry]]\nlocation = \"m.io\"\nmirror-by-digest-only = true\n\
             [[registry.mirror]]\nlocation = \"x.io\"\n",
        );
        let digest = "@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        let cases: &[(String, &[(SourceReason, SourceStatus)])] = &[
            (
                "q.io/a:1".to_owned(),
                &[
                    (R::MirrorAll, S::Candidate),
                    (R::DigestOnlyMirrorTagReference, S::Skipped),
                    (R::Blocked, S::Blocked),
                    (R::Primary, S::Candidate),
                ],
            ),
            (
                format!("q.io/a{digest}"),
                &[
                    (R::MirrorAll, S::Candidate),
                    (R::MirrorDigestOnlyDigestReference, S::Candidate),
                    (R::TagOnlyMirrorDigestReference, S::Skipped),
                    (R::Primary, S::Candidate),
                ],
            ),
            (
                "m.io/a".to_owned(),
                &[
                    (R::MirrorByDigestOnlyTagReference, S::Skipped),
                    (R::Primary, S::Candidate),
                ],
            ),
            (
                format!("m.io/a{digest}"),
                &[
                    (R::MirrorByDigestOnlyDigestReference, S::Candidate),
                    (R::Primary, S::Candidate),
                ],
            ),
        ];
        for (input, want) in cases {
            let e = conf.explain(input);
            let got: Vec<_> = e.sources.iter().map(|s| (s.reason, s.status)).collect();
            assert_eq!(&got, want, "{input}");
            let resolved = conf.resolve(input).unwrap();
            assert_eq!(e.attempts, resolved.attempts, "{input}");
            assert_eq!(e.error, resolved.error, "{input}");
        }
    }

    #[test]
    fn explain_notes() {
        let conf = config(
            "[[registry]]\nprefix = \"*.example.com\"\nlocation = \"w.io\"\n\
             [[registry]]\nlocation = \"a.example.com\"\n[[registry]]\nlocation = \"a\"\n",
        );
        let e = conf.explain("a.example.com/x");
        let outcomes: Vec<_> = e
            .candidates
            .iter()
            .map(|c| (c.prefix.as_str(), c.outcome))
            .collect();
        assert_eq!(
            outcomes,
            [
                ("*.example.com", CandidateOutcome::Selected),
                ("a.example.com", CandidateOutcome::TieLost)
            ]
        );
        assert_eq!(e.notes[0].kind, NoteKind::WildcardTie);
        assert_eq!(
            conf.explain("bad ref").error.as_deref(),
            Some("invalid reference format")
        );
        assert_eq!(conf.explain("other.io/x").notes[0].kind, NoteKind::NoEntry);
    }
}
