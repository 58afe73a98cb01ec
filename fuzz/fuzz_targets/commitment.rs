//! Table commitments from JSON, as `exectable verify` and the `tableCommitment` vectors take them:
//! the record (`{"commitment", "entryCount", "lookupCount", "sharedPublicInput", "root"}`) and the
//! trusted commitment (record or bare digest), each round-tripped through its JSON; and, when the
//! input carries a `batch` (with optional `blobHashes` / `blobVersionedHashes` and `commitment`),
//! the commitment of that batch: its proof of every leaf verifies, the batch's own record and
//! digest check against it, and a claimed commitment is accepted exactly when it is the batch's.
#![no_main]

use alloy_primitives::B256;
use exectable::commit::{CommittedTable, ExpectedCommitment, TableCommitment};
use exectable::public_inputs::BlobSource;
use exectable::types::l1::ProofSystemBatchPerVerificationEntries;
use exectable::CanonicalJson;
use exectable_fuzz::{json, json_round_trip, ok};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(value) = json(data) else { return };
    if let Some(record) = ok(TableCommitment::from_json(&value)) {
        json_round_trip(&record);
        assert_eq!(TableCommitment::from_json(&record.to_json()).map(|r| r.digest()).ok(), Some(record.digest()));
    }
    if let Some(expected) = ok(ExpectedCommitment::from_json(&value)) {
        json_round_trip(&expected);
    }
    let Some(batch_json) = value.get("batch") else { return };
    let Some(batch) = ok(ProofSystemBatchPerVerificationEntries::from_json(batch_json)) else { return };
    let blobs = match (value.get("blobHashes"), value.get("blobVersionedHashes")) {
        (Some(v), _) => match ok(Vec::<B256>::from_json(v)) {
            Some(h) => BlobSource::Resolved(h),
            None => return,
        },
        (None, Some(v)) => match ok(Vec::<B256>::from_json(v)) {
            Some(h) => BlobSource::VersionedHashes(h),
            None => return,
        },
        (None, None) => BlobSource::default(),
    };
    let Some(table) = ok(CommittedTable::of_batch(&batch, &blobs)) else { return };
    let own = table.commitment;
    assert_eq!(TableCommitment::of_batch(&batch, &blobs).ok(), Some(own));
    own.check_batch(&batch, &blobs).expect("the batch's own record checks");
    TableCommitment::check_digest(own.digest(), &batch, &blobs).expect("the batch's own digest checks");
    let n = own.leaf_count().expect("a batch's leaf count fits u64");
    if n > 0 {
        let all: Vec<u64> = (0..n).collect();
        let proof = table.prove_indices(&all).expect("prove every leaf");
        let hashes: Vec<B256> = all.iter().map(|i| table.item_hash(*i).expect("item")).collect();
        proof.verify_hashes(&ExpectedCommitment::Digest(own.digest()), &hashes).expect("every leaf verifies");
    }
    if let Some(claim) = value.get("commitment").and_then(|c| ok(ExpectedCommitment::from_json(c))) {
        let verdict = claim.check_batch(&batch, &blobs);
        let matches = match claim {
            ExpectedCommitment::Digest(d) => d == own.digest(),
            ExpectedCommitment::Record(r) => r == own,
        };
        match verdict {
            Ok(record) => {
                assert!(matches, "a commitment of another table was accepted");
                assert_eq!(record, own);
            }
            Err(e) => {
                assert!(!matches, "the batch's own commitment was refused: {e}");
                assert_eq!(e.code(), exectable::ErrorCode::CommitmentMismatch, "{e}");
            }
        }
    }
});
