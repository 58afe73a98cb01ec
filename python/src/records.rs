//! A posted batch flattened into rows for analysis (`batch.to_records(table)`): one `dict` per
//! entry, state delta, call, reentrant call, nested lookup or top-level lookup, each carrying the
//! index and hash of the item it belongs to so tables join on `entryIndex`/`entryHash`.
//! Hashes and placements come from core's [`BatchOverview`]; this module only lays out rows.

use crate::convert::{arg_err, PyValue};
use exectable::abi::layout::Path;
use exectable::batch::{BatchOverview, ItemOverview, Placement};
use exectable::types::l1::ProofSystemBatchPerVerificationEntries;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

/// The tables `to_records` knows, in the order the docs list them.
pub const TABLES: &[&str] =
    &["entries", "stateDeltas", "l2ToL1Calls", "expectedL1ToL2Calls", "expectedLookups", "lookupCalls"];

/// Sets `key` to the Python form of `value`.
fn put<'py>(row: &Bound<'py, PyDict>, key: &str, value: &impl PyValue) -> PyResult<()> {
    row.set_item(key, value.to_py(row.py())?)
}

/// A row starting with the owning item's index, hash and placement (`transient`/`queued`, the
/// queue index for queued items, `None` for transient ones).
fn item_row<'py>(
    py: Python<'py>,
    item: &ItemOverview,
    index_key: &str,
    hash_key: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let row = PyDict::new(py);
    row.set_item(index_key, item.index)?;
    row.set_item(hash_key, PyBytes::new(py, item.hash.as_slice()))?;
    Ok(row)
}

fn placement<'py>(row: &Bound<'py, PyDict>, item: &ItemOverview) -> PyResult<()> {
    match item.placement {
        Placement::Transient { .. } => {
            row.set_item("placement", "transient")?;
            row.set_item("queueIndex", row.py().None())
        }
        Placement::Queued { queue_index, .. } => {
            row.set_item("placement", "queued")?;
            row.set_item("queueIndex", queue_index)
        }
    }
}

