//! The batch handle (`ProofSystemBatchPerVerificationEntries`) with its accessors, batch
//! validation, and the proof inputs (`publicInputsHash` per proof system, the proof-input document).

use crate::boundary::{bytes_in, ffi_boundary, json_in, out_ptr, words_in, write_array, write_out};
use crate::bytes::{et_bytes, write_bytes};
use crate::error::{et_result, FfiError};
use crate::handles::{borrow_handle, free_handle, write_handle, Handle, Kind};
use crate::hash::et_entry;
use alloy_primitives::B256;
use exectable::abi::calldata::{
    decode_post_and_verify_batch, decode_post_and_verify_batch_with, encode_post_and_verify_batch,
};
use exectable::abi::mode::DecodeMode;
use exectable::batch::{BatchOverview, ItemOverview};
use exectable::public_inputs::{
    BlobSource, ProofInputDocument, ProofInputRequest, ProofInputs, RollupVerificationInput,
};
use exectable::types::l1::ProofSystemBatchPerVerificationEntries;
use exectable::validate::{validate_batch, validate_l2_table, ValidationContext};
use exectable::{AbiStruct, CanonicalJson, ManagerCall};
use std::collections::BTreeSet;
use std::sync::OnceLock;

// SAFETY (all `unsafe` blocks of this file): pointer arguments satisfy the contract stated in each
// function's documentation; required pointers are checked for NULL before use.

/// `blob_hash_kind`: the hashes are `blobhash(blobIndices[i])`, exactly one per `blobIndices` entry.
pub const ET_BLOB_HASHES_RESOLVED: u32 = 0;
/// `blob_hash_kind`: the hashes are the posting transaction's `blobVersionedHashes`; the library
/// resolves `blobVersionedHashes[blobIndices[i]]` (zero when out of range, as `blobhash` does).
pub const ET_BLOB_HASHES_VERSIONED: u32 = 1;

/// An L1 batch (`ProofSystemBatchPerVerificationEntries`), as `postAndVerifyBatch` takes it.
/// Immutable (its entry and lookup-call hashes are computed once, on first use, thread-safely):
/// safe to use from several threads at once (Send + Sync).
/// Create with `et_batch_from_calldata` / `et_batch_from_calldata_strict` / `et_batch_from_json`;
/// free with `et_batch_free`.
#[allow(non_camel_case_types)]
pub struct et_batch {
    pub(crate) batch: ProofSystemBatchPerVerificationEntries,
    overview: OnceLock<BatchOverview>,
}

impl Handle for et_batch {
    const KIND: Kind = Kind::Batch;
}

impl et_batch {
    fn new(batch: ProofSystemBatchPerVerificationEntries) -> Self {
        et_batch { batch, overview: OnceLock::new() }
    }

    /// Hashes and placements of every item, computed once.
    pub(crate) fn overview(&self) -> &BatchOverview {
        self.overview.get_or_init(|| BatchOverview::of(&self.batch))
    }
}

/// Chain state for `et_validate_batch`. Every field may be left zero: unknown state skips the
/// checks that need it (and the report says so in `notes`).
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct et_validation_context {
    /// The registered rollup ids (`rollups[id].rollupContract != 0`), 32-byte big-endian each,
    /// `registered_rollup_count` of them; read only when `registered_rollups_known`.
    pub registered_rollup_ids: *const u8,
    /// Number of ids at `registered_rollup_ids`.
    pub registered_rollup_count: usize,
    /// Whether the set above is known (false: the "rollup not registered" check is skipped).
    pub registered_rollups_known: bool,
    /// Number of blobs of the posting transaction; read only when `blob_count_known`.
    pub blob_count: usize,
    /// Whether `blob_count` is known (false: blobIndices are not range-checked).
    pub blob_count_known: bool,
    /// Whether a `postAndVerifyBatch` is already running in this transaction.
    pub batch_in_flight: bool,
}

/// # Safety
/// A non-NULL `hashes` must be valid for reads of `32 * count` bytes.
pub(crate) unsafe fn blob_source(hashes: *const u8, count: usize, kind: u32) -> Result<BlobSource, FfiError> {
    let hashes = unsafe { words_in(hashes, count, "blob_hashes")? };
    match kind {
        ET_BLOB_HASHES_RESOLVED => Ok(BlobSource::Resolved(hashes)),
        ET_BLOB_HASHES_VERSIONED => Ok(BlobSource::VersionedHashes(hashes)),
        other => Err(FfiError::invalid(
            "blob_hash_kind",
            format!("{other} is neither ET_BLOB_HASHES_RESOLVED (0) nor ET_BLOB_HASHES_VERSIONED (1)"),
        )),
    }
}

