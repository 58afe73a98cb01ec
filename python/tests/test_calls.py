"""Manager calldata: decode_calldata by selector (evm and strict modes), the ManagerCall class and
its layout, decode_many."""

import dataclasses
import json
import pathlib
import pickle
import threading

import pytest

import exectable
from exectable import l1, l2

DEMO = pathlib.Path(__file__).resolve().parents[2] / "vectors" / "demo" / "postAndVerifyBatch-006.hex"


def h(text):
    return bytes.fromhex(text[2:])


def every_calldata(public_cases):
    """Every calldata blob of the golden vectors with its expected call JSON."""
    out = [(h(c["expected"]["calldata"]), {"function": "postAndVerifyBatch", "args": {"batch": c["inputs"]["batch"]}})
           for c in public_cases["batchCalldata"]]
    assert out
    return out


def test_decode_every_vector_batch(public_cases):
    for calldata, expected in every_calldata(public_cases):
        call = exectable.decode_calldata(calldata)
        assert call == exectable.decode_calldata("0x" + calldata.hex())
        assert call.function == "postAndVerifyBatch" and call.selector == bytes.fromhex("8b1a095a")
        assert call.signature.startswith("postAndVerifyBatch((") and call.signature.endswith("uint64))")
        assert exectable.keccak256(call.signature.encode())[:4] == call.selector
        assert isinstance(call.batch, l1.Batch) and list(call.args) == ["batch"]
        assert json.loads(call.to_json())["args"] == expected["args"]
        assert exectable.ManagerCall.from_json(call.to_json()) == call
        assert exectable.ManagerCall.from_dict(call.to_dict()) == call
        assert exectable.ManagerCall.from_dict(expected) == call
        assert exectable.ManagerCall("postAndVerifyBatch", batch=call.batch) == call
        assert call.encode() == calldata == exectable.encode_calldata(call) == exectable.encode_calldata(expected)
        assert pickle.loads(pickle.dumps(call)) == call


def test_demo_batch_decodes_and_hashes():
    calldata = bytes.fromhex(DEMO.read_text().strip().removeprefix("0x"))
    batch = exectable.decode_calldata(calldata).batch
    assert batch is not None and len(batch.entries) > 0
    assert batch.entry_hashes() == [e.hash() for e in batch.entries] == exectable.entry_hashes(batch.entries)
    assert batch.lookup_call_hashes() == [x.hash() for x in batch.l1ToL2lookupCalls]


def test_every_manager_function_round_trips():
    entries = [l2.ExecutionEntry(proxyEntryHash=b"\x01" * 32, incomingCalls=[l2.CrossChainCall(value=3)])]
    lookups = [l2.LookupCall(failed=True)]
    calls = [
        exectable.ManagerCall("postAndVerifyBatch", batch=l1.Batch(blockNumber=7)),
        exectable.ManagerCall("loadExecutionTable", entries=entries, _lookupCalls=lookups),
        exectable.ManagerCall("executeIncomingCrossChainCall", destination=b"\x02" * 20, value=1, data=b"\x01",
                              sourceAddress=b"\x03" * 20, sourceRollup=4, entries=entries, _lookupCalls=lookups),
        exectable.ManagerCall("executeCrossChainCall", sourceAddress=b"\x04" * 20, callData=b"\xde\xad"),
        exectable.ManagerCall("staticCallLookup", sourceAddress=b"\x04" * 20, callData=b""),
        exectable.ManagerCall("executeL2TX", rollupId=9),
        exectable.ManagerCall("computeCrossChainCallHash", targetRollupId=1, targetAddress=bytes(20), value=0,
                              data=b"", sourceAddress=bytes(20), sourceRollupId=0),
        exectable.ManagerCall("computeCrossChainProxyAddress", originalAddress=bytes(20), originalRollupId=1),
        exectable.ManagerCall("createCrossChainProxy", originalAddress=bytes(20), originalRollupId=1),
        exectable.ManagerCall("registerRollup", rollupContract=b"\x05" * 20, initialState=b"\x06" * 32),
        exectable.ManagerCall("setStateRoot", rollupId=1, newStateRoot=b"\x07" * 32),
        exectable.ManagerCall("attemptApplyImmediate", transientIdx=3),
        exectable.ManagerCall("executeInContextAndRevert", callCount=2),
    ]
    assert len({c.function for c in calls}) == 13
    for call in calls:
        data = call.encode()
        assert data[:4] == call.selector
        back = exectable.decode_calldata(data)
        assert back == call and back.args == call.args and back.function == call.function
        assert repr(back).startswith(f"ManagerCall({call.function}, ")
    assert calls[1].args["entries"] == entries and calls[1].batch is None
    assert calls[2].args["value"] == 1 and calls[2].args["destination"] == b"\x02" * 20


