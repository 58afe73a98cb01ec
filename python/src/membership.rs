//! Batch membership (docs/MEMBERSHIP.md) as Python objects: what `exectable verify membership`
//! does, with the same inputs — the posting transaction verified, the item found in its batch,
//! and the fate of every entry from the manager's logs (consumption evidence).
//!
//! `exectable.membership`: [`PyMembershipReport`] with [`PyPostedBatch`], [`PyMembershipMatch`],
//! [`PyEntryEvidence`] and [`PyConsumptionReport`]. Rejections keep core's codes: 601–606 raise
//! `MembershipError`, ABI decode errors of a transaction input `AbiError` — each also a
//! `NotIncludedError` or `CannotDecideError` by core's verdict. The transaction input is read as
//! the contract reads it (core's `evm` mode); `PostedBatch.layout` says whether it was canonical.

use crate::calls::layout_py;
use crate::convert::{
    arg_err, bytes_like, bytes_list, dict_list, json_input, json_to_py, opt_bytes, py_bytes, receipt_arg,
};
use crate::convert::{type_name, Floats, PyValue};
use crate::errors::{detached, py_err};
use crate::structs::{blob_arg, input_bytes, input_json, json_text};
use alloy_primitives::{Address, B256};
use exectable::abi::layout::Path;
use exectable::batch::Placement;
use exectable::inclusion::{
    consumption_evidence, verify_membership, verify_posting, Consumption, ConsumptionReport, EntryEvidence, EntryFate,
    ItemKind, ItemQuery, LogRef, MembershipMatch, MembershipReport, MembershipRequest, PostedBatch, PostingOptions,
    SharedPublicInputStatus, Skip, UnattributedLog,
};
use exectable::receipt::Receipt;
use exectable::types::l1::{ExecutionEntry, LookupCall};
use exectable::{CanonicalJson, Error, Verdict};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};

/// The blob-argument conflict is reported at `blobHashes` here.
const BLOB_CONFLICT_AT: &str = "blobHashes";

// ---------------------------------------------------------------------------------------------
// Dicts of the report parts (bytes and ints, keys as core's JSON).

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
    let updates = dict_list(py, &c.state_updates, |u, (rollup, state)| {
        u.set_item("rollupId", rollup.to_py(py)?)?;
        u.set_item("newState", py_bytes(py, state))
    })?;
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
            out.set_item("blobHashes", bytes_list(py, blob_hashes)?)?;
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
    out.set_item("entryHashes", bytes_list(py, &p.overview.entry_hashes())?)?;
    out.set_item("lookupCallHashes", bytes_list(py, &p.overview.lookup_call_hashes())?)?;
    out.set_item("callDataHash", py_bytes(py, p.call_data_hash.as_slice()))?;
    out.set_item("sharedPublicInput", shared_dict(py, &p.shared_public_input)?)?;
    out.set_item("layout", layout_py(py, &p.layout)?.call_method0("to_dict")?)?;
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
        | ItemQuery::CrossChainCallHash(h) => py_bytes(py, h).into_any(),
    };
    out.set_item(q.form(), value)?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Classes.

/// A batch the L1 manager accepted, with what the posting transaction shows about it (the
/// `batch` member of the membership report). Attributes use the JSON names.
#[pyclass(frozen, module = "exectable.membership", name = "PostedBatch")]
pub struct PyPostedBatch(pub PostedBatch);

