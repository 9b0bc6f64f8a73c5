//! kubectl JSONPath on arbitrary input: parsing any template and evaluating it on any JSON
//! document, in every option combination, never panics and stays within the engine's bounds;
//! a template that parses once parses again to the same tree.
//!
//! Input: the first line is the template, the rest the JSON document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::jsonpath::{ExecuteOptions, JsonPath, NumberMode};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (template, document) = text.split_once('\n').unwrap_or((text, "null"));
    let Ok(path) = JsonPath::parse(template) else {
        return;
    };
    assert_eq!(JsonPath::parse(template).ok().as_ref(), Some(&path));
    let Ok(document) = serde_json::from_str::<serde_json::Value>(document) else {
        return;
    };
    for allow_missing_keys in [false, true] {
        for numbers in [NumberMode::Int64, NumberMode::Float64] {
            for output_json in [false, true] {
                let options = ExecuteOptions {
                    allow_missing_keys,
                    numbers,
                    output_json,
                };
                let _ = path.execute(&document, &options);
                let _ = path.find_results_with(&document, &options);
            }
        }
    }
});
