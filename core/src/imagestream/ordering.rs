//! Tag ordering for display (spec §4.7): `prioritize_tags` and `sort_status_tags`.

use std::cmp::Ordering;

use crate::imagestream::model::{ImageStream, NamedTagEventList};

/// A strict SemVer 2.0 version (blang/semver `Parse`): numbers without leading zeros and
/// within `u64`, dot-separated pre-release identifiers, build metadata ignored in comparisons.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SemVer<'a> {
    major: u64,
    minor: u64,
    patch: u64,
    pre: Vec<&'a str>,
}

fn parse_number(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || (s.len() > 1 && s.starts_with('0'))
    {
        return None;
    }
    s.parse().ok()
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

impl<'a> SemVer<'a> {
    fn parse(s: &'a str) -> Option<Self> {
        let (rest, build) = match s.split_once('+') {
            Some((rest, build)) => (rest, Some(build)),
            None => (s, None),
        };
        if build.is_some_and(|b| !b.split('.').all(is_identifier)) {
            return None;
        }
        let (core, pre) = match rest.split_once('-') {
            Some((core, pre)) => (core, Some(pre)),
            None => (rest, None),
        };
        let mut numbers = core.split('.');
        let (Some(major), Some(minor), Some(patch), None) = (
            numbers.next(),
            numbers.next(),
            numbers.next(),
            numbers.next(),
        ) else {
            return None;
        };
        let pre: Vec<&str> = match pre {
            None => Vec::new(),
            Some(pre) => pre.split('.').collect(),
        };
        let pre_ok = pre.iter().all(|id| {
            is_identifier(id)
                && (!id.bytes().all(|b| b.is_ascii_digit()) || parse_number(id).is_some())
        });
        if !pre_ok {
            return None;
        }
        Some(Self {
            major: parse_number(major)?,
            minor: parse_number(minor)?,
            patch: parse_number(patch)?,
            pre,
        })
    }
}

fn compare_identifiers(a: &str, b: &str) -> Ordering {
    let numeric = |s: &str| {
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse::<u64>().ok())
            .flatten()
    };
    match (numeric(a), numeric(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

impl Ord for SemVer<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => {
                    for (a, b) in self.pre.iter().zip(&other.pre) {
                        let order = compare_identifiers(a, b);
                        if order != Ordering::Equal {
                            return order;
                        }
                    }
                    self.pre.len().cmp(&other.pre.len())
                }
            })
    }
}

impl PartialOrd for SemVer<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `^\d+\.\d+$` (ASCII digits).
fn is_minor(s: &str) -> bool {
    s.split_once('.').is_some_and(|(a, b)| {
        let digits = |x: &str| !x.is_empty() && x.bytes().all(|c| c.is_ascii_digit());
        digits(a) && digits(b)
    })
}

/// `^(\d+\.\d+)-\w+$`: the minor part and the word.
fn minor_with_word(s: &str) -> Option<(&str, &str)> {
    let (minor, word) = s.split_once('-')?;
    let is_word = !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    (is_minor(minor) && is_word).then_some((minor, word))
}

/// Orders tags for display (spec §4.7, `PrioritizeTags`): `latest` first (every copy), then minor versions
/// (`X.Y`, `X.Y-word`, an optional leading `v`) newest first, then full SemVer versions newest
/// first, then the rest in byte order. Equal versions put the unprefixed tag first.
///
/// ```
/// use openshift_image::prioritize_tags;
///
/// let tags = ["other", "5.1.3", "v5.2", "latest", "5.1", "v10"];
/// assert_eq!(prioritize_tags(&tags), ["latest", "v5.2", "5.1", "5.1.3", "other", "v10"]);
/// ```
#[must_use]
pub fn prioritize_tags<S: AsRef<str>>(tags: &[S]) -> Vec<String> {
    let mut first = Vec::new();
    let mut minor: Vec<(String, bool, &str)> = Vec::new();
    let mut full: Vec<(SemVer<'_>, bool, &str)> = Vec::new();
    let mut other: Vec<&str> = Vec::new();
    let mut converted: Vec<(String, bool, &str)> = Vec::new();
    for tag in tags.iter().map(AsRef::as_ref) {
        if tag == super::DEFAULT_IMAGE_TAG {
            first.push(tag.to_owned());
            continue;
        }
        let prefixed = tag.starts_with('v');
        let short = tag.strip_prefix('v').unwrap_or(tag);
        if SemVer::parse(short).is_some() {
            converted.push((short.to_owned(), prefixed, tag));
            continue;
        }
        let as_full = if is_minor(short) {
            Some(format!("{short}.0"))
        } else {
            minor_with_word(short).map(|(m, w)| format!("{m}.0-{w}"))
        };
        match as_full {
            Some(version) if SemVer::parse(&version).is_some() => {
                minor.push((version, prefixed, tag))
            }
            _ => other.push(tag),
        }
    }
    for (short, prefixed, tag) in &converted {
        if let Some(version) = SemVer::parse(short) {
            full.push((version, *prefixed, tag));
        }
    }
    let mut minor: Vec<(SemVer<'_>, bool, &str)> = minor
        .iter()
        .filter_map(|(v, p, t)| SemVer::parse(v).map(|v| (v, *p, *t)))
        .collect();
    let by_version = |a: &(SemVer<'_>, bool, &str), b: &(SemVer<'_>, bool, &str)| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1))
    };
    minor.sort_by(by_version);
    full.sort_by(by_version);
    other.sort_unstable();
    first
        .into_iter()
        .chain(minor.into_iter().map(|(_, _, t)| t.to_owned()))
        .chain(full.into_iter().map(|(_, _, t)| t.to_owned()))
        .chain(other.into_iter().map(str::to_owned))
        .collect()
}

