//! Batch validation (§6.1 and the prover obligations) as Python calls: what `exectable validate`
//! does, returning a [`PyValidationReport`] (`exectable.validate`). The core calls run with the
//! GIL released.

use crate::calls::{call_or_json, PyManagerCall};
use crate::convert::{arg_err, bytes_like, dict_list, type_name, PyValue};
use crate::errors::py_err;
use crate::events::{protocol_error_plain, protocol_error_py};
use crate::structs::{batch_arg, json_text};
use alloy_primitives::U256;
use exectable::abi::layout::Path;
use exectable::json::{expect_object, required_field};
use exectable::types::l2;
use exectable::validate::{validate_batch, validate_l2_table, Finding, Rule, ValidationContext, ValidationReport};
use exectable::{CanonicalJson, Error};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use serde_json::Value;
use std::collections::BTreeSet;

type L2Table = (Vec<l2::ExecutionEntry>, Vec<l2::LookupCall>);

/// `{"entries", "lookupCalls"}` as core JSON.
fn l2_table_from_json(json: &Value) -> Result<L2Table, Error> {
    let root = Path::Root("");
    let map = expect_object(json, &root, &["entries", "lookupCalls"])?;
    let entries = required_field(map, "entries", &root)?;
    let lookups = match map.get("lookupCalls") {
        Some(v) => Vec::<l2::LookupCall>::from_json_at(v, &root.field("lookupCalls"))?,
        None => Vec::new(),
    };
    Ok((entries, lookups))
}

/// An L2 table: a list of entries (with `lookup_calls`), or a `ManagerCall` / calldata /
/// `0x`-hex / call JSON of `loadExecutionTable` or `executeIncomingCrossChainCall`, or
/// `{"entries", "lookupCalls"}` (dict or JSON text).
fn read_l2_table(table: &Bound<'_, PyAny>, lookup_calls: Option<&Bound<'_, PyAny>>) -> PyResult<L2Table> {
    let py = table.py();
    let lookup_calls = lookup_calls.filter(|l| !l.is_none());
    if table.is_instance_of::<PyList>() || table.is_instance_of::<PyTuple>() {
        let entries = PyValue::from_py(table, &Path::Root("entries"))?;
        let lookups = match lookup_calls {
            Some(l) => PyValue::from_py(l, &Path::Root("lookupCalls"))?,
            None => Vec::new(),
        };
        return Ok((entries, lookups));
    }
    if lookup_calls.is_some() {
        return Err(arg_err(py, &Path::Root("lookupCalls"), "lookup_calls goes with a list of entries only"));
    }
    if !(table.is_instance_of::<PyDict>()
        || table.is_instance_of::<PyManagerCall>()
        || table.is_instance_of::<PyString>()
        || bytes_like(table).is_some())
    {
        return Err(arg_err(
            py,
            &Path::Root("entries"),
            format!("expected a list of entries, calldata or JSON text, found {}", type_name(table)),
        ));
    }
    match call_or_json(table, "table")? {
        Ok(call) => {
            let name = call.function_name();
            call.into_l2_table().ok_or_else(|| {
                py_err(
                    py,
                    Error::invalid(
                        "table",
                        format!(
                            "{name} calldata carries no L2 table \
                             (expected loadExecutionTable or executeIncomingCrossChainCall)"
                        ),
                    ),
                )
            })
        }
        Err(json) => l2_table_from_json(&json).map_err(|e| py_err(py, e)),
    }
}

fn finding_dict<'py>(py: Python<'py>, f: &Finding, plain: bool) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("rule", f.rule.name())?;
    dict.set_item("severity", f.severity.name())?;
    dict.set_item("path", &f.path)?;
    dict.set_item("message", &f.message)?;
    let error = match &f.onchain_error {
        None => None,
        Some(e) if plain => Some(protocol_error_plain(py, e)?),
        Some(e) => Some(protocol_error_py(py, e)?),
    };
    dict.set_item("onchainError", error)?;
    Ok(dict)
}

fn findings_list<'py>(py: Python<'py>, findings: &[Finding], plain: bool) -> PyResult<Bound<'py, PyList>> {
    let items = findings.iter().map(|f| finding_dict(py, f, plain)).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// What the validator found in a batch or L2 table. Truthy exactly when `ok` (no finding of
/// severity error; warnings and infos allowed). `str(report)` is the text `exectable validate`
/// prints; `to_json()` its `--json` report.
#[pyclass(frozen, module = "exectable.validate", name = "ValidationReport")]
pub struct PyValidationReport(ValidationReport);

#[pymethods]
impl PyValidationReport {
    /// No finding of severity error.
    #[getter]
    fn ok(&self) -> bool {
        self.0.is_ok()
    }

    /// Whether `postAndVerifyBatch` itself reverts (some §6.1 check fails).
    #[getter(wouldRevert)]
    fn would_revert(&self) -> bool {
        self.0.would_revert()
    }

