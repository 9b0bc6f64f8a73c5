//! `oc process` as a pure function (spec §11): the argument layer of openshift/oc's
//! `pkg/cli/process` over a virtual working directory — cobra/pflag flags, template names,
//! `-p` / positional values and `--param-file` (godotenv), `-l` labels, the exact order and
//! texts of its errors and warnings, the `--parameters` table, and the output printers
//! (`-o json|yaml|name|jsonpath`, `--raw`) byte for byte.
//!
//! ```
//! use std::collections::BTreeMap;
//! use openshift_image::template::oc_process::{VirtualDir, oc_process};
//!
//! let template = r#"{"kind":"Template","apiVersion":"template.openshift.io/v1",
//!   "metadata":{"name":"t"},
//!   "objects":[{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"${NAME}"}}],
//!   "parameters":[{"name":"NAME","value":"cm"}]}"#;
//! let dir = VirtualDir {
//!     files: BTreeMap::from([("t.json".to_owned(), template.to_owned())]),
//!     ..VirtualDir::default()
//! };
//! let out = oc_process(&["--local", "-f", "t.json", "-p", "NAME=mine", "-o", "name"], &dir, None, None)?;
//! assert_eq!(out.stdout, "configmap/mine\n");
//! assert_eq!(out.stderr, "");
//!
//! let err = oc_process(&["--local", "-f", "t.json", "-p", "NOPE=1"], &dir, None, None).unwrap_err();
//! assert_eq!(err.to_string(), "error: unknown parameter name \"NOPE\"");
//! # Ok::<(), openshift_image::TemplateError>(())
//! ```

mod dotenv;
mod flags;
mod gojson;
mod input;
mod jsonscan;
mod scheme;

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::Value;

pub use dotenv::{parse_labels, parse_param_file, validate_env_var_name};

use super::{
    BadValue, FieldError, FieldErrorType, Parameter, ProcessOptions, ValueGenerator, process,
};
use crate::error::TemplateError;
use crate::gofmt::GoQuoted;
use crate::gotabwriter;
use crate::goyaml::{self, Flavor};
use crate::jsonpath::{ExecuteOptions, JsonPath, NumberMode};
use input::{Fs, Info, Loaded, ReadError, Stat};

/// The working directory `oc process` runs in: files (relative path → content), empty
/// directories, and standard input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VirtualDir {
    /// Relative path → content. Parent directories exist implicitly.
    pub files: BTreeMap<String, String>,
    /// Directories (possibly empty).
    pub dirs: Vec<String>,
    /// Standard input (`-f -`, `--param-file -`); read once, empty when absent.
    pub stdin: Option<String>,
}

/// The cluster `oc` is configured for. This library never contacts one: steps that need it
/// fail with [`TemplateError::OcServer`] after everything `oc` checks first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OcServer {
    /// A kubeconfig naming a cluster that cannot be reached (current namespace `proj`).
    Unreachable,
}

/// What `oc process` printed when it succeeded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OcProcessOutput {
    /// Standard output.
    pub stdout: String,
    /// Standard error (warnings).
    pub stderr: String,
    /// Standard output parsed, when it is exactly one JSON document.
    pub stdout_json: Option<Value>,
}

impl Serialize for OcProcessOutput {
    /// `{stdout_json, stderr}` when standard output is one JSON document, else
    /// `{stdout, stderr}` (the shape of OPS.md `templates.oc_process`).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        match &self.stdout_json {
            Some(json) => map.serialize_entry("stdout_json", json)?,
            None => map.serialize_entry("stdout", &self.stdout)?,
        }
        map.serialize_entry("stderr", &self.stderr)?;
        map.end()
    }
}

/// The parsed command line of `oc process` (its flags as cobra leaves them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OcProcessOptions {
    /// `-f/--filename` (the last one given).
    pub filename: String,
    /// `-p/--param` values, in order.
    pub params: Vec<String>,
    /// Whether `-p/--param` was given at least once.
    pub param_given: bool,
    /// `--param-file` values, in order.
    pub param_files: Vec<String>,
    /// `--ignore-unknown-parameters`.
    pub ignore_unknown_parameters: bool,
    /// `--local`.
    pub local: bool,
    /// `--parameters`.
    pub parameters: bool,
    /// `-l/--labels` (the last one given).
    pub labels: String,
    /// Whether `-l/--labels` was given.
    pub labels_given: bool,
    /// `--raw`.
    pub raw: bool,
    /// Whether `--raw` was given.
    pub raw_given: bool,
    /// `-o/--output` (default `json`).
    pub output: String,
    /// Whether `-o/--output` was given.
    pub output_given: bool,
    /// `--template`.
    pub template: String,
    /// Whether `--template` was given.
    pub template_given: bool,
    /// `--show-managed-fields`.
    pub show_managed_fields: bool,
    /// `-n/--namespace`.
    pub namespace: Option<String>,
    /// `-h/--help`.
    pub help: bool,
    /// Positional arguments: a template name and `KEY=VALUE` pairs.
    pub args: Vec<String>,
}

