//! Helpers shared by the fuzz targets in `fuzz_targets/`: input splitting and the properties
//! every target asserts (no panic is implied by libFuzzer itself; these add the oracles).

use exectable::{CanonicalJson, Error, ErrorCode};
use serde_json::Value;
use std::fmt::Debug;

/// The input as UTF-8 text, if it is.
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The input as a JSON value, if it is UTF-8 JSON (parsed with core's parser).
pub fn json(data: &[u8]) -> Option<Value> {
    exectable::json::parse_json(text(data)?).ok()
}

/// The first byte (a selector: kind, side, mode) and the rest.
pub fn selector(data: &[u8]) -> Option<(u8, &[u8])> {
    data.split_first().map(|(s, rest)| (*s, rest))
}

/// Checks what every error must satisfy: a code, a message, and never `AbiRejected` (110), which
/// means alloy refused bytes the strict layout walk accepted — a bug in the layout check.
#[track_caller]
pub fn check_error(e: &Error) {
    assert_ne!(e.code(), ErrorCode::AbiRejected, "the layout check accepted bytes alloy rejects: {e}");
    assert!(!e.to_string().is_empty(), "empty error message for {:?}", e.code());
}

/// `Ok` values pass through; errors are checked with [`check_error`] and dropped.
#[track_caller]
pub fn ok<T>(r: exectable::Result<T>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            check_error(&e);
            None
        }
    }
}

/// The canonical-JSON round trip of a parsed value: its JSON parses back to the same value, and
/// that value writes the same JSON (output is canonical: a fixed point). The pretty text form
/// round-trips too.
#[track_caller]
pub fn json_round_trip<T: CanonicalJson + PartialEq + Debug>(value: &T) {
    let j = value.to_json();
    let back = match T::from_json(&j) {
        Ok(back) => back,
        Err(e) => panic!("canonical JSON of {value:?} does not parse back: {e}\n{j}"),
    };
    assert_eq!(&back, value, "JSON round trip changed the value\n{j}");
    assert_eq!(back.to_json(), j, "canonical JSON is not a fixed point");
    let from_text = T::from_json_str(&value.to_json_string()).expect("canonical JSON text parses back");
    assert_eq!(&from_text, value, "JSON text round trip changed the value");
}
