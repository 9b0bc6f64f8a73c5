//! The server's image stream strategy and REST storage: spec → status, create, update, pushes
//! (ImageStreamMapping) and ImageStreamTag writes (spec §5), as flat operations over
//! [`crate::imagestream::server`].

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::error::OpError;
use crate::imagestream::server::{self as strategy, ServerEnvironment};
use crate::imagestream::{
    ImageStream, ImageStreamMapping, ImageStreamSpec, ImageStreamStatus, ImageStreamTag,
};
use crate::ops::Args;

/// A stream as the lifecycle results carry it: metadata reduced to name, namespace,
/// generation, labels and annotations (each omitted when empty), then spec and status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct StreamResult {
    /// The reduced metadata.
    pub(crate) metadata: StreamMetadata,
    /// `spec`.
    pub(crate) spec: ImageStreamSpec,
    /// `status`.
    pub(crate) status: ImageStreamStatus,
}

/// The metadata members of [`StreamResult`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct StreamMetadata {
    /// `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) name: Option<String>,
    /// `namespace`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) namespace: Option<String>,
    /// `generation`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) generation: Option<i64>,
    /// `labels`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) labels: Option<BTreeMap<String, String>>,
    /// `annotations`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) annotations: Option<BTreeMap<String, String>>,
}

impl From<ImageStream> for StreamResult {
    fn from(stream: ImageStream) -> Self {
        let meta = stream.metadata;
        let non_empty_map = |m: Option<BTreeMap<String, String>>| m.filter(|m| !m.is_empty());
        Self {
            metadata: StreamMetadata {
                name: meta.name.filter(|n| !n.is_empty()),
                namespace: meta.namespace.filter(|n| !n.is_empty()),
                generation: meta.generation.filter(|g| *g != 0),
                labels: non_empty_map(meta.labels),
                annotations: non_empty_map(meta.annotations),
            },
            spec: stream.spec,
            status: stream.status,
        }
    }
}

/// `spec_tags_to_status`'s result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct SpecTagsApplied {
    /// The field errors, in order of detection.
    pub(crate) errors: Vec<String>,
    /// The stream after §5.3.
    pub(crate) stream: StreamResult,
}

/// The result of the lifecycle writes: the stream as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct StoredStream {
    /// The stored stream.
    pub(crate) stream: StreamResult,
}

/// `image_stream_mapping`'s result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PushResult {
    /// The stored stream after the push.
    pub(crate) stream: StreamResult,
    /// The names of the Images the push created.
    pub(crate) created_images: Vec<String>,
}

/// The environment fields shared by the server ops (absent = none).
fn environment(a: &Args<'_>) -> Result<ServerEnvironment, OpError> {
    let mut env = ServerEnvironment::new(super::now(a)?);
    env.internal_registry = a.opt("internal_registry")?;
    env.external_registry = a.opt("external_registry")?;
    for stream in a
        .opt::<Vec<ImageStream>>("other_streams")?
        .unwrap_or_default()
    {
        env.add_stream(stream);
    }
    for denied in a.opt::<Vec<String>>("denied_streams")?.unwrap_or_default() {
        let (namespace, name) = denied.split_once('/').ok_or_else(|| {
            a.invalid(
                "denied_streams",
                format!("{denied:?} is not <namespace>/<name>"),
            )
        })?;
        env = env.with_denied_stream(namespace, name);
    }
    Ok(env)
}

fn stored(stream: ImageStream) -> StoredStream {
    StoredStream {
        stream: stream.into(),
    }
}

/// `imagestreams.spec_tags_to_status`.
pub(crate) fn spec_tags_to_status(a: &Args<'_>) -> Result<SpecTagsApplied, OpError> {
    let old: Option<ImageStream> = a.opt("old")?;
    let mut stream: ImageStream = a.req("stream")?;
    let env = environment(a)?;
    let errors = strategy::spec_tags_to_status(old.as_ref(), &mut stream, &env);
    Ok(SpecTagsApplied {
        errors: errors.iter().map(ToString::to_string).collect(),
        stream: stream.into(),
    })
}

/// `imagestreams.create`.
pub(crate) fn create(a: &Args<'_>) -> Result<StoredStream, OpError> {
    let env = environment(a)?;
    Ok(stored(strategy::create(a.req("stream")?, &env)?))
}

/// `imagestreams.update`.
pub(crate) fn update(a: &Args<'_>) -> Result<StoredStream, OpError> {
    let env = environment(a)?;
    let old: ImageStream = a.req("old")?;
    Ok(stored(strategy::update(&old, a.req("stream")?, &env)?))
}

/// `imagestreams.update_status`.
pub(crate) fn update_status(a: &Args<'_>) -> Result<StoredStream, OpError> {
    let env = environment(a)?;
    let old: ImageStream = a.req("old")?;
    Ok(stored(strategy::update_status(
        &old,
        a.req("stream")?,
        &env,
    )?))
}

/// `imagestreams.image_stream_mapping`.
pub(crate) fn image_stream_mapping(a: &Args<'_>) -> Result<PushResult, OpError> {
    let env = environment(a)?;
    let stream: ImageStream = a.req("stream")?;
    let mapping: ImageStreamMapping = a.req("mapping")?;
    let existing: BTreeSet<String> = a.opt("existing_images")?.unwrap_or_default();
    let push = strategy::image_stream_mapping(&stream, &mapping, &existing, &env)?;
    Ok(PushResult {
        stream: push.stream.into(),
        created_images: push
            .created_images
            .iter()
            .map(|image| image.name().to_owned())
            .collect(),
    })
}

/// `imagestreams.delete_image_stream_tag`.
pub(crate) fn delete_image_stream_tag(a: &Args<'_>) -> Result<StoredStream, OpError> {
    let env = environment(a)?;
    let stream: ImageStream = a.req("stream")?;
    let name: String = a.req("name")?;
    Ok(stored(strategy::delete_image_stream_tag(
        &stream, &name, &env,
    )?))
}

/// `imagestreams.put_image_stream_tag`.
pub(crate) fn put_image_stream_tag(a: &Args<'_>) -> Result<StoredStream, OpError> {
    let (namespace, stream, istag, env) = istag_args(a)?;
    Ok(stored(strategy::put_image_stream_tag(
        &namespace,
        stream.as_ref(),
        &istag,
        &env,
    )?))
}

/// `imagestreams.post_image_stream_tag`.
pub(crate) fn post_image_stream_tag(a: &Args<'_>) -> Result<StoredStream, OpError> {
    let (namespace, stream, istag, env) = istag_args(a)?;
    Ok(stored(strategy::post_image_stream_tag(
        &namespace,
        stream.as_ref(),
        &istag,
        &env,
    )?))
}

type IstagArgs = (
    String,
    Option<ImageStream>,
    ImageStreamTag,
    ServerEnvironment,
);

/// `namespace`, `stream` (`null` = no such stream), `istag` and the environment.
fn istag_args(a: &Args<'_>) -> Result<IstagArgs, OpError> {
    Ok((
        a.req("namespace")?,
        a.opt("stream")?,
        a.req("istag")?,
        environment(a)?,
    ))
}
