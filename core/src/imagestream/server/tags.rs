//! The server's map form of tag lists and spec tags to status (spec §5.3).

use std::collections::{BTreeMap, VecDeque};

use super::field::{FieldError, invalid_error};
use super::{
    DEFAULT_NAMESPACE, FROM_NAME_FORM, IMAGE_STREAMS_INNER_KIND, KIND_DOCKER_IMAGE,
    KIND_IMAGE_STREAM_IMAGE, KIND_IMAGE_STREAM_TAG, ServerEnvironment,
};
use crate::error::ImageStreamError;
use crate::gofmt::GoQuoted;
use crate::imagestream::history::{add_tag_event_at, default_tag, local_tracked_tag};
use crate::imagestream::model::{
    ImageStream, NamedTagEventList, ObjectReference, TagEvent, TagReference,
};
use crate::imagestream::tag_ref_changed;
use crate::reference::DockerImageReference;

// ---------------------------------------------------------------------------------------------
// The server's map form of tag lists
// ---------------------------------------------------------------------------------------------

/// The server's decoding of a request: v1 defaults, then the map form of both tag lists.
pub(super) fn prepare_input(stream: &mut ImageStream) {
    stream.apply_v1_defaults();
    normalize(stream);
}

/// One entry per tag name (the last one wins, as the v1 → internal conversion does), sorted
/// by name (the order the server serves).
fn normalize(stream: &mut ImageStream) {
    let spec = std::mem::take(&mut stream.spec.tags);
    stream.spec.tags = last_wins_sorted(spec, |t| t.name.clone());
    let status = std::mem::take(&mut stream.status.tags);
    stream.status.tags = last_wins_sorted(status, |t| t.tag.clone());
}

fn last_wins_sorted<T>(items: Vec<T>, key: impl Fn(&T) -> String) -> Vec<T> {
    let mut map = BTreeMap::new();
    for item in items {
        map.insert(key(&item), item);
    }
    map.into_values().collect()
}

/// A normalized copy, or the stream itself when it already is in map form.
fn normalized(stream: &ImageStream) -> std::borrow::Cow<'_, ImageStream> {
    fn sorted_unique<'a>(names: impl Iterator<Item = &'a str>) -> bool {
        let mut previous: Option<&str> = None;
        for name in names {
            if previous.is_some_and(|p| p >= name) {
                return false;
            }
            previous = Some(name);
        }
        true
    }
    if sorted_unique(stream.spec.tags.iter().map(|t| t.name.as_str()))
        && sorted_unique(stream.status.tags.iter().map(|t| t.tag.as_str()))
    {
        std::borrow::Cow::Borrowed(stream)
    } else {
        let mut copy = stream.clone();
        normalize(&mut copy);
        std::borrow::Cow::Owned(copy)
    }
}

pub(super) fn spec_position(stream: &ImageStream, tag: &str) -> Result<usize, usize> {
    stream
        .spec
        .tags
        .binary_search_by(|t| t.name.as_str().cmp(tag))
}

pub(super) fn status_position(stream: &ImageStream, tag: &str) -> Result<usize, usize> {
    stream
        .status
        .tags
        .binary_search_by(|t| t.tag.as_str().cmp(tag))
}

pub(super) fn spec_tag<'a>(stream: &'a ImageStream, tag: &str) -> Option<&'a TagReference> {
    spec_position(stream, tag)
        .ok()
        .and_then(|i| stream.spec.tags.get(i))
}

fn status_tag<'a>(stream: &'a ImageStream, tag: &str) -> Option<&'a NamedTagEventList> {
    status_position(stream, tag)
        .ok()
        .and_then(|i| stream.status.tags.get(i))
}

pub(super) fn current_event<'a>(stream: &'a ImageStream, tag: &str) -> Option<&'a TagEvent> {
    status_tag(stream, tag).and_then(NamedTagEventList::current)
}

/// Stores `tag_ref` under its name (replacing or inserting in order).
pub(super) fn set_spec_tag(stream: &mut ImageStream, tag_ref: TagReference) {
    match spec_position(stream, &tag_ref.name) {
        Ok(i) => {
            if let Some(slot) = stream.spec.tags.get_mut(i) {
                *slot = tag_ref;
            }
        }
        Err(i) => stream.spec.tags.insert(i, tag_ref),
    }
}

/// `AddTagEventToImageStream` on the map form (spec §3.1).
pub(super) fn add_event(stream: &mut ImageStream, tag: &str, event: TagEvent) -> bool {
    match status_position(stream, tag) {
        Ok(i) => add_tag_event_at(&mut stream.status.tags, Some(i), tag, event),
        Err(i) => {
            stream.status.tags.insert(
                i,
                NamedTagEventList {
                    tag: tag.to_owned(),
                    items: Some(VecDeque::from([event])),
                    ..NamedTagEventList::default()
                },
            );
            true
        }
    }
}

