//! The EVM decoding mode against the compiled contracts: thousands of deterministic mutations of
//! accepted manager calldata, each sent to the real contract on a local anvil node
//! (`debug_traceCall`) and decoded in `DecodeMode::Evm`. The two must agree on acceptance, and
//! where both accept, on the values.
//!
//! * L1, `postAndVerifyBatch` to the EEZ (`callTracer`), decoded by
//!   `decode_post_and_verify_batch_with`: every `verify(proof, publicInputsHash)` the contract
//!   makes must carry the decoded `proofs[k]` to the decoded `proofSystems[k]` with the
//!   `publicInputsHash` recomputed from the decoded batch (and the vkeys, timestamps and block
//!   hashes the rollup managers returned in the same trace).
//! * L2, `loadExecutionTable` and `executeIncomingCrossChainCall` to the EEZL2 (`callTracer` with
//!   logs, from `SYSTEM_ADDRESS`), decoded by `ManagerCall::decode_with`: the
//!   `ExecutionTableLoaded` log must be `abi.encode(decoded entries)` (and, for the incoming call,
//!   `IncomingCrossChainCallExecuted` the decoded parameters, the return data the decoded
//!   `entries[0].returnData`); and the call must have the same effects — every log, sub-call and
//!   the return data (`callTracer`), every storage slot written (`prestateTracer`, diff mode: the
//!   whole table, lookup calls included, is copied to storage) — as the canonical encoding of the
//!   decoded call.
//!
//! Run through make: `make test-anvil` (a bounded deterministic sample) or `make
//! differential-full` (`EXECTABLE_DIFFERENTIAL=full`: every truncation of every call too). Both
//! set `ANVIL` to the pinned binary; without it the differential tests fail and say so.
//!
//! Each run prints a table of family × outcome and every disagreement with its label
//! (`call/family/variant @position path`); the calldata of each disagreement is written to
//! `target/tmp/anvil-differential/` (`…-l2/` for L2). `EXECTABLE_DIFFERENTIAL_LOG=FILE` also writes
//! one line per mutation (`FILE-l2` for L2): its label, what the contract did and what the decoder
//! said.

mod common;

use alloy_primitives::{hex, keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::{SolCall, SolError, SolEvent, SolValue};
use common::anvil::{
    checkProofSystemsAndGetVkeysCall, deploy, deploy_l2, getTimestampAndBlockHashCall, selector_of, verifyCall, Anvil,
    Deployment, L2Deployment, CONTRACTS,
};
use exectable::abi::calldata::{decode_post_and_verify_batch_with, encode_post_and_verify_batch, ManagerCall};
use exectable::abi::layout::{HasStaticShape, Shape, TupleShape, WordKind};
use exectable::abi::mode::{DecodeMode, Decoded, Layout};
use exectable::hash::call::cross_chain_call_hash;
use exectable::public_inputs::{BlobSource, ProofInputs, RollupVerificationInput};
use exectable::types::l1::{self, IEEZ};
use exectable::types::l2::{self, IEEZL2};
use exectable::validate::{validate_batch, ValidationContext};
use exectable::{decode_revert, CanonicalJson};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::time::{Duration, Instant};

type Batch = l1::ProofSystemBatchPerVerificationEntries;

/// Mutations sent per JSON-RPC batch (one HTTP request), at most.
const CHUNK: usize = 64;
/// Calldata bytes per JSON-RPC batch, at most (anvil refuses very large request bodies).
const CHUNK_BYTES: usize = 256 * 1024;
/// Mutations every accepted batch or call gets at least (sample and full run alike).
const MIN_PER_BATCH: usize = 1_100;
/// Mutations a run makes at least.
const MIN_TOTAL: usize = 2_000;

// ---------------------------------------------------------------------------------------------
// The tests.

/// The compiled contracts shipped in vectors/contracts/ are the shared build, byte for byte.
#[test]
fn shipped_contracts_are_byte_identical_to_the_shared_build() {
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/contracts/eez-5c51e02/");
    if !std::path::Path::new(shared).is_dir() {
        eprintln!("{shared} not present: skipping the identity check");
        return;
    }
    let mut checked = 0;
    for file in std::fs::read_dir(CONTRACTS).unwrap() {
        let path = file.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let ours = std::fs::read(&path).unwrap();
            let theirs = std::fs::read(format!("{shared}{name}")).unwrap_or_else(|e| panic!("{shared}{name}: {e}"));
            assert!(ours == theirs, "vectors/contracts/eez-5c51e02/{name} differs from {shared}{name}");
            checked += 1;
        }
    }
    assert_eq!(checked, 6, "EEZ, EEZL2, Rollup, MockProofSystem, Batcher, Counter");
}

/// The helpers the membership test builds on: a mined `postAndVerifyBatch` transaction with
/// canonical calldata, and one with a non-canonical layout the contract accepts (the batch moved
/// behind trailing garbage) — both succeed and emit `BatchPosted`, and the EVM decode of the mined
/// input is the batch.
#[test]
fn mined_batches_succeed_canonical_or_not() {
    let node = Anvil::start();
    let dep = deploy(&node);
    let batch = batch_one_rollup(&dep);
    let canonical = encode_post_and_verify_batch(&batch);
    // Non-canonical: 64 bytes of garbage after the head, the tuple behind them.
    let mut moved = canonical[..36].to_vec();
    moved.extend_from_slice(&[0xee; 64]);
    moved.extend_from_slice(&canonical[36..]);
    moved[4..36].copy_from_slice(&U256::from(32 + 64).to_be_bytes::<32>());
    let batch_posted = keccak256("BatchPosted(uint256)");
    for (name, data) in [("canonical", &canonical), ("moved", &moved)] {
        let receipt = dep.send_to_eez(&node, data);
        assert_eq!(receipt["status"], "0x1", "{name}: {receipt}");
        let logs = receipt["logs"].as_array().expect("logs");
        assert!(
            logs.iter().any(|l| l["topics"][0] == Value::String(batch_posted.to_string())),
            "{name}: no BatchPosted log: {receipt}"
        );
        let tx = node.call("eth_getTransactionByHash", serde_json::json!([receipt["transactionHash"]]));
        let input = common::anvil::parse_hex(&tx["input"]);
        assert_eq!(&input, data);
        let decoded =
            decode_post_and_verify_batch_with(&input, DecodeMode::Evm).expect("Evm decode of the mined input");
        assert_eq!(decoded.value, batch, "{name}");
        assert_eq!(decoded.layout.is_canonical(), name == "canonical", "{name}: {}", decoded.layout);
        let call = ManagerCall::decode_with(&input, DecodeMode::Evm).expect("ManagerCall::decode_with");
        assert_eq!(call.value.into_batch().as_ref(), Some(&batch));
    }
}

/// Where the mined re-encoded posting is recorded for the suites that have no node: the membership
/// vectors (core/tests/inclusion.rs) turn it into cases every binding runs.
const MINED_FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/anvil/mined-reencoded-posting.json");

/// A re-encoded copy of an accepted batch, mined on the real node, is *included* (non-canonical)
/// for `exectable verify membership`; a genuine non-member is *not included*; garbage is *cannot
/// decide* — exits 0, 1, 3. `EXECTABLE_WRITE_VECTORS=1` records the mined posting as the fixture
/// the bindings' suites verify.
#[test]
fn a_mined_reencoded_batch_is_included_a_non_member_is_not_garbage_cannot_decide() {
    let node = Anvil::start();
    let dep = deploy(&node);
    let batch = batch_one_rollup(&dep);
    let canonical = encode_post_and_verify_batch(&batch);
    // Re-encoded as a front-runner could: the batch's tuple moved behind 64 bytes of garbage,
    // callData's tail shared with nothing but moved to the end with dirty padding, a word appended.
    let mut reencoded = canonical[..36].to_vec();
    reencoded.extend_from_slice(&[0xee; 64]);
    reencoded.extend_from_slice(&canonical[36..]);
    reencoded[4..36].copy_from_slice(&U256::from(32 + 64).to_be_bytes::<32>());
    reencoded.extend_from_slice(&[0xab; 32]);
    let receipt = dep.send_to_eez(&node, &reencoded);
    assert_eq!(receipt["status"], "0x1", "{receipt}");
    let tx_hash = receipt["transactionHash"].as_str().expect("transactionHash").to_owned();
    let tx = node.call("eth_getTransactionByHash", serde_json::json!([tx_hash]));
    assert_eq!(common::anvil::parse_hex(&tx["input"]), reencoded);

    let dir = common::Scratch::new("mined-reencoded");
    let input = dir.file("input.hex", &hex::encode_prefixed(&reencoded));
    let receipt_file = dir.file("receipt.json", &receipt.to_string());
    let eez = dep.eez.to_string();
    let member = batch.entries[1].hash();
    let non_member = golden_entry(2).hash();
    assert!(batch.entries.iter().all(|e| e.hash() != non_member));
    let verify = |input: &str, hash: &B256| {
        common::run(&[
            "verify",
            "membership",
            "--tx-input",
            input,
            "--receipt",
            &receipt_file,
            "--manager",
            &eez,
            "--tx-hash",
            &tx_hash,
            "--entry-hash",
            &hash.to_string(),
        ])
    };
    let out = verify(&input, &member);
    let text = common::stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}{}", common::stderr(&out));
    assert!(text.starts_with("INCLUDED (non-canonical calldata): "), "{text}");
    assert!(text.contains("calldata: WARNING non-canonical encoding") && text.contains("(batch, offset)"), "{text}");
    let out = verify(&input, &non_member);
    assert_eq!(out.status.code(), Some(1), "{}", common::stdout(&out));
    assert!(common::stdout(&out).starts_with("NOT INCLUDED: ") && common::stdout(&out).contains("[code 604]"));
    let garbage = dir.file("garbage.hex", "0xdeadbeef00");
    let out = verify(&garbage, &member);
    assert_eq!(out.status.code(), Some(3), "{}", common::stdout(&out));
    assert!(common::stdout(&out).starts_with("CANNOT DECIDE: ") && common::stdout(&out).contains("[code 601]"));

    if std::env::var_os("EXECTABLE_WRITE_VECTORS").is_some() {
        let fixture = serde_json::json!({
            "description": "A postAndVerifyBatch transaction mined on anvil 1.7.1 (osaka) against the compiled EEZ \
                            (vectors/contracts/eez-5c51e02/): batch A of cli/tests/anvil_differential.rs re-encoded \
                            non-canonically (its tuple moved behind 64 bytes of 0xee, a word of 0xab appended); the \
                            contract accepted it (status 1, BatchPosted). Recorded by EXECTABLE_WRITE_VECTORS=1 make \
                            test-anvil; receipt exactly as the node returned it.",
            "manager": eez,
            "txHash": tx_hash,
            "txInput": hex::encode_prefixed(&reencoded),
            "receipt": receipt,
            "memberEntryHash": member.to_string(),
            "nonMemberEntryHash": non_member.to_string(),
        });
        std::fs::create_dir_all(std::path::Path::new(MINED_FIXTURE).parent().unwrap()).unwrap();
        std::fs::write(MINED_FIXTURE, serde_json::to_string_pretty(&fixture).unwrap() + "\n").unwrap();
    }
}

