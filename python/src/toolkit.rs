//! The builder's toolkit: batch validation (§6.1 and the prover obligations), proof inputs
//! (`sharedPublicInput`, accumulators, `publicInputsHash` per proof system, and the
//! self-describing proof-input document with its verification), trace replay and pre-flight —
//! what `exectable validate`, `public-inputs`, `replay` and `preflight` do, as Python calls
//! returning report objects. The core calls run with the GIL released.
//!
//! JSON-shaped inputs (traces, proof-input requests and documents, pre-states, consumptions)
//! are JSON text (`str`, UTF-8 `bytes`) or Python data: `dict`/`list` with `int`, `bytes`,
//! `bool`, `str` and struct objects, converted to core's JSON (ints as JSON numbers or `0x`-hex,
//! bytes as `0x`-hex) and then parsed by core, so errors name the same field paths as the CLI.

use crate::calls::PyManagerCall;
use crate::convert::{arg_err, bytes_like, type_name, PyValue};
use crate::errors::{detached, py_err};
use crate::events::{protocol_error_plain, protocol_error_py, Layer};
use crate::structs::{input_json, json_text};
use alloy_primitives::{hex, Bytes, B256, U256};
use exectable::abi::calldata::CallOrJson;
use exectable::abi::layout::Path;
use exectable::hash::rolling::RollingHashStep;
use exectable::json::{expect_object, required_field};
use exectable::preflight::{
    preflight_l1, preflight_l2, Consumption, L2Consumption, Outcome, PreState, PreflightReport, RollupState,
};
use exectable::public_inputs::{
    self, BlobSource, ProofForm, ProofInputDocument, ProofInputRequest, ProofInputs, ProofObservation,
    RollupVerificationInput, VerifyReport,
};
use exectable::replay::{replay, trace_from_entry_and_steps, trace_from_l2_entry_and_steps, Replay, Trace};
use exectable::types::{l1, l2};
use exectable::validate::{validate_batch, validate_l2_table, Finding, Rule, ValidationContext, ValidationReport};
use exectable::{CanonicalJson, Error, ManagerCall};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// Input conversion
// ---------------------------------------------------------------------------------------------

/// Deepest Python nesting converted to JSON (serde_json's own parse limit is 128).
const MAX_JSON_DEPTH: usize = 128;

/// A JSON-shaped argument: JSON text (`str` or UTF-8 `bytes`), or Python data converted to JSON.
pub fn json_input(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Value> {
    if obj.is_instance_of::<PyString>() || bytes_like(obj).is_some() {
        return input_json(obj);
    }
    py_json(obj, &Path::Root(what), 0)
}

/// Python data → JSON: `None`, `bool`, `int` (a JSON number when it fits 64 bits, else `0x`-hex,
/// or a signed decimal string when negative), `str`, `bytes` (`0x`-hex), `dict` (keys `str`, or
/// `bytes` as `0x`-hex), `list`/`tuple`, and objects with a `to_json()` (the struct classes).
fn py_json(obj: &Bound<'_, PyAny>, path: &Path<'_>, depth: usize) -> PyResult<Value> {
    let py = obj.py();
    if depth > MAX_JSON_DEPTH {
        return Err(arg_err(py, path, format!("nested deeper than {MAX_JSON_DEPTH} levels")));
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
    if obj.is_instance_of::<PyFloat>() {
        return Err(arg_err(py, path, "expected an int, found float"));
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
            let item = py_json(&value, &path.field(&key), depth + 1)?;
            map.insert(key, item);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            items.push(py_json(&item?, &path.index(i), depth + 1)?);
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

/// JSON → plain Python data (`json.loads`): for values core reports as JSON (mismatches, traces).
pub fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.getattr("loads")?.call1((value.to_string(),))
}

/// A JSON-shaped argument read under the GIL, to be parsed without it: JSON text, or the value
/// Python data converted to.
enum JsonSource {
    Text(String),
    Value(Value),
}

impl JsonSource {
    /// Reads `obj` as [`json_input`] does, leaving JSON text unparsed.
    fn of(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Self> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(JsonSource::Text(s.to_cow()?.into_owned()));
        }
        if let Some(bytes) = bytes_like(obj) {
            return String::from_utf8(bytes)
                .map(JsonSource::Text)
                .map_err(|e| py_err(obj.py(), Error::JsonSyntax { message: format!("JSON text is not UTF-8: {e}") }));
        }
        py_json(obj, &Path::Root(what), 0).map(JsonSource::Value)
    }

    /// The JSON value (parsing text with core's parser).
    fn into_value(self) -> Result<Value, Error> {
        match self {
            JsonSource::Text(text) => exectable::json::parse_json(&text),
            JsonSource::Value(value) => Ok(value),
        }
    }

    /// The value parsed as `T` with core's JSON rules, errors under `root`.
    fn parse<T: CanonicalJson>(self, root: &'static str) -> Result<T, Error> {
        T::from_json_at(&self.into_value()?, &Path::Root(root))
    }
}

/// Parses `obj` (any JSON-shaped argument) as `T` with core's JSON rules, errors under `root`;
/// the JSON text is parsed with the GIL released.
fn json_arg<T: CanonicalJson + Send>(obj: &Bound<'_, PyAny>, root: &'static str) -> PyResult<T> {
    let source = JsonSource::of(obj, root)?;
    detached(obj.py(), || source.parse(root))
}

/// The manager call a `ManagerCall` object, calldata (`bytes`), `0x`-hex or call JSON holds;
/// `Ok(None)` for other JSON, handed back.
fn call_or_json(obj: &Bound<'_, PyAny>, what: &'static str) -> PyResult<Result<ManagerCall, Value>> {
    let py = obj.py();
    if let Ok(call) = obj.cast::<PyManagerCall>() {
        return Ok(Ok(call.get().0.clone()));
    }
    if let Some(bytes) = bytes_like(obj) {
        return detached(py, || ManagerCall::decode(&bytes)).map(Ok);
    }
    if let Ok(text) = obj.cast::<PyString>() {
        let text = text.to_cow()?.into_owned();
        return match detached(py, || CallOrJson::from_text(&text))? {
            CallOrJson::Call(call) => Ok(Ok(*call)),
            CallOrJson::Json(json) => Ok(Err(json)),
        };
    }
    let json = py_json(obj, &Path::Root(what), 0)?;
    if json.get("function").is_some() {
        return ManagerCall::from_json(&json).map(Ok).map_err(|e| py_err(py, e));
    }
    Ok(Err(json))
}

/// A batch: `l1.ProofSystemBatchPerVerificationEntries`, its dict (Python or JSON-edge values),
/// a `ManagerCall`, `postAndVerifyBatch` calldata (`bytes` or `0x`-hex), or the JSON text of the
/// batch or the call.
fn read_batch(obj: &Bound<'_, PyAny>) -> PyResult<l1::ProofSystemBatchPerVerificationEntries> {
    let py = obj.py();
    let root = Path::Root("batch");
    let plain_dict = obj.cast::<PyDict>().is_ok_and(|d| !d.contains("function").unwrap_or(false));
    if obj.is_instance_of::<crate::structs::L1ProofSystemBatchPerVerificationEntries>() || plain_dict {
        return PyValue::from_py(obj, &root);
    }
    if !(obj.is_instance_of::<PyManagerCall>()
        || obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyDict>()
        || bytes_like(obj).is_some())
    {
        return Err(arg_err(
            py,
            &root,
            format!("expected a batch, its dict, calldata or JSON text, found {}", type_name(obj)),
        ));
    }
    match call_or_json(obj, "batch")? {
        Ok(call) => {
            let name = call.function_name();
            call.into_batch().ok_or_else(|| {
                py_err(
                    py,
                    Error::invalid(
                        "batch",
                        format!(
                            "{name} calldata carries no batch (expected postAndVerifyBatch; L2: validate_l2_table)"
                        ),
                    ),
                )
            })
        }
        Err(json) => l1::ProofSystemBatchPerVerificationEntries::from_json_at(&json, &root).map_err(|e| py_err(py, e)),
    }
}

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

fn bytes_list<'py>(py: Python<'py>, items: &[B256]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, items.iter().map(|h| PyBytes::new(py, h.as_slice())))
}

