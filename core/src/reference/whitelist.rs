//! The `allowedRegistriesForImport` whitelist (openshift-apiserver
//! `pkg/image/apis/image/validation/whitelist`; specification `references.md` §11.5).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::openshift::{
    DOCKER_DEFAULT_REGISTRY, DOCKER_DEFAULT_V1_REGISTRY, DOCKER_DEFAULT_V2_REGISTRY,
    DockerImageReference, HostPort, split_host_port,
};
use super::scope::is_wildcard_match;
use crate::error::{ReferenceError, ReferenceResult};

/// How the registry of an admitted reference is reached, which decides the port assumed when
/// it has none (`WhitelistTransport`).
#[derive(Serialize, Deserialize, Default, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum WhitelistTransport {
    /// `secure`: HTTPS, port `443` by default.
    #[default]
    Secure,
    /// `insecure`: HTTP, port `80` by default.
    Insecure,
    /// `any`: either; a registry without a port matches entries for port `80`, `443` or `*`.
    Any,
}

impl WhitelistTransport {
    /// The transport as upstream spells it (`secure`, `insecure`, `any`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Secure => "secure",
            Self::Insecure => "insecure",
            Self::Any => "any",
        }
    }
}

/// One `allowedRegistriesForImport` entry (`openshiftcontrolplane/v1.RegistryLocation`).
///
/// Serialized with the API's field name `domainName`; `domain_name` is accepted on input too.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq, Hash)]
pub struct AllowedRegistry {
    /// A host glob with an optional port glob: `quay.io`, `*.example.com`, `example.com:*`,
    /// `registry.example.com:5000`. `*` matches any run of bytes, `?` one byte.
    #[serde(alias = "domain_name", rename = "domainName")]
    pub domain_name: String,
    /// Whether the registry is reached over HTTP (default port `80` instead of `443`).
    #[serde(default)]
    pub insecure: bool,
}

/// A whitelist entry: a host glob and a port glob.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct HostPortGlob {
    host: String,
    port: String,
}

impl HostPortGlob {
    fn new(host: &str, port: &str) -> Self {
        Self {
            host: host.to_owned(),
            port: port.to_owned(),
        }
    }

    /// `net.JoinHostPort(host, port)`, as the error text lists the entry.
    fn display(&self) -> String {
        join_host_port(&self.host, &self.port)
    }
}

/// Decides whether image pull specs are allowed by the `allowedRegistriesForImport` policy
/// (openshift-apiserver `registryWhitelister`).
///
/// The whitelist is an ordered list of (host glob, port glob) entries; entries added later are
/// put at the **front**, an entry equal to an existing one is skipped. [`Self::new`] adds the
/// configured entries last to first, so they keep their input order. Matching is
/// case-sensitive and byte-wise ([`is_wildcard_match`]); no entry is validated.
///
/// ```
/// use openshift_image::{AllowedRegistry, RegistryWhitelister, WhitelistTransport};
///
/// let allowed = [
///     AllowedRegistry { domain_name: "quay.io".into(), insecure: false },
///     AllowedRegistry { domain_name: "*.example.com".into(), insecure: false },
/// ];
/// let whitelister = RegistryWhitelister::new(&allowed)?;
/// assert!(whitelister.admit_pull_spec("quay.io/openshift/cli:4.14", WhitelistTransport::Secure).is_ok());
/// assert!(whitelister.admit_pull_spec("registry.example.com/app", WhitelistTransport::Secure).is_ok());
///
/// let err = whitelister
///     .admit_pull_spec("example.com/app", WhitelistTransport::Secure)
///     .unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"registry "example.com" not allowed by whitelist: "quay.io:443", "*.example.com:443""#
/// );
/// # Ok::<(), openshift_image::ReferenceError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegistryWhitelister {
    /// The entries in **reverse** list order (the front of the list is the last element), so
    /// that putting an entry in front is a push.
    reversed: Vec<HostPortGlob>,
    /// Canonical repositories (see [`canonical_repository`]) admitted whatever their registry.
    repositories: BTreeSet<String>,
    /// The integrated registry's hostname, whitelisted (secure) at each admission.
    internal_registry_hostname: Option<String>,
}

