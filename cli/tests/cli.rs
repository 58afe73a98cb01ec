//! End-to-end tests of the `exectable` binary: real inputs from the golden vectors in, exact
//! outputs and exit codes out.

mod common;

use common::{case, run, run_stdin, stderr, stdout, vector_file, Scratch, DEMO, GOLDEN};
use serde_json::Value;

#[test]
fn demo_file_is_the_vector_calldata() {
    let demo = std::fs::read_to_string(DEMO).unwrap();
    assert_eq!(demo.trim(), case("batchCalldata-public-006")["expected"]["calldata"].as_str().unwrap());
}

#[test]
fn decode_then_encode_calldata_round_trips() {
    let out = run(&["decode", DEMO]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["function"], "postAndVerifyBatch");
    assert_eq!(json["selector"], "0x8b1a095a");
    assert_eq!(json["args"]["batch"], case("batchCalldata-public-006")["inputs"]["batch"]);
    let back = run_stdin(&["encode"], &stdout(&out));
    assert!(back.status.success(), "{}", stderr(&back));
    assert_eq!(stdout(&back).trim(), std::fs::read_to_string(DEMO).unwrap().trim());
}

#[test]
fn decode_struct_by_type_from_stdin() {
    let c = case("l1EntryEncoding-public-005");
    let out = run_stdin(&["decode", "--type", "l1.ExecutionEntry"], c["expected"]["abiEncoded"].as_str().unwrap());
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json, c["inputs"]["entry"]);
}

#[test]
fn encode_struct_by_type() {
    let c = case("l2LookupCallEncoding-public-003");
    let out = run_stdin(&["encode", "--type", "l2.LookupCall"], &c["inputs"]["lookupCall"].to_string());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), c["expected"]["abiEncoded"].as_str().unwrap());
}

#[test]
fn hash_entry_lookup_and_call() {
    let e = case("l1EntryEncoding-public-007");
    let out = run_stdin(&["hash", "entry"], &e["inputs"]["entry"].to_string());
    assert_eq!(stdout(&out).trim(), e["expected"]["hash"].as_str().unwrap(), "{}", stderr(&out));
    let l = case("l1LookupCallEncoding-public-004");
    let out = run_stdin(&["hash", "lookup-call"], &l["inputs"]["lookupCall"].to_string());
    assert_eq!(stdout(&out).trim(), l["expected"]["hash"].as_str().unwrap(), "{}", stderr(&out));
    let c = case("crossChainCallHash-public-010");
    let out = run_stdin(&["hash", "call"], &c["inputs"].to_string());
    assert_eq!(stdout(&out).trim(), c["expected"]["crossChainCallHash"].as_str().unwrap(), "{}", stderr(&out));
}

#[test]
fn hash_batch_lists_every_entry_and_lookup() {
    let c = case("batchCalldata-public-006");
    let out = run_stdin(&["hash", "batch"], &c["inputs"]["batch"].to_string());
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["entryHashes"].as_array().unwrap().len(), 3);
    assert_eq!(json["lookupCallHashes"].as_array().unwrap().len(), 1);
}

#[test]
fn proxy_address_matches_vectors_with_default_and_explicit_creation_code() {
    let c = case("proxyAddress-public-009");
    let i = &c["inputs"];
    let args = [
        "proxy-address",
        "--manager",
        i["manager"].as_str().unwrap(),
        "--original-address",
        i["originalAddress"].as_str().unwrap(),
        "--rollup-id",
        i["originalRollupId"].as_str().unwrap(),
    ];
    let out = run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["proxyAddress"], c["expected"]["proxyAddress"]);
    assert_eq!(json["salt"], c["expected"]["salt"]);
    let file = vector_file(GOLDEN);
    let code = file["header"]["crossChainProxy"]["creationCode"].as_str().unwrap();
    let mut explicit = args.to_vec();
    explicit.extend(["--creation-code", code]);
    let out = run(&explicit);
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["proxyAddress"], c["expected"]["proxyAddress"]);
    // Another build's bytes give another address.
    let other = format!("{code}00");
    let mut other_args = args.to_vec();
    other_args.extend(["--creation-code", &other]);
    let json: Value = serde_json::from_str(&stdout(&run(&other_args))).unwrap();
    assert_ne!(json["proxyAddress"], c["expected"]["proxyAddress"]);
}

#[test]
fn conformance_restricted_to_implemented_kinds_passes() {
    let out = run(&["conformance", "--kind", "rollingHash", "--kind", "proxyAddress", GOLDEN]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().last().unwrap(), "48 passed, 0 failed", "{text}");
}

