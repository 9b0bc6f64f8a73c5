//! Go formatting helpers: upstream error texts embed values with Go's `%q` verb, and byte
//! parity with those texts is part of conformance.

use std::fmt::{self, Write as _};

/// Formats a string as Go's `strconv.Quote` does (`%q`): double quotes, `"` and `\` escaped,
/// non-printable characters escaped (`\n`, `\t`, `\x00`, `\u00a0`, ...), printable Unicode kept.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GoQuoted<'a>(pub(crate) &'a str);

impl fmt::Display for GoQuoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        for c in self.0.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\u{7}' => f.write_str("\\a")?,
                '\u{8}' => f.write_str("\\b")?,
                '\u{c}' => f.write_str("\\f")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                '\u{b}' => f.write_str("\\v")?,
                c if is_go_printable(c) => f.write_char(c)?,
                c if (c as u32) < 0x80 => write!(f, "\\x{:02x}", c as u32)?,
                c if (c as u32) < 0x10000 => write!(f, "\\u{:04x}", c as u32)?,
                c => write!(f, "\\U{:08x}", c as u32)?,
            }
        }
        f.write_char('"')
    }
}

/// Approximates Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the
/// ASCII space. Rust's standard library has no general-category tables, so the exclusions are
/// the control characters, every space other than U+0020, and the format characters that occur
/// in practice.
fn is_go_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(
        c,
        '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e000}'..='\u{f8ff}'
            | '\u{f0000}'..='\u{10ffff}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_strconv_quote() {
        let cases = [
            ("", r#""""#),
            ("a\"b\\c", r#""a\"b\\c""#),
            ("tab\there\n", r#""tab\there\n""#),
            ("\u{0}\u{7f}", r#""\x00\x7f""#),
            ("nbsp\u{a0}", r#""nbsp\u00a0""#),
            ("é先生", "\"é先生\""),
        ];
        for (input, want) in cases {
            assert_eq!(GoQuoted(input).to_string(), want, "input {input:?}");
        }
    }
}
