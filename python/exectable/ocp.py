"""Observation Commitment Protocol artifacts (docs/OCP.md), as ``exectable ocp`` produces and
``exectable verify ocp`` verifies them.

An observation is any byte string; its digest is ``SHA-256(observation)``. An artifact — the flat
``ocp-1`` proof file or the v1.0 envelope (:class:`OcpArtifact`) — claims that the digest was
recorded on a ledger by a transaction. Verification runs offline: recompute the digest, compare
it with the artifact's, and, given the transaction's receipt, confirm inclusion with the
``evm/event-log`` rule (a ``Recorded(bytes32 indexed digest, address indexed recorder)`` log).

The observation of an execution table is its canonical bytes (:func:`table_observation`):
``abi.encode(batch)`` for an L1 batch, ``abi.encode(entries, lookupCalls)`` for an L2 table —
exactly the posting call's input without its selector.

A malformed artifact or a failing step raises :class:`~exectable.errors.OcpError` with core's
code (501 hash mismatch, 502 unsupported rule, 503 failed receipt, 504 block mismatch, 505
contract mismatch, 506 digest not found, 507 malformed, 508 another transaction); a malformed
receipt raises ``MembershipError`` 606; bad producer arguments ``ArgumentError`` 301.
"""

import os
import time
from typing import Any, Optional, Tuple, Union

from . import _native
from ._native import OcpArtifact, OcpReport
from .errors import ArgumentError

__all__ = [
    "OcpArtifact",
    "OcpReport",
    "produce",
    "produce_envelope",
    "produce_proof_file",
    "sha256_digest",
    "table_observation",
    "verify",
]

#: ``produce_proof_file(observation, *, file_name, tx_hash, network, contract, timestamp_ms,
#: extraction_rule=None) -> OcpArtifact``: the ``ocp-1`` proof file for observation bytes.
produce_proof_file = _native.ocp_produce_proof_file

#: ``produce_envelope(observation, *, chain_id, tx_hash, created_ms, assertion_time_ms=None,
#: block_height=None, block_hash=None, finality_depth=0) -> OcpArtifact``: the v1.0 envelope.
produce_envelope = _native.ocp_produce_envelope

#: ``table_observation(table) -> (bytes, kind)``: an execution table's canonical bytes and its
#: kind (``l1-batch`` / ``l2-table``). ``table``: an ``l1.ProofSystemBatchPerVerificationEntries``,
#: calldata (bytes or 0x-hex) or JSON (text or dict) of an L1 batch, an L2 ``{"entries",
#: "lookupCalls"}``, ``{"l1Batch": …}`` / ``{"l2Table": …}`` or a call.
table_observation = _native.ocp_table_observation

#: ``sha256_digest(observation) -> bytes``: the OCP v1 digest of raw bytes.
sha256_digest = _native.ocp_digest


def _read(path: "os.PathLike[str]") -> bytes:
    with open(os.fspath(path), "rb") as f:
        return f.read()


def _observation(observation: Any, table: Any) -> Tuple[Any, str]:
    """The observation bytes and the default ``fileName`` (as the CLI chooses it)."""
    if table is not None:
        if observation is not None:
            raise ArgumentError("give the observation or table=, not both", 301, "observation")
        if isinstance(table, os.PathLike):
            name = os.path.basename(os.fspath(table))
            data, kind = table_observation(_read(table).decode("utf-8"))
            return data, f"{name}.{kind}.abi"
        data, kind = table_observation(table)
        return data, f"table.{kind}.abi"
    if observation is None:
        raise ArgumentError("give the observation (bytes or a path) or table=", 301, "observation")
    if isinstance(observation, os.PathLike):
        return _read(observation), os.path.basename(os.fspath(observation))
    return observation, "observation"


