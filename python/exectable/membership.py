"""Batch membership (docs/MEMBERSHIP.md), as ``exectable verify membership`` checks it.

From the raw ``postAndVerifyBatch`` transaction input and its receipt, :func:`verify_membership`
confirms that an entry or lookup call is part of a batch the L1 manager accepted — selector,
the input read as the contract's ABI decoder reads it (``PostedBatch.layout`` says whether it was
canonical), receipt status, the manager's ``BatchPosted`` log, every hash recomputed,
``sharedPublicInput`` — where it was placed (transient, or queued for a rollup at a queue index),
and what the manager's logs (in the posting receipt and later receipts of the block) say happened
to it: consumed, skipped, or no evidence.

A false claim raises :class:`~exectable.errors.MembershipError` with core's code (601 not a
batch, 602 failed receipt, 603 no ``BatchPosted`` from the manager, 604 item not found, 605 the
receipt is of another transaction; 606 a malformed receipt) or
:class:`~exectable.errors.AbiError` (the contract would not decode the transaction input).

Every answer is one of three verdicts (:func:`verdict`): a report is ``"included"``; an error is
``"notIncluded"`` (604 item not found, 602 failed posting) or ``"cannotDecide"`` (the evidence is
unusable: every other code), as core classifies it. Errors are instances of
:class:`~exectable.errors.NotIncludedError` or :class:`~exectable.errors.CannotDecideError`
accordingly.

``tx_input`` is bytes or 0x-hex; receipts are ``eth_getTransactionReceipt`` JSON text or a dict
(a JSON-RPC response is unwrapped).
"""

from typing import Any, Optional

from . import _native
from ._native import ConsumptionReport, EntryEvidence, MembershipMatch, MembershipReport, PostedBatch
from .errors import ExectableError

__all__ = [
    "ConsumptionReport",
    "EntryEvidence",
    "MembershipMatch",
    "MembershipReport",
    "PostedBatch",
    "consumption_evidence",
    "verdict",
    "verify_membership",
    "verify_posting",
]

#: ``verify_membership(tx_input, receipt, manager, *, entry=None, lookup_call=None, entry_hash=None,
#: lookup_call_hash=None, proxy_entry_hash=None, cross_chain_call_hash=None, query=None,
#: tx_hash=None, later_receipts=None, blob_hashes=None, blob_versioned_hashes=None)
#: -> MembershipReport``: exactly one item form names the item.
verify_membership = _native.verify_batch_membership

#: ``verify_posting(tx_input, receipt, manager, *, tx_hash=None, blob_hashes=None,
#: blob_versioned_hashes=None) -> PostedBatch``: the posting alone (step 1).
verify_posting = _native.verify_batch_posting

#: ``consumption_evidence(tx_input, receipt, manager, later_receipts=None, *, tx_hash=None,
#: blob_hashes=None, blob_versioned_hashes=None) -> ConsumptionReport``: the fate of every entry.
consumption_evidence = _native.batch_consumption_evidence


def verdict(outcome: Optional[Any]) -> str:
    """The verdict of a membership verification's outcome: ``"included"`` for a
    :class:`MembershipReport` (or ``None``: no error), else the error's ``verdict``
    (``"notIncluded"`` or ``"cannotDecide"``, core's classification of its code)::

        try:
            outcome = verify_membership(tx_input, receipt, manager, entry_hash=h)
        except ExectableError as e:
            outcome = e
        verdict(outcome)   # "included", "notIncluded" or "cannotDecide"

    Anything else (another exception, another object) is a ``TypeError``.
    """
    if outcome is None or isinstance(outcome, MembershipReport):
        return "included"
    if isinstance(outcome, ExectableError):
        return outcome.verdict
    raise TypeError(f"expected a MembershipReport, an ExectableError or None, found {type(outcome).__name__}")
