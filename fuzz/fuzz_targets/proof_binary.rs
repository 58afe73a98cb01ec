//! The binary inclusion-proof encoding (`89 + 8k + 32s` bytes). Differential: a decoded proof
//! re-encodes to exactly the input, its JSON round-trips, and its binary and JSON forms verify
//! to the same verdict. The proof is then verified against its own commitment (digest and
//! record) with item hashes taken from the proof itself (zero, its siblings, its root, its leaf
//! nodes), which drives every rejection path of `verify` over hostile counts and indices.
#![no_main]

use alloy_primitives::B256;
use exectable::commit::{leaf_node, ExpectedCommitment, InclusionProof};
use exectable::CanonicalJson;
use exectable_fuzz::{check_error, json_round_trip, ok};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(proof) = ok(InclusionProof::decode(data)) else { return };
    assert_eq!(proof.encode().ok().as_deref(), Some(data), "decode → encode changed the proof");
    assert_eq!(proof.encoded_len(), data.len());
    json_round_trip(&proof);
    let from_json = InclusionProof::from_json(&proof.to_json()).expect("proof JSON parses back");

    let k = proof.indices.len();
    let pick = |i: usize| proof.siblings.get(i).copied().unwrap_or_default();
    let candidates: [Vec<B256>; 4] = [
        vec![B256::ZERO; k],
        (0..k).map(pick).collect(),
        vec![proof.commitment.root; k],
        (0..k).map(|i| leaf_node(&pick(i))).collect(),
    ];
    for expected in
        [ExpectedCommitment::Digest(proof.commitment.digest()), ExpectedCommitment::Record(proof.commitment)]
    {
        for hashes in &candidates {
            let verdict = proof.verify_hashes(&expected, hashes);
            match &verdict {
                Ok(ok) => {
                    assert_eq!(ok.leaves.len(), k, "one leaf per index");
                    assert_eq!(ok.commitment, proof.commitment.digest());
                }
                Err(e) => check_error(e),
            }
            let same = from_json.verify_hashes(&expected, hashes);
            assert_eq!(verdict.is_ok(), same.is_ok(), "binary and JSON forms disagree");
            if let (Err(a), Err(b)) = (&verdict, &same) {
                assert_eq!(a.code(), b.code(), "binary and JSON forms disagree on the reason");
            }
        }
    }
});
