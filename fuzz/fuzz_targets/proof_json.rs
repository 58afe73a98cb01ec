//! The JSON inclusion proof (`{"format", "tableCommitment", "indices", "siblings"}`).
//! Differential: a parsed proof round-trips through its JSON and through the binary encoding.
#![no_main]

use exectable::commit::InclusionProof;
use exectable_fuzz::{json_round_trip, ok, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let Some(proof) = ok(exectable::CanonicalJson::from_json_str(text)) else { return };
    let proof: InclusionProof = proof;
    json_round_trip(&proof);
    let bytes = proof.encode().expect("a parsed proof has fewer than 2^32 indices and siblings");
    assert_eq!(bytes.len(), proof.encoded_len());
    assert_eq!(InclusionProof::decode(&bytes).ok().as_ref(), Some(&proof), "JSON → binary → proof");
});
