//! Batch validation (`exectable validate`) over untrusted tables: manager calldata (byte 0 even)
//! or batch JSON (byte 0 odd), L1 batches through `validate_batch` (with and without known
//! registered rollups and blob count) and the overview, L2 tables through `validate_l2_table`.
//! Properties: no panic; reports are coherent (a reverting batch names the error raised first;
//! clean implies ok) and print.
#![no_main]

use alloy_primitives::U256;
use exectable::batch::BatchOverview;
use exectable::types::l1::ProofSystemBatchPerVerificationEntries;
use exectable::validate::{validate_batch, validate_l2_table, ValidationContext, ValidationReport};
use exectable::{CanonicalJson, ManagerCall};
use exectable_fuzz::{json, ok, selector};
use libfuzzer_sys::fuzz_target;

fn coherent(report: &ValidationReport) {
    let _ = (report.to_json(), report.to_string());
    assert_eq!(report.would_revert(), report.first_onchain_finding().is_some(), "the raised error is a finding");
    assert!(!report.is_clean() || report.is_ok(), "a clean report is ok");
}

fn check_batch(batch: &ProofSystemBatchPerVerificationEntries, sel: u8) {
    coherent(&validate_batch(batch, &ValidationContext::default()));
    let ctx = ValidationContext {
        registered_rollups: Some([U256::from(sel & 3), U256::from(1)].into_iter().collect()),
        batch_in_flight: sel & 4 != 0,
        blob_count: Some(usize::from(sel >> 4)),
    };
    coherent(&validate_batch(batch, &ctx));
    let overview = BatchOverview::of(batch);
    assert_eq!(overview.entry_hashes().len(), batch.entries.len());
    assert_eq!(overview.lookup_call_hashes().len(), batch.l1ToL2lookupCalls.len());
}

fuzz_target!(|data: &[u8]| {
    let Some((sel, rest)) = selector(data) else { return };
    if sel & 1 == 1 {
        let Some(value) = json(rest) else { return };
        if let Some(batch) = ok(ProofSystemBatchPerVerificationEntries::from_json(&value)) {
            check_batch(&batch, sel);
        }
        return;
    }
    let Some(call) = ok(ManagerCall::decode(rest)) else { return };
    if let Some(batch) = call.clone().into_batch() {
        check_batch(&batch, sel);
    }
    if let Some((entries, lookup_calls)) = call.into_l2_table() {
        coherent(&validate_l2_table(&entries, &lookup_calls));
    }
});
