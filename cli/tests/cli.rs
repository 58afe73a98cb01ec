//! End-to-end tests of the `exectable` binary: real inputs from the golden vectors in, exact
//! outputs and exit codes out.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_exectable");
const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/eez-v1-public.json");
const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/demo/postAndVerifyBatch-006.hex");

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
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

fn case(id: &str) -> Value {
    let file: Value = serde_json::from_str(&std::fs::read_to_string(VECTORS).unwrap()).unwrap();
    file["cases"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap().clone()
}

#[test]
fn demo_file_is_the_vector_calldata() {
    let demo = std::fs::read_to_string(DEMO).unwrap();
    assert_eq!(demo.trim(), case("batchCalldata-public-006")["expected"]["calldata"].as_str().unwrap());
}

#[test]
fn decode_then_encode_calldata_round_trips() {
    let out = run(&["decode", DEMO], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["function"], "postAndVerifyBatch");
    assert_eq!(json["selector"], "0x8b1a095a");
    assert_eq!(json["args"]["batch"], case("batchCalldata-public-006")["inputs"]["batch"]);
    let back = run(&["encode"], Some(&stdout(&out)));
    assert!(back.status.success(), "{}", stderr(&back));
    assert_eq!(stdout(&back).trim(), std::fs::read_to_string(DEMO).unwrap().trim());
}

#[test]
fn decode_struct_by_type_from_stdin() {
    let c = case("l1EntryEncoding-public-005");
    let out = run(&["decode", "--type", "l1.ExecutionEntry"], Some(c["expected"]["abiEncoded"].as_str().unwrap()));
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json, c["inputs"]["entry"]);
}

#[test]
fn encode_struct_by_type() {
    let c = case("l2LookupCallEncoding-public-003");
    let out = run(&["encode", "--type", "l2.LookupCall"], Some(&c["inputs"]["lookupCall"].to_string()));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), c["expected"]["abiEncoded"].as_str().unwrap());
}

#[test]
fn hash_entry_lookup_and_call() {
    let e = case("l1EntryEncoding-public-007");
    let out = run(&["hash", "entry"], Some(&e["inputs"]["entry"].to_string()));
    assert_eq!(stdout(&out).trim(), e["expected"]["hash"].as_str().unwrap(), "{}", stderr(&out));
    let l = case("l1LookupCallEncoding-public-004");
    let out = run(&["hash", "lookup-call"], Some(&l["inputs"]["lookupCall"].to_string()));
    assert_eq!(stdout(&out).trim(), l["expected"]["hash"].as_str().unwrap(), "{}", stderr(&out));
    let c = case("crossChainCallHash-public-010");
    let out = run(&["hash", "call"], Some(&c["inputs"].to_string()));
    assert_eq!(stdout(&out).trim(), c["expected"]["crossChainCallHash"].as_str().unwrap(), "{}", stderr(&out));
}

#[test]
fn hash_batch_lists_every_entry_and_lookup() {
    let c = case("batchCalldata-public-006");
    let out = run(&["hash", "batch"], Some(&c["inputs"]["batch"].to_string()));
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
    let out = run(&args, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["proxyAddress"], c["expected"]["proxyAddress"]);
    assert_eq!(json["salt"], c["expected"]["salt"]);
    let file: Value = serde_json::from_str(&std::fs::read_to_string(VECTORS).unwrap()).unwrap();
    let code = file["header"]["crossChainProxy"]["creationCode"].as_str().unwrap();
    let mut explicit = args.to_vec();
    explicit.extend(["--creation-code", code]);
    let out = run(&explicit, None);
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["proxyAddress"], c["expected"]["proxyAddress"]);
    // Another build's bytes give another address.
    let other = format!("{code}00");
    let mut other_args = args.to_vec();
    other_args.extend(["--creation-code", &other]);
    let json: Value = serde_json::from_str(&stdout(&run(&other_args, None))).unwrap();
    assert_ne!(json["proxyAddress"], c["expected"]["proxyAddress"]);
}

#[test]
fn conformance_restricted_to_implemented_kinds_passes() {
    let out = run(&["conformance", "--kind", "rollingHash", "--kind", "proxyAddress", VECTORS], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().last().unwrap(), "48 passed, 0 failed", "{text}");
}

#[test]
fn conformance_runs_the_whole_public_file_green() {
    let out = run(&["conformance", VECTORS], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().last().unwrap(), "162 passed, 0 failed", "{text}");
    assert!(text.contains("e2eScenario"), "{text}");
}

#[test]
fn conformance_counts_a_kind_it_does_not_know_as_failed() {
    let dir = std::env::temp_dir().join(format!("exectable-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("future.json");
    let vectors = serde_json::json!({"header": {"format": "eez-golden-vectors/v1"}, "cases": [
        {"id": "future-001", "kind": "futureKind", "inputs": {}, "expected": {}},
        case("rollingHash-public-003"),
    ]});
    std::fs::write(&file, vectors.to_string()).unwrap();
    let out = run(&["conformance", file.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert_eq!(text.lines().last().unwrap(), "1 passed, 1 failed", "{text}");
    assert!(stderr(&out).contains("futureKind"), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn conformance_kind_without_cases_fails() {
    let out = run(&["conformance", "--kind", "noSuchKind", VECTORS], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("ran no case"));
}

#[test]
fn bad_input_is_an_error_on_stderr_with_code_and_path() {
    let c = case("l1EntryEncoding-public-005");
    let mut hex = c["expected"]["abiEncoded"].as_str().unwrap().to_owned();
    hex.truncate(hex.len() - 64);
    let out = run(&["decode", "--type", "l1.ExecutionEntry", &hex], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.contains("code 10"), "{err}");
    let out = run(&["decode", "0xdeadbeef"], None);
    assert!(stderr(&out).contains("unknown function selector 0xdeadbeef"), "{}", stderr(&out));
    let out = run(&["hash", "entry"], Some("{\"stateDeltas\": 5}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("stateDeltas: expected an array"), "{}", stderr(&out));
}

#[test]
fn inspect_lists_hashes_and_placements_of_the_demo_batch() {
    let c = case("batchCalldata-public-006");
    let hashes: Value =
        serde_json::from_str(&stdout(&run(&["hash", "batch"], Some(&c["inputs"]["batch"].to_string())))).unwrap();
    let out = run(&["inspect", "--json", DEMO], None);
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
    let table = stdout(&run(&["inspect", DEMO], None));
    assert!(table.starts_with("postAndVerifyBatch: 3 entries (1 transient)"), "{table}");
    assert!(table.contains(hashes["entryHashes"][2].as_str().unwrap()), "{table}");
}