/// The differential: every mutation of every accepted batch, contract against decoder.
#[test]
fn evm_decoding_agrees_with_the_compiled_contract() {
    let full = std::env::var("EXECTABLE_DIFFERENTIAL").is_ok_and(|v| v == "full");
    let node = Anvil::start();
    let dep = deploy(&node);
    let batches = [
        ("A", batch_one_rollup(&dep), Truncation::Every),
        ("B", batch_two_rollups(&dep), if full { Truncation::Every } else { Truncation::Sample }),
        ("C", batch_empty(&dep), Truncation::Every),
    ];
    let verify_selector = selector_of("MockProofSystem", "verify(bytes,bytes32)");
    assert_eq!(verify_selector, verifyCall::SELECTOR);

    let started = Instant::now();
    let subject = L1 { dep: &dep };
    let mut report = Report::new(&subject, "");
    let mut latency = Duration::ZERO;
    let mut calls = 0usize;
    for (name, batch, truncation) in &batches {
        let canonical = encode_post_and_verify_batch(batch);
        // The batch itself: accepted by eth_call and by the trace check, canonical to the decoder.
        node.eth_call(dep.sender, dep.eez, &canonical)
            .unwrap_or_else(|e| panic!("batch {name}: postAndVerifyBatch reverts: {e}"));
        let trace = node.trace_calls(dep.sender, dep.eez, &[&canonical]).remove(0).expect("trace");
        let decoded = decode_post_and_verify_batch_with(&canonical, DecodeMode::Evm).expect("decode");
        assert_eq!(&decoded.value, batch);
        assert!(decoded.layout.is_canonical());
        check_trace(&trace, &decoded.value, &dep).unwrap_or_else(|e| panic!("batch {name}: {e}"));
        // The check has teeth: a batch that differs in a hashed field, a proof or the block number
        // does not pass for this trace.
        let mut wrong = vec![batch.clone(), batch.clone(), batch.clone()];
        wrong[0].crossProofSystemInteractions.0[31] ^= 1;
        wrong[1].proofs[0] = [batch.proofs[0].as_ref(), b"x"].concat().into();
        wrong[2].blockNumber ^= 1;
        for w in &wrong {
            assert!(check_trace(&trace, w, &dep).is_err(), "batch {name}: check_trace misses a difference");
        }

        let map = CalldataMap::of(&canonical, params::<IEEZ::postAndVerifyBatchCall>());
        let mutations = mutations(name, &canonical, &map, *truncation);
        println!(
            "batch {name}: {} bytes of calldata, {} offset words, {} length words, {} padding runs, {} checked \
             words; {} mutations",
            canonical.len(),
            map.nodes.len(),
            map.lengths.len(),
            map.paddings.len(),
            map.words.len(),
            mutations.len()
        );
        assert!(mutations.len() >= MIN_PER_BATCH, "batch {name}: only {} mutations", mutations.len());
        for chunk in chunks(&mutations, &canonical) {
            let datas: Vec<Vec<u8>> = chunk.iter().map(|m| m.apply(&canonical)).collect();
            let refs: Vec<&[u8]> = datas.iter().map(Vec::as_slice).collect();
            let t = Instant::now();
            let traces = node.trace_calls(dep.sender, dep.eez, &refs);
            latency += t.elapsed();
            calls += refs.len();
            for ((mutation, data), trace) in chunk.iter().zip(&datas).zip(traces) {
                report.record(&subject, mutation, data, classify(trace), subject.decode(data));
            }
        }
    }
    let elapsed = started.elapsed();
    println!(
        "\n{} mutations in {elapsed:.1?} ({}): debug_traceCall {:.2?} per call in JSON-RPC batches of {CHUNK}",
        report.total,
        if full { "EXECTABLE_DIFFERENTIAL=full" } else { "sample" },
        latency / u32::try_from(calls.max(1)).unwrap()
    );
    report.print();
    let problems = report.problems();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(report.total >= MIN_TOTAL, "only {} mutations ran (at least {MIN_TOTAL} needed)", report.total);
}

/// The differential on the L2 manager: every mutation of an accepted `loadExecutionTable` and of
/// an accepted `executeIncomingCrossChainCall`, the compiled EEZL2 against
/// `ManagerCall::decode_with(·, DecodeMode::Evm)`.
#[test]
fn evm_decoding_agrees_with_the_compiled_l2_manager() {
    let full = std::env::var("EXECTABLE_DIFFERENTIAL").is_ok_and(|v| v == "full");
    let node = Anvil::start();
    let dep = deploy_l2(&node);
    let truncation = if full { Truncation::Every } else { Truncation::Sample };
    let calls = [("L", l2_load(), truncation), ("I", l2_incoming(&dep), truncation)];
    let tracer = call_tracer_with_logs();
    let stranger = node.accounts()[1];

    let started = Instant::now();
    let mut subject = L2 { node: &node, dep: &dep, references: HashMap::new(), traced: 0 };
    let mut report = Report::new(&subject, "-l2");
    let mut latency = Duration::ZERO;
    let mut calls_traced = 0usize;
    for (name, call, truncation) in &calls {
        let canonical = call.encode();
        // The call itself: accepted from SYSTEM_ADDRESS only, canonical to the decoder, and
        // passing the value check against its own trace.
        node.eth_call(dep.system, dep.manager, &canonical)
            .unwrap_or_else(|e| panic!("call {name}: {} reverts: {e}", call.function_name()));
        let refused = node.eth_call(stranger, dep.manager, &canonical).expect_err("a stranger is refused");
        assert_eq!(refused["data"], hex::encode_prefixed(IEEZL2::Unauthorized::SELECTOR), "call {name}");
        let decoded = subject.decode(&canonical).expect("decode");
        assert_eq!(&decoded.value, call);
        assert!(decoded.layout.is_canonical());
        let frame = node.trace_each(dep.system, dep.manager, &[(&canonical, &tracer)]).remove(0);
        let mut accepted = match classify(frame) {
            Outcome::Accepted(accepted) => accepted,
            other => panic!("call {name}: {}", outcome_name(&other)),
        };
        accepted.storage = Some(subject.prepare(&[&canonical], &[call]).remove(0));
        subject.check(&accepted, call).unwrap_or_else(|e| panic!("call {name}: {e}"));
        // The check has teeth: a table that differs in the last entry's return data (logged), or in
        // a lookup call (stored, never logged: its rolling hash, its `callCount`, a nested
        // lookup's `uint64` key), does not pass for this call.
        let nested = |lookups: &mut Vec<l2::LookupCall>| {
            let host = lookups.iter_mut().find(|l| !l.expectedLookups.is_empty()).expect("a nested lookup");
            host.expectedLookups[0].callNumber ^= 1;
        };
        let wrong = [
            (
                "ExecutionTableLoaded data",
                with_table(call, |entries, _| {
                    let last = entries.last_mut().expect("entries");
                    last.returnData = [last.returnData.as_ref(), b"x"].concat().into();
                }),
            ),
            ("storage differs", with_table(call, |_, lookups| lookups[0].rollingHash.0[31] ^= 1)),
            (
                "storage differs",
                with_table(call, |_, lookups| lookups.last_mut().expect("lookups").callCount += U256::from(1)),
            ),
            ("storage differs", with_table(call, |_, lookups| nested(lookups))),
        ];
        subject.prepare(&[], &wrong.iter().map(|(_, w)| w).collect::<Vec<_>>());
        for (why, w) in &wrong {
            let e = subject.check(&accepted, w).expect_err("the value check misses a difference");
            assert!(e.contains(why), "call {name}: expected {why:?}, got {e}");
        }

        let map = CalldataMap::of(&canonical, l2_params(call));
        let mutations = mutations(name, &canonical, &map, *truncation);
        println!(
            "call {name} ({}): {} bytes of calldata, {} offset words, {} length words, {} padding runs, {} checked \
             words; {} mutations",
            call.function_name(),
            canonical.len(),
            map.nodes.len(),
            map.lengths.len(),
            map.paddings.len(),
            map.words.len(),
            mutations.len()
        );
        assert!(mutations.len() >= MIN_PER_BATCH, "call {name}: only {} mutations", mutations.len());
        for chunk in chunks(&mutations, &canonical) {
            let datas: Vec<Vec<u8>> = chunk.iter().map(|m| m.apply(&canonical)).collect();
            let requests: Vec<(&[u8], &Value)> = datas.iter().map(|d| (d.as_slice(), &tracer)).collect();
            let t = Instant::now();
            let traces = node.trace_each(dep.system, dep.manager, &requests);
            latency += t.elapsed();
            calls_traced += requests.len();
            let mut outcomes: Vec<Outcome> = traces.into_iter().map(classify).collect();
            let decoded: Vec<_> = datas.iter().map(|d| subject.decode(d)).collect();
            // Where both accept: the manager's storage after the mutated call, and the effects of
            // the canonical encoding of what the decoder read.
            let both: Vec<usize> = (0..chunk.len())
                .filter(|i| matches!(outcomes[*i], Outcome::Accepted(_)) && decoded[*i].is_ok())
                .collect();
            let both_data: Vec<&[u8]> = both.iter().map(|i| datas[*i].as_slice()).collect();
            let both_values: Vec<&ManagerCall> =
                both.iter().filter_map(|i| decoded[*i].as_ref().ok()).map(|d| &d.value).collect();
            let storages = subject.prepare(&both_data, &both_values);
            for (i, storage) in both.iter().zip(storages) {
                if let Outcome::Accepted(accepted) = &mut outcomes[*i] {
                    accepted.storage = Some(storage);
                }
            }
            for (((mutation, data), outcome), decoded) in chunk.iter().zip(&datas).zip(outcomes).zip(decoded) {
                report.record(&subject, mutation, data, outcome, decoded);
            }
        }
    }
    let elapsed = started.elapsed();
    println!(
        "\n{} L2 mutations in {elapsed:.1?} ({}): debug_traceCall {:.2?} per call in JSON-RPC batches of {CHUNK}, \
         and {} storage and reference traces ({} distinct decoded calls)",
        report.total,
        if full { "EXECTABLE_DIFFERENTIAL=full" } else { "sample" },
        latency / u32::try_from(calls_traced.max(1)).unwrap(),
        subject.traced,
        subject.references.len()
    );
    report.print();
    let problems = report.problems();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(report.total >= MIN_TOTAL, "only {} mutations ran (at least {MIN_TOTAL} needed)", report.total);
}

