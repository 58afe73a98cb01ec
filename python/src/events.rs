//! Event logs and revert data of the managers as Python objects: `decode_log` / `decode_logs`
//! (raw `(topics, data)` or receipt logs → [`PyEvent`], the event chosen by topic0 on the given
//! layer) and `decode_revert` (revert data → [`PyProtocolError`], chosen by selector). Arguments
//! come back typed and named by their Solidity parameter names: `int`, `bytes`, `bool`, `str`, and
//! the struct classes for struct arguments (L2 `ExecutionTableLoaded(ExecutionEntry[] entries)`
//! gives a list of `exectable.l2.ExecutionEntry`).

use crate::convert::{arg_err, bytes_like, bytes_list, json_input, type_name, Floats, PyValue};
use crate::errors::{detached, py_err};
use crate::structs::{input_bytes, json_text};
use alloy_primitives::{Address, B256};
use exectable::abi::events::raw_log_from_json;
use exectable::abi::layout::Path;
use exectable::{CanonicalJson, Error, ErrorCode, L1Event, L2Event, ProtocolError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use serde_json::{Map, Value};

/// A value an event or error argument holds: every [`PyValue`], and `string` (`Error(string)`).
trait ArgValue {
    /// The typed Python value (struct arguments as struct objects).
    fn arg_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
    /// Plain Python data (struct arguments as dicts).
    fn arg_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
    /// The `repr` form: ints in decimal, byte strings as `0x`-hex, text quoted.
    fn arg_repr(&self, out: &mut String);
}

impl<T: PyValue> ArgValue for T {
    fn arg_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.to_py(py)
    }

    fn arg_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.to_plain(py)
    }

    fn arg_repr(&self, out: &mut String) {
        self.write_repr(out);
    }
}

impl ArgValue for String {
    fn arg_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyString::new(py, self).into_any())
    }

    fn arg_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.arg_py(py)
    }

    fn arg_repr(&self, out: &mut String) {
        out.push_str(&format!("{self:?}"));
    }
}

fn arg<'py>(py: Python<'py>, value: &impl ArgValue, plain: bool) -> PyResult<Bound<'py, PyAny>> {
    if plain {
        value.arg_plain(py)
    } else {
        value.arg_py(py)
    }
}

/// `fn $name(py, value, plain) -> {field: value}` over every variant of `$enum`, the fields of each
/// variant's Solidity type listed in declaration order (the match is exhaustive; the Python tests
/// compare every dict's keys with core's JSON `args`).
macro_rules! args_dict {
    ($name:ident, $repr:ident: $enum:ident { $($variant:ident { $($field:ident),* })* }) => {
        fn $name<'py>(py: Python<'py>, value: &$enum, plain: bool) -> PyResult<Bound<'py, PyDict>> {
            let dict = PyDict::new(py);
            match value {
                $($enum::$variant(_v) => {
                    $(dict.set_item(stringify!($field), arg(py, &_v.$field, plain)?)?;)*
                })*
            }
            Ok(dict)
        }

        /// `Name(field=value, …)` with byte strings as `0x`-hex.
        fn $repr(class: &str, name: &str, value: &$enum) -> String {
            let mut out = format!("{class}({name}");
            match value {
                $($enum::$variant(_v) => {
                    $(
                        out.push_str(concat!(", ", stringify!($field), "="));
                        _v.$field.arg_repr(&mut out);
                    )*
                })*
            }
            out.push(')');
            out
        }
    };
}

args_dict!(l1_event_args, l1_event_repr: L1Event {
    BatchPosted { rollupCount }
    CallResult { entryIndex, l2ToL1CallNumber, success, returnData }
    CrossChainCallExecuted { crossChainCallHash, proxy, sourceAddress, callData, value }
    CrossChainProxyCreated { proxy, originalAddress, originalRollupId }
    EntryExecuted { entryIndex, rollingHash, l2ToL1CallsProcessed, l1ToL2CallsConsumed }
    ExecutionConsumed { crossChainCallHash, rollupId, executionQueueIndex }
    ImmediateEntrySkipped { transientIdx, revertData }
    L1ToL2CallConsumed { entryIndex, l1ToL2CallNumber, crossChainCallHash, callCount }
    L1ToL2CallNotFound { entryIndex, crossChainCallHash, currentL2ToL1Call, lastL1ToL2CallConsumed }
    L2ExecutionPerformed { rollupId, newState }
    L2TXExecuted { rollupId, executionQueueIndex }
    RevertSpanExecuted { entryIndex, startL2ToL1Call, span }
    RollupCreated { rollupId, rollupContract, initialState }
    StateUpdated { rollupId, newStateRoot }
});

