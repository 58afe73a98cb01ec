"""Validation of batches and L2 tables: what ``exectable validate`` reports (spec §6.1, §6.6).

``validate_batch(batch, registered_rollups=..., blob_count=..., batch_in_flight=...)`` runs the
checks ``postAndVerifyBatch`` makes before any external call (§6.1, in contract order, each with
the custom error the contract raises) and every prover obligation nothing on chain enforces
(well-formedness). ``batch`` is an ``exectable.l1.ProofSystemBatchPerVerificationEntries``, its
dict, a ``ManagerCall``, ``postAndVerifyBatch`` calldata (``bytes`` or 0x-hex) or the JSON text of
the batch or the call. Chain state the checks need is optional; what is not given is skipped and
listed in ``report.notes``.

``validate_l2_table(entries, lookup_calls)`` checks an L2 table (well-formedness only; loading
checks nothing on chain, §6.4); the table may also be ``loadExecutionTable`` /
``executeIncomingCrossChainCall`` calldata or call JSON, or ``{"entries", "lookupCalls"}``.

The ``ValidationReport`` is truthy exactly when ``report.ok`` (no finding of severity error;
warnings and infos allowed). ``report.onchain_error`` is the error ``postAndVerifyBatch`` raises
(a ``ProtocolError``) or ``None``; ``report.findings`` lists every finding as a dict ``{"rule",
"severity", "path", "message", "onchainError"}``; ``str(report)`` is the CLI's text and
``report.to_json()`` its ``--json`` output. ``rules()`` lists every rule with its severity.
"""

from ._native import ValidationReport, validate_batch, validate_l2_table
from ._native import validation_rules as rules

__all__ = ["ValidationReport", "rules", "validate_batch", "validate_l2_table"]
