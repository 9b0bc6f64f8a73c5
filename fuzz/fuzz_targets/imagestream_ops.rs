//! Every `imagestreams` operation of the flat API on arbitrary input objects: the readers of
//! streams, images, workloads, manifest lists and `oc tag` arguments, and the operations over
//! them, never panic and always answer a value or an error.
//!
//! Input: the first byte picks the operation, the rest is the JSON object of its arguments
//! (seed the corpus with the `input` objects of `../shared/conformance/imagestreams`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::ops;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let area: Vec<&ops::OpSpec> = ops::OPS
        .iter()
        .filter(|spec| spec.op.starts_with("imagestreams."))
        .collect();
    let Some(spec) = area.get(usize::from(selector) % area.len().max(1)) else {
        return;
    };
    let Ok(input) = serde_json::from_slice::<serde_json::Value>(rest) else {
        return;
    };
    if let Ok(value) = ops::call(spec.op, &input) {
        // A result is always plain JSON that serialises.
        assert!(serde_json::to_string(&value).is_ok());
    }
});
