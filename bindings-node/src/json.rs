//! JSON across the boundary, both ways, with exact numbers.
//!
//! **JS → JSON** ([`to_json`], for the generic path: an argument that is not a string): the
//! rules and the messages of the WASM binding's converter (serde-wasm-bindgen 0.6,
//! `from_value::<serde_json::Value>`, with the WASM binding's exact BigInts), so that both
//! bindings report a mistyped argument with the same `ops.invalid_argument` text:
//!
//! * `undefined` and `null` are `null`; booleans and strings are themselves;
//! * a number is an integer when it is a safe integer (`Number.isSafeInteger`), else a float
//!   (`NaN` and infinities are `null`); a `BigInt` of any size is that exact integer (the
//!   workspace builds `serde_json` with `arbitrary_precision`, so a `Number` keeps its text);
//! * an array is a list of its elements (holes are `null`); a `Map` is an object of its
//!   entries (its keys must be strings); any other object that is not iterable is an object of
//!   its own enumerable string-keyed properties (`Object.entries`);
//! * anything else has no JSON form: `Uint8Array`s and `ArrayBuffer`s (`byte array`),
//!   functions, symbols, and iterables other than arrays and maps (`Set`, a `String` object,
//!   the other typed arrays, …), described as wasm-bindgen's `debugString` does.
//!
//! The messages keep serde-wasm-bindgen's `Error: ` prefix (its errors are JS `Error`s and
//! their text is `String(error)`). A JS exception thrown while reading the value (a getter, a
//! proxy trap) propagates as is, as in WASM.
//!
//! The conversion is iterative (the native stack is shared with JS, and V8 can crash when it
//! runs out in native code). One deliberate difference: a value nested deeper than
//! [`MAX_DEPTH`] levels (a cyclic value included) or of more than [`MAX_VALUES`] nodes is
//! refused (`nested more than 1000 levels deep`, `more than 10000000 values`), where the WASM
//! module converts deeper values until its own stack overflows (about 3000 levels, after which
//! the module instance is unusable) and never finishes with a cyclic one.
//!
//! **JSON → JS** ([`to_js`], for every result that is a `serde_json::Value`): objects, arrays,
//! strings, booleans and `null` as themselves; a number is a JS `number` when it is a float
//! (its text has a fraction or an exponent) or a safe integer (|n| ≤ 2^53 − 1), and a
//! `BigInt` when it is an integer beyond that, so no integer is rounded. The WASM binding
//! converts the same way.

use napi::ValueType;
use napi::bindgen_prelude::{
    BigInt, Env, FromNapiValue, Function, JsObjectValue, JsValue, Null, Object, Result,
    ToNapiValue, Unknown,
};
use serde::de::Unexpected;
use serde_json::{Map, Number, Value};

/// The deepest nesting of arrays and objects converted.
const MAX_DEPTH: usize = 1000;

/// The most values (nodes of the JSON tree) one conversion produces: a graph of shared
/// objects can expand exponentially.
const MAX_VALUES: usize = 10_000_000;

/// The deepest nesting of arrays described in a message (wasm-bindgen's `debugString` of an
/// array, e.g. a `Map` key, recurses into the elements).
const MAX_DEBUG_DEPTH: usize = 100;

/// The most elements reserved before reading an array (its `length` may be huge and sparse).
const CAPACITY_HINT: u32 = 4096;

/// An array or object being converted: where its children come from, and what is converted.
enum Frame<'env> {
    /// An array: its elements, read by index.
    Array {
        /// The array.
        source: Object<'env>,
        /// Its length.
        len: u32,
        /// The elements converted so far.
        items: Vec<Value>,
    },
    /// A `Map` or a plain object: its `[key, value]` pairs.
    Object {
        /// The pairs (`Array.from(map)` or `Object.entries(object)`).
        pairs: Object<'env>,
        /// Their count.
        len: u32,
        /// The index of the next pair.
        next: u32,
        /// The entries converted so far.
        map: Map<String, Value>,
        /// The key of the value being converted.
        key: Option<String>,
    },
}

impl Frame<'_> {
    /// The converted array or object.
    fn finish(self) -> Value {
        match self {
            Self::Array { items, .. } => Value::Array(items),
            Self::Object { map, .. } => Value::Object(map),
        }
    }
}

/// Why a JS value has no JSON form.
pub(crate) enum ConvertError {
    /// A JS exception (a throwing getter or proxy trap) or an engine failure; rethrown as is.
    Js(napi::Error),
    /// The value has no JSON form: the message (as serde-wasm-bindgen words it).
    Invalid(String),
}

