//! `exectable._native`: the private native module under the pure-Python package `exectable`.
//!
//! Every function converts its Python arguments, calls core with the GIL released, and converts
//! the result back (`bytes` in and out, `int` for uint256, canonical JSON text for structs).
//! Core's [`exectable::Error`] becomes the `exectable.errors` exception of its code's family,
//! carrying `code`, `path` and `offset` unchanged.

#![warn(missing_docs)]

use alloy_primitives::{Address, U256};
use exectable::conformance::run_vectors;
use exectable::hash::{call, proxy};
use exectable::types::{l1, StructKind};
use exectable::{CanonicalJson, Error, ManagerCall};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyInt};

/// The Python exception for a core error: the class of its code's family in `exectable.errors`,
/// built as `cls(message, code, path, offset)`.
fn py_err(py: Python<'_>, e: Error) -> PyErr {
    let code = e.code().as_u32();
    let class = match code / 100 {
        1 => "AbiError",
        2 => "JsonError",
        3 => "ArgumentError",
        4 => "ProofError",
        5 => "OcpError",
        6 => "MembershipError",
        _ => "ExectableError",
    };
    let built = py
        .import("exectable.errors")
        .and_then(|m| m.getattr(class))
        .and_then(|cls| cls.call1((e.to_string(), code, e.path(), e.offset())));
    match built {
        Ok(value) => PyErr::from_value(value),
        Err(import_error) => import_error,
    }
}

/// Runs `work` without the GIL and turns its error into the family exception.
fn detached<T: Send>(py: Python<'_>, work: impl FnOnce() -> Result<T, Error> + Send) -> PyResult<T> {
    py.detach(work).map_err(|e| py_err(py, e))
}

/// A Python `int` in `0..2^256` as a `U256`; anything else is an `ArgumentError` at `path`.
fn uint256(py: Python<'_>, value: &Bound<'_, PyAny>, path: &str) -> PyResult<U256> {
    if !value.is_instance_of::<PyInt>() || value.lt(0)? {
        return Err(py_err(py, Error::invalid(path, "expected a non-negative int")));
    }
    let word = value
        .call_method1("to_bytes", (32, "big"))
        .map_err(|_| py_err(py, Error::invalid(path, "does not fit uint256")))?;
    Ok(U256::from_be_slice(word.cast::<PyBytes>()?.as_bytes()))
}

/// 20 bytes as an `Address`; any other length is an `ArgumentError` at `path`.
fn address(py: Python<'_>, bytes: &[u8], path: &str) -> PyResult<Address> {
    Address::try_from(bytes)
        .map_err(|_| py_err(py, Error::invalid(path, format!("expected 20 bytes, found {}", bytes.len()))))
}

/// A struct kind by name (`l1.ExecutionEntry`, or `ExecutionEntry`-style where unambiguous).
fn struct_kind(py: Python<'_>, name: &str) -> PyResult<StructKind> {
    StructKind::from_name(name).ok_or_else(|| py_err(py, Error::invalid("name", format!("unknown struct {name:?}"))))
}

/// `keccak256(data)`.
#[pyfunction]
fn keccak256<'py>(py: Python<'py>, data: &[u8]) -> Bound<'py, PyBytes> {
    let digest = py.detach(|| alloy_primitives::keccak256(data));
    PyBytes::new(py, digest.as_slice())
}

/// `keccak256(abi.encode(targetRollupId, targetAddress, value, data, sourceAddress, sourceRollupId))`.
#[pyfunction]
fn cross_chain_call_hash<'py>(
    py: Python<'py>,
    target_rollup_id: &Bound<'py, PyAny>,
    target_address: &[u8],
    value: &Bound<'py, PyAny>,
    data: &[u8],
    source_address: &[u8],
    source_rollup_id: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let target_rollup_id = uint256(py, target_rollup_id, "targetRollupId")?;
    let target_address = address(py, target_address, "targetAddress")?;
    let value = uint256(py, value, "value")?;
    let source_address = address(py, source_address, "sourceAddress")?;
    let source_rollup_id = uint256(py, source_rollup_id, "sourceRollupId")?;
    let digest = py.detach(|| {
        call::cross_chain_call_hash(target_rollup_id, target_address, value, data, source_address, source_rollup_id)
    });
    Ok(PyBytes::new(py, digest.as_slice()))
}

/// `abi.encode(value)` of the struct `name` given as canonical JSON text.
#[pyfunction]
fn abi_encode_json<'py>(py: Python<'py>, name: &str, json: &str) -> PyResult<Bound<'py, PyBytes>> {
    let kind = struct_kind(py, name)?;
    let bytes = detached(py, || kind.encode_from_json(&exectable::json::parse_json(json)?))?;
    Ok(PyBytes::new(py, &bytes))
}

/// Strictly decodes `abi.encode(value)` of the struct `name`; returns canonical JSON text.
#[pyfunction]
fn abi_decode_json(py: Python<'_>, name: &str, data: &[u8]) -> PyResult<String> {
    let kind = struct_kind(py, name)?;
    detached(py, || Ok(kind.decode_to_json(data)?.to_string()))
}

/// Names of every struct `abi_encode_json`/`abi_decode_json` accept, in declaration order.
#[pyfunction]
fn struct_names() -> Vec<&'static str> {
    StructKind::ALL.iter().map(|k| k.name()).collect()
}

