"""Event logs and revert data of the EEZ managers (spec §3), decoded strictly into named values.

``decode_log(topics, data, layer="l1")`` picks the event by topic0 among the events of the L1
manager (EEZ, ``layer="l1"``) or the L2 manager (EEZL2, ``layer="l2"``) — ``CallResult``,
``EntryExecuted`` and ``RevertSpanExecuted`` share topic0 across the layers but name their fields
differently, so the layer must be known. A log object as ``eth_getLogs`` and receipts give it
(``{"address", "topics", "data", ...}``, dict or JSON text) is accepted in place of ``topics``;
``decode_logs`` takes a list of them or a whole receipt.

``Event.args`` holds the arguments by Solidity parameter name: ``int`` for uints, ``bytes`` for
addresses / ``bytes32`` / ``bytes``, ``bool``, and the struct classes for struct arguments
(``ExecutionTableLoaded(ExecutionEntry[] entries)`` gives ``exectable.l2.ExecutionEntry`` objects).

``decode_revert(data)`` decodes revert data (selector ‖ arguments) — every custom error of the
managers, ``Panic(uint256)``, ``Error(string)`` and the reference rollup / proof-system errors —
into a ``ProtocolError`` value (not an exception). A JSON-RPC error object carrying the data in
``"data"`` or ``"error"."data"`` is accepted too.

Unknown topic0 / selector raises ``exectable.errors.AbiError`` (code of core's
``AbiUnknownSelector``); a non-canonical encoding raises the ``AbiError`` naming the field and
byte offset.
"""

from ._native import (
    Event,
    ProtocolError,
    decode_log,
    decode_logs,
    decode_revert,
    known_errors,
    known_events,
)

__all__ = [
    "Event",
    "ProtocolError",
    "decode_log",
    "decode_logs",
    "decode_revert",
    "known_errors",
    "known_events",
]
