//! apimachinery's field errors (`field.Error`) and their aggregation, as processing and the
//! server's validation report them.

use std::fmt;

use serde_json::Value;

use super::{Parameter, gojson};
use crate::gofmt::GoQuoted;

/// The type of a field error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldErrorType {
    /// `Required value` (rendered without a bad value).
    Required,
    /// `Invalid value`.
    Invalid,
}

impl FieldErrorType {
    /// The text apimachinery prints (`Required value`, `Invalid value`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Required => "Required value",
            Self::Invalid => "Invalid value",
        }
    }
}

/// The offending value of a field error, kept typed so that each front end can render it
/// its own way (apimachinery v0.36 writes JSON, older `oc` releases Go `%#v`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadValue {
    /// No bad value (`Required value` errors).
    None,
    /// A string (rendered as Go `%q`).
    String(String),
    /// A parameter (a generator failure), rendered as its Go JSON.
    Parameter(Parameter),
    /// An object that could not be decoded: its value, and its text as written in the input
    /// when known (rendered compacted, in input key order).
    Object {
        /// The parsed object.
        value: Value,
        /// The object's text as written, if the template came from JSON text.
        text: Option<String>,
    },
    /// Any other JSON value.
    Json(Value),
}

impl BadValue {
    /// The v0.36 rendering: Go `%q` for a string, compact Go JSON otherwise; `None` for
    /// [`BadValue::None`].
    #[must_use]
    pub fn render(&self) -> Option<String> {
        match self {
            Self::None => None,
            Self::String(s) => Some(GoQuoted(s).to_string()),
            Self::Parameter(p) => Some(gojson::parameter_json(p)),
            Self::Object {
                text: Some(text), ..
            } => Some(gojson::compact(text)),
            Self::Object { value, text: None } | Self::Json(value) => {
                Some(gojson::value_json(value))
            }
        }
    }
}

/// One field error: `<field>: <type>[: <bad value>][: <detail>]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// `Required value` or `Invalid value`.
    pub error_type: FieldErrorType,
    /// The field path, e.g. `template.parameters[0]`, `item[2].objects`.
    pub field: String,
    /// The offending value.
    pub bad_value: BadValue,
    /// The explanation.
    pub detail: String,
}

impl FieldError {
    /// A `Required value` error.
    #[must_use]
    pub fn required(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            error_type: FieldErrorType::Required,
            field: field.into(),
            bad_value: BadValue::None,
            detail: detail.into(),
        }
    }

    /// An `Invalid value` error.
    #[must_use]
    pub fn invalid(
        field: impl Into<String>,
        bad_value: BadValue,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            error_type: FieldErrorType::Invalid,
            field: field.into(),
            bad_value,
            detail: detail.into(),
        }
    }

    /// The text after `<field>: ` (apimachinery's `ErrorBody`).
    #[must_use]
    pub fn body(&self) -> String {
        let mut s = self.error_type.as_str().to_owned();
        if self.error_type != FieldErrorType::Required
            && let Some(bad) = self.bad_value.render()
        {
            s.push_str(": ");
            s.push_str(&bad);
        }
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }

    /// apimachinery's aggregate text: nothing for no error, the text of one, else the
    /// distinct texts joined by `, ` in brackets (one distinct text: without brackets).
    #[must_use]
    pub fn aggregate(errors: &[Self]) -> String {
        let mut seen: Vec<String> = Vec::new();
        for e in errors {
            let text = e.to_string();
            if !seen.contains(&text) {
                seen.push(text);
            }
        }
        match seen.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            many => format!("[{}]", many.join(", ")),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.body())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_apimachinery() {
        let cases = [
            (
                FieldError::required(
                    "template.parameters[0]",
                    "template.parameters[0]: parameter A is required and must be specified",
                ),
                "template.parameters[0]: Required value: template.parameters[0]: parameter A is required and must be specified",
            ),
            (
                FieldError::invalid(
                    "parameters[0].name",
                    BadValue::String("a b".into()),
                    "does not match ^[a-zA-Z0-9_]+$",
                ),
                r#"parameters[0].name: Invalid value: "a b": does not match ^[a-zA-Z0-9_]+$"#,
            ),
            (
                FieldError::invalid("item[0].objects", BadValue::Json(Value::from(42)), "x"),
                "item[0].objects: Invalid value: 42: x",
            ),
            (
                FieldError::invalid(
                    "template.parameters[0]",
                    BadValue::Parameter(Parameter {
                        name: "G".into(),
                        generate: "expression".into(),
                        from: "<".into(),
                        ..Parameter::default()
                    }),
                    "d",
                ),
                r#"template.parameters[0]: Invalid value: {"name":"G","generate":"expression","from":"\u003c"}: d"#,
            ),
        ];
        for (e, want) in cases {
            assert_eq!(e.to_string(), want);
        }
    }

    #[test]
    fn aggregates() {
        let a = FieldError::required("a", "");
        let b = FieldError::required("b", "");
        assert_eq!(FieldError::aggregate(&[]), "");
        assert_eq!(
            FieldError::aggregate(std::slice::from_ref(&a)),
            "a: Required value"
        );
        assert_eq!(
            FieldError::aggregate(&[a.clone(), a.clone()]),
            "a: Required value"
        );
        assert_eq!(
            FieldError::aggregate(&[a.clone(), b, a]),
            "[a: Required value, b: Required value]"
        );
    }
}
