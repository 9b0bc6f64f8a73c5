//! policy.json scopes for the `docker` transport (containers/image; specification §11.4).

use serde::{Deserialize, Serialize};

use super::docker::Reference;
use crate::error::{ReferenceError, ReferenceResult};

/// The suffix containers/image accepts for "a digest that is not known yet".
pub const UNKNOWN_DIGEST_SUFFIX: &str = "@@unknown-digest@@";

/// A reference's policy identity and the scopes policy.json looks it up under, most specific
/// first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PolicyScopes {
    /// `name:tag` or `name@digest` (`PolicyConfigurationIdentity`).
    pub identity: String,
    /// The repository, its parent namespaces up to the host (with port), then `*.` wildcards
    /// of the host without port (`PolicyConfigurationNamespaces`).
    pub namespaces: Vec<String>,
}

/// The identity and namespaces the `docker` transport gives `reference` (written without the
/// `//` prefix). The reference is normalized with the legacy grammar and gets `latest` when it
/// has neither tag nor digest; the `@@unknown-digest@@` suffix gives the name alone as identity
/// and drops the repository from the namespaces.
///
/// ```
/// use openshift_image::policy_identity_and_namespaces;
/// let p = policy_identity_and_namespaces("registry.example.com:5000/ns/app")?;
/// assert_eq!(p.identity, "registry.example.com:5000/ns/app:latest");
/// assert_eq!(
///     p.namespaces,
///     ["registry.example.com:5000/ns/app", "registry.example.com:5000/ns", "registry.example.com:5000",
///      "*.example.com", "*.com"]
/// );
/// # Ok::<(), openshift_image::ReferenceError>(())
/// ```
///
/// # Errors
/// Parse errors of [`Reference::parse_normalized_legacy`], `TagAndDigest`, and
/// `UnknownDigestConflict` when the suffix follows a tag or digest.
pub fn policy_identity_and_namespaces(reference: &str) -> ReferenceResult<PolicyScopes> {
    let (text, unknown_digest) = match reference.strip_suffix(UNKNOWN_DIGEST_SUFFIX) {
        Some(rest) => (rest, true),
        None => (reference, false),
    };
    let named = Reference::parse_normalized_legacy(text)?;
    if unknown_digest {
        if named.tag().is_some() || named.digest().is_some() {
            return Err(ReferenceError::UnknownDigestConflict {
                reference: format!("{named}{UNKNOWN_DIGEST_SUFFIX}"),
            });
        }
        let mut namespaces = docker_reference_namespaces(named.name());
        namespaces.remove(0);
        return Ok(PolicyScopes {
            identity: named.name().to_owned(),
            namespaces,
        });
    }
    let named = named.with_default_tag();
    if named.tag().is_some() && named.digest().is_some() {
        return Err(ReferenceError::TagAndDigest {
            reference: reference.to_owned(),
        });
    }
    Ok(PolicyScopes {
        identity: named.to_string(),
        namespaces: docker_reference_namespaces(named.name()),
    })
}

/// `DockerReferenceNamespaces`: `name`, each parent up to the host, then the wildcards.
pub(crate) fn docker_reference_namespaces(name: &str) -> Vec<String> {
    let mut out = vec![name.to_owned()];
    let mut rest = name;
    while let Some((parent, _)) = rest.rsplit_once('/') {
        out.push(parent.to_owned());
        rest = parent;
    }
    let mut host = rest.split_once(':').map_or(rest, |(host, _)| host);
    while let Some((_, suffix)) = host.split_once('.') {
        out.push(format!("*.{suffix}"));
        host = suffix;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hub_and_unknown_digest() {
        let p = policy_identity_and_namespaces("busybox").map(|p| (p.identity, p.namespaces));
        assert_eq!(
            p,
            Ok((
                "docker.io/library/busybox:latest".to_owned(),
                vec![
                    "docker.io/library/busybox".into(),
                    "docker.io/library".into(),
                    "docker.io".into(),
                    "*.io".into()
                ]
            ))
        );
        let u = policy_identity_and_namespaces("quay.io/ns/app@@unknown-digest@@")
            .map(|p| (p.identity, p.namespaces));
        assert_eq!(
            u,
            Ok((
                "quay.io/ns/app".to_owned(),
                vec!["quay.io/ns".into(), "quay.io".into(), "*.io".into()]
            ))
        );
        assert_eq!(
            policy_identity_and_namespaces("quay.io/ns/app:1@@unknown-digest@@").map_err(|e| e.to_string()),
            Err(r#"docker: image reference "quay.io/ns/app:1@@unknown-digest@@" has unknown digest set but it contains either a tag or digest"#.to_owned())
        );
        assert_eq!(
            policy_identity_and_namespaces("localhost/app").map(|p| p.namespaces.len()),
            Ok(2)
        );
    }
}
