//! Image stream names and short image IDs on arbitrary input: no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::{
    digest_or_image_match, parse_image_stream_image_name, parse_image_stream_tag_name,
    resolve_image_id, short_docker_image_id, split_image_stream_image, split_image_stream_tag,
    validate_image_stream, validate_image_stream_name,
};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let (a, b) = s.split_once('\n').unwrap_or((s, s));
    let _ = parse_image_stream_tag_name(a);
    let _ = parse_image_stream_image_name(a);
    let _ = split_image_stream_tag(a);
    let _ = split_image_stream_image(a);
    let _ = digest_or_image_match(a, b);
    let _ = short_docker_image_id(a, b.len());
    let images: Vec<&str> = b.split(',').collect();
    let _ = resolve_image_id(&images, a);
    let _ = validate_image_stream_name(a);
    let _ = validate_image_stream("ns", a, b);
});
