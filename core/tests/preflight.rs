//! Pre-flight of one entry: the e2eScenario cases (unmutated → Success with the recorded post
//! state; every recorded mutation → the recorded revert, or Unpredictable where it needs an
//! EVM), and one unit test per outcome of the §6.3 order.

use alloy_primitives::{address, b256, hex, Address, Bytes, B256, I256, U256};
use exectable::hash::call::{cross_chain_call_hash, CrossChainCallHashInput};
use exectable::hash::rolling::RollingHashStep;
use exectable::preflight::{
    preflight_l1, preflight_l2, Consumption, IncomingCall, L2Consumption, Outcome, PreState, PreflightReport,
    RollupState,
};
use exectable::replay::{
    replay, trace_from_entry_and_steps, trace_from_l2_entry_and_steps, InnerEvent, Iteration, Trace, TraceCall,
    TraceLookup,
};
use exectable::types::{l1, l2};
use exectable::{CanonicalJson, ErrorCode, ProtocolError};
use serde_json::{json, Value};

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/eez-v1-public.json");
const WORKED_EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/traces/worked-example-5.6.json");

/// Recorded mutations whose outcome depends on what the changed call or frame does on chain.
const NEEDS_EVM: &[&str] = &[
    "entries[0].l2ToL1Calls[0].data: byte 0 ^= 0xff",
    "entries[0].expectedL1ToL2Calls[0].returnData: last byte ^= 0xff (or 0x00 appended if empty)",
    "entries[0].incomingCalls[0].data: byte 0 ^= 0xff",
];

fn vector_case(id: &str) -> Value {
    let file: Value = serde_json::from_str(&std::fs::read_to_string(VECTORS).unwrap()).unwrap();
    file["cases"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("{id}")).clone()
}

fn parse<T: CanonicalJson>(v: &Value) -> T {
    T::from_json(v).unwrap_or_else(|e| panic!("{e}: {v}"))
}

fn pre_state(case: &Value) -> PreState {
    PreState {
        rollups: vec![RollupState {
            rollupId: parse(&case["inputs"]["rollupId"]),
            stateRoot: parse(&case["inputs"]["preState"]["stateRoot"]),
            etherBalance: parse(&case["inputs"]["preState"]["etherBalance"]),
        }],
    }
}

fn reverts(report: &PreflightReport) -> &ProtocolError {
    match &report.outcome {
        Outcome::Reverts(e) => e,
        other => panic!("expected a revert, got {other:?}"),
    }
}

/// The recorded `{selector, name, signature, args: [...]}` equals the predicted error.
fn assert_recorded_error(what: &str, predicted: &ProtocolError, recorded: &Value) {
    assert_eq!(predicted.name(), recorded["name"], "{what}");
    assert_eq!(predicted.signature(), recorded["signature"], "{what}");
    assert_eq!(hex::encode_prefixed(predicted.selector()), recorded["selector"], "{what}");
    let args: Vec<Value> = predicted.to_json()["args"].as_object().unwrap().values().cloned().collect();
    assert_eq!(Value::Array(args), recorded["args"], "{what}");
}

fn assert_unpredictable(what: &str, report: &PreflightReport) {
    assert!(matches!(report.outcome, Outcome::Unpredictable { .. }), "{what}: {:?}", report.outcome);
}

/// Runs every recorded mutation of an L1 case; returns (predicted, unpredictable) counts.
fn l1_mutations(case: &Value, consumption: &Consumption, trace: &Trace, revert_key: &str) -> (usize, usize) {
    let pre = pre_state(case);
    let (mut predicted, mut unpredictable) = (0, 0);
    for m in case["expected"]["mutations"].as_array().unwrap() {
        let what = format!("{} / {}", case["id"], m["mutation"]);
        if m["postAndVerifyBatch"] == "reverted" {
            // InvalidProof of the batch itself: postAndVerifyBatch, not consumption.
            assert_eq!(m["postRevert"]["name"], "InvalidProof", "{what}");
            continue;
        }
        let entry: l1::ExecutionEntry = parse(&m["mutatedEntry"]);
        let report = preflight_l1(&entry, &pre, consumption, trace).unwrap();
        if NEEDS_EVM.contains(&m["mutation"].as_str().unwrap()) {
            assert_unpredictable(&what, &report);
            unpredictable += 1;
            continue;
        }
        if m["consumerCall"] == "success" {
            let Outcome::Success { return_data, .. } = &report.outcome else { panic!("{what}: {:?}", report.outcome) };
            assert_eq!(*return_data, parse::<Bytes>(&m["consumerReturnDecoded"]), "{what}");
        } else {
            assert_recorded_error(&what, reverts(&report), &m[revert_key]);
        }
        predicted += 1;
    }
    (predicted, unpredictable)
}

