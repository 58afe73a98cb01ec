"""OCP artifacts through ``exectable.ocp``: every case of vectors/exectable-ocp.json (verify and
produce, valid and must-fail), the shared samples in vectors/ocp/, and bad arguments."""

import collections
import hashlib
import json
import pickle

import pytest
from conftest import VECTOR_DIR

import exectable
from exectable import l1, ocp
from exectable.errors import ArgumentError, ExectableError, JsonError, MembershipError, OcpError

DATA = json.loads((VECTOR_DIR / "exectable-ocp.json").read_text())
CASES = DATA["cases"]
SAMPLES = VECTOR_DIR / "ocp"
COUNTS = collections.Counter()


def h(text):
    """0x-hex text to bytes."""
    return bytes.fromhex(text[2:])


def cases(kind, error):
    return [c for c in CASES if c["kind"] == kind and ("error" in c["expected"]) == error]


def observation(inputs):
    """The observation bytes of a case: utf8 text, hex, or an execution table's canonical bytes."""
    ((form, value),) = inputs["observation"].items()
    if form == "utf8":
        return value.encode("utf-8")
    if form == "hex":
        return h(value)
    data, kind = ocp.table_observation(value)
    assert kind in ("l1-batch", "l2-table")
    if "l1Batch" in value:
        # The observation is the postAndVerifyBatch input without its selector.
        batch = l1.ProofSystemBatchPerVerificationEntries.from_dict(value["l1Batch"])
        assert data == batch.abi_encode()
        calldata = exectable.encode_calldata(exectable.ManagerCall("postAndVerifyBatch", batch=batch))
        assert data == calldata[4:]
        assert ocp.table_observation(calldata) == (data, kind)
        assert ocp.table_observation(batch) == (data, kind)
        assert ocp.table_observation(json.dumps(value["l1Batch"])) == (data, kind)
    return data


