//! What the receipts show about each entry of a posted batch: the report types of
//! [`consumption_evidence`](super::consumption_evidence), with their JSON forms.

use crate::abi::events::L1Event;
use crate::abi::revert::ProtocolError;
use crate::batch::Placement;
use crate::json::CanonicalJson;
use alloy_primitives::{Bytes, B256, U256};
use serde_json::{json, Value};

/// A log's position: which receipt, and its position in that receipt's `logs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogRef {
    /// `None` for the posting receipt, `Some(i)` for `later[i]`.
    pub later: Option<usize>,
    /// Position in the receipt's `logs` array.
    pub log: usize,
}

impl LogRef {
    /// JSON: `{"receipt": "posting" | "later[i]", "log": "0x…"}`.
    pub fn to_json(&self) -> Value {
        json!({"receipt": self.receipt_name(), "log": (self.log as u64).to_json()})
    }

    /// `posting` or `later[i]`.
    pub fn receipt_name(&self) -> String {
        self.later.map_or_else(|| "posting".to_owned(), |i| format!("later[{i}]"))
    }
}

impl std::fmt::Display for LogRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} receipt log {}", self.receipt_name(), self.log)
    }
}

/// How a consumed entry was run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsumedVia {
    /// By `postAndVerifyBatch` itself (`attemptApplyImmediate`, leading immediate run).
    Immediate,
    /// By a proxy call (`executeCrossChainCall`, `ExecutionConsumed(H ≠ 0, …)`).
    ProxyCall,
    /// By `executeL2TX(rollupId)` (`L2TXExecuted` then `ExecutionConsumed(0, …)`).
    ExecuteL2TX,
}

impl ConsumedVia {
    /// `immediate`, `proxyCall` or `executeL2TX`.
    pub fn name(self) -> &'static str {
        match self {
            ConsumedVia::Immediate => "immediate",
            ConsumedVia::ProxyCall => "proxyCall",
            ConsumedVia::ExecuteL2TX => "executeL2TX",
        }
    }
}

/// The index space of a log's entry index (§8.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexSpace {
    /// The transient index, inside `postAndVerifyBatch`.
    Transient,
    /// The per-rollup queue index, after `BatchPosted`.
    Queue,
}

impl IndexSpace {
    /// `transient` or `queue`.
    pub fn name(self) -> &'static str {
        match self {
            IndexSpace::Transient => "transient",
            IndexSpace::Queue => "queue",
        }
    }
}

/// Evidence that an entry was executed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consumption {
    /// How it was run.
    pub via: ConsumedVia,
    /// The index space of `index`.
    pub index_space: IndexSpace,
    /// The index the logs carry (transient index or queue index).
    pub index: U256,
    /// `ExecutionConsumed.rollupId` (`None` for immediate entries).
    pub rollup_id: Option<U256>,
    /// `ExecutionConsumed.crossChainCallHash` (`None` for immediate entries).
    pub cross_chain_call_hash: Option<B256>,
    /// The `L2TXExecuted` log (executeL2TX only).
    pub l2tx_executed_at: Option<LogRef>,
    /// The `ExecutionConsumed` log (`None` for immediate entries).
    pub consumed_at: Option<LogRef>,
    /// The `EntryExecuted` log.
    pub executed_at: LogRef,
    /// `EntryExecuted.rollingHash` (equal to the entry's `rollingHash`).
    pub rolling_hash: B256,
    /// `EntryExecuted.l2ToL1CallsProcessed`.
    pub l2_to_l1_calls_processed: U256,
    /// `EntryExecuted.l1ToL2CallsConsumed`.
    pub l1_to_l2_calls_consumed: U256,
    /// `(rollupId, newState)` of every `L2ExecutionPerformed` (equal to the entry's deltas).
    pub state_updates: Vec<(U256, B256)>,
}

impl Consumption {
    /// JSON: `{"via", "indexSpace", "index", "rollupId", "crossChainCallHash", "l2TxExecutedAt",
    /// "consumedAt", "executedAt", "rollingHash", "l2ToL1CallsProcessed", "l1ToL2CallsConsumed",
    /// "stateUpdates": [{"rollupId", "newState"}]}`; absent values are `null`.
    pub fn to_json(&self) -> Value {
        let at = |r: &Option<LogRef>| r.as_ref().map_or(Value::Null, LogRef::to_json);
        json!({
            "via": self.via.name(),
            "indexSpace": self.index_space.name(),
            "index": self.index.to_json(),
            "rollupId": self.rollup_id.as_ref().map_or(Value::Null, CanonicalJson::to_json),
            "crossChainCallHash": self.cross_chain_call_hash.as_ref().map_or(Value::Null, CanonicalJson::to_json),
            "l2TxExecutedAt": at(&self.l2tx_executed_at),
            "consumedAt": at(&self.consumed_at),
            "executedAt": self.executed_at.to_json(),
            "rollingHash": self.rolling_hash.to_json(),
            "l2ToL1CallsProcessed": self.l2_to_l1_calls_processed.to_json(),
            "l1ToL2CallsConsumed": self.l1_to_l2_calls_consumed.to_json(),
            "stateUpdates": self.state_updates.iter()
                .map(|(r, s)| json!({"rollupId": r.to_json(), "newState": s.to_json()}))
                .collect::<Vec<_>>(),
        })
    }
}

