//! Table commitments (`et_commitment`) and inclusion proofs (`et_proof`): build, encode, verify.
//! The format is docs/COMMITMENT.md.

use crate::batch::{blob_source, et_batch};
use crate::boundary::{b256_in, bytes_in, ffi_boundary, json_in, out_ptr, words_in, write_array, write_out};
use crate::bytes::{et_bytes, write_bytes};
use crate::error::{et_result, FfiError};
use crate::handles::{borrow_handle, free_handle, write_handle, Handle, Kind};
use exectable::abi::layout::Path;
use exectable::commit::{CommittedTable, ExpectedCommitment, InclusionProof, Leaf, ProofItem, TableCommitment};
use exectable::CanonicalJson;

// SAFETY (all `unsafe` blocks of this file): pointer arguments satisfy the contract stated in each
// function's documentation; required pointers are checked for NULL before use.

/// A committed table: the commitment record, the item hashes and the Merkle tree; makes
/// inclusion proofs. Immutable: safe to use from several threads at once (Send + Sync).
/// Create with `et_commitment_from_batch` / `et_commitment_from_hashes`; free with
/// `et_commitment_free`.
#[allow(non_camel_case_types)]
pub struct et_commitment {
    table: CommittedTable,
}

impl Handle for et_commitment {
    const KIND: Kind = Kind::Commitment;
}

/// An inclusion proof (single or multi) with the commitment record it belongs to. Immutable:
/// safe to use from several threads at once (Send + Sync).
/// Create with `et_commitment_prove` / `et_proof_decode` / `et_proof_from_json`; free with
/// `et_proof_free`.
#[allow(non_camel_case_types)]
pub struct et_proof {
    proof: InclusionProof,
}

impl Handle for et_proof {
    const KIND: Kind = Kind::Proof;
}

/// Commits to a batch: `commitment = keccak256("exectable.table-commitment.v1" ‖ u64be(E) ‖
/// u64be(L) ‖ sharedPublicInput ‖ root)` over the Merkle tree of its entry hashes then
/// lookup-call hashes.
///
/// - `batch`: required live handle.
/// - `blob_hashes`/`blob_hash_count`/`blob_hash_kind`: as for `et_batch_public_inputs_hashes`
///   (none needed when the batch has no `blobIndices`).
/// - `commitment_out`: required; on success receives a new handle the caller owns
///   (`et_commitment_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 301 (blob hash count, kind); 900; 901; 904; 902.
#[no_mangle]
pub unsafe extern "C" fn et_commitment_from_batch(
    batch: *const et_batch,
    blob_hashes: *const u8,
    blob_hash_count: usize,
    blob_hash_kind: u32,
    commitment_out: *mut *mut et_commitment,
) -> et_result {
    ffi_boundary(|| {
        let b = borrow_handle(batch, "batch")?;
        let blobs = unsafe { blob_source(blob_hashes, blob_hash_count, blob_hash_kind)? };
        let out = out_ptr(commitment_out, "commitment_out")?;
        let table = CommittedTable::of_batch(&b.batch, &blobs)?;
        unsafe { write_handle(out, et_commitment { table }) };
        Ok(())
    })
}

/// Commits to a table given by its entry hashes, lookup-call hashes and `sharedPublicInput`.
///
/// - `entry_hashes`: `entry_count` consecutive 32-byte hashes (NULL only when the count is 0);
///   `lookup_call_hashes`: likewise `lookup_call_count`. `shared_public_input`: required, 32 bytes.
/// - `commitment_out`: required; on success receives a new handle (`et_commitment_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 904 (count overflows); 902.
#[no_mangle]
pub unsafe extern "C" fn et_commitment_from_hashes(
    entry_hashes: *const u8,
    entry_count: usize,
    lookup_call_hashes: *const u8,
    lookup_call_count: usize,
    shared_public_input: *const u8,
    commitment_out: *mut *mut et_commitment,
) -> et_result {
    ffi_boundary(|| {
        let entries = unsafe { words_in(entry_hashes, entry_count, "entry_hashes")? };
        let lookups = unsafe { words_in(lookup_call_hashes, lookup_call_count, "lookup_call_hashes")? };
        let shared = unsafe { b256_in(shared_public_input, "shared_public_input")? };
        let out = out_ptr(commitment_out, "commitment_out")?;
        let table = CommittedTable::from_hashes(&entries, &lookups, shared);
        unsafe { write_handle(out, et_commitment { table }) };
        Ok(())
    })
}

