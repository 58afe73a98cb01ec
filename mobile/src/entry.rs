//! One L1 execution entry or lookup call: decoded from canonical JSON or from `abi.encode(value)`,
//! inspected as records named after the Solidity structs (`IEEZ.sol`), and hashed:
//!
//! ```text
//! entryHash      = keccak256(abi.encode(entry))       // L1 ExecutionEntry
//! lookupCallHash = keccak256(abi.encode(lookupCall))  // L1 LookupCall
//! ```
//!
//! Fields keep the Solidity names (Kotlin/Swift `l2ToL1Calls`, `expectedL1ToL2Calls`); uint256,
//! int256, address and bytes32 values are canonical-JSON text (`"0x1f"`), `bytes` are byte arrays,
//! uint64 are unsigned 64-bit integers, bool is bool.

use crate::error::Result;
use crate::value::{json, parse, text};
use exectable::abi::layout::Path;
use exectable::types::l1;
use exectable::{AbiStruct, CanonicalJson};

/// A record that mirrors one core struct: built from it, and converted back with every text field
/// parsed at its path (so a bad value names `…stateDeltas[1].rollupId`).
pub(crate) trait Mirror: Sized {
    /// The core type.
    type Core;
    /// The record of a core value.
    fn from_core(core: &Self::Core) -> Self;
    /// The core value of this record; errors name `path` extended to the field at fault.
    fn to_core(&self, path: &Path<'_>) -> Result<Self::Core>;
}

fn list_from_core<T: Mirror>(items: &[T::Core]) -> Vec<T> {
    items.iter().map(T::from_core).collect()
}

fn list_to_core<T: Mirror>(items: &[T], path: &Path<'_>) -> Result<Vec<T::Core>> {
    items.iter().enumerate().map(|(i, item)| item.to_core(&path.index(i))).collect()
}

/// `StateDelta`: one rollup's transition caused by an entry.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StateDelta {
    /// uint256: rollup whose state root moves.
    pub rollup_id: String,
    /// bytes32: required live root before applying.
    pub current_state: String,
    /// bytes32: root written after the entry's calls ran.
    pub new_state: String,
    /// int256: signed change of the rollup's ETH balance (canonical form: the 32-byte
    /// two's-complement word; a signed decimal is accepted as input).
    pub ether_delta: String,
}

impl Mirror for StateDelta {
    type Core = l1::StateDelta;

    fn from_core(c: &l1::StateDelta) -> Self {
        StateDelta {
            rollup_id: text(&c.rollupId),
            current_state: text(&c.currentState),
            new_state: text(&c.newState),
            ether_delta: text(&c.etherDelta),
        }
    }

    fn to_core(&self, path: &Path<'_>) -> Result<l1::StateDelta> {
        Ok(l1::StateDelta {
            rollupId: parse(&self.rollup_id, &path.field("rollupId"))?,
            currentState: parse(&self.current_state, &path.field("currentState"))?,
            newState: parse(&self.new_state, &path.field("newState"))?,
            etherDelta: parse(&self.ether_delta, &path.field("etherDelta"))?,
        })
    }
}

/// `L2ToL1Call`: one call the L1 manager executes through the source's proxy.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct L2ToL1Call {
    /// address: contract called on L1.
    pub target_address: String,
    /// uint256: wei forwarded.
    pub value: String,
    /// Calldata.
    pub data: Vec<u8>,
    /// address: caller identity (selects the proxy).
    pub source_address: String,
    /// uint256: rollup of the caller.
    pub source_rollup_id: String,
    /// uint256: 0 = plain call; N > 0 = this and the next N − 1 iterations are reverted afterwards.
    pub revert_span: String,
}

impl Mirror for L2ToL1Call {
    type Core = l1::L2ToL1Call;

    fn from_core(c: &l1::L2ToL1Call) -> Self {
        L2ToL1Call {
            target_address: text(&c.targetAddress),
            value: text(&c.value),
            data: c.data.to_vec(),
            source_address: text(&c.sourceAddress),
            source_rollup_id: text(&c.sourceRollupId),
            revert_span: text(&c.revertSpan),
        }
    }

