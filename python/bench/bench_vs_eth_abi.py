"""Benchmark: exectable's wheel against the eth-abi + pycryptodome way of auditing a batch.

The batch has the shape of the Go benchmark's fixture (go-example/bench/fixture.go): 1,000
entries, each with one state delta and two ERC-20-transfer-sized L1 calls, a reentrant call in
every fourth entry and a static lookup in every tenth; ten top-level lookups. Both sides start
from the same calldata and must produce the same values (checked before timing).

Tasks, each timed as the best of ``--repeat`` runs (time.perf_counter):
  decode       postAndVerifyBatch calldata → batch (eth_abi.decode vs exectable.decode_calldata)
  decode+read  the same, then every entry object materialised (``batch.entries``)
  hash         entry hashes from decoded entries (eth_abi.encode + keccak vs batch.entry_hashes),
               exectable on one thread and on every core (the GIL is released)
  decode_many  64 batch calldata blobs of 50 entries (a loop of eth_abi.decode vs decode_many)

Usage: python bench_vs_eth_abi.py [--entries N] [--repeat R] [--markdown]
``--entries 20 --repeat 1`` is the smoke run of ``make test``: it checks both sides agree.
"""

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))

import eth_abi  # noqa: E402
from eth_abi_ref import BATCH, ENTRY_L1, keccak256  # noqa: E402

import exectable  # noqa: E402
from exectable import l1  # noqa: E402

SELECTOR = bytes.fromhex("8b1a095a")


