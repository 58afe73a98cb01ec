//! Inclusion proofs against a table commitment (docs/COMMITMENT.md): decode one (binary or
//! JSON) to inspect it, and verify that items — entries, lookup calls, or their hashes — are
//! leaves of the table a trusted commitment names. One item is a single proof, several a
//! multi-proof; the verifier is core's `InclusionProof::verify` (codes 401–409).
//!
//! ```text
//! leaf_i     = keccak256(0x00 ‖ itemHash_i)        // entry hashes, then lookup-call hashes
//! commitment = keccak256("exectable.table-commitment.v1" ‖ u64be(E) ‖ u64be(L)
//!                        ‖ sharedPublicInput ‖ root)
//! ```

use crate::entry::{ExecutionEntry, LookupCall, Mirror};
use crate::error::Result;
use crate::value::{json, parse, text};
use exectable::abi::layout::Path;
use exectable::commit;
use exectable::CanonicalJson;
use serde_json::json as json_value;

/// The published record of a table commitment: what the 32-byte digest binds.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TableCommitment {
    /// bytes32: the digest, `keccak256` of the record's 109-byte preimage. As input it must be
    /// the digest of the other fields (else `ProofMalformed`, 409).
    pub commitment: String,
    /// `E`: the number of entries (the first `E` leaves).
    pub entry_count: u64,
    /// `L`: the number of top-level lookup calls (the last `L` leaves).
    pub lookup_count: u64,
    /// bytes32: the batch's `sharedPublicInput`.
    pub shared_public_input: String,
    /// bytes32: the Merkle root over the `E + L` leaves.
    pub root: String,
}

impl TableCommitment {
    fn of(c: &commit::TableCommitment) -> Self {
        TableCommitment {
            commitment: text(&c.digest()),
            entry_count: c.entry_count,
            lookup_count: c.lookup_count,
            shared_public_input: text(&c.shared_public_input),
            root: text(&c.root),
        }
    }

    /// Core's record, read (and its stated digest checked) by core's JSON reader at `path`.
    fn to_core(&self, path: &Path<'_>) -> Result<commit::TableCommitment> {
        let record = json_value!({
            "commitment": self.commitment,
            "entryCount": self.entry_count,
            "lookupCount": self.lookup_count,
            "sharedPublicInput": self.shared_public_input,
            "root": self.root,
        });
        Ok(commit::TableCommitment::from_json_at(&record, path)?)
    }
}

/// What the verifier trusts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ExpectedCommitment {
    /// Only the published 32-byte digest: the proof's own record must hash to it.
    Digest {
        /// bytes32: the commitment digest.
        commitment: String,
    },
    /// The whole record: the proof's record must equal it field by field, which tells a wrong
    /// leaf count (402) from another commitment (404).
    Record {
        /// The record.
        record: TableCommitment,
    },
}

impl ExpectedCommitment {
    fn to_core(&self) -> Result<commit::ExpectedCommitment> {
        let root = Path::Root("commitment");
        Ok(match self {
            ExpectedCommitment::Digest { commitment } => commit::ExpectedCommitment::Digest(parse(commitment, &root)?),
            ExpectedCommitment::Record { record } => commit::ExpectedCommitment::Record(record.to_core(&root)?),
        })
    }
}

/// An item whose inclusion is checked: in full (the verifier hashes it) or by its hash.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ProofItem {
    /// An L1 execution entry; must sit at an entry leaf.
    Entry {
        /// The entry.
        entry: ExecutionEntry,
    },
    /// An L1 lookup call; must sit at a lookup-call leaf.
    LookupCall {
        /// The lookup call.
        lookup_call: LookupCall,
    },
    /// An entry hash `keccak256(abi.encode(entry))`; must sit at an entry leaf.
    EntryHash {
        /// bytes32.
        hash: String,
    },
    /// A lookup-call hash; must sit at a lookup-call leaf.
    LookupCallHash {
        /// bytes32.
        hash: String,
    },
    /// An entry or lookup-call hash, either table.
    ItemHash {
        /// bytes32.
        hash: String,
    },
}

impl ProofItem {
    fn to_core(&self, path: &Path<'_>) -> Result<commit::ProofItem> {
        Ok(match self {
            ProofItem::Entry { entry } => commit::ProofItem::Entry(Box::new(entry.to_core(&path.field("entry"))?)),
            ProofItem::LookupCall { lookup_call } => {
                commit::ProofItem::LookupCall(Box::new(lookup_call.to_core(&path.field("lookupCall"))?))
            }
            ProofItem::EntryHash { hash } => commit::ProofItem::EntryHash(parse(hash, &path.field("entryHash"))?),
            ProofItem::LookupCallHash { hash } => {
                commit::ProofItem::LookupCallHash(parse(hash, &path.field("lookupCallHash"))?)
            }
            ProofItem::ItemHash { hash } => commit::ProofItem::ItemHash(parse(hash, &path.field("itemHash"))?),
        })
    }
}

