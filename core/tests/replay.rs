//! Rolling-hash replay from execution traces: the §5.6 worked example rebuilt from its trace, and
//! every e2eScenario entry rebuilt from its recorded fold steps and replayed back.

use alloy_primitives::{address, b256, hex, Address, Bytes, B256, U256};
use exectable::hash::call::cross_chain_call_hash;
use exectable::hash::rolling::{RollingHashStep, TaggedRollingHash};
use exectable::replay::{
    replay, trace_from_entry_and_steps, trace_from_l2_entry_and_steps, InnerEvent, Iteration, ReentrantCall, Trace,
    TraceCall, TraceLookup,
};
use exectable::types::{l1, l2};
use exectable::{CanonicalJson, ErrorCode};
use serde_json::Value;

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/eez-v1-public.json");
const WORKED_EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/traces/worked-example-5.6.json");

const COUNTER: Address = address!("000000000000000000000000000000000000c0de");
const REENTER: Address = address!("000000000000000000000000000000000000beef");
const INCREMENT: [u8; 4] = [0xd0, 0x9d, 0xe0, 0x8a];

fn word(n: u64) -> Bytes {
    U256::from(n).to_be_bytes::<32>().to_vec().into()
}

fn src(low: u16) -> Address {
    let mut a = [0u8; 20];
    a[18..].copy_from_slice(&low.to_be_bytes());
    Address::from(a)
}

fn increment(source: u16, returns: u64) -> TraceCall {
    TraceCall {
        targetAddress: COUNTER,
        value: U256::ZERO,
        data: INCREMENT.to_vec().into(),
        sourceAddress: src(source),
        sourceRollupId: U256::from(1),
        success: true,
        retData: word(returns),
        inner: Vec::new(),
    }
}

/// The §5.6 trace: calls[0]; calls[1] with a reentrant frame (running calls[2]) then a nested
/// static lookup; calls[3]; a revert span of calls[4].
fn worked_example() -> Trace {
    let ping_hash = cross_chain_call_hash(
        U256::from(1),
        address!("000000000000000000000000000000000000aaaa"),
        U256::ZERO,
        &hex!("5c36b186"), // ping()
        REENTER,
        U256::ZERO,
    );
    let peek_hash = cross_chain_call_hash(
        U256::from(2),
        address!("000000000000000000000000000000000000bbbb"),
        U256::ZERO,
        &hex!("59e02dd7"), // peek()
        REENTER,
        U256::ZERO,
    );
    let mut go_data = hex!("264574bf").to_vec(); // go(address,address)
    go_data.extend_from_slice(src(0xa0a0).into_word().as_slice());
    go_data.extend_from_slice(src(0xb0b0).into_word().as_slice());
    let mut ret = word(7).to_vec();
    ret.extend_from_slice(&word(0x55));
    let go = TraceCall {
        targetAddress: REENTER,
        value: U256::ZERO,
        data: go_data.into(),
        sourceAddress: src(0x5252),
        sourceRollupId: U256::from(1),
        success: true,
        retData: ret.into(),
        inner: vec![
            InnerEvent::Reentrant(ReentrantCall {
                crossChainCallHash: ping_hash,
                value: U256::ZERO,
                returnData: word(7),
                calls: vec![Iteration::Call(increment(0x5353, 2))],
            }),
            InnerEvent::StaticLookup(TraceLookup {
                crossChainCallHash: peek_hash,
                returnData: word(0x55),
                ..Default::default()
            }),
        ],
    };
    Trace {
        inboundValue: U256::ZERO,
        calls: vec![
            Iteration::Call(increment(0x5151, 1)),
            Iteration::Call(go),
            Iteration::Call(increment(0x5151, 3)),
            Iteration::RevertSpan(vec![increment(0x5151, 4)]),
        ],
    }
}

fn assert_acc(acc: &B256, prefix: &str, suffix: &str) {
    let text = acc.to_string();
    assert!(text.starts_with(prefix) && text.ends_with(suffix), "{text} is not {prefix}…{suffix}");
}

