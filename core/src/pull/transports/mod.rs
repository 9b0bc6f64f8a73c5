//! Transport-prefixed image names (`pull.md` §7): `docker://busybox`, `oci:/srv/layout:v1`,
//! `dir:/tmp/img`, … read as containers/image's `alltransports.ParseImageName` reads them (the
//! parser behind podman, skopeo, buildah and CRI-O's `--signature-policy` checks), with the
//! policy.json identity and namespaces each transport gives the image.
//!
//! The path transports (`dir`, `oci`, `oci-archive`, `sif`, `tarball`) consult the file system
//! while parsing; the library takes it as a parameter ([`FileSystem`], [`FileSystemView`]) and
//! never reads the real one.
//!
//! ```
//! use openshift_image::pull::transports::{parse_image_name, FileSystemView, Transport};
//!
//! let name = parse_image_name("docker://busybox", &FileSystemView::default())?;
//! assert_eq!(name.transport, Transport::Docker);
//! assert_eq!(name.reference, "//busybox:latest");
//! assert_eq!(name.docker_reference.as_deref(), Some("docker.io/library/busybox:latest"));
//! assert_eq!(name.policy_identity, "docker.io/library/busybox:latest");
//! assert_eq!(name.policy_namespaces, ["docker.io/library/busybox", "docker.io/library", "docker.io", "*.io"]);
//! assert_eq!(name.to_string(), "docker://busybox:latest");
//! # Ok::<(), openshift_image::pull::PullError>(())
//! ```

/// Path helpers (`clean_path`, `split_path`) are `pub(crate)` for the policy-scope checks.
pub(crate) mod fs;
mod local;
mod registry;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use self::fs::{FileEntry, FileSystem, FileSystemView, resolve_path_to_fully_explicit};
use crate::gofmt::GoQuoted;
use crate::pull::PullError;

/// A transport registered in containers/image's default build (`pull.md` §7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Transport {
    /// `docker://` — a registry.
    #[serde(rename = "docker")]
    Docker,
    /// `docker-daemon:` — the local Docker engine.
    #[serde(rename = "docker-daemon")]
    DockerDaemon,
    /// `docker-archive:` — a `docker save` tarball.
    #[serde(rename = "docker-archive")]
    DockerArchive,
    /// `oci:` — an OCI image layout directory.
    #[serde(rename = "oci")]
    Oci,
    /// `oci-archive:` — a tarball of an OCI image layout.
    #[serde(rename = "oci-archive")]
    OciArchive,
    /// `dir:` — a directory of manifest, config and blobs.
    #[serde(rename = "dir")]
    Dir,
    /// `atomic:` — an OpenShift image stream tag.
    #[serde(rename = "atomic")]
    Atomic,
    /// `sif:` — a Singularity image file.
    #[serde(rename = "sif")]
    Sif,
    /// `tarball:` — layer tarballs.
    #[serde(rename = "tarball")]
    Tarball,
    /// `ostree:` — registered as a stub in the default build.
    #[serde(rename = "ostree")]
    Ostree,
    /// `containers-storage:` — the local containers/storage store.
    #[serde(rename = "containers-storage")]
    ContainersStorage,
}

impl Transport {
    /// Every registered transport.
    pub const ALL: [Self; 11] = [
        Self::Docker,
        Self::DockerDaemon,
        Self::DockerArchive,
        Self::Oci,
        Self::OciArchive,
        Self::Dir,
        Self::Atomic,
        Self::Sif,
        Self::Tarball,
        Self::Ostree,
        Self::ContainersStorage,
    ];

