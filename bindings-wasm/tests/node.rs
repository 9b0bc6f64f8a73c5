//! Rust-side checks of the exported functions as JavaScript sees them, run under Node by
//! `wasm-bindgen-test-runner` (`cargo test -p openshift-image-wasm --target
//! wasm32-unknown-unknown`). The conformance replay runs through the JS API (`test/`).
#![cfg(target_arch = "wasm32")]
// Clippy does not see `#[wasm_bindgen_test]` functions as tests (clippy.toml's allow-*-in-tests).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use js_sys::{Array, Error, Reflect};
use openshift_image_wasm as osi;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

#[wasm_bindgen_test]
fn absent_fields_are_null_and_present() {
    let r = osi::parse(s("busybox")).unwrap();
    for key in ["tag", "digest"] {
        assert!(Reflect::has(&r, &s(key)).unwrap(), "{key} missing");
        assert!(get(&r, key).is_null(), "{key} not null");
    }
    assert_eq!(
        get(&r, "familiar_name").as_string().as_deref(),
        Some("busybox")
    );
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_kind_and_area() {
    let err = osi::parse(s("Foo!")).unwrap_err();
    let js: &Error = err.dyn_ref().expect("an Error instance");
    assert_eq!(String::from(js.message()), "invalid reference format");
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("reference.invalid_format")
    );
    assert_eq!(get(&err, "area").as_string().as_deref(), Some("reference"));

    let err = osi::parse(JsValue::from_f64(5.0)).unwrap_err();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("ops.invalid_argument")
    );
    let err = osi::call(s("refs.nope"), js_sys::Object::new().into()).unwrap_err();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("ops.unknown_op")
    );
}

#[wasm_bindgen_test]
fn optional_arguments_may_be_undefined_or_null() {
    let a = osi::with_tag(s("busybox"), s("1"), JsValue::UNDEFINED).unwrap();
    let b = osi::with_tag(s("busybox"), s("1"), JsValue::NULL).unwrap();
    assert_eq!(get(&a, "string").as_string().as_deref(), Some("busybox:1"));
    assert_eq!(get(&b, "string").as_string(), get(&a, "string").as_string());
}

#[wasm_bindgen_test]
fn batch_items_are_results_or_error_objects() {
    let input = Array::of3(&s("busybox"), &s("not a ref!"), &JsValue::from_f64(1.0));
    let out: Array = osi::parse_normalized_named_many(input.into())
        .unwrap()
        .unchecked_into();
    assert_eq!(out.length(), 3);
    assert_eq!(
        get(&out.get(0), "string").as_string().as_deref(),
        Some("docker.io/library/busybox")
    );
    let error = get(&out.get(1), "error");
    assert_eq!(
        get(&error, "kind").as_string().as_deref(),
        Some("reference.invalid_format")
    );
    assert_eq!(
        get(&error, "message").as_string().as_deref(),
        Some("invalid reference format")
    );
    let error = get(&out.get(2), "error");
    assert_eq!(
        get(&error, "kind").as_string().as_deref(),
        Some("ops.invalid_argument")
    );
}

#[wasm_bindgen_test]
fn the_op_table_lists_every_op() {
    let table: Array = osi::ops_table().unwrap().unchecked_into();
    assert_eq!(table.length() as usize, openshift_image::ops::OPS.len());
    let first = table.get(0);
    assert_eq!(get(&first, "op").as_string().as_deref(), Some("refs.parse"));
    assert!(Array::is_array(&get(&first, "params")));
}

#[wasm_bindgen_test]
fn an_omitted_now_is_the_javascript_clock() {
    let image = "sha256:3c87c572822935df60f0f5d3665bd376841a7fcfeb806b5f212de6a00e9a7b25";
    let stream = js_sys::JSON::parse(&format!(
        r#"{{"metadata": {{"name": "app"}}, "spec": {{}}, "status": {{"dockerImageRepository": "",
            "tags": [{{"tag": "t", "items": [{{"created": null, "dockerImageReference": "repo@{image}",
            "image": "{image}", "generation": 0}}]}}]}}}}"#
    ))
    .unwrap();
    let before = js_sys::Date::now();
    let event =
        osi::imagestreams::resolve_image_id(stream.clone(), s("3c87"), JsValue::UNDEFINED).unwrap();
    let created = get(&event, "created").as_string().unwrap();
    assert_eq!(created.len(), "2026-01-02T03:04:05Z".len(), "{created}");
    assert!(
        created.ends_with('Z') && !created.contains('.'),
        "{created}"
    );
    let parsed = js_sys::Date::parse(&created);
    assert!(parsed >= (before / 1000.0).floor() * 1000.0 && parsed <= js_sys::Date::now());
    let given =
        osi::imagestreams::resolve_image_id(stream, s("3c87"), s("2026-01-02T03:04:05Z")).unwrap();
    assert_eq!(
        get(&given, "created").as_string().as_deref(),
        Some("2026-01-02T03:04:05Z")
    );
}

