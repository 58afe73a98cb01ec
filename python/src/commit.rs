//! Table commitments and inclusion proofs (docs/COMMITMENT.md) as Python objects: what
//! `exectable commit`, `prove` and `verify proof` do, with the same inputs.
//!
//! `exectable.commit`: [`PyCommittedTable`] (the tree; makes proofs), [`PyTableCommitment`] (the
//! published record), [`PyInclusionProof`] (binary and JSON forms), [`PyVerifiedInclusion`].
//! Rejections keep core's codes: 401–410 raise `ProofError`; bad arguments `ArgumentError`.

use crate::convert::{arg_err, bytes_like, bytes_list, json_input, py_bytes, py_json, read_fields, type_name};
use crate::convert::{FieldsFrom, Floats, PyValue};
use crate::errors::{detached, py_err};
use crate::structs::{batch_and_blobs, input_bytes, input_json, json_text, L1ExecutionEntry, L1LookupCall};
use alloy_primitives::B256;
use exectable::abi::layout::Path;
use exectable::commit::{
    CommittedTable, ExpectedCommitment, InclusionProof, Leaf, ProofItem, TableCommitment, VerifiedInclusion,
    PROOF_FORMAT,
};
use exectable::types::l1::{ExecutionEntry, LookupCall};
use exectable::{CanonicalJson, Error};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyInt, PyList, PyString, PyTuple};

/// The blob-argument conflict is reported at `blobHashes` here.
const BLOB_CONFLICT_AT: &str = "blobHashes";

/// Commits to the batch argument with its blob hashes (flags first, then those the input
/// carries, else none), building the tree without the GIL.
fn committed(
    batch: &Bound<'_, PyAny>,
    blob_hashes: Option<&Bound<'_, PyAny>>,
    blob_versioned_hashes: Option<&Bound<'_, PyAny>>,
) -> PyResult<CommittedTable> {
    let py = batch.py();
    let (batch, blobs) = batch_and_blobs(batch, blob_hashes, blob_versioned_hashes, BLOB_CONFLICT_AT)?;
    detached(py, || CommittedTable::of_batch(&batch, &blobs))
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

/// One value when `single`, else an iterable of them (`expected`: what the error says is expected).
fn one_or_list<T: PyValue>(obj: &Bound<'_, PyAny>, path: &Path<'_>, single: bool, expected: &str) -> PyResult<Vec<T>> {
    if single {
        return Ok(vec![T::from_py(obj, path)?]);
    }
    let iter = obj
        .try_iter()
        .map_err(|_| arg_err(obj.py(), path, format!("expected {expected}, found {}", type_name(obj))))?;
    iter.enumerate().map(|(i, v)| T::from_py(&v?, &path.index(i))).collect()
}

/// One `int`, or an iterable of them.
fn u64_list(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Vec<u64>> {
    let single = obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyString>();
    one_or_list(obj, path, single, "an int or a list of ints")
}

/// One 32-byte hash (bytes or `0x`-hex), or an iterable of them.
fn b256_list(obj: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Vec<B256>> {
    let single = obj.is_instance_of::<PyString>() || bytes_like(obj).is_some();
    one_or_list(obj, path, single, "a hash or a list of hashes")
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
        if ProofItem::TAGS.contains(&tag.as_str()) {
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
    // A bare entry or lookup call, told apart by its fields by core's rule.
    if ProofItem::bare_object_is_entry(|field| dict.contains(field).unwrap_or(false)) {
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
        let value = py_json(obj, &root, Floats::Number)?;
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
        let value = py_json(obj, &root, Floats::Number)?;
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
    fn commitment<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.0.digest().as_slice())
    }

    /// The 32-byte commitment digest (same as `commitment`).
    #[getter]
    fn digest<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
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
    fn sharedPublicInput<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.0.shared_public_input.as_slice())
    }

    /// The Merkle root over the `E + L` leaves.
    #[getter]
    fn root<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.0.root.as_slice())
    }

    /// The 109-byte preimage of the digest: `"exectable.table-commitment.v1" ‖ u64be(E) ‖ u64be(L)
    /// ‖ sharedPublicInput ‖ root`.
    fn preimage<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.0.preimage())
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
        let (batch, blobs) = batch_and_blobs(batch, blob_hashes, blob_versioned_hashes, BLOB_CONFLICT_AT)?;
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
        let json = json_input(value, "commitment", Floats::Number)?;
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
    fn digest<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.0.digest().as_slice())
    }

    /// The Merkle root.
    #[getter]
    fn root<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
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
    fn sharedPublicInput<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.0.commitment.shared_public_input.as_slice())
    }

    /// Every leaf's item hash: entry hashes, then lookup-call hashes.
    #[getter]
    fn itemHashes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        bytes_list(py, &self.0.item_hashes)
    }

    /// The entry hashes (the first `E` leaves' items).
    #[getter]
    fn entryHashes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        bytes_list(py, self.0.entry_hashes())
    }

    /// The lookup-call hashes (the last `L` leaves' items).
    #[getter]
    fn lookupCallHashes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        bytes_list(py, self.0.lookup_call_hashes())
    }

    /// The number of leaves, `E + L`.
    fn __len__(&self) -> usize {
        self.0.item_hashes.len()
    }

    /// Every level of the tree, leaf nodes first, the root last.
    fn levels<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let levels = py.detach(|| self.0.tree.levels());
        PyList::new(py, levels.iter().map(|l| bytes_list(py, l)).collect::<PyResult<Vec<_>>>()?)
    }

    /// The item hash of the leaf at flat `index` (entries `0..E`, lookup calls `E..E+L`).
    fn item_hash<'py>(&self, py: Python<'py>, index: u64) -> PyResult<Bound<'py, PyBytes>> {
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
    fn commitment<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
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
        bytes_list(py, &self.0.siblings)
    }

    /// Verifies the proof for `items` (one per proven leaf, in ascending leaf order: entries,
    /// lookup calls, 32-byte hashes, tagged dicts) against `commitment` (the trusted digest, or a
    /// record); `ProofError` 401–409 when it does not hold.
    fn verify(&self, commitment: &Bound<'_, PyAny>, items: &Bound<'_, PyAny>) -> PyResult<PyVerifiedInclusion> {
        verify_proof(commitment.py(), &self.0, commitment, items)
    }

    /// The binary encoding: version 1, the record, `k`, `s`, the indices, the siblings.
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = self.0.encode().map_err(|e| py_err(py, e))?;
        Ok(py_bytes(py, &bytes))
    }

    fn __bytes__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
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
        let json = json_input(value, "proof", Floats::Number)?;
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

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
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
    fn commitment<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
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
    let (batch, blobs) = batch_and_blobs(batch, blob_hashes, blob_versioned_hashes, BLOB_CONFLICT_AT)?;
    detached(py, || claim.check_batch(&batch, &blobs)).map(PyTableCommitment)
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

/// Adds the commitment and proof classes and functions to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyTableCommitment>()?;
    m.add_class::<PyCommittedTable>()?;
    m.add_class::<PyInclusionProof>()?;
    m.add_class::<PyVerifiedInclusion>()?;
    m.add_function(wrap_pyfunction!(commit_batch, m)?)?;
    m.add_function(wrap_pyfunction!(check_commitment, m)?)?;
    m.add_function(wrap_pyfunction!(prove_batch, m)?)?;
    m.add_function(wrap_pyfunction!(verify_inclusion, m)?)?;
    Ok(())
}
