//! Event-log and revert-data decoding (spec §3 "Events" and "Custom errors"): topic0 and selector
//! values against the spec's tables, encode → decode round trips, hand-built logs and revert data,
//! strict-decoding failures, and the events recorded in the golden vectors' e2e scenarios.

use alloy_primitives::{address, b256, bytes, hex, keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::{Panic, Revert};
use exectable::abi::events::raw_log_from_json;
use exectable::abi::layout::Path;
use exectable::abi::revert::IReferenceErrors;
use exectable::types::l1::IEEZ;
use exectable::types::l2::{self, IEEZL2};
use exectable::{
    decode_l1_log, decode_l2_log, decode_revert, CanonicalJson, Error, ErrorCode, L1Event, L2Event, ProtocolError,
};
use serde_json::{json, Value};
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// Spec tables, copied by hand from EEZ-PROTOCOL.md §3.
// ---------------------------------------------------------------------------------------------

/// `(side, event, topic0)` of the spec's "Events" table.
const SPEC_EVENTS: &[(&str, &str, &str)] = &[
    ("L1", "BatchPosted", "0xd6f8d71ce42a799b91f399271f4b0e91f85eb87fac7bb2cedd4b3a52fad36182"),
    ("L1", "CallResult", "0x6ab31fd4e1fedcfcbb1a56d82ca9c2aa41d65466dff790e7287a415348b75765"),
    ("L1", "CrossChainCallExecuted", "0xad4275800b3b34f59dea39a4bd58ae171a852e3555a2ed1a6f9bad83eb6fb598"),
    ("L1", "CrossChainProxyCreated", "0x318838c0aec28d3eb1d3a48be7a8b2576548cde8922741021503e81b01a4c447"),
    ("L1", "EntryExecuted", "0x99403777f3e390813f268a6307c0cb1b1ae83271187473a2c07e34f81e4a2936"),
    ("L1", "ExecutionConsumed", "0x207e371295f3ff0efe443424ce128c96f8ecea6a25636fc38ad7c222c446699c"),
    ("L1", "ImmediateEntrySkipped", "0x62cc6fa8d0d1b1170559640dfa2d36932712a5d761c0924ea23aabf3b602cb3c"),
    ("L1", "L1ToL2CallConsumed", "0x42786c7bc78ade509acb090cd423789393469a0b9568926b50c1d1a716429385"),
    ("L1", "L1ToL2CallNotFound", "0x3d474b7eeb4e5781c45b3a258a838764eb041fbea2023a2607739b51bbf85586"),
    ("L1", "L2ExecutionPerformed", "0x0133f662c29e67eedfc9b53c0c1f657b30ebaf9748094d09fa4659d769dd4f78"),
    ("L1", "L2TXExecuted", "0x110e37308dbd81a8e4d42e316af40e7cf78577d19f52c170928664fe4a6a377f"),
    ("L1", "RevertSpanExecuted", "0xf805bc66587a02266edd3197dc8dc57351fa8ae0b55a1e75f270f70d80159a7c"),
    ("L1", "RollupCreated", "0x65aca4a0612183373cd8f999716ed850923221124a6c3b5c55b90e964cbe34d9"),
    ("L1", "StateUpdated", "0x3060356fe01e6782d366a741b8a2f65e53c64fefa69c21cf85ad79a846fd472e"),
    ("L2", "CallResult", "0x6ab31fd4e1fedcfcbb1a56d82ca9c2aa41d65466dff790e7287a415348b75765"),
    ("L2", "CrossChainCallExecuted", "0xad4275800b3b34f59dea39a4bd58ae171a852e3555a2ed1a6f9bad83eb6fb598"),
    ("L2", "CrossChainProxyCreated", "0x318838c0aec28d3eb1d3a48be7a8b2576548cde8922741021503e81b01a4c447"),
    ("L2", "EntryExecuted", "0x99403777f3e390813f268a6307c0cb1b1ae83271187473a2c07e34f81e4a2936"),
    ("L2", "ExecutionConsumed", "0x3dceeacc8a13c778202e5ca05ce0e4c3c0ed24b80176b733146eccd9f997a564"),
    ("L2", "ExecutionTableLoaded", "0x21308ad7ef0fc59e2833a7359701342f27a35f3273aa2f83a37bf57a873ecc95"),
    ("L2", "IncomingCrossChainCallExecuted", "0xafa266cedf4da8643ef46a0fd533583cd38fe3762b2041b0ebdbd032594dece5"),
    ("L2", "OutgoingCallConsumed", "0x80513f7b9405af555758577842e50301e8c8903bc1d44d05f54075b4dd6fa001"),
    ("L2", "RevertSpanExecuted", "0xf805bc66587a02266edd3197dc8dc57351fa8ae0b55a1e75f270f70d80159a7c"),
];

/// `(error, selector, canonical signature)`: the "Custom errors" table, the Solidity built-ins,
/// and the reference `Rollup.sol` / OpenZeppelin errors quoted in §3.
const SPEC_ERRORS: &[(&str, &str, &str)] = &[
    ("ContextResult", "0x0816f53c", "ContextResult(bytes32,uint256,uint256,bool)"),
    ("DuplicateProofSystem", "0x23ce5bbc", "DuplicateProofSystem(address)"),
    ("EtherDeltaMismatch", "0xde315ee4", "EtherDeltaMismatch()"),
    ("ExecutionNotFound", "0xed6bc750", "ExecutionNotFound()"),
    ("ExecutionNotInCurrentBlock", "0x2ae204bd", "ExecutionNotInCurrentBlock(uint256)"),
    ("InsufficientRollupBalance", "0xe851b378", "InsufficientRollupBalance()"),
    ("InvalidProof", "0x09bde339", "InvalidProof()"),
    ("InvalidProofSystemConfig", "0xa287649c", "InvalidProofSystemConfig()"),
    ("InvalidRollupContract", "0xd0e1ecec", "InvalidRollupContract()"),
    ("L2TXNotAllowedDuringExecution", "0xbd2663f5", "L2TXNotAllowedDuringExecution()"),
    ("LookupCallProxyNotDeployed", "0x0bdb621e", "LookupCallProxyNotDeployed(address)"),
    ("NotRollupContract", "0x690969c2", "NotRollupContract()"),
    ("NotSelf", "0x29c3b7ee", "NotSelf()"),
    ("PostBatchReentry", "0x8b4f56d9", "PostBatchReentry()"),
    ("ResidualEntryEtherIn", "0xf1df384f", "ResidualEntryEtherIn()"),
    ("RollingHashMismatch", "0xf3a3b67c", "RollingHashMismatch()"),
    ("RollupBatchActiveThisBlock", "0x033feec7", "RollupBatchActiveThisBlock(uint256)"),
    ("RollupNotInBatch", "0xf0b9be82", "RollupNotInBatch(uint256)"),
    ("SetStateRootNotAllowedDuringExecution", "0xd161d374", "SetStateRootNotAllowedDuringExecution()"),
    ("StateRootMismatch", "0x78cb4214", "StateRootMismatch(uint256)"),
    ("TransientCountExceedsEntries", "0xdd148d75", "TransientCountExceedsEntries()"),
    ("TransientLookupCallCountExceedsLookupCalls", "0x68888636", "TransientLookupCallCountExceedsLookupCalls()"),
    ("TransientLookupCallsWithoutTransientEntries", "0x61fcacac", "TransientLookupCallsWithoutTransientEntries()"),
    ("UnauthorizedProxy", "0xe53dc94a", "UnauthorizedProxy()"),
    ("UnconsumedL1ToL2Calls", "0xed4a913d", "UnconsumedL1ToL2Calls()"),
    ("UnconsumedL2ToL1Calls", "0xdd0c77c5", "UnconsumedL2ToL1Calls()"),
    ("UnexpectedContextRevert", "0x8664b1a5", "UnexpectedContextRevert(bytes)"),
    ("EmptyEntries", "0x574daa08", "EmptyEntries()"),
    ("EntryHashMismatch", "0xc2098b88", "EntryHashMismatch()"),
    ("EtherTransferFailed", "0x6747a288", "EtherTransferFailed()"),
    ("ExecutionNotInCurrentBlock", "0xf9d330ad", "ExecutionNotInCurrentBlock()"),
    ("InvalidRollupId", "0x5f115753", "InvalidRollupId()"),
    ("Unauthorized", "0x82b42900", "Unauthorized()"),
    ("UnconsumedIncomingCalls", "0x093a2b9f", "UnconsumedIncomingCalls()"),
    ("UnconsumedOutgoingCalls", "0x03ae6521", "UnconsumedOutgoingCalls()"),
    ("ValueMismatch", "0xdd8e4af7", "ValueMismatch()"),
    ("Panic", "0x4e487b71", "Panic(uint256)"),
    ("Error", "0x08c379a0", "Error(string)"),
    ("NotEEZRegistry", "0x81d8ac2e", "NotEEZRegistry()"),
    ("InvalidConfig", "0x35be3ac8", "InvalidConfig()"),
    ("AlreadyRegistered", "0x3a81d6fc", "AlreadyRegistered()"),
    ("ProofSystemAlreadyAllowed", "0xb0f0c47e", "ProofSystemAlreadyAllowed(address)"),
    ("ProofSystemNotAllowed", "0xb3a5d76c", "ProofSystemNotAllowed(address)"),
    ("ProofSystemNotAdded", "0xd4b6005f", "ProofSystemNotAdded(address)"),
    ("ThresholdNotMet", "0xb7842ce0", "ThresholdNotMet(uint256,uint256)"),
    ("BlockHashUnavailable", "0x3f53192e", "BlockHashUnavailable(uint64)"),
    ("OwnableUnauthorizedAccount", "0x118cdaa7", "OwnableUnauthorizedAccount(address)"),
    ("OwnableInvalidOwner", "0x1e4fbdf7", "OwnableInvalidOwner(address)"),
    ("ECDSAInvalidSignature", "0xf645eedf", "ECDSAInvalidSignature()"),
    ("ECDSAInvalidSignatureLength", "0xfce698f7", "ECDSAInvalidSignatureLength(uint256)"),
    ("ECDSAInvalidSignatureS", "0xd78bce0c", "ECDSAInvalidSignatureS(bytes32)"),
];

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const H1: B256 = b256!("d9ecfa2f56130b0c16e6b402763deb085df2c36effab647de43ed2b82f90a6d5");
const H2: B256 = b256!("28c5d395861a98aec0de132ba635756dce4ba001de6e2836d54ad5c789275390");
const A1: Address = address!("15d5763ada4a52431f9e60e322324af1a482c2a7");
const A2: Address = address!("a85233c63b9ee964add6f2cffe00fd84eb32338f");
const A3: Address = address!("ffffffffffffffffffffffffffffffffffffffff");

fn u(n: u64) -> U256 {
    U256::from(n)
}

fn big() -> U256 {
    U256::MAX - U256::from(0x1234u64)
}

fn l2_entry() -> l2::ExecutionEntry {
    l2::ExecutionEntry {
        proxyEntryHash: H1,
        incomingCalls: vec![l2::CrossChainCall {
            targetAddress: A1,
            value: u(0x37438bee80800),
            data: bytes!("d0e30db0"),
            sourceAddress: A3,
            sourceRollupId: u(0),
            revertSpan: u(1),
        }],
        expectedOutgoingCalls: vec![l2::ExpectedOutgoingCrossChainCall {
            crossChainCallHash: H2,
            callCount: u(2),
            returnData: bytes!("00000000000000000000000000000000000000000000000000000000000000ff01"),
        }],
        expectedLookups: vec![l2::ExpectedLookup {
            crossChainCallHash: H2,
            returnData: Bytes::new(),
            failed: true,
            callNumber: 3,
            lastOutgoingCallConsumed: u64::MAX,
            executingLookupIndex: 1,
            incomingCalls: vec![],
            expectedOutgoingCalls: vec![],
            callCount: u(0),
            rollingHash: H1,
        }],
        callCount: u(1),
        returnData: bytes!("cafe"),
        rollingHash: H2,
    }
}

fn all_l1_events() -> Vec<L1Event> {
    vec![
        L1Event::BatchPosted(IEEZ::BatchPosted { rollupCount: u(3) }),
        L1Event::CallResult(IEEZ::CallResult {
            entryIndex: u(7),
            l2ToL1CallNumber: u(2),
            success: false,
            returnData: bytes!("63a2a81f000000000000000000000000000000000000000000000000000000000000dead"),
        }),
        L1Event::CrossChainCallExecuted(IEEZ::CrossChainCallExecuted {
            crossChainCallHash: H1,
            proxy: A1,
            sourceAddress: A2,
            callData: bytes!("773acdef640e5678b56bba86e6496f84bb0f6ab433db79cc621aff06f0d6926e94c737b4"),
            value: u(0x2b8cdccf78000),
        }),
        L1Event::CrossChainProxyCreated(IEEZ::CrossChainProxyCreated {
            proxy: A2,
            originalAddress: A3,
            originalRollupId: big(),
        }),
        L1Event::EntryExecuted(IEEZ::EntryExecuted {
            entryIndex: u(1),
            rollingHash: H2,
            l2ToL1CallsProcessed: u(5),
            l1ToL2CallsConsumed: u(4),
        }),
        L1Event::ExecutionConsumed(IEEZ::ExecutionConsumed {
            crossChainCallHash: H1,
            rollupId: u(1),
            executionQueueIndex: u(9),
        }),
        L1Event::ImmediateEntrySkipped(IEEZ::ImmediateEntrySkipped {
            transientIdx: u(2),
            revertData: ProtocolError::StateRootMismatch(IEEZ::StateRootMismatch { rollupId: u(1) }).encode().into(),
        }),
        L1Event::L1ToL2CallConsumed(IEEZ::L1ToL2CallConsumed {
            entryIndex: u(3),
            l1ToL2CallNumber: u(1),
            crossChainCallHash: H2,
            callCount: u(6),
        }),
        L1Event::L1ToL2CallNotFound(IEEZ::L1ToL2CallNotFound {
            entryIndex: u(4),
            crossChainCallHash: H1,
            currentL2ToL1Call: u(8),
            lastL1ToL2CallConsumed: big(),
        }),
        L1Event::L2ExecutionPerformed(IEEZ::L2ExecutionPerformed { rollupId: u(1), newState: H2 }),
        L1Event::L2TXExecuted(IEEZ::L2TXExecuted { rollupId: u(2), executionQueueIndex: u(11) }),
        L1Event::RevertSpanExecuted(IEEZ::RevertSpanExecuted { entryIndex: u(5), startL2ToL1Call: u(2), span: u(3) }),
        L1Event::RollupCreated(IEEZ::RollupCreated { rollupId: u(4), rollupContract: A1, initialState: H1 }),
        L1Event::StateUpdated(IEEZ::StateUpdated { rollupId: u(6), newStateRoot: H2 }),
    ]
}

fn all_l2_events() -> Vec<L2Event> {
    vec![
        L2Event::CallResult(IEEZL2::CallResult {
            entryIndex: u(1),
            callNumber: u(2),
            success: true,
            returnData: bytes!("0000000000000000000000000000000000000000000000000000000000000001"),
        }),
        L2Event::CrossChainCallExecuted(IEEZ::CrossChainCallExecuted {
            crossChainCallHash: H2,
            proxy: A3,
            sourceAddress: A1,
            callData: Bytes::new(),
            value: big(),
        }),
        L2Event::CrossChainProxyCreated(IEEZ::CrossChainProxyCreated {
            proxy: A1,
            originalAddress: A2,
            originalRollupId: u(0),
        }),
        L2Event::EntryExecuted(IEEZL2::EntryExecuted {
            entryIndex: u(2),
            rollingHash: H1,
            callsProcessed: u(3),
            outgoingCallsConsumed: u(1),
        }),
        L2Event::ExecutionConsumed(IEEZL2::ExecutionConsumed { crossChainCallHash: H1, executionIndex: u(12) }),
        L2Event::ExecutionTableLoaded(IEEZL2::ExecutionTableLoaded { entries: vec![l2_entry(), l2_entry()] }),
        L2Event::IncomingCrossChainCallExecuted(IEEZL2::IncomingCrossChainCallExecuted {
            crossChainCallHash: H2,
            destination: A2,
            value: u(0x37438bee80800),
            data: bytes!("d0e30db0"),
            sourceAddress: A3,
            sourceRollup: u(7),
        }),
        L2Event::OutgoingCallConsumed(IEEZL2::OutgoingCallConsumed {
            entryIndex: u(0),
            nestedNumber: u(1),
            crossChainCallHash: H1,
            callCount: u(2),
        }),
        L2Event::RevertSpanExecuted(IEEZL2::RevertSpanExecuted { entryIndex: u(3), startCallNumber: u(4), span: u(2) }),
    ]
}

fn all_errors() -> Vec<ProtocolError> {
    use ProtocolError as P;
    vec![
        P::ContextResult(IEEZ::ContextResult {
            rollingHash: H1,
            reentrantConsumed: u(2),
            callsProcessed: big(),
            callNotFound: true,
        }),
        P::ExecutionNotFound(IEEZ::ExecutionNotFound {}),
        P::LookupCallProxyNotDeployed(IEEZ::LookupCallProxyNotDeployed { sourceProxy: A1 }),
        P::NotSelf(IEEZ::NotSelf {}),
        P::RollingHashMismatch(IEEZ::RollingHashMismatch {}),
        P::UnauthorizedProxy(IEEZ::UnauthorizedProxy {}),
        P::UnexpectedContextRevert(IEEZ::UnexpectedContextRevert {
            revertData: P::Panic(Panic { code: u(0x32) }).encode().into(),
        }),
        P::DuplicateProofSystem(IEEZ::DuplicateProofSystem { proofSystem: A2 }),
        P::EtherDeltaMismatch(IEEZ::EtherDeltaMismatch {}),
        P::ExecutionNotInCurrentBlock(IEEZ::ExecutionNotInCurrentBlock { rollupId: u(3) }),
        P::InsufficientRollupBalance(IEEZ::InsufficientRollupBalance {}),
        P::InvalidProof(IEEZ::InvalidProof {}),
        P::InvalidProofSystemConfig(IEEZ::InvalidProofSystemConfig {}),
        P::InvalidRollupContract(IEEZ::InvalidRollupContract {}),
        P::L2TXNotAllowedDuringExecution(IEEZ::L2TXNotAllowedDuringExecution {}),
        P::NotRollupContract(IEEZ::NotRollupContract {}),
        P::PostBatchReentry(IEEZ::PostBatchReentry {}),
        P::ResidualEntryEtherIn(IEEZ::ResidualEntryEtherIn {}),
        P::RollupBatchActiveThisBlock(IEEZ::RollupBatchActiveThisBlock { rollupId: u(5) }),
        P::RollupNotInBatch(IEEZ::RollupNotInBatch { rollupId: big() }),
        P::SetStateRootNotAllowedDuringExecution(IEEZ::SetStateRootNotAllowedDuringExecution {}),
        P::StateRootMismatch(IEEZ::StateRootMismatch { rollupId: u(1) }),
        P::TransientCountExceedsEntries(IEEZ::TransientCountExceedsEntries {}),
        P::TransientLookupCallCountExceedsLookupCalls(IEEZ::TransientLookupCallCountExceedsLookupCalls {}),
        P::TransientLookupCallsWithoutTransientEntries(IEEZ::TransientLookupCallsWithoutTransientEntries {}),
        P::UnconsumedL1ToL2Calls(IEEZ::UnconsumedL1ToL2Calls {}),
        P::UnconsumedL2ToL1Calls(IEEZ::UnconsumedL2ToL1Calls {}),
        P::EmptyEntries(IEEZL2::EmptyEntries {}),
        P::EntryHashMismatch(IEEZL2::EntryHashMismatch {}),
        P::EtherTransferFailed(IEEZL2::EtherTransferFailed {}),
        P::L2ExecutionNotInCurrentBlock(IEEZL2::ExecutionNotInCurrentBlock {}),
        P::InvalidRollupId(IEEZL2::InvalidRollupId {}),
        P::Unauthorized(IEEZL2::Unauthorized {}),
        P::UnconsumedIncomingCalls(IEEZL2::UnconsumedIncomingCalls {}),
        P::UnconsumedOutgoingCalls(IEEZL2::UnconsumedOutgoingCalls {}),
        P::ValueMismatch(IEEZL2::ValueMismatch {}),
        P::Panic(Panic { code: u(0x11) }),
        P::Revert(Revert { reason: "always reverts — ünïcode".into() }),
        P::NotEEZRegistry(IReferenceErrors::NotEEZRegistry {}),
        P::InvalidConfig(IReferenceErrors::InvalidConfig {}),
        P::AlreadyRegistered(IReferenceErrors::AlreadyRegistered {}),
        P::ProofSystemAlreadyAllowed(IReferenceErrors::ProofSystemAlreadyAllowed { proofSystem: A1 }),
        P::ProofSystemNotAllowed(IReferenceErrors::ProofSystemNotAllowed { proofSystem: A3 }),
        P::ProofSystemNotAdded(IReferenceErrors::ProofSystemNotAdded { proofSystem: A2 }),
        P::ThresholdNotMet(IReferenceErrors::ThresholdNotMet { submitted: u(1), required: u(2) }),
        P::BlockHashUnavailable(IReferenceErrors::BlockHashUnavailable { blockNumber: u64::MAX - 1 }),
        P::OwnableUnauthorizedAccount(IReferenceErrors::OwnableUnauthorizedAccount { account: A2 }),
        P::OwnableInvalidOwner(IReferenceErrors::OwnableInvalidOwner { owner: Address::ZERO }),
        P::ECDSAInvalidSignature(IReferenceErrors::ECDSAInvalidSignature {}),
        P::ECDSAInvalidSignatureLength(IReferenceErrors::ECDSAInvalidSignatureLength { length: u(64) }),
        P::ECDSAInvalidSignatureS(IReferenceErrors::ECDSAInvalidSignatureS { s: H2 }),
    ]
}

/// A 32-byte word of `n` as 64 hex digits.
fn w(n: u64) -> String {
    format!("{n:064x}")
}

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap()
}