fn b256<'py>(py: Python<'py>, value: &B256) -> Bound<'py, PyBytes> {
    PyBytes::new(py, value.as_slice())
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

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
        let items = self
            .0
            .notes
            .iter()
            .map(|n| {
                let d = PyDict::new(py);
                d.set_item("note", n.name())?;
                d.set_item("message", n.message())?;
                Ok(d)
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
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
    let batch = read_batch(batch)?;
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
    let items = Rule::ALL
        .iter()
        .map(|r| {
            let d = PyDict::new(py);
            d.set_item("rule", r.name())?;
            d.set_item("severity", r.severity().name())?;
            d.set_item("structural", r.is_structural())?;
            d.set_item("summary", r.summary())?;
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

// ---------------------------------------------------------------------------------------------
// Proof inputs
// ---------------------------------------------------------------------------------------------

/// The blob data: resolved `blob_hashes` (one per `blobIndices`), or the posting transaction's
/// `blob_versioned_hashes`; neither means no blob.
fn blob_source(resolved: Option<&Bound<'_, PyAny>>, versioned: Option<&Bound<'_, PyAny>>) -> PyResult<BlobSource> {
    let resolved = resolved.filter(|r| !r.is_none());
    let versioned = versioned.filter(|v| !v.is_none());
    match (resolved, versioned) {
        (Some(_), Some(v)) => Err(arg_err(
            v.py(),
            &Path::Root("blobVersionedHashes"),
            "give either blob_hashes (resolved) or blob_versioned_hashes, not both",
        )),
        (Some(r), None) => Ok(BlobSource::Resolved(PyValue::from_py(r, &Path::Root("blobHashes"))?)),
        (None, Some(v)) => Ok(BlobSource::VersionedHashes(PyValue::from_py(v, &Path::Root("blobVersionedHashes"))?)),
        (None, None) => Ok(BlobSource::default()),
    }
}

/// What each rollup's manager returned: a list of `{"rollupId", "manager" (optional),
/// "timestamp", "blockHash", "vkeys": {proof system: vkey}}` (Python values or JSON text).
fn read_rollups(obj: &Bound<'_, PyAny>) -> PyResult<Vec<RollupVerificationInput>> {
    json_arg(obj, "rollups")
}

fn rollups_list<'py>(py: Python<'py>, rollups: &[RollupVerificationInput]) -> PyResult<Bound<'py, PyList>> {
    let items = rollups
        .iter()
        .map(|r| {
            let d = PyDict::new(py);
            d.set_item("rollupId", r.rollup_id.to_py(py)?)?;
            d.set_item("manager", r.manager.map(|m| PyBytes::new(py, m.as_slice())))?;
            d.set_item("timestamp", r.timestamp.to_py(py)?)?;
            d.set_item("blockHash", b256(py, &r.block_hash))?;
            let vkeys = PyDict::new(py);
            for (ps, vk) in &r.vkeys {
                vkeys.set_item(PyBytes::new(py, ps.as_slice()), b256(py, vk))?;
            }
            d.set_item("vkeys", vkeys)?;
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

fn accumulators_list<'py>(py: Python<'py>, inputs: &ProofInputs) -> PyResult<Bound<'py, PyList>> {
    let items = inputs
        .accumulators
        .iter()
        .map(|a| {
            let folds = a
                .folds
                .iter()
                .map(|f| {
                    let d = PyDict::new(py);
                    d.set_item("rollupId", f.rollup_id.to_py(py)?)?;
                    d.set_item("vkey", b256(py, &f.vkey))?;
                    d.set_item("blockHash", b256(py, &f.block_hash))?;
                    d.set_item("timestamp", f.timestamp.to_py(py)?)?;
                    d.set_item("accAfter", b256(py, &f.acc_after))?;
                    Ok(d)
                })
                .collect::<PyResult<Vec<_>>>()?;
            let d = PyDict::new(py);
            d.set_item("index", a.index)?;
            d.set_item("proofSystem", PyBytes::new(py, a.proof_system.as_slice()))?;
            d.set_item("folds", folds)?;
            d.set_item("acc", b256(py, &a.acc))?;
            d.set_item("publicInputsHash", b256(py, &a.public_inputs_hash))?;
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

fn hashes_list<'py>(py: Python<'py>, inputs: &ProofInputs) -> PyResult<Bound<'py, PyList>> {
    let items = inputs
        .accumulators
        .iter()
        .map(|a| {
            let d = PyDict::new(py);
            d.set_item("index", a.index)?;
            d.set_item("proofSystem", PyBytes::new(py, a.proof_system.as_slice()))?;
            d.set_item("publicInputsHash", b256(py, &a.public_inputs_hash))?;
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

fn proofs_list<'py>(py: Python<'py>, proofs: &[ProofObservation]) -> PyResult<Bound<'py, PyList>> {
    let items = proofs
        .iter()
        .map(|p| {
            let d = PyDict::new(py);
            d.set_item("index", p.index)?;
            d.set_item("proofSystem", PyBytes::new(py, p.proof_system.as_slice()))?;
            let form = match p.form {
                ProofForm::EqualsPublicInputsHash => "equalsPublicInputsHash",
                ProofForm::Opaque { .. } => "opaque",
                ProofForm::Missing => "missing",
            };
            d.set_item("proof", form)?;
            if let ProofForm::Opaque { length } = p.form {
                d.set_item("proofLength", length)?;
            }
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// Fills the derived values of `inputs` into `dict` under their JSON names.
fn write_inputs<'py>(py: Python<'py>, inputs: &ProofInputs, dict: &Bound<'py, PyDict>) -> PyResult<()> {
    dict.set_item("entryHashes", bytes_list(py, &inputs.entry_hashes)?)?;
    dict.set_item("lookupCallHashes", bytes_list(py, &inputs.lookup_call_hashes)?)?;
    dict.set_item("blobHashes", bytes_list(py, &inputs.blob_hashes)?)?;
    dict.set_item("callDataHash", b256(py, &inputs.call_data_hash))?;
    dict.set_item("sharedPublicInput", b256(py, &inputs.shared_public_input))?;
    dict.set_item("accumulators", accumulators_list(py, inputs)?)?;
    dict.set_item("publicInputsHashes", hashes_list(py, inputs)?)?;
    Ok(())
}

/// Getters of the derived values, shared by `ProofInputs` and `ProofInputDocument`.
macro_rules! inputs_class {
    ($ty:ident, |$s:ident| $inputs:expr, { $($extra:tt)* }) => {
        #[pymethods]
        impl $ty {
            $($extra)*

            /// `keccak256(abi.encode(entries[i]))` for every entry (transient ones included).
            #[getter(entryHashes)]
            fn entry_hashes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
                let $s = self;
                bytes_list(py, &$inputs.entry_hashes)
            }

            /// `keccak256(abi.encode(l1ToL2lookupCalls[i]))` for every top-level lookup.
            #[getter(lookupCallHashes)]
            fn lookup_call_hashes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
                let $s = self;
                bytes_list(py, &$inputs.lookup_call_hashes)
            }

            /// `blobhash(blobIndices[i])`.
            #[getter(blobHashes)]
            fn blob_hashes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
                let $s = self;
                bytes_list(py, &$inputs.blob_hashes)
            }

            /// `keccak256(callData)`.
            #[getter(callDataHash)]
            fn call_data_hash<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
                let $s = self;
                b256(py, &$inputs.call_data_hash)
            }

            /// `keccak256(abi.encode(entryHashes) ‖ abi.encode(lookupCallHashes) ‖
            /// abi.encode(blobHashes) ‖ callDataHash ‖ crossProofSystemInteractions)` (§4.5).
            #[getter(sharedPublicInput)]
            fn shared_public_input<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
                let $s = self;
                b256(py, &$inputs.shared_public_input)
            }

            /// Per proof system `k`: `{"index", "proofSystem", "folds": [{"rollupId", "vkey",
            /// "blockHash", "timestamp", "accAfter"}], "acc", "publicInputsHash"}` (§4.6).
            #[getter]
            fn accumulators<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
                let $s = self;
                accumulators_list(py, &$inputs)
            }

            /// `[{"index", "proofSystem", "publicInputsHash"}]`, one per proof system, where
            /// `publicInputsHash_k = keccak256(sharedPublicInput ‖ acc_k)`.
            #[getter(publicInputsHashes)]
            fn public_inputs_hashes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
                let $s = self;
                hashes_list(py, &$inputs)
            }

            /// `publicInputsHash_k` of `proofSystems[k]` (negative `k` counts from the end).
            fn public_inputs_hash<'py>(&self, py: Python<'py>, k: isize) -> PyResult<Bound<'py, PyBytes>> {
                let $s = self;
                let accs = &$inputs.accumulators;
                let i = if k < 0 { accs.len().checked_sub(k.unsigned_abs()) } else { Some(k as usize) };
                match i.and_then(|i| accs.get(i)) {
                    Some(a) => Ok(b256(py, &a.public_inputs_hash)),
                    None => Err(pyo3::exceptions::PyIndexError::new_err(format!(
                        "proof system {k} out of range ({} proof systems)",
                        accs.len()
                    ))),
                }
            }
        }
    };
}

