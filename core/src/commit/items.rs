//! What a verifier is given and what it returns: the items (in full or by hash), the commitment
//! it trusts (digest or record), and the leaves a valid proof established.

use super::{Leaf, TableCommitment};
use crate::abi::layout::Path;
use crate::error::{Error, Result};
use crate::json::{expect_object, CanonicalJson};
use crate::public_inputs::BlobSource;
use crate::types::l1::{ExecutionEntry, LookupCall, ProofSystemBatchPerVerificationEntries};
use alloy_primitives::B256;
use serde_json::{json, Map, Value};

/// An item whose inclusion is checked: in full (hashed by the verifier) or by its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProofItem {
    /// An L1 execution entry; must sit at an entry leaf (`index < E`).
    Entry(Box<ExecutionEntry>),
    /// An L1 lookup call; must sit at a lookup-call leaf (`index ≥ E`).
    LookupCall(Box<LookupCall>),
    /// An entry hash `keccak256(abi.encode(entry))`; must sit at an entry leaf.
    EntryHash(B256),
    /// A lookup-call hash; must sit at a lookup-call leaf.
    LookupCallHash(B256),
    /// An entry or lookup-call hash, either table.
    ItemHash(B256),
}

/// The table an item belongs to, when the item says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Table {
    Entries,
    LookupCalls,
}

impl ProofItem {
    /// The tags of the tagged form (`{"entry": …}`, …), one per variant in declaration order.
    pub const TAGS: &'static [&'static str] = ITEM_TAGS;

    /// Whether an untagged item object is an execution entry rather than a lookup call, given
    /// which fields it has: an entry names `proxyEntryHash` or `stateDeltas`, fields a lookup call
    /// lacks; any other object is read as a lookup call.
    pub fn bare_object_is_entry(has_field: impl Fn(&str) -> bool) -> bool {
        has_field("proxyEntryHash") || has_field("stateDeltas")
    }

    /// The item hash the leaf commits to (`entry.hash()`, `lookupCall.hash()`, or the hash given).
    pub fn item_hash(&self) -> B256 {
        match self {
            ProofItem::Entry(entry) => entry.hash(),
            ProofItem::LookupCall(lookup) => lookup.hash(),
            ProofItem::EntryHash(h) | ProofItem::LookupCallHash(h) | ProofItem::ItemHash(h) => *h,
        }
    }

    pub(super) fn table(&self) -> Option<Table> {
        match self {
            ProofItem::Entry(_) | ProofItem::EntryHash(_) => Some(Table::Entries),
            ProofItem::LookupCall(_) | ProofItem::LookupCallHash(_) => Some(Table::LookupCalls),
            ProofItem::ItemHash(_) => None,
        }
    }

    /// Reads an item from JSON: the tagged form (see [`CanonicalJson`]), or a bare entry or
    /// lookup-call object (told apart by their field names), or a bare 32-byte hash string.
    pub fn from_any_json(value: &Value) -> Result<Self> {
        let root = Path::Root("item");
        match value {
            Value::String(_) => Ok(ProofItem::ItemHash(B256::from_json_at(value, &root)?)),
            Value::Object(map) if map.len() == 1 && ITEM_TAGS.contains(&map.keys().next().map_or("", |k| k)) => {
                Self::from_json_at(value, &root)
            }
            Value::Object(map) if Self::bare_object_is_entry(|f| map.contains_key(f)) => {
                Ok(ProofItem::Entry(Box::new(ExecutionEntry::from_json_at(value, &root)?)))
            }
            Value::Object(_) => Ok(ProofItem::LookupCall(Box::new(LookupCall::from_json_at(value, &root)?))),
            _ => Err(Error::JsonShape {
                path: root.to_string(),
                message: "expected an entry or lookup-call object, a tagged item or a 32-byte hash".into(),
            }),
        }
    }
}

const ITEM_TAGS: &[&str] = &["entry", "lookupCall", "entryHash", "lookupCallHash", "itemHash"];

impl CanonicalJson for ProofItem {
    /// `{"entry": {…}}`, `{"lookupCall": {…}}`, `{"entryHash": "0x…"}`, `{"lookupCallHash": "0x…"}`
    /// or `{"itemHash": "0x…"}`.
    fn to_json(&self) -> Value {
        match self {
            ProofItem::Entry(entry) => json!({"entry": entry.to_json()}),
            ProofItem::LookupCall(lookup) => json!({"lookupCall": lookup.to_json()}),
            ProofItem::EntryHash(h) => json!({"entryHash": h.to_json()}),
            ProofItem::LookupCallHash(h) => json!({"lookupCallHash": h.to_json()}),
            ProofItem::ItemHash(h) => json!({"itemHash": h.to_json()}),
        }
    }

    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let map = expect_object(value, path, ITEM_TAGS)?;
        let mut tags = map.iter();
        let (tag, inner) = match (tags.next(), tags.next()) {
            (Some(only), None) => only,
            _ => {
                return Err(Error::JsonShape {
                    path: path.to_string(),
                    message: format!("an item has exactly one of: {}", ITEM_TAGS.join(", ")),
                })
            }
        };
        let at = path.field(tag);
        Ok(match tag.as_str() {
            "entry" => ProofItem::Entry(Box::new(ExecutionEntry::from_json_at(inner, &at)?)),
            "lookupCall" => ProofItem::LookupCall(Box::new(LookupCall::from_json_at(inner, &at)?)),
            "entryHash" => ProofItem::EntryHash(B256::from_json_at(inner, &at)?),
            "lookupCallHash" => ProofItem::LookupCallHash(B256::from_json_at(inner, &at)?),
            _ => ProofItem::ItemHash(B256::from_json_at(inner, &at)?),
        })
    }
}

