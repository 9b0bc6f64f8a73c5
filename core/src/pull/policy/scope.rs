//! Per-transport policy.json scope validation (`ValidatePolicyConfigurationScope`,
//! `pull.md` §7.10). Pure string checks: no transport consults the file system here.

use crate::gofmt::GoQuoted;
use crate::pull::PullError;
use crate::pull::transports::Transport;
use crate::pull::transports::fs::clean_path;
use crate::reference::Digest;

/// The transport's verdict on `scope` as a policy.json scope: `None` when accepted, else
/// upstream's text.
pub(super) fn scope_error(transport: Transport, scope: &str) -> Option<String> {
    use Transport as T;
    match transport {
        // The docker transport validates nothing; the ostree stub accepts everything so
        // that policies naming stubbed-out transports still load.
        T::Docker | T::Ostree => None,
        T::Atomic => (!is_atomic_scope(scope)).then(|| format!("Invalid scope name {scope}")),
        T::DockerDaemon => Digest::validate(scope).is_ok().then(|| {
            format!("docker-daemon: can not use algo:digest value {scope} as a namespace")
        }),
        T::Dir | T::Sif => path_scope_error(scope, PathWording::Directory),
        T::Oci | T::OciArchive => path_scope_error(scope, PathWording::Oci),
        T::DockerArchive => Some(
            "docker-archive: does not support any scopes except the default \"\" one".to_owned(),
        ),
        T::Tarball => {
            Some("tarball: does not support any scopes except the default \"\" one".to_owned())
        }
        T::ContainersStorage => storage_scope_error(scope),
    }
}
/// Validates `scope` as a policy.json scope of `transport` (`ValidatePolicyConfigurationScope`
/// of containers/image v5.35; `pull.md` §7.10). No file-system access.
///
/// ```
/// use openshift_image::pull::policy::validate_policy_scope;
/// assert!(validate_policy_scope("docker", "docker://anything goes").is_ok());
/// assert_eq!(
///     validate_policy_scope("dir", "/var/lib/").unwrap_err().to_string(),
///     "Invalid scope /var/lib/: Uses non-canonical format, perhaps try /var/lib"
/// );
/// ```
///
/// # Errors
/// [`PullError::PolicyScope`] with upstream's text when the transport rejects the scope;
/// [`PullError::ImageName`] when `transport` is not a registered transport name.
pub fn validate_policy_scope(transport: &str, scope: &str) -> Result<(), PullError> {
    let Some(known) = Transport::from_name(transport) else {
        return Err(PullError::ImageName {
            name: transport.to_owned(),
            message: format!("unknown transport {}", GoQuoted(transport)),
        });
    };
    match scope_error(known, scope) {
        None => Ok(()),
        Some(message) => Err(PullError::PolicyScope {
            transport: transport.to_owned(),
            scope: scope.to_owned(),
            message,
        }),
    }
}

/// `^[^/]*(/[^:/]*(/[^:/]*(:[^:/]*)?)?)?$` (the `atomic` transport's `scopeRegexp`): at most
/// three `/`-separated parts, no `:` in the second, at most one in the third.
fn is_atomic_scope(scope: &str) -> bool {
    let mut parts = scope.split('/');
    let _host = parts.next();
    let namespace = parts.next();
    let stream = parts.next();
    if parts.next().is_some() {
        return false;
    }
    namespace.is_none_or(|n| !n.contains(':'))
        && stream.is_none_or(|s| s.bytes().filter(|&b| b == b':').count() <= 1)
}

#[derive(Clone, Copy)]
enum PathWording {
    /// `dir`, `sif`: `Must be …`, `Uses non-canonical format, perhaps try …`.
    Directory,
    /// `oci`, `oci-archive`: `must be …`, `Uses non-canonical path format, perhaps try with path …`.
    Oci,
}

fn path_scope_error(scope: &str, wording: PathWording) -> Option<String> {
    if !scope.starts_with('/') {
        return Some(match wording {
            PathWording::Directory => format!("Invalid scope {scope}: Must be an absolute path"),
            PathWording::Oci => format!("Invalid scope {scope}: must be an absolute path"),
        });
    }
    // "/" would shadow the transport default "" with the same meaning.
    if scope == "/" {
        return Some("Invalid scope \"/\": Use the generic default scope \"\"".to_owned());
    }
    let cleaned = clean_path(scope);
    (cleaned != scope).then(|| match wording {
        PathWording::Directory => {
            format!("Invalid scope {scope}: Uses non-canonical format, perhaps try {cleaned}")
        }
        PathWording::Oci => format!(
            "Invalid scope {scope}: Uses non-canonical path format, perhaps try with path {cleaned}"
        ),
    })
}