impl From<napi::Error> for ConvertError {
    fn from(err: napi::Error) -> Self {
        Self::Js(err)
    }
}

/// Converts `value` as the WASM binding does (see the module documentation).
pub(crate) fn to_json<'env>(
    env: &Env,
    value: Unknown<'env>,
) -> std::result::Result<Value, ConvertError> {
    Converter {
        env: *env,
        globals: None,
        values: 0,
    }
    .convert(value)
}

/// What `serde_json`'s `Value` expects of any value.
const ANY: &str = "any valid JSON value";

/// What `serde_json`'s `Value` expects of an object key.
const KEY: &str = "a string key";

/// The JS built-ins the conversion of objects needs, looked up once per conversion.
#[derive(Clone, Copy)]
struct Globals<'env> {
    /// `Uint8Array`.
    uint8_array: Function<'env>,
    /// `ArrayBuffer`.
    array_buffer: Function<'env>,
    /// `Map`.
    map: Function<'env>,
    /// `Error`.
    error: Function<'env>,
    /// `Symbol.iterator`.
    iterator: Unknown<'env>,
    /// `Object.entries`.
    entries: Function<'env>,
    /// `Array.from`.
    array_from: Function<'env>,
    /// `Array.isArray`.
    is_array: Function<'env>,
    /// `Object.prototype.toString`.
    to_string: Function<'env>,
    /// `JSON.stringify`.
    stringify: Function<'env>,
}

impl<'env> Globals<'env> {
    /// Looks the built-ins up on the global object.
    fn new(env: &Env) -> Result<Self> {
        let global = env.get_global()?;
        // `Object`, `Array` and `Symbol` are functions: read as values, used as objects.
        let object = |holder: &Object<'_>, name: &str| {
            holder
                .get_named_property::<Unknown<'_>>(name)
                .and_then(Object::from_unknown)
        };
        let global = Object::from_unknown(global.to_unknown())?;
        let prototype = object(&object(&global, "Object")?, "prototype")?;
        let (array, symbol, json) = (
            object(&global, "Array")?,
            object(&global, "Symbol")?,
            object(&global, "JSON")?,
        );
        let object = object(&global, "Object")?;
        Ok(Self {
            uint8_array: global.get_named_property("Uint8Array")?,
            array_buffer: global.get_named_property("ArrayBuffer")?,
            map: global.get_named_property("Map")?,
            error: global.get_named_property("Error")?,
            iterator: symbol.get_named_property("iterator")?,
            entries: object.get_named_property("entries")?,
            array_from: array.get_named_property("from")?,
            is_array: array.get_named_property("isArray")?,
            to_string: prototype.get_named_property("toString")?,
            stringify: json.get_named_property("stringify")?,
        })
    }
}

/// One conversion: the built-ins once looked up, and the count of values produced.
struct Converter<'env> {
    /// The environment.
    env: Env,
    /// The built-ins, looked up at the first object.
    globals: Option<Globals<'env>>,
    /// Values produced so far.
    values: usize,
}

