//! A hand-written linear scanner for the Docker reference grammar (specification §3).
//!
//! distribution/reference matches whole strings with RE2 regular expressions under
//! leftmost-first semantics. The productions are simple enough that the match is unique once
//! a few separators are located: a digest is everything after the first `@`; a tag follows
//! the last `:` when that `:` lies after the last `/`; an optional domain is everything before
//! the first `/`, taken whenever it is a valid `host[:port]` (the optional group is tried
//! first). `distribution_regexp.jsonl` pins the equivalence with the regular expressions.

/// Which revision of the grammar applies (specification §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grammar {
    /// distribution/reference v0.6 (HEAD): IPv6 hosts, the 255 limit counts the path only.
    Current,
    /// docker/distribution ≤ v2.8, the containers/image fork and library-go's copy: no IPv6,
    /// the 255 limit counts the whole name.
    Legacy,
}

/// Maximum length in bytes of a name (the path alone, or the whole name in the legacy grammar).
pub(crate) const NAME_TOTAL_LENGTH_MAX: usize = 255;

/// Byte positions of a matched reference `name[:tag][@digest]` inside the scanned string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Spans {
    /// Index of the `/` that ends the domain; 0 when the name has no domain.
    pub(crate) domain_end: usize,
    /// End of the name.
    pub(crate) name_end: usize,
    /// End of the tag (the index of `@` or the end of the input); equals `name_end` when there
    /// is no tag.
    pub(crate) tag_end: usize,
    /// Whether a digest follows `tag_end` (after its `@`).
    pub(crate) has_digest: bool,
}

/// `[a-z0-9]+ (separator [a-z0-9]+)*` with separator `.`, `_`, `__` or `-`+.
pub(crate) fn is_path_component(c: &[u8]) -> bool {
    let mut i = 0;
    let n = c.len();
    loop {
        // One run of lowercase alphanumerics is required here.
        let start = i;
        while i < n && matches!(c.get(i), Some(b'a'..=b'z' | b'0'..=b'9')) {
            i += 1;
        }
        if i == start {
            return false;
        }
        if i == n {
            return true;
        }
        match c.get(i) {
            Some(b'.') => i += 1,
            Some(b'_') => {
                i += 1;
                if c.get(i) == Some(&b'_') {
                    i += 1;
                }
            }
            Some(b'-') => {
                while c.get(i) == Some(&b'-') {
                    i += 1;
                }
            }
            _ => return false,
        }
    }
}

/// `path-component ("/" path-component)*`.
pub(crate) fn is_remote_name(s: &[u8]) -> bool {
    s.split(|&b| b == b'/').all(is_path_component)
}

/// `[A-Za-z0-9]` or `[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]`.
fn is_domain_component(c: &[u8]) -> bool {
    match (c.first(), c.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && c.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        }
        _ => false,
    }
}

/// `domain-component ("." domain-component)*`.
fn is_domain_name(s: &[u8]) -> bool {
    s.split(|&b| b == b'.').all(is_domain_component)
}

/// `host [":" port]` where host is a domain name or, in the current grammar, `[ipv6]`.
pub(crate) fn is_domain_and_port(s: &[u8], grammar: Grammar) -> bool {
    let is_port = |p: &[u8]| !p.is_empty() && p.iter().all(u8::is_ascii_digit);
    if s.first() == Some(&b'[') {
        if grammar == Grammar::Legacy {
            return false;
        }
        let Some(close) = s.iter().position(|&b| b == b']') else {
            return false;
        };
        let (inner, after) = (
            s.get(1..close).unwrap_or_default(),
            s.get(close + 1..).unwrap_or_default(),
        );
        let inner_ok =
            !inner.is_empty() && inner.iter().all(|b| b.is_ascii_hexdigit() || *b == b':');
        return inner_ok
            && match after.split_first() {
                None => true,
                Some((b':', port)) => is_port(port),
                Some(_) => false,
            };
    }
    match s.iter().position(|&b| b == b':') {
        Some(colon) => {
            is_domain_name(s.get(..colon).unwrap_or_default())
                && is_port(s.get(colon + 1..).unwrap_or_default())
        }
        None => is_domain_name(s),
    }
}

/// `[\w][\w.-]{0,127}`.
pub(crate) fn is_tag(t: &[u8]) -> bool {
    let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    match t.split_first() {
        Some((first, rest)) => {
            t.len() <= 128
                && word(first)
                && rest.iter().all(|b| word(b) || *b == b'.' || *b == b'-')
        }
        None => false,
    }
}

/// `[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)* ":" [0-9A-Fa-f]{32,}`.
pub(crate) fn is_digest_syntax(d: &[u8]) -> bool {
    let Some(colon) = d.iter().position(|&b| b == b':') else {
        return false;
    };
    let (algorithm, hex) = (
        d.get(..colon).unwrap_or_default(),
        d.get(colon + 1..).unwrap_or_default(),
    );
    let algorithm_ok = algorithm
        .split(|b| matches!(b, b'-' | b'_' | b'+' | b'.'))
        .all(|c| {
            c.first().is_some_and(u8::is_ascii_alphabetic)
                && c.iter().all(u8::is_ascii_alphanumeric)
        });
    algorithm_ok && hex.len() >= 32 && hex.iter().all(u8::is_ascii_hexdigit)
}

