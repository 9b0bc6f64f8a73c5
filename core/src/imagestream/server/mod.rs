//! The API server's image stream strategy and REST storage (spec §5, §3.3): spec tags to
//! status, create, update, status update, pushes (ImageStreamMapping) and the ImageStreamTag
//! DELETE / PUT / POST.
//!
//! The functions model openshift-apiserver's write paths over one [`ServerEnvironment`] (the
//! registry host names, the streams the server can fetch, the streams the user may not read,
//! and the server clock). Input streams are v1 objects as a client sends them: the server's
//! v1 defaults are applied first (`referencePolicy.type` `Source`, `importPolicy.importMode`
//! `Legacy`) and tag lists take the server's map form (one entry per name, the last one wins,
//! sorted by name). Results are the stored objects as the server serves them: status
//! repositories recomputed (`<internal host>/<ns>/<name>`, `<external host>/<ns>/<name>`),
//! and the storage round trip applied (empty `items` become `null`, empty maps disappear).
//!
//! Errors are the Kubernetes API errors of upstream, with their exact texts: field errors are
//! data ([`FieldError`]) inside [`ImageStreamError::Invalid`], whose `Display` is the
//! apiserver's aggregation.
//!
//! The aliasing defect of spec §10 is reproduced, as the vectors pin it: recording a
//! same-stream `ImageStreamTag` source gives the source tag's current event the recorded
//! generation; [`ServerEnvironment::fix_alias_defect`] copies the event instead. Map iteration
//! (spec tags, tracking tags, field errors) follows tag-name order.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::model::{ImageStream, ImageStreamStatus, TagReference};
use crate::error::ImageStreamError;
use crate::reference::DockerImageReference;

mod field;
mod istag;
mod push;
mod tags;
#[cfg(test)]
mod tests;
mod validation;

pub(crate) use field::invalid_message;
pub use field::{FieldError, FieldErrorType, FieldValue};
pub use istag::{delete_image_stream_tag, post_image_stream_tag, put_image_stream_tag};
pub use push::{Push, image_stream_mapping};
pub use tags::spec_tags_to_status;

use field::invalid_error;
use tags::{
    TrackingPass, collapse_empty_status_tags, current_event, decorate, is_new_or_changed,
    prepare_input, spec_tag, stored, validate_tags,
};
use validation::{maps_semantically_equal, validate_status_update, validate_stream};

/// The qualified kind of image stream validation errors.
const IMAGE_STREAM_KIND: &str = "ImageStream.image.openshift.io";
/// The kind the strategy's own tag checks report under (no group: upstream builds it by hand).
const IMAGE_STREAMS_INNER_KIND: &str = "imagestreams";
/// The qualified kind of ImageStreamTag validation errors.
const IMAGE_STREAM_TAG_KIND: &str = "ImageStreamTag.image.openshift.io";
/// The qualified kind of ImageStreamMapping validation errors.
const IMAGE_STREAM_MAPPING_KIND: &str = "ImageStreamMapping.image.openshift.io";
/// The qualified resource of image streams (NotFound).
const IMAGE_STREAMS_RESOURCE: &str = "imagestreams.image.openshift.io";
/// The qualified resource of image stream tags (NotFound, Conflict).
const IMAGE_STREAM_TAGS_RESOURCE: &str = "imagestreamtags.image.openshift.io";
/// The singular resource upstream's ImageStreamTag POST names in AlreadyExists.
const IMAGE_STREAM_TAG_RESOURCE: &str = "imagestreamtag.image.openshift.io";
/// The annotation the integrated registry puts on images it stores.
const MANAGED_ANNOTATION: &str = "openshift.io/image.managed";
/// The resource version a stored stream has when its input carries none.
const STORED_RESOURCE_VERSION: &str = "1";
/// The namespace the server gives a stream without one when it computes its repository.
const DEFAULT_NAMESPACE: &str = "default";
/// The detail of a malformed `from.name`.
const FROM_NAME_FORM: &str = "must be of the form <tag>, <repo>:<tag>, <id>, or <repo>@<id>";
/// The spec tag source kinds.
const KIND_DOCKER_IMAGE: &str = "DockerImage";
const KIND_IMAGE_STREAM_TAG: &str = "ImageStreamTag";
const KIND_IMAGE_STREAM_IMAGE: &str = "ImageStreamImage";

// ---------------------------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------------------------

