"""The vector kinds the typed API covers, checked through that API (not the conformance runner)."""

import collections
import json

import pytest

import exectable

COUNTS = collections.Counter()


def h(text):
    """0x-hex text to bytes."""
    return bytes.fromhex(text[2:])


def n(text):
    """0x-hex (or decimal) text to int."""
    return int(text, 16) if text.startswith("0x") else int(text)


def test_cross_chain_call_hash(public_cases):
    for case in public_cases["crossChainCallHash"]:
        i = case["inputs"]
        got = exectable.cross_chain_call_hash(
            n(i["targetRollupId"]),
            h(i["targetAddress"]),
            n(i["value"]),
            h(i["data"]),
            h(i["sourceAddress"]),
            n(i["sourceRollupId"]),
        )
        assert got == h(case["expected"]["crossChainCallHash"]), case["id"]
        assert exectable.keccak256(h(case["expected"]["preimage"])) == got
        COUNTS["crossChainCallHash"] += 1


@pytest.mark.parametrize(
    "kind,struct,field,hasher",
    [
        ("l1EntryEncoding", "l1.ExecutionEntry", "entry", exectable.entry_hash),
        ("l1LookupCallEncoding", "l1.LookupCall", "lookupCall", exectable.lookup_call_hash),
        ("l2EntryEncoding", "l2.ExecutionEntry", "entry", None),
        ("l2LookupCallEncoding", "l2.LookupCall", "lookupCall", None),
    ],
)
def test_struct_encodings(public_cases, kind, struct, field, hasher):
    for case in public_cases[kind]:
        value = case["inputs"][field]
        encoded = exectable.abi_encode(struct, value)
        assert encoded == h(case["expected"]["abiEncoded"]), case["id"]
        decoded = exectable.abi_decode(struct, encoded)
        assert json.loads(decoded.to_json()) == value
        assert decoded == exectable.struct_class(struct).from_json(json.dumps(value))
        assert exectable.abi_encode(struct, decoded) == encoded
        expected_hash = h(case["expected"]["hash"])
        assert exectable.keccak256(encoded) == expected_hash
        if hasher is not None:
            assert hasher(value) == expected_hash
        COUNTS[kind] += 1


def test_abi_encode_accepts_bytes_and_ints(public_cases):
    case = public_cases["l1EntryEncoding"][-1]
    value = case["inputs"]["entry"]
    native = {
        k: (h(v) if isinstance(v, str) and len(v) == 66 else v) for k, v in value.items()
    }
    native["destinationRollupId"] = n(value["destinationRollupId"])
    native["callCount"] = n(value["callCount"])
    assert exectable.abi_encode("l1.ExecutionEntry", native) == h(case["expected"]["abiEncoded"])


def test_proxy_address(public_cases):
    for case in public_cases["proxyAddress"]:
        i, e = case["inputs"], case["expected"]
        got = exectable.proxy_address(h(i["manager"]), h(i["originalAddress"]), n(i["originalRollupId"]))
        assert got == {"proxyAddress": h(e["proxyAddress"]), "salt": h(e["salt"]), "initCodeHash": h(e["initCodeHash"])}
        COUNTS["proxyAddress"] += 1


def test_batch_calldata(public_cases):
    for case in public_cases["batchCalldata"]:
        calldata = h(case["expected"]["calldata"])
        call = exectable.decode_calldata(calldata)
        assert call.function == "postAndVerifyBatch"
        assert call.selector == h(case["expected"]["selector"])
        assert call.args["batch"] == call.batch
        assert json.loads(call.batch.to_json()) == case["inputs"]["batch"], case["id"]
        assert exectable.encode_calldata(call) == calldata
        assert exectable.encode_calldata(call.to_dict()) == calldata
        assert call.batch.abi_encode() == calldata[4:]
        assert exectable.abi_encode("l1.ProofSystemBatchPerVerificationEntries", case["inputs"]["batch"]) == (
            calldata[4:]
        )
        COUNTS["batchCalldata"] += 1


def test_every_typed_kind_ran_cases():
    # Runs last in this file (pytest keeps definition order).
    for kind in (
        "crossChainCallHash",
        "l1EntryEncoding",
        "l1LookupCallEncoding",
        "l2EntryEncoding",
        "l2LookupCallEncoding",
        "proxyAddress",
        "batchCalldata",
    ):
        assert COUNTS[kind] > 0, f"kind {kind} ran zero cases"
    print("typed cases per kind:", dict(COUNTS))


def test_negative_int256_from_python_int():
    import exectable

    delta = {"rollupId": 1, "currentState": b"\x11" * 32, "newState": b"\x22" * 32, "etherDelta": -1}
    encoded = exectable.abi_encode("l1.StateDelta", delta)
    assert encoded[96:128] == b"\xff" * 32
    assert exectable.abi_decode("l1.StateDelta", encoded).etherDelta == -1
    assert json.loads(exectable.abi_decode("l1.StateDelta", encoded).to_json())["etherDelta"] == "0x" + "f" * 64
    with pytest.raises(exectable.ArgumentError) as e:
        exectable.abi_encode("l1.StateDelta", dict(delta, rollupId=-1))
    assert e.value.path == "rollupId"
