"""The builder's toolkit through Python: validation, proof inputs, replay and pre-flight.

Every ``publicInputsHash`` vector (every derived value, every fold) and every ``e2eScenario``
vector (validation of the executed batch or table, the trace rebuilt from the recorded steps,
its replay, the pre-flight of the executed entry and of every recorded mutation) runs through
the Python API, as do the §5.6 worked-example trace and the CLI's validation / proof-input /
pre-flight fixtures, plus bad-argument cases.
"""

import json
import sys
import threading

import pytest

import exectable
from conftest import VECTOR_DIR
from exectable import l1, l2, proof_inputs, replay, validate
from exectable.events import ProtocolError

WORKED_EXAMPLE = VECTOR_DIR / "traces" / "worked-example-5.6.json"
FINAL = bytes.fromhex("a20807b030570ad83dfa52261bec9df71b0c6896d77bc505c7f2bffa23fb096d")
DEMO = VECTOR_DIR / "demo" / "postAndVerifyBatch-006.hex"


def unhex(text):
    return bytes.fromhex(text[2:])


def num(text):
    return int(text, 16)


@pytest.fixture(scope="module")
def cases():
    data = json.loads((VECTOR_DIR / "eez-v1-public.json").read_text())
    return {c["id"]: c for c in data["cases"]}


def by_kind(cases, kind):
    found = [c for c in cases.values() if c["kind"] == kind]
    assert found, kind
    return found


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------


def broken_batch(cases):
    """The executed e2e batch broken twice (§6.1 checks 5 and 7), as the CLI test does."""
    batch = json.loads(json.dumps(cases["e2eScenario-public-001"]["inputs"]["batch"]))
    batch["proofSystems"] = ["0x" + "00" * 19 + "02", "0x" + "00" * 19 + "01"]
    batch["proofs"] = ["0x", "0x"]
    batch["entries"][0]["destinationRollupId"] = "0x9"
    return batch


def test_executed_batches_are_clean_in_every_input_form(cases):
    l1_scenarios = [c for c in by_kind(cases, "e2eScenario") if "eez" in c["inputs"]]
    assert len(l1_scenarios) == 3
    for c in l1_scenarios:
        batch = c["inputs"]["batch"]
        calldata = c["inputs"]["postAndVerifyBatchCalldata"]
        rollup = num(c["inputs"]["rollupId"])
        forms = [
            batch,
            json.dumps(batch),
            l1.ProofSystemBatchPerVerificationEntries.from_json(json.dumps(batch)),
            calldata,
            unhex(calldata),
            exectable.decode_calldata(calldata),
            {"function": "postAndVerifyBatch", "args": {"batch": batch}},
            json.dumps({"function": "postAndVerifyBatch", "args": {"batch": batch}}),
        ]
        reports = [validate.validate_batch(f, registered_rollups=[rollup]) for f in forms]
        for report in reports:
            assert report.ok and bool(report) and not report.wouldRevert, c["id"]
            assert report.structural == [] and report.notes == []
            assert report.firstOnchainError is None and report.onchain_error is None
            assert report.counts["error"] == report.counts["warning"] == 0
            assert all(f["severity"] == "info" for f in report.findings)
            assert report.to_json() == reports[0].to_json()
        if c["id"] == "e2eScenario-public-001":
            assert reports[0].findings == [] and str(reports[0]) == "0 errors, 0 warnings, 0 infos"
        else:
            # e2e-003 is consumed by executeL2TX: its zero-hash entry is noted, not an error.
            assert [f["rule"] for f in reports[0].findings] in ([], ["zero-hash-entry-not-immediate"])
        # Without the registry the check is skipped, and the report says so.
        unknown = validate.validate_batch(batch)
        assert unknown.ok
        assert [n["note"] for n in unknown.notes] == ["registeredRollupsUnknown"]
        assert "note: registered rollups unknown" in str(unknown)


def test_every_posted_vector_batch_passes_the_onchain_checks(cases):
    posted = by_kind(cases, "publicInputsHash")
    for c in posted:
        report = validate.validate_batch(c["inputs"]["batch"])
        assert not report.wouldRevert and report.structural == [], c["id"]
        assert json.loads(report.to_json())["structural"] == []


def test_broken_batch_lists_every_violation_and_the_error_raised_first(cases):
    report = validate.validate_batch(broken_batch(cases))
    assert not report and not report.ok and report.wouldRevert
    assert report.firstOnchainError == 0
    assert [(f["rule"], f["path"]) for f in report.structural] == [
        ("proof-systems-not-ascending", "proofSystems[1]"),
        ("entry-destination-not-in-batch", "entries[0].destinationRollupId"),
    ]
    first = report.structural[0]["onchainError"]
    assert isinstance(first, ProtocolError)
    assert first == report.onchain_error
    assert (first.name, first.args) == ("DuplicateProofSystem", {"proofSystem": bytes(19) + b"\x01"})
    assert report.structural[1]["onchainError"].args == {"rollupId": 9}
    assert report.findings == report.structural + report.wellFormedness
    assert report.counts["error"] == 2
    text = str(report)
    assert text.count("<= raised first") == 1
    assert text.endswith(
        "2 errors, 0 warnings, 0 infos; postAndVerifyBatch reverts with "
        "DuplicateProofSystem(0x0000000000000000000000000000000000000001)"
    )
    as_json = json.loads(report.to_json(indent=2))
    assert as_json["structural"][0]["onchainError"] == {
        "error": "DuplicateProofSystem",
        "selector": "0x23ce5bbc",
        "args": {"proofSystem": "0x0000000000000000000000000000000000000001"},
    }
    plain = report.to_dict()
    assert plain["structural"][0]["onchainError"]["selector"] == bytes.fromhex("23ce5bbc")
    assert plain["wouldRevert"] is True and plain["firstOnchainError"] == 0
    assert "ValidationReport(ok=False, wouldRevert=True, errors=2" in repr(report)