fn topics(hexes: &[&str]) -> Vec<B256> {
    hexes.iter().map(|h| B256::from_slice(&unhex(h))).collect()
}

fn spec_topic(side: &str, name: &str) -> B256 {
    let (_, _, t) = SPEC_EVENTS.iter().find(|(s, n, _)| *s == side && *n == name).unwrap();
    B256::from_slice(&unhex(t))
}

// ---------------------------------------------------------------------------------------------
// Spec values
// ---------------------------------------------------------------------------------------------

#[test]
fn every_event_topic0_matches_the_spec_table() {
    for (side, table) in [("L1", L1Event::EVENTS), ("L2", L2Event::EVENTS)] {
        let spec: BTreeSet<(&str, B256)> = SPEC_EVENTS
            .iter()
            .filter(|(s, _, _)| *s == side)
            .map(|(_, n, t)| (*n, B256::from_slice(&unhex(t))))
            .collect();
        let ours: BTreeSet<(&str, B256)> = table.iter().map(|(n, t, _)| (*n, *t)).collect();
        assert_eq!(ours, spec, "{side} events (name, topic0) differ from the spec table");
        for (name, topic0, signature) in table {
            assert_eq!(keccak256(signature.as_bytes()), *topic0, "{name}: topic0 is not keccak256({signature})");
        }
    }
    // Shared signatures give the same topic0 on both sides; ExecutionConsumed differs.
    for name in
        ["CallResult", "EntryExecuted", "RevertSpanExecuted", "CrossChainCallExecuted", "CrossChainProxyCreated"]
    {
        assert_eq!(spec_topic("L1", name), spec_topic("L2", name), "{name}");
    }
    assert_ne!(spec_topic("L1", "ExecutionConsumed"), spec_topic("L2", "ExecutionConsumed"));
}

