//! Runs a golden-vector file (`eez-golden-vectors/v1`: `{header, cases: [{id, kind, inputs,
//! expected}]}`) through the library and counts passes and failures per kind.
//!
//! Every case of every kind is run; a kind this version does not implement yet counts as
//! failed, never skipped. Core does no I/O: callers hand in the parsed file.

use crate::abi::calldata::{decode_post_and_verify_batch, encode_post_and_verify_batch};
use crate::abi::layout::Path;
use crate::hash::call::CrossChainCallHashInput;
use crate::hash::proxy::{proxy_address, REFERENCE_PROXY_CREATION_CODE};
use crate::hash::rolling::{CallOutcome, RollingHashStep, StaticLookupHash, TaggedRollingHash};
use crate::json::CanonicalJson;
use crate::public_inputs::{BlobSource, ProofForm, ProofInputs, RollupVerificationInput};
use crate::types::{l1, l2};
use crate::{AbiStruct, Error};
use alloy_primitives::{hex, keccak256, Address, B256, U256};
use alloy_sol_types::SolCall;
use serde_json::Value;
use std::collections::BTreeMap;

/// The kinds this version checks.
pub const IMPLEMENTED_KINDS: &[&str] = &[
    "crossChainCallHash",
    "l1EntryEncoding",
    "l1LookupCallEncoding",
    "l2EntryEncoding",
    "l2LookupCallEncoding",
    "rollingHash",
    "proxyAddress",
    "batchCalldata",
    "publicInputsHash",
    "e2eScenario",
    "tableCommitment",
    "inclusionProof",
    "inclusionProofTampered",
    "ocpArtifact",
    "ocpProduce",
    "batchMembership",
    "consumptionEvidence",
    "hostileInput",
];

/// Pass/fail counts of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindCount {
    /// Cases that matched every expected value.
    pub passed: usize,
    /// Cases that did not (or whose kind is not implemented).
    pub failed: usize,
}

/// One failed case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFailure {
    /// The case id.
    pub id: String,
    /// Its kind.
    pub kind: String,
    /// What differed.
    pub reason: String,
}

/// The outcome of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConformanceReport {
    /// Counts per kind, for every kind that ran or was requested.
    pub kinds: BTreeMap<String, KindCount>,
    /// Every failure, in file order.
    pub failures: Vec<CaseFailure>,
}

impl ConformanceReport {
    /// Cases passed in total.
    pub fn passed(&self) -> usize {
        self.kinds.values().map(|k| k.passed).sum()
    }

    /// Cases failed in total.
    pub fn failed(&self) -> usize {
        self.kinds.values().map(|k| k.failed).sum()
    }

    /// Kinds that ran no case at all.
    pub fn empty_kinds(&self) -> Vec<&str> {
        self.kinds.iter().filter(|(_, c)| c.passed + c.failed == 0).map(|(k, _)| k.as_str()).collect()
    }

    /// True when nothing failed and every kind ran at least one case.
    pub fn is_success(&self) -> bool {
        self.failed() == 0 && self.empty_kinds().is_empty() && !self.kinds.is_empty()
    }

    /// Adds another report's counts and failures (for several files).
    pub fn merge(&mut self, other: ConformanceReport) {
        for (kind, count) in other.kinds {
            let entry = self.kinds.entry(kind).or_default();
            entry.passed += count.passed;
            entry.failed += count.failed;
        }
        self.failures.extend(other.failures);
    }
}

/// Runs every case of `file` whose kind is in `only` (all cases when `only` is empty).
/// Requested kinds that occur in no case are reported with zero counts.
pub fn run_vectors(file: &Value, only: &[String]) -> Result<ConformanceReport, Error> {
    let cases = file.get("cases").and_then(Value::as_array).ok_or_else(|| Error::JsonShape {
        path: "cases".into(),
        message: "a vector file needs a \"cases\" array".into(),
    })?;
    let sources = file.pointer("/header/sources").and_then(Value::as_object);
    let mut report = ConformanceReport::default();
    for kind in only {
        report.kinds.entry(kind.clone()).or_default();
    }
    for (i, case) in cases.iter().enumerate() {
        let kind = case.get("kind").and_then(Value::as_str).unwrap_or("<no kind>").to_owned();
        if !only.is_empty() && !only.contains(&kind) {
            continue;
        }
        let id = case.get("id").and_then(Value::as_str).map_or_else(|| format!("cases[{i}]"), str::to_owned);
        let count = report.kinds.entry(kind.clone()).or_default();
        match run_case_with(&kind, case, sources) {
            Ok(()) => count.passed += 1,
            Err(reason) => {
                count.failed += 1;
                report.failures.push(CaseFailure { id, kind, reason });
            }
        }
    }
    Ok(report)
}