args_dict!(l2_event_args, l2_event_repr: L2Event {
    CallResult { entryIndex, callNumber, success, returnData }
    CrossChainCallExecuted { crossChainCallHash, proxy, sourceAddress, callData, value }
    CrossChainProxyCreated { proxy, originalAddress, originalRollupId }
    EntryExecuted { entryIndex, rollingHash, callsProcessed, outgoingCallsConsumed }
    ExecutionConsumed { crossChainCallHash, executionIndex }
    ExecutionTableLoaded { entries }
    IncomingCrossChainCallExecuted { crossChainCallHash, destination, value, data, sourceAddress, sourceRollup }
    OutgoingCallConsumed { entryIndex, nestedNumber, crossChainCallHash, callCount }
    RevertSpanExecuted { entryIndex, startCallNumber, span }
});

args_dict!(error_args, error_repr: ProtocolError {
    ContextResult { rollingHash, reentrantConsumed, callsProcessed, callNotFound }
    ExecutionNotFound {}
    LookupCallProxyNotDeployed { sourceProxy }
    NotSelf {}
    RollingHashMismatch {}
    UnauthorizedProxy {}
    UnexpectedContextRevert { revertData }
    DuplicateProofSystem { proofSystem }
    EtherDeltaMismatch {}
    ExecutionNotInCurrentBlock { rollupId }
    InsufficientRollupBalance {}
    InvalidProof {}
    InvalidProofSystemConfig {}
    InvalidRollupContract {}
    L2TXNotAllowedDuringExecution {}
    NotRollupContract {}
    PostBatchReentry {}
    ResidualEntryEtherIn {}
    RollupBatchActiveThisBlock { rollupId }
    RollupNotInBatch { rollupId }
    SetStateRootNotAllowedDuringExecution {}
    StateRootMismatch { rollupId }
    TransientCountExceedsEntries {}
    TransientLookupCallCountExceedsLookupCalls {}
    TransientLookupCallsWithoutTransientEntries {}
    UnconsumedL1ToL2Calls {}
    UnconsumedL2ToL1Calls {}
    EmptyEntries {}
    EntryHashMismatch {}
    EtherTransferFailed {}
    L2ExecutionNotInCurrentBlock {}
    InvalidRollupId {}
    Unauthorized {}
    UnconsumedIncomingCalls {}
    UnconsumedOutgoingCalls {}
    ValueMismatch {}
    Panic { code }
    Revert { reason }
    NotEEZRegistry {}
    InvalidConfig {}
    AlreadyRegistered {}
    ProofSystemAlreadyAllowed { proofSystem }
    ProofSystemNotAllowed { proofSystem }
    ProofSystemNotAdded { proofSystem }
    ThresholdNotMet { submitted, required }
    BlockHashUnavailable { blockNumber }
    OwnableUnauthorizedAccount { account }
    OwnableInvalidOwner { owner }
    ECDSAInvalidSignature {}
    ECDSAInvalidSignatureLength { length }
    ECDSAInvalidSignatureS { s }
});

/// Which manager emitted a log: `"l1"` (EEZ) or `"l2"` (EEZL2).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// The L1 manager (EEZ).
    L1,
    /// The L2 manager (EEZL2).
    L2,
}

impl Layer {
    /// Reads `"l1"` / `"l2"` (case-insensitive); anything else is an `ArgumentError` at `layer`.
    pub fn parse(py: Python<'_>, text: &str) -> PyResult<Self> {
        match text.to_ascii_lowercase().as_str() {
            "l1" => Ok(Layer::L1),
            "l2" => Ok(Layer::L2),
            _ => Err(arg_err(py, &Path::Root("layer"), format!("expected \"l1\" or \"l2\", found {text:?}"))),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Layer::L1 => "l1",
            Layer::L2 => "l2",
        }
    }
}

/// A decoded event of either manager.
#[derive(Clone, PartialEq, Eq)]
enum AnyEvent {
    L1(L1Event),
    L2(L2Event),
}