/// Seconds since the Unix epoch of an RFC 3339 time (fractions dropped); `None` when it does
/// not parse.
pub(crate) fn rfc3339_seconds(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if b.len() < 20
        || b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return None;
    }
    if !matches!(b.get(10), Some(b'T' | b't')) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    let mut rest = s.get(19..)?;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = fraction.get(digits..)?;
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            if rest.len() != 6 || rest.get(3..4) != Some(":") {
                return None;
            }
            let h: i64 = rest.get(1..3)?.parse().ok()?;
            let m: i64 = rest.get(4..6)?.parse().ok()?;
            sign * (h * 3600 + m * 60)
        }
    };
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// Formats seconds since the Unix epoch as RFC 3339 in UTC with second precision
/// (`2024-03-01T12:34:56Z`), the form Kubernetes serialises times in.
///
/// ```
/// use openshift_image::imagestream::{format_rfc3339_seconds, parse_rfc3339_seconds};
///
/// assert_eq!(format_rfc3339_seconds(1_709_296_496), "2024-03-01T12:34:56Z");
/// assert_eq!(parse_rfc3339_seconds(&format_rfc3339_seconds(0)), Some(0));
/// ```
#[must_use]
pub fn format_rfc3339_seconds(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let second_of_day = seconds.rem_euclid(86_400);
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second_of_day / 3600,
        second_of_day % 3600 / 60,
        second_of_day % 60
    )
}

/// The creation second of a status tag's current event; `None` (the zero time) without one.
fn current_created(list: &NamedTagEventList) -> Option<i64> {
    list.current()
        .and_then(|e| e.created.as_deref())
        .and_then(rfc3339_seconds)
}

impl ImageStream {
    /// The status tag names, most recently updated first (spec §4.7, `oc get is`'s order):
    /// by items\[0\].created (second precision) newest first, ties by name; tags without
    /// history last.
    #[must_use]
    pub fn sort_status_tags(&self) -> Vec<String> {
        let mut tags: Vec<(Option<i64>, &str)> = self
            .status
            .tags
            .iter()
            .map(|t| (current_created(t), t.tag.as_str()))
            .collect();
        tags.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        tags.into_iter().map(|(_, t)| t.to_owned()).collect()
    }
}

/// A duration as Docker's `units.HumanDuration` prints it (spec §8): `Less than a second`,
/// `1 second`, `N seconds`, `About a minute`, `N minutes`, `About an hour`, `N hours`,
/// `N days`, `N weeks`, `N months`, `N years`; hours are rounded half up, years are not.
///
/// ```
/// use openshift_image::imagestream::human_duration;
///
/// assert_eq!(human_duration(0), "Less than a second");
/// assert_eq!(human_duration(90), "About a minute");
/// assert_eq!(human_duration(19 * 86_400), "2 weeks");
/// ```
#[must_use]
pub fn human_duration(seconds: i64) -> String {
    if seconds < 1 {
        return "Less than a second".to_owned();
    }
    if seconds == 1 {
        return "1 second".to_owned();
    }
    if seconds < 60 {
        return format!("{seconds} seconds");
    }
    let minutes = seconds / 60;
    if minutes == 1 {
        return "About a minute".to_owned();
    }
    if minutes < 60 {
        return format!("{minutes} minutes");
    }
    let hours = seconds.saturating_add(1800) / 3600;
    match hours {
        1 => "About an hour".to_owned(),
        h if h < 48 => format!("{h} hours"),
        h if h < 24 * 7 * 2 => format!("{} days", h / 24),
        h if h < 24 * 30 * 2 => format!("{} weeks", h / 24 / 7),
        h if h < 24 * 365 * 2 => format!("{} months", h / 24 / 30),
        _ => format!("{} years", seconds / 3600 / 24 / 365),
    }
}

