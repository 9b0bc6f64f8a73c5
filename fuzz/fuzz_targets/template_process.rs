//! Template processing on arbitrary input: the JSON and YAML readers, parameter handling,
//! `${NAME}` / `${{NAME}}` substitution, namespace stripping, labels and legacy groups never
//! panic, and a processed template is plain JSON that serialises.
//!
//! Input: the first byte picks the reader (even: JSON, odd: YAML), the rest is the template.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::template::{ProcessOptions, Template, expression_generator, process};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let template = if selector % 2 == 0 {
        Template::from_json_str(text)
    } else {
        Template::from_yaml_str(text)
    };
    let Ok(template) = template else {
        return;
    };
    let Ok(generator) = expression_generator(Some(u64::from(selector)), selector % 4 < 2) else {
        return;
    };
    let options = ProcessOptions {
        parameters: vec![("NAME".to_owned(), "${{NAME}}".to_owned())],
        labels: Some([("app".to_owned(), "${NAME}".to_owned())].into()),
        ignore_unknown_parameters: true,
        generator: Some(generator),
    };
    if let Ok(processed) = process(template, options) {
        assert!(serde_json::to_string(&processed).is_ok());
    }
});
