//! The document the evaluator reads: JSON borrowed from where it came from (the JSON text, or
//! a `serde_json::Value`), objects as key-sorted vectors.
//!
//! Why not `serde_json::Value` itself: building and dropping its `BTreeMap`s and `String`s
//! costs several times the evaluation (8 MB of Pods: about 90 ms against 15 ms); the borrowed
//! form parses at several hundred MB/s and is freed in one pass. Numbers keep their text and
//! are decoded per [`NumberMode`](super::NumberMode) where they are used.

use std::borrow::Cow;

use serde_json::{Map, Number, Value};

use super::{JsonPathError, MAX_DEPTH};

/// One JSON value of a document.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Doc<'a> {
    Null,
    Bool(bool),
    /// The number's JSON text.
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Doc<'a>>),
    /// Members sorted by key (bytes), one per key: the last one wins, as in Go's decoder.
    Object(Vec<(Cow<'a, str>, Doc<'a>)>),
}

/// Whether a number's text decodes as a finite float64 (what Go's decoder requires of every
/// number of the document), without parsing it in the common case: no exponent and fewer
/// than 300 characters always fits.
fn number_fits(text: &str) -> bool {
    (text.len() < 300 && !text.bytes().any(|b| b == b'e' || b == b'E'))
        || text.parse::<f64>().is_ok_and(f64::is_finite)
}

fn check_number(text: &str) -> Result<(), JsonPathError> {
    if number_fits(text) {
        Ok(())
    } else {
        Err(JsonPathError::BadNumber(text.to_owned()))
    }
}

/// Sorts members by key and keeps the last of equal keys.
fn sorted_members<'a>(mut members: Vec<(Cow<'a, str>, Doc<'a>)>) -> Vec<(Cow<'a, str>, Doc<'a>)> {
    if members.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)) {
        return members;
    }
    // Stable: equal keys keep their document order, so the last of a run is the last given.
    members.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut out: Vec<(Cow<'a, str>, Doc<'a>)> = Vec::with_capacity(members.len());
    for member in members {
        match out.last_mut() {
            Some(last) if last.0 == member.0 => *last = member,
            _ => out.push(member),
        }
    }
    out
}

impl<'a> Doc<'a> {
    /// Parses JSON text (RFC 8259; a lone surrogate escape becomes U+FFFD, as in Go).
    pub(super) fn parse(text: &'a str) -> Result<Self, JsonPathError> {
        let mut parser = Parser { text, pos: 0 };
        parser.skip_space();
        let value = parser.value(0)?;
        parser.skip_space();
        match parser.peek() {
            None => Ok(value),
            Some(b) => Err(parser.error(format!(
                "invalid character {} after top-level value",
                quote_byte(b)
            ))),
        }
    }

    /// The value as `serde_json` (numbers keep their text).
    pub(super) fn to_value(&self) -> Value {
        match self {
            Doc::Null => Value::Null,
            Doc::Bool(b) => Value::Bool(*b),
            Doc::Number(text) => text.parse::<Number>().map_or(Value::Null, Value::Number),
            Doc::String(s) => Value::String(s.as_ref().to_owned()),
            Doc::Array(items) => Value::Array(items.iter().map(Doc::to_value).collect()),
            Doc::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.as_ref().to_owned(), v.to_value()))
                    .collect::<Map<_, _>>(),
            ),
        }
    }
}

/// Checks every number of a `serde_json` value as Go's decoder would have (with
/// `arbitrary_precision`, a `Value` can hold `1e400`). Iterative.
pub(super) fn check_value_numbers(value: &Value) -> Result<(), JsonPathError> {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Number(n) => check_number(n.as_str())?,
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    Ok(())
}

/// A value of either kind of document: parsed from text ([`Doc`]) or a borrowed
/// `serde_json::Value`, so that a `Value` is evaluated in place, without conversion.
#[derive(Debug, Clone, Copy)]
pub(super) enum DocRef<'a> {
    Doc(&'a Doc<'a>),
    Value(&'a Value),
}

