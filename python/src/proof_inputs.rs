//! Proof inputs (§4.5, §4.6) as Python calls: `sharedPublicInput`, the accumulators,
//! `publicInputsHash` per proof system, and the self-describing proof-input document with its
//! verification — what `exectable public-inputs` does, returning report objects
//! (`exectable.proof_inputs`). The core calls run with the GIL released.
//!
//! JSON-shaped inputs (rollup data, requests, documents) are JSON text (`str`, UTF-8 `bytes`) or
//! Python data converted to core's JSON ([`JsonSource`]), so errors name the same field paths as
//! the CLI.

use crate::convert::{arg_err, bytes_list, dict_list, json_arg, json_to_py, opt_bytes, py_bytes, JsonSource, PyValue};
use crate::errors::detached;
use crate::structs::{batch_and_blobs, json_text};
use alloy_primitives::{B256, U256};
use exectable::abi::layout::Path;
use exectable::public_inputs::{
    self, BlobSource, ProofForm, ProofInputDocument, ProofInputRequest, ProofInputs, ProofObservation,
    RollupVerificationInput, VerifyReport,
};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

/// The blob-argument conflict is reported at `blobVersionedHashes` here.
const BLOB_CONFLICT_AT: &str = "blobVersionedHashes";

/// What each rollup's manager returned: a list of `{"rollupId", "manager" (optional),
/// "timestamp", "blockHash", "vkeys": {proof system: vkey}}` (Python values or JSON text).
fn read_rollups(obj: &Bound<'_, PyAny>) -> PyResult<Vec<RollupVerificationInput>> {
    json_arg(obj, "rollups")
}

fn rollups_list<'py>(py: Python<'py>, rollups: &[RollupVerificationInput]) -> PyResult<Bound<'py, PyList>> {
    dict_list(py, rollups, |d, r| {
        d.set_item("rollupId", r.rollup_id.to_py(py)?)?;
        d.set_item("manager", opt_bytes(py, r.manager.as_ref()))?;
        d.set_item("timestamp", r.timestamp.to_py(py)?)?;
        d.set_item("blockHash", py_bytes(py, r.block_hash))?;
        let vkeys = PyDict::new(py);
        for (ps, vk) in &r.vkeys {
            vkeys.set_item(py_bytes(py, ps), py_bytes(py, vk))?;
        }
        d.set_item("vkeys", vkeys)
    })
}

fn accumulators_list<'py>(py: Python<'py>, inputs: &ProofInputs) -> PyResult<Bound<'py, PyList>> {
    dict_list(py, &inputs.accumulators, |d, a| {
        let folds = dict_list(py, &a.folds, |d, f| {
            d.set_item("rollupId", f.rollup_id.to_py(py)?)?;
            d.set_item("vkey", py_bytes(py, f.vkey))?;
            d.set_item("blockHash", py_bytes(py, f.block_hash))?;
            d.set_item("timestamp", f.timestamp.to_py(py)?)?;
            d.set_item("accAfter", py_bytes(py, f.acc_after))
        })?;
        d.set_item("index", a.index)?;
        d.set_item("proofSystem", py_bytes(py, a.proof_system))?;
        d.set_item("folds", folds)?;
        d.set_item("acc", py_bytes(py, a.acc))?;
        d.set_item("publicInputsHash", py_bytes(py, a.public_inputs_hash))
    })
}

fn hashes_list<'py>(py: Python<'py>, inputs: &ProofInputs) -> PyResult<Bound<'py, PyList>> {
    dict_list(py, &inputs.accumulators, |d, a| {
        d.set_item("index", a.index)?;
        d.set_item("proofSystem", py_bytes(py, a.proof_system))?;
        d.set_item("publicInputsHash", py_bytes(py, a.public_inputs_hash))
    })
}

