//! Table commitments, differential prove → verify over small arbitrary tables. The input picks
//! `E` and `L` (0..20 each), the item hashes (often repeated, to mix equal leaves in), the proven
//! leaves (a bitmask) and a tamper. Checked:
//! - the root equals an independent reference (leaf `keccak256(0x00 ‖ h)`, inner
//!   `keccak256(0x01 ‖ l ‖ r)`, an odd last node promoted; zero leaves → zero root);
//! - `prove` by leaves equals `prove_indices`; the proof's binary and JSON forms round-trip;
//! - the proof verifies against the digest and the record, with bare, typed and full-hash items,
//!   naming exactly the proven leaves;
//! - a flipped bit in one sibling or one item, another `sharedPublicInput`, or another leaf count
//!   is rejected.
#![no_main]

use alloy_primitives::{keccak256, B256};
use exectable::commit::{CommittedTable, ExpectedCommitment, InclusionProof, Leaf, ProofItem, TableCommitment};
use exectable::CanonicalJson;
use libfuzzer_sys::fuzz_target;

fn reference_root(items: &[B256]) -> B256 {
    let mut level: Vec<B256> = items
        .iter()
        .map(|h| {
            let mut pre = vec![0u8];
            pre.extend_from_slice(h.as_slice());
            keccak256(pre)
        })
        .collect();
    if level.is_empty() {
        return B256::ZERO;
    }
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [l, r] => {
                    let mut pre = vec![1u8];
                    pre.extend_from_slice(l.as_slice());
                    pre.extend_from_slice(r.as_slice());
                    keccak256(pre)
                }
                [one] => *one,
                _ => unreachable!(),
            })
            .collect();
    }
    level[0]
}

fn flip(h: B256, bit: u8) -> B256 {
    let mut out = h;
    out.0[usize::from(bit / 8) % 32] ^= 1 << (bit % 8);
    out
}

fuzz_target!(|data: &[u8]| {
    let mut input = data.iter().copied();
    let mut next = || input.next().unwrap_or(0);
    let (e, l) = (u64::from(next() % 20), u64::from(next() % 20));
    let n = (e + l) as usize;
    let hashes: Vec<B256> = (0..n)
        .map(|i| {
            let seed = next();
            if seed & 0x80 != 0 {
                keccak256([seed, i as u8])
            } else {
                B256::with_last_byte(seed & 7)
            }
        })
        .collect();
    let mask: Vec<u8> = (0..n.div_ceil(8)).map(|_| next()).collect();
    let tamper = next();
    let bit = next();
    let shared = keccak256(data);

    let table = CommittedTable::from_hashes(&hashes[..e as usize], &hashes[e as usize..], shared);
    assert_eq!(table.commitment.root, reference_root(&hashes), "root differs from the reference");
    assert_eq!(table.tree.root(), table.commitment.root);
    assert_eq!((table.commitment.entry_count, table.commitment.lookup_count), (e, l));
    if n == 0 {
        assert!(table.prove_indices(&[]).is_err(), "a proof of nothing");
        return;
    }

    let mut indices: Vec<u64> = (0..n as u64).filter(|i| mask[(*i / 8) as usize] & (1 << (i % 8)) != 0).collect();
    if indices.is_empty() {
        indices.push(u64::from(tamper) % n as u64);
    }
    let proof = table.prove_indices(&indices).expect("prove valid indices");
    let leaves: Vec<Leaf> = indices.iter().rev().map(|i| Leaf::at(*i, e)).collect();
    assert_eq!(table.prove(&leaves).expect("prove by leaves"), proof, "prove(leaves) ≠ prove_indices");
    let bytes = proof.encode().expect("encode");
    assert_eq!(InclusionProof::decode(&bytes).expect("decode"), proof, "binary round trip");
    assert_eq!(InclusionProof::from_json(&proof.to_json()).expect("JSON"), proof, "JSON round trip");
    assert_eq!(TableCommitment::from_json(&table.commitment.to_json()).expect("record"), table.commitment);

    let item_hashes: Vec<B256> = indices.iter().map(|i| hashes[*i as usize]).collect();
    let typed: Vec<ProofItem> = indices
        .iter()
        .zip(&item_hashes)
        .map(|(i, h)| if *i < e { ProofItem::EntryHash(*h) } else { ProofItem::LookupCallHash(*h) })
        .collect();
    let digest = ExpectedCommitment::Digest(table.digest());
    let record = ExpectedCommitment::Record(table.commitment);
    let want: Vec<Leaf> = indices.iter().map(|i| Leaf::at(*i, e)).collect();
    for expected in [digest, record] {
        let ok = proof.verify_hashes(&expected, &item_hashes).expect("a made proof verifies");
        assert_eq!(ok.leaves, want, "verified leaves");
        assert_eq!(ok.commitment, table.digest());
        assert_eq!(proof.verify(&expected, &typed).expect("typed items verify").leaves, want);
        InclusionProof::verify_encoded(&bytes, &expected, &typed).expect("the encoding verifies");
    }

    // Tampering: every change must be refused.
    let mut bad = proof.clone();
    match tamper % 5 {
        0 if !bad.siblings.is_empty() => {
            let j = usize::from(bit) % bad.siblings.len();
            bad.siblings[j] = flip(bad.siblings[j], bit);
            assert!(bad.verify(&digest, &typed).is_err(), "a flipped sibling verified");
        }
        1 => {
            let mut items = item_hashes.clone();
            let j = usize::from(bit) % items.len();
            items[j] = flip(items[j], bit);
            assert!(proof.verify_hashes(&digest, &items).is_err(), "a flipped item verified");
        }
        2 => {
            bad.commitment.shared_public_input = flip(bad.commitment.shared_public_input, bit);
            assert!(bad.verify(&digest, &typed).is_err(), "another sharedPublicInput verified");
            assert!(bad.verify(&record, &typed).is_err(), "another sharedPublicInput verified (record)");
        }
        3 => {
            bad.commitment.lookup_count += 1 + u64::from(bit % 3);
            assert!(bad.verify(&digest, &typed).is_err(), "another leaf count verified");
            let e = bad.verify(&record, &typed).expect_err("another leaf count verified (record)");
            assert_eq!(e.code(), exectable::ErrorCode::ProofWrongLeafCount, "{e}");
        }
        _ => {
            if let Some(extra) = bad.siblings.first().copied() {
                bad.siblings.push(extra);
                assert!(bad.verify(&digest, &typed).is_err(), "an extra sibling verified");
            }
        }
    }
});
