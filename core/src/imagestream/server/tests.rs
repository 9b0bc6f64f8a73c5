//! Unit tests of the server strategy.

use serde_json::json;

use super::field::invalid_error;
use super::tags::parse_from_reference;
use super::*;
use crate::imagestream::model::{ImageStreamMapping, ImageStreamTag, ObjectReference};

const DIGEST: &str = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

fn stream(value: serde_json::Value) -> ImageStream {
    serde_json::from_value(value).unwrap()
}

fn env() -> ServerEnvironment {
    ServerEnvironment::new("NOW").with_internal_registry("172.30.1.1:5000")
}

#[test]
fn field_error_texts() {
    let cases = [
        (FieldError::required("tag", ""), "tag: Required value"),
        (
            FieldError::required("metadata.name", "name or generateName is required"),
            "metadata.name: Required value: name or generateName is required",
        ),
        (
            FieldError::not_found("spec.tags[a].from.name", "ghost:latest"),
            r#"spec.tags[a].from.name: Not found: "ghost:latest""#,
        ),
        (
            FieldError::forbidden("spec.tags[a].from", r#"shared/python: "" """#),
            r#"spec.tags[a].from: Forbidden: shared/python: "" """#,
        ),
        (
            FieldError::new("x", FieldErrorType::Invalid, FieldValue::Bool(true), "d"),
            "x: Invalid value: true: d",
        ),
        (
            FieldError::new("x", FieldErrorType::Invalid, FieldValue::Null, ""),
            "x: Invalid value: null",
        ),
        (
            FieldError::new("x", FieldErrorType::Required, FieldValue::Int(3), ""),
            "x: Required value",
        ),
    ];
    for (error, text) in cases {
        assert_eq!(error.to_string(), text);
    }
}

#[test]
fn invalid_aggregation() {
    let a = FieldError::required("a", "");
    let b = FieldError::required("b", "");
    let cases: [(Vec<FieldError>, &str); 4] = [
        (vec![], r#"K "n" is invalid"#),
        (vec![a.clone()], r#"K "n" is invalid: a: Required value"#),
        (
            vec![a.clone(), a.clone()],
            r#"K "n" is invalid: a: Required value"#,
        ),
        (
            vec![a, b],
            r#"K "n" is invalid: [a: Required value, b: Required value]"#,
        ),
    ];
    for (causes, text) in cases {
        assert_eq!(invalid_message("K", "n", &causes), text);
        assert_eq!(invalid_error("K", "n", causes).to_string(), text);
    }
}

#[test]
fn parse_from_reference_table() {
    let from = |kind: &str, name: &str| ObjectReference {
        kind: kind.to_owned(),
        name: name.to_owned(),
        ..ObjectReference::default()
    };
    let cases = [
        (from("ImageStreamTag", "2.7"), Some(("ruby", "2.7"))),
        (
            from("ImageStreamTag", "python:2.7"),
            Some(("python", "2.7")),
        ),
        (from("ImageStreamTag", "python:"), Some(("python", ""))),
        (from("ImageStreamTag", "a:b:c"), None),
        (
            from("ImageStreamImage", "python@sha256:x"),
            Some(("python", "sha256:x")),
        ),
        (from("ImageStreamImage", "a@b@c"), None),
        (from("DockerImage", "x"), None),
        (from("", "x"), None),
    ];
    for (from, expected) in cases {
        let expected = expected.map(|(s, t)| (s.to_owned(), t.to_owned()));
        assert_eq!(parse_from_reference("ruby", &from), expected, "{from:?}");
    }
}

#[test]
fn create_sets_generations_and_repositories() {
    let input = stream(json!({
        "metadata": {"name": "ruby", "namespace": "proj", "generation": 7},
        "spec": {"tags": [
            {"name": "b", "from": {"kind": "DockerImage", "name": "quay.io/ruby:b"}, "generation": 5},
            {"name": "a", "from": {"kind": "DockerImage", "name": "quay.io/ruby:a"}, "reference": true},
            {"name": "b", "from": {"kind": "DockerImage", "name": "quay.io/ruby:last"}}]},
        "status": {"tags": [{"tag": "x", "items": []}]}}));
    let env = env().with_external_registry("ext.example.com");
    let out = create(input, &env).unwrap();
    assert_eq!(out.generation(), 1);
    assert_eq!(
        out.status.docker_image_repository,
        "172.30.1.1:5000/proj/ruby"
    );
    assert_eq!(
        out.status.public_docker_image_repository,
        "ext.example.com/proj/ruby"
    );
    let names: Vec<_> = out
        .spec
        .tags
        .iter()
        .map(|t| (t.name.as_str(), t.generation))
        .collect();
    assert_eq!(names, [("a", Some(1)), ("b", Some(1))]);
    assert_eq!(
        out.spec
            .tags
            .get(1)
            .and_then(|t| t.from.as_ref())
            .map(|f| f.name.as_str()),
        Some("quay.io/ruby:last")
    );
    let tags: Vec<_> = out.status.tags.iter().map(|t| t.tag.as_str()).collect();
    assert_eq!(tags, ["a"]);
}

#[test]
fn create_reports_tag_errors_then_validation() {
    let input = stream(json!({
        "metadata": {"name": "ruby", "namespace": "proj"},
        "spec": {"tags": [{"name": "t", "from": {"kind": "Other", "name": "x"}}]}}));
    let err = create(input, &env()).unwrap_err();
    assert_eq!(err.kind(), "imagestream.invalid");
    assert_eq!(
        err.to_string(),
        "ImageStream.image.openshift.io \"ruby\" is invalid: [[]: Internal error: imagestreams \"ruby\" is invalid: \
         spec.tags[t].from.name: Invalid value: \"x\": must be of the form <tag>, <repo>:<tag>, <id>, or <repo>@<id>, \
         spec.tags[t].from.kind: Required value: valid values are 'DockerImage', 'ImageStreamImage', 'ImageStreamTag']"
    );
    let ImageStreamError::Invalid { causes, .. } = err else {
        panic!("not Invalid");
    };
    assert_eq!(causes.len(), 2);
    assert_eq!(
        causes.first().map(|c| c.error_type),
        Some(FieldErrorType::Internal)
    );
}

#[test]
fn access_denied_for_other_namespace() {
    let input = stream(json!({
        "metadata": {"name": "ruby", "namespace": "proj"},
        "spec": {"tags": [{"name": "t", "from": {"kind": "ImageStreamTag", "name": "python:latest", "namespace": "shared"}}]}}));
    let env = env().with_denied_stream("shared", "python");
    // The access error comes first; the stream is not in the environment either.
    assert_eq!(
        create(input, &env).unwrap_err().to_string(),
        "ImageStream.image.openshift.io \"ruby\" is invalid: []: Internal error: imagestreams \"ruby\" is invalid: \
         [spec.tags[t].from: Forbidden: shared/python: \"\" \"\", spec.tags[t].from.name: Not found: \"python:latest\"]"
    );
}

#[test]
fn update_bumps_generation_only_for_spec_changes() {
    let old = stream(json!({
        "metadata": {"name": "ruby", "namespace": "proj", "generation": 3},
        "spec": {"tags": [{"name": "a", "from": {"kind": "DockerImage", "name": "x/a:1"}, "generation": 2}]},
        "status": {"tags": [{"tag": "a", "items": [{"created": "T", "dockerImageReference": "x/a@sha256:1111111111111111111111111111111111111111111111111111111111111111", "image": "sha256:1111111111111111111111111111111111111111111111111111111111111111", "generation": 2}]}]}}));
    // (client spec tag generation, new name, expected stream gen, expected tag gen)
    let cases = [
        (json!(9), "x/a:1", 3, 2),
        (json!(null), "x/a:1", 3, 2),
        (json!(0), "x/a:1", 4, 4),
        (json!(2), "x/a:2", 4, 4),
    ];
    for (generation, from, stream_gen, tag_gen) in cases {
        let mut next = old.clone();
        next.status = ImageStreamStatus::default();
        let tag = next.spec.tags.get_mut(0).unwrap();
        tag.generation = serde_json::from_value(generation).unwrap();
        from.clone_into(&mut tag.from.as_mut().unwrap().name);
        let out = update(&old, next, &env()).unwrap();
        assert_eq!(out.generation(), stream_gen, "{from}");
        assert_eq!(
            out.spec.tags.first().and_then(|t| t.generation),
            Some(tag_gen),
            "{from}"
        );
        assert_eq!(out.status.tags.len(), 1, "status kept");
    }
}

#[test]
fn istag_same_stream_copy_aliases_unless_fixed() {
    let old = stream(json!({
        "metadata": {"name": "ruby", "namespace": "proj", "generation": 1},
        "status": {"tags": [{"tag": "src", "items": [{"created": "T", "dockerImageReference": "x/a@sha256:1111111111111111111111111111111111111111111111111111111111111111", "image": "sha256:1111111111111111111111111111111111111111111111111111111111111111", "generation": 1}]}]}}));
    let mut next = old.clone();
    next.spec.tags.push(
        serde_json::from_value(json!({
        "name": "copy", "from": {"kind": "ImageStreamTag", "name": "src"}}))
        .unwrap(),
    );
    // (fix_alias_defect, the source tag's generation afterwards): upstream's alias gives the
    // source item the recorded generation; the fix leaves it alone.
    for (fix, source_generation) in [(false, 2), (true, 1)] {
        let env = ServerEnvironment {
            fix_alias_defect: fix,
            ..env()
        };
        let out = update(&old, next.clone(), &env).unwrap();
        assert_eq!(out.generation(), 2);
        let generation = |tag: &str| out.latest_tagged_image(tag).map(|e| e.generation);
        assert_eq!(generation("copy"), Some(2), "fix={fix}");
        assert_eq!(generation("src"), Some(source_generation), "fix={fix}");
    }
}

#[test]
fn status_update_generations() {
    let old = stream(json!({
        "metadata": {"name": "ruby", "namespace": "proj", "generation": 5},
        "spec": {"tags": [{"name": "a", "generation": 4}, {"name": "n", "generation": null}]},
        "status": {"tags": [
            {"tag": "a", "items": [{"dockerImageReference": "x/a:1", "image": "i1", "generation": 4}]},
            {"tag": "n", "items": [{"dockerImageReference": "x/n:1", "image": "n1", "generation": 4}]}]}}));
    let item = |reference: &str, image: &str| json!({"dockerImageReference": reference, "image": image, "generation": 0});
    // (tag, new top, expected generation)
    let cases = [
        ("a", item("x/a:1", "i1"), 4),
        ("a", item("x/a:2", "i2"), 4),
        ("n", item("x/n:2", "n2"), 5),
        ("new", item("x/new:1", "w"), 5),
    ];
    for (tag, top, expected) in cases {
        let mut next = old.clone();
        next.status.tags.retain(|t| t.tag != tag);
        next.status
            .tags
            .push(serde_json::from_value(json!({"tag": tag, "items": [top]})).unwrap());
        let out = update_status(&old, next, &env()).unwrap();
        assert_eq!(
            out.latest_tagged_image(tag).map(|e| e.generation),
            Some(expected),
            "{tag}"
        );
    }
    let mut bad = old.clone();
    bad.status.tags.push(
        serde_json::from_value(json!({"tag": "z", "items": [item("Not A Ref", "q")]})).unwrap(),
    );
    let err = update_status(&old, bad, &env()).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"ImageStream.image.openshift.io "ruby" is invalid: status.tags[z].items[0].dockerImageReference: Invalid value: "Not A Ref": invalid reference format"#
    );
}

#[test]
fn push_records_event_and_follows_trackers() {
    let target = stream(json!({
        "metadata": {"name": "ruby", "namespace": "proj", "generation": 3},
        "spec": {"tags": [{"name": "latest", "from": {"kind": "ImageStreamTag", "name": "2.7"}, "generation": 1}]}}));
    let mapping: ImageStreamMapping = serde_json::from_value(json!({
        "image": {"metadata": {"name": DIGEST}}, "tag": "2.7"}))
    .unwrap();
    let push = image_stream_mapping(&target, &mapping, &BTreeSet::new(), &env()).unwrap();
    assert_eq!(push.created_images.len(), 1);
    for tag in ["2.7", "latest"] {
        let event = push.stream.latest_tagged_image(tag).unwrap();
        assert_eq!(
            event.docker_image_reference,
            format!("172.30.1.1:5000/proj/ruby@{DIGEST}")
        );
        assert_eq!(event.generation, 3);
    }
    let mut missing = mapping.clone();
    missing.tag.clear();
    let err = image_stream_mapping(&target, &missing, &BTreeSet::new(), &env()).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"ImageStreamMapping.image.openshift.io "ruby" is invalid: tag: Required value"#
    );
}

#[test]
fn delete_istag_errors_and_generation() {
    let s = stream(json!({
        "metadata": {"name": "ruby", "namespace": "proj", "generation": 2},
        "spec": {"tags": [{"name": "a", "generation": 2}]},
        "status": {"tags": [{"tag": "b", "items": [{"dockerImageReference": "x/b:1", "image": "b"}]}]}}));
    let cases = [
        ("ruby:a", Ok(3)),
        ("ruby:b", Ok(2)),
        (
            "ruby:c",
            Err(r#"imagestreamtags.image.openshift.io "ruby:c" not found"#),
        ),
        (
            "ghost:a",
            Err(r#"imagestreams.image.openshift.io "ghost" not found"#),
        ),
        (
            "ruby",
            Err("ImageStreamTags must be retrieved with <name>:<tag>"),
        ),
    ];
    for (name, expected) in cases {
        let got = delete_image_stream_tag(&s, name, &env())
            .map(|out| out.generation())
            .map_err(|e| e.to_string());
        assert_eq!(got, expected.map_err(str::to_owned), "{name}");
    }
}

#[test]
fn put_and_post_istag() {
    let s = stream(json!({
        "metadata": {"name": "ruby", "namespace": "proj", "generation": 1},
        "spec": {"tags": [{"name": "a", "from": {"kind": "DockerImage", "name": "x/a:1"}, "generation": 1}]}}));
    let istag =
        |value: serde_json::Value| -> ImageStreamTag { serde_json::from_value(value).unwrap() };
    let put = put_image_stream_tag(
        "proj",
        Some(&s),
        &istag(json!({"metadata": {"name": "ruby:b", "annotations": {"k": "v"}},
                      "tag": {"from": {"kind": "DockerImage", "name": "x/b:1"}, "reference": true}})),
        &env(),
    )
    .unwrap();
    let b = put.spec.tags.iter().find(|t| t.name == "b").unwrap();
    assert_eq!(
        b.annotations
            .as_ref()
            .and_then(|a| a.get("k"))
            .map(String::as_str),
        Some("v")
    );
    assert_eq!(
        put.latest_tagged_image("b").map(|e| e.created.as_deref()),
        Some(Some("NOW"))
    );
    let stale = put_image_stream_tag(
        "proj",
        Some(&s),
        &istag(json!({"metadata": {"name": "ruby:a", "resourceVersion": "7"}})),
        &env(),
    )
    .unwrap_err();
    assert_eq!(stale.kind(), "imagestream.conflict");
    let exists = post_image_stream_tag(
        "proj",
        Some(&s),
        &istag(json!({"metadata": {"name": "ruby:a"}, "tag": {"name": "a"}})),
        &env(),
    )
    .unwrap_err();
    assert_eq!(
        exists.to_string(),
        r#"imagestreamtag.image.openshift.io "ruby:a" already exists"#
    );
    let created = post_image_stream_tag(
        "proj",
        None,
        &istag(json!({"metadata": {"name": "fresh:tip"}, "tag": {"from": {"kind": "DockerImage", "name": "x/f:1"}}})),
        &env(),
    )
    .unwrap();
    assert_eq!(created.generation(), 1);
    assert_eq!(
        created.status.docker_image_repository,
        "172.30.1.1:5000/proj/fresh"
    );
}