def test_chain_state_feeds_the_checks(cases):
    batch = cases["e2eScenario-public-001"]["inputs"]["batch"]
    report = validate.validate_batch(batch, registered_rollups=[2, "0x3"])
    assert report.structural[0]["rule"] == "rollup-not-registered"
    assert report.structural[0]["path"] == "rollupIdsWithProofSystems[0].rollupId"
    assert report.onchain_error.name == "InvalidProofSystemConfig"
    # publicInputsHash-public-009 has blobIndices [0, 1, 5].
    blobs = cases["publicInputsHash-public-009"]["inputs"]["batch"]
    rule = "blob-index-out-of-range"
    found = [f for f in validate.validate_batch(blobs, blob_count=2).wellFormedness if f["rule"] == rule]
    assert [(f["path"], f["severity"]) for f in found] == [("blobIndices[2]", "warning")]
    assert not any(f["rule"] == rule for f in validate.validate_batch(blobs, blob_count=6).findings)
    in_flight = validate.validate_batch(batch, registered_rollups=[1], batch_in_flight=True)
    assert in_flight.onchain_error.name == "PostBatchReentry"


def test_demo_calldata_passes_structurally_but_does_not_execute():
    report = validate.validate_batch(DEMO.read_text().strip())
    assert report.structural == [] and not report.wouldRevert and not report.ok
    first = report.wellFormedness[0]
    assert (first["rule"], first["path"]) == ("revert-span-out-of-range", "entries[0].l2ToL1Calls[0].revertSpan")
    assert (first["onchainError"].name, first["onchainError"].args) == ("Panic", {"code": 0x32})


def test_l2_tables_in_every_input_form(cases):
    c = cases["e2eScenario-public-004"]
    entries = c["inputs"]["entries"]
    objects = [l2.ExecutionEntry.from_json(json.dumps(e)) for e in entries]
    forms = [
        (c["inputs"]["systemTx"]["data"], None),
        (unhex(c["inputs"]["systemTx"]["data"]), None),
        (entries, []),
        (objects, None),
        ({"entries": entries, "lookupCalls": []}, None),
        (json.dumps({"entries": entries}), None),
        ({"function": "loadExecutionTable", "args": {"entries": entries, "_lookupCalls": []}}, None),
    ]
    for table, lookups in forms:
        report = validate.validate_l2_table(table, lookups)
        assert report.ok and report.findings == [] and report.notes == [], type(table)
    broken = json.loads(json.dumps(entries))
    broken[1]["proxyEntryHash"] = "0x" + "00" * 32
    broken[0]["callCount"] = "0x0"
    report = validate.validate_l2_table(broken)
    assert not report.ok and report.structural == [] and report.firstOnchainError is None
    assert [(f["rule"], f["path"]) for f in report.wellFormedness] == [
        ("zero-call-count", "entries[0].callCount"),
        ("zero-proxy-entry-hash", "entries[1].proxyEntryHash"),
    ]


def test_validation_rules_table():
    rules = validate.rules()
    assert len(rules) == 37
    structural = [r for r in rules if r["structural"]]
    assert structural[0]["rule"] == "post-batch-reentry"
    assert all(r["severity"] in ("error", "warning", "info") for r in rules)
    assert rules.index(structural[-1]) == len(structural) - 1


