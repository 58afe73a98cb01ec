"""The struct classes: constructors, attributes, equality, repr, dict/JSON/ABI forms, pickling."""

import copy
import json
import pickle

import pytest

import exectable
from exectable import l1, l2

ALL_CLASSES = [exectable.struct_class(name) for name in exectable.struct_names()]
# Vector kind → (struct name, input field) for the kinds that carry whole structs.
STRUCT_KINDS = {
    "l1EntryEncoding": ("l1.ExecutionEntry", "entry"),
    "l1LookupCallEncoding": ("l1.LookupCall", "lookupCall"),
    "l2EntryEncoding": ("l2.ExecutionEntry", "entry"),
    "l2LookupCallEncoding": ("l2.LookupCall", "lookupCall"),
}


def vector_structs(public_cases):
    """Every struct value of the golden vectors as (class, canonical JSON dict, ABI bytes)."""
    out = []
    for kind, (name, field) in STRUCT_KINDS.items():
        for case in public_cases[kind]:
            out.append((exectable.struct_class(name), case["inputs"][field], bytes.fromhex(case["expected"]["abiEncoded"][2:])))
    for case in public_cases["batchCalldata"]:
        out.append((l1.Batch, case["inputs"]["batch"], bytes.fromhex(case["expected"]["calldata"][10:])))
    return out


def test_class_names_and_modules():
    assert len(ALL_CLASSES) == 14
    assert l1.ExecutionEntry.__module__ == "exectable.l1" and l1.ExecutionEntry.__name__ == "ExecutionEntry"
    assert l2.ExecutionEntry.__module__ == "exectable.l2"
    assert l1.ExecutionEntry is not l2.ExecutionEntry
    assert l1.Batch is l1.ProofSystemBatchPerVerificationEntries
    assert exectable.struct_class("RollupIdWithProofSystems") is l1.RollupIdWithProofSystems
    assert l1.StateDelta.FIELDS == ("rollupId", "currentState", "newState", "etherDelta")


def test_every_vector_struct_round_trips(public_cases):
    values = vector_structs(public_cases)
    assert len(values) >= 20
    for cls, value, encoded in values:
        obj = cls.from_json(json.dumps(value))
        assert obj.abi_encode() == encoded
        assert cls.abi_decode(encoded) == obj
        assert cls.abi_decode("0x" + encoded.hex()) == obj
        assert json.loads(obj.to_json()) == value
        assert json.loads(obj.to_json(indent=2)) == value and "\n  " in obj.to_json(indent=2)
        assert cls.from_dict(obj.to_dict()) == obj
        assert cls.from_dict(value) == obj  # the JSON-edge forms are accepted by from_dict too
        assert cls(**obj.to_dict()) == obj
        assert pickle.loads(pickle.dumps(obj)) == obj
        assert copy.deepcopy(obj) == obj
        assert hash(obj) == hash(cls.abi_decode(encoded))
        for field in cls.FIELDS:
            assert getattr(obj, field) == getattr(cls.abi_decode(encoded), field)


def test_attributes_are_python_values():
    call = l1.L2ToL1Call(targetAddress=b"\x01" * 20, value=2**255, data="0xd09de08a", sourceRollupId="7")
    assert call.targetAddress == b"\x01" * 20 and isinstance(call.targetAddress, bytes)
    assert call.value == 2**255 and call.data == bytes.fromhex("d09de08a") and call.sourceRollupId == 7
    assert call.sourceAddress == bytes(20) and call.revertSpan == 0  # defaults: zero / empty
    delta = l1.StateDelta(etherDelta=-(2**255))
    assert delta.etherDelta == -(2**255) and delta.currentState == bytes(32)
    entry = l1.ExecutionEntry(stateDeltas=[delta, {"rollupId": 1, "currentState": b"\x11" * 32,
                                                   "newState": b"\x22" * 32, "etherDelta": 5}])
    assert [type(d) for d in entry.stateDeltas] == [l1.StateDelta, l1.StateDelta]
    assert entry.stateDeltas[1].etherDelta == 5
    lookup = l1.ExpectedLookup(failed=True, l2ToL1CallNumber=2**64 - 1)
    assert lookup.failed is True and lookup.l2ToL1CallNumber == 2**64 - 1
    batch = l1.Batch(proofSystems=[b"\xaa" * 20], blobIndices=[1, 2**256 - 1], proofs=[b"", b"\x01"])
    assert batch.proofSystems == [b"\xaa" * 20] and batch.blobIndices == [1, 2**256 - 1]
    assert batch.proofs == [b"", b"\x01"]


