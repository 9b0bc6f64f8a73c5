//! Go's `path.Match` (the same as `path/filepath.Match` on Unix) over bytes: the glob syntax of
//! distribution's `FamiliarMatch` and of the kubelet keyring's host labels.

use std::fmt;

/// `path.ErrBadPattern` / `filepath.ErrBadPattern` (`syntax error in pattern`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BadPattern;

impl fmt::Display for BadPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("syntax error in pattern")
    }
}

/// Go's `utf8.DecodeRune`: the first rune and its width; an invalid or empty input gives
/// U+FFFD and width 1 (0 when empty).
fn decode_rune(s: &[u8]) -> (u32, usize) {
    let head = s.get(..s.len().min(4)).unwrap_or(s);
    let valid = match std::str::from_utf8(head) {
        Ok(v) => v,
        Err(e) => std::str::from_utf8(head.get(..e.valid_up_to()).unwrap_or(&[])).unwrap_or(""),
    };
    match valid.chars().next() {
        Some(c) => (u32::from(c), c.len_utf8()),
        None => (0xFFFD, usize::from(!s.is_empty())),
    }
}

/// Whether `pattern` (Go `path.Match` syntax) needs matching: it holds a special
/// character. Without one, it matches exactly the equal string and never fails.
pub(crate) fn is_glob(pattern: &[u8]) -> bool {
    pattern
        .iter()
        .any(|b| matches!(b, b'*' | b'?' | b'[' | b'\\'))
}

/// Go's `path.Match`, which is also `filepath.Match` on Unix (≥ 1.16: the rest of a pattern is
/// checked after a mismatch).
pub(crate) fn path_match(mut pattern: &[u8], mut name: &[u8]) -> Result<bool, BadPattern> {
    'pattern: while !pattern.is_empty() {
        let (star, chunk, rest) = scan_chunk(pattern);
        pattern = rest;
        if star && chunk.is_empty() {
            // A trailing `*` matches the rest of the name unless it has a `/`.
            return Ok(!name.contains(&b'/'));
        }
        let (t, ok) = match_chunk(chunk, name)?;
        if ok && (t.is_empty() || !pattern.is_empty()) {
            name = t;
            continue;
        }
        if star {
            let mut i = 0;
            while i < name.len() && name.get(i) != Some(&b'/') {
                let (t, ok) = match_chunk(chunk, name.get(i + 1..).unwrap_or(&[]))?;
                if ok {
                    if pattern.is_empty() && !t.is_empty() {
                        i += 1;
                        continue;
                    }
                    name = t;
                    continue 'pattern;
                }
                i += 1;
            }
        }
        // No match: the rest of the pattern must still be well-formed.
        while !pattern.is_empty() {
            let (_, chunk, rest) = scan_chunk(pattern);
            pattern = rest;
            match_chunk(chunk, &[])?;
        }
        return Ok(false);
    }
    Ok(name.is_empty())
}

/// Go's `scanChunk`: leading stars, then the chunk up to the next `*` outside a class.
fn scan_chunk(mut pattern: &[u8]) -> (bool, &[u8], &[u8]) {
    let mut star = false;
    while let Some((b'*', rest)) = pattern.split_first() {
        pattern = rest;
        star = true;
    }
    let mut in_range = false;
    let mut i = 0;
    while let Some(&b) = pattern.get(i) {
        match b {
            b'\\' if i + 1 < pattern.len() => i += 1,
            b'[' => in_range = true,
            b']' => in_range = false,
            b'*' if !in_range => break,
            _ => {}
        }
        i += 1;
    }
    let (chunk, rest) = pattern.split_at_checked(i).unwrap_or((pattern, &[]));
    (star, chunk, rest)
}

