//! Rolling-hash replay from an execution trace (spec §5.2, §5.6, §6.5), and the reverse: the
//! trace of an entry rebuilt from its recorded fold steps.
//!
//! A [`Trace`] is what an off-chain executor observed in one execution context (an entry): the
//! ordered iterations of the outermost frame. Replaying it numbers every event exactly as the
//! compiled contract does:
//!
//! ```text
//! call:      cursor += 1; CALL_BEGIN(cursor); <inner events>; CALL_END(cursor, success, retData)
//!            // CALL_END carries the cursor AS IT IS after the call returned (after nested frames)
//! reentrant: consumed += 1; n = consumed; NESTED_BEGIN(n); <frame>; NESTED_END(n)
//!            // n numbers frames in the order they start (pre-order)
//! lookup:    no fold; key = (crossChainCallHash, cursor, consumed, executingLookupIndex = 0)
//! etherIn  = inboundValue + Σ value of reentrant calls not inside a revert span
//! etherOut = Σ value of the outermost frame's successful calls outside revert spans   (§6.5 quirk)
//! ```
//!
//! The JSON form of a trace is described in `docs/TRACE.md`.

mod rebuild;
mod shapes;
mod trace;

pub use rebuild::{trace_from_entry_and_steps, trace_from_l2_entry_and_steps};
pub use shapes::{l1_entry_of, l2_entry_of};
pub use trace::{InnerEvent, Iteration, ReentrantCall, Trace, TraceCall, TraceLookup};

use crate::abi::layout::Path;
use crate::error::{Error, Result};
use crate::hash::rolling::{RollingHashStep, TaggedRollingHash};
use crate::json::CanonicalJson;
use crate::types::{l1, l2};
use alloy_primitives::{Bytes, B256, U256};
use serde_json::{Map, Value};

/// Deepest nesting of reentrant frames accepted (replay, rebuild, pre-flight). It bounds the
/// recursion over hostile input (a debug build still has 4× stack headroom on a 2 MiB thread);
/// real executions stay far below it — each level costs at least four of the EVM's 1024 call
/// frames and 1/64 of the remaining gas per call, and trace JSON (serde_json's nesting limit of
/// 128) cannot express more than about 25 levels.
pub const MAX_FRAME_DEPTH: usize = 64;

fn too_deep(path: impl Into<String>) -> Error {
    Error::invalid(path, format!("reentrant frames nested deeper than {MAX_FRAME_DEPTH} (MAX_FRAME_DEPTH)"))
}

/// Everything a trace determines: the fold sequence and the entry fields it implies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Replay {
    /// The folds, in order.
    pub steps: Vec<RollingHashStep>,
    /// The accumulator after each step.
    pub accumulators: Vec<B256>,
    /// The final accumulator (`0x00…00` for an empty trace): the entry's `rollingHash`.
    pub rolling_hash: B256,
    /// Every executed call, flat, in execution order; `revertSpan` set on the first call of each span.
    pub l2_to_l1_calls: Vec<l1::L2ToL1Call>,
    /// The reentrant table in firing order (`callCount` = iterations of each frame).
    pub expected_l1_to_l2_calls: Vec<l1::ExpectedL1ToL2Call>,
    /// `msg.value` of each reentrant call, parallel to `expected_l1_to_l2_calls`.
    pub reentrant_values: Vec<U256>,
    /// Nested lookups in firing order, with the key observed when each fired.
    pub expected_lookups: Vec<l1::ExpectedLookup>,
    /// Iterations of the outermost frame (a span of `s` counts `s`).
    pub call_count: U256,
    /// `inboundValue + Σ value of reentrant calls outside revert spans`.
    pub ether_in: U256,
    /// `Σ value of the outermost frame's successful calls outside revert spans`.
    pub ether_out: U256,
}

