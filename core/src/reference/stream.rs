//! Image stream names (`stream:tag`, `stream@id`), short image IDs and image stream name
//! validation (specification: `references.md` §9).
//!
//! Upstream: openshift/library-go `pkg/image/imageutil` (name parsing, splitting, joining),
//! openshift-apiserver (short-ID matching and resolution, `ValidateImageStreamName`,
//! `ValidateImageStream`) and openshift/oc (`ShortDockerImageID`).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::error::{ReferenceError, ReferenceResult};
use crate::gofmt::GoQuoted;
use crate::reference::{Digest, DockerImageReference};

/// The tag used when an image stream tag name has none (`imagev1.DefaultImageTag`).
const DEFAULT_IMAGE_TAG: &str = "latest";

/// `reference.NameTotalLengthMax`: the longest `namespace/name` an image stream may have.
const NAME_TOTAL_LENGTH_MAX: usize = 255;

/// The pattern image stream names must fully match, as upstream prints it in its reason.
const NAME_COMPONENT_PATTERN: &str = "[a-z0-9]+(?:[._-][a-z0-9]+)*";

/// The two parts of an image stream tag name `<stream>:<tag>`.
///
/// The stream part is not split further: `ns/name:tag` has the name `ns/name`.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImageStreamTagName {
    /// The image stream name (everything before the `:`).
    pub name: String,
    /// The tag (everything after the `:`).
    pub tag: String,
}

/// The two parts of an image stream image name `<stream>@<id>`.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImageStreamImageName {
    /// The image stream name (everything before the `@`).
    pub name: String,
    /// The image ID (everything after the `@`), not validated.
    pub id: String,
}

/// Parses a strict image stream tag name `<name>:<tag>` (library-go
/// `imageutil.ParseImageStreamTagName`).
///
/// The name must not contain `@`, must contain exactly one `:`, and both parts must be
/// non-empty. Nothing else is validated (`/`, spaces and uppercase pass through).
///
/// # Errors
/// * [`ReferenceError::ImageStreamImageNotTag`] when the name contains `@`;
/// * [`ReferenceError::ImageStreamTagDelimiter`] when it has no `:` or more than one;
/// * [`ReferenceError::ImageStreamTagMissingPart`] when the name or the tag is empty.
///
/// ```
/// use openshift_image::parse_image_stream_tag_name;
///
/// let istag = parse_image_stream_tag_name("openshift/busybox:v4.14")?;
/// assert_eq!(istag.name, "openshift/busybox");
/// assert_eq!(istag.tag, "v4.14");
///
/// let err = parse_image_stream_tag_name("a:b:c").unwrap_err();
/// assert_eq!(err.to_string(), r#"expected exactly one : delimiter in the istag "a:b:c""#);
/// # Ok::<(), openshift_image::ReferenceError>(())
/// ```
pub fn parse_image_stream_tag_name(name: &str) -> ReferenceResult<ImageStreamTagName> {
    if name.contains('@') {
        return Err(ReferenceError::ImageStreamImageNotTag {
            name: name.to_owned(),
        });
    }
    let Some((stream, tag)) = name.split_once(':').filter(|(_, tag)| !tag.contains(':')) else {
        return Err(ReferenceError::ImageStreamTagDelimiter {
            name: name.to_owned(),
        });
    };
    if stream.is_empty() || tag.is_empty() {
        return Err(ReferenceError::ImageStreamTagMissingPart {
            name: name.to_owned(),
        });
    }
    Ok(ImageStreamTagName {
        name: stream.to_owned(),
        tag: tag.to_owned(),
    })
}

/// Parses a strict image stream image name `<name>@<id>` (library-go
/// `imageutil.ParseImageStreamImageName`).
///
/// The name must contain exactly one `@` and both parts must be non-empty; the ID is not
/// validated (`busybox:latest@sha256:…` gives the name `busybox:latest`).
///
/// # Errors
/// * [`ReferenceError::ImageStreamImageDelimiter`] when there is no `@` or more than one;
/// * [`ReferenceError::ImageStreamImageMissingPart`] when the name or the ID is empty.
///
/// ```
/// use openshift_image::parse_image_stream_image_name;
///
/// let isimage = parse_image_stream_image_name("openshift/busybox@cc8409c")?;
/// assert_eq!(isimage.name, "openshift/busybox");
/// assert_eq!(isimage.id, "cc8409c");
///
/// let err = parse_image_stream_image_name("busybox@").unwrap_err();
/// assert_eq!(err.to_string(), r#"image stream image name "busybox@" must have a name and ID"#);
/// # Ok::<(), openshift_image::ReferenceError>(())
/// ```
pub fn parse_image_stream_image_name(name: &str) -> ReferenceResult<ImageStreamImageName> {
    let Some((stream, id)) = name.split_once('@').filter(|(_, id)| !id.contains('@')) else {
        return Err(ReferenceError::ImageStreamImageDelimiter {
            name: name.to_owned(),
        });
    };
    if stream.is_empty() || id.is_empty() {
        return Err(ReferenceError::ImageStreamImageMissingPart {
            name: name.to_owned(),
        });
    }
    Ok(ImageStreamImageName {
        name: stream.to_owned(),
        id: id.to_owned(),
    })
}

