//! Every `mirrors` operation of the flat API on arbitrary input objects: registries.conf
//! texts, mirror sets, registry sources, policy.json texts, `oc` arguments and files never
//! panic and always answer a value or an error.
//!
//! Input: the first byte picks the operation, the rest is the JSON object of its arguments
//! (seed the corpus with the `input` objects of `../shared/conformance/mirrors`).
#![no_main]

mod area_ops;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| area_ops::run("mirrors.", data));
