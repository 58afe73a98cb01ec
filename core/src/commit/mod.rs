//! Table commitments and inclusion proofs: an execution table as a first-class, independently
//! referenceable artifact, and proofs that let a verifier check one entry (or several) with a few
//! hundred bytes. The exact format is specified in `docs/COMMITMENT.md`.
//!
//! ```text
//! items       = entryHashes[0..E) ‖ lookupCallHashes[0..L)          // batch order, n = E + L leaves
//! leaf_i      = keccak256(0x00 ‖ items[i])
//! inner       = keccak256(0x01 ‖ left ‖ right); a lone last node of a level is promoted unchanged
//! root        = top of the tree (0x00…00 when n = 0; leaf_0 when n = 1)
//! commitment  = keccak256("exectable.table-commitment.v1" ‖ u64be(E) ‖ u64be(L)
//!                         ‖ sharedPublicInput ‖ root)                 // 29 + 8 + 8 + 32 + 32 bytes
//! ```
//!
//! Layout: `tree` holds the node hashing and the Merkle tree (built with `rs_merkle`), `proof`
//! the inclusion proof and its binary and JSON encodings, `items` what a verifier is given (items,
//! trusted commitment) and returns, `verify` the verifier with its rejection reasons (codes
//! 401–409). This module holds the commitment record and the committed
//! table that makes proofs.

mod items;
mod proof;
mod tree;
mod verify;

pub use items::{ExpectedCommitment, ProofItem, VerifiedInclusion};
pub use proof::{InclusionProof, PROOF_FORMAT, PROOF_HEADER_LEN, PROOF_VERSION};
pub use tree::{inner_node, leaf_node, TableNodeHasher, TableTree, EMPTY_ROOT, INNER_PREFIX, LEAF_PREFIX};

use crate::abi::layout::Path;
use crate::batch::BatchOverview;
use crate::error::{Error, ErrorCode, Result};
use crate::json::{expect_object, required_field, CanonicalJson};
use crate::public_inputs::{shared_public_input, BlobSource};
use crate::types::l1::ProofSystemBatchPerVerificationEntries;
use alloy_primitives::{keccak256, B256};
use serde_json::{Map, Value};

/// The domain tag that starts the commitment preimage (29 ASCII bytes, no length prefix).
pub const COMMITMENT_TAG: &[u8; 29] = b"exectable.table-commitment.v1";

/// The published record of a table commitment: what the 32-byte digest binds.
///
/// JSON: `{"commitment": digest, "entryCount", "lookupCount", "sharedPublicInput", "root"}`
/// (counts as minimal 0x-hex).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TableCommitment {
    /// `E`: the number of entries (the first `E` leaves).
    pub entry_count: u64,
    /// `L`: the number of top-level lookup calls (the last `L` leaves).
    pub lookup_count: u64,
    /// The batch's `sharedPublicInput` (spec §4.5), which binds its blob hashes, callData and
    /// crossProofSystemInteractions as well as the item hashes.
    pub shared_public_input: B256,
    /// The Merkle root over the `E + L` leaves.
    pub root: B256,
}

/// Which item of a table a leaf holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Leaf {
    /// `entries[i]`: leaf index `i`.
    Entry(u64),
    /// `l1ToL2lookupCalls[j]`: leaf index `E + j`.
    LookupCall(u64),
}

impl Leaf {
    /// The leaf of flat index `index` in a table of `entry_count` entries.
    pub fn at(index: u64, entry_count: u64) -> Leaf {
        if index < entry_count {
            Leaf::Entry(index)
        } else {
            Leaf::LookupCall(index - entry_count)
        }
    }

    /// The flat leaf index in a table of `entry_count` entries (`None` on overflow).
    pub fn index(&self, entry_count: u64) -> Option<u64> {
        match self {
            Leaf::Entry(i) => Some(*i),
            Leaf::LookupCall(j) => entry_count.checked_add(*j),
        }
    }