/// Splits an image stream tag name leniently (library-go `imageutil.SplitImageStreamTag`).
///
/// Splits on the first `:` (`a:b:c` gives `a` and `b:c`); an empty or missing tag becomes
/// `latest`. The flag is `true` when a `:` was present. Never fails.
///
/// ```
/// use openshift_image::split_image_stream_tag;
///
/// let (istag, ok) = split_image_stream_tag("busybox");
/// assert_eq!((istag.name.as_str(), istag.tag.as_str(), ok), ("busybox", "latest", false));
///
/// let (istag, ok) = split_image_stream_tag("busybox:v4.14:x");
/// assert_eq!((istag.name.as_str(), istag.tag.as_str(), ok), ("busybox", "v4.14:x", true));
/// ```
#[must_use]
pub fn split_image_stream_tag(name: &str) -> (ImageStreamTagName, bool) {
    let (stream, tag, ok) = match name.split_once(':') {
        Some((stream, tag)) => (stream, tag, true),
        None => (name, "", false),
    };
    let tag = if tag.is_empty() {
        DEFAULT_IMAGE_TAG
    } else {
        tag
    };
    (
        ImageStreamTagName {
            name: stream.to_owned(),
            tag: tag.to_owned(),
        },
        ok,
    )
}

/// Splits an image stream image name leniently (library-go `imageutil.SplitImageStreamImage`).
///
/// Splits on the first `@` (`a@b@c` gives `a` and `b@c`), without any defaulting; the flag is
/// `true` when an `@` was present. Never fails.
///
/// ```
/// use openshift_image::split_image_stream_image;
///
/// let (isimage, ok) = split_image_stream_image("busybox@a@b");
/// assert_eq!((isimage.name.as_str(), isimage.id.as_str(), ok), ("busybox", "a@b", true));
///
/// let (isimage, ok) = split_image_stream_image("busybox");
/// assert_eq!((isimage.name.as_str(), isimage.id.as_str(), ok), ("busybox", "", false));
/// ```
#[must_use]
pub fn split_image_stream_image(name: &str) -> (ImageStreamImageName, bool) {
    let (stream, id, ok) = match name.split_once('@') {
        Some((stream, id)) => (stream, id, true),
        None => (name, "", false),
    };
    (
        ImageStreamImageName {
            name: stream.to_owned(),
            id: id.to_owned(),
        },
        ok,
    )
}

/// Joins an image stream name and a tag as `<name>:<tag>`, an empty tag becoming `latest`
/// (library-go `imageutil.JoinImageStreamTag`). Neither part is validated.
///
/// ```
/// use openshift_image::join_image_stream_tag;
///
/// assert_eq!(join_image_stream_tag("busybox", "v4.14"), "busybox:v4.14");
/// assert_eq!(join_image_stream_tag("busybox", ""), "busybox:latest");
/// ```
#[must_use]
pub fn join_image_stream_tag(name: &str, tag: &str) -> String {
    let tag = if tag.is_empty() {
        DEFAULT_IMAGE_TAG
    } else {
        tag
    };
    format!("{name}:{tag}")
}

/// Joins an image stream name and an image ID as `<name>@<id>` (library-go
/// `imageutil.JoinImageStreamImage`). Neither part is validated.
///
/// ```
/// use openshift_image::join_image_stream_image;
///
/// assert_eq!(join_image_stream_image("busybox", "sha256:804b"), "busybox@sha256:804b");
/// ```
#[must_use]
pub fn join_image_stream_image(name: &str, id: &str) -> String {
    format!("{name}@{id}")
}

/// The encoded part of `s` when it is a digest for library-go's lenient parser (spec §6), so
/// `sha256:<64 hex>` gives the hex (either case); `None` otherwise.
fn lenient_digest_hex(s: &str) -> Option<&str> {
    if Digest::is_valid_lenient(s) {
        s.split_once(':').map(|(_, hex)| hex)
    } else {
        None
    }
}