/// The rows of `table` (one of [`TABLES`]).
pub fn batch_records<'py>(
    py: Python<'py>,
    batch: &ProofSystemBatchPerVerificationEntries,
    table: &str,
) -> PyResult<Bound<'py, PyList>> {
    let overview = py.detach(|| BatchOverview::of(batch));
    let rows = PyList::empty(py);
    let entries = batch.entries.iter().zip(&overview.entries);
    match table {
        "entries" => {
            for (e, item) in entries {
                let row = item_row(py, item, "entryIndex", "entryHash")?;
                placement(&row, item)?;
                put(&row, "proxyEntryHash", &e.proxyEntryHash)?;
                put(&row, "destinationRollupId", &e.destinationRollupId)?;
                row.set_item("stateDeltaCount", e.stateDeltas.len())?;
                row.set_item("l2ToL1CallCount", e.l2ToL1Calls.len())?;
                row.set_item("expectedL1ToL2CallCount", e.expectedL1ToL2Calls.len())?;
                row.set_item("expectedLookupCount", e.expectedLookups.len())?;
                put(&row, "callCount", &e.callCount)?;
                put(&row, "returnData", &e.returnData)?;
                put(&row, "rollingHash", &e.rollingHash)?;
                rows.append(row)?;
            }
        }
        "stateDeltas" => {
            for (e, item) in entries {
                for (i, d) in e.stateDeltas.iter().enumerate() {
                    let row = item_row(py, item, "entryIndex", "entryHash")?;
                    row.set_item("stateDeltaIndex", i)?;
                    put(&row, "rollupId", &d.rollupId)?;
                    put(&row, "currentState", &d.currentState)?;
                    put(&row, "newState", &d.newState)?;
                    put(&row, "etherDelta", &d.etherDelta)?;
                    rows.append(row)?;
                }
            }
        }
        "l2ToL1Calls" => {
            for (e, item) in entries {
                for (i, c) in e.l2ToL1Calls.iter().enumerate() {
                    let row = item_row(py, item, "entryIndex", "entryHash")?;
                    row.set_item("callIndex", i)?;
                    put(&row, "targetAddress", &c.targetAddress)?;
                    put(&row, "value", &c.value)?;
                    put(&row, "data", &c.data)?;
                    put(&row, "sourceAddress", &c.sourceAddress)?;
                    put(&row, "sourceRollupId", &c.sourceRollupId)?;
                    put(&row, "revertSpan", &c.revertSpan)?;
                    rows.append(row)?;
                }
            }
        }
        "expectedL1ToL2Calls" => {
            for (e, item) in entries {
                for (i, c) in e.expectedL1ToL2Calls.iter().enumerate() {
                    let row = item_row(py, item, "entryIndex", "entryHash")?;
                    row.set_item("expectedL1ToL2CallIndex", i)?;
                    put(&row, "crossChainCallHash", &c.crossChainCallHash)?;
                    put(&row, "callCount", &c.callCount)?;
                    put(&row, "returnData", &c.returnData)?;
                    rows.append(row)?;
                }
            }
        }
        "expectedLookups" => {
            for (e, item) in entries {
                for (i, l) in e.expectedLookups.iter().enumerate() {
                    let row = item_row(py, item, "entryIndex", "entryHash")?;
                    row.set_item("expectedLookupIndex", i)?;
                    put(&row, "crossChainCallHash", &l.crossChainCallHash)?;
                    put(&row, "returnData", &l.returnData)?;
                    put(&row, "failed", &l.failed)?;
                    put(&row, "l2ToL1CallNumber", &l.l2ToL1CallNumber)?;
                    put(&row, "lastL1ToL2CallConsumed", &l.lastL1ToL2CallConsumed)?;
                    put(&row, "executingLookupIndex", &l.executingLookupIndex)?;
                    row.set_item("l2ToL1CallCount", l.l2ToL1Calls.len())?;
                    row.set_item("expectedL1ToL2CallCount", l.expectedL1ToL2Calls.len())?;
                    put(&row, "callCount", &l.callCount)?;
                    put(&row, "rollingHash", &l.rollingHash)?;
                    rows.append(row)?;
                }
            }
        }
        "lookupCalls" => {
            for (l, item) in batch.l1ToL2lookupCalls.iter().zip(&overview.lookup_calls) {
                let row = item_row(py, item, "lookupCallIndex", "lookupCallHash")?;
                placement(&row, item)?;
                put(&row, "crossChainCallHash", &l.crossChainCallHash)?;
                put(&row, "destinationRollupId", &l.destinationRollupId)?;
                put(&row, "returnData", &l.returnData)?;
                put(&row, "failed", &l.failed)?;
                row.set_item("l2ToL1CallCount", l.l2ToL1Calls.len())?;
                row.set_item("expectedL1ToL2CallCount", l.expectedL1ToL2Calls.len())?;
                row.set_item("expectedLookupCount", l.expectedLookups.len())?;
                put(&row, "callCount", &l.callCount)?;
                put(&row, "rollingHash", &l.rollingHash)?;
                row.set_item("expectedStateRootCount", l.expectedStateRoots.len())?;
                rows.append(row)?;
            }
        }
        other => {
            return Err(arg_err(
                py,
                &Path::Root("table"),
                format!("unknown table {other:?} (expected one of {})", TABLES.join(", ")),
            ))
        }
    }
    Ok(rows)
}

/// `pandas.DataFrame(rows)`; a clear `ImportError` naming the extra when pandas is not installed.
pub fn data_frame<'py>(py: Python<'py>, rows: Bound<'py, PyList>, table: &str) -> PyResult<Bound<'py, PyAny>> {
    let pandas = py.import("pandas").map_err(|_| {
        pyo3::exceptions::PyImportError::new_err(format!(
            "entries_frame({table:?}) needs pandas: pip install 'exectable[pandas]'"
        ))
    })?;
    pandas.getattr("DataFrame")?.call1((rows,))
}
