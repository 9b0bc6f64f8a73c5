//! `oc process` parameter inputs: the `--param-file` reader (oc's copy of godotenv), the
//! environment-variable name rule `-p` keys must satisfy, the `-l` label parser and the
//! comma-separation warning.

use std::collections::BTreeMap;

use crate::error::TemplateError;

/// Longest param-file text accepted (upstream reads any size; this bounds memory and time).
const MAX_PARAM_FILE_BYTES: usize = 16 << 20;

/// Parses a `--param-file` the way `oc process` does (spec §11; oc's copy of godotenv).
///
/// Lines end at LF (a CR before it is dropped); blank lines and lines starting with `#`
/// (after spaces and tabs) are skipped; `#` starts a comment unless godotenv's quote
/// heuristic keeps it; `export` prefixes are dropped; `KEY=VALUE` or `KEY: VALUE`; the key
/// loses surrounding spaces, the value surrounding spaces and one pair of matching quotes
/// (inside which `\n` / `\r` become line breaks and `\X` becomes `X`).
///
/// Returns the pairs in line order (a later line wins for a repeated key). Keys are not
/// validated here ([`validate_env_var_name`] is applied by `oc process` afterwards).
///
/// ```
/// use openshift_image::template::oc_process::parse_param_file;
///
/// let pairs = parse_param_file("# db\nexport USER=admin\nPASS=\"a # b\" # note\nHOST: db:5432\n")?;
/// assert_eq!(pairs, [
///     ("USER".to_owned(), "admin".to_owned()),
///     ("PASS".to_owned(), "a # b".to_owned()),
///     ("HOST".to_owned(), "db:5432".to_owned()),
/// ]);
/// # Ok::<(), openshift_image::TemplateError>(())
/// ```
///
/// # Errors
/// [`TemplateError::ParamFileLine`] (`Can't separate key from value`) for a line with neither
/// `=` nor `:`; [`TemplateError::Limit`] for a text over 16 MiB.
pub fn parse_param_file(text: &str) -> Result<Vec<(String, String)>, TemplateError> {
    if text.len() > MAX_PARAM_FILE_BYTES {
        return Err(TemplateError::Limit {
            message: format!("parameter file larger than {MAX_PARAM_FILE_BYTES} bytes"),
        });
    }
    let mut pairs = Vec::new();
    for line in scan_lines(text) {
        if is_ignored_line(line) {
            continue;
        }
        pairs.push(parse_line(line)?);
    }
    Ok(pairs)
}

/// `bufio.ScanLines`: split at LF, drop one CR before it; a last line without LF counts when
/// non-empty.
fn scan_lines(text: &str) -> impl Iterator<Item = &str> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let empty = text.is_empty();
    body.split('\n')
        .filter(move |_| !empty)
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
}

fn is_ignored_line(line: &str) -> bool {
    let trimmed = line.trim_matches([' ', '\n', '\t']);
    trimmed.is_empty() || trimmed.starts_with('#')
}

fn parse_line(line: &str) -> Result<(String, String), TemplateError> {
    let mut line = line.to_owned();
    // Comments: keep the segments between `#`s that godotenv's quote heuristic deems quoted.
    if line.contains('#') {
        let mut open = false;
        let mut kept: Vec<&str> = Vec::new();
        for segment in line.split('#') {
            let lone_quote =
                segment.matches('"').count() == 1 || segment.matches('\'').count() == 1;
            if lone_quote {
                if open {
                    open = false;
                    kept.push(segment);
                } else {
                    open = true;
                }
            }
            if kept.is_empty() || open {
                kept.push(segment);
            }
        }
        line = kept.join("#");
    }
    let first_equals = line.find('=');
    let first_colon = line.find(':');
    let separator = match (first_colon, first_equals) {
        (Some(c), Some(e)) if c < e => ':',
        (Some(_), None) => ':',
        _ => '=',
    };
    let Some((key, value)) = line.split_once(separator) else {
        return Err(TemplateError::ParamFileLine { line });
    };
    let key = key.strip_prefix("export").unwrap_or(key);
    Ok((key.trim_matches(' ').to_owned(), parse_value(value)))
}

