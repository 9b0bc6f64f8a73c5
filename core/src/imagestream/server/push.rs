//! Pushes through ImageStreamMapping (spec §3.3).

use std::collections::BTreeSet;

use super::field::{invalid_error, not_found};
use super::tags::{add_event, decorate, prepare_input, stored, update_tracking_tags};
use super::validation::validate_mapping;
use super::{
    IMAGE_STREAM_MAPPING_KIND, IMAGE_STREAMS_RESOURCE, MANAGED_ANNOTATION, ServerEnvironment,
    update_status,
};
use crate::error::ImageStreamError;
use crate::imagestream::history::default_tag;
use crate::imagestream::model::{Image, ImageStream, ImageStreamMapping, TagEvent};
use crate::reference::DockerImageReference;

/// The outcome of [`image_stream_mapping`].
#[derive(Debug, Clone, PartialEq)]
pub struct Push {
    /// The target stream as stored after the push.
    pub stream: ImageStream,
    /// The Images the push created (none when the image already existed).
    pub created_images: Vec<Image>,
}

/// `POST imagestreammappings`: records a push of `mapping.image` to `mapping.tag` (spec §3.3).
///
/// The target is `stream`, or the stream of `env` named by `mapping.metadata.name` (in
/// `stream`'s namespace unless the mapping names one). The Image is created unless its name
/// is in `existing_images`; an image without pull spec gets `<internal host>/<ns>/<name>@<image>`.
/// The event `{created: now, dockerImageReference, image, generation: stream generation}`
/// uses the image's pull spec, or `<stream repository>@<image>` for an existing image
/// annotated `openshift.io/image.managed: "true"`; when it changes the history, the tags
/// tracking the tag follow and the status is saved ([`update_status`]).
///
/// # Errors
/// * [`ImageStreamError::Invalid`] (`ImageStreamMapping.image.openshift.io …`) for a mapping
///   without tag, an image without name or with an unparsable pull spec;
/// * [`ImageStreamError::NotFound`] when the target stream does not exist;
/// * the errors of [`update_status`].
pub fn image_stream_mapping(
    stream: &ImageStream,
    mapping: &ImageStreamMapping,
    existing_images: &BTreeSet<String>,
    env: &ServerEnvironment,
) -> Result<Push, ImageStreamError> {
    let mut mapping = mapping.clone();
    let namespace = mapping
        .metadata
        .namespace
        .clone()
        .filter(|ns| !ns.is_empty())
        .unwrap_or_else(|| stream.namespace().to_owned());
    let name = mapping
        .metadata
        .name
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| stream.name().to_owned());
    mapping.metadata.namespace = Some(namespace.clone());
    mapping.metadata.name = Some(name.clone());
    if mapping.image.docker_image_reference.is_empty()
        && let Some(host) = env.internal_host()
    {
        mapping.image.docker_image_reference = DockerImageReference {
            registry: host.to_owned(),
            namespace: namespace.clone(),
            name: name.clone(),
            id: mapping.image.name().to_owned(),
            ..DockerImageReference::default()
        }
        .exact();
    }
    let causes = validate_mapping(&mapping);
    if !causes.is_empty() {
        return Err(invalid_error(IMAGE_STREAM_MAPPING_KIND, &name, causes));
    }
    let mut target = if stream.namespace() == namespace && stream.name() == name {
        stream.clone()
    } else {
        env.stream(&namespace, &name)
            .cloned()
            .ok_or_else(|| not_found(IMAGE_STREAMS_RESOURCE, &name))?
    };
    prepare_input(&mut target);
    let mut current = target.clone();
    decorate(&mut current, env);

    let image = mapping.image;
    let tag = default_tag(&mapping.tag).to_owned();
    let exists = existing_images.contains(image.name());
    let mut reference = image.docker_image_reference.clone();
    let managed = image
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(MANAGED_ANNOTATION))
        .is_some_and(|v| v == "true");
    if exists && managed {
        // A managed image is most likely tagged elsewhere too: pulls go through this stream.
        let repository = if current.status.docker_image_repository.is_empty() {
            &current.spec.docker_image_repository
        } else {
            &current.status.docker_image_repository
        };
        if !repository.is_empty()
            && let Ok(mut local) = DockerImageReference::parse(repository)
        {
            local.id = image.name().to_owned();
            reference = local.exact();
        }
    }
    let next = TagEvent {
        created: Some(env.now.clone()),
        docker_image_reference: reference,
        image: image.name().to_owned(),
        generation: current.generation(),
        ..TagEvent::default()
    };
    let created_images = if exists { Vec::new() } else { vec![image] };
    if !add_event(&mut current, &tag, next.clone()) {
        return Ok(Push {
            stream: stored(current),
            created_images,
        });
    }
    update_tracking_tags(&mut current, &tag, &next);
    let stream = update_status(&target, current, env)?;
    Ok(Push {
        stream,
        created_images,
    })
}
