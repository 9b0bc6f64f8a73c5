//! The generic conformance engine: reads the vector files, runs every case through the area
//! dispatcher its op names, and compares the outcome with the case's expectation following
//! `FORMATS.md` (the envelope shared by every area).
//!
//! * [`run_paths`] walks files and folders (recursing into `*.jsonl`, sorted) and returns a
//!   [`Report`]; its `Display` is the runner output of the contract (one line per file, the
//!   failures, then `N passed, M failed`).
//! * [`Case`] is one parsed line; [`evaluate`] judges an outcome against it (pure, no I/O).
//! * [`json_eq`] is the value comparison: object key order never matters, array order does,
//!   integers compare exactly, and when either number is a float both compare as `f64`.
//!
//! Adding an area: add one line to [`AREAS`]; every op runs through the library's flat API
//! (`openshift_image::ops::call`, see `library.rs`), and an area whose `OPS.md` asks for a
//! special comparison supplies a [`Judge`].

use std::fmt;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::{imagestreams, jsonpath, library, mirrors, pull, templates};

/// Every area the runner knows: the word before the `.` of an op selects the entry.
pub const AREAS: &[Area] = &[
    Area::new("refs", library::dispatch),
    Area::new("imagestreams", imagestreams::dispatch).with_judge(imagestreams::judge),
    Area::new("templates", templates::dispatch).with_judge(templates::judge),
    Area::new("jsonpath", jsonpath::dispatch).with_judge(jsonpath::judge),
    Area::new("mirrors", library::dispatch).with_judge(mirrors::judge),
    Area::new("pull", pull::dispatch),
];

/// Runs one op of an area: the full op name (`refs.parse`) and the case's `input` object.
pub type Dispatch = fn(op: &str, input: &Value) -> Result<Value, CaseError>;

/// Judges an outcome against a case; an area whose ops need a special comparison (for
/// example generated values) supplies one, the others use [`evaluate`].
pub type Judge = fn(case: &Case, outcome: &Result<Value, CaseError>) -> Verdict;

/// One entry of the area table.
#[derive(Clone, Copy, Debug)]
pub struct Area {
    /// The op prefix (`refs` for `refs.parse`).
    pub name: &'static str,
    /// The area's dispatcher.
    pub dispatch: Dispatch,
    /// The area's comparison, when it is not the generic [`evaluate`].
    pub judge: Option<Judge>,
}

impl Area {
    /// An area compared with the generic rules.
    #[must_use]
    pub const fn new(name: &'static str, dispatch: Dispatch) -> Self {
        Self {
            name,
            dispatch,
            judge: None,
        }
    }

    /// The same area with its own comparison.
    #[must_use]
    pub const fn with_judge(self, judge: Judge) -> Self {
        Self {
            judge: Some(judge),
            ..self
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Outcomes

/// The error side of a dispatcher's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseError {
    /// The library returned an error: its stable kind and its message (`Display`). Only this
    /// variant can satisfy an `error` expectation.
    Library {
        /// The library's kind string (e.g. `reference.invalid_format`).
        kind: String,
        /// The library error's `Display`.
        message: String,
        /// The phase that failed, for errors that have one (jsonpath: `parse` / `execute`).
        phase: Option<String>,
    },
    /// The case's input is unusable (a missing field, a wrong type): always a failure.
    Input(String),
    /// The op is not implemented (by the library or by the dispatcher): always a failure.
    UnsupportedOp(String),
    /// The runner itself failed (e.g. a result could not be turned into JSON, or the library
    /// panicked): always a failure.
    Internal(String),
}

impl CaseError {
    /// A library error from its kind and message.
    pub fn library(kind: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Library {
            kind: kind.into(),
            message: message.into(),
            phase: None,
        }
    }

    /// The same error with the phase that failed (library errors only).
    #[must_use]
    pub fn with_phase(self, phase: Option<&str>) -> Self {
        match self {
            Self::Library { kind, message, .. } => Self::Library {
                kind,
                message,
                phase: phase.map(str::to_owned),
            },
            other => other,
        }
    }

    /// An input error.
    pub fn input(message: impl Into<String>) -> Self {
        Self::Input(message.into())
    }

    /// The answer of a dispatcher to an op it does not implement.
    pub fn unsupported(op: impl Into<String>) -> Self {
        Self::UnsupportedOp(op.into())
    }

    /// A runner-side failure.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::Internal(message.into())
    }
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Library {
                kind,
                message,
                phase,
            } => {
                write!(f, "error [{kind}]: {}", quote(message))?;
                match phase {
                    Some(phase) => write!(f, " (phase {phase})"),
                    None => Ok(()),
                }
            }
            Self::Input(message) => write!(f, "bad input: {message}"),
            Self::UnsupportedOp(op) => write!(f, "op {op} is not implemented"),
            Self::Internal(message) => write!(f, "runner error: {message}"),
        }
    }
}

