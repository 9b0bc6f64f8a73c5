//! The Kubernetes decoding `oc` applies to one document: version and kind from the document,
//! the scheme's registered kinds, then a typed decode (Go `encoding/json` into the API types:
//! unknown fields dropped, `null` is the zero value, a wrong JSON type fails).

use serde_json::{Map, Value};

use super::yaml_in;

/// The scheme a reader decodes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// openshift/client-go `operator/clientset/versioned/scheme` (operator.openshift.io v1 and
    /// v1alpha1, which also install config.openshift.io/v1).
    Operator,
    /// openshift/client-go `config/clientset/versioned/scheme`.
    Config,
}

impl Scheme {
    const fn go_name(self) -> &'static str {
        match self {
            Self::Operator => {
                "github.com/openshift/client-go/operator/clientset/versioned/scheme/register.go:15"
            }
            Self::Config => {
                "github.com/openshift/client-go/config/clientset/versioned/scheme/register.go:15"
            }
        }
    }

    fn registers(self, api_version: &str, kind: &str) -> bool {
        let base = kind.strip_suffix("List").unwrap_or(kind);
        let meta = matches!(
            kind,
            "WatchEvent"
                | "ListOptions"
                | "GetOptions"
                | "DeleteOptions"
                | "CreateOptions"
                | "UpdateOptions"
                | "PatchOptions"
        );
        let config_v1 = || meta || CONFIG_V1_KINDS.contains(&base);
        match (self, api_version) {
            (_, "config.openshift.io/v1") => config_v1(),
            (Self::Config, "config.openshift.io/v1alpha1") => {
                meta || CONFIG_V1ALPHA1_KINDS.contains(&base)
            }
            (Self::Operator, "operator.openshift.io/v1") => {
                meta || OPERATOR_V1_KINDS.contains(&base)
            }
            (Self::Operator, "operator.openshift.io/v1alpha1") => {
                meta || OPERATOR_V1ALPHA1_KINDS.contains(&base)
            }
            _ => false,
        }
    }
}

const CONFIG_V1_KINDS: &[&str] = &[
    "APIServer",
    "Authentication",
    "Build",
    "ClusterImagePolicy",
    "ClusterOperator",
    "ClusterVersion",
    "Console",
    "DNS",
    "FeatureGate",
    "Image",
    "ImageContentPolicy",
    "ImageDigestMirrorSet",
    "ImagePolicy",
    "ImageTagMirrorSet",
    "Infrastructure",
    "Ingress",
    "Network",
    "Node",
    "OAuth",
    "OperatorHub",
    "Project",
    "Proxy",
    "Scheduler",
];
const CONFIG_V1ALPHA1_KINDS: &[&str] = &[
    "Backup",
    "ClusterImagePolicy",
    "ClusterMonitoring",
    "ImagePolicy",
    "InsightsDataGather",
];
const OPERATOR_V1_KINDS: &[&str] = &[
    "Authentication",
    "CSISnapshotController",
    "CloudCredential",
    "ClusterCSIDriver",
    "Config",
    "Console",
    "DNS",
    "Etcd",
    "IngressController",
    "InsightsOperator",
    "KubeAPIServer",
    "KubeControllerManager",
    "KubeScheduler",
    "KubeStorageVersionMigrator",
    "MachineConfiguration",
    "Network",
    "OLM",
    "OpenShiftAPIServer",
    "OpenShiftControllerManager",
    "ServiceCA",
    "ServiceCatalogAPIServer",
    "ServiceCatalogControllerManager",
    "Storage",
];
const OPERATOR_V1ALPHA1_KINDS: &[&str] = &[
    "ClusterVersionOperator",
    "EtcdBackup",
    "ImageContentSourcePolicy",
    "OLM",
];

/// Why a document does not decode to the wanted type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The decoder failed (`error decoding <Kind> from <f>: <this>`).
    Decode(String),
    /// The document is another type the scheme knows (`could not decode <Kind> from <f>`).
    OtherType,
}

