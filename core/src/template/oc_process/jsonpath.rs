//! The part of kubectl's JSONPath printer (`-o jsonpath=…`, client-go `util/jsonpath`) that
//! `oc process` output needs: text and `{…}` actions with fields (`.a.b`, `['a']`), `*`,
//! array indexes and slices (`[0]`, `[-1]`, `[1:3]`, `[*]`), unions (`[0,2]`), recursive
//! descent (`..name`), string literals (`{"\n"}`), `@` / `$`, and `{range …}…{end}`.
//! Filters (`[?(…)]`) are not supported (a later issue ports the full engine).

use serde_json::Value;

use super::gojson::{compact, format_g, number_f64};
use crate::error::TemplateError;

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Field(String),
    Wildcard,
    Recursive,
    Slice([Option<i64>; 3], bool),
    Union(Vec<Vec<Seg>>),
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Text(String),
    Path(Vec<Seg>),
    Range(Vec<Seg>, Vec<Node>),
}

/// A parsed template.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Template {
    nodes: Vec<Node>,
}

/// Bound on `{range}` nesting (evaluation recurses per level).
const MAX_RANGE_DEPTH: usize = 100;

/// Bound on the values one path step may yield (`..` steps multiply them).
const MAX_RESULTS: usize = 1_000_000;

fn parse_error(message: impl Into<String>) -> TemplateError {
    TemplateError::OcJsonPath {
        message: message.into(),
    }
}

/// Parses a JSONPath template (`{.items[*].metadata.name}`).
///
/// # Errors
/// [`TemplateError::OcJsonPath`] with client-go's parser message.
pub(super) fn parse(text: &str) -> Result<Template, TemplateError> {
    // Flat list first (text, actions, range starts, ends), then nest ranges.
    enum Flat {
        Node(Node),
        RangeStart(Vec<Seg>),
        End,
    }
    let mut flat = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let Some(open) = rest.find('{') else {
            flat.push(Flat::Node(Node::Text(rest.to_owned())));
            break;
        };
        if open > 0 {
            flat.push(Flat::Node(Node::Text(
                rest.get(..open).unwrap_or_default().to_owned(),
            )));
        }
        let after = rest.get(open + 1..).unwrap_or_default();
        let close = find_action_end(after).ok_or_else(|| parse_error("unclosed action"))?;
        let action = after.get(..close).unwrap_or_default();
        rest = after.get(close + 1..).unwrap_or_default();
        let trimmed = action.trim();
        if let Some(path) = trimmed
            .strip_prefix("range ")
            .or_else(|| trimmed.strip_prefix("range\t"))
        {
            flat.push(Flat::RangeStart(parse_path(path.trim())?));
        } else if trimmed == "end" {
            flat.push(Flat::End);
        } else if let Some(literal) = parse_literal(trimmed) {
            flat.push(Flat::Node(Node::Text(literal)));
        } else {
            flat.push(Flat::Node(Node::Path(parse_path(trimmed)?)));
        }
    }
    // Nest: a stack of open ranges.
    let mut stack: Vec<(Vec<Seg>, Vec<Node>)> = vec![(Vec::new(), Vec::new())];
    for item in flat {
        match item {
            Flat::Node(n) => {
                if let Some(top) = stack.last_mut() {
                    top.1.push(n);
                }
            }
            Flat::RangeStart(path) => {
                // Ranges run recursively: bound their nesting.
                if stack.len() > MAX_RANGE_DEPTH {
                    return Err(parse_error(format!(
                        "ranges nested deeper than {MAX_RANGE_DEPTH} levels"
                    )));
                }
                stack.push((path, Vec::new()));
            }
            Flat::End => {
                if stack.len() < 2 {
                    return Err(parse_error("not in range, nothing to end"));
                }
                if let Some((path, body)) = stack.pop()
                    && let Some(top) = stack.last_mut()
                {
                    top.1.push(Node::Range(path, body));
                }
            }
        }
    }
    while stack.len() > 1 {
        if let Some((path, body)) = stack.pop()
            && let Some(top) = stack.last_mut()
        {
            top.1.push(Node::Range(path, body));
        }
    }
    Ok(Template {
        nodes: stack.pop().map(|(_, nodes)| nodes).unwrap_or_default(),
    })
}

/// The index of the `}` closing an action (quotes may contain braces).
fn find_action_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '"' | '\'' => quote = Some(c),
                '}' => return Some(i),
                '\n' => return None,
                _ => {}
            },
        }
    }
    None
}

/// `{"text"}` / `{'text'}`: a literal, with Go's string unquoting for double quotes.
fn parse_literal(action: &str) -> Option<String> {
    let inner = action
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| action.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))?;
    if action.len() < 2 {
        return None;
    }
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    Some(out)
}

fn is_terminator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | ',' | '[' | ']' | '$' | '@' | '{' | '}')
}

