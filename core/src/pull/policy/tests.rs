//! Parsing and evaluation, table-driven.

use super::*;

const DEEP: &str = r#"{"default": [{"type": "reject"}], "transports": {"docker": {
    "": [{"type": "signedBy", "keyType": "GPGKeys", "keyPath": "/default.gpg"}],
    "deep.com": [{"type": "insecureAcceptAnything"}],
    "*.deep.com": [{"type": "reject"}],
    "*.very.deep.com": [{"type": "sigstoreSigned", "keyPath": "/vd.pub"}],
    "deep.com/n1/n2": [{"type": "insecureAcceptAnything"}, {"type": "reject"}],
    "deep.com/n1/n2/repo:tag": [{"type": "insecureAcceptAnything"}],
    "deep.com/n1/n2/repo@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef": [{"type": "reject"}],
    "deep.com:5000/app": [{"type": "insecureAcceptAnything"}],
    "docker.io/library": [{"type": "insecureAcceptAnything"}]
}, "atomic": {"deep.com": [{"type": "reject"}]}}}"#;

#[test]
fn sections_follow_requirements_for_image_ref() {
    let policy = Policy::from_json(DEEP).unwrap_or_else(|e| panic!("{e}"));
    let digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    let cases: &[(&str, Section, Option<&str>, Decision)] = &[
        (
            "deep.com/n1/n2/repo:tag",
            Section::Identity,
            Some("deep.com/n1/n2/repo:tag"),
            Decision::Allowed,
        ),
        (
            &format!("deep.com/n1/n2/repo@{digest}"),
            Section::Identity,
            None,
            Decision::Rejected,
        ),
        (
            "deep.com/n1/n2/repo:other",
            Section::Namespace,
            Some("deep.com/n1/n2"),
            Decision::Rejected,
        ),
        (
            "deep.com/n1/x",
            Section::Namespace,
            Some("deep.com"),
            Decision::Allowed,
        ),
        (
            "a.deep.com/x",
            Section::Namespace,
            Some("*.deep.com"),
            Decision::Rejected,
        ),
        (
            "a.very.deep.com/x",
            Section::Namespace,
            Some("*.very.deep.com"),
            Decision::NeedsSignatureVerification,
        ),
        (
            "a.b.very.deep.com:5000/x",
            Section::Namespace,
            Some("*.very.deep.com"),
            Decision::NeedsSignatureVerification,
        ),
        (
            "deep.com:5000/app",
            Section::Namespace,
            Some("deep.com:5000/app"),
            Decision::Allowed,
        ),
        (
            "deep.com:5000/other",
            Section::TransportDefault,
            Some(""),
            Decision::NeedsSignatureVerification,
        ),
        (
            "busybox",
            Section::Namespace,
            Some("docker.io/library"),
            Decision::Allowed,
        ),
        // With an unknown digest the identity is the name alone.
        (
            "deep.com/n1/n2@@unknown-digest@@",
            Section::Identity,
            Some("deep.com/n1/n2"),
            Decision::Rejected,
        ),
        (
            "deep.com/n1/x@@unknown-digest@@",
            Section::Namespace,
            Some("deep.com"),
            Decision::Allowed,
        ),
        (
            "deep.com/n1/n2/repo:tag@@unknown-digest@@",
            Section::Default,
            None,
            Decision::Rejected,
        ),
    ];
    for (image, section, scope, decision) in cases {
        if image.ends_with(":tag@@unknown-digest@@") {
            let err = policy
                .requirements_for(image)
                .map(|_| ())
                .map_err(|e| e.to_string());
            assert_eq!(
                err,
                Err("docker: image reference \"deep.com/n1/n2/repo:tag@@unknown-digest@@\" has unknown digest set but it contains either a tag or digest".to_owned())
            );
            continue;
        }
        let e = policy
            .requirements_for(image)
            .unwrap_or_else(|e| panic!("{image}: {e}"));
        assert_eq!(e.section(), *section, "{image}");
        if let Some(scope) = scope {
            assert_eq!(e.scope(), Some(*scope), "{image}");
        }
        assert_eq!(e.decision(), *decision, "{image}");
    }
}

#[test]
fn the_fast_path_agrees_with_the_generic_lookup() {
    let policy = Policy::from_json(DEEP).unwrap_or_else(|e| panic!("{e}"));
    for image in [
        "deep.com/n1/n2/repo:tag",
        "deep.com/n1/n2/repo",
        "x.y.very.deep.com/a/b/c/d/e/f/g/h",
        "deep.com:5000/app:1",
        "quay.io/x",
        "busybox:1",
        "deep.com/n1/n2/repo@@unknown-digest@@",
        &format!("deep.com{}", "/a".repeat(40)),
    ] {
        let fast = policy
            .requirements_for(image)
            .unwrap_or_else(|e| panic!("{e}"));
        let scopes = crate::reference::policy_identity_and_namespaces(image)
            .unwrap_or_else(|e| panic!("{e}"));
        let generic =
            policy.requirements_for_scopes("docker", &scopes.identity, &scopes.namespaces);
        assert_eq!(fast.identity(), scopes.identity, "{image}");
        assert_eq!(fast.scope_match(), generic, "{image}");
    }
}

