//! Trace replay and pre-flight as Python calls: what `exectable replay` and `preflight` do —
//! the fold steps and accumulators a trace determines ([`PyReplay`]) and the predicted outcome of
//! consuming one entry ([`PyPreflightReport`]) (`exectable.replay`). The core calls run with the
//! GIL released.
//!
//! Traces, pre-states, consumptions and requests are JSON text (`str`, UTF-8 `bytes`) or Python
//! data converted to core's JSON, so errors name the same field paths as the CLI.

use crate::convert::{bytes_list, dict_list, json_arg, json_input, json_to_py, py_bytes, Floats, JsonSource, PyValue};
use crate::errors::{detached, py_err};
use crate::events::{protocol_error_plain, protocol_error_py, Layer};
use crate::structs::json_text;
use alloy_primitives::{Bytes, B256, U256};
use exectable::abi::layout::Path;
use exectable::hash::rolling::RollingHashStep;
use exectable::preflight::{
    preflight_l1, preflight_l2, preflight_request, Consumption, L2Consumption, Outcome, PreState, PreflightReport,
    RollupState,
};
use exectable::replay::{replay, trace_from_entry_and_steps, trace_from_l2_entry_and_steps, Replay, Trace};
use exectable::types::{l1, l2};
use exectable::CanonicalJson;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use serde_json::{Map, Value};

/// The fold steps with the accumulator after each: `{"index" (1-based), "event", "tag",
/// "number", "success" and "retData" (CALL_END only), "accumulator"}`.
fn steps_list<'py>(py: Python<'py>, steps: &[RollingHashStep], accumulators: &[B256]) -> PyResult<Bound<'py, PyList>> {
    dict_list(py, steps.iter().zip(accumulators).enumerate(), |d, (i, (step, acc))| {
        d.set_item("index", i + 1)?;
        d.set_item("event", step.event())?;
        d.set_item("tag", step.tag())?;
        d.set_item("number", step.number().to_py(py)?)?;
        if let RollingHashStep::CallEnd { success, ret_data, .. } = step {
            d.set_item("success", *success)?;
            d.set_item("retData", py_bytes(py, ret_data))?;
        }
        d.set_item("accumulator", py_bytes(py, acc))
    })
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
        py_bytes(py, self.0.rolling_hash)
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
    d.set_item("stateRoot", py_bytes(py, s.stateRoot))?;
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
        py_bytes(py, self.0.rolling_hash)
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
    let mut json = json_input(obj, "preState", Floats::Reject)?;
    if json.is_array() {
        json = Value::Object(Map::from_iter([("rollups".to_owned(), json)]));
    }
    PreState::from_json_at(&json, &Path::Root("preState")).map_err(|e| py_err(obj.py(), e))
}

/// The L1 consumption: a dict / JSON text, or the bare word `"immediate"`.
fn read_consumption(obj: &Bound<'_, PyAny>) -> PyResult<Consumption> {
    let json = match obj.cast::<PyString>() {
        Ok(text) if !text.to_cow()?.trim_start().starts_with('{') => Value::String(text.to_cow()?.trim().to_owned()),
        _ => json_input(obj, "consumption", Floats::Reject)?,
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

/// Predicts from the input of `exectable preflight` (dict or JSON text): L1 `{"entry",
/// "preState", "consumption", "trace"}`, L2 `{"side": "l2", "entries", "consumption", "trace"}`.
#[pyfunction]
pub fn preflight(request: &Bound<'_, PyAny>) -> PyResult<PyPreflightReport> {
    let source = JsonSource::of(request, "request")?;
    detached(request.py(), || preflight_request(&source.into_value()?)).map(PyPreflightReport)
}

/// Adds the replay and pre-flight functions and classes to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyReplay>()?;
    m.add_class::<PyPreflightReport>()?;
    m.add_function(wrap_pyfunction!(replay_trace, m)?)?;
    m.add_function(wrap_pyfunction!(rebuild_trace, m)?)?;
    m.add_function(wrap_pyfunction!(preflight, m)?)?;
    m.add_function(wrap_pyfunction!(preflight_l1_py, m)?)?;
    m.add_function(wrap_pyfunction!(preflight_l2_py, m)?)?;
    Ok(())
}