/// `[a-f0-9]{64}`: a bare image identifier.
pub(crate) fn is_identifier(s: &[u8]) -> bool {
    s.len() == 64 && s.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Splits a name into `(domain_end, valid)`: the domain is taken when the first component is a
/// valid `host[:port]` and more components follow (the optional group wins when it can).
pub(crate) fn split_name(name: &[u8], grammar: Grammar) -> Option<usize> {
    if let Some(slash) = name.iter().position(|&b| b == b'/') {
        let (domain, path) = (
            name.get(..slash).unwrap_or_default(),
            name.get(slash + 1..).unwrap_or_default(),
        );
        if is_domain_and_port(domain, grammar) {
            return is_remote_name(path).then_some(slash);
        }
    }
    is_remote_name(name).then_some(0)
}

/// Matches the whole of `s` against the `reference` production.
pub(crate) fn scan(s: &str, grammar: Grammar) -> Option<Spans> {
    let b = s.as_bytes();
    let (rest, has_digest) = match b.iter().position(|&c| c == b'@') {
        Some(at) => {
            if !is_digest_syntax(b.get(at + 1..).unwrap_or_default()) {
                return None;
            }
            (b.get(..at).unwrap_or_default(), true)
        }
        None => (b, false),
    };
    let last_slash = rest.iter().rposition(|&c| c == b'/');
    let tag_colon = rest
        .iter()
        .rposition(|&c| c == b':')
        .filter(|&colon| last_slash.is_none_or(|slash| colon > slash));
    let name_end = match tag_colon {
        Some(colon) => {
            if !is_tag(rest.get(colon + 1..).unwrap_or_default()) {
                return None;
            }
            colon
        }
        None => rest.len(),
    };
    let domain_end = split_name(b.get(..name_end).unwrap_or_default(), grammar)?;
    Some(Spans {
        domain_end,
        name_end,
        tag_end: rest.len(),
        has_digest,
    })
}

/// Go's `strings.ToLower`, which maps each rune with the simple case mapping (so `İ` becomes
/// `i` and the Kelvin sign `K` becomes `k`, both ASCII).
pub(crate) fn go_to_lower(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{130}' => 'i',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// Whether Go's `strings.ToLower(s) != s`.
pub(crate) fn go_has_upper(s: &str) -> bool {
    s.chars()
        .any(|c| c == '\u{130}' || c.to_lowercase().next().is_some_and(|l| l != c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_components() {
        let cases = [
            ("a", true),
            ("a.b", true),
            ("a_b", true),
            ("a__b", true),
            ("a---b", true),
            ("a___b", false),
            ("a..b", false),
            ("a._b", false),
            ("a-", false),
            ("-a", false),
            ("", false),
            ("A", false),
        ];
        for (input, want) in cases {
            assert_eq!(is_path_component(input.as_bytes()), want, "{input}");
        }
    }

    #[test]
    fn domains() {
        let cases = [
            ("example.com", Grammar::Current, true),
            ("example.com:5000", Grammar::Current, true),
            ("Example.COM", Grammar::Current, true),
            ("example.com:", Grammar::Current, false),
            ("-example.com", Grammar::Current, false),
            ("[::1]", Grammar::Current, true),
            ("[::1]:5000", Grammar::Current, true),
            ("[::1]:5000", Grammar::Legacy, false),
            ("[]", Grammar::Current, false),
            ("[::1]x", Grammar::Current, false),
            ("a..b", Grammar::Current, false),
        ];
        for (input, grammar, want) in cases {
            assert_eq!(
                is_domain_and_port(input.as_bytes(), grammar),
                want,
                "{input}"
            );
        }
    }

    #[test]
    fn scans_references() {
        let spans = scan(
            "test.com:5000/foo/bar:tag@sha256:0123456789abcdef0123456789abcdef",
            Grammar::Current,
        );
        assert_eq!(
            spans,
            Some(Spans {
                domain_end: 13,
                name_end: 21,
                tag_end: 25,
                has_digest: true
            })
        );
        // A single component is never a domain: `test.com:5000` is name + tag.
        assert_eq!(
            scan("test.com:5000", Grammar::Current).map(|s| (s.domain_end, s.name_end)),
            Some((0, 8))
        );
        // The first component is a domain whenever it can be.
        assert_eq!(
            scan("foo/bar", Grammar::Current).map(|s| s.domain_end),
            Some(3)
        );
        assert_eq!(scan("foo/bar:5000/baz", Grammar::Current), None);
        assert_eq!(scan("[::1]:5000/foo", Grammar::Legacy), None);
        assert!(scan("[::1]:5000/foo", Grammar::Current).is_some());
    }

    #[test]
    fn go_lowercase() {
        assert_eq!(go_to_lower("AbC\u{212a}\u{130}"), "abcki");
        assert!(go_has_upper("\u{212a}"));
        assert!(!go_has_upper("abc-é"));
    }
}
