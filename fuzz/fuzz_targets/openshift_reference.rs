//! OpenShift's `DockerImageReference` on arbitrary input: no panic in parsing or any method,
//! and a named reference survives printing and parsing again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::{
    DockerImageReference, canonical_repository, default_pull_policy, parse_image_name,
    policy_identity_and_namespaces,
};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(r) = DockerImageReference::parse(s) {
        let _ = (
            r.name_string(),
            r.to_string(),
            r.docker_client_defaults(),
            r.daemon_minimal(),
            r.most_specific(),
            r.repository_name(),
            r.registry_host_port(false),
            r.registry_host_port(true),
            r.registry_url(),
        );
        if !r.name.is_empty() && (r.tag.is_empty() || r.id.is_empty()) {
            assert_eq!(DockerImageReference::parse(&r.exact()).as_ref(), Ok(&r));
        }
    }
    let _ = canonical_repository(s);
    let _ = default_pull_policy(s);
    let _ = parse_image_name(s);
    let _ = policy_identity_and_namespaces(s);
});
