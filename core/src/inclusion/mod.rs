//! Batch membership (spec §6.2, §7): confirm from the raw `postAndVerifyBatch` transaction input
//! and its receipt that an entry or lookup call is part of a batch the L1 manager accepted, where
//! it was placed, and what later happened to it.
//!
//! 1. [`verify_posting`] — selector, decode as the contract reads it (layout reported), receipt status, the manager's `BatchPosted`
//!    log with the batch's rollup count, every hash recomputed, `sharedPublicInput`.
//! 2. [`PostedBatch::find`] — the item, named in full, by its hash, or by its trigger hash
//!    ([`ItemQuery`]); every match with its batch index, transient/queued placement, per-rollup
//!    queue index, and whether it ran in the immediate run.
//! 3. [`consumption_evidence`] — per entry: consumed (`ExecutionConsumed` / `L2TXExecuted` /
//!    `EntryExecuted`), skipped (`ImmediateEntrySkipped` with the decoded error) or no evidence.
//!
//! [`verify_membership`] runs all three. Rejections carry the 6xx codes
//! ([`ErrorCode::MembershipNotABatch`](crate::ErrorCode::MembershipNotABatch) …); decode errors
//! of the input keep their 1xx codes. The format and the attribution rules are in
//! `docs/MEMBERSHIP.md`.

mod attribution;
mod consumption;
mod evidence;
mod membership;
mod posting;

pub use consumption::consumption_evidence;
pub use evidence::{
    ConsumedVia, Consumption, ConsumptionReport, EntryEvidence, EntryFate, IndexSpace, LogRef, Skip, UnattributedLog,
};
pub use membership::{ItemKind, ItemQuery, MembershipMatch, ITEM_QUERY_FORMS};
pub use posting::{verify_posting, PostedBatch, PostingOptions, SharedPublicInputStatus};

use crate::abi::mode::Layout;
use crate::abi::revert::{decode_revert, ProtocolError};
use crate::batch::Placement;
use crate::error::Result;
use crate::json::CanonicalJson;
use crate::receipt::Receipt;
use crate::verdict::Verdict;
use alloy_primitives::Address;
use serde_json::{json, Value};
use std::fmt::Write as _;

/// Everything a membership check takes.
#[derive(Debug, Clone, Copy)]
pub struct MembershipRequest<'a> {
    /// The posting transaction's input (`postAndVerifyBatch` calldata).
    pub tx_input: &'a [u8],
    /// Its receipt.
    pub receipt: &'a Receipt,
    /// The L1 manager (EEZ) address.
    pub manager: Address,
    /// The item.
    pub query: &'a ItemQuery,
    /// Transaction hash and blob hashes, when known.
    pub options: &'a PostingOptions,
    /// Receipts of later transactions of the posting block, in block order (consumption evidence).
    pub later_receipts: &'a [Receipt],
}

/// A confirmed membership.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipReport {
    /// The verified posting.
    pub posted: PostedBatch,
    /// The query.
    pub query: ItemQuery,
    /// Every matching item (at least one).
    pub matches: Vec<MembershipMatch>,
    /// The fate of every entry of the batch.
    pub consumption: ConsumptionReport,
}

/// Steps 1–3 of the module doc; no match is
/// [`MembershipItemNotFound`](crate::ErrorCode::MembershipItemNotFound) (604).
pub fn verify_membership(request: &MembershipRequest<'_>) -> Result<MembershipReport> {
    let posted = verify_posting(request.tx_input, request.receipt, request.manager, request.options)?;
    let matches = posted.find(request.query)?;
    let consumption = consumption_evidence(&posted, request.receipt, request.later_receipts)?;
    Ok(MembershipReport { posted, query: request.query.clone(), matches, consumption })
}

