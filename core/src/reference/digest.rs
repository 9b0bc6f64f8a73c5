//! Content digests (`algorithm:encoded`), validated as go-digest or as library-go does.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{ReferenceError, ReferenceResult};

/// A validated content digest such as `sha256:4077…2dc6`.
///
/// Two validators exist upstream and both are offered:
/// * [`Digest::parse`] — go-digest v1.0.0 as linked by every real tool: sha256, sha384 and
///   sha512, exact lengths, lowercase hex only. Used by the Docker model.
/// * [`Digest::parse_lenient`] — library-go's internal parser, used by the OpenShift model:
///   upper-case hex accepted, any `[A-Za-z0-9_+.-]+` algorithm syntax, length checked for
///   sha256/384/512, other algorithms unsupported.
///
/// ```
/// use openshift_image::Digest;
/// let d = Digest::parse("sha256:4077983ab3dfc8bc268b1351b16d696ed93f3bcc0c8e49eb030d65bc0ef82dc6")?;
/// assert_eq!(d.algorithm(), "sha256");
/// assert_eq!(d.encoded().len(), 64);
/// assert!(Digest::parse("sha256:abc").is_err());
/// # Ok::<(), openshift_image::ReferenceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest {
    repr: String,
    colon: usize,
}

/// Hex length of each algorithm's encoded part, for the algorithms every validator knows.
fn encoded_len(algorithm: &str) -> Option<usize> {
    match algorithm {
        "sha256" => Some(64),
        "sha384" => Some(96),
        "sha512" => Some(128),
        _ => None,
    }
}

impl Digest {
    /// Parses and validates a digest as go-digest v1.0.0 does (see the type's documentation).
    ///
    /// # Errors
    /// [`ReferenceError::DigestFormat`], [`ReferenceError::DigestLength`] or
    /// [`ReferenceError::DigestUnsupported`], with upstream's texts.
    pub fn parse(s: &str) -> ReferenceResult<Self> {
        let colon = Self::validate(s)?;
        Ok(Self {
            repr: s.to_owned(),
            colon,
        })
    }

    /// [`Digest::parse`]'s checks without building a value; returns the position of the `:`.
    pub(crate) fn validate(s: &str) -> ReferenceResult<usize> {
        let format = || ReferenceError::DigestFormat {
            digest: s.to_owned(),
        };
        let colon = match s.find(':') {
            Some(i) if i > 0 && i + 1 < s.len() => i,
            _ => return Err(format()),
        };
        let (algorithm, encoded) = (&s[..colon], &s[colon + 1..]);
        let Some(len) = encoded_len(algorithm) else {
            return Err(if matches_go_digest_grammar(s) {
                ReferenceError::DigestUnsupported {
                    digest: s.to_owned(),
                }
            } else {
                format()
            });
        };
        if encoded.len() != len {
            return Err(ReferenceError::DigestLength {
                digest: s.to_owned(),
            });
        }
        if !crate::reference::grammar::all_lower_hex(encoded.as_bytes()) {
            return Err(format());
        }
        Ok(colon)
    }

    /// Parses a digest with library-go's lenient rules (see the type's documentation).
    ///
    /// # Errors
    /// [`ReferenceError::DigestFormat`], [`ReferenceError::DigestLength`] or
    /// [`ReferenceError::DigestUnsupported`].
    pub fn parse_lenient(s: &str) -> ReferenceResult<Self> {
        let colon = Self::validate_lenient(s)?;
        Ok(Self {
            repr: s.to_owned(),
            colon,
        })
    }

    /// [`Digest::parse_lenient`]'s checks without building a value; returns the position of
    /// the `:`.
    pub(crate) fn validate_lenient(s: &str) -> ReferenceResult<usize> {
        let colon = lenient_colon(s).ok_or_else(|| ReferenceError::DigestFormat {
            digest: s.to_owned(),
        })?;
        let Some(len) = encoded_len(s.get(..colon).unwrap_or_default()) else {
            return Err(ReferenceError::DigestUnsupported {
                digest: s.to_owned(),
            });
        };
        if s.len() - colon - 1 != len {
            return Err(ReferenceError::DigestLength {
                digest: s.to_owned(),
            });
        }
        Ok(colon)
    }

