//! Property tests of the codec: ABI and JSON round trips of every protocol struct, rejection of
//! every truncation, canonical-only acceptance under random corruption, the same for manager
//! calldata, and differential checks of the digests against alloy's encoder.

#![allow(non_snake_case)] // bindings named after the Solidity fields

use alloy_primitives::{keccak256, Address, Bytes, B256, I256, U256};
use alloy_sol_types::SolValue;
use exectable::abi::calldata::{
    decode_load_execution_table, decode_post_and_verify_batch, encode_load_execution_table,
    encode_post_and_verify_batch,
};
use exectable::hash::call::{cross_chain_call_hash, cross_chain_call_preimage, CrossChainCallHashInput};
use exectable::types::l1::{self, IEEZ};
use exectable::types::l2::{self, IEEZL2};
use exectable::types::StructKind;
use exectable::{AbiStruct, CanonicalJson, ErrorCode, ManagerCall};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;
use std::fmt::Debug;

// ---------------------------------------------------------------------------------------------
// Leaf strategies
// ---------------------------------------------------------------------------------------------

fn u256() -> impl Strategy<Value = U256> {
    prop_oneof![
        Just(U256::ZERO),
        Just(U256::from(1u8)),
        Just(U256::MAX),
        Just(U256::from(u64::MAX)),
        any::<u64>().prop_map(U256::from),
        any::<[u8; 32]>().prop_map(U256::from_be_bytes),
    ]
}

fn i256() -> impl Strategy<Value = I256> {
    prop_oneof![
        Just(I256::ZERO),
        Just(I256::MINUS_ONE),
        Just(I256::MIN),
        Just(I256::MAX),
        any::<i64>().prop_map(|v| I256::try_from(v).expect("i64 fits")),
        any::<[u8; 32]>().prop_map(|b| I256::from_raw(U256::from_be_bytes(b))),
    ]
}

fn u64s() -> impl Strategy<Value = u64> {
    prop_oneof![Just(0u64), Just(1u64), Just(u64::MAX), any::<u64>()]
}

fn address() -> impl Strategy<Value = Address> {
    prop_oneof![
        1 => Just(Address::ZERO),
        1 => Just(Address::repeat_byte(0xff)),
        4 => any::<[u8; 20]>().prop_map(Address::from),
    ]
}

fn b256() -> impl Strategy<Value = B256> {
    prop_oneof![
        1 => Just(B256::ZERO),
        1 => Just(B256::repeat_byte(0xff)),
        4 => any::<[u8; 32]>().prop_map(B256::from),
    ]
}

/// Byte strings of length 0..=70, with the padding boundaries (0, 31, 32, 33, 63, 64, 65) favoured.
fn bytes() -> impl Strategy<Value = Bytes> {
    prop_oneof![
        2 => prop::collection::vec(any::<u8>(), 0..=70),
        1 => prop::sample::select(vec![0usize, 1, 31, 32, 33, 63, 64, 65])
            .prop_flat_map(|n| prop::collection::vec(any::<u8>(), n)),
    ]
    .prop_map(Bytes::from)
}

fn small_vec<S: Strategy>(s: S) -> impl Strategy<Value = Vec<S::Value>> {
    prop::collection::vec(s, 0..3)
}

// ---------------------------------------------------------------------------------------------
// L1 struct strategies
// ---------------------------------------------------------------------------------------------

fn l1_state_delta() -> impl Strategy<Value = l1::StateDelta> {
    (u256(), b256(), b256(), i256()).prop_map(|(rollupId, currentState, newState, etherDelta)| l1::StateDelta {
        rollupId,
        currentState,
        newState,
        etherDelta,
    })
}

fn l1_l2_to_l1_call() -> impl Strategy<Value = l1::L2ToL1Call> {
    (address(), u256(), bytes(), address(), u256(), u256()).prop_map(
        |(targetAddress, value, data, sourceAddress, sourceRollupId, revertSpan)| l1::L2ToL1Call {
            targetAddress,
            value,
            data,
            sourceAddress,
            sourceRollupId,
            revertSpan,
        },
    )
}

