//! Mistakes in a policy.json that containers/image accepts silently (`pull.md` §9): `docker`
//! scopes are never validated, so a misspelt scope loads and every image falls through to a
//! less specific section; wildcards behave in ways their spelling does not suggest;
//! `signedBaseLayer` loads but refuses every image.

use std::collections::HashSet;

use serde::Serialize;

use super::requirement::{RequirementList, RequirementType};
use super::{DOCKER_TRANSPORT, Policy, TransportScopes};
use crate::pull::transports::Transport;
use crate::reference::Reference;
use crate::reference::grammar::{Grammar, is_domain_and_port};

pub use crate::mirror::lint::Severity;

/// What a [`PolicyFinding`] is about. Serialized as stable snake_case strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FindingKind {
    /// A `docker` scope that no normalised reference produces as identity or namespace
    /// (`docker://quay.io`, `quay.io/`, `quay.io/App`, `busybox`, `index.docker.io`, `*.io/ns`).
    ScopeNeverMatches,
    /// A scope whose host has upper case: it matches only images that spell the host the same
    /// way (`QUAY.IO` does not cover `quay.io/x`).
    UpperCaseHost,
    /// A scope with the default port (`quay.io:443`): images written without the port are
    /// not covered.
    ExplicitDefaultPort,
    /// A scope without port while other scopes use the same host with one: `quay.io` does
    /// not cover `quay.io:5000/…`.
    PortNotCovered,
    /// `*.example.com` does not cover `example.com` itself, and no scope does.
    WildcardExcludesApex,
    /// A wildcard whose labels are numbers: it also matches IPv4 hosts (`*.0.1` covers
    /// `10.0.0.1`).
    WildcardMatchesIp,
    /// A list with `signedBaseLayer`: upstream refuses every image it applies to.
    SignedBaseLayerAlwaysRefuses,
    /// A transport name containers/image does not register: its scopes are never used.
    UnknownTransport,
}

impl FindingKind {
    /// The kind's stable name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ScopeNeverMatches => "scope_never_matches",
            Self::UpperCaseHost => "upper_case_host",
            Self::ExplicitDefaultPort => "explicit_default_port",
            Self::PortNotCovered => "port_not_covered",
            Self::WildcardExcludesApex => "wildcard_excludes_apex",
            Self::WildcardMatchesIp => "wildcard_matches_ip",
            Self::SignedBaseLayerAlwaysRefuses => "signed_base_layer_always_refuses",
            Self::UnknownTransport => "unknown_transport",
        }
    }

    /// The kind's severity.
    #[must_use]
    pub const fn severity(self) -> Severity {
        match self {
            Self::SignedBaseLayerAlwaysRefuses => Severity::Error,
            Self::ScopeNeverMatches
            | Self::UpperCaseHost
            | Self::WildcardMatchesIp
            | Self::UnknownTransport => Severity::Warning,
            Self::ExplicitDefaultPort | Self::PortNotCovered | Self::WildcardExcludesApex => {
                Severity::Info
            }
        }
    }
}

/// One lint finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyFinding {
    /// What it is about.
    pub kind: FindingKind,
    /// How bad it is.
    pub severity: Severity,
    /// The transport section (`None`: the top-level `default`).
    pub transport: Option<String>,
    /// The scope (`None`: the transport as a whole, or `default`).
    pub scope: Option<String>,
    /// The explanation.
    pub message: String,
}

fn finding(
    kind: FindingKind,
    transport: Option<&str>,
    scope: Option<&str>,
    message: String,
) -> PolicyFinding {
    PolicyFinding {
        kind,
        severity: kind.severity(),
        transport: transport.map(str::to_owned),
        scope: scope.map(str::to_owned),
        message,
    }
}

/// Lints a parsed policy: findings in document order (the `default` list first, then each
/// transport and its scopes).
///
/// ```
/// use openshift_image::pull::policy::{FindingKind, Policy, lint_policy};
/// let policy = Policy::from_json(r#"{"default": [{"type": "reject"}],
///     "transports": {"docker": {"docker://quay.io": [{"type": "insecureAcceptAnything"}]}}}"#)?;
/// let findings = lint_policy(&policy);
/// assert_eq!(findings[0].kind, FindingKind::ScopeNeverMatches);
/// assert_eq!(findings[0].scope.as_deref(), Some("docker://quay.io"));
/// # Ok::<(), openshift_image::pull::PullError>(())
/// ```
#[must_use]
pub fn lint_policy(policy: &Policy) -> Vec<PolicyFinding> {
    let mut out = Vec::new();
    base_layer(&mut out, None, None, policy.default_requirements());
    for transport in policy.transports() {
        let name = transport.name();
        if Transport::from_name(name).is_none() {
            out.push(finding(
                FindingKind::UnknownTransport,
                Some(name),
                None,
                unknown_transport_message(name),
            ));
        }
        let docker = (name == DOCKER_TRANSPORT).then(|| DockerScopes::new(transport));
        for entry in transport.scopes() {
            if let Some(docker) = &docker {
                docker.lint_scope(&mut out, entry.scope());
            }
            base_layer(
                &mut out,
                Some(name),
                Some(entry.scope()),
                entry.requirements(),
            );
        }
    }
    out
}

