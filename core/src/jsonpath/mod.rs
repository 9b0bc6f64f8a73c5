//! kubectl's JSONPath template dialect, as `k8s.io/client-go/util/jsonpath` implements it
//! (`kubectl -o jsonpath=…`). **Not RFC 9535**: text outside `{…}` is copied, `range`/`end`
//! loop, `$` means the current object, brackets split on every comma, map keys are visited in
//! sorted order (upstream's order is random), and values print the way Go's `fmt` and
//! `encoding/json` print them.
//!
//! A template is compiled once ([`JsonPath::parse`]) and evaluated any number of times
//! ([`JsonPath::execute`], [`JsonPath::find_results`]); evaluation keeps no state in the compiled
//! template (upstream's range state breaks a second `Execute`, spec §13).
//!
//! ```
//! use openshift_image::jsonpath::{ExecuteOptions, JsonPath};
//!
//! let path = JsonPath::parse("{range .items[*]}{.metadata.name}{\"\\n\"}{end}")?;
//! let data = serde_json::json!({"items": [{"metadata": {"name": "a"}}, {"metadata": {"name": "b"}}]});
//! assert_eq!(path.execute(&data, &ExecuteOptions::default())?, "a\nb\n");
//! # Ok::<(), openshift_image::jsonpath::JsonPathError>(())
//! ```

mod doc;
mod eval;
mod parser;
mod print;

use std::fmt;

use serde_json::{Map, Value, json};

/// Maximum nesting of the document, of `range` blocks and of recursive descent walked by the
/// evaluator.
pub const MAX_DEPTH: usize = 512;
/// Maximum size in bytes of the text [`JsonPath::execute`] produces.
pub const MAX_OUTPUT_BYTES: usize = 64 << 20;
/// Maximum number of JSON nodes (scalars, arrays, objects) [`JsonPath::find_results`] may copy
/// into its answer.
pub const MAX_RESULT_NODES: usize = 16 << 20;
/// Maximum number of values the evaluator may produce over one evaluation (all steps).
pub const MAX_VALUES: usize = 1_000_000;

/// Which phase of the template's life failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The parser rejected the template.
    Parse,
    /// Evaluation failed.
    Execute,
}

