//! Batch membership (spec §6.2, §7; docs/MEMBERSHIP.md): from the raw `postAndVerifyBatch`
//! transaction input and its receipt, confirm that an entry or lookup call is part of a batch the
//! L1 manager accepted, where it was placed, and what the manager's logs say happened to it.
//! Core's `verify_membership` does every check; rejections are `Membership` errors (601–606) or
//! `Abi` errors when the contract would not decode the input, each with its [`Verdict`]. The
//! input is read as the contract's ABI decoder reads it: a re-encoded copy of an accepted batch is
//! that batch, reported with its non-canonical [`CalldataLayout`].

use crate::entry::{ExecutionEntry, LookupCall, Mirror};
use crate::error::{Result, Verdict};
use crate::value::{json, parse, parse_all, text};
use exectable::abi::layout::Path;
use exectable::abi::mode::Layout;
use exectable::batch;
use exectable::inclusion::{self, verify_membership, MembershipRequest, PostingOptions};
use exectable::public_inputs::BlobSource;
use exectable::receipt::Receipt;

/// How the caller names the item.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ItemQuery {
    /// A full L1 entry (its entry hash is computed).
    Entry {
        /// The entry.
        entry: ExecutionEntry,
    },
    /// A full L1 lookup call.
    LookupCall {
        /// The lookup call.
        lookup_call: LookupCall,
    },
    /// bytes32: `keccak256(abi.encode(entry))`.
    EntryHash {
        /// The hash.
        hash: String,
    },
    /// bytes32: `keccak256(abi.encode(lookupCall))`.
    LookupCallHash {
        /// The hash.
        hash: String,
    },
    /// bytes32: an entry's `proxyEntryHash` (the cross-chain call hash that triggers it); may
    /// match several entries.
    ProxyEntryHash {
        /// The hash.
        hash: String,
    },
    /// bytes32: a top-level lookup call's `crossChainCallHash`.
    CrossChainCallHash {
        /// The hash.
        hash: String,
    },
}

impl ItemQuery {
    fn to_core(&self) -> Result<inclusion::ItemQuery> {
        let root = Path::Root("query");
        Ok(match self {
            ItemQuery::Entry { entry } => inclusion::ItemQuery::Entry(Box::new(entry.to_core(&root.field("entry"))?)),
            ItemQuery::LookupCall { lookup_call } => {
                inclusion::ItemQuery::LookupCall(Box::new(lookup_call.to_core(&root.field("lookupCall"))?))
            }
            ItemQuery::EntryHash { hash } => inclusion::ItemQuery::EntryHash(parse(hash, &root.field("entryHash"))?),
            ItemQuery::LookupCallHash { hash } => {
                inclusion::ItemQuery::LookupCallHash(parse(hash, &root.field("lookupCallHash"))?)
            }
            ItemQuery::ProxyEntryHash { hash } => {
                inclusion::ItemQuery::ProxyEntryHash(parse(hash, &root.field("proxyEntryHash"))?)
            }
            ItemQuery::CrossChainCallHash { hash } => {
                inclusion::ItemQuery::CrossChainCallHash(parse(hash, &root.field("crossChainCallHash"))?)
            }
        })
    }
}

/// The blob hashes of a batch that has `blobIndices` (needed for `sharedPublicInput` only).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum BlobHashes {
    /// bytes32 `blobhash(blobIndices[i])`, one per index.
    Resolved {
        /// The hashes.
        hashes: Vec<String>,
    },
    /// bytes32 versioned hashes of the transaction's blobs (resolved by `blobIndices`).
    VersionedHashes {
        /// The hashes.
        hashes: Vec<String>,
    },
}

/// What the caller adds to the transaction input and receipt.
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct MembershipOptions {
    /// bytes32: the posting transaction's hash, if known; the receipt must carry it (else 605).
    #[uniffi(default = None)]
    pub tx_hash: Option<String>,
    /// Blob hashes for `sharedPublicInput`; without them a batch with `blobIndices` reports it
    /// as not computed.
    #[uniffi(default = None)]
    pub blobs: Option<BlobHashes>,
    /// `eth_getTransactionReceipt` JSON of later transactions of the posting block, in block
    /// order (evidence of consumption).
    #[uniffi(default = [])]
    pub later_receipts: Vec<String>,
}