#[test]
fn worked_example_5_6_is_rebuilt_from_its_trace() {
    let r = replay(&worked_example()).unwrap();
    // (event, number, accumulator prefix, suffix) exactly as printed in spec §5.6.
    let table: [(&str, u64, &str, &str); 12] = [
        ("CALL_BEGIN", 1, "0xa578faae", "dd76c63f"),
        ("CALL_END", 1, "0xf67549ee", "fb94829e"),
        ("CALL_BEGIN", 2, "0x41281b0c", "248ae1e1"),
        ("NESTED_BEGIN", 1, "0xfcf7cccf", "b31b5039"),
        ("CALL_BEGIN", 3, "0x7ae84698", "8b39fa38"),
        ("CALL_END", 3, "0x1ded2bea", "9b3c5663"),
        ("NESTED_END", 1, "0xe4a56630", "bc8ce4a7"),
        ("CALL_END", 3, "0xfbc630df", "146bbbfd"),
        ("CALL_BEGIN", 4, "0xe4adfd01", "d2dfe270"),
        ("CALL_END", 4, "0x2ecde30a", "9a9ca2d7"),
        ("CALL_BEGIN", 5, "0x3a531ca4", "8647e320"),
        ("CALL_END", 5, "0xa20807b0", "bffa23fb096d"),
    ];
    assert_eq!(r.steps.len(), 12);
    for (i, (event, number, prefix, suffix)) in table.iter().enumerate() {
        assert_eq!(r.steps[i].event(), *event, "step {}", i + 1);
        assert_eq!(r.steps[i].number(), U256::from(*number), "step {}", i + 1);
        assert_acc(&r.accumulators[i], prefix, suffix);
    }
    assert_eq!(r.rolling_hash, r.accumulators[11]);
    // Step 8 closes calls[1] with the cursor after its nested frame, and the call's own result.
    let mut enc_7_55 = word(7).to_vec();
    enc_7_55.extend_from_slice(&word(0x55));
    assert_eq!(
        r.steps[7],
        RollingHashStep::CallEnd { number: U256::from(3), success: true, ret_data: enc_7_55.into() }
    );

    assert_eq!(r.call_count, U256::from(4));
    assert_eq!(r.l2_to_l1_calls.len(), 5);
    let spans: Vec<U256> = r.l2_to_l1_calls.iter().map(|c| c.revertSpan).collect();
    assert_eq!(spans, [0, 0, 0, 0, 1].map(U256::from));
    assert_eq!(r.l2_to_l1_calls[2].sourceAddress, src(0x5353), "calls[2] is the one inside the frame");
    assert_eq!(r.expected_l1_to_l2_calls.len(), 1);
    assert_eq!(r.expected_l1_to_l2_calls[0].callCount, U256::from(1));
    assert_eq!(r.expected_l1_to_l2_calls[0].returnData, word(7));
    assert_eq!(r.expected_lookups.len(), 1);
    let lookup = &r.expected_lookups[0];
    assert_eq!((lookup.l2ToL1CallNumber, lookup.lastL1ToL2CallConsumed, lookup.executingLookupIndex), (3, 1, 0));
    assert!(!lookup.failed);
    assert_eq!((r.ether_in, r.ether_out), (U256::ZERO, U256::ZERO));

    // The docs convention (CALL_END(2) at step 8) folds to another hash, which the contract rejects.
    let mut docs = r.steps.clone();
    let RollingHashStep::CallEnd { number, .. } = &mut docs[7] else { panic!("step 8 is CALL_END") };
    *number = U256::from(2);
    let docs_final = *TaggedRollingHash::new().apply_all(&docs).last().unwrap();
    assert_acc(&docs_final, "0x03efaea2", "a250afce1");
    assert_ne!(docs_final, r.rolling_hash);
}

#[test]
fn worked_example_file_is_the_trace_and_json_round_trips() {
    let text = std::fs::read_to_string(WORKED_EXAMPLE).unwrap();
    let from_file = Trace::from_json_str(&text).unwrap();
    assert_eq!(from_file, worked_example());
    let json = from_file.to_json();
    assert_eq!(Trace::from_json(&json).unwrap(), from_file);
    // The file leaves optional fields out; the canonical form writes them all.
    assert_ne!(json, serde_json::from_str::<Value>(&text).unwrap());
    assert_eq!(json["calls"][1]["inner"][1]["staticLookup"]["l2ToL1Calls"], serde_json::json!([]));
}

