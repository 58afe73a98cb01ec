//! The `tableCommitment`, `inclusionProof` and `inclusionProofTampered` kinds
//! (`vectors/exectable-commitments.json`, docs/COMMITMENT.md).
//!
//! - `tableCommitment`: inputs `batch`, optional `blobHashes` (resolved, one per `blobIndices`),
//!   optional `commitment` (a digest string or a record) to check against the batch. Valid cases
//!   compare `expected.tableCommitment` (the record with its digest) and `expected.levels` (every
//!   tree level, leaf nodes first, root last); must-fail cases expect code 410.
//! - `inclusionProof`: inputs `entryHashes`, `lookupCallHashes`, `sharedPublicInput` (the table,
//!   as the `tableCommitment` case of the same table derives them), `leaves` (`[{"entry": "0x3"},
//!   {"lookupCall": "0x0"}]`) and `items` (tagged, one per leaf in ascending leaf order). The proof
//!   made must equal `expected.proof` (binary hex) and `expected.proofJson`; both decode and
//!   verify against the digest and the record, with the items, their typed hashes and their bare
//!   hashes (`expected.itemHashes`).
//! - `inclusionProofTampered`: inputs `commitment` (digest or record), `proof` (binary hex or the
//!   JSON object), `items` (tagged items); passes only when decoding or verifying rejects with
//!   exactly `expected.error.code`.

use super::{check_eq, field, parse, CaseResult};
use crate::abi::layout::Path;
use crate::commit::{CommittedTable, ExpectedCommitment, InclusionProof, Leaf, ProofItem, TableCommitment};
use crate::json::{parse_hex, CanonicalJson};
use crate::public_inputs::BlobSource;
use crate::types::l1::ProofSystemBatchPerVerificationEntries;
use crate::{Error, Result};
use alloy_primitives::{hex, B256};
use serde_json::Value;

/// Runs one case of a commitment kind.
pub(super) fn commit_case(kind: &str, inputs: &Value, expected: &Value) -> CaseResult {
    match (kind, expected.get("error")) {
        ("tableCommitment", None) => table_commitment(inputs, expected),
        ("tableCommitment", Some(error)) => must_fail(check_claim(inputs), error),
        ("inclusionProof", _) => inclusion_proof(inputs, expected),
        ("inclusionProofTampered", Some(error)) => must_fail(verify_tampered(inputs), error),
        ("inclusionProofTampered", None) => Err("an inclusionProofTampered case needs expected.error".into()),
        (other, _) => Err(format!("{other:?} is not a commitment kind")),
    }
}

/// Passes when `result` is a rejection with exactly `expected.code` (and `expected.name`, if given).
fn must_fail<T>(result: Result<T>, error: &Value) -> CaseResult {
    let want = error.get("code").and_then(Value::as_u64).ok_or("expected.error.code is not a number")?;
    let code = match result {
        Ok(_) => return Err(format!("accepted; expected rejection with code {want}")),
        Err(e) if u64::from(e.code().as_u32()) == want => e.code(),
        Err(e) => return Err(format!("rejected with code {} ({e}); expected code {want}", e.code().as_u32())),
    };
    match error.get("name").and_then(Value::as_str) {
        Some(name) if name != format!("{code:?}") => Err(format!("code {want} is {code:?}, the case names {name}")),
        _ => Ok(()),
    }
}

fn batch_and_blobs(inputs: &Value) -> Result<(ProofSystemBatchPerVerificationEntries, BlobSource)> {
    let root = Path::Root("inputs");
    let batch_json = inputs
        .get("batch")
        .ok_or_else(|| Error::JsonShape { path: "inputs.batch".into(), message: "missing field".into() })?;
    let batch = ProofSystemBatchPerVerificationEntries::from_json_at(batch_json, &root.field("batch"))?;
    let blobs = match inputs.get("blobHashes") {
        Some(v) => BlobSource::Resolved(Vec::from_json_at(v, &root.field("blobHashes"))?),
        None => BlobSource::default(),
    };
    Ok((batch, blobs))
}

fn table_commitment(inputs: &Value, expected: &Value) -> CaseResult {
    let (batch, blobs) = batch_and_blobs(inputs).map_err(|e| e.to_string())?;
    let table = CommittedTable::of_batch(&batch, &blobs).map_err(|e| e.to_string())?;
    check_eq("tableCommitment", &table.commitment.to_json(), field(expected, "tableCommitment")?)?;
    let want: TableCommitment = parse(expected, "tableCommitment")?;
    check_eq("tableCommitment (parsed)", want, table.commitment)?;
    let levels: Vec<Vec<B256>> = parse(expected, "levels")?;
    check_eq("levels", &table.tree.levels(), &levels)?;
    if inputs.get("commitment").is_some() {
        check_claim(inputs).map_err(|e| format!("claimed commitment: {e}"))?;
    }
    Ok(())
}

