//! JSON as containers/image's strict policy decoder meets it (Go `encoding/json`).
//!
//! `json.Unmarshal` checks the whole document before any `UnmarshalJSON` runs, so a syntax
//! error anywhere wins over every semantic error: [`check_valid`] is that pass, with the Go
//! scanner's texts. The decoder then walks the (valid) text with a [`Cursor`], which never
//! builds a tree: values the schema does not descend into are skipped iteratively, so nesting
//! depth costs no stack.

use std::fmt::Write as _;

use crate::gofmt::GoQuoted;

/// Go's scanner refuses deeper nesting (`exceeded max depth`).
const MAX_DEPTH: usize = 10_000;

const UNEXPECTED_END: &str = "unexpected end of JSON input";

/// Go's `quoteChar`: the byte as a quoted character for scanner errors.
fn quote_char(c: u8) -> String {
    match c {
        b'\'' => "'\\''".to_owned(),
        b'"' => "'\"'".to_owned(),
        c => {
            // Go converts the byte to a rune (Latin-1), then quotes it.
            let text = char::from(c).to_string();
            let quoted = GoQuoted(&text).to_string();
            let inner = quoted
                .strip_prefix('"')
                .and_then(|q| q.strip_suffix('"'))
                .unwrap_or(&quoted);
            format!("'{inner}'")
        }
    }
}

fn invalid(c: u8, context: &str) -> String {
    format!("invalid character {} {context}", quote_char(c))
}

const fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// Go `checkValid`: `Ok` when `text` is one JSON value with optional surrounding white space,
/// else the scanner's error text.
pub(super) fn check_valid(text: &str) -> Result<(), String> {
    Validator {
        b: text.as_bytes(),
        i: 0,
        stack: Vec::new(),
    }
    .run()
}

struct Validator<'a> {
    b: &'a [u8],
    i: usize,
    /// Open containers, `true` for objects.
    stack: Vec<bool>,
}

/// What the validator expects next.
#[derive(Clone, Copy)]
enum Expect {
    /// A value (top level, after `:`, after `,` in an array).
    Value,
    /// A value or `]` (just after `[`).
    ValueOrClose,
    /// A key or `}` (just after `{`).
    KeyOrClose,
    /// A key (after `,` in an object).
    Key,
    /// `:` after a key.
    Colon,
    /// What follows a complete value.
    End,
}