impl OcProcessOptions {
    /// Parses the arguments after `oc process` as cobra/pflag do (flags anywhere, `--` ends
    /// them, `--flag=value`, `-fvalue`, repeated flags).
    ///
    /// ```
    /// use openshift_image::template::oc_process::OcProcessOptions;
    ///
    /// let o = OcProcessOptions::parse(&["--local", "-f", "t.json", "-pA=1", "B=2"])?;
    /// assert!(o.local);
    /// assert_eq!(o.params, ["A=1"]);
    /// assert_eq!(o.args, ["B=2"]);
    /// assert_eq!(
    ///     OcProcessOptions::parse(&["--nope"]).unwrap_err().to_string(),
    ///     "Error: unknown flag: --nope\nSee 'oc process --help' for usage."
    /// );
    /// # Ok::<(), openshift_image::TemplateError>(())
    /// ```
    ///
    /// # Errors
    /// [`TemplateError::OcFlag`] with pflag's message.
    pub fn parse<S: AsRef<str>>(args: &[S]) -> Result<Self, TemplateError> {
        let p = flags::parse(args)?;
        Ok(Self {
            filename: p.string("filename").unwrap_or_default().to_owned(),
            params: p.strings("param").to_vec(),
            param_given: p.changed("param"),
            param_files: p.strings("param-file").to_vec(),
            ignore_unknown_parameters: p.bool_or("ignore-unknown-parameters", false),
            local: p.bool_or("local", false),
            parameters: p.bool_or("parameters", false),
            labels: p.string("labels").unwrap_or_default().to_owned(),
            labels_given: p.changed("labels"),
            raw: p.bool_or("raw", false),
            raw_given: p.changed("raw"),
            output: p.string("output").unwrap_or("json").to_owned(),
            output_given: p.changed("output"),
            template: p.string("template").unwrap_or_default().to_owned(),
            template_given: p.changed("template"),
            show_managed_fields: p.bool_or("show-managed-fields", false),
            namespace: p.string("namespace").map(str::to_owned),
            help: p.bool_or("help", false),
            args: p.args,
        })
    }
}

/// Runs `oc process ARGS` in `dir`: what it prints, or the error it prints (its message is
/// `oc`'s standard error without the final newline). `generator` produces `generate:
/// expression` values (`None`: the default CSPRNG generator, inclusive ranges).
///
/// # Errors
/// [`TemplateError::OcFlag`], [`TemplateError::OcUsage`], [`TemplateError::OcFailed`],
/// [`TemplateError::OcInvalid`], [`TemplateError::OcServer`], [`TemplateError::OcPanic`],
/// [`TemplateError::OcUnsupported`] — each with upstream's text.
pub fn oc_process<S: AsRef<str>>(
    args: &[S],
    dir: &VirtualDir,
    server: Option<OcServer>,
    generator: Option<Box<dyn ValueGenerator>>,
) -> Result<OcProcessOutput, TemplateError> {
    let options = OcProcessOptions::parse(args)?;
    run(&options, dir, server, generator)
}

/// The text of [`TemplateError::OcInvalid`]: kubectl's `MultilineError` of the status causes.
#[must_use]
pub(crate) fn invalid_text(name: &str, errors: &[String]) -> String {
    let mut out = format!("The Template {} is invalid: ", GoQuoted(name));
    match errors {
        [one] => out.push_str(one),
        many => {
            for e in many {
                out.push_str("\n* ");
                out.push_str(e);
            }
        }
    }
    out
}

fn usage(message: impl Into<String>) -> TemplateError {
    TemplateError::OcUsage {
        message: message.into(),
    }
}

fn failed(message: impl Into<String>) -> TemplateError {
    TemplateError::OcFailed {
        message: message.into(),
    }
}

/// The parameter values of `-p`, positional `K=V` and `--param-file` (`ParseAndCombineEnvironment`).
#[derive(Debug, Default)]
struct Values {
    values: BTreeMap<String, String>,
    /// Names given more than once on the command line.
    duplicated: BTreeSet<String>,
    /// The first `-p` syntax error or param-file error, reported late.
    error: Option<String>,
}

