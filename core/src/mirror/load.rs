//! Loading registries.conf (`mirrors.md` §3): decoding, v1/v2 detection and conversion,
//! validation in upstream's order and texts, drop-in merging with origins, short-name aliases.
//!
//! # API (stable)
//!
//! * [`load`]: one file's text → [`Config`] (errors unwrapped, as containers/image's
//!   `loadConfigFile`); [`load_conf`] does the same from an already decoded
//!   [`RegistriesConf`].
//! * [`load_many`] / [`load_many_with_paths`]: the main file (or none) and the drop-ins of
//!   `registries.conf.d`, merged as the runtime does, errors wrapped with the file's path.
//! * [`Config`]: the processed configuration: [`Registry`] entries (validated, de-duplicated,
//!   sorted by prefix) with a lookup index ([`Config::find_registry`], see [`super::lookup`]),
//!   search registries and their origin, short-name mode, credential helpers, aliases.
//! * [`parse_location`], [`validate_short_name`], [`parse_short_name_value`],
//!   [`load_alias_entries`], [`resolve_short_name_alias`].
//!
//! ```
//! use openshift_image::mirror::load::load_many;
//! let main = "[[registry]]\nlocation = \"quay.io/ns/\"\n[[registry.mirror]]\nlocation = \"m.local/ns\"\n";
//! let drop_in = ("10-search.conf", "unqualified-search-registries = [\"quay.io\"]\n");
//! let config = load_many(Some(main), &[drop_in]).unwrap();
//! assert_eq!(config.registries()[0].prefix, "quay.io/ns");
//! assert_eq!(
//!     config.unqualified_search_registries_origin.as_deref(),
//!     Some("/etc/containers/registries.conf.d/10-search.conf")
//! );
//! assert_eq!(config.find_registry("quay.io/ns/app:1").unwrap().mirrors[0].location, "m.local/ns");
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write as _};

use super::MirrorError;
use super::conf::{EndpointConf, RegistriesConf, RegistryConf};
use super::lookup::RegistryIndex;
use crate::gofmt::GoQuoted;
use crate::reference::Reference;
use crate::reference::grammar::{Grammar, is_domain_and_port};

/// The main file's path used in messages and origins.
pub const MAIN_CONF_PATH: &str = "/etc/containers/registries.conf";
/// The drop-in directory used in messages and origins.
pub const DROP_IN_DIR: &str = "/etc/containers/registries.conf.d";
/// containers/image's default credential helper (`AuthenticationFileHelper`).
pub const DEFAULT_CREDENTIAL_HELPER: &str = "containers-auth.json";
/// Most drop-in files [`load_many`] reads (bounded work).
pub const MAX_DROP_INS: usize = 10_000;

/// The paths that appear in messages and origins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfPaths {
    /// The main file (default [`MAIN_CONF_PATH`]).
    pub main: String,
    /// The drop-in directory, without a trailing `/` (default [`DROP_IN_DIR`]).
    pub drop_in_dir: String,
}

impl Default for ConfPaths {
    fn default() -> Self {
        Self {
            main: MAIN_CONF_PATH.to_owned(),
            drop_in_dir: DROP_IN_DIR.to_owned(),
        }
    }
}

/// One processed `[[registry]]` entry (containers/image `Registry` after
/// `postProcessRegistries`): `prefix` is never empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Registry {
    /// What references are matched against (`*.example.com` or a literal prefix).
    pub prefix: String,
    /// Where the namespace physically lives (`""` only with a `*.` prefix).
    pub location: String,
    /// Skip TLS verification / allow HTTP for the primary endpoint.
    pub insecure: bool,
    /// Refuse access to references that resolve to this entry.
    pub blocked: bool,
    /// Use the mirrors for digest references only.
    pub mirror_by_digest_only: bool,
    /// The mirrors in order (`pull_from_mirror`: `""`, `all`, `digest-only`, `tag-only`).
    pub mirrors: Vec<EndpointConf>,
}

/// The short-name resolution mode (`short-name-mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShortNameMode {
    /// `enforcing`.
    Enforcing,
    /// `permissive` (the default).
    #[default]
    Permissive,
    /// `disabled`.
    Disabled,
}

impl ShortNameMode {
    /// The configuration string.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Enforcing => "enforcing",
            Self::Permissive => "permissive",
            Self::Disabled => "disabled",
        }
    }

    fn parse(s: &str) -> Result<Self, MirrorError> {
        match s {
            "enforcing" => Ok(Self::Enforcing),
            "permissive" => Ok(Self::Permissive),
            "disabled" => Ok(Self::Disabled),
            _ => Err(invalid(format!("invalid short-name mode: {}", GoQuoted(s)))),
        }
    }
}