fn base_layer(
    out: &mut Vec<PolicyFinding>,
    transport: Option<&str>,
    scope: Option<&str>,
    list: &RequirementList,
) {
    if list.types().any(|t| t == RequirementType::SignedBaseLayer) {
        out.push(finding(
            FindingKind::SignedBaseLayerAlwaysRefuses,
            transport,
            scope,
            "signedBaseLayer is accepted by the parser but not implemented: every image this \
             list applies to is refused (\"signedBaseLayer not implemented yet!\")"
                .to_owned(),
        ));
    }
}

fn unknown_transport_message(name: &str) -> String {
    let trimmed = name.trim().trim_end_matches(':').trim_end_matches("//");
    let trimmed = trimmed.trim_end_matches(':');
    let hint = Transport::ALL
        .iter()
        .map(|t| t.as_str())
        .find(|t| t.eq_ignore_ascii_case(trimmed))
        .map(|t| format!(" (did you mean {t:?}?)"))
        .unwrap_or_default();
    format!(
        "{name:?} is not a transport containers/image registers: the section loads without \
         its scopes being checked and never applies{hint}"
    )
}

/// The docker section's hosts, for the cross-scope checks.
struct DockerScopes {
    /// Every scope key, for the apex check.
    scopes: HashSet<String>,
    /// Hosts (without port) that some scope names with a port.
    hosts_with_port: HashSet<String>,
}

/// The host part of a scope (up to the first `/`) and that host without its port.
fn host_of(scope: &str) -> (&str, &str) {
    let host = scope.split('/').next().unwrap_or_default();
    (host, host.split(':').next().unwrap_or_default())
}

/// Whether `host` (without port) can be the domain of a normalised reference: the legacy
/// grammar takes a first component as a domain only with a `.` or `:`, or `localhost`.
fn is_registry_host(host_port: &str) -> bool {
    is_domain_and_port(host_port.as_bytes(), Grammar::Legacy)
        && (host_port.contains(['.', ':']) || host_port == "localhost")
}

