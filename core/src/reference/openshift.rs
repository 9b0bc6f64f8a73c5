//! OpenShift's `DockerImageReference` (library-go `pkg/image/reference`; specification §8).

use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

use super::digest::Digest;
use super::grammar::{self, Grammar, NAME_TOTAL_LENGTH_MAX};
use crate::error::{ReferenceError, ReferenceResult};

/// Docker Hub's registry as the Docker client names it.
pub const DOCKER_DEFAULT_REGISTRY: &str = "docker.io";
/// Docker Hub's V1 index host.
pub const DOCKER_DEFAULT_V1_REGISTRY: &str = "index.docker.io";
/// Docker Hub's V2 API host.
pub const DOCKER_DEFAULT_V2_REGISTRY: &str = "registry-1.docker.io";
/// The namespace of Docker Hub's official images.
pub const DOCKER_DEFAULT_NAMESPACE: &str = "library";
/// The tag the Docker client assumes.
pub const DOCKER_DEFAULT_TAG: &str = "latest";

/// OpenShift's image reference: `[registry/][namespace/]name[:tag][@id]`, each part `""` when
/// absent, exactly as library-go parses and prints it.
///
/// Parsing uses the legacy Docker grammar with library-go's lenient digests and applies no
/// defaults: `busybox` has an empty registry and namespace. The name may contain `/`
/// (`docker.io/user/project/app` → namespace `user`, name `project/app`). A first component
/// with a `.` or starting with `localhost` and no `/` is a registry alone (`quay.io`).
///
/// ```
/// use openshift_image::DockerImageReference;
///
/// let r = DockerImageReference::parse("busybox")?;
/// assert_eq!((r.registry.as_str(), r.namespace.as_str(), r.name.as_str()), ("", "", "busybox"));
/// assert_eq!(r.to_string(), "busybox"); // no defaults at parse time
/// assert_eq!(r.docker_client_defaults().exact(), "docker.io/library/busybox:latest");
///
/// let q = DockerImageReference::parse("quay.io/openshift/origin-cli:4.14")?;
/// assert_eq!(q.registry_host_port(false).port, "443");
/// # Ok::<(), openshift_image::ReferenceError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(default)]
pub struct DockerImageReference {
    /// Registry host and port, or `""`.
    pub registry: String,
    /// First path component when the path has several, or `""`.
    pub namespace: String,
    /// The rest of the path (may contain `/`).
    pub name: String,
    /// The tag, or `""`.
    pub tag: String,
    /// The image ID: a digest, or a legacy V1 ID; `""` when absent.
    pub id: String,
}

/// A registry host and port, as `RegistryHostPort` returns them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HostPort {
    /// The host; `""` when the registry cannot be split.
    pub host: String,
    /// The port; `""` when the registry cannot be split.
    pub port: String,
}

/// Whether `registry` is one of Docker Hub's three host names (`""` is not).
#[must_use]
pub fn is_registry_docker_hub(registry: &str) -> bool {
    matches!(
        registry,
        DOCKER_DEFAULT_REGISTRY | DOCKER_DEFAULT_V1_REGISTRY | DOCKER_DEFAULT_V2_REGISTRY
    )
}

/// A [`DockerImageReference`] borrowed from the parsed string: the same five parts, found
/// without allocating. Every part is a slice of the input (a registry alone keeps the whole
/// input, as upstream does).
///
/// ```
/// use openshift_image::DockerImageReferenceView;
/// let v = DockerImageReferenceView::parse("quay.io/openshift/origin-cli:4.14")?;
/// assert_eq!((v.registry, v.namespace, v.name, v.tag, v.id), ("quay.io", "openshift", "origin-cli", "4.14", ""));
/// assert_eq!(v.to_owned().exact(), "quay.io/openshift/origin-cli:4.14");
/// # Ok::<(), openshift_image::ReferenceError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct DockerImageReferenceView<'a> {
    /// Registry host and port, or `""`.
    pub registry: &'a str,
    /// First path component when the path has several, or `""`.
    pub namespace: &'a str,
    /// The rest of the path (may contain `/`).
    pub name: &'a str,
    /// The tag, or `""`.
    pub tag: &'a str,
    /// The image ID (a digest), or `""`.
    pub id: &'a str,
}

