//! The `e2eScenario` kind: scenarios the real contracts executed end to end. Every expected value
//! the library can compute from a case is recomputed and compared — call hashes, proxy addresses,
//! the rolling hash from the recorded steps, entry hashes, `publicInputsHash`, calldata round
//! trips, validation, pre-flight with its post-state — and every recorded mutation whose outcome
//! follows from data the library holds must be predicted exactly. Mutations that make the contract
//! call something the recorded trace never observed need an EVM; they must come out as
//! `Unpredictable`, and only those (docs/CONFORMANCE.md lists them).

use super::{check_eq, check_hex, field, parse, CaseResult};
use crate::abi::calldata::{decode_post_and_verify_batch, encode_post_and_verify_batch};
use crate::abi::revert::ProtocolError;
use crate::batch::BatchOverview;
use crate::hash::call::{cross_chain_call_hash, CrossChainCallHashInput};
use crate::hash::proxy::{proxy_address, REFERENCE_PROXY_CREATION_CODE};
use crate::hash::rolling::{RollingHashStep, TaggedRollingHash};
use crate::json::CanonicalJson;
use crate::preflight::{
    preflight_l1, preflight_l2, Consumption, IncomingCall, L2Consumption, Outcome, PreState, RollupState,
};
use crate::public_inputs::shared_public_input;
use crate::replay::{trace_from_entry_and_steps, trace_from_l2_entry_and_steps, Trace};
use crate::types::{l1, l2};
use crate::validate::{validate_batch, validate_l2_table, ValidationContext};
use crate::{AbiStruct, ManagerCall};
use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use serde_json::Value;

pub(super) fn e2e_scenario_case(inputs: &Value, expected: &Value) -> CaseResult {
    if inputs.get("eezl2").is_some() {
        l2_scenario(inputs, expected)
    } else {
        l1_scenario(inputs, expected)
    }
}

/// Whether a mutation changes what a called contract receives, so that its reaction — and the
/// recorded outcome — can only be known by running the contract: a flat call's `data`, or the
/// bytes a reentrant frame hands back to its caller.
pub fn mutation_needs_evm(description: &str) -> bool {
    let field = description.split(':').next().unwrap_or_default();
    field.ends_with(".data")
        || (field.contains("expectedL1ToL2Calls[") || field.contains("expectedOutgoingCalls["))
            && field.ends_with(".returnData")
}

fn fold(steps: &[RollingHashStep]) -> B256 {
    TaggedRollingHash::new().apply_all(steps).last().copied().unwrap_or_default()
}

fn text(e: crate::Error) -> String {
    e.to_string()
}

