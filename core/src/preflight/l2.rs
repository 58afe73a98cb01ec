//! L2 pre-flight (spec §6.4): `executeIncomingCrossChainCall` or a later proxy call, then the frame.

use super::frame::{execution_not_found, reverts, slots, Finish, Side, Sim, Stop};
use super::{L2Consumption, Outcome, PreflightReport};
use crate::abi::revert::ProtocolError;
use crate::error::Result;
use crate::hash::call::cross_chain_call_hash;
use crate::replay::{l1_entry_of, replay, Trace};
use crate::types::l1::IEEZ;
use crate::types::l2;
use crate::types::l2::IEEZL2;
use alloy_primitives::U256;

/// Predicts an L2 consumption (spec §6.4): `entries[0]` is the entry run (the whole table for
/// `executeIncomingCrossChainCall`, the next unconsumed entries for a later proxy call). The
/// `LookupCall[]` argument does not affect the outcome of `entries[0]` and is not taken.
pub fn preflight_l2(
    entries: &[l2::ExecutionEntry],
    consumption: &L2Consumption,
    trace: &Trace,
) -> Result<PreflightReport> {
    replay(trace)?;
    let l2_error = |e: ProtocolError| Ok(Finish::empty(U256::ZERO).report(reverts(e), Vec::new()));
    let first = entries.first();
    match consumption {
        L2Consumption::IncomingCall(c) => {
            let Some(first) = first else {
                return l2_error(ProtocolError::EmptyEntries(IEEZL2::EmptyEntries {}));
            };
            if c.msgValue != c.value {
                return l2_error(ProtocolError::ValueMismatch(IEEZL2::ValueMismatch {}));
            }
            let h = cross_chain_call_hash(c.rollupId, c.destination, c.value, &c.data, c.sourceAddress, c.sourceRollup);
            if first.proxyEntryHash != h {
                return l2_error(ProtocolError::EntryHashMismatch(IEEZL2::EntryHashMismatch {}));
            }
        }
        L2Consumption::ProxyCall { cross_chain_call_hash } => {
            if first.is_none_or(|e| e.proxyEntryHash != *cross_chain_call_hash) {
                return l2_error(execution_not_found());
            }
        }
    }
    let entry = l1_entry_of(first.expect("checked above"));
    let mut sim = Sim::new(Side::L2, &entry, U256::ZERO);
    let traced = slots(&trace.calls);
    let result = sim.frame(entry.callCount, &traced, "trace.calls", 0, false, "entry.callCount");
    let frame_complete = result.is_ok();
    let outcome = match result {
        Err(Stop::Revert(e)) => reverts(e),
        Err(Stop::Unpredictable(reason)) => Outcome::Unpredictable { reason },
        Err(Stop::NotFound) => Outcome::Unpredictable { reason: "internal: not-found on L2".into() },
        Ok(_) => {
            if sim.acc.value() != entry.rollingHash {
                reverts(ProtocolError::RollingHashMismatch(IEEZ::RollingHashMismatch {}))
            } else if sim.cursor != entry.l2ToL1Calls.len() {
                reverts(ProtocolError::UnconsumedIncomingCalls(IEEZL2::UnconsumedIncomingCalls {}))
            } else if sim.consumed != entry.expectedL1ToL2Calls.len() {
                reverts(ProtocolError::UnconsumedOutgoingCalls(IEEZL2::UnconsumedOutgoingCalls {}))
            } else {
                Outcome::Success { return_data: entry.returnData.clone(), post_state: Vec::new() }
            }
        }
    };
    Ok(Finish::of(sim, frame_complete).report(outcome, Vec::new()))
}
