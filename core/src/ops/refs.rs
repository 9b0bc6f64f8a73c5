//! The `refs` area as flat operations (see `../shared/conformance/refs/OPS.md`).

use serde::{Deserialize, Serialize};

use crate::error::ReferenceResult;
use crate::reference::{
    self, AllowedRegistry, AnyReference, Digest, DockerImageReference, HostPort, ImageName,
    ImageStreamImageName, ImageStreamTagName, PolicyScopes, Production, Reference,
    RegistriesConfScopes, RegistryWhitelister, WhitelistTransport,
};

/// A Docker reference in the legacy grammar's result shape: [`Reference`]'s object without
/// `familiar_name` and `familiar_string`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyReference(pub Reference);

impl Serialize for LegacyReference {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let r = &self.0;
        let mut state = serializer.serialize_struct("LegacyReference", 7)?;
        state.serialize_field("kind", r.kind().as_str())?;
        state.serialize_field("name", r.name())?;
        state.serialize_field("domain", r.domain())?;
        state.serialize_field("path", r.path())?;
        state.serialize_field("tag", &r.tag())?;
        state.serialize_field("digest", &r.digest())?;
        state.serialize_field("string", r.as_str())?;
        state.end()
    }
}

/// A boolean answer `{"matched": bool}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matched {
    /// Whether the value matched.
    pub matched: bool,
}

/// A boolean answer `{"equal": bool}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Equal {
    /// Whether the two references are equal.
    pub equal: bool,
}

/// A boolean answer `{"valid": bool}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Valid {
    /// Whether the value is valid.
    pub valid: bool,
}

/// A boolean answer `{"nested": bool}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nested {
    /// Whether the first scope is nested inside the second.
    pub nested: bool,
}

/// A boolean answer `{"admitted": bool}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Admitted {
    /// Always `true`: a refusal is an error.
    pub admitted: bool,
}

/// A digest's parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestParts {
    /// The algorithm, e.g. `sha256`.
    pub algorithm: String,
    /// The encoded (hex) part.
    pub encoded: String,
    /// The whole digest.
    pub string: String,
}

impl From<&Digest> for DigestParts {
    fn from(d: &Digest) -> Self {
        Self {
            algorithm: d.algorithm().to_owned(),
            encoded: d.encoded().to_owned(),
            string: d.as_str().to_owned(),
        }
    }
}

/// Whether an input matches a grammar production, and its capture groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductionMatch {
    /// Whether the whole input matched.
    pub matched: bool,
    /// The capture groups (`None` for a group that took no part); `None` without a match.
    pub groups: Option<Vec<Option<String>>>,
}

/// A parsed OpenShift reference and the output of every method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenShiftReferenceReport {
    /// The parsed reference.
    pub reference: DockerImageReference,
    /// `name_string()`.
    pub name_string: String,
    /// `exact()`.
    pub exact: String,
    /// `to_string()` (Go `String()`).
    pub string: String,
    /// `repository_name()`.
    pub repository_name: String,
    /// `docker_client_defaults()`.
    pub docker_client_defaults: DockerImageReference,
    /// `minimal()`.
    pub minimal: DockerImageReference,
    /// `as_repository()`.
    pub as_repository: DockerImageReference,
    /// `as_v2()`.
    pub as_v2: DockerImageReference,
    /// `daemon_minimal()`.
    pub daemon_minimal: DockerImageReference,
    /// `most_specific()`.
    pub most_specific: DockerImageReference,
    /// `registry_host_port(false)`.
    pub registry_host_port_secure: HostPort,
    /// `registry_host_port(true)`.
    pub registry_host_port_insecure: HostPort,
    /// `registry_url()`.
    pub registry_url: String,
    /// `is_registry_docker_hub(registry)`.
    pub is_registry_docker_hub: bool,
}

/// A lenient split of `name:tag`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitTag {
    /// The stream name.
    pub name: String,
    /// The tag (`latest` when empty).
    pub tag: String,
    /// Whether a `:` was present.
    pub ok: bool,
}

/// A lenient split of `name@id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitImage {
    /// The stream name.
    pub name: String,
    /// The image ID.
    pub id: String,
    /// Whether an `@` was present.
    pub ok: bool,
}

/// The image a short ID resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedImage {
    /// The single matching image.
    pub image: String,
}

/// Validation reasons, empty when valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationErrors {
    /// Every reason, in upstream order.
    pub errors: Vec<String>,
}

/// The defaulted `imagePullPolicy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyDefault {
    /// The policy.
    pub policy: reference::PullPolicy,
}

/// Whether a value matches the IDMS/ITMS source and mirror patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MirrorSourcePattern {
    /// Matches the source pattern.
    pub source: bool,
    /// Matches the mirror pattern.
    pub mirror: bool,
}

