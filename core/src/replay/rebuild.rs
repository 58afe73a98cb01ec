//! The reverse of replay: the trace of an entry rebuilt from its recorded fold steps, checked
//! against the entry's structure and replayed back to it.

use super::{
    l1_entry_of, replay, too_deep, InnerEvent, Iteration, ReentrantCall, Trace, TraceCall, TraceLookup, MAX_FRAME_DEPTH,
};
use crate::error::{Error, Result};
use crate::hash::rolling::RollingHashStep;
use crate::types::{l1, l2};
use alloy_primitives::U256;

struct Rebuilder<'a> {
    entry: &'a l1::ExecutionEntry,
    steps: &'a [RollingHashStep],
    values: &'a [U256],
    pos: usize,
    cursor: usize,
    consumed: usize,
    /// How many of `entry.expectedLookups` are placed (they are placed in table order).
    lookups_placed: usize,
    depth: usize,
}

fn steps_err(i: usize, message: impl Into<String>) -> Error {
    Error::invalid(format!("steps[{i}]"), message)
}

impl<'a> Rebuilder<'a> {
    fn frame(&mut self, count: U256, what: &str) -> Result<Vec<Iteration>> {
        let mut out = Vec::new();
        let mut done = U256::ZERO;
        while done < count {
            let idx = self.cursor;
            let entry = self.entry;
            let call = entry.l2ToL1Calls.get(idx).ok_or_else(|| {
                Error::invalid(
                    what,
                    format!(
                        "runs past l2ToL1Calls ({} calls) after {done} iterations: the contract panics 0x32",
                        self.entry.l2ToL1Calls.len()
                    ),
                )
            })?;
            if call.revertSpan.is_zero() {
                out.push(Iteration::Call(self.call()?));
                done += U256::from(1);
                continue;
            }
            let span = call.revertSpan;
            let mut calls = Vec::new();
            let mut j = U256::ZERO;
            while j < span {
                let at = self.cursor;
                let c = self.entry.l2ToL1Calls.get(at).ok_or_else(|| {
                    Error::invalid(
                        format!("entry.l2ToL1Calls[{idx}].revertSpan"),
                        format!("span of {span} runs past l2ToL1Calls: the contract panics 0x32"),
                    )
                })?;
                if !j.is_zero() && !c.revertSpan.is_zero() {
                    return Err(Error::invalid(
                        format!("entry.l2ToL1Calls[{at}].revertSpan"),
                        format!("nested revert span inside the span opened by l2ToL1Calls[{idx}]: not expressible"),
                    ));
                }
                calls.push(self.call()?);
                j += U256::from(1);
            }
            out.push(Iteration::RevertSpan(calls));
            done = done.saturating_add(span);
        }
        Ok(out)
    }

    fn next_step(&mut self) -> Result<&'a RollingHashStep> {
        let steps = self.steps;
        let step = steps
            .get(self.pos)
            .ok_or_else(|| steps_err(self.pos, "the steps end while the entry still runs a call"))?;
        self.pos += 1;
        Ok(step)
    }

    fn place_lookups(&mut self, inner: &mut Vec<InnerEvent>) {
        while let Some(l) = self.entry.expectedLookups.get(self.lookups_placed) {
            let key = (l.l2ToL1CallNumber, l.lastL1ToL2CallConsumed);
            if key != (self.cursor as u64, self.consumed as u64) {
                break;
            }
            let event = TraceLookup::from_expected(l);
            inner.push(if l.failed { InnerEvent::RevertedLookup(event) } else { InnerEvent::StaticLookup(event) });
            self.lookups_placed += 1;
        }
    }

    fn call(&mut self) -> Result<TraceCall> {
        let entry = self.entry;
        let idx = self.cursor;
        let call = &entry.l2ToL1Calls[idx];
        self.cursor += 1;
        let at = self.pos;
        match self.next_step()? {
            RollingHashStep::CallBegin { number } if *number == U256::from(self.cursor) => {}
            other => {
                return Err(steps_err(
                    at,
                    format!(
                        "expected CALL_BEGIN({}) for l2ToL1Calls[{idx}], found {} {}",
                        self.cursor,
                        other.event(),
                        other.number()
                    ),
                ))
            }
        }
        let mut inner = Vec::new();
        loop {
            self.place_lookups(&mut inner);
            let at = self.pos;
            match self.next_step()?.clone() {
                RollingHashStep::NestedBegin { number } => {
                    let n = self.consumed + 1;
                    let expected = entry.expectedL1ToL2Calls.get(self.consumed).ok_or_else(|| {
                        steps_err(
                            at,
                            format!(
                                "NESTED_BEGIN, but expectedL1ToL2Calls has only {} items",
                                self.entry.expectedL1ToL2Calls.len()
                            ),
                        )
                    })?;
                    if number != U256::from(n) {
                        return Err(steps_err(at, format!("NESTED_BEGIN({number}), the next reentrant call is {n}")));
                    }
                    self.consumed += 1;
                    if self.depth == MAX_FRAME_DEPTH {
                        return Err(too_deep(format!("steps[{at}]")));
                    }
                    self.depth += 1;
                    let calls =
                        self.frame(expected.callCount, &format!("entry.expectedL1ToL2Calls[{}].callCount", n - 1))?;
                    self.depth -= 1;
                    let end = self.pos;
                    match self.next_step()? {
                        RollingHashStep::NestedEnd { number } if *number == U256::from(n) => {}
                        other => {
                            return Err(steps_err(
                                end,
                                format!("expected NESTED_END({n}), found {} {}", other.event(), other.number()),
                            ))
                        }
                    }
                    inner.push(InnerEvent::Reentrant(ReentrantCall {
                        crossChainCallHash: expected.crossChainCallHash,
                        value: self.values.get(n - 1).copied().unwrap_or_default(),
                        returnData: expected.returnData.clone(),
                        calls,
                    }));
                }
                RollingHashStep::CallEnd { number, success, ret_data } => {
                    if number != U256::from(self.cursor) {
                        return Err(steps_err(
                            at,
                            format!(
                                "CALL_END({number}) closing l2ToL1Calls[{idx}], but the cursor is {} (the code folds the \
                                 cursor after the call returned)",
                                self.cursor
                            ),
                        ));
                    }
                    return Ok(TraceCall {
                        targetAddress: call.targetAddress,
                        value: call.value,
                        data: call.data.clone(),
                        sourceAddress: call.sourceAddress,
                        sourceRollupId: call.sourceRollupId,
                        success,
                        retData: ret_data,
                        inner,
                    });
                }
                other => {
                    return Err(steps_err(
                        at,
                        format!(
                            "expected CALL_END({}) or NESTED_BEGIN, found {} {}",
                            self.cursor,
                            other.event(),
                            other.number()
                        ),
                    ))
                }
            }
        }
    }
}

