//! Batch membership (`exectable verify membership`) from one JSON request (the inputs of a
//! `batchMembership` / `consumptionEvidence` vector): `{"manager", "txInput", "receipt",
//! "query"?, "txHash"?, "blobHashes"? | "blobVersionedHashes"?, "laterReceipts"?}`. The posting
//! is verified, the query matched and the consumption evidence of every entry attributed.
//! Properties: no panic; a confirmed membership has at least one match, each of which the batch
//! holds at the position it names; reports print.
#![no_main]

use alloy_primitives::{Address, B256};
use exectable::abi::layout::Path;
use exectable::inclusion::{
    consumption_evidence, verify_membership, verify_posting, ItemQuery, MembershipRequest, PostingOptions,
};
use exectable::json::parse_hex;
use exectable::public_inputs::BlobSource;
use exectable::receipt::Receipt;
use exectable::CanonicalJson;
use exectable_fuzz::{json, ok};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some(request) = json(data) else { return };
    let Some(manager) = request.get("manager").and_then(|m| ok(Address::from_json(m))) else { return };
    let Some(Value::String(tx_input)) = request.get("txInput") else { return };
    let Some(tx_input) = ok(parse_hex(tx_input, &Path::Root("txInput"))) else { return };
    let Some(receipt) = request.get("receipt").and_then(|r| ok(Receipt::from_json(r))) else { return };
    let transaction_hash = match request.get("txHash") {
        Some(h) => match ok(B256::from_json(h)) {
            Some(h) => Some(h),
            None => return,
        },
        None => None,
    };
    let blobs = match (request.get("blobHashes"), request.get("blobVersionedHashes")) {
        (Some(v), _) => ok(Vec::<B256>::from_json(v)).map(BlobSource::Resolved),
        (None, Some(v)) => ok(Vec::<B256>::from_json(v)).map(BlobSource::VersionedHashes),
        (None, None) => None,
    };
    let later: Vec<Receipt> = match request.get("laterReceipts") {
        Some(Value::Array(items)) => match items.iter().map(|r| ok(Receipt::from_json(r))).collect() {
            Some(later) => later,
            None => return,
        },
        _ => Vec::new(),
    };
    let options = PostingOptions { transaction_hash, blobs };

    let Some(posted) = ok(verify_posting(&tx_input, &receipt, manager, &options)) else { return };
    let _ = (posted.to_json(), posted.rollup_count(), posted.posted_directly());
    if let Some(report) = ok(consumption_evidence(&posted, &receipt, &later)) {
        let _ = report.to_json();
    }
    let Some(query) = request.get("query").and_then(|q| ok(ItemQuery::from_json(q))) else { return };
    let matches = posted.matches(&query);
    let request = MembershipRequest {
        tx_input: &tx_input,
        receipt: &receipt,
        manager,
        query: &query,
        options: &options,
        later_receipts: &later,
    };
    if let Some(report) = ok(verify_membership(&request)) {
        assert!(!report.matches.is_empty(), "a confirmed membership without a match");
        assert_eq!(report.matches, matches, "membership matches differ from the posting's");
        let _ = (report.to_json(), report.to_text());
        for m in &report.matches {
            let _ = (report.evidence(m), m.to_json());
        }
    }
});