/// Decodes `doc` with `scheme` and checks it is `api_version` / `kind`; returns the object.
pub(crate) fn decode(
    doc: &str,
    scheme: Scheme,
    api_version: &str,
    kind: &str,
) -> Result<Map<String, Value>, Failure> {
    let value = yaml_in::to_json(doc).map_err(|e| {
        if e.starts_with("json parse error") {
            Failure::Decode(format!("couldn't get version/kind; {e}"))
        } else {
            Failure::Decode(e)
        }
    })?;
    let object = match value {
        Value::Object(m) => m,
        Value::Null => {
            return Err(Failure::Decode(format!(
                "Object 'Kind' is missing in '{doc}'"
            )));
        }
        other => {
            return Err(Failure::Decode(format!(
                "couldn't get version/kind; json parse error: json: cannot unmarshal {} into Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }}",
                json_type(&other)
            )));
        }
    };
    let type_field = |name: &str| -> Result<String, Failure> {
        match object.get(name) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(other) => Err(Failure::Decode(format!(
                "couldn't get version/kind; json parse error: json: cannot unmarshal {} into Go struct field .{name} of type string",
                json_type(other)
            ))),
        }
    };
    let found_version = type_field("apiVersion")?;
    let found_kind = type_field("kind")?;
    if found_kind.is_empty() {
        return Err(Failure::Decode(format!(
            "Object 'Kind' is missing in '{doc}'"
        )));
    }
    if found_version.is_empty() {
        return Err(Failure::Decode(format!(
            "Object 'apiVersion' is missing in '{doc}'"
        )));
    }
    if !scheme.registers(&found_version, &found_kind) {
        return Err(Failure::Decode(format!(
            "no kind \"{found_kind}\" is registered for version \"{found_version}\" in scheme \"{}\"",
            scheme.go_name()
        )));
    }
    if found_version != api_version || found_kind != kind {
        return Err(Failure::OtherType);
    }
    Ok(object)
}

/// Go's name of a JSON value's type in `json: cannot unmarshal <type>`.
pub(crate) const fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn mismatch(v: &Value, field: &str, go_type: &str) -> String {
    format!(
        "json: cannot unmarshal {} into Go struct field {field} of type {go_type}",
        json_type(v)
    )
}

/// A string field (`null` → `""`).
pub(crate) fn string_field(v: Option<&Value>, field: &str) -> Result<String, String> {
    match v {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) => Err(mismatch(other, field, "string")),
    }
}

/// A `[]string` field (`null` → empty; `null` items → `""`).
pub(crate) fn string_list(v: Option<&Value>, field: &str) -> Result<Vec<String>, String> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items.iter().map(|i| string_field(Some(i), field)).collect(),
        Some(other) => Err(mismatch(other, field, "[]string")),
    }
}

/// An object field (`null` → empty).
pub(crate) fn object_field<'v>(
    v: Option<&'v Value>,
    field: &str,
    go_type: &str,
) -> Result<Option<&'v Map<String, Value>>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m)),
        Some(other) => Err(mismatch(other, field, go_type)),
    }
}

/// An array field (`null` → empty).
pub(crate) fn array_field<'v>(
    v: Option<&'v Value>,
    field: &str,
    go_type: &str,
) -> Result<&'v [Value], String> {
    match v {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(a)) => Ok(a),
        Some(other) => Err(mismatch(other, field, go_type)),
    }
}

fn int_field(v: &Value, field: &str) -> Result<i64, String> {
    match v {
        Value::Number(n) => n.as_i64().ok_or_else(|| {
            format!("json: cannot unmarshal number {n} into Go struct field {field} of type int64")
        }),
        other => Err(mismatch(other, field, "int64")),
    }
}

fn bool_field(v: &Value, field: &str) -> Result<bool, String> {
    match v {
        Value::Bool(b) => Ok(*b),
        other => Err(mismatch(other, field, "bool")),
    }
}

fn string_map(v: Option<&Value>, field: &str) -> Result<Map<String, Value>, String> {
    let mut out = Map::new();
    if let Some(m) = object_field(v, field, "map[string]string")? {
        for (k, item) in m {
            out.insert(k.clone(), Value::String(string_field(Some(item), field)?));
        }
    }
    Ok(out)
}

