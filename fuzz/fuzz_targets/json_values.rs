//! Canonical JSON of every non-struct type a user hands in: the primitives, manager calls,
//! events, custom errors, rolling-hash steps, trace pieces, table commitments, inclusion proofs,
//! proof items, membership queries, rollup verification inputs, pre-flight inputs, OCP execution
//! tables and calldata-or-JSON text. The first byte picks the type, the rest is JSON text.
//! Property: whatever parses round-trips through its canonical JSON (see `json_round_trip`).
#![no_main]

use alloy_primitives::{Address, Bytes, B256, I256, U256};
use exectable::abi::calldata::CallOrJson;
use exectable::commit::{ExpectedCommitment, InclusionProof, ProofItem, TableCommitment};
use exectable::hash::call::CrossChainCallHashInput;
use exectable::hash::rolling::{CallOutcome, RollingHashStep};
use exectable::inclusion::ItemQuery;
use exectable::ocp::ExecutionTable;
use exectable::preflight::{Consumption, L2Consumption, PreState};
use exectable::public_inputs::RollupVerificationInput;
use exectable::replay::{InnerEvent, Iteration, Trace, TraceLookup};
use exectable::{CanonicalJson, L1Event, L2Event, ManagerCall, ProtocolError};
use exectable_fuzz::{json, json_round_trip, ok, selector, text};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use std::fmt::Debug;

fn round_trip<T: CanonicalJson + PartialEq + Debug>(value: &Value) {
    if let Some(v) = ok(T::from_json(value)) {
        json_round_trip(&v);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((sel, rest)) = selector(data) else { return };
    if sel % 32 == 31 {
        // Text as users hold a manager call: calldata hex, call JSON, or other JSON.
        let Some(text) = text(rest) else { return };
        if let Some(CallOrJson::Call(call)) = ok(CallOrJson::from_text(text)) {
            json_round_trip(&*call);
            assert_eq!(ManagerCall::decode(&call.encode()).ok().as_ref(), Some(&*call), "calldata round trip");
        }
        if let Some(table) = ok(ExecutionTable::from_text(text)) {
            let back = ExecutionTable::from_json(&table.to_json()).expect("table JSON parses back");
            assert_eq!(back, table, "execution table JSON round trip");
        }
        return;
    }
    let Some(value) = json(rest) else { return };
    match sel % 32 {
        0 => round_trip::<U256>(&value),
        1 => round_trip::<u64>(&value),
        2 => round_trip::<I256>(&value),
        3 => round_trip::<Address>(&value),
        4 => round_trip::<B256>(&value),
        5 => round_trip::<Bytes>(&value),
        6 => round_trip::<Vec<U256>>(&value),
        7 => round_trip::<bool>(&value),
        8 => round_trip::<ManagerCall>(&value),
        9 => round_trip::<L1Event>(&value),
        10 => round_trip::<L2Event>(&value),
        11 => round_trip::<ProtocolError>(&value),
        12 => round_trip::<RollingHashStep>(&value),
        13 => round_trip::<Vec<RollingHashStep>>(&value),
        14 => round_trip::<Trace>(&value),
        15 => round_trip::<Iteration>(&value),
        16 => round_trip::<InnerEvent>(&value),
        17 => round_trip::<TraceLookup>(&value),
        18 => round_trip::<TableCommitment>(&value),
        19 => round_trip::<ExpectedCommitment>(&value),
        20 => round_trip::<InclusionProof>(&value),
        21 => round_trip::<ProofItem>(&value),
        22 => {
            if let Some(item) = ok(ProofItem::from_any_json(&value)) {
                json_round_trip(&item);
                assert_eq!(ProofItem::from_any_json(&item.to_json()).ok(), Some(item), "tagged form");
            }
        }
        23 => round_trip::<ItemQuery>(&value),
        24 => round_trip::<RollupVerificationInput>(&value),
        25 => round_trip::<Consumption>(&value),
        26 => round_trip::<L2Consumption>(&value),
        27 => round_trip::<PreState>(&value),
        28 => {
            if let Some(input) = ok(CrossChainCallHashInput::from_json(&value)) {
                json_round_trip(&input);
                assert_eq!(alloy_primitives::keccak256(input.preimage()), input.hash(), "call hash of its preimage");
            }
        }
        29 => round_trip::<CallOutcome>(&value),
        _ => {
            if let Some(table) = ok(ExecutionTable::from_json(&value)) {
                let back = ExecutionTable::from_json(&table.to_json()).expect("table JSON parses back");
                assert_eq!(back, table, "execution table JSON round trip");
                let l2 = matches!(table, ExecutionTable::L2Table { .. });
                let observed = ExecutionTable::from_observation(&table.observation(), l2).expect("observation decodes");
                assert_eq!(observed, table, "execution table observation round trip");
            }
        }
    }
});
