//! An image stream with tag indexes, for constant-time tag operations on large streams.

use std::collections::HashMap;

use crate::error::ImageStreamResult;
use crate::imagestream::PullSpecForTag;
use crate::imagestream::history::{add_tag_event_at, default_tag, local_tracked_tag};
use crate::imagestream::model::{ImageStream, NamedTagEventList, TagEvent, TagReference};

/// An [`ImageStream`] with indexes from tag name to list position, built once, so that
/// looking a tag up, pushing an event and resolving a tag do not scan the tag lists.
///
/// The lists keep their JSON order. The stream is only reachable read-only
/// ([`IndexedImageStream::stream`]) so the indexes cannot go stale; take it back with
/// [`IndexedImageStream::into_inner`]. Results are the same as the [`ImageStream`] methods of
/// the same names (look-ups take the first entry of a name; a status tag listed twice is
/// merged into its last entry on the first push to it, as [`ImageStream::add_tag_event`]
/// does).
///
/// ```
/// use openshift_image::imagestream::IndexedImageStream;
/// use openshift_image::{ImageStream, TagEvent};
///
/// let stream: ImageStream = serde_json::from_str(
///     r#"{"metadata": {"name": "ruby"}, "spec": {"tags": [
///         {"name": "latest", "from": {"kind": "ImageStreamTag", "name": "2.7"}}]}}"#,
/// )?;
/// let mut indexed = IndexedImageStream::new(stream);
/// let event = TagEvent {
///     docker_image_reference: "quay.io/ruby@sha256:a".into(),
///     image: "sha256:a".into(),
///     ..TagEvent::default()
/// };
/// assert_eq!(indexed.push("2.7", event), (true, 1));
/// assert_eq!(
///     indexed.resolve_latest_tagged_image("").as_deref(),
///     Some("quay.io/ruby@sha256:a")
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexedImageStream {
    stream: ImageStream,
    /// Spec tag name → position of its first entry.
    spec: HashMap<String, usize>,
    /// Status tag name → positions of its first and last entries.
    status: HashMap<String, (usize, usize)>,
    /// Updated tag → the spec tags tracking it (§3.2), in spec order.
    trackers: HashMap<String, Vec<String>>,
}

impl IndexedImageStream {
    /// Indexes `stream` (linear in its number of tags).
    #[must_use]
    pub fn new(stream: ImageStream) -> Self {
        let mut spec = HashMap::with_capacity(stream.spec.tags.len());
        let mut trackers: HashMap<String, Vec<String>> = HashMap::new();
        for (position, tag_ref) in stream.spec.tags.iter().enumerate() {
            spec.entry(tag_ref.name.clone()).or_insert(position);
            if let Some(tracked) = local_tracked_tag(&stream, tag_ref) {
                trackers
                    .entry(tracked)
                    .or_default()
                    .push(tag_ref.name.clone());
            }
        }
        let mut indexed = Self {
            stream,
            spec,
            status: HashMap::new(),
            trackers,
        };
        indexed.index_status();
        indexed
    }

    fn index_status(&mut self) {
        self.status.clear();
        for (position, list) in self.stream.status.tags.iter().enumerate() {
            self.status
                .entry(list.tag.clone())
                .and_modify(|(_, last)| *last = position)
                .or_insert((position, position));
        }
    }

    /// The indexed stream.
    #[must_use]
    pub const fn stream(&self) -> &ImageStream {
        &self.stream
    }

    /// The stream, giving up the indexes.
    #[must_use]
    pub fn into_inner(self) -> ImageStream {
        self.stream
    }

    /// The first spec tag named `tag`.
    #[must_use]
    pub fn spec_tag(&self, tag: &str) -> Option<&TagReference> {
        self.stream.spec.tags.get(*self.spec.get(tag)?)
    }

    /// The first status tag named `tag`.
    #[must_use]
    pub fn status_tag(&self, tag: &str) -> Option<&NamedTagEventList> {
        self.stream.status.tags.get(self.status.get(tag)?.0)
    }

    /// [`ImageStream::latest_tagged_image`] through the index.
    #[must_use]
    pub fn latest_tagged_image(&self, tag: &str) -> Option<&TagEvent> {
        self.status_tag(default_tag(tag))?.current()
    }

    /// [`ImageStream::resolve_latest_tagged_image`] through the index.
    #[must_use]
    pub fn resolve_latest_tagged_image(&self, tag: &str) -> Option<String> {
        let tag = default_tag(tag);
        let event = self.latest_tagged_image(tag)?;
        Some(self.stream.resolve_event(self.spec_tag(tag), event))
    }

    /// [`ImageStream::resolve_pull_spec_for_tag`] through the index.
    ///
    /// # Errors
    /// As [`ImageStream::resolve_pull_spec_for_tag`].
    pub fn resolve_pull_spec_for_tag(
        &self,
        tag: &str,
        default_external: bool,
        require_latest: bool,
    ) -> ImageStreamResult<PullSpecForTag> {
        let tag = default_tag(tag);
        self.stream.pull_spec_for(
            tag,
            self.spec_tag(tag),
            self.latest_tagged_image(tag),
            default_external,
            require_latest,
        )
    }

