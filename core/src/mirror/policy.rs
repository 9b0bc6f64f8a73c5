//! policy.json and the payload guard (`mirrors.md` §9): the MCO's `updatePolicyJSON` (byte-exact
//! Go `json.MarshalIndent(v, "", "  ")` output) and `getValidBlockedAndAllowedRegistries`.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::MirrorError;
use super::conf::RegistriesConf;
use super::load::load_conf;
use super::render::edit_registries_config;
use super::sets::{ImageSpec, MirrorSets};
use crate::gofmt::GoQuoted;
use crate::reference::{Reference, is_valid_registries_conf_scope, scope_is_nested_inside_scope};

/// The MCO's policy.json template (`templates/*/01-*-container-runtime/_base/files/policy.yaml`),
/// byte for byte.
pub const DEFAULT_POLICY_JSON: &str = "{\n    \"default\": [\n        {\n            \"type\": \"insecureAcceptAnything\"\n        }\n    ],\n    \"transports\":\n        {\n            \"docker-daemon\":\n                {\n                    \"\": [{\"type\":\"insecureAcceptAnything\"}]\n                }\n        }\n}";

/// Largest policy.json text accepted, in bytes.
pub const MAX_POLICY_BYTES: usize = 4 << 20;

/// Deepest JSON nesting accepted in a policy.json.
const MAX_DEPTH: usize = 64;

const INSECURE_ACCEPT_ANYTHING: &str = "insecureAcceptAnything";
const REJECT: &str = "reject";

fn policy_error(message: impl Into<String>) -> MirrorError {
    MirrorError::Policy {
        message: message.into(),
    }
}

/// Parses the release image as containers/image `reference.ParseNamed` (legacy grammar,
/// canonical form required) and returns it; any failure is
/// `error parsing reference of release image` ([`MirrorError::ReleaseImage`]).
///
/// # Errors
/// [`MirrorError::ReleaseImage`].
pub fn parse_release_image(release_image: &str) -> Result<Reference, MirrorError> {
    match Reference::parse_normalized_legacy(release_image) {
        Ok(r) if r.as_str() == release_image => Ok(r),
        _ => Err(MirrorError::ReleaseImage {
            message: "error parsing reference of release image".to_owned(),
        }),
    }
}

/// A decoded policy.json (containers/image `signature.Policy`), requirements kept as JSON
/// objects after validation.
#[derive(Debug, Clone, PartialEq)]
struct Policy {
    default: Vec<Value>,
    transports: Option<BTreeMap<String, BTreeMap<String, Vec<Value>>>>,
}

/// Go's `json.Decoder` text for a syntax error that serde_json reports in `text` (the common
/// shapes; others keep serde_json's wording).
fn go_json_error(text: &str, e: &serde_json::Error) -> String {
    if e.is_eof() {
        return if text
            .trim_matches(|c: char| c.is_ascii_whitespace())
            .is_empty()
        {
            "EOF".to_owned()
        } else {
            "unexpected EOF".to_owned()
        };
    }
    let offending = text
        .split('\n')
        .nth(e.line().saturating_sub(1))
        .and_then(|line| line.get(e.column().saturating_sub(1)..))
        .and_then(|rest| rest.chars().next());
    let message = e.to_string();
    let context = [
        ("expected value", "looking for beginning of value"),
        ("trailing comma", ""),
        (
            "key must be a string",
            "looking for beginning of object key string",
        ),
        ("expected `:`", "after object key"),
        ("expected `,` or `}`", "after object key:value pair"),
        ("expected `,` or `]`", "after array element"),
        ("control character", "in string literal"),
    ]
    .into_iter()
    .find(|(serde, _)| message.starts_with(serde));
    if message.starts_with("trailing characters") {
        return "Unexpected data after JSON object".to_owned();
    }
    match (context, offending) {
        (Some(("trailing comma", _)), Some(c)) => {
            let what = if c == '}' {
                "looking for beginning of object key string"
            } else {
                "looking for beginning of value"
            };
            format!("invalid character {} {what}", go_char(c))
        }
        (Some((_, what)), Some(c)) => format!("invalid character {} {what}", go_char(c)),
        _ => message,
    }
}