#[wasm_bindgen_test]
fn jsonpath_errors_carry_their_phase() {
    let err = osi::jsonpath::parse(s("{.hello")).unwrap_err();
    let js: &Error = err.dyn_ref().expect("an Error instance");
    assert_eq!(String::from(js.message()), "unclosed action");
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("jsonpath.unclosed_action")
    );
    assert_eq!(get(&err, "area").as_string().as_deref(), Some("jsonpath"));
    assert_eq!(get(&err, "phase").as_string().as_deref(), Some("parse"));

    let data = js_sys::JSON::parse(r#"{"a": 1}"#).unwrap();
    let err = osi::jsonpath::execute(
        s("{.missing}"),
        data,
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    )
    .unwrap_err();
    assert_eq!(get(&err, "phase").as_string().as_deref(), Some("execute"));
    // The document as JSON text keeps `3.0` a float64.
    let err = osi::jsonpath::execute(
        s("{.a[0]}"),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        s(r#"{"a": 3.0}"#),
    )
    .unwrap_err();
    let js: &Error = err.dyn_ref().expect("an Error instance");
    assert_eq!(String::from(js.message()), "float64 is not array or slice");

    // Errors of the other areas have no phase.
    let err = osi::parse(s("Foo!")).unwrap_err();
    assert!(!Reflect::has(&err, &s("phase")).unwrap());
}

#[wasm_bindgen_test]
fn mirror_errors_have_area_mirror_and_pulls_use_mirrors() {
    let err = osi::mirrors::parse_location(s("https://quay.io/ns")).unwrap_err();
    let js: &Error = err.dyn_ref().expect("an Error instance");
    assert_eq!(
        String::from(js.message()),
        "invalid location 'https://quay.io/ns': URI schemes are not supported"
    );
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("mirror.conf_invalid")
    );
    assert_eq!(get(&err, "area").as_string().as_deref(), Some("mirror"));
    assert!(!Reflect::has(&err, &s("phase")).unwrap());

    let conf = "[[registry]]\nlocation = \"quay.io/ns\"\n\n[[registry.mirror]]\nlocation = \"mirror.local/ns\"\n";
    let resolution =
        osi::mirrors::resolve_pull_sources(s(conf), JsValue::NULL, s("quay.io/ns/app:1")).unwrap();
    let attempts: Vec<String> = Array::from(&get(&resolution, "attempts"))
        .iter()
        .map(|v| v.as_string().unwrap())
        .collect();
    assert_eq!(attempts, ["mirror.local/ns/app:1", "quay.io/ns/app:1"]);
}

#[wasm_bindgen_test]
fn explain_mirror_sets_names_the_mirror_set_behind_a_source() {
    let idms = js_sys::JSON::parse(
        r#"[{"metadata": {"name": "quay"}, "spec": {"imageDigestMirrors": [
            {"source": "quay.io/ns", "mirrors": ["m.local/ns"]}]}}]"#,
    )
    .unwrap();
    let digest = format!("sha256:{}", "0".repeat(64));
    let why = osi::mirrors::explain_mirror_sets(
        s(&format!("quay.io/ns/app@{digest}")),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        idms,
        JsValue::UNDEFINED,
    )
    .unwrap();
    let source = Array::from(&get(&why, "sources")).get(0);
    let origin = Array::from(&get(&source, "origins")).get(0);
    assert_eq!(
        get(&origin, "path").as_string().as_deref(),
        Some("ImageDigestMirrorSet/quay.spec.imageDigestMirrors[0]")
    );
    assert!(!Reflect::has(&origin, &s("from_scope")).unwrap());
}

#[wasm_bindgen_test]
fn pull_functions_hand_their_arguments_to_the_core() {
    let err = osi::pull::kubelet_credentials(
        s("busybox"),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    )
    .unwrap_err();
    assert!(err.dyn_ref::<Error>().is_some());
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("ops.invalid_argument")
    );
    let js: &Error = err.dyn_ref().unwrap();
    assert_eq!(
        String::from(js.message()),
        "pull.kubelet_credentials: invalid argument `pull_secrets`: missing required argument"
    );
}
