//! Errors, one enum per area.
//!
//! Each error's `Display` is the upstream text (byte for byte where upstream has one, because
//! conformance compares it); the variant carries the offending value as data, and
//! [`ReferenceError::kind`] gives a stable, documented kind string that the bindings expose as an
//! error code (`Error.kind` in Python, `err.code` in JavaScript).

use crate::gofmt::GoQuoted;

/// Which list of `registrySources` a scope came from; part of the MCO validation error text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScopeList {
    /// `insecureRegistries`.
    Insecure,
    /// `blockedRegistries`.
    Blocked,
    /// `allowedRegistries`.
    Allowed,
}

impl ScopeList {
    /// The word upstream prints for the list (`insecure`, `blocked`, `allowed`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Insecure => "insecure",
            Self::Blocked => "blocked",
            Self::Allowed => "allowed",
        }
    }
}

/// Errors of the `reference` area: reference grammars, digests, OpenShift references, image
/// stream names and IDs, pull-policy parsing, registry scopes and the import whitelist.
///
/// | kind | `Display` |
/// |---|---|
/// | `reference.invalid_format` | `invalid reference format` |
/// | `reference.invalid_tag` | `invalid tag format` |
/// | `reference.invalid_digest` | `invalid digest format` |
/// | `reference.name_contains_uppercase` | `repository name must be lowercase`, or the normalized forms naming the repository |
/// | `reference.name_empty` | `repository name must have at least one component` |
/// | `reference.name_too_long` | `repository name must not be more than 255 characters` |
/// | `reference.name_not_canonical` | `repository name must be canonical` |
/// | `reference.hex_identifier_name` | `invalid repository name (<s>), cannot specify 64-byte hexadecimal strings` |
/// | `reference.no_name` | `reference <s> has no name` |
/// | `reference.pattern_syntax` | `syntax error in pattern` |
/// | `reference.unknown_production` | `unknown grammar production "<name>"` |
/// | `reference.tag_and_digest` | `Docker references with both a tag and digest are currently not supported` |
/// | `reference.unknown_digest_conflict` | `docker: image reference "<s>" has unknown digest set but it contains either a tag or digest` |
/// | `reference.image_name` | `couldn't parse image name "<image>": <cause>` |
/// | `digest.invalid_format` | `invalid checksum digest format` |
/// | `digest.invalid_length` | `invalid checksum digest length` |
/// | `digest.unsupported` | `unsupported digest algorithm` |
/// | `image_stream.image_not_tag` | `"<s>" is an image stream image, not an image stream tag` |
/// | `image_stream.tag_delimiter` | `expected exactly one : delimiter in the istag "<s>"` |
/// | `image_stream.tag_missing_part` | `image stream tag name "<s>" must have a name and a tag` |
/// | `image_stream.image_delimiter` | `expected exactly one @ in the isimage name "<s>"` |
/// | `image_stream.image_missing_part` | `image stream image name "<s>" must have a name and ID` |
/// | `image_stream.image_not_found` | `imagestreamimage.image.openshift.io "<id>" not found` |
/// | `image_stream.ambiguous_image_id` | `Operation cannot be fulfilled on imagestreamimage.image.openshift.io "<id>": multiple images match the prefix "<id>": <images>` |
/// | `scope.invalid_entry` | `invalid entry for <list> registries "<scope>"` |
/// | `scope.invalid_source` | `invalid format for source "<s>"` |
/// | `scope.invalid_mirror` | `invalid format for mirror "<m>"` |
/// | `scope.conflicting_mirror_source_policy` | `conflicting mirrorSourcePolicy is set for the same source "<s>" in ...` |
/// | `scope.never_contact_source_is_mirror` | `cannot set mirrorSourcePolicy: NeverContactSource if the source "<s>" is one of the mirrors` |
/// | `whitelist.too_many_colons` | `failed to parse allowed registry "<d>": too many colons` |
/// | `whitelist.not_allowed` | `registry "<r>" not allowed by empty whitelist` / `... by whitelist: <entries>` |
/// | `whitelist.aggregate` | `[<err>, <err>]` |
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReferenceError {
    /// The input does not match the reference grammar.
    #[error("invalid reference format")]
    InvalidFormat {
        /// The rejected input.
        input: String,
    },
    /// A tag does not match `[\w][\w.-]{0,127}`.
    #[error("invalid tag format")]
    InvalidTag {
        /// The rejected tag.
        tag: String,
    },
    /// A digest does not match the reference grammar's digest production.
    #[error("invalid digest format")]
    InvalidDigest {
        /// The rejected digest.
        digest: String,
    },
    /// The input would be valid in lower case.
    #[error("repository name must be lowercase")]
    NameContainsUppercase {
        /// The rejected input.
        input: String,
    },
    /// Normalization found upper case in the repository part (`<remote>`); the legacy grammar
    /// prints the message without the repository.
    #[error("invalid reference format: repository name {}must be lowercase", remote.as_deref().map(|r| format!("({r}) ")).unwrap_or_default())]
    RemoteNameContainsUppercase {
        /// The rejected input.
        input: String,
        /// The checked repository part, as upstream embeds it; `None` in the legacy grammar.
        remote: Option<String>,
    },
    /// The input is empty.
    #[error("repository name must have at least one component")]
    NameEmpty,
    /// The name exceeds 255 bytes (the path alone in the current grammar, the whole name in
    /// the legacy grammar and the OpenShift model).
    #[error("repository name must not be more than 255 characters")]
    NameTooLong {
        /// The rejected name.
        name: String,
    },
    /// `parse_named` input that normalization would change.
    #[error("repository name must be canonical")]
    NameNotCanonical {
        /// The rejected input.
        input: String,
    },
    /// A name that is a 64-hex image identifier.
    #[error("invalid repository name ({input}), cannot specify 64-byte hexadecimal strings")]
    HexIdentifierName {
        /// The rejected input.
        input: String,
    },
    /// The parsed reference has no name.
    #[error("reference {input} has no name")]
    NoName {
        /// The rejected input.
        input: String,
    },
    /// A grammar production name other than `domain`, `name`, `reference`, `identifier`,
    /// `tag` or `digest`.
    #[error("unknown grammar production {}", GoQuoted(production))]
    UnknownProduction {
        /// The rejected name.
        production: String,
    },
    /// A malformed `path.Match` glob.
    #[error("syntax error in pattern")]
    PatternSyntax {
        /// The rejected pattern.
        pattern: String,
    },
    /// The `docker` transport refuses references with both a tag and a digest.
    #[error("Docker references with both a tag and digest are currently not supported")]
    TagAndDigest {
        /// The rejected reference.
        reference: String,
    },
    /// `@@unknown-digest@@` on a reference that has a tag or digest.
    #[error(
        "docker: image reference {} has unknown digest set but it contains either a tag or digest",
        GoQuoted(reference)
    )]
    UnknownDigestConflict {
        /// The normalized reference, with the `@@unknown-digest@@` suffix.
        reference: String,
    },
    /// Kubernetes' `ParseImageName` wrapping of a normalized-parse error.
    #[error("couldn't parse image name {}: {source}", GoQuoted(image))]
    ImageName {
        /// The rejected image.
        image: String,
        /// The parse error.
        source: Box<ReferenceError>,
    },
    /// A digest without `alg:encoded` shape, or with invalid characters.
    #[error("invalid checksum digest format")]
    DigestFormat {
        /// The rejected digest.
        digest: String,
    },
    /// A digest whose encoded part has the wrong length for its algorithm.
    #[error("invalid checksum digest length")]
    DigestLength {
        /// The rejected digest.
        digest: String,
    },
    /// A digest whose algorithm is not sha256, sha384 or sha512.
    #[error("unsupported digest algorithm")]
    DigestUnsupported {
        /// The rejected digest.
        digest: String,
    },
    /// An image stream tag name containing `@`.
    #[error("{} is an image stream image, not an image stream tag", GoQuoted(name))]
    ImageStreamImageNotTag {
        /// The rejected name.
        name: String,
    },
    /// An image stream tag name without exactly one `:`.
    #[error("expected exactly one : delimiter in the istag {}", GoQuoted(name))]
    ImageStreamTagDelimiter {
        /// The rejected name.
        name: String,
    },
    /// An image stream tag name with an empty name or tag.
    #[error("image stream tag name {} must have a name and a tag", GoQuoted(name))]
    ImageStreamTagMissingPart {
        /// The rejected name.
        name: String,
    },
    /// An image stream image name without exactly one `@`.
    #[error("expected exactly one @ in the isimage name {}", GoQuoted(name))]
    ImageStreamImageDelimiter {
        /// The rejected name.
        name: String,
    },
    /// An image stream image name with an empty name or ID.
    #[error("image stream image name {} must have a name and ID", GoQuoted(name))]
    ImageStreamImageMissingPart {
        /// The rejected name.
        name: String,
    },
    /// No image matches a short image ID (the Kubernetes NotFound text).
    #[error("imagestreamimage.image.openshift.io {} not found", GoQuoted(id))]
    ImageNotFound {
        /// The image ID prefix looked up.
        id: String,
    },
    /// Several distinct images match a short image ID (the Kubernetes Conflict text).
    #[error("Operation cannot be fulfilled on imagestreamimage.image.openshift.io {}: multiple images match the prefix {}: {}", GoQuoted(id), GoQuoted(id), images.join(", "))]
    AmbiguousImageId {
        /// The image ID prefix looked up.
        id: String,
        /// The distinct matching images, sorted.
        images: Vec<String>,
    },
    /// A registries.conf scope that `IsValidRegistriesConfScope` rejects.
    #[error("invalid entry for {} registries {}", list.as_str(), GoQuoted(scope))]
    InvalidScopeEntry {
        /// The list the scope came from.
        list: ScopeList,
        /// The rejected scope.
        scope: String,
    },
    /// A mirror-set source that does not match the API pattern.
    #[error("invalid format for source {}", GoQuoted(source_scope))]
    InvalidMirrorSource {
        /// The rejected source.
        source_scope: String,
    },
    /// A mirror that does not match the API pattern.
    #[error("invalid format for mirror {}", GoQuoted(mirror))]
    InvalidMirror {
        /// The rejected mirror.
        mirror: String,
    },
    /// Two mirror sets give the same source different `mirrorSourcePolicy` values.
    #[error(
        "conflicting mirrorSourcePolicy is set for the same source {} in imagedigestmirrorsets, imagetagmirrorsets, or imagecontentsourcepolicies",
        GoQuoted(source_scope)
    )]
    ConflictingMirrorSourcePolicy {
        /// The source with conflicting policies.
        source_scope: String,
    },
    /// `NeverContactSource` on a set that lists its source among the mirrors.
    #[error(
        "cannot set mirrorSourcePolicy: NeverContactSource if the source {} is one of the mirrors",
        GoQuoted(source_scope)
    )]
    NeverContactSourceIsMirror {
        /// The source.
        source_scope: String,
    },
    /// An `allowedRegistriesForImport` domain with more than one `:`.
    #[error(
        "failed to parse allowed registry {}: too many colons",
        GoQuoted(domain)
    )]
    WhitelistTooManyColons {
        /// The rejected domain name.
        domain: String,
    },
    /// The import whitelist refuses a registry; `entries` are the whitelist's `host:port`
    /// entries in list order (empty for an empty whitelist).
    #[error("{}", not_allowed_message(registry, entries))]
    RegistryNotAllowed {
        /// The refused registry, as displayed (`host[:port]` when the reference had none).
        registry: String,
        /// Every whitelist entry as `host:port`, in list order.
        entries: Vec<String>,
    },
    /// Several errors at once (the Kubernetes aggregate `[a, b]`).
    #[error("{}", aggregate_message(.0))]
    Aggregate(Vec<ReferenceError>),
}

