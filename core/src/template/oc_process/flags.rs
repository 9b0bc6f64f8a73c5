//! cobra/pflag argument parsing for `oc process`: the command's flags, the global flags every
//! `oc` command accepts, interspersed positional arguments, and pflag's exact error texts.

use std::collections::BTreeMap;

use crate::error::TemplateError;
use crate::gofmt::GoQuoted;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bool,
    String,
    StringArray,
    Int32,
}

#[derive(Debug, Clone, Copy)]
struct Spec {
    name: &'static str,
    short: Option<u8>,
    kind: Kind,
}

const fn flag(name: &'static str, short: Option<u8>, kind: Kind) -> Spec {
    Spec { name, short, kind }
}

/// The flags `oc process` accepts: its own, the printer's, and the root command's persistent
/// ones (kubeconfig flags, `--match-server-version`, `--warnings-as-errors`, klog's `-v`).
const FLAGS: &[Spec] = &[
    // oc process
    flag("filename", Some(b'f'), Kind::String),
    flag("param", Some(b'p'), Kind::StringArray),
    flag("param-file", None, Kind::StringArray),
    flag("ignore-unknown-parameters", None, Kind::Bool),
    flag("local", None, Kind::Bool),
    flag("parameters", None, Kind::Bool),
    flag("labels", Some(b'l'), Kind::String),
    flag("raw", None, Kind::Bool),
    flag("template", None, Kind::String),
    // genericclioptions.PrintFlags
    flag("output", Some(b'o'), Kind::String),
    flag("allow-missing-template-keys", None, Kind::Bool),
    flag("show-managed-fields", None, Kind::Bool),
    // root command
    flag("help", Some(b'h'), Kind::Bool),
    flag("warnings-as-errors", None, Kind::Bool),
    flag("kubeconfig", None, Kind::String),
    flag("cache-dir", None, Kind::String),
    flag("certificate-authority", None, Kind::String),
    flag("client-certificate", None, Kind::String),
    flag("client-key", None, Kind::String),
    flag("token", None, Kind::String),
    flag("as", None, Kind::String),
    flag("as-group", None, Kind::StringArray),
    flag("as-uid", None, Kind::String),
    flag("username", None, Kind::String),
    flag("password", None, Kind::String),
    flag("cluster", None, Kind::String),
    flag("user", None, Kind::String),
    flag("namespace", Some(b'n'), Kind::String),
    flag("context", None, Kind::String),
    flag("server", Some(b's'), Kind::String),
    flag("tls-server-name", None, Kind::String),
    flag("insecure-skip-tls-verify", None, Kind::Bool),
    flag("request-timeout", None, Kind::String),
    flag("disable-compression", None, Kind::Bool),
    flag("match-server-version", None, Kind::Bool),
    flag("v", Some(b'v'), Kind::Int32),
    flag("vmodule", None, Kind::String),
    flag("loglevel", None, Kind::Int32),
];

/// The value and `Changed` state of one flag after parsing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct FlagValue {
    /// Every value given, in order (a string flag keeps the last, an array flag all).
    pub(super) values: Vec<String>,
    /// The last boolean value (bool flags only).
    pub(super) on: bool,
}

/// The parsed command line: flag values by name and the positional arguments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Parsed {
    set: BTreeMap<&'static str, FlagValue>,
    /// Positional arguments, in order (everything after `--` included).
    pub(super) args: Vec<String>,
}

impl Parsed {
    fn entry(&mut self, name: &'static str) -> &mut FlagValue {
        self.set.entry(name).or_default()
    }

    /// The flag's state when it was given on the command line (pflag's `Changed`).
    pub(super) fn get(&self, name: &str) -> Option<&FlagValue> {
        self.set.get(name)
    }