impl std::error::Error for CaseError {}

impl From<serde_json::Error> for CaseError {
    /// A result that could not be serialized (input deserialization maps its own errors to
    /// [`CaseError::Input`]).
    fn from(err: serde_json::Error) -> Self {
        Self::internal(format!("cannot serialize the result: {err}"))
    }
}

// ---------------------------------------------------------------------------------------------
// Cases

/// How an expected error message is compared with the library's message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchMode {
    /// Byte for byte.
    Exact,
    /// The library's message starts with the text.
    Prefix,
    /// The text occurs in the library's message.
    Contains,
    /// Only the failure is checked.
    Any,
}

impl MatchMode {
    /// The mode named in a case (`exact`, `prefix`, `contains`, `any`).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "exact" => Some(Self::Exact),
            "prefix" => Some(Self::Prefix),
            "contains" => Some(Self::Contains),
            "any" => Some(Self::Any),
            _ => None,
        }
    }

    /// The mode's name as written in a case.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Prefix => "prefix",
            Self::Contains => "contains",
            Self::Any => "any",
        }
    }
}

/// An `error` expectation: `{"message", "match"}` (further fields stay in [`Case::raw`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorExpectation {
    /// The upstream text.
    pub message: String,
    /// How it is compared.
    pub mode: MatchMode,
}

impl ErrorExpectation {
    /// Whether a library message satisfies this expectation.
    #[must_use]
    pub fn matches(&self, message: &str) -> bool {
        match self.mode {
            MatchMode::Exact => message == self.message,
            MatchMode::Prefix => message.starts_with(&self.message),
            MatchMode::Contains => message.contains(&self.message),
            MatchMode::Any => true,
        }
    }

    fn from_json(value: &Value) -> Result<Self, String> {
        let Value::Object(map) = value else {
            return Err(format!(
                "`error` must be an object, found {}",
                kind_of(value)
            ));
        };
        let mode = match map.get("match") {
            Some(Value::String(name)) => MatchMode::from_name(name)
                .ok_or_else(|| format!("unknown error match mode {}", quote(name)))?,
            Some(other) => {
                return Err(format!(
                    "`error.match` must be a string, found {}",
                    kind_of(other)
                ));
            }
            None => return Err("`error` has no `match`".to_owned()),
        };
        let message = match map.get("message") {
            Some(Value::String(message)) => message.clone(),
            // The text is irrelevant when only the failure is checked.
            None | Some(Value::Null) if mode == MatchMode::Any => String::new(),
            Some(other) => {
                return Err(format!(
                    "`error.message` must be a string, found {}",
                    kind_of(other)
                ));
            }
            None => return Err("`error` has no `message`".to_owned()),
        };
        Ok(Self { message, mode })
    }
}

/// What a case expects: a success value (possibly `null`) or an error.
#[derive(Clone, Debug, PartialEq)]
pub enum Expectation {
    /// `expect`: the result, compared with [`json_eq`].
    Value(Value),
    /// `error`: the library must fail with a matching message.
    Error(ErrorExpectation),
}

impl Expectation {
    /// Whether an outcome satisfies this expectation. Only library errors can satisfy an
    /// `error` expectation.
    #[must_use]
    pub fn is_satisfied_by(&self, outcome: &Result<Value, CaseError>) -> bool {
        match (self, outcome) {
            (Self::Value(expected), Ok(got)) => json_eq(expected, got),
            (Self::Error(expected), Err(CaseError::Library { message, .. })) => {
                expected.matches(message)
            }
            _ => false,
        }
    }

    /// Reads `expect` / `error` from an object (a case, or its `fixed` field): exactly one of
    /// the two keys must be present; `expect: null` is a success expectation.
    fn from_object(map: &Map<String, Value>, what: &str) -> Result<Self, String> {
        match (map.get("expect"), map.get("error")) {
            (Some(value), None) => Ok(Self::Value(value.clone())),
            (None, Some(error)) => ErrorExpectation::from_json(error).map(Self::Error),
            (Some(_), Some(_)) => Err(format!("{what} has both `expect` and `error`")),
            (None, None) => Err(format!("{what} has neither `expect` nor `error`")),
        }
    }
}