impl fmt::Display for ShortNameMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A short-name alias after loading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The normalised fully-qualified name, or `None` when the alias was reset with `""`.
    pub value: Option<String>,
    /// The path of the file that set it last.
    pub origin: String,
}

/// A processed registries.conf (one file or merged files). Entries are read-only (the lookup
/// index is built with them); the other fields are plain data.
#[derive(Debug, Clone, Default)]
pub struct Config {
    registries: Vec<Registry>,
    origins: Vec<String>,
    index: RegistryIndex,
    /// `unqualified-search-registries` (`[]` when unset).
    pub unqualified_search_registries: Vec<String>,
    /// The file that set them last (the main file also when it lacks the key); `None` when no
    /// file was read that could set them.
    pub unqualified_search_registries_origin: Option<String>,
    /// The short-name mode (`None` after [`load`] when the file leaves it unset; the merged
    /// result of [`load_many`] is always `Some`, default permissive).
    pub short_name_mode: Option<ShortNameMode>,
    /// Credential helpers (after [`load_many`]: `["containers-auth.json"]` when unset or empty).
    pub credential_helpers: Vec<String>,
    /// `additional-layer-store-auth-helper` (`""` when unset).
    pub additional_layer_store_auth_helper: String,
    /// Aliases by short name, from every file read.
    pub aliases: BTreeMap<String, Alias>,
    search_set: bool,
    credential_helpers_set: bool,
}

impl Config {
    fn with_registries(mut self, registries: Vec<Registry>, origins: Vec<String>) -> Self {
        self.index = RegistryIndex::new(&registries);
        self.registries = registries;
        self.origins = origins;
        self
    }

    /// The entries, sorted by prefix (byte order), one per prefix.
    #[must_use]
    pub fn registries(&self) -> &[Registry] {
        &self.registries
    }

    /// The path of the file that defined entry `i` of [`Self::registries`].
    #[must_use]
    pub fn registry_origin(&self, i: usize) -> Option<&str> {
        self.origins.get(i).map(String::as_str)
    }

    /// The lookup index over [`Self::registries`].
    #[must_use]
    pub const fn index(&self) -> &RegistryIndex {
        &self.index
    }

    /// The alias of a short name, if any file sets it.
    #[must_use]
    pub fn alias(&self, name: &str) -> Option<&Alias> {
        self.aliases.get(name)
    }

    /// Takes the entries out, keyed by prefix, for merging drop-ins.
    fn take_registries(&mut self) -> BTreeMap<String, (Registry, String)> {
        std::mem::take(&mut self.registries)
            .into_iter()
            .zip(std::mem::take(&mut self.origins))
            .map(|(r, o)| (r.prefix.clone(), (r, o)))
            .collect()
    }

    /// Merges a later drop-in into `self` (containers/image `updateWithConfigurationFrom`);
    /// the entries go into `merged` (a later entry replaces the whole earlier one with its
    /// prefix), which the caller turns back into sorted, indexed entries once at the end.
    fn update_with(&mut self, mut update: Self, merged: &mut BTreeMap<String, (Registry, String)>) {
        merged.extend(update.take_registries());
        if update.search_set {
            self.unqualified_search_registries = update.unqualified_search_registries;
            self.unqualified_search_registries_origin = update.unqualified_search_registries_origin;
            self.search_set = true;
        }
        if update.credential_helpers_set {
            self.credential_helpers = update.credential_helpers;
            self.credential_helpers_set = true;
        }
        if update.short_name_mode.is_some() {
            self.short_name_mode = update.short_name_mode;
        }
        if !update.additional_layer_store_auth_helper.is_empty() {
            self.additional_layer_store_auth_helper = update.additional_layer_store_auth_helper;
        }
        self.aliases.extend(update.aliases);
    }
}

const fn invalid(message: String) -> MirrorError {
    MirrorError::ConfInvalid { message }
}

/// Trims every trailing `/` and refuses `http://` / `https://` (containers/image
/// `parseLocation`, `mirrors.md` §3.2). An empty result is allowed.
///
/// # Errors
/// [`MirrorError::ConfInvalid`]: `invalid location '<input>': URI schemes are not supported`.
///
/// ```
/// use openshift_image::mirror::load::parse_location;
/// assert_eq!(parse_location("quay.io/ns//").unwrap(), "quay.io/ns");
/// assert!(parse_location("https://quay.io").is_err());
/// ```
pub fn parse_location(input: &str) -> Result<String, MirrorError> {
    let trimmed = input.trim_end_matches('/');
    if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
        return Err(invalid(format!(
            "invalid location '{input}': URI schemes are not supported"
        )));
    }
    Ok(trimmed.to_owned())
}

fn aliases_error(message: String) -> MirrorError {
    MirrorError::ConfAliases { message }
}

