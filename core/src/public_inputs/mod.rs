//! Proof inputs of `postAndVerifyBatch` (spec §4.5, §4.6, §7 item 3): the one
//! `sharedPublicInput` of a batch, the accumulator of every proof system, and the
//! `publicInputsHash_k` that `proofSystems[k].verify(proofs[k], ·)` receives.
//!
//! ```text
//! sharedPublicInput = keccak256( abi.encode(bytes32[] entryHashes)       // 0x20 ‖ n ‖ h_0 … h_{n-1}
//!                              ‖ abi.encode(bytes32[] lookupCallHashes)  // 0x20 ‖ m ‖ …
//!                              ‖ abi.encode(bytes32[] blobHashes)        // 0x20 ‖ b ‖ …
//!                              ‖ keccak256(callData)
//!                              ‖ crossProofSystemInteractions )
//! acc_k = 0; for each rollup row r (batch order) listing k in proofSystemIndex:
//!     acc_k = keccak256(abi.encode(bytes32 acc_k, uint256 rollupId_r, bytes32 vk_r(k),
//!                                  bytes32 blockHash_r, uint256 timestamp_r))          // 160 bytes
//! publicInputsHash_k = keccak256(sharedPublicInput ‖ acc_k)                            // 64 bytes
//! ```
//!
//! What the contract fetches from each rollup's manager — `(timestamp, blockHash)` from
//! `getTimestampAndBlockHash(batch.blockNumber)` and the vkeys from `checkProofSystemsAndGetVkeys`
//! — comes in as [`RollupVerificationInput`]; the blob hashes as [`BlobSource`]. The `proofs` are
//! opaque and bound by nothing: they are only observed ([`ProofObservation`]), never hashed.
//! Checking `ecrecover(publicInputsHash_k, proofs[k]) == signer()` for ECDSA proof systems off
//! chain (§7 item 3) is a future item.
//!
//! A [`ProofInputDocument`] bundles the batch, the rollup data, the blob data and every derived
//! value in one self-describing JSON document; [`ProofInputDocument::verify`] recomputes it.
//!
//! Layout: this module holds the digests and their inputs; the `document` submodule the request,
//! the document and its verification (re-exported here).

mod document;

pub use document::{
    Mismatch, ProofForm, ProofInputDocument, ProofInputRequest, ProofObservation, VerifyReport, PROOF_INPUTS_FORMAT,
    PROTOCOL_COMMIT, PROTOCOL_REPOSITORY,
};

use crate::abi::layout::Path;
use crate::batch::BatchOverview;
use crate::error::{Error, Result};
use crate::json::{expect_object, required_field, CanonicalJson};
use crate::types::l1::{ExecutionEntry, LookupCall, ProofSystemBatchPerVerificationEntries};
use alloy_primitives::{hex, keccak256, Address, Keccak256, B256, U256};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};

fn word(n: usize) -> [u8; 32] {
    U256::from(n).to_be_bytes()
}

fn lower_hex(address: &Address) -> String {
    hex::encode_prefixed(address.as_slice())
}

/// Streams `abi.encode(bytes32[] items)` = `u256(0x20) ‖ u256(len) ‖ items…` into `hasher`.
fn update_bytes32_array(hasher: &mut Keccak256, items: &[B256]) {
    hasher.update(word(0x20));
    hasher.update(word(items.len()));
    for item in items {
        hasher.update(item);
    }
}

/// `sharedPublicInput = keccak256(abi.encode(entryHashes) ‖ abi.encode(lookupCallHashes) ‖
/// abi.encode(blobHashes) ‖ keccak256(callData) ‖ crossProofSystemInteractions)` (§4.5); every
/// array keeps its own `0x20` offset word and length word, so empty arrays add 64 bytes.
pub fn shared_public_input(
    entry_hashes: &[B256],
    lookup_call_hashes: &[B256],
    blob_hashes: &[B256],
    call_data_hash: B256,
    cross_proof_system_interactions: B256,
) -> B256 {
    let mut hasher = Keccak256::new();
    update_bytes32_array(&mut hasher, entry_hashes);
    update_bytes32_array(&mut hasher, lookup_call_hashes);
    update_bytes32_array(&mut hasher, blob_hashes);
    hasher.update(call_data_hash);
    hasher.update(cross_proof_system_interactions);
    hasher.finalize()
}

