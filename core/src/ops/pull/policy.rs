//! (being written)

use serde_json::Value;

use crate::error::OpError;
use crate::ops::Args;

pub(crate) fn policy_requirements(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}

pub(crate) fn validate_policy_scope(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}

pub(crate) fn lint(a: &Args<'_>) -> Result<Value, OpError> {
    Err(a.invalid("input", "not implemented yet"))
}