/// `UpdateTrackingTags` (spec §3.2), spec tags in name order: the number of histories changed.
pub(super) fn update_tracking_tags(
    stream: &mut ImageStream,
    updated_tag: &str,
    event: &TagEvent,
) -> usize {
    let trackers: Vec<String> = stream
        .spec
        .tags
        .iter()
        .filter(|t| local_tracked_tag(stream, t).is_some_and(|tracked| tracked == updated_tag))
        .map(|t| t.name.clone())
        .collect();
    trackers
        .iter()
        .filter(|tracker| add_event(stream, tracker, event.clone()))
        .count()
}

/// `collapseEmptyStatusTags`: drops status tags with neither items nor conditions.
pub(super) fn collapse_empty_status_tags(stream: &mut ImageStream) {
    stream
        .status
        .tags
        .retain(|t| !t.items().is_empty() || !t.conditions.is_empty());
}

/// The strategy's `Decorate`: status repositories recomputed on every read (a stream without
/// namespace gets `default`, as upstream's namespace defaulting does).
pub(super) fn decorate(stream: &mut ImageStream, env: &ServerEnvironment) {
    if env.internal_host().is_some() && stream.namespace().is_empty() {
        stream.metadata.namespace = Some(DEFAULT_NAMESPACE.to_owned());
    }
    stream.status.docker_image_repository = env.docker_image_repository(stream);
    stream.status.public_docker_image_repository = env.public_docker_image_repository(stream);
}

/// The storage round trip (protobuf): empty lists and maps come back absent.
pub(super) fn stored(mut stream: ImageStream) -> ImageStream {
    let empty_map = |m: &mut Option<BTreeMap<String, String>>| {
        if m.as_ref().is_some_and(BTreeMap::is_empty) {
            *m = None;
        }
    };
    empty_map(&mut stream.metadata.labels);
    empty_map(&mut stream.metadata.annotations);
    for tag in &mut stream.spec.tags {
        empty_map(&mut tag.annotations);
    }
    for list in &mut stream.status.tags {
        if list.items.as_ref().is_some_and(VecDeque::is_empty) {
            list.items = None;
        }
    }
    stream
}

// ---------------------------------------------------------------------------------------------
// Spec tags to status (§5.3)
// ---------------------------------------------------------------------------------------------

/// Whether the tracking-tag pass of §5.3 can see changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TrackingPass {
    /// Old and new status are distinct objects.
    Effective,
    /// The main update endpoint: the new status *is* the old one, so nothing looks changed.
    SharedStatus,
}

/// Applies new and changed spec tags to the history (spec §5.3, the strategy's
/// `tagsChanged`); returns the field errors in order of detection.
///
/// `old` is the stored stream (`None` on create: every spec tag is new). For each spec tag
/// that is new or changed ([`tag_ref_changed`]) and has a source, with `gen` =
/// `metadata.generation`:
/// * `DockerImage` with `reference` records `{created: now, dockerImageReference: from.name,
///   image: "", generation: gen}`; without `reference` nothing is recorded (an import will);
/// * `ImageStreamTag` copies the source tag's current event (of this stream or of another one
///   fetched from `env`), `ImageStreamImage` resolves the image ID
///   ([`ImageStream::resolve_image_id`]); a non-reference event pointing at the source stream
///   in the integrated registry is rewritten to this stream;
/// * the spec tag's generation becomes `gen` together with each recorded event.
///
/// Then every tag whose current event differs from `old`'s (all of them on create) feeds the
/// tags tracking it ([`ImageStream::update_tracking_tags`]). Tag lists are put in the server's
/// map form first (one entry per name, sorted). As upstream, recording a same-stream
/// `ImageStreamTag` source also sets the source tag's current event generation (the aliasing
/// defect of spec §10); [`ServerEnvironment::fix_alias_defect`] copies the event instead.
///
/// ```
/// use openshift_image::ImageStream;
/// use openshift_image::imagestream::server::{ServerEnvironment, spec_tags_to_status};
///
/// let mut stream: ImageStream = serde_json::from_value(serde_json::json!({
///     "metadata": {"name": "ruby", "namespace": "proj", "generation": 2},
///     "spec": {"tags": [
///         {"name": "3.1", "from": {"kind": "DockerImage", "name": "quay.io/ruby:3.1"}, "reference": true},
///         {"name": "bad", "from": {"kind": "ImageStreamTag", "name": "a:b:c"}}]}}))?;
/// let env = ServerEnvironment::new("2024-05-01T12:00:00Z");
/// let errors = spec_tags_to_status(None, &mut stream, &env);
/// assert_eq!(
///     errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
///     [r#"spec.tags[bad].from.name: Invalid value: "a:b:c": must be of the form <tag>, <repo>:<tag>, <id>, or <repo>@<id>"#]
/// );
/// let event = stream.latest_tagged_image("3.1").unwrap();
/// assert_eq!((event.docker_image_reference.as_str(), event.generation), ("quay.io/ruby:3.1", 2));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn spec_tags_to_status(
    old: Option<&ImageStream>,
    stream: &mut ImageStream,
    env: &ServerEnvironment,
) -> Vec<FieldError> {
    normalize(stream);
    let old = old.map(normalized);
    tags_changed(old.as_deref(), stream, env, TrackingPass::Effective)
}

