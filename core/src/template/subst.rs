//! Parameter substitution: `${NAME}` (string form, upstream's single-pass "replace the first
//! occurrence" chain semantics) and `${{NAME}}` (whole-string JSON form), with hand-written
//! scanners instead of upstream's regular expressions.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::{Map, Number, Value};

use super::{MAX_DEPTH, gojson};

/// Parameter name → value; with duplicate names the last definition wins.
pub(crate) type Values<'a> = HashMap<&'a str, &'a str>;

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Every `${NAME}` match (`\$\{([a-zA-Z0-9_]+?)\}`), leftmost first, non-overlapping: the
/// byte range of the whole match.
fn matches(s: &str) -> Vec<(usize, usize)> {
    scan(s).0
}

/// [`matches`], and whether every `$` of `s` starts a match.
fn scan(s: &str) -> (Vec<(usize, usize)>, bool) {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut clean = true;
    let mut from = 0;
    while let Some(off) = b.get(from..).and_then(|rest| memchr::memchr(b'$', rest)) {
        let start = from + off;
        let mut i = start + 1;
        if b.get(i) == Some(&b'{') {
            i += 1;
            let name_start = i;
            while b.get(i).is_some_and(|&c| is_name_byte(c)) {
                i += 1;
            }
            if i > name_start && b.get(i) == Some(&b'}') {
                out.push((start, i + 1));
                from = i + 1;
                continue;
            }
        }
        clean = false;
        from = start + 1;
    }
    (out, clean)
}

/// The first occurrence of `needle` (which starts with `$`) in `hay`.
fn find_ref(hay: &str, needle: &str) -> Option<usize> {
    memchr::memchr_iter(b'$', hay.as_bytes())
        .find(|&pos| hay.get(pos..).is_some_and(|rest| rest.starts_with(needle)))
}

/// The names of every `${NAME}` reference in `s`, in order (duplicates kept).
#[must_use]
pub fn string_references(s: &str) -> Vec<&str> {
    matches(s)
        .into_iter()
        .filter_map(|(a, b)| s.get(a + 2..b - 1))
        .collect()
}

/// `NAME` when `s` is exactly `${{NAME}}` (the JSON form), else `None`.
#[must_use]
pub fn json_reference(s: &str) -> Option<&str> {
    let name = s.strip_prefix("${{")?.strip_suffix("}}")?;
    (!name.is_empty() && name.bytes().all(is_name_byte)).then_some(name)
}

/// Whether `s` contains a `${NAME}` match (upstream's namespace-stripping test).
pub(crate) fn has_string_reference(s: &str) -> bool {
    !matches(s).is_empty()
}

/// Upstream's `EvaluateParameterSubstitution`: `(result, as_string)`. An exact `${{NAME}}` of
/// a declared parameter yields its raw value with `as_string = false`; otherwise every
/// `${NAME}` match of the original string, in order, replaces the first occurrence of its
/// text in the progressively edited string.
pub(crate) fn evaluate<'s>(values: &Values<'_>, s: &'s str) -> (Cow<'s, str>, bool) {
    if let Some(name) = json_reference(s)
        && let Some(v) = values.get(name)
    {
        return ((*v).to_owned().into(), false);
    }
    let (found, clean) = scan(s);
    if found.is_empty() {
        return (Cow::Borrowed(s), true);
    }
    let refs = found.iter().filter_map(|&(a, b)| {
        let text = s.get(a..b)?;
        let name = text.get(2..text.len() - 1)?;
        Some((a, b, text, values.get(name).copied()))
    });
    // When every `$` of the string starts a match and no inserted value holds a `$`, the
    // first occurrence of each match's text is that match itself (earlier same-name matches
    // were replaced first), so one positional pass gives upstream's result.
    if clean {
        let mut positional = true;
        let mut declared = false;
        for (_, _, _, v) in refs.clone() {
            if let Some(v) = v {
                declared = true;
                positional &= !v.contains('$');
            }
        }
        if !declared {
            return (Cow::Borrowed(s), true);
        }
        if positional {
            let mut out = String::with_capacity(s.len() + 16);
            let mut last = 0;
            for (a, b, text, v) in refs {
                out.push_str(s.get(last..a).unwrap_or(""));
                out.push_str(v.unwrap_or(text));
                last = b;
            }
            out.push_str(s.get(last..).unwrap_or(""));
            return (Cow::Owned(out), true);
        }
    }
    let mut out: Option<String> = None;
    for (_, _, text, value) in refs {
        let Some(value) = value else {
            continue;
        };
        let cur = out.get_or_insert_with(|| s.to_owned());
        if let Some(pos) = find_ref(cur, text) {
            cur.replace_range(pos..pos + text.len(), value);
        }
    }
    (out.map_or(Cow::Borrowed(s), Cow::Owned), true)
}

