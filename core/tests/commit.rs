//! Table commitments and inclusion proofs: the tree against a plain bottom-up loop and against
//! rs_merkle's own proofs, the binary and JSON encodings, every rejection code, hostile headers,
//! and the commitments of the golden file's batches.

use alloy_primitives::{keccak256, B256};
use exectable::commit::{
    inner_node, leaf_node, CommittedTable, ExpectedCommitment, InclusionProof, Leaf, ProofItem, TableCommitment,
    TableNodeHasher, TableTree, EMPTY_ROOT,
};
use exectable::public_inputs::BlobSource;
use exectable::types::l1::ProofSystemBatchPerVerificationEntries;
use exectable::CanonicalJson;
use serde_json::Value;

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/eez-v1-public.json");

fn item(i: u64) -> B256 {
    keccak256(i.to_be_bytes())
}

fn items(n: u64) -> Vec<B256> {
    (0..n).map(item).collect()
}

/// The plain bottom-up loop the format describes: leaves, then pairs, a lone last node promoted.
fn reference_root(items: &[B256]) -> B256 {
    let mut level: Vec<B256> = items.iter().map(leaf_node).collect();
    if level.is_empty() {
        return B256::ZERO;
    }
    while level.len() > 1 {
        level = level.chunks(2).map(|c| if c.len() == 2 { inner_node(&c[0].0, &c[1].0) } else { c[0] }).collect();
    }
    level[0]
}

fn table(entries: u64, lookups: u64) -> CommittedTable {
    let all = items(entries + lookups);
    CommittedTable::from_hashes(&all[..entries as usize], &all[entries as usize..], keccak256(b"spi"))
}

fn code_of<T: std::fmt::Debug>(result: exectable::Result<T>) -> u32 {
    match result {
        Ok(v) => panic!("expected a rejection, got {v:?}"),
        Err(e) => e.code().as_u32(),
    }
}

#[test]
fn leaf_and_inner_preimages_are_domain_separated() {
    let x = item(7);
    let mut leaf = vec![0x00];
    leaf.extend_from_slice(x.as_slice());
    assert_eq!(leaf_node(&x), keccak256(&leaf));
    let mut inner = vec![0x01];
    inner.extend_from_slice(x.as_slice());
    inner.extend_from_slice(item(8).as_slice());
    assert_eq!(inner_node(&x.0, &item(8).0), keccak256(&inner));
    assert_eq!(<TableNodeHasher as rs_merkle::Hasher>::hash(x.as_slice()), leaf_node(&x).0);
}

#[test]
fn tree_root_equals_the_plain_loop_for_every_small_size() {
    for n in (0..=70).chain([127, 128, 129, 255, 256, 257, 1000, 1023, 1025]) {
        let hashes = items(n);
        assert_eq!(TableTree::from_item_hashes(&hashes).root(), reference_root(&hashes), "n = {n}");
    }
    assert_eq!(TableTree::from_item_hashes(&[]).root(), EMPTY_ROOT);
    let one = items(1);
    assert_eq!(TableTree::from_item_hashes(&one).root(), leaf_node(&one[0]));
    let three = items(3);
    let l: Vec<B256> = three.iter().map(leaf_node).collect();
    assert_eq!(TableTree::from_item_hashes(&three).root(), inner_node(&inner_node(&l[0].0, &l[1].0).0, &l[2].0));
}

#[test]
fn levels_list_every_node_up_to_the_root() {
    let hashes = items(5);
    let tree = TableTree::from_item_hashes(&hashes);
    let levels = tree.levels();
    assert_eq!(levels.iter().map(Vec::len).collect::<Vec<_>>(), vec![5, 3, 2, 1]);
    assert_eq!(levels[1][2], levels[0][4], "the lone last leaf is promoted unchanged");
    assert_eq!(levels[3][0], tree.root());
}