/// Checks `inputs.commitment` (digest or record) against the batch.
fn check_claim(inputs: &Value) -> Result<()> {
    let (batch, blobs) = batch_and_blobs(inputs)?;
    let claim = inputs
        .get("commitment")
        .ok_or_else(|| Error::JsonShape { path: "inputs.commitment".into(), message: "missing field".into() })?;
    match ExpectedCommitment::from_json_at(claim, &Path::Root("commitment"))? {
        ExpectedCommitment::Digest(digest) => TableCommitment::check_digest(digest, &batch, &blobs),
        ExpectedCommitment::Record(record) => record.check_batch(&batch, &blobs),
    }
}

fn leaves_of(inputs: &Value) -> std::result::Result<Vec<Leaf>, String> {
    let list = field(inputs, "leaves")?.as_array().ok_or("inputs.leaves is not an array")?;
    list.iter()
        .enumerate()
        .map(|(i, leaf)| {
            let at = format!("inputs.leaves[{i}]");
            let (name, value) = leaf
                .as_object()
                .filter(|m| m.len() == 1)
                .and_then(|m| m.iter().next())
                .ok_or(format!("{at}: expected {{\"entry\": n}} or {{\"lookupCall\": n}}"))?;
            let index = u64::from_json_at(value, &Path::Root(&at)).map_err(|e| e.to_string())?;
            match name.as_str() {
                "entry" => Ok(Leaf::Entry(index)),
                "lookupCall" => Ok(Leaf::LookupCall(index)),
                other => Err(format!("{at}: unknown table {other:?}")),
            }
        })
        .collect()
}

fn inclusion_proof(inputs: &Value, expected: &Value) -> CaseResult {
    let entry_hashes: Vec<B256> = parse(inputs, "entryHashes")?;
    let lookup_call_hashes: Vec<B256> = parse(inputs, "lookupCallHashes")?;
    let table = CommittedTable::from_hashes(&entry_hashes, &lookup_call_hashes, parse(inputs, "sharedPublicInput")?);
    check_eq("tableCommitment", &table.commitment.to_json(), field(expected, "tableCommitment")?)?;
    let proof = table.prove(&leaves_of(inputs)?).map_err(|e| e.to_string())?;
    let want_bytes = parse_hex(
        field(expected, "proof")?.as_str().ok_or("expected.proof is not a hex string")?,
        &Path::Root("expected.proof"),
    )
    .map_err(|e| e.to_string())?;
    let bytes = proof.encode().map_err(|e| e.to_string())?;
    if bytes != want_bytes {
        return Err(format!(
            "proof: got {}, expected {}",
            hex::encode_prefixed(&bytes),
            hex::encode_prefixed(&want_bytes)
        ));
    }
    check_eq("proofJson", &proof.to_json(), field(expected, "proofJson")?)?;
    let item_hashes: Vec<B256> = parse(expected, "itemHashes")?;
    let items: Vec<ProofItem> = parse(inputs, "items")?;
    check_eq("number of itemHashes", item_hashes.len(), proof.indices.len())?;
    check_eq("number of items", items.len(), proof.indices.len())?;
    let mut typed = Vec::new();
    for (j, (index, hash)) in proof.indices.iter().zip(&item_hashes).enumerate() {
        check_eq(&format!("itemHashes[{j}]"), table.item_hash(*index), Some(*hash))?;
        check_eq(&format!("items[{j}] hash"), items[j].item_hash(), *hash)?;
        typed.push(match Leaf::at(*index, table.commitment.entry_count) {
            Leaf::Entry(_) => ProofItem::EntryHash(*hash),
            Leaf::LookupCall(_) => ProofItem::LookupCallHash(*hash),
        });
    }
    let decoded = InclusionProof::decode(&want_bytes).map_err(|e| format!("decode(expected.proof): {e}"))?;
    let from_json: InclusionProof = parse(expected, "proofJson")?;
    check_eq("decode(expected.proof)", &decoded, &proof)?;
    check_eq("proofJson decoded", &from_json, &proof)?;
    let verifiers = [ExpectedCommitment::Digest(table.digest()), ExpectedCommitment::Record(table.commitment)];
    for expected in &verifiers {
        for items in [&items, &typed] {
            decoded.verify(expected, items).map_err(|e| format!("verify: {e}"))?;
        }
        decoded.verify_hashes(expected, &item_hashes).map_err(|e| format!("verify(item hashes): {e}"))?;
    }
    Ok(())
}

fn verify_tampered(inputs: &Value) -> Result<()> {
    let root = Path::Root("inputs");
    let get = |name: &str| {
        inputs
            .get(name)
            .ok_or_else(|| Error::JsonShape { path: format!("inputs.{name}"), message: "missing field".into() })
    };
    let commitment = ExpectedCommitment::from_json_at(get("commitment")?, &root.field("commitment"))?;
    let items: Vec<ProofItem> = Vec::from_json_at(get("items")?, &root.field("items"))?;
    let proof = match get("proof")? {
        Value::String(text) => InclusionProof::decode(&parse_hex(text, &root.field("proof"))?)?,
        other => InclusionProof::from_json_at(other, &root.field("proof"))?,
    };
    proof.verify(&commitment, &items).map(|_| ())
}
