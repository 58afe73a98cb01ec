//! The frame simulation shared by L1 and L2 pre-flight: `_applyAndExecute`'s loop over the
//! entry's arrays, driven by the traced world, and the report it yields.

use super::{Outcome, PreflightReport};
use crate::abi::revert::ProtocolError;
use crate::hash::rolling::{RollingHashStep, TaggedRollingHash};
use crate::replay::{InnerEvent, Iteration, ReentrantCall, TraceCall, TraceLookup};
use crate::types::l1;
use crate::types::l1::IEEZ;
use alloy_primitives::{B256, U256};
use alloy_sol_types::Panic;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    L1,
    L2,
}

/// Why the frame simulation stopped early.
pub(super) enum Stop {
    /// The entry reverts with this error (raised in the manager's own outermost frame).
    Revert(ProtocolError),
    /// L1: a reentrant call found no match; the not-found flag is set.
    NotFound,
    /// Needs an EVM.
    Unpredictable(String),
}

/// One traced iteration slot of a frame.
#[derive(Clone, Copy)]
pub(super) enum Slot<'t> {
    Call(&'t TraceCall),
    Span(&'t [TraceCall]),
}

pub(super) fn slots(iterations: &[Iteration]) -> Vec<Slot<'_>> {
    iterations
        .iter()
        .map(|it| match it {
            Iteration::Call(c) => Slot::Call(c),
            Iteration::RevertSpan(calls) => Slot::Span(calls),
        })
        .collect()
}

pub(super) struct Sim<'e> {
    side: Side,
    entry: &'e l1::ExecutionEntry,
    pub(super) acc: TaggedRollingHash,
    steps: Vec<RollingHashStep>,
    accumulators: Vec<B256>,
    pub(super) cursor: usize,
    pub(super) consumed: usize,
    ether_in: U256,
    ether_out: U256,
    /// The index whose `revertSpan` the running span cleared (read as 0 inside the span).
    cleared_span: Option<usize>,
    /// Per active frame: iterations left after the current one (a lower bound on calls still needed).
    pub(super) pending: Vec<U256>,
}

fn unpredictable<T>(reason: impl Into<String>) -> Result<T, Stop> {
    Err(Stop::Unpredictable(reason.into()))
}

fn panic_out_of_bounds() -> ProtocolError {
    ProtocolError::Panic(Panic { code: U256::from(0x32) })
}

impl<'e> Sim<'e> {
    pub(super) fn new(side: Side, entry: &'e l1::ExecutionEntry, ether_in: U256) -> Self {
        Sim {
            side,
            entry,
            acc: TaggedRollingHash::new(),
            steps: Vec::new(),
            accumulators: Vec::new(),
            cursor: 0,
            consumed: 0,
            ether_in,
            ether_out: U256::ZERO,
            cleared_span: None,
            pending: Vec::new(),
        }
    }

    fn fold(&mut self, step: RollingHashStep) {
        let value = self.acc.apply(&step);
        self.steps.push(step);
        self.accumulators.push(value);
    }

    /// Reading `calls[cursor]` past the end: a Panic in the manager's own frame is the entry's
    /// outcome; inside a span it arrives as `UnexpectedContextRevert`; inside a reentrant frame it
    /// reverts the reentrant call into its caller, whose reaction the trace did not observe.
    fn past_the_end(&self, depth: usize, in_span: bool, what: &str) -> Stop {
        let len = self.entry.l2ToL1Calls.len();
        if depth > 0 {
            return Stop::Unpredictable(format!(
                "{what} runs past l2ToL1Calls ({len} calls) inside a reentrant frame: the Panic(0x32) reverts the \
                 reentrant call into its caller, whose reaction was not observed"
            ));
        }
        if in_span {
            let panic = panic_out_of_bounds().encode();
            return Stop::Revert(ProtocolError::UnexpectedContextRevert(IEEZ::UnexpectedContextRevert {
                revertData: panic.into(),
            }));
        }
        Stop::Revert(panic_out_of_bounds())
    }