impl RegistryWhitelister {
    /// Builds a whitelister from the `allowedRegistriesForImport` entries
    /// (`NewRegistryWhitelister`): each is added with [`Self::whitelist_registry`], transport
    /// `insecure` when the entry says so, else `secure`, last entry first.
    ///
    /// # Errors
    /// [`ReferenceError::WhitelistTooManyColons`] for an entry with more than one `:`; when
    /// several entries fail, [`ReferenceError::Aggregate`] of their errors, last entry first
    /// (upstream's Kubernetes aggregate `[a, b]`).
    pub fn new(allowed: &[AllowedRegistry]) -> ReferenceResult<Self> {
        let mut whitelister = Self::default();
        let mut errors: Vec<ReferenceError> = allowed
            .iter()
            .rev()
            .filter_map(|registry| {
                let transport = if registry.insecure {
                    WhitelistTransport::Insecure
                } else {
                    WhitelistTransport::Secure
                };
                whitelister
                    .whitelist_registry(&registry.domain_name, transport)
                    .err()
            })
            .collect();
        if errors.len() > 1 {
            return Err(ReferenceError::Aggregate(errors));
        }
        match errors.pop() {
            Some(error) => Err(error),
            None => Ok(whitelister),
        }
    }

    /// Adds `host_port_glob` (`<host>` or `<host>:<port>`, each part a glob) to the front of the
    /// whitelist (`WhitelistRegistry`). Without a port, the entry gets port `443` (`secure`),
    /// `80` (`insecure`), or both for `any` (the `80` entry is added first, so the `443` entry
    /// ends up in front). Entries already present are skipped.
    ///
    /// # Errors
    /// [`ReferenceError::WhitelistTooManyColons`] when the glob has more than one `:` (so IPv6
    /// addresses cannot be whitelisted); the whitelist is then unchanged.
    pub fn whitelist_registry(
        &mut self,
        host_port_glob: &str,
        transport: WhitelistTransport,
    ) -> ReferenceResult<()> {
        let entries = parse_host_port_glob(host_port_glob, transport).ok_or_else(|| {
            ReferenceError::WhitelistTooManyColons {
                domain: host_port_glob.to_owned(),
            }
        })?;
        for entry in entries.into_iter().flatten() {
            if !self.reversed.contains(&entry) {
                self.reversed.push(entry);
            }
        }
        Ok(())
    }

    /// Admits, whatever its registry, every reference in the same repository as `pull_spec`
    /// (`WhitelistRepository`): its [`canonical_repository`] is remembered.
    ///
    /// # Errors
    /// The [`DockerImageReference::parse`] error of `pull_spec`.
    pub fn whitelist_repository(&mut self, pull_spec: &str) -> ReferenceResult<()> {
        let reference = DockerImageReference::parse(pull_spec)?;
        self.repositories.insert(canonical(&reference));
        Ok(())
    }

    /// Sets (or clears) the integrated registry's hostname, as upstream's hostname retriever
    /// reports it. When set, each admission that is not settled by a whitelisted repository
    /// first whitelists it with transport `secure` (so, unless already present, it is listed
    /// first in the error text).
    ///
    /// Upstream adds the hostname to the whitelist for good at the first such admission; this
    /// type applies it at each admission without changing the whitelist, which gives the same
    /// results for a fixed hostname. (Upstream would also keep earlier hostnames after the
    /// retriever changes its answer, and would skip a later [`Self::whitelist_registry`] of the
    /// same entry instead of moving it to the front.)
    pub fn set_internal_registry_hostname(&mut self, hostname: Option<String>) {
        self.internal_registry_hostname = hostname;
    }

    /// Admits a registry host (`AdmitHostname`): [`Self::admit_reference`] of a reference whose
    /// registry is `hostname` and whose other fields are empty.
    ///
    /// # Errors
    /// [`ReferenceError::RegistryNotAllowed`], as for [`Self::admit_reference`].
    pub fn admit_hostname(
        &self,
        hostname: &str,
        transport: WhitelistTransport,
    ) -> ReferenceResult<()> {
        let reference = DockerImageReference {
            registry: hostname.to_owned(),
            ..DockerImageReference::default()
        };
        self.admit_reference(&reference, transport)
    }

