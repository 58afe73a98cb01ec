//! Table commitments, inclusion proofs (docs/COMMITMENT.md) and batch membership
//! (docs/MEMBERSHIP.md) as Python objects: what `exectable commit`, `prove`, `verify proof` and
//! `verify membership` do, with the same inputs.
//!
//! - `exectable.commit`: [`PyCommittedTable`] (the tree; makes proofs), [`PyTableCommitment`]
//!   (the published record), [`PyInclusionProof`] (binary and JSON forms), [`PyVerifiedInclusion`].
//! - `exectable.membership`: [`PyMembershipReport`] with [`PyPostedBatch`], [`PyMembershipMatch`],
//!   [`PyEntryEvidence`] and [`PyConsumptionReport`].
//!
//! Rejections keep core's codes: 401–410 raise `ProofError`, 601–606 `MembershipError`, ABI
//! decode errors of a transaction input `AbiError`. Also the argument helpers `exectable.ocp`
//! shares: JSON documents given as text or Python data ([`json_doc`]), receipts, blob hashes.

use crate::calls::PyManagerCall;
use crate::convert::{arg_err, bytes_like, read_fields, type_name, FieldsFrom, PyValue};
use crate::errors::{detached, py_err};
use crate::structs::{input_bytes, input_json, json_text, L1ExecutionEntry, L1LookupCall};
use alloy_primitives::{hex, Address, B256};
use exectable::abi::calldata::CallOrJson;
use exectable::abi::layout::Path;
use exectable::batch::Placement;
use exectable::commit::{
    CommittedTable, ExpectedCommitment, InclusionProof, Leaf, ProofItem, TableCommitment, VerifiedInclusion,
    PROOF_FORMAT,
};
use exectable::inclusion::{
    consumption_evidence, verify_membership, verify_posting, Consumption, ConsumptionReport, EntryEvidence, EntryFate,
    ItemKind, ItemQuery, LogRef, MembershipMatch, MembershipReport, MembershipRequest, PostedBatch, PostingOptions,
    SharedPublicInputStatus, Skip, UnattributedLog,
};
use exectable::public_inputs::BlobSource;
use exectable::receipt::Receipt;
use exectable::types::l1::{ExecutionEntry, LookupCall, ProofSystemBatchPerVerificationEntries};
use exectable::{CanonicalJson, Error, ManagerCall};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;

type Batch = ProofSystemBatchPerVerificationEntries;

// ---------------------------------------------------------------------------------------------
// Arguments shared with `ocp`.

/// Python data as JSON: `dict`/`list`/`tuple`/`str`/`bool`/`None` as they are, `int` as a JSON
/// integer (a decimal string beyond 64 bits), bytes-like as `0x`-hex, and objects with a
/// `to_json()` method (the struct classes) as their JSON.
pub fn py_to_json(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Value> {
    let py = obj.py();
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(v) = obj.extract::<u64>() {
            return Ok(v.into());
        }
        if let Ok(v) = obj.extract::<i64>() {
            return Ok(v.into());
        }
        return Ok(Value::String(obj.str()?.to_cow()?.into_owned()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Some(bytes) = bytes_like(obj) {
        return Ok(Value::String(hex::encode_prefixed(bytes)));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (key, value) in dict.iter() {
            let Ok(key) = key.cast::<PyString>().map(|k| k.to_string()) else {
                return Err(arg_err(py, path, format!("object keys are str, found {}", type_name(&key))));
            };
            let value = py_to_json(&value, &path.field(&key))?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    let items: Option<Vec<Bound<'_, PyAny>>> = if let Ok(list) = obj.cast::<PyList>() {
        Some(list.iter().collect())
    } else {
        obj.cast::<PyTuple>().ok().map(|t| t.iter().collect())
    };
    if let Some(items) = items {
        return items
            .iter()
            .enumerate()
            .map(|(i, v)| py_to_json(v, &path.index(i)))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return serde_json::Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| arg_err(py, path, "a JSON number is finite"));
    }
    if obj.hasattr("to_json")? {
        let text: String = obj.call_method0("to_json")?.extract()?;
        return exectable::json::parse_json(&text).map_err(|e| py_err(py, e));
    }
    Err(arg_err(py, path, format!("expected JSON-like data, found {}", type_name(obj))))
}

/// A JSON document argument: JSON text (`str`, or UTF-8 `bytes`) or Python data ([`py_to_json`]).
pub fn json_doc(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Value> {
    if obj.is_instance_of::<PyString>() || bytes_like(obj).is_some() {
        input_json(obj)
    } else {
        py_to_json(obj, &Path::Root(what))
    }
}

/// An `eth_getTransactionReceipt` receipt (JSON-RPC envelope allowed): JSON text or a dict.
/// Malformed receipts are `ReceiptMalformed` (606).
pub fn receipt_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Receipt> {
    let value = json_doc(obj, what)?;
    Receipt::from_json(&value).map_err(|e| py_err(obj.py(), e))
}

/// A list of receipts (`None`: none).
fn receipts_arg(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Vec<Receipt>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(Vec::new()) };
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyDict>() || bytes_like(obj).is_some() {
        return Err(arg_err(obj.py(), &Path::Root(what), "expected a list of receipts"));
    }
    let iter = obj.try_iter().map_err(|_| {
        arg_err(obj.py(), &Path::Root(what), format!("expected a list of receipts, found {}", type_name(obj)))
    })?;
    iter.enumerate().map(|(i, r)| receipt_arg(&r?, &format!("{what}[{i}]"))).collect()
}

/// The blob hashes of a batch: `blob_hashes` (resolved, one per `blobIndices`) or
/// `blob_versioned_hashes` (the posting transaction's), not both; `None` when neither is given.
pub fn blob_arg(
    py: Python<'_>,
    blob_hashes: Option<&Bound<'_, PyAny>>,
    blob_versioned_hashes: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<BlobSource>> {
    match (blob_hashes, blob_versioned_hashes) {
        (Some(_), Some(_)) => {
            Err(arg_err(py, &Path::Root("blobHashes"), "give blob_hashes or blob_versioned_hashes, not both"))
        }
        (Some(h), None) => Ok(Some(BlobSource::Resolved(Vec::from_py(h, &Path::Root("blobHashes"))?))),
        (None, Some(h)) => Ok(Some(BlobSource::VersionedHashes(Vec::from_py(h, &Path::Root("blobVersionedHashes"))?))),
        (None, None) => Ok(None),
    }
}

/// The batch of a manager call; other calls are an `ArgumentError`.
fn call_batch(py: Python<'_>, call: ManagerCall) -> PyResult<Batch> {
    let name = call.function_name();
    call.into_batch().ok_or_else(|| {
        py_err(py, Error::invalid("batch", format!("{name} calldata carries no batch (expected postAndVerifyBatch)")))
    })
}

/// `{"batch": …, "blobHashes": […]?}` or a bare batch, as JSON.
fn batch_from_json(py: Python<'_>, json: &Value) -> PyResult<(Batch, Option<BlobSource>)> {
    let Some(batch) = json.get("batch") else {
        return Ok((Batch::from_json(json).map_err(|e| py_err(py, e))?, None));
    };
    let batch = Batch::from_json_at(batch, &Path::Root("batch")).map_err(|e| py_err(py, e))?;
    let blobs = match json.get("blobHashes") {
        Some(v) => {
            Some(BlobSource::Resolved(Vec::from_json_at(v, &Path::Root("blobHashes")).map_err(|e| py_err(py, e))?))
        }
        None => None,
    };
    Ok((batch, blobs))
}

/// The batch argument, and the blob hashes it carries: a `ProofSystemBatchPerVerificationEntries`
/// object or dict, a `ManagerCall`, `postAndVerifyBatch` calldata (bytes), or text as the CLI reads
/// it (calldata hex, call JSON, batch JSON, `{"batch", "blobHashes"}`); a dict may also be
/// `{"batch", "blobHashes"}` or call JSON (`{"function", "args"}`).
pub fn batch_arg(obj: &Bound<'_, PyAny>) -> PyResult<(Batch, Option<BlobSource>)> {
    let py = obj.py();
    let root = Path::Root("batch");
    if let Ok(w) = obj.cast::<crate::structs::L1ProofSystemBatchPerVerificationEntries>() {
        return Ok((w.get().0.clone(), None));
    }
    if let Ok(call) = obj.cast::<PyManagerCall>() {
        return Ok((call_batch(py, call.get().0.clone())?, None));
    }
    if let Some(bytes) = bytes_like(obj) {
        let call = detached(py, || ManagerCall::decode(&bytes))?;
        return Ok((call_batch(py, call)?, None));
    }
    if let Ok(text) = obj.cast::<PyString>() {
        let text = text.to_cow()?.into_owned();
        return match detached(py, || CallOrJson::from_text(&text))? {
            CallOrJson::Call(call) => Ok((call_batch(py, *call)?, None)),
            CallOrJson::Json(json) => batch_from_json(py, &json),
        };
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        if dict.contains("function")? {
            let json = py_to_json(obj, &root)?;
            let call = ManagerCall::from_json(&json).map_err(|e| py_err(py, e))?;
            return Ok((call_batch(py, call)?, None));
        }
        if dict.contains("batch")? {
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
        return Ok((Batch::from_py(obj, &root)?, None));
    }
    Err(arg_err(
        py,
        &root,
        format!(
            "expected ProofSystemBatchPerVerificationEntries, a dict, a ManagerCall, calldata bytes or text, found {}",
            type_name(obj)
        ),
    ))
}

/// Commits to the batch argument with its blob hashes (flags first, then those the input
/// carries, else none), building the tree without the GIL.
fn committed(
    batch: &Bound<'_, PyAny>,
    blob_hashes: Option<&Bound<'_, PyAny>>,
    blob_versioned_hashes: Option<&Bound<'_, PyAny>>,
) -> PyResult<CommittedTable> {
    let py = batch.py();
    let (batch, embedded) = batch_arg(batch)?;
    let blobs = blob_arg(py, blob_hashes, blob_versioned_hashes)?.or(embedded).unwrap_or_default();
    detached(py, || CommittedTable::of_batch(&batch, &blobs))
}

// ---------------------------------------------------------------------------------------------
// Small conversions.

fn py_bytes<'py>(py: Python<'py>, bytes: &[u8]) -> Bound<'py, PyAny> {
    PyBytes::new(py, bytes).into_any()
}

fn hash_list<'py>(py: Python<'py>, hashes: &[B256]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, hashes.iter().map(|h| PyBytes::new(py, h.as_slice())))
}

fn opt_bytes<'py>(py: Python<'py>, value: Option<&[u8]>) -> Option<Bound<'py, PyAny>> {
    value.map(|b| py_bytes(py, b))
}