/// Every public input of one batch (§4.5, §4.6): entry / lookup / blob hashes, `callDataHash`,
/// `sharedPublicInput`, the accumulator of every proof system and its `publicInputsHash`.
#[pyclass(frozen, module = "exectable.proof_inputs", name = "ProofInputs")]
pub struct PyProofInputs(ProofInputs);

inputs_class!(PyProofInputs, |s| s.0, {
    /// Plain Python data in the JSON layout (plus `publicInputsHashes`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        write_inputs(py, &self.0, &dict)?;
        Ok(dict)
    }

    /// Core's JSON `{"entryHashes", "lookupCallHashes", "blobHashes", "callDataHash",
    /// "sharedPublicInput", "accumulators"}`.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    fn __repr__(&self) -> String {
        format!(
            "ProofInputs(sharedPublicInput={}, proofSystems={})",
            self.0.shared_public_input,
            self.0.accumulators.len()
        )
    }
});

/// A self-describing proof-input document (`exectable-proof-inputs/v1`): the batch, the rollup
/// data and the blob data with every value derived from them; `to_json()` is what
/// `exectable public-inputs --json` prints, and what `verify_document` checks.
#[pyclass(frozen, module = "exectable.proof_inputs", name = "ProofInputDocument")]
pub struct PyProofInputDocument(ProofInputDocument);

