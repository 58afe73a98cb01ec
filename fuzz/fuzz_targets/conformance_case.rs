//! One golden-vector case of any kind (`{"id", "kind", "inputs", "expected"}`) through the
//! conformance runner (`exectable conformance`), which reads every input with core's strict
//! parsers. Property: no panic; the report counts the case exactly once.
#![no_main]

use exectable::conformance::run_vectors;
use exectable_fuzz::{json, ok};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(case) = json(data) else { return };
    let file = serde_json::json!({ "cases": [case] });
    let Some(report) = ok(run_vectors(&file, &[])) else { return };
    assert_eq!(report.passed() + report.failed(), 1, "one case, one count");
    assert_eq!(report.failures.len(), report.failed());
});