/// What a [`DocRef`] is.
#[derive(Debug, Clone, Copy)]
pub(super) enum View<'a> {
    Null,
    Bool(bool),
    /// The number's JSON text.
    Number(&'a str),
    String(&'a str),
    Array(Elements<'a>),
    Object(Members<'a>),
}

/// The elements of an array.
#[derive(Debug, Clone, Copy)]
pub(super) enum Elements<'a> {
    Doc(&'a [Doc<'a>]),
    Value(&'a [Value]),
}

/// The members of an object, in key order.
#[derive(Debug, Clone, Copy)]
pub(super) enum Members<'a> {
    Doc(&'a [(Cow<'a, str>, Doc<'a>)]),
    Value(&'a Map<String, Value>),
}

impl<'a> DocRef<'a> {
    /// What the value is.
    pub(super) fn view(self) -> View<'a> {
        match self {
            DocRef::Doc(d) => match d {
                Doc::Null => View::Null,
                Doc::Bool(b) => View::Bool(*b),
                Doc::Number(n) => View::Number(n),
                Doc::String(s) => View::String(s),
                Doc::Array(items) => View::Array(Elements::Doc(items)),
                Doc::Object(members) => View::Object(Members::Doc(members)),
            },
            DocRef::Value(v) => match v {
                Value::Null => View::Null,
                Value::Bool(b) => View::Bool(*b),
                Value::Number(n) => View::Number(n.as_str()),
                Value::String(s) => View::String(s),
                Value::Array(items) => View::Array(Elements::Value(items)),
                Value::Object(map) => View::Object(Members::Value(map)),
            },
        }
    }

    /// The value as `serde_json` (numbers keep their text).
    pub(super) fn to_value(self) -> Value {
        match self {
            DocRef::Doc(d) => d.to_value(),
            DocRef::Value(v) => v.clone(),
        }
    }
}

impl<'a> Elements<'a> {
    pub(super) fn len(self) -> usize {
        match self {
            Elements::Doc(items) => items.len(),
            Elements::Value(items) => items.len(),
        }
    }

    /// The elements `start..end` (empty when out of bounds).
    pub(super) fn range(self, start: usize, end: usize) -> Self {
        match self {
            Elements::Doc(items) => Elements::Doc(items.get(start..end).unwrap_or_default()),
            Elements::Value(items) => Elements::Value(items.get(start..end).unwrap_or_default()),
        }
    }

    pub(super) fn iter(self) -> ElementsIter<'a> {
        match self {
            Elements::Doc(items) => ElementsIter::Doc(items.iter()),
            Elements::Value(items) => ElementsIter::Value(items.iter()),
        }
    }
}

/// The iterator of [`Elements::iter`].
#[derive(Debug, Clone)]
pub(super) enum ElementsIter<'a> {
    Doc(std::slice::Iter<'a, Doc<'a>>),
    Value(std::slice::Iter<'a, Value>),
}

impl<'a> Iterator for ElementsIter<'a> {
    type Item = DocRef<'a>;

    fn next(&mut self) -> Option<DocRef<'a>> {
        match self {
            ElementsIter::Doc(items) => items.next().map(DocRef::Doc),
            ElementsIter::Value(items) => items.next().map(DocRef::Value),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            ElementsIter::Doc(items) => items.size_hint(),
            ElementsIter::Value(items) => items.size_hint(),
        }
    }
}

impl DoubleEndedIterator for ElementsIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        match self {
            ElementsIter::Doc(items) => items.next_back().map(DocRef::Doc),
            ElementsIter::Value(items) => items.next_back().map(DocRef::Value),
        }
    }
}

impl ExactSizeIterator for ElementsIter<'_> {}

