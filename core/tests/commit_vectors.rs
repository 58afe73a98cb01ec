//! Builds `vectors/exectable-commitments.json` from the golden file and fails if the committed
//! file differs; `EXECTABLE_WRITE_VECTORS=1 cargo test -p exectable --test commit_vectors`
//! rewrites it. Every case is then run through the conformance runner.
//!
//! Tables: the 21 L1 batches of `vectors/eez-v1-public.json` (publicInputsHash with their
//! blobHashes, batchCalldata, e2eScenario) and three composites of the golden file's distinct L1
//! entries and lookup calls (7, 13 and every one), on the batch of publicInputsHash-public-008.

use alloy_primitives::{hex, keccak256, B256, U256};
use exectable::commit::{CommittedTable, InclusionProof, Leaf, ProofItem};
use exectable::conformance::run_vectors;
use exectable::types::l1::{ExecutionEntry, LookupCall, ProofSystemBatchPerVerificationEntries};
use exectable::{CanonicalJson, ErrorCode};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/eez-v1-public.json");
const OUT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/exectable-commitments.json");

/// A table of the vectors: a batch, its blob hashes, and where it comes from.
struct Source {
    name: String,
    batch: ProofSystemBatchPerVerificationEntries,
    blob_hashes: Vec<B256>,
    notes: &'static str,
}

impl Source {
    fn table(&self) -> CommittedTable {
        CommittedTable::of_batch(&self.batch, &exectable::public_inputs::BlobSource::Resolved(self.blob_hashes.clone()))
            .unwrap()
    }

    fn inputs(&self) -> serde_json::Map<String, Value> {
        let mut map = serde_json::Map::new();
        map.insert("batch".into(), self.batch.to_json());
        map.insert("blobHashes".into(), self.blob_hashes.to_json());
        map.insert("notes".into(), Value::String(self.notes.into()));
        map
    }

    fn leaf_count(&self) -> u64 {
        (self.batch.entries.len() + self.batch.l1ToL2lookupCalls.len()) as u64
    }
}

fn sources() -> Vec<Source> {
    let golden: Value = serde_json::from_str(&std::fs::read_to_string(GOLDEN).unwrap()).unwrap();
    let cases = golden["cases"].as_array().unwrap();
    let mut out = Vec::new();
    let (mut entries, mut lookups) = (Vec::new(), Vec::new());
    for case in cases {
        let inputs = &case["inputs"];
        match case["kind"].as_str().unwrap() {
            "l1EntryEncoding" => entries.push(ExecutionEntry::from_json(&inputs["entry"]).unwrap()),
            "l1LookupCallEncoding" => lookups.push(LookupCall::from_json(&inputs["lookupCall"]).unwrap()),
            "publicInputsHash" | "batchCalldata" | "e2eScenario" if inputs.get("batch").is_some() => {
                let batch = ProofSystemBatchPerVerificationEntries::from_json(&inputs["batch"]).unwrap();
                let (blob_hashes, notes) = match inputs.get("blobHashes") {
                    Some(h) => (Vec::from_json(h).unwrap(), "batch and blobHashes of the golden case"),
                    None if batch.blobIndices.is_empty() => (vec![], "batch of the golden case (no blobIndices)"),
                    None => (
                        vec![B256::ZERO; batch.blobIndices.len()],
                        "batch of the golden case; it was posted by a transaction without blobs, where \
                         blobhash(i) is 0x00…00 for every index",
                    ),
                };
                entries.extend(batch.entries.iter().cloned());
                lookups.extend(batch.l1ToL2lookupCalls.iter().cloned());
                out.push(Source { name: case["id"].as_str().unwrap().to_owned(), batch, blob_hashes, notes });
            }
            _ => {}
        }
    }
    let mut seen = HashSet::new();
    entries.retain(|e| seen.insert(e.hash()));
    lookups.retain(|l| seen.insert(l.hash()));
    let base = out.iter().find(|s| s.name == "publicInputsHash-public-008").unwrap().batch.clone();
    for (name, e, l) in [("composite-7", 4, 3), ("composite-13", 9, 4), ("composite-all", entries.len(), lookups.len())]
    {
        let batch = ProofSystemBatchPerVerificationEntries {
            entries: entries[..e].to_vec(),
            l1ToL2lookupCalls: lookups[..l].to_vec(),
            transientExecutionEntryCount: U256::ZERO,
            transientLookupCallCount: U256::ZERO,
            ..base.clone()
        };
        let notes = "the golden file's distinct L1 entries and lookup calls (l1EntryEncoding, \
                     l1LookupCallEncoding, then every batch's, first occurrence), on the batch of \
                     publicInputsHash-public-008";
        out.push(Source { name: name.into(), batch, blob_hashes: vec![], notes });
    }
    out
}

