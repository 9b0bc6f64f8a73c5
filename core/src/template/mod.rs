//! Templates (specification: `templates.md`): the `template.openshift.io/v1` Template model,
//! decoding from JSON or YAML with Go's error texts, and processing the way `oc process` and
//! `POST …/processedtemplates` do it — parameter generation, `${NAME}` / `${{NAME}}`
//! substitution, namespace stripping, labels, legacy API groups — plus the server's
//! parameter-name validation.
//!
//! ```
//! use openshift_image::template::{ProcessOptions, Template, process};
//!
//! let template = Template::from_json_str(
//!     r#"{"kind":"Template","apiVersion":"template.openshift.io/v1","metadata":{"name":"t"},
//!         "objects":[{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"${NAME}"},
//!                     "data":{"replicas":"${{REPLICAS}}"}}],
//!         "parameters":[{"name":"NAME","value":"cm"},{"name":"REPLICAS","value":"3"}]}"#,
//! )?;
//! let options = ProcessOptions { parameters: vec![("NAME".into(), "mine".into())], ..Default::default() };
//! let processed = process(template, options)?;
//! assert_eq!(processed.objects[0]["metadata"]["name"], "mine");
//! assert_eq!(processed.objects[0]["data"]["replicas"], 3);
//! # Ok::<(), openshift_image::TemplateError>(())
//! ```

pub mod expose;
pub mod generator;
pub mod lint;
pub mod oc_process;

mod decode;
mod field;
mod gojson;
mod legacy;
mod process;
mod subst;
#[cfg(feature = "yaml")]
pub(crate) mod yaml;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::TemplateError;

pub use field::{BadValue, FieldError, FieldErrorType};
pub use legacy::groupify_kind;
pub use process::{process, validate_parameter_names};
pub use subst::{json_reference, string_references, substitute_string};

/// Bound on the nesting depth of templates and objects (arrays and maps), checked while
/// decoding and processing so that no input recurses without limit.
pub const MAX_DEPTH: usize = 1000;

/// A `template.openshift.io/v1` Template (also the legacy group-less `v1` one).
///
/// Objects stay raw JSON values: processing works on them as unstructured maps, like upstream.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Template {
    /// `apiVersion` (empty when absent).
    pub api_version: String,
    /// `kind` (empty when absent).
    pub kind: String,
    /// `metadata`, kept as a JSON map (empty when absent or `null`).
    pub metadata: Map<String, Value>,
    /// `message`: shown to the user after processing; substituted with string semantics.
    pub message: String,
    /// `objects`: the raw objects, in order.
    pub objects: Vec<Value>,
    /// `parameters`, in order.
    pub parameters: Vec<Parameter>,
    /// `labels`: applied to every object's `metadata.labels` (`None` when absent or `null`).
    pub labels: Option<BTreeMap<String, String>>,
    /// Other top-level members, kept untouched.
    pub extra: Map<String, Value>,
    /// The text of each object exactly as written in the JSON input, when the template was
    /// decoded from JSON text ([`Template::from_json_str`]); error messages quote it, in
    /// input key order. `None` for templates decoded from a value or from YAML (the error
    /// then shows the object with sorted keys, as sigs.k8s.io/yaml's conversion does).
    pub object_texts: Option<Vec<String>>,
}

/// One template parameter (JSON names `name`, `displayName`, `description`, `value`,
/// `generate`, `from`, `required`; all but `name` omitted when empty or `false`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    /// The name referenced as `${NAME}` / `${{NAME}}`.
    pub name: String,
    /// Human-readable name.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub display_name: String,
    /// Human-readable description.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The value (caller's, template's, or generated).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub value: String,
    /// The generator's name (only `expression` exists).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub generate: String,
    /// The generator's input, e.g. `[a-zA-Z0-9]{16}`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub from: String,
    /// Whether the value must be non-empty after generation.
    #[serde(skip_serializing_if = "is_false")]
    pub required: bool,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(b: &bool) -> bool {
    !*b
}

impl Template {
    /// Decodes a Template from a parsed JSON value with Go `encoding/json`'s type rules and
    /// error texts (`json: cannot unmarshal number into Go struct field
    /// Parameter.parameters.value of type string`). Unknown parameter fields are dropped,
    /// unknown top-level members kept in [`Template::extra`].
    ///
    /// # Errors
    /// [`TemplateError::UnmarshalType`] for a member of the wrong type (the first one in
    /// document order), [`TemplateError::Limit`] beyond [`MAX_DEPTH`] levels.
    pub fn from_json_value(value: Value) -> Result<Self, TemplateError> {
        decode::template_from_value(value)
    }

    /// Decodes a Template from JSON text; also records each object's text as written
    /// ([`Template::object_texts`]) for error messages.
    ///
    /// # Errors
    /// [`TemplateError::Syntax`] for malformed JSON, else as [`Template::from_json_value`].
    pub fn from_json_str(text: &str) -> Result<Self, TemplateError> {
        decode::template_from_json_str(text)
    }

    /// Decodes a Template from YAML text, converted to JSON the way sigs.k8s.io/yaml does
    /// (YAML 1.1 booleans `yes`/`no`/`on`/`off`/`y`/`n`, octal `010`, hex `0x1F`, `~` null,
    /// keys stringified, anchors expanded, first document only).
    ///
    /// # Errors
    /// [`TemplateError::Syntax`] for malformed YAML, [`TemplateError::UnsupportedValue`] for
    /// `.inf` / `.nan`, [`TemplateError::Limit`] for excessive alias expansion or nesting, else
    /// as [`Template::from_json_value`].
    #[cfg(feature = "yaml")]
    pub fn from_yaml_str(text: &str) -> Result<Self, TemplateError> {
        let value = yaml::yaml_to_json(text)?;
        decode::template_from_value(value)
    }