/// The mutations in runs of at most [`CHUNK`] calls and [`CHUNK_BYTES`] bytes of calldata.
fn chunks<'a>(mutations: &'a [Mutation], canonical: &[u8]) -> Vec<&'a [Mutation]> {
    split(mutations, |m| m.len(canonical.len()))
}

/// `items` in runs of at most [`CHUNK`] items and [`CHUNK_BYTES`] bytes (`size` of each item).
fn split<T>(items: &[T], size: impl Fn(&T) -> usize) -> Vec<&[T]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        let size = size(item);
        if i > start && (i - start == CHUNK || bytes + size > CHUNK_BYTES) {
            out.push(&items[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    if start < items.len() {
        out.push(&items[start..]);
    }
    out
}

/// The parameter tuple of function `C` (what its calldata encodes after the selector).
fn params<C: HasStaticShape>() -> &'static TupleShape {
    match C::static_shape() {
        Shape::Tuple(t) => t,
        _ => unreachable!("a call's shape is its parameter tuple"),
    }
}

// ---------------------------------------------------------------------------------------------
// The accepted batches.

/// The entry of golden case `l1EntryEncoding-public-<n>`.
fn golden_entry(n: u32) -> l1::ExecutionEntry {
    l1::ExecutionEntry::from_json(&common::case(&format!("l1EntryEncoding-public-{n:03}"))["inputs"]["entry"])
        .expect("golden entry")
}

/// The lookup call of golden case `l1LookupCallEncoding-public-<n>`.
fn golden_lookup(n: u32) -> l1::LookupCall {
    l1::LookupCall::from_json(&common::case(&format!("l1LookupCallEncoding-public-{n:03}"))["inputs"]["lookupCall"])
        .expect("golden lookup call")
}

/// Golden entries and lookup calls with every rollup id §6.1 checks rewritten to one of `ids`.
fn entries_and_lookups(
    entries: &[u32],
    lookups: &[u32],
    ids: &[u64],
) -> (Vec<l1::ExecutionEntry>, Vec<l1::LookupCall>) {
    let id = |i: usize| U256::from(ids[i % ids.len()]);
    let entries = entries
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let mut e = golden_entry(*n);
            e.destinationRollupId = id(i);
            for (j, delta) in e.stateDeltas.iter_mut().enumerate() {
                delta.rollupId = id(i + j);
            }
            e
        })
        .collect();
    let lookups = lookups
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let mut l = golden_lookup(*n);
            l.destinationRollupId = id(i + 1);
            l
        })
        .collect();
    (entries, lookups)
}

/// `len` deterministic bytes.
fn pattern(len: usize, seed: u8) -> Bytes {
    (0..len).map(|i| (i as u8).wrapping_mul(37).wrapping_add(seed)).collect::<Vec<u8>>().into()
}

/// A: rollup 1 with the first proof system; three entries and three lookup calls from the
/// golden vectors; a 45-byte callData, a 7-byte proof, no blobs, blockNumber 0.
fn batch_one_rollup(dep: &Deployment) -> Batch {
    let (entries, lookups) = entries_and_lookups(&[1, 4, 18], &[1, 11, 14], &[1]);
    Batch {
        entries,
        l1ToL2lookupCalls: lookups,
        transientExecutionEntryCount: U256::ZERO,
        transientLookupCallCount: U256::ZERO,
        proofSystems: vec![dep.proof_systems[0]],
        rollupIdsWithProofSystems: vec![l1::RollupIdWithProofSystems {
            rollupId: U256::from(1),
            proofSystemIndex: vec![0],
        }],
        crossProofSystemInteractions: keccak256("batch A"),
        blobIndices: vec![],
        callData: pattern(45, 1),
        proofs: vec![Bytes::from_static(b"proof-a")],
        blockNumber: 0,
    }
}

/// B: rollups 1 (both proof systems) and 2 (the second); entries and lookup calls with many
/// dynamic fields (odd-length bytes, nested lookups, reentrant tables); proofs of 5 and 33
/// bytes; three blob indices (no blobs: hashes 0); blockNumber `2^64-1` (the managers return
/// the posting block's timestamp and parent hash).
fn batch_two_rollups(dep: &Deployment) -> Batch {
    let (entries, lookups) = entries_and_lookups(&[2, 10, 17], &[3, 10], &[1, 2]);
    Batch {
        entries,
        l1ToL2lookupCalls: lookups,
        transientExecutionEntryCount: U256::ZERO,
        transientLookupCallCount: U256::ZERO,
        proofSystems: dep.proof_systems.clone(),
        rollupIdsWithProofSystems: vec![
            l1::RollupIdWithProofSystems { rollupId: U256::from(1), proofSystemIndex: vec![0, 1] },
            l1::RollupIdWithProofSystems { rollupId: U256::from(2), proofSystemIndex: vec![1] },
        ],
        crossProofSystemInteractions: keccak256("batch B"),
        blobIndices: vec![U256::ZERO, U256::from(3), U256::from(7)],
        callData: pattern(100, 2),
        proofs: vec![pattern(5, 3), pattern(33, 4)],
        blockNumber: u64::MAX,
    }
}

/// C: no entries, no lookup calls, empty callData; rollup 2 with the first proof system only
/// (the second is verified with `acc = 0`); an empty proof and a 1-byte proof; one blob index;
/// blockNumber 1 (the managers return `blockhash(1)`).
fn batch_empty(dep: &Deployment) -> Batch {
    Batch {
        entries: vec![],
        l1ToL2lookupCalls: vec![],
        transientExecutionEntryCount: U256::ZERO,
        transientLookupCallCount: U256::ZERO,
        proofSystems: dep.proof_systems.clone(),
        rollupIdsWithProofSystems: vec![l1::RollupIdWithProofSystems {
            rollupId: U256::from(2),
            proofSystemIndex: vec![0],
        }],
        crossProofSystemInteractions: B256::ZERO,
        blobIndices: vec![U256::from(5)],
        callData: Bytes::new(),
        proofs: vec![Bytes::new(), Bytes::from_static(&[0x01])],
        blockNumber: 1,
    }
}

// ---------------------------------------------------------------------------------------------
// The accepted L2 calls, and what the EEZL2 did with them.

/// The L2 entry of golden case `l2EntryEncoding-public-<n>`.
fn golden_l2_entry(n: u32) -> l2::ExecutionEntry {
    l2::ExecutionEntry::from_json(&common::case(&format!("l2EntryEncoding-public-{n:03}"))["inputs"]["entry"])
        .expect("golden L2 entry")
}

/// The L2 lookup call of golden case `l2LookupCallEncoding-public-<n>`.
fn golden_l2_lookup(n: u32) -> l2::LookupCall {
    l2::LookupCall::from_json(&common::case(&format!("l2LookupCallEncoding-public-{n:03}"))["inputs"]["lookupCall"])
        .expect("golden L2 lookup call")
}

/// L: `loadExecutionTable` of three golden entries and two golden lookup calls, as they are (the
/// manager validates nothing on load but the sender): flat calls, reentrant tables, nested
/// lookups with their own sub-calls and tables, odd-length `bytes`, `bool` and `uint64` keys.
fn l2_load() -> ManagerCall {
    ManagerCall::LoadExecutionTable(IEEZL2::loadExecutionTableCall {
        entries: [2, 12, 16].map(golden_l2_entry).to_vec(),
        _lookupCalls: [13, 5].map(golden_l2_lookup).to_vec(),
    })
}