inputs_class!(PyProofInputDocument, |s| s.0.inputs, {
    /// `"exectable-proof-inputs/v1"`.
    #[getter]
    fn format(&self) -> &'static str {
        public_inputs::PROOF_INPUTS_FORMAT
    }

    /// The contracts whose formulas these are: `{"repository", "commit"}`.
    #[getter]
    fn protocol<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &ProofInputDocument::protocol_json())
    }

    /// The batch (`l1.ProofSystemBatchPerVerificationEntries`).
    #[getter]
    fn batch<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.batch.to_py(py)
    }

    /// What each rollup's manager returned: `{"rollupId", "manager", "timestamp", "blockHash",
    /// "vkeys": {proof system: vkey}}` (`manager` `None` when not given).
    #[getter]
    fn rollups<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        rollups_list(py, &self.0.rollups)
    }

    /// The posting transaction's blob versioned hashes, when the document was built from them.
    #[getter(blobVersionedHashes)]
    fn blob_versioned_hashes<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyList>>> {
        match &self.0.blobs {
            BlobSource::VersionedHashes(v) => bytes_list(py, v).map(Some),
            BlobSource::Resolved(_) => Ok(None),
        }
    }

    /// What each `batch.proofs[k]` is: `{"index", "proofSystem", "proof": "equalsPublicInputsHash"
    /// | "opaque" | "missing", "proofLength" (opaque only)}` (informational; proofs are opaque).
    #[getter]
    fn proofs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        proofs_list(py, &self.0.proof_observations())
    }

    /// The derived values alone.
    #[getter]
    fn inputs(&self) -> PyProofInputs {
        PyProofInputs(self.0.inputs.clone())
    }

    /// Plain Python data in the document's JSON layout (batch as a dict).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("format", self.format())?;
        dict.set_item("protocol", self.protocol(py)?)?;
        dict.set_item("batch", self.0.batch.to_plain(py)?)?;
        dict.set_item("rollups", rollups_list(py, &self.0.rollups)?)?;
        if let Some(v) = self.blob_versioned_hashes(py)? {
            dict.set_item("blobVersionedHashes", v)?;
        }
        write_inputs(py, &self.0.inputs, &dict)?;
        Ok(dict)
    }

    /// The document JSON (`exectable public-inputs --json`).
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    fn __repr__(&self) -> String {
        format!(
            "ProofInputDocument(sharedPublicInput={}, proofSystems={}, entries={})",
            self.0.inputs.shared_public_input,
            self.0.inputs.accumulators.len(),
            self.0.batch.entries.len()
        )
    }
});

/// The outcome of verifying a proof-input document: truthy exactly when `ok` (every stored
/// derived value matches its recomputation); `mismatches` lists the others by JSON path.
#[pyclass(frozen, module = "exectable.proof_inputs", name = "ProofInputVerification")]
pub struct PyProofInputVerification(VerifyReport);

#[pymethods]
impl PyProofInputVerification {
    /// Every derived value matched.
    #[getter]
    fn ok(&self) -> bool {
        self.0.is_ok()
    }

    /// `{"path", "stored", "recomputed"}` per differing value, in document order (values as
    /// JSON data; `None` for absent).
    #[getter]
    fn mismatches<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = self
            .0
            .mismatches
            .iter()
            .map(|m| {
                let d = PyDict::new(py);
                d.set_item("path", &m.path)?;
                d.set_item("stored", m.stored.as_ref().map(|v| json_to_py(py, v)).transpose()?)?;
                d.set_item("recomputed", m.recomputed.as_ref().map(|v| json_to_py(py, v)).transpose()?)?;
                Ok(d)
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// What each `batch.proofs[k]` is (informational, never a mismatch).
    #[getter]
    fn proofs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        proofs_list(py, &self.0.proofs)
    }

    /// The document recomputed from its sources.
    #[getter]
    fn document(&self) -> PyProofInputDocument {
        PyProofInputDocument(self.0.document.clone())
    }

    fn __bool__(&self) -> bool {
        self.0.is_ok()
    }

    fn __str__(&self) -> String {
        if self.0.is_ok() {
            return format!(
                "OK: every derived value matches ({} proof systems; proofs not checked)",
                self.0.document.inputs.accumulators.len()
            );
        }
        let mut out = format!("MISMATCH: {} derived value(s) differ from their recomputation", self.0.mismatches.len());
        for m in &self.0.mismatches {
            out.push_str(&format!("\n  {m}"));
        }
        out
    }

    fn __repr__(&self) -> String {
        format!(
            "ProofInputVerification(ok={}, mismatches={})",
            if self.ok() { "True" } else { "False" },
            self.0.mismatches.len()
        )
    }

    /// Plain Python data: `{"ok", "mismatches", "proofs"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("ok", self.ok())?;
        dict.set_item("mismatches", self.mismatches(py)?)?;
        dict.set_item("proofs", self.proofs(py)?)?;
        Ok(dict)
    }

    /// The JSON report `exectable public-inputs --verify --json` prints.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }
}

/// Every public input of `batch` (any batch form, as for `validate_batch`) given what each
/// rollup's manager returned (`rollups`) and the blob data (`blob_hashes` resolved, one per
/// `blobIndices`, or `blob_versioned_hashes` of the posting transaction; neither when the batch
/// has no blobIndices).
#[pyfunction]
#[pyo3(signature = (batch, rollups, *, blob_hashes=None, blob_versioned_hashes=None))]
pub fn compute_proof_inputs(
    batch: &Bound<'_, PyAny>,
    rollups: &Bound<'_, PyAny>,
    blob_hashes: Option<&Bound<'_, PyAny>>,
    blob_versioned_hashes: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyProofInputs> {
    let py = batch.py();
    let batch = read_batch(batch)?;
    let rollups = read_rollups(rollups)?;
    let blobs = blob_source(blob_hashes, blob_versioned_hashes)?;
    detached(py, || ProofInputs::compute(&batch, &rollups, &blobs)).map(PyProofInputs)
}

/// `publicInputsHash_k` of every proof system of `batch`, in order (bytes).
#[pyfunction]
#[pyo3(signature = (batch, rollups, *, blob_hashes=None, blob_versioned_hashes=None))]
pub fn batch_public_inputs_hashes<'py>(
    batch: &Bound<'py, PyAny>,
    rollups: &Bound<'py, PyAny>,
    blob_hashes: Option<&Bound<'py, PyAny>>,
    blob_versioned_hashes: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let py = batch.py();
    let batch = read_batch(batch)?;
    let rollups = read_rollups(rollups)?;
    let blobs = blob_source(blob_hashes, blob_versioned_hashes)?;
    let inputs = detached(py, || ProofInputs::compute(&batch, &rollups, &blobs))?;
    bytes_list(py, &inputs.public_inputs_hashes())
}

/// `sharedPublicInput` of `batch` alone (§4.5; no rollup data needed), with the blob data as for
/// `compute`.
#[pyfunction]
#[pyo3(signature = (batch, *, blob_hashes=None, blob_versioned_hashes=None))]
pub fn batch_shared_public_input<'py>(
    batch: &Bound<'py, PyAny>,
    blob_hashes: Option<&Bound<'py, PyAny>>,
    blob_versioned_hashes: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let py = batch.py();
    let batch = read_batch(batch)?;
    let blobs = blob_source(blob_hashes, blob_versioned_hashes)?;
    let shared = detached(py, || public_inputs::batch_shared_public_input(&batch, &blobs))?;
    Ok(b256(py, &shared))
}

