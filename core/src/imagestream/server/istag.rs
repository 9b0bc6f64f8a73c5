//! The ImageStreamTag DELETE, PUT and POST (spec §5.4).

use std::collections::BTreeMap;

use super::field::{FieldError, invalid_error, not_found};
use super::tags::{
    decorate, prepare_input, set_spec_tag, spec_position, spec_tag, status_position,
};
use super::validation::{maps_semantically_equal, validate_istag};
use super::{
    IMAGE_STREAM_TAG_KIND, IMAGE_STREAM_TAG_RESOURCE, IMAGE_STREAM_TAGS_RESOURCE,
    IMAGE_STREAMS_RESOURCE, STORED_RESOURCE_VERSION, ServerEnvironment, create, update_internal,
};
use crate::error::ImageStreamError;
use crate::gofmt::GoQuoted;
use crate::imagestream::model::{ImageStream, ImageStreamTag, ObjectMeta};
use crate::reference::{parse_image_stream_tag_name, split_image_stream_tag};

/// The stored stream `namespace/name`: `given` when it is that stream, else one of `env`'s.
fn find_stream(
    namespace: &str,
    name: &str,
    given: Option<&ImageStream>,
    env: &ServerEnvironment,
) -> Option<ImageStream> {
    given
        .filter(|s| s.name() == name && (s.namespace().is_empty() || s.namespace() == namespace))
        .cloned()
        .or_else(|| env.stream(namespace, name).cloned())
        .map(|mut s| {
            prepare_input(&mut s);
            s
        })
}

/// `(stream, tag)` of an ImageStreamTag name, or the BadRequest upstream answers.
fn istag_name_parts(name: &str) -> Result<(String, String), ImageStreamError> {
    parse_image_stream_tag_name(name)
        .map(|parts| (parts.name, parts.tag))
        .map_err(|_| ImageStreamError::BadRequest {
            message: "ImageStreamTags must be retrieved with <name>:<tag>".to_owned(),
        })
}

/// `DELETE imagestreamtags/<stream>:<tag>`: removes the spec and status entries of the tag
/// from `stream` (or from the stream of `env` the name gives) and saves it (spec §5.4).
///
/// # Errors
/// * [`ImageStreamError::BadRequest`] for a name that is not `<stream>:<tag>`;
/// * [`ImageStreamError::NotFound`] for an unknown stream or a tag with neither entry;
/// * the validation errors of the update.
pub fn delete_image_stream_tag(
    stream: &ImageStream,
    name: &str,
    env: &ServerEnvironment,
) -> Result<ImageStream, ImageStreamError> {
    let (stream_name, tag) = istag_name_parts(name)?;
    let namespace = stream.namespace().to_owned();
    let old = find_stream(&namespace, &stream_name, Some(stream), env)
        .ok_or_else(|| not_found(IMAGE_STREAMS_RESOURCE, &stream_name))?;
    let mut next = old.clone();
    decorate(&mut next, env);
    let mut found = false;
    if let Ok(i) = status_position(&next, &tag) {
        next.status.tags.remove(i);
        found = true;
    }
    if let Ok(i) = spec_position(&next, &tag) {
        next.spec.tags.remove(i);
        found = true;
    }
    if !found {
        return Err(not_found(IMAGE_STREAM_TAGS_RESOURCE, name));
    }
    update_internal(&old, next, env)
}