    /// The transport's name, as written before the `:`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Docker => "docker",
            Self::DockerDaemon => "docker-daemon",
            Self::DockerArchive => "docker-archive",
            Self::Oci => "oci",
            Self::OciArchive => "oci-archive",
            Self::Dir => "dir",
            Self::Atomic => "atomic",
            Self::Sif => "sif",
            Self::Tarball => "tarball",
            Self::Ostree => "ostree",
            Self::ContainersStorage => "containers-storage",
        }
    }

    /// The transport registered under `name` (exact, case-sensitive), if any.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "docker" => Self::Docker,
            "docker-daemon" => Self::DockerDaemon,
            "docker-archive" => Self::DockerArchive,
            "oci" => Self::Oci,
            "oci-archive" => Self::OciArchive,
            "dir" => Self::Dir,
            "atomic" => Self::Atomic,
            "sif" => Self::Sif,
            "tarball" => Self::Tarball,
            "ostree" => Self::Ostree,
            "containers-storage" => Self::ContainersStorage,
            _ => return None,
        })
    }

    /// The transport's `ParseReference` on the text after `<transport>:` (`pull.md`
    /// §7.2–7.9), consulting `fs` for the path transports.
    ///
    /// # Errors
    /// [`PullError::TransportReference`] for the transport's own parse errors,
    /// [`PullError::Filesystem`] for path resolution and `open` failures,
    /// [`PullError::UnsupportedTransport`] for `ostree` and `containers-storage`.
    pub fn parse_reference<F: FileSystem + ?Sized>(
        self,
        reference: &str,
        fs: &F,
    ) -> Result<ImageName, PullError> {
        match self {
            Self::Docker => registry::parse_docker(reference),
            Self::DockerDaemon => registry::parse_docker_daemon(reference),
            Self::DockerArchive => registry::parse_docker_archive(reference),
            Self::Atomic => registry::parse_atomic(reference),
            Self::Oci | Self::OciArchive => local::parse_oci(self, reference, fs),
            Self::Dir | Self::Sif => local::parse_directory_like(self, reference, fs),
            Self::Tarball => local::parse_tarball(reference, fs),
            // The default build registers `ostree` as a stub; `containers-storage` needs an
            // initialised storage library, which an offline parser does not have.
            Self::Ostree | Self::ContainersStorage => Err(PullError::UnsupportedTransport {
                transport: self.as_str().to_owned(),
                message: format!(
                    "The transport \"{}:\" is not supported in this build",
                    self.as_str()
                ),
            }),
        }
    }
}

impl fmt::Display for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A parsed transport-prefixed image name (`pull.md` §2.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ImageName {
    /// The registered transport.
    pub transport: Transport,
    /// The transport's canonical string of the reference (`StringWithinTransport`): what
    /// `<transport>:<reference>` round-trips through (`//busybox:latest`, `layouts/app:v1`).
    pub reference: String,
    /// The registry name the image claims, normalised (`docker.io/library/busybox:latest`),
    /// or none (`dir`, `oci`, `oci-archive`, `sif`, `tarball`, image IDs, unnamed archives).
    pub docker_reference: Option<String>,
    /// The most specific policy.json scope under the transport (`""`: only the transport's
    /// default applies).
    pub policy_identity: String,
    /// Further scopes, most specific first, tried before the transport default `""`.
    pub policy_namespaces: Vec<String>,
}

impl fmt::Display for ImageName {
    /// `<transport>:<reference>` (containers/image's `transports.ImageName`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.transport, self.reference)
    }
}

/// Reads a transport-prefixed image name (`alltransports.ParseImageName`, `pull.md` §7.1):
/// the text before the first `:` selects the transport, which parses the rest. `fs` is the file
/// system the path transports consult.
///
/// ```
/// use openshift_image::pull::transports::{parse_image_name, FileSystemView};
///
/// let mut fs = FileSystemView::new("/srv/images")?;
/// fs.add_directory("/srv/images/layouts")?;
/// let name = parse_image_name("dir:layouts/app", &fs)?;
/// assert_eq!(name.policy_identity, "/srv/images/layouts/app");
/// assert_eq!(name.policy_namespaces, ["/srv/images/layouts", "/srv/images", "/srv"]);
///
/// let err = parse_image_name("quay.io/ns/app:v1", &fs).unwrap_err();
/// assert_eq!(err.to_string(), r#"Invalid image name "quay.io/ns/app:v1", unknown transport "quay.io/ns/app""#);
/// # Ok::<(), openshift_image::pull::PullError>(())
/// ```
///
/// # Errors
/// [`PullError::ImageName`] without a `:` or for an unknown transport; otherwise the errors of
/// [`Transport::parse_reference`].
pub fn parse_image_name<F: FileSystem + ?Sized>(
    name: &str,
    fs: &F,
) -> Result<ImageName, PullError> {
    let image_name_error = |message: String| PullError::ImageName {
        name: name.to_owned(),
        message,
    };
    let Some((transport_name, rest)) = name.split_once(':') else {
        // Upstream writes `"%s"`, not `%q`: the name is quoted but never escaped.
        return Err(image_name_error(format!(
            "Invalid image name \"{name}\", expected colon-separated transport:reference"
        )));
    };
    let Some(transport) = Transport::from_name(transport_name) else {
        return Err(image_name_error(format!(
            "Invalid image name \"{name}\", unknown transport \"{transport_name}\""
        )));
    };
    transport.parse_reference(rest, fs)
}

