//! The `imagestreams` area as flat operations (see `../shared/conformance/imagestreams/OPS.md`).
//!
//! Streams, tags and events are read as the v1 types of [`crate::imagestream`]; results are
//! the v1 JSON the API serves. Operations whose server code takes the time from its own clock
//! take an optional `now` argument (RFC 3339, the current UTC time when absent).

pub(crate) mod describe;
pub(crate) mod gets;
pub(crate) mod import_modes;
pub(crate) mod oc_tag;
pub(crate) mod prune;
pub(crate) mod server;
pub(crate) mod triggers;

use serde::{Deserialize, Serialize};

use super::Args;
use crate::error::OpError;
use crate::imagestream::{FollowedTag, ImageStream, NamedTagEventList, TagReference};

/// `add_tag_event`'s result: whether the history changed, and the whole `status.tags` after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TagEventAdded {
    /// The history changed.
    pub changed: bool,
    /// `status.tags` after the call.
    pub tags: Vec<NamedTagEventList>,
}

/// `update_tracking_tags`' result: how many tracking tags received the event, and the whole
/// `status.tags` after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackingTagsUpdated {
    /// The number of tags updated.
    pub count: usize,
    /// `status.tags` after the call.
    pub tags: Vec<NamedTagEventList>,
}

/// `needs_import`'s result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedsImport {
    /// The stream needs an import.
    pub needs_import: bool,
    /// Only some tags need one.
    pub partial: bool,
}

/// `follow_tag_reference`'s result, with the error as its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowedTagReport {
    /// The last tag visited.
    pub final_tag: String,
    /// The terminating spec tag, if reached.
    pub tag_ref: Option<TagReference>,
    /// At least one reference was followed.
    pub multiple: bool,
    /// Why the walk stopped early (`reference tag is circular`, …), if it did.
    pub error: Option<String>,
}

impl From<FollowedTag<'_>> for FollowedTagReport {
    fn from(followed: FollowedTag<'_>) -> Self {
        Self {
            final_tag: followed.final_tag,
            tag_ref: followed.tag_ref.cloned(),
            multiple: followed.multiple,
            error: followed.error.map(|e| e.to_string()),
        }
    }
}

/// `add_tag_event` on a copy of `stream`.
#[must_use]
pub fn add_tag_event(
    mut stream: ImageStream,
    tag: &str,
    event: crate::imagestream::TagEvent,
) -> TagEventAdded {
    let changed = stream.add_tag_event(tag, event);
    TagEventAdded {
        changed,
        tags: stream.status.tags,
    }
}

/// `update_tracking_tags` on a copy of `stream`.
#[must_use]
pub fn update_tracking_tags(
    mut stream: ImageStream,
    tag: &str,
    event: &crate::imagestream::TagEvent,
) -> TrackingTagsUpdated {
    let count = stream.update_tracking_tags(tag, event);
    TrackingTagsUpdated {
        count,
        tags: stream.status.tags,
    }
}

/// The `now` argument, or the current UTC time (RFC 3339, seconds) when absent.
///
/// # Errors
/// A mistyped `now`; an absent one where the platform has no clock (WebAssembly without
/// JavaScript: the WASM binding passes the browser's time).
pub(crate) fn now(a: &Args<'_>) -> Result<String, OpError> {
    if let Some(now) = a.opt::<String>("now")? {
        return Ok(now);
    }
    current_time().ok_or_else(|| a.invalid("now", "no clock on this platform: pass `now`"))
}

#[cfg(not(target_arch = "wasm32"))]
fn current_time() -> Option<String> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Some(crate::imagestream::format_rfc3339_seconds(
        i64::try_from(seconds).ok()?,
    ))
}

#[cfg(target_arch = "wasm32")]
fn current_time() -> Option<String> {
    None
}
