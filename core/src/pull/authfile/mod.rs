//! Credentials in auth files as containers/image reads them for CRI-O, podman and skopeo
//! (`pull.md` §4), and `oc`'s own resolver over the same file ([`oc`], §5).
//!
//! [`AuthFile::parse`] decodes the file once (Go's `encoding/json` rules of §2.1 and §4.2) and
//! precomputes everything a lookup needs: each entry's decoded `auth` (§4.4), an index of the
//! `auths` keys, and an index of their normalised hosts (§4.3 step 3) in which, where several
//! keys normalise to one host, the smallest key in byte order is chosen (upstream picks one at
//! random, §9). A lookup is therefore a few hash probes whatever the size of the file.
//!
//! ```
//! use openshift_image::pull::authfile::{AuthFile, AuthFileFormat};
//!
//! let file = AuthFile::parse(
//!     r#"{"auths": {"quay.io": {"auth": "dTpw"}, "https://index.docker.io/v1/": {"auth": "aDpw"}}}"#,
//!     AuthFileFormat::Config,
//! )?;
//! let quay = file.credentials_for_image("quay.io/ns/app:1")?.expect("credentials");
//! assert_eq!((quay.username, quay.password, quay.key), ("u", "p", "quay.io"));
//! let hub = file.credentials_for_image("busybox")?.expect("credentials");
//! assert_eq!(hub.key, "https://index.docker.io/v1/");
//! assert!(file.credentials_for_image("ghcr.io/x/y")?.is_none());
//! # Ok::<(), openshift_image::pull::PullError>(())
//! ```
//!
//! [`AuthFile::explain`] tells which keys a lookup considered and why one won, and
//! [`lint::lint_auth_file`] lists the file's entries that upstream reads differently from what
//! they appear to say.

mod explain;
pub mod lint;
pub mod oc;

use std::collections::HashMap;

use serde::Serialize;

pub use explain::{
    AuthFileExplanation, CredentialHelperStep, ExactKeyStep, ExplainError, ExplainedCredentials,
    LookupInput, MatchKind, NormalisedCandidate, NormalisedStep, WinningKey,
};
pub use lint::{AuthFileFinding, AuthFileLintKind, lint_auth_file, lint_auth_file_text};
pub use oc::{OcCredentialStore, OcCredentials};

use super::PullError;
use super::gojson::{Base64Error, OrderedJson, decode_base64, member_selects};
use crate::hashkey::{FNV_OFFSET, NO_ENTRY, PrehashedMap, fnv_step, mix};
use crate::reference::Reference;

/// The path written in error messages by [`AuthFile::parse`] (the conformance vectors' name of
/// the file).
pub const DEFAULT_AUTH_FILE_PATH: &str = "auth.json";

/// How a file is laid out (§2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthFileFormat {
    /// `{"auths": {KEY: ENTRY}, "credHelpers": {REGISTRY: PROGRAM}}` (`auth.json`,
    /// `config.json`, `.dockerconfigjson`).
    Config,
    /// The legacy `.dockercfg`: the `auths` map alone, looked up by registry only.
    Legacy,
}

/// What a lookup makes of one `auths` entry (§4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryOutcome {
    /// `auth` decodes to `user:password`: the entry supplies credentials.
    Credentials,
    /// `auth` decodes to `:` and there is no identity token: all three values are empty, which
    /// upstream treats as "no credentials".
    EmptyCredentials,
    /// No `auth` (absent, `null`, `""` or only newlines) and no identity token: nothing (Docker
    /// writes such entries when a credential helper holds the secret).
    NoAuth,
    /// No `auth` but an `identitytoken`: the token is ignored, nothing.
    IdentityTokenOnly,
    /// `auth` decodes to text without `:`: nothing.
    NoColon,
    /// `auth` is not padded standard base64: the lookup fails with Go's base64 error.
    InvalidBase64,
}

impl EntryOutcome {
    /// Whether the entry supplies credentials.
    #[must_use]
    pub const fn is_usable(self) -> bool {
        matches!(self, Self::Credentials)
    }