/// Our proof order is rs_merkle's: the same siblings as `MerkleTree::proof`, the same root from
/// `MerkleProof::root`.
#[test]
fn proofs_match_rs_merkle() {
    use rs_merkle::{MerkleProof, MerkleTree};
    for n in 1..=40u64 {
        let hashes = items(n);
        let leaves: Vec<[u8; 32]> = hashes.iter().map(|h| leaf_node(h).0).collect();
        let reference = MerkleTree::<TableNodeHasher>::from_leaves(&leaves);
        let tree = TableTree::from_item_hashes(&hashes);
        assert_eq!(reference.root().map(B256::from), Some(tree.root()), "n = {n}");
        let mut sets: Vec<Vec<u64>> = (0..n).map(|i| vec![i]).collect();
        sets.push((0..n).collect());
        sets.push((0..n).step_by(3).collect());
        sets.push((0..n).filter(|i| i % 4 == 1 || i % 5 == 0).collect());
        sets.push(vec![n - 1]);
        for indices in sets.into_iter().filter(|s| !s.is_empty()) {
            let ours = tree.siblings(&indices).unwrap();
            let as_usize: Vec<usize> = indices.iter().map(|i| *i as usize).collect();
            let theirs = reference.proof(&as_usize);
            let theirs_b: Vec<B256> = theirs.proof_hashes().iter().map(|h| B256::from(*h)).collect();
            assert_eq!(ours, theirs_b, "n = {n}, indices {indices:?}");
            let picked: Vec<[u8; 32]> = as_usize.iter().map(|i| leaves[*i]).collect();
            let root = MerkleProof::<TableNodeHasher>::new(theirs.proof_hashes().to_vec())
                .root(&as_usize, &picked, n as usize)
                .unwrap();
            assert_eq!(B256::from(root), tree.root());
        }
    }
}

#[test]
fn honest_single_and_multi_proofs_verify_in_both_encodings() {
    let t = table(13, 4);
    let digest = ExpectedCommitment::Digest(t.digest());
    let record = ExpectedCommitment::Record(t.commitment);
    for leaves in
        [vec![Leaf::Entry(3)], vec![Leaf::LookupCall(3)], vec![Leaf::LookupCall(0), Leaf::Entry(12), Leaf::Entry(0)]]
    {
        let proof = t.prove(&leaves).unwrap();
        let hashes: Vec<B256> = proof.indices.iter().map(|i| t.item_hash(*i).unwrap()).collect();
        let typed: Vec<ProofItem> = proof
            .indices
            .iter()
            .zip(&hashes)
            .map(|(i, h)| if *i < 13 { ProofItem::EntryHash(*h) } else { ProofItem::LookupCallHash(*h) })
            .collect();
        for expected in [&digest, &record] {
            let ok = proof.verify(expected, &typed).unwrap();
            let mut sorted = leaves.clone();
            sorted.sort();
            assert_eq!(ok.leaves, sorted);
            assert_eq!(ok.commitment, t.digest());
            proof.verify_hashes(expected, &hashes).unwrap();
            let bytes = proof.encode().unwrap();
            assert_eq!(bytes.len(), proof.encoded_len());
            assert_eq!(InclusionProof::decode(&bytes).unwrap(), proof);
            InclusionProof::verify_encoded(&bytes, expected, &typed).unwrap();
            assert_eq!(InclusionProof::from_json(&proof.to_json()).unwrap(), proof);
        }
    }
}

#[test]
fn commitment_digest_is_the_documented_preimage() {
    let t = table(2, 1);
    let c = t.commitment;
    let mut pre = b"exectable.table-commitment.v1".to_vec();
    pre.extend_from_slice(&2u64.to_be_bytes());
    pre.extend_from_slice(&1u64.to_be_bytes());
    pre.extend_from_slice(c.shared_public_input.as_slice());
    pre.extend_from_slice(c.root.as_slice());
    assert_eq!(pre.len(), 109);
    assert_eq!(c.digest(), keccak256(&pre));
    assert_eq!(TableCommitment::from_json(&c.to_json()).unwrap(), c);
    let mut wrong = c.to_json();
    wrong["commitment"] = B256::ZERO.to_json();
    assert_eq!(code_of(TableCommitment::from_json(&wrong)), 409);
}

