//! Manager calldata (every function that carries protocol data, chosen by selector), strictly
//! decoded. Differential: a decoded call re-encodes to exactly the input, and its JSON
//! (`{"function", "selector", "args"}`) round-trips.
#![no_main]

use exectable::ManagerCall;
use exectable_fuzz::{json_round_trip, ok};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(call) = ok(ManagerCall::decode(data)) else { return };
    assert_eq!(call.encode(), data, "{}: decode → encode changed the calldata", call.function_name());
    assert_eq!(call.selector(), data[..4], "selector");
    json_round_trip(&call);
});