#[test]
fn every_error_selector_matches_the_spec_table() {
    let spec: BTreeSet<(&str, [u8; 4], &str)> =
        SPEC_ERRORS.iter().map(|(n, s, sig)| (*n, <[u8; 4]>::try_from(unhex(s).as_slice()).unwrap(), *sig)).collect();
    assert_eq!(spec.len(), SPEC_ERRORS.len());
    let ours: BTreeSet<(&str, [u8; 4], &str)> = ProtocolError::ERRORS.iter().copied().collect();
    assert_eq!(ours, spec, "(name, selector, signature) differ from the spec tables");
    for (name, selector, signature) in ProtocolError::ERRORS {
        assert_eq!(&keccak256(signature.as_bytes())[..4], selector, "{name}");
    }
    let selectors: BTreeSet<[u8; 4]> = ProtocolError::ERRORS.iter().map(|e| e.1).collect();
    assert_eq!(selectors.len(), ProtocolError::ERRORS.len(), "two errors share a selector");
}

// ---------------------------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------------------------

#[test]
fn every_l1_event_round_trips_through_log_and_json() {
    let events = all_l1_events();
    let names: BTreeSet<&str> = events.iter().map(|e| e.name()).collect();
    let all: BTreeSet<&str> = L1Event::EVENTS.iter().map(|e| e.0).collect();
    assert_eq!(names, all, "fixture must cover every L1 event");
    for event in events {
        let (topics, data) = event.encode();
        assert_eq!(topics[0], event.topic0());
        assert_eq!(topics[0], spec_topic("L1", event.name()));
        let decoded = decode_l1_log(&topics, &data).unwrap_or_else(|e| panic!("{}: {e}", event.name()));
        assert_eq!(decoded, event);
        let json = event.to_json();
        assert_eq!(json["event"], event.name());
        let keys: Vec<&str> = json["args"].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, event.field_names(), "{}: JSON fields in declaration order", event.name());
        assert_eq!(L1Event::from_json(&json).unwrap(), event);
        // Positional args parse to the same event.
        let positional: Vec<Value> = json["args"].as_object().unwrap().values().cloned().collect();
        assert_eq!(L1Event::from_json(&json!({"event": event.name(), "args": positional})).unwrap(), event);
    }
}