impl Replay {
    /// `entry` with the trace-determined fields (`l2ToL1Calls`, `expectedL1ToL2Calls`,
    /// `expectedLookups`, `callCount`, `rollingHash`) replaced; `stateDeltas`,
    /// `proxyEntryHash`, `destinationRollupId` and `returnData` are kept from `base`.
    pub fn l1_entry(&self, base: &l1::ExecutionEntry) -> l1::ExecutionEntry {
        l1::ExecutionEntry {
            stateDeltas: base.stateDeltas.clone(),
            proxyEntryHash: base.proxyEntryHash,
            destinationRollupId: base.destinationRollupId,
            l2ToL1Calls: self.l2_to_l1_calls.clone(),
            expectedL1ToL2Calls: self.expected_l1_to_l2_calls.clone(),
            expectedLookups: self.expected_lookups.clone(),
            callCount: self.call_count,
            returnData: base.returnData.clone(),
            rollingHash: self.rolling_hash,
        }
    }

    /// The L2 entry the same trace determines (`incomingCalls`, `expectedOutgoingCalls`,
    /// `expectedLookups`, `callCount`, `rollingHash`), with the caller's hash and return data.
    pub fn l2_entry(&self, proxy_entry_hash: B256, return_data: Bytes) -> l2::ExecutionEntry {
        l2_entry_of(&self.l1_entry(&l1::ExecutionEntry {
            proxyEntryHash: proxy_entry_hash,
            returnData: return_data,
            ..Default::default()
        }))
    }

    /// JSON: `{"steps": [{…step, "accumulator"}], "rollingHash", "callCount", "l2ToL1Calls",
    /// "expectedL1ToL2Calls", "reentrantValues", "expectedLookups", "etherIn", "etherOut"}`.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("steps".into(), steps_json(&self.steps, &self.accumulators));
        map.insert("rollingHash".into(), self.rolling_hash.to_json());
        map.insert("callCount".into(), self.call_count.to_json());
        map.insert("l2ToL1Calls".into(), self.l2_to_l1_calls.to_json());
        map.insert("expectedL1ToL2Calls".into(), self.expected_l1_to_l2_calls.to_json());
        map.insert("reentrantValues".into(), self.reentrant_values.to_json());
        map.insert("expectedLookups".into(), self.expected_lookups.to_json());
        map.insert("etherIn".into(), self.ether_in.to_json());
        map.insert("etherOut".into(), self.ether_out.to_json());
        Value::Object(map)
    }
}

/// `[{"index": 1, "event", "tag", "number", ["success", "retData"], "accumulator"}, …]`.
pub fn steps_json(steps: &[RollingHashStep], accumulators: &[B256]) -> Value {
    Value::Array(
        steps
            .iter()
            .zip(accumulators)
            .enumerate()
            .map(|(i, (step, acc))| {
                let mut map = Map::new();
                map.insert("index".into(), Value::from(i + 1));
                if let Value::Object(fields) = step.to_json() {
                    map.extend(fields);
                }
                map.insert("accumulator".into(), acc.to_json());
                Value::Object(map)
            })
            .collect(),
    )
}

#[derive(Default)]
struct Replayer {
    acc: TaggedRollingHash,
    out: Replay,
    cursor: u64,
    consumed: u64,
    depth: usize,
}

impl Replayer {
    fn fold(&mut self, step: RollingHashStep) {
        let value = self.acc.apply(&step);
        self.out.steps.push(step);
        self.out.accumulators.push(value);
    }

    /// Runs one frame; returns its iteration count.
    fn frame(&mut self, iterations: &[Iteration], path: &Path<'_>, outermost: bool, rolled_back: bool) -> Result<U256> {
        let mut count = U256::ZERO;
        for (i, iteration) in iterations.iter().enumerate() {
            let item = path.index(i);
            match iteration {
                Iteration::Call(call) => {
                    self.call(call, U256::ZERO, &item, outermost && !rolled_back, rolled_back)?;
                    count += U256::from(1);
                }
                Iteration::RevertSpan(calls) => {
                    let span_path = item.field("revertSpan");
                    if calls.is_empty() {
                        return Err(Error::invalid(span_path.to_string(), "a revert span holds at least one call"));
                    }
                    let span = U256::from(calls.len());
                    for (j, call) in calls.iter().enumerate() {
                        let first = if j == 0 { span } else { U256::ZERO };
                        self.call(call, first, &span_path.index(j), false, true)?;
                    }
                    count += span;
                }
            }
        }
        Ok(count)
    }

