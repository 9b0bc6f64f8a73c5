//! Mistakes in pull secrets that the kubelet accepts silently (`pull.md` §9): keys that never
//! match or match more than they say, credentials that land on Docker Hub look-alikes, an
//! order upstream leaves to chance, entries only one of the two credential readers accepts,
//! and secrets that fail every pull of the pod.
//!
//! ```
//! use openshift_image::pull::keyring::{CredentialFindingKind, PullSecret, lint_pull_secrets};
//! let secret = PullSecret {
//!     secret_type: "kubernetes.io/dockerconfigjson".into(),
//!     data: [(".dockerconfigjson".into(),
//!             r#"{"auths": {"quay.io": {"auth": "dTpw"}, "https://quay.io": {"auth": "dTpw"}}}"#.into())].into(),
//! };
//! let findings = lint_pull_secrets(&[secret]);
//! assert_eq!(findings[0].kind, CredentialFindingKind::DuplicateCredentialKeys);
//! ```

use std::collections::BTreeMap;

use serde::Serialize;

use super::decode::{self, AuthForm};
use super::url::{go_lossy, parse_after_scheme, split_host_port};
use super::{
    DOCKER_CONFIG_JSON_KEY, DOCKER_CONFIG_JSON_TYPE, DOCKER_HUB_KEY, DOCKERCFG_KEY, DOCKERCFG_TYPE,
    PullSecret, keyring_key_bytes,
};

pub use crate::mirror::lint::Severity;

/// What a [`CredentialFinding`] is about (stable snake_case names), in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CredentialFindingKind {
    /// The secret (or one of its entries) does not decode: every pull of the pod fails, even
    /// from registries it has no entry for.
    UndecodableSecret,
    /// The kubelet skips the secret (wrong type, the other data key, or empty data).
    SecretIgnored,
    /// A key that is not a URL: the kubelet drops its entry silently.
    InvalidKeyDropped,
    /// A key with a scheme other than lower-case `https://` / `http://` (`HTTPS://`,
    /// `ftp://`): kept as a host named like the scheme, it never matches.
    SchemeKeyNeverMatches,
    /// Several entries of one secret normalise to one keyring key: upstream adds them in Go
    /// map order, so the order their credentials are tried in is random.
    DuplicateCredentialKeys,
    /// A Docker Hub key (`index.docker.io`): names whose first component has no `.` or `:`
    /// (`localhost/app`) receive its credentials when no other key matches.
    HubCredentialsToLocalhost,
    /// A key path that is a string prefix: `quay.io/foo` also serves `quay.io/foobar`.
    PathPrefixServesSiblings,
    /// A key with an explicit port never serves names without it (`quay.io:443` does not
    /// serve `quay.io/x`).
    PortKeyNeverServesPortless,
    /// An entry only the kubelet reads: unpadded `auth`, or `username` / `password` without
    /// `auth` (containers/image, used by CRI-O for the global pull secret and by podman,
    /// fails on the first and ignores the second).
    AuthNotPortable,
}

impl CredentialFindingKind {
    /// The kind's severity.
    #[must_use]
    pub const fn severity(self) -> Severity {
        match self {
            Self::UndecodableSecret => Severity::Error,
            Self::PathPrefixServesSiblings
            | Self::PortKeyNeverServesPortless
            | Self::AuthNotPortable => Severity::Info,
            _ => Severity::Warning,
        }
    }
}

/// One lint finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CredentialFinding {
    /// What it is about.
    pub kind: CredentialFindingKind,
    /// How bad it is.
    pub severity: Severity,
    /// The pull secret's index.
    pub secret: usize,
    /// The entry's key as written, if the finding is about an entry.
    pub key: Option<String>,
    /// Other keys the finding is about.
    pub related: Vec<String>,
    /// The explanation.
    pub message: String,
}

struct Collector {
    secret: usize,
    findings: Vec<CredentialFinding>,
}

impl Collector {
    fn add(
        &mut self,
        kind: CredentialFindingKind,
        key: Option<&str>,
        related: Vec<String>,
        message: String,
    ) {
        self.findings.push(CredentialFinding {
            kind,
            severity: kind.severity(),
            secret: self.secret,
            key: key.map(str::to_owned),
            related,
            message,
        });
    }
}

/// Lints the pod's pull secrets (`pull.md` §9). Never fails; findings are ordered by secret,
/// kind, key.
#[must_use]
pub fn lint_pull_secrets(secrets: &[PullSecret]) -> Vec<CredentialFinding> {
    let mut findings = Vec::new();
    for (i, secret) in secrets.iter().enumerate() {
        let mut c = Collector {
            secret: i,
            findings: Vec::new(),
        };
        lint_secret(secret, &mut c);
        c.findings
            .sort_by(|a, b| (a.kind, &a.key).cmp(&(b.kind, &b.key)));
        findings.extend(c.findings);
    }
    findings
}

