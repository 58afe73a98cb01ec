//! Python ⇄ Rust values of the protocol's Solidity types: `int` for `uint*`/`int256`, `bytes` for
//! `address`/`bytes32`/`bytes`, `bool`, `list` for arrays, the struct classes for structs.
//!
//! Input also takes the JSON edge forms (`0x`-hex or decimal `str`), parsed by core's canonical
//! JSON so both paths reject exactly the same values with the same error (code and field path).
//!
//! Also the conversions every binding module shares: JSON-shaped arguments given as JSON text or
//! Python data ([`json_input`], [`JsonSource`], [`json_arg`]), JSON values back to Python data
//! ([`json_to_py`]), receipts ([`receipt_arg`]), and byte strings and hash lists out
//! ([`py_bytes`], [`bytes_list`]).

use crate::errors::{detached, py_err};
use crate::structs::input_json;
use alloy_primitives::{hex, Address, Bytes, B256, I256, U256};
use exectable::abi::layout::Path;
use exectable::json::{missing_field, shape_err, unknown_field};
use exectable::limits::MAX_JSON_DEPTH;
use exectable::receipt::Receipt;
use exectable::{CanonicalJson, Error};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// A Solidity value with a Python form.
pub trait PyValue: Sized {
    /// The Python value attribute access returns (`int`, `bytes`, `bool`, `list`, struct object).
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;

    /// The value as plain Python data: like [`PyValue::to_py`] with structs as `dict`s.
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.to_py(py)
    }

    /// Reads the value; a wrong type or range is an `ArgumentError` naming `path`.
    fn from_py(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Self>;

    /// Appends the `repr` form: ints in decimal, byte strings as `0x`-hex.
    fn write_repr(&self, out: &mut String);
}

/// `ArgumentError` (301) at `path`.
pub fn arg_err(py: Python<'_>, path: &Path<'_>, message: impl Into<String>) -> PyErr {
    py_err(py, Error::invalid(path.to_string(), message))
}

/// Python's name of `obj`'s type, for error messages.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".into())
}

/// Parses a JSON-edge `str` with core's canonical JSON rules for `T`.
fn from_text<T: CanonicalJson>(obj: &Bound<'_, PyString>, path: &Path<'_>) -> PyResult<T> {
    let text = obj.to_cow()?;
    T::from_json_at(&Value::String(text.into_owned()), path).map_err(|e| py_err(obj.py(), e))
}

/// The big-endian 32-byte word of a Python `int` (`signed` two's complement), or the reason it
/// does not fit.
fn int_word(obj: &Bound<'_, PyAny>, signed: bool) -> Option<[u8; 32]> {
    let kwargs = PyDict::new(obj.py());
    kwargs.set_item("signed", signed).ok()?;
    let bytes = obj.call_method("to_bytes", (32, "big"), Some(&kwargs)).ok()?;
    bytes.cast::<PyBytes>().ok()?.as_bytes().try_into().ok()
}

fn int_from_word<'py>(py: Python<'py>, word: &[u8; 32], signed: bool) -> PyResult<Bound<'py, PyAny>> {
    let int = py.get_type::<PyInt>();
    let kwargs = PyDict::new(py);
    kwargs.set_item("signed", signed)?;
    int.call_method("from_bytes", (PyBytes::new(py, word), "big"), Some(&kwargs))
}

/// An `int` that is not a `bool` (`True` is an `int` to Python, never a number to the protocol).
fn as_int<'a, 'py>(obj: &'a Bound<'py, PyAny>) -> Option<&'a Bound<'py, PyAny>> {
    (obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>()).then_some(obj)
}

