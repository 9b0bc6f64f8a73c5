//! `imagePullPolicy` defaulting (Kubernetes `SetDefaults_Container`; specification §10).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::docker::Reference;
use crate::error::{ReferenceError, ReferenceResult};

/// A container's `imagePullPolicy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PullPolicy {
    /// Pull on every container start.
    Always,
    /// Pull only when the image is missing on the node.
    IfNotPresent,
    /// Never pull.
    Never,
}

impl PullPolicy {
    /// `Always`, `IfNotPresent` or `Never`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Always => "Always",
            Self::IfNotPresent => "IfNotPresent",
            Self::Never => "Never",
        }
    }
}

impl fmt::Display for PullPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The result of Kubernetes' `parsers.ParseImageName`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ImageName {
    /// The normalized repository name (`docker.io/library/busybox`).
    pub repository: String,
    /// The tag; `latest` when the image has neither tag nor digest; `""` for a digest alone.
    pub tag: String,
    /// The digest, or `""`.
    pub digest: String,
}

/// Kubernetes' `parsers.ParseImageName`: normalized parse, `latest` when neither tag nor
/// digest is given.
///
/// ```
/// use openshift_image::parse_image_name;
/// let n = parse_image_name("busybox")?;
/// assert_eq!((n.repository.as_str(), n.tag.as_str()), ("docker.io/library/busybox", "latest"));
/// # Ok::<(), openshift_image::ReferenceError>(())
/// ```
///
/// # Errors
/// [`ReferenceError::ImageName`] wrapping the parse error
/// (`couldn't parse image name "<image>": <cause>`).
pub fn parse_image_name(image: &str) -> ReferenceResult<ImageName> {
    let named = Reference::parse_normalized(image).map_err(|e| ReferenceError::ImageName {
        image: image.to_owned(),
        source: Box::new(e),
    })?;
    let digest = named.digest().unwrap_or_default().to_owned();
    let tag = match named.tag() {
        Some(tag) => tag.to_owned(),
        None if digest.is_empty() => "latest".to_owned(),
        None => String::new(),
    };
    Ok(ImageName {
        repository: named.name().to_owned(),
        tag,
        digest,
    })
}

/// The `imagePullPolicy` Kubernetes gives a container that sets none: `Always` when the
/// image's tag is `latest` (explicit, or implied by a name without tag or digest), else
/// `IfNotPresent`, also for an image that does not parse.
///
/// ```
/// use openshift_image::{default_pull_policy, PullPolicy};
/// assert_eq!(default_pull_policy("nginx"), PullPolicy::Always);
/// assert_eq!(default_pull_policy("nginx:1.25"), PullPolicy::IfNotPresent);
/// assert_eq!(default_pull_policy("localhost:5000"), PullPolicy::IfNotPresent); // tag "5000"
/// ```
#[must_use]
pub fn default_pull_policy(image: &str) -> PullPolicy {
    // `parse_image_name`'s tag rule, without building its strings.
    match Reference::parse_normalized(image) {
        Ok(r) if r.tag() == Some("latest") || (r.tag().is_none() && r.digest().is_none()) => {
            PullPolicy::Always
        }
        _ => PullPolicy::IfNotPresent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaulting_table() {
        let d = "sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582";
        let cases = [
            ("nginx".to_owned(), PullPolicy::Always),
            ("registry:5000/app".to_owned(), PullPolicy::Always),
            (format!("nginx@{d}"), PullPolicy::IfNotPresent),
            (format!("nginx:latest@{d}"), PullPolicy::Always),
            ("app:LATEST".to_owned(), PullPolicy::IfNotPresent),
            ("app:latest-1".to_owned(), PullPolicy::IfNotPresent),
            ("".to_owned(), PullPolicy::IfNotPresent),
            ("INVALID".to_owned(), PullPolicy::IfNotPresent),
        ];
        for (image, want) in cases {
            assert_eq!(default_pull_policy(&image), want, "{image}");
        }
    }
}
