"""Table commitments and inclusion proofs through ``exectable.commit``: every case of
vectors/exectable-commitments.json (valid and tampered), the input forms the CLI takes, and bad
arguments."""

import collections
import json
import pickle

import pytest
from conftest import VECTOR_DIR

import exectable
from exectable import commit, l1
from exectable.commit import CommittedTable, InclusionProof, TableCommitment
from exectable.errors import ArgumentError, ExectableError, JsonError, ProofError

DATA = json.loads((VECTOR_DIR / "exectable-commitments.json").read_text())
CASES = DATA["cases"]
BY_ID = {c["id"]: c for c in CASES}
COUNTS = collections.Counter()


def h(text):
    """0x-hex text to bytes."""
    return bytes.fromhex(text[2:])


def n(text):
    """0x-hex (or decimal) text to int."""
    return int(text, 16) if text.startswith("0x") else int(text)


def cases(kind, error):
    """The cases of `kind` that expect an error (or not)."""
    return [c for c in CASES if c["kind"] == kind and ("error" in c["expected"]) == error]


def blobs(inputs):
    return [h(b) for b in inputs.get("blobHashes", [])]


def leaf_of(leaf):
    """{"entry": "0x3"} -> {"entry": 3}."""
    ((name, index),) = leaf.items()
    return {name: n(index)}


def record_dict(record):
    return {
        "commitment": h(record["commitment"]),
        "entryCount": n(record["entryCount"]),
        "lookupCount": n(record["lookupCount"]),
        "sharedPublicInput": h(record["sharedPublicInput"]),
        "root": h(record["root"]),
    }


def test_vector_file_has_every_kind():
    for kind in ("tableCommitment", "inclusionProof", "inclusionProofTampered"):
        assert cases(kind, False) or cases(kind, True), kind


@pytest.mark.parametrize("case", cases("tableCommitment", False), ids=lambda c: c["id"])
def test_table_commitment(case):
    inputs, expected = case["inputs"], case["expected"]
    batch = inputs["batch"]
    table = commit.commit(batch, blob_hashes=blobs(inputs))
    want = expected["tableCommitment"]
    assert json.loads(table.to_json()) == want
    assert table.to_dict() == record_dict(want)
    record = table.commitment
    assert isinstance(record, TableCommitment)
    assert record.commitment == record.digest == table.digest == h(want["commitment"])
    assert (record.entryCount, record.lookupCount) == (n(want["entryCount"]), n(want["lookupCount"]))
    assert (table.entryCount, table.lookupCount) == (record.entryCount, record.lookupCount)
    assert record.sharedPublicInput == table.sharedPublicInput == h(want["sharedPublicInput"])
    assert record.root == table.root == h(want["root"])
    assert record.leafCount == len(table) == len(table.itemHashes)
    assert table.levels() == [[h(node) for node in level] for level in expected["levels"]]
    assert exectable.keccak256(record.preimage()) == record.commitment
    assert record.preimage()[:29] == b"exectable.table-commitment.v1" and len(record.preimage()) == 109
    # The item hashes are the batch's entry and lookup-call hashes.
    obj = l1.ProofSystemBatchPerVerificationEntries.from_dict(batch)
    assert table.entryHashes == obj.entry_hashes()
    assert table.lookupCallHashes == obj.lookup_call_hashes()
    assert table.itemHashes == table.entryHashes + table.lookupCallHashes
    # The same commitment from every input form the CLI takes.
    calldata = exectable.encode_calldata(exectable.ManagerCall("postAndVerifyBatch", batch=obj))
    for form in (obj, calldata, "0x" + calldata.hex(), exectable.decode_calldata(calldata), json.dumps(batch)):
        assert commit.commit(form, blob_hashes=blobs(inputs)).commitment == record, type(form)
    embedded = {"batch": batch, "blobHashes": inputs.get("blobHashes", [])}
    assert commit.commit(json.dumps(embedded)).commitment == record
    assert commit.commit(embedded).commitment == record
    assert CommittedTable.from_batch(obj, blob_hashes=blobs(inputs)).commitment == record
    assert CommittedTable.from_hashes(table.entryHashes, table.lookupCallHashes, record.sharedPublicInput).commitment == record
    # The record's forms.
    assert TableCommitment.from_json(table.to_json()) == record
    assert TableCommitment.from_json(want) == record
    assert TableCommitment.from_json(record.to_dict()) == record
    assert TableCommitment(
        entryCount=record.entryCount,
        lookupCount=record.lookupCount,
        sharedPublicInput=record.sharedPublicInput,
        root=record.root,
    ) == record
    assert pickle.loads(pickle.dumps(record)) == record
    assert hash(TableCommitment.from_json(want)) == hash(record)
    # The record checks against its batch, as a digest and as a record.
    record.check_batch(obj, blob_hashes=blobs(inputs))
    assert commit.check(batch, record.commitment, blob_hashes=blobs(inputs)) == record
    assert commit.check(batch, want, blob_hashes=blobs(inputs)) == record
    if "commitment" in inputs:
        assert commit.check(batch, inputs["commitment"], blob_hashes=blobs(inputs)) == record
    COUNTS["tableCommitment"] += 1


