//! registries.conf lookups over `../shared/bench/registries-10000.conf` (10,000 `[[registry]]`
//! entries) with the 10,000 references of `lookups-10000.txt` (see `../shared/bench/README.md`),
//! the inputs upstream's `sysregistriesv2.FindRegistry` was measured on: `find_registry` with
//! all 10,000 entries and with the first 10 (the targets: ≥ 1 M lookups/s on one core,
//! and the same per-lookup cost for 10 and 10,000 entries), a whole pull resolution (§5.4), and
//! loading the file.
//!
//! `cargo bench -p openshift-image --bench mirrors`; `OPENSHIFT_IMAGE_BENCH_DIR` overrides the
//! input folder.

// A benchmark without its input cannot run: failing loudly is the right outcome.
#![allow(clippy::panic, missing_docs)]

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use openshift_image::mirror::conf::RegistriesConf;
use openshift_image::mirror::load::{Config, MAIN_CONF_PATH, load, load_conf};
use support::read;

fn first_entries(text: &str, n: usize) -> Config {
    let mut conf = RegistriesConf::from_toml(text).unwrap_or_else(|e| panic!("{e}"));
    conf.registries.truncate(n);
    load_conf(&conf, MAIN_CONF_PATH, false).unwrap_or_else(|e| panic!("{e}"))
}

fn bench(c: &mut Criterion) {
    let text = read("registries-10000.conf");
    let lookups_text = read("lookups-10000.txt");
    let lookups: Vec<&str> = lookups_text.lines().filter(|l| !l.is_empty()).collect();
    let full = load(&text, MAIN_CONF_PATH, false).unwrap_or_else(|e| panic!("{e}"));
    let ten = first_entries(&text, 10);
    let thousand = first_entries(&text, 1000);
    let matched = lookups
        .iter()
        .filter(|l| full.find_registry(l).is_some())
        .count();
    eprintln!(
        "{} entries, {} lookups, {matched} match an entry",
        full.registries().len(),
        lookups.len()
    );

    let mut group = c.benchmark_group("mirrors");
    group.throughput(Throughput::Elements(lookups.len() as u64));
    for (label, config) in [
        ("find_registry/10000", &full),
        ("find_registry/1000", &thousand),
        ("find_registry/10", &ten),
    ] {
        group.bench_function(label, |b| {
            b.iter(|| {
                let mut hits = 0usize;
                for l in &lookups {
                    hits += usize::from(config.find_registry(black_box(l)).is_some());
                }
                hits
            });
        });
    }
    for (label, config) in [("resolve/10000", &full), ("resolve/10", &ten)] {
        group.bench_function(label, |b| {
            b.iter(|| {
                let mut sources = 0usize;
                for l in &lookups {
                    if let Ok(r) = config.resolve(black_box(l)) {
                        sources += r.sources.len();
                    }
                }
                sources
            });
        });
    }
    group.finish();

    let mut group = c.benchmark_group("mirrors_load");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("load/10000", |b| {
        b.iter(|| load(black_box(&text), MAIN_CONF_PATH, false).map(|c| c.registries().len()));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
