//! What the keyring needs of Go's `net/url.Parse`, `net.SplitHostPort` and
//! `path/filepath.Match` (`pull.md` §3.3), on bytes: a keyring key is built from a decoded
//! URL path and host, so it can hold any byte, and is parsed again at every lookup.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use crate::gofmt::GoQuoted;

/// A URL as the keyring reads it: the unescaped host (with its `:port`) and the unescaped path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedUrl<'a> {
    /// `url.URL.Host`.
    pub(crate) host: Cow<'a, [u8]>,
    /// `url.URL.Path`.
    pub(crate) path: Cow<'a, [u8]>,
}

/// Why Go's `url.Parse` refuses a URL (the text after `parse "<url>": `).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UrlErrorKind {
    /// An ASCII control character anywhere before the fragment.
    ControlCharacter,
    /// `[` without a closing `]`.
    MissingBracket,
    /// The text from the last `:` (or after `]`) is not `:` + digits.
    InvalidPort(Vec<u8>),
    /// A host byte outside the allowed set.
    InvalidHostCharacter(u8),
    /// A malformed or (in a host) forbidden `%` escape.
    Escape(Vec<u8>),
    /// User information with characters outside the allowed set.
    InvalidUserinfo,
}

impl fmt::Display for UrlErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ControlCharacter => f.write_str("net/url: invalid control character in URL"),
            Self::MissingBracket => f.write_str("missing ']' in host"),
            Self::InvalidPort(port) => write!(f, "invalid port {} after host", quote_bytes(port)),
            Self::InvalidHostCharacter(c) => {
                write!(f, "invalid character {} in host name", quote_bytes(&[*c]))
            }
            Self::Escape(text) => write!(f, "invalid URL escape {}", quote_bytes(text)),
            Self::InvalidUserinfo => f.write_str("net/url: invalid userinfo"),
        }
    }
}

/// A `url.Parse` failure: the reason, and whether it concerns the fragment (Go then quotes the
/// whole input; otherwise the input without its `#…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UrlError {
    pub(crate) kind: UrlErrorKind,
    pub(crate) in_fragment: bool,
}

impl UrlError {
    /// Go's `*url.Error` text for `scheme` + `input`: `parse "<url>": <reason>`.
    pub(crate) fn message(&self, scheme: &str, input: &[u8]) -> String {
        let quoted_part = if self.in_fragment {
            input
        } else {
            input.split(|b| *b == b'#').next().unwrap_or(input)
        };
        let mut url = scheme.as_bytes().to_vec();
        url.extend_from_slice(quoted_part);
        format!("parse {}: {}", quote_bytes(&url), self.kind)
    }
}

/// Go's `strconv.Quote` of a byte string: valid UTF-8 as [`GoQuoted`] writes it, every
/// invalid byte as `\xNN`.
pub(crate) fn quote_bytes(bytes: &[u8]) -> String {
    let mut out = String::from("\"");
    for chunk in bytes.utf8_chunks() {
        let valid = GoQuoted(chunk.valid()).to_string();
        out.push_str(valid.get(1..valid.len().saturating_sub(1)).unwrap_or(""));
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out.push('"');
    out
}

/// Go's text of bytes that may not be UTF-8, as its JSON encoder writes it: every byte that
/// is not part of a valid sequence becomes U+FFFD.
pub(crate) fn go_lossy(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for _ in chunk.invalid() {
            out.push('\u{FFFD}');
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Host,
    Zone,
    UserPassword,
    Path,
    Fragment,
}

const fn is_hex(b: u8) -> bool {
    b.is_ascii_hexdigit()
}

const fn unhex(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        b'A'..=b'F' => b - b'A' + 10,
        _ => 0,
    }
}

/// Go's `shouldEscape(c, encodeHost)` for an ASCII byte: false for the bytes a host may hold.
const fn host_byte_needs_escape(c: u8) -> bool {
    !(c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'-' | b'_'
                | b'.'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'"'
        ))
}