impl PyValue for U256 {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match u64::try_from(*self) {
            Ok(small) => Ok(small.into_pyobject(py)?.into_any()),
            Err(_) => int_from_word(py, &self.to_be_bytes::<32>(), false),
        }
    }

    fn from_py(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Self> {
        if let Some(int) = as_int(obj) {
            if let Ok(small) = int.extract::<u64>() {
                return Ok(U256::from(small));
            }
            if int.lt(0)? {
                return Err(arg_err(obj.py(), path, "expected a non-negative int"));
            }
            return int_word(int, false)
                .map(|w| U256::from_be_bytes(w))
                .ok_or_else(|| arg_err(obj.py(), path, "int does not fit uint256"));
        }
        if let Ok(text) = obj.cast::<PyString>() {
            return from_text(text, path);
        }
        Err(arg_err(obj.py(), path, format!("expected an int, found {}", type_name(obj))))
    }

    fn write_repr(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl PyValue for u64 {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }

    fn from_py(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Self> {
        if let Some(int) = as_int(obj) {
            return int.extract::<u64>().map_err(|_| arg_err(obj.py(), path, "int does not fit uint64"));
        }
        if let Ok(text) = obj.cast::<PyString>() {
            return from_text(text, path);
        }
        Err(arg_err(obj.py(), path, format!("expected an int, found {}", type_name(obj))))
    }

    fn write_repr(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl PyValue for I256 {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match i64::try_from(*self) {
            Ok(small) => Ok(small.into_pyobject(py)?.into_any()),
            Err(_) => int_from_word(py, &self.to_be_bytes::<32>(), true),
        }
    }

    fn from_py(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Self> {
        if let Some(int) = as_int(obj) {
            if let Ok(small) = int.extract::<i64>() {
                return Ok(I256::try_from(small).unwrap_or_default());
            }
            return int_word(int, true)
                .map(I256::from_be_bytes)
                .ok_or_else(|| arg_err(obj.py(), path, "int does not fit int256"));
        }
        if let Ok(text) = obj.cast::<PyString>() {
            return from_text(text, path);
        }
        Err(arg_err(obj.py(), path, format!("expected an int, found {}", type_name(obj))))
    }

    fn write_repr(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl PyValue for bool {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyBool::new(py, *self).to_owned().into_any())
    }

    fn from_py(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Self> {
        match obj.cast::<PyBool>() {
            Ok(b) => Ok(b.is_true()),
            Err(_) => Err(arg_err(obj.py(), path, format!("expected a bool, found {}", type_name(obj)))),
        }
    }

    fn write_repr(&self, out: &mut String) {
        out.push_str(if *self { "True" } else { "False" });
    }
}

/// The bytes of a `bytes`, `bytearray` or `memoryview` argument; `None` for other types.
pub fn bytes_like(obj: &Bound<'_, PyAny>) -> Option<Vec<u8>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Some(b.as_bytes().to_vec());
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Some(b.to_vec());
    }
    if obj.is_instance_of::<PyMemoryView>() {
        return obj.call_method0("tobytes").ok()?.cast::<PyBytes>().ok().map(|b| b.as_bytes().to_vec());
    }
    None
}

/// Reads a byte string of exactly `N` bytes (`bytes`-like, or `0x`-hex text parsed as `T`).
fn fixed_from_py<T: CanonicalJson, const N: usize>(
    obj: &Bound<'_, PyAny>,
    path: &Path<'_>,
    make: impl FnOnce([u8; N]) -> T,
) -> PyResult<T> {
    if let Some(bytes) = bytes_like(obj) {
        let len = bytes.len();
        return <[u8; N]>::try_from(bytes)
            .map(make)
            .map_err(|_| arg_err(obj.py(), path, format!("expected {N} bytes, found {len}")));
    }
    if let Ok(text) = obj.cast::<PyString>() {
        return from_text(text, path);
    }
    Err(arg_err(obj.py(), path, format!("expected bytes, found {}", type_name(obj))))
}

fn write_hex(bytes: &[u8], out: &mut String) {
    out.push_str(&alloy_primitives::hex::encode_prefixed(bytes));
}

impl PyValue for Address {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyBytes::new(py, self.as_slice()).into_any())
    }

    fn from_py(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Self> {
        fixed_from_py::<Address, 20>(obj, path, Address::from)
    }

    fn write_repr(&self, out: &mut String) {
        write_hex(self.as_slice(), out);
    }
}

impl PyValue for B256 {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyBytes::new(py, self.as_slice()).into_any())
    }

    fn from_py(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Self> {
        fixed_from_py::<B256, 32>(obj, path, B256::from)
    }

    fn write_repr(&self, out: &mut String) {
        write_hex(self.as_slice(), out);
    }
}

impl PyValue for Bytes {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyBytes::new(py, self).into_any())
    }

    fn from_py(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Self> {
        if let Some(bytes) = bytes_like(obj) {
            return Ok(Bytes::from(bytes));
        }
        if let Ok(text) = obj.cast::<PyString>() {
            return from_text(text, path);
        }
        Err(arg_err(obj.py(), path, format!("expected bytes, found {}", type_name(obj))))
    }

    fn write_repr(&self, out: &mut String) {
        write_hex(self, out);
    }
}

impl<T: PyValue> PyValue for Vec<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self.iter().map(|v| v.to_py(py)).collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }

    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self.iter().map(|v| v.to_plain(py)).collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }

    fn from_py(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Self> {
        let read = |items: &mut dyn Iterator<Item = Bound<'_, PyAny>>| {
            items.enumerate().map(|(i, item)| T::from_py(&item, &path.index(i))).collect::<PyResult<Vec<T>>>()
        };
        if let Ok(list) = obj.cast::<PyList>() {
            return read(&mut list.iter());
        }
        if let Ok(tuple) = obj.cast::<PyTuple>() {
            return read(&mut tuple.iter());
        }
        Err(arg_err(obj.py(), path, format!("expected a list, found {}", type_name(obj))))
    }

    fn write_repr(&self, out: &mut String) {
        out.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            v.write_repr(out);
        }
        out.push(']');
    }
}

