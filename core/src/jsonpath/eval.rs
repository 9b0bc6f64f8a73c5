//! The evaluator: a port of client-go `util/jsonpath/jsonpath.go` (`FindResults`, `walk`,
//! `eval*`) and the forked text/template comparison functions, with map keys visited sorted.

use serde_json::{Number, Value};

use super::doc::{DocRef, View};

use super::print::go_v;
use super::{ExecuteOptions, JsonPathError, MAX_DEPTH, MAX_VALUES, Node, NumberMode};

/// One value the evaluator holds (a Go `reflect.Value`).
#[derive(Debug, Clone, Copy)]
pub(super) enum Item<'a> {
    /// The zero `reflect.Value` (a `nil` handed to `FindResults`: the root of a null
    /// document, a null range element, the body walk of an empty range).
    Invalid,
    /// A value of the document (`Null` is a nil interface).
    Data(DocRef<'a>),
    /// A text literal (`string`).
    Text(&'a str),
    /// An int literal (`int`).
    Int(i64),
    /// A float literal (`float64`).
    Float(f64),
    /// A bool literal.
    Bool(bool),
    /// A byte of a string (`.*` over a string; `uint8`).
    Byte(u8),
}

/// A number of the document, decoded per [`NumberMode`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Num {
    Int(i64),
    Float(f64),
}

/// Decodes a document number's text (`None` when it does not fit a float64).
pub(super) fn classify(text: &str, mode: NumberMode) -> Option<Num> {
    if mode == NumberMode::Int64
        && let Ok(i) = text.parse::<i64>()
    {
        return Some(Num::Int(i));
    }
    text.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .map(Num::Float)
}

impl Item<'_> {
    /// The value as JSON (for `find_results`).
    pub(super) fn to_value(self, mode: NumberMode) -> Value {
        match self {
            Item::Invalid => Value::Null,
            Item::Data(d) => match d.view() {
                View::Number(n) => match classify(n, mode) {
                    Some(Num::Float(f)) => Number::from_f64(f).map_or(Value::Null, Value::Number),
                    _ => d.to_value(),
                },
                _ => d.to_value(),
            },
            Item::Text(s) => Value::String(s.to_owned()),
            Item::Int(i) => Value::from(i),
            Item::Float(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
            Item::Bool(b) => Value::Bool(b),
            Item::Byte(b) => Value::from(b),
        }
    }

    /// How many JSON nodes the value holds, counting at most `cap + 1` (iterative).
    pub(super) fn node_count(self, cap: usize) -> usize {
        let Item::Data(root) = self else {
            return 1;
        };
        let mut count = 0usize;
        let mut stack = vec![root];
        while let Some(v) = stack.pop() {
            count += 1;
            if count > cap {
                break;
            }
            match v.view() {
                View::Array(items) => stack.extend(items.iter()),
                View::Object(members) => stack.extend(members.iter().map(|(_, v)| v)),
                _ => {}
            }
        }
        count
    }

    /// Go type name after `Indirect` (`reflect.Value.Type()`).
    fn type_name(self, mode: NumberMode) -> &'static str {
        match self {
            Item::Invalid => "<nil>",
            Item::Data(d) => match d.view() {
                View::Null => "interface {}",
                View::Object(_) => "map[string]interface {}",
                View::Array(_) => "[]interface {}",
                View::String(_) => "string",
                View::Bool(_) => "bool",
                View::Number(n) => match classify(n, mode) {
                    Some(Num::Int(_)) => "int64",
                    _ => "float64",
                },
            },
            Item::Text(_) => "string",
            Item::Bool(_) => "bool",
            Item::Int(_) => "int",
            Item::Float(_) => "float64",
            Item::Byte(_) => "uint8",
        }
    }

    /// `reflect.ValueOf(value.Interface())`: a nil interface becomes the zero value.
    fn reboxed(self) -> Self {
        match self {
            Item::Data(d) if matches!(d.view(), View::Null) => Item::Invalid,
            other => other,
        }
    }
}

/// Evaluation state (upstream keeps it in the `JSONPath` object).
struct Ctx<'o> {
    options: &'o ExecuteOptions,
    begin_range: usize,
    in_range: usize,
    end_range: usize,
    last_end: Option<usize>,
    values: usize,
    depth: usize,
}

type Step<'a> = (Vec<Item<'a>>, Option<JsonPathError>);

/// `FindResults` over the whole template.
pub(super) fn find_results<'a>(
    nodes: &'a [Node],
    data: DocRef<'a>,
    options: &ExecuteOptions,
) -> Result<Vec<Vec<Item<'a>>>, JsonPathError> {
    let mut ctx = Ctx {
        options,
        begin_range: 0,
        in_range: 0,
        end_range: 0,
        last_end: None,
        values: 0,
        depth: 0,
    };
    ctx.find(nodes, 0, Item::Data(data).reboxed())
}

