//! Batch membership (spec §6.2, §7): the API on the golden file's executed batches, every
//! rejection with its code, the consumption attribution rules — and the generator of
//! `vectors/exectable-membership.json`, which fails when the committed file differs from what
//! it rebuilds (`EXECTABLE_WRITE_VECTORS=1 cargo test -p exectable --test inclusion` rewrites it).
//!
//! Receipts are reconstructed from the golden file: its cases record the events the contracts
//! emitted as decoded positional arguments with the emitting address; they are encoded back into
//! raw logs with the library's event encoder. Only the EEZ's events are kept (the recorded events
//! of test contracts such as `L1Counter` have no ABI in the golden file). The e2e scenarios
//! 001/003 do not record the posting transaction's events: their posting receipt holds the single
//! `BatchPosted(1)` log the contract emits for a batch with no transient entries (§6.2, §7).

use alloy_primitives::{hex, keccak256, Address, B256, U256};
use exectable::abi::calldata::encode_post_and_verify_batch;
use exectable::conformance::run_vectors;
use exectable::inclusion::{
    consumption_evidence, verify_membership, verify_posting, ConsumedVia, ConsumptionReport, EntryFate, IndexSpace,
    ItemQuery, MembershipRequest, PostingOptions,
};
use exectable::public_inputs::BlobSource;
use exectable::receipt::Receipt;
use exectable::types::l1::{ExecutionEntry, LookupCall, ProofSystemBatchPerVerificationEntries};
use exectable::{CanonicalJson, Error, ErrorCode, L1Event};
use serde_json::{json, Value};

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/eez-v1-public.json");
const OUT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/exectable-membership.json");

fn golden() -> Value {
    serde_json::from_str(&std::fs::read_to_string(GOLDEN).unwrap()).unwrap()
}

fn gcase(g: &Value, id: &str) -> Value {
    g["cases"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("{id}")).clone()
}

fn e2e(g: &Value, n: u32) -> Value {
    gcase(g, &format!("e2eScenario-public-{n:03}"))
}

fn pih(g: &Value, n: u32) -> Value {
    gcase(g, &format!("publicInputsHash-public-{n:03}"))
}

fn pih_eez(g: &Value) -> Value {
    g["header"]["deployments"]["publicInputsHashFixture"]["eez"].clone()
}

/// A synthetic transaction hash (the golden file records none): `keccak256(label)`.
fn synthetic_hash(label: &str) -> Value {
    keccak256(label.as_bytes()).to_json()
}

/// One raw log from a recorded event `{address, event, args: [positional]}`.
fn log_json(address: &Value, event: &str, args: &Value) -> Value {
    let decoded = L1Event::from_json(&json!({"event": event, "args": args})).unwrap();
    let (topics, data) = decoded.encode();
    let address = Address::from_json(address).unwrap();
    json!({"address": address.to_json(), "topics": topics.to_json(), "data": hex::encode_prefixed(data)})
}

/// The EEZ's logs among recorded events (other contracts' events are dropped).
fn eez_logs(events: &Value) -> Vec<Value> {
    events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["contract"] == "EEZ")
        .map(|e| log_json(&e["address"], e["event"].as_str().unwrap(), &e["args"]))
        .collect()
}

fn receipt(success: bool, logs: Vec<Value>, extra: &[(&str, Value)]) -> Value {
    let mut r = json!({"status": if success { "0x1" } else { "0x0" }, "logs": logs});
    for (k, v) in extra {
        r[*k] = v.clone();
    }
    r
}

fn batch_of(c: &Value) -> ProofSystemBatchPerVerificationEntries {
    ProofSystemBatchPerVerificationEntries::from_json(&c["inputs"]["batch"]).unwrap()
}

fn batch_posted_log(manager: &Value, batch: &ProofSystemBatchPerVerificationEntries) -> Value {
    log_json(manager, "BatchPosted", &json!([format!("{:#x}", batch.rollupIdsWithProofSystems.len())]))
}

/// Inputs of an e2e scenario's posting: recorded events (002) or the lone `BatchPosted` (001, 003).
fn e2e_posting(c: &Value, extra: &[(&str, Value)]) -> Value {
    let eez = &c["inputs"]["eez"];
    let logs = match c["expected"].get("events") {
        Some(events) => eez_logs(events),
        None => vec![batch_posted_log(eez, &batch_of(c))],
    };
    let mut extra = extra.to_vec();
    if let Some(block) = c["expected"]["execution"].get("sameBlock") {
        extra.push(("blockNumber", block.clone()));
    }
    json!({
        "manager": eez,
        "txInput": c["inputs"]["postAndVerifyBatchCalldata"],
        "receipt": receipt(true, logs, &extra),
    })
}

/// The e2e consumer transaction's receipt (same block as the posting, from `sameBlock`).
fn e2e_consumer(c: &Value) -> Value {
    let mut extra = vec![("transactionHash", synthetic_hash(&format!("{}:consumerTx", c["id"].as_str().unwrap())))];
    if let Some(block) = c["expected"]["execution"].get("sameBlock") {
        extra.push(("blockNumber", block.clone()));
    }
    receipt(c["expected"]["execution"]["consumerTx"] == "success", eez_logs(&c["expected"]["consumerEvents"]), &extra)
}

fn pih_inputs(g: &Value, c: &Value, with_blobs: bool) -> Value {
    let logs = eez_logs(&c["expected"]["events"]);
    let mut inputs = json!({
        "manager": pih_eez(g),
        "txInput": c["expected"]["postAndVerifyBatchCalldata"],
        "receipt": receipt(c["expected"]["txStatus"] == "success", logs, &[]),
    });
    if with_blobs && !batch_of(c).blobIndices.is_empty() {
        inputs["blobHashes"] = c["inputs"]["blobHashes"].clone();
    }
    inputs
}

// ---------------------------------------------------------------------------------------------
// The library's answers, in the JSON the conformance runner compares.

/// Transaction input, receipt, manager, options, later receipts.
type Parsed = (Vec<u8>, Receipt, Address, PostingOptions, Vec<Receipt>);