/// `sharedPublicInput` of `batch` alone (§4.5): its entry and lookup-call hashes, the blob hashes
/// `blobs` resolves for its `blobIndices`, `keccak256(callData)` and `crossProofSystemInteractions`
/// through [`shared_public_input`]. No rollup data is needed (unlike [`ProofInputs::compute`]).
pub fn batch_shared_public_input(batch: &ProofSystemBatchPerVerificationEntries, blobs: &BlobSource) -> Result<B256> {
    let entry_hashes: Vec<B256> = batch.entries.iter().map(ExecutionEntry::hash).collect();
    let lookup_call_hashes: Vec<B256> = batch.l1ToL2lookupCalls.iter().map(LookupCall::hash).collect();
    let blob_hashes = blobs.resolve(&batch.blobIndices)?;
    Ok(shared_public_input(
        &entry_hashes,
        &lookup_call_hashes,
        &blob_hashes,
        keccak256(&batch.callData),
        batch.crossProofSystemInteractions,
    ))
}

/// The 160-byte preimage of one accumulator fold:
/// `abi.encode(bytes32 acc, uint256 rollupId, bytes32 vk, bytes32 blockHash, uint256 timestamp)`
/// — blockHash **before** timestamp (§4.6).
pub fn accumulator_preimage(acc: B256, rollup_id: U256, vkey: B256, block_hash: B256, timestamp: U256) -> [u8; 160] {
    let mut out = [0u8; 160];
    out[..32].copy_from_slice(acc.as_slice());
    out[32..64].copy_from_slice(&rollup_id.to_be_bytes::<32>());
    out[64..96].copy_from_slice(vkey.as_slice());
    out[96..128].copy_from_slice(block_hash.as_slice());
    out[128..].copy_from_slice(&timestamp.to_be_bytes::<32>());
    out
}

/// One fold: `acc' = keccak256(abi.encode(acc, rollupId, vk, blockHash, timestamp))` (160 bytes).
pub fn fold_accumulator(acc: B256, rollup_id: U256, vkey: B256, block_hash: B256, timestamp: U256) -> B256 {
    keccak256(accumulator_preimage(acc, rollup_id, vkey, block_hash, timestamp))
}

/// `publicInputsHash_k = keccak256(sharedPublicInput ‖ acc_k)` (64 bytes).
pub fn public_inputs_hash(shared_public_input: B256, acc: B256) -> B256 {
    let mut hasher = Keccak256::new();
    hasher.update(shared_public_input);
    hasher.update(acc);
    hasher.finalize()
}

/// `blobHashes[i] = blobVersionedHashes[blobIndices[i]]`, or `0x00…00` when the posting
/// transaction has no blob at that index (`blobhash` does not revert; §4.5).
pub fn resolve_blob_hashes(blob_indices: &[U256], blob_versioned_hashes: &[B256]) -> Vec<B256> {
    blob_indices
        .iter()
        .map(|index| {
            usize::try_from(*index).ok().and_then(|i| blob_versioned_hashes.get(i)).copied().unwrap_or(B256::ZERO)
        })
        .collect()
}

/// What one rollup's manager returned to the registry while the batch was verified:
/// `(timestamp, blockHash) = getTimestampAndBlockHash(batch.blockNumber)` and the vkey of every
/// proof system it accepts (`checkProofSystemsAndGetVkeys`), keyed by proof-system address.
///
/// JSON (the vectors' `inputs.rollups[*]`): `{"rollupId", "manager" (optional), "timestamp",
/// "blockHash", "vkeys": {"0x<proof system>": "0x<vkey>", …}}`, map keys lowercase addresses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RollupVerificationInput {
    /// The rollup.
    pub rollup_id: U256,
    /// The rollup's manager contract (informational; not hashed).
    pub manager: Option<Address>,
    /// `timestamp` returned by `getTimestampAndBlockHash(batch.blockNumber)`.
    pub timestamp: U256,
    /// `blockHash` returned by `getTimestampAndBlockHash(batch.blockNumber)`.
    pub block_hash: B256,
    /// The vkey the manager returns for each proof-system address.
    pub vkeys: BTreeMap<Address, B256>,
}

