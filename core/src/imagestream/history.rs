//! Tag history as a stack (spec §3.1–3.2) and the read-only resolution helpers (§4.1–4.6).

use std::collections::{BTreeSet, VecDeque};

use crate::error::{ImageStreamError, ImageStreamResult};
use crate::imagestream::model::{
    ImageStream, NamedTagEventList, TagEvent, TagEventCondition, TagReference,
};
use crate::reference::{DockerImageReference, digest_or_image_match, split_image_stream_tag};

/// The tag an empty tag name stands for (`imagev1.DefaultImageTag`).
pub const DEFAULT_IMAGE_TAG: &str = "latest";

/// The source kind of a spec tag following another image stream tag.
const KIND_IMAGE_STREAM_TAG: &str = "ImageStreamTag";
/// The source kind of a spec tag importing from a registry.
const KIND_DOCKER_IMAGE: &str = "DockerImage";
/// The annotation recording the last import (`openshift.io/image.dockerRepositoryCheck`).
pub const DOCKER_IMAGE_REPOSITORY_CHECK_ANNOTATION: &str =
    "openshift.io/image.dockerRepositoryCheck";
/// The only status tag condition type.
pub const IMPORT_SUCCESS: &str = "ImportSuccess";

pub(crate) fn default_tag(tag: &str) -> &str {
    if tag.is_empty() {
        DEFAULT_IMAGE_TAG
    } else {
        tag
    }
}

/// The outcome of [`ImageStream::resolve_pull_spec_for_tag`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PullSpecForTag {
    /// The pull spec.
    pub pull_spec: String,
    /// An import is pending and `pull_spec` is the previous image ("recent" mode only).
    pub has_newer: bool,
    /// `pull_spec` comes from the tag's history.
    pub has_status: bool,
    /// The tag has no history and no importable spec source: `pull_spec` is
    /// `<repository>:<tag>`.
    pub is_tag_empty: bool,
}

/// The outcome of [`ImageStream::follow_tag_reference`]; every member is meaningful even when
/// `error` is set.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowedTag<'a> {
    /// The last tag visited.
    pub final_tag: String,
    /// The terminating spec tag (one whose source is not an `ImageStreamTag`), if reached.
    pub tag_ref: Option<&'a TagReference>,
    /// At least one reference was followed.
    pub multiple: bool,
    /// Why the walk stopped early.
    pub error: Option<ImageStreamError>,
}

/// Whether `tag_ref` follows another tag of `stream` (spec §3.2, §4.6); the referenced tag.
pub(crate) fn local_tracked_tag(stream: &ImageStream, tag_ref: &TagReference) -> Option<String> {
    let from = tag_ref.from.as_ref()?;
    if from.kind != KIND_IMAGE_STREAM_TAG {
        return None;
    }
    if !from.namespace.is_empty() && from.namespace != stream.namespace() {
        return None;
    }
    if from.name.contains(':') {
        let (split, ok) = split_image_stream_tag(&from.name);
        (ok && split.name == stream.name()).then_some(split.tag)
    } else {
        Some(from.name.clone())
    }
}

/// [`ImageStream::add_tag_event`] on the status tag at `position` (`None`: the tag has no
/// status entry yet and one is appended).
pub(crate) fn add_tag_event_at(
    tags: &mut Vec<NamedTagEventList>,
    position: Option<usize>,
    tag: &str,
    next: TagEvent,
) -> bool {
    let fresh = |next: TagEvent| NamedTagEventList {
        tag: tag.to_owned(),
        items: Some(VecDeque::from([next])),
        ..NamedTagEventList::default()
    };
    let Some(entry) = position.and_then(|p| tags.get_mut(p)) else {
        tags.push(fresh(next));
        return true;
    };
    let Some(prev) = entry.items.as_mut().and_then(VecDeque::front_mut) else {
        *entry = fresh(next);
        return true;
    };
    let same_ref = prev.docker_image_reference == next.docker_image_reference;
    let same_image = prev.image == next.image;
    match (same_ref, same_image) {
        (true, true) if prev.generation == next.generation => return false,
        (true, true) => prev.generation = next.generation,
        (true, false) => {
            prev.image = next.image;
            prev.generation = next.generation;
        }
        (false, true) => {
            prev.docker_image_reference = next.docker_image_reference;
            prev.generation = next.generation;
        }
        (false, false) => {
            if let Some(items) = entry.items.as_mut() {
                items.push_front(next);
            }
        }
    }
    entry.conditions.clear();
    true
}

impl ImageStream {
    /// `metadata.name`, `""` when absent.
    #[must_use]
    pub fn name(&self) -> &str {
        self.metadata.name.as_deref().unwrap_or_default()
    }

    /// `metadata.namespace`, `""` when absent.
    #[must_use]
    pub fn namespace(&self) -> &str {
        self.metadata.namespace.as_deref().unwrap_or_default()
    }

    /// `metadata.generation`, 0 when absent.
    #[must_use]
    pub fn generation(&self) -> i64 {
        self.metadata.generation.unwrap_or_default()
    }