fn not_allowed_message(registry: &str, entries: &[String]) -> String {
    if entries.is_empty() {
        return format!(
            "registry {} not allowed by empty whitelist",
            GoQuoted(registry)
        );
    }
    // Upstream lists at most five entries; beyond that, four and a count.
    let shown = if entries.len() > 5 { 4 } else { entries.len() };
    let mut list = entries
        .iter()
        .take(shown)
        .map(|e| GoQuoted(e).to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if entries.len() > 5 {
        list.push_str(&format!(", and {} more ...", entries.len() - 4));
    }
    format!(
        "registry {} not allowed by whitelist: {list}",
        GoQuoted(registry)
    )
}

fn aggregate_message(errors: &[ReferenceError]) -> String {
    // Kubernetes' aggregate prints a single error without brackets.
    match errors {
        [one] => one.to_string(),
        _ => format!(
            "[{}]",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

impl ReferenceError {
    /// The stable kind string of this error (see the table on [`ReferenceError`]).
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::InvalidFormat { .. } => "reference.invalid_format",
            Self::InvalidTag { .. } => "reference.invalid_tag",
            Self::InvalidDigest { .. } => "reference.invalid_digest",
            Self::NameContainsUppercase { .. } | Self::RemoteNameContainsUppercase { .. } => {
                "reference.name_contains_uppercase"
            }
            Self::NameEmpty => "reference.name_empty",
            Self::NameTooLong { .. } => "reference.name_too_long",
            Self::NameNotCanonical { .. } => "reference.name_not_canonical",
            Self::HexIdentifierName { .. } => "reference.hex_identifier_name",
            Self::NoName { .. } => "reference.no_name",
            Self::PatternSyntax { .. } => "reference.pattern_syntax",
            Self::UnknownProduction { .. } => "reference.unknown_production",
            Self::TagAndDigest { .. } => "reference.tag_and_digest",
            Self::UnknownDigestConflict { .. } => "reference.unknown_digest_conflict",
            Self::ImageName { .. } => "reference.image_name",
            Self::DigestFormat { .. } => "digest.invalid_format",
            Self::DigestLength { .. } => "digest.invalid_length",
            Self::DigestUnsupported { .. } => "digest.unsupported",
            Self::ImageStreamImageNotTag { .. } => "image_stream.image_not_tag",
            Self::ImageStreamTagDelimiter { .. } => "image_stream.tag_delimiter",
            Self::ImageStreamTagMissingPart { .. } => "image_stream.tag_missing_part",
            Self::ImageStreamImageDelimiter { .. } => "image_stream.image_delimiter",
            Self::ImageStreamImageMissingPart { .. } => "image_stream.image_missing_part",
            Self::ImageNotFound { .. } => "image_stream.image_not_found",
            Self::AmbiguousImageId { .. } => "image_stream.ambiguous_image_id",
            Self::InvalidScopeEntry { .. } => "scope.invalid_entry",
            Self::InvalidMirrorSource { .. } => "scope.invalid_source",
            Self::InvalidMirror { .. } => "scope.invalid_mirror",
            Self::ConflictingMirrorSourcePolicy { .. } => "scope.conflicting_mirror_source_policy",
            Self::NeverContactSourceIsMirror { .. } => "scope.never_contact_source_is_mirror",
            Self::WhitelistTooManyColons { .. } => "whitelist.too_many_colons",
            Self::RegistryNotAllowed { .. } => "whitelist.not_allowed",
            Self::Aggregate(_) => "whitelist.aggregate",
        }
    }
}

/// Shorthand for results of the `reference` area.
pub type ReferenceResult<T> = Result<T, ReferenceError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitelist_messages_follow_upstream() {
        let entries: Vec<String> = ["a:443", "b:443", "c:*", "d:80", "e:80", "f:80"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let err = ReferenceError::RegistryNotAllowed {
            registry: "x".into(),
            entries,
        };
        assert_eq!(
            err.to_string(),
            r#"registry "x" not allowed by whitelist: "a:443", "b:443", "c:*", "d:80", and 2 more ..."#
        );
        let empty = ReferenceError::RegistryNotAllowed {
            registry: "docker.io".into(),
            entries: vec![],
        };
        assert_eq!(
            empty.to_string(),
            r#"registry "docker.io" not allowed by empty whitelist"#
        );
    }

    #[test]
    fn remote_uppercase_message_has_both_forms() {
        let current = ReferenceError::RemoteNameContainsUppercase {
            input: "Busybox".into(),
            remote: Some("library/Busybox".into()),
        };
        assert_eq!(
            current.to_string(),
            "invalid reference format: repository name (library/Busybox) must be lowercase"
        );
        let legacy = ReferenceError::RemoteNameContainsUppercase {
            input: "Busybox".into(),
            remote: None,
        };
        assert_eq!(
            legacy.to_string(),
            "invalid reference format: repository name must be lowercase"
        );
    }
}

/// Errors of [`crate::ops::call`]: a library error of the operation's area, or a call that
/// cannot be made.
///
/// | kind | meaning |
/// |---|---|
/// | the area's kinds | the operation failed (see [`ReferenceError`]) |
/// | `ops.invalid_argument` | an argument is missing or has the wrong type |
/// | `ops.unknown_op` | no operation has that name |
/// | `ops.output` | the result could not be converted to JSON (never expected) |
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OpError {
    /// The `reference` area's error.
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    /// The `imagestream` area's error.
    #[error(transparent)]
    ImageStream(#[from] ImageStreamError),
    /// The `template` area's error.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// A kubectl JSONPath template failed to parse or to evaluate.
    #[error(transparent)]
    JsonPath(#[from] crate::jsonpath::JsonPathError),
    /// A Template Service Broker expose annotation failed (`template.expose.*`).
    #[error(transparent)]
    Expose(#[from] crate::template::expose::ExposeError),
    /// `oc set triggers` refused its flags or the object (`imagestream.set_triggers.*`).
    #[error(transparent)]
    SetTriggers(#[from] crate::imagestream::set_triggers::OcSetTriggersError),
    /// The `mirror` area's error (`mirror.*`).
    #[error(transparent)]
    Mirror(#[from] crate::mirror::MirrorError),
    /// The `pull` area's error (`pull.*`, and `mirror.conf_*` from registries.conf loading).
    #[error(transparent)]
    Pull(#[from] crate::pull::PullError),
    /// An argument is missing or has the wrong type.
    #[error("{op}: invalid argument `{param}`: {message}")]
    InvalidArgument {
        /// The operation.
        op: String,
        /// The argument's name (`input` for the whole object).
        param: String,
        /// What is wrong with it.
        message: String,
    },
    /// No operation has that name.
    #[error("unknown operation {}", GoQuoted(op))]
    UnknownOp {
        /// The requested name.
        op: String,
    },
    /// The result could not be converted to JSON.
    #[error("{op}: cannot convert the result: {message}")]
    Output {
        /// The operation.
        op: String,
        /// The serializer's message.
        message: String,
    },
}

impl OpError {
    /// The area the error belongs to: `reference` for [`ReferenceError`], `ops` for a call
    /// that could not be made. Bindings choose their exception class from it.
    #[must_use]
    pub const fn area(&self) -> &'static str {
        match self {
            Self::Reference(_) => "reference",
            Self::ImageStream(_) => "imagestream",
            Self::Template(_) | Self::Expose(_) => "template",
            Self::JsonPath(_) => "jsonpath",
            Self::SetTriggers(_) => "imagestream",
            Self::Mirror(_) => "mirror",
            Self::Pull(_) => "pull",
            Self::InvalidArgument { .. } | Self::UnknownOp { .. } | Self::Output { .. } => "ops",
        }
    }

    /// The stable kind string: the area error's kind, or `ops.*`.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Reference(e) => e.kind(),
            Self::ImageStream(e) => e.kind(),
            Self::Template(e) => e.kind(),
            Self::JsonPath(e) => e.kind(),
            Self::Expose(e) => e.kind(),
            Self::SetTriggers(e) => e.kind(),
            Self::Mirror(e) => e.kind(),
            Self::Pull(e) => e.kind(),
            Self::InvalidArgument { .. } => "ops.invalid_argument",
            Self::UnknownOp { .. } => "ops.unknown_op",
            Self::Output { .. } => "ops.output",
        }
    }

    /// For a JSONPath error, the phase that failed: `"parse"` (the template was rejected) or
    /// `"execute"` (evaluation failed); `None` for every other error.
    #[must_use]
    pub const fn phase(&self) -> Option<&'static str> {
        match self {
            Self::JsonPath(e) => Some(match e.phase() {
                crate::jsonpath::Phase::Parse => "parse",
                crate::jsonpath::Phase::Execute => "execute",
            }),
            _ => None,
        }
    }
}

/// Errors of the `imagestream` area: tag history resolution and the `oc tag` checks.
///
/// | kind | `Display` |
/// |---|---|
/// | `imagestream.no_repository` | `no image repository has been set on the image stream status` |
/// | `imagestream.pull_spec_pending` | `the pull spec cannot be determined yet` |
/// | `imagestream.image_not_found` | `imagestreamimage.image.openshift.io "<id>" not found` |
/// | `imagestream.ambiguous_image_id` | `Operation cannot be fulfilled on imagestreamimage.image.openshift.io "<id>": multiple images match the prefix "<id>": <images>` |
/// | `imagestream.circular_reference` | `reference tag is circular` |
/// | `imagestream.reference_not_found` | `reference tag is not found` |
/// | `imagestream.cross_stream_reference` | `reference tag points to another imagestream` |
/// | `imagestream.invalid_reference` | `reference tag is invalid` |
/// | `imagestream.invalid_tag` | `invalid tag "<t>" format, tags must start with an alphanumeric character followed by alphanumeric, '.' or '-' characters, and have a maximum of 128 characters` |
/// | `imagestream.oc_tag` | `oc tag`'s own failures (flags, usage, source, destinations), e.g. `at least a destination is required`, `cannot set alias across different Image Streams` |
/// | `imagestream.invalid` | `<Kind>.image.openshift.io "<name>" is invalid: <field errors>` (API server validation) |
/// | `imagestream.not_found` | `<resource> "<name>" not found`, e.g. `imagestreams.image.openshift.io "<s>" not found` |
/// | `imagestream.already_exists` | `<resource> "<name>" already exists` |
/// | `imagestream.conflict` | `Operation cannot be fulfilled on <resource> "<name>": <message>` |
/// | `imagestream.bad_request` | the server's message, e.g. `ImageStreamTags must be retrieved with <name>:<tag>` |
/// | `imagestream.internal` | the server's message, e.g. `"<name>" must be of the form <stream_name>:<tag>` |
/// | `imagestream.image_policy` | the image-policy resolver's message, e.g. `ImageStreamTag does not allow local references and the resource did not request image stream resolution` |
/// | `imagestream.invalid_pull_spec` | the reference parser's message, e.g. `invalid reference format` |
/// | `imagestream.no_pod_spec` | `no list of images available for this object` |
/// | `imagestream.invalid_field_path` | `[1 \| 2 ]field path is not valid: <fieldPath>` |
/// | `imagestream.no_such_container` | `no such container: <selector or fieldPath>` |
/// | `imagestream.duplicate_triggers` | `duplicate triggers are not allowed` |
/// | `imagestream.invalid_json` | the JSON decoder's message |
/// | `imagestream.empty_manifest_list` | `no manifests in manifest list` |
/// | `imagestream.manifest_digest_mismatch` | `content integrity error: the manifest retrieved (media type: <type>) with digest <announced> does not match the digest calculated from the content <computed>` |
/// | `imagestream.invalid_time` | `<field>: invalid time "<v>": expected RFC 3339` |
/// | `imagestream.invalid_duration` | Go's `time: invalid duration "<v>"` (or `missing unit` / `unknown unit "<u>"`), as a flag `invalid argument "<v>" for "<flag>" flag: <that>` |
/// | `imagestream.invalid_prune_options` | `--prune-over-size-limit cannot be specified with --keep-tag-revisions nor --keep-younger-than`, `<flag> must be greater than or equal to 0` |
/// | `imagestream.bad_reference` | `<referrer>: invalid <kind> reference "<ref>": <parse error>`, e.g. `pod/p1 namespace=proj: container c: invalid image reference "Not A Ref!": invalid reference format` |
/// | `imagestream.image_metadata` | `failed to read image metadata for <image>: <decoder message>` |
/// | `imagestream.invalid_quantity` | apimachinery's quantity texts, e.g. `unable to parse quantity's suffix` |
/// | `imagestream.aggregate` | `[<error>, <error>]` (Kubernetes' aggregate, duplicates dropped) |
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImageStreamError {
    /// The stream has no status repository to build a pull spec from.
    #[error("no image repository has been set on the image stream status")]
    NoRepository,
    /// The spec tag has a newer generation than its history and no source pull spec.
    #[error("the pull spec cannot be determined yet")]
    PullSpecPending {
        /// The tag.
        tag: String,
    },
    /// No history item matches the image ID (the Kubernetes `NotFound` text).
    #[error("imagestreamimage.image.openshift.io {} not found", GoQuoted(id))]
    ImageNotFound {
        /// The requested ID.
        id: String,
    },
    /// Several distinct images match the image ID prefix (the Kubernetes `Conflict` text).
    #[error(
        "Operation cannot be fulfilled on imagestreamimage.image.openshift.io {}: multiple images match the prefix {}: {}",
        GoQuoted(id),
        GoQuoted(id),
        images.join(", ")
    )]
    AmbiguousImageId {
        /// The requested ID.
        id: String,
        /// The matching image names, sorted.
        images: Vec<String>,
    },
    /// Following spec tags came back to a tag already visited.
    #[error("reference tag is circular")]
    CircularReference {
        /// The tag visited twice.
        tag: String,
    },
    /// A followed spec tag does not exist.
    #[error("reference tag is not found")]
    ReferenceNotFound {
        /// The missing tag.
        tag: String,
    },
    /// A followed spec tag names another image stream.
    #[error("reference tag points to another imagestream")]
    CrossStreamReference {
        /// The tag whose `from` leaves the stream.
        tag: String,
    },
    /// A followed spec tag's `from.name` is malformed. Upstream's lenient split accepts every
    /// name containing `:`, so current inputs never produce it; kept for the upstream text.
    #[error("reference tag is invalid")]
    InvalidReference {
        /// The tag with the malformed `from.name`.
        tag: String,
    },
    /// `oc tag`'s tag-name check failed.
    #[error(
        "invalid tag {} format, tags must start with an alphanumeric character followed by alphanumeric, '.' or '-' characters, and have a maximum of 128 characters",
        GoQuoted(tag)
    )]
    InvalidTag {
        /// The rejected tag.
        tag: String,
    },
    /// `oc tag` failed: its flags, usage checks, source or destinations (the exact upstream
    /// texts; see [`crate::imagestream::oc_tag::OcTagError`]).
    #[error(transparent)]
    OcTag(#[from] crate::imagestream::oc_tag::OcTagError),
    /// The API server rejected an object (Kubernetes `Invalid`, 422): `<kind> "<name>" is
    /// invalid: <causes>`, the field errors aggregated as the apiserver prints them (identical
    /// messages once; several in `[…]`).
    #[error("{}", crate::imagestream::server::invalid_message(kind, name, causes))]
    Invalid {
        /// The qualified kind, e.g. `ImageStream.image.openshift.io`.
        kind: String,
        /// The object's name.
        name: String,
        /// The field errors, in order of detection.
        causes: Vec<crate::imagestream::server::FieldError>,
    },
    /// An object does not exist (Kubernetes `NotFound`, 404).
    #[error("{resource} {} not found", GoQuoted(name))]
    NotFound {
        /// The qualified resource, e.g. `imagestreams.image.openshift.io`.
        resource: String,
        /// The requested name.
        name: String,
    },
    /// An object to create exists already (Kubernetes `AlreadyExists`, 409).
    #[error("{resource} {} already exists", GoQuoted(name))]
    AlreadyExists {
        /// The qualified resource, e.g. `imagestreamtag.image.openshift.io`.
        resource: String,
        /// The object's name.
        name: String,
    },
    /// A write lost a race or carried a stale resource version (Kubernetes `Conflict`, 409).
    #[error(
        "Operation cannot be fulfilled on {resource} {}: {message}",
        GoQuoted(name)
    )]
    Conflict {
        /// The qualified resource, e.g. `imagestreamtags.image.openshift.io`.
        resource: String,
        /// The object's name.
        name: String,
        /// Why.
        message: String,
    },
    /// A malformed request (Kubernetes `BadRequest`, 400).
    #[error("{message}")]
    BadRequest {
        /// The server's message.
        message: String,
    },
    /// A server error without a Kubernetes status (500), e.g. an ImageStreamTag name without
    /// `:` on POST.
    #[error("{message}")]
    Internal {
        /// The server's message.
        message: String,
    },
    /// The image-policy admission resolver refused or could not resolve a reference (its
    /// text, e.g. `(<ref>) could not be resolved to an exact image reference`).
    #[error("{message}")]
    ImagePolicy {
        /// The reference (or resolved pull spec) concerned.
        reference: String,
        /// The resolver's message.
        message: String,
    },
    /// A pull spec does not parse (the parser's text alone, as upstream prints it).
    #[error("{source}")]
    InvalidPullSpec {
        /// The pull spec.
        pull_spec: String,
        /// The parser's error.
        source: ReferenceError,
    },
    /// A workload has no pod template the trigger logic knows (library-go `referencemutator`).
    #[error("no list of images available for this object")]
    NoPodSpec {
        /// The object's `kind`.
        kind: String,
    },
    /// A trigger's `fieldPath` does not name a container field: `1 field path is not valid: …`
    /// (`stage` 1: outside the pod spec), `2 …` (no container selector), or without a number
    /// from the update itself (not `…].image`).
    #[error(
        "{}field path is not valid: {field_path}",
        stage.map(|stage| format!("{stage} ")).unwrap_or_default()
    )]
    InvalidFieldPath {
        /// Which check failed (`Some(1)`, `Some(2)` or `None`).
        stage: Option<u8>,
        /// The field path.
        field_path: String,
    },
    /// No container matches a trigger's selector (the selector, or the whole field path when
    /// the update reports it).
    #[error("no such container: {selector}")]
    NoSuchContainer {
        /// The selector or field path, as upstream prints it.
        selector: String,
    },
    /// Two triggers of a workload have the same `fieldPath`.
    #[error("duplicate triggers are not allowed")]
    DuplicateTriggers {
        /// The repeated field path.
        field_path: String,
    },
    /// A JSON document (trigger annotation, manifest list) does not decode; the decoder's
    /// text (upstream prints Go's, which differs).
    #[error("{message}")]
    InvalidJson {
        /// What was decoded, e.g. `manifest list`.
        document: String,
        /// The decoder's message.
        message: String,
    },
    /// A manifest list without entries cannot be imported in `Legacy` mode.
    #[error("no manifests in manifest list")]
    EmptyManifestList,
    /// The digest the registry announced for a manifest list is not the digest of its bytes.
    #[error(
        "content integrity error: the manifest retrieved (media type: {media_type}) with digest {announced} does not match the digest calculated from the content {computed}"
    )]
    ManifestDigestMismatch {
        /// The list's media type.
        media_type: String,
        /// The announced digest.
        announced: String,
        /// `sha256:` + the SHA-256 of the bytes.
        computed: String,
    },
    /// A time member (`created`, `creationTimestamp`, `lastTransitionTime`) that is not
    /// RFC 3339 (the API would not decode the object).
    #[error("{field}: invalid time {}: expected RFC 3339", GoQuoted(value))]
    InvalidTime {
        /// Which member, e.g. `tag event created`.
        field: String,
        /// The rejected value.
        value: String,
    },
    /// A Go duration (`time.ParseDuration`) that does not parse; given as a flag, the text is
    /// pflag's `invalid argument "<v>" for "<flag>" flag: <message>`.
    #[error("{}", match flag {
        Some(flag) => format!("invalid argument {} for {} flag: {message}", GoQuoted(value), GoQuoted(flag)),
        None => message.clone(),
    })]
    InvalidDuration {
        /// The flag the value was given to, if any.
        flag: Option<String>,
        /// The rejected value.
        value: String,
        /// Go's text, e.g. `time: unknown unit "d" in duration "3d"`.
        message: String,
    },
    /// `oc adm prune images` options that `PruneImagesOptions.Validate` rejects.
    #[error("{message}")]
    InvalidPruneOptions {
        /// Upstream's text, e.g. `--keep-tag-revisions must be greater than or equal to 0`.
        message: String,
    },
    /// A workload's image reference that does not parse (the pruner's `ErrBadReference`).
    #[error(
        "{referrer}: invalid {target_kind} reference {}: {source}",
        GoQuoted(reference)
    )]
    BadReference {
        /// The referring object, e.g. `pod/p1 namespace=proj: container c`.
        referrer: String,
        /// `image`, `ImageStreamTag` or `ImageStreamImage`.
        target_kind: String,
        /// The rejected reference.
        reference: String,
        /// The parse error (boxed: keeps the error type small).
        source: Box<ReferenceError>,
    },
    /// An Image whose `dockerImageMetadata` does not decode.
    #[error("failed to read image metadata for {image}: {message}")]
    ImageMetadata {
        /// The Image name.
        image: String,
        /// The decoder's message.
        message: String,
    },
    /// A Kubernetes quantity (a LimitRange's `max.storage`) that does not parse.
    #[error("{message}")]
    InvalidQuantity {
        /// The rejected quantity.
        value: String,
        /// apimachinery's text, e.g. `unable to parse quantity's suffix`.
        message: String,
    },
    /// Several errors at once, as Kubernetes aggregates them: `[<a>, <b>]`, duplicates
    /// dropped.
    #[error("{}", crate::imagestream::prune::aggregate_text(errors))]
    Aggregate {
        /// The errors, in order.
        errors: Vec<ImageStreamError>,
    },
}

