//! Every `jsonpath` operation of the flat API on arbitrary input objects: templates and
//! documents, expose annotations, trigger annotations, workloads, `oc set triggers` options
//! and the trigger linter never panic and always answer a value or an error.
//!
//! Input: the first byte picks the operation, the rest is the JSON object of its arguments
//! (seed the corpus with the `input` objects of `../shared/conformance/jsonpath`, keys in
//! snake_case).
#![no_main]

mod area_ops;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| area_ops::run("jsonpath.", data));