/// A JSON value as Python data (`json.loads` of its text).
fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (value.to_string(),))
}

/// `{"entry": i}` or `{"lookupCall": j}`.
fn leaf_dict<'py>(py: Python<'py>, leaf: &Leaf) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    match leaf {
        Leaf::Entry(i) => out.set_item("entry", *i)?,
        Leaf::LookupCall(j) => out.set_item("lookupCall", *j)?,
    }
    Ok(out)
}

fn leaves_list<'py>(py: Python<'py>, leaves: &[Leaf]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, leaves.iter().map(|l| leaf_dict(py, l)).collect::<PyResult<Vec<_>>>()?)
}

/// One `int`, or an iterable of them.
fn u64_list(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Vec<u64>> {
    if obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyString>() {
        return Ok(vec![u64::from_py(obj, path)?]);
    }
    let iter = obj
        .try_iter()
        .map_err(|_| arg_err(obj.py(), path, format!("expected an int or a list of ints, found {}", type_name(obj))))?;
    iter.enumerate().map(|(i, v)| u64::from_py(&v?, &path.index(i))).collect()
}

/// One 32-byte hash (bytes or `0x`-hex), or an iterable of them.
fn b256_list(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Vec<B256>> {
    if obj.is_instance_of::<PyString>() || bytes_like(obj).is_some() {
        return Ok(vec![B256::from_py(obj, path)?]);
    }
    let iter = obj.try_iter().map_err(|_| {
        arg_err(obj.py(), path, format!("expected a hash or a list of hashes, found {}", type_name(obj)))
    })?;
    iter.enumerate().map(|(i, v)| B256::from_py(&v?, &path.index(i))).collect()
}

/// A leaf named as `{"entry": i}` / `{"lookupCall": j}` or `("entry", i)` / `("lookupCall", j)`.
fn leaf_arg(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Leaf> {
    let py = obj.py();
    let pair: Option<(String, Bound<'_, PyAny>)> = if let Ok(dict) = obj.cast::<PyDict>() {
        match dict.iter().next() {
            Some((k, v)) if dict.len() == 1 => k.cast::<PyString>().ok().map(|k| (k.to_string(), v)),
            _ => None,
        }
    } else if let Ok(t) = obj.cast::<PyTuple>() {
        match (t.len(), t.get_item(0).ok(), t.get_item(1).ok()) {
            (2, Some(k), Some(v)) => k.cast::<PyString>().ok().map(|k| (k.to_string(), v)),
            _ => None,
        }
    } else {
        None
    };
    match pair {
        Some((name, v)) if name == "entry" => Ok(Leaf::Entry(u64::from_py(&v, &path.field("entry"))?)),
        Some((name, v)) if name == "lookupCall" => Ok(Leaf::LookupCall(u64::from_py(&v, &path.field("lookupCall"))?)),
        _ => Err(arg_err(
            py,
            path,
            "expected {\"entry\": i}, {\"lookupCall\": j}, (\"entry\", i) or (\"lookupCall\", j)",
        )),
    }
}

/// The leaves named by the `prove` keywords, in the order entries, lookup calls, entry hashes,
/// lookup-call hashes, leaves; at least one.
#[allow(clippy::too_many_arguments)]
fn leaves_arg(
    py: Python<'_>,
    table: &CommittedTable,
    entries: Option<&Bound<'_, PyAny>>,
    lookup_calls: Option<&Bound<'_, PyAny>>,
    entry_hashes: Option<&Bound<'_, PyAny>>,
    lookup_call_hashes: Option<&Bound<'_, PyAny>>,
    leaves: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Leaf>> {
    let mut out = Vec::new();
    if let Some(e) = entries {
        out.extend(u64_list(e, &Path::Root("entries"))?.into_iter().map(Leaf::Entry));
    }
    if let Some(l) = lookup_calls {
        out.extend(u64_list(l, &Path::Root("lookupCalls"))?.into_iter().map(Leaf::LookupCall));
    }
    if let Some(h) = entry_hashes {
        for (i, hash) in b256_list(h, &Path::Root("entryHashes"))?.iter().enumerate() {
            out.push(table.find_entry(hash).ok_or_else(|| {
                py_err(
                    py,
                    Error::invalid(format!("entryHashes[{i}]"), format!("no entry of the batch has entry hash {hash}")),
                )
            })?);
        }
    }
    if let Some(h) = lookup_call_hashes {
        for (i, hash) in b256_list(h, &Path::Root("lookupCallHashes"))?.iter().enumerate() {
            out.push(table.find_lookup_call(hash).ok_or_else(|| {
                py_err(
                    py,
                    Error::invalid(
                        format!("lookupCallHashes[{i}]"),
                        format!("no lookup call of the batch has hash {hash}"),
                    ),
                )
            })?);
        }
    }
    if let Some(list) = leaves {
        let root = Path::Root("leaves");
        let iter = list.try_iter().map_err(|_| arg_err(py, &root, "expected a list of leaves"))?;
        for (i, leaf) in iter.enumerate() {
            out.push(leaf_arg(&leaf?, &root.index(i))?);
        }
    }
    if out.is_empty() {
        return Err(arg_err(
            py,
            &Path::Root("leaves"),
            "name at least one leaf: entries=, lookup_calls=, entry_hashes=, lookup_call_hashes= or leaves=",
        ));
    }
    Ok(out)
}

const ITEM_TAGS: &[&str] = &["entry", "lookupCall", "entryHash", "lookupCallHash", "itemHash"];

/// An item of a proof: an `l1.ExecutionEntry` / `l1.LookupCall` (object or dict), a 32-byte item
/// hash (bytes or `0x`-hex), a tagged dict (`{"entry": …}`, `{"lookupCall": …}`, `{"entryHash": h}`,
/// `{"lookupCallHash": h}`, `{"itemHash": h}`) or JSON text of any of these.
fn item_arg(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<ProofItem> {
    let py = obj.py();
    if let Ok(e) = obj.cast::<L1ExecutionEntry>() {
        return Ok(ProofItem::Entry(Box::new(e.get().0.clone())));
    }
    if let Ok(l) = obj.cast::<L1LookupCall>() {
        return Ok(ProofItem::LookupCall(Box::new(l.get().0.clone())));
    }
    if let Ok(text) = obj.cast::<PyString>() {
        let text = text.to_cow()?;
        if text.trim_start().starts_with('{') {
            let value = exectable::json::parse_json(&text).map_err(|e| py_err(py, e))?;
            return ProofItem::from_any_json(&value).map_err(|e| py_err(py, e));
        }
        return Ok(ProofItem::ItemHash(B256::from_py(obj, path)?));
    }
    if bytes_like(obj).is_some() {
        return Ok(ProofItem::ItemHash(B256::from_py(obj, path)?));
    }
    let Ok(dict) = obj.cast::<PyDict>() else {
        return Err(arg_err(
            py,
            path,
            format!("expected an entry, a lookup call, a 32-byte hash or a tagged dict, found {}", type_name(obj)),
        ));
    };
    if let (1, Some((key, value))) = (dict.len(), dict.iter().next()) {
        let tag = key.cast::<PyString>().map(|k| k.to_string()).unwrap_or_default();
        if ITEM_TAGS.contains(&tag.as_str()) {
            let at = path.field(&tag);
            return Ok(match tag.as_str() {
                "entry" => ProofItem::Entry(Box::new(ExecutionEntry::from_py(&value, &at)?)),
                "lookupCall" => ProofItem::LookupCall(Box::new(LookupCall::from_py(&value, &at)?)),
                "entryHash" => ProofItem::EntryHash(B256::from_py(&value, &at)?),
                "lookupCallHash" => ProofItem::LookupCallHash(B256::from_py(&value, &at)?),
                _ => ProofItem::ItemHash(B256::from_py(&value, &at)?),
            });
        }
    }
    // A bare entry or lookup call, told apart by its fields as `ProofItem::from_any_json` does.
    if dict.contains("proxyEntryHash")? || dict.contains("stateDeltas")? {
        Ok(ProofItem::Entry(Box::new(ExecutionEntry::from_py(obj, path)?)))
    } else {
        Ok(ProofItem::LookupCall(Box::new(LookupCall::from_py(obj, path)?)))
    }
}

/// The items: a list (or tuple) of items, one per proven leaf in ascending leaf order, or one item.
fn items_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<ProofItem>> {
    let root = Path::Root("items");
    let list: Option<Vec<Bound<'_, PyAny>>> = if let Ok(list) = obj.cast::<PyList>() {
        Some(list.iter().collect())
    } else {
        obj.cast::<PyTuple>().ok().map(|t| t.iter().collect())
    };
    match list {
        Some(items) => items.iter().enumerate().map(|(i, item)| item_arg(item, &root.index(i))).collect(),
        None => Ok(vec![item_arg(obj, &root.index(0))?]),
    }
}

/// What the verifier trusts: a `TableCommitment` / `CommittedTable` or a record dict or JSON (the
/// record), or a 32-byte digest (bytes or `0x`-hex).
fn expected_arg(obj: &Bound<'_, PyAny>) -> PyResult<ExpectedCommitment> {
    let py = obj.py();
    let root = Path::Root("commitment");
    if let Ok(c) = obj.cast::<PyTableCommitment>() {
        return Ok(ExpectedCommitment::Record(c.get().0));
    }
    if let Ok(t) = obj.cast::<PyCommittedTable>() {
        return Ok(ExpectedCommitment::Record(t.get().0.commitment));
    }
    if let Ok(text) = obj.cast::<PyString>() {
        if text.to_cow()?.trim_start().starts_with('{') {
            let value = input_json(obj)?;
            return ExpectedCommitment::from_json_at(&value, &root).map_err(|e| py_err(py, e));
        }
        return Ok(ExpectedCommitment::Digest(B256::from_py(obj, &root)?));
    }
    if bytes_like(obj).is_some() {
        return Ok(ExpectedCommitment::Digest(B256::from_py(obj, &root)?));
    }
    if obj.is_instance_of::<PyDict>() {
        let value = py_to_json(obj, &root)?;
        return ExpectedCommitment::from_json_at(&value, &root).map_err(|e| py_err(py, e));
    }
    Err(arg_err(
        py,
        &root,
        format!("expected a TableCommitment, a record dict or JSON, or a 32-byte digest, found {}", type_name(obj)),
    ))
}

/// A proof: an `InclusionProof`, its binary encoding (bytes or `0x`-hex) or its JSON form (text or
/// dict). Decoding rejections are 405/406/409.
fn proof_arg(obj: &Bound<'_, PyAny>) -> PyResult<InclusionProof> {
    let py = obj.py();
    let root = Path::Root("proof");
    if let Ok(p) = obj.cast::<PyInclusionProof>() {
        return Ok(p.get().0.clone());
    }
    if let Ok(text) = obj.cast::<PyString>() {
        if text.to_cow()?.trim_start().starts_with('{') {
            let value = input_json(obj)?;
            return InclusionProof::from_json_at(&value, &root).map_err(|e| py_err(py, e));
        }
    }
    if obj.is_instance_of::<PyString>() || bytes_like(obj).is_some() {
        let bytes = input_bytes(obj, "proof")?;
        return detached(py, || InclusionProof::decode(&bytes));
    }
    if obj.is_instance_of::<PyDict>() {
        let value = py_to_json(obj, &root)?;
        return InclusionProof::from_json_at(&value, &root).map_err(|e| py_err(py, e));
    }
    Err(arg_err(py, &root, format!("expected an InclusionProof, bytes, hex or JSON, found {}", type_name(obj))))
}

fn verify_proof(
    py: Python<'_>,
    proof: &InclusionProof,
    expected: &Bound<'_, PyAny>,
    items: &Bound<'_, PyAny>,
) -> PyResult<PyVerifiedInclusion> {
    let expected = expected_arg(expected)?;
    let items = items_arg(items)?;
    detached(py, || proof.verify(&expected, &items)).map(PyVerifiedInclusion)
}

// ---------------------------------------------------------------------------------------------
// exectable.commit

/// The published record of a table commitment: `entryCount`, `lookupCount`, `sharedPublicInput`,
/// `root`, and `commitment` = keccak256("exectable.table-commitment.v1" ‖ u64be(E) ‖ u64be(L) ‖
/// sharedPublicInput ‖ root).
#[pyclass(frozen, eq, module = "exectable.commit", name = "TableCommitment")]
#[derive(Clone, PartialEq)]
pub struct PyTableCommitment(pub TableCommitment);

#[pymethods]
#[allow(non_snake_case)]
impl PyTableCommitment {
    /// Keyword constructor: `entryCount`, `lookupCount`, `sharedPublicInput`, `root` (missing: zero).
    #[new]
    #[pyo3(signature = (**fields))]
    fn py_new(fields: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let mut c = TableCommitment::default();
        if let Some(fields) = fields {
            let names = ["entryCount", "lookupCount", "sharedPublicInput", "root"];
            read_fields(fields, &Path::Root(""), &names, FieldsFrom::Keywords, |name, v, p| {
                match name {
                    "entryCount" => c.entry_count = u64::from_py(v, p)?,
                    "lookupCount" => c.lookup_count = u64::from_py(v, p)?,
                    "sharedPublicInput" => c.shared_public_input = B256::from_py(v, p)?,
                    _ => c.root = B256::from_py(v, p)?,
                }
                Ok(())
            })?;
        }
        Ok(Self(c))
    }

    /// The 32-byte commitment digest (what gets published).
    #[getter]
    fn commitment<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        py_bytes(py, self.0.digest().as_slice())
    }

    /// The 32-byte commitment digest (same as `commitment`).
    #[getter]
    fn digest<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        self.commitment(py)
    }

    /// `E`, the number of entries (the first `E` leaves).
    #[getter]
    fn entryCount(&self) -> u64 {
        self.0.entry_count
    }

    /// `L`, the number of top-level lookup calls (the last `L` leaves).
    #[getter]
    fn lookupCount(&self) -> u64 {
        self.0.lookup_count
    }

    /// `E + L` (`None` if it overflows 64 bits).
    #[getter]
    fn leafCount(&self) -> Option<u64> {
        self.0.leaf_count()
    }

    /// The batch's `sharedPublicInput` the commitment binds.
    #[getter]
    fn sharedPublicInput<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        py_bytes(py, self.0.shared_public_input.as_slice())
    }

    /// The Merkle root over the `E + L` leaves.
    #[getter]
    fn root<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        py_bytes(py, self.0.root.as_slice())
    }

    /// The 109-byte preimage of the digest: `"exectable.table-commitment.v1" ‖ u64be(E) ‖ u64be(L)
    /// ‖ sharedPublicInput ‖ root`.
    fn preimage<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        py_bytes(py, &self.0.preimage())
    }

    /// Checks this record against `batch` (forms as for `commit`): `ProofError` 410 naming every
    /// field that differs.
    #[pyo3(signature = (batch, *, blob_hashes=None, blob_versioned_hashes=None))]
    fn check_batch(
        &self,
        batch: &Bound<'_, PyAny>,
        blob_hashes: Option<&Bound<'_, PyAny>>,
        blob_versioned_hashes: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let py = batch.py();
        let (batch, embedded) = batch_arg(batch)?;
        let blobs = blob_arg(py, blob_hashes, blob_versioned_hashes)?.or(embedded).unwrap_or_default();
        detached(py, || self.0.check_batch(&batch, &blobs))
    }

    /// Verifies `proof` (an `InclusionProof`, bytes, hex or JSON) for `items` against this record.
    fn verify(&self, proof: &Bound<'_, PyAny>, items: &Bound<'_, PyAny>) -> PyResult<PyVerifiedInclusion> {
        let py = proof.py();
        let proof = proof_arg(proof)?;
        let items = items_arg(items)?;
        let expected = ExpectedCommitment::Record(self.0);
        detached(py, || proof.verify(&expected, &items)).map(PyVerifiedInclusion)
    }

    /// The record JSON `{"commitment", "entryCount", "lookupCount", "sharedPublicInput", "root"}`
    /// (what `exectable commit --json` prints).
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    /// Reads the record from JSON text or a dict; a `commitment` that is not the digest of the
    /// other fields is `ProofError` 409.
    #[staticmethod]
    fn from_json(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        let json = json_doc(value, "commitment")?;
        TableCommitment::from_json_at(&json, &Path::Root("commitment")).map(Self).map_err(|e| py_err(value.py(), e))
    }

    /// `{"commitment", "entryCount", "lookupCount", "sharedPublicInput", "root"}` with bytes and ints.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        commitment_dict(py, &self.0)
    }

    fn __hash__(&self) -> u64 {
        let d = self.0.digest();
        u64::from_be_bytes(d.0[..8].try_into().unwrap_or_default())
    }

    fn __repr__(&self) -> String {
        format!(
            "TableCommitment(commitment={}, entryCount={}, lookupCount={}, sharedPublicInput={}, root={})",
            self.0.digest(),
            self.0.entry_count,
            self.0.lookup_count,
            self.0.shared_public_input,
            self.0.root
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = slf.py().get_type::<Self>().getattr("from_json")?;
        Ok((from_json, (slf.get().to_json(None),)))
    }
}

