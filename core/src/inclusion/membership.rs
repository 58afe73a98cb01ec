//! Step 2 of batch membership (spec §7 item 2): find an entry or lookup call in a posted batch.
//!
//! The item is given in full (its hash is computed), by its entry / lookup-call hash
//! (`keccak256(abi.encode(item))`, §4.4), or by its trigger: the `proxyEntryHash` of entries or
//! the `crossChainCallHash` of lookup calls. Every item that matches is reported — a trigger hash
//! may match several (e.g. every `executeL2TX` entry has `proxyEntryHash == 0`), and so does an
//! item repeated in a batch.

use super::posting::PostedBatch;
use crate::abi::layout::Path;
use crate::batch::{ItemOverview, Placement};
use crate::error::{Error, ErrorCode, Result};
use crate::json::{expect_object, CanonicalJson};
use crate::types::l1::{ExecutionEntry, LookupCall};
use alloy_primitives::{B256, U256};
use serde_json::{json, Map, Value};

/// How the caller names the item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemQuery {
    /// A full L1 `ExecutionEntry`.
    Entry(Box<ExecutionEntry>),
    /// A full L1 `LookupCall`.
    LookupCall(Box<LookupCall>),
    /// `entryHash = keccak256(abi.encode(entry))`.
    EntryHash(B256),
    /// `lookupCallHash = keccak256(abi.encode(lookupCall))`.
    LookupCallHash(B256),
    /// An entry's `proxyEntryHash` (its trigger call hash; 0 for immediate / `executeL2TX` entries).
    ProxyEntryHash(B256),
    /// A top-level lookup call's `crossChainCallHash`.
    CrossChainCallHash(B256),
}

/// The JSON member names of [`ItemQuery`], in variant order.
pub const ITEM_QUERY_FORMS: &[&str] =
    &["entry", "lookupCall", "entryHash", "lookupCallHash", "proxyEntryHash", "crossChainCallHash"];

impl ItemQuery {
    /// The JSON member name of this form (`entryHash`, …).
    pub fn form(&self) -> &'static str {
        match self {
            ItemQuery::Entry(_) => "entry",
            ItemQuery::LookupCall(_) => "lookupCall",
            ItemQuery::EntryHash(_) => "entryHash",
            ItemQuery::LookupCallHash(_) => "lookupCallHash",
            ItemQuery::ProxyEntryHash(_) => "proxyEntryHash",
            ItemQuery::CrossChainCallHash(_) => "crossChainCallHash",
        }
    }

    /// Whether `item` (an entry when `entry` is `Some`, else the lookup) with hash `hash` matches.
    fn matches(&self, hash: B256, entry: Option<&ExecutionEntry>, lookup: Option<&LookupCall>) -> bool {
        match (self, entry, lookup) {
            (ItemQuery::Entry(e), Some(_), _) => e.hash() == hash,
            (ItemQuery::EntryHash(h), Some(_), _) => *h == hash,
            (ItemQuery::ProxyEntryHash(h), Some(e), _) => e.proxyEntryHash == *h,
            (ItemQuery::LookupCall(l), _, Some(_)) => l.hash() == hash,
            (ItemQuery::LookupCallHash(h), _, Some(_)) => *h == hash,
            (ItemQuery::CrossChainCallHash(h), _, Some(l)) => l.crossChainCallHash == *h,
            _ => false,
        }
    }

    /// A one-line description: `entryHash 0x…`, `entry with entryHash 0x…`.
    pub fn describe(&self) -> String {
        match self {
            ItemQuery::Entry(e) => format!("entry with entryHash {}", e.hash()),
            ItemQuery::LookupCall(l) => format!("lookup call with lookupCallHash {}", l.hash()),
            ItemQuery::EntryHash(h)
            | ItemQuery::LookupCallHash(h)
            | ItemQuery::ProxyEntryHash(h)
            | ItemQuery::CrossChainCallHash(h) => format!("{} {h}", self.form()),
        }
    }
}

/// JSON: an object with exactly one member, one of [`ITEM_QUERY_FORMS`]:
/// `{"entry": {…}}`, `{"entryHash": "0x…"}`, `{"proxyEntryHash": "0x…"}`, ….
impl CanonicalJson for ItemQuery {
    fn to_json(&self) -> Value {
        let value = match self {
            ItemQuery::Entry(e) => e.to_json(),
            ItemQuery::LookupCall(l) => l.to_json(),
            ItemQuery::EntryHash(h)
            | ItemQuery::LookupCallHash(h)
            | ItemQuery::ProxyEntryHash(h)
            | ItemQuery::CrossChainCallHash(h) => h.to_json(),
        };
        let mut map = Map::new();
        map.insert(self.form().into(), value);
        Value::Object(map)
    }

    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let map = expect_object(value, path, ITEM_QUERY_FORMS)?;
        let mut members = map.iter();
        let (Some((name, v)), None) = (members.next(), members.next()) else {
            return Err(Error::JsonShape {
                path: path.to_string(),
                message: format!("name the item with exactly one of: {}", ITEM_QUERY_FORMS.join(", ")),
            });
        };
        let at = path.field(name);
        Ok(match name.as_str() {
            "entry" => ItemQuery::Entry(Box::new(ExecutionEntry::from_json_at(v, &at)?)),
            "lookupCall" => ItemQuery::LookupCall(Box::new(LookupCall::from_json_at(v, &at)?)),
            "entryHash" => ItemQuery::EntryHash(B256::from_json_at(v, &at)?),
            "lookupCallHash" => ItemQuery::LookupCallHash(B256::from_json_at(v, &at)?),
            "proxyEntryHash" => ItemQuery::ProxyEntryHash(B256::from_json_at(v, &at)?),
            _ => ItemQuery::CrossChainCallHash(B256::from_json_at(v, &at)?),
        })
    }
}