    /// The first spec tag named `tag` (upstream `SpecHasTag`).
    #[must_use]
    pub fn spec_tag(&self, tag: &str) -> Option<&TagReference> {
        self.spec.tags.iter().find(|t| t.name == tag)
    }

    /// The first status tag named `tag` (upstream `StatusHasTag`).
    #[must_use]
    pub fn status_tag(&self, tag: &str) -> Option<&NamedTagEventList> {
        self.status.tags.iter().find(|t| t.tag == tag)
    }

    /// Records `next` as the current event of `tag` (spec §3.1, openshift-apiserver
    /// `AddTagEventToImageStream`); whether the history changed.
    ///
    /// Only `items[0]` is compared: the same reference, image and generation is a no-op; the
    /// same reference and/or image updates `items[0]` in place (keeping its `created`; the
    /// generation may go down); anything else is pushed on top. Every change clears the tag's
    /// conditions. Status tags listed twice count once, as the server's map does: the last
    /// entry is kept and earlier ones are dropped.
    ///
    /// ```
    /// use openshift_image::{ImageStream, TagEvent};
    ///
    /// let mut stream = ImageStream::default();
    /// let event = |image: &str| TagEvent {
    ///     created: Some("2024-01-01T00:00:00Z".into()),
    ///     docker_image_reference: format!("quay.io/ruby@{image}"),
    ///     image: image.into(),
    ///     ..TagEvent::default()
    /// };
    /// assert!(stream.add_tag_event("latest", event("sha256:a")));
    /// assert!(!stream.add_tag_event("latest", event("sha256:a")));
    /// assert!(stream.add_tag_event("latest", event("sha256:b")));
    /// assert_eq!(stream.status_tag("latest").map(|t| t.items().len()), Some(2));
    /// ```
    pub fn add_tag_event(&mut self, tag: &str, next: TagEvent) -> bool {
        let tags = &mut self.status.tags;
        let count = tags.iter().filter(|t| t.tag == tag).count();
        if count > 1 {
            let mut left = count;
            tags.retain(|t| {
                if t.tag == tag {
                    left -= 1;
                    left == 0
                } else {
                    true
                }
            });
        }
        let position = tags.iter().rposition(|t| t.tag == tag);
        add_tag_event_at(tags, position, tag, next)
    }

    /// Gives `event` to every spec tag that tracks `updated_tag` of this stream (spec §3.2,
    /// `UpdateTrackingTags`); the number of histories that changed.
    ///
    /// A tracking tag has `from.kind == "ImageStreamTag"`, an empty or equal `from.namespace`
    /// and `from.name` = `<tag>` or `<stream>:<tag>`. One level deep: tags tracking a tracking
    /// tag are not updated. Spec tags are visited in list order.
    pub fn update_tracking_tags(&mut self, updated_tag: &str, event: &TagEvent) -> usize {
        let trackers: Vec<String> = self
            .spec
            .tags
            .iter()
            .filter(|t| local_tracked_tag(self, t).is_some_and(|tracked| tracked == updated_tag))
            .map(|t| t.name.clone())
            .collect();
        trackers
            .iter()
            .filter(|name| self.add_tag_event(name, event.clone()))
            .count()
    }

    /// The current event of `tag` (`""` = `latest`): `items[0]` of the first status tag with
    /// that name (spec §4.1, `LatestTaggedImage`).
    #[must_use]
    pub fn latest_tagged_image(&self, tag: &str) -> Option<&TagEvent> {
        self.status_tag(default_tag(tag))?.current()
    }

    /// The pull spec of `event` under the reference policy of spec tag `tag` (spec §4.2): for
    /// `Local`, `<status repository>@<image>`; otherwise the event's own reference.
    pub(crate) fn resolve_event(&self, spec: Option<&TagReference>, event: &TagEvent) -> String {
        let repository = &self.status.docker_image_repository;
        let local = spec.is_some_and(|spec| spec.reference_policy.kind == "Local");
        if local
            && !repository.is_empty()
            && !event.image.is_empty()
            && let Ok(mut reference) = DockerImageReference::parse(repository)
        {
            reference.tag.clear();
            reference.id.clone_from(&event.image);
            return reference.exact();
        }
        event.docker_image_reference.clone()
    }

    /// The pull spec of the current event of `tag` (`""` = `latest`) under the spec tag's
    /// reference policy (spec §4.2, `ResolveLatestTaggedImage`); `None` without an event.
    ///
    /// With `referencePolicy.type == "Local"`, a status repository and an image name, the
    /// result is `<status repository>@<image>`; otherwise the event's `dockerImageReference`.
    #[must_use]
    pub fn resolve_latest_tagged_image(&self, tag: &str) -> Option<String> {
        let tag = default_tag(tag);
        let event = self.latest_tagged_image(tag)?;
        Some(self.resolve_event(self.spec_tag(tag), event))
    }

