//! Printing as client-go's `PrintResults` does: Go `fmt.Fprint` for scalars, Go
//! `encoding/json` (compact, or `MarshalIndent` with four spaces for jsonpath-as-json) for maps
//! and arrays.

use std::fmt::Write as _;

use serde_json::Value;

use super::eval::{Item, Num, classify};
use super::{ExecuteOptions, JsonPathError, MAX_OUTPUT_BYTES, NumberMode};

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
                    Item::Data(v @ (Value::Object(_) | Value::Array(_))) => {
                        write_value(&mut out, v, None, mode);
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
        Item::Data(Value::Null) => out.push_str("null"),
        Item::Data(Value::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
        Item::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Item::Data(Value::String(s)) => out.push_str(s),
        Item::Text(s) => out.push_str(s),
        Item::Data(Value::Number(n)) => match classify(n, mode) {
            Some(Num::Int(i)) => {
                let _ = write!(out, "{i}");
            }
            Some(Num::Float(f)) => out.push_str(&format_g(f)),
            None => out.push_str(&n.to_string()),
        },
        Item::Data(v) => write_value(out, v, None, mode),
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
            Item::Data(v) => write_value(out, v, Some(1), mode),
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

/// Go `encoding/json` string encoding (HTML-safe).
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A document number as Go's encoder writes it.
fn json_number(out: &mut String, n: &serde_json::Number, mode: NumberMode) {
    match classify(n, mode) {
        Some(Num::Int(i)) => {
            let _ = write!(out, "{i}");
        }
        Some(Num::Float(f)) => out.push_str(&float_text(f)),
        None => out.push_str(&n.to_string()),
    }
}

fn newline(out: &mut String, level: usize) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("    ");
    }
}

/// Writes `value` as Go's encoder (`level`: `None` = compact). Iterative.
fn write_value(out: &mut String, value: &Value, level: Option<usize>, mode: NumberMode) {
    enum Step<'a> {
        Value(&'a Value, usize),
        Close(char, usize, bool),
        Key(&'a str),
        Comma(usize),
    }
    let pretty = level.is_some();
    let mut stack = vec![Step::Value(value, level.unwrap_or(0))];
    while let Some(step) = stack.pop() {
        match step {
            Step::Key(k) => {
                write_string(out, k);
                out.push_str(if pretty { ": " } else { ":" });
            }
            Step::Comma(level) => {
                out.push(',');
                if pretty {
                    newline(out, level);
                }
            }
            Step::Close(c, level, any) => {
                if pretty && any {
                    newline(out, level);
                }
                out.push(c);
            }
            Step::Value(v, level) => match v {
                Value::Null => out.push_str("null"),
                Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Value::Number(n) => json_number(out, n, mode),
                Value::String(s) => write_string(out, s),
                Value::Array(items) => {
                    out.push('[');
                    stack.push(Step::Close(']', level, !items.is_empty()));
                    for (i, item) in items.iter().enumerate().rev() {
                        stack.push(Step::Value(item, level + 1));
                        if i > 0 {
                            stack.push(Step::Comma(level + 1));
                        }
                    }
                    if pretty && !items.is_empty() {
                        newline(out, level + 1);
                    }
                }
                Value::Object(map) => {
                    out.push('{');
                    stack.push(Step::Close('}', level, !map.is_empty()));
                    for (i, (k, item)) in map.iter().enumerate().rev() {
                        stack.push(Step::Value(item, level + 1));
                        stack.push(Step::Key(k));
                        if i > 0 {
                            stack.push(Step::Comma(level + 1));
                        }
                    }
                    if pretty && !map.is_empty() {
                        newline(out, level + 1);
                    }
                }
            },
        }
    }
}

/// Go `%v` of a value (for `… cannot be filtered`): `map[k:v …]` with sorted keys, `[a b]`,
/// `<nil>`. Iterative.
pub(super) fn go_v(item: Item<'_>, mode: NumberMode) -> String {
    enum Step<'a> {
        Value(&'a Value),
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
            Step::Value(v) => match v {
                Value::Null => out.push_str("<nil>"),
                Value::Array(items) => {
                    out.push('[');
                    stack.push(Step::Text("]"));
                    for (i, item) in items.iter().enumerate().rev() {
                        stack.push(Step::Value(item));
                        if i > 0 {
                            stack.push(Step::Text(" "));
                        }
                    }
                }
                Value::Object(map) => {
                    out.push_str("map[");
                    stack.push(Step::Text("]"));
                    for (i, (k, item)) in map.iter().enumerate().rev() {
                        stack.push(Step::Value(item));
                        stack.push(Step::Key(k));
                        if i > 0 {
                            stack.push(Step::Text(" "));
                        }
                    }
                }
                other => write_text(&mut out, Item::Data(other), mode),
            },
        }
    }
    out
}

