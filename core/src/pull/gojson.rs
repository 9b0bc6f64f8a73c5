//! What the credential readers need of Go's `encoding/json` and `encoding/base64` (pull.md
//! §2.1): JSON objects read member by member in document order (a repeated member, or two
//! spellings of one field, assign in turn, so the last one wins), struct fields matched exactly
//! or by Go's case folding, and base64 decoding with Go's error offsets.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// A JSON value with every object's members kept in document order, duplicates included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OrderedJson {
    Null,
    Bool(bool),
    /// The number's JSON text.
    Number(String),
    String(String),
    Array(Vec<OrderedJson>),
    Object(Vec<(String, OrderedJson)>),
}

impl OrderedJson {
    /// Parses JSON text (serde_json's grammar and its nesting limit of 128).
    pub(crate) fn parse(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Go's name for the value's JSON type in `json: cannot unmarshal <type> into …`.
    pub(crate) const fn go_type(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool(_) => "bool",
            Self::Number(_) => "number",
            Self::String(_) => "string",
            Self::Array(_) => "array",
            Self::Object(_) => "object",
        }
    }
}

/// serde_json's private key for a number under `arbitrary_precision`.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

struct OrderedVisitor;

impl<'de> Visitor<'de> for OrderedVisitor {
    type Value = OrderedJson;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<OrderedJson, E> {
        Ok(OrderedJson::Null)
    }