impl fmt::Display for Expectation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Value(value) => f.write_str(&compact(value)),
            Self::Error(error) if error.mode == MatchMode::Any => f.write_str("error (any)"),
            Self::Error(error) => {
                write!(
                    f,
                    "error ({}): {}",
                    error.mode.as_str(),
                    quote(&error.message)
                )
            }
        }
    }
}

/// One test case (one line of a vector file).
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    /// `id`, unique within its file.
    pub id: String,
    /// `op`, `<area>.<operation>`.
    pub op: String,
    /// `input`, an object.
    pub input: Value,
    /// `expect` or `error`.
    pub expected: Expectation,
    /// `flags` (empty when absent).
    pub flags: Vec<String>,
    /// `fixed`: the better answer of an `upstream_bug` case.
    pub fixed: Option<Expectation>,
    /// The whole line, for areas that read further fields.
    pub raw: Map<String, Value>,
}

impl Case {
    /// Parses one line of a vector file.
    ///
    /// # Errors
    ///
    /// A description of what is malformed.
    pub fn parse(line: &str) -> Result<Self, String> {
        let value: Value =
            serde_json::from_str(line).map_err(|err| format!("not a JSON line: {err}"))?;
        Self::from_json(value)
    }

    /// Reads a case from its JSON object.
    ///
    /// # Errors
    ///
    /// A description of what is malformed.
    pub fn from_json(value: Value) -> Result<Self, String> {
        let Value::Object(raw) = value else {
            return Err(format!(
                "a case must be an object, found {}",
                kind_of(&value)
            ));
        };
        let id = required_string(&raw, "id")?;
        let op = required_string(&raw, "op")?;
        let input = match raw.get("input") {
            Some(input @ Value::Object(_)) => input.clone(),
            Some(other) => {
                return Err(format!(
                    "`input` must be an object, found {}",
                    kind_of(other)
                ));
            }
            None => return Err("the case has no `input`".to_owned()),
        };
        let expected = Expectation::from_object(&raw, "the case")?;
        let flags = match raw.get("flags") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(flag) => Ok(flag.clone()),
                    other => Err(format!("a flag must be a string, found {}", kind_of(other))),
                })
                .collect::<Result<_, _>>()?,
            Some(other) => {
                return Err(format!("`flags` must be a list, found {}", kind_of(other)));
            }
        };
        let fixed = match raw.get("fixed") {
            None | Some(Value::Null) => None,
            Some(Value::Object(fixed)) => Some(Expectation::from_object(fixed, "`fixed`")?),
            Some(other) => {
                return Err(format!(
                    "`fixed` must be an object, found {}",
                    kind_of(other)
                ));
            }
        };
        Ok(Self {
            id,
            op,
            input,
            expected,
            flags,
            fixed,
            raw,
        })
    }

    /// Whether the case carries a flag.
    #[must_use]
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }

    /// The area part of the op (`refs` for `refs.parse`).
    #[must_use]
    pub fn area(&self) -> &str {
        self.op
            .split_once('.')
            .map_or(self.op.as_str(), |(area, _)| area)
    }
}

fn required_string(map: &Map<String, Value>, key: &str) -> Result<String, String> {
    match map.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(Value::String(_)) => Err(format!("`{key}` is empty")),
        Some(other) => Err(format!(
            "`{key}` must be a string, found {}",
            kind_of(other)
        )),
        None => Err(format!("the case has no `{key}`")),
    }
}

// ---------------------------------------------------------------------------------------------
// Comparison

/// JSON equality per `FORMATS.md`: object key order never matters, array order does, two
/// integers compare exactly, and when either number is a float both compare as `f64` (`1`
/// equals `1.0`).
#[must_use]
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => number_eq(x, y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, x)| y.get(key).is_some_and(|y| json_eq(x, y)))
        }
        _ => false,
    }
}

fn number_eq(x: &serde_json::Number, y: &serde_json::Number) -> bool {
    if x.is_f64() || y.is_f64() {
        return match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        };
    }
    if let (Some(x), Some(y)) = (x.as_i64(), y.as_i64()) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (x.as_u64(), y.as_u64()) {
        return x == y;
    }
    // Integers beyond 64 bits (serde_json keeps their text): equal texts are equal integers;
    // otherwise one is negative and the other above i64::MAX, or they differ.
    x.to_string() == y.to_string()
}