/// Whether the image name `image` matches the short image ID `id` (openshift-apiserver
/// `digestOrImageMatch`).
///
/// When `image` is a digest for library-go's lenient parser (sha256/384/512 with the exact
/// length, hex of either case), `id` may be a prefix of its hex part or of the whole name;
/// otherwise it must be a prefix of the whole name. Prefixes are compared byte for byte (case
/// matters) and there is no minimum length: `""`, `sha` and `sha256:` match every digest.
///
/// ```
/// use openshift_image::digest_or_image_match;
///
/// let image = "sha256:804b58f4cdc00bdbda5807b075be74a4b6a29b609d63cdc0d67e46c45d24c0de";
/// assert!(digest_or_image_match(image, "804b58f"));
/// assert!(digest_or_image_match(image, "sha256:804b58f"));
/// assert!(!digest_or_image_match(image, "804B58F"));
/// assert!(!digest_or_image_match("md5:804b58f4cdc00bdbda5807b075be74a4", "804b5"));
/// ```
#[must_use]
pub fn digest_or_image_match(image: &str, id: &str) -> bool {
    lenient_digest_hex(image).is_some_and(|hex| hex.starts_with(id)) || image.starts_with(id)
}

/// The short form of an image ID for display (openshift/oc `ShortDockerImageID`): the hex part
/// when `id` is a digest for library-go's lenient parser, else `id` itself, then cut to
/// `length` **bytes** (`oc new-app` uses 7, Docker 12). A string no longer than `length` is
/// kept whole.
///
/// Go cuts bytes, so a cut inside a multi-byte character leaves invalid UTF-8; as Go's JSON
/// encoder prints it, each left-over byte of that character becomes U+FFFD here.
///
/// ```
/// use openshift_image::short_docker_image_id;
///
/// let id = "sha256:804b58f4cdc00bdbda5807b075be74a4b6a29b609d63cdc0d67e46c45d24c0de";
/// assert_eq!(short_docker_image_id(id, 7), "804b58f");
/// assert_eq!(short_docker_image_id("md5:804b58f4cdc00bdbda5807b075be74a4", 7), "md5:804");
/// assert_eq!(short_docker_image_id("éééé", 3), "é\u{fffd}");
/// ```
#[must_use]
pub fn short_docker_image_id(id: &str, length: usize) -> String {
    let short = lenient_digest_hex(id).unwrap_or(id);
    if short.len() <= length {
        return short.to_owned();
    }
    let mut cut = length;
    while !short.is_char_boundary(cut) {
        cut = cut.saturating_sub(1);
    }
    let mut out = String::with_capacity(length.saturating_add(2 * (length - cut)));
    out.push_str(short.get(..cut).unwrap_or_default());
    out.extend(std::iter::repeat_n('\u{fffd}', length - cut));
    out
}

/// Resolves a short image ID against the image names of an image stream (openshift-apiserver
/// `ResolveImageID`), each matched with [`digest_or_image_match`].
///
/// Returns the single distinct matching image (duplicates of one name count once).
///
/// # Errors
/// * [`ReferenceError::ImageNotFound`] when nothing matches (the Kubernetes `NotFound` text
///   `imagestreamimage.image.openshift.io "<id>" not found`);
/// * [`ReferenceError::AmbiguousImageId`] when several distinct images match (the Kubernetes
///   `Conflict` text listing them sorted).
///
/// ```
/// use openshift_image::resolve_image_id;
///
/// let images = [
///     "sha256:804b58f4cdc00bdbda5807b075be74a4b6a29b609d63cdc0d67e46c45d24c0de",
///     "sha256:804b58b2847a66a5a546b00e98d20eba91bfcb6546e845bdd0cc72c5c7aa8673",
/// ];
/// assert_eq!(resolve_image_id(&images, "804b58f")?, images[0]);
/// assert!(resolve_image_id(&images, "804b58").is_err());
/// # Ok::<(), openshift_image::ReferenceError>(())
/// ```
pub fn resolve_image_id<'a, S: AsRef<str>>(images: &'a [S], id: &str) -> ReferenceResult<&'a str> {
    let matches: BTreeSet<&'a str> = images
        .iter()
        .map(AsRef::as_ref)
        .filter(|image| digest_or_image_match(image, id))
        .collect();
    let mut iter = matches.iter();
    match (iter.next(), iter.next()) {
        (Some(image), None) => Ok(image),
        (None, _) => Err(ReferenceError::ImageNotFound { id: id.to_owned() }),
        (Some(_), Some(_)) => Err(ReferenceError::AmbiguousImageId {
            id: id.to_owned(),
            images: matches.iter().map(|image| (*image).to_owned()).collect(),
        }),
    }
}