impl<'a> Members<'a> {
    /// The member `key`.
    pub(super) fn get(self, key: &str) -> Option<DocRef<'a>> {
        match self {
            Members::Doc(members) => members
                .binary_search_by(|(k, _)| k.as_bytes().cmp(key.as_bytes()))
                .ok()
                .and_then(|i| members.get(i))
                .map(|(_, v)| DocRef::Doc(v)),
            Members::Value(map) => map.get(key).map(DocRef::Value),
        }
    }

    /// Key and value of every member, keys in byte order.
    pub(super) fn iter(self) -> impl DoubleEndedIterator<Item = (&'a str, DocRef<'a>)> {
        let mut entries: Vec<(&'a str, DocRef<'a>)> = match self {
            Members::Doc(members) => members
                .iter()
                .map(|(k, v)| (k.as_ref(), DocRef::Doc(v)))
                .collect(),
            Members::Value(map) => map
                .iter()
                .map(|(k, v)| (k.as_str(), DocRef::Value(v)))
                .collect(),
        };
        // serde_json's maps are key-sorted unless its `preserve_order` feature is on.
        if !entries
            .windows(2)
            .all(|w| matches!(w, [a, b] if a.0 <= b.0))
        {
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        }
        entries.into_iter()
    }
}

/// Go's `quoteChar` for a byte in an error message.
fn quote_byte(b: u8) -> String {
    match b {
        b'\'' => "'\\''".to_owned(),
        b'"' => "'\"'".to_owned(),
        0x20..=0x7e => format!("'{}'", char::from(b)),
        _ => format!("'\\x{b:02x}'"),
    }
}

