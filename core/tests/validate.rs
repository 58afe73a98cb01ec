//! Structural validation (§6.1) and well-formedness (§5.3–5.5, §6.3–6.6, §8) of batches and L2
//! tables: every rule is violated alone by a hand-made batch (or table) built from the §5.6 worked
//! example, and every batch of the golden vectors, accepted on chain, has no structural error.

use alloy_primitives::{Address, Bytes, B256, I256, U256};
use alloy_sol_types::SolCall;
use exectable::types::{l1, l2};
use exectable::validate::{
    error_text, validate_batch, validate_l2_table, Finding, Note, Rule, Severity, ValidationContext, ValidationReport,
};
use exectable::CanonicalJson;
use serde_json::Value;
use std::collections::BTreeSet;

type Batch = l1::ProofSystemBatchPerVerificationEntries;

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/eez-v1-public.json");

fn addr(n: u16) -> Address {
    Address::left_padding_from(&n.to_be_bytes())
}

fn word(b: u8) -> B256 {
    B256::repeat_byte(b)
}

fn call(source: u16, revert_span: u64) -> l1::L2ToL1Call {
    l1::L2ToL1Call {
        targetAddress: addr(0xc0),
        value: U256::ZERO,
        data: Bytes::from_static(&[0xd0, 0x9d, 0xe0, 0x8a]),
        sourceAddress: addr(source),
        sourceRollupId: U256::from(1),
        revertSpan: U256::from(revert_span),
    }
}

/// §5.6: callCount 4, five flat calls, one reentrant frame of 1, one nested static lookup fired
/// at cursor 3 after one reentrant call was consumed, and a revert span of 1 on the last call.
fn worked_entry() -> l1::ExecutionEntry {
    l1::ExecutionEntry {
        stateDeltas: vec![l1::StateDelta {
            rollupId: U256::from(1),
            currentState: word(0x11),
            newState: word(0x12),
            etherDelta: I256::ZERO,
        }],
        proxyEntryHash: B256::ZERO,
        destinationRollupId: U256::from(1),
        l2ToL1Calls: vec![call(0x5151, 0), call(0x5252, 0), call(0x5353, 0), call(0x5151, 0), call(0x5151, 1)],
        expectedL1ToL2Calls: vec![l1::ExpectedL1ToL2Call {
            crossChainCallHash: word(0xa1),
            callCount: U256::from(1),
            returnData: Bytes::from(U256::from(7).to_be_bytes_vec()),
        }],
        expectedLookups: vec![static_nested()],
        callCount: U256::from(4),
        returnData: Bytes::new(),
        rollingHash: word(0xa2),
    }
}

/// The worked example's nested static read: no sub-calls, returns 0x55.
fn static_nested() -> l1::ExpectedLookup {
    l1::ExpectedLookup {
        crossChainCallHash: word(0xb2),
        returnData: Bytes::from(U256::from(0x55).to_be_bytes_vec()),
        failed: false,
        l2ToL1CallNumber: 3,
        lastL1ToL2CallConsumed: 1,
        executingLookupIndex: 0,
        ..Default::default()
    }
}

/// A reverted-mode nested lookup running one call, fired at cursor 2 before any consumption.
fn reverted_nested() -> l1::ExpectedLookup {
    l1::ExpectedLookup {
        crossChainCallHash: word(0x77),
        returnData: Bytes::from_static(b"revert"),
        failed: true,
        l2ToL1CallNumber: 2,
        lastL1ToL2CallConsumed: 0,
        executingLookupIndex: 0,
        l2ToL1Calls: vec![call(0x5151, 0)],
        expectedL1ToL2Calls: vec![],
        callCount: U256::from(1),
        rollingHash: word(0x78),
    }
}

/// A plain cached revert: reverted mode, nothing runs.
fn cached_revert(base: &l1::ExpectedLookup) -> l1::ExpectedLookup {
    l1::ExpectedLookup {
        failed: true,
        l2ToL1Calls: vec![],
        expectedL1ToL2Calls: vec![],
        callCount: U256::ZERO,
        rollingHash: B256::ZERO,
        ..base.clone()
    }
}

fn base_batch() -> Batch {
    Batch {
        entries: vec![worked_entry()],
        l1ToL2lookupCalls: vec![
            l1::LookupCall {
                crossChainCallHash: word(0xc1),
                destinationRollupId: U256::from(1),
                returnData: Bytes::from_static(b"no"),
                failed: true,
                l2ToL1Calls: vec![call(0x5151, 0)],
                expectedL1ToL2Calls: vec![],
                expectedLookups: vec![],
                callCount: U256::from(1),
                rollingHash: word(0xc2),
                expectedStateRoots: vec![l1::ExpectedStateRootPerRollup {
                    rollupId: U256::from(1),
                    stateRoot: word(0x11),
                }],
            },
            l1::LookupCall {
                crossChainCallHash: word(0xd1),
                destinationRollupId: U256::from(1),
                returnData: Bytes::from_static(b"yes"),
                failed: false,
                l2ToL1Calls: vec![call(0x5151, 0)],
                rollingHash: word(0xd2),
                ..Default::default()
            },
        ],
        transientExecutionEntryCount: U256::from(1),
        transientLookupCallCount: U256::ZERO,
        proofSystems: vec![addr(1)],
        rollupIdsWithProofSystems: vec![l1::RollupIdWithProofSystems {
            rollupId: U256::from(1),
            proofSystemIndex: vec![0],
        }],
        crossProofSystemInteractions: word(0xee),
        blobIndices: vec![],
        callData: Bytes::from_static(b"batch"),
        proofs: vec![Bytes::from_static(b"proof")],
        blockNumber: 100,
    }
}