fn is_fatal(e: &JsonPathError) -> bool {
    matches!(e, JsonPathError::ZeroValue | JsonPathError::Limit(_))
}

impl<'o> Ctx<'o> {
    fn count(&mut self, n: usize) -> Result<(), JsonPathError> {
        self.values = self.values.saturating_add(n);
        if self.values > MAX_VALUES {
            return Err(JsonPathError::Limit("too many values"));
        }
        Ok(())
    }

    fn find<'a>(
        &mut self,
        root: &'a [Node],
        offset: usize,
        data: Item<'a>,
    ) -> Result<Vec<Vec<Item<'a>>>, JsonPathError> {
        let nodes = root.get(offset..).unwrap_or(&[]);
        let cur = vec![data];
        let mut full = Vec::new();
        let mut i = 0;
        while let Some(node) = nodes.get(i) {
            let (results, err) = self.walk(&cur, node)?;
            if let Some(e) = err {
                return Err(e);
            }
            if self.end_range > 0 && self.end_range <= self.in_range {
                self.end_range -= 1;
                self.last_end = Some(offset + i);
                break;
            }
            if self.begin_range > 0 {
                self.begin_range -= 1;
                self.in_range += 1;
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(JsonPathError::Limit("range nesting"));
                }
                if results.is_empty() {
                    self.find(root, offset + i + 1, Item::Invalid)?;
                } else {
                    for value in results {
                        let next = self.find(root, offset + i + 1, value.reboxed())?;
                        full.extend(next);
                    }
                }
                self.depth -= 1;
                self.in_range -= 1;
                for k in i + 1..nodes.len() {
                    if Some(offset + k) == self.last_end {
                        i = k;
                        break;
                    }
                }
                i += 1;
                continue;
            }
            full.push(results);
            i += 1;
        }
        Ok(full)
    }

    /// One node: `Ok((values, error))` mirrors Go's `(values, err)` pair; `Err` is a panic or a
    /// limit, which nothing swallows.
    fn walk<'a>(&mut self, input: &[Item<'a>], node: &'a Node) -> Result<Step<'a>, JsonPathError> {
        let step = match node {
            Node::List(nodes) => self.eval_list(input, nodes)?,
            Node::Text(t) => (vec![Item::Text(t)], None),
            Node::Field(name) => self.eval_field(input, name),
            Node::Array(params) => self.eval_array(input, params)?,
            Node::Filter {
                left,
                operator,
                right,
            } => self.eval_filter(input, left, operator, right)?,
            Node::Int(v) => (input.iter().map(|_| Item::Int(*v)).collect(), None),
            Node::Float(v) => (input.iter().map(|_| Item::Float(*v)).collect(), None),
            Node::Bool(v) => (input.iter().map(|_| Item::Bool(*v)).collect(), None),
            Node::Wildcard => (wildcard(input), None),
            Node::Recursive => {
                let mut out = Vec::new();
                self.recursive(input, &mut out, 0)?;
                (out, None)
            }
            Node::Union(branches) => {
                let mut out = Vec::new();
                let mut failed = None;
                for branch in branches {
                    let (values, err) = self.eval_list(input, branch)?;
                    if let Some(e) = err {
                        failed = Some(e);
                        break;
                    }
                    out.extend(values);
                }
                match failed {
                    Some(e) => (input.to_vec(), Some(e)),
                    None => (out, None),
                }
            }
            Node::Identifier(name) => self.eval_identifier(input, name),
        };
        self.count(step.0.len())?;
        Ok(step)
    }

    fn eval_list<'a>(
        &mut self,
        input: &[Item<'a>],
        nodes: &'a [Node],
    ) -> Result<Step<'a>, JsonPathError> {
        let mut cur = input.to_vec();
        for node in nodes {
            let (values, err) = self.walk(&cur, node)?;
            cur = values;
            if err.is_some() {
                return Ok((cur, err));
            }
        }
        Ok((cur, None))
    }

    fn eval_identifier<'a>(&mut self, input: &[Item<'a>], name: &str) -> Step<'a> {
        match name {
            "range" => {
                self.begin_range += 1;
                (input.to_vec(), None)
            }
            "end" => {
                if self.in_range == 0 {
                    return (Vec::new(), Some(JsonPathError::NotInRange));
                }
                self.end_range += 1;
                (Vec::new(), None)
            }
            _ => (
                input.to_vec(),
                Some(JsonPathError::UnrecognizedIdentifier(name.to_owned())),
            ),
        }
    }

    fn eval_field<'a>(&self, input: &[Item<'a>], name: &str) -> Step<'a> {
        if input.is_empty() {
            return (Vec::new(), None);
        }
        let mut results = Vec::new();
        for item in input {
            if let Item::Data(d) = item
                && let View::Object(members) = d.view()
                && let Some(v) = members.get(name)
            {
                results.push(Item::Data(v));
            }
        }
        if results.is_empty() && !self.options.allow_missing_keys {
            return (results, Some(JsonPathError::NotFound(name.to_owned())));
        }
        (results, None)
    }

    fn eval_array<'a>(
        &self,
        input: &[Item<'a>],
        node_params: &[super::Param; 3],
    ) -> Result<Step<'a>, JsonPathError> {
        let mut result = Vec::new();
        for item in input {
            let view = match item {
                Item::Data(d) => Some(d.view()),
                _ => None,
            };
            let items = match (item, view) {
                (_, Some(View::Null)) => continue,
                (Item::Invalid, _) => return Err(JsonPathError::ZeroValue),
                (_, Some(View::Array(items))) => items,
                (other, _) => {
                    let name = other.type_name(self.options.numbers).to_owned();
                    return Ok((input.to_vec(), Some(JsonPathError::NotArray(name))));
                }
            };
            let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
            let mut p = *node_params;
            if !p[0].known {
                p[0].value = 0;
            }
            if p[0].value < 0 {
                p[0].value = p[0].value.saturating_add(len);
            }
            if !p[1].known {
                p[1].value = len;
            }
            if p[1].value < 0 || (p[1].value == 0 && p[1].derived) {
                p[1].value = p[1].value.saturating_add(len);
            }
            let fail = |e| Ok((input.to_vec(), Some(e)));
            if p[1].value == p[0].value {
                return Ok((result, None));
            }
            if p[0].value >= len || p[0].value < 0 {
                return fail(JsonPathError::IndexOutOfBounds {
                    index: p[0].value,
                    length: items.len(),
                });
            }
            if p[1].value > len || p[1].value < 0 {
                return fail(JsonPathError::IndexOutOfBounds {
                    index: p[1].value.saturating_sub(1),
                    length: items.len(),
                });
            }
            if p[0].value > p[1].value {
                return fail(JsonPathError::StartAfterEnd {
                    start: p[0].value,
                    end: p[1].value,
                });
            }
            let mut step = 1usize;
            if p[2].known {
                if p[2].value <= 0 {
                    return fail(JsonPathError::StepNotPositive);
                }
                step = usize::try_from(p[2].value).unwrap_or(usize::MAX);
            }
            let start = usize::try_from(p[0].value).unwrap_or(0);
            let end = usize::try_from(p[1].value).unwrap_or(0);
            result.extend(items.range(start, end).iter().step_by(step).map(Item::Data));
        }
        Ok((result, None))
    }

    fn eval_filter<'a>(
        &mut self,
        input: &[Item<'a>],
        left: &'a [Node],
        operator: &str,
        right: &'a [Node],
    ) -> Result<Step<'a>, JsonPathError> {
        let mut results = Vec::new();
        for item in input {
            let view = match item {
                Item::Data(d) => Some(d.view()),
                _ => None,
            };
            let elements = match (item, view) {
                (_, Some(View::Array(items))) => items,
                (Item::Invalid, _) => {
                    return Ok((
                        input.to_vec(),
                        Some(JsonPathError::CannotFilter(
                            "<invalid reflect.Value>".into(),
                        )),
                    ));
                }
                (other, _) => {
                    let dump = go_v(*other, self.options.numbers);
                    return Ok((input.to_vec(), Some(JsonPathError::CannotFilter(dump))));
                }
            };
            for element in elements.iter() {
                let temp = [Item::Data(element)];
                let (lefts, err) = self.eval_list(&temp, left)?;
                if operator == "exists" {
                    if !lefts.is_empty() {
                        results.push(Item::Data(element));
                    }
                    continue;
                }
                if let Some(e) = err {
                    return Ok((input.to_vec(), Some(e)));
                }
                let l = match lefts.as_slice() {
                    [] => continue,
                    [one] => *one,
                    _ => return Ok((input.to_vec(), Some(JsonPathError::CompareOneElement))),
                };
                let (rights, err) = self.eval_list(&temp, right)?;
                if let Some(e) = err {
                    return Ok((input.to_vec(), Some(e)));
                }
                let r = match rights.as_slice() {
                    [] => continue,
                    [one] => *one,
                    _ => return Ok((input.to_vec(), Some(JsonPathError::CompareOneElement))),
                };
                let mode = self.options.numbers;
                let outcome = match operator {
                    "<" => less(l, r, mode),
                    ">" => less_or_equal(l, r, mode).map(|b| !b),
                    "==" => equal(l, r, mode),
                    "!=" => equal(l, r, mode).map(|b| !b),
                    "<=" => less_or_equal(l, r, mode),
                    ">=" => less(l, r, mode).map(|b| !b),
                    _ => {
                        return Ok((
                            results,
                            Some(JsonPathError::UnrecognizedFilterOperator(
                                operator.to_owned(),
                            )),
                        ));
                    }
                };
                match outcome {
                    Ok(true) => results.push(Item::Data(element)),
                    Ok(false) => {}
                    Err(e) if is_fatal(&e) => return Err(e),
                    Err(e) => return Ok((results, Some(e))),
                }
            }
        }
        Ok((results, None))
    }

    fn recursive<'a>(
        &mut self,
        input: &[Item<'a>],
        out: &mut Vec<Item<'a>>,
        depth: usize,
    ) -> Result<(), JsonPathError> {
        if depth > MAX_DEPTH {
            return Err(JsonPathError::Limit("recursive descent depth"));
        }
        for item in input {
            let children = wildcard(std::slice::from_ref(item));
            if !children.is_empty() {
                out.push(*item);
                self.count(children.len())?;
                self.recursive(&children, out, depth + 1)?;
            }
        }
        Ok(())
    }
}