    /// Why the entry yields what it yields, in words.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Credentials => "its `auth` decodes to user:password",
            Self::EmptyCredentials => {
                "its `auth` decodes to \":\" with no identity token: empty credentials count as none"
            }
            Self::NoAuth => "it has no `auth`, so it yields no credentials",
            Self::IdentityTokenOnly => {
                "it has an `identitytoken` but no `auth`: the token alone is ignored, no credentials"
            }
            Self::NoColon => "its `auth` decodes to text without ':', so it yields no credentials",
            Self::InvalidBase64 => {
                "its `auth` is not padded standard base64: the lookup fails instead of moving on"
            }
        }
    }
}

/// The decoded form of an entry's `auth`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Decoded {
    /// `user:password` (password with NUL characters trimmed).
    UserPassword { username: String, password: String },
    /// Decoded, but without `:` (`empty`: nothing at all).
    NoColon { empty: bool },
    /// Go's base64 error.
    Invalid(Base64Error),
}

/// One `auths` member after decoding (for a repeated key, the last one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthEntry {
    key: String,
    auth: String,
    identity_token: String,
    /// The entry has `username` / `password` members (read by the kubelet, not here).
    has_username_or_password: bool,
    decoded: Decoded,
}

impl AuthEntry {
    fn new(key: String, raw: RawEntry) -> Self {
        let decoded = decode_auth(&raw.auth);
        Self {
            key,
            auth: raw.auth,
            identity_token: raw.identity_token,
            has_username_or_password: raw.has_username_or_password,
            decoded,
        }
    }

    /// The key as written in the file.
    #[must_use]
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The `auth` member as written (`""` when absent or `null`).
    #[must_use]
    pub fn auth(&self) -> &str {
        &self.auth
    }

    /// The `identitytoken` member (`""` when absent or `null`).
    #[must_use]
    pub fn identity_token(&self) -> &str {
        &self.identity_token
    }

    /// Whether the entry has `username` or `password` members, which containers/image and
    /// `oc` never read (the kubelet does).
    #[must_use]
    pub const fn has_username_or_password(&self) -> bool {
        self.has_username_or_password
    }

    /// What a lookup that selects this entry yields.
    #[must_use]
    pub fn outcome(&self) -> EntryOutcome {
        match &self.decoded {
            Decoded::UserPassword { username, password } => {
                if username.is_empty() && password.is_empty() && self.identity_token.is_empty() {
                    EntryOutcome::EmptyCredentials
                } else {
                    EntryOutcome::Credentials
                }
            }
            Decoded::NoColon { empty: true } if !self.identity_token.is_empty() => {
                EntryOutcome::IdentityTokenOnly
            }
            Decoded::NoColon { empty: true } => EntryOutcome::NoAuth,
            Decoded::NoColon { empty: false } => EntryOutcome::NoColon,
            Decoded::Invalid(_) => EntryOutcome::InvalidBase64,
        }
    }

    /// The credentials the entry supplies: `None` when it yields none (§4.4), the base64 error
    /// when `auth` does not decode.
    fn credentials(&self) -> Result<Option<FoundCredentials<'_>>, PullError> {
        match &self.decoded {
            Decoded::UserPassword { username, password } => {
                if username.is_empty() && password.is_empty() && self.identity_token.is_empty() {
                    return Ok(None);
                }
                Ok(Some(FoundCredentials {
                    username,
                    password,
                    identity_token: &self.identity_token,
                    key: &self.key,
                }))
            }
            Decoded::NoColon { .. } => Ok(None),
            Decoded::Invalid(e) => Err(PullError::AuthFileFormat {
                message: e.to_string(),
            }),
        }
    }
}