/// Decodes manager calldata by selector; returns the call's JSON (`function`, `selector`, `args`).
#[pyfunction]
fn decode_calldata_json(py: Python<'_>, data: &[u8]) -> PyResult<String> {
    detached(py, || Ok(ManagerCall::decode(data)?.to_json().to_string()))
}

/// Encodes a manager call given as JSON (`function`, `args`) into calldata.
#[pyfunction]
fn encode_calldata_json<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyBytes>> {
    let bytes = detached(py, || Ok(ManagerCall::from_json(&exectable::json::parse_json(json)?)?.encode()))?;
    Ok(PyBytes::new(py, &bytes))
}

/// `keccak256(abi.encode(entry))` of an L1 `ExecutionEntry` given as canonical JSON text.
#[pyfunction]
fn entry_hash_json<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyBytes>> {
    let digest = detached(py, || Ok(l1::ExecutionEntry::from_json(&exectable::json::parse_json(json)?)?.hash()))?;
    Ok(PyBytes::new(py, digest.as_slice()))
}

/// `keccak256(abi.encode(lookupCall))` of an L1 `LookupCall` given as canonical JSON text.
#[pyfunction]
fn lookup_call_hash_json<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyBytes>> {
    let digest = detached(py, || Ok(l1::LookupCall::from_json(&exectable::json::parse_json(json)?)?.hash()))?;
    Ok(PyBytes::new(py, digest.as_slice()))
}

/// The CREATE2 address of the proxy `manager` deploys for `(original_address, original_rollup_id)`,
/// as `{"proxyAddress", "salt", "initCodeHash"}` (bytes). `creation_code` defaults to the
/// reference build's proxy creation code.
#[pyfunction]
#[pyo3(signature = (manager, original_address, original_rollup_id, creation_code=None))]
fn proxy_address<'py>(
    py: Python<'py>,
    manager: &[u8],
    original_address: &[u8],
    original_rollup_id: &Bound<'py, PyAny>,
    creation_code: Option<&[u8]>,
) -> PyResult<Bound<'py, PyDict>> {
    let manager = address(py, manager, "manager")?;
    let original_address = address(py, original_address, "originalAddress")?;
    let original_rollup_id = uint256(py, original_rollup_id, "originalRollupId")?;
    let code = creation_code.unwrap_or(proxy::REFERENCE_PROXY_CREATION_CODE);
    let p = py.detach(|| proxy::proxy_address(manager, original_address, original_rollup_id, code));
    let out = PyDict::new(py);
    out.set_item("proxyAddress", PyBytes::new(py, p.address.as_slice()))?;
    out.set_item("salt", PyBytes::new(py, p.salt.as_slice()))?;
    out.set_item("initCodeHash", PyBytes::new(py, p.init_code_hash.as_slice()))?;
    Ok(out)
}

/// Runs every case of a vector file (JSON text or bytes); returns `(passed, failed, kinds)` with
/// `kinds[kind] = {"passed", "failed", "failures": [(id, reason)]}`.
#[pyfunction]
fn run_conformance<'py>(
    py: Python<'py>,
    vector_file: &Bound<'py, PyAny>,
) -> PyResult<(usize, usize, Bound<'py, PyDict>)> {
    let text: Vec<u8> = if let Ok(b) = vector_file.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else if let Ok(s) = vector_file.extract::<String>() {
        s.into_bytes()
    } else {
        return Err(PyTypeError::new_err("run_conformance takes the vector file as bytes or str"));
    };
    let report = detached(py, || {
        let text = std::str::from_utf8(&text).map_err(|e| Error::JsonSyntax { message: e.to_string() })?;
        run_vectors(&exectable::json::parse_json(text)?, &[])
    })?;
    let kinds = PyDict::new(py);
    for (kind, count) in &report.kinds {
        let k = PyDict::new(py);
        k.set_item("passed", count.passed)?;
        k.set_item("failed", count.failed)?;
        let failures: Vec<(&str, &str)> =
            report.failures.iter().filter(|f| &f.kind == kind).map(|f| (f.id.as_str(), f.reason.as_str())).collect();
        k.set_item("failures", failures)?;
        kinds.set_item(kind, k)?;
    }
    Ok((report.passed(), report.failed(), kinds))
}

/// The native module `exectable._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(keccak256, m)?)?;
    m.add_function(wrap_pyfunction!(cross_chain_call_hash, m)?)?;
    m.add_function(wrap_pyfunction!(abi_encode_json, m)?)?;
    m.add_function(wrap_pyfunction!(abi_decode_json, m)?)?;
    m.add_function(wrap_pyfunction!(struct_names, m)?)?;
    m.add_function(wrap_pyfunction!(decode_calldata_json, m)?)?;
    m.add_function(wrap_pyfunction!(encode_calldata_json, m)?)?;
    m.add_function(wrap_pyfunction!(entry_hash_json, m)?)?;
    m.add_function(wrap_pyfunction!(lookup_call_hash_json, m)?)?;
    m.add_function(wrap_pyfunction!(proxy_address, m)?)?;
    m.add_function(wrap_pyfunction!(run_conformance, m)?)?;
    Ok(())
}