/// I: `executeIncomingCrossChainCall` of a call with 69 bytes of data, value 0 (the trace sends
/// none), whose `entries[0]` runs nothing — `proxyEntryHash` the call's hash, no calls, no
/// reentrant table, `callCount` 0, rolling hash 0 — so it succeeds without any contract to call,
/// returning its 45 bytes of `returnData`; it carries a golden entry's nested lookups, a golden
/// entry follows it and one golden lookup call comes with them.
fn l2_incoming(dep: &L2Deployment) -> ManagerCall {
    let (destination, source, source_rollup) = (Address::repeat_byte(0x11), Address::repeat_byte(0x22), U256::from(7));
    let data = pattern(69, 5);
    let first = l2::ExecutionEntry {
        proxyEntryHash: cross_chain_call_hash(dep.rollup_id, destination, U256::ZERO, &data, source, source_rollup),
        expectedLookups: golden_l2_entry(15).expectedLookups,
        returnData: pattern(45, 6),
        ..Default::default()
    };
    ManagerCall::ExecuteIncomingCrossChainCall(IEEZL2::executeIncomingCrossChainCallCall {
        destination,
        value: U256::ZERO,
        data,
        sourceAddress: source,
        sourceRollup: source_rollup,
        entries: vec![first, golden_l2_entry(4)],
        _lookupCalls: vec![golden_l2_lookup(9)],
    })
}

/// The parameter tuple of an L2 table call.
fn l2_params(call: &ManagerCall) -> &'static TupleShape {
    match call {
        ManagerCall::LoadExecutionTable(_) => params::<IEEZL2::loadExecutionTableCall>(),
        ManagerCall::ExecuteIncomingCrossChainCall(_) => params::<IEEZL2::executeIncomingCrossChainCallCall>(),
        other => panic!("{} carries no L2 table", other.function_name()),
    }
}

/// `call` with its table edited by `edit(entries, lookupCalls)`.
fn with_table(
    call: &ManagerCall,
    edit: impl FnOnce(&mut Vec<l2::ExecutionEntry>, &mut Vec<l2::LookupCall>),
) -> ManagerCall {
    let mut call = call.clone();
    match &mut call {
        ManagerCall::LoadExecutionTable(c) => edit(&mut c.entries, &mut c._lookupCalls),
        ManagerCall::ExecuteIncomingCrossChainCall(c) => edit(&mut c.entries, &mut c._lookupCalls),
        other => panic!("{} carries no L2 table", other.function_name()),
    }
    call
}

/// `debug_traceCall` options: the `callTracer` with every frame's logs.
fn call_tracer_with_logs() -> Value {
    json!({"tracer": "callTracer", "tracerConfig": {"withLog": true}})
}

/// `debug_traceCall` options: the `prestateTracer` in diff mode (the state the call changed).
fn storage_tracer() -> Value {
    json!({"tracer": "prestateTracer", "tracerConfig": {"diffMode": true, "disableCode": true}})
}

/// L2: `loadExecutionTable` and `executeIncomingCrossChainCall` to the EEZL2, from
/// `SYSTEM_ADDRESS`.
struct L2<'a> {
    node: &'a Anvil,
    dep: &'a L2Deployment,
    /// What the canonical encoding of each call decoded so far did, by the keccak of that encoding.
    references: HashMap<B256, Result<Effects, String>>,
    /// The `debug_traceCall` requests [`L2::prepare`] made.
    traced: usize,
}

/// What a call did that shows the values it read: its root frame without gas and without its own
/// input (every log, every sub-call, the return data), and the manager's storage after it.
#[derive(Debug, PartialEq)]
struct Effects {
    frame: Value,
    storage: Value,
}

impl L2<'_> {
    /// The manager's storage after each of `datas` (calls the contract accepted), and the
    /// effects of the canonical encoding of each of `values` not seen before, in one run of
    /// JSON-RPC batches.
    fn prepare(&mut self, datas: &[&[u8]], values: &[&ManagerCall]) -> Vec<Result<Value, String>> {
        let (with_logs, storage) = (call_tracer_with_logs(), storage_tracer());
        let mut fresh: Vec<(B256, Vec<u8>)> = Vec::new();
        for value in values {
            let canonical = value.encode();
            let key = keccak256(&canonical);
            if !self.references.contains_key(&key) && fresh.iter().all(|(k, _)| *k != key) {
                fresh.push((key, canonical));
            }
        }
        let mut requests: Vec<(&[u8], &Value)> = datas.iter().map(|d| (*d, &storage)).collect();
        for (_, canonical) in &fresh {
            requests.push((canonical, &with_logs));
            requests.push((canonical, &storage));
        }
        let mut answers = Vec::with_capacity(requests.len());
        for part in split(&requests, |(data, _)| data.len()) {
            answers.extend(self.node.trace_each(self.dep.system, self.dep.manager, part));
        }
        self.traced += requests.len();
        let mut answers = answers.into_iter();
        let mut next = || answers.next().expect("an answer per request");
        let storages: Vec<_> = datas.iter().map(|_| self.storage_of(next())).collect();
        for (key, _) in fresh {
            let (frame, storage) = (next(), next());
            let effects = match classify(frame) {
                Outcome::Accepted(accepted) => self
                    .storage_of(storage)
                    .map(|storage| Effects { frame: without_gas_and_input(&accepted.frame, true), storage }),
                other => Err(format!("the contract does not accept it ({})", outcome_name(&other))),
            };
            self.references.insert(key, effects);
        }
        storages
    }

    /// The manager's storage after a traced call: its `post` state (diff mode: the slots the
    /// call wrote; the manager starts with an empty table).
    fn storage_of(&self, answer: Result<Value, Value>) -> Result<Value, String> {
        let answer = answer.map_err(|e| format!("prestateTracer: RPC error {e}"))?;
        let post = answer["post"].as_object().ok_or_else(|| format!("prestateTracer: no post state: {answer}"))?;
        let manager = post.iter().find(|(address, _)| address.parse::<Address>().ok() == Some(self.dep.manager));
        Ok(manager.map(|(_, state)| state["storage"].clone()).unwrap_or(Value::Null))
    }

    /// The `(topics, data)` of every log the root frame emitted, each from the manager.
    fn logs(&self, frame: &Value) -> Result<Vec<Log>, String> {
        let logs = frame.get("logs").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        logs.iter()
            .map(|log| {
                if common::anvil::parse_address(&log["address"]) != self.dep.manager {
                    return Err(format!("a log from {}", log["address"]));
                }
                let topics = log["topics"].as_array().ok_or("a log without topics")?;
                let topics = topics.iter().map(|t| B256::from_slice(&common::anvil::parse_hex(t))).collect();
                Ok((topics, log.get("data").map(common::anvil::parse_hex).unwrap_or_default()))
            })
            .collect()
    }
}

impl Subject for L2<'_> {
    type Value = ManagerCall;
    const NOUN: &'static str = "call";
    const PREDICTOR: &'static str = "the decoded call";

    fn decode(&self, data: &[u8]) -> exectable::Result<Decoded<ManagerCall>> {
        ManagerCall::decode_with(data, DecodeMode::Evm)
    }

    fn encode(&self, call: &ManagerCall) -> Vec<u8> {
        call.encode()
    }

    /// The logged table is the decoded one (and, for an incoming call, the logged call and the
    /// return data are the decoded ones); the logs, sub-calls, return data and storage are those
    /// of the canonical encoding of the decoded call.
    fn check(&self, accepted: &Accepted, call: &ManagerCall) -> Result<(), String> {
        let (entries, _) = call.clone().into_l2_table().ok_or("not an L2 table call")?;
        let logs = self.logs(&accepted.frame)?;
        let loaded: Vec<_> = logs
            .iter()
            .filter(|(topics, _)| topics.first() == Some(&IEEZL2::ExecutionTableLoaded::SIGNATURE_HASH))
            .collect();
        if loaded.len() != 1 {
            return Err(format!("{} ExecutionTableLoaded logs", loaded.len()));
        }
        same_bytes("ExecutionTableLoaded data", &loaded[0].1, &entries.abi_encode())?;
        if let ManagerCall::ExecuteIncomingCrossChainCall(c) = call {
            let hash = cross_chain_call_hash(
                self.dep.rollup_id,
                c.destination,
                c.value,
                &c.data,
                c.sourceAddress,
                c.sourceRollup,
            );
            let executed: Vec<_> = logs
                .iter()
                .filter(|(topics, _)| topics.first() == Some(&IEEZL2::IncomingCrossChainCallExecuted::SIGNATURE_HASH))
                .collect();
            if executed.len() != 1 || executed[0].0.get(1) != Some(&hash) {
                return Err(format!("IncomingCrossChainCallExecuted logs {executed:?}, decoded call hash {hash}"));
            }
            let want = (c.destination, c.value, c.data.clone(), c.sourceAddress, c.sourceRollup).abi_encode_params();
            same_bytes("IncomingCrossChainCallExecuted data", &executed[0].1, &want)?;
            same_bytes("return data", &frame_output(&accepted.frame), &entries[0].returnData.abi_encode())?;
        }
        let storage = accepted.storage.as_ref().ok_or("no storage traced")?.as_ref().map_err(Clone::clone)?;
        let reference = self
            .references
            .get(&keccak256(call.encode()))
            .ok_or("no trace of the canonical encoding")?
            .as_ref()
            .map_err(|e| format!("the canonical encoding of the decoded call: {e}"))?;
        let frame = without_gas_and_input(&accepted.frame, true);
        if frame != reference.frame {
            return Err(format!(
                "logs, sub-calls or return data differ from those of the canonical encoding of the decoded call: {}",
                first_difference(&frame, &reference.frame)
            ));
        }
        if *storage != reference.storage {
            return Err(format!(
                "storage differs from that after the canonical encoding of the decoded call: {}",
                first_difference(storage, &reference.storage)
            ));
        }
        Ok(())
    }

    fn protocol_key(&self, revert: &[u8], call: &ManagerCall) -> String {
        let name = revert_name(revert);
        let prediction = match l2_prediction(call, self.dep.rollup_id) {
            Some(p) if p == name => "predicts this revert".to_string(),
            Some(p) => format!("predicts {p} instead"),
            None => "predicts no revert".to_string(),
        };
        format!("{name}; the decoded call {prediction}")
    }
}

