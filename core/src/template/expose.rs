//! The Template Service Broker's expose annotations (specification: `jsonpath.md` §9):
//! `template.openshift.io/expose-<key>` and `template.openshift.io/base64-expose-<key>` hold
//! kubectl JSONPath templates evaluated on the objects a template instance created; a Bind
//! returns the results as credentials.
//!
//! Upstream: openshift/template-service-broker `pkg/servicebroker/bind.go`
//! (`evaluateJSONPathExpression`, `updateCredentialsForObject`).
//!
//! A core `Secret` is evaluated the way the broker sees it, as the typed Go struct: `.data.<k>`
//! values are the decoded **bytes** (printed raw, or base64 for `base64-expose-`), unset
//! pointer fields are nil pointers, `metadata` and `metadata.creationTimestamp` are structs,
//! absent maps and slices exist empty, and Go field names (`.Data`, `.Type`) resolve too.
//! Every other kind is generic JSON (int64 numbers). The typed Secret is modelled on a JSON
//! value (byte slices as arrays of small integers, nil pointers as `null`, placeholders for
//! structs and empty byte slices), so a few struct-walking corner cases differ from Go: `.*` and `..` on
//! the Secret itself see `kind` and `apiVersion` instead of one `TypeMeta` struct, and walk
//! into the placeholders.
//!
//! ```
//! use openshift_image::template::expose::{bind_credentials, evaluate_expose};
//!
//! let secret = serde_json::json!({"apiVersion": "v1", "kind": "Secret",
//!     "metadata": {"name": "db", "annotations": {
//!         "template.openshift.io/expose-username": "{.data.username}"}},
//!     "data": {"username": "YWRtaW4="}});
//! let annotation = "template.openshift.io/base64-expose-username";
//! assert_eq!(evaluate_expose(annotation, "{.data.username}", &secret, true)?, "YWRtaW4=");
//! let credentials = bind_credentials(&[secret])?;
//! assert_eq!(credentials["username"], "admin");
//! # Ok::<(), openshift_image::template::expose::ExposeError>(())
//! ```

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::gofmt::GoQuoted;
use crate::jsonpath::{ExecuteOptions, JsonPath, JsonPathError, Node, NumberMode};

/// Annotation prefix of a plain credential (`templateapi.ExposeAnnotationPrefix`).
pub const EXPOSE_ANNOTATION_PREFIX: &str = "template.openshift.io/expose-";
/// Annotation prefix of a base64 credential (`templateapi.Base64ExposeAnnotationPrefix`).
pub const BASE64_EXPOSE_ANNOTATION_PREFIX: &str = "template.openshift.io/base64-expose-";

/// An expose-annotation failure; `Display` is upstream's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExposeError {
    /// The annotation value is no valid JSONPath template.
    #[error("failed to parse annotation {annotation}: {source}")]
    Parse {
        /// The annotation key.
        annotation: String,
        /// The parser's error.
        source: JsonPathError,
    },
    /// Evaluation failed (bounds, types, comparisons, identifiers).
    #[error("FindResults failed on annotation {annotation}: {source}")]
    FindResults {
        /// The annotation key.
        annotation: String,
        /// The evaluator's error.
        source: JsonPathError,
    },
    /// One `{…}` action produced more than one value.
    #[error("{count} JSONPath results found on annotation {annotation}")]
    MultipleResults {
        /// How many values the action produced.
        count: usize,
        /// The annotation key.
        annotation: String,
    },
    /// A result is a nil interface (JSON `null`) or a nil pointer.
    #[error("nil kind {kind} found in JSONPath result on annotation {annotation}")]
    NilKind {
        /// `interface` or `ptr`.
        kind: &'static str,
        /// The annotation key.
        annotation: String,
    },
    /// A result is a map, slice or struct.
    #[error("unrepresentable kind {kind} found in JSONPath result on annotation {annotation}")]
    Unrepresentable {
        /// `map`, `slice` or `struct`.
        kind: &'static str,
        /// The annotation key.
        annotation: String,
    },
    /// Two exposed credentials share a key.
    #[error("credential with key {} already exists", GoQuoted(.key))]
    DuplicateKey {
        /// The credential key.
        key: String,
    },
    /// A Secret's `data` value is not valid base64 (the Secret cannot be decoded).
    #[error("illegal base64 data at input byte {offset}")]
    InvalidSecretData {
        /// Offset of the first bad input byte.
        offset: usize,
    },
}