fn commitment_dict<'py>(py: Python<'py>, c: &TableCommitment) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("commitment", py_bytes(py, c.digest().as_slice()))?;
    out.set_item("entryCount", c.entry_count)?;
    out.set_item("lookupCount", c.lookup_count)?;
    out.set_item("sharedPublicInput", py_bytes(py, c.shared_public_input.as_slice()))?;
    out.set_item("root", py_bytes(py, c.root.as_slice()))?;
    Ok(out)
}

/// A committed table: the record, the item hashes (entries then lookup calls) and the Merkle
/// tree; makes single and multi inclusion proofs.
#[pyclass(frozen, module = "exectable.commit", name = "CommittedTable")]
pub struct PyCommittedTable(pub CommittedTable);

#[pymethods]
#[allow(non_snake_case)]
impl PyCommittedTable {
    /// Commits to `batch` (as `commit`).
    #[staticmethod]
    #[pyo3(signature = (batch, *, blob_hashes=None, blob_versioned_hashes=None))]
    fn from_batch(
        batch: &Bound<'_, PyAny>,
        blob_hashes: Option<&Bound<'_, PyAny>>,
        blob_versioned_hashes: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        committed(batch, blob_hashes, blob_versioned_hashes).map(Self)
    }

    /// Commits to a table given by its entry hashes, lookup-call hashes and `sharedPublicInput`.
    #[staticmethod]
    fn from_hashes(
        entry_hashes: &Bound<'_, PyAny>,
        lookup_call_hashes: &Bound<'_, PyAny>,
        shared_public_input: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let py = entry_hashes.py();
        let entries: Vec<B256> = Vec::from_py(entry_hashes, &Path::Root("entryHashes"))?;
        let lookups: Vec<B256> = Vec::from_py(lookup_call_hashes, &Path::Root("lookupCallHashes"))?;
        let shared = B256::from_py(shared_public_input, &Path::Root("sharedPublicInput"))?;
        Ok(Self(py.detach(|| CommittedTable::from_hashes(&entries, &lookups, shared))))
    }