/// A JSONPath error: upstream's message as `Display`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonPathError {
    /// A `{` without its `}` (or a newline inside an action).
    #[error("unclosed action")]
    UnclosedAction,
    /// A character that starts no token inside an action (Go `%#U`).
    #[error("unrecognized character in action: {}", go_sharp_u(*.0))]
    UnrecognizedCharacter(char),
    /// A number literal that is neither an int nor a float.
    #[error("cannot parse number {0}")]
    CannotParseNumber(String),
    /// A `[` without `]`.
    #[error("unterminated array")]
    UnterminatedArray,
    /// A `[?(` without `)`.
    #[error("unterminated filter")]
    UnterminatedFilter,
    /// A filter's `)` not followed by `]`.
    #[error("unclosed array expect ]")]
    UnclosedArray,
    /// A quoted literal without its closing quote.
    #[error("unterminated quoted string")]
    UnterminatedQuotedString,
    /// A quoted literal Go's `strconv.UnquoteChar` rejects.
    #[error("unquote string {0} error invalid syntax")]
    Unquote(String),
    /// Bracket text that is no union, dict key or slice.
    #[error("invalid array index {0}")]
    InvalidArrayIndex(String),
    /// A slice bound that does not fit an int.
    #[error("array index {0} is not a number")]
    ArrayIndexNotNumber(String),
    /// `....`.
    #[error("invalid multiple recursive descent")]
    MultipleRecursiveDescent,
    /// The template nests sub-expressions too deeply.
    #[error("jsonpath template nested too deeply")]
    TooDeep,
    /// A field step found nothing.
    #[error("{0} is not found")]
    NotFound(String),
    /// A slice bound outside the array.
    #[error("array index out of bounds: index {index}, length {length}")]
    IndexOutOfBounds {
        /// The offending index.
        index: i64,
        /// The array's length.
        length: usize,
    },
    /// A slice whose start is after its end.
    #[error("starting index {start} is greater than ending index {end}")]
    StartAfterEnd {
        /// Adjusted start.
        start: i64,
        /// Adjusted end.
        end: i64,
    },
    /// A slice step ≤ 0.
    #[error("step must be > 0")]
    StepNotPositive,
    /// Brackets on a value that is no array.
    #[error("{0} is not array or slice")]
    NotArray(String),
    /// A filter on a value that is no array (Go `%v` of the value).
    #[error("{0} is not array or slice and cannot be filtered")]
    CannotFilter(String),
    /// An identifier other than `range`, `end`, `true`, `false`.
    #[error("unrecognized identifier {0}")]
    UnrecognizedIdentifier(String),
    /// `{end}` outside a range.
    #[error("not in range, nothing to end")]
    NotInRange,
    /// A filter operator run other than the six comparisons.
    #[error("unrecognized filter operator {0}")]
    UnrecognizedFilterOperator(String),
    /// A filter side produced more than one value.
    #[error("can only compare one element at a time")]
    CompareOneElement,
    /// Comparison of different kinds.
    #[error("incompatible types for comparison")]
    IncompatibleTypes,
    /// Comparison of a kind that does not compare (null, map, array, ordered bools).
    #[error("invalid type for comparison")]
    InvalidComparisonType,
    /// Upstream panics here (brackets on the zero value of an empty range, or JSON output of
    /// it); reported as an error.
    #[error("reflect: call of reflect.Value.Type on zero Value")]
    ZeroValue,
    /// A number in the document that does not fit a float64.
    #[error("json: cannot unmarshal number {0} into Go value of type float64")]
    BadNumber(String),
    /// The document text is not valid JSON (Go's decoder's message).
    #[error("{message}")]
    InvalidDocument {
        /// Byte offset of the error in the text.
        offset: usize,
        /// What is wrong, as Go's decoder says it.
        message: String,
    },
    /// Evaluation exceeded [`MAX_DEPTH`], [`MAX_VALUES`] or [`MAX_OUTPUT_BYTES`].
    #[error("jsonpath evaluation exceeds its limit: {0}")]
    Limit(&'static str),
}

impl JsonPathError {
    /// The phase that failed.
    pub const fn phase(&self) -> Phase {
        use JsonPathError as E;
        match self {
            E::UnclosedAction
            | E::UnrecognizedCharacter(_)
            | E::CannotParseNumber(_)
            | E::UnterminatedArray
            | E::UnterminatedFilter
            | E::UnclosedArray
            | E::UnterminatedQuotedString
            | E::Unquote(_)
            | E::InvalidArrayIndex(_)
            | E::ArrayIndexNotNumber(_)
            | E::MultipleRecursiveDescent
            | E::TooDeep => Phase::Parse,
            _ => Phase::Execute,
        }
    }

