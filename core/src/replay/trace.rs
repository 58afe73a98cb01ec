//! The execution trace: what an off-chain executor observed in one execution context, and its
//! JSON form (`docs/TRACE.md` §1).

use crate::abi::layout::Path;
use crate::error::{Error, Result};
use crate::json::{expect_object, optional_field, required_field, CanonicalJson};
use crate::types::l1;
use alloy_primitives::{Address, Bytes, B256, U256};
use serde_json::{Map, Value};

/// One call the manager executed, as observed: the `L2ToL1Call` fields except `revertSpan`, the
/// low-level result, and the events that reached the manager while it ran, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[allow(non_snake_case)]
pub struct TraceCall {
    /// Contract called.
    pub targetAddress: Address,
    /// Wei forwarded with the call.
    pub value: U256,
    /// Calldata.
    pub data: Bytes,
    /// Caller identity (selects the proxy).
    pub sourceAddress: Address,
    /// Rollup of the caller.
    pub sourceRollupId: U256,
    /// The low-level call result.
    pub success: bool,
    /// The raw return or revert data.
    pub retData: Bytes,
    /// Reentrant calls and nested lookups that reached the manager during the call, in order.
    pub inner: Vec<InnerEvent>,
}

/// One iteration of a frame: a plain call, or a revert span of flat calls (no nested spans).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Iteration {
    /// A plain call (`revertSpan == 0`).
    Call(TraceCall),
    /// `revertSpan = len` on the first call; the calls run and their state effects are undone.
    RevertSpan(Vec<TraceCall>),
}

/// An event that reached the manager while a call was running.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InnerEvent {
    /// A proxy CALL that consumed the next expected reentrant call and ran its frame.
    Reentrant(ReentrantCall),
    /// A proxy STATICCALL answered by a nested lookup (`staticCallLookup`).
    StaticLookup(TraceLookup),
    /// A proxy CALL answered by a `failed` nested lookup (it reverted with `returnData`).
    RevertedLookup(TraceLookup),
}

/// A successful reentrant call and the frame it ran.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[allow(non_snake_case)]
pub struct ReentrantCall {
    /// The call hash the reentrant proxy call produced.
    pub crossChainCallHash: B256,
    /// `msg.value` the proxy sent to the manager.
    pub value: U256,
    /// Bytes returned to the reentrant caller.
    pub returnData: Bytes,
    /// Iterations of the frame it ran.
    pub calls: Vec<Iteration>,
}

/// A nested lookup as the host saw it resolve: the `ExpectedLookup` fields except its key
/// (`l2ToL1CallNumber`, `lastL1ToL2CallConsumed`, `executingLookupIndex`), which replay computes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[allow(non_snake_case)]
pub struct TraceLookup {
    /// Identity of the looked-up call.
    pub crossChainCallHash: B256,
    /// Returned (static) or used as revert payload (`failed`).
    pub returnData: Bytes,
    /// false = static mode, true = reverted mode.
    pub failed: bool,
    /// Sub-calls run at resolution.
    pub l2ToL1Calls: Vec<l1::L2ToL1Call>,
    /// Reentrant table of the reverted-mode sub-execution.
    pub expectedL1ToL2Calls: Vec<l1::ExpectedL1ToL2Call>,
    /// Top-level iterations of the reverted-mode sub-execution.
    pub callCount: U256,
    /// Expected hash of the sub-calls.
    pub rollingHash: B256,
}

/// The execution trace of one execution context (an entry).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[allow(non_snake_case)]
pub struct Trace {
    /// `msg.value` of the triggering top-level `executeCrossChainCall` (0 for `executeL2TX`,
    /// immediate entries and L2); used for `etherIn` by replay only.
    pub inboundValue: U256,
    /// Iterations of the outermost frame, in order.
    pub calls: Vec<Iteration>,
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

/// The single key of a `{"tag": body}` object, or an error naming the allowed tags.
fn tagged<'v>(value: &'v Value, path: &Path<'_>, tags: &[&str]) -> Result<(&'v str, &'v Value)> {
    let map = expect_object(value, path, tags)?;
    let mut keys = map.iter();
    match (keys.next(), keys.next()) {
        (Some((k, v)), None) => Ok((k.as_str(), v)),
        _ => Err(Error::JsonShape {
            path: path.to_string(),
            message: format!("expected an object with exactly one of: {}", tags.join(", ")),
        }),
    }
}