/// `refs.parse`: [`Reference::parse`].
///
/// # Errors
/// The parse error.
pub fn parse(reference: &str) -> ReferenceResult<Reference> {
    Reference::parse(reference)
}

/// `refs.parse_normalized_named`: [`Reference::parse_normalized`].
///
/// # Errors
/// The parse error.
pub fn parse_normalized_named(reference: &str) -> ReferenceResult<Reference> {
    Reference::parse_normalized(reference)
}

/// `refs.parse_named`: [`Reference::parse_named`].
///
/// # Errors
/// The parse error.
pub fn parse_named(reference: &str) -> ReferenceResult<Reference> {
    Reference::parse_named(reference)
}

/// `refs.parse_any_reference`: [`AnyReference::parse`].
///
/// # Errors
/// The parse error.
pub fn parse_any_reference(reference: &str) -> ReferenceResult<AnyReference> {
    AnyReference::parse(reference)
}

/// `refs.parse_docker_ref`: [`Reference::parse_docker_ref`].
///
/// # Errors
/// The parse error.
pub fn parse_docker_ref(reference: &str) -> ReferenceResult<Reference> {
    Reference::parse_docker_ref(reference)
}

/// `refs.trim_named`: the normalized name without tag and digest.
///
/// # Errors
/// The parse error.
pub fn trim_named(reference: &str) -> ReferenceResult<Reference> {
    Ok(Reference::parse_normalized(reference)?.trim_named())
}

/// `refs.tag_name_only`: the normalized reference, `latest` added to a name alone.
///
/// # Errors
/// The parse error.
pub fn tag_name_only(reference: &str) -> ReferenceResult<Reference> {
    Ok(Reference::parse_normalized(reference)?.with_default_tag())
}

/// `refs.sort`: [`reference::sort_references`].
#[must_use]
pub fn sort(references: &[String]) -> Vec<String> {
    reference::sort_references(references)
}

/// `refs.with_name`: [`Reference::with_name`].
///
/// # Errors
/// `InvalidFormat` or `NameTooLong`.
pub fn with_name(name: &str) -> ReferenceResult<Reference> {
    Reference::with_name(name)
}

/// `refs.with_tag`: `name`, then `digest` when given, then `tag`.
///
/// # Errors
/// The first failing step's error.
pub fn with_tag(name: &str, tag: &str, digest: Option<&str>) -> ReferenceResult<Reference> {
    let mut r = Reference::with_name(name)?;
    if let Some(digest) = digest {
        r = r.with_digest(digest)?;
    }
    r.with_tag(tag)
}

/// `refs.with_digest`: `name`, then `tag` when given, then `digest`.
///
/// # Errors
/// The first failing step's error.
pub fn with_digest(name: &str, digest: &str, tag: Option<&str>) -> ReferenceResult<Reference> {
    let mut r = Reference::with_name(name)?;
    if let Some(tag) = tag {
        r = r.with_tag(tag)?;
    }
    r.with_digest(digest)
}

/// `refs.familiar_match`: `reference` parsed with [`AnyReference::parse`], then
/// [`reference::familiar_match`].
///
/// # Errors
/// The parse error, or `PatternSyntax`.
pub fn familiar_match(reference: &str, pattern: &str) -> ReferenceResult<Matched> {
    let r = AnyReference::parse(reference)?;
    Ok(Matched {
        matched: reference::familiar_match(pattern, &r)?,
    })
}

/// `refs.digest_parse`: [`Digest::parse`].
///
/// # Errors
/// The digest error.
pub fn digest_parse(digest: &str) -> ReferenceResult<DigestParts> {
    Ok(DigestParts::from(&Digest::parse(digest)?))
}

/// `refs.regexp`: [`reference::match_production`] with the production named
/// `domain`, `name`, `reference`, `identifier`, `tag` or `digest`.
///
/// # Errors
/// `UnknownProduction` for another name.
pub fn regexp(production: &str, input: &str) -> ReferenceResult<ProductionMatch> {
    let p: Production = production.parse()?;
    let groups = reference::match_production(p, input);
    Ok(ProductionMatch {
        matched: groups.is_some(),
        groups,
    })
}

/// `refs.legacy_parse`: [`Reference::parse_legacy`].
///
/// # Errors
/// The parse error.
pub fn legacy_parse(reference: &str) -> ReferenceResult<LegacyReference> {
    Reference::parse_legacy(reference).map(LegacyReference)
}

/// `refs.legacy_parse_normalized_named`: [`Reference::parse_normalized_legacy`].
///
/// # Errors
/// The parse error.
pub fn legacy_parse_normalized_named(reference: &str) -> ReferenceResult<LegacyReference> {
    Reference::parse_normalized_legacy(reference).map(LegacyReference)
}