impl AnyEvent {
    fn decode(layer: Layer, topics: &[B256], data: &[u8]) -> Result<Self, Error> {
        match layer {
            Layer::L1 => L1Event::decode(topics, data).map(AnyEvent::L1),
            Layer::L2 => L2Event::decode(topics, data).map(AnyEvent::L2),
        }
    }

    fn to_json(&self) -> Value {
        match self {
            AnyEvent::L1(e) => e.to_json(),
            AnyEvent::L2(e) => e.to_json(),
        }
    }
}

/// One event of a manager, decoded from a log: `name`, `signature`, `topic0`, `layer`, the
/// log's `address` when it was decoded from a log object that has one, and `args` by Solidity
/// parameter name (indexed ones included, in declaration order). `event["name"]` reads one
/// argument.
#[pyclass(frozen, eq, module = "exectable.events", name = "Event")]
#[derive(Clone, PartialEq, Eq)]
pub struct PyEvent {
    event: AnyEvent,
    address: Option<Address>,
}

impl PyEvent {
    fn args_dict<'py>(&self, py: Python<'py>, plain: bool) -> PyResult<Bound<'py, PyDict>> {
        match &self.event {
            AnyEvent::L1(e) => l1_event_args(py, e, plain),
            AnyEvent::L2(e) => l2_event_args(py, e, plain),
        }
    }

    /// Core's JSON `{"event", "args"}`, with `address` first when the log had one.
    fn json(&self) -> Value {
        let event = self.event.to_json();
        match (&self.address, event) {
            (Some(address), Value::Object(mut fields)) => {
                let mut map = Map::new();
                map.insert("address".into(), address.to_json());
                map.append(&mut fields);
                Value::Object(map)
            }
            (_, event) => event,
        }
    }
}

#[pymethods]
impl PyEvent {
    /// `"l1"` (EEZ) or `"l2"` (EEZL2): the manager whose event list decoded the log.
    #[getter]
    fn layer(&self) -> &'static str {
        match self.event {
            AnyEvent::L1(_) => Layer::L1.name(),
            AnyEvent::L2(_) => Layer::L2.name(),
        }
    }

    /// The Solidity event name (`CallResult`).
    #[getter]
    fn name(&self) -> &'static str {
        match &self.event {
            AnyEvent::L1(e) => e.name(),
            AnyEvent::L2(e) => e.name(),
        }
    }

    /// The canonical signature (`CallResult(uint256,uint256,bool,bytes)`).
    #[getter]
    fn signature(&self) -> &'static str {
        match &self.event {
            AnyEvent::L1(e) => e.signature(),
            AnyEvent::L2(e) => e.signature(),
        }
    }

    /// topic0: `keccak256(signature)` (32 bytes).
    #[getter]
    fn topic0<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let topic0 = match &self.event {
            AnyEvent::L1(e) => e.topic0(),
            AnyEvent::L2(e) => e.topic0(),
        };
        PyBytes::new(py, topic0.as_slice())
    }

    /// The emitting contract's address from the log object (`None` for raw topics and data).
    #[getter]
    fn address<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        self.address.map(|a| PyBytes::new(py, a.as_slice()))
    }

    /// The field names in declaration order, indexed ones included.
    #[getter]
    fn field_names<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let names = match &self.event {
            AnyEvent::L1(e) => e.field_names(),
            AnyEvent::L2(e) => e.field_names(),
        };
        PyTuple::new(py, names)
    }

    /// The arguments by Solidity parameter name: `int`, `bytes`, `bool`, struct objects.
    #[getter]
    fn args<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.args_dict(py, false)
    }

    /// The log's topics as emitted (topic0 first), re-encoded from the decoded value.
    #[getter]
    fn topics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let (topics, _) = match &self.event {
            AnyEvent::L1(e) => e.encode(),
            AnyEvent::L2(e) => e.encode(),
        };
        bytes_list(py, &topics)
    }

    /// The log's data as emitted (the non-indexed arguments, ABI-encoded).
    #[getter]
    fn data<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let (_, data) = match &self.event {
            AnyEvent::L1(e) => e.encode(),
            AnyEvent::L2(e) => e.encode(),
        };
        PyBytes::new(py, &data)
    }

    fn __getitem__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.args_dict(py, false)?.get_item(name)?.ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(name.to_owned()))
    }

    /// Plain Python data: `{"address" (when known), "event", "args"}`, struct arguments as dicts.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        if let Some(address) = &self.address {
            dict.set_item("address", PyBytes::new(py, address.as_slice()))?;
        }
        dict.set_item("event", self.name())?;
        dict.set_item("args", self.args_dict(py, true)?)?;
        Ok(dict)
    }

    /// Core's JSON text `{"address" (when known), "event", "args"}`, as `exectable decode-log`
    /// prints it (compact, or indented by `indent`).
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.json(), indent)
    }

    /// Parses core's JSON `{"event", "args"}` (`args` named, or positional in declaration
    /// order), as text or a dict; `address` may be present.
    #[staticmethod]
    #[pyo3(signature = (value, layer="l1"))]
    fn from_json(value: &Bound<'_, PyAny>, layer: &str) -> PyResult<Self> {
        let py = value.py();
        let layer = Layer::parse(py, layer)?;
        let mut json = json_input(value, "event", Floats::Reject)?;
        let address = match json.as_object_mut().and_then(|m| m.remove("address")) {
            Some(a) => Some(Address::from_json_at(&a, &Path::Root("address")).map_err(|e| py_err(py, e))?),
            None => None,
        };
        let event = match layer {
            Layer::L1 => L1Event::from_json(&json).map(AnyEvent::L1),
            Layer::L2 => L2Event::from_json(&json).map(AnyEvent::L2),
        }
        .map_err(|e| py_err(py, e))?;
        Ok(PyEvent { event, address })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String, &'static str))> {
        let from_json = slf.py().get_type::<Self>().getattr("from_json")?;
        let this = slf.get();
        Ok((from_json, (this.json().to_string(), this.layer())))
    }

    fn __repr__(&self) -> String {
        match &self.event {
            AnyEvent::L1(e) => l1_event_repr("Event", e.name(), e),
            AnyEvent::L2(e) => l2_event_repr("Event", e.name(), e),
        }
    }
}

