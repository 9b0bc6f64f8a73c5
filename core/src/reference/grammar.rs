//! A hand-written linear scanner for the Docker reference grammar (specification §3).
//!
//! distribution/reference matches whole strings with RE2 regular expressions under
//! leftmost-first semantics. The productions are simple enough that the match is unique once
//! a few separators are located: a digest is everything after the first `@`; a tag follows
//! the last `:` when that `:` lies after the last `/`; an optional domain is everything before
//! the first `/`, taken whenever it is a valid `host[:port]` (the optional group is tried
//! first). `distribution_regexp.jsonl` pins the equivalence with the regular expressions.

use crate::error::{ReferenceError, ReferenceResult};

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

/// Byte classes of the grammar, one lookup per byte.
const LOWER_ALNUM: u8 = 1; // [a-z0-9]
const ALNUM: u8 = 2; // [A-Za-z0-9]
const HEX: u8 = 4; // [0-9A-Fa-f]
const WORD: u8 = 8; // [A-Za-z0-9_]
const DIGIT: u8 = 16; // [0-9]
const ALPHA: u8 = 32; // [A-Za-z]

// Indexing in const evaluation cannot panic at run time.
#[allow(clippy::indexing_slicing)]
static CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut class = 0;
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            class |= LOWER_ALNUM;
        }
        if c.is_ascii_alphanumeric() {
            class |= ALNUM | WORD;
        }
        if c.is_ascii_hexdigit() {
            class |= HEX;
        }
        if c == b'_' {
            class |= WORD;
        }
        if c.is_ascii_digit() {
            class |= DIGIT;
        }
        if c.is_ascii_alphabetic() {
            class |= ALPHA;
        }
        table[b] = class;
        b += 1;
    }
    table
};

#[inline]
#[allow(clippy::indexing_slicing)] // a `u8` always indexes a 256-entry table
fn is(b: u8, class: u8) -> bool {
    CLASSES[usize::from(b)] & class != 0
}

/// `[a-z0-9]`, by arithmetic (no table load, no dependency between bytes).
#[inline]
const fn is_lower_alnum(c: u8) -> bool {
    // `|`, not `||`: no branch, so loops over it vectorize.
    (c.wrapping_sub(b'a') < 26) | (c.wrapping_sub(b'0') < 10)
}

/// `[A-Za-z0-9]`.
#[inline]
const fn is_alnum(c: u8) -> bool {
    is_lower_alnum(c | 0x20)
}

/// Eight bytes at a time ("SIMD within a register"): each check below computes, for the eight
/// bytes of a `u64` word, a mask with the high bit of every byte that satisfies a predicate.
/// The grammar's character sets and its rules on adjacent separators then cost a few dozen
/// instructions per word instead of a branch per byte.
mod swar {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;

    /// Bytes `>= lo`, for words whose bytes are all ASCII (`< 0x80`).
    #[inline]
    const fn at_least(x: u64, lo: u8) -> u64 {
        ((x | HIGH).wrapping_sub(ONES.wrapping_mul(lo as u64))) & HIGH
    }

    /// Bytes in `lo..=hi` (ASCII words, `hi < 0x7f`).
    #[inline]
    pub(super) const fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
        at_least(x, lo) & !at_least(x, hi + 1) & HIGH
    }

    /// Bytes equal to `c`.
    #[inline]
    pub(super) const fn equal(x: u64, c: u8) -> u64 {
        let t = x ^ ONES.wrapping_mul(c as u64);
        !(((t & !HIGH).wrapping_add(!HIGH)) | t) & HIGH
    }

    /// Whether any byte is not ASCII.
    #[inline]
    pub(super) const fn has_non_ascii(x: u64) -> bool {
        x & HIGH != 0
    }

    /// All eight bytes flagged.
    pub(super) const ALL: u64 = HIGH;

    /// The mask of the next byte at each position (`m >> 8` in little-endian order); the last
    /// position gets nothing.
    #[inline]
    pub(super) const fn next(m: u64) -> u64 {
        m >> 8
    }

    /// Calls `check` on 8-byte windows that start every 6 bytes, so every run of three adjacent
    /// bytes lies inside one window; the bytes after the end are `pad`. Stops at the first
    /// `false`.
    #[inline]
    pub(super) fn windows(s: &[u8], pad: u8, check: impl Fn(u64) -> bool) -> bool {
        let mut start = 0;
        loop {
            let word = match s.get(start..start + 8) {
                // A whole window: one unaligned load.
                Some(bytes) => u64::from_le_bytes(bytes.try_into().unwrap_or([pad; 8])),
                // The tail, padded.
                None => {
                    let mut word = [pad; 8];
                    for (dst, src) in word.iter_mut().zip(s.get(start..).unwrap_or_default()) {
                        *dst = *src;
                    }
                    u64::from_le_bytes(word)
                }
            };
            if !check(word) {
                return false;
            }
            if start + 8 >= s.len() {
                return true;
            }
            start += 6;
        }
    }
}