@pytest.mark.parametrize("case", cases("tableCommitment", True), ids=lambda c: c["id"])
def test_table_commitment_mismatch(case):
    inputs, expected = case["inputs"], case["expected"]
    with pytest.raises(ProofError) as e:
        commit.check(inputs["batch"], inputs["commitment"], blob_hashes=blobs(inputs))
    assert e.value.code == expected["error"]["code"] == 410
    assert isinstance(e.value, ValueError)
    # The same claim as bytes / object.
    claim = inputs["commitment"]
    claim = h(claim) if isinstance(claim, str) else TableCommitment.from_json(claim)
    with pytest.raises(ProofError) as e:
        commit.check(inputs["batch"], claim, blob_hashes=blobs(inputs))
    assert e.value.code == 410
    if isinstance(claim, TableCommitment):
        with pytest.raises(ProofError) as e:
            claim.check_batch(inputs["batch"], blob_hashes=blobs(inputs))
        assert e.value.code == 410
    COUNTS["tableCommitment-error"] += 1


@pytest.mark.parametrize("case", cases("inclusionProof", False), ids=lambda c: c["id"])
def test_inclusion_proof(case):
    inputs, expected = case["inputs"], case["expected"]
    table = CommittedTable.from_hashes(
        [h(x) for x in inputs["entryHashes"]], [h(x) for x in inputs["lookupCallHashes"]], inputs["sharedPublicInput"]
    )
    assert json.loads(table.to_json()) == expected["tableCommitment"]
    leaves = [leaf_of(leaf) for leaf in inputs["leaves"]]
    proof = table.prove(leaves=leaves)
    want_bytes = h(expected["proof"])
    assert proof.to_bytes() == bytes(proof) == want_bytes
    assert json.loads(proof.to_json()) == expected["proofJson"]
    assert proof.to_json() == json.dumps(expected["proofJson"], separators=(",", ":"))
    # The same proof from the other ways of naming the leaves.
    entries = [leaf["entry"] for leaf in leaves if "entry" in leaf]
    lookups = [leaf["lookupCall"] for leaf in leaves if "lookupCall" in leaf]
    assert table.prove(entries=entries, lookup_calls=lookups) == proof
    assert table.prove(leaves=[tuple(leaf.items())[0] for leaf in leaves]) == proof
    assert table.prove_indices(proof.indices) == proof
    # Through the batch, as `exectable prove` does.
    source = BY_ID.get(inputs.get("table", ""))
    if source is not None:
        by_batch = commit.prove(source["inputs"]["batch"], leaves=leaves, blob_hashes=blobs(source["inputs"]))
        assert by_batch.to_bytes() == want_bytes
    # Attributes.
    e_count = table.entryCount
    assert proof.indices == sorted(leaf.get("entry", e_count + leaf.get("lookupCall", 0)) for leaf in leaves)
    assert proof.leaves == sorted(leaves, key=lambda leaf: leaf.get("entry", e_count + leaf.get("lookupCall", 0)))
    assert proof.siblings == [h(s) for s in expected["proofJson"]["siblings"]]
    assert proof.tableCommitment == table.commitment and proof.commitment == table.digest
    assert proof.FORMAT == expected["proofJson"]["format"] == proof.to_dict()["format"]
    assert proof.to_dict()["tableCommitment"] == table.to_dict()
    # The forms decode back.
    assert InclusionProof.from_bytes(want_bytes) == proof
    assert InclusionProof.from_bytes(expected["proof"]) == proof
    assert InclusionProof.from_json(expected["proofJson"]) == proof
    assert InclusionProof.from_json(json.dumps(expected["proofJson"])) == proof
    assert InclusionProof.from_json(proof.to_dict()) == proof
    assert pickle.loads(pickle.dumps(proof)) == proof
    # Item hashes.
    item_hashes = [h(x) for x in expected["itemHashes"]]
    assert [table.item_hash(i) for i in proof.indices] == item_hashes
    for leaf, item_hash in zip(proof.leaves, item_hashes):
        if "entry" in leaf:
            assert table.find_entry(item_hash) is not None
        else:
            assert table.find_lookup_call(item_hash) is not None
    # Verify with every item form, against the digest and the record, from every proof form.
    tagged = inputs["items"]
    typed = [
        {("entryHash" if "entry" in leaf else "lookupCallHash"): item_hash}
        for leaf, item_hash in zip(proof.leaves, item_hashes)
    ]
    objects = []
    for item in tagged:
        ((tag, value),) = item.items()
        if tag == "entry":
            objects.append(l1.ExecutionEntry.from_dict(value))
        elif tag == "lookupCall":
            objects.append(l1.LookupCall.from_dict(value))
        else:
            objects.append(h(value))
    for trusted in (table.digest, "0x" + table.digest.hex(), table.commitment, expected["tableCommitment"], table):
        for items in (tagged, typed, item_hashes, objects, [json.dumps(i) for i in tagged]):
            for form in (proof, want_bytes, expected["proof"], expected["proofJson"], json.dumps(expected["proofJson"])):
                result = commit.verify(form, trusted, items)
                assert result.valid and result
                assert result.commitment == table.digest
                assert result.leaves == proof.leaves
    result = proof.verify(table.digest, item_hashes)
    assert json.loads(result.to_json()) == {
        "valid": True,
        "commitment": expected["tableCommitment"]["commitment"],
        "leaves": [{k: hex(v) for k, v in leaf.items()} for leaf in proof.leaves],
    }
    assert result.to_dict() == {"valid": True, "commitment": table.digest, "leaves": proof.leaves}
    assert table.commitment.verify(want_bytes, tagged).leaves == proof.leaves
    if len(item_hashes) == 1:
        assert commit.verify(proof, table.digest, item_hashes[0]).leaves == proof.leaves
    COUNTS["inclusionProof"] += 1