impl<'env> Converter<'env> {
    /// The built-ins.
    fn globals(&mut self) -> Result<&Globals<'env>> {
        if self.globals.is_none() {
            self.globals = Some(Globals::new(&self.env)?);
        }
        self.globals
            .as_ref()
            .ok_or_else(|| napi::Error::from_reason("JS built-ins unavailable"))
    }

    /// serde-wasm-bindgen's `deserialize_any` into a `Value`, without recursion: the arrays
    /// and objects being converted wait on a stack on the heap, so that a deep value cannot
    /// exhaust the native stack (which V8 shares with JS).
    fn convert(&mut self, root: Unknown<'env>) -> std::result::Result<Value, ConvertError> {
        let mut stack: Vec<Frame<'env>> = Vec::new();
        let mut done = self.start(root, &mut stack)?;
        loop {
            if let Some(value) = done.take() {
                match stack.last_mut() {
                    None => return Ok(value),
                    Some(Frame::Array { items, .. }) => items.push(value),
                    Some(Frame::Object { map, key, .. }) => {
                        if let Some(key) = key.take() {
                            map.insert(key, value);
                        }
                    }
                }
            }
            let child = match stack.last_mut() {
                Some(frame) => self.next_child(frame)?,
                None => None,
            };
            done = match child {
                Some(child) => self.start(child, &mut stack)?,
                None => match stack.pop() {
                    Some(frame) => Some(frame.finish()),
                    // Unreachable: `done` is `None` only when a frame was pushed.
                    None => Some(Value::Null),
                },
            };
        }
    }

    /// Converts a scalar, or pushes the frame of an array or object (`None`).
    fn start(
        &mut self,
        value: Unknown<'env>,
        stack: &mut Vec<Frame<'env>>,
    ) -> std::result::Result<Option<Value>, ConvertError> {
        self.values += 1;
        if self.values > MAX_VALUES {
            return Err(ConvertError::Invalid(format!(
                "more than {MAX_VALUES} values"
            )));
        }
        Ok(Some(match value.get_type()? {
            ValueType::Undefined | ValueType::Null => Value::Null,
            ValueType::Boolean => Value::Bool(bool::from_unknown(value)?),
            ValueType::BigInt => Value::Number(exact_integer(value)?),
            ValueType::Number => number(f64::from_unknown(value)?),
            ValueType::String => Value::String(String::from_unknown(value)?),
            ValueType::Object => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ConvertError::Invalid(format!(
                        "nested more than {MAX_DEPTH} levels deep"
                    )));
                }
                stack.push(self.open(value)?);
                return Ok(None);
            }
            _ => return Err(self.invalid_type(value, ANY)?),
        }))
    }

    /// The frame of an object: an array, or the pairs of a `Map` or of a plain object; bytes
    /// and other iterables are refused.
    fn open(&mut self, value: Unknown<'env>) -> std::result::Result<Frame<'env>, ConvertError> {
        let object = Object::from_unknown(value)?;
        // A real array needs no built-in (the common case: a list of strings or objects).
        let len = if value.is_array()? {
            Some(object.get_array_length()?)
        } else {
            array_length(value, self.globals()?.is_array)?
        };
        if let Some(len) = len {
            let items = Vec::with_capacity(len.min(CAPACITY_HINT).try_into().unwrap_or(0));
            return Ok(Frame::Array {
                source: object,
                len,
                items,
            });
        }
        let globals = *self.globals()?;
        if value.instanceof(globals.uint8_array)? || value.instanceof(globals.array_buffer)? {
            return Err(self.invalid_type(value, ANY)?);
        }
        let pairs = if value.instanceof(globals.map)? {
            globals.array_from.call(value)?
        } else if object.has_property_js(globals.iterator)? {
            return Err(self.invalid_type(value, ANY)?);
        } else {
            globals.entries.call(value)?
        };
        let pairs = Object::from_unknown(pairs)?;
        Ok(Frame::Object {
            pairs,
            len: pairs.get_array_length()?,
            next: 0,
            map: Map::new(),
            key: None,
        })
    }

    /// The next element of an array, or the value of the next pair of an object (its key,
    /// which must be a string, then waits in the frame); `None` at the end.
    fn next_child(
        &mut self,
        frame: &mut Frame<'env>,
    ) -> std::result::Result<Option<Unknown<'env>>, ConvertError> {
        match frame {
            Frame::Array { source, len, items } => {
                let next = u32::try_from(items.len()).unwrap_or(u32::MAX);
                if next >= *len {
                    return Ok(None);
                }
                Ok(Some(source.get_element(next)?))
            }
            Frame::Object {
                pairs,
                len,
                next,
                key,
                ..
            } => {
                if *next >= *len {
                    return Ok(None);
                }
                let pair: Object<'_> = pairs.get_element(*next)?;
                *next += 1;
                let name: Unknown<'_> = pair.get_element(0)?;
                if name.get_type()? != ValueType::String {
                    return Err(self.invalid_type(name, KEY)?);
                }
                *key = Some(String::from_unknown(name)?);
                Ok(Some(pair.get_element(1)?))
            }
        }
    }

    /// serde-wasm-bindgen's `invalid_type`: `value` is not what `expected` describes.
    fn invalid_type(
        &mut self,
        value: Unknown<'env>,
        expected: &str,
    ) -> std::result::Result<ConvertError, ConvertError> {
        let other;
        let unexpected = match value.get_type()? {
            ValueType::Undefined | ValueType::Null => Unexpected::Unit,
            ValueType::Boolean => Unexpected::Bool(bool::from_unknown(value)?),
            ValueType::Number => Unexpected::Float(f64::from_unknown(value)?),
            ValueType::Object if self.is_bytes(value)? => Unexpected::Bytes(&[]),
            _ => {
                other = format!("JsValue({})", self.debug_string(value, 0)?);
                Unexpected::Other(&other)
            }
        };
        Ok(ConvertError::Invalid(format!(
            "Error: invalid type: {unexpected}, expected {expected}"
        )))
    }

    /// Whether `value` is a `Uint8Array` or an `ArrayBuffer`.
    fn is_bytes(&mut self, value: Unknown<'env>) -> Result<bool> {
        let globals = *self.globals()?;
        Ok(value.instanceof(globals.uint8_array)? || value.instanceof(globals.array_buffer)?)
    }

    /// wasm-bindgen's `debugString`, which serde-wasm-bindgen's messages show as
    /// `JsValue(<debugString>)`.
    fn debug_string(
        &mut self,
        value: Unknown<'env>,
        depth: usize,
    ) -> std::result::Result<String, ConvertError> {
        Ok(match value.get_type()? {
            ValueType::Number | ValueType::Boolean | ValueType::Undefined => js_string(value)?,
            ValueType::BigInt => format!("{}n", js_string(value)?),
            ValueType::Null => "null".to_owned(),
            ValueType::String => self.stringify(value)?.unwrap_or_default(),
            ValueType::Symbol => {
                let description: Unknown<'_> =
                    Object::from_unknown(value)?.get_named_property("description")?;
                if description.get_type()? == ValueType::Undefined {
                    "Symbol".to_owned()
                } else {
                    format!("Symbol({})", js_string(description)?)
                }
            }
            ValueType::Function => {
                let name: Unknown<'_> = Object::from_unknown(value)?.get_named_property("name")?;
                match name.get_type()? {
                    ValueType::String => match String::from_unknown(name)? {
                        name if name.is_empty() => "Function".to_owned(),
                        name => format!("Function({name})"),
                    },
                    _ => "Function".to_owned(),
                }
            }
            ValueType::Object => self.debug_object(value, depth)?,
            _ => "External".to_owned(),
        })
    }

    /// [`Self::debug_string`] of an object.
    fn debug_object(
        &mut self,
        value: Unknown<'env>,
        depth: usize,
    ) -> std::result::Result<String, ConvertError> {
        if depth >= MAX_DEBUG_DEPTH {
            return Err(ConvertError::Invalid(format!(
                "nested more than {MAX_DEBUG_DEPTH} levels deep"
            )));
        }
        let object = Object::from_unknown(value)?;
        if let Some(len) = array_length(value, self.globals()?.is_array)? {
            let mut items = Vec::new();
            for i in 0..len {
                items.push(self.debug_string(object.get_element(i)?, depth + 1)?);
            }
            return Ok(format!("[{}]", items.join(", ")));
        }
        if value.instanceof(self.globals()?.error)? {
            let [name, message, stack] = ["name", "message", "stack"].map(|key| {
                object
                    .get_named_property::<Unknown<'_>>(key)
                    .and_then(js_string)
            });
            return Ok(format!("{}: {}\n{}", name?, message?, stack?));
        }
        let globals = *self.globals()?;
        let tag = js_string(globals.to_string.apply(value, value)?)?;
        // The first `[object <ClassName>]` in the output, as `/\[object ([^\]]+)\]/` finds it.
        let class_name = tag.match_indices("[object ").find_map(|(start, prefix)| {
            let rest = tag.get(start + prefix.len()..)?;
            let end = rest.find(']')?;
            (end > 0).then(|| rest.get(..end)).flatten()
        });
        Ok(match class_name {
            None => tag.clone(),
            Some("Object") => match self.stringify(value) {
                Ok(Some(json)) => format!("Object({json})"),
                Ok(None) => "Object(undefined)".to_owned(),
                Err(_) => "Object".to_owned(),
            },
            Some(class_name) => class_name.to_owned(),
        })
    }

    /// `JSON.stringify(value)`, `None` when it returns `undefined`.
    fn stringify(&mut self, value: Unknown<'env>) -> Result<Option<String>> {
        let json: Unknown<'_> = self.globals()?.stringify.call(value)?;
        match json.get_type()? {
            ValueType::String => String::from_unknown(json).map(Some),
            _ => Ok(None),
        }
    }
}

