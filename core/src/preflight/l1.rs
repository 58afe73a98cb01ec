//! L1 pre-flight (spec §6.3, §6.5): consumption check, the frame, the state deltas and the ether rule.

use super::frame::{execution_not_found, reverts, slots, Finish, Side, Sim, Stop};
use super::{Consumption, Outcome, PreState, PreflightReport, RollupState};
use crate::abi::revert::ProtocolError;
use crate::error::{Error, Result};
use crate::replay::{replay, Trace};
use crate::types::l1;
use crate::types::l1::IEEZ;
use alloy_primitives::{I256, U256};

/// Applies the deltas in order to the pre-state (spec §6.3 step 2); `Ok(Err(outcome))` when a
/// delta reverts or needs an EVM, `Err` when the pre-state lacks a rollup.
fn apply_deltas(
    entry: &l1::ExecutionEntry,
    pre: &PreState,
) -> Result<std::result::Result<(Vec<RollupState>, I256), Outcome>> {
    let mut state: Vec<RollupState> = Vec::new();
    for row in &pre.rollups {
        if !state.iter().any(|r| r.rollupId == row.rollupId) {
            state.push(row.clone());
        }
    }
    let mut total = I256::ZERO;
    for (i, delta) in entry.stateDeltas.iter().enumerate() {
        let Some(row) = state.iter_mut().find(|r| r.rollupId == delta.rollupId) else {
            return Err(Error::invalid(
                "preState.rollups",
                format!("no pre-state for rollup {} (entry.stateDeltas[{i}].rollupId)", delta.rollupId),
            ));
        };
        if row.stateRoot != delta.currentState {
            let e = IEEZ::StateRootMismatch { rollupId: delta.rollupId };
            return Ok(Err(reverts(ProtocolError::StateRootMismatch(e))));
        }
        row.stateRoot = delta.newState;
        let overflow = || Outcome::Unpredictable {
            reason: format!(
                "entry.stateDeltas[{i}].etherDelta overflows the contract's checked arithmetic, which is not modelled"
            ),
        };
        total = match total.checked_add(delta.etherDelta) {
            Some(t) => t,
            None => return Ok(Err(overflow())),
        };
        if delta.etherDelta.is_negative() {
            if delta.etherDelta == I256::MIN {
                return Ok(Err(overflow()));
            }
            let decrement = delta.etherDelta.unsigned_abs();
            if row.etherBalance < decrement {
                return Ok(Err(reverts(ProtocolError::InsufficientRollupBalance(IEEZ::InsufficientRollupBalance {}))));
            }
            row.etherBalance -= decrement;
        } else {
            row.etherBalance = match row.etherBalance.checked_add(delta.etherDelta.into_raw()) {
                Some(b) => b,
                None => return Ok(Err(overflow())),
            };
        }
    }
    Ok(Ok((state, total)))
}

/// `Σ etherDelta == int256(etherIn) − etherOut` (§6.5); `None` when a value exceeds int256.
fn ether_balances(total: I256, ether_in: U256, ether_out: U256) -> Option<bool> {
    let ether_in = I256::checked_from_sign_and_abs(alloy_primitives::Sign::Positive, ether_in)?;
    let ether_out = I256::checked_from_sign_and_abs(alloy_primitives::Sign::Positive, ether_out)?;
    Some(total == ether_in.checked_sub(ether_out)?)
}

const NOT_FOUND_NOTE: &str =
    "a reentrant call matched nothing: the manager returned empty bytes and set the not-found \
     flag; predicted ExecutionNotFound assumes the flag is not rolled back by a caller reverting all the way to the \
     manager's call, and that the unobserved rest of the frame stays within l2ToL1Calls";

/// Predicts consuming the L1 `entry` (spec §6.3): `pre_state` gives every touched rollup's root
/// and balance, `consumption` how the entry is reached, `trace` what the world does. Errors only
/// for bad input (a malformed trace, a rollup missing from the pre-state).
pub fn preflight_l1(
    entry: &l1::ExecutionEntry,
    pre_state: &PreState,
    consumption: &Consumption,
    trace: &Trace,
) -> Result<PreflightReport> {
    replay(trace)?;
    let (ether_in, hash_ok) = match consumption {
        Consumption::ProxyCall { cross_chain_call_hash, value, rollup_id, transient } => (
            *value,
            entry.proxyEntryHash == *cross_chain_call_hash && (!transient || entry.destinationRollupId == *rollup_id),
        ),
        Consumption::ExecuteL2TX { rollup_id, transient } => {
            (U256::ZERO, entry.proxyEntryHash.is_zero() && (!transient || entry.destinationRollupId == *rollup_id))
        }
        Consumption::Immediate => (U256::ZERO, true),
    };
    if !hash_ok {
        return Ok(Finish::empty(ether_in).report(reverts(execution_not_found()), Vec::new()));
    }
    let mut sim = Sim::new(Side::L1, entry, ether_in);
    let traced = slots(&trace.calls);
    let result = sim.frame(entry.callCount, &traced, "trace.calls", 0, false, "entry.callCount");
    let mut notes = Vec::new();
    let not_found = match result {
        Ok(_) => false,
        Err(Stop::Revert(e)) => return Ok(Finish::of(sim, false).report(reverts(e), notes)),
        Err(Stop::Unpredictable(reason)) => {
            return Ok(Finish::of(sim, false).report(Outcome::Unpredictable { reason }, notes))
        }
        Err(Stop::NotFound) => {
            let needed = sim.pending.iter().fold(U256::ZERO, |a, p| a.saturating_add(*p));
            let len = U256::from(entry.l2ToL1Calls.len());
            if U256::from(sim.cursor).saturating_add(needed) > len {
                let reason = format!(
                    "a reentrant call matched nothing (not-found flag set) and the remaining iterations need at least \
                     {needed} more calls than l2ToL1Calls holds: where the Panic(0x32) surfaces is not observable"
                );
                return Ok(Finish::of(sim, false).report(Outcome::Unpredictable { reason }, notes));
            }
            notes.push(NOT_FOUND_NOTE.to_owned());
            true
        }
    };
    let fin = Finish::of(sim, !not_found);
    let (post_state, total) = match apply_deltas(entry, pre_state)? {
        Ok(v) => v,
        Err(outcome) => return Ok(fin.report(outcome, notes)),
    };
    let outcome = if not_found {
        reverts(execution_not_found())
    } else if fin.rolling_hash != entry.rollingHash {
        reverts(ProtocolError::RollingHashMismatch(IEEZ::RollingHashMismatch {}))
    } else if fin.cursor != entry.l2ToL1Calls.len() {
        reverts(ProtocolError::UnconsumedL2ToL1Calls(IEEZ::UnconsumedL2ToL1Calls {}))
    } else if fin.consumed != entry.expectedL1ToL2Calls.len() {
        reverts(ProtocolError::UnconsumedL1ToL2Calls(IEEZ::UnconsumedL1ToL2Calls {}))
    } else {
        match ether_balances(total, fin.ether_in, fin.ether_out) {
            None => Outcome::Unpredictable {
                reason: "etherIn or etherOut exceeds int256: the contract's conversions are not modelled".into(),
            },
            Some(false) => reverts(ProtocolError::EtherDeltaMismatch(IEEZ::EtherDeltaMismatch {})),
            Some(true) => Outcome::Success { return_data: entry.returnData.clone(), post_state },
        }
    };
    Ok(fin.report(outcome, notes))
}
