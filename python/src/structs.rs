//! The protocol structs as Python classes (`exectable.l1.ExecutionEntry`, …): immutable values
//! holding core's Rust struct, with keyword constructors, attributes named as the Solidity
//! fields, `==`/`hash`, `repr`, dict and JSON forms in the vector conventions, strict ABI
//! decoding, pickling, and the protocol hash where one is defined. Also the readers of the batch
//! argument every batch-taking function shares ([`batch_arg`], [`blob_arg`]).

use crate::calls::call_or_json;
use crate::convert::{arg_err, bytes_like, read_fields, type_name, FieldsFrom, PyValue};
use crate::errors::{detached, py_err};
use crate::records;
use exectable::abi::layout::Path;
use exectable::public_inputs::BlobSource;
use exectable::types::{l1, l2};
use exectable::{AbiStruct, CanonicalJson, Error, ManagerCall};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple, PyType};

/// Bytes to decode: `bytes`-like, or `0x`-hex text.
pub fn input_bytes(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<u8>> {
    if let Some(bytes) = bytes_like(obj) {
        return Ok(bytes);
    }
    if let Ok(text) = obj.cast::<PyString>() {
        return exectable::json::parse_hex(text.to_cow()?.trim(), &Path::Root(what)).map_err(|e| py_err(obj.py(), e));
    }
    Err(arg_err(obj.py(), &Path::Root(what), format!("expected bytes or 0x-hex str, found {}", type_name(obj))))
}

/// JSON text given as `str` or UTF-8 `bytes`, parsed.
pub fn input_json(obj: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    let py = obj.py();
    let text = if let Ok(s) = obj.cast::<PyString>() {
        s.to_cow()?.into_owned()
    } else if let Some(bytes) = bytes_like(obj) {
        String::from_utf8(bytes)
            .map_err(|e| py_err(py, Error::JsonSyntax { message: format!("JSON text is not UTF-8: {e}") }))?
    } else {
        return Err(arg_err(py, &Path::Root("json"), format!("expected JSON text (str), found {}", type_name(obj))));
    };
    exectable::json::parse_json(&text).map_err(|e| py_err(py, e))
}

/// JSON text of `value`: compact, or indented by `indent` spaces.
pub fn json_text(value: &serde_json::Value, indent: Option<usize>) -> String {
    use serde::Serialize;
    match indent {
        None => value.to_string(),
        Some(n) => {
            let spaces = vec![b' '; n];
            let mut out = Vec::new();
            let mut ser = serde_json::Serializer::with_formatter(
                &mut out,
                serde_json::ser::PrettyFormatter::with_indent(&spaces),
            );
            match value.serialize(&mut ser) {
                Ok(()) => String::from_utf8(out).unwrap_or_default(),
                Err(_) => value.to_string(),
            }
        }
    }
}

/// `hash(item)` of every item as a list of `bytes`, computed with the GIL released on up to
/// `threads` threads.
pub fn hash_list<'py, T: Sync>(
    py: Python<'py>,
    items: &[T],
    threads: Option<usize>,
    hash: fn(&T) -> alloy_primitives::B256,
) -> PyResult<Bound<'py, PyList>> {
    let hashes = py.detach(|| exectable::parallel::par_map(items, exectable::parallel::Split::hashes(threads), hash));
    crate::convert::bytes_list(py, &hashes)
}

type Batch = l1::ProofSystemBatchPerVerificationEntries;

/// The batch of a manager call; other calls are an `ArgumentError` at `batch`.
fn call_batch(py: Python<'_>, call: ManagerCall) -> PyResult<Batch> {
    let name = call.function_name();
    call.into_batch().ok_or_else(|| {
        py_err(py, Error::invalid("batch", format!("{name} calldata carries no batch (expected postAndVerifyBatch)")))
    })
}

/// `{"batch": …, "blobHashes": […]?}` or a bare batch, as JSON (errors under `batch`).
fn batch_from_json(py: Python<'_>, json: &serde_json::Value) -> PyResult<(Batch, Option<BlobSource>)> {
    let root = Path::Root("batch");
    let Some(batch) = json.get("batch") else {
        return Ok((Batch::from_json_at(json, &root).map_err(|e| py_err(py, e))?, None));
    };
    let batch = Batch::from_json_at(batch, &root).map_err(|e| py_err(py, e))?;
    let blobs = match json.get("blobHashes") {
        Some(v) => {
            Some(BlobSource::Resolved(Vec::from_json_at(v, &Path::Root("blobHashes")).map_err(|e| py_err(py, e))?))
        }
        None => None,
    };
    Ok((batch, blobs))
}

