//! Manager calldata as Python objects: `decode_calldata` (function chosen by selector),
//! `decode_many` (thousands of blobs decoded in parallel with the GIL released), and the
//! `ManagerCall` class whose `args` hold the struct classes, ints and bytes. Both decoders read in
//! core's `evm` mode by default (what the compiled contract accepts, layout reported on
//! `ManagerCall.layout`) or `strict` (canonical only).

use crate::convert::{arg_err, bytes_like, py_json, read_fields, type_name, FieldsFrom, Floats, PyValue};
use crate::errors::{detached, py_err};
use crate::structs::{input_bytes, input_json, json_text};
use alloy_sol_types::SolCall;
use exectable::abi::calldata::CallOrJson;
use exectable::abi::layout::Path;
use exectable::abi::mode::{DecodeMode, Layout};
use exectable::parallel::{par_map, Split};
use exectable::types::{l1::IEEZ, l2::IEEZL2};
use exectable::{CanonicalJson, Error, ManagerCall};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use serde_json::Value;

macro_rules! call_args {
    ($($variant:ident => $call:ty { $($arg:ident),* };)*) => {
        /// The call's arguments as `{name: Python value}`; `plain` gives structs as dicts.
        fn args_to_py<'py>(py: Python<'py>, call: &ManagerCall, plain: bool) -> PyResult<Bound<'py, PyDict>> {
            let dict = PyDict::new(py);
            match call {
                $(ManagerCall::$variant(_c) => {
                    $(dict.set_item(
                        stringify!($arg),
                        if plain { _c.$arg.to_plain(py)? } else { _c.$arg.to_py(py)? },
                    )?;)*
                })*
            }
            Ok(dict)
        }

        /// The call of `function` with arguments from `args` (every argument required).
        fn call_from_py(function: &str, args: &Bound<'_, PyDict>, from: FieldsFrom) -> PyResult<ManagerCall> {
            let root = Path::Root("args");
            $(if function == <$call>::SIGNATURE.split('(').next().unwrap_or_default() {
                #[allow(unused_mut)]
                let mut _c = <$call>::default();
                read_fields(args, &root, &[$(stringify!($arg)),*], from, |name, v, p| {
                    match name {
                        $(stringify!($arg) => _c.$arg = PyValue::from_py(v, p)?,)*
                        _ => {}
                    }
                    Ok(())
                })?;
                return Ok(ManagerCall::$variant(_c));
            })*
            Err(py_err(args.py(), Error::invalid("function", format!("unknown manager function {function:?}"))))
        }
    };
}

call_args! {
    PostAndVerifyBatch => IEEZ::postAndVerifyBatchCall { batch };
    LoadExecutionTable => IEEZL2::loadExecutionTableCall { entries, _lookupCalls };
    ExecuteIncomingCrossChainCall => IEEZL2::executeIncomingCrossChainCallCall {
        destination, value, data, sourceAddress, sourceRollup, entries, _lookupCalls
    };
    ExecuteCrossChainCall => IEEZ::executeCrossChainCallCall { sourceAddress, callData };
    StaticCallLookup => IEEZ::staticCallLookupCall { sourceAddress, callData };
    ExecuteL2TX => IEEZ::executeL2TXCall { rollupId };
    ComputeCrossChainCallHash => IEEZ::computeCrossChainCallHashCall {
        targetRollupId, targetAddress, value, data, sourceAddress, sourceRollupId
    };
    ComputeCrossChainProxyAddress => IEEZ::computeCrossChainProxyAddressCall { originalAddress, originalRollupId };
    CreateCrossChainProxy => IEEZ::createCrossChainProxyCall { originalAddress, originalRollupId };
    RegisterRollup => IEEZ::registerRollupCall { rollupContract, initialState };
    SetStateRoot => IEEZ::setStateRootCall { rollupId, newStateRoot };
    AttemptApplyImmediate => IEEZ::attemptApplyImmediateCall { transientIdx };
    ExecuteInContextAndRevert => IEEZ::executeInContextAndRevertCall { callCount };
}

/// A call of one of the manager functions (L1 `EEZ` or L2 `EEZL2`), decoded from or encoded to
/// calldata: `function`, `selector`, `signature`, and `args` by Solidity parameter name; `layout`
/// says how the calldata it was decoded from was laid out (canonical for a call built from
/// values). Equality compares the call's values, not the layout of its input.
#[pyclass(frozen, eq, module = "exectable", name = "ManagerCall")]
#[derive(Clone)]
pub struct PyManagerCall(pub ManagerCall, pub Layout);