/// Checks an alias key (containers/image `validateShortName`, `mirrors.md` §3.4).
///
/// # Errors
/// [`MirrorError::ConfAliases`]: `cannot parse short name: "<n>": <err>`,
/// `invalid short name "<n>": must not contain digest|tag|registry`.
///
/// ```
/// use openshift_image::mirror::load::validate_short_name;
/// assert!(validate_short_name("quay/foo").is_ok());
/// assert_eq!(
///     validate_short_name("localhost/web").unwrap_err().to_string(),
///     "invalid short name \"localhost/web\": must not contain registry"
/// );
/// ```
pub fn validate_short_name(name: &str) -> Result<(), MirrorError> {
    let parsed = Reference::parse_legacy(name)
        .map_err(|e| aliases_error(format!("cannot parse short name: {}: {e}", GoQuoted(name))))?;
    let why = if parsed.digest().is_some() {
        "must not contain digest"
    } else if parsed.tag().is_some() {
        "must not contain tag"
    } else {
        let domain = parsed.domain();
        if domain.contains(['.', ':']) || domain == "localhost" {
            "must not contain registry"
        } else {
            return Ok(());
        }
    };
    Err(aliases_error(format!(
        "invalid short name {}: {why}",
        GoQuoted(name)
    )))
}

/// Checks an alias value and returns the normalised name (containers/image
/// `parseShortNameValue`, `mirrors.md` §3.4): `docker.io/fedora` → `docker.io/library/fedora`.
///
/// # Errors
/// [`MirrorError::ConfAliases`]: `parsing alias "<v>": <err>`, `invalid alias "<v>": must not
/// contain digest|tag`, `invalid alias "<v>": must contain registry and repository`.
///
/// ```
/// use openshift_image::mirror::load::parse_short_name_value;
/// assert_eq!(parse_short_name_value("docker.io/fedora").unwrap(), "docker.io/library/fedora");
/// assert!(parse_short_name_value("team/web").is_err());
/// ```
pub fn parse_short_name_value(value: &str) -> Result<String, MirrorError> {
    let parsed = Reference::parse_legacy(value)
        .map_err(|e| aliases_error(format!("parsing alias {}: {e}", GoQuoted(value))))?;
    let why = if parsed.digest().is_some() {
        "must not contain digest"
    } else if parsed.tag().is_some() {
        "must not contain tag"
    } else {
        let domain = parsed.domain();
        if domain.contains(['.', ':']) || domain == "localhost" {
            let normalized = Reference::parse_normalized_legacy(value)
                .map_err(|e| aliases_error(format!("parsing alias {}: {e}", GoQuoted(value))))?;
            return Ok(normalized.name().to_owned());
        }
        "must contain registry and repository"
    };
    Err(aliases_error(format!(
        "invalid alias {}: {why}",
        GoQuoted(value)
    )))
}

/// Loads one file's text as containers/image's `loadConfigFile` (`mirrors.md` §3.1–§3.2,
/// §3.4), with `path` as the origin of what it sets. Errors are unwrapped.
///
/// # Errors
/// [`MirrorError::ConfDecode`], [`MirrorError::ConfFormat`], [`MirrorError::ConfInvalid`],
/// [`MirrorError::ConfAliases`].
///
/// ```
/// use openshift_image::mirror::load::load;
/// let config = load("[[registry]]\nprefix = \"*.example.com\"\n", "/x.conf", false).unwrap();
/// assert_eq!(config.registries()[0].location, "");
/// assert!(load("[[registry]]\nprefix = \"example.com\"\n", "/x.conf", false).is_err());
/// ```
pub fn load(text: &str, path: &str, force_v2: bool) -> Result<Config, MirrorError> {
    load_conf(&RegistriesConf::from_toml(text)?, path, force_v2)
}

/// [`load`] from a decoded file.
///
/// # Errors
/// As [`load`], except decoding.
pub fn load_conf(conf: &RegistriesConf, path: &str, force_v2: bool) -> Result<Config, MirrorError> {
    let converted;
    let conf = if conf.v1.is_set() {
        if force_v2 {
            return Err(MirrorError::ConfFormat {
                message: "registry must be in v2 format but is in v1".to_owned(),
            });
        }
        if conf.v2_is_set() {
            return Err(MirrorError::ConfFormat {
                message: format!(
                    "mixing sysregistry v1/v2 is not supported: {}",
                    GoDump(conf)
                ),
            });
        }
        converted = convert_v1(conf)?;
        &converted
    } else {
        conf
    };
    let (registries, search) = post_process(conf)?;
    let short_name_mode = if conf.short_name_mode.is_empty() {
        None
    } else {
        Some(ShortNameMode::parse(&conf.short_name_mode)?)
    };
    for r in &registries {
        if r.prefix.starts_with("*.") && r.prefix.contains(['/', '@', ':']) {
            return Err(invalid(format!(
                "Wildcarded prefix should be in the format: *.example.com. Current prefix {} is \
                 incorrectly formatted",
                GoQuoted(&r.prefix)
            )));
        }
    }
    let aliases = load_aliases(conf, path)?;
    let origins = vec![path.to_owned(); registries.len()];
    let config = Config {
        unqualified_search_registries: search.clone().unwrap_or_default(),
        unqualified_search_registries_origin: Some(path.to_owned()),
        search_set: search.is_some(),
        short_name_mode,
        credential_helpers: conf.credential_helpers.clone().unwrap_or_default(),
        credential_helpers_set: conf.credential_helpers.is_some(),
        additional_layer_store_auth_helper: conf.additional_layer_store_auth_helper.clone(),
        aliases,
        ..Config::default()
    };
    Ok(config.with_registries(registries, origins))
}

