//! L1 ↔ L2 entry shapes: the same fold and the same fields under other names
//! (`l2ToL1Calls` ↔ `incomingCalls`, `expectedL1ToL2Calls` ↔ `expectedOutgoingCalls`, …).

use crate::types::{l1, l2};
use alloy_primitives::U256;

fn l2_call(c: &l1::L2ToL1Call) -> l2::CrossChainCall {
    l2::CrossChainCall {
        targetAddress: c.targetAddress,
        value: c.value,
        data: c.data.clone(),
        sourceAddress: c.sourceAddress,
        sourceRollupId: c.sourceRollupId,
        revertSpan: c.revertSpan,
    }
}

fn l1_call(c: &l2::CrossChainCall) -> l1::L2ToL1Call {
    l1::L2ToL1Call {
        targetAddress: c.targetAddress,
        value: c.value,
        data: c.data.clone(),
        sourceAddress: c.sourceAddress,
        sourceRollupId: c.sourceRollupId,
        revertSpan: c.revertSpan,
    }
}

fn l2_expected(e: &l1::ExpectedL1ToL2Call) -> l2::ExpectedOutgoingCrossChainCall {
    l2::ExpectedOutgoingCrossChainCall {
        crossChainCallHash: e.crossChainCallHash,
        callCount: e.callCount,
        returnData: e.returnData.clone(),
    }
}

fn l1_expected(e: &l2::ExpectedOutgoingCrossChainCall) -> l1::ExpectedL1ToL2Call {
    l1::ExpectedL1ToL2Call {
        crossChainCallHash: e.crossChainCallHash,
        callCount: e.callCount,
        returnData: e.returnData.clone(),
    }
}

fn l2_lookup(l: &l1::ExpectedLookup) -> l2::ExpectedLookup {
    l2::ExpectedLookup {
        crossChainCallHash: l.crossChainCallHash,
        returnData: l.returnData.clone(),
        failed: l.failed,
        callNumber: l.l2ToL1CallNumber,
        lastOutgoingCallConsumed: l.lastL1ToL2CallConsumed,
        executingLookupIndex: l.executingLookupIndex,
        incomingCalls: l.l2ToL1Calls.iter().map(l2_call).collect(),
        expectedOutgoingCalls: l.expectedL1ToL2Calls.iter().map(l2_expected).collect(),
        callCount: l.callCount,
        rollingHash: l.rollingHash,
    }
}

fn l1_lookup(l: &l2::ExpectedLookup) -> l1::ExpectedLookup {
    l1::ExpectedLookup {
        crossChainCallHash: l.crossChainCallHash,
        returnData: l.returnData.clone(),
        failed: l.failed,
        l2ToL1CallNumber: l.callNumber,
        lastL1ToL2CallConsumed: l.lastOutgoingCallConsumed,
        executingLookupIndex: l.executingLookupIndex,
        l2ToL1Calls: l.incomingCalls.iter().map(l1_call).collect(),
        expectedL1ToL2Calls: l.expectedOutgoingCalls.iter().map(l1_expected).collect(),
        callCount: l.callCount,
        rollingHash: l.rollingHash,
    }
}

/// The L1-shaped view of an L2 entry (no deltas, destination 0): the fold and checks are the same.
pub fn l1_entry_of(entry: &l2::ExecutionEntry) -> l1::ExecutionEntry {
    l1::ExecutionEntry {
        stateDeltas: Vec::new(),
        proxyEntryHash: entry.proxyEntryHash,
        destinationRollupId: U256::ZERO,
        l2ToL1Calls: entry.incomingCalls.iter().map(l1_call).collect(),
        expectedL1ToL2Calls: entry.expectedOutgoingCalls.iter().map(l1_expected).collect(),
        expectedLookups: entry.expectedLookups.iter().map(l1_lookup).collect(),
        callCount: entry.callCount,
        returnData: entry.returnData.clone(),
        rollingHash: entry.rollingHash,
    }
}

/// The L2 entry with the same calls, tables, count, return data and hashes as an L1-shaped one.
pub fn l2_entry_of(entry: &l1::ExecutionEntry) -> l2::ExecutionEntry {
    l2::ExecutionEntry {
        proxyEntryHash: entry.proxyEntryHash,
        incomingCalls: entry.l2ToL1Calls.iter().map(l2_call).collect(),
        expectedOutgoingCalls: entry.expectedL1ToL2Calls.iter().map(l2_expected).collect(),
        expectedLookups: entry.expectedLookups.iter().map(l2_lookup).collect(),
        callCount: entry.callCount,
        returnData: entry.returnData.clone(),
        rollingHash: entry.rollingHash,
    }
}