impl ExposeError {
    /// A stable identifier of the error class: `template.expose.<snake>`.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Parse { .. } => "template.expose.parse",
            Self::FindResults { .. } => "template.expose.find_results",
            Self::MultipleResults { .. } => "template.expose.multiple_results",
            Self::NilKind { .. } => "template.expose.nil_kind",
            Self::Unrepresentable { .. } => "template.expose.unrepresentable",
            Self::DuplicateKey { .. } => "template.expose.duplicate_key",
            Self::InvalidSecretData { .. } => "template.expose.invalid_secret_data",
        }
    }
}

/// Evaluates one expose annotation (`evaluateJSONPathExpression`): `annotation` is the key
/// (used in messages), `expression` its value, `object` the object as JSON, `base64` true for
/// the `base64-expose-` prefix (it only changes how Secret `.data` bytes are written).
///
/// Missing keys yield nothing; every `{…}` action must yield at most one value; the values
/// are joined without separator.
///
/// ```
/// use openshift_image::template::expose::evaluate_expose;
///
/// let route = serde_json::json!({"apiVersion": "route.openshift.io/v1", "kind": "Route",
///     "spec": {"host": "web.example.com"}});
/// let url = evaluate_expose("a", "http://{.spec.host}{.spec.path}", &route, false)?;
/// assert_eq!(url, "http://web.example.com");
/// # Ok::<(), openshift_image::template::expose::ExposeError>(())
/// ```
///
/// # Errors
/// [`ExposeError`] with upstream's text: parse and evaluation failures, several values in one
/// action, nil results, maps/slices/structs, undecodable Secret data.
pub fn evaluate_expose(
    annotation: &str,
    expression: &str,
    object: &Value,
    base64: bool,
) -> Result<String, ExposeError> {
    let path = JsonPath::parse(expression).map_err(|source| ExposeError::Parse {
        annotation: annotation.to_owned(),
        source,
    })?;
    if is_core_secret(object) {
        let typed = TypedSecret::new(object, &path)?;
        typed.evaluate(annotation, &path, base64)
    } else {
        let lists = find(&path, object).map_err(|source| ExposeError::FindResults {
            annotation: annotation.to_owned(),
            source,
        })?;
        join_results(annotation, &lists, |_| None)
    }
}

/// The credentials a Bind returns for a template instance's objects (`status.objects` order):
/// each core `ConfigMap`, `Secret`, `Service`, and `Route` (group `""` or
/// `route.openshift.io`) has its expose annotations evaluated (`updateCredentialsForObject`);
/// other objects are ignored. Annotations of one object are visited in sorted key order
/// (upstream's map order is random).
///
/// ```
/// use openshift_image::template::expose::bind_credentials;
///
/// let service = serde_json::json!({"apiVersion": "v1", "kind": "Service",
///     "metadata": {"annotations": {"template.openshift.io/expose-port": "{.spec.ports[0].port}"}},
///     "spec": {"ports": [{"port": 5432}]}});
/// let credentials = bind_credentials(&[service.clone(), service]);
/// assert_eq!(credentials.unwrap_err().to_string(), "credential with key \"port\" already exists");
/// ```
///
/// # Errors
/// The first failure: [`ExposeError::DuplicateKey`] when a key is exposed twice (also
/// `expose-X` with `base64-expose-X`), else the evaluation error.
pub fn bind_credentials(objects: &[Value]) -> Result<BTreeMap<String, String>, ExposeError> {
    let mut credentials = BTreeMap::new();
    for object in objects {
        if !is_considered(object) {
            continue;
        }
        update_credentials_for_object(&mut credentials, object)?;
    }
    Ok(credentials)
}

