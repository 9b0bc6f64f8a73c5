//! Why a lookup in an auth file finds what it finds: the `credHelpers` decision, each exact
//! key tried (§4.3 step 2), the normalised fallback's candidates (step 3), which key won and
//! why, and why a selected entry yields nothing (§4.4). An explanation never carries a
//! password or token, only whether there is one.

use serde::Serialize;

use super::{
    AuthFile, AuthFileFormat, EntryOutcome, Resolution, lookup_order, normalize_registry,
    parse_image, registry_of, validate_key,
};
use crate::pull::PullError;

/// The most exact keys an explanation lists (and probes after the winner).
const MAX_LISTED: usize = 256;

/// What was looked up: an image (`{"image": …}`) or a raw key (`{"key": …}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LookupInput {
    /// An image reference; its name is the key.
    Image(String),
    /// A key given to `GetCredentials`.
    Key(String),
}

/// `credHelpers` names a program for the registry: it alone answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CredentialHelperStep {
    /// The registry (the key up to its first `/`).
    pub registry: String,
    /// The `credHelpers` value.
    pub helper: String,
    /// The program upstream runs (`docker-credential-<helper>`); the library never runs it.
    pub program: String,
}

/// One exact key tried, most specific first; the first present one decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExactKeyStep {
    /// The key.
    pub key: String,
    /// Whether the file has it.
    pub present: bool,
}

/// An entry whose key normalises to the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NormalisedCandidate {
    /// The key as written.
    pub key: String,
    /// What its entry yields.
    pub outcome: EntryOutcome,
    /// Whether this is the one used (the smallest key).
    pub chosen: bool,
}

/// The normalised fallback (§4.3 step 3), run when no exact key is present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NormalisedStep {
    /// The normalised registry the keys are compared with.
    pub host: String,
    /// The keys normalising to it, smallest first.
    pub candidates: Vec<NormalisedCandidate>,
    /// Several candidates: upstream picks one in Go map order (at random); the library uses
    /// the smallest key.
    pub map_order_dependent: bool,
}

/// How the winning key was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The first present key of the lookup order.
    Exact,
    /// The normalised fallback.
    Normalised,
}

/// The key whose entry decided the lookup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WinningKey {
    /// The key as written.
    pub key: String,
    /// Exact or normalised.
    pub via: MatchKind,
    /// Why this key and not another.
    pub reason: String,
    /// What its entry yields.
    pub outcome: EntryOutcome,
    /// [`EntryOutcome::describe`].
    pub outcome_reason: String,
}

/// The credentials found, without secrets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExplainedCredentials {
    /// The user name.
    pub username: String,
    /// Whether the password is non-empty.
    pub has_password: bool,
    /// Whether an identity token comes with them.
    pub has_identity_token: bool,
}

/// The error the lookup ends with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExplainError {
    /// [`PullError::kind`].
    pub kind: &'static str,
    /// The message.
    pub message: String,
}

impl From<&PullError> for ExplainError {
    fn from(e: &PullError) -> Self {
        Self {
            kind: e.kind(),
            message: e.to_string(),
        }
    }
}

/// The explanation of one lookup ([`AuthFile::explain`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthFileExplanation {
    /// What was looked up.
    pub input: LookupInput,
    /// The file's layout.
    pub format: AuthFileFormat,
    /// The key looked up (an image's name), when the input parses.
    pub key: Option<String>,
    /// The registry (the key up to its first `/`).
    pub registry: Option<String>,
    /// The `credHelpers` entry that answers instead of the file, if any.
    pub credential_helper: Option<CredentialHelperStep>,
    /// The exact keys tried, in order, up to the first present one (at most the first 256
    /// absent ones).
    pub exact_keys: Vec<ExactKeyStep>,
    /// How many further absent keys were tried but not listed.
    pub exact_keys_omitted: usize,
    /// The normalised fallback, when it ran.
    pub normalised: Option<NormalisedStep>,
    /// The key that decided, if any.
    pub winner: Option<WinningKey>,
    /// The credentials found.
    pub credentials: Option<ExplainedCredentials>,
    /// The error the lookup fails with.
    pub error: Option<ExplainError>,
    /// The conclusion in one sentence.
    pub summary: String,
}

impl AuthFileExplanation {
    fn new(input: LookupInput, format: AuthFileFormat) -> Self {
        Self {
            input,
            format,
            key: None,
            registry: None,
            credential_helper: None,
            exact_keys: Vec::new(),
            exact_keys_omitted: 0,
            normalised: None,
            winner: None,
            credentials: None,
            error: None,
            summary: String::new(),
        }
    }
}

impl AuthFile {
    /// Explains the lookup of an image ([`AuthFile::credentials_for_image`]).
    #[must_use]
    pub fn explain_image(&self, image: &str) -> AuthFileExplanation {
        let mut out = AuthFileExplanation::new(LookupInput::Image(image.to_owned()), self.format);
        match parse_image(image) {
            Ok(reference) => self.explain_into(&mut out, reference.name()),
            Err(e) => {
                out.summary = format!("the image does not parse: {e}");
                out.error = Some((&e).into());
            }
        }
        out
    }

    /// Explains a direct key lookup ([`AuthFile::credentials_for_key`]).
    #[must_use]
    pub fn explain_key(&self, key: &str) -> AuthFileExplanation {
        let mut out = AuthFileExplanation::new(LookupInput::Key(key.to_owned()), self.format);
        self.explain_into(&mut out, key);
        out
    }

