//! The registries.conf file as written (`mirrors.md` §2.4): its raw model, TOML decoding, and the
//! writer the Machine Config Operator uses (§8.5, byte parity with BurntSushi/toml v1.5.0).
//!
//! # API (stable)
//!
//! * [`RegistriesConf`]: one file as written, before any load processing (no defaults, no
//!   normalisation, no validation). "Absent" and "present but empty" stay apart where upstream
//!   tells them apart: `Option<Vec<_>>` for the string arrays, `Option<BTreeMap>` for `[aliases]`,
//!   [`RegistriesConf::registry_key_present`] for `[[registry]]`, [`V1Conf`] for the legacy keys.
//! * [`RegistryConf`] (`[[registry]]`) and [`EndpointConf`] (`[[registry.mirror]]`).
//! * [`RegistriesConf::from_toml`]: decode text like containers/image's `toml.Decode` into its
//!   `tomlConfig` (v2 and v1 keys; unknown keys ignored; a known key of the wrong type is an
//!   error; keys are matched to fields exactly, else ASCII case-insensitively, as BurntSushi does).
//!   Errors are [`MirrorError::ConfDecode`] whose text starts with `toml: ` (the decoder's own
//!   wording after it differs from BurntSushi's). Callers add upstream's wrapper
//!   (`loading registries configuration "<path>": `, the MCO's
//!   `error unmarshalling registries config: `).
//! * [`RegistriesConf::to_toml`]: the text BurntSushi v1.5.0 writes for the MCO's
//!   `sysregistriesv2.V2RegistriesConf` (v1 keys are never written: that struct has none).
//!
//! Loading (defaults, v1 conversion, validation, drop-ins) is [`super::load`].
//!
//! ```
//! use openshift_image::mirror::conf::RegistriesConf;
//! let conf = RegistriesConf::from_toml(
//!     "unqualified-search-registries = ['registry.access.redhat.com', 'docker.io']\n",
//! )
//! .unwrap();
//! assert_eq!(
//!     conf.to_toml(),
//!     "unqualified-search-registries = [\"registry.access.redhat.com\", \"docker.io\"]\n\
//!      short-name-mode = \"\"\nadditional-layer-store-auth-helper = \"\"\n"
//! );
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::str::FromStr as _;

use super::MirrorError;

/// Largest registries.conf text [`RegistriesConf::from_toml`] accepts (bytes): bounded work.
pub const MAX_CONF_BYTES: usize = 64 << 20;

/// One registries.conf file as written (containers/image `tomlConfig`: `V2RegistriesConf` plus
/// the legacy `V1RegistriesConf`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistriesConf {
    /// `[[registry]]` entries in file order.
    pub registries: Vec<RegistryConf>,
    /// Whether the `registry` key is present at all (also as `registry = []`): upstream counts
    /// the v2 format as used then (`mirrors.md` §3.1). Set by the decoder; writers may ignore it
    /// (an empty present list is written `registry = []`, as BurntSushi does for a non-nil
    /// empty slice).
    pub registry_key_present: bool,
    /// `unqualified-search-registries`; `None` when the key is absent, `Some([])` for `[]`.
    pub unqualified_search_registries: Option<Vec<String>>,
    /// `credential-helpers`; `None` when absent.
    pub credential_helpers: Option<Vec<String>>,
    /// `short-name-mode` (`""` when unset).
    pub short_name_mode: String,
    /// `additional-layer-store-auth-helper` (`""` when unset).
    pub additional_layer_store_auth_helper: String,
    /// `[aliases]`: short name → value as written (`""` resets an alias); `None` when there is
    /// no `[aliases]` table, `Some` (maybe empty) when there is one.
    pub aliases: Option<BTreeMap<String, String>>,
    /// The legacy v1 keys (`[registries.search]` …); never written by [`Self::to_toml`].
    pub v1: V1Conf,
}

/// One `[[registry]]` entry as written (containers/image `Registry`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistryConf {
    /// `prefix` (`""` when unset: loading copies the location into it).
    pub prefix: String,
    /// `location`, `insecure` and a registry-level `pull-from-mirror` (which loading rejects).
    pub endpoint: EndpointConf,
    /// `blocked`.
    pub blocked: bool,
    /// `mirror-by-digest-only`.
    pub mirror_by_digest_only: bool,
    /// `[[registry.mirror]]` tables in order.
    pub mirrors: Vec<EndpointConf>,
}

