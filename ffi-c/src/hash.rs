//! Digests: cross-chain call hashes, L1 entry handles with their entry hash, lookup-call hashes,
//! the tagged rolling-hash builder, the static lookup fold, and CREATE2 proxy addresses.

use crate::boundary::{address_in, b256_in, bytes_in, ffi_boundary, json_in, out_ptr, u256_in, write_array, write_out};
use crate::bytes::{et_bytes, write_bytes};
use crate::error::{et_result, FfiError};
use crate::handles::{borrow_handle, free_handle, write_handle, Handle, Kind};
use alloy_primitives::{Address, U256};
use exectable::hash::call::{cross_chain_call_hash, cross_chain_call_preimage};
use exectable::hash::proxy::{proxy_address, REFERENCE_PROXY_CREATION_CODE};
use exectable::hash::rolling::{StaticLookupHash, TaggedRollingHash};
use exectable::types::l1;
use exectable::{AbiStruct, CanonicalJson};
use std::sync::{Mutex, PoisonError};

// SAFETY (all `unsafe` blocks of this file): pointer arguments satisfy the contract stated in each
// function's documentation; required pointers are checked for NULL before use.

/// An L1 `ExecutionEntry`. Immutable: safe to use from several threads at once (Send + Sync).
/// Create with `et_entry_from_json` / `et_entry_decode` / `et_batch_entry`; free with `et_entry_free`.
#[allow(non_camel_case_types)]
pub struct et_entry {
    pub(crate) entry: l1::ExecutionEntry,
}

impl Handle for et_entry {
    const KIND: Kind = Kind::Entry;
}

/// The tagged rolling-hash accumulator of one execution context, as a builder. Mutable, with an
/// internal lock: calls on one handle from several threads are serialised (never a data race), but
/// their order is then up to the scheduler — drive one builder from one thread.
/// Create with `et_rolling_hash_new` / `et_rolling_hash_resume`; free with `et_rolling_hash_free`.
#[allow(non_camel_case_types)]
pub struct et_rolling_hash {
    state: Mutex<TaggedRollingHash>,
}

impl Handle for et_rolling_hash {
    const KIND: Kind = Kind::RollingHash;
}

/// The cross-chain call hash, `keccak256(abi.encode(targetRollupId, targetAddress, value, data,
/// sourceAddress, sourceRollupId))` — six separate arguments, not a struct (spec §4.1).
///
/// - `target_rollup_id`, `value`, `source_rollup_id`: required, 32 bytes each, uint256 big-endian.
/// - `target_address`, `source_address`: required, 20 bytes each.
/// - `data`/`data_len`: the calldata, borrowed; NULL only when `data_len` is 0.
/// - `out`: required, 32 bytes, caller-owned.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_cross_chain_call_hash(
    target_rollup_id: *const u8,
    target_address: *const u8,
    value: *const u8,
    data: *const u8,
    data_len: usize,
    source_address: *const u8,
    source_rollup_id: *const u8,
    out: *mut u8,
) -> et_result {
    ffi_boundary(|| {
        let (target_rollup_id, target_address, value, data, source_address, source_rollup_id) = unsafe {
            call_hash_args(target_rollup_id, target_address, value, data, data_len, source_address, source_rollup_id)?
        };
        let out = out_ptr(out, "out")?;
        let hash =
            cross_chain_call_hash(target_rollup_id, target_address, value, data, source_address, source_rollup_id);
        unsafe { write_array(out, &hash.0) };
        Ok(())
    })
}

/// The preimage `et_cross_chain_call_hash` hashes: `abi.encode` of the six arguments
/// (`224 + 32·⌈data_len/32⌉` bytes).
///
/// - Arguments as for `et_cross_chain_call_hash`; `preimage_out`: required; on success receives
///   the bytes (caller frees with `et_bytes_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_cross_chain_call_preimage(
    target_rollup_id: *const u8,
    target_address: *const u8,
    value: *const u8,
    data: *const u8,
    data_len: usize,
    source_address: *const u8,
    source_rollup_id: *const u8,
    preimage_out: *mut et_bytes,
) -> et_result {
    ffi_boundary(|| {
        let (target_rollup_id, target_address, value, data, source_address, source_rollup_id) = unsafe {
            call_hash_args(target_rollup_id, target_address, value, data, data_len, source_address, source_rollup_id)?
        };
        let out = out_ptr(preimage_out, "preimage_out")?;
        let preimage =
            cross_chain_call_preimage(target_rollup_id, target_address, value, data, source_address, source_rollup_id);
        unsafe { write_bytes(out, preimage) };
        Ok(())
    })
}