fn parse_path(s: &str) -> Result<Vec<Seg>, TemplateError> {
    let chars: Vec<char> = s.chars().collect();
    let mut segs = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            ' ' | '@' | '$' => i += 1,
            '.' if chars.get(i + 1) == Some(&'.') => {
                segs.push(Seg::Recursive);
                i += 1;
            }
            '.' => {
                i += 1;
                let mut name = String::new();
                while let Some(&c) = chars.get(i) {
                    if c == '\\' {
                        if let Some(&n) = chars.get(i + 1) {
                            name.push(n);
                        }
                        i += 2;
                        continue;
                    }
                    if is_terminator(c) {
                        break;
                    }
                    name.push(c);
                    i += 1;
                }
                segs.push(if name == "*" {
                    Seg::Wildcard
                } else {
                    Seg::Field(name)
                });
            }
            '[' => {
                let start = i + 1;
                let mut j = start;
                while chars.get(j).is_some_and(|&c| c != ']') {
                    j += 1;
                }
                if j >= chars.len() {
                    return Err(parse_error("unterminated array"));
                }
                let text: String = chars.get(start..j).unwrap_or_default().iter().collect();
                segs.push(parse_brackets(&text)?);
                i = j + 1;
            }
            other => {
                return Err(parse_error(format!(
                    "unrecognized character in action: U+{:04X} '{other}'",
                    other as u32
                )));
            }
        }
    }
    Ok(segs)
}

fn parse_brackets(text: &str) -> Result<Seg, TemplateError> {
    if text.starts_with("?(") {
        return Err(parse_error(
            "JSONPath filter expressions are not supported by this library yet",
        ));
    }
    let text = if text == "*" { ":" } else { text };
    let parts: Vec<&str> = text.split(',').collect();
    if parts.len() > 1 {
        let union = parts
            .iter()
            .map(|p| parse_brackets(p.trim()).map(|s| vec![s]))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Seg::Union(union));
    }
    if let Some(key) = text
        .strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .filter(|k| !k.contains('\''))
    {
        return Ok(Seg::Field(key.to_owned()));
    }
    // ^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$
    let pieces: Vec<&str> = text.split(':').collect();
    if pieces.len() > 3
        || !pieces.iter().all(|p| {
            let d = p.strip_prefix('-').unwrap_or(p);
            d.bytes().all(|b| b.is_ascii_digit())
        })
    {
        return Err(parse_error(format!("invalid array index {text}")));
    }
    let number = |p: &str| -> Result<Option<i64>, TemplateError> {
        if p.is_empty() {
            return Ok(None);
        }
        p.parse::<i64>()
            .map(Some)
            .map_err(|_| parse_error(format!("array index {p} is not a number")))
    };
    let first = number(pieces.first().copied().unwrap_or_default())?;
    let second = match pieces.get(1) {
        Some(p) => number(p)?,
        None => None,
    };
    let third = match pieces.get(2) {
        Some(p) => number(p)?,
        None => None,
    };
    // `[n]` alone selects one element (end derived as n + 1).
    let derived = pieces.len() == 1;
    let end = if derived {
        first.map(|f| f + 1)
    } else {
        second
    };
    Ok(Seg::Slice([first, end, third], derived))
}

/// A result: a value of the object, or literal text.
#[derive(Debug, Clone, Copy)]
enum Out<'a> {
    Value(&'a Value),
    Text(&'a str),
}

fn exec_error(message: String) -> TemplateError {
    TemplateError::OcJsonPath { message }
}

fn walk<'a>(input: Vec<&'a Value>, segs: &[Seg]) -> Result<Vec<&'a Value>, TemplateError> {
    let mut cur = input;
    for seg in segs {
        let mut next = Vec::new();
        match seg {
            Seg::Field(name) => {
                for v in &cur {
                    if let Value::Object(map) = v
                        && let Some(found) = map.get(name)
                    {
                        next.push(found);
                    }
                }
            }
            Seg::Wildcard => {
                for v in &cur {
                    match v {
                        Value::Object(map) => next.extend(map.values()),
                        Value::Array(items) => next.extend(items.iter()),
                        _ => {}
                    }
                }
            }
            Seg::Recursive => {
                let mut stack: Vec<&Value> = cur.iter().rev().copied().collect();
                while let Some(v) = stack.pop() {
                    next.push(v);
                    match v {
                        Value::Object(map) => stack.extend(map.values().rev()),
                        Value::Array(items) => stack.extend(items.iter().rev()),
                        _ => {}
                    }
                }
            }
            Seg::Union(parts) => {
                for part in parts {
                    next.extend(walk(cur.clone(), part)?);
                }
            }
            Seg::Slice(params, derived) => {
                for v in &cur {
                    if v.is_null() {
                        continue;
                    }
                    let Value::Array(items) = v else {
                        return Err(exec_error(format!("{} is not array or slice", go_type(v))));
                    };
                    let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
                    let mut start = params[0].unwrap_or(0);
                    if start < 0 {
                        start += len;
                    }
                    let mut end = params[1].unwrap_or(len);
                    if end < 0 || (end == 0 && *derived) {
                        end += len;
                    }
                    if end == start {
                        continue;
                    }
                    if start >= len || start < 0 {
                        return Err(exec_error(format!(
                            "array index out of bounds: index {start}, length {len}"
                        )));
                    }
                    if end > len || end < 0 {
                        return Err(exec_error(format!(
                            "array index out of bounds: index {}, length {len}",
                            end - 1
                        )));
                    }
                    if start > end {
                        return Err(exec_error(format!(
                            "starting index {start} is greater than ending index {end}"
                        )));
                    }
                    let step = match params[2] {
                        Some(s) if s <= 0 => return Err(exec_error("step must be > 0".to_owned())),
                        Some(s) => usize::try_from(s).unwrap_or(1),
                        None => 1,
                    };
                    let (s, e) = (
                        usize::try_from(start).unwrap_or(0),
                        usize::try_from(end).unwrap_or(0),
                    );
                    next.extend(items.get(s..e).unwrap_or_default().iter().step_by(step));
                }
            }
        }
        if next.len() > MAX_RESULTS {
            return Err(exec_error(format!(
                "more than {MAX_RESULTS} results (recursive descent)"
            )));
        }
        cur = next;
    }
    Ok(cur)
}

fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "map[string]interface {}",
        Value::Array(_) => "[]interface {}",
        Value::String(_) => "string",
        Value::Number(_) => "float64",
        Value::Bool(_) => "bool",
        Value::Null => "interface {}",
    }
}

fn eval<'a>(
    nodes: &'a [Node],
    data: &'a Value,
    groups: &mut Vec<Vec<Out<'a>>>,
) -> Result<(), TemplateError> {
    for node in nodes {
        match node {
            Node::Text(t) => groups.push(vec![Out::Text(t)]),
            Node::Path(segs) => groups.push(
                walk(vec![data], segs)?
                    .into_iter()
                    .map(Out::Value)
                    .collect(),
            ),
            Node::Range(segs, body) => {
                for item in walk(vec![data], segs)? {
                    eval(body, item, groups)?;
                }
            }
        }
    }
    Ok(())
}

/// Executes `template` on `data`. `json_numbers`: the object went through Go's
/// `json.Unmarshal` into `interface{}` (every number a float64), as for a printed List;
/// otherwise integers print as integers (unstructured objects).
///
/// # Errors
/// [`TemplateError::OcJsonPath`] for out-of-range indexes and non-array slicing.
pub(super) fn execute(
    template: &Template,
    data: &Value,
    json_numbers: bool,
    as_json: bool,
) -> Result<String, TemplateError> {
    let mut groups = Vec::new();
    eval(&template.nodes, data, &mut groups)?;
    if as_json {
        let all: Vec<Value> = groups
            .iter()
            .flatten()
            .map(|o| match o {
                Out::Value(v) => (*v).clone(),
                Out::Text(t) => Value::String((*t).to_owned()),
            })
            .collect();
        return Ok(format!("{}\n", super::gojson::indent(&Value::Array(all))));
    }
    let mut out = String::new();
    for group in groups {
        let texts: Vec<String> = group.iter().map(|o| text(*o, json_numbers)).collect();
        out.push_str(&texts.join(" "));
    }
    Ok(out)
}

fn text(out: Out<'_>, json_numbers: bool) -> String {
    match out {
        Out::Text(t) => t.to_owned(),
        Out::Value(v) => match v {
            Value::Object(_) | Value::Array(_) => compact(v),
            Value::String(s) => s.clone(),
            Value::Bool(b) => b.to_string(),
            Value::Null => "null".to_owned(),
            Value::Number(n) => {
                let literal = n.to_string();
                if !json_numbers && let Ok(i) = literal.parse::<i64>() {
                    return i.to_string();
                }
                number_f64(n).map_or(literal, format_g)
            }
        },
    }
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

    fn run(template: &str, json: &str) -> String {
        let data: Value = serde_json::from_str(json).unwrap_or_default();
        match parse(template).and_then(|t| execute(&t, &data, true, false)) {
            Ok(s) => s,
            Err(e) => format!("ERR {e}"),
        }
    }

    #[test]
    fn paths() {
        let list = r#"{"kind":"List","items":[{"metadata":{"name":"a"},"n":1000000},{"metadata":{"name":"b"},"n":2}]}"#;
        assert_eq!(run("{.items[*].metadata.name}", list), "a b");
        assert_eq!(run("{.items[0].metadata.name}", list), "a");
        assert_eq!(run("{.items[-1].metadata.name}", list), "b");
        assert_eq!(run("kind={.kind}", list), "kind=List");
        assert_eq!(run("{.items[*].n}", list), "1e+06 2");
        assert_eq!(
            run("{range .items[*]}{.metadata.name}{\"\\n\"}{end}", list),
            "a\nb\n"
        );
        assert_eq!(run("{.items[0].metadata}", list), r#"{"name":"a"}"#);
        assert_eq!(run("{.missing}", list), "");
        assert_eq!(run("{..name}", list), "a b");
        assert_eq!(run("{.items[0,1].metadata['name']}", list), "a b");
        assert!(run("{.items[5]}", list).starts_with("ERR array index out of bounds"));
        assert_eq!(run("{.kind", list), "ERR unclosed action");
    }
}