#[test]
fn every_l2_event_round_trips_through_log_and_json() {
    let events = all_l2_events();
    let names: BTreeSet<&str> = events.iter().map(|e| e.name()).collect();
    let all: BTreeSet<&str> = L2Event::EVENTS.iter().map(|e| e.0).collect();
    assert_eq!(names, all, "fixture must cover every L2 event");
    for event in events {
        let (topics, data) = event.encode();
        assert_eq!(topics[0], spec_topic("L2", event.name()));
        let decoded = decode_l2_log(&topics, &data).unwrap_or_else(|e| panic!("{}: {e}", event.name()));
        assert_eq!(decoded, event);
        let json = event.to_json();
        let keys: Vec<&str> = json["args"].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, event.field_names());
        assert_eq!(L2Event::from_json(&json).unwrap(), event);
    }
}

#[test]
fn shared_topic_decodes_with_the_side_specific_field_names() {
    let l1 = L1Event::CallResult(IEEZ::CallResult {
        entryIndex: u(1),
        l2ToL1CallNumber: u(2),
        success: true,
        returnData: bytes!("abcd"),
    });
    let (topics, data) = l1.encode();
    let l2 = decode_l2_log(&topics, &data).unwrap();
    assert_eq!(
        l2.to_json(),
        json!({"event": "CallResult", "args": {"entryIndex": "0x1", "callNumber": "0x2", "success": true, "returnData": "0xabcd"}})
    );
    // L2 ExecutionConsumed is not an L1 event and vice versa.
    let (t2, d2) = all_l2_events()[4].encode();
    assert_eq!(decode_l1_log(&t2, &d2).unwrap_err().code(), ErrorCode::AbiUnknownSelector);
}