/// Go's `quoteChar`: `'x'`, with `'` and `"` special-cased and other characters as
/// `strconv.Quote` escapes them.
fn go_char(c: char) -> String {
    match c {
        '\'' => "'\\''".to_owned(),
        '"' => "'\"'".to_owned(),
        c => {
            let quoted = GoQuoted(c.encode_utf8(&mut [0u8; 4])).to_string();
            let inner = quoted
                .strip_prefix('"')
                .and_then(|q| q.strip_suffix('"'))
                .unwrap_or(&quoted);
            format!("'{inner}'")
        }
    }
}

/// The JSON type name Go's decoder prints in `cannot unmarshal <type> into …`.
const fn go_json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn object<'a>(value: &'a Value, what: &str) -> Result<&'a Map<String, Value>, MirrorError> {
    value.as_object().ok_or_else(|| {
        policy_error(format!(
            "error decoding policy json: {what} must be a JSON object"
        ))
    })
}

/// containers/image `PolicyRequirements.UnmarshalJSON`: a non-empty list of known requirement
/// types.
fn requirements(value: &Value) -> Result<Vec<Value>, MirrorError> {
    let empty = Vec::new();
    let list = match value {
        Value::Array(list) => list,
        Value::Null => &empty,
        other => {
            return Err(policy_error(format!(
                "error decoding policy json: json: cannot unmarshal {} into Go value of type []json.RawMessage",
                go_json_type(other)
            )));
        }
    };
    if list.is_empty() {
        return Err(policy_error(
            "error decoding policy json: Policy list is empty",
        ));
    }
    let mut out = Vec::with_capacity(list.len());
    for item in list {
        let empty_map = Map::new();
        let map = match item {
            Value::Object(map) => map,
            Value::Null => &empty_map,
            other => {
                return Err(policy_error(format!(
                    "error decoding policy json: json: cannot unmarshal {} into Go value of type signature.prCommon",
                    go_json_type(other)
                )));
            }
        };
        let kind = match map.get("type") {
            Some(Value::String(s)) => s.as_str(),
            None | Some(Value::Null) => "",
            Some(other) => {
                return Err(policy_error(format!(
                    "error decoding policy json: json: cannot unmarshal {} into Go struct field prCommon.type of type signature.prTypeIdentifier",
                    go_json_type(other)
                )));
            }
        };
        match kind {
            INSECURE_ACCEPT_ANYTHING | REJECT => {
                if let Some(key) = map.keys().find(|k| *k != "type") {
                    return Err(policy_error(format!(
                        "error decoding policy json: Unknown key {}",
                        quoted(key)
                    )));
                }
                out.push(requirement(kind));
            }
            "signedBy" | "signedBaseLayer" | "sigstoreSigned" => out.push(item.clone()),
            other => {
                return Err(policy_error(format!(
                    "error decoding policy json: Unknown policy requirement type {}",
                    quoted(other)
                )));
            }
        }
    }
    Ok(out)
}

/// containers/image quotes these names with `"%s"`, not `%q`.
fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

fn requirement(kind: &str) -> Value {
    let mut map = Map::new();
    map.insert("type".to_owned(), Value::String(kind.to_owned()));
    Value::Object(map)
}

fn depth_ok(value: &Value) -> bool {
    let mut stack = vec![(value, 0usize)];
    while let Some((v, d)) = stack.pop() {
        if d > MAX_DEPTH {
            return false;
        }
        match v {
            Value::Array(items) => stack.extend(items.iter().map(|i| (i, d + 1))),
            Value::Object(map) => stack.extend(map.values().map(|i| (i, d + 1))),
            _ => {}
        }
    }
    true
}