    /// JSON: `{"entry": "0x3"}` or `{"lookupCall": "0x0"}`.
    pub fn to_json(&self) -> Value {
        match self {
            Leaf::Entry(i) => serde_json::json!({"entry": i.to_json()}),
            Leaf::LookupCall(j) => serde_json::json!({"lookupCall": j.to_json()}),
        }
    }
}

impl std::fmt::Display for Leaf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Leaf::Entry(i) => write!(f, "entries[{i}]"),
            Leaf::LookupCall(j) => write!(f, "l1ToL2lookupCalls[{j}]"),
        }
    }
}

impl TableCommitment {
    /// The 109-byte preimage: `"exectable.table-commitment.v1" ‖ u64be(E) ‖ u64be(L) ‖
    /// sharedPublicInput ‖ root`.
    pub fn preimage(&self) -> [u8; 109] {
        let mut out = [0u8; 109];
        out[..29].copy_from_slice(COMMITMENT_TAG);
        out[29..37].copy_from_slice(&self.entry_count.to_be_bytes());
        out[37..45].copy_from_slice(&self.lookup_count.to_be_bytes());
        out[45..77].copy_from_slice(self.shared_public_input.as_slice());
        out[77..].copy_from_slice(self.root.as_slice());
        out
    }

    /// The published commitment: `keccak256(preimage)`.
    pub fn digest(&self) -> B256 {
        keccak256(self.preimage())
    }

    /// `E + L`, the number of leaves (`None` if it overflows u64).
    pub fn leaf_count(&self) -> Option<u64> {
        self.entry_count.checked_add(self.lookup_count)
    }

    /// The commitment of `batch`, with its blob hashes from `blobs` (needed only when the batch
    /// has `blobIndices`; `BlobSource::default()` is right otherwise).
    pub fn of_batch(batch: &ProofSystemBatchPerVerificationEntries, blobs: &BlobSource) -> Result<Self> {
        Ok(CommittedTable::of_batch(batch, blobs)?.commitment)
    }

    /// Checks this record against `batch`: [`ErrorCode::CommitmentMismatch`] naming every field
    /// that differs from the batch's own commitment.
    pub fn check_batch(&self, batch: &ProofSystemBatchPerVerificationEntries, blobs: &BlobSource) -> Result<()> {
        let actual = Self::of_batch(batch, blobs)?;
        let mut differences = Vec::new();
        if self.entry_count != actual.entry_count {
            differences.push(format!("entryCount {} (the batch has {})", self.entry_count, actual.entry_count));
        }
        if self.lookup_count != actual.lookup_count {
            differences.push(format!("lookupCount {} (the batch has {})", self.lookup_count, actual.lookup_count));
        }
        if self.shared_public_input != actual.shared_public_input {
            differences.push(format!(
                "sharedPublicInput {} (the batch's is {})",
                self.shared_public_input, actual.shared_public_input
            ));
        }
        if self.root != actual.root {
            differences.push(format!("root {} (the batch's is {})", self.root, actual.root));
        }
        if differences.is_empty() {
            return Ok(());
        }
        Err(Error::rejected(
            ErrorCode::CommitmentMismatch,
            format!("table commitment does not match the batch: {}", differences.join("; ")),
        ))
    }

    /// Checks a bare 32-byte commitment against `batch` ([`ErrorCode::CommitmentMismatch`] if it
    /// is not the batch's).
    pub fn check_digest(
        digest: B256,
        batch: &ProofSystemBatchPerVerificationEntries,
        blobs: &BlobSource,
    ) -> Result<()> {
        let actual = Self::of_batch(batch, blobs)?;
        if actual.digest() == digest {
            return Ok(());
        }
        Err(Error::rejected(
            ErrorCode::CommitmentMismatch,
            format!(
                "table commitment {digest} is not the batch's {} (entryCount {}, lookupCount {}, sharedPublicInput {}, root {})",
                actual.digest(),
                actual.entry_count,
                actual.lookup_count,
                actual.shared_public_input,
                actual.root
            ),
        ))
    }
}

