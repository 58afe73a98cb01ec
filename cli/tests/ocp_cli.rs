//! End-to-end tests of `exectable ocp` and `exectable verify ocp` on the shared OCP samples
//! (vectors/ocp/), a golden-file table and synthetic receipts — exact output and exit codes.

mod common;

use common::{code, run, stderr, stdout, Scratch, DEMO, OCP_SAMPLES};
use serde_json::{json, Value};
use std::process::Output;

const TOPIC0: &str = "0xdca60c2087041cbb12d9a57628c6cad28ecbd0437e47c7ab6c3aa6e162bf4497";
const EXAMPLE_DIGEST: &str = "0x14cca453684a18c1ef3e1c0b9a7744cfa06942660719bba373ef5fc36208bf73";
const EXAMPLE_TX: &str = "0xf2e1f6c085768b4e3d60463717d52bb2a338803a74a4cfd48aea5738d2595ddd";
const EXAMPLE_CONTRACT: &str = "0x0963Fd33DF80c94360F2DC22e5c09517AeE7ED5c";

fn sample(name: &str) -> String {
    format!("{OCP_SAMPLES}{name}")
}

/// `exectable verify ocp <artifact> --observation <observation>`, then `extra`.
fn verify_ocp(artifact: &str, observation: &str, extra: &[&str]) -> Output {
    let mut args = vec!["verify", "ocp", artifact, "--observation", observation];
    args.extend(extra);
    run(&args)
}

/// `exectable ocp <observation…>` for the example's transaction, network and contract: an ocp-1 file.
fn produce_ocp1(observation: &[&str], timestamp_ms: &str) -> Output {
    let mut args = vec!["ocp"];
    args.extend(observation);
    args.extend(["--tx-hash", EXAMPLE_TX, "--network", "base-sepolia", "--contract", EXAMPLE_CONTRACT]);
    args.extend(["--timestamp-ms", timestamp_ms]);
    run(&args)
}

fn receipt(tx: &str, block: &str, status: &str, contract: &str, digest: &str) -> String {
    json!({
        "transactionHash": tx,
        "blockHash": block,
        "blockNumber": "0x27ba7ec",
        "status": status,
        "logs": [{
            "address": contract,
            "topics": [TOPIC0, digest, "0x00000000000000000000000000000000000000000000000000000000000000e1"],
            "data": "0x",
            "logIndex": "0x0"
        }]
    })
    .to_string()
}

#[test]
fn example_observation_is_valid_on_the_hash_step() {
    let out = verify_ocp(&sample("example-proof.ocp.json"), &sample("example-observation.txt"), &[]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("VALID\n"), "{text}");
    assert!(text.contains(&format!("hash: ok (sha2-256 {EXAMPLE_DIGEST})")), "{text}");
    assert!(text.contains("inclusion: not checked (no receipt given)"), "{text}");
}

#[test]
fn demo_original_is_valid_and_tampered_is_a_hash_mismatch() {
    let proof = sample("demo-proof.json");
    let out = verify_ocp(&proof, &sample("demo-original.txt"), &[]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("note: not schema-complete: fileName, timestamp missing"), "{}", stdout(&out));
    assert!(stdout(&out).contains("demo:proof.hash"), "{}", stdout(&out));

    let out = verify_ocp(&proof, &sample("demo-tampered.txt"), &[]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.starts_with("INVALID: hash mismatch"), "{text}");
    assert!(text.contains("0x48a1a690340f30896cb6c847ba43f9b27842a05d53f99df21e677d9ec3cde9f1"), "{text}");
    assert!(text.lines().next().unwrap().ends_with("[code 501]"), "{text}");

    let out = verify_ocp(&proof, &sample("demo-tampered.txt"), &["--json"]);
    assert_eq!(code(&out), 1);
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(report["hash"]["result"], "mismatch");
    assert_eq!(report["error"]["code"], 501);
    assert_eq!(report["error"]["name"], "OcpHashMismatch");
}

#[test]
fn solana_envelope_is_an_unsupported_extraction_rule() {
    let out = verify_ocp(&sample("example-envelope-solana-devnet.json"), &sample("example-observation.txt"), &[]);
    assert_eq!(code(&out), 3, "an unsupported rule: cannot decide");
    let first = stdout(&out).lines().next().unwrap().to_owned();
    assert!(first.starts_with("CANNOT DECIDE: unsupported extraction rule solana/instruction-data"), "{first}");
    assert!(first.ends_with("[code 502]"), "{first}");
}

#[test]
fn producing_the_example_file_reproduces_the_sample() {
    let out = produce_ocp1(&[&sample("example-observation.txt")], "1777222524027");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out).trim_end(), std::fs::read_to_string(sample("example-proof.ocp.json")).unwrap().trim_end());
}