    fn to_core(&self, path: &Path<'_>) -> Result<l1::L2ToL1Call> {
        Ok(l1::L2ToL1Call {
            targetAddress: parse(&self.target_address, &path.field("targetAddress"))?,
            value: parse(&self.value, &path.field("value"))?,
            data: self.data.clone().into(),
            sourceAddress: parse(&self.source_address, &path.field("sourceAddress"))?,
            sourceRollupId: parse(&self.source_rollup_id, &path.field("sourceRollupId"))?,
            revertSpan: parse(&self.revert_span, &path.field("revertSpan"))?,
        })
    }
}

/// `ExpectedL1ToL2Call`: precomputed result of a successful reentrant call leaving L1.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExpectedL1ToL2Call {
    /// bytes32: hash the reentrant proxy call must produce.
    pub cross_chain_call_hash: String,
    /// uint256: iterations run inside this reentrant frame.
    pub call_count: String,
    /// Bytes returned to the reentrant caller.
    pub return_data: Vec<u8>,
}

impl Mirror for ExpectedL1ToL2Call {
    type Core = l1::ExpectedL1ToL2Call;

    fn from_core(c: &l1::ExpectedL1ToL2Call) -> Self {
        ExpectedL1ToL2Call {
            cross_chain_call_hash: text(&c.crossChainCallHash),
            call_count: text(&c.callCount),
            return_data: c.returnData.to_vec(),
        }
    }

    fn to_core(&self, path: &Path<'_>) -> Result<l1::ExpectedL1ToL2Call> {
        Ok(l1::ExpectedL1ToL2Call {
            crossChainCallHash: parse(&self.cross_chain_call_hash, &path.field("crossChainCallHash"))?,
            callCount: parse(&self.call_count, &path.field("callCount"))?,
            returnData: self.return_data.clone().into(),
        })
    }
}

/// `ExpectedLookup`: a nested lookup (reentrant static read, or reentrant call that reverts).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExpectedLookup {
    /// bytes32: identity of the looked-up call.
    pub cross_chain_call_hash: String,
    /// Returned (static) or revert payload (`failed`).
    pub return_data: Vec<u8>,
    /// false = static mode, true = reverted mode.
    pub failed: bool,
    /// uint64: flat-call cursor when the lookup fires.
    pub l2_to_l1_call_number: u64,
    /// uint64: reentrant-consumption counter when it fires.
    pub last_l1_to_l2_call_consumed: u64,
    /// uint64: 0 = the host's own execution; k = inside the host's `expectedLookups[k-1]`.
    pub executing_lookup_index: u64,
    /// Sub-calls run at resolution.
    pub l2_to_l1_calls: Vec<L2ToL1Call>,
    /// Reentrant table of the reverted-mode sub-execution.
    pub expected_l1_to_l2_calls: Vec<ExpectedL1ToL2Call>,
    /// uint256: top-level iterations of the reverted-mode sub-execution.
    pub call_count: String,
    /// bytes32: expected hash of the sub-calls.
    pub rolling_hash: String,
}

impl Mirror for ExpectedLookup {
    type Core = l1::ExpectedLookup;

    fn from_core(c: &l1::ExpectedLookup) -> Self {
        ExpectedLookup {
            cross_chain_call_hash: text(&c.crossChainCallHash),
            return_data: c.returnData.to_vec(),
            failed: c.failed,
            l2_to_l1_call_number: c.l2ToL1CallNumber,
            last_l1_to_l2_call_consumed: c.lastL1ToL2CallConsumed,
            executing_lookup_index: c.executingLookupIndex,
            l2_to_l1_calls: list_from_core(&c.l2ToL1Calls),
            expected_l1_to_l2_calls: list_from_core(&c.expectedL1ToL2Calls),
            call_count: text(&c.callCount),
            rolling_hash: text(&c.rollingHash),
        }
    }