impl RegistryConf {
    /// The entry's scope (`mirrors.md` §2.4): its `prefix` when non-empty, else its `location`.
    #[must_use]
    pub fn scope(&self) -> &str {
        if self.prefix.is_empty() {
            &self.endpoint.location
        } else {
            &self.prefix
        }
    }
}

/// A `location` / `insecure` / `pull-from-mirror` triple (containers/image `Endpoint`): a mirror,
/// or the endpoint part of a registry.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct EndpointConf {
    /// `location`.
    pub location: String,
    /// `insecure`.
    pub insecure: bool,
    /// `pull-from-mirror` (`""` when unset).
    pub pull_from_mirror: String,
}

/// The legacy v1 keys (`[registries.search]`, `[registries.insecure]`, `[registries.block]`,
/// each with a `registries` array); `None` when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct V1Conf {
    /// `[registries.search] registries`.
    pub search: Option<Vec<String>>,
    /// `[registries.insecure] registries`.
    pub insecure: Option<Vec<String>>,
    /// `[registries.block] registries`.
    pub block: Option<Vec<String>>,
}

impl V1Conf {
    /// Whether any v1 array is present (even `[]`): upstream's `V1RegistriesConf.Nonempty`.
    #[must_use]
    pub const fn is_set(&self) -> bool {
        self.search.is_some() || self.insecure.is_some() || self.block.is_some()
    }
}

impl RegistriesConf {
    /// Whether any v2 key is set (upstream's `V2RegistriesConf.Nonempty`): `[[registry]]` or
    /// an array key present (even empty), a non-empty string, an `[aliases]` table (even empty).
    #[must_use]
    pub const fn v2_is_set(&self) -> bool {
        self.registry_key_present
            || !self.registries.is_empty()
            || self.unqualified_search_registries.is_some()
            || self.credential_helpers.is_some()
            || !self.short_name_mode.is_empty()
            || !self.additional_layer_store_auth_helper.is_empty()
            || self.aliases.is_some()
    }

    /// Decodes registries.conf text as containers/image does (BurntSushi `toml.Decode` into
    /// `tomlConfig`): no defaults, no validation. See the module documentation.
    ///
    /// # Errors
    /// [`MirrorError::ConfDecode`] (`toml: …`): invalid TOML, a known key with the wrong type,
    /// `[[registry.mirror]]` before any `[[registry]]`, a text over [`MAX_CONF_BYTES`].
    ///
    /// ```
    /// use openshift_image::mirror::conf::RegistriesConf;
    /// let conf = RegistriesConf::from_toml(
    ///     "[[registry]]\nlocation = \"quay.io\"\n[[registry.mirror]]\nlocation = \"m.local\"\n",
    /// )
    /// .unwrap();
    /// assert_eq!(conf.registries[0].mirrors[0].location, "m.local");
    /// assert!(RegistriesConf::from_toml("location = ").unwrap_err().to_string().starts_with("toml: "));
    /// ```
    pub fn from_toml(text: &str) -> Result<Self, MirrorError> {
        if text.len() > MAX_CONF_BYTES {
            return Err(decode_error(format!(
                "toml: input of {} bytes exceeds the limit of {MAX_CONF_BYTES} bytes",
                text.len()
            )));
        }
        let table = toml::Table::from_str(text).map_err(|e| syntax_error(text, &e))?;
        Self::from_table(&table)
    }

    /// Decodes as the MCO does (BurntSushi `toml.Decode` into `V2RegistriesConf` alone): as
    /// [`Self::from_toml`], but the legacy v1 keys are not part of the model, so they are
    /// ignored whatever their type ([`Self::v1`] stays empty).
    ///
    /// # Errors
    /// As [`Self::from_toml`].
    ///
    /// ```
    /// use openshift_image::mirror::conf::RegistriesConf;
    /// let text = "[registries.search]\nregistries = 5\n";
    /// assert!(RegistriesConf::from_toml(text).is_err());
    /// assert!(!RegistriesConf::from_toml_v2(text).unwrap().v1.is_set());
    /// ```
    pub fn from_toml_v2(text: &str) -> Result<Self, MirrorError> {
        if text.len() > MAX_CONF_BYTES {
            return Err(decode_error(format!(
                "toml: input of {} bytes exceeds the limit of {MAX_CONF_BYTES} bytes",
                text.len()
            )));
        }
        let mut table = toml::Table::from_str(text).map_err(|e| syntax_error(text, &e))?;
        table.retain(|k, _| !k.eq_ignore_ascii_case("registries"));
        Self::from_table(&table)
    }