fn with(f: impl FnOnce(&mut Batch)) -> Batch {
    let mut b = base_batch();
    f(&mut b);
    b
}

fn two_rollups(b: &mut Batch) {
    b.rollupIdsWithProofSystems
        .push(l1::RollupIdWithProofSystems { rollupId: U256::from(2), proofSystemIndex: vec![0] });
}

fn report(b: &Batch) -> ValidationReport {
    validate_batch(b, &ValidationContext::default())
}

fn l2_call(source: u16, revert_span: u64) -> l2::CrossChainCall {
    let c = call(source, revert_span);
    l2::CrossChainCall {
        targetAddress: c.targetAddress,
        value: c.value,
        data: c.data,
        sourceAddress: c.sourceAddress,
        sourceRollupId: c.sourceRollupId,
        revertSpan: c.revertSpan,
    }
}

/// The worked example on L2: same shape, L2 names.
fn l2_table() -> (Vec<l2::ExecutionEntry>, Vec<l2::LookupCall>) {
    let entry = l2::ExecutionEntry {
        proxyEntryHash: word(0x31),
        incomingCalls: vec![
            l2_call(0x5151, 0),
            l2_call(0x5252, 0),
            l2_call(0x5353, 0),
            l2_call(0x5151, 0),
            l2_call(0x5151, 1),
        ],
        expectedOutgoingCalls: vec![l2::ExpectedOutgoingCrossChainCall {
            crossChainCallHash: word(0xa1),
            callCount: U256::from(1),
            returnData: Bytes::new(),
        }],
        expectedLookups: vec![l2::ExpectedLookup {
            crossChainCallHash: word(0xb2),
            returnData: Bytes::from_static(&[0x55]),
            failed: false,
            callNumber: 3,
            lastOutgoingCallConsumed: 1,
            executingLookupIndex: 0,
            ..Default::default()
        }],
        callCount: U256::from(4),
        returnData: Bytes::new(),
        rollingHash: word(0xa2),
    };
    let lookups = vec![
        l2::LookupCall {
            crossChainCallHash: word(0xc1),
            returnData: Bytes::from_static(b"no"),
            failed: true,
            incomingCalls: vec![l2_call(0x5151, 0)],
            callCount: U256::from(1),
            rollingHash: word(0xc2),
            ..Default::default()
        },
        l2::LookupCall {
            crossChainCallHash: word(0xd1),
            returnData: Bytes::from_static(b"yes"),
            failed: false,
            incomingCalls: vec![l2_call(0x5151, 0)],
            rollingHash: word(0xd2),
            ..Default::default()
        },
    ];
    (vec![entry], lookups)
}

fn l2_with(f: impl FnOnce(&mut Vec<l2::ExecutionEntry>, &mut Vec<l2::LookupCall>)) -> Input {
    let (mut entries, mut lookups) = l2_table();
    f(&mut entries, &mut lookups);
    Input::L2(entries, lookups)
}

enum Input {
    L1(Box<Batch>, ValidationContext),
    L2(Vec<l2::ExecutionEntry>, Vec<l2::LookupCall>),
}

impl Input {
    fn run(&self) -> ValidationReport {
        match self {
            Input::L1(b, ctx) => validate_batch(b, ctx),
            Input::L2(entries, lookups) => validate_l2_table(entries, lookups),
        }
    }
}

/// A batch or table that breaks exactly one rule, at `path`.
struct Case {
    rule: Rule,
    path: &'static str,
    severity: Severity,
    error: Option<&'static str>,
    input: Input,
}

fn l1(rule: Rule, path: &'static str, severity: Severity, error: Option<&'static str>, batch: Batch) -> Case {
    Case { rule, path, severity, error, input: Input::L1(Box::new(batch), ValidationContext::default()) }
}

use Severity::{Error as E, Info as I, Warning as W};

const PANIC: Option<&str> = Some("Panic(0x32)");
const CONFIG: Option<&str> = Some("InvalidProofSystemConfig()");
const NOT_FOUND: Option<&str> = Some("ExecutionNotFound()");
const HASH: Option<&str> = Some("RollingHashMismatch()");