const ROLLUP_FIELDS: &[&str] = &["rollupId", "manager", "timestamp", "blockHash", "vkeys"];

impl CanonicalJson for RollupVerificationInput {
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("rollupId".into(), self.rollup_id.to_json());
        if let Some(manager) = &self.manager {
            map.insert("manager".into(), manager.to_json());
        }
        map.insert("timestamp".into(), self.timestamp.to_json());
        map.insert("blockHash".into(), self.block_hash.to_json());
        let vkeys: Map<String, Value> = self.vkeys.iter().map(|(ps, vk)| (lower_hex(ps), vk.to_json())).collect();
        map.insert("vkeys".into(), Value::Object(vkeys));
        Value::Object(map)
    }

    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let map = expect_object(value, path, ROLLUP_FIELDS)?;
        let manager = match map.get("manager") {
            None | Some(Value::Null) => None,
            Some(v) => Some(Address::from_json_at(v, &path.field("manager"))?),
        };
        let vkeys_path = path.field("vkeys");
        let vkeys_json = map
            .get("vkeys")
            .ok_or_else(|| Error::JsonShape { path: vkeys_path.to_string(), message: "missing field".into() })?;
        let vkeys_map = vkeys_json.as_object().ok_or_else(|| Error::JsonShape {
            path: vkeys_path.to_string(),
            message: "expected an object {\"0x<proof system>\": \"0x<vkey>\"}".into(),
        })?;
        let mut vkeys = BTreeMap::new();
        for (key, vk) in vkeys_map {
            let key_path = vkeys_path.field(key);
            let ps = Address::from_json_at(&Value::String(key.clone()), &key_path)?;
            let vk = B256::from_json_at(vk, &key_path)?;
            if vkeys.insert(ps, vk).is_some() {
                return Err(Error::invalid(
                    key_path.to_string(),
                    format!("proof system {} listed twice", lower_hex(&ps)),
                ));
            }
        }
        Ok(RollupVerificationInput {
            rollup_id: required_field(map, "rollupId", path)?,
            manager,
            timestamp: required_field(map, "timestamp", path)?,
            block_hash: required_field(map, "blockHash", path)?,
            vkeys,
        })
    }
}

/// Where the blob hashes of `sharedPublicInput` come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlobSource {
    /// Already resolved: `blobhash(blobIndices[i])`, one per `blobIndices` entry (as the vectors
    /// give them).
    Resolved(Vec<B256>),
    /// The posting (type-3) transaction's `blobVersionedHashes`, resolved as
    /// `blobVersionedHashes[blobIndices[i]]`, zero if out of range.
    VersionedHashes(Vec<B256>),
}

impl Default for BlobSource {
    fn default() -> Self {
        BlobSource::Resolved(Vec::new())
    }
}

impl BlobSource {
    /// The `blobHashes` of a batch with these `blobIndices`; a resolved list must have exactly one
    /// hash per index ([`Error::InvalidArgument`] at `blobHashes` otherwise).
    pub fn resolve(&self, blob_indices: &[U256]) -> Result<Vec<B256>> {
        match self {
            BlobSource::Resolved(hashes) if hashes.len() == blob_indices.len() => Ok(hashes.clone()),
            BlobSource::Resolved(hashes) => Err(Error::invalid(
                "blobHashes",
                format!("{} blob hashes given for {} batch.blobIndices", hashes.len(), blob_indices.len()),
            )),
            BlobSource::VersionedHashes(versioned) => Ok(resolve_blob_hashes(blob_indices, versioned)),
        }
    }

    /// Reads `blobVersionedHashes` or `blobHashes` (not both) from an input object; neither is
    /// allowed only when the batch has no `blobIndices` (then no blob is hashed).
    fn from_fields(map: &Map<String, Value>, path: &Path<'_>, blob_indices: &[U256]) -> Result<Self> {
        match (map.get("blobHashes"), map.get("blobVersionedHashes")) {
            (Some(_), Some(_)) => Err(Error::invalid(
                path.field("blobVersionedHashes").to_string(),
                "give either blobHashes (resolved) or blobVersionedHashes, not both",
            )),
            (Some(v), None) => Ok(BlobSource::Resolved(Vec::from_json_at(v, &path.field("blobHashes"))?)),
            (None, Some(v)) => {
                Ok(BlobSource::VersionedHashes(Vec::from_json_at(v, &path.field("blobVersionedHashes"))?))
            }
            (None, None) if blob_indices.is_empty() => Ok(BlobSource::Resolved(Vec::new())),
            (None, None) => Err(Error::JsonShape {
                path: path.field("blobHashes").to_string(),
                message: "missing field (the batch has blobIndices: give blobHashes or blobVersionedHashes)".into(),
            }),
        }
    }
}

