//! Where each entry and lookup of a posted batch ends up (spec §6.2, §7), with its hash.
//!
//! The first `transientExecutionEntryCount` entries (and `transientLookupCallCount` lookups) are
//! loaded into the in-transaction transient tables; the rest are pushed to the queue of their
//! `destinationRollupId`. The queue index of a queued entry is its position among the queued
//! entries of the same rollup — the index later `ExecutionConsumed` / `L2TXExecuted` /
//! `EntryExecuted` logs carry.

use crate::json::CanonicalJson;
use crate::types::l1::{ExecutionEntry, LookupCall, ProofSystemBatchPerVerificationEntries};
use alloy_primitives::{B256, U256};
use serde_json::{json, Value};
use std::collections::HashMap;

/// Where a batch item is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// In the transient table at this index (consumed, if at all, within the posting transaction).
    Transient {
        /// Index in the transient table (= batch index).
        transient_index: usize,
    },
    /// Pushed to the queue of `rollup_id` at `queue_index`.
    Queued {
        /// The rollup whose queue receives the item.
        rollup_id: U256,
        /// Position among that rollup's queued items of this batch.
        queue_index: usize,
    },
}

impl Placement {
    /// JSON: `{"transient": {"index": "0x0"}}` or `{"queued": {"rollupId": "0x1", "queueIndex": "0x0"}}`.
    pub fn to_json(&self) -> Value {
        match self {
            Placement::Transient { transient_index } => {
                json!({"transient": {"index": (*transient_index as u64).to_json()}})
            }
            Placement::Queued { rollup_id, queue_index } => {
                json!({"queued": {"rollupId": rollup_id.to_json(), "queueIndex": (*queue_index as u64).to_json()}})
            }
        }
    }
}

/// One entry or lookup of a batch, with its hash and placement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemOverview {
    /// Index in `entries` / `l1ToL2lookupCalls`.
    pub index: usize,
    /// `entryHash` or `lookupCallHash`.
    pub hash: B256,
    /// Where the contract loads it.
    pub placement: Placement,
}

/// Every entry and lookup of a batch with hash and placement, in batch order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchOverview {
    /// One row per entry.
    pub entries: Vec<ItemOverview>,
    /// One row per top-level lookup.
    pub lookup_calls: Vec<ItemOverview>,
}

fn place<T>(
    items: &[T],
    transient_count: &U256,
    hash: impl Fn(&T) -> B256,
    rollup: impl Fn(&T) -> U256,
) -> Vec<ItemOverview> {
    let transient = usize::try_from(*transient_count).unwrap_or(usize::MAX);
    let mut next_index: HashMap<U256, usize> = HashMap::new();
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let placement = if index < transient {
                Placement::Transient { transient_index: index }
            } else {
                let rollup_id = rollup(item);
                let slot = next_index.entry(rollup_id).or_default();
                let queue_index = *slot;
                *slot += 1;
                Placement::Queued { rollup_id, queue_index }
            };
            ItemOverview { index, hash: hash(item), placement }
        })
        .collect()
}

impl BatchOverview {
    /// Computes hashes and placements of every item of `batch`.
    pub fn of(batch: &ProofSystemBatchPerVerificationEntries) -> Self {
        BatchOverview {
            entries: place(&batch.entries, &batch.transientExecutionEntryCount, ExecutionEntry::hash, |e| {
                e.destinationRollupId
            }),
            lookup_calls: place(&batch.l1ToL2lookupCalls, &batch.transientLookupCallCount, LookupCall::hash, |l| {
                l.destinationRollupId
            }),
        }
    }

    /// The entry hashes in batch order (what `sharedPublicInput` binds).
    pub fn entry_hashes(&self) -> Vec<B256> {
        self.entries.iter().map(|e| e.hash).collect()
    }

    /// The lookup-call hashes in batch order.
    pub fn lookup_call_hashes(&self) -> Vec<B256> {
        self.lookup_calls.iter().map(|l| l.hash).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_indices_count_per_rollup_after_the_transient_prefix() {
        let entry = |rid: u64| ExecutionEntry { destinationRollupId: U256::from(rid), ..Default::default() };
        let batch = ProofSystemBatchPerVerificationEntries {
            entries: vec![entry(2), entry(1), entry(2), entry(1), entry(2)],
            transientExecutionEntryCount: U256::from(1),
            ..Default::default()
        };
        let overview = BatchOverview::of(&batch);
        let placements: Vec<_> = overview.entries.iter().map(|e| e.placement).collect();
        assert_eq!(
            placements,
            vec![
                Placement::Transient { transient_index: 0 },
                Placement::Queued { rollup_id: U256::from(1), queue_index: 0 },
                Placement::Queued { rollup_id: U256::from(2), queue_index: 0 },
                Placement::Queued { rollup_id: U256::from(1), queue_index: 1 },
                Placement::Queued { rollup_id: U256::from(2), queue_index: 1 },
            ]
        );
        assert_eq!(overview.entries[3].hash, batch.entries[3].hash());
    }
}