fn proofs_list<'py>(py: Python<'py>, proofs: &[ProofObservation]) -> PyResult<Bound<'py, PyList>> {
    dict_list(py, proofs, |d, p| {
        d.set_item("index", p.index)?;
        d.set_item("proofSystem", py_bytes(py, p.proof_system))?;
        let form = match p.form {
            ProofForm::EqualsPublicInputsHash => "equalsPublicInputsHash",
            ProofForm::Opaque { .. } => "opaque",
            ProofForm::Missing => "missing",
        };
        d.set_item("proof", form)?;
        if let ProofForm::Opaque { length } = p.form {
            d.set_item("proofLength", length)?;
        }
        Ok(())
    })
}

/// Fills the derived values of `inputs` into `dict` under their JSON names.
fn write_inputs<'py>(py: Python<'py>, inputs: &ProofInputs, dict: &Bound<'py, PyDict>) -> PyResult<()> {
    dict.set_item("entryHashes", bytes_list(py, &inputs.entry_hashes)?)?;
    dict.set_item("lookupCallHashes", bytes_list(py, &inputs.lookup_call_hashes)?)?;
    dict.set_item("blobHashes", bytes_list(py, &inputs.blob_hashes)?)?;
    dict.set_item("callDataHash", py_bytes(py, inputs.call_data_hash))?;
    dict.set_item("sharedPublicInput", py_bytes(py, inputs.shared_public_input))?;
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
                py_bytes(py, &$inputs.call_data_hash)
            }

            /// `keccak256(abi.encode(entryHashes) ‖ abi.encode(lookupCallHashes) ‖
            /// abi.encode(blobHashes) ‖ callDataHash ‖ crossProofSystemInteractions)` (§4.5).
            #[getter(sharedPublicInput)]
            fn shared_public_input<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
                let $s = self;
                py_bytes(py, &$inputs.shared_public_input)
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
                    Some(a) => Ok(py_bytes(py, &a.public_inputs_hash)),
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
        dict_list(py, &self.0.mismatches, |d, m| {
            d.set_item("path", &m.path)?;
            d.set_item("stored", m.stored.as_ref().map(|v| json_to_py(py, v)).transpose()?)?;
            d.set_item("recomputed", m.recomputed.as_ref().map(|v| json_to_py(py, v)).transpose()?)
        })
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
    let (batch, blobs) = batch_and_blobs(batch, blob_hashes, blob_versioned_hashes, BLOB_CONFLICT_AT)?;
    let rollups = read_rollups(rollups)?;
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
    let (batch, blobs) = batch_and_blobs(batch, blob_hashes, blob_versioned_hashes, BLOB_CONFLICT_AT)?;
    let rollups = read_rollups(rollups)?;
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
    let (batch, blobs) = batch_and_blobs(batch, blob_hashes, blob_versioned_hashes, BLOB_CONFLICT_AT)?;
    let shared = detached(py, || public_inputs::batch_shared_public_input(&batch, &blobs))?;
    Ok(py_bytes(py, shared))
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
    Ok(py_bytes(py, shared))
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
    Ok(py_bytes(py, public_inputs::public_inputs_hash(shared, acc)))
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
    Ok(py_bytes(py, folded))
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
        Some(rollups) => {
            let (batch, blobs) =
                batch_and_blobs(batch_or_request, blob_hashes, blob_versioned_hashes, BLOB_CONFLICT_AT)?;
            ProofInputRequest { batch, rollups: read_rollups(rollups)?, blobs }
        }
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

/// Adds the proof-input functions and classes to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyProofInputs>()?;
    m.add_class::<PyProofInputDocument>()?;
    m.add_class::<PyProofInputVerification>()?;
    m.add_function(wrap_pyfunction!(compute_proof_inputs, m)?)?;
    m.add_function(wrap_pyfunction!(batch_public_inputs_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(batch_shared_public_input, m)?)?;
    m.add_function(wrap_pyfunction!(shared_public_input_from_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(public_inputs_hash, m)?)?;
    m.add_function(wrap_pyfunction!(fold_accumulator, m)?)?;
    m.add_function(wrap_pyfunction!(resolve_blob_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(build_proof_input_document, m)?)?;
    m.add_function(wrap_pyfunction!(verify_proof_input_document, m)?)?;
    Ok(())
}