/// The length of `value` when it is an array for `Array.isArray` (a proxy of an array
/// included, unlike N-API's `napi_is_array`): its `length` as a `u32`, as js-sys reads it.
fn array_length(value: Unknown<'_>, is_array: Function<'_>) -> Result<Option<u32>> {
    if value.is_array()? {
        return Object::from_unknown(value)?.get_array_length().map(Some);
    }
    if value.get_type()? != ValueType::Object || !bool::from_unknown(is_array.call(value)?)? {
        return Ok(None);
    }
    let length: Unknown<'_> = Object::from_unknown(value)?.get_named_property("length")?;
    Ok(Some(to_uint32(f64::from_unknown(
        length.coerce_to_number()?.to_unknown(),
    )?)))
}

/// [`array_length`] with `Array.isArray` looked up on the global object.
pub(crate) fn array_length_of(env: &Env, value: Unknown<'_>) -> Result<Option<u32>> {
    if value.is_array()? {
        return Object::from_unknown(value)?.get_array_length().map(Some);
    }
    let array: Unknown<'_> = env.get_global()?.get_named_property("Array")?;
    let is_array = Object::from_unknown(array)?.get_named_property("isArray")?;
    array_length(value, is_array)
}

/// ECMAScript's `ToUint32` of a number.
fn to_uint32(n: f64) -> u32 {
    if !n.is_finite() {
        return 0;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = n.trunc().rem_euclid(4_294_967_296.0) as u32;
    n
}

/// A number: an integer when it is a safe integer, else a float (`null` when not finite).
fn number(n: f64) -> Value {
    /// `Number.MAX_SAFE_INTEGER`.
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE {
        #[allow(clippy::cast_possible_truncation)]
        Value::from(n as i64)
    } else {
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// A `BigInt` as the exact JSON integer: its decimal text (`String(value)`), kept as is.
fn exact_integer(value: Unknown<'_>) -> std::result::Result<Number, ConvertError> {
    let text = js_string(value)?;
    text.parse()
        .map_err(|_| ConvertError::Invalid(format!("Error: invalid BigInt {text}")))
}

/// `Number.MAX_SAFE_INTEGER`: 2^53 − 1.
const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;

/// A JSON value as a JS value (see the module documentation: integers beyond 2^53 − 1 are
/// `BigInt`s). Recursive: results are nested at most as deep as the core builds them.
pub(crate) fn to_js<'env>(env: &'env Env, value: &Value) -> Result<Unknown<'env>> {
    match value {
        Value::Null => Null.into_unknown(env),
        Value::Bool(b) => b.into_unknown(env),
        Value::Number(n) => number_to_js(env, n),
        Value::String(s) => s.as_str().into_unknown(env),
        Value::Array(items) => {
            let len = u32::try_from(items.len())
                .map_err(|_| napi::Error::from_reason("array too long for JavaScript"))?;
            let array = env.create_array(len)?;
            let mut object = Object::from_unknown(array.to_unknown())?;
            for (index, item) in (0..len).zip(items) {
                object.set_element(index, to_js(env, item)?)?;
            }
            Ok(object.to_unknown())
        }
        Value::Object(fields) => {
            let mut object = Object::new(env)?;
            for (key, item) in fields {
                let key = env.create_string(key)?;
                object.set_property(key, to_js(env, item)?)?;
            }
            Ok(object.to_unknown())
        }
    }
}

/// A JSON number as a JS value: a `number` for a float or a safe integer, else a `BigInt`.
fn number_to_js<'env>(env: &'env Env, n: &Number) -> Result<Unknown<'env>> {
    let text = n.as_str();
    if text.contains(['.', 'e', 'E']) {
        // A float; its text always parses (serde_json wrote or checked it).
        return text.parse::<f64>().unwrap_or(f64::NAN).into_unknown(env);
    }
    if let Some(magnitude) = n.as_i64().map(i64::unsigned_abs).or_else(|| n.as_u64())
        && magnitude <= MAX_SAFE_INTEGER
    {
        #[allow(clippy::cast_precision_loss)] // |n| ≤ 2^53 − 1: exact.
        return n.as_i64().map_or(f64::NAN, |i| i as f64).into_unknown(env);
    }
    big_int(text).into_unknown(env)
}

/// The `BigInt` of an integer's decimal text (an optional `-`, then digits).
fn big_int(text: &str) -> BigInt {
    let (sign_bit, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text),
    };
    // Little-endian 64-bit words, multiplied by ten and added to per digit.
    let mut words: Vec<u64> = vec![0];
    for digit in digits.bytes().filter(u8::is_ascii_digit) {
        let mut carry = u128::from(digit - b'0');
        for word in &mut words {
            let next = u128::from(*word) * 10 + carry;
            #[allow(clippy::cast_possible_truncation)] // the low 64 bits, on purpose
            {
                *word = next as u64;
            }
            carry = next >> 64;
        }
        if carry > 0 {
            #[allow(clippy::cast_possible_truncation)] // carry < 10
            words.push(carry as u64);
        }
    }
    BigInt { sign_bit, words }
}

/// `String(value)`.
fn js_string(value: Unknown<'_>) -> Result<String> {
    String::from_unknown(value.coerce_to_string()?.to_unknown())
}