def test_calldata_errors():
    with pytest.raises(exectable.AbiError) as e:
        exectable.decode_calldata(b"\x8b\x1a\x09")
    assert e.value.code in (101, 107)
    with pytest.raises(exectable.AbiError) as e:
        exectable.decode_calldata(b"\xde\xad\xbe\xef")
    assert e.value.code == 108 and "0xdeadbeef" in str(e.value)
    with pytest.raises(exectable.JsonError):
        exectable.decode_calldata("0x8b1a0")
    with pytest.raises(exectable.ArgumentError) as e:
        exectable.ManagerCall("nope")
    assert e.value.path == "function"
    with pytest.raises(TypeError):
        exectable.ManagerCall("executeL2TX", rollup=1)
    with pytest.raises(exectable.JsonError) as e:
        exectable.ManagerCall.from_dict({"function": "executeL2TX", "args": {}})
    assert e.value.path == "args.rollupId"
    with pytest.raises(exectable.ArgumentError) as e:
        exectable.ManagerCall.from_dict({"function": "executeL2TX", "args": {"rollupId": 1}, "selector": b"1234"})
    assert e.value.path == "selector"
    good = {"function": "executeL2TX", "args": {"rollupId": 1}, "selector": exectable.ManagerCall("executeL2TX", rollupId=1).selector}
    assert exectable.ManagerCall.from_dict(good).args == {"rollupId": 1}


def test_decode_many_matches_decode_calldata(public_cases):
    blobs = [c for c, _ in every_calldata(public_cases)] * 40
    for threads in (None, 1, 2, 7):
        calls = exectable.decode_many(blobs, threads=threads)
        assert calls == [exectable.decode_calldata(b) for b in blobs]
    assert exectable.decode_many([]) == []
    assert exectable.decode_many(iter(["0x" + blobs[0].hex()])) == [exectable.decode_calldata(blobs[0])]


def test_decode_many_errors(public_cases):
    good = every_calldata(public_cases)[0][0]
    blobs = [good, b"\xde\xad\xbe\xef", good[:-1], "0xzz", 5, good]
    with pytest.raises(exectable.AbiError) as e:
        exectable.decode_many(blobs)
    assert e.value.index == 1 and e.value.code == 108
    out = exectable.decode_many(blobs, errors="return")
    assert out[0] == out[5] == exectable.decode_calldata(good)
    assert [type(x).__name__ for x in out[1:5]] == ["AbiError", "AbiError", "JsonError", "ArgumentError"]
    assert [x.index for x in out[1:5]] == [1, 2, 3, 4]
    assert out[4].path == "blobs[4]"
    with pytest.raises(exectable.ArgumentError) as e:
        exectable.decode_many(blobs, errors="ignore")  # type: ignore[call-overload]
    assert e.value.path == "errors"


def test_decode_many_runs_with_the_gil_released(public_cases):
    # Python threads calling decode_many and entry_hashes concurrently all get the same answers.
    blobs = [c for c, _ in every_calldata(public_cases)] * 50
    expected = [exectable.decode_calldata(b) for b in blobs]
    hashes = [c.batch.entry_hashes() for c in expected]
    results, errors = [], []

    def work():
        try:
            calls = exectable.decode_many(blobs)
            results.append(calls == expected and [c.batch.entry_hashes(threads=2) for c in calls] == hashes)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and results == [True] * 8