/// A `v1` Secret as the API server stores it: every `stringData` entry is base64-encoded into
/// `data` (overriding an entry of the same key), and `stringData` is dropped (Kubernetes'
/// Secret conversion). Templates write credentials in `stringData`; the broker reads the
/// stored Secret, so apply this to a processed template's Secrets before computing their
/// credentials offline. Anything other than a Secret with `stringData` is left unchanged.
///
/// ```
/// use openshift_image::template::expose::{bind_credentials, store_secret_string_data};
///
/// let mut secret = serde_json::json!({"apiVersion": "v1", "kind": "Secret",
///     "metadata": {"annotations": {"template.openshift.io/expose-password": "{.data.password}"}},
///     "stringData": {"password": "s3cret"}});
/// store_secret_string_data(&mut secret);
/// assert_eq!(secret["data"]["password"], "czNjcmV0");
/// assert_eq!(bind_credentials(&[secret])?["password"], "s3cret");
/// # Ok::<(), openshift_image::template::expose::ExposeError>(())
/// ```
pub fn store_secret_string_data(secret: &mut Value) {
    let is_secret = secret.get("kind").and_then(Value::as_str) == Some("Secret")
        && secret.get("apiVersion").and_then(Value::as_str) == Some("v1");
    let Some(object) = secret.as_object_mut().filter(|_| is_secret) else {
        return;
    };
    let Some(Value::Object(string_data)) = object.remove("stringData") else {
        return;
    };
    let data = object
        .entry("data")
        .or_insert_with(|| Value::Object(Map::new()));
    if !data.is_object() {
        *data = Value::Object(Map::new());
    }
    if let Value::Object(data) = data {
        for (key, value) in string_data {
            if let Value::String(text) = value {
                data.insert(key, Value::String(base64_encode(text.as_bytes())));
            }
        }
    }
}

fn update_credentials_for_object(
    credentials: &mut BTreeMap<String, String>,
    object: &Value,
) -> Result<(), ExposeError> {
    let Some(annotations) = string_map(object.pointer("/metadata/annotations")) else {
        return Ok(());
    };
    for (annotation, expression) in annotations {
        let (key, base64) = if let Some(key) = annotation.strip_prefix(EXPOSE_ANNOTATION_PREFIX) {
            (key, false)
        } else if let Some(key) = annotation.strip_prefix(BASE64_EXPOSE_ANNOTATION_PREFIX) {
            (key, true)
        } else {
            continue;
        };
        if key.is_empty() {
            continue;
        }
        if credentials.contains_key(key) {
            return Err(ExposeError::DuplicateKey {
                key: key.to_owned(),
            });
        }
        let value = evaluate_expose(annotation, expression, object, base64)?;
        credentials.insert(key.to_owned(), value);
    }
    Ok(())
}

/// The annotations as unstructured's `GetAnnotations` reads them: absent (or not a map of
/// strings) → none. Sorted by key.
fn string_map(value: Option<&Value>) -> Option<BTreeMap<&str, &str>> {
    let map = value?.as_object()?;
    let mut out = BTreeMap::new();
    for (k, v) in map {
        out.insert(k.as_str(), v.as_str()?);
    }
    Some(out)
}

fn group_kind(object: &Value) -> (&str, &str) {
    let api_version = object
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or("");
    let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
    let kind = object.get("kind").and_then(Value::as_str).unwrap_or("");
    (group, kind)
}

fn is_considered(object: &Value) -> bool {
    matches!(
        group_kind(object),
        ("", "ConfigMap" | "Secret" | "Service" | "Route") | ("route.openshift.io", "Route")
    )
}

fn is_core_secret(object: &Value) -> bool {
    object.get("apiVersion").and_then(Value::as_str) == Some("v1")
        && object.get("kind").and_then(Value::as_str) == Some("Secret")
}

fn options() -> ExecuteOptions {
    ExecuteOptions {
        allow_missing_keys: true,
        numbers: NumberMode::Int64,
        output_json: false,
    }
}

fn find(path: &JsonPath, data: &Value) -> Result<Vec<Vec<Value>>, JsonPathError> {
    path.find_results_with(data, &options())
}

/// What a typed-Secret placeholder stands for.
enum Special {
    /// A byte slice (a Secret `data` value).
    Bytes(Vec<u8>),
    NilPtr,
    Struct,
}

