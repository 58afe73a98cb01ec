# Type stubs of exectable.proof_inputs (python/src/proof_inputs.rs).

from ._native import (
    ProofInputDocument as ProofInputDocument,
    ProofInputs as ProofInputs,
    ProofInputVerification as ProofInputVerification,
    fold_accumulator as fold_accumulator,
    public_inputs_hash as public_inputs_hash,
    resolve_blob_hashes as resolve_blob_hashes,
    shared_public_input_from_hashes as shared_public_input_from_hashes,
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