/// A decoded revert reason: a protocol custom error or a Solidity built-in (`Panic`, `Error`),
/// with `name`, `signature`, `selector`, `origin` and `args` by Solidity parameter name.
#[pyclass(frozen, eq, module = "exectable.events", name = "ProtocolError")]
#[derive(Clone, PartialEq, Eq)]
pub struct PyProtocolError(pub ProtocolError);

#[pymethods]
impl PyProtocolError {
    /// The Solidity error name (`StateRootMismatch`; `Error` / `Panic` for the built-ins).
    #[getter]
    fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The canonical signature (`StateRootMismatch(uint256)`).
    #[getter]
    fn signature(&self) -> &'static str {
        self.0.signature()
    }

    /// The 4-byte selector.
    #[getter]
    fn selector<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.selector())
    }

    /// Where the error is declared: `EEZ`, `EEZBase`, `EEZL2`, `Solidity`, `Rollup`, `Ownable`
    /// or `ECDSA`.
    #[getter]
    fn origin(&self) -> &'static str {
        self.0.origin()
    }

    /// The arguments by Solidity parameter name (`int`, `bytes`, `bool`, `str`).
    #[getter]
    fn args<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        error_args(py, &self.0, false)
    }

    /// The revert data: selector ‖ `abi.encode(args…)`.
    #[getter]
    fn data<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.encode())
    }

    fn __getitem__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        error_args(py, &self.0, false)?
            .get_item(name)?
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(name.to_owned()))
    }

    /// Plain Python data in the JSON layout: `{"error", "selector", "args"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("error", self.name())?;
        dict.set_item("selector", self.selector(py))?;
        dict.set_item("args", error_args(py, &self.0, true)?)?;
        Ok(dict)
    }

    /// Core's JSON text `{"error", "selector", "args"}`, as `exectable decode-revert` prints it.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    /// Parses core's JSON `{"error", "selector" (optional), "args"}`, as text or a dict.
    #[staticmethod]
    fn from_json(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        let json = json_input(value, "error", Floats::Reject)?;
        ProtocolError::from_json(&json).map(Self).map_err(|e| py_err(value.py(), e))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let py = slf.py();
        let decode = py.import("exectable.events")?.getattr("decode_revert")?;
        Ok((decode, (slf.get().data(py),)))
    }

    fn __repr__(&self) -> String {
        error_repr("ProtocolError", self.0.name(), &self.0)
    }
}