    fn from_table(table: &toml::Table) -> Result<Self, MirrorError> {
        let mut conf = Self::default();
        if let Some((key, value)) = field(table, "registry") {
            conf.registry_key_present = true;
            let path = key.to_owned();
            for item in array_of_tables(value, &path)? {
                conf.registries.push(registry_from_table(item, &path)?);
            }
        }
        conf.unqualified_search_registries =
            opt_strings(table, "unqualified-search-registries", "")?;
        conf.credential_helpers = opt_strings(table, "credential-helpers", "")?;
        conf.short_name_mode = opt_string(table, "short-name-mode", "")?.unwrap_or_default();
        conf.additional_layer_store_auth_helper =
            opt_string(table, "additional-layer-store-auth-helper", "")?.unwrap_or_default();
        if let Some((key, value)) = field(table, "aliases") {
            conf.aliases = Some(alias_table(key, value).map_err(decode_error)?);
        }
        if let Some((key, value)) = field(table, "registries") {
            let toml::Value::Table(v1) = value else {
                return Err(type_error(key, value, "sysregistriesv2.V1TOMLConfig"));
            };
            conf.v1.search = v1_list(v1, key, "search")?;
            conf.v1.insecure = v1_list(v1, key, "insecure")?;
            conf.v1.block = v1_list(v1, key, "block")?;
        }
        Ok(conf)
    }

    /// Renders the v2 part as BurntSushi/toml v1.5.0 encodes containers/image's
    /// `V2RegistriesConf` for the MCO (`mirrors.md` §8.5): top-level keys
    /// (`unqualified-search-registries` and `credential-helpers` when present, then
    /// `short-name-mode` and `additional-layer-store-auth-helper` always), then each
    /// `[[registry]]` (keys `prefix` always, then `location`, `insecure`, `pull-from-mirror`,
    /// `blocked`, `mirror-by-digest-only` when non-empty / true, then its `[[registry.mirror]]`
    /// tables), then `[aliases]` when present, keys sorted. Two-space indentation per level, a
    /// blank line before every table header, a final newline.
    ///
    /// ```
    /// use openshift_image::mirror::conf::{EndpointConf, RegistriesConf, RegistryConf};
    /// let mut conf = RegistriesConf::default();
    /// conf.registries.push(RegistryConf {
    ///     endpoint: EndpointConf { location: "quay.io/ns".into(), ..EndpointConf::default() },
    ///     blocked: true,
    ///     ..RegistryConf::default()
    /// });
    /// assert_eq!(
    ///     conf.to_toml(),
    ///     "short-name-mode = \"\"\nadditional-layer-store-auth-helper = \"\"\n\n[[registry]]\n  \
    ///      prefix = \"\"\n  location = \"quay.io/ns\"\n  blocked = true\n"
    /// );
    /// ```
    #[must_use]
    pub fn to_toml(&self) -> String {
        let mut w = Writer::default();
        if self.registry_key_present && self.registries.is_empty() {
            w.line(0, "registry = []");
        }
        if let Some(list) = &self.unqualified_search_registries {
            w.key_value(0, "unqualified-search-registries", &string_array(list));
        }
        if let Some(list) = &self.credential_helpers {
            w.key_value(0, "credential-helpers", &string_array(list));
        }
        w.key_value(0, "short-name-mode", &quoted(&self.short_name_mode));
        w.key_value(
            0,
            "additional-layer-store-auth-helper",
            &quoted(&self.additional_layer_store_auth_helper),
        );
        for registry in &self.registries {
            w.header(0, "[[registry]]");
            w.key_value(1, "prefix", &quoted(&registry.prefix));
            let e = &registry.endpoint;
            if !e.location.is_empty() {
                w.key_value(1, "location", &quoted(&e.location));
            }
            if e.insecure {
                w.key_value(1, "insecure", "true");
            }
            if !e.pull_from_mirror.is_empty() {
                w.key_value(1, "pull-from-mirror", &quoted(&e.pull_from_mirror));
            }
            if registry.blocked {
                w.key_value(1, "blocked", "true");
            }
            if registry.mirror_by_digest_only {
                w.key_value(1, "mirror-by-digest-only", "true");
            }
            for mirror in &registry.mirrors {
                w.header(1, "[[registry.mirror]]");
                if !mirror.location.is_empty() {
                    w.key_value(2, "location", &quoted(&mirror.location));
                }
                if mirror.insecure {
                    w.key_value(2, "insecure", "true");
                }
                if !mirror.pull_from_mirror.is_empty() {
                    w.key_value(2, "pull-from-mirror", &quoted(&mirror.pull_from_mirror));
                }
            }
        }
        if let Some(aliases) = &self.aliases {
            w.header(0, "[aliases]");
            for (name, value) in aliases {
                w.key_value(1, &key(name), &quoted(value));
            }
        }
        w.out
    }
}

