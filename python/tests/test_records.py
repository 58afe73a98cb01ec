"""Analyst views: batch.to_records(table) and batch.entries_frame(table)."""

import pathlib
import sys

import pytest

import exectable
from exectable import l1

DEMO = pathlib.Path(__file__).resolve().parents[2] / "vectors" / "demo" / "postAndVerifyBatch-006.hex"


def sample_batch():
    call = lambda i: l1.L2ToL1Call(targetAddress=bytes([i]) * 20, value=i, data=bytes([i]), sourceRollupId=i)  # noqa: E731
    entries = [
        l1.ExecutionEntry(
            destinationRollupId=1 + i % 2,
            stateDeltas=[l1.StateDelta(rollupId=1 + i % 2, etherDelta=-i)],
            l2ToL1Calls=[call(i), call(i + 10)],
            expectedL1ToL2Calls=[l1.ExpectedL1ToL2Call(callCount=i)] if i % 2 else [],
            expectedLookups=[l1.ExpectedLookup(failed=True, l2ToL1Calls=[call(1)])] if i == 2 else [],
            callCount=2,
        )
        for i in range(4)
    ]
    lookups = [l1.LookupCall(destinationRollupId=2, expectedStateRoots=[l1.ExpectedStateRootPerRollup(rollupId=2)])]
    return l1.Batch(entries=entries, l1ToL2lookupCalls=lookups, transientExecutionEntryCount=1)


def test_entries_table():
    batch = sample_batch()
    rows = batch.to_records()
    assert rows == batch.to_records("entries") and len(rows) == 4
    hashes = batch.entry_hashes()
    assert [r["entryIndex"] for r in rows] == [0, 1, 2, 3]
    assert [r["entryHash"] for r in rows] == hashes
    # Entry 0 is transient; the others are queued per destination rollup (2, 1, 2 → 0, 0, 1).
    assert [(r["placement"], r["queueIndex"]) for r in rows] == [
        ("transient", None), ("queued", 0), ("queued", 0), ("queued", 1)]
    assert rows[3]["destinationRollupId"] == 2 and rows[3]["l2ToL1CallCount"] == 2
    assert [r["expectedL1ToL2CallCount"] for r in rows] == [0, 1, 0, 1]
    assert [r["expectedLookupCount"] for r in rows] == [0, 0, 1, 0]


def test_child_tables():
    batch = sample_batch()
    hashes = batch.entry_hashes()
    deltas = batch.to_records("stateDeltas")
    assert [(r["entryIndex"], r["stateDeltaIndex"], r["etherDelta"]) for r in deltas] == [(i, 0, -i) for i in range(4)]
    calls = batch.to_records("l2ToL1Calls")
    assert len(calls) == 8 and [r["callIndex"] for r in calls] == [0, 1] * 4
    assert calls[5]["entryHash"] == hashes[2] and calls[5]["value"] == 12 and calls[5]["data"] == bytes([12])
    assert calls[5]["targetAddress"] == bytes([12]) * 20
    reentrant = batch.to_records("expectedL1ToL2Calls")
    assert [(r["entryIndex"], r["callCount"]) for r in reentrant] == [(1, 1), (3, 3)]
    lookups = batch.to_records("expectedLookups")
    assert len(lookups) == 1 and lookups[0]["failed"] is True and lookups[0]["l2ToL1CallCount"] == 1
    top = batch.to_records("lookupCalls")
    assert top[0]["lookupCallHash"] == batch.lookup_call_hashes()[0]
    assert top[0]["placement"] == "queued" and top[0]["queueIndex"] == 0 and top[0]["expectedStateRootCount"] == 1


def test_unknown_table():
    with pytest.raises(exectable.ArgumentError) as e:
        sample_batch().to_records("calls")
    assert e.value.path == "table" and "l2ToL1Calls" in str(e.value)


def test_entries_frame_with_pandas():
    import pandas
    batch = exectable.decode_calldata(bytes.fromhex(DEMO.read_text().strip().removeprefix("0x"))).batch
    frame = batch.entries_frame()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["entryHash"]) == batch.entry_hashes()
    calls = batch.entries_frame("l2ToL1Calls")
    assert len(calls) == sum(len(e.l2ToL1Calls) for e in batch.entries)


def test_entries_frame_without_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(ImportError, match=r"exectable\[pandas\]"):
        sample_batch().entries_frame()
