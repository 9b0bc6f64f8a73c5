//! Go `encoding/json` and `strconv` formatting shared by the template, `oc process` and
//! JSONPath printers: HTML-safe string escaping, float64 in JSON form and in `%v` form, and
//! the compact / `MarshalIndent(v, "", "    ")` writer over `serde_json` values.

use std::fmt::Write as _;

use serde_json::{Number, Value};

/// Appends `s` as a JSON string the way Go's encoder writes it with HTML escaping on.
pub(crate) fn write_string(out: &mut String, s: &str) {
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

/// A float64 as Go's encoder writes it: shortest round-trip digits, plain notation for
/// `1e-6 <= |f| < 1e21`, else exponent form with an explicit sign (`1e+21`, `1.5e-7`).
pub(crate) fn float_text(f: f64) -> String {
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

/// Shortest round-trip decimal digits of `|f|` and the decimal point position (Go's
/// `decimalSlice` `d`, `dp`: `|f| = 0.d × 10^dp`).
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

/// Go's `strconv.FormatFloat(f, 'g', -1, 64)` (also `fmt`'s `%v`): `%e` when the exponent is
/// below -4 or at least 6 (`1e+06`, `1.5e-07`), else `%f` (`123456`, `0.001`).
pub(crate) fn format_g(f: f64) -> String {
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

fn newline(out: &mut String, level: usize) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("    ");
    }
}

/// Writes `value` as Go's encoder writes an unstructured value: `level` is the indentation
/// level of `MarshalIndent(v, "", "    ")` (`None` = compact `Marshal`), HTML escaping on,
/// each number written by `number` (the callers decode numbers differently). Keys come in
/// the map's order (byte-sorted, as Go sorts them, while serde_json's `preserve_order` is
/// off); `sort_keys` sorts them explicitly in case another crate turns that feature on.
/// Iterative, so any nesting depth is safe.
pub(crate) fn write_value(
    out: &mut String,
    value: &Value,
    level: Option<usize>,
    sort_keys: bool,
    number: &dyn Fn(&mut String, &Number),
) {
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
                Value::Number(n) => number(out, n),
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
                    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                    if sort_keys {
                        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
                    }
                    for (i, (k, item)) in entries.into_iter().enumerate().rev() {
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

/// The number as Go prints it after decoding it into an unstructured object: an integer
/// literal stays (`-0` becomes `0`; integers beyond int64, which upstream turns into
/// float64, are kept exact — spec §12), anything else is a float64 in Go's JSON form.
pub(crate) fn number_text(n: &Number) -> String {
    let text = n.to_string();
    let digits = text.strip_prefix('-').unwrap_or(&text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if digits.bytes().all(|b| b == b'0') {
            return "0".to_owned();
        }
        return text;
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() => float_text(f),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_like_go() {
        let cases = [
            ("a<b>&c", r#""a\u003cb\u003e\u0026c""#),
            ("q\"\\", r#""q\"\\""#),
            ("\u{1}\n\u{8}", r#""\u0001\n\b""#),
            ("é", "\"é\""),
        ];
        for (input, want) in cases {
            let mut out = String::new();
            write_string(&mut out, input);
            assert_eq!(out, want, "{input:?}");
        }
    }

    #[test]
    fn json_floats_like_go() {
        let cases = [
            (1000.0, "1000"),
            (1_000_000.0, "1000000"),
            (1.5, "1.5"),
            (1e20, "100000000000000000000"),
            (1e21, "1e+21"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (1.2345678901234567e19, "12345678901234567000"),
            (-0.0, "-0"),
        ];
        for (f, want) in cases {
            assert_eq!(float_text(f), want, "{f}");
        }
    }

    #[test]
    fn g_format() {
        let cases = [
            (0.0, "0"),
            (-0.0, "-0"),
            (1.0, "1"),
            (3.0, "3"),
            (100000.0, "100000"),
            (999_999.0, "999999"),
            (100_000.5, "100000.5"),
            (1_000_000.0, "1e+06"),
            (1_234_567.0, "1.234567e+06"),
            (1.5, "1.5"),
            (0.5, "0.5"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.00123, "0.00123"),
            (1e21, "1e+21"),
            (-2.5e-7, "-2.5e-07"),
            (123.456, "123.456"),
            (5e-324, "5e-324"),
        ];
        for (f, want) in cases {
            assert_eq!(format_g(f), want, "{f}");
        }
    }

    #[test]
    fn writes_compact_and_indented() {
        let v: Value =
            serde_json::from_str(r#"{"b":[1,{}],"a":{"x":"<"},"c":[]}"#).unwrap_or_default();
        let raw = |out: &mut String, n: &Number| out.push_str(&n.to_string());
        let mut pretty = String::new();
        write_value(&mut pretty, &v, Some(0), false, &raw);
        assert_eq!(
            pretty,
            "{\n    \"a\": {\n        \"x\": \"\\u003c\"\n    },\n    \"b\": [\n        1,\n        {}\n    ],\n    \"c\": []\n}"
        );
        let mut compact = String::new();
        write_value(&mut compact, &v, None, true, &raw);
        assert_eq!(compact, r#"{"a":{"x":"\u003c"},"b":[1,{}],"c":[]}"#);
    }
}
