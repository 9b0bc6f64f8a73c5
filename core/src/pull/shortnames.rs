//! Short-name resolution (`pull.md` §8): how a name such as `rhel7/etcd` becomes the ordered
//! list of fully qualified references a non-interactive runtime (CRI-O, the kubelet) pulls, as
//! containers/image's `pkg/shortnames` (`Resolve`, `ResolveLocally`, `IsShortName`,
//! `FormatPullErrors`) and `pkg/sysregistriesv2` (aliases, modes, search registries) do.
//!
//! # API
//!
//! * [`is_short_name`]: whether a name lacks a registry.
//! * [`ShortNameConfig`]: the inputs of resolution (`pull.md` §2.6): the merged registries.conf
//!   (loaded by [`crate::mirror::load`]), the machine-written alias file, the caller's mode
//!   override ([`ModeOverride`]) and the "force Docker Hub" switch. Loading errors are kept and
//!   reported only when resolution reaches the point where upstream reads that file.
//! * [`resolve`] → [`Resolved`] (`candidates`, [`Rationale`], `description`): what is pulled.
//! * [`resolve_locally`]: the names to look up in local storage.
//! * [`combined_pull_error`] / [`Resolved::combined_pull_error`]: the error shown after every
//!   candidate failed.
//!
//! There is never a terminal: `enforcing` with several candidates fails, `permissive` uses
//! them all, and nothing is recorded as an alias.
//!
//! One deviation from upstream (`pull.md` §9): with "force Docker Hub" upstream never records
//! the user input, so its description reads `Resolving %!q(<nil>) to docker.io (enforced by
//! caller)`; this module prints the short name instead.
//!
//! ```
//! use openshift_image::pull::shortnames::{Rationale, ShortNameConfig, resolve};
//! let conf = "unqualified-search-registries = [\"registry.access.redhat.com\", \"docker.io\"]\n";
//! let config = ShortNameConfig::load(Some(conf), &[] as &[(&str, &str)]);
//! let resolved = resolve(&config, "rhel7/etcd").unwrap();
//! assert_eq!(
//!     resolved.candidates,
//!     ["registry.access.redhat.com/rhel7/etcd:latest", "docker.io/rhel7/etcd:latest"]
//! );
//! assert_eq!(resolved.rationale, Rationale::SearchRegistries);
//! assert_eq!(
//!     resolved.description,
//!     "Resolving \"rhel7/etcd\" using unqualified-search registries (/etc/containers/registries.conf)"
//! );
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr as _;

use serde::Serialize;

use super::PullError;
use crate::gofmt::GoQuoted;
use crate::mirror::MirrorError;
use crate::mirror::conf::{MAX_CONF_BYTES, alias_table, field, toml_syntax_message};
use crate::mirror::load::{self, Alias, Config, ShortNameMode};
use crate::reference::Reference;

/// The machine-written alias file of the root runtime (messages and alias origins).
pub const USER_ALIASES_PATH: &str = "/var/cache/containers/short-name-aliases.conf";

/// The registry every short name goes to when the caller forces Docker Hub.
const DOCKER_HUB: &str = "docker.io";

/// The registry local storage is searched under first (`resolve_locally`).
const LOCALHOST: &str = "localhost";

/// The caller's short-name mode (containers/image `SystemContext.ShortNameMode`), which takes
/// precedence over registries.conf.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeOverride {
    /// One of the three modes.
    Mode(ShortNameMode),
    /// An unset or out-of-range value handed in by a caller (Go's `ShortNameModeInvalid`, 0):
    /// resolution fails with `unsupported short-name mode (0)`.
    Invalid,
}

impl ModeOverride {
    /// Reads `enforcing`, `permissive`, `disabled` or `invalid`; anything else is `None`.
    ///
    /// ```
    /// use openshift_image::mirror::load::ShortNameMode;
    /// use openshift_image::pull::shortnames::ModeOverride;
    /// assert_eq!(ModeOverride::parse("disabled"), Some(ModeOverride::Mode(ShortNameMode::Disabled)));
    /// assert_eq!(ModeOverride::parse("invalid"), Some(ModeOverride::Invalid));
    /// assert_eq!(ModeOverride::parse("prompt"), None);
    /// ```
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "enforcing" => Self::Mode(ShortNameMode::Enforcing),
            "permissive" => Self::Mode(ShortNameMode::Permissive),
            "disabled" => Self::Mode(ShortNameMode::Disabled),
            "invalid" => Self::Invalid,
            _ => return None,
        })
    }
}

