//! The YAML that `oc` writes: a port of the parts of libyaml's emitter (as go-yaml carries it)
//! that JSON-shaped data reaches, in two flavours.
//!
//! * [`Flavor::V3`]: gopkg.in/yaml.v3 `Marshal` (`oc adm migrate icsp`): indentation 4, content
//!   nested in a sequence item two columns after the dash, everything else at the next multiple
//!   of 4, sequences indented under their key, no line folding, yaml.v3's key order.
//! * [`Flavor::V2`]: sigs.k8s.io/yaml `Marshal` (go-yaml v2; `oc -o yaml`, `oc adm release
//!   mirror`): numbers re-typed from their JSON text (int64, uint64, else float64), indentation 2, sequences in a mapping at their key's column, lines folded at 80 columns,
//!   keys in go-yaml v2's order.
//!
//! Strings are plain unless they would read back as another type (or as a YAML 1.1 bool or
//! base-60 float), then double-quoted; the emitter falls back to single quotes when plain is
//! impossible and to double quotes when single quotes are; strings with a newline are literal
//! blocks.

use serde_json::Value;

use crate::gojson::{format_g, number_text};

/// The nesting limit of the emitter (a template's objects may nest this deep).
const MAX_DEPTH: usize = crate::template::MAX_DEPTH;

/// Which go-yaml writes the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    /// gopkg.in/yaml.v3.
    V3,
    /// go-yaml v2 behind sigs.k8s.io/yaml.
    V2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

/// Where a node is emitted (the state libyaml pushed before emitting it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parent {
    Root,
    SeqItem,
    MapValue,
    SimpleKey,
    ComplexKey,
}

/// Renders `value` as one YAML document ending with a newline.
///
/// # Errors
/// A message when the value nests deeper than the emitter's limit.
pub(crate) fn to_yaml(value: &Value, flavor: Flavor) -> Result<String, String> {
    let mut e = Emitter {
        out: String::new(),
        column: 0,
        indent: -1,
        whitespace: true,
        indention: true,
        flavor,
        best_width: match flavor {
            Flavor::V3 => usize::MAX,
            Flavor::V2 => 80,
        },
    };
    e.node(value, Parent::Root, 0)?;
    e.indent = -1;
    e.write_indent();
    Ok(e.out)
}

struct Emitter {
    out: String,
    column: usize,
    indent: i64,
    whitespace: bool,
    indention: bool,
    flavor: Flavor,
    best_width: usize,
}

impl Emitter {
    const fn best_indent(&self) -> i64 {
        match self.flavor {
            Flavor::V3 => 4,
            Flavor::V2 => 2,
        }
    }

    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
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

    fn increase_indent(&mut self, flow: bool, indentless: bool, parent: Parent) {
        let best = self.best_indent();
        if self.indent < 0 {
            self.indent = if flow { best } else { 0 };
        } else if !indentless {
            self.indent = match self.flavor {
                Flavor::V3 if parent == Parent::SeqItem => self.indent + 2,
                Flavor::V3 => best * ((self.indent + best) / best),
                Flavor::V2 => self.indent + best,
            };
        }
    }