/// A recursive-descent JSON parser over the text's bytes.
struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn error(&self, message: String) -> JsonPathError {
        JsonPathError::InvalidDocument {
            offset: self.pos,
            message,
        }
    }

    fn unexpected(&self, context: &str) -> JsonPathError {
        match self.peek() {
            None => self.error("unexpected end of JSON input".to_owned()),
            Some(b) => self.error(format!("invalid character {} {context}", quote_byte(b))),
        }
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &str, value: Doc<'a>) -> Result<Doc<'a>, JsonPathError> {
        let end = self.pos + word.len();
        if self.text.as_bytes().get(self.pos..end) == Some(word.as_bytes()) {
            self.pos = end;
            Ok(value)
        } else {
            // Point at the first byte that differs.
            let same = self
                .text
                .as_bytes()
                .get(self.pos..)
                .unwrap_or_default()
                .iter()
                .zip(word.as_bytes())
                .take_while(|(a, b)| a == b)
                .count();
            self.pos += same;
            Err(self.unexpected(&format!(
                "in literal {word} (expecting '{}')",
                word.as_bytes().get(same).map_or('?', |b| char::from(*b))
            )))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Doc<'a>, JsonPathError> {
        if depth > MAX_DEPTH {
            return Err(JsonPathError::Limit("document depth"));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => Ok(Doc::String(self.string()?)),
            Some(b't') => self.literal("true", Doc::Bool(true)),
            Some(b'f') => self.literal("false", Doc::Bool(false)),
            Some(b'n') => self.literal("null", Doc::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected("looking for beginning of value")),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Doc<'a>, JsonPathError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Doc::Array(items));
        }
        loop {
            self.skip_space();
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Doc::Array(items));
                }
                _ => return Err(self.unexpected("after array element")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Doc<'a>, JsonPathError> {
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Doc::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("looking for beginning of object key string"));
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("after object key"));
            }
            self.pos += 1;
            self.skip_space();
            let value = self.value(depth + 1)?;
            members.push((key, value));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Doc::Object(sorted_members(members)));
                }
                _ => return Err(self.unexpected("after object key:value pair")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Doc<'a>, JsonPathError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.unexpected("in numeric literal")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.unexpected("after decimal point in numeric literal"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.unexpected("in exponent of numeric literal"));
            }
        }
        let text = self.text.get(start..self.pos).unwrap_or_default();
        check_number(text)?;
        Ok(Doc::Number(text))
    }

    /// A string starting at the opening quote: borrowed when it has no escape.
    fn string(&mut self) -> Result<Cow<'a, str>, JsonPathError> {
        self.pos += 1;
        let start = self.pos;
        let bytes = self.text.as_bytes();
        loop {
            match bytes.get(self.pos) {
                None => return Err(self.error("unexpected end of JSON input".to_owned())),
                Some(b'"') => {
                    let s = self.text.get(start..self.pos).unwrap_or_default();
                    self.pos += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(&b) if b < 0x20 => {
                    return Err(self.unexpected("in string literal"));
                }
                Some(_) => self.pos += 1,
            }
        }
        let mut out = String::from(self.text.get(start..self.pos).unwrap_or_default());
        loop {
            match bytes.get(self.pos) {
                None => return Err(self.error("unexpected end of JSON input".to_owned())),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = match bytes.get(self.pos) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.unexpected("in string escape code")),
                    };
                    out.push(escaped);
                    self.pos += 1;
                }
                Some(&b) if b < 0x20 => return Err(self.unexpected("in string literal")),
                Some(_) => {
                    // Copy the run up to the next quote, escape or control byte.
                    let run_start = self.pos;
                    while matches!(bytes.get(self.pos), Some(&b) if b != b'"' && b != b'\\' && b >= 0x20)
                    {
                        self.pos += 1;
                    }
                    out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
                }
            }
        }
    }

    /// Four hex digits after `\u` (at `pos`).
    fn hex4(&mut self) -> Result<u32, JsonPathError> {
        let mut value = 0u32;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.unexpected("in \\u hexadecimal character escape"))?;
            value = value * 16 + digit;
            self.pos += 1;
        }
        Ok(value)
    }

    /// The character of a `\uXXXX` escape (a surrogate pair when one follows), U+FFFD for a
    /// lone surrogate.
    fn unicode_escape(&mut self) -> Result<char, JsonPathError> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first)
            && self.text.as_bytes().get(self.pos..self.pos + 2) == Some(b"\\u")
        {
            let save = self.pos;
            self.pos += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            // Not a low surrogate: the first becomes U+FFFD, the second is read again.
            self.pos = save;
            return Ok('\u{FFFD}');
        }
        Ok(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_serde_json() {
        let texts = [
            r#"{"b": [1, 2.5, -0, 1e3, true, false, null], "a": {"x": "y\n\u00e9\ud83d\ude00"}}"#,
            r#"[]"#,
            r#"{}"#,
            r#" "plain" "#,
            r#"{"k": 1, "k": 2}"#,
            r#"{"z": 1, "a": 2, "m": {"q": [], "b": {}}}"#,
        ];
        for text in texts {
            let doc = Doc::parse(text).unwrap();
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(doc.to_value(), value, "{text}");
        }
    }

    #[test]
    fn lookups_and_duplicates() {
        let doc = Doc::parse(r#"{"k": 1, "a": 0, "k": 2}"#).unwrap();
        let View::Object(members) = DocRef::Doc(&doc).view() else {
            panic!("{doc:?}")
        };
        let number = |key| match members.get(key).map(DocRef::view) {
            Some(View::Number(n)) => Some(n),
            _ => None,
        };
        assert_eq!(
            (number("k"), number("a"), number("b")),
            (Some("2"), Some("0"), None)
        );
        let keys: Vec<&str> = members.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "k"]);
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let doc = Doc::parse(r#""a\ud800b\udc00\ud800\u0041""#).unwrap();
        assert_eq!(
            doc,
            Doc::String(Cow::Owned("a\u{FFFD}b\u{FFFD}\u{FFFD}A".into()))
        );
    }

    #[test]
    fn rejects_what_json_rejects() {
        for text in [
            "",
            " ",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "01",
            "1.",
            "-",
            "1e",
            "tru",
            "\"a",
            "\"\\x\"",
            "\"\u{1}\"",
            "[1] 2",
            "{\"a\":1,}",
            "\"\\u12g4\"",
            "1e400",
        ] {
            assert!(Doc::parse(text).is_err(), "{text:?}");
        }
        let deep = "[".repeat(MAX_DEPTH + 2);
        assert_eq!(
            Doc::parse(&deep).unwrap_err(),
            JsonPathError::Limit("document depth")
        );
    }
}
