//! The trigger controller's resolution of `image.openshift.io/triggers` for one workload.

use serde::Serialize;
use serde_json::Value;

use crate::error::OpError;
use crate::imagestream::ImageStream;
use crate::imagestream::triggers::{
    ContainerImage, StreamTagRetriever, container_images, update_object_from_images,
};
use crate::ops::Args;

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