/// The text writer: BurntSushi writes a newline before a table header only once something has
/// been written.
#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    fn indent(&mut self, level: usize) {
        for _ in 0..level {
            self.out.push_str("  ");
        }
    }

    fn line(&mut self, level: usize, text: &str) {
        self.indent(level);
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn key_value(&mut self, level: usize, key: &str, value: &str) {
        self.indent(level);
        self.out.push_str(key);
        self.out.push_str(" = ");
        self.out.push_str(value);
        self.out.push('\n');
    }

    fn header(&mut self, level: usize, text: &str) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.line(level, text);
    }
}

/// A TOML basic string as BurntSushi writes it (`dblQuotedReplacer`).
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A key: bare when made only of `A-Za-z0-9_-` (and non-empty), else quoted.
fn key(name: &str) -> String {
    if !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        name.to_owned()
    } else {
        quoted(name)
    }
}

fn string_array(list: &[String]) -> String {
    let mut out = String::from("[");
    for (i, item) in list.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&quoted(item));
    }
    out.push(']');
    out
}

/// The `aliases` table (member `key`) as a map of strings, or BurntSushi's type error.
pub(crate) fn alias_table(
    key: &str,
    value: &toml::Value,
) -> Result<BTreeMap<String, String>, String> {
    let toml::Value::Table(aliases) = value else {
        return Err(toml_type_message(key, value, "map[string]string"));
    };
    let mut map = BTreeMap::new();
    for (name, value) in aliases {
        let toml::Value::String(s) = value else {
            return Err(toml_type_message(&format!("{key}.{name}"), value, "string"));
        };
        map.insert(name.clone(), s.clone());
    }
    Ok(map)
}

const fn decode_error(message: String) -> MirrorError {
    MirrorError::ConfDecode { message }
}

/// A parse error as `toml: line <n>: <message>` (BurntSushi's shape; the wording is the
/// decoder's).
fn syntax_error(text: &str, error: &toml::de::Error) -> MirrorError {
    decode_error(toml_syntax_message(text, error))
}

/// The text of [`syntax_error`] (also the short-name alias file's).
pub(crate) fn toml_syntax_message(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim();
    match error.span() {
        Some(span) => {
            let before = text.get(..span.start.min(text.len())).unwrap_or(text);
            let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
            format!("toml: line {line}: {message}")
        }
        None => format!("toml: {message}"),
    }
}

/// Go's name for the type of a TOML value, as BurntSushi reports it.
const fn toml_type(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::String(_) => "string",
        toml::Value::Integer(_) => "int64",
        toml::Value::Float(_) => "float64",
        toml::Value::Boolean(_) => "bool",
        toml::Value::Datetime(_) => "time.Time",
        toml::Value::Array(_) => "[]interface {}",
        toml::Value::Table(_) => "map[string]interface {}",
    }
}

fn type_error(key: &str, value: &toml::Value, destination: &str) -> MirrorError {
    decode_error(toml_type_message(key, value, destination))
}

/// BurntSushi's text for a value of the wrong type at `key`.
pub(crate) fn toml_type_message(key: &str, value: &toml::Value, destination: &str) -> String {
    format!(
        "toml: (last key {key:?}): incompatible types: TOML value has type {}; destination has \
         type {destination}",
        toml_type(value)
    )
}