pub(crate) type CaseResult = Result<(), String>;

mod commit;
mod e2e;
mod hostile;
mod membership;
mod ocp;
pub use e2e::mutation_needs_evm;
pub use hostile::{HOSTILE_FORMS, HOSTILE_TEXT_FORMS};

/// Runs one case; `Err` says what differed. A case that names one of its file's
/// `header.sources` needs [`run_vectors`] (or [`run_case_with`]).
pub fn run_case(kind: &str, case: &Value) -> CaseResult {
    run_case_with(kind, case, None)
}

/// Runs one case with its file's `header.sources` (named byte strings cases refer to).
pub fn run_case_with(kind: &str, case: &Value, sources: Option<&serde_json::Map<String, Value>>) -> CaseResult {
    let inputs = case.get("inputs").ok_or("case has no inputs")?;
    let expected = case.get("expected").ok_or("case has no expected")?;
    match kind {
        "crossChainCallHash" => cross_chain_call_hash_case(inputs, expected),
        "l1EntryEncoding" => {
            struct_case::<l1::ExecutionEntry>(inputs, expected, "entry", Some(|e: &l1::ExecutionEntry| e.hash()))
        }
        "l1LookupCallEncoding" => {
            struct_case::<l1::LookupCall>(inputs, expected, "lookupCall", Some(|l: &l1::LookupCall| l.hash()))
        }
        "l2EntryEncoding" => struct_case::<l2::ExecutionEntry>(inputs, expected, "entry", None),
        "l2LookupCallEncoding" => struct_case::<l2::LookupCall>(inputs, expected, "lookupCall", None),
        "rollingHash" => rolling_hash_case(case, inputs, expected),
        "proxyAddress" => proxy_address_case(inputs, expected),
        "batchCalldata" => batch_calldata_case(inputs, expected),
        "publicInputsHash" => public_inputs_hash_case(inputs, expected),
        "e2eScenario" => e2e::e2e_scenario_case(inputs, expected),
        "tableCommitment" | "inclusionProof" | "inclusionProofTampered" => commit::commit_case(kind, inputs, expected),
        "ocpArtifact" | "ocpProduce" => ocp::ocp_case(kind, inputs, expected),
        "batchMembership" | "consumptionEvidence" => membership::membership_case(kind, inputs, expected),
        "hostileInput" => hostile::hostile_case(inputs, expected, sources),
        other => Err(format!("kind {other:?} is not implemented by this version of exectable")),
    }
}

pub(crate) fn field<'v>(v: &'v Value, name: &str) -> Result<&'v Value, String> {
    v.get(name).ok_or_else(|| format!("missing {name}"))
}

pub(crate) fn parse<T: CanonicalJson>(v: &Value, name: &str) -> Result<T, String> {
    T::from_json_at(field(v, name)?, &Path::Root(name)).map_err(|e| e.to_string())
}

pub(crate) fn check_eq<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> CaseResult {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, expected {want:?}"))
    }
}

pub(crate) fn check_hex(what: &str, got: &[u8], want: &[u8]) -> CaseResult {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {}, expected {}", hex::encode_prefixed(got), hex::encode_prefixed(want)))
    }
}

fn cross_chain_call_hash_case(inputs: &Value, expected: &Value) -> CaseResult {
    let input = CrossChainCallHashInput::from_json(inputs).map_err(|e| e.to_string())?;
    check_hex("preimage", &input.preimage(), &parse::<alloy_primitives::Bytes>(expected, "preimage")?)?;
    check_eq("crossChainCallHash", input.hash(), parse::<B256>(expected, "crossChainCallHash")?)?;
    check_eq("canonical JSON", input.to_json(), inputs.clone())
}