    /// The pull spec `oc` uses for `tag` (`""` = `latest`) (spec §4.3, `ResolvePullSpecForTag`).
    ///
    /// `require_latest` selects the "newest" mode: while an import is pending it answers the
    /// spec source instead of the previous image. `default_external` prefers the public
    /// repository for a tag without history.
    ///
    /// # Errors
    /// * [`ImageStreamError::NoRepository`] for a tag without history or importable source on
    ///   a stream without repository;
    /// * [`ImageStreamError::PullSpecPending`] in "newest" mode while an import is pending for
    ///   a tag without a `DockerImage` `Source` source.
    pub fn resolve_pull_spec_for_tag(
        &self,
        tag: &str,
        default_external: bool,
        require_latest: bool,
    ) -> ImageStreamResult<PullSpecForTag> {
        let tag = default_tag(tag);
        self.pull_spec_for(
            tag,
            self.spec_tag(tag),
            self.latest_tagged_image(tag),
            default_external,
            require_latest,
        )
    }

    /// [`ImageStream::resolve_pull_spec_for_tag`] with the spec tag and current event of `tag`
    /// already looked up.
    pub(crate) fn pull_spec_for(
        &self,
        tag: &str,
        spec: Option<&TagReference>,
        current: Option<&TagEvent>,
        default_external: bool,
        require_latest: bool,
    ) -> ImageStreamResult<PullSpecForTag> {
        let spec_source = spec
            .filter(|s| s.reference_policy.kind == "Source")
            .and_then(|s| s.from.as_ref())
            .filter(|from| from.kind == KIND_DOCKER_IMAGE)
            .map(|from| from.name.clone());
        let Some(current) = current else {
            if let Some(source) = spec_source {
                return Ok(PullSpecForTag {
                    pull_spec: source,
                    ..PullSpecForTag::default()
                });
            }
            let status = &self.status;
            let repository =
                if default_external && !status.public_docker_image_repository.is_empty() {
                    &status.public_docker_image_repository
                } else {
                    &status.docker_image_repository
                };
            if repository.is_empty() {
                return Err(ImageStreamError::NoRepository);
            }
            return Ok(PullSpecForTag {
                pull_spec: format!("{repository}:{tag}"),
                is_tag_empty: true,
                ..PullSpecForTag::default()
            });
        };
        let pending = spec
            .and_then(|s| s.generation)
            .is_some_and(|generation| generation > current.generation);
        if pending && require_latest {
            return spec_source
                .map(|pull_spec| PullSpecForTag {
                    pull_spec,
                    ..PullSpecForTag::default()
                })
                .ok_or_else(|| ImageStreamError::PullSpecPending {
                    tag: tag.to_owned(),
                });
        }
        Ok(PullSpecForTag {
            pull_spec: self.resolve_event(spec, current),
            has_newer: pending,
            has_status: true,
            is_tag_empty: false,
        })
    }

    /// Resolves an image ID (or a prefix of one) against every item of every tag's history
    /// (spec §4.4, `ResolveImageID`), each compared with [`digest_or_image_match`]; the event
    /// `{created: now, dockerImageReference: <last matching item's>, image, generation: 0}`.
    ///
    /// # Errors
    /// * [`ImageStreamError::ImageNotFound`] when no item matches;
    /// * [`ImageStreamError::AmbiguousImageId`] when items of several images match.
    pub fn resolve_image_id(&self, id: &str, now: &str) -> ImageStreamResult<TagEvent> {
        let mut images = BTreeSet::new();
        let mut last: Option<&TagEvent> = None;
        for item in self.status.tags.iter().flat_map(NamedTagEventList::items) {
            if digest_or_image_match(&item.image, id) {
                images.insert(item.image.as_str());
                last = Some(item);
            }
        }
        match (images.len(), last) {
            (1, Some(item)) => Ok(TagEvent {
                created: Some(now.to_owned()),
                docker_image_reference: item.docker_image_reference.clone(),
                image: item.image.clone(),
                generation: 0,
                extra: serde_json::Map::new(),
            }),
            (0, _) | (_, None) => Err(ImageStreamError::ImageNotFound { id: id.to_owned() }),
            _ => Err(ImageStreamError::AmbiguousImageId {
                id: id.to_owned(),
                images: images.into_iter().map(str::to_owned).collect(),
            }),
        }
    }

    /// The newest generation the history of `tag` has seen (spec §4.5,
    /// `LatestObservedTagGeneration`): max(0, items\[0\].generation, generation of the first
    /// `ImportSuccess` condition); 0 for an absent tag.
    #[must_use]
    pub fn latest_observed_tag_generation(&self, tag: &str) -> i64 {
        self.status_tag(tag)
            .map_or(0, NamedTagEventList::latest_observed_generation)
    }

    /// Whether the first status tag named `tag` has a condition equal to `condition` in type,
    /// status and reason (spec §4.5, `HasTagCondition`).
    #[must_use]
    pub fn has_tag_condition(&self, tag: &str, condition: &TagEventCondition) -> bool {
        self.status_tag(tag)
            .is_some_and(|list| list.has_condition(condition))
    }

    /// Whether `oc describe is` shows spec tag `tag_ref` as importing (spec §4.5): it has a
    /// source, is not a reference, and its generation is newer than the history's.
    #[must_use]
    pub fn tag_is_importing(&self, tag_ref: &TagReference) -> bool {
        tag_ref.from.is_some()
            && !tag_ref.reference
            && tag_ref
                .generation
                .is_some_and(|g| g > self.latest_observed_tag_generation(&tag_ref.name))
    }

