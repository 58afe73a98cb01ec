//! Pre-flight of one entry (spec §6.3, §6.4, §6.5): predicts what consuming an entry does, from
//! the pre-state and an execution [`Trace`](crate::replay::Trace) of the world.
//!
//! The simulation runs `_applyAndExecute` over the **entry's** arrays (not the trace's). The
//! trace supplies only what the world does: the result of each executed call and the events
//! that reached the manager while it ran — valid as long as the executed call is the traced call
//! at that point (same `targetAddress`, `value`, `data`, `sourceAddress`, `sourceRollupId`, same
//! frame structure). Where the entry makes the contract do something the trace did not observe,
//! the outcome needs an EVM and is reported [`Outcome::Unpredictable`].
//!
//! L1 order of outcomes (first wins):
//!
//! ```text
//! 1. consumption: proxyEntryHash == H (0 for executeL2TX) and, transient phase, destinationRollupId == rid
//!                 else ExecutionNotFound
//! 2. frame(callCount): Panic(0x32) past the array (UnexpectedContextRevert(Panic) inside a span;
//!                      Unpredictable inside a reentrant frame, whose caller may catch it);
//!                      a reentrant call with no match sets the not-found flag (world unknown after it)
//! 3. stateDeltas in order: StateRootMismatch(rid) vs the (chained) pre-state; InsufficientRollupBalance
//! 4. not-found flag → ExecutionNotFound
//! 5. h != rollingHash → RollingHashMismatch      6. cursor != len → UnconsumedL2ToL1Calls
//! 7. consumed != len → UnconsumedL1ToL2Calls
//! 8. Σ etherDelta != int256(etherIn) − etherOut → EtherDeltaMismatch            (§6.5, code-exact)
//! ```
//!
//! L2 (`executeIncomingCrossChainCall`): EmptyEntries, ValueMismatch, EntryHashMismatch, the
//! frame, RollingHashMismatch, UnconsumedIncomingCalls, UnconsumedOutgoingCalls; a later proxy
//! call needs the next entry's `proxyEntryHash == H` (else ExecutionNotFound). No deltas and no
//! ether accounting on L2.
//!
//! Not modelled (assumed to pass): proxy authorisation, the block gate, `ResidualEntryEtherIn`,
//! the top-level reverted-lookup fallback on a consumption miss.

mod frame;
mod l1;
mod l2;

pub use l1::preflight_l1;
pub use l2::preflight_l2;

use crate::abi::layout::Path;
use crate::abi::revert::ProtocolError;
use crate::error::{Error, Result};
use crate::hash::rolling::RollingHashStep;
use crate::json::optional_field;
use crate::json::{expect_object, required_field, CanonicalJson};
use crate::replay::steps_json;
use alloy_primitives::{Address, Bytes, B256, U256};
use serde_json::{Map, Value};

/// One rollup's registry state (`rollups(rid)`: state root and ETH balance).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[allow(non_snake_case)]
pub struct RollupState {
    /// The rollup.
    pub rollupId: U256,
    /// `rollups[rid].stateRoot`.
    pub stateRoot: B256,
    /// `rollups[rid].etherBalance`.
    pub etherBalance: U256,
}

crate::protocol_struct!(RollupState { rollupId, stateRoot, etherBalance });

/// The registry state before the entry runs, per rollup. JSON: `{"rollups": [{"rollupId",
/// "stateRoot", "etherBalance"}, …]}`. Every rollup an entry's deltas touch must be listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PreState {
    /// One row per rollup (the first row of an id wins).
    pub rollups: Vec<RollupState>,
}

crate::protocol_struct!(PreState { rollups });

/// How the entry is consumed on L1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consumption {
    /// A top-level proxy call `executeCrossChainCall` with call hash `H` and `msg.value`.
    ProxyCall {
        /// `H`, which must equal `proxyEntryHash`.
        cross_chain_call_hash: B256,
        /// `msg.value` (the entry's initial `etherIn`).
        value: U256,
        /// The proxy's `originalRollupId` (the queue consumed).
        rollup_id: U256,
        /// Consumed from the batch's transient table (then `destinationRollupId == rollup_id` is checked).
        transient: bool,
    },
    /// `executeL2TX(rollupId)`: `H = 0`, `etherIn = 0`.
    ExecuteL2TX {
        /// The rollup whose queue is consumed.
        rollup_id: U256,
        /// Consumed from the batch's transient table.
        transient: bool,
    },
    /// An immediate entry run by `postAndVerifyBatch` (`attemptApplyImmediate`): no hash check.
    Immediate,
}