def test_validation_bad_input(cases):
    with pytest.raises(exectable.JsonError) as e:
        validate.validate_batch('{"entries": 5}')
    assert e.value.path == "batch.entries" and "expected an array" in str(e.value)
    with pytest.raises(exectable.AbiError) as e:
        validate.validate_batch("0xdeadbeef")
    assert e.value.code == 108 and "0xdeadbeef" in str(e.value)
    consumer = cases["e2eScenario-public-003"]["inputs"]["consumerTx"]["data"]
    with pytest.raises(exectable.ArgumentError) as e:
        validate.validate_batch(consumer)
    assert e.value.code == 301 and "executeL2TX calldata carries no batch" in str(e.value)
    with pytest.raises(exectable.JsonError) as e:
        validate.validate_batch(cases["e2eScenario-public-001"]["inputs"]["batch"], registered_rollups=["one"])
    assert e.value.code == 204 and e.value.path == "registeredRollups[0]"
    with pytest.raises(exectable.ArgumentError) as e:
        validate.validate_batch(cases["e2eScenario-public-001"]["inputs"]["batch"], registered_rollups=[-1])
    assert e.value.path == "registeredRollups[0]"
    with pytest.raises(exectable.ArgumentError) as e:
        validate.validate_batch(3.5)
    assert e.value.path == "batch" and isinstance(e.value, ValueError)
    with pytest.raises(ValueError) as e:
        validate.validate_batch({"entries": 5})
    assert e.value.path == "batch.entries"
    batch = json.dumps(cases["e2eScenario-public-001"]["inputs"]["batch"])
    with pytest.raises(exectable.JsonError) as e:
        validate.validate_l2_table(batch)
    assert e.value.code == 202 and "unknown field" in str(e.value)
    with pytest.raises(exectable.ArgumentError) as e:
        validate.validate_l2_table(cases["e2eScenario-public-001"]["inputs"]["postAndVerifyBatchCalldata"])
    assert "carries no L2 table" in str(e.value)
    with pytest.raises(exectable.ArgumentError) as e:
        validate.validate_l2_table({"entries": []}, [])
    assert e.value.path == "lookupCalls"


# ---------------------------------------------------------------------------------------------
# Proof inputs
# ---------------------------------------------------------------------------------------------


def test_every_public_inputs_hash_vector(cases):
    vectors = by_kind(cases, "publicInputsHash")
    assert len(vectors) == 10
    for c in vectors:
        inputs, want = c["inputs"], c["expected"]
        derived = want["derived"]
        got = proof_inputs.compute(inputs["batch"], inputs["rollups"], blob_hashes=inputs["blobHashes"])
        assert got.entryHashes == [unhex(h) for h in want["entryHashes"]], c["id"]
        assert got.lookupCallHashes == [unhex(h) for h in want["lookupCallHashes"]]
        assert got.blobHashes == [unhex(h) for h in inputs["blobHashes"]]
        assert got.callDataHash == unhex(want["callDataHash"])
        assert got.sharedPublicInput == unhex(derived["sharedPublicInput"])
        assert len(got.accumulators) == len(derived["accumulators"])
        for acc, want_acc in zip(got.accumulators, derived["accumulators"]):
            assert len(acc["folds"]) == len(want_acc["folds"])
            running = bytes(32)
            for fold, want_fold in zip(acc["folds"], want_acc["folds"]):
                assert fold["rollupId"] == num(want_fold["rollupId"])
                assert fold["vkey"] == unhex(want_fold["vkey"])
                assert fold["accAfter"] == unhex(want_fold["accAfter"])
                # The primitive reproduces every fold.
                running = proof_inputs.fold_accumulator(
                    running, fold["rollupId"], fold["vkey"], fold["blockHash"], fold["timestamp"]
                )
                assert running == fold["accAfter"]
            assert acc["acc"] == unhex(want_acc["acc"]) == running
            assert proof_inputs.public_inputs_hash(got.sharedPublicInput, acc["acc"]) == acc["publicInputsHash"]
        hashes = [unhex(h["publicInputsHash"]) for h in want["publicInputsHashes"]]
        assert [
            (h["index"], h["proofSystem"], h["publicInputsHash"]) for h in got.publicInputsHashes
        ] == [(h["index"], unhex(h["proofSystem"]), unhex(h["publicInputsHash"])) for h in want["publicInputsHashes"]]
        assert [got.public_inputs_hash(k) for k in range(len(hashes))] == hashes
        assert got.public_inputs_hash(-1) == hashes[-1]
        # The headline functions, from the batch dict or the posted calldata.
        calldata = want["postAndVerifyBatchCalldata"]
        blobs = {"blob_hashes": inputs["blobHashes"]}
        assert proof_inputs.public_inputs_hashes(calldata, inputs["rollups"], **blobs) == hashes
        assert proof_inputs.public_inputs_hashes(inputs["batch"], json.dumps(inputs["rollups"]), **blobs) == hashes
        assert proof_inputs.shared_public_input(unhex(calldata), **blobs) == got.sharedPublicInput
        assert (
            proof_inputs.shared_public_input_from_hashes(
                got.entryHashes,
                got.lookupCallHashes,
                got.blobHashes,
                got.callDataHash,
                inputs["batch"]["crossProofSystemInteractions"],
            )
            == got.sharedPublicInput
        )
        # The vectors' capturing proof system accepts exactly proof == publicInputsHash_k.
        document = proof_inputs.build_document(inputs)
        assert [p["proof"] for p in document.proofs] == ["equalsPublicInputsHash"] * len(hashes)
        assert json.loads(document.to_json())["publicInputsHashes"] == want["publicInputsHashes"]
        assert json.loads(got.to_json())["accumulators"][0]["acc"] == derived["accumulators"][0]["acc"]


