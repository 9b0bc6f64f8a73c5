//! Go's `time.ParseDuration`, exactly: the grammar `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, its
//! overflow rules, its float arithmetic for fractions and its error texts.

use crate::error::{ImageStreamError, ImageStreamResult};

/// 2^63, the magnitude bound Go checks against while accumulating.
const LIMIT: u64 = 1 << 63;

/// The unit table of `time.ParseDuration`, in nanoseconds.
fn unit_nanos(unit: &str) -> Option<u64> {
    Some(match unit {
        "ns" => 1,
        "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        "m" => 60_000_000_000,
        "h" => 3_600_000_000_000,
        _ => return None,
    })
}

/// Go's `time.quote`: `"` and `\` escaped, control and non-ASCII bytes as `\xNN`.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c.is_ascii() && c >= ' ' {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{byte:02x}"));
            }
        }
    }
    out.push('"');
    out
}

/// `leadingInt`: the leading `[0-9]*` and the rest; `None` on overflow.
fn leading_int(s: &str) -> Option<(u64, &str)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let mut x: u64 = 0;
    for b in s.bytes().take(digits) {
        if x > LIMIT / 10 {
            return None;
        }
        x = x * 10 + u64::from(b - b'0');
        if x > LIMIT {
            return None;
        }
    }
    Some((x, s.get(digits..).unwrap_or_default()))
}

/// `leadingFraction`: the leading `[0-9]*` as a numerator and its scale (precision stops
/// accumulating on overflow), and the rest.
fn leading_fraction(s: &str) -> (u64, f64, &str) {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (mut x, mut scale, mut overflow) = (0u64, 1f64, false);
    for b in s.bytes().take(digits) {
        if overflow {
            continue;
        }
        if x > (LIMIT - 1) / 10 {
            overflow = true;
            continue;
        }
        let y = x * 10 + u64::from(b - b'0');
        if y > LIMIT {
            overflow = true;
            continue;
        }
        x = y;
        scale *= 10.0;
    }
    (x, scale, s.get(digits..).unwrap_or_default())
}

/// Parses a Go duration string (`"60m"`, `"1h30m"`, `"-1.5s"`, `"0"`) into nanoseconds, as
/// Go's `time.ParseDuration`.
///
/// # Errors
/// [`ImageStreamError::InvalidDuration`] with Go's text: `time: invalid duration "<s>"`,
/// `time: missing unit in duration "<s>"` or `time: unknown unit "<u>" in duration "<s>"`.
///
/// ```
/// use openshift_image::imagestream::prune::parse_go_duration;
///
/// assert_eq!(parse_go_duration("1h30m")?, 5_400_000_000_000);
/// assert_eq!(parse_go_duration("-1.5s")?, -1_500_000_000);
/// assert_eq!(
///     parse_go_duration("60").unwrap_err().to_string(),
///     r#"time: missing unit in duration "60""#
/// );
/// # Ok::<(), openshift_image::ImageStreamError>(())
/// ```
pub fn parse_go_duration(value: &str) -> ImageStreamResult<i64> {
    let fail = |message: String| ImageStreamError::InvalidDuration {
        flag: None,
        value: value.to_owned(),
        message,
    };
    let invalid = || fail(format!("time: invalid duration {}", quote(value)));
    let mut s = value;
    let mut negative = false;
    if let Some(rest) = s.strip_prefix('-') {
        negative = true;
        s = rest;
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut total: u64 = 0;
    while !s.is_empty() {
        if !s.starts_with(|c: char| c == '.' || c.is_ascii_digit()) {
            return Err(invalid());
        }
        let before = s.len();
        let (mut v, rest) = leading_int(s).ok_or_else(invalid)?;
        s = rest;
        let pre = before != s.len();
        let (mut fraction, mut scale, mut post) = (0u64, 1f64, false);
        if let Some(rest) = s.strip_prefix('.') {
            let before = rest.len();
            (fraction, scale, s) = leading_fraction(rest);
            post = before != s.len();
        }
        if !pre && !post {
            return Err(invalid());
        }
        let unit_len = s
            .bytes()
            .take_while(|&c| c != b'.' && !c.is_ascii_digit())
            .count();
        if unit_len == 0 {
            return Err(fail(format!(
                "time: missing unit in duration {}",
                quote(value)
            )));
        }
        // The unit ends at an ASCII byte, so this split is on a char boundary.
        let (unit, rest) = s.split_at(unit_len);
        s = rest;
        let Some(unit_ns) = unit_nanos(unit) else {
            return Err(fail(format!(
                "time: unknown unit {} in duration {}",
                quote(unit),
                quote(value)
            )));
        };
        if v > LIMIT / unit_ns {
            return Err(invalid());
        }
        v *= unit_ns;
        if fraction > 0 {
            // Go's float arithmetic, truncated as its uint64 conversion does.
            #[allow(
                clippy::cast_precision_loss,
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss
            )]
            let part = (fraction as f64 * (unit_ns as f64 / scale)) as u64;
            v = v.saturating_add(part);
            if v > LIMIT {
                return Err(invalid());
            }
        }
        total = total.saturating_add(v);
        if total > LIMIT {
            return Err(invalid());
        }
    }
    if negative {
        // -2^63 is representable; Go's wrapping negation gives it too.
        return Ok(0i64.wrapping_sub_unsigned(total));
    }
    i64::try_from(total).map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_parse_duration_table() {
        for (input, expected) in [
            ("0", Ok(0)),
            ("-0", Ok(0)),
            ("+0", Ok(0)),
            ("5s", Ok(5_000_000_000)),
            ("60m", Ok(3_600_000_000_000)),
            ("1h30m", Ok(5_400_000_000_000)),
            ("1.5h", Ok(5_400_000_000_000)),
            ("-1.5s", Ok(-1_500_000_000)),
            (".5s", Ok(500_000_000)),
            ("5.s", Ok(5_000_000_000)),
            ("1\u{b5}s", Ok(1_000)),
            ("1\u{3bc}s", Ok(1_000)),
            ("100ns", Ok(100)),
            ("0.3333333333333333333h", Ok(1_200_000_000_000)),
            ("9223372036854775807ns", Ok(i64::MAX)),
            ("-9223372036854775808ns", Ok(i64::MIN)),
            (
                "9223372036854775808ns",
                Err(r#"time: invalid duration "9223372036854775808ns""#),
            ),
            ("2562048h", Err(r#"time: invalid duration "2562048h""#)),
            ("", Err(r#"time: invalid duration """#)),
            ("-", Err(r#"time: invalid duration "-""#)),
            ("s", Err(r#"time: invalid duration "s""#)),
            (".s", Err(r#"time: invalid duration ".s""#)),
            ("3", Err(r#"time: missing unit in duration "3""#)),
            ("1.5.5s", Err(r#"time: missing unit in duration "1.5.5s""#)),
            ("3d", Err(r#"time: unknown unit "d" in duration "3d""#)),
            (
                "1hé",
                Err(r#"time: unknown unit "h\xc3\xa9" in duration "1h\xc3\xa9""#),
            ),
            (
                "1x\"",
                Err(r#"time: unknown unit "x\"" in duration "1x\"""#),
            ),
        ] {
            let got = parse_go_duration(input).map_err(|e| e.to_string());
            assert_eq!(got, expected.map_err(str::to_owned), "{input:?}");
        }
    }
}