    fn to_core(&self, path: &Path<'_>) -> Result<l1::ExpectedLookup> {
        Ok(l1::ExpectedLookup {
            crossChainCallHash: parse(&self.cross_chain_call_hash, &path.field("crossChainCallHash"))?,
            returnData: self.return_data.clone().into(),
            failed: self.failed,
            l2ToL1CallNumber: self.l2_to_l1_call_number,
            lastL1ToL2CallConsumed: self.last_l1_to_l2_call_consumed,
            executingLookupIndex: self.executing_lookup_index,
            l2ToL1Calls: list_to_core(&self.l2_to_l1_calls, &path.field("l2ToL1Calls"))?,
            expectedL1ToL2Calls: list_to_core(&self.expected_l1_to_l2_calls, &path.field("expectedL1ToL2Calls"))?,
            callCount: parse(&self.call_count, &path.field("callCount"))?,
            rollingHash: parse(&self.rolling_hash, &path.field("rollingHash"))?,
        })
    }
}

/// L1 `ExecutionEntry`; its hash is `keccak256(abi.encode(entry))`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExecutionEntry {
    /// State transitions applied when the entry completes.
    pub state_deltas: Vec<StateDelta>,
    /// bytes32: call hash of the triggering proxy call; zero = no trigger (immediate / `executeL2TX`).
    pub proxy_entry_hash: String,
    /// uint256: queue the entry is published to.
    pub destination_rollup_id: String,
    /// Every call the entry executes, flat, in execution order.
    pub l2_to_l1_calls: Vec<L2ToL1Call>,
    /// Successful reentrant calls, in firing order.
    pub expected_l1_to_l2_calls: Vec<ExpectedL1ToL2Call>,
    /// Nested lookups of this entry.
    pub expected_lookups: Vec<ExpectedLookup>,
    /// uint256: iterations of the entry's outermost frame.
    pub call_count: String,
    /// Value returned to the top-level caller.
    pub return_data: Vec<u8>,
    /// bytes32: expected final tagged rolling hash.
    pub rolling_hash: String,
}

impl Mirror for ExecutionEntry {
    type Core = l1::ExecutionEntry;

    fn from_core(c: &l1::ExecutionEntry) -> Self {
        ExecutionEntry {
            state_deltas: list_from_core(&c.stateDeltas),
            proxy_entry_hash: text(&c.proxyEntryHash),
            destination_rollup_id: text(&c.destinationRollupId),
            l2_to_l1_calls: list_from_core(&c.l2ToL1Calls),
            expected_l1_to_l2_calls: list_from_core(&c.expectedL1ToL2Calls),
            expected_lookups: list_from_core(&c.expectedLookups),
            call_count: text(&c.callCount),
            return_data: c.returnData.to_vec(),
            rolling_hash: text(&c.rollingHash),
        }
    }

    fn to_core(&self, path: &Path<'_>) -> Result<l1::ExecutionEntry> {
        Ok(l1::ExecutionEntry {
            stateDeltas: list_to_core(&self.state_deltas, &path.field("stateDeltas"))?,
            proxyEntryHash: parse(&self.proxy_entry_hash, &path.field("proxyEntryHash"))?,
            destinationRollupId: parse(&self.destination_rollup_id, &path.field("destinationRollupId"))?,
            l2ToL1Calls: list_to_core(&self.l2_to_l1_calls, &path.field("l2ToL1Calls"))?,
            expectedL1ToL2Calls: list_to_core(&self.expected_l1_to_l2_calls, &path.field("expectedL1ToL2Calls"))?,
            expectedLookups: list_to_core(&self.expected_lookups, &path.field("expectedLookups"))?,
            callCount: parse(&self.call_count, &path.field("callCount"))?,
            returnData: self.return_data.clone().into(),
            rollingHash: parse(&self.rolling_hash, &path.field("rollingHash"))?,
        })
    }
}

/// `ExpectedStateRootPerRollup`: a pin used to match a top-level lookup.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExpectedStateRootPerRollup {
    /// uint256: rollup whose live root is compared.
    pub rollup_id: String,
    /// bytes32: required live root.
    pub state_root: String,
}

