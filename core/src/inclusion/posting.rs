//! Step 1 of batch membership (spec §6.2, §7 item 1–2): the posting transaction. From the raw
//! transaction input and its receipt, establish that the L1 manager accepted this batch.
//!
//! Checks, in this order (the first failure wins):
//!
//! 1. the input starts with the `postAndVerifyBatch` selector `0x8b1a095a`
//!    ([`MembershipNotABatch`](ErrorCode::MembershipNotABatch), 601);
//! 2. the input decodes as the contract's own ABI decoder reads it ([`DecodeMode::Evm`]: a
//!    re-encoded copy of a batch is the batch; decode errors keep their own 1xx codes); the
//!    layout (canonical, or the first deviation) is reported;
//! 3. when the caller names a transaction hash, the receipt's `transactionHash` equals it
//!    ([`MembershipReceiptMismatch`](ErrorCode::MembershipReceiptMismatch), 605);
//! 4. the receipt's `status` is 1 ([`MembershipReceiptFailed`](ErrorCode::MembershipReceiptFailed), 602);
//! 5. the receipt has a `BatchPosted(rollupCount)` log emitted by the manager address, with
//!    `rollupCount == len(batch.rollupIdsWithProofSystems)`
//!    ([`MembershipNoBatchPosted`](ErrorCode::MembershipNoBatchPosted), 603). A `BatchPosted` log
//!    from any other address does not count.
//!
//! The receipt's `to` is not required to be the manager: a batcher contract may call
//! `postAndVerifyBatch` internally (§7); it is reported ([`PostedBatch::posted_directly`]).
//! Then every entry and lookup-call hash is recomputed ([`BatchOverview`]) and
//! `sharedPublicInput` (§4.5) is computed when the blob hashes are known: a batch without
//! `blobIndices` needs none; otherwise it is reported as not computed rather than guessed.

use crate::abi::calldata::{decode_post_and_verify_batch_with, ManagerCall};
use crate::abi::events::{decode_l1_log, L1Event};
use crate::abi::mode::{DecodeMode, Layout};
use crate::batch::BatchOverview;
use crate::error::{Error, ErrorCode, Result};
use crate::json::CanonicalJson;
use crate::public_inputs::{shared_public_input, BlobSource};
use crate::receipt::Receipt;
use crate::types::l1::{ProofSystemBatchPerVerificationEntries, IEEZ};
use alloy_primitives::{hex, keccak256, Address, B256, U256};
use alloy_sol_types::{SolCall, SolEvent};
use serde_json::{json, Map, Value};

/// What the caller adds to the transaction input and receipt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostingOptions {
    /// The posting transaction's hash, if the caller names one; the receipt must carry it.
    pub transaction_hash: Option<B256>,
    /// The blob hashes for `sharedPublicInput`; `None` leaves it uncomputed when the batch has
    /// `blobIndices`.
    pub blobs: Option<BlobSource>,
}

/// `sharedPublicInput` of the posted batch (§4.5), or why it was not computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SharedPublicInputStatus {
    /// `keccak256(abi.encode(entryHashes) ‖ abi.encode(lookupCallHashes) ‖ abi.encode(blobHashes)
    /// ‖ keccak256(callData) ‖ crossProofSystemInteractions)`.
    Computed {
        /// `blobhash(blobIndices[i])`, one per index.
        blob_hashes: Vec<B256>,
        /// The digest.
        value: B256,
    },
    /// Not computed (the batch has `blobIndices` and no blob hashes were given).
    NotComputed {
        /// Why.
        reason: String,
    },
}

impl SharedPublicInputStatus {
    /// The value, when computed.
    pub fn value(&self) -> Option<B256> {
        match self {
            SharedPublicInputStatus::Computed { value, .. } => Some(*value),
            SharedPublicInputStatus::NotComputed { .. } => None,
        }
    }

    /// JSON: `{"computed": true, "value", "blobHashes"}` or `{"computed": false, "reason"}`.
    pub fn to_json(&self) -> Value {
        match self {
            SharedPublicInputStatus::Computed { blob_hashes, value } => {
                json!({"computed": true, "value": value.to_json(), "blobHashes": blob_hashes.to_json()})
            }
            SharedPublicInputStatus::NotComputed { reason } => json!({"computed": false, "reason": reason}),
        }
    }
}

