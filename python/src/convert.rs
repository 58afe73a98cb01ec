//! Python ⇄ Rust values of the protocol's Solidity types: `int` for `uint*`/`int256`, `bytes` for
//! `address`/`bytes32`/`bytes`, `bool`, `list` for arrays, the struct classes for structs.
//!
//! Input also takes the JSON edge forms (`0x`-hex or decimal `str`), parsed by core's canonical
//! JSON so both paths reject exactly the same values with the same error (code and field path).

use crate::errors::py_err;
use alloy_primitives::{Address, Bytes, B256, I256, U256};
use exectable::abi::layout::Path;
use exectable::{CanonicalJson, Error};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyInt, PyList, PyMemoryView, PyString, PyTuple};
use serde_json::Value;

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
            return Err(py_err(py, shape_error(path, format!("field names are str, found {}", type_name(&key)))));
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
                let message = format!("unknown field (expected one of: {})", fields.join(", "));
                return Err(py_err(py, shape_error(&path.field(&name), message)));
            }
        }
    }
    if from == FieldsFrom::Dict {
        if let Some(missing) = fields.iter().find(|f| !dict.contains(**f).unwrap_or(false)) {
            return Err(py_err(py, shape_error(&path.field(missing), "missing field".into())));
        }
    }
    Ok(())
}

/// Core's JSON shape error (the code and message core gives for the same fault in JSON text).
pub fn shape_error(path: &Path<'_>, message: String) -> Error {
    Error::JsonShape { path: path.to_string(), message }
}
