//! Manager calldata read as the compiled contract reads it (`DecodeMode::Evm`). Differential:
//! an Evm-accepted input re-encodes to canonical bytes that the strict decoder accepts with equal
//! values; the layout is canonical exactly when the input is those bytes; whatever the strict
//! decoder accepts, the Evm decoder accepts too, canonical and with the same value.
#![no_main]

use exectable::abi::mode::DecodeMode;
use exectable::ManagerCall;
use exectable_fuzz::ok;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let strict = ManagerCall::decode(data);
    let Some(evm) = ok(ManagerCall::decode_with(data, DecodeMode::Evm)) else {
        assert!(strict.is_err(), "strict accepted what the Evm decoder refused");
        return;
    };
    let canonical = evm.value.encode();
    let again = ManagerCall::decode(&canonical).expect("the re-encoding of an Evm decode is canonical");
    assert_eq!(again, evm.value, "{}: Evm value changed through re-encoding", evm.value.function_name());
    assert_eq!(evm.layout.is_canonical(), canonical == data, "layout says canonical iff the input is canonical");
    if let Ok(call) = strict {
        assert_eq!(call, evm.value, "strict and Evm read different values from a canonical input");
    }
});
