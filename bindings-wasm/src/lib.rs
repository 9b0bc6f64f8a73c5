//! WebAssembly bindings of `openshift-image` (in progress).
use wasm_bindgen::prelude::*;

/// The library version.
#[wasm_bindgen]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