/// Whether `name` fully matches `[a-z0-9]+(?:[._-][a-z0-9]+)*` (library-go
/// `RepositoryNameComponentAnchoredRegexp`).
fn is_name_component(name: &str) -> bool {
    let bytes = name.as_bytes();
    let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let separator = |b: &u8| matches!(b, b'.' | b'_' | b'-');
    bytes.first().is_some_and(alnum)
        && bytes.last().is_some_and(alnum)
        && bytes.iter().all(|b| alnum(b) || separator(b))
        && !bytes.windows(2).any(|pair| pair.iter().all(separator))
}

/// The reasons an image stream name is invalid (openshift-apiserver
/// `ValidateImageStreamName(name, false)`); empty when it is valid.
///
/// First the Kubernetes path-segment rules: `.` and `..` are refused alone, then one reason per
/// forbidden substring (`/`, then `%`); if any applies, those reasons are the answer. Otherwise
/// the name must fully match `[a-z0-9]+(?:[._-][a-z0-9]+)*` (so `""` is invalid too). There is
/// no length limit here.
///
/// ```
/// use openshift_image::validate_image_stream_name;
///
/// assert!(validate_image_stream_name("busybox-2").is_empty());
/// assert_eq!(validate_image_stream_name("openshift/busybox"), ["may not contain '/'"]);
/// assert_eq!(
///     validate_image_stream_name("busybox__x"),
///     [r#"must match "[a-z0-9]+(?:[._-][a-z0-9]+)*""#]
/// );
/// ```
#[must_use]
pub fn validate_image_stream_name(name: &str) -> Vec<String> {
    // path.ValidatePathSegmentName(name, false)
    for illegal in [".", ".."] {
        if name == illegal {
            return vec![format!("may not be '{illegal}'")];
        }
    }
    let reasons: Vec<String> = ["/", "%"]
        .into_iter()
        .filter(|illegal| name.contains(illegal))
        .map(|illegal| format!("may not contain '{illegal}'"))
        .collect();
    if !reasons.is_empty() {
        return reasons;
    }
    if is_name_component(name) {
        Vec::new()
    } else {
        vec![format!("must match {}", GoQuoted(NAME_COMPONENT_PATTERN))]
    }
}