/// Parses L1 `ExecutionEntry` JSON into a new entry handle.
///
/// - `json`/`json_len`: UTF-8 JSON, borrowed; NULL only when `json_len` is 0.
/// - `entry_out`: required; on success receives a new handle the caller owns (`et_entry_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 201–204; 900; 903; 902.
#[no_mangle]
pub unsafe extern "C" fn et_entry_from_json(
    json: *const u8,
    json_len: usize,
    entry_out: *mut *mut et_entry,
) -> et_result {
    ffi_boundary(|| {
        let json = unsafe { json_in(json, json_len, "json")? };
        let out = out_ptr(entry_out, "entry_out")?;
        let entry = l1::ExecutionEntry::from_json(&json)?;
        unsafe { write_handle(out, et_entry { entry }) };
        Ok(())
    })
}

/// Strictly decodes `abi.encode(entry)` of an L1 `ExecutionEntry` into a new entry handle.
///
/// - `abi`/`abi_len`: borrowed; NULL only when `abi_len` is 0.
/// - `entry_out`: required; on success receives a new handle the caller owns (`et_entry_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 101–106, 110; 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_entry_decode(abi: *const u8, abi_len: usize, entry_out: *mut *mut et_entry) -> et_result {
    ffi_boundary(|| {
        let abi = unsafe { bytes_in(abi, abi_len, "abi")? };
        let out = out_ptr(entry_out, "entry_out")?;
        let entry = l1::ExecutionEntry::abi_decode_struct(abi)?;
        unsafe { write_handle(out, et_entry { entry }) };
        Ok(())
    })
}

/// The entry hash `keccak256(abi.encode(entry))` (spec §4.4) into `out[32]`.
///
/// - `entry`: required live handle (borrowed). `out`: required, 32 bytes.
/// - Thread safety: any thread, concurrently (the handle is immutable).
/// - Returns: `ET_RESULT_OK`; 900; 901 (not a live `et_entry`); 902.
#[no_mangle]
pub unsafe extern "C" fn et_entry_hash(entry: *const et_entry, out: *mut u8) -> et_result {
    ffi_boundary(|| {
        let entry = borrow_handle(entry, "entry")?;
        let out = out_ptr(out, "out")?;
        unsafe { write_array(out, &entry.entry.hash().0) };
        Ok(())
    })
}

/// `abi.encode(entry)`.
///
/// - `entry`: required live handle. `abi_out`: required; on success receives the bytes (caller
///   frees with `et_bytes_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_entry_encode(entry: *const et_entry, abi_out: *mut et_bytes) -> et_result {
    ffi_boundary(|| {
        let entry = borrow_handle(entry, "entry")?;
        let out = out_ptr(abi_out, "abi_out")?;
        unsafe { write_bytes(out, entry.entry.abi_encode_struct()) };
        Ok(())
    })
}

/// The entry's canonical JSON.
///
/// - `entry`: required live handle. `json_out`: required; on success receives the JSON (caller
///   frees with `et_bytes_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_entry_to_json(entry: *const et_entry, json_out: *mut et_bytes) -> et_result {
    ffi_boundary(|| {
        let entry = borrow_handle(entry, "entry")?;
        let out = out_ptr(json_out, "json_out")?;
        unsafe { write_out(out, et_bytes::from_json(&entry.entry.to_json())) };
        Ok(())
    })
}

