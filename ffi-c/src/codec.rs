//! Protocol structs by name (ABI bytes ↔ canonical JSON), manager calldata ↔ JSON, keccak-256,
//! and the library's version and self-checks.

use crate::boundary::{bytes_in, c_str_in, ffi_boundary, json_in, out_ptr, write_array, write_out};
use crate::bytes::{et_bytes, write_bytes};
use crate::error::{et_result, FfiError};
use exectable::abi::mode::DecodeMode;
use exectable::types::StructKind;
use exectable::{CanonicalJson, ManagerCall};
use serde_json::Value;
use std::ffi::c_char;

fn struct_kind(name: &str) -> Result<StructKind, FfiError> {
    StructKind::from_name(name).ok_or_else(|| {
        let names: Vec<_> = StructKind::ALL.iter().map(|k| k.name()).collect();
        FfiError::invalid("struct_name", format!("unknown struct {name:?}; one of: {}", names.join(", ")))
    })
}

/// Strictly decodes `abi.encode(value)` of the protocol struct `struct_name` into canonical JSON.
///
/// - `struct_name`: required NUL-terminated name (`"l1.ExecutionEntry"`, `"l2.LookupCall"`, …;
///   case-insensitive, the `l1.`/`l2.` prefix may be dropped where the name is unique; the list
///   is `et_struct_names`).
/// - `abi`/`abi_len`: borrowed for the call; NULL only when `abi_len` is 0.
/// - `json_out`: required; on success receives the canonical JSON (caller frees with `et_bytes_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 101–106, 110 (non-canonical or truncated ABI); 301 (unknown name);
///   900 (NULL); 903 (name not UTF-8); 902.
#[no_mangle]
pub unsafe extern "C" fn et_struct_decode(
    struct_name: *const c_char,
    abi: *const u8,
    abi_len: usize,
    json_out: *mut et_bytes,
) -> et_result {
    ffi_boundary(|| {
        // SAFETY (all `unsafe` blocks of this file): pointer arguments satisfy the contract stated
        // in each function's documentation; they are checked for NULL before use.
        let name = unsafe { c_str_in(struct_name, "struct_name")? };
        let abi = unsafe { bytes_in(abi, abi_len, "abi")? };
        let out = out_ptr(json_out, "json_out")?;
        let json = struct_kind(name)?.decode_to_json(abi)?;
        unsafe { write_out(out, et_bytes::from_json(&json)) };
        Ok(())
    })
}

/// Parses canonical JSON of the protocol struct `struct_name` and returns `abi.encode(value)`.
///
/// - `struct_name`: as for `et_struct_decode`.
/// - `json`/`json_len`: UTF-8 JSON text, borrowed for the call; NULL only when `json_len` is 0.
///   Input accepts the canonical form and the relaxations of the JSON convention (decimal
///   numbers, upper-case hex, EIP-55 addresses); unknown or missing fields are errors.
/// - `abi_out`: required; on success receives the encoding (caller frees with `et_bytes_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 201–204 (JSON); 301; 900; 903; 902.
#[no_mangle]
pub unsafe extern "C" fn et_struct_encode(
    struct_name: *const c_char,
    json: *const u8,
    json_len: usize,
    abi_out: *mut et_bytes,
) -> et_result {
    ffi_boundary(|| {
        let name = unsafe { c_str_in(struct_name, "struct_name")? };
        let json = unsafe { json_in(json, json_len, "json")? };
        let out = out_ptr(abi_out, "abi_out")?;
        let bytes = struct_kind(name)?.encode_from_json(&json)?;
        unsafe { write_bytes(out, bytes) };
        Ok(())
    })
}

/// The names `et_struct_decode` / `et_struct_encode` accept, as a JSON array of strings.
///
/// - `names_out`: required; receives the JSON (caller frees with `et_bytes_free`).
/// - Thread safety: any thread.
/// - Returns: `ET_RESULT_OK`; 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_struct_names(names_out: *mut et_bytes) -> et_result {
    ffi_boundary(|| {
        let out = out_ptr(names_out, "names_out")?;
        let names: Vec<Value> = StructKind::ALL.iter().map(|k| Value::String(k.name().into())).collect();
        unsafe { write_out(out, et_bytes::from_json(&Value::Array(names))) };
        Ok(())
    })
}

/// The body of `et_calldata_decode` and `et_calldata_decode_strict`: core's call JSON with the
/// input's `layout`, decoded in `mode`.
unsafe fn decode_call_out(
    calldata: *const u8,
    calldata_len: usize,
    json_out: *mut et_bytes,
    mode: DecodeMode,
) -> et_result {
    ffi_boundary(|| {
        let calldata = unsafe { bytes_in(calldata, calldata_len, "calldata")? };
        let out = out_ptr(json_out, "json_out")?;
        let json = ManagerCall::decode_with(calldata, mode)?.to_json();
        unsafe { write_out(out, et_bytes::from_json(&json)) };
        Ok(())
    })
}

