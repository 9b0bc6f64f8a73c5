//! Validation of streams, tags, mappings and status updates (spec §5.6).

use std::collections::{BTreeMap, BTreeSet};

use super::field::{FieldError, FieldErrorType, FieldValue};
use super::{KIND_DOCKER_IMAGE, KIND_IMAGE_STREAM_IMAGE, KIND_IMAGE_STREAM_TAG};
use crate::gofmt::GoQuoted;
use crate::imagestream::model::{
    ImageStream, ImageStreamMapping, ImageStreamTag, ObjectMeta, TagReference,
};
use crate::reference::{DockerImageReference, validate_image_stream, validate_image_stream_name};

/// `path.ValidatePathSegmentName`.
fn path_segment_reasons(name: &str) -> Vec<String> {
    if name == "." || name == ".." {
        return vec![format!("may not be '{name}'")];
    }
    ["/", "%"]
        .into_iter()
        .filter(|illegal| name.contains(illegal))
        .map(|illegal| format!("may not contain '{illegal}'"))
        .collect()
}

/// The reasons Kubernetes rejects a namespace name, as
/// [`validate_image_stream`](crate::reference::validate_image_stream) reports them.
fn namespace_reasons(namespace: &str) -> Vec<String> {
    let prefix = format!(
        "metadata.namespace: Invalid value: {}: ",
        GoQuoted(namespace)
    );
    validate_image_stream(namespace, "a", "")
        .into_iter()
        .filter_map(|e| e.strip_prefix(&prefix).map(str::to_owned))
        .collect()
}

/// `ValidateObjectMeta` for the members the server checks: the name (with `name_reasons`)
/// and a non-empty namespace (an empty one is the request's).
fn validate_object_meta(
    meta: &ObjectMeta,
    path: &str,
    name_reasons: impl Fn(&str) -> Vec<String>,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let name = meta.name.as_deref().unwrap_or_default();
    if name.is_empty() {
        errors.push(FieldError::required(
            format!("{path}.name"),
            "name or generateName is required",
        ));
    } else {
        errors.extend(
            name_reasons(name)
                .into_iter()
                .map(|reason| FieldError::invalid(format!("{path}.name"), name, reason)),
        );
    }
    let namespace = meta.namespace.as_deref().unwrap_or_default();
    if !namespace.is_empty() {
        errors.extend(
            namespace_reasons(namespace)
                .into_iter()
                .map(|reason| FieldError::invalid(format!("{path}.namespace"), namespace, reason)),
        );
    }
    errors
}

/// `ValidateImageStreamTagReference`.
fn validate_tag_reference(tag_ref: &TagReference, path: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(from) = tag_ref.from.as_ref() {
        if from.name.is_empty() {
            errors.push(FieldError::required(format!("{path}.from.name"), ""));
        }
        match from.kind.as_str() {
            KIND_DOCKER_IMAGE => {
                if !from.name.is_empty()
                    && let Err(err) = DockerImageReference::parse(&from.name)
                {
                    errors.push(FieldError::invalid(
                        format!("{path}.from.name"),
                        &from.name,
                        err.to_string(),
                    ));
                }
            }
            KIND_IMAGE_STREAM_IMAGE | KIND_IMAGE_STREAM_TAG => {
                if tag_ref.import_policy.scheduled {
                    errors.push(FieldError::new(
                        format!("{path}.importPolicy.scheduled"),
                        FieldErrorType::Invalid,
                        FieldValue::Bool(true),
                        "only tags pointing to Docker repositories may be scheduled for background import",
                    ));
                }
            }
            _ => errors.push(FieldError::required(
                format!("{path}.from.kind"),
                "valid values are 'DockerImage', 'ImageStreamImage', 'ImageStreamTag'",
            )),
        }
    }
    let policy = tag_ref.reference_policy.kind.as_str();
    if policy != "Source" && policy != "Local" {
        errors.push(FieldError::invalid(
            format!("{path}.referencePolicy.type"),
            policy,
            r#"valid values are "Source", "Local""#,
        ));
    }
    let mode = tag_ref.import_policy.import_mode.as_str();
    if !mode.is_empty() && mode != "Legacy" && mode != "PreserveOriginal" {
        errors.push(FieldError::invalid(
            format!("{path}.importPolicy.importMode"),
            mode,
            "invalid import mode, valid modes are '', 'Legacy', 'PreserveOriginal'",
        ));
    }
    errors
}

