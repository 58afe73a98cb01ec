//! Proof inputs (spec §4.5, §4.6): every `publicInputsHash` golden-vector case through the library
//! API, the byte layout of the preimages built independently, blob resolution, errors, and the
//! proof-input document's round trip and tamper detection.

use alloy_primitives::{address, b256, keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::SolValue;
use exectable::batch::BatchOverview;
use exectable::public_inputs::{
    accumulator_preimage, fold_accumulator, public_inputs_hash, resolve_blob_hashes, shared_public_input, BlobSource,
    ProofForm, ProofInputDocument, ProofInputRequest, ProofInputs, RollupVerificationInput, PROOF_INPUTS_FORMAT,
};
use exectable::types::l1::{
    ExecutionEntry, LookupCall, ProofSystemBatchPerVerificationEntries, RollupIdWithProofSystems,
};
use exectable::{CanonicalJson, ErrorCode};
use serde_json::{json, Value};

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/eez-v1-public.json");

fn cases() -> Vec<Value> {
    let file: Value = serde_json::from_str(&std::fs::read_to_string(VECTORS).unwrap()).unwrap();
    let cases: Vec<Value> =
        file["cases"].as_array().unwrap().iter().filter(|c| c["kind"] == "publicInputsHash").cloned().collect();
    assert_eq!(cases.len(), 10, "the public file has 10 publicInputsHash cases");
    cases
}

fn case(id: &str) -> Value {
    cases().into_iter().find(|c| c["id"] == id).unwrap()
}

struct Parsed {
    batch: ProofSystemBatchPerVerificationEntries,
    rollups: Vec<RollupVerificationInput>,
    blob_hashes: Vec<B256>,
}

fn parse_case(case: &Value) -> Parsed {
    let inputs = &case["inputs"];
    Parsed {
        batch: ProofSystemBatchPerVerificationEntries::from_json(&inputs["batch"]).unwrap(),
        rollups: Vec::from_json(&inputs["rollups"]).unwrap(),
        blob_hashes: Vec::from_json(&inputs["blobHashes"]).unwrap(),
    }
}

fn b256(v: &Value) -> B256 {
    B256::from_json(v).unwrap()
}

fn u256(v: &Value) -> U256 {
    U256::from_json(v).unwrap()
}

/// `abi.encode(bytes32[] xs)` built word by word.
fn encoded_bytes32_array(xs: &[B256]) -> Vec<u8> {
    let mut out = U256::from(0x20).to_be_bytes::<32>().to_vec();
    out.extend_from_slice(&U256::from(xs.len()).to_be_bytes::<32>());
    for x in xs {
        out.extend_from_slice(x.as_slice());
    }
    out
}

#[test]
fn every_vector_case_matches_every_derived_value() {
    for case in cases() {
        let id = case["id"].as_str().unwrap();
        let expected = &case["expected"];
        let p = parse_case(&case);
        let got = ProofInputs::compute(&p.batch, &p.rollups, &BlobSource::Resolved(p.blob_hashes.clone())).unwrap();

        let want_entries: Vec<B256> = Vec::from_json(&expected["entryHashes"]).unwrap();
        let want_lookups: Vec<B256> = Vec::from_json(&expected["lookupCallHashes"]).unwrap();
        assert_eq!(got.entry_hashes, want_entries, "{id}");
        assert_eq!(got.lookup_call_hashes, want_lookups, "{id}");
        assert_eq!(got.blob_hashes, p.blob_hashes, "{id}");
        assert_eq!(got.call_data_hash, b256(&expected["callDataHash"]), "{id}");
        assert_eq!(got.call_data_hash, keccak256(&p.batch.callData), "{id}");
        assert_eq!(got.shared_public_input, b256(&expected["derived"]["sharedPublicInput"]), "{id}");

        // The shared input again, from a preimage concatenated in memory rather than streamed.
        let mut preimage = encoded_bytes32_array(&want_entries);
        preimage.extend(encoded_bytes32_array(&want_lookups));
        preimage.extend(encoded_bytes32_array(&p.blob_hashes));
        preimage.extend_from_slice(keccak256(&p.batch.callData).as_slice());
        preimage.extend_from_slice(p.batch.crossProofSystemInteractions.as_slice());
        assert_eq!(keccak256(&preimage), got.shared_public_input, "{id}");

        let want_accs = expected["derived"]["accumulators"].as_array().unwrap();
        assert_eq!(got.accumulators.len(), want_accs.len(), "{id}");
        assert_eq!(got.accumulators.len(), p.batch.proofSystems.len(), "{id}");
        for (k, (acc, want)) in got.accumulators.iter().zip(want_accs).enumerate() {
            assert_eq!(acc.index, k);
            assert_eq!(acc.proof_system, p.batch.proofSystems[k]);
            let want_folds = want["folds"].as_array().unwrap();
            assert_eq!(acc.folds.len(), want_folds.len(), "{id} acc {k}");
            let mut running = B256::ZERO;
            for (fold, want) in acc.folds.iter().zip(want_folds) {
                assert_eq!(fold.rollup_id, u256(&want["rollupId"]), "{id} acc {k}");
                assert_eq!(fold.vkey, b256(&want["vkey"]), "{id} acc {k}");
                assert_eq!(fold.acc_after, b256(&want["accAfter"]), "{id} acc {k}");
                let rollup = p.rollups.iter().find(|r| r.rollup_id == fold.rollup_id).unwrap();
                assert_eq!(fold.block_hash, rollup.block_hash);
                assert_eq!(fold.timestamp, rollup.timestamp);
                assert_eq!(fold.vkey, rollup.vkeys[&acc.proof_system]);
                running = fold_accumulator(running, fold.rollup_id, fold.vkey, fold.block_hash, fold.timestamp);
                assert_eq!(running, fold.acc_after);
            }
            assert_eq!(acc.acc, b256(&want["acc"]), "{id} acc {k}");
            assert_eq!(acc.acc, running);
        }
        assert_eq!(got.public_inputs_hashes_json(), expected["publicInputsHashes"], "{id}");
        let captured: Vec<B256> = p.batch.proofs.iter().map(|p| B256::from_slice(p)).collect();
        assert_eq!(got.public_inputs_hashes(), captured, "{id}: proofs[k] is the captured hash");
        assert!(got.proof_observations(&p.batch).iter().all(|o| o.form == ProofForm::EqualsPublicInputsHash));

        // Reusing a BatchOverview's hashes gives the same result.
        let overview = BatchOverview::of(&p.batch);
        let again =
            ProofInputs::from_overview(&p.batch, &overview, &p.rollups, &BlobSource::Resolved(p.blob_hashes.clone()));
        assert_eq!(again.unwrap(), got, "{id}");
        // The rollup data is read and written in exactly the vectors' shape.
        assert_eq!(p.rollups.to_json(), case["inputs"]["rollups"], "{id}");
    }
}

#[test]
fn fold_preimage_puts_block_hash_before_timestamp() {
    let acc = B256::repeat_byte(0x11);
    let rollup_id = U256::from(0x0102_0304u64);
    let vkey = B256::repeat_byte(0x33);
    let block_hash = B256::repeat_byte(0x44);
    let timestamp = U256::from(0x6815_c68fu64);

    // Byte by byte: five 32-byte words, uints big-endian and left-padded.
    let mut hand = [0u8; 160];
    hand[..32].fill(0x11);
    hand[60..64].copy_from_slice(&[0x01, 0x02, 0x03, 0x04]);
    hand[64..96].fill(0x33);
    hand[96..128].fill(0x44);
    hand[156..160].copy_from_slice(&[0x68, 0x15, 0xc6, 0x8f]);

    let preimage = accumulator_preimage(acc, rollup_id, vkey, block_hash, timestamp);
    assert_eq!(preimage, hand);
    assert_eq!(fold_accumulator(acc, rollup_id, vkey, block_hash, timestamp), keccak256(hand));
    // The same as Solidity's abi.encode of the five static values.
    assert_eq!((acc, rollup_id, vkey, block_hash, timestamp).abi_encode(), hand.to_vec());
    // Swapping blockHash and timestamp is a different hash (the order matters).
    let mut swapped = hand;
    swapped[96..128].copy_from_slice(&timestamp.to_be_bytes::<32>());
    swapped[128..].copy_from_slice(block_hash.as_slice());
    assert_ne!(keccak256(swapped), keccak256(hand));

    // publicInputsHash: the 64-byte concatenation.
    let shared = B256::repeat_byte(0x55);
    let mut both = [0u8; 64];
    both[..32].fill(0x55);
    both[32..].fill(0x11);
    assert_eq!(public_inputs_hash(shared, acc), keccak256(both));

    // A vector fold, rebuilt from its raw fields: 001's first fold of proof system 0.
    let c = case("publicInputsHash-public-001");
    let rollup = &c["inputs"]["rollups"][0];
    let mut raw = vec![0u8; 32];
    raw.extend_from_slice(&u256(&rollup["rollupId"]).to_be_bytes::<32>());
    raw.extend_from_slice(b256(&c["expected"]["derived"]["accumulators"][0]["folds"][0]["vkey"]).as_slice());
    raw.extend_from_slice(b256(&rollup["blockHash"]).as_slice());
    raw.extend_from_slice(&u256(&rollup["timestamp"]).to_be_bytes::<32>());
    assert_eq!(raw.len(), 160);
    assert_eq!(keccak256(&raw), b256(&c["expected"]["derived"]["accumulators"][0]["folds"][0]["accAfter"]));
}

#[test]
fn empty_arrays_still_contribute_offset_and_length_words() {
    let call_data_hash = keccak256([]);
    let cpsi = B256::repeat_byte(0x77);
    let mut preimage = Vec::new();
    for _ in 0..3 {
        preimage.extend_from_slice(&U256::from(0x20).to_be_bytes::<32>());
        preimage.extend_from_slice(&[0u8; 32]);
    }
    preimage.extend_from_slice(call_data_hash.as_slice());
    preimage.extend_from_slice(cpsi.as_slice());
    assert_eq!(preimage.len(), 3 * 64 + 64);
    assert_eq!(shared_public_input(&[], &[], &[], call_data_hash, cpsi), keccak256(&preimage));
}

fn ps(n: u8) -> Address {
    Address::repeat_byte(n)
}

fn rollup(id: u64, vkeys: &[(Address, B256)]) -> RollupVerificationInput {
    RollupVerificationInput {
        rollup_id: U256::from(id),
        manager: None,
        timestamp: U256::from(1000 + id),
        block_hash: B256::repeat_byte(id as u8),
        vkeys: vkeys.iter().copied().collect(),
    }
}

fn row(id: u64, indices: &[u64]) -> RollupIdWithProofSystems {
    RollupIdWithProofSystems { rollupId: U256::from(id), proofSystemIndex: indices.to_vec() }
}

fn small_batch() -> ProofSystemBatchPerVerificationEntries {
    ProofSystemBatchPerVerificationEntries {
        entries: vec![ExecutionEntry { destinationRollupId: U256::from(1), ..Default::default() }],
        l1ToL2lookupCalls: vec![LookupCall { destinationRollupId: U256::from(2), ..Default::default() }],
        proofSystems: vec![ps(0x0a), ps(0x0b), ps(0x0c)],
        rollupIdsWithProofSystems: vec![row(1, &[0, 2]), row(2, &[0])],
        callData: Bytes::from_static(b"batch data"),
        proofs: vec![Bytes::new(), Bytes::from_static(&[1, 2, 3]), Bytes::new()],
        ..Default::default()
    }
}

fn small_rollups() -> Vec<RollupVerificationInput> {
    let vk = |n: u8| B256::repeat_byte(n);
    vec![rollup(1, &[(ps(0x0a), vk(0xa1)), (ps(0x0c), vk(0xc1))]), rollup(2, &[(ps(0x0a), vk(0xa2))])]
}

#[test]
fn proof_system_used_by_no_rollup_has_zero_accumulator() {
    let batch = small_batch();
    let got = ProofInputs::compute(&batch, &small_rollups(), &BlobSource::default()).unwrap();
    let unused = &got.accumulators[1];
    assert_eq!(unused.proof_system, ps(0x0b));
    assert!(unused.folds.is_empty());
    assert_eq!(unused.acc, B256::ZERO);
    assert_eq!(unused.public_inputs_hash, public_inputs_hash(got.shared_public_input, B256::ZERO));
    // Proof system 0 folds rollup 1 then rollup 2, in row order; 2 folds rollup 1 only.
    let folded: Vec<U256> = got.accumulators[0].folds.iter().map(|f| f.rollup_id).collect();
    assert_eq!(folded, vec![U256::from(1), U256::from(2)]);
    let first =
        fold_accumulator(B256::ZERO, U256::from(1), B256::repeat_byte(0xa1), B256::repeat_byte(1), U256::from(1001));
    let second =
        fold_accumulator(first, U256::from(2), B256::repeat_byte(0xa2), B256::repeat_byte(2), U256::from(1002));
    assert_eq!(got.accumulators[0].acc, second);
    assert_eq!(got.accumulators[2].folds.len(), 1);
    // Proofs are observed, not hashed.
    let forms: Vec<ProofForm> = got.proof_observations(&batch).iter().map(|o| o.form).collect();
    assert_eq!(
        forms,
        vec![ProofForm::Opaque { length: 0 }, ProofForm::Opaque { length: 3 }, ProofForm::Opaque { length: 0 }]
    );
    let mut other_proofs = batch.clone();
    other_proofs.proofs = vec![Bytes::from_static(b"x")];
    let again = ProofInputs::compute(&other_proofs, &small_rollups(), &BlobSource::default()).unwrap();
    assert_eq!(again, got);
    assert_eq!(again.proof_observations(&other_proofs)[1].form, ProofForm::Missing);

    // The vectors: 004 leaves proof system 2 unused, 005 proof system 0.
    for (id, k) in [("publicInputsHash-public-004", 2), ("publicInputsHash-public-005", 0)] {
        let p = parse_case(&case(id));
        let got = ProofInputs::compute(&p.batch, &p.rollups, &BlobSource::Resolved(p.blob_hashes)).unwrap();
        assert_eq!(got.accumulators[k].acc, B256::ZERO, "{id}");
        assert!(got.accumulators[k].folds.is_empty(), "{id}");
        assert_eq!(got.accumulators[k].public_inputs_hash, public_inputs_hash(got.shared_public_input, B256::ZERO));
    }
}

#[test]
fn blob_hashes_resolve_from_versioned_hashes_with_zero_out_of_range() {
    let a = b256!("0x01aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    let b = b256!("0x01bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    let indices = [U256::from(1), U256::from(0), U256::from(7), U256::MAX, U256::from(1)];
    let resolved = resolve_blob_hashes(&indices, &[a, b]);
    assert_eq!(resolved, vec![b, a, B256::ZERO, B256::ZERO, b]);

    let mut batch = small_batch();
    batch.blobIndices = indices.to_vec();
    let rollups = small_rollups();
    let from_versioned = ProofInputs::compute(&batch, &rollups, &BlobSource::VersionedHashes(vec![a, b])).unwrap();
    let from_resolved = ProofInputs::compute(&batch, &rollups, &BlobSource::Resolved(resolved.clone())).unwrap();
    assert_eq!(from_versioned, from_resolved);
    assert_eq!(from_versioned.blob_hashes, resolved);
    let expected_shared = shared_public_input(
        &from_versioned.entry_hashes,
        &from_versioned.lookup_call_hashes,
        &[b, a, B256::ZERO, B256::ZERO, b],
        keccak256(b"batch data"),
        B256::ZERO,
    );
    assert_eq!(from_versioned.shared_public_input, expected_shared);

    // A resolved list must have one hash per index.
    let err = ProofInputs::compute(&batch, &rollups, &BlobSource::Resolved(vec![a])).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidArgument);
    assert_eq!(err.path(), Some("blobHashes"));

    // The document keeps the versioned hashes and derives blobHashes from them.
    let doc = ProofInputDocument::build(batch, rollups, BlobSource::VersionedHashes(vec![a, b])).unwrap();
    let json = doc.to_json();
    assert_eq!(json["blobVersionedHashes"], json!([a.to_json(), b.to_json()]));
    assert_eq!(json["blobHashes"], resolved.to_json());
    assert!(ProofInputDocument::verify(&json).unwrap().is_ok());
    let mut tampered = json.clone();
    tampered["blobHashes"][2] = b.to_json();
    let report = ProofInputDocument::verify(&tampered).unwrap();
    assert_eq!(report.mismatches[0].path, "blobHashes[2]");
}

#[test]
fn missing_vkey_or_rollup_is_an_error_naming_the_path() {
    let batch = small_batch();

    let mut rollups = small_rollups();
    rollups[0].vkeys.remove(&ps(0x0c));
    let err = ProofInputs::compute(&batch, &rollups, &BlobSource::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidArgument);
    assert_eq!(err.path(), Some("rollups[0].vkeys.0x0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c"));

    // From the vectors: 001 with proof system 1's vkey removed from rollup 0x2.
    let c = case("publicInputsHash-public-001");
    let mut p = parse_case(&c);
    p.rollups[1].vkeys.remove(&address!("a513e6e4b8f2a923d98304ec87f64353c4d5c853"));
    let err = ProofInputs::compute(&p.batch, &p.rollups, &BlobSource::Resolved(vec![])).unwrap_err();
    assert_eq!(err.path(), Some("rollups[1].vkeys.0xa513e6e4b8f2a923d98304ec87f64353c4d5c853"));
    assert!(err.to_string().contains("proofSystems[1]"), "{err}");

    let rollups = vec![small_rollups().remove(0)];
    let err = ProofInputs::compute(&batch, &rollups, &BlobSource::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidArgument);
    assert_eq!(err.path(), Some("rollups"));
    assert!(err.to_string().contains("rollupIdsWithProofSystems[1]"), "{err}");

    let mut duplicated = small_rollups();
    duplicated.push(duplicated[0].clone());
    let err = ProofInputs::compute(&batch, &duplicated, &BlobSource::default()).unwrap_err();
    assert_eq!(err.path(), Some("rollups[2].rollupId"));

    let mut out_of_range = small_batch();
    out_of_range.rollupIdsWithProofSystems[1].proofSystemIndex = vec![0, 3];
    let err = ProofInputs::compute(&out_of_range, &small_rollups(), &BlobSource::default()).unwrap_err();
    assert_eq!(err.path(), Some("batch.rollupIdsWithProofSystems[1].proofSystemIndex[1]"));

    let err = ProofInputs::from_hashes(&batch, vec![], vec![], &small_rollups(), &BlobSource::default()).unwrap_err();
    assert_eq!(err.path(), Some("entryHashes"));
}

#[test]
fn rollup_json_shape_round_trips() {
    // Keys in any accepted address spelling (here EIP-55) come out lowercase, sorted.
    let checksummed = address!("a513e6e4b8f2a923d98304ec87f64353c4d5c853").to_checksum(None);
    assert_ne!(checksummed, checksummed.to_lowercase());
    let text = format!(
        r#"{{"rollupId": "7", "timestamp": "0x10", "blockHash": "{}",
            "vkeys": {{"{checksummed}": "{}", "0x0165878a594ca255338adfa4d48449f69242eb8f": "{}"}}}}"#,
        B256::with_last_byte(1),
        B256::with_last_byte(2),
        B256::with_last_byte(3),
    );
    let r = RollupVerificationInput::from_json_str(&text).unwrap();
    assert_eq!(r.rollup_id, U256::from(7));
    assert_eq!(r.manager, None);
    assert_eq!(r.vkeys.len(), 2);
    let out = r.to_json();
    assert_eq!(out["rollupId"], "0x7");
    assert!(out.get("manager").is_none());
    let keys: Vec<&String> = out["vkeys"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["0x0165878a594ca255338adfa4d48449f69242eb8f", "0xa513e6e4b8f2a923d98304ec87f64353c4d5c853"]);
    assert_eq!(RollupVerificationInput::from_json(&out).unwrap(), r);

    let with_manager = RollupVerificationInput { manager: Some(ps(0x22)), ..r.clone() };
    let keys: Vec<String> = with_manager.to_json().as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["rollupId", "manager", "timestamp", "blockHash", "vkeys"]);

    // Bad input names the path.
    let bad_key = json!({"rollupId": "0x1", "timestamp": "0x0", "blockHash": B256::ZERO.to_json(), "vkeys": {"0x12": B256::ZERO.to_json()}});
    assert_eq!(RollupVerificationInput::from_json(&bad_key).unwrap_err().path(), Some("vkeys.0x12"));
    let dup = json!({"rollupId": "0x1", "timestamp": "0x0", "blockHash": B256::ZERO.to_json(), "vkeys": {
        "0xa513e6e4b8f2a923d98304ec87f64353c4d5c853": B256::ZERO.to_json(),
        checksummed: B256::ZERO.to_json()}});
    assert_eq!(RollupVerificationInput::from_json(&dup).unwrap_err().code(), ErrorCode::InvalidArgument);
    let unknown =
        json!({"rollupId": "0x1", "timestamp": "0x0", "blockHash": B256::ZERO.to_json(), "vkeys": {}, "x": 1});
    assert_eq!(RollupVerificationInput::from_json(&unknown).unwrap_err().code(), ErrorCode::JsonShape);
    let missing = json!({"rollupId": "0x1", "timestamp": "0x0", "vkeys": {}});
    assert_eq!(RollupVerificationInput::from_json(&missing).unwrap_err().path(), Some("blockHash"));
}