#[test]
fn envelope_round_trip_with_receipts() {
    let dir = Scratch::new("envelope");
    let block = format!("0x{}", "84".repeat(32));
    let out = run(&[
        "ocp",
        &sample("example-observation.txt"),
        "--envelope",
        "--chain-id",
        "eip155:84532",
        "--tx-hash",
        EXAMPLE_TX,
        "--block-hash",
        &block,
        "--block-height",
        "41658348",
        "--finality-depth",
        "3",
        "--timestamp-ms",
        "1779192005000",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let envelope: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(envelope["commitment"]["digest"], EXAMPLE_DIGEST[2..]);
    assert_eq!(envelope["meta"]["created_utc"], "2026-05-19T12:00:05Z");
    let artifact = dir.file("envelope.json", &stdout(&out));
    let observation = sample("example-observation.txt");
    let verify = |receipt: &str| verify_ocp(&artifact, &observation, &["--receipt", receipt]);

    let good = dir.file("good.json", &receipt(EXAMPLE_TX, &block, "0x1", EXAMPLE_CONTRACT, EXAMPLE_DIGEST));
    let out = verify(&good);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("inclusion: confirmed (evm/event-log 1.0.0: Recorded log #0"), "{}", stdout(&out));

    let other = format!("0x{}", "85".repeat(32));
    let cases = [
        (receipt(EXAMPLE_TX, &block, "0x0", EXAMPLE_CONTRACT, EXAMPLE_DIGEST), 503),
        (receipt(EXAMPLE_TX, &other, "0x1", EXAMPLE_CONTRACT, EXAMPLE_DIGEST), 504),
        (receipt(EXAMPLE_TX, &block, "0x1", EXAMPLE_CONTRACT, &other), 506),
        (receipt(&other, &block, "0x1", EXAMPLE_CONTRACT, EXAMPLE_DIGEST), 508),
    ];
    for (i, (text, want)) in cases.iter().enumerate() {
        let out = verify(&dir.file(&format!("bad-{i}.json"), text));
        // A receipt of another transaction (508) cannot decide; the others show non-inclusion.
        let exit = if *want == 508 { 3 } else { 1 };
        assert_eq!(code(&out), exit, "{want}: {}", stdout(&out));
        assert!(stdout(&out).lines().next().unwrap().ends_with(&format!("[code {want}]")), "{}", stdout(&out));
    }
    // The ocp-1 sample names the contract: a log from another contract is 505.
    let elsewhere = receipt(EXAMPLE_TX, &block, "0x1", "0x00000000000000000000000000000000000000c2", EXAMPLE_DIGEST);
    let out = verify_ocp(
        &sample("example-proof.ocp.json"),
        &observation,
        &["--receipt", &dir.file("elsewhere.json", &elsewhere)],
    );
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).lines().next().unwrap().ends_with("[code 505]"), "{}", stdout(&out));
    // A receipt given for the demo rule: 502.
    let out = verify_ocp(&sample("demo-proof.json"), &sample("demo-original.txt"), &["--receipt", &good]);
    assert_eq!(code(&out), 3);
    assert!(stdout(&out).lines().next().unwrap().ends_with("[code 502]"), "{}", stdout(&out));
}

#[test]
fn table_artifacts_hash_the_canonical_bytes() {
    let dir = Scratch::new("table");
    let out = produce_ocp1(&["--table", DEMO], "1781000000000");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let file: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(file["fileName"], "postAndVerifyBatch-006.hex.l1-batch.abi");
    let artifact = dir.file("table.ocp.json", &stdout(&out));
    let out = run(&["verify", "ocp", &artifact, "--table", DEMO]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    // The observation is the calldata without its selector: the same bytes as a file verify too.
    let calldata = std::fs::read_to_string(DEMO).unwrap();
    let bytes = alloy_primitives::hex::decode(calldata.trim()).unwrap();
    let raw = dir.path("batch.abi");
    std::fs::write(&raw, &bytes[4..]).unwrap();
    assert_eq!(code(&verify_ocp(&artifact, raw.to_str().unwrap(), &[])), 0);
    std::fs::write(&raw, &bytes).unwrap(); // with the selector: another observation
    assert_eq!(code(&verify_ocp(&artifact, raw.to_str().unwrap(), &[])), 1);
}

#[test]
fn unusable_input_and_malformed_artifacts_cannot_decide() {
    let observation = sample("example-observation.txt");
    let out = verify_ocp("{not json", &observation, &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let out = verify_ocp(&sample("example-proof.ocp.json"), "/no/such/file", &[]);
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("cannot read /no/such/file"), "{}", stderr(&out));
    let out = verify_ocp(&sample("example-proof.ocp.json"), &observation, &["--receipt", r#"{"status": "0x2"}"#]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(stderr(&out).contains("[code 606]"), "{}", stderr(&out));
    let mut extra: Value =
        serde_json::from_str(&std::fs::read_to_string(sample("example-proof.ocp.json")).unwrap()).unwrap();
    extra["note"] = json!("not allowed");
    let out = verify_ocp(&extra.to_string(), &observation, &[]);
    assert_eq!(code(&out), 3);
    assert!(stdout(&out).starts_with("CANNOT DECIDE: ocp-1 proof file violates its schema: note:"), "{}", stdout(&out));
    assert!(stdout(&out).trim_end().ends_with("[code 507]"), "{}", stdout(&out));
    // Producing: ocp-1 needs --network and --contract; the envelope refuses ocp-1 members.
    let out = run(&["ocp", &observation, "--tx-hash", EXAMPLE_TX, "--network", "n"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--contract"), "{}", stderr(&out));
    let out = run(&[
        "ocp",
        &observation,
        "--tx-hash",
        EXAMPLE_TX,
        "--envelope",
        "--chain-id",
        "eip155:1",
        "--contract",
        EXAMPLE_CONTRACT,
    ]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--contract is an ocp-1 member"), "{}", stderr(&out));
    let out = run(&["ocp", &observation, "--tx-hash", "0x12", "--network", "n", "--contract", EXAMPLE_CONTRACT]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("tx-hash"), "{}", stderr(&out));
}