fn index(i: usize, len: usize, what: &str) -> Result<usize, FfiError> {
    if i < len {
        Ok(i)
    } else {
        Err(FfiError::invalid("index", format!("{what}[{i}] does not exist (the batch has {len})")))
    }
}

/// Writes `hashes` to `(out, out_len)` and their number to `count`.
unsafe fn write_words(out: *mut u8, out_len: usize, count: *mut usize, hashes: &[B256]) -> Result<(), FfiError> {
    let count = out_ptr(count, "count")?;
    let needed = hashes.len() * 32;
    if out_len < needed {
        return Err(FfiError::new(
            et_result::BufferTooSmall,
            format!("out holds {out_len} bytes, {} hashes need {needed}", hashes.len()),
        ));
    }
    if needed > 0 {
        let out = out_ptr(out, "out")?;
        for (i, h) in hashes.iter().enumerate() {
            unsafe { write_array(out.add(32 * i), &h.0) };
        }
    }
    unsafe { write_out(count, hashes.len()) };
    Ok(())
}

/// Decodes `postAndVerifyBatch` calldata the chain accepted (selector `0x8b1a095a` ‖ the batch)
/// exactly as the compiled contract's ABI decoder reads it, into a new batch handle.
///
/// Accepted: everything the contract's decoder accepts — the canonical encoding, and also offsets
/// that point elsewhere (moved, shared, backwards), dirty padding, trailing bytes, a short final
/// padding (docs/CODEC.md, "EVM decoding"). The batch holds the values the contract read, so its
/// entry and lookup-call hashes, table commitment and proof inputs are those of the batch the
/// chain accepted; `et_batch_encode_calldata` gives its canonical calldata, which differs from a
/// non-canonical input (`et_calldata_layout` says whether and where). Lengths and the decoded size
/// are checked against the input before anything is allocated: calldata claiming more elements
/// than it holds is refused (103), whatever it claims. For canonical-only decoding (producers,
/// validators) use `et_batch_from_calldata_strict`.
///
/// - `calldata`/`calldata_len`: borrowed; NULL only when `calldata_len` is 0.
/// - `batch_out`: required; on success receives a new handle the caller owns (`et_batch_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 101–103, 105 (what the contract's decoder refuses: the path and
///   offset of the word at fault are in the message); 107 (not `postAndVerifyBatch`); 302 (above
///   the size bounds); 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_from_calldata(
    calldata: *const u8,
    calldata_len: usize,
    batch_out: *mut *mut et_batch,
) -> et_result {
    ffi_boundary(|| {
        let calldata = unsafe { bytes_in(calldata, calldata_len, "calldata")? };
        let out = out_ptr(batch_out, "batch_out")?;
        let batch = decode_post_and_verify_batch_with(calldata, DecodeMode::Evm)?.value;
        unsafe { write_handle(out, et_batch::new(batch)) };
        Ok(())
    })
}

/// Strictly decodes `postAndVerifyBatch` calldata into a new batch handle: only the canonical
/// encoding (`et_batch_encode_calldata`'s output) is accepted, every deviation is refused with its
/// field path and byte offset. For producers and validators checking what they are about to post;
/// calldata the chain accepted is read by `et_batch_from_calldata`. Lengths are checked against
/// the input before anything is allocated.
///
/// - `calldata`/`calldata_len`: borrowed; NULL only when `calldata_len` is 0.
/// - `batch_out`: required; on success receives a new handle the caller owns (`et_batch_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 101–107, 110; 302; 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_from_calldata_strict(
    calldata: *const u8,
    calldata_len: usize,
    batch_out: *mut *mut et_batch,
) -> et_result {
    ffi_boundary(|| {
        let calldata = unsafe { bytes_in(calldata, calldata_len, "calldata")? };
        let out = out_ptr(batch_out, "batch_out")?;
        let batch = decode_post_and_verify_batch(calldata)?;
        unsafe { write_handle(out, et_batch::new(batch)) };
        Ok(())
    })
}