/// Why the candidates are what they are (containers/image's `rationale`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rationale {
    /// The input was already fully qualified.
    None,
    /// A short-name alias.
    Alias,
    /// The unqualified-search registries.
    SearchRegistries,
    /// The caller forces Docker Hub.
    EnforcedDockerHub,
}

impl Rationale {
    /// The snake-case name (`none`, `alias`, `search_registries`, `enforced_docker_hub`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Alias => "alias",
            Self::SearchRegistries => "search_registries",
            Self::EnforcedDockerHub => "enforced_docker_hub",
        }
    }
}

impl fmt::Display for Rationale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The result of [`resolve`]: what the runtime pulls, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolved {
    /// Fully qualified references (`host/path:tag`, `host/path@digest`, or both), in pull
    /// order; duplicates are kept, as upstream keeps them.
    pub candidates: Vec<String>,
    /// Where the candidates come from.
    pub rationale: Rationale,
    /// The line the runtime prints before pulling (`""` for [`Rationale::None`]).
    pub description: String,
}

impl Resolved {
    /// The error after every candidate failed, given the pull errors in order
    /// ([`combined_pull_error`] with this result's number of candidates).
    #[must_use]
    pub fn combined_pull_error<E: fmt::Display>(&self, errors: &[E]) -> Option<String> {
        combined_pull_error(self.candidates.len(), errors)
    }
}

/// The error after every pull candidate failed (containers/image `FormatPullErrors`,
/// `pull.md` §8.5): none without errors; one error unchanged; otherwise
/// `<n> errors occurred while pulling:\n * <e1>\n * <e2>…`. When the number of errors differs
/// from `candidates`, an `internal error: expected …` item is appended (and counted).
///
/// ```
/// use openshift_image::pull::shortnames::combined_pull_error;
/// assert_eq!(combined_pull_error(1, &["denied"]).as_deref(), Some("denied"));
/// assert_eq!(
///     combined_pull_error(2, &["a", "b"]).as_deref(),
///     Some("2 errors occurred while pulling:\n * a\n * b")
/// );
/// assert_eq!(combined_pull_error::<&str>(3, &[]), None);
/// ```
#[must_use]
pub fn combined_pull_error<E: fmt::Display>(candidates: usize, errors: &[E]) -> Option<String> {
    if errors.is_empty() {
        return None;
    }
    let mut messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    if messages.len() != candidates {
        messages.push(format!(
            "internal error: expected {candidates} instead of {} errors for {candidates} pull \
             candidates",
            errors.len()
        ));
    }
    if messages.len() == 1 {
        return messages.pop();
    }
    Some(format!(
        "{} errors occurred while pulling:\n * {}",
        messages.len(),
        messages.join("\n * ")
    ))
}

/// Whether `name` is a short name (containers/image `IsShortName`, `pull.md` §8.1): it parses
/// with the plain legacy grammar and its domain (the first component, when a `/` follows and
/// it can be a domain) neither contains `.` or `:` nor is `localhost`. A name that does not
/// parse is not short; a name with a digest can be (upstream's code, not its comment).
///
/// ```
/// use openshift_image::pull::shortnames::is_short_name;
/// assert!(is_short_name("library/fedora:latest"));
/// assert!(is_short_name("localhost:5000")); // no `/`: a name with the tag `5000`
/// assert!(!is_short_name("localhost/fedora"));
/// assert!(!is_short_name("Fedora")); // does not parse
/// ```
#[must_use]
pub fn is_short_name(name: &str) -> bool {
    Reference::parse_legacy(name).is_ok_and(|r| !names_registry(r.domain()))
}

/// Whether a parsed domain names a registry (containers/image: contains `.` or `:`, or is
/// `localhost`, case-sensitively).
fn names_registry(domain: &str) -> bool {
    domain.contains(['.', ':']) || domain == LOCALHOST
}

/// The machine-written alias file after loading: its aliases, or the text of its error (the
/// error names the user input, which is known only when it is reported).
type UserAliases = Result<BTreeMap<String, Alias>, String>;

/// The inputs of short-name resolution (`pull.md` §2.6). Built once, used for any number of
/// names. Loading errors are stored and reported when resolution first needs the file, as
/// upstream reads it lazily: a caller mode override and a fully qualified name never read
/// registries.conf, an alias found in the machine-written file spares reading it for the alias.
#[derive(Debug, Clone)]
pub struct ShortNameConfig {
    registries: Result<Config, MirrorError>,
    user_aliases: UserAliases,
    mode_override: Option<ModeOverride>,
    force_docker_hub: bool,
}

