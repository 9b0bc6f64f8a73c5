//! Every `imagestreams` operation of the flat API on arbitrary input objects: the readers of
//! streams, images, workloads, manifest lists and `oc tag` arguments, and the operations over
//! them, never panic and always answer a value or an error.
//!
//! Input: the first byte picks the operation, the rest is the JSON object of its arguments
//! (seed the corpus with the `input` objects of `../shared/conformance/imagestreams`).
#![no_main]

mod area_ops;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| area_ops::run("imagestreams.", data));