/// Parses batch JSON (`{"entries", "l1ToL2lookupCalls", "transientExecutionEntryCount", …}`,
/// the canonical JSON of `ProofSystemBatchPerVerificationEntries`) into a new batch handle.
///
/// - `json`/`json_len`: UTF-8 JSON, borrowed; NULL only when `json_len` is 0.
/// - `batch_out`: required; on success receives a new handle the caller owns (`et_batch_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 201–204; 900; 903; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_from_json(
    json: *const u8,
    json_len: usize,
    batch_out: *mut *mut et_batch,
) -> et_result {
    ffi_boundary(|| {
        let json = unsafe { json_in(json, json_len, "json")? };
        let out = out_ptr(batch_out, "batch_out")?;
        let batch = ProofSystemBatchPerVerificationEntries::from_json(&json)?;
        unsafe { write_handle(out, et_batch::new(batch)) };
        Ok(())
    })
}

/// Frees a batch handle.
///
/// - `batch`: NULL (nothing happens) or a live `et_batch`; otherwise 901 and nothing is freed.
/// - Thread safety: any thread; calls already running with the handle on other threads finish safely.
/// - Returns: `ET_RESULT_OK`; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_free(batch: *mut et_batch) -> et_result {
    ffi_boundary(|| free_handle(batch, "batch"))
}

/// Number of `entries`, `l1ToL2lookupCalls` and `proofSystems` of the batch.
///
/// - `batch`: required live handle. `entry_count`, `lookup_call_count`, `proof_system_count`:
///   required.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_counts(
    batch: *const et_batch,
    entry_count: *mut usize,
    lookup_call_count: *mut usize,
    proof_system_count: *mut usize,
) -> et_result {
    ffi_boundary(|| {
        let b = borrow_handle(batch, "batch")?;
        let (e, l, p) = (
            out_ptr(entry_count, "entry_count")?,
            out_ptr(lookup_call_count, "lookup_call_count")?,
            out_ptr(proof_system_count, "proof_system_count")?,
        );
        unsafe {
            write_out(e, b.batch.entries.len());
            write_out(l, b.batch.l1ToL2lookupCalls.len());
            write_out(p, b.batch.proofSystems.len());
        }
        Ok(())
    })
}

/// The entry hash `keccak256(abi.encode(entries[index]))` into `out[32]`.
///
/// - `batch`: required live handle. `out`: required, 32 bytes.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 301 (index out of range); 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_entry_hash(batch: *const et_batch, index: usize, out: *mut u8) -> et_result {
    ffi_boundary(|| unsafe { item_hash(batch, index, out, |o| (&o.entries, "entries")) })
}

/// The lookup-call hash `keccak256(abi.encode(l1ToL2lookupCalls[index]))` into `out[32]`.
///
/// - `batch`: required live handle. `out`: required, 32 bytes.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 301 (index out of range); 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_lookup_call_hash(batch: *const et_batch, index: usize, out: *mut u8) -> et_result {
    ffi_boundary(|| unsafe { item_hash(batch, index, out, |o| (&o.lookup_calls, "l1ToL2lookupCalls")) })
}

/// Writes the hash of row `index` of the table `table` picks (entries or lookup calls) to `out`.
///
/// # Safety
/// `batch` is NULL or a pointer the library returned; `out` is NULL or valid for 32 bytes.
unsafe fn item_hash(
    batch: *const et_batch,
    index: usize,
    out: *mut u8,
    table: impl Fn(&BatchOverview) -> (&Vec<ItemOverview>, &'static str),
) -> Result<(), FfiError> {
    let b = borrow_handle(batch, "batch")?;
    let out = out_ptr(out, "out")?;
    let (rows, name) = table(b.overview());
    let i = self::index(index, rows.len(), name)?;
    unsafe { write_array(out, &rows[i].hash.0) };
    Ok(())
}

/// Every entry hash, in batch order, as consecutive 32-byte words into `out`.
///
/// - `batch`: required live handle.
/// - `out`/`out_len`: caller buffer of at least `32 · entry_count` bytes (`et_batch_counts`), else
///   904 and nothing is written; NULL only when no byte is needed.
/// - `count`: required; receives the number of hashes written.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 901; 904; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_entry_hashes(
    batch: *const et_batch,
    out: *mut u8,
    out_len: usize,
    count: *mut usize,
) -> et_result {
    ffi_boundary(|| {
        let b = borrow_handle(batch, "batch")?;
        unsafe { write_words(out, out_len, count, &b.overview().entry_hashes()) }
    })
}