# --- evm and strict decoding: what the contract accepts, and the layout it was sent in ------------


def test_canonical_calldata_is_canonical_in_both_modes(public_cases):
    for calldata, _ in every_calldata(public_cases):
        evm, strict = exectable.decode_calldata(calldata), exectable.decode_calldata(calldata, mode="strict")
        assert evm == strict == exectable.decode_calldata(calldata, mode="evm")
        assert evm.layout == strict.layout == exectable.Layout(canonical=True)
        assert evm.layout.deviation is None and evm.layout.to_dict() == {"canonical": True}
    # A call built from values has no input: it is canonical.
    assert exectable.ManagerCall("executeL2TX", rollupId=1).layout.canonical is True


def test_trailing_bytes_are_accepted_in_evm_mode_and_refused_strictly(public_cases):
    for calldata, _ in every_calldata(public_cases):
        padded = calldata + bytes(32)
        call = exectable.decode_calldata(padded)
        canonical = exectable.decode_calldata(calldata)
        # The values the contract reads: the same call, the same entry hashes, the canonical bytes.
        assert call == canonical and call.encode() == calldata
        assert call.batch.entry_hashes() == canonical.batch.entry_hashes()
        layout = call.layout
        assert layout.canonical is False and isinstance(layout.deviation, exectable.Deviation)
        d = layout.deviation
        assert (d.kind, d.path, d.offset) == ("trailingBytes", "$", len(calldata))
        assert "trailing" in d.message
        assert layout.to_dict() == {
            "canonical": False,
            "deviation": {"path": "$", "offset": len(calldata), "kind": "trailingBytes", "message": d.message},
        }
        with pytest.raises(exectable.AbiError) as e:
            exectable.decode_calldata(padded, mode="strict")
        assert (e.value.code, e.value.offset, e.value.verdict) == (106, len(calldata), "cannotDecide")
        # decode_many reads the same way, blob by blob.
        many = exectable.decode_many([padded, calldata])
        assert many == [call, canonical] and [c.layout.canonical for c in many] == [False, True]
        out = exectable.decode_many([padded, calldata], mode="strict", errors="return")
        assert isinstance(out[0], exectable.AbiError) and out[0].code == 106 and out[1] == canonical


def test_layout_objects_are_immutable_values(public_cases):
    calldata = every_calldata(public_cases)[0][0]
    layout = exectable.decode_calldata(calldata + bytes(32)).layout
    with pytest.raises(dataclasses.FrozenInstanceError):
        layout.canonical = True  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(layout)) == layout and hash(layout) == hash(pickle.loads(pickle.dumps(layout)))
    assert exectable.Layout.from_json({"canonical": False, "deviation": {
        "path": "$", "offset": hex(len(calldata)), "kind": "trailingBytes", "message": layout.deviation.message}}) == layout
    # A pickled call keeps its values; the layout belongs to the input it was read from.
    call = exectable.decode_calldata(calldata + bytes(32))
    assert pickle.loads(pickle.dumps(call)) == call


def test_the_contracts_rejections_in_evm_mode(public_cases):
    calldata = every_calldata(public_cases)[0][0]
    # The batch's head does not fit: the contract's decoder reverts (101) and says where.
    with pytest.raises(exectable.AbiError) as e:
        exectable.decode_calldata(calldata[:40])
    assert e.value.code == 101 and e.value.path == "batch" and "contract's ABI decoder" in str(e.value)
    # The parameter offset above 2^64 - 1 (102).
    with pytest.raises(exectable.AbiError) as e:
        exectable.decode_calldata(calldata[:4] + b"\x01" + calldata[5:])
    assert e.value.code == 102 and e.value.offset == 4


def test_unknown_mode():
    for fn in (lambda: exectable.decode_calldata(b"\x00" * 4, mode="lenient"),  # type: ignore[arg-type]
               lambda: exectable.decode_many([], mode="lenient")):  # type: ignore[call-overload]
        with pytest.raises(exectable.ArgumentError) as e:
            fn()
        assert e.value.path == "mode" and "lenient" in str(e.value)
