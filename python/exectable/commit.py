"""Table commitments and inclusion proofs (docs/COMMITMENT.md), as ``exectable commit``,
``exectable prove`` and ``exectable verify proof`` compute them.

An execution table is committed to by a Merkle tree over its item hashes (entry hashes, then
lookup-call hashes) bound to the batch's ``sharedPublicInput``::

    commitment = keccak256("exectable.table-commitment.v1" || u64be(E) || u64be(L)
                           || sharedPublicInput || root)

:func:`commit` gives a :class:`CommittedTable` (the tree; its ``commitment`` is the published
:class:`TableCommitment` record), which makes single and multi :class:`InclusionProof` s;
:func:`verify` checks a proof with only the items, the proof and the trusted commitment, returning a
:class:`VerifiedInclusion` or raising :class:`~exectable.errors.ProofError` with core's code
(401 wrong index, 402 wrong leaf count, 403 root mismatch, 404 another commitment, 405 truncated,
406 over-long, 407 a tree node given as the item, 408 duplicate index, 409 malformed; 410 when a
commitment checked against a batch does not match it).

A batch is given as an ``l1.ProofSystemBatchPerVerificationEntries`` object or dict, a
``ManagerCall``, ``postAndVerifyBatch`` calldata (bytes or 0x-hex), or JSON text (batch, call JSON,
or ``{"batch", "blobHashes"}``). Its blob hashes (``blob_hashes``, one per ``blobIndices``, or the
posting transaction's ``blob_versioned_hashes``) are needed only when it has ``blobIndices``.
Trees are built with the GIL released.
"""

from . import _native
from ._native import CommittedTable, InclusionProof, TableCommitment, VerifiedInclusion

__all__ = [
    "CommittedTable",
    "InclusionProof",
    "TableCommitment",
    "VerifiedInclusion",
    "check",
    "commit",
    "prove",
    "verify",
]

#: ``commit(batch, *, blob_hashes=None, blob_versioned_hashes=None) -> CommittedTable``:
#: the table commitment of a batch (``exectable commit``).
commit = _native.commit_batch

#: ``check(batch, commitment, *, blob_hashes=None, blob_versioned_hashes=None) -> TableCommitment``:
#: checks a claimed commitment (32-byte digest or record) against a batch (``exectable commit
#: --check``); returns the batch's record, or raises ``ProofError`` 410 naming what differs.
check = _native.check_commitment

#: ``prove(batch, *, entries=None, lookup_calls=None, entry_hashes=None, lookup_call_hashes=None,
#: leaves=None, blob_hashes=None, blob_versioned_hashes=None) -> InclusionProof``: a single or
#: multi inclusion proof for leaves of a batch (``exectable prove``).
prove = _native.prove_batch

#: ``verify(proof, commitment, items) -> VerifiedInclusion``: verifies an inclusion proof
#: (``exectable verify proof``); ``ProofError`` 401-409 when it does not hold.
verify = _native.verify_inclusion