/// One proof, every way to break it, and the code each gives.
#[test]
fn every_rejection_has_its_code() {
    let t = table(13, 4);
    let proof = t.prove(&[Leaf::Entry(5)]).unwrap();
    let x = t.item_hash(5).unwrap();
    let digest = ExpectedCommitment::Digest(t.digest());
    let record = ExpectedCommitment::Record(t.commitment);
    let verify = |p: &InclusionProof, e: &ExpectedCommitment, h: B256| code_of(p.verify_hashes(e, &[h]));

    // 401: beyond the table, and an entry at a lookup-call leaf.
    let mut p = proof.clone();
    p.indices = vec![17];
    assert_eq!(verify(&p, &digest, x), 401);
    let lookup_leaf = t.prove(&[Leaf::LookupCall(1)]).unwrap();
    assert_eq!(code_of(lookup_leaf.verify(&digest, &[ProofItem::EntryHash(t.item_hash(14).unwrap())])), 401);
    assert_eq!(code_of(proof.verify(&digest, &[ProofItem::LookupCallHash(x)])), 401);
    // 402: a changed count against the full record; 404 against the digest alone.
    let mut p = proof.clone();
    p.commitment.entry_count = 12;
    p.commitment.lookup_count = 5;
    assert_eq!(verify(&p, &record, x), 402);
    assert_eq!(verify(&p, &digest, x), 404);
    // 403: a tampered sibling, a tampered item.
    let mut p = proof.clone();
    p.siblings[2].0[31] ^= 1;
    assert_eq!(verify(&p, &digest, x), 403);
    assert_eq!(verify(&proof, &digest, item(99)), 403);
    // 404: another table's commitment.
    let other = table(13, 5);
    assert_eq!(verify(&proof, &ExpectedCommitment::Digest(other.digest()), x), 404);
    assert_eq!(verify(&proof, &ExpectedCommitment::Record(other.commitment), x), 404);
    // 405 / 406: a sibling short, a sibling extra (and the byte encodings).
    let mut p = proof.clone();
    p.siblings.pop();
    assert_eq!(verify(&p, &digest, x), 405);
    let mut p = proof.clone();
    p.siblings.push(B256::ZERO);
    assert_eq!(verify(&p, &digest, x), 406);
    let bytes = proof.encode().unwrap();
    for cut in [0, 1, 50, 88, 89, bytes.len() - 1] {
        assert_eq!(code_of(InclusionProof::decode(&bytes[..cut])), 405, "cut at {cut}");
    }
    let mut long = bytes.clone();
    long.push(0);
    assert_eq!(code_of(InclusionProof::decode(&long)), 406);
    // 407: the root, an inner sibling, or the leaf node given as the item; an inner node with the
    // siblings above it.
    assert_eq!(verify(&proof, &digest, t.commitment.root), 407);
    assert_eq!(verify(&proof, &digest, proof.siblings[1]), 407);
    assert_eq!(verify(&proof, &digest, leaf_node(&x)), 407);
    let level1 = t.tree.node(1, 2).unwrap();
    let mut p = proof.clone();
    p.siblings.remove(0);
    assert_eq!(verify(&p, &digest, level1), 407);
    // 408 / 409: duplicated and descending indices; version; no index; item count.
    let multi = t.prove(&[Leaf::Entry(2), Leaf::Entry(9)]).unwrap();
    let hashes = [t.item_hash(2).unwrap(), t.item_hash(9).unwrap()];
    let mut p = multi.clone();
    p.indices = vec![2, 2];
    assert_eq!(code_of(p.verify_hashes(&digest, &hashes)), 408);
    let mut p = multi.clone();
    p.indices = vec![9, 2];
    assert_eq!(code_of(p.verify_hashes(&digest, &hashes)), 409);
    assert_eq!(code_of(multi.verify_hashes(&digest, &hashes[..1])), 409);
    let mut b = bytes.clone();
    b[0] = 2;
    assert_eq!(code_of(InclusionProof::decode(&b)), 409);
    let mut p = proof.clone();
    p.indices.clear();
    assert_eq!(code_of(p.verify_hashes(&digest, &[])), 409);
    let mut json = proof.to_json();
    json["format"] = Value::String("exectable-inclusion-proof/v2".into());
    assert_eq!(code_of(InclusionProof::from_json(&json)), 409);
}

