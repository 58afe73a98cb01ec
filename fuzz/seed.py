#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, generated from the vector files (python3 stdlib only).

    python3 fuzz/seed.py OUT_DIR            # writes OUT_DIR/<target>/<sha1 of the seed>

Every seed is cut from vectors/*.json (and vectors/demo, vectors/ocp, vectors/traces) in the
input format of its target (fuzz/fuzz_targets/<target>.rs documents each), plus a few hand-made
edge cases, plus the inputs of fuzz/regressions/*.json. Existing files are kept, so a corpus
grown by earlier runs stays. Prints the number of seeds per target.
"""

import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = ROOT / "vectors"

# types::StructKind::ALL order (core/src/types/mod.rs).
KINDS = [
    "l1.StateDelta", "l1.L2ToL1Call", "l1.ExpectedL1ToL2Call", "l1.ExpectedLookup", "l1.ExecutionEntry",
    "l1.ExpectedStateRootPerRollup", "l1.LookupCall", "l1.RollupIdWithProofSystems",
    "l1.ProofSystemBatchPerVerificationEntries", "l2.CrossChainCall", "l2.ExpectedOutgoingCrossChainCall",
    "l2.ExpectedLookup", "l2.ExecutionEntry", "l2.LookupCall",
]
KIND = {name: i for i, name in enumerate(KINDS)}

# Larger seeds are left out: libFuzzer's -max_len defaults to the largest seed, and long inputs
# make every mutation slower (the few vector cases above this are whole e2e scenarios / batches).
MAX_SEED = 64 * 1024

# Nested struct members by side: member name → kind.
L1_MEMBERS = {
    "stateDeltas": "l1.StateDelta", "l2ToL1Calls": "l1.L2ToL1Call", "expectedL1ToL2Calls": "l1.ExpectedL1ToL2Call",
    "expectedLookups": "l1.ExpectedLookup", "expectedStateRoots": "l1.ExpectedStateRootPerRollup",
    "rollupIdsWithProofSystems": "l1.RollupIdWithProofSystems", "entries": "l1.ExecutionEntry",
    "l1ToL2lookupCalls": "l1.LookupCall",
}
L2_MEMBERS = {
    "incomingCalls": "l2.CrossChainCall", "expectedOutgoingCalls": "l2.ExpectedOutgoingCrossChainCall",
    "expectedLookups": "l2.ExpectedLookup",
}

# json_values selectors (fuzz_targets/json_values.rs).
JV = {
    "u256": 0, "u64": 1, "i256": 2, "address": 3, "b256": 4, "bytes": 5, "u256s": 6, "bool": 7, "call": 8,
    "l1event": 9, "l2event": 10, "error": 11, "step": 12, "steps": 13, "trace": 14, "iteration": 15,
    "inner": 16, "lookup": 17, "record": 18, "expected": 19, "proof": 20, "item": 21, "anyitem": 22,
    "query": 23, "rollup": 24, "consumption": 25, "l2consumption": 26, "prestate": 27, "callinput": 28,
    "outcome": 29, "table": 30, "text": 31,
}


def text(value):
    return json.dumps(value, separators=(",", ":")).encode()


def unhex(s):
    return bytes.fromhex(s[2:] if s.startswith(("0x", "0X")) else s)


class Corpus:
    def __init__(self):
        self.seeds = {}

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode()
        self.seeds.setdefault(target, set()).add(bytes(data))

    def struct(self, kind, value):
        """Seeds struct_json with `value` and every nested struct inside it."""
        self.add("struct_json", bytes([KIND[kind]]) + text(value))
        members = L2_MEMBERS if kind.startswith("l2.") else L1_MEMBERS
        if isinstance(value, dict):
            for name, inner in value.items():
                if name in members and isinstance(inner, list):
                    for item in inner[:3]:
                        self.struct(members[name], item)

    def write(self, out):
        for target, seeds in sorted(self.seeds.items()):
            d = out / target
            d.mkdir(parents=True, exist_ok=True)
            kept = [seed for seed in seeds if len(seed) <= MAX_SEED]
            for seed in kept:
                (d / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
            print(f"{target}: {len(kept)} seeds ({len(seeds) - len(kept)} over {MAX_SEED} bytes left out)")


def cases(name):
    path = VECTORS / name
    return json.loads(path.read_text())["cases"] if path.exists() else []


def public_vectors(c):
    for case in cases("eez-v1-public.json"):
        kind, inputs, expected = case["kind"], case["inputs"], case.get("expected") or {}
        c.add("conformance_case", text(case))
        if kind in ("l1EntryEncoding", "l2EntryEncoding", "l1LookupCallEncoding", "l2LookupCallEncoding"):
            side = "l1" if kind.startswith("l1") else "l2"
            member = "entry" if "Entry" in kind else "lookupCall"
            struct = f"{side}.ExecutionEntry" if member == "entry" else f"{side}.LookupCall"
            c.add("abi_struct", bytes([KIND[struct]]) + unhex(expected["abiEncoded"]))
            c.struct(struct, inputs[member])
            if side == "l1" and member == "entry":
                c.add("preflight", text({"entry": inputs[member], "preState": {"rollups": []},
                                         "consumption": "immediate", "trace": {"calls": []}}))
            if side == "l2" and member == "entry":
                c.add("preflight", text({"side": "l2", "entries": [inputs[member]],
                                         "consumption": {"proxyCall": {"crossChainCallHash": "0x" + "00" * 32}},
                                         "trace": {"calls": []}}))
        elif kind == "batchCalldata":
            calldata = unhex(expected["calldata"])
            c.add("manager_calldata", calldata)
            c.add("manager_calldata_evm", calldata)
            c.add("manager_calldata_evm", calldata + bytes(32))
            c.add("abi_struct", bytes([KIND["l1.ProofSystemBatchPerVerificationEntries"]]) + calldata[4:])
            c.add("ocp_table", b"\x00" + calldata[4:])
            c.add("ocp_table", b"\x02" + expected["calldata"].encode())
            c.add("validate", b"\x00" + calldata)
            c.add("validate", b"\x01" + text(inputs["batch"]))
            c.struct("l1.ProofSystemBatchPerVerificationEntries", inputs["batch"])
            c.add("json_values", bytes([JV["call"]]) + text(
                {"function": "postAndVerifyBatch", "args": {"batch": inputs["batch"]}}))
            c.add("json_values", bytes([JV["table"]]) + text({"l1Batch": inputs["batch"]}))
            c.add("json_values", bytes([JV["text"]]) + expected["calldata"].encode())
            c.add("commitment", text({"batch": inputs["batch"]}))
        elif kind == "publicInputsHash":
            c.add("public_inputs", text(case))
            c.add("public_inputs", text(inputs))
            c.add("manager_calldata", unhex(expected["postAndVerifyBatchCalldata"]))
            for rollup in inputs.get("rollups", [])[:2]:
                c.add("json_values", bytes([JV["rollup"]]) + text(rollup))
        elif kind == "crossChainCallHash":
            c.add("json_values", bytes([JV["callinput"]]) + text(inputs))
        elif kind == "rollingHash":
            steps = inputs.get("steps", [])
            c.add("json_values", bytes([JV["steps"]]) + text(steps))
            for step in steps[:4]:
                c.add("json_values", bytes([JV["step"]]) + text(step))
        elif kind == "e2eScenario":
            for ev in expected.get("consumerEvents", []):
                side = "l2event" if "L2" in ev.get("contract", "") else "l1event"
                c.add("json_values", bytes([JV[side]]) + text({"event": ev["event"], "args": ev["args"]}))
            for m in expected.get("mutations", []):
                revert = m.get("consumerRevert")
                if revert and revert.get("selector"):
                    c.add("revert_data", unhex(revert["selector"]))
                    c.add("json_values", bytes([JV["error"]]) + text(
                        {"error": revert["name"], "selector": revert["selector"], "args": {}}))
                if m.get("mutatedEntry"):
                    c.struct("l1.ExecutionEntry", m["mutatedEntry"])


def commitment_vectors(c):
    for case in cases("exectable-commitments.json"):
        kind, inputs, expected = case["kind"], case["inputs"], case.get("expected") or {}
        c.add("conformance_case", text(case))
        if kind == "tableCommitment":
            c.add("commitment", text(inputs))
            if "tableCommitment" in expected:
                c.add("commitment", text(expected["tableCommitment"]))
                c.add("json_values", bytes([JV["record"]]) + text(expected["tableCommitment"]))
        elif kind == "inclusionProof":
            c.add("proof_binary", unhex(expected["proof"]))
            c.add("proof_json", text(expected["proofJson"]))
            c.add("json_values", bytes([JV["proof"]]) + text(expected["proofJson"]))
            commitment = expected["tableCommitment"]
            for claim in (commitment["commitment"], commitment):
                c.add("proof_verify", text({"commitment": claim, "proof": expected["proof"], "items": inputs["items"]}))
            c.add("proof_verify", text(
                {"commitment": commitment["commitment"], "proof": expected["proofJson"], "items": inputs["items"]}))
            for item in inputs["items"][:2]:
                c.add("json_values", bytes([JV["item"]]) + text(item))
                c.add("json_values", bytes([JV["anyitem"]]) + text(item))
        elif kind == "inclusionProofTampered":
            c.add("proof_verify", text(inputs))
            c.add("json_values", bytes([JV["expected"]]) + text(inputs["commitment"]))
            if isinstance(inputs["proof"], str):
                c.add("proof_binary", unhex(inputs["proof"]))
            else:
                c.add("proof_json", text(inputs["proof"]))


def membership_vectors(c):
    for case in cases("exectable-membership.json"):
        inputs = case["inputs"]
        c.add("conformance_case", text(case))
        c.add("membership", text(inputs))
        c.add("manager_calldata", unhex(inputs["txInput"]))
        c.add("manager_calldata_evm", unhex(inputs["txInput"]))
        receipts = [inputs["receipt"]] + inputs.get("laterReceipts", [])
        for receipt in receipts:
            c.add("receipt_json", text(receipt))
            for log in receipt.get("logs", []):
                topics = [unhex(t) for t in log.get("topics", [])][:4]
                c.add("event_log", bytes([len(topics) << 1]) + b"".join(topics) + unhex(log.get("data", "0x")))
        if "query" in inputs:
            c.add("json_values", bytes([JV["query"]]) + text(inputs["query"]))


def ocp_vectors(c):
    for case in cases("exectable-ocp.json"):
        inputs, expected = case["inputs"], case.get("expected") or {}
        c.add("conformance_case", text(case))
        if "artifact" in inputs:
            c.add("ocp_artifact", text(inputs["artifact"]))
            c.add("ocp_verify", text(inputs))
            if "receipt" in inputs:
                c.add("receipt_json", text(inputs["receipt"]))
        if isinstance(expected.get("artifact"), dict):
            c.add("ocp_artifact", text(expected["artifact"]))
        table = inputs.get("observation", {}).get("table")
        if table is not None:
            c.add("json_values", bytes([JV["table"]]) + text(table))
            c.add("ocp_table", b"\x02" + text(table))
    for path in sorted((VECTORS / "ocp").glob("*.json")):
        if "schema" not in path.name:
            c.add("ocp_artifact", path.read_bytes())


def files(c):
    demo = VECTORS / "demo" / "postAndVerifyBatch-006.hex"
    if demo.exists():
        hex_text = demo.read_text().strip()
        c.add("manager_calldata", unhex(hex_text))
        c.add("manager_calldata_evm", unhex(hex_text))
        c.add("validate", b"\x00" + unhex(hex_text))
        c.add("json_values", bytes([JV["text"]]) + hex_text.encode())
        c.add("ocp_table", b"\x02" + hex_text.encode())
    for path in sorted((VECTORS / "traces").glob("*.json")):
        trace = json.loads(path.read_text())
        c.add("replay_trace", text(trace))
        c.add("json_values", bytes([JV["trace"]]) + text(trace))
        for call in trace.get("calls", [])[:3]:
            c.add("json_values", bytes([JV["iteration"]]) + text(call))
        c.add("preflight", text({"entry": {}, "preState": {"rollups": []}, "consumption": "immediate", "trace": trace}))


def hand_made(c):
    for sel, values in [
        ("u256", ["0x0", "0x1f", "31", 31, "0x" + "f" * 64, "0X00ff"]),
        ("u64", ["0xffffffffffffffff", "18446744073709551616"]),
        ("i256", ["-1", "0x" + "f" * 64, "0x7f"]),
        ("address", ["0x" + "00" * 20, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"]),
        ("b256", ["0x" + "ab" * 32]), ("bytes", ["0x", "0xA1b2"]), ("u256s", [["0x1", "2"]]), ("bool", [True]),
        ("consumption", ["immediate", {"proxyCall": {"crossChainCallHash": "0x" + "11" * 32, "value": "0x1",
                                                      "rollupId": "0x1", "transient": True}},
                         {"executeL2TX": {"rollupId": "0x2"}}]),
        ("l2consumption", [{"proxyCall": {"crossChainCallHash": "0x" + "00" * 32}}]),
        ("prestate", [{"rollups": [{"rollupId": "0x1", "stateRoot": "0x" + "22" * 32, "etherBalance": "0x0"}]}]),
        ("outcome", [{"success": True, "retData": "0x01"}]),
        ("query", [{"entryHash": "0x" + "33" * 32}, {"proxyEntryHash": "0x" + "44" * 32}]),
    ]:
        for v in values:
            c.add("json_values", bytes([JV[sel]]) + text(v))
    # Panic(0x32) and Error("x") revert data.
    c.add("revert_data", unhex("0x4e487b71") + (0x32).to_bytes(32, "big"))
    c.add("revert_data", unhex("0x08c379a0") + (32).to_bytes(32, "big") + (1).to_bytes(32, "big") + b"x" + bytes(31))
    # commit_prove_verify: E, L, item seeds, index mask, tamper, bit.
    for e, l in [(1, 0), (0, 1), (3, 2), (5, 5), (19, 19), (2, 7)]:
        n = e + l
        c.add("commit_prove_verify", bytes([e, l]) + bytes((0x80 | i) if i % 3 else i % 8 for i in range(n))
              + bytes([0x5a]) * ((n + 7) // 8) + bytes([e + l, 77]))
    c.add("ocp_table", b"\x03" + text({"entries": [], "lookupCalls": []}))
    c.add("ocp_verify", text({"artifact": {"ocp": "1.0"}, "observation": {"utf8": ""}}))


def regressions(c):
    for path in sorted((ROOT / "fuzz" / "regressions").glob("*.json")):
        case = json.loads(path.read_text())
        c.add(case["target"], unhex(case["inputHex"]))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    c = Corpus()
    public_vectors(c)
    commitment_vectors(c)
    membership_vectors(c)
    ocp_vectors(c)
    files(c)
    hand_made(c)
    regressions(c)
    c.write(pathlib.Path(sys.argv[1]))


if __name__ == "__main__":
    main()