def test_blob_hashes_from_versioned_hashes(cases):
    c = cases["publicInputsHash-public-009"]
    inputs = c["inputs"]
    indices = [num(i) for i in inputs["batch"]["blobIndices"]]
    assert indices == [0, 1, 5]
    resolved = [unhex(h) for h in inputs["blobHashes"]]
    versioned = [resolved[0], resolved[1], b"\x77" * 32, b"\x78" * 32, b"\x79" * 32, resolved[2]]
    assert proof_inputs.resolve_blob_hashes(indices, versioned) == resolved
    assert proof_inputs.resolve_blob_hashes([0, 9], versioned[:1]) == [resolved[0], bytes(32)]
    want = unhex(c["expected"]["derived"]["sharedPublicInput"])
    assert proof_inputs.shared_public_input(inputs["batch"], blob_versioned_hashes=versioned) == want
    doc = proof_inputs.build_document(inputs["batch"], inputs["rollups"], blob_versioned_hashes=versioned)
    assert doc.sharedPublicInput == want and doc.blobVersionedHashes == versioned and doc.blobHashes == resolved
    assert proof_inputs.verify_document(doc.to_json())
    with pytest.raises(exectable.ArgumentError) as e:
        proof_inputs.shared_public_input(inputs["batch"])
    assert e.value.path == "blobHashes"
    with pytest.raises(exectable.ArgumentError) as e:
        proof_inputs.shared_public_input(inputs["batch"], blob_hashes=resolved, blob_versioned_hashes=versioned)
    assert e.value.path == "blobVersionedHashes"


def test_document_build_forms_agree_and_verify(cases):
    for cid in ("publicInputsHash-public-001", "publicInputsHash-public-004", "publicInputsHash-public-006"):
        c = cases[cid]
        inputs = c["inputs"]
        from_case = proof_inputs.build_document(c)
        from_request = proof_inputs.build_document(json.dumps(inputs))
        with_calldata = dict(inputs, batch=c["expected"]["postAndVerifyBatchCalldata"])
        from_calldata = proof_inputs.build_document(with_calldata)
        from_parts = proof_inputs.build_document(
            l1.ProofSystemBatchPerVerificationEntries.from_json(json.dumps(inputs["batch"])),
            inputs["rollups"],
            blob_hashes=inputs["blobHashes"],
        )
        texts = {d.to_json() for d in (from_case, from_request, from_calldata, from_parts)}
        assert len(texts) == 1, cid
        doc = json.loads(from_case.to_json(indent=2))
        assert doc["format"] == "exectable-proof-inputs/v1" == from_case.format
        assert from_case.protocol == doc["protocol"]
        assert doc["sharedPublicInput"] == c["expected"]["derived"]["sharedPublicInput"]
        assert doc["entryHashes"] == c["expected"]["entryHashes"]
        assert from_case.batch == from_parts.batch
        assert from_case.rollups[0]["rollupId"] == num(inputs["rollups"][0]["rollupId"])
        assert from_case.inputs.sharedPublicInput == from_case.sharedPublicInput
        for document in (doc, json.dumps(doc), from_case):
            verified = proof_inputs.verify_document(document)
            assert verified.ok and verified and verified.mismatches == []
            assert str(verified).startswith("OK: every derived value matches")
            assert verified.document.to_json() == from_case.to_json()
        plain = from_case.to_dict()
        assert plain["sharedPublicInput"] == from_case.sharedPublicInput
        assert plain["batch"] == from_case.batch.to_dict()


def test_tampered_documents_report_every_mismatch(cases):
    doc = json.loads(proof_inputs.build_document(cases["publicInputsHash-public-001"]).to_json())
    doc["accumulators"][1]["folds"][0]["accAfter"] = "0x" + "ab" * 32
    report = proof_inputs.verify_document(doc)
    assert not report and not report.ok
    assert report.mismatches == [
        {
            "path": "accumulators[1].folds[0].accAfter",
            "stored": "0x" + "ab" * 32,
            "recomputed": "0xc088982357007e36bb33be86c72f4a31afac09844472f75146bb28293c1cfa7b",
        }
    ]
    assert json.loads(report.to_json())["mismatches"][0]["path"] == "accumulators[1].folds[0].accAfter"
    assert "MISMATCH: 1 derived value(s)" in str(report)

    doc = json.loads(proof_inputs.build_document(cases["publicInputsHash-public-008"]).to_json())
    doc["batch"]["entries"][2]["rollingHash"] = "0x" + "01" * 32
    paths = [m["path"] for m in proof_inputs.verify_document(doc).mismatches]
    assert "entryHashes[2]" in paths and "sharedPublicInput" in paths
    assert "entryHashes[0]" not in paths and "entryHashes[1]" not in paths

    doc = json.loads(proof_inputs.build_document(cases["publicInputsHash-public-002"]).to_json())
    doc["batch"]["proofs"][1] = "0xdeadbeef"
    report = proof_inputs.verify_document(doc)
    assert report.ok
    assert [p["proof"] for p in report.proofs][:2] == ["equalsPublicInputsHash", "opaque"]
    assert report.proofs[1]["proofLength"] == 4 and "proofLength" not in report.proofs[0]

    del doc["sharedPublicInput"]
    missing = proof_inputs.verify_document(doc).mismatches
    assert missing[0]["path"] == "sharedPublicInput" and missing[0]["stored"] is None