/// The transport a name's prefix selects (`alltransports.TransportFromImageName`), or none
/// when the name has no `:` or the prefix is not registered. The rest is not looked at.
///
/// ```
/// use openshift_image::pull::transports::{transport_from_image_name, Transport};
/// assert_eq!(transport_from_image_name("containers-storage:busybox"), Some(Transport::ContainersStorage));
/// assert_eq!(transport_from_image_name("localhost:5000/app"), None);
/// ```
#[must_use]
pub fn transport_from_image_name(name: &str) -> Option<Transport> {
    name.split_once(':')
        .and_then(|(transport, _)| Transport::from_name(transport))
}

/// A failed Go `strconv.Atoi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AtoiError {
    Syntax,
    Range,
}

impl AtoiError {
    /// Go's `*strconv.NumError` text for input `text`.
    fn message(self, text: &str) -> String {
        let reason = match self {
            Self::Syntax => "invalid syntax",
            Self::Range => "value out of range",
        };
        format!("strconv.Atoi: parsing {}: {reason}", GoQuoted(text))
    }
}

/// Go's `strconv.Atoi` on a 64-bit platform: an optional sign and decimal digits. A non-digit
/// is reported as it is met and an overflow as soon as it happens, so which of the two a
/// string gets depends on which comes first, as in Go.
fn go_atoi(text: &str) -> Result<i64, AtoiError> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..).unwrap_or_default()),
        Some(b'+') => (false, text.get(1..).unwrap_or_default()),
        _ => (false, text),
    };
    if digits.is_empty() {
        return Err(AtoiError::Syntax);
    }
    let mut magnitude: u64 = 0;
    for byte in digits.bytes() {
        if !byte.is_ascii_digit() {
            return Err(AtoiError::Syntax);
        }
        magnitude = magnitude
            .checked_mul(10)
            .and_then(|m| m.checked_add(u64::from(byte - b'0')))
            .ok_or(AtoiError::Range)?;
    }
    if negative {
        if magnitude == 1 << 63 {
            Ok(i64::MIN)
        } else {
            i64::try_from(magnitude)
                .map(|m| -m)
                .map_err(|_| AtoiError::Range)
        }
    } else {
        i64::try_from(magnitude).map_err(|_| AtoiError::Range)
    }
}