/// The batch argument, and the blob hashes it carries: an `l1.ProofSystemBatchPerVerificationEntries`
/// object or its dict (Python or JSON-edge values), a `ManagerCall`, `postAndVerifyBatch` calldata
/// (bytes-like or `0x`-hex), or text as the CLI reads it (calldata hex, call JSON, batch JSON,
/// `{"batch", "blobHashes"}`); a dict may also be `{"batch", "blobHashes"}` or call JSON
/// (`{"function", "args"}`).
pub fn batch_arg(obj: &Bound<'_, PyAny>) -> PyResult<(Batch, Option<BlobSource>)> {
    let py = obj.py();
    let root = Path::Root("batch");
    if let Ok(w) = obj.cast::<L1ProofSystemBatchPerVerificationEntries>() {
        return Ok((w.get().0.clone(), None));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        if dict.contains("batch")? && !dict.contains("function")? {
            if let Some((key, _)) = dict.iter().find(|(k, _)| !matches!(k.to_string().as_str(), "batch" | "blobHashes"))
            {
                let message = "unknown member (expected batch, blobHashes)";
                return Err(arg_err(py, &Path::Root(&key.to_string()), message));
            }
            let batch = Batch::from_py(&dict.as_any().get_item("batch")?, &root)?;
            let blobs = match dict.get_item("blobHashes")? {
                Some(v) => Some(BlobSource::Resolved(Vec::from_py(&v, &Path::Root("blobHashes"))?)),
                None => None,
            };
            return Ok((batch, blobs));
        }
        if !dict.contains("function")? {
            return Ok((Batch::from_py(obj, &root)?, None));
        }
    } else if !(obj.is_instance_of::<crate::calls::PyManagerCall>()
        || obj.is_instance_of::<PyString>()
        || bytes_like(obj).is_some())
    {
        return Err(arg_err(
            py,
            &root,
            format!(
                "expected ProofSystemBatchPerVerificationEntries, a dict, a ManagerCall, calldata bytes or text, \
                 found {}",
                type_name(obj)
            ),
        ));
    }
    match call_or_json(obj, "batch")? {
        Ok(call) => Ok((call_batch(py, call)?, None)),
        Err(json) => batch_from_json(py, &json),
    }
}

/// The blob data of a batch: `blob_hashes` (resolved, one per `blobIndices`) or
/// `blob_versioned_hashes` (the posting transaction's), not both; `None` when neither is given.
/// Both given is an `ArgumentError` at `conflict_at` (`blobHashes` in `exectable.commit` and
/// `exectable.membership`, `blobVersionedHashes` in `exectable.proof_inputs`).
pub fn blob_arg(
    resolved: Option<&Bound<'_, PyAny>>,
    versioned: Option<&Bound<'_, PyAny>>,
    conflict_at: &str,
) -> PyResult<Option<BlobSource>> {
    match (resolved.filter(|r| !r.is_none()), versioned.filter(|v| !v.is_none())) {
        (Some(r), Some(_)) => Err(arg_err(
            r.py(),
            &Path::Root(conflict_at),
            "give either blob_hashes (resolved) or blob_versioned_hashes, not both",
        )),
        (Some(r), None) => Ok(Some(BlobSource::Resolved(Vec::from_py(r, &Path::Root("blobHashes"))?))),
        (None, Some(v)) => Ok(Some(BlobSource::VersionedHashes(Vec::from_py(v, &Path::Root("blobVersionedHashes"))?))),
        (None, None) => Ok(None),
    }
}

/// The batch argument ([`batch_arg`]) with its blob data: the keywords ([`blob_arg`]) first, then
/// the blob hashes the input carries, else none (right only for a batch without `blobIndices`).
pub fn batch_and_blobs(
    batch: &Bound<'_, PyAny>,
    resolved: Option<&Bound<'_, PyAny>>,
    versioned: Option<&Bound<'_, PyAny>>,
    conflict_at: &str,
) -> PyResult<(Batch, BlobSource)> {
    let (batch, embedded) = batch_arg(batch)?;
    let blobs = blob_arg(resolved, versioned, conflict_at)?.or(embedded).unwrap_or_default();
    Ok((batch, blobs))
}

