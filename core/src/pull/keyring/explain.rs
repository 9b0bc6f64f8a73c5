//! Why the kubelet sends the credentials it sends: every key considered in upstream's visiting
//! order with the test that decided it, the Docker Hub fallback, and for a pod the secrets
//! read and the node's file.

use serde::Serialize;

use super::url::{ParsedUrl, UrlError, go_lossy, parse_after_scheme, quote_bytes};
use super::{
    CredentialOrigin, DOCKER_HUB_KEY, DockerKeyring, DroppedKey, KeyEntry, KeyPattern, Mismatch,
    PullSecret, Target, compare, decode, image_repository, is_default_registry_match, node_config,
};
use crate::pull::keyring::Credential;

/// The test that decided a key (`pull.md` §3.3, first failing test in upstream's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum KeyVerdict {
    /// Ports, label counts, path prefix and every label agree.
    Matched,
    /// The key does not parse as a URL at lookup time: it never matches.
    KeyNotUrl,
    /// The name does not parse as a URL: no key matches it.
    NameNotUrl,
    /// The ports differ (compared as strings; no port is `""`).
    PortDiffers,
    /// The hosts have different numbers of `.`-separated labels.
    LabelCountDiffers,
    /// The name's path does not start with the key's path.
    PathNotPrefix,
    /// A label of the name does not match the key's label pattern.
    LabelMismatch,
    /// A label pattern of the key is malformed (`syntax error in pattern`): never matches.
    MalformedPattern,
}

/// A credential of a key and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExplainedCredential {
    /// Its user name.
    pub username: String,
    /// Its origin.
    pub origin: CredentialOrigin,
}

/// One key as the lookup considered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExplainedKey {
    /// The keyring key.
    pub key: String,
    /// Whether it served the name.
    pub matched: bool,
    /// The deciding test.
    pub verdict: KeyVerdict,
    /// The test in words.
    pub reason: String,
    /// Its credentials, in the order they are tried.
    pub credentials: Vec<ExplainedCredential>,
}

/// The Docker Hub fallback of a lookup (§3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DockerHubFallback {
    /// No key matched, so the fallback was consulted.
    pub consulted: bool,
    /// The name "pulls from Docker Hub" (first component without `.` or `:`, or `docker.io`,
    /// `index.docker.io`, or no `/`).
    pub name_counts_as_docker_hub: bool,
    /// The keyring has the key `index.docker.io`.
    pub hub_key_present: bool,
    /// Its credentials are the answer.
    pub used: bool,
}

/// [`DockerKeyring::lookup`] with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyringExplanation {
    /// The name looked up.
    pub name: String,
    /// Every key, in visiting order (descending bytes).
    pub keys: Vec<ExplainedKey>,
    /// The Docker Hub fallback.
    pub docker_hub: DockerHubFallback,
    /// Entries `Add` dropped silently (key not a URL).
    pub dropped: Vec<DroppedKey>,
    /// The key whose credentials are tried first, if any (`index.docker.io` when the
    /// fallback answered).
    pub first_tried: Option<String>,
    /// The answer, in the order the kubelet tries it.
    pub credentials: Vec<Credential>,
}

fn shown(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        "none".to_owned()
    } else {
        quote_bytes(bytes)
    }
}

fn reason(mismatch: Option<Mismatch>, key: &KeyPattern, target: &Target<'_>) -> String {
    match mismatch {
        None => {
            let mut text = "port, label count, path prefix and labels agree".to_owned();
            let rest = target.path.get(key.path.len()..).unwrap_or(&[]);
            if !key.path.is_empty()
                && !key.path.ends_with(b"/")
                && !rest.is_empty()
                && !rest.starts_with(b"/")
            {
                text.push_str(&format!(
                    "; the path {} is a string prefix of {}, not a path-segment prefix",
                    quote_bytes(&key.path),
                    quote_bytes(target.path)
                ));
            }
            text
        }
        Some(Mismatch::Port) => format!(
            "port {} differs from the name's port {} (ports are compared as strings)",
            shown(&key.port),
            shown(target.port)
        ),
        Some(Mismatch::LabelCount) => format!(
            "the key's host has {} labels, the name's {} (a pattern matches within one label)",
            key.labels.len(),
            target.label_count
        ),
        Some(Mismatch::PathPrefix) => format!(
            "the name's path {} does not start with the key's path {}",
            quote_bytes(target.path),
            quote_bytes(&key.path)
        ),
        Some(Mismatch::Label(i)) => format!(
            "label {} {} does not match {}",
            i + 1,
            quote_bytes(key.label(i)),
            quote_bytes(target.label(i))
        ),
        Some(Mismatch::BadPattern(i)) => format!(
            "label {} {} is a malformed pattern (syntax error in pattern)",
            i + 1,
            quote_bytes(key.label(i))
        ),
    }
}

