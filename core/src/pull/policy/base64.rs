//! Go's `encoding/base64` `StdEncoding` (padded), as `encoding/json` decodes a `[]byte` member:
//! the same accepted inputs and the same `illegal base64 data at input byte <n>` offsets.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const INVALID: u8 = 0xff;

static DECODE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        // `i < 64` and every alphabet byte is < 256: in range in const evaluation.
        #[allow(clippy::indexing_slicing)]
        {
            table[ALPHABET[i] as usize] = i as u8;
        }
        i += 1;
    }
    table
};

const fn is_newline(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

/// Decodes `src`; `Err(offset)` is Go's `CorruptInputError` offset.
pub(super) fn decode(src: &[u8]) -> Result<Vec<u8>, usize> {
    let mut out = Vec::with_capacity(src.len() / 4 * 3 + 3);
    let mut si = 0;
    while si < src.len() {
        // One quantum, as Go's `decodeQuantum`.
        let mut quantum = [0u8; 4];
        let mut j = 0;
        let mut trailing: Option<usize> = None;
        let mut len = 4;
        while j < 4 {
            let Some(&c) = src.get(si) else {
                if j == 0 {
                    return Ok(out);
                }
                // StdEncoding requires padding: a partial quantum is corrupt.
                return Err(si - j);
            };
            si += 1;
            let value = DECODE.get(usize::from(c)).copied().unwrap_or(INVALID);
            if value != INVALID {
                if let Some(slot) = quantum.get_mut(j) {
                    *slot = value;
                }
                j += 1;
                continue;
            }
            if is_newline(c) {
                continue;
            }
            if c != b'=' {
                return Err(si - 1);
            }
            match j {
                0 | 1 => return Err(si - 1),
                2 => {
                    // "==" is expected; the first "=" is consumed.
                    while src.get(si).copied().is_some_and(is_newline) {
                        si += 1;
                    }
                    match src.get(si) {
                        None => return Err(src.len()),
                        Some(&b'=') => si += 1,
                        Some(_) => return Err(si - 1),
                    }
                }
                _ => {}
            }
            while src.get(si).copied().is_some_and(is_newline) {
                si += 1;
            }
            if si < src.len() {
                trailing = Some(si);
            }
            len = j;
            break;
        }
        let [a, b, c, d] = quantum.map(u32::from);
        let value = (a << 18) | (b << 12) | (c << 6) | d;
        let bytes = [(value >> 16) as u8, (value >> 8) as u8, value as u8];
        out.extend_from_slice(bytes.get(..len - 1).unwrap_or_default());
        if let Some(offset) = trailing {
            return Err(offset);
        }
    }
    Ok(out)
}

/// Encodes with padding (what Go's `encoding/json` writes for a `[]byte`).
pub(super) fn encode(data: &[u8]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_offsets() {
        let cases: &[(&str, Result<&[u8], usize>)] = &[
            ("", Ok(b"")),
            ("YQ==", Ok(b"a")),
            ("YWI=", Ok(b"ab")),
            ("YWJj", Ok(b"abc")),
            ("YW\nJj\r\n", Ok(b"abc")),
            ("cmFuZG9t", Ok(b"random")),
            ("not base64!", Err(3)),
            ("YQ", Err(0)),
            ("YWJjZ", Err(4)),
            ("YQ=", Err(3)),
            ("YQ=x", Err(2)),
            ("YQ==YQ==", Err(4)),
            ("=", Err(0)),
            ("Y===", Err(1)),
            ("YWI=\n", Ok(b"ab")),
        ];
        for (input, want) in cases {
            let got = decode(input.as_bytes());
            assert_eq!(got.as_deref().map_err(|e| *e), *want, "{input:?}");
        }
    }

    #[test]
    fn encode_round_trips() {
        for data in [&b""[..], b"a", b"ab", b"abc", b"\xff\x00\x10random"] {
            assert_eq!(decode(encode(data).as_bytes()).as_deref(), Ok(data));
        }
        assert_eq!(encode(b"a"), "YQ==");
    }
}