fn combine(params: &[String], files: &[String], fs: &mut Fs<'_>, stderr: &mut String) -> Values {
    let mut out = Values::default();
    let mut duplicates = Vec::new();
    for s in params {
        let (key, value) = match s.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (s.as_str(), None),
        };
        let errors = validate_env_var_name(key);
        let Some(value) = value.filter(|_| errors.is_empty()) else {
            out.error = Some(format!(
                "error: invalid parameter assignment in {}, [{}]",
                GoQuoted(s),
                errors.join(" ")
            ));
            return Values {
                values: BTreeMap::new(),
                duplicated: BTreeSet::new(),
                error: out.error,
            };
        };
        if out.values.contains_key(key) {
            duplicates.push(key.to_owned());
        } else {
            out.values.insert(key.to_owned(), value.to_owned());
        }
    }
    out.duplicated.extend(duplicates);
    for file in files {
        match load_env_file(file, fs) {
            Ok(file_values) => {
                for (k, v) in file_values {
                    match out.values.entry(k) {
                        Entry::Occupied(e) => {
                            let _ = writeln!(
                                stderr,
                                "warning: Template parameter {} already defined, ignoring value from file {}",
                                GoQuoted(e.key()),
                                GoQuoted(file)
                            );
                        }
                        Entry::Vacant(e) => {
                            e.insert(v);
                        }
                    }
                }
            }
            Err(e) => {
                out.error = Some(format!("error: {e}"));
                return out;
            }
        }
    }
    out
}

/// oc's `LoadEnvironmentFile`.
fn load_env_file(name: &str, fs: &mut Fs<'_>) -> Result<BTreeMap<String, String>, String> {
    let (text, error_name) = if name == "-" {
        (fs.take_stdin(), "stdin")
    } else {
        match fs.stat(name) {
            Stat::File(text) => (text, name),
            Stat::Dir => {
                return Err(format!(
                    "Cannot read variables from {}: is a directory",
                    GoQuoted(name)
                ));
            }
            Stat::NotFound | Stat::NotDir => {
                return Err(format!(
                    "Cannot stat {}: {}",
                    GoQuoted(name),
                    fs.stat_error(name)
                ));
            }
        }
    };
    let pairs = parse_param_file(text).map_err(|e| {
        format!(
            "Cannot read variables from file {}: {e}",
            GoQuoted(error_name)
        )
    })?;
    let values: BTreeMap<String, String> = pairs.into_iter().collect();
    if let Some((k, v)) = values
        .iter()
        .find(|(k, _)| !validate_env_var_name(k).is_empty())
    {
        return Err(format!("invalid parameter assignment in {k}={v}"));
    }
    Ok(values)
}

/// What `oc` reports when a step needs the cluster.
fn server_error(server: Option<OcServer>, reading_file: bool) -> TemplateError {
    let message = match (server, reading_file) {
        (None, false) => {
            "The connection to the server localhost:8080 was refused - did you specify the right host or port?".to_owned()
        }
        (None, true) => "error: failed to read input object (not a Template?): Get \"http://localhost:8080/api?timeout=32s\": dial tcp 127.0.0.1:8080: connect: connection refused".to_owned(),
        (Some(OcServer::Unreachable), false) => {
            "Unable to connect to the server: the cluster is unreachable".to_owned()
        }
        (Some(OcServer::Unreachable), true) => {
            "error: failed to read input object (not a Template?): Unable to connect to the server: the cluster is unreachable".to_owned()
        }
    };
    TemplateError::OcServer { message }
}

