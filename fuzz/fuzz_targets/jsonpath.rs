//! kubectl JSONPath on arbitrary input: parsing any template and evaluating it on any JSON
//! document, in every option combination, never panics and stays within the engine's bounds;
//! a template that parses once parses again to the same tree; the engine's own JSON reader
//! (`execute_json`) answers exactly what evaluation of the `serde_json` value answers
//! whenever serde_json reads the text.
//!
//! Input: the first line is the template, the rest the JSON document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::jsonpath::{Document, ExecuteOptions, JsonPath, NumberMode};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (template, document) = text.split_once('\n').unwrap_or((text, "null"));
    let Ok(path) = JsonPath::parse(template) else {
        return;
    };
    assert_eq!(JsonPath::parse(template).ok().as_ref(), Some(&path));
    let text = document;
    let parsed = Document::parse(text);
    let Ok(document) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    // serde_json reads it, so the engine's reader does too (it is laxer only on lone
    // surrogate escapes and nesting beyond serde_json's 128 levels).
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(openshift_image::jsonpath::JsonPathError::BadNumber(_)) => return,
        Err(e) => panic!("serde_json reads {text:?}, Document::parse fails: {e}"),
    };
    assert_eq!(parsed.to_value(), document);
    for allow_missing_keys in [false, true] {
        for numbers in [NumberMode::Int64, NumberMode::Float64] {
            for output_json in [false, true] {
                let options = ExecuteOptions {
                    allow_missing_keys,
                    numbers,
                    output_json,
                };
                let from_value = path.execute(&document, &options);
                let from_text = path.execute_document(&parsed, &options);
                assert_eq!(from_value, from_text, "{template:?} on {text:?}");
                let _ = path.find_results_with(&document, &options);
            }
        }
    }
});
