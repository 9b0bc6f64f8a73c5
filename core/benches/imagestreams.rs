//! Image stream operations on a large stream: 1,000 tags × 100 history items (issue target:
//! pushing an event and resolving a tag under 1 µs each, independent of the number of tags).
//!
//! `cargo bench -p openshift-image --bench imagestreams`.

#![allow(missing_docs, clippy::panic)]

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use openshift_image::{ImageStream, IndexedImageStream, TagEvent};
use serde_json::{Value, json};

const TAGS: usize = 1_000;
const HISTORY: usize = 100;

fn digest(tag: usize, item: usize) -> String {
    format!("sha256:{:064x}", tag * 1_000_003 + item)
}

/// A stream whose every tag has a spec entry (half `Local`, half `Source`) and 100 items.
fn large_stream() -> ImageStream {
    let spec_tags: Vec<Value> = (0..TAGS)
        .map(|t| {
            json!({
                "name": format!("tag-{t}"),
                "from": {"kind": "DockerImage", "name": format!("quay.io/org/app:tag-{t}")},
                "generation": 2,
                "importPolicy": {},
                "referencePolicy": {"type": if t % 2 == 0 { "Local" } else { "Source" }},
                "annotations": null
            })
        })
        .collect();
    let status_tags: Vec<Value> = (0..TAGS)
        .map(|t| {
            let items: Vec<Value> = (0..HISTORY)
                .map(|i| {
                    json!({
                        "created": "2026-01-01T00:00:00Z",
                        "dockerImageReference": format!("quay.io/org/app@{}", digest(t, i)),
                        "image": digest(t, i),
                        "generation": 2
                    })
                })
                .collect();
            json!({"tag": format!("tag-{t}"), "items": items})
        })
        .collect();
    let stream = json!({
        "apiVersion": "image.openshift.io/v1",
        "kind": "ImageStream",
        "metadata": {"name": "app", "namespace": "team", "generation": 2},
        "spec": {"lookupPolicy": {"local": false}, "tags": spec_tags},
        "status": {
            "dockerImageRepository": "image-registry.openshift-image-registry.svc:5000/team/app",
            "tags": status_tags
        }
    });
    serde_json::from_value(stream).unwrap_or_else(|e| panic!("bench stream: {e}"))
}

fn event(image: &str, generation: i64) -> TagEvent {
    TagEvent {
        created: Some("2026-06-01T00:00:00Z".to_owned()),
        docker_image_reference: format!("quay.io/org/app@{image}"),
        image: image.to_owned(),
        generation,
        ..TagEvent::default()
    }
}

fn bench(c: &mut Criterion) {
    let stream = IndexedImageStream::new(large_stream());
    let mut group = c.benchmark_group("imagestreams_1000_tags_x_100_items");

    group.bench_function("resolve_latest_tagged_image", |b| {
        b.iter(|| black_box(stream.resolve_latest_tagged_image(black_box("tag-500"))));
    });
    group.bench_function("resolve_pull_spec_for_tag", |b| {
        b.iter(|| black_box(stream.resolve_pull_spec_for_tag(black_box("tag-501"), false, false)));
    });

    // Pushes of new images on top of the tags' histories, round-robin over the tags, on one
    // live stream per sample (as a server keeps its stream between pushes); the events are
    // built before the clock starts.
    let tag_names: Vec<String> = (0..TAGS).map(|t| format!("tag-{t}")).collect();
    group.bench_function("push_new_image", |b| {
        b.iter_custom(|iters| {
            let mut s = stream.clone();
            // A live stream: each history has grown since it was decoded (a decoded history
            // has no spare capacity, so its first push reallocates it).
            for name in &tag_names {
                s.push(name, event(&digest(TAGS + 2, 0), 3));
            }
            let events: Vec<TagEvent> = (0..iters)
                .map(|i| event(&digest(TAGS + 1, usize::try_from(i).unwrap_or(0)), 3))
                .collect();
            let start = Instant::now();
            for (name, e) in tag_names.iter().cycle().zip(events) {
                black_box(s.push(name, e));
            }
            start.elapsed()
        });
    });

    // The same image pushed again with another generation: updated in place.
    let current = digest(500, 0);
    let mut in_place = stream.clone();
    let mut generation = 3;
    group.bench_function("push_same_image", |b| {
        b.iter(|| {
            generation += 1;
            black_box(in_place.push(black_box("tag-500"), event(&current, generation)))
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