fn l1_expected_l1_to_l2_call() -> impl Strategy<Value = l1::ExpectedL1ToL2Call> {
    (b256(), u256(), bytes()).prop_map(|(crossChainCallHash, callCount, returnData)| l1::ExpectedL1ToL2Call {
        crossChainCallHash,
        callCount,
        returnData,
    })
}

fn l1_expected_lookup() -> impl Strategy<Value = l1::ExpectedLookup> {
    (
        b256(),
        bytes(),
        any::<bool>(),
        u64s(),
        u64s(),
        u64s(),
        small_vec(l1_l2_to_l1_call()),
        small_vec(l1_expected_l1_to_l2_call()),
        u256(),
        b256(),
    )
        .prop_map(
            |(
                crossChainCallHash,
                returnData,
                failed,
                l2ToL1CallNumber,
                lastL1ToL2CallConsumed,
                executingLookupIndex,
                l2ToL1Calls,
                expectedL1ToL2Calls,
                callCount,
                rollingHash,
            )| l1::ExpectedLookup {
                crossChainCallHash,
                returnData,
                failed,
                l2ToL1CallNumber,
                lastL1ToL2CallConsumed,
                executingLookupIndex,
                l2ToL1Calls,
                expectedL1ToL2Calls,
                callCount,
                rollingHash,
            },
        )
}

fn l1_execution_entry() -> impl Strategy<Value = l1::ExecutionEntry> {
    (
        small_vec(l1_state_delta()),
        b256(),
        u256(),
        small_vec(l1_l2_to_l1_call()),
        small_vec(l1_expected_l1_to_l2_call()),
        small_vec(l1_expected_lookup()),
        u256(),
        bytes(),
        b256(),
    )
        .prop_map(
            |(
                stateDeltas,
                proxyEntryHash,
                destinationRollupId,
                l2ToL1Calls,
                expectedL1ToL2Calls,
                expectedLookups,
                callCount,
                returnData,
                rollingHash,
            )| l1::ExecutionEntry {
                stateDeltas,
                proxyEntryHash,
                destinationRollupId,
                l2ToL1Calls,
                expectedL1ToL2Calls,
                expectedLookups,
                callCount,
                returnData,
                rollingHash,
            },
        )
}

fn l1_expected_state_root() -> impl Strategy<Value = l1::ExpectedStateRootPerRollup> {
    (u256(), b256()).prop_map(|(rollupId, stateRoot)| l1::ExpectedStateRootPerRollup { rollupId, stateRoot })
}

fn l1_lookup_call() -> impl Strategy<Value = l1::LookupCall> {
    (
        b256(),
        u256(),
        bytes(),
        any::<bool>(),
        small_vec(l1_l2_to_l1_call()),
        small_vec(l1_expected_l1_to_l2_call()),
        small_vec(l1_expected_lookup()),
        u256(),
        b256(),
        small_vec(l1_expected_state_root()),
    )
        .prop_map(
            |(
                crossChainCallHash,
                destinationRollupId,
                returnData,
                failed,
                l2ToL1Calls,
                expectedL1ToL2Calls,
                expectedLookups,
                callCount,
                rollingHash,
                expectedStateRoots,
            )| l1::LookupCall {
                crossChainCallHash,
                destinationRollupId,
                returnData,
                failed,
                l2ToL1Calls,
                expectedL1ToL2Calls,
                expectedLookups,
                callCount,
                rollingHash,
                expectedStateRoots,
            },
        )
}

fn l1_rollup_with_proof_systems() -> impl Strategy<Value = l1::RollupIdWithProofSystems> {
    (u256(), small_vec(u64s()))
        .prop_map(|(rollupId, proofSystemIndex)| l1::RollupIdWithProofSystems { rollupId, proofSystemIndex })
}

