//! Proof inputs: the request `exectable public-inputs` reads (`{"batch": batch | call JSON |
//! calldata hex, "rollups", "blobHashes" | "blobVersionedHashes"}`, or a `publicInputsHash`
//! vector case) and the document `exectable public-inputs --verify` re-checks. Differential: a
//! document built from a request verifies with no mismatch and recomputes to itself; an
//! arbitrary document verifies without panicking.
#![no_main]

use exectable::public_inputs::{ProofInputDocument, ProofInputRequest};
use exectable_fuzz::{json, ok};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(value) = json(data) else { return };
    if let Some(report) = ok(ProofInputDocument::verify(&value)) {
        let _ = (report.is_ok(), report.to_json());
    }
    let Some(request) = ok(ProofInputRequest::from_json(&value)) else { return };
    let Some(document) = ok(request.build()) else { return };
    let json = document.to_json();
    let report = ProofInputDocument::verify(&json).unwrap_or_else(|e| panic!("a built document does not verify: {e}"));
    assert!(report.is_ok(), "a built document has mismatches: {}", report.to_json());
    assert_eq!(report.document, document, "verify recomputed another document");
    assert_eq!(report.document.to_json(), json);
    let _ = document.proof_observations();
});
