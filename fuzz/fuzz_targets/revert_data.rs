//! Revert data: every custom error of the contracts, `Panic(uint256)` and `Error(string)`.
//! Differential: a decoded error re-encodes to exactly the input and its JSON round-trips.
//! One documented exception to "never `AbiRejected`" (`core/src/abi/revert.rs`): an
//! `Error(string)` whose canonical layout holds a reason that is not UTF-8 is refused with 110.
#![no_main]

use exectable::{decode_revert, ErrorCode};
use exectable_fuzz::{check_error, json_round_trip};
use libfuzzer_sys::fuzz_target;

/// `Error(string)` (`0x08c379a0`) data whose reason bytes (length word at 36, bytes from 68) are
/// not UTF-8.
fn error_string_not_utf8(data: &[u8]) -> bool {
    let Some(len_word) = data.get(36..68) else { return false };
    let len = usize::try_from(u64::from_be_bytes(len_word[24..].try_into().expect("8 bytes"))).unwrap_or(usize::MAX);
    data.starts_with(&[0x08, 0xc3, 0x79, 0xa0])
        && data.get(68..68usize.saturating_add(len)).is_some_and(|reason| std::str::from_utf8(reason).is_err())
}

fuzz_target!(|data: &[u8]| {
    match decode_revert(data) {
        Ok(error) => {
            assert_eq!(error.encode(), data, "{}: decode → encode changed the revert data", error.name());
            assert_eq!(error.selector(), data[..4], "selector");
            json_round_trip(&error);
        }
        Err(e) if e.code() == ErrorCode::AbiRejected && error_string_not_utf8(data) => {}
        Err(e) => check_error(&e),
    }
});