/// A batch the manager accepted, with what the posting transaction shows about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostedBatch {
    /// The L1 manager (EEZ) address the logs were checked against.
    pub manager: Address,
    /// The decoded batch: the values the contract read.
    pub batch: ProofSystemBatchPerVerificationEntries,
    /// Whether the transaction input is the canonical encoding of the batch; a non-canonical
    /// input the contract accepted is a warning, never a reason to doubt membership.
    pub layout: Layout,
    /// Every entry and lookup with its recomputed hash and placement.
    pub overview: BatchOverview,
    /// Position of this batch's `BatchPosted` log in the receipt's `logs`.
    pub batch_posted_log: usize,
    /// Its `logIndex` in the block, when the receipt gives it.
    pub batch_posted_log_index: Option<u64>,
    /// How many `BatchPosted` logs the manager emitted in the transaction (more than one when a
    /// batcher contract posts several batches in one transaction).
    pub batch_posted_logs: usize,
    /// The receipt's `transactionHash`, when given.
    pub transaction_hash: Option<B256>,
    /// The receipt's `blockNumber`, when given.
    pub block_number: Option<u64>,
    /// The receipt's `blockHash`, when given.
    pub block_hash: Option<B256>,
    /// The receipt's `to`: the manager when posted directly, a batcher contract otherwise.
    pub receipt_to: Option<Address>,
    /// Number of leading transient entries with `proxyEntryHash == 0`: the immediate run that
    /// `postAndVerifyBatch` executes (or skips) itself (§6.2).
    pub immediate_run: usize,
    /// `keccak256(batch.callData)`.
    pub call_data_hash: B256,
    /// `sharedPublicInput`, or why not.
    pub shared_public_input: SharedPublicInputStatus,
}

fn function_name(selector: &[u8]) -> Option<&'static str> {
    ManagerCall::FUNCTIONS.iter().find(|(_, s, _)| s.as_slice() == selector).map(|(name, _, _)| *name)
}

/// Runs checks 1–5 of the module doc and recomputes every hash of the batch.
pub fn verify_posting(
    tx_input: &[u8],
    receipt: &Receipt,
    manager: Address,
    options: &PostingOptions,
) -> Result<PostedBatch> {
    let expected = IEEZ::postAndVerifyBatchCall::SELECTOR;
    match tx_input.get(..4) {
        None => {
            return Err(Error::rejected(
                ErrorCode::MembershipNotABatch,
                format!(
                    "the transaction input has {} bytes: not postAndVerifyBatch calldata (selector {})",
                    tx_input.len(),
                    hex::encode_prefixed(expected)
                ),
            ))
        }
        Some(selector) if selector != expected => {
            let known = function_name(selector).map(|n| format!(" ({n})")).unwrap_or_default();
            return Err(Error::rejected(
                ErrorCode::MembershipNotABatch,
                format!(
                    "the transaction input has selector {}{known}, not postAndVerifyBatch {}",
                    hex::encode_prefixed(selector),
                    hex::encode_prefixed(expected)
                ),
            ));
        }
        Some(_) => {}
    }
    let decoded = decode_post_and_verify_batch_with(tx_input, DecodeMode::Evm)?;
    let (batch, layout) = (decoded.value, decoded.layout);
    if let Some(want) = options.transaction_hash {
        match receipt.transaction_hash {
            Some(got) if got == want => {}
            Some(got) => {
                return Err(Error::rejected(
                    ErrorCode::MembershipReceiptMismatch,
                    format!("the receipt is for transaction {got}, not {want}"),
                ))
            }
            None => {
                return Err(Error::rejected(
                    ErrorCode::MembershipReceiptMismatch,
                    format!("the receipt has no transactionHash: cannot confirm it belongs to {want}"),
                ))
            }
        }
    }
    if !receipt.success {
        return Err(Error::rejected(
            ErrorCode::MembershipReceiptFailed,
            "the receipt's status is 0 (reverted): the contract did not accept the batch",
        ));
    }
    let rollups = batch.rollupIdsWithProofSystems.len();
    let (batch_posted_log, batch_posted_logs) = find_batch_posted(receipt, manager, rollups)?;
    let overview = BatchOverview::of(&batch);
    let transient = usize::try_from(batch.transientExecutionEntryCount).unwrap_or(usize::MAX);
    let immediate_run = batch.entries.iter().take(transient).take_while(|e| e.proxyEntryHash == B256::ZERO).count();
    let call_data_hash = keccak256(&batch.callData);
    let shared_public_input = shared_input(&batch, &overview, call_data_hash, options.blobs.as_ref())?;
    Ok(PostedBatch {
        manager,
        batch_posted_log_index: receipt.logs[batch_posted_log].log_index,
        batch,
        layout,
        overview,
        batch_posted_log,
        batch_posted_logs,
        transaction_hash: receipt.transaction_hash,
        block_number: receipt.block_number,
        block_hash: receipt.block_hash,
        receipt_to: receipt.to,
        immediate_run,
        call_data_hash,
        shared_public_input,
    })
}

