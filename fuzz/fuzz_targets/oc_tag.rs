//! `oc tag` on arbitrary arguments, flags and streams: parsing and the run never panic, and a
//! run's outcome is consistent (one output line per successful request, a late error only
//! after a request, never more requests than destinations).
//!
//! Input (UTF-8): sections separated by NUL: the namespace, the arguments (one per line), the
//! flags (one per line), and the streams as a JSON array. When the last section is not valid
//! streams, a stream of the namespace named after the first argument's stream is used, with a
//! spec tag, a pinned tag, a reference-only tag and an empty tag, so that look-ups succeed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::imagestream::ImageStream;
use openshift_image::imagestream::oc_tag::{OcTagOptions, oc_tag};

fn fallback_streams(namespace: &str, args: &[&str]) -> Vec<ImageStream> {
    let first = args.first().copied().unwrap_or("ruby:1");
    let name = first.rsplit('/').next().unwrap_or(first);
    let name = name.split([':', '@']).next().unwrap_or(name);
    let stream = serde_json::json!({
        "metadata": {"name": name, "namespace": namespace},
        "spec": {"tags": [{"name": "spec", "from": {"kind": "DockerImage", "name": "a:1"}}]},
        "status": {"dockerImageRepository": "", "tags": [
            {"tag": "1", "items": [{"created": null, "dockerImageReference": "r/a@sha256:0",
                "image": "sha256:0000000000000000000000000000000000000000000000000000000000000000",
                "generation": 1}]},
            {"tag": "ref", "items": [{"created": null, "dockerImageReference": first,
                "image": "", "generation": 1}]},
            {"tag": "empty", "items": null}
        ]}
    });
    serde_json::from_value(stream)
        .map(|s| vec![s])
        .unwrap_or_default()
}

fn lines(section: Option<&str>) -> Vec<&str> {
    section.map(|s| s.split('\n').collect()).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sections = text.splitn(4, '\0');
    let namespace = sections.next().unwrap_or_default();
    let args = lines(sections.next());
    let flags = lines(sections.next());
    let streams = sections
        .next()
        .and_then(|s| serde_json::from_str::<Vec<ImageStream>>(s).ok())
        .unwrap_or_else(|| fallback_streams(namespace, &args));

    let Ok(options) = OcTagOptions::parse(&args, &flags) else {
        return;
    };
    let Ok(outcome) = oc_tag(namespace, &options, &streams) else {
        return;
    };
    assert!(outcome.requests.len() <= options.destinations.len());
    assert!(outcome.error.is_none() || !outcome.requests.is_empty());
    // One line per successful request (the words cannot hold a newline; the namespace can).
    // A failed DELETE is listed but prints nothing; a failed tag-name check sends nothing.
    if !namespace.contains('\n') {
        let lines = outcome.output.matches('\n').count();
        let failed = usize::from(outcome.error.is_some());
        assert!(lines == outcome.requests.len() || lines + failed == outcome.requests.len());
    }
    for request in &outcome.requests {
        assert!(serde_json::to_string(request).is_ok());
    }
});