impl<'a> DockerImageReferenceView<'a> {
    /// Parses a pull spec as [`DockerImageReference::parse`] does, without allocating on
    /// success.
    ///
    /// # Errors
    /// As [`DockerImageReference::parse`].
    pub fn parse(spec: &'a str) -> ReferenceResult<Self> {
        let spans = grammar::scan_or_error(spec, Grammar::Legacy)?;
        let name = spec.get(..spans.name_end).unwrap_or_default();
        if name.len() > NAME_TOTAL_LENGTH_MAX {
            return Err(ReferenceError::NameTooLong {
                name: name.to_owned(),
            });
        }
        let id = if spans.has_digest {
            let digest = spec.get(spans.tag_end + 1..).unwrap_or_default();
            Digest::validate_lenient(digest)?;
            digest
        } else {
            ""
        };
        // The scan already knows the first `/` when the first component is a host.
        let first_slash = if spans.domain_end > 0 {
            Some(spans.domain_end)
        } else {
            memchr::memchr(b'/', name.as_bytes())
        };
        let (registry, path) = match first_slash {
            None if memchr::memchr(b'.', name.as_bytes()).is_some()
                || name.starts_with("localhost") =>
            {
                // A registry alone keeps whatever followed it, tag and digest included.
                return Ok(Self {
                    registry: spec,
                    id,
                    ..Self::default()
                });
            }
            Some(slash) => {
                let (first, rest) = (
                    name.get(..slash).unwrap_or_default(),
                    name.get(slash + 1..).unwrap_or_default(),
                );
                if memchr::memchr2(b':', b'.', first.as_bytes()).is_some() || first == "localhost" {
                    (first, rest)
                } else {
                    ("", name)
                }
            }
            None => ("", name),
        };
        let (namespace, name) = match memchr::memchr(b'/', path.as_bytes()) {
            Some(slash) => (
                path.get(..slash).unwrap_or_default(),
                path.get(slash + 1..).unwrap_or_default(),
            ),
            None => ("", path),
        };
        Ok(Self {
            registry,
            namespace,
            name,
            tag: spec
                .get(spans.name_end + 1..spans.tag_end)
                .unwrap_or_default(),
            id,
        })
    }

    /// The owned reference.
    #[must_use]
    pub fn to_owned(&self) -> DockerImageReference {
        DockerImageReference {
            registry: self.registry.to_owned(),
            namespace: self.namespace.to_owned(),
            name: self.name.to_owned(),
            tag: self.tag.to_owned(),
            id: self.id.to_owned(),
        }
    }
}

impl DockerImageReference {
    /// Parses a pull spec as library-go does (specification §8.1).
    ///
    /// # Errors
    /// The legacy grammar's errors (`NameEmpty`, `NameContainsUppercase`, `InvalidFormat`,
    /// `NameTooLong` over the whole name) and library-go's digest errors.
    pub fn parse(spec: &str) -> ReferenceResult<Self> {
        DockerImageReferenceView::parse(spec).map(|view| view.to_owned())
    }

    /// `name[@id | :id | :tag]` (`NameString`): an ID that is a digest is written `@id`, another
    /// ID `:id`, and the ID wins over the tag. `""` when the name is empty.
    #[must_use]
    pub fn name_string(&self) -> String {
        if self.name.is_empty() {
            return String::new();
        }
        let (separator, suffix) = if !self.id.is_empty() {
            (
                if Digest::is_valid_lenient(&self.id) {
                    "@"
                } else {
                    ":"
                },
                self.id.as_str(),
            )
        } else if !self.tag.is_empty() {
            (":", self.tag.as_str())
        } else {
            ("", "")
        };
        let mut out = String::with_capacity(self.name.len() + separator.len() + suffix.len());
        out.push_str(&self.name);
        out.push_str(separator);
        out.push_str(suffix);
        out
    }

    fn write_exact(&self, namespace: &str, out: &mut String) {
        let name = self.name_string();
        if name.is_empty() {
            return;
        }
        for part in [self.registry.as_str(), namespace] {
            if !part.is_empty() {
                out.push_str(part);
                out.push('/');
            }
        }
        out.push_str(&name);
    }

    /// `[registry/][namespace/]name_string` without any defaulting (`Exact`); `""` when the
    /// name is empty (so a registry alone prints `""`).
    #[must_use]
    pub fn exact(&self) -> String {
        let mut out = String::new();
        self.write_exact(&self.namespace, &mut out);
        out
    }

    /// A copy with the Docker client's defaults (`DockerClientDefaults`): registry
    /// `docker.io`, namespace `library` on Docker Hub, tag `latest` (even when an ID is set).
    #[must_use]
    pub fn docker_client_defaults(&self) -> Self {
        let mut r = self.clone();
        if r.registry.is_empty() {
            r.registry = DOCKER_DEFAULT_REGISTRY.to_owned();
        }
        if r.namespace.is_empty() && is_registry_docker_hub(&r.registry) {
            r.namespace = DOCKER_DEFAULT_NAMESPACE.to_owned();
        }
        if r.tag.is_empty() {
            r.tag = DOCKER_DEFAULT_TAG.to_owned();
        }
        r
    }