/// `refs.openshift_parse`: [`DockerImageReference::parse`] and every method's output.
///
/// # Errors
/// The parse error.
pub fn openshift_parse(reference: &str) -> ReferenceResult<OpenShiftReferenceReport> {
    let r = DockerImageReference::parse(reference)?;
    Ok(OpenShiftReferenceReport {
        name_string: r.name_string(),
        exact: r.exact(),
        string: r.to_string(),
        repository_name: r.repository_name(),
        docker_client_defaults: r.docker_client_defaults(),
        minimal: r.minimal(),
        as_repository: r.as_repository(),
        as_v2: r.as_v2(),
        daemon_minimal: r.daemon_minimal(),
        most_specific: r.most_specific(),
        registry_host_port_secure: r.registry_host_port(false),
        registry_host_port_insecure: r.registry_host_port(true),
        registry_url: r.registry_url(),
        is_registry_docker_hub: reference::is_registry_docker_hub(&r.registry),
        reference: r,
    })
}

/// `refs.openshift_equal`: both parsed with [`DockerImageReference::parse`], then
/// [`DockerImageReference::equal`].
///
/// # Errors
/// A parse error.
pub fn openshift_equal(a: &str, b: &str) -> ReferenceResult<Equal> {
    let (a, b) = (
        DockerImageReference::parse(a)?,
        DockerImageReference::parse(b)?,
    );
    Ok(Equal { equal: a.equal(&b) })
}

/// `refs.openshift_digest_parse`: [`Digest::parse_lenient`].
///
/// # Errors
/// The digest error.
pub fn openshift_digest_parse(digest: &str) -> ReferenceResult<DigestParts> {
    Ok(DigestParts::from(&Digest::parse_lenient(digest)?))
}

/// `refs.parse_image_stream_tag_name`.
///
/// # Errors
/// The upstream name errors.
pub fn parse_image_stream_tag_name(name: &str) -> ReferenceResult<ImageStreamTagName> {
    reference::parse_image_stream_tag_name(name)
}

/// `refs.parse_image_stream_image_name`.
///
/// # Errors
/// The upstream name errors.
pub fn parse_image_stream_image_name(name: &str) -> ReferenceResult<ImageStreamImageName> {
    reference::parse_image_stream_image_name(name)
}

/// `refs.split_image_stream_tag`.
#[must_use]
pub fn split_image_stream_tag(name: &str) -> SplitTag {
    let (parts, ok) = reference::split_image_stream_tag(name);
    SplitTag {
        name: parts.name,
        tag: parts.tag,
        ok,
    }
}

/// `refs.split_image_stream_image`.
#[must_use]
pub fn split_image_stream_image(name: &str) -> SplitImage {
    let (parts, ok) = reference::split_image_stream_image(name);
    SplitImage {
        name: parts.name,
        id: parts.id,
        ok,
    }
}

/// `refs.join_image_stream_tag`.
#[must_use]
pub fn join_image_stream_tag(name: &str, tag: &str) -> String {
    reference::join_image_stream_tag(name, tag)
}

/// `refs.join_image_stream_image`.
#[must_use]
pub fn join_image_stream_image(name: &str, id: &str) -> String {
    reference::join_image_stream_image(name, id)
}

/// `refs.digest_or_image_match`.
#[must_use]
pub fn digest_or_image_match(image: &str, id: &str) -> Matched {
    Matched {
        matched: reference::digest_or_image_match(image, id),
    }
}

/// `refs.short_docker_image_id`. `length` is a `u64` so that every platform accepts the same
/// values (a length beyond the address space keeps the whole ID).
#[must_use]
pub fn short_docker_image_id(id: &str, length: u64) -> String {
    reference::short_docker_image_id(id, usize::try_from(length).unwrap_or(usize::MAX))
}

/// `refs.resolve_image_id`.
///
/// # Errors
/// `ImageNotFound` or `AmbiguousImageId`.
pub fn resolve_image_id(images: &[String], id: &str) -> ReferenceResult<ResolvedImage> {
    Ok(ResolvedImage {
        image: reference::resolve_image_id(images, id)?.to_owned(),
    })
}

/// `refs.validate_image_stream_name`.
#[must_use]
pub fn validate_image_stream_name(name: &str) -> ValidationErrors {
    ValidationErrors {
        errors: reference::validate_image_stream_name(name),
    }
}

