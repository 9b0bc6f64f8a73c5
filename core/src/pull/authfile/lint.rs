//! Auth-file entries that containers/image (CRI-O, podman, skopeo) or `oc` read differently
//! from what they appear to say (`pull.md` §9): entries that hide usable credentials, keys
//! that normalise to one host (upstream picks one at random), keys with a default port, ignored
//! identity tokens and `username`/`password` members, `auth` values the kubelet accepts but
//! containers/image refuses, and whatever makes `oc` fail for every image.
//!
//! ```
//! use openshift_image::pull::authfile::{AuthFileFormat, AuthFileLintKind, lint_auth_file_text};
//!
//! let findings = lint_auth_file_text(
//!     r#"{"auths": {"quay.io/ns": {}, "quay.io": {"auth": "dTpw"}}}"#,
//!     AuthFileFormat::Config,
//! );
//! assert_eq!(findings[0].kind, AuthFileLintKind::ShadowingEntry);
//! assert_eq!(findings[0].key.as_deref(), Some("quay.io/ns"));
//! assert_eq!(findings[0].related, ["quay.io"]);
//! ```

use serde::Serialize;

use super::oc::OcCredentialStore;
use super::{
    AuthEntry, AuthFile, AuthFileFormat, EntryOutcome, Resolution, normalize_auth_file_key,
    registry_of, validate_key,
};
use crate::mirror::lint::Severity;
use crate::pull::gojson::decode_base64;

/// What an [`AuthFileFinding`] is about (stable snake_case names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AuthFileLintKind {
    /// The text does not decode: every lookup fails.
    UnreadableFile,
    /// An entry without usable credentials at a more specific key hides usable credentials of
    /// a less specific (or normalised) key from containers/image (`oc` does use them).
    ShadowingEntry,
    /// Several keys normalise to one host and no exact key preempts them: upstream picks one
    /// at random (Go map order); the library uses the smallest.
    AmbiguousNormalisedKeys,
    /// A key with the default port (`quay.io:443`): it serves only names written with that
    /// port, never the port-less names users pull.
    DefaultPortKey,
    /// An `identitytoken` without a usable `auth`: ignored, the entry yields nothing.
    IdentityTokenIgnored,
    /// `username` / `password` members without a usable `auth`: the kubelet reads them,
    /// containers/image and `oc` do not.
    UsernamePasswordIgnored,
    /// An unpadded `auth` the kubelet decodes but containers/image refuses (pulls that reach it
    /// fail, and `oc` fails for every image).
    AuthNotPortable,
    /// An `auth` that is not base64 (pulls that reach it fail, and `oc` fails for every image).
    InvalidAuth,
    /// A key that fails containers/image's key validation once normalised: never used for an
    /// image, and `oc` fails for every image.
    InvalidKey,
    /// A key that no image name selects (a kubelet glob, a trailing `/`).
    KeyNeverMatches,
    /// A `credHelpers` program answers for the registry instead of the `auths` entries.
    CredentialHelper,
    /// `oc`'s resolver fails for every image with this file.
    BreaksOc,
}

impl AuthFileLintKind {
    /// The kind's severity.
    #[must_use]
    pub const fn severity(self) -> Severity {
        match self {
            Self::UnreadableFile
            | Self::InvalidAuth
            | Self::AuthNotPortable
            | Self::InvalidKey
            | Self::BreaksOc => Severity::Error,
            Self::ShadowingEntry
            | Self::AmbiguousNormalisedKeys
            | Self::DefaultPortKey
            | Self::IdentityTokenIgnored
            | Self::UsernamePasswordIgnored
            | Self::KeyNeverMatches => Severity::Warning,
            Self::CredentialHelper => Severity::Info,
        }
    }
}

/// One finding of [`lint_auth_file`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthFileFinding {
    /// What it is about.
    pub kind: AuthFileLintKind,
    /// How bad it is.
    pub severity: Severity,
    /// The `auths` key (or `credHelpers` registry) concerned, as written.
    pub key: Option<String>,
    /// Other keys the finding is about.
    pub related: Vec<String>,
    /// The explanation.
    pub message: String,
}

impl AuthFileFinding {
    fn new(
        kind: AuthFileLintKind,
        key: Option<&str>,
        related: Vec<String>,
        message: String,
    ) -> Self {
        Self {
            kind,
            severity: kind.severity(),
            key: key.map(str::to_owned),
            related,
            message,
        }
    }
}