    /// A copy without the tag `latest` (`Minimal`).
    #[must_use]
    pub fn minimal(&self) -> Self {
        let mut r = self.clone();
        if r.tag == DOCKER_DEFAULT_TAG {
            r.tag.clear();
        }
        r
    }

    /// A copy without tag and ID (`AsRepository`).
    #[must_use]
    pub fn as_repository(&self) -> Self {
        Self {
            tag: String::new(),
            id: String::new(),
            ..self.clone()
        }
    }

    /// `[namespace/]name` (`RepositoryName`).
    #[must_use]
    pub fn repository_name(&self) -> String {
        Self {
            registry: String::new(),
            ..self.as_repository()
        }
        .exact()
    }

    /// A copy with `docker.io` / `index.docker.io` replaced by `registry-1.docker.io` (`AsV2`).
    #[must_use]
    pub fn as_v2(&self) -> Self {
        let mut r = self.clone();
        if matches!(
            r.registry.as_str(),
            DOCKER_DEFAULT_V1_REGISTRY | DOCKER_DEFAULT_REGISTRY
        ) {
            r.registry = DOCKER_DEFAULT_V2_REGISTRY.to_owned();
        }
        r
    }

    /// The shortest form the Docker daemon accepts (`DaemonMinimal`): Hub hosts become
    /// `docker.io`, the `library` namespace on the Hub is dropped, then [`Self::minimal`].
    #[must_use]
    pub fn daemon_minimal(&self) -> Self {
        let mut r = self.clone();
        if matches!(
            r.registry.as_str(),
            DOCKER_DEFAULT_V1_REGISTRY | DOCKER_DEFAULT_V2_REGISTRY
        ) {
            r.registry = DOCKER_DEFAULT_REGISTRY.to_owned();
        }
        if is_registry_docker_hub(&r.registry) && r.namespace == DOCKER_DEFAULT_NAMESPACE {
            r.namespace.clear();
        }
        r.minimal()
    }

    /// The most specific form (`MostSpecific`): with a digest ID the tag is dropped; a
    /// non-digest ID without a tag becomes the tag.
    #[must_use]
    pub fn most_specific(&self) -> Self {
        let mut r = self.clone();
        if r.id.is_empty() {
            return r;
        }
        if Digest::is_valid_lenient(&r.id) {
            r.tag.clear();
        } else if r.tag.is_empty() {
            r.tag = std::mem::take(&mut r.id);
        }
        r
    }

    /// Equality after [`Self::docker_client_defaults`] on both sides (`Equal`). Hub host names
    /// are not unified: `foobar` differs from `index.docker.io/library/foobar:latest`.
    #[must_use]
    pub fn equal(&self, other: &Self) -> bool {
        self.docker_client_defaults() == other.docker_client_defaults()
    }

    /// The registry's host and port (`RegistryHostPort`). The host is
    /// `as_v2().docker_client_defaults().registry` (so `busybox` gives `docker.io` but
    /// `docker.io/busybox` gives `registry-1.docker.io`, as upstream). A host with `:` is split
    /// like Go's `net.SplitHostPort` (both empty when that fails); otherwise the port is `80`
    /// when `insecure`, else `443`.
    #[must_use]
    pub fn registry_host_port(&self, insecure: bool) -> HostPort {
        let host = self.as_v2().docker_client_defaults().registry;
        if host.contains(':') {
            return match split_host_port(&host) {
                Some((h, p)) => HostPort {
                    host: h.to_owned(),
                    port: p.to_owned(),
                },
                None => HostPort::default(),
            };
        }
        let port = if insecure { "80" } else { "443" };
        HostPort {
            host,
            port: port.to_owned(),
        }
    }

    /// `https://` + the V2 registry, printed as Go's `net/url` does (`RegistryURL`): `https:`
    /// for an empty registry, characters not allowed in a host percent-escaped.
    #[must_use]
    pub fn registry_url(&self) -> String {
        let host = self.as_v2().registry;
        if host.is_empty() {
            return "https:".to_owned();
        }
        let mut out = String::with_capacity(8 + host.len());
        out.push_str("https://");
        for b in host.bytes() {
            if b.is_ascii_alphanumeric() || b"-_.~!$&'()*+,;=:[]<>\"".contains(&b) {
                out.push(char::from(b));
            } else {
                let _ = write!(out, "%{b:02X}");
            }
        }
        out
    }
}