#[test]
fn worked_example_entry_round_trips_through_its_steps() {
    let r = replay(&worked_example()).unwrap();
    let base = l1::ExecutionEntry { destinationRollupId: U256::from(1), ..Default::default() };
    let entry = r.l1_entry(&base);
    assert_eq!(entry.rollingHash, r.rolling_hash);
    let trace = trace_from_entry_and_steps(&entry, &r.steps, &[]).unwrap();
    let again = replay(&trace).unwrap();
    assert_eq!(again.l1_entry(&base), entry);
    assert_eq!(again.steps, r.steps);
    assert_eq!(again.accumulators, r.accumulators);
}

fn vector_case(id: &str) -> Value {
    let file: Value = serde_json::from_str(&std::fs::read_to_string(VECTORS).unwrap()).unwrap();
    file["cases"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("{id}")).clone()
}

fn parse<T: CanonicalJson>(v: &Value) -> T {
    T::from_json(v).unwrap()
}

/// Rebuilds the trace of an L1 e2e entry from its steps and checks the replay gives it back.
fn l1_round_trip(id: &str, steps_key: &str, values: &[U256]) -> (l1::ExecutionEntry, Vec<RollingHashStep>) {
    let case = vector_case(id);
    let entry: l1::ExecutionEntry = parse(&case["inputs"]["batch"]["entries"][0]);
    let steps: Vec<RollingHashStep> = parse(&case["inputs"][steps_key]);
    let trace = trace_from_entry_and_steps(&entry, &steps, values).unwrap();
    let r = replay(&trace).unwrap();
    assert_eq!(r.l1_entry(&entry), entry, "{id}: replay gives back the entry");
    assert_eq!(r.steps, steps, "{id}: same fold steps");
    assert_eq!(r.rolling_hash, entry.rollingHash, "{id}");
    assert_eq!(r.rolling_hash, parse::<B256>(&case["expected"]["rollingHash"]), "{id}");
    assert_eq!(Trace::from_json(&trace.to_json()).unwrap(), trace, "{id}: trace JSON round-trips");
    (entry, steps)
}

#[test]
fn e2e_001_deferred_proxy_call_round_trips() {
    let (entry, steps) = l1_round_trip("e2eScenario-public-001", "rollingHashSteps", &[]);
    let r = replay(&trace_from_entry_and_steps(&entry, &steps, &[]).unwrap()).unwrap();
    assert_eq!(r.call_count, U256::from(2));
    assert_eq!(r.ether_out, U256::ZERO, "no valued call");
}

#[test]
fn e2e_002_immediate_withdrawal_round_trips_and_counts_ether_out() {
    let case = vector_case("e2eScenario-public-002");
    let (entry, steps) = l1_round_trip("e2eScenario-public-002", "rollingHashSteps", &[]);
    let r = replay(&trace_from_entry_and_steps(&entry, &steps, &[]).unwrap()).unwrap();
    // The withdrawal (PayableSink.deposit{value}) succeeded in the outermost frame: etherOut = its value.
    assert_eq!(r.ether_out, entry.l2ToL1Calls[0].value);
    assert_eq!(r.ether_out, parse::<U256>(&case["expected"]["postState"]["sinkReceived"]));
}

#[test]
fn e2e_003_reentrant_frame_round_trips_and_docs_convention_differs() {
    let case = vector_case("e2eScenario-public-003");
    let value: U256 = parse(&case["inputs"]["nestedCall"]["value"]);
    let (entry, steps) = l1_round_trip("e2eScenario-public-003", "rollingHashSteps", &[value]);
    let trace = trace_from_entry_and_steps(&entry, &steps, &[value]).unwrap();
    let Iteration::Call(outer) = &trace.calls[0] else { panic!("calls[0] is a call") };
    let InnerEvent::Reentrant(frame) = &outer.inner[0] else { panic!("a reentrant frame") };
    assert_eq!(frame.crossChainCallHash, parse::<B256>(&case["expected"]["nestedCrossChainCallHash"]));
    assert_eq!(frame.calls.len(), 1);

    let docs: Vec<RollingHashStep> = parse(&case["inputs"]["rollingHashStepsDocsConvention"]);
    let docs_final = *TaggedRollingHash::new().apply_all(&docs).last().unwrap();
    assert_eq!(docs_final, parse::<B256>(&case["expected"]["rollingHashDocsConvention"]));
    assert_ne!(docs_final, parse::<B256>(&case["expected"]["rollingHash"]));
    // The docs steps are not what the contract folds for this entry: rebuilding rejects them.
    let err = trace_from_entry_and_steps(&entry, &docs, &[value]).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidArgument);
    assert_eq!(err.path(), Some("steps[5]"), "{err}");
}

