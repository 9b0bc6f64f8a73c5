//! The kubelet's credential keyring (`pull.md` §3): which credentials the kubelet hands to the
//! runtime for a pod's image, from the pod's pull secrets and the node's `config.json`.
//!
//! * [`PullSecret`], [`DockerConfig`] (decoding, §3.2 steps 1–2) and [`Credential`];
//! * [`DockerKeyring`] (`BasicDockerKeyring`, §3.2 step 3, §3.4): [`DockerKeyring::add`],
//!   [`DockerKeyring::lookup`] from a precomputed index (the same ordered answer as upstream's
//!   scan of every key), [`DockerKeyring::explain`];
//! * [`url_match`] (`URLsMatchStr`, §3.3);
//! * [`kubelet_credentials`] (§3.1–§3.5) and [`explain_kubelet_credentials`];
//! * [`lint_pull_secrets`] (§9): mistakes in pull secrets that the kubelet accepts silently.
//!
//! ```
//! use openshift_image::pull::keyring::{DockerConfig, DockerKeyring};
//! let config = DockerConfig::from_dockerconfigjson(
//!     r#"{"auths": {"quay.io": {"auth": "dTE6cDE="}, "quay.io/ns": {"auth": "dTI6cDI="}}}"#,
//! )?;
//! let mut keyring = DockerKeyring::new();
//! keyring.add(&config);
//! let users: Vec<&str> = keyring.lookup("quay.io/ns/app").iter().map(|c| c.username.as_str()).collect();
//! assert_eq!(users, ["u2", "u1"]); // the more specific key first
//! # Ok::<(), openshift_image::pull::PullError>(())
//! ```

mod decode;
mod explain;
mod lint;
mod url;

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

pub use explain::{
    DockerHubFallback, ExplainedKey, ExplainedSecret, KeyVerdict, KeyringExplanation,
    KubeletExplanation, NodeSource, SecretStatus, explain_kubelet_credentials,
};
pub use lint::{CredentialFinding, CredentialFindingKind, Severity, lint_pull_secrets};

use self::decode::Form;
use self::url::{ParsedUrl, go_lossy, parse_after_scheme, split_host_port};
use crate::gomatch::{BadPattern, is_glob, path_match as glob_match};
use crate::pull::PullError;
use crate::reference::parse_image_name;

/// Secret type of a `.dockerconfigjson` pull secret.
pub const DOCKER_CONFIG_JSON_TYPE: &str = "kubernetes.io/dockerconfigjson";
/// Data key of a `kubernetes.io/dockerconfigjson` secret.
pub const DOCKER_CONFIG_JSON_KEY: &str = ".dockerconfigjson";
/// Secret type of a legacy `.dockercfg` pull secret.
pub const DOCKERCFG_TYPE: &str = "kubernetes.io/dockercfg";
/// Data key of a `kubernetes.io/dockercfg` secret.
pub const DOCKERCFG_KEY: &str = ".dockercfg";
/// The keyring key whose credentials serve Docker Hub names when no key matched (§3.4).
pub const DOCKER_HUB_KEY: &str = "index.docker.io";
/// The kubelet's error for a node credential file (and `keyring_lookup`'s configs) that does
/// not decode, whatever the decoder said.
pub const CONFIG_FILE_ERROR: &str = "error occurred while trying to unmarshal json";

/// A pod's image pull secret: its type and its data (the decoded text of each data key).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullSecret {
    /// The secret type (`kubernetes.io/dockerconfigjson`, `kubernetes.io/dockercfg`, …).
    #[serde(rename = "type", default)]
    pub secret_type: String,
    /// Data key → text.
    #[serde(default)]
    pub data: BTreeMap<String, String>,
}

impl PullSecret {
    /// The form and text the kubelet decodes (§3.2 step 1), or `None` when it skips the
    /// secret (other type, the other data key, empty data).
    fn selected(&self) -> Option<(Form, &str)> {
        let pick = |ty: &str, key: &str| {
            (self.secret_type == ty)
                .then(|| self.data.get(key))
                .flatten()
                .filter(|t| !t.is_empty())
        };
        pick(DOCKER_CONFIG_JSON_TYPE, DOCKER_CONFIG_JSON_KEY)
            .map(|t| (Form::ConfigJson, t.as_str()))
            .or_else(|| pick(DOCKERCFG_TYPE, DOCKERCFG_KEY).map(|t| (Form::Dockercfg, t.as_str())))
    }
}