/// `decodeDockerAuth`: padded standard base64, split at the first `:`, NULs trimmed from the
/// password.
fn decode_auth(auth: &str) -> Decoded {
    let bytes = match decode_base64(auth, true) {
        Ok(bytes) => bytes,
        Err(e) => return Decoded::Invalid(e),
    };
    let Some(colon) = memchr::memchr(b':', &bytes) else {
        return Decoded::NoColon {
            empty: bytes.is_empty(),
        };
    };
    let (user, rest) = bytes.split_at(colon);
    let password = rest.get(1..).unwrap_or_default();
    let start = password
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(password.len());
    let end = password
        .iter()
        .rposition(|b| *b != 0)
        .map_or(start, |i| i + 1);
    Decoded::UserPassword {
        username: go_string(user),
        password: go_string(password.get(start..end).unwrap_or_default()),
    }
}

/// Bytes as Go's JSON encoder writes a string: each byte that does not start a valid UTF-8
/// sequence becomes U+FFFD on its own (Go decodes rune by rune, an invalid one being one byte).
fn go_string(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                out.push_str(valid);
                return out;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                out.push(char::REPLACEMENT_CHARACTER);
                rest = after.get(1..).unwrap_or_default();
            }
        }
    }
}

/// Credentials found in an auth file (OPS.md `pull.auth_file_credentials`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FoundCredentials<'a> {
    /// The user name (`auth` before the first `:`).
    pub username: &'a str,
    /// The password (the rest, NUL characters trimmed).
    pub password: &'a str,
    /// The entry's `identitytoken`, `""` when none.
    pub identity_token: &'a str,
    /// The `auths` key (as written in the file) whose entry supplied them.
    pub key: &'a str,
}

/// Which rule selected an entry, or the credential helper that answers instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resolution {
    /// `credHelpers` has the registry: helper index.
    Helper(usize),
    /// The first present key of the lookup order (§4.3 step 2): entry index.
    Exact(usize),
    /// The normalised fallback (§4.3 step 3): entry index.
    Normalised(usize),
    /// Nothing in this file.
    Nothing,
}

/// A decoded auth file with its lookup indexes.
#[derive(Debug, Clone)]
pub struct AuthFile {
    path: String,
    format: AuthFileFormat,
    /// `auths` entries in the order their keys first appear in the file.
    entries: Vec<AuthEntry>,
    /// Key → entry, by the hashes of every `/`-prefix of a key computed in one pass.
    by_key: KeyIndex,
    /// Normalised host → the entries whose key normalises to it, smallest key first (the
    /// first is the one a lookup uses).
    by_host: HashMap<String, Vec<usize>>,
    /// `credHelpers` in the order the registries first appear.
    helpers: Vec<(String, String)>,
    /// Registry → helper.
    helper_by_registry: HashMap<String, usize>,
}

impl AuthFile {
    /// Decodes an auth file, naming it [`DEFAULT_AUTH_FILE_PATH`] in errors.
    ///
    /// # Errors
    /// [`PullError::AuthFileFormat`]:
    /// `reading JSON file "auth.json": unmarshaling JSON at "auth.json": <decoder text>` when
    /// the text is not JSON or a member has the wrong JSON type (§4.2).
    pub fn parse(text: &str, format: AuthFileFormat) -> Result<Self, PullError> {
        Self::parse_at(text, format, DEFAULT_AUTH_FILE_PATH)
    }

    /// [`AuthFile::parse`] for a file at `path` (the name used in error messages).
    ///
    /// # Errors
    /// As [`AuthFile::parse`].
    pub fn parse_at(text: &str, format: AuthFileFormat, path: &str) -> Result<Self, PullError> {
        let file_error = |detail: String| PullError::AuthFileFormat {
            message: format!(
                "reading JSON file \"{path}\": unmarshaling JSON at \"{path}\": {detail}"
            ),
        };
        let doc = OrderedJson::parse(text).map_err(|e| file_error(go_syntax_error(text, &e)))?;
        let mut decoder = Decoder::default();
        match format {
            AuthFileFormat::Config => decoder.config_file(&doc),
            AuthFileFormat::Legacy => decoder.legacy_file(&doc),
        }
        if let Some(error) = decoder.first_error {
            return Err(file_error(error));
        }
        Ok(Self::build(path, format, decoder.auths, decoder.helpers))
    }