fn explain_key(entry: &KeyEntry, target: Result<&ParsedUrl<'_>, &str>) -> ExplainedKey {
    let (verdict, reason) = match (&entry.pattern, target) {
        (Err(e), _) => (KeyVerdict::KeyNotUrl, e.clone()),
        (Ok(_), Err(e)) => (KeyVerdict::NameNotUrl, e.to_owned()),
        (Ok(pattern), Ok(t)) => {
            let target = Target::new(t);
            let mismatch = compare(pattern, &target);
            let verdict = match mismatch {
                None => KeyVerdict::Matched,
                Some(Mismatch::Port) => KeyVerdict::PortDiffers,
                Some(Mismatch::LabelCount) => KeyVerdict::LabelCountDiffers,
                Some(Mismatch::PathPrefix) => KeyVerdict::PathNotPrefix,
                Some(Mismatch::Label(_)) => KeyVerdict::LabelMismatch,
                Some(Mismatch::BadPattern(_)) => KeyVerdict::MalformedPattern,
            };
            (verdict, reason(mismatch, pattern, &target))
        }
    };
    ExplainedKey {
        key: go_lossy(&entry.key),
        matched: verdict == KeyVerdict::Matched,
        verdict,
        reason,
        credentials: entry
            .credentials
            .iter()
            .zip(&entry.origins)
            .map(|(c, o)| ExplainedCredential {
                username: c.username.clone(),
                origin: o.clone(),
            })
            .collect(),
    }
}

impl DockerKeyring {
    /// Explains [`DockerKeyring::lookup`] of `name`: each key in upstream's visiting order
    /// with the test that decided it, the Docker Hub fallback, the answer.
    ///
    /// ```
    /// use openshift_image::pull::keyring::{DockerConfig, DockerKeyring, KeyVerdict};
    /// let mut k = DockerKeyring::new();
    /// k.add(&DockerConfig::from_dockercfg(r#"{"quay.io/foo": {"auth": "dTpw"}, "quay.io:443": {}}"#)?);
    /// let e = k.explain("quay.io/foobar/app");
    /// assert_eq!(e.keys[0].verdict, KeyVerdict::PortDiffers); // "quay.io:443" sorts first
    /// assert_eq!(e.keys[1].verdict, KeyVerdict::Matched);
    /// assert_eq!(e.first_tried.as_deref(), Some("quay.io/foo"));
    /// # Ok::<(), openshift_image::pull::PullError>(())
    /// ```
    #[must_use]
    pub fn explain(&self, name: &str) -> KeyringExplanation {
        let parsed = parse_after_scheme(name.as_bytes())
            .map_err(|e: UrlError| e.message("https://", name.as_bytes()));
        let keys: Vec<ExplainedKey> = self
            .entries
            .iter()
            .map(|e| explain_key(e, parsed.as_ref().map_err(String::as_str)))
            .collect();
        let mut credentials: Vec<Credential> = Vec::new();
        let mut first_tried = None;
        for (entry, explained) in self.entries.iter().zip(&keys) {
            if explained.matched {
                first_tried.get_or_insert_with(|| explained.key.clone());
                credentials.extend(entry.credentials.iter().cloned());
            }
        }
        let consulted = credentials.is_empty();
        let name_counts_as_docker_hub = is_default_registry_match(name);
        let hub = self.hub.and_then(|id| self.entries.get(id));
        let used = consulted && name_counts_as_docker_hub && hub.is_some();
        if let Some(hub) = hub.filter(|_| used) {
            credentials.extend(hub.credentials.iter().cloned());
            first_tried = Some(DOCKER_HUB_KEY.to_owned());
        }
        KeyringExplanation {
            name: name.to_owned(),
            keys,
            docker_hub: DockerHubFallback {
                consulted,
                name_counts_as_docker_hub,
                hub_key_present: hub.is_some(),
                used,
            },
            dropped: self.dropped.clone(),
            first_tried,
            credentials,
        }
    }
}

/// What the kubelet did with a pull secret (§3.2 step 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SecretStatus {
    /// Decoded and added to the pod keyring.
    Added,
    /// Not a credential secret for the kubelet (type, data key or empty data).
    Skipped,
    /// Does not decode: the pull fails.
    Failed,
    /// After a secret that failed, or for an image name that does not parse: never read.
    NotReached,
}