/// JSON: `{"proxyCall": {"crossChainCallHash", "value", "rollupId", "transient"}}`,
/// `{"executeL2TX": {"rollupId", "transient"}}` or `{"immediate": {}}` (also the string `"immediate"`);
/// `value` and `transient` may be left out on input (0, false).
impl CanonicalJson for Consumption {
    fn to_json(&self) -> Value {
        let mut body = Map::new();
        let tag = match self {
            Consumption::ProxyCall { cross_chain_call_hash, value, rollup_id, transient } => {
                body.insert("crossChainCallHash".into(), cross_chain_call_hash.to_json());
                body.insert("value".into(), value.to_json());
                body.insert("rollupId".into(), rollup_id.to_json());
                body.insert("transient".into(), Value::Bool(*transient));
                "proxyCall"
            }
            Consumption::ExecuteL2TX { rollup_id, transient } => {
                body.insert("rollupId".into(), rollup_id.to_json());
                body.insert("transient".into(), Value::Bool(*transient));
                "executeL2TX"
            }
            Consumption::Immediate => "immediate",
        };
        let mut map = Map::new();
        map.insert(tag.into(), Value::Object(body));
        Value::Object(map)
    }

    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        if value.as_str() == Some("immediate") {
            return Ok(Consumption::Immediate);
        }
        let map = expect_object(value, path, &["proxyCall", "executeL2TX", "immediate"])?;
        if map.len() != 1 {
            return Err(Error::JsonShape {
                path: path.to_string(),
                message: "expected exactly one of: proxyCall, executeL2TX, immediate".into(),
            });
        }
        let (tag, body) = map.iter().next().expect("one key");
        let body_path = path.field(tag);
        match tag.as_str() {
            "proxyCall" => {
                let m = expect_object(body, &body_path, &["crossChainCallHash", "value", "rollupId", "transient"])?;
                Ok(Consumption::ProxyCall {
                    cross_chain_call_hash: required_field(m, "crossChainCallHash", &body_path)?,
                    value: optional_field(m, "value", &body_path, U256::ZERO)?,
                    rollup_id: required_field(m, "rollupId", &body_path)?,
                    transient: optional_field(m, "transient", &body_path, false)?,
                })
            }
            "executeL2TX" => {
                let m = expect_object(body, &body_path, &["rollupId", "transient"])?;
                Ok(Consumption::ExecuteL2TX {
                    rollup_id: required_field(m, "rollupId", &body_path)?,
                    transient: optional_field(m, "transient", &body_path, false)?,
                })
            }
            _ => {
                expect_object(body, &body_path, &[])?;
                Ok(Consumption::Immediate)
            }
        }
    }
}

/// The arguments and `msg.value` of an L2 `executeIncomingCrossChainCall`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[allow(non_snake_case)]
pub struct IncomingCall {
    /// The L2 manager's `ROLLUP_ID` (the call hash's target rollup).
    pub rollupId: U256,
    /// Contract called on L2.
    pub destination: Address,
    /// Declared value.
    pub value: U256,
    /// Calldata.
    pub data: Bytes,
    /// Caller on the source chain.
    pub sourceAddress: Address,
    /// Rollup of the caller (0 = L1).
    pub sourceRollup: U256,
    /// `msg.value` sent by the system address (must equal `value`).
    pub msgValue: U256,
}

crate::protocol_struct!(IncomingCall { rollupId, destination, value, data, sourceAddress, sourceRollup, msgValue });

/// How an L2 entry is consumed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum L2Consumption {
    /// `executeIncomingCrossChainCall(…, entries, lookups)`: runs `entries[0]`.
    IncomingCall(IncomingCall),
    /// A later L2 proxy call with call hash `H`: runs the next unconsumed entry (`entries[0]`).
    ProxyCall {
        /// `H`, which must equal the next entry's `proxyEntryHash`.
        cross_chain_call_hash: B256,
    },
}