/// One credential the kubelet may send: all three fields always present, possibly empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Credential {
    /// The user name.
    pub username: String,
    /// The password.
    pub password: String,
    /// The e-mail address (informative).
    pub email: String,
}

/// A decoded credential map (`credentialprovider.DockerConfig`): original key → credential.
/// Several members with one key keep the last; iteration is in sorted key order, the order
/// the library adds them in (upstream iterates a Go map, `pull.md` §9).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DockerConfig {
    /// Key as written → credential.
    pub entries: BTreeMap<String, Credential>,
}

impl DockerConfig {
    /// Decodes `{"auths": {KEY: ENTRY}}` (`.dockerconfigjson`, `config.json`).
    ///
    /// # Errors
    /// [`PullError::SecretFormat`]: Go's JSON decoder texts, base64 texts, or
    /// `unable to parse auth field, must be formatted as base64(username:password)`.
    pub fn from_dockerconfigjson(text: &str) -> Result<Self, PullError> {
        decode::decode(text, Form::ConfigJson).map(|entries| Self { entries })
    }

    /// Decodes the legacy `{KEY: ENTRY}` map (`.dockercfg`).
    ///
    /// # Errors
    /// As [`DockerConfig::from_dockerconfigjson`].
    pub fn from_dockercfg(text: &str) -> Result<Self, PullError> {
        decode::decode(text, Form::Dockercfg).map(|entries| Self { entries })
    }
}

/// Where a keyring credential came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CredentialOrigin {
    /// The source: the pull secret's index for the kubelet, else the number of the
    /// [`DockerKeyring::add`] call (from 0).
    pub source: usize,
    /// The key as written in the secret.
    pub key: String,
}

/// A keyring key after `Add`, parsed once as every lookup parses it again (§3.3).
#[derive(Debug, Clone)]
struct KeyPattern {
    host_name: Vec<u8>,
    port: Vec<u8>,
    /// Label boundaries in `host_name` (start, end).
    labels: Vec<(usize, usize)>,
    path: Vec<u8>,
    /// Labels that are not plain text (or beyond the index's 64 labels): tested per lookup.
    tested_labels: Vec<usize>,
    /// Bit `i`: label `i` is plain text and part of the index key.
    mask: u64,
}

impl KeyPattern {
    fn label(&self, i: usize) -> &[u8] {
        self.labels
            .get(i)
            .and_then(|(s, e)| self.host_name.get(*s..*e))
            .unwrap_or(&[])
    }
}

/// One key of the keyring: its text, its credentials in insertion order, its parsed form.
#[derive(Debug, Clone)]
struct KeyEntry {
    key: Vec<u8>,
    credentials: Vec<Credential>,
    origins: Vec<CredentialOrigin>,
    /// The key parsed as a lookup parses it; the error text when it does not parse (the key
    /// then never matches).
    pattern: Result<KeyPattern, String>,
}

/// A key that `Add` dropped because it is not a URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DroppedKey {
    /// Where it came from.
    pub origin: CredentialOrigin,
    /// The URL parser's text.
    pub error: String,
}

/// A multiply-rotate hasher (the `FxHash` scheme) for the lookup index: its keys are short
/// byte strings from the keyring's own keys, hashed several times per lookup.
#[derive(Debug, Clone, Copy, Default)]
struct FastHasher(u64);

