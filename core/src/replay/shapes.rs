//! L1 ↔ L2 entry shapes: the same fold and the same fields under other names
//! (`l2ToL1Calls` ↔ `incomingCalls`, `expectedL1ToL2Calls` ↔ `expectedOutgoingCalls`, …).

use crate::types::{l1, l2};
use alloy_primitives::{Address, Bytes, B256, U256};

/// The same value under the other side's names.
trait Mirror<T> {
    fn mirror(&self) -> T;
}

/// Values that are the same type on both sides.
macro_rules! same_on_both_sides {
    ($($t:ty),*) => {$(
        impl Mirror<$t> for $t {
            fn mirror(&self) -> $t {
                self.clone()
            }
        }
    )*};
}

same_on_both_sides!(Address, Bytes, B256, U256, bool, u64);

impl<A: Mirror<B>, B> Mirror<Vec<B>> for Vec<A> {
    fn mirror(&self) -> Vec<B> {
        self.iter().map(Mirror::mirror).collect()
    }
}

/// One L1 ↔ L2 struct pair: the fields named alike, then `l1 name <=> l2 name` for the renamed
/// ones. Both directions come from the one list (and a field left out does not compile).
macro_rules! mirror_pairs {
    ($(($l1:path, $l2:path) { $($same:ident),* ; $($a:ident <=> $b:ident),* $(,)? })*) => {$(
        impl Mirror<$l2> for $l1 {
            fn mirror(&self) -> $l2 {
                $l2 { $($same: self.$same.mirror(),)* $($b: self.$a.mirror(),)* }
            }
        }
        impl Mirror<$l1> for $l2 {
            fn mirror(&self) -> $l1 {
                $l1 { $($same: self.$same.mirror(),)* $($a: self.$b.mirror(),)* }
            }
        }
    )*};
}

mirror_pairs! {
    (l1::L2ToL1Call, l2::CrossChainCall) {
        targetAddress, value, data, sourceAddress, sourceRollupId, revertSpan;
    }
    (l1::ExpectedL1ToL2Call, l2::ExpectedOutgoingCrossChainCall) { crossChainCallHash, callCount, returnData; }
    (l1::ExpectedLookup, l2::ExpectedLookup) {
        crossChainCallHash, returnData, failed, executingLookupIndex, callCount, rollingHash;
        l2ToL1CallNumber <=> callNumber,
        lastL1ToL2CallConsumed <=> lastOutgoingCallConsumed,
        l2ToL1Calls <=> incomingCalls,
        expectedL1ToL2Calls <=> expectedOutgoingCalls,
    }
}

/// The L1-shaped view of an L2 entry (no deltas, destination 0): the fold and checks are the same.
pub fn l1_entry_of(entry: &l2::ExecutionEntry) -> l1::ExecutionEntry {
    l1::ExecutionEntry {
        stateDeltas: Vec::new(),
        proxyEntryHash: entry.proxyEntryHash,
        destinationRollupId: U256::ZERO,
        l2ToL1Calls: entry.incomingCalls.mirror(),
        expectedL1ToL2Calls: entry.expectedOutgoingCalls.mirror(),
        expectedLookups: entry.expectedLookups.mirror(),
        callCount: entry.callCount,
        returnData: entry.returnData.clone(),
        rollingHash: entry.rollingHash,
    }
}

/// The L2 entry with the same calls, tables, count, return data and hashes as an L1-shaped one.
pub fn l2_entry_of(entry: &l1::ExecutionEntry) -> l2::ExecutionEntry {
    l2::ExecutionEntry {
        proxyEntryHash: entry.proxyEntryHash,
        incomingCalls: entry.l2ToL1Calls.mirror(),
        expectedOutgoingCalls: entry.expectedL1ToL2Calls.mirror(),
        expectedLookups: entry.expectedLookups.mirror(),
        callCount: entry.callCount,
        returnData: entry.returnData.clone(),
        rollingHash: entry.rollingHash,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::{address, b256};

    fn call(n: u8) -> l2::CrossChainCall {
        l2::CrossChainCall {
            targetAddress: Address::repeat_byte(n),
            value: U256::from(n),
            data: Bytes::from(vec![n, n + 1]),
            sourceAddress: address!("00000000000000000000000000000000000000aa"),
            sourceRollupId: U256::from(u16::from(n) + 100),
            revertSpan: U256::from(n % 2),
        }
    }

    fn expected(n: u8) -> l2::ExpectedOutgoingCrossChainCall {
        l2::ExpectedOutgoingCrossChainCall {
            crossChainCallHash: B256::repeat_byte(n),
            callCount: U256::from(n),
            returnData: Bytes::from(vec![n]),
        }
    }

    #[test]
    fn every_field_crosses_over_and_back() {
        let lookup = l2::ExpectedLookup {
            crossChainCallHash: B256::repeat_byte(9),
            returnData: Bytes::from(vec![1, 2, 3]),
            failed: true,
            callNumber: 3,
            lastOutgoingCallConsumed: 1,
            executingLookupIndex: 2,
            incomingCalls: vec![call(5)],
            expectedOutgoingCalls: vec![expected(6)],
            callCount: U256::from(4),
            rollingHash: b256!("00000000000000000000000000000000000000000000000000000000000000ab"),
        };
        let entry = l2::ExecutionEntry {
            proxyEntryHash: B256::repeat_byte(1),
            incomingCalls: vec![call(1), call(2)],
            expectedOutgoingCalls: vec![expected(3)],
            expectedLookups: vec![lookup],
            callCount: U256::from(7),
            returnData: Bytes::from(vec![0xee]),
            rollingHash: B256::repeat_byte(2),
        };
        let l1 = l1_entry_of(&entry);
        assert_eq!((l1.stateDeltas.len(), l1.destinationRollupId), (0, U256::ZERO));
        assert_eq!(l1.l2ToL1Calls[1].sourceRollupId, U256::from(102));
        assert_eq!(l1.l2ToL1Calls[1].data, entry.incomingCalls[1].data);
        let l1_lookup = &l1.expectedLookups[0];
        assert_eq!((l1_lookup.l2ToL1CallNumber, l1_lookup.lastL1ToL2CallConsumed), (3, 1));
        assert_eq!(l1_lookup.l2ToL1Calls[0].targetAddress, Address::repeat_byte(5));
        assert_eq!(l1_lookup.expectedL1ToL2Calls[0].crossChainCallHash, B256::repeat_byte(6));
        assert_eq!(l2_entry_of(&l1), entry);
    }
}
