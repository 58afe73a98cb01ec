"""L1 structs of the EEZ manager (``IEEZ.sol``), as immutable classes over the Rust core.

Each class takes keyword arguments named as the Solidity fields (a field not given is zero /
empty), exposes them as attributes (``int`` for uint/int256, ``bytes`` for address/bytes32/bytes,
lists of struct objects for arrays), compares by value, and offers ``to_dict``/``from_dict``,
``to_json``/``from_json`` (vector conventions), ``abi_encode``/``abi_decode`` (strict) and
``replace(**changes)``. ``ExecutionEntry.hash()`` and ``LookupCall.hash()`` are the protocol's
entry and lookup-call hashes.
"""

from ._native import L1ExecutionEntry as ExecutionEntry
from ._native import L1ExpectedL1ToL2Call as ExpectedL1ToL2Call
from ._native import L1ExpectedLookup as ExpectedLookup
from ._native import L1ExpectedStateRootPerRollup as ExpectedStateRootPerRollup
from ._native import L1L2ToL1Call as L2ToL1Call
from ._native import L1LookupCall as LookupCall
from ._native import L1ProofSystemBatchPerVerificationEntries as ProofSystemBatchPerVerificationEntries
from ._native import L1RollupIdWithProofSystems as RollupIdWithProofSystems
from ._native import L1StateDelta as StateDelta

#: The batch ``postAndVerifyBatch`` posts, by its everyday name.
Batch = ProofSystemBatchPerVerificationEntries

__all__ = [
    "Batch",
    "ExecutionEntry",
    "ExpectedL1ToL2Call",
    "ExpectedLookup",
    "ExpectedStateRootPerRollup",
    "L2ToL1Call",
    "LookupCall",
    "ProofSystemBatchPerVerificationEntries",
    "RollupIdWithProofSystems",
    "StateDelta",
]