/// Go's `net.SplitHostPort`; `None` where it returns an error.
pub(crate) fn split_host_port(hostport: &str) -> Option<(&str, &str)> {
    let last_colon = hostport.rfind(':')?;
    let (host, after_host_start, after_host_end) = if hostport.starts_with('[') {
        let end = hostport.find(']')?;
        if end + 1 != last_colon {
            return None;
        }
        (hostport.get(1..end)?, 1, end + 1)
    } else {
        let host = hostport.get(..last_colon)?;
        if host.contains(':') {
            return None;
        }
        (host, 0, 0)
    };
    if hostport.get(after_host_start..)?.contains('[')
        || hostport.get(after_host_end..)?.contains(']')
    {
        return None;
    }
    Some((host, hostport.get(last_colon + 1..)?))
}

impl fmt::Display for DockerImageReference {
    /// `String()`: [`DockerImageReference::exact`], with namespace `library` on Docker Hub when
    /// the namespace is empty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let namespace = if self.namespace.is_empty() && is_registry_docker_hub(&self.registry) {
            DOCKER_DEFAULT_NAMESPACE
        } else {
            &self.namespace
        };
        let mut out = String::new();
        self.write_exact(namespace, &mut out);
        f.write_str(&out)
    }
}

impl std::str::FromStr for DockerImageReference {
    type Err = ReferenceError;
    fn from_str(s: &str) -> ReferenceResult<Self> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(s: &str) -> DockerImageReference {
        DockerImageReference::parse(s).unwrap_or_else(|e| unreachable!("{s}: {e}"))
    }

    fn fields(r: &DockerImageReference) -> [&str; 5] {
        [&r.registry, &r.namespace, &r.name, &r.tag, &r.id]
    }

    #[test]
    fn parse_table() {
        let d = "sha256:4077983ab3dfc8bc268b1351b16d696ed93f3bcc0c8e49eb030d65bc0ef82dc6";
        let registry_only = format!("quay.io@{d}");
        let cases: Vec<(String, [&str; 5])> = vec![
            ("busybox".into(), ["", "", "busybox", "", ""]),
            (
                "docker.io/user/project/myapp".into(),
                ["docker.io", "user", "project/myapp", "", ""],
            ),
            ("quay.io".into(), ["quay.io", "", "", "", ""]),
            ("foo.bar:tag".into(), ["foo.bar:tag", "", "", "", ""]),
            ("localhostfoo".into(), ["localhostfoo", "", "", "", ""]),
            ("Foo/bar".into(), ["", "Foo", "bar", "", ""]),
            (format!("quay.io@{d}"), [&registry_only, "", "", "", d]),
            (format!("a/b:t@{d}"), ["", "a", "b", "t", d]),
        ];
        for (input, want) in &cases {
            assert_eq!(fields(&parsed(input)), *want, "{input}");
        }
        assert!(DockerImageReference::parse("[::1]:5000/x").is_err());
        assert_eq!(
            DockerImageReference::parse("foo/Bar").map_err(|e| e.to_string()),
            Err("repository name must be lowercase".to_owned())
        );
    }

    #[test]
    fn methods() {
        let r = parsed("busybox");
        assert_eq!(
            r.registry_host_port(false),
            HostPort {
                host: "docker.io".into(),
                port: "443".into()
            }
        );
        assert_eq!(
            parsed("docker.io/busybox").registry_host_port(true).host,
            "registry-1.docker.io"
        );
        assert_eq!(
            parsed("localhost:5000/a").registry_host_port(true).port,
            "5000"
        );
        assert_eq!(parsed("busybox").registry_url(), "https:");
        assert_eq!(parsed("quay.io/a").registry_url(), "https://quay.io");
        assert!(parsed("busybox").equal(&parsed("docker.io/library/busybox:latest")));
        assert!(!parsed("busybox").equal(&parsed("index.docker.io/library/busybox:latest")));
        assert_eq!(
            parsed("docker.io/library/busybox:latest")
                .daemon_minimal()
                .exact(),
            "docker.io/busybox"
        );
    }

    #[test]
    fn split_host_port_like_go() {
        assert_eq!(split_host_port("a:1"), Some(("a", "1")));
        assert_eq!(split_host_port("a:"), Some(("a", "")));
        assert_eq!(split_host_port("[::1]:5"), Some(("::1", "5")));
        assert_eq!(split_host_port("a:b:c"), None);
        assert_eq!(split_host_port("[::1]"), None);
    }
}