def test_equality_replace_and_immutability():
    a = l1.StateDelta(rollupId=1)
    b = l1.StateDelta(rollupId=1)
    assert a == b and hash(a) == hash(b) and a != l1.StateDelta(rollupId=2)
    assert a != l2.CrossChainCall() and a != {"rollupId": 1}
    c = a.replace(etherDelta=-3)
    assert c.etherDelta == -3 and a.etherDelta == 0 and c.rollupId == 1
    with pytest.raises(AttributeError):
        a.rollupId = 5  # type: ignore[misc]
    assert len({a, b, c}) == 2


def test_repr_is_readable():
    r = repr(l1.StateDelta(rollupId=3, currentState=b"\xab" * 32, etherDelta=-1))
    assert r.startswith("StateDelta(rollupId=3, currentState=0xabab") and r.endswith("etherDelta=-1)")
    assert repr(l1.ExpectedL1ToL2Call()) == (
        "ExpectedL1ToL2Call(crossChainCallHash=0x" + "00" * 32 + ", callCount=0, returnData=0x)"
    )


def test_hashes_match_the_vectors(public_cases):
    for kind, cls, attr in (("l1EntryEncoding", l1.ExecutionEntry, "entry"), ("l1LookupCallEncoding", l1.LookupCall, "lookupCall")):
        for case in public_cases[kind]:
            obj = cls.from_dict(case["inputs"][attr])
            assert obj.hash() == bytes.fromhex(case["expected"]["hash"][2:]), case["id"]
    assert not hasattr(l2.ExecutionEntry(), "hash")
    entries = [l1.ExecutionEntry.from_dict(c["inputs"]["entry"]) for c in public_cases["l1EntryEncoding"]]
    assert exectable.entry_hashes(entries) == [e.hash() for e in entries]
    assert exectable.entry_hashes(entries * 100, threads=2) == [e.hash() for e in entries] * 100
    assert exectable.entry_hashes([e.to_dict() for e in entries], threads=1) == [e.hash() for e in entries]
    lookups = [l1.LookupCall.from_dict(c["inputs"]["lookupCall"]) for c in public_cases["l1LookupCallEncoding"]]
    assert exectable.lookup_call_hashes(lookups) == [x.hash() for x in lookups]


@pytest.mark.parametrize(
    "kwargs,family,code,path",
    [
        ({"rollupId": -1}, exectable.ArgumentError, 301, "rollupId"),
        ({"rollupId": 2**256}, exectable.ArgumentError, 301, "rollupId"),
        ({"rollupId": True}, exectable.ArgumentError, 301, "rollupId"),
        ({"rollupId": 1.5}, exectable.ArgumentError, 301, "rollupId"),
        ({"etherDelta": 2**255}, exectable.ArgumentError, 301, "etherDelta"),
        ({"etherDelta": -(2**255) - 1}, exectable.ArgumentError, 301, "etherDelta"),
        ({"currentState": b"\x00" * 31}, exectable.ArgumentError, 301, "currentState"),
        ({"currentState": "0x12"}, exectable.JsonError, 203, "currentState"),
        ({"newState": 5}, exectable.ArgumentError, 301, "newState"),
    ],
)
def test_constructor_errors_name_the_field(kwargs, family, code, path):
    with pytest.raises(family) as e:
        l1.StateDelta(**kwargs)
    assert e.value.code == code and e.value.path == path and isinstance(e.value, ValueError)
    assert path in str(e.value)