impl From<Config> for ShortNameConfig {
    fn from(config: Config) -> Self {
        Self::new(Ok(config))
    }
}

impl ShortNameConfig {
    /// A configuration from the result of loading registries.conf (typically
    /// [`load::load_many`]), without an alias file, mode override or forced Docker Hub.
    #[must_use]
    pub fn new(registries: Result<Config, MirrorError>) -> Self {
        Self {
            registries,
            user_aliases: Ok(BTreeMap::new()),
            mode_override: None,
            force_docker_hub: false,
        }
    }

    /// Loads the main registries.conf (`None`: the file does not exist) and the drop-ins
    /// (`(file name, text)`) with [`load::load_many`]; an error is kept for later.
    #[must_use]
    pub fn load<N: AsRef<str>, T: AsRef<str>>(main: Option<&str>, drop_ins: &[(N, T)]) -> Self {
        Self::new(load::load_many(main, drop_ins))
    }

    /// Sets the machine-written alias file's text (`None`: no such file), at
    /// [`USER_ALIASES_PATH`].
    #[must_use]
    pub fn with_user_aliases(self, text: Option<&str>) -> Self {
        self.with_user_aliases_at(text, USER_ALIASES_PATH)
    }

    /// Sets the machine-written alias file's text (`None`: no such file) and its path (used in
    /// messages and as the origin of its aliases). The file holds an `[aliases]` table; other
    /// keys are ignored.
    #[must_use]
    pub fn with_user_aliases_at(mut self, text: Option<&str>, path: &str) -> Self {
        self.user_aliases = match text {
            None => Ok(BTreeMap::new()),
            Some(text) => load_user_aliases(text, path),
        };
        self
    }

    /// Sets the caller's mode override (`None`: the files decide).
    #[must_use]
    pub const fn with_mode_override(mut self, mode: Option<ModeOverride>) -> Self {
        self.mode_override = mode;
        self
    }

    /// Sets the caller's "short names always mean Docker Hub" switch (podman's Docker-compatible
    /// API).
    #[must_use]
    pub const fn with_force_docker_hub(mut self, force: bool) -> Self {
        self.force_docker_hub = force;
        self
    }

    /// The merged registries.conf, or its loading error.
    ///
    /// # Errors
    /// The error of loading registries.conf (wrapped with the file's path).
    pub const fn registries(&self) -> Result<&Config, &MirrorError> {
        self.registries.as_ref()
    }

    /// The mode that applies (`pull.md` §8.2): the override, else the merged
    /// `short-name-mode` (unset → permissive).
    ///
    /// # Errors
    /// [`PullError::ShortName`] `unsupported short-name mode (0)` for
    /// [`ModeOverride::Invalid`]; without an override, the loading error of registries.conf.
    pub fn mode(&self) -> Result<ShortNameMode, PullError> {
        match self.mode_override {
            Some(ModeOverride::Mode(mode)) => Ok(mode),
            Some(ModeOverride::Invalid) => Err(PullError::ShortName {
                name: String::new(),
                message: "unsupported short-name mode (0)".to_owned(),
            }),
            None => Ok(self.config()?.short_name_mode.unwrap_or_default()),
        }
    }

    /// The alias of a short name (containers/image `ResolveShortNameAlias`, `pull.md` §8.3
    /// step 6): `Some((normalised value, origin file))`, or `None`. The name is validated as
    /// an alias key; the machine-written file is asked first, and an entry there (even `""`,
    /// which means "no alias") ends the lookup; then the merged registries.conf aliases.
    ///
    /// # Errors
    /// [`PullError::ShortName`]: the alias-key errors of
    /// [`load::validate_short_name`], `loading short-name aliases config file "<path>": …`;
    /// [`PullError::Mirror`]: the loading error of registries.conf.
    pub fn alias(&self, short_name: &str) -> Result<Option<(&str, &str)>, PullError> {
        load::validate_short_name(short_name).map_err(|e| short_name_error(short_name, e))?;
        let user = self
            .user_aliases
            .as_ref()
            .map_err(|message| PullError::ShortName {
                name: short_name.to_owned(),
                message: message.clone(),
            })?;
        let alias = match user.get(short_name) {
            Some(alias) => Some(alias),
            None => self.config()?.alias(short_name),
        };
        Ok(alias.and_then(|a| Some((a.value.as_deref()?, a.origin.as_str()))))
    }

