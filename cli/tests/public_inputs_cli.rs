//! `exectable public-inputs`: build a proof-input document from golden-vector cases, verify it,
//! and verify tampered copies (exit codes 0 / 1 / 2).

mod common;

use common::{case, run_stdin, stderr, stdout};
use serde_json::{json, Value};

/// The document `public-inputs --json` builds from a case's inputs.
fn document(id: &str) -> Value {
    let out = run_stdin(&["public-inputs", "--json"], &case(id)["inputs"].to_string());
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

#[test]
fn json_document_carries_the_vector_hashes_and_verifies() {
    for id in ["publicInputsHash-public-001", "publicInputsHash-public-004", "publicInputsHash-public-009"] {
        let c = case(id);
        let doc = document(id);
        assert_eq!(doc["format"], "exectable-proof-inputs/v1");
        assert_eq!(doc["publicInputsHashes"], c["expected"]["publicInputsHashes"], "{id}");
        assert_eq!(doc["sharedPublicInput"], c["expected"]["derived"]["sharedPublicInput"], "{id}");
        assert_eq!(doc["entryHashes"], c["expected"]["entryHashes"], "{id}");
        let verified = run_stdin(&["public-inputs", "--verify"], &doc.to_string());
        assert_eq!(verified.status.code(), Some(0), "{id}: {}{}", stdout(&verified), stderr(&verified));
        assert!(stdout(&verified).starts_with("OK"), "{}", stdout(&verified));
    }
}

#[test]
fn tampered_fold_fails_verification_naming_the_path() {
    let mut doc = document("publicInputsHash-public-001");
    doc["accumulators"][1]["folds"][0]["accAfter"] = json!(format!("0x{}", "ab".repeat(32)));
    let out = run_stdin(&["public-inputs", "--verify"], &doc.to_string());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("accumulators[1].folds[0].accAfter"), "{text}");
    assert!(text.contains(&"ab".repeat(32)), "{text}");
    assert!(text.contains("0xc088982357007e36bb33be86c72f4a31afac09844472f75146bb28293c1cfa7b"), "{text}");

    let out = run_stdin(&["public-inputs", "--verify", "--json"], &doc.to_string());
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["mismatches"].as_array().unwrap().len(), 1);
    assert_eq!(report["mismatches"][0]["path"], "accumulators[1].folds[0].accAfter");
}

#[test]
fn tampered_batch_entry_fails_verification_at_its_hash() {
    let mut doc = document("publicInputsHash-public-008");
    doc["batch"]["entries"][2]["rollingHash"] = json!(format!("0x{}", "01".repeat(32)));
    let out = run_stdin(&["public-inputs", "--verify"], &doc.to_string());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("entryHashes[2]:"), "{text}");
    assert!(text.contains("sharedPublicInput:"), "{text}");
    assert!(!text.contains("entryHashes[0]") && !text.contains("entryHashes[1]"), "{text}");
}

#[test]
fn changed_proof_is_not_a_mismatch() {
    let mut doc = document("publicInputsHash-public-002");
    doc["batch"]["proofs"][1] = json!("0xdeadbeef");
    let out = run_stdin(&["public-inputs", "--verify", "--json"], &doc.to_string());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["proofs"][0]["proof"], "equalsPublicInputsHash");
    assert_eq!(report["proofs"][1]["proof"], "opaque");
    assert_eq!(report["proofs"][1]["proofLength"], "0x4");
}

#[test]
fn malformed_input_exits_2() {
    let out = run_stdin(&["public-inputs", "--verify"], "{not json");
    assert_eq!(out.status.code(), Some(2));
    let out = run_stdin(&["public-inputs", "--verify"], r#"{"format": "something-else"}"#);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("format"), "{}", stderr(&out));
    // A build request missing a vkey: the path is named.
    let mut inputs = case("publicInputsHash-public-001")["inputs"].clone();
    inputs["rollups"][1]["vkeys"].as_object_mut().unwrap().remove("0xa513e6e4b8f2a923d98304ec87f64353c4d5c853");
    let out = run_stdin(&["public-inputs"], &inputs.to_string());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("rollups[1].vkeys.0xa513e6e4b8f2a923d98304ec87f64353c4d5c853"), "{}", stderr(&out));
    // A build request is not a document.
    let out = run_stdin(&["public-inputs", "--verify"], &inputs.to_string());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn human_output_lists_every_proof_system_and_fold() {
    let c = case("publicInputsHash-public-010");
    let out = run_stdin(&["public-inputs"], &c["inputs"].to_string());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let shared = c["expected"]["derived"]["sharedPublicInput"].as_str().unwrap();
    assert!(text.starts_with(&format!("sharedPublicInput {shared}")), "{text}");
    for h in c["expected"]["publicInputsHashes"].as_array().unwrap() {
        let line = format!(
            "proofSystem #{} {} publicInputsHash {}",
            h["index"],
            h["proofSystem"].as_str().unwrap(),
            h["publicInputsHash"].as_str().unwrap()
        );
        assert!(text.contains(&line), "{line}\n{text}");
    }
    for acc in c["expected"]["derived"]["accumulators"].as_array().unwrap() {
        for fold in acc["folds"].as_array().unwrap() {
            assert!(text.contains(&format!("-> acc {}", fold["accAfter"].as_str().unwrap())), "{text}");
        }
    }
}

#[test]
fn batch_may_be_given_as_calldata_or_the_whole_vector_case() {
    let c = case("publicInputsHash-public-006");
    let mut request = c["inputs"].clone();
    request["batch"] = c["expected"]["postAndVerifyBatchCalldata"].clone();
    let from_calldata = run_stdin(&["public-inputs", "--json"], &request.to_string());
    assert!(from_calldata.status.success(), "{}", stderr(&from_calldata));
    let from_case = run_stdin(&["public-inputs", "--json"], &c.to_string());
    assert!(from_case.status.success(), "{}", stderr(&from_case));
    assert_eq!(stdout(&from_calldata), stdout(&from_case));
    let doc: Value = serde_json::from_str(&stdout(&from_case)).unwrap();
    assert_eq!(doc["publicInputsHashes"], c["expected"]["publicInputsHashes"]);
}