def test_nested_errors_carry_the_full_path():
    with pytest.raises(exectable.JsonError) as e0:
        l1.ExecutionEntry(l2ToL1Calls=[{}])  # a dict is the dict form: every field is needed
    assert e0.value.code == 202 and e0.value.path == "l2ToL1Calls[0].targetAddress"
    full = {"targetAddress": b"", "value": 0, "data": b"", "sourceAddress": bytes(20), "sourceRollupId": 0, "revertSpan": 0}
    with pytest.raises(exectable.ArgumentError) as e:
        l1.ExecutionEntry(l2ToL1Calls=[l1.L2ToL1Call(), full])
    assert e.value.code == 301 and e.value.path == "l2ToL1Calls[1].targetAddress"
    assert str(e.value) == "l2ToL1Calls[1].targetAddress: expected 20 bytes, found 0"
    with pytest.raises(exectable.JsonError) as e2:
        l1.ExecutionEntry(l2ToL1Calls=[l1.L2ToL1Call(), {"bogus": 1}])
    assert e2.value.code == 202 and e2.value.path == "l2ToL1Calls[1].bogus"
    with pytest.raises(exectable.ArgumentError) as e3:
        l1.Batch(entries=[l1.ExecutionEntry(), l1.ExecutionEntry(), l1.StateDelta()])
    assert e3.value.path == "entries[2]" and "ExecutionEntry" in str(e3.value)
    with pytest.raises(exectable.ArgumentError) as e4:
        l1.Batch(proofs=b"\x00")
    assert e4.value.path == "proofs" and "expected a list" in str(e4.value)


def test_unknown_keyword_is_a_type_error():
    with pytest.raises(TypeError, match="unexpected keyword argument 'bogus'"):
        l1.StateDelta(bogus=1)
    with pytest.raises(TypeError):
        l1.StateDelta().replace(bogus=1)


def test_from_dict_requires_the_exact_fields():
    with pytest.raises(exectable.JsonError) as e:
        l1.StateDelta.from_dict({"rollupId": 1})
    assert e.value.code == 202 and e.value.path == "currentState" and "missing field" in str(e.value)
    with pytest.raises(exectable.JsonError) as e:
        l1.StateDelta.from_dict({"rollupId": 1, "currentState": bytes(32), "newState": bytes(32), "etherDelta": 0, "x": 1})
    assert e.value.path == "x"
    with pytest.raises(exectable.ArgumentError):
        l1.StateDelta.from_dict([1, 2])  # type: ignore[arg-type]


def test_from_json_errors():
    with pytest.raises(exectable.JsonError) as e:
        l1.StateDelta.from_json("{")
    assert e.value.code == 201
    with pytest.raises(exectable.JsonError) as e:
        l1.StateDelta.from_json(b"\xff")
    assert e.value.code == 201
    with pytest.raises(exectable.ArgumentError):
        l1.StateDelta.from_json(5)  # type: ignore[arg-type]


def test_abi_decode_errors():
    with pytest.raises(exectable.AbiError) as e:
        l1.ExecutionEntry.abi_decode(b"\x00" * 31)
    assert e.value.code == 101 and e.value.offset == 0
    with pytest.raises(exectable.JsonError) as e:
        l1.ExecutionEntry.abi_decode("0xabc")
    assert e.value.path == "data"
    with pytest.raises(exectable.ArgumentError):
        l1.ExecutionEntry.abi_decode(12)  # type: ignore[arg-type]
    assert l1.StateDelta.abi_decode(bytearray(128)) == l1.StateDelta()
    assert l1.StateDelta.abi_decode(memoryview(bytes(128))) == l1.StateDelta()