fn l1_batch() -> impl Strategy<Value = l1::ProofSystemBatchPerVerificationEntries> {
    (
        small_vec(l1_execution_entry()),
        small_vec(l1_lookup_call()),
        u256(),
        u256(),
        small_vec(address()),
        small_vec(l1_rollup_with_proof_systems()),
        b256(),
        small_vec(u256()),
        bytes(),
        small_vec(bytes()),
        u64s(),
    )
        .prop_map(
            |(
                entries,
                l1ToL2lookupCalls,
                transientExecutionEntryCount,
                transientLookupCallCount,
                proofSystems,
                rollupIdsWithProofSystems,
                crossProofSystemInteractions,
                blobIndices,
                callData,
                proofs,
                blockNumber,
            )| l1::ProofSystemBatchPerVerificationEntries {
                entries,
                l1ToL2lookupCalls,
                transientExecutionEntryCount,
                transientLookupCallCount,
                proofSystems,
                rollupIdsWithProofSystems,
                crossProofSystemInteractions,
                blobIndices,
                callData,
                proofs,
                blockNumber,
            },
        )
}

// ---------------------------------------------------------------------------------------------
// L2 struct strategies
// ---------------------------------------------------------------------------------------------

fn l2_cross_chain_call() -> impl Strategy<Value = l2::CrossChainCall> {
    (address(), u256(), bytes(), address(), u256(), u256()).prop_map(
        |(targetAddress, value, data, sourceAddress, sourceRollupId, revertSpan)| l2::CrossChainCall {
            targetAddress,
            value,
            data,
            sourceAddress,
            sourceRollupId,
            revertSpan,
        },
    )
}

fn l2_expected_outgoing_call() -> impl Strategy<Value = l2::ExpectedOutgoingCrossChainCall> {
    (b256(), u256(), bytes()).prop_map(|(crossChainCallHash, callCount, returnData)| {
        l2::ExpectedOutgoingCrossChainCall { crossChainCallHash, callCount, returnData }
    })
}

fn l2_expected_lookup() -> impl Strategy<Value = l2::ExpectedLookup> {
    (
        b256(),
        bytes(),
        any::<bool>(),
        u64s(),
        u64s(),
        u64s(),
        small_vec(l2_cross_chain_call()),
        small_vec(l2_expected_outgoing_call()),
        u256(),
        b256(),
    )
        .prop_map(
            |(
                crossChainCallHash,
                returnData,
                failed,
                callNumber,
                lastOutgoingCallConsumed,
                executingLookupIndex,
                incomingCalls,
                expectedOutgoingCalls,
                callCount,
                rollingHash,
            )| l2::ExpectedLookup {
                crossChainCallHash,
                returnData,
                failed,
                callNumber,
                lastOutgoingCallConsumed,
                executingLookupIndex,
                incomingCalls,
                expectedOutgoingCalls,
                callCount,
                rollingHash,
            },
        )
}

fn l2_execution_entry() -> impl Strategy<Value = l2::ExecutionEntry> {
    (
        b256(),
        small_vec(l2_cross_chain_call()),
        small_vec(l2_expected_outgoing_call()),
        small_vec(l2_expected_lookup()),
        u256(),
        bytes(),
        b256(),
    )
        .prop_map(
            |(
                proxyEntryHash,
                incomingCalls,
                expectedOutgoingCalls,
                expectedLookups,
                callCount,
                returnData,
                rollingHash,
            )| l2::ExecutionEntry {
                proxyEntryHash,
                incomingCalls,
                expectedOutgoingCalls,
                expectedLookups,
                callCount,
                returnData,
                rollingHash,
            },
        )
}

fn l2_lookup_call() -> impl Strategy<Value = l2::LookupCall> {
    (
        b256(),
        bytes(),
        any::<bool>(),
        small_vec(l2_cross_chain_call()),
        small_vec(l2_expected_outgoing_call()),
        small_vec(l2_expected_lookup()),
        u256(),
        b256(),
    )
        .prop_map(
            |(
                crossChainCallHash,
                returnData,
                failed,
                incomingCalls,
                expectedOutgoingCalls,
                expectedLookups,
                callCount,
                rollingHash,
            )| l2::LookupCall {
                crossChainCallHash,
                returnData,
                failed,
                incomingCalls,
                expectedOutgoingCalls,
                expectedLookups,
                callCount,
                rollingHash,
            },
        )
}

// ---------------------------------------------------------------------------------------------
// Corruption of valid encodings
// ---------------------------------------------------------------------------------------------

/// One corruption of an encoding: a byte anywhere, or a whole aligned word.
#[derive(Debug, Clone)]
enum Mutation {
    Byte(Index, u8),
    Word(Index, [u8; 32]),
}

