//! A template linter: what processing will silently do differently from what the author
//! probably meant (spec §3–§5, §8, §10, §12), found without processing anything.
//!
//! It reads the template as JSON (`objects`, `parameters`, `labels`, `message`), so it also
//! works on templates that would not decode, and never fails: a part with an unexpected type is
//! reported or skipped. Findings come in a fixed order: parameter checks in parameter order,
//! then references in `message`, `labels` and `objects` in document order (map members in the
//! map's order), then unused parameters.
//!
//! | kind | finding |
//! |---|---|
//! | `duplicate_parameter` | a name declared again: callers (`-p`) set the first definition, substitution uses the last |
//! | `invalid_parameter` | a parameter that is not an object, or whose name is missing or not `[a-zA-Z0-9_]+` (never substituted; the API server rejects it) |
//! | `unknown_generator` | `generate` other than `expression` on a parameter without a value: processing fails |
//! | `invalid_expression` | an `expression` whose `from` cannot be generated (upstream's error, or its panic on an empty class) |
//! | `exclusive_range` | an `expression` whose ranges upstream reads end-exclusive (`[a-z]` never gives `z` in `oc`) |
//! | `undeclared_parameter` | `${X}` or `${{X}}` naming no parameter: left as written |
//! | `embedded_json_reference` | `${{X}}` that is not the whole string: left as written |
//! | `stripped_namespace` | a hard-coded `metadata.namespace` (or `${{X}}`, or a non-string) that processing removes or blanks |
//! | `invalid_object` | an object processing cannot decode (not a JSON object, no `kind`) |
//! | `unused_parameter` | a parameter no `${X}` / `${{X}}` in `objects`, `labels` or `message` refers to |
//!
//! ```
//! use openshift_image::template::lint::{LintKind, lint};
//! use serde_json::json;
//!
//! let template = json!({
//!     "kind": "Template", "apiVersion": "template.openshift.io/v1",
//!     "objects": [{"kind": "ConfigMap", "apiVersion": "v1",
//!                  "metadata": {"name": "${NAME}", "namespace": "prod"}}],
//!     "parameters": [{"name": "NAME"}, {"name": "SPARE"}],
//! });
//! let findings = lint(&template);
//! let kinds: Vec<_> = findings.iter().map(|f| (f.kind.as_str(), f.path.as_str())).collect();
//! assert_eq!(kinds, [
//!     ("stripped_namespace", "objects[0].metadata.namespace"),
//!     ("unused_parameter", "parameters[1]"),
//! ]);
//! assert_eq!(findings[1].kind, LintKind::UnusedParameter);
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{Map, Value};

use super::generator::{Expression, RangeMode};
use crate::error::TemplateError;

/// What a [`LintFinding`] is about; see the [module documentation](self) for each kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LintKind {
    /// A parameter name declared more than once.
    DuplicateParameter,
    /// A parameter that is not an object or has an unusable name.
    InvalidParameter,
    /// A generator name other than `expression`.
    UnknownGenerator,
    /// An `expression` that cannot be generated.
    InvalidExpression,
    /// An `expression` whose ranges upstream reads end-exclusive.
    ExclusiveRange,
    /// A reference to a parameter that is not declared.
    UndeclaredParameter,
    /// `${{X}}` inside a longer string.
    EmbeddedJsonReference,
    /// A namespace that processing removes or blanks.
    StrippedNamespace,
    /// An object processing cannot decode.
    InvalidObject,
    /// A parameter nothing refers to.
    UnusedParameter,
}

impl LintKind {
    /// The kind's stable snake_case name (`unused_parameter`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::DuplicateParameter => "duplicate_parameter",
            Self::InvalidParameter => "invalid_parameter",
            Self::UnknownGenerator => "unknown_generator",
            Self::InvalidExpression => "invalid_expression",
            Self::ExclusiveRange => "exclusive_range",
            Self::UndeclaredParameter => "undeclared_parameter",
            Self::EmbeddedJsonReference => "embedded_json_reference",
            Self::StrippedNamespace => "stripped_namespace",
            Self::InvalidObject => "invalid_object",
            Self::UnusedParameter => "unused_parameter",
        }
    }
}