/// Encode → compare bytes and hash; decode the expected bytes → compare value; JSON round-trip.
fn struct_case<T: AbiStruct + PartialEq + std::fmt::Debug>(
    inputs: &Value,
    expected: &Value,
    input_name: &str,
    hash: Option<fn(&T) -> B256>,
) -> CaseResult {
    let json = field(inputs, input_name)?;
    let value: T = parse(inputs, input_name)?;
    let want_bytes: alloy_primitives::Bytes = parse(expected, "abiEncoded")?;
    let encoded = value.abi_encode_struct();
    check_hex("abi.encode", &encoded, &want_bytes)?;
    let want_hash: B256 = parse(expected, "hash")?;
    check_eq("keccak256(abi.encode)", keccak256(&encoded), want_hash)?;
    if let Some(hash) = hash {
        check_eq("protocol hash", hash(&value), want_hash)?;
    }
    let decoded = T::abi_decode_struct(&want_bytes).map_err(|e| format!("decode: {e}"))?;
    check_eq("decode(expected bytes)", &decoded, &value)?;
    check_eq("canonical JSON", &value.to_json(), json)
}

fn rolling_hash_case(case: &Value, inputs: &Value, expected: &Value) -> CaseResult {
    let init: B256 = parse(inputs, "init")?;
    let trace: Vec<B256> = match case.get("schema").and_then(Value::as_str) {
        Some("tagged") => {
            let steps: Vec<RollingHashStep> = parse(inputs, "steps")?;
            check_eq("steps canonical JSON", steps.to_json(), field(inputs, "steps")?.clone())?;
            TaggedRollingHash::from_value(init).apply_all(&steps)
        }
        Some("static") => {
            let results: Vec<CallOutcome> = parse(inputs, "results")?;
            let mut acc = StaticLookupHash::from_value(init);
            results.iter().map(|r| acc.fold(r.success, &r.retData)).collect()
        }
        other => return Err(format!("unknown rolling-hash schema {other:?}")),
    };
    check_eq("trace", &trace, &parse::<Vec<B256>>(expected, "trace")?)?;
    check_eq("final", trace.last().copied().unwrap_or(init), parse::<B256>(expected, "final")?)
}

fn proxy_address_case(inputs: &Value, expected: &Value) -> CaseResult {
    let manager: Address = parse(inputs, "manager")?;
    let original: Address = parse(inputs, "originalAddress")?;
    let rollup: U256 = parse(inputs, "originalRollupId")?;
    let got = proxy_address(manager, original, rollup, REFERENCE_PROXY_CREATION_CODE);
    check_eq("salt", got.salt, parse(expected, "salt")?)?;
    check_eq("initCodeHash", got.init_code_hash, parse(expected, "initCodeHash")?)?;
    check_eq("proxyAddress", got.address, parse(expected, "proxyAddress")?)
}

fn batch_calldata_case(inputs: &Value, expected: &Value) -> CaseResult {
    let batch: l1::ProofSystemBatchPerVerificationEntries = parse(inputs, "batch")?;
    let calldata = encode_post_and_verify_batch(&batch);
    check_hex("calldata", &calldata, &parse::<alloy_primitives::Bytes>(expected, "calldata")?)?;
    check_eq("calldataLength", U256::from(calldata.len()), parse(expected, "calldataLength")?)?;
    let selector = crate::types::l1::IEEZ::postAndVerifyBatchCall::SELECTOR;
    check_hex("selector", &selector, &parse::<alloy_primitives::Bytes>(expected, "selector")?)?;
    let signature = expected.get("signature").and_then(Value::as_str).ok_or("missing signature")?;
    check_eq("signature", crate::types::l1::IEEZ::postAndVerifyBatchCall::SIGNATURE, signature)?;
    let decoded = decode_post_and_verify_batch(&calldata).map_err(|e| format!("decode: {e}"))?;
    check_eq("decode(calldata)", &decoded, &batch)?;
    check_eq("canonical JSON", &batch.to_json(), field(inputs, "batch")?)
}