    /// An empty file (what upstream reads when the file does not exist).
    #[must_use]
    pub fn empty(format: AuthFileFormat) -> Self {
        Self::build(
            DEFAULT_AUTH_FILE_PATH,
            format,
            OrderedMap::default(),
            OrderedMap::default(),
        )
    }

    fn build(
        path: &str,
        format: AuthFileFormat,
        auths: OrderedMap<RawEntry>,
        helpers: OrderedMap<String>,
    ) -> Self {
        let entries: Vec<AuthEntry> = auths
            .items
            .into_iter()
            .map(|(key, raw)| AuthEntry::new(key, raw))
            .collect();
        let by_key = KeyIndex::new(&entries);
        let mut by_host: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            by_host
                .entry(normalize_auth_file_key(&entry.key, format).to_owned())
                .or_default()
                .push(i);
        }
        for group in by_host.values_mut() {
            group.sort_by(|a, b| {
                let key = |i: &usize| entries.get(*i).map(|e| e.key.as_bytes());
                key(a).cmp(&key(b))
            });
        }
        let helpers = helpers.items;
        let helper_by_registry = helpers
            .iter()
            .enumerate()
            .map(|(i, (registry, _))| (registry.clone(), i))
            .collect();
        Self {
            path: path.to_owned(),
            format,
            entries,
            by_key,
            by_host,
            helpers,
            helper_by_registry,
        }
    }

    /// The file's layout.
    #[must_use]
    pub const fn format(&self) -> AuthFileFormat {
        self.format
    }

    /// The path used in messages.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The `auths` entries, in the order their keys first appear in the file.
    #[must_use]
    pub fn entries(&self) -> &[AuthEntry] {
        &self.entries
    }

    /// The entry of an exact key.
    #[must_use]
    pub fn entry(&self, key: &str) -> Option<&AuthEntry> {
        self.index_of(key).and_then(|i| self.entries.get(i))
    }

    /// `credHelpers` as `(registry, helper)` pairs, in the order the registries first appear.
    #[must_use]
    pub fn credential_helpers(&self) -> &[(String, String)] {
        &self.helpers
    }

    /// What a pull of `image` finds (`GetCredentialsForRef`): the reference's name (legacy
    /// normalised parse, `busybox` → `docker.io/library/busybox`) looked up as a key.
    ///
    /// # Errors
    /// [`PullError::Reference`] when `image` does not parse; otherwise as
    /// [`AuthFile::credentials_for_key`].
    pub fn credentials_for_image(
        &self,
        image: &str,
    ) -> Result<Option<FoundCredentials<'_>>, PullError> {
        let reference = parse_image(image)?;
        self.credentials_for_key(reference.name())
    }

    /// What a direct key lookup finds (`GetCredentials`, §4.1, §4.3, §4.4).
    ///
    /// # Errors
    /// [`PullError::InvalidKey`] for a key with a scheme, an `@`, or a `:` after its first `/`;
    /// [`PullError::CredentialProgram`] when `credHelpers` names a program for the key's
    /// registry (the library never runs one: it reports what upstream reports when the program
    /// is not installed); [`PullError::AuthFileFormat`] with Go's base64 error when the selected
    /// entry's `auth` does not decode.
    pub fn credentials_for_key(
        &self,
        key: &str,
    ) -> Result<Option<FoundCredentials<'_>>, PullError> {
        validate_key(key)?;
        match self.resolve(key, None) {
            Resolution::Helper(i) => Err(self.helper_error(i)),
            Resolution::Exact(i) | Resolution::Normalised(i) => {
                self.entries.get(i).map_or(Ok(None), AuthEntry::credentials)
            }
            Resolution::Nothing => Ok(None),
        }
    }

    /// [`AuthFile::credentials_for_key`] computed as upstream does, by scanning every entry
    /// (no index); the smallest key wins where upstream's map order would decide. For tests
    /// and fuzzing of the indexed lookup.
    ///
    /// # Errors
    /// As [`AuthFile::credentials_for_key`].
    pub fn credentials_for_key_scan(
        &self,
        key: &str,
    ) -> Result<Option<FoundCredentials<'_>>, PullError> {
        validate_key(key)?;
        let registry = registry_of(key);
        if let Some(i) = self.helpers.iter().position(|(r, _)| r == registry) {
            return Err(self.helper_error(i));
        }
        for candidate in lookup_order(key, registry, self.format) {
            if let Some(entry) = self.entries.iter().find(|e| e.key == candidate) {
                return entry.credentials();
            }
        }
        let host = normalize_registry(registry);
        self.entries
            .iter()
            .filter(|e| normalize_auth_file_key(&e.key, self.format) == host)
            .min_by(|a, b| a.key.as_bytes().cmp(b.key.as_bytes()))
            .map_or(Ok(None), AuthEntry::credentials)
    }

    /// §4.3 over the indexes; `skip` leaves one entry out (lint asks what a lookup would find
    /// without it).
    fn resolve(&self, key: &str, skip: Option<usize>) -> Resolution {
        let registry = registry_of(key);
        if let Some(i) = self.helper_by_registry.get(registry) {
            return Resolution::Helper(*i);
        }
        let exact = match self.format {
            AuthFileFormat::Config => self.first_present_prefix(key, skip),
            AuthFileFormat::Legacy => {
                self.by_key
                    .find(&self.entries, registry, self.by_key.hash(registry), skip)
            }
        };
        if let Some(i) = exact {
            return Resolution::Exact(i);
        }
        self.by_host
            .get(normalize_registry(registry))
            .and_then(|group| group.iter().find(|i| Some(**i) != skip))
            .map_or(Resolution::Nothing, |i| Resolution::Normalised(*i))
    }

    /// The first present key of the new format's lookup order (the key, then the key cut at
    /// its last `/`, repeatedly). The hashes of all those prefixes come from one pass over the
    /// key, so a lookup costs `O(len(key))` plus the verification of hash hits.
    fn first_present_prefix(&self, key: &str, skip: Option<usize>) -> Option<usize> {
        // `/` positions with the hash of the key up to there; the few of a real name stay on
        // the stack.
        let mut stack = [(0usize, 0u64); 12];
        let mut stacked = 0;
        let mut spilled: Vec<(usize, u64)> = Vec::new();
        let mut state = self.by_key.start();
        for (pos, byte) in key.bytes().enumerate() {
            if byte == b'/' {
                match stack.get_mut(stacked) {
                    Some(slot) => {
                        *slot = (pos, state);
                        stacked += 1;
                    }
                    None => spilled.push((pos, state)),
                }
            }
            state = fnv_step(state, byte);
        }
        if let Some(i) = self.by_key.find(&self.entries, key, state, skip) {
            return Some(i);
        }
        let stacked = stack.get(..stacked).unwrap_or_default();
        spilled
            .iter()
            .rev()
            .chain(stacked.iter().rev())
            .find_map(|(pos, hash)| {
                let prefix = key.get(..*pos)?;
                self.by_key.find(&self.entries, prefix, *hash, skip)
            })
    }

    /// The entry of an exact key.
    fn index_of(&self, key: &str) -> Option<usize> {
        self.by_key
            .find(&self.entries, key, self.by_key.hash(key), None)
    }

    fn helper_error(&self, index: usize) -> PullError {
        let helper = self.helpers.get(index).map_or("", |(_, h)| h.as_str());
        credential_program_error(helper)
    }

    /// The entries whose key normalises to `host` (§4.3 step 3), smallest key first.
    fn host_group(&self, host: &str) -> &[usize] {
        self.by_host.get(host).map_or(&[], Vec::as_slice)
    }
}

