//! kubectl JSONPath over `../shared/bench/list-10000.json` (a List of 10,000 Pods, 8 MB), the
//! input the upstream client-go evaluator was measured on (see `../shared/bench/README.md`):
//! `{range .items[*]}{.metadata.name}{"\n"}{end}` from JSON text to output (the issue's
//! target: ≥ 100 MB/s of input), through a `serde_json::Value`, and evaluation alone on a
//! document read once; plus a filter, a recursive descent, and compiling the template.
//!
//! `cargo bench -p openshift-image --bench jsonpath`; `OPENSHIFT_IMAGE_BENCH_DIR` overrides the
//! input folder.

// A benchmark without its input cannot run: failing loudly is the right outcome.
#![allow(clippy::panic, missing_docs)]

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use openshift_image::jsonpath::{Document, ExecuteOptions, JsonPath};
use serde_json::Value;

const RANGE: &str = "{range .items[*]}{.metadata.name}{\"\\n\"}{end}";

fn list_text() -> String {
    let dir = std::env::var_os("OPENSHIFT_IMAGE_BENCH_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/bench"),
        PathBuf::from,
    );
    let path = dir.join("list-10000.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn compile(template: &str) -> JsonPath {
    JsonPath::parse(template).unwrap_or_else(|e| panic!("{template}: {e}"))
}

fn bench(c: &mut Criterion) {
    let text = list_text();
    let document: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let options = ExecuteOptions {
        allow_missing_keys: true,
        ..ExecuteOptions::default()
    };
    let range = compile(RANGE);
    let names = range
        .execute(&document, &options)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(names.lines().count(), 10_000);

    let mut group = c.benchmark_group("jsonpath");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(text.len() as u64));
    // The figure: JSON text in, output out (decode + execute).
    group.bench_function("range_names/execute_json", |b| {
        b.iter(|| black_box(range.execute_json(black_box(&text), &options)));
    });
    // The same through serde_json: decode into a Value, then execute it.
    group.bench_function("range_names/serde_value+execute", |b| {
        b.iter(|| {
            let document: Value =
                serde_json::from_str(black_box(&text)).unwrap_or_else(|e| panic!("{e}"));
            black_box(range.execute(&document, &options))
        });
    });
    // Evaluation alone: a document read once, the template run on it.
    let parsed = Document::parse(&text).unwrap_or_else(|e| panic!("{e}"));
    group.bench_function("range_names/execute_document", |b| {
        b.iter(|| black_box(range.execute_document(black_box(&parsed), &options)));
    });
    group.bench_function("range_names/execute_value", |b| {
        b.iter(|| black_box(range.execute(black_box(&document), &options)));
    });
    let filter = compile("{.items[?(@.spec.nodeName==\"worker-9\")].metadata.name}");
    group.bench_function("filter_node/execute_document", |b| {
        b.iter(|| black_box(filter.execute_document(black_box(&parsed), &options)));
    });
    let recursive = compile("{..image}");
    group.bench_function("recursive_images/execute_document", |b| {
        b.iter(|| black_box(recursive.execute_document(black_box(&parsed), &options)));
    });
    group.finish();

    c.bench_function("jsonpath/compile_range", |b| {
        b.iter(|| black_box(JsonPath::parse(black_box(RANGE))));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
