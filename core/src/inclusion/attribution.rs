//! The attribution state machine behind [`consumption_evidence`](super::consumption_evidence):
//! walks the manager's logs in order and assigns each execution to an entry of the batch when,
//! and only when, every check the contract made holds (rules in the `consumption` module doc).
//!
//! A consumption is a segment `[L2TXExecuted] ExecutionConsumed … L2ExecutionPerformed* …
//! EntryExecuted`; an immediate entry's segment is `L2ExecutionPerformed* … EntryExecuted` or a
//! lone `ImmediateEntrySkipped`. Consumptions never nest (reentrant proxy calls take the nested
//! path and `executeL2TX` is refused inside execution), and a failed execution reverts its logs,
//! so a segment is always closed by the next `EntryExecuted`.

use super::consumption::{decode, decode_skip, queue_positions};
use super::evidence::{
    ConsumedVia, Consumption, ConsumptionReport, EntryEvidence, EntryFate, IndexSpace, LogRef, Skip, UnattributedLog,
};
use super::posting::PostedBatch;
use crate::abi::events::L1Event;
use crate::types::l1::ExecutionEntry;
use alloy_primitives::{B256, U256};
use std::collections::HashMap;

/// An opened consumption (`ExecutionConsumed` seen, `EntryExecuted` pending).
struct Open {
    at: LogRef,
    event: L1Event,
    l2tx: Option<(LogRef, L1Event)>,
    space: IndexSpace,
    index: U256,
    rollup_id: U256,
    hash: B256,
    /// The entry it names, or why it names none of this batch.
    entry: Result<usize, String>,
}

/// The fields of an `EntryExecuted` log.
struct Closing {
    index: U256,
    rolling_hash: B256,
    processed: U256,
    consumed: U256,
}

pub(super) struct Attribution<'a> {
    posted: &'a PostedBatch,
    queue: HashMap<(U256, usize), usize>,
    fates: Vec<EntryFate>,
    unattributed: Vec<UnattributedLog>,
    open: Option<Open>,
    l2tx: Option<(LogRef, L1Event)>,
    updates: Vec<(LogRef, L1Event, U256, B256)>,
    pub(super) superseded_at: Option<LogRef>,
}

impl<'a> Attribution<'a> {
    pub(super) fn new(posted: &'a PostedBatch) -> Self {
        Attribution {
            posted,
            queue: queue_positions(posted),
            fates: vec![EntryFate::NoEvidence; posted.batch.entries.len()],
            unattributed: Vec::new(),
            open: None,
            l2tx: None,
            updates: Vec::new(),
            superseded_at: None,
        }
    }

    fn reject(&mut self, at: LogRef, event: Option<L1Event>, reason: impl Into<String>) {
        self.unattributed.push(UnattributedLog { at, event, reason: reason.into() });
    }

    /// Reads one manager log of the given index space.
    pub(super) fn feed(&mut self, at: LogRef, topics: &[B256], data: &[u8], space: IndexSpace) {
        let event = match decode(topics, data) {
            Ok(e) => e,
            Err(reason) => return self.reject(at, None, reason),
        };
        match &event {
            L1Event::L2TXExecuted(_) => {
                self.flush_l2tx("L2TXExecuted not followed by its ExecutionConsumed(0, rollupId, index)");
                self.l2tx = Some((at, event));
            }
            L1Event::ExecutionConsumed(e) => {
                let (hash, rollup_id, index) = (e.crossChainCallHash, e.rollupId, e.executionQueueIndex);
                self.flush_open("consumption never closed by an EntryExecuted");
                let l2tx = match self.l2tx.take() {
                    Some((l_at, L1Event::L2TXExecuted(l)))
                        if hash == B256::ZERO && l.rollupId == rollup_id && l.executionQueueIndex == index =>
                    {
                        Some((l_at, L1Event::L2TXExecuted(l)))
                    }
                    Some((l_at, l_event)) => {
                        self.reject(l_at, Some(l_event), "L2TXExecuted not followed by its ExecutionConsumed");
                        None
                    }
                    None => None,
                };
                let entry = self.resolve(space, hash, rollup_id, index);
                self.drop_updates("L2ExecutionPerformed outside any consumption");
                self.open = Some(Open { at, event, l2tx, space, index, rollup_id, hash, entry });
            }
            L1Event::L2ExecutionPerformed(e) => {
                let (rollup, state) = (e.rollupId, e.newState);
                self.updates.push((at, event, rollup, state));
            }
            L1Event::EntryExecuted(e) => {
                let closing = Closing {
                    index: e.entryIndex,
                    rolling_hash: e.rollingHash,
                    processed: e.l2ToL1CallsProcessed,
                    consumed: e.l1ToL2CallsConsumed,
                };
                self.executed(at, event, closing, space)
            }
            L1Event::ImmediateEntrySkipped(e) => {
                let (index, revert_data) = (e.transientIdx, e.revertData.clone());
                self.flush_open("consumption never closed by an EntryExecuted");
                self.drop_updates("L2ExecutionPerformed outside any execution");
                let i = usize::try_from(index).ok().filter(|i| *i < self.posted.immediate_run);
                match i {
                    Some(i) if space == IndexSpace::Transient && self.fates[i] == EntryFate::NoEvidence => {
                        let error = decode_skip(&revert_data);
                        self.fates[i] = EntryFate::Skipped(Skip { transient_index: i, revert_data, error, at });
                    }
                    Some(_) if space == IndexSpace::Transient => {
                        self.reject(at, Some(event), "the entry already has evidence")
                    }
                    _ => self.reject(
                        at,
                        Some(event),
                        format!(
                            "only entries of the immediate run (transient indices below {}) are skipped, in the \
                             posting transaction",
                            self.posted.immediate_run
                        ),
                    ),
                }
            }
            _ => {}
        }
    }