macro_rules! py_struct {
    (
        $(#[$doc:meta])*
        $wrapper:ident = $rust:ty, $module:literal, $name:literal { $($field:ident),* $(,)? }
        $(methods { $($extra:tt)* })?
    ) => {
        $(#[$doc])*
        #[pyclass(frozen, eq, hash, module = $module, name = $name)]
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $wrapper(pub $rust);

        impl $wrapper {
            const FIELD_NAMES: &'static [&'static str] = &[$(stringify!($field)),*];

            fn set_fields(
                value: &mut $rust,
                dict: &Bound<'_, PyDict>,
                path: &Path<'_>,
                from: FieldsFrom,
            ) -> PyResult<()> {
                read_fields(dict, path, Self::FIELD_NAMES, from, |name, v, p| {
                    match name {
                        $(stringify!($field) => value.$field = PyValue::from_py(v, p)?,)*
                        _ => {}
                    }
                    Ok(())
                })
            }
        }

        impl PyValue for $rust {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(Bound::new(py, $wrapper(self.clone()))?.into_any())
            }

            fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let dict = PyDict::new(py);
                $(dict.set_item(stringify!($field), self.$field.to_plain(py)?)?;)*
                Ok(dict.into_any())
            }

            fn from_py(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Self> {
                if let Ok(w) = obj.cast::<$wrapper>() {
                    return Ok(w.get().0.clone());
                }
                if let Ok(dict) = obj.cast::<PyDict>() {
                    let mut value = <$rust>::default();
                    $wrapper::set_fields(&mut value, dict, path, FieldsFrom::Dict)?;
                    return Ok(value);
                }
                Err(arg_err(obj.py(), path, format!("expected {} or a dict, found {}", $name, type_name(obj))))
            }

            fn write_repr(&self, out: &mut String) {
                out.push_str(concat!($name, "("));
                let mut _first = true;
                $(
                    if !_first { out.push_str(", "); }
                    _first = false;
                    out.push_str(concat!(stringify!($field), "="));
                    self.$field.write_repr(out);
                )*
                out.push(')');
            }
        }

        #[pymethods]
        #[allow(non_snake_case)]
        impl $wrapper {
            /// Keyword constructor; a field not given is zero / empty.
            #[new]
            #[pyo3(signature = (**fields))]
            fn py_new(fields: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
                let mut value = <$rust>::default();
                if let Some(fields) = fields {
                    Self::set_fields(&mut value, fields, &Path::Root(""), FieldsFrom::Keywords)?;
                }
                Ok(Self(value))
            }

            /// The Solidity field names, in ABI order.
            #[classattr]
            fn FIELDS<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
                PyTuple::new(py, Self::FIELD_NAMES)
            }

            $(
                #[getter]
                fn $field<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                    PyValue::to_py(&self.0.$field, py)
                }
            )*

            /// A copy with the given fields changed.
            #[pyo3(signature = (**changes))]
            fn replace(&self, changes: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
                let mut value = self.0.clone();
                if let Some(changes) = changes {
                    Self::set_fields(&mut value, changes, &Path::Root(""), FieldsFrom::Keywords)?;
                }
                Ok(Self(value))
            }

            /// Plain Python data: `dict` keyed by the Solidity field names, nested structs as
            /// dicts, ints and bytes as they are.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.0.to_plain(py)
            }

            /// From a dict with every field (values as Python ints/bytes, or JSON-edge text).
            #[staticmethod]
            fn from_dict(value: &Bound<'_, PyAny>) -> PyResult<Self> {
                <$rust as PyValue>::from_py(value, &Path::Root("")).map(Self)
            }

            /// Canonical JSON text in the vector conventions (compact, or indented).
            #[pyo3(signature = (indent=None))]
            fn to_json(&self, indent: Option<usize>) -> String {
                json_text(&CanonicalJson::to_json(&self.0), indent)
            }

            /// Parses JSON text in the vector conventions.
            #[staticmethod]
            fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
                let value = input_json(text)?;
                <$rust as CanonicalJson>::from_json(&value).map(Self).map_err(|e| py_err(text.py(), e))
            }

            /// `abi.encode(value)`.
            fn abi_encode<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
                let bytes = py.detach(|| self.0.abi_encode_struct());
                PyBytes::new(py, &bytes)
            }

            /// Strictly decodes `abi.encode(value)` (`bytes`, or `0x`-hex text).
            #[staticmethod]
            fn abi_decode(data: &Bound<'_, PyAny>) -> PyResult<Self> {
                let bytes = input_bytes(data, "data")?;
                detached(data.py(), || <$rust>::abi_decode_struct(&bytes)).map(Self)
            }

            fn __repr__(&self) -> String {
                let mut out = String::new();
                self.0.write_repr(&mut out);
                out
            }

            fn __reduce__<'py>(
                slf: &Bound<'py, Self>,
            ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
                let py = slf.py();
                let decode = py.get_type::<Self>().getattr("abi_decode")?;
                Ok((decode, (slf.get().abi_encode(py),)))
            }

            $($($extra)*)?
        }
    };
}

