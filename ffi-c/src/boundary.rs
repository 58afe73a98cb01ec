//! The panic boundary every `extern "C"` body runs in, and the argument checks: NULL pointers,
//! `(ptr, len)` slices, UTF-8, JSON and fixed-size arrays in; fixed-size arrays, `et_bytes` and
//! handles out (written only on success).

use crate::error::{clear_last_error, et_result, set_last_error, FfiError};
use alloy_primitives::{Address, B256, U256};
use exectable::json::parse_json;
use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `body` inside the one panic boundary of the C API: `Ok` clears the calling thread's last
/// error and returns `ET_RESULT_OK`; `Err` records its message and returns its code; a panic is
/// caught (never unwinds into C, never aborts), recorded, and returns `ET_RESULT_PANIC`.
pub fn ffi_boundary<F: FnOnce() -> Result<(), FfiError>>(body: F) -> et_result {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => {
            clear_last_error();
            et_result::Ok
        }
        Ok(Err(error)) => set_last_error(error),
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a non-string payload".to_owned());
            // Dropping a panic payload can itself panic; keep it from unwinding out of here.
            let _ = catch_unwind(AssertUnwindSafe(move || drop(payload)));
            set_last_error(FfiError::new(et_result::Panic, format!("exectable panicked (a bug): {what}")))
        }
    }
}

/// A required out-pointer: non-NULL or [`et_result::NullArgument`].
pub fn out_ptr<T>(ptr: *mut T, name: &str) -> Result<*mut T, FfiError> {
    if ptr.is_null() {
        Err(FfiError::null(name))
    } else {
        Ok(ptr)
    }
}

/// A borrowed `(ptr, len)` byte run; NULL is allowed only with `len == 0`.
///
/// # Safety
/// A non-NULL `ptr` must be valid for reads of `len` bytes for the lifetime `'a`.
pub unsafe fn bytes_in<'a>(ptr: *const u8, len: usize, name: &str) -> Result<&'a [u8], FfiError> {
    if ptr.is_null() {
        return if len == 0 { Ok(&[]) } else { Err(FfiError::null(name)) };
    }
    if len > isize::MAX as usize {
        return Err(FfiError::new(et_result::BufferTooSmall, format!("{name}: length {len} exceeds isize::MAX")));
    }
    // SAFETY: non-NULL, `len` bytes readable (caller contract), len <= isize::MAX.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// `count` consecutive 32-byte words at `ptr` (NULL allowed only with `count == 0`).
///
/// # Safety
/// A non-NULL `ptr` must be valid for reads of `32 * count` bytes.
pub unsafe fn words_in(ptr: *const u8, count: usize, name: &str) -> Result<Vec<B256>, FfiError> {
    let len = count
        .checked_mul(32)
        .ok_or_else(|| FfiError::new(et_result::BufferTooSmall, format!("{name}: {count} words overflow size_t")))?;
    // SAFETY: forwarded caller contract.
    let bytes = unsafe { bytes_in(ptr, len, name)? };
    Ok(bytes.chunks_exact(32).map(B256::from_slice).collect())
}

/// UTF-8 text at `(ptr, len)`.
///
/// # Safety
/// As [`bytes_in`].
pub unsafe fn text_in<'a>(ptr: *const u8, len: usize, name: &str) -> Result<&'a str, FfiError> {
    // SAFETY: forwarded caller contract.
    let bytes = unsafe { bytes_in(ptr, len, name)? };
    std::str::from_utf8(bytes).map_err(|e| FfiError::new(et_result::InvalidUtf8, format!("{name}: {e}")))
}

/// JSON text at `(ptr, len)`, parsed.
///
/// # Safety
/// As [`bytes_in`].
pub unsafe fn json_in(ptr: *const u8, len: usize, name: &str) -> Result<Value, FfiError> {
    // SAFETY: forwarded caller contract.
    let text = unsafe { text_in(ptr, len, name)? };
    parse_json(text).map_err(|e| {
        let mut error = FfiError::from(e);
        if !error.message.starts_with(&format!("{name}:")) {
            error.message = format!("{name}: {}", error.message);
        }
        error
    })
}

/// Optional JSON text: `None` when `ptr` is NULL and `len` is 0.
///
/// # Safety
/// As [`bytes_in`].
pub unsafe fn optional_json_in(ptr: *const u8, len: usize, name: &str) -> Result<Option<Value>, FfiError> {
    if ptr.is_null() && len == 0 {
        return Ok(None);
    }
    // SAFETY: forwarded caller contract.
    unsafe { json_in(ptr, len, name) }.map(Some)
}

/// A NUL-terminated UTF-8 C string.
///
/// # Safety
/// A non-NULL `ptr` must point to a NUL-terminated string.
pub unsafe fn c_str_in<'a>(ptr: *const std::ffi::c_char, name: &str) -> Result<&'a str, FfiError> {
    if ptr.is_null() {
        return Err(FfiError::null(name));
    }
    // SAFETY: non-NULL and NUL-terminated (caller contract).
    let c = unsafe { std::ffi::CStr::from_ptr(ptr) };
    c.to_str().map_err(|e| FfiError::new(et_result::InvalidUtf8, format!("{name}: {e}")))
}

/// `N` bytes at `ptr` (required).
///
/// # Safety
/// A non-NULL `ptr` must be valid for reads of `N` bytes.
pub unsafe fn array_in<const N: usize>(ptr: *const u8, name: &str) -> Result<[u8; N], FfiError> {
    if ptr.is_null() {
        return Err(FfiError::null(name));
    }
    let mut out = [0u8; N];
    // SAFETY: `N` readable bytes (caller contract); `out` is a distinct local.
    unsafe { std::ptr::copy_nonoverlapping(ptr, out.as_mut_ptr(), N) };
    Ok(out)
}

/// A `uint256` as 32 big-endian bytes at `ptr`.
///
/// # Safety
/// As [`array_in`] with `N = 32`.
pub unsafe fn u256_in(ptr: *const u8, name: &str) -> Result<U256, FfiError> {
    // SAFETY: forwarded caller contract.
    Ok(U256::from_be_bytes(unsafe { array_in::<32>(ptr, name)? }))
}

/// A `bytes32` at `ptr`.
///
/// # Safety
/// As [`array_in`] with `N = 32`.
pub unsafe fn b256_in(ptr: *const u8, name: &str) -> Result<B256, FfiError> {
    // SAFETY: forwarded caller contract.
    Ok(B256::from(unsafe { array_in::<32>(ptr, name)? }))
}

/// An `address` as 20 bytes at `ptr`.
///
/// # Safety
/// As [`array_in`] with `N = 20`.
pub unsafe fn address_in(ptr: *const u8, name: &str) -> Result<Address, FfiError> {
    // SAFETY: forwarded caller contract.
    Ok(Address::from(unsafe { array_in::<20>(ptr, name)? }))
}

/// Writes `value` to a checked out-pointer of `N` bytes.
///
/// # Safety
/// `out` must be non-NULL and valid for writes of `N` bytes.
pub unsafe fn write_array<const N: usize>(out: *mut u8, value: &[u8; N]) {
    // SAFETY: caller contract; `value` is a Rust-owned buffer, so the runs do not overlap.
    unsafe { std::ptr::copy_nonoverlapping(value.as_ptr(), out, N) };
}

/// Writes a plain value to a checked out-pointer.
///
/// # Safety
/// `out` must be non-NULL and valid for writes of a `T` (alignment is not required).
pub unsafe fn write_out<T>(out: *mut T, value: T) {
    // SAFETY: caller contract.
    unsafe { out.write_unaligned(value) };
}
