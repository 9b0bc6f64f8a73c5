//! Image stream JSON on arbitrary input: reading it, every read-only and history operation
//! (plain and indexed), and writing it back never panic; a stream that was read is read back
//! equal after writing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::{
    ImageStream, IndexedImageStream, TagEvent, prioritize_tags, tag_ref_changed, validate_tag,
};

fuzz_target!(|data: &[u8]| {
    // The first line names a tag, the rest is the stream's JSON.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (tag, json) = text.split_once('\n').unwrap_or(("latest", text));
    let _ = validate_tag(tag);
    let _ = prioritize_tags(&[tag.to_owned(), "latest".to_owned(), "v1.2".to_owned()]);
    let Ok(mut stream) = serde_json::from_str::<ImageStream>(json) else {
        return;
    };
    let written = serde_json::to_value(&stream).expect("a stream that was read can be written");
    let again: ImageStream = serde_json::from_value(written).expect("and read again");
    assert_eq!(
        serde_json::to_value(&again).ok(),
        serde_json::to_value(&stream).ok()
    );

    let _ = stream.latest_tagged_image(tag);
    let _ = stream.resolve_latest_tagged_image(tag);
    let _ = stream.resolve_pull_spec_for_tag(tag, true, false);
    let _ = stream.resolve_pull_spec_for_tag(tag, false, true);
    let _ = stream.resolve_image_id(tag, "NOW");
    let _ = stream.latest_observed_tag_generation(tag);
    let _ = stream.follow_tag_reference(tag);
    let _ = stream.needs_import();
    let _ = stream.sort_status_tags();
    let _ = stream.print_tags_up_to_width(40);
    let _ = stream.get_row(1_800_000_000);
    if let Some(spec) = stream.spec_tag(tag).cloned() {
        let _ = stream.tag_references_local_tag(&spec);
        let _ = stream.tag_needs_import(&spec, true);
        let _ = tag_ref_changed(&spec, &spec, "ns");
    }
    let event = TagEvent {
        created: Some("2026-01-01T00:00:00Z".to_owned()),
        docker_image_reference: format!("quay.io/a/b@{tag}"),
        image: tag.to_owned(),
        generation: 1,
        ..TagEvent::default()
    };
    let mut indexed = IndexedImageStream::new(stream.clone());
    let _ = indexed.push(tag, event.clone());
    let _ = indexed.resolve_pull_spec_for_tag(tag, false, false);
    if stream.add_tag_event(tag, event.clone()) {
        let _ = stream.update_tracking_tags(tag, &event);
    }
});