fn word_of(v: U256) -> [u8; 32] {
    v.to_be_bytes::<32>()
}

/// Words a decoder might mistake for offsets or lengths, plus random ones.
fn interesting_word() -> impl Strategy<Value = [u8; 32]> {
    prop_oneof![
        prop::sample::select(vec![
            0u64,
            1,
            2,
            3,
            0x1f,
            0x20,
            0x21,
            0x40,
            0x60,
            0xc0,
            0x100,
            0x120,
            0x160,
            1 << 32,
            u64::MAX
        ])
        .prop_map(|v| word_of(U256::from(v))),
        any::<u16>().prop_map(|v| word_of(U256::from(v))),
        Just(word_of(U256::from(1u8) << 64)),
        Just(word_of(U256::from(1u8) << 255)),
        Just(word_of(U256::MAX)),
        any::<[u8; 32]>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Byte(i, b)),
        (any::<Index>(), interesting_word()).prop_map(|(i, w)| Mutation::Word(i, w)),
    ]
}

/// Applies `m` to `buf`, whose words start at `base` (0 for a struct, 4 for calldata).
fn apply(buf: &mut [u8], base: usize, m: &Mutation) {
    match m {
        Mutation::Byte(i, b) => {
            let at = i.index(buf.len());
            buf[at] = *b;
        }
        Mutation::Word(i, w) => {
            let words = (buf.len() - base) / 32;
            if words > 0 {
                let at = base + 32 * i.index(words);
                buf[at..at + 32].copy_from_slice(w);
            }
        }
    }
}

/// Decoding `input` must not panic; an error must be a typed ABI fault (never `AbiRejected`,
/// which would mean the layout check let through something alloy refused) with an offset inside
/// the input; a success must re-encode to exactly `input`.
fn check_canonical_only(
    input: &[u8],
    decode_reencode: &dyn Fn(&[u8]) -> exectable::Result<Vec<u8>>,
) -> Result<(), TestCaseError> {
    match decode_reencode(input) {
        Ok(re) => prop_assert_eq!(re.as_slice(), input, "accepted a non-canonical encoding"),
        Err(e) => {
            prop_assert_ne!(e.code(), ErrorCode::AbiRejected, "layout check passed input alloy refused: {}", e);
            if let Some(off) = e.offset() {
                prop_assert!(off <= input.len(), "error offset {} beyond input of {} bytes: {}", off, input.len(), e);
            }
        }
    }
    Ok(())
}

fn check_mutations(
    valid: &[u8],
    base: usize,
    muts: &[Mutation],
    decode_reencode: &dyn Fn(&[u8]) -> exectable::Result<Vec<u8>>,
) -> Result<(), TestCaseError> {
    // Each mutation alone, then all of them together.
    for m in muts {
        let mut buf = valid.to_vec();
        apply(&mut buf, base, m);
        check_canonical_only(&buf, decode_reencode)?;
    }
    let mut buf = valid.to_vec();
    for m in muts {
        apply(&mut buf, base, m);
    }
    check_canonical_only(&buf, decode_reencode)
}

/// Every strict prefix (all of them for short encodings; for long ones every word boundary, its
/// neighbours and `samples`) must be rejected as truncated, without panicking.
fn check_prefixes<T: Debug>(
    valid: &[u8],
    samples: &[Index],
    decode: &dyn Fn(&[u8]) -> exectable::Result<T>,
) -> Result<(), TestCaseError> {
    let len = valid.len();
    let cuts: Vec<usize> = if len <= 1024 {
        (0..len).collect()
    } else {
        let mut c: Vec<usize> = (0..len).step_by(32).flat_map(|w| [w.saturating_sub(1), w, w + 1, w + 4]).collect();
        c.extend(samples.iter().map(|i| i.index(len)));
        c.retain(|c| *c < len);
        c
    };
    for cut in cuts {
        match decode(&valid[..cut]) {
            Ok(v) => return Err(TestCaseError::fail(format!("prefix of {cut}/{len} bytes decoded: {v:?}"))),
            Err(e) => prop_assert!(
                matches!(e.code(), ErrorCode::AbiTruncated | ErrorCode::AbiLengthTooLarge),
                "prefix of {}/{} bytes: unexpected error {:?}",
                cut,
                len,
                e
            ),
        }
    }
    Ok(())
}