/// An inclusion proof, decoded for inspection.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InclusionProof {
    /// The commitment the proof belongs to (its `commitment` digest computed).
    pub table_commitment: TableCommitment,
    /// Flat leaf indices (entries `0..E`, lookup calls `E..E+L`), as encoded.
    pub indices: Vec<u64>,
    /// bytes32 sibling nodes, level by level from the leaves up.
    pub siblings: Vec<String>,
}

impl InclusionProof {
    fn of(p: &commit::InclusionProof) -> Self {
        InclusionProof {
            table_commitment: TableCommitment::of(&p.commitment),
            indices: p.indices.clone(),
            siblings: p.siblings.iter().map(text).collect(),
        }
    }
}

/// A leaf a verified proof established, in its own table.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Leaf {
    /// `entries[index]`.
    Entry {
        /// Index in the batch's `entries`.
        index: u64,
    },
    /// `l1ToL2lookupCalls[index]`.
    LookupCall {
        /// Index in the batch's `l1ToL2lookupCalls`.
        index: u64,
    },
}

/// A proof that verified: which leaves the items are, under which commitment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VerifiedInclusion {
    /// bytes32: the commitment digest.
    pub commitment: String,
    /// One leaf per item, in proof (ascending index) order.
    pub leaves: Vec<Leaf>,
}

impl VerifiedInclusion {
    fn of(v: &commit::VerifiedInclusion) -> Self {
        let leaves = v
            .leaves
            .iter()
            .map(|leaf| match leaf {
                commit::Leaf::Entry(i) => Leaf::Entry { index: *i },
                commit::Leaf::LookupCall(j) => Leaf::LookupCall { index: *j },
            })
            .collect();
        VerifiedInclusion { commitment: text(&v.commitment), leaves }
    }
}

fn items_to_core(items: &[ProofItem]) -> Result<Vec<commit::ProofItem>> {
    let root = Path::Root("items");
    items.iter().enumerate().map(|(i, item)| item.to_core(&root.index(i))).collect()
}

fn proof_from_json(proof_json: &str) -> Result<commit::InclusionProof> {
    Ok(commit::InclusionProof::from_json_at(&json(proof_json)?, &Path::Root("proof"))?)
}

/// Decodes the binary proof encoding (`89 + 8k + 32s` bytes; 405 truncated, 406 overlong, 409
/// version). The indices and siblings are not checked here: [`verify_inclusion_proof`] does.
#[uniffi::export]
pub fn decode_inclusion_proof(proof: Vec<u8>) -> Result<InclusionProof> {
    Ok(InclusionProof::of(&commit::InclusionProof::decode(&proof)?))
}

/// Reads the JSON proof form (`{"format": "exectable-inclusion-proof/v1", "tableCommitment",
/// "indices", "siblings"}`).
#[uniffi::export]
pub fn decode_inclusion_proof_json(proof_json: String) -> Result<InclusionProof> {
    Ok(InclusionProof::of(&proof_from_json(&proof_json)?))
}

/// Verifies that `items` (one per proven leaf, in ascending leaf order) are leaves of the table
/// `commitment` names, with the binary `proof`. Returns the leaves; a rejection is a `Proof` error
/// whose code says why (401 index, 402 leaf count, 403 root, 404 other commitment, 405/406
/// sibling count, 407 inner node as item, 408 duplicate index, 409 malformed).
#[uniffi::export]
pub fn verify_inclusion_proof(
    proof: Vec<u8>,
    commitment: ExpectedCommitment,
    items: Vec<ProofItem>,
) -> Result<VerifiedInclusion> {
    let expected = commitment.to_core()?;
    let items = items_to_core(&items)?;
    let decoded = commit::InclusionProof::decode(&proof)?;
    Ok(VerifiedInclusion::of(&decoded.verify(&expected, &items)?))
}

