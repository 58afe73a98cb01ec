"""Execution traces: rolling-hash replay and pre-flight (docs/TRACE.md, spec §5, §6.3–§6.5).

``replay(trace)`` replays a trace — ``{"inboundValue", "calls": [...]}`` or a bare list of
iterations, as a dict/list or JSON text — numbering every fold as the compiled contract does, and
returns a ``Replay``: the steps with the accumulator after each, the final ``rollingHash``
(bytes), ``callCount`` and the entry fields the execution implies (``l2ToL1Calls``,
``expectedL1ToL2Calls``, ``expectedLookups`` as struct objects; ``l1_entry(base)`` /
``l2_entry(hash)`` assemble the entry). ``rebuild_trace(entry, steps)`` is the reverse: the trace
of an entry from its recorded fold steps.

``preflight(request)`` predicts the on-chain outcome of consuming one entry from the pre-state and
the trace, from the input of ``exectable preflight`` (L1 ``{"entry", "preState", "consumption",
"trace"}``, L2 ``{"side": "l2", "entries", "consumption", "trace"}``); ``preflight_l1`` and
``preflight_l2`` take the parts as arguments. The ``PreflightReport``'s ``outcome`` is
``"success"`` (``returnData``, ``postState``), ``"reverts"`` (``error``, a ``ProtocolError``) or
``"unpredictable"`` (``reason``: only an EVM can tell).
"""

from ._native import PreflightReport, Replay, preflight, preflight_l1, preflight_l2, rebuild_trace
from ._native import replay_trace as replay

__all__ = ["PreflightReport", "Replay", "preflight", "preflight_l1", "preflight_l2", "rebuild_trace", "replay"]