/// `signature.NewPolicyFromBytes` as the MCO calls it.
fn decode_policy(text: &str) -> Result<Policy, MirrorError> {
    if text.len() > MAX_POLICY_BYTES {
        return Err(policy_error(format!(
            "error decoding policy json: policy is larger than {MAX_POLICY_BYTES} bytes"
        )));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        policy_error(format!(
            "error decoding policy json: {}",
            go_json_error(text, &e)
        ))
    })?;
    if !depth_ok(&value) {
        return Err(policy_error("error decoding policy json: nesting too deep"));
    }
    // containers/image's decoder validates every requirement (signedBy, sigstoreSigned, …);
    // syntax errors keep the MCO's decoder texts above.
    if let Err(e) = crate::pull::policy::Policy::from_json(text) {
        let message = match e {
            crate::pull::PullError::PolicyFormat { message } => message,
            other => other.to_string(),
        };
        return Err(policy_error(format!(
            "error decoding policy json: {message}"
        )));
    }
    let Value::Object(top) = &value else {
        return Err(policy_error(format!(
            "error decoding policy json: JSON object expected, got {}",
            quoted(&first_token(&value))
        )));
    };
    if let Some(key) = top.keys().find(|k| *k != "default" && *k != "transports") {
        return Err(policy_error(format!(
            "error decoding policy json: Unknown key {}",
            quoted(key)
        )));
    }
    let default = match top.get("default") {
        None => {
            return Err(policy_error(
                "error decoding policy json: Default policy is missing",
            ));
        }
        Some(v) => requirements(v)?,
    };
    let transports = match top.get("transports") {
        None | Some(Value::Null) => None,
        Some(v) => {
            let mut out = BTreeMap::new();
            for (transport, scopes) in object(v, "transports")? {
                let mut scope_map = BTreeMap::new();
                if !scopes.is_null() {
                    for (scope, reqs) in object(scopes, "a transport's scopes")? {
                        scope_map.insert(scope.clone(), requirements(reqs)?);
                    }
                }
                out.insert(transport.clone(), scope_map);
            }
            Some(out)
        }
    };
    Ok(Policy {
        default,
        transports,
    })
}