fn vector_document(id: &str) -> (Value, ProofInputDocument) {
    let c = case(id);
    let doc = ProofInputRequest::from_json(&c["inputs"]).unwrap().build().unwrap();
    (c, doc)
}

#[test]
fn document_round_trips_and_matches_the_vectors() {
    for c in cases() {
        let id = c["id"].as_str().unwrap();
        let (_, doc) = vector_document(id);
        let json = doc.to_json();
        assert_eq!(json["format"], PROOF_INPUTS_FORMAT);
        assert_eq!(json["protocol"]["commit"], "5c51e02b0f965ee8c94e9ed2c7e0e9f924d41fba");
        assert_eq!(json["batch"], c["inputs"]["batch"], "{id}");
        assert_eq!(json["rollups"], c["inputs"]["rollups"], "{id}");
        assert_eq!(json["blobHashes"], c["inputs"]["blobHashes"], "{id}");
        assert!(json.get("blobVersionedHashes").is_none());
        for key in ["entryHashes", "lookupCallHashes", "callDataHash", "publicInputsHashes"] {
            assert_eq!(json[key], c["expected"][key], "{id} {key}");
        }
        assert_eq!(json["sharedPublicInput"], c["expected"]["derived"]["sharedPublicInput"], "{id}");
        let report = ProofInputDocument::verify(&json).unwrap();
        assert!(report.is_ok(), "{id}: {:?}", report.mismatches);
        assert_eq!(report.document, doc, "{id}");
        assert_eq!(report.document.to_json(), json, "{id}");
        // Text round trip too.
        let text = serde_json::to_string_pretty(&json).unwrap();
        assert!(ProofInputDocument::verify(&serde_json::from_str(&text).unwrap()).unwrap().is_ok());
    }
    // The request may carry the batch as postAndVerifyBatch calldata, or be the vector case itself.
    let c = case("publicInputsHash-public-007");
    let mut request = c["inputs"].clone();
    request["batch"] = c["expected"]["postAndVerifyBatchCalldata"].clone();
    let from_calldata = ProofInputRequest::from_json(&request).unwrap().build().unwrap();
    let from_case = ProofInputRequest::from_json(&c).unwrap().build().unwrap();
    assert_eq!(from_calldata, from_case);
    assert_eq!(from_case.to_json()["publicInputsHashes"], c["expected"]["publicInputsHashes"]);
}