/// Formats the result lists (steps 3–6 of spec §9). `special` recognizes typed-Secret values.
fn join_results(
    annotation: &str,
    lists: &[Vec<Value>],
    special: impl Fn(&Value) -> Option<Special>,
) -> Result<String, ExposeError> {
    let mut out = String::new();
    for list in lists {
        let value = match list.as_slice() {
            [] => continue,
            [value] => value,
            _ => {
                return Err(ExposeError::MultipleResults {
                    count: list.len(),
                    annotation: annotation.to_owned(),
                });
            }
        };
        let unrepresentable = |kind| ExposeError::Unrepresentable {
            kind,
            annotation: annotation.to_owned(),
        };
        match special(value) {
            Some(Special::Bytes(bytes)) => out.push_str(&bytes_text(&bytes, false)),
            Some(Special::NilPtr) => {
                return Err(ExposeError::NilKind {
                    kind: "ptr",
                    annotation: annotation.to_owned(),
                });
            }
            Some(Special::Struct) => return Err(unrepresentable("struct")),
            None => match value {
                Value::Null => {
                    return Err(ExposeError::NilKind {
                        kind: "interface",
                        annotation: annotation.to_owned(),
                    });
                }
                Value::String(s) => out.push_str(s),
                Value::Bool(_) | Value::Number(_) => out.push_str(&scalar_text(value)),
                Value::Array(_) => return Err(unrepresentable("slice")),
                Value::Object(_) => return Err(unrepresentable("map")),
            },
        }
    }
    Ok(out)
}

/// A scalar as Go's `fmt.Sprint` writes it (the engine's own scalar printing).
fn scalar_text(value: &Value) -> String {
    JsonPath::parse("{@}")
        .and_then(|p| p.execute(value, &options()))
        .unwrap_or_default()
}

