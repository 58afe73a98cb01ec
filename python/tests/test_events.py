"""exectable.events: manager logs and revert data decoded through the Python API.

The reference is independent of exectable: logs and revert data are built here with ``eth_abi``
and ``Crypto.Hash.keccak`` from the Solidity declarations of the spec (§3, copied by hand), filled
with the arguments the golden vectors recorded on chain (e2eScenario events and reverts), sample
values for every other event and error, and the receipts of the membership vectors.
"""

import json
import pickle

import eth_abi
import pytest
from Crypto.Hash import keccak
from eth_abi.grammar import parse as parse_type

import exectable
from conftest import VECTOR_DIR
from exectable import events, l2

# §2.5 tuple strings (for ExecutionTableLoaded).
CALL = "(address,uint256,bytes,address,uint256,uint256)"
EXPCALL = "(bytes32,uint256,bytes)"
NLOOKUP = f"(bytes32,bytes,bool,uint64,uint64,uint64,{CALL}[],{EXPCALL}[],uint256,bytes32)"
ENTRY_L2 = f"(bytes32,{CALL}[],{EXPCALL}[],{NLOOKUP}[],uint256,bytes,bytes32)"

# §3 "Events": (type, name, indexed) in declaration order, per layer.
_SHARED = {
    "CrossChainCallExecuted": [
        ("bytes32", "crossChainCallHash", True),
        ("address", "proxy", True),
        ("address", "sourceAddress", False),
        ("bytes", "callData", False),
        ("uint256", "value", False),
    ],
    "CrossChainProxyCreated": [
        ("address", "proxy", True),
        ("address", "originalAddress", True),
        ("uint256", "originalRollupId", True),
    ],
}
SPEC_EVENTS = {
    "l1": {
        "BatchPosted": [("uint256", "rollupCount", True)],
        "CallResult": [
            ("uint256", "entryIndex", True),
            ("uint256", "l2ToL1CallNumber", True),
            ("bool", "success", False),
            ("bytes", "returnData", False),
        ],
        **_SHARED,
        "EntryExecuted": [
            ("uint256", "entryIndex", True),
            ("bytes32", "rollingHash", False),
            ("uint256", "l2ToL1CallsProcessed", False),
            ("uint256", "l1ToL2CallsConsumed", False),
        ],
        "ExecutionConsumed": [
            ("bytes32", "crossChainCallHash", True),
            ("uint256", "rollupId", True),
            ("uint256", "executionQueueIndex", True),
        ],
        "ImmediateEntrySkipped": [("uint256", "transientIdx", True), ("bytes", "revertData", False)],
        "L1ToL2CallConsumed": [
            ("uint256", "entryIndex", True),
            ("uint256", "l1ToL2CallNumber", True),
            ("bytes32", "crossChainCallHash", False),
            ("uint256", "callCount", False),
        ],
        "L1ToL2CallNotFound": [
            ("uint256", "entryIndex", True),
            ("bytes32", "crossChainCallHash", True),
            ("uint256", "currentL2ToL1Call", False),
            ("uint256", "lastL1ToL2CallConsumed", False),
        ],
        "L2ExecutionPerformed": [("uint256", "rollupId", True), ("bytes32", "newState", False)],
        "L2TXExecuted": [("uint256", "rollupId", True), ("uint256", "executionQueueIndex", True)],
        "RevertSpanExecuted": [
            ("uint256", "entryIndex", True),
            ("uint256", "startL2ToL1Call", False),
            ("uint256", "span", False),
        ],
        "RollupCreated": [
            ("uint256", "rollupId", True),
            ("address", "rollupContract", True),
            ("bytes32", "initialState", False),
        ],
        "StateUpdated": [("uint256", "rollupId", True), ("bytes32", "newStateRoot", False)],
    },
    "l2": {
        "CallResult": [
            ("uint256", "entryIndex", True),
            ("uint256", "callNumber", True),
            ("bool", "success", False),
            ("bytes", "returnData", False),
        ],
        **_SHARED,
        "EntryExecuted": [
            ("uint256", "entryIndex", True),
            ("bytes32", "rollingHash", False),
            ("uint256", "callsProcessed", False),
            ("uint256", "outgoingCallsConsumed", False),
        ],
        "ExecutionConsumed": [("bytes32", "crossChainCallHash", True), ("uint256", "executionIndex", True)],
        "ExecutionTableLoaded": [(f"{ENTRY_L2}[]", "entries", False)],
        "IncomingCrossChainCallExecuted": [
            ("bytes32", "crossChainCallHash", True),
            ("address", "destination", False),
            ("uint256", "value", False),
            ("bytes", "data", False),
            ("address", "sourceAddress", False),
            ("uint256", "sourceRollup", False),
        ],
        "OutgoingCallConsumed": [
            ("uint256", "entryIndex", True),
            ("uint256", "nestedNumber", True),
            ("bytes32", "crossChainCallHash", False),
            ("uint256", "callCount", False),
        ],
        "RevertSpanExecuted": [
            ("uint256", "entryIndex", True),
            ("uint256", "startCallNumber", False),
            ("uint256", "span", False),
        ],
    },
}

