//! Registry scopes: registries.conf scope validation and nesting (openshift/runtime-utils), the
//! container runtime's prefix matching (containers/image), the IDMS/ITMS source and mirror
//! patterns and MCO's `validateRegistriesConfScopes`, and the byte-wise glob of the import
//! whitelist (specification: `references.md` §11.1–11.5).
//!
//! Every matcher here is a hand-written, allocation-free scanner over bytes; positions and
//! lengths are in bytes.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{ReferenceError, ReferenceResult, ScopeList};

/// Whether `scope` is accepted as a registries.conf scope (runtime-utils
/// `IsValidRegistriesConfScope`).
///
/// `""` is invalid. A scope without `*` is valid and nothing else is checked (so tag and digest
/// scopes, or `not a registry!`, are accepted). A scope with `*` is valid only as `*.` followed by
/// text without `/`, `@`, `:` or `*`.
///
/// ```
/// use openshift_image::is_valid_registries_conf_scope;
/// assert!(is_valid_registries_conf_scope("quay.io/openshift"));
/// assert!(is_valid_registries_conf_scope("*.example.com"));
/// assert!(!is_valid_registries_conf_scope("*.example.com:5000"));
/// assert!(!is_valid_registries_conf_scope("*example.com"));
/// assert!(!is_valid_registries_conf_scope(""));
/// ```
#[must_use]
pub fn is_valid_registries_conf_scope(scope: &str) -> bool {
    if scope.is_empty() {
        return false;
    }
    if !scope.as_bytes().contains(&b'*') {
        return true;
    }
    scope
        .strip_prefix("*.")
        .is_some_and(|rest| !rest.bytes().any(|b| matches!(b, b'/' | b'@' | b':' | b'*')))
}

/// Whether the registries.conf scope `sub` is nested inside the scope `sup` (runtime-utils
/// `ScopeIsNestedInsideScope`).
///
/// * Equal scopes are nested; so is `sub` that starts with `sup` followed by `/` (`quay.io:443`
///   is **not** inside `quay.io`, and a tagged scope is not inside its repository).
/// * `sup` = `*.<d>`: the host part of `sub` (up to its first `:`, which must then come before
///   any `/`; else up to its first `/`) must end with `.<d>`. The apex `<d>` is not inside.
///
/// ```
/// use openshift_image::scope_is_nested_inside_scope;
/// assert!(scope_is_nested_inside_scope("quay.io/openshift", "quay.io"));
/// assert!(!scope_is_nested_inside_scope("quay.io:443", "quay.io"));
/// assert!(scope_is_nested_inside_scope("foo.example.com:443/bar", "*.example.com"));
/// assert!(!scope_is_nested_inside_scope("example.com", "*.example.com"));
/// ```
#[must_use]
pub fn scope_is_nested_inside_scope(sub: &str, sup: &str) -> bool {
    if sub == sup {
        return true;
    }
    if sub
        .strip_prefix(sup)
        .is_some_and(|rest| rest.as_bytes().first() == Some(&b'/'))
    {
        return true;
    }
    if !sup.starts_with("*.") {
        return false;
    }
    // `.<d>`, the wildcard scope without its `*`.
    let suffix = sup.get(1..).unwrap_or_default();
    let bytes = sub.as_bytes();
    match bytes.iter().position(|&b| b == b':') {
        Some(colon) => {
            let head = bytes.get(..colon).unwrap_or_default();
            head.ends_with(suffix.as_bytes()) && !head.contains(&b'/')
        }
        None => {
            let end = bytes.iter().position(|&b| b == b'/').unwrap_or(bytes.len());
            bytes
                .get(..end)
                .unwrap_or_default()
                .ends_with(suffix.as_bytes())
        }
    }
}