/// Frees an entry handle.
///
/// - `entry`: NULL (nothing happens) or a live `et_entry`. A handle already freed, of another kind
///   or never returned by the library is refused with 901 and nothing is freed (caught until the
///   allocator reuses the address; see the README).
/// - Thread safety: any thread; calls already running with the handle on other threads finish safely.
/// - Returns: `ET_RESULT_OK`; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_entry_free(entry: *mut et_entry) -> et_result {
    ffi_boundary(|| free_handle(entry, "entry"))
}

/// The lookup-call hash `keccak256(abi.encode(lookupCall))` of an L1 `LookupCall` given as JSON.
///
/// - `json`/`json_len`: UTF-8 JSON, borrowed; NULL only when `json_len` is 0.
/// - `out`: required, 32 bytes.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 201–204; 900; 903; 902.
#[no_mangle]
pub unsafe extern "C" fn et_lookup_call_hash_json(json: *const u8, json_len: usize, out: *mut u8) -> et_result {
    ffi_boundary(|| {
        let json = unsafe { json_in(json, json_len, "json")? };
        let out = out_ptr(out, "out")?;
        let hash = l1::LookupCall::from_json(&json)?.hash();
        unsafe { write_array(out, &hash.0) };
        Ok(())
    })
}

/// The lookup-call hash of an L1 `LookupCall` given as `abi.encode(lookupCall)` (strictly decoded
/// first, so non-canonical bytes are refused rather than hashed).
///
/// - `abi`/`abi_len`: borrowed; NULL only when `abi_len` is 0. `out`: required, 32 bytes.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 101–106, 110; 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_lookup_call_hash_abi(abi: *const u8, abi_len: usize, out: *mut u8) -> et_result {
    ffi_boundary(|| {
        let abi = unsafe { bytes_in(abi, abi_len, "abi")? };
        let out = out_ptr(out, "out")?;
        let hash = l1::LookupCall::abi_decode_struct(abi)?.hash();
        unsafe { write_array(out, &hash.0) };
        Ok(())
    })
}

/// A new tagged rolling-hash builder at `0x00…00` (the start of every entry and reverted lookup).
///
/// - `hash_out`: required; on success receives a new handle the caller owns (`et_rolling_hash_free`).
/// - Thread safety: any thread.
/// - Returns: `ET_RESULT_OK`; 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_rolling_hash_new(hash_out: *mut *mut et_rolling_hash) -> et_result {
    ffi_boundary(|| {
        let out = out_ptr(hash_out, "hash_out")?;
        unsafe { write_handle(out, et_rolling_hash { state: Mutex::new(TaggedRollingHash::new()) }) };
        Ok(())
    })
}

/// A new tagged rolling-hash builder resumed from `value[32]`.
///
/// - `value`: required, 32 bytes. `hash_out`: required; receives a new handle (`et_rolling_hash_free`).
/// - Thread safety: any thread.
/// - Returns: `ET_RESULT_OK`; 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_rolling_hash_resume(value: *const u8, hash_out: *mut *mut et_rolling_hash) -> et_result {
    ffi_boundary(|| {
        let value = unsafe { b256_in(value, "value")? };
        let out = out_ptr(hash_out, "hash_out")?;
        unsafe { write_handle(out, et_rolling_hash { state: Mutex::new(TaggedRollingHash::from_value(value)) }) };
        Ok(())
    })
}

fn with_state(
    hash: *const et_rolling_hash,
    step: impl FnOnce(&mut TaggedRollingHash),
) -> Result<(), crate::error::FfiError> {
    let handle = borrow_handle(hash, "hash")?;
    let mut state = handle.state.lock().unwrap_or_else(PoisonError::into_inner);
    step(&mut state);
    Ok(())
}

/// `CALL_BEGIN`: `h = keccak256(h ‖ 0x01 ‖ u256(callNumber))`.
///
/// - `hash`: required live handle (updated in place). `call_number`: required, 32 bytes, uint256
///   big-endian.
/// - Thread safety: serialised per handle (see `et_rolling_hash`).
/// - Returns: `ET_RESULT_OK`; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_rolling_hash_call_begin(hash: *const et_rolling_hash, call_number: *const u8) -> et_result {
    ffi_boundary(|| {
        let number = unsafe { u256_in(call_number, "call_number")? };
        with_state(hash, |h| {
            h.call_begin(number);
        })
    })
}