    /// Admits a reference (`AdmitDockerImageReference`).
    ///
    /// 1. A reference whose [`canonical_repository`] was whitelisted by
    ///    [`Self::whitelist_repository`] is admitted.
    /// 2. The internal registry hostname, if set, is whitelisted (see
    ///    [`Self::set_internal_registry_hostname`]).
    /// 3. Host and port: transport `any` splits `registry` as Go's `net.SplitHostPort` (failure or
    ///    empty port: host = `registry`, port `""`), and an empty host becomes the host of
    ///    [`DockerImageReference::registry_host_port`]`(false)` (`docker.io`); `insecure` /
    ///    `secure` take `registry_host_port(true / false)`.
    /// 4. Each entry in list order: the host glob must match the host and the port glob the port;
    ///    port `""` matches only entries with port `80`, `443` or `*`. Hosts `index.docker.io` and
    ///    `registry-1.docker.io` try `docker.io` first.
    ///
    /// # Errors
    /// [`ReferenceError::RegistryNotAllowed`] naming `registry` (or `host[:port]` when it is
    /// empty) and every whitelist entry, in list order.
    pub fn admit_reference(
        &self,
        reference: &DockerImageReference,
        transport: WhitelistTransport,
    ) -> ReferenceResult<()> {
        if !self.repositories.is_empty() && self.repositories.contains(&canonical(reference)) {
            return Ok(());
        }

        // The internal registry hostname, unless already listed, goes in front.
        let internal = self
            .internal_registry_hostname
            .as_deref()
            .and_then(|h| parse_host_port_glob(h, WhitelistTransport::Secure))
            .and_then(|[first, _]| first)
            .filter(|entry| !self.reversed.contains(entry));
        let entries = || internal.iter().chain(self.reversed.iter().rev());

        let registry = reference.registry.as_str();
        let HostPort { host, port } = match transport {
            WhitelistTransport::Any => {
                let mut host_port = match split_host_port(registry) {
                    Some((host, port)) if !port.is_empty() => HostPort {
                        host: host.to_owned(),
                        port: port.to_owned(),
                    },
                    _ => HostPort {
                        host: registry.to_owned(),
                        port: String::new(),
                    },
                };
                if host_port.host.is_empty() {
                    host_port.host = reference.registry_host_port(false).host;
                }
                host_port
            }
            WhitelistTransport::Insecure => reference.registry_host_port(true),
            WhitelistTransport::Secure => reference.registry_host_port(false),
        };

        let match_host = |h: &str| {
            entries().any(|entry| {
                is_wildcard_match(h, &entry.host)
                    && if port.is_empty() {
                        matches!(entry.port.as_str(), "80" | "443" | "*")
                    } else {
                        is_wildcard_match(&port, &entry.port)
                    }
            })
        };
        let hub_alias = matches!(
            host.as_str(),
            DOCKER_DEFAULT_V1_REGISTRY | DOCKER_DEFAULT_V2_REGISTRY
        );
        if (hub_alias && match_host(DOCKER_DEFAULT_REGISTRY)) || match_host(&host) {
            return Ok(());
        }

        let shown = if !registry.is_empty() {
            registry.to_owned()
        } else if !port.is_empty() {
            join_host_port(&host, &port)
        } else {
            host
        };
        Err(ReferenceError::RegistryNotAllowed {
            registry: shown,
            entries: entries().map(HostPortGlob::display).collect(),
        })
    }

    /// Admits a pull spec (`AdmitPullSpec`): parses it with [`DockerImageReference::parse`],
    /// then [`Self::admit_reference`].
    ///
    /// # Errors
    /// The parse error, or [`ReferenceError::RegistryNotAllowed`].
    pub fn admit_pull_spec(
        &self,
        pull_spec: &str,
        transport: WhitelistTransport,
    ) -> ReferenceResult<()> {
        let reference = DockerImageReference::parse(pull_spec)?;
        self.admit_reference(&reference, transport)
    }
}