/// [`lint_auth_file`] on text: a file that does not decode is one
/// [`AuthFileLintKind::UnreadableFile`] finding.
#[must_use]
pub fn lint_auth_file_text(text: &str, format: AuthFileFormat) -> Vec<AuthFileFinding> {
    match AuthFile::parse(text, format) {
        Ok(file) => lint_auth_file(&file),
        Err(e) => vec![AuthFileFinding::new(
            AuthFileLintKind::UnreadableFile,
            None,
            Vec::new(),
            format!("the file does not decode, so every lookup fails: {e}"),
        )],
    }
}

/// The findings for a decoded file: per entry in file order, then normalised-host groups,
/// `credHelpers` entries, and `oc`'s failure.
#[must_use]
pub fn lint_auth_file(file: &AuthFile) -> Vec<AuthFileFinding> {
    let mut findings = Vec::new();
    for (index, entry) in file.entries.iter().enumerate() {
        lint_entry(file, index, entry, &mut findings);
    }
    lint_host_groups(file, &mut findings);
    for (registry, helper) in &file.helpers {
        let hidden: Vec<String> = file
            .entries
            .iter()
            .filter(|e| registry_of(&e.key) == registry)
            .map(|e| e.key.clone())
            .collect();
        let mut message = format!(
            "credHelpers names `docker-credential-{helper}` for `{registry}`: containers/image \
             asks that program for every image under `{registry}` and reads no `auths` entry \
             for it"
        );
        if !hidden.is_empty() {
            message.push_str(" (the entries of the related keys are never used)");
        }
        message.push_str(
            "; oc runs it while loading the file and fails for every image when it is missing \
             or fails",
        );
        findings.push(AuthFileFinding::new(
            AuthFileLintKind::CredentialHelper,
            Some(registry),
            hidden,
            message,
        ));
    }
    if file.format == AuthFileFormat::Config
        && let Err(e) = OcCredentialStore::from_auth_file(file)
    {
        findings.push(AuthFileFinding::new(
            AuthFileLintKind::BreaksOc,
            None,
            Vec::new(),
            format!(
                "oc (`oc image`, `oc adm release mirror`) loads every credential first and \
                 fails for every image, even unrelated ones: {e}"
            ),
        ));
    }
    findings
}

/// Whether the kubelet decodes `auth` (§3.2: padded when it ends in `=` after trimming white
/// space, else unpadded) to text with a `:`.
fn kubelet_accepts(auth: &str) -> bool {
    let padded = auth.trim().ends_with('=');
    decode_base64(auth, padded).is_ok_and(|bytes| bytes.contains(&b':'))
}

fn lint_entry(
    file: &AuthFile,
    index: usize,
    entry: &AuthEntry,
    findings: &mut Vec<AuthFileFinding>,
) {
    use AuthFileLintKind as K;
    let key = entry.key.as_str();
    let outcome = entry.outcome();
    if outcome == EntryOutcome::InvalidBase64 {
        let error = match &entry.decoded {
            super::Decoded::Invalid(e) => e.to_string(),
            _ => String::new(),
        };
        let (kind, what) = if kubelet_accepts(&entry.auth) {
            (
                K::AuthNotPortable,
                "is unpadded base64: the kubelet accepts it, containers/image requires padding",
            )
        } else {
            (K::InvalidAuth, "is not padded standard base64")
        };
        findings.push(AuthFileFinding::new(
            kind,
            Some(key),
            Vec::new(),
            format!(
                "the `auth` of `{key}` {what} ({error}): every pull whose lookup reaches this \
                 entry fails instead of moving on, and oc fails for every image"
            ),
        ));
    }
    if !outcome.is_usable() && outcome != EntryOutcome::InvalidBase64 {
        if !entry.identity_token.is_empty() {
            findings.push(AuthFileFinding::new(
                K::IdentityTokenIgnored,
                Some(key),
                Vec::new(),
                if outcome == EntryOutcome::IdentityTokenOnly {
                    format!(
                        "`{key}` has an `identitytoken` but no `auth`: containers/image and oc \
                         ignore the token, and the entry yields no credentials"
                    )
                } else {
                    format!(
                        "`{key}` has an `identitytoken` but no usable `auth` ({}): \
                         containers/image and oc ignore the token",
                        outcome.describe()
                    )
                },
            ));
        }
        if entry.has_username_or_password {
            findings.push(AuthFileFinding::new(
                K::UsernamePasswordIgnored,
                Some(key),
                Vec::new(),
                format!(
                    "`{key}` has `username`/`password` members but no usable `auth`: the \
                     kubelet reads them, containers/image and oc do not ({})",
                    outcome.describe()
                ),
            ));
        }
        lint_shadowing(file, index, entry, outcome, findings);
    }
    let host = normalize_auth_file_key(key, file.format);
    let host_only = registry_of(host);
    if let Some((name, port)) = host_only.rsplit_once(':')
        && (port == "443" || port == "80")
        && !name.is_empty()
    {
        findings.push(AuthFileFinding::new(
            K::DefaultPortKey,
            Some(key),
            Vec::new(),
            format!(
                "`{key}` names the port explicitly: it serves only images written \
                 `{host_only}/…`, never `{name}/…` (ports are compared as written)"
            ),
        ));
    }
    if key.contains('*') {
        findings.push(AuthFileFinding::new(
            K::KeyNeverMatches,
            Some(key),
            Vec::new(),
            format!(
                "`{key}` is a glob, a kubelet feature: containers/image and oc compare keys \
                 exactly, so no image uses it"
            ),
        ));
    } else if file.format == AuthFileFormat::Config {
        if let Err(e) = validate_key(host) {
            findings.push(AuthFileFinding::new(
                K::InvalidKey,
                Some(key),
                Vec::new(),
                format!(
                    "`{key}` is not a valid key ({e}): no image uses it, and oc fails for every \
                     image"
                ),
            ));
        } else if host.ends_with('/') {
            findings.push(AuthFileFinding::new(
                K::KeyNeverMatches,
                Some(key),
                Vec::new(),
                format!(
                    "`{key}` ends with `/`: keys are compared exactly and no image name ends \
                     with `/`, so no image uses it"
                ),
            ));
        }
    }
}