impl Mirror for ExpectedStateRootPerRollup {
    type Core = l1::ExpectedStateRootPerRollup;

    fn from_core(c: &l1::ExpectedStateRootPerRollup) -> Self {
        ExpectedStateRootPerRollup { rollup_id: text(&c.rollupId), state_root: text(&c.stateRoot) }
    }

    fn to_core(&self, path: &Path<'_>) -> Result<l1::ExpectedStateRootPerRollup> {
        Ok(l1::ExpectedStateRootPerRollup {
            rollupId: parse(&self.rollup_id, &path.field("rollupId"))?,
            stateRoot: parse(&self.state_root, &path.field("stateRoot"))?,
        })
    }
}

/// L1 top-level `LookupCall`; its hash is `keccak256(abi.encode(lookupCall))`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LookupCall {
    /// bytes32: identity of the looked-up top-level call.
    pub cross_chain_call_hash: String,
    /// uint256: `lookupQueue` it is published to.
    pub destination_rollup_id: String,
    /// Returned (static) or revert payload (`failed`).
    pub return_data: Vec<u8>,
    /// false = static, true = reverted mode.
    pub failed: bool,
    /// Sub-calls.
    pub l2_to_l1_calls: Vec<L2ToL1Call>,
    /// Reverted-mode reentrant table.
    pub expected_l1_to_l2_calls: Vec<ExpectedL1ToL2Call>,
    /// Nested lookups observed during its reverted-mode sub-execution.
    pub expected_lookups: Vec<ExpectedLookup>,
    /// uint256: reverted-mode top-level iterations.
    pub call_count: String,
    /// bytes32: expected hash of the sub-calls.
    pub rolling_hash: String,
    /// All must equal live roots for the candidate to match.
    pub expected_state_roots: Vec<ExpectedStateRootPerRollup>,
}

impl Mirror for LookupCall {
    type Core = l1::LookupCall;

    fn from_core(c: &l1::LookupCall) -> Self {
        LookupCall {
            cross_chain_call_hash: text(&c.crossChainCallHash),
            destination_rollup_id: text(&c.destinationRollupId),
            return_data: c.returnData.to_vec(),
            failed: c.failed,
            l2_to_l1_calls: list_from_core(&c.l2ToL1Calls),
            expected_l1_to_l2_calls: list_from_core(&c.expectedL1ToL2Calls),
            expected_lookups: list_from_core(&c.expectedLookups),
            call_count: text(&c.callCount),
            rolling_hash: text(&c.rollingHash),
            expected_state_roots: list_from_core(&c.expectedStateRoots),
        }
    }

    fn to_core(&self, path: &Path<'_>) -> Result<l1::LookupCall> {
        Ok(l1::LookupCall {
            crossChainCallHash: parse(&self.cross_chain_call_hash, &path.field("crossChainCallHash"))?,
            destinationRollupId: parse(&self.destination_rollup_id, &path.field("destinationRollupId"))?,
            returnData: self.return_data.clone().into(),
            failed: self.failed,
            l2ToL1Calls: list_to_core(&self.l2_to_l1_calls, &path.field("l2ToL1Calls"))?,
            expectedL1ToL2Calls: list_to_core(&self.expected_l1_to_l2_calls, &path.field("expectedL1ToL2Calls"))?,
            expectedLookups: list_to_core(&self.expected_lookups, &path.field("expectedLookups"))?,
            callCount: parse(&self.call_count, &path.field("callCount"))?,
            rollingHash: parse(&self.rolling_hash, &path.field("rollingHash"))?,
            expectedStateRoots: list_to_core(&self.expected_state_roots, &path.field("expectedStateRoots"))?,
        })
    }
}

/// An entry with everything derived from it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DecodedEntry {
    /// bytes32: `keccak256(abi.encode(entry))`, its leaf item in a table commitment.
    pub entry_hash: String,
    /// The entry's fields.
    pub entry: ExecutionEntry,
    /// Canonical JSON text (compact).
    pub json: String,
    /// `abi.encode(entry)`.
    pub abi_encoded: Vec<u8>,
}

