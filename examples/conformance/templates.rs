//! The `templates` area's additions to the generic engine (its `OPS.md`):
//!
//! * a `template` object is passed as its exact text from the case line (error texts quote
//!   objects in their input key order, which a parsed map does not keep);
//! * `template_file` inputs name a file relative to the vector file's folder: a `.json` file
//!   is passed as `template` (its JSON text, so big integers stay exact), any other as
//!   `template_yaml`;
//! * `templates.process` cases flagged `nondeterministic` hold `<<GEN:NAME>>` placeholders:
//!   they are replaced by the library's generated values before comparing, and the values are
//!   checked against the case's regexes (`generated` → passed, `generated_inclusive` →
//!   deviation, the documented inclusive ranges);
//! * `templates.generate` rows describe upstream's output set: the library generates
//!   [`GENERATE_RUNS`] values with seeds `0..` (Go-compatible mode for the `rescan/` and
//!   `empty/` rows) and each must match the row's `regex` in full (or `fixed.expect.regex`:
//!   deviation).

use regex::Regex;
use serde_json::{Map, Value};

use super::engine::{self, Case, CaseError, Expectation, Verdict, evaluate, json_eq};
use super::library;

/// How many values a `templates.generate` row is checked with.
pub const GENERATE_RUNS: u64 = 40;

/// Runs one `templates` op, loading a `template_file` first.
///
/// # Errors
///
/// As [`library::dispatch`]; an unreadable `template_file` is an input error.
pub fn dispatch(op: &str, input: &Value) -> Result<Value, CaseError> {
    if let Some(file) = input.get("template_file").and_then(Value::as_str) {
        return library::dispatch(op, &with_template_file(input, file)?);
    }
    match (input.get("template"), template_text(&engine::case_line())) {
        // The template as written, so that error texts quoting an object keep its key order
        // (a parsed map sorts its keys).
        (Some(Value::Object(_)), Some(text)) => {
            let mut fields = input.as_object().cloned().unwrap_or_default();
            fields.insert("template".to_owned(), Value::String(text));
            library::dispatch(op, &Value::Object(fields))
        }
        _ => library::dispatch(op, input),
    }
}

/// The exact text of `input.template` in a case line, if it has one.
fn template_text(line: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Line<'a> {
        #[serde(borrow)]
        input: Input<'a>,
    }
    #[derive(serde::Deserialize)]
    struct Input<'a> {
        #[serde(borrow)]
        template: Option<&'a serde_json::value::RawValue>,
    }
    let line: Line<'_> = serde_json::from_str(line).ok()?;
    line.input.template.map(|raw| raw.get().to_owned())
}

fn with_template_file(input: &Value, file: &str) -> Result<Value, CaseError> {
    let path = engine::case_dir().unwrap_or_default().join(file);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| CaseError::input(format!("template_file {}: {e}", path.display())))?;
    let mut fields: Map<String, Value> = input.as_object().cloned().unwrap_or_default();
    fields.remove("template_file");
    let key = if file.ends_with(".json") {
        "template"
    } else {
        "template_yaml"
    };
    fields.insert(key.to_owned(), Value::String(text));
    Ok(Value::Object(fields))
}

/// Judges a `templates` case (see the module documentation).
#[must_use]
pub fn judge(case: &Case, outcome: &Result<Value, CaseError>) -> Verdict {
    match case.op.as_str() {
        "templates.generate" => judge_generate(case),
        "templates.process" if case.has_flag("nondeterministic") => judge_generated(case, outcome),
        _ => evaluate(case, outcome),
    }
}

fn failed(expected: impl Into<String>, got: impl Into<String>) -> Verdict {
    Verdict::Failed {
        expected: expected.into(),
        got: got.into(),
    }
}

/// `^(?:re)$`: the vectors' regexes match in full.
fn full_regex(pattern: &str) -> Result<Regex, String> {
    Regex::new(&format!("^(?:{pattern})$")).map_err(|e| format!("bad regex in the case: {e}"))
}

