//! Runs the `refs`, `imagestreams`, `templates`, `jsonpath`, `mirrors` and `pull` conformance
//! vectors against the library, and checks the engine's own comparison and matching rules.
//!
//! The vectors live in `<data>/<area>`, where `<data>` is `$OPENSHIFT_IMAGE_CONFORMANCE_DIR` when
//! set, else `../shared/conformance` next to the workspace. A missing folder skips the run with
//! a note, except under `CI=true`, where it fails.

use std::path::{Path, PathBuf};

use openshift_image_examples::conformance::engine::{
    self, Area, Case, CaseError, ErrorExpectation, Expectation, MatchMode, Verdict,
};
use serde_json::{Value, json};

/// The conformance data folder.
fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("OPENSHIFT_IMAGE_CONFORMANCE_DIR") {
        return PathBuf::from(dir);
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest.parent().unwrap_or(manifest);
    workspace.join("..").join("shared").join("conformance")
}

fn run_area_vectors(area: &str) {
    let dir = data_dir().join(area);
    // A readable path in the output (`/work/shared/…` rather than `…/main/../shared/…`).
    let dir = dir.canonicalize().unwrap_or(dir);
    if !dir.is_dir() {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(
            !ci,
            "conformance vectors not found at {} (CI=true requires them; set \
             OPENSHIFT_IMAGE_CONFORMANCE_DIR)",
            dir.display()
        );
        eprintln!(
            "note: skipping the {area} conformance run: {} does not exist (set \
             OPENSHIFT_IMAGE_CONFORMANCE_DIR to run it)",
            dir.display()
        );
        return;
    }
    let report = engine::run_paths(&[&dir]);
    for file in &report.files {
        println!("{}", file.summary());
    }
    println!("{} passed, {} failed", report.passed(), report.failed());
    assert!(report.cases() > 0, "no case ran under {}", dir.display());
    assert_eq!(
        report.failed(),
        0,
        "{} conformance failures:\n{}",
        report.failed(),
        report.failures_text()
    );
}

#[test]
fn refs_vectors() {
    run_area_vectors("refs");
}

#[test]
fn imagestreams_vectors() {
    run_area_vectors("imagestreams");
}

#[test]
fn templates_vectors() {
    run_area_vectors("templates");
}

#[test]
fn jsonpath_vectors() {
    run_area_vectors("jsonpath");
}

#[test]
fn mirrors_vectors() {
    run_area_vectors("mirrors");
}

#[test]
fn pull_vectors() {
    run_area_vectors("pull");
}