/// The verdict on one case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The outcome satisfies the expectation.
    Passed,
    /// An `upstream_bug` case whose outcome equals its `fixed` answer (counts as passed).
    Deviation,
    /// Anything else.
    Failed {
        /// The expectation, rendered for humans.
        expected: String,
        /// The outcome, rendered for humans.
        got: String,
    },
}

impl Verdict {
    /// Passed or deviation.
    #[must_use]
    pub const fn is_pass(&self) -> bool {
        !matches!(self, Self::Failed { .. })
    }
}

/// The generic judgement: the expectation is satisfied → passed; else an `upstream_bug` case
/// whose `fixed` is satisfied → deviation; else failed. Input errors, unsupported ops and
/// runner errors always fail.
#[must_use]
pub fn evaluate(case: &Case, outcome: &Result<Value, CaseError>) -> Verdict {
    if case.expected.is_satisfied_by(outcome) {
        return Verdict::Passed;
    }
    if case.has_flag("upstream_bug")
        && case
            .fixed
            .as_ref()
            .is_some_and(|fixed| fixed.is_satisfied_by(outcome))
    {
        return Verdict::Deviation;
    }
    let (expected, got) = describe_mismatch(&case.expected, outcome);
    Verdict::Failed { expected, got }
}

/// Renders an expectation and a failing outcome; for two objects only the differing keys are
/// shown (the others as `…`), so long results stay readable.
fn describe_mismatch(
    expected: &Expectation,
    outcome: &Result<Value, CaseError>,
) -> (String, String) {
    let (expected, got) = match (expected, outcome) {
        (Expectation::Value(Value::Object(want)), Ok(Value::Object(have))) => {
            object_diff(want, have)
        }
        (expected, Ok(value)) => (expected.to_string(), compact(value)),
        (expected, Err(err)) => (expected.to_string(), err.to_string()),
    };
    (truncate(&expected, MAX_SHOWN), truncate(&got, MAX_SHOWN))
}

const MAX_SHOWN: usize = 600;

fn object_diff(want: &Map<String, Value>, have: &Map<String, Value>) -> (String, String) {
    let mut keys: Vec<&String> = want.keys().chain(have.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut left = Vec::new();
    let mut right = Vec::new();
    let mut same = 0usize;
    for key in keys {
        let (a, b) = (want.get(key), have.get(key));
        if let (Some(a), Some(b)) = (a, b)
            && json_eq(a, b)
        {
            same += 1;
            continue;
        }
        let show = |v: Option<&Value>| v.map_or_else(|| "<absent>".to_owned(), compact);
        left.push(format!("{}: {}", compact_str(key), show(a)));
        right.push(format!("{}: {}", compact_str(key), show(b)));
    }
    if same > 0 {
        let elided = format!("… {same} equal");
        left.push(elided.clone());
        right.push(elided);
    }
    (
        format!("{{{}}}", left.join(", ")),
        format!("{{{}}}", right.join(", ")),
    )
}

fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| format!("{value:?}"))
}

fn compact_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// A string as a JSON string literal (so control characters and quotes stay visible).
fn quote(s: &str) -> String {
    compact_str(s)
}

/// Cuts `s` to about `max` bytes on a character boundary, saying how much was left out.
#[must_use]
pub fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let mut cut = max;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let kept = s.get(..cut).unwrap_or_default();
    format!("{kept}… ({} more bytes)", s.len() - cut)
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

// ---------------------------------------------------------------------------------------------
// Running

/// One failed case, rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The case's id (`line N` when the line could not be read as a case).
    pub id: String,
    /// The case's op (`?` when unknown).
    pub op: String,
    /// The 1-based line number in the file (0 for a file-level failure).
    pub line: usize,
    /// The expectation, rendered.
    pub expected: String,
    /// What happened, rendered.
    pub got: String,
}

/// The results of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileReport {
    /// The file, as found from the given path.
    pub path: String,
    /// Cases that passed, deviations included.
    pub passed: usize,
    /// Cases that failed.
    pub failed: usize,
    /// Deviations (`upstream_bug` cases answered with `fixed`), a subset of `passed`.
    pub deviations: usize,
    /// The failures, in file order, except those of unimplemented ops.
    pub failures: Vec<Failure>,
    /// Ops not implemented, with how many cases failed for that reason, in order of first
    /// appearance.
    pub unsupported: Vec<(String, usize)>,
}

impl FileReport {
    fn new(path: String) -> Self {
        Self {
            path,
            ..Self::default()
        }
    }