fn l1_scenario(inputs: &Value, expected: &Value) -> CaseResult {
    let batch: l1::ProofSystemBatchPerVerificationEntries = parse(inputs, "batch")?;
    let calldata: Bytes = parse(inputs, "postAndVerifyBatchCalldata")?;
    check_eq("decode(postAndVerifyBatchCalldata)", &decode_post_and_verify_batch(&calldata).map_err(text)?, &batch)?;
    check_hex("encode(batch)", &encode_post_and_verify_batch(&batch), &calldata)?;
    let entry = batch.entries.first().ok_or("the scenario batch has no entry")?;
    let rollup_id: U256 = parse(inputs, "rollupId")?;
    let eez: Address = parse(inputs, "eez")?;

    if let Some(hash_inputs) = inputs.get("crossChainCallHashInputs") {
        let hash = CrossChainCallHashInput::from_json(hash_inputs).map_err(text)?.hash();
        check_eq("crossChainCallHash", hash, parse(expected, "crossChainCallHash")?)?;
        check_eq("entry.proxyEntryHash", entry.proxyEntryHash, hash)?;
    }
    for (proxy, original) in [("proxyOfL2Contract", "l2Contract"), ("proxyOfW", "l2ContractW")] {
        if let Some(want) = inputs.get(proxy) {
            let original: Address = parse(inputs, original)?;
            let got = proxy_address(eez, original, rollup_id, REFERENCE_PROXY_CREATION_CODE).address;
            check_eq(proxy, got, Address::from_json(want).map_err(text)?)?;
        }
    }
    let mut reentrant_values = vec![];
    if let Some(nested) = inputs.get("nestedCall") {
        let target: Address = parse(inputs, "l2ContractW")?;
        let (from, value, data): (Address, U256, Bytes) =
            (parse(nested, "from")?, parse(nested, "value")?, parse(nested, "data")?);
        let hash = cross_chain_call_hash(rollup_id, target, value, &data, from, U256::ZERO);
        check_eq("nestedCrossChainCallHash", hash, parse(expected, "nestedCrossChainCallHash")?)?;
        let slot = entry.expectedL1ToL2Calls.first().ok_or("entry has no expected reentrant call")?;
        check_eq("expectedL1ToL2Calls[0].crossChainCallHash", slot.crossChainCallHash, hash)?;
        reentrant_values.push(value);
    }

    let steps: Vec<RollingHashStep> = parse(inputs, "rollingHashSteps")?;
    check_eq("rollingHash(steps)", fold(&steps), parse(expected, "rollingHash")?)?;
    check_eq("entry.rollingHash", entry.rollingHash, parse(expected, "rollingHash")?)?;
    if inputs.get("rollingHashStepsDocsConvention").is_some() {
        let docs: Vec<RollingHashStep> = parse(inputs, "rollingHashStepsDocsConvention")?;
        check_eq("rollingHash(docs convention)", fold(&docs), parse(expected, "rollingHashDocsConvention")?)?;
        if fold(&docs) == entry.rollingHash {
            return Err("the docs convention must not reproduce the contract's hash".into());
        }
    }
    check_eq("entryHash", entry.hash(), parse(expected, "entryHash")?)?;

    // publicInputsHash = keccak256(sharedPublicInput ‖ acc). The case records the hash the proof
    // system was shown (proofs[0]) but not what the fixture's rollup manager returned for
    // blockNumber 0 (it is not the reference manager's (0, 0): that does not reproduce the hash),
    // so acc cannot be rebuilt here; sharedPublicInput can, and it is what every mutation changes.
    check_hex(
        "proofs[0] (captured publicInputsHash)",
        batch.proofs.first().ok_or("no proof")?,
        parse::<B256>(expected, "publicInputsHash")?.as_slice(),
    )?;
    if !batch.blobIndices.is_empty() {
        return Err("the scenario posts blob indices but records no blob hashes".into());
    }
    let shared = |b: &l1::ProofSystemBatchPerVerificationEntries| {
        let overview = BatchOverview::of(b);
        shared_public_input(
            &overview.entry_hashes(),
            &overview.lookup_call_hashes(),
            &[],
            keccak256(&b.callData),
            b.crossProofSystemInteractions,
        )
    };

    let ctx = ValidationContext { registered_rollups: Some([rollup_id].into_iter().collect()), ..Default::default() };
    let report = validate_batch(&batch, &ctx);
    if !report.is_ok() {
        return Err(format!("validation of the executed batch reports errors:\n{report}"));
    }

    let trace = trace_from_entry_and_steps(entry, &steps, &reentrant_values).map_err(text)?;
    let pre_state = pre_state(inputs, rollup_id)?;
    let consumption = l1_consumption(inputs, &batch, entry, rollup_id)?;
    match preflight_l1(entry, &pre_state, &consumption, &trace).map_err(text)?.outcome {
        Outcome::Success { return_data, post_state } => {
            let post = field(expected, "postState")?;
            let row = post_state.iter().find(|r| r.rollupId == rollup_id).ok_or("post-state lacks the rollup")?;
            check_eq("postState.stateRoot", row.stateRoot, parse(post, "stateRoot")?)?;
            check_eq("postState.etherBalance", row.etherBalance, parse(post, "etherBalance")?)?;
            if let Some(ret) = expected.pointer("/execution/consumerReturnData") {
                check_hex("consumer return data", &return_data, &Bytes::from_json(ret).map_err(text)?)?;
            }
        }
        other => return Err(format!("pre-flight of the executed entry predicts {}", other.to_json())),
    }

    for (i, mutation) in field(expected, "mutations")?.as_array().ok_or("mutations is not an array")?.iter().enumerate()
    {
        l1_mutation(mutation, &batch, &pre_state, &consumption, &trace, &ctx, &shared)
            .map_err(|e| format!("mutations[{i}] ({}): {e}", mutation["mutation"]))?;
    }
    Ok(())
}

