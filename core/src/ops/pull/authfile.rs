//! (being written)

use serde_json::Value;

use crate::error::OpError;
use crate::ops::Args;

pub(crate) fn auth_file_credentials(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}

pub(crate) fn oc_registry_credentials(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}

pub(crate) fn explain(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}

pub(crate) fn lint(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}