def tampered_proof(proof):
    """The proof input of a tampered case: hex (binary) or the JSON object."""
    return InclusionProof.from_bytes(proof) if isinstance(proof, str) else InclusionProof.from_json(proof)


@pytest.mark.parametrize("case", cases("inclusionProofTampered", True), ids=lambda c: c["id"])
def test_inclusion_proof_tampered(case):
    inputs, expected = case["inputs"], case["expected"]
    code = expected["error"]["code"]
    assert 401 <= code <= 409
    with pytest.raises(ProofError) as e:
        commit.verify(inputs["proof"], inputs["commitment"], inputs["items"])
    assert e.value.code == code, str(e.value)
    assert isinstance(e.value, ValueError)
    # Decoding first, then verifying: the same code at whichever step rejects.
    with pytest.raises(ProofError) as e:
        tampered_proof(inputs["proof"]).verify(inputs["commitment"], inputs["items"])
    assert e.value.code == code
    # Binary proofs given as bytes, digests as bytes.
    if isinstance(inputs["proof"], str):
        claim = h(inputs["commitment"]) if isinstance(inputs["commitment"], str) else inputs["commitment"]
        with pytest.raises(ProofError) as e:
            commit.verify(h(inputs["proof"]), claim, inputs["items"])
        assert e.value.code == code
    COUNTS["inclusionProofTampered"] += 1


def test_every_case_ran():
    """Runs last in this file: every vector case went through the Python API."""
    expected = collections.Counter()
    for c in CASES:
        expected[c["kind"] + ("-error" if c["kind"] == "tableCommitment" and "error" in c["expected"] else "")] += 1
    assert COUNTS == expected
    assert all(count > 0 for count in COUNTS.values())
    assert sum(COUNTS.values()) == len(CASES) > 0


# --- bad arguments -------------------------------------------------------------------------

SMALL = cases("tableCommitment", False)[1]["inputs"]


@pytest.fixture(scope="module")
def small_table():
    return commit.commit(SMALL["batch"], blob_hashes=blobs(SMALL))


def raises(cls, code, path, fn, *args, **kwargs):
    with pytest.raises(cls) as e:
        fn(*args, **kwargs)
    assert isinstance(e.value, ValueError) and isinstance(e.value, ExectableError)
    assert e.value.code == code, str(e.value)
    if path is not None:
        assert e.value.path == path, str(e.value)
    return e.value


def test_bad_batch_arguments():
    raises(ArgumentError, 301, "batch", commit.commit, 42)
    raises(JsonError, 203, "input", commit.commit, "0xzz")
    raises(JsonError, 201, None, commit.commit, "{not json")
    other = exectable.encode_calldata(exectable.ManagerCall("executeL2TX", rollupId=1))
    raises(ArgumentError, 301, "batch", commit.commit, other)
    raises(exectable.AbiError, 101, None, commit.commit, b"\x8b\x1a\x09\x5a")
    raises(ArgumentError, 301, "batch.entries", commit.commit, dict(SMALL["batch"], entries=7))
    raises(ArgumentError, 301, "blobHashes[0]", commit.commit, SMALL["batch"], blob_hashes=[b"\x00" * 31])
    raises(ArgumentError, 301, "blobHashes", commit.commit, SMALL["batch"], blob_hashes=[], blob_versioned_hashes=[])
    raises(ArgumentError, 301, "other", commit.commit, {"batch": SMALL["batch"], "other": 1})