/// Applies `edit` to a fresh document of case 007 (3 proof systems' worth of folds, entries,
/// lookups) and returns the mismatch paths.
fn tamper(edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let (_, doc) = vector_document("publicInputsHash-public-007");
    let mut json = doc.to_json();
    edit(&mut json);
    ProofInputDocument::verify(&json).unwrap().mismatches.into_iter().map(|m| m.path).collect()
}

#[test]
fn verify_detects_each_kind_of_tampered_derived_field() {
    let junk = B256::repeat_byte(0x99).to_json();
    // (expected mismatch path, JSON pointer to overwrite, new value)
    let edits: Vec<(&str, &str, Value)> = vec![
        ("protocol.commit", "/protocol/commit", json!("0123")),
        ("entryHashes[1]", "/entryHashes/1", junk.clone()),
        ("lookupCallHashes[0]", "/lookupCallHashes/0", junk.clone()),
        ("callDataHash", "/callDataHash", junk.clone()),
        ("sharedPublicInput", "/sharedPublicInput", junk.clone()),
        ("accumulators[0].index", "/accumulators/0/index", json!(5)),
        ("accumulators[1].proofSystem", "/accumulators/1/proofSystem", ps(1).to_json()),
        ("accumulators[1].folds[0].rollupId", "/accumulators/1/folds/0/rollupId", json!("0x9")),
        ("accumulators[1].folds[1].vkey", "/accumulators/1/folds/1/vkey", junk.clone()),
        ("accumulators[0].folds[0].blockHash", "/accumulators/0/folds/0/blockHash", junk.clone()),
        ("accumulators[0].folds[1].timestamp", "/accumulators/0/folds/1/timestamp", json!("0x1")),
        ("accumulators[0].folds[1].accAfter", "/accumulators/0/folds/1/accAfter", junk.clone()),
        ("accumulators[1].acc", "/accumulators/1/acc", junk.clone()),
        ("accumulators[1].publicInputsHash", "/accumulators/1/publicInputsHash", junk.clone()),
        ("publicInputsHashes[0].index", "/publicInputsHashes/0/index", json!("0x0")),
        ("publicInputsHashes[1].proofSystem", "/publicInputsHashes/1/proofSystem", ps(2).to_json()),
        ("publicInputsHashes[1].publicInputsHash", "/publicInputsHashes/1/publicInputsHash", junk.clone()),
        ("callDataHash", "/callDataHash", json!({"not": "a hash"})),
    ];
    for (path, pointer, value) in edits {
        assert_eq!(tamper(|d| *d.pointer_mut(pointer).unwrap() = value), vec![path.to_owned()], "tampering {pointer}");
    }
    // Structure: a removed field, an extra fold, an extra member, a removed element.
    let removed = tamper(|d| {
        d.as_object_mut().unwrap().remove("sharedPublicInput");
    });
    assert_eq!(removed, ["sharedPublicInput"]);
    let extra_fold = tamper(|d| {
        let fold = d["accumulators"][0]["folds"][0].clone();
        d["accumulators"][0]["folds"].as_array_mut().unwrap().push(fold);
    });
    assert_eq!(extra_fold, ["accumulators[0].folds[2]"]);
    assert_eq!(tamper(|d| d["accumulators"][0]["note"] = json!("x")), ["accumulators[0].note"]);
    let popped = tamper(|d| {
        d["publicInputsHashes"].as_array_mut().unwrap().pop();
    });
    assert_eq!(popped, ["publicInputsHashes[1]"]);
    // Upper-case hex is the same value.
    assert!(tamper(|d| {
        let upper = d["sharedPublicInput"].as_str().unwrap().to_uppercase().replacen("0X", "0x", 1);
        d["sharedPublicInput"] = json!(upper);
    })
    .is_empty());
    // Changing a source changes what it feeds: an entry → its hash, the shared input, every hash.
    let paths = tamper(|d| d["batch"]["entries"][0]["callCount"] = json!("0x63"));
    assert_eq!(paths[..2], ["entryHashes[0]".to_owned(), "sharedPublicInput".to_owned()]);
    assert!(paths.contains(&"publicInputsHashes[1].publicInputsHash".to_owned()), "{paths:?}");
    // A vkey → only the folds from there on and that proof system's hashes.
    let vkey_paths = tamper(|d| {
        let ps0 = d["batch"]["proofSystems"][0].as_str().unwrap().to_owned();
        d["rollups"][2]["vkeys"][ps0] = B256::repeat_byte(7).to_json();
    });
    assert_eq!(
        vkey_paths,
        [
            "accumulators[0].folds[1].vkey",
            "accumulators[0].folds[1].accAfter",
            "accumulators[0].acc",
            "accumulators[0].publicInputsHash",
            "publicInputsHashes[0].publicInputsHash"
        ]
    );
    // Proofs are bound by nothing: changing them is no mismatch.
    assert!(tamper(|d| d["batch"]["proofs"][0] = json!("0x1234")).is_empty());
}

