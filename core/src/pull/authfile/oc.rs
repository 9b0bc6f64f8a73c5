//! `oc image …` and `oc adm release mirror` with `--registry-config` (`pull.md` §5): oc loads
//! every credential of the file first (containers/image v5.30.1 `GetAllCredentials`), then
//! resolves an image over what it loaded.
//!
//! ```
//! use openshift_image::pull::authfile::OcCredentialStore;
//!
//! // Unlike the runtime, an unusable specific entry does not hide a usable less specific one.
//! let store = OcCredentialStore::load(Some(
//!     r#"{"auths": {"quay.io/ns": {}, "quay.io": {"auth": "dTpw"}}}"#,
//! ))?;
//! assert_eq!(store.credentials_for("quay.io/ns/app").map(|c| c.username.as_str()), Some("u"));
//! // One broken entry breaks every lookup.
//! let broken = OcCredentialStore::load(Some(
//!     r#"{"auths": {"quay.io": {"auth": "dTpw"}, "other.io": {"auth": "***"}}}"#,
//! ));
//! assert_eq!(
//!     broken.map(|_| ()).map_err(|e| e.to_string()),
//!     Err("1 error occurred:\n\t* illegal base64 data at input byte 0\n\n".to_owned())
//! );
//! # Ok::<(), openshift_image::pull::PullError>(())
//! ```

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::{
    AuthFile, AuthFileFormat, DEFAULT_AUTH_FILE_PATH, normalize_auth_file_key, normalize_registry,
    parse_image,
};
use crate::pull::PullError;

/// Credentials `oc` sends (OPS.md `pull.oc_registry_credentials`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OcCredentials {
    /// The user name (`Basic`).
    pub username: String,
    /// The password (`Basic`).
    pub password: String,
    /// The identity token (`RefreshToken`).
    pub identity_token: String,
}

/// What `oc` loaded from an auth file: credentials by normalised key, and an index of their
/// hosts for the normalised fallback.
#[derive(Debug, Clone, Default)]
pub struct OcCredentialStore {
    credentials: HashMap<String, OcCredentials>,
    /// oc's normalised key → the smallest loaded key normalising to it.
    by_host: HashMap<String, String>,
}

impl OcCredentialStore {
    /// Loads the file's text (`None`: the file does not exist), naming it `auth.json`.
    ///
    /// # Errors
    /// [`PullError::AuthFileFormat`]: `stat auth.json: no such file or directory`; the
    /// decoding errors of [`AuthFile::parse`] as they stand; and every lookup error of
    /// [`OcCredentialStore::from_auth_file`].
    pub fn load(text: Option<&str>) -> Result<Self, PullError> {
        let Some(text) = text else {
            return Err(PullError::AuthFileFormat {
                message: format!("stat {DEFAULT_AUTH_FILE_PATH}: no such file or directory"),
            });
        };
        Self::from_auth_file(&AuthFile::parse(text, AuthFileFormat::Config)?)
    }

    /// `GetAllCredentials` over a decoded file: every `credHelpers` registry and every `auths`
    /// key, normalised (§4.3 step 3, `index.docker.io` written back as `docker.io`), looked up
    /// with [`AuthFile::credentials_for_key`]; keys without credentials are dropped.
    ///
    /// # Errors
    /// [`PullError::AuthFileFormat`] when any key's lookup fails (an undecodable entry anywhere,
    /// a key that does not validate, a credential program), wrapped as go-multierror does:
    /// `1 error occurred:\n\t* <error>\n\n`, or `<n> errors occurred:\n\t* <e1>\n\t* <e2>\n\n`
    /// in sorted key order (upstream's order is Go map order).
    pub fn from_auth_file(file: &AuthFile) -> Result<Self, PullError> {
        let mut keys: BTreeSet<&str> = file
            .credential_helpers()
            .iter()
            .map(|(registry, _)| registry.as_str())
            .collect();
        for entry in file.entries() {
            match normalize_auth_file_key(entry.key(), file.format()) {
                "index.docker.io" => keys.insert("docker.io"),
                key => keys.insert(key),
            };
        }
        let mut credentials = HashMap::new();
        let mut errors = Vec::new();
        for key in keys {
            match file.credentials_for_key(key) {
                Ok(Some(found)) => {
                    credentials.insert(
                        key.to_owned(),
                        OcCredentials {
                            username: found.username.to_owned(),
                            password: found.password.to_owned(),
                            identity_token: found.identity_token.to_owned(),
                        },
                    );
                }
                Ok(None) => {}
                Err(e) => errors.push(e.to_string()),
            }
        }
        if !errors.is_empty() {
            return Err(PullError::AuthFileFormat {
                message: multierror_text(&errors),
            });
        }
        let mut by_host: HashMap<String, String> = HashMap::new();
        for key in credentials.keys() {
            let host = normalize_auth_file_key(key, AuthFileFormat::Config);
            match by_host.get_mut(host) {
                Some(current) if current.as_bytes() <= key.as_bytes() => {}
                Some(current) => current.clone_from(key),
                None => {
                    by_host.insert(host.to_owned(), key.clone());
                }
            }
        }
        Ok(Self {
            credentials,
            by_host,
        })
    }

    /// The loaded credentials by key.
    #[must_use]
    pub const fn credentials(&self) -> &HashMap<String, OcCredentials> {
        &self.credentials
    }

    /// What `oc` sends for `image` (`CredentialStoreFor`): the legacy normalised name and its
    /// parents looked up exactly, then the normalised fallback; an image that does not parse
    /// gets no credentials.
    #[must_use]
    pub fn credentials_for(&self, image: &str) -> Option<&OcCredentials> {
        let reference = parse_image(image).ok()?;
        let mut name = reference.name();
        loop {
            if let Some(found) = self.credentials.get(name) {
                return Some(found);
            }
            match name.rfind('/').and_then(|i| name.get(..i)) {
                Some(parent) => name = parent,
                None => break,
            }
        }
        let key = self.by_host.get(normalize_registry(reference.domain()))?;
        self.credentials.get(key)
    }
}

/// hashicorp go-multierror's `ListFormatFunc`.
fn multierror_text(errors: &[String]) -> String {
    if let [only] = errors {
        return format!("1 error occurred:\n\t* {only}\n\n");
    }
    let points: Vec<String> = errors.iter().map(|e| format!("* {e}")).collect();
    format!(
        "{} errors occurred:\n\t{}\n\n",
        errors.len(),
        points.join("\n\t")
    )
}
