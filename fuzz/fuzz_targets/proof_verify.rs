//! Inclusion-proof verification as `exectable verify proof` runs it, from one JSON request (the
//! inputs of an `inclusionProofTampered` vector): `{"commitment": digest | record, "proof":
//! binary hex | proof JSON, "items": [entry / lookup call / tagged item / hash, …]}`.
//! Properties: no panic; a VALID verdict names one leaf per item under the trusted commitment;
//! the binary and JSON forms of the proof give the same verdict.
#![no_main]

use exectable::abi::layout::Path;
use exectable::commit::{ExpectedCommitment, InclusionProof, ProofItem};
use exectable::json::parse_hex;
use exectable::CanonicalJson;
use exectable_fuzz::{check_error, json, ok};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some(request) = json(data) else { return };
    let Some(commitment) = request.get("commitment") else { return };
    let Some(expected) = ok(ExpectedCommitment::from_json(commitment)) else { return };
    let proof = match request.get("proof") {
        Some(Value::String(hex)) => {
            ok(parse_hex(hex, &Path::Root("proof"))).and_then(|b| ok(InclusionProof::decode(&b)))
        }
        Some(object) => ok(InclusionProof::from_json(object)),
        None => None,
    };
    let Some(proof) = proof else { return };
    let Some(Value::Array(raw_items)) = request.get("items") else { return };
    let Some(items) = raw_items.iter().map(|v| ok(ProofItem::from_any_json(v))).collect::<Option<Vec<_>>>() else {
        return;
    };
    let verdict = proof.verify(&expected, &items);
    match &verdict {
        Ok(ok) => {
            assert_eq!(ok.leaves.len(), items.len(), "one leaf per item");
            assert_eq!(ok.commitment, expected.digest(), "verified under the trusted commitment");
            assert_eq!(ok.commitment, proof.commitment.digest());
        }
        Err(e) => check_error(e),
    }
    if let Ok(bytes) = proof.encode() {
        let again = InclusionProof::verify_encoded(&bytes, &expected, &items);
        assert_eq!(verdict.is_ok(), again.is_ok(), "binary form verifies differently");
        if let (Err(a), Err(b)) = (&verdict, &again) {
            assert_eq!(a.code(), b.code(), "binary form rejects for another reason");
        }
    }
});