    fn call(
        &mut self,
        call: &TraceCall,
        revert_span: U256,
        path: &Path<'_>,
        counts_out: bool,
        rolled_back: bool,
    ) -> Result<()> {
        self.out.l2_to_l1_calls.push(l1::L2ToL1Call {
            targetAddress: call.targetAddress,
            value: call.value,
            data: call.data.clone(),
            sourceAddress: call.sourceAddress,
            sourceRollupId: call.sourceRollupId,
            revertSpan: revert_span,
        });
        self.cursor += 1;
        self.fold(RollingHashStep::CallBegin { number: U256::from(self.cursor) });
        let inner_path = path.field("inner");
        for (k, event) in call.inner.iter().enumerate() {
            let event_path = inner_path.index(k);
            match event {
                InnerEvent::Reentrant(r) => {
                    let r_path = event_path.field("reentrant");
                    if !call.success {
                        return Err(Error::invalid(
                            r_path.to_string(),
                            "a reentrant frame inside a call that failed: the call's revert rolls back the \
                             manager's transient counters and accumulator with it, so no entry can describe it",
                        ));
                    }
                    self.consumed += 1;
                    let n = self.consumed;
                    let slot = self.out.expected_l1_to_l2_calls.len();
                    self.out.expected_l1_to_l2_calls.push(l1::ExpectedL1ToL2Call {
                        crossChainCallHash: r.crossChainCallHash,
                        callCount: U256::ZERO,
                        returnData: r.returnData.clone(),
                    });
                    self.out.reentrant_values.push(r.value);
                    if !rolled_back {
                        self.out.ether_in = self.out.ether_in.checked_add(r.value).ok_or_else(|| {
                            Error::invalid(r_path.field("value").to_string(), "etherIn overflows uint256")
                        })?;
                    }
                    self.fold(RollingHashStep::NestedBegin { number: U256::from(n) });
                    if self.depth == MAX_FRAME_DEPTH {
                        return Err(too_deep(r_path.to_string()));
                    }
                    self.depth += 1;
                    let count = self.frame(&r.calls, &r_path.field("calls"), false, rolled_back)?;
                    self.depth -= 1;
                    self.out.expected_l1_to_l2_calls[slot].callCount = count;
                    self.fold(RollingHashStep::NestedEnd { number: U256::from(n) });
                }
                InnerEvent::StaticLookup(l) | InnerEvent::RevertedLookup(l) => {
                    self.out.expected_lookups.push(l.with_key(self.cursor, self.consumed, 0));
                }
            }
        }
        self.fold(RollingHashStep::CallEnd {
            number: U256::from(self.cursor),
            success: call.success,
            ret_data: call.retData.clone(),
        });
        if counts_out && call.success {
            self.out.ether_out = self
                .out
                .ether_out
                .checked_add(call.value)
                .ok_or_else(|| Error::invalid(path.field("value").to_string(), "etherOut overflows uint256"))?;
        }
        Ok(())
    }
}

/// Replays `trace` with the compiled contract's numbering (see the module docs). Errors name the
/// trace path at fault (a reentrant frame inside a failed call, an empty span, ether overflow).
pub fn replay(trace: &Trace) -> Result<Replay> {
    let mut r = Replayer::default();
    r.out.ether_in = trace.inboundValue;
    let root = Path::Root("trace");
    r.out.call_count = r.frame(&trace.calls, &root.field("calls"), true, false)?;
    r.out.rolling_hash = r.acc.value();
    Ok(r.out)
}
