//! Kubernetes resource quantities (`100Mi`, `1.5G`, `2e3`), parsed as apimachinery's
//! `ParseQuantity` and compared exactly with an integer, as `Quantity.Cmp` does.
//!
//! A parsed quantity is `sign × min(⌈|x|⌉ to the nano unit, 2^63 − 1)`: apimachinery rounds
//! non-zero values up to a multiple of 10^-9 and caps their magnitude at `MaxInt64`.
//! Comparisons run on exact integers (a small big-number type), so huge or tiny inputs
//! neither overflow nor lose precision.

use std::cmp::Ordering;

use crate::error::{ImageStreamError, ImageStreamResult};

/// apimachinery's `ErrFormatWrong` text.
const FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/// apimachinery's `ErrSuffix` text.
const SUFFIX_WRONG: &str = "unable to parse quantity's suffix";
/// The largest magnitude, in nano units: `(2^63 − 1) × 10^9`.
const CAP: u128 = (i64::MAX as u128) * 1_000_000_000;

/// A non-negative integer of any size: little-endian base-2^32 limbs, no trailing zero limb.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from_u128(mut v: u128) -> Self {
        let mut limbs = Vec::new();
        while v > 0 {
            limbs.push((v & 0xffff_ffff) as u32);
            v >>= 32;
        }
        Self(limbs)
    }

    /// `self = self × factor + add`.
    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(factor) + carry;
            *limb = (v & 0xffff_ffff) as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push((carry & 0xffff_ffff) as u32);
        }
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn mul_pow10(&mut self, exponent: u64) {
        for _ in 0..exponent / 9 {
            self.mul_add(1_000_000_000, 0);
        }
        let rest = u32::try_from(exponent % 9).unwrap_or_default();
        self.mul_add(10u32.pow(rest), 0);
    }

    fn mul_pow2(&mut self, exponent: u32) {
        for _ in 0..exponent / 31 {
            self.mul_add(1 << 31, 0);
        }
        self.mul_add(1 << (exponent % 31), 0);
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A parsed quantity: `|x| = digits × 10^exp10 × 2^exp2`, exactly as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quantity {
    negative: bool,
    /// Significant decimal digits (ASCII), without leading zeros; empty for zero.
    digits: Vec<u8>,
    exp10: i64,
    exp2: u32,
}

/// The pieces of `parseQuantityString`: sign, integer digits, fraction digits, suffix.
struct Pieces<'a> {
    positive: bool,
    num: &'a str,
    denom: &'a str,
    suffix: &'a str,
}

fn digits_len(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_digit).count()
}

/// apimachinery's `parseQuantityString`.
fn split(s: &str) -> Result<Pieces<'_>, &'static str> {
    let mut pieces = Pieces {
        positive: true,
        num: "0",
        denom: "",
        suffix: "",
    };
    let mut rest = s;
    if let Some(r) = rest.strip_prefix('-') {
        pieces.positive = false;
        rest = r;
    } else if let Some(r) = rest.strip_prefix('+') {
        rest = r;
    }
    rest = rest.trim_start_matches('0');
    if rest.is_empty() {
        return Ok(pieces);
    }
    let n = digits_len(rest);
    if n > 0 {
        pieces.num = rest.get(..n).unwrap_or_default();
    }
    rest = rest.get(n..).unwrap_or_default();
    if let Some(r) = rest.strip_prefix('.') {
        let d = digits_len(r);
        pieces.denom = r.get(..d).unwrap_or_default();
        rest = r.get(d..).unwrap_or_default();
    }
    let letters = rest
        .bytes()
        .take_while(|b| b"eEinumkKMGTP".contains(b))
        .count();
    let mut tail = rest.get(letters..).unwrap_or_default();
    tail = tail
        .strip_prefix('-')
        .or_else(|| tail.strip_prefix('+'))
        .unwrap_or(tail);
    if digits_len(tail) != tail.len() {
        return Err(FORMAT_WRONG);
    }
    pieces.suffix = rest;
    Ok(pieces)
}

/// apimachinery's suffix table: `(base 10 exponent, base 2 exponent)`.
fn interpret(suffix: &str) -> Option<(i64, u32)> {
    let decimal = match suffix {
        "n" => -9,
        "u" => -6,
        "m" => -3,
        "" => 0,
        "k" => 3,
        "M" => 6,
        "G" => 9,
        "T" => 12,
        "P" => 15,
        "E" => 18,
        "Ki" => return Some((0, 10)),
        "Mi" => return Some((0, 20)),
        "Gi" => return Some((0, 30)),
        "Ti" => return Some((0, 40)),
        "Pi" => return Some((0, 50)),
        "Ei" => return Some((0, 60)),
        _ => {
            let exponent = suffix.strip_prefix(['e', 'E']).filter(|e| !e.is_empty())?;
            let parsed: i64 = exponent.parse().ok()?;
            // Upstream keeps the exponent in an int32, wrapping.
            #[allow(clippy::cast_possible_truncation)]
            return Some((i64::from(parsed as i32), 0));
        }
    };
    Some((decimal, 0))
}