/// One finding of [`lint`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LintFinding {
    /// What it is about.
    pub kind: LintKind,
    /// Where, JSON-path-like: `objects[2].metadata.namespace`, `parameters[0].from`,
    /// `labels["app.kubernetes.io/name"]`.
    pub path: String,
    /// What happens, for people.
    pub message: String,
}

/// Lints a Template given as JSON; see the [module documentation](self).
#[must_use]
pub fn lint(template: &Value) -> Vec<LintFinding> {
    let mut linter = Linter::default();
    linter.parameters(template.get("parameters"));
    if let Some(message) = template.get("message") {
        linter.walk("message".to_owned(), message);
    }
    if let Some(labels) = template.get("labels") {
        linter.walk("labels".to_owned(), labels);
    }
    if let Some(Value::Array(objects)) = template.get("objects") {
        for (i, object) in objects.iter().enumerate() {
            let path = format!("objects[{i}]");
            linter.object(&path, object);
            linter.walk(path, object);
        }
    }
    linter.unused();
    linter.findings
}

#[derive(Default)]
struct Linter {
    findings: Vec<LintFinding>,
    /// Declared names → index of the first definition.
    declared: BTreeMap<String, usize>,
    used: BTreeSet<String>,
}

impl Linter {
    fn push(&mut self, kind: LintKind, path: String, message: String) {
        self.findings.push(LintFinding {
            kind,
            path,
            message,
        });
    }

    fn parameters(&mut self, parameters: Option<&Value>) {
        let Some(Value::Array(parameters)) = parameters else {
            return;
        };
        for (i, parameter) in parameters.iter().enumerate() {
            let path = format!("parameters[{i}]");
            let Value::Object(parameter) = parameter else {
                self.push(
                    LintKind::InvalidParameter,
                    path,
                    format!(
                        "parameter is {}, not an object: processing fails",
                        json_type(parameter)
                    ),
                );
                continue;
            };
            let name = match parameter.get("name") {
                Some(Value::String(name)) => name.as_str(),
                _ => "",
            };
            if name.is_empty() {
                self.push(
                    LintKind::InvalidParameter,
                    format!("{path}.name"),
                    "parameter has no name: nothing can refer to it, and the API server rejects it"
                        .to_owned(),
                );
            } else if !name.bytes().all(is_name_byte) {
                self.push(
                    LintKind::InvalidParameter,
                    format!("{path}.name"),
                    format!(
                        "parameter name {} is not [a-zA-Z0-9_]+: ${{...}} cannot refer to it, and the API server rejects it",
                        quote(name)
                    ),
                );
            }
            if !name.is_empty() {
                if let Some(&first) = self.declared.get(name) {
                    self.push(
                        LintKind::DuplicateParameter,
                        format!("{path}.name"),
                        format!(
                            "parameter {} is also declared at parameters[{first}]: callers (-p) set the first definition, substitution uses the last",
                            quote(name)
                        ),
                    );
                } else {
                    self.declared.insert(name.to_owned(), i);
                }
            }
            self.generator(&path, name, parameter);
        }
    }

    /// Generator checks for a parameter whose generator runs (no `value`).
    fn generator(&mut self, path: &str, name: &str, parameter: &Map<String, Value>) {
        let text = |key: &str| match parameter.get(key) {
            Some(Value::String(s)) => s.as_str(),
            _ => "",
        };
        let generate = text("generate");
        if generate.is_empty() || !text("value").is_empty() {
            return;
        }
        if generate != "expression" {
            self.push(
                LintKind::UnknownGenerator,
                format!("{path}.generate"),
                format!(
                    "unknown generator {}: processing fails with \"Unknown generator name '{generate}' for parameter {name}\"",
                    quote(generate)
                ),
            );
            return;
        }
        let from = text("from");
        let from_path = format!("{path}.from");
        let inclusive = match Expression::parse(from, RangeMode::Inclusive) {
            Ok(expression) => expression,
            Err(error) => {
                self.push(
                    LintKind::InvalidExpression,
                    from_path,
                    format!("expression {} cannot be generated: {error}", quote(from)),
                );
                return;
            }
        };
        let go = match Expression::parse(from, RangeMode::GoCompat) {
            Ok(expression) => expression,
            Err(error @ TemplateError::EmptyCharacterSet { .. }) => {
                self.push(
                    LintKind::InvalidExpression,
                    from_path,
                    format!(
                        "expression {} crashes upstream (oc, the API server): {error}",
                        quote(from)
                    ),
                );
                return;
            }
            Err(error) => {
                self.push(
                    LintKind::InvalidExpression,
                    from_path,
                    format!("expression {} cannot be generated: {error}", quote(from)),
                );
                return;
            }
        };
        for (ours, theirs) in inclusive.classes().zip(go.classes()) {
            let missing: String = ours
                .alphabet
                .chars()
                .filter(|&c| !theirs.alphabet.contains(c))
                .collect();
            if !missing.is_empty() {
                self.push(
                    LintKind::ExclusiveRange,
                    from_path.clone(),
                    format!(
                        "upstream (oc, the API server) reads the ranges of {} end-exclusive: it never generates {} (it draws from {} of the {} characters documented)",
                        ours.text,
                        quote(&missing),
                        theirs.alphabet.len(),
                        ours.alphabet.len()
                    ),
                );
            }
        }
    }