/// JSON: `{"incomingCall": {IncomingCall}}` or `{"proxyCall": {"crossChainCallHash"}}`.
impl CanonicalJson for L2Consumption {
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        match self {
            L2Consumption::IncomingCall(c) => {
                map.insert("incomingCall".into(), c.to_json());
            }
            L2Consumption::ProxyCall { cross_chain_call_hash } => {
                let mut body = Map::new();
                body.insert("crossChainCallHash".into(), cross_chain_call_hash.to_json());
                map.insert("proxyCall".into(), Value::Object(body));
            }
        }
        Value::Object(map)
    }

    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let map = expect_object(value, path, &["incomingCall", "proxyCall"])?;
        if map.len() != 1 {
            return Err(Error::JsonShape {
                path: path.to_string(),
                message: "expected exactly one of: incomingCall, proxyCall".into(),
            });
        }
        let (tag, body) = map.iter().next().expect("one key");
        let body_path = path.field(tag);
        if tag == "incomingCall" {
            return Ok(L2Consumption::IncomingCall(IncomingCall::from_json_at(body, &body_path)?));
        }
        let m = expect_object(body, &body_path, &["crossChainCallHash"])?;
        Ok(L2Consumption::ProxyCall { cross_chain_call_hash: required_field(m, "crossChainCallHash", &body_path)? })
    }
}

/// The predicted outcome of consuming the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The entry executes; the caller gets `return_data`; the registry ends in `post_state`
    /// (every pre-state rollup, deltas applied; empty on L2).
    Success {
        /// `entry.returnData`.
        return_data: Bytes,
        /// Registry state after the deltas.
        post_state: Vec<RollupState>,
    },
    /// The consumption reverts with this error.
    Reverts(ProtocolError),
    /// The entry makes the contract do something the trace did not observe: needs an EVM.
    Unpredictable {
        /// What diverged, with the entry and trace paths.
        reason: String,
    },
}

impl Outcome {
    /// JSON: `{"outcome": "success", "returnData", "postState": {"rollups": […]}}`,
    /// `{"outcome": "reverts", "error": {…}}` or `{"outcome": "unpredictable", "reason"}`.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        match self {
            Outcome::Success { return_data, post_state } => {
                map.insert("outcome".into(), "success".into());
                map.insert("returnData".into(), return_data.to_json());
                map.insert("postState".into(), PreState { rollups: post_state.clone() }.to_json());
            }
            Outcome::Reverts(e) => {
                map.insert("outcome".into(), "reverts".into());
                map.insert("error".into(), e.to_json());
            }
            Outcome::Unpredictable { reason } => {
                map.insert("outcome".into(), "unpredictable".into());
                map.insert("reason".into(), reason.clone().into());
            }
        }
        Value::Object(map)
    }
}

/// The prediction with the simulated folds and counters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreflightReport {
    /// The predicted outcome.
    pub outcome: Outcome,
    /// Folds the simulation made over the entry's arrays (up to where it stopped).
    pub steps: Vec<RollingHashStep>,
    /// The accumulator after each step.
    pub accumulators: Vec<B256>,
    /// The computed rolling hash (final accumulator of the simulated folds).
    pub rolling_hash: B256,
    /// Whether the entry's frame ran to its end in the simulation.
    pub frame_complete: bool,
    /// The flat-call cursor at the end (`l2ToL1CallsProcessed`).
    pub calls_processed: u64,
    /// Reentrant items consumed at the end.
    pub reentrant_consumed: u64,
    /// `etherIn` accumulated (L1).
    pub ether_in: U256,
    /// `etherOut` accumulated (L1, outermost frame only).
    pub ether_out: U256,
    /// Assumptions the prediction rests on beyond the trace.
    pub notes: Vec<String>,
}

