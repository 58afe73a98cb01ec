//! The well-formedness walk over an L1 batch or an L2 table: obligations of the batch as a whole
//! (§6.6, §8.9), and every entry and top-level lookup handed to `context`.

use super::context::{self, group_duplicates};
use super::structural::RollupSet;
use super::{Finding, Note, Rule, ValidationContext, ValidationReport};
use crate::abi::layout::Path;
use crate::types::{l1, l2};
use alloy_primitives::U256;

/// The well-formedness of an L1 batch: per entry its pinning (§6.6), immediate-run placement and
/// contexts; per top-level lookup its contexts and out-of-batch pins; transient lookup collisions
/// (§8.9); blob indices against the transaction's blob count (a note when unknown).
pub(super) fn l1_batch(
    batch: &l1::ProofSystemBatchPerVerificationEntries,
    ctx: &ValidationContext,
    rollups: &RollupSet<'_>,
    report: &mut ValidationReport,
) {
    let out = &mut report.well_formedness;
    let root = Path::Root("");
    let transient_entries = clamp(&batch.transientExecutionEntryCount, batch.entries.len());
    let immediate_run = batch.entries[..transient_entries].iter().take_while(|e| e.proxyEntryHash.is_zero()).count();
    let entries_path = root.field("entries");
    for (i, e) in batch.entries.iter().enumerate() {
        let p = entries_path.index(i);
        if e.stateDeltas.is_empty() {
            out.push(Finding::new(
                Rule::MissingStateDelta,
                &p.field("stateDeltas"),
                "no state delta: the entry is not pinned to any state root (StateRootMismatch is the only \
                 replay/ordering backstop)"
                    .into(),
                None,
            ));
        }
        if e.proxyEntryHash.is_zero() && i >= immediate_run {
            out.push(Finding::new(
                Rule::ZeroHashEntryNotImmediate,
                &p.field("proxyEntryHash"),
                format!(
                    "proxyEntryHash is 0 outside the leading run of immediate transient entries (0..{immediate_run}): \
                     only executeL2TX({}) can consume it",
                    e.destinationRollupId
                ),
                None,
            ));
        }
        context::check_l1_entry(out, &p, e);
    }
    let lookups_path = root.field("l1ToL2lookupCalls");
    for (i, l) in batch.l1ToL2lookupCalls.iter().enumerate() {
        let p = lookups_path.index(i);
        context::check_l1_lookup(out, &p, l);
        let pins_path = p.field("expectedStateRoots");
        for (j, pin) in l.expectedStateRoots.iter().enumerate() {
            if !rollups.contains(&pin.rollupId) {
                let registered = ctx.registered_rollups.as_ref().map(|set| set.contains(&pin.rollupId));
                let compared = match registered {
                    Some(true) => "its live root, which this batch does not move",
                    Some(false) => "0 (the rollup is not registered)",
                    None => "its live root (0 if the rollup is not registered)",
                };
                out.push(Finding::new(
                    Rule::PinRollupNotInBatch,
                    &pins_path.index(j).field("rollupId"),
                    format!("pin on rollup {}, which is not in the batch: compared against {compared}", pin.rollupId),
                    None,
                ));
            }
        }
    }
    transient_collisions(batch, out);
    match ctx.blob_count {
        Some(count) => {
            let blobs_path = root.field("blobIndices");
            for (i, idx) in batch.blobIndices.iter().enumerate() {
                if *idx >= U256::from(count) {
                    out.push(Finding::new(
                        Rule::BlobIndexOutOfRange,
                        &blobs_path.index(i),
                        format!("blob index {idx} but the transaction carries {count} blobs: its hash is taken as 0"),
                        None,
                    ));
                }
            }
        }
        None if !batch.blobIndices.is_empty() => report.notes.push(Note::BlobCountUnknown),
        None => {}
    }
}

/// `min(count, len)` as an index.
fn clamp(count: &U256, len: usize) -> usize {
    usize::try_from(*count).map_or(len, |c| c.min(len))
}

/// §8.9: transient top-level lookups are one pool for every rollup of the batch.
fn transient_collisions(batch: &l1::ProofSystemBatchPerVerificationEntries, out: &mut Vec<Finding>) {
    let lookups = &batch.l1ToL2lookupCalls[..clamp(&batch.transientLookupCallCount, batch.l1ToL2lookupCalls.len())];
    let root = Path::Root("");
    let lookups_path = root.field("l1ToL2lookupCalls");
    group_duplicates(
        lookups.len(),
        |i| &lookups[i].crossChainCallHash,
        |group| {
            let first = &lookups[group[0]];
            for &j in &group[1..] {
                if lookups[j].destinationRollupId != first.destinationRollupId {
                    out.push(Finding::new(
                        Rule::TransientLookupCollision,
                        &lookups_path.index(j).field("crossChainCallHash"),
                        format!(
                            "same crossChainCallHash as transient l1ToL2lookupCalls[{}] (rollup {}) but \
                             destination rollup {}: the transient pool is not filtered by rollup, the first match \
                             answers both",
                            group[0], first.destinationRollupId, lookups[j].destinationRollupId
                        ),
                        None,
                    ));
                }
            }
        },
    );
}

/// Every entry (`proxyEntryHash != 0`, then its contexts) and top-level lookup of an L2 table.
pub(super) fn l2_table(entries: &[l2::ExecutionEntry], lookup_calls: &[l2::LookupCall]) -> Vec<Finding> {
    let mut out = Vec::new();
    let root = Path::Root("");
    let entries_path = root.field("entries");
    for (i, e) in entries.iter().enumerate() {
        let p = entries_path.index(i);
        if e.proxyEntryHash.is_zero() {
            out.push(Finding::new(
                Rule::ZeroProxyEntryHash,
                &p.field("proxyEntryHash"),
                "proxyEntryHash is 0: every L2 consumption computes a non-zero call hash, so this entry never \
                 matches and blocks the table"
                    .into(),
                context::execution_not_found(),
            ));
        }
        context::check_l2_entry(&mut out, &p, e);
    }
    let lookups_path = root.field("lookupCalls");
    for (i, l) in lookup_calls.iter().enumerate() {
        context::check_l2_lookup(&mut out, &lookups_path.index(i), l);
    }
    out
}