fn is_ipv4_suffix(suffix: &str) -> bool {
    let labels: Vec<&str> = suffix.split('.').collect();
    labels.len() <= 3
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 3
                && l.bytes().all(|b| b.is_ascii_digit())
                && l.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

impl DockerScopes {
    fn new(section: &TransportScopes) -> Self {
        let scopes: HashSet<String> = section
            .scopes()
            .iter()
            .map(|s| s.scope().to_owned())
            .collect();
        let hosts_with_port = scopes
            .iter()
            .filter(|s| !s.starts_with('*'))
            .filter_map(|s| {
                let (host, bare) = host_of(s);
                (host.len() > bare.len() && is_registry_host(host)).then(|| bare.to_owned())
            })
            .collect();
        Self {
            scopes,
            hosts_with_port,
        }
    }

    fn lint_scope(&self, out: &mut Vec<PolicyFinding>, scope: &str) {
        let mut push = |kind: FindingKind, message: String| {
            out.push(finding(kind, Some(DOCKER_TRANSPORT), Some(scope), message));
        };
        if scope.is_empty() {
            return;
        }
        if let Some(suffix) = scope.strip_prefix("*.") {
            self.lint_wildcard(&mut push, scope, suffix);
            return;
        }
        if let Some(message) = never_matches(scope) {
            push(FindingKind::ScopeNeverMatches, message);
            return;
        }
        let (host, bare) = host_of(scope);
        if host.bytes().any(|b| b.is_ascii_uppercase()) {
            push(
                FindingKind::UpperCaseHost,
                format!(
                    "{scope:?} matches only images that spell the host {host:?} exactly so; \
                     {:?} does not match it",
                    host.to_ascii_lowercase()
                ),
            );
        }
        if let Some(port @ ("443" | "80")) = host.split_once(':').map(|(_, p)| p) {
            push(
                FindingKind::ExplicitDefaultPort,
                format!(
                    "{scope:?} matches only images written with \":{port}\"; the same image \
                     written {bare}/… is not covered"
                ),
            );
        } else if host == bare && self.hosts_with_port.contains(bare) {
            push(
                FindingKind::PortNotCovered,
                format!(
                    "{scope:?} does not cover images addressed as {bare}:<port>/… (scopes \
                     compare the host with its port), yet other scopes name {bare} with a port"
                ),
            );
        }
    }

    fn lint_wildcard(&self, push: &mut impl FnMut(FindingKind, String), scope: &str, suffix: &str) {
        if suffix.contains(['/', '@']) {
            push(
                FindingKind::ScopeNeverMatches,
                format!(
                    "{scope:?} never matches: wildcard scopes are host names only; write \
                     \"*.{}\" or one scope per repository",
                    suffix.split(['/', '@']).next().unwrap_or_default()
                ),
            );
            return;
        }
        if suffix.contains(':') {
            push(
                FindingKind::ScopeNeverMatches,
                format!(
                    "{scope:?} never matches: wildcards are built from the host without its \
                     port; write \"*.{}\"",
                    suffix.split(':').next().unwrap_or_default()
                ),
            );
            return;
        }
        if !is_domain_and_port(suffix.as_bytes(), Grammar::Legacy) {
            push(
                FindingKind::ScopeNeverMatches,
                format!(
                    "{scope:?} never matches: only a leading \"*.\" followed by host labels is \
                     a wildcard"
                ),
            );
            return;
        }
        if suffix.bytes().any(|b| b.is_ascii_uppercase()) {
            push(
                FindingKind::UpperCaseHost,
                format!(
                    "{scope:?} matches only hosts spelt with the same case; \"*.{}\" is what \
                     lower-case images need",
                    suffix.to_ascii_lowercase()
                ),
            );
        }
        if is_ipv4_suffix(suffix) {
            push(
                FindingKind::WildcardMatchesIp,
                format!(
                    "{scope:?} also matches IPv4 hosts: wildcards are derived label by label \
                     from any host, so it covers every address ending in .{suffix} (e.g. \
                     10.{}{suffix})",
                    match suffix.matches('.').count() {
                        0 => "0.0.",
                        1 => "0.",
                        _ => "",
                    }
                ),
            );
            return;
        }
        let apex_covered = self.scopes.iter().any(|s| host_of(s).1 == suffix);
        if suffix.contains('.') && !apex_covered {
            push(
                FindingKind::WildcardExcludesApex,
                format!(
                    "{scope:?} does not cover {suffix:?} itself (only hosts below it), and no \
                     other scope does: images on {suffix} fall through to a less specific section"
                ),
            );
        }
    }
}

/// Why a non-wildcard docker scope can never be an image's identity or namespace, if so.
fn never_matches(scope: &str) -> Option<String> {
    if let Some((scheme, rest)) = scope.split_once("://") {
        return Some(format!(
            "{scope:?} never matches: scopes carry no URL scheme; write {rest:?} (the transport \
             is the section, {scheme:?})"
        ));
    }
    if scope.contains('*') {
        return Some(format!(
            "{scope:?} never matches: only a leading \"*.\" makes a wildcard"
        ));
    }
    let normalised = Reference::parse_normalized_legacy(scope.trim_end_matches('/')).ok();
    let suggestion = |why: &str| {
        let hint = normalised
            .as_ref()
            .filter(|r| r.as_str() != scope)
            .map(|r| format!("; write {:?}", r.as_str()))
            .unwrap_or_default();
        Some(format!("{scope:?} never matches: {why}{hint}"))
    };
    if !scope.contains('/') {
        if scope == "index.docker.io" {
            return Some(format!(
                "{scope:?} never matches: references are normalised to docker.io; write \"docker.io\""
            ));
        }
        if is_registry_host(scope) {
            return None;
        }
        let why = if is_domain_and_port(scope.as_bytes(), Grammar::Legacy) {
            "a first component without '.' or ':' (other than localhost) is a Docker Hub namespace, not a host"
        } else {
            "it is not a host[:port], a repository or a reference"
        };
        let hint = normalised
            .as_ref()
            .map(|r| format!("; write {:?}", r.name()))
            .unwrap_or_default();
        return Some(format!("{scope:?} never matches: {why}{hint}"));
    }
    if scope.ends_with('/') {
        return suggestion("a scope never ends with '/'");
    }
    match Reference::parse_normalized_legacy(scope) {
        Err(e) => {
            let (host, _) = host_of(scope);
            let path = scope.get(host.len()..).unwrap_or_default();
            if path.bytes().any(|b| b.is_ascii_uppercase()) {
                suggestion(&format!(
                    "repository paths are lower case ({e}); {:?} would match",
                    format!("{host}{}", path.to_ascii_lowercase())
                ))
            } else {
                Some(format!(
                    "{scope:?} never matches: not a valid reference ({e})"
                ))
            }
        }
        Ok(r) if r.as_str() != scope => suggestion(
            "scopes are compared with normalised names (docker.io/library/…, no index.docker.io)",
        ),
        Ok(r) if r.tag().is_some() && r.digest().is_some() => Some(format!(
            "{scope:?} never matches: an image identity has a tag or a digest, never both"
        )),
        Ok(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(scopes: &[&str]) -> Vec<(String, FindingKind)> {
        let body: Vec<String> = scopes
            .iter()
            .map(|s| format!("{s:?}: [{{\"type\": \"insecureAcceptAnything\"}}]"))
            .collect();
        let text = format!(
            "{{\"default\": [{{\"type\": \"reject\"}}], \"transports\": {{\"docker\": {{{}}}}}}}",
            body.join(",")
        );
        let policy = Policy::from_json(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        lint_policy(&policy)
            .into_iter()
            .map(|f| (f.scope.unwrap_or_default(), f.kind))
            .collect()
    }

    /// Scopes of a docker section, and the findings expected (scope, kind).
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, FindingKind)]);

    #[test]
    fn docker_scopes() {
        use FindingKind::*;
        let cases: &[Case<'_>] = &[
            (
                &[
                    "quay.io",
                    "quay.io/ns/app:v1",
                    "docker.io/library/busybox",
                    "localhost:5000",
                    "",
                ],
                &[],
            ),
            (
                &["docker://quay.io"],
                &[("docker://quay.io", ScopeNeverMatches)],
            ),
            (&["quay.io/"], &[("quay.io/", ScopeNeverMatches)]),
            (&["quay.io/App"], &[("quay.io/App", ScopeNeverMatches)]),
            (&["busybox"], &[("busybox", ScopeNeverMatches)]),
            (
                &["library/busybox"],
                &[("library/busybox", ScopeNeverMatches)],
            ),
            (
                &["index.docker.io"],
                &[("index.docker.io", ScopeNeverMatches)],
            ),
            (
                &["index.docker.io/library/x"],
                &[("index.docker.io/library/x", ScopeNeverMatches)],
            ),
            (
                &[
                    "quay.io/x:v1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                ],
                &[(
                    "quay.io/x:v1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                    ScopeNeverMatches,
                )],
            ),
            (
                &["**.io", "*io"],
                &[("**.io", ScopeNeverMatches), ("*io", ScopeNeverMatches)],
            ),
            (&["*.quay.io/ns"], &[("*.quay.io/ns", ScopeNeverMatches)]),
            (&["*.quay.io:443"], &[("*.quay.io:443", ScopeNeverMatches)]),
            (&["QUAY.IO"], &[("QUAY.IO", UpperCaseHost)]),
            (
                &["quay.io:443/ns"],
                &[("quay.io:443/ns", ExplicitDefaultPort)],
            ),
            (
                &["registry.local", "registry.local:5000/ns"],
                &[("registry.local", PortNotCovered)],
            ),
            (
                &["*.example.com"],
                &[("*.example.com", WildcardExcludesApex)],
            ),
            (&["*.example.com", "example.com/ns"], &[]),
            (&["*.com"], &[]),
            (
                &["*.0.1", "*.1"],
                &[("*.0.1", WildcardMatchesIp), ("*.1", WildcardMatchesIp)],
            ),
        ];
        for (scopes, want) in cases {
            let want: Vec<(String, FindingKind)> =
                want.iter().map(|(s, k)| ((*s).to_owned(), *k)).collect();
            assert_eq!(kinds(scopes), want, "{scopes:?}");
        }
    }

    #[test]
    fn base_layer_and_unknown_transports() {
        let policy = Policy::from_json(
            r#"{"default": [{"type": "signedBaseLayer", "baseLayerIdentity": {"type": "matchExact"}}],
                "transports": {"Docker": {"quay.io": [{"type": "reject"}]},
                               "atomic": {"a/b": [{"type": "signedBaseLayer", "baseLayerIdentity": {"type": "matchRepository"}}]}}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let got: Vec<(Option<String>, Option<String>, FindingKind)> = lint_policy(&policy)
            .into_iter()
            .map(|f| (f.transport, f.scope, f.kind))
            .collect();
        assert_eq!(
            got,
            [
                (None, None, FindingKind::SignedBaseLayerAlwaysRefuses),
                (
                    Some("Docker".to_owned()),
                    None,
                    FindingKind::UnknownTransport
                ),
                (
                    Some("atomic".to_owned()),
                    Some("a/b".to_owned()),
                    FindingKind::SignedBaseLayerAlwaysRefuses
                ),
            ]
        );
        assert!(
            lint_policy(&policy)[1]
                .message
                .contains("did you mean \"docker\"")
        );
    }
}