/// One fold of a proof system's accumulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccumulatorFold {
    /// The rollup folded in.
    pub rollup_id: U256,
    /// Its vkey for this proof system.
    pub vkey: B256,
    /// Its `blockHash`.
    pub block_hash: B256,
    /// Its `timestamp`.
    pub timestamp: U256,
    /// `keccak256(abi.encode(accBefore, rollupId, vkey, blockHash, timestamp))`.
    pub acc_after: B256,
}

impl AccumulatorFold {
    /// JSON: `{"rollupId", "vkey", "blockHash", "timestamp", "accAfter"}`.
    pub fn to_json(&self) -> Value {
        json!({
            "rollupId": self.rollup_id.to_json(),
            "vkey": self.vkey.to_json(),
            "blockHash": self.block_hash.to_json(),
            "timestamp": self.timestamp.to_json(),
            "accAfter": self.acc_after.to_json(),
        })
    }
}

/// The accumulator and `publicInputsHash` of proof system `proofSystems[index]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofSystemAccumulator {
    /// `k`, the position in `batch.proofSystems`.
    pub index: usize,
    /// `batch.proofSystems[k]`.
    pub proof_system: Address,
    /// Every fold, in batch row order (empty for a proof system no rollup lists).
    pub folds: Vec<AccumulatorFold>,
    /// The final `acc_k` (`0x00…00` without folds).
    pub acc: B256,
    /// `keccak256(sharedPublicInput ‖ acc_k)`.
    pub public_inputs_hash: B256,
}

impl ProofSystemAccumulator {
    /// JSON: `{"index": k, "proofSystem", "folds": […], "acc", "publicInputsHash"}` (`index` a
    /// JSON number, as in the vectors).
    pub fn to_json(&self) -> Value {
        json!({
            "index": self.index,
            "proofSystem": self.proof_system.to_json(),
            "folds": self.folds.iter().map(AccumulatorFold::to_json).collect::<Vec<_>>(),
            "acc": self.acc.to_json(),
            "publicInputsHash": self.public_inputs_hash.to_json(),
        })
    }
}

/// Every public input of one batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofInputs {
    /// `keccak256(abi.encode(entries[i]))` for every entry, transient ones included.
    pub entry_hashes: Vec<B256>,
    /// `keccak256(abi.encode(l1ToL2lookupCalls[i]))` for every top-level lookup.
    pub lookup_call_hashes: Vec<B256>,
    /// `blobhash(blobIndices[i])`.
    pub blob_hashes: Vec<B256>,
    /// `keccak256(callData)`.
    pub call_data_hash: B256,
    /// [`shared_public_input`] of the above and `crossProofSystemInteractions`.
    pub shared_public_input: B256,
    /// One per `batch.proofSystems[k]`, in order.
    pub accumulators: Vec<ProofSystemAccumulator>,
}

impl ProofInputs {
    /// Computes every public input of `batch`, hashing each entry and lookup once.
    pub fn compute(
        batch: &ProofSystemBatchPerVerificationEntries,
        rollups: &[RollupVerificationInput],
        blobs: &BlobSource,
    ) -> Result<Self> {
        let entry_hashes = batch.entries.iter().map(ExecutionEntry::hash).collect();
        let lookup_call_hashes = batch.l1ToL2lookupCalls.iter().map(LookupCall::hash).collect();
        Self::from_hashes(batch, entry_hashes, lookup_call_hashes, rollups, blobs)
    }

