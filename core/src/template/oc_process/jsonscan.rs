//! Go's `encoding/json` scanner as `json.Decoder` runs it over a stream of values: where each
//! value ends, and the exact `SyntaxError` text (`invalid character 'x' looking for beginning
//! of object key string`) or `unexpected EOF` for a malformed one. Iterative; nesting is
//! bounded.

use crate::gofmt::GoQuoted;
use crate::template::MAX_DEPTH;

/// Why a value could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ScanError {
    /// The input ended inside a value (`io.ErrUnexpectedEOF`).
    UnexpectedEof,
    /// A `json.SyntaxError`: its message and the index of the offending byte.
    Syntax(String, usize),
    /// Deeper than [`MAX_DEPTH`] levels.
    TooDeep,
}

/// Go's `quoteChar`.
fn quote_char(c: u8) -> String {
    match c {
        b'\'' => "'\\''".to_owned(),
        b'"' => "'\"'".to_owned(),
        c => {
            let quoted = GoQuoted(&char::from(c).to_string()).to_string();
            let inner = quoted
                .strip_prefix('"')
                .and_then(|q| q.strip_suffix('"'))
                .unwrap_or(&quoted);
            format!("'{inner}'")
        }
    }
}

fn syntax(c: u8, context: &str, at: usize) -> ScanError {
    ScanError::Syntax(format!("invalid character {} {context}", quote_char(c)), at)
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

/// Skips whitespace from `i`; `None` at the end of the input.
pub(super) fn skip_space(b: &[u8], mut i: usize) -> Option<usize> {
    while let Some(&c) = b.get(i) {
        if !is_space(c) {
            return Some(i);
        }
        i += 1;
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Object,
    Array,
}

/// Scans one value starting at `start` (whitespace allowed before it); returns the index
/// just past it.
pub(super) fn scan_value(b: &[u8], start: usize) -> Result<usize, ScanError> {
    let mut stack: Vec<Container> = Vec::new();
    let mut i = start;
    // What the scanner expects next.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Want {
        Value,
        ValueOrEmptyArray,
        KeyOrEmptyObject,
        Key,
        Colon,
        AfterValue,
    }
    let mut want = Want::Value;
    loop {
        let Some(&c) = b.get(i) else {
            return Err(ScanError::UnexpectedEof);
        };
        if is_space(c) {
            i += 1;
            continue;
        }
        match want {
            Want::Colon => {
                if c != b':' {
                    return Err(syntax(c, "after object key", i));
                }
                i += 1;
                want = Want::Value;
                continue;
            }
            Want::AfterValue => {
                match (stack.last(), c) {
                    (Some(Container::Object), b',') => want = Want::Key,
                    (Some(Container::Array), b',') => want = Want::Value,
                    (Some(Container::Object), b'}') | (Some(Container::Array), b']') => {
                        stack.pop();
                        if stack.is_empty() {
                            return Ok(i + 1);
                        }
                        want = Want::AfterValue;
                    }
                    (Some(Container::Object), _) => {
                        return Err(syntax(c, "after object key:value pair", i));
                    }
                    (Some(Container::Array), _) => return Err(syntax(c, "after array element", i)),
                    (None, _) => return Ok(i),
                }
                i += 1;
                continue;
            }
            Want::KeyOrEmptyObject if c == b'}' => {
                stack.pop();
                if stack.is_empty() {
                    return Ok(i + 1);
                }
                i += 1;
                want = Want::AfterValue;
                continue;
            }
            Want::ValueOrEmptyArray if c == b']' => {
                stack.pop();
                if stack.is_empty() {
                    return Ok(i + 1);
                }
                i += 1;
                want = Want::AfterValue;
                continue;
            }
            Want::Key | Want::KeyOrEmptyObject => {
                if c != b'"' {
                    return Err(syntax(c, "looking for beginning of object key string", i));
                }
                i = scan_string(b, i)?;
                want = Want::Colon;
                continue;
            }
            Want::Value | Want::ValueOrEmptyArray => {}
        }
        // A value begins at `i`.
        match c {
            b'{' | b'[' => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ScanError::TooDeep);
                }
                stack.push(if c == b'{' {
                    Container::Object
                } else {
                    Container::Array
                });
                want = if c == b'{' {
                    Want::KeyOrEmptyObject
                } else {
                    Want::ValueOrEmptyArray
                };
                i += 1;
                continue;
            }
            b'"' => i = scan_string(b, i)?,
            b'-' | b'0'..=b'9' => i = scan_number(b, i)?,
            b't' => i = scan_literal(b, i, b"true")?,
            b'f' => i = scan_literal(b, i, b"false")?,
            b'n' => i = scan_literal(b, i, b"null")?,
            _ => return Err(syntax(c, "looking for beginning of value", i)),
        }
        if stack.is_empty() {
            return Ok(i);
        }
        want = Want::AfterValue;
    }
}

