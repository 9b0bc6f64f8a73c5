//! Results to Python objects: a serde `Serializer` producing the same objects as `pythonize`
//! (dicts, lists, str, int, float, bool, `None`), with one difference that matters for speed:
//! struct field names become *interned* Python strings, created once per field and shared by
//! every result, instead of a new string per field per result. A parsed reference is a dict
//! of nine keys; not allocating, hashing and freeing nine key strings per result makes the
//! parsers about a third faster and their results smaller.
//!
//! Numbers are exact: the workspace builds `serde_json` with `arbitrary_precision`, so a
//! `serde_json::Number` keeps its JSON text and serializes as the private one-field struct
//! `$serde_json::private::Number`; that struct becomes a Python `int` (of any size) when the
//! text is an integer, a `float` otherwise ([`number`]).
//!
//! Only the serde data model the core's results use is supported; anything else (bytes, char,
//! tuples, variants with data) falls back to `pythonize` (built with its `arbitrary_precision`
//! feature, so it reads numbers the same way).

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};
use serde::Serialize;
use serde::ser::{self, Impossible};

/// Converts a result to Python objects.
pub(crate) fn to_python<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    match value.serialize(ToPython { py }) {
        Ok(object) => Ok(object),
        Err(Error::Python(err)) => Err(err),
        Err(Error::Unsupported) => Ok(pythonize::pythonize(py, value)?),
    }
}

#[derive(Debug)]
enum Error {
    Python(PyErr),
    /// A part of the serde data model this converter leaves to `pythonize`.
    Unsupported,
}

impl From<PyErr> for Error {
    fn from(err: PyErr) -> Self {
        Self::Python(err)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Python(err) => err.fmt(f),
            Self::Unsupported => f.write_str("unsupported by the converter"),
        }
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Self::Python(pyo3::exceptions::PyValueError::new_err(msg.to_string()))
    }
}

/// Hashes the address of a `&'static str` (a multiplicative hash: the keys are a few dozen
/// distinct pointers, so SipHash's protection against chosen keys buys nothing here).
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, value: usize) {
        self.write_u64(value as u64);
    }
}

type Names = HashMap<(usize, usize), Py<PyString>, BuildHasherDefault<AddressHasher>>;

thread_local! {
    /// Interned field names by the address and length of their `&'static str`.
    static NAMES: RefCell<Names> = RefCell::new(Names::default());
}

/// The interned Python string of a `&'static str` (a field or variant name).
fn name<'py>(py: Python<'py>, text: &'static str) -> Bound<'py, PyString> {
    let key = (text.as_ptr() as usize, text.len());
    NAMES.with(|names| {
        if let Some(found) = names.borrow().get(&key) {
            return found.bind(py).clone();
        }
        let interned = PyString::intern(py, text);
        names.borrow_mut().insert(key, interned.clone().unbind());
        interned
    })
}

/// The name (and field) of the struct a `serde_json::Number` serializes as under
/// `arbitrary_precision`; its one field holds the number's JSON text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// A JSON number's text as a Python number: an `int` of any size for an integer (no fraction,
/// no exponent), a `float` otherwise.
fn number<'py>(py: Python<'py>, text: &str) -> Result<Bound<'py, PyAny>, Error> {
    if text.contains(['.', 'e', 'E']) {
        let value: f64 = text
            .parse()
            .map_err(|_| <Error as ser::Error>::custom(format!("invalid number {text}")))?;
        return Ok(PyFloat::new(py, value).into_any());
    }
    if let Ok(value) = text.parse::<i64>() {
        return Ok(value.into_bound_py_any(py)?);
    }
    // Beyond 64 bits: Python's `int(text)` reads any size.
    Ok(py.get_type::<PyInt>().call1((text,))?)
}

#[derive(Clone, Copy)]
struct ToPython<'py> {
    py: Python<'py>,
}

impl<'py> ToPython<'py> {
    fn int<T: IntoPyObject<'py>>(self, v: T) -> Result<Bound<'py, PyAny>, Error> {
        Ok(v.into_bound_py_any(self.py)?)
    }
}

struct Seq<'py> {
    py: Python<'py>,
    items: Vec<Bound<'py, PyAny>>,
}

struct Map<'py> {
    py: Python<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
}

/// A struct being converted: a dict, or the struct of a `serde_json::Number` (its text, once
/// its one field is seen).
enum Struct<'py> {
    Dict {
        py: Python<'py>,
        dict: Bound<'py, PyDict>,
    },
    Number {
        py: Python<'py>,
        value: Option<Bound<'py, PyAny>>,
    },
}

impl<'py> ser::Serializer for ToPython<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'py>;
    type SerializeTuple = Impossible<Self::Ok, Error>;
    type SerializeTupleStruct = Impossible<Self::Ok, Error>;
    type SerializeTupleVariant = Impossible<Self::Ok, Error>;
    type SerializeMap = Map<'py>;
    type SerializeStruct = Struct<'py>;
    type SerializeStructVariant = Impossible<Self::Ok, Error>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok, Error> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Self::Ok, Error> {
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok, Error> {
        Ok(PyFloat::new(self.py, f64::from(v)).into_any())
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok, Error> {
        Ok(PyFloat::new(self.py, v).into_any())
    }
    fn serialize_char(self, _v: char) -> Result<Self::Ok, Error> {
        Err(Error::Unsupported)
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok, Error> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<Self::Ok, Error> {
        Err(Error::Unsupported)
    }
    fn serialize_none(self) -> Result<Self::Ok, Error> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Self::Ok, Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok, Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Self::Ok, Error> {
        Ok(name(self.py, variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<Self::Ok, Error> {
        Err(Error::Unsupported)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Ok(Seq {
            py: self.py,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error::Unsupported)
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error::Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error::Unsupported)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Ok(Map {
            py: self.py,
            dict: PyDict::new(self.py),
            key: None,
        })
    }
    fn serialize_struct(
        self,
        name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        if name == NUMBER_TOKEN {
            return Ok(Struct::Number {
                py: self.py,
                value: None,
            });
        }
        Ok(Struct::Dict {
            py: self.py,
            dict: PyDict::new(self.py),
        })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error::Unsupported)
    }
}

impl<'py> ser::SerializeSeq for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(value.serialize(ToPython { py: self.py })?);
        Ok(())
    }
    fn end(self) -> Result<Self::Ok, Error> {
        Ok(PyList::new(self.py, self.items)?.into_any())
    }
}

impl<'py> ser::SerializeMap for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(ToPython { py: self.py })?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().ok_or(Error::Unsupported)?;
        self.dict
            .set_item(key, value.serialize(ToPython { py: self.py })?)?;
        Ok(())
    }
    fn end(self) -> Result<Self::Ok, Error> {
        Ok(self.dict.into_any())
    }
}

impl<'py> ser::SerializeStruct for Struct<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        match self {
            Self::Dict { py, dict } => {
                dict.set_item(name(*py, key), value.serialize(ToPython { py: *py })?)?;
            }
            Self::Number {
                py,
                value: number_value,
            } => {
                let text = value.serialize(ToPython { py: *py })?;
                let text = text.cast::<PyString>().map_err(|_| Error::Unsupported)?;
                *number_value = Some(number(*py, &text.to_cow()?)?);
            }
        }
        Ok(())
    }
    fn end(self) -> Result<Self::Ok, Error> {
        match self {
            Self::Dict { dict, .. } => Ok(dict.into_any()),
            Self::Number { value, .. } => value.ok_or(Error::Unsupported),
        }
    }
}
