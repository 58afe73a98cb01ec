//! `exectable commit`, `exectable prove` and `exectable verify proof`: commitments of golden
//! batches, proofs in both encodings, VALID / INVALID / bad input (exit 0 / 1 / 2), and every
//! tampered case of vectors/exectable-commitments.json through the command line.

mod common;

use common::{case, case_in, run, stderr, stdout, vector_file, Scratch, COMMITMENTS};
use serde_json::Value;
use std::process::Output;

/// `exectable verify proof --proof <proof> --commitment <commitment> --item <item>…`, then `extra`.
fn verify_proof(proof: &str, commitment: &str, items: &[&str], extra: &[&str]) -> Output {
    let mut args = vec!["verify", "proof", "--proof", proof, "--commitment", commitment];
    for item in items {
        args.extend(["--item", item]);
    }
    args.extend(extra);
    run(&args)
}

#[test]
fn commit_prints_the_vector_commitment_from_json_calldata_and_case_inputs() {
    let dir = Scratch::new("commit-002-009");
    let want = case_in(COMMITMENTS, "tableCommitment-batchCalldata-public-002")["expected"]["tableCommitment"].clone();
    let golden = case("batchCalldata-public-002");
    let batch = dir.file("batch-002.json", &golden["inputs"]["batch"].to_string());
    let out = run(&["commit", &batch, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(serde_json::from_str::<Value>(&stdout(&out)).unwrap(), want);
    let calldata = golden["expected"]["calldata"].as_str().unwrap();
    let out = run(&["commit", calldata]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with(&format!("commitment        {}", want["commitment"].as_str().unwrap())), "{text}");
    assert!(text.contains("entryCount        3\n"), "{text}");
    // A golden publicInputsHash case's inputs carry their blobHashes.
    let blob_case = case("publicInputsHash-public-009");
    let inputs = dir.file("inputs-009.json", &blob_case["inputs"].to_string());
    let want =
        case_in(COMMITMENTS, "tableCommitment-publicInputsHash-public-009")["expected"]["tableCommitment"].clone();
    let out = run(&["commit", &inputs, "--json"]);
    assert_eq!(serde_json::from_str::<Value>(&stdout(&out)).unwrap(), want, "{}", stderr(&out));
}

#[test]
fn commit_needs_blob_hashes_for_a_batch_with_blob_indices() {
    let dir = Scratch::new("commit-blob-hashes");
    let golden = case("publicInputsHash-public-009");
    let batch = dir.file("batch-009.json", &golden["inputs"]["batch"].to_string());
    let out = run(&["commit", &batch]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--blob-hashes"), "{}", stderr(&out));
    let zero = format!("0x{}", "00".repeat(32));
    let three = format!("{zero},{zero},{zero}");
    let out = run(&["commit", &batch, "--blob-hashes", &three, "--json"]);
    let want =
        case_in(COMMITMENTS, "tableCommitment-publicInputsHash-public-009")["expected"]["tableCommitment"].clone();
    assert_eq!(serde_json::from_str::<Value>(&stdout(&out)).unwrap(), want);
    // Another blob hash is another commitment: --check names what differs.
    let one = format!("{zero},{zero},0x{}01", "00".repeat(31));
    let out = run(&["commit", &batch, "--blob-hashes", &one, "--check", want["commitment"].as_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).starts_with("MISMATCH:") && stdout(&out).contains("[code 410]"), "{}", stdout(&out));
    let record = dir.file("record-009.json", &want.to_string());
    let out = run(&["commit", &batch, "--blob-hashes", &three, "--check", &record]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).starts_with("MATCH:"));
    let mut wrong = want.clone();
    wrong["entryCount"] = Value::String("0x3".into());
    wrong.as_object_mut().unwrap().remove("commitment");
    let record = dir.file("record-009-wrong.json", &wrong.to_string());
    let out = run(&["commit", &batch, "--blob-hashes", &three, "--check", &record, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let verdict: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(verdict["code"], 410);
    assert!(verdict["reason"].as_str().unwrap().contains("entryCount 3 (the batch has 2)"), "{verdict}");
}

/// prove → verify round trip on composite-13 (via the commitment case's batch), in every form.
#[test]
fn prove_then_verify_in_binary_and_json() {
    let dir = Scratch::new("prove-verify");
    let table_case = case_in(COMMITMENTS, "tableCommitment-composite-13");
    let batch = dir.file("composite-13.json", &table_case["inputs"]["batch"].to_string());
    let record = table_case["expected"]["tableCommitment"].clone();
    let digest = record["commitment"].as_str().unwrap().to_owned();
    let record_file = dir.file("composite-13-record.json", &record.to_string());

    let out = run(&["prove", &batch, "--index", "5", "--lookup", "0x1", "--binary"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let binary = stdout(&out).trim().to_owned();
    let out = run(&["prove", &batch, "--lookup", "1", "--entry", "5", "--json"]);
    let json_proof: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json_proof["indices"], serde_json::json!(["0x5", "0xa"]));
    let json_file = dir.file("proof.json", &json_proof.to_string());

    let entries = table_case["inputs"]["batch"]["entries"].as_array().unwrap();
    let lookups = table_case["inputs"]["batch"]["l1ToL2lookupCalls"].as_array().unwrap();
    let entry5 = dir.file("entry5.json", &entries[5].to_string());
    let lookup1 = dir.file("lookup1.json", &serde_json::json!({"lookupCall": lookups[1]}).to_string());
    for proof in [binary.as_str(), json_file.as_str()] {
        for commitment in [digest.as_str(), record_file.as_str()] {
            let out = verify_proof(proof, commitment, &[&entry5, &lookup1], &[]);
            assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
            assert_eq!(
                stdout(&out).trim(),
                format!("VALID: entries[5], l1ToL2lookupCalls[1] in table commitment {digest}")
            );
        }
    }
    // Items by hash; the text output of prove lists them.
    let out = run(&["prove", &batch, "--index", "5", "--lookup", "1"]);
    let text = stdout(&out);
    let hashes: Vec<&str> = text.lines().filter_map(|l| l.split("itemHash ").nth(1)).collect();
    assert_eq!(hashes.len(), 2, "{text}");
    // Through the --item-hash alias of --item.
    let out = run(&[
        "verify",
        "proof",
        "--proof",
        &binary,
        "--commitment",
        &digest,
        "--item-hash",
        hashes[0],
        "--item-hash",
        hashes[1],
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let verdict: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(verdict["valid"], true);
    assert_eq!(verdict["leaves"], serde_json::json!([{"entry": "0x5"}, {"lookupCall": "0x1"}]));
    // --entry-hash finds the same leaf.
    let out = run(&["prove", &batch, "--entry-hash", hashes[0], "--lookup-hash", hashes[1], "--binary"]);
    assert_eq!(stdout(&out).trim(), binary);

    // Swapped items: INVALID (not included, exit 1) with the root mismatch; a truncated proof:
    // 405, CANNOT DECIDE (exit 3); garbage: CANNOT DECIDE too.
    let out = verify_proof(&binary, &digest, &[hashes[1], hashes[0]], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("INVALID:") && stdout(&out).trim().ends_with("[code 403]"), "{}", stdout(&out));
    let cut = &binary[..binary.len() - 2];
    let out = verify_proof(cut, &digest, &[hashes[0], hashes[1]], &["--json"]);
    assert_eq!(out.status.code(), Some(3));
    let verdict: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!((verdict["valid"].clone(), verdict["code"].clone()), (Value::Bool(false), Value::from(405)));
    assert_eq!(verdict["verdict"], "cannotDecide");
    assert_eq!(verdict["error"], "ProofTruncated");
    let out = verify_proof("0xzz", &digest, &[hashes[0]], &[]);
    assert_eq!(out.status.code(), Some(3), "{}", stdout(&out));
    assert!(stderr(&out).starts_with("CANNOT DECIDE: "), "{}", stderr(&out));
    let out = run(&["prove", &batch, "--index", "9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("entries[9] is not in the table"), "{}", stderr(&out));
}

/// Every tampered vector, through `verify proof`: exactly its code, INVALID (exit 1) when the proof
/// is well formed and does not show inclusion, CANNOT DECIDE (exit 3) when it is malformed.
#[test]
fn every_tampered_vector_is_invalid_with_its_code() {
    let dir = Scratch::new("tampered");
    let own = vector_file(COMMITMENTS);
    let mut ran = 0;
    for c in own["cases"].as_array().unwrap().iter().filter(|c| c["kind"] == "inclusionProofTampered") {
        let id = c["id"].as_str().unwrap();
        let inputs = &c["inputs"];
        let proof = match &inputs["proof"] {
            Value::String(hex) => hex.clone(),
            json => dir.file(&format!("{id}.json"), &json.to_string()),
        };
        let commitment = match &inputs["commitment"] {
            Value::String(digest) => digest.clone(),
            record => dir.file(&format!("{id}-commitment.json"), &record.to_string()),
        };
        let mut items: Vec<String> = Vec::new();
        for (j, item) in inputs["items"].as_array().unwrap().iter().enumerate() {
            items.push(dir.file(&format!("{id}-item{j}.json"), &item.to_string()));
        }
        if items.is_empty() {
            // The CLI needs at least one --item; the case is about the proof naming no index.
            items.push(format!("0x{}", "00".repeat(32)));
        }
        let items: Vec<&str> = items.iter().map(String::as_str).collect();
        let out = verify_proof(&proof, &commitment, &items, &[]);
        let code = c["expected"]["error"]["code"].as_u64().unwrap();
        let verdict = exectable::Verdict::of_code(exectable::ErrorCode::from_u32(code as u32).unwrap());
        assert_eq!(out.status.code(), Some(verdict.exit_code().into()), "{id}: {}{}", stdout(&out), stderr(&out));
        assert!(stdout(&out).trim().ends_with(&format!("[code {code}]")), "{id}: {}", stdout(&out));
        ran += 1;
    }
    assert!(ran >= 20);
}