/// What upstream reports for a `credHelpers` program that is not installed (the library never
/// runs one).
fn credential_program_error(helper: &str) -> PullError {
    let program = format!("docker-credential-{helper}");
    PullError::CredentialProgram {
        message: format!(
            "error getting credentials - err: exec: \"{program}\": executable file not found in $PATH, out: ``"
        ),
        program,
    }
}

/// The legacy normalised parse containers/image and `oc` use for image names.
fn parse_image(image: &str) -> Result<Reference, PullError> {
    Reference::parse_normalized_legacy(image).map_err(|e| PullError::Reference {
        reference: image.to_owned(),
        message: e.to_string(),
    })
}

/// containers/image `validateKey` (§4.1).
///
/// # Errors
/// [`PullError::InvalidKey`] with upstream's text.
pub fn validate_key(key: &str) -> Result<(), PullError> {
    let invalid = |what: &str| PullError::InvalidKey {
        key: key.to_owned(),
        message: format!("key {key} contains {what}"),
    };
    if key.starts_with("http://") || key.starts_with("https://") {
        return Err(invalid("http[s]:// prefix"));
    }
    if key.contains('@') {
        return Err(invalid("a '@' character"));
    }
    if let Some((_, after_host)) = key.split_once('/')
        && after_host.contains(':')
    {
        return Err(invalid("a ':' character after host[:port]"));
    }
    Ok(())
}

