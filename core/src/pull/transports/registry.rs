//! The transports whose references are Docker names (`pull.md` §7.2, §7.6–7.8): `docker`,
//! `docker-daemon`, `docker-archive` and `atomic`. None of them touches the file system.

use super::{ImageName, Transport, go_atoi, index_error};
use crate::gofmt::GoQuoted;
use crate::pull::PullError;
use crate::reference::docker_reference_namespaces as namespaces;
use crate::reference::{Digest, Reference, UNKNOWN_DIGEST_SUFFIX, policy_identity_and_namespaces};

fn error(transport: Transport, message: String) -> PullError {
    PullError::TransportReference {
        transport: transport.as_str().to_owned(),
        message,
    }
}

/// containers/image's fork of `reference.ParseNormalizedNamed` (legacy grammar: no IPv6
/// hosts); its errors are returned with their own text.
fn parse_normalized(transport: Transport, text: &str) -> Result<Reference, PullError> {
    Reference::parse_normalized_legacy(text).map_err(|e| error(transport, e.to_string()))
}

/// A name-tagged or name-digested reference as the `docker`-family transports report it:
/// `policyconfiguration.DockerReferenceIdentity` and `DockerReferenceNamespaces` (§7.11).
fn docker_image_name(
    transport: Transport,
    reference: String,
    named: &Reference,
) -> Result<ImageName, PullError> {
    let (policy_identity, policy_namespaces) = if named.tag().is_some() && named.digest().is_some()
    {
        // Upstream's error for a reference with both.
        let scopes = policy_identity_and_namespaces(named.as_str())
            .map_err(|e| error(transport, e.to_string()))?;
        (scopes.identity, scopes.namespaces)
    } else {
        // `named` is already parsed and normalised: no second parse.
        (
            named.with_default_tag().to_string(),
            namespaces(named.name()),
        )
    };
    Ok(ImageName {
        transport,
        reference,
        docker_reference: Some(named.as_str().to_owned()),
        policy_identity,
        policy_namespaces,
    })
}

/// `docker://<reference>` (§7.2).
pub(super) fn parse_docker(rest: &str) -> Result<ImageName, PullError> {
    const T: Transport = Transport::Docker;
    let Some(text) = rest.strip_prefix("//") else {
        return Err(error(
            T,
            format!("docker: image reference {rest} does not start with //"),
        ));
    };
    let (text, unknown_digest) = match text.strip_suffix(UNKNOWN_DIGEST_SUFFIX) {
        Some(text) => (text, true),
        None => (text, false),
    };
    let named = parse_normalized(T, text)?;
    if unknown_digest {
        if named.tag().is_some() || named.digest().is_some() {
            let marked = format!("{named}{UNKNOWN_DIGEST_SUFFIX}");
            return Err(error(
                T,
                format!(
                    "docker: image reference {} has unknown digest set but it contains either a tag or digest",
                    GoQuoted(&marked)
                ),
            ));
        }
        // The identity is the repository alone; the namespaces start at its parent.
        let mut policy_namespaces = namespaces(named.name());
        policy_namespaces.remove(0);
        return Ok(ImageName {
            transport: T,
            reference: format!("//{}{UNKNOWN_DIGEST_SUFFIX}", named.familiar_string()),
            docker_reference: Some(named.as_str().to_owned()),
            policy_identity: named.name().to_owned(),
            policy_namespaces,
        });
    }
    let named = named.with_default_tag();
    if named.tag().is_some() && named.digest().is_some() {
        return Err(error(
            T,
            "Docker references with both a tag and digest are currently not supported".to_owned(),
        ));
    }
    docker_image_name(T, format!("//{}", named.familiar_string()), &named)
}