/// The length in bytes of the part of `reference` that the registries.conf `prefix` matches, or
/// `None` when it does not match (containers/image `refMatchingPrefix`, where `-1` is `None`).
///
/// * `*.<d>`: the first occurrence of `.<d>` in `reference` must come before any `/` and be
///   followed by the end, `:`, `/` or `@`; the result is the index just after it. Only the first
///   occurrence is tried; the apex `<d>` never matches.
/// * Otherwise `reference` must equal `prefix`, or start with it followed by `:`, `/` or `@`; the
///   result is `prefix.len()`. So `example.com:5000` matches `example.com` (upstream calls this
///   unintended), and a tag or digest prefix matches only that exact tag or digest.
///
/// ```
/// use openshift_image::ref_matching_prefix;
/// assert_eq!(ref_matching_prefix("example.com/foo", "*.com"), Some(11));
/// assert_eq!(ref_matching_prefix("example.com:5000", "example.com"), Some(11));
/// assert_eq!(ref_matching_prefix("example.com/foo", "*.example.com"), None);
/// assert_eq!(ref_matching_prefix("docker.io/libraryy", "docker.io/library"), None);
/// ```
#[must_use]
pub fn ref_matching_prefix(reference: &str, prefix: &str) -> Option<usize> {
    if prefix.starts_with("*.") {
        let suffix = prefix.get(1..).unwrap_or_default();
        let index = reference.find(suffix)?;
        if reference.as_bytes().iter().take(index).any(|&b| b == b'/') {
            return None;
        }
        let end = index + suffix.len();
        return match reference.as_bytes().get(end) {
            None | Some(b':' | b'/' | b'@') => Some(end),
            Some(_) => None,
        };
    }
    let rest = reference.strip_prefix(prefix)?;
    match rest.as_bytes().first() {
        None | Some(b':' | b'/' | b'@') => Some(prefix.len()),
        Some(_) => None,
    }
}

/// Whether `value` matches the glob `pattern` as a whole (openshift-apiserver whitelist
/// `IsWildcardMatch`): case-sensitive and on **bytes**; `*` matches any run of bytes (including
/// none and `.`), `?` exactly one byte, every other byte itself (`[`, `\` and `.` are literal).
///
/// ```
/// use openshift_image::is_wildcard_match;
/// assert!(is_wildcard_match("registry-1.docker.io", "*.docker.io"));
/// assert!(!is_wildcard_match("docker.io", "*.docker.io"));
/// assert!(is_wildcard_match("foo.ab.registry.url", "foo.??.registry.url"));
/// assert!(!is_wildcard_match("é", "?")); // two bytes
/// ```
#[must_use]
pub fn is_wildcard_match(value: &str, pattern: &str) -> bool {
    let (v, p) = (value.as_bytes(), pattern.as_bytes());
    let (mut i, mut j) = (0usize, 0usize);
    // Position in the pattern just after the last `*` seen, and the value position it was
    // last retried from.
    let mut backtrack: Option<(usize, usize)> = None;
    while let Some(&c) = v.get(i) {
        match p.get(j) {
            Some(b'*') => {
                j += 1;
                backtrack = Some((j, i));
            }
            Some(&pc) if pc == b'?' || pc == c => {
                i += 1;
                j += 1;
            }
            _ => match backtrack {
                Some((star_j, star_i)) => {
                    j = star_j;
                    i = star_i + 1;
                    backtrack = Some((star_j, i));
                }
                None => return false,
            },
        }
    }
    p.iter().skip(j).all(|&c| c == b'*')
}

/// Whether `value` matches the IDMS/ITMS `source` pattern (MCO `sourceRegex`, identical to the
/// openshift/api CRD pattern): `*.label(.label)*`, or `host[:port](/path-component)*` as in
/// [`is_valid_mirror`].
///
/// ```
/// use openshift_image::is_valid_mirror_source;
/// assert!(is_valid_mirror_source("*.example.com"));
/// assert!(is_valid_mirror_source("QUAY.IO/openshift"));
/// assert!(!is_valid_mirror_source("*.example.com/openshift"));
/// assert!(!is_valid_mirror_source("quay.io/openshift/busybox:latest"));
/// ```
#[must_use]
pub fn is_valid_mirror_source(value: &str) -> bool {
    match value.as_bytes().strip_prefix(b"*.") {
        Some(domain) => is_domain(domain),
        None => is_valid_mirror(value),
    }
}