/// What the verifier trusts: the published 32-byte commitment, or the whole record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpectedCommitment {
    /// Only the digest: the proof's own record must hash to it.
    Digest(B256),
    /// The record (its digest implied): the proof's record must equal it field by field, which
    /// tells a wrong leaf count (402) from another commitment (404).
    Record(TableCommitment),
}

impl ExpectedCommitment {
    /// The commitment digest.
    pub fn digest(&self) -> B256 {
        match self {
            ExpectedCommitment::Digest(d) => *d,
            ExpectedCommitment::Record(r) => r.digest(),
        }
    }

    /// Checks this claim against `batch` (blob hashes from `blobs`) and returns the batch's own
    /// record: a digest must be the batch's commitment ([`TableCommitment::check_digest`]), a
    /// record must equal the batch's field by field ([`TableCommitment::check_batch`]);
    /// [`crate::ErrorCode::CommitmentMismatch`] (410) otherwise.
    pub fn check_batch(
        &self,
        batch: &ProofSystemBatchPerVerificationEntries,
        blobs: &BlobSource,
    ) -> Result<TableCommitment> {
        match self {
            ExpectedCommitment::Digest(digest) => {
                TableCommitment::check_digest(*digest, batch, blobs)?;
                TableCommitment::of_batch(batch, blobs)
            }
            ExpectedCommitment::Record(record) => record.check_batch(batch, blobs).map(|()| *record),
        }
    }
}

impl CanonicalJson for ExpectedCommitment {
    /// A digest is a `0x`-hex string; a record is the [`TableCommitment`] object.
    fn to_json(&self) -> Value {
        match self {
            ExpectedCommitment::Digest(d) => d.to_json(),
            ExpectedCommitment::Record(r) => r.to_json(),
        }
    }

    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        match value {
            Value::Object(_) => Ok(ExpectedCommitment::Record(TableCommitment::from_json_at(value, path)?)),
            _ => Ok(ExpectedCommitment::Digest(B256::from_json_at(value, path)?)),
        }
    }
}

/// A proof that verified: which leaves the items are, under which commitment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedInclusion {
    /// The commitment digest.
    pub commitment: B256,
    /// The leaves, in proof (ascending index) order, one per item.
    pub leaves: Vec<Leaf>,
}

impl VerifiedInclusion {
    /// JSON: `{"valid": true, "commitment", "leaves": [{"entry": "0x3"}, …]}`.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("valid".into(), Value::Bool(true));
        map.insert("commitment".into(), self.commitment.to_json());
        map.insert("leaves".into(), Value::Array(self.leaves.iter().map(Leaf::to_json).collect()));
        Value::Object(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn batch() -> ProofSystemBatchPerVerificationEntries {
        ProofSystemBatchPerVerificationEntries {
            entries: vec![ExecutionEntry::default()],
            l1ToL2lookupCalls: vec![LookupCall::default()],
            ..Default::default()
        }
    }

    #[test]
    fn a_claim_is_checked_by_digest_or_field_by_field() {
        let blobs = BlobSource::default();
        let record = TableCommitment::of_batch(&batch(), &blobs).unwrap();
        let by_digest = ExpectedCommitment::Digest(record.digest()).check_batch(&batch(), &blobs).unwrap();
        assert_eq!(by_digest, record);
        assert_eq!(ExpectedCommitment::Record(record).check_batch(&batch(), &blobs).unwrap(), record);

        let other = TableCommitment { entry_count: 2, ..record };
        for claim in [ExpectedCommitment::Digest(other.digest()), ExpectedCommitment::Record(other)] {
            let e = claim.check_batch(&batch(), &blobs).unwrap_err();
            assert_eq!(e.code(), ErrorCode::CommitmentMismatch, "{e}");
        }
        let e = ExpectedCommitment::Record(other).check_batch(&batch(), &blobs).unwrap_err();
        assert!(e.to_string().contains("entryCount 2 (the batch has 1)"), "{e}");
    }

    #[test]
    fn bare_objects_are_told_apart_by_their_entry_only_fields() {
        assert!(ProofItem::bare_object_is_entry(|f| f == "proxyEntryHash"));
        assert!(ProofItem::bare_object_is_entry(|f| f == "stateDeltas"));
        assert!(!ProofItem::bare_object_is_entry(|f| f == "crossChainCallHash"));
        assert!(!ProofItem::bare_object_is_entry(|_| false));
        let entry = ExecutionEntry::default().to_json();
        let lookup = LookupCall::default().to_json();
        assert!(matches!(ProofItem::from_any_json(&entry).unwrap(), ProofItem::Entry(_)));
        assert!(matches!(ProofItem::from_any_json(&lookup).unwrap(), ProofItem::LookupCall(_)));
        assert_eq!(ProofItem::TAGS.len(), 5);
        for tag in ProofItem::TAGS {
            let value = if tag.ends_with("Hash") { B256::ZERO.to_json() } else { entry.clone() };
            let value = if *tag == "lookupCall" { lookup.clone() } else { value };
            let item = ProofItem::from_json(&serde_json::json!({ *tag: value })).unwrap();
            assert_eq!(item.to_json().as_object().and_then(|m| m.keys().next().cloned()).as_deref(), Some(*tag));
        }
    }
}
