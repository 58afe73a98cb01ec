"""Batch membership (docs/MEMBERSHIP.md), as ``exectable verify membership`` checks it.

From the raw ``postAndVerifyBatch`` transaction input and its receipt, :func:`verify_membership`
confirms that an entry or lookup call is part of a batch the L1 manager accepted — selector,
strict decode, receipt status, the manager's ``BatchPosted`` log, every hash recomputed,
``sharedPublicInput`` — where it was placed (transient, or queued for a rollup at a queue index),
and what the manager's logs (in the posting receipt and later receipts of the block) say happened
to it: consumed, skipped, or no evidence.

A false claim raises :class:`~exectable.errors.MembershipError` with core's code (601 not a
batch, 602 failed receipt, 603 no ``BatchPosted`` from the manager, 604 item not found, 605 the
receipt is of another transaction; 606 a malformed receipt) or
:class:`~exectable.errors.AbiError` (the transaction input does not decode).

``tx_input`` is bytes or 0x-hex; receipts are ``eth_getTransactionReceipt`` JSON text or a dict
(a JSON-RPC response is unwrapped).
"""

from . import _native
from ._native import ConsumptionReport, EntryEvidence, MembershipMatch, MembershipReport, PostedBatch

__all__ = [
    "ConsumptionReport",
    "EntryEvidence",
    "MembershipMatch",
    "MembershipReport",
    "PostedBatch",
    "consumption_evidence",
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
