"""L2 structs of the EEZ L2 manager (``IEEZL2.sol``), as immutable classes over the Rust core.

Same interface as :mod:`exectable.l1` (keyword constructors, attributes named as the Solidity
fields, ``to_dict``/``from_dict``, ``to_json``/``from_json``, ``abi_encode``/``abi_decode``,
``replace``). The L2 structs have no protocol hash of their own.
"""

from ._native import L2CrossChainCall as CrossChainCall
from ._native import L2ExecutionEntry as ExecutionEntry
from ._native import L2ExpectedLookup as ExpectedLookup
from ._native import L2ExpectedOutgoingCrossChainCall as ExpectedOutgoingCrossChainCall
from ._native import L2LookupCall as LookupCall

__all__ = [
    "CrossChainCall",
    "ExecutionEntry",
    "ExpectedLookup",
    "ExpectedOutgoingCrossChainCall",
    "LookupCall",
]