    /// Whether the flag was given.
    pub(super) fn changed(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The last value of a string flag, if given.
    pub(super) fn string(&self, name: &str) -> Option<&str> {
        self.get(name)
            .and_then(|v| v.values.last())
            .map(String::as_str)
    }

    /// Every value of an array flag.
    pub(super) fn strings(&self, name: &str) -> &[String] {
        self.get(name).map_or(&[], |v| v.values.as_slice())
    }

    /// A bool flag's value, `default` when not given.
    pub(super) fn bool_or(&self, name: &str, default: bool) -> bool {
        self.get(name).map_or(default, |v| v.on)
    }
}

fn flag_error(message: String) -> TemplateError {
    TemplateError::OcFlag { message }
}

/// Go's `strconv.ParseBool`.
fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Go's `strconv.ParseInt(s, 10, 32)` failure reason (klog's `Level.Set`).
fn int32_error(s: &str) -> Option<&'static str> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some("invalid syntax");
    }
    match s.parse::<i64>() {
        Ok(v) if i32::try_from(v).is_ok() => None,
        _ => Some("value out of range"),
    }
}

/// Sets `spec` to `value` as pflag's `FlagSet.Set` does, with its error text.
fn set(parsed: &mut Parsed, spec: &Spec, value: &str) -> Result<(), TemplateError> {
    let display = match spec.short {
        Some(c) => format!("-{}, --{}", char::from(c), spec.name),
        None => format!("--{}", spec.name),
    };
    let invalid = |reason: String| {
        flag_error(format!(
            "invalid argument {} for {} flag: {reason}",
            GoQuoted(value),
            GoQuoted(&display)
        ))
    };
    match spec.kind {
        Kind::Bool => {
            let Some(on) = parse_bool(value) else {
                return Err(invalid(format!(
                    "strconv.ParseBool: parsing {}: invalid syntax",
                    GoQuoted(value)
                )));
            };
            parsed.entry(spec.name).on = on;
        }
        Kind::Int32 => {
            if let Some(reason) = int32_error(value) {
                return Err(invalid(format!(
                    "strconv.ParseInt: parsing {}: {reason}",
                    GoQuoted(value)
                )));
            }
            parsed.entry(spec.name).values.push(value.to_owned());
        }
        Kind::String | Kind::StringArray => {
            parsed.entry(spec.name).values.push(value.to_owned());
        }
    }
    Ok(())
}

/// Parses `args` (the words after `oc process`) as cobra does: flags anywhere, `--` ends
/// them, `-` and the empty string are positional.
///
/// # Errors
/// [`TemplateError::OcFlag`] with pflag's message (`unknown flag: --x`, `unknown shorthand
/// flag: 'x' in -x`, `flag needs an argument: …`, `bad flag syntax: …`, `invalid argument …`).
pub(super) fn parse<S: AsRef<str>>(args: &[S]) -> Result<Parsed, TemplateError> {
    let mut parsed = Parsed::default();
    let mut i = 0;
    while let Some(arg) = args.get(i).map(AsRef::as_ref) {
        i += 1;
        if arg.len() < 2 || !arg.starts_with('-') {
            parsed.args.push(arg.to_owned());
            continue;
        }
        if let Some(long) = arg.strip_prefix("--") {
            if long.is_empty() {
                parsed
                    .args
                    .extend(args.iter().skip(i).map(|a| a.as_ref().to_owned()));
                break;
            }
            if long.starts_with(['-', '=']) {
                return Err(flag_error(format!("bad flag syntax: {arg}")));
            }
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (long, None),
            };
            let Some(spec) = FLAGS.iter().find(|f| f.name == name) else {
                return Err(flag_error(format!("unknown flag: --{name}")));
            };
            let value = match inline {
                Some(v) => v.to_owned(),
                None if spec.kind == Kind::Bool => "true".to_owned(),
                None => {
                    let Some(next) = args.get(i) else {
                        return Err(flag_error(format!("flag needs an argument: {arg}")));
                    };
                    i += 1;
                    next.as_ref().to_owned()
                }
            };
            set(&mut parsed, spec, &value)?;
            continue;
        }
        // Shorthands: `-abc` is `-a -b -c` until one takes a value.
        let shorts = arg.get(1..).unwrap_or_default();
        let mut rest = shorts;
        while let Some(c) = rest.chars().next() {
            let after = rest.get(c.len_utf8()..).unwrap_or_default();
            let Some(spec) = FLAGS
                .iter()
                .find(|f| f.short.is_some_and(|s| char::from(s) == c))
            else {
                return Err(flag_error(format!(
                    "unknown shorthand flag: {} in -{shorts}",
                    go_char_literal(c)
                )));
            };
            let value = if after.len() > 1 && after.starts_with('=') {
                let v = after.get(1..).unwrap_or_default().to_owned();
                rest = "";
                v
            } else if spec.kind == Kind::Bool {
                rest = after;
                "true".to_owned()
            } else if !after.is_empty() {
                let v = after.to_owned();
                rest = "";
                v
            } else if let Some(next) = args.get(i) {
                i += 1;
                rest = "";
                next.as_ref().to_owned()
            } else {
                return Err(flag_error(format!(
                    "flag needs an argument: {} in -{shorts}",
                    go_char_literal(c)
                )));
            };
            set(&mut parsed, spec, &value)?;
        }
    }
    Ok(parsed)
}