/// `Complete`, `Validate` and `RunProcess`.
fn run(
    o: &OcProcessOptions,
    dir: &VirtualDir,
    server: Option<OcServer>,
    generator: Option<Box<dyn ValueGenerator>>,
) -> Result<OcProcessOutput, TemplateError> {
    if o.help {
        return Err(TemplateError::OcUnsupported {
            feature: "oc process --help".to_owned(),
        });
    }
    let mut stdout = String::new();
    let mut stderr = String::new();
    // Complete: a template name and `K=V` pairs among the positional arguments.
    let mut name = String::new();
    let mut params = o.params.clone();
    for arg in &o.args {
        if arg.contains('=') {
            params.push(arg.clone());
        } else if name.is_empty() {
            arg.clone_into(&mut name);
        } else {
            return Err(usage(format!(
                "template name must be specified only once: {arg}"
            )));
        }
    }
    if o.param_given {
        for value in &params {
            if dotenv::looks_comma_separated(value) {
                let _ = writeln!(
                    stderr,
                    "warning: --param no longer accepts comma-separated lists of values. {} will be treated as a single key-value pair.",
                    GoQuoted(value)
                );
            }
        }
    }
    // Validate.
    if o.parameters {
        for (flag, given) in [
            ("param", o.param_given),
            ("labels", o.labels_given),
            ("output", o.output_given),
            ("raw", o.raw_given),
            ("template", o.template_given),
        ] {
            if given {
                return Err(usage(format!(
                    "The --parameters flag does not process the template, can't be used with --{flag}"
                )));
            }
        }
    }
    if !name.is_empty() && o.local {
        return Err(usage(
            "You may only specify a local template file via -f when running this command with --local",
        ));
    }
    // RunProcess.
    let mut fs = Fs::new(dir);
    let values = combine(&params, &o.param_files, &mut fs, &mut stderr);
    if !values.duplicated.is_empty() {
        let names: Vec<&str> = values.duplicated.iter().map(String::as_str).collect();
        return Err(usage(format!(
            "The following parameters were provided more than once: {}",
            names.join(", ")
        )));
    }
    if name.is_empty() && o.filename.is_empty() {
        return Err(usage("Must pass a filename or name of stored template"));
    }
    let mut infos = if !name.is_empty() && !o.local {
        stored_template(&name)?;
        return Err(server_error(server, false));
    } else {
        match input::read_infos(&mut fs, &o.filename, o.local) {
            Ok(infos) => infos,
            Err(ReadError::Message(m)) => {
                return Err(failed(format!(
                    "error: failed to read input object (not a Template?): {m}"
                )));
            }
            Err(ReadError::NeedsServer) => return Err(server_error(server, true)),
        }
    };
    if infos.is_empty() {
        return Err(TemplateError::OcPanic {
            message: "runtime error: index out of range [0] with length 0".to_owned(),
        });
    }
    if infos.len() > 1 {
        let _ = writeln!(
            stdout,
            "{} input templates found, but only the first will be processed",
            infos.len()
        );
    }
    let loaded = match infos.swap_remove(0) {
        Info::Template(t) => *t,
        Info::Other(go_type) => {
            return Err(failed(format!(
                "error: unable to parse {}, not a valid Template but {go_type}",
                GoQuoted(&o.filename)
            )));
        }
    };
    if o.parameters {
        stdout.push_str(&parameters_table(&loaded.template.parameters));
        return Ok(finish(stdout, stderr));
    }
    let labels = if o.labels.is_empty() {
        None
    } else {
        Some(
            parse_labels(&o.labels)
                .map_err(|e| failed(format!("error: error parsing labels: {e}")))?,
        )
    };
    if let Some(e) = values.error {
        return Err(failed(e));
    }
    if !o.ignore_unknown_parameters {
        let unknown: Vec<&String> = values
            .values
            .keys()
            .filter(|k| !loaded.template.parameters.iter().any(|p| &p.name == *k))
            .collect();
        match unknown.as_slice() {
            [] => {}
            [one] => {
                return Err(failed(format!(
                    "error: unknown parameter name {}",
                    GoQuoted(one)
                )));
            }
            many => {
                // kubectl's MultipleErrors: each message (ending in a newline) plus a newline.
                let text: String = many
                    .iter()
                    .map(|n| format!("unknown parameter name {}\n\n", GoQuoted(n)))
                    .collect();
                return Err(failed(text.strip_suffix('\n').unwrap_or(&text)));
            }
        }
    }
    let Loaded {
        template,
        has_objects,
        raw_objects,
    } = loaded;
    let template_name = template.name().to_owned();
    let options = ProcessOptions {
        parameters: values.values.into_iter().collect(),
        labels,
        ignore_unknown_parameters: true,
        generator,
    };
    let processed = match process(template, options) {
        Ok(p) => p,
        Err(TemplateError::Invalid { errors }) => {
            let mut messages: Vec<String> = Vec::new();
            for e in &errors {
                let m = render_field_error(e, &raw_objects);
                if !messages.contains(&m) {
                    messages.push(m);
                }
            }
            return Err(TemplateError::OcInvalid {
                name: template_name,
                errors: messages,
            });
        }
        Err(other) => return Err(failed(format!("error: {other}"))),
    };
    let objects = if has_objects || !processed.objects.is_empty() {
        Some(processed.objects)
    } else {
        None
    };
    print(o, &mut fs, objects, &mut stdout)?;
    Ok(finish(stdout, stderr))
}

fn finish(stdout: String, stderr: String) -> OcProcessOutput {
    let stdout_json = serde_json::from_str::<Value>(&stdout).ok();
    OcProcessOutput {
        stdout,
        stderr,
        stdout_json,
    }
}

/// `parseNamespaceResourceName` and its checks, for a stored template name.
fn stored_template(name: &str) -> Result<(), TemplateError> {
    let parts: Vec<&str> = name.trim().split('/').collect();
    let (resource, stored) = match parts.as_slice() {
        [_, r, n] | [r, n] => (*r, *n),
        [n] => ("", *n),
        _ => {
            return Err(failed(format!(
                "error: invalid argument {}",
                GoQuoted(name)
            )));
        }
    };
    if !resource.is_empty() && resource != "template" && resource != "templates" {
        return Err(failed(format!(
            "error: unable to process invalid resource {}",
            GoQuoted(resource)
        )));
    }
    if stored.is_empty() {
        return Err(failed(format!(
            "error: invalid value syntax {}",
            GoQuoted(name)
        )));
    }
    Ok(())
}