/// Where an item of the batch was placed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Placement {
    /// In the transient table (consumed, if at all, within the posting transaction).
    Transient {
        /// Index in the transient table (= batch index).
        transient_index: u64,
    },
    /// Pushed to a rollup's queue.
    Queued {
        /// uint256: the rollup whose queue receives the item.
        rollup_id: String,
        /// Position among that rollup's queued items of this batch.
        queue_index: u64,
    },
}

impl Placement {
    fn of(p: &batch::Placement) -> Self {
        match p {
            batch::Placement::Transient { transient_index } => {
                Placement::Transient { transient_index: *transient_index as u64 }
            }
            batch::Placement::Queued { rollup_id, queue_index } => {
                Placement::Queued { rollup_id: text(rollup_id), queue_index: *queue_index as u64 }
            }
        }
    }
}

/// Whether a batch item is an entry or a top-level lookup call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ItemKind {
    /// `batch.entries[index]`.
    Entry,
    /// `batch.l1ToL2lookupCalls[index]`.
    LookupCall,
}

/// How a consumed entry was run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ConsumedVia {
    /// By `postAndVerifyBatch` itself (leading immediate run).
    Immediate,
    /// By a proxy call (`ExecutionConsumed(H ≠ 0, …)`).
    ProxyCall,
    /// By `executeL2TX(rollupId)`.
    ExecuteL2Tx,
}

/// What the receipts show about a matched entry.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum EntryFate {
    /// Executed: an `EntryExecuted` log whose rolling hash matches the entry's.
    Consumed {
        /// How it was run.
        via: ConsumedVia,
        /// uint256: the index the logs carry (transient index or queue index).
        index: String,
        /// bytes32: `EntryExecuted.rollingHash`.
        rolling_hash: String,
        /// Where the `EntryExecuted` log is (`posting receipt log 3`, `later[0] receipt log 1`).
        executed_at: String,
    },
    /// Skipped as an immediate entry (`ImmediateEntrySkipped`).
    Skipped {
        /// `ImmediateEntrySkipped.revertData`.
        revert_data: Vec<u8>,
        /// The protocol error the revert data decodes to (`StateRootMismatch`), if it decodes.
        error_name: Option<String>,
        /// Where the log is.
        at: String,
    },
    /// No log about it in the receipts given.
    NoEvidence {
        /// Why there is none, in protocol terms.
        note: String,
    },
}

impl EntryFate {
    fn of(e: &inclusion::EntryEvidence) -> Self {
        match &e.fate {
            inclusion::EntryFate::Consumed(c) => EntryFate::Consumed {
                via: match c.via {
                    inclusion::ConsumedVia::Immediate => ConsumedVia::Immediate,
                    inclusion::ConsumedVia::ProxyCall => ConsumedVia::ProxyCall,
                    inclusion::ConsumedVia::ExecuteL2TX => ConsumedVia::ExecuteL2Tx,
                },
                index: text(&c.index),
                rolling_hash: text(&c.rolling_hash),
                executed_at: c.executed_at.to_string(),
            },
            inclusion::EntryFate::Skipped(s) => EntryFate::Skipped {
                revert_data: s.revert_data.to_vec(),
                error_name: s.error.as_ref().ok().map(|p| p.name().to_owned()),
                at: s.at.to_string(),
            },
            inclusion::EntryFate::NoEvidence => EntryFate::NoEvidence { note: e.no_evidence_note().to_owned() },
        }
    }
}

