"""Errors: family classes, stable codes, the field path and byte offset at fault."""

import pickle

import pytest

import exectable

ZERO20 = bytes(20)


def test_family_classes_are_value_errors():
    for cls in (
        exectable.AbiError,
        exectable.JsonError,
        exectable.ArgumentError,
        exectable.ProofError,
        exectable.OcpError,
        exectable.MembershipError,
    ):
        assert issubclass(cls, exectable.ExectableError)
        assert issubclass(cls, ValueError)


def test_truncated_abi_names_offset():
    with pytest.raises(ValueError) as e:
        exectable.abi_decode("l1.StateDelta", bytes(100))
    err = e.value
    assert isinstance(err, exectable.AbiError)
    assert err.code == 101
    assert err.offset == 0
    assert err.path == "$"
    assert "128 bytes needed" in str(err)


def test_dirty_padding_names_field_and_offset(public_cases):
    case = next(
        c
        for c in public_cases["l1EntryEncoding"]
        if len(c["inputs"]["entry"]["returnData"]) > 2 and (len(c["inputs"]["entry"]["returnData"]) - 2) // 2 % 32
    )
    encoded = bytearray(bytes.fromhex(case["expected"]["abiEncoded"][2:]))
    encoded[-1] = 1  # returnData is the last tail: its last byte is padding
    with pytest.raises(exectable.AbiError) as e:
        exectable.abi_decode("l1.ExecutionEntry", bytes(encoded))
    assert e.value.code == 104
    assert e.value.path.endswith("returnData")
    assert e.value.offset == len(encoded) - 1
    assert "returnData" in str(e.value)


def test_trailing_bytes():
    with pytest.raises(exectable.AbiError) as e:
        exectable.abi_decode("l1.StateDelta", bytes(129))
    assert e.value.code == 106
    assert e.value.offset == 128
    assert e.value.path is None


def test_bad_hex_names_field():
    with pytest.raises(exectable.JsonError) as e:
        exectable.abi_encode(
            "l1.StateDelta",
            {"rollupId": "0x1", "currentState": "0x12", "newState": "0x" + "00" * 32, "etherDelta": "0x0"},
        )
    assert e.value.code == 203
    assert e.value.path is not None and e.value.path.endswith("currentState")
    assert e.value.offset is None
    assert "currentState" in str(e.value)


def test_unknown_field():
    with pytest.raises(exectable.JsonError) as e:
        exectable.abi_encode("l1.StateDelta", {"rollupId": 1, "bogus": 2})
    assert e.value.code == 202
    assert "bogus" in e.value.path


def test_bad_address_argument():
    with pytest.raises(exectable.ArgumentError) as e:
        exectable.cross_chain_call_hash(1, bytes(19), 0, b"", ZERO20, 0)
    assert isinstance(e.value, ValueError)
    assert e.value.code == 301
    assert e.value.path == "targetAddress"
    assert e.value.offset is None


@pytest.mark.parametrize(
    "bad,family,code", [(-1, exectable.ArgumentError, 301), (2**256, exectable.ArgumentError, 301),
                        (True, exectable.ArgumentError, 301), (1.0, exectable.ArgumentError, 301),
                        ("0xzz", exectable.JsonError, 204), ("12a", exectable.JsonError, 204)]
)
def test_bad_uint_argument(bad, family, code):
    with pytest.raises(family) as e:
        exectable.cross_chain_call_hash(0, ZERO20, bad, b"", ZERO20, 0)
    assert e.value.path == "value"
    assert e.value.code == code


def test_unknown_struct_name():
    with pytest.raises(exectable.ArgumentError) as e:
        exectable.abi_decode("l1.Nope", b"")
    assert e.value.path == "name"


def test_unknown_selector():
    with pytest.raises(exectable.AbiError) as e:
        exectable.decode_calldata(b"\xde\xad\xbe\xef")
    assert e.value.code == 108


# --- verdicts: what an error means for the item a verification is about ---------------------------


def test_every_error_carries_cores_verdict_and_its_class():
    with pytest.raises(exectable.AbiError) as e:
        exectable.decode_calldata(b"\xde\xad\xbe\xef")
    err = e.value
    assert err.verdict == "cannotDecide" and isinstance(err, exectable.CannotDecideError)
    assert not isinstance(err, exectable.NotIncludedError)
    # Raised as a subclass of both, named as its family.
    assert type(err).__name__ == "AbiError" and type(err).__module__ == "exectable.errors"
    assert issubclass(type(err), exectable.AbiError) and issubclass(type(err), exectable.CannotDecideError)
    # Core's classification, through the native module, for codes of every family.
    native = exectable._native.verdict_of_code
    assert [native(c) for c in (101, 201, 301, 403, 405, 501, 507, 601, 602, 604)] == [
        "cannotDecide", "cannotDecide", "cannotDecide", "notIncluded", "cannotDecide",
        "notIncluded", "cannotDecide", "cannotDecide", "notIncluded", "notIncluded",
    ]
    # An error built in Python asks core too (no class join: only raised errors are joined).
    assert exectable.MembershipError("x", 604).verdict == "notIncluded"
    with pytest.raises(exectable.ArgumentError) as e:
        native(999)
    assert e.value.path == "code"


def test_verdict_classes_are_exectable_errors():
    for cls in (exectable.NotIncludedError, exectable.CannotDecideError):
        assert issubclass(cls, exectable.ExectableError) and issubclass(cls, ValueError)


def test_raised_errors_pickle_with_their_classes():
    for blob in (b"\xde\xad\xbe\xef", "0xzz"):
        with pytest.raises(exectable.ExectableError) as e:
            exectable.decode_calldata(blob)
        err = e.value
        err.index = 3
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err) and str(back) == str(err)
        assert (back.code, back.path, back.offset, back.index, back.verdict) == (
            err.code, err.path, err.offset, 3, err.verdict)
    plain = exectable.ProofError("x", 403, "proof", 7)
    back = pickle.loads(pickle.dumps(plain))
    assert type(back) is exectable.ProofError and (back.code, back.path, back.offset) == (403, "proof", 7)
