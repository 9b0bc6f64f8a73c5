//! YAML → JSON the way sigs.k8s.io/yaml does it (go-yaml v2 into `interface{}`, then
//! `json.Marshal`): YAML 1.1 plain-scalar resolution (booleans `y`/`yes`/`on`/… in three
//! cases, `~`/`null`/empty nulls, octal `010`, hex `0x1F`, binary `0b101`, `_` separators),
//! keys stringified, anchors and aliases expanded (bounded), merge keys `<<`, first document
//! only, `.inf`/`.nan` rejected with `json: unsupported value: …`.
//!
//! yaml-rust2's event parser does the syntax; scalars are resolved here from their text,
//! style and tag.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::TScalarStyle;

use super::{MAX_DEPTH, gojson};
use crate::error::TemplateError;
use crate::goyaml::is_yaml_style_float;

/// Bound on the nodes that aliases may add (billion-laughs defence).
const MAX_ALIAS_NODES: usize = 1_000_000;

/// A resolved scalar, before it becomes a JSON value or a map key.
#[derive(Debug, Clone, PartialEq)]
enum Scalar {
    Null,
    Bool(bool),
    /// An integer's decimal text (int64 or uint64 range).
    Int(String),
    Float(f64),
    Str(String),
    /// The merge key `<<`.
    Merge,
}