# §3 topic0 table.
SPEC_TOPIC0 = {
    ("l1", "BatchPosted"): "d6f8d71ce42a799b91f399271f4b0e91f85eb87fac7bb2cedd4b3a52fad36182",
    ("l1", "CallResult"): "6ab31fd4e1fedcfcbb1a56d82ca9c2aa41d65466dff790e7287a415348b75765",
    ("l1", "CrossChainCallExecuted"): "ad4275800b3b34f59dea39a4bd58ae171a852e3555a2ed1a6f9bad83eb6fb598",
    ("l1", "CrossChainProxyCreated"): "318838c0aec28d3eb1d3a48be7a8b2576548cde8922741021503e81b01a4c447",
    ("l1", "EntryExecuted"): "99403777f3e390813f268a6307c0cb1b1ae83271187473a2c07e34f81e4a2936",
    ("l1", "ExecutionConsumed"): "207e371295f3ff0efe443424ce128c96f8ecea6a25636fc38ad7c222c446699c",
    ("l1", "ImmediateEntrySkipped"): "62cc6fa8d0d1b1170559640dfa2d36932712a5d761c0924ea23aabf3b602cb3c",
    ("l1", "L1ToL2CallConsumed"): "42786c7bc78ade509acb090cd423789393469a0b9568926b50c1d1a716429385",
    ("l1", "L1ToL2CallNotFound"): "3d474b7eeb4e5781c45b3a258a838764eb041fbea2023a2607739b51bbf85586",
    ("l1", "L2ExecutionPerformed"): "0133f662c29e67eedfc9b53c0c1f657b30ebaf9748094d09fa4659d769dd4f78",
    ("l1", "L2TXExecuted"): "110e37308dbd81a8e4d42e316af40e7cf78577d19f52c170928664fe4a6a377f",
    ("l1", "RevertSpanExecuted"): "f805bc66587a02266edd3197dc8dc57351fa8ae0b55a1e75f270f70d80159a7c",
    ("l1", "RollupCreated"): "65aca4a0612183373cd8f999716ed850923221124a6c3b5c55b90e964cbe34d9",
    ("l1", "StateUpdated"): "3060356fe01e6782d366a741b8a2f65e53c64fefa69c21cf85ad79a846fd472e",
    ("l2", "CallResult"): "6ab31fd4e1fedcfcbb1a56d82ca9c2aa41d65466dff790e7287a415348b75765",
    ("l2", "CrossChainCallExecuted"): "ad4275800b3b34f59dea39a4bd58ae171a852e3555a2ed1a6f9bad83eb6fb598",
    ("l2", "CrossChainProxyCreated"): "318838c0aec28d3eb1d3a48be7a8b2576548cde8922741021503e81b01a4c447",
    ("l2", "EntryExecuted"): "99403777f3e390813f268a6307c0cb1b1ae83271187473a2c07e34f81e4a2936",
    ("l2", "ExecutionConsumed"): "3dceeacc8a13c778202e5ca05ce0e4c3c0ed24b80176b733146eccd9f997a564",
    ("l2", "ExecutionTableLoaded"): "21308ad7ef0fc59e2833a7359701342f27a35f3273aa2f83a37bf57a873ecc95",
    ("l2", "IncomingCrossChainCallExecuted"): "afa266cedf4da8643ef46a0fd533583cd38fe3762b2041b0ebdbd032594dece5",
    ("l2", "OutgoingCallConsumed"): "80513f7b9405af555758577842e50301e8c8903bc1d44d05f54075b4dd6fa001",
    ("l2", "RevertSpanExecuted"): "f805bc66587a02266edd3197dc8dc57351fa8ae0b55a1e75f270f70d80159a7c",
}

