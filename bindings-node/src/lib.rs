//! Node.js bindings of `openshift-image` (in progress).
use napi_derive::napi;

/// The library version.
#[napi]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
