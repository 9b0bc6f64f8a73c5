//! The processing pipeline (library-go `templateprocessing.Processor.Process`): caller values,
//! generation, substitution of message, labels and objects, namespace stripping, legacy API
//! groups and labels; and the server's parameter-name validation.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::decode::json_type;
use super::field::{BadValue, FieldError};
use super::legacy::{groupify, nested_str, parse_group_version};
use super::subst::{self, SubstError, Values};
use super::{ProcessOptions, ProcessedTemplate, Template, ValueGenerator, gojson};
use crate::error::TemplateError;

/// Processes a template as `oc process --local` does after argument parsing (spec §3–§9):
/// caller values set the first parameter of each name (clearing its generator), caller
/// labels merge into the template's, parameters are generated, then `message`, `labels` and
/// every object are substituted, namespaces stripped, legacy API groups added and labels
/// applied.
///
/// ```
/// use openshift_image::template::{ProcessOptions, Template, process};
///
/// let template = Template::from_json_str(
///     r#"{"kind":"Template","apiVersion":"v1","labels":{"app":"${APP}"},
///         "objects":[{"kind":"Route","apiVersion":"v1","metadata":{"name":"r","namespace":"x"}}],
///         "parameters":[{"name":"APP","value":"demo"}]}"#,
/// )?;
/// let out = process(template, ProcessOptions::default())?;
/// assert_eq!(
///     out.objects[0],
///     serde_json::json!({"kind":"Route","apiVersion":"route.openshift.io/v1",
///                        "metadata":{"name":"r","labels":{"app":"demo"}}})
/// );
/// # Ok::<(), openshift_image::TemplateError>(())
/// ```
///
/// # Errors
/// [`TemplateError::UnknownParameter`] for a caller name matching no parameter (unless
/// ignored); [`TemplateError::Invalid`] with the parameter errors (generation, required) or
/// else the object errors; [`TemplateError::Limit`] for objects nested beyond
/// [`MAX_DEPTH`](super::MAX_DEPTH).
pub fn process(
    template: Template,
    options: ProcessOptions,
) -> Result<ProcessedTemplate, TemplateError> {
    let Template {
        message,
        objects,
        mut parameters,
        labels,
        object_texts,
        ..
    } = template;
    let ProcessOptions {
        parameters: caller_values,
        labels: caller_labels,
        ignore_unknown_parameters,
        generator,
    } = options;

    for (name, value) in caller_values {
        match parameters.iter_mut().find(|p| p.name == name) {
            Some(p) => {
                p.value = value;
                p.generate.clear();
            }
            None if ignore_unknown_parameters => {}
            None => return Err(TemplateError::UnknownParameter { name }),
        }
    }
    let mut labels = labels;
    if let Some(caller) = caller_labels.filter(|l| !l.is_empty()) {
        labels.get_or_insert_with(BTreeMap::new).extend(caller);
    }

    generate(&mut parameters, generator)?;

    let mut warnings = Vec::new();
    let mut values: Values<'_> = HashMap::with_capacity(parameters.len());
    for p in &parameters {
        if values.insert(p.name.as_str(), p.value.as_str()).is_some() {
            let w = format!(
                "parameter {} is defined more than once: callers set the first definition, substitution uses the last",
                p.name
            );
            if !warnings.contains(&w) {
                warnings.push(w);
            }
        }
    }

    let message = subst::evaluate(&values, &message).0.into_owned();
    let labels = labels.map(|l| substitute_labels(&values, l));

    let mut errors = Vec::new();
    let mut out = Vec::with_capacity(objects.len());
    let texts = object_texts.filter(|t| t.len() == objects.len());
    for (i, obj) in objects.into_iter().enumerate() {
        let text = texts.as_ref().and_then(|t| t.get(i)).cloned();
        match process_object(&values, labels.as_ref(), i, obj, text) {
            Ok(v) => out.push(v),
            Err(ObjectError::Field(e)) => errors.push(*e),
            Err(ObjectError::Fatal(e)) => return Err(e),
        }
    }
    if !errors.is_empty() {
        return Err(TemplateError::Invalid { errors });
    }
    Ok(ProcessedTemplate {
        objects: out,
        parameters,
        message,
        labels,
        warnings,
    })
}