/// One item of the batch that matches the query.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MembershipMatch {
    /// Entry or lookup call.
    pub kind: ItemKind,
    /// Index in `batch.entries` / `batch.l1ToL2lookupCalls`.
    pub index: u64,
    /// bytes32: its entry / lookup-call hash.
    pub hash: String,
    /// bytes32: the entry's `proxyEntryHash` (entries only).
    pub proxy_entry_hash: Option<String>,
    /// bytes32: the lookup call's `crossChainCallHash` (lookup calls only).
    pub cross_chain_call_hash: Option<String>,
    /// uint256: `destinationRollupId`.
    pub destination_rollup_id: String,
    /// Transient or queued.
    pub placement: Placement,
    /// A transient entry of the leading run with `proxyEntryHash == 0`, run inside
    /// `postAndVerifyBatch` itself.
    pub immediate: bool,
    /// What the receipts show about it (entries only: lookup calls leave no log).
    pub fate: Option<EntryFate>,
}

/// Where an accepted input first departs from the canonical layout (core's `Deviation`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CalldataDeviation {
    /// Field path (`batch.entries[2].data`; `$` for the whole input).
    pub path: String,
    /// Byte offset into the input.
    pub offset: u64,
    /// What departs: `offset`, `length`, `word`, `dirtyPadding`, `shortInput` or `trailingBytes`.
    pub kind: String,
    /// The strict decoder's message.
    pub message: String,
}

/// Whether the posting's transaction input is the canonical encoding (`abi.encode`) of the batch
/// the contract read from it (core's `Layout`). A non-canonical input the contract accepted is a
/// warning, never a reason to doubt membership.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CalldataLayout {
    /// `true` when the input is exactly the canonical encoding.
    pub canonical: bool,
    /// The first deviation of a non-canonical input; none when canonical.
    pub deviation: Option<CalldataDeviation>,
}

impl CalldataLayout {
    fn of(layout: &Layout) -> Self {
        CalldataLayout {
            canonical: layout.is_canonical(),
            deviation: layout.deviation().map(|d| CalldataDeviation {
                path: d.path.clone(),
                offset: d.offset as u64,
                kind: d.kind.name().to_owned(),
                message: d.message.clone(),
            }),
        }
    }
}

/// A confirmed membership.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MembershipReport {
    /// Always [`Verdict::Included`] (a membership that does not hold is an error, whose
    /// `verdict` says `NOT_INCLUDED` or `CANNOT_DECIDE`).
    pub verdict: Verdict,
    /// address: the L1 manager whose `BatchPosted` log was found.
    pub manager: String,
    /// bytes32: the receipt's `transactionHash`, when it has one.
    pub transaction_hash: Option<String>,
    /// The L1 block the batch was posted in, when the receipt says.
    pub block_number: Option<u64>,
    /// bytes32: that block's hash, when the receipt says.
    pub block_hash: Option<String>,
    /// Whether the transaction called the manager itself (`None` when the receipt names no `to`).
    pub posted_directly: Option<bool>,
    /// `BatchPosted.rollupCount`: the number of rollups the batch verified.
    pub rollup_count: u64,
    /// bytes32 entry hashes of the batch, in order.
    pub entry_hashes: Vec<String>,
    /// bytes32 lookup-call hashes of the batch, in order.
    pub lookup_call_hashes: Vec<String>,
    /// bytes32 `sharedPublicInput`, when computed (a batch with `blobIndices` needs blob hashes).
    pub shared_public_input: Option<String>,
    /// How the transaction input was laid out: canonical, or its first deviation.
    pub layout: CalldataLayout,
    /// Every matching item (at least one).
    pub matches: Vec<MembershipMatch>,
    /// The whole report as core's JSON (`{"verdict": "included", "valid": true, "batch", "query",
    /// "matches", …}`).
    pub json: String,
}