/// How [`read_fields`] treats the keys of a dict.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FieldsFrom {
    /// Keyword arguments (`ExecutionEntry(callCount=2)`): fields left out keep their value, an
    /// unknown keyword is a `TypeError` as for any Python callable.
    Keywords,
    /// The struct's dict form (`from_dict`, a nested dict): exactly the fields of its JSON form,
    /// with the same `JsonError` (code and path) core gives for JSON text.
    Dict,
}

/// Reads the fields of a struct from `dict` with `set(name, value, path)`.
pub fn read_fields(
    dict: &Bound<'_, PyDict>,
    path: &Path<'_>,
    fields: &[&str],
    from: FieldsFrom,
    mut set: impl FnMut(&str, &Bound<'_, PyAny>, &Path<'_>) -> PyResult<()>,
) -> PyResult<()> {
    let py = dict.py();
    for (key, value) in dict.iter() {
        let Some(name) = key.cast::<PyString>().ok().and_then(|k| k.to_cow().ok().map(|c| c.into_owned())) else {
            return Err(py_err(py, shape_err(path, format!("field names are str, found {}", type_name(&key)))));
        };
        match fields.iter().find(|f| **f == name.as_str()) {
            Some(field) => set(field, &value, &path.field(field))?,
            None if from == FieldsFrom::Keywords => {
                return Err(PyTypeError::new_err(format!(
                    "unexpected keyword argument '{name}' (expected one of: {})",
                    fields.join(", ")
                )))
            }
            None => {
                return Err(py_err(py, unknown_field(&path.field(&name), fields)));
            }
        }
    }
    if from == FieldsFrom::Dict {
        if let Some(missing) = fields.iter().find(|f| !dict.contains(**f).unwrap_or(false)) {
            return Err(py_err(py, missing_field(&path.field(missing))));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// JSON-shaped arguments and results

/// How [`py_json`] treats a Python `float`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Floats {
    /// An `ArgumentError` at the value's path: the protocol's JSON inputs (traces, requests,
    /// events, calls) hold integers only.
    Reject,
    /// A JSON number when finite, as `json.dumps` writes it: documents made elsewhere (receipts,
    /// OCP artifacts, commitment records, proofs), which core then reads with its own rules.
    Number,
}

/// Python data → JSON: `None`, `bool`, `int` (a JSON number when it fits 64 bits, else `0x`-hex,
/// or a signed decimal string when negative), `float` (per `floats`), `str`, bytes-like
/// (`0x`-hex), `dict` (keys `str`, or bytes-like as `0x`-hex), `list`/`tuple`, and objects with a
/// `to_json()` (the struct classes) as their JSON. Nesting deeper than core's
/// [`MAX_JSON_DEPTH`] (a cyclic list, say) is the `InputTooLarge` error (302) JSON text that deep gets.
pub fn py_json(obj: &Bound<'_, PyAny>, path: &Path<'_>, floats: Floats) -> PyResult<Value> {
    py_json_at(obj, path, floats, 0)
}

fn py_json_at(obj: &Bound<'_, PyAny>, path: &Path<'_>, floats: Floats, depth: usize) -> PyResult<Value> {
    let py = obj.py();
    if depth > MAX_JSON_DEPTH {
        let found = depth;
        let e = Error::InputTooLarge {
            path: path.to_string(),
            what: "nesting depth",
            found,
            limit: MAX_JSON_DEPTH,
            offset: None,
        };
        return Err(py_err(py, e));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(small) = obj.extract::<i64>() {
            return Ok(Value::Number(Number::from(small)));
        }
        if let Ok(small) = obj.extract::<u64>() {
            return Ok(Value::Number(Number::from(small)));
        }
        let text = if obj.lt(0)? { obj.str()? } else { py.import("builtins")?.getattr("hex")?.call1((obj,))?.str()? };
        return Ok(Value::String(text.to_cow()?.into_owned()));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return match floats {
            Floats::Reject => Err(arg_err(py, path, "expected an int, found float")),
            Floats::Number => Number::from_f64(f.value())
                .map(Value::Number)
                .ok_or_else(|| arg_err(py, path, "a JSON number is finite")),
        };
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Some(bytes) = bytes_like(obj) {
        return Ok(Value::String(hex::encode_prefixed(bytes)));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (key, value) in dict.iter() {
            let key = if let Ok(k) = key.cast::<PyString>() {
                k.to_cow()?.into_owned()
            } else if let Some(b) = bytes_like(&key) {
                hex::encode_prefixed(b)
            } else {
                return Err(arg_err(py, path, format!("keys are str (or bytes), found {}", type_name(&key))));
            };
            let item = py_json_at(&value, &path.field(&key), floats, depth + 1)?;
            map.insert(key, item);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            items.push(py_json_at(&item?, &path.index(i), floats, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    if let Ok(to_json) = obj.getattr("to_json") {
        if to_json.is_callable() {
            return input_json(&to_json.call0()?);
        }
    }
    Err(arg_err(py, path, format!("expected JSON-like data, found {}", type_name(obj))))
}

/// A JSON-shaped argument: JSON text (`str` or UTF-8 `bytes`) parsed by core, or Python data
/// converted by [`py_json`] (errors under the root `what`).
pub fn json_input(obj: &Bound<'_, PyAny>, what: &str, floats: Floats) -> PyResult<Value> {
    if obj.is_instance_of::<PyString>() || bytes_like(obj).is_some() {
        return input_json(obj);
    }
    py_json(obj, &Path::Root(what), floats)
}

/// JSON → plain Python data (`json.loads` of its text): for values core reports as JSON.
pub fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (value.to_string(),))
}

/// A JSON-shaped argument read under the GIL, to be parsed without it: JSON text, or the value
/// Python data converted to (integers only, [`Floats::Reject`]).
pub enum JsonSource {
    /// JSON text, not yet parsed.
    Text(String),
    /// Python data, already converted.
    Value(Value),
}

impl JsonSource {
    /// Reads `obj` as [`json_input`] does, leaving JSON text unparsed.
    pub fn of(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Self> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(JsonSource::Text(s.to_cow()?.into_owned()));
        }
        if let Some(bytes) = bytes_like(obj) {
            return String::from_utf8(bytes)
                .map(JsonSource::Text)
                .map_err(|e| py_err(obj.py(), Error::JsonSyntax { message: format!("JSON text is not UTF-8: {e}") }));
        }
        py_json(obj, &Path::Root(what), Floats::Reject).map(JsonSource::Value)
    }

    /// The JSON value (parsing text with core's parser).
    pub fn into_value(self) -> Result<Value, Error> {
        match self {
            JsonSource::Text(text) => exectable::json::parse_json(&text),
            JsonSource::Value(value) => Ok(value),
        }
    }

    /// The value parsed as `T` with core's JSON rules, errors under `root`.
    pub fn parse<T: CanonicalJson>(self, root: &'static str) -> Result<T, Error> {
        T::from_json_at(&self.into_value()?, &Path::Root(root))
    }
}

/// Parses `obj` (any JSON-shaped argument) as `T` with core's JSON rules, errors under `root`;
/// the JSON text is parsed with the GIL released.
pub fn json_arg<T: CanonicalJson + Send>(obj: &Bound<'_, PyAny>, root: &'static str) -> PyResult<T> {
    let source = JsonSource::of(obj, root)?;
    detached(obj.py(), || source.parse(root))
}

/// An `eth_getTransactionReceipt` receipt (JSON-RPC envelope allowed): JSON text or a dict.
/// Malformed receipts are `ReceiptMalformed` (606).
pub fn receipt_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Receipt> {
    let value = json_input(obj, what, Floats::Number)?;
    Receipt::from_json(&value).map_err(|e| py_err(obj.py(), e))
}

/// A byte string as Python `bytes`.
pub fn py_bytes<'py>(py: Python<'py>, bytes: impl AsRef<[u8]>) -> Bound<'py, PyBytes> {
    PyBytes::new(py, bytes.as_ref())
}

/// An optional byte string as `bytes` or `None`.
pub fn opt_bytes<'py, T: AsRef<[u8]> + ?Sized>(py: Python<'py>, value: Option<&T>) -> Option<Bound<'py, PyBytes>> {
    value.map(|b| PyBytes::new(py, b.as_ref()))
}

/// Hashes (or any byte strings) as a `list` of `bytes`.
pub fn bytes_list<'py, T: AsRef<[u8]>>(py: Python<'py>, items: &[T]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, items.iter().map(|h| PyBytes::new(py, h.as_ref())))
}

/// A `list` with one `dict` per item, each filled by `fill(dict, item)` (report rows keyed by
/// core's JSON names).
pub fn dict_list<'py, T>(
    py: Python<'py>,
    items: impl IntoIterator<Item = T>,
    mut fill: impl FnMut(&Bound<'py, PyDict>, T) -> PyResult<()>,
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for item in items {
        let dict = PyDict::new(py);
        fill(&dict, item)?;
        list.append(dict)?;
    }
    Ok(list)
}
