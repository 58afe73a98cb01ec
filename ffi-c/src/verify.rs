//! Verifications against chain data: batch membership from the posting transaction's input and
//! receipt, and OCP artifacts against their observation (and receipt).

use crate::boundary::{address_in, bytes_in, ffi_boundary, json_in, optional_json_in, out_ptr, write_out};
use crate::bytes::{et_bytes, write_bytes};
use crate::error::{et_result, FfiError};
use alloy_primitives::B256;
use exectable::abi::layout::Path;
use exectable::inclusion::{verify_membership, ItemQuery, MembershipRequest, PostingOptions};
use exectable::json::expect_object;
use exectable::ocp::{verify, ExecutionTable, OcpArtifact};
use exectable::public_inputs::BlobSource;
use exectable::receipt::Receipt;
use exectable::{CanonicalJson, Error};
use serde_json::Value;

// SAFETY (all `unsafe` blocks of this file): pointer arguments satisfy the contract stated in each
// function's documentation; required pointers are checked for NULL before use.

/// The optional members of a membership request: `{"txHash", "blobHashes" | "blobVersionedHashes",
/// "laterReceipts"}`.
fn membership_options(options: Option<&Value>) -> Result<(PostingOptions, Vec<Receipt>), Error> {
    let Some(options) = options else {
        return Ok((PostingOptions::default(), Vec::new()));
    };
    let root = Path::Root("options");
    let map = expect_object(options, &root, &["txHash", "blobHashes", "blobVersionedHashes", "laterReceipts"])?;
    let blobs = match (map.get("blobHashes"), map.get("blobVersionedHashes")) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid("options", "give blobHashes or blobVersionedHashes, not both"));
        }
        (Some(v), None) => Some(BlobSource::Resolved(Vec::from_json_at(v, &root.field("blobHashes"))?)),
        (None, Some(v)) => Some(BlobSource::VersionedHashes(Vec::from_json_at(v, &root.field("blobVersionedHashes"))?)),
        (None, None) => None,
    };
    let transaction_hash = map.get("txHash").map(|v| B256::from_json_at(v, &root.field("txHash"))).transpose()?;
    let later = match map.get("laterReceipts") {
        None => Vec::new(),
        Some(Value::Array(items)) => items.iter().map(Receipt::from_json).collect::<Result<_, _>>()?,
        Some(_) => {
            return Err(Error::JsonShape { path: "options.laterReceipts".into(), message: "expected an array".into() })
        }
    };
    Ok((PostingOptions { transaction_hash, blobs }, later))
}

/// Confirms from the raw `postAndVerifyBatch` transaction input and its receipt that an entry or
/// lookup call is part of a batch the L1 manager accepted: selector, the input read exactly as
/// the contract's ABI decoder reads it (any layout it accepts), receipt status, the manager's
/// `BatchPosted` log, every hash recomputed; then where the item was placed and what the
/// manager's logs say happened to it.
///
/// Three answers, never one dressed as another; `et_verdict_of(rc)` tells them apart:
/// - included: `ET_RESULT_OK`, and the report (its `verdict` member is `"included"`). Also when
///   the input is not canonically laid out: the contract read it as it stands, so the batch is what
///   it read; `batch.layout` is then `{"canonical": false, "deviation": {…}}`, a warning naming the
///   first deviation.
/// - not included (`ET_VERDICT_NOT_INCLUDED`): 604 (the accepted batch does not hold the item),
///   602 (the posting transaction reverted).
/// - cannot decide (`ET_VERDICT_CANNOT_DECIDE`): every other code — 601 (not `postAndVerifyBatch`
///   calldata), 603 (no `BatchPosted` of the manager), 605 (a receipt of another transaction), 606
///   (malformed receipt), 1xx (an input the contract's decoder refuses cannot be a successful
///   posting's), 2xx/3xx (malformed query or options), 9xx.
///
/// - `tx_input`/`tx_input_len`: the transaction's input bytes, borrowed.
/// - `receipt_json`/`receipt_json_len`: `eth_getTransactionReceipt` JSON (a JSON-RPC envelope is
///   unwrapped), borrowed.
/// - `manager`: required, 20 bytes: the L1 manager (EEZ); only its logs count.
/// - `query_json`/`query_json_len`: the item, a JSON object with exactly one of `entry`,
///   `lookupCall` (full JSON), `entryHash`, `lookupCallHash`, `proxyEntryHash`,
///   `crossChainCallHash` (32-byte hex).
/// - `options_json`/`options_json_len`: NULL and 0 for none, else `{"txHash"?, "blobHashes"? |
///   "blobVersionedHashes"?, "laterReceipts"?: [receipt…]}`.
/// - `report_json`: required; on success receives `{"verdict": "included", "valid": true,
///   "batch": {…, "layout"}, "query", "matches", "unattributed", "supersededAt", "laterReceipts"}`
///   (caller frees it). Not written on any other answer: the message says why.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK` (included); 602, 604 (not included); 601, 603, 605, 606, 101–103,
///   105, 302 (the input), 201–204, 301 (query/options), 900, 903, 902 (cannot decide).
#[no_mangle]
pub unsafe extern "C" fn et_verify_membership(
    tx_input: *const u8,
    tx_input_len: usize,
    receipt_json: *const u8,
    receipt_json_len: usize,
    manager: *const u8,
    query_json: *const u8,
    query_json_len: usize,
    options_json: *const u8,
    options_json_len: usize,
    report_json: *mut et_bytes,
) -> et_result {
    ffi_boundary(|| {
        let tx_input = unsafe { bytes_in(tx_input, tx_input_len, "tx_input")? };
        let receipt = unsafe { json_in(receipt_json, receipt_json_len, "receipt_json")? };
        let manager = unsafe { address_in(manager, "manager")? };
        let query = unsafe { json_in(query_json, query_json_len, "query_json")? };
        let options = unsafe { optional_json_in(options_json, options_json_len, "options_json")? };
        let out = out_ptr(report_json, "report_json")?;
        let receipt = Receipt::from_json(&receipt)?;
        let query = ItemQuery::from_json_at(&query, &Path::Root("query"))?;
        let (options, later) = membership_options(options.as_ref())?;
        let report = verify_membership(&MembershipRequest {
            tx_input,
            receipt: &receipt,
            manager,
            query: &query,
            options: &options,
            later_receipts: &later,
        })?;
        unsafe { write_out(out, et_bytes::from_json(&report.to_json())) };
        Ok(())
    })
}