/// What the API server knows besides the object being written: its registry host names, the
/// image streams it can fetch (for tags that follow another stream), the streams the
/// requesting user may not read, and its clock.
///
/// ```
/// use openshift_image::imagestream::server::ServerEnvironment;
/// use openshift_image::ImageStream;
///
/// let python: ImageStream = serde_json::from_value(serde_json::json!({
///     "metadata": {"name": "python", "namespace": "shared"}}))?;
/// let env = ServerEnvironment::new("2024-05-01T12:00:00Z")
///     .with_internal_registry("image-registry.openshift-image-registry.svc:5000")
///     .with_stream(python)
///     .with_denied_stream("shared", "python");
/// assert!(env.stream("shared", "python").is_some());
/// assert!(!env.may_read("shared", "python"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServerEnvironment {
    /// The integrated registry's host (`InternalRegistryHostname`); `None` or `""` = none.
    pub internal_registry: Option<String>,
    /// The registry's public host (`ExternalRegistryHostname`); `None` or `""` = none.
    pub external_registry: Option<String>,
    /// The streams the server can fetch, by `(namespace, name)`.
    pub streams: BTreeMap<(String, String), ImageStream>,
    /// The streams the user may not read (`get imagestreams/layers` denied), as
    /// `(namespace, name)`.
    pub denied_streams: BTreeSet<(String, String)>,
    /// The server clock (RFC 3339) for new events.
    pub now: String,
    /// Copy an `ImageStreamTag` source event instead of aliasing it (spec §10). Upstream
    /// aliases the source tag's current event, so recording it for another tag of the same
    /// stream also overwrites the source item's `generation`; `false` (the default)
    /// reproduces that, as the vectors pin it for the ImageStreamTag PUT.
    pub fix_alias_defect: bool,
}

impl ServerEnvironment {
    /// An environment without registries or other streams, whose clock reads `now`.
    #[must_use]
    pub fn new(now: impl Into<String>) -> Self {
        Self {
            now: now.into(),
            ..Self::default()
        }
    }

    /// Sets the integrated registry's host.
    #[must_use]
    pub fn with_internal_registry(mut self, host: impl Into<String>) -> Self {
        self.internal_registry = Some(host.into());
        self
    }

    /// Sets the registry's public host.
    #[must_use]
    pub fn with_external_registry(mut self, host: impl Into<String>) -> Self {
        self.external_registry = Some(host.into());
        self
    }

    /// Adds a stream the server can fetch (see [`ServerEnvironment::add_stream`]).
    #[must_use]
    pub fn with_stream(mut self, stream: ImageStream) -> Self {
        self.add_stream(stream);
        self
    }

    /// Adds a stream the server can fetch, stored as the server keeps it (v1 defaults, map
    /// form); a stream with the same namespace and name is replaced.
    pub fn add_stream(&mut self, mut stream: ImageStream) {
        prepare_input(&mut stream);
        let key = (stream.namespace().to_owned(), stream.name().to_owned());
        self.streams.insert(key, stream);
    }

    /// Marks a stream as not readable by the user.
    #[must_use]
    pub fn with_denied_stream(
        mut self,
        namespace: impl Into<String>,
        name: impl Into<String>,
    ) -> Self {
        self.denied_streams.insert((namespace.into(), name.into()));
        self
    }

    /// The stream `namespace/name`, if the server has it.
    #[must_use]
    pub fn stream(&self, namespace: &str, name: &str) -> Option<&ImageStream> {
        self.streams.get(&(namespace.to_owned(), name.to_owned()))
    }

    /// Whether the user may read the stream `namespace/name`.
    #[must_use]
    pub fn may_read(&self, namespace: &str, name: &str) -> bool {
        !self
            .denied_streams
            .contains(&(namespace.to_owned(), name.to_owned()))
    }

    fn internal_host(&self) -> Option<&str> {
        self.internal_registry.as_deref().filter(|h| !h.is_empty())
    }

    fn external_host(&self) -> Option<&str> {
        self.external_registry.as_deref().filter(|h| !h.is_empty())
    }

    /// `<internal host>/<ns>/<name>`, or `spec.dockerImageRepository` without an internal
    /// registry (`Strategy.dockerImageRepository`).
    fn docker_image_repository(&self, stream: &ImageStream) -> String {
        match self.internal_host() {
            None => stream.spec.docker_image_repository.clone(),
            Some(host) => repository(host, stream),
        }
    }

    /// `<external host>/<ns>/<name>`, or `""` without an external registry.
    fn public_docker_image_repository(&self, stream: &ImageStream) -> String {
        self.external_host()
            .map(|host| repository(host, stream))
            .unwrap_or_default()
    }

    /// The stream `namespace/name` as a GET returns it: the stored object, decorated.
    fn fetch(&self, namespace: &str, name: &str) -> Option<ImageStream> {
        let mut stream = self.stream(namespace, name)?.clone();
        // `streams` is public: a stream inserted directly may not be in map form yet.
        prepare_input(&mut stream);
        decorate(&mut stream, self);
        Some(stream)
    }
}

fn repository(host: &str, stream: &ImageStream) -> String {
    DockerImageReference {
        registry: host.to_owned(),
        namespace: stream.namespace().to_owned(),
        name: stream.name().to_owned(),
        ..DockerImageReference::default()
    }
    .to_string()
}