fn case(id: String, kind: &str, inputs: Value, expected: Value) -> Value {
    json!({"id": id, "kind": kind, "inputs": inputs, "expected": expected})
}

fn error(code: ErrorCode) -> Value {
    json!({"error": {"code": code.as_u32(), "name": format!("{code:?}")}})
}

fn hex_of(bytes: &[u8]) -> Value {
    Value::String(hex::encode_prefixed(bytes))
}

fn commitment_cases(sources: &[Source]) -> Vec<Value> {
    let mut out = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        let t = s.table();
        let mut inputs = s.inputs();
        // Two cases also carry a claimed commitment that matches (digest, record).
        match i {
            0 => inputs.insert("commitment".into(), t.digest().to_json()),
            1 => inputs.insert("commitment".into(), t.commitment.to_json()),
            _ => None,
        };
        let expected = json!({"tableCommitment": t.commitment.to_json(), "levels": t.tree.levels().to_json()});
        out.push(case(format!("tableCommitment-{}", s.name), "tableCommitment", Value::Object(inputs), expected));
    }
    let by = |name: &str| sources.iter().find(|s| s.name == name).unwrap();
    let mismatch = |id: &str, s: &Source, claim: Value| {
        let mut inputs = s.inputs();
        inputs.insert("commitment".into(), claim);
        case(
            format!("tableCommitment-mismatch-{id}"),
            "tableCommitment",
            Value::Object(inputs),
            error(ErrorCode::CommitmentMismatch),
        )
    };
    let s = by("batchCalldata-public-002");
    let mut c = s.table().commitment;
    c.entry_count += 1;
    out.push(mismatch("entry-count", s, c.to_json()));
    // The blob binding: the same batch committed with another blob hash.
    let s = by("publicInputsHash-public-006");
    let other_blobs =
        Source { blob_hashes: vec![B256::with_last_byte(1)], notes: "", name: String::new(), batch: s.batch.clone() };
    out.push(mismatch("blob-hash", s, other_blobs.table().commitment.to_json()));
    // The order of the leaves: the table reversed.
    let s = by("composite-13");
    let mut reversed = s.batch.clone();
    reversed.entries.reverse();
    let reversed = Source { batch: reversed, blob_hashes: vec![], notes: "", name: String::new() };
    let mut c = s.table().commitment;
    c.root = reversed.table().commitment.root;
    out.push(mismatch("root-of-reordered-table", s, c.to_json()));
    out.push(mismatch(
        "digest-of-another-batch",
        by("e2eScenario-public-002"),
        by("e2eScenario-public-001").table().digest().to_json(),
    ));
    let s = by("batchCalldata-public-006");
    let mut changed = s.batch.clone();
    changed.callData = [changed.callData.to_vec(), vec![0]].concat().into();
    let changed = Source { batch: changed, blob_hashes: vec![], notes: "", name: String::new() };
    out.push(mismatch("digest-with-other-calldata", s, changed.table().digest().to_json()));
    out
}

