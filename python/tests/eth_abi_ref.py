"""The independent reference encoder of the differential test and the benchmark: ``eth_abi``
with the canonical tuple strings of the spec (§2.5) and ``Crypto.Hash.keccak`` (pycryptodome).
"""

import eth_abi
from Crypto.Hash import keccak

# §2.5, verbatim.
CALL = "(address,uint256,bytes,address,uint256,uint256)"
EXPCALL = "(bytes32,uint256,bytes)"
DELTA = "(uint256,bytes32,bytes32,int256)"
NLOOKUP = f"(bytes32,bytes,bool,uint64,uint64,uint64,{CALL}[],{EXPCALL}[],uint256,bytes32)"
PIN = "(uint256,bytes32)"
ENTRY_L1 = f"({DELTA}[],bytes32,uint256,{CALL}[],{EXPCALL}[],{NLOOKUP}[],uint256,bytes,bytes32)"
LOOKUP_L1 = f"(bytes32,uint256,bytes,bool,{CALL}[],{EXPCALL}[],{NLOOKUP}[],uint256,bytes32,{PIN}[])"
RIDPS = "(uint256,uint64[])"
BATCH = f"({ENTRY_L1}[],{LOOKUP_L1}[],uint256,uint256,address[],{RIDPS}[],bytes32,uint256[],bytes,bytes[],uint64)"

# Field order of each struct (spec §2.1/§2.2); a field is a scalar or (nested struct name, is_array).
FIELDS = {
    "StateDelta": ["rollupId", "currentState", "newState", "etherDelta"],
    "L2ToL1Call": ["targetAddress", "value", "data", "sourceAddress", "sourceRollupId", "revertSpan"],
    "ExpectedL1ToL2Call": ["crossChainCallHash", "callCount", "returnData"],
    "ExpectedLookup": [
        "crossChainCallHash",
        "returnData",
        "failed",
        "l2ToL1CallNumber",
        "lastL1ToL2CallConsumed",
        "executingLookupIndex",
        ("l2ToL1Calls", "L2ToL1Call"),
        ("expectedL1ToL2Calls", "ExpectedL1ToL2Call"),
        "callCount",
        "rollingHash",
    ],
    "ExecutionEntry": [
        ("stateDeltas", "StateDelta"),
        "proxyEntryHash",
        "destinationRollupId",
        ("l2ToL1Calls", "L2ToL1Call"),
        ("expectedL1ToL2Calls", "ExpectedL1ToL2Call"),
        ("expectedLookups", "ExpectedLookup"),
        "callCount",
        "returnData",
        "rollingHash",
    ],
    "ExpectedStateRootPerRollup": ["rollupId", "stateRoot"],
    "LookupCall": [
        "crossChainCallHash",
        "destinationRollupId",
        "returnData",
        "failed",
        ("l2ToL1Calls", "L2ToL1Call"),
        ("expectedL1ToL2Calls", "ExpectedL1ToL2Call"),
        ("expectedLookups", "ExpectedLookup"),
        "callCount",
        "rollingHash",
        ("expectedStateRoots", "ExpectedStateRootPerRollup"),
    ],
    "RollupIdWithProofSystems": ["rollupId", "proofSystemIndex"],
    "ProofSystemBatchPerVerificationEntries": [
        ("entries", "ExecutionEntry"),
        ("l1ToL2lookupCalls", "LookupCall"),
        "transientExecutionEntryCount",
        "transientLookupCallCount",
        "proofSystems",
        ("rollupIdsWithProofSystems", "RollupIdWithProofSystems"),
        "crossProofSystemInteractions",
        "blobIndices",
        "callData",
        "proofs",
        "blockNumber",
    ],
}

def keccak256(data):
    return keccak.new(digest_bits=256, data=data).digest()


def to_ref(struct, value):
    """Dict (exectable's input form) -> nested tuple for eth_abi, in the spec's field order."""
    out = []
    for field in FIELDS[struct]:
        if isinstance(field, tuple):
            name, inner = field
            out.append(tuple(to_ref(inner, v) for v in value[name]))
        else:
            v = value[field]
            if isinstance(v, list):
                v = tuple(ref_scalar(x) for x in v)
            out.append(ref_scalar(v))
    return tuple(out)


def ref_scalar(v):
    # Addresses the dict carries as 0x-hex text go to eth_abi as 20 raw bytes.
    if isinstance(v, str):
        return bytes.fromhex(v[2:])
    return v


def ref_encode(tuple_type, struct, value):
    """``abi.encode(value)`` of a dynamic struct: one-element tuple, so the 0x20 head."""
    encoded = eth_abi.encode([tuple_type], [to_ref(struct, value)])
    assert encoded[:32] == (32).to_bytes(32, "big")
    return encoded