    /// As [`compute`](Self::compute), reusing the hashes of a [`BatchOverview`] of `batch`.
    pub fn from_overview(
        batch: &ProofSystemBatchPerVerificationEntries,
        overview: &BatchOverview,
        rollups: &[RollupVerificationInput],
        blobs: &BlobSource,
    ) -> Result<Self> {
        Self::from_hashes(batch, overview.entry_hashes(), overview.lookup_call_hashes(), rollups, blobs)
    }

    /// As [`compute`](Self::compute), with the entry and lookup-call hashes already computed
    /// (one per entry / lookup of `batch`, else [`Error::InvalidArgument`]).
    pub fn from_hashes(
        batch: &ProofSystemBatchPerVerificationEntries,
        entry_hashes: Vec<B256>,
        lookup_call_hashes: Vec<B256>,
        rollups: &[RollupVerificationInput],
        blobs: &BlobSource,
    ) -> Result<Self> {
        if entry_hashes.len() != batch.entries.len() {
            return Err(Error::invalid(
                "entryHashes",
                format!("{} hashes for {} entries", entry_hashes.len(), batch.entries.len()),
            ));
        }
        if lookup_call_hashes.len() != batch.l1ToL2lookupCalls.len() {
            return Err(Error::invalid(
                "lookupCallHashes",
                format!("{} hashes for {} lookup calls", lookup_call_hashes.len(), batch.l1ToL2lookupCalls.len()),
            ));
        }
        let blob_hashes = blobs.resolve(&batch.blobIndices)?;
        let call_data_hash = keccak256(&batch.callData);
        let shared = shared_public_input(
            &entry_hashes,
            &lookup_call_hashes,
            &blob_hashes,
            call_data_hash,
            batch.crossProofSystemInteractions,
        );
        let accumulators = accumulators(batch, rollups, shared)?;
        Ok(ProofInputs {
            entry_hashes,
            lookup_call_hashes,
            blob_hashes,
            call_data_hash,
            shared_public_input: shared,
            accumulators,
        })
    }

    /// `publicInputsHash_k` for every proof system, in order.
    pub fn public_inputs_hashes(&self) -> Vec<B256> {
        self.accumulators.iter().map(|a| a.public_inputs_hash).collect()
    }

    /// JSON: `[{"index": k, "proofSystem", "publicInputsHash"}]` (the vectors'
    /// `expected.publicInputsHashes`).
    pub fn public_inputs_hashes_json(&self) -> Value {
        Value::Array(
            self.accumulators
                .iter()
                .map(|a| {
                    json!({
                        "index": a.index,
                        "proofSystem": a.proof_system.to_json(),
                        "publicInputsHash": a.public_inputs_hash.to_json(),
                    })
                })
                .collect(),
        )
    }

    /// JSON: `{"entryHashes", "lookupCallHashes", "blobHashes", "callDataHash",
    /// "sharedPublicInput", "accumulators"}`.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        self.write_json(&mut map, true);
        Value::Object(map)
    }

    fn write_json(&self, map: &mut Map<String, Value>, with_blob_hashes: bool) {
        map.insert("entryHashes".into(), self.entry_hashes.to_json());
        map.insert("lookupCallHashes".into(), self.lookup_call_hashes.to_json());
        if with_blob_hashes {
            map.insert("blobHashes".into(), self.blob_hashes.to_json());
        }
        map.insert("callDataHash".into(), self.call_data_hash.to_json());
        map.insert("sharedPublicInput".into(), self.shared_public_input.to_json());
        map.insert(
            "accumulators".into(),
            Value::Array(self.accumulators.iter().map(ProofSystemAccumulator::to_json).collect()),
        );
    }
}