impl PartialEq for PyManagerCall {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl From<ManagerCall> for PyManagerCall {
    fn from(call: ManagerCall) -> Self {
        PyManagerCall(call, Layout::Canonical)
    }
}

/// `mode` (`"evm"` or `"strict"`) as core's [`DecodeMode`]; another name is an `ArgumentError` at `mode`.
fn decode_mode(py: Python<'_>, mode: &str) -> PyResult<DecodeMode> {
    DecodeMode::from_name(mode).map_err(|e| py_err(py, e))
}

#[pymethods]
impl PyManagerCall {
    /// `ManagerCall("postAndVerifyBatch", batch=...)`: every argument by its Solidity name.
    #[new]
    #[pyo3(signature = (function, **args))]
    fn py_new(py: Python<'_>, function: &str, args: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let empty = PyDict::new(py);
        call_from_py(function, args.unwrap_or(&empty), FieldsFrom::Keywords).map(Self::from)
    }

    /// The Solidity function name (`postAndVerifyBatch`).
    #[getter]
    fn function(&self) -> &'static str {
        self.0.function_name()
    }

    /// The 4-byte selector.
    #[getter]
    fn selector<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.selector())
    }

    /// The canonical signature the selector hashes (`postAndVerifyBatch((…))`).
    #[getter]
    fn signature(&self) -> &'static str {
        self.0.signature()
    }

    /// The arguments by Solidity parameter name (struct classes, ints, bytes, lists).
    #[getter]
    fn args<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        args_to_py(py, &self.0, false)
    }

    /// How the decoded calldata was laid out: an `exectable.Layout` (core's layout JSON, read by
    /// `Layout.from_json`), canonical or with its first deviation.
    #[getter]
    fn layout<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        layout_py(py, &self.1)
    }

    /// The batch of a `postAndVerifyBatch` call; `None` for every other function.
    #[getter]
    fn batch<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match &self.0 {
            ManagerCall::PostAndVerifyBatch(c) => Ok(Some(c.batch.to_py(py)?)),
            _ => Ok(None),
        }
    }

    /// The calldata: selector ‖ `abi.encode(args…)`.
    fn encode<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let bytes = py.detach(|| self.0.encode());
        PyBytes::new(py, &bytes)
    }

    /// `{"function", "selector", "args"}` as plain Python data.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("function", self.function())?;
        dict.set_item("selector", self.selector(py))?;
        dict.set_item("args", args_to_py(py, &self.0, true)?)?;
        Ok(dict)
    }

    /// From `{"function", "args"}` (and optionally `selector`, which must match), the dict form
    /// `to_dict` gives; shape faults are the `JsonError`s core gives for the call's JSON.
    #[staticmethod]
    fn from_dict(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = value.py();
        let root = Path::Root("");
        let dict = value
            .cast::<PyDict>()
            .map_err(|_| arg_err(py, &root, format!("expected a dict, found {}", type_name(value))))?;
        let fields = dict.copy()?;
        let selector = fields.get_item("selector")?.map(|v| input_bytes(&v, "selector")).transpose()?;
        fields.del_item("selector").ok();
        let mut function = None;
        let mut args = None;
        read_fields(&fields, &root, &["function", "args"], FieldsFrom::Dict, |name, v, p| {
            match name {
                "function" => function = Some(v.extract::<String>().map_err(|_| arg_err(py, p, "expected a str"))?),
                _ => args = Some(v.cast::<PyDict>().map_err(|_| arg_err(py, p, "expected a dict"))?.clone().unbind()),
            }
            Ok(())
        })?;
        let (Some(function), Some(args)) = (function, args) else {
            return Err(py_err(py, exectable::json::shape_err(&root, "expected function and args")));
        };
        let call = call_from_py(&function, args.bind(py), FieldsFrom::Dict)?;
        if selector.is_some_and(|s| s != call.selector()) {
            return Err(arg_err(py, &root.field("selector"), format!("does not match {function}")));
        }
        Ok(call.into())
    }

    /// Canonical JSON text of the call (`{"function", "selector", "args"}`).
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    /// Parses the call's canonical JSON.
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = input_json(text)?;
        ManagerCall::from_json(&value).map(Self::from).map_err(|e| py_err(text.py(), e))
    }

    fn __repr__(&self) -> String {
        format!("ManagerCall({}, {})", self.0.function_name(), self.0.signature())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let py = slf.py();
        let decode = py.import("exectable")?.getattr("decode_calldata")?;
        Ok((decode, (slf.get().encode(py),)))
    }
}