/// Reads `topics` (32-byte `bytes` or `0x`-hex each) and `data`.
fn raw_log(topics: &Bound<'_, PyAny>, data: Option<&Bound<'_, PyAny>>) -> PyResult<(Vec<B256>, Vec<u8>)> {
    let topics = Vec::<B256>::from_py(topics, &Path::Root("topics"))?;
    let data = match data {
        Some(d) if !d.is_none() => input_bytes(d, "data")?,
        _ => Vec::new(),
    };
    Ok((topics, data))
}

/// The `address` member of a JSON log object, if present and not null.
fn log_address(log: &Value, path: &Path<'_>) -> Result<Option<Address>, Error> {
    match log.get("address") {
        None | Some(Value::Null) => Ok(None),
        Some(a) => Address::from_json_at(a, &path.field("address")).map(Some),
    }
}

/// Strictly decodes one manager log: `topics` (a list of 32-byte `bytes` or `0x`-hex, topic0
/// first) with `data` (`bytes` or `0x`-hex; empty when omitted), or a log object as
/// `eth_getLogs` and receipts give it (`dict` or JSON text `{"address", "topics", "data", …}`,
/// other members ignored; `data` must not be passed then). `layer` names the manager whose event
/// list applies (`"l1"` EEZ, `"l2"` EEZL2): the same topic0 means different field names there.
#[pyfunction]
#[pyo3(signature = (topics, data=None, *, layer="l1"))]
pub fn decode_log(topics: &Bound<'_, PyAny>, data: Option<&Bound<'_, PyAny>>, layer: &str) -> PyResult<PyEvent> {
    let py = topics.py();
    let layer = Layer::parse(py, layer)?;
    let (topics, data, address) = if topics.is_instance_of::<PyDict>() || topics.is_instance_of::<PyString>() {
        if data.is_some_and(|d| !d.is_none()) {
            return Err(arg_err(py, &Path::Root("data"), "give data inside the log object, not beside it"));
        }
        let log = json_input(topics, "log", Floats::Reject)?;
        let root = Path::Root("log");
        let (topics, data) = raw_log_from_json(&log, &root).map_err(|e| py_err(py, e))?;
        let address = log_address(&log, &root).map_err(|e| py_err(py, e))?;
        (topics, data, address)
    } else {
        let (topics, data) = raw_log(topics, data)?;
        (topics, data, None)
    };
    let event = detached(py, || AnyEvent::decode(layer, &topics, &data))?;
    Ok(PyEvent { event, address })
}

/// Decodes many logs: a list of log objects (`dict`s as `eth_getLogs` gives them), a receipt
/// (`dict` with `"logs"`), one log object, or the JSON text of any of them. With `address`, logs
/// from other contracts (or without an address) are left out; with `skip_unknown`, logs whose
/// topic0 is no event of the manager too. Any other failure raises the error of the first bad
/// log, with `index` set to its position in the logs.
#[pyfunction]
#[pyo3(signature = (logs, *, layer="l1", address=None, skip_unknown=false))]
pub fn decode_logs<'py>(
    logs: &Bound<'py, PyAny>,
    layer: &str,
    address: Option<&Bound<'py, PyAny>>,
    skip_unknown: bool,
) -> PyResult<Bound<'py, PyList>> {
    let py = logs.py();
    let layer = Layer::parse(py, layer)?;
    let filter = match address {
        Some(a) if !a.is_none() => Some(Address::from_py(a, &Path::Root("address"))?),
        _ => None,
    };
    let json = json_input(logs, "logs", Floats::Reject)?;
    let single;
    let list = match &json {
        Value::Object(map) if !map.contains_key("topics") && map.contains_key("logs") => &map["logs"],
        Value::Object(_) => {
            single = Value::Array(vec![json.clone()]);
            &single
        }
        other => other,
    };
    let Some(items) = list.as_array() else {
        return Err(arg_err(py, &Path::Root("logs"), "expected a list of log objects or a receipt with \"logs\""));
    };
    let root = Path::Root("logs");
    let mut decoded = Vec::new();
    for (i, log) in items.iter().enumerate() {
        let path = root.index(i);
        let result = log_address(log, &path).and_then(|emitter| {
            if filter.is_some() && emitter != filter {
                return Ok(None);
            }
            let (topics, data) = raw_log_from_json(log, &path)?;
            match AnyEvent::decode(layer, &topics, &data) {
                Ok(event) => Ok(Some(PyEvent { event, address: emitter })),
                Err(e) if skip_unknown && e.code() == ErrorCode::AbiUnknownSelector => Ok(None),
                Err(e) => Err(e),
            }
        });
        match result {
            Ok(Some(event)) => decoded.push(event),
            Ok(None) => {}
            Err(e) => {
                let err = py_err(py, e);
                err.value(py).setattr("index", i)?;
                return Err(err);
            }
        }
    }
    PyList::new(py, decoded)
}