/// `path-component ("/" path-component)*`, where a component is
/// `[a-z0-9]+ (separator [a-z0-9]+)*` and a separator is `.`, `_`, `__` or `-`+.
///
/// Equivalently: only `[a-z0-9._/-]`; first and last byte alphanumeric; two adjacent
/// non-alphanumerics only as `__` or `--`; never `___`.
pub(crate) fn is_remote_name(s: &[u8]) -> bool {
    use swar::{equal, in_range, next};
    let (Some(&first), Some(&last)) = (s.first(), s.last()) else {
        return false;
    };
    is_lower_alnum(first)
        && is_lower_alnum(last)
        // Bytes past the end read as `a`, which no rule rejects after an alphanumeric.
        && swar::windows(s, b'a', |x| {
            if swar::has_non_ascii(x) {
                return false;
            }
            let alnum = in_range(x, b'a', b'z') | in_range(x, b'0', b'9');
            let (dot, underscore, dash, slash) =
                (equal(x, b'.'), equal(x, b'_'), equal(x, b'-'), equal(x, b'/'));
            let separator = !alnum & swar::ALL;
            let doubled = (underscore & next(underscore)) | (dash & next(dash));
            alnum | dot | underscore | dash | slash == swar::ALL
                && separator & next(separator) & !doubled == 0
                && underscore & next(underscore) & next(next(underscore)) == 0
        })
}

/// `domain-name [":" port]`, a domain name being dot-separated components `[A-Za-z0-9]` or
/// `[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]`, a port `[0-9]+`.
///
/// Equivalently for the name: only `[A-Za-z0-9.-]`; first and last byte alphanumeric; a `.`
/// only between two alphanumerics.
fn is_domain_name_and_port(s: &[u8]) -> bool {
    use swar::{equal, in_range, next};
    let (name, port) = match memchr::memchr(b':', s) {
        Some(colon) => (
            s.get(..colon).unwrap_or_default(),
            Some(s.get(colon + 1..).unwrap_or_default()),
        ),
        None => (s, None),
    };
    let (Some(&first), Some(&last)) = (name.first(), name.last()) else {
        return false;
    };
    let port_ok = port.is_none_or(|p| {
        !p.is_empty()
            && p.iter()
                .fold(true, |all, c| all & (c.wrapping_sub(b'0') < 10))
    });
    port_ok
        && is_alnum(first)
        && is_alnum(last)
        && swar::windows(name, b'a', |x| {
            if swar::has_non_ascii(x) {
                return false;
            }
            let alnum = in_range(x | 0x2020_2020_2020_2020, b'a', b'z') | in_range(x, b'0', b'9');
            let (dot, dash) = (equal(x, b'.'), equal(x, b'-'));
            let other = !alnum & swar::ALL;
            alnum | dot | dash == swar::ALL && dot & next(other) == 0 && other & next(dot) == 0
        })
}

#[cfg(test)]
mod swar_tests {
    use super::*;

    /// The byte-at-a-time definitions the word-at-a-time checks must agree with.
    fn remote_name_by_bytes(s: &[u8]) -> bool {
        s.split(|&b| b == b'/').all(|c| {
            let mut i = 0;
            loop {
                let start = i;
                while c.get(i).is_some_and(|&b| is_lower_alnum(b)) {
                    i += 1;
                }
                if i == start {
                    return false;
                }
                match c.get(i) {
                    None => return true,
                    Some(b'.') => i += 1,
                    Some(b'_') => i += if c.get(i + 1) == Some(&b'_') { 2 } else { 1 },
                    Some(b'-') => {
                        while c.get(i) == Some(&b'-') {
                            i += 1;
                        }
                    }
                    Some(_) => return false,
                }
            }
        })
    }