def family(code):
    return {2: JsonError, 3: ArgumentError, 5: OcpError, 6: MembershipError}[code // 100]


@pytest.mark.parametrize("case", cases("ocpArtifact", False), ids=lambda c: c["id"])
def test_artifact_valid(case, tmp_path):
    inputs, expected = case["inputs"], case["expected"]
    data = observation(inputs)
    receipt = inputs.get("receipt")
    report = ocp.verify(inputs["artifact"], data, receipt=receipt)
    assert report.valid is expected["valid"] is True and report
    assert "0x" + report.digest.hex() == expected["digest"]
    assert report.digest == hashlib.sha256(data).digest() == ocp.sha256_digest(data)
    assert report.hash == expected["hash"] == "ok"
    assert report.computed == report.digest
    assert report.inclusion == expected["inclusion"]
    assert report.schemaComplete is expected["schemaComplete"]
    assert report.error is None
    report.raise_for_error()
    got = json.loads(report.to_json())
    assert got["valid"] is True and got["digest"] == expected["digest"]
    assert got["hash"]["result"] == "ok" and got["inclusion"]["result"] == expected["inclusion"]
    assert got["schemaComplete"] is expected["schemaComplete"] and got["missingMembers"] == report.missingMembers
    assert got["notes"] == report.notes
    if expected["inclusion"] == "confirmed":
        log = report.log
        assert log is not None and report.inclusionReason is None
        assert log["position"] == int(got["inclusion"]["log"]["position"], 16)
        assert "0x" + log["contract"].hex() == got["inclusion"]["log"]["contract"].lower()
    else:
        assert report.log is None and report.inclusionReason == got["inclusion"]["reason"]
    assert report.to_dict()["digest"] == report.digest
    assert str(report).startswith("hash: ok")
    # Every artifact form gives the same report.
    artifact = ocp.OcpArtifact.from_json(inputs["artifact"])
    assert artifact.digest == report.digest and artifact.shape == report.shape == got["shape"]
    assert artifact.schemaComplete is expected["schemaComplete"]
    assert artifact.to_dict() == inputs["artifact"]
    assert artifact.to_json() == json.dumps(inputs["artifact"], separators=(",", ":"), ensure_ascii=False)
    assert ocp.OcpArtifact.from_json(json.dumps(inputs["artifact"])) == artifact
    assert pickle.loads(pickle.dumps(artifact)) == artifact
    for form in (artifact, json.dumps(inputs["artifact"]), json.dumps(inputs["artifact"]).encode()):
        r = ocp.verify(form, data, receipt=None if receipt is None else json.dumps(receipt))
        assert r.to_json() == report.to_json()
    assert artifact.verify(data, receipt).to_json() == report.to_json()
    if "table" in inputs["observation"]:
        assert ocp.verify(artifact, table=inputs["observation"]["table"], receipt=receipt).to_json() == report.to_json()
    # Files, as the CLI reads them.
    (tmp_path / "artifact.json").write_text(json.dumps(inputs["artifact"]))
    (tmp_path / "observation").write_bytes(data)
    (tmp_path / "receipt.json").write_text(json.dumps(receipt))
    by_path = ocp.verify(
        tmp_path / "artifact.json", tmp_path / "observation", receipt=None if receipt is None else tmp_path / "receipt.json"
    )
    assert by_path.to_json() == report.to_json()
    COUNTS["ocpArtifact"] += 1


@pytest.mark.parametrize("case", cases("ocpArtifact", True), ids=lambda c: c["id"])
def test_artifact_rejected(case):
    inputs, expected = case["inputs"], case["expected"]
    code, name = expected["error"]["code"], expected["error"]["name"]
    data = observation(inputs)
    with pytest.raises(ExectableError) as e:
        ocp.verify(inputs["artifact"], data, receipt=inputs.get("receipt"))
    assert e.value.code == code, str(e.value)
    assert isinstance(e.value, family(code)) and isinstance(e.value, ValueError)
    # A failing step (the artifact and receipt parse) also gives a report on request.
    try:
        artifact = ocp.OcpArtifact.from_json(inputs["artifact"])
        report = ocp.verify(artifact, data, receipt=inputs.get("receipt"), raise_on_invalid=False)
    except ExectableError as parse_error:
        assert parse_error.code == code and code in (507, 606)
    else:
        assert report.valid is False and not report
        assert report.error["code"] == code and report.error["name"] == name
        assert json.loads(report.to_json())["error"]["code"] == code
        with pytest.raises(OcpError) as again:
            report.raise_for_error()
        assert again.value.code == code
    COUNTS["ocpArtifact-error"] += 1


def produce(inputs, data):
    if "proofFile" in inputs:
        p = inputs["proofFile"]
        return ocp.produce_proof_file(
            data,
            file_name=p["fileName"],
            tx_hash=p["txHash"],
            network=p["network"],
            contract=p["contract"],
            extraction_rule=p["extractionRule"],
            timestamp_ms=p["timestamp"],
        )
    e = inputs["envelope"]
    return ocp.produce_envelope(
        data,
        chain_id=e["chainId"],
        tx_hash=h(e["txHash"]),
        block_height=e.get("blockHeight"),
        block_hash=None if "blockHash" not in e else h(e["blockHash"]),
        finality_depth=e["finalityDepth"],
        assertion_time_ms=e["assertionTimeMs"],
        created_ms=e["createdMs"],
    )


def produce_generic(inputs, data):
    """The same artifact through ``ocp.produce`` (the CLI's argument set)."""
    if "proofFile" in inputs:
        p = inputs["proofFile"]
        return ocp.produce(
            data,
            tx_hash=p["txHash"],
            network=p["network"],
            contract=h(p["contract"]),
            file_name=p["fileName"],
            extraction_rule=p["extractionRule"],
            timestamp_ms=p["timestamp"],
        )
    e = inputs["envelope"]
    return ocp.produce(
        data,
        envelope=True,
        chain_id=e["chainId"],
        tx_hash=e["txHash"],
        block_height=e.get("blockHeight"),
        block_hash=e.get("blockHash"),
        finality_depth=e["finalityDepth"],
        assertion_time_ms=e["assertionTimeMs"],
        timestamp_ms=e["createdMs"],
    )


@pytest.mark.parametrize("case", cases("ocpProduce", False), ids=lambda c: c["id"])
def test_produce(case):
    inputs, expected = case["inputs"], case["expected"]
    data = observation(inputs)
    assert "0x" + data.hex() == expected["observation"]
    artifact = produce(inputs, data)
    assert "0x" + artifact.digest.hex() == expected["digest"]
    assert artifact.to_json() == json.dumps(expected["artifact"], separators=(",", ":"), ensure_ascii=False)
    assert artifact.to_dict() == expected["artifact"]
    assert artifact.shape == ("ocp-1" if "proofFile" in inputs else "envelope-1.0")
    assert artifact.schemaComplete and artifact.missingMembers == []
    assert produce_generic(inputs, data) == artifact
    assert ocp.OcpArtifact.from_json(artifact.to_json()) == artifact
    report = artifact.verify(data)
    assert report.valid and report.inclusion == "notChecked"
    claim = artifact.evm_claim()
    assert claim["digest"] == artifact.digest
    if "table" in inputs["observation"]:
        table = inputs["observation"]["table"]
        if "proofFile" in inputs:
            again = ocp.produce(table=table, **{k: v for k, v in produce_kwargs(inputs).items()})
            assert again == artifact
    COUNTS["ocpProduce"] += 1


def produce_kwargs(inputs):
    p = inputs["proofFile"]
    return {
        "tx_hash": p["txHash"],
        "network": p["network"],
        "contract": p["contract"],
        "file_name": p["fileName"],
        "extraction_rule": p["extractionRule"],
        "timestamp_ms": p["timestamp"],
    }


@pytest.mark.parametrize("case", cases("ocpProduce", True), ids=lambda c: c["id"])
def test_produce_rejected(case):
    inputs, expected = case["inputs"], case["expected"]
    code = expected["error"]["code"]
    data = observation(inputs)
    for make in (produce, produce_generic):
        with pytest.raises(ExectableError) as e:
            make(inputs, data)
        assert e.value.code == code, str(e.value)
        assert isinstance(e.value, family(code))
    COUNTS["ocpProduce-error"] += 1


def test_every_case_ran():
    """Runs after the case tests of this file: every vector case went through the Python API."""
    expected = collections.Counter(c["kind"] + ("-error" if "error" in c["expected"] else "") for c in CASES)
    assert COUNTS == expected
    assert all(count > 0 for count in COUNTS.values())
    assert sum(COUNTS.values()) == len(CASES) > 0


# --- the shared samples of vectors/ocp/ ---------------------------------------------------------


def test_sample_example_proof_file():
    artifact = ocp.OcpArtifact.from_json((SAMPLES / "example-proof.ocp.json").read_text())
    report = ocp.verify(artifact, SAMPLES / "example-observation.txt")
    assert report.valid and report.hash == "ok" and report.inclusion == "notChecked"
    assert report.digest == hashlib.sha256((SAMPLES / "example-observation.txt").read_bytes()).digest()
    assert report.schemaComplete
    assert artifact.to_dict() == json.loads((SAMPLES / "example-proof.ocp.json").read_text())
    # Reproduced by the producer from the sample's own members.
    sample = artifact.to_dict()
    again = ocp.produce(
        SAMPLES / "example-observation.txt",
        tx_hash=sample["txHash"],
        network=sample["network"],
        contract=sample["contract"],
        timestamp_ms=sample["timestamp"],
    )
    assert again == artifact and again.to_dict()["fileName"] == "example-observation.txt"


def test_sample_demo_files():
    demo = (SAMPLES / "demo-proof.json").read_text()
    report = ocp.verify(demo, (SAMPLES / "demo-original.txt").read_bytes())
    assert ocp.verify(SAMPLES / "demo-proof.json", SAMPLES / "demo-original.txt").to_json() == report.to_json()
    assert report.valid and report.inclusion == "notChecked"
    assert not report.schemaComplete and report.missingMembers == ["fileName", "timestamp"]
    assert any("not schema-complete" in note for note in report.notes)
    with pytest.raises(OcpError) as e:
        ocp.verify(demo, SAMPLES / "demo-tampered.txt")
    assert e.value.code == 501
    report = ocp.verify(demo, SAMPLES / "demo-tampered.txt", raise_on_invalid=False)
    assert report.hash == "mismatch" and report.computed == hashlib.sha256((SAMPLES / "demo-tampered.txt").read_bytes()).digest()
    assert report.inclusion == "notChecked" and report.error["code"] == 501


def test_sample_solana_envelope_is_unsupported():
    envelope = json.loads((SAMPLES / "example-envelope-solana-devnet.json").read_text())
    artifact = ocp.OcpArtifact.from_json(envelope)
    assert artifact.shape == "envelope-1.0"
    with pytest.raises(OcpError) as e:
        ocp.verify(artifact, SAMPLES / "example-observation.txt")
    assert e.value.code == 502 and "unsupported extraction rule" in str(e.value)
    with pytest.raises(OcpError) as e:
        artifact.evm_claim()
    assert e.value.code == 507


# --- bad arguments ------------------------------------------------------------------------------

EXAMPLE = json.loads((SAMPLES / "example-proof.ocp.json").read_text())
OBS = (SAMPLES / "example-observation.txt").read_bytes()


def raises(cls, code, path, fn, *args, **kwargs):
    with pytest.raises(cls) as e:
        fn(*args, **kwargs)
    assert isinstance(e.value, ValueError)
    assert e.value.code == code, str(e.value)
    if path is not None:
        assert e.value.path == path, str(e.value)
    return e.value


def test_bad_arguments():
    tx, contract = EXAMPLE["txHash"], EXAMPLE["contract"]
    raises(ArgumentError, 301, "observation", ocp.verify, EXAMPLE, OBS.decode())
    raises(ArgumentError, 301, "observation", ocp.verify, EXAMPLE)
    raises(ArgumentError, 301, "observation", ocp.verify, EXAMPLE, OBS, table={"l1Batch": {}})
    raises(OcpError, 507, None, ocp.verify, {"x": 1}, OBS)
    raises(OcpError, 507, None, ocp.OcpArtifact.from_json, dict(EXAMPLE, hash=EXAMPLE["hash"].upper()))
    raises(JsonError, 201, None, ocp.OcpArtifact.from_json, "not json")
    raises(ArgumentError, 301, "artifact.when", ocp.OcpArtifact.from_json, {"when": object()})
    raises(JsonError, 201, None, ocp.verify, EXAMPLE, OBS, receipt="{")
    raises(MembershipError, 606, None, ocp.verify, EXAMPLE, OBS, receipt={"status": "0x1", "logs": 7})
    raises(ArgumentError, 301, "txHash", ocp.produce_proof_file, OBS, file_name="f", tx_hash=b"\x00" * 31,
           network="n", contract=contract, timestamp_ms=1)
    raises(ArgumentError, 301, "contract", ocp.produce_proof_file, OBS, file_name="f", tx_hash=tx,
           network="n", contract=b"\x00" * 32, timestamp_ms=1)
    raises(ArgumentError, 301, "timestamp", ocp.produce_proof_file, OBS, file_name="f", tx_hash=tx,
           network="n", contract=contract, timestamp_ms=-1)
    raises(ArgumentError, 301, "network", ocp.produce_proof_file, OBS, file_name="f", tx_hash=tx,
           network="", contract=contract, timestamp_ms=1)
    raises(ArgumentError, 301, "chainId", ocp.produce_envelope, OBS, chain_id="solana:devnet", tx_hash=tx, created_ms=1)
    raises(ArgumentError, 301, "blockHash", ocp.produce_envelope, OBS, chain_id="eip155:1", tx_hash=tx, created_ms=1,
           block_hash=b"\x01")
    raises(ArgumentError, 301, "network", ocp.produce, OBS, tx_hash=tx, contract=contract)
    raises(ArgumentError, 301, "contract", ocp.produce, OBS, tx_hash=tx, network="base-sepolia")
    raises(ArgumentError, 301, "network", ocp.produce, OBS, envelope=True, chain_id="eip155:1", tx_hash=tx, network="x")
    raises(ArgumentError, 301, "chainId", ocp.produce, OBS, envelope=True, tx_hash=tx)
    raises(ArgumentError, 301, "chain_id", ocp.produce, OBS, tx_hash=tx, network="n", contract=contract, chain_id="eip155:1")
    raises(JsonError, 202, None, ocp.table_observation, {"l1Batch": {}, "l2Table": {}})
    raises(ArgumentError, 301, "observation", ocp.sha256_digest, "text")
    assert ocp.sha256_digest(b"abc") == hashlib.sha256(b"abc").digest()


def test_produce_defaults():
    before = exectable.ocp.time.time_ns() // 1_000_000
    artifact = ocp.produce(OBS, tx_hash=EXAMPLE["txHash"], network="base-sepolia", contract=EXAMPLE["contract"])
    after = exectable.ocp.time.time_ns() // 1_000_000
    d = artifact.to_dict()
    assert d["fileName"] == "observation" and before <= d["timestamp"] <= after
    assert d["extractionRule"] == EXAMPLE["extractionRule"] and d["contract"] == EXAMPLE["contract"]
    envelope = ocp.produce(OBS, envelope=True, chain_id="eip155:84532", tx_hash=EXAMPLE["txHash"], timestamp_ms=0)
    d = envelope.to_dict()
    assert d["meta"]["created_utc"] == d["ledger_ref"]["finality"]["assertion_time_utc"] == "1970-01-01T00:00:00Z"
    assert d["ledger_ref"]["block_hash"] == "" and d["ledger_ref"]["block_height"] == 0
    assert envelope.verify(OBS).valid
    batch = l1.ProofSystemBatchPerVerificationEntries(entries=[l1.ExecutionEntry(callCount=1)])
    table = ocp.produce(table=batch, tx_hash=EXAMPLE["txHash"], network="n", contract=EXAMPLE["contract"], timestamp_ms=5)
    assert table.to_dict()["fileName"] == "table.l1-batch.abi"
    assert table.digest == hashlib.sha256(batch.abi_encode()).digest()
    l2 = ocp.table_observation({"entries": [], "lookupCalls": []})
    assert l2[1] == "l2-table"