/// The position of the manager's `BatchPosted` log whose `rollupCount` matches (the first one),
/// and how many `BatchPosted` logs the manager emitted.
fn find_batch_posted(receipt: &Receipt, manager: Address, rollups: usize) -> Result<(usize, usize)> {
    let topic0 = IEEZ::BatchPosted::SIGNATURE_HASH;
    let mut counts = Vec::new();
    let mut others = Vec::new();
    let mut found = None;
    for (i, log) in receipt.logs.iter().enumerate() {
        if log.topics.first() != Some(&topic0) {
            continue;
        }
        if log.address != manager {
            others.push(log.address);
            continue;
        }
        // topic0 is BatchPosted's, so a strict decode yields BatchPosted or an error.
        if let L1Event::BatchPosted(event) = decode_l1_log(&log.topics, &log.data)? {
            if found.is_none() && event.rollupCount == U256::from(rollups) {
                found = Some(i);
            }
            counts.push(event.rollupCount);
        }
    }
    if let Some(i) = found {
        return Ok((i, counts.len()));
    }
    let message = if counts.is_empty() {
        let mut m = format!("the receipt has no BatchPosted log emitted by the manager {manager}");
        if !others.is_empty() {
            let list: Vec<String> = others.iter().map(|a| a.to_string()).collect();
            m.push_str(&format!(
                " (BatchPosted from {} does not count: only the manager's own logs do)",
                list.join(", ")
            ));
        }
        m
    } else {
        let list: Vec<String> = counts.iter().map(|c| c.to_string()).collect();
        format!(
            "the manager's BatchPosted log says rollupCount = {}, but the batch covers {rollups} rollups \
             (rollupIdsWithProofSystems): the log is not this batch's",
            list.join(", ")
        )
    };
    Err(Error::rejected(ErrorCode::MembershipNoBatchPosted, message))
}

fn shared_input(
    batch: &ProofSystemBatchPerVerificationEntries,
    overview: &BatchOverview,
    call_data_hash: B256,
    blobs: Option<&BlobSource>,
) -> Result<SharedPublicInputStatus> {
    let blob_hashes = match blobs {
        Some(source) => source.resolve(&batch.blobIndices)?,
        None if batch.blobIndices.is_empty() => Vec::new(),
        None => {
            return Ok(SharedPublicInputStatus::NotComputed {
                reason: format!("blob hashes not given (the batch has {} blobIndices)", batch.blobIndices.len()),
            })
        }
    };
    let value = shared_public_input(
        &overview.entry_hashes(),
        &overview.lookup_call_hashes(),
        &blob_hashes,
        call_data_hash,
        batch.crossProofSystemInteractions,
    );
    Ok(SharedPublicInputStatus::Computed { blob_hashes, value })
}

impl PostedBatch {
    /// Whether the transaction called the manager itself (`receipt.to == manager`); `None` when
    /// the receipt does not name `to`.
    pub fn posted_directly(&self) -> Option<bool> {
        self.receipt_to.map(|to| to == self.manager)
    }

    /// The number of rollups the batch verified (`BatchPosted.rollupCount`).
    pub fn rollup_count(&self) -> usize {
        self.batch.rollupIdsWithProofSystems.len()
    }

    /// JSON summary (the batch itself is left out): `{"manager", "transactionHash",
    /// "blockNumber", "blockHash", "receiptTo", "postedDirectly", "rollupCount", "rollupIds",
    /// "batchPostedLog", "batchPostedLogs", "transientExecutionEntryCount",
    /// "transientLookupCallCount", "immediateRun", "entryHashes", "lookupCallHashes",
    /// "callDataHash", "sharedPublicInput", "layout"}`; unknown receipt fields are `null`;
    /// `layout` is [`Layout::to_json`].
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("manager".into(), self.manager.to_json());
        map.insert("transactionHash".into(), opt(self.transaction_hash.as_ref()));
        map.insert("blockNumber".into(), opt(self.block_number.as_ref()));
        map.insert("blockHash".into(), opt(self.block_hash.as_ref()));
        map.insert("receiptTo".into(), opt(self.receipt_to.as_ref()));
        map.insert("postedDirectly".into(), self.posted_directly().map_or(Value::Null, Value::Bool));
        map.insert("rollupCount".into(), (self.rollup_count() as u64).to_json());
        let ids: Vec<U256> = self.batch.rollupIdsWithProofSystems.iter().map(|r| r.rollupId).collect();
        map.insert("rollupIds".into(), ids.to_json());
        map.insert("batchPostedLog".into(), (self.batch_posted_log as u64).to_json());
        map.insert("batchPostedLogs".into(), (self.batch_posted_logs as u64).to_json());
        map.insert("transientExecutionEntryCount".into(), self.batch.transientExecutionEntryCount.to_json());
        map.insert("transientLookupCallCount".into(), self.batch.transientLookupCallCount.to_json());
        map.insert("immediateRun".into(), (self.immediate_run as u64).to_json());
        map.insert("entryHashes".into(), self.overview.entry_hashes().to_json());
        map.insert("lookupCallHashes".into(), self.overview.lookup_call_hashes().to_json());
        map.insert("callDataHash".into(), self.call_data_hash.to_json());
        map.insert("sharedPublicInput".into(), self.shared_public_input.to_json());
        map.insert("layout".into(), self.layout.to_json());
        Value::Object(map)
    }
}

fn opt<T: CanonicalJson>(value: Option<&T>) -> Value {
    value.map_or(Value::Null, CanonicalJson::to_json)
}