/// `refs.validate_image_stream`; an absent `docker_image_repository` is `""`.
#[must_use]
pub fn validate_image_stream(
    namespace: &str,
    name: &str,
    docker_image_repository: Option<&str>,
) -> ValidationErrors {
    ValidationErrors {
        errors: reference::validate_image_stream(
            namespace,
            name,
            docker_image_repository.unwrap_or_default(),
        ),
    }
}

/// `refs.image_pull_policy_default`.
#[must_use]
pub fn image_pull_policy_default(image: &str) -> PolicyDefault {
    PolicyDefault {
        policy: reference::default_pull_policy(image),
    }
}

/// `refs.parse_image_name`.
///
/// # Errors
/// `ImageName` wrapping the parse error.
pub fn parse_image_name(image: &str) -> ReferenceResult<ImageName> {
    reference::parse_image_name(image)
}

/// `refs.is_valid_registries_conf_scope`.
#[must_use]
pub fn is_valid_registries_conf_scope(scope: &str) -> Valid {
    Valid {
        valid: reference::is_valid_registries_conf_scope(scope),
    }
}

/// `refs.scope_is_nested_inside_scope` (`super` is the enclosing scope).
#[must_use]
pub fn scope_is_nested_inside_scope(sub: &str, super_scope: &str) -> Nested {
    Nested {
        nested: reference::scope_is_nested_inside_scope(sub, super_scope),
    }
}

/// `refs.ref_matching_prefix`: the match length in bytes, `None` for no match.
#[must_use]
pub fn ref_matching_prefix(reference: &str, prefix: &str) -> Option<usize> {
    reference::ref_matching_prefix(reference, prefix)
}

/// `refs.mirror_source_pattern`.
#[must_use]
pub fn mirror_source_pattern(value: &str) -> MirrorSourcePattern {
    MirrorSourcePattern {
        source: reference::is_valid_mirror_source(value),
        mirror: reference::is_valid_mirror(value),
    }
}

/// `refs.validate_registries_conf_scopes`: `{"valid": true}` or the first error.
///
/// # Errors
/// The first invalid scope or mirror set.
pub fn validate_registries_conf_scopes(scopes: &RegistriesConfScopes) -> ReferenceResult<Valid> {
    reference::validate_registries_conf_scopes(scopes)?;
    Ok(Valid { valid: true })
}

/// `refs.policy_namespaces`: [`reference::policy_identity_and_namespaces`].
///
/// # Errors
/// The transport's errors.
pub fn policy_namespaces(reference: &str) -> ReferenceResult<PolicyScopes> {
    reference::policy_identity_and_namespaces(reference)
}

/// One `whitelist_registry` call of [`import_whitelist`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhitelistRegistryCall {
    /// `host[:port]` glob.
    pub host_port_glob: String,
    /// The transport.
    pub transport: WhitelistTransport,
}

/// What [`import_whitelist`] admits: exactly one of a pull spec, a hostname or a reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhitelistSubject<'a> {
    /// `AdmitPullSpec`.
    PullSpec(&'a str),
    /// `AdmitHostname`.
    Hostname(&'a str),
    /// `AdmitDockerImageReference`.
    Reference(&'a DockerImageReference),
}

/// `refs.import_whitelist`: builds a whitelister from `allowed`, applies the
/// `whitelist_registry` calls and `repositories`, sets the internal registry hostname, then
/// admits the subject with `transport`.
///
/// # Errors
/// A construction, repository or admission error.
pub fn import_whitelist(
    allowed: &[AllowedRegistry],
    whitelist_registry: &[WhitelistRegistryCall],
    repositories: &[String],
    internal_registry_hostname: Option<&str>,
    transport: WhitelistTransport,
    subject: &WhitelistSubject<'_>,
) -> ReferenceResult<Admitted> {
    let mut w = RegistryWhitelister::new(allowed)?;
    for call in whitelist_registry {
        w.whitelist_registry(&call.host_port_glob, call.transport)?;
    }
    for repository in repositories {
        w.whitelist_repository(repository)?;
    }
    w.set_internal_registry_hostname(internal_registry_hostname.map(str::to_owned));
    match subject {
        WhitelistSubject::PullSpec(s) => w.admit_pull_spec(s, transport)?,
        WhitelistSubject::Hostname(h) => w.admit_hostname(h, transport)?,
        WhitelistSubject::Reference(r) => w.admit_reference(r, transport)?,
    }
    Ok(Admitted { admitted: true })
}

/// `refs.wildcard_match`.
#[must_use]
pub fn wildcard_match(value: &str, pattern: &str) -> Matched {
    Matched {
        matched: reference::is_wildcard_match(value, pattern),
    }
}

/// `refs.canonical_repository`.
///
/// # Errors
/// The parse error.
pub fn canonical_repository(reference: &str) -> ReferenceResult<String> {
    reference::canonical_repository(reference)
}