/// Substitutes `${NAME}` references in `input` with string semantics (upstream's handling of
/// `message` and `labels`): an exact `${{NAME}}` becomes the raw value text; undeclared names
/// stay verbatim. `values` maps parameter names to values.
///
/// ```
/// use std::collections::HashMap;
/// use openshift_image::template::substitute_string;
///
/// let values = HashMap::from([("A".to_owned(), "${B}".to_owned()), ("B".to_owned(), "b".to_owned())]);
/// assert_eq!(substitute_string("${A}-${B}", &values), "b-${B}");
/// assert_eq!(substitute_string("${{B}}", &values), "b");
/// ```
#[must_use]
pub fn substitute_string(input: &str, values: &HashMap<String, String>) -> String {
    let values: Values<'_> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    evaluate(&values, input).0.into_owned()
}

/// Why substitution in an object failed (cases where upstream panics).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SubstError {
    /// `${{NAME}}` resolved to `null` inside an array.
    NullInArray {
        /// The parameter.
        name: String,
        /// Where, as a JSON path.
        path: String,
    },
    /// `${{NAME}}` as a map key resolved to a non-string JSON value.
    NonStringKey {
        /// The parameter.
        name: String,
        /// The value's JSON text.
        value: String,
        /// Where, as a JSON path.
        path: String,
    },
    /// The object nests deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// The outcome of substituting one string with JSON semantics.
enum Subst {
    /// Unchanged.
    Same,
    /// A new value.
    Value(Value),
    /// `${{NAME}}` decoded to `null`.
    Null,
}

/// Decodes `text` as upstream's `json.Unmarshal` into `interface{}` would, but keeping
/// integers exact (the precision-loss fix): `None` when Go would fail (invalid JSON, or a
/// number beyond float64's range).
fn decode_json(text: &str) -> Option<Value> {
    let mut v: Value = serde_json::from_str(text).ok()?;
    normalize_numbers(&mut v).then_some(v)
}

/// Go decodes numbers as float64: a non-integer literal is rewritten as Go prints the
/// float (`1e3` → `1000`, `1.50` → `1.5`); integer literals stay exact. Returns `false` when
/// a number overflows float64 (Go's decode error).
fn normalize_numbers(v: &mut Value) -> bool {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Number(n) => {
                let text = n.to_string();
                let Ok(f) = text.parse::<f64>() else {
                    return false;
                };
                if !f.is_finite() {
                    return false;
                }
                if text.bytes().any(|c| matches!(c, b'.' | b'e' | b'E'))
                    && let Ok(go) = serde_json::from_str::<Number>(&gojson::float_text(f))
                {
                    *n = go;
                }
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            Value::Object(m) => stack.extend(m.values_mut()),
            _ => {}
        }
    }
    true
}

fn subst_string(values: &Values<'_>, s: &str) -> Subst {
    let (out, as_string) = evaluate(values, s);
    if as_string {
        return match out {
            Cow::Borrowed(_) => Subst::Same,
            Cow::Owned(o) => Subst::Value(Value::String(o)),
        };
    }
    match decode_json(&out) {
        Some(Value::Null) => Subst::Null,
        Some(v) => Subst::Value(v),
        None => Subst::Value(Value::String(out.into_owned())),
    }
}

/// The name in `${{NAME}}` for error messages.
fn json_name(s: &str) -> String {
    json_reference(s).unwrap_or(s).to_owned()
}