#[test]
fn unsigned_answers() {
    let policy = Policy::from_json(
        r#"{"default": [{"type": "insecureAcceptAnything"}, {"type": "signedBaseLayer", "baseLayerIdentity": {"type": "matchExact"}}],
            "transports": {"docker": {"quay.io": [{"type": "signedBy", "keyType": "GPGKeys", "keyPaths": []}, {"type": "reject"}],
                                      "docker.io": [{"type": "reject"}]}}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let cases: &[(&str, Decision, Option<&str>)] = &[
        (
            "quay.io/a",
            Decision::Rejected,
            Some("A signature was required, but no signature exists"),
        ),
        (
            "library/busybox:1.36",
            Decision::Rejected,
            Some("Running image docker://busybox:1.36 is rejected by policy."),
        ),
        (
            "docker.io/ns/a@@unknown-digest@@",
            Decision::Rejected,
            Some("Running image docker://ns/a@@unknown-digest@@ is rejected by policy."),
        ),
        (
            "ghcr.io/a",
            Decision::Rejected,
            Some("signedBaseLayer not implemented yet!"),
        ),
    ];
    for (image, decision, error) in cases {
        let e = policy
            .requirements_for(image)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.decision(), *decision, "{image}");
        assert_eq!(e.unsigned().error.as_deref(), *error, "{image}");
        assert!(!e.unsigned().allowed);
    }
}

#[test]
fn document_errors() {
    let cases: &[(&str, &str)] = &[
        ("", "unexpected end of JSON input"),
        ("[]", "JSON object expected, got 91"),
        ("\"x\"", "JSON object expected, got \"x\""),
        ("{}", "Default policy is missing"),
        (
            r#"{"default": [], "x": 1}"#,
            "List of verification policy requirements must not be empty",
        ),
        (r#"{"x": 1, "default": []}"#, "Unknown key \"x\""),
        (
            r#"{"default": [{"type": "reject"}], "transports": {"dir": {"rel": [{"type": "reject"}]}}}"#,
            "Unknown key \"rel\"",
        ),
        (
            r#"{"default": [{"type": "reject"}], "transports": {"dir": {"": [{"type": "reject"}]}, "docker-archive": {"": [{"type": "reject"}]}}}"#,
            "",
        ),
        (
            r#"{"default": [{"type": "reject"}], "transports": {"nosuch": {"any thing": [{"type": "reject"}]}}}"#,
            "",
        ),
        (
            r#"{"default": [{"type": "reject"}], "transports": {"docker": {"a": [{"type": "reject"}], "\u0061": [{"type": "reject"}]}}}"#,
            "Duplicate key \"a\"",
        ),
        (
            r#"{"default": [{"type": "reject"}], "transports": {"docker": {"a": {"type": "reject"}}}}"#,
            "json: cannot unmarshal object into Go value of type []json.RawMessage",
        ),
        (
            r#"{"default": [{"type": "signedBy", "keyType": "GPGKeys", "keyData": "not base64!"}]}"#,
            "illegal base64 data at input byte 3",
        ),
        (
            r#"{"default": [{"type": "reject"}], "x": }"#,
            "invalid character '}' looking for beginning of value",
        ),
    ];
    for (text, want) in cases {
        let got = Policy::from_json(text)
            .map(|_| ())
            .map_err(|e| (e.kind(), e.to_string()));
        if want.is_empty() {
            assert_eq!(got, Ok(()), "{text}");
        } else {
            assert_eq!(
                got,
                Err(("pull.policy_format", (*want).to_owned())),
                "{text}"
            );
        }
    }
}

#[test]
fn serializes_back_to_policy_json() {
    let text = r#"{"default":[{"type":"reject"}],"transports":{"docker":{"quay.io":[{"type":"signedBy","keyType":"GPGKeys","keyData":"YWI=","signedIdentity":{"type":"remapIdentity","prefix":"quay.io","signedPrefix":"mirror.io"}}],"ghcr.io":[{"type":"sigstoreSigned","fulcio":{"caData":"YQ==","oidcIssuer":"https://i","subjectEmail":"a@b"},"rekorPublicKeyPaths":["/r"],"signedIdentity":{"type":"matchRepository"}}],"x.io":[{"type":"sigstoreSigned","pki":{"caRootsPath":"/r","subjectHostname":"h"},"signedIdentity":{"type":"exactReference","dockerReference":"x.io/a:1"}}]}}}"#;
    let policy = Policy::from_json(text).unwrap_or_else(|e| panic!("{e}"));
    let written = serde_json::to_value(&policy).unwrap_or_default();
    let original: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    assert_eq!(written, original);
    let again = Policy::from_json(&written.to_string()).map(|p| serde_json::to_value(&p).ok());
    assert_eq!(again.ok().flatten(), Some(original));
}
