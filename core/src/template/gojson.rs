//! Go `encoding/json` output details that error texts and `${{NAME}}` numbers depend on:
//! HTML-safe string escaping, compaction of raw JSON text, float formatting.

use std::fmt::Write as _;

use serde_json::Value;

use super::Parameter;

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

/// Compact JSON of `value` as Go's `json.Marshal` writes a `map[string]interface{}`: keys
/// sorted (serde_json's map is ordered by key bytes, like Go's sort), HTML escaping on,
/// numbers as their text. Iterative, so any depth is safe.
pub(crate) fn value_json(value: &Value) -> String {
    enum Step<'a> {
        Value(&'a Value),
        Text(&'static str),
        Key(&'a str),
    }
    let mut out = String::new();
    let mut stack = vec![Step::Value(value)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Text(t) => out.push_str(t),
            Step::Key(k) => {
                write_string(&mut out, k);
                out.push(':');
            }
            Step::Value(v) => match v {
                Value::Null => out.push_str("null"),
                Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Value::Number(n) => out.push_str(&n.to_string()),
                Value::String(s) => write_string(&mut out, s),
                Value::Array(items) => {
                    out.push('[');
                    stack.push(Step::Text("]"));
                    for (i, item) in items.iter().enumerate().rev() {
                        stack.push(Step::Value(item));
                        if i > 0 {
                            stack.push(Step::Text(","));
                        }
                    }
                }
                Value::Object(map) => {
                    out.push('{');
                    stack.push(Step::Text("}"));
                    // Sorted explicitly: serde_json's map keeps insertion order if another
                    // crate turns on `preserve_order`.
                    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
                    for (i, (k, item)) in entries.into_iter().enumerate().rev() {
                        stack.push(Step::Value(item));
                        stack.push(Step::Key(k));
                        if i > 0 {
                            stack.push(Step::Text(","));
                        }
                    }
                }
            },
        }
    }
    out
}

/// Go's `json.Compact` with HTML escaping, on valid JSON text: insignificant whitespace
/// dropped, `<`, `>`, `&`, U+2028 and U+2029 inside strings escaped, key order kept.
pub(crate) fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
                out.push(c);
                continue;
            }
            match c {
                '\\' => {
                    escaped = true;
                    out.push(c);
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                }
                c => out.push(c),
            }
        } else {
            match c {
                ' ' | '\t' | '\n' | '\r' => {}
                '"' => {
                    in_string = true;
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

/// A Parameter as Go's encoder writes `templatev1.Parameter`: declaration order, `name`
/// always, the others only when non-empty.
pub(crate) fn parameter_json(p: &Parameter) -> String {
    let mut out = String::from("{\"name\":");
    write_string(&mut out, &p.name);
    for (key, v) in [
        ("displayName", &p.display_name),
        ("description", &p.description),
        ("value", &p.value),
        ("generate", &p.generate),
        ("from", &p.from),
    ] {
        if !v.is_empty() {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":");
            write_string(&mut out, v);
        }
    }
    if p.required {
        out.push_str(",\"required\":true");
    }
    out.push('}');
    out
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
    fn compacts_keeping_order() {
        assert_eq!(
            compact("{ \"kind\" : \"\",\n \"a\": [1, \"x y<\"] }"),
            r#"{"kind":"","a":[1,"x y\u003c"]}"#
        );
        assert_eq!(compact(r#""a\"  b""#), r#""a\"  b""#);
    }

    #[test]
    fn floats_like_go() {
        let cases = [
            (1000.0, "1000"),
            (1.5, "1.5"),
            (1e21, "1e+21"),
            (1.5e-7, "1.5e-7"),
            (1.2345678901234567e19, "12345678901234567000"),
            (-0.0, "-0"),
        ];
        for (f, want) in cases {
            assert_eq!(float_text(f), want, "{f}");
        }
    }

    #[test]
    fn values_sorted_compact() {
        let v: Value = serde_json::from_str(r#"{"b":1,"a":{"z":null,"y":[true]}}"#).unwrap();
        assert_eq!(value_json(&v), r#"{"a":{"y":[true],"z":null},"b":1}"#);
    }
}