/// The per-proof-system accumulators (§4.6). Rows are walked in batch order; within a row the
/// first position of each index counts (as `_findIndexPosition`). Rollup data is looked up by
/// `rollupId` only for rows that fold something.
fn accumulators(
    batch: &ProofSystemBatchPerVerificationEntries,
    rollups: &[RollupVerificationInput],
    shared: B256,
) -> Result<Vec<ProofSystemAccumulator>> {
    let mut by_id: HashMap<U256, usize> = HashMap::with_capacity(rollups.len());
    for (i, rollup) in rollups.iter().enumerate() {
        if let Some(first) = by_id.insert(rollup.rollup_id, i) {
            return Err(Error::invalid(
                format!("rollups[{i}].rollupId"),
                format!("rollup {:#x} is listed twice (also rollups[{first}])", rollup.rollup_id),
            ));
        }
    }
    let count = batch.proofSystems.len();
    let mut accs: Vec<ProofSystemAccumulator> = batch
        .proofSystems
        .iter()
        .enumerate()
        .map(|(index, ps)| ProofSystemAccumulator {
            index,
            proof_system: *ps,
            folds: Vec::new(),
            acc: B256::ZERO,
            public_inputs_hash: B256::ZERO,
        })
        .collect();
    let mut last_row = vec![usize::MAX; count];
    for (r, row) in batch.rollupIdsWithProofSystems.iter().enumerate() {
        let mut rollup: Option<(usize, &RollupVerificationInput)> = None;
        for (j, index) in row.proofSystemIndex.iter().enumerate() {
            let k = usize::try_from(*index).ok().filter(|k| *k < count).ok_or_else(|| {
                Error::invalid(
                    format!("batch.rollupIdsWithProofSystems[{r}].proofSystemIndex[{j}]"),
                    format!("proof-system index {index} is out of range: the batch has {count} proof systems"),
                )
            })?;
            if last_row[k] == r {
                continue;
            }
            last_row[k] = r;
            let (i, input) = match rollup {
                Some(found) => found,
                None => {
                    let i = *by_id.get(&row.rollupId).ok_or_else(|| {
                        Error::invalid(
                            "rollups",
                            format!(
                                "no rollup with rollupId {:#x} (needed by batch.rollupIdsWithProofSystems[{r}])",
                                row.rollupId
                            ),
                        )
                    })?;
                    *rollup.insert((i, &rollups[i]))
                }
            };
            let ps = batch.proofSystems[k];
            let vkey = *input.vkeys.get(&ps).ok_or_else(|| {
                Error::invalid(
                    format!("rollups[{i}].vkeys.{}", lower_hex(&ps)),
                    format!(
                        "rollup {:#x} has no vkey for proofSystems[{k}] (listed by \
                         batch.rollupIdsWithProofSystems[{r}])",
                        row.rollupId
                    ),
                )
            })?;
            let acc = &mut accs[k];
            let acc_after = fold_accumulator(acc.acc, row.rollupId, vkey, input.block_hash, input.timestamp);
            acc.folds.push(AccumulatorFold {
                rollup_id: row.rollupId,
                vkey,
                block_hash: input.block_hash,
                timestamp: input.timestamp,
                acc_after,
            });
            acc.acc = acc_after;
        }
    }
    for acc in &mut accs {
        acc.public_inputs_hash = public_inputs_hash(shared, acc.acc);
    }
    Ok(accs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The batch-level `sharedPublicInput` is the one `ProofInputs::compute` derives, blob data
    /// included, and a wrong number of resolved blob hashes is rejected the same way.
    #[test]
    fn batch_shared_public_input_matches_the_full_computation() {
        let vectors: Value =
            serde_json::from_str(include_str!("../../../vectors/eez-v1-public.json")).expect("vector file");
        let cases = vectors["cases"].as_array().expect("cases");
        let mut checked = 0;
        for case in cases.iter().filter(|c| c["kind"] == "publicInputsHash") {
            let inputs = &case["inputs"];
            let batch = ProofSystemBatchPerVerificationEntries::from_json(&inputs["batch"]).expect("batch");
            let rollups: Vec<RollupVerificationInput> = Vec::from_json(&inputs["rollups"]).expect("rollups");
            let blobs = BlobSource::Resolved(Vec::from_json(&inputs["blobHashes"]).expect("blobHashes"));
            let full = ProofInputs::compute(&batch, &rollups, &blobs).expect("compute");
            assert_eq!(batch_shared_public_input(&batch, &blobs).expect("shared"), full.shared_public_input);
            let want = B256::from_json(&case["expected"]["derived"]["sharedPublicInput"]).expect("expected");
            assert_eq!(full.shared_public_input, want, "{}", case["id"]);
            if !batch.blobIndices.is_empty() {
                let err = batch_shared_public_input(&batch, &BlobSource::default()).unwrap_err();
                assert_eq!(err.path(), Some("blobHashes"));
            }
            checked += 1;
        }
        assert!(checked > 0);
    }
}