impl FastHasher {
    const fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            for (w, b) in word.iter_mut().zip(rest) {
                *w = *b;
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Keys with one path, by key id.
#[derive(Debug, Clone, Default)]
struct Bucket {
    by_path: FastMap<Vec<u8>, Vec<u32>>,
    /// The distinct path lengths of `by_path`, ascending.
    lengths: Vec<usize>,
}

/// Keys with one port, one label count and one set of plain-text labels, by those labels.
#[derive(Debug, Clone)]
struct Group {
    mask: u64,
    buckets: FastMap<Vec<u8>, Bucket>,
}

/// port → label count → groups.
type LookupIndex = FastMap<Vec<u8>, FastMap<usize, Vec<Group>>>;

/// The labels of a host name: Go's `strings.Split(host, ".")`.
fn label_bounds(host: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(4);
    let mut start = 0;
    for (i, b) in host.iter().enumerate() {
        if *b == b'.' {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, host.len()));
    out
}

const fn full_mask(count: usize) -> u64 {
    if count >= 64 {
        u64::MAX
    } else {
        (1u64 << count) - 1
    }
}

/// The labels selected by `mask`, joined by `.` (injective for one mask; with every label
/// selected, the host name itself).
fn project<'a>(labels: impl Iterator<Item = &'a [u8]>, mask: u64, out: &mut Vec<u8>) {
    out.clear();
    let mut first = true;
    for (i, label) in labels.enumerate().take(64) {
        if mask & (1u64 << i) != 0 {
            if !first {
                out.push(b'.');
            }
            first = false;
            out.extend_from_slice(label);
        }
    }
}

impl KeyPattern {
    fn new(url: &ParsedUrl<'_>) -> Self {
        let (name, port) = split_host_port(&url.host);
        let host_name = name.to_vec();
        let labels = label_bounds(&host_name);
        let mut pattern = Self {
            host_name,
            port: port.to_vec(),
            labels,
            path: url.path.to_vec(),
            tested_labels: Vec::new(),
            mask: 0,
        };
        for i in 0..pattern.labels.len() {
            if i < 64 && !is_glob(pattern.label(i)) {
                pattern.mask |= 1u64 << i;
            } else {
                pattern.tested_labels.push(i);
            }
        }
        pattern
    }

    fn is_exact(&self) -> bool {
        self.tested_labels.is_empty()
    }
}

/// Where a key stops matching a name (§3.3, in upstream's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mismatch {
    Port,
    LabelCount,
    PathPrefix,
    Label(usize),
    BadPattern(usize),
}

/// A lookup name parsed as a URL and split as the keyring splits it.
struct Target<'a> {
    host_name: &'a [u8],
    port: &'a [u8],
    label_count: usize,
    path: &'a [u8],
    /// The labels, split when a pattern first needs them (plain-text keys never do).
    labels: OnceCell<Vec<&'a [u8]>>,
}

impl<'a> Target<'a> {
    fn new(url: &'a ParsedUrl<'a>) -> Self {
        let (host_name, port) = split_host_port(&url.host);
        Target {
            host_name,
            port,
            label_count: memchr::memchr_iter(b'.', host_name).count() + 1,
            path: &url.path,
            labels: OnceCell::new(),
        }
    }

    fn labels(&self) -> impl Iterator<Item = &'a [u8]> + use<'a> {
        self.host_name.split(|b| *b == b'.')
    }

    fn label(&self, i: usize) -> &'a [u8] {
        self.labels
            .get_or_init(|| self.labels().collect())
            .get(i)
            .copied()
            .unwrap_or(&[])
    }
}

/// `urlsMatch`: the first failing test, or `None` when the key matches.
fn compare(key: &KeyPattern, target: &Target<'_>) -> Option<Mismatch> {
    if key.port != target.port {
        return Some(Mismatch::Port);
    }
    if key.labels.len() != target.label_count {
        return Some(Mismatch::LabelCount);
    }
    if !target.path.starts_with(&key.path) {
        return Some(Mismatch::PathPrefix);
    }
    for i in 0..key.labels.len() {
        match glob_match(key.label(i), target.label(i)) {
            Ok(true) => {}
            Ok(false) => return Some(Mismatch::Label(i)),
            Err(_) => return Some(Mismatch::BadPattern(i)),
        }
    }
    None
}

/// The kubelet's `BasicDockerKeyring`: keys (normalised as `Add` does) with their
/// credentials, visited in descending byte order; answered from an index whose cost does not
/// grow with the number of keys.
#[derive(Debug, Clone, Default)]
pub struct DockerKeyring {
    /// In upstream's visiting order (descending key bytes); position = key id.
    entries: Vec<KeyEntry>,
    index: LookupIndex,
    /// The id of `index.docker.io`.
    hub: Option<usize>,
    dropped: Vec<DroppedKey>,
    adds: usize,
}