    /// The merged unqualified-search registries and the file that set them last (`None` when
    /// no file could set them: no registries.conf and no drop-in with the key).
    ///
    /// # Errors
    /// [`PullError::Mirror`]: the loading error of registries.conf.
    pub fn search_registries(&self) -> Result<(&[String], Option<&str>), PullError> {
        let config = self.config()?;
        Ok((
            &config.unqualified_search_registries,
            config.unqualified_search_registries_origin.as_deref(),
        ))
    }

    fn config(&self) -> Result<&Config, PullError> {
        self.registries
            .as_ref()
            .map_err(|e| PullError::Mirror(e.clone()))
    }
}

fn short_name_error(name: &str, message: impl fmt::Display) -> PullError {
    PullError::ShortName {
        name: name.to_owned(),
        message: message.to_string(),
    }
}

/// A parsed user input (`parseUnnormalizedShortName`).
enum Input {
    /// Fully qualified, normalised.
    Qualified(Reference),
    /// Short, as parsed (no domain or a domain that names no registry).
    Short(Reference),
}

fn parse_input(name: &str) -> Result<Input, PullError> {
    let parsed = Reference::parse_legacy(name).map_err(|e| {
        short_name_error(name, format!("cannot parse input: {}: {e}", GoQuoted(name)))
    })?;
    if names_registry(parsed.domain()) {
        Ok(Input::Qualified(normalize_input(name)?))
    } else {
        Ok(Input::Short(parsed))
    }
}

fn normalize_input(name: &str) -> Result<Reference, PullError> {
    Reference::parse_normalized_legacy(name).map_err(|e| {
        short_name_error(
            name,
            format!("cannot normalize input: {}: {e}", GoQuoted(name)),
        )
    })
}

/// `<registry>/<user input>` normalised with Docker rules, with `latest` when it has neither
/// tag nor digest.
fn search_candidate(registry: &str, name: &str) -> Result<String, PullError> {
    let joined = format!("{registry}/{name}");
    Reference::parse_normalized_legacy(&joined)
        .map(|r| r.with_default_tag().to_string())
        .map_err(|e| {
            short_name_error(
                name,
                format!(
                    "creating reference with unqualified-search registry {}: {e}",
                    GoQuoted(registry)
                ),
            )
        })
}

/// The alias value with the user's tag and digest re-applied, `latest` when neither.
fn alias_candidate(value: &str, input: &Reference, name: &str) -> Result<String, PullError> {
    let fail = |e: crate::ReferenceError| short_name_error(name, e);
    let mut alias = Reference::parse_legacy(value).map_err(fail)?;
    if let Some(tag) = input.tag() {
        alias = alias.with_tag(tag).map_err(fail)?;
    }
    if let Some(digest) = input.digest() {
        alias = alias.with_digest(digest).map_err(fail)?;
    }
    Ok(alias.with_default_tag().to_string())
}

