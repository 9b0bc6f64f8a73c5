//! The ImageStreamTag / ImageStreamImage GETs and the image-policy admission resolver (spec §4.2, §6).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::OpError;
use crate::imagestream::gets::{ImageApiServer, ImagePolicyAttributes};
use crate::imagestream::model::{
    Image, ImageLookupPolicy, ImageStream, ObjectReference, TagEventCondition, TagReference,
};
use crate::ops::Args;

/// The `image` member of the GET results: the Image's name and served pull spec.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ImageSummary {
    name: String,
    docker_image_reference: String,
}

impl From<Image> for ImageSummary {
    fn from(image: Image) -> Self {
        Self {
            name: image.name().to_owned(),
            docker_image_reference: image.docker_image_reference,
        }
    }
}

/// `get_image_stream_tag`'s result (OPS.md "Resolution").
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ImageStreamTagReport {
    tag: Option<TagReference>,
    generation: i64,
    lookup_policy: ImageLookupPolicy,
    conditions: Option<Vec<TagEventCondition>>,
    annotations: BTreeMap<String, String>,
    image: ImageSummary,
}

/// `get_image_stream_image`'s result.
#[derive(Debug, Serialize)]
pub(crate) struct ImageStreamImageReport {
    name: String,
    image: ImageSummary,
}

/// `lookup_policy_resolution`'s result (OPS.md "Lookup policy").
#[derive(Debug, Serialize)]
pub(crate) struct LookupReport {
    name: String,
    local_rewrite: bool,
    integrated_registry: bool,
    image: Option<String>,
}

impl From<ImagePolicyAttributes> for LookupReport {
    fn from(attrs: ImagePolicyAttributes) -> Self {
        Self {
            name: attrs.name.exact(),
            local_rewrite: attrs.local_rewrite,
            integrated_registry: attrs.integrated_registry,
            image: attrs.image.map(|image| image.name().to_owned()),
        }
    }
}

/// `imagestreams.get_image_stream_tag` (no internal registry: OPS.md "Resolution").
pub(crate) fn get_image_stream_tag(a: &Args<'_>) -> Result<ImageStreamTagReport, OpError> {
    let streams: Vec<ImageStream> = a.req("streams")?;
    let images: Vec<Image> = a.req("images")?;
    let namespace: String = a.req("namespace")?;
    let name: String = a.req("name")?;
    let served =
        ImageApiServer::new(&streams, &images, None).get_image_stream_tag(&namespace, &name)?;
    Ok(ImageStreamTagReport {
        tag: served.tag,
        generation: served.generation,
        lookup_policy: served.lookup_policy,
        conditions: Some(served.conditions).filter(|c| !c.is_empty()),
        annotations: served.annotations,
        image: served.image.into(),
    })
}

/// `imagestreams.get_image_stream_image` (no internal registry).
pub(crate) fn get_image_stream_image(a: &Args<'_>) -> Result<ImageStreamImageReport, OpError> {
    let streams: Vec<ImageStream> = a.req("streams")?;
    let images: Vec<Image> = a.req("images")?;
    let namespace: String = a.req("namespace")?;
    let name: String = a.req("name")?;
    let served =
        ImageApiServer::new(&streams, &images, None).get_image_stream_image(&namespace, &name)?;
    Ok(ImageStreamImageReport {
        name: served.name,
        image: served.image.into(),
    })
}

/// `imagestreams.lookup_policy_resolution`.
pub(crate) fn lookup_policy_resolution(a: &Args<'_>) -> Result<LookupReport, OpError> {
    let streams: Vec<ImageStream> = a.req("streams")?;
    let images: Vec<Image> = a.req("images")?;
    let namespace: String = a.req("namespace")?;
    let reference: ObjectReference = a.req("ref")?;
    let resolve_names: bool = a.req("resolve_names")?;
    let internal_registry: Option<String> = a.opt("internal_registry")?;
    let server = ImageApiServer::new(&streams, &images, internal_registry.as_deref());
    Ok(server
        .resolve_object_reference(&reference, &namespace, resolve_names)?
        .into())
}
