//! The trigger controller's resolution of `image.openshift.io/triggers` for one workload.

use serde::Serialize;
use serde_json::Value;

use crate::error::OpError;
use crate::imagestream::ImageStream;
use crate::imagestream::gets::ImageApiServer;
use crate::imagestream::model::Image;
use crate::imagestream::resolve_names::resolve_pod_images;
use crate::imagestream::triggers::{
    ContainerImage, StreamTagRetriever, container_images, objects_fired_by,
    update_object_from_images,
};
use crate::ops::Args;
use crate::ops::imagestreams::gets::LookupReport;

/// `image_triggers`' result (OPS.md "Image triggers").
#[derive(Debug, Serialize)]
pub(crate) struct TriggersReport {
    updated: bool,
    containers: Vec<ContainerImage>,
    init_containers: Vec<ContainerImage>,
}

/// `imagestreams.image_triggers`.
pub(crate) fn image_triggers(a: &Args<'_>) -> Result<TriggersReport, OpError> {
    let object: Value = a.req("object")?;
    let streams: Vec<ImageStream> = a.req("streams")?;
    let internal_registry: String = a.req("internal_registry")?;
    let retriever = StreamTagRetriever::new(&streams, &internal_registry);
    let updated = update_object_from_images(&object, &retriever)?;
    let current = updated.as_ref().unwrap_or(&object);
    Ok(TriggersReport {
        updated: updated.is_some(),
        containers: container_images(current, false)?,
        init_containers: container_images(current, true)?,
    })
}

/// An error inside a result: its kind and message (the shape of the batch functions' items).
#[derive(Debug, Serialize)]
pub(crate) struct ErrorReport {
    kind: &'static str,
    message: String,
}

impl From<&crate::error::ImageStreamError> for ErrorReport {
    fn from(err: &crate::error::ImageStreamError) -> Self {
        Self {
            kind: err.kind(),
            message: err.to_string(),
        }
    }
}

/// One object of `triggers_fired_by`'s result.
#[derive(Debug, Serialize)]
pub(crate) struct FiredReport {
    index: usize,
    updated: bool,
    changed: Vec<String>,
    object: Option<Value>,
    error: Option<ErrorReport>,
}

/// `imagestreams.triggers_fired_by`: the objects a change of `namespace/stream` fires and
/// what the controller rewrites in each, tags resolved with `streams` (after the change).
pub(crate) fn triggers_fired_by(a: &Args<'_>) -> Result<Vec<FiredReport>, OpError> {
    let objects: Vec<Value> = a.req("objects")?;
    let namespace: String = a.req("namespace")?;
    let stream: String = a.req("stream")?;
    let streams: Vec<ImageStream> = a.req("streams")?;
    let internal_registry: String = a.opt("internal_registry")?.unwrap_or_default();
    let retriever = StreamTagRetriever::new(&streams, &internal_registry);
    Ok(objects_fired_by(&objects, &namespace, &stream, &retriever)
        .into_iter()
        .map(|fired| match fired.outcome {
            Ok(update) => FiredReport {
                index: fired.index,
                updated: update.object.is_some(),
                changed: update.changed,
                object: update.object,
                error: None,
            },
            Err(err) => FiredReport {
                index: fired.index,
                updated: false,
                changed: Vec::new(),
                object: None,
                error: Some(ErrorReport::from(&err)),
            },
        })
        .collect())
}

/// One container of `resolve_object_images`' result.
#[derive(Debug, Serialize)]
pub(crate) struct ContainerResolutionReport {
    init: bool,
    index: usize,
    name: String,
    image: String,
    rewritten: bool,
    resolved: Option<LookupReport>,
    error: Option<ErrorReport>,
}

/// `resolve_object_images`' result: the object after the rewrite, and every container's answer.
#[derive(Debug, Serialize)]
pub(crate) struct ObjectResolutionReport {
    object: Value,
    containers: Vec<ContainerResolutionReport>,
}

/// `imagestreams.resolve_object_images`: the image-policy admission rewrite of a workload's
/// container images (`lookupPolicy.local`, the resolve-names annotation).
pub(crate) fn resolve_object_images(a: &Args<'_>) -> Result<ObjectResolutionReport, OpError> {
    let mut object: Value = a.req("object")?;
    let streams: Vec<ImageStream> = a.req("streams")?;
    let images: Vec<Image> = a.opt("images")?.unwrap_or_default();
    let namespace: String = a.opt("namespace")?.unwrap_or_default();
    let internal_registry: Option<String> = a.opt("internal_registry")?;
    let server = ImageApiServer::new(&streams, &images, internal_registry.as_deref());
    let containers = resolve_pod_images(&mut object, &namespace, &server)?
        .into_iter()
        .map(|c| {
            let (resolved, error) = match c.outcome {
                Ok(attrs) => (Some(LookupReport::from(attrs)), None),
                Err(err) => (None, Some(ErrorReport::from(&err))),
            };
            ContainerResolutionReport {
                init: c.init,
                index: c.index,
                name: c.name,
                image: c.image,
                rewritten: c.rewritten,
                resolved,
                error,
            }
        })
        .collect();
    Ok(ObjectResolutionReport { object, containers })
}
