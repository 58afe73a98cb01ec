//! Resource bounds (docs/RELIABILITY.md, core/src/limits.rs): inputs of a few bytes that claim
//! lengths of 2^32 and 2^64, or offsets near `usize::MAX`, and inputs just above each size bound,
//! must fail fast with their code — and with little memory. A counting global allocator measures
//! the peak of live heap bytes on the test's thread while each decoder runs; it must stay below
//! [`SMALL_PEAK`] beyond the input (which is allocated before the measurement starts).

use alloy_primitives::{Bytes, B256, U256};
use alloy_sol_types::{SolError, SolEvent};
use exectable::abi::calldata::{
    decode_load_execution_table, decode_post_and_verify_batch, encode_post_and_verify_batch,
};
use exectable::commit::InclusionProof;
use exectable::json::parse_json;
use exectable::limits::{MAX_ABI_BYTES, MAX_JSON_DEPTH, MAX_JSON_ITEMS, MAX_JSON_TEXT_BYTES, MAX_PROOF_BYTES};
use exectable::types::{l1, l2};
use exectable::{decode_l1_log, decode_l2_log, decode_revert, AbiStruct, ErrorCode, ManagerCall};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// A counting allocator: live bytes and their peak, per thread (tests run on several threads).
// ---------------------------------------------------------------------------------------------