/// Every lookup-call hash, in batch order, as consecutive 32-byte words into `out`.
///
/// - As `et_batch_entry_hashes`, with `32 · lookup_call_count` bytes.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 901; 904; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_lookup_call_hashes(
    batch: *const et_batch,
    out: *mut u8,
    out_len: usize,
    count: *mut usize,
) -> et_result {
    ffi_boundary(|| {
        let b = borrow_handle(batch, "batch")?;
        unsafe { write_words(out, out_len, count, &b.overview().lookup_call_hashes()) }
    })
}

/// The canonical JSON of `entries[index]`.
///
/// - `batch`: required live handle. `json_out`: required; on success receives the JSON (caller
///   frees with `et_bytes_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 301; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_entry_json(
    batch: *const et_batch,
    index: usize,
    json_out: *mut et_bytes,
) -> et_result {
    ffi_boundary(|| {
        let b = borrow_handle(batch, "batch")?;
        let out = out_ptr(json_out, "json_out")?;
        let i = self::index(index, b.batch.entries.len(), "entries")?;
        unsafe { write_out(out, et_bytes::from_json(&b.batch.entries[i].to_json())) };
        Ok(())
    })
}

/// The canonical JSON of `l1ToL2lookupCalls[index]`.
///
/// - As `et_batch_entry_json`.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 301; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_lookup_call_json(
    batch: *const et_batch,
    index: usize,
    json_out: *mut et_bytes,
) -> et_result {
    ffi_boundary(|| {
        let b = borrow_handle(batch, "batch")?;
        let out = out_ptr(json_out, "json_out")?;
        let i = self::index(index, b.batch.l1ToL2lookupCalls.len(), "l1ToL2lookupCalls")?;
        unsafe { write_out(out, et_bytes::from_json(&b.batch.l1ToL2lookupCalls[i].to_json())) };
        Ok(())
    })
}

/// `entries[index]` as a new, independent entry handle (a copy: it outlives the batch).
///
/// - `batch`: required live handle. `entry_out`: required; on success receives a new handle the
///   caller owns (`et_entry_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 301; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_entry(
    batch: *const et_batch,
    index: usize,
    entry_out: *mut *mut et_entry,
) -> et_result {
    ffi_boundary(|| {
        let b = borrow_handle(batch, "batch")?;
        let out = out_ptr(entry_out, "entry_out")?;
        let i = self::index(index, b.batch.entries.len(), "entries")?;
        unsafe { write_handle(out, et_entry { entry: b.batch.entries[i].clone() }) };
        Ok(())
    })
}

/// The batch's canonical JSON.
///
/// - `batch`: required live handle. `json_out`: required; receives the JSON (caller frees it).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_to_json(batch: *const et_batch, json_out: *mut et_bytes) -> et_result {
    ffi_boundary(|| {
        let b = borrow_handle(batch, "batch")?;
        let out = out_ptr(json_out, "json_out")?;
        unsafe { write_out(out, et_bytes::from_json(&b.batch.to_json())) };
        Ok(())
    })
}

/// `postAndVerifyBatch(batch)` calldata: selector `0x8b1a095a` ‖ `abi.encode(batch)`.
///
/// - `batch`: required live handle. `calldata_out`: required; receives the bytes (caller frees it).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_encode_calldata(batch: *const et_batch, calldata_out: *mut et_bytes) -> et_result {
    ffi_boundary(|| {
        let b = borrow_handle(batch, "batch")?;
        let out = out_ptr(calldata_out, "calldata_out")?;
        unsafe { write_bytes(out, encode_post_and_verify_batch(&b.batch)) };
        Ok(())
    })
}

/// `abi.encode(batch)` — the calldata without its selector, and the batch's OCP observation bytes.
///
/// - `batch`: required live handle. `abi_out`: required; receives the bytes (caller frees it).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_encode(batch: *const et_batch, abi_out: *mut et_bytes) -> et_result {
    ffi_boundary(|| {
        let b = borrow_handle(batch, "batch")?;
        let out = out_ptr(abi_out, "abi_out")?;
        unsafe { write_bytes(out, b.batch.abi_encode_struct()) };
        Ok(())
    })
}

