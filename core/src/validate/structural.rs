//! The §6.1 checks `postAndVerifyBatch` makes before any external call, in contract order, each
//! with the custom error the contract raises.

use super::{Finding, Note, Rule, ValidationContext, ValidationReport};
use crate::abi::layout::Path;
use crate::abi::revert::ProtocolError;
use crate::types::l1::{self, IEEZ};
use alloy_primitives::{Address, U256};

/// The batch's rollup ids, searchable without allocating when the rows are already ascending.
pub(super) enum RollupSet<'a> {
    Rows(&'a [l1::RollupIdWithProofSystems]),
    Sorted(Vec<U256>),
}

impl<'a> RollupSet<'a> {
    pub(super) fn of(rows: &'a [l1::RollupIdWithProofSystems]) -> Self {
        if rows.windows(2).all(|w| w[0].rollupId < w[1].rollupId) {
            RollupSet::Rows(rows)
        } else {
            let mut ids: Vec<U256> = rows.iter().map(|r| r.rollupId).collect();
            ids.sort_unstable();
            ids.dedup();
            RollupSet::Sorted(ids)
        }
    }

    pub(super) fn contains(&self, id: &U256) -> bool {
        match self {
            RollupSet::Rows(rows) => rows.binary_search_by(|r| r.rollupId.cmp(id)).is_ok(),
            RollupSet::Sorted(ids) => ids.binary_search(id).is_ok(),
        }
    }
}

fn invalid_config() -> Option<ProtocolError> {
    Some(ProtocolError::InvalidProofSystemConfig(IEEZ::InvalidProofSystemConfig {}))
}

fn not_in_batch(id: U256) -> Option<ProtocolError> {
    Some(ProtocolError::RollupNotInBatch(IEEZ::RollupNotInBatch { rollupId: id }))
}

