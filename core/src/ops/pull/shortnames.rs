//! (being written)

use serde_json::Value;

use crate::error::OpError;
use crate::ops::Args;

pub(crate) fn resolve_short_name(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}

pub(crate) fn resolve_short_name_locally(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}

pub(crate) fn is_short_name(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}