fn lint_secret(secret: &PullSecret, c: &mut Collector) {
    let Some((form, text)) = secret.selected() else {
        c.add(
            CredentialFindingKind::SecretIgnored,
            None,
            Vec::new(),
            format!(
                "type {:?} with data keys {:?}: the kubelet reads only type {DOCKER_CONFIG_JSON_TYPE} \
                 with a non-empty {DOCKER_CONFIG_JSON_KEY}, or type {DOCKERCFG_TYPE} with a \
                 non-empty {DOCKERCFG_KEY}",
                secret.secret_type,
                secret.data.keys().collect::<Vec<_>>()
            ),
        );
        return;
    };
    let doc = match decode::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            c.add(
                CredentialFindingKind::UndecodableSecret,
                None,
                Vec::new(),
                format!("does not decode ({e}): every pull of the pod fails"),
            );
            return;
        }
    };
    let walked = decode::walk(&doc, form);
    let mut decoded = Vec::with_capacity(walked.seen.len());
    for (key, value) in &walked.seen {
        let entry = decode::decode_entry(value, form);
        if let Err(e) = &entry {
            c.add(
                CredentialFindingKind::UndecodableSecret,
                Some(key),
                Vec::new(),
                format!("entry does not decode ({e}): every pull of the pod fails, also from other registries"),
            );
        }
        decoded.push(entry.ok());
    }
    if let Some(e) = &walked.saved_error {
        c.add(
            CredentialFindingKind::UndecodableSecret,
            None,
            Vec::new(),
            format!("does not decode ({e}): every pull of the pod fails"),
        );
    }
    // Keyring key → original keys, for the entries the map keeps.
    let mut by_keyring_key: BTreeMap<Vec<u8>, Vec<&str>> = BTreeMap::new();
    for (key, at) in &walked.live {
        let Some(Some(entry)) = decoded.get(*at) else {
            continue;
        };
        lint_auth(key, entry.auth, entry.uses_username_password, c);
        match keyring_key_bytes(key) {
            Err(error) => c.add(
                CredentialFindingKind::InvalidKeyDropped,
                Some(key),
                Vec::new(),
                format!("not a URL ({error}): the kubelet drops this entry silently"),
            ),
            Ok(keyring_key) => {
                lint_key(key, &keyring_key, c);
                by_keyring_key.entry(keyring_key).or_default().push(key);
            }
        }
    }
    for (keyring_key, keys) in by_keyring_key {
        if let [first, rest @ ..] = keys.as_slice()
            && !rest.is_empty()
        {
            c.add(
                CredentialFindingKind::DuplicateCredentialKeys,
                Some(first),
                rest.iter().map(|k| (*k).to_owned()).collect(),
                format!(
                    "{} entries are filed under the keyring key {:?}: the kubelet adds them in Go \
                     map order, so the order their credentials are tried in changes from pull to \
                     pull (this library uses sorted key order)",
                    keys.len(),
                    go_lossy(&keyring_key)
                ),
            );
        }
    }
}

fn lint_auth(key: &str, auth: AuthForm, uses_username_password: bool, c: &mut Collector) {
    if auth == AuthForm::Unpadded {
        c.add(
            CredentialFindingKind::AuthNotPortable,
            Some(key),
            Vec::new(),
            "auth is unpadded base64: the kubelet accepts it, containers/image (CRI-O's global \
             pull secret, podman, skopeo) fails the pull"
                .to_owned(),
        );
    } else if auth == AuthForm::Absent && uses_username_password {
        c.add(
            CredentialFindingKind::AuthNotPortable,
            Some(key),
            Vec::new(),
            "username/password without auth: the kubelet sends them, containers/image (CRI-O's \
             global pull secret, podman, skopeo) ignores them"
                .to_owned(),
        );
    }
}

