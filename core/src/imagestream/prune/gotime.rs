//! Go `time.Time` instants as the API decodes them (`metav1.Time`): nanoseconds since the Unix
//! epoch, with `null` (and an absent member) standing for Go's zero time.

use serde_json::Value;

use crate::error::{ImageStreamError, ImageStreamResult};
use crate::imagestream::parse_rfc3339_seconds;

/// Nanoseconds since the Unix epoch; `i128` so that Go's zero time (year 1) and any
/// difference of two instants fit without overflow.
pub(crate) type Nanos = i128;

/// Nanoseconds in a second.
pub(crate) const NANOS_PER_SECOND: Nanos = 1_000_000_000;

/// Go's zero time, `0001-01-01T00:00:00Z`.
pub(crate) const ZERO_TIME: Nanos = -62_135_596_800 * NANOS_PER_SECOND;

/// Seconds since the Unix epoch as [`Nanos`].
pub(crate) fn from_seconds(seconds: i64) -> Nanos {
    Nanos::from(seconds) * NANOS_PER_SECOND
}

/// Parses an RFC 3339 time as `time.Parse(time.RFC3339, …)` does, keeping the fraction of a
/// second (up to nanoseconds); `None` (JSON `null`) is the zero time.
///
/// # Errors
/// [`ImageStreamError::InvalidTime`] naming `field` when `value` is not RFC 3339.
pub(crate) fn parse_time(field: &str, value: Option<&str>) -> ImageStreamResult<Nanos> {
    let Some(value) = value else {
        return Ok(ZERO_TIME);
    };
    let invalid = || ImageStreamError::InvalidTime {
        field: field.to_owned(),
        value: value.to_owned(),
    };
    let seconds = parse_rfc3339_seconds(value).ok_or_else(invalid)?;
    // RFC 3339 puts the fraction right after the seconds, at byte 19.
    let mut fraction: Nanos = 0;
    if value.as_bytes().get(19) == Some(&b'.') {
        let digits = value.get(20..).unwrap_or_default().bytes();
        let mut scale = NANOS_PER_SECOND;
        for digit in digits.take_while(u8::is_ascii_digit) {
            scale /= 10;
            fraction += Nanos::from(digit - b'0') * scale;
        }
    }
    Ok(from_seconds(seconds) + fraction)
}

/// [`parse_time`] on a JSON member (`metadata.creationTimestamp`): absent or `null` is the
/// zero time; anything but a string is invalid.
pub(crate) fn parse_time_value(field: &str, value: Option<&Value>) -> ImageStreamResult<Nanos> {
    match value {
        None | Some(Value::Null) => Ok(ZERO_TIME),
        Some(Value::String(s)) => parse_time(field, Some(s)),
        Some(other) => Err(ImageStreamError::InvalidTime {
            field: field.to_owned(),
            value: other.to_string(),
        }),
    }
}

/// `now.Sub(t)` in whole seconds as `int(d.Seconds())` gives them: Go saturates the
/// difference at its duration range (±2^63 ns), then truncates toward zero.
pub(crate) fn since_seconds(now: Nanos, t: Nanos) -> i64 {
    let d = (now - t).clamp(Nanos::from(i64::MIN), Nanos::from(i64::MAX));
    i64::try_from(d / NANOS_PER_SECOND).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_table() {
        for (input, expected) in [
            (None, Some(ZERO_TIME)),
            (Some("1970-01-01T00:00:00Z"), Some(0)),
            (Some("1970-01-01T00:00:01.5Z"), Some(1_500_000_000)),
            (Some("1970-01-01T00:00:00.123456789123Z"), Some(123_456_789)),
            (Some("0001-01-01T00:00:00Z"), Some(ZERO_TIME)),
            (Some(""), None),
            (Some("yesterday"), None),
        ] {
            assert_eq!(parse_time("created", input).ok(), expected, "{input:?}");
        }
        let err = parse_time("created", Some("x")).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"created: invalid time "x": expected RFC 3339"#
        );
    }

    #[test]
    fn since_saturates() {
        assert_eq!(since_seconds(0, ZERO_TIME), 9_223_372_036);
        assert_eq!(since_seconds(0, 1_500_000_000), -1);
        assert_eq!(since_seconds(2_999_999_999, 0), 2);
    }
}