/// What the non-interactive runtime pulls for `name` (containers/image `Resolve`,
/// `pull.md` §8.3): a fully qualified name as is; with forced Docker Hub, `docker.io`; an
/// alias; else every unqualified-search registry in order. The mode matters only for several
/// search-registry candidates: `enforcing` fails (no terminal to prompt on).
///
/// # Errors
/// [`PullError::ShortName`]: invalid mode override, `cannot parse input: …`,
/// `cannot normalize input: …`, alias-key and alias-file errors, `short-name "<name>" did not
/// resolve to an alias and no …`, `creating reference with unqualified-search registry …`,
/// `short-name resolution enforced but cannot prompt without a TTY`. [`PullError::Mirror`]:
/// registries.conf loading errors, when the file is needed.
///
/// ```
/// use openshift_image::pull::shortnames::{Rationale, ShortNameConfig, resolve};
/// let conf = "[aliases]\napp = \"quay.io/team/app\"\n";
/// let config = ShortNameConfig::load(Some(conf), &[] as &[(&str, &str)]);
/// let resolved = resolve(&config, "app:v2").unwrap();
/// assert_eq!(resolved.candidates, ["quay.io/team/app:v2"]);
/// assert_eq!(resolved.rationale, Rationale::Alias);
/// ```
pub fn resolve(config: &ShortNameConfig, name: &str) -> Result<Resolved, PullError> {
    let mode = config.mode().map_err(|e| with_input(e, name))?;
    let input = match parse_input(name)? {
        Input::Qualified(named) => {
            return Ok(Resolved {
                candidates: vec![named.with_default_tag().to_string()],
                rationale: Rationale::None,
                description: String::new(),
            });
        }
        Input::Short(input) => input,
    };
    let short_name = input.name();
    if config.force_docker_hub {
        let named = normalize_input(name)?;
        return Ok(Resolved {
            candidates: vec![named.with_default_tag().to_string()],
            rationale: Rationale::EnforcedDockerHub,
            // Upstream prints `%!q(<nil>)` here (it never records the input); `pull.md` §9
            // recommends the short name.
            description: format!(
                "Resolving {} to docker.io (enforced by caller)",
                GoQuoted(short_name)
            ),
        });
    }
    if let Some((value, origin)) = config.alias(short_name).map_err(|e| with_input(e, name))? {
        return Ok(Resolved {
            candidates: vec![alias_candidate(value, &input, name)?],
            rationale: Rationale::Alias,
            description: format!("Resolved {} as an alias ({origin})", GoQuoted(short_name)),
        });
    }
    let (registries, origin) = config.search_registries()?;
    if registries.is_empty() {
        let message = match origin {
            Some(origin) => format!(
                "short-name {} did not resolve to an alias and no unqualified-search registries \
                 are defined in {}",
                GoQuoted(name),
                GoQuoted(origin)
            ),
            None => format!(
                "short-name {} did not resolve to an alias and no containers-registries.conf(5) \
                 was found",
                GoQuoted(name)
            ),
        };
        return Err(short_name_error(name, message));
    }
    let candidates = registries
        .iter()
        .map(|registry| search_candidate(registry, name))
        .collect::<Result<Vec<_>, _>>()?;
    if mode == ShortNameMode::Enforcing && candidates.len() > 1 {
        return Err(short_name_error(
            name,
            "short-name resolution enforced but cannot prompt without a TTY",
        ));
    }
    Ok(Resolved {
        candidates,
        rationale: Rationale::SearchRegistries,
        description: format!(
            "Resolving {} using unqualified-search registries ({})",
            GoQuoted(short_name),
            origin.unwrap_or_default()
        ),
    })
}

/// The names to look up in local storage for `name` (containers/image `ResolveLocally`,
/// `pull.md` §8.4): a fully qualified name as is; with forced Docker Hub, `docker.io` alone;
/// else the alias (if any), `localhost/<input>`, then each unqualified-search registry with the
/// input. The mode is never read; no search registries is not an error.
///
/// # Errors
/// As [`resolve`], without the mode and "no search registries" errors.
///
/// ```
/// use openshift_image::pull::shortnames::{ShortNameConfig, resolve_locally};
/// let conf = "unqualified-search-registries = [\"docker.io\"]\n";
/// let config = ShortNameConfig::load(Some(conf), &[] as &[(&str, &str)]);
/// assert_eq!(
///     resolve_locally(&config, "busybox").unwrap(),
///     ["localhost/busybox:latest", "docker.io/library/busybox:latest"]
/// );
/// ```
pub fn resolve_locally(config: &ShortNameConfig, name: &str) -> Result<Vec<String>, PullError> {
    let input = match parse_input(name)? {
        Input::Qualified(named) => return Ok(vec![named.with_default_tag().to_string()]),
        Input::Short(input) => input,
    };
    if config.force_docker_hub {
        return Ok(vec![search_candidate(DOCKER_HUB, name)?]);
    }
    let alias = config
        .alias(input.name())
        .map_err(|e| with_input(e, name))?;
    let mut candidates = Vec::new();
    if let Some((value, _)) = alias {
        candidates.push(alias_candidate(value, &input, name)?);
    }
    let (registries, _) = config.search_registries()?;
    candidates.reserve(registries.len() + 1);
    candidates.push(search_candidate(LOCALHOST, name)?);
    for registry in registries {
        candidates.push(search_candidate(registry, name)?);
    }
    Ok(candidates)
}

/// Names the user input in a short-name error raised before it was known.
fn with_input(error: PullError, input: &str) -> PullError {
    match error {
        PullError::ShortName { message, .. } => PullError::ShortName {
            name: input.to_owned(),
            message,
        },
        other => other,
    }
}

/// Reads the machine-written alias file (containers/image `loadShortNameAliasConf`): its
/// `[aliases]` table, validated as registries.conf aliases; errors wrapped
/// `loading short-name aliases config file "<path>": …`.
fn load_user_aliases(text: &str, path: &str) -> UserAliases {
    let wrap = |message: String| {
        format!(
            "loading short-name aliases config file {}: {message}",
            GoQuoted(path)
        )
    };
    let entries = decode_alias_table(text).map_err(wrap)?;
    load::load_alias_entries(&entries, path).map_err(|e| wrap(e.to_string()))
}