#[test]
fn e2e_004_l2_entries_round_trip() {
    let case = vector_case("e2eScenario-public-004");
    for (i, key) in ["entry0", "entry1"].iter().enumerate() {
        let entry: l2::ExecutionEntry = parse(&case["inputs"]["entries"][i]);
        let steps: Vec<RollingHashStep> = parse(&case["inputs"]["rollingHashSteps"][key]);
        let trace = trace_from_l2_entry_and_steps(&entry, &steps, &[]).unwrap();
        let r = replay(&trace).unwrap();
        assert_eq!(r.l2_entry(entry.proxyEntryHash, entry.returnData.clone()), entry, "{key}");
        assert_eq!(r.steps, steps, "{key}");
        assert_eq!(r.rolling_hash, entry.rollingHash, "{key}");
        assert_eq!(r.rolling_hash, parse::<B256>(&case["expected"]["rollingHashes"][i]), "{key}");
    }
}

#[test]
fn rebuild_errors_name_the_step_or_field_at_fault() {
    let r = replay(&worked_example()).unwrap();
    let entry = r.l1_entry(&l1::ExecutionEntry::default());
    // CALL_END of calls[1] with its own number (docs convention).
    let mut docs = r.steps.clone();
    if let RollingHashStep::CallEnd { number, .. } = &mut docs[7] {
        *number = U256::from(2);
    }
    assert_eq!(trace_from_entry_and_steps(&entry, &docs, &[]).unwrap_err().path(), Some("steps[7]"));
    // Steps cut short.
    assert_eq!(trace_from_entry_and_steps(&entry, &r.steps[..5], &[]).unwrap_err().path(), Some("steps[5]"));
    // One step too many.
    let mut extra = r.steps.clone();
    extra.push(RollingHashStep::CallBegin { number: U256::from(6) });
    assert_eq!(trace_from_entry_and_steps(&entry, &extra, &[]).unwrap_err().path(), Some("steps[12]"));
    // callCount past the array: the contract would panic.
    let mut long = entry.clone();
    long.callCount = U256::from(5);
    assert_eq!(trace_from_entry_and_steps(&long, &r.steps, &[]).unwrap_err().path(), Some("entry.callCount"));
    // An unused reentrant item.
    let mut unused = entry.clone();
    unused.expectedL1ToL2Calls.push(l1::ExpectedL1ToL2Call::default());
    assert_eq!(
        trace_from_entry_and_steps(&unused, &r.steps, &[]).unwrap_err().path(),
        Some("entry.expectedL1ToL2Calls[1]")
    );
    // A rolling hash the steps do not produce.
    let mut wrong = entry.clone();
    wrong.rollingHash = B256::ZERO;
    assert_eq!(trace_from_entry_and_steps(&wrong, &r.steps, &[]).unwrap_err().path(), Some("entry.rollingHash"));
    // A lookup whose key is never reached.
    let mut lost = entry.clone();
    lost.expectedLookups[0].lastL1ToL2CallConsumed = 7;
    assert_eq!(trace_from_entry_and_steps(&lost, &r.steps, &[]).unwrap_err().path(), Some("entry.expectedLookups[0]"));
}