impl Validator<'_> {
    fn next_non_space(&mut self) -> Option<u8> {
        while let Some(&c) = self.b.get(self.i) {
            if !is_space(c) {
                return Some(c);
            }
            self.i += 1;
        }
        None
    }

    fn run(mut self) -> Result<(), String> {
        let mut expect = Expect::Value;
        loop {
            let Some(c) = self.next_non_space() else {
                return match expect {
                    Expect::End if self.stack.is_empty() => Ok(()),
                    _ => Err(UNEXPECTED_END.to_owned()),
                };
            };
            expect = match expect {
                Expect::Value => self.value(c, "looking for beginning of value")?,
                Expect::ValueOrClose if c == b']' => self.close(),
                Expect::ValueOrClose => self.value(c, "looking for beginning of value")?,
                Expect::KeyOrClose if c == b'}' => self.close(),
                Expect::KeyOrClose | Expect::Key => {
                    if c != b'"' {
                        return Err(invalid(c, "looking for beginning of object key string"));
                    }
                    self.string()?;
                    Expect::Colon
                }
                Expect::Colon => {
                    if c != b':' {
                        return Err(invalid(c, "after object key"));
                    }
                    self.i += 1;
                    Expect::Value
                }
                Expect::End => match self.stack.last() {
                    None => return Err(invalid(c, "after top-level value")),
                    Some(true) => match c {
                        b',' => {
                            self.i += 1;
                            Expect::Key
                        }
                        b'}' => self.close(),
                        _ => return Err(invalid(c, "after object key:value pair")),
                    },
                    Some(false) => match c {
                        b',' => {
                            self.i += 1;
                            Expect::Value
                        }
                        b']' => self.close(),
                        _ => return Err(invalid(c, "after array element")),
                    },
                },
            };
        }
    }

    fn close(&mut self) -> Expect {
        self.i += 1;
        self.stack.pop();
        Expect::End
    }

    fn open(&mut self, object: bool) -> Result<Expect, String> {
        if self.stack.len() >= MAX_DEPTH {
            return Err("exceeded max depth".to_owned());
        }
        self.stack.push(object);
        self.i += 1;
        Ok(if object {
            Expect::KeyOrClose
        } else {
            Expect::ValueOrClose
        })
    }

    fn value(&mut self, c: u8, context: &str) -> Result<Expect, String> {
        match c {
            b'{' => self.open(true),
            b'[' => self.open(false),
            b'"' => self.string().map(|()| Expect::End),
            b'-' | b'0'..=b'9' => self.number().map(|()| Expect::End),
            b't' => self.literal(b"true").map(|()| Expect::End),
            b'f' => self.literal(b"false").map(|()| Expect::End),
            b'n' => self.literal(b"null").map(|()| Expect::End),
            c => Err(invalid(c, context)),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), String> {
        let name = std::str::from_utf8(word).unwrap_or_default();
        for (k, &want) in word.iter().enumerate() {
            match self.b.get(self.i + k) {
                None => return Err(UNEXPECTED_END.to_owned()),
                Some(&got) if got != want => {
                    return Err(invalid(
                        got,
                        &format!("in literal {name} (expecting {})", quote_char(want)),
                    ));
                }
                Some(_) => {}
            }
        }
        self.i += word.len();
        Ok(())
    }

    fn string(&mut self) -> Result<(), String> {
        self.i += 1; // the opening quote
        loop {
            let Some(&c) = self.b.get(self.i) else {
                return Err(UNEXPECTED_END.to_owned());
            };
            self.i += 1;
            match c {
                b'"' => return Ok(()),
                b'\\' => {
                    let Some(&e) = self.b.get(self.i) else {
                        return Err(UNEXPECTED_END.to_owned());
                    };
                    self.i += 1;
                    match e {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                        b'u' => {
                            for _ in 0..4 {
                                let Some(&h) = self.b.get(self.i) else {
                                    return Err(UNEXPECTED_END.to_owned());
                                };
                                if !h.is_ascii_hexdigit() {
                                    return Err(invalid(h, "in \\u hexadecimal character escape"));
                                }
                                self.i += 1;
                            }
                        }
                        e => return Err(invalid(e, "in string escape code")),
                    }
                }
                c if c < 0x20 => return Err(invalid(c, "in string literal")),
                _ => {}
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<(), String> {
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        match self.b.get(self.i) {
            None => return Err(UNEXPECTED_END.to_owned()),
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            Some(&c) => return Err(invalid(c, "in numeric literal")),
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            match self.b.get(self.i) {
                None => return Err(UNEXPECTED_END.to_owned()),
                Some(c) if c.is_ascii_digit() => {
                    self.digits();
                }
                Some(&c) => return Err(invalid(c, "after decimal point in numeric literal")),
            }
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            match self.b.get(self.i) {
                None => return Err(UNEXPECTED_END.to_owned()),
                Some(c) if c.is_ascii_digit() => {
                    self.digits();
                }
                Some(&c) => return Err(invalid(c, "in exponent of numeric literal")),
            }
        }
        Ok(())
    }
}

/// The JSON type of a value, as Go's decoder names it in `cannot unmarshal <type>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

impl Kind {
    pub(super) const fn go_name(self) -> &'static str {
        match self {
            Self::Object => "object",
            Self::Array => "array",
            Self::String => "string",
            Self::Number => "number",
            Self::Bool => "bool",
            Self::Null => "null",
        }
    }
}

/// A position in a document [`check_valid`] accepted. Every method assumes validity and
/// degrades to "nothing there" rather than panicking if that does not hold.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cursor<'a> {
    text: &'a str,
    i: usize,
}

impl<'a> Cursor<'a> {
    pub(super) const fn new(text: &'a str) -> Self {
        Self { text, i: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&mut self) -> Option<u8> {
        while let Some(&c) = self.bytes().get(self.i) {
            if !is_space(c) {
                return Some(c);
            }
            self.i += 1;
        }
        None
    }

    /// The kind of the next value.
    pub(super) fn kind(&mut self) -> Kind {
        match self.peek() {
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::Array,
            Some(b'"') => Kind::String,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'n') | None => Kind::Null,
            Some(_) => Kind::Number,
        }
    }

    /// Skips the next value (iteratively).
    pub(super) fn skip_value(&mut self) {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                None => return,
                Some(b'{' | b'[') => {
                    depth += 1;
                    self.i += 1;
                }
                Some(b'}' | b']') => {
                    depth = depth.saturating_sub(1);
                    self.i += 1;
                }
                Some(b',' | b':') => self.i += 1,
                Some(b'"') => self.skip_string(),
                Some(_) => self.skip_scalar(),
            }
            if depth == 0 {
                return;
            }
        }
    }

    fn skip_string(&mut self) {
        self.i += 1;
        while let Some(&c) = self.bytes().get(self.i) {
            self.i += 1;
            match c {
                b'"' => return,
                b'\\' => self.i += 1,
                _ => {}
            }
        }
    }

    fn skip_scalar(&mut self) {
        while let Some(&c) = self.bytes().get(self.i) {
            if is_space(c) || matches!(c, b',' | b':' | b'}' | b']') {
                return;
            }
            self.i += 1;
        }
    }

    /// The text of the next scalar (number or literal), skipping it.
    fn scalar_text(&mut self) -> &'a str {
        self.peek();
        let start = self.i;
        self.skip_scalar();
        self.text.get(start..self.i).unwrap_or_default()
    }

    /// The next value's source text, skipping it.
    pub(super) fn raw_value(&mut self) -> &'a str {
        self.peek();
        let start = self.i;
        self.skip_value();
        self.text.get(start..self.i).unwrap_or_default()
    }

    /// Decodes the next string value (Go rules: an unpaired surrogate escape becomes U+FFFD).
    pub(super) fn string(&mut self) -> String {
        if self.peek() != Some(b'"') {
            return String::new();
        }
        self.i += 1;
        let start = self.i;
        // Fast path: no escapes.
        while let Some(&c) = self.bytes().get(self.i) {
            match c {
                b'"' => {
                    let s = self.text.get(start..self.i).unwrap_or_default().to_owned();
                    self.i += 1;
                    return s;
                }
                b'\\' => break,
                _ => self.i += 1,
            }
        }
        let mut out = self.text.get(start..self.i).unwrap_or_default().to_owned();
        loop {
            let Some(&c) = self.bytes().get(self.i) else {
                return out;
            };
            match c {
                b'"' => {
                    self.i += 1;
                    return out;
                }
                b'\\' => {
                    self.i += 1;
                    let e = self.bytes().get(self.i).copied().unwrap_or(b'"');
                    self.i += 1;
                    match e {
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape()),
                        other => out.push(char::from(other)),
                    }
                }
                _ => {
                    // Copy the run up to the next quote or backslash (valid UTF-8 boundaries).
                    let run_start = self.i;
                    while self
                        .bytes()
                        .get(self.i)
                        .is_some_and(|&b| b != b'"' && b != b'\\')
                    {
                        self.i += 1;
                    }
                    out.push_str(self.text.get(run_start..self.i).unwrap_or_default());
                }
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.i..self.i + 4)?;
        let value = u32::from_str_radix(digits, 16).ok()?;
        self.i += 4;
        Some(value)
    }

    /// After `\u`: one code point; a valid surrogate pair consumes the second escape too.
    fn unicode_escape(&mut self) -> char {
        let Some(first) = self.hex4() else {
            return char::REPLACEMENT_CHARACTER;
        };
        if (0xD800..0xDC00).contains(&first) && self.text.get(self.i..self.i + 2) == Some("\\u") {
            let save = self.i;
            self.i += 2;
            if let Some(second) = self.hex4()
                && (0xDC00..0xE000).contains(&second)
            {
                let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER);
            }
            // Go emits U+FFFD for the lone high surrogate and decodes the next escape on its own.
            self.i = save;
        }
        char::from_u32(first).unwrap_or(char::REPLACEMENT_CHARACTER)
    }

    /// Consumes `{`; false when the next value is not an object (nothing consumed).
    pub(super) fn begin_object(&mut self) -> bool {
        if self.peek() == Some(b'{') {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// The next member's key (its `:` consumed), or `None` after the closing `}`.
    pub(super) fn next_key(&mut self) -> Option<String> {
        match self.peek() {
            Some(b'}') | None => {
                self.i += 1;
                None
            }
            Some(c) => {
                if c == b',' {
                    self.i += 1;
                }
                let key = self.string();
                if self.peek() == Some(b':') {
                    self.i += 1;
                }
                Some(key)
            }
        }
    }

    /// Consumes `[`; false when the next value is not an array.
    pub(super) fn begin_array(&mut self) -> bool {
        if self.peek() == Some(b'[') {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// True when another element follows (its `,` consumed); false after the closing `]`.
    pub(super) fn next_element(&mut self) -> bool {
        match self.peek() {
            Some(b']') | None => {
                self.i += 1;
                false
            }
            Some(b',') => {
                self.i += 1;
                true
            }
            Some(_) => true,
        }
    }

    /// Go's `%#v` of the token `json.Decoder.Token` returns for the next value (for
    /// `JSON object expected, got …`), skipping the value.
    pub(super) fn token_dump(&mut self) -> String {
        match self.kind() {
            Kind::Object => {
                self.skip_value();
                "123".to_owned()
            }
            Kind::Array => {
                self.skip_value();
                "91".to_owned()
            }
            Kind::String => GoQuoted(&self.string()).to_string(),
            Kind::Null => {
                self.skip_value();
                "<nil>".to_owned()
            }
            Kind::Bool => self.scalar_text().to_owned(),
            Kind::Number => go_float(self.scalar_text()),
        }
    }

    /// The next value as a number literal (for Go's `number <text>` in uint8 errors).
    pub(super) fn number_text(&mut self) -> &'a str {
        self.scalar_text()
    }
}

/// Go's `%#v` of a `float64`: the shortest representation, with an exponent (`1e+06`) below
/// 1e-4 and from 1e6 on (`strconv` `'g'`, precision -1).
fn go_float(literal: &str) -> String {
    let Ok(value) = literal.parse::<f64>() else {
        return literal.to_owned();
    };
    if value == 0.0 {
        return if literal.starts_with('-') { "-0" } else { "0" }.to_owned();
    }
    let exponent = value.abs().log10().floor();
    if !(-4.0..6.0).contains(&exponent) {
        let formatted = format!("{value:e}");
        let (mantissa, exp) = formatted.split_once('e').unwrap_or((&formatted, "0"));
        let (sign, digits) = exp.strip_prefix('-').map_or(("+", exp), |rest| ("-", rest));
        let mut out = String::from(mantissa);
        let _ = write!(out, "e{sign}{digits:0>2}");
        return out;
    }
    format!("{value}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity_and_go_texts() {
        let cases: &[(&str, Result<(), &str>)] = &[
            ("{}", Ok(())),
            (" [1, -0.5e+3, \"a\\u00e9\", true, null] ", Ok(())),
            ("", Err("unexpected end of JSON input")),
            ("{", Err("unexpected end of JSON input")),
            ("{} x", Err("invalid character 'x' after top-level value")),
            ("{\"a\" 1}", Err("invalid character '1' after object key")),
            (
                "{\"a\":1 2}",
                Err("invalid character '2' after object key:value pair"),
            ),
            ("[1 2]", Err("invalid character '2' after array element")),
            (
                "{1:2}",
                Err("invalid character '1' looking for beginning of object key string"),
            ),
            (
                "[,]",
                Err("invalid character ',' looking for beginning of value"),
            ),
            ("[01]", Err("invalid character '1' after array element")),
            ("-x", Err("invalid character 'x' in numeric literal")),
            (
                "1.x",
                Err("invalid character 'x' after decimal point in numeric literal"),
            ),
            (
                "1ex",
                Err("invalid character 'x' in exponent of numeric literal"),
            ),
            ("tru", Err("unexpected end of JSON input")),
            (
                "nul1",
                Err("invalid character '1' in literal null (expecting 'l')"),
            ),
            (
                "\"\\x\"",
                Err("invalid character 'x' in string escape code"),
            ),
            ("\"\t\"", Err("invalid character '\\t' in string literal")),
            (
                "{\"a\":1,}",
                Err("invalid character '}' looking for beginning of object key string"),
            ),
        ];
        for (text, want) in cases {
            let got = check_valid(text);
            assert_eq!(
                got.as_ref().err().map(String::as_str),
                want.err(),
                "{text:?}"
            );
        }
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(check_valid(&deep), Err("exceeded max depth".to_owned()));
    }

    #[test]
    fn cursor_walks_members_and_decodes_strings() {
        let text = r#" {"a\u0062": [1, {"x": [[]]}], "c": "\ud83d\ude00\ud800x\n", "d": null} "#;
        assert_eq!(check_valid(text), Ok(()));
        let mut c = Cursor::new(text);
        assert!(c.begin_object());
        assert_eq!(c.next_key().as_deref(), Some("ab"));
        assert_eq!(c.kind(), Kind::Array);
        c.skip_value();
        assert_eq!(c.next_key().as_deref(), Some("c"));
        assert_eq!(c.string(), "\u{1F600}\u{FFFD}x\n");
        assert_eq!(c.next_key().as_deref(), Some("d"));
        assert_eq!(c.token_dump(), "<nil>");
        assert_eq!(c.next_key(), None);
    }

    #[test]
    fn token_dumps() {
        for (text, want) in [
            ("[]", "91"),
            ("\"a\\\"b\"", "\"a\\\"b\""),
            ("1", "1"),
            ("1.5", "1.5"),
            ("1e6", "1e+06"),
            ("1e21", "1e+21"),
            ("true", "true"),
        ] {
            assert_eq!(Cursor::new(text).token_dump(), want, "{text}");
        }
    }
}