/// The keyring key of a credential-file key (`Add`, §3.2 step 3): `https://` prefixed unless
/// an `http(s)://` scheme is there, parsed as a URL, `/v1/` or `/v2/` dropped from the path,
/// host + path unless the path is empty or `/`.
fn keyring_key_bytes(location: &str) -> Result<Vec<u8>, String> {
    let (scheme, rest) = if let Some(r) = location.strip_prefix("https://") {
        ("https://", r)
    } else if let Some(r) = location.strip_prefix("http://") {
        ("http://", r)
    } else {
        ("https://", location)
    };
    let url =
        parse_after_scheme(rest.as_bytes()).map_err(|e| e.message(scheme, rest.as_bytes()))?;
    let mut path: &[u8] = &url.path;
    if path.starts_with(b"/v2/") || path.starts_with(b"/v1/") {
        path = path.get(3..).unwrap_or(&[]);
    }
    let mut key = url.host.to_vec();
    if !path.is_empty() && path != b"/" {
        key.extend_from_slice(path);
    }
    Ok(key)
}

/// The keyring key the kubelet files a credential-file key under (§3.2 step 3):
/// `https://quay.io/v2/ns/` → `quay.io/ns/`, `quay.io:443` → `quay.io:443`.
///
/// ```
/// use openshift_image::pull::keyring::keyring_key;
/// assert_eq!(keyring_key("https://index.docker.io/v1/").as_deref(), Ok("index.docker.io"));
/// assert_eq!(keyring_key("quay.io/v1/ns").as_deref(), Ok("quay.io/ns"));
/// assert_eq!(keyring_key("HTTPS://quay.io").as_deref(), Ok("HTTPS://quay.io"));
/// ```
///
/// # Errors
/// The URL parser's text (`parse "https://<key>": …`) for a key the kubelet drops.
pub fn keyring_key(location: &str) -> Result<String, String> {
    keyring_key_bytes(location).map(|k| go_lossy(&k))
}

/// Go's `isDefaultRegistryMatch` (§3.4): whether a name "pulls from Docker Hub".
#[must_use]
pub fn is_default_registry_match(name: &str) -> bool {
    let (first, has_slash) = match name.split_once('/') {
        Some((first, _)) => (first, true),
        None => (name, false),
    };
    if first.is_empty() {
        return false;
    }
    !has_slash || first == "docker.io" || first == "index.docker.io" || !first.contains(['.', ':'])
}

impl DockerKeyring {
    /// An empty keyring.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a decoded config (`Add`): every entry in key order; keys that are not URLs are
    /// dropped (see [`DockerKeyring::dropped`]). The origin of its credentials is the number
    /// of earlier `add` calls.
    pub fn add(&mut self, config: &DockerConfig) {
        self.add_from(self.adds, config);
    }

