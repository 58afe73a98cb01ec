//! The execution table an OCP artifact commits to: its observation bytes (`abi.encode(batch)` on
//! L1, `abi.encode(entries, lookupCalls)` on L2; byte 0 bit 0 picks the side) and the text forms
//! `exectable ocp` reads (calldata hex, call JSON, batch / table JSON; byte 0 bit 1 picks text).
//! Differential: a decoded table's observation is exactly the input bytes, and every table
//! round-trips through its JSON and its observation.
#![no_main]

use exectable::ocp::ExecutionTable;
use exectable_fuzz::{ok, selector, text};
use libfuzzer_sys::fuzz_target;

fn round_trips(table: &ExecutionTable) {
    let back = ExecutionTable::from_json(&table.to_json()).expect("table JSON parses back");
    assert_eq!(&back, table, "table JSON round trip");
    let l2 = matches!(table, ExecutionTable::L2Table { .. });
    let observed = ExecutionTable::from_observation(&table.observation(), l2).expect("the observation decodes");
    assert_eq!(&observed, table, "observation round trip");
    let _ = table.kind();
}

fuzz_target!(|data: &[u8]| {
    let Some((sel, rest)) = selector(data) else { return };
    if sel & 2 == 0 {
        let Some(table) = ok(ExecutionTable::from_observation(rest, sel & 1 == 1)) else { return };
        assert_eq!(table.observation(), rest, "decode → observation changed the bytes");
        round_trips(&table);
    } else {
        let Some(text) = text(rest) else { return };
        let Some(table) = ok(ExecutionTable::from_text(text)) else { return };
        round_trips(&table);
    }
});