/// Decodes the alias file as BurntSushi/toml decodes it into `shortNameAliasConf`: only the
/// `aliases` member (matched exactly, else ASCII case-insensitively) is read, as a table of
/// strings; other keys are ignored whatever their type. Errors start with `toml: `.
fn decode_alias_table(text: &str) -> Result<BTreeMap<String, String>, String> {
    if text.len() > MAX_CONF_BYTES {
        return Err(format!(
            "toml: input of {} bytes exceeds the limit of {MAX_CONF_BYTES} bytes",
            text.len()
        ));
    }
    let table = toml::Table::from_str(text).map_err(|e| toml_syntax_message(text, &e))?;
    match field(&table, "aliases") {
        None => Ok(BTreeMap::new()),
        Some((key, value)) => alias_table(key, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_DROP_INS: &[(&str, &str)] = &[];
    const DIGEST: &str = "sha256:d366a4665ab44f0648d7a00ae3fae139d55e32f9712c67accd604bb55df9d05a";

    fn config(main: Option<&str>) -> ShortNameConfig {
        ShortNameConfig::load(main, NO_DROP_INS)
    }

    fn err(result: Result<impl fmt::Debug, PullError>) -> String {
        match result {
            Ok(v) => format!("unexpected success: {v:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn short_or_not() {
        let cases: &[(&str, bool)] = &[
            ("fedora", true),
            ("library/fedora:latest", true),
            ("Foo/bar", true),
            ("LOCALHOST/x", true),
            ("localhost", true),
            ("localhost:5000", true),
            ("docker.io", true),
            ("a_b.c/x", true),
            ("quay.io/x", false),
            ("registry:5000/x", false),
            ("localhost/x", false),
            ("Fedora", false),
            ("", false),
            ("a___b", false),
            ("[::1]:5000/x", false),
        ];
        for &(name, want) in cases {
            assert_eq!(is_short_name(name), want, "{name:?}");
        }
        let digested = format!("busybox@{DIGEST}");
        assert!(is_short_name(&digested));
    }

    #[test]
    fn search_registries_in_order_with_duplicates() {
        let c = config(Some(
            "unqualified-search-registries = [\"docker.io\", \"index.docker.io\", \"r.io:5000\"]\n",
        ));
        let resolved = resolve(&c, "busybox:1").unwrap();
        assert_eq!(
            resolved.candidates,
            [
                "docker.io/library/busybox:1",
                "docker.io/library/busybox:1",
                "r.io:5000/busybox:1"
            ]
        );
        assert_eq!(resolved.rationale, Rationale::SearchRegistries);
        assert_eq!(
            resolved.description,
            "Resolving \"busybox\" using unqualified-search registries \
             (/etc/containers/registries.conf)"
        );
    }

    #[test]
    fn modes_without_terminal() {
        let two = "unqualified-search-registries = [\"a.io\", \"b.io\"]\n";
        let one = "unqualified-search-registries = [\"a.io\"]\n";
        let cases: &[(&str, Option<ModeOverride>, Result<usize, &str>)] = &[
            (two, None, Ok(2)),
            (
                two,
                Some(ModeOverride::Mode(ShortNameMode::Enforcing)),
                Err("short-name resolution enforced but cannot prompt without a TTY"),
            ),
            (
                "short-name-mode = \"enforcing\"\nunqualified-search-registries = [\"a.io\", \"b.io\"]\n",
                None,
                Err("short-name resolution enforced but cannot prompt without a TTY"),
            ),
            (
                "short-name-mode = \"enforcing\"\nunqualified-search-registries = [\"a.io\", \"b.io\"]\n",
                Some(ModeOverride::Mode(ShortNameMode::Disabled)),
                Ok(2),
            ),
            (
                one,
                Some(ModeOverride::Mode(ShortNameMode::Enforcing)),
                Ok(1),
            ),
            (
                one,
                Some(ModeOverride::Invalid),
                Err("unsupported short-name mode (0)"),
            ),
        ];
        for (conf, mode, want) in cases {
            let c = config(Some(conf)).with_mode_override(*mode);
            let got = resolve(&c, "app")
                .map(|r| r.candidates.len())
                .map_err(|e| e.to_string());
            assert_eq!(got, want.map_err(str::to_owned), "{conf:?} {mode:?}");
        }
    }

    #[test]
    fn aliases_reapply_tag_and_digest() {
        let c = config(Some("[aliases]\napp = \"docker.io/app\"\n"));
        let cases = [
            ("app".to_owned(), "docker.io/library/app:latest".to_owned()),
            ("app:v1".to_owned(), "docker.io/library/app:v1".to_owned()),
            (
                format!("app@{DIGEST}"),
                format!("docker.io/library/app@{DIGEST}"),
            ),
            (
                format!("app:v1@{DIGEST}"),
                format!("docker.io/library/app:v1@{DIGEST}"),
            ),
        ];
        for (input, want) in cases {
            let resolved = resolve(&c, &input).unwrap();
            assert_eq!(resolved.candidates, [want], "{input}");
            assert_eq!(
                resolved.description,
                "Resolved \"app\" as an alias (/etc/containers/registries.conf)"
            );
        }
    }

    #[test]
    fn user_alias_file_first_and_empty_value_stops() {
        let conf = "unqualified-search-registries = [\"s.io\"]\n[aliases]\napp = \"quay.io/app\"\nweb = \"quay.io/web\"\n";
        let user = "[aliases]\napp = \"cache.io/app\"\nweb = \"\"\n";
        let c = config(Some(conf)).with_user_aliases(Some(user));
        let app = resolve(&c, "app").unwrap();
        assert_eq!(app.candidates, ["cache.io/app:latest"]);
        assert_eq!(
            app.description,
            format!("Resolved \"app\" as an alias ({USER_ALIASES_PATH})")
        );
        let web = resolve(&c, "web").unwrap();
        assert_eq!(web.candidates, ["s.io/web:latest"]);
        assert_eq!(web.rationale, Rationale::SearchRegistries);
    }

    #[test]
    fn user_alias_file_errors() {
        let cases: &[(&str, &str)] = &[
            (
                "[aliases]\napp = \"team/app\"\n",
                "loading short-name aliases config file \
                 \"/var/cache/containers/short-name-aliases.conf\": invalid alias \"team/app\": \
                 must contain registry and repository",
            ),
            (
                "aliases = 1\n",
                "loading short-name aliases config file \
                 \"/var/cache/containers/short-name-aliases.conf\": toml: ",
            ),
            (
                "[aliases\n",
                "loading short-name aliases config file \
                 \"/var/cache/containers/short-name-aliases.conf\": toml: line 1",
            ),
        ];
        for (user, want) in cases {
            let c = config(None).with_user_aliases(Some(user));
            let got = err(resolve(&c, "app"));
            assert!(got.starts_with(want), "{user:?}: {got}");
        }
        // Unknown keys of any type are ignored.
        let c = config(None).with_user_aliases(Some("x = [1]\n[Aliases]\napp = \"q.io/app\"\n"));
        assert_eq!(resolve(&c, "app").unwrap().candidates, ["q.io/app:latest"]);
    }

    #[test]
    fn no_search_registries() {
        type Files<'a> = (Option<&'a str>, &'a [(&'a str, &'a str)]);
        let cases: &[(Files<'_>, &str)] = &[
            (
                (None, &[]),
                "short-name \"app:1\" did not resolve to an alias and no \
                 containers-registries.conf(5) was found",
            ),
            (
                (Some(""), &[]),
                "short-name \"app:1\" did not resolve to an alias and no unqualified-search \
                 registries are defined in \"/etc/containers/registries.conf\"",
            ),
            (
                (None, &[("a.conf", "unqualified-search-registries = []\n")]),
                "short-name \"app:1\" did not resolve to an alias and no unqualified-search \
                 registries are defined in \"/etc/containers/registries.conf.d/a.conf\"",
            ),
            (
                (None, &[("a.conf", "short-name-mode = \"disabled\"\n")]),
                "short-name \"app:1\" did not resolve to an alias and no \
                 containers-registries.conf(5) was found",
            ),
        ];
        for ((main, drop_ins), want) in cases {
            let c = ShortNameConfig::load(*main, drop_ins);
            assert_eq!(err(resolve(&c, "app:1")), *want);
            // Not an error locally.
            assert_eq!(resolve_locally(&c, "app:1").unwrap(), ["localhost/app:1"]);
        }
    }

    #[test]
    fn configuration_errors_are_lazy() {
        let bad = "short-name-mode = \"prompt\"\n";
        let wrapped = "loading registries configuration \"/etc/containers/registries.conf\": \
                       invalid short-name mode: \"prompt\"";
        // Without an override the mode is read first, even for a qualified name.
        assert_eq!(err(resolve(&config(Some(bad)), "quay.io/app")), wrapped);
        // With an override, a qualified name never reads the file ...
        let overridden =
            config(Some(bad)).with_mode_override(Some(ModeOverride::Mode(ShortNameMode::Disabled)));
        assert_eq!(
            resolve(&overridden, "quay.io/app").unwrap().candidates,
            ["quay.io/app:latest"]
        );
        // ... nor does an alias from the machine-written file.
        let user = overridden
            .clone()
            .with_user_aliases(Some("[aliases]\napp = \"q.io/app\"\n"));
        assert_eq!(
            resolve(&user, "app").unwrap().candidates,
            ["q.io/app:latest"]
        );
        assert_eq!(err(resolve(&overridden, "app")), wrapped);
        // Locally the search registries always need the file.
        assert_eq!(err(resolve_locally(&user, "app")), wrapped);
        let e = resolve(&overridden, "app").unwrap_err();
        assert_eq!(e.kind(), "mirror.conf_invalid");
    }

    #[test]
    fn input_errors() {
        let c = config(Some("unqualified-search-registries = [\"a.io\"]\n"));
        let cases: &[(&str, &str)] = &[
            (
                "",
                "cannot parse input: \"\": repository name must have at least one component",
            ),
            (
                "Fedora",
                "cannot parse input: \"Fedora\": repository name must be lowercase",
            ),
            (
                "Team/app",
                "creating reference with unqualified-search registry \"a.io\": invalid \
                 reference format: repository name must be lowercase",
            ),
        ];
        for (name, want) in cases {
            assert_eq!(err(resolve(&c, name)), *want, "{name:?}");
        }
        let hub = c.clone().with_force_docker_hub(true);
        assert_eq!(
            err(resolve(&hub, "Team/app")),
            "cannot normalize input: \"Team/app\": invalid reference format: repository name \
             must be lowercase"
        );
        assert_eq!(
            err(resolve_locally(&c, "Team/app")),
            "creating reference with unqualified-search registry \"localhost\": invalid \
             reference format: repository name must be lowercase"
        );
    }

    #[test]
    fn force_docker_hub() {
        let c = config(Some("[aliases]\napp = \"quay.io/app\"\n")).with_force_docker_hub(true);
        let resolved = resolve(&c, "app:v1").unwrap();
        assert_eq!(resolved.candidates, ["docker.io/library/app:v1"]);
        assert_eq!(resolved.rationale, Rationale::EnforcedDockerHub);
        assert_eq!(
            resolved.description,
            "Resolving \"app\" to docker.io (enforced by caller)"
        );
        assert_eq!(
            resolve_locally(&c, "team/app").unwrap(),
            ["docker.io/team/app:latest"]
        );
        let qualified = resolve(&c, "quay.io/app").unwrap();
        assert_eq!(qualified.rationale, Rationale::None);
        assert_eq!(qualified.description, "");
    }

    #[test]
    fn locally_alias_then_localhost_then_search() {
        let c = config(Some(
            "unqualified-search-registries = [\"quay.io\"]\n[aliases]\n\"ns/app\" = \"quay.io/ns/app\"\n",
        ));
        assert_eq!(
            resolve_locally(&c, "ns/app:t").unwrap(),
            ["quay.io/ns/app:t", "localhost/ns/app:t", "quay.io/ns/app:t"]
        );
        assert_eq!(
            resolve_locally(&c, "docker.io/app").unwrap(),
            ["docker.io/library/app:latest"]
        );
    }

    #[test]
    fn combined_errors() {
        let cases: &[(usize, &[&str], Option<&str>)] = &[
            (3, &[], None),
            (1, &["x"], Some("x")),
            (
                3,
                &["a"],
                Some(
                    "2 errors occurred while pulling:\n * a\n * internal error: expected 3 \
                     instead of 1 errors for 3 pull candidates",
                ),
            ),
            (
                1,
                &["a", "b"],
                Some(
                    "3 errors occurred while pulling:\n * a\n * b\n * internal error: expected \
                     1 instead of 2 errors for 1 pull candidates",
                ),
            ),
        ];
        for (candidates, errors, want) in cases {
            assert_eq!(
                combined_pull_error(*candidates, errors).as_deref(),
                *want,
                "{candidates} {errors:?}"
            );
        }
    }
}