/// `cases` per property (sized so the whole file runs in seconds in a debug build), unless
/// `PROPTEST_CASES` asks for more; no regression files are written next to the sources.
fn no_persistence(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(cases);
    ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(cases) }
}

fn struct_reencode<T: AbiStruct>(bytes: &[u8]) -> exectable::Result<Vec<u8>> {
    T::abi_decode_struct(bytes).map(|v| v.abi_encode_struct())
}

// ---------------------------------------------------------------------------------------------
// Per-struct properties
// ---------------------------------------------------------------------------------------------

macro_rules! struct_props {
    ($module:ident, $ty:ty, $kind:expr, $strategy:expr, $cases:expr) => {
        mod $module {
            use super::*;

            proptest! {
                #![proptest_config(no_persistence($cases))]

                /// abi_decode_struct(abi_encode_struct(x)) == x, and StructKind agrees.
                #[test]
                fn abi_roundtrip(x in $strategy) {
                    let enc = x.abi_encode_struct();
                    prop_assert_eq!(enc.len() % 32, 0);
                    prop_assert_eq!(&enc, &<$ty as SolValue>::abi_encode(&x));
                    prop_assert_eq!(<$ty>::abi_decode_struct(&enc)?, x.clone());
                    prop_assert_eq!($kind.decode_to_json(&enc)?, x.to_json());
                    prop_assert_eq!($kind.encode_from_json(&x.to_json())?, enc);
                }

                /// from_json(to_json(x)) == x, the text form round-trips, and to_json is a fixpoint.
                #[test]
                fn json_roundtrip(x in $strategy) {
                    let json = x.to_json();
                    let back = <$ty>::from_json(&json)?;
                    prop_assert_eq!(&back, &x);
                    prop_assert_eq!(back.to_json(), json);
                    let text = x.to_json_string();
                    prop_assert_eq!(<$ty>::from_json_str(&text)?, x.clone());
                    prop_assert_eq!(<$ty>::from_json_str(&text)?.to_json_string(), text);
                }

                /// Every strict prefix of a valid encoding is rejected with a truncation error.
                #[test]
                fn prefixes_rejected(x in $strategy, samples in prop::collection::vec(any::<Index>(), 32)) {
                    let enc = x.abi_encode_struct();
                    check_prefixes(&enc, &samples, &|b| <$ty>::abi_decode_struct(b))?;
                }

                /// Random byte and word corruption: no panic, and only canonical encodings decode.
                #[test]
                fn mutations_canonical_only(x in $strategy, muts in prop::collection::vec(mutation(), 1..5)) {
                    let enc = x.abi_encode_struct();
                    check_mutations(&enc, 0, &muts, &struct_reencode::<$ty>)?;
                }
            }
        }
    };
}

struct_props!(l1_state_delta_props, l1::StateDelta, StructKind::L1StateDelta, l1_state_delta(), 256);
struct_props!(l1_l2_to_l1_call_props, l1::L2ToL1Call, StructKind::L1L2ToL1Call, l1_l2_to_l1_call(), 256);
struct_props!(
    l1_expected_l1_to_l2_call_props,
    l1::ExpectedL1ToL2Call,
    StructKind::L1ExpectedL1ToL2Call,
    l1_expected_l1_to_l2_call(),
    256
);
struct_props!(l1_expected_lookup_props, l1::ExpectedLookup, StructKind::L1ExpectedLookup, l1_expected_lookup(), 128);
struct_props!(l1_execution_entry_props, l1::ExecutionEntry, StructKind::L1ExecutionEntry, l1_execution_entry(), 64);
struct_props!(
    l1_expected_state_root_props,
    l1::ExpectedStateRootPerRollup,
    StructKind::L1ExpectedStateRootPerRollup,
    l1_expected_state_root(),
    256
);
struct_props!(l1_lookup_call_props, l1::LookupCall, StructKind::L1LookupCall, l1_lookup_call(), 64);
struct_props!(
    l1_rollup_with_proof_systems_props,
    l1::RollupIdWithProofSystems,
    StructKind::L1RollupIdWithProofSystems,
    l1_rollup_with_proof_systems(),
    256
);
struct_props!(
    l1_batch_props,
    l1::ProofSystemBatchPerVerificationEntries,
    StructKind::L1ProofSystemBatchPerVerificationEntries,
    l1_batch(),
    24
);
struct_props!(l2_cross_chain_call_props, l2::CrossChainCall, StructKind::L2CrossChainCall, l2_cross_chain_call(), 256);
struct_props!(
    l2_expected_outgoing_call_props,
    l2::ExpectedOutgoingCrossChainCall,
    StructKind::L2ExpectedOutgoingCrossChainCall,
    l2_expected_outgoing_call(),
    256
);
struct_props!(l2_expected_lookup_props, l2::ExpectedLookup, StructKind::L2ExpectedLookup, l2_expected_lookup(), 128);
struct_props!(l2_execution_entry_props, l2::ExecutionEntry, StructKind::L2ExecutionEntry, l2_execution_entry(), 64);
struct_props!(l2_lookup_call_props, l2::LookupCall, StructKind::L2LookupCall, l2_lookup_call(), 64);