/// `docker-daemon:<name:tag | name@digest | sha256:hex>` (§7.7).
pub(super) fn parse_docker_daemon(rest: &str) -> Result<ImageName, PullError> {
    const T: Transport = Transport::DockerDaemon;
    // `algo:hex` is also a `name:tag`; a valid digest is read as an image ID.
    if let Ok(digest) = Digest::parse(rest) {
        if digest.algorithm() != "sha256" {
            return Err(error(
                T,
                format!(
                    "Invalid docker-daemon: reference {rest}: only digest algorithm sha256 accepted"
                ),
            ));
        }
        return Ok(ImageName {
            transport: T,
            reference: digest.as_str().to_owned(),
            docker_reference: None,
            policy_identity: String::new(),
            policy_namespaces: Vec::new(),
        });
    }
    let named = parse_normalized(T, rest)?;
    if named.familiar_name() == "sha256" {
        return Err(error(
            T,
            format!(
                "Invalid docker-daemon: reference {rest}: The sha256 repository name is reserved for (non-shortened) digest references"
            ),
        ));
    }
    match (named.tag(), named.digest()) {
        (None, None) => Err(error(
            T,
            format!(
                "docker-daemon: reference {} has neither a tag nor a digest",
                named.familiar_string()
            ),
        )),
        (Some(_), Some(_)) => Err(error(
            T,
            "docker-daemon: references with both a tag and digest are currently not supported"
                .to_owned(),
        )),
        _ => docker_image_name(T, named.familiar_string(), &named),
    }
}

/// `docker-archive:<path>[:<name>|:@<index>]` (§7.6). The path is neither resolved nor
/// checked.
pub(super) fn parse_docker_archive(rest: &str) -> Result<ImageName, PullError> {
    const T: Transport = Transport::DockerArchive;
    if rest.is_empty() {
        return Err(error(
            T,
            format!("docker-archive reference {rest} isn't of the form <path>[:<reference>]"),
        ));
    }
    let archive = |reference: String, docker_reference: Option<String>| ImageName {
        transport: T,
        reference,
        docker_reference,
        policy_identity: String::new(),
        policy_namespaces: Vec::new(),
    };
    let Some((path, tag_or_index)) = rest.split_once(':') else {
        return Ok(archive(rest.to_owned(), None));
    };
    if let Some(index) = tag_or_index.strip_prefix('@') {
        let index = go_atoi(index).map_err(|e| {
            error(
                T,
                format!("Invalid source index {tag_or_index}: {}", e.message(index)),
            )
        })?;
        if index < 0 {
            return Err(error(T, index_error(index)));
        }
        return Ok(archive(format!("{path}:@{index}"), None));
    }
    let named = Reference::parse_normalized_legacy(tag_or_index)
        .map_err(|e| error(T, format!("docker-archive parsing reference: {e}")))?
        .with_default_tag();
    if named.tag().is_none() {
        return Err(error(
            T,
            format!("reference does not include a tag: {named}"),
        ));
    }
    if named.digest().is_some() {
        return Err(error(
            T,
            format!("docker-archive doesn't support digest references: {named}"),
        ));
    }
    Ok(archive(
        format!("{path}:{named}"),
        Some(named.as_str().to_owned()),
    ))
}

/// `atomic:<host>/<namespace>/<stream>:<tag>` (OpenShift image streams, §7.8).
pub(super) fn parse_atomic(rest: &str) -> Result<ImageName, PullError> {
    const T: Transport = Transport::Atomic;
    let named = Reference::parse_normalized_legacy(rest).map_err(|e| {
        error(
            T,
            format!("failed to parse image reference {}: {e}", GoQuoted(rest)),
        )
    })?;
    if named.tag().is_none() {
        return Err(error(
            T,
            format!(
                "invalid image reference {rest}, expected format: 'hostname/namespace/stream:tag'"
            ),
        ));
    }
    if named.path().splitn(3, '/').count() != 2 {
        return Err(error(
            T,
            format!(
                "invalid image reference: {}, expected format: 'hostname/namespace/stream:tag'",
                named.familiar_string()
            ),
        ));
    }
    if named.digest().is_some() {
        // Upstream accepts the reference and then panics computing its policy identity.
        return Err(error(
            T,
            format!(
                "Internal inconsistency: policyconfiguration.DockerReferenceIdentity returned \"\", Unexpected Docker reference {} with both a name and a digest",
                named.familiar_string()
            ),
        ));
    }
    docker_image_name(T, named.familiar_string(), &named)
}