    /// Whether `s` is valid for [`Digest::parse_lenient`], without allocating.
    #[must_use]
    pub fn is_valid_lenient(s: &str) -> bool {
        lenient_colon(s).is_some_and(|colon| encoded_len(&s[..colon]) == Some(s.len() - colon - 1))
    }

    /// The algorithm, e.g. `sha256`.
    #[must_use]
    pub fn algorithm(&self) -> &str {
        &self.repr[..self.colon]
    }

    /// The encoded (hex) part.
    #[must_use]
    pub fn encoded(&self) -> &str {
        &self.repr[self.colon + 1..]
    }

    /// The whole digest, `algorithm:encoded`.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.repr
    }
}

/// Anchored `[a-zA-Z0-9_+.-]+:[a-fA-F0-9]+` (library-go's digest syntax); returns the colon.
fn lenient_colon(s: &str) -> Option<usize> {
    let colon = s.find(':')?;
    let (algorithm, encoded) = (&s[..colon], &s[colon + 1..]);
    let algorithm_ok = !algorithm.is_empty()
        && algorithm
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'.'));
    let encoded_ok = !encoded.is_empty() && crate::reference::grammar::all_hex(encoded.as_bytes());
    (algorithm_ok && encoded_ok).then_some(colon)
}

/// go-digest's `DigestRegexpAnchored`: `[a-z0-9]+([.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+`.
fn matches_go_digest_grammar(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let (algorithm, encoded) = (&s[..colon], &s[colon + 1..]);
    let component =
        |c: &str| !c.is_empty() && c.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9'));
    algorithm.split(['.', '+', '_', '-']).all(component)
        && !encoded.is_empty()
        && encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'=' | b'_' | b'-'))
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repr)
    }
}

impl FromStr for Digest {
    type Err = ReferenceError;
    fn from_str(s: &str) -> ReferenceResult<Self> {
        Self::parse(s)
    }
}

impl AsRef<str> for Digest {
    fn as_ref(&self) -> &str {
        &self.repr
    }
}

impl Serialize for Digest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.repr)
    }
}

impl<'de> Deserialize<'de> for Digest {
    /// Accepts what [`Digest::parse_lenient`] accepts, so that OpenShift objects with upper-case
    /// hex round-trip.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Self::parse_lenient(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX64: &str = "a5cf1d0ba0582e449ac6af0bdb72233b9de35a251369192c69a17dfc9f2c7a6c";

    #[test]
    fn go_digest_rules() {
        let cases: &[(&str, Result<(), &str>)] = &[
            (&format!("sha256:{HEX64}"), Ok(())),
            (
                &format!("sha256:{}", HEX64.to_uppercase()),
                Err("invalid checksum digest format"),
            ),
            ("sha256:abc", Err("invalid checksum digest length")),
            (
                "md5:d41d8cd98f00b204e9800998ecf8427e",
                Err("unsupported digest algorithm"),
            ),
            (
                "MD5:d41d8cd98f00b204e9800998ecf8427e",
                Err("invalid checksum digest format"),
            ),
            (":abc", Err("invalid checksum digest format")),
            ("sha256:", Err("invalid checksum digest format")),
            ("nocolon", Err("invalid checksum digest format")),
        ];
        for (input, want) in cases {
            let got = Digest::parse(input).map(|_| ()).map_err(|e| e.to_string());
            assert_eq!(got, want.map_err(str::to_owned), "input {input}");
        }
    }

    #[test]
    fn lenient_rules() {
        let upper = format!("sha256:{}", HEX64.to_uppercase());
        assert_eq!(
            Digest::parse_lenient(&upper).map(|d| d.encoded().to_owned()),
            Ok(HEX64.to_uppercase())
        );
        assert!(Digest::is_valid_lenient(&upper));
        assert_eq!(
            Digest::parse_lenient("md5:d41d8cd98f00b204e9800998ecf8427e").map_err(|e| e.kind()),
            Err("digest.unsupported")
        );
        assert_eq!(
            Digest::parse_lenient("sha256:xyz").map_err(|e| e.kind()),
            Err("digest.invalid_format")
        );
    }
}
