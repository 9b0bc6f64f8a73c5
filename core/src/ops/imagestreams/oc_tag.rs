//! `oc tag` as a pure function over the streams it reads (spec §7).

use serde::Serialize;

use crate::error::{ImageStreamError, OpError};
use crate::imagestream::ImageStream;
use crate::imagestream::oc_tag::{OcTagOptions, OcTagRequest, oc_tag as run};
use crate::ops::Args;

/// `oc_tag`'s result: stdout, the requests sent, and the error that ended the run after a
/// request (absent otherwise; a failure before any request is the operation's error).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct OcTagReport {
    /// What `oc tag` printed.
    pub(crate) output: String,
    /// The ImageStreamTag writes, in order.
    pub(crate) requests: Vec<OcTagRequest>,
    /// The text of the failure after the first request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) error: Option<String>,
}

/// `imagestreams.oc_tag`.
pub(crate) fn oc_tag(a: &Args<'_>) -> Result<OcTagReport, OpError> {
    let namespace: String = a.req("namespace")?;
    let args: Vec<String> = a.req("args")?;
    let flags: Vec<String> = a.req("flags")?;
    let streams: Vec<ImageStream> = a.req("streams")?;
    let options = OcTagOptions::parse(&args, &flags).map_err(ImageStreamError::from)?;
    let outcome = run(&namespace, &options, &streams)?;
    Ok(OcTagReport {
        output: outcome.output,
        requests: outcome.requests,
        error: outcome.error.map(|e| e.to_string()),
    })
}