/// The §6.1 checks in contract order; every violation is pushed, in that order.
pub(super) fn check(
    batch: &l1::ProofSystemBatchPerVerificationEntries,
    ctx: &ValidationContext,
    rollups: &RollupSet<'_>,
    report: &mut ValidationReport,
) {
    let out = &mut report.structural;
    let root = Path::Root("");
    if ctx.batch_in_flight {
        out.push(Finding::new(
            Rule::PostBatchReentry,
            &root,
            "a postAndVerifyBatch is already mid-flight in this transaction (transient table not empty)".into(),
            Some(ProtocolError::PostBatchReentry(IEEZ::PostBatchReentry {})),
        ));
    }
    let ps_path = root.field("proofSystems");
    let ps_count = batch.proofSystems.len();
    if ps_count == 0 {
        out.push(Finding::new(Rule::NoProofSystems, &ps_path, "proofSystems is empty".into(), invalid_config()));
    }
    if ps_count != batch.proofs.len() {
        out.push(Finding::new(
            Rule::ProofCountMismatch,
            &root.field("proofs"),
            format!("{} proofs for {ps_count} proof systems", batch.proofs.len()),
            invalid_config(),
        ));
    }
    let rows_path = root.field("rollupIdsWithProofSystems");
    if batch.rollupIdsWithProofSystems.is_empty() {
        out.push(Finding::new(
            Rule::NoRollups,
            &rows_path,
            "rollupIdsWithProofSystems is empty".into(),
            invalid_config(),
        ));
    }
    let mut prev = Address::ZERO;
    for (i, ps) in batch.proofSystems.iter().enumerate() {
        if *ps <= prev {
            let message = if ps.is_zero() {
                "proof system address 0".to_owned()
            } else {
                format!("{ps} is not above the previous proof system {prev}")
            };
            out.push(Finding::new(
                Rule::ProofSystemsNotAscending,
                &ps_path.index(i),
                message,
                Some(ProtocolError::DuplicateProofSystem(IEEZ::DuplicateProofSystem { proofSystem: *ps })),
            ));
        }
        prev = *ps;
    }
    if ctx.registered_rollups.is_none() && !batch.rollupIdsWithProofSystems.is_empty() {
        report.notes.push(Note::RegisteredRollupsUnknown);
    }
    let mut prev_id = U256::ZERO;
    for (r, row) in batch.rollupIdsWithProofSystems.iter().enumerate() {
        let rp = rows_path.index(r);
        let id_path = rp.field("rollupId");
        if row.rollupId <= prev_id {
            let message = if row.rollupId.is_zero() {
                "rollup id 0".to_owned()
            } else {
                format!("rollup id {} is not above the previous row's {prev_id}", row.rollupId)
            };
            out.push(Finding::new(Rule::RollupIdsNotAscending, &id_path, message, invalid_config()));
        }
        prev_id = row.rollupId;
        if let Some(registered) = &ctx.registered_rollups {
            if !registered.contains(&row.rollupId) {
                out.push(Finding::new(
                    Rule::RollupNotRegistered,
                    &id_path,
                    format!("rollup {} is not registered (rollupContract == 0)", row.rollupId),
                    invalid_config(),
                ));
            }
        }
        let idx_path = rp.field("proofSystemIndex");
        if row.proofSystemIndex.is_empty() {
            out.push(Finding::new(
                Rule::EmptyProofSystemIndex,
                &idx_path,
                format!("rollup {} names no proof system", row.rollupId),
                invalid_config(),
            ));
        }
        let mut prev_index: Option<u64> = None;
        for (j, &k) in row.proofSystemIndex.iter().enumerate() {
            if k >= ps_count as u64 {
                out.push(Finding::new(
                    Rule::ProofSystemIndexOutOfRange,
                    &idx_path.index(j),
                    format!("index {k} but the batch has {ps_count} proof systems"),
                    invalid_config(),
                ));
            } else if let Some(p) = prev_index.filter(|p| k <= *p) {
                out.push(Finding::new(
                    Rule::ProofSystemIndexNotAscending,
                    &idx_path.index(j),
                    format!("index {k} is not above the previous index {p}"),
                    invalid_config(),
                ));
            }
            prev_index = Some(k);
        }
    }
    let entries_path = root.field("entries");
    for (i, e) in batch.entries.iter().enumerate() {
        let ep = entries_path.index(i);
        if !rollups.contains(&e.destinationRollupId) {
            out.push(Finding::new(
                Rule::EntryDestinationNotInBatch,
                &ep.field("destinationRollupId"),
                format!("destination rollup {} is not in rollupIdsWithProofSystems", e.destinationRollupId),
                not_in_batch(e.destinationRollupId),
            ));
        }
        let deltas_path = ep.field("stateDeltas");
        for (j, d) in e.stateDeltas.iter().enumerate() {
            if !rollups.contains(&d.rollupId) {
                out.push(Finding::new(
                    Rule::StateDeltaRollupNotInBatch,
                    &deltas_path.index(j).field("rollupId"),
                    format!("state delta for rollup {}, which is not in rollupIdsWithProofSystems", d.rollupId),
                    not_in_batch(d.rollupId),
                ));
            }
        }
    }
    let lookups_path = root.field("l1ToL2lookupCalls");
    for (i, l) in batch.l1ToL2lookupCalls.iter().enumerate() {
        if !rollups.contains(&l.destinationRollupId) {
            out.push(Finding::new(
                Rule::LookupDestinationNotInBatch,
                &lookups_path.index(i).field("destinationRollupId"),
                format!("destination rollup {} is not in rollupIdsWithProofSystems", l.destinationRollupId),
                not_in_batch(l.destinationRollupId),
            ));
        }
    }
    let te = &batch.transientExecutionEntryCount;
    let tl = &batch.transientLookupCallCount;
    if *te > U256::from(batch.entries.len()) {
        out.push(Finding::new(
            Rule::TransientCountExceedsEntries,
            &root.field("transientExecutionEntryCount"),
            format!("{te} transient entries but the batch has {} entries", batch.entries.len()),
            Some(ProtocolError::TransientCountExceedsEntries(IEEZ::TransientCountExceedsEntries {})),
        ));
    }
    let tl_path = root.field("transientLookupCallCount");
    if *tl > U256::from(batch.l1ToL2lookupCalls.len()) {
        out.push(Finding::new(
            Rule::TransientLookupCountExceedsLookups,
            &tl_path,
            format!("{tl} transient lookups but the batch has {} lookup calls", batch.l1ToL2lookupCalls.len()),
            Some(ProtocolError::TransientLookupCallCountExceedsLookupCalls(
                IEEZ::TransientLookupCallCountExceedsLookupCalls {},
            )),
        ));
    }
    if te.is_zero() && !tl.is_zero() {
        out.push(Finding::new(
            Rule::TransientLookupsWithoutTransientEntries,
            &tl_path,
            format!("{tl} transient lookups but no transient entries: nothing could consume them"),
            Some(ProtocolError::TransientLookupCallsWithoutTransientEntries(
                IEEZ::TransientLookupCallsWithoutTransientEntries {},
            )),
        ));
    }
}