py_struct! {
    /// L1 `StateDelta`.
    L1StateDelta = l1::StateDelta, "exectable.l1", "StateDelta" { rollupId, currentState, newState, etherDelta }
}
py_struct! {
    /// L1 `L2ToL1Call`.
    L1L2ToL1Call = l1::L2ToL1Call, "exectable.l1", "L2ToL1Call" {
        targetAddress, value, data, sourceAddress, sourceRollupId, revertSpan
    }
}
py_struct! {
    /// L1 `ExpectedL1ToL2Call`.
    L1ExpectedL1ToL2Call = l1::ExpectedL1ToL2Call, "exectable.l1", "ExpectedL1ToL2Call" {
        crossChainCallHash, callCount, returnData
    }
}
py_struct! {
    /// L1 `ExpectedLookup` (nested lookup).
    L1ExpectedLookup = l1::ExpectedLookup, "exectable.l1", "ExpectedLookup" {
        crossChainCallHash, returnData, failed, l2ToL1CallNumber, lastL1ToL2CallConsumed, executingLookupIndex,
        l2ToL1Calls, expectedL1ToL2Calls, callCount, rollingHash
    }
}
py_struct! {
    /// L1 `ExecutionEntry`; `hash()` is the entry hash.
    L1ExecutionEntry = l1::ExecutionEntry, "exectable.l1", "ExecutionEntry" {
        stateDeltas, proxyEntryHash, destinationRollupId, l2ToL1Calls, expectedL1ToL2Calls, expectedLookups,
        callCount, returnData, rollingHash
    }
    methods {
        /// The entry hash, `keccak256(abi.encode(entry))`.
        fn hash<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
            PyBytes::new(py, self.0.hash().as_slice())
        }
    }
}
py_struct! {
    /// L1 `ExpectedStateRootPerRollup`.
    L1ExpectedStateRootPerRollup = l1::ExpectedStateRootPerRollup, "exectable.l1", "ExpectedStateRootPerRollup" {
        rollupId, stateRoot
    }
}
py_struct! {
    /// L1 `LookupCall`; `hash()` is the lookup-call hash.
    L1LookupCall = l1::LookupCall, "exectable.l1", "LookupCall" {
        crossChainCallHash, destinationRollupId, returnData, failed, l2ToL1Calls, expectedL1ToL2Calls,
        expectedLookups, callCount, rollingHash, expectedStateRoots
    }
    methods {
        /// The lookup-call hash, `keccak256(abi.encode(lookupCall))`.
        fn hash<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
            PyBytes::new(py, self.0.hash().as_slice())
        }
    }
}
py_struct! {
    /// L1 `RollupIdWithProofSystems`.
    L1RollupIdWithProofSystems = l1::RollupIdWithProofSystems, "exectable.l1", "RollupIdWithProofSystems" {
        rollupId, proofSystemIndex
    }
}
py_struct! {
    /// L1 `ProofSystemBatchPerVerificationEntries`: the batch `postAndVerifyBatch` posts.
    L1ProofSystemBatchPerVerificationEntries = l1::ProofSystemBatchPerVerificationEntries, "exectable.l1",
        "ProofSystemBatchPerVerificationEntries" {
        entries, l1ToL2lookupCalls, transientExecutionEntryCount, transientLookupCallCount, proofSystems,
        rollupIdsWithProofSystems, crossProofSystemInteractions, blobIndices, callData, proofs, blockNumber
    }
    methods {
        /// `keccak256(abi.encode(entries[i]))` for every entry, in order, on up to `threads`
        /// threads (default: every core) with the GIL released.
        #[pyo3(signature = (*, threads=None))]
        fn entry_hashes<'py>(&self, py: Python<'py>, threads: Option<usize>) -> PyResult<Bound<'py, PyList>> {
            hash_list(py, &self.0.entries, threads, l1::ExecutionEntry::hash)
        }

        /// `keccak256(abi.encode(l1ToL2lookupCalls[i]))` for every top-level lookup, in order.
        #[pyo3(signature = (*, threads=None))]
        fn lookup_call_hashes<'py>(&self, py: Python<'py>, threads: Option<usize>) -> PyResult<Bound<'py, PyList>> {
            hash_list(py, &self.0.l1ToL2lookupCalls, threads, l1::LookupCall::hash)
        }

        /// The batch flattened into rows (`list` of `dict`) of one table: `entries`,
        /// `stateDeltas`, `l2ToL1Calls`, `expectedL1ToL2Calls`, `expectedLookups`, `lookupCalls`
        /// (see `exectable.records`).
        #[pyo3(signature = (table="entries"))]
        fn to_records<'py>(&self, py: Python<'py>, table: &str) -> PyResult<Bound<'py, PyList>> {
            records::batch_records(py, &self.0, table)
        }

        /// `to_records(table)` as a `pandas.DataFrame` (needs the `pandas` extra).
        #[pyo3(signature = (table="entries"))]
        fn entries_frame<'py>(&self, py: Python<'py>, table: &str) -> PyResult<Bound<'py, PyAny>> {
            let rows = records::batch_records(py, &self.0, table)?;
            records::data_frame(py, rows, table)
        }
    }
}
py_struct! {
    /// L2 `CrossChainCall`.
    L2CrossChainCall = l2::CrossChainCall, "exectable.l2", "CrossChainCall" {
        targetAddress, value, data, sourceAddress, sourceRollupId, revertSpan
    }
}
py_struct! {
    /// L2 `ExpectedOutgoingCrossChainCall`.
    L2ExpectedOutgoingCrossChainCall = l2::ExpectedOutgoingCrossChainCall, "exectable.l2",
        "ExpectedOutgoingCrossChainCall" { crossChainCallHash, callCount, returnData }
}
py_struct! {
    /// L2 `ExpectedLookup` (nested lookup).
    L2ExpectedLookup = l2::ExpectedLookup, "exectable.l2", "ExpectedLookup" {
        crossChainCallHash, returnData, failed, callNumber, lastOutgoingCallConsumed, executingLookupIndex,
        incomingCalls, expectedOutgoingCalls, callCount, rollingHash
    }
}
py_struct! {
    /// L2 `ExecutionEntry`.
    L2ExecutionEntry = l2::ExecutionEntry, "exectable.l2", "ExecutionEntry" {
        proxyEntryHash, incomingCalls, expectedOutgoingCalls, expectedLookups, callCount, returnData, rollingHash
    }
}
py_struct! {
    /// L2 `LookupCall`.
    L2LookupCall = l2::LookupCall, "exectable.l2", "LookupCall" {
        crossChainCallHash, returnData, failed, incomingCalls, expectedOutgoingCalls, expectedLookups, callCount,
        rollingHash
    }
}