/// Go's `unescape(s, mode)` (no mode here turns `+` into a space).
fn unescape(s: &[u8], mode: Mode) -> Result<Cow<'_, [u8]>, UrlErrorKind> {
    let mut escapes = 0usize;
    let mut i = 0;
    while let Some(&b) = s.get(i) {
        if b == b'%' {
            escapes += 1;
            let (Some(&h1), Some(&h2)) = (s.get(i + 1), s.get(i + 2)) else {
                return Err(UrlErrorKind::Escape(s.get(i..).unwrap_or(&[]).to_vec()));
            };
            let escape = s.get(i..i + 3).unwrap_or(&[]);
            if !is_hex(h1) || !is_hex(h2) {
                return Err(UrlErrorKind::Escape(escape.to_vec()));
            }
            let value = (unhex(h1) << 4) | unhex(h2);
            // A host may %-encode only non-ASCII bytes (and `%25`); a zone only bytes it
            // could also hold unencoded (or a space).
            let forbidden = match mode {
                Mode::Host => unhex(h1) < 8 && escape != b"%25",
                Mode::Zone => escape != b"%25" && value != b' ' && host_byte_needs_escape(value),
                _ => false,
            };
            if forbidden {
                return Err(UrlErrorKind::Escape(escape.to_vec()));
            }
            i += 3;
        } else {
            if matches!(mode, Mode::Host | Mode::Zone) && b < 0x80 && host_byte_needs_escape(b) {
                return Err(UrlErrorKind::InvalidHostCharacter(b));
            }
            i += 1;
        }
    }
    if escapes == 0 {
        return Ok(Cow::Borrowed(s));
    }
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while let Some(&b) = s.get(i) {
        if b == b'%' {
            let h1 = s.get(i + 1).copied().unwrap_or(b'0');
            let h2 = s.get(i + 2).copied().unwrap_or(b'0');
            out.push((unhex(h1) << 4) | unhex(h2));
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    Ok(Cow::Owned(out))
}

/// Go's `validOptionalPort`: empty, or `:` followed by digits only.
fn valid_optional_port(port: &[u8]) -> bool {
    match port.split_first() {
        None => true,
        Some((b':', digits)) => digits.iter().all(u8::is_ascii_digit),
        Some(_) => false,
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn concat<'a>(parts: [Cow<'a, [u8]>; 3]) -> Cow<'a, [u8]> {
    let mut out = Vec::new();
    for p in parts {
        out.extend_from_slice(&p);
    }
    Cow::Owned(out)
}

/// Go's `parseHost`.
fn parse_host(host: &[u8]) -> Result<Cow<'_, [u8]>, UrlErrorKind> {
    if host.first() == Some(&b'[') {
        let close = host
            .iter()
            .rposition(|b| *b == b']')
            .ok_or(UrlErrorKind::MissingBracket)?;
        let (inside, after) = host.split_at_checked(close).unwrap_or((host, &[]));
        let colon_port = after.get(1..).unwrap_or(&[]);
        if !valid_optional_port(colon_port) {
            return Err(UrlErrorKind::InvalidPort(colon_port.to_vec()));
        }
        if let Some(zone) = find(inside, b"%25") {
            let (before_zone, zone_text) = inside.split_at_checked(zone).unwrap_or((inside, &[]));
            return Ok(concat([
                unescape(before_zone, Mode::Host)?,
                unescape(zone_text, Mode::Zone)?,
                unescape(after, Mode::Host)?,
            ]));
        }
    } else if let Some(colon) = host.iter().rposition(|b| *b == b':') {
        let colon_port = host.get(colon..).unwrap_or(&[]);
        if !valid_optional_port(colon_port) {
            return Err(UrlErrorKind::InvalidPort(colon_port.to_vec()));
        }
    }
    unescape(host, Mode::Host)
}

/// Go's `validUserinfo` (runes: any non-ASCII byte fails).
fn valid_userinfo(s: &[u8]) -> bool {
    s.iter().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b':'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'%'
                    | b'@'
            )
    })
}

/// Go's `parseAuthority`, answering the host only.
fn parse_authority(authority: &[u8]) -> Result<Cow<'_, [u8]>, UrlErrorKind> {
    let at = authority.iter().rposition(|b| *b == b'@');
    let host_part = match at {
        Some(i) => authority.get(i + 1..).unwrap_or(&[]),
        None => authority,
    };
    let host = parse_host(host_part)?;
    if let Some(i) = at {
        let userinfo = authority.get(..i).unwrap_or(&[]);
        if !valid_userinfo(userinfo) {
            return Err(UrlErrorKind::InvalidUserinfo);
        }
        for part in userinfo.splitn(2, |b| *b == b':') {
            unescape(part, Mode::UserPassword)?;
        }
    }
    Ok(host)
}

/// Go's `url.Parse` of `<scheme>://` + `rest` (the scheme itself is never in question here):
/// fragment cut first, control characters refused, query dropped, authority up to the first
/// `/`, path unescaped, fragment escapes checked last.
pub(crate) fn parse_after_scheme(rest: &[u8]) -> Result<ParsedUrl<'_>, UrlError> {
    let err = |kind| UrlError {
        kind,
        in_fragment: false,
    };
    let (url, fragment) = match rest.iter().position(|b| *b == b'#') {
        Some(i) => (rest.get(..i).unwrap_or(&[]), rest.get(i + 1..)),
        None => (rest, None),
    };
    if url.iter().any(|b| *b < b' ' || *b == 0x7f) {
        return Err(err(UrlErrorKind::ControlCharacter));
    }
    let without_query = url.split(|b| *b == b'?').next().unwrap_or(url);
    let (authority, path) = match without_query.iter().position(|b| *b == b'/') {
        Some(i) => without_query
            .split_at_checked(i)
            .unwrap_or((without_query, &[])),
        None => (without_query, &[][..]),
    };
    let host = parse_authority(authority).map_err(err)?;
    let path = unescape(path, Mode::Path).map_err(err)?;
    if let Some(fragment) = fragment {
        unescape(fragment, Mode::Fragment).map_err(|kind| UrlError {
            kind,
            in_fragment: true,
        })?;
    }
    Ok(ParsedUrl { host, path })
}