fn pre_state(inputs: &Value, rollup_id: U256) -> Result<PreState, String> {
    let pre = field(inputs, "preState")?;
    Ok(PreState {
        rollups: vec![RollupState {
            rollupId: rollup_id,
            stateRoot: parse(pre, "stateRoot")?,
            etherBalance: parse(pre, "etherBalance")?,
        }],
    })
}

/// How the scenario consumed its entry: a proxy call (`proxyCall`), `executeL2TX` (the consumer
/// transaction's selector), or immediately inside `postAndVerifyBatch`.
fn l1_consumption(
    inputs: &Value,
    batch: &l1::ProofSystemBatchPerVerificationEntries,
    entry: &l1::ExecutionEntry,
    rollup_id: U256,
) -> Result<Consumption, String> {
    let transient = batch.transientExecutionEntryCount > U256::ZERO;
    if let Some(call) = inputs.get("proxyCall") {
        return Ok(Consumption::ProxyCall {
            cross_chain_call_hash: entry.proxyEntryHash,
            value: parse(call, "value")?,
            rollup_id,
            transient,
        });
    }
    if let Some(tx) = inputs.get("consumerTx") {
        let data: Bytes = parse(tx, "data")?;
        return match ManagerCall::decode(&data).map_err(text)? {
            ManagerCall::ExecuteL2TX(c) => Ok(Consumption::ExecuteL2TX { rollup_id: c.rollupId, transient }),
            other => Err(format!("unexpected consumer call {}", other.function_name())),
        };
    }
    Ok(Consumption::Immediate)
}

/// The outcome the chain recorded for a mutation: `Ok(Err(error JSON))` for a revert (consumer
/// call, skipped immediate entry or L2 transaction), `Ok(Ok(bytes))` for a success.
fn recorded(mutation: &Value) -> Result<Result<Bytes, &Value>, String> {
    for key in ["consumerRevert", "skippedRevert", "revert"] {
        if let Some(error) = mutation.get(key) {
            return Ok(Err(error));
        }
    }
    match mutation.get("consumerReturnDecoded") {
        Some(ret) => Ok(Ok(Bytes::from_json(ret).map_err(text)?)),
        None => Err("the mutation records no outcome".into()),
    }
}

/// Compares a predicted outcome with the recorded one (error name and positional arguments).
fn compare(description: &str, predicted: &Outcome, recorded: Result<Bytes, &Value>) -> CaseResult {
    match (predicted, recorded) {
        (Outcome::Reverts(error), Err(want)) => check_error(error, want),
        (Outcome::Success { return_data, .. }, Ok(want)) => check_hex("return data", return_data, &want),
        (Outcome::Unpredictable { reason }, _) if mutation_needs_evm(description) => {
            let _ = reason;
            Ok(())
        }
        (other, want) => Err(format!(
            "predicted {}, recorded {}",
            other.to_json(),
            match want {
                Ok(bytes) => format!("success {bytes}"),
                Err(error) => error.to_string(),
            }
        )),
    }
}

fn check_error(error: &ProtocolError, want: &Value) -> CaseResult {
    let name = want.get("name").and_then(Value::as_str).ok_or("recorded revert has no name")?;
    check_eq("error", error.name(), name)?;
    let got_args: Vec<String> = match error.to_json().get("args") {
        Some(Value::Object(map)) => map.values().map(|v| v.to_string().to_lowercase()).collect(),
        _ => vec![],
    };
    let want_args: Vec<String> = want
        .get("args")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|v| v.to_string().to_lowercase()).collect())
        .unwrap_or_default();
    check_eq("error arguments", got_args, want_args)
}