/// The canonical repository of an image reference, as the whitelist compares repositories
/// (openshift-apiserver `canonicalRepository`): `parse(reference).docker_client_defaults()
/// .as_repository().exact()`.
///
/// ```
/// use openshift_image::canonical_repository;
/// assert_eq!(canonical_repository("busybox:glibc")?, "docker.io/library/busybox");
/// assert_eq!(canonical_repository("quay.io/ns/app@sha256:4077983ab3dfc8bc268b1351b16d696ed93f3bcc0c8e49eb030d65bc0ef82dc6")?, "quay.io/ns/app");
/// assert!(canonical_repository("bad//spec").is_err());
/// # Ok::<(), openshift_image::ReferenceError>(())
/// ```
///
/// # Errors
/// The [`DockerImageReference::parse`] error.
pub fn canonical_repository(reference: &str) -> ReferenceResult<String> {
    DockerImageReference::parse(reference).map(|r| canonical(&r))
}

fn canonical(reference: &DockerImageReference) -> String {
    reference.docker_client_defaults().as_repository().exact()
}

/// The entries `WhitelistRegistry` adds for `glob`, in the order it adds them; `None` for too
/// many colons.
fn parse_host_port_glob(
    glob: &str,
    transport: WhitelistTransport,
) -> Option<[Option<HostPortGlob>; 2]> {
    let mut parts = glob.splitn(3, ':');
    let host = parts.next().unwrap_or_default();
    match (parts.next(), parts.next()) {
        (None, _) => Some(match transport {
            WhitelistTransport::Any => [
                Some(HostPortGlob::new(host, "80")),
                Some(HostPortGlob::new(host, "443")),
            ],
            WhitelistTransport::Insecure => [Some(HostPortGlob::new(host, "80")), None],
            WhitelistTransport::Secure => [Some(HostPortGlob::new(host, "443")), None],
        }),
        (Some(port), None) => Some([Some(HostPortGlob::new(host, port)), None]),
        (Some(_), Some(_)) => None,
    }
}