impl CanonicalJson for TraceCall {
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("targetAddress".into(), self.targetAddress.to_json());
        map.insert("value".into(), self.value.to_json());
        map.insert("data".into(), self.data.to_json());
        map.insert("sourceAddress".into(), self.sourceAddress.to_json());
        map.insert("sourceRollupId".into(), self.sourceRollupId.to_json());
        map.insert("success".into(), self.success.to_json());
        map.insert("retData".into(), self.retData.to_json());
        map.insert("inner".into(), self.inner.to_json());
        Value::Object(map)
    }

    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let fields =
            ["targetAddress", "value", "data", "sourceAddress", "sourceRollupId", "success", "retData", "inner"];
        let map = expect_object(value, path, &fields)?;
        Ok(TraceCall {
            targetAddress: required_field(map, "targetAddress", path)?,
            value: required_field(map, "value", path)?,
            data: required_field(map, "data", path)?,
            sourceAddress: required_field(map, "sourceAddress", path)?,
            sourceRollupId: required_field(map, "sourceRollupId", path)?,
            success: required_field(map, "success", path)?,
            retData: required_field(map, "retData", path)?,
            inner: optional_field(map, "inner", path, Vec::new())?,
        })
    }
}

/// JSON: a call object, or `{"revertSpan": [call, …]}`.
impl CanonicalJson for Iteration {
    fn to_json(&self) -> Value {
        match self {
            Iteration::Call(c) => c.to_json(),
            Iteration::RevertSpan(calls) => {
                let mut map = Map::new();
                map.insert("revertSpan".into(), calls.to_json());
                Value::Object(map)
            }
        }
    }

    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        match value.as_object().and_then(|m| m.get("revertSpan")) {
            Some(span) => {
                expect_object(value, path, &["revertSpan"])?;
                let span_path = path.field("revertSpan");
                let calls = Vec::<TraceCall>::from_json_at(span, &span_path)?;
                if calls.is_empty() {
                    return Err(Error::invalid(span_path.to_string(), "a revert span holds at least one call"));
                }
                Ok(Iteration::RevertSpan(calls))
            }
            None => Ok(Iteration::Call(TraceCall::from_json_at(value, path)?)),
        }
    }
}

/// JSON: `{"reentrant": {…}}`, `{"staticLookup": {…}}` or `{"revertedLookup": {…}}`.
impl CanonicalJson for InnerEvent {
    fn to_json(&self) -> Value {
        let (tag, body) = match self {
            InnerEvent::Reentrant(r) => ("reentrant", r.to_json()),
            InnerEvent::StaticLookup(l) => ("staticLookup", l.to_json()),
            InnerEvent::RevertedLookup(l) => ("revertedLookup", l.to_json()),
        };
        let mut map = Map::new();
        map.insert(tag.into(), body);
        Value::Object(map)
    }

    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let (tag, body) = tagged(value, path, &["reentrant", "staticLookup", "revertedLookup"])?;
        let body_path = path.field(tag);
        match tag {
            "reentrant" => Ok(InnerEvent::Reentrant(ReentrantCall::from_json_at(body, &body_path)?)),
            "staticLookup" => Ok(InnerEvent::StaticLookup(TraceLookup::parse(body, &body_path, false)?)),
            _ => {
                let lookup = TraceLookup::parse(body, &body_path, true)?;
                if !lookup.failed {
                    return Err(Error::invalid(
                        body_path.field("failed").to_string(),
                        "a reverted lookup is a failed = true lookup",
                    ));
                }
                Ok(InnerEvent::RevertedLookup(lookup))
            }
        }
    }
}

impl CanonicalJson for ReentrantCall {
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("crossChainCallHash".into(), self.crossChainCallHash.to_json());
        map.insert("value".into(), self.value.to_json());
        map.insert("returnData".into(), self.returnData.to_json());
        map.insert("calls".into(), self.calls.to_json());
        Value::Object(map)
    }

    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        let map = expect_object(value, path, &["crossChainCallHash", "value", "returnData", "calls"])?;
        Ok(ReentrantCall {
            crossChainCallHash: required_field(map, "crossChainCallHash", path)?,
            value: optional_field(map, "value", path, U256::ZERO)?,
            returnData: required_field(map, "returnData", path)?,
            calls: optional_field(map, "calls", path, Vec::new())?,
        })
    }
}

