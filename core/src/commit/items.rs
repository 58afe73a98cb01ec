//! What a verifier is given and what it returns: the items (in full or by hash), the commitment
//! it trusts (digest or record), and the leaves a valid proof established.

use super::{Leaf, TableCommitment};
use crate::abi::layout::Path;
use crate::error::{Error, Result};
use crate::json::{expect_object, CanonicalJson};
use crate::types::l1::{ExecutionEntry, LookupCall};
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
            Value::Object(map) if map.contains_key("proxyEntryHash") || map.contains_key("stateDeltas") => {
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