/// Rebuilds the trace of `entry` from its recorded fold steps: call details from the entry's
/// flat calls, results from the `CALL_END` steps, reentrant frames from `NESTED_BEGIN/END` (hash
/// and return data from `expectedL1ToL2Calls`, value from `reentrant_values[n-1]`, default 0),
/// spans from the `revertSpan` fields, nested lookups placed at the first point where the
/// counters equal their key (in table order; `failed` ones as reverted lookups).
///
/// Errors (path `steps[i]` or `entry.…`) when the steps do not follow the entry's structure,
/// leave calls or reentrant items unused, fold to another hash than `entry.rollingHash`, or the
/// entry holds what a host trace cannot express (nested spans, lookups with
/// `executingLookupIndex > 0`). Replaying the result gives back the entry's fields and `steps`.
pub fn trace_from_entry_and_steps(
    entry: &l1::ExecutionEntry,
    steps: &[RollingHashStep],
    reentrant_values: &[U256],
) -> Result<Trace> {
    if let Some(i) = entry.expectedLookups.iter().position(|l| l.executingLookupIndex != 0) {
        return Err(Error::invalid(
            format!("entry.expectedLookups[{i}].executingLookupIndex"),
            "lookups fired inside a reverted lookup's sub-execution are not part of the host's trace",
        ));
    }
    let mut b = Rebuilder {
        entry,
        steps,
        values: reentrant_values,
        pos: 0,
        cursor: 0,
        consumed: 0,
        lookups_placed: 0,
        depth: 0,
    };
    let calls = b.frame(entry.callCount, "entry.callCount")?;
    if b.pos != steps.len() {
        return Err(steps_err(b.pos, format!("{} steps left after the entry's frame ended", steps.len() - b.pos)));
    }
    if b.cursor != entry.l2ToL1Calls.len() {
        return Err(Error::invalid(
            format!("entry.l2ToL1Calls[{}]", b.cursor),
            format!(
                "{} calls never run (the contract reverts UnconsumedL2ToL1Calls)",
                entry.l2ToL1Calls.len() - b.cursor
            ),
        ));
    }
    if b.consumed != entry.expectedL1ToL2Calls.len() {
        return Err(Error::invalid(
            format!("entry.expectedL1ToL2Calls[{}]", b.consumed),
            "never consumed by a NESTED_BEGIN step (the contract reverts UnconsumedL1ToL2Calls)",
        ));
    }
    if let Some(l) = entry.expectedLookups.get(b.lookups_placed) {
        return Err(Error::invalid(
            format!("entry.expectedLookups[{}]", b.lookups_placed),
            format!(
                "key (l2ToL1CallNumber {}, lastL1ToL2CallConsumed {}) is not reached while a call runs, in table order",
                l.l2ToL1CallNumber, l.lastL1ToL2CallConsumed
            ),
        ));
    }
    let trace = Trace { inboundValue: U256::ZERO, calls };
    let replayed = replay(&trace)?;
    if replayed.rolling_hash != entry.rollingHash {
        return Err(Error::invalid(
            "entry.rollingHash",
            format!("the steps fold to {}, the entry holds {}", replayed.rolling_hash, entry.rollingHash),
        ));
    }
    if replayed.l1_entry(entry) != *entry || replayed.steps != steps {
        return Err(Error::invalid("entry", "the rebuilt trace does not replay to the entry (internal inconsistency)"));
    }
    Ok(trace)
}

/// [`trace_from_entry_and_steps`] for an L2 entry (`incomingCalls`, `expectedOutgoingCalls`).
pub fn trace_from_l2_entry_and_steps(
    entry: &l2::ExecutionEntry,
    steps: &[RollingHashStep],
    reentrant_values: &[U256],
) -> Result<Trace> {
    trace_from_entry_and_steps(&l1_entry_of(entry), steps, reentrant_values)
}