/// `PUT imagestreamtags/<stream>:<tag>` in `namespace`: replaces the spec tag with
/// `istag.tag` (its name forced) and its annotations with `istag.metadata.annotations`,
/// creating the stream when `stream` is `None` and `env` has none (spec §5.4). Without
/// `tag`, only the annotations of an existing spec tag are replaced.
///
/// # Errors
/// * [`ImageStreamError::BadRequest`] for a malformed name, or no `tag` for a tag that is not
///   a spec tag;
/// * [`ImageStreamError::Conflict`] for a stale `metadata.resourceVersion` (the stored one is
///   the stream's, `"1"` when it carries none); [`ImageStreamError::NotFound`] for a
///   `resourceVersion` on a stream that does not exist;
/// * [`ImageStreamError::Invalid`] (`ImageStreamTag.image.openshift.io …`) for an invalid
///   tag, or the stream's errors from [`create`](super::create) / [`update`](super::update).
pub fn put_image_stream_tag(
    namespace: &str,
    stream: Option<&ImageStream>,
    istag: &ImageStreamTag,
    env: &ServerEnvironment,
) -> Result<ImageStream, ImageStreamError> {
    let istag_name = istag.metadata.name.clone().unwrap_or_default();
    let (stream_name, tag) = istag_name_parts(&istag_name)?;
    let existing = find_stream(namespace, &stream_name, stream, env);
    let (old, original, original_rv) = match existing {
        Some(old) => {
            let mut original = old.clone();
            decorate(&mut original, env);
            let rv = resource_version(&old.metadata)
                .unwrap_or(STORED_RESOURCE_VERSION)
                .to_owned();
            (Some(old), original, rv)
        }
        None => (None, new_stream(namespace, &stream_name), String::new()),
    };
    let mut istag = istag.clone();
    if let Some(tag_ref) = istag.tag.as_mut() {
        tag_ref.apply_v1_defaults();
    }
    match resource_version(&istag.metadata) {
        None => {}
        Some(_) if original_rv.is_empty() => {
            return Err(not_found(IMAGE_STREAM_TAGS_RESOURCE, &istag_name));
        }
        Some(rv) if rv != original_rv => {
            return Err(ImageStreamError::Conflict {
                resource: IMAGE_STREAM_TAGS_RESOURCE.to_owned(),
                name: istag_name.clone(),
                message: format!(
                    "another caller has updated the resource version to {original_rv}"
                ),
            });
        }
        Some(_) => {}
    }
    // Old clients send no labels: they default to the stream's.
    if original
        .metadata
        .labels
        .as_ref()
        .is_some_and(|l| !l.is_empty())
        && istag
            .metadata
            .labels
            .as_ref()
            .is_none_or(BTreeMap::is_empty)
    {
        istag.metadata.labels.clone_from(&original.metadata.labels);
    }
    let causes = if old.is_none() {
        prepare_istag_for_create(&mut istag, &tag);
        validate_istag(&istag)
    } else {
        // For compatibility, a PUT need not repeat the annotations inside the tag.
        if let Some(tag_ref) = istag.tag.as_mut() {
            tag_ref.annotations.clone_from(&istag.metadata.annotations);
        }
        let mut causes = validate_istag(&istag);
        if !only_annotations_changed(&istag, &original) {
            causes.push(FieldError::invalid(
                "metadata",
                "",
                "may not update fields other than metadata.annotations",
            ));
        }
        causes
    };
    if !causes.is_empty() {
        return Err(invalid_error(IMAGE_STREAM_TAG_KIND, &istag_name, causes));
    }
    let mut next = original;
    let mut tag_ref = match (istag.tag, spec_tag(&next, &tag)) {
        (Some(tag_ref), _) => tag_ref,
        (None, Some(existing)) => existing.clone(),
        (None, None) => {
            return Err(ImageStreamError::BadRequest {
                message: format!(
                    "imagestreamtag {tag} is not a spec tag in imagestream {}/{}, cannot be updated",
                    next.namespace(),
                    next.name()
                ),
            });
        }
    };
    tag_ref.name = tag;
    tag_ref.annotations = istag.metadata.annotations;
    set_spec_tag(&mut next, tag_ref);
    match old {
        None => create(next, env),
        Some(old) => update_internal(&old, next, env),
    }
}

