//! The `imagestreams` area's two additions to the generic engine (its `OPS.md`, "Conventions"):
//!
//! * the server clock: an op that takes an optional `now` is given the literal `"NOW"` when
//!   the case does not set it, so the timestamps it creates compare with the vectors' `"NOW"`;
//! * the comparison: tag lists (`tags`, `status_tags`) are maps keyed by `tag` / `name`, and
//!   `errors` (field errors) and `decisions` (prune) are multisets. Both sides are put in a
//!   canonical order before the generic [`evaluate`].

use openshift_image::ops;
use serde_json::Value;

use super::engine::{Case, CaseError, Expectation, Verdict, evaluate};
use super::library;

/// Runs one `imagestreams` op, injecting `now: "NOW"` where the op reads the server clock.
///
/// # Errors
///
/// As [`library::dispatch`].
pub fn dispatch(op: &str, input: &Value) -> Result<Value, CaseError> {
    let takes_now = ops::spec(op).is_some_and(|spec| {
        spec.params
            .iter()
            .any(|param| param.name == "now" && param.optional)
    });
    match input {
        Value::Object(fields) if takes_now && !fields.contains_key("now") => {
            let mut fields = fields.clone();
            fields.insert("now".to_owned(), Value::from("NOW"));
            library::dispatch(op, &Value::Object(fields))
        }
        _ => library::dispatch(op, input),
    }
}

/// Judges a case after putting map-like lists and multisets in canonical order on both sides.
#[must_use]
pub fn judge(case: &Case, outcome: &Result<Value, CaseError>) -> Verdict {
    let canonical_case = Case {
        expected: canonical_expectation(&case.expected),
        fixed: case.fixed.as_ref().map(canonical_expectation),
        ..case.clone()
    };
    let outcome = outcome.as_ref().map(|value| canonical(value.clone()));
    evaluate(&canonical_case, &outcome.map_err(Clone::clone))
}

fn canonical_expectation(expectation: &Expectation) -> Expectation {
    match expectation {
        Expectation::Value(value) => Expectation::Value(canonical(value.clone())),
        Expectation::Error(error) => Expectation::Error(error.clone()),
    }
}

/// The canonical form of a result: see the module documentation.
#[must_use]
pub fn canonical(value: Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(key, value)| {
                    let value = canonical(value);
                    let value = match (key.as_str(), value) {
                        ("tags" | "status_tags", Value::Array(items)) => {
                            Value::Array(sorted_by_key(items))
                        }
                        ("errors" | "decisions", Value::Array(items)) => {
                            Value::Array(sorted_as_text(items))
                        }
                        (_, value) => value,
                    };
                    (key, value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        other => other,
    }
}

/// A tag list sorted by each entry's `tag` (status) or `name` (spec); a list of anything else
/// (e.g. tag names, where order matters) is left as it is.
fn sorted_by_key(mut items: Vec<Value>) -> Vec<Value> {
    let key = |item: &Value| -> Option<String> {
        item.get("tag")
            .or_else(|| item.get("name"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    if items.iter().all(|item| key(item).is_some()) {
        items.sort_by_cached_key(key);
    }
    items
}

/// A multiset in a canonical order: sorted by compact JSON text.
fn sorted_as_text(mut items: Vec<Value>) -> Vec<Value> {
    items.sort_by_cached_key(Value::to_string);
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tag_lists_compare_as_maps_and_names_keep_order() {
        let a = canonical(
            json!({"tags": [{"tag": "b"}, {"tag": "a"}], "spec": {"tags": [{"name": "y"}, {"name": "x"}]}}),
        );
        let b = canonical(
            json!({"tags": [{"tag": "a"}, {"tag": "b"}], "spec": {"tags": [{"name": "x"}, {"name": "y"}]}}),
        );
        assert_eq!(a, b);
        assert_ne!(
            canonical(json!({"tags": ["b", "a"]})),
            canonical(json!({"tags": ["a", "b"]}))
        );
        assert_eq!(
            canonical(json!({"errors": ["b", "a"]})),
            json!({"errors": ["a", "b"]})
        );
    }
}