/// `keccak256(abi.encode(entryHashes) ‖ abi.encode(lookupCallHashes) ‖ abi.encode(blobHashes) ‖
/// callDataHash ‖ crossProofSystemInteractions)` from the hashes themselves (§4.5).
#[pyfunction]
pub fn shared_public_input_from_hashes<'py>(
    entry_hashes: &Bound<'py, PyAny>,
    lookup_call_hashes: &Bound<'py, PyAny>,
    blob_hashes: &Bound<'py, PyAny>,
    call_data_hash: &Bound<'py, PyAny>,
    cross_proof_system_interactions: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let py = entry_hashes.py();
    let entries = Vec::<B256>::from_py(entry_hashes, &Path::Root("entryHashes"))?;
    let lookups = Vec::<B256>::from_py(lookup_call_hashes, &Path::Root("lookupCallHashes"))?;
    let blobs = Vec::<B256>::from_py(blob_hashes, &Path::Root("blobHashes"))?;
    let call_data_hash = B256::from_py(call_data_hash, &Path::Root("callDataHash"))?;
    let cross = B256::from_py(cross_proof_system_interactions, &Path::Root("crossProofSystemInteractions"))?;
    let shared = py.detach(|| public_inputs::shared_public_input(&entries, &lookups, &blobs, call_data_hash, cross));
    Ok(b256(py, &shared))
}

/// `publicInputsHash = keccak256(sharedPublicInput ‖ acc)` (64 bytes hashed).
#[pyfunction]
pub fn public_inputs_hash<'py>(
    shared_public_input: &Bound<'py, PyAny>,
    acc: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let py = acc.py();
    let shared = B256::from_py(shared_public_input, &Path::Root("sharedPublicInput"))?;
    let acc = B256::from_py(acc, &Path::Root("acc"))?;
    Ok(b256(py, &public_inputs::public_inputs_hash(shared, acc)))
}

/// One accumulator fold: `keccak256(abi.encode(bytes32 acc, uint256 rollupId, bytes32 vkey,
/// bytes32 blockHash, uint256 timestamp))` (§4.6; blockHash before timestamp).
#[pyfunction]
pub fn fold_accumulator<'py>(
    acc: &Bound<'py, PyAny>,
    rollup_id: &Bound<'py, PyAny>,
    vkey: &Bound<'py, PyAny>,
    block_hash: &Bound<'py, PyAny>,
    timestamp: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let py = acc.py();
    let folded = public_inputs::fold_accumulator(
        B256::from_py(acc, &Path::Root("acc"))?,
        U256::from_py(rollup_id, &Path::Root("rollupId"))?,
        B256::from_py(vkey, &Path::Root("vkey"))?,
        B256::from_py(block_hash, &Path::Root("blockHash"))?,
        U256::from_py(timestamp, &Path::Root("timestamp"))?,
    );
    Ok(b256(py, &folded))
}

/// `blobHashes[i] = blobVersionedHashes[blobIndices[i]]`, zero where the transaction has no blob
/// at that index (`blobhash` does not revert).
#[pyfunction]
pub fn resolve_blob_hashes<'py>(
    blob_indices: &Bound<'py, PyAny>,
    blob_versioned_hashes: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let py = blob_indices.py();
    let indices = Vec::<U256>::from_py(blob_indices, &Path::Root("blobIndices"))?;
    let versioned = Vec::<B256>::from_py(blob_versioned_hashes, &Path::Root("blobVersionedHashes"))?;
    bytes_list(py, &public_inputs::resolve_blob_hashes(&indices, &versioned))
}