    /// The import controller's per-tag test (spec §4.5, `tagNeedsImport`): an importable tag
    /// (`DockerImage` source, not a reference) whose generation is newer than its history;
    /// a null generation answers `import_when_generation_nil`.
    #[must_use]
    pub fn tag_needs_import(
        &self,
        tag_ref: &TagReference,
        import_when_generation_nil: bool,
    ) -> bool {
        if !tag_ref.is_importable() {
            return false;
        }
        match tag_ref.generation {
            None => import_when_generation_nil,
            Some(generation) => generation > self.latest_observed_tag_generation(&tag_ref.name),
        }
    }

    /// The import controller's per-stream test (spec §4.5, `needsImport`): `(needs_import,
    /// partial)`.
    ///
    /// Without a `openshift.io/image.dockerRepositoryCheck` annotation: a full import when
    /// `spec.dockerImageRepository` is set, else a partial one when any tag is importable.
    /// Otherwise a partial import when any tag needs one.
    #[must_use]
    pub fn needs_import(&self) -> (bool, bool) {
        let checked = self
            .metadata
            .annotations
            .as_ref()
            .and_then(|a| a.get(DOCKER_IMAGE_REPOSITORY_CHECK_ANNOTATION))
            .is_some_and(|v| !v.is_empty());
        if !checked {
            if !self.spec.docker_image_repository.is_empty() {
                return (true, false);
            }
            let any = self.spec.tags.iter().any(TagReference::is_importable);
            return (any, any);
        }
        let any = self
            .spec
            .tags
            .iter()
            .any(|t| self.tag_needs_import(t, false));
        (any, any)
    }

    /// Whether `next` would change the current event of `tag` (spec §4.5,
    /// `DifferentTagEvent`): no history, or a different reference or image.
    #[must_use]
    pub fn different_tag_event(&self, tag: &str, next: &TagEvent) -> bool {
        self.status_tag(tag)
            .and_then(NamedTagEventList::current)
            .is_none_or(|prev| {
                prev.docker_image_reference != next.docker_image_reference
                    || prev.image != next.image
            })
    }

    /// Whether spec tag `tag` asks for a generation its history has not recorded (spec §4.5,
    /// `DifferentTagGeneration`): no spec tag, a null generation, no history, or a spec
    /// generation newer than items\[0\].
    #[must_use]
    pub fn different_tag_generation(&self, tag: &str) -> bool {
        let Some(generation) = self.spec_tag(tag).and_then(|t| t.generation) else {
            return true;
        };
        self.status_tag(tag)
            .and_then(NamedTagEventList::current)
            .is_none_or(|current| generation > current.generation)
    }

    /// Follows spec tags whose source is an `ImageStreamTag` of this stream (spec §4.6,
    /// `FollowTagReference`).
    ///
    /// ```
    /// use openshift_image::ImageStream;
    ///
    /// let stream: ImageStream = serde_json::from_str(
    ///     r#"{"metadata": {"name": "ruby"}, "spec": {"tags": [
    ///         {"name": "latest", "from": {"kind": "ImageStreamTag", "name": "ruby:2.7"}},
    ///         {"name": "2.7", "from": {"kind": "DockerImage", "name": "quay.io/ruby:2.7"}}]}}"#,
    /// )?;
    /// let followed = stream.follow_tag_reference("latest");
    /// assert_eq!((followed.final_tag.as_str(), followed.multiple), ("2.7", true));
    /// assert!(followed.error.is_none());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn follow_tag_reference(&self, tag: &str) -> FollowedTag<'_> {
        let mut seen = BTreeSet::new();
        let mut tag = tag.to_owned();
        let mut multiple = false;
        let stop = |tag: String, multiple, error| FollowedTag {
            final_tag: tag,
            tag_ref: None,
            multiple,
            error: Some(error),
        };
        loop {
            if !seen.insert(tag.clone()) {
                let error = ImageStreamError::CircularReference { tag: tag.clone() };
                return stop(tag, multiple, error);
            }
            let Some(tag_ref) = self.spec_tag(&tag) else {
                let error = ImageStreamError::ReferenceNotFound { tag: tag.clone() };
                return stop(tag, multiple, error);
            };
            let Some(from) = tag_ref
                .from
                .as_ref()
                .filter(|f| f.kind == KIND_IMAGE_STREAM_TAG)
            else {
                return FollowedTag {
                    final_tag: tag,
                    tag_ref: Some(tag_ref),
                    multiple,
                    error: None,
                };
            };
            if !from.namespace.is_empty() && from.namespace != self.namespace() {
                let error = ImageStreamError::CrossStreamReference { tag: tag.clone() };
                return stop(tag, multiple, error);
            }
            if from.name.contains(':') {
                // `<stream>:<tag>`, split on the first `:` with an empty tag meaning `latest`.
                let (split, ok) = split_image_stream_tag(&from.name);
                if !ok {
                    let error = ImageStreamError::InvalidReference { tag: tag.clone() };
                    return stop(tag, multiple, error);
                }
                if split.name != self.name() {
                    let error = ImageStreamError::CrossStreamReference { tag: tag.clone() };
                    return stop(tag, multiple, error);
                }
                tag = split.tag;
            } else {
                tag.clone_from(&from.name);
            }
            multiple = true;
        }
    }

    /// The tag of this stream that `tag_ref` references (spec §4.6, `TagReferencesLocalTag`):
    /// an `ImageStreamTag` source in the same (or an empty) namespace named `<tag>` or
    /// `<stream>:<tag>`; `None` when the reference is not local.
    #[must_use]
    pub fn tag_references_local_tag(&self, tag_ref: &TagReference) -> Option<String> {
        let from = tag_ref.from.as_ref()?;
        if from.kind != KIND_IMAGE_STREAM_TAG {
            return None;
        }
        if !from.namespace.is_empty() && from.namespace != self.namespace() {
            return None;
        }
        let prefix = format!("{}:", self.name());
        let tag = from.name.strip_prefix(&prefix).unwrap_or(&from.name);
        (!tag.contains(':')).then(|| tag.to_owned())
    }
}