#[test]
fn conformance_runs_the_whole_public_file_green() {
    let out = run(&["conformance", GOLDEN]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().last().unwrap(), "162 passed, 0 failed", "{text}");
    assert!(text.contains("e2eScenario"), "{text}");
}

#[test]
fn conformance_counts_a_kind_it_does_not_know_as_failed() {
    let dir = Scratch::new("conformance-unknown-kind");
    let vectors = serde_json::json!({"header": {"format": "eez-golden-vectors/v1"}, "cases": [
        {"id": "future-001", "kind": "futureKind", "inputs": {}, "expected": {}},
        case("rollingHash-public-003"),
    ]});
    let file = dir.file("future.json", &vectors.to_string());
    let out = run(&["conformance", &file]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert_eq!(text.lines().last().unwrap(), "1 passed, 1 failed", "{text}");
    assert!(stderr(&out).contains("futureKind"), "{}", stderr(&out));
}

#[test]
fn conformance_kind_without_cases_fails() {
    let out = run(&["conformance", "--kind", "noSuchKind", GOLDEN]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("ran no case"));
}

#[test]
fn bad_input_is_an_error_on_stderr_with_code_and_path() {
    let c = case("l1EntryEncoding-public-005");
    let mut hex = c["expected"]["abiEncoded"].as_str().unwrap().to_owned();
    hex.truncate(hex.len() - 64);
    let out = run(&["decode", "--type", "l1.ExecutionEntry", &hex]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.contains("code 10"), "{err}");
    let out = run(&["decode", "0xdeadbeef"]);
    assert!(stderr(&out).contains("unknown function selector 0xdeadbeef"), "{}", stderr(&out));
    let out = run_stdin(&["hash", "entry"], "{\"stateDeltas\": 5}");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("stateDeltas: expected an array"), "{}", stderr(&out));
}

#[test]
fn inspect_lists_hashes_and_placements_of_the_demo_batch() {
    let c = case("batchCalldata-public-006");
    let hashes: Value =
        serde_json::from_str(&stdout(&run_stdin(&["hash", "batch"], &c["inputs"]["batch"].to_string()))).unwrap();
    let out = run(&["inspect", "--json", DEMO]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let entries = json["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    for (row, hash) in entries.iter().zip(hashes["entryHashes"].as_array().unwrap()) {
        assert_eq!(&row["hash"], hash);
    }
    // transientExecutionEntryCount = 1; entries 1 and 2 go to the queues of rollups 1 and 2.
    assert_eq!(entries[0]["placement"], serde_json::json!({"transient": {"index": "0x0"}}));
    assert_eq!(entries[1]["placement"], serde_json::json!({"queued": {"rollupId": "0x1", "queueIndex": "0x0"}}));
    assert_eq!(entries[2]["placement"], serde_json::json!({"queued": {"rollupId": "0x2", "queueIndex": "0x0"}}));
    assert_eq!(json["layout"], serde_json::json!({"canonical": true}));
    let table = stdout(&run(&["inspect", DEMO]));
    assert!(table.starts_with("calldata layout: canonical\npostAndVerifyBatch: 3 entries (1 transient)"), "{table}");
    assert!(table.contains(hashes["entryHashes"][2].as_str().unwrap()), "{table}");
}

/// A mined input laid out differently (here: a word appended) is read as the contract reads it and
/// reported non-canonical; `--mode strict` refuses it; the decoded call re-encodes canonically.
#[test]
fn decode_and_inspect_read_mined_inputs_as_the_contract_does() {
    let canonical = std::fs::read_to_string(DEMO).unwrap().trim().to_owned();
    let padded = format!("{canonical}{}", "00".repeat(32));
    let out = run(&["inspect", &padded]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    assert!(table.starts_with("calldata layout: non-canonical: first deviation at offset "), "{table}");
    assert!(table.contains("trailingBytes"), "{table}");
    let out = run(&["inspect", "--mode", "strict", &padded]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("[code 106]") || stderr(&out).contains("trailing"), "{}", stderr(&out));

    let out = run(&["decode", &padded]);
    assert!(out.status.success(), "{}", stderr(&out));
    let call: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(call["layout"]["canonical"], false);
    assert_eq!(call["layout"]["deviation"]["kind"], "trailingBytes");
    // decode → encode gives the canonical bytes back (the layout member is ignored on input).
    let out = run_stdin(&["encode"], &call.to_string());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), canonical);
    let out = run(&["decode", &canonical]);
    let call: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(call["layout"], serde_json::json!({"canonical": true}));
}