/// Builds the proof-input document. Either `build_document(request)` with the request of
/// `exectable public-inputs` (`{"batch", "rollups", "blobHashes" | "blobVersionedHashes"}` as a
/// dict or JSON text; a golden-vector case of kind `publicInputsHash` is accepted as is), or
/// `build_document(batch, rollups, blob_hashes=…, blob_versioned_hashes=…)`.
#[pyfunction]
#[pyo3(signature = (batch_or_request, rollups=None, *, blob_hashes=None, blob_versioned_hashes=None))]
pub fn build_proof_input_document(
    batch_or_request: &Bound<'_, PyAny>,
    rollups: Option<&Bound<'_, PyAny>>,
    blob_hashes: Option<&Bound<'_, PyAny>>,
    blob_versioned_hashes: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyProofInputDocument> {
    let py = batch_or_request.py();
    let request = match rollups.filter(|r| !r.is_none()) {
        Some(rollups) => ProofInputRequest {
            batch: read_batch(batch_or_request)?,
            rollups: read_rollups(rollups)?,
            blobs: blob_source(blob_hashes, blob_versioned_hashes)?,
        },
        None => {
            if blob_hashes.is_some_and(|b| !b.is_none()) || blob_versioned_hashes.is_some_and(|b| !b.is_none()) {
                return Err(arg_err(
                    py,
                    &Path::Root("rollups"),
                    "blob data goes with batch and rollups, not a request",
                ));
            }
            let source = JsonSource::of(batch_or_request, "request")?;
            return detached(py, || ProofInputRequest::from_json(&source.into_value()?)?.build())
                .map(PyProofInputDocument);
        }
    };
    detached(py, || request.build()).map(PyProofInputDocument)
}

/// Verifies a proof-input document (dict, JSON text, or a `ProofInputDocument`): recomputes
/// every derived value from its batch, rollups and blob data and reports each difference by JSON
/// path. Raises only when it is not a document (unknown field, wrong `format`, unreadable sources).
#[pyfunction]
pub fn verify_proof_input_document(document: &Bound<'_, PyAny>) -> PyResult<PyProofInputVerification> {
    let py = document.py();
    let source = match document.cast::<PyProofInputDocument>() {
        Ok(d) => JsonSource::Value(d.get().0.to_json()),
        Err(_) => JsonSource::of(document, "document")?,
    };
    detached(py, || ProofInputDocument::verify(&source.into_value()?)).map(PyProofInputVerification)
}

// ---------------------------------------------------------------------------------------------
// Replay and pre-flight
// ---------------------------------------------------------------------------------------------

/// The fold steps with the accumulator after each: `{"index" (1-based), "event", "tag",
/// "number", "success" and "retData" (CALL_END only), "accumulator"}`.
fn steps_list<'py>(py: Python<'py>, steps: &[RollingHashStep], accumulators: &[B256]) -> PyResult<Bound<'py, PyList>> {
    let items = steps
        .iter()
        .zip(accumulators)
        .enumerate()
        .map(|(i, (step, acc))| {
            let d = PyDict::new(py);
            d.set_item("index", i + 1)?;
            d.set_item("event", step.event())?;
            d.set_item("tag", step.tag())?;
            d.set_item("number", step.number().to_py(py)?)?;
            if let RollingHashStep::CallEnd { success, ret_data, .. } = step {
                d.set_item("success", *success)?;
                d.set_item("retData", PyBytes::new(py, ret_data))?;
            }
            d.set_item("accumulator", b256(py, acc))?;
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// Everything a trace determines (docs/TRACE.md): the fold steps with their accumulators, the
/// final `rollingHash`, and the entry fields the execution implies.
#[pyclass(frozen, module = "exectable.replay", name = "Replay")]
pub struct PyReplay(Replay);

#[pymethods]
impl PyReplay {
    /// The folds in order, each with its accumulator: `{"index", "event", "tag", "number",
    /// "success", "retData", "accumulator"}` (`success`/`retData` on CALL_END only).
    #[getter]
    fn steps<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        steps_list(py, &self.0.steps, &self.0.accumulators)
    }

    /// The accumulator after each step (bytes).
    #[getter]
    fn accumulators<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        bytes_list(py, &self.0.accumulators)
    }

    /// The final accumulator: the entry's `rollingHash` (zero for an empty trace).
    #[getter(rollingHash)]
    fn rolling_hash<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        b256(py, &self.0.rolling_hash)
    }

    /// Iterations of the outermost frame (a span of `s` counts `s`).
    #[getter(callCount)]
    fn call_count<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.call_count.to_py(py)
    }

    /// Every executed call, flat (`l1.L2ToL1Call`), `revertSpan` on the first call of a span.
    #[getter(l2ToL1Calls)]
    fn l2_to_l1_calls<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.l2_to_l1_calls.to_py(py)
    }

    /// The reentrant table in firing order (`l1.ExpectedL1ToL2Call`).
    #[getter(expectedL1ToL2Calls)]
    fn expected_l1_to_l2_calls<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.expected_l1_to_l2_calls.to_py(py)
    }

    /// `msg.value` of each reentrant call, parallel to `expectedL1ToL2Calls`.
    #[getter(reentrantValues)]
    fn reentrant_values<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.reentrant_values.to_py(py)
    }

    /// Nested lookups in firing order with their keys (`l1.ExpectedLookup`).
    #[getter(expectedLookups)]
    fn expected_lookups<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.expected_lookups.to_py(py)
    }

    /// `inboundValue + Σ value of reentrant calls outside revert spans`.
    #[getter(etherIn)]
    fn ether_in<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.ether_in.to_py(py)
    }

    /// `Σ value of the outermost frame's successful calls outside revert spans` (§6.5).
    #[getter(etherOut)]
    fn ether_out<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.ether_out.to_py(py)
    }

    /// An `l1.ExecutionEntry` with the trace-determined fields (`l2ToL1Calls`,
    /// `expectedL1ToL2Calls`, `expectedLookups`, `callCount`, `rollingHash`); `stateDeltas`,
    /// `proxyEntryHash`, `destinationRollupId` and `returnData` from `base` (default empty).
    #[pyo3(signature = (base=None))]
    fn l1_entry<'py>(&self, py: Python<'py>, base: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        let base = match base.filter(|b| !b.is_none()) {
            Some(b) => l1::ExecutionEntry::from_py(b, &Path::Root("base"))?,
            None => l1::ExecutionEntry::default(),
        };
        self.0.l1_entry(&base).to_py(py)
    }

    /// The `l2.ExecutionEntry` the same trace determines, with `proxy_entry_hash` and
    /// `return_data`.
    #[pyo3(signature = (proxy_entry_hash, return_data=None))]
    fn l2_entry<'py>(
        &self,
        py: Python<'py>,
        proxy_entry_hash: &Bound<'py, PyAny>,
        return_data: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let hash = B256::from_py(proxy_entry_hash, &Path::Root("proxyEntryHash"))?;
        let data = match return_data.filter(|d| !d.is_none()) {
            Some(d) => Bytes::from_py(d, &Path::Root("returnData"))?,
            None => Bytes::new(),
        };
        self.0.l2_entry(hash, data).to_py(py)
    }

    /// Plain Python data in the JSON layout (structs as dicts).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("steps", self.steps(py)?)?;
        d.set_item("rollingHash", self.rolling_hash(py))?;
        d.set_item("callCount", self.call_count(py)?)?;
        d.set_item("l2ToL1Calls", self.0.l2_to_l1_calls.to_plain(py)?)?;
        d.set_item("expectedL1ToL2Calls", self.0.expected_l1_to_l2_calls.to_plain(py)?)?;
        d.set_item("reentrantValues", self.reentrant_values(py)?)?;
        d.set_item("expectedLookups", self.0.expected_lookups.to_plain(py)?)?;
        d.set_item("etherIn", self.ether_in(py)?)?;
        d.set_item("etherOut", self.ether_out(py)?)?;
        Ok(d)
    }

    /// The JSON `exectable replay --json` prints.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    fn __repr__(&self) -> String {
        format!(
            "Replay(rollingHash={}, callCount={}, steps={})",
            self.0.rolling_hash,
            self.0.call_count,
            self.0.steps.len()
        )
    }
}

/// Replays an execution trace (docs/TRACE.md: `{"inboundValue", "calls": […]}` or a bare list
/// of iterations; dict/list or JSON text) with the compiled contract's numbering.
#[pyfunction]
pub fn replay_trace(trace: &Bound<'_, PyAny>) -> PyResult<PyReplay> {
    let source = JsonSource::of(trace, "trace")?;
    detached(trace.py(), || replay(&source.parse::<Trace>("trace")?)).map(PyReplay)
}