ORIGINS = {"EEZ", "EEZBase", "EEZL2", "Solidity", "Rollup", "Ownable", "ECDSA"}


def keccak256(data):
    return keccak.new(digest_bits=256, data=data).digest()


def unhex(text):
    return bytes.fromhex(text[2:])


def signature(name, fields):
    return f"{name}({','.join(t for t, _, _ in fields)})"


def to_abi(typ, value):
    """A JSON-edge value (0x-hex text, bool, positional list) as eth_abi takes it for ``typ``."""
    t = parse_type(typ) if isinstance(typ, str) else typ
    if t.is_array:
        return [to_abi(t.item_type, v) for v in value]
    if hasattr(t, "components"):
        return tuple(to_abi(c, v) for c, v in zip(t.components, value))
    if t.base in ("uint", "int"):
        return value if isinstance(value, int) else int(value, 16)
    if t.base == "bool":
        return value
    if t.base == "string":
        return value
    return unhex(value)  # address, bytesN, bytes


def raw_log(layer, name, args):
    """(topics, data) of event ``name`` with positional JSON-edge ``args``, built by eth_abi."""
    fields = SPEC_EVENTS[layer][name]
    topics = [keccak256(signature(name, fields).encode())]
    data_types, data_values = [], []
    for (typ, _, indexed), value in zip(fields, args):
        if indexed:
            topics.append(eth_abi.encode([typ], [to_abi(typ, value)]))
        else:
            data_types.append(typ)
            data_values.append(to_abi(typ, value))
    return topics, eth_abi.encode(data_types, data_values)


def expected_value(typ, value):
    """What exectable returns for a JSON-edge value of a scalar type."""
    if typ.startswith(("uint", "int")):
        return value if isinstance(value, int) else int(value, 16)
    if typ == "bool" or typ == "string":
        return value
    return unhex(value)


def sample(typ, seed):
    """A JSON-edge sample value of a scalar type."""
    if typ.startswith("uint"):
        bits = int(typ[4:] or 256)
        return hex((0x1234567 * (seed + 1)) % (1 << bits) if seed % 3 else (1 << bits) - 1)
    if typ == "bool":
        return seed % 2 == 0
    if typ == "address":
        return "0x" + bytes([0xA0 + seed % 16] * 20).hex()
    if typ == "bytes32":
        return "0x" + bytes(range(seed, seed + 32)).hex()
    if typ == "bytes":
        return "0x" + bytes(range(seed % 7, seed % 7 + 33)).hex()
    if typ == "string":
        return "reason \u00e9 " + str(seed)
    raise AssertionError(typ)


def recorded_events(public_cases):
    """Every manager event the e2e scenarios recorded: (case id, layer, address, name, args)."""
    out = []
    for case in public_cases["e2eScenario"]:
        for key in ("events", "consumerEvents", "systemTxEvents"):
            for e in case["expected"].get(key, []):
                if e["contract"] in ("EEZ", "EEZL2"):
                    layer = "l1" if e["contract"] == "EEZ" else "l2"
                    out.append((case["id"], layer, e["address"], e["event"], e["args"]))
    return out


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------


def test_known_events_match_the_spec_tables():
    for layer in ("l1", "l2"):
        known = events.known_events(layer)
        assert [n for n, _, _ in known] == sorted(SPEC_EVENTS[layer])
        for name, topic0, sig in known:
            assert sig == signature(name, SPEC_EVENTS[layer][name])
            assert topic0 == keccak256(sig.encode()) == bytes.fromhex(SPEC_TOPIC0[(layer, name)])
    assert events.known_events("L2") == events.known_events("l2")


