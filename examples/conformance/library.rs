//! The dispatcher for every area: runs an op through the library's flat API
//! ([`openshift_image::ops::call`]), the same layer the Python, Node and WASM bindings expose.

use openshift_image::{OpError, ops};
use serde_json::Value;

use super::engine::CaseError;

/// Runs one op on its `input` object.
///
/// # Errors
///
/// The library's error ([`CaseError::Library`]), an unusable input ([`CaseError::Input`]) or
/// an op the library does not know ([`CaseError::UnsupportedOp`]).
pub fn dispatch(op: &str, input: &Value) -> Result<Value, CaseError> {
    ops::call(op, input).map_err(|err| match err {
        OpError::UnknownOp { op } => CaseError::unsupported(op),
        OpError::InvalidArgument { .. } => CaseError::input(err.to_string()),
        other => CaseError::library(other.kind(), other.to_string()).with_phase(other.phase()),
    })
}
