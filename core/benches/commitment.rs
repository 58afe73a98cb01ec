//! Table commitment against a plain bottom-up keccak loop over the same leaves (the overhead of
//! building the tree with rs_merkle), and single-proof verification at 2^20 leaves.
//!
//! `cargo bench -p exectable --bench commitment`, then `python3 core/benches/ratios.py` for the
//! ratios recorded in docs/PERFORMANCE.md.

use alloy_primitives::{keccak256, B256};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use exectable::commit::{inner_node, leaf_node, CommittedTable, ExpectedCommitment, InclusionProof, Leaf, ProofItem};

/// Deterministic item hashes (what entry and lookup-call hashes look like: uniform 32 bytes).
fn item_hashes(n: usize) -> Vec<B256> {
    (0..n as u64).map(|i| keccak256(i.to_be_bytes())).collect()
}

/// The reference: leaf nodes, then each level pairwise in place, a lone last node promoted, then
/// the commitment digest — the same keccak calls as the commitment, with no tree kept.
fn plain_keccak_loop(entries: &[B256], lookups: &[B256], shared: B256) -> B256 {
    let mut level: Vec<B256> = entries.iter().chain(lookups).map(leaf_node).collect();
    let mut width = level.len();
    while width > 1 {
        let half = width / 2;
        for i in 0..half {
            level[i] = inner_node(&level[2 * i].0, &level[2 * i + 1].0);
        }
        if width % 2 == 1 {
            level[half] = level[width - 1];
        }
        width = half + width % 2;
    }
    let root = level.first().copied().unwrap_or_default();
    let mut preimage = [0u8; 109];
    preimage[..29].copy_from_slice(b"exectable.table-commitment.v1");
    preimage[29..37].copy_from_slice(&(entries.len() as u64).to_be_bytes());
    preimage[37..45].copy_from_slice(&(lookups.len() as u64).to_be_bytes());
    preimage[45..77].copy_from_slice(shared.as_slice());
    preimage[77..].copy_from_slice(root.as_slice());
    keccak256(preimage)
}

fn commitment(c: &mut Criterion) {
    let shared = keccak256(b"sharedPublicInput");
    for log in [10u32, 16, 20] {
        let n = 1usize << log;
        let hashes = item_hashes(n);
        // Three quarters entries, one quarter lookup calls.
        let (entries, lookups) = hashes.split_at(n - n / 4);
        let table = CommittedTable::from_hashes(entries, lookups, shared);
        assert_eq!(table.digest(), plain_keccak_loop(entries, lookups, shared));
        drop(table);
        let mut group = c.benchmark_group(format!("commitment_2^{log}_leaves"));
        if log >= 16 {
            group.sample_size(10);
        }
        group.bench_function("exectable_table_commitment", |b| {
            b.iter(|| CommittedTable::from_hashes(black_box(entries), black_box(lookups), shared))
        });
        group.bench_function("reference_plain_keccak_loop", |b| {
            b.iter(|| plain_keccak_loop(black_box(entries), black_box(lookups), shared))
        });
        group.finish();
    }
}

fn verification(c: &mut Criterion) {
    let n = 1usize << 20;
    let hashes = item_hashes(n);
    let (entries, lookups) = hashes.split_at(n - n / 4);
    let table = CommittedTable::from_hashes(entries, lookups, keccak256(b"sharedPublicInput"));
    let leaf = Leaf::Entry(123_457);
    let proof = table.prove(&[leaf]).unwrap();
    let bytes = proof.encode().unwrap();
    let item = [ProofItem::EntryHash(hashes[123_457])];
    let digest = ExpectedCommitment::Digest(table.digest());
    let record = ExpectedCommitment::Record(table.commitment);
    let siblings = proof.siblings.clone();
    drop(table);
    let mut group = c.benchmark_group("verify_single_proof_2^20_leaves");
    group.bench_function("exectable_verify_encoded_digest", |b| {
        b.iter(|| InclusionProof::verify_encoded(black_box(&bytes), &digest, black_box(&item)).unwrap())
    });
    group.bench_function("exectable_verify_decoded_record", |b| {
        b.iter(|| black_box(&proof).verify(&record, black_box(&item)).unwrap())
    });
    // The hashing alone: the leaf, one inner node per sibling and the digest.
    group.bench_function("reference_node_hashes_alone", |b| {
        b.iter(|| {
            let mut node = leaf_node(black_box(&hashes[123_457]));
            for s in black_box(&siblings) {
                node = inner_node(&node.0, &s.0);
            }
            let mut preimage = [0u8; 109];
            preimage[77..].copy_from_slice(node.as_slice());
            keccak256(preimage)
        })
    });
    group.finish();
}

criterion_group!(benches, commitment, verification);
criterion_main!(benches);