#[test]
fn reentrant_values_and_spans_drive_ether_accounting() {
    let mut trace = worked_example();
    trace.inboundValue = U256::from(100);
    let Iteration::Call(go) = &mut trace.calls[1] else { unreachable!() };
    let InnerEvent::Reentrant(frame) = &mut go.inner[0] else { unreachable!() };
    frame.value = U256::from(5);
    // Value sent by the call inside the reentrant frame is NOT etherOut (§6.5 quirk).
    let Iteration::Call(inner_call) = &mut frame.calls[0] else { unreachable!() };
    inner_call.value = U256::from(3);
    // Outermost successful call: counted.
    let Iteration::Call(c3) = &mut trace.calls[2] else { unreachable!() };
    c3.value = U256::from(7);
    // Inside a revert span: not counted.
    let Iteration::RevertSpan(span) = &mut trace.calls[3] else { unreachable!() };
    span[0].value = U256::from(11);
    let r = replay(&trace).unwrap();
    assert_eq!(r.ether_in, U256::from(105));
    assert_eq!(r.ether_out, U256::from(7));
    assert_eq!(r.reentrant_values, vec![U256::from(5)]);

    // A reentrant call inside a revert span brings no ether in.
    let spanned = Trace {
        inboundValue: U256::ZERO,
        calls: vec![Iteration::RevertSpan(vec![TraceCall {
            inner: vec![InnerEvent::Reentrant(ReentrantCall { value: U256::from(9), ..Default::default() })],
            ..increment(0x5151, 1)
        }])],
    };
    let r = replay(&spanned).unwrap();
    assert_eq!(r.ether_in, U256::ZERO);
    assert_eq!(r.expected_l1_to_l2_calls[0].callCount, U256::ZERO);
    assert_eq!(r.l2_to_l1_calls[0].revertSpan, U256::from(1));
}

#[test]
fn malformed_traces_are_rejected_with_paths() {
    // A reentrant frame inside a failed call: its folds would be rolled back with the call.
    let failed = Trace {
        inboundValue: U256::ZERO,
        calls: vec![Iteration::Call(TraceCall {
            success: false,
            inner: vec![InnerEvent::Reentrant(ReentrantCall::default())],
            ..increment(0x5151, 1)
        })],
    };
    let err = replay(&failed).unwrap_err();
    assert_eq!(err.path(), Some("trace.calls[0].inner[0].reentrant"), "{err}");

    let empty_span = serde_json::json!({"calls": [{"revertSpan": []}]});
    assert_eq!(Trace::from_json(&empty_span).unwrap_err().path(), Some("calls[0].revertSpan"));
    assert_eq!(
        replay(&Trace { inboundValue: U256::ZERO, calls: vec![Iteration::RevertSpan(vec![])] }).unwrap_err().path(),
        Some("trace.calls[0].revertSpan")
    );

    let two_tags = serde_json::json!([{"targetAddress": "0x0000000000000000000000000000000000000001", "value": "0x0",
        "data": "0x", "sourceAddress": "0x0000000000000000000000000000000000000002", "sourceRollupId": "0x1",
        "success": true, "retData": "0x", "inner": [{"reentrant": {"crossChainCallHash": B256::ZERO.to_string(),
        "returnData": "0x"}, "staticLookup": {"crossChainCallHash": B256::ZERO.to_string(), "returnData": "0x"}}]}]);
    assert_eq!(Trace::from_json(&two_tags).unwrap_err().path(), Some("$[0].inner[0]"));

    let static_failed_reverted = serde_json::json!([{"targetAddress": "0x0000000000000000000000000000000000000001",
        "value": "0x0", "data": "0x", "sourceAddress": "0x0000000000000000000000000000000000000002",
        "sourceRollupId": "0x1", "success": true, "retData": "0x", "inner": [{"revertedLookup": {
        "crossChainCallHash": B256::ZERO.to_string(), "returnData": "0x", "failed": false}}]}]);
    assert_eq!(
        Trace::from_json(&static_failed_reverted).unwrap_err().path(),
        Some("$[0].inner[0].revertedLookup.failed")
    );

    let unknown_field = serde_json::json!({"calls": [], "extra": 1});
    assert_eq!(Trace::from_json(&unknown_field).unwrap_err().code(), ErrorCode::JsonShape);
}