impl ImageStreamError {
    /// The stable kind string of this error (see the table on [`ImageStreamError`]).
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::NoRepository => "imagestream.no_repository",
            Self::PullSpecPending { .. } => "imagestream.pull_spec_pending",
            Self::ImageNotFound { .. } => "imagestream.image_not_found",
            Self::AmbiguousImageId { .. } => "imagestream.ambiguous_image_id",
            Self::CircularReference { .. } => "imagestream.circular_reference",
            Self::ReferenceNotFound { .. } => "imagestream.reference_not_found",
            Self::CrossStreamReference { .. } => "imagestream.cross_stream_reference",
            Self::InvalidReference { .. } => "imagestream.invalid_reference",
            Self::InvalidTag { .. } => "imagestream.invalid_tag",
            Self::OcTag(e) => e.kind(),
            Self::Invalid { .. } => "imagestream.invalid",
            Self::NotFound { .. } => "imagestream.not_found",
            Self::AlreadyExists { .. } => "imagestream.already_exists",
            Self::Conflict { .. } => "imagestream.conflict",
            Self::BadRequest { .. } => "imagestream.bad_request",
            Self::Internal { .. } => "imagestream.internal",
            Self::ImagePolicy { .. } => "imagestream.image_policy",
            Self::InvalidPullSpec { .. } => "imagestream.invalid_pull_spec",
            Self::NoPodSpec { .. } => "imagestream.no_pod_spec",
            Self::InvalidFieldPath { .. } => "imagestream.invalid_field_path",
            Self::NoSuchContainer { .. } => "imagestream.no_such_container",
            Self::DuplicateTriggers { .. } => "imagestream.duplicate_triggers",
            Self::InvalidJson { .. } => "imagestream.invalid_json",
            Self::EmptyManifestList => "imagestream.empty_manifest_list",
            Self::ManifestDigestMismatch { .. } => "imagestream.manifest_digest_mismatch",
            Self::InvalidTime { .. } => "imagestream.invalid_time",
            Self::InvalidDuration { .. } => "imagestream.invalid_duration",
            Self::InvalidPruneOptions { .. } => "imagestream.invalid_prune_options",
            Self::BadReference { .. } => "imagestream.bad_reference",
            Self::ImageMetadata { .. } => "imagestream.image_metadata",
            Self::InvalidQuantity { .. } => "imagestream.invalid_quantity",
            Self::Aggregate { .. } => "imagestream.aggregate",
        }
    }
}