/// `i` at the opening quote; returns the index after the closing one.
fn scan_string(b: &[u8], mut i: usize) -> Result<usize, ScanError> {
    i += 1;
    loop {
        let Some(&c) = b.get(i) else {
            return Err(ScanError::UnexpectedEof);
        };
        match c {
            b'"' => return Ok(i + 1),
            b'\\' => {
                i += 1;
                let Some(&e) = b.get(i) else {
                    return Err(ScanError::UnexpectedEof);
                };
                match e {
                    b'b' | b'f' | b'n' | b'r' | b't' | b'\\' | b'/' | b'"' => i += 1,
                    b'u' => {
                        i += 1;
                        for _ in 0..4 {
                            let Some(&h) = b.get(i) else {
                                return Err(ScanError::UnexpectedEof);
                            };
                            if !h.is_ascii_hexdigit() {
                                return Err(syntax(h, "in \\u hexadecimal character escape", i));
                            }
                            i += 1;
                        }
                    }
                    _ => return Err(syntax(e, "in string escape code", i)),
                }
            }
            c if c < 0x20 => return Err(syntax(c, "in string literal", i)),
            _ => i += 1,
        }
    }
}

fn scan_number(b: &[u8], mut i: usize) -> Result<usize, ScanError> {
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    if b.get(i) == Some(&b'-') {
        i += 1;
        match b.get(i) {
            None => return Err(ScanError::UnexpectedEof),
            Some(c) if !c.is_ascii_digit() => return Err(syntax(*c, "in numeric literal", i)),
            _ => {}
        }
    }
    if b.get(i) == Some(&b'0') {
        i += 1;
    } else {
        while digit(i) {
            i += 1;
        }
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        match b.get(i) {
            None => return Err(ScanError::UnexpectedEof),
            Some(c) if !c.is_ascii_digit() => {
                return Err(syntax(*c, "after decimal point in numeric literal", i));
            }
            _ => {}
        }
        while digit(i) {
            i += 1;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        match b.get(i) {
            None => return Err(ScanError::UnexpectedEof),
            Some(c) if !c.is_ascii_digit() => {
                return Err(syntax(*c, "in exponent of numeric literal", i));
            }
            _ => {}
        }
        while digit(i) {
            i += 1;
        }
    }
    Ok(i)
}

fn scan_literal(b: &[u8], i: usize, word: &[u8]) -> Result<usize, ScanError> {
    let name = std::str::from_utf8(word).unwrap_or_default();
    for (k, &expected) in word.iter().enumerate().skip(1) {
        match b.get(i + k) {
            None => return Err(ScanError::UnexpectedEof),
            Some(&c) if c != expected => {
                return Err(syntax(
                    c,
                    &format!("in literal {name} (expecting {})", quote_char(expected)),
                    i + k,
                ));
            }
            _ => {}
        }
    }
    Ok(i + word.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(s: &str) -> Result<usize, ScanError> {
        scan_value(s.as_bytes(), 0)
    }

    #[test]
    fn values() {
        assert_eq!(
            scan(r#"{"a": [1, -2.5e3, true, null, "x\u00e9"]} {"#),
            Ok(41)
        );
        assert_eq!(scan("  {}{}"), Ok(4));
        assert_eq!(
            scan("{\"kind\": \"Template\", "),
            Err(ScanError::UnexpectedEof)
        );
        let msg = |r: Result<usize, ScanError>| match r {
            Err(ScanError::Syntax(m, at)) => format!("{m}@{at}"),
            other => format!("{other:?}"),
        };
        assert_eq!(
            msg(scan("{x}")),
            "invalid character 'x' looking for beginning of object key string@1"
        );
        assert_eq!(
            msg(scan("{\"a\" 1}")),
            "invalid character '1' after object key@5"
        );
        assert_eq!(
            msg(scan("{\"a\":1 2}")),
            "invalid character '2' after object key:value pair@7"
        );
        assert_eq!(
            msg(scan("[1 2]")),
            "invalid character '2' after array element@3"
        );
        assert_eq!(
            msg(scan("[tru]")),
            "invalid character ']' in literal true (expecting 'e')@4"
        );
        assert_eq!(
            msg(scan("[01]")),
            "invalid character '1' after array element@2"
        );
        assert_eq!(
            msg(scan("[\"\n\"]")),
            "invalid character '\\n' in string literal@2"
        );
        assert_eq!(
            msg(scan("[']")),
            "invalid character '\\'' looking for beginning of value@1"
        );
    }
}
