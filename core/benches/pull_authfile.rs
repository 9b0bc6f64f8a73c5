//! Auth-file credential lookups (containers/image §4 and oc §5 of `pull.md`) over
//! `../shared/bench/pull-secret-1000.json` (1,000 `auths` keys: hosts, ports, paths, globs, URL
//! forms) with the 10,000 references of `pull-lookups-10000.txt` (see
//! `../shared/bench/README.md`): lookups by image (legacy normalised parse + lookup), by key
//! (the references' names, parsed beforehand: the lookup alone), the same keys against the first
//! 10 entries (the cost must not depend on the number of entries), oc's resolver, and decoding
//! the file.
//!
//! `cargo bench -p openshift-image --bench pull_authfile`; `OPENSHIFT_IMAGE_BENCH_DIR` overrides
//! the input folder.

// A benchmark without its input cannot run: failing loudly is the right outcome.
#![allow(clippy::panic, missing_docs)]

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use openshift_image::Reference;
use openshift_image::pull::authfile::{AuthFile, AuthFileFormat, OcCredentialStore};
use support::read;

/// The file with only its first `n` `auths` members.
fn first_entries(text: &str, n: usize) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    if let Some(auths) = doc
        .get_mut("auths")
        .and_then(serde_json::Value::as_object_mut)
    {
        let keep: Vec<String> = auths.keys().take(n).cloned().collect();
        auths.retain(|k, _| keep.contains(k));
    }
    doc.to_string()
}

fn bench(c: &mut Criterion) {
    let text = read("pull-secret-1000.json");
    let lookups_text = read("pull-lookups-10000.txt");
    let images: Vec<&str> = lookups_text.lines().filter(|l| !l.is_empty()).collect();
    let names: Vec<String> = images
        .iter()
        .filter_map(|i| Reference::parse_normalized_legacy(i).ok())
        .map(|r| r.name().to_owned())
        .collect();
    let full = AuthFile::parse(&text, AuthFileFormat::Config).unwrap_or_else(|e| panic!("{e}"));
    let ten = AuthFile::parse(&first_entries(&text, 10), AuthFileFormat::Config)
        .unwrap_or_else(|e| panic!("{e}"));
    let oc = OcCredentialStore::from_auth_file(&full).unwrap_or_else(|e| panic!("{e}"));
    let found = names
        .iter()
        .filter(|n| matches!(full.credentials_for_key(n), Ok(Some(_))))
        .count();
    eprintln!(
        "{} entries, {} images ({} parse), {found} with credentials",
        full.entries().len(),
        images.len(),
        names.len()
    );

    let mut group = c.benchmark_group("pull_authfile");
    group.throughput(Throughput::Elements(images.len() as u64));
    group.bench_function("credentials_for_image/1000", |b| {
        b.iter(|| {
            let mut hits = 0usize;
            for image in &images {
                hits += usize::from(matches!(
                    full.credentials_for_image(black_box(image)),
                    Ok(Some(_))
                ));
            }
            hits
        });
    });
    group.bench_function("oc_credentials_for/1000", |b| {
        b.iter(|| {
            let mut hits = 0usize;
            for image in &images {
                hits += usize::from(oc.credentials_for(black_box(image)).is_some());
            }
            hits
        });
    });
    group.finish();

    let mut group = c.benchmark_group("pull_authfile_keys");
    group.throughput(Throughput::Elements(names.len() as u64));
    for (label, file) in [
        ("credentials_for_key/1000", &full),
        ("credentials_for_key/10", &ten),
    ] {
        group.bench_function(label, |b| {
            b.iter(|| {
                let mut hits = 0usize;
                for name in &names {
                    hits += usize::from(matches!(
                        file.credentials_for_key(black_box(name)),
                        Ok(Some(_))
                    ));
                }
                hits
            });
        });
    }
    group.finish();

    let mut group = c.benchmark_group("pull_authfile_load");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("parse/1000", |b| {
        b.iter(|| {
            AuthFile::parse(black_box(&text), AuthFileFormat::Config).map(|f| f.entries().len())
        });
    });
    group.bench_function("oc_load/1000", |b| {
        b.iter(|| OcCredentialStore::load(Some(black_box(&text))).map(|s| s.credentials().len()));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