    fn domain_by_bytes(s: &[u8]) -> bool {
        let (name, port) = match s.iter().position(|&b| b == b':') {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        port.is_none_or(|p| !p.is_empty() && p.iter().all(u8::is_ascii_digit))
            && name.split(|&b| b == b'.').all(|c| {
                matches!((c.first(), c.last()), (Some(f), Some(l)) if f.is_ascii_alphanumeric() && l.is_ascii_alphanumeric())
                    && c.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        #[test]
        fn word_checks_agree_with_byte_checks(s in "[a-cA-C0-3._/:-]{0,40}|[a-z0-9._/-]{0,40}|.{0,12}") {
            proptest::prop_assert_eq!(is_remote_name(s.as_bytes()), remote_name_by_bytes(s.as_bytes()), "{:?}", s);
            proptest::prop_assert_eq!(is_domain_name_and_port(s.as_bytes()), domain_by_bytes(s.as_bytes()), "{:?}", s);
        }
    }
}

/// `host [":" port]` where host is a domain name or, in the current grammar, `[ipv6]`.
pub(crate) fn is_domain_and_port(s: &[u8], grammar: Grammar) -> bool {
    let is_port = |p: &[u8]| !p.is_empty() && p.iter().all(|&b| is(b, DIGIT));
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
        let inner_ok = !inner.is_empty() && inner.iter().all(|&b| is(b, HEX) || b == b':');
        return inner_ok
            && match after.split_first() {
                None => true,
                Some((b':', port)) => is_port(port),
                Some(_) => false,
            };
    }
    is_domain_name_and_port(s)
}

/// `[\w][\w.-]{0,127}`.
pub(crate) fn is_tag(t: &[u8]) -> bool {
    match t.split_first() {
        Some((&first, rest)) => {
            t.len() <= 128
                && is(first, WORD)
                && rest.iter().all(|&b| is(b, WORD) || b == b'.' || b == b'-')
        }
        None => false,
    }
}

/// `[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)* ":" [0-9A-Fa-f]{32,}`.
pub(crate) fn is_digest_syntax(d: &[u8]) -> bool {
    // The algorithm: a letter must start it and follow each separator.
    let mut need_alpha = true;
    let mut i = 0;
    loop {
        let Some(&b) = d.get(i) else {
            return false;
        };
        if need_alpha {
            if !is(b, ALPHA) {
                return false;
            }
            need_alpha = false;
        } else if matches!(b, b'-' | b'_' | b'+' | b'.') {
            need_alpha = true;
        } else if b == b':' {
            break;
        } else if !is(b, ALNUM) {
            return false;
        }
        i += 1;
    }
    let hex = d.get(i + 1..).unwrap_or_default();
    hex.len() >= 32 && all_hex(hex)
}

/// Whether every byte is a hex digit of either case; written as a fold without early exit so
/// that the compiler vectorizes it (digests are most of a digested reference's bytes).
pub(crate) fn all_hex(s: &[u8]) -> bool {
    s.iter().fold(true, |ok, &b| {
        ok & (b.wrapping_sub(b'0') < 10 || (b | 0x20).wrapping_sub(b'a') < 6)
    })
}

/// Whether every byte is a lowercase hex digit (vectorizable, see [`all_hex`]).
pub(crate) fn all_lower_hex(s: &[u8]) -> bool {
    s.iter().fold(true, |ok, &b| {
        ok & (b.wrapping_sub(b'0') < 10 || b.wrapping_sub(b'a') < 6)
    })
}

/// `[a-f0-9]{64}`: a bare image identifier.
pub(crate) fn is_identifier(s: &[u8]) -> bool {
    s.len() == 64 && s.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Splits a name into its domain and path: returns the index of the `/` that ends the
/// domain (0 without a domain), or `None` when the name does not match. The domain is taken
/// when the first component is a valid `host[:port]` and more components follow (the optional
/// group wins when it can).
pub(crate) fn split_name(name: &[u8], grammar: Grammar) -> Option<usize> {
    if let Some(slash) = memchr::memchr(b'/', name) {
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
    // The separators, found with SIMD searches: the first `@` (a digest follows), and before
    // it the last `:` and the last `/`.
    let at = memchr::memchr(b'@', b);
    let rest = b.get(..at.unwrap_or(b.len())).unwrap_or_default();
    let (last_colon, last_slash) = (memchr::memrchr(b':', rest), memchr::memrchr(b'/', rest));
    let tag_end = at.unwrap_or(b.len());
    if let Some(at) = at
        && !is_digest_syntax(b.get(at + 1..).unwrap_or_default())
    {
        return None;
    }
    let tag_colon = last_colon.filter(|&colon| last_slash.is_none_or(|slash| colon > slash));
    let name_end = match tag_colon {
        Some(colon) => {
            if !is_tag(b.get(colon + 1..tag_end).unwrap_or_default()) {
                return None;
            }
            colon
        }
        None => tag_end,
    };
    let domain_end = split_name(b.get(..name_end).unwrap_or_default(), grammar)?;
    Some(Spans {
        domain_end,
        name_end,
        tag_end,
        has_digest: at.is_some(),
    })
}

/// [`scan`], or the error distribution's `Parse` reports for a failed match: empty input,
/// input that would match in lower case, or invalid format.
pub(crate) fn scan_or_error(s: &str, grammar: Grammar) -> ReferenceResult<Spans> {
    scan(s, grammar).ok_or_else(|| {
        if s.is_empty() {
            ReferenceError::NameEmpty
        } else if matches_when_lowercased(s, grammar) {
            ReferenceError::NameContainsUppercase {
                input: s.to_owned(),
            }
        } else {
            ReferenceError::InvalidFormat {
                input: s.to_owned(),
            }
        }
    })
}

/// Whether the lower-cased input would match (distribution's test for
/// `ErrNameContainsUppercase` after a failed match); inputs without upper case skip the rescan.
fn matches_when_lowercased(s: &str, grammar: Grammar) -> bool {
    go_has_upper(s) && scan(&go_to_lower(s), grammar).is_some()
}

/// Go's `strings.ToLower`, which maps each rune with the simple case mapping (so `İ` becomes
/// `i` and the Kelvin sign `K` becomes `k`, both ASCII).
pub(crate) fn go_to_lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.chars()
        .map(|c| match c {
            '\u{130}' => 'i',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// Whether Go's `strings.ToLower(s) != s`.
pub(crate) fn go_has_upper(s: &str) -> bool {
    if s.is_ascii() {
        return s.bytes().any(|b| b.is_ascii_uppercase());
    }
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
            assert_eq!(is_remote_name(input.as_bytes()), want, "{input}");
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
