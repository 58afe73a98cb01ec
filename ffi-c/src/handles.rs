//! Opaque handles: `Arc`s handed to C as raw pointers, each registered with its kind in one
//! process-wide table.
//!
//! Every use looks the address up first, so a freed handle, a handle of another kind or a pointer
//! the library never returned gives `ET_RESULT_INVALID_HANDLE` without the library reading the
//! memory it points to (AddressSanitizer stays quiet, and nothing is read from unmapped memory).
//! A use takes its own reference (`Arc` clone) under the table's lock, so a handle freed on one
//! thread while another thread is inside a call with it stays alive until that call returns.
//!
//! Limits: once freed, an address may be reused by a later handle; a stale pointer that happens to
//! equal a new handle of the same kind is taken for it. Double frees are therefore caught only
//! until the allocator reuses the address.

use crate::error::{et_result, FfiError};
use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, PoisonError, RwLock};

/// The kinds of handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `et_batch`.
    Batch,
    /// `et_entry`.
    Entry,
    /// `et_commitment`.
    Commitment,
    /// `et_proof`.
    Proof,
    /// `et_rolling_hash`.
    RollingHash,
}

impl Kind {
    fn c_name(self) -> &'static str {
        match self {
            Kind::Batch => "et_batch",
            Kind::Entry => "et_entry",
            Kind::Commitment => "et_commitment",
            Kind::Proof => "et_proof",
            Kind::RollingHash => "et_rolling_hash",
        }
    }
}

/// A type handed to C behind an opaque pointer.
pub trait Handle: Send + Sync + Sized + 'static {
    /// Its kind in the registry.
    const KIND: Kind;
}

/// Live handles by address. A `BTreeMap` rather than a `HashMap`: an empty one holds no
/// allocation, and its nodes are referenced by their start address, so valgrind sees the table as
/// reachable (hashbrown keeps a pointer into the middle of its allocation: "possibly lost").
type Registry = BTreeMap<usize, Kind>;

static LIVE: LazyLock<RwLock<Registry>> = LazyLock::new(|| RwLock::new(Registry::new()));

/// Registers `value` and returns the pointer C sees.
pub fn into_handle<T: Handle>(value: T) -> *mut T {
    let ptr = Arc::into_raw(Arc::new(value)).cast_mut();
    LIVE.write().unwrap_or_else(PoisonError::into_inner).insert(ptr as usize, T::KIND);
    ptr
}

fn not_live<T: Handle>(name: &str, found: Option<Kind>) -> FfiError {
    let expected = T::KIND.c_name();
    let message = match found {
        Some(other) => format!("{name} is an {} handle, this function takes an {expected}", other.c_name()),
        None => format!("{name} is not a live {expected} handle (freed already, or not returned by this library)"),
    };
    FfiError::new(et_result::InvalidHandle, message)
}

/// A reference to the live handle `ptr` of kind `T` (NULL: [`et_result::NullArgument`]; anything
/// else not live of that kind: [`et_result::InvalidHandle`]).
// Safe for any pointer value: it is dereferenced only once the registry vouches for it.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn borrow_handle<T: Handle>(ptr: *const T, name: &str) -> Result<Arc<T>, FfiError> {
    if ptr.is_null() {
        return Err(FfiError::null(name));
    }
    let live = LIVE.read().unwrap_or_else(PoisonError::into_inner);
    match live.get(&(ptr as usize)) {
        Some(kind) if *kind == T::KIND => {
            // SAFETY: the registry holds exactly the pointers `into_handle` made from
            // `Arc::<T>::into_raw` for this kind that `free_handle` has not released; the table's
            // own reference keeps the allocation alive while the read lock is held.
            unsafe {
                Arc::increment_strong_count(ptr);
                Ok(Arc::from_raw(ptr))
            }
        }
        other => Err(not_live::<T>(name, other.copied())),
    }
}

/// Releases the handle `ptr` (NULL: nothing to do). Safe for any pointer value, as above.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn free_handle<T: Handle>(ptr: *mut T, name: &str) -> Result<(), FfiError> {
    if ptr.is_null() {
        return Ok(());
    }
    {
        let mut live = LIVE.write().unwrap_or_else(PoisonError::into_inner);
        match live.get(&(ptr as usize)) {
            Some(kind) if *kind == T::KIND => {
                live.remove(&(ptr as usize));
            }
            other => return Err(not_live::<T>(name, other.copied())),
        }
    }
    // SAFETY: the pointer was registered for `T` (checked and removed under the write lock, so
    // exactly one caller gets here per registration); this drops the table's reference.
    drop(unsafe { Arc::from_raw(ptr.cast_const()) });
    Ok(())
}

/// Number of live handles of every kind (for leak checks in tests).
pub fn live_count() -> usize {
    LIVE.read().unwrap_or_else(PoisonError::into_inner).len()
}

/// Writes a new handle to a checked out-pointer.
///
/// # Safety
/// `out` must be non-NULL and valid for writes of a pointer.
pub unsafe fn write_handle<T: Handle>(out: *mut *mut T, value: T) {
    let handle = into_handle(value);
    // SAFETY: caller contract.
    unsafe { crate::boundary::write_out(out, handle) };
}

#[cfg(test)]
mod tests {
    use super::*;

    struct A(u64);
    impl Handle for A {
        const KIND: Kind = Kind::Batch;
    }
    struct B;
    impl Handle for B {
        const KIND: Kind = Kind::Proof;
    }

    #[test]
    fn freed_foreign_and_wrong_kind_pointers_are_refused() {
        let a = into_handle(A(7));
        assert_eq!(borrow_handle(a, "a").map(|h| h.0), Ok(7));
        let wrong = borrow_handle(a.cast::<B>(), "a").err().map(|e| e.code);
        assert_eq!(wrong, Some(et_result::InvalidHandle));
        assert_eq!(free_handle(a.cast::<B>(), "a").err().map(|e| e.code), Some(et_result::InvalidHandle));
        let kept = borrow_handle(a, "a").expect("still live after a refused free");
        assert_eq!(free_handle(a, "a"), Ok(()));
        assert_eq!(kept.0, 7, "a reference taken before the free stays valid");
        assert_eq!(free_handle(a, "a").err().map(|e| e.code), Some(et_result::InvalidHandle));
        assert_eq!(borrow_handle(a, "a").err().map(|e| e.code), Some(et_result::InvalidHandle));
        let local = 5u64;
        let foreign = (&local as *const u64).cast::<A>();
        assert_eq!(borrow_handle(foreign, "x").err().map(|e| e.code), Some(et_result::InvalidHandle));
        assert_eq!(borrow_handle(std::ptr::null::<A>(), "x").err().map(|e| e.code), Some(et_result::NullArgument));
        assert_eq!(free_handle(std::ptr::null_mut::<A>(), "x"), Ok(()));
    }
}
