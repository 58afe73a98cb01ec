//! `et_bytes`: a byte buffer Rust allocated and only Rust frees (the wasmvm `UnmanagedVector`
//! pattern). Every variable-size output of the C API (encodings, JSON documents) is one.

use crate::boundary::ffi_boundary;
use crate::error::{et_result, FfiError};

/// A byte buffer allocated by the library and owned by the caller until `et_bytes_free`.
///
/// Read `len` bytes at `ptr`; `cap` is the allocation size, for the library only. An empty
/// buffer is `{NULL, 0, 0}`. JSON outputs are compact UTF-8 JSON text without a terminating NUL.
/// Never free `ptr` with `free()`, never change the fields, and free each buffer exactly once
/// with `et_bytes_free` (which resets the struct, so freeing the same struct twice is harmless).
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug)]
pub struct et_bytes {
    /// The first byte (NULL when `len` is 0).
    pub ptr: *mut u8,
    /// Number of bytes.
    pub len: usize,
    /// Allocated capacity (library-internal).
    pub cap: usize,
}

impl et_bytes {
    /// Hands a vector over to C.
    pub fn from_vec(vec: Vec<u8>) -> Self {
        if vec.is_empty() {
            return et_bytes { ptr: std::ptr::null_mut(), len: 0, cap: 0 };
        }
        let mut vec = std::mem::ManuallyDrop::new(vec);
        et_bytes { ptr: vec.as_mut_ptr(), len: vec.len(), cap: vec.capacity() }
    }

    /// A JSON value as compact UTF-8 text.
    pub fn from_json(value: &serde_json::Value) -> Self {
        Self::from_vec(serde_json::to_vec(value).expect("a serde_json::Value always serialises"))
    }
}

/// Writes `bytes` to a checked `et_bytes *` out-parameter.
///
/// # Safety
/// `out` must be non-NULL and valid for writes of an `et_bytes`.
pub unsafe fn write_bytes(out: *mut et_bytes, bytes: Vec<u8>) {
    // SAFETY: caller contract.
    unsafe { crate::boundary::write_out(out, et_bytes::from_vec(bytes)) };
}

/// Frees a buffer the library returned and resets `*bytes` to `{NULL, 0, 0}`.
///
/// - `bytes`: NULL, or a pointer to an `et_bytes` filled by an `et_` function (or already reset
///   by this function: then nothing happens). The struct itself stays caller-owned.
/// - A struct whose fields do not describe a library allocation (`ptr` NULL with a non-zero
///   `len`/`cap`, or `len > cap`) is refused with `ET_RESULT_INVALID_HANDLE` and not freed.
///   A copy of an already freed struct cannot be told apart from a live one: free each buffer once.
/// - Thread safety: any thread, but not concurrently for the same struct.
/// - Returns: `ET_RESULT_OK`, `ET_RESULT_INVALID_HANDLE`, `ET_RESULT_PANIC`.
#[no_mangle]
pub unsafe extern "C" fn et_bytes_free(bytes: *mut et_bytes) -> et_result {
    ffi_boundary(|| {
        if bytes.is_null() {
            return Ok(());
        }
        // SAFETY: non-NULL and points to an `et_bytes` (caller contract); read unaligned-safe.
        let b = unsafe { bytes.read_unaligned() };
        if b.ptr.is_null() {
            if b.len != 0 || b.cap != 0 {
                return Err(FfiError::new(
                    et_result::InvalidHandle,
                    format!("et_bytes {{ptr: NULL, len: {}, cap: {}}} is not a library buffer", b.len, b.cap),
                ));
            }
            return Ok(());
        }
        if b.len > b.cap || b.cap == 0 {
            return Err(FfiError::new(
                et_result::InvalidHandle,
                format!("et_bytes with len {} and cap {} is not a library buffer", b.len, b.cap),
            ));
        }
        // SAFETY: `ptr`/`len`/`cap` came from `et_bytes::from_vec` (caller contract: an
        // unmodified struct the library filled, not freed before — the struct is reset below).
        drop(unsafe { Vec::from_raw_parts(b.ptr, b.len, b.cap) });
        // SAFETY: as above.
        unsafe { bytes.write_unaligned(et_bytes { ptr: std::ptr::null_mut(), len: 0, cap: 0 }) };
        Ok(())
    })
}