fn judge_generate(case: &Case) -> Verdict {
    let go_compat = case.id.starts_with("rescan/") || case.id.starts_with("empty/");
    let expression = case.input.get("expression").cloned().unwrap_or(Value::Null);
    let runs: Vec<Result<Value, CaseError>> = (0..GENERATE_RUNS)
        .map(|seed| {
            let input = serde_json::json!({
                "expression": expression, "seed": seed, "go_compat": go_compat
            });
            library::dispatch("templates.generate", &input)
        })
        .collect();
    let regex_of = |expectation: Option<&Expectation>| match expectation {
        Some(Expectation::Value(value)) => value
            .get("regex")
            .and_then(Value::as_str)
            .map(str::to_owned),
        _ => None,
    };
    match &case.expected {
        Expectation::Error(_) => {
            // Every run must fail the same way; judge the first with the generic rules.
            let first = runs.into_iter().next().unwrap_or(Ok(Value::Null));
            evaluate(case, &first)
        }
        Expectation::Value(_) => {
            let Some(pattern) = regex_of(Some(&case.expected)) else {
                return failed("a `regex` in expect", "none");
            };
            let values: Result<Vec<String>, String> = runs
                .into_iter()
                .map(|run| match run {
                    Ok(Value::String(s)) => Ok(s),
                    Ok(other) => Err(format!("a string, got {other}")),
                    Err(e) => Err(e.to_string()),
                })
                .collect();
            let values = match values {
                Ok(values) => values,
                Err(got) => return failed(format!("values matching {pattern}"), got),
            };
            let all_match = |pattern: &str| {
                full_regex(pattern).map(|re| values.iter().find(|v| !re.is_match(v)).cloned())
            };
            match all_match(&pattern) {
                Ok(None) => return Verdict::Passed,
                Err(e) => return failed(pattern, e),
                Ok(Some(_)) => {}
            }
            if case.has_flag("upstream_bug")
                && let Some(fixed) = regex_of(case.fixed.as_ref())
                && matches!(all_match(&fixed), Ok(None))
            {
                return Verdict::Deviation;
            }
            let bad = all_match(&pattern).ok().flatten().unwrap_or_default();
            failed(format!("values matching {pattern}"), format!("{bad:?}"))
        }
    }
}

fn judge_generated(case: &Case, outcome: &Result<Value, CaseError>) -> Verdict {
    let Ok(result) = outcome else {
        return evaluate(case, outcome);
    };
    let Expectation::Value(expected) = &case.expected else {
        return evaluate(case, outcome);
    };
    let regexes = |field: &str| -> Map<String, Value> {
        case.raw
            .get(field)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let generated = regexes("generated");
    let inclusive = regexes("generated_inclusive");
    // The value of NAME: that of the last parameter named NAME (substitution uses the last).
    let mut values: Vec<(String, String)> = Vec::new();
    for name in generated.keys() {
        let value = result
            .get("parameters")
            .and_then(Value::as_array)
            .and_then(|params| {
                params
                    .iter()
                    .rev()
                    .find(|p| p.get("name").and_then(Value::as_str) == Some(name))
            })
            .and_then(|p| p.get("value"))
            .and_then(Value::as_str);
        match value {
            Some(value) => values.push((name.clone(), value.to_owned())),
            None => return failed(format!("a generated value for {name}"), "none"),
        }
    }
    let filled = fill_placeholders(expected, &values);
    if !json_eq(&filled, result) {
        let filled_case = Case {
            expected: Expectation::Value(filled),
            flags: Vec::new(),
            fixed: None,
            ..case.clone()
        };
        return evaluate(&filled_case, outcome);
    }
    let matches = |table: &Map<String, Value>, fallback: &Map<String, Value>| {
        values.iter().all(|(name, value)| {
            table
                .get(name)
                .or_else(|| fallback.get(name))
                .and_then(Value::as_str)
                .and_then(|pattern| full_regex(pattern).ok())
                .is_some_and(|re| re.is_match(value))
        })
    };
    if matches(&generated, &generated) {
        Verdict::Passed
    } else if !inclusive.is_empty() && matches(&inclusive, &generated) {
        Verdict::Deviation
    } else {
        failed(
            format!("generated values matching {}", Value::Object(generated)),
            format!("{values:?}"),
        )
    }
}

/// `expected` with every `<<GEN:NAME>>` (in strings and map keys) replaced by NAME's value.
#[must_use]
pub fn fill_placeholders(expected: &Value, values: &[(String, String)]) -> Value {
    let fill = |text: &str| {
        values.iter().fold(text.to_owned(), |text, (name, value)| {
            text.replace(&format!("<<GEN:{name}>>"), value)
        })
    };
    match expected {
        Value::String(s) => Value::String(fill(s)),
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| fill_placeholders(v, values)).collect())
        }
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (fill(k), fill_placeholders(v, values)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn placeholders_fill_strings_and_keys() {
        let values = [("P".to_owned(), "abc".to_owned())];
        assert_eq!(
            fill_placeholders(&json!({"k-<<GEN:P>>": ["x<<GEN:P>>y", 1]}), &values),
            json!({"k-abc": ["xabcy", 1]})
        );
    }
}
