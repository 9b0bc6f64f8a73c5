//! `oc process` input parsers on arbitrary text: the `--param-file` reader, the `-l` label
//! parser, environment-variable names, and the whole command (first line = arguments, the
//! rest = `t.json` and standard input): no panic, and parsed pairs are consistent.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use openshift_image::template::oc_process::{
    VirtualDir, oc_process, parse_labels, parse_param_file, validate_env_var_name,
};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(pairs) = parse_param_file(s) {
        for (key, _) in &pairs {
            assert!(!key.contains('\n'));
            let _ = validate_env_var_name(key);
        }
    }
    if let Ok(labels) = parse_labels(s) {
        assert!(labels.keys().all(|k| !k.is_empty() && !k.contains(',')));
    }
    let (first, rest) = s.split_once('\n').unwrap_or((s, ""));
    let args: Vec<&str> = first.split(' ').collect();
    let dir = VirtualDir {
        files: BTreeMap::from([
            ("t.json".to_owned(), rest.to_owned()),
            ("p.env".to_owned(), rest.to_owned()),
        ]),
        dirs: vec!["d".to_owned()],
        stdin: Some(rest.to_owned()),
    };
    let _ = oc_process(&args, &dir, None, None);
});