/// containers/image `ConvertToV2`.
fn convert_v1(conf: &RegistriesConf) -> Result<RegistriesConf, MirrorError> {
    let mut out = RegistriesConf {
        unqualified_search_registries: conf.v1.search.clone(),
        ..RegistriesConf::default()
    };
    let mut positions: HashMap<String, usize> = HashMap::new();
    let lists = [(&conf.v1.block, true), (&conf.v1.insecure, false)];
    for (list, blocked) in lists {
        for location in list.iter().flatten() {
            let location = parse_location(location)?;
            let i = match positions.get(&location) {
                Some(&i) => i,
                None => {
                    positions.insert(location.clone(), out.registries.len());
                    out.registries.push(RegistryConf {
                        prefix: location.clone(),
                        endpoint: EndpointConf {
                            location,
                            ..EndpointConf::default()
                        },
                        ..RegistryConf::default()
                    });
                    out.registries.len() - 1
                }
            };
            if let Some(r) = out.registries.get_mut(i) {
                if blocked {
                    r.blocked = true;
                } else {
                    r.endpoint.insecure = true;
                }
            }
        }
    }
    out.registry_key_present = !out.registries.is_empty();
    Ok(out)
}

/// containers/image `postProcessRegistries`: the entries (de-duplicated, sorted) and the
/// search registries (`None` when the key is absent).
#[allow(clippy::type_complexity)]
fn post_process(
    conf: &RegistriesConf,
) -> Result<(Vec<Registry>, Option<Vec<String>>), MirrorError> {
    let mut entries = Vec::with_capacity(conf.registries.len());
    // Per group (location, or prefix when the location is empty): the first member, in file
    // order, of each (insecure, blocked) combination, so that the conflict check is linear.
    let mut groups: HashMap<String, [Option<usize>; 4]> = HashMap::new();
    for raw in &conf.registries {
        let location = parse_location(&raw.endpoint.location)?;
        let prefix = if raw.prefix.is_empty() {
            if location.is_empty() {
                return Err(invalid(
                    "invalid condition: both location and prefix are unset".to_owned(),
                ));
            }
            location.clone()
        } else {
            let prefix = parse_location(&raw.prefix)?;
            if !prefix.starts_with("*.") && location.is_empty() {
                return Err(invalid(
                    "invalid condition: location is unset and prefix is not in the format: \
                     *.example.com"
                        .to_owned(),
                ));
            }
            prefix
        };
        if !raw.endpoint.pull_from_mirror.is_empty() {
            return Err(invalid(format!(
                "pull-from-mirror must not be set for a non-mirror registry {}",
                GoQuoted(&prefix)
            )));
        }
        let mut mirrors = Vec::with_capacity(raw.mirrors.len());
        for m in &raw.mirrors {
            let mirror_location = parse_location(&m.location)?;
            if mirror_location.is_empty() {
                return Err(invalid(
                    "invalid condition: mirror location is unset".to_owned(),
                ));
            }
            if raw.mirror_by_digest_only && !m.pull_from_mirror.is_empty() {
                return Err(invalid(format!(
                    "cannot set mirror usage mirror-by-digest-only for the registry ({}) and \
                     pull-from-mirror for per-mirror ({}) at the same time",
                    GoQuoted(&prefix),
                    GoQuoted(&mirror_location)
                )));
            }
            if !matches!(
                m.pull_from_mirror.as_str(),
                "" | "all" | "digest-only" | "tag-only"
            ) {
                return Err(invalid(format!(
                    "unsupported pull-from-mirror value {} for mirror {}",
                    GoQuoted(&m.pull_from_mirror),
                    GoQuoted(&mirror_location)
                )));
            }
            mirrors.push(EndpointConf {
                location: mirror_location,
                insecure: m.insecure,
                pull_from_mirror: m.pull_from_mirror.clone(),
            });
        }
        let group = if location.is_empty() {
            prefix.clone()
        } else {
            location.clone()
        };
        let combo = usize::from(raw.endpoint.insecure) * 2 + usize::from(raw.blocked);
        if let Some(first) = groups.entry(group).or_default().get_mut(combo) {
            first.get_or_insert(entries.len());
        }
        entries.push(Registry {
            prefix,
            location,
            insecure: raw.endpoint.insecure,
            blocked: raw.blocked,
            mirror_by_digest_only: raw.mirror_by_digest_only,
            mirrors,
        });
    }
    // Upstream compares each entry, in file order, with every member of its group in file
    // order (`insecure` before `blocked`); the first differing member is the first member of
    // any other combination.
    for entry in &entries {
        let group = if entry.location.is_empty() {
            &entry.prefix
        } else {
            &entry.location
        };
        let own = usize::from(entry.insecure) * 2 + usize::from(entry.blocked);
        let Some(firsts) = groups.get(group) else {
            continue;
        };
        let other = firsts
            .iter()
            .enumerate()
            .filter(|&(combo, _)| combo != own)
            .filter_map(|(_, first)| *first)
            .min()
            .and_then(|i| entries.get(i));
        let Some(other) = other else {
            continue;
        };
        let setting = if entry.insecure == other.insecure {
            "blocked"
        } else {
            "insecure"
        };
        return Err(invalid(format!(
            "registry '{}' is defined multiple times with conflicting '{setting}' setting",
            entry.location
        )));
    }
    let search = match &conf.unqualified_search_registries {
        None => None,
        Some(list) => {
            let mut out = Vec::with_capacity(list.len());
            for s in list {
                let s = parse_location(s)?;
                if !is_domain_and_port(s.as_bytes(), Grammar::Legacy) {
                    return Err(invalid(format!(
                        "Invalid unqualified-search-registries entry {}",
                        GoQuoted(&s)
                    )));
                }
                out.push(s);
            }
            Some(out)
        }
    };
    let mut unique: BTreeMap<String, Registry> = BTreeMap::new();
    for entry in entries {
        unique.entry(entry.prefix.clone()).or_insert(entry);
    }
    Ok((unique.into_values().collect(), search))
}