def test_proof_input_errors(cases):
    with pytest.raises(exectable.JsonError):
        proof_inputs.verify_document("{not json")
    with pytest.raises(exectable.ArgumentError) as e:
        proof_inputs.verify_document({"format": "something-else"})
    assert e.value.path == "format"
    inputs = json.loads(json.dumps(cases["publicInputsHash-public-001"]["inputs"]))
    del inputs["rollups"][1]["vkeys"]["0xa513e6e4b8f2a923d98304ec87f64353c4d5c853"]
    with pytest.raises(exectable.ArgumentError) as e:
        proof_inputs.build_document(inputs)
    assert e.value.path == "rollups[1].vkeys.0xa513e6e4b8f2a923d98304ec87f64353c4d5c853"
    with pytest.raises(exectable.ArgumentError) as e:
        proof_inputs.compute(inputs["batch"], inputs["rollups"])
    assert e.value.path.startswith("rollups[1].vkeys.")
    with pytest.raises(exectable.JsonError):
        proof_inputs.verify_document(inputs)  # a request is not a document
    with pytest.raises(exectable.ArgumentError) as e:
        proof_inputs.compute(inputs["batch"], [{"rollupId": 1.5}])
    assert e.value.path == "rollups[0].rollupId"
    with pytest.raises(exectable.ArgumentError) as e:
        proof_inputs.public_inputs_hash(bytes(31), bytes(32))
    assert e.value.path == "sharedPublicInput"
    with pytest.raises(exectable.ArgumentError) as e:
        proof_inputs.fold_accumulator(bytes(32), -1, bytes(32), bytes(32), 0)
    assert e.value.path == "rollupId"
    with pytest.raises(exectable.ArgumentError) as e:
        proof_inputs.build_document(inputs, blob_hashes=[])
    assert e.value.path == "rollups"


# ---------------------------------------------------------------------------------------------
# Replay
# ---------------------------------------------------------------------------------------------

# (event, number, accumulator prefix) of the §5.6 worked example (docs/TRACE.md).
WORKED_STEPS = [
    ("CALL_BEGIN", 1, "a578faae"),
    ("CALL_END", 1, "f67549ee"),
    ("CALL_BEGIN", 2, "41281b0c"),
    ("NESTED_BEGIN", 1, "fcf7cccf"),
    ("CALL_BEGIN", 3, "7ae84698"),
    ("CALL_END", 3, "1ded2bea"),
    ("NESTED_END", 1, "e4a56630"),
    ("CALL_END", 3, "fbc630df"),
    ("CALL_BEGIN", 4, "e4adfd01"),
    ("CALL_END", 4, "2ecde30a"),
    ("CALL_BEGIN", 5, "3a531ca4"),
    ("CALL_END", 5, "a20807b0"),
]


def test_worked_example_replay():
    text = WORKED_EXAMPLE.read_text()
    trace = json.loads(text)
    results = [replay.replay(text), replay.replay(text.encode()), replay.replay(trace), replay.replay(trace["calls"])]
    for r in results:
        assert r.rollingHash == FINAL
        assert r.to_json() == results[0].to_json()
    r = results[0]
    assert [(s["index"], s["event"], s["number"]) for s in r.steps] == [
        (i + 1, e, n) for i, (e, n, _) in enumerate(WORKED_STEPS)
    ]
    for step, acc, (_, _, prefix) in zip(r.steps, r.accumulators, WORKED_STEPS):
        assert step["accumulator"] == acc and acc.hex().startswith(prefix)
    assert r.steps[7] == {
        "index": 8,
        "event": "CALL_END",
        "tag": 2,
        "number": 3,
        "success": True,
        "retData": (7).to_bytes(32, "big") + (0x55).to_bytes(32, "big"),
        "accumulator": bytes.fromhex("fbc630dfd1b74bcfd8aeaf290db109df5cbafcb16983e118b17c07ee146bbbfd"),
    }
    assert r.callCount == 4 and r.etherIn == 0 and r.etherOut == 0
    assert len(r.l2ToL1Calls) == 5 and all(isinstance(c, l1.L2ToL1Call) for c in r.l2ToL1Calls)
    assert [c.revertSpan for c in r.l2ToL1Calls] == [0, 0, 0, 0, 1]
    assert [c.callCount for c in r.expectedL1ToL2Calls] == [1] and r.reentrantValues == [0]
    (lookup,) = r.expectedLookups
    assert (lookup.l2ToL1CallNumber, lookup.lastL1ToL2CallConsumed, lookup.executingLookupIndex) == (3, 1, 0)
    entry = r.l1_entry(dict(l1.ExecutionEntry().to_dict(), destinationRollupId=1))
    assert entry.rollingHash == FINAL and entry.callCount == 4 and entry.destinationRollupId == 1
    assert r.l1_entry().l2ToL1Calls == r.l2ToL1Calls
    l2_entry = r.l2_entry(b"\x11" * 32, b"\x01")
    assert isinstance(l2_entry, l2.ExecutionEntry)
    assert (l2_entry.rollingHash, l2_entry.proxyEntryHash, l2_entry.returnData) == (FINAL, b"\x11" * 32, b"\x01")
    plain = r.to_dict()
    assert plain["l2ToL1Calls"][4]["revertSpan"] == 1 and plain["rollingHash"] == FINAL
    as_json = json.loads(r.to_json())
    assert as_json["rollingHash"] == "0x" + FINAL.hex() and as_json["callCount"] == "0x4"
    assert len(as_json["steps"]) == 12