    /// Decoding and namespace checks on `objects[i]` (before substitution, as processing
    /// does them).
    fn object(&mut self, path: &str, object: &Value) {
        let Value::Object(map) = object else {
            let what = if object.is_null() {
                "null (upstream crashes)".to_owned()
            } else {
                format!("{}, not an object", json_type(object))
            };
            self.push(
                LintKind::InvalidObject,
                path.to_owned(),
                format!("object is {what}: processing fails"),
            );
            return;
        };
        match map.get("kind") {
            Some(Value::String(kind)) if !kind.is_empty() => {}
            _ => self.push(
                LintKind::InvalidObject,
                format!("{path}.kind"),
                "object has no kind: processing fails with \"Object 'Kind' is missing\"".to_owned(),
            ),
        }
        match map.get("metadata") {
            Some(Value::Object(metadata)) => {
                if let Some(namespace) = metadata.get("namespace") {
                    self.namespace(format!("{path}.metadata.namespace"), namespace, "removed");
                }
            }
            Some(_) => {}
            None => {
                if let Some(namespace) = map.get("namespace") {
                    self.namespace(format!("{path}.namespace"), namespace, "blanked to \"\"");
                }
            }
        }
    }

    fn namespace(&mut self, path: String, namespace: &Value, fate: &str) {
        let message = match namespace {
            Value::String(s) if s.is_empty() || !references(s).is_empty() => return,
            Value::String(s) if json_reference(s).is_some() => format!(
                "namespace {} is {fate}: only ${{NAME}} references keep a namespace, not ${{{{NAME}}}}",
                quote(s)
            ),
            Value::String(s) => format!(
                "hard-coded namespace {} is {fate} by processing: objects go to the namespace they are created in (use ${{NAMESPACE}} to keep one)",
                quote(s)
            ),
            other => format!(
                "namespace is {}, not a string: processing turns it into \"\"",
                json_type(other)
            ),
        };
        self.push(LintKind::StrippedNamespace, path, message);
    }

