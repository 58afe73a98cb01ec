//! Property test of inclusion proofs: for random tables of 1..2,000 items and random index sets,
//! every honest proof verifies (against the digest and against the full record, decoded from its
//! binary and its JSON form), and every single-bit change to the proof's binary encoding, to an
//! item, to an index or to the commitment is rejected.
//!
//! Item hashes are distinct (keccak of a seed and the position): with two equal items a changed
//! index can name the other copy and still be a true statement, which is not a forgery.
//! Large encodings are sampled: every header bit is flipped, and a random sample of the bits of
//! the indices and siblings.

use alloy_primitives::{keccak256, B256};
use exectable::commit::{CommittedTable, ExpectedCommitment, InclusionProof, TableCommitment};
use exectable::CanonicalJson;
use proptest::prelude::*;
use std::collections::BTreeSet;

/// Cases per property. The portable keccak (`sha3`, unoptimised in debug builds) is ~40× slower
/// than keccak-asm, so that build runs fewer cases to stay well under a minute.
const CASES: u32 = if cfg!(feature = "asm-keccak") { 192 } else { 24 };
/// Header bytes of the binary encoding (flipped bit by bit).
const HEADER: usize = 89;
/// Bits flipped in the index and sibling region.
const BODY_SAMPLES: usize = 48;

struct Case {
    table: CommittedTable,
    indices: Vec<u64>,
}

fn build(n: u64, entries: u64, indices: BTreeSet<u64>, seed: u64) -> Case {
    let items: Vec<B256> = (0..n).map(|i| keccak256([seed.to_be_bytes(), i.to_be_bytes()].concat())).collect();
    let (e, l) = items.split_at(entries as usize);
    let table = CommittedTable::from_hashes(e, l, keccak256(seed.to_le_bytes()));
    Case { table, indices: indices.into_iter().collect() }
}

fn expectations(c: &TableCommitment) -> [ExpectedCommitment; 2] {
    [ExpectedCommitment::Digest(c.digest()), ExpectedCommitment::Record(*c)]
}

fn flip(bytes: &mut [u8], bit: usize) {
    bytes[bit / 8] ^= 1 << (bit % 8);
}

fn check(case: &Case, rng: &mut u64) -> Result<(), TestCaseError> {
    let t = &case.table;
    let proof = t.prove_indices(&case.indices).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let hashes: Vec<B256> = case.indices.iter().map(|i| t.item_hash(*i).unwrap()).collect();
    let bytes = proof.encode().unwrap();
    let from_json = InclusionProof::from_json(&proof.to_json()).unwrap();
    prop_assert_eq!(&from_json, &proof);
    for expected in expectations(&t.commitment) {
        prop_assert!(proof.verify_hashes(&expected, &hashes).is_ok());
        let decoded = InclusionProof::decode(&bytes).unwrap();
        prop_assert!(decoded.verify_hashes(&expected, &hashes).is_ok());
    }
    let mut next = move || {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        *rng
    };
    let digest = [ExpectedCommitment::Digest(t.digest())];
    // Every header bit; a sample of the index and sibling bits.
    let body_bits = (bytes.len() - HEADER) * 8;
    let bits: Vec<usize> = (0..HEADER * 8)
        .chain((0..BODY_SAMPLES.min(body_bits)).map(|_| HEADER * 8 + (next() as usize) % body_bits))
        .collect();
    for bit in bits {
        let mut tampered = bytes.clone();
        flip(&mut tampered, bit);
        for expected in expectations(&t.commitment).iter().chain(&digest) {
            let verdict = InclusionProof::decode(&tampered).and_then(|p| p.verify_hashes(expected, &hashes));
            prop_assert!(verdict.is_err(), "bit {} of {} accepted", bit, bytes.len() * 8);
        }
    }
    // An item bit, an index bit, a commitment bit.
    for _ in 0..4 {
        let j = (next() as usize) % hashes.len();
        let mut items = hashes.clone();
        items[j].0[(next() as usize) % 32] ^= 1 << (next() % 8);
        prop_assert!(proof.verify_hashes(&digest[0], &items).is_err());

        let mut p = proof.clone();
        p.indices[j] ^= 1 << (next() % 64);
        for expected in expectations(&t.commitment) {
            prop_assert!(
                p.verify_hashes(&expected, &hashes).is_err(),
                "index {} -> {}",
                proof.indices[j],
                p.indices[j]
            );
        }

        let mut d = t.digest();
        d.0[(next() as usize) % 32] ^= 1 << (next() % 8);
        prop_assert!(proof.verify_hashes(&ExpectedCommitment::Digest(d), &hashes).is_err());
        let mut r = t.commitment;
        match next() % 4 {
            0 => r.entry_count ^= 1 << (next() % 64),
            1 => r.lookup_count ^= 1 << (next() % 64),
            2 => r.shared_public_input.0[(next() as usize) % 32] ^= 1 << (next() % 8),
            _ => r.root.0[(next() as usize) % 32] ^= 1 << (next() % 8),
        }
        prop_assert!(proof.verify_hashes(&ExpectedCommitment::Record(r), &hashes).is_err());
    }
    Ok(())
}

/// A table of `1..=max` items, a split into entries and lookup calls, `1..=max_k` indices.
fn table_strategy(max: u64, max_k: usize) -> impl Strategy<Value = (u64, u64, BTreeSet<u64>, u64)> {
    (1..=max).prop_flat_map(move |n| {
        let k = (n as usize).min(max_k);
        (Just(n), 0..=n, prop::collection::btree_set(0..n, 1..=k), any::<u64>())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    /// Sparse index sets over tables of up to 2,000 items.
    #[test]
    fn sparse_proofs_verify_and_every_bit_flip_fails((n, entries, indices, seed) in table_strategy(2000, 24)) {
        let mut rng = seed | 1;
        check(&build(n, entries, indices, seed), &mut rng)?;
    }

    /// Dense index sets (up to every leaf) over smaller tables.
    #[test]
    fn dense_proofs_verify_and_every_bit_flip_fails((n, entries, indices, seed) in table_strategy(96, 96)) {
        let mut rng = seed | 1;
        check(&build(n, entries, indices, seed), &mut rng)?;
    }
}