/// Go's `net.SplitHostPort`; on failure the whole host and an empty port (as the keyring's
/// `splitURL` does).
pub(crate) fn split_host_port(hostport: &[u8]) -> (&[u8], &[u8]) {
    split_host_port_checked(hostport).unwrap_or((hostport, &[]))
}

fn split_host_port_checked(hostport: &[u8]) -> Option<(&[u8], &[u8])> {
    let last_colon = hostport.iter().rposition(|b| *b == b':')?;
    let (host, skip_open, skip_close) = if hostport.first() == Some(&b'[') {
        let end = hostport.iter().position(|b| *b == b']')?;
        if end + 1 != last_colon {
            return None;
        }
        (hostport.get(1..end)?, 1, end + 1)
    } else {
        let host = hostport.get(..last_colon)?;
        if host.contains(&b':') {
            return None;
        }
        (host, 0, 0)
    };
    if hostport.get(skip_open..)?.contains(&b'[') || hostport.get(skip_close..)?.contains(&b']') {
        return None;
    }
    Some((host, hostport.get(last_colon + 1..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_net_url() {
        let ok: &[(&str, &str, &str)] = &[
            ("quay.io/ns", "quay.io", "/ns"),
            ("quay.io?x=1/y", "quay.io", ""),
            ("quay.io#frag/y", "quay.io", ""),
            ("user:pw@quay.io:443/a%41", "quay.io:443", "/aA"),
            ("[::1]:5000/x", "[::1]:5000", "/x"),
            ("::1", "::1", ""),
            ("quay.io:", "quay.io:", ""),
            ("h%c3%a9.io", "h\u{e9}.io", ""),
            ("", "", ""),
        ];
        for (input, host, path) in ok {
            let u = parse_after_scheme(input.as_bytes()).expect(input);
            assert_eq!(
                (&*u.host, &*u.path),
                (host.as_bytes(), path.as_bytes()),
                "{input}"
            );
        }
        let bad: &[(&str, &str)] = &[
            ("[a-c].io", r#"invalid port ".io" after host"#),
            ("[", "missing ']' in host"),
            ("quay.io:*", r#"invalid port ":*" after host"#),
            ("quay io", r#"invalid character " " in host name"#),
            ("\\*.io", r#"invalid character "\\" in host name"#),
            ("quay.io/%zz", r#"invalid URL escape "%zz""#),
            ("quay.io/%4", r#"invalid URL escape "%4""#),
            ("q%41.io", r#"invalid URL escape "%41""#),
            ("a b@quay.io", "net/url: invalid userinfo"),
            ("quay.io/\t", "net/url: invalid control character in URL"),
            ("quay.io#%zz", r#"invalid URL escape "%zz""#),
        ];
        for (input, want) in bad {
            let e = parse_after_scheme(input.as_bytes()).expect_err(input);
            assert_eq!(e.kind.to_string(), *want, "{input}");
        }
        let e = parse_after_scheme(b"quay.io/%zz#f").expect_err("bad escape");
        assert_eq!(
            e.message("https://", b"quay.io/%zz#f"),
            r#"parse "https://quay.io/%zz": invalid URL escape "%zz""#
        );
        let e = parse_after_scheme(b"quay.io#%zz").expect_err("bad fragment");
        assert_eq!(
            e.message("https://", b"quay.io#%zz"),
            r#"parse "https://quay.io#%zz": invalid URL escape "%zz""#
        );
    }

    #[test]
    fn splits_host_and_port_like_net() {
        let cases: &[(&str, &str, &str)] = &[
            ("quay.io:443", "quay.io", "443"),
            ("quay.io", "quay.io", ""),
            ("quay.io:", "quay.io", ""),
            ("[::1]:5000", "::1", "5000"),
            ("[::1]", "[::1]", ""),
            ("::1", "::1", ""),
            ("a:b:c", "a:b:c", ""),
            ("[a]b:1", "[a]b:1", ""),
        ];
        for (input, host, port) in cases {
            assert_eq!(
                split_host_port(input.as_bytes()),
                (host.as_bytes(), port.as_bytes()),
                "{input}"
            );
        }
    }

    #[test]
    fn quotes_and_replaces_invalid_bytes_like_go() {
        assert_eq!(quote_bytes(b"%a\xc3"), r#""%a\xc3""#);
        assert_eq!(quote_bytes("é\n".as_bytes()), "\"é\\n\"");
        assert_eq!(go_lossy(b"a\xe2\x82b\xff"), "a\u{FFFD}\u{FFFD}b\u{FFFD}");
    }
}