/// Rebuilds the trace of an entry from its recorded fold `steps` (`{"event", "number",
/// "success", "retData"}` dicts, `tag` optional): call details from the entry, results from the
/// CALL_END steps, frames from NESTED_BEGIN/END (`reentrant_values[n-1]` as their `msg.value`).
/// `entry` is an `l1.ExecutionEntry` (`layer="l1"`) or `l2.ExecutionEntry` (`layer="l2"`).
/// Returns the trace as JSON data (what `replay` and `preflight` take).
#[pyfunction]
#[pyo3(signature = (entry, steps, reentrant_values=None, *, layer="l1"))]
pub fn rebuild_trace<'py>(
    entry: &Bound<'py, PyAny>,
    steps: &Bound<'py, PyAny>,
    reentrant_values: Option<&Bound<'py, PyAny>>,
    layer: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let py = entry.py();
    let layer = Layer::parse(py, layer)?;
    let steps: Vec<RollingHashStep> = json_arg(steps, "steps")?;
    let values = match reentrant_values.filter(|v| !v.is_none()) {
        Some(v) => Vec::<U256>::from_py(v, &Path::Root("reentrantValues"))?,
        None => Vec::new(),
    };
    let trace = match layer {
        Layer::L1 => {
            let entry = l1::ExecutionEntry::from_py(entry, &Path::Root("entry"))?;
            detached(py, || trace_from_entry_and_steps(&entry, &steps, &values))?
        }
        Layer::L2 => {
            let entry = l2::ExecutionEntry::from_py(entry, &Path::Root("entry"))?;
            detached(py, || trace_from_l2_entry_and_steps(&entry, &steps, &values))?
        }
    };
    json_to_py(py, &trace.to_json())
}

fn rollup_state<'py>(py: Python<'py>, s: &RollupState) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("rollupId", s.rollupId.to_py(py)?)?;
    d.set_item("stateRoot", b256(py, &s.stateRoot))?;
    d.set_item("etherBalance", s.etherBalance.to_py(py)?)?;
    Ok(d)
}

/// The predicted outcome of consuming one entry: `outcome` is `"success"` (with `returnData` and
/// `postState`), `"reverts"` (with `error`, a `ProtocolError`) or `"unpredictable"` (with
/// `reason`: only an EVM can tell), plus the simulated steps, `rollingHash` and counters.
#[pyclass(frozen, module = "exectable.replay", name = "PreflightReport")]
pub struct PyPreflightReport(PreflightReport);

#[pymethods]
impl PyPreflightReport {
    /// `"success"`, `"reverts"` or `"unpredictable"`.
    #[getter]
    fn outcome(&self) -> &'static str {
        match self.0.outcome {
            Outcome::Success { .. } => "success",
            Outcome::Reverts(_) => "reverts",
            Outcome::Unpredictable { .. } => "unpredictable",
        }
    }

    /// The bytes the consumer gets (`entry.returnData`) on success, else `None`.
    #[getter(returnData)]
    fn return_data<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        match &self.0.outcome {
            Outcome::Success { return_data, .. } => Some(PyBytes::new(py, return_data)),
            _ => None,
        }
    }

    /// On success the registry state after the deltas: `[{"rollupId", "stateRoot",
    /// "etherBalance"}]` (empty on L2); else `None`.
    #[getter(postState)]
    fn post_state<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyList>>> {
        match &self.0.outcome {
            Outcome::Success { post_state, .. } => {
                let items = post_state.iter().map(|s| rollup_state(py, s)).collect::<PyResult<Vec<_>>>()?;
                PyList::new(py, items).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// The error the consumption reverts with (`ProtocolError`), or `None`.
    #[getter]
    fn error<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match &self.0.outcome {
            Outcome::Reverts(e) => protocol_error_py(py, e).map(Some),
            _ => Ok(None),
        }
    }

    /// Why the outcome needs an EVM (entry and trace paths), or `None`.
    #[getter]
    fn reason(&self) -> Option<String> {
        match &self.0.outcome {
            Outcome::Unpredictable { reason } => Some(reason.clone()),
            _ => None,
        }
    }

    /// The simulated folds with their accumulators (as `Replay.steps`).
    #[getter]
    fn steps<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        steps_list(py, &self.0.steps, &self.0.accumulators)
    }

    /// The computed rolling hash (final accumulator of the simulated folds).
    #[getter(rollingHash)]
    fn rolling_hash<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        b256(py, &self.0.rolling_hash)
    }

    /// Whether the entry's frame ran to its end in the simulation.
    #[getter(frameComplete)]
    fn frame_complete(&self) -> bool {
        self.0.frame_complete
    }

    /// The flat-call cursor at the end.
    #[getter(l2ToL1CallsProcessed)]
    fn calls_processed(&self) -> u64 {
        self.0.calls_processed
    }

    /// Reentrant items consumed at the end.
    #[getter(l1ToL2CallsConsumed)]
    fn reentrant_consumed(&self) -> u64 {
        self.0.reentrant_consumed
    }

    /// `etherIn` accumulated (L1).
    #[getter(etherIn)]
    fn ether_in<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.ether_in.to_py(py)
    }

    /// `etherOut` accumulated (L1, outermost frame only).
    #[getter(etherOut)]
    fn ether_out<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.ether_out.to_py(py)
    }

    /// Assumptions the prediction rests on beyond the trace.
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.0.notes.clone()
    }

    /// Plain Python data in the JSON layout (`error` as a dict).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("outcome", self.outcome())?;
        match &self.0.outcome {
            Outcome::Success { .. } => {
                d.set_item("returnData", self.return_data(py))?;
                let rollups = PyDict::new(py);
                rollups.set_item("rollups", self.post_state(py)?)?;
                d.set_item("postState", rollups)?;
            }
            Outcome::Reverts(e) => d.set_item("error", protocol_error_plain(py, e)?)?,
            Outcome::Unpredictable { reason } => d.set_item("reason", reason)?,
        }
        d.set_item("rollingHash", self.rolling_hash(py))?;
        d.set_item("frameComplete", self.0.frame_complete)?;
        d.set_item("l2ToL1CallsProcessed", self.0.calls_processed)?;
        d.set_item("l1ToL2CallsConsumed", self.0.reentrant_consumed)?;
        d.set_item("etherIn", self.ether_in(py)?)?;
        d.set_item("etherOut", self.ether_out(py)?)?;
        d.set_item("notes", self.notes())?;
        d.set_item("steps", self.steps(py)?)?;
        Ok(d)
    }

    /// The JSON `exectable preflight --json` prints.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    fn __repr__(&self) -> String {
        let detail = match &self.0.outcome {
            Outcome::Success { return_data, .. } => format!("returnData={return_data}"),
            Outcome::Reverts(e) => format!("error={}", exectable::validate::error_text(e)),
            Outcome::Unpredictable { reason } => format!("reason={reason:?}"),
        };
        format!("PreflightReport(outcome={}, {detail})", self.outcome())
    }
}