/// Whether a batch item is an entry or a top-level lookup call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// `batch.entries[index]`.
    Entry,
    /// `batch.l1ToL2lookupCalls[index]`.
    LookupCall,
}

impl ItemKind {
    /// `entry` or `lookupCall`.
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Entry => "entry",
            ItemKind::LookupCall => "lookupCall",
        }
    }
}

/// One item of the batch that matches the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipMatch {
    /// Entry or lookup call.
    pub kind: ItemKind,
    /// Index in `batch.entries` / `batch.l1ToL2lookupCalls`.
    pub index: usize,
    /// Its entry / lookup-call hash (bound by `sharedPublicInput`).
    pub hash: B256,
    /// `proxyEntryHash` (entries) or `crossChainCallHash` (lookups).
    pub trigger: B256,
    /// `destinationRollupId`.
    pub destination_rollup_id: U256,
    /// Transient (at its transient index) or queued (rollup + per-rollup queue index: the index
    /// later `ExecutionConsumed` / `L2TXExecuted` / `EntryExecuted` logs carry).
    pub placement: Placement,
    /// A transient entry of the leading run with `proxyEntryHash == 0`: executed (or skipped)
    /// inside `postAndVerifyBatch` itself (§6.2). Always false for lookups.
    pub immediate: bool,
}

impl MembershipMatch {
    /// JSON: `{"kind", "index", "hash", "proxyEntryHash" | "crossChainCallHash",
    /// "destinationRollupId", "placement", "immediate"}`.
    pub fn to_json(&self) -> Value {
        let trigger = match self.kind {
            ItemKind::Entry => "proxyEntryHash",
            ItemKind::LookupCall => "crossChainCallHash",
        };
        let mut map = Map::new();
        map.insert("kind".into(), json!(self.kind.name()));
        map.insert("index".into(), (self.index as u64).to_json());
        map.insert("hash".into(), self.hash.to_json());
        map.insert(trigger.into(), self.trigger.to_json());
        map.insert("destinationRollupId".into(), self.destination_rollup_id.to_json());
        map.insert("placement".into(), self.placement.to_json());
        map.insert("immediate".into(), json!(self.immediate));
        Value::Object(map)
    }
}

impl PostedBatch {
    /// Every item matching `query`, entries first, each in batch order (possibly none).
    pub fn matches(&self, query: &ItemQuery) -> Vec<MembershipMatch> {
        let mut out = Vec::new();
        let row = |kind, item: &ItemOverview, trigger, rollup, immediate| MembershipMatch {
            kind,
            index: item.index,
            hash: item.hash,
            trigger,
            destination_rollup_id: rollup,
            placement: item.placement,
            immediate,
        };
        for (item, entry) in self.overview.entries.iter().zip(&self.batch.entries) {
            if query.matches(item.hash, Some(entry), None) {
                let immediate = item.index < self.immediate_run;
                out.push(row(ItemKind::Entry, item, entry.proxyEntryHash, entry.destinationRollupId, immediate));
            }
        }
        for (item, lookup) in self.overview.lookup_calls.iter().zip(&self.batch.l1ToL2lookupCalls) {
            if query.matches(item.hash, None, Some(lookup)) {
                out.push(row(ItemKind::LookupCall, item, lookup.crossChainCallHash, lookup.destinationRollupId, false));
            }
        }
        out
    }

    /// As [`matches`](Self::matches), but no match is
    /// [`MembershipItemNotFound`](ErrorCode::MembershipItemNotFound) (604).
    pub fn find(&self, query: &ItemQuery) -> Result<Vec<MembershipMatch>> {
        let found = self.matches(query);
        if found.is_empty() {
            return Err(Error::rejected(
                ErrorCode::MembershipItemNotFound,
                format!(
                    "no {} of the batch matches the {} ({} entries, {} lookup calls)",
                    match query {
                        ItemQuery::Entry(_) | ItemQuery::EntryHash(_) | ItemQuery::ProxyEntryHash(_) => "entry",
                        _ => "lookup call",
                    },
                    query.describe(),
                    self.batch.entries.len(),
                    self.batch.l1ToL2lookupCalls.len()
                ),
            ));
        }
        Ok(found)
    }
}
