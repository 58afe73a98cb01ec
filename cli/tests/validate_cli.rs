//! End-to-end tests of `exectable validate`: vector batches (accepted on chain) in every input
//! form, a broken batch, chain-state flags, L2 tables, and bad input — exact exit codes.

use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_exectable");
const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/eez-v1-public.json");
const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/demo/postAndVerifyBatch-006.hex");

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .arg("validate")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn exectable");
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn json_of(o: &Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn case(id: &str) -> Value {
    let file: Value = serde_json::from_str(&std::fs::read_to_string(VECTORS).unwrap()).unwrap();
    file["cases"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap().clone()
}

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
        let out = run(&["--registered-rollups", "1"], Some(input));
        assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
        assert_eq!(stdout(&out), "0 errors, 0 warnings, 0 infos\n");
    }
    // Without the registry the check is skipped, and the report says so.
    let out = run(&[], Some(&batch));
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("note: registered rollups unknown"), "{}", stdout(&out));
}

#[test]
fn demo_calldata_passes_structurally_but_its_random_entries_do_not_execute() {
    let out = run(&["--json", DEMO], None);
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
    let out = run(&[], Some(&input));
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

    let out = run(&["--json"], Some(&input));
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
    let out = run(&["--json", "--registered-rollups", "2, 0x3"], Some(&batch));
    assert_eq!(out.status.code(), Some(1));
    let report = json_of(&out);
    assert_eq!(report["structural"][0]["rule"], "rollup-not-registered");
    assert_eq!(report["structural"][0]["path"], "rollupIdsWithProofSystems[0].rollupId");
    assert_eq!(report["notes"], json!([]));

    // publicInputsHash-public-009 has blobIndices [0, 1, 5].
    let blobs = case("publicInputsHash-public-009")["inputs"]["batch"].to_string();
    let report = json_of(&run(&["--json", "--blob-count", "2"], Some(&blobs)));
    let found: Vec<&Value> = report["wellFormedness"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "blob-index-out-of-range")
        .collect();
    assert_eq!(found.len(), 1, "{report}");
    assert_eq!(found[0]["path"], "blobIndices[2]");
    assert_eq!(found[0]["severity"], "warning");
    let report = json_of(&run(&["--json", "--blob-count", "6"], Some(&blobs)));
    assert!(!report.to_string().contains("blob-index-out-of-range"));
}

#[test]
fn l2_tables_from_calldata_call_json_and_table_json() {
    let c = case("e2eScenario-public-004");
    // The system transaction: executeIncomingCrossChainCall calldata carrying the table.
    let system_tx = c["inputs"]["systemTx"]["data"].as_str().unwrap();
    let out = run(&["--l2"], Some(system_tx));
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(stdout(&out), "0 errors, 0 warnings, 0 infos\n");

    let entries = &c["inputs"]["entries"];
    let call = json!({"function": "loadExecutionTable", "args": {"entries": entries, "_lookupCalls": []}});
    let out = run(&["--l2", "--json"], Some(&call.to_string()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_of(&out)["ok"], true);

    let mut broken = entries.clone();
    broken[1]["proxyEntryHash"] = json!(format!("0x{}", "0".repeat(64)));
    broken[0]["callCount"] = json!("0x0");
    let out = run(&["--l2", "--json"], Some(&json!({"entries": broken, "lookupCalls": []}).to_string()));
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
    let out = run(&[], Some("{\"entries\": 5}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("entries: expected an array"), "{}", stderr(&out));

    let out = run(&[], Some("0xdeadbeef"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown function selector 0xdeadbeef"), "{}", stderr(&out));

    // executeL2TX(1) calldata is a manager call, but carries no batch.
    let consumer = case("e2eScenario-public-003")["inputs"]["consumerTx"]["data"].as_str().unwrap().to_owned();
    let out = run(&[], Some(&consumer));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("executeL2TX calldata carries no batch"), "{}", stderr(&out));

    // A batch is not an L2 table.
    let batch = case("e2eScenario-public-001")["inputs"]["batch"].to_string();
    let out = run(&["--l2"], Some(&batch));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown field"), "{}", stderr(&out));

    let out = run(&["--registered-rollups", "one"], Some(&batch));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("registered-rollups[0]"), "{}", stderr(&out));
}