/// A log's topics and data.
type Log = (Vec<B256>, Vec<u8>);

/// The revert the decoded `executeIncomingCrossChainCall` must end in (spec §6.4, in its order;
/// `msg.value` is 0), for the calls built here (`entries[0]` runs nothing); `None` for success
/// and for `loadExecutionTable`.
fn l2_prediction(call: &ManagerCall, rollup_id: U256) -> Option<&'static str> {
    let ManagerCall::ExecuteIncomingCrossChainCall(c) = call else { return None };
    let Some(first) = c.entries.first() else { return Some("EmptyEntries") };
    if !c.value.is_zero() {
        return Some("ValueMismatch");
    }
    let hash = cross_chain_call_hash(rollup_id, c.destination, c.value, &c.data, c.sourceAddress, c.sourceRollup);
    if first.proxyEntryHash != hash {
        Some("EntryHashMismatch")
    } else if !first.callCount.is_zero() {
        Some("(a revert while entries[0] runs calls)")
    } else if !first.rollingHash.is_zero() {
        Some("RollingHashMismatch")
    } else if !first.incomingCalls.is_empty() {
        Some("UnconsumedIncomingCalls")
    } else if !first.expectedOutgoingCalls.is_empty() {
        Some("UnconsumedOutgoingCalls")
    } else {
        None
    }
}

/// A call frame without `gas` and `gasUsed` (they depend on the calldata's size and cost), the
/// root without its `input`, sub-frames likewise.
fn without_gas_and_input(frame: &Value, root: bool) -> Value {
    let mut frame = frame.clone();
    if let Some(map) = frame.as_object_mut() {
        map.remove("gas");
        map.remove("gasUsed");
        if root {
            map.remove("input");
        }
        if let Some(Value::Array(calls)) = map.get_mut("calls") {
            for call in calls.iter_mut() {
                *call = without_gas_and_input(call, false);
            }
        }
    }
    frame
}

/// `Err` naming the first differing byte when `found` is not `want`.
fn same_bytes(what: &str, found: &[u8], want: &[u8]) -> Result<(), String> {
    if found == want {
        return Ok(());
    }
    let at = found.iter().zip(want).position(|(a, b)| a != b).unwrap_or(found.len().min(want.len()));
    Err(format!("{what}: {} bytes on chain, {} decoded, first difference at byte {at}", found.len(), want.len()))
}

/// Where two JSON values first differ, as a path with both sides (cut to 200 characters).
fn first_difference(a: &Value, b: &Value) -> String {
    fn walk(a: &Value, b: &Value, path: String) -> Option<String> {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
                keys.into_iter().find_map(|k| {
                    walk(x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null), format!("{path}.{k}"))
                })
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                x.iter().zip(y).enumerate().find_map(|(i, (p, q))| walk(p, q, format!("{path}[{i}]")))
            }
            _ if a == b => None,
            _ => {
                let cut = |v: &Value| v.to_string().chars().take(200).collect::<String>();
                Some(format!("{path}: {} here, {} there", cut(a), cut(b)))
            }
        }
    }
    walk(a, b, "$".into()).unwrap_or_else(|| "no difference".into())
}

// ---------------------------------------------------------------------------------------------
// Where the offsets, lengths, padding and checked words of a canonical encoding are.

/// A dynamic value of the canonical calldata, reached through one offset word.
#[derive(Debug, Clone)]
struct Node {
    /// Field path (`batch.entries[1].l2ToL1Calls[0].data`).
    path: String,
    /// Its Solidity type (`bytes`, `(bytes32,uint256,bytes)[]`).
    ty: String,
    /// Position of its offset word.
    slot: usize,
    /// Position the offset is relative to.
    base: usize,
    /// Where its encoding starts (`base + offset`) and ends (after its last tail).
    start: usize,
    end: usize,
    /// The size of its head (32 for arrays and `bytes`: the length word).
    head: usize,
    /// The innermost dynamic value whose encoding holds this one's offset word.
    parent: Option<usize>,
}

/// Every mutable slot of canonical calldata of a manager function.
#[derive(Debug, Default)]
struct CalldataMap {
    nodes: Vec<Node>,
    /// `(position, path, bytes per unit)` of every length word.
    lengths: Vec<(usize, String, usize)>,
    /// `(start, end, path)` of every run of `bytes` padding.
    paddings: Vec<(usize, usize, String)>,
    /// `(position, path, kind)` of every `address`, `bool` and `uint64` word.
    words: Vec<(usize, String, WordKind)>,
}

impl CalldataMap {
    /// Walks canonical calldata of a function with parameters `params` (selector, then
    /// `abi.encode(params…)`); every parameter's path is its name (`batch`, `entries`).
    fn of(calldata: &[u8], params: &TupleShape) -> Self {
        let mut map = CalldataMap::default();
        let members: Vec<_> = params.fields.iter().map(|f| (f.name.to_string(), f.shape)).collect();
        let end = map.members(calldata, 4, &members, None);
        assert_eq!(end, calldata.len(), "the map covers the whole calldata");
        map
    }

    /// The word at `pos` as a number (canonical input: offsets and lengths are small).
    fn read(buf: &[u8], pos: usize) -> usize {
        U256::from_be_slice(&buf[pos..pos + 32]).to::<usize>()
    }

    /// Members whose heads start at `base`; returns the end of the last tail.
    fn members(&mut self, buf: &[u8], base: usize, members: &[(String, Shape)], parent: Option<usize>) -> usize {
        let mut head = base;
        let mut end = base + members.iter().map(|(_, s)| s.head_size()).sum::<usize>();
        for (path, shape) in members {
            if shape.is_dynamic() {
                let start = base + Self::read(buf, head);
                let id = self.nodes.len();
                self.nodes.push(Node {
                    path: path.clone(),
                    ty: shape.sol_type(),
                    slot: head,
                    base,
                    start,
                    end: 0,
                    head: match shape {
                        Shape::Tuple(t) => t.head_size,
                        _ => 32,
                    },
                    parent,
                });
                let node_end = self.dynamic(buf, start, *shape, path, id);
                self.nodes[id].end = node_end;
                end = end.max(node_end);
                head += 32;
            } else {
                self.inline(buf, head, *shape, path, parent);
                head += shape.head_size();
            }
        }
        end
    }

    /// A static member at `pos`.
    fn inline(&mut self, buf: &[u8], pos: usize, shape: Shape, path: &str, parent: Option<usize>) {
        match shape {
            Shape::Word(kind @ (WordKind::Address | WordKind::Bool | WordKind::Uint64)) => {
                self.words.push((pos, path.to_string(), kind))
            }
            Shape::Word(_) => {}
            Shape::Tuple(t) => {
                let members: Vec<_> = t.fields.iter().map(|f| (format!("{path}.{}", f.name), f.shape)).collect();
                self.members(buf, pos, &members, parent);
            }
            Shape::Bytes | Shape::Array(_) => unreachable!("dynamic shapes are never inline"),
        }
    }