def test_known_errors_selectors_are_the_signature_hashes():
    known = events.known_errors()
    assert len(known) == 51
    names = [n for n, _, _ in known]
    assert names.count("ExecutionNotInCurrentBlock") == 2
    for name, selector, sig in known:
        assert sig.startswith(name + "(")
        assert selector == keccak256(sig.encode())[:4]


# ---------------------------------------------------------------------------------------------
# Logs
# ---------------------------------------------------------------------------------------------


def test_every_recorded_manager_event_decodes_to_its_recorded_arguments(public_cases):
    recorded = recorded_events(public_cases)
    assert len(recorded) >= 30
    seen = set()
    for case_id, layer, address, name, args in recorded:
        topics, data = raw_log(layer, name, args)
        event = events.decode_log(topics, data, layer=layer)
        fields = SPEC_EVENTS[layer][name]
        assert event.name == name, case_id
        assert event.layer == layer
        assert event.signature == signature(name, fields)
        assert event.topic0 == topics[0]
        assert event.address is None
        assert event.field_names == tuple(f for _, f, _ in fields)
        assert list(event.args) == [f for _, f, _ in fields]
        assert event.topics == topics and event.data == data
        for (typ, field, _), value in zip(fields, args):
            if typ.endswith("[]"):
                continue  # ExecutionTableLoaded: compared with the loaded table below
            assert event.args[field] == expected_value(typ, value), (case_id, name, field)
            assert event[field] == event.args[field]
        # Core's JSON and the plain dict name the same fields, in the same order.
        as_json = json.loads(event.to_json())
        assert as_json["event"] == name and list(as_json["args"]) == list(event.args)
        assert list(event.to_dict()["args"]) == list(event.args)
        # Hex forms of topics and data decode alike; the receipt-log dict carries the address.
        hex_topics = ["0x" + t.hex() for t in topics]
        assert events.decode_log(hex_topics, "0x" + data.hex(), layer=layer) == event
        from_log = events.decode_log({"address": address, "topics": hex_topics, "data": "0x" + data.hex()}, layer=layer)
        assert from_log.address == unhex(address)
        assert from_log.args == event.args
        assert json.loads(from_log.to_json())["address"] == address.lower()
        assert pickle.loads(pickle.dumps(from_log)) == from_log
        assert pickle.loads(pickle.dumps(event)).address is None
        seen.add((layer, name))
    assert ("l2", "ExecutionTableLoaded") in seen and ("l1", "L1ToL2CallConsumed") in seen


def test_execution_table_loaded_gives_the_l2_entry_objects(public_cases):
    case = next(c for c in public_cases["e2eScenario"] if "eezl2" in c["inputs"])
    loaded = [e for e in case["expected"]["systemTxEvents"] if e["event"] == "ExecutionTableLoaded"]
    assert len(loaded) == 1
    topics, data = raw_log("l2", "ExecutionTableLoaded", loaded[0]["args"])
    event = events.decode_log(topics, data, layer="l2")
    entries = event.args["entries"]
    assert all(isinstance(e, l2.ExecutionEntry) for e in entries)
    want = [l2.ExecutionEntry.from_json(json.dumps(e)) for e in case["inputs"]["entries"]]
    assert entries == want
    assert event.to_dict()["args"]["entries"] == [e.to_dict() for e in want]
    # The same topic0 on L1 is no event of EEZ.
    with pytest.raises(exectable.AbiError) as e:
        events.decode_log(topics, data, layer="l1")
    assert e.value.code == 108