impl DecodedEntry {
    fn of(core: &l1::ExecutionEntry) -> Self {
        DecodedEntry {
            entry_hash: text(&core.hash()),
            entry: ExecutionEntry::from_core(core),
            json: core.to_json().to_string(),
            abi_encoded: core.abi_encode_struct(),
        }
    }
}

/// A lookup call with everything derived from it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DecodedLookupCall {
    /// bytes32: `keccak256(abi.encode(lookupCall))`, its leaf item in a table commitment.
    pub lookup_call_hash: String,
    /// The lookup call's fields.
    pub lookup_call: LookupCall,
    /// Canonical JSON text (compact).
    pub json: String,
    /// `abi.encode(lookupCall)`.
    pub abi_encoded: Vec<u8>,
}

impl DecodedLookupCall {
    fn of(core: &l1::LookupCall) -> Self {
        DecodedLookupCall {
            lookup_call_hash: text(&core.hash()),
            lookup_call: LookupCall::from_core(core),
            json: core.to_json().to_string(),
            abi_encoded: core.abi_encode_struct(),
        }
    }
}

/// Reads an L1 `ExecutionEntry` from canonical JSON text; errors name the field path
/// (`stateDeltas[0].rollupId: …`).
#[uniffi::export]
pub fn decode_entry_json(json_text: String) -> Result<DecodedEntry> {
    Ok(DecodedEntry::of(&l1::ExecutionEntry::from_json(&json(&json_text)?)?))
}

/// Strictly decodes `abi.encode(entry)` of an L1 `ExecutionEntry` (only the canonical encoding).
#[uniffi::export]
pub fn decode_entry_abi(abi_encoded: Vec<u8>) -> Result<DecodedEntry> {
    Ok(DecodedEntry::of(&l1::ExecutionEntry::abi_decode_struct(&abi_encoded)?))
}

/// Reads an L1 `LookupCall` from canonical JSON text.
#[uniffi::export]
pub fn decode_lookup_call_json(json_text: String) -> Result<DecodedLookupCall> {
    Ok(DecodedLookupCall::of(&l1::LookupCall::from_json(&json(&json_text)?)?))
}

/// Strictly decodes `abi.encode(lookupCall)` of an L1 `LookupCall`.
#[uniffi::export]
pub fn decode_lookup_call_abi(abi_encoded: Vec<u8>) -> Result<DecodedLookupCall> {
    Ok(DecodedLookupCall::of(&l1::LookupCall::abi_decode_struct(&abi_encoded)?))
}

/// `keccak256(abi.encode(entry))` of the entry record (text fields checked at `entry.…`).
#[uniffi::export]
pub fn entry_hash(entry: ExecutionEntry) -> Result<String> {
    Ok(text(&entry.to_core(&Path::Root("entry"))?.hash()))
}

