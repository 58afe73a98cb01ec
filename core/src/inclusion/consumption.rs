//! Step 3 of batch membership (spec §6.2, §6.3, §7 item 4, §8.10): what happened to each entry
//! of a posted batch, read from the manager's logs in the posting receipt and later receipts.
//!
//! Only logs emitted by the manager address are read, decoded with [`decode_l1_log`]. Indices in
//! those logs live in two spaces (§8.10):
//!
//! * **transient phase** — logs of the posting receipt after the previous `BatchPosted` of the
//!   manager in that receipt (if any) and before this batch's `BatchPosted`: `entryIndex` /
//!   `transientIdx` / `executionQueueIndex` is the transient index (= batch index). Immediate
//!   entries (the leading transient run with `proxyEntryHash == 0`) leave `EntryExecuted(i, …)`
//!   or `ImmediateEntrySkipped(i, revertData)`; entries the poster's meta hook consumes leave
//!   `ExecutionConsumed(H, rid, i)` (after `L2TXExecuted(rid, i)` for `executeL2TX`) and then
//!   `EntryExecuted(i, …)`.
//! * **queue phase** — logs after this batch's `BatchPosted` (rest of the posting receipt, then
//!   every later receipt in order): `ExecutionConsumed(H, rid, q)` names the entry queued for
//!   rollup `rid` at per-rollup queue index `q`; the `EntryExecuted(q, …)` that follows closes it.
//!   A queue is that of the *latest* batch that verified the rollup in that block, so a further
//!   `BatchPosted` of the manager ends attribution (`superseded_at`): later logs may refer to
//!   another batch's queue. Queued entries can only be consumed in the posting block (block gate,
//!   §6.3), so later receipts must be from that block and after the posting transaction: a
//!   receipt naming another block, repeating the posting transaction or with a `logIndex` not
//!   after the posting's `BatchPosted` is rejected ([`Error::InvalidArgument`]).
//!
//! A consumption is attributed only when every check the contract itself made holds for the
//! entry: `H == proxyEntryHash` (and `rid == destinationRollupId` in the transient phase), the
//! `EntryExecuted` index equals the consumption's, its `rollingHash` equals the entry's, and the
//! `L2ExecutionPerformed(rollupId, newState)` logs between them are exactly the entry's
//! `stateDeltas`. Anything else — a log of another batch, a rollup this batch did not verify, a
//! second consumption of the same entry — is listed as unattributed with the reason.

use super::evidence::{ConsumptionReport, IndexSpace, LogRef};
use super::posting::PostedBatch;
use crate::abi::events::{decode_l1_log, L1Event};
use crate::abi::revert::{decode_revert, ProtocolError};
use crate::batch::Placement;
use crate::error::{Error, Result};
use crate::receipt::{Receipt, ReceiptLog};
use alloy_primitives::{Address, B256, U256};
use std::collections::HashMap;

/// Reads the fate of every entry of `posted` from `posting_receipt` (the receipt `posted` was
/// verified with) and `later` receipts of the same block, in block order.
pub fn consumption_evidence(
    posted: &PostedBatch,
    posting_receipt: &Receipt,
    later: &[Receipt],
) -> Result<ConsumptionReport> {
    check_receipts(posted, posting_receipt, later)?;
    let mut run = super::attribution::Attribution::new(posted);
    let bp = posted.batch_posted_log;
    let manager = posted.manager;
    let posting: Vec<(usize, &ReceiptLog)> = manager_logs(posting_receipt, manager).collect();
    // The transient phase starts after the manager's previous BatchPosted in this receipt, if any.
    let window_start =
        posting.iter().rev().find(|(i, l)| *i < bp && is_batch_posted(&l.topics)).map_or(0, |(i, _)| i + 1);
    for (i, log) in posting.iter().filter(|(i, _)| (window_start..bp).contains(i)) {
        run.feed(LogRef { later: None, log: *i }, &log.topics, &log.data, IndexSpace::Transient);
    }
    run.end_phase();
    let tail = posting.iter().filter(|(i, _)| *i > bp).map(|(i, l)| (LogRef { later: None, log: *i }, *l));
    // A failed transaction has no logs: anything a failed receipt lists is not read.
    let rest = later
        .iter()
        .enumerate()
        .filter(|(_, r)| r.success)
        .flat_map(|(k, r)| manager_logs(r, manager).map(move |(i, l)| (LogRef { later: Some(k), log: i }, l)));
    for (at, log) in tail.chain(rest) {
        if is_batch_posted(&log.topics) {
            run.end_phase();
            run.superseded_at = Some(at);
            break;
        }
        run.feed(at, &log.topics, &log.data, IndexSpace::Queue);
    }
    run.end_phase();
    Ok(run.finish(later.len()))
}