def test_every_event_of_both_layers_round_trips_with_sample_values():
    count = 0
    for layer, table in SPEC_EVENTS.items():
        for seed, (name, fields) in enumerate(sorted(table.items())):
            args = [[] if typ.endswith("[]") else sample(typ, seed + i) for i, (typ, _, _) in enumerate(fields)]
            topics, data = raw_log(layer, name, args)
            event = events.decode_log(topics, data, layer=layer)
            assert event.name == name
            assert list(event.args) == [f for _, f, _ in fields]
            for (typ, field, _), value in zip(fields, args):
                want = [] if typ.endswith("[]") else expected_value(typ, value)
                assert event.args[field] == want, (layer, name, field)
            again = events.Event.from_json(event.to_json(), layer=layer)
            assert again == event
            positional = events.Event.from_json({"event": name, "args": args}, layer=layer)
            assert positional == event
            assert repr(event).startswith(f"Event({name}")
            count += 1
    assert count == len(SPEC_EVENTS["l1"]) + len(SPEC_EVENTS["l2"])


def test_same_topic0_names_fields_by_layer():
    topics, data = raw_log("l1", "CallResult", ["0x3", "0x2", True, "0x01"])
    assert list(events.decode_log(topics, data).args) == ["entryIndex", "l2ToL1CallNumber", "success", "returnData"]
    l2_fields = ["entryIndex", "callNumber", "success", "returnData"]
    assert list(events.decode_log(topics, data, layer="l2").args) == l2_fields


def test_membership_receipts_decode(public_cases):
    cases = json.loads((VECTOR_DIR / "exectable-membership.json").read_text())["cases"]
    decoded = 0
    for case in cases:
        inputs = case["inputs"]
        receipt = inputs.get("receipt")
        if receipt is None:
            continue
        manager = inputs["manager"]
        got = events.decode_logs(receipt, address=manager)
        ours = [log for log in receipt["logs"] if log["address"].lower() == manager.lower()]
        assert len(got) == len(ours), case["id"]
        for event, log in zip(got, ours):
            assert event.address == unhex(manager)
            assert event.topics == [unhex(t) for t in log["topics"]]
            assert event.data == unhex(log.get("data") or "0x")
        posted = [e for e in got if e.name == "BatchPosted"]
        if "rollupCount" in case["expected"] and posted:
            assert posted[-1].args["rollupCount"] == int(case["expected"]["rollupCount"], 16)
        # JSON text and the bare list of logs decode alike.
        assert events.decode_logs(json.dumps(receipt), address=manager) == got
        decoded += len(got)
    assert decoded > 0


def test_decode_logs_filters_and_skips():
    manager = "0x" + "11" * 20
    other = "0x" + "22" * 20
    t1, d1 = raw_log("l1", "BatchPosted", ["0x2"])
    t2, d2 = raw_log("l1", "StateUpdated", ["0x1", "0x" + "ab" * 32])
    unknown = {"address": manager, "topics": ["0x" + "ee" * 32], "data": "0x"}
    logs = [
        {"address": manager, "topics": ["0x" + t.hex() for t in t1], "data": "0x" + d1.hex()},
        {"address": other, "topics": ["0x" + t.hex() for t in t2], "data": "0x" + d2.hex()},
        unknown,
        {"address": manager, "topics": ["0x" + t.hex() for t in t2], "data": "0x" + d2.hex()},
    ]
    got = events.decode_logs({"logs": logs}, address=manager, skip_unknown=True)
    assert [e.name for e in got] == ["BatchPosted", "StateUpdated"]
    assert [e.address for e in got] == [unhex(manager)] * 2
    assert [e.name for e in events.decode_logs(logs, address=other)] == ["StateUpdated"]
    assert events.decode_logs(logs[0]) == [events.decode_log(logs[0])]
    assert events.decode_logs(json.dumps(logs[0]), address=other) == []
    with pytest.raises(exectable.AbiError) as e:
        events.decode_logs(logs, address=manager)
    assert e.value.code == 108 and e.value.index == 2
    with pytest.raises(exectable.JsonError) as e:
        events.decode_logs([logs[0], {"topics": "nope"}])
    assert e.value.index == 1 and e.value.path == "logs[1].topics"