/// `keccak256(abi.encode(lookupCall))` of the lookup-call record (text fields checked at
/// `lookupCall.…`).
#[uniffi::export]
pub fn lookup_call_hash(lookup_call: LookupCall) -> Result<String> {
    Ok(text(&lookup_call.to_core(&Path::Root("lookupCall"))?.hash()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::{Address, Bytes, B256, I256, U256};

    fn sample_entry() -> l1::ExecutionEntry {
        let call = l1::L2ToL1Call {
            targetAddress: Address::repeat_byte(0x11),
            value: U256::from(7),
            data: Bytes::from_static(&[0xd0, 0x9d]),
            sourceAddress: Address::repeat_byte(0x22),
            sourceRollupId: U256::from(1),
            revertSpan: U256::ZERO,
        };
        l1::ExecutionEntry {
            stateDeltas: vec![l1::StateDelta {
                rollupId: U256::from(1),
                currentState: B256::repeat_byte(1),
                newState: B256::repeat_byte(2),
                etherDelta: I256::try_from(-5).unwrap(),
            }],
            proxyEntryHash: B256::repeat_byte(3),
            destinationRollupId: U256::from(1),
            l2ToL1Calls: vec![call.clone()],
            expectedL1ToL2Calls: vec![l1::ExpectedL1ToL2Call {
                crossChainCallHash: B256::repeat_byte(4),
                callCount: U256::from(1),
                returnData: Bytes::from_static(&[1]),
            }],
            expectedLookups: vec![l1::ExpectedLookup {
                crossChainCallHash: B256::repeat_byte(5),
                returnData: Bytes::new(),
                failed: true,
                l2ToL1CallNumber: 1,
                lastL1ToL2CallConsumed: 2,
                executingLookupIndex: 3,
                l2ToL1Calls: vec![call],
                expectedL1ToL2Calls: vec![],
                callCount: U256::from(1),
                rollingHash: B256::repeat_byte(6),
            }],
            callCount: U256::from(1),
            returnData: Bytes::from_static(&[9, 9]),
            rollingHash: B256::repeat_byte(7),
        }
    }

    #[test]
    fn entry_records_round_trip_and_hash_like_core() {
        let core = sample_entry();
        let decoded = decode_entry_abi(core.abi_encode_struct()).unwrap();
        assert_eq!(decoded.entry_hash, text(&core.hash()));
        assert_eq!(decoded.entry.to_core(&Path::Root("entry")).unwrap(), core);
        assert_eq!(decode_entry_json(decoded.json.clone()).unwrap(), decoded);
        assert_eq!(entry_hash(decoded.entry.clone()).unwrap(), decoded.entry_hash);
        assert_eq!(decoded.entry.expected_lookups[0].executing_lookup_index, 3);
        assert_eq!(decoded.entry.state_deltas[0].ether_delta, format!("0x{}", "f".repeat(63) + "b"));
    }

    #[test]
    fn lookup_call_records_round_trip() {
        let core = l1::LookupCall {
            crossChainCallHash: B256::repeat_byte(8),
            destinationRollupId: U256::from(2),
            returnData: Bytes::from_static(&[1, 2, 3]),
            failed: false,
            expectedStateRoots: vec![l1::ExpectedStateRootPerRollup {
                rollupId: U256::from(2),
                stateRoot: B256::repeat_byte(9),
            }],
            ..Default::default()
        };
        let decoded = decode_lookup_call_json(core.to_json().to_string()).unwrap();
        assert_eq!(decoded.lookup_call_hash, text(&core.hash()));
        assert_eq!(decoded.abi_encoded, core.abi_encode_struct());
        assert_eq!(decode_lookup_call_abi(decoded.abi_encoded.clone()).unwrap(), decoded);
        assert_eq!(lookup_call_hash(decoded.lookup_call).unwrap(), decoded.lookup_call_hash);
    }

    #[test]
    fn bad_record_fields_are_named_by_path() {
        let mut entry = ExecutionEntry::from_core(&sample_entry());
        entry.expected_lookups[0].l2_to_l1_calls[0].source_rollup_id = "-1".into();
        let e = entry_hash(entry).unwrap_err();
        assert_eq!(e.code(), 204);
        assert!(e.to_string().starts_with("entry.expectedLookups[0].l2ToL1Calls[0].sourceRollupId: "), "{e}");
    }

    #[test]
    fn decode_errors_keep_core_codes() {
        assert_eq!(decode_entry_json("{".into()).unwrap_err().code(), 201);
        let e = decode_entry_json(r#"{"proxyEntryHash": "0x00"}"#.into()).unwrap_err();
        assert_eq!((e.code(), e.to_string()), (202, "stateDeltas: missing field".to_owned()));
        let mut json = sample_entry().to_json();
        json["stateDeltas"][0]["newState"] = "0x00".into();
        let e = decode_entry_json(json.to_string()).unwrap_err();
        assert_eq!(e.to_string(), "stateDeltas[0].newState: a bytes32 has 32 bytes, found 1");
        let mut bytes = sample_entry().abi_encode_struct();
        bytes.push(0);
        assert_eq!(decode_entry_abi(bytes).unwrap_err().code(), 106);
        assert_eq!(decode_lookup_call_abi(vec![0; 5]).unwrap_err().code(), 101);
    }
}