    /// The published record.
    #[getter]
    fn commitment(&self) -> PyTableCommitment {
        PyTableCommitment(self.0.commitment)
    }

    /// The 32-byte commitment digest.
    #[getter]
    fn digest<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        py_bytes(py, self.0.digest().as_slice())
    }

    /// The Merkle root.
    #[getter]
    fn root<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        py_bytes(py, self.0.commitment.root.as_slice())
    }

    /// `E`, the number of entries.
    #[getter]
    fn entryCount(&self) -> u64 {
        self.0.commitment.entry_count
    }

    /// `L`, the number of lookup calls.
    #[getter]
    fn lookupCount(&self) -> u64 {
        self.0.commitment.lookup_count
    }

    /// The batch's `sharedPublicInput`.
    #[getter]
    fn sharedPublicInput<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        py_bytes(py, self.0.commitment.shared_public_input.as_slice())
    }

    /// Every leaf's item hash: entry hashes, then lookup-call hashes.
    #[getter]
    fn itemHashes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        hash_list(py, &self.0.item_hashes)
    }

    /// The entry hashes (the first `E` leaves' items).
    #[getter]
    fn entryHashes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        hash_list(py, &self.0.item_hashes[..self.entry_split()])
    }

    /// The lookup-call hashes (the last `L` leaves' items).
    #[getter]
    fn lookupCallHashes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        hash_list(py, &self.0.item_hashes[self.entry_split()..])
    }

    /// The number of leaves, `E + L`.
    fn __len__(&self) -> usize {
        self.0.item_hashes.len()
    }

    /// Every level of the tree, leaf nodes first, the root last.
    fn levels<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let levels = py.detach(|| self.0.tree.levels());
        PyList::new(py, levels.iter().map(|l| hash_list(py, l)).collect::<PyResult<Vec<_>>>()?)
    }

    /// The item hash of the leaf at flat `index` (entries `0..E`, lookup calls `E..E+L`).
    fn item_hash<'py>(&self, py: Python<'py>, index: u64) -> PyResult<Bound<'py, PyAny>> {
        let hash = self.0.item_hash(index).ok_or_else(|| {
            py_err(
                py,
                Error::invalid("index", format!("leaf {index} does not exist ({} leaves)", self.0.item_hashes.len())),
            )
        })?;
        Ok(py_bytes(py, hash.as_slice()))
    }

    /// The index of the first entry whose entry hash is `entry_hash`, or `None`.
    fn find_entry(&self, entry_hash: &Bound<'_, PyAny>) -> PyResult<Option<u64>> {
        let h = B256::from_py(entry_hash, &Path::Root("entryHash"))?;
        Ok(self.0.find_entry(&h).and_then(|l| match l {
            Leaf::Entry(i) => Some(i),
            Leaf::LookupCall(_) => None,
        }))
    }

    /// The index of the first lookup call whose lookup-call hash is `lookup_call_hash`, or `None`.
    fn find_lookup_call(&self, lookup_call_hash: &Bound<'_, PyAny>) -> PyResult<Option<u64>> {
        let h = B256::from_py(lookup_call_hash, &Path::Root("lookupCallHash"))?;
        Ok(self.0.find_lookup_call(&h).and_then(|l| match l {
            Leaf::LookupCall(j) => Some(j),
            Leaf::Entry(_) => None,
        }))
    }

    /// A single or multi inclusion proof for the leaves named by any of: `entries` (indices into
    /// `entries`), `lookup_calls` (indices into `l1ToL2lookupCalls`), `entry_hashes`,
    /// `lookup_call_hashes` (the first item with that hash), `leaves` (`{"entry": i}` /
    /// `{"lookupCall": j}`). A leaf the table lacks or one named twice is an `ArgumentError`.
    #[pyo3(signature = (*, entries=None, lookup_calls=None, entry_hashes=None, lookup_call_hashes=None, leaves=None))]
    fn prove(
        &self,
        py: Python<'_>,
        entries: Option<&Bound<'_, PyAny>>,
        lookup_calls: Option<&Bound<'_, PyAny>>,
        entry_hashes: Option<&Bound<'_, PyAny>>,
        lookup_call_hashes: Option<&Bound<'_, PyAny>>,
        leaves: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyInclusionProof> {
        let leaves = leaves_arg(py, &self.0, entries, lookup_calls, entry_hashes, lookup_call_hashes, leaves)?;
        detached(py, || self.0.prove(&leaves)).map(PyInclusionProof)
    }

    /// A proof for the leaves at flat `indices` (strictly ascending, each below `E + L`).
    fn prove_indices(&self, py: Python<'_>, indices: &Bound<'_, PyAny>) -> PyResult<PyInclusionProof> {
        let indices = u64_list(indices, &Path::Root("indices"))?;
        detached(py, || self.0.prove_indices(&indices)).map(PyInclusionProof)
    }

    /// The commitment record JSON (`exectable commit --json`).
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.commitment.to_json(), indent)
    }

    /// The record as a dict (bytes and ints), as `TableCommitment.to_dict`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        commitment_dict(py, &self.0.commitment)
    }

    fn __repr__(&self) -> String {
        let c = &self.0.commitment;
        format!(
            "CommittedTable(commitment={}, entryCount={}, lookupCount={}, root={})",
            c.digest(),
            c.entry_count,
            c.lookup_count,
            c.root
        )
    }
}

impl PyCommittedTable {
    fn entry_split(&self) -> usize {
        usize::try_from(self.0.commitment.entry_count).unwrap_or(usize::MAX).min(self.0.item_hashes.len())
    }
}

/// An inclusion proof (one leaf or several) with the commitment record it belongs to. Binary form
/// `to_bytes()` (`89 + 8k + 32s` bytes), JSON form `to_json()` (`exectable-inclusion-proof/v1`).
#[pyclass(frozen, eq, module = "exectable.commit", name = "InclusionProof")]
#[derive(Clone, PartialEq)]
pub struct PyInclusionProof(pub InclusionProof);

#[pymethods]
#[allow(non_snake_case)]
impl PyInclusionProof {
    /// The JSON `format` of every proof: `exectable-inclusion-proof/v1`.
    #[classattr]
    const FORMAT: &'static str = PROOF_FORMAT;

    /// The commitment record the proof belongs to.
    #[getter]
    fn tableCommitment(&self) -> PyTableCommitment {
        PyTableCommitment(self.0.commitment)
    }

    /// The 32-byte digest of that record.
    #[getter]
    fn commitment<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        py_bytes(py, self.0.commitment.digest().as_slice())
    }

    /// The proven leaves' flat indices, ascending (entries `0..E`, lookup calls `E..E+L`).
    #[getter]
    fn indices(&self) -> Vec<u64> {
        self.0.indices.clone()
    }

    /// The proven leaves as `{"entry": i}` / `{"lookupCall": j}`.
    #[getter]
    fn leaves<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let e = self.0.commitment.entry_count;
        leaves_list(py, &self.0.indices.iter().map(|i| Leaf::at(*i, e)).collect::<Vec<_>>())
    }

    /// The sibling nodes, level by level from the leaves up.
    #[getter]
    fn siblings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        hash_list(py, &self.0.siblings)
    }

    /// Verifies the proof for `items` (one per proven leaf, in ascending leaf order: entries,
    /// lookup calls, 32-byte hashes, tagged dicts) against `commitment` (the trusted digest, or a
    /// record); `ProofError` 401–409 when it does not hold.
    fn verify(&self, commitment: &Bound<'_, PyAny>, items: &Bound<'_, PyAny>) -> PyResult<PyVerifiedInclusion> {
        verify_proof(commitment.py(), &self.0, commitment, items)
    }

    /// The binary encoding: version 1, the record, `k`, `s`, the indices, the siblings.
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let bytes = self.0.encode().map_err(|e| py_err(py, e))?;
        Ok(py_bytes(py, &bytes))
    }

    fn __bytes__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.to_bytes(py)
    }

    /// Decodes the binary encoding (bytes or `0x`-hex): `ProofError` 405 (truncated), 406
    /// (over-long), 409 (version).
    #[staticmethod]
    fn from_bytes(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let bytes = input_bytes(data, "proof")?;
        detached(data.py(), || InclusionProof::decode(&bytes)).map(Self)
    }

    /// The JSON form `{"format", "tableCommitment", "indices", "siblings"}`.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    /// Reads the JSON form (text or dict): a wrong `format` or an inconsistent record is 409.
    #[staticmethod]
    fn from_json(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        let json = json_doc(value, "proof")?;
        InclusionProof::from_json_at(&json, &Path::Root("proof")).map(Self).map_err(|e| py_err(value.py(), e))
    }

    /// `{"format", "tableCommitment": {…}, "indices": [int], "siblings": [bytes]}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        out.set_item("format", PROOF_FORMAT)?;
        out.set_item("tableCommitment", commitment_dict(py, &self.0.commitment)?)?;
        out.set_item("indices", self.indices())?;
        out.set_item("siblings", self.siblings(py)?)?;
        Ok(out)
    }

    fn __repr__(&self) -> String {
        format!(
            "InclusionProof(commitment={}, indices={:?}, siblings={})",
            self.0.commitment.digest(),
            self.0.indices,
            self.0.siblings.len()
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        let py = slf.py();
        let from_bytes = py.get_type::<Self>().getattr("from_bytes")?;
        Ok((from_bytes, (slf.get().to_bytes(py)?,)))
    }
}