/// The pre-state: `{"rollups": [{"rollupId", "stateRoot", "etherBalance"}]}` or the bare list.
fn read_pre_state(obj: &Bound<'_, PyAny>) -> PyResult<PreState> {
    let mut json = json_input(obj, "preState")?;
    if json.is_array() {
        json = Value::Object(Map::from_iter([("rollups".to_owned(), json)]));
    }
    PreState::from_json_at(&json, &Path::Root("preState")).map_err(|e| py_err(obj.py(), e))
}

/// The L1 consumption: a dict / JSON text, or the bare word `"immediate"`.
fn read_consumption(obj: &Bound<'_, PyAny>) -> PyResult<Consumption> {
    let json = match obj.cast::<PyString>() {
        Ok(text) if !text.to_cow()?.trim_start().starts_with('{') => Value::String(text.to_cow()?.trim().to_owned()),
        _ => json_input(obj, "consumption")?,
    };
    Consumption::from_json_at(&json, &Path::Root("consumption")).map_err(|e| py_err(obj.py(), e))
}

/// Predicts consuming the L1 `entry` (§6.3). `pre_state`: `{"rollups": [{"rollupId",
/// "stateRoot", "etherBalance"}]}` (or the list), every rollup the deltas touch; `consumption`:
/// `{"proxyCall": {"crossChainCallHash", "value", "rollupId", "transient"}}`,
/// `{"executeL2TX": {"rollupId", "transient"}}` or `"immediate"`; `trace`: what the world did
/// (docs/TRACE.md).
#[pyfunction(name = "preflight_l1")]
pub fn preflight_l1_py(
    entry: &Bound<'_, PyAny>,
    pre_state: &Bound<'_, PyAny>,
    consumption: &Bound<'_, PyAny>,
    trace: &Bound<'_, PyAny>,
) -> PyResult<PyPreflightReport> {
    let py = entry.py();
    let entry = l1::ExecutionEntry::from_py(entry, &Path::Root("entry"))?;
    let pre_state = read_pre_state(pre_state)?;
    let consumption: Consumption = read_consumption(consumption)?;
    let trace: Trace = json_arg(trace, "trace")?;
    detached(py, || preflight_l1(&entry, &pre_state, &consumption, &trace)).map(PyPreflightReport)
}

/// Predicts an L2 consumption (§6.4): `entries[0]` is the entry run. `consumption`:
/// `{"incomingCall": {"rollupId", "destination", "value", "data", "sourceAddress",
/// "sourceRollup", "msgValue"}}` or `{"proxyCall": {"crossChainCallHash"}}`.
#[pyfunction(name = "preflight_l2")]
pub fn preflight_l2_py(
    entries: &Bound<'_, PyAny>,
    consumption: &Bound<'_, PyAny>,
    trace: &Bound<'_, PyAny>,
) -> PyResult<PyPreflightReport> {
    let py = entries.py();
    let entries = Vec::<l2::ExecutionEntry>::from_py(entries, &Path::Root("entries"))?;
    let consumption: L2Consumption = json_arg(consumption, "consumption")?;
    let trace: Trace = json_arg(trace, "trace")?;
    detached(py, || preflight_l2(&entries, &consumption, &trace)).map(PyPreflightReport)
}

/// Reads the `exectable preflight` input and predicts: L1 `{"entry", "preState", "consumption",
/// "trace"}`, L2 `{"side": "l2", "entries", "consumption", "trace"}`.
fn predict(json: &Value) -> Result<PreflightReport, Error> {
    let root = Path::Root("");
    let map = expect_object(json, &root, &["side", "entry", "entries", "preState", "consumption", "trace"])?;
    let side = match map.get("side") {
        None => "l1".to_owned(),
        Some(v) => String::from_json_at(v, &root.field("side"))?,
    };
    let trace: Trace = required_field(map, "trace", &root)?;
    match side.as_str() {
        "l1" => {
            let entry: l1::ExecutionEntry = required_field(map, "entry", &root)?;
            let pre_state: PreState = required_field(map, "preState", &root)?;
            let consumption: Consumption = required_field(map, "consumption", &root)?;
            preflight_l1(&entry, &pre_state, &consumption, &trace)
        }
        "l2" => {
            let entries: Vec<l2::ExecutionEntry> = required_field(map, "entries", &root)?;
            let consumption: L2Consumption = required_field(map, "consumption", &root)?;
            preflight_l2(&entries, &consumption, &trace)
        }
        other => Err(Error::invalid("side", format!("{other:?} is neither \"l1\" nor \"l2\""))),
    }
}

/// Predicts from the input of `exectable preflight` (dict or JSON text): L1 `{"entry",
/// "preState", "consumption", "trace"}`, L2 `{"side": "l2", "entries", "consumption", "trace"}`.
#[pyfunction]
pub fn preflight(request: &Bound<'_, PyAny>) -> PyResult<PyPreflightReport> {
    let source = JsonSource::of(request, "request")?;
    detached(request.py(), || predict(&source.into_value()?)).map(PyPreflightReport)
}

/// Adds the toolkit's functions and classes to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyValidationReport>()?;
    m.add_class::<PyProofInputs>()?;
    m.add_class::<PyProofInputDocument>()?;
    m.add_class::<PyProofInputVerification>()?;
    m.add_class::<PyReplay>()?;
    m.add_class::<PyPreflightReport>()?;
    m.add_function(wrap_pyfunction!(validate_batch_py, m)?)?;
    m.add_function(wrap_pyfunction!(validate_l2_table_py, m)?)?;
    m.add_function(wrap_pyfunction!(validation_rules, m)?)?;
    m.add_function(wrap_pyfunction!(compute_proof_inputs, m)?)?;
    m.add_function(wrap_pyfunction!(batch_public_inputs_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(batch_shared_public_input, m)?)?;
    m.add_function(wrap_pyfunction!(shared_public_input_from_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(public_inputs_hash, m)?)?;
    m.add_function(wrap_pyfunction!(fold_accumulator, m)?)?;
    m.add_function(wrap_pyfunction!(resolve_blob_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(build_proof_input_document, m)?)?;
    m.add_function(wrap_pyfunction!(verify_proof_input_document, m)?)?;
    m.add_function(wrap_pyfunction!(replay_trace, m)?)?;
    m.add_function(wrap_pyfunction!(rebuild_trace, m)?)?;
    m.add_function(wrap_pyfunction!(preflight, m)?)?;
    m.add_function(wrap_pyfunction!(preflight_l1_py, m)?)?;
    m.add_function(wrap_pyfunction!(preflight_l2_py, m)?)?;
    Ok(())
}