/// One pull secret as the kubelet read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExplainedSecret {
    /// Its position in the pod's list.
    pub index: usize,
    /// Its type.
    pub secret_type: String,
    /// The data key read, if any.
    pub data_key: Option<String>,
    /// What happened.
    pub status: SecretStatus,
    /// Why.
    pub reason: String,
}

/// Which node file the node keyring holds (§3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeSource {
    /// `config.json` decoded.
    ConfigJson,
    /// `config.json` absent or undecodable; `.dockercfg` decoded.
    Dockercfg,
    /// Neither decoded: the node keyring is empty.
    None,
    /// The pull failed first (image name or pull secret): the node's files were not read.
    NotRead,
}

/// [`super::kubelet_credentials`] with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KubeletExplanation {
    /// The pod's image.
    pub image: String,
    /// The repository looked up, when the image parses.
    pub repository: Option<String>,
    /// The pull's error (image name or secret decoding), if any.
    pub error: Option<String>,
    /// Every pull secret, in order.
    pub secrets: Vec<ExplainedSecret>,
    /// The pod keyring's lookup (absent when no secret was added).
    pub pod_keyring: Option<KeyringExplanation>,
    /// The node file read.
    pub node_source: NodeSource,
    /// The node keyring's lookup (run on its own, appended after the pod's answer).
    pub node_keyring: Option<KeyringExplanation>,
    /// The answer, in the order the kubelet tries it.
    pub credentials: Vec<Credential>,
}

/// Explains [`super::kubelet_credentials`]: the repository, each secret read or skipped, both
/// keyrings' lookups, the answer. Never fails: the pull's error is reported in
/// [`KubeletExplanation::error`].
#[must_use]
pub fn explain_kubelet_credentials(
    image: &str,
    secrets: &[PullSecret],
    node_config_json: Option<&str>,
    node_dockercfg: Option<&str>,
) -> KubeletExplanation {
    let mut out = KubeletExplanation {
        image: image.to_owned(),
        repository: None,
        error: None,
        secrets: Vec::new(),
        pod_keyring: None,
        node_source: NodeSource::NotRead,
        node_keyring: None,
        credentials: Vec::new(),
    };
    let repository = match image_repository(image) {
        Ok(r) => r,
        Err(e) => {
            out.error = Some(e.to_string());
            out.secrets = secrets
                .iter()
                .enumerate()
                .map(|(index, secret)| ExplainedSecret {
                    index,
                    secret_type: secret.secret_type.clone(),
                    data_key: None,
                    status: SecretStatus::NotReached,
                    reason: "the image name does not parse".to_owned(),
                })
                .collect();
            return out;
        }
    };
    let mut pod: Option<DockerKeyring> = None;
    for (index, secret) in secrets.iter().enumerate() {
        let mut explained = ExplainedSecret {
            index,
            secret_type: secret.secret_type.clone(),
            data_key: None,
            status: SecretStatus::NotReached,
            reason: "a secret before it does not decode".to_owned(),
        };
        if out.error.is_none() {
            match secret.selected() {
                None => {
                    explained.status = SecretStatus::Skipped;
                    explained.reason = format!(
                        "the kubelet reads only type {} with data {}, or type {} with data {}, non-empty",
                        super::DOCKER_CONFIG_JSON_TYPE,
                        super::DOCKER_CONFIG_JSON_KEY,
                        super::DOCKERCFG_TYPE,
                        super::DOCKERCFG_KEY
                    );
                }
                Some((form, text)) => {
                    explained.data_key = Some(
                        match form {
                            decode::Form::ConfigJson => super::DOCKER_CONFIG_JSON_KEY,
                            decode::Form::Dockercfg => super::DOCKERCFG_KEY,
                        }
                        .to_owned(),
                    );
                    match decode::decode(text, form) {
                        Ok(entries) => {
                            explained.status = SecretStatus::Added;
                            explained.reason = format!("{} entries", entries.len());
                            pod.get_or_insert_with(DockerKeyring::new)
                                .add_from(index, &super::DockerConfig { entries });
                        }
                        Err(e) => {
                            explained.status = SecretStatus::Failed;
                            explained.reason = e.to_string();
                            out.error = Some(e.to_string());
                        }
                    }
                }
            }
        }
        out.secrets.push(explained);
    }
    out.repository = Some(repository.clone());
    if out.error.is_some() {
        return out;
    }
    let (source, config) = node_config(node_config_json, node_dockercfg);
    out.node_source = source;
    let mut node = DockerKeyring::new();
    if let Some(config) = config {
        node.add(&config);
    }
    let pod_explained = pod.map(|k| k.explain(&repository));
    let node_explained = node.explain(&repository);
    out.credentials = pod_explained
        .iter()
        .flat_map(|e| e.credentials.iter().cloned())
        .chain(node_explained.credentials.iter().cloned())
        .collect();
    out.pod_keyring = pod_explained;
    out.node_keyring = Some(node_explained);
    out
}