/// The value of the field `name`: the exact key, else the first key (in byte order) equal to
/// it ignoring ASCII case (BurntSushi matches struct fields case-insensitively).
pub(crate) fn field<'a>(table: &'a toml::Table, name: &str) -> Option<(&'a str, &'a toml::Value)> {
    if let Some((k, v)) = table.get_key_value(name) {
        return Some((k.as_str(), v));
    }
    table
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(k, v)| (k.as_str(), v))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn opt_string(table: &toml::Table, name: &str, path: &str) -> Result<Option<String>, MirrorError> {
    match field(table, name) {
        None => Ok(None),
        Some((_, toml::Value::String(s))) => Ok(Some(s.clone())),
        Some((key, value)) => Err(type_error(&join(path, key), value, "string")),
    }
}

fn opt_bool(table: &toml::Table, name: &str, path: &str) -> Result<bool, MirrorError> {
    match field(table, name) {
        None => Ok(false),
        Some((_, toml::Value::Boolean(b))) => Ok(*b),
        Some((key, value)) => Err(type_error(&join(path, key), value, "bool")),
    }
}

fn opt_strings(
    table: &toml::Table,
    name: &str,
    path: &str,
) -> Result<Option<Vec<String>>, MirrorError> {
    let Some((key, value)) = field(table, name) else {
        return Ok(None);
    };
    let toml::Value::Array(items) = value else {
        return Err(type_error(&join(path, key), value, "[]string"));
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let toml::Value::String(s) = item else {
            return Err(type_error(&join(path, key), item, "string"));
        };
        out.push(s.clone());
    }
    Ok(Some(out))
}

fn array_of_tables<'a>(
    value: &'a toml::Value,
    path: &str,
) -> Result<Vec<&'a toml::Table>, MirrorError> {
    let toml::Value::Array(items) = value else {
        return Err(type_error(path, value, "[]sysregistriesv2.Registry"));
    };
    items
        .iter()
        .map(|item| match item {
            toml::Value::Table(t) => Ok(t),
            other => Err(type_error(path, other, "sysregistriesv2.Registry")),
        })
        .collect()
}

fn endpoint_from_table(table: &toml::Table, path: &str) -> Result<EndpointConf, MirrorError> {
    Ok(EndpointConf {
        location: opt_string(table, "location", path)?.unwrap_or_default(),
        insecure: opt_bool(table, "insecure", path)?,
        pull_from_mirror: opt_string(table, "pull-from-mirror", path)?.unwrap_or_default(),
    })
}

fn registry_from_table(table: &toml::Table, path: &str) -> Result<RegistryConf, MirrorError> {
    let mut registry = RegistryConf {
        prefix: opt_string(table, "prefix", path)?.unwrap_or_default(),
        endpoint: endpoint_from_table(table, path)?,
        blocked: opt_bool(table, "blocked", path)?,
        mirror_by_digest_only: opt_bool(table, "mirror-by-digest-only", path)?,
        mirrors: Vec::new(),
    };
    if let Some((key, value)) = field(table, "mirror") {
        let mirror_path = join(path, key);
        for item in array_of_tables(value, &mirror_path)? {
            registry
                .mirrors
                .push(endpoint_from_table(item, &mirror_path)?);
        }
    }
    Ok(registry)
}