/// Upstream's `GenerateParameterValues`: errors are collected over all parameters.
fn generate(
    parameters: &mut [super::Parameter],
    generator: Option<Box<dyn ValueGenerator>>,
) -> Result<(), TemplateError> {
    let mut generator = generator;
    let mut errors = Vec::new();
    for (i, p) in parameters.iter_mut().enumerate() {
        if !p.value.is_empty() {
            continue;
        }
        let field = format!("template.parameters[{i}]");
        if !p.generate.is_empty() {
            if p.generate != "expression" {
                errors.push(FieldError::invalid(
                    field,
                    BadValue::String(p.generate.clone()),
                    format!(
                        "Unknown generator name '{}' for parameter {}",
                        p.generate, p.name
                    ),
                ));
                continue;
            }
            let g = match &mut generator {
                Some(g) => g,
                None => generator.insert(super::default_generator()?),
            };
            match g.generate(&p.from) {
                Ok(v) => p.value = v,
                Err(e) => {
                    errors.push(FieldError::invalid(
                        field,
                        BadValue::Parameter(p.clone()),
                        e.to_string(),
                    ));
                    continue;
                }
            }
        }
        if p.value.is_empty() && p.required {
            let detail = format!(
                "{field}: parameter {} is required and must be specified",
                p.name
            );
            errors.push(FieldError::required(field, detail));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(TemplateError::Invalid { errors })
    }
}

/// Keys and values substituted with string semantics; a substituted key replaces a literal
/// key it collides with (upstream's map iteration makes this order-dependent).
fn substitute_labels(
    values: &Values<'_>,
    labels: BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut changed = Vec::new();
    for (k, v) in labels {
        let nv = subst::evaluate(values, &v).0.into_owned();
        match subst::evaluate(values, &k).0 {
            Cow::Borrowed(_) => {
                out.insert(k, nv);
            }
            Cow::Owned(nk) => changed.push((nk, nv)),
        }
    }
    out.extend(changed);
    out
}

enum ObjectError {
    /// Collected; reported after all objects.
    Field(Box<FieldError>),
    /// Stops processing.
    Fatal(TemplateError),
}

fn undecodable(i: usize, value: Value, text: Option<String>, why: String) -> ObjectError {
    ObjectError::Field(Box::new(FieldError::invalid(
        format!("item[{i}].objects"),
        BadValue::Object { value, text },
        format!("unable to handle object: {why}"),
    )))
}

/// apimachinery's `NewMissingKindErr` text, quoting the object as written when known.
fn missing_kind(value: &Value, text: Option<&str>) -> String {
    let raw = text.map_or_else(|| gojson::value_json(value), str::to_owned);
    format!("Object 'Kind' is missing in '{raw}'")
}

/// Whether decoding finds a kind: a non-empty string `kind` and a parsable `apiVersion`.
fn has_kind(obj: &Map<String, Value>) -> bool {
    parse_group_version(nested_str(obj, "apiVersion")).is_some()
        && !nested_str(obj, "kind").is_empty()
}

fn subst_error(i: usize, e: SubstError) -> ObjectError {
    let (name, detail) = match e {
        SubstError::TooDeep => {
            return ObjectError::Fatal(TemplateError::Limit {
                message: format!(
                    "item[{i}]: objects nested deeper than {} levels are not processed",
                    super::MAX_DEPTH
                ),
            });
        }
        SubstError::NullInArray { name, path } => {
            let d = format!(
                "parameter {name} resolves to null inside an array at {path} (upstream panics)"
            );
            (name, d)
        }
        SubstError::NonStringKey { name, value, path } => {
            let at = if path.is_empty() {
                String::new()
            } else {
                format!(" in {path}")
            };
            let d = format!(
                "parameter {name} used as a map key{at} resolves to the non-string value {value} (upstream panics)"
            );
            (name, d)
        }
    };
    ObjectError::Field(Box::new(FieldError::invalid(
        format!("item[{i}].parameters"),
        BadValue::String(name),
        detail,
    )))
}

fn process_object(
    values: &Values<'_>,
    labels: Option<&BTreeMap<String, String>>,
    i: usize,
    obj: Value,
    text: Option<String>,
) -> Result<Value, ObjectError> {
    let mut map = match obj {
        Value::Object(m) => m,
        Value::Null => {
            return Err(undecodable(
                i,
                Value::Null,
                text,
                "the object is null (upstream panics)".to_owned(),
            ));
        }
        other => {
            let why = format!(
                "json: cannot unmarshal {} into Go value of type unstructured.detector",
                json_type(&other)
            );
            return Err(undecodable(i, other, text, why));
        }
    };
    if map.contains_key("items") {
        return process_list(values, labels, i, map, text);
    }
    if !has_kind(&map) {
        let value = Value::Object(map);
        let why = missing_kind(&value, text.as_deref());
        return Err(undecodable(i, value, text, why));
    }
    strip_namespace(&mut map);
    let mut value = Value::Object(map);
    subst::substitute_value(values, &mut value).map_err(|e| subst_error(i, e))?;
    let Value::Object(mut map) = value else {
        return Ok(value);
    };
    groupify(&mut map);
    if let Some(labels) = labels {
        add_labels(&mut map, labels);
    }
    Ok(Value::Object(map))
}

/// An object with an `items` member decodes as an `UnstructuredList`: items become objects
/// (those without `kind` and `apiVersion` inherit them from the list), no namespace is
/// stripped, and labels cannot be applied (meta.Accessor rejects lists).
fn process_list(
    values: &Values<'_>,
    labels: Option<&BTreeMap<String, String>>,
    i: usize,
    mut map: Map<String, Value>,
    text: Option<String>,
) -> Result<Value, ObjectError> {
    let raw_items = map.remove("items").unwrap_or(Value::Null);
    let items = match raw_items {
        Value::Null => Vec::new(),
        Value::Array(items) => items,
        other => {
            let why = format!(
                "json: cannot unmarshal {} into Go struct field decodeList.items of type []json.RawMessage",
                json_type(&other)
            );
            map.insert("items".into(), other);
            return Err(undecodable(i, Value::Object(map), text, why));
        }
    };
    let list_kind = nested_str(&map, "kind").to_owned();
    let list_api_version = nested_str(&map, "apiVersion").to_owned();
    let item_kind = list_kind
        .strip_suffix("List")
        .unwrap_or(&list_kind)
        .to_owned();
    let mut decoded = Vec::with_capacity(items.len());
    let mut bad = None;
    for item in &items {
        match item {
            Value::Object(m) => decoded.push(m.clone()),
            Value::Null => decoded.push(Map::new()),
            other => {
                bad = Some(json_type(other));
                break;
            }
        }
    }
    if let Some(t) = bad {
        map.insert("items".into(), Value::Array(items));
        let why =
            format!("json: cannot unmarshal {t} into Go value of type map[string]interface {{}}");
        return Err(undecodable(i, Value::Object(map), text, why));
    }
    if !has_kind(&map) {
        map.insert("items".into(), Value::Array(items));
        let value = Value::Object(map);
        let why = missing_kind(&value, text.as_deref());
        return Err(undecodable(i, value, text, why));
    }
    for item in &mut decoded {
        if nested_str(item, "kind").is_empty() && nested_str(item, "apiVersion").is_empty() {
            item.insert("kind".into(), Value::String(item_kind.clone()));
            item.insert("apiVersion".into(), Value::String(list_api_version.clone()));
        }
    }
    let mut value = Value::Object(map);
    subst::substitute_value(values, &mut value).map_err(|e| subst_error(i, e))?;
    let mut out_items = Vec::with_capacity(decoded.len());
    for item in decoded {
        let mut v = Value::Object(item);
        subst::substitute_value(values, &mut v).map_err(|e| subst_error(i, e))?;
        out_items.push(v);
    }
    let Value::Object(mut map) = value else {
        return Ok(value);
    };
    groupify(&mut map);
    if let Some(labels) = labels {
        return Err(ObjectError::Field(Box::new(FieldError::invalid(
            format!("item[{i}].labels"),
            BadValue::Json(Value::Object(
                labels
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                    .collect(),
            )),
            "label could not be applied: object does not implement the Object interfaces",
        ))));
    }
    map.insert("items".into(), Value::Array(out_items));
    Ok(Value::Object(map))
}

/// Upstream's `stripNamespace` on an unstructured object (spec §5).
fn strip_namespace(obj: &mut Map<String, Value>) {
    if let Some(meta) = obj.get_mut("metadata") {
        if let Value::Object(m) = meta {
            let strip = match m.get("namespace") {
                // A fixed namespace is removed; one with a `${NAME}` reference is kept.
                Some(Value::String(ns)) if !ns.is_empty() => !subst::has_string_reference(ns),
                _ => false,
            };
            if strip {
                m.remove("namespace");
            } else if let Some(ns) = m.get_mut("namespace")
                && !ns.is_string()
            {
                *ns = Value::String(String::new());
            }
        }
        return;
    }
    if let Some(ns) = obj.get_mut("namespace") {
        let keep = ns.as_str().is_some_and(subst::has_string_reference);
        if !keep {
            *ns = Value::String(String::new());
        }
    }
}

/// Upstream's `addObjectLabels` through the unstructured accessors (spec §6): merge into a
/// string map, replace anything else, skip when `metadata` is not a map.
fn add_labels(obj: &mut Map<String, Value>, labels: &BTreeMap<String, String>) {
    let meta = obj
        .entry("metadata")
        .or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(meta) = meta else {
        return;
    };
    let existing_ok = match meta.get("labels") {
        Some(Value::Object(l)) => l.values().all(Value::is_string),
        _ => false,
    };
    if !existing_ok {
        meta.insert("labels".into(), Value::Object(Map::new()));
    }
    if let Some(Value::Object(l)) = meta.get_mut("labels") {
        for (k, v) in labels {
            l.insert(k.clone(), Value::String(v.clone()));
        }
    }
}

/// The API server's parameter-name validation (`ValidateProcessedTemplate`): each name must
/// be non-empty and match `^[a-zA-Z0-9_]+$`.
///
/// ```
/// use openshift_image::template::validate_parameter_names;
///
/// assert!(validate_parameter_names(["GOOD_1", "10gen"]).is_ok());
/// let err = validate_parameter_names(["OK", "MY-P"]).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"parameters[1].name: Invalid value: "MY-P": does not match ^[a-zA-Z0-9_]+$"#
/// );
/// ```
///
/// # Errors
/// [`TemplateError::Invalid`] with one field error per bad name.
pub fn validate_parameter_names<'a>(
    names: impl IntoIterator<Item = &'a str>,
) -> Result<(), TemplateError> {
    let mut errors = Vec::new();
    for (i, name) in names.into_iter().enumerate() {
        let field = format!("parameters[{i}].name");
        if name.is_empty() {
            errors.push(FieldError::required(field, ""));
        } else if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            errors.push(FieldError::invalid(
                field,
                BadValue::String(name.to_owned()),
                "does not match ^[a-zA-Z0-9_]+$",
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(TemplateError::Invalid { errors })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Parameter;
    use serde_json::json;

    fn run(template: Value, options: ProcessOptions) -> Result<ProcessedTemplate, TemplateError> {
        process(Template::from_json_value(template)?, options)
    }

    fn one(object: Value, params: &[(&str, &str)]) -> Result<Value, String> {
        let parameters: Vec<Value> = params
            .iter()
            .map(|(n, v)| json!({"name": n, "value": v}))
            .collect();
        let t = json!({"kind": "Template", "objects": [object], "parameters": parameters});
        run(t, ProcessOptions::default())
            .map(|p| p.objects[0].clone())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn namespaces() {
        let cases = [
            (json!({"namespace": "fixed"}), json!({})),
            (
                json!({"namespace": "${NS}"}),
                json!({"namespace": "target"}),
            ),
            (
                json!({"namespace": "pre-${NS}"}),
                json!({"namespace": "pre-target"}),
            ),
            (json!({"namespace": "${U}"}), json!({"namespace": "${U}"})),
            (json!({"namespace": "${{NS}}"}), json!({})),
            (json!({"namespace": ""}), json!({"namespace": ""})),
            (json!({"namespace": 5}), json!({"namespace": ""})),
            (json!({"namespace": null}), json!({"namespace": ""})),
        ];
        for (meta, want) in cases {
            let obj = json!({"kind": "ConfigMap", "apiVersion": "v1", "metadata": meta});
            let got = one(obj, &[("NS", "target")]).unwrap();
            assert_eq!(got["metadata"], want, "{meta}");
        }
        let top = [
            (json!("fixed"), json!("")),
            (json!("${NS}"), json!("target")),
            (json!("${{NS}}"), json!("")),
            (json!(7), json!("")),
        ];
        for (ns, want) in top {
            let obj = json!({"kind": "ConfigMap", "apiVersion": "v1", "namespace": ns});
            assert_eq!(one(obj, &[("NS", "target")]).unwrap()["namespace"], want);
        }
        let obj = json!({"kind": "ConfigMap", "apiVersion": "v1", "metadata": 3, "namespace": "x"});
        assert_eq!(one(obj, &[]).unwrap()["namespace"], "x");
    }

    #[test]
    fn labels() {
        let cases = [
            (
                json!({"name": "o"}),
                json!({"name": "o", "labels": {"app": "demo", "t": "l"}}),
            ),
            (
                json!({"labels": {"app": "old", "keep": "k"}}),
                json!({"labels": {"app": "demo", "keep": "k", "t": "l"}}),
            ),
            (
                json!({"labels": {"n": null}}),
                json!({"labels": {"app": "demo", "t": "l"}}),
            ),
            (
                json!({"labels": "x"}),
                json!({"labels": {"app": "demo", "t": "l"}}),
            ),
            (json!(null), json!(null)),
        ];
        for (meta, want) in cases {
            let t = json!({
                "kind": "Template",
                "labels": {"app": "${APP}"},
                "objects": [{"kind": "ConfigMap", "apiVersion": "v1", "metadata": meta}],
                "parameters": [{"name": "APP", "value": "demo"}]
            });
            let options = ProcessOptions {
                labels: Some(BTreeMap::from([("t".to_owned(), "l".to_owned())])),
                ..ProcessOptions::default()
            };
            let out = run(t, options).unwrap();
            assert_eq!(out.objects[0]["metadata"], want, "{meta}");
            assert_eq!(out.labels.unwrap()["app"], "demo");
        }
    }

    #[test]
    fn lists() {
        let obj = json!({"kind": "List", "apiVersion": "v1", "items": [
            {"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "${A}", "namespace": "x"}},
            {"metadata": {"name": "inherits"}}
        ]});
        let got = one(obj, &[("A", "a")]).unwrap();
        assert_eq!(
            got,
            json!({"kind": "List", "apiVersion": "v1", "items": [
                {"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "a", "namespace": "x"}},
                {"kind": "", "apiVersion": "v1", "metadata": {"name": "inherits"}}
            ]})
        );
        let obj = json!({"kind": "List", "apiVersion": "v1", "items": null});
        assert_eq!(one(obj, &[]).unwrap()["items"], json!([]));
        let obj = json!({"kind": "List", "items": ["s"]});
        assert!(
            one(obj, &[])
                .unwrap_err()
                .contains("map[string]interface {}")
        );
    }

    #[test]
    fn object_errors() {
        let cases = [
            (
                json!("s"),
                r#"item[0].objects: Invalid value: "s": unable to handle object: json: cannot unmarshal string into Go value of type unstructured.detector"#,
            ),
            (
                json!({"kind": ""}),
                r#"item[0].objects: Invalid value: {"kind":""}: unable to handle object: Object 'Kind' is missing in '{"kind":""}'"#,
            ),
            (
                json!({"kind": "X", "data": ["${{N}}"]}),
                "item[0].parameters: Invalid value: \"N\": parameter N resolves to null inside an array at data[0] (upstream panics)",
            ),
        ];
        for (obj, want) in cases {
            assert_eq!(one(obj, &[("N", "null")]).unwrap_err(), want);
        }
        assert!(one(Value::Null, &[]).is_err());
    }

    #[test]
    fn parameters_callers_and_generation() {
        let t = json!({
            "kind": "Template",
            "message": "${G} ${D}",
            "objects": [],
            "parameters": [
                {"name": "G", "generate": "expression", "from": "x"},
                {"name": "D", "value": "first"},
                {"name": "D", "value": "last"},
                {"name": "R", "required": true, "generate": "expression", "from": "[a]"}
            ]
        });
        let mut calls = Vec::new();
        let options = ProcessOptions {
            parameters: vec![("D".into(), "caller".into()), ("R".into(), "set".into())],
            generator: Some(Box::new(move |from: &str| {
                calls.push(from.to_owned());
                Ok(format!("gen-{from}"))
            })),
            ..ProcessOptions::default()
        };
        let out = run(t.clone(), options).unwrap();
        assert_eq!(out.message, "gen-x last");
        assert_eq!(out.parameters[1].value, "caller");
        assert_eq!(
            out.parameters[3],
            Parameter {
                name: "R".into(),
                value: "set".into(),
                from: "[a]".into(),
                required: true,
                ..Parameter::default()
            }
        );
        assert_eq!(out.warnings.len(), 1);

        let options = ProcessOptions {
            parameters: vec![("NOPE".into(), "x".into())],
            ..ProcessOptions::default()
        };
        assert_eq!(
            run(t.clone(), options).unwrap_err().to_string(),
            r#"unknown parameter name "NOPE""#
        );

        let bad = json!({"kind": "Template", "parameters": [
            {"name": "A", "required": true},
            {"name": "B", "generate": "other"},
            {"name": "C", "generate": "expression", "from": "<x>"}
        ]});
        let options = ProcessOptions {
            generator: Some(Box::new(|_: &str| {
                Err(TemplateError::Syntax {
                    message: "boom".into(),
                })
            })),
            ..ProcessOptions::default()
        };
        assert_eq!(
            run(bad, options).unwrap_err().to_string(),
            concat!(
                "[template.parameters[0]: Required value: template.parameters[0]: parameter A is required and must be specified, ",
                "template.parameters[1]: Invalid value: \"other\": Unknown generator name 'other' for parameter B, ",
                r#"template.parameters[2]: Invalid value: {"name":"C","generate":"expression","from":"\u003cx\u003e"}: boom]"#
            )
        );
    }

    #[test]
    fn validates_names() {
        let err = validate_parameter_names(["", "a b", "ok"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"[parameters[0].name: Required value, parameters[1].name: Invalid value: "a b": does not match ^[a-zA-Z0-9_]+$]"#
        );
    }
}