/// What a result of [`verify_membership`] means for the item: [`Verdict::Included`] for a
/// report, else [`Verdict::of_error`] (604 item not found and 602 failed posting are *not
/// included*; everything that makes the input unusable is *cannot decide*).
pub fn membership_verdict(result: &Result<MembershipReport>) -> Verdict {
    match result {
        Ok(_) => Verdict::Included,
        Err(e) => Verdict::of_error(e),
    }
}

impl MembershipReport {
    /// The consumption row of a matched entry (`None` for lookup calls: they leave no log, §7).
    pub fn evidence(&self, m: &MembershipMatch) -> Option<&EntryEvidence> {
        match m.kind {
            ItemKind::Entry => self.consumption.entry(m.index),
            ItemKind::LookupCall => None,
        }
    }

    /// JSON: `{"verdict": "included", "valid": true, "batch": PostedBatch, "query", "matches":
    /// [MembershipMatch + "evidence": EntryEvidence | null], "unattributed", "supersededAt",
    /// "laterReceipts"}`.
    pub fn to_json(&self) -> Value {
        let matches: Vec<Value> = self
            .matches
            .iter()
            .map(|m| {
                let mut v = m.to_json();
                v["evidence"] = self.evidence(m).map_or(Value::Null, EntryEvidence::to_json);
                v
            })
            .collect();
        let c = self.consumption.to_json();
        json!({
            "verdict": Verdict::Included.name(),
            "valid": true,
            "batch": self.posted.to_json(),
            "query": self.query.to_json(),
            "matches": matches,
            "unattributed": c["unattributed"],
            "supersededAt": c["supersededAt"],
            "laterReceipts": c["laterReceipts"],
        })
    }

    /// Human-readable lines (the CLI's output after `INCLUDED`).
    pub fn to_text(&self) -> String {
        let p = &self.posted;
        let mut out = String::new();
        let tx = p.transaction_hash.map_or_else(|| "(no transactionHash)".to_owned(), |h| h.to_string());
        let block = p.block_number.map_or_else(|| "block unknown".to_owned(), |n| format!("block {n}"));
        let via = match p.receipt_to {
            Some(to) if to == p.manager => "called directly".to_owned(),
            Some(to) => format!("through {to} (not the manager: a batcher contract)"),
            None => "receipt names no `to`".to_owned(),
        };
        let _ = writeln!(out, "posting: tx {tx}, {block}, manager {} ({via})", p.manager);
        match &p.layout {
            Layout::Canonical => {
                let _ = writeln!(out, "calldata: canonical encoding");
            }
            Layout::NonCanonical(d) => {
                let _ = writeln!(
                    out,
                    "calldata: WARNING non-canonical encoding, accepted by the contract as laid out (values as the \
                     contract read them); first deviation at offset {} ({}, {}): {}",
                    d.offset,
                    d.path,
                    d.kind.name(),
                    d.message
                );
            }
        }
        let _ = writeln!(
            out,
            "batch: entries {} (transient {}, immediate run {}), lookup calls {} (transient {}), rollups {}; \
             BatchPosted at receipt log {}",
            p.batch.entries.len(),
            p.batch.transientExecutionEntryCount,
            p.immediate_run,
            p.batch.l1ToL2lookupCalls.len(),
            p.batch.transientLookupCallCount,
            p.rollup_count(),
            p.batch_posted_log
        );
        match &p.shared_public_input {
            SharedPublicInputStatus::Computed { value, .. } => {
                let _ = writeln!(out, "sharedPublicInput: {value}");
            }
            SharedPublicInputStatus::NotComputed { reason } => {
                let _ = writeln!(out, "sharedPublicInput: not computed: {reason}");
            }
        }
        let _ = writeln!(
            out,
            "query: {} ({} match{})",
            self.query.describe(),
            self.matches.len(),
            plural(self.matches.len())
        );
        for m in &self.matches {
            let _ = writeln!(out, "{}", match_line(m));
            match self.evidence(m) {
                None => {
                    let _ = writeln!(out, "    evidence: none possible (lookup calls leave no log, §7)");
                }
                Some(e) => {
                    let _ = writeln!(out, "    {}", evidence_line(e));
                }
            }
        }
        if !self.consumption.unattributed.is_empty() {
            let _ = writeln!(out, "unattributed manager logs: {}", self.consumption.unattributed.len());
            for u in &self.consumption.unattributed {
                let name = u.event.as_ref().map_or("(undecodable)", |e| e.name());
                let _ = writeln!(out, "    {} {name}: {}", u.at, u.reason);
            }
        }
        if let Some(at) = self.consumption.superseded_at {
            let _ = writeln!(out, "another BatchPosted at {at}: logs from there on were not read");
        }
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "es"
    }
}

