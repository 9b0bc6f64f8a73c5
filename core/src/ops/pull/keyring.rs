//! (being written)

use serde_json::Value;

use crate::error::OpError;
use crate::ops::Args;

pub(crate) fn kubelet_credentials(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}

pub(crate) fn keyring_url_match(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}

pub(crate) fn keyring_lookup(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}

pub(crate) fn explain(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}

pub(crate) fn lint(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}