// ---------------------------------------------------------------------------------------------
// Create, update, status update (§5.1)
// ---------------------------------------------------------------------------------------------

/// `POST imagestreams`: the stream as stored (spec §5.1).
///
/// The status sent is discarded (repositories computed from `env`), `metadata.generation`
/// and every spec tag's generation become 1, then spec tags are applied to the history
/// (§5.3) and the stream is validated (§5.6).
///
/// # Errors
/// [`ImageStreamError::Invalid`] (`ImageStream.image.openshift.io "<name>" is invalid: …`):
/// the tag-source errors of §5.3 and the access check (one `[]: Internal error` cause), then
/// the validation errors.
///
/// ```
/// use openshift_image::ImageStream;
/// use openshift_image::imagestream::server::{ServerEnvironment, create};
///
/// let stream: ImageStream = serde_json::from_value(serde_json::json!({
///     "metadata": {"name": "ruby", "namespace": "proj"},
///     "spec": {"tags": [{"name": "3.1", "from": {"kind": "DockerImage", "name": "quay.io/ruby:3.1"}}]},
///     "status": {"dockerImageRepository": "ignored"}}))?;
/// let env = ServerEnvironment::new("2024-05-01T12:00:00Z").with_internal_registry("172.30.1.1:5000");
/// let stored = create(stream, &env)?;
/// assert_eq!(stored.generation(), 1);
/// assert_eq!(stored.status.docker_image_repository, "172.30.1.1:5000/proj/ruby");
/// assert_eq!(stored.spec.tags[0].reference_policy.kind, "Source");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn create(
    mut stream: ImageStream,
    env: &ServerEnvironment,
) -> Result<ImageStream, ImageStreamError> {
    prepare_input(&mut stream);
    stream.status = ImageStreamStatus {
        docker_image_repository: env.docker_image_repository(&stream),
        public_docker_image_repository: env.public_docker_image_repository(&stream),
        ..ImageStreamStatus::default()
    };
    stream.metadata.generation = Some(1);
    for tag_ref in &mut stream.spec.tags {
        tag_ref.generation = Some(1);
    }
    let mut causes: Vec<FieldError> =
        validate_tags(None, &mut stream, env, TrackingPass::Effective)
            .into_iter()
            .collect();
    causes.extend(validate_stream(&stream));
    if !causes.is_empty() {
        return Err(invalid_error(IMAGE_STREAM_KIND, stream.name(), causes));
    }
    decorate(&mut stream, env);
    Ok(stored(stream))
}

/// `PUT imagestreams/<name>`: `stream` as sent by a client, stored over `old` (spec §5.1).
///
/// The status stays the stored one (the client's is ignored); spec tag generations can only
/// be reset to 0 by the client; a changed spec (or a stored generation of 0) bumps
/// `metadata.generation`; new, changed, null and 0 tag generations become the stream
/// generation; then §5.3 runs. As upstream, the new status shares the old one, so the
/// tracking-tag pass of §5.3 changes nothing here.
///
/// # Errors
/// As [`create`].
pub fn update(
    old: &ImageStream,
    stream: ImageStream,
    env: &ServerEnvironment,
) -> Result<ImageStream, ImageStreamError> {
    update_with(old, stream, env, true)
}

/// The update path of the server's own writes (`UpdateImageStream`, used by the
/// ImageStreamTag endpoints): the status sent is kept, and old and new status are distinct.
pub(super) fn update_internal(
    old: &ImageStream,
    stream: ImageStream,
    env: &ServerEnvironment,
) -> Result<ImageStream, ImageStreamError> {
    update_with(old, stream, env, false)
}

fn update_with(
    old: &ImageStream,
    mut stream: ImageStream,
    env: &ServerEnvironment,
    reset_status: bool,
) -> Result<ImageStream, ImageStreamError> {
    let mut old = old.clone();
    prepare_input(&mut old);
    prepare_input(&mut stream);
    inherit_namespace(&mut stream, &old);
    collapse_empty_status_tags(&mut stream);
    stream.metadata.generation = Some(old.generation());
    if reset_status {
        stream.status = old.status.clone();
    }
    decorate(&mut stream, env);
    // A client may only reset a tag generation to 0 (re-import); other values are kept.
    for tag_ref in &mut stream.spec.tags {
        if tag_ref.generation == Some(0) {
            continue;
        }
        if let Some(old_ref) = spec_tag(&old, &tag_ref.name) {
            tag_ref.generation = old_ref.generation;
        }
    }
    if !spec_semantically_equal(&old, &stream) || stream.generation() == 0 {
        stream.metadata.generation = Some(old.generation() + 1);
    }
    let generation = stream.generation();
    let namespace = stream.namespace().to_owned();
    for tag_ref in &mut stream.spec.tags {
        if is_new_or_changed(Some(&old), tag_ref, &namespace) {
            tag_ref.generation = None;
        }
        if tag_ref.generation.is_none_or(|g| g == 0) {
            tag_ref.generation = Some(generation);
        }
    }
    let pass = if reset_status {
        TrackingPass::SharedStatus
    } else {
        TrackingPass::Effective
    };
    let mut causes: Vec<FieldError> = validate_tags(Some(&old), &mut stream, env, pass)
        .into_iter()
        .collect();
    causes.extend(validate_stream(&stream));
    if !causes.is_empty() {
        return Err(invalid_error(IMAGE_STREAM_KIND, stream.name(), causes));
    }
    decorate(&mut stream, env);
    Ok(stored(stream))
}

