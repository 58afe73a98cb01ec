//! End-to-end tests of `exectable validate`: vector batches (accepted on chain) in every input
//! form, a broken batch, chain-state flags, L2 tables, and bad input — exact exit codes.

mod common;

use common::{case, json_of, run, run_stdin, stderr, stdout, DEMO};
use serde_json::{json, Value};

/// The executed e2e batch broken twice: proof systems out of order (§6.1 check 5) and an entry
/// for a rollup outside the batch (check 7).
fn broken_batch() -> Value {
    let mut batch = case("e2eScenario-public-001")["inputs"]["batch"].clone();
    batch["proofSystems"] =
        json!(["0x0000000000000000000000000000000000000002", "0x0000000000000000000000000000000000000001"]);
    batch["proofs"] = json!(["0x", "0x"]);
    batch["entries"][0]["destinationRollupId"] = json!("0x9");
    batch
}

#[test]
fn executed_vector_batch_is_clean_as_json_call_json_and_calldata_hex() {
    let c = case("e2eScenario-public-001");
    let batch = c["inputs"]["batch"].to_string();
    let call = json!({"function": "postAndVerifyBatch", "args": {"batch": c["inputs"]["batch"]}}).to_string();
    let hex = c["inputs"]["postAndVerifyBatchCalldata"].as_str().unwrap();
    for input in [batch.as_str(), call.as_str(), hex] {
        let out = run_stdin(&["validate", "--registered-rollups", "1"], input);
        assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
        assert_eq!(stdout(&out), "0 errors, 0 warnings, 0 infos\n");
    }
    // Without the registry the check is skipped, and the report says so.
    let out = run_stdin(&["validate"], &batch);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("note: registered rollups unknown"), "{}", stdout(&out));
}

#[test]
fn demo_calldata_passes_structurally_but_its_random_entries_do_not_execute() {
    let out = run(&["validate", "--json", DEMO]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = json_of(&out);
    assert_eq!(report["structural"], json!([]));
    assert_eq!(report["wouldRevert"], false);
    assert_eq!(report["firstOnchainError"], Value::Null);
    assert_eq!(report["ok"], false);
    let first = &report["wellFormedness"][0];
    assert_eq!(first["rule"], "revert-span-out-of-range");
    assert_eq!(first["path"], "entries[0].l2ToL1Calls[0].revertSpan");
    assert_eq!(first["onchainError"]["error"], "Panic");
    assert_eq!(first["onchainError"]["args"]["code"], "0x32");
}

#[test]
fn broken_batch_lists_every_violation_and_marks_the_one_raised_first() {
    let input = broken_batch().to_string();
    let out = run_stdin(&["validate"], &input);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "structural (§6.1, postAndVerifyBatch reverts):", "{text}");
    assert!(lines[1].contains("proofSystems[1] [proof-systems-not-ascending]"), "{text}");
    assert!(lines[1].ends_with("→ DuplicateProofSystem(0x0000000000000000000000000000000000000001)  <= raised first"));
    assert!(lines[2].contains("entries[0].destinationRollupId [entry-destination-not-in-batch]"), "{text}");
    assert!(lines[2].ends_with("→ RollupNotInBatch(0x9)"), "{text}");
    assert_eq!(text.matches("<= raised first").count(), 1);
    assert!(text.ends_with(
        "2 errors, 0 warnings, 0 infos; postAndVerifyBatch reverts with \
         DuplicateProofSystem(0x0000000000000000000000000000000000000001)\n"
    ));

    let out = run_stdin(&["validate", "--json"], &input);
    assert_eq!(out.status.code(), Some(1));
    let report = json_of(&out);
    assert_eq!(report["wouldRevert"], true);
    assert_eq!(report["firstOnchainError"], 0);
    assert_eq!(report["structural"].as_array().unwrap().len(), 2);
    assert_eq!(
        report["structural"][0]["onchainError"],
        json!({"error": "DuplicateProofSystem", "selector": "0x23ce5bbc",
               "args": {"proofSystem": "0x0000000000000000000000000000000000000001"}})
    );
    assert_eq!(report["structural"][1]["onchainError"]["args"], json!({"rollupId": "0x9"}));
}