/// Go's `matchChunk`: the rest of `s` after the chunk and whether it matched; after a failure
/// the chunk is still parsed for syntax errors.
fn match_chunk<'s>(mut chunk: &[u8], mut s: &'s [u8]) -> Result<(&'s [u8], bool), BadPattern> {
    let mut failed = false;
    while let Some(&c) = chunk.first() {
        if !failed && s.is_empty() {
            failed = true;
        }
        match c {
            b'[' => {
                let mut r = 0;
                if !failed {
                    let (rune, n) = decode_rune(s);
                    r = rune;
                    s = s.get(n..).unwrap_or(&[]);
                }
                chunk = chunk.get(1..).unwrap_or(&[]);
                let negated = chunk.first() == Some(&b'^');
                if negated {
                    chunk = chunk.get(1..).unwrap_or(&[]);
                }
                let mut matched = false;
                let mut ranges = 0;
                loop {
                    if chunk.first() == Some(&b']') && ranges > 0 {
                        chunk = chunk.get(1..).unwrap_or(&[]);
                        break;
                    }
                    let (lo, rest) = get_esc(chunk)?;
                    chunk = rest;
                    let mut hi = lo;
                    if chunk.first() == Some(&b'-') {
                        let (h, rest) = get_esc(chunk.get(1..).unwrap_or(&[]))?;
                        hi = h;
                        chunk = rest;
                    }
                    if lo <= r && r <= hi {
                        matched = true;
                    }
                    ranges += 1;
                }
                if matched == negated {
                    failed = true;
                }
            }
            b'?' => {
                if !failed {
                    if s.first() == Some(&b'/') {
                        failed = true;
                    }
                    let (_, n) = decode_rune(s);
                    s = s.get(n..).unwrap_or(&[]);
                }
                chunk = chunk.get(1..).unwrap_or(&[]);
            }
            _ => {
                let literal = if c == b'\\' {
                    chunk = chunk.get(1..).unwrap_or(&[]);
                    *chunk.first().ok_or(BadPattern)?
                } else {
                    c
                };
                if !failed {
                    if s.first() != Some(&literal) {
                        failed = true;
                    }
                    s = s.get(1..).unwrap_or(&[]);
                }
                chunk = chunk.get(1..).unwrap_or(&[]);
            }
        }
    }
    if failed {
        Ok((&[], false))
    } else {
        Ok((s, true))
    }
}

/// Go's `getEsc`: one possibly escaped character of a class.
fn get_esc(mut chunk: &[u8]) -> Result<(u32, &[u8]), BadPattern> {
    match chunk.first() {
        None | Some(b'-' | b']') => return Err(BadPattern),
        Some(b'\\') => {
            chunk = chunk.get(1..).unwrap_or(&[]);
            if chunk.is_empty() {
                return Err(BadPattern);
            }
        }
        Some(_) => {}
    }
    let (r, n) = decode_rune(chunk);
    let invalid = r == 0xFFFD && n == 1;
    let rest = chunk.get(n..).unwrap_or(&[]);
    if invalid || rest.is_empty() {
        return Err(BadPattern);
    }
    Ok((r, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_like_path_match() {
        let cases: &[(&str, &str, Result<bool, BadPattern>)] = &[
            ("abc", "abc", Ok(true)),
            ("*", "abc", Ok(true)),
            ("*c", "abc", Ok(true)),
            ("a*", "a/b", Ok(false)),
            ("a*/b", "abc/b", Ok(true)),
            ("a[b-d]c", "acc", Ok(true)),
            ("a[^b-d]c", "acc", Ok(false)),
            ("a?c", "abc", Ok(true)),
            ("a\\*c", "a*c", Ok(true)),
            ("[", "a", Err(BadPattern)),
            ("a[", "x", Err(BadPattern)),
            ("*x[", "abc", Err(BadPattern)),
            ("[]a]", "]", Err(BadPattern)),
            ("[-]", "-", Err(BadPattern)),
            ("a\\", "a", Err(BadPattern)),
        ];
        for (pattern, name, want) in cases {
            assert_eq!(
                path_match(pattern.as_bytes(), name.as_bytes()),
                *want,
                "{pattern} {name}"
            );
        }
    }

    #[test]
    fn matches_like_filepath_match() {
        let cases: &[(&str, &str, Result<bool, BadPattern>)] = &[
            ("*", "abc", Ok(true)),
            ("*", "", Ok(true)),
            ("a*c", "abbc", Ok(true)),
            ("a*c", "abcd", Ok(false)),
            ("*-good", "x-good", Ok(true)),
            ("?", "\u{e9}", Ok(true)),
            ("[a-c]", "b", Ok(true)),
            ("[^a-c]", "b", Ok(false)),
            ("[!a]", "!", Ok(true)),
            ("[\\]]", "]", Ok(true)),
            ("\\*", "*", Ok(true)),
            ("a[", "a", Err(BadPattern)),
            ("a[", "b", Err(BadPattern)),
            ("[]", "a", Err(BadPattern)),
            ("a\\", "a", Err(BadPattern)),
            ("x*a[", "y", Err(BadPattern)),
            ("[a-", "a", Err(BadPattern)),
            ("abc", "abc", Ok(true)),
            ("abc", "abd", Ok(false)),
            ("", "", Ok(true)),
            ("", "a", Ok(false)),
        ];
        for (pattern, name, want) in cases {
            assert_eq!(
                path_match(pattern.as_bytes(), name.as_bytes()),
                *want,
                "{pattern:?} {name:?}"
            );
        }
    }
}