fn tags_changed(
    old: Option<&ImageStream>,
    stream: &mut ImageStream,
    env: &ServerEnvironment,
    pass: TrackingPass,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let generation = stream.generation();
    let names: Vec<String> = stream.spec.tags.iter().map(|t| t.name.clone()).collect();
    for name in &names {
        let Some(tag_ref) = spec_tag(stream, name).cloned() else {
            continue;
        };
        if !is_new_or_changed(old, &tag_ref, stream.namespace()) {
            continue;
        }
        let Some(from) = tag_ref.from.as_ref() else {
            continue;
        };
        let mut recorded = tag_ref.clone();
        recorded.generation = Some(generation);
        if from.kind == KIND_DOCKER_IMAGE && !from.name.is_empty() {
            if tag_ref.reference {
                let event = TagEvent {
                    created: Some(env.now.clone()),
                    docker_image_reference: from.name.clone(),
                    generation,
                    ..TagEvent::default()
                };
                set_spec_tag(stream, recorded);
                add_event(stream, name, event);
            }
            continue;
        }
        let name_path = format!("spec.tags[{name}].from.name");
        let Some((source_name, tag_or_id)) = parse_from_reference(stream.name(), from) else {
            errors.push(FieldError::invalid(name_path, &from.name, FROM_NAME_FORM));
            continue;
        };
        let source_namespace = if from.namespace.is_empty() {
            stream.namespace().to_owned()
        } else {
            from.namespace.clone()
        };
        let fetched;
        let source: &ImageStream =
            if source_namespace != stream.namespace() || source_name != stream.name() {
                match env.fetch(&source_namespace, &source_name) {
                    Some(other) => {
                        fetched = other;
                        &fetched
                    }
                    None => {
                        errors.push(FieldError::not_found(name_path, &from.name));
                        continue;
                    }
                }
            } else {
                stream
            };
        let event = match source_event(source, &from.kind, &tag_or_id, &env.now) {
            Ok(Some(event)) => event,
            Ok(None) => continue,
            Err(err) => {
                errors.push(FieldError::invalid(
                    name_path,
                    &from.name,
                    format!("error generating tag event: {err}"),
                ));
                continue;
            }
        };
        if !env.fix_alias_defect
            && from.kind == KIND_IMAGE_STREAM_TAG
            && source_namespace == stream.namespace()
            && source_name == stream.name()
        {
            // Upstream's event is a pointer to the source item: setting its generation
            // changes the source tag's current event too (spec §10).
            alias_generation(stream, default_tag(&tag_or_id), generation);
        }
        let mut event = TagEvent {
            generation,
            ..event
        };
        if !tag_ref.reference
            && let Some(host) = env.internal_host()
            && let Ok(mut reference) = DockerImageReference::parse(&event.docker_image_reference)
            && reference.registry == host
            && reference.namespace == source_namespace
            && reference.name == source_name
        {
            // Pulls of a tag copied from another stream of the integrated registry go
            // through this stream from now on.
            stream.namespace().clone_into(&mut reference.namespace);
            stream.name().clone_into(&mut reference.name);
            event.docker_image_reference = reference.exact();
        }
        set_spec_tag(stream, recorded);
        add_event(stream, name, event);
    }
    if pass == TrackingPass::Effective {
        update_changed_tracking_tags(stream, old);
    }
    errors
}

/// Whether `tag_ref` is absent from `old` (or there is no `old`) or changed (§5.2).
pub(super) fn is_new_or_changed(
    old: Option<&ImageStream>,
    tag_ref: &TagReference,
    namespace: &str,
) -> bool {
    old.and_then(|old| spec_tag(old, &tag_ref.name))
        .is_none_or(|old_ref| tag_ref_changed(old_ref, tag_ref, namespace))
}