/// Every derived value of §4.5/§4.6 from `batch`, `rollups`, `blobHashes`; every fold of every
/// accumulator; the captured proofs; and the posted calldata decoding to the batch.
fn public_inputs_hash_case(inputs: &Value, expected: &Value) -> CaseResult {
    let batch: l1::ProofSystemBatchPerVerificationEntries = parse(inputs, "batch")?;
    check_eq("batch canonical JSON", &batch.to_json(), field(inputs, "batch")?)?;
    let rollups: Vec<RollupVerificationInput> = parse(inputs, "rollups")?;
    check_eq("rollups canonical JSON", &rollups.to_json(), field(inputs, "rollups")?)?;
    let blobs = BlobSource::Resolved(parse(inputs, "blobHashes")?);
    let got = ProofInputs::compute(&batch, &rollups, &blobs).map_err(|e| e.to_string())?;
    check_eq("entryHashes", &got.entry_hashes, &parse::<Vec<B256>>(expected, "entryHashes")?)?;
    check_eq("lookupCallHashes", &got.lookup_call_hashes, &parse::<Vec<B256>>(expected, "lookupCallHashes")?)?;
    check_eq("callDataHash", got.call_data_hash, parse(expected, "callDataHash")?)?;
    let derived = field(expected, "derived")?;
    check_eq("derived.sharedPublicInput", got.shared_public_input, parse(derived, "sharedPublicInput")?)?;
    let accumulators = field(derived, "accumulators")?.as_array().ok_or("derived.accumulators is not an array")?;
    check_eq("number of accumulators", got.accumulators.len(), accumulators.len())?;
    for (k, (acc, want)) in got.accumulators.iter().zip(accumulators).enumerate() {
        let folds = field(want, "folds")?.as_array().ok_or("folds is not an array")?;
        check_eq(&format!("accumulators[{k}] number of folds"), acc.folds.len(), folds.len())?;
        for (j, (fold, want)) in acc.folds.iter().zip(folds).enumerate() {
            let at = format!("accumulators[{k}].folds[{j}]");
            check_eq(&format!("{at}.rollupId"), fold.rollup_id, parse(want, "rollupId")?)?;
            check_eq(&format!("{at}.vkey"), fold.vkey, parse(want, "vkey")?)?;
            check_eq(&format!("{at}.accAfter"), fold.acc_after, parse(want, "accAfter")?)?;
        }
        check_eq(&format!("accumulators[{k}].acc"), acc.acc, parse(want, "acc")?)?;
    }
    let hashes = field(expected, "publicInputsHashes")?.as_array().ok_or("publicInputsHashes is not an array")?;
    check_eq("number of publicInputsHashes", got.accumulators.len(), hashes.len())?;
    for (k, (acc, want)) in got.accumulators.iter().zip(hashes).enumerate() {
        check_eq(&format!("publicInputsHashes[{k}].index"), Some(acc.index as u64), field(want, "index")?.as_u64())?;
        check_eq(&format!("publicInputsHashes[{k}].proofSystem"), acc.proof_system, parse(want, "proofSystem")?)?;
        let hash = parse(want, "publicInputsHash")?;
        check_eq(&format!("publicInputsHashes[{k}].publicInputsHash"), acc.public_inputs_hash, hash)?;
    }
    // The vectors' capturing proof system accepts exactly proof == publicInputsHash_k.
    for observed in got.proof_observations(&batch) {
        check_eq(
            &format!("proofs[{}] (captured hash)", observed.index),
            observed.form,
            ProofForm::EqualsPublicInputsHash,
        )?;
    }
    let calldata: alloy_primitives::Bytes = parse(expected, "postAndVerifyBatchCalldata")?;
    let decoded = decode_post_and_verify_batch(&calldata).map_err(|e| format!("decode: {e}"))?;
    check_eq("decode(postAndVerifyBatchCalldata)", &decoded, &batch)?;
    check_hex("re-encoded postAndVerifyBatchCalldata", &encode_post_and_verify_batch(&decoded), &calldata)
}