/// `evalWildcard`: map values (sorted keys), array elements, string bytes.
fn wildcard<'a>(input: &[Item<'a>]) -> Vec<Item<'a>> {
    let mut results = Vec::new();
    for item in input {
        match item {
            Item::Data(d) => match d.view() {
                View::Object(members) => {
                    results.extend(members.iter().map(|(_, v)| Item::Data(v)));
                }
                View::Array(items) => results.extend(items.iter().map(Item::Data)),
                View::String(s) => results.extend(s.bytes().map(Item::Byte)),
                _ => {}
            },
            Item::Text(s) => results.extend(s.bytes().map(Item::Byte)),
            _ => {}
        }
    }
    results
}

/// A comparable basic value (text/template `basicKind`).
enum Basic<'a> {
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(&'a str),
}

fn basic(item: Item<'_>, mode: NumberMode) -> Result<Basic<'_>, JsonPathError> {
    Ok(match item {
        Item::Invalid => return Err(JsonPathError::ZeroValue),
        Item::Data(d) => match d.view() {
            View::Bool(b) => Basic::Bool(b),
            View::String(s) => Basic::Str(s),
            View::Number(n) => match classify(n, mode) {
                Some(Num::Int(i)) => Basic::Int(i),
                Some(Num::Float(f)) => Basic::Float(f),
                None => return Err(JsonPathError::InvalidComparisonType),
            },
            _ => return Err(JsonPathError::InvalidComparisonType),
        },
        Item::Bool(b) => Basic::Bool(b),
        Item::Text(s) => Basic::Str(s),
        Item::Int(i) => Basic::Int(i),
        Item::Float(f) => Basic::Float(f),
        Item::Byte(b) => Basic::Uint(u64::from(b)),
    })
}

fn equal(a: Item<'_>, b: Item<'_>, mode: NumberMode) -> Result<bool, JsonPathError> {
    let a = basic(a, mode)?;
    let b = basic(b, mode)?;
    Ok(match (a, b) {
        (Basic::Bool(x), Basic::Bool(y)) => x == y,
        (Basic::Int(x), Basic::Int(y)) => x == y,
        (Basic::Uint(x), Basic::Uint(y)) => x == y,
        (Basic::Float(x), Basic::Float(y)) => x == y,
        (Basic::Str(x), Basic::Str(y)) => x == y,
        (Basic::Int(x), Basic::Uint(y)) | (Basic::Uint(y), Basic::Int(x)) => {
            u64::try_from(x).is_ok_and(|x| x == y)
        }
        _ => return Err(JsonPathError::IncompatibleTypes),
    })
}

fn less(a: Item<'_>, b: Item<'_>, mode: NumberMode) -> Result<bool, JsonPathError> {
    let a = basic(a, mode)?;
    let b = basic(b, mode)?;
    Ok(match (a, b) {
        (Basic::Bool(_), Basic::Bool(_)) => return Err(JsonPathError::InvalidComparisonType),
        (Basic::Int(x), Basic::Int(y)) => x < y,
        (Basic::Uint(x), Basic::Uint(y)) => x < y,
        (Basic::Float(x), Basic::Float(y)) => x < y,
        (Basic::Str(x), Basic::Str(y)) => x.as_bytes() < y.as_bytes(),
        (Basic::Int(x), Basic::Uint(y)) => u64::try_from(x).map_or(true, |x| x < y),
        (Basic::Uint(x), Basic::Int(y)) => u64::try_from(y).is_ok_and(|y| x < y),
        _ => return Err(JsonPathError::IncompatibleTypes),
    })
}

fn less_or_equal(a: Item<'_>, b: Item<'_>, mode: NumberMode) -> Result<bool, JsonPathError> {
    if less(a, b, mode)? {
        return Ok(true);
    }
    equal(a, b, mode)
}