/// Shorthand for results of the `imagestream` area.
pub type ImageStreamResult<T> = Result<T, ImageStreamError>;

/// Errors of the `template` area: template decoding and processing, the expression generator,
/// `oc process`.
///
/// | kind | `Display` |
/// |---|---|
/// | `template.unmarshal_type` | `json: cannot unmarshal <JSON type> into Go struct field <Struct>.<path> of type <Go type>` (or `into Go value of type <Go type>`) |
/// | `template.unsupported_value` | `json: unsupported value: +Inf` / `-Inf` / `NaN` |
/// | `template.syntax` | the JSON or YAML parser's message for malformed input |
/// | `template.limit` | the input exceeds a processing bound (nesting depth, YAML alias expansion, size) |
/// | `template.unknown_parameter` | `unknown parameter name "<name>"` |
/// | `template.invalid` | field errors aggregated like apimachinery: one → its text, several → `[<a>, <b>]` |
/// | `template.malformed_expression` | `malformed expresion syntax: [<body>]` (sic, upstream's spelling) |
/// | `template.invalid_range` | `invalid range specified: <F>-<T>` |
/// | `template.count_out_of_range` | `range must be within [1-255] characters (<n>)` |
/// | `template.empty_character_set` | `character class [<body>] of <construct> selects no characters (…)` (upstream panics) |
/// | `template.entropy` | `no entropy source for the expression generator: <reason>` |
/// | `template.param_file_line` | `Can't separate key from value` (a `--param-file` line with neither `=` nor `:`) |
/// | `template.label_spec` | `unexpected label spec: <item>` / `no label spec passed` |
/// | `template.label_empty_key` | `unexpected empty label key` |
/// | `template.oc_flag` | `Error: <pflag message>` + `\nSee 'oc process --help' for usage.` |
/// | `template.oc_usage` | `error: <message>` + `\nSee 'oc process -h' for help and examples` |
/// | `template.oc_failed` | what `oc process` prints on standard error (`error: …`, or several `unknown parameter name` lines) |
/// | `template.oc_invalid` | `The Template "<name>" is invalid: <field error>` (several: one `\n* <field error>` each) |
/// | `template.oc_server` | the connection failure of a step that needs the cluster (stored templates, non-`--local` runs) |
/// | `template.oc_panic` | `upstream oc panics here: <Go runtime error>` |
/// | `template.oc_unsupported` | `error: <feature> is not supported by this library` (`-o go-template`, `-o describe`, `--help`, URLs) |
/// | `template.oc_jsonpath` | the JSONPath parser's or executor's message (`unclosed action`, `array index out of bounds: …`) |
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TemplateError {
    /// A JSON value of the wrong type for a Go field (Go `encoding/json`'s `UnmarshalTypeError`).
    #[error("json: cannot unmarshal {json_type} into Go {} of type {go_type}", target.as_deref().map_or_else(|| "value".to_owned(), |t| format!("struct field {t}")))]
    UnmarshalType {
        /// The JSON type found: `string`, `number`, `bool`, `array`, `object`.
        json_type: String,
        /// `<Struct>.<json.path>` of the field (`Parameter.parameters.value`); `None` for a
        /// top-level value.
        target: Option<String>,
        /// The Go type expected (`string`, `bool`, `[]v1.Parameter`, ...).
        go_type: String,
    },
    /// A YAML float that JSON cannot represent.
    #[error("json: unsupported value: {value}")]
    UnsupportedValue {
        /// `+Inf`, `-Inf` or `NaN`.
        value: String,
    },
    /// Malformed JSON or YAML text.
    #[error("{message}")]
    Syntax {
        /// The parser's message.
        message: String,
    },
    /// The input exceeds a processing bound.
    #[error("{message}")]
    Limit {
        /// Which bound, and the limit.
        message: String,
    },
    /// A caller value names no template parameter.
    #[error("unknown parameter name {}", GoQuoted(name))]
    UnknownParameter {
        /// The caller's parameter name.
        name: String,
    },
    /// Field errors (parameter generation, required parameters, undecodable objects,
    /// parameter-name validation).
    #[error("{}", crate::template::FieldError::aggregate(errors))]
    Invalid {
        /// The errors, in upstream's order.
        errors: Vec<crate::template::FieldError>,
    },
    /// An expression generator construct whose class fits neither accepted shape (it must start
    /// with `\w`, `\d`, `\a` or `\A`, or end with a range such as `a-z`).
    #[error("malformed expresion syntax: [{body}]")]
    MalformedExpression {
        /// The class body between the brackets (`ABC` for `[ABC]{3}`).
        body: String,
    },
    /// An expression generator range whose start comes after its end in the generator's
    /// character order (`a`–`z`, `A`–`Z`, `0`–`9`, symbols).
    #[error("invalid range specified: {from}-{to}")]
    InvalidRange {
        /// The first character of the range token.
        from: char,
        /// The last character of the range token.
        to: char,
    },
    /// An expression generator count outside 1..=255 (decimal; saturates at `i64::MAX`).
    #[error("range must be within [1-255] characters ({count})")]
    CountOutOfRange {
        /// The count as upstream reads it.
        count: i64,
    },
    /// An expression generator class that selects no characters (`[a-a]{3}` with end-exclusive
    /// ranges), where upstream panics.
    #[error(
        "character class [{body}] of {construct} selects no characters (Go-compatible ranges exclude their end)"
    )]
    EmptyCharacterSet {
        /// The class body between the brackets.
        body: String,
        /// The whole construct (`[a-a]{3}`).
        construct: String,
    },
    /// The operating system's random source is unavailable.
    #[error("no entropy source for the expression generator: {message}")]
    Entropy {
        /// Why.
        message: String,
    },
    /// A `--param-file` line that is neither `KEY=VALUE` nor `KEY: VALUE`.
    #[error("Can't separate key from value")]
    ParamFileLine {
        /// The line (comments removed).
        line: String,
    },
    /// An `oc process -l` item without exactly one `=` (or an empty spec).
    #[error("{message}")]
    LabelSpec {
        /// The item.
        spec: String,
        /// `unexpected label spec: <item>` or `no label spec passed`.
        message: String,
    },
    /// An `oc process -l` item with an empty key (`=v`).
    #[error("unexpected empty label key")]
    LabelEmptyKey {
        /// The item.
        spec: String,
    },
    /// `oc process` rejected its flags (pflag's message; cobra's prefix and hint).
    #[error("Error: {message}\nSee 'oc process --help' for usage.")]
    OcFlag {
        /// pflag's message (`unknown flag: --x`).
        message: String,
    },
    /// A usage error of `oc process` (`Must pass a filename or name of stored template`).
    #[error("error: {message}\nSee 'oc process -h' for help and examples")]
    OcUsage {
        /// The message before the usage hint.
        message: String,
    },
    /// An `oc process` failure: `message` is exactly what `oc` prints on standard error,
    /// without the final newline (`error: unknown parameter name "X"`).
    #[error("{message}")]
    OcFailed {
        /// The printed text.
        message: String,
    },
    /// Processing errors as `oc process --local` prints them (bad values in Go `%#v`).
    #[error("{}", crate::template::oc_process::invalid_text(name, errors))]
    OcInvalid {
        /// The template's `metadata.name`.
        name: String,
        /// Each distinct `<field>: <error body>`, in order.
        errors: Vec<String>,
    },
    /// A step that needs the cluster (stored templates, runs without `--local`); this library
    /// has none.
    #[error("{message}")]
    OcServer {
        /// What `oc` would report for the unreachable cluster.
        message: String,
    },
    /// Input on which upstream `oc` crashes (e.g. a file without any object).
    #[error("upstream oc panics here: {message}")]
    OcPanic {
        /// Go's runtime error.
        message: String,
    },
    /// An `oc process` feature outside this library (`-o go-template`, `-o describe`, …).
    #[error("error: {feature} is not supported by this library")]
    OcUnsupported {
        /// The feature.
        feature: String,
    },
    /// A JSONPath template that does not parse or cannot run on the output.
    #[error("{message}")]
    OcJsonPath {
        /// client-go's message.
        message: String,
    },
}