    /// Runs `count` iterations over the entry's arrays against the traced slots; returns whether
    /// traced iterations were left over.
    pub(super) fn frame(
        &mut self,
        count: U256,
        traced: &[Slot<'_>],
        tpath: &str,
        depth: usize,
        in_span: bool,
        what: &str,
    ) -> Result<bool, Stop> {
        let mut done = U256::ZERO;
        let mut ti = 0usize;
        self.pending.push(U256::ZERO);
        while done < count {
            let idx = self.cursor;
            let Some(call) = self.entry.l2ToL1Calls.get(idx) else {
                return Err(self.past_the_end(depth, in_span, what));
            };
            let span = if self.cleared_span == Some(idx) { U256::ZERO } else { call.revertSpan };
            let slot_path = format!("{tpath}[{ti}]");
            let width = if span.is_zero() { U256::from(1) } else { span };
            *self.pending.last_mut().expect("pushed above") = count.saturating_sub(done).saturating_sub(width);
            match (span.is_zero(), traced.get(ti)) {
                (_, None) => {
                    return unpredictable(format!(
                        "entry.l2ToL1Calls[{idx}] runs as iteration {ti} of a frame the trace ({tpath}) saw end after \
                         {} iterations: more executed calls than observed",
                        traced.len()
                    ))
                }
                (true, Some(Slot::Call(tc))) => self.call(idx, tc, &slot_path, depth, in_span)?,
                (false, Some(Slot::Span(tcalls))) => {
                    let saved = self.cleared_span.replace(idx);
                    let inner: Vec<Slot<'_>> = tcalls.iter().map(Slot::Call).collect();
                    let span_what = format!("entry.l2ToL1Calls[{idx}].revertSpan");
                    // Calls the trace ran past the entry's span were rolled back with it: no divergence.
                    self.frame(span, &inner, &format!("{slot_path}.revertSpan"), depth, true, &span_what)?;
                    self.cleared_span = saved;
                }
                (true, Some(Slot::Span(_))) => {
                    return unpredictable(format!(
                        "entry.l2ToL1Calls[{idx}] is a plain call where the trace has a revert span ({slot_path})"
                    ))
                }
                (false, Some(Slot::Call(_))) => {
                    return unpredictable(format!(
                        "entry.l2ToL1Calls[{idx}] opens a revert span of {span} where the trace has a plain call \
                         ({slot_path})"
                    ))
                }
            }
            done = done.saturating_add(width);
            ti += 1;
        }
        self.pending.pop();
        Ok(ti < traced.len())
    }

    fn call(&mut self, idx: usize, tc: &TraceCall, tpath: &str, depth: usize, in_span: bool) -> Result<(), Stop> {
        let entry = self.entry;
        let c = &entry.l2ToL1Calls[idx];
        let differs = [
            ("targetAddress", c.targetAddress != tc.targetAddress),
            ("value", c.value != tc.value),
            ("data", c.data != tc.data),
            ("sourceAddress", c.sourceAddress != tc.sourceAddress),
            ("sourceRollupId", c.sourceRollupId != tc.sourceRollupId),
        ];
        if let Some((field, _)) = differs.iter().find(|(_, d)| *d) {
            return unpredictable(format!(
                "entry.l2ToL1Calls[{idx}].{field} differs from the traced call {tpath}: its result was not observed"
            ));
        }
        self.cursor += 1;
        self.fold(RollingHashStep::CallBegin { number: U256::from(self.cursor) });
        for (k, event) in tc.inner.iter().enumerate() {
            let epath = format!("{tpath}.inner[{k}]");
            match event {
                InnerEvent::Reentrant(r) => self.reentrant(r, &format!("{epath}.reentrant"), depth, in_span)?,
                InnerEvent::StaticLookup(l) => self.static_lookup(l, &format!("{epath}.staticLookup"))?,
                InnerEvent::RevertedLookup(l) => self.reverted_lookup(l, &format!("{epath}.revertedLookup"))?,
            }
        }
        self.fold(RollingHashStep::CallEnd {
            number: U256::from(self.cursor),
            success: tc.success,
            ret_data: tc.retData.clone(),
        });
        if self.side == Side::L1 && depth == 0 && !in_span && tc.success {
            self.ether_out = match self.ether_out.checked_add(c.value) {
                Some(v) => v,
                None => return unpredictable("etherOut overflows: the contract's checked arithmetic is not modelled"),
            };
        }
        Ok(())
    }

    fn next_expected_matches(&self, hash: B256) -> bool {
        self.entry.expectedL1ToL2Calls.get(self.consumed).is_some_and(|e| e.crossChainCallHash == hash)
    }

    /// The first host-level lookup keyed `(hash, cursor, consumed, 0)` (only `failed` ones if asked).
    fn find_lookup(&self, hash: B256, failed_only: bool) -> Option<usize> {
        let (cursor, consumed) = (self.cursor as u64, self.consumed as u64);
        self.entry.expectedLookups.iter().position(|l| {
            l.crossChainCallHash == hash
                && l.l2ToL1CallNumber == cursor
                && l.lastL1ToL2CallConsumed == consumed
                && l.executingLookupIndex == 0
                && (l.failed || !failed_only)
        })
    }

    fn reentrant(&mut self, r: &ReentrantCall, rpath: &str, depth: usize, in_span: bool) -> Result<(), Stop> {
        if self.next_expected_matches(r.crossChainCallHash) {
            self.consumed += 1;
            let n = self.consumed;
            if self.side == Side::L1 && !in_span {
                self.ether_in = match self.ether_in.checked_add(r.value) {
                    Some(v) => v,
                    None => {
                        return unpredictable("etherIn overflows: the contract's checked arithmetic is not modelled")
                    }
                };
            }
            let expected = &self.entry.expectedL1ToL2Calls[n - 1];
            self.fold(RollingHashStep::NestedBegin { number: U256::from(n) });
            let traced = slots(&r.calls);
            let what = format!("entry.expectedL1ToL2Calls[{}].callCount", n - 1);
            let leftover =
                self.frame(expected.callCount, &traced, &format!("{rpath}.calls"), depth + 1, in_span, &what)?;
            self.fold(RollingHashStep::NestedEnd { number: U256::from(n) });
            if leftover {
                return unpredictable(format!(
                    "{what} ends the frame before the traced frame {rpath}.calls did: its caller then continues \
                     on a state the trace did not observe"
                ));
            }
            if expected.returnData != r.returnData {
                return unpredictable(format!(
                    "entry.expectedL1ToL2Calls[{}].returnData differs from the bytes the traced frame returned \
                     ({rpath}.returnData): the caller's reaction was not observed",
                    n - 1
                ));
            }
            return Ok(());
        }
        if let Some(m) = self.find_lookup(r.crossChainCallHash, true) {
            return unpredictable(format!(
                "the reentrant call {rpath} does not match expectedL1ToL2Calls[{}] but entry.expectedLookups[{m}]: \
                 it would revert where the trace saw it succeed",
                self.consumed
            ));
        }
        match self.side {
            Side::L1 => Err(Stop::NotFound),
            Side::L2 => unpredictable(format!(
                "the reentrant call {rpath} matches no expectedOutgoingCalls item: on L2 it reverts \
                 ExecutionNotFound into its caller, whose reaction was not observed"
            )),
        }
    }

    fn static_lookup(&mut self, l: &TraceLookup, lpath: &str) -> Result<(), Stop> {
        match self.find_lookup(l.crossChainCallHash, false) {
            None => unpredictable(format!(
                "no entry.expectedLookups item has the key of the static lookup {lpath} (cursor {}, consumed {}): \
                 staticCallLookup reverts ExecutionNotFound into a caller whose reaction was not observed",
                self.cursor, self.consumed
            )),
            Some(m) if !l.same_content(&self.entry.expectedLookups[m]) => unpredictable(format!(
                "entry.expectedLookups[{m}] answers the static lookup {lpath} differently from the traced one"
            )),
            Some(_) => Ok(()),
        }
    }

    fn reverted_lookup(&mut self, l: &TraceLookup, lpath: &str) -> Result<(), Stop> {
        if self.next_expected_matches(l.crossChainCallHash) {
            return unpredictable(format!(
                "the call {lpath}, which the trace saw revert through a lookup, matches expectedL1ToL2Calls[{}] \
                 and would run a frame instead",
                self.consumed
            ));
        }
        match self.find_lookup(l.crossChainCallHash, true) {
            Some(m) if !l.same_content(&self.entry.expectedLookups[m]) => unpredictable(format!(
                "entry.expectedLookups[{m}] answers the reverted lookup {lpath} differently from the traced one"
            )),
            Some(m) if self.entry.expectedLookups.iter().any(|x| x.executingLookupIndex == m as u64 + 1) => {
                unpredictable(format!(
                    "entry.expectedLookups[{m}]'s sub-execution resolves nested lookups (executingLookupIndex {}), \
                     which the trace does not describe",
                    m + 1
                ))
            }
            Some(_) => Ok(()),
            None if self.side == Side::L1 => Err(Stop::NotFound),
            None => unpredictable(format!(
                "no entry.expectedLookups item has the key of the reverted lookup {lpath}: it reverts \
                 ExecutionNotFound instead of the traced bytes"
            )),
        }
    }
}

pub(super) struct Finish {
    steps: Vec<RollingHashStep>,
    accumulators: Vec<B256>,
    pub(super) rolling_hash: B256,
    frame_complete: bool,
    pub(super) cursor: usize,
    pub(super) consumed: usize,
    pub(super) ether_in: U256,
    pub(super) ether_out: U256,
}

impl Finish {
    pub(super) fn of(sim: Sim<'_>, frame_complete: bool) -> Self {
        Finish {
            rolling_hash: sim.acc.value(),
            steps: sim.steps,
            accumulators: sim.accumulators,
            frame_complete,
            cursor: sim.cursor,
            consumed: sim.consumed,
            ether_in: sim.ether_in,
            ether_out: sim.ether_out,
        }
    }

    pub(super) fn empty(ether_in: U256) -> Self {
        Finish {
            steps: Vec::new(),
            accumulators: Vec::new(),
            rolling_hash: B256::ZERO,
            frame_complete: false,
            cursor: 0,
            consumed: 0,
            ether_in,
            ether_out: U256::ZERO,
        }
    }

    pub(super) fn report(self, outcome: Outcome, notes: Vec<String>) -> PreflightReport {
        PreflightReport {
            outcome,
            steps: self.steps,
            accumulators: self.accumulators,
            rolling_hash: self.rolling_hash,
            frame_complete: self.frame_complete,
            calls_processed: self.cursor as u64,
            reentrant_consumed: self.consumed as u64,
            ether_in: self.ether_in,
            ether_out: self.ether_out,
            notes,
        }
    }
}

pub(super) fn reverts(e: ProtocolError) -> Outcome {
    Outcome::Reverts(e)
}

pub(super) fn execution_not_found() -> ProtocolError {
    ProtocolError::ExecutionNotFound(IEEZ::ExecutionNotFound {})
}
