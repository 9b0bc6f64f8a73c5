//! policy.json decisions over `../shared/bench/policy-1000.json` (1,000 `docker` scopes) with
//! the 10,000 references of `pull-lookups-10000.txt` (see `../shared/bench/README.md`), the
//! inputs upstream's docker reference parse + `requirementsForImageRef` scope walk was measured
//! on (6.9 µs per reference). The bar: under 1 µs per decision, and the same cost with
//! 10 scopes as with 1,000.
//!
//! * `decision/1000`, `decision/10`: [`Policy::requirements_for`] (parse the reference, probe
//!   identity, namespaces, wildcards) plus the decision;
//! * `unsigned/1000`: the same plus upstream's answer for an unsigned image (builds the
//!   rejection text);
//! * `reference_parse_only`: the legacy normalising parse alone (the floor of a decision);
//! * `generic_walk/1000`: `policy_identity_and_namespaces` (allocating every scope string) and
//!   the generic lookup, for comparison;
//! * `parse/1000`: [`Policy::from_json`] on the whole file.
//!
//! `cargo bench -p openshift-image --bench pull_policy`; `OPENSHIFT_IMAGE_BENCH_DIR` overrides
//! the input folder.

// A benchmark without its input cannot run: failing loudly is the right outcome.
#![allow(clippy::panic, missing_docs)]

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use openshift_image::pull::policy::{Decision, Policy};
use openshift_image::{Reference, policy_identity_and_namespaces};
use serde_json::Value;
use support::read;

/// The same policy with only the first `n` docker scopes.
fn first_scopes(text: &str, n: usize) -> Policy {
    let mut value: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    if let Some(Value::Object(scopes)) = value.pointer_mut("/transports/docker") {
        let keep: Vec<String> = scopes.keys().take(n).cloned().collect();
        scopes.retain(|k, _| keep.contains(k));
    }
    Policy::from_json(&value.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn decide(policy: &Policy, image: &str) -> Option<Decision> {
    policy.requirements_for(image).ok().map(|e| e.decision())
}

fn bench(c: &mut Criterion) {
    let text = read("policy-1000.json");
    let lookups_text = read("pull-lookups-10000.txt");
    let lookups: Vec<&str> = lookups_text.lines().filter(|l| !l.is_empty()).collect();
    let full = Policy::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    let ten = first_scopes(&text, 10);
    let scoped = lookups
        .iter()
        .filter_map(|l| full.requirements_for(l).ok())
        .filter(|e| e.scope().is_some_and(|s| !s.is_empty()))
        .count();
    let errors = lookups
        .iter()
        .filter(|l| full.requirements_for(l).is_err())
        .count();
    eprintln!(
        "{} docker scopes, {} lookups: {scoped} under a scope, {errors} do not parse",
        full.transport("docker").map_or(0, |t| t.scopes().len()),
        lookups.len()
    );

    let mut group = c.benchmark_group("pull_policy");
    group.throughput(Throughput::Elements(lookups.len() as u64));
    for (label, policy) in [("decision/1000", &full), ("decision/10", &ten)] {
        group.bench_function(label, |b| {
            b.iter(|| {
                let mut allowed = 0usize;
                for l in &lookups {
                    allowed += usize::from(decide(policy, black_box(l)) == Some(Decision::Allowed));
                }
                allowed
            });
        });
    }
    group.bench_function("reference_parse_only", |b| {
        b.iter(|| {
            let mut ok = 0usize;
            for l in &lookups {
                ok += usize::from(Reference::parse_normalized_legacy(black_box(l)).is_ok());
            }
            ok
        });
    });
    group.bench_function("unsigned/1000", |b| {
        b.iter(|| {
            let mut bytes = 0usize;
            for l in &lookups {
                if let Ok(e) = full.requirements_for(black_box(l)) {
                    bytes += e.unsigned().error.map_or(0, |m| m.len());
                }
            }
            bytes
        });
    });
    group.bench_function("generic_walk/1000", |b| {
        b.iter(|| {
            let mut allowed = 0usize;
            for l in &lookups {
                if let Ok(scopes) = policy_identity_and_namespaces(black_box(l)) {
                    let m = full.requirements_for_scopes(
                        "docker",
                        &scopes.identity,
                        &scopes.namespaces,
                    );
                    allowed += usize::from(m.requirements.decision() == Decision::Allowed);
                }
            }
            allowed
        });
    });
    group.finish();

    let mut parse = c.benchmark_group("pull_policy_parse");
    parse.throughput(Throughput::Bytes(text.len() as u64));
    parse.sample_size(20);
    parse.bench_function("parse/1000", |b| {
        b.iter(|| Policy::from_json(black_box(&text)).map(|p| p.transports().len()));
    });
    parse.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