/// library-go's golden output: the guestbook template processed with Go's `math/rand` seeded
/// with 1337 (the Go-compatible generator) equals `guestbook_list.json` exactly (objects,
/// parameters with their generated values, message).
#[test]
fn guestbook_golden_output() {
    let corpus = data_dir().join("templates").join("corpus");
    let (Ok(template), Ok(golden)) = (
        std::fs::read_to_string(corpus.join("lg-guestbook.json")),
        std::fs::read_to_string(corpus.join("lg-guestbook-expected-seed1337.json")),
    ) else {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(
            !ci,
            "the guestbook corpus files are missing under {}",
            corpus.display()
        );
        eprintln!(
            "note: skipping the guestbook golden test: no corpus at {}",
            corpus.display()
        );
        return;
    };
    // library-go's test appends one parameter before processing.
    let mut template: Value = serde_json::from_str(&template).unwrap_or(Value::Null);
    if let Some(parameters) = template.get_mut("parameters").and_then(Value::as_array_mut) {
        parameters.push(json!({"name": "CUSTOM_PARAM1", "value": "1"}));
    }
    let result = openshift_image::ops::call(
        "templates.process",
        &json!({"template": template, "seed": 1337, "go_compat": true}),
    );
    let result = match result {
        Ok(result) => result,
        Err(e) => panic!("processing the guestbook failed: {e}"),
    };
    let golden: Value = serde_json::from_str(&golden).unwrap_or(Value::Null);
    for key in ["objects", "parameters", "message"] {
        assert!(
            engine::json_eq(&result[key], &golden[key]),
            "{key} differs from the golden file:\n{}\n{}",
            result[key],
            golden[key]
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Comparison rules

#[test]
fn json_equality_rules() {
    let table: &[(&str, Value, Value, bool)] = &[
        ("int equals float", json!(1), json!(1.0), true),
        ("float equals int", json!(2.0), json!(2), true),
        ("different numbers", json!(1), json!(1.5), false),
        ("negative int vs float", json!(-3), json!(-3.0), true),
        (
            "integers compare exactly",
            json!(9_007_199_254_740_993_u64),
            json!(9_007_199_254_740_992_u64),
            false,
        ),
        (
            "a float on one side compares as f64",
            json!(9_007_199_254_740_993_u64),
            json!(9_007_199_254_740_992.0),
            true,
        ),
        (
            "negative vs huge unsigned",
            json!(-1),
            json!(u64::MAX),
            false,
        ),
        (
            "key order never matters",
            json!({"a": 1, "b": [1, 2]}),
            json!({"b": [1, 2], "a": 1}),
            true,
        ),
        ("array order matters", json!([1, 2]), json!([2, 1]), false),
        ("array length matters", json!([1]), json!([1, 1]), false),
        (
            "missing key",
            json!({"a": 1}),
            json!({"a": 1, "b": null}),
            false,
        ),
        ("null equals null", json!(null), json!(null), true),
        ("null is not false", json!(null), json!(false), false),
        ("string is not number", json!("1"), json!(1), false),
        (
            "nested floats",
            json!({"x": [{"y": 1}]}),
            json!({"x": [{"y": 1.0}]}),
            true,
        ),
    ];
    for (name, a, b, want) in table {
        assert_eq!(engine::json_eq(a, b), *want, "{name}: {a} vs {b}");
        assert_eq!(engine::json_eq(b, a), *want, "{name} (swapped): {b} vs {a}");
    }
}

#[test]
fn error_match_modes() {
    let message = "invalid reference format: repository name must be lowercase";
    let table: &[(MatchMode, &str, bool)] = &[
        (MatchMode::Exact, message, true),
        (MatchMode::Exact, "invalid reference format", false),
        (MatchMode::Prefix, "invalid reference format", true),
        (MatchMode::Prefix, "repository name", false),
        (MatchMode::Contains, "repository name", true),
        (MatchMode::Contains, "uppercase", false),
        (MatchMode::Any, "something else entirely", true),
    ];
    for (mode, text, want) in table {
        let expectation = ErrorExpectation {
            message: (*text).to_owned(),
            mode: *mode,
        };
        assert_eq!(expectation.matches(message), *want, "{mode:?} {text:?}");
    }
}

fn library_error(message: &str) -> Result<Value, CaseError> {
    Err(CaseError::library("test.kind", message))
}

#[test]
fn evaluate_rules() -> Result<(), String> {
    let table: &[(&str, &str, Result<Value, CaseError>, bool)] = &[
        (
            "float expectation, integer result",
            r#"{"id": "a", "op": "t.x", "input": {}, "expect": {"n": 1.0}}"#,
            Ok(json!({"n": 1})),
            true,
        ),
        (
            "null expectation passes on null",
            r#"{"id": "a", "op": "t.x", "input": {}, "expect": null}"#,
            Ok(Value::Null),
            true,
        ),
        (
            "null expectation fails on a value",
            r#"{"id": "a", "op": "t.x", "input": {}, "expect": null}"#,
            Ok(json!(0)),
            false,
        ),
        (
            "null expectation fails on an error",
            r#"{"id": "a", "op": "t.x", "input": {}, "expect": null}"#,
            library_error("boom"),
            false,
        ),
        (
            "exact error",
            r#"{"id": "a", "op": "t.x", "input": {}, "error": {"message": "boom", "match": "exact"}}"#,
            library_error("boom"),
            true,
        ),
        (
            "exact error, other text",
            r#"{"id": "a", "op": "t.x", "input": {}, "error": {"message": "boom", "match": "exact"}}"#,
            library_error("boom!"),
            false,
        ),
        (
            "prefix error",
            r#"{"id": "a", "op": "t.x", "input": {}, "error": {"message": "boom", "match": "prefix"}}"#,
            library_error("boom!"),
            true,
        ),
        (
            "contains error",
            r#"{"id": "a", "op": "t.x", "input": {}, "error": {"message": "oo", "match": "contains"}}"#,
            library_error("boom"),
            true,
        ),
        (
            "any error",
            r#"{"id": "a", "op": "t.x", "input": {}, "error": {"message": "x", "match": "any"}}"#,
            library_error("whatever"),
            true,
        ),
        (
            "error case, library succeeds",
            r#"{"id": "a", "op": "t.x", "input": {}, "error": {"message": "x", "match": "any"}}"#,
            Ok(json!(null)),
            false,
        ),
        (
            "an unimplemented op never satisfies an error",
            r#"{"id": "a", "op": "t.x", "input": {}, "error": {"message": "x", "match": "any"}}"#,
            Err(CaseError::unsupported("t.x")),
            false,
        ),
        (
            "an input error never satisfies an error",
            r#"{"id": "a", "op": "t.x", "input": {}, "error": {"message": "x", "match": "any"}}"#,
            Err(CaseError::input("missing input field `x`")),
            false,
        ),
    ];
    for (name, line, outcome, want) in table {
        let case = Case::parse(line)?;
        let verdict = engine::evaluate(&case, outcome);
        assert_eq!(verdict == Verdict::Passed, *want, "{name}: {verdict:?}");
    }
    Ok(())
}

#[test]
fn deviations_need_upstream_bug_and_fixed() -> Result<(), String> {
    let bug = r#"{"id": "b", "op": "t.x", "input": {}, "expect": "%!q(<nil>)", "flags": ["upstream_bug"], "fixed": {"expect": "\"x\""}}"#;
    let bug_error = r#"{"id": "b", "op": "t.x", "input": {}, "expect": 0, "flags": ["upstream_bug", "go_panic"], "fixed": {"error": {"message": "index out of range", "match": "contains"}}}"#;
    let no_flag = r#"{"id": "b", "op": "t.x", "input": {}, "expect": "%!q(<nil>)", "fixed": {"expect": "\"x\""}}"#;
    let no_fixed =
        r#"{"id": "b", "op": "t.x", "input": {}, "expect": 1, "flags": ["upstream_bug"]}"#;
    let table: &[(&str, &str, Result<Value, CaseError>, &str)] = &[
        (
            "reproduces upstream",
            bug,
            Ok(json!("%!q(<nil>)")),
            "passed",
        ),
        ("answers fixed", bug, Ok(json!("\"x\"")), "deviation"),
        ("answers neither", bug, Ok(json!("y")), "failed"),
        (
            "fixed error",
            bug_error,
            library_error("runtime error: index out of range [3]"),
            "deviation",
        ),
        (
            "panic caught is not the fixed error",
            bug_error,
            Err(CaseError::internal(
                "the library panicked: index out of range",
            )),
            "failed",
        ),
        (
            "fixed without the flag",
            no_flag,
            Ok(json!("\"x\"")),
            "failed",
        ),
        ("flag without fixed", no_fixed, Ok(json!(2)), "failed"),
    ];
    for (name, line, outcome, want) in table {
        let case = Case::parse(line)?;
        let got = match engine::evaluate(&case, outcome) {
            Verdict::Passed => "passed",
            Verdict::Deviation => "deviation",
            Verdict::Failed { .. } => "failed",
        };
        assert_eq!(got, *want, "{name}");
    }
    Ok(())
}

#[test]
fn case_parsing() -> Result<(), String> {
    let case = Case::parse(
        r#"{"id": "x/1", "op": "refs.parse", "input": {"reference": "a"}, "expect": null, "flags": ["map_order_dependent"], "note": "n"}"#,
    )?;
    assert_eq!(case.area(), "refs");
    assert_eq!(case.expected, Expectation::Value(Value::Null));
    assert!(case.has_flag("map_order_dependent"));
    assert_eq!(case.raw.get("note"), Some(&json!("n")));

    let malformed = [
        ("not JSON", "{"),
        ("not an object", "[1]"),
        ("no id", r#"{"op": "t.x", "input": {}, "expect": 1}"#),
        ("no op", r#"{"id": "a", "input": {}, "expect": 1}"#),
        ("no input", r#"{"id": "a", "op": "t.x", "expect": 1}"#),
        (
            "input not object",
            r#"{"id": "a", "op": "t.x", "input": [], "expect": 1}"#,
        ),
        ("neither", r#"{"id": "a", "op": "t.x", "input": {}}"#),
        (
            "both",
            r#"{"id": "a", "op": "t.x", "input": {}, "expect": 1, "error": {"message": "m", "match": "exact"}}"#,
        ),
        (
            "unknown match",
            r#"{"id": "a", "op": "t.x", "input": {}, "error": {"message": "m", "match": "regex"}}"#,
        ),
        (
            "message missing",
            r#"{"id": "a", "op": "t.x", "input": {}, "error": {"match": "exact"}}"#,
        ),
        (
            "flags not strings",
            r#"{"id": "a", "op": "t.x", "input": {}, "expect": 1, "flags": [1]}"#,
        ),
        (
            "fixed malformed",
            r#"{"id": "a", "op": "t.x", "input": {}, "expect": 1, "fixed": {}}"#,
        ),
    ];
    for (name, line) in malformed {
        assert!(Case::parse(line).is_err(), "{name} should be rejected");
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Running files

fn test_dispatch(op: &str, input: &Value) -> Result<Value, CaseError> {
    let field = |name: &str| {
        input
            .get(name)
            .ok_or_else(|| CaseError::input(format!("missing input field `{name}`")))
    };
    match op {
        "t.echo" => Ok(field("value")?.clone()),
        "t.fail" => Err(CaseError::library(
            "t.fail",
            field("message")?.as_str().unwrap_or_default(),
        )),
        "t.panic" => panicking(),
        _ => Err(CaseError::unsupported(op)),
    }
}

#[expect(
    clippy::panic,
    reason = "checks that the engine survives a panicking library"
)]
fn panicking() -> Result<Value, CaseError> {
    panic!("deliberate test panic")
}

const TEST_AREAS: &[Area] = &[Area::new("t", test_dispatch)];

#[test]
fn run_text_counts_and_reports() {
    let text = concat!(
        "# a comment\n",
        "\n",
        r#"{"id": "ok", "op": "t.echo", "input": {"value": {"b": 1, "a": 2.0}}, "expect": {"a": 2, "b": 1}}"#,
        "\n",
        r#"{"id": "err", "op": "t.fail", "input": {"message": "boom"}, "error": {"message": "bo", "match": "prefix"}}"#,
        "\n",
        r#"{"id": "dev", "op": "t.echo", "input": {"value": 2}, "expect": 1, "flags": ["upstream_bug"], "fixed": {"expect": 2}}"#,
        "\n",
        r#"{"id": "wrong", "op": "t.echo", "input": {"value": 3}, "expect": 4}"#,
        "\n",
        r#"{"id": "bad-input", "op": "t.echo", "input": {}, "expect": 4}"#,
        "\n",
        r#"{"id": "missing-op", "op": "t.nothing", "input": {}, "expect": 4}"#,
        "\n",
        r#"{"id": "other-area", "op": "zz.nothing", "input": {}, "expect": 4}"#,
        "\n",
        r#"{"id": "panics", "op": "t.panic", "input": {}, "error": {"message": "", "match": "any"}}"#,
        "\n",
        "not json\n",
        r#"{"id": "ok", "op": "t.echo", "input": {"value": 1}, "expect": 1}"#,
        "\n",
    );
    let file = engine::run_text(TEST_AREAS, "mem.jsonl".to_owned(), text);
    assert_eq!((file.passed, file.failed, file.deviations), (3, 7, 1));
    assert_eq!(
        file.summary(),
        "mem.jsonl: 3 passed, 7 failed, 1 deviations"
    );
    let failed: Vec<(&str, usize)> = file
        .failures
        .iter()
        .map(|f| (f.id.as_str(), f.line))
        .collect();
    assert_eq!(
        failed,
        [
            ("wrong", 6),
            ("bad-input", 7),
            ("panics", 10),
            ("line 11", 11),
            ("ok", 12)
        ]
    );
    assert_eq!(
        file.unsupported,
        [("t.nothing".to_owned(), 1), ("zz.nothing".to_owned(), 1)]
    );

    let report = engine::Report { files: vec![file] };
    assert!(!report.is_success());
    let text = report.to_string();
    assert!(text.starts_with("mem.jsonl: 3 passed, 7 failed, 1 deviations\n"));
    assert!(text.ends_with("\n3 passed, 7 failed"), "{text}");
    assert!(text.contains("NOT IMPLEMENTED mem.jsonl: op t.nothing (1 cases failed)"));
    assert!(text.contains("FAILED mem.jsonl:6 wrong (t.echo)\n    expected: 4\n    got:      3\n"));
    assert!(text.contains("bad input: missing input field `value`"));
    assert!(text.contains("the library panicked: deliberate test panic"));
    assert!(text.contains("duplicate id"));
}

#[test]
fn object_failures_show_only_differences() {
    let text = concat!(
        r#"{"id": "o", "op": "t.echo", "input": {"value": {"kind": "named", "tag": null, "name": "x"}}, "expect": {"kind": "named", "tag": "1", "name": "x"}}"#,
        "\n",
    );
    let file = engine::run_text(TEST_AREAS, "mem.jsonl".to_owned(), text);
    let shown: Vec<(&str, &str)> = file
        .failures
        .iter()
        .map(|f| (f.expected.as_str(), f.got.as_str()))
        .collect();
    assert_eq!(
        shown,
        [(r#"{"tag": "1", … 2 equal}"#, r#"{"tag": null, … 2 equal}"#)]
    );
}

#[test]
fn empty_runs_are_not_successes() {
    let report = engine::run_paths_with(TEST_AREAS, &[] as &[&str]);
    assert_eq!(report.cases(), 0);
    assert!(!report.is_success());
    assert_eq!(report.to_string(), "0 passed, 0 failed");

    let missing = engine::run_paths_with(TEST_AREAS, &["/nonexistent/conformance/folder"]);
    assert_eq!(missing.failed(), 1);
    assert!(!missing.is_success());
}

#[test]
fn truncation_keeps_char_boundaries() {
    let long = "é".repeat(400);
    let cut = engine::truncate(&long, 101);
    assert!(cut.starts_with(&"é".repeat(50)));
    assert!(cut.ends_with("… (700 more bytes)"), "{cut}");
    assert_eq!(engine::truncate("short", 10), "short");
}