    /// [`DockerKeyring::add`] with the origin `source` (e.g. a pull secret's index).
    pub fn add_from(&mut self, source: usize, config: &DockerConfig) {
        self.adds += 1;
        let mut positions: FastMap<Vec<u8>, usize> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key.clone(), i))
            .collect();
        for (location, credential) in &config.entries {
            let origin = CredentialOrigin {
                source,
                key: location.clone(),
            };
            let key = match keyring_key_bytes(location) {
                Ok(key) => key,
                Err(error) => {
                    self.dropped.push(DroppedKey { origin, error });
                    continue;
                }
            };
            match positions.get(&key).and_then(|i| self.entries.get_mut(*i)) {
                Some(e) => {
                    e.credentials.push(credential.clone());
                    e.origins.push(origin);
                }
                None => {
                    let pattern = parse_after_scheme(&key)
                        .map(|url| KeyPattern::new(&url))
                        .map_err(|e| e.message("https://", &key));
                    positions.insert(key.clone(), self.entries.len());
                    self.entries.push(KeyEntry {
                        key,
                        credentials: vec![credential.clone()],
                        origins: vec![origin],
                        pattern,
                    });
                }
            }
        }
        // Upstream's visiting order: descending bytes.
        self.entries.sort_by(|a, b| b.key.cmp(&a.key));
        self.rebuild_index();
    }

    fn rebuild_index(&mut self) {
        self.index.clear();
        self.hub = None;
        for (id, entry) in self.entries.iter().enumerate() {
            if entry.key == DOCKER_HUB_KEY.as_bytes() {
                self.hub = Some(id);
            }
            let Ok(pattern) = &entry.pattern else {
                continue;
            };
            let Ok(id) = u32::try_from(id) else {
                continue;
            };
            let groups = self
                .index
                .entry(pattern.port.clone())
                .or_default()
                .entry(pattern.labels.len())
                .or_default();
            let group = if let Some(g) = groups.iter_mut().find(|g| g.mask == pattern.mask) {
                g
            } else {
                groups.push(Group {
                    mask: pattern.mask,
                    buckets: FastMap::default(),
                });
                let Some(g) = groups.last_mut() else {
                    continue;
                };
                g
            };
            let mut projection = Vec::new();
            project(
                (0..pattern.labels.len()).map(|i| pattern.label(i)),
                pattern.mask,
                &mut projection,
            );
            let bucket = group.buckets.entry(projection).or_default();
            bucket
                .by_path
                .entry(pattern.path.clone())
                .or_default()
                .push(id);
            if let Err(at) = bucket.lengths.binary_search(&pattern.path.len()) {
                bucket.lengths.insert(at, pattern.path.len());
            }
        }
    }

    /// The ids of the keys that match `name`, in visiting order.
    fn matching_ids(&self, name: &str) -> Vec<usize> {
        let mut ids = Vec::new();
        let Ok(url) = parse_after_scheme(name.as_bytes()) else {
            return ids;
        };
        let target = Target::new(&url);
        let Some(groups) = self
            .index
            .get(target.port)
            .and_then(|by_count| by_count.get(&target.label_count))
        else {
            return ids;
        };
        let mut projection = Vec::new();
        for group in groups {
            let key: &[u8] =
                if group.mask == full_mask(target.label_count) && target.label_count <= 64 {
                    // Every label is plain text: the projection is the host name.
                    target.host_name
                } else {
                    project(target.labels(), group.mask, &mut projection);
                    &projection
                };
            let Some(bucket) = group.buckets.get(key) else {
                continue;
            };
            for len in bucket
                .lengths
                .iter()
                .take_while(|l| **l <= target.path.len())
            {
                let Some(candidates) = target.path.get(..*len).and_then(|p| bucket.by_path.get(p))
                else {
                    continue;
                };
                for id in candidates {
                    let id = *id as usize;
                    let Some(Ok(pattern)) = self.entries.get(id).map(|e| &e.pattern) else {
                        continue;
                    };
                    let matches = pattern.is_exact()
                        || pattern
                            .tested_labels
                            .iter()
                            .all(|i| glob_match(pattern.label(*i), target.label(*i)) == Ok(true));
                    if matches {
                        ids.push(id);
                    }
                }
            }
        }
        ids.sort_unstable();
        ids
    }

    /// `Lookup(name)` (§3.4): the credentials of every key that matches `name`, keys in
    /// descending byte order; when none matches and `name` pulls from Docker Hub, those of
    /// `index.docker.io`; empty = anonymous pull.
    #[must_use]
    pub fn lookup(&self, name: &str) -> Vec<&Credential> {
        let ids = self.matching_ids(name);
        let mut out: Vec<&Credential> = ids
            .iter()
            .filter_map(|id| self.entries.get(*id))
            .flat_map(|e| &e.credentials)
            .collect();
        if out.is_empty()
            && is_default_registry_match(name)
            && let Some(hub) = self.hub.and_then(|id| self.entries.get(id))
        {
            out.extend(&hub.credentials);
        }
        out
    }

    /// [`DockerKeyring::lookup`] the way upstream computes it: every key in visiting order
    /// tested against `name` (`URLsMatchStr`). The same answer in time proportional to the
    /// number of keys; for verification.
    #[must_use]
    pub fn lookup_scan(&self, name: &str) -> Vec<&Credential> {
        let url = parse_after_scheme(name.as_bytes());
        let target = url.as_ref().ok().map(Target::new);
        let mut out: Vec<&Credential> = Vec::new();
        for entry in &self.entries {
            if let (Ok(pattern), Some(target)) = (&entry.pattern, &target)
                && compare(pattern, target).is_none()
            {
                out.extend(&entry.credentials);
            }
        }
        if out.is_empty()
            && is_default_registry_match(name)
            && let Some(hub) = self.hub.and_then(|id| self.entries.get(id))
        {
            out.extend(&hub.credentials);
        }
        out
    }

    /// The number of distinct keyring keys.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the keyring has no key.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The keyring keys in visiting order (descending bytes; non-UTF-8 bytes shown as
    /// U+FFFD).
    pub fn keys(&self) -> impl Iterator<Item = String> + '_ {
        self.entries.iter().map(|e| go_lossy(&e.key))
    }

    /// Entries `add` dropped because their key is not a URL.
    #[must_use]
    pub fn dropped(&self) -> &[DroppedKey] {
        &self.dropped
    }
}