    /// A stable kind string, `jsonpath.<snake_case>`.
    pub const fn kind(&self) -> &'static str {
        use JsonPathError as E;
        match self {
            E::UnclosedAction => "jsonpath.unclosed_action",
            E::UnrecognizedCharacter(_) => "jsonpath.unrecognized_character",
            E::CannotParseNumber(_) => "jsonpath.cannot_parse_number",
            E::UnterminatedArray => "jsonpath.unterminated_array",
            E::UnterminatedFilter => "jsonpath.unterminated_filter",
            E::UnclosedArray => "jsonpath.unclosed_array",
            E::UnterminatedQuotedString => "jsonpath.unterminated_quoted_string",
            E::Unquote(_) => "jsonpath.unquote",
            E::InvalidArrayIndex(_) => "jsonpath.invalid_array_index",
            E::ArrayIndexNotNumber(_) => "jsonpath.array_index_not_number",
            E::MultipleRecursiveDescent => "jsonpath.multiple_recursive_descent",
            E::TooDeep => "jsonpath.too_deep",
            E::NotFound(_) => "jsonpath.not_found",
            E::IndexOutOfBounds { .. } => "jsonpath.index_out_of_bounds",
            E::StartAfterEnd { .. } => "jsonpath.start_after_end",
            E::StepNotPositive => "jsonpath.step_not_positive",
            E::NotArray(_) => "jsonpath.not_array",
            E::CannotFilter(_) => "jsonpath.cannot_filter",
            E::UnrecognizedIdentifier(_) => "jsonpath.unrecognized_identifier",
            E::NotInRange => "jsonpath.not_in_range",
            E::UnrecognizedFilterOperator(_) => "jsonpath.unrecognized_filter_operator",
            E::CompareOneElement => "jsonpath.compare_one_element",
            E::IncompatibleTypes => "jsonpath.incompatible_types",
            E::InvalidComparisonType => "jsonpath.invalid_comparison_type",
            E::ZeroValue => "jsonpath.zero_value",
            E::BadNumber(_) => "jsonpath.bad_number",
            E::InvalidDocument { .. } => "jsonpath.invalid_document",
            E::Limit(_) => "jsonpath.limit",
        }
    }
}

/// Go `%#U`: `U+0041 'A'`, the quoted char only when printable.
fn go_sharp_u(c: char) -> String {
    let code = c as u32;
    if go_printable(c) {
        format!("U+{code:04X} '{c}'")
    } else {
        format!("U+{code:04X}")
    }
}

/// Approximation of Go's `strconv.IsPrint`.
fn go_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c as u32,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB
        | 0xD800..=0xDFFF | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
}

/// One slice bound of an [`Node::Array`] (upstream `ParamsEntry`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Param {
    /// The value (0 when unknown).
    pub value: i64,
    /// Whether the bound was given.
    pub known: bool,
    /// Whether the end was derived from an index (`[i]` = `[i:i+1]`).
    pub derived: bool,
}

/// A parsed template node (upstream `node.go`).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A list of nodes: one action `{…}`, or a union branch or filter side.
    List(Vec<Node>),
    /// Literal text.
    Text(String),
    /// `.name` (escapes removed).
    Field(String),
    /// `range`, `end` or an unknown identifier.
    Identifier(String),
    /// Index or slice: start, end, step.
    Array([Param; 3]),
    /// `[?(left op right)]`; `operator` is `exists` for an existence filter.
    Filter {
        /// Left side.
        left: Vec<Node>,
        /// The operator text as written, or `exists`.
        operator: String,
        /// Right side (empty for `exists`).
        right: Vec<Node>,
    },
    /// An int literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// `true` / `false`.
    Bool(bool),
    /// `.*` or `[*]`-less wildcard.
    Wildcard,
    /// `..`.
    Recursive,
    /// `[a,b]`: one node list per branch.
    Union(Vec<Vec<Node>>),
}

fn list_value(nodes: &[Node]) -> Value {
    json!({"type": "list", "nodes": nodes.iter().map(Node::to_value).collect::<Vec<_>>()})
}

impl Node {
    /// The node as the conformance JSON form (`{"type": …, …}`, OPS.md `jsonpath.parse`).
    pub fn to_value(&self) -> Value {
        match self {
            Node::List(nodes) => list_value(nodes),
            Node::Text(t) => json!({"type": "text", "text": t}),
            Node::Field(n) => json!({"type": "field", "name": n}),
            Node::Identifier(n) => json!({"type": "identifier", "name": n}),
            Node::Array(params) => json!({"type": "array", "params": params
                .iter()
                .map(|p| json!({"value": p.value, "known": p.known, "derived": p.derived}))
                .collect::<Vec<_>>()}),
            Node::Filter {
                left,
                operator,
                right,
            } => json!({"type": "filter", "left": list_value(left), "operator": operator,
                "right": list_value(right)}),
            Node::Int(i) => json!({"type": "int", "value": i}),
            Node::Float(f) => {
                let mut m = Map::new();
                m.insert("type".into(), "float".into());
                m.insert(
                    "value".into(),
                    serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
                );
                Value::Object(m)
            }
            Node::Bool(b) => json!({"type": "bool", "value": b}),
            Node::Wildcard => json!({"type": "wildcard"}),
            Node::Recursive => json!({"type": "recursive"}),
            Node::Union(branches) => json!({"type": "union", "branches": branches
                .iter()
                .map(|b| list_value(b))
                .collect::<Vec<_>>()}),
        }
    }
}