def test_replay_errors():
    with pytest.raises(exectable.ArgumentError) as e:
        replay.replay({"calls": [{"revertSpan": []}]})
    assert e.value.path == "trace.calls[0].revertSpan"
    call = json.loads(WORKED_EXAMPLE.read_text())["calls"][1]
    failed = dict(call, success=False)
    with pytest.raises(exectable.ArgumentError) as e:
        replay.replay([failed])
    assert e.value.path == "trace.calls[0].inner[0].reentrant" and "failed" in str(e.value)
    with pytest.raises(exectable.JsonError) as e:
        replay.replay({"calls": [], "extra": 1})
    assert e.value.path == "trace.extra"
    with pytest.raises(exectable.JsonError):
        replay.replay("{")
    with pytest.raises(exectable.ArgumentError) as e:
        replay.replay({"calls": [{"value": 0.5}]})
    assert e.value.path == "trace.calls[0].value"
    with pytest.raises(exectable.ArgumentError) as e:
        replay.replay(object())
    assert e.value.path == "trace"
    cyclic = []
    cyclic.append(cyclic)
    with pytest.raises(exectable.ArgumentError) as e:
        replay.replay(cyclic)
    assert e.value.code == 302 and "nesting depth" in str(e.value)


# ---------------------------------------------------------------------------------------------
# e2e scenarios: rebuilt traces, replay and pre-flight of the executed entry and every mutation
# ---------------------------------------------------------------------------------------------


def needs_evm(description):
    """Mutations whose outcome depends on what a called contract does with changed bytes."""
    field = description.split(":")[0]
    return field.endswith(".data") or (
        ("expectedL1ToL2Calls[" in field or "expectedOutgoingCalls[" in field) and field.endswith(".returnData")
    )


def recorded_outcome(mutation):
    for key in ("consumerRevert", "skippedRevert", "revert"):
        if key in mutation:
            return "reverts", mutation[key]
    return "success", mutation["consumerReturnDecoded"]


def check_outcome(report, description, recorded):
    kind, value = recorded
    if report.outcome == "unpredictable":
        assert needs_evm(description), (description, report.reason)
        assert report.reason and report.error is None and report.returnData is None
        return
    assert report.outcome == kind, (description, report.to_json())
    if kind == "reverts":
        assert report.error.name == value["name"], description
        assert [str(v).lower() for v in json.loads(report.error.to_json())["args"].values()] == [
            str(a).lower() for a in value["args"]
        ]
        assert report.returnData is None and report.postState is None
    else:
        assert report.returnData == unhex(value)


def l1_consumption(inputs, batch, entry):
    transient = num(batch["transientExecutionEntryCount"]) > 0
    if "proxyCall" in inputs:
        return {
            "proxyCall": {
                "crossChainCallHash": entry["proxyEntryHash"],
                "value": inputs["proxyCall"]["value"],
                "rollupId": inputs["rollupId"],
                "transient": transient,
            }
        }
    if "consumerTx" in inputs:
        call = exectable.decode_calldata(inputs["consumerTx"]["data"])
        assert call.function == "executeL2TX"
        return {"executeL2TX": {"rollupId": call.args["rollupId"], "transient": transient}}
    return "immediate"


