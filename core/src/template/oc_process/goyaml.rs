//! What `oc -o yaml` prints: sigs.k8s.io/yaml's `Marshal` — the object as JSON, read back by
//! go-yaml v2 (numbers typed by its YAML 1.1 resolver) and emitted by go-yaml v2's emitter
//! (keys in its "natural" order, block style, its quoting rules, lines folded at 80
//! columns). A port of the parts of `encode.go`, `resolve.go`, `sorter.go` and `emitterc.go`
//! that JSON data reaches.

use serde_json::Value;

use super::gojson::{format_g, number_text};
use crate::error::TemplateError;
use crate::template::MAX_DEPTH;

const BEST_INDENT: i64 = 2;
const BEST_WIDTH: usize = 80;

/// A scalar style go-yaml's encoder asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

/// Renders `value` as one YAML document (ending with a newline).
///
/// # Errors
/// [`TemplateError::Limit`] beyond [`MAX_DEPTH`] levels.
pub(super) fn to_yaml(value: &Value) -> Result<String, TemplateError> {
    let mut e = Emitter {
        out: String::new(),
        column: 0,
        indent: -1,
        whitespace: true,
        indention: true,
        flow_level: 0,
    };
    e.node(value, Context::default(), 0)?;
    // DOCUMENT-END: a final line break.
    e.indent = -1;
    e.write_indent();
    Ok(e.out)
}

#[derive(Debug, Clone, Copy, Default)]
struct Context {
    mapping: bool,
    simple_key: bool,
}

struct Emitter {
    out: String,
    column: usize,
    indent: i64,
    whitespace: bool,
    indention: bool,
    flow_level: usize,
}

/// go-yaml's scalar analysis result.
#[derive(Debug, Clone, Copy, Default)]
struct Analysis {
    multiline: bool,
    flow_plain_allowed: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

impl Emitter {
    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
        self.indention = true;
    }

    fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
            self.indention = true;
        }
    }

    fn write_indent(&mut self) {
        let indent = usize::try_from(self.indent.max(0)).unwrap_or(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(
        &mut self,
        indicator: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for c in indicator.chars() {
            self.put(c);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    /// `yaml_emitter_increase_indent`; returns the previous indent to restore.
    fn increase_indent(&mut self, flow: bool, indentless: bool) -> i64 {
        let saved = self.indent;
        if self.indent < 0 {
            self.indent = if flow { BEST_INDENT } else { 0 };
        } else if !indentless {
            self.indent += BEST_INDENT;
        }
        saved
    }

    fn node(&mut self, value: &Value, ctx: Context, depth: usize) -> Result<(), TemplateError> {
        if depth > MAX_DEPTH {
            return Err(TemplateError::Limit {
                message: format!("output nested deeper than {MAX_DEPTH} levels"),
            });
        }
        match value {
            Value::Null => self.scalar("null", Style::Plain, ctx),
            Value::Bool(b) => self.scalar(if *b { "true" } else { "false" }, Style::Plain, ctx),
            Value::Number(n) => self.scalar(&number_scalar(&number_text(n)), Style::Plain, ctx),
            Value::String(s) => {
                let style = string_style(s);
                self.scalar(s, style, ctx);
            }
            Value::Array(items) if items.is_empty() || self.flow_level > 0 => {
                self.flow_collection('[', ']');
            }
            Value::Object(map) if map.is_empty() || self.flow_level > 0 => {
                self.flow_collection('{', '}');
            }
            Value::Array(items) => {
                let saved = self.increase_indent(false, ctx.mapping && !self.indention);
                for item in items {
                    self.write_indent();
                    self.write_indicator("-", true, false, true);
                    self.node(item, Context::default(), depth + 1)?;
                }
                self.indent = saved;
            }
            Value::Object(map) => {
                let saved = self.increase_indent(false, false);
                let mut keys: Vec<&String> = map.keys().collect();
                sort_keys(&mut keys);
                for key in keys {
                    let Some(item) = map.get(key) else { continue };
                    self.write_indent();
                    let key_style = string_style(key);
                    let simple = !analyze(key).multiline && key.len() <= 128;
                    let value_ctx = Context {
                        mapping: true,
                        simple_key: false,
                    };
                    if simple {
                        self.scalar(
                            key,
                            key_style,
                            Context {
                                mapping: true,
                                simple_key: true,
                            },
                        );
                        self.write_indicator(":", false, false, false);
                    } else {
                        self.write_indicator("?", true, false, true);
                        self.scalar(key, key_style, value_ctx);
                        self.write_indent();
                        self.write_indicator(":", true, false, true);
                    }
                    self.node(item, value_ctx, depth + 1)?;
                }
                self.indent = saved;
            }
        }
        Ok(())
    }

    /// An empty collection, in flow style (`[]`, `{}`).
    fn flow_collection(&mut self, open: char, close: char) {
        self.write_indicator(&open.to_string(), true, true, false);
        let saved = self.increase_indent(true, false);
        self.indent = saved;
        self.write_indicator(&close.to_string(), false, false, false);
    }

    fn scalar(&mut self, value: &str, requested: Style, ctx: Context) {
        let a = analyze(value);
        let mut style = requested;
        if ctx.simple_key && a.multiline {
            style = Style::DoubleQuoted;
        }
        if style == Style::Plain {
            let allowed = if self.flow_level > 0 {
                a.flow_plain_allowed
            } else {
                a.block_plain_allowed
            };
            if !allowed || (value.is_empty() && (self.flow_level > 0 || ctx.simple_key)) {
                style = Style::SingleQuoted;
            }
        }
        if style == Style::SingleQuoted && !a.single_quoted_allowed {
            style = Style::DoubleQuoted;
        }
        if style == Style::Literal && (!a.block_allowed || self.flow_level > 0 || ctx.simple_key) {
            style = Style::DoubleQuoted;
        }
        let saved = self.increase_indent(true, false);
        let allow_breaks = !ctx.simple_key;
        match style {
            Style::Plain => self.write_plain(value, allow_breaks),
            Style::SingleQuoted => self.write_single_quoted(value, allow_breaks),
            Style::DoubleQuoted => self.write_double_quoted(value, allow_breaks),
            Style::Literal => self.write_literal(value),
        }
        self.indent = saved;
    }

    fn write_plain(&mut self, value: &str, allow_breaks: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        let chars: Vec<char> = value.chars().collect();
        let mut spaces = false;
        let mut breaks = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_single_quoted(&mut self, value: &str, allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        let mut spaces = false;
        let mut breaks = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i + 1 < chars.len()
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double_quoted(&mut self, value: &str, allow_breaks: bool) {
        let mut spaces = false;
        self.write_indicator("\"", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if !is_printable(c) || c == '\u{feff}' || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                let short = match c {
                    '\0' => Some('0'),
                    '\u{7}' => Some('a'),
                    '\u{8}' => Some('b'),
                    '\t' => Some('t'),
                    '\n' => Some('n'),
                    '\u{b}' => Some('v'),
                    '\u{c}' => Some('f'),
                    '\r' => Some('r'),
                    '\u{1b}' => Some('e'),
                    '"' => Some('"'),
                    '\\' => Some('\\'),
                    '\u{85}' => Some('N'),
                    '\u{a0}' => Some('_'),
                    '\u{2028}' => Some('L'),
                    '\u{2029}' => Some('P'),
                    _ => None,
                };
                match short {
                    Some(s) => self.put(s),
                    None => {
                        let v = c as u32;
                        let (prefix, width) = if v <= 0xFF {
                            ('x', 2)
                        } else if v <= 0xFFFF {
                            ('u', 4)
                        } else {
                            ('U', 8)
                        };
                        self.put(prefix);
                        for ch in format!("{v:0width$X}").chars() {
                            self.put(ch);
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i + 1 < chars.len()
                {
                    self.write_indent();
                    if chars.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_literal(&mut self, value: &str) {
        self.write_indicator("|", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        if chars.first().is_some_and(|&c| c == ' ' || is_break(c)) {
            self.write_indicator(&BEST_INDENT.to_string(), false, false, false);
        }
        let chomp = match chars.as_slice() {
            [] => Some("-"),
            [.., last] if !is_break(*last) => Some("-"),
            [_] => Some("+"),
            [.., before, _] if is_break(*before) => Some("+"),
            _ => None,
        };
        if let Some(chomp) = chomp {
            self.write_indicator(chomp, false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for &c in &chars {
            if is_break(c) {
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

pub(crate) fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// libyaml's `is_printable` on the character's UTF-8 form.
pub(crate) fn is_printable(c: char) -> bool {
    matches!(c, '\n' | '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        && c != '\u{feff}'
}

/// `yaml_emitter_analyze_scalar`.
fn analyze(value: &str) -> Analysis {
    if value.is_empty() {
        return Analysis {
            multiline: false,
            flow_plain_allowed: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let mut block_indicators = false;
    let mut flow_indicators = false;
    let mut line_breaks = false;
    let mut special_characters = false;
    let mut leading_space = false;
    let mut leading_break = false;
    let mut trailing_space = false;
    let mut trailing_break = false;
    let mut break_space = false;
    let mut space_break = false;
    let mut previous_space = false;
    let mut previous_break = false;
    if value.starts_with("---") || value.starts_with("...") {
        block_indicators = true;
        flow_indicators = true;
    }
    let chars: Vec<char> = value.chars().collect();
    let mut preceded_by_whitespace = true;
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let followed_by_whitespace = next.is_none_or(|n| n == ' ' || n == '\t');
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => {
                    flow_indicators = true;
                    block_indicators = true;
                }
                '?' | ':' => {
                    flow_indicators = true;
                    if followed_by_whitespace {
                        block_indicators = true;
                    }
                }
                '-' if followed_by_whitespace => {
                    flow_indicators = true;
                    block_indicators = true;
                }
                _ => {}
            }
        } else {
            match c {
                ',' | '?' | '[' | ']' | '{' | '}' => flow_indicators = true,
                ':' => {
                    flow_indicators = true;
                    if followed_by_whitespace {
                        block_indicators = true;
                    }
                }
                '#' if preceded_by_whitespace => {
                    flow_indicators = true;
                    block_indicators = true;
                }
                _ => {}
            }
        }
        if !is_printable(c) {
            special_characters = true;
        }
        let last = i + 1 == chars.len();
        if c == ' ' {
            leading_space |= i == 0;
            trailing_space |= last;
            break_space |= previous_break;
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            line_breaks = true;
            leading_break |= i == 0;
            trailing_break |= last;
            space_break |= previous_space;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = c == ' ' || c == '\t' || is_break(c) || c == '\0';
    }
    let mut a = Analysis {
        multiline: line_breaks,
        flow_plain_allowed: true,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special_characters {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
    }
    if flow_indicators {
        a.flow_plain_allowed = false;
    }
    if block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

/// The style go-yaml's encoder asks for a string (`encoder.stringv`).
fn string_style(s: &str) -> Style {
    if s.contains('\n') {
        Style::Literal
    } else if resolves_to_string(s) && !is_base60_float(s) {
        Style::Plain
    } else {
        Style::DoubleQuoted
    }
}

/// A number's JSON text as go-yaml re-types it and prints it: int64 / uint64 in decimal,
/// anything else as a float64 (`strconv.FormatFloat(f, 'g', -1, 64)`).
fn number_scalar(text: &str) -> String {
    if let Some(i) = parse_go_int(text) {
        return i.to_string();
    }
    if let Some(u) = parse_go_uint(text) {
        return u.to_string();
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() => format_g(f),
        _ => text.to_owned(),
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)`.
fn parse_go_int(s: &str) -> Option<i64> {
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..)?),
        Some(b'+') => (false, s.get(1..)?),
        _ => (false, s),
    };
    let magnitude = parse_go_uint(body)?;
    if negative {
        if magnitude == 1 << 63 {
            Some(i64::MIN)
        } else {
            i64::try_from(magnitude).ok().map(|v| -v)
        }
    } else {
        i64::try_from(magnitude).ok()
    }
}

/// Go's `strconv.ParseUint(s, 0, 64)` (no sign; `0x`, `0o`, `0b` and leading-`0` octal).
fn parse_go_uint(s: &str) -> Option<u64> {
    let lower = s.get(..2).map(str::to_ascii_lowercase);
    let (radix, digits) = match lower.as_deref() {
        Some("0x") => (16, s.get(2..)?),
        Some("0o") => (8, s.get(2..)?),
        Some("0b") => (2, s.get(2..)?),
        _ if s.len() > 1 && s.starts_with('0') => (8, s.get(1..)?),
        _ => (10, s),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// go-yaml v2's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
/// (shared by the YAML reader and writer).
pub(crate) fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// go-yaml v2's `resolve("", s)` yields `!!str` (so a plain scalar reads back as the string).
fn resolves_to_string(s: &str) -> bool {
    let Some(&first) = s.as_bytes().first() else {
        return false; // "" is null
    };
    let hint = match first {
        b'+' | b'-' => 'S',
        b'0'..=b'9' => 'D',
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' => 'M',
        b'.' => '.',
        _ => return true,
    };
    const SPECIAL: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no",
        "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "~", "null", "Null", "NULL",
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
        "-.Inf", "-.INF", "<<",
    ];
    if SPECIAL.contains(&s) {
        return false;
    }
    match hint {
        '.' => s.parse::<f64>().is_err() || !go_parse_float_ok(s),
        'D' | 'S' => {
            if hint == 'D' && is_timestamp(s) {
                return false;
            }
            let plain: String = s.chars().filter(|&c| c != '_').collect();
            if parse_go_int(&plain).is_some() || parse_go_uint(&plain).is_some() {
                return false;
            }
            if is_yaml_style_float(&plain) && go_parse_float_ok(&plain) {
                return false;
            }
            if let Some(bin) = plain
                .strip_prefix("0b")
                .or_else(|| plain.strip_prefix("-0b"))
                && !bin.is_empty()
                && bin.chars().all(|c| c == '0' || c == '1')
                && bin.len() <= 64
            {
                return false;
            }
            true
        }
        _ => true,
    }
}

/// Whether Go's `strconv.ParseFloat(s, 64)` succeeds on a decimal float text (finite).
fn go_parse_float_ok(s: &str) -> bool {
    let b = s.as_bytes();
    // Rust accepts forms Go rejects ("inf", "nan"); the callers only pass decimal forms.
    if b.iter()
        .any(|c| c.is_ascii_alphabetic() && !matches!(c, b'e' | b'E'))
    {
        return false;
    }
    s.parse::<f64>().is_ok_and(f64::is_finite)
}

/// go-yaml's `isBase60Float`.
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    if !(first == b'+' || first == b'-' || first.is_ascii_digit()) || !s.contains(':') {
        return false;
    }
    // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
    let mut i = usize::from(first == b'+' || first == b'-');
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while b.get(i) == Some(&b':') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) && i - start < 2 {
            i += 1;
        }
        let group = b.get(start..i).unwrap_or_default();
        let valid = match group {
            [d] => d.is_ascii_digit(),
            [a, d] => (b'0'..=b'5').contains(a) && d.is_ascii_digit(),
            _ => false,
        };
        if !valid {
            return false;
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// go-yaml's timestamp check (`parseTimestamp` with its four layouts): `YYYY-M-D`, optionally
/// followed by `[Tt ]H:M:S[.frac]` and, after `T`/`t`, a zone `Z` or `±hh:mm`.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5
        || !b.get(..4).is_some_and(|y| y.iter().all(u8::is_ascii_digit))
        || b.get(4) != Some(&b'-')
    {
        return false;
    }
    let mut i = 5;
    let num = |i: &mut usize, max: usize| -> Option<u32> {
        let start = *i;
        while *i - start < max && b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        std::str::from_utf8(b.get(start..*i)?).ok()?.parse().ok()
    };
    let Some(month) = num(&mut i, 2) else {
        return false;
    };
    if b.get(i) != Some(&b'-') {
        return false;
    }
    i += 1;
    let Some(day) = num(&mut i, 2) else {
        return false;
    };
    let year: u32 = s.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days {
        return false;
    }
    if i == b.len() {
        return true;
    }
    let separator = b.get(i).copied();
    if !matches!(separator, Some(b'T' | b't' | b' ')) {
        return false;
    }
    i += 1;
    let (Some(h), true) = (num(&mut i, 2), b.get(i) == Some(&b':')) else {
        return false;
    };
    i += 1;
    let (Some(m), true) = (num(&mut i, 2), b.get(i) == Some(&b':')) else {
        return false;
    };
    i += 1;
    let Some(sec) = num(&mut i, 2) else {
        return false;
    };
    if h > 23 || m > 59 || sec > 59 {
        return false;
    }
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    if separator == Some(b' ') {
        return i == b.len();
    }
    match b.get(i..) {
        Some(b"Z") => true,
        Some([b'+' | b'-', h1, h2, b':', m1, m2]) => {
            [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// go-yaml v2's map key order (`keyList.Less` for string keys): runs of digits compare as
/// numbers, letters sort after non-letters. Merge sort, so a comparator that is not a strict
/// order cannot make the sort panic.
fn sort_keys(keys: &mut Vec<&String>) {
    fn less(a: &str, b: &str) -> bool {
        let ar: Vec<char> = a.chars().collect();
        let br: Vec<char> = b.chars().collect();
        for i in 0..ar.len().min(br.len()) {
            let (Some(&ac), Some(&bc)) = (ar.get(i), br.get(i)) else {
                break;
            };
            if ac == bc {
                continue;
            }
            let al = ac.is_alphabetic();
            let bl = bc.is_alphabetic();
            if al && bl {
                return ac < bc;
            }
            if al || bl {
                return bl;
            }
            let digit = |c: Option<&char>| c.is_some_and(char::is_ascii_digit);
            let (mut an, mut bn) = (0i64, 0i64);
            if ac == '0' || bc == '0' {
                let mut j = i;
                while j > 0 && digit(ar.get(j - 1)) {
                    j -= 1;
                    if ar.get(j) != Some(&'0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            let mut ai = i;
            while let Some(d) = ar.get(ai).filter(|c| c.is_ascii_digit()) {
                an = an.wrapping_mul(10).wrapping_add(i64::from(*d as u8 - b'0'));
                ai += 1;
            }
            let mut bi = i;
            while let Some(d) = br.get(bi).filter(|c| c.is_ascii_digit()) {
                bn = bn.wrapping_mul(10).wrapping_add(i64::from(*d as u8 - b'0'));
                bi += 1;
            }
            if an != bn {
                return an < bn;
            }
            if ai != bi {
                return ai < bi;
            }
            return ac < bc;
        }
        ar.len() < br.len()
    }
    let mut width = 1;
    let n = keys.len();
    let mut buf: Vec<&String> = Vec::with_capacity(n);
    while width < n {
        buf.clear();
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut l, mut r) = (start, mid);
            while l < mid || r < end {
                let take_right = r < end
                    && (l >= mid
                        || keys
                            .get(r)
                            .zip(keys.get(l))
                            .is_some_and(|(rk, lk)| less(rk, lk)));
                let next = if take_right {
                    r += 1;
                    keys.get(r - 1)
                } else {
                    l += 1;
                    keys.get(l - 1)
                };
                if let Some(k) = next {
                    buf.push(k);
                }
            }
            start = end;
        }
        std::mem::swap(keys, &mut buf);
        width *= 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(json: &str) -> String {
        let v: Value = serde_json::from_str(json).unwrap_or_default();
        to_yaml(&v).unwrap_or_default()
    }

    #[test]
    fn list_like_oc() {
        assert_eq!(
            yaml(
                r#"{"kind":"List","apiVersion":"v1","metadata":{},"items":[{"apiVersion":"v1","data":{"k":"v"},"kind":"ConfigMap","metadata":{"name":"demo-cm"}},{"a":[[1,2],[]]}]}"#
            ),
            "apiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n    k: v\n  kind: ConfigMap\n  metadata:\n    name: demo-cm\n- a:\n  - - 1\n    - 2\n  - []\nkind: List\nmetadata: {}\n"
        );
    }

    #[test]
    fn scalars() {
        for (json, want) in [
            (r#"{"a":"true"}"#, "a: \"true\"\n"),
            (r#"{"a":"y"}"#, "a: \"y\"\n"),
            (r#"{"a":"123"}"#, "a: \"123\"\n"),
            (r#"{"a":"1.5"}"#, "a: \"1.5\"\n"),
            (r#"{"a":""}"#, "a: \"\"\n"),
            (r#"{"a":"2024-01-02"}"#, "a: \"2024-01-02\"\n"),
            (r#"{"a":"1:20"}"#, "a: \"1:20\"\n"),
            (r#"{"a":"<<"}"#, "a: <<\n"),
            (r#"{"a":": x"}"#, "a: ': x'\n"),
            (r#"{"a":"it's"}"#, "a: it's\n"),
            (r#"{"a":"'q"}"#, "a: '''q'\n"),
            (r#"{"a":" lead"}"#, "a: ' lead'\n"),
            (r#"{"a":"tab\there"}"#, "a: \"tab\\there\"\n"),
            (r#"{"a":"l1\nl2"}"#, "a: |-\n  l1\n  l2\n"),
            (r#"{"a":"l1\nl2\n"}"#, "a: |\n  l1\n  l2\n"),
            (r#"{"a":"l1\n\n"}"#, "a: |+\n  l1\n\n"),
            (r#"{"a":"x \ny"}"#, "a: \"x \\ny\"\n"),
            (r#"{"a":{"b":"l1\nl2"}}"#, "a:\n  b: |-\n    l1\n    l2\n"),
            (
                r#"{"a":1,"b":1.5,"c":1e21,"d":null,"e":false,"f":1000000.0}"#,
                "a: 1\nb: 1.5\nc: 1e+21\nd: null\ne: false\nf: 1000000\n",
            ),
            (
                r#"{"1":"x","true":"y","":"z"}"#,
                "\"\": z\n\"1\": x\n\"true\": \"y\"\n",
            ),
            (r#"{"a":"😀"}"#, "a: \"\\U0001F600\"\n"),
            (r#"{"a":"é"}"#, "a: é\n"),
        ] {
            assert_eq!(yaml(json), want, "{json}");
        }
    }

    #[test]
    fn folds_long_plain_lines() {
        let long = "word ".repeat(20).trim_end().to_owned();
        let out = yaml(&format!(r#"{{"description":"{long}"}}"#));
        assert!(out.starts_with("description: word word"), "{out}");
        assert!(out.lines().count() > 1, "{out}");
        assert!(
            out.lines().nth(1).is_some_and(|l| l.starts_with("  word")),
            "{out}"
        );
    }

    #[test]
    fn key_order() {
        let mut keys: Vec<String> = ["b", "a10", "a9", "B", "_x", "a", "1"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let mut refs: Vec<&String> = keys.iter().collect();
        sort_keys(&mut refs);
        let sorted: Vec<&str> = refs.iter().map(|s| s.as_str()).collect();
        assert_eq!(sorted, ["_x", "1", "B", "a", "a9", "a10", "b"]);
        keys.clear();
    }

    #[test]
    fn resolution() {
        for s in [
            "0x1F",
            "017",
            "1_000",
            "-5",
            "+5",
            ".5",
            "1e3",
            "0b101",
            "~",
            "null",
            "Off",
            "2001-12-14t21:59:43.10-05:00",
            "2002-12-14",
        ] {
            assert!(!resolves_to_string(s), "{s}");
        }
        for s in [
            "a",
            "1a",
            "--",
            ".",
            "0x",
            "1e400",
            "2023-02-30",
            "2024-01-02T10:00:00",
            "<<",
            "yes please",
        ] {
            assert!(resolves_to_string(s), "{s}");
        }
    }
}