/// Frees a commitment handle.
///
/// - `commitment`: NULL (nothing happens) or a live `et_commitment`; otherwise 901, nothing freed.
/// - Thread safety: any thread; calls already running with the handle finish safely.
/// - Returns: `ET_RESULT_OK`; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_commitment_free(commitment: *mut et_commitment) -> et_result {
    ffi_boundary(|| free_handle(commitment, "commitment"))
}

/// The 32-byte commitment digest (what gets published) into `out`.
///
/// - `commitment`: required live handle. `out`: required, 32 bytes.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_commitment_digest(commitment: *const et_commitment, out: *mut u8) -> et_result {
    ffi_boundary(|| {
        let c = borrow_handle(commitment, "commitment")?;
        let out = out_ptr(out, "out")?;
        unsafe { write_array(out, &c.table.digest().0) };
        Ok(())
    })
}

/// The commitment record: `{"commitment", "entryCount", "lookupCount", "sharedPublicInput", "root"}`.
///
/// - `commitment`: required live handle. `json_out`: required; receives the JSON (caller frees it).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_commitment_to_json(commitment: *const et_commitment, json_out: *mut et_bytes) -> et_result {
    ffi_boundary(|| {
        let c = borrow_handle(commitment, "commitment")?;
        let out = out_ptr(json_out, "json_out")?;
        unsafe { write_out(out, et_bytes::from_json(&c.table.commitment.to_json())) };
        Ok(())
    })
}

/// The item hash at flat leaf `index` (entries `0..E`, then lookup calls `E..E+L`) into `out[32]`.
///
/// - `commitment`: required live handle. `out`: required, 32 bytes.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 301 (no such leaf); 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_commitment_item_hash(
    commitment: *const et_commitment,
    index: u64,
    out: *mut u8,
) -> et_result {
    ffi_boundary(|| {
        let c = borrow_handle(commitment, "commitment")?;
        let out = out_ptr(out, "out")?;
        let hash = c.table.item_hash(index).ok_or_else(|| {
            FfiError::invalid("index", format!("leaf {index} does not exist ({} leaves)", c.table.item_hashes.len()))
        })?;
        unsafe { write_array(out, &hash.0) };
        Ok(())
    })
}

/// An inclusion proof for the leaves at flat `indices` (any order, each once; entry `i` is leaf
/// `i`, lookup call `j` is leaf `E + j`). The proof lists them in ascending order.
///
/// - `commitment`: required live handle.
/// - `indices`/`index_count`: `index_count` uint64 values (NULL only when the count is 0; an empty
///   list is refused with 301 by the prover).
/// - `proof_out`: required; on success receives a new handle (`et_proof_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 301 (a leaf not in the table, a leaf named twice, no leaf); 900;
///   901; 904; 902.
#[no_mangle]
pub unsafe extern "C" fn et_commitment_prove(
    commitment: *const et_commitment,
    indices: *const u64,
    index_count: usize,
    proof_out: *mut *mut et_proof,
) -> et_result {
    ffi_boundary(|| {
        let c = borrow_handle(commitment, "commitment")?;
        let len = index_count.checked_mul(8).ok_or_else(|| {
            FfiError::new(et_result::BufferTooSmall, format!("indices: {index_count} values overflow size_t"))
        })?;
        let raw = unsafe { bytes_in(indices.cast::<u8>(), len, "indices")? };
        let out = out_ptr(proof_out, "proof_out")?;
        let entry_count = c.table.commitment.entry_count;
        let leaves: Vec<Leaf> = raw
            .chunks_exact(8)
            .map(|b| Leaf::at(u64::from_ne_bytes(b.try_into().expect("8-byte chunk")), entry_count))
            .collect();
        if leaves.is_empty() {
            return Err(FfiError::invalid("indices", "name at least one leaf"));
        }
        let proof = c.table.prove(&leaves)?;
        unsafe { write_handle(out, et_proof { proof }) };
        Ok(())
    })
}