fn structural_cases() -> Vec<Case> {
    let in_flight = ValidationContext { batch_in_flight: true, ..Default::default() };
    let registered =
        ValidationContext { registered_rollups: Some(BTreeSet::from([U256::from(2)])), ..Default::default() };
    vec![
        Case {
            rule: Rule::PostBatchReentry,
            path: "$",
            severity: E,
            error: Some("PostBatchReentry()"),
            input: Input::L1(Box::new(base_batch()), in_flight),
        },
        l1(Rule::ProofCountMismatch, "proofs", E, CONFIG, with(|b| b.proofs.clear())),
        l1(
            Rule::NoRollups,
            "rollupIdsWithProofSystems",
            E,
            CONFIG,
            with(|b| {
                b.rollupIdsWithProofSystems.clear();
                b.entries.clear();
                b.l1ToL2lookupCalls.clear();
                b.transientExecutionEntryCount = U256::ZERO;
            }),
        ),
        l1(
            Rule::ProofSystemsNotAscending,
            "proofSystems[1]",
            E,
            Some("DuplicateProofSystem(0x0000000000000000000000000000000000000001)"),
            with(|b| {
                b.proofSystems = vec![addr(2), addr(1)];
                b.proofs.push(Bytes::new());
            }),
        ),
        l1(
            Rule::ProofSystemsNotAscending,
            "proofSystems[0]",
            E,
            Some("DuplicateProofSystem(0x0000000000000000000000000000000000000000)"),
            with(|b| b.proofSystems = vec![Address::ZERO]),
        ),
        l1(
            Rule::RollupIdsNotAscending,
            "rollupIdsWithProofSystems[1].rollupId",
            E,
            CONFIG,
            with(|b| b.rollupIdsWithProofSystems.push(b.rollupIdsWithProofSystems[0].clone())),
        ),
        l1(
            Rule::RollupIdsNotAscending,
            "rollupIdsWithProofSystems[0].rollupId",
            E,
            CONFIG,
            with(|b| {
                let mut zero = b.rollupIdsWithProofSystems[0].clone();
                zero.rollupId = U256::ZERO;
                b.rollupIdsWithProofSystems.insert(0, zero);
            }),
        ),
        Case {
            rule: Rule::RollupNotRegistered,
            path: "rollupIdsWithProofSystems[0].rollupId",
            severity: E,
            error: CONFIG,
            input: Input::L1(Box::new(base_batch()), registered),
        },
        l1(
            Rule::EmptyProofSystemIndex,
            "rollupIdsWithProofSystems[0].proofSystemIndex",
            E,
            CONFIG,
            with(|b| b.rollupIdsWithProofSystems[0].proofSystemIndex.clear()),
        ),
        l1(
            Rule::ProofSystemIndexOutOfRange,
            "rollupIdsWithProofSystems[0].proofSystemIndex[0]",
            E,
            CONFIG,
            with(|b| b.rollupIdsWithProofSystems[0].proofSystemIndex = vec![1]),
        ),
        l1(
            Rule::ProofSystemIndexNotAscending,
            "rollupIdsWithProofSystems[0].proofSystemIndex[1]",
            E,
            CONFIG,
            with(|b| {
                b.proofSystems.push(addr(2));
                b.proofs.push(Bytes::new());
                b.rollupIdsWithProofSystems[0].proofSystemIndex = vec![1, 0];
            }),
        ),
        l1(
            Rule::ProofSystemIndexNotAscending,
            "rollupIdsWithProofSystems[0].proofSystemIndex[1]",
            E,
            CONFIG,
            with(|b| b.rollupIdsWithProofSystems[0].proofSystemIndex = vec![0, 0]),
        ),
        l1(
            Rule::EntryDestinationNotInBatch,
            "entries[0].destinationRollupId",
            E,
            Some("RollupNotInBatch(0x3)"),
            with(|b| b.entries[0].destinationRollupId = U256::from(3)),
        ),
        l1(
            Rule::StateDeltaRollupNotInBatch,
            "entries[0].stateDeltas[0].rollupId",
            E,
            Some("RollupNotInBatch(0x3)"),
            with(|b| b.entries[0].stateDeltas[0].rollupId = U256::from(3)),
        ),
        l1(
            Rule::LookupDestinationNotInBatch,
            "l1ToL2lookupCalls[1].destinationRollupId",
            E,
            Some("RollupNotInBatch(0x4)"),
            with(|b| b.l1ToL2lookupCalls[1].destinationRollupId = U256::from(4)),
        ),
        l1(
            Rule::TransientCountExceedsEntries,
            "transientExecutionEntryCount",
            E,
            Some("TransientCountExceedsEntries()"),
            with(|b| b.transientExecutionEntryCount = U256::from(2)),
        ),
        l1(
            Rule::TransientLookupCountExceedsLookups,
            "transientLookupCallCount",
            E,
            Some("TransientLookupCallCountExceedsLookupCalls()"),
            with(|b| b.transientLookupCallCount = U256::from(3)),
        ),
        l1(
            Rule::TransientLookupsWithoutTransientEntries,
            "transientLookupCallCount",
            E,
            Some("TransientLookupCallsWithoutTransientEntries()"),
            with(|b| {
                b.transientExecutionEntryCount = U256::ZERO;
                b.transientLookupCallCount = U256::from(1);
                b.entries[0].proxyEntryHash = word(0x99);
            }),
        ),
    ]
}