impl PreflightReport {
    /// JSON: the outcome's fields, then `rollingHash`, `frameComplete`, `l2ToL1CallsProcessed`,
    /// `l1ToL2CallsConsumed`, `etherIn`, `etherOut`, `notes` and `steps` (with accumulators).
    pub fn to_json(&self) -> Value {
        let mut map = match self.outcome.to_json() {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        map.insert("rollingHash".into(), self.rolling_hash.to_json());
        map.insert("frameComplete".into(), Value::Bool(self.frame_complete));
        map.insert("l2ToL1CallsProcessed".into(), self.calls_processed.to_json());
        map.insert("l1ToL2CallsConsumed".into(), self.reentrant_consumed.to_json());
        map.insert("etherIn".into(), self.ether_in.to_json());
        map.insert("etherOut".into(), self.ether_out.to_json());
        map.insert("notes".into(), Value::Array(self.notes.iter().cloned().map(Value::String).collect()));
        map.insert("steps".into(), steps_json(&self.steps, &self.accumulators));
        Value::Object(map)
    }
}

/// Reads a pre-flight request (the input of `exectable preflight`) and predicts: L1
/// `{"side": "l1" (optional), "entry", "preState", "consumption", "trace"}` runs
/// [`preflight_l1`], L2 `{"side": "l2", "entries", "consumption", "trace"}` runs
/// [`preflight_l2`]; another `side` is [`Error::InvalidArgument`] at `side`.
pub fn preflight_request(json: &Value) -> Result<PreflightReport> {
    let root = Path::Root("");
    let map = expect_object(json, &root, &["side", "entry", "entries", "preState", "consumption", "trace"])?;
    let side = match map.get("side") {
        None => "l1".to_owned(),
        Some(v) => String::from_json_at(v, &root.field("side"))?,
    };
    let trace: crate::replay::Trace = required_field(map, "trace", &root)?;
    match side.as_str() {
        "l1" => {
            let entry: crate::types::l1::ExecutionEntry = required_field(map, "entry", &root)?;
            let pre_state: PreState = required_field(map, "preState", &root)?;
            let consumption: Consumption = required_field(map, "consumption", &root)?;
            preflight_l1(&entry, &pre_state, &consumption, &trace)
        }
        "l2" => {
            let entries: Vec<crate::types::l2::ExecutionEntry> = required_field(map, "entries", &root)?;
            let consumption: L2Consumption = required_field(map, "consumption", &root)?;
            preflight_l2(&entries, &consumption, &trace)
        }
        other => Err(Error::invalid("side", format!("{other:?} is neither \"l1\" nor \"l2\""))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replay::Trace;
    use crate::types::{l1, l2};
    use crate::ErrorCode;
    use serde_json::json;

    #[test]
    fn a_request_runs_the_side_it_names() {
        let entry = l1::ExecutionEntry { returnData: Bytes::from_static(b"\x2a"), ..Default::default() };
        let trace = Trace::default();
        let l1_request = json!({
            "entry": entry.to_json(), "preState": {"rollups": []}, "consumption": "immediate", "trace": trace.to_json()
        });
        let direct = preflight_l1(&entry, &PreState::default(), &Consumption::Immediate, &trace).unwrap();
        assert_eq!(preflight_request(&l1_request).unwrap(), direct);
        let mut explicit = l1_request.clone();
        explicit["side"] = json!("l1");
        assert_eq!(preflight_request(&explicit).unwrap(), direct);

        let consumption = json!({"proxyCall": {"crossChainCallHash": B256::ZERO.to_json()}});
        let l2_request = json!({"side": "l2", "entries": [], "consumption": consumption, "trace": trace.to_json()});
        let l2_consumption = L2Consumption::from_json(&consumption).unwrap();
        let direct = preflight_l2(&Vec::<l2::ExecutionEntry>::new(), &l2_consumption, &trace).unwrap();
        assert_eq!(preflight_request(&l2_request).unwrap(), direct);
    }

    #[test]
    fn a_request_names_a_known_side_and_every_field() {
        let e = preflight_request(&json!({"side": "l3", "trace": {"calls": []}})).unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::InvalidArgument, Some("side")), "{e}");
        let e = preflight_request(&json!({"side": "l1", "entry": {}})).unwrap_err();
        assert_eq!(e.path(), Some("trace"), "{e}");
        let e = preflight_request(&json!({"trace": {"calls": []}, "extra": 1})).unwrap_err();
        assert_eq!(e.path(), Some("extra"), "{e}");
    }
}