/// `URLsMatchStr(glob, target)` (§3.3): whether keyring key `glob` serves repository
/// `target`.
///
/// ```
/// use openshift_image::pull::keyring::url_match;
/// assert_eq!(url_match("*.example.com", "a.example.com/x"), Ok(true));
/// assert_eq!(url_match("quay.io/foo", "quay.io/foobar"), Ok(true)); // a string prefix
/// assert_eq!(url_match("quay.io", "quay.io:443/x"), Ok(false));
/// ```
///
/// # Errors
/// [`PullError::KeyringMatch`]: `parse "https://<glob or target>": <reason>` when either does
/// not parse as a URL, `syntax error in pattern` for a malformed label pattern.
pub fn url_match(glob: &str, target: &str) -> Result<bool, PullError> {
    let url_error = |value: &str, e: url::UrlError| PullError::KeyringMatch {
        value: value.to_owned(),
        message: e.message("https://", value.as_bytes()),
    };
    let glob_url = parse_after_scheme(glob.as_bytes()).map_err(|e| url_error(glob, e))?;
    let target_url = parse_after_scheme(target.as_bytes()).map_err(|e| url_error(target, e))?;
    match compare(&KeyPattern::new(&glob_url), &Target::new(&target_url)) {
        None => Ok(true),
        Some(Mismatch::BadPattern(_)) => Err(PullError::KeyringMatch {
            value: glob.to_owned(),
            message: BadPattern.to_string(),
        }),
        Some(_) => Ok(false),
    }
}

/// What the kubelet sends for an image: the repository it looked up and the credentials in
/// the order it tries them (empty: anonymous pull).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct KubeletCredentials {
    /// The normalised name (`docker.io/library/busybox`).
    pub repository: String,
    /// The credentials in order.
    pub credentials: Vec<Credential>,
}

/// The image's repository (`parsers.ParseImageName`, §3.1).
fn image_repository(image: &str) -> Result<String, PullError> {
    parse_image_name(image)
        .map(|n| n.repository)
        .map_err(|e| PullError::Reference {
            reference: image.to_owned(),
            message: e.to_string(),
        })
}

/// `MakeDockerKeyring`'s own keyring (§3.2 steps 1, 4): every selected secret decoded and
/// added in order; `None` when no secret was selected.
///
/// # Errors
/// The first secret that does not decode ([`PullError::SecretFormat`]).
pub fn pod_keyring(secrets: &[PullSecret]) -> Result<Option<DockerKeyring>, PullError> {
    let mut keyring: Option<DockerKeyring> = None;
    for (i, secret) in secrets.iter().enumerate() {
        let Some((form, text)) = secret.selected() else {
            continue;
        };
        let entries = decode::decode(text, form)?;
        keyring
            .get_or_insert_with(DockerKeyring::new)
            .add_from(i, &DockerConfig { entries });
    }
    Ok(keyring)
}

/// The node's config as the kubelet's default provider reads it (§3.5): `config.json` when
/// present and decodable, else `.dockercfg` when present and decodable, else nothing.
fn node_config(
    config_json: Option<&str>,
    dockercfg: Option<&str>,
) -> (NodeSource, Option<DockerConfig>) {
    if let Some(config) = config_json.and_then(|t| DockerConfig::from_dockerconfigjson(t).ok()) {
        return (NodeSource::ConfigJson, Some(config));
    }
    if let Some(config) = dockercfg.and_then(|t| DockerConfig::from_dockercfg(t).ok()) {
        return (NodeSource::Dockercfg, Some(config));
    }
    (NodeSource::None, None)
}

/// The node keyring (§3.5): what the default provider reads; an unreadable file gives an
/// empty keyring, never an error.
#[must_use]
pub fn node_keyring(config_json: Option<&str>, dockercfg: Option<&str>) -> DockerKeyring {
    let mut keyring = DockerKeyring::new();
    if let (_, Some(config)) = node_config(config_json, dockercfg) {
        keyring.add(&config);
    }
    keyring
}