/// `ValidateImageStream` (without a registry whitelist).
pub(super) fn validate_stream(stream: &ImageStream) -> Vec<FieldError> {
    const NAME_TOTAL_LENGTH_MAX: usize = 255;
    let mut errors = validate_object_meta(&stream.metadata, "metadata", |name| {
        validate_image_stream_name(name)
    });
    if stream.namespace().len() + 1 + stream.name().len() > NAME_TOTAL_LENGTH_MAX {
        errors.push(FieldError::invalid(
            "metadata.name",
            stream.name(),
            format!("'namespace/name' cannot be longer than {NAME_TOTAL_LENGTH_MAX} characters"),
        ));
    }
    let repository = &stream.spec.docker_image_repository;
    if !repository.is_empty() {
        let path = "spec.dockerImageRepository";
        match DockerImageReference::parse(repository) {
            Err(err) => errors.push(FieldError::invalid(path, repository, err.to_string())),
            Ok(reference) => {
                if !reference.tag.is_empty() {
                    errors.push(FieldError::invalid(
                        path,
                        repository,
                        "the repository name may not contain a tag",
                    ));
                }
                if !reference.id.is_empty() {
                    errors.push(FieldError::invalid(
                        path,
                        repository,
                        "the repository name may not contain an ID",
                    ));
                }
            }
        }
    }
    for tag_ref in &stream.spec.tags {
        errors.extend(validate_tag_reference(
            tag_ref,
            &format!("spec.tags[{}]", tag_ref.name),
        ));
    }
    for list in &stream.status.tags {
        for (i, item) in list.items().iter().enumerate() {
            let path = format!("status.tags[{}].items[{i}].dockerImageReference", list.tag);
            if item.docker_image_reference.is_empty() {
                errors.push(FieldError::required(path, ""));
            } else if let Err(err) = DockerImageReference::parse(&item.docker_image_reference) {
                errors.push(FieldError::invalid(
                    path,
                    &item.docker_image_reference,
                    err.to_string(),
                ));
            }
        }
    }
    errors
}

/// `ValidateImageStreamStatusUpdate`: every status pull spec that the old status does not
/// have must parse (one error per history item carrying it).
pub(super) fn validate_status_update(stream: &ImageStream, old: &ImageStream) -> Vec<FieldError> {
    let old_refs: BTreeSet<&str> = old
        .status
        .tags
        .iter()
        .flat_map(|t| t.items().iter())
        .map(|e| e.docker_image_reference.as_str())
        .collect();
    let mut new_refs: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for list in &stream.status.tags {
        for (i, item) in list.items().iter().enumerate() {
            new_refs
                .entry(item.docker_image_reference.as_str())
                .or_default()
                .push(format!(
                    "status.tags[{}].items[{i}].dockerImageReference",
                    list.tag
                ));
        }
    }
    let mut errors = Vec::new();
    for (reference, paths) in new_refs {
        if old_refs.contains(reference) {
            continue;
        }
        if let Err(err) = DockerImageReference::parse(reference) {
            let detail = err.to_string();
            errors.extend(
                paths
                    .into_iter()
                    .map(|path| FieldError::invalid(path, reference, detail.clone())),
            );
        }
    }
    errors
}

/// `ValidateImageStreamMapping` (the image part is `validateImage`).
pub(super) fn validate_mapping(mapping: &ImageStreamMapping) -> Vec<FieldError> {
    let mut errors = validate_object_meta(&mapping.metadata, "metadata", path_segment_reasons);
    if mapping.tag.is_empty() {
        errors.push(FieldError::required("tag", ""));
    }
    let image = &mapping.image;
    let mut image_meta = image.metadata.clone();
    image_meta.namespace = None; // Images are cluster-scoped.
    errors.extend(validate_object_meta(
        &image_meta,
        "image.metadata",
        path_segment_reasons,
    ));
    if image.docker_image_reference.is_empty() {
        errors.push(FieldError::required("image.dockerImageReference", ""));
    } else if let Err(err) = DockerImageReference::parse(&image.docker_image_reference) {
        errors.push(FieldError::invalid(
            "image.dockerImageReference",
            &image.docker_image_reference,
            err.to_string(),
        ));
    }
    errors
}

/// `ValidateImageStreamTag`.
pub(super) fn validate_istag(istag: &ImageStreamTag) -> Vec<FieldError> {
    let mut errors = validate_object_meta(&istag.metadata, "metadata", path_segment_reasons);
    if let Some(tag_ref) = istag.tag.as_ref() {
        errors.extend(validate_tag_reference(tag_ref, "tag"));
        if tag_ref.annotations.is_some()
            && !maps_semantically_equal(
                tag_ref.annotations.as_ref(),
                istag.metadata.annotations.as_ref(),
            )
        {
            errors.push(FieldError::invalid(
                "tag.annotations",
                "<map>",
                "tag annotations must not be provided or must be equal to the object meta annotations",
            ));
        }
    }
    errors
}

/// Kubernetes' semantic equality of string maps: `null` and `{}` are equal.
pub(super) fn maps_semantically_equal(
    a: Option<&BTreeMap<String, String>>,
    b: Option<&BTreeMap<String, String>>,
) -> bool {
    let empty = BTreeMap::new();
    a.unwrap_or(&empty) == b.unwrap_or(&empty)
}