fn assert_success_with_post_state(case: &Value, report: &PreflightReport, return_data: &Bytes) {
    let Outcome::Success { return_data: got, post_state } = &report.outcome else {
        panic!("{}: {:?}", case["id"], report.outcome)
    };
    assert_eq!(got, return_data);
    assert_eq!(post_state.len(), 1);
    assert_eq!(post_state[0].stateRoot, parse::<B256>(&case["expected"]["postState"]["stateRoot"]));
    assert_eq!(post_state[0].etherBalance, parse::<U256>(&case["expected"]["postState"]["etherBalance"]));
    assert!(report.frame_complete);
    assert_eq!(report.rolling_hash, parse::<B256>(&case["expected"]["rollingHash"]));
}

fn l1_trace(case: &Value, values: &[U256]) -> (l1::ExecutionEntry, Trace) {
    let entry: l1::ExecutionEntry = parse(&case["inputs"]["batch"]["entries"][0]);
    let steps: Vec<RollingHashStep> = parse(&case["inputs"]["rollingHashSteps"]);
    let trace = trace_from_entry_and_steps(&entry, &steps, values).unwrap();
    (entry, trace)
}

#[test]
fn e2e_001_deferred_proxy_call() {
    let case = vector_case("e2eScenario-public-001");
    let (entry, trace) = l1_trace(&case, &[]);
    let hash = parse::<CrossChainCallHashInput>(&case["inputs"]["crossChainCallHashInputs"]).hash();
    assert_eq!(hash, parse::<B256>(&case["expected"]["crossChainCallHash"]));
    let consumption = Consumption::ProxyCall {
        cross_chain_call_hash: hash,
        value: parse(&case["inputs"]["proxyCall"]["value"]),
        rollup_id: parse(&case["inputs"]["rollupId"]),
        transient: false,
    };
    let report = preflight_l1(&entry, &pre_state(&case), &consumption, &trace).unwrap();
    assert_success_with_post_state(&case, &report, &parse(&case["expected"]["execution"]["consumerReturnData"]));
    assert_eq!(report.ether_in, parse::<U256>(&case["inputs"]["proxyCall"]["value"]));
    assert_eq!(l1_mutations(&case, &consumption, &trace, "consumerRevert"), (5, 1));
}

#[test]
fn e2e_002_immediate_entry() {
    let case = vector_case("e2eScenario-public-002");
    let (entry, trace) = l1_trace(&case, &[]);
    let report = preflight_l1(&entry, &pre_state(&case), &Consumption::Immediate, &trace).unwrap();
    assert_success_with_post_state(&case, &report, &entry.returnData);
    assert_eq!(report.ether_out, entry.l2ToL1Calls[0].value);
    for m in case["expected"]["mutations"].as_array().unwrap() {
        assert_eq!(m["immediateEntrySkipped"], true);
        assert_eq!(m["stateRootAfter"], case["inputs"]["preState"]["stateRoot"], "a skipped entry leaves the root");
    }
    assert_eq!(l1_mutations(&case, &Consumption::Immediate, &trace, "skippedRevert"), (3, 0));
}