/// A header that claims far more than the input holds fails on the length check, before any
/// allocation, and nothing panics on arbitrary short inputs.
#[test]
fn hostile_headers_fail_fast() {
    let mut header = vec![0u8; 100];
    header[0] = 1;
    header[81..85].copy_from_slice(&u32::MAX.to_be_bytes());
    header[85..89].copy_from_slice(&u32::MAX.to_be_bytes());
    assert_eq!(code_of(InclusionProof::decode(&header)), 405);
    let mut fifty = vec![0xffu8; 50];
    fifty[0] = 1;
    assert_eq!(code_of(InclusionProof::decode(&fifty)), 405);
    // A well-formed header around nonsense: counts that overflow, an index far out of range.
    let t = table(3, 0);
    let mut p = t.prove(&[Leaf::Entry(0)]).unwrap();
    p.commitment.entry_count = u64::MAX;
    p.commitment.lookup_count = 2;
    let digest = ExpectedCommitment::Digest(p.commitment.digest());
    assert_eq!(code_of(p.verify_hashes(&digest, &[item(0)])), 409);
    let mut p = t.prove(&[Leaf::Entry(0)]).unwrap();
    p.commitment.entry_count = u64::MAX;
    p.commitment.lookup_count = 0;
    p.indices = vec![u64::MAX - 1];
    p.siblings = vec![B256::ZERO; 63];
    let digest = ExpectedCommitment::Digest(p.commitment.digest());
    assert_eq!(code_of(p.verify_hashes(&digest, &[item(0)])), 403);
    for len in 0..200usize {
        let mut bytes: Vec<u8> = (0..len).map(|i| (i * 37 % 251) as u8).collect();
        if let Some(b) = bytes.first_mut() {
            *b = 1;
        }
        let _ = InclusionProof::decode(&bytes);
    }
}

#[test]
fn prove_rejects_leaves_the_table_does_not_have() {
    let t = table(3, 2);
    assert_eq!(code_of(t.prove(&[Leaf::Entry(3)])), 301);
    assert_eq!(code_of(t.prove(&[Leaf::LookupCall(2)])), 301);
    assert_eq!(code_of(t.prove(&[Leaf::Entry(1), Leaf::Entry(1)])), 301);
    assert_eq!(code_of(t.prove(&[])), 301);
    assert_eq!(code_of(table(0, 0).prove(&[Leaf::Entry(0)])), 301);
    assert_eq!(t.find_entry(&t.item_hash(2).unwrap()), Some(Leaf::Entry(2)));
    assert_eq!(t.find_lookup_call(&t.item_hash(4).unwrap()), Some(Leaf::LookupCall(1)));
    assert_eq!(t.find_lookup_call(&t.item_hash(0).unwrap()), None);
}

fn golden_batches() -> Vec<(String, ProofSystemBatchPerVerificationEntries, BlobSource)> {
    let file: Value = serde_json::from_str(&std::fs::read_to_string(GOLDEN).unwrap()).unwrap();
    let mut out = Vec::new();
    for case in file["cases"].as_array().unwrap() {
        let Some(batch) = case["inputs"].get("batch") else { continue };
        if batch.get("entries").and_then(Value::as_array).is_none() || batch.get("proofSystems").is_none() {
            continue;
        }
        let batch = ProofSystemBatchPerVerificationEntries::from_json(batch).unwrap();
        let blobs = match case["inputs"].get("blobHashes") {
            Some(h) => BlobSource::Resolved(Vec::from_json(h).unwrap()),
            None => BlobSource::VersionedHashes(vec![]),
        };
        out.push((case["id"].as_str().unwrap().to_owned(), batch, blobs));
    }
    out
}

#[test]
fn golden_batches_commit_and_check() {
    let batches = golden_batches();
    assert_eq!(batches.len(), 21);
    for (id, batch, blobs) in &batches {
        let t = CommittedTable::of_batch(batch, blobs).unwrap();
        let c = t.commitment;
        assert_eq!(c.entry_count as usize, batch.entries.len(), "{id}");
        let hashes: Vec<B256> =
            batch.entries.iter().map(|e| e.hash()).chain(batch.l1ToL2lookupCalls.iter().map(|l| l.hash())).collect();
        assert_eq!(c.root, reference_root(&hashes), "{id}");
        c.check_batch(batch, blobs).unwrap();
        TableCommitment::check_digest(c.digest(), batch, blobs).unwrap();
        let mut wrong = c;
        wrong.lookup_count += 1;
        assert_eq!(code_of(wrong.check_batch(batch, blobs)), 410, "{id}");
        assert_eq!(code_of(TableCommitment::check_digest(wrong.digest(), batch, blobs)), 410, "{id}");
        for i in 0..c.entry_count {
            let proof = t.prove(&[Leaf::Entry(i)]).unwrap();
            let entry = ProofItem::Entry(Box::new(batch.entries[i as usize].clone()));
            proof.verify(&ExpectedCommitment::Digest(c.digest()), &[entry]).unwrap();
        }
    }
    // Blob hashes are required when the batch has blobIndices.
    let (_, batch, _) = batches.iter().find(|(_, b, _)| !b.blobIndices.is_empty()).unwrap();
    assert_eq!(code_of(TableCommitment::of_batch(batch, &BlobSource::default())), 301);
}