/// Bytes as the broker returns them: base64 (standard, padded), or as a string where each
/// byte that does not start a valid UTF-8 sequence becomes U+FFFD (Go's JSON encoding of
/// `string(bytes)`).
fn bytes_text(bytes: &[u8], base64: bool) -> String {
    if base64 {
        return base64_encode(bytes);
    }
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let (valid, tail) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                out.push('\u{FFFD}');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                let idx = ((n >> (18 - 6 * i)) & 63) as usize;
                out.push(char::from(B64.get(idx).copied().unwrap_or(b'=')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base64_value(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Go `base64.StdEncoding` decoding (padding required; `\r` and `\n` ignored). The error is the
/// offset of the first bad byte.
fn base64_decode(text: &str) -> Result<Vec<u8>, usize> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut quad = [0u32; 4];
    let mut have = 0usize;
    let mut pad = 0usize;
    let mut last = 0usize;
    for (i, c) in text.bytes().enumerate() {
        if c == b'\r' || c == b'\n' {
            continue;
        }
        last = i;
        if c == b'=' {
            // Padding may only complete a quantum of two or three symbols.
            if have < 2 || pad + have >= 4 {
                return Err(i);
            }
            pad += 1;
            if have + pad == 4 {
                let n = (quad[0] << 18) | (quad[1] << 12) | (quad[2] << 6);
                out.push((n >> 16) as u8);
                if have == 3 {
                    out.push((n >> 8) as u8);
                }
                have = 4;
            }
            continue;
        }
        if pad > 0 || have == 4 {
            return Err(i);
        }
        let v = base64_value(c).ok_or(i)?;
        if let Some(slot) = quad.get_mut(have) {
            *slot = v;
        }
        have += 1;
        if have == 4 && pad == 0 {
            let n = (quad[0] << 18) | (quad[1] << 12) | (quad[2] << 6) | quad[3];
            out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
            have = 0;
        }
    }
    if have == 4 {
        // a padded final quantum was written; nothing may follow (checked above).
        return Ok(out);
    }
    if have != 0 {
        return Err(if pad > 0 { last } else { text.len() });
    }
    Ok(out)
}

/// Go field names of `v1.Secret` (and its embedded `TypeMeta`/`ObjectMeta`) that resolve like
/// their JSON names: added to the evaluated object only when the template names them, so that
/// `.*` and `..` see each field once otherwise.
const GO_FIELD_NAMES: &[(&str, &str)] = &[
    ("Data", "data"),
    ("StringData", "stringData"),
    ("Type", "type"),
    ("Immutable", "immutable"),
    ("ObjectMeta", "metadata"),
    ("Kind", "kind"),
    ("APIVersion", "apiVersion"),
];

/// Go field names of `metav1.ObjectMeta`: resolve inside `metadata`, and at the Secret's top
/// level too (promoted from the embedded struct).
const META_GO_FIELD_NAMES: &[(&str, &str)] = &[
    ("Name", "name"),
    ("GenerateName", "generateName"),
    ("Namespace", "namespace"),
    ("SelfLink", "selfLink"),
    ("UID", "uid"),
    ("ResourceVersion", "resourceVersion"),
    ("Generation", "generation"),
    ("CreationTimestamp", "creationTimestamp"),
    ("DeletionTimestamp", "deletionTimestamp"),
    ("DeletionGracePeriodSeconds", "deletionGracePeriodSeconds"),
    ("Labels", "labels"),
    ("Annotations", "annotations"),
    ("OwnerReferences", "ownerReferences"),
    ("Finalizers", "finalizers"),
    ("ManagedFields", "managedFields"),
];

/// A core Secret shaped like the typed Go value: bytes as arrays of integers, nil pointers as
/// `null`, placeholders (strings starting with `marker`) for structs and empty byte slices.
struct TypedSecret {
    value: Value,
    marker: String,
}

impl TypedSecret {
    fn new(object: &Value, path: &JsonPath) -> Result<Self, ExposeError> {
        let marker = unique_marker(object, path);
        // Every `null` of the typed Secret is a nil pointer (it has no interface fields), and
        // nil pointers are skipped by brackets, fields and `..` just like JSON nulls.
        let nil_ptr = Value::Null;
        let struct_marker = Value::String(format!("{marker}struct"));
        let get = |key: &str| object.get(key).filter(|v| !v.is_null());
        let string_or_empty =
            |v: Option<&Value>| v.cloned().unwrap_or_else(|| Value::String(String::new()));

        let mut data = Map::new();
        if let Some(Value::Object(map)) = get("data") {
            for (k, v) in map {
                let decoded = match v {
                    Value::String(s) => base64_decode(s)
                        .map_err(|offset| ExposeError::InvalidSecretData { offset })?,
                    _ => Vec::new(),
                };
                // A non-empty byte slice is an array of small integers (indexes, `.*` and `..`
                // see the bytes, as for Go's `[]uint8`); an empty one a placeholder, so that it
                // is told apart from the empty (nil) slices of the metadata.
                let bytes = if decoded.is_empty() {
                    Value::String(format!("{marker}bytes"))
                } else {
                    Value::Array(decoded.into_iter().map(Value::from).collect())
                };
                data.insert(k.clone(), bytes);
            }
        }

        let meta_in = get("metadata").and_then(Value::as_object);
        let meta_get = |key: &str| meta_in.and_then(|m| m.get(key)).filter(|v| !v.is_null());
        let mut meta = Map::new();
        for key in [
            "name",
            "generateName",
            "namespace",
            "selfLink",
            "uid",
            "resourceVersion",
        ] {
            meta.insert(key.into(), string_or_empty(meta_get(key)));
        }
        meta.insert(
            "generation".into(),
            meta_get("generation").cloned().unwrap_or(Value::from(0)),
        );
        meta.insert("creationTimestamp".into(), struct_marker.clone());
        meta.insert(
            "deletionTimestamp".into(),
            meta_get("deletionTimestamp")
                .map_or_else(|| nil_ptr.clone(), |_| struct_marker.clone()),
        );
        meta.insert(
            "deletionGracePeriodSeconds".into(),
            meta_get("deletionGracePeriodSeconds")
                .cloned()
                .unwrap_or_else(|| nil_ptr.clone()),
        );
        for key in ["labels", "annotations"] {
            meta.insert(
                key.into(),
                meta_get(key)
                    .cloned()
                    .unwrap_or_else(|| Value::Object(Map::new())),
            );
        }
        for key in ["ownerReferences", "finalizers", "managedFields"] {
            meta.insert(
                key.into(),
                meta_get(key)
                    .cloned()
                    .unwrap_or_else(|| Value::Array(Vec::new())),
            );
        }

        let mut named = Vec::new();
        collect_node_strings(path.nodes(), &mut Vec::new(), &mut named, 0);
        let mut promoted = Vec::new();
        for (go, json) in META_GO_FIELD_NAMES {
            if named.contains(go)
                && let Some(v) = meta.get(*json).cloned()
            {
                promoted.push((*go, v.clone()));
                meta.insert((*go).into(), v);
            }
        }

        let mut root = Map::new();
        root.insert("kind".into(), string_or_empty(get("kind")));
        root.insert("apiVersion".into(), string_or_empty(get("apiVersion")));
        root.insert("metadata".into(), Value::Object(meta));
        root.insert(
            "immutable".into(),
            get("immutable").cloned().unwrap_or_else(|| nil_ptr.clone()),
        );
        root.insert("data".into(), Value::Object(data));
        root.insert(
            "stringData".into(),
            get("stringData")
                .cloned()
                .unwrap_or_else(|| Value::Object(Map::new())),
        );
        root.insert("type".into(), string_or_empty(get("type")));

        for (go, v) in promoted {
            root.insert(go.into(), v);
        }
        for (go, json) in GO_FIELD_NAMES {
            if named.contains(go)
                && let Some(v) = root.get(*json).cloned()
            {
                root.insert((*go).into(), v);
            }
        }
        Ok(Self {
            value: Value::Object(root),
            marker,
        })
    }

    fn special(&self, value: &Value) -> Option<Special> {
        match value {
            Value::String(s) => {
                let rest = s.strip_prefix(self.marker.as_str())?;
                match rest {
                    "struct" => Some(Special::Struct),
                    "bytes" => Some(Special::Bytes(Vec::new())),
                    _ => None,
                }
            }
            Value::Null => Some(Special::NilPtr),
            Value::Array(items) if !items.is_empty() => items
                .iter()
                .map(|item| item.as_u64().and_then(|n| u8::try_from(n).ok()))
                .collect::<Option<Vec<u8>>>()
                .map(Special::Bytes),
            Value::Object(_) => {
                let is_struct =
                    *value == self.value || self.value.get("metadata").is_some_and(|m| m == value);
                is_struct.then_some(Special::Struct)
            }
            _ => None,
        }
    }

    fn evaluate(
        &self,
        annotation: &str,
        path: &JsonPath,
        base64: bool,
    ) -> Result<String, ExposeError> {
        let lists = find(path, &self.value).map_err(|source| ExposeError::FindResults {
            annotation: annotation.to_owned(),
            source: self.go_type_error(path, source),
        })?;
        let lists: Vec<Vec<Value>> = if base64 {
            // Bytes are written as base64: substitute the encoded text before joining.
            lists
                .into_iter()
                .map(|list| {
                    list.into_iter()
                        .map(|v| match self.special(&v) {
                            Some(Special::Bytes(b)) => Value::String(bytes_text(&b, true)),
                            _ => v,
                        })
                        .collect()
                })
                .collect()
        } else {
            lists
        };
        join_results(annotation, &lists, |v| self.special(v))
    }

    /// Names the Go type in `<type> is not array or slice` for a map of the typed Secret: the
    /// culprit is found by evaluating again with each candidate map removed.
    fn go_type_error(&self, path: &JsonPath, err: JsonPathError) -> JsonPathError {
        if !matches!(&err, JsonPathError::NotArray(t) if t == "map[string]interface {}") {
            return err;
        }
        let candidates: [(&[&str], &str); 5] = [
            (&["/data", "/Data"], "map[string][]uint8"),
            (&["/stringData", "/StringData"], "map[string]string"),
            (
                &["/metadata/labels", "/ObjectMeta/labels"],
                "map[string]string",
            ),
            (
                &["/metadata/annotations", "/ObjectMeta/annotations"],
                "map[string]string",
            ),
            (&["/metadata", "/ObjectMeta"], "v1.ObjectMeta"),
        ];
        for (pointers, go_type) in candidates {
            let mut probe = self.value.clone();
            for pointer in pointers {
                if let Some(slot) = probe.pointer_mut(pointer) {
                    *slot = Value::Null;
                }
            }
            if find(path, &probe).err().as_ref() != Some(&err) {
                return JsonPathError::NotArray(go_type.to_owned());
            }
        }
        JsonPathError::NotArray("v1.Secret".to_owned())
    }
}

/// A prefix that occurs in no string of the object or of the template (keys, values, field
/// names, text): `\u{1}tsb-expose` followed by one more `\u{1}` than the longest run of
/// `\u{1}` in any of them (linear time).
fn unique_marker(object: &Value, path: &JsonPath) -> String {
    let mut strings = Vec::new();
    collect_strings(object, &mut strings, 0);
    let mut fields = Vec::new();
    collect_node_strings(path.nodes(), &mut strings, &mut fields, 0);
    let mut longest = 0usize;
    for s in strings.into_iter().chain(fields) {
        let mut run = 0usize;
        for c in s.chars() {
            run = if c == '\u{1}' { run + 1 } else { 0 };
            longest = longest.max(run);
        }
    }
    let mut marker = String::from("\u{1}tsb-expose");
    marker.extend(std::iter::repeat_n('\u{1}', longest + 1));
    marker
}

fn collect_strings<'a>(value: &'a Value, out: &mut Vec<&'a str>, depth: usize) {
    if depth > crate::jsonpath::MAX_DEPTH {
        return;
    }
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => {
            for item in items {
                collect_strings(item, out, depth + 1);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                out.push(k);
                collect_strings(v, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Collects the texts (`texts`) and field names (`fields`) of the template's nodes.
fn collect_node_strings<'a>(
    nodes: &'a [Node],
    texts: &mut Vec<&'a str>,
    fields: &mut Vec<&'a str>,
    depth: usize,
) {
    if depth > crate::jsonpath::MAX_DEPTH {
        return;
    }
    for node in nodes {
        match node {
            Node::Field(name) => fields.push(name),
            Node::Text(text) => texts.push(text),
            Node::List(inner) => collect_node_strings(inner, texts, fields, depth + 1),
            Node::Filter { left, right, .. } => {
                collect_node_strings(left, texts, fields, depth + 1);
                collect_node_strings(right, texts, fields, depth + 1);
            }
            Node::Union(branches) => {
                for branch in branches {
                    collect_node_strings(branch, texts, fields, depth + 1);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn secret() -> Value {
        json!({"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": {"name": "s", "labels": {"app": "db"}},
            "data": {"username": "YWRtaW4=", "binary": "/wD+"}})
    }

    #[test]
    fn evaluates_like_the_broker() {
        let service = json!({"apiVersion": "v1", "kind": "Service",
            "spec": {"ports": [{"name": "pg", "port": 5432}, {"port": 9187}], "big": 1000000.0,
                     "nothing": null}});
        let cases: &[(&str, &Value, bool, Result<&str, &str>)] = &[
            ("{.data.username}", &secret(), false, Ok("admin")),
            ("{.data.username}", &secret(), true, Ok("YWRtaW4=")),
            ("{.Data.username}", &secret(), false, Ok("admin")),
            (
                "{.data.binary}",
                &secret(),
                false,
                Ok("\u{FFFD}\u{0}\u{FFFD}"),
            ),
            ("{..username}", &secret(), false, Ok("admin")),
            ("{.data.username[0]}", &secret(), false, Ok("97")),
            (
                "{.Name}/{.metadata.Name}/{.ObjectMeta.name}",
                &secret(),
                false,
                Ok("s/s/s"),
            ),
            (
                "{.ObjectMeta}",
                &secret(),
                false,
                Err("unrepresentable kind struct found in JSONPath result on annotation a"),
            ),
            (
                "{\"\\u0001tsb-expose\\u0001nil\"}",
                &secret(),
                false,
                Ok("\u{1}tsb-expose\u{1}nil"),
            ),
            ("{.immutable[0]}{.immutable.x}", &secret(), false, Ok("")),
            (
                "{.metadata.deletionTimestamp}",
                &secret(),
                false,
                Err("nil kind ptr found in JSONPath result on annotation a"),
            ),
            (
                "{[0]}",
                &secret(),
                false,
                Err("FindResults failed on annotation a: v1.Secret is not array or slice"),
            ),
            (
                "{.data.username[1:3]}",
                &secret(),
                false,
                Err("2 JSONPath results found on annotation a"),
            ),
            ("{.metadata.name}", &secret(), true, Ok("s")),
            ("{.stringData.x}", &secret(), false, Ok("")),
            (
                "{.immutable}",
                &secret(),
                false,
                Err("nil kind ptr found in JSONPath result on annotation a"),
            ),
            (
                "{.metadata}",
                &secret(),
                false,
                Err("unrepresentable kind struct found in JSONPath result on annotation a"),
            ),
            (
                "{.data}",
                &secret(),
                false,
                Err("unrepresentable kind map found in JSONPath result on annotation a"),
            ),
            (
                "{.data[0]}",
                &secret(),
                false,
                Err("FindResults failed on annotation a: map[string][]uint8 is not array or slice"),
            ),
            (
                "{.metadata.labels[0]}",
                &secret(),
                false,
                Err("FindResults failed on annotation a: map[string]string is not array or slice"),
            ),
            ("{.spec.ports[0].port}", &service, true, Ok("5432")),
            ("{.spec.big}", &service, false, Ok("1e+06")),
            (
                "{.spec.ports[*].port}",
                &service,
                false,
                Err("2 JSONPath results found on annotation a"),
            ),
            (
                "{.spec.nothing}",
                &service,
                false,
                Err("nil kind interface found in JSONPath result on annotation a"),
            ),
            (
                "{.spec.ports}",
                &service,
                false,
                Err("unrepresentable kind slice found in JSONPath result on annotation a"),
            ),
            ("x{.missing}y", &service, false, Ok("xy")),
            (
                "{",
                &service,
                false,
                Err("failed to parse annotation a: unclosed action"),
            ),
        ];
        for (expression, object, base64, want) in cases {
            let got = evaluate_expose("a", expression, object, *base64);
            match want {
                Ok(text) => assert_eq!(got.as_deref(), Ok(*text), "{expression}"),
                Err(text) => {
                    let err = got.expect_err(expression);
                    assert_eq!(err.to_string(), *text, "{expression}");
                    assert!(err.kind().starts_with("template.expose."));
                }
            }
        }
    }

    #[test]
    fn binds_credentials() {
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"annotations": {
            "template.openshift.io/expose-host": "{.data.host}",
            "template.openshift.io/expose-": "{.data.host}"}}, "data": {"host": "h"}});
        let ignored = json!({"apiVersion": "example.com/v1", "kind": "ConfigMap",
            "metadata": {"annotations": {"template.openshift.io/expose-host": "x"}}});
        let got = bind_credentials(&[ignored, cm.clone()]).expect("binds");
        assert_eq!(got.len(), 1);
        assert_eq!(got.get("host").map(String::as_str), Some("h"));
        let err = bind_credentials(&[cm.clone(), cm]).expect_err("duplicate");
        assert_eq!(
            err.to_string(),
            "credential with key \"host\" already exists"
        );
        assert_eq!(err.kind(), "template.expose.duplicate_key");
    }

    #[test]
    fn base64_round_trips_and_rejects() {
        for (text, bytes) in [
            ("", &b""[..]),
            ("YQ==", b"a"),
            ("YWI=", b"ab"),
            ("YWJj", b"abc"),
            ("/wD+", b"\xff\x00\xfe"),
        ] {
            assert_eq!(base64_decode(text).as_deref(), Ok(bytes), "{text}");
            assert_eq!(base64_encode(bytes), text);
        }
        for bad in ["Y", "YQ=", "YQ==YQ==", "Y===", "*AAA", "YQ=a"] {
            assert!(base64_decode(bad).is_err(), "{bad}");
        }
        let bad = json!({"apiVersion": "v1", "kind": "Secret", "data": {"k": "!"}});
        assert!(evaluate_expose("a", "{.data.k}", &bad, false).is_err());
    }
}