/// The manager call a `ManagerCall` object, calldata (bytes-like), `0x`-hex text or call JSON
/// (text or a dict with `function`) holds; other JSON is handed back as `Err(json)` for the
/// caller to read (a dict converted with [`Floats::Reject`], errors under the root `what`).
pub fn call_or_json(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Result<ManagerCall, Value>> {
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
    let json = py_json(obj, &Path::Root(what), Floats::Reject)?;
    if json.get("function").is_some() {
        return ManagerCall::from_json(&json).map(Ok).map_err(|e| py_err(py, e));
    }
    Ok(Err(json))
}

/// Core's [`Layout`] as an `exectable.Layout` (built from its JSON by `Layout.from_json`).
pub fn layout_py<'py>(py: Python<'py>, layout: &Layout) -> PyResult<Bound<'py, PyAny>> {
    py.import("exectable.layout")?.getattr("Layout")?.call_method1("from_json", (layout.to_json().to_string(),))
}

/// Decodes manager calldata (`bytes`, or `0x`-hex text), choosing the function by selector, in
/// `mode`: `"evm"` (default; what the compiled contract accepts, `layout` reported) or `"strict"`.
#[pyfunction]
#[pyo3(signature = (data, mode="evm"))]
pub fn decode_calldata(data: &Bound<'_, PyAny>, mode: &str) -> PyResult<PyManagerCall> {
    let mode = decode_mode(data.py(), mode)?;
    let bytes = input_bytes(data, "calldata")?;
    let decoded = detached(data.py(), || ManagerCall::decode_with(&bytes, mode))?;
    Ok(PyManagerCall(decoded.value, decoded.layout))
}

/// Encodes a `ManagerCall` (or its dict form) into calldata.
#[pyfunction]
pub fn encode_calldata<'py>(call: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let py = call.py();
    if let Ok(c) = call.cast::<PyManagerCall>() {
        return Ok(c.get().encode(py));
    }
    Ok(PyManagerCall::from_dict(call)?.encode(py))
}

/// Decodes many calldata blobs in `mode` (as [`decode_calldata`]) on up to `threads` threads
/// (default: every core) with the GIL released. With `errors="raise"` the first bad blob raises
/// its error (with `index` set to its position); with `errors="return"` its slot holds the
/// exception instead.
#[pyfunction]
#[pyo3(signature = (blobs, *, mode="evm", errors="raise", threads=None))]
pub fn decode_many<'py>(
    py: Python<'py>,
    blobs: &Bound<'py, PyAny>,
    mode: &str,
    errors: &str,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let mode = decode_mode(py, mode)?;
    let raise = match errors {
        "raise" => true,
        "return" => false,
        other => {
            return Err(arg_err(
                py,
                &Path::Root("errors"),
                format!("expected \"raise\" or \"return\", found {other:?}"),
            ))
        }
    };
    let mut inputs = Vec::new();
    for (i, blob) in blobs.try_iter()?.enumerate() {
        inputs.push(input_bytes(&blob?, &format!("blobs[{i}]")));
    }
    let blobs: Vec<&[u8]> = inputs.iter().map(|r| r.as_deref().unwrap_or_default()).collect();
    let decoded = py.detach(|| par_map(&blobs, Split::blobs(threads), |b| ManagerCall::decode_with(b, mode)));
    let out = PyList::empty(py);
    for (i, (input, result)) in inputs.iter().zip(decoded).enumerate() {
        let item = match (input, result) {
            (Err(e), _) => Err(e.clone_ref(py)),
            (Ok(_), Ok(d)) => Ok(Bound::new(py, PyManagerCall(d.value, d.layout))?.into_any()),
            (Ok(_), Err(e)) => Err(py_err(py, e)),
        };
        let item = match item {
            Ok(call) => call,
            Err(err) => {
                let exception = err.value(py).clone().into_any();
                exception.setattr("index", i)?;
                if raise {
                    return Err(err);
                }
                exception
            }
        };
        out.append(item)?;
    }
    Ok(out)
}
