//! Parsing throughput over `../shared/bench/references.txt` (10,000 realistic references),
//! the same input the upstream Go code was measured on (see `../shared/bench/README.md`).
//!
//! `cargo bench -p openshift-image --bench references`; `OPENSHIFT_IMAGE_BENCH_DIR` overrides
//! the input folder.

// A benchmark without its input cannot run: failing loudly is the right outcome.
#![allow(clippy::panic, missing_docs)]

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use openshift_image::{
    DockerImageReference, DockerImageReferenceView, Reference, default_pull_policy,
    ref_matching_prefix,
};

fn references() -> Vec<String> {
    let dir = std::env::var_os("OPENSHIFT_IMAGE_BENCH_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/bench"),
        PathBuf::from,
    );
    let path = dir.join("references.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn bench(c: &mut Criterion) {
    let refs = references();
    let mut group = c.benchmark_group("references");
    group.throughput(Throughput::Elements(refs.len() as u64));
    group.bench_function("docker_parse", |b| {
        b.iter(|| {
            for r in &refs {
                let _ = black_box(Reference::parse(black_box(r)));
            }
        });
    });
    group.bench_function("docker_parse_normalized", |b| {
        b.iter(|| {
            for r in &refs {
                let _ = black_box(Reference::parse_normalized(black_box(r)));
            }
        });
    });
    group.bench_function("openshift_parse", |b| {
        b.iter(|| {
            for r in &refs {
                let _ = black_box(DockerImageReference::parse(black_box(r)));
            }
        });
    });
    group.bench_function("openshift_parse_view", |b| {
        b.iter(|| {
            for r in &refs {
                let _ = black_box(DockerImageReferenceView::parse(black_box(r)));
            }
        });
    });
    group.bench_function("default_pull_policy", |b| {
        b.iter(|| {
            for r in &refs {
                black_box(default_pull_policy(black_box(r)));
            }
        });
    });
    group.bench_function("ref_matching_prefix", |b| {
        b.iter(|| {
            for r in &refs {
                black_box(ref_matching_prefix(
                    black_box(r),
                    black_box("quay.io/openshift"),
                ));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
