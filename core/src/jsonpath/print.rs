//! Printing as client-go's `PrintResults` does: Go `fmt.Fprint` for scalars, Go
//! `encoding/json` (compact, or `MarshalIndent` with four spaces for jsonpath-as-json) for maps
//! and arrays.

use std::fmt::Write as _;

use serde_json::Value;

use super::doc::{DocRef, View};

use super::eval::{Item, Num, classify};
use super::{ExecuteOptions, JsonPathError, MAX_OUTPUT_BYTES, NumberMode};
use crate::gojson::{float_text, format_g, write_string};

/// Prints every result list in order, no separator between lists, one space between items.
pub(super) fn print_lists(
    lists: &[Vec<Item<'_>>],
    options: &ExecuteOptions,
) -> Result<String, JsonPathError> {
    let mut out = String::new();
    let mode = options.numbers;
    for list in lists {
        if options.output_json {
            write_indent_list(&mut out, list, mode)?;
            out.push('\n');
        } else {
            for (i, item) in list.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                match item {
                    Item::Data(v) if matches!(v.view(), View::Object(_) | View::Array(_)) => {
                        write_value(&mut out, *v, None, mode);
                    }
                    other => write_text(&mut out, *other, mode),
                }
                if out.len() > MAX_OUTPUT_BYTES {
                    return Err(JsonPathError::Limit("output size"));
                }
            }
        }
        if out.len() > MAX_OUTPUT_BYTES {
            return Err(JsonPathError::Limit("output size"));
        }
    }
    Ok(out)
}

/// `fmt.Fprint` of a scalar (`evalToText`).
fn write_text(out: &mut String, item: Item<'_>, mode: NumberMode) {
    match item {
        Item::Invalid => out.push_str("<no value>"),
        Item::Data(d) => match d.view() {
            View::Null => out.push_str("null"),
            View::Bool(b) => out.push_str(if b { "true" } else { "false" }),
            View::String(s) => out.push_str(s),
            View::Number(n) => match classify(n, mode) {
                Some(Num::Int(i)) => {
                    let _ = write!(out, "{i}");
                }
                Some(Num::Float(f)) => out.push_str(&format_g(f)),
                None => out.push_str(n),
            },
            View::Array(_) | View::Object(_) => write_value(out, d, None, mode),
        },
        Item::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Item::Text(s) => out.push_str(s),
        Item::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Item::Float(f) => out.push_str(&format_g(f)),
        Item::Byte(b) => {
            let _ = write!(out, "{b}");
        }
    }
}

/// `json.MarshalIndent(list, "", "    ")` of the result list.
fn write_indent_list(
    out: &mut String,
    list: &[Item<'_>],
    mode: NumberMode,
) -> Result<(), JsonPathError> {
    if list.is_empty() {
        out.push_str("[]");
        return Ok(());
    }
    out.push('[');
    for (i, item) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("\n    ");
        match item {
            Item::Invalid => return Err(JsonPathError::ZeroValue),
            Item::Data(v) => write_value(out, *v, Some(1), mode),
            Item::Text(s) => write_string(out, s),
            Item::Int(v) => {
                let _ = write!(out, "{v}");
            }
            Item::Float(f) => out.push_str(&float_text(*f)),
            Item::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Item::Byte(b) => {
                let _ = write!(out, "{b}");
            }
        }
        if out.len() > MAX_OUTPUT_BYTES {
            return Err(JsonPathError::Limit("output size"));
        }
    }
    out.push_str("\n]");
    Ok(())
}

/// A document number as Go's encoder writes it.
fn json_number(out: &mut String, n: &serde_json::Number, mode: NumberMode) {
    match classify(n.as_str(), mode) {
        Some(Num::Int(i)) => {
            let _ = write!(out, "{i}");
        }
        Some(Num::Float(f)) => out.push_str(&float_text(f)),
        None => out.push_str(n.as_str()),
    }
}

/// Writes `value` as Go's encoder (`level`: `None` = compact), numbers decoded per `mode`.
/// Maps and arrays are rare in printed results: going through `serde_json` keeps one JSON
/// writer for the crate.
fn write_value(out: &mut String, value: DocRef<'_>, level: Option<usize>, mode: NumberMode) {
    let value: Value = value.to_value();
    crate::gojson::write_value(out, &value, level, false, &|out, n| {
        json_number(out, n, mode)
    });
}

/// Go `%v` of a value (for `… cannot be filtered`): `map[k:v …]` with sorted keys, `[a b]`,
/// `<nil>`. Iterative.
pub(super) fn go_v(item: Item<'_>, mode: NumberMode) -> String {
    enum Step<'a> {
        Value(DocRef<'a>),
        Text(&'static str),
        Key(&'a str),
    }
    let mut out = String::new();
    let root = match item {
        Item::Data(v) => v,
        other => {
            write_text(&mut out, other, mode);
            return out;
        }
    };
    let mut stack = vec![Step::Value(root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Text(t) => out.push_str(t),
            Step::Key(k) => {
                out.push_str(k);
                out.push(':');
            }
            Step::Value(v) => match v.view() {
                View::Null => out.push_str("<nil>"),
                View::Array(items) => {
                    out.push('[');
                    stack.push(Step::Text("]"));
                    for (i, item) in items.iter().enumerate().rev() {
                        stack.push(Step::Value(item));
                        if i > 0 {
                            stack.push(Step::Text(" "));
                        }
                    }
                }
                View::Object(members) => {
                    out.push_str("map[");
                    stack.push(Step::Text("]"));
                    let members: Vec<_> = members.iter().collect();
                    for (i, (k, item)) in members.into_iter().enumerate().rev() {
                        stack.push(Step::Value(item));
                        stack.push(Step::Key(k));
                        if i > 0 {
                            stack.push(Step::Text(" "));
                        }
                    }
                }
                _ => write_text(&mut out, Item::Data(v), mode),
            },
        }
    }
    out
}