/// A request object without namespace takes the request's, which is the stored object's.
fn inherit_namespace(stream: &mut ImageStream, old: &ImageStream) {
    if stream.namespace().is_empty() && !old.namespace().is_empty() {
        stream
            .metadata
            .namespace
            .clone_from(&old.metadata.namespace);
    }
}

/// Kubernetes' semantic equality of two specs: `null` and empty maps are equal, unknown
/// members (which the server's internal type does not have) are ignored.
fn spec_semantically_equal(a: &ImageStream, b: &ImageStream) -> bool {
    let annotations_equal = |x: &TagReference, y: &TagReference| {
        maps_semantically_equal(x.annotations.as_ref(), y.annotations.as_ref())
    };
    let tag_equal = |x: &TagReference, y: &TagReference| {
        x.name == y.name
            && annotations_equal(x, y)
            && x.from == y.from
            && x.reference == y.reference
            && x.generation == y.generation
            && x.import_policy.insecure == y.import_policy.insecure
            && x.import_policy.scheduled == y.import_policy.scheduled
            && x.import_policy.import_mode == y.import_policy.import_mode
            && x.reference_policy.kind == y.reference_policy.kind
    };
    a.spec.lookup_policy.local == b.spec.lookup_policy.local
        && a.spec.docker_image_repository == b.spec.docker_image_repository
        && a.spec.tags.len() == b.spec.tags.len()
        && a.spec
            .tags
            .iter()
            .zip(&b.spec.tags)
            .all(|(x, y)| tag_equal(x, y))
}

/// `PUT imagestreams/<name>/status`: the history sent by a client (an importer, the
/// registry), stored over `old` (spec §5.1).
///
/// `metadata.generation`, `spec.tags` and `spec.dockerImageRepository` stay the stored ones;
/// the status is kept as sent (tags without items too); a status tag whose current event has
/// generation 0 gets the stream generation when its current event is unchanged (or the tag
/// is new, or has no spec tag / a null spec generation), else the spec tag's generation.
///
/// # Errors
/// [`ImageStreamError::Invalid`] for a new status pull spec that does not parse.
pub fn update_status(
    old: &ImageStream,
    mut stream: ImageStream,
    env: &ServerEnvironment,
) -> Result<ImageStream, ImageStreamError> {
    let mut old = old.clone();
    prepare_input(&mut old);
    prepare_input(&mut stream);
    inherit_namespace(&mut stream, &old);
    stream.metadata.generation = Some(old.generation());
    stream.spec.tags = old.spec.tags.clone();
    stream
        .spec
        .docker_image_repository
        .clone_from(&old.spec.docker_image_repository);
    update_observed_generation(&mut stream, &old);
    let causes = validate_status_update(&stream, &old);
    if !causes.is_empty() {
        return Err(invalid_error(IMAGE_STREAM_KIND, stream.name(), causes));
    }
    decorate(&mut stream, env);
    Ok(stored(stream))
}

/// `updateObservedGenerationForStatusUpdate`.
fn update_observed_generation(stream: &mut ImageStream, old: &ImageStream) {
    let generation = stream.generation();
    let mut updates = Vec::new();
    for (i, list) in stream.status.tags.iter().enumerate() {
        let Some(current) = list.current().filter(|e| e.generation == 0) else {
            continue;
        };
        let unchanged = current_event(old, &list.tag).is_none_or(|previous| {
            previous.image == current.image
                && previous.docker_image_reference == current.docker_image_reference
                && previous.generation <= current.generation
        });
        let spec_generation = spec_tag(stream, &list.tag).and_then(|t| t.generation);
        let value = match spec_generation {
            Some(spec) if !unchanged => spec,
            _ => generation,
        };
        updates.push((i, value));
    }
    for (i, value) in updates {
        if let Some(current) = stream
            .status
            .tags
            .get_mut(i)
            .and_then(|l| l.items.as_mut())
            .and_then(VecDeque::front_mut)
        {
            current.generation = value;
        }
    }
}
