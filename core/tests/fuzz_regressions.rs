//! Every input the fuzz targets (`fuzz/`) found, replayed: each `fuzz/regressions/*.json`
//! (`{"target", "inputHex", "expectedCode", "note"}`) goes through the same core calls as its
//! fuzz target, and must end in exactly `expectedCode` — never a panic (docs/RELIABILITY.md,
//! "Fuzzing").

use alloy_primitives::{keccak256, B256};
use exectable::commit::{ExpectedCommitment, InclusionProof};
use exectable::ocp::{EnvelopeInput, OcpArtifact, OcpEnvelope};
use exectable::types::StructKind;
use exectable::{decode_l1_log, decode_l2_log, decode_revert, CanonicalJson, ErrorCode, ManagerCall, Result};
use serde_json::Value;
use std::path::PathBuf;

fn regressions_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions")
}

fn text(input: &[u8]) -> &str {
    std::str::from_utf8(input).expect("a JSON target's regression input is UTF-8")
}

/// The envelope `ocp_artifact` produces from a parsed one: the same members, times derived from
/// the input (`fuzz/fuzz_targets/ocp_artifact.rs`).
fn produce_like_ocp_artifact(input: &[u8]) -> Result<()> {
    let h = keccak256(input);
    let ms = u64::from_be_bytes(h.0[..8].try_into().expect("8 bytes")) >> (h.0[8] % 64);
    match OcpArtifact::from_json_str(text(input))? {
        OcpArtifact::Envelope(e) => {
            let produced = OcpEnvelope::produce(
                input,
                &EnvelopeInput {
                    chain_id: e.chain_id,
                    tx_hash: e.digest,
                    block_height: Some(e.block_height),
                    block_hash: None,
                    finality_depth: e.finality_depth,
                    assertion_time_ms: ms,
                    created_ms: ms / 2,
                },
            )?;
            OcpArtifact::from_json(&OcpArtifact::Envelope(produced).to_json()).map(|_| ())
        }
        OcpArtifact::ProofFile(_) => Ok(()),
    }
}

/// The core calls of fuzz target `target` on `input`, up to the first error.
fn run(target: &str, input: &[u8]) -> Result<()> {
    match target {
        "abi_struct" => {
            let (sel, bytes) = input.split_first().expect("a selector byte");
            StructKind::ALL[usize::from(*sel) % StructKind::ALL.len()].decode_to_json(bytes).map(|_| ())
        }
        "manager_calldata" => ManagerCall::decode(input).map(|_| ()),
        "revert_data" => decode_revert(input).map(|_| ()),
        "event_log" => {
            let (sel, rest) = input.split_first().expect("a selector byte");
            let n = usize::from((sel >> 1) & 7).min(4);
            let (topics, data) = rest.split_at(32 * n);
            let topics: Vec<B256> = topics.chunks_exact(32).map(B256::from_slice).collect();
            if sel & 1 == 0 {
                decode_l1_log(&topics, data).map(|_| ())
            } else {
                decode_l2_log(&topics, data).map(|_| ())
            }
        }
        "proof_binary" => {
            let proof = InclusionProof::decode(input)?;
            let zeros = vec![B256::ZERO; proof.indices.len()];
            proof.verify_hashes(&ExpectedCommitment::Digest(proof.commitment.digest()), &zeros).map(|_| ())
        }
        "proof_json" => InclusionProof::from_json_str(text(input)).map(|_| ()),
        "receipt_json" => exectable::receipt::Receipt::from_json_str(text(input)).map(|_| ()),
        "replay_trace" => exectable::replay::replay(&exectable::replay::Trace::from_json_str(text(input))?).map(|_| ()),
        "ocp_artifact" => produce_like_ocp_artifact(input),
        other => panic!("no runner for fuzz target {other:?}: add its core calls to run()"),
    }
}

#[test]
fn every_fuzz_regression_ends_in_its_expected_code() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(regressions_dir())
        .expect("fuzz/regressions exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no regression files in {}", regressions_dir().display());
    for path in &files {
        let name = path.file_name().expect("file name").to_string_lossy();
        let case: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON");
        let target = case["target"].as_str().expect("target");
        assert!(name.starts_with(&format!("{target}-")), "{name}: file name must start with its target");
        let hex = case["inputHex"].as_str().expect("inputHex");
        let input = alloy_primitives::hex::decode(hex).expect("inputHex is hex");
        let want = case["expectedCode"].as_u64().and_then(|c| ErrorCode::from_u32(c as u32)).expect("expectedCode");
        assert!(case["note"].as_str().is_some_and(|n| !n.is_empty()), "{name}: note");
        match std::panic::catch_unwind(|| run(target, &input)) {
            Ok(Err(e)) => assert_eq!(e.code(), want, "{name}: {e}"),
            Ok(Ok(())) => panic!("{name}: accepted; expected code {}", want.as_u32()),
            Err(_) => panic!("{name}: panicked"),
        }
    }
}