def test_log_errors():
    topics, data = raw_log("l1", "CallResult", ["0x1", "0x2", True, "0x"])
    # Unknown topic0, no topics, wrong topic count.
    with pytest.raises(exectable.AbiError) as e:
        events.decode_log([b"\x01" * 32], b"")
    assert e.value.code == 108 and "event topic" in str(e.value)
    with pytest.raises(exectable.AbiError) as e:
        events.decode_log([], b"")
    assert e.value.code == 108
    with pytest.raises(exectable.AbiError) as e:
        events.decode_log(topics[:2], data)
    assert e.value.code == 109
    # A dirty address topic: AbiInvalidWord at the topic's offset, named by field.
    t, d = raw_log("l1", "RollupCreated", ["0x1", "0x" + "aa" * 20, "0x" + "00" * 32])
    dirty = [t[0], t[1], b"\x01" + t[2][1:]]
    with pytest.raises(exectable.AbiError) as e:
        events.decode_log(dirty, d)
    assert (e.value.code, e.value.path, e.value.offset) == (105, "rollupContract", 64)
    # Trailing bytes after the data tuple.
    with pytest.raises(exectable.AbiError) as e:
        events.decode_log(topics, data + bytes(32))
    assert e.value.code == 106 and e.value.offset == len(data)
    # Bad arguments: topic length, hex, types, layer, data beside a log object.
    with pytest.raises(exectable.ArgumentError) as e:
        events.decode_log([topics[0][:31]], b"")
    assert e.value.code == 301 and e.value.path == "topics[0]" and isinstance(e.value, ValueError)
    with pytest.raises(exectable.JsonError) as e:
        events.decode_log(["0xzz"], b"")
    assert e.value.path == "topics[0]"
    with pytest.raises(exectable.JsonError) as e:
        events.decode_log(topics, "0x0g")
    assert e.value.code == 203 and e.value.path == "data"
    with pytest.raises(exectable.ArgumentError) as e:
        events.decode_log(topics, data, layer="l3")
    assert e.value.path == "layer"
    with pytest.raises(exectable.ArgumentError) as e:
        events.decode_log({"topics": [], "data": "0x"}, b"")
    assert e.value.path == "data"
    with pytest.raises(exectable.ArgumentError) as e:
        events.decode_log(5)
    assert e.value.path == "topics"
    with pytest.raises(exectable.JsonError) as e:
        events.decode_log({"data": "0x"})
    assert e.value.path == "log.topics"
    with pytest.raises(exectable.JsonError):
        events.decode_log("{not json")
    with pytest.raises(exectable.ArgumentError) as e:
        events.Event.from_json({"event": "Nope", "args": {}})
    assert e.value.path == "event"


# ---------------------------------------------------------------------------------------------
# Revert data
# ---------------------------------------------------------------------------------------------


def recorded_reverts(public_cases):
    out = []
    for case in public_cases["e2eScenario"]:
        for m in case["expected"]["mutations"]:
            for key in ("consumerRevert", "skippedRevert", "revert", "postRevert"):
                if key in m:
                    out.append((case["id"], m[key]))
    return out


def revert_bytes(sig, args):
    types = parse_type(sig[sig.index("(") :]).components if sig.index("(") + 1 < len(sig) - 1 else []
    type_strs = [t.to_type_str() for t in types]
    return keccak256(sig.encode())[:4] + eth_abi.encode(type_strs, [to_abi(t, v) for t, v in zip(type_strs, args)])


def test_every_recorded_revert_decodes(public_cases):
    recorded = recorded_reverts(public_cases)
    assert len(recorded) >= 10
    for case_id, want in recorded:
        data = revert_bytes(want["signature"], want["args"])
        assert data[:4] == unhex(want["selector"])
        error = events.decode_revert(data)
        assert error.name == want["name"], case_id
        assert error.signature == want["signature"]
        assert error.selector == unhex(want["selector"])
        assert error.origin in ORIGINS
        assert error.data == data
        params = parse_type(want["signature"][len(want["name"]) :]).components if want["args"] else []
        types = [t.to_type_str() for t in params]
        assert list(error.args.values()) == [expected_value(t, v) for t, v in zip(types, want["args"])]
        assert events.decode_revert("0x" + data.hex()) == error
        assert events.decode_revert(bytearray(data)) == error


