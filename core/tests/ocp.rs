//! OCP artifacts: the shared samples (vectors/ocp/, byte-identical copies of the upstream files),
//! the schema file against the rule table, receipt-based inclusion with synthetic receipts, table
//! observations from the golden file, and the vector file vectors/exectable-ocp.json, which this
//! test rebuilds and compares (`EXECTABLE_WRITE_VECTORS=1` rewrites it).

use alloy_primitives::{address, b256, keccak256, Address, B256};
use exectable::conformance::run_vectors;
use exectable::ocp::schema::{validate_proof_file, Pattern, PropertyRule, PROOF_FILE_PROPERTIES, PROOF_FILE_REQUIRED};
use exectable::ocp::{
    recorded_topic0, verify, EnvelopeInput, ExecutionTable, HashCheck, InclusionCheck, OcpArtifact, OcpEnvelope,
    OcpProofFile, ProofFileInput,
};
use exectable::receipt::Receipt;
use exectable::types::l1;
use exectable::{CanonicalJson, ErrorCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const OCP_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/ocp/");
const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/eez-v1-public.json");
const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/exectable-ocp.json");

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!("{OCP_DIR}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn sample_json(name: &str) -> Value {
    serde_json::from_slice(&sample(name)).unwrap()
}

fn artifact(name: &str) -> OcpArtifact {
    OcpArtifact::from_json(&sample_json(name)).unwrap()
}

/// SHA-256 computed here, independently of the library.
fn sha256(bytes: &[u8]) -> B256 {
    B256::from_slice(&Sha256::digest(bytes))
}

// ---------------------------------------------------------------- synthetic ledger data

/// The reference contract on Base Sepolia and the transaction the sample `ocp-1` file names.
const EXAMPLE_CONTRACT: Address = address!("0963Fd33DF80c94360F2DC22e5c09517AeE7ED5c");
const EXAMPLE_TX: B256 = b256!("f2e1f6c085768b4e3d60463717d52bb2a338803a74a4cfd48aea5738d2595ddd");
/// Block of the upstream envelope example (appendix-evm-r.md) for the same transaction.
const EXAMPLE_BLOCK: B256 = b256!("840e71e7815d501c9ed97a8418f00d30b8b9c79943ded56ea7e12e8dca0ab328");
const EXAMPLE_BLOCK_NUMBER: u64 = 41_658_348;
const RECORDER: Address = address!("00000000000000000000000000000000000000e1");
const OTHER_CONTRACT: Address = address!("00000000000000000000000000000000000000c2");
const TABLE_TIMESTAMP_MS: u64 = 1_781_000_000_000;

/// A synthetic transaction or block hash for table artifacts: keccak256("exectable-ocp/" ‖ label).
fn synthetic(label: &str) -> B256 {
    keccak256(format!("exectable-ocp/{label}"))
}

fn recorded_log(contract: Address, digest: B256, index: u64) -> Value {
    json!({
        "address": contract.to_checksum(None),
        "topics": [recorded_topic0().to_json(), digest.to_json(), RECORDER.into_word().to_json()],
        "data": "0x",
        "logIndex": format!("{index:#x}"),
    })
}

/// An `eth_getTransactionReceipt` result for `tx` in block `block` with `logs`.
fn receipt(tx: B256, block: B256, number: u64, logs: Vec<Value>) -> Value {
    json!({
        "transactionHash": tx.to_json(),
        "transactionIndex": "0x3",
        "blockHash": block.to_json(),
        "blockNumber": format!("{number:#x}"),
        "from": RECORDER.to_json(),
        "to": EXAMPLE_CONTRACT.to_json(),
        "status": "0x1",
        "gasUsed": "0x5c2b",
        "logs": logs,
    })
}

fn example_receipt() -> Value {
    let digest = sha256(&sample("example-observation.txt"));
    receipt(EXAMPLE_TX, EXAMPLE_BLOCK, EXAMPLE_BLOCK_NUMBER, vec![recorded_log(EXAMPLE_CONTRACT, digest, 7)])
}

/// The EVM envelope of the upstream example (appendix-evm-r.md), as [`OcpEnvelope::produce`] inputs.
fn example_envelope_input() -> EnvelopeInput {
    EnvelopeInput {
        chain_id: "eip155:84532".into(),
        tx_hash: EXAMPLE_TX,
        block_height: Some(EXAMPLE_BLOCK_NUMBER),
        block_hash: Some(EXAMPLE_BLOCK),
        finality_depth: 3,
        assertion_time_ms: 1_779_192_000_000, // 2026-05-19T12:00:00Z
        created_ms: 1_779_192_005_000,        // 2026-05-19T12:00:05Z
    }
}

fn example_envelope() -> Value {
    OcpEnvelope::produce(&sample("example-observation.txt"), &example_envelope_input()).unwrap().to_json()
}

fn check(artifact: &Value, observation: &[u8], receipt: Option<&Value>) -> Result<exectable::ocp::OcpReport, u32> {
    let artifact = OcpArtifact::from_json(artifact).map_err(|e| e.code().as_u32())?;
    let receipt = receipt.map(Receipt::from_json).transpose().map_err(|e| e.code().as_u32())?;
    verify(&artifact, observation, receipt.as_ref()).into_result().map_err(|e| e.code().as_u32())
}

// ---------------------------------------------------------------- the required results

#[test]
fn example_observation_passes_on_the_hash_step() {
    let report = verify(&artifact("example-proof.ocp.json"), &sample("example-observation.txt"), None);
    assert!(report.is_valid(), "{report}");
    assert_eq!(report.hash, HashCheck::Match);
    assert_eq!(report.inclusion, InclusionCheck::NotChecked("no receipt given".into()));
    assert!(report.missing_members.is_empty());
    assert_eq!(report.digest, sha256(&sample("example-observation.txt")));
    let json = report.to_json();
    assert_eq!(json["valid"], true);
    assert_eq!(json["hash"]["result"], "ok");
    assert_eq!(json["inclusion"]["result"], "notChecked");
}

#[test]
fn demo_original_passes_with_a_schema_note_and_tampered_fails_with_501() {
    let proof = artifact("demo-proof.json");
    let report = verify(&proof, &sample("demo-original.txt"), None);
    assert!(report.is_valid(), "{report}");
    assert_eq!(report.missing_members, vec!["fileName", "timestamp"]);
    assert!(report.notes[0].starts_with("not schema-complete: fileName, timestamp missing"), "{:?}", report.notes);
    match &report.inclusion {
        InclusionCheck::NotChecked(why) => assert!(why.contains("no receipt") && why.contains("demo:proof.hash")),
        other => panic!("{other:?}"),
    }
    assert_eq!(report.to_json()["schemaComplete"], false);

    let tampered = verify(&proof, &sample("demo-tampered.txt"), None);
    let e = tampered.error().expect("tampered must fail");
    assert_eq!(e.code(), ErrorCode::OcpHashMismatch);
    let text = e.to_string();
    assert!(text.contains(&sha256(&sample("demo-tampered.txt")).to_string()), "{text}");
    assert!(text.contains(&proof.digest().to_string()), "{text}");
    assert!(matches!(tampered.hash, HashCheck::Mismatch { .. }));
    assert!(matches!(tampered.inclusion, InclusionCheck::NotChecked(_)));
    // The demo file is not schema-complete: a strict reader refuses it.
    assert_eq!(
        OcpProofFile::from_json_strict(&sample_json("demo-proof.json")).unwrap_err().code(),
        ErrorCode::OcpMalformed
    );
}

#[test]
fn solana_envelope_is_an_unsupported_extraction_rule() {
    let envelope = artifact("example-envelope-solana-devnet.json");
    // Its digest is that of the example observation, so only the rule refuses it.
    let report = verify(&envelope, &sample("example-observation.txt"), None);
    assert_eq!(report.hash, HashCheck::Match);
    let e = report.error().unwrap();
    assert_eq!(e.code(), ErrorCode::OcpUnsupportedRule);
    assert!(e.to_string().starts_with("unsupported extraction rule solana/instruction-data@1.0.0"), "{e}");
    let receipt = Receipt::from_json(&example_receipt()).unwrap();
    assert_eq!(
        verify(&envelope, &sample("example-observation.txt"), Some(&receipt)).error().unwrap().code(),
        ErrorCode::OcpUnsupportedRule
    );
}

#[test]
fn samples_round_trip_byte_for_byte() {
    for name in ["example-proof.ocp.json", "demo-proof.json", "example-envelope-solana-devnet.json"] {
        let text = String::from_utf8(sample(name)).unwrap();
        let out = serde_json::to_string_pretty(&artifact(name).to_json()).unwrap();
        assert_eq!(out.trim_end(), text.trim_end(), "{name}");
    }
}

#[test]
fn topic0_is_computed_and_equals_the_readme_value() {
    let readme = String::from_utf8(sample("README.md")).unwrap();
    let at = readme.find("keccak256(\"Recorded(bytes32,address)\") =").expect("README states topic0");
    let value = readme[at..].split('`').nth(1).expect("topic0 in backticks");
    assert_eq!(recorded_topic0().to_string(), value);
    assert_eq!(recorded_topic0(), keccak256("Recorded(bytes32,address)"));
}

// ---------------------------------------------------------------- schema

#[test]
fn rule_table_matches_the_schema_file() {
    let schema = sample_json("proof-format-v1.schema.json");
    assert_eq!(schema["type"], "object");
    assert_eq!(schema["additionalProperties"], false);
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(required, PROOF_FILE_REQUIRED);
    let properties = schema["properties"].as_object().unwrap();
    let names: Vec<&str> = properties.keys().map(String::as_str).collect();
    let ours: Vec<&str> = PROOF_FILE_PROPERTIES.iter().map(|p| p.name).collect();
    assert_eq!(names, ours, "properties and their order");
    for property in PROOF_FILE_PROPERTIES {
        let spec = properties[property.name].as_object().unwrap();
        // Every keyword of the property is one the rule table models (or a description).
        let mut keywords: Vec<&str> = spec.keys().map(String::as_str).filter(|k| *k != "description").collect();
        keywords.sort();
        let (ty, keyword, value) = match property.rule {
            PropertyRule::ConstString(c) => ("string", "const", json!(c)),
            PropertyRule::StringMinLength(n) => ("string", "minLength", json!(n)),
            PropertyRule::StringPattern(p) => ("string", "pattern", json!(p)),
            PropertyRule::IntegerMinimum(n) => ("integer", "minimum", json!(n)),
        };
        let mut want = vec![keyword, "type"];
        want.sort();
        assert_eq!(keywords, want, "{}", property.name);
        assert_eq!(spec["type"], ty, "{}", property.name);
        assert_eq!(spec[keyword], value, "{}", property.name);
        if let Some(p) = spec.get("pattern") {
            Pattern::parse(p.as_str().unwrap()).unwrap();
        }
    }
}

/// Validates `doc` by interpreting the schema file itself (independently of the rule table).
fn schema_file_accepts(doc: &Value) -> Result<(), String> {
    let schema = sample_json("proof-format-v1.schema.json");
    let map = doc.as_object().ok_or("not an object")?;
    for name in schema["required"].as_array().unwrap() {
        if !map.contains_key(name.as_str().unwrap()) {
            return Err(format!("missing {name}"));
        }
    }
    for (name, value) in map {
        let spec = schema["properties"].get(name).ok_or(format!("{name} not allowed"))?;
        let ok = match spec["type"].as_str().unwrap() {
            "string" => {
                let s = value.as_str().ok_or(format!("{name} not a string"))?;
                spec.get("const").is_none_or(|c| c == value)
                    && spec.get("minLength").is_none_or(|n| s.chars().count() as u64 >= n.as_u64().unwrap())
                    && spec.get("pattern").is_none_or(|p| Pattern::parse(p.as_str().unwrap()).unwrap().is_match(s))
            }
            "integer" => {
                let n = value.as_u64().ok_or(format!("{name} not a non-negative integer"))?;
                spec.get("minimum").is_none_or(|m| n >= m.as_u64().unwrap())
            }
            other => return Err(format!("unexpected type {other}")),
        };
        if !ok {
            return Err(format!("{name} = {value} violates {spec}"));
        }
    }
    Ok(())
}

#[test]
fn every_produced_proof_file_satisfies_the_schema() {
    let produced = produced_proof_files();
    assert!(produced.len() >= 10);
    for file in &produced {
        let json = file.to_json();
        validate_proof_file(&json).unwrap();
        schema_file_accepts(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    }
    schema_file_accepts(&sample_json("example-proof.ocp.json")).unwrap();
    assert!(schema_file_accepts(&sample_json("demo-proof.json")).is_err());
    // Each schema violation is refused by both the file's interpretation and the library.
    let good = sample_json("example-proof.ocp.json");
    for (member, bad) in schema_violations() {
        let mut doc = good.clone();
        match bad {
            Some(v) => doc[member] = v,
            None => {
                doc.as_object_mut().unwrap().remove(member);
            }
        }
        assert!(schema_file_accepts(&doc).is_err(), "{member}: schema file accepts {doc}");
        let e = OcpArtifact::from_json(&doc).unwrap_err();
        assert_eq!(e.code(), ErrorCode::OcpMalformed, "{member}");
    }
}

/// (member, replacement or removal) pairs that break the `ocp-1` schema; removals of the two
/// descriptive members are left out (the lenient reader accepts those).
fn schema_violations() -> Vec<(&'static str, Option<Value>)> {
    vec![
        ("version", Some(json!("ocp-2"))),
        ("fileName", Some(json!(""))),
        ("hash", Some(json!("0x14CCA453684A18C1EF3E1C0B9A7744CFA06942660719BBA373EF5FC36208BF73"))),
        ("hash", Some(json!("14cca453684a18c1ef3e1c0b9a7744cfa06942660719bba373ef5fc36208bf73"))),
        ("hash", None),
        ("txHash", Some(json!("0xf2e1f6c085768b4e3d60463717d52bb2a338803a74a4cfd48aea5738d2595dd"))),
        ("network", Some(json!(""))),
        ("network", None),
        ("contract", Some(json!("0x0963Fd33DF80c94360F2DC22e5c09517AeE7ED5"))),
        ("extractionRule", Some(json!(7))),
        ("timestamp", Some(json!(-1))),
        ("timestamp", Some(json!("1777222524027"))),
        ("timestamp", Some(json!(1.5))),
        ("comment", Some(json!("extra members are not allowed"))),
    ]
}

#[test]
fn every_member_replaced_by_every_json_type_is_refused_without_panic() {
    let observation = sample("example-observation.txt");
    let kinds = [json!(null), json!(true), json!(-7), json!(2.5), json!("x"), json!([]), json!({}), json!(u64::MAX)];
    let mut paths: Vec<Vec<&str>> = Vec::new();
    for member in ["version", "fileName", "hash", "txHash", "network", "contract", "extractionRule", "timestamp"] {
        paths.push(vec![member]);
    }
    for (outer, inner) in [
        ("ocp", None),
        ("chain", Some(vec!["id", "namespace"])),
        ("commitment", Some(vec!["digest", "hash_function", "serialization"])),
        ("ledger_ref", Some(vec!["transaction_id", "block_height", "block_hash", "finality"])),
        ("extraction", Some(vec!["rule_id", "rule_version"])),
        ("meta", Some(vec!["created_utc", "envelope_version"])),
    ] {
        paths.push(vec![outer]);
        for name in inner.unwrap_or_default() {
            paths.push(vec![outer, name]);
        }
    }
    paths.push(vec!["ledger_ref", "finality", "depth"]);
    paths.push(vec!["ledger_ref", "finality", "assertion_time_utc"]);
    let mut refused = 0;
    for doc in [sample_json("example-proof.ocp.json"), example_envelope()] {
        for path in &paths {
            if doc.pointer(&format!("/{}", path.join("/"))).is_none() {
                continue;
            }
            for kind in &kinds {
                let mut changed = doc.clone();
                *changed.pointer_mut(&format!("/{}", path.join("/"))).unwrap() = kind.clone();
                match OcpArtifact::from_json(&changed) {
                    Err(e) => {
                        assert_eq!(e.code(), ErrorCode::OcpMalformed, "{path:?} = {kind}");
                        refused += 1;
                    }
                    // Some replacements stay well-formed (a string namespace, u64::MAX heights):
                    // they verify, or name an unsupported rule.
                    Ok(a) => {
                        let report = verify(&a, &observation, None);
                        let code = report.error().map(|e| e.code());
                        assert!(code.is_none() || code == Some(ErrorCode::OcpUnsupportedRule), "{path:?} = {kind}");
                    }
                }
            }
        }
    }
    assert!(refused > 150, "{refused}");
}

// ---------------------------------------------------------------- receipts

#[test]
fn receipt_cases_confirm_or_fail_with_their_codes() {
    let observation = sample("example-observation.txt");
    let digest = sha256(&observation);
    let file = sample_json("example-proof.ocp.json");
    let envelope = example_envelope();
    let good = example_receipt();

    let report = check(&file, &observation, Some(&good)).unwrap();
    match report.inclusion {
        InclusionCheck::Confirmed(log) => {
            assert_eq!(
                (log.position, log.log_index, log.contract, log.recorder),
                (0, Some(7), EXAMPLE_CONTRACT, Some(RECORDER))
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(check(&envelope, &observation, Some(&good)).unwrap().inclusion_confirmed());
    let wrapped = json!({"jsonrpc": "2.0", "id": 1, "result": good});
    assert!(check(&file, &observation, Some(&wrapped)).unwrap().inclusion_confirmed());

    for (label, artifact, receipt, code) in receipt_mutations(&file, &envelope, &good, digest) {
        assert_eq!(check(&artifact, &observation, Some(&receipt)).unwrap_err(), code, "{label}");
    }
}

/// Tampered receipts (and one artifact whose rule needs no receipt) with the code each must give.
fn receipt_mutations(file: &Value, envelope: &Value, good: &Value, digest: B256) -> Vec<(String, Value, Value, u32)> {
    let mut out = Vec::new();
    let mut push = |label: &str, artifact: &Value, mutate: &dyn Fn(&mut Value), code: ErrorCode| {
        let mut r = good.clone();
        mutate(&mut r);
        out.push((label.to_owned(), artifact.clone(), r, code.as_u32()));
    };
    push("status 0", file, &|r| r["status"] = "0x0".into(), ErrorCode::OcpReceiptFailed);
    push(
        "other block hash",
        envelope,
        &|r| r["blockHash"] = synthetic("other-block").to_json(),
        ErrorCode::OcpBlockHashMismatch,
    );
    push(
        "no block hash",
        envelope,
        &|r| {
            r.as_object_mut().unwrap().remove("blockHash");
        },
        ErrorCode::OcpBlockHashMismatch,
    );
    push("other block number", envelope, &|r| r["blockNumber"] = "0x27ba7ed".into(), ErrorCode::OcpBlockHashMismatch);
    push(
        "log from another contract",
        file,
        &|r| r["logs"][0]["address"] = OTHER_CONTRACT.to_json(),
        ErrorCode::OcpContractMismatch,
    );
    push(
        "digest absent",
        file,
        &|r| r["logs"][0]["topics"][1] = synthetic("other-digest").to_json(),
        ErrorCode::OcpDigestNotFound,
    );
    push(
        "Recorded log with one topic",
        file,
        &|r| r["logs"][0]["topics"] = json!([recorded_topic0().to_json()]),
        ErrorCode::OcpDigestNotFound,
    );
    push(
        "other event topic0",
        file,
        &|r| r["logs"][0]["topics"][0] = keccak256("Recorded(bytes32)").to_json(),
        ErrorCode::OcpDigestNotFound,
    );
    push(
        "digest in data, not topics[1]",
        file,
        &|r| {
            r["logs"][0]["topics"] = json!([recorded_topic0().to_json()]);
            r["logs"][0]["data"] = digest.to_json();
        },
        ErrorCode::OcpDigestNotFound,
    );
    push("no logs", file, &|r| r["logs"] = json!([]), ErrorCode::OcpDigestNotFound);
    push(
        "other transaction",
        file,
        &|r| r["transactionHash"] = synthetic("other-tx").to_json(),
        ErrorCode::OcpTransactionMismatch,
    );
    push(
        "no transaction hash",
        file,
        &|r| {
            r.as_object_mut().unwrap().remove("transactionHash");
        },
        ErrorCode::OcpTransactionMismatch,
    );
    push("malformed status", file, &|r| r["status"] = "0x2".into(), ErrorCode::ReceiptMalformed);
    let mut demo = sample_json("demo-proof.json");
    demo["hash"] = digest.to_json(); // the demo rule, for the example observation
    push("unknown ocp-1 rule with a receipt", &demo, &|_| {}, ErrorCode::OcpUnsupportedRule);
    out
}

#[test]
fn an_envelope_without_block_or_contract_still_needs_the_transaction() {
    let observation = sample("example-observation.txt");
    let input = EnvelopeInput { block_hash: None, block_height: None, ..example_envelope_input() };
    let envelope = OcpEnvelope::produce(&observation, &input).unwrap().to_json();
    let mut other_block = example_receipt();
    other_block["blockHash"] = synthetic("other-block").to_json();
    other_block["logs"][0]["address"] = OTHER_CONTRACT.to_json();
    let report = check(&envelope, &observation, Some(&other_block)).unwrap();
    assert!(report.inclusion_confirmed());
    assert!(report.notes.iter().any(|n| n.contains("names no contract")), "{:?}", report.notes);
    assert!(report.notes.iter().any(|n| n.contains("names no block hash")), "{:?}", report.notes);
}

// ---------------------------------------------------------------- tables

fn golden_cases() -> Vec<Value> {
    let file: Value = serde_json::from_str(&std::fs::read_to_string(GOLDEN).unwrap()).unwrap();
    file["cases"].as_array().unwrap().clone()
}

fn golden_case(id: &str) -> Value {
    golden_cases().into_iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("{id}"))
}

/// `(label, table)` for every batch of the golden file's `batchCalldata` cases, the L1 batches
/// of e2e scenarios 001–003 and the L2 table of e2e scenario 004.
fn golden_tables() -> Vec<(String, ExecutionTable)> {
    let mut out = Vec::new();
    for case in golden_cases() {
        let id = case["id"].as_str().unwrap().to_owned();
        if case["kind"] == "batchCalldata" || (case["kind"] == "e2eScenario" && case["inputs"].get("batch").is_some()) {
            let batch = l1::ProofSystemBatchPerVerificationEntries::from_json(&case["inputs"]["batch"]).unwrap();
            out.push((id, ExecutionTable::L1Batch(Box::new(batch))));
        } else if case["kind"] == "e2eScenario" {
            let table = json!({"l2Table": {"entries": case["inputs"]["entries"], "lookupCalls": case["inputs"]["lookupCalls"]}});
            out.push((id, ExecutionTable::from_json(&table).unwrap()));
        }
    }
    out
}

#[test]
fn table_observation_is_the_posted_calldata_without_its_selector() {
    let tables = golden_tables();
    assert_eq!(tables.len(), 12);
    for (id, table) in &tables {
        let observation = table.observation();
        let l2 = matches!(table, ExecutionTable::L2Table { .. });
        assert_eq!(&ExecutionTable::from_observation(&observation, l2).unwrap(), table, "{id}");
        let case = golden_case(id);
        let posted = case["expected"]["calldata"].as_str().or(case["inputs"]["postAndVerifyBatchCalldata"].as_str());
        if let Some(calldata) = posted {
            let bytes = alloy_primitives::hex::decode(calldata).unwrap();
            assert_eq!(observation, bytes[4..], "{id}: observation = calldata[4..]");
        } else {
            assert!(l2, "{id}");
        }
    }
}

fn table_proof_file_input(id: &str, table: &ExecutionTable) -> ProofFileInput {
    ProofFileInput::evm(
        &format!("{id}.{}.abi", table.kind()),
        synthetic(&format!("tx/{id}")),
        "base-sepolia",
        EXAMPLE_CONTRACT,
        TABLE_TIMESTAMP_MS,
    )
}

fn table_envelope_input(id: &str) -> EnvelopeInput {
    EnvelopeInput {
        chain_id: "eip155:84532".into(),
        tx_hash: synthetic(&format!("tx/{id}")),
        block_height: Some(42_000_000),
        block_hash: Some(synthetic(&format!("block/{id}"))),
        finality_depth: 3,
        assertion_time_ms: TABLE_TIMESTAMP_MS,
        created_ms: TABLE_TIMESTAMP_MS + 5_000,
    }
}

fn table_receipt(id: &str, digest: B256) -> Value {
    receipt(
        synthetic(&format!("tx/{id}")),
        synthetic(&format!("block/{id}")),
        42_000_000,
        vec![recorded_log(OTHER_CONTRACT, synthetic("unrelated"), 0), recorded_log(EXAMPLE_CONTRACT, digest, 1)],
    )
}

fn produced_proof_files() -> Vec<OcpProofFile> {
    let mut out: Vec<OcpProofFile> = golden_tables()
        .iter()
        .map(|(id, t)| OcpProofFile::produce(&t.observation(), &table_proof_file_input(id, t)).unwrap())
        .collect();
    out.push(OcpProofFile::produce(&sample("example-observation.txt"), &example_proof_file_input()).unwrap());
    out.push(OcpProofFile::produce(&[], &ProofFileInput::evm("empty", B256::ZERO, "n", Address::ZERO, 0)).unwrap());
    out
}

fn example_proof_file_input() -> ProofFileInput {
    ProofFileInput::evm("example-observation.txt", EXAMPLE_TX, "base-sepolia", EXAMPLE_CONTRACT, 1_777_222_524_027)
}

#[test]
fn producers_reproduce_the_published_artifacts() {
    let observation = sample("example-observation.txt");
    let file = OcpProofFile::produce(&observation, &example_proof_file_input()).unwrap();
    assert_eq!(file.to_json(), sample_json("example-proof.ocp.json"));
    // The EVM envelope example of appendix-evm-r.md, member for member.
    let want = json!({
        "ocp": "1.0",
        "chain": {"id": "eip155:84532", "namespace": "evm"},
        "commitment": {"digest": "14cca453684a18c1ef3e1c0b9a7744cfa06942660719bba373ef5fc36208bf73",
                       "hash_function": "sha2-256", "serialization": "raw-bytes"},
        "ledger_ref": {"transaction_id": "0xf2e1f6c085768b4e3d60463717d52bb2a338803a74a4cfd48aea5738d2595ddd",
                       "block_height": 41658348,
                       "block_hash": "0x840e71e7815d501c9ed97a8418f00d30b8b9c79943ded56ea7e12e8dca0ab328",
                       "finality": {"depth": 3, "assertion_time_utc": "2026-05-19T12:00:00Z"}},
        "extraction": {"rule_id": "evm/event-log", "rule_version": "1.0.0"},
        "meta": {"created_utc": "2026-05-19T12:00:05Z", "envelope_version": "1.0"}
    });
    assert_eq!(example_envelope(), want);
    assert_eq!(serde_json::to_string(&example_envelope()).unwrap(), serde_json::to_string(&want).unwrap(), "order");
}

#[test]
fn table_artifacts_verify_against_the_table_and_a_receipt() {
    for (id, table) in golden_tables() {
        let observation = table.observation();
        let file = OcpProofFile::produce(&observation, &table_proof_file_input(&id, &table)).unwrap();
        assert_eq!(file.hash, sha256(&observation), "{id}");
        let envelope = OcpEnvelope::produce(&observation, &table_envelope_input(&id)).unwrap();
        let receipt = table_receipt(&id, file.hash);
        for artifact in [file.to_json(), envelope.to_json()] {
            let report = check(&artifact, &observation, Some(&receipt)).unwrap();
            match report.inclusion {
                InclusionCheck::Confirmed(log) => assert_eq!(log.position, 1, "{id}"),
                other => panic!("{id}: {other:?}"),
            }
            // One changed table field changes the observation: 501.
            let mut changed = table.clone();
            match &mut changed {
                ExecutionTable::L1Batch(b) => b.crossProofSystemInteractions.0[31] ^= 1,
                ExecutionTable::L2Table { entries, .. } => entries[0].proxyEntryHash.0[0] ^= 1,
            }
            assert_eq!(check(&artifact, &changed.observation(), Some(&receipt)).unwrap_err(), 501, "{id}");
        }
    }
}

// ---------------------------------------------------------------- vector file

fn case(id: &str, kind: &str, description: &str, inputs: Value, expected: Value) -> Value {
    json!({"id": id, "kind": kind, "description": description, "inputs": inputs, "expected": expected})
}

fn error(code: ErrorCode) -> Value {
    json!({"error": {"code": code.as_u32(), "name": format!("{code:?}")}})
}

fn valid(digest: B256, inclusion: &str, schema_complete: bool) -> Value {
    json!({"valid": true, "digest": digest.to_json(), "hash": "ok", "inclusion": inclusion, "schemaComplete": schema_complete})
}

fn text_observation(name: &str) -> Value {
    json!({"utf8": String::from_utf8(sample(name)).unwrap()})
}

fn verify_inputs(artifact: &Value, observation: Value, receipt: Option<&Value>) -> Value {
    let mut inputs = json!({"artifact": artifact, "observation": observation});
    if let Some(r) = receipt {
        inputs["receipt"] = r.clone();
    }
    inputs
}

/// A change to an artifact's JSON.
type Mutation = fn(&mut Value);

fn artifact_cases() -> Vec<Value> {
    let mut out = Vec::new();
    let mut add = |name: &str, description: &str, inputs: Value, expected: Value| {
        out.push(case(
            &format!("ocpArtifact-{:03}-{name}", out.len() + 1),
            "ocpArtifact",
            description,
            inputs,
            expected,
        ));
    };
    let example_obs = sample("example-observation.txt");
    let example_digest = sha256(&example_obs);
    let example = sample_json("example-proof.ocp.json");
    let demo = sample_json("demo-proof.json");
    let solana = sample_json("example-envelope-solana-devnet.json");
    let envelope = example_envelope();
    let good = example_receipt();

    add(
        "example",
        "shared sample: example-observation.txt with example-proof.ocp.json (hash step only: no receipt)",
        verify_inputs(&example, text_observation("example-observation.txt"), None),
        valid(example_digest, "notChecked", true),
    );
    add("demo-original", "shared sample: demo-original.txt with demo-proof.json (no fileName/timestamp: not schema-complete; rule demo:proof.hash: hash step only)",
        verify_inputs(&demo, text_observation("demo-original.txt"), None), valid(sha256(&sample("demo-original.txt")), "notChecked", false));
    add(
        "demo-tampered",
        "shared sample: demo-tampered.txt with demo-proof.json",
        verify_inputs(&demo, text_observation("demo-tampered.txt"), None),
        error(ErrorCode::OcpHashMismatch),
    );
    add(
        "solana-envelope",
        "shared sample: the Solana envelope (rule solana/instruction-data) is refused even though its digest matches",
        verify_inputs(&solana, text_observation("example-observation.txt"), None),
        error(ErrorCode::OcpUnsupportedRule),
    );
    add(
        "solana-envelope-with-receipt",
        "the Solana envelope with an EVM receipt",
        verify_inputs(&solana, text_observation("example-observation.txt"), Some(&good)),
        error(ErrorCode::OcpUnsupportedRule),
    );
    add(
        "example-receipt",
        "example-proof.ocp.json with a synthetic receipt carrying its Recorded log",
        verify_inputs(&example, text_observation("example-observation.txt"), Some(&good)),
        valid(example_digest, "confirmed", true),
    );
    add(
        "example-receipt-jsonrpc",
        "the same receipt inside a JSON-RPC response",
        verify_inputs(
            &example,
            text_observation("example-observation.txt"),
            Some(&json!({"jsonrpc": "2.0", "id": 1, "result": good})),
        ),
        valid(example_digest, "confirmed", true),
    );
    add(
        "example-envelope",
        "the EVM envelope of appendix-evm-r.md for the example observation (no receipt)",
        verify_inputs(&envelope, text_observation("example-observation.txt"), None),
        valid(example_digest, "notChecked", true),
    );
    add(
        "example-envelope-receipt",
        "the EVM envelope with the synthetic receipt (block hash and number match)",
        verify_inputs(&envelope, text_observation("example-observation.txt"), Some(&good)),
        valid(example_digest, "confirmed", true),
    );
    let mut flipped_obs = example_obs.clone();
    flipped_obs[0] ^= 0x01;
    add(
        "observation-bit-flip",
        "example-proof.ocp.json with one bit of the observation flipped",
        verify_inputs(&example, json!({"hex": alloy_primitives::hex::encode_prefixed(&flipped_obs)}), None),
        error(ErrorCode::OcpHashMismatch),
    );
    let mut digest_changed = example.clone();
    digest_changed["hash"] = json!(format!("0x{}", "14cca453684a18c1ef3e1c0b9a7744cfa06942660719bba373ef5fc36208bf74"));
    add(
        "digest-changed",
        "example-proof.ocp.json with the last digit of hash changed",
        verify_inputs(&digest_changed, text_observation("example-observation.txt"), None),
        error(ErrorCode::OcpHashMismatch),
    );
    let mut envelope_digest = envelope.clone();
    envelope_digest["commitment"]["digest"] = json!("04cca453684a18c1ef3e1c0b9a7744cfa06942660719bba373ef5fc36208bf73");
    add(
        "envelope-digest-changed",
        "the EVM envelope with the first digit of commitment.digest changed",
        verify_inputs(&envelope_digest, text_observation("example-observation.txt"), Some(&good)),
        error(ErrorCode::OcpHashMismatch),
    );
    let mut v2 = envelope.clone();
    v2["extraction"]["rule_version"] = json!("2.0.0");
    add(
        "envelope-rule-version",
        "evm/event-log version 2.0.0 is not implemented",
        verify_inputs(&v2, text_observation("example-observation.txt"), None),
        error(ErrorCode::OcpUnsupportedRule),
    );
    let mut sha3 = envelope.clone();
    sha3["commitment"]["hash_function"] = json!("sha3-256");
    add(
        "envelope-hash-function",
        "hash function sha3-256 is not implemented",
        verify_inputs(&sha3, text_observation("example-observation.txt"), None),
        error(ErrorCode::OcpUnsupportedRule),
    );

    for (label, artifact, receipt, code) in receipt_mutations(&example, &envelope, &good, example_digest) {
        let code = ErrorCode::from_u32(code).unwrap();
        let name = slug(&label);
        add(
            &format!("receipt-{name}"),
            &format!("synthetic receipt: {label}"),
            verify_inputs(&artifact, text_observation("example-observation.txt"), Some(&receipt)),
            error(code),
        );
    }
    for (i, (member, bad)) in schema_violations().into_iter().enumerate() {
        let mut doc = example.clone();
        let what = match bad {
            Some(v) => {
                let what = format!("{member} = {v}");
                doc[member] = v;
                what
            }
            None => {
                doc.as_object_mut().unwrap().remove(member);
                format!("{member} removed")
            }
        };
        add(
            &format!("schema-{}-{member}", i + 1),
            &format!("ocp-1 schema violation: {what}"),
            verify_inputs(&doc, text_observation("example-observation.txt"), None),
            error(ErrorCode::OcpMalformed),
        );
    }
    let envelope_breaks: [(&str, Mutation); 6] = [
        ("digest with 0x", |v| {
            v["commitment"]["digest"] = json!(format!("0x{}", v["commitment"]["digest"].as_str().unwrap()))
        }),
        ("unknown member", |v| v["ledger_ref"]["confirmations"] = json!(3)),
        ("ocp 1.1", |v| v["ocp"] = json!("1.1")),
        ("created_utc not RFC 3339", |v| v["meta"]["created_utc"] = json!("19 May 2026")),
        ("EVM transaction_id not a hash", |v| {
            v["ledger_ref"]["transaction_id"] = json!("43B5qatkYp5VZpaxrSCSe4jEHG2NgFpPGi6RdGABD9v3")
        }),
        ("block_height negative", |v| v["ledger_ref"]["block_height"] = json!(-1)),
    ];
    for (what, mutate) in envelope_breaks {
        let mut doc = envelope.clone();
        mutate(&mut doc);
        add(
            &format!("envelope-malformed-{}", slug(what)),
            &format!("malformed envelope: {what}"),
            verify_inputs(&doc, text_observation("example-observation.txt"), None),
            error(ErrorCode::OcpMalformed),
        );
    }

    // Tables of the golden file: the batch posted by the demo transaction, and the L2 table.
    for id in ["batchCalldata-public-006", "e2eScenario-public-004"] {
        let table = golden_tables().into_iter().find(|(i, _)| i == id).unwrap().1;
        let observation = table.observation();
        let digest = sha256(&observation);
        let file = OcpProofFile::produce(&observation, &table_proof_file_input(id, &table)).unwrap().to_json();
        let envelope = OcpEnvelope::produce(&observation, &table_envelope_input(id)).unwrap().to_json();
        let receipt = table_receipt(id, digest);
        let obs = json!({"table": table.to_json()});
        add(
            &format!("table-{id}-file"),
            &format!("ocp-1 file for the {} of {id} with a synthetic receipt", table.kind()),
            verify_inputs(&file, obs.clone(), Some(&receipt)),
            valid(digest, "confirmed", true),
        );
        add(
            &format!("table-{id}-envelope"),
            &format!("envelope for the {} of {id} with a synthetic receipt", table.kind()),
            verify_inputs(&envelope, obs.clone(), Some(&receipt)),
            valid(digest, "confirmed", true),
        );
        add(
            &format!("table-{id}-hex"),
            &format!("the {} of {id} given as its canonical bytes (hex), no receipt", table.kind()),
            verify_inputs(&file, json!({"hex": alloy_primitives::hex::encode_prefixed(&observation)}), None),
            valid(digest, "notChecked", true),
        );
        let mut changed = obs.clone();
        let field = match table {
            ExecutionTable::L1Batch(_) => &mut changed["table"]["l1Batch"]["transientExecutionEntryCount"],
            ExecutionTable::L2Table { .. } => {
                &mut changed["table"]["l2Table"]["entries"][0]["incomingCalls"][0]["value"]
            }
        };
        *field = json!(if *field == "0x1" { "0x0" } else { "0x1" });
        assert_ne!(changed, obs);
        add(
            &format!("table-{id}-changed"),
            &format!("the {} of {id} with one field changed", table.kind()),
            verify_inputs(&file, changed, Some(&receipt)),
            error(ErrorCode::OcpHashMismatch),
        );
    }
    out
}

/// `digest in data, not topics[1]` → `digest-in-data-not-topics-1`.
fn slug(label: &str) -> String {
    let mapped: String =
        label.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    mapped.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-")
}

fn produce_cases() -> Vec<Value> {
    let mut out = Vec::new();
    let mut add = |name: &str, description: &str, inputs: Value, expected: Value| {
        out.push(case(&format!("ocpProduce-{:03}-{name}", out.len() + 1), "ocpProduce", description, inputs, expected));
    };
    let file_input = |i: &ProofFileInput| {
        json!({"fileName": i.file_name, "txHash": i.tx_hash.to_json(), "network": i.network,
               "contract": i.contract.to_checksum(None), "extractionRule": i.extraction_rule, "timestamp": i.timestamp_ms})
    };
    let envelope_input = |i: &EnvelopeInput| {
        let mut v = json!({"chainId": i.chain_id, "txHash": i.tx_hash.to_json(), "finalityDepth": i.finality_depth,
                           "assertionTimeMs": i.assertion_time_ms, "createdMs": i.created_ms});
        if let Some(h) = i.block_height {
            v["blockHeight"] = json!(h);
        }
        if let Some(h) = i.block_hash {
            v["blockHash"] = h.to_json();
        }
        v
    };
    let produced = |observation: &[u8], artifact: Value| json!({"observation": alloy_primitives::hex::encode_prefixed(observation), "digest": sha256(observation).to_json(), "artifact": artifact});
    let example_obs = sample("example-observation.txt");
    add(
        "example-proof-file",
        "reproduces the shared sample example-proof.ocp.json exactly",
        json!({"observation": text_observation("example-observation.txt"), "proofFile": file_input(&example_proof_file_input())}),
        produced(&example_obs, sample_json("example-proof.ocp.json")),
    );
    add(
        "example-envelope",
        "reproduces the EVM envelope example of appendix-evm-r.md exactly",
        json!({"observation": text_observation("example-observation.txt"), "envelope": envelope_input(&example_envelope_input())}),
        produced(&example_obs, example_envelope()),
    );
    let empty = ProofFileInput::evm("empty.bin", synthetic("tx/empty"), "base-sepolia", EXAMPLE_CONTRACT, 0);
    add(
        "empty-observation",
        "the empty observation: SHA-256 e3b0c442…",
        json!({"observation": {"hex": "0x"}, "proofFile": file_input(&empty)}),
        produced(&[], OcpProofFile::produce(&[], &empty).unwrap().to_json()),
    );
    let no_block = EnvelopeInput { block_hash: None, block_height: None, ..table_envelope_input("no-block") };
    add(
        "envelope-without-block",
        "an envelope made before the block is known: block_height 0, block_hash \"\"",
        json!({"observation": {"hex": "0x00ff"}, "envelope": envelope_input(&no_block)}),
        produced(&[0x00, 0xff], OcpEnvelope::produce(&[0x00, 0xff], &no_block).unwrap().to_json()),
    );
    for (id, table) in golden_tables() {
        let observation = table.observation();
        let input = table_proof_file_input(&id, &table);
        add(
            &format!("table-{id}-file"),
            &format!("ocp-1 file for the {} of golden case {id}", table.kind()),
            json!({"observation": {"table": table.to_json()}, "proofFile": file_input(&input)}),
            produced(&observation, OcpProofFile::produce(&observation, &input).unwrap().to_json()),
        );
        if matches!(id.as_str(), "batchCalldata-public-006" | "e2eScenario-public-001" | "e2eScenario-public-004") {
            let input = table_envelope_input(&id);
            add(
                &format!("table-{id}-envelope"),
                &format!("envelope for the {} of golden case {id}", table.kind()),
                json!({"observation": {"table": table.to_json()}, "envelope": envelope_input(&input)}),
                produced(&observation, OcpEnvelope::produce(&observation, &input).unwrap().to_json()),
            );
        }
    }
    let mut no_name = example_proof_file_input();
    no_name.file_name.clear();
    add(
        "empty-file-name",
        "fileName must not be empty (schema minLength 1)",
        json!({"observation": {"hex": "0x"}, "proofFile": file_input(&no_name)}),
        error(ErrorCode::InvalidArgument),
    );
    let solana = EnvelopeInput { chain_id: "solana:devnet".into(), ..example_envelope_input() };
    add(
        "non-evm-chain",
        "the EVM envelope producer needs an eip155 chain id",
        json!({"observation": {"hex": "0x"}, "envelope": envelope_input(&solana)}),
        error(ErrorCode::InvalidArgument),
    );
    out
}

fn vector_file() -> Value {
    let mut cases = artifact_cases();
    cases.extend(produce_cases());
    json!({
        "header": {
            "format": "exectable-vectors/v1",
            "description": "OCP artifacts (docs/OCP.md): ocpArtifact verifies an artifact (ocp-1 proof file or v1.0 envelope) against an observation and optionally a receipt; ocpProduce produces one. Inputs: the shared OCP samples (vectors/ocp/, inlined), the EVM envelope example of the upstream appendix-evm-r.md, the execution tables of vectors/eez-v1-public.json (observation = canonical bytes), and synthetic receipts (transaction and block hashes of table artifacts are keccak256(\"exectable-ocp/tx/<case>\") etc., not real chain data).",
            "generator": "cargo test -p exectable --test ocp vector_file_is_up_to_date (EXECTABLE_WRITE_VECTORS=1 rewrites vectors/exectable-ocp.json)",
        },
        "cases": cases,
    })
}

#[test]
fn vector_file_is_up_to_date() {
    let text = serde_json::to_string_pretty(&vector_file()).unwrap() + "\n";
    if std::env::var_os("EXECTABLE_WRITE_VECTORS").is_some() {
        std::fs::write(VECTORS, &text).unwrap();
    }
    let committed = std::fs::read_to_string(VECTORS).unwrap_or_default();
    assert!(committed == text, "vectors/exectable-ocp.json is stale: rerun with EXECTABLE_WRITE_VECTORS=1");
}

#[test]
fn every_vector_passes_and_a_wrong_expected_code_fails() {
    let mut file = vector_file();
    let report = run_vectors(&file, &[]).unwrap();
    assert!(report.failures.is_empty(), "{:#?}", report.failures);
    let counts: Vec<_> = report.kinds.iter().map(|(k, c)| (k.clone(), c.passed)).collect();
    assert_eq!(counts.len(), 2, "{counts:?}");
    let cases = file["cases"].as_array_mut().unwrap();
    let must_fail = cases.iter().filter(|c| c["expected"].get("error").is_some()).count();
    assert!(must_fail >= 30, "{must_fail} must-fail cases");
    // Every must-fail case fails when it expects another code, every valid one when it expects an error.
    for c in cases.iter_mut() {
        match c["expected"].get("error").cloned() {
            Some(e) => {
                let code = e["code"].as_u64().unwrap();
                let other = if code == 501 { ErrorCode::OcpDigestNotFound } else { ErrorCode::OcpHashMismatch };
                c["expected"] = error(other);
            }
            None => c["expected"] = error(ErrorCode::OcpHashMismatch),
        }
    }
    let flipped = run_vectors(&file, &[]).unwrap();
    assert_eq!(flipped.passed(), 0, "{:#?}", flipped.kinds);
}