fn match_line(m: &MembershipMatch) -> String {
    let place = match m.placement {
        Placement::Transient { transient_index } if m.immediate => {
            format!("transient index {transient_index}, immediate (run inside postAndVerifyBatch)")
        }
        Placement::Transient { transient_index } => format!("transient index {transient_index}"),
        Placement::Queued { rollup_id, queue_index } => {
            format!("queued for rollup {rollup_id} at queue index {queue_index}")
        }
    };
    format!("  {} {} hash {}: {place}", m.kind.name(), m.index, m.hash)
}

fn evidence_line(e: &EntryEvidence) -> String {
    match &e.fate {
        EntryFate::Consumed(c) => {
            let opened = match (c.consumed_at, c.rollup_id) {
                (Some(at), Some(rid)) => {
                    format!(
                        ", ExecutionConsumed({}, rollup {rid}, {}) at {at}",
                        c.cross_chain_call_hash.unwrap_or_default(),
                        c.index
                    )
                }
                _ => String::new(),
            };
            format!(
                "consumed via {} ({} index {}){opened}, EntryExecuted at {} (rolling hash {} matches, {} state \
                 updates)",
                c.via.name(),
                c.index_space.name(),
                c.index,
                c.executed_at,
                c.rolling_hash,
                c.state_updates.len()
            )
        }
        EntryFate::Skipped(s) => {
            let error = match &s.error {
                Ok(ProtocolError::UnexpectedContextRevert(inner)) => match decode_revert(&inner.revertData) {
                    Ok(cause) => format!("UnexpectedContextRevert({} {})", cause.name(), cause.to_json()["args"]),
                    Err(_) => format!("UnexpectedContextRevert({})", inner.revertData),
                },
                Ok(err) => format!("{} {}", err.name(), err.to_json()["args"]),
                Err(reason) => format!("undecodable revert data ({reason})"),
            };
            format!("skipped: ImmediateEntrySkipped({}) at {}: {error}", s.transient_index, s.at)
        }
        EntryFate::NoEvidence => format!("no evidence: {}", e.no_evidence_note()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, ErrorCode};

    #[test]
    fn membership_verdicts_never_dress_one_answer_as_another() {
        let verdict = |code| membership_verdict(&Err(Error::rejected(code, "x")));
        assert_eq!(verdict(ErrorCode::MembershipItemNotFound), Verdict::NotIncluded);
        assert_eq!(verdict(ErrorCode::MembershipReceiptFailed), Verdict::NotIncluded);
        for code in [
            ErrorCode::MembershipNotABatch,
            ErrorCode::MembershipNoBatchPosted,
            ErrorCode::MembershipReceiptMismatch,
            ErrorCode::ReceiptMalformed,
        ] {
            assert_eq!(verdict(code), Verdict::CannotDecide, "{code}");
        }
        // Calldata the contract would refuse cannot be the input of a successful posting.
        let truncated = crate::abi::calldata::decode_post_and_verify_batch(&[0x8b, 0x1a, 0x09, 0x5a]).unwrap_err();
        assert_eq!(membership_verdict(&Err(truncated)), Verdict::CannotDecide);
        assert_eq!(membership_verdict(&Err(crate::json::parse_json("{").unwrap_err())), Verdict::CannotDecide);
    }
}