/// A proof that verified: the commitment digest and the leaves the items are.
#[pyclass(frozen, module = "exectable.commit", name = "VerifiedInclusion")]
pub struct PyVerifiedInclusion(pub VerifiedInclusion);

#[pymethods]
impl PyVerifiedInclusion {
    /// Always `True` (a failed verification raises).
    #[getter]
    fn valid(&self) -> bool {
        true
    }

    /// The 32-byte commitment digest.
    #[getter]
    fn commitment<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        py_bytes(py, self.0.commitment.as_slice())
    }

    /// The leaves, one per item in order: `{"entry": i}` / `{"lookupCall": j}`.
    #[getter]
    fn leaves<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        leaves_list(py, &self.0.leaves)
    }

    fn __bool__(&self) -> bool {
        true
    }

    /// `{"valid": true, "commitment", "leaves": [{"entry": "0x3"}, …]}` (`verify proof --json`).
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    /// `{"valid": True, "commitment": bytes, "leaves": [{"entry": int} | {"lookupCall": int}]}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        out.set_item("valid", true)?;
        out.set_item("commitment", self.commitment(py))?;
        out.set_item("leaves", self.leaves(py)?)?;
        Ok(out)
    }

    fn __repr__(&self) -> String {
        let leaves: Vec<String> = self.0.leaves.iter().map(Leaf::to_string).collect();
        format!("VerifiedInclusion(commitment={}, leaves=[{}])", self.0.commitment, leaves.join(", "))
    }
}

/// The table commitment of `batch` (`exectable commit`): a `ProofSystemBatchPerVerificationEntries`
/// object or dict, a `ManagerCall`, `postAndVerifyBatch` calldata (bytes or `0x`-hex), or JSON text
/// (batch, call, or `{"batch", "blobHashes"}`). `blob_hashes` (one per `blobIndices`) or
/// `blob_versioned_hashes` are needed only when the batch has `blobIndices`.
#[pyfunction]
#[pyo3(signature = (batch, *, blob_hashes=None, blob_versioned_hashes=None))]
fn commit_batch(
    batch: &Bound<'_, PyAny>,
    blob_hashes: Option<&Bound<'_, PyAny>>,
    blob_versioned_hashes: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyCommittedTable> {
    PyCommittedTable::from_batch(batch, blob_hashes, blob_versioned_hashes)
}

/// Checks `commitment` (a 32-byte digest, or a record) against `batch` (`exectable commit
/// --check`): returns the batch's own record when it matches, else `ProofError` 410 naming what
/// differs.
#[pyfunction]
#[pyo3(signature = (batch, commitment, *, blob_hashes=None, blob_versioned_hashes=None))]
fn check_commitment(
    batch: &Bound<'_, PyAny>,
    commitment: &Bound<'_, PyAny>,
    blob_hashes: Option<&Bound<'_, PyAny>>,
    blob_versioned_hashes: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyTableCommitment> {
    let py = batch.py();
    let claim = expected_arg(commitment)?;
    let (batch, embedded) = batch_arg(batch)?;
    let blobs = blob_arg(py, blob_hashes, blob_versioned_hashes)?.or(embedded).unwrap_or_default();
    detached(py, || match claim {
        ExpectedCommitment::Digest(digest) => {
            TableCommitment::check_digest(digest, &batch, &blobs)?;
            TableCommitment::of_batch(&batch, &blobs)
        }
        ExpectedCommitment::Record(record) => record.check_batch(&batch, &blobs).map(|()| record),
    })
    .map(PyTableCommitment)
}

/// An inclusion proof for leaves of `batch` (`exectable prove`): the batch as for `commit_batch`,
/// the leaves as for `CommittedTable.prove`.
#[pyfunction]
#[pyo3(signature = (
    batch, *, entries=None, lookup_calls=None, entry_hashes=None, lookup_call_hashes=None, leaves=None,
    blob_hashes=None, blob_versioned_hashes=None
))]
#[allow(clippy::too_many_arguments)]
fn prove_batch(
    batch: &Bound<'_, PyAny>,
    entries: Option<&Bound<'_, PyAny>>,
    lookup_calls: Option<&Bound<'_, PyAny>>,
    entry_hashes: Option<&Bound<'_, PyAny>>,
    lookup_call_hashes: Option<&Bound<'_, PyAny>>,
    leaves: Option<&Bound<'_, PyAny>>,
    blob_hashes: Option<&Bound<'_, PyAny>>,
    blob_versioned_hashes: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyInclusionProof> {
    let table = PyCommittedTable::from_batch(batch, blob_hashes, blob_versioned_hashes)?;
    table.prove(batch.py(), entries, lookup_calls, entry_hashes, lookup_call_hashes, leaves)
}

/// Verifies an inclusion proof (`exectable verify proof`): `proof` as an `InclusionProof`, binary
/// (bytes or `0x`-hex) or JSON (text or dict); `commitment` the trusted 32-byte digest or the
/// record; `items` one per proven leaf in ascending leaf order. `ProofError` 401–409 otherwise.
#[pyfunction]
fn verify_inclusion(
    proof: &Bound<'_, PyAny>,
    commitment: &Bound<'_, PyAny>,
    items: &Bound<'_, PyAny>,
) -> PyResult<PyVerifiedInclusion> {
    let proof = proof_arg(proof)?;
    verify_proof(commitment.py(), &proof, commitment, items)
}

// ---------------------------------------------------------------------------------------------
// exectable.membership: dicts of the report parts (bytes and ints, keys as core's JSON).

fn placement_dict<'py>(py: Python<'py>, p: &Placement) -> PyResult<Bound<'py, PyDict>> {
    let inner = PyDict::new(py);
    let out = PyDict::new(py);
    match p {
        Placement::Transient { transient_index } => {
            inner.set_item("index", *transient_index)?;
            out.set_item("transient", inner)?;
        }
        Placement::Queued { rollup_id, queue_index } => {
            inner.set_item("rollupId", rollup_id.to_py(py)?)?;
            inner.set_item("queueIndex", *queue_index)?;
            out.set_item("queued", inner)?;
        }
    }
    Ok(out)
}

fn log_ref_dict<'py>(py: Python<'py>, r: Option<&LogRef>) -> PyResult<Option<Bound<'py, PyDict>>> {
    let Some(r) = r else { return Ok(None) };
    let out = PyDict::new(py);
    out.set_item("receipt", r.receipt_name())?;
    out.set_item("log", r.log)?;
    Ok(Some(out))
}

fn consumption_dict<'py>(py: Python<'py>, c: &Consumption) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("via", c.via.name())?;
    out.set_item("indexSpace", c.index_space.name())?;
    out.set_item("index", c.index.to_py(py)?)?;
    out.set_item("rollupId", c.rollup_id.map(|r| r.to_py(py)).transpose()?)?;
    out.set_item("crossChainCallHash", opt_bytes(py, c.cross_chain_call_hash.as_ref().map(|h| h.as_slice())))?;
    out.set_item("l2TxExecutedAt", log_ref_dict(py, c.l2tx_executed_at.as_ref())?)?;
    out.set_item("consumedAt", log_ref_dict(py, c.consumed_at.as_ref())?)?;
    out.set_item("executedAt", log_ref_dict(py, Some(&c.executed_at))?)?;
    out.set_item("rollingHash", py_bytes(py, c.rolling_hash.as_slice()))?;
    out.set_item("l2ToL1CallsProcessed", c.l2_to_l1_calls_processed.to_py(py)?)?;
    out.set_item("l1ToL2CallsConsumed", c.l1_to_l2_calls_consumed.to_py(py)?)?;
    let updates = PyList::empty(py);
    for (rollup, state) in &c.state_updates {
        let u = PyDict::new(py);
        u.set_item("rollupId", rollup.to_py(py)?)?;
        u.set_item("newState", py_bytes(py, state.as_slice()))?;
        updates.append(u)?;
    }
    out.set_item("stateUpdates", updates)?;
    Ok(out)
}

/// The skip; `error` is the decoded protocol error's JSON (as parsed JSON) or `{"undecodable": reason}`.
fn skip_dict<'py>(py: Python<'py>, s: &Skip) -> PyResult<Bound<'py, PyDict>> {
    let json = s.to_json();
    let out = PyDict::new(py);
    out.set_item("transientIndex", s.transient_index)?;
    out.set_item("revertData", py_bytes(py, &s.revert_data))?;
    out.set_item("errorName", s.error.as_ref().ok().map(|e| e.name()))?;
    out.set_item("error", json_to_py(py, &json["error"])?)?;
    out.set_item("at", log_ref_dict(py, Some(&s.at))?)?;
    Ok(out)
}

fn evidence_dict<'py>(py: Python<'py>, e: &EntryEvidence) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("index", e.index)?;
    out.set_item("hash", py_bytes(py, e.hash.as_slice()))?;
    out.set_item("placement", placement_dict(py, &e.placement)?)?;
    out.set_item("immediate", e.immediate)?;
    out.set_item("fate", e.fate_name())?;
    match &e.fate {
        EntryFate::Consumed(c) => out.set_item("consumption", consumption_dict(py, c)?)?,
        EntryFate::Skipped(s) => out.set_item("skip", skip_dict(py, s)?)?,
        EntryFate::NoEvidence => {}
    }
    Ok(out)
}