fn l1_mutation(
    mutation: &Value,
    batch: &l1::ProofSystemBatchPerVerificationEntries,
    pre_state: &PreState,
    consumption: &Consumption,
    trace: &Trace,
    ctx: &ValidationContext,
    shared_public_input: &dyn Fn(&l1::ProofSystemBatchPerVerificationEntries) -> B256,
) -> CaseResult {
    let description = mutation.get("mutation").and_then(Value::as_str).unwrap_or_default();
    let entry: l1::ExecutionEntry = parse(mutation, "mutatedEntry")?;
    let mut mutated = batch.clone();
    mutated.entries[0] = entry.clone();
    if let Some(post_revert) = mutation.get("postRevert") {
        // postAndVerifyBatch with the ORIGINAL proofs: the proof system accepts only the hash it
        // was shown. A changed sharedPublicInput changes every publicInputsHash_k =
        // keccak256(sharedPublicInput ‖ acc_k), whatever acc_k is, so the proof no longer verifies.
        check_eq("postAndVerifyBatch revert", post_revert.get("name").and_then(Value::as_str), Some("InvalidProof"))?;
        if shared_public_input(&mutated) == shared_public_input(batch) {
            return Err("the mutation leaves sharedPublicInput unchanged; InvalidProof is not explained".into());
        }
        return Ok(());
    }
    if validate_batch(&mutated, ctx).would_revert() {
        return Err("validation says postAndVerifyBatch reverts; the chain accepted the mutated batch".into());
    }
    let predicted = preflight_l1(&entry, pre_state, consumption, trace).map_err(text)?.outcome;
    compare(description, &predicted, recorded(mutation)?)
}