/// The registry of a key: the key up to its first `/`.
#[must_use]
pub fn registry_of(key: &str) -> &str {
    key.split_once('/').map_or(key, |(registry, _)| registry)
}

/// `normalizeRegistry`: `docker.io` and `registry-1.docker.io` are `index.docker.io`.
#[must_use]
pub fn normalize_registry(registry: &str) -> &str {
    match registry {
        "registry-1.docker.io" | "docker.io" => "index.docker.io",
        other => other,
    }
}

/// `normalizeAuthFileKey` (§4.3 step 3): a leading `http://`, then a leading `https://`
/// removed; if something was removed, or in the legacy format, the key is cut at its first
/// `/`; then [`normalize_registry`].
#[must_use]
pub fn normalize_auth_file_key(key: &str, format: AuthFileFormat) -> &str {
    let stripped = key.strip_prefix("http://").unwrap_or(key);
    let stripped = stripped.strip_prefix("https://").unwrap_or(stripped);
    let host = if format == AuthFileFormat::Legacy || stripped.len() != key.len() {
        registry_of(stripped)
    } else {
        stripped
    };
    normalize_registry(host)
}

/// The exact-key index: the seeded FNV hash of each key → its entry, entries of equal hash
/// chained (a hit is confirmed by comparing the key). The seed is random per file, so keys
/// cannot be chosen to collide.
#[derive(Debug, Clone)]
struct KeyIndex {
    seed: u64,
    heads: PrehashedMap<u32>,
    /// Per entry: the next entry with the same hash.
    next: Vec<u32>,
}

impl KeyIndex {
    fn new(entries: &[AuthEntry]) -> Self {
        use std::hash::BuildHasher as _;
        let mut index = Self {
            seed: std::hash::RandomState::new().hash_one(0x5eed_u64),
            heads: PrehashedMap::default(),
            next: vec![NO_ENTRY; entries.len()],
        };
        index.heads.reserve(entries.len());
        // Inserted last to first, so a chain lists entries in file order.
        for (i, entry) in entries.iter().enumerate().rev() {
            let Ok(slot) = u32::try_from(i) else {
                continue;
            };
            let table_key = mix(index.hash(&entry.key));
            if let Some(head) = index.heads.insert(table_key, slot)
                && let Some(next) = index.next.get_mut(i)
            {
                *next = head;
            }
        }
        index
    }

    /// The FNV state before the first byte.
    const fn start(&self) -> u64 {
        FNV_OFFSET ^ self.seed
    }

    fn hash(&self, key: &str) -> u64 {
        key.bytes().fold(self.start(), fnv_step)
    }

