//! `exectable._native`: the private native module under the pure-Python package `exectable`.
//!
//! Every function converts its Python arguments, calls core (with the GIL released where the
//! work can take long) and converts the result back: `bytes` in and out, `int` for `uint*` and
//! `int256`, the struct classes of [`structs`] for protocol structs. Core's [`exectable::Error`]
//! becomes the `exectable.errors` exception of its code's family, carrying `code`, `path` and
//! `offset` unchanged, and an instance of the class of core's verdict on it.

#![warn(missing_docs)]

mod calls;
mod commit;
mod convert;
mod errors;
mod events;
mod membership;
mod ocp;
mod proof_inputs;
mod records;
mod replay;
mod structs;
mod validate;

use alloy_primitives::{Address, B256, U256};
use convert::PyValue;
use errors::{detached, py_err};
use exectable::abi::layout::Path;
use exectable::conformance::run_vectors;
use exectable::hash::{call, proxy};
use exectable::types::{l1, StructKind};
use exectable::Error;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyType};

/// `keccak256(data)`.
#[pyfunction]
fn keccak256<'py>(py: Python<'py>, data: &[u8]) -> Bound<'py, PyBytes> {
    let digest = py.detach(|| exectable::hash::keccak256(data));
    PyBytes::new(py, digest.as_slice())
}

/// `keccak256(abi.encode(targetRollupId, targetAddress, value, data, sourceAddress, sourceRollupId))`.
#[pyfunction]
fn cross_chain_call_hash<'py>(
    target_rollup_id: &Bound<'py, PyAny>,
    target_address: &Bound<'py, PyAny>,
    value: &Bound<'py, PyAny>,
    data: &Bound<'py, PyAny>,
    source_address: &Bound<'py, PyAny>,
    source_rollup_id: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let py = data.py();
    let target_rollup_id = U256::from_py(target_rollup_id, &Path::Root("targetRollupId"))?;
    let target_address = Address::from_py(target_address, &Path::Root("targetAddress"))?;
    let value = U256::from_py(value, &Path::Root("value"))?;
    let data = alloy_primitives::Bytes::from_py(data, &Path::Root("data"))?;
    let source_address = Address::from_py(source_address, &Path::Root("sourceAddress"))?;
    let source_rollup_id = U256::from_py(source_rollup_id, &Path::Root("sourceRollupId"))?;
    let digest: B256 =
        call::cross_chain_call_hash(target_rollup_id, target_address, value, &data, source_address, source_rollup_id);
    Ok(PyBytes::new(py, digest.as_slice()))
}

/// `keccak256(abi.encode(entry))` of every L1 `ExecutionEntry` in `entries` (objects or dicts), on
/// up to `threads` threads (default: every core) with the GIL released.
#[pyfunction]
#[pyo3(signature = (entries, *, threads=None))]
fn entry_hashes<'py>(
    py: Python<'py>,
    entries: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let entries = Vec::<l1::ExecutionEntry>::from_py(entries, &Path::Root("entries"))?;
    structs::hash_list(py, &entries, threads, l1::ExecutionEntry::hash)
}

/// `keccak256(abi.encode(lookupCall))` of every L1 `LookupCall` in `lookup_calls`, like
/// [`entry_hashes`].
#[pyfunction]
#[pyo3(signature = (lookup_calls, *, threads=None))]
fn lookup_call_hashes<'py>(
    py: Python<'py>,
    lookup_calls: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let lookup_calls = Vec::<l1::LookupCall>::from_py(lookup_calls, &Path::Root("lookupCalls"))?;
    structs::hash_list(py, &lookup_calls, threads, l1::LookupCall::hash)
}

/// The struct class for a struct name (`l1.ExecutionEntry`; the `l1.`/`l2.` prefix may be dropped
/// where the name is unique to one side).
#[pyfunction]
fn struct_class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyType>> {
    let kind = StructKind::from_name(name)
        .ok_or_else(|| py_err(py, Error::invalid("name", format!("unknown struct {name:?}"))))?;
    Ok(structs::struct_class(py, kind))
}

/// Names of every struct `struct_class` accepts, in declaration order.
#[pyfunction]
fn struct_names() -> Vec<&'static str> {
    StructKind::ALL.iter().map(|k| k.name()).collect()
}

/// The CREATE2 address of the proxy `manager` deploys for `(original_address, original_rollup_id)`,
/// as `{"proxyAddress", "salt", "initCodeHash"}` (bytes). `creation_code` is the proxy's creation
/// code (bytes), or the name of a known build (`"reference"`, the default).
#[pyfunction]
#[pyo3(signature = (manager, original_address, original_rollup_id, creation_code=None))]
fn proxy_address<'py>(
    py: Python<'py>,
    manager: &Bound<'py, PyAny>,
    original_address: &Bound<'py, PyAny>,
    original_rollup_id: &Bound<'py, PyAny>,
    creation_code: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let manager = Address::from_py(manager, &Path::Root("manager"))?;
    let original_address = Address::from_py(original_address, &Path::Root("originalAddress"))?;
    let original_rollup_id = U256::from_py(original_rollup_id, &Path::Root("originalRollupId"))?;
    let code: Vec<u8> = match creation_code {
        None => proxy::REFERENCE_PROXY_CREATION_CODE.to_vec(),
        Some(c) => match c.extract::<String>() {
            Ok(name) => proxy::proxy_creation_code_by_name(&name)
                .ok_or_else(|| py_err(py, Error::invalid("creationCode", format!("unknown proxy build {name:?}"))))?
                .to_vec(),
            Err(_) => convert::bytes_like(c)
                .ok_or_else(|| convert::arg_err(py, &Path::Root("creationCode"), "expected bytes or a build name"))?,
        },
    };
    let p = py.detach(|| proxy::proxy_address(manager, original_address, original_rollup_id, &code));
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
    let value = structs::input_json(vector_file)?;
    let report = detached(py, || run_vectors(&value, &[]))?;
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
    m.add_function(wrap_pyfunction!(struct_class, m)?)?;
    m.add_function(wrap_pyfunction!(entry_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(lookup_call_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(struct_names, m)?)?;
    m.add_function(wrap_pyfunction!(proxy_address, m)?)?;
    m.add_function(wrap_pyfunction!(run_conformance, m)?)?;
    m.add_function(wrap_pyfunction!(calls::decode_calldata, m)?)?;
    m.add_function(wrap_pyfunction!(calls::encode_calldata, m)?)?;
    m.add_function(wrap_pyfunction!(calls::decode_many, m)?)?;
    m.add_function(wrap_pyfunction!(errors::verdict_of_code, m)?)?;
    m.add_class::<calls::PyManagerCall>()?;
    structs::register(m)?;
    commit::register(m)?;
    membership::register(m)?;
    ocp::register(m)?;
    events::register(m)?;
    validate::register(m)?;
    proof_inputs::register(m)?;
    replay::register(m)?;
    Ok(())
}