    fn record(&mut self, id: &str, op: &str, line: usize, verdict: Verdict, unsupported: bool) {
        match verdict {
            Verdict::Passed => self.passed += 1,
            Verdict::Deviation => {
                self.passed += 1;
                self.deviations += 1;
            }
            Verdict::Failed { .. } if unsupported => {
                self.failed += 1;
                match self.unsupported.iter_mut().find(|(known, _)| known == op) {
                    Some((_, count)) => *count += 1,
                    None => self.unsupported.push((op.to_owned(), 1)),
                }
            }
            Verdict::Failed { expected, got } => {
                self.failed += 1;
                self.failures.push(Failure {
                    id: id.to_owned(),
                    op: op.to_owned(),
                    line,
                    expected,
                    got,
                });
            }
        }
    }

    fn fail(&mut self, id: String, op: String, line: usize, expected: &str, got: String) {
        self.failed += 1;
        self.failures.push(Failure {
            id,
            op,
            line,
            expected: expected.to_owned(),
            got: truncate(&got, MAX_SHOWN),
        });
    }

    /// The per-file summary line: `<path>: N passed, M failed[, D deviations]`.
    #[must_use]
    pub fn summary(&self) -> String {
        let mut line = format!(
            "{}: {} passed, {} failed",
            self.path, self.passed, self.failed
        );
        if self.deviations > 0 {
            line.push_str(&format!(", {} deviations", self.deviations));
        }
        line
    }
}

/// The results of a run over files and folders.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// One entry per file, in run order.
    pub files: Vec<FileReport>,
}

impl Report {
    /// Cases that passed, deviations included.
    #[must_use]
    pub fn passed(&self) -> usize {
        self.files.iter().map(|f| f.passed).sum()
    }

    /// Cases that failed (including unreadable lines and files).
    #[must_use]
    pub fn failed(&self) -> usize {
        self.files.iter().map(|f| f.failed).sum()
    }

    /// Deviations, a subset of [`Report::passed`].
    #[must_use]
    pub fn deviations(&self) -> usize {
        self.files.iter().map(|f| f.deviations).sum()
    }

    /// Cases run (or attempted).
    #[must_use]
    pub fn cases(&self) -> usize {
        self.passed() + self.failed()
    }

    /// At least one case ran and none failed.
    #[must_use]
    pub fn is_success(&self) -> bool {
        self.cases() > 0 && self.failed() == 0
    }

    /// The failures section alone (what the cargo test prints).
    #[must_use]
    pub fn failures_text(&self) -> String {
        let mut out = String::new();
        for file in &self.files {
            for (op, count) in &file.unsupported {
                out.push_str(&format!(
                    "NOT IMPLEMENTED {}: op {op} ({count} cases failed)\n",
                    file.path
                ));
            }
            for failure in &file.failures {
                let place = if failure.line > 0 {
                    format!("{}:{}", file.path, failure.line)
                } else {
                    file.path.clone()
                };
                out.push_str(&format!(
                    "FAILED {place} {} ({})\n    expected: {}\n    got:      {}\n",
                    failure.id, failure.op, failure.expected, failure.got
                ));
            }
        }
        out
    }
}

impl fmt::Display for Report {
    /// The runner output: one line per file, the failures, then `N passed, M failed`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for file in &self.files {
            writeln!(f, "{}", file.summary())?;
        }
        let failures = self.failures_text();
        if !failures.is_empty() {
            writeln!(f)?;
            f.write_str(&failures)?;
            writeln!(f)?;
        }
        write!(f, "{} passed, {} failed", self.passed(), self.failed())
    }
}

/// Runs every case under the given files and folders with [`AREAS`].
#[must_use]
pub fn run_paths<P: AsRef<Path>>(paths: &[P]) -> Report {
    run_paths_with(AREAS, paths)
}

/// Runs every case under the given files and folders with the given area table. A folder is
/// walked recursively for `*.jsonl` files, in sorted order; a file is run whatever its name.
/// A path that cannot be read is a failure.
#[must_use]
pub fn run_paths_with<P: AsRef<Path>>(areas: &[Area], paths: &[P]) -> Report {
    let mut report = Report::default();
    for path in paths {
        let path = path.as_ref();
        let mut files = Vec::new();
        if let Err(err) = collect_files(path, &mut files) {
            let mut file = FileReport::new(path.display().to_string());
            file.fail(
                "-".to_owned(),
                "-".to_owned(),
                0,
                "a readable vector file or folder",
                err,
            );
            report.files.push(file);
            continue;
        }
        for file in files {
            report.files.push(run_file(areas, &file));
        }
    }
    report
}