def test_l1_scenarios(cases):
    scenarios = [c for c in by_kind(cases, "e2eScenario") if "eez" in c["inputs"]]
    mutations_checked = 0
    for c in scenarios:
        inputs, want = c["inputs"], c["expected"]
        batch = inputs["batch"]
        entry = batch["entries"][0]
        values = [num(inputs["nestedCall"]["value"])] if "nestedCall" in inputs else []
        trace = replay.rebuild_trace(entry, inputs["rollingHashSteps"], values)
        replayed = replay.replay(trace)
        assert replayed.rollingHash == unhex(want["rollingHash"]) == unhex(entry["rollingHash"])
        steps = [{k: v for k, v in s.items() if k not in ("index", "accumulator")} for s in replayed.steps]
        want_steps = [
            dict(s, number=num(s["number"]), **({"retData": unhex(s["retData"])} if "retData" in s else {}))
            for s in inputs["rollingHashSteps"]
        ]
        assert steps == want_steps, c["id"]
        assert replayed.l1_entry(entry) == l1.ExecutionEntry.from_json(json.dumps(entry))

        rollup = inputs["rollupId"]
        row = {"rollupId": rollup, **{k: inputs["preState"][k] for k in ("stateRoot", "etherBalance")}}
        pre_state = {"rollups": [row]}
        consumption = l1_consumption(inputs, batch, entry)
        report = replay.preflight_l1(entry, pre_state, consumption, trace)
        assert report.outcome == "success", (c["id"], report.to_json())
        (post,) = [r for r in report.postState if r["rollupId"] == num(rollup)]
        assert post["stateRoot"] == unhex(want["postState"]["stateRoot"])
        assert post["etherBalance"] == num(want["postState"]["etherBalance"])
        assert report.rollingHash == unhex(want["rollingHash"]) and report.frameComplete and report.error is None
        if "consumerReturnData" in want["execution"]:
            assert report.returnData == unhex(want["execution"]["consumerReturnData"])
        request = {"entry": entry, "preState": pre_state, "consumption": consumption, "trace": trace}
        assert replay.preflight(request).to_json() == report.to_json()
        assert replay.preflight(json.dumps(request)).to_json() == report.to_json()

        ctx = {"registered_rollups": [num(rollup)]}
        assert validate.validate_batch(batch, **ctx).ok
        shared = proof_inputs.shared_public_input(batch)
        for m in want["mutations"]:
            description = m["mutation"]
            mutated = dict(batch, entries=[m["mutatedEntry"]] + batch["entries"][1:])
            if "postRevert" in m:
                # Posted with the original proofs: a changed sharedPublicInput changes every
                # publicInputsHash_k, so the proof no longer verifies (InvalidProof).
                assert m["postRevert"]["name"] == "InvalidProof"
                assert proof_inputs.shared_public_input(mutated) != shared
                continue
            assert not validate.validate_batch(mutated, **ctx).wouldRevert, description
            predicted = replay.preflight_l1(m["mutatedEntry"], pre_state, consumption, trace)
            check_outcome(predicted, description, recorded_outcome(m))
            mutations_checked += 1
    assert mutations_checked >= 10


def test_l2_scenario(cases):
    (c,) = [c for c in by_kind(cases, "e2eScenario") if "eezl2" in c["inputs"]]
    inputs, want = c["inputs"], c["expected"]
    entries = inputs["entries"]
    rollup = num(inputs["rollupId"])
    inbound = inputs["inbound"]
    inbound_hash = exectable.cross_chain_call_hash(
        rollup,
        inbound["destination"],
        inbound["value"],
        inbound["data"],
        inbound["sourceAddress"],
        inbound["sourceRollup"],
    )
    assert inbound_hash == unhex(want["inboundCrossChainCallHash"]) == unhex(entries[0]["proxyEntryHash"])
    call = inputs["proxyCall"]
    proxy_hash = exectable.cross_chain_call_hash(
        0, inputs["l1ContractQ"], call["value"], call["data"], call["from"], rollup
    )
    assert proxy_hash == unhex(want["proxyCallCrossChainCallHash"])

    traces = []
    for i, key in enumerate(("entry0", "entry1")):
        trace = replay.rebuild_trace(entries[i], inputs["rollingHashSteps"][key], layer="l2")
        r = replay.replay(trace)
        assert r.rollingHash == unhex(want["rollingHashes"][i])
        assert r.l2_entry(unhex(entries[i]["proxyEntryHash"]), entries[i]["returnData"]) == l2.ExecutionEntry.from_json(
            json.dumps(entries[i])
        )
        traces.append(trace)

    msg_value = inputs["systemTx"]["value"]

    def incoming(sent):
        return {"incomingCall": dict(inbound, rollupId=rollup, msgValue=sent)}

    first = replay.preflight_l2(entries, incoming(msg_value), traces[0])
    assert first.outcome == "success" and first.postState == []
    consumer = replay.preflight_l2(entries[1:], {"proxyCall": {"crossChainCallHash": proxy_hash}}, traces[1])
    assert consumer.returnData == unhex(want["execution"]["consumerReturnData"])
    consumption = {"proxyCall": {"crossChainCallHash": proxy_hash}}
    request = {"side": "l2", "entries": entries[1:], "consumption": consumption, "trace": traces[1]}
    assert replay.preflight(request).to_json() == consumer.to_json()

    assert len(want["mutations"]) == 4
    for m in want["mutations"]:
        description = m["mutation"]
        table = [m["mutatedEntry0"]] + entries[1:]
        sent = num(msg_value) - 1 if description.startswith("msg.value = value - 1") else msg_value
        predicted = replay.preflight_l2(table, incoming(sent), traces[0])
        check_outcome(predicted, description, recorded_outcome(m))