/// Verifies an OCP artifact offline: SHA-256 of the observation against the artifact's digest,
/// then (when a receipt is given) inclusion of the digest by the artifact's extraction rule.
///
/// Three answers; `et_verdict_of(rc)` tells them apart: `ET_RESULT_OK` (included: the report);
/// not included — 501 (the observation's SHA-256 differs), 503 (the receipt reports failure),
/// 504 (another block), 505 (logged by another contract), 506 (the digest was not logged); cannot
/// decide — every other code: 502 (a rule this verifier does not implement), 507 (malformed
/// artifact), 508 (a receipt of another transaction), 606 (malformed receipt), 2xx, 9xx.
///
/// - `artifact_json`/`artifact_json_len`: an `ocp-1` proof file or a v1.0 envelope, borrowed.
/// - `observation`/`observation_len`: the observed bytes, borrowed; NULL only when the length is 0.
///   For an execution table use `et_ocp_table_observation` (or `et_batch_encode`).
/// - `receipt_json`/`receipt_json_len`: NULL and 0 for none, else the artifact transaction's
///   `eth_getTransactionReceipt` JSON.
/// - `report_json`: required; on success receives `{"valid": true, "shape", "digest", "hash",
///   "inclusion": {"result": "confirmed" | "notChecked", …}, "schemaComplete", "missingMembers",
///   "notes"}` (caller frees it). Not written when the artifact is rejected: the message says why.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK` (valid); 501–508 (the first failing step, or a malformed artifact);
///   606 (malformed receipt); 201–204; 900; 903; 902.
#[no_mangle]
pub unsafe extern "C" fn et_ocp_verify(
    artifact_json: *const u8,
    artifact_json_len: usize,
    observation: *const u8,
    observation_len: usize,
    receipt_json: *const u8,
    receipt_json_len: usize,
    report_json: *mut et_bytes,
) -> et_result {
    ffi_boundary(|| {
        let artifact = unsafe { json_in(artifact_json, artifact_json_len, "artifact_json")? };
        let observation = unsafe { bytes_in(observation, observation_len, "observation")? };
        let receipt = unsafe { optional_json_in(receipt_json, receipt_json_len, "receipt_json")? };
        let out = out_ptr(report_json, "report_json")?;
        let artifact = OcpArtifact::from_json(&artifact)?;
        let receipt = receipt.as_ref().map(Receipt::from_json).transpose()?;
        let report = verify(&artifact, observation, receipt.as_ref());
        if let Some(e) = report.error() {
            return Err(FfiError::from(e));
        }
        unsafe { write_out(out, et_bytes::from_json(&report.to_json())) };
        Ok(())
    })
}

/// The OCP observation bytes of an execution table: `abi.encode(batch)` for
/// `{"l1Batch": batch}`, `abi.encode(entries, lookupCalls)` for `{"l2Table": {"entries",
/// "lookupCalls"}}`.
///
/// - `table_json`/`table_json_len`: borrowed. `observation_out`: required; receives the bytes
///   (caller frees it).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 201–204; 900; 903; 902.
#[no_mangle]
pub unsafe extern "C" fn et_ocp_table_observation(
    table_json: *const u8,
    table_json_len: usize,
    observation_out: *mut et_bytes,
) -> et_result {
    ffi_boundary(|| {
        let table = unsafe { json_in(table_json, table_json_len, "table_json")? };
        let out = out_ptr(observation_out, "observation_out")?;
        let observation = ExecutionTable::from_json(&table)?.observation();
        unsafe { write_bytes(out, observation) };
        Ok(())
    })
}