/// Checks a claimed commitment against a batch: the claim is a 32-byte digest as a JSON string
/// (`"0x…"`) or the record JSON (then every differing field is named in the message).
///
/// - `batch`: required live handle. Blob hashes as for `et_commitment_from_batch`.
/// - `claim_json`/`claim_json_len`: borrowed UTF-8 JSON.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK` when the claim is the batch's commitment; 410 when it is not;
///   409 (a record whose `commitment` is not its own digest); 201–204; 301; 900; 901; 903; 902.
///   `et_verdict_of(rc)`: OK is included, 410 not included, every other code cannot decide.
#[no_mangle]
pub unsafe extern "C" fn et_batch_check_commitment(
    batch: *const et_batch,
    blob_hashes: *const u8,
    blob_hash_count: usize,
    blob_hash_kind: u32,
    claim_json: *const u8,
    claim_json_len: usize,
) -> et_result {
    ffi_boundary(|| {
        let b = borrow_handle(batch, "batch")?;
        let blobs = unsafe { blob_source(blob_hashes, blob_hash_count, blob_hash_kind)? };
        let claim = unsafe { json_in(claim_json, claim_json_len, "claim_json")? };
        match ExpectedCommitment::from_json_at(&claim, &Path::Root("claim"))? {
            ExpectedCommitment::Digest(digest) => TableCommitment::check_digest(digest, &b.batch, &blobs)?,
            ExpectedCommitment::Record(record) => record.check_batch(&b.batch, &blobs)?,
        }
        Ok(())
    })
}

/// Decodes the binary proof encoding (`89 + 8k + 32s` bytes, docs/COMMITMENT.md) into a new
/// proof handle. Lengths are checked before anything is allocated.
///
/// - `proof`/`proof_len`: borrowed; NULL only when `proof_len` is 0 (then 405).
/// - `proof_out`: required; on success receives a new handle (`et_proof_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 405 (truncated), 406 (over-long), 409 (version); 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_proof_decode(
    proof: *const u8,
    proof_len: usize,
    proof_out: *mut *mut et_proof,
) -> et_result {
    ffi_boundary(|| {
        let bytes = unsafe { bytes_in(proof, proof_len, "proof")? };
        let out = out_ptr(proof_out, "proof_out")?;
        let proof = InclusionProof::decode(bytes)?;
        unsafe { write_handle(out, et_proof { proof }) };
        Ok(())
    })
}

/// Parses the proof's JSON form (`{"format": "exectable-inclusion-proof/v1", "tableCommitment",
/// "indices", "siblings"}`) into a new proof handle.
///
/// - `json`/`json_len`: borrowed UTF-8 JSON. `proof_out`: required; receives a new handle.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 201–204; 409; 900; 903; 902.
#[no_mangle]
pub unsafe extern "C" fn et_proof_from_json(
    json: *const u8,
    json_len: usize,
    proof_out: *mut *mut et_proof,
) -> et_result {
    ffi_boundary(|| {
        let json = unsafe { json_in(json, json_len, "json")? };
        let out = out_ptr(proof_out, "proof_out")?;
        let proof = InclusionProof::from_json(&json)?;
        unsafe { write_handle(out, et_proof { proof }) };
        Ok(())
    })
}

/// Frees a proof handle.
///
/// - `proof`: NULL (nothing happens) or a live `et_proof`; otherwise 901 and nothing is freed.
/// - Thread safety: any thread; calls already running with the handle finish safely.
/// - Returns: `ET_RESULT_OK`; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_proof_free(proof: *mut et_proof) -> et_result {
    ffi_boundary(|| free_handle(proof, "proof"))
}

/// The proof's binary encoding.
///
/// - `proof`: required live handle. `bytes_out`: required; receives the bytes (caller frees it).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 301 (more than 2^32 − 1 indices or siblings); 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_proof_encode(proof: *const et_proof, bytes_out: *mut et_bytes) -> et_result {
    ffi_boundary(|| {
        let p = borrow_handle(proof, "proof")?;
        let out = out_ptr(bytes_out, "bytes_out")?;
        let bytes = p.proof.encode()?;
        unsafe { write_bytes(out, bytes) };
        Ok(())
    })
}

/// The proof's JSON form.
///
/// - `proof`: required live handle. `json_out`: required; receives the JSON (caller frees it).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_proof_to_json(proof: *const et_proof, json_out: *mut et_bytes) -> et_result {
    ffi_boundary(|| {
        let p = borrow_handle(proof, "proof")?;
        let out = out_ptr(json_out, "json_out")?;
        unsafe { write_out(out, et_bytes::from_json(&p.proof.to_json())) };
        Ok(())
    })
}