/// `CALL_END`: `h = keccak256(h ‖ 0x02 ‖ u256(callNumber) ‖ successByte ‖ retData)`, where
/// `callNumber` is the cursor *after* the call returned (after any nested frames), as the
/// compiled contract does.
///
/// - `hash`: required live handle. `call_number`: required, 32 bytes. `ret_data`/`ret_data_len`:
///   borrowed; NULL only when `ret_data_len` is 0.
/// - Thread safety: serialised per handle.
/// - Returns: `ET_RESULT_OK`; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_rolling_hash_call_end(
    hash: *const et_rolling_hash,
    call_number: *const u8,
    success: bool,
    ret_data: *const u8,
    ret_data_len: usize,
) -> et_result {
    ffi_boundary(|| {
        let number = unsafe { u256_in(call_number, "call_number")? };
        let ret_data = unsafe { bytes_in(ret_data, ret_data_len, "ret_data")? };
        with_state(hash, |h| {
            h.call_end(number, success, ret_data);
        })
    })
}

/// `NESTED_BEGIN`: `h = keccak256(h ‖ 0x03 ‖ u256(nestedNumber))`.
///
/// - `hash`: required live handle. `nested_number`: required, 32 bytes.
/// - Thread safety: serialised per handle.
/// - Returns: `ET_RESULT_OK`; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_rolling_hash_nested_begin(
    hash: *const et_rolling_hash,
    nested_number: *const u8,
) -> et_result {
    ffi_boundary(|| {
        let number = unsafe { u256_in(nested_number, "nested_number")? };
        with_state(hash, |h| {
            h.nested_begin(number);
        })
    })
}

/// `NESTED_END`: `h = keccak256(h ‖ 0x04 ‖ u256(nestedNumber))`.
///
/// - `hash`: required live handle. `nested_number`: required, 32 bytes.
/// - Thread safety: serialised per handle.
/// - Returns: `ET_RESULT_OK`; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_rolling_hash_nested_end(
    hash: *const et_rolling_hash,
    nested_number: *const u8,
) -> et_result {
    ffi_boundary(|| {
        let number = unsafe { u256_in(nested_number, "nested_number")? };
        with_state(hash, |h| {
            h.nested_end(number);
        })
    })
}

/// The builder's current value into `out[32]`.
///
/// - `hash`: required live handle. `out`: required, 32 bytes.
/// - Thread safety: serialised per handle.
/// - Returns: `ET_RESULT_OK`; 900; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_rolling_hash_value(hash: *const et_rolling_hash, out: *mut u8) -> et_result {
    ffi_boundary(|| {
        let out = out_ptr(out, "out")?;
        let mut value = [0u8; 32];
        with_state(hash, |h| value = h.value().0)?;
        unsafe { write_array(out, &value) };
        Ok(())
    })
}

/// Frees a rolling-hash builder.
///
/// - `hash`: NULL (nothing happens) or a live `et_rolling_hash`; otherwise 901 and nothing is freed.
/// - Thread safety: any thread.
/// - Returns: `ET_RESULT_OK`; 901; 902.
#[no_mangle]
pub unsafe extern "C" fn et_rolling_hash_free(hash: *mut et_rolling_hash) -> et_result {
    ffi_boundary(|| free_handle(hash, "hash"))
}

/// One fold of the untagged static-lookup accumulator: `out = keccak256(acc ‖ successByte ‖
/// retData)` (spec §4.3; start from 32 zero bytes; an empty sub-call list leaves it at zero).
///
/// - `acc`: required, 32 bytes; `out`: required, 32 bytes, may be the same buffer as `acc`.
/// - `ret_data`/`ret_data_len`: borrowed; NULL only when `ret_data_len` is 0.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_static_lookup_hash_fold(
    acc: *const u8,
    success: bool,
    ret_data: *const u8,
    ret_data_len: usize,
    out: *mut u8,
) -> et_result {
    ffi_boundary(|| {
        let acc = unsafe { b256_in(acc, "acc")? };
        let ret_data = unsafe { bytes_in(ret_data, ret_data_len, "ret_data")? };
        let out = out_ptr(out, "out")?;
        let value = StaticLookupHash::from_value(acc).fold(success, ret_data);
        unsafe { write_array(out, &value.0) };
        Ok(())
    })
}

