//! The template parser: a port of client-go `util/jsonpath/parser.go` as a hand-written
//! linear scanner (the regular expressions of upstream are replaced by explicit matchers).

use super::{JsonPathError, Node, Param};

/// Nesting bound for the sub-parsers (unions, dict keys, filters re-parse their text).
const MAX_PARSE_DEPTH: usize = 32;

/// Scanner state (upstream `Parser`: `input`, `pos`, `start`, `width`).
struct Scanner<'t> {
    input: &'t str,
    pos: usize,
    start: usize,
    width: usize,
    depth: usize,
}

/// Parses `text` into the root node list.
pub(super) fn parse(text: &str) -> Result<Vec<Node>, JsonPathError> {
    parse_at(text, 0)
}

fn parse_at(text: &str, depth: usize) -> Result<Vec<Node>, JsonPathError> {
    if depth > MAX_PARSE_DEPTH {
        return Err(JsonPathError::TooDeep);
    }
    let mut s = Scanner {
        input: text,
        pos: 0,
        start: 0,
        width: 0,
        depth,
    };
    s.run()
}

/// Upstream `parseAction`: parses `{text}` and returns the children of its first list.
fn parse_action(text: &str, depth: usize) -> Result<Vec<Node>, JsonPathError> {
    let wrapped = format!("{{{text}}}");
    let mut root = parse_at(&wrapped, depth + 1)?;
    if root.is_empty() {
        return Ok(Vec::new());
    }
    match root.swap_remove(0) {
        Node::List(nodes) => Ok(nodes),
        _ => Ok(Vec::new()),
    }
}

fn is_space(c: Option<char>) -> bool {
    matches!(c, Some(' ' | '\t'))
}

fn is_end_of_line(c: Option<char>) -> bool {
    matches!(c, Some('\r' | '\n'))
}

fn is_terminator(c: Option<char>) -> bool {
    is_space(c)
        || is_end_of_line(c)
        || matches!(
            c,
            None | Some('.' | ',' | '[' | ']' | '$' | '@' | '{' | '}')
        )
}

/// Go `unicode.IsDigit` (approximation for non-ASCII).
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

fn is_alpha_numeric(c: Option<char>) -> bool {
    matches!(c, Some(c) if c == '_' || c.is_alphabetic() || is_digit(c))
}