/// `POST imagestreamtags` in `namespace`: adds `istag.tag` as a new spec tag, creating the
/// stream when it does not exist (spec §5.4). Without `tag` the stream is saved unchanged.
///
/// # Errors
/// * [`ImageStreamError::Invalid`] (`ImageStreamTag.image.openshift.io …`) for an invalid
///   tag or tag annotations that differ from `metadata.annotations`;
/// * [`ImageStreamError::Internal`] for a name without `:`;
/// * [`ImageStreamError::AlreadyExists`] when the spec tag exists;
/// * the stream's errors from [`create`](super::create) / [`update`](super::update).
pub fn post_image_stream_tag(
    namespace: &str,
    stream: Option<&ImageStream>,
    istag: &ImageStreamTag,
    env: &ServerEnvironment,
) -> Result<ImageStream, ImageStreamError> {
    let istag_name = istag.metadata.name.clone().unwrap_or_default();
    let mut istag = istag.clone();
    if let Some(tag_ref) = istag.tag.as_mut() {
        tag_ref.apply_v1_defaults();
    }
    let (split, ok) = split_image_stream_tag(&istag_name);
    prepare_istag_for_create(&mut istag, &split.tag);
    let causes = validate_istag(&istag);
    if !causes.is_empty() {
        return Err(invalid_error(IMAGE_STREAM_TAG_KIND, &istag_name, causes));
    }
    if !ok {
        return Err(ImageStreamError::Internal {
            message: format!(
                "{} must be of the form <stream_name>:<tag>",
                GoQuoted(&istag_name)
            ),
        });
    }
    let old = find_stream(namespace, &split.name, stream, env);
    let mut next = match old.as_ref() {
        Some(old) => {
            let mut next = old.clone();
            decorate(&mut next, env);
            next
        }
        None => new_stream(namespace, &split.name),
    };
    if spec_tag(&next, &split.tag).is_some() {
        return Err(ImageStreamError::AlreadyExists {
            resource: IMAGE_STREAM_TAG_RESOURCE.to_owned(),
            name: istag_name,
        });
    }
    if let Some(mut tag_ref) = istag.tag {
        tag_ref.name.clone_from(&split.tag);
        set_spec_tag(&mut next, tag_ref);
    }
    match old {
        None => create(next, env),
        Some(old) => update_internal(&old, next, env),
    }
}

fn new_stream(namespace: &str, name: &str) -> ImageStream {
    ImageStream {
        metadata: ObjectMeta {
            name: Some(name.to_owned()),
            namespace: Some(namespace.to_owned()),
            ..ObjectMeta::default()
        },
        ..ImageStream::default()
    }
}

fn resource_version(meta: &ObjectMeta) -> Option<&str> {
    meta.extra
        .get("resourceVersion")
        .and_then(serde_json::Value::as_str)
        .filter(|rv| !rv.is_empty())
}

/// The ImageStreamTag strategy's `PrepareForCreate`: a tag without name takes the one of the
/// ImageStreamTag; conditions are cleared.
fn prepare_istag_for_create(istag: &mut ImageStreamTag, tag: &str) {
    if let Some(tag_ref) = istag.tag.as_mut()
        && tag_ref.name.is_empty()
    {
        tag.clone_into(&mut tag_ref.name);
    }
    istag.conditions.clear();
}

/// The update check of `ValidateImageStreamTagUpdate`: besides the tag and the annotations,
/// the object sent may not differ from the one the server derives from the stream (labels,
/// other metadata). System members the server fills in itself are not compared.
fn only_annotations_changed(istag: &ImageStreamTag, stream: &ImageStream) -> bool {
    const SYSTEM: [&str; 7] = [
        "uid",
        "resourceVersion",
        "creationTimestamp",
        "generation",
        "selfLink",
        "managedFields",
        "deletionGracePeriodSeconds",
    ];
    let labels_equal = maps_semantically_equal(
        istag.metadata.labels.as_ref(),
        stream.metadata.labels.as_ref(),
    );
    let no_other_metadata = istag.metadata.extra.iter().all(|(key, value)| {
        SYSTEM.contains(&key.as_str())
            || match value {
                serde_json::Value::Null => true,
                serde_json::Value::String(s) => s.is_empty(),
                serde_json::Value::Array(a) => a.is_empty(),
                serde_json::Value::Object(o) => o.is_empty(),
                _ => false,
            }
    });
    labels_equal && no_other_metadata
}
