//! Credential lookups over `../shared/bench/pull-secret-1000.json` (a `.dockerconfigjson` with
//! 1,000 `auths` keys) with the 10,000 references of `pull-lookups-10000.txt` (see
//! `../shared/bench/README.md`), the inputs upstream was measured on. One group per resolver:
//!
//! * `kubelet_keyring`: the kubelet's keyring (`pull.md` §3): `lookup` of each reference's
//!   repository with all 1,000 keys and with 10 (upstream's `BasicDockerKeyring.Lookup` scans
//!   every key: 1.7 ms per lookup; the target is under 1 µs, independent of the number
//!   of keys), the same with the image-name parse (`parsers.ParseImageName`) included, and
//!   decoding the secret into a keyring.
//!
//! `cargo bench -p openshift-image --bench pull_credentials`; `OPENSHIFT_IMAGE_BENCH_DIR`
//! overrides the input folder.

// A benchmark without its input cannot run: failing loudly is the right outcome.
#![allow(clippy::panic, missing_docs)]

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use openshift_image::parse_image_name;
use openshift_image::pull::keyring::{DockerConfig, DockerKeyring};
use support::read;

fn keyring_of(config: &DockerConfig) -> DockerKeyring {
    let mut keyring = DockerKeyring::new();
    keyring.add(config);
    keyring
}

fn kubelet_keyring(c: &mut Criterion) {
    let secret = read("pull-secret-1000.json");
    let lookups_text = read("pull-lookups-10000.txt");
    let images: Vec<&str> = lookups_text.lines().filter(|l| !l.is_empty()).collect();
    let repositories: Vec<String> = images
        .iter()
        .filter_map(|i| parse_image_name(i).ok().map(|n| n.repository))
        .collect();
    let config = DockerConfig::from_dockerconfigjson(&secret).unwrap_or_else(|e| panic!("{e}"));
    let full = keyring_of(&config);
    let ten = keyring_of(&DockerConfig {
        entries: config
            .entries
            .iter()
            .take(10)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    });
    let served = repositories
        .iter()
        .filter(|r| !full.lookup(r).is_empty())
        .count();
    eprintln!(
        "{} keys, {} references ({} parse), {served} get credentials",
        full.len(),
        images.len(),
        repositories.len()
    );

    let mut group = c.benchmark_group("kubelet_keyring");
    group.throughput(Throughput::Elements(repositories.len() as u64));
    for (label, keyring) in [("lookup/1000", &full), ("lookup/10", &ten)] {
        group.bench_function(label, |b| {
            b.iter(|| {
                let mut credentials = 0usize;
                for r in &repositories {
                    credentials += keyring.lookup(black_box(r)).len();
                }
                credentials
            });
        });
    }
    group.throughput(Throughput::Elements(images.len() as u64));
    group.bench_function("parse_and_lookup/1000", |b| {
        b.iter(|| {
            let mut credentials = 0usize;
            for i in &images {
                if let Ok(n) = parse_image_name(black_box(i)) {
                    credentials += full.lookup(&n.repository).len();
                }
            }
            credentials
        });
    });
    group.finish();

    let mut group = c.benchmark_group("kubelet_keyring_build");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(secret.len() as u64));
    group.bench_function("decode_and_add/1000", |b| {
        b.iter(|| {
            DockerConfig::from_dockerconfigjson(black_box(&secret)).map(|c| keyring_of(&c).len())
        });
    });
    group.finish();
}

criterion_group!(benches, kubelet_keyring);
criterion_main!(benches);