/// `parseFromReference`: `(stream, tag or id)` of an `ImageStreamTag` / `ImageStreamImage`
/// source, split on every separator; `None` for any other kind or more than two parts.
pub(super) fn parse_from_reference(
    stream_name: &str,
    from: &ObjectReference,
) -> Option<(String, String)> {
    let separator = match from.kind.as_str() {
        KIND_IMAGE_STREAM_TAG => ':',
        KIND_IMAGE_STREAM_IMAGE => '@',
        _ => return None,
    };
    let mut parts = from.name.split(separator);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(one), None, _) => Some((stream_name.to_owned(), one.to_owned())),
        (Some(stream), Some(tag), None) => Some((stream.to_owned(), tag.to_owned())),
        _ => None,
    }
}

/// `tagReferenceToTagEvent` for the stream kinds: a copy of the source's event.
fn source_event(
    source: &ImageStream,
    kind: &str,
    tag_or_id: &str,
    now: &str,
) -> Result<Option<TagEvent>, ImageStreamError> {
    match kind {
        KIND_IMAGE_STREAM_IMAGE => source.resolve_image_id(tag_or_id, now).map(Some),
        KIND_IMAGE_STREAM_TAG => Ok(current_event(source, default_tag(tag_or_id)).cloned()),
        _ => Ok(None),
    }
}

/// The aliasing defect: the source tag's current event takes the recorded generation.
fn alias_generation(stream: &mut ImageStream, tag: &str, generation: i64) {
    if let Ok(i) = status_position(stream, tag)
        && let Some(current) = stream
            .status
            .tags
            .get_mut(i)
            .and_then(|list| list.items.as_mut())
            .and_then(|items| items.front_mut())
    {
        current.generation = generation;
    }
}

/// `updateChangedTrackingTags`: tags whose current event differs from `old`'s (every tag
/// with history when there is no `old`) update the tags tracking them, in name order; a tag
/// changed by an earlier update is seen changed when its turn comes (chains follow).
fn update_changed_tracking_tags(stream: &mut ImageStream, old: Option<&ImageStream>) -> usize {
    let names: Vec<String> = stream.status.tags.iter().map(|t| t.tag.clone()).collect();
    let mut changes = 0;
    for name in &names {
        let Some(current) = current_event(stream, name).cloned() else {
            continue;
        };
        if let Some(old) = old
            && current_event(old, name).is_some_and(|previous| exactly_equal(previous, &current))
        {
            continue;
        }
        changes += update_tracking_tags(stream, name, &current);
    }
    changes
}

fn exactly_equal(a: &TagEvent, b: &TagEvent) -> bool {
    a.created == b.created
        && a.docker_image_reference == b.docker_image_reference
        && a.image == b.image
        && a.generation == b.generation
}

/// The tag verifier: a new or changed spec tag following a stream of another namespace needs
/// read access to it (`Forbidden` per tag otherwise); a malformed source is reported too.
fn verify_tag_access(
    old: Option<&ImageStream>,
    stream: &ImageStream,
    env: &ServerEnvironment,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut by_stream: BTreeMap<(String, String), Vec<&str>> = BTreeMap::new();
    for tag_ref in &stream.spec.tags {
        let Some(from) = tag_ref.from.as_ref() else {
            continue;
        };
        if from.namespace.is_empty()
            || from.namespace == stream.namespace()
            || !is_new_or_changed(old, tag_ref, stream.namespace())
        {
            continue;
        }
        match parse_from_reference(stream.name(), from) {
            Some((source, _)) => by_stream
                .entry((from.namespace.clone(), source))
                .or_default()
                .push(&tag_ref.name),
            None => errors.push(FieldError::invalid(
                format!("spec.tags[{}].from.name", tag_ref.name),
                &from.name,
                FROM_NAME_FORM,
            )),
        }
    }
    for ((namespace, source), tags) in by_stream {
        if env.may_read(&namespace, &source) {
            continue;
        }
        // The access review's reason and evaluation error, both empty for a plain denial.
        let message = format!("{namespace}/{source}: {} {}", GoQuoted(""), GoQuoted(""));
        errors.extend(
            tags.iter()
                .map(|tag| FieldError::forbidden(format!("spec.tags[{tag}].from"), &message)),
        );
    }
    errors
}

/// `validateTagsAndLimits`: the access check and §5.3, wrapped as the single internal error
/// the strategy reports.
pub(super) fn validate_tags(
    old: Option<&ImageStream>,
    stream: &mut ImageStream,
    env: &ServerEnvironment,
    pass: TrackingPass,
) -> Option<FieldError> {
    let mut errors = verify_tag_access(old, stream, env);
    errors.extend(tags_changed(old, stream, env, pass));
    (!errors.is_empty()).then(|| {
        let inner = invalid_error(IMAGE_STREAMS_INNER_KIND, stream.name(), errors);
        FieldError::internal("[]", &inner)
    })
}