/// ObjectMeta as Go decodes and re-encodes it (`omitempty` fields dropped when empty), without
/// `creationTimestamp` (still type-checked).
pub(crate) fn object_meta(v: Option<&Value>) -> Result<Map<String, Value>, String> {
    let mut out = Map::new();
    let Some(meta) = object_field(v, "metadata", "v1.ObjectMeta")? else {
        return Ok(out);
    };
    for name in [
        "name",
        "generateName",
        "namespace",
        "selfLink",
        "uid",
        "resourceVersion",
    ] {
        let s = string_field(meta.get(name), &format!("ObjectMeta.metadata.{name}"))?;
        if !s.is_empty() {
            out.insert(name.to_owned(), Value::String(s));
        }
    }
    if let Some(g) = meta.get("generation").filter(|g| !g.is_null()) {
        let g = int_field(g, "ObjectMeta.metadata.generation")?;
        if g != 0 {
            out.insert("generation".to_owned(), Value::from(g));
        }
    }
    for name in ["creationTimestamp", "deletionTimestamp"] {
        let s = string_field(meta.get(name), &format!("ObjectMeta.metadata.{name}"))?;
        if name == "deletionTimestamp" && !s.is_empty() {
            out.insert(name.to_owned(), Value::String(s));
        }
    }
    if let Some(g) = meta
        .get("deletionGracePeriodSeconds")
        .filter(|g| !g.is_null())
    {
        let g = int_field(g, "ObjectMeta.metadata.deletionGracePeriodSeconds")?;
        out.insert("deletionGracePeriodSeconds".to_owned(), Value::from(g));
    }
    for name in ["labels", "annotations"] {
        let m = string_map(meta.get(name), &format!("ObjectMeta.metadata.{name}"))?;
        if !m.is_empty() {
            out.insert(name.to_owned(), Value::Object(m));
        }
    }
    let refs = array_field(
        meta.get("ownerReferences"),
        "ObjectMeta.metadata.ownerReferences",
        "[]v1.OwnerReference",
    )?;
    if !refs.is_empty() {
        let mut list = Vec::with_capacity(refs.len());
        for r in refs {
            let field = "ObjectMeta.metadata.ownerReferences";
            let obj = object_field(Some(r), field, "v1.OwnerReference")?;
            let mut o = Map::new();
            for name in ["apiVersion", "kind", "name", "uid"] {
                let s = string_field(obj.and_then(|m| m.get(name)), field)?;
                o.insert(name.to_owned(), Value::String(s));
            }
            for name in ["controller", "blockOwnerDeletion"] {
                if let Some(b) = obj.and_then(|m| m.get(name)).filter(|b| !b.is_null()) {
                    o.insert(name.to_owned(), Value::Bool(bool_field(b, field)?));
                }
            }
            list.push(Value::Object(o));
        }
        out.insert("ownerReferences".to_owned(), Value::Array(list));
    }
    let finalizers = string_list(meta.get("finalizers"), "ObjectMeta.metadata.finalizers")?;
    if !finalizers.is_empty() {
        out.insert(
            "finalizers".to_owned(),
            Value::Array(finalizers.into_iter().map(Value::String).collect()),
        );
    }
    let managed = array_field(
        meta.get("managedFields"),
        "ObjectMeta.metadata.managedFields",
        "[]v1.ManagedFieldsEntry",
    )?;
    if !managed.is_empty() {
        let mut list = Vec::with_capacity(managed.len());
        for entry in managed {
            let field = "ObjectMeta.metadata.managedFields";
            let obj = object_field(Some(entry), field, "v1.ManagedFieldsEntry")?;
            let mut o = Map::new();
            for name in [
                "manager",
                "operation",
                "apiVersion",
                "time",
                "fieldsType",
                "subresource",
            ] {
                let s = string_field(obj.and_then(|m| m.get(name)), field)?;
                if !s.is_empty() {
                    o.insert(name.to_owned(), Value::String(s));
                }
            }
            if let Some(f) = obj.and_then(|m| m.get("fieldsV1")).filter(|f| !f.is_null()) {
                o.insert("fieldsV1".to_owned(), f.clone());
            }
            list.push(Value::Object(o));
        }
        out.insert("managedFields".to_owned(), Value::Array(list));
    }
    Ok(out)
}

/// One entry of `repositoryDigestMirrors` / `imageDigestMirrors`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// `source`.
    pub(crate) source: String,
    /// `mirrors`.
    pub(crate) mirrors: Vec<String>,
    /// `mirrorSourcePolicy` (`""` when unset; IDMS only).
    pub(crate) policy: String,
}

/// The entries of `spec.<list>`, typed like the API structs.
pub(crate) fn entries(
    object: &Map<String, Value>,
    list: &str,
    with_policy: bool,
) -> Result<Vec<Entry>, String> {
    let spec = object_field(object.get("spec"), "spec", "spec")?;
    let items = array_field(spec.and_then(|s| s.get(list)), list, "[]entry")?;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let obj = object_field(Some(item), list, "entry")?;
        let get = |name: &str| obj.and_then(|m| m.get(name));
        out.push(Entry {
            source: string_field(get("source"), &format!("{list}.source"))?,
            mirrors: string_list(get("mirrors"), &format!("{list}.mirrors"))?,
            policy: if with_policy {
                string_field(
                    get("mirrorSourcePolicy"),
                    &format!("{list}.mirrorSourcePolicy"),
                )?
            } else {
                String::new()
            },
        });
    }
    if let Some(status) = object.get("status").filter(|s| !s.is_null())
        && with_policy
        && !status.is_object()
    {
        return Err(mismatch(status, "status", "v1.ImageDigestMirrorSetStatus"));
    }
    object_meta(object.get("metadata"))?;
    Ok(out)
}