/// Seconds since the Unix epoch of an RFC 3339 time, fractions dropped (the precision of the
/// API's timestamps); `None` when `value` is not RFC 3339.
///
/// ```
/// use openshift_image::imagestream::parse_rfc3339_seconds;
///
/// assert_eq!(parse_rfc3339_seconds("1970-01-02T00:00:00Z"), Some(86_400));
/// assert_eq!(parse_rfc3339_seconds("yesterday"), None);
/// ```
#[must_use]
pub fn parse_rfc3339_seconds(value: &str) -> Option<i64> {
    rfc3339_seconds(value)
}

/// One row of `oc get is` (spec §4.7, `printImageStream`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImageStreamRow {
    /// NAME.
    pub name: String,
    /// IMAGE REPOSITORY: the public, else the spec, else the status repository.
    pub image_repository: String,
    /// TAGS: [`ImageStream::print_tags_up_to_width`] with width 40.
    pub tags: String,
    /// UPDATED: `<relative time> ago` of the newest current event, `""` when there is none.
    pub updated: String,
}

impl ImageStream {
    /// The status tags in [`ImageStream::sort_status_tags`] order, joined with `,` while they
    /// fit in `width` (each tag costs its length plus one), then ` + N more...` (spec §4.7,
    /// `printTagsUpToWidth`). The first tag is always shown; a tag overflowing by at most a
    /// quarter of the width is kept when more than a quarter was free before it.
    #[must_use]
    pub fn print_tags_up_to_width(&self, width: usize) -> String {
        let tags = self.sort_status_tags();
        let quarter = width / 4;
        let mut shown = tags.len();
        let mut used = 0usize;
        for (i, tag) in tags.iter().enumerate() {
            let cost = tag.len() + 1;
            let free = width.saturating_sub(used);
            used = used.saturating_add(cost);
            if used <= width {
                continue;
            }
            let overflow = used - width;
            shown = if i == 0 || (free > quarter && overflow <= quarter) {
                i + 1
            } else {
                i
            };
            break;
        }
        let mut out = tags.get(..shown).unwrap_or_default().join(",");
        let hidden = tags.len() - shown;
        if hidden > 0 {
            out.push_str(&format!(" + {hidden} more..."));
        }
        out
    }

    /// The `oc get is` columns with the clock at `now` (Unix seconds; see
    /// [`parse_rfc3339_seconds`]).
    #[must_use]
    pub fn get_row(&self, now: i64) -> ImageStreamRow {
        let status = &self.status;
        let image_repository = [
            &status.public_docker_image_repository,
            &self.spec.docker_image_repository,
            &status.docker_image_repository,
        ]
        .into_iter()
        .find(|r| !r.is_empty())
        .cloned()
        .unwrap_or_default();
        let newest = status.tags.iter().filter_map(current_created).max();
        ImageStreamRow {
            name: self.name().to_owned(),
            image_repository,
            tags: self.print_tags_up_to_width(40),
            updated: newest
                .map(|t| format!("{} ago", human_duration(now.saturating_sub(t))))
                .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_seconds_table() {
        for (input, expected) in [
            ("1970-01-01T00:00:00Z", Some(0)),
            ("2024-03-01T12:34:56Z", Some(1_709_296_496)),
            ("2024-03-01T12:34:56.999Z", Some(1_709_296_496)),
            ("2024-03-01T14:34:56+02:00", Some(1_709_296_496)),
            ("2024-03-01", None),
            ("not a time at all!!", None),
        ] {
            assert_eq!(rfc3339_seconds(input), expected, "{input}");
        }
    }

    #[test]
    fn semver_table() {
        for (input, ok) in [
            ("1.2.3", true),
            ("1.2.3-rc.1+build.01", true),
            ("01.2.3", false),
            ("1.2.3-01", false),
            ("1.2.3-", false),
            ("1.2", false),
            ("1.2.3-a_b", false),
        ] {
            assert_eq!(SemVer::parse(input).is_some(), ok, "{input}");
        }
        let v = |s| SemVer::parse(s);
        assert!(v("1.0.0-alpha") < v("1.0.0-alpha.1"));
        assert!(v("1.0.0-alpha.beta") < v("1.0.0-beta"));
        assert!(v("1.0.0-rc.1") < v("1.0.0"));
        assert!(v("1.0.0-2") < v("1.0.0-11"));
    }
}
