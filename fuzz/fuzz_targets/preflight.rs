//! Pre-flight requests (`exectable preflight`): L1 `{"entry", "preState", "consumption",
//! "trace"}` and L2 `{"side": "l2", "entries", "consumption", "trace"}`. Property: no panic, and
//! every report has a JSON form.
#![no_main]

use exectable::preflight::preflight_request;
use exectable_fuzz::{json, ok};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(value) = json(data) else { return };
    if let Some(report) = ok(preflight_request(&value)) {
        let _ = report.to_json();
    }
});