def fixture_batch(entries, seed=1):
    """The Go benchmark's batch shape, as exectable objects."""
    r = random.Random(seed)
    word = lambda: r.randbytes(32)  # noqa: E731
    addr = lambda: r.randbytes(20)  # noqa: E731

    def call(rollup):
        return l1.L2ToL1Call(
            targetAddress=addr(),
            data=bytes.fromhex("a9059cbb") + r.randbytes(64),
            sourceAddress=addr(),
            sourceRollupId=rollup,
        )

    items = []
    for i in range(entries):
        dest = i % 3 + 1
        items.append(
            l1.ExecutionEntry(
                stateDeltas=[
                    l1.StateDelta(rollupId=dest, currentState=word(), newState=word(), etherDelta=r.randrange(10**18))
                ],
                proxyEntryHash=word(),
                destinationRollupId=dest,
                l2ToL1Calls=[call(dest), call(dest)],
                expectedL1ToL2Calls=(
                    [l1.ExpectedL1ToL2Call(crossChainCallHash=word(), callCount=1, returnData=r.randbytes(32))]
                    if i % 4 == 0
                    else []
                ),
                expectedLookups=(
                    [l1.ExpectedLookup(crossChainCallHash=word(), returnData=r.randbytes(32), l2ToL1CallNumber=1)]
                    if i % 10 == 0
                    else []
                ),
                callCount=2,
                returnData=r.randbytes(32),
                rollingHash=word(),
            )
        )
    lookups = [
        l1.LookupCall(
            crossChainCallHash=word(),
            destinationRollupId=i % 3 + 1,
            returnData=r.randbytes(32),
            expectedStateRoots=[l1.ExpectedStateRootPerRollup(rollupId=i % 3 + 1, stateRoot=word())],
        )
        for i in range(10)
    ]
    return l1.Batch(
        entries=items,
        l1ToL2lookupCalls=lookups,
        proofSystems=[bytes.fromhex("10" + "00" * 18 + "01"), bytes.fromhex("20" + "00" * 18 + "02")],
        rollupIdsWithProofSystems=[
            l1.RollupIdWithProofSystems(rollupId=1, proofSystemIndex=[0]),
            l1.RollupIdWithProofSystems(rollupId=2, proofSystemIndex=[0, 1]),
            l1.RollupIdWithProofSystems(rollupId=3, proofSystemIndex=[1]),
        ],
        crossProofSystemInteractions=word(),
        callData=r.randbytes(128),
        proofs=[r.randbytes(256), r.randbytes(256)],
        blockNumber=21_000_000,
    )


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def run(entries, repeat):
    batch = fixture_batch(entries)
    calldata = exectable.ManagerCall("postAndVerifyBatch", batch=batch).encode()

    # Both sides agree before anything is timed.
    (ref_batch,) = eth_abi.decode([BATCH], calldata[4:])
    assert eth_abi.encode([BATCH], [ref_batch]) == calldata[4:], "eth_abi does not round-trip the calldata"
    ref_hashes = [keccak256(eth_abi.encode([ENTRY_L1], [e])) for e in ref_batch[0]]
    decoded = exectable.decode_calldata(calldata).batch
    assert decoded == batch and decoded.entry_hashes() == ref_hashes == [e.hash() for e in batch.entries]
    blobs = [
        exectable.ManagerCall("postAndVerifyBatch", batch=fixture_batch(max(1, entries // 20), seed=s)).encode()
        for s in range(64)
    ]
    assert [c.batch for c in exectable.decode_many(blobs)] == [
        exectable.decode_calldata(b).batch for b in blobs
    ]
    cores = os.cpu_count() or 1

    rows = []

    def pair(task, reference, ours, note=""):
        t_ref = best(reference, max(1, repeat // 3))
        t_ours = best(ours, repeat)
        rows.append((task, t_ref, t_ours, t_ref / t_ours, note))

    pair("decode batch calldata", lambda: eth_abi.decode([BATCH], calldata[4:]), lambda: exectable.decode_calldata(calldata))
    pair(
        "decode + read every entry",
        lambda: eth_abi.decode([BATCH], calldata[4:])[0][0],
        lambda: exectable.decode_calldata(calldata).batch.entries,
    )
    pair(
        "hash entries (1 thread)",
        lambda: [keccak256(eth_abi.encode([ENTRY_L1], [e])) for e in ref_batch[0]],
        lambda: decoded.entry_hashes(threads=1),
    )
    pair(
        f"hash entries (all {cores} cores)",
        lambda: [keccak256(eth_abi.encode([ENTRY_L1], [e])) for e in ref_batch[0]],
        lambda: decoded.entry_hashes(),
        "GIL released",
    )
    pair(
        "decode + hash from calldata (1 thread)",
        lambda: [keccak256(eth_abi.encode([ENTRY_L1], [e])) for e in eth_abi.decode([BATCH], calldata[4:])[0][0]],
        lambda: exectable.decode_calldata(calldata).batch.entry_hashes(threads=1),
    )
    pair(
        "decode_many 64 blobs (1 thread)",
        lambda: [eth_abi.decode([BATCH], b[4:]) for b in blobs],
        lambda: exectable.decode_many(blobs, threads=1),
    )
    pair(
        f"decode_many 64 blobs (all {cores} cores)",
        lambda: [eth_abi.decode([BATCH], b[4:]) for b in blobs],
        lambda: exectable.decode_many(blobs),
        "GIL released",
    )
    return len(calldata), rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--markdown", action="store_true", help="print the docs/PERFORMANCE.md table")
    args = parser.parse_args()
    size, rows = run(args.entries, args.repeat)
    print(f"batch of {args.entries} entries, {size} bytes of calldata; eth-abi {eth_abi.__version__ if hasattr(eth_abi, '__version__') else ''}")
    if args.markdown:
        print("| task | eth-abi + pycryptodome | exectable | ratio | |")
        print("|---|---:|---:|---:|---|")
        for task, t_ref, t_ours, ratio, note in rows:
            print(f"| {task} | {t_ref * 1e3:.1f} ms | {t_ours * 1e3:.2f} ms | {ratio:.0f}× | {note} |")
    else:
        for task, t_ref, t_ours, ratio, note in rows:
            print(f"{task:40s} ref {t_ref * 1e3:9.2f} ms  exectable {t_ours * 1e3:8.3f} ms  {ratio:6.1f}x  {note}")


if __name__ == "__main__":
    main()