// ---------------------------------------------------------------------------------------------
// Manager calldata
// ---------------------------------------------------------------------------------------------

fn manager_reencode(calldata: &[u8]) -> exectable::Result<Vec<u8>> {
    ManagerCall::decode(calldata).map(|c| c.encode())
}

fn batch_reencode(calldata: &[u8]) -> exectable::Result<Vec<u8>> {
    decode_post_and_verify_batch(calldata).map(|b| encode_post_and_verify_batch(&b))
}

fn load_reencode(calldata: &[u8]) -> exectable::Result<Vec<u8>> {
    decode_load_execution_table(calldata).map(|(e, l)| encode_load_execution_table(&e, &l))
}

proptest! {
    #![proptest_config(no_persistence(24))]

    /// postAndVerifyBatch calldata: encode/decode agree with ManagerCall and alloy, and round-trip.
    #[test]
    fn post_and_verify_batch_roundtrip(batch in l1_batch()) {
        let call = IEEZ::postAndVerifyBatchCall { batch: batch.clone() };
        let cd = encode_post_and_verify_batch(&batch);
        prop_assert_eq!(&cd[..4], &[0x8b, 0x1a, 0x09, 0x5a][..]);
        prop_assert_eq!(&cd, &alloy_sol_types::SolCall::abi_encode(&call));
        prop_assert_eq!(&cd, &ManagerCall::PostAndVerifyBatch(call.clone()).encode());
        prop_assert_eq!(decode_post_and_verify_batch(&cd)?, batch);
        let decoded = ManagerCall::decode(&cd)?;
        prop_assert_eq!(decoded.function_name(), "postAndVerifyBatch");
        prop_assert_eq!(decoded.clone(), ManagerCall::PostAndVerifyBatch(call));
        let json = decoded.to_json();
        prop_assert_eq!(ManagerCall::from_json(&json)?, decoded);
    }

    /// Every strict prefix of postAndVerifyBatch calldata is rejected (both decoders).
    #[test]
    fn post_and_verify_batch_prefixes_rejected(batch in l1_batch(), samples in prop::collection::vec(any::<Index>(), 32)) {
        let cd = encode_post_and_verify_batch(&batch);
        check_prefixes(&cd, &samples, &ManagerCall::decode)?;
        check_prefixes(&cd, &samples, &decode_post_and_verify_batch)?;
    }

    /// Corrupted postAndVerifyBatch calldata: no panic, only canonical calldata decodes.
    #[test]
    fn post_and_verify_batch_mutations(batch in l1_batch(), muts in prop::collection::vec(mutation(), 1..5)) {
        let cd = encode_post_and_verify_batch(&batch);
        check_mutations(&cd, 4, &muts, &manager_reencode)?;
        check_mutations(&cd, 4, &muts, &batch_reencode)?;
    }
}