/// client-go `Node.String()`: `NodeList`, `NodeText: x`, `NodeField: x`, … (one node, not its
/// children).
impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::List(_) => f.write_str("NodeList"),
            Node::Text(t) => write!(f, "NodeText: {t}"),
            Node::Field(n) => write!(f, "NodeField: {n}"),
            Node::Identifier(n) => write!(f, "NodeIdentifier: {n}"),
            Node::Array(p) => write!(
                f,
                "NodeArray: [{{{} {} {}}} {{{} {} {}}} {{{} {} {}}}]",
                p[0].value,
                p[0].known,
                p[0].derived,
                p[1].value,
                p[1].known,
                p[1].derived,
                p[2].value,
                p[2].known,
                p[2].derived
            ),
            Node::Filter { operator, .. } => write!(f, "NodeFilter: NodeList {operator} NodeList"),
            Node::Int(i) => write!(f, "NodeInt: {i}"),
            Node::Float(x) => write!(f, "NodeFloat: {x:.6}"),
            Node::Bool(b) => write!(f, "NodeBool: {b}"),
            Node::Wildcard => f.write_str("NodeWildcard"),
            Node::Recursive => f.write_str("NodeRecursive"),
            Node::Union(_) => f.write_str("NodeUnion"),
        }
    }
}

/// Appends the `Node.String()` of `node` and of everything under it, in upstream
/// `parser_test.go` order.
fn push_strings(node: &Node, out: &mut Vec<String>) {
    out.push(node.to_string());
    let push_list = |nodes: &[Node], out: &mut Vec<String>| {
        out.push("NodeList".to_owned());
        for n in nodes {
            push_strings(n, out);
        }
    };
    match node {
        Node::List(nodes) => {
            for n in nodes {
                push_strings(n, out);
            }
        }
        Node::Filter { left, right, .. } => {
            push_list(left, out);
            push_list(right, out);
        }
        Node::Union(branches) => {
            for b in branches {
                push_list(b, out);
            }
        }
        _ => {}
    }
}

/// How numbers in the document are decoded (OPS.md `numbers`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberMode {
    /// kubectl / unstructured: a literal that parses as a signed 64-bit integer is an integer,
    /// anything else a float64, as Go decodes it (so integers beyond int64 print as floats:
    /// `output/lists/08` requires it; spec §13 would keep u64 exact).
    #[default]
    Int64,
    /// Plain `encoding/json`: every number is a float64.
    Float64,
}

/// Evaluation options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExecuteOptions {
    /// `AllowMissingKeys(true)` (kubectl's default is true; client-go's false).
    pub allow_missing_keys: bool,
    /// Number decoding of the document.
    pub numbers: NumberMode,
    /// `EnableJSONOutput(true)` (`-o jsonpath-as-json`).
    pub output_json: bool,
}

/// A compiled template.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonPath {
    nodes: Vec<Node>,
}

impl JsonPath {
    /// Parses a template (`JSONPath.Parse`).
    ///
    /// ```
    /// use openshift_image::jsonpath::JsonPath;
    ///
    /// assert!(JsonPath::parse("{.metadata.name}").is_ok());
    /// assert_eq!(JsonPath::parse("{.a").unwrap_err().to_string(), "unclosed action");
    /// ```
    pub fn parse(template: &str) -> Result<Self, JsonPathError> {
        Ok(Self {
            nodes: parser::parse(template)?,
        })
    }

