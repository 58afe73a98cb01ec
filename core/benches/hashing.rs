//! Entry hashing against raw keccak over the same encoded bytes (the encoding overhead), and a
//! builder's validation + proof inputs against hashing the same entries alone.
//!
//! `cargo bench -p exectable --bench hashing`; `scripts/perf_ratios.py` turns the results into
//! the ratios recorded in docs/PERFORMANCE.md.

use alloy_primitives::{keccak256, Address, Bytes, B256, I256, U256};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use exectable::public_inputs::{BlobSource, ProofInputs, RollupVerificationInput};
use exectable::types::l1::{
    ExecutionEntry, ExpectedL1ToL2Call, ExpectedLookup, L2ToL1Call, LookupCall, ProofSystemBatchPerVerificationEntries,
    RollupIdWithProofSystems, StateDelta,
};
use exectable::validate::{validate_batch, ValidationContext};
use exectable::{AbiStruct, CanonicalJson};

/// Deterministic xorshift generator, so every run hashes the same table.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn bytes(&mut self, len: usize) -> Bytes {
        (0..len).map(|_| self.next() as u8).collect::<Vec<u8>>().into()
    }
    fn word(&mut self) -> B256 {
        B256::from_slice(&self.bytes(32))
    }
    fn address(&mut self) -> Address {
        Address::from_slice(&self.bytes(20))
    }
}

fn call(rng: &mut Rng) -> L2ToL1Call {
    // An ERC-20-transfer-sized call most of the time, sometimes a larger one.
    let len = if rng.below(4) == 0 { 4 + 32 * rng.below(8) as usize } else { 68 };
    L2ToL1Call {
        targetAddress: rng.address(),
        value: U256::from(rng.below(3) * 1_000_000_000),
        data: rng.bytes(len),
        sourceAddress: rng.address(),
        sourceRollupId: U256::from(1 + rng.below(4)),
        revertSpan: U256::from(u64::from(rng.below(10) == 0)),
    }
}

/// A realistic entry: 1–2 state deltas, 1–4 calls, sometimes a reentrant call and a nested lookup.
fn realistic_entry(rng: &mut Rng) -> ExecutionEntry {
    let calls: Vec<_> = (0..1 + rng.below(4)).map(|_| call(rng)).collect();
    // A reentrant frame needs a top-level call to open it and one flat call of its own.
    let reentrant = calls.len() >= 2 && rng.below(3) == 0;
    ExecutionEntry {
        stateDeltas: (0..1 + rng.below(2))
            .map(|i| StateDelta {
                rollupId: U256::from(1 + i),
                currentState: rng.word(),
                newState: rng.word(),
                etherDelta: I256::try_from(rng.below(1 << 40) as i64 - (1 << 39)).unwrap(),
            })
            .collect(),
        proxyEntryHash: rng.word(),
        destinationRollupId: U256::from(1 + rng.below(4)),
        expectedL1ToL2Calls: if reentrant {
            vec![ExpectedL1ToL2Call {
                crossChainCallHash: rng.word(),
                callCount: U256::from(1),
                returnData: rng.bytes(32),
            }]
        } else {
            vec![]
        },
        expectedLookups: if rng.below(5) == 0 {
            vec![ExpectedLookup {
                crossChainCallHash: rng.word(),
                returnData: rng.bytes(32),
                failed: false,
                l2ToL1CallNumber: 1,
                lastL1ToL2CallConsumed: 0,
                executingLookupIndex: 0,
                l2ToL1Calls: vec![call(rng)],
                expectedL1ToL2Calls: vec![],
                callCount: U256::ZERO,
                rollingHash: rng.word(),
            }]
        } else {
            vec![]
        },
        callCount: U256::from(calls.len() - usize::from(reentrant)),
        l2ToL1Calls: calls,
        returnData: {
            let n = 32 * rng.below(3) as usize;
            rng.bytes(n)
        },
        rollingHash: rng.word(),
    }
}

/// Every L1 entry and lookup call of the golden-vector corpus.
fn corpus() -> (Vec<ExecutionEntry>, Vec<LookupCall>) {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/eez-v1-public.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let (mut entries, mut lookups) = (vec![], vec![]);
    for case in json["cases"].as_array().unwrap() {
        match case["kind"].as_str().unwrap() {
            "l1EntryEncoding" => entries.push(ExecutionEntry::from_json(&case["inputs"]["entry"]).unwrap()),
            "l1LookupCallEncoding" => lookups.push(LookupCall::from_json(&case["inputs"]["lookupCall"]).unwrap()),
            "batchCalldata" => {
                let batch = ProofSystemBatchPerVerificationEntries::from_json(&case["inputs"]["batch"]).unwrap();
                entries.extend(batch.entries);
                lookups.extend(batch.l1ToL2lookupCalls);
            }
            _ => {}
        }
    }
    (entries, lookups)
}