/// The error for a negative source index (`oci`, `docker-archive`).
fn index_error(index: i64) -> String {
    format!("Invalid source index @{index}: must not be negative")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoi_matches_go() {
        let cases: [(&str, Result<i64, AtoiError>); 14] = [
            ("0", Ok(0)),
            ("+3", Ok(3)),
            ("003", Ok(3)),
            ("-0", Ok(0)),
            ("-12", Ok(-12)),
            ("", Err(AtoiError::Syntax)),
            ("+", Err(AtoiError::Syntax)),
            (" 1", Err(AtoiError::Syntax)),
            ("0x1", Err(AtoiError::Syntax)),
            ("1_000", Err(AtoiError::Syntax)),
            ("9223372036854775807", Ok(i64::MAX)),
            ("-9223372036854775808", Ok(i64::MIN)),
            ("9223372036854775808", Err(AtoiError::Range)),
            ("99999999999999999999x", Err(AtoiError::Range)),
        ];
        for (text, want) in cases {
            assert_eq!(go_atoi(text), want, "{text:?}");
        }
        assert_eq!(
            AtoiError::Syntax.message("a\tb"),
            r#"strconv.Atoi: parsing "a\tb": invalid syntax"#
        );
    }

    #[test]
    fn transport_names_are_exact() {
        for transport in Transport::ALL {
            assert_eq!(Transport::from_name(transport.as_str()), Some(transport));
        }
        for name in [
            "",
            "DOCKER",
            " docker",
            "http",
            "quay.io/ns/app",
            "containers-storage-x",
        ] {
            assert_eq!(Transport::from_name(name), None, "{name:?}");
        }
        assert_eq!(
            transport_from_image_name("docker-daemon:"),
            Some(Transport::DockerDaemon)
        );
        assert_eq!(transport_from_image_name("docker"), None);
    }

    /// `(name, Ok((reference, docker_reference, identity, namespaces)) | Err(message))` in a
    /// file system with `/srv/images` (working directory) and `/srv/images/app.tar`.
    #[test]
    fn parses_each_transport() {
        let mut fs = FileSystemView::new("/srv/images").unwrap_or_default();
        assert!(fs.add_file("/srv/images/app.tar").is_ok());
        type Expected<'a> = Result<(&'a str, Option<&'a str>, &'a str, &'a [&'a str]), &'a str>;
        let cases: [(&str, Expected<'_>); 18] = [
            (
                "docker://quay.io/ns/app",
                Ok((
                    "//quay.io/ns/app:latest",
                    Some("quay.io/ns/app:latest"),
                    "quay.io/ns/app:latest",
                    &["quay.io/ns/app", "quay.io/ns", "quay.io", "*.io"],
                )),
            ),
            (
                "docker://ns/app@@unknown-digest@@",
                Ok((
                    "//ns/app@@unknown-digest@@",
                    Some("docker.io/ns/app"),
                    "docker.io/ns/app",
                    &["docker.io/ns", "docker.io", "*.io"],
                )),
            ),
            (
                "docker:ns/app",
                Err("docker: image reference ns/app does not start with //"),
            ),
            (
                "docker://a:1@sha256:0000000000000000000000000000000000000000000000000000000000000000",
                Err("Docker references with both a tag and digest are currently not supported"),
            ),
            (
                "docker-daemon:sha256:0000000000000000000000000000000000000000000000000000000000000000",
                Ok((
                    "sha256:0000000000000000000000000000000000000000000000000000000000000000",
                    None,
                    "",
                    &[],
                )),
            ),
            (
                "docker-daemon:library/sha256:1",
                Err(
                    "Invalid docker-daemon: reference library/sha256:1: The sha256 repository name is reserved for (non-shortened) digest references",
                ),
            ),
            (
                "docker-archive:x.tar:ns/app",
                Ok((
                    "x.tar:docker.io/ns/app:latest",
                    Some("docker.io/ns/app:latest"),
                    "",
                    &[],
                )),
            ),
            (
                "docker-archive:x.tar:@-01",
                Err("Invalid source index @-1: must not be negative"),
            ),
            (
                "docker-archive:x.tar:a:1@sha256:0000000000000000000000000000000000000000000000000000000000000000",
                Err(
                    "docker-archive doesn't support digest references: docker.io/library/a:1@sha256:0000000000000000000000000000000000000000000000000000000000000000",
                ),
            ),
            (
                "atomic:busybox:1",
                Ok((
                    "busybox:1",
                    Some("docker.io/library/busybox:1"),
                    "docker.io/library/busybox:1",
                    &[
                        "docker.io/library/busybox",
                        "docker.io/library",
                        "docker.io",
                        "*.io",
                    ],
                )),
            ),
            (
                "atomic:h.io/a/b:1@sha256:0000000000000000000000000000000000000000000000000000000000000000",
                Err(
                    "Internal inconsistency: policyconfiguration.DockerReferenceIdentity returned \"\", Unexpected Docker reference h.io/a/b:1@sha256:0000000000000000000000000000000000000000000000000000000000000000 with both a name and a digest",
                ),
            ),
            (
                "oci:app.tar:@+04",
                Ok((
                    "app.tar:@4",
                    None,
                    "/srv/images/app.tar",
                    &["/srv/images/app.tar", "/srv/images", "/srv"],
                )),
            ),
            ("oci-archive:app.tar:@4", Err("Invalid image @4")),
            (
                "oci:missing/x:@y",
                Err(
                    "Invalid source index @y: not an integer: strconv.Atoi: parsing \"y\": invalid syntax",
                ),
            ),
            (
                "dir:new",
                Ok(("new", None, "/srv/images/new", &["/srv/images", "/srv"])),
            ),
            ("sif:/", Ok(("/", None, "/", &[]))),
            ("tarball:-:app.tar", Ok(("-:app.tar", None, "", &[]))),
            (
                "ostree:x",
                Err("The transport \"ostree:\" is not supported in this build"),
            ),
        ];
        for (name, want) in cases {
            let got = parse_image_name(name, &fs);
            match (got, want) {
                (Ok(got), Ok((reference, docker_reference, identity, namespaces))) => {
                    assert_eq!(got.reference, reference, "{name}");
                    assert_eq!(got.docker_reference.as_deref(), docker_reference, "{name}");
                    assert_eq!(got.policy_identity, identity, "{name}");
                    assert_eq!(got.policy_namespaces, namespaces, "{name}");
                }
                (Err(got), Err(message)) => assert_eq!(got.to_string(), message, "{name}"),
                (got, want) => panic!("{name}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn error_kinds() {
        let fs = FileSystemView::default();
        let kind = |name: &str| parse_image_name(name, &fs).map_err(|e| e.kind()).err();
        assert_eq!(kind("busybox"), Some("pull.image_name"));
        assert_eq!(kind("docker://Foo"), Some("pull.transport_reference"));
        assert_eq!(kind("tarball:missing"), Some("pull.filesystem"));
        assert_eq!(kind("dir:/a/b"), Some("pull.filesystem"));
        assert_eq!(
            kind("containers-storage:busybox"),
            Some("pull.unsupported_transport")
        );
    }
}