#[test]
fn reverted_lookups_are_keyed_and_placed_back() {
    // A call that makes a reentrant call answered by a failed lookup, after one reentrant frame.
    let lookup = TraceLookup {
        crossChainCallHash: b256!("1111111111111111111111111111111111111111111111111111111111111111"),
        returnData: hex!("08c379a0").to_vec().into(),
        failed: true,
        ..Default::default()
    };
    let trace = Trace {
        inboundValue: U256::ZERO,
        calls: vec![Iteration::Call(TraceCall {
            inner: vec![
                InnerEvent::Reentrant(ReentrantCall {
                    crossChainCallHash: B256::repeat_byte(2),
                    calls: vec![Iteration::Call(increment(0x5353, 9))],
                    ..Default::default()
                }),
                InnerEvent::RevertedLookup(lookup.clone()),
            ],
            ..increment(0x5151, 1)
        })],
    };
    let r = replay(&trace).unwrap();
    let l = &r.expected_lookups[0];
    assert_eq!((l.l2ToL1CallNumber, l.lastL1ToL2CallConsumed, l.executingLookupIndex), (2, 1, 0));
    assert!(l.failed);
    let entry = r.l1_entry(&l1::ExecutionEntry::default());
    let rebuilt = trace_from_entry_and_steps(&entry, &r.steps, &[]).unwrap();
    assert_eq!(replay(&rebuilt).unwrap().l1_entry(&entry), entry);
    // Lookups inside a reverted lookup's sub-execution are not part of a host trace.
    let mut deeper = entry.clone();
    deeper.expectedLookups.push(l1::ExpectedLookup { executingLookupIndex: 1, ..lookup.with_key(0, 0, 0) });
    assert_eq!(
        trace_from_entry_and_steps(&deeper, &r.steps, &[]).unwrap_err().path(),
        Some("entry.expectedLookups[1].executingLookupIndex")
    );
}

/// An entry whose every call makes one reentrant call that runs the next call: `depth` frames.
fn nested_chain(depth: usize) -> (l1::ExecutionEntry, Vec<RollingHashStep>) {
    let calls = depth + 1;
    let mut steps = Vec::new();
    for i in 1..=calls {
        steps.push(RollingHashStep::CallBegin { number: U256::from(i) });
        if i < calls {
            steps.push(RollingHashStep::NestedBegin { number: U256::from(i) });
        }
    }
    let end = RollingHashStep::CallEnd { number: U256::from(calls), success: true, ret_data: Bytes::new() };
    steps.push(end.clone());
    for i in (1..calls).rev() {
        steps.push(RollingHashStep::NestedEnd { number: U256::from(i) });
        steps.push(end.clone());
    }
    let entry = l1::ExecutionEntry {
        l2ToL1Calls: vec![l1::L2ToL1Call::default(); calls],
        expectedL1ToL2Calls: vec![l1::ExpectedL1ToL2Call { callCount: U256::from(1), ..Default::default() }; depth],
        callCount: U256::from(1),
        rollingHash: *TaggedRollingHash::new().apply_all(&steps).last().unwrap(),
        ..Default::default()
    };
    (entry, steps)
}

#[test]
fn frame_nesting_is_bounded() {
    use exectable::replay::MAX_FRAME_DEPTH;
    let (entry, steps) = nested_chain(MAX_FRAME_DEPTH);
    let trace = trace_from_entry_and_steps(&entry, &steps, &[]).unwrap();
    assert_eq!(replay(&trace).unwrap().l1_entry(&entry), entry);
    let (entry, steps) = nested_chain(MAX_FRAME_DEPTH + 1);
    let err = trace_from_entry_and_steps(&entry, &steps, &[]).unwrap_err();
    assert!(err.to_string().contains("nested deeper"), "{err}");
    // A trace built in Rust that nests too deep is refused by replay the same way.
    let mut deep = Iteration::Call(TraceCall::default());
    for _ in 0..=MAX_FRAME_DEPTH {
        deep = Iteration::Call(TraceCall {
            success: true,
            inner: vec![InnerEvent::Reentrant(ReentrantCall { calls: vec![deep], ..Default::default() })],
            ..Default::default()
        });
    }
    let err = replay(&Trace { inboundValue: U256::ZERO, calls: vec![deep] }).unwrap_err();
    assert!(err.to_string().contains("nested deeper"), "{err}");
}