impl TemplateError {
    /// The stable kind string of this error (see the table on [`TemplateError`]).
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::UnmarshalType { .. } => "template.unmarshal_type",
            Self::UnsupportedValue { .. } => "template.unsupported_value",
            Self::Syntax { .. } => "template.syntax",
            Self::Limit { .. } => "template.limit",
            Self::UnknownParameter { .. } => "template.unknown_parameter",
            Self::Invalid { .. } => "template.invalid",
            Self::MalformedExpression { .. } => "template.malformed_expression",
            Self::InvalidRange { .. } => "template.invalid_range",
            Self::CountOutOfRange { .. } => "template.count_out_of_range",
            Self::EmptyCharacterSet { .. } => "template.empty_character_set",
            Self::Entropy { .. } => "template.entropy",
            Self::ParamFileLine { .. } => "template.param_file_line",
            Self::LabelSpec { .. } => "template.label_spec",
            Self::LabelEmptyKey { .. } => "template.label_empty_key",
            Self::OcFlag { .. } => "template.oc_flag",
            Self::OcUsage { .. } => "template.oc_usage",
            Self::OcFailed { .. } => "template.oc_failed",
            Self::OcInvalid { .. } => "template.oc_invalid",
            Self::OcServer { .. } => "template.oc_server",
            Self::OcPanic { .. } => "template.oc_panic",
            Self::OcUnsupported { .. } => "template.oc_unsupported",
            Self::OcJsonPath { .. } => "template.oc_jsonpath",
        }
    }
}

/// Shorthand for results of the `template` area.
pub type TemplateResult<T> = Result<T, TemplateError>;