    /// The top-level nodes (text nodes and one list per action).
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// client-go's `Node.String()` of every node, depth first (the list upstream
    /// `parser_test.go` compares): `["NodeList", "NodeField: name", …]`.
    pub fn node_strings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for node in &self.nodes {
            push_strings(node, &mut out);
        }
        out
    }

    /// Evaluates the template and prints the results as client-go's `Execute` does.
    ///
    /// ```
    /// use openshift_image::jsonpath::{ExecuteOptions, JsonPath};
    ///
    /// let path = JsonPath::parse("{.spec.ports[*].port}")?;
    /// let data = serde_json::json!({"spec": {"ports": [{"port": 80}, {"port": 443}]}});
    /// assert_eq!(path.execute(&data, &ExecuteOptions::default())?, "80 443");
    /// # Ok::<(), openshift_image::jsonpath::JsonPathError>(())
    /// ```
    pub fn execute(&self, data: &Value, options: &ExecuteOptions) -> Result<String, JsonPathError> {
        self.execute_document(&Document::from_value(data)?, options)
    }

    /// [`execute`](Self::execute) on JSON text: the fastest way in, as the text is read into a
    /// borrowed [`Document`] without building a `serde_json::Value`, and numbers keep the text
    /// they were written with (`3.0` stays a float).
    ///
    /// ```
    /// use openshift_image::jsonpath::{ExecuteOptions, JsonPath};
    ///
    /// let path = JsonPath::parse("{.spec.replicas}")?;
    /// assert_eq!(path.execute_json(r#"{"spec": {"replicas": 3.0}}"#, &ExecuteOptions::default())?, "3");
    /// assert!(path.execute_json("{", &ExecuteOptions::default()).is_err());
    /// # Ok::<(), openshift_image::jsonpath::JsonPathError>(())
    /// ```
    ///
    /// # Errors
    /// [`JsonPathError::InvalidDocument`] when the text is not JSON, else as
    /// [`execute`](Self::execute).
    pub fn execute_json(
        &self,
        text: &str,
        options: &ExecuteOptions,
    ) -> Result<String, JsonPathError> {
        self.execute_document(&Document::parse(text)?, options)
    }

    /// [`execute`](Self::execute) on a document read once with [`Document::parse`] or
    /// [`Document::from_value`] (several templates over one document).
    ///
    /// # Errors
    /// As [`execute`](Self::execute).
    pub fn execute_document(
        &self,
        document: &Document<'_>,
        options: &ExecuteOptions,
    ) -> Result<String, JsonPathError> {
        let lists = eval::find_results(&self.nodes, document.root(), options)?;
        print::print_lists(&lists, options)
    }

    /// `FindResults` with client-go's default options (missing keys are errors, int64 numbers).
    pub fn find_results(&self, data: &Value) -> Result<Vec<Vec<Value>>, JsonPathError> {
        self.find_results_with(data, &ExecuteOptions::default())
    }

    /// `FindResults`: one list of values per evaluated node, in order.
    pub fn find_results_with(
        &self,
        data: &Value,
        options: &ExecuteOptions,
    ) -> Result<Vec<Vec<Value>>, JsonPathError> {
        self.find_results_document(&Document::from_value(data)?, options)
    }

    /// [`find_results_with`](Self::find_results_with) on a [`Document`].
    ///
    /// # Errors
    /// As [`find_results_with`](Self::find_results_with).
    pub fn find_results_document(
        &self,
        document: &Document<'_>,
        options: &ExecuteOptions,
    ) -> Result<Vec<Vec<Value>>, JsonPathError> {
        let lists = eval::find_results(&self.nodes, document.root(), options)?;
        let mut budget = MAX_RESULT_NODES;
        let mut out = Vec::with_capacity(lists.len());
        for list in &lists {
            let mut values = Vec::with_capacity(list.len());
            for item in list {
                budget = budget
                    .checked_sub(item.node_count(budget))
                    .ok_or(JsonPathError::Limit("result size"))?;
                values.push(item.to_value(options.numbers));
            }
            out.push(values);
        }
        Ok(out)
    }
}