/// `event` is the decoded event's JSON (as parsed JSON), or `None`.
fn unattributed_dict<'py>(py: Python<'py>, u: &UnattributedLog) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("at", log_ref_dict(py, Some(&u.at))?)?;
    out.set_item("event", u.event.as_ref().map(|e| json_to_py(py, &e.to_json())).transpose()?)?;
    out.set_item("reason", &u.reason)?;
    Ok(out)
}

fn match_dict<'py>(py: Python<'py>, m: &MembershipMatch) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("kind", m.kind.name())?;
    out.set_item("index", m.index)?;
    out.set_item("hash", py_bytes(py, m.hash.as_slice()))?;
    let trigger = match m.kind {
        ItemKind::Entry => "proxyEntryHash",
        ItemKind::LookupCall => "crossChainCallHash",
    };
    out.set_item(trigger, py_bytes(py, m.trigger.as_slice()))?;
    out.set_item("destinationRollupId", m.destination_rollup_id.to_py(py)?)?;
    out.set_item("placement", placement_dict(py, &m.placement)?)?;
    out.set_item("immediate", m.immediate)?;
    Ok(out)
}

fn shared_dict<'py>(py: Python<'py>, s: &SharedPublicInputStatus) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    match s {
        SharedPublicInputStatus::Computed { blob_hashes, value } => {
            out.set_item("computed", true)?;
            out.set_item("value", py_bytes(py, value.as_slice()))?;
            out.set_item("blobHashes", hash_list(py, blob_hashes)?)?;
        }
        SharedPublicInputStatus::NotComputed { reason } => {
            out.set_item("computed", false)?;
            out.set_item("reason", reason)?;
        }
    }
    Ok(out)
}

fn posted_dict<'py>(py: Python<'py>, p: &PostedBatch) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("manager", py_bytes(py, p.manager.as_slice()))?;
    out.set_item("transactionHash", opt_bytes(py, p.transaction_hash.as_ref().map(|h| h.as_slice())))?;
    out.set_item("blockNumber", p.block_number)?;
    out.set_item("blockHash", opt_bytes(py, p.block_hash.as_ref().map(|h| h.as_slice())))?;
    out.set_item("receiptTo", opt_bytes(py, p.receipt_to.as_ref().map(|a| a.as_slice())))?;
    out.set_item("postedDirectly", p.posted_directly())?;
    out.set_item("rollupCount", p.rollup_count())?;
    out.set_item("rollupIds", rollup_ids(py, p)?)?;
    out.set_item("batchPostedLog", p.batch_posted_log)?;
    out.set_item("batchPostedLogs", p.batch_posted_logs)?;
    out.set_item("transientExecutionEntryCount", p.batch.transientExecutionEntryCount.to_py(py)?)?;
    out.set_item("transientLookupCallCount", p.batch.transientLookupCallCount.to_py(py)?)?;
    out.set_item("immediateRun", p.immediate_run)?;
    out.set_item("entryHashes", hash_list(py, &p.overview.entry_hashes())?)?;
    out.set_item("lookupCallHashes", hash_list(py, &p.overview.lookup_call_hashes())?)?;
    out.set_item("callDataHash", py_bytes(py, p.call_data_hash.as_slice()))?;
    out.set_item("sharedPublicInput", shared_dict(py, &p.shared_public_input)?)?;
    Ok(out)
}

fn rollup_ids<'py>(py: Python<'py>, p: &PostedBatch) -> PyResult<Bound<'py, PyList>> {
    PyList::new(
        py,
        p.batch.rollupIdsWithProofSystems.iter().map(|r| r.rollupId.to_py(py)).collect::<PyResult<Vec<_>>>()?,
    )
}

fn query_py<'py>(py: Python<'py>, q: &ItemQuery, plain: bool) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    let value = match q {
        ItemQuery::Entry(e) if plain => e.to_plain(py)?,
        ItemQuery::Entry(e) => e.to_py(py)?,
        ItemQuery::LookupCall(l) if plain => l.to_plain(py)?,
        ItemQuery::LookupCall(l) => l.to_py(py)?,
        ItemQuery::EntryHash(h)
        | ItemQuery::LookupCallHash(h)
        | ItemQuery::ProxyEntryHash(h)
        | ItemQuery::CrossChainCallHash(h) => py_bytes(py, h.as_slice()),
    };
    out.set_item(q.form(), value)?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// exectable.membership: classes.

/// A batch the L1 manager accepted, with what the posting transaction shows about it (the
/// `batch` member of the membership report). Attributes use the JSON names.
#[pyclass(frozen, module = "exectable.membership", name = "PostedBatch")]
pub struct PyPostedBatch(pub PostedBatch);

#[pymethods]
#[allow(non_snake_case)]
impl PyPostedBatch {
    /// The L1 manager (EEZ) address the logs were checked against.
    #[getter]
    fn manager<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        py_bytes(py, self.0.manager.as_slice())
    }

    /// The decoded batch (`l1.ProofSystemBatchPerVerificationEntries`).
    #[getter]
    fn batch<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.batch.to_py(py)
    }

    /// The receipt's `transactionHash`, or `None`.
    #[getter]
    fn transactionHash<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyAny>> {
        opt_bytes(py, self.0.transaction_hash.as_ref().map(|h| h.as_slice()))
    }

    /// The receipt's `blockNumber`, or `None`.
    #[getter]
    fn blockNumber(&self) -> Option<u64> {
        self.0.block_number
    }

    /// The receipt's `blockHash`, or `None`.
    #[getter]
    fn blockHash<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyAny>> {
        opt_bytes(py, self.0.block_hash.as_ref().map(|h| h.as_slice()))
    }

    /// The receipt's `to` (the manager, or a batcher contract), or `None`.
    #[getter]
    fn receiptTo<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyAny>> {
        opt_bytes(py, self.0.receipt_to.as_ref().map(|a| a.as_slice()))
    }

    /// Whether the transaction called the manager itself (`None`: the receipt names no `to`).
    #[getter]
    fn postedDirectly(&self) -> Option<bool> {
        self.0.posted_directly()
    }

    /// `BatchPosted.rollupCount`: the number of rollups the batch verified.
    #[getter]
    fn rollupCount(&self) -> usize {
        self.0.rollup_count()
    }

    /// The rollup ids of `rollupIdsWithProofSystems`.
    #[getter]
    fn rollupIds<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        rollup_ids(py, &self.0)
    }

    /// Position of this batch's `BatchPosted` log in the receipt's `logs`.
    #[getter]
    fn batchPostedLog(&self) -> usize {
        self.0.batch_posted_log
    }

    /// How many `BatchPosted` logs the manager emitted in the transaction.
    #[getter]
    fn batchPostedLogs(&self) -> usize {
        self.0.batch_posted_logs
    }

    /// The leading transient entries with `proxyEntryHash == 0` that `postAndVerifyBatch` runs itself.
    #[getter]
    fn immediateRun(&self) -> usize {
        self.0.immediate_run
    }

    /// Every entry hash, recomputed.
    #[getter]
    fn entryHashes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        hash_list(py, &self.0.overview.entry_hashes())
    }

    /// Every top-level lookup-call hash, recomputed.
    #[getter]
    fn lookupCallHashes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        hash_list(py, &self.0.overview.lookup_call_hashes())
    }

    /// `keccak256(batch.callData)`.
    #[getter]
    fn callDataHash<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        py_bytes(py, self.0.call_data_hash.as_slice())
    }

    /// `sharedPublicInput` (spec §4.5), or `None` when it was not computed (the batch has
    /// `blobIndices` and no blob hashes were given; `sharedPublicInputReason` says so).
    #[getter]
    fn sharedPublicInput<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyAny>> {
        opt_bytes(py, self.0.shared_public_input.value().as_ref().map(|v| v.as_slice()))
    }

    /// The blob hashes `sharedPublicInput` was computed with, or `None`.
    #[getter]
    fn blobHashes<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyList>>> {
        match &self.0.shared_public_input {
            SharedPublicInputStatus::Computed { blob_hashes, .. } => hash_list(py, blob_hashes).map(Some),
            SharedPublicInputStatus::NotComputed { .. } => Ok(None),
        }
    }

    /// Why `sharedPublicInput` was not computed, or `None` when it was.
    #[getter]
    fn sharedPublicInputReason(&self) -> Option<String> {
        match &self.0.shared_public_input {
            SharedPublicInputStatus::NotComputed { reason } => Some(reason.clone()),
            SharedPublicInputStatus::Computed { .. } => None,
        }
    }

    /// The summary JSON (the batch itself left out), as in the membership report.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    /// The summary as a dict with bytes and ints, keys as `to_json`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        posted_dict(py, &self.0)
    }

    fn __repr__(&self) -> String {
        let p = &self.0;
        format!(
            "PostedBatch(manager={}, transactionHash={}, entries={}, lookupCalls={}, rollupCount={})",
            p.manager,
            p.transaction_hash.map_or_else(|| "None".to_owned(), |h| h.to_string()),
            p.batch.entries.len(),
            p.batch.l1ToL2lookupCalls.len(),
            p.rollup_count()
        )
    }
}

/// What the receipts show about one entry of the batch: consumed, skipped, or no evidence.
#[pyclass(frozen, module = "exectable.membership", name = "EntryEvidence")]
pub struct PyEntryEvidence(pub EntryEvidence);

#[pymethods]
impl PyEntryEvidence {
    /// Index in `batch.entries`.
    #[getter]
    fn index(&self) -> usize {
        self.0.index
    }