fn proof_cases(sources: &[Source]) -> Vec<Value> {
    let mut out = Vec::new();
    for s in sources {
        let n = s.leaf_count();
        let e = s.batch.entries.len() as u64;
        let mut sets: Vec<Vec<u64>> = Vec::new();
        if n >= 1 {
            sets.push(vec![n - 1]);
        }
        if n >= 2 {
            sets.push(vec![0, n - 1]);
        }
        if s.name.starts_with("composite") {
            sets.extend([vec![0], vec![e / 2], vec![e.saturating_sub(1)], vec![e]]);
            sets.push((e..n).collect());
            sets.push((0..n).step_by(3).collect());
        }
        if s.name == "composite-13" {
            sets.push((0..n).collect());
        }
        let mut seen = HashSet::new();
        sets.retain(|set| !set.is_empty() && set.iter().all(|i| *i < n) && seen.insert(set.clone()));
        let t = s.table();
        for set in sets {
            let leaves: Vec<Leaf> = set.iter().map(|i| Leaf::at(*i, e)).collect();
            let proof = t.prove(&leaves).unwrap();
            let mut sorted = leaves.clone();
            sorted.sort_by_key(|l| l.index(e));
            // Small proofs carry the items in full, larger ones their typed hashes.
            let items: Vec<ProofItem> = sorted
                .iter()
                .map(|leaf| match (leaf, set.len() <= 4) {
                    (Leaf::Entry(i), true) => ProofItem::Entry(Box::new(s.batch.entries[*i as usize].clone())),
                    (Leaf::LookupCall(j), true) => {
                        ProofItem::LookupCall(Box::new(s.batch.l1ToL2lookupCalls[*j as usize].clone()))
                    }
                    (Leaf::Entry(i), false) => ProofItem::EntryHash(t.item_hash(*i).unwrap()),
                    (Leaf::LookupCall(j), false) => ProofItem::LookupCallHash(t.item_hash(e + *j).unwrap()),
                })
                .collect();
            let inputs = json!({
                "table": format!("tableCommitment-{}", s.name),
                "entryHashes": t.item_hashes[..e as usize].to_vec().to_json(),
                "lookupCallHashes": t.item_hashes[e as usize..].to_vec().to_json(),
                "sharedPublicInput": t.commitment.shared_public_input.to_json(),
                "leaves": leaves.iter().map(Leaf::to_json).collect::<Vec<_>>(),
                "items": items.to_json(),
            });
            let label: Vec<String> = set.iter().map(u64::to_string).collect();
            let expected = json!({
                "tableCommitment": t.commitment.to_json(),
                "proof": hex_of(&proof.encode().unwrap()),
                "proofJson": proof.to_json(),
                "itemHashes": set.iter().map(|i| t.item_hash(*i).unwrap()).collect::<Vec<_>>().to_json(),
            });
            let id = format!(
                "inclusionProof-{}-{}",
                s.name,
                if set.len() > 6 { format!("{}-leaves", set.len()) } else { label.join("-") }
            );
            out.push(case(id, "inclusionProof", inputs, expected));
        }
    }
    out
}

/// One tampered case: commitment (digest or record), proof (bytes or JSON), items, the code.
struct Tampered<'a> {
    out: &'a mut Vec<Value>,
}

enum ProofForm {
    Binary(Vec<u8>),
    Json(Value),
}

impl Tampered<'_> {
    fn push(&mut self, id: &str, commitment: Value, proof: ProofForm, items: &[ProofItem], code: ErrorCode) {
        let proof = match proof {
            ProofForm::Binary(bytes) => hex_of(&bytes),
            ProofForm::Json(json) => json,
        };
        let inputs = json!({"commitment": commitment, "proof": proof, "items": items.to_vec().to_json()});
        self.out.push(case(
            format!("inclusionProofTampered-{}-{id}", code.as_u32()),
            "inclusionProofTampered",
            inputs,
            error(code),
        ));
    }
}

fn bin(p: &InclusionProof) -> ProofForm {
    ProofForm::Binary(p.encode().unwrap())
}