    /// References in every string and map key under `value` (iteratively: no recursion on
    /// input depth).
    fn walk(&mut self, path: String, value: &Value) {
        enum Item<'a> {
            Key(&'a str),
            Value(&'a Value),
        }
        let mut stack = vec![(path, Item::Value(value))];
        while let Some((path, item)) = stack.pop() {
            match item {
                Item::Key(key) => self.string(&path, key, true),
                Item::Value(Value::String(s)) => self.string(&path, s, false),
                Item::Value(Value::Array(items)) => {
                    for (i, item) in items.iter().enumerate().rev() {
                        stack.push((format!("{path}[{i}]"), Item::Value(item)));
                    }
                }
                Item::Value(Value::Object(map)) => {
                    // Each key just before its value, members in the map's order.
                    let members: Vec<_> = map.iter().collect();
                    for (key, item) in members.into_iter().rev() {
                        let child = member_path(&path, key);
                        stack.push((child.clone(), Item::Value(item)));
                        stack.push((child, Item::Key(key)));
                    }
                }
                Item::Value(Value::Null | Value::Bool(_) | Value::Number(_)) => {}
            }
        }
    }

    fn string(&mut self, path: &str, s: &str, is_key: bool) {
        let place = if is_key { "key" } else { "string" };
        let mut undeclared: Vec<String> = Vec::new();
        for name in references(s) {
            self.used.insert(name.to_owned());
            if !self.declared.contains_key(name) && !undeclared.iter().any(|n| n == name) {
                undeclared.push(name.to_owned());
            }
        }
        if let Some(name) = json_reference(s) {
            self.used.insert(name.to_owned());
            if !self.declared.contains_key(name) {
                undeclared.push(format!("{{{name}}}"));
            }
        } else {
            for token in embedded_json_references(s) {
                self.push(
                    LintKind::EmbeddedJsonReference,
                    path.to_owned(),
                    format!(
                        "{token} is replaced only when it is the whole {place}: in {} it stays as written",
                        quote(s)
                    ),
                );
            }
        }
        for name in undeclared {
            self.push(
                LintKind::UndeclaredParameter,
                path.to_owned(),
                format!(
                    "${{{name}}} in {place} {} names no parameter: it stays as written",
                    quote(s)
                ),
            );
        }
    }

    fn unused(&mut self) {
        let mut unused: Vec<(usize, String)> = self
            .declared
            .iter()
            .filter(|(name, _)| !self.used.contains(*name))
            .map(|(name, &i)| (i, name.clone()))
            .collect();
        unused.sort();
        for (i, name) in unused {
            self.push(
                LintKind::UnusedParameter,
                format!("parameters[{i}]"),
                format!(
                    "parameter {} is never referenced (${{{name}}} or ${{{{{name}}}}} in objects, labels or message)",
                    quote(&name)
                ),
            );
        }
    }
}

const fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The names of `${NAME}` references (upstream's `\$\{([a-zA-Z0-9_]+)\}`), in order.
fn references(s: &str) -> Vec<&str> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(offset) = bytes
        .get(i..)
        .and_then(|rest| memchr::memmem::find(rest, b"${"))
    {
        let start = i + offset + 2;
        let mut end = start;
        while bytes.get(end).copied().is_some_and(is_name_byte) {
            end += 1;
        }
        if end > start && bytes.get(end) == Some(&b'}') {
            out.extend(s.get(start..end));
            i = end + 1;
        } else {
            i = start - 1;
        }
    }
    out
}

/// The name of a whole-string `${{NAME}}`.
fn json_reference(s: &str) -> Option<&str> {
    let name = s.strip_prefix("${{")?.strip_suffix("}}")?;
    (!name.is_empty() && name.bytes().all(is_name_byte)).then_some(name)
}

/// Every `${{…}}` (up to the next `}}`, or the rest) in a string that is not one whole
/// `${{NAME}}`.
fn embedded_json_references(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find("${{") {
        let tail = rest.get(start..).unwrap_or_default();
        let len = tail
            .get(3..)
            .and_then(|t| t.find("}}"))
            .map_or(tail.len(), |end| end + 5);
        out.extend(tail.get(..len));
        rest = tail.get(len.max(3)..).unwrap_or_default();
    }
    out
}

/// `path.key`, or `path["key"]` when the key is not an identifier.
fn member_path(path: &str, key: &str) -> String {
    let identifier = key
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && key.bytes().all(is_name_byte);
    let mut out = String::with_capacity(path.len() + key.len() + 4);
    out.push_str(path);
    if identifier {
        out.push('.');
        out.push_str(key);
    } else {
        let _ = write!(out, "[{}]", quote(key));
    }
    out
}

/// A JSON string literal.
fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The JSON type of a value with its article, for messages (`a string`, `null`).
pub(crate) const fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a bool",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn template(objects: Value, parameters: Value) -> Value {
        json!({"kind": "Template", "apiVersion": "template.openshift.io/v1",
               "metadata": {"name": "t"}, "objects": objects, "parameters": parameters})
    }

    fn cm(data: Value) -> Value {
        json!({"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "cm"}, "data": data})
    }

    fn kinds(findings: &[LintFinding]) -> Vec<(&'static str, &str)> {
        findings
            .iter()
            .map(|f| (f.kind.as_str(), f.path.as_str()))
            .collect()
    }

    /// A name, a template, the expected `(kind, path)` findings.
    type Case = (&'static str, Value, Vec<(&'static str, &'static str)>);

    #[test]
    fn findings_by_kind() {
        let cases: Vec<Case> = vec![
            (
                "clean",
                json!({"kind": "Template", "message": "password ${PW}",
                       "objects": [cm(json!({"a": "${A}", "b": "${{B}}", "${KEY}": "x"})),
                                   {"kind": "Secret", "metadata": {"name": "s", "namespace": "${NS}"}}],
                       "parameters": [{"name": "A", "value": "a"}, {"name": "B", "value": "2"},
                                      {"name": "KEY", "value": "k"}, {"name": "NS"},
                                      {"name": "PW", "generate": "expression", "from": "[\\w]{16}"}]}),
                vec![],
            ),
            (
                "unused",
                template(
                    json!([cm(json!({"a": "${A}"}))]),
                    json!([{"name": "A"}, {"name": "B"}]),
                ),
                vec![("unused_parameter", "parameters[1]")],
            ),
            (
                "undeclared plain, json form and key",
                template(
                    json!([cm(
                        json!({"a": "${NOPE}-${NOPE}", "b": "${{ALSO}}", "${K}": "v"})
                    )]),
                    json!([]),
                ),
                vec![
                    ("undeclared_parameter", "objects[0].data[\"${K}\"]"),
                    ("undeclared_parameter", "objects[0].data.a"),
                    ("undeclared_parameter", "objects[0].data.b"),
                ],
            ),
            (
                "embedded json reference",
                template(
                    json!([cm(
                        json!({"a": "x${{A}}", "b": "${{A}}${{A}}", "c": "${{ A }}", "d": "${{A}}"})
                    )]),
                    json!([{"name": "A"}]),
                ),
                vec![
                    ("embedded_json_reference", "objects[0].data.a"),
                    ("embedded_json_reference", "objects[0].data.b"),
                    ("embedded_json_reference", "objects[0].data.b"),
                    ("embedded_json_reference", "objects[0].data.c"),
                ],
            ),
            (
                "namespaces",
                template(
                    json!([
                        {"kind": "A", "metadata": {"namespace": "fixed"}},
                        {"kind": "B", "metadata": {"namespace": "${{NS}}"}},
                        {"kind": "C", "metadata": {"namespace": 5}},
                        {"kind": "D", "metadata": {"namespace": "pre-${NS}"}},
                        {"kind": "E", "metadata": {"namespace": ""}},
                        {"kind": "F", "namespace": "top"},
                        {"kind": "G", "metadata": "x", "namespace": "top"},
                        {"kind": "H", "metadata": {}, "subjects": [{"namespace": "kept"}]}
                    ]),
                    json!([{"name": "NS"}]),
                ),
                vec![
                    ("stripped_namespace", "objects[0].metadata.namespace"),
                    ("stripped_namespace", "objects[1].metadata.namespace"),
                    ("stripped_namespace", "objects[2].metadata.namespace"),
                    ("stripped_namespace", "objects[5].namespace"),
                ],
            ),
            (
                "duplicates and names",
                template(
                    json!([cm(json!({"a": "${A}", "b": "${my_p}"}))]),
                    json!([{"name": "A"}, {"name": "A"}, {"name": "MY-P"}, {"value": "x"}, "nope",
                           {"name": "my_p"}]),
                ),
                vec![
                    ("duplicate_parameter", "parameters[1].name"),
                    ("invalid_parameter", "parameters[2].name"),
                    ("invalid_parameter", "parameters[3].name"),
                    ("invalid_parameter", "parameters[4]"),
                    ("unused_parameter", "parameters[2]"),
                ],
            ),
            (
                "generators",
                template(
                    json!([cm(json!({"a": "${A}${B}${C}${D}${E}${F}${G}${H}"}))]),
                    json!([
                        {"name": "A", "generate": "expression", "from": "[abc]{3}"},
                        {"name": "B", "generate": "expression", "from": "[a-a]{3}"},
                        {"name": "C", "generate": "expression", "from": "[a-z]{300}"},
                        {"name": "D", "generate": "password"},
                        {"name": "E", "generate": "password", "value": "set"},
                        {"name": "F", "generate": "expression", "from": "[a-z]{4}[A-Z]{2}"},
                        {"name": "G", "generate": "expression", "from": "[\\w]{8}"},
                        {"name": "H", "generate": "expression", "from": "[abc]{3}", "value": "v"}
                    ]),
                ),
                vec![
                    ("invalid_expression", "parameters[0].from"),
                    ("invalid_expression", "parameters[1].from"),
                    ("invalid_expression", "parameters[2].from"),
                    ("unknown_generator", "parameters[3].generate"),
                    ("exclusive_range", "parameters[5].from"),
                    ("exclusive_range", "parameters[5].from"),
                ],
            ),
            (
                "objects",
                template(
                    json!([null, 5, {"metadata": {}}, {"kind": ""}, {"kind": "${K}"}]),
                    json!([{"name": "K"}]),
                ),
                vec![
                    ("invalid_object", "objects[0]"),
                    ("invalid_object", "objects[1]"),
                    ("invalid_object", "objects[2].kind"),
                    ("invalid_object", "objects[3].kind"),
                ],
            ),
            (
                "message and labels count as uses",
                json!({"kind": "Template", "message": "user ${USER}", "labels": {"app": "${APP}", "${{K}}": "v"},
                       "objects": [], "parameters": [{"name": "USER"}, {"name": "APP"}, {"name": "K"}]}),
                vec![],
            ),
            (
                "not a template",
                json!({"objects": "x", "parameters": {"name": "A"}, "labels": ["${X}"]}),
                vec![("undeclared_parameter", "labels[0]")],
            ),
            ("empty", json!({}), vec![]),
        ];
        for (name, input, want) in cases {
            let findings = lint(&input);
            assert_eq!(kinds(&findings), want, "{name}: {findings:#?}");
        }
    }

    #[test]
    fn messages() {
        let findings = lint(&template(
            json!([{"kind": "A", "metadata": {"namespace": "fixed", "labels": {"app.kubernetes.io/name": "${{X}}-y"}}}]),
            json!([{"name": "X", "generate": "expression", "from": "[0-1]{8}"}]),
        ));
        let messages: Vec<(&str, &str, &str)> = findings
            .iter()
            .map(|f| (f.kind.as_str(), f.path.as_str(), f.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    "exclusive_range",
                    "parameters[0].from",
                    "upstream (oc, the API server) reads the ranges of [0-1]{8} end-exclusive: it never generates \"1\" (it draws from 1 of the 2 characters documented)"
                ),
                (
                    "stripped_namespace",
                    "objects[0].metadata.namespace",
                    "hard-coded namespace \"fixed\" is removed by processing: objects go to the namespace they are created in (use ${NAMESPACE} to keep one)"
                ),
                (
                    "embedded_json_reference",
                    "objects[0].metadata.labels[\"app.kubernetes.io/name\"]",
                    "${{X}} is replaced only when it is the whole string: in \"${{X}}-y\" it stays as written"
                ),
                (
                    "unused_parameter",
                    "parameters[0]",
                    "parameter \"X\" is never referenced (${X} or ${{X}} in objects, labels or message)"
                ),
            ]
        );
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let mut value = json!("${DEEP}");
        for _ in 0..2_000 {
            value = Value::Array(vec![value]);
        }
        // Built by hand: `json!` would serialize the deep value recursively.
        let mut object = json!({"kind": "A"});
        object["spec"] = value;
        let mut template = json!({});
        template["objects"] = Value::Array(vec![object]);
        let findings = lint(&template);
        assert_eq!(
            kinds(&findings).first().map(|k| k.0),
            Some("undeclared_parameter")
        );
    }

    #[test]
    fn reference_scanner() {
        let cases: &[(&str, &[&str])] = &[
            ("${A}-${B}", &["A", "B"]),
            ("$${A}", &["A"]),
            ("${A${B}}", &["B"]),
            ("${}${-}${a.b}", &[]),
            ("${{A}}", &[]),
            ("${1}", &["1"]),
        ];
        for (input, want) in cases {
            assert_eq!(references(input), *want, "{input}");
        }
    }
}