impl MembershipReport {
    fn of(r: &inclusion::MembershipReport) -> Self {
        let p = &r.posted;
        let matches = r
            .matches
            .iter()
            .map(|m| {
                let is_entry = m.kind == inclusion::ItemKind::Entry;
                MembershipMatch {
                    kind: if is_entry { ItemKind::Entry } else { ItemKind::LookupCall },
                    index: m.index as u64,
                    hash: text(&m.hash),
                    proxy_entry_hash: is_entry.then(|| text(&m.trigger)),
                    cross_chain_call_hash: (!is_entry).then(|| text(&m.trigger)),
                    destination_rollup_id: text(&m.destination_rollup_id),
                    placement: Placement::of(&m.placement),
                    immediate: m.immediate,
                    fate: r.evidence(m).map(EntryFate::of),
                }
            })
            .collect();
        MembershipReport {
            verdict: exectable::Verdict::Included.into(),
            manager: text(&p.manager),
            transaction_hash: p.transaction_hash.as_ref().map(text),
            block_number: p.block_number,
            block_hash: p.block_hash.as_ref().map(text),
            posted_directly: p.posted_directly(),
            rollup_count: p.rollup_count() as u64,
            entry_hashes: p.overview.entry_hashes().iter().map(text).collect(),
            lookup_call_hashes: p.overview.lookup_call_hashes().iter().map(text).collect(),
            shared_public_input: p.shared_public_input.value().as_ref().map(text),
            layout: CalldataLayout::of(&p.layout),
            matches,
            json: r.to_json().to_string(),
        }
    }
}

fn receipt(json_text: &str) -> Result<Receipt> {
    Ok(Receipt::from_json(&json(json_text)?)?)
}