    /// Number of findings per severity: `{"error", "warning", "info"}`.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        use exectable::validate::Severity;
        let dict = PyDict::new(py);
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            dict.set_item(s.name(), self.0.count(s))?;
        }
        Ok(dict)
    }

    /// Index into `structural` of the finding whose error `postAndVerifyBatch` raises, or `None`.
    #[getter(firstOnchainError)]
    fn first_onchain_error(&self) -> Option<usize> {
        self.0.first_onchain_error
    }

    /// The error `postAndVerifyBatch` raises (of `structural[firstOnchainError]`), or `None`.
    #[getter]
    fn onchain_error<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0
            .first_onchain_finding()
            .and_then(|f| f.onchain_error.as_ref())
            .map(|e| protocol_error_py(py, e))
            .transpose()
    }

    /// §6.1 violations in contract order: dicts `{"rule", "severity", "path", "message",
    /// "onchainError"}` (`onchainError` a `ProtocolError` or `None`).
    #[getter]
    fn structural<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        findings_list(py, &self.0.structural, false)
    }

    /// Well-formedness findings in batch order (same dicts as `structural`).
    #[getter(wellFormedness)]
    fn well_formedness<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        findings_list(py, &self.0.well_formedness, false)
    }

    /// Every finding: `structural`, then `wellFormedness`.
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let all: Vec<Finding> = self.0.findings().cloned().collect();
        findings_list(py, &all, false)
    }

    /// Checks that could not be made: `{"note", "message"}` dicts.
    #[getter]
    fn notes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        dict_list(py, &self.0.notes, |d, n| {
            d.set_item("note", n.name())?;
            d.set_item("message", n.message())
        })
    }

    fn __bool__(&self) -> bool {
        self.0.is_ok()
    }

    fn __str__(&self) -> String {
        self.0.to_string().trim_end().to_owned()
    }

    fn __repr__(&self) -> String {
        use exectable::validate::Severity;
        format!(
            "ValidationReport(ok={}, wouldRevert={}, errors={}, warnings={}, infos={})",
            if self.0.is_ok() { "True" } else { "False" },
            if self.0.would_revert() { "True" } else { "False" },
            self.0.count(Severity::Error),
            self.0.count(Severity::Warning),
            self.0.count(Severity::Info),
        )
    }

    /// Plain Python data in the JSON layout (`onchainError` as a dict).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("ok", self.ok())?;
        dict.set_item("wouldRevert", self.would_revert())?;
        dict.set_item("counts", self.counts(py)?)?;
        dict.set_item("firstOnchainError", self.first_onchain_error())?;
        dict.set_item("structural", findings_list(py, &self.0.structural, true)?)?;
        dict.set_item("wellFormedness", findings_list(py, &self.0.well_formedness, true)?)?;
        dict.set_item("notes", self.notes(py)?)?;
        Ok(dict)
    }

    /// The JSON report `exectable validate --json` prints.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }
}

/// Validates an L1 batch as `postAndVerifyBatch` checks it (§6.1, in contract order) plus every
/// prover obligation. `batch`: the struct object or its dict, a `ManagerCall`, `postAndVerifyBatch`
/// calldata (`bytes` / `0x`-hex), or batch / call JSON text. Chain state, all optional:
/// `registered_rollups` (rollup ids; unknown = that check skipped), `blob_count` (blobs of the
/// posting transaction; unknown = blobIndices not range-checked), `batch_in_flight`.
#[pyfunction(name = "validate_batch")]
#[pyo3(signature = (batch, *, registered_rollups=None, blob_count=None, batch_in_flight=false))]
pub fn validate_batch_py(
    batch: &Bound<'_, PyAny>,
    registered_rollups: Option<&Bound<'_, PyAny>>,
    blob_count: Option<usize>,
    batch_in_flight: bool,
) -> PyResult<PyValidationReport> {
    let py = batch.py();
    let registered = match registered_rollups.filter(|r| !r.is_none()) {
        None => None,
        Some(ids) => {
            let root = Path::Root("registeredRollups");
            let mut set = BTreeSet::new();
            for (i, id) in ids.try_iter()?.enumerate() {
                set.insert(U256::from_py(&id?, &root.index(i))?);
            }
            Some(set)
        }
    };
    let (batch, _) = batch_arg(batch)?;
    let ctx = ValidationContext { registered_rollups: registered, blob_count, batch_in_flight };
    let report = py.detach(|| validate_batch(&batch, &ctx));
    Ok(PyValidationReport(report))
}

/// Validates an L2 table (well-formedness only: loading checks nothing, §6.4). `table`: a list of
/// `l2.ExecutionEntry` (or dicts) with `lookup_calls`, a `ManagerCall` or calldata / call JSON of
/// `loadExecutionTable` or `executeIncomingCrossChainCall`, or `{"entries", "lookupCalls"}`.
#[pyfunction(name = "validate_l2_table")]
#[pyo3(signature = (table, lookup_calls=None))]
pub fn validate_l2_table_py(
    table: &Bound<'_, PyAny>,
    lookup_calls: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyValidationReport> {
    let (entries, lookups) = read_l2_table(table, lookup_calls)?;
    let report = table.py().detach(|| validate_l2_table(&entries, &lookups));
    Ok(PyValidationReport(report))
}

/// Every rule the validator checks: `{"rule", "severity", "structural", "summary"}` dicts, the
/// §6.1 checks first in contract order.
#[pyfunction]
pub fn validation_rules(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    dict_list(py, Rule::ALL, |d, r| {
        d.set_item("rule", r.name())?;
        d.set_item("severity", r.severity().name())?;
        d.set_item("structural", r.is_structural())?;
        d.set_item("summary", r.summary())
    })
}

/// Adds the validation functions and the report class to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyValidationReport>()?;
    m.add_function(wrap_pyfunction!(validate_batch_py, m)?)?;
    m.add_function(wrap_pyfunction!(validate_l2_table_py, m)?)?;
    m.add_function(wrap_pyfunction!(validation_rules, m)?)?;
    Ok(())
}