    /// Its entry hash.
    #[getter]
    fn hash<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        py_bytes(py, self.0.hash.as_slice())
    }

    /// `{"transient": {"index"}}` or `{"queued": {"rollupId", "queueIndex"}}`.
    #[getter]
    fn placement<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        placement_dict(py, &self.0.placement)
    }

    /// In the leading immediate run.
    #[getter]
    fn immediate(&self) -> bool {
        self.0.immediate
    }

    /// `consumed`, `skipped` or `noEvidence`.
    #[getter]
    fn fate(&self) -> &'static str {
        self.0.fate_name()
    }

    /// How it was consumed (`via`, `indexSpace`, `index`, `rollupId`, `crossChainCallHash`, the
    /// log positions, `rollingHash`, counters, `stateUpdates`), or `None`.
    #[getter]
    fn consumption<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        match &self.0.fate {
            EntryFate::Consumed(c) => consumption_dict(py, c).map(Some),
            _ => Ok(None),
        }
    }

    /// The `ImmediateEntrySkipped` evidence (`transientIndex`, `revertData`, `errorName`, `error`,
    /// `at`), or `None`.
    #[getter]
    fn skip<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        match &self.0.fate {
            EntryFate::Skipped(s) => skip_dict(py, s).map(Some),
            _ => Ok(None),
        }
    }

    /// Why an entry without evidence has none (`None` for the others).
    #[getter]
    fn note(&self) -> Option<&'static str> {
        matches!(self.0.fate, EntryFate::NoEvidence).then(|| self.0.no_evidence_note())
    }

    /// `{"index", "hash", "placement", "immediate", "fate"}` plus `"consumption"` or `"skip"`.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    /// As `to_json`, with bytes and ints.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        evidence_dict(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!("EntryEvidence(index={}, hash={}, fate={:?})", self.0.index, self.0.hash, self.0.fate_name())
    }
}

/// The fate of every entry of a posted batch, from the manager's logs in the posting receipt and
/// later receipts of the same block.
#[pyclass(frozen, module = "exectable.membership", name = "ConsumptionReport")]
pub struct PyConsumptionReport(pub ConsumptionReport);

#[pymethods]
#[allow(non_snake_case)]
impl PyConsumptionReport {
    /// One `EntryEvidence` per entry, in batch order.
    #[getter]
    fn entries(&self) -> Vec<PyEntryEvidence> {
        self.0.entries.iter().cloned().map(PyEntryEvidence).collect()
    }

    /// Manager logs not attributed to this batch: `{"at", "event", "reason"}`.
    #[getter]
    fn unattributed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.0.unattributed.iter().map(|u| unattributed_dict(py, u)).collect::<PyResult<Vec<_>>>()?)
    }

    /// The manager's next `BatchPosted` (`{"receipt", "log"}`), from which logs were not read; or `None`.
    #[getter]
    fn supersededAt<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        log_ref_dict(py, self.0.superseded_at.as_ref())
    }

    /// The number of later receipts read.
    #[getter]
    fn laterReceipts(&self) -> usize {
        self.0.later_receipts
    }

    /// The evidence of entry `index`.
    fn entry(&self, py: Python<'_>, index: usize) -> PyResult<PyEntryEvidence> {
        self.0.entry(index).cloned().map(PyEntryEvidence).ok_or_else(|| {
            py_err(
                py,
                Error::invalid("index", format!("entry {index} does not exist ({} entries)", self.0.entries.len())),
            )
        })
    }

    /// `{"entries", "unattributed", "supersededAt", "laterReceipts"}`.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    /// As `to_json`, with bytes and ints.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        let entries = self.0.entries.iter().map(|e| evidence_dict(py, e)).collect::<PyResult<Vec<_>>>()?;
        out.set_item("entries", entries)?;
        out.set_item("unattributed", self.unattributed(py)?)?;
        out.set_item("supersededAt", self.supersededAt(py)?)?;
        out.set_item("laterReceipts", self.0.later_receipts)?;
        Ok(out)
    }

    fn __repr__(&self) -> String {
        let count = |fate: &str| self.0.entries.iter().filter(|e| e.fate_name() == fate).count();
        format!(
            "ConsumptionReport(entries={}, consumed={}, skipped={}, noEvidence={}, unattributed={})",
            self.0.entries.len(),
            count("consumed"),
            count("skipped"),
            count("noEvidence"),
            self.0.unattributed.len()
        )
    }
}

/// One item of the batch that matches the query, with the evidence of its fate.
#[pyclass(frozen, module = "exectable.membership", name = "MembershipMatch")]
pub struct PyMembershipMatch {
    item: MembershipMatch,
    evidence: Option<EntryEvidence>,
}

#[pymethods]
#[allow(non_snake_case)]
impl PyMembershipMatch {
    /// `entry` or `lookupCall`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.item.kind.name()
    }

    /// Index in `batch.entries` / `batch.l1ToL2lookupCalls`.
    #[getter]
    fn index(&self) -> usize {
        self.item.index
    }

    /// Its entry / lookup-call hash.
    #[getter]
    fn hash<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        py_bytes(py, self.item.hash.as_slice())
    }

    /// The entry's `proxyEntryHash` (`None` for lookup calls).
    #[getter]
    fn proxyEntryHash<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyAny>> {
        (self.item.kind == ItemKind::Entry).then(|| py_bytes(py, self.item.trigger.as_slice()))
    }

    /// The lookup call's `crossChainCallHash` (`None` for entries).
    #[getter]
    fn crossChainCallHash<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyAny>> {
        (self.item.kind == ItemKind::LookupCall).then(|| py_bytes(py, self.item.trigger.as_slice()))
    }

    /// `destinationRollupId`.
    #[getter]
    fn destinationRollupId<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.item.destination_rollup_id.to_py(py)
    }

    /// `{"transient": {"index"}}` or `{"queued": {"rollupId", "queueIndex"}}`.
    #[getter]
    fn placement<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        placement_dict(py, &self.item.placement)
    }

    /// Executed (or skipped) inside `postAndVerifyBatch` itself.
    #[getter]
    fn immediate(&self) -> bool {
        self.item.immediate
    }

    /// The entry's `EntryEvidence` (`None` for lookup calls: they leave no log).
    #[getter]
    fn evidence(&self) -> Option<PyEntryEvidence> {
        self.evidence.clone().map(PyEntryEvidence)
    }

    /// `{"kind", "index", "hash", "proxyEntryHash" | "crossChainCallHash", "destinationRollupId",
    /// "placement", "immediate"}` (the evidence is separate).
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.item.to_json(), indent)
    }

    /// As `to_json`, with bytes and ints.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        match_dict(py, &self.item)
    }

    fn __repr__(&self) -> String {
        format!("MembershipMatch(kind={:?}, index={}, hash={})", self.item.kind.name(), self.item.index, self.item.hash)
    }
}

/// A confirmed batch membership (`exectable verify membership`): the verified posting, the
/// matches with their placement and evidence, and the consumption report.
#[pyclass(frozen, module = "exectable.membership", name = "MembershipReport")]
pub struct PyMembershipReport(pub MembershipReport);

#[pymethods]
#[allow(non_snake_case)]
impl PyMembershipReport {
    /// Always `True` (a false claim raises `MembershipError`).
    #[getter]
    fn valid(&self) -> bool {
        true
    }

    /// The verified posting.
    #[getter]
    fn batch(&self) -> PyPostedBatch {
        PyPostedBatch(self.0.posted.clone())
    }

    /// The query as `{form: value}` (`{"entryHash": bytes}`, `{"entry": l1.ExecutionEntry}`, …).
    #[getter]
    fn query<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        query_py(py, &self.0.query, false)
    }

    /// Every matching item (at least one), with its evidence.
    #[getter]
    fn matches(&self) -> Vec<PyMembershipMatch> {
        self.0
            .matches
            .iter()
            .map(|m| PyMembershipMatch { item: m.clone(), evidence: self.0.evidence(m).cloned() })
            .collect()
    }

    /// The fate of every entry of the batch.
    #[getter]
    fn consumption(&self) -> PyConsumptionReport {
        PyConsumptionReport(self.0.consumption.clone())
    }

    /// The batch's `sharedPublicInput`, or `None` when it could not be computed.
    #[getter]
    fn sharedPublicInput<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyAny>> {
        opt_bytes(py, self.0.posted.shared_public_input.value().as_ref().map(|v| v.as_slice()))
    }

    /// The report JSON (`exectable verify membership --json`): `{"valid", "batch", "query",
    /// "matches" (each with "evidence"), "unattributed", "supersededAt", "laterReceipts"}`.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    /// As `to_json`, with bytes and ints.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        out.set_item("valid", true)?;
        out.set_item("batch", posted_dict(py, &self.0.posted)?)?;
        out.set_item("query", query_py(py, &self.0.query, true)?)?;
        let mut matches = Vec::with_capacity(self.0.matches.len());
        for m in &self.0.matches {
            let d = match_dict(py, m)?;
            d.set_item("evidence", self.0.evidence(m).map(|e| evidence_dict(py, e)).transpose()?)?;
            matches.push(d);
        }
        out.set_item("matches", matches)?;
        let c = PyConsumptionReport(self.0.consumption.clone());
        out.set_item("unattributed", c.unattributed(py)?)?;
        out.set_item("supersededAt", c.supersededAt(py)?)?;
        out.set_item("laterReceipts", self.0.consumption.later_receipts)?;
        Ok(out)
    }

    /// The human-readable lines `exectable verify membership` prints after `VALID`.
    fn to_text(&self) -> String {
        self.0.to_text()
    }

    fn __bool__(&self) -> bool {
        true
    }

    fn __repr__(&self) -> String {
        format!("MembershipReport(query={}, matches={})", self.0.query.describe(), self.0.matches.len())
    }
}

