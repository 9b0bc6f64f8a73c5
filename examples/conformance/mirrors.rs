//! The `mirrors` area's additions to the generic engine (its `OPS.md`):
//!
//! * a rendered registries.conf (`registries_conf`, and the `content` of
//!   `search_registries_drop_ins`) is compared as TOML data with every `""` / `false` value
//!   removed, and arrays of tables (`registry`, `mirror`) removed when empty, on both sides;
//! * `oc_migrate_icsp` results hold `<<GEN:RAND>>` placeholders for random numbers
//!   (`[0-9]{6,19}`): a library string matching the expected one with each placeholder as that
//!   pattern is taken as equal.

use regex::Regex;
use serde_json::{Map, Value};

use super::engine::{Case, CaseError, Expectation, Verdict, evaluate};

/// The placeholder of a random number.
const RAND: &str = "<<GEN:RAND>>";

/// Judges a case after normalising rendered registries.conf data and matching placeholders.
#[must_use]
pub fn judge(case: &Case, outcome: &Result<Value, CaseError>) -> Verdict {
    let normalize = |expectation: &Expectation| match expectation {
        Expectation::Value(value) => Expectation::Value(normalized(value.clone())),
        Expectation::Error(error) => Expectation::Error(error.clone()),
    };
    let expected = normalize(&case.expected);
    let outcome = outcome.as_ref().map(|value| {
        let value = normalized(value.clone());
        match &expected {
            Expectation::Value(want) => with_placeholders(want, value),
            Expectation::Error(_) => value,
        }
    });
    let canonical_case = Case {
        expected,
        fixed: case.fixed.as_ref().map(normalize),
        ..case.clone()
    };
    evaluate(&canonical_case, &outcome.map_err(Clone::clone))
}

/// Normalises every registries.conf document inside a result.
fn normalized(value: Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(key, value)| {
                    let value = if key == "registries_conf" || key == "content" {
                        match value {
                            conf @ Value::Object(_) => stripped(conf).unwrap_or(Value::Null),
                            other => other,
                        }
                    } else {
                        normalized(value)
                    };
                    (key, value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(normalized).collect()),
        other => other,
    }
}

/// TOML data without `""` / `false` values and without empty arrays of tables.
fn stripped(value: Value) -> Option<Value> {
    match value {
        Value::String(s) if s.is_empty() => None,
        Value::Bool(false) => None,
        Value::Object(fields) => {
            let mut out = Map::new();
            for (key, value) in fields {
                let empty_tables = (key == "registry" || key == "mirror")
                    && matches!(&value, Value::Array(items) if items.is_empty());
                if empty_tables {
                    continue;
                }
                if let Some(value) = stripped(value) {
                    out.insert(key, value);
                }
            }
            Some(Value::Object(out))
        }
        Value::Array(items) => Some(Value::Array(
            items.into_iter().filter_map(stripped).collect(),
        )),
        other => Some(other),
    }
}

/// `got` with every string that matches its expected counterpart's placeholders replaced by
/// the expected string.
fn with_placeholders(want: &Value, got: Value) -> Value {
    match (want, got) {
        (Value::String(w), Value::String(g)) if w.contains(RAND) => {
            if placeholder_regex(w).is_some_and(|re| re.is_match(&g)) {
                Value::String(w.clone())
            } else {
                Value::String(g)
            }
        }
        (Value::Object(w), Value::Object(g)) => Value::Object(
            g.into_iter()
                .map(|(k, v)| {
                    let v = match w.get(&k) {
                        Some(wv) => with_placeholders(wv, v),
                        None => v,
                    };
                    (k, v)
                })
                .collect(),
        ),
        (Value::Array(w), Value::Array(g)) => Value::Array(
            g.into_iter()
                .enumerate()
                .map(|(i, v)| match w.get(i) {
                    Some(wv) => with_placeholders(wv, v),
                    None => v,
                })
                .collect(),
        ),
        (_, got) => got,
    }
}

/// The expected string as a full-match regex, each placeholder `[0-9]{6,19}`.
fn placeholder_regex(want: &str) -> Option<Regex> {
    let pattern: Vec<String> = want.split(RAND).map(regex::escape).collect();
    Regex::new(&format!("^(?s:{})$", pattern.join("[0-9]{6,19}"))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn registries_conf_data_drops_empty_values() {
        let got = normalized(json!({"registries_conf": {"short-name-mode": "",
            "unqualified-search-registries": [], "registry": [{"prefix": "", "location": "a",
            "insecure": false, "mirror": []}]}}));
        assert_eq!(
            got,
            json!({"registries_conf": {"unqualified-search-registries": [],
                "registry": [{"location": "a"}]}})
        );
    }

    #[test]
    fn random_numbers_match_placeholders() {
        let want = json!({"stdout": "wrote x.<<GEN:RAND>>.yaml"});
        assert_eq!(
            with_placeholders(&want, json!({"stdout": "wrote x.0012345.yaml"})),
            want
        );
        assert_ne!(
            with_placeholders(&want, json!({"stdout": "wrote x.12.yaml"})),
            want
        );
    }
}