/// The credentials the kubelet hands to the runtime for `image` (§3): the image's repository
/// looked up in the keyring of the pull secrets, then (appended) in the node keyring.
///
/// ```
/// use openshift_image::pull::keyring::{PullSecret, kubelet_credentials};
/// let secret = PullSecret {
///     secret_type: "kubernetes.io/dockerconfigjson".into(),
///     data: [(".dockerconfigjson".into(), r#"{"auths": {"docker.io": {"auth": "aDpw"}}}"#.into())].into(),
/// };
/// let got = kubelet_credentials("busybox", &[secret], None, None)?;
/// assert_eq!(got.repository, "docker.io/library/busybox");
/// assert_eq!(got.credentials[0].username, "h");
/// # Ok::<(), openshift_image::pull::PullError>(())
/// ```
///
/// # Errors
/// [`PullError::Reference`] (`couldn't parse image name "<image>": …`) first, then the first
/// pull secret that does not decode ([`PullError::SecretFormat`]).
pub fn kubelet_credentials(
    image: &str,
    secrets: &[PullSecret],
    node_config_json: Option<&str>,
    node_dockercfg: Option<&str>,
) -> Result<KubeletCredentials, PullError> {
    let repository = image_repository(image)?;
    let pod = pod_keyring(secrets)?;
    let node = node_keyring(node_config_json, node_dockercfg);
    let mut credentials: Vec<Credential> = pod
        .as_ref()
        .map(|k| k.lookup(&repository))
        .unwrap_or_default()
        .into_iter()
        .cloned()
        .collect();
    credentials.extend(node.lookup(&repository).into_iter().cloned());
    Ok(KubeletCredentials {
        repository,
        credentials,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyring(pairs: &[(&str, &str)]) -> DockerKeyring {
        let mut k = DockerKeyring::new();
        k.add(&DockerConfig {
            entries: pairs
                .iter()
                .map(|(key, user)| {
                    (
                        (*key).to_owned(),
                        Credential {
                            username: (*user).to_owned(),
                            ..Credential::default()
                        },
                    )
                })
                .collect(),
        });
        k
    }

    /// Upstream's scan: every key in descending order through `URLsMatchStr`.
    fn scan<'k>(k: &'k DockerKeyring, name: &str) -> Vec<&'k str> {
        let mut out: Vec<&str> = k
            .entries
            .iter()
            .filter(|e| url_match(&go_lossy(&e.key), name) == Ok(true))
            .flat_map(|e| e.credentials.iter().map(|c| c.username.as_str()))
            .collect();
        if out.is_empty()
            && is_default_registry_match(name)
            && let Some(hub) = k.entries.iter().find(|e| e.key == b"index.docker.io")
        {
            out.extend(hub.credentials.iter().map(|c| c.username.as_str()));
        }
        out
    }

    #[test]
    fn index_answers_like_the_scan() {
        let k = keyring(&[
            ("quay.io", "q"),
            ("quay.io/ns", "qns"),
            ("https://quay.io/v2/ns/app", "qapp"),
            ("quay.io/nsx/", "qnsx"),
            ("quay.io:8443", "qport"),
            ("*.quay.io", "wild"),
            ("*.*", "two"),
            ("quay.*", "qstar"),
            ("q?ay.io/n", "qq"),
            ("[a]", "class"),
            ("a[.io", "bad"),
            ("https://index.docker.io/v1/", "hub"),
            ("docker.io", "dio"),
            ("[::1]:5000", "v6"),
            ("quay.io/%zz", "dropped"),
            ("HTTPS://quay.io", "mangled"),
        ]);
        for name in [
            "quay.io",
            "quay.io/ns/app",
            "quay.io/nsx/y",
            "quay.io/ns",
            "quay.io:8443/x",
            "sub.quay.io/x",
            "a.b",
            "quay.com/x",
            "qxay.io/nope",
            "a.io",
            "docker.io/library/busybox",
            "localhost/app",
            "[::1]:5000/x",
            "",
            "/x",
            "HTTPS://quay.io",
            "quay.io/%zz",
            "a",
        ] {
            let got: Vec<&str> = k.lookup(name).iter().map(|c| c.username.as_str()).collect();
            assert_eq!(got, scan(&k, name), "{name}");
        }
        assert_eq!(k.dropped().len(), 1);
    }

    proptest::proptest! {
        /// The index answers what upstream's scan answers, for keys and names drawn from
        /// the characters that matter (patterns, ports, paths, escapes, brackets).
        #[test]
        fn index_equals_scan(
            keys in proptest::collection::vec("[a-c*?.:/%0-9\\[\\]^-]{0,12}", 0..12),
            names in proptest::collection::vec("[a-c.:/%0-9\\[\\]]{0,12}", 1..6),
        ) {
            let pairs: Vec<(&str, &str)> = keys.iter().map(|k| (k.as_str(), k.as_str())).collect();
            let k = keyring(&pairs);
            for name in &names {
                proptest::prop_assert_eq!(k.lookup(name), k.lookup_scan(name), "{}", name);
            }
        }
    }

    #[test]
    fn keys_visit_in_descending_order() {
        let k = keyring(&[
            ("quay.io", "1"),
            ("quay.io/a", "2"),
            ("*.io", "3"),
            ("quay.io/a/b", "4"),
        ]);
        let keys: Vec<String> = k.keys().collect();
        assert_eq!(keys, ["quay.io/a/b", "quay.io/a", "quay.io", "*.io"]);
        let got: Vec<&str> = k
            .lookup("quay.io/a/b/c")
            .iter()
            .map(|c| c.username.as_str())
            .collect();
        assert_eq!(got, ["4", "2", "1", "3"]);
    }

    #[test]
    fn docker_hub_fallback() {
        for (name, want) in [
            ("busybox", true),
            ("localhost/app", true),
            ("docker.io/x", true),
            ("index.docker.io/x", true),
            ("quay.io", true),
            ("quay.io/x", false),
            ("localhost:5000/x", false),
            ("", false),
            ("/x", false),
        ] {
            assert_eq!(is_default_registry_match(name), want, "{name}");
        }
    }

    #[test]
    fn url_match_reports_go_errors() {
        let cases: &[(&str, &str, Result<bool, &str>)] = &[
            ("*.kubernetes.io", "prefix.kubernetes.io", Ok(true)),
            (
                "[a-c].io",
                "b.io",
                Err(r#"parse "https://[a-c].io": invalid port ".io" after host"#),
            ),
            (
                "quay.io",
                "quay io",
                Err(r#"parse "https://quay io": invalid character " " in host name"#),
            ),
            ("a[", "a", Err("syntax error in pattern")),
            ("b.a[", "x.y", Ok(false)),
            ("x.a[", "x.y", Err("syntax error in pattern")),
            ("?", "a", Ok(false)),
        ];
        for (glob, target, want) in cases {
            let got = url_match(glob, target).map_err(|e| e.to_string());
            assert_eq!(got, want.map_err(str::to_owned), "{glob} {target}");
        }
    }

    #[test]
    fn kubelet_appends_node_credentials_after_the_pod_keyring() {
        let secret = |ty: &str, key: &str, text: &str| PullSecret {
            secret_type: ty.into(),
            data: [(key.into(), text.into())].into(),
        };
        let secrets = [
            secret(
                DOCKER_CONFIG_JSON_TYPE,
                DOCKER_CONFIG_JSON_KEY,
                r#"{"auths": {"quay.io": {"username": "s"}}}"#,
            ),
            secret(
                "Opaque",
                DOCKER_CONFIG_JSON_KEY,
                r#"{"auths": {"quay.io": {"username": "skipped"}}}"#,
            ),
            secret(
                DOCKERCFG_TYPE,
                DOCKERCFG_KEY,
                r#"{"quay.io/ns": {"username": "c"}}"#,
            ),
        ];
        let got = kubelet_credentials(
            "quay.io/ns/app:1",
            &secrets,
            Some("{broken"),
            Some(r#"{"quay.io": {"username": "n"}}"#),
        )
        .expect("decodes");
        let users: Vec<&str> = got
            .credentials
            .iter()
            .map(|c| c.username.as_str())
            .collect();
        assert_eq!(users, ["c", "s", "n"]);
        let err =
            kubelet_credentials("Quay.io/NS/App", &secrets, None, None).expect_err("bad image");
        assert_eq!(
            err.to_string(),
            r#"couldn't parse image name "Quay.io/NS/App": invalid reference format: repository name (NS/App) must be lowercase"#
        );
    }
}