    /// The encoding of dynamic value `me` at `pos`; returns its end.
    fn dynamic(&mut self, buf: &[u8], pos: usize, shape: Shape, path: &str, me: usize) -> usize {
        match shape {
            Shape::Bytes => {
                let len = Self::read(buf, pos);
                self.lengths.push((pos, path.to_string(), 1));
                let (data_end, end) = (pos + 32 + len, pos + 32 + len.div_ceil(32) * 32);
                if end > data_end {
                    self.paddings.push((data_end, end, path.to_string()));
                }
                end
            }
            Shape::Array(elem) => {
                let n = Self::read(buf, pos);
                self.lengths.push((pos, path.to_string(), elem.head_size()));
                let members: Vec<_> = (0..n).map(|i| (format!("{path}[{i}]"), *elem)).collect();
                self.members(buf, pos + 32, &members, Some(me))
            }
            Shape::Tuple(t) => {
                let members: Vec<_> = t.fields.iter().map(|f| (format!("{path}.{}", f.name), f.shape)).collect();
                self.members(buf, pos, &members, Some(me))
            }
            Shape::Word(_) => unreachable!("words are never dynamic"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Mutations.

/// A family of mutations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Family {
    /// An offset word rewritten: moved, unaligned, into the head, out of range, wrapped,
    /// aliased to another value of the same type, its value relocated to the end or backwards.
    Offset,
    /// A `bytes` padding byte set.
    Padding,
    /// Bytes appended.
    Trailing,
    /// The calldata cut short.
    Truncation,
    /// A length word rewritten.
    Length,
    /// An `address`, `bool` or `uint64` word with high bits set.
    Word,
}

impl Family {
    const ALL: [Family; 6] =
        [Family::Offset, Family::Padding, Family::Trailing, Family::Truncation, Family::Length, Family::Word];

    /// The family's name in labels and tables.
    fn name(self) -> &'static str {
        match self {
            Family::Offset => "offset",
            Family::Padding => "padding",
            Family::Trailing => "trailing",
            Family::Truncation => "truncation",
            Family::Length => "length",
            Family::Word => "word",
        }
    }
}

/// One edit of the canonical calldata.
#[derive(Debug, Clone)]
enum Edit {
    /// Append a copy of `canonical[start..end]`.
    AppendCopy(usize, usize),
    /// Append `n` bytes of `fill`.
    AppendFill(usize, u8),
    /// Overwrite the word at a position.
    Word(usize, U256),
    /// Overwrite one byte.
    Byte(usize, u8),
    /// Keep only the first `k` bytes.
    Truncate(usize),
}

/// A mutation of an accepted call's canonical calldata, with what it is for the report.
#[derive(Debug, Clone)]
struct Mutation {
    /// The accepted batch (L1: A, B, C) or call (L2: L, I) it mutates.
    batch: &'static str,
    family: Family,
    variant: String,
    /// The position the mutation is about (offset word, length word, byte, cut).
    pos: usize,
    /// The field at that position.
    path: String,
    edits: Vec<Edit>,
}

impl Mutation {
    /// The length of the mutated calldata.
    fn len(&self, canonical_len: usize) -> usize {
        self.edits.iter().fold(canonical_len, |len, edit| match *edit {
            Edit::AppendCopy(start, end) => len + (end - start),
            Edit::AppendFill(n, _) => len + n,
            Edit::Truncate(k) => k.min(len),
            Edit::Word(..) | Edit::Byte(..) => len,
        })
    }

    fn apply(&self, canonical: &[u8]) -> Vec<u8> {
        let mut data = canonical.to_vec();
        for edit in &self.edits {
            match *edit {
                Edit::AppendCopy(start, end) => data.extend_from_slice(&canonical[start..end]),
                Edit::AppendFill(n, fill) => data.resize(data.len() + n, fill),
                Edit::Word(pos, value) => data[pos..pos + 32].copy_from_slice(&value.to_be_bytes::<32>()),
                Edit::Byte(pos, value) => data[pos] = value,
                Edit::Truncate(k) => data.truncate(k),
            }
        }
        data
    }
}

impl fmt::Display for Mutation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{} @{:#x} {}", self.batch, self.family.name(), self.variant, self.pos, self.path)
    }
}

/// Which cuts the truncation family makes.
#[derive(Debug, Clone, Copy)]
enum Truncation {
    /// Every `k` in `0..len`.
    Every,
    /// Word boundaries and their neighbours, every 7th byte, and every cut in the last 96 bytes.
    Sample,
}

/// `2^n`.
fn two_pow(n: usize) -> U256 {
    U256::from(1u8) << n
}

/// Every mutation of one accepted call's canonical calldata, in a fixed order.
fn mutations(batch: &'static str, canonical: &[u8], map: &CalldataMap, truncation: Truncation) -> Vec<Mutation> {
    let len = canonical.len();
    let mut out = Vec::new();
    let mut push = |family, variant: &str, pos, path: &str, edits: Vec<Edit>| {
        out.push(Mutation { batch, family, variant: variant.to_string(), pos, path: path.to_string(), edits })
    };

    // (a) offsets.
    for (i, node) in map.nodes.iter().enumerate() {
        let value = U256::from(node.start - node.base);
        let rel = |target: usize| U256::from(target).wrapping_sub(U256::from(node.base));
        let top = |below: u64| (U256::MAX - U256::from(below - 1)).wrapping_sub(U256::from(node.base));
        let mut words: Vec<(String, U256)> = vec![
            ("plus32".into(), value + U256::from(32)),
            ("minus32".into(), value.wrapping_sub(U256::from(32))),
            ("plus1".into(), value + U256::from(1)),
            ("intoHead".into(), U256::ZERO),
            ("pastEnd".into(), rel(len)),
            ("lastWord".into(), rel(len - 32)),
            ("pastLastWord".into(), rel(len - 31)),
            ("2pow64".into(), two_pow(64)),
            ("2pow255".into(), two_pow(255)),
            ("wrapBack32".into(), U256::MAX - U256::from(31)),
            // Values at 2^256 - k: read as zeros; their data starts at 32 - k, wrapping round
            // to the start of the calldata (k = 16, 32) or just below 2^256 (k = 33).
            ("top-16".into(), top(16)),
            ("top-32".into(), top(32)),
            ("top-33".into(), top(33)),
        ];
        if node.head > 32 {
            // A struct whose head just fits before the end of the calldata, and one byte past.
            words.push(("headFits".into(), rel(len - node.head)));
            words.push(("headShort".into(), rel(len - node.head + 1)));
        }
        // Aliasing: the nearest other value of the same type before and after this one.
        let same = |j: &usize| *j != i && map.nodes[*j].ty == node.ty && map.nodes[*j].start != node.start;
        let before = (0..map.nodes.len()).rev().filter(same).find(|j| map.nodes[*j].start < node.start);
        let after = (0..map.nodes.len()).filter(same).find(|j| map.nodes[*j].start > node.start);
        if let Some(j) = before {
            words.push((format!("aliasBack:{}", map.nodes[j].path), rel(map.nodes[j].start)));
        }
        if let Some(j) = after {
            words.push((format!("aliasFwd:{}", map.nodes[j].path), rel(map.nodes[j].start)));
        }
        for (variant, word) in words {
            if word != value {
                push(Family::Offset, &variant, node.slot, &node.path, vec![Edit::Word(node.slot, word)]);
            }
        }
        // The value copied to the end of the calldata, the offset pointing there.
        push(
            Family::Offset,
            "moveToEnd",
            node.slot,
            &node.path,
            vec![Edit::AppendCopy(node.start, node.end), Edit::Word(node.slot, rel(len))],
        );
        // The parent copied to the end, this value's offset in the copy pointing back (wrapping
        // below the copy's base) at the original encoding.
        if let Some(p) = node.parent {
            let parent = &map.nodes[p];
            let shift = |pos: usize| pos - parent.start + len;
            let back = U256::from(node.start).wrapping_sub(U256::from(shift(node.base)));
            push(
                Family::Offset,
                "backward",
                node.slot,
                &node.path,
                vec![
                    Edit::AppendCopy(parent.start, parent.end),
                    Edit::Word(parent.slot, U256::from(len - parent.base)),
                    Edit::Word(shift(node.slot), back),
                ],
            );
        }
    }

    // (b) dirty padding.
    for (start, end, path) in &map.paddings {
        push(Family::Padding, "first", *start, path, vec![Edit::Byte(*start, 0x01)]);
        if end - start > 1 {
            push(Family::Padding, "last", end - 1, path, vec![Edit::Byte(end - 1, 0xff)]);
        }
    }

    // (c) trailing bytes.
    for n in [1usize, 31, 32, 33, 100] {
        push(Family::Trailing, &format!("zeros{n}"), len, "$", vec![Edit::AppendFill(n, 0)]);
        push(Family::Trailing, &format!("bytes{n}"), len, "$", vec![Edit::AppendFill(n, 0xab)]);
    }

    // (d) truncation.
    let path_at = |k: usize| -> String {
        // The innermost value whose encoding holds byte k (for the label only).
        map.nodes.iter().rev().find(|n| n.start <= k && k < n.end).map_or("$".into(), |n| n.path.clone())
    };
    for k in 0..len {
        let keep = match truncation {
            Truncation::Every => true,
            Truncation::Sample => k % 7 == 0 || matches!((k + 28) % 32, 0 | 1 | 31) || k + 96 >= len,
        };
        if keep {
            push(Family::Truncation, &format!("keep{k}"), k, &path_at(k), vec![Edit::Truncate(k)]);
        }
    }

    // (e) length words.
    for (pos, path, unit) in &map.lengths {
        let value = U256::from_be_slice(&canonical[*pos..pos + 32]);
        // The most units the rest of the calldata holds, and one more.
        let max_fit = U256::from((len - pos - 32) / unit);
        let mut words: Vec<(&str, U256)> = vec![("plus1", value + U256::from(1))];
        if !value.is_zero() {
            words.push(("minus1", value - U256::from(1)));
            words.push(("zero", U256::ZERO));
        }
        words.extend([
            ("maxFit", max_fit),
            ("maxFit+1", max_fit + U256::from(1)),
            ("2pow32", two_pow(32)),
            ("2pow64-1", U256::from(u64::MAX)),
            ("2pow64", two_pow(64)),
            ("2pow255", two_pow(255)),
        ]);
        for (variant, word) in words {
            if word != value {
                push(Family::Length, variant, *pos, path, vec![Edit::Word(*pos, word)]);
            }
        }
    }

    // (f) address / bool / uint64 words with high bits set.
    for (pos, path, kind) in &map.words {
        let (name, edits): (&str, Vec<(&str, Edit)>) = match kind {
            WordKind::Address => {
                ("address", vec![("byte0", Edit::Byte(*pos, 0x01)), ("bit160", Edit::Byte(pos + 11, 0x01))])
            }
            WordKind::Uint64 => {
                ("uint64", vec![("byte0", Edit::Byte(*pos, 0x01)), ("bit64", Edit::Byte(pos + 23, 0x01))])
            }
            WordKind::Bool => ("bool", vec![("byte0", Edit::Byte(*pos, 0x01)), ("two", Edit::Byte(pos + 31, 0x02))]),
            _ => unreachable!("only address, bool and uint64 words are mapped"),
        };
        for (variant, edit) in edits {
            push(Family::Word, &format!("{name}-{variant}"), *pos, path, vec![edit]);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// What the contract did.

/// The contract's outcome for one call.
#[derive(Debug)]
enum Outcome {
    /// No error at the top frame.
    Accepted(Accepted),
    /// Reverted with empty revert data in the EEZ itself: Solidity's ABI decoder.
    DecodeRevert,
    /// Reverted with revert data (a custom error, `Panic`, `Error(string)`).
    ProtocolRevert(Vec<u8>),
    /// Anything else (out of gas, an RPC error, an empty revert bubbled up from an inner call):
    /// the harness cannot classify it.
    Other(String),
}

/// What an accepted call left to check the values by.
#[derive(Debug)]
struct Accepted {
    /// The root call frame (`callTracer`).
    frame: Value,
    /// L2: the manager's storage after the call (`prestateTracer` in diff mode), fetched for the
    /// mutations both sides accept; `Err` if the trace failed.
    storage: Option<Result<Value, String>>,
}

fn classify(trace: Result<Value, Value>) -> Outcome {
    let frame = match trace {
        Ok(frame) => frame,
        Err(error) => return Outcome::Other(format!("RPC error {error}")),
    };
    let error = match frame.get("error").and_then(Value::as_str) {
        None => return Outcome::Accepted(Accepted { frame, storage: None }),
        Some(e) => e.to_string(),
    };
    if !error.contains("revert") {
        return Outcome::Other(format!("top frame error {error:?}"));
    }
    let output = frame.get("output").map(common::anvil::parse_hex).unwrap_or_default();
    if !output.is_empty() {
        return Outcome::ProtocolRevert(output);
    }
    let inner_empty_revert = frames(&frame).into_iter().skip(1).find(|f| {
        f.get("error").is_some_and(|e| !e.is_null())
            && f.get("output").map(common::anvil::parse_hex).unwrap_or_default().is_empty()
    });
    match inner_empty_revert {
        Some(f) => Outcome::Other(format!("empty revert, and an inner call to {} reverted empty", f["to"])),
        None => Outcome::DecodeRevert,
    }
}

/// What the contract did, for logs and messages.
fn outcome_name(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Accepted(_) => "accepted".to_string(),
        Outcome::DecodeRevert => "decode revert".to_string(),
        Outcome::ProtocolRevert(data) => format!("protocol revert {}", revert_name(data)),
        Outcome::Other(what) => format!("other: {what}"),
    }
}

/// Every call frame, depth first, the root first.
fn frames(root: &Value) -> Vec<&Value> {
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let children: Vec<&Value> =
            out[i].get("calls").and_then(Value::as_array).map(|c| c.iter().collect()).unwrap_or_default();
        out.splice(i + 1..i + 1, children);
        i += 1;
    }
    out
}

/// A call frame's calldata.
fn frame_input(frame: &Value) -> Vec<u8> {
    common::anvil::parse_hex(&frame["input"])
}

/// A call frame's return (or revert) data; empty when absent.
fn frame_output(frame: &Value) -> Vec<u8> {
    frame.get("output").map(common::anvil::parse_hex).unwrap_or_default()
}

/// Checks an accepted call against the decoded batch: the rollup managers called in row order
/// with the decoded proof-system subsets and `blockNumber`, and every `verify` call carrying the
/// decoded proof to the decoded proof system with the recomputed `publicInputsHash`.
fn check_trace(trace: &Value, batch: &Batch, dep: &Deployment) -> Result<(), String> {
    let all = frames(trace);
    let with_selector = |selector: [u8; 4]| -> Vec<&Value> {
        all.iter().skip(1).copied().filter(|f| frame_input(f).get(..4) == Some(&selector[..])).collect()
    };
    let vkey_frames = with_selector(checkProofSystemsAndGetVkeysCall::SELECTOR);
    let block_frames = with_selector(getTimestampAndBlockHashCall::SELECTOR);
    let verify_frames = with_selector(verifyCall::SELECTOR);
    let rows = &batch.rollupIdsWithProofSystems;
    if vkey_frames.len() != rows.len() || block_frames.len() != rows.len() {
        return Err(format!(
            "{} rollup rows decoded, {} checkProofSystemsAndGetVkeys and {} getTimestampAndBlockHash calls traced",
            rows.len(),
            vkey_frames.len(),
            block_frames.len()
        ));
    }
    let mut rollups = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let manager = dep.rollup_by_id(row.rollupId).ok_or_else(|| {
            format!("decoded rollupIdsWithProofSystems[{r}].rollupId {} is not registered", row.rollupId)
        })?;
        for (what, frame) in
            [("checkProofSystemsAndGetVkeys", vkey_frames[r]), ("getTimestampAndBlockHash", block_frames[r])]
        {
            let to = common::anvil::parse_address(&frame["to"]);
            if to != manager.contract {
                let called = dep.rollup_by_contract(to).map_or("?".into(), |x| x.id.to_string());
                return Err(format!(
                    "row {r}: decoded rollupId {}, contract called {what} of rollup {called}",
                    row.rollupId
                ));
            }
        }
        let subset = checkProofSystemsAndGetVkeysCall::abi_decode(&frame_input(vkey_frames[r]))
            .map_err(|e| format!("row {r}: checkProofSystemsAndGetVkeys input: {e}"))?
            .proofSystems;
        let want: Vec<Address> = row
            .proofSystemIndex
            .iter()
            .map(|k| usize::try_from(*k).ok().and_then(|k| batch.proofSystems.get(k)).copied().unwrap_or_default())
            .collect();
        if subset != want {
            return Err(format!("row {r}: contract asked for proof systems {subset:?}, decoded subset is {want:?}"));
        }
        let vkeys = checkProofSystemsAndGetVkeysCall::abi_decode_returns(&frame_output(vkey_frames[r]))
            .map_err(|e| format!("row {r}: checkProofSystemsAndGetVkeys output: {e}"))?;
        let asked = getTimestampAndBlockHashCall::abi_decode(&frame_input(block_frames[r]))
            .map_err(|e| format!("row {r}: getTimestampAndBlockHash input: {e}"))?
            .blockNumber;
        if asked != batch.blockNumber {
            return Err(format!("row {r}: contract passed blockNumber {asked}, decoded {}", batch.blockNumber));
        }
        let block = getTimestampAndBlockHashCall::abi_decode_returns(&frame_output(block_frames[r]))
            .map_err(|e| format!("row {r}: getTimestampAndBlockHash output: {e}"))?;
        rollups.push(RollupVerificationInput {
            rollup_id: row.rollupId,
            manager: Some(manager.contract),
            timestamp: block.timestamp,
            block_hash: block.blockHash,
            vkeys: subset.into_iter().zip(vkeys).collect(),
        });
    }
    let blobs = BlobSource::Resolved(vec![B256::ZERO; batch.blobIndices.len()]);
    let inputs =
        ProofInputs::compute(batch, &rollups, &blobs).map_err(|e| format!("recomputing public inputs: {e}"))?;
    if verify_frames.len() != batch.proofSystems.len() {
        return Err(format!(
            "{} proof systems decoded, {} verify calls traced",
            batch.proofSystems.len(),
            verify_frames.len()
        ));
    }
    for (k, frame) in verify_frames.iter().enumerate() {
        let to = common::anvil::parse_address(&frame["to"]);
        if to != batch.proofSystems[k] {
            return Err(format!("verify {k} went to {to}, decoded proofSystems[{k}] = {}", batch.proofSystems[k]));
        }
        let call = verifyCall::abi_decode(&frame_input(frame)).map_err(|e| format!("verify {k} input: {e}"))?;
        if call.proof != batch.proofs[k] {
            return Err(format!("verify {k}: proof {} but decoded proofs[{k}] = {}", call.proof, batch.proofs[k]));
        }
        let want = inputs.accumulators[k].public_inputs_hash;
        if call.publicInputsHash != want {
            return Err(format!(
                "verify {k}: publicInputsHash {} on chain, {want} recomputed from the decoded batch",
                call.publicInputsHash
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The tally.

/// Contract outcome × decoder outcome of one mutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Category {
    /// Both accept and every value checked agrees.
    BothAccept,
    /// The ABI decoder reverted (empty revert data) and the Evm decode refused.
    BothReject,
    /// The contract reverted with a protocol error; the decoder accepted (validation's business).
    ProtocolRevertDecoded,
    /// The contract reverted with a protocol error; the decoder refused too.
    ProtocolRevertRefused,
    /// Disagreement: the contract accepted, the decoder refused.
    FalseRejection,
    /// Disagreement: the ABI decoder reverted, the decoder accepted.
    FalseAcceptance,
    /// Disagreement: both accepted, but the decoded values are not what the contract used.
    ValueMismatch,
    /// Disagreement: the decoder's `Layout` says canonical for a non-canonical input or the reverse.
    LayoutMisreport,
    /// The harness could not classify the contract's outcome.
    Harness,
}

impl Category {
    const ALL: [Category; 9] = [
        Category::BothAccept,
        Category::BothReject,
        Category::ProtocolRevertDecoded,
        Category::ProtocolRevertRefused,
        Category::FalseRejection,
        Category::FalseAcceptance,
        Category::ValueMismatch,
        Category::LayoutMisreport,
        Category::Harness,
    ];

    /// The category's name in tables and reports.
    fn name(self) -> &'static str {
        match self {
            Category::BothAccept => "both accept",
            Category::BothReject => "both reject",
            Category::ProtocolRevertDecoded => "protocol revert, decoded",
            Category::ProtocolRevertRefused => "protocol revert, refused",
            Category::FalseRejection => "FALSE REJECTION",
            Category::FalseAcceptance => "FALSE ACCEPTANCE",
            Category::ValueMismatch => "VALUE MISMATCH",
            Category::LayoutMisreport => "LAYOUT MISREPORT",
            Category::Harness => "HARNESS",
        }
    }

    /// Whether it fails the test (a disagreement or a harness failure).
    fn is_problem(self) -> bool {
        self >= Category::FalseRejection
    }
}

/// What the tally needs to know about the function under test.
trait Subject {
    /// What the decoder produces.
    type Value;
    /// What the report calls one accepted call (`batch`, `call`).
    const NOUN: &'static str;
    /// Who predicts the protocol reverts in the tally.
    const PREDICTOR: &'static str;
    /// The Evm decode.
    fn decode(&self, data: &[u8]) -> exectable::Result<Decoded<Self::Value>>;
    /// The canonical calldata of a decoded value.
    fn encode(&self, value: &Self::Value) -> Vec<u8>;
    /// Checks what an accepted call did against the decoded value.
    fn check(&self, accepted: &Accepted, value: &Self::Value) -> Result<(), String>;
    /// `"<revert name>; <what the predictor says>"` for the protocol-revert tally.
    fn protocol_key(&self, revert: &[u8], value: &Self::Value) -> String;
}

/// L1: `postAndVerifyBatch` to the EEZ.
struct L1<'a> {
    dep: &'a Deployment,
}

impl Subject for L1<'_> {
    type Value = Batch;
    const NOUN: &'static str = "batch";
    const PREDICTOR: &'static str = "exectable::validate";

    fn decode(&self, data: &[u8]) -> exectable::Result<Decoded<Batch>> {
        decode_post_and_verify_batch_with(data, DecodeMode::Evm)
    }

    fn encode(&self, batch: &Batch) -> Vec<u8> {
        encode_post_and_verify_batch(batch)
    }

    fn check(&self, accepted: &Accepted, batch: &Batch) -> Result<(), String> {
        check_trace(&accepted.frame, batch, self.dep)
    }

    fn protocol_key(&self, revert: &[u8], batch: &Batch) -> String {
        protocol_key(revert, batch)
    }
}

/// Counts per family × category, the disagreements, and the optional per-mutation log.
struct Report {
    /// `batch` or `call`, and who predicts protocol reverts (from the [`Subject`]).
    noun: &'static str,
    predictor: &'static str,
    /// Where disagreements are saved ([`saved_dir`] with this suffix).
    suffix: &'static str,
    total: usize,
    counts: BTreeMap<(Family, Category), usize>,
    /// The batches or calls in the order they were first recorded.
    names: Vec<&'static str>,
    per_batch: BTreeMap<(&'static str, Category), usize>,
    /// Protocol reverts the decoder accepted, by revert and by what the predictor said.
    protocol: BTreeMap<String, usize>,
    problems: Vec<String>,
    saved: Vec<String>,
    /// `EXECTABLE_DIFFERENTIAL_LOG`: one line per mutation (label, category, both sides).
    log: Option<std::io::BufWriter<std::fs::File>>,
}

impl Report {
    /// An empty tally for `subject`; `suffix` tells its saved calldata and its log file (the
    /// `EXECTABLE_DIFFERENTIAL_LOG` path with the suffix appended) from another tally's.
    fn new<S: Subject>(_subject: &S, suffix: &'static str) -> Report {
        let log = std::env::var_os("EXECTABLE_DIFFERENTIAL_LOG").map(|path| {
            let mut path = path;
            path.push(suffix);
            std::io::BufWriter::new(std::fs::File::create(path).expect("create the log"))
        });
        Report {
            noun: S::NOUN,
            predictor: S::PREDICTOR,
            suffix,
            total: 0,
            counts: BTreeMap::new(),
            names: Vec::new(),
            per_batch: BTreeMap::new(),
            protocol: BTreeMap::new(),
            problems: Vec::new(),
            saved: Vec::new(),
            log,
        }
    }

    /// Classifies one mutation: the contract's outcome against the Evm decode of the same bytes.
    fn record<S: Subject>(
        &mut self,
        subject: &S,
        mutation: &Mutation,
        data: &[u8],
        outcome: Outcome,
        decoded: exectable::Result<Decoded<S::Value>>,
    ) {
        if let Some(log) = &mut self.log {
            use std::io::Write;
            let contract = outcome_name(&outcome);
            let decoder = match &decoded {
                Ok(d) => format!("accepted, {}", d.layout),
                Err(e) => format!("refused: {e}"),
            };
            writeln!(log, "{mutation}\tcontract: {contract}\tdecoder: {decoder}").unwrap();
        }
        let (category, detail) = match (outcome, decoded) {
            (Outcome::Other(what), _) => (Category::Harness, what),
            (Outcome::Accepted(accepted), Ok(decoded)) => match subject.check(&accepted, &decoded.value) {
                Err(e) => (Category::ValueMismatch, e),
                Ok(()) => match layout_misreport(subject.encode(&decoded.value) == data, &decoded.layout) {
                    Some(e) => (Category::LayoutMisreport, e),
                    None => (Category::BothAccept, String::new()),
                },
            },
            (Outcome::Accepted(_), Err(e)) => (Category::FalseRejection, format!("contract accepted; decoder: {e}")),
            (Outcome::DecodeRevert, Ok(decoded)) => (
                Category::FalseAcceptance,
                format!("contract: ABI decoder reverted (empty revert data); decoder accepted ({})", decoded.layout),
            ),
            (Outcome::DecodeRevert, Err(_)) => (Category::BothReject, String::new()),
            (Outcome::ProtocolRevert(revert), Ok(decoded)) => {
                let key = subject.protocol_key(&revert, &decoded.value);
                *self.protocol.entry(key).or_default() += 1;
                (Category::ProtocolRevertDecoded, String::new())
            }
            (Outcome::ProtocolRevert(_), Err(_)) => (Category::ProtocolRevertRefused, String::new()),
        };
        self.total += 1;
        *self.counts.entry((mutation.family, category)).or_default() += 1;
        if !self.names.contains(&mutation.batch) {
            self.names.push(mutation.batch);
        }
        *self.per_batch.entry((mutation.batch, category)).or_default() += 1;
        if category.is_problem() {
            self.problems.push(format!("{}: {mutation}: {detail}", category.name()));
            self.save(mutation, data);
        }
    }

    /// Keeps the calldata of a disagreement for whoever fixes it.
    fn save(&mut self, mutation: &Mutation, data: &[u8]) {
        let dir = saved_dir(self.suffix);
        if self.saved.is_empty() {
            let _ = std::fs::remove_dir_all(&dir);
        }
        std::fs::create_dir_all(&dir).unwrap();
        let name: String = mutation
            .to_string()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
            .take(120)
            .collect();
        let path = dir.join(format!("{:04}-{name}.hex", self.saved.len()));
        std::fs::write(&path, hex::encode_prefixed(data)).unwrap();
        self.saved.push(path.to_string_lossy().into_owned());
    }

    /// Prints the table, the per-batch totals, the protocol-revert tally and every disagreement.
    fn print(&self) {
        let width = 22;
        let mut header = format!("{:<12}", "family");
        for c in Category::ALL {
            header.push_str(&format!(" | {:>width$}", c.name()));
        }
        header.push_str(" | total");
        println!("{header}");
        println!("{}", "-".repeat(header.len()));
        for family in Family::ALL {
            let mut line = format!("{:<12}", family.name());
            let mut sum = 0;
            for c in Category::ALL {
                let n = self.counts.get(&(family, c)).copied().unwrap_or(0);
                sum += n;
                line.push_str(&format!(" | {n:>width$}"));
            }
            println!("{line} | {sum}");
        }
        let mut line = format!("{:<12}", "all");
        for c in Category::ALL {
            let n: usize = self.counts.iter().filter(|((_, k), _)| *k == c).map(|(_, n)| n).sum();
            line.push_str(&format!(" | {n:>width$}"));
        }
        println!("{line} | {}", self.total);
        for batch in &self.names {
            let parts: Vec<String> = Category::ALL
                .iter()
                .filter_map(|c| self.per_batch.get(&(*batch, *c)).map(|n| format!("{}: {n}", c.name())))
                .collect();
            println!("{} {batch}: {}", self.noun, parts.join(", "));
        }
        println!("\nprotocol reverts the decoder accepted (revert; what {} predicts):", self.predictor);
        for (key, n) in &self.protocol {
            println!("  {n:>6}  {key}");
        }
        if !self.problems.is_empty() {
            println!(
                "\n{} disagreements (calldata of each in {}):",
                self.problems.len(),
                self.saved.first().map_or("", |p| p.rsplit_once('/').map_or("", |x| x.0))
            );
            for p in &self.problems {
                println!("  {p}");
            }
        }
    }

    /// What fails the test: empty when every mutation agreed.
    fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.problems.is_empty() {
            out.push(format!("{} disagreements or harness failures (listed above):", self.problems.len()));
            out.extend(self.problems.iter().take(50).cloned());
        }
        out
    }
}

/// Where the calldata of every disagreement is written (`suffix`: `""` for L1, `"-l2"`).
fn saved_dir(suffix: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("anvil-differential{suffix}"))
}

/// `Layout::Canonical` must mean "the input is the canonical encoding of the decoded value".
fn layout_misreport(canonical: bool, layout: &Layout) -> Option<String> {
    match (layout, canonical) {
        (Layout::Canonical, false) => Some("decoder says canonical, but re-encoding gives other bytes".into()),
        (Layout::NonCanonical(d), true) => {
            Some(format!("decoder says non-canonical ({} at {}), but the input is canonical", d.path, d.offset))
        }
        _ => None,
    }
}

/// The name of the error in revert data, or its selector.
fn revert_name(revert: &[u8]) -> String {
    match decode_revert(revert) {
        Ok(e) => e.name().to_string(),
        Err(_) => format!("{} (not an EEZ error)", hex::encode_prefixed(&revert[..revert.len().min(4)])),
    }
}

/// `"<revert name>; validate: <prediction>"` for the protocol-revert tally.
fn protocol_key(revert: &[u8], batch: &Batch) -> String {
    let name = revert_name(revert);
    let ctx = ValidationContext {
        registered_rollups: Some([U256::from(1), U256::from(2)].into_iter().collect()),
        ..Default::default()
    };
    let report = validate_batch(batch, &ctx);
    let prediction = match report.first_onchain_finding().and_then(|f| f.onchain_error.as_ref()) {
        Some(e) if e.selector()[..] == revert[..revert.len().min(4)] => "predicts this revert".to_string(),
        Some(e) => format!("predicts {} instead", e.name()),
        None => "predicts no §6.1 revert (verification stage)".to_string(),
    };
    format!("{name}; validate {prediction}")
}