proptest! {
    #![proptest_config(no_persistence(48))]

    /// L2 loadExecutionTable calldata round-trips through both decoders.
    #[test]
    fn load_execution_table_roundtrip(
        entries in small_vec(l2_execution_entry()),
        lookups in small_vec(l2_lookup_call()),
    ) {
        let cd = encode_load_execution_table(&entries, &lookups);
        let call = IEEZL2::loadExecutionTableCall { entries: entries.clone(), _lookupCalls: lookups.clone() };
        prop_assert_eq!(&cd[..4], &[0x59, 0x68, 0x3c, 0x8b][..]);
        prop_assert_eq!(&cd, &alloy_sol_types::SolCall::abi_encode(&call));
        prop_assert_eq!(decode_load_execution_table(&cd)?, (entries, lookups));
        let decoded = ManagerCall::decode(&cd)?;
        prop_assert_eq!(decoded.function_name(), "loadExecutionTable");
        prop_assert_eq!(&decoded, &ManagerCall::LoadExecutionTable(call));
        prop_assert_eq!(decoded.encode(), cd);
        prop_assert_eq!(ManagerCall::from_json(&decoded.to_json())?, decoded);
    }

    /// Every strict prefix of loadExecutionTable calldata is rejected.
    #[test]
    fn load_execution_table_prefixes_rejected(
        entries in small_vec(l2_execution_entry()),
        lookups in small_vec(l2_lookup_call()),
        samples in prop::collection::vec(any::<Index>(), 32),
    ) {
        let cd = encode_load_execution_table(&entries, &lookups);
        check_prefixes(&cd, &samples, &ManagerCall::decode)?;
        check_prefixes(&cd, &samples, &decode_load_execution_table)?;
    }

    /// Corrupted loadExecutionTable calldata: no panic, only canonical calldata decodes.
    #[test]
    fn load_execution_table_mutations(
        entries in small_vec(l2_execution_entry()),
        lookups in small_vec(l2_lookup_call()),
        muts in prop::collection::vec(mutation(), 1..5),
    ) {
        let cd = encode_load_execution_table(&entries, &lookups);
        check_mutations(&cd, 4, &muts, &manager_reencode)?;
        check_mutations(&cd, 4, &muts, &load_reencode)?;
    }
}

// ---------------------------------------------------------------------------------------------
// Differential digests
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(no_persistence(256))]

    /// The hand-rolled cross-chain call preimage equals alloy's abi.encode of the six params,
    /// and the hash is its keccak (free functions and CrossChainCallHashInput alike).
    #[test]
    fn cross_chain_call_preimage_matches_alloy(
        target_rollup in u256(),
        target in address(),
        value in u256(),
        data in bytes(),
        source in address(),
        source_rollup in u256(),
    ) {
        let alloy = (target_rollup, target, value, data.clone(), source, source_rollup).abi_encode_params();
        let pre = cross_chain_call_preimage(target_rollup, target, value, &data, source, source_rollup);
        prop_assert_eq!(&pre, &alloy);
        let hash = cross_chain_call_hash(target_rollup, target, value, &data, source, source_rollup);
        prop_assert_eq!(hash, keccak256(&alloy));
        let input = CrossChainCallHashInput {
            targetRollupId: target_rollup,
            targetAddress: target,
            value,
            data,
            sourceAddress: source,
            sourceRollupId: source_rollup,
        };
        prop_assert_eq!(input.preimage(), alloy);
        prop_assert_eq!(input.hash(), hash);
    }
}

proptest! {
    #![proptest_config(no_persistence(64))]

    /// entry.hash() is keccak256(abi.encode(entry)), and abi.encode(entry) == abi.encode((entry,)).
    #[test]
    fn entry_hash_is_keccak_of_encoding(entry in l1_execution_entry()) {
        let enc = entry.abi_encode_struct();
        prop_assert_eq!(&enc, &(entry.clone(),).abi_encode_params());
        prop_assert_eq!(entry.hash(), keccak256(&enc));
        prop_assert_eq!(exectable::hash::entry::entry_hash(&entry), keccak256(&enc));
    }

    /// lookupCall.hash() is keccak256(abi.encode(lookupCall)).
    #[test]
    fn lookup_call_hash_is_keccak_of_encoding(lookup in l1_lookup_call()) {
        let enc = lookup.abi_encode_struct();
        prop_assert_eq!(&enc, &(lookup.clone(),).abi_encode_params());
        prop_assert_eq!(lookup.hash(), keccak256(&enc));
    }
}