fn l1_well_formedness_cases() -> Vec<Case> {
    let blobs = ValidationContext { blob_count: Some(2), ..Default::default() };
    vec![
        l1(
            Rule::PartitionMismatch,
            "entries[0].callCount",
            E,
            Some("UnconsumedL2ToL1Calls()"),
            with(|b| b.entries[0].callCount = U256::from(3)),
        ),
        l1(Rule::PartitionMismatch, "entries[0].callCount", E, PANIC, with(|b| b.entries[0].callCount = U256::from(6))),
        l1(Rule::PartitionMismatch, "entries[0].callCount", E, PANIC, with(|b| b.entries[0].callCount = U256::MAX)),
        l1(
            Rule::ReentrantSlicesExceedCalls,
            "entries[0].expectedL1ToL2Calls[0].callCount",
            E,
            PANIC,
            with(|b| b.entries[0].expectedL1ToL2Calls[0].callCount = U256::from(2)),
        ),
        l1(
            Rule::ReentrantSlicesExceedCalls,
            "entries[0].expectedL1ToL2Calls[1].callCount",
            E,
            PANIC,
            with(|b| {
                let mut second = b.entries[0].expectedL1ToL2Calls[0].clone();
                second.callCount = U256::MAX;
                b.entries[0].expectedL1ToL2Calls.push(second);
            }),
        ),
        l1(
            Rule::ZeroCallCount,
            "l1ToL2lookupCalls[0].callCount",
            E,
            HASH,
            with(|b| b.l1ToL2lookupCalls[0].callCount = U256::ZERO),
        ),
        l1(
            Rule::ZeroCallCount,
            "entries[0].expectedLookups[1].callCount",
            E,
            Some("UnconsumedL2ToL1Calls()"),
            with(|b| {
                let mut n = reverted_nested();
                n.callCount = U256::ZERO;
                n.rollingHash = B256::ZERO;
                b.entries[0].expectedLookups.push(n);
            }),
        ),
        l1(
            Rule::EmptyContext,
            "l1ToL2lookupCalls[0].rollingHash",
            E,
            HASH,
            with(|b| {
                b.l1ToL2lookupCalls[0].l2ToL1Calls.clear();
                b.l1ToL2lookupCalls[0].callCount = U256::ZERO;
            }),
        ),
        l1(
            Rule::EmptyContext,
            "entries[0].expectedLookups[1].callCount",
            E,
            PANIC,
            with(|b| {
                let mut n = cached_revert(&reverted_nested());
                n.callCount = U256::from(1);
                b.entries[0].expectedLookups.push(n);
            }),
        ),
        l1(
            Rule::EmptyContext,
            "entries[1].expectedL1ToL2Calls",
            E,
            Some("UnconsumedL1ToL2Calls()"),
            with(|b| {
                b.entries.push(l1::ExecutionEntry {
                    stateDeltas: b.entries[0].stateDeltas.clone(),
                    proxyEntryHash: word(0x44),
                    destinationRollupId: U256::from(1),
                    expectedL1ToL2Calls: vec![l1::ExpectedL1ToL2Call::default()],
                    ..Default::default()
                })
            }),
        ),
        l1(
            Rule::RevertSpanOutOfRange,
            "entries[0].l2ToL1Calls[4].revertSpan",
            E,
            PANIC,
            with(|b| b.entries[0].l2ToL1Calls[4].revertSpan = U256::from(2)),
        ),
        l1(
            Rule::RevertSpanOutOfRange,
            "entries[0].l2ToL1Calls[4].revertSpan",
            E,
            PANIC,
            with(|b| b.entries[0].l2ToL1Calls[4].revertSpan = U256::MAX),
        ),
        l1(
            Rule::NestedRevertSpan,
            "entries[0].l2ToL1Calls[4].revertSpan",
            W,
            None,
            with(|b| b.entries[0].l2ToL1Calls[3].revertSpan = U256::from(2)),
        ),
        l1(
            Rule::LookupIndexOutOfRange,
            "entries[0].expectedLookups[0].executingLookupIndex",
            E,
            NOT_FOUND,
            with(|b| b.entries[0].expectedLookups[0].executingLookupIndex = 2),
        ),
        l1(
            Rule::LookupIndexNotReverted,
            "entries[0].expectedLookups[0].executingLookupIndex",
            E,
            NOT_FOUND,
            with(|b| b.entries[0].expectedLookups[0].executingLookupIndex = 1),
        ),
        l1(
            Rule::LookupIndexNotReverted,
            "entries[0].expectedLookups[1].executingLookupIndex",
            E,
            NOT_FOUND,
            with(|b| {
                let mut inner = static_nested();
                inner.executingLookupIndex = 1;
                b.entries[0].expectedLookups.push(inner);
            }),
        ),
        l1(
            Rule::LookupCallNumberOutOfRange,
            "entries[0].expectedLookups[0].l2ToL1CallNumber",
            E,
            NOT_FOUND,
            with(|b| b.entries[0].expectedLookups[0].l2ToL1CallNumber = 0),
        ),
        l1(
            Rule::LookupCallNumberOutOfRange,
            "entries[0].expectedLookups[0].l2ToL1CallNumber",
            E,
            NOT_FOUND,
            with(|b| b.entries[0].expectedLookups[0].l2ToL1CallNumber = 6),
        ),
        // Inside expectedLookups[1] (one sub-call), cursor 2 cannot happen.
        l1(
            Rule::LookupCallNumberOutOfRange,
            "entries[0].expectedLookups[0].l2ToL1CallNumber",
            E,
            NOT_FOUND,
            with(|b| {
                let n = &mut b.entries[0].expectedLookups[0];
                n.executingLookupIndex = 2;
                n.l2ToL1CallNumber = 2;
                n.lastL1ToL2CallConsumed = 0;
                b.entries[0].expectedLookups.push(reverted_nested());
            }),
        ),
        l1(
            Rule::LookupConsumedOutOfRange,
            "entries[0].expectedLookups[0].lastL1ToL2CallConsumed",
            E,
            NOT_FOUND,
            with(|b| b.entries[0].expectedLookups[0].lastL1ToL2CallConsumed = 2),
        ),
        l1(
            Rule::LookupConsumedOutOfRange,
            "l1ToL2lookupCalls[0].expectedLookups[0].lastL1ToL2CallConsumed",
            E,
            NOT_FOUND,
            with(|b| {
                let mut n = static_nested();
                n.l2ToL1CallNumber = 1;
                n.lastL1ToL2CallConsumed = 1;
                b.l1ToL2lookupCalls[0].expectedLookups.push(n);
            }),
        ),
        l1(
            Rule::DuplicateLookupKey,
            "entries[0].expectedLookups[1]",
            W,
            None,
            with(|b| b.entries[0].expectedLookups.push(static_nested())),
        ),
        // A failed lookup first shadows a static one with the same key for STATICCALL too.
        l1(
            Rule::DuplicateLookupKey,
            "entries[0].expectedLookups[1]",
            W,
            None,
            with(|b| b.entries[0].expectedLookups.insert(0, cached_revert(&static_nested()))),
        ),
        l1(Rule::MissingStateDelta, "entries[0].stateDeltas", W, None, with(|b| b.entries[0].stateDeltas.clear())),
        l1(
            Rule::StaticLookupHasExecution,
            "l1ToL2lookupCalls[1].callCount",
            W,
            None,
            with(|b| b.l1ToL2lookupCalls[1].callCount = U256::from(1)),
        ),
        l1(
            Rule::StaticLookupHasExecution,
            "l1ToL2lookupCalls[1].expectedL1ToL2Calls",
            W,
            None,
            with(|b| b.l1ToL2lookupCalls[1].expectedL1ToL2Calls.push(Default::default())),
        ),
        l1(
            Rule::StaticLookupHasExecution,
            "l1ToL2lookupCalls[1].expectedLookups",
            W,
            None,
            with(|b| b.l1ToL2lookupCalls[1].expectedLookups.push(static_nested())),
        ),
        l1(
            Rule::StaticLookupHasExecution,
            "entries[0].expectedLookups[0].callCount",
            W,
            None,
            with(|b| b.entries[0].expectedLookups[0].callCount = U256::from(1)),
        ),
        l1(
            Rule::StaticLookupEmptyHash,
            "l1ToL2lookupCalls[1].rollingHash",
            E,
            HASH,
            with(|b| b.l1ToL2lookupCalls[1].l2ToL1Calls.clear()),
        ),
        l1(
            Rule::StaticLookupEmptyHash,
            "entries[0].expectedLookups[0].rollingHash",
            E,
            HASH,
            with(|b| b.entries[0].expectedLookups[0].rollingHash = word(1)),
        ),
        l1(
            Rule::SourceRollupIdTooLarge,
            "entries[0].l2ToL1Calls[0].sourceRollupId",
            W,
            None,
            with(|b| b.entries[0].l2ToL1Calls[0].sourceRollupId = U256::from(1) << 64),
        ),
        l1(
            Rule::ZeroSourceAddress,
            "l1ToL2lookupCalls[1].l2ToL1Calls[0].sourceAddress",
            E,
            None,
            with(|b| b.l1ToL2lookupCalls[1].l2ToL1Calls[0].sourceAddress = Address::ZERO),
        ),
        l1(
            Rule::PinRollupNotInBatch,
            "l1ToL2lookupCalls[0].expectedStateRoots[0].rollupId",
            I,
            None,
            with(|b| b.l1ToL2lookupCalls[0].expectedStateRoots[0].rollupId = U256::from(9)),
        ),
        l1(
            Rule::TransientLookupCollision,
            "l1ToL2lookupCalls[1].crossChainCallHash",
            W,
            None,
            with(|b| {
                two_rollups(b);
                b.transientLookupCallCount = U256::from(2);
                b.l1ToL2lookupCalls[1].crossChainCallHash = b.l1ToL2lookupCalls[0].crossChainCallHash;
                b.l1ToL2lookupCalls[1].destinationRollupId = U256::from(2);
            }),
        ),
        Case {
            rule: Rule::BlobIndexOutOfRange,
            path: "blobIndices[1]",
            severity: W,
            error: None,
            input: Input::L1(Box::new(with(|b| b.blobIndices = vec![U256::from(1), U256::from(2)])), blobs),
        },
        l1(
            Rule::ZeroHashEntryNotImmediate,
            "entries[0].proxyEntryHash",
            I,
            None,
            with(|b| b.transientExecutionEntryCount = U256::ZERO),
        ),
    ]
}