/// Kubernetes `validation.IsDNS1123Label` (v1.32), which `ValidateObjectMeta` applies to a
/// non-empty namespace.
fn dns1123_label_reasons(value: &str) -> Vec<String> {
    const MAX_LENGTH: usize = 63;
    let label = |s: &str| {
        let bytes = s.as_bytes();
        let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        bytes.first().is_some_and(alnum)
            && bytes.last().is_some_and(alnum)
            && bytes.iter().all(|b| alnum(b) || *b == b'-')
    };
    let mut reasons = Vec::new();
    if value.len() > MAX_LENGTH {
        reasons.push(format!("must be no more than {MAX_LENGTH} characters"));
    }
    if !label(value) {
        if value.split('.').all(label) {
            reasons.push("must not contain dots".to_owned());
        } else {
            reasons.push(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters \
                 or '-', and must start and end with an alphanumeric character (e.g. 'my-name', \
                 or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
                    .to_owned(),
            );
        }
    }
    reasons
}

/// A Kubernetes `field.Invalid` error with a string value, as `Error()` renders it.
fn field_invalid(path: &str, value: &str, detail: &str) -> String {
    format!("{path}: Invalid value: {}: {detail}", GoQuoted(value))
}

/// A Kubernetes `field.Required` error, as `Error()` renders it.
fn field_required(path: &str, detail: &str) -> String {
    if detail.is_empty() {
        format!("{path}: Required value")
    } else {
        format!("{path}: Required value: {detail}")
    }
}

/// The field errors of openshift-apiserver's `ValidateImageStream` for an image stream with the
/// given namespace, name and `spec.dockerImageRepository` (`""` = unset) and nothing else set,
/// each rendered as Kubernetes' `field.Error` prints it
/// (`<path>: <type>[: <value>][: <detail>]`); empty when valid.
///
/// In order:
/// 1. `metadata.name`: `Required value: name or generateName is required` when empty, else one
///    `Invalid value` per reason of [`validate_image_stream_name`];
/// 2. `metadata.namespace`: `Required value` when empty, else one `Invalid value` per reason
///    of Kubernetes' DNS-1123 label check (`ValidateNamespaceName`, Kubernetes v1.32 texts);
/// 3. `metadata.name`: `'namespace/name' cannot be longer than 255 characters` when
///    `namespace/name` exceeds 255 bytes;
/// 4. `spec.dockerImageRepository`, when non-empty, parsed with
///    [`DockerImageReference::parse`]: its error, else
///    `the repository name may not contain a tag` and/or `… an ID`. A registry-only value
///    such as `quay.io` is valid.
///
/// ```
/// use openshift_image::validate_image_stream;
///
/// assert!(validate_image_stream("openshift", "busybox", "quay.io/openshift/busybox").is_empty());
/// assert_eq!(
///     validate_image_stream("", "busybox", "quay.io/openshift/busybox:v4.14"),
///     [
///         "metadata.namespace: Required value",
///         r#"spec.dockerImageRepository: Invalid value: "quay.io/openshift/busybox:v4.14": the repository name may not contain a tag"#,
///     ]
/// );
/// ```
#[must_use]
pub fn validate_image_stream(
    namespace: &str,
    name: &str,
    docker_image_repository: &str,
) -> Vec<String> {
    const NAME_PATH: &str = "metadata.name";
    const NAMESPACE_PATH: &str = "metadata.namespace";
    const REPOSITORY_PATH: &str = "spec.dockerImageRepository";

    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push(field_required(
            NAME_PATH,
            "name or generateName is required",
        ));
    } else {
        errors.extend(
            validate_image_stream_name(name)
                .iter()
                .map(|reason| field_invalid(NAME_PATH, name, reason)),
        );
    }
    if namespace.is_empty() {
        errors.push(field_required(NAMESPACE_PATH, ""));
    } else {
        errors.extend(
            dns1123_label_reasons(namespace)
                .iter()
                .map(|reason| field_invalid(NAMESPACE_PATH, namespace, reason)),
        );
    }
    if namespace.len() + 1 + name.len() > NAME_TOTAL_LENGTH_MAX {
        errors.push(field_invalid(
            NAME_PATH,
            name,
            &format!("'namespace/name' cannot be longer than {NAME_TOTAL_LENGTH_MAX} characters"),
        ));
    }
    if !docker_image_repository.is_empty() {
        let invalid =
            |detail: &str| field_invalid(REPOSITORY_PATH, docker_image_repository, detail);
        match DockerImageReference::parse(docker_image_repository) {
            Err(err) => errors.push(invalid(&err.to_string())),
            Ok(reference) => {
                if !reference.tag.is_empty() {
                    errors.push(invalid("the repository name may not contain a tag"));
                }
                if !reference.id.is_empty() {
                    errors.push(invalid("the repository name may not contain an ID"));
                }
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An input and its parts, or the error text.
    type ParseCase = (
        &'static str,
        Result<(&'static str, &'static str), &'static str>,
    );

    const HEX64: &str = "804b58f4cdc00bdbda5807b075be74a4b6a29b609d63cdc0d67e46c45d24c0de";

    fn istag(name: &str, tag: &str) -> ImageStreamTagName {
        ImageStreamTagName {
            name: name.to_owned(),
            tag: tag.to_owned(),
        }
    }

    fn isimage(name: &str, id: &str) -> ImageStreamImageName {
        ImageStreamImageName {
            name: name.to_owned(),
            id: id.to_owned(),
        }
    }

    #[test]
    fn strict_tag_names() {
        let cases: &[ParseCase] = &[
            ("name:tag", Ok(("name", "tag"))),
            ("ns/name:tag", Ok(("ns/name", "tag"))),
            ("BUSYBOX:V4.14", Ok(("BUSYBOX", "V4.14"))),
            ("busybox :tàg ", Ok(("busybox ", "tàg "))),
            (
                "",
                Err(r#"expected exactly one : delimiter in the istag """#),
            ),
            (
                "name",
                Err(r#"expected exactly one : delimiter in the istag "name""#),
            ),
            (
                "a:b:c",
                Err(r#"expected exactly one : delimiter in the istag "a:b:c""#),
            ),
            (
                "::",
                Err(r#"expected exactly one : delimiter in the istag "::""#),
            ),
            (
                ":",
                Err(r#"image stream tag name ":" must have a name and a tag"#),
            ),
            (
                ":tag",
                Err(r#"image stream tag name ":tag" must have a name and a tag"#),
            ),
            (
                "name:",
                Err(r#"image stream tag name "name:" must have a name and a tag"#),
            ),
            (
                "@",
                Err(r#""@" is an image stream image, not an image stream tag"#),
            ),
            // `@` wins over the delimiter count.
            (
                "a:b:c@d",
                Err(r#""a:b:c@d" is an image stream image, not an image stream tag"#),
            ),
            (
                "a\tb",
                Err(r#"expected exactly one : delimiter in the istag "a\tb""#),
            ),
        ];
        for (input, want) in cases {
            let got = parse_image_stream_tag_name(input).map_err(|e| e.to_string());
            let want = want
                .map(|(name, tag)| istag(name, tag))
                .map_err(str::to_owned);
            assert_eq!(got, want, "{input:?}");
        }
    }

    #[test]
    fn strict_image_names() {
        let cases: &[ParseCase] = &[
            ("repo@id", Ok(("repo", "id"))),
            (
                "busybox:latest@sha256:abc",
                Ok(("busybox:latest", "sha256:abc")),
            ),
            ("busybox@id with space", Ok(("busybox", "id with space"))),
            ("", Err(r#"expected exactly one @ in the isimage name """#)),
            (
                "a",
                Err(r#"expected exactly one @ in the isimage name "a""#),
            ),
            (
                "a@b@c",
                Err(r#"expected exactly one @ in the isimage name "a@b@c""#),
            ),
            (
                "@@",
                Err(r#"expected exactly one @ in the isimage name "@@""#),
            ),
            (
                "@",
                Err(r#"image stream image name "@" must have a name and ID"#),
            ),
            (
                "@id",
                Err(r#"image stream image name "@id" must have a name and ID"#),
            ),
            (
                "name@",
                Err(r#"image stream image name "name@" must have a name and ID"#),
            ),
        ];
        for (input, want) in cases {
            let got = parse_image_stream_image_name(input).map_err(|e| e.to_string());
            let want = want
                .map(|(name, id)| isimage(name, id))
                .map_err(str::to_owned);
            assert_eq!(got, want, "{input:?}");
        }
    }

    #[test]
    fn lenient_split_and_join() {
        let tags = [
            ("", ("", "latest", false)),
            ("busybox", ("busybox", "latest", false)),
            ("busybox:", ("busybox", "latest", true)),
            (":", ("", "latest", true)),
            ("::", ("", ":", true)),
            ("a:b:c", ("a", "b:c", true)),
            ("@", ("@", "latest", false)),
            ("b@sha256:x", ("b@sha256", "x", true)),
        ];
        for (input, (name, tag, ok)) in tags {
            assert_eq!(
                split_image_stream_tag(input),
                (istag(name, tag), ok),
                "{input:?}"
            );
        }
        let images = [
            ("", ("", "", false)),
            ("busybox", ("busybox", "", false)),
            ("busybox@", ("busybox", "", true)),
            ("@@", ("", "@", true)),
            ("a@b@c", ("a", "b@c", true)),
        ];
        for (input, (name, id, ok)) in images {
            assert_eq!(
                split_image_stream_image(input),
                (isimage(name, id), ok),
                "{input:?}"
            );
        }
        assert_eq!(join_image_stream_tag("", ""), ":latest");
        assert_eq!(join_image_stream_tag("ns/a", "b:c"), "ns/a:b:c");
        assert_eq!(join_image_stream_tag("a", " "), "a: ");
        assert_eq!(join_image_stream_image("", ""), "@");
        assert_eq!(join_image_stream_image("a", "x@y"), "a@x@y");
    }

    #[test]
    fn digest_or_image_matching() {
        let digest = format!("sha256:{HEX64}");
        let upper = digest.to_ascii_uppercase().replacen("SHA256", "sha256", 1);
        let short = format!("sha256:{}", HEX64.get(..63).unwrap_or_default());
        let long_id = format!("{HEX64}0");
        let cases: &[(&str, &str, bool)] = &[
            (&digest, HEX64, true),
            (&digest, "804b58f", true),
            (&digest, "sha256:804b58f", true),
            (&digest, "sha256:", true),
            (&digest, "sha", true),
            (&digest, "", true),
            (&digest, "804b58b", false),
            (&digest, "804B58F", false),
            (&digest, &long_id, false),
            (&upper, "804B58F", true),
            // Not a valid digest (63 hex): only the whole name counts.
            (&short, "804b58f", false),
            (&short, "sha256:804", true),
            ("md5:804b58f4cdc00bdbda5807b075be74a4", "804b5", false),
            ("md5:804b58f4cdc00bdbda5807b075be74a4", "md5:", true),
            ("plain", "pl", true),
            ("plain", "x", false),
            ("", "", true),
            ("", "a", false),
        ];
        for (image, id, want) in cases {
            assert_eq!(digest_or_image_match(image, id), *want, "{image:?} {id:?}");
        }
    }

    #[test]
    fn short_ids() {
        let digest = format!("sha256:{HEX64}");
        let cases: &[(&str, usize, &str)] = &[
            (&digest, 7, "804b58f"),
            (&digest, 12, "804b58f4cdc0"),
            (&digest, 0, ""),
            (&digest, 64, HEX64),
            (&digest, 100, HEX64),
            (&digest, usize::MAX, HEX64),
            (HEX64, 7, "804b58f"),
            ("md5:804b58f4cdc00bdbda5807b075be74a4", 7, "md5:804"),
            ("", 7, ""),
            ("abc", 3, "abc"),
            ("abc", 2, "ab"),
            // Cuts inside multi-byte characters: one U+FFFD per left-over byte.
            ("éééé", 3, "é\u{fffd}"),
            ("éééé", 4, "éé"),
            ("€x", 1, "\u{fffd}"),
            ("€x", 2, "\u{fffd}\u{fffd}"),
            ("€x", 3, "€"),
            ("a😀", 4, "a\u{fffd}\u{fffd}\u{fffd}"),
        ];
        for (id, length, want) in cases {
            assert_eq!(short_docker_image_id(id, *length), *want, "{id:?} {length}");
        }
    }

    #[test]
    fn image_id_resolution() {
        let a = format!("sha256:{HEX64}");
        let b = "sha256:804b58b2847a66a5a546b00e98d20eba91bfcb6546e845bdd0cc72c5c7aa8673";
        let c = "sha256:7ff069bc8309d064de8e4c9262ecb5c429a90dab9bb2c3c0763852c3733a2356";
        let images = [a.as_str(), b, c, a.as_str()];
        let ok = |id: &str| resolve_image_id(&images, id).map_err(|e| e.to_string());
        assert_eq!(ok("804b58f"), Ok(a.as_str()));
        assert_eq!(ok("sha256:7ff"), Ok(c));
        assert_eq!(
            ok("804b58"),
            Err(format!(
                "Operation cannot be fulfilled on imagestreamimage.image.openshift.io \"804b58\": \
                 multiple images match the prefix \"804b58\": {b}, {a}"
            ))
        );
        assert_eq!(
            ok("zzzz"),
            Err(r#"imagestreamimage.image.openshift.io "zzzz" not found"#.to_owned())
        );
        let none: [String; 0] = [];
        assert!(matches!(
            resolve_image_id(&none, ""),
            Err(ReferenceError::ImageNotFound { .. })
        ));
        let found = match resolve_image_id(&images, "") {
            Err(ReferenceError::AmbiguousImageId { images, .. }) => images,
            other => {
                assert!(other.is_err(), "unexpected {other:?}");
                Vec::new()
            }
        };
        assert_eq!(found, [c, b, a.as_str()]);
    }

    #[test]
    fn stream_names() {
        let pattern = r#"must match "[a-z0-9]+(?:[._-][a-z0-9]+)*""#;
        let cases: &[(&str, &[&str])] = &[
            ("busybox", &[]),
            ("busybox-2.v_3", &[]),
            ("a", &[]),
            ("0", &[]),
            ("", &[pattern]),
            ("busybox__x", &[pattern]),
            ("busybox--x", &[pattern]),
            ("busybox..x", &[pattern]),
            ("busybox._x", &[pattern]),
            ("-busybox", &[pattern]),
            ("busybox-", &[pattern]),
            ("BUSYBOX", &[pattern]),
            ("busybox:v4", &[pattern]),
            ("é", &[pattern]),
            ("...", &[pattern]),
            (".", &["may not be '.'"]),
            ("..", &["may not be '..'"]),
            ("a/b", &["may not contain '/'"]),
            ("%/", &["may not contain '/'", "may not contain '%'"]),
            ("A%", &["may not contain '%'"]),
        ];
        for (name, want) in cases {
            assert_eq!(validate_image_stream_name(name), *want, "{name:?}");
        }
        assert!(validate_image_stream_name(&"a".repeat(1000)).is_empty());
    }

    #[test]
    fn stream_repository() {
        let hex = "49254e43603693d3d9e010f2190f31264ca4d2bb6aa0eb791cb95e01acd19785";
        let tag = "the repository name may not contain a tag";
        let id = "the repository name may not contain an ID";
        let both = format!("quay.io/openshift/busybox:v4.14@sha256:{hex}");
        let digest = format!("quay.io/openshift/busybox@sha256:{hex}");
        let registry_digest = format!("quay.io@sha256:{hex}");
        let cases: Vec<(&str, Vec<&str>)> = vec![
            ("", vec![]),
            ("quay.io/openshift/busybox", vec![]),
            ("quay.io", vec![]),
            ("localhost:5000", vec![]),
            ("busybox", vec![]),
            ("quay.io/openshift/busybox:v4.14", vec![tag]),
            // Registry-only values keep their tag inside `registry`: no tag error.
            ("foo.bar:tag", vec![]),
            (&digest, vec![id]),
            (&registry_digest, vec![id]),
            (&both, vec![tag, id]),
            ("bad//repo", vec!["invalid reference format"]),
            ("foo/Bar", vec!["repository name must be lowercase"]),
        ];
        for (repository, details) in cases {
            let want: Vec<String> = details
                .iter()
                .map(|detail| {
                    format!(
                        "spec.dockerImageRepository: Invalid value: {}: {detail}",
                        GoQuoted(repository)
                    )
                })
                .collect();
            assert_eq!(
                validate_image_stream("openshift", "busybox", repository),
                want,
                "{repository:?}"
            );
        }
        // Every rule reports, in order.
        assert_eq!(
            validate_image_stream("", "BAD", "a:b"),
            [
                r#"metadata.name: Invalid value: "BAD": must match "[a-z0-9]+(?:[._-][a-z0-9]+)*""#,
                "metadata.namespace: Required value",
                r#"spec.dockerImageRepository: Invalid value: "a:b": the repository name may not contain a tag"#,
            ]
        );
    }

    #[test]
    fn stream_metadata() {
        let pattern = r#"must match "[a-z0-9]+(?:[._-][a-z0-9]+)*""#;
        let label = "a lowercase RFC 1123 label must consist of lower case alphanumeric \
                     characters or '-', and must start and end with an alphanumeric character \
                     (e.g. 'my-name', or '123-abc', regex used for validation is \
                     '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
        let ns_63 = "x".repeat(63);
        let ns_64 = "x".repeat(64);
        let name_191 = "y".repeat(191);
        let name_192 = "y".repeat(192);
        let cases: Vec<(&str, &str, Vec<String>)> = vec![
            ("openshift", "busybox", vec![]),
            (&ns_63, &name_191, vec![]),
            (
                &ns_63,
                &name_192,
                vec![format!(
                    "metadata.name: Invalid value: \"{name_192}\": 'namespace/name' cannot be \
                     longer than 255 characters"
                )],
            ),
            (
                "openshift",
                "",
                vec!["metadata.name: Required value: name or generateName is required".to_owned()],
            ),
            (
                "openshift",
                "BUSY\"BOX",
                vec![format!(
                    r#"metadata.name: Invalid value: "BUSY\"BOX": {pattern}"#
                )],
            ),
            (
                "",
                "a/b%",
                vec![
                    r#"metadata.name: Invalid value: "a/b%": may not contain '/'"#.to_owned(),
                    r#"metadata.name: Invalid value: "a/b%": may not contain '%'"#.to_owned(),
                    "metadata.namespace: Required value".to_owned(),
                ],
            ),
            (
                "open.shift",
                "busybox",
                vec![
                    r#"metadata.namespace: Invalid value: "open.shift": must not contain dots"#
                        .to_owned(),
                ],
            ),
            (
                "Openshift",
                "busybox",
                vec![format!(
                    r#"metadata.namespace: Invalid value: "Openshift": {label}"#
                )],
            ),
            (
                &ns_64,
                "b",
                vec![format!(
                    "metadata.namespace: Invalid value: \"{ns_64}\": must be no more than 63 \
                     characters"
                )],
            ),
        ];
        for (namespace, name, want) in cases {
            assert_eq!(
                validate_image_stream(namespace, name, ""),
                want,
                "{namespace:?} {name:?}"
            );
        }
    }

    proptest::proptest! {
        /// No input panics; short IDs are never longer than asked and keep every whole
        /// character; lenient splitting always round-trips through joining when `ok`.
        #[test]
        fn never_panics(s in "\\PC{0,40}", id in "[a-f0-9:@]{0,8}", length in 0usize..48) {
            let _ = parse_image_stream_tag_name(&s);
            let _ = parse_image_stream_image_name(&s);
            let _ = validate_image_stream_name(&s);
            let _ = validate_image_stream(&s, &s, &s);
            let _ = resolve_image_id(&[s.as_str()], &id);
            let _ = digest_or_image_match(&s, &id);
            let short = short_docker_image_id(&s, length);
            proptest::prop_assert!(short.chars().count() <= length.max(s.chars().count()));
            let (image, ok) = split_image_stream_image(&s);
            if ok {
                proptest::prop_assert_eq!(join_image_stream_image(&image.name, &image.id), s.clone());
            }
            let (tag, ok) = split_image_stream_tag(&s);
            if ok && !tag.tag.is_empty() && !s.ends_with(':') {
                proptest::prop_assert_eq!(join_image_stream_tag(&tag.name, &tag.tag), s.clone());
            }
        }
    }
}