/// A JSON document read for evaluation: borrowed from its text or from a `serde_json::Value`,
/// every number checked the way Go's decoder checks it (a number beyond float64 is an error,
/// wherever it is), object keys sorted. Read it once to run several templates over it.
///
/// ```
/// use openshift_image::jsonpath::{Document, ExecuteOptions, JsonPath};
///
/// let document = Document::parse(r#"{"items": [{"n": "a"}, {"n": "b"}]}"#)?;
/// let options = ExecuteOptions::default();
/// assert_eq!(JsonPath::parse("{.items[0].n}")?.execute_document(&document, &options)?, "a");
/// assert_eq!(JsonPath::parse("{.items[*].n}")?.execute_document(&document, &options)?, "a b");
/// # Ok::<(), openshift_image::jsonpath::JsonPathError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Document<'a> {
    root: Root<'a>,
}

/// What a [`Document`] reads: its own parse of a text, or a borrowed `serde_json` value
/// (evaluated in place).
#[derive(Debug, Clone, PartialEq)]
enum Root<'a> {
    Parsed(doc::Doc<'a>),
    Value(&'a Value),
}

impl<'a> Document<'a> {
    /// Reads JSON text (strings without escapes are borrowed, not copied).
    ///
    /// # Errors
    /// [`JsonPathError::InvalidDocument`] (Go's decoder's message) for text that is not JSON,
    /// [`JsonPathError::BadNumber`] for a number beyond float64, [`JsonPathError::Limit`] for
    /// nesting beyond [`MAX_DEPTH`].
    pub fn parse(text: &'a str) -> Result<Self, JsonPathError> {
        Ok(Self {
            root: Root::Parsed(doc::Doc::parse(text)?),
        })
    }

    /// Borrows a `serde_json` value: it is evaluated in place, nothing is copied.
    ///
    /// # Errors
    /// [`JsonPathError::BadNumber`] for a number beyond float64 (possible with serde_json's
    /// `arbitrary_precision`).
    pub fn from_value(value: &'a Value) -> Result<Self, JsonPathError> {
        doc::check_value_numbers(value)?;
        Ok(Self {
            root: Root::Value(value),
        })
    }

    /// The document as a `serde_json` value (numbers as written).
    #[must_use]
    pub fn to_value(&self) -> Value {
        self.root().to_value()
    }

    fn root(&self) -> doc::DocRef<'_> {
        match &self.root {
            Root::Parsed(d) => doc::DocRef::Doc(d),
            Root::Value(v) => doc::DocRef::Value(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(template: &str, data: &str, allow: bool) -> Result<String, JsonPathError> {
        let data: Value = serde_json::from_str(data).unwrap_or(Value::Null);
        let options = ExecuteOptions {
            allow_missing_keys: allow,
            ..ExecuteOptions::default()
        };
        JsonPath::parse(template)?.execute(&data, &options)
    }

    #[test]
    fn executes_like_client_go() {
        let doc = r#"{"kind":"List","items":[{"metadata":{"name":"a"},"n":1},{"metadata":{"name":"b"},"n":2.5}],"m":{"b":2,"a":1},"nul":null}"#;
        let cases: &[(&str, bool, &str)] = &[
            ("a}b{.kind}c}", false, "a}bListc}"),
            ("{.items[*].metadata.name}", false, "a b"),
            ("{.m}", false, r#"{"a":1,"b":2}"#),
            ("{.m.*}", false, "1 2"),
            ("{.kind.*}", false, "76 105 115 116"),
            ("{.items[-1].n}", false, "2.5"),
            ("{.items[?(@.metadata.name>\"a\")].n}", false, "2.5"),
            ("{.items[?(@.metadata.name==\"a\")].n}", false, "1"),
            ("{range .items[*]}[{.metadata.name}]{end}", false, "[a][b]"),
            ("{.nul}", false, "null"),
            ("{.missing}", true, ""),
            ("{\"{\"}", false, "{"),
            ("{1.0}", false, "1"),
            ("{['m.a']}", false, "1"),
            ("{.items[0]['metadata.name','n']}", false, "a 1"),
        ];
        for (template, allow, want) in cases {
            assert_eq!(
                run(template, doc, *allow).as_deref(),
                Ok(*want),
                "{template}"
            );
        }
    }

    #[test]
    fn reports_upstream_errors() {
        let doc = r#"{"items":[{"n":1}],"m":{"a":1},"s":"x"}"#;
        let cases: &[(&str, &str, Phase)] = &[
            ("{.a", "unclosed action", Phase::Parse),
            (
                "{\t}",
                "unrecognized character in action: U+0009",
                Phase::Parse,
            ),
            (
                "{{}",
                "unrecognized character in action: U+007B '{'",
                Phase::Parse,
            ),
            ("{+12.3.0}", "cannot parse number +12.3.0", Phase::Parse),
            ("{[1.5]}", "invalid array index 1.5", Phase::Parse),
            (
                "{....a}",
                "invalid multiple recursive descent",
                Phase::Parse,
            ),
            (
                "{\"a\\qb\"}",
                "unquote string \"a\\qb\" error invalid syntax",
                Phase::Parse,
            ),
            ("{.x}", "x is not found", Phase::Execute),
            (
                "{.items[3]}",
                "array index out of bounds: index 3, length 1",
                Phase::Execute,
            ),
            ("{.items[::-1]}", "step must be > 0", Phase::Execute),
            (
                "{.m[0]}",
                "map[string]interface {} is not array or slice",
                Phase::Execute,
            ),
            ("{.s[0]}", "string is not array or slice", Phase::Execute),
            ("{end}", "not in range, nothing to end", Phase::Execute),
            ("{foo}", "unrecognized identifier foo", Phase::Execute),
            (
                "{.items[?(@.n<>1)]}",
                "unrecognized filter operator <>",
                Phase::Execute,
            ),
            (
                "{.items[?(@.n==1.0)]}",
                "incompatible types for comparison",
                Phase::Execute,
            ),
        ];
        for (template, want, phase) in cases {
            let err = run(template, doc, false).expect_err(template);
            assert_eq!(err.to_string(), *want, "{template}");
            assert_eq!(err.phase(), *phase, "{template}");
            assert!(err.kind().starts_with("jsonpath."));
        }
    }

    #[test]
    fn compiled_once_runs_twice() {
        let path = JsonPath::parse("{range .items[*]}{.name}{end}").expect("parses");
        let data = json!({"items": [{"name": "a"}, {"name": "b"}]});
        let options = ExecuteOptions::default();
        assert_eq!(path.execute(&data, &options).as_deref(), Ok("ab"));
        assert_eq!(path.execute(&data, &options).as_deref(), Ok("ab"));
    }

    #[test]
    fn never_panics_and_stays_bounded() {
        // Upstream panics here; an error is returned instead.
        assert!(run("{range .things[*]}{[0]}{end}", r#"{"things":[]}"#, true).is_err());
        let deep_ranges = "{range}".repeat(MAX_DEPTH + 10);
        assert!(matches!(
            run(&deep_ranges, "{}", true),
            Err(JsonPathError::Limit(_))
        ));
        let mut deep = json!(1);
        for _ in 0..(MAX_DEPTH + 10) {
            deep = json!([deep]);
        }
        let path = JsonPath::parse("{..}").expect("parses");
        assert!(path.execute(&deep, &ExecuteOptions::default()).is_err());
        for template in [
            "{",
            "{[",
            "{[?(",
            "{'",
            "{.a[?(@.b==\"x",
            "{..",
            "{[,,]}",
            "{-}",
        ] {
            let _ = run(template, "{}", false);
        }
    }

    #[test]
    fn node_strings_match_upstream() {
        let path = JsonPath::parse("{.a[1:]}").expect("parses");
        assert_eq!(
            path.node_strings(),
            [
                "NodeList",
                "NodeField: a",
                "NodeArray: [{1 true false} {0 false false} {0 false false}]"
            ]
        );
    }
}