#[cfg(test)]
mod tests {
    use super::super::{DockerConfig, kubelet_credentials};
    use super::*;

    #[test]
    fn explains_each_key_in_visiting_order() {
        let mut k = DockerKeyring::new();
        k.add(
            &DockerConfig::from_dockercfg(
                r#"{"quay.io": {"username": "q"}, "quay.io:443": {}, "*.io": {}, "a[.io": {},
                    "quay.io/foo": {"username": "f"}, "q*.io/zzz": {}, "quay.io/%zz": {},
                    "https://index.docker.io/v1/": {"username": "hub"}}"#,
            )
            .expect("decodes"),
        );
        let e = k.explain("quay.io/foobar");
        let verdicts: Vec<(&str, KeyVerdict)> =
            e.keys.iter().map(|k| (k.key.as_str(), k.verdict)).collect();
        assert_eq!(
            verdicts,
            [
                ("quay.io:443", KeyVerdict::PortDiffers),
                ("quay.io/foo", KeyVerdict::Matched),
                ("quay.io", KeyVerdict::Matched),
                ("q*.io/zzz", KeyVerdict::PathNotPrefix),
                ("index.docker.io", KeyVerdict::LabelCountDiffers),
                ("a[.io", KeyVerdict::MalformedPattern),
                ("*.io", KeyVerdict::Matched),
            ]
        );
        assert!(e.keys[1].reason.contains("string prefix"));
        assert_eq!(e.dropped.len(), 1);
        assert_eq!(e.first_tried.as_deref(), Some("quay.io/foo"));
        let looked_up: Vec<Credential> = k.lookup("quay.io/foobar").into_iter().cloned().collect();
        assert_eq!(e.credentials, looked_up);
        let hub = k.explain("localhost/app");
        assert!(hub.docker_hub.used);
        assert_eq!(hub.first_tried.as_deref(), Some(DOCKER_HUB_KEY));
        assert_eq!(hub.credentials[0].username, "hub");
    }

    #[test]
    fn explains_a_pod_like_the_lookup() {
        let secrets = [
            PullSecret {
                secret_type: "Opaque".into(),
                data: [(".dockerconfigjson".into(), "{}".into())].into(),
            },
            PullSecret {
                secret_type: super::super::DOCKERCFG_TYPE.into(),
                data: [(
                    ".dockercfg".into(),
                    r#"{"quay.io": {"username": "s"}}"#.into(),
                )]
                .into(),
            },
        ];
        let node = Some(r#"{"auths": {"quay.io": {"username": "n"}}}"#);
        let e = explain_kubelet_credentials("quay.io/a", &secrets, node, None);
        let plain = kubelet_credentials("quay.io/a", &secrets, node, None).expect("decodes");
        assert_eq!(e.credentials, plain.credentials);
        assert_eq!(e.secrets[0].status, SecretStatus::Skipped);
        assert_eq!(e.secrets[1].status, SecretStatus::Added);
        assert_eq!(e.node_source, NodeSource::ConfigJson);
        let bad = [PullSecret {
            secret_type: super::super::DOCKERCFG_TYPE.into(),
            data: [(".dockercfg".into(), r#"{"quay.io": {"auth": "!"}}"#.into())].into(),
        }];
        let e = explain_kubelet_credentials("quay.io/a", &bad, None, None);
        assert_eq!(
            e.error.as_deref(),
            Some("illegal base64 data at input byte 0")
        );
        assert_eq!(e.secrets[0].status, SecretStatus::Failed);
        assert_eq!(e.node_source, NodeSource::NotRead);
        let e = explain_kubelet_credentials("Quay.io/A", &secrets, node, None);
        assert!(e.error.is_some() && e.repository.is_none());
        assert_eq!(e.secrets.len(), 2);
        assert!(
            e.secrets
                .iter()
                .all(|s| s.status == SecretStatus::NotReached)
        );
        assert_eq!(e.node_source, NodeSource::NotRead);
    }
}