    /// [`ImageStream::add_tag_event`] through the index.
    pub fn add_tag_event(&mut self, tag: &str, next: TagEvent) -> bool {
        match self.status.get(tag).copied() {
            Some((first, last)) if first != last => {
                // A tag listed twice: merge the way the server's map does, then re-index.
                let changed = self.stream.add_tag_event(tag, next);
                self.index_status();
                changed
            }
            position => {
                let tags = &mut self.stream.status.tags;
                let appended = position.is_none();
                let changed = add_tag_event_at(tags, position.map(|(_, last)| last), tag, next);
                if appended {
                    let end = tags.len().saturating_sub(1);
                    self.status.insert(tag.to_owned(), (end, end));
                }
                changed
            }
        }
    }

    /// [`ImageStream::update_tracking_tags`] through the tracker index.
    pub fn update_tracking_tags(&mut self, updated_tag: &str, event: &TagEvent) -> usize {
        // Borrowed out of the index for the loop (adding events never changes trackers), so
        // the names are not copied on every push.
        let Some(trackers) = self.trackers.get_mut(updated_tag).map(std::mem::take) else {
            return 0;
        };
        let count = trackers
            .iter()
            .filter(|name| self.add_tag_event(name, event.clone()))
            .count();
        if let Some(slot) = self.trackers.get_mut(updated_tag) {
            *slot = trackers;
        }
        count
    }

    /// Records a push of `event` to `tag` (spec §3.3 once the event is built): adds it and,
    /// when that changed the history, gives it to the tags tracking `tag`. Returns whether
    /// `tag` changed and how many trackers did.
    pub fn push(&mut self, tag: &str, event: TagEvent) -> (bool, usize) {
        if self.trackers.get(tag).is_none_or(Vec::is_empty) {
            // Nobody follows the tag: the event moves into the history without a copy.
            return (self.add_tag_event(tag, event), 0);
        }
        if !self.add_tag_event(tag, event.clone()) {
            return (false, 0);
        }
        (true, self.update_tracking_tags(tag, &event))
    }
}

impl From<ImageStream> for IndexedImageStream {
    fn from(stream: ImageStream) -> Self {
        Self::new(stream)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    /// A small stream whose tags track each other (and one a tag of another stream), with a
    /// status tag listed twice, so the indexed paths meet every case of the plain ones.
    fn stream() -> ImageStream {
        serde_json::from_value(json!({
            "metadata": {"name": "app", "namespace": "ns"},
            "spec": {"tags": [
                {"name": "a", "from": {"kind": "DockerImage", "name": "quay.io/x/app:a"}},
                {"name": "b", "from": {"kind": "ImageStreamTag", "name": "a"}},
                {"name": "c", "from": {"kind": "ImageStreamTag", "name": "app:a"}},
                {"name": "d", "from": {"kind": "ImageStreamTag", "name": "b"},
                 "referencePolicy": {"type": "Local"}},
                {"name": "e", "from": {"kind": "ImageStreamTag", "name": "other:a"}},
                {"name": "f", "from": {"kind": "ImageStreamTag", "name": "f"}}
            ]},
            "status": {"dockerImageRepository": "registry/ns/app", "tags": [
                {"tag": "a", "items": [{"created": "t0", "dockerImageReference": "r0", "image": "i0", "generation": 1}]},
                {"tag": "d", "items": []},
                {"tag": "a", "items": null}
            ]}
        }))
        .unwrap()
    }

    proptest! {
        /// Pushes through the index change the stream exactly as the plain operations do,
        /// and resolve the same way afterwards.
        #[test]
        fn indexed_pushes_equal_plain_ones(
            pushes in proptest::collection::vec((0usize..7, 0usize..3, 0usize..3, 0i64..3), 0..24)
        ) {
            let tags = ["a", "b", "c", "d", "e", "f", "new"];
            let mut plain = stream();
            let mut indexed = IndexedImageStream::new(stream());
            for (tag, reference, image, generation) in pushes {
                let tag = tags[tag];
                let event = TagEvent {
                    created: Some("t".into()),
                    docker_image_reference: format!("r{reference}"),
                    image: format!("i{image}"),
                    generation,
                    ..TagEvent::default()
                };
                let changed = plain.add_tag_event(tag, event.clone());
                let trackers = if changed { plain.update_tracking_tags(tag, &event) } else { 0 };
                prop_assert_eq!(indexed.push(tag, event), (changed, trackers));
                prop_assert_eq!(indexed.stream(), &plain);
                for name in tags {
                    prop_assert_eq!(
                        indexed.resolve_latest_tagged_image(name),
                        plain.resolve_latest_tagged_image(name)
                    );
                    prop_assert_eq!(
                        indexed.resolve_pull_spec_for_tag(name, false, false),
                        plain.resolve_pull_spec_for_tag(name, false, false)
                    );
                }
            }
        }
    }
}
