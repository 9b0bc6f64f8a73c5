//! The `jsonpath` area's two additions to the generic engine (its `OPS.md`, "Conventions"):
//!
//! * the vectors name inputs in camelCase (`allowMissingKeys`, `outputJSON`, `fieldPath`);
//!   the library's parameters are snake_case (`allow_missing_keys`, `output_json`,
//!   `field_path`), so the top-level input keys are converted ([`snake_case`]);
//! * an expected error may carry `phase` (`parse` / `execute`): the library's error must
//!   report the same phase.

use serde_json::{Map, Value};

use super::engine::{Case, CaseError, Verdict, evaluate};
use super::library;

/// `allowMissingKeys` → `allow_missing_keys`, `outputJSON` → `output_json`: an underscore
/// before an upper-case letter that follows a lower-case letter or digit, everything lower
/// case.
#[must_use]
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && previous_lower {
            out.push('_');
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Runs one `jsonpath` op with its input keys in snake_case.
///
/// # Errors
///
/// As [`library::dispatch`].
pub fn dispatch(op: &str, input: &Value) -> Result<Value, CaseError> {
    match input {
        Value::Object(fields) => {
            let renamed: Map<String, Value> = fields
                .iter()
                .map(|(key, value)| (snake_case(key), value.clone()))
                .collect();
            library::dispatch(op, &Value::Object(renamed))
        }
        _ => library::dispatch(op, input),
    }
}

/// The generic comparison, then the error's `phase` when the case names one.
#[must_use]
pub fn judge(case: &Case, outcome: &Result<Value, CaseError>) -> Verdict {
    let verdict = evaluate(case, outcome);
    let expected_phase = case
        .raw
        .get("error")
        .and_then(|error| error.get("phase"))
        .and_then(Value::as_str);
    match (verdict, expected_phase, outcome) {
        (Verdict::Passed, Some(want), Err(CaseError::Library { phase, .. }))
            if phase.as_deref() != Some(want) =>
        {
            Verdict::Failed {
                expected: format!("an error of phase {want}"),
                got: outcome
                    .as_ref()
                    .err()
                    .map_or_else(String::new, ToString::to_string),
            }
        }
        (verdict, _, _) => verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::snake_case;

    #[test]
    fn input_names() {
        for (camel, snake) in [
            ("allowMissingKeys", "allow_missing_keys"),
            ("outputJSON", "output_json"),
            ("fieldPath", "field_path"),
            ("fromConfig", "from_config"),
            ("template", "template"),
            ("base64", "base64"),
        ] {
            assert_eq!(snake_case(camel), snake);
        }
    }
}