fn tampered_cases(sources: &[Source]) -> Vec<Value> {
    use ErrorCode::*;
    use ProofItem::{EntryHash, ItemHash, LookupCallHash};
    let by = |name: &str| sources.iter().find(|s| s.name == name).unwrap();
    let s13 = by("composite-13");
    let t = s13.table();
    let (digest, record) = (t.digest().to_json(), t.commitment.to_json());
    let h = |i: u64| t.item_hash(i).unwrap();
    let p5 = t.prove(&[Leaf::Entry(5)]).unwrap();
    let p4 = t.prove(&[Leaf::Entry(4)]).unwrap();
    let multi = t.prove(&[Leaf::Entry(1), Leaf::Entry(4), Leaf::Entry(8), Leaf::LookupCall(2)]).unwrap();
    let multi_items = [ItemHash(h(1)), ItemHash(h(4)), ItemHash(h(8)), ItemHash(h(11))];
    let bytes5 = p5.encode().unwrap();
    let mut out = Vec::new();
    let mut c = Tampered { out: &mut out };
    let with = |p: &InclusionProof, f: &dyn Fn(&mut InclusionProof)| {
        let mut q = p.clone();
        f(&mut q);
        q
    };

    // 401: beyond the table, or in the other table.
    c.push(
        "index-beyond-table",
        digest.clone(),
        bin(&with(&p5, &|q| q.indices = vec![13])),
        &[ItemHash(h(5))],
        ProofWrongIndex,
    );
    c.push(
        "index-max",
        digest.clone(),
        bin(&with(&p5, &|q| q.indices = vec![u64::MAX])),
        &[ItemHash(h(5))],
        ProofWrongIndex,
    );
    let lookup1 = t.prove(&[Leaf::LookupCall(1)]).unwrap();
    c.push("entry-at-lookup-leaf", digest.clone(), bin(&lookup1), &[EntryHash(h(10))], ProofWrongIndex);
    let lookup0 = ProofItem::LookupCall(Box::new(s13.batch.l1ToL2lookupCalls[0].clone()));
    c.push("lookup-at-entry-leaf", digest.clone(), bin(&p5), &[lookup0], ProofWrongIndex);
    let typed = [EntryHash(h(1)), LookupCallHash(h(4)), EntryHash(h(8)), LookupCallHash(h(11))];
    c.push("multi-lookup-hash-at-entry-leaf", digest.clone(), bin(&multi), &typed, ProofWrongIndex);
    c.push(
        "multi-second-index-beyond",
        digest.clone(),
        bin(&with(&multi, &|q| q.indices[3] = 20)),
        &multi_items,
        ProofWrongIndex,
    );
    // 402: the counts differ from the record's.
    c.push(
        "counts-shifted",
        record.clone(),
        bin(&with(&p5, &|q| {
            q.commitment.entry_count = 10;
            q.commitment.lookup_count = 3
        })),
        &[ItemHash(h(5))],
        ProofWrongLeafCount,
    );
    c.push(
        "extra-lookup",
        record.clone(),
        bin(&with(&p5, &|q| q.commitment.lookup_count = 5)),
        &[ItemHash(h(5))],
        ProofWrongLeafCount,
    );
    c.push(
        "multi-no-entries",
        record.clone(),
        bin(&with(&multi, &|q| {
            q.commitment.entry_count = 0;
            q.commitment.lookup_count = 13
        })),
        &multi_items,
        ProofWrongLeafCount,
    );
    // 403: a sibling or an item differs.
    c.push(
        "sibling-level-0",
        digest.clone(),
        bin(&with(&p5, &|q| q.siblings[0].0[0] ^= 0x80)),
        &[ItemHash(h(5))],
        ProofRootMismatch,
    );
    c.push(
        "sibling-top",
        digest.clone(),
        bin(&with(&p5, &|q| {
            let last = q.siblings.len() - 1;
            q.siblings[last].0[31] ^= 1
        })),
        &[ItemHash(h(5))],
        ProofRootMismatch,
    );
    let mut entry5 = s13.batch.entries[5].clone();
    entry5.callCount += U256::from(1);
    c.push("item-field-changed", record.clone(), bin(&p5), &[ProofItem::Entry(Box::new(entry5))], ProofRootMismatch);
    c.push("item-hash-bit", digest.clone(), bin(&p5), &[EntryHash(h(5) ^ B256::with_last_byte(4))], ProofRootMismatch);
    c.push(
        "index-moved-same-shape",
        digest.clone(),
        bin(&with(&p5, &|q| q.indices = vec![4])),
        &[ItemHash(h(5))],
        ProofRootMismatch,
    );
    let mut swapped = multi_items.clone();
    swapped.swap(0, 1);
    c.push("multi-items-swapped", digest.clone(), bin(&multi), &swapped, ProofRootMismatch);
    c.push(
        "multi-sibling-middle",
        digest.clone(),
        bin(&with(&multi, &|q| {
            let m = q.siblings.len() / 2;
            q.siblings[m].0[7] ^= 2
        })),
        &multi_items,
        ProofRootMismatch,
    );
    let one = by("e2eScenario-public-001").table();
    let one_proof = one.prove(&[Leaf::Entry(0)]).unwrap();
    c.push(
        "single-leaf-table",
        one.digest().to_json(),
        bin(&one_proof),
        &[EntryHash(keccak256(b"not the entry"))],
        ProofRootMismatch,
    );
    // 404: the proof belongs to another commitment.
    let t7 = by("composite-7").table();
    c.push("other-table-digest", t7.digest().to_json(), bin(&p5), &[ItemHash(h(5))], ProofOtherCommitment);
    c.push("other-table-record", t7.commitment.to_json(), bin(&p5), &[ItemHash(h(5))], ProofOtherCommitment);
    c.push(
        "shared-public-input-changed",
        digest.clone(),
        bin(&with(&p5, &|q| q.commitment.shared_public_input.0[0] ^= 1)),
        &[ItemHash(h(5))],
        ProofOtherCommitment,
    );
    c.push(
        "root-changed-record",
        record.clone(),
        bin(&with(&p5, &|q| q.commitment.root.0[31] ^= 1)),
        &[ItemHash(h(5))],
        ProofOtherCommitment,
    );
    c.push(
        "counts-changed-digest",
        digest.clone(),
        bin(&with(&p5, &|q| q.commitment.entry_count += 1)),
        &[ItemHash(h(5))],
        ProofOtherCommitment,
    );
    // 405: the encoding or the sibling list ends early.
    c.push("empty", digest.clone(), ProofForm::Binary(vec![]), &[ItemHash(h(5))], ProofTruncated);
    c.push("header-cut", digest.clone(), ProofForm::Binary(bytes5[..50].to_vec()), &[ItemHash(h(5))], ProofTruncated);
    c.push(
        "last-byte-cut",
        digest.clone(),
        ProofForm::Binary(bytes5[..bytes5.len() - 1].to_vec()),
        &[ItemHash(h(5))],
        ProofTruncated,
    );
    let mut huge = bytes5.clone();
    huge[85..89].copy_from_slice(&u32::MAX.to_be_bytes());
    c.push("claims-2^32-siblings", digest.clone(), ProofForm::Binary(huge), &[ItemHash(h(5))], ProofTruncated);
    c.push(
        "sibling-missing",
        digest.clone(),
        bin(&with(&p5, &|q| {
            q.siblings.pop();
        })),
        &[ItemHash(h(5))],
        ProofTruncated,
    );
    c.push(
        "multi-sibling-missing",
        digest.clone(),
        bin(&with(&multi, &|q| {
            q.siblings.remove(0);
        })),
        &multi_items,
        ProofTruncated,
    );
    // 406: bytes or siblings beyond what the header declares or the proof needs.
    c.push(
        "trailing-byte",
        digest.clone(),
        ProofForm::Binary([bytes5.clone(), vec![0]].concat()),
        &[ItemHash(h(5))],
        ProofOverlong,
    );
    c.push(
        "trailing-word",
        digest.clone(),
        ProofForm::Binary([bytes5.clone(), vec![0; 32]].concat()),
        &[ItemHash(h(5))],
        ProofOverlong,
    );
    c.push(
        "extra-sibling",
        digest.clone(),
        bin(&with(&p5, &|q| q.siblings.push(B256::ZERO))),
        &[ItemHash(h(5))],
        ProofOverlong,
    );
    // 407: a node of the tree presented as the item.
    c.push("root-as-item", digest.clone(), bin(&p5), &[ItemHash(t.commitment.root)], ProofInnerNodeAsLeaf);
    c.push("inner-sibling-as-item", digest.clone(), bin(&p5), &[ItemHash(p5.siblings[2])], ProofInnerNodeAsLeaf);
    c.push(
        "leaf-node-as-item",
        digest.clone(),
        bin(&p5),
        &[EntryHash(exectable::commit::leaf_node(&h(5)))],
        ProofInnerNodeAsLeaf,
    );
    let node = |level, position| t.tree.node(level, position).unwrap();
    c.push(
        "level-1-node-with-its-path",
        digest.clone(),
        bin(&with(&p4, &|q| {
            q.siblings.remove(0);
        })),
        &[ItemHash(node(1, 2))],
        ProofInnerNodeAsLeaf,
    );
    c.push(
        "level-2-node-with-its-path",
        digest.clone(),
        bin(&with(&p4, &|q| {
            q.siblings.drain(..2);
        })),
        &[ItemHash(node(2, 1))],
        ProofInnerNodeAsLeaf,
    );
    c.push(
        "root-with-no-siblings",
        digest.clone(),
        bin(&with(&p4, &|q| q.siblings.clear())),
        &[ItemHash(t.commitment.root)],
        ProofInnerNodeAsLeaf,
    );
    let mut with_sibling = multi_items.clone();
    with_sibling[2] = ItemHash(*multi.siblings.last().unwrap());
    c.push("multi-sibling-as-item", digest.clone(), bin(&multi), &with_sibling, ProofInnerNodeAsLeaf);
    // 408: an index named twice.
    c.push(
        "single-index-twice",
        digest.clone(),
        bin(&with(&p5, &|q| q.indices = vec![5, 5])),
        &[ItemHash(h(5)), ItemHash(h(5))],
        ProofDuplicateIndex,
    );
    c.push(
        "multi-duplicate-middle",
        digest.clone(),
        bin(&with(&multi, &|q| q.indices[2] = 4)),
        &multi_items,
        ProofDuplicateIndex,
    );
    c.push(
        "multi-duplicate-end",
        digest.clone(),
        bin(&with(&multi, &|q| q.indices[3] = 8)),
        &multi_items,
        ProofDuplicateIndex,
    );
    // 409: malformed otherwise.
    for version in [0u8, 2] {
        let mut b = bytes5.clone();
        b[0] = version;
        c.push(&format!("version-{version}"), digest.clone(), ProofForm::Binary(b), &[ItemHash(h(5))], ProofMalformed);
    }
    c.push(
        "indices-descending",
        digest.clone(),
        bin(&with(&multi, &|q| q.indices.swap(0, 1))),
        &multi_items,
        ProofMalformed,
    );
    c.push("no-index", digest.clone(), bin(&with(&p5, &|q| q.indices.clear())), &[], ProofMalformed);
    c.push("item-missing", digest.clone(), bin(&multi), &multi_items[..3], ProofMalformed);
    let mut json = p5.to_json();
    json["format"] = json!("exectable-inclusion-proof/v0");
    c.push("json-format", digest.clone(), ProofForm::Json(json), &[ItemHash(h(5))], ProofMalformed);
    let mut json = p5.to_json();
    json["tableCommitment"]["commitment"] = t7.digest().to_json();
    c.push("json-commitment-not-its-digest", digest.clone(), ProofForm::Json(json), &[ItemHash(h(5))], ProofMalformed);
    let overflow = with(&p5, &|q| {
        q.commitment.entry_count = u64::MAX;
        q.commitment.lookup_count = 1
    });
    c.push(
        "leaf-count-overflows",
        overflow.commitment.digest().to_json(),
        bin(&overflow),
        &[ItemHash(h(5))],
        ProofMalformed,
    );
    out
}