/// The struct class of core's struct `name` (`l1.ExecutionEntry`, or unambiguous short names).
pub fn struct_class<'py>(py: Python<'py>, kind: exectable::types::StructKind) -> Bound<'py, PyType> {
    use exectable::types::StructKind as K;
    match kind {
        K::L1StateDelta => py.get_type::<L1StateDelta>(),
        K::L1L2ToL1Call => py.get_type::<L1L2ToL1Call>(),
        K::L1ExpectedL1ToL2Call => py.get_type::<L1ExpectedL1ToL2Call>(),
        K::L1ExpectedLookup => py.get_type::<L1ExpectedLookup>(),
        K::L1ExecutionEntry => py.get_type::<L1ExecutionEntry>(),
        K::L1ExpectedStateRootPerRollup => py.get_type::<L1ExpectedStateRootPerRollup>(),
        K::L1LookupCall => py.get_type::<L1LookupCall>(),
        K::L1RollupIdWithProofSystems => py.get_type::<L1RollupIdWithProofSystems>(),
        K::L1ProofSystemBatchPerVerificationEntries => py.get_type::<L1ProofSystemBatchPerVerificationEntries>(),
        K::L2CrossChainCall => py.get_type::<L2CrossChainCall>(),
        K::L2ExpectedOutgoingCrossChainCall => py.get_type::<L2ExpectedOutgoingCrossChainCall>(),
        K::L2ExpectedLookup => py.get_type::<L2ExpectedLookup>(),
        K::L2ExecutionEntry => py.get_type::<L2ExecutionEntry>(),
        K::L2LookupCall => py.get_type::<L2LookupCall>(),
    }
}

/// Adds every struct class to the native module as `L1ExecutionEntry`, `L2LookupCall`, …
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    for kind in exectable::types::StructKind::ALL {
        let (side, name) = kind.name().split_once('.').unwrap_or(("", kind.name()));
        m.add(format!("{}{name}", side.to_ascii_uppercase()), struct_class(py, *kind))?;
    }
    Ok(())
}