/// Verifies that `item_hashes` (one per proven leaf, in the proof's ascending leaf order; entry or
/// lookup-call hashes) are the leaves of the table whose commitment digest is `commitment[32]`.
///
/// - `proof`: required live handle. `commitment`: required, 32 bytes.
/// - `item_hashes`/`item_count`: `item_count` consecutive 32-byte hashes (NULL only when 0).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK` (valid); 401–404, 407–409 (the reason; checks in the order of
///   docs/COMMITMENT.md, the first failing one reported); 405/406 (sibling count); 900; 901; 904; 902.
/// - Three answers, told apart by `et_verdict_of(rc)`: OK is included; 401–404 and 407 (the proof
///   does not lead to the committed root with these items) are not included; every other code
///   (a malformed proof: 405, 406, 408, 409; misuse: 9xx) cannot decide.
#[no_mangle]
pub unsafe extern "C" fn et_proof_verify(
    proof: *const et_proof,
    commitment: *const u8,
    item_hashes: *const u8,
    item_count: usize,
) -> et_result {
    ffi_boundary(|| {
        let p = borrow_handle(proof, "proof")?;
        let digest = unsafe { b256_in(commitment, "commitment")? };
        let hashes = unsafe { words_in(item_hashes, item_count, "item_hashes")? };
        p.proof.verify_hashes(&ExpectedCommitment::Digest(digest), &hashes)?;
        Ok(())
    })
}

/// `et_proof_decode` then `et_proof_verify`, without a handle: a binary proof, the item hashes
/// in proof order and the trusted 32-byte commitment digest.
///
/// - `proof`/`proof_len`: borrowed. Other arguments as for `et_proof_verify`.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK` (valid); 401–409; 900; 904; 902. `et_verdict_of(rc)`: OK is
///   included, 401–404 and 407 not included, every other code cannot decide.
#[no_mangle]
pub unsafe extern "C" fn et_inclusion_verify(
    proof: *const u8,
    proof_len: usize,
    commitment: *const u8,
    item_hashes: *const u8,
    item_count: usize,
) -> et_result {
    ffi_boundary(|| {
        let bytes = unsafe { bytes_in(proof, proof_len, "proof")? };
        let digest = unsafe { b256_in(commitment, "commitment")? };
        let hashes = unsafe { words_in(item_hashes, item_count, "item_hashes")? };
        InclusionProof::decode(bytes)?.verify_hashes(&ExpectedCommitment::Digest(digest), &hashes)?;
        Ok(())
    })
}

/// Verifies the proof against a commitment and items given as JSON.
///
/// - `proof`: required live handle.
/// - `commitment_json`/`commitment_json_len`: the trusted commitment, a digest string (`"0x…"`) or
///   the record object (which tells a wrong leaf count, 402, from another commitment, 404).
/// - `items_json`/`items_json_len`: a JSON array, one item per proven leaf in ascending leaf
///   order: an entry or lookup-call object (bare or tagged `{"entry": …}` / `{"lookupCall": …}`),
///   a tagged hash (`{"entryHash"}`, `{"lookupCallHash"}`, `{"itemHash"}`) or a bare hash string.
///   An entry must sit at an entry leaf and a lookup call at a lookup-call leaf (else 401).
/// - `verified_json`: required; on success receives `{"valid": true, "commitment", "leaves":
///   [{"entry": "0x3"} | {"lookupCall": "0x0"}]}` (caller frees it).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 401–409; 201–204; 900; 901; 903; 902. `et_verdict_of(rc)`: OK is
///   included, 401–404 and 407 not included, every other code (malformed proof, commitment or
///   items JSON; misuse) cannot decide.
#[no_mangle]
pub unsafe extern "C" fn et_proof_verify_json(
    proof: *const et_proof,
    commitment_json: *const u8,
    commitment_json_len: usize,
    items_json: *const u8,
    items_json_len: usize,
    verified_json: *mut et_bytes,
) -> et_result {
    ffi_boundary(|| {
        let p = borrow_handle(proof, "proof")?;
        let commitment = unsafe { json_in(commitment_json, commitment_json_len, "commitment_json")? };
        let items = unsafe { json_in(items_json, items_json_len, "items_json")? };
        let out = out_ptr(verified_json, "verified_json")?;
        let expected = ExpectedCommitment::from_json_at(&commitment, &Path::Root("commitment"))?;
        let list = items.as_array().ok_or_else(|| {
            FfiError::from(exectable::Error::JsonShape { path: "items".into(), message: "expected an array".into() })
        })?;
        let items: Vec<ProofItem> = list.iter().map(ProofItem::from_any_json).collect::<Result<_, _>>()?;
        let verified = p.proof.verify(&expected, &items)?;
        unsafe { write_out(out, et_bytes::from_json(&verified.to_json())) };
        Ok(())
    })
}
