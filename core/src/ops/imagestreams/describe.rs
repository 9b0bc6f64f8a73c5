//! `oc describe is` text rendering (spec §8).

use crate::error::OpError;
use crate::imagestream::ImageStream;
use crate::imagestream::describe::describe_image_stream;
use crate::imagestream::parse_rfc3339_seconds;
use crate::ops::Args;

/// `imagestreams.describe_is`: the exact text.
pub(crate) fn describe_is(a: &Args<'_>) -> Result<String, OpError> {
    let stream: ImageStream = a.req("stream")?;
    let now = super::now(a)?;
    let now = parse_rfc3339_seconds(&now)
        .ok_or_else(|| a.invalid("now", format!("not an RFC 3339 time: {now}")))?;
    Ok(describe_image_stream(&stream, now)?)
}
