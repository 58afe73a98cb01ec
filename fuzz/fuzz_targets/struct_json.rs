//! Canonical JSON of every protocol struct (the first byte picks the `StructKind`, the rest is
//! JSON text). Differential JSON → ABI → JSON: a value that parses encodes, the bytes decode
//! strictly, the decoded JSON encodes to the same bytes, and that JSON is a fixed point.
#![no_main]

use exectable::types::StructKind;
use exectable_fuzz::{json, ok, selector};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((sel, rest)) = selector(data) else { return };
    let kind = StructKind::ALL[usize::from(sel) % StructKind::ALL.len()];
    let Some(value) = json(rest) else { return };
    let Some(bytes) = ok(kind.encode_from_json(&value)) else { return };
    let name = kind.name();
    let canonical = kind.decode_to_json(&bytes).unwrap_or_else(|e| panic!("{name}: encoding does not decode: {e}"));
    let again = kind.encode_from_json(&canonical).unwrap_or_else(|e| panic!("{name}: canonical JSON rejected: {e}"));
    assert_eq!(again, bytes, "{name}: JSON → ABI → JSON → ABI changed the bytes");
    assert_eq!(kind.decode_to_json(&again).ok().as_ref(), Some(&canonical), "{name}: canonical JSON not a fixed point");
});
