//! Auth files on arbitrary input: decoding any text in either layout never panics; for a file
//! that decodes, the indexed lookup answers exactly what the upstream-shaped scan answers (for
//! the name and every parent of it), the explanation names the key the lookup used, and the
//! image lookup, lint and oc's resolver never panic.
//!
//! Input: the first line is the key or image to look up, the rest the file's text; a text
//! starting with `#legacy\n` is read in the legacy `.dockercfg` layout.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::pull::authfile::{
    AuthFile, AuthFileFormat, OcCredentialStore, lint_auth_file,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (name, rest) = text.split_once('\n').unwrap_or((text, ""));
    let (format, json) = match rest.strip_prefix("#legacy\n") {
        Some(json) => (AuthFileFormat::Legacy, json),
        None => (AuthFileFormat::Config, rest),
    };
    let Ok(file) = AuthFile::parse(json, format) else {
        return;
    };
    let mut key = name;
    loop {
        let indexed = file.credentials_for_key(key).map_err(|e| e.to_string());
        let scanned = file
            .credentials_for_key_scan(key)
            .map_err(|e| e.to_string());
        assert_eq!(indexed, scanned, "{key:?}");
        let explained = file.explain_key(key);
        if let Ok(Some(found)) = &indexed {
            assert_eq!(explained.winner.map(|w| w.key).as_deref(), Some(found.key));
        }
        match key.rfind('/').and_then(|i| key.get(..i)) {
            Some(parent) => key = parent,
            None => break,
        }
    }
    let _ = file.credentials_for_image(name);
    let _ = file.explain_image(name);
    let _ = lint_auth_file(&file);
    if let Ok(store) = OcCredentialStore::from_auth_file(&file) {
        let _ = store.credentials_for(name);
    }
});