#[test]
fn every_error_round_trips_through_revert_data_and_json() {
    let errors = all_errors();
    let selectors: BTreeSet<[u8; 4]> = errors.iter().map(|e| e.selector()).collect();
    let all: BTreeSet<[u8; 4]> = ProtocolError::ERRORS.iter().map(|e| e.1).collect();
    assert_eq!(selectors, all, "fixture must cover every error");
    for error in errors {
        let data = error.encode();
        assert_eq!(data[..4], error.selector());
        let decoded = decode_revert(&data).unwrap_or_else(|e| panic!("{}: {e}", error.name()));
        assert_eq!(decoded, error);
        let json = error.to_json();
        assert_eq!(json["error"], error.name());
        assert_eq!(json["selector"], hex::encode_prefixed(error.selector()));
        assert_eq!(ProtocolError::from_json(&json).unwrap(), error, "{json}");
    }
}

#[test]
fn same_named_errors_are_told_apart() {
    let l1 = ProtocolError::ExecutionNotInCurrentBlock(IEEZ::ExecutionNotInCurrentBlock { rollupId: u(9) });
    let l2 = ProtocolError::L2ExecutionNotInCurrentBlock(IEEZL2::ExecutionNotInCurrentBlock {});
    assert_eq!(l1.name(), "ExecutionNotInCurrentBlock");
    assert_eq!(l2.name(), "ExecutionNotInCurrentBlock");
    assert_eq!(hex::encode(l1.selector()), "2ae204bd");
    assert_eq!(hex::encode(l2.selector()), "f9d330ad");
    assert_eq!(decode_revert(&unhex("f9d330ad")).unwrap(), l2);
    assert_eq!(decode_revert(&unhex(&format!("2ae204bd{}", w(9)))).unwrap(), l1);
    // JSON without a selector: the arguments choose.
    let no_sel = |args: Value| json!({"error": "ExecutionNotInCurrentBlock", "args": args});
    assert_eq!(ProtocolError::from_json(&no_sel(json!({}))).unwrap(), l2);
    assert_eq!(ProtocolError::from_json(&no_sel(json!({"rollupId": "9"}))).unwrap(), l1);
    // A selector that belongs to neither is refused.
    let bad = json!({"error": "ExecutionNotInCurrentBlock", "selector": "0x78cb4214", "args": {}});
    assert_eq!(ProtocolError::from_json(&bad).unwrap_err().code(), ErrorCode::InvalidArgument);
}

// ---------------------------------------------------------------------------------------------
// Hand-built input
// ---------------------------------------------------------------------------------------------

#[test]
fn hand_built_execution_consumed_log() {
    let t = topics(&[
        "207e371295f3ff0efe443424ce128c96f8ecea6a25636fc38ad7c222c446699c",
        "d9ecfa2f56130b0c16e6b402763deb085df2c36effab647de43ed2b82f90a6d5",
        &w(1),
        &w(0),
    ]);
    let event = decode_l1_log(&t, &[]).unwrap();
    assert_eq!(event.name(), "ExecutionConsumed");
    assert_eq!(
        event.to_json(),
        json!({"event": "ExecutionConsumed", "args": {
            "crossChainCallHash": "0xd9ecfa2f56130b0c16e6b402763deb085df2c36effab647de43ed2b82f90a6d5",
            "rollupId": "0x1",
            "executionQueueIndex": "0x0"
        }})
    );
    assert_eq!(event.encode(), (t, vec![]));
}

/// CallResult(0, 2, false, 0x63a2a81f…dead): data = bool word, offset 0x40, length 36, body + padding.
fn call_result_log() -> (Vec<B256>, Vec<u8>) {
    let t = topics(&["6ab31fd4e1fedcfcbb1a56d82ca9c2aa41d65466dff790e7287a415348b75765", &w(0), &w(2)]);
    let data = unhex(&format!("{}{}{}63a2a81f{}{}", w(0), w(0x40), w(36), w(0xdead), "00".repeat(28)));
    (t, data)
}

#[test]
fn hand_built_call_result_log() {
    let (t, data) = call_result_log();
    assert_eq!(data.len(), 160);
    let event = decode_l1_log(&t, &data).unwrap();
    assert_eq!(
        event.to_json(),
        json!({"event": "CallResult", "args": {
            "entryIndex": "0x0",
            "l2ToL1CallNumber": "0x2",
            "success": false,
            "returnData": "0x63a2a81f000000000000000000000000000000000000000000000000000000000000dead"
        }})
    );
    assert_eq!(event.encode(), (t, data));
}