#[test]
fn e2e_003_execute_l2tx_with_reentrant_frame() {
    let case = vector_case("e2eScenario-public-003");
    let (entry, trace) = l1_trace(&case, &[parse(&case["inputs"]["nestedCall"]["value"])]);
    let consumption = Consumption::ExecuteL2TX { rollup_id: U256::from(1), transient: false };
    let report = preflight_l1(&entry, &pre_state(&case), &consumption, &trace).unwrap();
    assert_success_with_post_state(&case, &report, &entry.returnData);
    assert_eq!(report.reentrant_consumed, 1);
    let (predicted, unpredictable) = l1_mutations(&case, &consumption, &trace, "consumerRevert");
    assert_eq!((predicted, unpredictable), (2, 1));

    // The hash mutation predicts ExecutionNotFound through the not-found flag, with its caveat.
    let m = case["expected"]["mutations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["mutation"].as_str().unwrap().contains("crossChainCallHash"))
        .unwrap();
    let report = preflight_l1(&parse(&m["mutatedEntry"]), &pre_state(&case), &consumption, &trace).unwrap();
    assert!(!report.frame_complete);
    assert_eq!(report.notes.len(), 1);
}

#[test]
fn e2e_004_l2_incoming_call_then_proxy_call() {
    let case = vector_case("e2eScenario-public-004");
    let inputs = &case["inputs"];
    let entries: Vec<l2::ExecutionEntry> = parse(&inputs["entries"]);
    let traces: Vec<Trace> = ["entry0", "entry1"]
        .iter()
        .enumerate()
        .map(|(i, k)| {
            trace_from_l2_entry_and_steps(
                &entries[i],
                &parse::<Vec<RollingHashStep>>(&inputs["rollingHashSteps"][k]),
                &[],
            )
            .unwrap()
        })
        .collect();
    let inbound = &inputs["inbound"];
    let incoming = IncomingCall {
        rollupId: parse(&inputs["rollupId"]),
        destination: parse(&inbound["destination"]),
        value: parse(&inbound["value"]),
        data: parse(&inbound["data"]),
        sourceAddress: parse(&inbound["sourceAddress"]),
        sourceRollup: parse(&inbound["sourceRollup"]),
        msgValue: parse(&inputs["systemTx"]["value"]),
    };
    let report = preflight_l2(&entries, &L2Consumption::IncomingCall(incoming.clone()), &traces[0]).unwrap();
    assert_eq!(report.outcome, Outcome::Success { return_data: entries[0].returnData.clone(), post_state: vec![] });
    assert_eq!(report.rolling_hash, parse::<B256>(&case["expected"]["rollingHashes"][0]));
    assert_eq!((report.ether_in, report.ether_out), (U256::ZERO, U256::ZERO), "no ether accounting on L2");

    // The later proxy call: H(0, Q, value, data, l2Caller, ROLLUP_ID) consumes entries[1].
    let call = &inputs["proxyCall"];
    let h = cross_chain_call_hash(
        U256::ZERO,
        parse(&inputs["l1ContractQ"]),
        parse(&call["value"]),
        &parse::<Bytes>(&call["data"]),
        parse(&call["from"]),
        parse(&inputs["rollupId"]),
    );
    assert_eq!(h, parse::<B256>(&case["expected"]["proxyCallCrossChainCallHash"]));
    let proxy = L2Consumption::ProxyCall { cross_chain_call_hash: h };
    let report = preflight_l2(&entries[1..], &proxy, &traces[1]).unwrap();
    let Outcome::Success { return_data, .. } = &report.outcome else { panic!("{:?}", report.outcome) };
    assert_eq!(*return_data, parse::<Bytes>(&case["expected"]["execution"]["consumerReturnData"]));
    assert_eq!(reverts(&preflight_l2(&entries, &proxy, &traces[1]).unwrap()).name(), "ExecutionNotFound");

    let (mut predicted, mut unpredictable) = (0, 0);
    for m in case["expected"]["mutations"].as_array().unwrap() {
        let what = m["mutation"].as_str().unwrap();
        let mut mutated = entries.clone();
        mutated[0] = parse(&m["mutatedEntry0"]);
        let mut call = incoming.clone();
        if what == "msg.value = value - 1" {
            call.msgValue -= U256::from(1);
        }
        let report = preflight_l2(&mutated, &L2Consumption::IncomingCall(call), &traces[0]).unwrap();
        if NEEDS_EVM.contains(&what) {
            assert_unpredictable(what, &report);
            unpredictable += 1;
        } else {
            assert_recorded_error(what, reverts(&report), &m["revert"]);
            predicted += 1;
        }
    }
    assert_eq!((predicted, unpredictable), (3, 1));
}

// ---------------------------------------------------------------------------------------------
// One outcome at a time, on the §5.6 worked example
// ---------------------------------------------------------------------------------------------

const ROOT_A: B256 = b256!("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
const ROOT_B: B256 = b256!("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
const ROOT_C: B256 = b256!("cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc");
const PROXY_HASH: B256 = b256!("1234123412341234123412341234123412341234123412341234123412341234");

fn worked_trace() -> Trace {
    Trace::from_json_str(&std::fs::read_to_string(WORKED_EXAMPLE).unwrap()).unwrap()
}

fn delta(current: B256, new: B256, ether: i64) -> l1::StateDelta {
    l1::StateDelta {
        rollupId: U256::from(1),
        currentState: current,
        newState: new,
        etherDelta: I256::try_from(ether).unwrap(),
    }
}

/// The worked-example entry for rollup 1, consumed by a proxy call with hash `PROXY_HASH`.
fn worked_entry() -> l1::ExecutionEntry {
    replay(&worked_trace()).unwrap().l1_entry(&l1::ExecutionEntry {
        stateDeltas: vec![delta(ROOT_A, ROOT_B, 0)],
        proxyEntryHash: PROXY_HASH,
        destinationRollupId: U256::from(1),
        returnData: Bytes::from_static(b"ok"),
        ..Default::default()
    })
}

fn pre(balance: u64) -> PreState {
    PreState {
        rollups: vec![RollupState { rollupId: U256::from(1), stateRoot: ROOT_A, etherBalance: U256::from(balance) }],
    }
}

fn proxy_call(rollup: u64, transient: bool) -> Consumption {
    Consumption::ProxyCall {
        cross_chain_call_hash: PROXY_HASH,
        value: U256::ZERO,
        rollup_id: U256::from(rollup),
        transient,
    }
}

fn run(entry: &l1::ExecutionEntry) -> PreflightReport {
    preflight_l1(entry, &pre(10), &proxy_call(1, false), &worked_trace()).unwrap()
}

fn error_name(entry: &l1::ExecutionEntry) -> String {
    reverts(&run(entry)).name().to_owned()
}

#[test]
fn unmutated_worked_example_succeeds() {
    let report = run(&worked_entry());
    assert_eq!(
        report.outcome,
        Outcome::Success {
            return_data: Bytes::from_static(b"ok"),
            post_state: vec![RollupState { rollupId: U256::from(1), stateRoot: ROOT_B, etherBalance: U256::from(10) }],
        }
    );
    assert_eq!(report.steps.len(), 12);
    assert_eq!(report.rolling_hash, worked_entry().rollingHash);
    assert_eq!((report.calls_processed, report.reentrant_consumed), (5, 1));
    let json = report.to_json();
    assert_eq!(json["outcome"], "success");
    assert_eq!(json["postState"]["rollups"][0]["stateRoot"], ROOT_B.to_string());
    assert_eq!(json["steps"].as_array().unwrap().len(), 12);
    assert_eq!(json["steps"][11]["accumulator"], report.rolling_hash.to_string());
}

#[test]
fn consumption_match_comes_first() {
    let entry = worked_entry();
    let trace = worked_trace();
    let wrong_hash = Consumption::ProxyCall {
        cross_chain_call_hash: B256::repeat_byte(9),
        value: U256::ZERO,
        rollup_id: U256::from(1),
        transient: false,
    };
    let mut broken = entry.clone();
    broken.stateDeltas[0].currentState = ROOT_C; // would be StateRootMismatch if it ran
    let report = preflight_l1(&broken, &pre(10), &wrong_hash, &trace).unwrap();
    assert_eq!(reverts(&report).name(), "ExecutionNotFound");
    assert!(report.steps.is_empty(), "nothing ran");
    // Transient phase: destinationRollupId must equal the consuming rollup; persistent: not checked.
    assert_eq!(
        reverts(&preflight_l1(&entry, &pre(10), &proxy_call(2, true), &trace).unwrap()).name(),
        "ExecutionNotFound"
    );
    assert!(matches!(
        preflight_l1(&entry, &pre(10), &proxy_call(2, false), &trace).unwrap().outcome,
        Outcome::Success { .. }
    ));
    // executeL2TX needs proxyEntryHash == 0.
    let l2tx = Consumption::ExecuteL2TX { rollup_id: U256::from(1), transient: true };
    assert_eq!(reverts(&preflight_l1(&entry, &pre(10), &l2tx, &trace).unwrap()).name(), "ExecutionNotFound");
    let zero = l1::ExecutionEntry { proxyEntryHash: B256::ZERO, ..entry.clone() };
    assert!(matches!(preflight_l1(&zero, &pre(10), &l2tx, &trace).unwrap().outcome, Outcome::Success { .. }));
    assert!(matches!(
        preflight_l1(&entry, &pre(10), &Consumption::Immediate, &trace).unwrap().outcome,
        Outcome::Success { .. }
    ));
}

#[test]
fn call_count_past_the_array_panics() {
    let mut entry = worked_entry();
    entry.callCount = U256::from(5);
    entry.stateDeltas[0].currentState = ROOT_C; // deltas come after the frame
    let e = reverts(&run(&entry)).clone();
    assert_eq!(e, ProtocolError::Panic(alloy_sol_types::Panic { code: U256::from(0x32) }));
    // A span running past the array panics inside executeInContextAndRevert.
    let mut span = worked_entry();
    span.l2ToL1Calls[4].revertSpan = U256::from(2);
    let e = reverts(&run(&span)).clone();
    assert_eq!(e.name(), "UnexpectedContextRevert");
    assert_eq!(
        e.to_json()["args"]["revertData"],
        hex::encode_prefixed(ProtocolError::Panic(alloy_sol_types::Panic { code: U256::from(0x32) }).encode())
    );
}

#[test]
fn reentrant_miss_sets_not_found_unless_a_delta_fails_first() {
    let mut entry = worked_entry();
    entry.expectedL1ToL2Calls[0].crossChainCallHash = B256::repeat_byte(7);
    let report = run(&entry);
    assert_eq!(reverts(&report).name(), "ExecutionNotFound");
    assert!(!report.frame_complete);
    assert_eq!(report.steps.len(), 3, "CALL_BEGIN 1, CALL_END 1, CALL_BEGIN 2, then the world is unknown");
    entry.stateDeltas[0].currentState = ROOT_C;
    assert_eq!(error_name(&entry), "StateRootMismatch");
    entry.stateDeltas[0] = delta(ROOT_A, ROOT_B, -11);
    assert_eq!(error_name(&entry), "InsufficientRollupBalance");
}

#[test]
fn state_deltas_apply_in_order_and_chain() {
    let mut entry = worked_entry();
    entry.stateDeltas[0].currentState = ROOT_C;
    let e = reverts(&run(&entry)).clone();
    assert_eq!(e.to_json()["args"]["rollupId"], "0x1");
    assert_eq!(e.name(), "StateRootMismatch");
    // Duplicate rollup ids chain: A→B then B→C succeeds; A→B then A→C fails on the second.
    let mut chained = worked_entry();
    chained.stateDeltas = vec![delta(ROOT_A, ROOT_B, 0), delta(ROOT_B, ROOT_C, 0)];
    let Outcome::Success { post_state, .. } = run(&chained).outcome else { panic!() };
    assert_eq!(post_state[0].stateRoot, ROOT_C);
    chained.stateDeltas = vec![delta(ROOT_A, ROOT_B, 0), delta(ROOT_A, ROOT_C, 0)];
    assert_eq!(error_name(&chained), "StateRootMismatch");
    // A rollup missing from the pre-state is bad input, not a prediction.
    let mut other = worked_entry();
    other.stateDeltas[0].rollupId = U256::from(2);
    let err = preflight_l1(&other, &pre(10), &proxy_call(1, false), &worked_trace()).unwrap_err();
    assert_eq!((err.code(), err.path()), (ErrorCode::InvalidArgument, Some("preState.rollups")));
}

#[test]
fn insufficient_rollup_balance() {
    let mut entry = worked_entry();
    entry.stateDeltas[0].etherDelta = I256::try_from(-11).unwrap();
    entry.rollingHash = B256::ZERO; // a later check: must not be reported
    assert_eq!(error_name(&entry), "InsufficientRollupBalance");
}

#[test]
fn end_checks_in_order() {
    let mut entry = worked_entry();
    entry.rollingHash = B256::repeat_byte(1);
    entry.stateDeltas[0].etherDelta = I256::try_from(1).unwrap(); // ether comes last
    assert_eq!(error_name(&entry), "RollingHashMismatch");

    let mut extra_call = worked_entry();
    extra_call.l2ToL1Calls.push(extra_call.l2ToL1Calls[0].clone());
    assert_eq!(error_name(&extra_call), "UnconsumedL2ToL1Calls");

    let mut extra_item = worked_entry();
    extra_item.expectedL1ToL2Calls.push(l1::ExpectedL1ToL2Call::default());
    extra_item.stateDeltas[0].etherDelta = I256::try_from(1).unwrap();
    assert_eq!(error_name(&extra_item), "UnconsumedL1ToL2Calls");

    let mut ether = worked_entry();
    ether.stateDeltas[0].etherDelta = I256::try_from(1).unwrap();
    assert_eq!(error_name(&ether), "EtherDeltaMismatch");
}

/// The worked example with `value` wei on the call inside the reentrant frame (calls[2]) or on
/// the outermost calls[3], in both the trace and the entry.
fn valued(inside_frame: bool, value: u64) -> (l1::ExecutionEntry, Trace) {
    let mut trace = worked_trace();
    let call: &mut TraceCall = if inside_frame {
        let Iteration::Call(go) = &mut trace.calls[1] else { unreachable!() };
        let InnerEvent::Reentrant(frame) = &mut go.inner[0] else { unreachable!() };
        let Iteration::Call(c) = &mut frame.calls[0] else { unreachable!() };
        c
    } else {
        let Iteration::Call(c) = &mut trace.calls[2] else { unreachable!() };
        c
    };
    call.value = U256::from(value);
    let mut entry = worked_entry();
    entry.l2ToL1Calls[if inside_frame { 2 } else { 3 }].value = U256::from(value);
    (entry, trace)
}

#[test]
fn ether_sent_inside_a_reentrant_frame_is_not_ether_out() {
    // §6.5 quirk: 5 wei leave through a nested-frame call with etherDelta 0 → accepted.
    let (entry, trace) = valued(true, 5);
    let report = preflight_l1(&entry, &pre(10), &proxy_call(1, false), &trace).unwrap();
    assert!(matches!(report.outcome, Outcome::Success { .. }), "{:?}", report.outcome);
    assert_eq!(report.ether_out, U256::ZERO);
    // The same call at top level with etherDelta 0 → EtherDeltaMismatch; with −5 → accepted.
    let (mut entry, trace) = valued(false, 5);
    let report = preflight_l1(&entry, &pre(10), &proxy_call(1, false), &trace).unwrap();
    assert_eq!(reverts(&report).name(), "EtherDeltaMismatch");
    assert_eq!(report.ether_out, U256::from(5));
    entry.stateDeltas[0].etherDelta = I256::try_from(-5).unwrap();
    let Outcome::Success { post_state, .. } =
        preflight_l1(&entry, &pre(10), &proxy_call(1, false), &trace).unwrap().outcome
    else {
        panic!()
    };
    assert_eq!(post_state[0].etherBalance, U256::from(5));
    // Inbound value and reentrant values are etherIn.
    let (mut entry, mut trace) = valued(false, 5);
    let Iteration::Call(go) = &mut trace.calls[1] else { unreachable!() };
    let InnerEvent::Reentrant(frame) = &mut go.inner[0] else { unreachable!() };
    frame.value = U256::from(2);
    entry.stateDeltas[0].etherDelta = I256::try_from(100 + 2 - 5).unwrap();
    let inbound = Consumption::ProxyCall {
        cross_chain_call_hash: PROXY_HASH,
        value: U256::from(100),
        rollup_id: U256::from(1),
        transient: false,
    };
    let report = preflight_l1(&entry, &pre(10), &inbound, &trace).unwrap();
    assert!(matches!(report.outcome, Outcome::Success { .. }), "{:?}", report.outcome);
    assert_eq!((report.ether_in, report.ether_out), (U256::from(102), U256::from(5)));
}

#[test]
fn what_the_trace_did_not_observe_is_unpredictable() {
    let unpredictable = |entry: &l1::ExecutionEntry, why: &str| {
        let report = run(entry);
        let Outcome::Unpredictable { reason } = &report.outcome else { panic!("{why}: {:?}", report.outcome) };
        assert!(reason.contains(why), "{reason:?} should mention {why:?}");
    };
    let mut data = worked_entry();
    data.l2ToL1Calls[3].data = Bytes::from_static(&[1, 2, 3, 4]);
    unpredictable(&data, "entry.l2ToL1Calls[3].data");
    let mut ret = worked_entry();
    ret.expectedL1ToL2Calls[0].returnData = Bytes::new();
    unpredictable(&ret, "entry.expectedL1ToL2Calls[0].returnData");
    let mut more = worked_entry();
    more.l2ToL1Calls.push(more.l2ToL1Calls[0].clone());
    more.callCount = U256::from(5);
    unpredictable(&more, "more executed calls than observed");
    let mut no_span = worked_entry();
    no_span.l2ToL1Calls[4].revertSpan = U256::ZERO;
    unpredictable(&no_span, "revert span");
    let mut short_frame = worked_entry();
    short_frame.expectedL1ToL2Calls[0].callCount = U256::ZERO;
    short_frame.callCount = U256::from(5);
    unpredictable(&short_frame, "expectedL1ToL2Calls[0].callCount");
    let mut long_frame = worked_entry();
    long_frame.expectedL1ToL2Calls[0].callCount = U256::from(2);
    unpredictable(&long_frame, "more executed calls than observed");
    let mut no_lookup = worked_entry();
    no_lookup.expectedLookups.clear();
    unpredictable(&no_lookup, "static lookup");
    let mut other_lookup = worked_entry();
    other_lookup.expectedLookups[0].returnData = Bytes::new();
    unpredictable(&other_lookup, "entry.expectedLookups[0]");
    let mut reverting = worked_entry();
    reverting.expectedL1ToL2Calls[0].crossChainCallHash = B256::repeat_byte(7);
    reverting.expectedLookups.push(l1::ExpectedLookup {
        crossChainCallHash: replay(&worked_trace()).unwrap().expected_l1_to_l2_calls[0].crossChainCallHash,
        failed: true,
        l2ToL1CallNumber: 2,
        lastL1ToL2CallConsumed: 0,
        ..Default::default()
    });
    unpredictable(&reverting, "would revert");
}

#[test]
fn reverted_lookups_resolve_from_the_entry() {
    let lookup = TraceLookup {
        crossChainCallHash: B256::repeat_byte(0x44),
        returnData: hex!("deadbeef").to_vec().into(),
        failed: true,
        ..Default::default()
    };
    let call = |inner| TraceCall {
        targetAddress: address!("00000000000000000000000000000000000000c1"),
        data: Bytes::from_static(&[1]),
        sourceAddress: Address::repeat_byte(2),
        sourceRollupId: U256::from(1),
        success: true,
        inner,
        ..Default::default()
    };
    let trace = Trace {
        inboundValue: U256::ZERO,
        calls: vec![Iteration::Call(call(vec![InnerEvent::RevertedLookup(lookup.clone())]))],
    };
    let base = l1::ExecutionEntry {
        stateDeltas: vec![delta(ROOT_A, ROOT_B, 0)],
        proxyEntryHash: PROXY_HASH,
        destinationRollupId: U256::from(1),
        ..Default::default()
    };
    let entry = replay(&trace).unwrap().l1_entry(&base);
    let ok = preflight_l1(&entry, &pre(0), &proxy_call(1, false), &trace).unwrap();
    assert!(matches!(ok.outcome, Outcome::Success { .. }), "{:?}", ok.outcome);
    // The lookup missing: on L1 the call gets empty bytes and the not-found flag.
    let mut missing = entry.clone();
    missing.expectedLookups.clear();
    assert_eq!(
        reverts(&preflight_l1(&missing, &pre(0), &proxy_call(1, false), &trace).unwrap()).name(),
        "ExecutionNotFound"
    );
    // Nested lookups inside its sub-execution were not traced.
    let mut deeper = entry.clone();
    deeper.expectedLookups.push(l1::ExpectedLookup { executingLookupIndex: 1, ..Default::default() });
    assert!(matches!(
        preflight_l1(&deeper, &pre(0), &proxy_call(1, false), &trace).unwrap().outcome,
        Outcome::Unpredictable { .. }
    ));
    // A reentrant item with the lookup's hash would run a frame instead of reverting.
    let mut frame = entry.clone();
    frame
        .expectedL1ToL2Calls
        .push(l1::ExpectedL1ToL2Call { crossChainCallHash: lookup.crossChainCallHash, ..Default::default() });
    assert!(matches!(
        preflight_l1(&frame, &pre(0), &proxy_call(1, false), &trace).unwrap().outcome,
        Outcome::Unpredictable { .. }
    ));
}

// ---------------------------------------------------------------------------------------------
// L2
// ---------------------------------------------------------------------------------------------

fn l2_setup() -> (IncomingCall, Vec<l2::ExecutionEntry>, Trace) {
    let incoming = IncomingCall {
        rollupId: U256::from(3),
        destination: address!("00000000000000000000000000000000000000d1"),
        value: U256::from(4),
        data: Bytes::from_static(&[0xd0, 0xe3, 0x0d, 0xb0]),
        sourceAddress: Address::repeat_byte(0xff),
        sourceRollup: U256::ZERO,
        msgValue: U256::from(4),
    };
    let h = cross_chain_call_hash(
        U256::from(3),
        incoming.destination,
        U256::from(4),
        &incoming.data,
        incoming.sourceAddress,
        U256::ZERO,
    );
    let trace = worked_trace();
    let entry = replay(&trace).unwrap().l2_entry(h, Bytes::from_static(b"r"));
    (incoming, vec![entry], trace)
}

fn l2_error(entries: &[l2::ExecutionEntry], call: &IncomingCall, trace: &Trace) -> String {
    reverts(&preflight_l2(entries, &L2Consumption::IncomingCall(call.clone()), trace).unwrap()).name().to_owned()
}

#[test]
fn l2_incoming_call_outcomes_in_order() {
    let (call, entries, trace) = l2_setup();
    let ok = preflight_l2(&entries, &L2Consumption::IncomingCall(call.clone()), &trace).unwrap();
    assert_eq!(ok.outcome, Outcome::Success { return_data: Bytes::from_static(b"r"), post_state: vec![] });
    assert_eq!(l2_error(&[], &call, &trace), "EmptyEntries");
    let short = IncomingCall { msgValue: U256::from(3), ..call.clone() };
    assert_eq!(l2_error(&entries, &short, &trace), "ValueMismatch");
    let other = IncomingCall { data: Bytes::new(), ..call.clone() };
    assert_eq!(l2_error(&entries, &other, &trace), "EntryHashMismatch");
    let mut bad_hash = entries.clone();
    bad_hash[0].rollingHash = B256::ZERO;
    assert_eq!(l2_error(&bad_hash, &call, &trace), "RollingHashMismatch");
    let mut extra_call = entries.clone();
    let first = extra_call[0].incomingCalls[0].clone();
    extra_call[0].incomingCalls.push(first);
    assert_eq!(l2_error(&extra_call, &call, &trace), "UnconsumedIncomingCalls");
    let mut extra_item = entries.clone();
    extra_item[0].expectedOutgoingCalls.push(l2::ExpectedOutgoingCrossChainCall::default());
    assert_eq!(l2_error(&extra_item, &call, &trace), "UnconsumedOutgoingCalls");
    // On L2 a reentrant miss reverts into the caller at once: needs an EVM.
    let mut miss = entries.clone();
    miss[0].expectedOutgoingCalls[0].crossChainCallHash = B256::ZERO;
    assert!(matches!(
        preflight_l2(&miss, &L2Consumption::IncomingCall(call), &trace).unwrap().outcome,
        Outcome::Unpredictable { .. }
    ));
}

#[test]
fn l2_proxy_call_needs_the_next_entry_hash() {
    let (_, entries, trace) = l2_setup();
    let good = L2Consumption::ProxyCall { cross_chain_call_hash: entries[0].proxyEntryHash };
    assert!(matches!(preflight_l2(&entries, &good, &trace).unwrap().outcome, Outcome::Success { .. }));
    let bad = L2Consumption::ProxyCall { cross_chain_call_hash: B256::ZERO };
    assert_eq!(reverts(&preflight_l2(&entries, &bad, &trace).unwrap()).name(), "ExecutionNotFound");
    assert_eq!(reverts(&preflight_l2(&[], &good, &trace).unwrap()).name(), "ExecutionNotFound");
}

#[test]
fn inputs_round_trip_through_json() {
    for c in [
        proxy_call(1, true),
        Consumption::ExecuteL2TX { rollup_id: U256::from(2), transient: false },
        Consumption::Immediate,
    ] {
        assert_eq!(Consumption::from_json(&c.to_json()).unwrap(), c);
    }
    assert_eq!(Consumption::from_json(&json!("immediate")).unwrap(), Consumption::Immediate);
    assert_eq!(
        Consumption::from_json(&json!({"executeL2TX": {"rollupId": "0x1"}})).unwrap(),
        Consumption::ExecuteL2TX { rollup_id: U256::from(1), transient: false }
    );
    assert_eq!(
        Consumption::from_json(&json!({"proxyCall": {}, "immediate": {}})).unwrap_err().code(),
        ErrorCode::JsonShape
    );
    assert_eq!(PreState::from_json(&pre(7).to_json()).unwrap(), pre(7));
    let (call, _, _) = l2_setup();
    let l2c = L2Consumption::IncomingCall(call);
    assert_eq!(L2Consumption::from_json(&l2c.to_json()).unwrap(), l2c);
}