/// Decodes manager calldata the chain accepted (any L1 or L2 manager function that carries
/// protocol data, chosen by its selector) exactly as the compiled contract's ABI decoder reads
/// it, into `{"function", "selector", "args", "layout"}` JSON.
///
/// Accepted: everything the contract's decoder accepts — the canonical encoding, and also offsets
/// that point elsewhere (moved, shared, backwards), dirty padding, trailing bytes, a short final
/// padding (docs/CODEC.md, "EVM decoding"). `args` are the values the contract read; `layout` is
/// `{"canonical": true}` or `{"canonical": false, "deviation": {"path", "offset", "kind",
/// "message"}}` with the first place the input departs from `abi.encode` (`kind` one of `offset`,
/// `length`, `word`, `dirtyPadding`, `shortInput`, `trailingBytes`; `offset` as `0x`-hex). The JSON
/// goes back through `et_calldata_encode` (which ignores `layout`) to the canonical calldata.
/// For canonical-only decoding (producers, validators) use `et_calldata_decode_strict`.
///
/// - `calldata`/`calldata_len`: borrowed; NULL only when `calldata_len` is 0.
/// - `json_out`: required; on success receives the JSON (caller frees with `et_bytes_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 101–103, 105 (what the contract's decoder refuses: the path and
///   offset of the word at fault are in the message); 108 (unknown selector); 302 (above the size
///   bounds); 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_calldata_decode(
    calldata: *const u8,
    calldata_len: usize,
    json_out: *mut et_bytes,
) -> et_result {
    unsafe { decode_call_out(calldata, calldata_len, json_out, DecodeMode::Evm) }
}

/// Strictly decodes manager calldata (chosen by its selector): only the canonical encoding
/// `abi.encode` produces is accepted, every deviation is refused with its field path and byte
/// offset. For producers and validators; calldata the chain accepted is read by
/// `et_calldata_decode`. The JSON is that of `et_calldata_decode`, with `layout` always
/// `{"canonical": true}`.
///
/// - `calldata`/`calldata_len`: borrowed; NULL only when `calldata_len` is 0.
/// - `json_out`: required; on success receives the JSON (caller frees with `et_bytes_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 101–108, 110; 302; 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_calldata_decode_strict(
    calldata: *const u8,
    calldata_len: usize,
    json_out: *mut et_bytes,
) -> et_result {
    unsafe { decode_call_out(calldata, calldata_len, json_out, DecodeMode::Strict) }
}

/// How manager calldata the contract accepts is laid out: `{"canonical": true}`, or
/// `{"canonical": false, "deviation": {"path", "offset", "kind", "message"}}` naming the first
/// place it departs from the canonical encoding (the `layout` member of `et_calldata_decode`,
/// without the call). A non-canonical layout is not an error: the contract read it.
///
/// - `calldata`/`calldata_len`: borrowed; NULL only when `calldata_len` is 0.
/// - `layout_json_out`: required; on success receives the JSON (caller frees with `et_bytes_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 101–103, 105, 108, 302 (calldata the contract's decoder refuses,
///   as for `et_calldata_decode`); 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_calldata_layout(
    calldata: *const u8,
    calldata_len: usize,
    layout_json_out: *mut et_bytes,
) -> et_result {
    ffi_boundary(|| {
        let calldata = unsafe { bytes_in(calldata, calldata_len, "calldata")? };
        let out = out_ptr(layout_json_out, "layout_json_out")?;
        let layout = ManagerCall::decode_with(calldata, DecodeMode::Evm)?.layout;
        unsafe { write_out(out, et_bytes::from_json(&layout.to_json())) };
        Ok(())
    })
}

/// Encodes `{"function": "postAndVerifyBatch", "args": {…}}` JSON (`selector` optional, checked
/// when present; a `layout` member, as `et_calldata_decode` writes it, is ignored) into the
/// canonical manager calldata: selector ‖ `abi.encode(args…)`.
///
/// - `json`/`json_len`: UTF-8 JSON, borrowed; NULL only when `json_len` is 0.
/// - `calldata_out`: required; on success receives the calldata (caller frees with `et_bytes_free`).
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 201–204; 301 (unknown function, selector mismatch); 900; 903; 902.
#[no_mangle]
pub unsafe extern "C" fn et_calldata_encode(
    json: *const u8,
    json_len: usize,
    calldata_out: *mut et_bytes,
) -> et_result {
    ffi_boundary(|| {
        let json = unsafe { json_in(json, json_len, "json")? };
        let out = out_ptr(calldata_out, "calldata_out")?;
        let call = ManagerCall::from_json(&json)?;
        unsafe { write_bytes(out, call.encode()) };
        Ok(())
    })
}