fn build_file() -> Value {
    let sources = sources();
    let mut cases = commitment_cases(&sources);
    cases.extend(proof_cases(&sources));
    cases.extend(tampered_cases(&sources));
    json!({
        "header": {
            "format": "exectable-vectors/v1",
            "description": "Table commitments of the golden file's batches (and composites of its entries), valid single \
                            and multi inclusion proofs, and tampered proofs with the code each must be rejected with. \
                            Format: docs/COMMITMENT.md.",
            "generator": "EXECTABLE_WRITE_VECTORS=1 cargo test -p exectable --test commit_vectors (core/tests/commit_vectors.rs, \
                          from vectors/eez-v1-public.json)",
        },
        "cases": cases,
    })
}

#[test]
fn commitment_vectors_are_current_and_pass() {
    let file = build_file();
    let text = serde_json::to_string_pretty(&file).unwrap() + "\n";
    if std::env::var_os("EXECTABLE_WRITE_VECTORS").is_some() {
        std::fs::write(OUT, &text).unwrap();
    }
    let committed = std::fs::read_to_string(OUT).unwrap_or_default();
    assert!(committed == text, "vectors/exectable-commitments.json is stale: rerun with EXECTABLE_WRITE_VECTORS=1");

    let report = run_vectors(&file, &[]).unwrap();
    assert!(report.failures.is_empty(), "{:#?}", report.failures);
    let mut by_code: BTreeMap<u64, usize> = BTreeMap::new();
    for case in file["cases"].as_array().unwrap() {
        if let Some(code) = case.pointer("/expected/error/code").and_then(Value::as_u64) {
            *by_code.entry(code).or_default() += 1;
        }
    }
    for code in 401..=410 {
        assert!(by_code.get(&code).copied().unwrap_or(0) >= 2, "code {code}: {by_code:?}");
    }
    assert!(report.kinds["inclusionProofTampered"].passed >= 20);
    assert_eq!(report.kinds["tableCommitment"].passed, 24 + 5);
}