#[test]
fn registered_rollups_and_blob_count_flags_feed_the_context() {
    let batch = case("e2eScenario-public-001")["inputs"]["batch"].to_string();
    let out = run_stdin(&["validate", "--json", "--registered-rollups", "2, 0x3"], &batch);
    assert_eq!(out.status.code(), Some(1));
    let report = json_of(&out);
    assert_eq!(report["structural"][0]["rule"], "rollup-not-registered");
    assert_eq!(report["structural"][0]["path"], "rollupIdsWithProofSystems[0].rollupId");
    assert_eq!(report["notes"], json!([]));

    // publicInputsHash-public-009 has blobIndices [0, 1, 5].
    let blobs = case("publicInputsHash-public-009")["inputs"]["batch"].to_string();
    let report = json_of(&run_stdin(&["validate", "--json", "--blob-count", "2"], &blobs));
    let found: Vec<&Value> = report["wellFormedness"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "blob-index-out-of-range")
        .collect();
    assert_eq!(found.len(), 1, "{report}");
    assert_eq!(found[0]["path"], "blobIndices[2]");
    assert_eq!(found[0]["severity"], "warning");
    let report = json_of(&run_stdin(&["validate", "--json", "--blob-count", "6"], &blobs));
    assert!(!report.to_string().contains("blob-index-out-of-range"));
}

#[test]
fn l2_tables_from_calldata_call_json_and_table_json() {
    let c = case("e2eScenario-public-004");
    // The system transaction: executeIncomingCrossChainCall calldata carrying the table.
    let system_tx = c["inputs"]["systemTx"]["data"].as_str().unwrap();
    let out = run_stdin(&["validate", "--l2"], system_tx);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(stdout(&out), "0 errors, 0 warnings, 0 infos\n");

    let entries = &c["inputs"]["entries"];
    let call = json!({"function": "loadExecutionTable", "args": {"entries": entries, "_lookupCalls": []}});
    let out = run_stdin(&["validate", "--l2", "--json"], &call.to_string());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_of(&out)["ok"], true);

    let mut broken = entries.clone();
    broken[1]["proxyEntryHash"] = json!(format!("0x{}", "0".repeat(64)));
    broken[0]["callCount"] = json!("0x0");
    let out = run_stdin(&["validate", "--l2", "--json"], &json!({"entries": broken, "lookupCalls": []}).to_string());
    assert_eq!(out.status.code(), Some(1));
    let report = json_of(&out);
    let got: Vec<(&str, &str)> = report["wellFormedness"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        vec![("zero-call-count", "entries[0].callCount"), ("zero-proxy-entry-hash", "entries[1].proxyEntryHash")]
    );
    assert_eq!(report["firstOnchainError"], Value::Null);
    assert_eq!(report["structural"], json!([]));
}

#[test]
fn bad_input_exits_2_with_the_reason_on_stderr() {
    let out = run_stdin(&["validate"], "{\"entries\": 5}");
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("entries: expected an array"), "{}", stderr(&out));

    let out = run_stdin(&["validate"], "0xdeadbeef");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown function selector 0xdeadbeef"), "{}", stderr(&out));

    // executeL2TX(1) calldata is a manager call, but carries no batch.
    let consumer = case("e2eScenario-public-003")["inputs"]["consumerTx"]["data"].as_str().unwrap().to_owned();
    let out = run_stdin(&["validate"], &consumer);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("executeL2TX calldata carries no batch"), "{}", stderr(&out));

    // A batch is not an L2 table.
    let batch = case("e2eScenario-public-001")["inputs"]["batch"].to_string();
    let out = run_stdin(&["validate", "--l2"], &batch);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown field"), "{}", stderr(&out));

    let out = run_stdin(&["validate", "--registered-rollups", "one"], &batch);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("registered-rollups[0]"), "{}", stderr(&out));
}
