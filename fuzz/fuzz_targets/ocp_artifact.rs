//! OCP artifacts (the `ocp-1` proof file and the v1.0 envelope) from JSON. Properties: a parsed
//! artifact round-trips through its JSON; a complete `ocp-1` file passes the schema; the strict
//! parser accepts only what the lenient one does; verification against an observation (the input
//! text, and the empty one) yields a coherent report. Differential produce → verify: an artifact
//! produced from the parsed one's members for the input bytes re-parses to itself and verifies.
//! The envelope's UTC timestamps are produced from times derived from the input.
#![no_main]

use exectable::ocp::schema::{proof_file_violations, validate_proof_file};
use exectable::ocp::time::{is_rfc3339, utc_from_unix_ms};
use exectable::ocp::{verify, EnvelopeInput, OcpArtifact, OcpEnvelope, OcpProofFile, ProofFileInput};
use exectable_fuzz::{check_error, ok, text};
use libfuzzer_sys::fuzz_target;

fn check_report(artifact: &OcpArtifact, observation: &[u8]) {
    let report = verify(artifact, observation, None);
    assert_eq!(report.is_valid(), report.error().is_none());
    if let Some(e) = report.error() {
        check_error(&e);
    }
    let _ = (report.to_json(), report.to_string());
}

fn produced_verifies(produced: OcpArtifact, observation: &[u8]) {
    let reparsed = OcpArtifact::from_json(&produced.to_json())
        .unwrap_or_else(|e| panic!("a produced artifact does not parse: {e}\n{}", produced.to_json()));
    assert_eq!(reparsed, produced, "produced artifact JSON round trip");
    let report = verify(&produced, observation, None);
    assert!(report.is_valid(), "a produced artifact does not verify: {:?}", report.error());
}

fuzz_target!(|data: &[u8]| {
    // A time anywhere in u64, often small: the top bits of a hash of the input, shifted down.
    let h = alloy_primitives::keccak256(data);
    let ms = u64::from_be_bytes(h.0[..8].try_into().expect("8 bytes")) >> (h.0[8] % 64);
    let _ = is_rfc3339(&utc_from_unix_ms(ms));

    let Some(text) = text(data) else { return };
    let _ = is_rfc3339(text);
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else { return };
    let violations = proof_file_violations(&value);
    assert_eq!(validate_proof_file(&value).is_ok(), violations.is_empty());
    let lenient = OcpProofFile::from_json(&value);
    if let Some(strict) = ok(OcpProofFile::from_json_strict(&value)) {
        assert_eq!(lenient.as_ref().ok(), Some(&strict), "strict accepts what lenient refuses");
    }
    let Some(artifact) = ok(OcpArtifact::from_json(&value)) else { return };
    let back = OcpArtifact::from_json(&artifact.to_json())
        .unwrap_or_else(|e| panic!("artifact JSON does not parse back: {e}\n{}", artifact.to_json()));
    assert_eq!(back, artifact, "artifact JSON round trip");
    let _ = (artifact.shape(), artifact.digest(), artifact.rule(), artifact.missing_members());
    check_report(&artifact, data);
    check_report(&artifact, b"");

    match &artifact {
        OcpArtifact::ProofFile(f) => {
            if f.file_name.is_some() && f.timestamp_ms.is_some() {
                validate_proof_file(&f.to_json()).expect("a complete parsed file passes the schema");
            }
            let input = ProofFileInput {
                file_name: f.file_name.clone().unwrap_or_else(|| "observation".into()),
                tx_hash: f.tx_hash,
                network: f.network.clone(),
                contract: f.contract,
                extraction_rule: f.extraction_rule.clone(),
                timestamp_ms: f.timestamp_ms.unwrap_or(ms),
            };
            if let Some(file) = ok(OcpProofFile::produce(data, &input)) {
                produced_verifies(OcpArtifact::ProofFile(file), data);
            }
        }
        OcpArtifact::Envelope(e) => {
            let input = EnvelopeInput {
                chain_id: e.chain_id.clone(),
                tx_hash: e.digest,
                block_height: Some(e.block_height),
                block_hash: None,
                finality_depth: e.finality_depth,
                assertion_time_ms: ms,
                created_ms: ms / 2,
            };
            if let Some(envelope) = ok(OcpEnvelope::produce(data, &input)) {
                produced_verifies(OcpArtifact::Envelope(envelope), data);
            }
        }
    }
});