impl NamedTagEventList {
    /// `latestObservedTagGeneration` of this status tag: max(0, items\[0\].generation, the
    /// first `ImportSuccess` condition's generation).
    #[must_use]
    pub fn latest_observed_generation(&self) -> i64 {
        let current = self.current().map_or(0, |event| event.generation);
        let condition = self
            .conditions
            .iter()
            .find(|c| c.kind == IMPORT_SUCCESS)
            .map_or(0, |c| c.generation);
        current.max(condition).max(0)
    }

    /// Whether a condition equals `condition` in type, status and reason (spec §4.5).
    #[must_use]
    pub fn has_condition(&self, condition: &TagEventCondition) -> bool {
        self.conditions.iter().any(|c| {
            c.kind == condition.kind && c.status == condition.status && c.reason == condition.reason
        })
    }
}

impl TagReference {
    /// Whether the import controller imports this tag: a `DockerImage` source and not a
    /// reference.
    #[must_use]
    pub fn is_importable(&self) -> bool {
        !self.reference
            && self
                .from
                .as_ref()
                .is_some_and(|f| f.kind == KIND_DOCKER_IMAGE)
    }

    /// Whether the `tags` annotation, split on `,` without trimming, contains `tag` (spec
    /// §4.7, `HasAnnotationTag`); an absent annotation counts as `""`.
    ///
    /// ```
    /// use openshift_image::TagReference;
    ///
    /// let mut tag_ref = TagReference::default();
    /// tag_ref.annotations = Some([("tags".to_owned(), "builder, hidden".to_owned())].into());
    /// assert!(tag_ref.has_annotation_tag("builder"));
    /// assert!(!tag_ref.has_annotation_tag("hidden")); // " hidden": no trimming
    /// ```
    #[must_use]
    pub fn has_annotation_tag(&self, tag: &str) -> bool {
        let tags = self
            .annotations
            .as_ref()
            .and_then(|a| a.get("tags"))
            .map_or("", String::as_str);
        tags.split(',').any(|t| t == tag)
    }
}

/// Whether a spec tag update counts as a change for the server (spec §5.2, `tagRefChanged`).
///
/// Only a `next.from` with a kind or a name can change: the namespace (empty = the stream's),
/// `from.name`, `reference`, `importPolicy.importMode` or a generation set to 0 from another
/// non-null value count; kind alone, `scheduled`, `insecure`, `referencePolicy` and annotations
/// do not.
#[must_use]
pub fn tag_ref_changed(old: &TagReference, next: &TagReference, stream_namespace: &str) -> bool {
    let Some(next_from) = next.from.as_ref() else {
        return false;
    };
    if next_from.kind.is_empty() && next_from.name.is_empty() {
        return false;
    }
    let empty = crate::imagestream::model::ObjectReference::default();
    let old_from = old.from.as_ref().unwrap_or(&empty);
    let namespace = |ns: &str| -> String {
        if ns.is_empty() {
            stream_namespace.to_owned()
        } else {
            ns.to_owned()
        }
    };
    if namespace(&old_from.namespace) != namespace(&next_from.namespace) {
        return true;
    }
    if old_from.name != next_from.name || old.reference != next.reference {
        return true;
    }
    if old.import_policy.import_mode != next.import_policy.import_mode {
        return true;
    }
    matches!((old.generation, next.generation), (Some(o), Some(0)) if o != 0)
}

