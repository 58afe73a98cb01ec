//! Core's [`Error`] as the `exectable.errors` exception of its code's family.

use exectable::Error;
use pyo3::prelude::*;

/// The Python exception for a core error: the class of its code's family in `exectable.errors`,
/// built as `cls(message, code, path, offset)`.
pub fn py_err(py: Python<'_>, e: Error) -> PyErr {
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
pub fn detached<T: Send>(py: Python<'_>, work: impl FnOnce() -> Result<T, Error> + Send) -> PyResult<T> {
    py.detach(work).map_err(|e| py_err(py, e))
}