/// `keccak256(data)` into `out[32]`.
///
/// - `data`/`data_len`: borrowed; NULL only when `data_len` is 0.
/// - `out`: required, 32 bytes, caller-owned; may alias `data`.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_keccak256(data: *const u8, data_len: usize, out: *mut u8) -> et_result {
    ffi_boundary(|| {
        let data = unsafe { bytes_in(data, data_len, "data")? };
        let out = out_ptr(out, "out")?;
        let hash = alloy_primitives::keccak256(data);
        unsafe { write_array(out, &hash.0) };
        Ok(())
    })
}

/// The library's version (the same numbers as the `EXECTABLE_VERSION_*` macros of the header the
/// caller compiled against; compare them to detect a header/library mismatch).
///
/// - `major`, `minor`, `patch`: required.
/// - Thread safety: any thread.
/// - Returns: `ET_RESULT_OK`; 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_version(major: *mut u32, minor: *mut u32, patch: *mut u32) -> et_result {
    ffi_boundary(|| {
        let (major, minor, patch) = (out_ptr(major, "major")?, out_ptr(minor, "minor")?, out_ptr(patch, "patch")?);
        unsafe {
            write_out(major, crate::EXECTABLE_VERSION_MAJOR);
            write_out(minor, crate::EXECTABLE_VERSION_MINOR);
            write_out(patch, crate::EXECTABLE_VERSION_PATCH);
        }
        Ok(())
    })
}

/// The number of handles (of every kind) created and not yet freed, process-wide. Binding test
/// suites use it to check that they free what they create.
///
/// - `count`: required.
/// - Thread safety: any thread (a snapshot: other threads may create or free handles meanwhile).
/// - Returns: `ET_RESULT_OK`; 900; 902.
#[no_mangle]
pub unsafe extern "C" fn et_live_handle_count(count: *mut usize) -> et_result {
    ffi_boundary(|| {
        let count = out_ptr(count, "count")?;
        unsafe { write_out(count, crate::handles::live_count()) };
        Ok(())
    })
}

/// Panics inside the API boundary on purpose, so binding test suites can check that a panic
/// becomes `ET_RESULT_PANIC` (902) with a message instead of aborting the process. Does nothing
/// else. (The panic message is also printed to stderr by Rust's default panic hook.)
///
/// - Thread safety: any thread.
/// - Returns: always `ET_RESULT_PANIC`.
#[no_mangle]
pub extern "C" fn et_test_panic() -> et_result {
    ffi_boundary(|| panic!("et_test_panic was called"))
}

/// Runs a golden-vector file (`{"header", "cases": [{"id", "kind", "inputs", "expected"}]}`)
/// through core's conformance runner: every case of every kind.
///
/// - `json`/`json_len`: the file's UTF-8 JSON text, borrowed; NULL only when `json_len` is 0.
/// - `report_json`: required; on success receives `{"passed", "failed", "kinds": {"<kind>":
///   {"passed", "failed"}}, "failures": [{"id", "kind", "reason"}]}` (caller frees it).
/// - `passed`, `failed`: required; receive the totals.
/// - The call succeeds when the file could be run, whatever the counts: check `failed` and that
///   every kind you expect ran cases.
/// - Thread safety: any thread, concurrently.
/// - Returns: `ET_RESULT_OK`; 201, 202 (no `cases` array); 900; 903; 904 (a count above
///   UINT32_MAX); 902.
#[no_mangle]
pub unsafe extern "C" fn et_conformance_run(
    json: *const u8,
    json_len: usize,
    report_json: *mut et_bytes,
    passed: *mut u32,
    failed: *mut u32,
) -> et_result {
    ffi_boundary(|| {
        let file = unsafe { json_in(json, json_len, "json")? };
        let (out, passed_out, failed_out) =
            (out_ptr(report_json, "report_json")?, out_ptr(passed, "passed")?, out_ptr(failed, "failed")?);
        let report = exectable::conformance::run_vectors(&file, &[])?;
        let count = |n: usize| {
            u32::try_from(n)
                .map_err(|_| FfiError::new(et_result::BufferTooSmall, format!("{n} cases exceed UINT32_MAX")))
        };
        let (total_passed, total_failed) = (count(report.passed())?, count(report.failed())?);
        let kinds: serde_json::Map<String, Value> = report
            .kinds
            .iter()
            .map(|(kind, c)| (kind.clone(), serde_json::json!({"passed": c.passed, "failed": c.failed})))
            .collect();
        let failures: Vec<Value> = report
            .failures
            .iter()
            .map(|f| serde_json::json!({"id": f.id, "kind": f.kind, "reason": f.reason}))
            .collect();
        let json = serde_json::json!({
            "passed": total_passed,
            "failed": total_failed,
            "kinds": kinds,
            "failures": failures,
        });
        unsafe {
            write_out(out, et_bytes::from_json(&json));
            write_out(passed_out, total_passed);
            write_out(failed_out, total_failed);
        }
        Ok(())
    })
}