/// Go `encoding/json` float64: ES6 style, exponent iff < 1e-6 or ≥ 1e21.
fn float_text(f: f64) -> String {
    let abs = f.abs();
    if abs == 0.0 || (1e-6..1e21).contains(&abs) {
        return format!("{f}");
    }
    let s = format!("{f:e}");
    match s.split_once('e') {
        Some((mant, exp)) if !exp.starts_with('-') => format!("{mant}e+{exp}"),
        _ => s,
    }
}

/// Shortest round-trip digits of `|f|` and the decimal point position (`|f| = 0.d × 10^dp`).
fn shortest_digits(f: f64) -> (String, i32) {
    let formatted = format!("{:e}", f.abs());
    let (mantissa, exp) = formatted.split_once('e').unwrap_or((&formatted, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits = digits.trim_end_matches('0');
    if digits.is_empty() {
        return ("0".to_owned(), 1);
    }
    (digits.to_owned(), exp + 1)
}

/// Go `%v` of a float64 (`strconv.FormatFloat(f, 'g', -1, 64)`).
pub(super) fn format_g(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.to_owned();
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let (digits, dp) = shortest_digits(f);
    let nd = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    let exp = dp - 1;
    let mut out = String::from(sign);
    if f != 0.0 && !(-4..6).contains(&exp) {
        let mut chars = digits.chars();
        out.extend(chars.next());
        let rest: String = chars.collect();
        if !rest.is_empty() {
            out.push('.');
            out.push_str(&rest);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        let _ = write!(out, "{:02}", exp.unsigned_abs());
        return out;
    }
    if f == 0.0 {
        out.push('0');
        return out;
    }
    let digit = |i: i32| -> char {
        usize::try_from(i)
            .ok()
            .and_then(|i| digits.as_bytes().get(i))
            .map_or('0', |&b| char::from(b))
    };
    if dp > 0 {
        for i in 0..dp {
            out.push(digit(i));
        }
    } else {
        out.push('0');
    }
    let decimals = (nd - dp).max(0);
    if decimals > 0 {
        out.push('.');
        for i in 0..decimals {
            out.push(digit(dp + i));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g_format() {
        let cases = [
            (1_000_000.0, "1e+06"),
            (1_234_567.0, "1.234567e+06"),
            (999_999.0, "999999"),
            (100_000.5, "100000.5"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.00123, "0.00123"),
            (0.5, "0.5"),
            (3.0, "3"),
            (-0.0, "-0"),
            (5e-324, "5e-324"),
            (1.5, "1.5"),
        ];
        for (f, want) in cases {
            assert_eq!(format_g(f), want, "{f}");
        }
    }

    #[test]
    fn json_floats() {
        let cases = [
            (1_000_000.0, "1000000"),
            (1e20, "100000000000000000000"),
            (1e21, "1e+21"),
            (1e-7, "1e-7"),
            (0.000001, "0.000001"),
            (-0.0, "-0"),
        ];
        for (f, want) in cases {
            assert_eq!(float_text(f), want, "{f}");
        }
    }
}