    /// The entry whose key is `key` (`hash` = [`KeyIndex::hash`] of it), unless it is `skip`.
    fn find(
        &self,
        entries: &[AuthEntry],
        key: &str,
        hash: u64,
        skip: Option<usize>,
    ) -> Option<usize> {
        let mut slot = *self.heads.get(&mix(hash))?;
        while slot != NO_ENTRY {
            let i = usize::try_from(slot).ok()?;
            let entry = entries.get(i)?;
            if entry.key == key {
                return (Some(i) != skip).then_some(i);
            }
            slot = *self.next.get(i)?;
        }
        None
    }
}

/// `authKeyLookupOrder`: the key, then the key cut at its last `/`, repeatedly (new format);
/// the registry alone (legacy format).
fn lookup_order<'k>(
    key: &'k str,
    registry: &'k str,
    format: AuthFileFormat,
) -> impl Iterator<Item = &'k str> {
    let first = match format {
        AuthFileFormat::Config => key,
        AuthFileFormat::Legacy => registry,
    };
    std::iter::successors(Some(first), move |k| {
        if format == AuthFileFormat::Legacy {
            return None;
        }
        k.rfind('/').and_then(|i| k.get(..i))
    })
}

// ---------------------------------------------------------------------------------------------
// Decoding the JSON as Go's `encoding/json` decodes it into containers/image's types:
//
//     type dockerConfigFile struct {
//         AuthConfigs map[string]dockerAuthConfig `json:"auths"`
//         CredHelpers map[string]string           `json:"credHelpers,omitempty"`
//     }
//     type dockerAuthConfig struct {
//         Auth          string `json:"auth,omitempty"`
//         IdentityToken string `json:"identitytoken,omitempty"`
//     }
//
// A member of the wrong type is recorded (the first one is the error) and decoding goes on;
// `null` leaves a string as it is and resets a map; a repeated `auths` member adds to the same
// map; a repeated map key replaces the whole entry.

/// An `auths` entry as decoded.
#[derive(Debug, Clone, Default)]
struct RawEntry {
    auth: String,
    identity_token: String,
    has_username_or_password: bool,
}

/// A Go map with the order keys first appeared (for stable reports).
#[derive(Debug, Clone)]
struct OrderedMap<V> {
    items: Vec<(String, V)>,
    index: HashMap<String, usize>,
}

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<V> OrderedMap<V> {
    fn insert(&mut self, key: &str, value: V) {
        if let Some(slot) = self.index.get(key).and_then(|i| self.items.get_mut(*i)) {
            slot.1 = value;
        } else {
            self.index.insert(key.to_owned(), self.items.len());
            self.items.push((key.to_owned(), value));
        }
    }

    fn clear(&mut self) {
        self.items.clear();
        self.index.clear();
    }
}

#[derive(Default)]
struct Decoder {
    auths: OrderedMap<RawEntry>,
    helpers: OrderedMap<String>,
    first_error: Option<String>,
}

/// Which struct field a JSON member name selects (Go: exact name first, then case folding).
fn field_of(name: &str, fields: &[&str]) -> Option<usize> {
    fields
        .iter()
        .position(|f| *f == name)
        .or_else(|| fields.iter().position(|f| member_selects(name, f)))
}

impl Decoder {
    fn type_error(&mut self, value: &OrderedJson, target: &str) {
        if self.first_error.is_none() {
            self.first_error = Some(format!(
                "json: cannot unmarshal {} into Go {target}",
                value.go_type()
            ));
        }
    }

    fn config_file(&mut self, doc: &OrderedJson) {
        let members = match doc {
            OrderedJson::Null => return,
            OrderedJson::Object(members) => members,
            other => {
                return self.type_error(other, "value of type config.dockerConfigFile");
            }
        };
        for (name, value) in members {
            match field_of(name, &["auths", "credHelpers"]) {
                Some(0) => match value {
                    OrderedJson::Null => self.auths.clear(),
                    OrderedJson::Object(map) => self.auth_map(map, false),
                    other => self.type_error(
                        other,
                        "struct field dockerConfigFile.auths of type map[string]config.dockerAuthConfig",
                    ),
                },
                Some(_) => match value {
                    OrderedJson::Null => self.helpers.clear(),
                    OrderedJson::Object(map) => {
                        for (registry, helper) in map {
                            match helper {
                                OrderedJson::String(s) => self.helpers.insert(registry, s.clone()),
                                OrderedJson::Null => self.helpers.insert(registry, String::new()),
                                other => self.type_error(
                                    other,
                                    "struct field dockerConfigFile.credHelpers of type string",
                                ),
                            }
                        }
                    }
                    other => self.type_error(
                        other,
                        "struct field dockerConfigFile.credHelpers of type map[string]string",
                    ),
                },
                None => {}
            }
        }
    }