fn syntax(message: impl Into<String>) -> TemplateError {
    TemplateError::Syntax {
        message: message.into(),
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)`, falling back to `ParseUint(s, 0, 64)`: the decimal text.
fn parse_go_int(s: &str) -> Option<String> {
    let (neg, unsigned) = match s.as_bytes().first()? {
        b'-' => (true, s.get(1..)?),
        b'+' => (false, s.get(1..)?),
        _ => (false, s),
    };
    let lower = unsigned.get(..2).map(str::to_ascii_lowercase);
    let (radix, digits) = match lower.as_deref() {
        Some("0x") => (16, unsigned.get(2..)?),
        Some("0o") => (8, unsigned.get(2..)?),
        Some("0b") => (2, unsigned.get(2..)?),
        _ if unsigned.len() > 1 && unsigned.starts_with('0') => (8, unsigned.get(1..)?),
        _ => (10, unsigned),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u128::from_str_radix(digits, radix).ok()?;
    if neg {
        // int64 only: ParseUint rejects a sign.
        (magnitude <= 1u128 << 63).then(|| {
            if magnitude == 0 {
                "0".to_owned()
            } else {
                format!("-{magnitude}")
            }
        })
    } else {
        (magnitude <= u128::from(u64::MAX)).then(|| magnitude.to_string())
    }
}

fn finite(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// go-yaml v2's `resolve` for an untagged plain scalar.
fn resolve_plain(s: &str) -> Scalar {
    match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Scalar::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Scalar::Bool(false);
        }
        "" | "~" | "null" | "Null" | "NULL" => return Scalar::Null,
        ".nan" | ".NaN" | ".NAN" => return Scalar::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Scalar::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Scalar::Float(f64::NEG_INFINITY),
        "<<" => return Scalar::Merge,
        _ => {}
    }
    match s.as_bytes().first() {
        Some(b'.') => {
            if let Some(f) = finite(s) {
                return Scalar::Float(f);
            }
        }
        Some(b'0'..=b'9' | b'+' | b'-') => {
            // Timestamps stay strings when decoded into interface{} (go-yaml v2).
            let plain = s.replace('_', "");
            if let Some(int) = parse_go_int(&plain) {
                return Scalar::Int(int);
            }
            if is_yaml_style_float(&plain)
                && let Some(f) = finite(&plain)
            {
                return Scalar::Float(f);
            }
        }
        _ => {}
    }
    Scalar::Str(s.to_owned())
}

fn is_core_tag(tag: &Tag, suffix: &str) -> bool {
    tag.handle == "tag:yaml.org,2002:" && tag.suffix == suffix
}

fn resolve(text: String, style: TScalarStyle, tag: Option<&Tag>) -> Result<Scalar, TemplateError> {
    let Some(tag) = tag else {
        return Ok(if style == TScalarStyle::Plain {
            resolve_plain(&text)
        } else {
            Scalar::Str(text)
        });
    };
    let want = ["null", "bool", "int", "float"]
        .into_iter()
        .find(|s| is_core_tag(tag, s));
    let Some(want) = want else {
        // `!!str`, `!!timestamp`, local and unknown tags: the text.
        return Ok(Scalar::Str(text));
    };
    let resolved = resolve_plain(&text);
    let ok = matches!(
        (want, &resolved),
        ("null", Scalar::Null)
            | ("bool", Scalar::Bool(_))
            | ("int", Scalar::Int(_))
            | ("float", Scalar::Float(_) | Scalar::Int(_))
    );
    if !ok {
        return Err(syntax(format!(
            "yaml: cannot decode !!str `{text}` as a !!{want}"
        )));
    }
    Ok(match (want, resolved) {
        ("float", Scalar::Int(i)) => Scalar::Float(i.parse::<f64>().unwrap_or(0.0)),
        (_, r) => r,
    })
}

fn number(text: &str) -> Result<Value, TemplateError> {
    serde_json::from_str::<Number>(text)
        .map(Value::Number)
        .map_err(|e| syntax(format!("yaml: invalid number {text}: {e}")))
}

/// The JSON value of a scalar (json.Marshal of go-yaml's result).
fn scalar_value(s: Scalar) -> Result<Value, TemplateError> {
    Ok(match s {
        Scalar::Null => Value::Null,
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::Int(i) => number(&i)?,
        Scalar::Float(f) if f.is_nan() => {
            return Err(TemplateError::UnsupportedValue {
                value: "NaN".into(),
            });
        }
        Scalar::Float(f) if f.is_infinite() => {
            let value = if f > 0.0 { "+Inf" } else { "-Inf" };
            return Err(TemplateError::UnsupportedValue {
                value: value.into(),
            });
        }
        Scalar::Float(f) => number(&gojson::float_text(f))?,
        Scalar::Str(s) => Value::String(s),
        Scalar::Merge => Value::String("<<".into()),
    })
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 32)` (sigs.k8s.io/yaml's float keys).
#[allow(clippy::cast_possible_truncation)] // the 32-bit rendering is the point
fn float_key(f: f64) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf" } else { "-.inf" }.into();
    }
    let f = f as f32;
    let e = format!("{f:e}");
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-4..6).contains(&exp) {
        format!("{f}")
    } else {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mant}e{sign}{:02}", exp.unsigned_abs())
    }
}

/// A map key from a resolved scalar, like sigs.k8s.io/yaml's conversion.
fn scalar_key(s: Scalar) -> Result<Key, TemplateError> {
    Ok(Key::Name(match s {
        Scalar::Str(s) => s,
        Scalar::Int(i) => i,
        Scalar::Float(f) => float_key(f),
        Scalar::Bool(b) => b.to_string(),
        Scalar::Merge => return Ok(Key::Merge),
        Scalar::Null => return Err(syntax("unsupported map key of type: <nil>")),
    }))
}

/// A map key from an aliased value.
fn value_key(v: &Value) -> Result<Key, TemplateError> {
    match v {
        Value::String(s) => Ok(Key::Name(s.clone())),
        Value::Number(n) => Ok(Key::Name(n.to_string())),
        Value::Bool(b) => Ok(Key::Name(b.to_string())),
        _ => Err(syntax(format!(
            "unsupported map key of type: {}",
            super::decode::json_type(v)
        ))),
    }
}

#[derive(Debug)]
enum Key {
    Name(String),
    Merge,
}

