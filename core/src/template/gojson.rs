//! Go `encoding/json` output details that error texts and `${{NAME}}` numbers depend on:
//! compaction of raw JSON text, `Parameter` and value encoding (string escaping, float64
//! formatting and the writer live in `crate::gojson`).

use std::fmt::Write as _;

use serde_json::Value;

use super::Parameter;

pub(crate) use crate::gojson::{float_text, write_string};

/// Compact JSON of `value` as Go's `json.Marshal` writes a `map[string]interface{}`: keys
/// sorted (serde_json's map is ordered by key bytes, like Go's sort), HTML escaping on,
/// numbers as their text. Iterative, so any depth is safe.
pub(crate) fn value_json(value: &Value) -> String {
    let mut out = String::new();
    crate::gojson::write_value(&mut out, value, None, true, &|out, n| {
        out.push_str(&n.to_string());
    });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacts_keeping_order() {
        assert_eq!(
            compact("{ \"kind\" : \"\",\n \"a\": [1, \"x y<\"] }"),
            r#"{"kind":"","a":[1,"x y\u003c"]}"#
        );
        assert_eq!(compact(r#""a\"  b""#), r#""a\"  b""#);
    }

    #[test]
    fn values_sorted_compact() {
        let v: Value = serde_json::from_str(r#"{"b":1,"a":{"z":null,"y":[true]}}"#).unwrap();
        assert_eq!(value_json(&v), r#"{"a":{"y":[true],"z":null},"b":1}"#);
    }
}