/// Confirms that the item `query` names is part of the batch posted by the transaction whose
/// input is `tx_input` (`postAndVerifyBatch` calldata) and whose receipt is `receipt_json`
/// (`eth_getTransactionReceipt` JSON; a JSON-RPC envelope is unwrapped), accepted by `manager`
/// (address; only its `BatchPosted` log counts).
#[uniffi::export]
pub fn verify_batch_membership(
    tx_input: Vec<u8>,
    receipt_json: String,
    manager: String,
    query: ItemQuery,
    options: MembershipOptions,
) -> Result<MembershipReport> {
    let manager = parse(&manager, &Path::Root("manager"))?;
    let query = query.to_core()?;
    let root = Path::Root("options");
    let blobs = match &options.blobs {
        None => None,
        Some(BlobHashes::Resolved { hashes }) => {
            Some(BlobSource::Resolved(parse_all(hashes, &root.field("blobs").field("hashes"))?))
        }
        Some(BlobHashes::VersionedHashes { hashes }) => {
            Some(BlobSource::VersionedHashes(parse_all(hashes, &root.field("blobs").field("hashes"))?))
        }
    };
    let transaction_hash = options.tx_hash.as_deref().map(|h| parse(h, &root.field("txHash"))).transpose()?;
    let later = options.later_receipts.iter().map(|r| receipt(r)).collect::<Result<Vec<_>>>()?;
    let receipt = receipt(&receipt_json)?;
    let report = verify_membership(&MembershipRequest {
        tx_input: &tx_input,
        receipt: &receipt,
        manager,
        query: &query,
        options: &PostingOptions { transaction_hash, blobs },
        later_receipts: &later,
    })?;
    Ok(MembershipReport::of(&report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ExectableError;
    use alloy_primitives::{Address, B256, U256};
    use alloy_sol_types::SolEvent;
    use exectable::abi::calldata::encode_post_and_verify_batch;
    use exectable::types::l1;
    use serde_json::json as json_value;

    const MANAGER: &str = "0x00000000000000000000000000000000000000ee";

    /// A one-entry, one-rollup batch and a successful receipt with the manager's `BatchPosted(1)`.
    fn posting() -> (Vec<u8>, String, l1::ExecutionEntry) {
        let entry = l1::ExecutionEntry {
            proxyEntryHash: B256::repeat_byte(0x42),
            destinationRollupId: U256::from(1),
            ..Default::default()
        };
        let batch = l1::ProofSystemBatchPerVerificationEntries {
            entries: vec![entry.clone()],
            proofSystems: vec![Address::repeat_byte(0x99)],
            rollupIdsWithProofSystems: vec![l1::RollupIdWithProofSystems {
                rollupId: U256::from(1),
                proofSystemIndex: vec![0],
            }],
            proofs: vec![Default::default()],
            ..Default::default()
        };
        let receipt = json_value!({
            "status": "0x1",
            "transactionHash": text(&B256::repeat_byte(0x77)),
            "blockNumber": "0x10",
            "to": MANAGER,
            "logs": [{
                "address": MANAGER,
                "topics": [text(&l1::IEEZ::BatchPosted::SIGNATURE_HASH), text(&B256::with_last_byte(1))],
                "data": "0x",
            }],
        });
        (encode_post_and_verify_batch(&batch), receipt.to_string(), entry)
    }

    #[test]
    fn an_entry_of_the_batch_is_found_by_hash_trigger_and_record() {
        let (input, receipt, entry) = posting();
        let queries = [
            ItemQuery::EntryHash { hash: text(&entry.hash()) },
            ItemQuery::ProxyEntryHash { hash: text(&entry.proxyEntryHash) },
            ItemQuery::Entry { entry: ExecutionEntry::from_core(&entry) },
        ];
        for query in queries {
            let report = verify_batch_membership(
                input.clone(),
                receipt.clone(),
                MANAGER.into(),
                query,
                MembershipOptions::default(),
            )
            .unwrap();
            assert_eq!(report.block_number, Some(16));
            assert_eq!(report.rollup_count, 1);
            assert_eq!(report.entry_hashes, vec![text(&entry.hash())]);
            assert_eq!(report.matches.len(), 1);
            let m = &report.matches[0];
            assert_eq!((m.kind, m.index), (ItemKind::Entry, 0));
            assert_eq!(m.proxy_entry_hash, Some(text(&entry.proxyEntryHash)));
            assert!(matches!(m.fate, Some(EntryFate::NoEvidence { .. })), "{:?}", m.fate);
            assert!(report.json.starts_with("{\"verdict\":\"included\",\"valid\":true"), "{}", report.json);
            assert_eq!(
                (report.verdict, report.layout.canonical, report.layout.deviation),
                (Verdict::Included, true, None)
            );
        }
    }

    #[test]
    fn a_non_canonical_input_the_contract_accepts_is_included_with_its_layout() {
        let (mut input, receipt, entry) = posting();
        let end = input.len();
        input.extend_from_slice(&[0; 32]);
        let query = ItemQuery::EntryHash { hash: text(&entry.hash()) };
        let report = verify_batch_membership(input, receipt, MANAGER.into(), query, Default::default()).unwrap();
        assert_eq!(report.verdict, Verdict::Included);
        assert!(!report.layout.canonical);
        let d = report.layout.deviation.expect("a deviation");
        assert_eq!((d.path.as_str(), d.offset, d.kind.as_str()), ("$", end as u64, "trailingBytes"));
        assert_eq!(report.entry_hashes, vec![text(&entry.hash())]);
    }

    #[test]
    fn rejections_are_membership_errors() {
        let (input, receipt, _) = posting();
        let missing = ItemQuery::EntryHash { hash: text(&B256::ZERO) };
        let e = verify_batch_membership(input.clone(), receipt.clone(), MANAGER.into(), missing, Default::default())
            .unwrap_err();
        assert!(matches!(e, ExectableError::Membership { code: 604, .. }), "{e:?}");
        assert_eq!(e.verdict(), Verdict::NotIncluded);
        let other_tx = MembershipOptions { tx_hash: Some(text(&B256::ZERO)), ..Default::default() };
        let query = ItemQuery::CrossChainCallHash { hash: text(&B256::ZERO) };
        let e = verify_batch_membership(input.clone(), receipt.clone(), MANAGER.into(), query.clone(), other_tx)
            .unwrap_err();
        assert_eq!((e.code(), e.verdict()), (605, Verdict::CannotDecide));
        let e =
            verify_batch_membership(input[..40].to_vec(), receipt, MANAGER.into(), query.clone(), Default::default())
                .unwrap_err();
        assert!(matches!(e, ExectableError::Abi { .. }), "{e:?}");
        let bad_later = MembershipOptions { later_receipts: vec!["[]".into()], ..Default::default() };
        let e = verify_batch_membership(input, "{}".into(), MANAGER.into(), query, bad_later).unwrap_err();
        assert_eq!(e.code(), 606);
    }
}