enum Frame {
    Seq {
        items: Vec<Value>,
        anchor: usize,
    },
    Map {
        map: Map<String, Value>,
        anchor: usize,
        key: Option<Key>,
    },
}

fn count_nodes(v: &Value) -> usize {
    let mut n = 0usize;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        n += 1;
        match v {
            Value::Array(items) => stack.extend(items),
            Value::Object(m) => stack.extend(m.values()),
            _ => {}
        }
    }
    n
}

/// go-yaml v2's merge: a mapping, or a sequence of mappings where earlier ones win.
fn merge_into(map: &mut Map<String, Value>, v: Value) -> Result<(), TemplateError> {
    match v {
        Value::Object(m) => {
            map.extend(m);
            Ok(())
        }
        Value::Array(items) => {
            for item in items.into_iter().rev() {
                let Value::Object(m) = item else {
                    return Err(syntax(
                        "yaml: map merge requires map or sequence of maps as the value",
                    ));
                };
                map.extend(m);
            }
            Ok(())
        }
        _ => Err(syntax(
            "yaml: map merge requires map or sequence of maps as the value",
        )),
    }
}

struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Value>,
    alias_nodes: usize,
    root: Option<Value>,
}

impl Builder {
    /// Adds a finished node; `key` is its scalar form when it may be a map key.
    fn push(&mut self, value: Value, key: Option<Scalar>) -> Result<(), TemplateError> {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { map, key: slot, .. }) => match slot.take() {
                None => {
                    *slot = Some(match key {
                        Some(s) => scalar_key(s)?,
                        None => value_key(&value)?,
                    });
                }
                Some(Key::Name(k)) => {
                    map.insert(k, value);
                }
                Some(Key::Merge) => merge_into(map, value)?,
            },
        }
        Ok(())
    }

    fn anchor(&mut self, anchor: usize, value: &Value) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
    }

    fn open(&mut self, frame: Frame) -> Result<(), TemplateError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(TemplateError::Limit {
                message: format!("YAML nested deeper than {MAX_DEPTH} levels"),
            });
        }
        if let Some(Frame::Map { key: None, .. }) = self.stack.last() {
            return Err(syntax("yaml: complex map keys are not supported"));
        }
        self.stack.push(frame);
        Ok(())
    }
}