/// Go's `%q` of a byte-sized rune: `'x'`, `'\''`, `'\n'`.
fn go_char_literal(c: char) -> String {
    match c {
        '\'' => "'\\''".to_owned(),
        '"' => "'\"'".to_owned(),
        c => {
            let quoted = GoQuoted(&c.to_string()).to_string();
            let inner = quoted
                .strip_prefix('"')
                .and_then(|q| q.strip_suffix('"'))
                .unwrap_or(&quoted);
            format!("'{inner}'")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(args: &[&str]) -> Parsed {
        match parse(args) {
            Ok(p) => p,
            Err(e) => panic!("{args:?}: {e}"),
        }
    }

    fn err(args: &[&str]) -> String {
        parse(args).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn flags_and_positionals() {
        let p = ok(&[
            "--local",
            "-f",
            "t.json",
            "-p",
            "A=x",
            "--param=B=y",
            "-pC=z",
            "-p=D=w",
            "X=1",
            "name",
        ]);
        assert!(p.bool_or("local", false));
        assert_eq!(p.string("filename"), Some("t.json"));
        assert_eq!(p.strings("param"), ["A=x", "B=y", "C=z", "D=w"]);
        assert_eq!(p.args, ["X=1", "name"]);
        let p = ok(&[
            "-l",
            "a=1",
            "-l",
            "b=2",
            "--labels=c=3",
            "-",
            "",
            "--",
            "-p",
            "--x",
        ]);
        assert_eq!(p.string("labels"), Some("c=3"));
        assert_eq!(p.args, ["-", "", "-p", "--x"]);
        let p = ok(&["--ignore-unknown-parameters=false", "-o", "-x", "-local"]);
        assert!(!p.bool_or("ignore-unknown-parameters", true));
        assert!(p.changed("ignore-unknown-parameters"));
        assert_eq!(p.string("output"), Some("-x"));
        // pflag reads `-local` as `-l ocal`.
        assert_eq!(p.string("labels"), Some("ocal"));
        let p = ok(&["-f="]);
        assert_eq!(p.string("filename"), Some("="));
    }

    #[test]
    fn errors() {
        let see = "\nSee 'oc process --help' for usage.";
        for (args, want) in [
            (&["--nope"][..], "unknown flag: --nope"),
            (&["--output-version=v1"], "unknown flag: --output-version"),
            (&["-x"], "unknown shorthand flag: 'x' in -x"),
            (&["-fx", "-q"], "unknown shorthand flag: 'q' in -q"),
            (&["-f"], "flag needs an argument: 'f' in -f"),
            (&["--filename"], "flag needs an argument: --filename"),
            (&["---x"], "bad flag syntax: ---x"),
            (&["--=x"], "bad flag syntax: --=x"),
            (
                &["--local=yes"],
                "invalid argument \"yes\" for \"--local\" flag: strconv.ParseBool: parsing \"yes\": invalid syntax",
            ),
            (
                &["-v", "x"],
                "invalid argument \"x\" for \"-v, --v\" flag: strconv.ParseInt: parsing \"x\": invalid syntax",
            ),
        ] {
            assert_eq!(err(args), format!("Error: {want}{see}"), "{args:?}");
        }
    }
}
