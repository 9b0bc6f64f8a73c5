//! Template decoding with Go `encoding/json`'s type rules: strict string / bool fields,
//! `null` leaves a field empty, unknown parameter fields dropped, and the error texts of
//! `json.UnmarshalTypeError`.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{Parameter, Template};
use crate::error::TemplateError;

/// The JSON type word Go puts in `UnmarshalTypeError` (`number 1.5` for numbers decoded into
/// integer fields is handled by the caller).
pub(crate) fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_error(v: &Value, target: &str, go_type: &str) -> TemplateError {
    TemplateError::UnmarshalType {
        json_type: json_type(v).to_owned(),
        target: Some(target.to_owned()),
        go_type: go_type.to_owned(),
    }
}

/// A Go `string` field: `null` → empty.
fn string_field(v: Value, target: &str) -> Result<String, TemplateError> {
    match v {
        Value::Null => Ok(String::new()),
        Value::String(s) => Ok(s),
        other => Err(type_error(&other, target, "string")),
    }
}

/// A Go `map[string]string` field: `null` → `None`; a `null` value → `""`.
fn string_map_field(
    v: Value,
    target: &str,
) -> Result<Option<BTreeMap<String, String>>, TemplateError> {
    match v {
        Value::Null => Ok(None),
        Value::Object(m) => {
            let mut out = BTreeMap::new();
            for (k, v) in m {
                out.insert(k, string_field(v, target)?);
            }
            Ok(Some(out))
        }
        other => Err(type_error(&other, target, "map[string]string")),
    }
}

/// Checks the typed members of `metadata` (ObjectMeta) that templates plausibly carry.
fn check_object_meta(m: &Map<String, Value>) -> Result<(), TemplateError> {
    for (k, v) in m {
        let target = format!("ObjectMeta.metadata.{k}");
        match k.as_str() {
            "name" | "generateName" | "namespace" | "selfLink" | "uid" | "resourceVersion"
                if !matches!(v, Value::Null | Value::String(_)) =>
            {
                return Err(type_error(v, &target, "string"));
            }
            "labels" | "annotations" => {
                string_map_field(v.clone(), &target)?;
            }
            "finalizers" => match v {
                Value::Null => {}
                Value::Array(items) => {
                    for item in items {
                        if !matches!(item, Value::Null | Value::String(_)) {
                            return Err(type_error(item, &target, "string"));
                        }
                    }
                }
                other => return Err(type_error(other, &target, "[]string")),
            },
            "generation" => match v {
                Value::Null => {}
                Value::Number(n) if n.as_i64().is_some() => {}
                Value::Number(n) => {
                    return Err(TemplateError::UnmarshalType {
                        json_type: format!("number {n}"),
                        target: Some(target),
                        go_type: "int64".to_owned(),
                    });
                }
                other => return Err(type_error(other, &target, "int64")),
            },
            _ => {}
        }
    }
    Ok(())
}

/// Decodes one parameter (an element of `parameters`).
pub(crate) fn parameter_from_value(v: Value) -> Result<Parameter, TemplateError> {
    let m = match v {
        Value::Null => return Ok(Parameter::default()),
        Value::Object(m) => m,
        other => return Err(type_error(&other, "Template.parameters", "v1.Parameter")),
    };
    let mut p = Parameter::default();
    for (k, v) in m {
        let slot = match k.as_str() {
            "name" => &mut p.name,
            "displayName" => &mut p.display_name,
            "description" => &mut p.description,
            "value" => &mut p.value,
            "generate" => &mut p.generate,
            "from" => &mut p.from,
            "required" => {
                match v {
                    Value::Null => {}
                    Value::Bool(b) => p.required = b,
                    other => {
                        return Err(type_error(&other, "Parameter.parameters.required", "bool"));
                    }
                }
                continue;
            }
            // Unknown fields are dropped, like Go's decoder.
            _ => continue,
        };
        *slot = string_field(v, &format!("Parameter.parameters.{k}"))?;
    }
    Ok(p)
}

/// Decodes a Template from a JSON value.
pub(crate) fn template_from_value(value: Value) -> Result<Template, TemplateError> {
    let map = match value {
        Value::Object(m) => m,
        // `null` decodes into an empty Template (Go leaves the struct untouched).
        Value::Null => return Ok(Template::default()),
        other => {
            return Err(TemplateError::UnmarshalType {
                json_type: json_type(&other).to_owned(),
                target: None,
                go_type: "v1.Template".to_owned(),
            });
        }
    };
    let mut t = Template::default();
    for (k, v) in map {
        match k.as_str() {
            "kind" => t.kind = string_field(v, "Template.kind")?,
            "apiVersion" => t.api_version = string_field(v, "Template.apiVersion")?,
            "message" => t.message = string_field(v, "Template.message")?,
            "metadata" => match v {
                Value::Null => {}
                Value::Object(m) => {
                    check_object_meta(&m)?;
                    t.metadata = m;
                }
                other => return Err(type_error(&other, "Template.metadata", "v1.ObjectMeta")),
            },
            "objects" => match v {
                Value::Null => {}
                Value::Array(items) => t.objects = items,
                other => {
                    return Err(type_error(
                        &other,
                        "Template.objects",
                        "[]runtime.RawExtension",
                    ));
                }
            },
            "parameters" => match v {
                Value::Null => {}
                Value::Array(items) => {
                    t.parameters = items
                        .into_iter()
                        .map(parameter_from_value)
                        .collect::<Result<_, _>>()?;
                }
                other => return Err(type_error(&other, "Template.parameters", "[]v1.Parameter")),
            },
            "labels" => t.labels = string_map_field(v, "Template.labels")?,
            _ => {
                t.extra.insert(k, v);
            }
        }
    }
    Ok(t)
}