/// `oc tag`'s tag-name check (spec §5.6): `^[\w][\w.-]{0,127}$` with ASCII `\w`.
///
/// # Errors
/// [`ImageStreamError::InvalidTag`] when the name does not match.
///
/// ```
/// use openshift_image::validate_tag;
///
/// assert!(validate_tag("v1.2.3").is_ok());
/// assert!(validate_tag(".hidden").is_err());
/// ```
pub fn validate_tag(tag: &str) -> ImageStreamResult<()> {
    let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    let bytes = tag.as_bytes();
    let valid = bytes.first().is_some_and(word)
        && bytes.len() <= 128
        && bytes.iter().all(|b| word(b) || *b == b'.' || *b == b'-');
    if valid {
        Ok(())
    } else {
        Err(ImageStreamError::InvalidTag {
            tag: tag.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imagestream::IndexedImageStream;
    use serde_json::json;

    fn event(reference: &str, image: &str, generation: i64) -> TagEvent {
        TagEvent {
            created: Some("2024-01-01T00:00:00Z".to_owned()),
            docker_image_reference: reference.to_owned(),
            image: image.to_owned(),
            generation,
            extra: serde_json::Map::new(),
        }
    }

    fn stream(value: serde_json::Value) -> ImageStream {
        serde_json::from_value(value).unwrap()
    }

    /// A history item as `(dockerImageReference, image, generation)`.
    type Item<'a> = (&'a str, &'a str, i64);

    #[test]
    fn add_tag_event_rules() {
        // (next, changed, expected items as (ref, image, generation))
        let cases: [(TagEvent, bool, &[Item<'_>]); 5] = [
            (event("r", "i", 1), false, &[("r", "i", 1), ("old", "o", 0)]),
            (event("r", "i", 0), true, &[("r", "i", 0), ("old", "o", 0)]),
            (event("r", "j", 3), true, &[("r", "j", 3), ("old", "o", 0)]),
            (event("s", "i", 3), true, &[("s", "i", 3), ("old", "o", 0)]),
            (
                event("s", "j", 3),
                true,
                &[("s", "j", 3), ("r", "i", 1), ("old", "o", 0)],
            ),
        ];
        for (next, changed, expected) in cases {
            let mut s = stream(json!({"status": {"tags": [{"tag": "t",
                "items": [event("r", "i", 1), event("old", "o", 0)],
                "conditions": [{"type": "ImportSuccess", "status": "False", "generation": 1}]}]}}));
            let mut indexed = IndexedImageStream::new(s.clone());
            assert_eq!(s.add_tag_event("t", next.clone()), changed, "{next:?}");
            assert_eq!(
                indexed.add_tag_event("t", next.clone()),
                changed,
                "{next:?}"
            );
            assert_eq!(indexed.stream(), &s);
            let list = s.status_tag("t").unwrap();
            let got: Vec<Item<'_>> = list
                .items()
                .iter()
                .map(|e| {
                    (
                        e.docker_image_reference.as_str(),
                        e.image.as_str(),
                        e.generation,
                    )
                })
                .collect();
            assert_eq!(got, expected, "{next:?}");
            assert_eq!(list.conditions.is_empty(), changed, "{next:?}");
        }
    }

    #[test]
    fn add_tag_event_merges_duplicate_status_tags_into_the_last() {
        let mut s = stream(json!({"status": {"tags": [
            {"tag": "t", "items": [event("a", "a", 1)]},
            {"tag": "u", "items": null},
            {"tag": "t", "items": []}]}}));
        assert!(s.add_tag_event("t", event("b", "b", 1)));
        let tags: Vec<(&str, usize)> = s
            .status
            .tags
            .iter()
            .map(|t| (t.tag.as_str(), t.items().len()))
            .collect();
        assert_eq!(tags, [("u", 0), ("t", 1)]);
    }

    #[test]
    fn tracking_tags_are_one_level_deep() {
        let mut s = stream(json!({
            "metadata": {"name": "ruby", "namespace": "proj"},
            "spec": {"tags": [
                {"name": "a", "from": {"kind": "ImageStreamTag", "name": "src"}},
                {"name": "b", "from": {"kind": "ImageStreamTag", "name": "ruby:src", "namespace": "proj"}},
                {"name": "c", "from": {"kind": "ImageStreamTag", "name": "a"}},
                {"name": "d", "from": {"kind": "ImageStreamTag", "name": "python:src"}},
                {"name": "e", "from": {"kind": "ImageStreamTag", "name": "src", "namespace": "other"}},
                {"name": "f", "from": {"kind": "DockerImage", "name": "src"}}]}}));
        let mut indexed = IndexedImageStream::new(s.clone());
        let pushed = event("r", "i", 1);
        assert_eq!(s.update_tracking_tags("src", &pushed), 2);
        assert_eq!(indexed.update_tracking_tags("src", &pushed), 2);
        assert_eq!(indexed.stream(), &s);
        let tags: Vec<&str> = s.status.tags.iter().map(|t| t.tag.as_str()).collect();
        assert_eq!(tags, ["a", "b"]);
    }

    const DIGEST: &str = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    #[test]
    fn pull_spec_resolution_table() {
        let s = stream(json!({
            "metadata": {"name": "ruby"},
            "spec": {"tags": [
                {"name": "local", "referencePolicy": {"type": "Local"}},
                {"name": "no-digest", "referencePolicy": {"type": "Local"}},
                {"name": "pending", "generation": 3, "referencePolicy": {"type": "Source"},
                 "from": {"kind": "DockerImage", "name": "quay.io/ruby:3"}},
                {"name": "pending-ist", "generation": 3, "referencePolicy": {"type": "Source"},
                 "from": {"kind": "ImageStreamTag", "name": "x"}},
                {"name": "fresh", "referencePolicy": {"type": "Source"},
                 "from": {"kind": "DockerImage", "name": "quay.io/ruby:fresh"}}]},
            "status": {"dockerImageRepository": "registry.svc:5000/proj/ruby",
                       "publicDockerImageRepository": "ext.example.com/proj/ruby",
                       "tags": [
                {"tag": "local", "items": [event("quay.io/ruby@sha256:a", DIGEST, 1)]},
                {"tag": "no-digest", "items": [event("quay.io/ruby@sha256:a", "sha256:a", 1)]},
                {"tag": "pending", "items": [event("quay.io/ruby@sha256:b", "sha256:b", 2)]},
                {"tag": "pending-ist", "items": [event("quay.io/ruby@sha256:c", "sha256:c", 2)]}]}}));
        let ok = |pull_spec: &str, has_newer, has_status, is_tag_empty| {
            Ok(PullSpecForTag {
                pull_spec: pull_spec.to_owned(),
                has_newer,
                has_status,
                is_tag_empty,
            })
        };
        let cases = [
            (
                "local",
                false,
                false,
                ok(
                    &format!("registry.svc:5000/proj/ruby@{DIGEST}"),
                    false,
                    true,
                    false,
                ),
            ),
            (
                "no-digest",
                false,
                false,
                ok("registry.svc:5000/proj/ruby:sha256:a", false, true, false),
            ),
            (
                "pending",
                false,
                false,
                ok("quay.io/ruby@sha256:b", true, true, false),
            ),
            (
                "pending",
                false,
                true,
                ok("quay.io/ruby:3", false, false, false),
            ),
            (
                "pending-ist",
                false,
                true,
                Err(ImageStreamError::PullSpecPending {
                    tag: "pending-ist".to_owned(),
                }),
            ),
            (
                "fresh",
                false,
                false,
                ok("quay.io/ruby:fresh", false, false, false),
            ),
            (
                "",
                false,
                false,
                ok("registry.svc:5000/proj/ruby:latest", false, false, true),
            ),
            (
                "",
                true,
                false,
                ok("ext.example.com/proj/ruby:latest", false, false, true),
            ),
        ];
        for (tag, external, newest, expected) in cases {
            assert_eq!(
                s.resolve_pull_spec_for_tag(tag, external, newest),
                expected,
                "{tag}"
            );
        }
        let bare = ImageStream::default();
        let err = bare
            .resolve_pull_spec_for_tag("x", false, false)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "no image repository has been set on the image stream status"
        );
        assert_eq!(err.kind(), "imagestream.no_repository");
    }

    #[test]
    fn resolve_image_id_table() {
        let a = "sha256:aaaa000000000000000000000000000000000000000000000000000000000000";
        let b = "sha256:aaab000000000000000000000000000000000000000000000000000000000000";
        let s = stream(json!({"status": {"tags": [
            {"tag": "x", "items": [event("r1", a, 2), event("r2", b, 1)]},
            {"tag": "y", "items": [event("r3", a, 5)]}]}}));
        let resolved = s.resolve_image_id("aaaa", "NOW").unwrap();
        assert_eq!(
            resolved,
            TagEvent {
                created: Some("NOW".into()),
                ..event("r3", a, 0)
            }
        );
        let err = s.resolve_image_id("aaa", "NOW").unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "Operation cannot be fulfilled on imagestreamimage.image.openshift.io \"aaa\": \
                 multiple images match the prefix \"aaa\": {a}, {b}"
            )
        );
        let err = s.resolve_image_id("b", "NOW").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"imagestreamimage.image.openshift.io "b" not found"#
        );
    }

    #[test]
    fn follow_tag_reference_errors() {
        let s = stream(
            json!({"metadata": {"name": "ruby", "namespace": "proj"}, "spec": {"tags": [
            {"name": "loop", "from": {"kind": "ImageStreamTag", "name": "ruby:loop"}},
            {"name": "dangling", "from": {"kind": "ImageStreamTag", "name": "nowhere"}},
            {"name": "cross", "from": {"kind": "ImageStreamTag", "name": "python:2"}},
            {"name": "cross-ns", "from": {"kind": "ImageStreamTag", "name": "2", "namespace": "x"}},
            {"name": "hop", "from": {"kind": "ImageStreamTag", "name": "cross"}}]}}),
        );
        let cases = [
            ("loop", "loop", true, "reference tag is circular"),
            ("dangling", "nowhere", true, "reference tag is not found"),
            (
                "cross",
                "cross",
                false,
                "reference tag points to another imagestream",
            ),
            (
                "cross-ns",
                "cross-ns",
                false,
                "reference tag points to another imagestream",
            ),
            (
                "hop",
                "cross",
                true,
                "reference tag points to another imagestream",
            ),
            ("absent", "absent", false, "reference tag is not found"),
        ];
        for (tag, final_tag, multiple, message) in cases {
            let followed = s.follow_tag_reference(tag);
            assert_eq!(followed.final_tag, final_tag, "{tag}");
            assert_eq!(followed.multiple, multiple, "{tag}");
            assert!(followed.tag_ref.is_none(), "{tag}");
            assert_eq!(
                followed.error.map(|e| e.to_string()).as_deref(),
                Some(message),
                "{tag}"
            );
        }
    }

    #[test]
    fn tag_ref_changed_table() {
        let tag = |v: serde_json::Value| -> TagReference { serde_json::from_value(v).unwrap() };
        let base =
            json!({"name": "t", "from": {"kind": "DockerImage", "name": "a"}, "generation": 2});
        let cases = [
            (json!({"name": "t"}), false),
            (
                json!({"name": "t", "from": {"kind": "DockerImage", "name": "a"}, "generation": 2}),
                false,
            ),
            (
                json!({"name": "t", "from": {"kind": "ImageStreamTag", "name": "a"}}),
                false,
            ),
            (
                json!({"name": "t", "from": {"kind": "DockerImage", "name": "b"}}),
                true,
            ),
            (
                json!({"name": "t", "from": {"name": "a", "namespace": "ns"}}),
                false,
            ),
            (
                json!({"name": "t", "from": {"name": "a", "namespace": "other"}}),
                true,
            ),
            (
                json!({"name": "t", "from": {"name": "a"}, "reference": true}),
                true,
            ),
            (
                json!({"name": "t", "from": {"name": "a"}, "importPolicy": {"importMode": "Legacy"}}),
                true,
            ),
            (
                json!({"name": "t", "from": {"name": "a"}, "importPolicy": {"scheduled": true}}),
                false,
            ),
            (
                json!({"name": "t", "from": {"name": "a"}, "generation": 0}),
                true,
            ),
            (
                json!({"name": "t", "from": {"name": "a"}, "generation": 5}),
                false,
            ),
        ];
        for (next, changed) in cases {
            assert_eq!(
                tag_ref_changed(&tag(base.clone()), &tag(next.clone()), "ns"),
                changed,
                "{next}"
            );
        }
        let no_from = tag(json!({"name": "t", "generation": null}));
        assert!(!tag_ref_changed(
            &no_from,
            &tag(json!({"name": "t", "from": {"kind": "DockerImage"}})),
            "ns"
        ));
        assert!(tag_ref_changed(
            &no_from,
            &tag(json!({"name": "t", "from": {"name": "x"}})),
            "ns"
        ));
    }

    #[test]
    fn validate_tag_table() {
        let long = "a".repeat(128);
        let too_long = "a".repeat(129);
        for (tag, ok) in [
            ("latest", true),
            ("_x.y-z", true),
            (long.as_str(), true),
            (too_long.as_str(), false),
            ("", false),
            (".x", false),
            ("-x", false),
            ("a:b", false),
            ("tag\n", false),
            ("ü", false),
        ] {
            assert_eq!(validate_tag(tag).is_ok(), ok, "{tag:?}");
        }
        let err = validate_tag("a\tb").unwrap_err();
        assert_eq!(err.kind(), "imagestream.invalid_tag");
        assert_eq!(
            err.to_string(),
            "invalid tag \"a\\tb\" format, tags must start with an alphanumeric character followed \
             by alphanumeric, '.' or '-' characters, and have a maximum of 128 characters"
        );
    }

    #[test]
    fn import_state_table() {
        let s = stream(json!({
            "metadata": {"annotations": {"openshift.io/image.dockerRepositoryCheck": "2024-01-01T00:00:00Z"}},
            "spec": {"tags": [
                {"name": "a", "from": {"kind": "DockerImage", "name": "x"}, "generation": 3},
                {"name": "b", "from": {"kind": "DockerImage", "name": "x"}, "generation": 2},
                {"name": "c", "from": {"kind": "DockerImage", "name": "x"}, "reference": true, "generation": 9}]},
            "status": {"tags": [
                {"tag": "a", "items": [event("r", "i", 1)],
                 "conditions": [{"type": "ImportSuccess", "status": "False", "generation": 2},
                                {"type": "ImportSuccess", "status": "False", "generation": 7}]},
                {"tag": "b", "items": [event("r", "i", 2)]}]}}));
        assert_eq!(s.latest_observed_tag_generation("a"), 2);
        assert_eq!(s.latest_observed_tag_generation("b"), 2);
        assert_eq!(s.latest_observed_tag_generation("zz"), 0);
        let spec = |name: &str| s.spec_tag(name).unwrap();
        assert!(s.tag_needs_import(spec("a"), false));
        assert!(!s.tag_needs_import(spec("b"), false));
        assert!(!s.tag_needs_import(spec("c"), true));
        assert!(s.tag_is_importing(spec("a")));
        assert_eq!(s.needs_import(), (true, true));
        assert!(s.different_tag_generation("a"));
        assert!(!s.different_tag_generation("b"));
        assert!(!s.different_tag_event("b", &event("r", "i", 9)));
        assert!(s.different_tag_event("b", &event("r", "j", 2)));
        assert!(s.different_tag_event("zz", &event("r", "i", 2)));
    }
}