def test_preflight_cli_fixtures(cases):
    """The CLI's pre-flight fixture: e2e-001 with a hand-built flat trace."""
    c = cases["e2eScenario-public-001"]
    inputs = c["inputs"]
    steps = inputs["rollingHashSteps"]
    original = inputs["batch"]["entries"][0]
    calls = [
        {
            **{k: call[k] for k in ("targetAddress", "value", "data", "sourceAddress", "sourceRollupId")},
            "success": steps[2 * i + 1]["success"],
            "retData": steps[2 * i + 1]["retData"],
        }
        for i, call in enumerate(original["l2ToL1Calls"])
    ]

    def request(entry):
        return {
            "entry": entry,
            "preState": {
                "rollups": [
                    {
                        "rollupId": inputs["rollupId"],
                        "stateRoot": inputs["preState"]["stateRoot"],
                        "etherBalance": inputs["preState"]["etherBalance"],
                    }
                ]
            },
            "consumption": {
                "proxyCall": {
                    "crossChainCallHash": c["expected"]["crossChainCallHash"],
                    "value": inputs["proxyCall"]["value"],
                    "rollupId": inputs["rollupId"],
                    "transient": False,
                }
            },
            "trace": {"inboundValue": inputs["proxyCall"]["value"], "calls": calls},
        }

    ok = replay.preflight(request(original))
    assert ok.outcome == "success" and ok.returnData == unhex(c["expected"]["execution"]["consumerReturnData"])
    as_json = json.loads(ok.to_json())
    assert as_json["postState"]["rollups"][0]["stateRoot"] == c["expected"]["postState"]["stateRoot"]
    assert ok.to_dict()["postState"]["rollups"][0]["etherBalance"] == num(c["expected"]["postState"]["etherBalance"])
    assert ok.etherIn == num(inputs["proxyCall"]["value"]) and ok.l2ToL1CallsProcessed == len(calls)
    mutated = {m["mutation"]: m.get("mutatedEntry") for m in c["expected"]["mutations"]}
    stale = replay.preflight(request(mutated["entries[0].stateDeltas[0].currentState: byte 0 ^= 0xff"]))
    assert stale.outcome == "reverts" and stale.error.signature == "StateRootMismatch(uint256)"
    assert stale.error.selector == bytes.fromhex("78cb4214") and stale.error.args == {"rollupId": 1}
    assert stale.to_dict()["error"]["error"] == "StateRootMismatch"
    changed = replay.preflight(request(mutated["entries[0].l2ToL1Calls[0].data: byte 0 ^= 0xff"]))
    assert changed.outcome == "unpredictable" and "entry.l2ToL1Calls[0].data" in changed.reason
    assert "PreflightReport(outcome=unpredictable" in repr(changed)

    proxy_call = {"proxyCall": {"crossChainCallHash": bytes(32)}}
    empty = replay.preflight({"side": "l2", "entries": [], "consumption": proxy_call, "trace": []})
    assert empty.outcome == "reverts" and empty.error.name == "ExecutionNotFound"
    with pytest.raises(exectable.JsonError) as e:
        replay.preflight({"entry": {}, "preState": {"rollups": []}, "consumption": "immediate", "trace": []})
    assert e.value.path == "entry.stateDeltas" and "missing field" in str(e.value)
    with pytest.raises(exectable.ArgumentError) as e:
        replay.preflight({"side": "l3", "trace": []})
    assert e.value.path == "side"
    with pytest.raises(exectable.JsonError) as e:
        replay.preflight_l1(original, [], {"teleport": {}}, [])
    assert e.value.path == "consumption.teleport"
    with pytest.raises(ValueError) as e:
        replay.preflight_l1({"callCount": 1}, [], "immediate", [])
    assert e.value.path.startswith("entry")
    with pytest.raises(exectable.ArgumentError):
        replay.rebuild_trace(original, [], layer="l9")


def test_long_work_runs_with_the_gil_released(cases):
    """Validation, proof inputs and replay in threads give the serial results, and while a long
    validation runs in a worker thread the main thread keeps running Python (the GIL is free)."""
    c = cases["publicInputsHash-public-008"]
    batch = l1.ProofSystemBatchPerVerificationEntries.from_json(json.dumps(c["inputs"]["batch"]))
    big = batch.replace(entries=list(batch.entries) * 300)
    calldata = exectable.ManagerCall("postAndVerifyBatch", batch=big).encode()
    trace = json.loads(WORKED_EXAMPLE.read_text())

    def run():
        return (
            validate.validate_batch(calldata).to_json(),
            proof_inputs.shared_public_input(big),
            replay.replay(trace).rollingHash,
        )

    want = run()
    results = []
    threads = [threading.Thread(target=lambda: results.append(run())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [want] * 4

    # With a long switch interval a thread holding the GIL keeps it: a worker that held it
    # through a call of ~10-40 ms would leave this thread no iteration before `done` is set (a
    # call holding the GIL measured 0 here); released, this thread runs meanwhile.
    small = exectable.ManagerCall(
        "postAndVerifyBatch", batch=batch.replace(entries=list(batch.entries) * 200)
    ).encode()
    long_trace = json.dumps({"calls": trace["calls"] * 300})
    for work in (
        lambda: validate.validate_batch(small),
        lambda: proof_inputs.shared_public_input(small),
        lambda: replay.replay(long_trace),
    ):
        old = sys.getswitchinterval()
        sys.setswitchinterval(0.1)
        try:
            started, done = threading.Event(), threading.Event()

            def worker(work=work, started=started, done=done):
                started.set()
                work()
                done.set()

            thread = threading.Thread(target=worker)
            thread.start()
            started.wait()
            meanwhile = 0
            while not done.is_set():
                meanwhile += 1
            thread.join()
        finally:
            sys.setswitchinterval(old)
        assert meanwhile > 1000, (meanwhile, work.__code__.co_firstlineno)