fn parse(inputs: &Value) -> Result<Parsed, Error> {
    let tx_input = hex::decode(inputs["txInput"].as_str().unwrap()).unwrap();
    let receipt = Receipt::from_json(&inputs["receipt"])?;
    let manager = Address::from_json(&inputs["manager"]).unwrap();
    let options = PostingOptions {
        transaction_hash: inputs.get("txHash").map(|h| B256::from_json(h).unwrap()),
        blobs: inputs.get("blobHashes").map(|b| BlobSource::Resolved(Vec::from_json(b).unwrap())),
    };
    let later = match inputs.get("laterReceipts") {
        Some(items) => items.as_array().unwrap().iter().map(Receipt::from_json).collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    Ok((tx_input, receipt, manager, options, later))
}

fn membership(inputs: &Value) -> Result<Value, Error> {
    let (tx_input, receipt, manager, options, later) = parse(inputs)?;
    let query = ItemQuery::from_json(&inputs["query"])?;
    let report = verify_membership(&MembershipRequest {
        tx_input: &tx_input,
        receipt: &receipt,
        manager,
        query: &query,
        options: &options,
        later_receipts: &later,
    })?;
    let batch = report.posted.to_json();
    Ok(json!({
        "rollupCount": batch["rollupCount"],
        "entryHashes": batch["entryHashes"],
        "lookupCallHashes": batch["lookupCallHashes"],
        "sharedPublicInput": batch["sharedPublicInput"],
        "matches": report.matches.iter().map(|m| m.to_json()).collect::<Vec<_>>(),
        "layout": batch["layout"],
    }))
}

fn consumption(inputs: &Value) -> Result<(ConsumptionReport, Value), Error> {
    let (tx_input, receipt, manager, options, later) = parse(inputs)?;
    let posted = verify_posting(&tx_input, &receipt, manager, &options)?;
    let report = consumption_evidence(&posted, &receipt, &later)?;
    let json = report.to_json();
    let positions: Vec<Value> = json["unattributed"].as_array().unwrap().iter().map(|u| u["at"].clone()).collect();
    let expected = json!({"entries": json["entries"], "unattributed": positions, "supersededAt": json["supersededAt"]});
    Ok((report, expected))
}

// ---------------------------------------------------------------------------------------------
// The vector file.

struct Cases(Vec<Value>);

impl Cases {
    fn valid(&mut self, id: &str, kind: &str, description: &str, inputs: Value, expected: Value) {
        self.0
            .push(json!({"id": id, "kind": kind, "description": description, "inputs": inputs, "expected": expected}));
    }

    fn membership(&mut self, id: &str, description: &str, inputs: Value) -> Value {
        let expected = membership(&inputs).unwrap_or_else(|e| panic!("{id}: {e}"));
        self.valid(id, "batchMembership", description, inputs, expected.clone());
        expected
    }

    fn consumption(&mut self, id: &str, description: &str, inputs: Value) -> ConsumptionReport {
        let (report, expected) = consumption(&inputs).unwrap_or_else(|e| panic!("{id}: {e}"));
        self.valid(id, "consumptionEvidence", description, inputs, expected);
        report
    }

    fn must_fail(&mut self, id: &str, kind: &str, description: &str, inputs: Value, code: ErrorCode) {
        let got = if kind == "batchMembership" { membership(&inputs).err() } else { consumption(&inputs).err() };
        assert_eq!(got.as_ref().map(Error::code), Some(code), "{id}: {got:?}");
        let error = json!({"code": code.as_u32(), "name": format!("{code:?}")});
        let verdict = exectable::Verdict::of_code(code).name();
        self.valid(id, kind, description, inputs, json!({"error": error, "verdict": verdict}));
    }
}

fn with_query(mut inputs: Value, query: Value) -> Value {
    inputs["query"] = query;
    inputs
}

fn membership_cases(g: &Value, cases: &mut Cases) {
    const RECONSTRUCTED: &str = "receipt reconstructed from the recorded events of the EEZ";
    // Every entry and lookup of every executed publicInputsHash batch, by its hash.
    for n in 2..=10 {
        let c = pih(g, n);
        let batch = batch_of(&c);
        let blobs = !batch.blobIndices.is_empty();
        let golden_shared = c["expected"]["derived"]["sharedPublicInput"].clone();
        for (i, entry) in batch.entries.iter().enumerate() {
            let id = format!("membership-pih-{n:03}-entry-{i}");
            let inputs = with_query(pih_inputs(g, &c, true), json!({"entryHash": entry.hash().to_json()}));
            let d = format!("{}: entries[{i}] by entryHash; {RECONSTRUCTED}", c["id"].as_str().unwrap());
            let got = cases.membership(&id, &d, inputs);
            assert_eq!(got["entryHashes"], c["expected"]["entryHashes"], "{id}");
            assert_eq!(got["sharedPublicInput"]["value"], golden_shared, "{id}");
            assert_eq!(got["matches"][0]["index"], json!(format!("{i:#x}")), "{id}");
        }
        for (i, lookup) in batch.l1ToL2lookupCalls.iter().enumerate() {
            let id = format!("membership-pih-{n:03}-lookupCall-{i}");
            let inputs = with_query(pih_inputs(g, &c, true), json!({"lookupCallHash": lookup.hash().to_json()}));
            let d = format!("{}: l1ToL2lookupCalls[{i}] by lookupCallHash; {RECONSTRUCTED}", c["id"].as_str().unwrap());
            let got = cases.membership(&id, &d, inputs);
            assert_eq!(got["lookupCallHashes"], c["expected"]["lookupCallHashes"], "{id}");
            assert_eq!(got["sharedPublicInput"]["value"], golden_shared, "{id}");
        }
        if blobs {
            let id = format!("membership-pih-{n:03}-no-blob-hashes");
            let entry = &batch.entries[0];
            let inputs = with_query(pih_inputs(g, &c, false), json!({"entryHash": entry.hash().to_json()}));
            let d = "the batch has blobIndices and no blob hashes are given: sharedPublicInput is reported as not \
                     computed, membership still holds";
            let got = cases.membership(&id, d, inputs);
            assert_eq!(got["sharedPublicInput"]["computed"], json!(false), "{id}");
        }
    }
    // The other query forms.
    let c6 = pih(g, 6);
    let got = cases.membership(
        "membership-pih-006-proxyEntryHash-zero",
        "proxyEntryHash 0 matches the immediate transient entry 0 and the entry queued for rollup 1 (consumable \
         only by executeL2TX): both are reported",
        with_query(pih_inputs(g, &c6, true), json!({"proxyEntryHash": B256::ZERO.to_json()})),
    );
    assert_eq!(got["matches"].as_array().unwrap().len(), 2);
    let c5 = pih(g, 5);
    let lookup = LookupCall::from_json(&c5["inputs"]["batch"]["l1ToL2lookupCalls"][0]).unwrap();
    cases.membership(
        "membership-pih-005-crossChainCallHash",
        "the lookup call named by its crossChainCallHash",
        with_query(pih_inputs(g, &c5, true), json!({"crossChainCallHash": lookup.crossChainCallHash.to_json()})),
    );
    let c2 = pih(g, 2);
    cases.membership(
        "membership-pih-002-full-lookupCall",
        "the lookup call given in full",
        with_query(pih_inputs(g, &c2, true), json!({"lookupCall": c2["inputs"]["batch"]["l1ToL2lookupCalls"][0]})),
    );
    let (c1, c2e, c3) = (e2e(g, 1), e2e(g, 2), e2e(g, 3));
    let entry = |c: &Value| ExecutionEntry::from_json(&c["inputs"]["batch"]["entries"][0]).unwrap();
    let posting_only = "posting receipt: the lone BatchPosted(1) the contract emits for a batch without transient \
                        entries (the scenario records no posting events)";
    let got = cases.membership(
        "membership-e2e-001-proxyEntryHash",
        &format!(
            "e2e 001: the deferred entry by its proxyEntryHash, queued for rollup 1 at queue index 0; {posting_only}"
        ),
        with_query(e2e_posting(&c1, &[]), json!({"proxyEntryHash": entry(&c1).proxyEntryHash.to_json()})),
    );
    assert_eq!(got["matches"][0]["hash"], c1["expected"]["entryHash"]);
    cases.membership(
        "membership-e2e-002-full-entry",
        &format!(
            "e2e 002: the immediate entry given in full (transient 0, run inside postAndVerifyBatch); {RECONSTRUCTED}"
        ),
        with_query(e2e_posting(&c2e, &[]), json!({"entry": c2e["inputs"]["batch"]["entries"][0]})),
    );
    cases.membership(
        "membership-e2e-003-entryHash",
        &format!(
            "e2e 003: the executeL2TX entry by its entryHash, queued for rollup 1 at queue index 0; {posting_only}"
        ),
        with_query(e2e_posting(&c3, &[]), json!({"entryHash": c3["expected"]["entryHash"]})),
    );
    let tx = synthetic_hash("e2eScenario-public-001:postTx");
    let mut inputs = with_query(
        e2e_posting(&c1, &[("transactionHash", tx.clone())]),
        json!({"entryHash": c1["expected"]["entryHash"]}),
    );
    inputs["txHash"] = tx.clone();
    cases.membership(
        "membership-e2e-001-tx-hash",
        "the caller names the transaction hash and the receipt carries it (synthetic hash: the scenario records none)",
        inputs,
    );
    let batcher = json!("0x00000000000000000000000000000000000ba7c4");
    cases.membership(
        "membership-e2e-001-via-batcher",
        "receipt.to is a batcher contract, not the manager: accepted (§7: batchers call postAndVerifyBatch \
         internally); only the BatchPosted log must come from the manager",
        with_query(e2e_posting(&c1, &[("to", batcher)]), json!({"entryHash": c1["expected"]["entryHash"]})),
    );

    // Must-fail.
    let mb = "batchMembership";
    let query = json!({"entryHash": c1["expected"]["entryHash"]});
    let base = with_query(e2e_posting(&c1, &[]), query.clone());
    let mut i = base.clone();
    i["txInput"] = c3["inputs"]["consumerTx"]["data"].clone();
    cases.must_fail(
        "membership-fail-executeL2TX-input",
        mb,
        "the input is executeL2TX calldata",
        i,
        ErrorCode::MembershipNotABatch,
    );
    let mut i = base.clone();
    let calldata = c1["inputs"]["postAndVerifyBatchCalldata"].as_str().unwrap();
    i["txInput"] = json!(format!("0x8a{}", &calldata[4..]));
    cases.must_fail("membership-fail-wrong-selector", mb, "selector byte 0 changed", i, ErrorCode::MembershipNotABatch);
    let mut i = base.clone();
    i["txInput"] = json!("0x");
    cases.must_fail("membership-fail-empty-input", mb, "empty transaction input", i, ErrorCode::MembershipNotABatch);
    let mut i = base.clone();
    i["txInput"] = json!(&calldata[..2 + 2 * 50]);
    cases.must_fail(
        "membership-fail-truncated",
        mb,
        "calldata cut after 50 bytes: the batch head does not fit, the contract's decoder reverts; the decode \
         error keeps its code and the verdict is cannot decide (no successful posting has this input)",
        i,
        ErrorCode::AbiTruncated,
    );
    let mut i = base.clone();
    i["txInput"] = json!(&calldata[..calldata.len() - 64]);
    cases.must_fail(
        "membership-fail-last-word-missing",
        mb,
        "calldata without its last word: proofs[0] claims more bytes than remain",
        i,
        ErrorCode::AbiLengthTooLarge,
    );
    mined_on_anvil_cases(cases);
    non_canonical_cases(
        cases,
        &with_query(e2e_posting(&c3, &[]), json!({"entryHash": c3["expected"]["entryHash"]})),
        c3["inputs"]["postAndVerifyBatchCalldata"].as_str().unwrap(),
    );
    let mut i = with_query(pih_inputs(g, &c2, true), json!({"entryHash": c2["expected"]["entryHashes"][0]}));
    i["receipt"] = receipt(false, vec![], &[]);
    cases.must_fail(
        "membership-fail-status-0",
        mb,
        "the receipt reports failure",
        i,
        ErrorCode::MembershipReceiptFailed,
    );
    let mut i = with_query(e2e_posting(&c2e, &[]), json!({"entry": c2e["inputs"]["batch"]["entries"][0]}));
    i["receipt"]["logs"].as_array_mut().unwrap().pop();
    cases.must_fail(
        "membership-fail-no-BatchPosted",
        mb,
        "e2e 002's receipt without its BatchPosted log",
        i,
        ErrorCode::MembershipNoBatchPosted,
    );
    let mut i = base.clone();
    i["receipt"]["logs"] = json!([batch_posted_log(&c1["inputs"]["rollupManager"], &batch_of(&c1))]);
    cases.must_fail(
        "membership-fail-BatchPosted-other-address",
        mb,
        "BatchPosted(1) emitted by another contract (the rollup manager) does not count",
        i,
        ErrorCode::MembershipNoBatchPosted,
    );
    let mut i = with_query(pih_inputs(g, &c2, true), json!({"entryHash": c2["expected"]["entryHashes"][0]}));
    i["receipt"]["logs"] = json!([log_json(&pih_eez(g), "BatchPosted", &json!(["0x2"]))]);
    cases.must_fail(
        "membership-fail-rollupCount",
        mb,
        "BatchPosted(2) for a batch of 3 rollups",
        i,
        ErrorCode::MembershipNoBatchPosted,
    );
    let mutated = &c1["expected"]["mutations"][0];
    assert!(mutated["mutation"].as_str().unwrap().starts_with("entries[0].rollingHash"));
    let i = with_query(e2e_posting(&c1, &[]), json!({"entry": mutated["mutatedEntry"]}));
    cases.must_fail(
        "membership-fail-mutated-entry",
        mb,
        "the golden file's mutated entry (rollingHash byte 31 flipped) is not in the batch",
        i,
        ErrorCode::MembershipItemNotFound,
    );
    let i = with_query(pih_inputs(g, &c2, true), json!({"entryHash": c2["expected"]["lookupCallHashes"][0]}));
    cases.must_fail(
        "membership-fail-lookup-hash-as-entry-hash",
        mb,
        "a lookup-call hash asked for as an entry hash",
        i,
        ErrorCode::MembershipItemNotFound,
    );
    let mut i = with_query(e2e_posting(&c1, &[("transactionHash", tx.clone())]), query.clone());
    i["txHash"] = synthetic_hash("another transaction");
    cases.must_fail(
        "membership-fail-tx-hash",
        mb,
        "the receipt is for another transaction",
        i,
        ErrorCode::MembershipReceiptMismatch,
    );
    let mut i = base.clone();
    i["txHash"] = tx;
    cases.must_fail(
        "membership-fail-tx-hash-unknown",
        mb,
        "a transaction hash is named but the receipt carries none",
        i,
        ErrorCode::MembershipReceiptMismatch,
    );
    let mut i = base.clone();
    i["receipt"]["status"] = json!("0x2");
    cases.must_fail("membership-fail-malformed-receipt", mb, "status 0x2", i, ErrorCode::ReceiptMalformed);
}

fn fate(report: &ConsumptionReport, i: usize) -> &EntryFate {
    &report.entries[i].fate
}

fn consumption_cases(g: &Value, cases: &mut Cases) {
    let ce = "consumptionEvidence";
    let (c1, c2, c3) = (e2e(g, 1), e2e(g, 2), e2e(g, 3));
    let later = |mut inputs: Value, receipts: Vec<Value>| {
        inputs["laterReceipts"] = json!(receipts);
        inputs
    };
    let r = cases.consumption(
        "consumption-e2e-001-proxy-call",
        "e2e 001: the queued entry consumed by a proxy call in a later transaction of the same block: \
         ExecutionConsumed(H, 1, 0) … EntryExecuted(0, rollingHash)",
        later(e2e_posting(&c1, &[]), vec![e2e_consumer(&c1)]),
    );
    let EntryFate::Consumed(c) = fate(&r, 0) else { panic!("{r:?}") };
    assert_eq!((c.via, c.index_space, c.index), (ConsumedVia::ProxyCall, IndexSpace::Queue, U256::ZERO));
    assert_eq!(c.rolling_hash.to_json(), c1["expected"]["rollingHash"]);
    assert_eq!(c.state_updates[0].1.to_json(), c1["expected"]["postState"]["stateRoot"]);
    let r = cases.consumption(
        "consumption-e2e-002-immediate",
        "e2e 002: the immediate entry executed inside postAndVerifyBatch (EntryExecuted(0, …) before BatchPosted)",
        e2e_posting(&c2, &[]),
    );
    let EntryFate::Consumed(c) = fate(&r, 0) else { panic!("{r:?}") };
    assert_eq!((c.via, c.index_space), (ConsumedVia::Immediate, IndexSpace::Transient));
    assert_eq!(c.state_updates[0].1.to_json(), c2["expected"]["postState"]["stateRoot"]);
    let r = cases.consumption(
        "consumption-e2e-003-executeL2TX",
        "e2e 003: the queued entry consumed by executeL2TX: L2TXExecuted(1, 0), ExecutionConsumed(0, 1, 0) … \
         EntryExecuted(0, …)",
        later(e2e_posting(&c3, &[]), vec![e2e_consumer(&c3)]),
    );
    let EntryFate::Consumed(c) = fate(&r, 0) else { panic!("{r:?}") };
    assert_eq!((c.via, c.index_space), (ConsumedVia::ExecuteL2TX, IndexSpace::Queue));
    for (n, name) in [(3, "StateRootMismatch"), (6, "StateRootMismatch"), (7, "UnexpectedContextRevert")] {
        let c = pih(g, n);
        let r = cases.consumption(
            &format!("consumption-pih-{n:03}-skipped"),
            &format!(
                "{}: the immediate entry 0 skipped with {name}; receipt reconstructed from the recorded events",
                c["id"].as_str().unwrap()
            ),
            pih_inputs(g, &c, true),
        );
        let EntryFate::Skipped(s) = fate(&r, 0) else { panic!("{r:?}") };
        assert_eq!(s.error.as_ref().unwrap().name(), name);
        let recorded = &c["expected"]["events"][0]["decodedRevert"];
        assert_eq!(json!(name), recorded["name"]);
        assert_eq!(json!(hex::encode_prefixed(s.error.as_ref().unwrap().selector())), recorded["selector"]);
        assert!(r.entries[1..].iter().all(|e| e.fate == EntryFate::NoEvidence));
    }
    let mut foreign = e2e_consumer(&c1);
    foreign["blockNumber"] = c3["expected"]["execution"]["sameBlock"].clone();
    let r = cases.consumption(
        "consumption-constructed-other-batch-logs",
        "constructed: e2e 001's consumer receipt read against e2e 003's batch. ExecutionConsumed(H, 1, 0) names \
         the entry queued for rollup 1 at index 0, but its hash is not that entry's proxyEntryHash (0): the logs \
         belong to another batch and are not attributed (the receipt's blockNumber is set to 003's block)",
        later(e2e_posting(&c3, &[]), vec![foreign]),
    );
    assert_eq!(*fate(&r, 0), EntryFate::NoEvidence);
    assert_eq!(r.unattributed.len(), 3, "ExecutionConsumed, L2ExecutionPerformed, EntryExecuted");
    let block = c1["expected"]["execution"]["sameBlock"].clone();
    let second_batch =
        receipt(true, vec![batch_posted_log(&c1["inputs"]["eez"], &batch_of(&c1))], &[("blockNumber", block)]);
    let r = cases.consumption(
        "consumption-constructed-superseded",
        "constructed: another BatchPosted of the manager in the same block before e2e 001's consumer: a second batch \
         may have replaced rollup 1's queue, so nothing after it is attributed",
        later(e2e_posting(&c1, &[]), vec![second_batch, e2e_consumer(&c1)]),
    );
    assert_eq!(*fate(&r, 0), EntryFate::NoEvidence);
    assert!(r.superseded_at.is_some());
    let mut same_tx = e2e_posting(&c1, &[]);
    let consumer_logs = eez_logs(&c1["expected"]["consumerEvents"]);
    same_tx["receipt"]["logs"].as_array_mut().unwrap().extend(consumer_logs);
    let r = cases.consumption(
        "consumption-constructed-same-tx-after-BatchPosted",
        "constructed: a batcher posts e2e 001's batch and consumes its entry in the same transaction; logs after \
         BatchPosted are in the queue index space",
        same_tx,
    );
    let EntryFate::Consumed(c) = fate(&r, 0) else { panic!("{r:?}") };
    assert_eq!((c.via, c.index_space, c.executed_at.later), (ConsumedVia::ProxyCall, IndexSpace::Queue, None));
    // The poster's meta hook consumes a transient entry inside postAndVerifyBatch: e2e 001's batch
    // with its entry made transient, and the consumer's logs before BatchPosted.
    let mut batch = batch_of(&c1);
    batch.transientExecutionEntryCount = U256::from(1);
    let mut meta = e2e_posting(&c1, &[]);
    meta["txInput"] = json!(hex::encode_prefixed(encode_post_and_verify_batch(&batch)));
    let mut logs = eez_logs(&c1["expected"]["consumerEvents"]);
    logs.push(batch_posted_log(&c1["inputs"]["eez"], &batch));
    meta["receipt"]["logs"] = json!(logs);
    let r = cases.consumption(
        "consumption-constructed-meta-hook",
        "constructed: e2e 001's batch with transientExecutionEntryCount 1, its entry consumed by the poster's meta \
         hook inside postAndVerifyBatch (e2e 001's consumer logs before BatchPosted): ExecutionConsumed(H, 1, 0) \
         carries the transient index",
        meta,
    );
    let EntryFate::Consumed(c) = fate(&r, 0) else { panic!("{r:?}") };
    assert_eq!((c.via, c.index_space, c.executed_at.later), (ConsumedVia::ProxyCall, IndexSpace::Transient, None));
    let mut other_block = e2e_consumer(&c1);
    other_block["blockNumber"] = json!("0x69");
    cases.must_fail(
        "consumption-fail-other-block",
        ce,
        "a later receipt from block 0x69 for a batch posted in block 0x68",
        later(e2e_posting(&c1, &[]), vec![other_block]),
        ErrorCode::InvalidArgument,
    );
    let tx = synthetic_hash("e2eScenario-public-001:postTx");
    let posting = e2e_posting(&c1, &[("transactionHash", tx)]);
    let again = posting["receipt"].clone();
    cases.must_fail(
        "consumption-fail-posting-receipt-again",
        ce,
        "the posting receipt passed again as a later receipt",
        later(posting, vec![again]),
        ErrorCode::InvalidArgument,
    );
}

fn build_file() -> Value {
    let g = golden();
    let mut cases = Cases(Vec::new());
    membership_cases(&g, &mut cases);
    consumption_cases(&g, &mut cases);
    json!({
        "header": {
            "format": "exectable-vectors/v1",
            "description": "Batch membership (kind batchMembership) and consumption evidence (kind consumptionEvidence) \
                from postAndVerifyBatch transaction inputs and receipts, derived from vectors/eez-v1-public.json \
                (publicInputsHash and e2eScenario cases). Receipts are reconstructed: the golden file records the \
                contracts' events as decoded arguments with the emitting address; they are encoded back into raw \
                logs (only the EEZ's). Transaction hashes are synthetic (keccak256 of a label). Cases marked \
                'constructed' combine recorded receipts in ways no single scenario executed. See docs/MEMBERSHIP.md.",
            "generator": "EXECTABLE_WRITE_VECTORS=1 cargo test -p exectable --test inclusion (core/tests/inclusion.rs)",
            "source": "vectors/eez-v1-public.json",
        },
        "cases": cases.0,
    })
}

#[test]
fn vector_file_is_what_the_generator_builds() {
    let file = build_file();
    let text = format!("{}\n", serde_json::to_string_pretty(&file).unwrap());
    if std::env::var_os("EXECTABLE_WRITE_VECTORS").is_some() {
        std::fs::write(OUT, &text).unwrap();
    }
    let committed = std::fs::read_to_string(OUT).unwrap_or_default();
    assert!(committed == text, "{OUT} differs from the generator; rerun with EXECTABLE_WRITE_VECTORS=1");
    let report = run_vectors(&file, &[]).unwrap();
    assert!(report.failures.is_empty(), "{:#?}", report.failures);
    assert!(report.is_success());
}

// ---------------------------------------------------------------------------------------------
// The API, case by case.

struct Posting {
    tx_input: Vec<u8>,
    receipt: Value,
    manager: Address,
}

fn posting_of(inputs: &Value) -> Posting {
    Posting {
        tx_input: hex::decode(inputs["txInput"].as_str().unwrap()).unwrap(),
        receipt: inputs["receipt"].clone(),
        manager: Address::from_json(&inputs["manager"]).unwrap(),
    }
}

fn verify(
    p: &Posting,
    query: ItemQuery,
    options: PostingOptions,
    later: &[Value],
) -> Result<exectable::inclusion::MembershipReport, Error> {
    let receipt = Receipt::from_json(&p.receipt)?;
    let later: Vec<Receipt> = later.iter().map(|r| Receipt::from_json(r).unwrap()).collect();
    verify_membership(&MembershipRequest {
        tx_input: &p.tx_input,
        receipt: &receipt,
        manager: p.manager,
        query: &query,
        options: &options,
        later_receipts: &later,
    })
}

fn rejected_code(r: Result<exectable::inclusion::MembershipReport, Error>) -> (ErrorCode, String) {
    let e = r.expect_err("must be rejected");
    (e.code(), e.to_string())
}

#[test]
fn e2e_001_entry_is_queued_and_consumed_by_the_later_proxy_call() {
    let g = golden();
    let c = e2e(&g, 1);
    let p = posting_of(&e2e_posting(&c, &[("to", c["inputs"]["eez"].clone())]));
    let entry = ExecutionEntry::from_json(&c["inputs"]["batch"]["entries"][0]).unwrap();
    let report =
        verify(&p, ItemQuery::Entry(Box::new(entry.clone())), PostingOptions::default(), &[e2e_consumer(&c)]).unwrap();
    assert_eq!(report.posted.posted_directly(), Some(true));
    assert_eq!(report.posted.immediate_run, 0);
    assert_eq!(report.matches.len(), 1);
    let m = &report.matches[0];
    assert_eq!(m.hash.to_json(), c["expected"]["entryHash"]);
    assert_eq!(m.placement, exectable::batch::Placement::Queued { rollup_id: U256::from(1), queue_index: 0 });
    assert!(!m.immediate);
    let EntryFate::Consumed(consumed) = &report.evidence(m).unwrap().fate else { panic!() };
    assert_eq!(consumed.cross_chain_call_hash, Some(entry.proxyEntryHash));
    assert_eq!(consumed.rollup_id, Some(U256::from(1)));
    assert_eq!(consumed.consumed_at.unwrap().later, Some(0));
    // No blob indices: sharedPublicInput is computed with an empty blob list.
    assert!(report.posted.shared_public_input.value().is_some());
    let text = report.to_text();
    assert!(text.contains("queued for rollup 1 at queue index 0"), "{text}");
    assert!(text.contains("consumed via proxyCall"), "{text}");
    assert_eq!(report.to_json()["matches"][0]["evidence"]["fate"], "consumed");
    // Without the later receipt there is no evidence, and the note says why.
    let report = verify(&p, ItemQuery::EntryHash(entry.hash()), PostingOptions::default(), &[]).unwrap();
    let evidence = report.evidence(&report.matches[0]).unwrap();
    assert_eq!(evidence.fate, EntryFate::NoEvidence);
    assert!(evidence.no_evidence_note().contains("posting block"));
}

#[test]
fn posting_through_a_batcher_is_reported_not_rejected() {
    let g = golden();
    let c = e2e(&g, 3);
    let batcher = json!("0x00000000000000000000000000000000000ba7c4");
    let p = posting_of(&e2e_posting(&c, &[("to", batcher)]));
    let report = verify(&p, ItemQuery::ProxyEntryHash(B256::ZERO), PostingOptions::default(), &[]).unwrap();
    assert_eq!(report.posted.posted_directly(), Some(false));
    assert!(report.to_text().contains("not the manager: a batcher contract"));
    let p = posting_of(&e2e_posting(&c, &[]));
    let report = verify(&p, ItemQuery::ProxyEntryHash(B256::ZERO), PostingOptions::default(), &[]).unwrap();
    assert_eq!(report.posted.posted_directly(), None);
}

#[test]
fn each_rejection_has_its_code_and_says_why() {
    let g = golden();
    let c = pih(&g, 2);
    let inputs = pih_inputs(&g, &c, true);
    let p = posting_of(&inputs);
    let batch = batch_of(&c);
    let entry_query = || ItemQuery::EntryHash(batch.entries[0].hash());
    assert!(verify(&p, entry_query(), PostingOptions::default(), &[]).is_ok());

    let mut bad = posting_of(&inputs);
    bad.tx_input = hex::decode(e2e(&g, 3)["inputs"]["consumerTx"]["data"].as_str().unwrap()).unwrap();
    let (code, message) = rejected_code(verify(&bad, entry_query(), PostingOptions::default(), &[]));
    assert_eq!(code, ErrorCode::MembershipNotABatch);
    assert!(message.contains("0xccdcf581 (ExecuteL2TX)"), "{message}");

    let mut bad = posting_of(&inputs);
    bad.receipt["logs"][0]["address"] = json!("0x0000000000000000000000000000000000000001");
    let (code, message) = rejected_code(verify(&bad, entry_query(), PostingOptions::default(), &[]));
    assert_eq!(code, ErrorCode::MembershipNoBatchPosted);
    assert!(message.contains("does not count"), "{message}");

    let mut bad = posting_of(&inputs);
    bad.receipt["logs"][0]["topics"][1] = json!(format!("0x{:064x}", 4));
    let (code, message) = rejected_code(verify(&bad, entry_query(), PostingOptions::default(), &[]));
    assert_eq!(code, ErrorCode::MembershipNoBatchPosted);
    assert!(message.contains("rollupCount = 4") && message.contains("covers 3 rollups"), "{message}");

    // A BatchPosted log of the manager that is not a valid BatchPosted log keeps its decode code.
    let mut bad = posting_of(&inputs);
    bad.receipt["logs"][0]["data"] = json!("0x00");
    assert_eq!(
        rejected_code(verify(&bad, entry_query(), PostingOptions::default(), &[])).0,
        ErrorCode::AbiTrailingBytes
    );

    let mut failed = posting_of(&inputs);
    failed.receipt["status"] = json!("0x0");
    assert_eq!(
        rejected_code(verify(&failed, entry_query(), PostingOptions::default(), &[])).0,
        ErrorCode::MembershipReceiptFailed
    );

    let (code, message) =
        rejected_code(verify(&p, ItemQuery::EntryHash(B256::repeat_byte(7)), PostingOptions::default(), &[]));
    assert_eq!(code, ErrorCode::MembershipItemNotFound);
    assert!(message.contains("no entry of the batch matches the entryHash"), "{message}");
    // Entry and lookup hashes are separate spaces.
    let lookup_hash = batch.l1ToL2lookupCalls[0].hash();
    assert!(verify(&p, ItemQuery::LookupCallHash(lookup_hash), PostingOptions::default(), &[]).is_ok());
    assert_eq!(
        rejected_code(verify(&p, ItemQuery::EntryHash(lookup_hash), PostingOptions::default(), &[])).0,
        ErrorCode::MembershipItemNotFound
    );

    let tx = B256::repeat_byte(0x11);
    let mut with_hash = posting_of(&inputs);
    with_hash.receipt["transactionHash"] = tx.to_json();
    let named = |h| PostingOptions { transaction_hash: Some(h), blobs: None };
    assert!(verify(&with_hash, entry_query(), named(tx), &[]).is_ok());
    assert_eq!(
        rejected_code(verify(&with_hash, entry_query(), named(B256::repeat_byte(0x12)), &[])).0,
        ErrorCode::MembershipReceiptMismatch
    );
    assert_eq!(rejected_code(verify(&p, entry_query(), named(tx), &[])).0, ErrorCode::MembershipReceiptMismatch);
}

#[test]
fn shared_public_input_needs_blob_hashes_only_when_the_batch_has_blob_indices() {
    let g = golden();
    let c = pih(&g, 9);
    let batch = batch_of(&c);
    assert_eq!(batch.blobIndices.len(), 3);
    let p = posting_of(&pih_inputs(&g, &c, false));
    let query = || ItemQuery::EntryHash(batch.entries[0].hash());
    let report = verify(&p, query(), PostingOptions::default(), &[]).unwrap();
    assert_eq!(report.posted.shared_public_input.value(), None);
    assert!(report.to_text().contains("not computed: blob hashes not given"));
    let golden_shared = B256::from_json(&c["expected"]["derived"]["sharedPublicInput"]).unwrap();
    let resolved = BlobSource::Resolved(Vec::from_json(&c["inputs"]["blobHashes"]).unwrap());
    let options = PostingOptions { transaction_hash: None, blobs: Some(resolved) };
    assert_eq!(verify(&p, query(), options, &[]).unwrap().posted.shared_public_input.value(), Some(golden_shared));
    // The recorded transaction carried no blobs: every index resolves to zero.
    let options = PostingOptions { transaction_hash: None, blobs: Some(BlobSource::VersionedHashes(vec![])) };
    assert_eq!(verify(&p, query(), options, &[]).unwrap().posted.shared_public_input.value(), Some(golden_shared));
    let options = PostingOptions { transaction_hash: None, blobs: Some(BlobSource::Resolved(vec![B256::ZERO])) };
    assert_eq!(rejected_code(verify(&p, query(), options, &[])).0, ErrorCode::InvalidArgument);
}

#[test]
fn a_trigger_hash_reports_every_match_with_its_placement() {
    let g = golden();
    let c = pih(&g, 8);
    let p = posting_of(&pih_inputs(&g, &c, true));
    let batch = batch_of(&c);
    // transientExecutionEntryCount 2, but entries[0] has a trigger: no immediate run.
    let report = verify(&p, ItemQuery::EntryHash(batch.entries[2].hash()), PostingOptions::default(), &[]).unwrap();
    assert_eq!(report.posted.immediate_run, 0);
    let m = &report.matches[0];
    assert_eq!(m.placement, exectable::batch::Placement::Queued { rollup_id: U256::from(2), queue_index: 0 });
    let lookup = &batch.l1ToL2lookupCalls[1];
    let report =
        verify(&p, ItemQuery::CrossChainCallHash(lookup.crossChainCallHash), PostingOptions::default(), &[]).unwrap();
    assert_eq!(report.matches[0].placement, exectable::batch::Placement::Transient { transient_index: 1 });
    assert!(report.evidence(&report.matches[0]).is_none(), "lookups leave no log");
    assert!(report.to_text().contains("lookup calls leave no log"));
}

/// e2e 001 with logIndex values: posting BatchPosted at 5, consumer logs from `first`.
fn indexed(c: &Value, first: u64) -> (Posting, Value) {
    let mut inputs = e2e_posting(c, &[]);
    inputs["receipt"]["logs"][0]["logIndex"] = json!("0x5");
    let mut consumer = e2e_consumer(c);
    for (i, log) in consumer["logs"].as_array_mut().unwrap().iter_mut().enumerate() {
        log["logIndex"] = json!(format!("{:#x}", first + i as u64));
    }
    (posting_of(&inputs), consumer)
}

#[test]
fn later_receipts_must_follow_the_posting_in_the_same_block() {
    let g = golden();
    let c = e2e(&g, 1);
    let q = || ItemQuery::EntryHash(B256::from_json(&c["expected"]["entryHash"]).unwrap());
    let (p, consumer) = indexed(&c, 6);
    assert!(verify(&p, q(), PostingOptions::default(), &[consumer]).is_ok());
    let (p, consumer) = indexed(&c, 2);
    let e = verify(&p, q(), PostingOptions::default(), &[consumer]).unwrap_err();
    assert_eq!((e.code(), e.path()), (ErrorCode::InvalidArgument, Some("laterReceipts[0].logs[0].logIndex")));
    let p = posting_of(&e2e_posting(&c, &[("blockHash", B256::repeat_byte(1).to_json())]));
    let mut consumer = e2e_consumer(&c);
    consumer["blockHash"] = B256::repeat_byte(2).to_json();
    let e = verify(&p, q(), PostingOptions::default(), &[consumer]).unwrap_err();
    assert_eq!(e.path(), Some("laterReceipts[0].blockHash"));
}

fn consumed(report: &exectable::inclusion::MembershipReport) -> bool {
    matches!(report.evidence(&report.matches[0]).unwrap().fate, EntryFate::Consumed(_))
}

#[test]
fn consumption_is_attributed_only_when_every_contract_check_holds() {
    let g = golden();
    let c = e2e(&g, 1);
    let p = posting_of(&e2e_posting(&c, &[]));
    let q = || ItemQuery::EntryHash(B256::from_json(&c["expected"]["entryHash"]).unwrap());
    let run = |consumer: Value| verify(&p, q(), PostingOptions::default(), &[consumer]).unwrap();
    assert!(consumed(&run(e2e_consumer(&c))));
    let receipt = Receipt::from_json(&e2e_consumer(&c)).unwrap();
    let position = |name: &str| {
        receipt
            .logs
            .iter()
            .position(|l| exectable::decode_l1_log(&l.topics, &l.data).is_ok_and(|e| e.name() == name))
            .unwrap()
    };
    let (consumed_at, performed_at, executed_at) =
        (position("ExecutionConsumed"), position("L2ExecutionPerformed"), position("EntryExecuted"));
    // Every single change that the contract's own checks would have caught breaks the attribution.
    let mut tampered: Vec<(&str, Value)> = Vec::new();
    let mut r = e2e_consumer(&c);
    r["logs"][consumed_at]["topics"][2] = json!(format!("0x{:064x}", 2)); // another rollup
    tampered.push(("rollupId", r));
    let mut r = e2e_consumer(&c);
    r["logs"][consumed_at]["topics"][3] = json!(format!("0x{:064x}", 1)); // another queue index
    tampered.push(("queue index", r));
    let mut r = e2e_consumer(&c);
    r["logs"][consumed_at]["topics"][1] = B256::repeat_byte(9).to_json(); // another call hash
    tampered.push(("call hash", r));
    let mut r = e2e_consumer(&c);
    let data = r["logs"][executed_at]["data"].as_str().unwrap().to_owned();
    let flipped = if &data[2..3] == "0" { "1" } else { "0" };
    r["logs"][executed_at]["data"] = json!(format!("0x{flipped}{}", &data[3..])); // rolling hash nibble
    tampered.push(("rolling hash", r));
    let mut r = e2e_consumer(&c);
    r["logs"][performed_at]["data"] = B256::repeat_byte(3).to_json(); // another new state
    tampered.push(("state update", r));
    let mut r = e2e_consumer(&c);
    r["logs"].as_array_mut().unwrap().remove(performed_at);
    tampered.push(("missing state update", r));
    let mut r = e2e_consumer(&c);
    r["logs"].as_array_mut().unwrap().remove(executed_at);
    tampered.push(("missing EntryExecuted", r));
    for (what, receipt) in tampered {
        let report = run(receipt);
        assert!(!consumed(&report), "{what}");
        assert!(!report.consumption.unattributed.is_empty(), "{what}");
    }
    // Logs of other contracts do not count, even with the manager's topics; a failed receipt's logs neither.
    let mut r = e2e_consumer(&c);
    for log in r["logs"].as_array_mut().unwrap() {
        log["address"] = json!("0x0000000000000000000000000000000000000001");
    }
    let report = run(r);
    assert!(!consumed(&report) && report.consumption.unattributed.is_empty());
    let mut r = e2e_consumer(&c);
    r["status"] = json!("0x0");
    assert!(!consumed(&run(r)));
    // Consumption evidence read twice for the same entry: the second is unattributed.
    let mut twice = e2e_consumer(&c);
    let again = twice["logs"].as_array().unwrap().clone();
    twice["logs"].as_array_mut().unwrap().extend(again);
    let report = run(twice);
    assert!(consumed(&report));
    assert_eq!(report.consumption.unattributed.len(), 3);
    assert!(report.consumption.unattributed[0].reason.contains("already has evidence"));
}

#[test]
fn receipts_in_a_json_rpc_envelope_are_accepted() {
    let g = golden();
    let c = e2e(&g, 2);
    let mut p = posting_of(&e2e_posting(&c, &[]));
    p.receipt = json!({"jsonrpc": "2.0", "id": 1, "result": p.receipt});
    let report = verify(&p, ItemQuery::ProxyEntryHash(B256::ZERO), PostingOptions::default(), &[]).unwrap();
    assert!(report.matches[0].immediate);
    assert!(consumed(&report));
}

#[test]
fn item_queries_round_trip_through_json() {
    let g = golden();
    let c = e2e(&g, 1);
    let entry = c["inputs"]["batch"]["entries"][0].clone();
    for q in [
        json!({"entry": entry}),
        json!({"entryHash": c["expected"]["entryHash"]}),
        json!({"proxyEntryHash": B256::ZERO.to_json()}),
        json!({"crossChainCallHash": B256::ZERO.to_json()}),
        json!({"lookupCallHash": B256::ZERO.to_json()}),
    ] {
        assert_eq!(ItemQuery::from_json(&q).unwrap().to_json(), q);
    }
    for bad in [
        json!({}),
        json!({"entryHash": B256::ZERO.to_json(), "proxyEntryHash": B256::ZERO.to_json()}),
        json!({"hash": "0x"}),
    ] {
        let e = ItemQuery::from_json(&bad).unwrap_err();
        assert_eq!(e.code(), ErrorCode::JsonShape, "{bad}");
    }
}

#[test]
fn transient_phase_checks_the_destination_rollup_and_the_immediate_run() {
    let g = golden();
    let file = build_file();
    let case = |id: &str| file["cases"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap().clone();
    let inputs = case("consumption-constructed-meta-hook")["inputs"].clone();
    let (report, _) = consumption(&inputs).unwrap();
    assert!(matches!(fate(&report, 0), EntryFate::Consumed(_)));
    // The transient branch requires destinationRollupId == rollupId (§6.3).
    let receipt = Receipt::from_json(&inputs["receipt"]).unwrap();
    let consumed_at = receipt
        .logs
        .iter()
        .position(|l| exectable::decode_l1_log(&l.topics, &l.data).is_ok_and(|e| e.name() == "ExecutionConsumed"))
        .unwrap();
    let mut other_rollup = inputs.clone();
    other_rollup["receipt"]["logs"][consumed_at]["topics"][2] = json!(format!("0x{:064x}", 2));
    let (report, _) = consumption(&other_rollup).unwrap();
    assert_eq!(*fate(&report, 0), EntryFate::NoEvidence);
    assert!(report.unattributed[0].reason.contains("destinationRollupId"), "{:?}", report.unattributed);
    // ImmediateEntrySkipped only names entries of the immediate run (here there is none).
    let mut skipped = inputs.clone();
    let skip = log_json(&e2e(&g, 1)["inputs"]["eez"], "ImmediateEntrySkipped", &json!(["0x0", "0x"]));
    skipped["receipt"]["logs"] = json!([skip, skipped["receipt"]["logs"].as_array().unwrap().last().unwrap()]);
    let (report, _) = consumption(&skipped).unwrap();
    assert_eq!(*fate(&report, 0), EntryFate::NoEvidence);
    assert!(report.unattributed[0].reason.contains("immediate run"));
}

/// Re-encoded copies of e2e 003's posting that the contract accepts as laid out: each is the same
/// batch, so the entry is *included*, with the layout's first deviation reported.
fn non_canonical_cases(cases: &mut Cases, base: &Value, calldata_hex: &str) {
    let calldata = hex::decode(calldata_hex).unwrap();
    let word = |cd: &[u8], at: usize| U256::from_be_slice(&cd[at..at + 32]).to::<usize>();
    // Batch head at 36; callData (field 8) holds 100 bytes and 28 bytes of zero padding.
    let call_data_head = 36 + 32 * 8;
    let call_data = 36 + word(&calldata, call_data_head);
    let len = word(&calldata, call_data);
    assert_eq!(len, 100);
    let padding_end = call_data + 32 + len.div_ceil(32) * 32;

    let mut trailing = calldata.clone();
    trailing.extend_from_slice(&[0u8; 32]);
    let mut dirty = calldata.clone();
    dirty[padding_end - 1] = 0x5a;
    // callData's tail copied to the end, its offset pointed there, the copy's last padding byte cut.
    let mut moved = calldata.clone();
    let end = moved.len();
    moved[call_data_head..call_data_head + 32].copy_from_slice(&U256::from(end - 36).to_be_bytes::<32>());
    moved.extend_from_slice(&calldata[call_data..padding_end - 1]);
    for (id, bytes, kind, description) in [
        ("trailing-word", trailing, "trailingBytes", "a zero word appended to the calldata"),
        ("dirty-padding", dirty, "dirtyPadding", "the last padding byte of callData set"),
        (
            "moved-callData",
            moved,
            "offset",
            "batch.callData's tail copied to the end (its last padding byte cut: the contract reads it as zero) \
             and its offset pointed there",
        ),
    ] {
        let mut inputs = base.clone();
        inputs["txInput"] = json!(hex::encode_prefixed(&bytes));
        let got = cases.membership(
            &format!("membership-e2e-003-noncanonical-{id}"),
            &format!(
                "{description}: accepted by the contract with the same batch, so the entry is included; the layout \
                 is reported non-canonical with its first deviation"
            ),
            inputs,
        );
        assert_eq!(got["layout"]["canonical"], false, "{id}");
        assert_eq!(got["layout"]["deviation"]["kind"], kind, "{id}");
        assert_eq!(got["matches"].as_array().unwrap().len(), 1, "{id}");
    }
}

/// The re-encoded posting mined on a real anvil node (vectors/anvil/, recorded by
/// cli/tests/anvil_differential.rs): the contract accepted it, so its member is *included* with a
/// non-canonical layout; a genuine non-member is *not included*; garbage as the input is *cannot
/// decide*.
fn mined_on_anvil_cases(cases: &mut Cases) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/anvil/mined-reencoded-posting.json");
    let fixture: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let base = json!({
        "manager": fixture["manager"],
        "txInput": fixture["txInput"],
        "receipt": fixture["receipt"],
        "txHash": fixture["txHash"],
    });
    let what =
        "the non-canonical re-encoding of a batch mined on anvil against the compiled EEZ (status 1, BatchPosted)";
    let got = cases.membership(
        "membership-anvil-mined-reencoded-included",
        &format!("{what}: its entry 1 is included; the layout is non-canonical (the tuple moved behind garbage)"),
        with_query(base.clone(), json!({"entryHash": fixture["memberEntryHash"]})),
    );
    assert_eq!(got["layout"]["canonical"], false);
    cases.must_fail(
        "membership-anvil-mined-reencoded-non-member",
        "batchMembership",
        &format!("{what}: an entry that is not in it is not included"),
        with_query(base.clone(), json!({"entryHash": fixture["nonMemberEntryHash"]})),
        ErrorCode::MembershipItemNotFound,
    );
    let mut garbage = with_query(base, json!({"entryHash": fixture["memberEntryHash"]}));
    garbage["txInput"] = json!("0xdeadbeef00");
    cases.must_fail(
        "membership-anvil-mined-garbage-input",
        "batchMembership",
        &format!("{what}'s receipt with garbage as the transaction input: cannot decide"),
        garbage,
        ErrorCode::MembershipNotABatch,
    );
}