fn l2_cases() -> Vec<Case> {
    let case = |rule, path, severity, error, input| Case { rule, path, severity, error, input };
    vec![
        case(
            Rule::ZeroProxyEntryHash,
            "entries[0].proxyEntryHash",
            E,
            NOT_FOUND,
            l2_with(|e, _| e[0].proxyEntryHash = B256::ZERO),
        ),
        case(
            Rule::PartitionMismatch,
            "entries[0].callCount",
            E,
            Some("UnconsumedIncomingCalls()"),
            l2_with(|e, _| e[0].callCount = U256::from(3)),
        ),
        case(
            Rule::ReentrantSlicesExceedCalls,
            "entries[0].expectedOutgoingCalls[0].callCount",
            E,
            PANIC,
            l2_with(|e, _| e[0].expectedOutgoingCalls[0].callCount = U256::from(2)),
        ),
        case(
            Rule::RevertSpanOutOfRange,
            "entries[0].incomingCalls[4].revertSpan",
            E,
            PANIC,
            l2_with(|e, _| e[0].incomingCalls[4].revertSpan = U256::from(2)),
        ),
        case(
            Rule::EmptyContext,
            "lookupCalls[0].expectedOutgoingCalls",
            E,
            Some("UnconsumedOutgoingCalls()"),
            l2_with(|_, l| {
                l[0].incomingCalls.clear();
                l[0].callCount = U256::ZERO;
                l[0].rollingHash = B256::ZERO;
                l[0].expectedOutgoingCalls.push(Default::default());
            }),
        ),
        case(Rule::ZeroCallCount, "lookupCalls[0].callCount", E, HASH, l2_with(|_, l| l[0].callCount = U256::ZERO)),
        case(
            Rule::LookupCallNumberOutOfRange,
            "entries[0].expectedLookups[0].callNumber",
            E,
            NOT_FOUND,
            l2_with(|e, _| e[0].expectedLookups[0].callNumber = 0),
        ),
        case(
            Rule::LookupConsumedOutOfRange,
            "entries[0].expectedLookups[0].lastOutgoingCallConsumed",
            E,
            NOT_FOUND,
            l2_with(|e, _| e[0].expectedLookups[0].lastOutgoingCallConsumed = 2),
        ),
        case(
            Rule::DuplicateLookupKey,
            "entries[0].expectedLookups[1]",
            W,
            None,
            l2_with(|e, _| {
                let copy = e[0].expectedLookups[0].clone();
                e[0].expectedLookups.push(copy);
            }),
        ),
        case(
            Rule::StaticLookupHasExecution,
            "lookupCalls[1].expectedOutgoingCalls",
            W,
            None,
            l2_with(|_, l| l[1].expectedOutgoingCalls.push(Default::default())),
        ),
        case(
            Rule::ZeroSourceAddress,
            "lookupCalls[0].incomingCalls[0].sourceAddress",
            E,
            None,
            l2_with(|_, l| l[0].incomingCalls[0].sourceAddress = Address::ZERO),
        ),
    ]
}

