//! # exectable C API
//!
//! The C ABI of [exectable](../exectable/index.html): a static (`libexectable_c.a`) and a shared
//! (`libexectable_c.so`) library with the header `include/exectable.h`, generated from this crate
//! by cbindgen. Every function only converts C arguments, calls core, and converts the result.
//!
//! Conventions (README.md has the full rules):
//! - Every symbol starts with `et_`; every function returns an `et_result` (0 = OK; 1xx–6xx are
//!   core's error codes unchanged; 9xx are the C API's own). `et_last_error_message` gives the
//!   calling thread's message for the last failed call. `et_verdict_of` (the one function that
//!   returns something else) turns a verification's code into its verdict: included, not
//!   included, cannot decide.
//! - Out-parameters are written only on success. Fixed-size outputs go to caller buffers
//!   (`uint8_t out[32]`); variable-size outputs are `et_bytes` the library allocated and only
//!   `et_bytes_free` frees. JSON crosses as UTF-8 `(ptr, len)` in and `et_bytes` out.
//! - `uint256` arguments are 32 bytes big-endian; addresses 20 bytes.
//! - Pointer arguments: a required pointer that is NULL gives `ET_RESULT_NULL_ARGUMENT`; a
//!   `(ptr, len)` pair may be `(NULL, 0)`. Non-NULL pointers must be valid for the stated length
//!   (C cannot check that, and neither can the library).
//! - Every body runs inside one panic boundary ([`boundary::ffi_boundary`]): a panic becomes
//!   `ET_RESULT_PANIC`, never an unwind into C or an abort.
//! - Handles (`et_batch`, `et_entry`, `et_commitment`, `et_proof`, `et_rolling_hash`) are
//!   registered by address; a freed or wrong-kind handle gives `ET_RESULT_INVALID_HANDLE`
//!   ([`handles`] explains how and where that stops working).
//!
//! Safety contract of every `unsafe extern "C"` function: each non-NULL pointer argument points to
//! memory valid for the length its documentation states, for the duration of the call.

// Every `pub unsafe extern "C"` function shares the one safety contract stated above (and in the
// header's preamble); its own doc lists the pointers and their lengths.
#![allow(clippy::missing_safety_doc)]
#![warn(missing_docs)]

// Declaration order is the header's order: errors and buffers first, then the API by family.
pub mod error;

pub mod verdict;

pub mod bytes;

pub mod codec;

pub mod hash;

pub mod batch;

pub mod commit;

pub mod verify;

// Internals: the panic boundary, argument conversion and the handle registry.
pub mod boundary;
pub mod handles;

pub use batch::{et_batch, et_validation_context, ET_BLOB_HASHES_RESOLVED, ET_BLOB_HASHES_VERSIONED};
pub use bytes::et_bytes;
pub use commit::{et_commitment, et_proof};
pub use error::et_result;
pub use hash::{et_entry, et_rolling_hash};
pub use verdict::et_verdict;

/// Major version of the library (from Cargo.toml; checked at compile time).
pub const EXECTABLE_VERSION_MAJOR: u32 = 0;
/// Minor version of the library.
pub const EXECTABLE_VERSION_MINOR: u32 = 1;
/// Patch version of the library.
pub const EXECTABLE_VERSION_PATCH: u32 = 0;

/// Parses a decimal version component at compile time.
const fn parse_version(text: &str) -> u32 {
    let bytes = text.as_bytes();
    let mut value = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        assert!(bytes[i].is_ascii_digit(), "version component is not decimal");
        value = value * 10 + (bytes[i] - b'0') as u32;
        i += 1;
    }
    value
}

// The header's version macros come from the constants above (cbindgen copies literals only), so a
// version bump in Cargo.toml that forgets them fails to compile here.
const _: () = assert!(EXECTABLE_VERSION_MAJOR == parse_version(env!("CARGO_PKG_VERSION_MAJOR")));
const _: () = assert!(EXECTABLE_VERSION_MINOR == parse_version(env!("CARGO_PKG_VERSION_MINOR")));
const _: () = assert!(EXECTABLE_VERSION_PATCH == parse_version(env!("CARGO_PKG_VERSION_PATCH")));