/// Validates the batch the way `postAndVerifyBatch` does (§6.1, in contract order) plus every
/// prover obligation (well-formedness of each entry and lookup).
///
/// - `batch`: required live handle.
/// - `context`: chain state, or NULL when none is known (the checks that need it are skipped and
///   listed in the report's `notes`). Its `registered_rollup_ids` may be NULL only when
///   `registered_rollup_count` is 0 or `registered_rollups_known` is false.
/// - `report_json`: required; on success receives `{"ok", "wouldRevert", "counts",
///   "firstOnchainError", "structural", "wellFormedness", "notes"}` (caller frees it).
/// - `would_revert`: required; receives whether `postAndVerifyBatch` itself would revert.
/// - A batch with findings is a successful call: findings are in the report, not the result code.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 901; 904 (id count overflows); 902.
#[no_mangle]
pub unsafe extern "C" fn et_validate_batch(
    batch: *const et_batch,
    context: *const et_validation_context,
    report_json: *mut et_bytes,
    would_revert: *mut bool,
) -> et_result {
    ffi_boundary(|| {
        let b = borrow_handle(batch, "batch")?;
        let (out, revert_out) = (out_ptr(report_json, "report_json")?, out_ptr(would_revert, "would_revert")?);
        let ctx = if context.is_null() {
            ValidationContext::default()
        } else {
            let c = unsafe { context.read_unaligned() };
            let registered_rollups = if c.registered_rollups_known {
                let ids =
                    unsafe { words_in(c.registered_rollup_ids, c.registered_rollup_count, "registered_rollup_ids")? };
                Some(ids.iter().map(|id| alloy_primitives::U256::from_be_bytes(id.0)).collect::<BTreeSet<_>>())
            } else {
                None
            };
            ValidationContext {
                registered_rollups,
                batch_in_flight: c.batch_in_flight,
                blob_count: c.blob_count_known.then_some(c.blob_count),
            }
        };
        let report = validate_batch(&b.batch, &ctx);
        unsafe {
            write_out(out, et_bytes::from_json(&report.to_json()));
            write_out(revert_out, report.would_revert());
        }
        Ok(())
    })
}

/// Validates an L2 execution table (well-formedness only: loading checks nothing on chain, §6.4)
/// given as `loadExecutionTable` or `executeIncomingCrossChainCall` calldata.
///
/// - `calldata`/`calldata_len`: borrowed; NULL only when `calldata_len` is 0.
/// - `report_json`: required; on success receives the report JSON (as `et_validate_batch`).
/// - `ok`: required; receives whether the report has no error-severity finding.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 101–108, 110; 301 (calldata of another function); 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_validate_l2_calldata(
    calldata: *const u8,
    calldata_len: usize,
    report_json: *mut et_bytes,
    ok: *mut bool,
) -> et_result {
    ffi_boundary(|| {
        let calldata = unsafe { bytes_in(calldata, calldata_len, "calldata")? };
        let (out, ok_out) = (out_ptr(report_json, "report_json")?, out_ptr(ok, "ok")?);
        let (entries, lookups) = match ManagerCall::decode(calldata)? {
            ManagerCall::LoadExecutionTable(c) => (c.entries, c._lookupCalls),
            ManagerCall::ExecuteIncomingCrossChainCall(c) => (c.entries, c._lookupCalls),
            other => {
                return Err(FfiError::invalid(
                    "calldata",
                    format!(
                        "{} calldata carries no L2 table (loadExecutionTable or executeIncomingCrossChainCall)",
                        other.function_name()
                    ),
                ))
            }
        };
        let report = validate_l2_table(&entries, &lookups);
        unsafe {
            write_out(out, et_bytes::from_json(&report.to_json()));
            write_out(ok_out, report.is_ok());
        }
        Ok(())
    })
}

/// `publicInputsHash_k = keccak256(sharedPublicInput ‖ acc_k)` for every proof system of the
/// batch, in `proofSystems` order, as consecutive 32-byte words into `out` (spec §4.5, §4.6).
///
/// - `batch`: required live handle.
/// - `rollups_json`/`rollups_json_len`: a JSON array with what each rollup's manager returned,
///   `[{"rollupId", "manager" (optional), "timestamp", "blockHash", "vkeys": {"0x<proof system>":
///   "0x<vkey>"}}]`; borrowed; NULL only when the length is 0.
/// - `blob_hashes`/`blob_hash_count`/`blob_hash_kind`: `blob_hash_count` 32-byte hashes (NULL only
///   when the count is 0), read as `ET_BLOB_HASHES_RESOLVED` or `ET_BLOB_HASHES_VERSIONED`; a batch
///   without `blobIndices` needs none.
/// - `out`/`out_len`: caller buffer of at least `32 · proof_system_count` bytes, else 904 and
///   nothing is written. `count`: required; receives the number of hashes written.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 201–204 (rollups JSON); 301 (blob hash count, a missing vkey or
///   rollup, bad `blob_hash_kind`); 900; 901; 903; 904; 902.
#[no_mangle]
pub unsafe extern "C" fn et_batch_public_inputs_hashes(
    batch: *const et_batch,
    rollups_json: *const u8,
    rollups_json_len: usize,
    blob_hashes: *const u8,
    blob_hash_count: usize,
    blob_hash_kind: u32,
    out: *mut u8,
    out_len: usize,
    count: *mut usize,
) -> et_result {
    ffi_boundary(|| {
        let b = borrow_handle(batch, "batch")?;
        let rollups_value = unsafe { json_in(rollups_json, rollups_json_len, "rollups_json")? };
        let blobs = unsafe { blob_source(blob_hashes, blob_hash_count, blob_hash_kind)? };
        let rollups = Vec::<RollupVerificationInput>::from_json(&rollups_value)?;
        let inputs = ProofInputs::from_overview(&b.batch, b.overview(), &rollups, &blobs)?;
        unsafe { write_words(out, out_len, count, &inputs.public_inputs_hashes()) }
    })
}