#[test]
fn malformed_documents_are_errors_never_panics() {
    let (_, doc) = vector_document("publicInputsHash-public-001");
    let good = doc.to_json();
    let bad: Vec<(Value, ErrorCode)> = vec![
        (json!([]), ErrorCode::JsonShape),
        (json!("doc"), ErrorCode::JsonShape),
        (
            {
                let mut d = good.clone();
                d["format"] = json!("exectable-proof-inputs/v0");
                d
            },
            ErrorCode::InvalidArgument,
        ),
        (
            {
                let mut d = good.clone();
                d["extra"] = json!(1);
                d
            },
            ErrorCode::JsonShape,
        ),
        (
            {
                let mut d = good.clone();
                d.as_object_mut().unwrap().remove("batch");
                d
            },
            ErrorCode::JsonShape,
        ),
        (
            {
                let mut d = good.clone();
                d["rollups"][0]["blockHash"] = json!("0x12");
                d
            },
            ErrorCode::JsonHex,
        ),
        (
            {
                let mut d = good.clone();
                d["rollups"] = json!([]);
                d
            },
            ErrorCode::InvalidArgument,
        ),
    ];
    for (json, code) in bad {
        assert_eq!(ProofInputDocument::verify(&json).unwrap_err().code(), code, "{json}");
    }
    // Every value of the document replaced by values of every type: an error or a report.
    let mut pointers = Vec::new();
    collect_pointers(&good, String::new(), &mut pointers);
    assert!(pointers.len() > 50);
    for pointer in &pointers {
        for replacement in [json!(null), json!(-1), json!("0x"), json!([1]), json!({"a": 1}), json!(u64::MAX)] {
            let mut d = good.clone();
            *d.pointer_mut(pointer).unwrap() = replacement;
            let _ = ProofInputDocument::verify(&d);
        }
    }
}

