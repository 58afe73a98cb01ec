"""Proof inputs of ``postAndVerifyBatch`` (spec §4.5, §4.6): what ``exectable public-inputs`` does.

::

    sharedPublicInput   = keccak256(abi.encode(entryHashes) ‖ abi.encode(lookupCallHashes)
                                    ‖ abi.encode(blobHashes) ‖ keccak256(callData)
                                    ‖ crossProofSystemInteractions)
    acc_k               = fold over the rows listing proof system k of
                          keccak256(abi.encode(acc, rollupId, vkey, blockHash, timestamp))
    publicInputsHash_k  = keccak256(sharedPublicInput ‖ acc_k)

``batch`` is any batch form (struct object, dict, ``ManagerCall``, calldata, JSON text).
``rollups`` is what each rollup's manager returned while the batch was verified: a list of
``{"rollupId", "manager" (optional), "timestamp", "blockHash", "vkeys": {proof system: vkey}}``
(Python values or 0x-hex text). Blob data is ``blob_hashes`` (``blobhash(blobIndices[i])``, one per
index) or ``blob_versioned_hashes`` of the posting transaction; neither when the batch has no
blobIndices.

* ``shared_public_input(batch)`` → ``bytes``; ``public_inputs_hashes(batch, rollups)`` →
  ``[bytes]`` (one per proof system); ``compute(batch, rollups)`` → ``ProofInputs`` with every
  intermediate value (hashes, accumulators and their folds).
* ``build_document(request)`` / ``build_document(batch, rollups, ...)`` → the self-describing
  ``ProofInputDocument`` (``to_json()`` is ``exectable public-inputs --json``);
  ``verify_document(document)`` recomputes a stored document and reports each differing value
  by JSON path (``ProofInputVerification``, truthy when ``ok``) — ``public-inputs --verify``.
* The primitives: ``shared_public_input_from_hashes``, ``fold_accumulator``,
  ``public_inputs_hash(shared_public_input, acc)``, ``resolve_blob_hashes``.
"""

from ._native import (
    ProofInputDocument,
    ProofInputs,
    ProofInputVerification,
    fold_accumulator,
    public_inputs_hash,
    resolve_blob_hashes,
    shared_public_input_from_hashes,
)
from ._native import batch_public_inputs_hashes as public_inputs_hashes
from ._native import batch_shared_public_input as shared_public_input
from ._native import build_proof_input_document as build_document
from ._native import compute_proof_inputs as compute
from ._native import verify_proof_input_document as verify_document

__all__ = [
    "ProofInputDocument",
    "ProofInputVerification",
    "ProofInputs",
    "build_document",
    "compute",
    "fold_accumulator",
    "public_inputs_hash",
    "public_inputs_hashes",
    "resolve_blob_hashes",
    "shared_public_input",
    "shared_public_input_from_hashes",
    "verify_document",
]