    fn legacy_file(&mut self, doc: &OrderedJson) {
        match doc {
            OrderedJson::Null => {}
            OrderedJson::Object(map) => self.auth_map(map, true),
            other => self.type_error(other, "value of type map[string]config.dockerAuthConfig"),
        }
    }

    fn auth_map(&mut self, map: &[(String, OrderedJson)], legacy: bool) {
        for (key, value) in map {
            let entry = match value {
                OrderedJson::Null => RawEntry::default(),
                OrderedJson::Object(members) => self.entry(members, legacy),
                other => {
                    self.type_error(
                        other,
                        if legacy {
                            "value of type config.dockerAuthConfig"
                        } else {
                            "struct field dockerConfigFile.auths of type config.dockerAuthConfig"
                        },
                    );
                    RawEntry::default()
                }
            };
            self.auths.insert(key, entry);
        }
    }

    fn entry(&mut self, members: &[(String, OrderedJson)], legacy: bool) -> RawEntry {
        let mut entry = RawEntry::default();
        for (name, value) in members {
            let Some(field) = field_of(name, &["auth", "identitytoken"]) else {
                entry.has_username_or_password |=
                    member_selects(name, "username") || member_selects(name, "password");
                continue;
            };
            match value {
                OrderedJson::String(s) if field == 0 => entry.auth.clone_from(s),
                OrderedJson::String(s) => entry.identity_token.clone_from(s),
                OrderedJson::Null => {}
                other => {
                    let target = match (legacy, field) {
                        (false, 0) => "struct field dockerAuthConfig.auths.auth of type string",
                        (false, _) => {
                            "struct field dockerAuthConfig.auths.identitytoken of type string"
                        }
                        (true, 0) => "struct field dockerAuthConfig.auth of type string",
                        (true, _) => "struct field dockerAuthConfig.identitytoken of type string",
                    };
                    self.type_error(other, target);
                }
            }
        }
        entry
    }
}

/// A JSON syntax error in the words of Go's decoder where serde_json's category maps onto
/// one (`unexpected end of JSON input`, `invalid character 'x' …`); the vectors compare
/// these texts loosely.
fn go_syntax_error(text: &str, error: &serde_json::Error) -> String {
    if error.is_eof() {
        return "unexpected end of JSON input".to_owned();
    }
    let full = error.to_string();
    let what = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(what, _)| what);
    let context = match what {
        "trailing characters" => "after top-level value",
        "expected value" => "looking for beginning of value",
        "key must be a string" | "trailing comma" => "looking for beginning of object key string",
        "expected `:`" => "after object key",
        "expected `,` or `}`" => "after object key:value pair",
        "expected `,` or `]`" => "after array element",
        "invalid escape" => "in string escape code",
        "invalid number" => "in numeric literal",
        w if w.starts_with("control character") => "in string literal",
        _ => return what.to_owned(),
    };
    // serde_json's line (1-based) and byte column (1-based) of the offending character.
    let line_start = text
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let at = line_start + error.column().saturating_sub(1);
    let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
        return what.to_owned();
    };
    let quoted = match c {
        '\'' => "'\\''".to_owned(),
        '"' => "'\"'".to_owned(),
        c => {
            let q = format!("{:?}", c.to_string());
            format!(
                "'{}'",
                q.get(1..q.len().saturating_sub(1)).unwrap_or_default()
            )
        }
    };
    format!("invalid character {quoted} {context}")
}

#[cfg(test)]
mod tests;