impl<'t> Scanner<'t> {
    fn rest(&self) -> &'t str {
        self.input.get(self.pos..).unwrap_or("")
    }

    fn next(&mut self) -> Option<char> {
        match self.rest().chars().next() {
            None => {
                self.width = 0;
                None
            }
            Some(c) => {
                self.width = c.len_utf8();
                self.pos += self.width;
                Some(c)
            }
        }
    }

    fn backup(&mut self) {
        self.pos -= self.width;
    }

    fn peek(&mut self) -> Option<char> {
        let c = self.next();
        self.backup();
        c
    }

    fn consume_text(&mut self) -> &'t str {
        let value = self.input.get(self.start..self.pos).unwrap_or("");
        self.start = self.pos;
        value
    }

    /// `parseText` / `parseLeftDelim` / `parseInsideAction` / `parseRightDelim` as one loop.
    fn run(&mut self) -> Result<Vec<Node>, JsonPathError> {
        let mut root: Vec<Node> = Vec::new();
        loop {
            // parseText
            let mut found = false;
            loop {
                if self.rest().starts_with('{') {
                    found = true;
                    break;
                }
                if self.next().is_none() {
                    break;
                }
            }
            if self.pos > self.start {
                root.push(Node::Text(self.consume_text().to_owned()));
            }
            if !found {
                return Ok(root);
            }
            // parseLeftDelim
            self.pos += 1;
            self.consume_text();
            let mut cur = Vec::new();
            let closed = self.inside_action(&mut cur);
            root.push(Node::List(cur));
            closed?;
        }
    }

    /// Parses the inside of an action up to and including its `}`.
    fn inside_action(&mut self, cur: &mut Vec<Node>) -> Result<(), JsonPathError> {
        loop {
            let rest = self.rest();
            if rest.starts_with('}') {
                self.pos += 1;
                self.consume_text();
                return Ok(());
            }
            if rest.starts_with("[?(") {
                self.parse_filter(cur)?;
                continue;
            }
            if rest.starts_with("..") {
                if matches!(cur.last(), Some(Node::Recursive)) {
                    return Err(JsonPathError::MultipleRecursiveDescent);
                }
                self.pos += 2;
                self.consume_text();
                cur.push(Node::Recursive);
                if is_alpha_numeric(self.peek()) {
                    self.parse_field(cur);
                }
                continue;
            }
            let r = self.next();
            match r {
                None | Some('\r' | '\n') => return Err(JsonPathError::UnclosedAction),
                Some(' ' | '@' | '$') => {
                    self.consume_text();
                }
                Some('[') => self.parse_array(cur)?,
                Some(q @ ('"' | '\'')) => self.parse_quote(cur, q)?,
                Some('.') => self.parse_field(cur),
                Some(c) if c == '+' || c == '-' || is_digit(c) => {
                    self.backup();
                    self.parse_number(cur)?;
                }
                Some(c) if is_alpha_numeric(Some(c)) => {
                    self.backup();
                    self.parse_identifier(cur);
                }
                Some(c) => return Err(JsonPathError::UnrecognizedCharacter(c)),
            }
        }
    }

    fn parse_identifier(&mut self, cur: &mut Vec<Node>) {
        loop {
            let r = self.next();
            if is_terminator(r) {
                self.backup();
                break;
            }
        }
        let value = self.consume_text();
        match value {
            "true" => cur.push(Node::Bool(true)),
            "false" => cur.push(Node::Bool(false)),
            _ => cur.push(Node::Identifier(value.to_owned())),
        }
    }

    fn parse_field(&mut self, cur: &mut Vec<Node>) {
        self.consume_text();
        loop {
            let r = self.next();
            if r == Some('\\') {
                self.next();
            } else if is_terminator(r) {
                self.backup();
                break;
            }
        }
        let value = self.consume_text();
        if value == "*" {
            cur.push(Node::Wildcard);
        } else {
            cur.push(Node::Field(value.replace('\\', "")));
        }
    }

    fn parse_number(&mut self, cur: &mut Vec<Node>) -> Result<(), JsonPathError> {
        if matches!(self.peek(), Some('+' | '-')) {
            self.next();
        }
        loop {
            match self.next() {
                Some(c) if c == '.' || is_digit(c) => {}
                _ => {
                    self.backup();
                    break;
                }
            }
        }
        let value = self.consume_text();
        if let Some(i) = go_atoi(value) {
            cur.push(Node::Int(i));
            return Ok(());
        }
        if let Some(f) = go_parse_float(value) {
            cur.push(Node::Float(f));
            return Ok(());
        }
        Err(JsonPathError::CannotParseNumber(value.to_owned()))
    }

    fn parse_quote(&mut self, cur: &mut Vec<Node>, end: char) -> Result<(), JsonPathError> {
        loop {
            match self.next() {
                None | Some('\n') => return Err(JsonPathError::UnterminatedQuotedString),
                // Upstream only looks at the previous byte: `"a\\"` does not close.
                Some(c) if c == end => {
                    let before = self
                        .pos
                        .checked_sub(2)
                        .and_then(|i| self.input.as_bytes().get(i));
                    if before != Some(&b'\\') {
                        break;
                    }
                }
                Some(_) => {}
            }
        }
        let value = self.consume_text();
        match unquote_extend(value) {
            Some(s) => {
                cur.push(Node::Text(s));
                Ok(())
            }
            None => Err(JsonPathError::Unquote(value.to_owned())),
        }
    }

    fn parse_array(&mut self, cur: &mut Vec<Node>) -> Result<(), JsonPathError> {
        loop {
            match self.next() {
                None | Some('\n') => return Err(JsonPathError::UnterminatedArray),
                Some(']') => break,
                Some(_) => {}
            }
        }
        let full = self.consume_text();
        let mut text = full.get(1..full.len().saturating_sub(1)).unwrap_or("");
        if text == "*" {
            text = ":";
        }
        if text.contains(',') {
            let mut branches = Vec::new();
            for part in text.split(',') {
                let part = part.trim_matches(' ');
                branches.push(parse_action(&format!("[{part}]"), self.depth)?);
            }
            cur.push(Node::Union(branches));
            return Ok(());
        }
        if let Some(key) = dict_key(text) {
            let nodes = parse_action(&format!(".{key}"), self.depth)?;
            cur.extend(nodes);
            return Ok(());
        }
        let Some(parts) = slice_parts(text) else {
            return Err(JsonPathError::InvalidArrayIndex(text.to_owned()));
        };
        let mut params = [Param::default(); 3];
        let mut first = 0i64;
        for (i, (param, part)) in params.iter_mut().zip(parts).enumerate() {
            *param = match part {
                Some(raw) => {
                    let v = if i > 0 {
                        raw.get(1..).unwrap_or("")
                    } else {
                        raw
                    };
                    if i > 0 && v.is_empty() {
                        Param::default()
                    } else {
                        let n = go_atoi(v)
                            .ok_or_else(|| JsonPathError::ArrayIndexNotNumber(v.to_owned()))?;
                        Param {
                            value: n,
                            known: true,
                            derived: false,
                        }
                    }
                }
                // Go's int arithmetic wraps.
                None if i == 1 => Param {
                    value: first.wrapping_add(1),
                    known: true,
                    derived: true,
                },
                None => Param::default(),
            };
            if i == 0 {
                first = param.value;
            }
        }
        cur.push(Node::Array(params));
        Ok(())
    }

    fn parse_filter(&mut self, cur: &mut Vec<Node>) -> Result<(), JsonPathError> {
        self.pos += 3;
        self.consume_text();
        let mut begin = false;
        let mut end = false;
        let mut pair = '"';
        loop {
            let r = self.next();
            match r {
                None | Some('\n') => return Err(JsonPathError::UnterminatedFilter),
                Some(q @ ('"' | '\'')) => {
                    if !begin {
                        begin = true;
                        pair = q;
                        continue;
                    }
                    let before = self
                        .pos
                        .checked_sub(2)
                        .and_then(|i| self.input.as_bytes().get(i));
                    if before != Some(&b'\\') && q == pair {
                        end = true;
                    }
                }
                Some(')') => {
                    if begin == end {
                        break;
                    }
                }
                Some(_) => {}
            }
        }
        if self.next() != Some(']') {
            return Err(JsonPathError::UnclosedArray);
        }
        let full = self.consume_text();
        let text = full.get(..full.len().saturating_sub(2)).unwrap_or("");
        match split_filter(text) {
            None => {
                let left = parse_action(text, self.depth)?;
                cur.push(Node::Filter {
                    left,
                    operator: "exists".to_owned(),
                    right: Vec::new(),
                });
            }
            Some((l, op, r)) => {
                let left = parse_action(l, self.depth)?;
                let right = parse_action(r, self.depth)?;
                cur.push(Node::Filter {
                    left,
                    operator: op.to_owned(),
                    right,
                });
            }
        }
        Ok(())
    }
}