impl Quantity {
    /// Parses a quantity as `resource.ParseQuantity`.
    ///
    /// # Errors
    /// [`ImageStreamError::InvalidQuantity`] with apimachinery's text.
    pub(crate) fn parse(s: &str) -> ImageStreamResult<Self> {
        let fail = |message: &str| ImageStreamError::InvalidQuantity {
            value: s.to_owned(),
            message: message.to_owned(),
        };
        if s.is_empty() {
            return Err(fail(FORMAT_WRONG));
        }
        let pieces = split(s).map_err(fail)?;
        let (exp10, exp2) = interpret(pieces.suffix).ok_or_else(|| fail(SUFFIX_WRONG))?;
        let digits: Vec<u8> = pieces
            .num
            .bytes()
            .chain(pieces.denom.bytes())
            .skip_while(|&b| b == b'0')
            .collect();
        let denom_len = i64::try_from(pieces.denom.len()).unwrap_or(i64::MAX);
        Ok(Self {
            negative: !pieces.positive,
            digits,
            exp10: exp10.saturating_sub(denom_len),
            exp2,
        })
    }

    /// A zero quantity (a JSON `null` quantity decodes to zero).
    pub(crate) fn zero() -> Self {
        Self {
            negative: false,
            digits: Vec::new(),
            exp10: 0,
            exp2: 0,
        }
    }

    /// The magnitude in nano units, rounded up and capped as apimachinery stores it, compared
    /// with `m`.
    fn magnitude_cmp(&self, m: u128) -> Ordering {
        if self.digits.is_empty() {
            return 0.cmp(&m);
        }
        let nd = i64::try_from(self.digits.len()).unwrap_or(i64::MAX);
        // In nano units: |x| × 10^9 = digits × 2^exp2 × 10^k.
        let k = self.exp10.saturating_add(9);
        let order = nd.saturating_add(k);
        if order > 40 {
            // At least 10^40 > CAP.
            return CAP.cmp(&m);
        }
        if order.saturating_add(19) <= 0 {
            // Below 10^-19 × 2^60 < 1: rounds up to one nano unit.
            return 1.cmp(&m);
        }
        // Here |k| ≤ digits + 59: the numbers stay as small as the input.
        let mut n = Big(Vec::new());
        for &d in &self.digits {
            n.mul_add(10, u32::from(d - b'0'));
        }
        n.mul_pow2(self.exp2);
        n.mul_pow10(u64::try_from(k).unwrap_or_default());
        let p_exp = u64::try_from(-k).unwrap_or_default();
        let scaled = |v: u128| {
            let mut b = Big::from_u128(v);
            b.mul_pow10(p_exp);
            b
        };
        // Q = ⌈n / 10^p_exp⌉ ≥ 1; Q ≥ CAP ⟺ n > (CAP − 1) × P.
        if n > scaled(CAP - 1) {
            return CAP.cmp(&m);
        }
        if m == 0 {
            return Ordering::Greater;
        }
        if n <= scaled(m - 1) {
            Ordering::Less
        } else if n > scaled(m) {
            Ordering::Greater
        } else {
            Ordering::Equal
        }
    }

    /// Whether this quantity is less than the integer `value` (`q.Cmp(NewQuantity(value)) <
    /// 0`).
    pub(crate) fn less_than(&self, value: i64) -> bool {
        let nanos = i128::from(value) * 1_000_000_000;
        let magnitude = nanos.unsigned_abs();
        if self.digits.is_empty() {
            return nanos > 0;
        }
        if self.negative {
            nanos >= 0 || self.magnitude_cmp(magnitude) == Ordering::Greater
        } else {
            nanos > 0 && self.magnitude_cmp(magnitude) == Ordering::Less
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors() {
        for (input, message) in [
            ("", FORMAT_WRONG),
            ("abc", FORMAT_WRONG),
            ("1Mi5x", FORMAT_WRONG),
            ("1 Mi", FORMAT_WRONG),
            ("1Mb", FORMAT_WRONG),
            ("1ki", SUFFIX_WRONG),
            ("1e", SUFFIX_WRONG),
            ("1iK", SUFFIX_WRONG),
        ] {
            let err = Quantity::parse(input).unwrap_err();
            assert_eq!(err.to_string(), message, "{input:?}");
        }
    }

    #[test]
    fn less_than_table() {
        for (quantity, value, expected) in [
            ("100Mi", 104_857_600, false),
            ("100Mi", 104_857_601, true),
            ("100M", 100_000_001, true),
            ("1Gi", 1_073_741_823, false),
            ("1.5Ki", 1537, true),
            ("1.5Ki", 1536, false),
            ("1e3", 1001, true),
            ("1E3", 1000, false),
            ("0", 1, true),
            ("0", 0, false),
            ("Mi", 1, true),
            ("-", 1, true),
            ("-1", 0, true),
            ("-1", -1, false),
            ("-1", -2, false),
            ("0.5", 1, true),
            ("0.5", 0, false),
            // Rounds up to 5 at the nano scale, so it is not less than 5.
            ("4.9999999995", 5, false),
            ("4.999999999", 5, true),
            ("1n", 1, true),
            ("1e-30", 1, true),
            ("1e-30", 0, false),
            ("100E", i64::MAX, false),
            ("1e400", i64::MAX, false),
            ("9223372036854775806", i64::MAX, true),
            ("9223372036854775807", i64::MAX, false),
            ("00012.000", 13, true),
            ("+12", 12, false),
        ] {
            let q = Quantity::parse(quantity).unwrap();
            assert_eq!(q.less_than(value), expected, "{quantity} < {value}");
        }
        assert!(Quantity::zero().less_than(1));
    }
}