    fn visit_none<E>(self) -> Result<OrderedJson, E> {
        Ok(OrderedJson::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<OrderedJson, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_bool<E>(self, v: bool) -> Result<OrderedJson, E> {
        Ok(OrderedJson::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<OrderedJson, E> {
        Ok(OrderedJson::Number(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<OrderedJson, E> {
        Ok(OrderedJson::Number(v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<OrderedJson, E> {
        Ok(OrderedJson::Number(v.to_string()))
    }

    fn visit_str<E>(self, v: &str) -> Result<OrderedJson, E> {
        Ok(OrderedJson::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<OrderedJson, E> {
        Ok(OrderedJson::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OrderedJson, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<OrderedJson>()? {
            items.push(item);
        }
        Ok(OrderedJson::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedJson, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if members.is_empty() && key == NUMBER_TOKEN {
                let text: String = map.next_value()?;
                return Ok(OrderedJson::Number(text));
            }
            let value: OrderedJson = map.next_value()?;
            members.push((key, value));
        }
        Ok(OrderedJson::Object(members))
    }
}

impl<'de> de::Deserialize<'de> for OrderedJson {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OrderedVisitor)
    }
}

/// Go's `foldName` of one character, for the characters that can fold onto an ASCII field
/// name: ASCII letters to upper case, and the four non-ASCII letters whose
/// `ToUpper(ToLower(r))` is ASCII (Kelvin sign, long s, dotted and dotless i).
const fn fold_char(c: char) -> Option<char> {
    match c {
        'a'..='z' => Some(c.to_ascii_uppercase()),
        '\u{212A}' => Some('K'),
        '\u{17F}' => Some('S'),
        '\u{130}' | '\u{131}' => Some('I'),
        c if c.is_ascii() => Some(c),
        _ => None,
    }
}

/// Whether a JSON member name selects the struct field `field` (ASCII) as Go's decoder
/// decides: the exact name, else equal under Go's case folding.
pub(crate) fn member_selects(member: &str, field: &str) -> bool {
    if member == field {
        return true;
    }
    let mut wanted = field.chars();
    for c in member.chars() {
        match (fold_char(c), wanted.next().and_then(fold_char)) {
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
    wanted.next().is_none()
}

/// Go's `illegal base64 data at input byte <n>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Base64Error(pub(crate) usize);

impl fmt::Display for Base64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "illegal base64 data at input byte {}", self.0)
    }
}

const fn alphabet_value(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Go's `base64.StdEncoding.DecodeString` (`padded`) or `RawStdEncoding.DecodeString`: the
/// standard alphabet, `\r` / `\n` skipped anywhere, unused trailing bits ignored, and Go's
/// error offset (pull.md §2.1).
pub(crate) fn decode_base64(input: &str, padded: bool) -> Result<Vec<u8>, Base64Error> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 3);
    let mut si = 0;
    loop {
        // One quantum: up to four alphabet characters, newlines skipped.
        let mut quantum = [0u8; 4];
        let mut len = 0;
        while len < 4 {
            // Skip newlines; the end of input ends the quantum.
            while bytes.get(si).is_some_and(|b| *b == b'\r' || *b == b'\n') {
                si += 1;
            }
            let Some(&b) = bytes.get(si) else {
                // End of input inside or at the start of a quantum.
                return match len {
                    0 => Ok(out),
                    1 => Err(Base64Error(si - 1)),
                    _ if padded => Err(Base64Error(si - len)),
                    _ => {
                        flush(&mut out, quantum, len);
                        Ok(out)
                    }
                };
            };
            let at = si;
            si += 1;
            if let Some(v) = alphabet_value(b) {
                if let Some(slot) = quantum.get_mut(len) {
                    *slot = v;
                }
                len += 1;
                continue;
            }
            if b != b'=' || !padded {
                return Err(Base64Error(at));
            }
            // Padding: only as the 3rd or 4th character of a quantum.
            match len {
                0 | 1 => return Err(Base64Error(at)),
                2 => {
                    // `xx=` must be followed by a second `=` (newlines skipped).
                    while bytes.get(si).is_some_and(|b| *b == b'\r' || *b == b'\n') {
                        si += 1;
                    }
                    match bytes.get(si) {
                        None => return Err(Base64Error(bytes.len())),
                        Some(b'=') => si += 1,
                        // Go reports the byte before the wrong one (the first `=` unless
                        // newlines sit between them).
                        Some(_) => return Err(Base64Error(si - 1)),
                    }
                }
                _ => {}
            }
            // Nothing but newlines may follow the padding.
            while bytes.get(si).is_some_and(|b| *b == b'\r' || *b == b'\n') {
                si += 1;
            }
            if si < bytes.len() {
                return Err(Base64Error(si));
            }
            flush(&mut out, quantum, len);
            return Ok(out);
        }
        flush(&mut out, quantum, 4);
    }
}

/// Go's `base64.StdEncoding.EncodeToString` (how `encoding/json` writes a `[]byte`).
pub(crate) fn encode_base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let [a, b, c] = [0, 1, 2].map(|i| chunk.get(i).copied().map_or(0, u32::from));
        let value = (a << 16) | (b << 8) | c;
        for k in 0..4 {
            if k <= chunk.len() {
                let index = (value >> (18 - 6 * k)) & 63;
                out.push(char::from(
                    ALPHABET.get(index as usize).copied().unwrap_or(b'A'),
                ));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Appends the bytes of a quantum of `len` (2..=4) characters.
fn flush(out: &mut Vec<u8>, q: [u8; 4], len: usize) {
    let [a, b, c, d] = q;
    let bits = (u32::from(a) << 18) | (u32::from(b) << 12) | (u32::from(c) << 6) | u32::from(d);
    let [_, x, y, z] = bits.to_be_bytes();
    out.push(x);
    if len >= 3 {
        out.push(y);
    }
    if len == 4 {
        out.push(z);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Input, padded encoding, the decoded bytes or Go's error offset.
    type Base64Case<'a> = (&'a str, bool, Result<&'a [u8], usize>);

    #[test]
    fn base64_like_go() {
        let cases: &[Base64Case<'_>] = &[
            ("dXNlcjpwYXNz", true, Ok(b"user:pass")),
            ("dXNlcjpwYXM=", true, Ok(b"user:pas")),
            ("dXNlcjpwYQ==", true, Ok(b"user:pa")),
            ("dXNlcjpwYQ", true, Err(8)),
            ("dXNlcjpwYQ", false, Ok(b"user:pa")),
            ("dXNlcjpwYXM", false, Ok(b"user:pas")),
            ("dXNlcjpwY", false, Err(8)),
            ("dXNl\r\ncjpwYQ==\n", true, Ok(b"user:pa")),
            ("dXNl cjpw", true, Err(4)),
            ("dXNlcjpwYQ=", true, Err(11)),
            ("dXNlcjpwYQ=x", true, Err(10)),
            ("dXNlcjpwYQ=\nx", true, Err(11)),
            ("dXNlcjpwYQ==x", true, Err(12)),
            ("dXNl=", true, Err(4)),
            ("dXNlcjpwYXM=", false, Err(11)),
            ("", true, Ok(b"")),
            ("a", true, Err(0)),
            ("abcde", true, Err(4)),
            ("abcdef", true, Err(4)),
            ("abcdefg", true, Err(4)),
            ("YW\nJj\r\n", true, Ok(b"abc")),
            ("not base64!", true, Err(3)),
            ("YQ", true, Err(0)),
            ("YWJjZ", true, Err(4)),
            ("YQ=", true, Err(3)),
            ("YQ=x", true, Err(2)),
            ("YQ==YQ==", true, Err(4)),
            ("=", true, Err(0)),
            ("Y===", true, Err(1)),
            ("YWI=\n", true, Ok(b"ab")),
        ];
        for (input, padded, want) in cases {
            let got = decode_base64(input, *padded);
            match want {
                Ok(bytes) => assert_eq!(got.as_deref(), Ok(*bytes), "{input:?} padded={padded}"),
                Err(at) => assert_eq!(got, Err(Base64Error(*at)), "{input:?} padded={padded}"),
            }
        }
        assert_eq!(
            Base64Error(3).to_string(),
            "illegal base64 data at input byte 3"
        );
    }

    #[test]
    fn encode_round_trips() {
        for data in [&b""[..], b"a", b"ab", b"abc", b"\xff\x00\x10random"] {
            assert_eq!(
                decode_base64(&encode_base64(data), true).as_deref(),
                Ok(data)
            );
        }
        assert_eq!(encode_base64(b"a"), "YQ==");
    }

    #[test]
    fn members_fold_like_go_struct_fields() {
        for (member, field, want) in [
            ("auth", "auth", true),
            ("AUTH", "auth", true),
            ("Auth", "auth", true),
            ("IdentityToken", "identitytoken", true),
            ("\u{130}dentitytoken", "identitytoken", true),
            ("au\u{212A}h", "auth", false),
            ("user\u{17F}name", "username", false),
            ("u\u{17F}ername", "username", true),
            ("auths", "auth", false),
            ("aut", "auth", false),
            ("auth ", "auth", false),
        ] {
            assert_eq!(member_selects(member, field), want, "{member:?} {field:?}");
        }
    }

    #[test]
    fn numbers_keep_their_text() {
        assert_eq!(
            OrderedJson::parse("[1.50, 2]").expect("valid JSON"),
            OrderedJson::Array(vec![
                OrderedJson::Number("1.50".into()),
                OrderedJson::Number("2".into())
            ])
        );
    }
}