fn check_sole(case: &Case) {
    let r = case.input.run();
    let all: Vec<&Finding> = r.findings().collect();
    let what = format!("{} at {}", case.rule.name(), case.path);
    assert_eq!(all.len(), 1, "{what}: expected exactly one finding, got:\n{r}");
    let f = all[0];
    assert_eq!(f.rule, case.rule, "{what}:\n{r}");
    assert_eq!(f.path, case.path, "{what}");
    assert_eq!(f.severity, case.severity, "{what}");
    assert_eq!(f.severity, case.rule.severity(), "{what}");
    assert_eq!(f.onchain_error.as_ref().map(error_text).as_deref(), case.error, "{what}");
    assert!(!f.message.is_empty());
    assert_eq!(r.is_ok(), case.severity != Severity::Error, "{what}");
    if case.rule.is_structural() {
        assert_eq!(r.structural.len(), 1, "{what}");
        assert_eq!(r.first_onchain_error, Some(0), "{what}");
        assert!(r.would_revert(), "{what}");
        assert_eq!(r.first_onchain_finding(), Some(f));
    } else {
        assert_eq!(r.well_formedness.len(), 1, "{what}");
        assert_eq!(r.first_onchain_error, None, "{what}");
        assert!(!r.would_revert(), "{what}");
    }
}

#[test]
fn the_worked_example_batch_is_clean() {
    let r = report(&base_batch());
    assert!(r.is_clean(), "{r}");
    assert!(r.is_ok() && !r.would_revert());
    assert_eq!(r.first_onchain_error, None);
    assert_eq!(r.notes, vec![Note::RegisteredRollupsUnknown]);
    let known = ValidationContext {
        registered_rollups: Some(BTreeSet::from([U256::from(1)])),
        blob_count: Some(0),
        batch_in_flight: false,
    };
    let r = validate_batch(&base_batch(), &known);
    assert!(r.is_clean() && r.notes.is_empty(), "{r}");
}

#[test]
fn the_worked_example_l2_table_is_clean() {
    let (entries, lookups) = l2_table();
    let r = validate_l2_table(&entries, &lookups);
    assert!(r.is_clean() && r.notes.is_empty(), "{r}");
}

#[test]
fn every_structural_check_alone_is_its_contract_error() {
    for case in structural_cases() {
        check_sole(&case);
    }
}

#[test]
fn every_l1_well_formedness_rule_alone() {
    for case in l1_well_formedness_cases() {
        check_sole(&case);
    }
}

#[test]
fn every_l2_well_formedness_rule_alone_with_l2_names_and_errors() {
    for case in l2_cases() {
        check_sole(&case);
    }
}

#[test]
fn every_rule_has_a_case() {
    let mut covered: BTreeSet<Rule> =
        structural_cases().iter().chain(&l1_well_formedness_cases()).chain(&l2_cases()).map(|c| c.rule).collect();
    covered.insert(Rule::NoProofSystems); // cannot fail alone; see its own test
    let missing: Vec<_> = Rule::ALL.iter().filter(|r| !covered.contains(r)).map(|r| r.name()).collect();
    assert!(missing.is_empty(), "rules without a test: {missing:?}");
}

#[test]
fn no_proof_systems_comes_with_every_index_out_of_range() {
    // With no proof system every proofSystemIndex is out of range (or the row is empty).
    let b = with(|b| {
        b.proofSystems.clear();
        b.proofs.clear();
    });
    let r = report(&b);
    let got: Vec<_> = r.structural.iter().map(|f| (f.rule, f.path.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (Rule::NoProofSystems, "proofSystems"),
            (Rule::ProofSystemIndexOutOfRange, "rollupIdsWithProofSystems[0].proofSystemIndex[0]")
        ]
    );
    assert_eq!(r.first_onchain_finding().unwrap().rule, Rule::NoProofSystems);
    assert!(r.well_formedness.is_empty());
}

#[test]
fn registered_rollups_unknown_skips_the_check_and_says_so() {
    let r = report(&base_batch());
    assert!(r.notes.contains(&Note::RegisteredRollupsUnknown));
    assert!(r.findings().all(|f| f.rule != Rule::RollupNotRegistered));
}

#[test]
fn blob_count_unknown_skips_the_range_check_and_says_so() {
    let b = with(|b| b.blobIndices = vec![U256::from(5)]);
    let r = report(&b);
    assert!(r.is_clean(), "{r}");
    assert!(r.notes.contains(&Note::BlobCountUnknown));
    let in_range = ValidationContext { blob_count: Some(6), ..Default::default() };
    assert!(validate_batch(&b, &in_range).is_clean());
}