fn parse_value(value: &str) -> String {
    let value = value.trim_matches(' ');
    let bytes = value.as_bytes();
    if let (Some(&first), Some(&last)) = (bytes.first(), bytes.last())
        && value.len() > 1
        && first == last
        && (first == b'"' || first == b'\'')
    {
        let inner = value.get(1..value.len() - 1).unwrap_or_default();
        return unescape(inner);
    }
    value.to_owned()
}

/// godotenv's `\\.` replacement: `\n` → LF, `\r` → CR, `\X` → `X` (the regexp's `.` does not
/// match a line break, so a backslash before one stays).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('\n') | None => out.push('\\'),
            Some(next) => {
                chars.next();
                out.push(match next {
                    'n' => '\n',
                    'r' => '\r',
                    other => other,
                });
            }
        }
    }
    out
}

/// The message of apimachinery's `IsEnvVarName` regex failure.
const ENV_VAR_NAME_MESSAGE: &str = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/// apimachinery's `validation.IsEnvVarName`: the messages for `name` (empty when valid). The
/// name must match `[-._a-zA-Z][-._a-zA-Z0-9]*` and must not be `.`, `..` or start with `..`.
///
/// ```
/// use openshift_image::template::oc_process::validate_env_var_name;
///
/// assert!(validate_env_var_name("MY-P.x_1").is_empty());
/// assert_eq!(validate_env_var_name("..A"), ["must not start with '..'"]);
/// assert!(validate_env_var_name("1A")[0].starts_with("a valid environment variable name"));
/// ```
#[must_use]
pub fn validate_env_var_name(name: &str) -> Vec<String> {
    let mut errors = Vec::new();
    let head_ok = |b: u8| b.is_ascii_alphabetic() || matches!(b, b'-' | b'.' | b'_');
    let bytes = name.as_bytes();
    let matches = bytes.first().is_some_and(|&b| head_ok(b))
        && bytes.iter().all(|&b| head_ok(b) || b.is_ascii_digit());
    if !matches {
        errors.push(ENV_VAR_NAME_MESSAGE.to_owned());
    }
    if name == "." {
        errors.push("must not be '.'".to_owned());
    } else if name == ".." {
        errors.push("must not be '..'".to_owned());
    } else if name.starts_with("..") {
        errors.push("must not start with '..'".to_owned());
    }
    errors
}

/// kubectl's `generate.ParseLabels` (what `oc process -l` uses): items split on `,`, each
/// `key=value` with exactly one `=` and a non-empty key; no trimming, no syntax validation, a
/// later item wins.
///
/// ```
/// use openshift_image::template::oc_process::parse_labels;
///
/// let labels = parse_labels("app=web,tier=")?;
/// assert_eq!(labels["app"], "web");
/// assert_eq!(labels["tier"], "");
/// assert_eq!(parse_labels("a=b,").unwrap_err().to_string(), "unexpected label spec: ");
/// # Ok::<(), openshift_image::TemplateError>(())
/// ```
///
/// # Errors
/// [`TemplateError::LabelSpec`] for an item without exactly one `=` (an empty spec gives
/// `no label spec passed`), [`TemplateError::LabelEmptyKey`] for an empty key.
pub fn parse_labels(spec: &str) -> Result<BTreeMap<String, String>, TemplateError> {
    if spec.is_empty() {
        return Err(TemplateError::LabelSpec {
            spec: String::new(),
            message: "no label spec passed".to_owned(),
        });
    }
    let mut labels = BTreeMap::new();
    for item in spec.split(',') {
        let mut parts = item.split('=');
        let (Some(key), Some(value), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(TemplateError::LabelSpec {
                spec: item.to_owned(),
                message: format!("unexpected label spec: {item}"),
            });
        };
        if key.is_empty() {
            return Err(TemplateError::LabelEmptyKey {
                spec: item.to_owned(),
            });
        }
        labels.insert(key.to_owned(), value.to_owned());
    }
    Ok(labels)
}

