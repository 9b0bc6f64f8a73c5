//! Pull secrets and the kubelet keyring on arbitrary input: decoding any text as either secret
//! form never panics; for a secret that decodes, the keyring's index answers exactly what
//! upstream's scan of every key answers for arbitrary names, explain agrees with the lookup,
//! and the image path, `url_match` and lint never panic.
//!
//! Input: the first line is the name to look up (also used as an image and as a
//! `url_match` glob against itself), the second a second name, the rest the secret text
//! (tried as `.dockerconfigjson`, then as `.dockercfg`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use openshift_image::pull::keyring::{
    DOCKER_CONFIG_JSON_KEY, DOCKER_CONFIG_JSON_TYPE, DOCKERCFG_KEY, DOCKERCFG_TYPE, DockerConfig,
    DockerKeyring, PullSecret, explain_kubelet_credentials, kubelet_credentials, lint_pull_secrets,
    url_match,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (name, rest) = text.split_once('\n').unwrap_or((text, ""));
    let (other, secret) = rest.split_once('\n').unwrap_or((rest, ""));
    let _ = url_match(name, other);
    let _ = url_match(other, name);
    let mut keyring = DockerKeyring::new();
    for config in [
        DockerConfig::from_dockerconfigjson(secret),
        DockerConfig::from_dockercfg(secret),
    ]
    .into_iter()
    .flatten()
    {
        keyring.add(&config);
    }
    for candidate in [name, other] {
        let indexed = keyring.lookup(candidate);
        assert_eq!(indexed, keyring.lookup_scan(candidate), "{candidate:?}");
        let explained = keyring.explain(candidate);
        let cloned: Vec<_> = indexed.into_iter().cloned().collect();
        assert_eq!(explained.credentials, cloned, "{candidate:?}");
    }
    let secrets = [
        PullSecret {
            secret_type: DOCKER_CONFIG_JSON_TYPE.to_owned(),
            data: [(DOCKER_CONFIG_JSON_KEY.to_owned(), secret.to_owned())].into(),
        },
        PullSecret {
            secret_type: DOCKERCFG_TYPE.to_owned(),
            data: [(DOCKERCFG_KEY.to_owned(), secret.to_owned())].into(),
        },
    ];
    let plain = kubelet_credentials(name, &secrets, Some(secret), Some(secret));
    let explained = explain_kubelet_credentials(name, &secrets, Some(secret), Some(secret));
    match plain {
        Ok(got) => assert_eq!(got.credentials, explained.credentials),
        Err(e) => assert_eq!(explained.error, Some(e.to_string())),
    }
    let _ = lint_pull_secrets(&secrets);
});