struct CountingAllocator;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn grow(by: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + by;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// SAFETY: every method forwards to `System` unchanged; the bookkeeping only touches
// const-initialised thread-local `Cell`s, which never allocate.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size() as isize);
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grow(layout.size() as isize);
        System.alloc_zeroed(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        grow(-(layout.size() as isize));
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        grow(new_size as isize - layout.size() as isize);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Runs `f`; returns its result, the peak of live heap bytes above the level at the start, and
/// the time it took.
fn measure<R>(f: impl FnOnce() -> R) -> (R, usize, Duration) {
    let start = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(start));
    let t = Instant::now();
    let r = f();
    let elapsed = t.elapsed();
    let peak = PEAK.with(Cell::get) - start;
    (r, peak.max(0) as usize, elapsed)
}

/// Heap allowed while rejecting a hostile input, beyond the input itself (error messages only).
const SMALL_PEAK: usize = 64 * 1024;
/// Time allowed for one rejection (a debug build; real ones take microseconds).
const FAST: Duration = Duration::from_millis(500);

/// Checks that `f` is rejected with `code`, fast and with a small peak.
#[track_caller]
fn rejects<T: std::fmt::Debug>(what: &str, code: ErrorCode, f: impl FnOnce() -> exectable::Result<T>) {
    let (r, peak, elapsed) = measure(f);
    let e = match r {
        Ok(v) => panic!("{what}: accepted ({v:?})"),
        Err(e) => e,
    };
    assert_eq!(e.code(), code, "{what}: {e}");
    assert!(peak < SMALL_PEAK, "{what}: peak of {peak} live bytes while rejecting ({e})");
    assert!(elapsed < FAST, "{what}: took {elapsed:?}");
}

fn word(v: U256) -> [u8; 32] {
    v.to_be_bytes::<32>()
}

fn patched(mut buf: Vec<u8>, pos: usize, v: U256) -> Vec<u8> {
    buf[pos..pos + 32].copy_from_slice(&word(v));
    buf
}

/// The length claims every decoder is tried with: 2^32, 2^64 − 1, 2^64, 2^256 − 1.
fn huge() -> [U256; 4] {
    [U256::from(1u64 << 32), U256::from(u64::MAX), U256::from(1u8) << 64, U256::MAX]
}

/// Offset claims near and beyond `usize::MAX`.
fn far() -> [U256; 3] {
    [U256::from(usize::MAX as u64 - 31), U256::from(usize::MAX as u64), U256::from(1u8) << 200]
}

// ---------------------------------------------------------------------------------------------

#[test]
fn the_allocator_counts() {
    // The measurement must be live, or every bound below proves nothing.
    let (v, peak, _) = measure(|| vec![0u8; 1 << 20]);
    assert!(peak >= 1 << 20, "peak {peak}");
    drop(v);
    let (_, peak, _) = measure(|| ());
    assert_eq!(peak, 0);
    // Decoding a real batch does allocate more than the bound (so the bound is not vacuous).
    let calldata = alloy_primitives::hex::decode(
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/demo/postAndVerifyBatch-006.hex"))
            .unwrap()
            .trim(),
    )
    .unwrap();
    let (batch, peak, _) = measure(|| decode_post_and_verify_batch(&calldata).unwrap());
    assert!(peak > 4 * 1024, "decoding the demo batch peaked at {peak} bytes");
    assert_eq!(encode_post_and_verify_batch(&batch), calldata);
}

#[test]
fn struct_abi_claims() {
    // abi.encode(ExpectedL1ToL2Call{…, returnData: ""}): 0x20 | hash | callCount | 0x60 | length.
    let tiny = l1::ExpectedL1ToL2Call::default().abi_encode_struct();
    assert_eq!(tiny.len(), 160);
    for v in huge() {
        let bad = patched(tiny.clone(), 128, v);
        rejects(&format!("bytes length {v}"), ErrorCode::AbiLengthTooLarge, || {
            l1::ExpectedL1ToL2Call::abi_decode_struct(&bad)
        });
    }
    // abi.encode(RollupIdWithProofSystems{id, []}): 0x20 | id | 0x40 | length — n·32 overflows.
    let array = l1::RollupIdWithProofSystems::default().abi_encode_struct();
    for v in huge().into_iter().chain([U256::from(u64::MAX / 32 + 1)]) {
        let bad = patched(array.clone(), 96, v);
        rejects(&format!("array length {v}"), ErrorCode::AbiLengthTooLarge, || {
            l1::RollupIdWithProofSystems::abi_decode_struct(&bad)
        });
    }
    // An entry whose stateDeltas claims 2^32 elements, and whose root or member offsets are far.
    let entry = l1::ExecutionEntry::default().abi_encode_struct();
    for v in huge() {
        let bad = patched(entry.clone(), 320, v);
        rejects(&format!("stateDeltas length {v}"), ErrorCode::AbiLengthTooLarge, || {
            l1::ExecutionEntry::abi_decode_struct(&bad)
        });
    }
    for v in far() {
        for pos in [0, 32, 128] {
            let bad = patched(entry.clone(), pos, v);
            rejects(&format!("offset {v} at {pos}"), ErrorCode::AbiBadOffset, || {
                l1::ExecutionEntry::abi_decode_struct(&bad)
            });
        }
    }
    // The L2 structs too.
    let l2_entry = l2::ExecutionEntry::default().abi_encode_struct();
    for v in huge() {
        let bad = patched(l2_entry.clone(), 32 + 7 * 32, v);
        rejects(&format!("L2 entry l2ToL1Calls length {v}"), ErrorCode::AbiLengthTooLarge, || {
            l2::ExecutionEntry::abi_decode_struct(&bad)
        });
    }
}

#[test]
fn calldata_claims() {
    // postAndVerifyBatch of an empty batch: selector | 0x20 | 11-word head | lengths from 388.
    let cd = encode_post_and_verify_batch(&l1::ProofSystemBatchPerVerificationEntries::default());
    assert_eq!(cd.len(), 612);
    for v in huge() {
        for pos in [388, 420, 580] {
            let bad = patched(cd.clone(), pos, v);
            rejects(&format!("batch length {v} at {pos}"), ErrorCode::AbiLengthTooLarge, || {
                decode_post_and_verify_batch(&bad)
            });
            rejects(&format!("ManagerCall length {v} at {pos}"), ErrorCode::AbiLengthTooLarge, || {
                ManagerCall::decode(&bad)
            });
        }
    }
    for v in far() {
        let bad = patched(cd.clone(), 4, v);
        rejects(&format!("batch offset {v}"), ErrorCode::AbiBadOffset, || decode_post_and_verify_batch(&bad));
        let bad = patched(cd.clone(), 36, v);
        rejects(&format!("entries offset {v}"), ErrorCode::AbiBadOffset, || ManagerCall::decode(&bad));
    }
    // loadExecutionTable(entries, lookupCalls): selector | 0x40 | 0x60 | 0 | 0.
    let load = exectable::abi::calldata::encode_load_execution_table(&[], &[]);
    for v in huge() {
        let bad = patched(load.clone(), 68, v);
        rejects(&format!("L2 entries length {v}"), ErrorCode::AbiLengthTooLarge, || decode_load_execution_table(&bad));
    }
}

#[test]
fn log_claims() {
    // CallResult data: bool | 0x40 | length | data.
    let log = l1::IEEZ::CallResult {
        entryIndex: U256::ZERO,
        l2ToL1CallNumber: U256::ZERO,
        success: true,
        returnData: Bytes::new(),
    }
    .encode_log_data();
    let topics = log.topics().to_vec();
    for v in huge() {
        let bad = patched(log.data.to_vec(), 64, v);
        rejects(&format!("CallResult returnData length {v}"), ErrorCode::AbiLengthTooLarge, || {
            decode_l1_log(&topics, &bad)
        });
    }
    for v in far() {
        let bad = patched(log.data.to_vec(), 32, v);
        rejects(&format!("CallResult returnData offset {v}"), ErrorCode::AbiBadOffset, || decode_l1_log(&topics, &bad));
    }
    // ExecutionTableLoaded(ExecutionEntry[]) on L2: 0x20 | length.
    let loaded = l2::IEEZL2::ExecutionTableLoaded { entries: vec![] }.encode_log_data();
    let topics = loaded.topics().to_vec();
    for v in huge() {
        let bad = patched(loaded.data.to_vec(), 32, v);
        rejects(&format!("ExecutionTableLoaded length {v}"), ErrorCode::AbiLengthTooLarge, || {
            decode_l2_log(&topics, &bad)
        });
    }
    // More topics than any event has: the count is checked before anything else.
    let many = vec![l1::IEEZ::BatchPosted::SIGNATURE_HASH; 1 << 12];
    rejects("4096 topics", ErrorCode::AbiBadTopics, || decode_l1_log(&many, &[]));
}

#[test]
fn revert_claims() {
    // Error(string): selector | 0x20 | length | "boom".
    let error = alloy_sol_types::Revert { reason: "boom".into() }.abi_encode();
    for v in huge() {
        let bad = patched(error.clone(), 36, v);
        rejects(&format!("Error(string) length {v}"), ErrorCode::AbiLengthTooLarge, || decode_revert(&bad));
    }
    for v in far() {
        let bad = patched(error.clone(), 4, v);
        rejects(&format!("Error(string) offset {v}"), ErrorCode::AbiBadOffset, || decode_revert(&bad));
    }
    let context = l1::IEEZ::UnexpectedContextRevert { revertData: Bytes::new() }.abi_encode();
    assert_eq!(context.len(), 68);
    for v in huge() {
        let bad = patched(context.clone(), 36, v);
        rejects(&format!("UnexpectedContextRevert length {v}"), ErrorCode::AbiLengthTooLarge, || decode_revert(&bad));
    }
    assert_eq!(<l1::IEEZ::UnexpectedContextRevert as SolError>::SELECTOR, context[..4]);
}

#[test]
fn proof_claims() {
    // An 89-byte header claiming 2^32 − 1 indices and 2^32 − 1 siblings (about 171 GB).
    let mut header = vec![0u8; 89];
    header[0] = 1;
    for (k, s) in [(u32::MAX, u32::MAX), (u32::MAX, 0), (0, u32::MAX), (1 << 31, 1 << 31)] {
        header[81..85].copy_from_slice(&k.to_be_bytes());
        header[85..89].copy_from_slice(&s.to_be_bytes());
        rejects(&format!("proof k={k} s={s}"), ErrorCode::ProofTruncated, || InclusionProof::decode(&header));
        let items = [exectable::commit::ProofItem::ItemHash(B256::ZERO)];
        rejects(&format!("proof k={k} s={s} verified"), ErrorCode::ProofTruncated, || {
            InclusionProof::verify_encoded(&header, &exectable::commit::ExpectedCommitment::Digest(B256::ZERO), &items)
        });
    }
}

#[test]
fn json_claims() {
    // Deep nesting in a few bytes per level, and far more items than the bound.
    let deep = "[".repeat(100_000);
    rejects("100000 nested arrays", ErrorCode::InputTooLarge, || parse_json(&deep));
    let deep_objects = "{\"a\":".repeat(MAX_JSON_DEPTH + 1);
    rejects("nested objects", ErrorCode::InputTooLarge, || l1::ExecutionEntry::from_json_str(&deep_objects));
    let items = format!("[{}0]", "0,".repeat(MAX_JSON_ITEMS));
    rejects("items above the bound", ErrorCode::InputTooLarge, || parse_json(&items));
    rejects("receipt items above the bound", ErrorCode::InputTooLarge, || {
        exectable::receipt::Receipt::from_json_str(&items)
    });
    // At the bound the same text parses (the bound is what it says).
    let at_bound = format!("[{}0]", "0,".repeat(MAX_JSON_ITEMS - 2));
    assert_eq!(parse_json(&at_bound).unwrap().as_array().unwrap().len(), MAX_JSON_ITEMS - 1);
}

use exectable::CanonicalJson;

#[test]
fn inputs_above_the_size_bounds() {
    // Allocated before the measurement: only what the decoders do with them counts.
    let abi = vec![0u8; MAX_ABI_BYTES + 1];
    rejects("struct", ErrorCode::InputTooLarge, || l1::ExecutionEntry::abi_decode_struct(&abi));
    rejects("ManagerCall", ErrorCode::InputTooLarge, || ManagerCall::decode(&abi));
    rejects("postAndVerifyBatch", ErrorCode::InputTooLarge, || decode_post_and_verify_batch(&abi));
    rejects("revert", ErrorCode::InputTooLarge, || decode_revert(&abi));
    rejects("log", ErrorCode::InputTooLarge, || decode_l1_log(&[B256::ZERO], &abi));
    let proof = vec![1u8; MAX_PROOF_BYTES + 1];
    rejects("proof", ErrorCode::InputTooLarge, || InclusionProof::decode(&proof));
    let json = " ".repeat(MAX_JSON_TEXT_BYTES + 1);
    rejects("JSON text", ErrorCode::InputTooLarge, || parse_json(&json));
    rejects("OCP artifact text", ErrorCode::InputTooLarge, || exectable::ocp::OcpArtifact::from_json_str(&json));
    // The error names the input and the bound.
    let e = ManagerCall::decode(&abi).unwrap_err();
    assert_eq!(e.path(), Some("calldata"));
    assert!(e.to_string().contains(&MAX_ABI_BYTES.to_string()), "{e}");
    // At the bound, the size check passes and the decoder proper answers.
    let e = ManagerCall::decode(&abi[..MAX_ABI_BYTES]).unwrap_err();
    assert_eq!(e.code(), ErrorCode::AbiUnknownSelector);
}