impl TraceLookup {
    fn parse(value: &Value, path: &Path<'_>, default_failed: bool) -> Result<Self> {
        let fields = [
            "crossChainCallHash",
            "returnData",
            "failed",
            "l2ToL1Calls",
            "expectedL1ToL2Calls",
            "callCount",
            "rollingHash",
        ];
        let map = expect_object(value, path, &fields)?;
        Ok(TraceLookup {
            crossChainCallHash: required_field(map, "crossChainCallHash", path)?,
            returnData: required_field(map, "returnData", path)?,
            failed: optional_field(map, "failed", path, default_failed)?,
            l2ToL1Calls: optional_field(map, "l2ToL1Calls", path, Vec::new())?,
            expectedL1ToL2Calls: optional_field(map, "expectedL1ToL2Calls", path, Vec::new())?,
            callCount: optional_field(map, "callCount", path, U256::ZERO)?,
            rollingHash: optional_field(map, "rollingHash", path, B256::ZERO)?,
        })
    }

    /// The `ExpectedLookup` this lookup becomes under `key`.
    pub fn with_key(&self, l2_to_l1_call_number: u64, last_consumed: u64, executing_index: u64) -> l1::ExpectedLookup {
        l1::ExpectedLookup {
            crossChainCallHash: self.crossChainCallHash,
            returnData: self.returnData.clone(),
            failed: self.failed,
            l2ToL1CallNumber: l2_to_l1_call_number,
            lastL1ToL2CallConsumed: last_consumed,
            executingLookupIndex: executing_index,
            l2ToL1Calls: self.l2ToL1Calls.clone(),
            expectedL1ToL2Calls: self.expectedL1ToL2Calls.clone(),
            callCount: self.callCount,
            rollingHash: self.rollingHash,
        }
    }

    /// The lookup without its key.
    pub fn from_expected(lookup: &l1::ExpectedLookup) -> Self {
        TraceLookup {
            crossChainCallHash: lookup.crossChainCallHash,
            returnData: lookup.returnData.clone(),
            failed: lookup.failed,
            l2ToL1Calls: lookup.l2ToL1Calls.clone(),
            expectedL1ToL2Calls: lookup.expectedL1ToL2Calls.clone(),
            callCount: lookup.callCount,
            rollingHash: lookup.rollingHash,
        }
    }

    /// Whether `lookup` has the same content as this one (its key is not compared).
    pub fn same_content(&self, lookup: &l1::ExpectedLookup) -> bool {
        *self == TraceLookup::from_expected(lookup)
    }
}

/// JSON: the `ExpectedLookup` fields without the key; on input every field but
/// `crossChainCallHash` and `returnData` may be left out (empty arrays, 0, `failed` from the tag).
impl CanonicalJson for TraceLookup {
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("crossChainCallHash".into(), self.crossChainCallHash.to_json());
        map.insert("returnData".into(), self.returnData.to_json());
        map.insert("failed".into(), self.failed.to_json());
        map.insert("l2ToL1Calls".into(), self.l2ToL1Calls.to_json());
        map.insert("expectedL1ToL2Calls".into(), self.expectedL1ToL2Calls.to_json());
        map.insert("callCount".into(), self.callCount.to_json());
        map.insert("rollingHash".into(), self.rollingHash.to_json());
        Value::Object(map)
    }

    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        TraceLookup::parse(value, path, false)
    }
}

/// JSON: `{"inboundValue": "0x0", "calls": [iteration, …]}`; on input `inboundValue` may be left
/// out (0), and a bare array of iterations is accepted as `calls`.
impl CanonicalJson for Trace {
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("inboundValue".into(), self.inboundValue.to_json());
        map.insert("calls".into(), self.calls.to_json());
        Value::Object(map)
    }

    fn from_json_at(value: &Value, path: &Path<'_>) -> Result<Self> {
        if value.is_array() {
            return Ok(Trace { inboundValue: U256::ZERO, calls: Vec::from_json_at(value, path)? });
        }
        let map = expect_object(value, path, &["inboundValue", "calls"])?;
        Ok(Trace {
            inboundValue: optional_field(map, "inboundValue", path, U256::ZERO)?,
            calls: required_field(map, "calls", path)?,
        })
    }
}