fn bench_entries(c: &mut Criterion, group_name: &str, entries: &[ExecutionEntry], lookups: &[LookupCall]) {
    let encoded: Vec<Vec<u8>> =
        entries.iter().map(|e| e.abi_encode_struct()).chain(lookups.iter().map(|l| l.abi_encode_struct())).collect();
    let bytes: usize = encoded.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("exectable_hash", |b| {
        b.iter(|| {
            for e in entries {
                black_box(black_box(e).hash());
            }
            for l in lookups {
                black_box(black_box(l).hash());
            }
        })
    });
    group.bench_function("reference_raw_keccak_same_bytes", |b| {
        b.iter(|| {
            for bytes in &encoded {
                black_box(keccak256(black_box(bytes)));
            }
        })
    });
    group.finish();
}

/// A batch of the 1,000 realistic entries for rollups 1–4 and two proof systems, with what the
/// rollup managers return for it.
fn realistic_batch(
    entries: Vec<ExecutionEntry>,
) -> (ProofSystemBatchPerVerificationEntries, Vec<RollupVerificationInput>) {
    let proof_systems = vec![Address::repeat_byte(0x11), Address::repeat_byte(0x22)];
    let batch = ProofSystemBatchPerVerificationEntries {
        entries,
        transientExecutionEntryCount: U256::from(10),
        proofSystems: proof_systems.clone(),
        rollupIdsWithProofSystems: (1..=4u64)
            .map(|r| RollupIdWithProofSystems {
                rollupId: U256::from(r),
                proofSystemIndex: if r % 2 == 0 { vec![0, 1] } else { vec![1] },
            })
            .collect(),
        crossProofSystemInteractions: B256::repeat_byte(0x33),
        callData: vec![0xca; 4096].into(),
        proofs: vec![vec![0u8; 65].into(), vec![0u8; 65].into()],
        ..Default::default()
    };
    let rollups = (1..=4u64)
        .map(|r| RollupVerificationInput {
            rollup_id: U256::from(r),
            manager: None,
            timestamp: U256::from(1_700_000_000u64 + r),
            block_hash: B256::repeat_byte(r as u8),
            vkeys: proof_systems.iter().map(|ps| (*ps, B256::repeat_byte(0x40 + r as u8))).collect(),
        })
        .collect();
    (batch, rollups)
}

/// What a builder runs before posting: structural validation and well-formedness, then every
/// proof input — against hashing the same entries alone.
fn bench_builder(
    c: &mut Criterion,
    batch: &ProofSystemBatchPerVerificationEntries,
    rollups: &[RollupVerificationInput],
) {
    let ctx = ValidationContext::default();
    let report = validate_batch(batch, &ctx);
    assert!(report.is_clean(), "the benchmark batch must be valid: {report}");
    let blobs = BlobSource::Resolved(vec![]);
    let mut group = c.benchmark_group("batch_1000_validate_and_public_inputs");
    group.bench_function("exectable_validate_and_public_inputs", |b| {
        b.iter(|| {
            black_box(validate_batch(black_box(batch), &ctx));
            black_box(ProofInputs::compute(black_box(batch), rollups, &blobs).unwrap());
        })
    });
    group.bench_function("reference_entry_hashes_alone", |b| {
        b.iter(|| {
            for e in &batch.entries {
                black_box(black_box(e).hash());
            }
        })
    });
    group.finish();
}

fn hashing(c: &mut Criterion) {
    let (entries, lookups) = corpus();
    bench_entries(c, "vector_corpus", &entries, &lookups);
    let mut rng = Rng(0x5eed_2026_e2e5_0001);
    let batch: Vec<_> = (0..1000).map(|_| realistic_entry(&mut rng)).collect();
    bench_entries(c, "batch_1000_entries", &batch, &[]);
    let (batch, rollups) = realistic_batch(batch);
    bench_builder(c, &batch, &rollups);
}

criterion_group!(benches, hashing);
criterion_main!(benches);