#[pymethods]
#[allow(non_snake_case)]
impl PyPostedBatch {
    /// The L1 manager (EEZ) address the logs were checked against.
    #[getter]
    fn manager<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.0.manager.as_slice())
    }

    /// The decoded batch (`l1.ProofSystemBatchPerVerificationEntries`): the values the contract read.
    #[getter]
    fn batch<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.batch.to_py(py)
    }

    /// How the transaction input was laid out (`exectable.Layout`): canonical, or accepted by the
    /// contract as laid out with its first deviation (a warning, never a doubt on membership).
    #[getter]
    fn layout<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        layout_py(py, &self.0.layout)
    }

    /// The receipt's `transactionHash`, or `None`.
    #[getter]
    fn transactionHash<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        opt_bytes(py, self.0.transaction_hash.as_ref().map(|h| h.as_slice()))
    }

    /// The receipt's `blockNumber`, or `None`.
    #[getter]
    fn blockNumber(&self) -> Option<u64> {
        self.0.block_number
    }

    /// The receipt's `blockHash`, or `None`.
    #[getter]
    fn blockHash<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        opt_bytes(py, self.0.block_hash.as_ref().map(|h| h.as_slice()))
    }

    /// The receipt's `to` (the manager, or a batcher contract), or `None`.
    #[getter]
    fn receiptTo<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
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
        bytes_list(py, &self.0.overview.entry_hashes())
    }

    /// Every top-level lookup-call hash, recomputed.
    #[getter]
    fn lookupCallHashes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        bytes_list(py, &self.0.overview.lookup_call_hashes())
    }

    /// `keccak256(batch.callData)`.
    #[getter]
    fn callDataHash<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.0.call_data_hash.as_slice())
    }

    /// `sharedPublicInput` (spec §4.5), or `None` when it was not computed (the batch has
    /// `blobIndices` and no blob hashes were given; `sharedPublicInputReason` says so).
    #[getter]
    fn sharedPublicInput<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        opt_bytes(py, self.0.shared_public_input.value().as_ref().map(|v| v.as_slice()))
    }

    /// The blob hashes `sharedPublicInput` was computed with, or `None`.
    #[getter]
    fn blobHashes<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyList>>> {
        match &self.0.shared_public_input {
            SharedPublicInputStatus::Computed { blob_hashes, .. } => bytes_list(py, blob_hashes).map(Some),
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
    fn hash<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
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
    fn hash<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        py_bytes(py, self.item.hash.as_slice())
    }

    /// The entry's `proxyEntryHash` (`None` for lookup calls).
    #[getter]
    fn proxyEntryHash<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        (self.item.kind == ItemKind::Entry).then(|| py_bytes(py, self.item.trigger.as_slice()))
    }

    /// The lookup call's `crossChainCallHash` (`None` for entries).
    #[getter]
    fn crossChainCallHash<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
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

    /// Always `"included"` (core's verdict on a report; an error carries `notIncluded` or
    /// `cannotDecide`).
    #[getter]
    fn verdict(&self) -> &'static str {
        Verdict::Included.name()
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
    fn sharedPublicInput<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        opt_bytes(py, self.0.posted.shared_public_input.value().as_ref().map(|v| v.as_slice()))
    }

    /// The report JSON (`exectable verify membership --json`): `{"verdict", "valid", "batch", "query",
    /// "matches" (each with "evidence"), "unattributed", "supersededAt", "laterReceipts"}`.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> String {
        json_text(&self.0.to_json(), indent)
    }

    /// As `to_json`, with bytes and ints.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        out.set_item("verdict", self.verdict())?;
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

    /// The human-readable lines `exectable verify membership` prints after `INCLUDED`.
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
        let json = json_input(v, "query", Floats::Number)?;
        ItemQuery::from_json_at(&json, &Path::Root("query")).map_err(|e| py_err(py, e))?
    })
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
    Ok(Posting {
        tx_input: input_bytes(tx_input, "txInput")?,
        receipt: receipt_arg(receipt, "receipt")?,
        manager: Address::from_py(manager, &Path::Root("manager"))?,
        options: PostingOptions {
            transaction_hash: tx_hash.map(|h| B256::from_py(h, &Path::Root("txHash"))).transpose()?,
            blobs: blob_arg(blob_hashes, blob_versioned_hashes, BLOB_CONFLICT_AT)?,
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
/// A false claim raises `MembershipError` (601–605) or `AbiError` (the contract would not decode
/// the input); the exception's `verdict` says whether the item is shown not included.
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

/// Step 1 of membership alone: the posting transaction (selector, the input read as the contract
/// reads it, receipt status, the manager's `BatchPosted`), every hash recomputed,
/// `sharedPublicInput` when computable.
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

/// Adds the membership classes and functions to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
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