const INVALID_REFERENCE: &str = "invalid reference";
const PATH_NOT_ABSOLUTE: &str = "path name is not absolute";

/// `containers-storage`: `[driver@graphroot]` or `[graphroot]` with an absolute root, then
/// optionally `name`, `name@id-or-digest` or `name@digest@id`.
fn storage_scope_error(scope: &str) -> Option<String> {
    // Upstream indexes scope[0] unguarded (the policy parser never passes ""); an empty scope
    // is an invalid reference here instead of a panic.
    let Some(rest) = scope.strip_prefix('[') else {
        return Some(INVALID_REFERENCE.to_owned());
    };
    let (Some(store), Some(after)) = rest.find(']').map_or((None, None), |close| {
        (rest.get(..close), rest.get(close + 1..))
    }) else {
        return Some(INVALID_REFERENCE.to_owned());
    };
    let root = match store.split_once('@') {
        Some((driver, root)) if !driver.is_empty() && !root.is_empty() => root,
        None if !store.is_empty() => store,
        _ => return Some(INVALID_REFERENCE.to_owned()),
    };
    if !root.starts_with('/') {
        return Some(PATH_NOT_ABSOLUTE.to_owned());
    }
    if after.is_empty() {
        return None;
    }
    let fields: Vec<&str> = after.splitn(3, '@').collect();
    match fields.as_slice() {
        [_] => None,
        [_, id_or_digest] => {
            let id_error = Digest::validate(&format!("sha256:{id_or_digest}")).err()?;
            let digest_error = Digest::validate(id_or_digest).err()?;
            Some(format!(
                "{id_or_digest} is neither a valid digest({digest_error}) nor a valid ID({id_error})"
            ))
        }
        [_, digest, id] => Digest::validate(digest)
            .err()
            .or_else(|| Digest::validate(&format!("sha256:{id}")).err())
            .map(|e| e.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transports_judge_scopes() {
        let sha = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("docker", "docker://quay.io", None),
            ("ostree", "", None),
            ("atomic", "host/ns/stream:tag", None),
            (
                "atomic",
                "host/ns:x/stream",
                Some("Invalid scope name host/ns:x/stream"),
            ),
            (
                "atomic",
                "host/ns/s:a:b",
                Some("Invalid scope name host/ns/s:a:b"),
            ),
            ("atomic", "a/b/c/d", Some("Invalid scope name a/b/c/d")),
            ("docker-daemon", "sha256:abc", None),
            (
                "docker-daemon",
                sha,
                Some(
                    "docker-daemon: can not use algo:digest value sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef as a namespace",
                ),
            ),
            ("dir", "/a/b", None),
            (
                "dir",
                "a",
                Some("Invalid scope a: Must be an absolute path"),
            ),
            (
                "sif",
                "/a/./b",
                Some("Invalid scope /a/./b: Uses non-canonical format, perhaps try /a/b"),
            ),
            (
                "oci",
                "/",
                Some("Invalid scope \"/\": Use the generic default scope \"\""),
            ),
            (
                "oci-archive",
                "/a/..",
                Some(
                    "Invalid scope /a/..: Uses non-canonical path format, perhaps try with path /",
                ),
            ),
            (
                "tarball",
                "",
                Some("tarball: does not support any scopes except the default \"\" one"),
            ),
            ("containers-storage", "[/var/lib/containers]", None),
            (
                "containers-storage",
                "[overlay@/var/lib/c]docker.io/x",
                None,
            ),
            ("containers-storage", "", Some("invalid reference")),
            ("containers-storage", "x", Some("invalid reference")),
            ("containers-storage", "[]x", Some("invalid reference")),
            (
                "containers-storage",
                "[rel]x",
                Some("path name is not absolute"),
            ),
            (
                "containers-storage",
                "[/r]x@abc",
                Some(
                    "abc is neither a valid digest(invalid checksum digest format) nor a valid ID(invalid checksum digest length)",
                ),
            ),
        ];
        for (transport, scope, want) in cases {
            let got = validate_policy_scope(transport, scope).map_err(|e| e.to_string());
            assert_eq!(got.err().as_deref(), *want, "{transport} {scope:?}");
        }
        assert_eq!(
            validate_policy_scope("Docker", "x").map_err(|e| e.kind()),
            Err("pull.image_name")
        );
    }

    #[test]
    fn clean_matches_go() {
        for (input, want) in [
            ("", "."),
            ("/", "/"),
            ("//a//b/", "/a/b"),
            ("/a/../../b", "/b"),
            ("a/../..", ".."),
            ("./a/.", "a"),
            ("/a:b/./c", "/a:b/c"),
        ] {
            assert_eq!(clean_path(input), want, "{input}");
        }
    }
}