/// [`verify_inclusion_proof`] with the proof in its JSON form.
#[uniffi::export]
pub fn verify_inclusion_proof_json(
    proof_json: String,
    commitment: ExpectedCommitment,
    items: Vec<ProofItem>,
) -> Result<VerifiedInclusion> {
    let expected = commitment.to_core()?;
    let items = items_to_core(&items)?;
    let decoded = proof_from_json(&proof_json)?;
    Ok(VerifiedInclusion::of(&decoded.verify(&expected, &items)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ExectableError;
    use alloy_primitives::{B256, U256};
    use exectable::types::l1;

    /// A table of three entries and two lookup calls, with the entries themselves.
    fn table() -> (commit::CommittedTable, Vec<l1::ExecutionEntry>, Vec<B256>) {
        let entries: Vec<l1::ExecutionEntry> = (0..3u64)
            .map(|i| l1::ExecutionEntry { destinationRollupId: U256::from(i + 1), ..Default::default() })
            .collect();
        let entry_hashes: Vec<B256> = entries.iter().map(l1::ExecutionEntry::hash).collect();
        let lookups = vec![B256::repeat_byte(0xa1), B256::repeat_byte(0xa2)];
        (commit::CommittedTable::from_hashes(&entry_hashes, &lookups, B256::repeat_byte(0x5e)), entries, lookups)
    }

    #[test]
    fn single_and_multi_proofs_verify_against_digest_and_record() {
        let (table, entries, lookups) = table();
        let digest = ExpectedCommitment::Digest { commitment: text(&table.digest()) };
        let record = ExpectedCommitment::Record { record: TableCommitment::of(&table.commitment) };

        let single = table.prove(&[commit::Leaf::Entry(1)]).unwrap().encode().unwrap();
        let item = ProofItem::Entry { entry: ExecutionEntry::from_core(&entries[1]) };
        for expected in [&digest, &record] {
            let got = verify_inclusion_proof(single.clone(), expected.clone(), vec![item.clone()]).unwrap();
            assert_eq!(got.leaves, vec![Leaf::Entry { index: 1 }]);
            assert_eq!(got.commitment, text(&table.digest()));
        }

        let multi = table.prove(&[commit::Leaf::LookupCall(1), commit::Leaf::Entry(0)]).unwrap();
        let items = vec![
            ProofItem::EntryHash { hash: text(&entries[0].hash()) },
            ProofItem::LookupCallHash { hash: text(&lookups[1]) },
        ];
        let json = multi.to_json().to_string();
        let got = verify_inclusion_proof_json(json.clone(), record, items).unwrap();
        assert_eq!(got.leaves, vec![Leaf::Entry { index: 0 }, Leaf::LookupCall { index: 1 }]);
        let inspected = decode_inclusion_proof_json(json).unwrap();
        assert_eq!(inspected, decode_inclusion_proof(multi.encode().unwrap()).unwrap());
        assert_eq!(inspected.indices, vec![0, 4]);
        assert_eq!(inspected.table_commitment.entry_count, 3);
    }

    #[test]
    fn tampered_proofs_are_proof_errors_with_core_codes() {
        let (table, entries, _) = table();
        let proof = table.prove(&[commit::Leaf::Entry(2)]).unwrap().encode().unwrap();
        let digest = ExpectedCommitment::Digest { commitment: text(&table.digest()) };
        let wrong = vec![ProofItem::EntryHash { hash: text(&entries[0].hash()) }];
        let e = verify_inclusion_proof(proof.clone(), digest.clone(), wrong).unwrap_err();
        assert!(matches!(e, ExectableError::Proof { code: 403, ref name, .. } if name == "ProofRootMismatch"), "{e:?}");
        let e = verify_inclusion_proof(proof[..88].to_vec(), digest.clone(), vec![]).unwrap_err();
        assert_eq!(e.code(), 405);
        let other = ExpectedCommitment::Digest { commitment: text(&B256::ZERO) };
        let item = vec![ProofItem::ItemHash { hash: text(&entries[2].hash()) }];
        assert_eq!(verify_inclusion_proof(proof.clone(), other, item).unwrap_err().code(), 404);
        let lookup_item = vec![ProofItem::LookupCallHash { hash: text(&entries[2].hash()) }];
        assert_eq!(verify_inclusion_proof(proof, digest, lookup_item).unwrap_err().code(), 401);
    }

    #[test]
    fn bad_arguments_name_their_path() {
        let (table, _, _) = table();
        let proof = table.prove(&[commit::Leaf::Entry(0)]).unwrap().encode().unwrap();
        let mut record = TableCommitment::of(&table.commitment);
        let digest = ExpectedCommitment::Digest { commitment: "0x12".into() };
        let e = verify_inclusion_proof(proof.clone(), digest, vec![]).unwrap_err();
        assert_eq!(e.to_string(), "commitment: a bytes32 has 32 bytes, found 1");
        record.root = text(&B256::repeat_byte(1));
        let e = verify_inclusion_proof(proof.clone(), ExpectedCommitment::Record { record }, vec![]).unwrap_err();
        assert_eq!(e.code(), 409);
        assert!(e.to_string().starts_with("commitment.commitment: "), "{e}");
        let digest = ExpectedCommitment::Digest { commitment: text(&table.digest()) };
        let items = vec![ProofItem::ItemHash { hash: text(&B256::ZERO) }, ProofItem::EntryHash { hash: "0x".into() }];
        let e = verify_inclusion_proof(proof, digest, items).unwrap_err();
        assert_eq!(e.to_string(), "items[1].entryHash: a bytes32 has 32 bytes, found 0");
    }
}
