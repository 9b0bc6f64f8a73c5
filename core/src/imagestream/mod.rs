//! Image streams and their tag history (specification: `imagestreams.md`).
//!
//! * [`ImageStream`] and the other `image.openshift.io/v1` types ([`model`]): exact v1 JSON,
//!   unknown members kept.
//! * The tag history as a stack: [`ImageStream::add_tag_event`],
//!   [`ImageStream::update_tracking_tags`].
//! * Resolution: [`ImageStream::latest_tagged_image`],
//!   [`ImageStream::resolve_latest_tagged_image`], [`ImageStream::resolve_pull_spec_for_tag`],
//!   [`ImageStream::resolve_image_id`], [`ImageStream::follow_tag_reference`].
//! * Import state: [`ImageStream::latest_observed_tag_generation`],
//!   [`ImageStream::tag_needs_import`], [`ImageStream::needs_import`], [`tag_ref_changed`].
//! * [`IndexedImageStream`]: the same operations through tag indexes built once, for large
//!   streams (no scan of all tags per operation).
//! * Ordering and `oc get is`: [`prioritize_tags`], [`ImageStream::sort_status_tags`],
//!   [`ImageStream::print_tags_up_to_width`], [`ImageStream::get_row`].
//! * The API server ([`server`]): spec tags to status, create / update / status update,
//!   pushes (ImageStreamMapping) and ImageStreamTag writes, with the apiserver's error texts
//!   ([`ServerEnvironment`]); the GETs and the image-policy resolver ([`gets`],
//!   [`ImageApiServer`]).
//! * `oc tag` as a pure function ([`oc_tag()`], [`OcTagOptions`]), `oc describe is`
//!   ([`describe_image_stream`]) and pruning tag history ([`prune_history`]).
//! * Image triggers on workloads ([`triggers`]) and import modes over manifest lists
//!   ([`import_modes`], [`ManifestList`]).
//!
//! Operations that create events take the current time as an RFC 3339 string (`now`).
//! Tag look-ups by name take the first match, as upstream's list helpers do; the history
//! mutations treat a tag listed twice as the server's map does (the last entry wins).

pub mod describe;
pub mod gets;
mod history;
pub mod import_modes;
mod index;
pub mod model;
pub mod oc_tag;
mod ordering;
pub mod prune;
pub mod resolve_names;
pub mod server;
pub mod set_triggers;
pub mod trigger_lint;
pub mod triggers;

pub use describe::describe_image_stream;
pub use gets::ImageApiServer;
pub use history::{
    DEFAULT_IMAGE_TAG, DOCKER_IMAGE_REPOSITORY_CHECK_ANNOTATION, FollowedTag, IMPORT_SUCCESS,
    PullSpecForTag, tag_ref_changed, validate_tag,
};
pub use import_modes::ManifestList;
pub use index::IndexedImageStream;
pub use model::{
    Image, ImageLayer, ImageLookupPolicy, ImageManifest, ImageStream, ImageStreamMapping,
    ImageStreamSpec, ImageStreamStatus, ImageStreamTag, NamedTagEventList, ObjectMeta,
    ObjectReference, TagEvent, TagEventCondition, TagImportPolicy, TagReference,
    TagReferencePolicy,
};
pub use oc_tag::{OcTagError, OcTagOptions, OcTagOutcome, OcTagRequest, oc_tag};
pub use ordering::{
    ImageStreamRow, format_rfc3339_seconds, human_duration, parse_rfc3339_seconds, prioritize_tags,
};
pub use prune::{PruneInputs, PruneOptions, PruneReport, prune_history};
pub use server::{FieldError, ServerEnvironment};