    /// The entry an `ExecutionConsumed(hash, rollupId, index)` names, with the contract's checks.
    fn resolve(&self, space: IndexSpace, hash: B256, rollup_id: U256, index: U256) -> Result<usize, String> {
        let entries = &self.posted.batch.entries;
        let i = match space {
            IndexSpace::Transient => {
                let transient = usize::try_from(self.posted.batch.transientExecutionEntryCount)
                    .unwrap_or(usize::MAX)
                    .min(entries.len());
                usize::try_from(index).ok().filter(|i| *i < transient).ok_or_else(|| {
                    format!("transient index {index} is outside the batch's {transient} transient entries")
                })?
            }
            IndexSpace::Queue => {
                usize::try_from(index).ok().and_then(|q| self.queue.get(&(rollup_id, q)).copied()).ok_or_else(|| {
                    format!(
                        "this batch queued no entry at index {index} for rollup {rollup_id}: the log refers to \
                         another batch's queue"
                    )
                })?
            }
        };
        let entry = &entries[i];
        if entry.proxyEntryHash != hash {
            return Err(format!(
                "crossChainCallHash {hash} differs from entries[{i}].proxyEntryHash {}",
                entry.proxyEntryHash
            ));
        }
        if space == IndexSpace::Transient && entry.destinationRollupId != rollup_id {
            return Err(format!(
                "rollupId {rollup_id} differs from entries[{i}].destinationRollupId {}",
                entry.destinationRollupId
            ));
        }
        if self.fates[i] != EntryFate::NoEvidence {
            return Err(format!("entries[{i}] already has evidence"));
        }
        Ok(i)
    }

    /// Closes the current segment with `EntryExecuted` (`event`, its fields in `closing`).
    fn executed(&mut self, at: LogRef, event: L1Event, closing: Closing, space: IndexSpace) {
        let Closing { index, rolling_hash, processed, consumed } = closing;
        let updates = std::mem::take(&mut self.updates);
        let (target, open) = match self.open.take() {
            Some(open) if open.index != index => {
                let reason = format!("EntryExecuted index {index} differs from the consumption's {}", open.index);
                self.reject_segment(Some(open), &updates, at, event, &reason);
                return;
            }
            Some(open) => (open.entry.clone(), Some(open)),
            None => {
                let immediate = usize::try_from(index).ok().filter(|i| *i < self.posted.immediate_run);
                match immediate {
                    Some(i) if space == IndexSpace::Transient && self.fates[i] == EntryFate::NoEvidence => {
                        (Ok(i), None)
                    }
                    Some(i) if space == IndexSpace::Transient => {
                        (Err(format!("entries[{i}] already has evidence")), None)
                    }
                    _ => (
                        Err("EntryExecuted without a preceding ExecutionConsumed, and not an immediate entry".into()),
                        None,
                    ),
                }
            }
        };
        let checked =
            target.and_then(|i| check_execution(&self.posted.batch.entries[i], i, rolling_hash, &updates).map(|()| i));
        let i = match checked {
            Ok(i) => i,
            Err(reason) => return self.reject_segment(open, &updates, at, event, &reason),
        };
        let consumption = Consumption {
            via: match &open {
                None => ConsumedVia::Immediate,
                Some(o) if o.l2tx.is_some() => ConsumedVia::ExecuteL2TX,
                Some(_) => ConsumedVia::ProxyCall,
            },
            index_space: space,
            index,
            rollup_id: open.as_ref().map(|o| o.rollup_id),
            cross_chain_call_hash: open.as_ref().map(|o| o.hash),
            l2tx_executed_at: open.as_ref().and_then(|o| o.l2tx.as_ref().map(|l| l.0)),
            consumed_at: open.as_ref().map(|o| o.at),
            executed_at: at,
            rolling_hash,
            l2_to_l1_calls_processed: processed,
            l1_to_l2_calls_consumed: consumed,
            state_updates: updates.iter().map(|u| (u.2, u.3)).collect(),
        };
        debug_assert!(open.as_ref().is_none_or(|o| o.space == space));
        self.fates[i] = EntryFate::Consumed(consumption);
    }