/// Decodes a Template from JSON text, keeping each object's text as written.
pub(crate) fn template_from_json_str(text: &str) -> Result<Template, TemplateError> {
    let value: Value = serde_json::from_str(text).map_err(|e| TemplateError::Syntax {
        message: e.to_string(),
    })?;
    let texts = raw::object_texts(text);
    let mut t = template_from_value(value)?;
    if let Some(texts) = texts
        && texts.len() == t.objects.len()
    {
        t.object_texts = Some(texts.into_iter().map(str::to_owned).collect());
    }
    Ok(t)
}

/// A minimal scanner over already-validated JSON text, to find the text of each element of
/// the top-level `objects` array (serde_json's map sorts keys; error messages need the input
/// order). Returns `None` on anything unexpected rather than failing.
mod raw {
    fn skip_ws(b: &[u8], mut i: usize) -> usize {
        while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            i += 1;
        }
        i
    }

    /// `i` at an opening quote; returns the index after the closing quote.
    fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
        i += 1;
        loop {
            match b.get(i)? {
                b'\\' => i += 2,
                b'"' => return Some(i + 1),
                _ => i += 1,
            }
        }
    }

    /// `i` at the first byte of a value; returns the index after it. Iterative.
    fn skip_value(b: &[u8], mut i: usize) -> Option<usize> {
        let mut depth = 0usize;
        loop {
            match b.get(i)? {
                b'"' => i = skip_string(b, i)?,
                b'{' | b'[' => {
                    depth += 1;
                    i += 1;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    i += 1;
                }
                _ if depth > 0 => i += 1,
                _ => {
                    // A scalar at the top: up to the next delimiter.
                    while !matches!(
                        b.get(i),
                        None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                    ) {
                        i += 1;
                    }
                    return Some(i);
                }
            }
            if depth == 0 {
                return Some(i);
            }
        }
    }

    fn key_is_objects(raw_key: &str) -> bool {
        if raw_key.contains('\\') {
            serde_json::from_str::<String>(raw_key).is_ok_and(|k| k == "objects")
        } else {
            raw_key == "\"objects\""
        }
    }

    pub(super) fn object_texts(text: &str) -> Option<Vec<&str>> {
        let b = text.as_bytes();
        let mut i = skip_ws(b, 0);
        if b.get(i) != Some(&b'{') {
            return None;
        }
        i += 1;
        let mut found = None;
        loop {
            i = skip_ws(b, i);
            match b.get(i)? {
                b'}' => return found,
                b',' => {
                    i += 1;
                    continue;
                }
                b'"' => {}
                _ => return None,
            }
            let key_end = skip_string(b, i)?;
            let is_objects = key_is_objects(text.get(i..key_end)?);
            i = skip_ws(b, key_end);
            if b.get(i) != Some(&b':') {
                return None;
            }
            i = skip_ws(b, i + 1);
            if is_objects && b.get(i) == Some(&b'[') {
                // The last `objects` member wins, as in the decoded value.
                let mut items = Vec::new();
                i += 1;
                loop {
                    i = skip_ws(b, i);
                    match b.get(i)? {
                        b']' => {
                            i += 1;
                            break;
                        }
                        b',' => i += 1,
                        _ => {
                            let end = skip_value(b, i)?;
                            items.push(text.get(i..end)?);
                            i = end;
                        }
                    }
                }
                found = Some(items);
            } else {
                i = skip_value(b, i)?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_errors_have_go_texts() {
        let cases = [
            (
                r#"{"parameters":[{"name":"A","value":1}]}"#,
                "json: cannot unmarshal number into Go struct field Parameter.parameters.value of type string",
            ),
            (
                r#"{"parameters":[{"name":"A","required":"true"}]}"#,
                "json: cannot unmarshal string into Go struct field Parameter.parameters.required of type bool",
            ),
            (
                r#"{"metadata":{"name":true}}"#,
                "json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.name of type string",
            ),
            (
                r#"{"objects":{}}"#,
                "json: cannot unmarshal object into Go struct field Template.objects of type []runtime.RawExtension",
            ),
            (
                r#"{"labels":{"a":1}}"#,
                "json: cannot unmarshal number into Go struct field Template.labels of type string",
            ),
            (
                "[]",
                "json: cannot unmarshal array into Go value of type v1.Template",
            ),
        ];
        for (input, want) in cases {
            let err = Template::from_json_str(input).unwrap_err();
            assert_eq!(err.to_string(), want, "{input}");
        }
    }

    #[test]
    fn decodes_and_keeps_object_texts() {
        let t = Template::from_json_str(
            r#"{"kind":"Template","objects":[ {"kind" : "", "a":1}, 5, "s", [1,{"x":"]"}] ],
                "parameters":[{"name":"A","required":true,"extra":1},null],"labels":null,"x":[1]}"#,
        )
        .unwrap();
        assert_eq!(t.kind, "Template");
        assert_eq!(
            t.object_texts.as_deref().unwrap(),
            [r#"{"kind" : "", "a":1}"#, "5", "\"s\"", r#"[1,{"x":"]"}]"#]
        );
        assert_eq!(t.parameters.len(), 2);
        assert!(t.parameters[0].required);
        assert_eq!(t.labels, None);
        assert_eq!(t.extra["x"], serde_json::json!([1]));
    }
}