#[test]
fn hand_built_state_root_mismatch_revert() {
    let data = unhex(&format!("78cb4214{}", w(1)));
    let error = decode_revert(&data).unwrap();
    assert_eq!(error, ProtocolError::StateRootMismatch(IEEZ::StateRootMismatch { rollupId: u(1) }));
    assert_eq!(
        error.to_json(),
        json!({"error": "StateRootMismatch", "selector": "0x78cb4214", "args": {"rollupId": "0x1"}})
    );
    assert_eq!(error.origin(), "EEZ");
    assert_eq!(error.encode(), data);
}

#[test]
fn panic_0x32_and_error_string_decode() {
    let panic = decode_revert(&unhex(&format!("4e487b71{}", w(0x32)))).unwrap();
    assert_eq!(panic, ProtocolError::Panic(Panic { code: u(0x32) }));
    assert_eq!(panic.to_json(), json!({"error": "Panic", "selector": "0x4e487b71", "args": {"code": "0x32"}}));
    assert_eq!(panic.origin(), "Solidity");

    // Error("always reverts"), as recorded in the e2e vectors' CallResult.returnData.
    let data = unhex("08c379a00000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000e616c776179732072657665727473000000000000000000000000000000000000");
    let revert = decode_revert(&data).unwrap();
    assert_eq!(
        revert.to_json(),
        json!({"error": "Error", "selector": "0x08c379a0", "args": {"reason": "always reverts"}})
    );
}

#[test]
fn raw_log_json_as_returned_by_eth_get_logs() {
    let (t, data) = call_result_log();
    let log = json!({
        "address": "0x959922be3caee4b8cd9a407cc3ac1c251c2007b1",
        "topics": t.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
        "data": hex::encode_prefixed(&data),
        "blockNumber": "0x68",
        "logIndex": "0x3",
        "removed": false
    });
    let (t2, d2) = raw_log_from_json(&log, &Path::Root("log")).unwrap();
    assert_eq!((t2, d2), (t, data));
    let bad = json!({"topics": ["0x1234"], "data": "0x"});
    let e = raw_log_from_json(&bad, &Path::Root("log")).unwrap_err();
    assert_eq!((e.code(), e.path()), (ErrorCode::JsonHex, Some("log.topics[0]")));
}

// ---------------------------------------------------------------------------------------------
// Failures
// ---------------------------------------------------------------------------------------------

fn fails(r: Result<impl std::fmt::Debug, Error>) -> Error {
    r.expect_err("decoding must fail")
}

#[test]
fn unknown_topic0_and_missing_topics() {
    let t = topics(&[&"ab".repeat(32)]);
    let e = fails(decode_l1_log(&t, &[]));
    assert_eq!(e.code(), ErrorCode::AbiUnknownSelector);
    assert_eq!(e.to_string(), format!("unknown event topic 0x{}", "ab".repeat(32)));
    let e = fails(decode_l2_log(&[], &[]));
    assert_eq!(e.code(), ErrorCode::AbiUnknownSelector);
    assert!(e.to_string().contains("no topics"), "{e}");
}

#[test]
fn wrong_topic_count() {
    let (mut t, data) = call_result_log();
    t.pop();
    let e = fails(decode_l1_log(&t, &data));
    assert_eq!(e, Error::AbiBadTopics { name: "CallResult", found: 2, expected: 3 });
    assert_eq!(e.to_string(), "CallResult: log has 2 topics, the event needs 3");
    // One topic too many for L1 ExecutionConsumed.
    let mut t = topics(&["207e371295f3ff0efe443424ce128c96f8ecea6a25636fc38ad7c222c446699c", &w(1), &w(1), &w(0)]);
    t.push(B256::ZERO);
    let e = fails(decode_l1_log(&t, &[]));
    assert_eq!(e, Error::AbiBadTopics { name: "ExecutionConsumed", found: 5, expected: 4 });
}

#[test]
fn dirty_bool_in_call_result_data() {
    let (t, mut data) = call_result_log();
    data[31] = 2;
    let e = fails(decode_l1_log(&t, &data));
    assert_eq!(e.code(), ErrorCode::AbiInvalidWord);
    assert_eq!((e.path(), e.offset()), (Some("success"), Some(0)));
    assert_eq!(e.to_string(), "success: word at offset 0 is not a valid bool");
    let (t, mut data) = call_result_log();
    data[0] = 1; // high byte of the bool word
    assert_eq!(fails(decode_l1_log(&t, &data)).path(), Some("success"));
}

#[test]
fn truncated_and_malformed_event_data() {
    let (t, data) = call_result_log();
    // Shorter than the two head words.
    let e = fails(decode_l1_log(&t, &data[..40]));
    assert_eq!(e, Error::AbiTruncated { path: "$".into(), offset: 0, needed: 64, len: 40 });
    // Body present but padding cut.
    let e = fails(decode_l1_log(&t, &data[..140]));
    assert_eq!(e, Error::AbiTruncated { path: "returnData".into(), offset: 132, needed: 28, len: 140 });
    // Length word claims more than there is.
    let e = fails(decode_l1_log(&t, &data[..100]));
    assert_eq!((e.code(), e.path(), e.offset()), (ErrorCode::AbiLengthTooLarge, Some("returnData"), Some(64)));
    // Non-canonical offset.
    let mut bad = data.clone();
    bad[63] = 0x60;
    let e = fails(decode_l1_log(&t, &bad));
    assert_eq!((e.code(), e.path(), e.offset()), (ErrorCode::AbiBadOffset, Some("returnData"), Some(32)));
    // Dirty padding.
    let mut bad = data.clone();
    bad[159] = 1;
    let e = fails(decode_l1_log(&t, &bad));
    assert_eq!(e, Error::AbiDirtyPadding { path: "returnData".into(), offset: 159 });
    // Trailing bytes.
    let mut long = data.clone();
    long.extend([0u8; 32]);
    assert_eq!(fails(decode_l1_log(&t, &long)), Error::AbiTrailingBytes { offset: 160, extra: 32 });
    // An event without data fields accepts only empty data.
    let t = topics(&["207e371295f3ff0efe443424ce128c96f8ecea6a25636fc38ad7c222c446699c", &w(1), &w(1), &w(0)]);
    assert_eq!(fails(decode_l1_log(&t, &[0u8; 32])), Error::AbiTrailingBytes { offset: 0, extra: 32 });
}

