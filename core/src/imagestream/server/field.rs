//! Kubernetes field errors and the `Invalid` aggregation (spec §5.6).

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;

use crate::error::ImageStreamError;
use crate::gofmt::GoQuoted;

/// The type of a Kubernetes field error (`field.ErrorType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum FieldErrorType {
    /// `Not found`.
    NotFound,
    /// `Required value`.
    Required,
    /// `Duplicate value`.
    Duplicate,
    /// `Invalid value`.
    Invalid,
    /// `Unsupported value`.
    NotSupported,
    /// `Forbidden`.
    Forbidden,
    /// `Too long`.
    TooLong,
    /// `Too many`.
    TooMany,
    /// `Internal error`.
    Internal,
}

impl FieldErrorType {
    /// The text Kubernetes prints for the type (`Invalid value`, `Required value`, …).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::NotFound => "Not found",
            Self::Required => "Required value",
            Self::Duplicate => "Duplicate value",
            Self::Invalid => "Invalid value",
            Self::NotSupported => "Unsupported value",
            Self::Forbidden => "Forbidden",
            Self::TooLong => "Too long",
            Self::TooMany => "Too many",
            Self::Internal => "Internal error",
        }
    }

    /// Whether the value is left out of the message whatever it is (`field.ErrorBody`).
    const fn omits_value(self) -> bool {
        matches!(
            self,
            Self::Required | Self::Forbidden | Self::TooLong | Self::Internal
        )
    }
}

/// The offending value of a field error, as Go prints it in the message.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum FieldValue {
    /// No value (the message has none).
    Omitted,
    /// `nil`, printed `null`.
    Null,
    /// A string, printed quoted (`%q`).
    String(String),
    /// A boolean, printed `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
}

/// One Kubernetes field error (`field.Error`): the path of the offending field, the error
/// type, the offending value and a detail. `Display` is `field.Error.Error()`:
/// `<field>: <type>[: <value>][: <detail>]`.
///
/// ```
/// use openshift_image::imagestream::server::{FieldError, FieldValue};
///
/// let error = FieldError::invalid("spec.tags[2.7].from.name", "a:b:c", "must be of the form <tag>, <repo>:<tag>, <id>, or <repo>@<id>");
/// assert_eq!(
///     error.to_string(),
///     r#"spec.tags[2.7].from.name: Invalid value: "a:b:c": must be of the form <tag>, <repo>:<tag>, <id>, or <repo>@<id>"#
/// );
/// assert_eq!(error.value, FieldValue::String("a:b:c".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct FieldError {
    /// The field path (`spec.tags[latest].from.name`; `[]` for the whole object).
    pub field: String,
    /// The error type.
    pub error_type: FieldErrorType,
    /// The offending value.
    pub value: FieldValue,
    /// The explanation (may be empty).
    pub detail: String,
}

impl FieldError {
    /// A field error of any type.
    #[must_use]
    pub fn new(
        field: impl Into<String>,
        error_type: FieldErrorType,
        value: FieldValue,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            error_type,
            value,
            detail: detail.into(),
        }
    }

    /// `field.Invalid` with a string value.
    #[must_use]
    pub fn invalid(
        field: impl Into<String>,
        value: impl Into<String>,
        detail: impl Into<String>,
    ) -> Self {
        Self::new(
            field,
            FieldErrorType::Invalid,
            FieldValue::String(value.into()),
            detail,
        )
    }

    /// `field.Required`.
    #[must_use]
    pub fn required(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::new(field, FieldErrorType::Required, FieldValue::Omitted, detail)
    }

    /// `field.NotFound` with a string value.
    #[must_use]
    pub fn not_found(field: impl Into<String>, value: impl Into<String>) -> Self {
        Self::new(
            field,
            FieldErrorType::NotFound,
            FieldValue::String(value.into()),
            "",
        )
    }

    /// `field.Forbidden`.
    #[must_use]
    pub fn forbidden(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::new(
            field,
            FieldErrorType::Forbidden,
            FieldValue::Omitted,
            detail,
        )
    }

    /// `field.InternalError`: the wrapped error's message is the detail.
    #[must_use]
    pub fn internal(field: impl Into<String>, error: &impl fmt::Display) -> Self {
        Self::new(
            field,
            FieldErrorType::Internal,
            FieldValue::Omitted,
            error.to_string(),
        )
    }

    /// The message without the field path (`field.Error.ErrorBody()`), as API status causes
    /// carry it.
    #[must_use]
    pub fn body(&self) -> String {
        let kind = self.error_type.as_str();
        let mut body = if self.error_type.omits_value() {
            kind.to_owned()
        } else {
            match &self.value {
                FieldValue::Omitted => kind.to_owned(),
                FieldValue::Null => format!("{kind}: null"),
                FieldValue::String(s) => format!("{kind}: {}", GoQuoted(s)),
                FieldValue::Bool(b) => format!("{kind}: {b}"),
                FieldValue::Int(i) => format!("{kind}: {i}"),
            }
        };
        if !self.detail.is_empty() {
            body.push_str(": ");
            body.push_str(&self.detail);
        }
        body
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.body())
    }
}

/// The message of a Kubernetes `Invalid` API error (`errors.NewInvalid`): `<kind> "<name>" is
/// invalid`, then `: <causes>` aggregated as `ErrorList.ToAggregate` prints them (identical
/// messages once, one message alone, several as `[a, b]`).
pub(crate) fn invalid_message(kind: &str, name: &str, causes: &[FieldError]) -> String {
    let mut seen = BTreeSet::new();
    let messages: Vec<String> = causes
        .iter()
        .map(ToString::to_string)
        .filter(|m| seen.insert(m.clone()))
        .collect();
    let head = format!("{kind} {} is invalid", GoQuoted(name));
    match messages.as_slice() {
        [] => head,
        [one] => format!("{head}: {one}"),
        many => format!("{head}: [{}]", many.join(", ")),
    }
}

pub(super) fn invalid_error(kind: &str, name: &str, causes: Vec<FieldError>) -> ImageStreamError {
    ImageStreamError::Invalid {
        kind: kind.to_owned(),
        name: name.to_owned(),
        causes,
    }
}

pub(super) fn not_found(resource: &str, name: &str) -> ImageStreamError {
    ImageStreamError::NotFound {
        resource: resource.to_owned(),
        name: name.to_owned(),
    }
}