/// `publicInputsHash` of every proof system from a proof-input request, as consecutive 32-byte
/// words into `out`.
///
/// - `request_json`/`request_json_len`: `{"batch", "rollups", "blobHashes" | "blobVersionedHashes"}`
///   where `batch` is the batch JSON, `postAndVerifyBatch` call JSON or the calldata as a 0x-hex
///   string (a golden-vector case of kind `publicInputsHash` is accepted as is); borrowed.
/// - `out`/`out_len`, `count`: as for `et_batch_public_inputs_hashes`.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 1xx (calldata); 201–204; 301; 900; 903; 904; 902.
#[no_mangle]
pub unsafe extern "C" fn et_public_inputs_hashes(
    request_json: *const u8,
    request_json_len: usize,
    out: *mut u8,
    out_len: usize,
    count: *mut usize,
) -> et_result {
    ffi_boundary(|| {
        let request = unsafe { json_in(request_json, request_json_len, "request_json")? };
        let request = ProofInputRequest::from_json(&request)?;
        let inputs = ProofInputs::compute(&request.batch, &request.rollups, &request.blobs)?;
        unsafe { write_words(out, out_len, count, &inputs.public_inputs_hashes()) }
    })
}

/// The proof-input document of a request (the request as for `et_public_inputs_hashes`):
/// `{"format": "exectable-proof-inputs/v1", "protocol", "batch", "rollups", "blobHashes",
/// "entryHashes", "lookupCallHashes", "callDataHash", "sharedPublicInput", "accumulators",
/// "publicInputsHashes": [{"index", "proofSystem", "publicInputsHash"}]}`.
///
/// - `request_json`/`request_json_len`: borrowed. `document_json`: required; on success receives
///   the document (caller frees it).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 1xx; 201–204; 301; 900; 903; 902.
#[no_mangle]
pub unsafe extern "C" fn et_proof_inputs_document(
    request_json: *const u8,
    request_json_len: usize,
    document_json: *mut et_bytes,
) -> et_result {
    ffi_boundary(|| {
        let request = unsafe { json_in(request_json, request_json_len, "request_json")? };
        let out = out_ptr(document_json, "document_json")?;
        let document = ProofInputRequest::from_json(&request)?.build()?;
        unsafe { write_out(out, et_bytes::from_json(&document.to_json())) };
        Ok(())
    })
}

/// Recomputes every derived value of a stored proof-input document from its batch, rollups and
/// blob data.
///
/// - `document_json`/`document_json_len`: borrowed.
/// - `report_json`: required; on success receives `{"ok", "mismatches": [{"path", "stored",
///   "recomputed"}], "proofs"}` (caller frees it). `ok`: required; receives whether nothing differs.
/// - Mismatches are a successful call (they are in the report); a document that cannot be read is not.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 1xx; 201–204; 301; 900; 903; 902.
#[no_mangle]
pub unsafe extern "C" fn et_proof_inputs_verify(
    document_json: *const u8,
    document_json_len: usize,
    report_json: *mut et_bytes,
    ok: *mut bool,
) -> et_result {
    ffi_boundary(|| {
        let document = unsafe { json_in(document_json, document_json_len, "document_json")? };
        let (out, ok_out) = (out_ptr(report_json, "report_json")?, out_ptr(ok, "ok")?);
        let report = ProofInputDocument::verify(&document)?;
        unsafe {
            write_out(out, et_bytes::from_json(&report.to_json()));
            write_out(ok_out, report.is_ok());
        }
        Ok(())
    })
}
