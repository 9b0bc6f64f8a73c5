//! Template processing on a large template: 2,000 corpus-like objects (~5 MB of JSON) with
//! several `${X}` / `${{X}}` references each (issue target: under 50 ms median to process),
//! plus the expression generator's throughput.
//!
//! `cargo bench -p openshift-image --bench templates`.

#![allow(missing_docs, clippy::panic)]

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use openshift_image::template::generator::{ExpressionGenerator, RangeMode};
use openshift_image::template::{ProcessOptions, Template, process};
use serde_json::{Value, json};

const OBJECTS: usize = 2_000;

/// A DeploymentConfig shaped like the stock examples (`lib-cakephp-mysql-example`), padded
/// with environment variables to about 2.5 KB.
fn object(i: usize) -> Value {
    let env: Vec<Value> = (0..24)
        .map(|e| {
            json!({
                "name": format!("SETTING_{e}_OF_{i}"),
                "value": format!("prefix-${{APP_NAME}}-{e}-${{DATABASE_USER}}-suffix")
            })
        })
        .collect();
    json!({
        "apiVersion": "v1",
        "kind": "DeploymentConfig",
        "metadata": {
            "annotations": {"description": "Defines how to deploy the application server", "template.alpha.openshift.io/wait-for-ready": "true"},
            "name": format!("${{NAME}}-{i}"),
            "namespace": "fixed"
        },
        "spec": {
            "replicas": "${{REPLICAS}}",
            "selector": {"name": "${NAME}"},
            "strategy": {"type": "Recreate"},
            "template": {
                "metadata": {"labels": {"name": "${NAME}"}, "name": "${NAME}"},
                "spec": {
                    "containers": [{
                        "env": env,
                        "image": "${NAMESPACE}/${NAME}:latest",
                        "livenessProbe": {"httpGet": {"path": "/health.php", "port": 8080}, "initialDelaySeconds": 30, "timeoutSeconds": 3},
                        "name": "cakephp-mysql-example",
                        "ports": [{"containerPort": 8080}],
                        "resources": {"limits": {"memory": "${MEMORY_LIMIT}"}}
                    }]
                }
            },
            "triggers": [{"imageChangeParams": {"automatic": true, "containerNames": ["cakephp-mysql-example"], "from": {"kind": "ImageStreamTag", "name": "${NAME}:latest"}}, "type": "ImageChange"}, {"type": "ConfigChange"}]
        }
    })
}

fn template_json() -> String {
    let objects: Vec<Value> = (0..OBJECTS).map(object).collect();
    let t = json!({
        "kind": "Template",
        "apiVersion": "template.openshift.io/v1",
        "metadata": {"name": "big"},
        "labels": {"app": "${NAME}", "template": "big"},
        "message": "Created ${NAME} in ${NAMESPACE}",
        "objects": objects,
        "parameters": [
            {"name": "NAME", "value": "cakephp-mysql-example"},
            {"name": "NAMESPACE", "value": "openshift"},
            {"name": "APP_NAME", "value": "app"},
            {"name": "MEMORY_LIMIT", "value": "512Mi"},
            {"name": "REPLICAS", "value": "3"},
            {"name": "DATABASE_USER", "generate": "expression", "from": "user[A-Z0-9]{3}"},
            {"name": "DATABASE_PASSWORD", "generate": "expression", "from": "[a-zA-Z0-9]{16}"}
        ]
    });
    serde_json::to_string(&t).unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let text = template_json();
    let template = Template::from_json_str(&text).unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "template: {} objects, {:.1} MB of JSON",
        template.objects.len(),
        text.len() as f64 / 1e6
    );

    let mut group = c.benchmark_group("templates");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("process_2000_objects", |b| {
        b.iter_batched(
            || template.clone(),
            |t| {
                let options = ProcessOptions {
                    generator: Some(Box::new(ExpressionGenerator::seeded(1))),
                    ..ProcessOptions::default()
                };
                black_box(process(t, options).unwrap_or_else(|e| panic!("{e}")))
            },
            BatchSize::LargeInput,
        );
    });
    group.bench_function("decode_json_text", |b| {
        b.iter(|| black_box(Template::from_json_str(black_box(&text))));
    });
    group.finish();

    let mut group = c.benchmark_group("generator");
    group.throughput(Throughput::Elements(1));
    let mut inclusive = ExpressionGenerator::seeded(7);
    group.bench_function("password_16_inclusive", |b| {
        b.iter(|| black_box(inclusive.generate(black_box("[a-zA-Z0-9]{16}"))));
    });
    let mut go = ExpressionGenerator::go_math_rand(1337).with_mode(RangeMode::GoCompat);
    group.bench_function("password_16_go_compat", |b| {
        b.iter(|| black_box(go.generate(black_box("[a-zA-Z0-9]{16}"))));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