/// `describe.PrintTemplateParameters`.
fn parameters_table(params: &[Parameter]) -> String {
    let mut text = String::from("NAME\tDESCRIPTION\tGENERATOR\tVALUE\n");
    for p in params {
        let value = if p.generate.is_empty() {
            &p.value
        } else {
            &p.from
        };
        let _ = writeln!(
            text,
            "{}\t{}\t{}\t{value}",
            p.name, p.description, p.generate
        );
    }
    gotabwriter::format(&text, gotabwriter::PARAMETERS)
}

/// Go's `%#v` of a `templatev1.Parameter`.
fn parameter_go_syntax(p: &Parameter) -> String {
    format!(
        "v1.Parameter{{Name:{}, DisplayName:{}, Description:{}, Value:{}, Generate:{}, From:{}, Required:{}}}",
        GoQuoted(&p.name),
        GoQuoted(&p.display_name),
        GoQuoted(&p.description),
        GoQuoted(&p.value),
        GoQuoted(&p.generate),
        GoQuoted(&p.from),
        p.required
    )
}

/// Go's `%#v` of the `runtime.RawExtension` holding `raw` (the pointer is a placeholder).
fn raw_extension_go_syntax(raw: &str) -> String {
    let bytes: Vec<String> = raw.bytes().map(|b| format!("{b:#x}")).collect();
    format!(
        "runtime.RawExtension{{Raw:[]uint8{{{}}}, Object:(*runtime.Unknown)(0xc000a1c000)}}",
        bytes.join(", ")
    )
}

/// The index `i` of a field path `item[i].objects`.
fn object_index(field: &str) -> Option<usize> {
    field
        .strip_prefix("item[")?
        .strip_suffix("].objects")?
        .parse()
        .ok()
}

/// One field error as the apimachinery vendored in `oc` renders it (`ErrorBody`: struct bad
/// values in Go `%#v`).
fn render_field_error(e: &FieldError, raw_objects: &[String]) -> String {
    let mut s = format!("{}: {}", e.field, e.error_type.as_str());
    let raw = object_index(&e.field).and_then(|i| raw_objects.get(i));
    if e.error_type == FieldErrorType::Invalid {
        let bad = match (&e.bad_value, raw) {
            (BadValue::Object { .. } | BadValue::Json(_), Some(raw)) => {
                raw_extension_go_syntax(raw)
            }
            (BadValue::Object { text: Some(t), .. }, None) => raw_extension_go_syntax(t),
            (BadValue::Object { value, text: None }, None) => {
                raw_extension_go_syntax(&gojson::compact(value))
            }
            (BadValue::None, _) => GoQuoted("null").to_string(),
            (BadValue::String(v), _) => GoQuoted(v).to_string(),
            (BadValue::Parameter(p), _) => parameter_go_syntax(p),
            (BadValue::Json(v @ (Value::Bool(_) | Value::Number(_))), None) => v.to_string(),
            (BadValue::Json(Value::String(v)), None) => GoQuoted(v).to_string(),
            (BadValue::Json(v), None) => gojson::compact(v),
        };
        s.push_str(": ");
        s.push_str(&bad);
    }
    if !e.detail.is_empty() {
        s.push_str(": ");
        // The decoder quotes the object's bytes as the file holds them.
        const MISSING: &str = "unable to handle object: Object 'Kind' is missing in '";
        match raw {
            Some(raw) if e.detail.starts_with(MISSING) => {
                s.push_str(MISSING);
                s.push_str(raw);
                s.push('\'');
            }
            _ => s.push_str(&e.detail),
        }
    }
    s
}

/// The printer `-o`/`--template` select (`PrintFlags.ToPrinter`).
enum Printer {
    Json,
    Yaml,
    /// `-o name`; `false` for the long form `-o ''` prints (`kind/name processed`).
    Name(bool),
    /// The parsed template, its text, and `jsonpath-as-json`.
    JsonPath(JsonPath, String, bool),
}

const ALLOWED_FORMATS: &str = "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";