/// `^([^!<>=]+)([!<>=]+)(.+?)$` (`.` does not match a newline).
fn split_filter(text: &str) -> Option<(&str, &str, &str)> {
    let is_op = |c: char| matches!(c, '!' | '<' | '>' | '=');
    let op_start = text.find(is_op)?;
    if op_start == 0 {
        return None;
    }
    let after = text.get(op_start..)?;
    let op_len = after.find(|c: char| !is_op(c)).unwrap_or(after.len());
    let (left, rest) = text.split_at(op_start);
    let (op, right) = rest.split_at(op_len);
    if right.is_empty() || right.contains('\n') || left.contains('\n') {
        // `[^!<>=]` matches a newline, but `.` does not; the scanner never lets one through.
        return None;
    }
    Some((left, op, right))
}

/// `^'([^']*)'$`.
fn dict_key(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('\'')?.strip_suffix('\'')?;
    if text.len() < 2 || inner.contains('\'') {
        return None;
    }
    Some(inner)
}

/// `^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$`: the three groups (None = group absent or empty for the
/// first one).
fn slice_parts(text: &str) -> Option<[Option<&str>; 3]> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut groups: [Option<&str>; 3] = [None, None, None];
    let number_end = |mut j: usize| {
        if bytes.get(j) == Some(&b'-') {
            j += 1;
        }
        while bytes.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        j
    };
    let e = number_end(0);
    if e > 0 {
        groups[0] = text.get(0..e);
    }
    i = i.max(e);
    for g in groups.iter_mut().skip(1) {
        if bytes.get(i) == Some(&b':') {
            let e = number_end(i + 1);
            *g = text.get(i..e);
            i = e;
        }
    }
    (i == bytes.len()).then_some(groups)
}