    /// Explains a lookup of `input`.
    #[must_use]
    pub fn explain(&self, input: &LookupInput) -> AuthFileExplanation {
        match input {
            LookupInput::Image(image) => self.explain_image(image),
            LookupInput::Key(key) => self.explain_key(key),
        }
    }

    fn explain_into(&self, out: &mut AuthFileExplanation, key: &str) {
        out.key = Some(key.to_owned());
        if let Err(e) = validate_key(key) {
            out.summary = format!("the key is refused before the file is read: {e}");
            out.error = Some((&e).into());
            return;
        }
        let registry = registry_of(key);
        out.registry = Some(registry.to_owned());
        let resolution = self.resolve(key, None);
        if let Resolution::Helper(i) = resolution {
            let helper = self.helpers.get(i).map_or("", |(_, h)| h.as_str());
            let step = CredentialHelperStep {
                registry: registry.to_owned(),
                helper: helper.to_owned(),
                program: format!("docker-credential-{helper}"),
            };
            let e = self.helper_error(i);
            out.summary = format!(
                "credHelpers names `{}` for `{registry}`: that program alone answers for every key \
                 under the registry, before any `auths` entry (the library does not run it; \
                 upstream fails like this when it is not installed)",
                step.program
            );
            out.credential_helper = Some(step);
            out.error = Some((&e).into());
            return;
        }
        // The resolution says which key is the first present one: every key before it is
        // absent. A key with very many `/` lists its first MAX_LISTED candidates only.
        let winner_key = match resolution {
            Resolution::Exact(i) => self.entries.get(i).map(|e| e.key.as_str()),
            _ => None,
        };
        for (tried, candidate) in lookup_order(key, registry, self.format).enumerate() {
            let present = Some(candidate) == winner_key;
            if tried < MAX_LISTED || present {
                out.exact_keys.push(ExactKeyStep {
                    key: candidate.to_owned(),
                    present,
                });
            } else {
                out.exact_keys_omitted += 1;
            }
            if present {
                break;
            }
        }
        let host = normalize_registry(registry);
        if !matches!(resolution, Resolution::Exact(_)) {
            let group = self.host_group(host);
            let candidates = group
                .iter()
                .enumerate()
                .filter_map(|(n, i)| {
                    self.entries.get(*i).map(|e| NormalisedCandidate {
                        key: e.key.clone(),
                        outcome: e.outcome(),
                        chosen: n == 0,
                    })
                })
                .collect();
            out.normalised = Some(NormalisedStep {
                host: host.to_owned(),
                candidates,
                map_order_dependent: group.len() > 1,
            });
        }
        let (index, via) = match resolution {
            Resolution::Exact(i) => (i, MatchKind::Exact),
            Resolution::Normalised(i) => (i, MatchKind::Normalised),
            Resolution::Helper(_) | Resolution::Nothing => {
                out.summary = format!(
                    "no key of the file is tried by this lookup and none normalises to `{host}`: \
                     no credentials from this file"
                );
                return;
            }
        };
        let Some(entry) = self.entries.get(index) else {
            return;
        };
        let reason = match via {
            MatchKind::Exact => {
                let shadowed = self.exact_keys_after(key, registry, &entry.key);
                let mut reason = match self.format {
                    AuthFileFormat::Config => format!(
                        "`{}` is the most specific key of the lookup order present in the file; \
                         the first present key decides, even when its entry yields nothing",
                        entry.key
                    ),
                    AuthFileFormat::Legacy => format!(
                        "a legacy file is looked up by registry only, and `{}` is present",
                        entry.key
                    ),
                };
                if !shadowed.is_empty() && !entry.outcome().is_usable() {
                    reason.push_str(&format!(
                        "; less specific keys present but never reached: {}",
                        quote_list(&shadowed)
                    ));
                }
                reason
            }
            MatchKind::Normalised => {
                let group = self.host_group(host);
                if group.len() > 1 {
                    format!(
                        "no exact key is present; {} keys normalise to `{host}` and upstream \
                         picks one in Go map order (at random); the library uses the smallest, \
                         `{}`",
                        group.len(),
                        entry.key
                    )
                } else {
                    format!(
                        "no exact key is present; `{}` normalises to `{host}`",
                        entry.key
                    )
                }
            }
        };
        let outcome = entry.outcome();
        out.winner = Some(WinningKey {
            key: entry.key.clone(),
            via,
            reason,
            outcome,
            outcome_reason: outcome.describe().to_owned(),
        });
        match entry.credentials() {
            Ok(Some(found)) => {
                out.credentials = Some(ExplainedCredentials {
                    username: found.username.to_owned(),
                    has_password: !found.password.is_empty(),
                    has_identity_token: !found.identity_token.is_empty(),
                });
                out.summary = format!("credentials of `{}`", entry.key);
            }
            Ok(None) => {
                out.summary = format!(
                    "`{}` decides and yields no credentials: {}; no other entry of this file is \
                     used",
                    entry.key,
                    outcome.describe()
                );
            }
            Err(e) => {
                out.summary = format!(
                    "`{}` decides and its `auth` does not decode: the lookup fails",
                    entry.key
                );
                out.error = Some((&e).into());
            }
        }
    }

    /// The keys of the lookup order after `winner` that the file also has (hidden by it).
    fn exact_keys_after(&self, key: &str, registry: &str, winner: &str) -> Vec<String> {
        lookup_order(key, registry, self.format)
            .skip_while(|k| *k != winner)
            .skip(1)
            .take(MAX_LISTED)
            .filter(|k| self.index_of(k).is_some())
            .map(str::to_owned)
            .collect()
    }
}

fn quote_list(keys: &[String]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