fn v1_list(
    table: &toml::Table,
    path: &str,
    name: &str,
) -> Result<Option<Vec<String>>, MirrorError> {
    let Some((key, value)) = field(table, name) else {
        return Ok(None);
    };
    let toml::Value::Table(inner) = value else {
        return Err(type_error(
            &join(path, key),
            value,
            "sysregistriesv2.V1TOMLregistries",
        ));
    };
    opt_strings(inner, "registries", &join(path, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_cases() {
        let cases: &[(&str, Result<usize, &str>)] = &[
            ("", Ok(0)),
            (
                "[[registry]]\nlocation = \"a\"\n[[registry]]\nprefix = \"b\"\n",
                Ok(2),
            ),
            ("[[registry]]\nlocation = 5\n", Err("toml: ")),
            ("[[registry]]\ninsecure = \"yes\"\n", Err("toml: ")),
            ("a = 1\na = 2\n", Err("toml: line ")),
            ("[[registry.mirror]]\nlocation = \"m\"\n", Err("toml: ")),
            (
                "[[registry.mirror]]\nlocation = \"m\"\n[[registry]]\nlocation = \"a\"\n",
                Err("toml: "),
            ),
            ("location = ", Err("toml: line 1")),
            ("[aliases]\nx = 1\n", Err("toml: ")),
        ];
        for (text, want) in cases {
            match (RegistriesConf::from_toml(text), want) {
                (Ok(conf), Ok(n)) => assert_eq!(conf.registries.len(), *n, "{text}"),
                (Err(e), Err(p)) => {
                    assert!(e.to_string().starts_with(p), "{text}: {e}");
                    assert_eq!(e.kind(), "mirror.conf_decode");
                }
                (got, _) => panic!("{text}: {got:?}"),
            }
        }
    }

    #[test]
    fn presence_is_kept() {
        let conf = RegistriesConf::from_toml(
            "registry = []\nunqualified-search-registries = []\n[aliases]\n[registries.block]\nregistries = []\n",
        )
        .unwrap();
        assert!(conf.registry_key_present);
        assert_eq!(conf.unqualified_search_registries, Some(vec![]));
        assert_eq!(conf.credential_helpers, None);
        assert_eq!(conf.aliases, Some(BTreeMap::new()));
        assert!(conf.v1.is_set() && conf.v2_is_set());
        assert!(!RegistriesConf::from_toml("x = 1").unwrap().v2_is_set());
    }

    #[test]
    fn byte_order_mark() {
        let conf = RegistriesConf::from_toml("\u{feff}short-name-mode = \"disabled\"\n").unwrap();
        assert_eq!(conf.short_name_mode, "disabled");
    }

    #[test]
    fn case_insensitive_fields() {
        let conf = RegistriesConf::from_toml("[[Registry]]\nLocation = \"a\"\n").unwrap();
        assert_eq!(conf.registries[0].endpoint.location, "a");
    }

    #[test]
    fn writer_layout() {
        let mut aliases = BTreeMap::new();
        aliases.insert("x".to_owned(), "a.example/x".to_owned());
        aliases.insert("quay/foo".to_owned(), "quay.io/library/foo".to_owned());
        let conf = RegistriesConf {
            registries: vec![RegistryConf {
                endpoint: EndpointConf {
                    location: "quay.io/ns".into(),
                    ..Default::default()
                },
                blocked: true,
                mirrors: vec![EndpointConf {
                    location: "m.local/ns".into(),
                    insecure: true,
                    pull_from_mirror: "digest-only".into(),
                }],
                ..Default::default()
            }],
            unqualified_search_registries: Some(vec!["a\"b".into(), "c".into()]),
            credential_helpers: Some(vec![]),
            aliases: Some(aliases),
            ..Default::default()
        };
        assert_eq!(
            conf.to_toml(),
            "unqualified-search-registries = [\"a\\\"b\", \"c\"]\ncredential-helpers = []\n\
             short-name-mode = \"\"\nadditional-layer-store-auth-helper = \"\"\n\n[[registry]]\n  \
             prefix = \"\"\n  location = \"quay.io/ns\"\n  blocked = true\n\n  \
             [[registry.mirror]]\n    location = \"m.local/ns\"\n    insecure = true\n    \
             pull-from-mirror = \"digest-only\"\n\n[aliases]\n  \"quay/foo\" = \
             \"quay.io/library/foo\"\n  x = \"a.example/x\"\n"
        );
    }

    #[test]
    fn quoting() {
        let cases = [
            ("a", "\"a\""),
            ("\u{1}\u{7f}\t", "\"\\u0001\\u007f\\t\""),
            ("é", "\"é\""),
        ];
        for (input, want) in cases {
            assert_eq!(quoted(input), want);
        }
        assert_eq!(key(""), "\"\"");
        assert_eq!(key("a-b_C9"), "a-b_C9");
    }

    #[test]
    fn round_trip() {
        let text = "unqualified-search-registries = [\"docker.io\"]\nshort-name-mode = \"enforcing\"\n\
                    additional-layer-store-auth-helper = \"\"\n\n[[registry]]\n  prefix = \"*.x.io\"\n  \
                    location = \"y.io\"\n  insecure = true\n  mirror-by-digest-only = true\n";
        assert_eq!(RegistriesConf::from_toml(text).unwrap().to_toml(), text);
    }
}