#[test]
fn nested_fault_in_execution_table_loaded_names_the_field_path() {
    let event = L2Event::ExecutionTableLoaded(IEEZL2::ExecutionTableLoaded { entries: vec![l2_entry()] });
    let (t, data) = event.encode();
    // Find the padding right after incomingCalls[0].data (0xd0e30db0) and dirty it.
    let at = data.windows(4).position(|w| w == [0xd0, 0xe3, 0x0d, 0xb0]).unwrap() + 4;
    let mut bad = data.clone();
    bad[at] = 0x01;
    let e = fails(decode_l2_log(&t, &bad));
    assert_eq!(e, Error::AbiDirtyPadding { path: "entries[0].incomingCalls[0].data".into(), offset: at });
    // A uint64 field with high bits set.
    let l = l2::ExpectedLookup { callNumber: 0x77, ..Default::default() };
    let entry = l2::ExecutionEntry { expectedLookups: vec![l], ..Default::default() };
    let (t, data) = L2Event::ExecutionTableLoaded(IEEZL2::ExecutionTableLoaded { entries: vec![entry] }).encode();
    let word = data.chunks(32).position(|c| c == unhex(&w(0x77)).as_slice()).unwrap() * 32;
    let mut bad = data.clone();
    bad[word] = 0x80;
    let e = fails(decode_l2_log(&t, &bad));
    assert_eq!(e.code(), ErrorCode::AbiInvalidWord);
    assert_eq!(e.path(), Some("entries[0].expectedLookups[0].callNumber"));
    assert_eq!(e.offset(), Some(word));
}

#[test]
fn address_topic_with_high_bits_set() {
    let event = L1Event::CrossChainProxyCreated(IEEZ::CrossChainProxyCreated {
        proxy: A1,
        originalAddress: A2,
        originalRollupId: u(1),
    });
    let (mut t, data) = event.encode();
    t[2].0[0] = 0x01; // originalAddress, topic 2
    let e = fails(decode_l1_log(&t, &data));
    assert_eq!(e, Error::AbiInvalidWord { path: "originalAddress".into(), offset: 64, ty: "address" });
    assert_eq!(e.to_string(), "originalAddress: word at offset 64 is not a valid address");
    let (mut t, data) = event.encode();
    t[1].0[11] = 0xff; // proxy, topic 1
    assert_eq!(fails(decode_l2_log(&t, &data)).path(), Some("proxy"));
    // A uint256 topic accepts any word.
    let (mut t, data) = event.encode();
    t[3] = B256::repeat_byte(0xff);
    assert!(decode_l1_log(&t, &data).is_ok());
}

#[test]
fn unknown_selector_and_short_revert_data() {
    let e = fails(decode_revert(&unhex("deadbeef")));
    assert_eq!(e, Error::AbiUnknownSelector { what: "error selector", found: "0xdeadbeef".into() });
    assert_eq!(e.to_string(), "unknown error selector 0xdeadbeef");
    for short in [&[][..], &[0x78][..], &[0x78, 0xcb, 0x42][..]] {
        let e = fails(decode_revert(short));
        assert_eq!(e, Error::AbiTruncated { path: "selector".into(), offset: 0, needed: 4, len: short.len() });
    }
}

#[test]
fn malformed_error_arguments_report_absolute_offsets() {
    // Missing argument.
    let e = fails(decode_revert(&unhex("78cb4214")));
    assert_eq!(e, Error::AbiTruncated { path: "$".into(), offset: 4, needed: 32, len: 4 });
    // Trailing word.
    let e = fails(decode_revert(&unhex(&format!("78cb4214{}{}", w(1), w(0)))));
    assert_eq!(e, Error::AbiTrailingBytes { offset: 36, extra: 32 });
    // A no-argument error with a payload.
    let e = fails(decode_revert(&unhex(&format!("29c3b7ee{}", w(0)))));
    assert_eq!(e, Error::AbiTrailingBytes { offset: 4, extra: 32 });
    // Dirty address.
    let mut data = ProtocolError::DuplicateProofSystem(IEEZ::DuplicateProofSystem { proofSystem: A1 }).encode();
    data[4] = 1;
    let e = fails(decode_revert(&data));
    assert_eq!(e, Error::AbiInvalidWord { path: "proofSystem".into(), offset: 4, ty: "address" });
    // Dirty bool in ContextResult (fourth word).
    let mut data = all_errors()[0].encode();
    data[4 + 3 * 32 + 31] = 7;
    let e = fails(decode_revert(&data));
    assert_eq!((e.path(), e.offset()), (Some("callNotFound"), Some(100)));
    // uint64 with high bits.
    let mut data =
        ProtocolError::BlockHashUnavailable(IReferenceErrors::BlockHashUnavailable { blockNumber: 5 }).encode();
    data[4 + 23] = 1;
    assert_eq!(fails(decode_revert(&data)).path(), Some("blockNumber"));
    // Bad offset in UnexpectedContextRevert(bytes).
    let data = unhex(&format!("8664b1a5{}{}", w(0x40), w(0)));
    let e = fails(decode_revert(&data));
    assert_eq!((e.code(), e.path(), e.offset()), (ErrorCode::AbiBadOffset, Some("revertData"), Some(4)));
    // Error(string) whose reason is not UTF-8 is refused, not decoded lossily.
    let data = unhex(&format!("08c379a0{}{}ff{}", w(0x20), w(1), "00".repeat(31)));
    assert_eq!(fails(decode_revert(&data)).code(), ErrorCode::AbiRejected);
}

#[test]
fn event_json_input_errors() {
    let e = fails(L1Event::from_json(&json!({"event": "Nope", "args": {}})));
    assert_eq!(e.code(), ErrorCode::InvalidArgument);
    let e = fails(L1Event::from_json(&json!({"event": "StateUpdated", "args": ["0x1"]})));
    assert_eq!((e.code(), e.path()), (ErrorCode::JsonShape, Some("args")));
    let e = fails(L1Event::from_json(&json!({"event": "StateUpdated", "args": {"rollupId": "0x1"}})));
    assert_eq!((e.code(), e.path()), (ErrorCode::JsonShape, Some("args.newStateRoot")));
    let e = fails(L2Event::from_json(&json!({"event": "BatchPosted", "args": {"rollupCount": "0x1"}})));
    assert_eq!(e.code(), ErrorCode::InvalidArgument, "BatchPosted is L1-only");
}

// ---------------------------------------------------------------------------------------------
// Golden vectors: the events the e2e scenarios recorded on chain
// ---------------------------------------------------------------------------------------------

fn lower(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.to_ascii_lowercase()),
        Value::Array(a) => Value::Array(a.iter().map(lower).collect()),
        other => other.clone(),
    }
}