    fn node(&mut self, value: &Value, parent: Parent, depth: usize) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Err(format!("YAML output nests deeper than {MAX_DEPTH} levels"));
        }
        match value {
            Value::Array(items) if items.is_empty() => self.empty_collection("[", "]", parent),
            Value::Object(map) if map.is_empty() => self.empty_collection("{", "}", parent),
            Value::Array(items) => {
                let saved = self.indent;
                let indentless =
                    self.flavor == Flavor::V2 && parent == Parent::MapValue && !self.indention;
                self.increase_indent(false, indentless, parent);
                for item in items {
                    self.write_indent();
                    self.write_indicator("-", true, false, true);
                    self.node(item, Parent::SeqItem, depth + 1)?;
                }
                self.indent = saved;
            }
            Value::Object(map) => {
                let saved = self.indent;
                self.increase_indent(false, false, parent);
                let mut keys: Vec<&String> = map.keys().collect();
                sort_keys(&mut keys, self.flavor);
                for key in keys {
                    let Some(v) = map.get(key) else { continue };
                    self.write_indent();
                    let key_value = Value::String(key.clone());
                    if is_simple_key(key) {
                        self.node(&key_value, Parent::SimpleKey, depth + 1)?;
                        self.write_indicator(":", false, false, false);
                    } else {
                        self.write_indicator("?", true, false, true);
                        self.node(&key_value, Parent::ComplexKey, depth + 1)?;
                        self.write_indent();
                        self.write_indicator(":", true, false, true);
                    }
                    self.node(v, Parent::MapValue, depth + 1)?;
                }
                self.indent = saved;
            }
            Value::Null => self.scalar("null", Style::Plain, parent),
            Value::Bool(b) => self.scalar(if *b { "true" } else { "false" }, Style::Plain, parent),
            Value::Number(n) => {
                // sigs.k8s.io/yaml hands go-yaml v2 the JSON, which re-types each number
                // (int64, uint64, else float64); yaml.v3 writes typed Go values as they are.
                let text = match self.flavor {
                    Flavor::V2 => number_scalar(&number_text(n)),
                    Flavor::V3 => n.to_string(),
                };
                self.scalar(&text, Style::Plain, parent);
            }
            Value::String(s) => self.scalar(s, requested_style(s), parent),
        }
        Ok(())
    }

    fn empty_collection(&mut self, open: &str, close: &str, parent: Parent) {
        let saved = self.indent;
        self.write_indicator(open, true, true, false);
        self.increase_indent(true, false, parent);
        self.indent = saved;
        self.write_indicator(close, false, false, false);
    }

    fn scalar(&mut self, value: &str, requested: Style, parent: Parent) {
        let a = analyze(value);
        let simple_key = parent == Parent::SimpleKey;
        let mut style = requested;
        if style == Style::Plain && (!a.block_plain_allowed || (value.is_empty() && simple_key)) {
            style = Style::Single;
        }
        if style == Style::Single && !a.single_quoted_allowed {
            style = Style::Double;
        }
        if style == Style::Literal && (!a.block_allowed || simple_key) {
            style = Style::Double;
        }
        let saved = self.indent;
        self.increase_indent(true, false, parent);
        let allow_breaks = !simple_key;
        match style {
            Style::Plain => self.write_plain(value, allow_breaks),
            Style::Single => self.write_single(value, allow_breaks),
            Style::Double => self.write_double(value, allow_breaks),
            Style::Literal => self.write_literal(value),
        }
        self.indent = saved;
    }

    fn write_plain(&mut self, value: &str, allow_breaks: bool) {
        if !value.is_empty() && !self.whitespace {
            self.put(' ');
        }
        let chars: Vec<char> = value.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                let next_space = chars.get(i + 1) == Some(&' ');
                if allow_breaks && !spaces && self.column > self.best_width && !next_space {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                self.indention = false;
                spaces = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_single(&mut self, value: &str, allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        let last = chars.len().saturating_sub(1);
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                let next_space = chars.get(i + 1) == Some(&' ');
                if allow_breaks
                    && !spaces
                    && self.column > self.best_width
                    && i != 0
                    && i != last
                    && !next_space
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
            }
        }
        self.write_indicator("'", false, false, false);
    }

    fn write_double(&mut self, value: &str, allow_breaks: bool) {
        self.write_indicator("\"", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        let last = chars.len().saturating_sub(1);
        let mut spaces = false;
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
                if let Some(s) = short {
                    self.put(s);
                } else {
                    let code = u32::from(c);
                    let text = if code <= 0xff {
                        format!("x{code:02X}")
                    } else if code <= 0xffff {
                        format!("u{code:04X}")
                    } else {
                        format!("U{code:08X}")
                    };
                    for t in text.chars() {
                        self.put(t);
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > self.best_width && i != 0 && i != last {
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
    }

    fn write_literal(&mut self, value: &str) {
        self.write_indicator("|", true, false, false);
        let first = value.chars().next();
        if first.is_some_and(|c| c == ' ' || is_break(c)) {
            let hint = self.best_indent().to_string();
            self.write_indicator(&hint, false, false, false);
        }
        let mut rev = value.chars().rev();
        let chomp = match (rev.next(), rev.next()) {
            (Some(c), _) if !is_break(c) => Some("-"),
            (Some(_), None) => Some("+"),
            (Some(_), Some(p)) if is_break(p) => Some("+"),
            _ => None,
        };
        if let Some(ch) = chomp {
            self.write_indicator(ch, false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for c in value.chars() {
            if is_break(c) {
                self.put_break();
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

/// libyaml's simple-key test for a string key: at most 128 bytes, no line break.
fn is_simple_key(key: &str) -> bool {
    key.len() <= 128 && !key.chars().any(is_break)
}

/// The style go-yaml's encoder asks for (`stringv`).
fn requested_style(s: &str) -> Style {
    if s.contains('\n') {
        Style::Literal
    } else if resolves_to_string(s) && !is_old_bool(s) && !is_base60_float(s) {
        Style::Plain
    } else {
        Style::Double
    }
}

#[derive(Debug, Clone, Copy)]
struct Analysis {
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

/// `yaml_emitter_analyze_scalar`, block context.
fn analyze(value: &str) -> Analysis {
    if value.is_empty() {
        return Analysis {
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let mut block_indicators = value.starts_with("---") || value.starts_with("...");
    let mut line_breaks = false;
    let mut special = false;
    let (mut leading_space, mut leading_break) = (false, false);
    let (mut trailing_space, mut trailing_break) = (false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let chars: Vec<char> = value.chars().collect();
    let last = chars.len() - 1;
    let mut preceded_by_whitespace = true;
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let followed_by_whitespace = next.is_none_or(|n| n == ' ' || n == '\t' || is_break(n));
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' | '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if is_break(c) {
            line_breaks = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i == last {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            if i == 0 {
                leading_break = true;
            }
            if i == last {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_break = true;
            previous_space = false;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = c == ' ' || c == '\t' || is_break(c);
    }
    let mut a = Analysis {
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks || block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

/// yaml.v3's `isOldBool`: the YAML 1.1 booleans yaml.v3 no longer resolves but still quotes.
fn is_old_bool(s: &str) -> bool {
    matches!(
        s,
        "y" | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "on"
            | "On"
            | "ON"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "off"
            | "Off"
            | "OFF"
    )
}

/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
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
        while i < start + 2 && b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        match i - start {
            1 => {}
            2 if b.get(start).is_some_and(|c| (b'0'..=b'5').contains(c)) => {}
            2 => {
                // `[0-5]?[0-9]` backtracks to one digit; the next must then be `:`, `.` or end.
                i = start + 1;
            }
            _ => return false,
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

/// Whether yaml.v3's `resolve("", s)` gives the string tag.
pub(crate) fn resolves_to_string(s: &str) -> bool {
    let Some(&first) = s.as_bytes().first() else {
        return false; // "" is null
    };
    match first {
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' => !matches!(
            s,
            "true" | "True" | "TRUE" | "false" | "False" | "FALSE" | "~" | "null" | "Null" | "NULL"
        ),
        b'.' => {
            let special = matches!(s, ".nan" | ".NaN" | ".NAN" | ".inf" | ".Inf" | ".INF");
            !(special || (is_go_float(s) && go_parse_float_ok(s)))
        }
        b'+' | b'-' | b'0'..=b'9' => {
            if matches!(s, "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF") {
                return false;
            }
            if is_timestamp(s) {
                return false;
            }
            let plain: String = s.chars().filter(|&c| c != '_').collect();
            // A float must also parse: `1e400` (out of range) stays a string.
            !(go_int_base0(&plain) || (is_yaml_style_float(&plain) && go_parse_float_ok(&plain)))
        }
        _ => true,
    }
}

/// Whether Go's `strconv.ParseFloat(s, 64)` succeeds on a decimal float text (finite).
fn go_parse_float_ok(s: &str) -> bool {
    // Rust accepts forms Go rejects ("inf", "nan"); the callers only pass decimal forms.
    !s.bytes()
        .any(|c| c.is_ascii_alphabetic() && !matches!(c, b'e' | b'E'))
        && s.parse::<f64>().is_ok_and(f64::is_finite)
}

/// Go `strconv.ParseInt(s, 0, 64)` or `ParseUint(s, 0, 64)` succeeds.
fn go_int_base0(s: &str) -> bool {
    parse_go_int_base0(s).is_some()
}

/// The value of Go `strconv.ParseInt(s, 0, 64)`, else of `ParseUint(s, 0, 64)`.
pub(crate) fn parse_go_int_base0(s: &str) -> Option<i128> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'+') => (false, s.get(1..).unwrap_or("")),
        Some(b'-') => (true, s.get(1..).unwrap_or("")),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, lower.get(1..).unwrap_or(""))
    } else {
        (10, lower.as_str())
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let v = u64::from_str_radix(digits, radix).ok()?;
    if neg {
        (v <= 1 << 63).then(|| -i128::from(v))
    } else {
        Some(i128::from(v))
    }
}

/// Go `strconv.ParseFloat(s, 64)` accepts `s` (decimal forms; used for `.`-led scalars).
fn is_go_float(s: &str) -> bool {
    is_yaml_style_float(s.replace('_', "").as_str()) && !s.contains('_')
}

/// yaml.v3's `parseTimestamp`: `YYYY-M-D`, optionally `[Tt ]h:m:s[.frac]` and, after `T`/`t`,
/// a zone `Z` or `±hh:mm`.
pub(crate) fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |i: &mut usize, min: usize, max: usize| -> Option<u32> {
        let start = *i;
        let mut v: u32 = 0;
        while *i < start + max {
            match b.get(*i) {
                Some(c) if c.is_ascii_digit() => {
                    v = v * 10 + u32::from(c - b'0');
                    *i += 1;
                }
                _ => break,
            }
        }
        (*i - start >= min).then_some(v)
    };
    let mut i = 0;
    let Some(year) = num(&mut i, 4, 4) else {
        return false;
    };
    if b.get(i) != Some(&b'-') {
        return false;
    }
    i += 1;
    let Some(month) = num(&mut i, 1, 2) else {
        return false;
    };
    if b.get(i) != Some(&b'-') {
        return false;
    }
    i += 1;
    let Some(day) = num(&mut i, 1, 2) else {
        return false;
    };
    if !(1..=12).contains(&month) || day < 1 || day > days_in(month, year) {
        return false;
    }
    let Some(&sep) = b.get(i) else {
        return true;
    };
    if !matches!(sep, b'T' | b't' | b' ') {
        return false;
    }
    i += 1;
    let time = |i: &mut usize| -> bool {
        let Some(h) = num(i, 1, 2) else { return false };
        if b.get(*i) != Some(&b':') {
            return false;
        }
        *i += 1;
        let Some(m) = num(i, 1, 2) else { return false };
        if b.get(*i) != Some(&b':') {
            return false;
        }
        *i += 1;
        let Some(sec) = num(i, 1, 2) else {
            return false;
        };
        if b.get(*i) == Some(&b'.') {
            *i += 1;
            if num(i, 1, 9).is_none() {
                return false;
            }
        }
        h < 24 && m < 60 && sec < 60
    };
    if !time(&mut i) {
        return false;
    }
    if sep == b' ' {
        return i == b.len();
    }
    match b.get(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            i += 1;
            let ok = num(&mut i, 2, 2).is_some_and(|h| h < 24) && b.get(i) == Some(&b':') && {
                i += 1;
                num(&mut i, 2, 2).is_some_and(|m| m < 60)
            };
            ok && i == b.len()
        }
        _ => false,
    }
}

const fn days_in(month: u32, year: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

/// go-yaml's key order (`keyList.Less`, string keys), merge-sorted.
fn sort_keys(keys: &mut [&String], flavor: Flavor) {
    let less = |a: &str, b: &str| -> bool {
        let ar: Vec<char> = a.chars().collect();
        let br: Vec<char> = b.chars().collect();
        let mut digits = false;
        for (i, (&ac, &bc)) in ar.iter().zip(br.iter()).enumerate() {
            if ac == bc {
                digits = is_digit(ac);
                continue;
            }
            let al = ac.is_alphabetic();
            let bl = bc.is_alphabetic();
            if al && bl {
                return ac < bc;
            }
            if al || bl {
                return if flavor == Flavor::V3 && digits {
                    al
                } else {
                    bl
                };
            }
            let (mut an, mut bn) = (0i64, 0i64);
            if ac == '0' || bc == '0' {
                let mut j = i;
                while j > 0 && ar.get(j - 1).is_some_and(|c| is_digit(*c)) {
                    j -= 1;
                    if ar.get(j) != Some(&'0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            let mut ai = i;
            while let Some(d) = ar.get(ai).filter(|c| is_digit(**c)) {
                an = an
                    .wrapping_mul(10)
                    .wrapping_add(i64::from(u32::from(*d).wrapping_sub(48)));
                ai += 1;
            }
            let mut bi = i;
            while let Some(d) = br.get(bi).filter(|c| is_digit(**c)) {
                bn = bn
                    .wrapping_mul(10)
                    .wrapping_add(i64::from(u32::from(*d).wrapping_sub(48)));
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
    };
    keys.sort_by(|a, b| {
        if less(a, b) {
            std::cmp::Ordering::Less
        } else if less(b, a) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
}

/// libyaml's `is_break`.
pub(crate) fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// libyaml's `is_printable` on the character's UTF-8 form.
pub(crate) fn is_printable(c: char) -> bool {
    matches!(c, '\n' | '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        && c != '\u{feff}'
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn v3_layout() {
        let v = json!({"spec": {"imageDigestMirrors": [{"source": "a", "mirrors": ["m", "o"]}]},
            "metadata": {}, "kind": "K"});
        assert_eq!(
            to_yaml(&v, Flavor::V3).as_deref(),
            Ok(
                "kind: K\nmetadata: {}\nspec:\n    imageDigestMirrors:\n        - mirrors:\n            - m\n            - o\n          source: a\n"
            )
        );
    }

    #[test]
    fn v2_layout() {
        let v = json!({"s": [{"source": "a", "mirrors": ["m"]}]});
        assert_eq!(
            to_yaml(&v, Flavor::V2).as_deref(),
            Ok("s:\n- mirrors:\n  - m\n  source: a\n")
        );
    }

    #[test]
    fn scalars() {
        let cases = [
            ("yes", "\"yes\""),
            ("1", "\"1\""),
            ("", "\"\""),
            ("2023-01-02T03:04:05Z", "\"2023-01-02T03:04:05Z\""),
            ("a: b", "'a: b'"),
            (" lead", "' lead'"),
            ("1:30", "\"1:30\""),
            ("~", "\"~\""),
            ("0x1F", "\"0x1F\""),
            ("1e3", "\"1e3\""),
            ("-", "'-'"),
            ("x #y", "'x #y'"),
            ("&a", "'&a'"),
            ("*.example.com", "'*.example.com'"),
            ("quay.io/a", "quay.io/a"),
            ("0123", "\"0123\""),
            ("tab\there", "\"tab\\there\""),
            ("l1\nl2", "|-\n    l1\n    l2"),
        ];
        for (input, want) in cases {
            let got = to_yaml(&json!({ "k": input }), Flavor::V3).unwrap_or_default();
            assert_eq!(got, format!("k: {want}\n"), "{input:?}");
        }
    }

    #[test]
    fn key_order() {
        let keys = [
            "a10",
            "a9",
            "A",
            "b",
            "_x",
            "1",
            "a01",
            "a1",
            "a-b",
            "ab",
            "aB",
            "example.com/x",
            "example.com/X",
        ];
        let owned: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
        let mut refs: Vec<&String> = owned.iter().collect();
        sort_keys(&mut refs, Flavor::V3);
        let got: Vec<&str> = refs.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            got,
            [
                "_x",
                "1",
                "A",
                "a-b",
                "a1",
                "a01",
                "a9",
                "a10",
                "aB",
                "ab",
                "b",
                "example.com/X",
                "example.com/x"
            ]
        );
    }
}

/// sigs.k8s.io/yaml (`oc -o yaml`, `oc adm release mirror`).
#[cfg(test)]
mod v2_tests {
    use super::*;

    fn yaml(json: &str) -> String {
        let v: Value = serde_json::from_str(json).unwrap_or_default();
        to_yaml(&v, Flavor::V2).unwrap_or_default()
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
        sort_keys(&mut refs, Flavor::V2);
        let sorted: Vec<&str> = refs.iter().map(|s| s.as_str()).collect();
        assert_eq!(sorted, ["_x", "1", "B", "a", "a9", "a10", "b"]);
        keys.clear();
    }

    #[test]
    fn quotes_what_go_yaml_v2_would_read_back_as_another_type() {
        for quoted in [
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
            assert_eq!(
                yaml(&format!(r#"{{"a":"{quoted}"}}"#)),
                format!("a: \"{quoted}\"\n")
            );
        }
        for plain in [
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
            assert_eq!(
                yaml(&format!(r#"{{"a":"{plain}"}}"#)),
                format!("a: {plain}\n")
            );
        }
    }
}