/// Whether `value` matches the IDMS/ITMS mirror pattern (MCO `mirrorRegex`): a host of
/// dot-separated labels (`[A-Za-z0-9]`, inner `-` allowed, case-insensitive), an optional
/// `:port` of digits (no range check), then zero or more `/`-separated path components of the
/// lowercase Docker grammar (`[a-z0-9]+` joined by `.`, `_`, `__` or runs of `-`). No tag,
/// digest, IPv6 or wildcard.
///
/// ```
/// use openshift_image::is_valid_mirror;
/// assert!(is_valid_mirror("registry.example.com:5000/openshift/sub/busybox"));
/// assert!(is_valid_mirror("localhost"));
/// assert!(!is_valid_mirror("*.example.com"));
/// assert!(!is_valid_mirror("quay.io/OPENSHIFT"));
/// assert!(!is_valid_mirror("[::1]:5000/busybox"));
/// ```
#[must_use]
pub fn is_valid_mirror(value: &str) -> bool {
    let bytes = value.as_bytes();
    let host_end = bytes
        .iter()
        .position(|&b| b == b':' || b == b'/')
        .unwrap_or(bytes.len());
    let Some((host, mut rest)) = bytes.split_at_checked(host_end) else {
        return false;
    };
    if !is_domain(host) {
        return false;
    }
    if let Some(after_colon) = rest.strip_prefix(b":") {
        let digits = after_colon
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 {
            return false;
        }
        rest = after_colon.get(digits..).unwrap_or_default();
    }
    if rest.is_empty() {
        return true;
    }
    // `rest` must be `(/component)+`.
    let Some(path) = rest.strip_prefix(b"/") else {
        return false;
    };
    path.split(|&b| b == b'/').all(is_path_component)
}

/// `label(\.label)*` with label = `[A-Za-z0-9]` or `[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]`.
fn is_domain(s: &[u8]) -> bool {
    s.split(|&b| b == b'.').all(is_label)
}

fn is_label(label: &[u8]) -> bool {
    match (label.first(), label.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && label
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'-')
        }
        _ => false,
    }
}

/// `[a-z0-9]+((\.|_|__|-*)[a-z0-9]+)*`.
fn is_path_component(component: &[u8]) -> bool {
    let is_alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let mut rest = component;
    loop {
        let run = rest.iter().take_while(|b| is_alnum(b)).count();
        if run == 0 {
            return false;
        }
        rest = rest.get(run..).unwrap_or_default();
        let separator = match rest {
            [] => return true,
            [b'.', ..] => 1,
            [b'_', b'_', ..] => 2,
            [b'_', ..] => 1,
            [b'-', ..] => rest.iter().take_while(|&&b| b == b'-').count(),
            _ => return false,
        };
        rest = rest.get(separator..).unwrap_or_default();
    }
}

/// The `mirrorSourcePolicy` of an IDMS/ITMS mirror set (openshift/api
/// `config/v1.MirrorSourcePolicy`).
///
/// Serialized as `""`, `"AllowContactingSource"` or `"NeverContactSource"`; any other string
/// (the API server would reject it, MCO's Go code does not) is kept as [`Self::Other`] and
/// compared literally, as upstream does.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq, Hash)]
pub enum MirrorSourcePolicy {
    /// `""`: not set, which means [`Self::AllowContactingSource`].
    #[default]
    #[serde(rename = "")]
    Unset,
    /// The source is tried after the mirrors.
    AllowContactingSource,
    /// Only the mirrors are used (registries.conf `blocked = true` on the source).
    NeverContactSource,
    /// Any other value, kept as given.
    #[serde(untagged)]
    Other(String),
}

impl MirrorSourcePolicy {
    /// The policy as the API spells it (`""` for [`Self::Unset`]).
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Unset => "",
            Self::AllowContactingSource => "AllowContactingSource",
            Self::NeverContactSource => "NeverContactSource",
            Self::Other(s) => s,
        }
    }

    /// The policy in effect: [`Self::Unset`] means [`Self::AllowContactingSource`].
    #[must_use]
    pub fn effective(&self) -> &Self {
        match self {
            Self::Unset => &Self::AllowContactingSource,
            other => other,
        }
    }
}

/// One entry of a mirror set (`imageDigestMirrors` / `imageTagMirrors` of an IDMS / ITMS, or
/// `repositoryDigestMirrors` of an ICSP, which has no policy).
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq, Hash)]
pub struct MirrorSetEntry {
    /// The mirrored scope (`host[:port][/path]` or `*.domain`).
    pub source: String,
    /// The mirrors, in preference order.
    #[serde(default)]
    pub mirrors: Vec<String>,
    /// The entry's `mirrorSourcePolicy` (ignored for ICSP entries).
    #[serde(default)]
    pub mirror_source_policy: MirrorSourcePolicy,
}