/// Go `strconv.Atoi` on a 64-bit platform.
fn go_atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: i64 = digits.parse().ok().or_else(|| {
        // -9223372036854775808
        (s.starts_with('-') && digits == "9223372036854775808").then_some(i64::MIN)
    })?;
    if v == i64::MIN {
        return Some(v);
    }
    Some(if s.starts_with('-') { -v } else { v })
}

/// Go `strconv.ParseFloat(s, 64)` restricted to what the number scanner lets through (sign,
/// digits and dots).
fn go_parse_float(s: &str) -> Option<f64> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if body.is_empty() || body == "." || body.matches('.').count() > 1 {
        return None;
    }
    if !body.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    s.parse::<f64>().ok()
}

/// client-go `UnquoteExtend`: Go `strconv.UnquoteChar` over a single- or double-quoted string.
fn unquote_extend(s: &str) -> Option<String> {
    let quote = s.chars().next()?;
    if s.len() < 2 || !s.ends_with(quote) || !matches!(quote, '"' | '\'') {
        return None;
    }
    let inner = s.get(1..s.len() - 1)?;
    let mut out: Vec<u8> = Vec::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == quote {
            return None;
        }
        if c != '\\' {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        let e = chars.next()?;
        let simple = match e {
            'a' => Some(7u8),
            'b' => Some(8),
            'f' => Some(12),
            'n' => Some(b'\n'),
            'r' => Some(b'\r'),
            't' => Some(b'\t'),
            'v' => Some(11),
            '\\' => Some(b'\\'),
            '\'' | '"' => {
                if e != quote {
                    return None;
                }
                Some(e as u8)
            }
            _ => None,
        };
        if let Some(b) = simple {
            out.push(b);
            continue;
        }
        match e {
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v: u32 = 0;
                for _ in 0..n {
                    let d = chars.next()?.to_digit(16)?;
                    v = v.checked_mul(16)?.checked_add(d)?;
                }
                if e == 'x' {
                    out.push(u8::try_from(v).ok()?);
                } else {
                    let c = char::from_u32(v)?;
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
            }
            '0'..='7' => {
                let mut v = e.to_digit(8)?;
                for _ in 0..2 {
                    let d = chars.next()?.to_digit(8)?;
                    v = v * 8 + d;
                }
                out.push(u8::try_from(v).ok()?);
            }
            _ => return None,
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_match_the_regex() {
        let cases: &[(&str, bool)] = &[
            ("", true),
            ("1", true),
            ("-1", true),
            ("1:2", true),
            (":", true),
            ("::", true),
            ("1:2:3", true),
            ("1.5", false),
            ("x", false),
            ("1:2:3:4", false),
            ("+1", false),
        ];
        for (text, ok) in cases {
            assert_eq!(slice_parts(text).is_some(), *ok, "{text}");
        }
    }

    #[test]
    fn unquotes_like_go() {
        let cases: &[(&str, Option<&str>)] = &[
            ("'a'", Some("a")),
            ("\"a\\nb\"", Some("a\nb")),
            ("\"\\u263a\"", Some("\u{263a}")),
            ("\"a\\qb\"", None),
            ("'\\''", Some("'")),
            ("'\\\"'", None),
        ];
        for (text, want) in cases {
            assert_eq!(unquote_extend(text).as_deref(), *want, "{text}");
        }
    }

    #[test]
    fn filters_split() {
        assert_eq!(split_filter("@.a==1"), Some(("@.a", "==", "1")));
        assert_eq!(split_filter("@.a<>1"), Some(("@.a", "<>", "1")));
        assert_eq!(split_filter("@.a"), None);
        assert_eq!(split_filter("!@.a"), None);
        assert_eq!(split_filter("@.a=="), None);
    }
}