fn lint_key(key: &str, keyring_key: &[u8], c: &mut Collector) {
    let scheme_mangled = !key.starts_with("https://")
        && !key.starts_with("http://")
        && key.find("://").is_some_and(|i| i > 0);
    if scheme_mangled {
        c.add(
            CredentialFindingKind::SchemeKeyNeverMatches,
            Some(key),
            Vec::new(),
            format!(
                "only lower-case https:// and http:// are recognised: the kubelet keeps the \
                 keyring key {:?}, which no image name matches",
                go_lossy(keyring_key)
            ),
        );
        return;
    }
    if keyring_key == DOCKER_HUB_KEY.as_bytes() {
        c.add(
            CredentialFindingKind::HubCredentialsToLocalhost,
            Some(key),
            Vec::new(),
            "Docker Hub credentials: when no other key matches, the kubelet also sends them for \
             names whose first component has no '.' or ':' (localhost/app, registry/app)"
                .to_owned(),
        );
    }
    let Ok(url) = parse_after_scheme(keyring_key) else {
        return;
    };
    let (host, port) = split_host_port(&url.host);
    if !url.path.is_empty() && !url.path.ends_with(b"/") {
        c.add(
            CredentialFindingKind::PathPrefixServesSiblings,
            Some(key),
            Vec::new(),
            format!(
                "the path is compared as a string prefix: {:?} also serves {:?}; end the key \
                 with '/' to limit it to the namespace",
                go_lossy(keyring_key),
                format!("{}x", go_lossy(keyring_key))
            ),
        );
    }
    if !port.is_empty() {
        c.add(
            CredentialFindingKind::PortKeyNeverServesPortless,
            Some(key),
            Vec::new(),
            format!(
                "ports are compared as strings: this key serves only names with port {}, never {:?}",
                go_lossy(port),
                format!("{}/…", go_lossy(host))
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(ty: &str, key: &str, text: &str) -> PullSecret {
        PullSecret {
            secret_type: ty.into(),
            data: [(key.into(), text.into())].into(),
        }
    }

    fn kinds(text: &str) -> Vec<(CredentialFindingKind, Option<String>)> {
        lint_pull_secrets(&[secret(
            DOCKER_CONFIG_JSON_TYPE,
            DOCKER_CONFIG_JSON_KEY,
            text,
        )])
        .into_iter()
        .map(|f| (f.kind, f.key))
        .collect()
    }

    /// A secret's text and the findings (kind, key) it gives.
    type LintCase<'a> = (&'a str, &'a [(CredentialFindingKind, Option<&'a str>)]);

    #[test]
    fn finds_each_mistake() {
        use CredentialFindingKind as K;
        let cases: &[LintCase<'_>] = &[
            (r#"{"auths": {"quay.io/": {"auth": "dTpw"}}}"#, &[]),
            (
                r#"{"auths": {"quay.io/foo": {"auth": "dTpw"}}}"#,
                &[(K::PathPrefixServesSiblings, Some("quay.io/foo"))],
            ),
            (
                r#"{"auths": {"HTTPS://quay.io": {"auth": "dTpw"}}}"#,
                &[(K::SchemeKeyNeverMatches, Some("HTTPS://quay.io"))],
            ),
            (
                r#"{"auths": {"quay.io:443": {"auth": "dTpw"}}}"#,
                &[(K::PortKeyNeverServesPortless, Some("quay.io:443"))],
            ),
            (
                r#"{"auths": {"https://index.docker.io/v1/": {"auth": "dTpw"}}}"#,
                &[(
                    K::HubCredentialsToLocalhost,
                    Some("https://index.docker.io/v1/"),
                )],
            ),
            (
                r#"{"auths": {"quay.io": {"auth": "dTpwcQ"}}}"#,
                &[(K::AuthNotPortable, Some("quay.io"))],
            ),
            (
                r#"{"auths": {"quay.io": {"username": "u", "password": "p"}}}"#,
                &[(K::AuthNotPortable, Some("quay.io"))],
            ),
            (
                r#"{"auths": {"quay.io/%zz": {"auth": "dTpw"}}}"#,
                &[(K::InvalidKeyDropped, Some("quay.io/%zz"))],
            ),
            (
                r#"{"auths": {"quay.io": {"auth": "dTpw"}, "https://quay.io/v2/": {"auth": "dTpw"}}}"#,
                &[(K::DuplicateCredentialKeys, Some("https://quay.io/v2/"))],
            ),
            (
                r#"{"auths": {"a.io": {"auth": "!"}, "b.io": {"auth": "bm8="}}}"#,
                &[
                    (K::UndecodableSecret, Some("a.io")),
                    (K::UndecodableSecret, Some("b.io")),
                ],
            ),
            ("{", &[(K::UndecodableSecret, None)]),
        ];
        for (text, want) in cases {
            let want: Vec<(K, Option<String>)> = want
                .iter()
                .map(|(k, key)| (*k, key.map(str::to_owned)))
                .collect();
            assert_eq!(kinds(text), want, "{text}");
        }
        let ignored = lint_pull_secrets(&[secret(DOCKER_CONFIG_JSON_TYPE, DOCKERCFG_KEY, "{}")]);
        assert_eq!(ignored[0].kind, K::SecretIgnored);
    }
}