    /// Lists a whole segment (its opening logs, state updates and closing log) as unattributed.
    fn reject_segment(
        &mut self,
        open: Option<Open>,
        updates: &[(LogRef, L1Event, U256, B256)],
        at: LogRef,
        event: L1Event,
        reason: &str,
    ) {
        if let Some(open) = open {
            if let Some((l_at, l_event)) = open.l2tx {
                self.reject(l_at, Some(l_event), reason);
            }
            self.reject(open.at, Some(open.event), reason);
        }
        for (u_at, u_event, _, _) in updates {
            self.reject(*u_at, Some(u_event.clone()), reason);
        }
        self.reject(at, Some(event), reason);
    }

    fn flush_l2tx(&mut self, reason: &str) {
        if let Some((at, event)) = self.l2tx.take() {
            self.reject(at, Some(event), reason);
        }
    }

    fn flush_open(&mut self, reason: &str) {
        if let Some(open) = self.open.take() {
            if let Some((l_at, l_event)) = open.l2tx {
                self.reject(l_at, Some(l_event), reason);
            }
            self.reject(open.at, Some(open.event), reason);
        }
    }

    fn drop_updates(&mut self, reason: &str) {
        for (at, event, _, _) in std::mem::take(&mut self.updates) {
            self.reject(at, Some(event), reason);
        }
    }

    /// Ends a phase: whatever is still open cannot be completed by logs of another index space.
    pub(super) fn end_phase(&mut self) {
        self.flush_l2tx("L2TXExecuted not followed by its ExecutionConsumed");
        self.flush_open("consumption never closed by an EntryExecuted");
        self.drop_updates("L2ExecutionPerformed outside any execution");
    }

    pub(super) fn finish(self, later_receipts: usize) -> ConsumptionReport {
        let posted = self.posted;
        let entries = self
            .fates
            .into_iter()
            .zip(&posted.overview.entries)
            .map(|(fate, item)| EntryEvidence {
                index: item.index,
                hash: item.hash,
                placement: item.placement,
                immediate: item.index < posted.immediate_run,
                fate,
            })
            .collect();
        ConsumptionReport {
            entries,
            unattributed: self.unattributed,
            superseded_at: self.superseded_at,
            later_receipts,
        }
    }
}

/// The checks the contract made before emitting `EntryExecuted` for `entry` (§6.3 steps 2 and 4):
/// its `L2ExecutionPerformed(rollupId, newState)` logs are its deltas in order, and the rolling
/// hash is its own.
fn check_execution(
    entry: &ExecutionEntry,
    i: usize,
    rolling_hash: B256,
    updates: &[(LogRef, L1Event, U256, B256)],
) -> Result<(), String> {
    if rolling_hash != entry.rollingHash {
        return Err(format!(
            "EntryExecuted.rollingHash {rolling_hash} differs from entries[{i}].rollingHash {}",
            entry.rollingHash
        ));
    }
    let deltas: Vec<(U256, B256)> = entry.stateDeltas.iter().map(|d| (d.rollupId, d.newState)).collect();
    let logged: Vec<(U256, B256)> = updates.iter().map(|u| (u.2, u.3)).collect();
    if deltas != logged {
        return Err(format!(
            "the L2ExecutionPerformed logs ({} of them) are not entries[{i}].stateDeltas ({} deltas)",
            logged.len(),
            deltas.len()
        ));
    }
    Ok(())
}