fn printer(o: &OcProcessOptions, fs: &mut Fs<'_>) -> Result<Printer, TemplateError> {
    let mut format = o.output.clone();
    if !o.template.is_empty() && !o.output_given {
        format = "go-template".to_owned();
    }
    match format.to_ascii_lowercase().as_str() {
        "json" => return Ok(Printer::Json),
        "yaml" => return Ok(Printer::Yaml),
        "name" => return Ok(Printer::Name(true)),
        "" => return Ok(Printer::Name(false)),
        _ => {}
    }
    let (kind, mut template) = if o.template.is_empty() {
        match format.split_once('=') {
            Some((k, t)) if matches!(k, "jsonpath" | "jsonpath-file" | "jsonpath-as-json") => {
                (k.to_owned(), t.to_owned())
            }
            _ => (format.clone(), String::new()),
        }
    } else {
        (format.clone(), o.template.clone())
    };
    let go_template = |f: &str| {
        matches!(
            f.split_once('=').map_or(f, |(k, _)| k),
            "go-template" | "go-template-file" | "template" | "templatefile"
        )
    };
    if !matches!(
        kind.as_str(),
        "jsonpath" | "jsonpath-file" | "jsonpath-as-json"
    ) {
        if go_template(&kind) {
            return Err(TemplateError::OcUnsupported {
                feature: format!(
                    "-o {}",
                    kind.split_once('=').map_or(kind.as_str(), |(k, _)| k)
                ),
            });
        }
        return Err(failed(format!(
            "error: unable to match a printer suitable for the output format {}, allowed formats are: {ALLOWED_FORMATS}",
            GoQuoted(&o.output)
        )));
    }
    if template.is_empty() {
        return Err(failed(
            "error: template format specified but no template given",
        ));
    }
    if kind == "jsonpath-file" {
        template = match fs.stat(&template) {
            Stat::File(text) => text.to_owned(),
            _ => {
                return Err(failed(format!(
                    "error: error reading --template {template}, open {template}: no such file or directory"
                )));
            }
        };
    }
    let parsed = JsonPath::parse(&template)
        .map_err(|e| failed(format!("error: error parsing jsonpath {template}, {e}")))?;
    Ok(Printer::JsonPath(
        parsed,
        template,
        kind == "jsonpath-as-json",
    ))
}

/// Removes `metadata.managedFields` (kubectl's `OmitManagedFieldsPrinter`).
fn omit_managed_fields(mut v: Value) -> Value {
    if let Some(Value::Object(meta)) = v.get_mut("metadata") {
        meta.remove("managedFields");
    }
    v
}

/// `-o name`'s line for one object.
fn name_line(obj: &Value, short: bool) -> Result<String, TemplateError> {
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or_default();
    let api_version = obj
        .get("apiVersion")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let name = obj
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())
        .unwrap_or("<unknown>");
    if kind.is_empty() {
        return Err(failed(if api_version.trim_matches('/').is_empty() {
            "error: missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() if you know the type".to_owned()
        } else {
            format!("error: missing kind for resource with name {name}")
        }));
    }
    let group = match api_version.split('/').collect::<Vec<_>>().as_slice() {
        [g, _] => *g,
        _ => "",
    };
    let kind = kind.to_lowercase();
    let suffix = if short { "" } else { " processed" };
    Ok(if group.is_empty() {
        format!("{kind}/{name}{suffix}\n")
    } else {
        format!("{kind}.{group}/{name}{suffix}\n")
    })
}

/// Prints the processed objects: the `List` (default), or each object (`--raw`, `-o name`).
fn print(
    o: &OcProcessOptions,
    fs: &mut Fs<'_>,
    objects: Option<Vec<Value>>,
    stdout: &mut String,
) -> Result<(), TemplateError> {
    if o.output == "describe" {
        return Err(TemplateError::OcUnsupported {
            feature: "-o describe".to_owned(),
        });
    }
    let strip = |v: Value| {
        if o.show_managed_fields {
            v
        } else {
            omit_managed_fields(v)
        }
    };
    if o.output == "name" || o.raw {
        for obj in objects.unwrap_or_default() {
            let printer = printer(o, fs)?;
            let kind_empty = obj
                .get("kind")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty);
            let version_empty = obj
                .get("apiVersion")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty);
            if kind_empty && version_empty {
                return Err(failed(
                    "error: missing apiVersion or kind and cannot assign it; Object 'Kind' is missing in 'unstructured object has no kind'",
                ));
            }
            match printer {
                Printer::Json => {
                    stdout.push_str(&gojson::indent(&strip(obj)));
                    stdout.push('\n');
                }
                Printer::Yaml => stdout.push_str(&oc_yaml(&strip(obj))?),
                Printer::Name(short) => stdout.push_str(&name_line(&obj, short)?),
                Printer::JsonPath(t, raw, as_json) => {
                    stdout.push_str(&run_jsonpath(&t, &raw, &obj, false, as_json)?)
                }
            }
        }
        return Ok(());
    }
    let printer = printer(o, fs)?;
    match printer {
        Printer::Json => {
            let items = objects.map(|items| items.into_iter().map(strip).collect::<Vec<_>>());
            stdout.push_str(&gojson::list_indent(items.as_deref()));
            stdout.push('\n');
        }
        Printer::Yaml => {
            let items = objects.map_or(Value::Null, |items| {
                Value::Array(items.into_iter().map(strip).collect())
            });
            let list = serde_json::json!({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {}});
            stdout.push_str(&oc_yaml(&list)?);
        }
        Printer::Name(short) => {
            for obj in objects.unwrap_or_default() {
                stdout.push_str(&name_line(&obj, short)?);
            }
        }
        Printer::JsonPath(t, raw, as_json) => {
            let items = objects.map_or(Value::Null, Value::Array);
            let list = serde_json::json!({"kind": "List", "apiVersion": "v1", "metadata": {}, "items": items});
            stdout.push_str(&run_jsonpath(&t, &raw, &list, true, as_json)?);
        }
    }
    Ok(())
}