/// Converts the first YAML document of `text` to JSON (`null` for an empty stream).
pub(crate) fn yaml_to_json(text: &str) -> Result<Value, TemplateError> {
    let mut parser = Parser::new_from_str(text);
    let mut b = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_nodes: 0,
        root: None,
    };
    loop {
        let (event, mark) = parser
            .next_token()
            .map_err(|e| syntax(format!("yaml: line {}: {}", e.marker().line(), e.info())))?;
        match event {
            Event::StreamEnd | Event::DocumentEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentStart => {}
            Event::Alias(id) => {
                let Some(v) = b.anchors.get(&id).cloned() else {
                    return Err(syntax(format!(
                        "yaml: line {}: unknown anchor referenced",
                        mark.line()
                    )));
                };
                b.alias_nodes = b.alias_nodes.saturating_add(count_nodes(&v));
                if b.alias_nodes > MAX_ALIAS_NODES {
                    return Err(TemplateError::Limit {
                        message: format!(
                            "YAML aliases expand to more than {MAX_ALIAS_NODES} nodes"
                        ),
                    });
                }
                b.push(v, None)?;
            }
            Event::Scalar(text, style, anchor, tag) => {
                let scalar = resolve(text, style, tag.as_ref())?;
                let as_key = matches!(b.stack.last(), Some(Frame::Map { key: None, .. }));
                if as_key {
                    if anchor > 0 {
                        b.anchors.insert(anchor, scalar_value(scalar.clone())?);
                    }
                    b.push(Value::Null, Some(scalar))?;
                } else {
                    let v = scalar_value(scalar)?;
                    b.anchor(anchor, &v);
                    b.push(v, None)?;
                }
            }
            Event::SequenceStart(anchor, _) => b.open(Frame::Seq {
                items: Vec::new(),
                anchor,
            })?,
            Event::MappingStart(anchor, _) => b.open(Frame::Map {
                map: Map::new(),
                anchor,
                key: None,
            })?,
            Event::SequenceEnd | Event::MappingEnd => {
                let (v, anchor) = match b.stack.pop() {
                    Some(Frame::Seq { items, anchor }) => (Value::Array(items), anchor),
                    Some(Frame::Map { map, anchor, .. }) => (Value::Object(map), anchor),
                    None => return Err(syntax("yaml: unbalanced collection end")),
                };
                b.anchor(anchor, &v);
                b.push(v, None)?;
            }
        }
        if b.root.is_some() && b.stack.is_empty() {
            break;
        }
    }
    Ok(b.root.unwrap_or(Value::Null))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_scalars_resolve_like_go_yaml_v2() {
        let cases: &[(&str, Value)] = &[
            ("yes", json!(true)),
            ("Off", json!(false)),
            ("y", json!(true)),
            ("NO", json!(false)),
            ("yEs", json!("yEs")),
            ("~", Value::Null),
            ("", Value::Null),
            ("010", json!(8)),
            ("0x1F", json!(31)),
            ("-0x1F", json!(-31)),
            ("0o17", json!(15)),
            ("0b101", json!(5)),
            ("1_000", json!(1000)),
            ("08", json!(8)),
            ("+12", json!(12)),
            ("1e3", json!(1000)),
            ("1.5", json!(1.5)),
            (".5", json!(0.5)),
            ("9223372036854775807", json!(9_223_372_036_854_775_807_i64)),
            (
                "18446744073709551615",
                json!(18_446_744_073_709_551_615_u64),
            ),
            ("1e400", json!("1e400")),
            ("2020-01-01", json!("2020-01-01")),
            ("-", json!("-")),
            ("${{X}}", json!("${{X}}")),
        ];
        for (text, want) in cases {
            let got = scalar_value(resolve_plain(text)).unwrap();
            assert_eq!(&got, want, "{text}");
        }
    }

    #[test]
    fn documents_convert() {
        let y = "a: &x {k: [1, 'yes', yes]}\nb: *x\n1: one\ntrue: t\n1.5: f\nc:\n<<: {m: 1, a: 0}\n---\nz: 1\n";
        assert_eq!(
            yaml_to_json(y).unwrap(),
            json!({"a": 0, "b": {"k": [1, "yes", true]}, "1": "one", "true": "t", "1.5": "f", "c": null, "m": 1})
        );
        assert_eq!(yaml_to_json("").unwrap(), Value::Null);
        assert_eq!(yaml_to_json("!!str 5").unwrap(), json!("5"));
    }

    #[test]
    fn errors() {
        let cases = [
            ("a: .inf", "json: unsupported value: +Inf"),
            ("a: -.Inf", "json: unsupported value: -Inf"),
            ("a: .nan", "json: unsupported value: NaN"),
        ];
        for (y, want) in cases {
            assert_eq!(yaml_to_json(y).unwrap_err().to_string(), want);
        }
        assert!(yaml_to_json("a: [1, 2").is_err());
        assert!(yaml_to_json("a: *nope").is_err());
    }

    #[test]
    fn billion_laughs_is_bounded() {
        let mut y = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in 'b'..='k' {
            y.push_str(&format!("{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = c;
        }
        assert!(matches!(yaml_to_json(&y), Err(TemplateError::Limit { .. })));
    }

    #[test]
    fn float_keys_use_32_bit_g_format() {
        assert_eq!(float_key(1.5), "1.5");
        assert_eq!(float_key(1000.0), "1000");
        assert_eq!(float_key(1e6), "1e+06");
        assert_eq!(float_key(0.1), "0.1");
        assert_eq!(float_key(1e-5), "1e-05");
    }
}