/// containers/image `newShortNameAliasCache` for a registries.conf file: the errors of
/// [`load_alias_entries`] prefixed `validating short-name aliases: ` (as `loadConfigFile`).
fn load_aliases(conf: &RegistriesConf, path: &str) -> Result<BTreeMap<String, Alias>, MirrorError> {
    match &conf.aliases {
        None => Ok(BTreeMap::new()),
        Some(entries) => load_alias_entries(entries, path)
            .map_err(|e| wrap(e, "validating short-name aliases: ")),
    }
}

/// Validates an `[aliases]` table (short name → value as written) as containers/image's
/// `newShortNameAliasCache` (`mirrors.md` §3.4), with `path` as every alias's origin: every
/// entry is checked, `""` resets an alias ([`Alias::value`] `None`), values are normalised.
/// Also used for the machine-written `short-name-aliases.conf` (`pull.md` §8.3).
///
/// # Errors
/// [`MirrorError::ConfAliases`]: all errors of [`validate_short_name`] and
/// [`parse_short_name_value`], sorted by alias key (key error before value error), joined with
/// `\n`, without a prefix.
///
/// ```
/// use std::collections::BTreeMap;
/// use openshift_image::mirror::load::load_alias_entries;
/// let entries = BTreeMap::from([("app".to_owned(), "quay.io/team/app".to_owned())]);
/// let aliases = load_alias_entries(&entries, "/x.conf").unwrap();
/// assert_eq!(aliases["app"].value.as_deref(), Some("quay.io/team/app"));
/// ```
pub fn load_alias_entries(
    entries: &BTreeMap<String, String>,
    path: &str,
) -> Result<BTreeMap<String, Alias>, MirrorError> {
    let mut out = BTreeMap::new();
    let mut errors = Vec::new();
    for (name, value) in entries {
        if let Err(e) = validate_short_name(name) {
            errors.push(e.to_string());
        }
        if value.is_empty() {
            out.insert(
                name.clone(),
                Alias {
                    value: None,
                    origin: path.to_owned(),
                },
            );
            continue;
        }
        match parse_short_name_value(value) {
            Ok(v) => {
                out.insert(
                    name.clone(),
                    Alias {
                        value: Some(v),
                        origin: path.to_owned(),
                    },
                );
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(aliases_error(errors.join("\n")))
    }
}

/// Prefixes an error's text, keeping its kind (other kinds become `ConfInvalid`).
pub(crate) fn wrap(error: MirrorError, prefix: &str) -> MirrorError {
    let re = |message: String| format!("{prefix}{message}");
    match error {
        MirrorError::ConfDecode { message } => MirrorError::ConfDecode {
            message: re(message),
        },
        MirrorError::ConfFormat { message } => MirrorError::ConfFormat {
            message: re(message),
        },
        MirrorError::ConfAliases { message } => MirrorError::ConfAliases {
            message: re(message),
        },
        other => invalid(re(other.to_string())),
    }
}

/// [`load_many_with_paths`] with the default paths.
///
/// # Errors
/// As [`load_many_with_paths`].
pub fn load_many<N: AsRef<str>, T: AsRef<str>>(
    main: Option<&str>,
    drop_ins: &[(N, T)],
) -> Result<Config, MirrorError> {
    load_many_with_paths(main, drop_ins, &ConfPaths::default())
}

/// Loads the main file (`None`: it does not exist, an empty configuration) and the drop-ins
/// (`(file name, text)`; only names ending in `.conf`, in byte order of their names, each in
/// v2 format), merged as containers/image's `tryUpdatingCache` (`mirrors.md` §3.3); then the
/// short-name mode defaults to permissive and the credential helpers to
/// `["containers-auth.json"]`.
///
/// # Errors
/// A file's load error wrapped as `loading registries configuration "<path>": …` or
/// `loading drop-in registries configuration "<path>": …`; more than [`MAX_DROP_INS`]
/// drop-ins.
///
/// ```
/// use openshift_image::mirror::load::{ConfPaths, load_many_with_paths};
/// let drop_ins = [("a.conf", "[registries.search]\nregistries = []\n")];
/// let err = load_many_with_paths(None, &drop_ins, &ConfPaths::default()).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "loading drop-in registries configuration \"/etc/containers/registries.conf.d/a.conf\": \
///      registry must be in v2 format but is in v1"
/// );
/// ```
pub fn load_many_with_paths<N: AsRef<str>, T: AsRef<str>>(
    main: Option<&str>,
    drop_ins: &[(N, T)],
    paths: &ConfPaths,
) -> Result<Config, MirrorError> {
    if drop_ins.len() > MAX_DROP_INS {
        return Err(invalid(format!("more than {MAX_DROP_INS} drop-in files")));
    }
    let mut config = match main {
        Some(text) => load(text, &paths.main, false).map_err(|e| {
            wrap(
                e,
                &format!(
                    "loading registries configuration {}: ",
                    GoQuoted(&paths.main)
                ),
            )
        })?,
        None => Config::default(),
    };
    let mut names: Vec<(&str, &str)> = drop_ins
        .iter()
        .map(|(n, t)| (n.as_ref(), t.as_ref()))
        .filter(|(n, _)| n.ends_with(".conf"))
        .collect();
    names.sort_by(|a, b| a.0.cmp(b.0));
    let mut merged = config.take_registries();
    for (name, text) in names {
        let path = format!("{}/{name}", paths.drop_in_dir);
        let drop_in = load(text, &path, true).map_err(|e| {
            wrap(
                e,
                &format!(
                    "loading drop-in registries configuration {}: ",
                    GoQuoted(&path)
                ),
            )
        })?;
        config.update_with(drop_in, &mut merged);
    }
    let (registries, origins): (Vec<_>, Vec<_>) = merged.into_values().unzip();
    let mut config = config.with_registries(registries, origins);
    if config.short_name_mode.is_none() {
        config.short_name_mode = Some(ShortNameMode::Permissive);
    }
    if config.credential_helpers.is_empty() {
        config.credential_helpers = vec![DEFAULT_CREDENTIAL_HELPER.to_owned()];
    }
    Ok(config)
}

/// The alias of `name` in the loaded files (`mirrors.md` §3.3–§3.4): the name is validated
/// first, then the files are loaded. `Ok(None)` when no file sets it.
///
/// # Errors
/// [`validate_short_name`]'s errors, then [`load_many`]'s.
///
/// ```
/// use openshift_image::mirror::load::resolve_short_name_alias;
/// let conf = "[aliases]\nfedora = \"docker.io/fedora\"\n";
/// let alias = resolve_short_name_alias(Some(conf), &[] as &[(&str, &str)], "fedora").unwrap().unwrap();
/// assert_eq!(alias.value.as_deref(), Some("docker.io/library/fedora"));
/// ```
pub fn resolve_short_name_alias<N: AsRef<str>, T: AsRef<str>>(
    main: Option<&str>,
    drop_ins: &[(N, T)],
    name: &str,
) -> Result<Option<Alias>, MirrorError> {
    validate_short_name(name)?;
    let mut config = load_many(main, drop_ins)?;
    Ok(config.aliases.remove(name))
}

/// An approximation of Go's `%#v` of containers/image's `tomlConfig` (only the prefix of the
/// "mixing" message is specified).
struct GoDump<'a>(&'a RegistriesConf);

impl fmt::Display for GoDump<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn strings(list: Option<&Vec<String>>) -> String {
            match list {
                None => "[]string(nil)".to_owned(),
                Some(l) => {
                    let items: Vec<String> = l.iter().map(|s| GoQuoted(s).to_string()).collect();
                    format!("[]string{{{}}}", items.join(", "))
                }
            }
        }
        fn endpoint(e: &EndpointConf) -> String {
            format!(
                "sysregistriesv2.Endpoint{{Location:{}, Insecure:{}, PullFromMirror:{}}}",
                GoQuoted(&e.location),
                e.insecure,
                GoQuoted(&e.pull_from_mirror)
            )
        }
        let c = self.0;
        f.write_str(
            "sysregistriesv2.tomlConfig{V2RegistriesConf:sysregistriesv2.V2RegistriesConf{",
        )?;
        if c.registry_key_present || !c.registries.is_empty() {
            f.write_str("Registries:[]sysregistriesv2.Registry{")?;
            for (i, r) in c.registries.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                let mirrors: Vec<String> = r.mirrors.iter().map(endpoint).collect();
                write!(
                    f,
                    "sysregistriesv2.Registry{{Prefix:{}, Endpoint:{}, Blocked:{}, \
                     Mirrors:[]sysregistriesv2.Endpoint{{{}}}, MirrorByDigestOnly:{}}}",
                    GoQuoted(&r.prefix),
                    endpoint(&r.endpoint),
                    r.blocked,
                    mirrors.join(", "),
                    r.mirror_by_digest_only
                )?;
            }
            f.write_str("}")?;
        } else {
            f.write_str("Registries:[]sysregistriesv2.Registry(nil)")?;
        }
        write!(
            f,
            ", UnqualifiedSearchRegistries:{}, CredentialHelpers:{}, ShortNameMode:{}, \
             AdditionalLayerStoreAuthHelper:{}, shortNameAliasConf:sysregistriesv2.shortNameAliasConf{{Aliases:",
            strings(c.unqualified_search_registries.as_ref()),
            strings(c.credential_helpers.as_ref()),
            GoQuoted(&c.short_name_mode),
            GoQuoted(&c.additional_layer_store_auth_helper)
        )?;
        match &c.aliases {
            None => f.write_str("map[string]string(nil)")?,
            Some(map) => {
                f.write_str("map[string]string{")?;
                let mut first = true;
                for (k, v) in map {
                    if !first {
                        f.write_str(", ")?;
                    }
                    first = false;
                    write!(f, "{}:{}", GoQuoted(k), GoQuoted(v))?;
                }
                f.write_str("}")?;
            }
        }
        let mut v1 = String::new();
        let _ = write!(
            v1,
            "V1RegistriesConf:sysregistriesv2.V1RegistriesConf{{V1TOMLConfig:sysregistriesv2.V1TOMLConfig{{\
             Search:sysregistriesv2.V1TOMLregistries{{Registries:{}}}, \
             Insecure:sysregistriesv2.V1TOMLregistries{{Registries:{}}}, \
             Block:sysregistriesv2.V1TOMLregistries{{Registries:{}}}}}}}",
            strings(c.v1.search.as_ref()),
            strings(c.v1.insecure.as_ref()),
            strings(c.v1.block.as_ref())
        );
        write!(f, "}}}}, {v1}}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_DROP_INS: &[(&str, &str)] = &[];

    fn load_err(text: &str) -> String {
        load(text, MAIN_CONF_PATH, false).unwrap_err().to_string()
    }

    #[test]
    fn validation_order_and_texts() {
        let cases: &[(&str, &str)] = &[
            (
                "[[registry]]\n",
                "invalid condition: both location and prefix are unset",
            ),
            (
                "[[registry]]\nprefix = \"a.io\"\n",
                "invalid condition: location is unset and prefix is not in the format: *.example.com",
            ),
            (
                "[[registry]]\nlocation = \"a.io\"\npull-from-mirror = \"all\"\n",
                "pull-from-mirror must not be set for a non-mirror registry \"a.io\"",
            ),
            (
                "[[registry]]\nlocation = \"a.io\"\n[[registry.mirror]]\nlocation = \"/\"\n",
                "invalid condition: mirror location is unset",
            ),
            (
                "[[registry]]\nlocation = \"a.io\"\n[[registry.mirror]]\nlocation = \"m\"\npull-from-mirror = \"x\"\n",
                "unsupported pull-from-mirror value \"x\" for mirror \"m\"",
            ),
            (
                "[[registry]]\nlocation = \"a.io\"\ninsecure = true\n[[registry]]\nprefix = \"b\"\nlocation = \"a.io/\"\nblocked = true\n",
                "registry 'a.io' is defined multiple times with conflicting 'insecure' setting",
            ),
            (
                "[[registry]]\nlocation = \"x\"\n[[registry]]\nprefix = \"b\"\nlocation = \"x\"\nblocked = true\n\
                 [[registry]]\nprefix = \"c\"\nlocation = \"x\"\ninsecure = true\n",
                "registry 'x' is defined multiple times with conflicting 'blocked' setting",
            ),
            (
                "[[registry]]\nlocation = \"x\"\nblocked = true\n[[registry]]\nprefix = \"b\"\nlocation = \"x\"\ninsecure = true\n",
                "registry 'x' is defined multiple times with conflicting 'insecure' setting",
            ),
            (
                "unqualified-search-registries = [\"a/b\"]\n",
                "Invalid unqualified-search-registries entry \"a/b\"",
            ),
            (
                "short-name-mode = \"prompt\"\n",
                "invalid short-name mode: \"prompt\"",
            ),
            (
                "[[registry]]\nprefix = \"*.a.io:5000\"\n",
                "Wildcarded prefix should be in the format: *.example.com. Current prefix \"*.a.io:5000\" is incorrectly formatted",
            ),
            (
                "[registries.search]\nregistries = []\n[aliases]\n",
                "mixing sysregistry v1/v2 is not supported: ",
            ),
            (
                "[registries.block]\nregistries = [\"http://x\"]\n",
                "invalid location 'http://x': URI schemes are not supported",
            ),
        ];
        for (text, want) in cases {
            assert!(
                load_err(text).starts_with(want),
                "{text}: {}",
                load_err(text)
            );
        }
    }

    #[test]
    fn v1_conversion() {
        let config = load(
            "[registries.search]\nregistries = [\"s.io\"]\n[registries.insecure]\nregistries = [\"b.io\", \"i.io/\"]\n[registries.block]\nregistries = [\"b.io\"]\n",
            MAIN_CONF_PATH,
            false,
        )
        .unwrap();
        let got: Vec<(&str, bool, bool)> = config
            .registries()
            .iter()
            .map(|r| (r.prefix.as_str(), r.insecure, r.blocked))
            .collect();
        assert_eq!(got, [("b.io", true, true), ("i.io", true, false)]);
        assert_eq!(config.unqualified_search_registries, ["s.io"]);
    }

    #[test]
    fn drop_ins_merge() {
        let main = "unqualified-search-registries = [\"a.io\"]\nshort-name-mode = \"enforcing\"\n\
                    [[registry]]\nlocation = \"x.io\"\n[[registry]]\nlocation = \"y.io\"\n\
                    [aliases]\nfoo = \"a.io/foo\"\n";
        let drop_ins = [
            (
                "20-b.conf",
                "[[registry]]\nlocation = \"x.io\"\nblocked = true\n[aliases]\nfoo = \"\"\n",
            ),
            ("10-a.conf", "credential-helpers = []\n"),
            ("ignored.txt", "garbage ="),
        ];
        let config = load_many(Some(main), &drop_ins).unwrap();
        assert_eq!(config.registries().len(), 2);
        assert!(config.registries()[0].blocked);
        assert_eq!(
            config.registry_origin(0),
            Some("/etc/containers/registries.conf.d/20-b.conf")
        );
        assert_eq!(config.short_name_mode, Some(ShortNameMode::Enforcing));
        assert_eq!(config.credential_helpers, ["containers-auth.json"]);
        assert_eq!(config.alias("foo").unwrap().value, None);
        assert_eq!(
            config.unqualified_search_registries_origin.as_deref(),
            Some(MAIN_CONF_PATH)
        );
        let empty = load_many(None, NO_DROP_INS).unwrap();
        assert_eq!(empty.unqualified_search_registries_origin, None);
    }

    #[test]
    fn alias_errors_sorted() {
        let err = load_err(
            "[aliases]\n\"k:1\" = \"nohost\"\nj = \"ok.example.org/j\"\na = \"x.io/a:1\"\n",
        );
        assert_eq!(
            err,
            "validating short-name aliases: invalid alias \"x.io/a:1\": must not contain tag\n\
             invalid short name \"k:1\": must not contain tag\n\
             invalid alias \"nohost\": must contain registry and repository"
        );
    }

    #[test]
    fn short_names() {
        let cases: &[(&str, Result<(), &str>)] = &[
            ("foo", Ok(())),
            ("quay/foo", Ok(())),
            (
                "Web",
                Err("cannot parse short name: \"Web\": repository name must be lowercase"),
            ),
            (
                "a.io/foo",
                Err("invalid short name \"a.io/foo\": must not contain registry"),
            ),
        ];
        for (name, want) in cases {
            let got = validate_short_name(name).map_err(|e| e.to_string());
            assert_eq!(got, want.map_err(str::to_owned), "{name}");
        }
    }
}