/// oc's `commaSepVarsPattern` (`.*=.*,.*=.*`, unanchored, `.` not matching a line break):
/// some line of `value` has an `=`, then a `,`, then another `=`.
pub(super) fn looks_comma_separated(value: &str) -> bool {
    value.split('\n').any(|line| {
        line.find('=')
            .and_then(|e| line.get(e + 1..))
            .and_then(|rest| rest.find(',').and_then(|c| rest.get(c + 1..)))
            .is_some_and(|rest| rest.contains('='))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        parse_param_file(text).unwrap_or_default()
    }

    fn p(k: &str, v: &str) -> (String, String) {
        (k.to_owned(), v.to_owned())
    }

    #[test]
    fn param_files() {
        let cases: &[(&str, Vec<(String, String)>)] = &[
            ("A=1\nB=2\n", vec![p("A", "1"), p("B", "2")]),
            ("A=1\r\nB=2", vec![p("A", "1"), p("B", "2")]),
            ("# c\n\n  \n\t\n  # x\nA=1", vec![p("A", "1")]),
            ("A=1 # c\nB=2#x", vec![p("A", "1"), p("B", "2")]),
            ("A=\"x # y\"\nB='p#q'", vec![p("A", "x # y"), p("B", "p#q")]),
            ("A=\"x\" # c", vec![p("A", "x")]),
            (
                "export A=1\nexportB=2\nexport_C=3",
                vec![p("A", "1"), p("B", "2"), p("_C", "3")],
            ),
            (
                "A: 1\nB:2\nC: x=y\nD=x:y",
                vec![p("A", "1"), p("B", "2"), p("C", "x=y"), p("D", "x:y")],
            ),
            (
                "  A  =   spaced   \nB=\t tab\t",
                vec![p("A", "spaced"), p("B", "\t tab\t")],
            ),
            (
                "A=\"l1\\nl2\\rx\\ty\\\\z\\\"q\"",
                vec![p("A", "l1\nl2\rxty\\z\"q")],
            ),
            ("A='l1\\nl2\\q'", vec![p("A", "l1\nl2q")]),
            ("A=l1\\nl2", vec![p("A", "l1\\nl2")]),
            ("A=\"abc'\nB='x", vec![p("A", "\"abc'"), p("B", "'x")]),
            (
                "A=\nB=\"\"\nC=\"",
                vec![p("A", ""), p("B", ""), p("C", "\"")],
            ),
            ("A=a\"b\"c", vec![p("A", "a\"b\"c")]),
            ("", vec![]),
            ("\n", vec![]),
        ];
        for (text, want) in cases {
            assert_eq!(&pairs(text), want, "{text:?}");
        }
        for bad in ["A=\"line1\nline2\"", "JUSTAKEY", "\r\r"] {
            assert_eq!(
                parse_param_file(bad).map_err(|e| e.to_string()),
                Err("Can't separate key from value".to_owned()),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn env_var_names() {
        for ok in ["A", "_u", "MY-P", "my.p", ".a", "-", "a1"] {
            assert!(validate_env_var_name(ok).is_empty(), "{ok}");
        }
        assert_eq!(validate_env_var_name("."), ["must not be '.'"]);
        assert_eq!(validate_env_var_name(".."), ["must not be '..'"]);
        assert_eq!(validate_env_var_name("..A"), ["must not start with '..'"]);
        for bad in ["", "1A", "A B", "é"] {
            assert_eq!(validate_env_var_name(bad), [ENV_VAR_NAME_MESSAGE], "{bad}");
        }
        assert_eq!(validate_env_var_name("..A B").len(), 2);
    }

    #[test]
    fn labels() {
        let ok = |s: &str| parse_labels(s).map(|m| m.into_iter().collect::<Vec<_>>());
        assert_eq!(ok("a=1,a=2").ok(), Some(vec![p("a", "2")]));
        assert_eq!(ok("a = b").ok(), Some(vec![p("a ", " b")]));
        for (bad, msg) in [
            ("app", "unexpected label spec: app"),
            ("a=b=c", "unexpected label spec: a=b=c"),
            ("a=b,", "unexpected label spec: "),
            ("=b", "unexpected empty label key"),
            ("=====", "unexpected label spec: ====="),
        ] {
            assert_eq!(
                parse_labels(bad).map_err(|e| e.to_string()),
                Err(msg.to_owned())
            );
        }
    }

    #[test]
    fn comma_pattern() {
        for (v, want) in [
            ("A=1,B=2", true),
            ("A=1,2,3", false),
            ("A=x=y,z=w", true),
            ("a,b=c", false),
            ("required_param=first\nsecond\nalso,with=commas", false),
            ("x\nA=1,B=2", true),
        ] {
            assert_eq!(looks_comma_separated(v), want, "{v}");
        }
    }
}