/// Canonical JSON with every object replaced by the array of its values (the vectors' form).
fn positional(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Array(m.values().map(positional).collect()),
        Value::Array(a) => Value::Array(a.iter().map(positional).collect()),
        other => other.clone(),
    }
}

/// Turns positional structs into objects, following the field names of `template`'s JSON
/// (a value whose arrays each hold one element, so every nesting level has a template).
fn named(v: &Value, template: &Value) -> Value {
    match (v, template) {
        (Value::Array(items), Value::Object(fields)) => {
            assert_eq!(items.len(), fields.len());
            Value::Object(fields.iter().zip(items).map(|((k, t), x)| (k.clone(), named(x, t))).collect())
        }
        (Value::Array(items), Value::Array(t)) => Value::Array(items.iter().map(|x| named(x, &t[0])).collect()),
        (other, _) => other.clone(),
    }
}

fn table_template() -> Value {
    let mut entry = l2_entry();
    entry.expectedLookups[0].incomingCalls = entry.incomingCalls.clone();
    entry.expectedLookups[0].expectedOutgoingCalls = entry.expectedOutgoingCalls.clone();
    json!([entry.to_json()])
}

#[test]
fn e2e_vector_events_decode_with_matching_names() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/eez-v1-public.json");
    let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let (mut checked, mut skipped) = (0, 0);
    for case in vectors["cases"].as_array().unwrap().iter().filter(|c| c["kind"] == "e2eScenario") {
        for key in ["events", "consumerEvents", "systemTxEvents"] {
            for ev in case["expected"][key].as_array().into_iter().flatten() {
                let (contract, name, args) =
                    (ev["contract"].as_str().unwrap(), ev["event"].as_str().unwrap(), &ev["args"]);
                let args_in = if name == "ExecutionTableLoaded" {
                    json!([named(&args[0], &table_template())])
                } else {
                    args.clone()
                };
                let input = json!({"event": name, "args": args_in});
                let ctx = format!("{} {key} {contract}.{name}", case["id"]);
                let (decoded_json, decoded_name) = match contract {
                    "EEZ" => {
                        let event = L1Event::from_json(&input).unwrap_or_else(|e| panic!("{ctx}: {e}"));
                        let (t, d) = event.encode();
                        let back = decode_l1_log(&t, &d).unwrap_or_else(|e| panic!("{ctx}: {e}"));
                        assert_eq!(back, event, "{ctx}");
                        (back.to_json(), back.name())
                    }
                    "EEZL2" => {
                        let event = L2Event::from_json(&input).unwrap_or_else(|e| panic!("{ctx}: {e}"));
                        let (t, d) = event.encode();
                        let back = decode_l2_log(&t, &d).unwrap_or_else(|e| panic!("{ctx}: {e}"));
                        assert_eq!(back, event, "{ctx}");
                        (back.to_json(), back.name())
                    }
                    _ => {
                        skipped += 1;
                        continue;
                    }
                };
                assert_eq!(decoded_name, name, "{ctx}");
                assert_eq!(positional(&decoded_json["args"]), lower(args), "{ctx}");
                checked += 1;
            }
        }
    }
    eprintln!("{checked} manager events checked, {skipped} events of other contracts skipped");
    assert!(checked >= 20, "only {checked} manager events found in the e2e scenarios");
}

// ---------------------------------------------------------------------------------------------
// Strictness under mutation: never a panic, and whatever decodes re-encodes to the same bytes
// ---------------------------------------------------------------------------------------------

mod mutation {
    use super::*;
    use proptest::prelude::*;

    /// Flips one byte (of the topics or the data) and/or truncates or extends the data.
    fn mutate(topics: &mut [B256], data: &mut Vec<u8>, pos: usize, xor: u8, cut: Option<usize>, extra: usize) {
        let total = topics.len() * 32 + data.len();
        let pos = pos % total.max(1);
        if total > 0 {
            if pos < topics.len() * 32 {
                topics[pos / 32].0[pos % 32] ^= xor;
            } else {
                data[pos - topics.len() * 32] ^= xor;
            }
        }
        if let Some(cut) = cut {
            data.truncate(cut % (data.len() + 1));
        }
        data.extend(std::iter::repeat_n(0u8, extra));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn mutated_logs_fail_cleanly_or_re_encode_exactly(
            which in 0usize..23, pos in any::<usize>(), xor in 1u8..=255, cut in proptest::option::of(any::<usize>()),
            extra in prop_oneof![Just(0usize), Just(0), Just(1), Just(32)],
        ) {
            let l1 = all_l1_events();
            let l2 = all_l2_events();
            if which < l1.len() {
                let (mut t, mut d) = l1[which].encode();
                mutate(&mut t, &mut d, pos, xor, cut, extra);
                if let Ok(e) = decode_l1_log(&t, &d) {
                    prop_assert_eq!(e.encode(), (t, d));
                }
            } else {
                let (mut t, mut d) = l2[(which - l1.len()) % l2.len()].encode();
                mutate(&mut t, &mut d, pos, xor, cut, extra);
                if let Ok(e) = decode_l2_log(&t, &d) {
                    prop_assert_eq!(e.encode(), (t, d));
                }
            }
        }

        #[test]
        fn mutated_revert_data_fails_cleanly_or_re_encodes_exactly(
            which in any::<usize>(), pos in any::<usize>(), xor in 1u8..=255, cut in proptest::option::of(any::<usize>()),
            extra in prop_oneof![Just(0usize), Just(0), Just(1), Just(32)],
        ) {
            let errors = all_errors();
            let mut d = errors[which % errors.len()].encode();
            mutate(&mut [], &mut d, pos, xor, cut, extra);
            if let Ok(e) = decode_revert(&d) {
                prop_assert_eq!(e.encode(), d);
            }
        }

        #[test]
        fn arbitrary_input_never_panics(
            topics in proptest::collection::vec(any::<[u8; 32]>(), 0..5),
            data in proptest::collection::vec(any::<u8>(), 0..300),
            use_known_topic0 in any::<bool>(), which in any::<usize>(),
        ) {
            let mut topics: Vec<B256> = topics.into_iter().map(B256::from).collect();
            if use_known_topic0 && !topics.is_empty() {
                topics[0] = L1Event::EVENTS[which % L1Event::EVENTS.len()].1;
            }
            let _ = decode_l1_log(&topics, &data);
            let _ = decode_l2_log(&topics, &data);
            let mut revert = data.clone();
            if use_known_topic0 && revert.len() >= 4 {
                revert[..4].copy_from_slice(&ProtocolError::ERRORS[which % ProtocolError::ERRORS.len()].1);
            }
            let _ = decode_revert(&revert);
        }
    }
}
