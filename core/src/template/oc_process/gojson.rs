//! What `oc` prints as JSON: Go's `json.MarshalIndent(v, "", "    ")` over unstructured
//! objects (keys sorted, `<`, `>`, `&` escaped, numbers as Go's int64 / float64 encoding), and
//! Go's float formats (`%v` / `strconv.FormatFloat(f, 'g', -1, 64)`).

use serde_json::{Number, Value};

pub(super) use crate::gojson::{format_g, number_text};

/// The number as a float64 (`None` when not finite).
pub(super) fn number_f64(n: &Number) -> Option<f64> {
    n.to_string().parse::<f64>().ok().filter(|f| f.is_finite())
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

/// Writes `value` with oc's numbers ([`number_text`]); `level` is the indentation level
/// (`None` = compact).
fn write_value(out: &mut String, value: &Value, level: Option<usize>) {
    crate::gojson::write_value(out, value, level, false, &|out, n| {
        out.push_str(&number_text(n))
    });
}

/// Go's `%#v` of the object the JSONPath engine was given (`map[string]interface {}{…}`,
/// keys sorted as `fmt` sorts them); `json_numbers`: every number is a float64.
pub(super) fn go_sharp_v(value: &Value, json_numbers: bool) -> String {
    enum Step<'a> {
        Value(&'a Value, bool),
        Text(&'static str),
        Key(&'a str),
    }
    let mut out = String::new();
    let mut stack = vec![Step::Value(value, false)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Text(t) => out.push_str(t),
            Step::Key(k) => {
                out.push_str(&crate::gofmt::GoQuoted(k).to_string());
                out.push(':');
            }
            Step::Value(v, in_interface) => match v {
                Value::Null if in_interface => out.push_str("interface {}(nil)"),
                Value::Null => out.push_str("<nil>"),
                Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Value::String(s) => out.push_str(&crate::gofmt::GoQuoted(s).to_string()),
                Value::Number(n) => {
                    let literal = n.to_string();
                    match literal.parse::<i64>() {
                        Ok(i) if !json_numbers => out.push_str(&i.to_string()),
                        _ => out.push_str(&number_f64(n).map_or(literal, format_g)),
                    }
                }
                Value::Array(items) => {
                    out.push_str("[]interface {}{");
                    stack.push(Step::Text("}"));
                    for (i, item) in items.iter().enumerate().rev() {
                        stack.push(Step::Value(item, true));
                        if i > 0 {
                            stack.push(Step::Text(", "));
                        }
                    }
                }
                Value::Object(map) => {
                    out.push_str("map[string]interface {}{");
                    stack.push(Step::Text("}"));
                    for (i, (k, item)) in map.iter().enumerate().rev() {
                        stack.push(Step::Value(item, true));
                        stack.push(Step::Key(k));
                        if i > 0 {
                            stack.push(Step::Text(", "));
                        }
                    }
                }
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn go_syntax_of_objects() {
        let v: Value =
            serde_json::from_str(r#"{"b":[1,null,1.5],"a":{"x":"<"},"c":null,"n":1000000}"#)
                .unwrap_or_default();
        assert_eq!(
            go_sharp_v(&v, false),
            r#"map[string]interface {}{"a":map[string]interface {}{"x":"<"}, "b":[]interface {}{1, interface {}(nil), 1.5}, "c":interface {}(nil), "n":1000000}"#
        );
        assert_eq!(
            go_sharp_v(&v, true),
            r#"map[string]interface {}{"a":map[string]interface {}{"x":"<"}, "b":[]interface {}{1, interface {}(nil), 1.5}, "c":interface {}(nil), "n":1e+06}"#
        );
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