def test_blob_hashes_are_required_for_blob_indices():
    case = next(c for c in cases("tableCommitment", False) if c["inputs"]["batch"]["blobIndices"])
    e = raises(ArgumentError, 301, "blobHashes", commit.commit, case["inputs"]["batch"])
    assert "blob" in str(e)


def test_bad_prove_arguments(small_table):
    assert small_table.entryCount > 0
    raises(ArgumentError, 301, "leaves", small_table.prove)
    raises(ArgumentError, 301, "leaves[0]", small_table.prove, entries=[len(small_table) + 5])
    raises(ArgumentError, 301, "leaves", small_table.prove, entries=[0, 0])
    raises(ArgumentError, 301, "entries[1]", small_table.prove, entries=[0, -1])
    raises(ArgumentError, 301, "entries", small_table.prove, entries=1.5)
    raises(ArgumentError, 301, "entryHashes[0]", small_table.prove, entry_hashes=[b"\x11" * 32])
    raises(ArgumentError, 301, "lookupCallHashes[0]", small_table.prove, lookup_call_hashes=b"\x11" * 32)
    raises(ArgumentError, 301, "leaves[0]", small_table.prove, leaves=[{"row": 0}])
    raises(ArgumentError, 301, "indices", small_table.prove_indices, [])
    raises(ArgumentError, 301, "index", small_table.item_hash, len(small_table))
    raises(ArgumentError, 301, "entryHash", small_table.find_entry, b"\x00")
    assert small_table.find_entry(b"\x22" * 32) is None
    single = small_table.prove(entries=0)
    assert single == small_table.prove(entry_hashes=small_table.entryHashes[0])


def test_bad_verify_arguments(small_table):
    proof = small_table.prove(entries=[0])
    item = small_table.entryHashes[0]
    assert commit.verify(proof, small_table.digest, [item]).leaves == [{"entry": 0}]
    raises(ArgumentError, 301, "commitment", commit.verify, proof, b"\x00" * 31, [item])
    raises(ArgumentError, 301, "commitment", commit.verify, proof, 5, [item])
    raises(JsonError, 203, "commitment", commit.verify, proof, "0x12", [item])
    raises(ArgumentError, 301, "items[0]", commit.verify, proof, small_table.digest, [42])
    raises(ArgumentError, 301, "items[0]", commit.verify, proof, small_table.digest, [b"\x01" * 33])
    raises(ArgumentError, 301, "proof", commit.verify, 3.5, small_table.digest, [item])
    raises(ProofError, 404, None, commit.verify, proof, b"\x00" * 32, [item])
    raises(ProofError, 409, None, commit.verify, proof, small_table.digest, [item, item])
    raises(ProofError, 401, None, commit.verify, proof, small_table.digest, [{"lookupCallHash": item}])
    raises(ProofError, 403, None, commit.verify, proof, small_table.digest, [b"\x33" * 32])
    raises(ProofError, 405, None, InclusionProof.from_bytes, "0x01")
    raises(ProofError, 406, None, InclusionProof.from_bytes, proof.to_bytes() + b"\x00")
    raises(ProofError, 409, None, InclusionProof.from_bytes, b"\x02" + proof.to_bytes()[1:])
    raises(ArgumentError, 301, "proof", InclusionProof.from_bytes, 7)
    raises(ProofError, 409, None, InclusionProof.from_json, dict(json.loads(proof.to_json()), format="v2"))
    raises(JsonError, 202, None, InclusionProof.from_json, {"format": proof.FORMAT})


def test_bad_record_arguments(small_table):
    record = json.loads(small_table.to_json())
    raises(ProofError, 409, None, TableCommitment.from_json, dict(record, commitment="0x" + "00" * 32))
    raises(JsonError, 202, None, TableCommitment.from_json, {"entryCount": "0x1"})
    raises(ArgumentError, 301, "entryCount", TableCommitment, entryCount=-1)
    raises(ArgumentError, 301, "root", TableCommitment, root=b"\x00" * 3)
    with pytest.raises(TypeError):
        TableCommitment(digest=b"\x00" * 32)
    assert TableCommitment().entryCount == 0 and TableCommitment().root == b"\x00" * 32
    without_digest = {k: v for k, v in record.items() if k != "commitment"}
    assert TableCommitment.from_json(without_digest) == small_table.commitment
    other = TableCommitment.from_json(dict(without_digest, entryCount="0x0"))
    raises(ProofError, 410, None, other.check_batch, SMALL["batch"], blob_hashes=blobs(SMALL))
    proof = small_table.prove(entries=[0])
    # A record that differs only in its counts tells 402 from 404.
    e = raises(ProofError, 402, None, proof.verify, other, [small_table.entryHashes[0]])
    assert "lookup" in str(e)
    raises(ProofError, 404, None, proof.verify, other.commitment, [small_table.entryHashes[0]])