fn collect_pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => m.iter().for_each(|(k, v)| collect_pointers(v, format!("{at}/{k}"), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| collect_pointers(v, format!("{at}/{i}"), out)),
        _ => {}
    }
}

#[test]
fn request_reads_every_batch_form_and_blob_form() {
    let c = case("publicInputsHash-public-009");
    let want = ProofInputRequest::from_json(&c["inputs"]).unwrap();
    assert_eq!(want.blobs, BlobSource::Resolved(vec![B256::ZERO; 3]));
    let call = json!({"function": "postAndVerifyBatch", "args": {"batch": c["inputs"]["batch"]}});
    let mut request = c["inputs"].clone();
    request["batch"] = call;
    assert_eq!(ProofInputRequest::from_json(&request).unwrap(), want);

    // Versioned hashes instead of resolved ones: the transaction had no blob 5 → zero.
    let mut request = c["inputs"].clone();
    request.as_object_mut().unwrap().remove("blobHashes");
    let v = |n: u8| B256::repeat_byte(n).to_json();
    request["blobVersionedHashes"] = json!([v(1), v(2)]);
    let doc = ProofInputRequest::from_json(&request).unwrap().build().unwrap();
    assert_eq!(doc.inputs.blob_hashes, vec![B256::repeat_byte(1), B256::repeat_byte(2), B256::ZERO]);

    // Both, or neither while the batch has blobIndices: errors naming the field.
    let mut both = request.clone();
    both["blobHashes"] = json!([]);
    assert_eq!(ProofInputRequest::from_json(&both).unwrap_err().path(), Some("blobVersionedHashes"));
    let mut neither = request.clone();
    neither.as_object_mut().unwrap().remove("blobVersionedHashes");
    assert_eq!(ProofInputRequest::from_json(&neither).unwrap_err().path(), Some("blobHashes"));
    let mut other_call = c["inputs"].clone();
    other_call["batch"] = json!({"function": "executeL2TX", "args": {"rollupId": "0x1"}});
    assert_eq!(ProofInputRequest::from_json(&other_call).unwrap_err().path(), Some("batch.function"));
    let other_kind = json!({"kind": "batchCalldata", "inputs": {}});
    assert_eq!(ProofInputRequest::from_json(&other_kind).unwrap_err().code(), ErrorCode::InvalidArgument);
}

#[test]
fn repeated_index_in_a_row_folds_once() {
    // The contract rejects such a row (§6.1 step 6); if asked anyway, the first position counts,
    // as the registry's position search does.
    let mut batch = small_batch();
    batch.rollupIdsWithProofSystems = vec![row(1, &[0, 0, 2]), row(2, &[0])];
    let repeated = ProofInputs::compute(&batch, &small_rollups(), &BlobSource::default()).unwrap();
    let plain = ProofInputs::compute(&small_batch(), &small_rollups(), &BlobSource::default()).unwrap();
    assert_eq!(repeated.accumulators, plain.accumulators);
    assert_eq!(repeated.accumulators[0].folds.len(), 2);
}
