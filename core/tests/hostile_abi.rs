//! Hand-built hostile ABI inputs. Each starts from a valid value encoded with alloy, patches
//! words at positions computed from the layout (checking the original word first, so a wrong
//! layout assumption fails loudly), and asserts the exact error code, field path and offset.

#![allow(non_snake_case)] // field names are the Solidity ones

use alloy_primitives::{address, b256, bytes, hex, Address, Bytes, U256};
use exectable::abi::calldata::{
    decode_load_execution_table, decode_post_and_verify_batch, encode_load_execution_table,
    encode_post_and_verify_batch,
};
use exectable::types::l1;
use exectable::{AbiStruct, CanonicalJson, Error, ErrorCode, ManagerCall};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Debug;

// ---------------------------------------------------------------------------------------------
// Allocation tracking: the largest single allocation made by the current thread, so that
// "a huge length word is rejected without a huge allocation" is checked by construction.
// ---------------------------------------------------------------------------------------------

struct TrackingAllocator;

thread_local! {
    static LARGEST_ALLOCATION: Cell<usize> = const { Cell::new(0) };
}

fn note_allocation(size: usize) {
    let _ = LARGEST_ALLOCATION.try_with(|c| {
        if size > c.get() {
            c.set(size);
        }
    });
}

// SAFETY: every method forwards to `System` unchanged; the bookkeeping touches only a
// const-initialised thread-local `Cell`, which never allocates.
unsafe impl GlobalAlloc for TrackingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation(layout.size());
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_allocation(layout.size());
        System.alloc_zeroed(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation(new_size);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: TrackingAllocator = TrackingAllocator;

/// Runs `f` and returns its result with the largest single allocation it made on this thread.
fn largest_allocation_in<R>(f: impl FnOnce() -> R) -> (R, usize) {
    LARGEST_ALLOCATION.with(|c| c.set(0));
    let r = f();
    (r, LARGEST_ALLOCATION.with(|c| c.get()))
}

#[test]
fn allocation_tracker_sees_large_allocations() {
    // The tracker must be live, or the "no big allocation" assertions below prove nothing.
    let (v, largest) = largest_allocation_in(|| vec![0u8; 1 << 20]);
    assert_eq!(v.len(), 1 << 20);
    assert!(largest >= 1 << 20, "tracker saw {largest}");
    let (_, largest) = largest_allocation_in(|| ());
    assert_eq!(largest, 0);
}

/// Upper bound for any allocation while rejecting a tiny hostile input (error strings only).
const SMALL_ALLOCATION: usize = 4096;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn word(v: U256) -> [u8; 32] {
    v.to_be_bytes::<32>()
}

fn word_at(buf: &[u8], pos: usize) -> U256 {
    U256::from_be_slice(&buf[pos..pos + 32])
}

/// Overwrites the word at `pos` after checking that it holds `original`.
fn patch(buf: &mut [u8], pos: usize, original: U256, new: U256) {
    assert_eq!(word_at(buf, pos), original, "layout assumption: word at {pos}");
    buf[pos..pos + 32].copy_from_slice(&word(new));
}

/// Overwrites the single byte at `pos` after checking that it holds `original`.
fn patch_byte(buf: &mut [u8], pos: usize, original: u8, new: u8) {
    assert_eq!(buf[pos], original, "layout assumption: byte at {pos}");
    buf[pos] = new;
}

#[track_caller]
fn expect_err<T: Debug>(r: exectable::Result<T>, code: ErrorCode, path: Option<&str>, offset: Option<usize>) -> Error {
    let e = match r {
        Ok(v) => panic!("expected {code}, decoded {v:?}"),
        Err(e) => e,
    };
    assert_eq!(e.code(), code, "error: {e}");
    assert_eq!(e.path(), path, "error: {e}");
    assert_eq!(e.offset(), offset, "error: {e}");
    e
}

const CALL_DATA: Bytes = bytes!("a1b2c3");

/// An L1 entry with one `L2ToL1Call` whose `data` is 3 bytes. Layout of `abi.encode(entry)`:
///
/// ```text
///   0  0x20                       root offset
///  32  tuple head (9 words): 32 stateDeltas→0x120, 64 proxyEntryHash, 96 destinationRollupId,
///      128 l2ToL1Calls→0x140, 160 expectedL1ToL2Calls→0x280, 192 expectedLookups→0x2a0,
///      224 callCount, 256 returnData→0x2c0, 288 rollingHash
/// 320  stateDeltas.length = 0
/// 352  l2ToL1Calls.length = 1
/// 384  l2ToL1Calls[0] offset = 0x20
/// 416  targetAddress, 448 value, 480 data→0xc0, 512 sourceAddress, 544 sourceRollupId, 576 revertSpan
/// 608  data.length = 3;  640..643 data;  643..672 padding
/// 672  expectedL1ToL2Calls.length = 0
/// 704  expectedLookups.length = 0
/// 736  returnData.length = 0
/// 768  end
/// ```
fn entry_with_call() -> (l1::ExecutionEntry, Vec<u8>) {
    let entry = l1::ExecutionEntry {
        proxyEntryHash: b256!("1111111111111111111111111111111111111111111111111111111111111111"),
        destinationRollupId: U256::from(7u8),
        l2ToL1Calls: vec![l1::L2ToL1Call {
            targetAddress: address!("00000000000000000000000000000000000000aa"),
            value: U256::from(5u8),
            data: CALL_DATA,
            sourceAddress: address!("00000000000000000000000000000000000000bb"),
            sourceRollupId: U256::from(2u8),
            revertSpan: U256::ZERO,
        }],
        callCount: U256::from(1u8),
        ..Default::default()
    };
    let enc = entry.abi_encode_struct();
    assert_eq!(enc.len(), 768);
    assert_eq!(l1::ExecutionEntry::abi_decode_struct(&enc).unwrap(), entry);
    (entry, enc)
}

/// An L1 entry with one `ExpectedLookup` (all its arrays empty). Layout:
///
/// ```text
///   0  0x20;  32..320 entry head
/// 320  stateDeltas.length = 0;  352 l2ToL1Calls.length = 0;  384 expectedL1ToL2Calls.length = 0
/// 416  expectedLookups.length = 1
/// 448  expectedLookups[0] offset = 0x20
/// 480  crossChainCallHash, 512 returnData→0x140, 544 failed, 576 l2ToL1CallNumber,
///      608 lastL1ToL2CallConsumed, 640 executingLookupIndex, 672 l2ToL1Calls→0x160,
///      704 expectedL1ToL2Calls→0x180, 736 callCount, 768 rollingHash
/// ```
fn entry_with_lookup() -> Vec<u8> {
    let entry = l1::ExecutionEntry {
        expectedLookups: vec![l1::ExpectedLookup {
            failed: true,
            l2ToL1CallNumber: 3,
            lastL1ToL2CallConsumed: 4,
            executingLookupIndex: 7,
            ..Default::default()
        }],
        ..Default::default()
    };
    let enc = entry.abi_encode_struct();
    assert_eq!(l1::ExecutionEntry::abi_decode_struct(&enc).unwrap(), entry);
    enc
}

/// `postAndVerifyBatch` calldata of a batch whose arrays are all empty. Layout:
///
/// ```text
///   0  selector 0x8b1a095a
///   4  batch offset = 0x20
///  36  batch head (11 words): 36 entries→0x160, 68 l1ToL2lookupCalls→0x180, 100, 132 counts,
///      164 proofSystems→0x1a0, 196 rollupIdsWithProofSystems→0x1c0, 228 crossProofSystemInteractions,
///      260 blobIndices→0x1e0, 292 callData→0x200, 324 proofs→0x220, 356 blockNumber
/// 388  entries.length = 0, then the six other empty arrays / bytes
/// 612  end
/// ```
fn empty_batch_calldata() -> (l1::ProofSystemBatchPerVerificationEntries, Vec<u8>) {
    let batch = l1::ProofSystemBatchPerVerificationEntries { blockNumber: 5, ..Default::default() };
    let cd = encode_post_and_verify_batch(&batch);
    assert_eq!(cd.len(), 612);
    assert_eq!(decode_post_and_verify_batch(&cd).unwrap(), batch);
    (batch, cd)
}

// ---------------------------------------------------------------------------------------------
// Padding
// ---------------------------------------------------------------------------------------------

#[test]
fn dirty_padding_after_call_data() {
    let (_, valid) = entry_with_call();
    assert_eq!(word_at(&valid, 608), U256::from(3u8));
    assert_eq!(&valid[640..643], CALL_DATA.as_ref());

    for pos in [643, 650, 671] {
        let mut bad = valid.clone();
        patch_byte(&mut bad, pos, 0, 0x01);
        expect_err(
            l1::ExecutionEntry::abi_decode_struct(&bad),
            ErrorCode::AbiDirtyPadding,
            Some("l2ToL1Calls[0].data"),
            Some(pos),
        );
    }
}

#[test]
fn dirty_padding_reports_first_dirty_byte() {
    let (_, mut bad) = entry_with_call();
    patch_byte(&mut bad, 660, 0, 0xff);
    patch_byte(&mut bad, 645, 0, 0x80);
    expect_err(
        l1::ExecutionEntry::abi_decode_struct(&bad),
        ErrorCode::AbiDirtyPadding,
        Some("l2ToL1Calls[0].data"),
        Some(645),
    );
}

// ---------------------------------------------------------------------------------------------
// Offsets
// ---------------------------------------------------------------------------------------------

#[test]
fn array_offset_backwards_out_of_range_and_off_by_32() {
    let (_, valid) = entry_with_call();
    let canonical = U256::from(0x140u64);
    for (bad_offset, found) in [
        (U256::ZERO, "0"),                              // points back at the head itself
        (U256::from(0x120u64), "288"),                  // backwards, onto stateDeltas
        (U256::from(0x160u64), "352"),                  // off by +32
        (U256::from(0x100u64), "256"),                  // off by -64
        (U256::from(10_000u64), "10000"),               // beyond the input
        (U256::from(u64::MAX), "18446744073709551615"), // huge, fits u64
        (U256::from(1u8) << 64, "0x10000000000000000"), // does not fit u64
        (U256::MAX, "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
    ] {
        let mut bad = valid.clone();
        patch(&mut bad, 128, canonical, bad_offset);
        let e = expect_err(
            l1::ExecutionEntry::abi_decode_struct(&bad),
            ErrorCode::AbiBadOffset,
            Some("l2ToL1Calls"),
            Some(128),
        );
        match e {
            Error::AbiBadOffset { found: f, expected, .. } => {
                assert_eq!(f, found);
                assert_eq!(expected, 0x140);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

#[test]
fn nested_bytes_offset_off_by_32() {
    let (_, mut bad) = entry_with_call();
    patch(&mut bad, 480, U256::from(0xc0u64), U256::from(0xe0u64));
    let e = expect_err(
        l1::ExecutionEntry::abi_decode_struct(&bad),
        ErrorCode::AbiBadOffset,
        Some("l2ToL1Calls[0].data"),
        Some(480),
    );
    assert!(matches!(e, Error::AbiBadOffset { expected: 0xc0, .. }), "{e:?}");
}

#[test]
fn array_element_offset_wrong() {
    let (_, mut bad) = entry_with_call();
    patch(&mut bad, 384, U256::from(0x20u64), U256::from(0x40u64));
    let e = expect_err(
        l1::ExecutionEntry::abi_decode_struct(&bad),
        ErrorCode::AbiBadOffset,
        Some("l2ToL1Calls[0]"),
        Some(384),
    );
    assert!(matches!(e, Error::AbiBadOffset { expected: 0x20, .. }), "{e:?}");
}

#[test]
fn root_offset_not_0x20() {
    let (_, valid) = entry_with_call();
    for bad_root in [U256::ZERO, U256::from(0x40u64), U256::from(1u8) << 200] {
        let mut bad = valid.clone();
        patch(&mut bad, 0, U256::from(0x20u64), bad_root);
        let e = expect_err(l1::ExecutionEntry::abi_decode_struct(&bad), ErrorCode::AbiBadOffset, Some("$"), Some(0));
        assert!(matches!(e, Error::AbiBadOffset { expected: 32, .. }), "{e:?}");
    }
}

#[test]
fn calldata_batch_offset_wrong() {
    let (_, mut bad) = empty_batch_calldata();
    patch(&mut bad, 4, U256::from(0x20u64), U256::from(0x40u64));
    expect_err(decode_post_and_verify_batch(&bad), ErrorCode::AbiBadOffset, Some("batch"), Some(4));
    expect_err(ManagerCall::decode(&bad), ErrorCode::AbiBadOffset, Some("batch"), Some(4));
}

// ---------------------------------------------------------------------------------------------
// Huge lengths in tiny inputs
// ---------------------------------------------------------------------------------------------

/// `abi.encode(ExpectedL1ToL2Call{…, returnData: ""})`: 0 → 0x20, 32 hash, 64 callCount,
/// 96 returnData → 0x60, 128 returnData.length = 0; 160 bytes in all.
#[test]
fn bytes_length_huge_in_tiny_input() {
    let value = l1::ExpectedL1ToL2Call { callCount: U256::from(9u8), ..Default::default() };
    let valid = value.abi_encode_struct();
    assert_eq!(valid.len(), 160);
    assert_eq!(word_at(&valid, 96), U256::from(0x60u64));

    for (length, shown) in [
        (U256::from(1u64 << 32), "4294967296".to_owned()),
        (U256::from(u64::MAX), "18446744073709551615".to_owned()),
        (U256::from(1u8) << 255, format!("0x8{}", "0".repeat(63))),
        (U256::from(1u8), "1".to_owned()), // even one byte is more than the 0 remaining
    ] {
        let mut bad = valid.clone();
        patch(&mut bad, 128, U256::ZERO, length);
        // The layout walker rejects before anything is sized from the length word.
        let (r, largest) = largest_allocation_in(|| l1::ExpectedL1ToL2Call::abi_decode_struct(&bad));
        let e = expect_err(r, ErrorCode::AbiLengthTooLarge, Some("returnData"), Some(128));
        assert!(largest < SMALL_ALLOCATION, "allocated {largest} bytes rejecting length {length}");
        match e {
            Error::AbiLengthTooLarge { length: l, available, .. } => {
                assert_eq!(l, shown);
                assert_eq!(available, 0);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

/// `abi.encode(RollupIdWithProofSystems{rollupId, []})`: 0 → 0x20, 32 rollupId,
/// 64 proofSystemIndex → 0x40, 96 length = 0; 128 bytes. `2^64-1` elements overflows
/// `n * 32` and must still be a length error.
#[test]
fn array_length_huge_in_tiny_input() {
    let valid =
        l1::RollupIdWithProofSystems { rollupId: U256::from(3u8), proofSystemIndex: vec![] }.abi_encode_struct();
    assert_eq!(valid.len(), 128);
    assert_eq!(word_at(&valid, 64), U256::from(0x40u64));
    for length in
        [U256::from(1u8), U256::from(1u64 << 32), U256::from(u64::MAX), U256::from(u64::MAX / 32 + 1), U256::MAX]
    {
        let mut bad = valid.clone();
        patch(&mut bad, 96, U256::ZERO, length);
        let (r, largest) = largest_allocation_in(|| l1::RollupIdWithProofSystems::abi_decode_struct(&bad));
        let e = expect_err(r, ErrorCode::AbiLengthTooLarge, Some("proofSystemIndex"), Some(96));
        assert!(largest < SMALL_ALLOCATION, "allocated {largest} bytes rejecting length {length}");
        assert!(matches!(e, Error::AbiLengthTooLarge { available: 0, .. }), "{e:?}");
    }
}

#[test]
fn entries_length_2_pow_32_in_batch_calldata() {
    let (_, valid) = empty_batch_calldata();
    assert_eq!(word_at(&valid, 36), U256::from(0x160u64));
    let mut bad = valid.clone();
    patch(&mut bad, 388, U256::ZERO, U256::from(1u64 << 32));
    let (r, largest) = largest_allocation_in(|| decode_post_and_verify_batch(&bad));
    let e = expect_err(r, ErrorCode::AbiLengthTooLarge, Some("batch.entries"), Some(388));
    assert!(largest < SMALL_ALLOCATION, "allocated {largest} bytes");
    match e {
        Error::AbiLengthTooLarge { length, available, .. } => {
            assert_eq!(length, "4294967296");
            assert_eq!(available, 612 - 420);
        }
        other => panic!("unexpected {other:?}"),
    }
    let (r, largest) = largest_allocation_in(|| ManagerCall::decode(&bad));
    expect_err(r, ErrorCode::AbiLengthTooLarge, Some("batch.entries"), Some(388));
    assert!(largest < SMALL_ALLOCATION, "allocated {largest} bytes");
}

#[test]
fn entries_length_just_too_large_in_batch_calldata() {
    // 192 bytes follow the length word: 6 element heads would fit, but they are the other
    // arrays' length words, so every element offset is wrong (first one: expected 6*32).
    let (_, valid) = empty_batch_calldata();
    let mut bad = valid.clone();
    patch(&mut bad, 388, U256::ZERO, U256::from(7u8));
    expect_err(decode_post_and_verify_batch(&bad), ErrorCode::AbiLengthTooLarge, Some("batch.entries"), Some(388));
    let mut bad = valid;
    patch(&mut bad, 388, U256::ZERO, U256::from(6u8));
    let e =
        expect_err(decode_post_and_verify_batch(&bad), ErrorCode::AbiBadOffset, Some("batch.entries[0]"), Some(420));
    assert!(matches!(e, Error::AbiBadOffset { expected: 192, .. }), "{e:?}");
}

// ---------------------------------------------------------------------------------------------
// Invalid words
// ---------------------------------------------------------------------------------------------

/// `abi.encode(LookupCall)`: 0 → 0x20, 32 crossChainCallHash, 64 destinationRollupId,
/// 96 returnData → offset, 128 failed.
#[test]
fn bool_word_two_in_lookup_call_failed() {
    let lookup = l1::LookupCall { failed: true, destinationRollupId: U256::from(2u8), ..Default::default() };
    let valid = lookup.abi_encode_struct();
    assert_eq!(l1::LookupCall::abi_decode_struct(&valid).unwrap(), lookup);
    for new in [U256::from(2u8), U256::from(0xffu8), (U256::from(1u8) << 8) | U256::from(1u8), U256::MAX] {
        let mut bad = valid.clone();
        patch(&mut bad, 128, U256::from(1u8), new);
        let e =
            expect_err(l1::LookupCall::abi_decode_struct(&bad), ErrorCode::AbiInvalidWord, Some("failed"), Some(128));
        assert!(matches!(e, Error::AbiInvalidWord { ty: "bool", .. }), "{e:?}");
    }
}

#[test]
fn bool_word_two_in_nested_lookup() {
    let mut bad = entry_with_lookup();
    patch(&mut bad, 544, U256::from(1u8), U256::from(2u8));
    let e = expect_err(
        l1::ExecutionEntry::abi_decode_struct(&bad),
        ErrorCode::AbiInvalidWord,
        Some("expectedLookups[0].failed"),
        Some(544),
    );
    assert!(matches!(e, Error::AbiInvalidWord { ty: "bool", .. }), "{e:?}");
}

#[test]
fn address_with_high_bits() {
    let (_, valid) = entry_with_call();
    assert_eq!(word_at(&valid, 416), U256::from(0xaau8));
    for byte in [0usize, 5, 11] {
        let mut bad = valid.clone();
        patch_byte(&mut bad, 416 + byte, 0, 0x01);
        let e = expect_err(
            l1::ExecutionEntry::abi_decode_struct(&bad),
            ErrorCode::AbiInvalidWord,
            Some("l2ToL1Calls[0].targetAddress"),
            Some(416),
        );
        assert!(matches!(e, Error::AbiInvalidWord { ty: "address", .. }), "{e:?}");
    }
    // sourceAddress, two words further on.
    let mut bad = valid;
    patch(&mut bad, 512, U256::from(0xbbu8), U256::from(0xbbu8) | (U256::from(1u8) << 160));
    expect_err(
        l1::ExecutionEntry::abi_decode_struct(&bad),
        ErrorCode::AbiInvalidWord,
        Some("l2ToL1Calls[0].sourceAddress"),
        Some(512),
    );
}

#[test]
fn uint64_with_high_bits_in_lookup() {
    let valid = entry_with_lookup();
    assert_eq!(word_at(&valid, 576), U256::from(3u8));
    assert_eq!(word_at(&valid, 608), U256::from(4u8));
    for (pos, original, path) in [
        (640, 7u8, "expectedLookups[0].executingLookupIndex"),
        (576, 3u8, "expectedLookups[0].l2ToL1CallNumber"),
        (608, 4u8, "expectedLookups[0].lastL1ToL2CallConsumed"),
    ] {
        for high in [U256::from(1u8) << 64, U256::from(1u8) << 255] {
            let mut bad = valid.clone();
            patch(&mut bad, pos, U256::from(original), U256::from(original) | high);
            let e = expect_err(
                l1::ExecutionEntry::abi_decode_struct(&bad),
                ErrorCode::AbiInvalidWord,
                Some(path),
                Some(pos),
            );
            assert!(matches!(e, Error::AbiInvalidWord { ty: "uint64", .. }), "{e:?}");
        }
    }
}

#[test]
fn uint64_with_high_bits_in_batch_block_number() {
    let (_, mut bad) = empty_batch_calldata();
    patch(&mut bad, 356, U256::from(5u8), U256::from(5u8) | (U256::from(1u8) << 64));
    let e =
        expect_err(decode_post_and_verify_batch(&bad), ErrorCode::AbiInvalidWord, Some("batch.blockNumber"), Some(356));
    assert!(matches!(e, Error::AbiInvalidWord { ty: "uint64", .. }), "{e:?}");
    expect_err(ManagerCall::decode(&bad), ErrorCode::AbiInvalidWord, Some("batch.blockNumber"), Some(356));
}

/// `postAndVerifyBatch` calldata with one element in `proofSystems`, `rollupIdsWithProofSystems`
/// (two indices) and `proofs` (one byte). Layout after the 36..388 batch head:
///
/// ```text
/// 388  entries.length = 0;  420 l1ToL2lookupCalls.length = 0
/// 452  proofSystems.length = 1;  484 proofSystems[0]
/// 516  rollupIdsWithProofSystems.length = 1;  548 [0] offset = 0x20
/// 580  rollupId;  612 proofSystemIndex → 0x40;  644 length = 2;  676 [0] = 1;  708 [1] = 2
/// 740  blobIndices.length = 0;  772 callData.length = 0
/// 804  proofs.length = 1;  836 [0] offset = 0x20;  868 length = 1;  900 0x01, 901..932 padding
/// ```
fn batch_with_arrays_calldata() -> Vec<u8> {
    let batch = l1::ProofSystemBatchPerVerificationEntries {
        proofSystems: vec![address!("00000000000000000000000000000000000000cc")],
        rollupIdsWithProofSystems: vec![l1::RollupIdWithProofSystems {
            rollupId: U256::from(2u8),
            proofSystemIndex: vec![1, 2],
        }],
        proofs: vec![bytes!("01")],
        blockNumber: 5,
        ..Default::default()
    };
    let cd = encode_post_and_verify_batch(&batch);
    assert_eq!(cd.len(), 932);
    assert_eq!(word_at(&cd, 164), U256::from(416u64), "proofSystems offset");
    assert_eq!(word_at(&cd, 196), U256::from(480u64), "rollupIdsWithProofSystems offset");
    assert_eq!(word_at(&cd, 324), U256::from(768u64), "proofs offset");
    assert_eq!(word_at(&cd, 644), U256::from(2u8), "proofSystemIndex length");
    assert_eq!(word_at(&cd, 868), U256::from(1u8), "proofs[0] length");
    assert_eq!(decode_post_and_verify_batch(&cd).unwrap(), batch);
    cd
}

#[test]
fn uint64_array_element_with_high_bits() {
    let mut bad = batch_with_arrays_calldata();
    patch(&mut bad, 708, U256::from(2u8), U256::from(2u8) | (U256::from(1u8) << 64));
    let e = expect_err(
        decode_post_and_verify_batch(&bad),
        ErrorCode::AbiInvalidWord,
        Some("batch.rollupIdsWithProofSystems[0].proofSystemIndex[1]"),
        Some(708),
    );
    assert!(matches!(e, Error::AbiInvalidWord { ty: "uint64", .. }), "{e:?}");
}

#[test]
fn address_array_element_with_high_bits() {
    let mut bad = batch_with_arrays_calldata();
    patch_byte(&mut bad, 484, 0, 0x80);
    let e = expect_err(
        decode_post_and_verify_batch(&bad),
        ErrorCode::AbiInvalidWord,
        Some("batch.proofSystems[0]"),
        Some(484),
    );
    assert!(matches!(e, Error::AbiInvalidWord { ty: "address", .. }), "{e:?}");
}

#[test]
fn bytes_array_element_dirty_padding() {
    let valid = batch_with_arrays_calldata();
    assert_eq!(valid[900], 0x01);
    let mut bad = valid.clone();
    patch_byte(&mut bad, 901, 0, 0x01);
    expect_err(decode_post_and_verify_batch(&bad), ErrorCode::AbiDirtyPadding, Some("batch.proofs[0]"), Some(901));
    let mut bad = valid;
    patch_byte(&mut bad, 931, 0, 0x01);
    expect_err(ManagerCall::decode(&bad), ErrorCode::AbiDirtyPadding, Some("batch.proofs[0]"), Some(931));
}

#[test]
fn bytes_array_element_length_too_large() {
    let mut bad = batch_with_arrays_calldata();
    patch(&mut bad, 868, U256::from(1u8), U256::from(33u8));
    // Only 32 bytes remain after the length word.
    let e = expect_err(
        decode_post_and_verify_batch(&bad),
        ErrorCode::AbiLengthTooLarge,
        Some("batch.proofs[0]"),
        Some(868),
    );
    assert!(matches!(e, Error::AbiLengthTooLarge { available: 32, .. }), "{e:?}");
    // 32 bytes fit exactly, but then the 0x01 byte and zeros are the value: canonical, and it
    // decodes (the padding became data).
    let mut ok = batch_with_arrays_calldata();
    patch(&mut ok, 868, U256::from(1u8), U256::from(32u8));
    let batch = decode_post_and_verify_batch(&ok).unwrap();
    assert_eq!(batch.proofs[0].len(), 32);
    assert_eq!(encode_post_and_verify_batch(&batch), ok);
}

// ---------------------------------------------------------------------------------------------
// Trailing, empty and truncated input
// ---------------------------------------------------------------------------------------------

#[test]
fn trailing_bytes_rejected() {
    let (_, valid) = entry_with_call();
    for extra in [1usize, 31, 32, 64] {
        let mut bad = valid.clone();
        bad.resize(valid.len() + extra, 0);
        let e = expect_err(l1::ExecutionEntry::abi_decode_struct(&bad), ErrorCode::AbiTrailingBytes, None, Some(768));
        assert!(matches!(e, Error::AbiTrailingBytes { extra: x, .. } if x == extra), "{e:?}");
    }
    // A static struct too.
    let mut bad = l1::StateDelta::default().abi_encode_struct();
    assert_eq!(bad.len(), 128);
    bad.push(0);
    expect_err(l1::StateDelta::abi_decode_struct(&bad), ErrorCode::AbiTrailingBytes, None, Some(128));
    // And calldata.
    let (_, mut cd) = empty_batch_calldata();
    cd.extend_from_slice(&[0u8; 32]);
    expect_err(decode_post_and_verify_batch(&cd), ErrorCode::AbiTrailingBytes, None, Some(612));
    expect_err(ManagerCall::decode(&cd), ErrorCode::AbiTrailingBytes, None, Some(612));
}

#[test]
fn empty_input_rejected() {
    let e = expect_err(l1::ExecutionEntry::abi_decode_struct(&[]), ErrorCode::AbiTruncated, Some("$"), Some(0));
    assert!(matches!(e, Error::AbiTruncated { needed: 32, len: 0, .. }), "{e:?}");
    let e = expect_err(l1::StateDelta::abi_decode_struct(&[]), ErrorCode::AbiTruncated, Some("$"), Some(0));
    assert!(matches!(e, Error::AbiTruncated { needed: 128, len: 0, .. }), "{e:?}");
    expect_err(ManagerCall::decode(&[]), ErrorCode::AbiTruncated, Some("selector"), Some(0));
    expect_err(decode_post_and_verify_batch(&[]), ErrorCode::AbiTruncated, Some("selector"), Some(0));
    expect_err(decode_load_execution_table(&[0x59, 0x68, 0x3c]), ErrorCode::AbiTruncated, Some("selector"), Some(0));
    // Selector only: the parameter head is missing.
    let e = expect_err(ManagerCall::decode(&[0x8b, 0x1a, 0x09, 0x5a]), ErrorCode::AbiTruncated, Some("$"), Some(4));
    assert!(matches!(e, Error::AbiTruncated { needed: 32, len: 4, .. }), "{e:?}");
}

#[test]
fn truncated_inside_bytes_payload() {
    // Cut the entry right after the 3 data bytes: the length is backed, the padding is not.
    let (_, valid) = entry_with_call();
    let e = expect_err(
        l1::ExecutionEntry::abi_decode_struct(&valid[..650]),
        ErrorCode::AbiTruncated,
        Some("l2ToL1Calls[0].data"),
        Some(643),
    );
    assert!(matches!(e, Error::AbiTruncated { needed: 29, len: 650, .. }), "{e:?}");
}

// ---------------------------------------------------------------------------------------------
// Selectors
// ---------------------------------------------------------------------------------------------

#[test]
fn wrong_selector_for_post_and_verify_batch() {
    let load = encode_load_execution_table(&[], &[]);
    let e = expect_err(decode_post_and_verify_batch(&load), ErrorCode::AbiWrongSelector, None, None);
    match e {
        Error::AbiWrongSelector { found, expected, name } => {
            assert_eq!(found, "0x59683c8b");
            assert_eq!(expected, "0x8b1a095a");
            assert_eq!(name, "postAndVerifyBatch");
        }
        other => panic!("unexpected {other:?}"),
    }
    // And the other way round.
    let (_, batch) = empty_batch_calldata();
    let e = expect_err(decode_load_execution_table(&batch), ErrorCode::AbiWrongSelector, None, None);
    assert!(matches!(e, Error::AbiWrongSelector { name: "loadExecutionTable", .. }), "{e:?}");
}

#[test]
fn unknown_selector_for_manager_call() {
    let (_, valid) = empty_batch_calldata();
    let mut bad = valid;
    bad[..4].copy_from_slice(&hex!("deadbeef"));
    let e = expect_err(ManagerCall::decode(&bad), ErrorCode::AbiUnknownSelector, None, None);
    match e {
        Error::AbiUnknownSelector { found, .. } => assert_eq!(found, "0xdeadbeef"),
        other => panic!("unexpected {other:?}"),
    }
    expect_err(ManagerCall::decode(&hex!("00000000")), ErrorCode::AbiUnknownSelector, None, None);
}

// ---------------------------------------------------------------------------------------------
// A real batch from the vector file
// ---------------------------------------------------------------------------------------------

fn vector_case(id: &str) -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/eez-v1-public.json");
    let text = std::fs::read_to_string(path).expect("vector file");
    let file: serde_json::Value = serde_json::from_str(&text).expect("vector JSON");
    file["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("no case {id}"))
}

#[test]
fn every_prefix_of_vector_batch_calldata_rejected() {
    let case = vector_case("batchCalldata-public-008");
    let calldata = hex::decode(case["expected"]["calldata"].as_str().unwrap()).unwrap();
    assert!(calldata.len() > 1000, "calldata is {} bytes", calldata.len());

    // The whole calldata decodes to the case's batch and re-encodes byte-identically.
    let batch = decode_post_and_verify_batch(&calldata).unwrap();
    assert_eq!(batch, l1::ProofSystemBatchPerVerificationEntries::from_json(&case["inputs"]["batch"]).unwrap());
    assert_eq!(encode_post_and_verify_batch(&batch), calldata);
    assert_eq!(ManagerCall::decode(&calldata).unwrap().encode(), calldata);

    for cut in 0..calldata.len() {
        let prefix = &calldata[..cut];
        for (what, r) in [
            ("decode_post_and_verify_batch", decode_post_and_verify_batch(prefix).map(|_| ())),
            ("ManagerCall::decode", ManagerCall::decode(prefix).map(|_| ())),
        ] {
            let e = r.err().unwrap_or_else(|| panic!("{what}: prefix of {cut} bytes decoded"));
            assert!(
                matches!(e.code(), ErrorCode::AbiTruncated | ErrorCode::AbiLengthTooLarge),
                "{what}: prefix of {cut} bytes: {e:?}"
            );
            if cut < 4 {
                assert_eq!(e.path(), Some("selector"), "{what}: prefix of {cut} bytes: {e:?}");
            }
        }
    }
}

#[test]
fn vector_batch_calldata_dirty_padding() {
    // Dirty the last padding byte after the case's `callData` (its length is not a multiple
    // of 32), locating it through the batch head's `callData` offset word.
    let case = vector_case("batchCalldata-public-008");
    let calldata = hex::decode(case["expected"]["calldata"].as_str().unwrap()).unwrap();
    let batch = decode_post_and_verify_batch(&calldata).unwrap();
    let data_len = batch.callData.len();
    assert_ne!(data_len % 32, 0, "the case's callData must need padding");

    // callData offset word is field 8 of the batch head (start 36).
    let start = 36;
    let data_pos = start + word_at(&calldata, start + 8 * 32).to::<usize>();
    assert_eq!(word_at(&calldata, data_pos), U256::from(data_len));
    let pad_end = data_pos + 32 + data_len.div_ceil(32) * 32;
    let mut bad = calldata.clone();
    patch_byte(&mut bad, pad_end - 1, 0, 0x5a);
    expect_err(
        decode_post_and_verify_batch(&bad),
        ErrorCode::AbiDirtyPadding,
        Some("batch.callData"),
        Some(pad_end - 1),
    );
}

#[test]
fn address_all_ones_valid_one_more_bit_invalid() {
    // The all-ones address is valid; bit 160 set is not.
    let call = l1::L2ToL1Call { targetAddress: Address::repeat_byte(0xff), ..Default::default() };
    let valid = call.abi_encode_struct();
    assert_eq!(l1::L2ToL1Call::abi_decode_struct(&valid).unwrap(), call);
    let max_address = (U256::from(1u8) << 160) - U256::from(1u8);
    let mut bad = valid;
    patch(&mut bad, 32, max_address, (U256::from(1u8) << 160) | max_address);
    expect_err(l1::L2ToL1Call::abi_decode_struct(&bad), ErrorCode::AbiInvalidWord, Some("targetAddress"), Some(32));
}