fn l2_scenario(inputs: &Value, expected: &Value) -> CaseResult {
    let entries: Vec<l2::ExecutionEntry> = parse(inputs, "entries")?;
    let lookups: Vec<l2::LookupCall> = parse(inputs, "lookupCalls")?;
    if entries.len() != 2 {
        return Err(format!("expected the inbound entry and the proxy-call entry, found {}", entries.len()));
    }
    let rollup_id: U256 = parse(inputs, "rollupId")?;
    let manager: Address = parse(inputs, "eezl2")?;
    let inbound = field(inputs, "inbound")?;
    let (destination, value, data, source, source_rollup): (Address, U256, Bytes, Address, U256) = (
        parse(inbound, "destination")?,
        parse(inbound, "value")?,
        parse(inbound, "data")?,
        parse(inbound, "sourceAddress")?,
        parse(inbound, "sourceRollup")?,
    );
    let inbound_hash = cross_chain_call_hash(rollup_id, destination, value, &data, source, source_rollup);
    check_eq("inboundCrossChainCallHash", inbound_hash, parse(expected, "inboundCrossChainCallHash")?)?;
    check_eq("entries[0].proxyEntryHash", entries[0].proxyEntryHash, inbound_hash)?;

    // An L2 contract calls the L2 proxy of L1 contract Q: H(0, Q, value, data, caller, ROLLUP_ID).
    let call = field(inputs, "proxyCall")?;
    let q: Address = parse(inputs, "l1ContractQ")?;
    let (from, call_value, call_data): (Address, U256, Bytes) =
        (parse(call, "from")?, parse(call, "value")?, parse(call, "data")?);
    let proxy_hash = cross_chain_call_hash(U256::ZERO, q, call_value, &call_data, from, rollup_id);
    check_eq("proxyCallCrossChainCallHash", proxy_hash, parse(expected, "proxyCallCrossChainCallHash")?)?;
    check_eq("entries[1].proxyEntryHash", entries[1].proxyEntryHash, proxy_hash)?;
    let proxy = proxy_address(manager, q, U256::ZERO, REFERENCE_PROXY_CREATION_CODE).address;
    check_eq("l2ProxyOfQ", proxy, parse(inputs, "l2ProxyOfQ")?)?;

    let steps_json = field(inputs, "rollingHashSteps")?;
    let steps: [Vec<RollingHashStep>; 2] = [parse(steps_json, "entry0")?, parse(steps_json, "entry1")?];
    let rolling: Vec<B256> = parse(expected, "rollingHashes")?;
    let hashes: Vec<B256> = parse(expected, "entryHashes")?;
    for i in 0..2 {
        check_eq(&format!("rollingHashes[{i}]"), fold(&steps[i]), *rolling.get(i).ok_or("rollingHashes too short")?)?;
        check_eq(&format!("entries[{i}].rollingHash"), entries[i].rollingHash, rolling[i])?;
        let hash = keccak256(entries[i].abi_encode_struct());
        check_eq(&format!("entryHashes[{i}]"), hash, *hashes.get(i).ok_or("entryHashes too short")?)?;
    }

    let system_tx = field(inputs, "systemTx")?;
    let tx_data: Bytes = parse(system_tx, "data")?;
    let msg_value: U256 = parse(system_tx, "value")?;
    match ManagerCall::decode(&tx_data).map_err(text)? {
        ManagerCall::ExecuteIncomingCrossChainCall(c) => {
            check_eq("systemTx destination", c.destination, destination)?;
            check_eq("systemTx value", c.value, value)?;
            check_eq("systemTx data", &c.data, &data)?;
            check_eq("systemTx sourceAddress", c.sourceAddress, source)?;
            check_eq("systemTx sourceRollup", c.sourceRollup, source_rollup)?;
            check_eq("systemTx entries", &c.entries, &entries)?;
            check_eq("systemTx lookupCalls", &c._lookupCalls, &lookups)?;
            let again = ManagerCall::ExecuteIncomingCrossChainCall(c).encode();
            check_hex("encode(systemTx)", &again, &tx_data)?;
        }
        other => return Err(format!("systemTx calls {}, not executeIncomingCrossChainCall", other.function_name())),
    }
    let report = validate_l2_table(&entries, &lookups);
    if !report.is_ok() {
        return Err(format!("validation of the executed L2 table reports errors:\n{report}"));
    }

    let traces = [
        trace_from_l2_entry_and_steps(&entries[0], &steps[0], &[]).map_err(text)?,
        trace_from_l2_entry_and_steps(&entries[1], &steps[1], &[]).map_err(text)?,
    ];
    let incoming = |msg_value: U256| {
        L2Consumption::IncomingCall(IncomingCall {
            rollupId: rollup_id,
            destination,
            value,
            data: data.clone(),
            sourceAddress: source,
            sourceRollup: source_rollup,
            msgValue: msg_value,
        })
    };
    let first = preflight_l2(&entries, &incoming(msg_value), &traces[0]).map_err(text)?.outcome;
    if !matches!(first, Outcome::Success { .. }) {
        return Err(format!("pre-flight of the inbound call predicts {}", first.to_json()));
    }
    let consume = L2Consumption::ProxyCall { cross_chain_call_hash: proxy_hash };
    match preflight_l2(&entries[1..], &consume, &traces[1]).map_err(text)?.outcome {
        Outcome::Success { return_data, .. } => {
            let want: Bytes =
                Bytes::from_json(field(field(expected, "execution")?, "consumerReturnData")?).map_err(text)?;
            check_hex("consumer return data", &return_data, &want)?;
        }
        other => return Err(format!("pre-flight of the proxy call predicts {}", other.to_json())),
    }

    for (i, mutation) in field(expected, "mutations")?.as_array().ok_or("mutations is not an array")?.iter().enumerate()
    {
        let description = mutation.get("mutation").and_then(Value::as_str).unwrap_or_default();
        let result = (|| -> CaseResult {
            let mut table = entries.clone();
            table[0] = parse(mutation, "mutatedEntry0")?;
            // The one mutation of the transaction rather than the table: one wei less sent.
            let sent =
                if description.starts_with("msg.value = value - 1") { msg_value - U256::from(1) } else { msg_value };
            let predicted = preflight_l2(&table, &incoming(sent), &traces[0]).map_err(text)?.outcome;
            compare(description, &predicted, recorded(mutation)?)
        })();
        result.map_err(|e| format!("mutations[{i}] ({description}): {e}"))?;
    }
    Ok(())
}