def produce(
    observation: Any = None,
    *,
    tx_hash: Union[bytes, str],
    table: Any = None,
    envelope: bool = False,
    network: Optional[str] = None,
    contract: Optional[Union[bytes, str]] = None,
    file_name: Optional[str] = None,
    extraction_rule: Optional[str] = None,
    chain_id: Optional[str] = None,
    block_hash: Optional[Union[bytes, str]] = None,
    block_height: Optional[int] = None,
    finality_depth: int = 0,
    assertion_time_ms: Optional[int] = None,
    timestamp_ms: Optional[int] = None,
) -> OcpArtifact:
    """An OCP artifact for an observation, as ``exectable ocp`` makes it.

    ``observation`` is bytes or a path (``os.PathLike``); or ``table=`` an execution table whose
    canonical bytes are the observation (see :func:`table_observation`; a path is read as text).
    ``tx_hash`` is the transaction that emitted ``Recorded(digest, recorder)``.

    Without ``envelope`` the ``ocp-1`` file: ``network`` and ``contract`` are required,
    ``file_name`` defaults to the path's file name (``observation``, or ``<name>.l1-batch.abi`` /
    ``.l2-table.abi`` for a table). With ``envelope=True`` the v1.0 envelope: ``chain_id`` (CAIP-2
    ``eip155:<chain id>``) is required and the ``ocp-1`` members are refused.
    ``timestamp_ms`` (``timestamp`` / ``meta.created_utc``) defaults to now; ``assertion_time_ms``
    to ``timestamp_ms``.
    """
    data, default_name = _observation(observation, table)
    if timestamp_ms is None:
        timestamp_ms = time.time_ns() // 1_000_000
    if envelope:
        for given, name in (
            (network, "network"),
            (contract, "contract"),
            (file_name, "file_name"),
            (extraction_rule, "extraction_rule"),
        ):
            if given is not None:
                raise ArgumentError(
                    f"{name} is an ocp-1 member; the v1.0 envelope has none (give chain_id)", 301, name
                )
        if chain_id is None:
            raise ArgumentError("an envelope needs chain_id (CAIP-2, e.g. eip155:1)", 301, "chainId")
        return produce_envelope(
            data,
            chain_id=chain_id,
            tx_hash=tx_hash,
            created_ms=timestamp_ms,
            assertion_time_ms=assertion_time_ms,
            block_height=block_height,
            block_hash=block_hash,
            finality_depth=finality_depth,
        )
    envelope_members: Tuple[Tuple[Any, str], ...] = (
        (chain_id, "chain_id"),
        (block_hash, "block_hash"),
        (block_height, "block_height"),
        (assertion_time_ms, "assertion_time_ms"),
    )
    for given, name in envelope_members:
        if given is not None:
            raise ArgumentError(f"{name} is an envelope member: give envelope=True", 301, name)
    if network is None:
        raise ArgumentError("an ocp-1 file needs network (or use envelope=True, chain_id=...)", 301, "network")
    if contract is None:
        raise ArgumentError("an ocp-1 file needs contract", 301, "contract")
    return produce_proof_file(
        data,
        file_name=default_name if file_name is None else file_name,
        tx_hash=tx_hash,
        network=network,
        contract=contract,
        timestamp_ms=timestamp_ms,
        extraction_rule=extraction_rule,
    )


def verify(
    artifact: Any,
    observation: Any = None,
    *,
    table: Any = None,
    receipt: Any = None,
    raise_on_invalid: bool = True,
) -> OcpReport:
    """Verifies an OCP artifact offline, as ``exectable verify ocp`` does.

    ``artifact``: an :class:`OcpArtifact` or its JSON (text, dict, or a path to the file).
    ``observation``: bytes or a path; or ``table=`` an execution table. ``receipt``: the artifact
    transaction's ``eth_getTransactionReceipt`` JSON (text, dict or a path), or ``None`` to check
    the hash only (then inclusion is reported as not checked). A malformed artifact (507) or
    receipt (606) always raises. A failing step raises ``OcpError`` with its code;
    with ``raise_on_invalid=False`` the report is returned instead (``report.valid``,
    ``report.error``).
    """
    data, _ = _observation(observation, table)
    if isinstance(artifact, os.PathLike):
        artifact = _read(artifact)
    if isinstance(receipt, os.PathLike):
        receipt = _read(receipt)
    return _native.ocp_verify(artifact, data, receipt, raise_on_invalid=raise_on_invalid)
