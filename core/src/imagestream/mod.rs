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
//!
//! Operations that create events take the current time as an RFC 3339 string (`now`).
//! Tag look-ups by name take the first match, as upstream's list helpers do; the history
//! mutations treat a tag listed twice as the server's map does (the last entry wins).

mod history;
mod index;
pub mod model;
mod ordering;

pub use history::{
    DEFAULT_IMAGE_TAG, DOCKER_IMAGE_REPOSITORY_CHECK_ANNOTATION, FollowedTag, IMPORT_SUCCESS,
    PullSpecForTag, tag_ref_changed, validate_tag,
};
pub use index::IndexedImageStream;
pub use model::{
    ImageLookupPolicy, ImageStream, ImageStreamSpec, ImageStreamStatus, NamedTagEventList,
    ObjectMeta, ObjectReference, TagEvent, TagEventCondition, TagImportPolicy, TagReference,
    TagReferencePolicy,
};
pub use ordering::{ImageStreamRow, human_duration, parse_rfc3339_seconds, prioritize_tags};
