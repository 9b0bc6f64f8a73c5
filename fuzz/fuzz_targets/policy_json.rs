//! policy.json on arbitrary input: parsing any text never panics; a policy that parses
//! serializes to a document that parses back to the same policy; evaluating any image never
//! panics, and the allocation-light `docker` lookup answers exactly what the generic walk over
//! `policy_identity_and_namespaces` answers; linting never panics; every transport's scope
//! validation accepts any text without panicking.
//!
//! Input: the first line is the image to evaluate (and a scope to validate), the rest the
//! policy.json text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::policy_identity_and_namespaces;
use openshift_image::pull::policy::{Policy, lint_policy, validate_policy_scope};
use openshift_image::pull::transports::Transport;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (image, document) = text.split_once('\n').unwrap_or((text, ""));
    let names = Transport::ALL.iter().map(|t| t.as_str());
    for transport in names.chain(["nosuch"]) {
        let _ = validate_policy_scope(transport, image);
    }
    let Ok(policy) = Policy::from_json(document) else {
        return;
    };
    let written = serde_json::to_string(&policy).unwrap_or_default();
    let reread = Policy::from_json(&written);
    assert!(
        reread.is_ok(),
        "{written:?} does not parse back: {reread:?}"
    );
    if let Ok(reread) = reread {
        assert_eq!(serde_json::to_string(&reread).unwrap_or_default(), written);
    }
    let _ = lint_policy(&policy);
    match policy.requirements_for(image) {
        Ok(evaluation) => {
            let _ = evaluation.unsigned();
            let scopes = policy_identity_and_namespaces(image);
            assert!(scopes.is_ok(), "{image:?}");
            if let Ok(scopes) = scopes {
                assert_eq!(evaluation.identity(), scopes.identity);
                let generic =
                    policy.requirements_for_scopes("docker", &scopes.identity, &scopes.namespaces);
                assert_eq!(evaluation.scope_match(), generic, "{image:?}");
            }
        }
        Err(e) => {
            let scopes = policy_identity_and_namespaces(image).map_err(|e| e.to_string());
            assert_eq!(scopes.err(), Some(e.to_string()), "{image:?}");
        }
    }
});