#[test]
fn legal_neighbours_of_violations_are_not_reported() {
    let clean = |b: Batch| {
        let r = report(&b);
        assert!(r.is_clean(), "{r}");
    };
    // A static and a failed lookup may share a key: STATICCALL takes the first, a CALL the failed one.
    clean(with(|b| b.entries[0].expectedLookups.push(cached_revert(&static_nested()))));
    // A nested lookup inside a reverted one, at a cursor that exists there.
    clean(with(|b| {
        let n = &mut b.entries[0].expectedLookups[0];
        n.executingLookupIndex = 2;
        n.l2ToL1CallNumber = 1;
        n.lastL1ToL2CallConsumed = 0;
        b.entries[0].expectedLookups.push(reverted_nested());
    }));
    // Same hash in the transient pool for the same rollup (pins tell them apart).
    clean(with(|b| {
        b.transientLookupCallCount = U256::from(2);
        b.l1ToL2lookupCalls[1].crossChainCallHash = b.l1ToL2lookupCalls[0].crossChainCallHash;
    }));
    // Colliding lookups outside the transient prefix go to per-rollup queues.
    clean(with(|b| {
        two_rollups(b);
        b.transientLookupCallCount = U256::from(1);
        b.l1ToL2lookupCalls[1].crossChainCallHash = b.l1ToL2lookupCalls[0].crossChainCallHash;
        b.l1ToL2lookupCalls[1].destinationRollupId = U256::from(2);
    }));
    // The largest uint64 rollup id, adjacent spans, a span ending exactly at the end.
    clean(with(|b| b.entries[0].l2ToL1Calls[0].sourceRollupId = U256::from(u64::MAX)));
    clean(with(|b| {
        b.entries[0].l2ToL1Calls[3].revertSpan = U256::from(1);
        b.entries[0].callCount = U256::from(4);
    }));
    // Leading immediate run of two transient zero-hash entries.
    clean(with(|b| {
        b.entries.push(worked_entry());
        b.transientExecutionEntryCount = U256::from(2);
    }));
    // A plain cached revert as a top-level lookup.
    clean(with(|b| {
        let l = &mut b.l1ToL2lookupCalls[0];
        l.l2ToL1Calls.clear();
        l.callCount = U256::ZERO;
        l.rollingHash = B256::ZERO;
    }));
}

#[test]
fn state_deltas_outside_the_batch_are_reported_once_as_structural() {
    let b = with(|b| b.entries[0].stateDeltas[0].rollupId = U256::from(3));
    let r = report(&b);
    assert_eq!(r.findings().count(), 1);
    assert_eq!(r.structural[0].rule, Rule::StateDeltaRollupNotInBatch);
}

#[test]
fn all_violations_are_reported_and_the_contract_order_one_is_first() {
    let b = with(|b| {
        // In batch order the entry comes first, but the contract checks proof systems (5) before
        // entries (7) and transient counts (9).
        b.entries[0].destinationRollupId = U256::from(9);
        b.transientExecutionEntryCount = U256::from(5);
        b.proofSystems = vec![addr(3), addr(2), addr(1)];
        b.proofs = vec![Bytes::new(); 3];
        b.entries[0].callCount = U256::from(3);
        b.l1ToL2lookupCalls[0].expectedStateRoots[0].rollupId = U256::from(9);
    });
    let r = report(&b);
    let structural: Vec<_> = r.structural.iter().map(|f| (f.rule, f.path.as_str())).collect();
    assert_eq!(
        structural,
        vec![
            (Rule::ProofSystemsNotAscending, "proofSystems[1]"),
            (Rule::ProofSystemsNotAscending, "proofSystems[2]"),
            (Rule::EntryDestinationNotInBatch, "entries[0].destinationRollupId"),
            (Rule::TransientCountExceedsEntries, "transientExecutionEntryCount"),
        ]
    );
    assert_eq!(r.first_onchain_error, Some(0));
    assert_eq!(
        r.first_onchain_finding().and_then(|f| f.onchain_error.as_ref()).map(error_text).as_deref(),
        Some("DuplicateProofSystem(0x0000000000000000000000000000000000000002)")
    );
    let wf: Vec<_> = r.well_formedness.iter().map(|f| (f.rule, f.path.as_str())).collect();
    assert_eq!(
        wf,
        vec![
            (Rule::PartitionMismatch, "entries[0].callCount"),
            (Rule::PinRollupNotInBatch, "l1ToL2lookupCalls[0].expectedStateRoots[0].rollupId"),
        ]
    );
    assert!(r.would_revert() && !r.is_ok());
    assert_eq!((r.count(Severity::Error), r.count(Severity::Warning), r.count(Severity::Info)), (5, 0, 1));
    let text = r.to_string();
    let marked: Vec<_> = text.lines().filter(|l| l.contains("<= raised first")).collect();
    assert_eq!(marked.len(), 1, "{text}");
    assert!(marked[0].contains("proofSystems[1]"), "{text}");
    assert!(text.contains("postAndVerifyBatch reverts with DuplicateProofSystem("), "{text}");
}