fn key_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// Substitutes every string of `value` (map keys included) in place, with JSON semantics for
/// exact `${{NAME}}` strings. Upstream visits map keys in random order; here unchanged keys
/// are placed first, so a substituted key replaces a literal one it collides with.
pub(crate) fn substitute_value(values: &Values<'_>, value: &mut Value) -> Result<(), SubstError> {
    visit(values, value, 0, &mut || String::new())
}

fn visit(
    values: &Values<'_>,
    value: &mut Value,
    depth: usize,
    path: &mut dyn FnMut() -> String,
) -> Result<(), SubstError> {
    if depth > MAX_DEPTH {
        return Err(SubstError::TooDeep);
    }
    match value {
        Value::String(s) => match subst_string(values, s) {
            Subst::Same => {}
            Subst::Value(v) => *value = v,
            // Only reachable for a top-level string, which callers never pass.
            Subst::Null => *value = Value::Null,
        },
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                if let Value::String(s) = item {
                    match subst_string(values, s) {
                        Subst::Same => {}
                        Subst::Value(v) => *item = v,
                        Subst::Null => {
                            return Err(SubstError::NullInArray {
                                name: json_name(s),
                                path: format!("{}[{i}]", path()),
                            });
                        }
                    }
                } else {
                    visit(values, item, depth + 1, &mut || format!("{}[{i}]", path()))?;
                }
            }
        }
        Value::Object(map) => {
            if !needs_rebuild(values, map) {
                let mut deleted = Vec::new();
                for (k, v) in map.iter_mut() {
                    if visit_entry(values, k, v, depth, path)? {
                        deleted.push(k.clone());
                    }
                }
                for k in deleted {
                    map.remove(&k);
                }
                return Ok(());
            }
            let old = std::mem::take(map);
            let mut changed: Vec<(String, Option<Value>)> = Vec::new();
            for (k, mut v) in old {
                let deleted = visit_entry(values, &k, &mut v, depth, path)?;
                match substitute_key(values, &k, path)? {
                    None => {
                        if !deleted {
                            map.insert(k, v);
                        }
                    }
                    Some(nk) => changed.push((nk, (!deleted).then_some(v))),
                }
            }
            for (k, v) in changed {
                match v {
                    Some(v) => {
                        map.insert(k, v);
                    }
                    None => {
                        map.remove(&k);
                    }
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// Visits one map value; `true` when it was a `${{NAME}}` decoding to `null` (the entry is
/// deleted).
fn visit_entry(
    values: &Values<'_>,
    key: &str,
    v: &mut Value,
    depth: usize,
    path: &mut dyn FnMut() -> String,
) -> Result<bool, SubstError> {
    if let Value::String(s) = v {
        match subst_string(values, s) {
            Subst::Same => {}
            Subst::Value(nv) => *v = nv,
            Subst::Null => return Ok(true),
        }
        return Ok(false);
    }
    visit(values, v, depth + 1, &mut || key_path(&path(), key))?;
    Ok(false)
}

/// Whether any key of `map` changes under substitution.
fn needs_rebuild(values: &Values<'_>, map: &Map<String, Value>) -> bool {
    map.keys().any(|k| {
        json_reference(k).is_some_and(|n| values.contains_key(n))
            || matches(k)
                .iter()
                .any(|&(a, b)| k.get(a + 2..b - 1).is_some_and(|n| values.contains_key(n)))
    })
}

/// The substituted key, or `None` when unchanged. A `${{NAME}}` key decoding to a JSON string
/// uses it; to anything else but invalid JSON is an error (upstream panics).
fn substitute_key(
    values: &Values<'_>,
    key: &str,
    path: &mut dyn FnMut() -> String,
) -> Result<Option<String>, SubstError> {
    let (out, as_string) = evaluate(values, key);
    if as_string {
        return Ok(match out {
            Cow::Borrowed(_) => None,
            Cow::Owned(o) => Some(o),
        });
    }
    match decode_json(&out) {
        None => Ok(Some(out.into_owned())),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(SubstError::NonStringKey {
            name: json_name(key),
            value: gojson::value_json(&other),
            path: path(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn vals<'a>(pairs: &[(&'a str, &'a str)]) -> Values<'a> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn string_form_chain_semantics() {
        let v = vals(&[("A", "${B}"), ("B", "bval"), ("S", "${S}"), ("X", "B")]);
        let cases = [
            ("${A}-${B}", "bval-${B}"),
            ("${B}${A}", "bval${B}"),
            ("${A}", "${B}"),
            ("${S}", "${S}"),
            ("$${B}", "$bval"),
            ("\\${B}", "\\bval"),
            ("$$B", "$$B"),
            ("${U}-${B}", "${U}-bval"),
            ("${ B}", "${ B}"),
            ("${${B}}", "${bval}"),
            ("a${{B}}", "a${{B}}"),
            ("${{U}}", "${{U}}"),
            ("${{B}}", "bval"),
            ("${${X}}${B}", "bval${B}"),
            ("${B}-${B}-${U}-${B}", "bval-bval-${U}-bval"),
        ];
        for (input, want) in cases {
            assert_eq!(evaluate(&v, input).0, want, "{input}");
        }
    }

    /// Upstream's algorithm, literally: regex matches of the original, then
    /// `strings.Replace(out, match, value, 1)` for each declared one.
    fn reference(values: &Values<'_>, s: &str) -> String {
        let mut out = s.to_owned();
        for (a, b) in matches(s) {
            let text = &s[a..b];
            if let Some(v) = values.get(&text[2..text.len() - 1]) {
                out = out.replacen(text, v, 1);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn single_pass_equals_upstream(
            s in "[$${}AB_x]{0,24}",
            a in "[$${}AB_x]{0,6}",
            b in "[${}ABx]{0,6}",
            declare_b in proptest::bool::ANY,
        ) {
            let mut v = vals(&[("A", a.as_str())]);
            if declare_b {
                v.insert("B", b.as_str());
            }
            if json_reference(&s).is_none() {
                proptest::prop_assert_eq!(evaluate(&v, &s).0.into_owned(), reference(&v, &s));
            }
        }
    }

    #[test]
    fn references() {
        assert_eq!(string_references("${A}x${1}${a-b}${_}"), ["A", "1", "_"]);
        assert_eq!(json_reference("${{X_1}}"), Some("X_1"));
        for s in ["${{}}", "a${{X}}", "${{X}}a", "${{ X }}", "${{X}}${{Y}}"] {
            assert_eq!(json_reference(s), None, "{s}");
        }
    }

    #[test]
    fn json_form() {
        let v = vals(&[
            ("N", "5"),
            ("E", "1e3"),
            ("BIG", "12345678901234567890"),
            ("Q", "\"q\""),
            ("H", "hello"),
            ("O", "{\"a\":\"${N}\"}"),
            ("NULL", "null"),
            ("HUGE", "1e400"),
            ("K", "newkey"),
        ]);
        let mut doc = json!({
            "n": "${{N}}", "e": "${{E}}", "big": "${{BIG}}", "q": "${{Q}}", "h": "${{H}}",
            "o": "${{O}}", "gone": "${{NULL}}", "huge": "${{HUGE}}", "list": ["${{N}}", "${N}"],
            "${K}": "v", "newkey": "literal", "${{Q}}": 1
        });
        substitute_value(&v, &mut doc).unwrap();
        assert_eq!(
            doc,
            json!({
                "n": 5, "e": 1000, "big": 12345678901234567890u64, "q": "q", "h": "hello",
                "o": {"a": "${N}"}, "huge": "1e400", "list": [5, "5"], "newkey": "v", "q": 1
            })
        );
    }

    #[test]
    fn panics_become_errors() {
        let v = vals(&[("NULL", "null"), ("N", "5")]);
        let mut doc = json!({"spec": {"list": ["a", "${{NULL}}"]}});
        assert_eq!(
            substitute_value(&v, &mut doc),
            Err(SubstError::NullInArray {
                name: "NULL".into(),
                path: "spec.list[1]".into()
            })
        );
        let mut doc = json!({"data": {"${{N}}": "v"}});
        assert!(matches!(
            substitute_value(&v, &mut doc),
            Err(SubstError::NonStringKey { .. })
        ));
    }
}
