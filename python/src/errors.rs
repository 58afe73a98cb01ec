//! Core's [`Error`] as the `exectable.errors` exception of its code's family and its verdict.

use exectable::{Error, ErrorCode, Verdict};
use pyo3::prelude::*;

/// The Python exception for a core error, built by `exectable.errors._from_core(message, code,
/// path, offset)`: the class of its code's family, also a `NotIncludedError` or
/// `CannotDecideError` by [`verdict_of_code`].
pub fn py_err(py: Python<'_>, e: Error) -> PyErr {
    let built = py
        .import("exectable.errors")
        .and_then(|m| m.getattr("_from_core"))
        .and_then(|from_core| from_core.call1((e.to_string(), e.code().as_u32(), e.path(), e.offset())));
    match built {
        Ok(value) => PyErr::from_value(value),
        Err(import_error) => import_error,
    }
}

/// Runs `work` without the GIL and turns its error into the family exception.
pub fn detached<T: Send>(py: Python<'_>, work: impl FnOnce() -> Result<T, Error> + Send) -> PyResult<T> {
    py.detach(work).map_err(|e| py_err(py, e))
}

/// What an error code means for the item a verification is about (core's `Verdict::of_code`):
/// `"notIncluded"` or `"cannotDecide"`. A number that is no error code is an `ArgumentError`.
#[pyfunction]
pub fn verdict_of_code(py: Python<'_>, code: u32) -> PyResult<&'static str> {
    ErrorCode::from_u32(code)
        .map(|c| Verdict::of_code(c).name())
        .ok_or_else(|| py_err(py, Error::invalid("code", format!("{code} is not an exectable error code"))))
}