/// Runs the printer's template (kubectl's `JSONPathPrinter`: missing keys allowed).
/// `json_numbers`: the object went through Go's `json.Unmarshal` into `interface{}` (every
/// number a float64), as for a printed List; otherwise integers stay integers (unstructured).
fn run_jsonpath(
    t: &JsonPath,
    raw: &str,
    data: &Value,
    json_numbers: bool,
    as_json: bool,
) -> Result<String, TemplateError> {
    let options = ExecuteOptions {
        allow_missing_keys: true,
        numbers: if json_numbers {
            NumberMode::Float64
        } else {
            NumberMode::Int64
        },
        output_json: as_json,
    };
    t.execute(data, &options).map_err(|e| {
        let mut text = format!(
            "error: error executing jsonpath {}: Error executing template: {e}. Printing more information for debugging the template:\n",
            GoQuoted(raw)
        );
        let _ = write!(
            text,
            "\ttemplate was:\n\t\t{raw}\n\tobject given to jsonpath engine was:\n\t\t{}\n\n",
            gojson::go_sharp_v(data, json_numbers)
        );
        failed(text)
    })
}

/// `oc -o yaml`: sigs.k8s.io/yaml's `Marshal`.
fn oc_yaml(value: &Value) -> Result<String, TemplateError> {
    goyaml::to_yaml(value, Flavor::V2).map_err(|message| TemplateError::Limit { message })
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = r#"{"kind":"Template","apiVersion":"template.openshift.io/v1","metadata":{"name":"t"},
        "objects":[{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c"},"data":{"A":"${A}","B":"${B}"}}],
        "parameters":[{"name":"A"},{"name":"B","description":"The B"}]}"#;

    fn dir(extra: &[(&str, &str)]) -> VirtualDir {
        let mut files = BTreeMap::from([("t.json".to_owned(), T.to_owned())]);
        for (k, v) in extra {
            files.insert((*k).to_owned(), (*v).to_owned());
        }
        VirtualDir {
            files,
            ..VirtualDir::default()
        }
    }

    fn run_ok(args: &[&str], d: &VirtualDir) -> OcProcessOutput {
        match oc_process(args, d, None, None) {
            Ok(o) => o,
            Err(e) => panic!("{args:?}: {e}"),
        }
    }

    fn run_err(args: &[&str], d: &VirtualDir) -> String {
        oc_process(args, d, None, None)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn table_of_errors() {
        let d = dir(&[("p.env", "A=file\n"), ("bad.env", "oops\n")]);
        let see = "\nSee 'oc process -h' for help and examples";
        for (args, want) in [
            (&["a", "b"][..], format!("error: template name must be specified only once: b{see}")),
            (&["--local", "x"], format!("error: You may only specify a local template file via -f when running this command with --local{see}")),
            (&["--local", "-p", "A=1", "A=2"], format!("error: The following parameters were provided more than once: A{see}")),
            (&["--local"], format!("error: Must pass a filename or name of stored template{see}")),
            (&["--local", "-f", "t.json", "--parameters", "-l", ""], format!("error: The --parameters flag does not process the template, can't be used with --labels{see}")),
            (&["--local", "-f", "t.json", "-p", "1A=x"], "error: invalid parameter assignment in \"1A=x\", [a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')]".to_owned()),
            (&["--local", "-f", "t.json", "-p", "FOO"], "error: invalid parameter assignment in \"FOO\", []".to_owned()),
            (&["--local", "-f", "t.json", "--param-file", "bad.env"], "error: Cannot read variables from file \"bad.env\": Can't separate key from value".to_owned()),
            (&["--local", "-f", "t.json", "--param-file", "no.env"], "error: Cannot stat \"no.env\": stat no.env: no such file or directory".to_owned()),
            (&["--local", "-f", "t.json", "-p", "X=1", "-p", "Y=2"], "unknown parameter name \"X\"\n\nunknown parameter name \"Y\"\n".to_owned()),
            (&["--local", "-f", "t.json", "-l", "a"], "error: error parsing labels: unexpected label spec: a".to_owned()),
            (&["--local", "-f", "nope.json"], "error: failed to read input object (not a Template?): the path \"nope.json\" does not exist".to_owned()),
            (&["pods/x"], "error: unable to process invalid resource \"pods\"".to_owned()),
            (&["a/b/c/d"], "error: invalid argument \"a/b/c/d\"".to_owned()),
            (&["template/"], "error: invalid value syntax \"template/\"".to_owned()),
            (&["--local", "-f", "t.json", "-o", "wide"], format!("error: unable to match a printer suitable for the output format \"wide\", allowed formats are: {ALLOWED_FORMATS}")),
        ] {
            assert_eq!(run_err(args, &d), want, "{args:?}");
        }
    }

    #[test]
    fn outputs() {
        let d = dir(&[("p.env", "A=file\nB=fb\n")]);
        let out = run_ok(
            &[
                "--local",
                "-f",
                "t.json",
                "--param-file",
                "p.env",
                "-p",
                "A=cli",
            ],
            &d,
        );
        assert_eq!(
            out.stderr,
            "warning: Template parameter \"A\" already defined, ignoring value from file \"p.env\"\n"
        );
        assert_eq!(
            out.stdout_json,
            Some(
                serde_json::json!({"kind":"List","apiVersion":"v1","metadata":{},"items":[
                {"apiVersion":"v1","data":{"A":"cli","B":"fb"},"kind":"ConfigMap","metadata":{"name":"c"}}]})
            )
        );
        let out = run_ok(
            &["--local", "-f", "t.json", "-o", "yaml", "-l", "app=x"],
            &d,
        );
        assert_eq!(
            out.stdout,
            "apiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n    A: \"\"\n    B: \"\"\n  kind: ConfigMap\n  metadata:\n    labels:\n      app: x\n    name: c\nkind: List\nmetadata: {}\n"
        );
        let out = run_ok(&["--local", "-f", "t.json", "--parameters"], &d);
        assert_eq!(
            out.stdout,
            "NAME                DESCRIPTION         GENERATOR           VALUE\nA                                                           \nB                   The B                                   \n"
        );
        let out = run_ok(
            &["--local", "-f", "t.json", "-o", "jsonpath={.items[0].kind}"],
            &d,
        );
        assert_eq!(out.stdout, "ConfigMap");
        let out = run_ok(&["--local", "-f", "t.json", "-o", ""], &d);
        assert_eq!(out.stdout, "configmap/c processed\n");
    }

    #[test]
    fn jsonpath_printers() {
        let d = dir(&[("q.txt", "{.items[*].kind}")]);
        let ok = |o: &str| run_ok(&["--local", "-f", "t.json", "-o", o], &d).stdout;
        assert_eq!(
            ok("jsonpath={.items[?(@.kind==\"ConfigMap\")].metadata.name}"),
            "c"
        );
        assert_eq!(ok("jsonpath={.missing}|{.kind}"), "|List");
        assert_eq!(ok("jsonpath-file=q.txt"), "ConfigMap");
        assert_eq!(
            ok("jsonpath-as-json={.items[*].metadata.name}"),
            "[\n    \"c\"\n]\n"
        );
        let err = |o: &str| run_err(&["--local", "-f", "t.json", "-o", o], &d);
        assert_eq!(
            err("jsonpath={.kind"),
            "error: error parsing jsonpath {.kind, unclosed action"
        );
        let e = err("jsonpath={.items[3]}");
        assert!(
            e.starts_with("error: error executing jsonpath \"{.items[3]}\": Error executing template: array index out of bounds: index 3, length 1. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.items[3]}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"apiVersion\":\"v1\", \"items\":[]interface {}{map[string]interface {}{"),
            "{e}"
        );
    }

    #[test]
    fn go_syntax() {
        let p = Parameter {
            name: "G".into(),
            generate: "expression".into(),
            from: "[ABC]{3}".into(),
            ..Parameter::default()
        };
        assert_eq!(
            parameter_go_syntax(&p),
            "v1.Parameter{Name:\"G\", DisplayName:\"\", Description:\"\", Value:\"\", Generate:\"expression\", From:\"[ABC]{3}\", Required:false}"
        );
        assert!(raw_extension_go_syntax("{\n}").starts_with(
            "runtime.RawExtension{Raw:[]uint8{0x7b, 0xa, 0x7d}, Object:(*runtime.Unknown)(0x"
        ));
    }
}
