"""exectable: byte-exact execution tables of the EEZ sync-rollups protocol.

A thin layer over the private native module ``exectable._native`` (the Rust core): ``bytes`` in
and out, ``int`` for uint/int256, struct classes in :mod:`exectable.l1` and :mod:`exectable.l2`
named and shaped as the Solidity structs. Submodules: :mod:`~exectable.events` (logs and custom
errors), :mod:`~exectable.validate`, :mod:`~exectable.proof_inputs`, :mod:`~exectable.replay`
(rolling-hash replay and pre-flight), :mod:`~exectable.commit` (table commitments and inclusion
proofs), :mod:`~exectable.membership` (an entry in a posted batch), :mod:`~exectable.ocp`,
:mod:`~exectable.layout` (how accepted calldata was laid out).
Python converts values only; every protocol rule lives in the core.
"""

from typing import Any, List, Mapping, Union

from . import _native, commit, events, l1, l2, layout, membership, ocp, proof_inputs, replay, validate
from ._native import ManagerCall, decode_calldata, decode_many, encode_calldata
from .errors import (
    AbiError,
    ArgumentError,
    CannotDecideError,
    ExectableError,
    JsonError,
    MembershipError,
    NotIncludedError,
    OcpError,
    ProofError,
)
from .layout import Deviation, Layout

__all__ = [
    "AbiError",
    "ArgumentError",
    "CannotDecideError",
    "Deviation",
    "ExectableError",
    "JsonError",
    "Layout",
    "ManagerCall",
    "MembershipError",
    "NotIncludedError",
    "OcpError",
    "ProofError",
    "abi_decode",
    "abi_encode",
    "commit",
    "cross_chain_call_hash",
    "decode_calldata",
    "decode_many",
    "encode_calldata",
    "entry_hash",
    "entry_hashes",
    "events",
    "keccak256",
    "l1",
    "l2",
    "layout",
    "lookup_call_hash",
    "lookup_call_hashes",
    "membership",
    "ocp",
    "proof_inputs",
    "proxy_address",
    "replay",
    "run_conformance",
    "struct_class",
    "struct_names",
    "validate",
]

keccak256 = _native.keccak256
cross_chain_call_hash = _native.cross_chain_call_hash
proxy_address = _native.proxy_address
run_conformance = _native.run_conformance
struct_class = _native.struct_class
entry_hashes = _native.entry_hashes
lookup_call_hashes = _native.lookup_call_hashes


def struct_names() -> List[str]:
    """Names accepted by :func:`struct_class`, :func:`abi_encode`, :func:`abi_decode` (``l1.ExecutionEntry``, ...)."""
    return list(_native.struct_names())


def _coerce(cls: Any, value: Any) -> Any:
    """``value`` as an instance of struct class ``cls``: itself, from a dict, or from JSON text."""
    if isinstance(value, cls):
        return value
    if isinstance(value, Mapping):
        return cls.from_dict(value)
    if isinstance(value, (str, bytes, bytearray)):
        return cls.from_json(value)
    raise ArgumentError(f"expected {cls.__name__}, a dict or JSON text, found {type(value).__name__}", 301, "value")


def abi_encode(name: str, value: Union[Mapping[str, Any], str, bytes, Any]) -> bytes:
    """``abi.encode(value)`` of struct ``name``; ``value`` is the struct object, its dict, or JSON text."""
    return bytes(_coerce(struct_class(name), value).abi_encode())


def abi_decode(name: str, data: Union[bytes, str]) -> Any:
    """Strictly decodes ``abi.encode(value)`` of struct ``name`` into its struct object."""
    return struct_class(name).abi_decode(data)


def entry_hash(entry: Union["l1.ExecutionEntry", Mapping[str, Any], str, bytes]) -> bytes:
    """``keccak256(abi.encode(entry))`` of an L1 ``ExecutionEntry`` (object, dict or JSON text)."""
    return bytes(_coerce(l1.ExecutionEntry, entry).hash())


def lookup_call_hash(lookup_call: Union["l1.LookupCall", Mapping[str, Any], str, bytes]) -> bytes:
    """``keccak256(abi.encode(lookupCall))`` of an L1 ``LookupCall`` (object, dict or JSON text)."""
    return bytes(_coerce(l1.LookupCall, lookup_call).hash())