fn manager_logs(receipt: &Receipt, manager: Address) -> impl Iterator<Item = (usize, &ReceiptLog)> {
    receipt.logs.iter().enumerate().filter(move |(_, l)| l.address == manager)
}

fn is_batch_posted(topics: &[B256]) -> bool {
    use alloy_sol_types::SolEvent;
    topics.first() == Some(&crate::types::l1::IEEZ::BatchPosted::SIGNATURE_HASH)
}

/// The receipts must be the posting one and later ones of the same block, in block order.
fn check_receipts(posted: &PostedBatch, posting: &Receipt, later: &[Receipt]) -> Result<()> {
    let bp = posting.logs.get(posted.batch_posted_log);
    if bp.is_none_or(|l| l.address != posted.manager || !is_batch_posted(&l.topics))
        || posting.transaction_hash != posted.transaction_hash
    {
        return Err(Error::invalid("receipt", "not the receipt the batch was verified with"));
    }
    let mut last_index = posted.batch_posted_log_index;
    let mut check_order = |path: String, index: Option<u64>| -> Result<()> {
        if let (Some(prev), Some(now)) = (last_index, index) {
            if now <= prev {
                return Err(Error::invalid(
                    path,
                    format!(
                        "logIndex {now} is not after logIndex {prev}: later receipts must follow the posting \
                         transaction, in block order"
                    ),
                ));
            }
        }
        last_index = index.or(last_index);
        Ok(())
    };
    for (j, log) in posting.logs.iter().enumerate().skip(posted.batch_posted_log + 1) {
        check_order(format!("receipt.logs[{j}].logIndex"), log.log_index)?;
    }
    for (k, r) in later.iter().enumerate() {
        let at = |field: &str| format!("laterReceipts[{k}].{field}");
        if r.transaction_hash.is_some() && r.transaction_hash == posted.transaction_hash {
            return Err(Error::invalid(at("transactionHash"), "this is the posting transaction's receipt"));
        }
        if let (Some(want), Some(got)) = (posted.block_number, r.block_number) {
            if want != got {
                return Err(Error::invalid(
                    at("blockNumber"),
                    format!(
                        "block {got}, but the batch was posted in block {want}: its queued entries can only be \
                         consumed in that block (ExecutionNotInCurrentBlock), so this receipt holds no evidence \
                         for this batch"
                    ),
                ));
            }
        }
        if let (Some(want), Some(got)) = (posted.block_hash, r.block_hash) {
            if want != got {
                return Err(Error::invalid(
                    at("blockHash"),
                    format!("block {got}, but the batch was posted in block {want}"),
                ));
            }
        }
        for (j, log) in r.logs.iter().enumerate() {
            check_order(format!("laterReceipts[{k}].logs[{j}].logIndex"), log.log_index)?;
        }
    }
    Ok(())
}

/// Decodes one manager log; `Err` carries the reason it does not decode.
pub(super) fn decode(topics: &[B256], data: &[u8]) -> std::result::Result<L1Event, String> {
    decode_l1_log(topics, data).map_err(|e| format!("does not decode as an EEZ event: {e}"))
}

pub(super) fn decode_skip(revert_data: &[u8]) -> std::result::Result<ProtocolError, String> {
    decode_revert(revert_data).map_err(|e| e.to_string())
}

pub(super) fn queue_positions(posted: &PostedBatch) -> HashMap<(U256, usize), usize> {
    posted
        .overview
        .entries
        .iter()
        .filter_map(|e| match e.placement {
            Placement::Queued { rollup_id, queue_index } => Some(((rollup_id, queue_index), e.index)),
            Placement::Transient { .. } => None,
        })
        .collect()
}