    /// The template's `metadata.name` (empty when absent or not a string).
    #[must_use]
    pub fn name(&self) -> &str {
        self.metadata
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    /// The template as JSON, members named and omitted like the Go type's encoding
    /// (`kind`, `apiVersion`, `message`, `labels` omitted when empty; `metadata` always).
    #[must_use]
    pub fn to_json_value(&self) -> Value {
        let mut out = self.extra.clone();
        if !self.kind.is_empty() {
            out.insert("kind".into(), Value::String(self.kind.clone()));
        }
        if !self.api_version.is_empty() {
            out.insert("apiVersion".into(), Value::String(self.api_version.clone()));
        }
        out.insert("metadata".into(), Value::Object(self.metadata.clone()));
        if !self.message.is_empty() {
            out.insert("message".into(), Value::String(self.message.clone()));
        }
        out.insert("objects".into(), Value::Array(self.objects.clone()));
        if !self.parameters.is_empty() {
            out.insert(
                "parameters".into(),
                Value::Array(
                    self.parameters
                        .iter()
                        .map(Parameter::to_json_value)
                        .collect(),
                ),
            );
        }
        if let Some(labels) = &self.labels {
            out.insert(
                "labels".into(),
                Value::Object(
                    labels
                        .iter()
                        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                        .collect(),
                ),
            );
        }
        Value::Object(out)
    }
}

impl Parameter {
    /// A parameter with a name and a value.
    #[must_use]
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
            ..Self::default()
        }
    }

    /// The parameter as JSON (empty members omitted).
    #[must_use]
    pub fn to_json_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("name".into(), Value::String(self.name.clone()));
        for (k, v) in [
            ("displayName", &self.display_name),
            ("description", &self.description),
            ("value", &self.value),
            ("generate", &self.generate),
            ("from", &self.from),
        ] {
            if !v.is_empty() {
                m.insert(k.into(), Value::String(v.clone()));
            }
        }
        if self.required {
            m.insert("required".into(), Value::Bool(true));
        }
        Value::Object(m)
    }

    /// The parameter as Go's `encoding/json` writes it: fields in declaration order, empty
    /// ones omitted, `<`, `>`, `&` escaped (the bad value of a generator field error).
    #[must_use]
    pub fn to_go_json(&self) -> String {
        gojson::parameter_json(self)
    }
}

/// The source of generated values for `generate: expression` parameters.
///
/// Implemented by [`generator::ExpressionGenerator`] and by closures
/// `FnMut(&str) -> Result<String, TemplateError>` (handy in tests).
pub trait ValueGenerator {
    /// Generates a value from the parameter's `from` expression.
    ///
    /// # Errors
    /// The generator's error (its `Display` is upstream's message, used as the field error's
    /// detail).
    fn generate(&mut self, from: &str) -> Result<String, TemplateError>;
}

impl<F> ValueGenerator for F
where
    F: FnMut(&str) -> Result<String, TemplateError>,
{
    fn generate(&mut self, from: &str) -> Result<String, TemplateError> {
        self(from)
    }
}

/// How to process a template: caller values and labels, and the value generator.
#[derive(Default)]
pub struct ProcessOptions {
    /// Caller values (`oc process -p NAME=VALUE`), applied in order: each sets `value` and
    /// clears `generate` on the **first** parameter of that name.
    pub parameters: Vec<(String, String)>,
    /// Caller labels, merged into the template's `labels` before processing (the caller wins
    /// on equal keys); `None` = no caller labels.
    pub labels: Option<BTreeMap<String, String>>,
    /// Ignore caller names that match no parameter instead of failing.
    pub ignore_unknown_parameters: bool,
    /// The generator for `generate: expression`; `None` = the default generator (CSPRNG,
    /// inclusive ranges).
    pub generator: Option<Box<dyn ValueGenerator>>,
}

impl fmt::Debug for ProcessOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProcessOptions")
            .field("parameters", &self.parameters)
            .field("labels", &self.labels)
            .field("ignore_unknown_parameters", &self.ignore_unknown_parameters)
            .field("generator", &self.generator.as_ref().map(|_| "…"))
            .finish()
    }
}

/// The result of processing: what `oc process` prints (`objects`) and the template's final
/// parameters, message and labels.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProcessedTemplate {
    /// The processed objects, in template order.
    pub objects: Vec<Value>,
    /// The parameters with their final values (caller or generated), in template order.
    pub parameters: Vec<Parameter>,
    /// The substituted message (omitted from JSON when empty).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub message: String,
    /// The substituted template labels (with the caller's merged in); `None` when the
    /// template had no `labels` and the caller gave none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, String>>,
    /// Warnings upstream does not print (duplicate parameter names: callers set the first
    /// definition, substitution uses the last). Not serialized.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// The generator used when [`ProcessOptions::generator`] is `None`.
fn default_generator() -> Result<Box<dyn ValueGenerator>, TemplateError> {
    expression_generator(None, false)
}

/// The `expression` generator as a [`ValueGenerator`]: seeded (reproducible) or from OS
/// entropy (CSPRNG), with inclusive ranges, or Go-compatible end-exclusive ones
/// (`go_compat`).
///
/// # Errors
/// When no entropy source is available (unseeded, on targets without one).
pub fn expression_generator(
    seed: Option<u64>,
    go_compat: bool,
) -> Result<Box<dyn ValueGenerator>, TemplateError> {
    Ok(Box::new(generator::ExpressionGenerator::for_options(
        seed, go_compat,
    )?))
}

impl ValueGenerator for generator::ExpressionGenerator {
    fn generate(&mut self, from: &str) -> Result<String, TemplateError> {
        generator::ExpressionGenerator::generate(self, from)
    }
}
