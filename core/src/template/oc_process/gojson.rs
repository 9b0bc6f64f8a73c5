//! What `oc` prints as JSON: Go's `json.MarshalIndent(v, "", "    ")` over unstructured
//! objects (keys sorted, `<`, `>`, `&` escaped, numbers as Go's int64 / float64 encoding), and
//! Go's float formats (`%v` / `strconv.FormatFloat(f, 'g', -1, 64)`).

use serde_json::{Number, Value};

use super::super::gojson::{float_text, write_string};

/// The number as Go prints it after decoding it into an unstructured object: an integer
/// literal stays (`-0` becomes `0`; integers beyond int64, which upstream turns into
/// float64, are kept exact — spec §12), anything else is a float64 in Go's JSON form.
pub(super) fn number_text(n: &Number) -> String {
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

/// The number as a float64 (`None` when not finite).
pub(super) fn number_f64(n: &Number) -> Option<f64> {
    n.to_string().parse::<f64>().ok().filter(|f| f.is_finite())
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
        out.push_str(&format!("{:02}", exp.unsigned_abs()));
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

/// Compact Go JSON of `value` (keys sorted, HTML escaping, Go numbers), as `json.Marshal`
/// writes an unstructured value.
pub(super) fn compact(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, None);
    out
}

/// `json.MarshalIndent(value, "", "    ")`.
pub(super) fn indent(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, Some(0));
    out
}

/// The `corev1.List` `oc process` prints: `kind`, `apiVersion`, `metadata`, `items` in struct
/// order, each item's keys sorted; `items` is `null` when the template had no `objects`.
pub(super) fn list_indent(items: Option<&[Value]>) -> String {
    let mut out = String::from(
        "{\n    \"kind\": \"List\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {},\n    \"items\": ",
    );
    match items {
        None => out.push_str("null"),
        Some(items) => write_value(&mut out, &Value::Array(items.to_vec()), Some(1)),
    }
    out.push_str("\n}");
    out
}

fn newline(out: &mut String, level: usize) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("    ");
    }
}

/// Writes `value`; `level` is the indentation level (`None` = compact). Iterative, so any
/// nesting depth is safe.
fn write_value(out: &mut String, value: &Value, level: Option<usize>) {
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
                Value::Number(n) => out.push_str(&number_text(n)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g_format() {
        for (f, want) in [
            (0.0, "0"),
            (-0.0, "-0"),
            (1.0, "1"),
            (100000.0, "100000"),
            (1000000.0, "1e+06"),
            (1234567.0, "1.234567e+06"),
            (1.5, "1.5"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1e21, "1e+21"),
            (-2.5e-7, "-2.5e-07"),
            (123.456, "123.456"),
        ] {
            assert_eq!(format_g(f), want, "{f}");
        }
    }

    #[test]
    fn numbers() {
        let n = |s: &str| match serde_json::from_str::<Value>(s) {
            Ok(Value::Number(n)) => number_text(&n),
            _ => String::new(),
        };
        assert_eq!(n("5"), "5");
        assert_eq!(n("-0"), "0");
        assert_eq!(n("1.0"), "1");
        assert_eq!(n("1e3"), "1000");
        assert_eq!(n("12345678901234567890"), "12345678901234567890");
        assert_eq!(n("1.5e-7"), "1.5e-7");
    }

    #[test]
    fn indents_like_go() {
        let v: Value =
            serde_json::from_str(r#"{"b":[1,{}],"a":{"x":"<"},"c":[]}"#).unwrap_or_default();
        assert_eq!(
            indent(&v),
            "{\n    \"a\": {\n        \"x\": \"\\u003c\"\n    },\n    \"b\": [\n        1,\n        {}\n    ],\n    \"c\": []\n}"
        );
        assert_eq!(compact(&v), r#"{"a":{"x":"\u003c"},"b":[1,{}],"c":[]}"#);
        assert_eq!(
            list_indent(Some(&[])),
            "{\n    \"kind\": \"List\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {},\n    \"items\": []\n}"
        );
    }
}