const COMMITMENT_FIELDS: &[&str] = &["commitment", "entryCount", "lookupCount", "sharedPublicInput", "root"];

impl CanonicalJson for TableCommitment {
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("commitment".into(), self.digest().to_json());
        map.insert("entryCount".into(), self.entry_count.to_json());
        map.insert("lookupCount".into(), self.lookup_count.to_json());
        map.insert("sharedPublicInput".into(), self.shared_public_input.to_json());
        map.insert("root".into(), self.root.to_json());
        Value::Object(map)
    }

    /// Reads the record; `commitment`, when present, must be the digest of the other fields
    /// ([`ErrorCode::ProofMalformed`] otherwise).
    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let map = expect_object(value, path, COMMITMENT_FIELDS)?;
        let record = TableCommitment {
            entry_count: required_field(map, "entryCount", path)?,
            lookup_count: required_field(map, "lookupCount", path)?,
            shared_public_input: required_field(map, "sharedPublicInput", path)?,
            root: required_field(map, "root", path)?,
        };
        if let Some(v) = map.get("commitment") {
            let stated = B256::from_json_at(v, &path.field("commitment"))?;
            if stated != record.digest() {
                return Err(Error::rejected(
                    ErrorCode::ProofMalformed,
                    format!(
                        "{}: {stated} is not the digest of the record's fields ({})",
                        path.field("commitment"),
                        record.digest()
                    ),
                ));
            }
        }
        Ok(record)
    }
}

/// A table with its tree and commitment: makes inclusion proofs.
#[derive(Debug, Clone)]
pub struct CommittedTable {
    /// The published record.
    pub commitment: TableCommitment,
    /// Entry hashes then lookup-call hashes, the items of the leaves.
    pub item_hashes: Vec<B256>,
    /// The Merkle tree over them.
    pub tree: TableTree,
}

impl CommittedTable {
    /// Commits to `batch`: hashes every entry and lookup call once (via [`BatchOverview`]),
    /// computes `sharedPublicInput` with the blob hashes of `blobs`, and builds the tree.
    pub fn of_batch(batch: &ProofSystemBatchPerVerificationEntries, blobs: &BlobSource) -> Result<Self> {
        let overview = BatchOverview::of(batch);
        let entry_hashes = overview.entry_hashes();
        let lookup_call_hashes = overview.lookup_call_hashes();
        let blob_hashes = blobs.resolve(&batch.blobIndices)?;
        let shared = shared_public_input(
            &entry_hashes,
            &lookup_call_hashes,
            &blob_hashes,
            keccak256(&batch.callData),
            batch.crossProofSystemInteractions,
        );
        Ok(Self::from_hashes(&entry_hashes, &lookup_call_hashes, shared))
    }

    /// Commits to a table given by its entry hashes, lookup-call hashes and `sharedPublicInput`.
    pub fn from_hashes(entry_hashes: &[B256], lookup_call_hashes: &[B256], shared_public_input: B256) -> Self {
        let mut item_hashes = Vec::with_capacity(entry_hashes.len() + lookup_call_hashes.len());
        item_hashes.extend_from_slice(entry_hashes);
        item_hashes.extend_from_slice(lookup_call_hashes);
        let tree = TableTree::from_item_hashes(&item_hashes);
        let commitment = TableCommitment {
            entry_count: entry_hashes.len() as u64,
            lookup_count: lookup_call_hashes.len() as u64,
            shared_public_input,
            root: tree.root(),
        };
        CommittedTable { commitment, item_hashes, tree }
    }

    /// The published commitment (digest).
    pub fn digest(&self) -> B256 {
        self.commitment.digest()
    }