/// Evidence that an immediate entry was skipped (`ImmediateEntrySkipped`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// `ImmediateEntrySkipped.transientIdx`.
    pub transient_index: usize,
    /// `ImmediateEntrySkipped.revertData`.
    pub revert_data: Bytes,
    /// The revert decoded by [`decode_revert`](crate::decode_revert), or why it does not decode.
    pub error: std::result::Result<ProtocolError, String>,
    /// The log.
    pub at: LogRef,
}

impl Skip {
    /// JSON: `{"transientIndex", "revertData", "errorName", "error", "at"}`; `error` is the
    /// decoded error's JSON, or `{"undecodable": "<reason>"}` (`errorName` then `null`).
    pub fn to_json(&self) -> Value {
        let (name, error) = match &self.error {
            Ok(e) => (json!(e.name()), e.to_json()),
            Err(reason) => (Value::Null, json!({"undecodable": reason})),
        };
        json!({
            "transientIndex": (self.transient_index as u64).to_json(),
            "revertData": self.revert_data.to_json(),
            "errorName": name,
            "error": error,
            "at": self.at.to_json(),
        })
    }
}

/// What the receipts show about one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryFate {
    /// Executed.
    Consumed(Consumption),
    /// Skipped as an immediate entry.
    Skipped(Skip),
    /// No log in the receipts given.
    NoEvidence,
}

/// One entry of the batch and its fate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryEvidence {
    /// Index in `batch.entries`.
    pub index: usize,
    /// Its entry hash.
    pub hash: B256,
    /// Transient or queued.
    pub placement: Placement,
    /// In the leading immediate run.
    pub immediate: bool,
    /// Consumed, skipped, or no evidence.
    pub fate: EntryFate,
}

impl EntryEvidence {
    /// JSON: `{"index", "hash", "placement", "immediate", "fate": "consumed" | "skipped" |
    /// "noEvidence"}` plus `"consumption"` or `"skip"`.
    pub fn to_json(&self) -> Value {
        let mut v = json!({
            "index": (self.index as u64).to_json(),
            "hash": self.hash.to_json(),
            "placement": self.placement.to_json(),
            "immediate": self.immediate,
            "fate": self.fate_name(),
        });
        match &self.fate {
            EntryFate::Consumed(c) => v["consumption"] = c.to_json(),
            EntryFate::Skipped(s) => v["skip"] = s.to_json(),
            EntryFate::NoEvidence => {}
        }
        v
    }

    /// `consumed`, `skipped` or `noEvidence`.
    pub fn fate_name(&self) -> &'static str {
        match self.fate {
            EntryFate::Consumed(_) => "consumed",
            EntryFate::Skipped(_) => "skipped",
            EntryFate::NoEvidence => "noEvidence",
        }
    }

    /// Why an entry without evidence has none, in protocol terms.
    pub fn no_evidence_note(&self) -> &'static str {
        match self.placement {
            Placement::Transient { .. } if self.immediate => {
                "no EntryExecuted / ImmediateEntrySkipped for it in the posting receipt"
            }
            Placement::Transient { .. } => {
                "left to the poster's meta hook; transient entries it does not consume are dropped when \
                 postAndVerifyBatch returns (§6.2)"
            }
            Placement::Queued { .. } => {
                "not consumed in the receipts given (queued entries can only be consumed in the posting block)"
            }
        }
    }
}

/// A manager log that the attribution rules did not assign to an entry of this batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnattributedLog {
    /// Where.
    pub at: LogRef,
    /// The decoded event (`None` when it does not decode).
    pub event: Option<L1Event>,
    /// Why it was not attributed.
    pub reason: String,
}

impl UnattributedLog {
    /// JSON: `{"at", "event", "reason"}`.
    pub fn to_json(&self) -> Value {
        json!({
            "at": self.at.to_json(),
            "event": self.event.as_ref().map_or(Value::Null, CanonicalJson::to_json),
            "reason": self.reason,
        })
    }
}

/// The fate of every entry of a posted batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsumptionReport {
    /// One row per entry, in batch order. (Top-level lookups leave no log, §7.)
    pub entries: Vec<EntryEvidence>,
    /// Manager logs not attributed to this batch, with the reason.
    pub unattributed: Vec<UnattributedLog>,
    /// The manager's next `BatchPosted` after this batch's: logs from there on are not read.
    pub superseded_at: Option<LogRef>,
    /// Number of later receipts read.
    pub later_receipts: usize,
}

impl ConsumptionReport {
    /// JSON: `{"entries": […], "unattributed": […], "supersededAt": LogRef | null, "laterReceipts"}`.
    pub fn to_json(&self) -> Value {
        json!({
            "entries": self.entries.iter().map(EntryEvidence::to_json).collect::<Vec<_>>(),
            "unattributed": self.unattributed.iter().map(UnattributedLog::to_json).collect::<Vec<_>>(),
            "supersededAt": self.superseded_at.as_ref().map_or(Value::Null, LogRef::to_json),
            "laterReceipts": (self.later_receipts as u64).to_json(),
        })
    }

    /// The row of entry `index`.
    pub fn entry(&self, index: usize) -> Option<&EntryEvidence> {
        self.entries.get(index)
    }
}