def test_every_known_error_round_trips_with_sample_values():
    for seed, (name, selector, sig) in enumerate(events.known_errors()):
        types_part = sig[len(name) :]
        types = [t.to_type_str() for t in parse_type(types_part).components] if types_part != "()" else []
        args = [sample(t, seed + i) for i, t in enumerate(types)]
        data = revert_bytes(sig, args)
        error = events.decode_revert(data)
        assert (error.name, error.selector, error.signature) == (name, selector, sig)
        assert error.origin in ORIGINS
        assert list(error.args.values()) == [expected_value(t, v) for t, v in zip(types, args)]
        assert error.data == data
        as_json = json.loads(error.to_json())
        assert as_json["error"] == name and as_json["selector"] == "0x" + selector.hex()
        assert list(as_json["args"]) == list(error.args)
        plain = error.to_dict()
        assert plain["error"] == name and plain["selector"] == selector and list(plain["args"]) == list(error.args)
        assert events.ProtocolError.from_json(error.to_json()) == error
        assert events.ProtocolError.from_json(as_json) == error
        assert pickle.loads(pickle.dumps(error)) == error
        assert repr(error).startswith(f"ProtocolError({name}")


def test_revert_data_from_json_rpc_errors():
    data = "0x78cb42140000000000000000000000000000000000000000000000000000000000000005"
    want = events.decode_revert(data)
    assert want.name == "StateRootMismatch" and want.args == {"rollupId": 5} and want["rollupId"] == 5
    assert events.decode_revert({"code": 3, "message": "execution reverted", "data": data}) == want
    assert events.decode_revert({"jsonrpc": "2.0", "error": {"code": 3, "data": data}}) == want
    assert events.decode_revert(json.dumps({"error": {"data": data}})) == want
    panic = events.decode_revert("0x4e487b71" + "00" * 31 + "32")
    assert (panic.name, panic.origin, panic.args) == ("Panic", "Solidity", {"code": 0x32})
    reason = events.decode_revert(revert_bytes("Error(string)", ["no entry"]))
    assert reason.args == {"reason": "no entry"} and 'reason="no entry"' in repr(reason)
    # The two ExecutionNotInCurrentBlock errors are told apart by selector.
    l1 = events.decode_revert(revert_bytes("ExecutionNotInCurrentBlock(uint256)", ["0x7"]))
    l2err = events.decode_revert(keccak256(b"ExecutionNotInCurrentBlock()")[:4])
    assert (l1.name, l1.origin, l1.args) == ("ExecutionNotInCurrentBlock", "EEZ", {"rollupId": 7})
    assert (l2err.name, l2err.origin, l2err.args) == ("ExecutionNotInCurrentBlock", "EEZL2", {})


def test_revert_errors():
    with pytest.raises(exectable.AbiError) as e:
        events.decode_revert(b"\x12\x34\x56\x78")
    assert e.value.code == 108 and "0x12345678" in str(e.value)
    with pytest.raises(exectable.AbiError) as e:
        events.decode_revert(b"\x78\xcb")
    assert e.value.code == 101 and e.value.offset == 0
    with pytest.raises(exectable.AbiError) as e:
        events.decode_revert(bytes.fromhex("78cb4214") + bytes(33))
    assert e.value.code == 106 and e.value.offset == 36
    # Error(string) with a reason that is not UTF-8 is rejected rather than decoded lossily.
    bad = keccak256(b"Error(string)")[:4] + eth_abi.encode(["bytes"], [b"\xff\xfe"])
    with pytest.raises(exectable.AbiError) as e:
        events.decode_revert(bad)
    assert e.value.code == 110
    with pytest.raises(exectable.JsonError) as e:
        events.decode_revert("78cb4214")
    assert e.value.code == 203 and e.value.path == "data"
    with pytest.raises(exectable.ArgumentError) as e:
        events.decode_revert({"error": {"code": 3}})
    assert e.value.path == "data" and isinstance(e.value, ValueError)
    with pytest.raises(exectable.ArgumentError) as e:
        events.decode_revert(12)
    assert e.value.path == "data"