/// The CREATE2 address at which `manager` deploys the `CrossChainProxy` of
/// `(original_address, original_rollup_id)` (spec §4.7):
/// `salt = keccak256(abi.encodePacked(originalRollupId, originalAddress))`,
/// `initCodeHash = keccak256(creationCode ‖ abi.encode(manager, originalAddress, originalRollupId))`,
/// `address = keccak256(0xff ‖ manager ‖ salt ‖ initCodeHash)[12..]`.
///
/// - `manager`, `original_address`: required, 20 bytes. `original_rollup_id`: required, 32 bytes.
/// - `creation_code`/`creation_code_len`: the deployed build's proxy creation code (build-specific;
///   `et_reference_proxy_creation_code` gives the reference build's), borrowed; NULL only when the
///   length is 0.
/// - `address_out` (20 bytes), `salt_out` (32), `init_code_hash_out` (32): required, caller-owned.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_proxy_address(
    manager: *const u8,
    original_address: *const u8,
    original_rollup_id: *const u8,
    creation_code: *const u8,
    creation_code_len: usize,
    address_out: *mut u8,
    salt_out: *mut u8,
    init_code_hash_out: *mut u8,
) -> et_result {
    ffi_boundary(|| {
        let manager = unsafe { address_in(manager, "manager")? };
        let original = unsafe { address_in(original_address, "original_address")? };
        let rollup = unsafe { u256_in(original_rollup_id, "original_rollup_id")? };
        let code = unsafe { bytes_in(creation_code, creation_code_len, "creation_code")? };
        let (address_out, salt_out, init_out) = (
            out_ptr(address_out, "address_out")?,
            out_ptr(salt_out, "salt_out")?,
            out_ptr(init_code_hash_out, "init_code_hash_out")?,
        );
        let p = proxy_address(manager, original, rollup, code);
        unsafe {
            write_array(address_out, &p.address.0 .0);
            write_array(salt_out, &p.salt.0);
            write_array(init_out, &p.init_code_hash.0);
        }
        Ok(())
    })
}

/// The `CrossChainProxy` creation code of the reference build the golden vectors were made with
/// (solc 0.8.34, viaIR, 200 runs, osaka, contract commit 5c51e02; 1111 bytes). Another build of
/// the contracts gives other proxy addresses: pass the deployed build's code to `et_proxy_address`.
///
/// - `code_out`: required; receives a copy (caller frees with `et_bytes_free`).
/// - Thread safety: any thread.
/// - Returns: `ET_RESULT_OK`; 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_reference_proxy_creation_code(code_out: *mut et_bytes) -> et_result {
    ffi_boundary(|| {
        let out = out_ptr(code_out, "code_out")?;
        unsafe { write_bytes(out, REFERENCE_PROXY_CREATION_CODE.to_vec()) };
        Ok(())
    })
}

/// The six arguments of the cross-chain call hash, read and checked once for both entry points.
///
/// # Safety
/// Each pointer is NULL or valid for its documented length (32, 20, or `data_len` bytes).
#[allow(clippy::type_complexity)]
unsafe fn call_hash_args<'a>(
    target_rollup_id: *const u8,
    target_address: *const u8,
    value: *const u8,
    data: *const u8,
    data_len: usize,
    source_address: *const u8,
    source_rollup_id: *const u8,
) -> Result<(U256, Address, U256, &'a [u8], Address, U256), FfiError> {
    Ok((
        unsafe { u256_in(target_rollup_id, "target_rollup_id")? },
        unsafe { address_in(target_address, "target_address")? },
        unsafe { u256_in(value, "value")? },
        unsafe { bytes_in(data, data_len, "data")? },
        unsafe { address_in(source_address, "source_address")? },
        unsafe { u256_in(source_rollup_id, "source_rollup_id")? },
    ))
}