fn first_token(value: &Value) -> String {
    match value {
        Value::Array(_) => "[".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Policy {
    fn to_value(&self) -> Value {
        let mut top = Map::new();
        top.insert("default".to_owned(), Value::Array(self.default.clone()));
        let transports = match &self.transports {
            None => Value::Null,
            Some(t) => Value::Object(
                t.iter()
                    .map(|(name, scopes)| {
                        let scopes: Map<String, Value> = scopes
                            .iter()
                            .map(|(s, r)| (s.clone(), Value::Array(r.clone())))
                            .collect();
                        (name.clone(), Value::Object(scopes))
                    })
                    .collect(),
            ),
        };
        top.insert("transports".to_owned(), transports);
        Value::Object(top)
    }
}

/// Go `json.MarshalIndent(v, "", "  ")`: keys sorted, HTML-sensitive characters escaped, no
/// trailing newline. Iterative.
fn marshal_indent(value: &Value) -> String {
    enum Step<'a> {
        Value(&'a Value, usize),
        Close(char, usize, bool),
        Key(&'a str),
        Comma(usize),
    }
    fn newline(out: &mut String, level: usize) {
        out.push('\n');
        for _ in 0..level {
            out.push_str("  ");
        }
    }
    let mut out = String::new();
    let mut stack = vec![Step::Value(value, 0)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Key(k) => {
                crate::gojson::write_string(&mut out, k);
                out.push_str(": ");
            }
            Step::Comma(level) => {
                out.push(',');
                newline(&mut out, level);
            }
            Step::Close(c, level, any) => {
                if any {
                    newline(&mut out, level);
                }
                out.push(c);
            }
            Step::Value(v, level) => match v {
                Value::Null => out.push_str("null"),
                Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Value::Number(n) => out.push_str(&n.to_string()),
                Value::String(s) => crate::gojson::write_string(&mut out, s),
                Value::Array(items) => {
                    out.push('[');
                    stack.push(Step::Close(']', level, !items.is_empty()));
                    for (i, item) in items.iter().enumerate().rev() {
                        stack.push(Step::Value(item, level + 1));
                        if i > 0 {
                            stack.push(Step::Comma(level + 1));
                        }
                    }
                    if !items.is_empty() {
                        newline(&mut out, level + 1);
                    }
                }
                Value::Object(map) => {
                    out.push('{');
                    stack.push(Step::Close('}', level, !map.is_empty()));
                    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
                    for (i, (k, item)) in entries.into_iter().enumerate().rev() {
                        stack.push(Step::Value(item, level + 1));
                        stack.push(Step::Key(k));
                        if i > 0 {
                            stack.push(Step::Comma(level + 1));
                        }
                    }
                    if !map.is_empty() {
                        newline(&mut out, level + 1);
                    }
                }
            },
        }
    }
    out
}

/// MCO `updatePolicyJSON` (no ClusterImagePolicy scopes), returning the new policy.json text
/// (`mirrors.md` §9.2, references.md §11.7).
///
/// `blocked` and `allowed` are the payload guard's `policy_blocked` and `allowed` lists; `None`
/// is "absent", which differs from an empty list: when both are absent `base` is returned
/// unchanged, byte for byte. `release_image` is parsed only when both lists are non-empty.
///
/// # Errors
/// [`MirrorError::Policy`]: `invalid images config: only one of AllowedRegistries or
/// BlockedRegistries may be specified`, `invalid entry for blocked|allowed registries "<s>"`,
/// `error decoding policy json: <err>`; [`MirrorError::ReleaseImage`].
///
/// ```
/// use openshift_image::mirror::policy::{update_policy_json_text, DEFAULT_POLICY_JSON};
/// let blocked = vec!["evil.io".to_owned()];
/// let text = update_policy_json_text(DEFAULT_POLICY_JSON, Some(&blocked), None, "")?;
/// assert!(text.starts_with("{\n  \"default\": [\n    {\n      \"type\": \"insecureAcceptAnything\""));
/// assert!(text.contains("\"evil.io\": [\n        {\n          \"type\": \"reject\""));
/// # Ok::<(), openshift_image::mirror::MirrorError>(())
/// ```
pub fn update_policy_json_text(
    base: &str,
    blocked: Option<&[String]>,
    allowed: Option<&[String]>,
    release_image: &str,
) -> Result<String, MirrorError> {
    let blocked_len = blocked.map_or(0, <[String]>::len);
    let allowed_len = allowed.map_or(0, <[String]>::len);
    if blocked_len > 0 && allowed_len > 0 {
        let payload = parse_release_image(release_image)?;
        let only_payload = matches!(allowed, Some([one]) if one == payload.name());
        if !only_payload {
            return Err(policy_error(
                "invalid images config: only one of AllowedRegistries or BlockedRegistries may be specified",
            ));
        }
    }
    if blocked.is_none() && allowed.is_none() {
        return Ok(base.to_owned());
    }
    let mut policy = decode_policy(base)?;
    let mut docker: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for scope in allowed.unwrap_or_default() {
        if !is_valid_registries_conf_scope(scope) {
            return Err(policy_error(format!(
                "invalid entry for allowed registries {}",
                GoQuoted(scope)
            )));
        }
        policy.default = vec![requirement(REJECT)];
        docker.insert(scope.clone(), vec![requirement(INSECURE_ACCEPT_ANYTHING)]);
    }
    for scope in blocked.unwrap_or_default() {
        if !is_valid_registries_conf_scope(scope) {
            return Err(policy_error(format!(
                "invalid entry for blocked registries {}",
                GoQuoted(scope)
            )));
        }
        policy.default = vec![requirement(INSECURE_ACCEPT_ANYTHING)];
        docker.insert(scope.clone(), vec![requirement(REJECT)]);
    }
    let atomic: BTreeMap<String, Vec<Value>> = docker
        .iter()
        .filter(|(scope, _)| scope.bytes().filter(|&b| b == b'/').count() < 3)
        .map(|(s, r)| (s.clone(), r.clone()))
        .collect();
    let transports = policy.transports.get_or_insert_with(BTreeMap::new);
    // Upstream writes each map only when it has scopes (`empty-lists` keeps the base's maps).
    if !docker.is_empty() {
        transports.insert("docker".to_owned(), docker);
    }
    if !atomic.is_empty() {
        transports.insert("atomic".to_owned(), atomic);
    }
    Ok(marshal_indent(&policy.to_value()))
}

/// [`update_policy_json_text`] decoded as JSON data.
///
/// # Errors
/// As [`update_policy_json_text`]; when the base is returned unchanged and is not JSON,
/// `error decoding policy json: <err>`.
///
/// ```
/// use openshift_image::mirror::policy::{update_policy_json, DEFAULT_POLICY_JSON};
/// let allowed = vec!["quay.io".to_owned()];
/// let policy = update_policy_json(DEFAULT_POLICY_JSON, None, Some(&allowed), "")?;
/// assert_eq!(policy["default"][0]["type"], "reject");
/// # Ok::<(), openshift_image::mirror::MirrorError>(())
/// ```
pub fn update_policy_json(
    base: &str,
    blocked: Option<&[String]>,
    allowed: Option<&[String]>,
    release_image: &str,
) -> Result<Value, MirrorError> {
    let text = update_policy_json_text(base, blocked, allowed, release_image)?;
    serde_json::from_str(&text).map_err(|e| {
        policy_error(format!(
            "error decoding policy json: {}",
            go_json_error(&text, &e)
        ))
    })
}

/// The payload guard's result (`mirrors.md` §9.1). A `None` list was never appended to.
#[derive(Serialize, Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockedAndAllowed {
    /// Blocked scopes for registries.conf.
    pub registries_blocked: Option<Vec<String>>,
    /// Blocked scopes for policy.json.
    pub policy_blocked: Option<Vec<String>>,
    /// Allowed scopes for policy.json (the payload repository first when it was kept).
    pub allowed: Option<Vec<String>>,
    /// The non-fatal error the MCO only logs.
    pub warning: Option<String>,
}

/// Appends to a list that is absent until something is appended (Go's nil slice).
fn push(list: &mut Option<Vec<String>>, value: &str) {
    list.get_or_insert_with(Vec::new).push(value.to_owned());
}

/// The path the temporary registries.conf of the payload guard is reported under.
pub const GUARD_TEMP_PATH: &str = "/tmp/registries.conf";

/// MCO `getValidBlockedAndAllowedRegistries` (`mirrors.md` §9.1): which blocked scopes can be
/// applied without blocking the release payload, and which scopes policy.json must allow.
///
/// A blocked scope that does not contain the payload repository goes to both blocked lists. One
/// that contains it is kept only when the payload has a usable pull source in a temporary
/// registries.conf built from the insecure and blocked scopes and the digest mirror sets (a
/// source is usable when its repository is nested in no blocked scope); it then goes to the
/// registries.conf list, to the policy list unless it equals the payload repository, and the
/// payload repository is appended to `allowed`. Otherwise it is dropped and named in the
/// returned `warning`. `allowedRegistries` follow. Where upstream panics (the payload matches
/// the nesting test but no registries.conf entry), the scope counts as having no usable
/// mirror.
///
/// # Errors
/// [`MirrorError::ReleaseImage`] (`error parsing reference of release image`); errors of
/// building or loading the temporary configuration and of computing the payload's pull
/// sources (the MCO only logs those, with three absent lists).
///
/// ```
/// use openshift_image::mirror::policy::valid_blocked_and_allowed_registries;
/// use openshift_image::mirror::sets::{ImageSpec, MirrorSets};
/// let spec: ImageSpec = serde_json::from_str(
///     r#"{"registrySources": {"blockedRegistries": ["quay.io", "block.io"]}}"#)?;
/// let out = valid_blocked_and_allowed_registries(
///     "quay.io/openshift-release-dev/ocp-release@sha256:4444444444444444444444444444444444444444444444444444444444444444",
///     &spec,
///     &MirrorSets::default(),
/// )?;
/// assert_eq!(out.registries_blocked, Some(vec!["block.io".to_owned()]));
/// assert_eq!(
///     out.warning.as_deref(),
///     Some(r#"error adding ["quay.io"] to blocked registries, cannot block the repository being used by the payload"#)
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn valid_blocked_and_allowed_registries(
    release_image: &str,
    image_spec: &ImageSpec,
    sets: &MirrorSets,
) -> Result<BlockedAndAllowed, MirrorError> {
    let payload = parse_release_image(release_image)?;
    let name = payload.name();
    let sources = &image_spec.registry_sources;
    let blocked = sources.blocked_registries.as_deref().unwrap_or_default();
    let mut out = BlockedAndAllowed::default();
    let mut dropped: Vec<&str> = Vec::new();
    let mut usable: Option<bool> = None;
    for scope in blocked {
        if !scope_is_nested_inside_scope(name, scope) {
            push(&mut out.registries_blocked, scope);
            push(&mut out.policy_blocked, scope);
            continue;
        }
        let has_usable = match usable {
            Some(u) => u,
            None => {
                let u = payload_has_usable_source(&payload, image_spec, sets)?;
                usable = Some(u);
                u
            }
        };
        if has_usable {
            push(&mut out.registries_blocked, scope);
            if scope != name {
                push(&mut out.policy_blocked, scope);
            }
            push(&mut out.allowed, name);
        } else {
            dropped.push(scope);
        }
    }
    for scope in sources.allowed_registries.as_deref().unwrap_or_default() {
        push(&mut out.allowed, scope);
    }
    if !dropped.is_empty() {
        let list: Vec<String> = dropped.iter().map(|s| GoQuoted(s).to_string()).collect();
        out.warning = Some(format!(
            "error adding [{}] to blocked registries, cannot block the repository being used by the payload",
            list.join(" ")
        ));
    }
    Ok(out)
}

/// Builds the guard's temporary registries.conf (runtime-utils edit, no base, digest sets
/// only), loads it, and tells whether a pull source of the payload is outside every blocked
/// scope.
fn payload_has_usable_source(
    payload: &Reference,
    image_spec: &ImageSpec,
    sets: &MirrorSets,
) -> Result<bool, MirrorError> {
    let sources = &image_spec.registry_sources;
    let insecure = sources.insecure_registries.as_deref().unwrap_or_default();
    let blocked = sources.blocked_registries.as_deref().unwrap_or_default();
    let digest_sets = MirrorSets {
        icsps: sets.icsps.clone(),
        idmss: sets.idmss.clone(),
        itmss: Vec::new(),
    };
    let mut conf = RegistriesConf::default();
    edit_registries_config(&mut conf, insecure, blocked, &digest_sets)?;
    let names = pull_source_names(&conf, payload)?;
    Ok(names.iter().any(|source| {
        !blocked
            .iter()
            .any(|scope| scope_is_nested_inside_scope(source, scope))
    }))
}

/// The repositories of the payload's pull sources in the temporary configuration, in pull
/// order (containers/image load, `FindRegistry`, `PullSourcesFromReference`); empty when no
/// entry matches (where upstream dereferences a missing entry and panics).
fn pull_source_names(
    conf: &RegistriesConf,
    payload: &Reference,
) -> Result<Vec<String>, MirrorError> {
    let config = load_conf(conf, GUARD_TEMP_PATH, false).map_err(|e| {
        with_prefix(
            e,
            &format!("loading registries configuration \"{GUARD_TEMP_PATH}\": "),
        )
    })?;
    let Some(entry) = config.find_registry(payload.name()) else {
        return Ok(Vec::new());
    };
    Ok(entry
        .pull_sources_from_reference(payload)?
        .into_iter()
        .map(|source| source.reference.name().to_owned())
        .collect())
}

/// `err` with `prefix` before its message, kind kept (Go's `fmt.Errorf("…: %w", err)`).
fn with_prefix(err: MirrorError, prefix: &str) -> MirrorError {
    let wrap = |message: String| format!("{prefix}{message}");
    match err {
        MirrorError::ConfDecode { message } => MirrorError::ConfDecode {
            message: wrap(message),
        },
        MirrorError::ConfFormat { message } => MirrorError::ConfFormat {
            message: wrap(message),
        },
        MirrorError::ConfAliases { message } => MirrorError::ConfAliases {
            message: wrap(message),
        },
        MirrorError::ConfInvalid { message } => MirrorError::ConfInvalid {
            message: wrap(message),
        },
        other => MirrorError::ConfInvalid {
            message: wrap(other.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    const RELEASE: &str = "quay.io/openshift-release-dev/ocp-release@sha256:4444444444444444444444444444444444444444444444444444444444444444";

    #[test]
    fn policy_cases() {
        type Case<'a> = (
            &'a str,
            Option<&'a [&'a str]>,
            Option<&'a [&'a str]>,
            Result<&'a str, &'a str>,
        );
        let cases: &[Case<'_>] = &[
            (DEFAULT_POLICY_JSON, None, None, Ok(DEFAULT_POLICY_JSON)),
            (
                DEFAULT_POLICY_JSON,
                Some(&[]),
                Some(&[]),
                Ok(
                    "{\n  \"default\": [\n    {\n      \"type\": \"insecureAcceptAnything\"\n    }\n  ],\n  \"transports\": {\n    \"docker-daemon\": {\n      \"\": [\n        {\n          \"type\": \"insecureAcceptAnything\"\n        }\n      ]\n    }\n  }\n}",
                ),
            ),
            (
                "{\"default\":[{\"type\":\"reject\"}]}",
                Some(&["a.io/b/c/d", "<x>"]),
                None,
                Ok(
                    "{\n  \"default\": [\n    {\n      \"type\": \"insecureAcceptAnything\"\n    }\n  ],\n  \"transports\": {\n    \"atomic\": {\n      \"\\u003cx\\u003e\": [\n        {\n          \"type\": \"reject\"\n        }\n      ]\n    },\n    \"docker\": {\n      \"\\u003cx\\u003e\": [\n        {\n          \"type\": \"reject\"\n        }\n      ],\n      \"a.io/b/c/d\": [\n        {\n          \"type\": \"reject\"\n        }\n      ]\n    }\n  }\n}",
                ),
            ),
            (
                "{",
                Some(&["b.io"]),
                None,
                Err("error decoding policy json: unexpected EOF"),
            ),
            (
                "{\"default\":[{\"type\":\"frobnicate\"}]}",
                Some(&["b.io"]),
                None,
                Err("error decoding policy json: Unknown policy requirement type \"frobnicate\""),
            ),
            (
                "{\"default\":[{\"type\":\"signedBy\",\"keyPath\":\"/k\"}]}",
                Some(&["b.io"]),
                None,
                Err("error decoding policy json: invalid keyType \"\""),
            ),
            (
                DEFAULT_POLICY_JSON,
                Some(&["a*"]),
                None,
                Err("invalid entry for blocked registries \"a*\""),
            ),
            (
                DEFAULT_POLICY_JSON,
                Some(&["quay.io"]),
                Some(&["x.io"]),
                Err(
                    "invalid images config: only one of AllowedRegistries or BlockedRegistries may be specified",
                ),
            ),
        ];
        for (base, blocked, allowed, want) in cases {
            let blocked = blocked.map(strings);
            let allowed = allowed.map(strings);
            let got =
                update_policy_json_text(base, blocked.as_deref(), allowed.as_deref(), RELEASE);
            match want {
                Ok(text) => assert_eq!(got.as_deref(), Ok(*text)),
                Err(message) => assert_eq!(got.unwrap_err().to_string(), *message),
            }
        }
    }

    #[test]
    fn release_image_must_be_canonical() {
        assert!(parse_release_image(RELEASE).is_ok());
        for bad in ["ocp-release:4.14", "not a ref", "docker.io/busybox"] {
            assert_eq!(
                parse_release_image(bad).unwrap_err().to_string(),
                "error parsing reference of release image"
            );
        }
    }

    #[test]
    fn guard_cases() {
        // (blocked, idms source → mirror, (registries_blocked, policy_blocked, allowed), warning)
        type Lists<'a> = (
            Option<&'a [&'a str]>,
            Option<&'a [&'a str]>,
            Option<&'a [&'a str]>,
        );
        type Case<'a> = (
            &'a [&'a str],
            Option<(&'a str, &'a str)>,
            Lists<'a>,
            Option<&'a str>,
        );
        let payload = "quay.io/openshift-release-dev/ocp-release";
        let cases: &[Case<'_>] = &[
            (
                &["b.io"],
                None,
                (Some(&["b.io"]), Some(&["b.io"]), None),
                None,
            ),
            (
                &["quay.io"],
                None,
                (None, None, None),
                Some(
                    r#"error adding ["quay.io"] to blocked registries, cannot block the repository being used by the payload"#,
                ),
            ),
            (
                &["quay.io"],
                Some((payload, "m.local/ocp")),
                (Some(&["quay.io"]), Some(&["quay.io"]), Some(&[payload])),
                None,
            ),
            (
                &[payload],
                Some((payload, "m.local/ocp")),
                (Some(&[payload]), None, Some(&[payload])),
                None,
            ),
            (
                &["quay.io", "m.local"],
                Some((payload, "m.local/ocp")),
                (Some(&["m.local"]), Some(&["m.local"]), None),
                Some(
                    r#"error adding ["quay.io"] to blocked registries, cannot block the repository being used by the payload"#,
                ),
            ),
        ];
        for (blocked, mirror, (rb, pb, allowed), warning) in cases {
            let spec = ImageSpec {
                registry_sources: super::super::sets::RegistrySources {
                    blocked_registries: Some(strings(blocked)),
                    ..Default::default()
                },
            };
            let sets: MirrorSets = match mirror {
                Some((source, m)) => serde_json::from_str(&format!(
                    r#"{{"idmss": [{{"spec": {{"imageDigestMirrors": [{{"source": "{source}", "mirrors": ["{m}"]}}]}}}}]}}"#
                ))
                .unwrap(),
                None => MirrorSets::default(),
            };
            let got = valid_blocked_and_allowed_registries(RELEASE, &spec, &sets).unwrap();
            assert_eq!(got.registries_blocked, rb.map(strings), "{blocked:?}");
            assert_eq!(got.policy_blocked, pb.map(strings), "{blocked:?}");
            assert_eq!(got.allowed, allowed.map(strings), "{blocked:?}");
            assert_eq!(got.warning.as_deref(), *warning, "{blocked:?}");
        }
    }

    #[test]
    fn guard_never_panics_where_upstream_does() {
        let spec: ImageSpec = serde_json::from_str(
            r#"{"registrySources": {"blockedRegistries": ["*.example.com"]}}"#,
        )
        .unwrap();
        let got = valid_blocked_and_allowed_registries(
            "a.example.com.example.com/ocp/release@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            &spec,
            &MirrorSets::default(),
        )
        .unwrap();
        assert_eq!(got.registries_blocked, None);
        assert!(got.warning.is_some());
    }
}