#[test]
fn report_json_names_rules_paths_and_typed_errors() {
    let b = with(|b| {
        b.entries[0].stateDeltas[0].rollupId = U256::from(3);
        let copy = b.entries[0].stateDeltas[0].clone();
        b.entries[0].stateDeltas.push(copy);
        b.entries[0].callCount = U256::from(3);
    });
    let json = report(&b).to_json();
    assert_eq!(json["ok"], false);
    assert_eq!(json["wouldRevert"], true);
    assert_eq!(json["firstOnchainError"], 0);
    assert_eq!(json["counts"], serde_json::json!({"error": 3, "warning": 0, "info": 0}));
    let first = &json["structural"][0];
    assert_eq!(first["rule"], "state-delta-rollup-not-in-batch");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["path"], "entries[0].stateDeltas[0].rollupId");
    assert_eq!(
        first["onchainError"],
        serde_json::json!({"error": "RollupNotInBatch", "selector": "0xf0b9be82", "args": {"rollupId": "0x3"}})
    );
    assert_eq!(json["structural"][1]["path"], "entries[0].stateDeltas[1].rollupId");
    let wf = &json["wellFormedness"][0];
    assert_eq!(wf["rule"], "partition-mismatch");
    assert_eq!(wf["onchainError"]["error"], "UnconsumedL2ToL1Calls");
    assert_eq!(json["notes"][0]["note"], "registeredRollupsUnknown");
    let info = report(&with(|b| b.entries[0].stateDeltas.clear())).to_json();
    assert_eq!(info["wellFormedness"][0]["onchainError"], Value::Null);
    assert_eq!(info["firstOnchainError"], Value::Null);
}

#[test]
fn rule_names_are_unique_kebab_case_and_round_trip() {
    let mut names = BTreeSet::new();
    for rule in Rule::ALL {
        let name = rule.name();
        assert!(name.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'), "{name}");
        assert!(names.insert(name), "duplicate rule name {name}");
        assert_eq!(Rule::from_name(name), Some(*rule));
        assert!(!rule.summary().is_empty());
        if rule.is_structural() {
            assert_eq!(rule.severity(), Severity::Error, "{name}");
        }
    }
    assert_eq!(Rule::ALL.iter().filter(|r| r.is_structural()).count(), 16);
}

fn vector_cases() -> Vec<Value> {
    let file: Value = serde_json::from_str(&std::fs::read_to_string(VECTORS).unwrap()).unwrap();
    file["cases"].as_array().unwrap().clone()
}

#[test]
fn every_vector_batch_passes_the_structural_checks() {
    let mut ran = std::collections::BTreeMap::<String, usize>::new();
    for case in vector_cases() {
        let kind = case["kind"].as_str().unwrap();
        if !["batchCalldata", "publicInputsHash", "e2eScenario"].contains(&kind) {
            continue;
        }
        let Some(json) = case["inputs"].get("batch") else { continue };
        let batch = l1::ProofSystemBatchPerVerificationEntries::from_json(json).unwrap();
        let r = validate_batch(&batch, &ValidationContext::default());
        let id = case["id"].as_str().unwrap();
        assert!(r.structural.is_empty(), "{id} was accepted on chain but:\n{r}");
        assert!(!r.would_revert() && r.first_onchain_error.is_none(), "{id}");
        if kind == "e2eScenario" {
            // These batches were also executed on chain: nothing may be wrong with them.
            assert_eq!(r.count(Severity::Error) + r.count(Severity::Warning), 0, "{id}:\n{r}");
        }
        *ran.entry(kind.to_owned()).or_default() += 1;
    }
    assert_eq!(ran.get("batchCalldata"), Some(&8));
    assert_eq!(ran.get("publicInputsHash"), Some(&10));
    assert_eq!(ran.get("e2eScenario"), Some(&3));
}

#[test]
fn the_executed_l2_vector_table_is_clean() {
    let case = vector_cases().into_iter().find(|c| c["id"] == "e2eScenario-public-004").unwrap();
    let entries = Vec::<l2::ExecutionEntry>::from_json(&case["inputs"]["entries"]).unwrap();
    let lookups = Vec::<l2::LookupCall>::from_json(&case["inputs"]["lookupCalls"]).unwrap();
    assert!(!entries.is_empty());
    let r = validate_l2_table(&entries, &lookups);
    assert!(r.is_clean(), "{r}");
}

#[test]
fn the_executed_queued_zero_hash_entry_is_an_executel2tx_info() {
    // e2eScenario-public-003 posts one zero-hash entry outside the transient prefix; its consumer
    // transaction is executeL2TX(1).
    let case = vector_cases().into_iter().find(|c| c["id"] == "e2eScenario-public-003").unwrap();
    let batch = l1::ProofSystemBatchPerVerificationEntries::from_json(&case["inputs"]["batch"]).unwrap();
    let r = validate_batch(&batch, &ValidationContext::default());
    let f: Vec<_> = r.findings().map(|f| (f.rule, f.path.as_str())).collect();
    assert_eq!(f, vec![(Rule::ZeroHashEntryNotImmediate, "entries[0].proxyEntryHash")]);
    let selector = alloy_primitives::hex::encode_prefixed(<l1::IEEZ::executeL2TXCall as SolCall>::SELECTOR);
    assert!(case["inputs"]["consumerTx"]["data"].as_str().unwrap().starts_with(&selector));
}

#[test]
fn findings_display_as_one_line_with_the_onchain_error() {
    let r = report(&with(|b| b.entries[0].callCount = U256::from(6)));
    let line = r.well_formedness[0].to_string();
    assert!(line.starts_with("error   entries[0].callCount [partition-mismatch] "), "{line}");
    assert!(line.ends_with(" → Panic(0x32)"), "{line}");
    assert!(!line.contains('\n'));
}