/// The inputs of MCO's `validateRegistriesConfScopes`: the `registrySources` scope lists of
/// `image.config.openshift.io` and the mirror sets of every IDMS, ICSP and ITMS object (each
/// object is a list of [`MirrorSetEntry`]).
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq)]
#[serde(default)]
pub struct RegistriesConfScopes {
    /// `insecureRegistries`.
    pub insecure: Vec<String>,
    /// `blockedRegistries`.
    pub blocked: Vec<String>,
    /// `allowedRegistries`.
    pub allowed: Vec<String>,
    /// ImageDigestMirrorSet objects.
    pub idms: Vec<Vec<MirrorSetEntry>>,
    /// ImageContentSourcePolicy objects (their entries' policies are ignored).
    pub icsp: Vec<Vec<MirrorSetEntry>>,
    /// ImageTagMirrorSet objects.
    pub itms: Vec<Vec<MirrorSetEntry>>,
}

/// MCO `validateRegistriesConfScopes`: returns the first problem found.
///
/// In order: insecure, blocked, then allowed scopes ([`is_valid_registries_conf_scope`]); then
/// every entry of the IDMS objects, the ICSP objects (converted to IDMS entries with policy
/// `""`, appended after the IDMS ones) and the ITMS objects: the source pattern
/// ([`is_valid_mirror_source`]); a different effective policy already seen for the same source;
/// then per mirror the mirror pattern ([`is_valid_mirror`]) and, under `NeverContactSource`, a
/// mirror equal to the source.
///
/// # Errors
/// [`ReferenceError::InvalidScopeEntry`], [`ReferenceError::InvalidMirrorSource`],
/// [`ReferenceError::ConflictingMirrorSourcePolicy`], [`ReferenceError::InvalidMirror`] or
/// [`ReferenceError::NeverContactSourceIsMirror`], with upstream's texts.
///
/// ```
/// use openshift_image::{validate_registries_conf_scopes, MirrorSetEntry, RegistriesConfScopes};
/// let mut scopes = RegistriesConfScopes {
///     blocked: vec!["*.example.com".into()],
///     ..Default::default()
/// };
/// scopes.idms.push(vec![MirrorSetEntry {
///     source: "quay.io/openshift".into(),
///     mirrors: vec!["mirror.example.com/openshift".into()],
///     ..Default::default()
/// }]);
/// assert!(validate_registries_conf_scopes(&scopes).is_ok());
///
/// scopes.insecure.push("*.example.com:5000".into());
/// let err = validate_registries_conf_scopes(&scopes).unwrap_err();
/// assert_eq!(err.to_string(), r#"invalid entry for insecure registries "*.example.com:5000""#);
/// ```
pub fn validate_registries_conf_scopes(scopes: &RegistriesConfScopes) -> ReferenceResult<()> {
    for (list, entries) in [
        (ScopeList::Insecure, &scopes.insecure),
        (ScopeList::Blocked, &scopes.blocked),
        (ScopeList::Allowed, &scopes.allowed),
    ] {
        if let Some(scope) = entries.iter().find(|s| !is_valid_registries_conf_scope(s)) {
            return Err(ReferenceError::InvalidScopeEntry {
                list,
                scope: scope.clone(),
            });
        }
    }

    const ICSP_POLICY: MirrorSourcePolicy = MirrorSourcePolicy::Unset;
    let digest = scopes
        .idms
        .iter()
        .flatten()
        .map(|e| (e, &e.mirror_source_policy));
    let icsp = scopes.icsp.iter().flatten().map(|e| (e, &ICSP_POLICY));
    let tag = scopes
        .itms
        .iter()
        .flatten()
        .map(|e| (e, &e.mirror_source_policy));

    let mut seen: HashMap<&str, &MirrorSourcePolicy> = HashMap::new();
    for (entry, policy) in digest.chain(icsp).chain(tag) {
        let source = entry.source.as_str();
        if !is_valid_mirror_source(source) {
            return Err(ReferenceError::InvalidMirrorSource {
                source_scope: source.to_owned(),
            });
        }
        let policy = policy.effective();
        match seen.get(source) {
            Some(&previous) if previous != policy => {
                return Err(ReferenceError::ConflictingMirrorSourcePolicy {
                    source_scope: source.to_owned(),
                });
            }
            Some(_) => {}
            None => {
                seen.insert(source, policy);
            }
        }
        for mirror in &entry.mirrors {
            if !is_valid_mirror(mirror) {
                return Err(ReferenceError::InvalidMirror {
                    mirror: mirror.clone(),
                });
            }
            if *policy == MirrorSourcePolicy::NeverContactSource && mirror == source {
                return Err(ReferenceError::NeverContactSourceIsMirror {
                    source_scope: source.to_owned(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registries_conf_scope_validity() {
        let cases: &[(&str, bool)] = &[
            ("", false),
            ("example.com", true),
            ("*.example.com", true),
            ("*.", true),
            ("*", false),
            ("**.example.com", false),
            ("example.*.com", false),
            ("*.example.com/foo", false),
            ("*.example.com:5000", false),
            ("*.example.com@sha256:abc", false),
            ("*example.com", false),
            (" *.example.com", false),
            ("*. example.com", true),
            ("*.先生", true),
            ("*\n", false),
            ("not a registry!", true),
            ("reg1.io/repo:latest", true),
            ("[::1]:5000", true),
        ];
        for &(scope, want) in cases {
            assert_eq!(is_valid_registries_conf_scope(scope), want, "{scope:?}");
        }
    }

    #[test]
    fn scope_nesting() {
        let cases: &[(&str, &str, bool)] = &[
            ("", "", true),
            ("", "quay.io", false),
            ("quay.io", "", false),
            ("quay.io", "quay.io", true),
            ("quay.io/", "quay.io", true),
            ("quay.io//x", "quay.io", true),
            ("quay.io:443", "quay.io", false),
            ("quay.io:openshift", "quay.io", false),
            ("quay.io2", "quay.io", false),
            ("quay.io/ns/repo:tag", "quay.io/ns/repo", false),
            ("foo.example.com", "*.example.com", true),
            ("example.com", "*.example.com", false),
            ("*.foo.example.com", "*.example.com", true),
            ("foo.example.com:443/bar/baz", "*.example.com", true),
            ("foo.example.com:openshift/x", "*.example.com", true),
            ("foo.example.com/x:1", "*.example.com", false),
            ("example/bar.foo:400", "*.foo", false),
            ("bar/example.foo", "*.foo", false),
            ("FOO.EXAMPLE.COM", "*.example.com", false),
            ("foo.example.com", "*", false),
            ("foo.example.com", "*example.com", false),
            ("x.", "*.", true),
        ];
        for &(sub, sup, want) in cases {
            assert_eq!(
                scope_is_nested_inside_scope(sub, sup),
                want,
                "{sub:?} in {sup:?}"
            );
        }
    }

    #[test]
    fn prefix_matching() {
        let cases: &[(&str, &str, Option<usize>)] = &[
            ("", "", Some(0)),
            ("quay.io", "", None),
            (":x", "", Some(0)),
            ("", "quay.io", None),
            ("docker.io", "*.io", Some(9)),
            ("example.com/foo", "*.com", Some(11)),
            ("example.com/foo", "*.example.com", None),
            ("foo.example.com@sha256:aa", "*.example.com", Some(15)),
            ("foo.example.comx/openshift", "*.example.com", None),
            // Only the first occurrence is tried.
            ("a.example.com.example.com/x", "*.example.com", None),
            ("quay.io/openshift.example.com/x", "*.example.com", None),
            ("*.foo.example.com", "*.example.com", Some(17)),
            ("foo.example.com", "*.", None),
            ("foo.example.com", "*", None),
            ("**.example.com", "**.example.com", Some(14)),
            ("example.com:5000", "example.com", Some(11)),
            ("example.com:50000", "example.com:5000", None),
            ("quay.io/openshift", "quay.io/", None),
            ("quay.io//x", "quay.io/", Some(8)),
            ("[::1]:5000/busybox", "[::1]", Some(5)),
            ("先生.com/x", "*.com", Some(10)),
        ];
        for &(reference, prefix, want) in cases {
            assert_eq!(
                ref_matching_prefix(reference, prefix),
                want,
                "{reference:?} / {prefix:?}"
            );
        }
    }

    #[test]
    fn wildcards() {
        let cases: &[(&str, &str, bool)] = &[
            ("", "", true),
            ("", "*", true),
            ("", "**", true),
            ("", "*?", false),
            ("", "?", false),
            ("a", "?", true),
            ("ab", "?", false),
            ("é", "?", false),
            ("é", "??", true),
            ("先生", "??", false),
            ("example.com", "*.example.com", false),
            ("example.com", "*example.com", true),
            ("abcbc", "a*bc", true),
            ("abcb", "a*bc", false),
            ("a*c", "a[*]c", false),
            ("abc", "a.c", false),
            ("a\\b", "a\\b", true),
            ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "*a*a*a*a*a*a*a*b", true),
            ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "*a*a*a*a*a*a*a*b", false),
            ("barfoo.xx.registry.local", "*foo.??.registry.*", true),
            ("xfoo.xx.registry", "*foo.??.registry.*", false),
            ("QUAY.IO", "quay.io", false),
        ];
        for &(value, pattern, want) in cases {
            assert_eq!(
                is_wildcard_match(value, pattern),
                want,
                "{value:?} ~ {pattern:?}"
            );
        }
    }

    #[test]
    fn mirror_and_source_patterns() {
        // (value, source, mirror)
        let cases: &[(&str, bool, bool)] = &[
            ("quay.io", true, true),
            ("a", true, true),
            ("localhost:5000/x", true, true),
            (
                "registry.example.com:5000/openshift/sub/busybox",
                true,
                true,
            ),
            ("QUAY.IO/openshift", true, true),
            ("quay.io/OPENSHIFT", false, false),
            ("*.example.com", true, false),
            ("*.example.com:5000", false, false),
            ("*.example.com/openshift", false, false),
            ("*.example.com.", false, false),
            ("*.-example.com", false, false),
            ("*.a_b.example.com", false, false),
            ("*.", false, false),
            ("*", false, false),
            ("**.example.com", false, false),
            ("quay.io/openshift/busybox:latest", false, false),
            (
                "quay.io/x@sha256:7e7286c652ec6fab81fefbf8f6755b127154a339124568dfda217b7a3cfc66af",
                false,
                false,
            ),
            ("[::1]:5000/busybox", false, false),
            ("127.0.0.1:5000/busybox", true, true),
            ("quay.io/", false, false),
            ("quay.io//openshift", false, false),
            ("quay.io:/openshift", false, false),
            ("quay.io:", false, false),
            ("quay.io:port", false, false),
            ("quay.io:99999999/x", true, true),
            ("-quay.io", false, false),
            ("quay.io-", false, false),
            ("quay.io.", false, false),
            ("xn--bcher-kva.example.com", true, true),
            ("quay.io/a__b", true, true),
            ("quay.io/a___b", false, false),
            ("quay.io/a--b", true, true),
            ("quay.io/a-_b", false, false),
            ("quay.io/a..b", false, false),
            ("quay.io/a._b", false, false),
            ("quay.io/_a", false, false),
            ("quay.io/a_", false, false),
            ("quay.io/a-", false, false),
            ("", false, false),
            (" ", false, false),
            ("quay.io ", false, false),
            ("https://quay.io", false, false),
            ("quay.io\n", false, false),
            ("先生.io", false, false),
        ];
        for &(value, source, mirror) in cases {
            assert_eq!(is_valid_mirror_source(value), source, "source {value:?}");
            assert_eq!(is_valid_mirror(value), mirror, "mirror {value:?}");
        }
    }

    fn entry(source: &str, mirrors: &[&str], policy: MirrorSourcePolicy) -> MirrorSetEntry {
        MirrorSetEntry {
            source: source.to_owned(),
            mirrors: mirrors.iter().map(|m| (*m).to_owned()).collect(),
            mirror_source_policy: policy,
        }
    }

    #[test]
    fn validation_order_and_messages() {
        use MirrorSourcePolicy::{AllowContactingSource, NeverContactSource, Other, Unset};
        let ok = RegistriesConfScopes::default();
        assert_eq!(validate_registries_conf_scopes(&ok), Ok(()));

        let cases: Vec<(RegistriesConfScopes, Option<&str>)> = vec![
            (
                RegistriesConfScopes {
                    insecure: vec![String::new()],
                    blocked: vec![String::new()],
                    ..Default::default()
                },
                Some(r#"invalid entry for insecure registries """#),
            ),
            (
                RegistriesConfScopes {
                    blocked: vec!["quay.io".into(), "**.x".into()],
                    allowed: vec!["*".into()],
                    ..Default::default()
                },
                Some(r#"invalid entry for blocked registries "**.x""#),
            ),
            (
                // Scopes are checked before any mirror set.
                RegistriesConfScopes {
                    allowed: vec!["*.x/y".into()],
                    idms: vec![vec![entry("bad source!", &[], Unset)]],
                    ..Default::default()
                },
                Some(r#"invalid entry for allowed registries "*.x/y""#),
            ),
            (
                RegistriesConfScopes {
                    idms: vec![vec![entry("*.example.com", &["m.example.com/x"], Unset)]],
                    ..Default::default()
                },
                None,
            ),
            (
                RegistriesConfScopes {
                    icsp: vec![vec![entry("quay.io", &["*.example.com"], Unset)]],
                    ..Default::default()
                },
                Some(r#"invalid format for mirror "*.example.com""#),
            ),
            (
                // Unset and AllowContactingSource are the same policy.
                RegistriesConfScopes {
                    idms: vec![
                        vec![entry("quay.io/x", &["m.io/x"], AllowContactingSource)],
                        vec![entry("quay.io/x", &["m.io/x"], Unset)],
                    ],
                    ..Default::default()
                },
                None,
            ),
            (
                // ICSP entries come after IDMS ones and carry no policy.
                RegistriesConfScopes {
                    idms: vec![vec![entry("quay.io/x", &["m.io/x"], NeverContactSource)]],
                    icsp: vec![vec![entry("quay.io/x", &["m.io/x"], NeverContactSource)]],
                    ..Default::default()
                },
                Some(
                    r#"conflicting mirrorSourcePolicy is set for the same source "quay.io/x" in imagedigestmirrorsets, imagetagmirrorsets, or imagecontentsourcepolicies"#,
                ),
            ),
            (
                RegistriesConfScopes {
                    idms: vec![vec![entry("quay.io/x", &[], Other("Bogus".into()))]],
                    itms: vec![vec![entry("quay.io/x", &[], Unset)]],
                    ..Default::default()
                },
                Some(
                    r#"conflicting mirrorSourcePolicy is set for the same source "quay.io/x" in imagedigestmirrorsets, imagetagmirrorsets, or imagecontentsourcepolicies"#,
                ),
            ),
            (
                // The mirror pattern is checked before the NeverContactSource rule, per mirror.
                RegistriesConfScopes {
                    itms: vec![vec![entry(
                        "quay.io/x",
                        &["quay.io/x", "bad mirror"],
                        NeverContactSource,
                    )]],
                    ..Default::default()
                },
                Some(
                    r#"cannot set mirrorSourcePolicy: NeverContactSource if the source "quay.io/x" is one of the mirrors"#,
                ),
            ),
            (
                RegistriesConfScopes {
                    itms: vec![vec![entry(
                        "quay.io/x",
                        &["bad mirror", "quay.io/x"],
                        NeverContactSource,
                    )]],
                    ..Default::default()
                },
                Some(r#"invalid format for mirror "bad mirror""#),
            ),
        ];
        for (scopes, want) in cases {
            let got = validate_registries_conf_scopes(&scopes)
                .err()
                .map(|e| e.to_string());
            assert_eq!(got.as_deref(), want, "{scopes:?}");
        }
    }

    #[test]
    fn serde_shapes() -> Result<(), serde_json::Error> {
        let json = r#"{"idms": [[{"source": "quay.io", "mirrors": ["m.io"], "mirror_source_policy": "NeverContactSource"},
            {"source": "a.io", "mirrors": [], "mirror_source_policy": ""},
            {"source": "b.io", "mirrors": [], "mirror_source_policy": "BogusPolicy"},
            {"source": "c.io", "mirrors": []}]]}"#;
        let scopes: RegistriesConfScopes = serde_json::from_str(json)?;
        let policies: Vec<_> = scopes
            .idms
            .iter()
            .flatten()
            .map(|e| e.mirror_source_policy.clone())
            .collect();
        assert_eq!(
            policies,
            [
                MirrorSourcePolicy::NeverContactSource,
                MirrorSourcePolicy::Unset,
                MirrorSourcePolicy::Other("BogusPolicy".into()),
                MirrorSourcePolicy::Unset,
            ]
        );
        assert!(scopes.insecure.is_empty() && scopes.itms.is_empty());
        assert_eq!(
            serde_json::to_string(&policies)?,
            r#"["NeverContactSource","","BogusPolicy",""]"#
        );
        assert_eq!(MirrorSourcePolicy::Unset.as_str(), "");
        Ok(())
    }
}
