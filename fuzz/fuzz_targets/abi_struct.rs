//! `abi.encode(struct)` of every protocol struct, strictly decoded (the first byte picks the
//! `StructKind`). Differential: when decoding succeeds, its canonical JSON encodes back to exactly
//! the input bytes (strict decoding accepts only the canonical encoding).
#![no_main]

use exectable::types::StructKind;
use exectable_fuzz::{ok, selector};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((sel, bytes)) = selector(data) else { return };
    let kind = StructKind::ALL[usize::from(sel) % StructKind::ALL.len()];
    let Some(json) = ok(kind.decode_to_json(bytes)) else { return };
    let again =
        kind.encode_from_json(&json).unwrap_or_else(|e| panic!("{}: decoded JSON does not encode: {e}", kind.name()));
    assert_eq!(again, bytes, "{}: decode → encode changed the bytes", kind.name());
    assert_eq!(kind.decode_to_json(&again).ok(), Some(json), "{}: decode is not deterministic", kind.name());
});