/// Revert data from `bytes`/`0x`-hex, or a JSON-RPC error (`dict` or JSON text) carrying it as
/// hex in `"data"` or `"error"."data"`.
fn revert_data(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    let py = obj.py();
    if let Some(bytes) = bytes_like(obj) {
        return Ok(bytes);
    }
    let is_json = match obj.cast::<PyString>() {
        Ok(s) => s.to_cow()?.trim_start().starts_with('{'),
        Err(_) => obj.is_instance_of::<PyDict>(),
    };
    if !is_json {
        if obj.is_instance_of::<PyString>() {
            return input_bytes(obj, "data");
        }
        return Err(arg_err(
            py,
            &Path::Root("data"),
            format!("expected revert data (bytes or 0x-hex) or a JSON-RPC error, found {}", type_name(obj)),
        ));
    }
    let json = json_input(obj, "error", Floats::Reject)?;
    let data = json.get("data").or_else(|| json.pointer("/error/data")).and_then(Value::as_str).ok_or_else(|| {
        arg_err(
            py,
            &Path::Root("data"),
            "a JSON-RPC error needs the revert data as hex in \"data\" (or \"error.data\")",
        )
    })?;
    exectable::json::parse_hex(data.trim(), &Path::Root("data")).map_err(|e| py_err(py, e))
}

/// Strictly decodes revert data (selector ‖ arguments) into the error it is, chosen by selector.
/// `data` is `bytes`, `0x`-hex, or a JSON-RPC error (`dict` or JSON text) with the data in
/// `"data"` or `"error"."data"`, as `eth_call` / `eth_estimateGas` report reverts.
#[pyfunction]
pub fn decode_revert(data: &Bound<'_, PyAny>) -> PyResult<PyProtocolError> {
    let bytes = revert_data(data)?;
    detached(data.py(), || exectable::decode_revert(&bytes)).map(PyProtocolError)
}

/// Every event of a manager (`layer` `"l1"` or `"l2"`): `(name, topic0, signature)` tuples.
#[pyfunction]
#[pyo3(signature = (layer="l1"))]
pub fn known_events<'py>(
    py: Python<'py>,
    layer: &str,
) -> PyResult<Vec<(&'static str, Bound<'py, PyBytes>, &'static str)>> {
    let events = match Layer::parse(py, layer)? {
        Layer::L1 => L1Event::EVENTS,
        Layer::L2 => L2Event::EVENTS,
    };
    Ok(events
        .iter()
        .map(|(name, topic0, signature)| (*name, PyBytes::new(py, topic0.as_slice()), *signature))
        .collect())
}

/// Every error `decode_revert` recognises: `(name, selector, signature)` tuples.
#[pyfunction]
pub fn known_errors(py: Python<'_>) -> Vec<(&'static str, Bound<'_, PyBytes>, &'static str)> {
    ProtocolError::ERRORS
        .iter()
        .map(|(name, selector, signature)| (*name, PyBytes::new(py, selector), *signature))
        .collect()
}

/// The typed Python object of a core [`ProtocolError`] (for reports that carry one).
pub fn protocol_error_py<'py>(py: Python<'py>, error: &ProtocolError) -> PyResult<Bound<'py, PyAny>> {
    Ok(Bound::new(py, PyProtocolError(error.clone()))?.into_any())
}

/// The plain-data form (`{"error", "selector", "args"}`) of a core [`ProtocolError`].
pub fn protocol_error_plain<'py>(py: Python<'py>, error: &ProtocolError) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyProtocolError(error.clone()).to_dict(py)?.into_any())
}

/// Adds the event and revert functions and classes to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEvent>()?;
    m.add_class::<PyProtocolError>()?;
    m.add_function(wrap_pyfunction!(decode_log, m)?)?;
    m.add_function(wrap_pyfunction!(decode_logs, m)?)?;
    m.add_function(wrap_pyfunction!(decode_revert, m)?)?;
    m.add_function(wrap_pyfunction!(known_events, m)?)?;
    m.add_function(wrap_pyfunction!(known_errors, m)?)?;
    Ok(())
}