/// The item named by exactly one of the keywords.
#[allow(clippy::too_many_arguments)]
fn query_arg(
    py: Python<'_>,
    entry: Option<&Bound<'_, PyAny>>,
    lookup_call: Option<&Bound<'_, PyAny>>,
    entry_hash: Option<&Bound<'_, PyAny>>,
    lookup_call_hash: Option<&Bound<'_, PyAny>>,
    proxy_entry_hash: Option<&Bound<'_, PyAny>>,
    cross_chain_call_hash: Option<&Bound<'_, PyAny>>,
    query: Option<&Bound<'_, PyAny>>,
) -> PyResult<ItemQuery> {
    let given = [entry, lookup_call, entry_hash, lookup_call_hash, proxy_entry_hash, cross_chain_call_hash, query];
    let forms =
        "entry=, lookup_call=, entry_hash=, lookup_call_hash=, proxy_entry_hash=, cross_chain_call_hash= or query=";
    match given.iter().filter(|g| g.is_some()).count() {
        0 => return Err(arg_err(py, &Path::Root("query"), format!("name the item with one of {forms}"))),
        1 => {}
        _ => return Err(arg_err(py, &Path::Root("query"), format!("name the item with exactly one of {forms}"))),
    }
    let hash = |v: &Bound<'_, PyAny>, name: &str| B256::from_py(v, &Path::Root(name));
    Ok(if let Some(v) = entry {
        let root = Path::Root("entry");
        ItemQuery::Entry(Box::new(if v.is_instance_of::<PyString>() {
            ExecutionEntry::from_json_at(&input_json(v)?, &root).map_err(|e| py_err(py, e))?
        } else {
            ExecutionEntry::from_py(v, &root)?
        }))
    } else if let Some(v) = lookup_call {
        let root = Path::Root("lookupCall");
        ItemQuery::LookupCall(Box::new(if v.is_instance_of::<PyString>() {
            LookupCall::from_json_at(&input_json(v)?, &root).map_err(|e| py_err(py, e))?
        } else {
            LookupCall::from_py(v, &root)?
        }))
    } else if let Some(v) = entry_hash {
        ItemQuery::EntryHash(hash(v, "entryHash")?)
    } else if let Some(v) = lookup_call_hash {
        ItemQuery::LookupCallHash(hash(v, "lookupCallHash")?)
    } else if let Some(v) = proxy_entry_hash {
        ItemQuery::ProxyEntryHash(hash(v, "proxyEntryHash")?)
    } else if let Some(v) = cross_chain_call_hash {
        ItemQuery::CrossChainCallHash(hash(v, "crossChainCallHash")?)
    } else {
        let v = query.expect("one item form is given");
        let json = json_doc(v, "query")?;
        ItemQuery::from_json_at(&json, &Path::Root("query")).map_err(|e| py_err(py, e))?
    })
}

/// The posting inputs: transaction input, its receipt, the manager, the options.
struct Posting {
    tx_input: Vec<u8>,
    receipt: Receipt,
    manager: Address,
    options: PostingOptions,
}

fn posting_arg(
    tx_input: &Bound<'_, PyAny>,
    receipt: &Bound<'_, PyAny>,
    manager: &Bound<'_, PyAny>,
    tx_hash: Option<&Bound<'_, PyAny>>,
    blob_hashes: Option<&Bound<'_, PyAny>>,
    blob_versioned_hashes: Option<&Bound<'_, PyAny>>,
) -> PyResult<Posting> {
    let py = tx_input.py();
    Ok(Posting {
        tx_input: input_bytes(tx_input, "txInput")?,
        receipt: receipt_arg(receipt, "receipt")?,
        manager: Address::from_py(manager, &Path::Root("manager"))?,
        options: PostingOptions {
            transaction_hash: tx_hash.map(|h| B256::from_py(h, &Path::Root("txHash"))).transpose()?,
            blobs: blob_arg(py, blob_hashes, blob_versioned_hashes)?,
        },
    })
}

/// Confirms that an entry or lookup call is part of a batch the L1 manager accepted
/// (`exectable verify membership`): `tx_input` is the posting transaction's input
/// (`postAndVerifyBatch` calldata, bytes or `0x`-hex), `receipt` its `eth_getTransactionReceipt`
/// JSON (text or dict; JSON-RPC envelope allowed), `manager` the EEZ address. The item: exactly
/// one of `entry`, `lookup_call` (object, dict or JSON text), `entry_hash`, `lookup_call_hash`,
/// `proxy_entry_hash`, `cross_chain_call_hash`, or `query` (`{"entryHash": …}` JSON form).
/// `later_receipts`: receipts of later transactions of the block, in order (consumption evidence).
/// A false claim raises `MembershipError` (601–605) or `AbiError` (the input does not decode).
#[pyfunction]
#[pyo3(signature = (
    tx_input, receipt, manager, *, entry=None, lookup_call=None, entry_hash=None, lookup_call_hash=None,
    proxy_entry_hash=None, cross_chain_call_hash=None, query=None, tx_hash=None, later_receipts=None,
    blob_hashes=None, blob_versioned_hashes=None
))]
#[allow(clippy::too_many_arguments)]
fn verify_batch_membership(
    tx_input: &Bound<'_, PyAny>,
    receipt: &Bound<'_, PyAny>,
    manager: &Bound<'_, PyAny>,
    entry: Option<&Bound<'_, PyAny>>,
    lookup_call: Option<&Bound<'_, PyAny>>,
    entry_hash: Option<&Bound<'_, PyAny>>,
    lookup_call_hash: Option<&Bound<'_, PyAny>>,
    proxy_entry_hash: Option<&Bound<'_, PyAny>>,
    cross_chain_call_hash: Option<&Bound<'_, PyAny>>,
    query: Option<&Bound<'_, PyAny>>,
    tx_hash: Option<&Bound<'_, PyAny>>,
    later_receipts: Option<&Bound<'_, PyAny>>,
    blob_hashes: Option<&Bound<'_, PyAny>>,
    blob_versioned_hashes: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyMembershipReport> {
    let py = tx_input.py();
    let p = posting_arg(tx_input, receipt, manager, tx_hash, blob_hashes, blob_versioned_hashes)?;
    let query = query_arg(
        py,
        entry,
        lookup_call,
        entry_hash,
        lookup_call_hash,
        proxy_entry_hash,
        cross_chain_call_hash,
        query,
    )?;
    let later = receipts_arg(later_receipts, "laterReceipts")?;
    let request = MembershipRequest {
        tx_input: &p.tx_input,
        receipt: &p.receipt,
        manager: p.manager,
        query: &query,
        options: &p.options,
        later_receipts: &later,
    };
    detached(py, || verify_membership(&request)).map(PyMembershipReport)
}

/// Step 1 of membership alone: the posting transaction (selector, strict decode, receipt status,
/// the manager's `BatchPosted`), every hash recomputed, `sharedPublicInput` when computable.
#[pyfunction]
#[pyo3(signature = (tx_input, receipt, manager, *, tx_hash=None, blob_hashes=None, blob_versioned_hashes=None))]
fn verify_batch_posting(
    tx_input: &Bound<'_, PyAny>,
    receipt: &Bound<'_, PyAny>,
    manager: &Bound<'_, PyAny>,
    tx_hash: Option<&Bound<'_, PyAny>>,
    blob_hashes: Option<&Bound<'_, PyAny>>,
    blob_versioned_hashes: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyPostedBatch> {
    let p = posting_arg(tx_input, receipt, manager, tx_hash, blob_hashes, blob_versioned_hashes)?;
    detached(tx_input.py(), || verify_posting(&p.tx_input, &p.receipt, p.manager, &p.options)).map(PyPostedBatch)
}

/// The fate of every entry of the posted batch: the posting is verified as by
/// `verify_batch_posting`, then the manager's logs of `receipt` and `later_receipts` (later
/// transactions of the same block, in order) are attributed. A later receipt of another block, or
/// the posting receipt again, is an `ArgumentError`.
#[pyfunction]
#[pyo3(signature = (
    tx_input, receipt, manager, later_receipts=None, *, tx_hash=None, blob_hashes=None, blob_versioned_hashes=None
))]
fn batch_consumption_evidence(
    tx_input: &Bound<'_, PyAny>,
    receipt: &Bound<'_, PyAny>,
    manager: &Bound<'_, PyAny>,
    later_receipts: Option<&Bound<'_, PyAny>>,
    tx_hash: Option<&Bound<'_, PyAny>>,
    blob_hashes: Option<&Bound<'_, PyAny>>,
    blob_versioned_hashes: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyConsumptionReport> {
    let p = posting_arg(tx_input, receipt, manager, tx_hash, blob_hashes, blob_versioned_hashes)?;
    let later = receipts_arg(later_receipts, "laterReceipts")?;
    detached(tx_input.py(), || {
        let posted = verify_posting(&p.tx_input, &p.receipt, p.manager, &p.options)?;
        consumption_evidence(&posted, &p.receipt, &later)
    })
    .map(PyConsumptionReport)
}

/// Adds the commitment, proof and membership classes and functions to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyTableCommitment>()?;
    m.add_class::<PyCommittedTable>()?;
    m.add_class::<PyInclusionProof>()?;
    m.add_class::<PyVerifiedInclusion>()?;
    m.add_function(wrap_pyfunction!(commit_batch, m)?)?;
    m.add_function(wrap_pyfunction!(check_commitment, m)?)?;
    m.add_function(wrap_pyfunction!(prove_batch, m)?)?;
    m.add_function(wrap_pyfunction!(verify_inclusion, m)?)?;
    m.add_class::<PyPostedBatch>()?;
    m.add_class::<PyEntryEvidence>()?;
    m.add_class::<PyConsumptionReport>()?;
    m.add_class::<PyMembershipMatch>()?;
    m.add_class::<PyMembershipReport>()?;
    m.add_function(wrap_pyfunction!(verify_batch_membership, m)?)?;
    m.add_function(wrap_pyfunction!(verify_batch_posting, m)?)?;
    m.add_function(wrap_pyfunction!(batch_consumption_evidence, m)?)?;
    Ok(())
}