fn collect_files(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let meta = fs::metadata(path).map_err(|err| format!("{}: {err}", path.display()))?;
    if !meta.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries = fs::read_dir(path)
        .map_err(|err| format!("{}: {err}", path.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|err| format!("{}: {err}", path.display()))?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect_files(&entry, out)?;
        } else if entry.extension().is_some_and(|ext| ext == "jsonl") {
            out.push(entry);
        }
    }
    Ok(())
}

thread_local! {
    /// The folder of the vector file being run (areas resolve relative input paths there).
    static CASE_DIR: std::cell::RefCell<Option<PathBuf>> = const { std::cell::RefCell::new(None) };
}

thread_local! {
    /// The text of the case being run (areas that need an input's exact text read it there).
    static CASE_LINE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The line of the case being run on this thread (`""` outside a file run): for inputs whose
/// exact text matters, such as an object's key order, which a parsed map does not keep.
#[must_use]
pub fn case_line() -> String {
    CASE_LINE.with(|line| line.borrow().clone())
}

/// The folder of the vector file being run on this thread, if any: inputs that name files
/// (`template_file`) are relative to it.
#[must_use]
pub fn case_dir() -> Option<PathBuf> {
    CASE_DIR.with(|dir| dir.borrow().clone())
}

/// Runs one vector file.
#[must_use]
pub fn run_file(areas: &[Area], path: &Path) -> FileReport {
    CASE_DIR.with(|dir| *dir.borrow_mut() = path.parent().map(Path::to_path_buf));
    let label = path.display().to_string();
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => run_text(areas, label, &text),
            Err(err) => {
                let mut file = FileReport::new(label);
                file.fail("-".into(), "-".into(), 0, "a UTF-8 file", err.to_string());
                file
            }
        },
        Err(err) => {
            let mut file = FileReport::new(label);
            file.fail(
                "-".into(),
                "-".into(),
                0,
                "a readable file",
                err.to_string(),
            );
            file
        }
    }
}

/// Runs the cases of a JSON-lines text, reported under `label`.
#[must_use]
pub fn run_text(areas: &[Area], label: String, text: &str) -> FileReport {
    let mut file = FileReport::new(label);
    let mut seen = std::collections::HashSet::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let case = match Case::parse(trimmed) {
            Ok(case) => case,
            Err(err) => {
                let (id, op) = salvage_id_op(trimmed);
                let id = id.unwrap_or_else(|| format!("line {number}"));
                file.fail(
                    id,
                    op.unwrap_or_else(|| "?".into()),
                    number,
                    "a well-formed case",
                    err,
                );
                continue;
            }
        };
        if !seen.insert(case.id.clone()) {
            file.fail(
                case.id.clone(),
                case.op.clone(),
                number,
                "ids unique within the file",
                format!("duplicate id {}", quote(&case.id)),
            );
            continue;
        }
        CASE_LINE.with(|line| trimmed.clone_into(&mut line.borrow_mut()));
        let (verdict, unsupported) = run_case(areas, &case);
        file.record(&case.id, &case.op, number, verdict, unsupported);
    }
    file
}

/// The id and op of a malformed case, when the line is JSON at all.
fn salvage_id_op(line: &str) -> (Option<String>, Option<String>) {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(line) else {
        return (None, None);
    };
    let get = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_owned);
    (get("id"), get("op"))
}

/// Runs one case: the verdict, and whether it failed because its op is not implemented.
#[must_use]
pub fn run_case(areas: &[Area], case: &Case) -> (Verdict, bool) {
    let Some(area) = areas.iter().find(|area| area.name == case.area()) else {
        let outcome = Err(CaseError::unsupported(case.op.clone()));
        return (evaluate(case, &outcome), true);
    };
    let outcome = call(area.dispatch, &case.op, &case.input);
    let unsupported = matches!(outcome, Err(CaseError::UnsupportedOp(_)));
    let verdict = match area.judge {
        Some(judge) => judge(case, &outcome),
        None => evaluate(case, &outcome),
    };
    (verdict, unsupported)
}

/// Calls a dispatcher, turning a panic into a [`CaseError::Internal`] so one case cannot stop
/// the run.
fn call(dispatch: Dispatch, op: &str, input: &Value) -> Result<Value, CaseError> {
    panic::catch_unwind(AssertUnwindSafe(|| dispatch(op, input))).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "non-string payload".to_owned());
        Err(CaseError::internal(format!(
            "the library panicked: {message}"
        )))
    })
}
