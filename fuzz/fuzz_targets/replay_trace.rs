//! Execution traces (`docs/TRACE.md`): parsed, round-tripped through their JSON, replayed.
//! Differential replay → rebuild → replay: when the entry and fold steps a replay produces
//! rebuild into a trace (L1 and L2 shapes), that trace replays to the same steps and entry.
#![no_main]

use alloy_primitives::{Bytes, B256};
use exectable::replay::{replay, trace_from_entry_and_steps, trace_from_l2_entry_and_steps, Trace};
use exectable::types::l1;
use exectable::CanonicalJson;
use exectable_fuzz::{json, json_round_trip, ok};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(value) = json(data) else { return };
    let Some(trace) = ok(Trace::from_json(&value)) else { return };
    json_round_trip(&trace);
    let Some(r) = ok(replay(&trace)) else { return };
    let _ = r.to_json();
    assert_eq!(r.steps.len(), r.accumulators.len(), "one accumulator per step");
    assert_eq!(r.accumulators.last().copied().unwrap_or_default(), r.rolling_hash);
    assert_eq!(r.reentrant_values.len(), r.expected_l1_to_l2_calls.len());

    let base = l1::ExecutionEntry::default();
    let entry = r.l1_entry(&base);
    if let Some(rebuilt) = ok(trace_from_entry_and_steps(&entry, &r.steps, &r.reentrant_values)) {
        let again = replay(&rebuilt).expect("a rebuilt trace replays");
        assert_eq!(again.steps, r.steps, "rebuilt trace folds other steps");
        assert_eq!(again.l1_entry(&base), entry, "rebuilt trace gives another entry");
    }
    let l2_entry = r.l2_entry(B256::ZERO, Bytes::new());
    if let Some(rebuilt) = ok(trace_from_l2_entry_and_steps(&l2_entry, &r.steps, &r.reentrant_values)) {
        let again = replay(&rebuilt).expect("a rebuilt L2 trace replays");
        assert_eq!(again.steps, r.steps, "rebuilt L2 trace folds other steps");
    }
});