/// An unusable entry that a lookup of its own key selects exactly, hiding what the same lookup
/// would find without it.
fn lint_shadowing(
    file: &AuthFile,
    index: usize,
    entry: &AuthEntry,
    outcome: EntryOutcome,
    findings: &mut Vec<AuthFileFinding>,
) {
    let key = entry.key.as_str();
    if validate_key(key).is_err() || file.resolve(key, None) != Resolution::Exact(index) {
        return;
    }
    let hidden = match file.resolve(key, Some(index)) {
        Resolution::Exact(i) | Resolution::Normalised(i) => file.entries.get(i),
        Resolution::Helper(_) | Resolution::Nothing => None,
    };
    let Some(hidden) = hidden.filter(|h| h.outcome().is_usable()) else {
        return;
    };
    let scope = match file.format {
        AuthFileFormat::Config => format!("images under `{key}`"),
        AuthFileFormat::Legacy => format!("`{key}` images"),
    };
    findings.push(AuthFileFinding::new(
        AuthFileLintKind::ShadowingEntry,
        Some(key),
        vec![hidden.key.clone()],
        format!(
            "`{key}` is the first key present for {scope}, but {}; containers/image stops there \
             and never uses the credentials of `{}` for them (oc does)",
            outcome.describe(),
            hidden.key
        ),
    ));
}

/// Normalised hosts with several keys that a lookup's fallback can reach.
fn lint_host_groups(file: &AuthFile, findings: &mut Vec<AuthFileFinding>) {
    let mut groups: Vec<(&String, &Vec<usize>)> =
        file.by_host.iter().filter(|(_, g)| g.len() > 1).collect();
    groups.sort_by(|a, b| a.0.cmp(b.0));
    for (host, group) in groups {
        // The registry of the image names that reach this host.
        let registry = if host == "index.docker.io" {
            "docker.io"
        } else {
            host.as_str()
        };
        if file.index_of(registry).is_some() {
            continue;
        }
        let keys: Vec<String> = group
            .iter()
            .filter_map(|i| file.entries.get(*i))
            .map(|e| e.key.clone())
            .collect();
        let Some((chosen, others)) = keys.split_first() else {
            continue;
        };
        // Whether the competing entries would send different things.
        let answers: Vec<_> = group
            .iter()
            .filter_map(|i| file.entries.get(*i))
            .map(|e| {
                e.credentials()
                    .ok()
                    .flatten()
                    .map(|c| (c.username, c.password, c.identity_token))
            })
            .collect();
        let differ = answers.windows(2).any(|w| matches!(w, [a, b] if a != b))
            || group
                .iter()
                .filter_map(|i| file.entries.get(*i))
                .any(|e| e.outcome() == EntryOutcome::InvalidBase64);
        let listed = keys
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        findings.push(AuthFileFinding::new(
            AuthFileLintKind::AmbiguousNormalisedKeys,
            Some(chosen),
            others.to_vec(),
            format!(
                "{listed} all normalise to `{host}` and no key `{registry}` is present: for \
                 `{registry}` images upstream picks one of them at random (Go map order); the \
                 library uses the smallest, `{chosen}`{}; keep one key per registry",
                if differ {
                    ", and their entries differ, so what is sent changes from run to run"
                } else {
                    ""
                }
            ),
        ));
    }
}