    /// The leaf of the first entry whose hash is `hash`, if any.
    pub fn find_entry(&self, hash: &B256) -> Option<Leaf> {
        let entry_count = usize::try_from(self.commitment.entry_count).unwrap_or(usize::MAX);
        self.item_hashes.iter().take(entry_count).position(|h| h == hash).map(|i| Leaf::Entry(i as u64))
    }

    /// The leaf of the first lookup call whose hash is `hash`, if any.
    pub fn find_lookup_call(&self, hash: &B256) -> Option<Leaf> {
        let entry_count = usize::try_from(self.commitment.entry_count).unwrap_or(usize::MAX);
        self.item_hashes.iter().skip(entry_count).position(|h| h == hash).map(|j| Leaf::LookupCall(j as u64))
    }

    /// An inclusion proof for `leaves` (any order; [`Error::InvalidArgument`] for a leaf the
    /// table does not have or one named twice). The proof lists them by ascending leaf index.
    pub fn prove(&self, leaves: &[Leaf]) -> Result<InclusionProof> {
        let count = self.commitment;
        let mut indices = Vec::with_capacity(leaves.len());
        for (i, leaf) in leaves.iter().enumerate() {
            let in_range = match leaf {
                Leaf::Entry(e) => *e < count.entry_count,
                Leaf::LookupCall(l) => *l < count.lookup_count,
            };
            match leaf.index(count.entry_count) {
                Some(index) if in_range => indices.push(index),
                _ => {
                    return Err(Error::invalid(
                        format!("leaves[{i}]"),
                        format!(
                            "{leaf} is not in the table ({} entries, {} lookup calls)",
                            count.entry_count, count.lookup_count
                        ),
                    ))
                }
            }
        }
        indices.sort_unstable();
        if let Some(pair) = indices.windows(2).find(|w| w[0] == w[1]) {
            return Err(Error::invalid("leaves", format!("{} is named twice", Leaf::at(pair[0], count.entry_count))));
        }
        self.prove_indices(&indices)
    }

    /// An inclusion proof for the leaves at flat `indices` (strictly ascending, each below
    /// `E + L`; [`Error::InvalidArgument`] otherwise).
    pub fn prove_indices(&self, indices: &[u64]) -> Result<InclusionProof> {
        let siblings = self.tree.siblings(indices)?;
        Ok(InclusionProof { commitment: self.commitment, indices: indices.to_vec(), siblings })
    }

    /// The item hash of the leaf at flat `index`.
    pub fn item_hash(&self, index: u64) -> Option<B256> {
        self.item_hashes.get(usize::try_from(index).ok()?).copied()
    }

    /// The entry hashes: the items of the first `E` leaves.
    pub fn entry_hashes(&self) -> &[B256] {
        &self.item_hashes[..self.entry_split()]
    }

    /// The lookup-call hashes: the items of the last `L` leaves.
    pub fn lookup_call_hashes(&self) -> &[B256] {
        &self.item_hashes[self.entry_split()..]
    }

    /// `E`, clamped to the number of items.
    fn entry_split(&self) -> usize {
        usize::try_from(self.commitment.entry_count).unwrap_or(usize::MAX).min(self.item_hashes.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_hashes_split_into_entries_then_lookup_calls() {
        let hashes: Vec<B256> = (0u8..5).map(|i| keccak256([i])).collect();
        let table = CommittedTable::from_hashes(&hashes[..3], &hashes[3..], B256::ZERO);
        assert_eq!(table.entry_hashes(), &hashes[..3]);
        assert_eq!(table.lookup_call_hashes(), &hashes[3..]);
        let no_lookups = CommittedTable::from_hashes(&hashes, &[], B256::ZERO);
        assert_eq!((no_lookups.entry_hashes().len(), no_lookups.lookup_call_hashes().len()), (5, 0));
        let mut claimed_too_many = no_lookups.clone();
        claimed_too_many.commitment.entry_count = 9;
        assert_eq!((claimed_too_many.entry_hashes().len(), claimed_too_many.lookup_call_hashes().len()), (5, 0));
    }
}
