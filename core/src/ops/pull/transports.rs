//! (being written)

use serde_json::Value;

use crate::error::OpError;
use crate::ops::Args;

pub(crate) fn parse_image_name(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}

pub(crate) fn transport_from_image_name(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}