/// Go's `net.JoinHostPort`: brackets around a host containing `:`.
fn join_host_port(host: &str, port: &str) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(entries: &[(&str, bool)]) -> Vec<AllowedRegistry> {
        entries
            .iter()
            .map(|&(domain_name, insecure)| AllowedRegistry {
                domain_name: domain_name.to_owned(),
                insecure,
            })
            .collect()
    }

    fn message<T>(result: ReferenceResult<T>) -> Option<String> {
        result.err().map(|e| e.to_string())
    }

    #[test]
    fn construction_order_and_errors() {
        let w = RegistryWhitelister::new(&allowed(&[
            ("quay.io", false),
            ("quay.io", false),
            ("quay.io:443", false),
            ("b.io", true),
        ]));
        assert_eq!(
            message(w.and_then(|w| w.admit_hostname("x.io", WhitelistTransport::Secure))),
            Some(r#"registry "x.io" not allowed by whitelist: "quay.io:443", "b.io:80""#.into())
        );

        let one = RegistryWhitelister::new(&allowed(&[("[::1]:5000", false)]));
        assert_eq!(
            one.as_ref().err().map(ReferenceError::kind),
            Some("whitelist.too_many_colons")
        );
        assert_eq!(
            message(one),
            Some(r#"failed to parse allowed registry "[::1]:5000": too many colons"#.into())
        );
        assert_eq!(
            message(RegistryWhitelister::new(&allowed(&[
                ("a:b:c", false),
                ("ok.io", false),
                ("d:e:f", false)
            ]))),
            Some(
                r#"[failed to parse allowed registry "d:e:f": too many colons, failed to parse allowed registry "a:b:c": too many colons]"#
                    .into()
            )
        );
    }

    #[test]
    fn later_entries_go_in_front() -> ReferenceResult<()> {
        let mut w = RegistryWhitelister::new(&allowed(&[("a.io", false)]))?;
        w.whitelist_registry("foo.com", WhitelistTransport::Any)?;
        w.whitelist_registry("a.io", WhitelistTransport::Secure)?; // already there: skipped
        assert!(
            w.whitelist_registry("x:y:z", WhitelistTransport::Any)
                .is_err()
        );
        w.set_internal_registry_hostname(Some("image-registry.svc:5000".into()));
        assert_eq!(
            message(w.admit_hostname("quay.io", WhitelistTransport::Secure)),
            Some(
                r#"registry "quay.io" not allowed by whitelist: "image-registry.svc:5000", "foo.com:443", "foo.com:80", "a.io:443""#
                    .into()
            )
        );
        assert!(
            w.admit_pull_spec("image-registry.svc:5000/ns/app", WhitelistTransport::Secure)
                .is_ok()
        );
        // An internal hostname already listed is not repeated.
        w.set_internal_registry_hostname(Some("a.io".into()));
        assert_eq!(
            message(w.admit_hostname("quay.io", WhitelistTransport::Secure)),
            Some(
                r#"registry "quay.io" not allowed by whitelist: "foo.com:443", "foo.com:80", "a.io:443""#
                    .into()
            )
        );
        Ok(())
    }

    #[test]
    fn admission_table() -> ReferenceResult<()> {
        use WhitelistTransport::{Any, Insecure, Secure};
        // (allowed, transport, pull spec, expected error or None)
        type Case<'a> = (
            &'a [(&'a str, bool)],
            WhitelistTransport,
            &'a str,
            Option<&'a str>,
        );
        let cases: &[Case<'_>] = &[
            (&[("docker.io", false)], Secure, "busybox", None),
            (&[("docker.io", false)], Any, "busybox", None),
            (&[("docker.io:*", false)], Secure, "busybox", None),
            // `docker.io/busybox` is looked up as registry-1.docker.io, which tries docker.io
            // first.
            (&[("docker.io", false)], Secure, "docker.io/busybox", None),
            (
                &[("registry-1.docker.io", false)],
                Secure,
                "docker.io/busybox",
                None,
            ),
            (
                &[("registry-1.docker.io", false)],
                Secure,
                "busybox",
                Some(
                    r#"registry "docker.io:443" not allowed by whitelist: "registry-1.docker.io:443""#,
                ),
            ),
            (
                &[("*example.com", false)],
                Secure,
                "example.com/busybox",
                None,
            ),
            (
                &[("*.example.com", false)],
                Secure,
                "example.com/busybox",
                Some(r#"registry "example.com" not allowed by whitelist: "*.example.com:443""#),
            ),
            (
                &[("quay.io", false)],
                Insecure,
                "quay.io/x",
                Some(r#"registry "quay.io" not allowed by whitelist: "quay.io:443""#),
            ),
            (&[("quay.io", false)], Any, "quay.io/x", None),
            (&[("quay.io:44?", false)], Secure, "quay.io:445/x", None),
            (&[("quay.io:44?", false)], Secure, "quay.io/x", None),
            (&[("quay.io:*", false)], Insecure, "quay.io:1234/x", None),
            (
                &[("quay.io", false)],
                Secure,
                "QUAY.IO/x",
                Some(r#"registry "QUAY.IO" not allowed by whitelist: "quay.io:443""#),
            ),
            (
                &[("registry.example.com", false)],
                Secure,
                "registry.example.com:5000/x",
                Some(
                    r#"registry "registry.example.com:5000" not allowed by whitelist: "registry.example.com:443""#,
                ),
            ),
            (
                &[],
                Secure,
                "busybox",
                Some(r#"registry "docker.io:443" not allowed by empty whitelist"#),
            ),
            (
                &[("quay.io", false)],
                Secure,
                "bad//spec",
                Some("invalid reference format"),
            ),
        ];
        for &(entries, transport, spec, want) in cases {
            let w = RegistryWhitelister::new(&allowed(entries))?;
            assert_eq!(
                message(w.admit_pull_spec(spec, transport)).as_deref(),
                want,
                "{entries:?} {transport:?} {spec:?}"
            );
        }
        Ok(())
    }

    #[test]
    fn hostnames_and_references() -> ReferenceResult<()> {
        use WhitelistTransport::{Any, Secure};
        let w = RegistryWhitelister::new(&allowed(&[("*", false)]))?;
        assert!(w.admit_hostname("localhost", Secure).is_ok());
        assert!(w.admit_hostname("localhost:443", Secure).is_ok());
        assert_eq!(
            message(w.admit_hostname("localhost:5000", Secure)).as_deref(),
            Some(r#"registry "localhost:5000" not allowed by whitelist: "*:443""#)
        );

        let empty = RegistryWhitelister::default();
        let busybox = DockerImageReference {
            name: "busybox".into(),
            ..DockerImageReference::default()
        };
        assert_eq!(
            message(empty.admit_reference(&busybox, Any)).as_deref(),
            Some(r#"registry "docker.io" not allowed by empty whitelist"#)
        );
        assert_eq!(
            message(empty.admit_reference(&busybox, Secure)).as_deref(),
            Some(r#"registry "docker.io:443" not allowed by empty whitelist"#)
        );

        let blank = RegistryWhitelister::new(&allowed(&[("", false)]))?;
        assert_eq!(
            message(blank.admit_hostname("", Secure)).as_deref(),
            Some(r#"registry "docker.io:443" not allowed by whitelist: ":443""#)
        );
        Ok(())
    }

    #[test]
    fn whitelisted_repositories() -> ReferenceResult<()> {
        let mut w = RegistryWhitelister::new(&allowed(&[("registry.example.com", false)]))?;
        w.whitelist_repository("busybox")?;
        w.whitelist_repository("quay.io/openshift/busybox:latest")?;
        assert!(
            w.whitelist_repository("bad//spec").is_err(),
            "parse errors are returned"
        );
        let secure = WhitelistTransport::Secure;
        assert!(
            w.admit_pull_spec("docker.io/library/busybox:1", secure)
                .is_ok()
        );
        assert!(w.admit_pull_spec("quay.io/openshift/busybox@sha256:860177735626119592740f3829abe2badff0b7f4d0ccfa00b50ce29b3d113133", secure).is_ok());
        // Hub hosts are not unified.
        assert!(
            w.admit_pull_spec("index.docker.io/library/busybox", secure)
                .is_err()
        );
        Ok(())
    }

    #[test]
    fn canonical_repositories() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("busybox:glibc", Ok("docker.io/library/busybox")),
            ("docker.io/busybox", Ok("docker.io/library/busybox")),
            ("quay.io/a/b/c:1", Ok("quay.io/a/b/c")),
            ("quay.io", Ok("")),
            ("bad//spec", Err("invalid reference format")),
        ];
        for &(input, want) in cases {
            let got = canonical_repository(input).map_err(|e| e.to_string());
            assert_eq!(got.as_deref().map_err(String::as_str), want, "{input:?}");
        }
    }

    #[test]
    fn go_host_port_helpers() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            ("", None),
            ("quay.io", None),
            ("quay.io:", Some(("quay.io", ""))),
            ("quay.io:5000", Some(("quay.io", "5000"))),
            (":5000", Some(("", "5000"))),
            ("a:b:c", None),
            ("[::1]:5000", Some(("::1", "5000"))),
            ("[::1]", None),
            ("[::1]x:5000", None),
            ("[a]:b]:1", None),
            ("a]:1", None),
            ("a[:1", None),
        ];
        for &(input, want) in cases {
            assert_eq!(split_host_port(input), want, "{input:?}");
        }
        assert_eq!(join_host_port("::1", "80"), "[::1]:80");
        assert_eq!(join_host_port("docker.io", "443"), "docker.io:443");
    }

    #[test]
    fn serde_shapes() -> Result<(), serde_json::Error> {
        let entries: Vec<AllowedRegistry> = serde_json::from_str(
            r#"[{"domainName": "quay.io", "insecure": true}, {"domain_name": "a.io"}]"#,
        )?;
        assert_eq!(entries, allowed(&[("quay.io", true), ("a.io", false)]));
        assert_eq!(
            serde_json::to_string(&entries)?,
            r#"[{"domainName":"quay.io","insecure":true},{"domainName":"a.io","insecure":false}]"#
        );
        let transports: Vec<WhitelistTransport> =
            serde_json::from_str(r#"["secure", "insecure", "any"]"#)?;
        assert_eq!(
            transports,
            [
                WhitelistTransport::Secure,
                WhitelistTransport::Insecure,
                WhitelistTransport::Any
            ]
        );
        assert_eq!(WhitelistTransport::Any.as_str(), "any");
        Ok(())
    }
}
