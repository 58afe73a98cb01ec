"""exectable: byte-exact execution tables of the EEZ sync-rollups protocol.

A thin layer over the private native module ``exectable._native`` (the Rust core): ``bytes`` in
and out, ``int`` for uint256, dicts with the Solidity struct field names. Python converts
values only; every protocol rule lives in the core.
"""

import json as _json
from typing import Any, Dict, List, Mapping, Union

from . import _native
from .errors import (
    AbiError,
    ArgumentError,
    ExectableError,
    JsonError,
    MembershipError,
    OcpError,
    ProofError,
)

__all__ = [
    "AbiError",
    "ArgumentError",
    "ExectableError",
    "JsonError",
    "MembershipError",
    "OcpError",
    "ProofError",
    "abi_decode",
    "abi_encode",
    "cross_chain_call_hash",
    "decode_calldata",
    "encode_calldata",
    "entry_hash",
    "keccak256",
    "lookup_call_hash",
    "proxy_address",
    "run_conformance",
    "struct_names",
]

keccak256 = _native.keccak256
cross_chain_call_hash = _native.cross_chain_call_hash
proxy_address = _native.proxy_address
run_conformance = _native.run_conformance


def struct_names() -> List[str]:
    """Names accepted by :func:`abi_encode` / :func:`abi_decode` (``l1.ExecutionEntry``, ...)."""
    return list(_native.struct_names())


def _to_json_value(value: Any) -> Any:
    """Python values in the JSON edge form: bytes and ints as 0x-hex (negative ints ``-0x..``)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        # uints as 0x-hex; a negative int (int256) as a signed decimal string, which the core's
        # canonical JSON accepts for int256 (and rejects, naming the field, for a uint).
        return hex(value) if value >= 0 else str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "0x" + bytes(value).hex()
    if isinstance(value, Mapping):
        return {k: _to_json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_json_value(v) for v in value]
    raise TypeError(f"cannot convert {type(value).__name__} to JSON")


def _json_text(value: Union[Mapping[str, Any], str, bytes]) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, str):
        return value
    return _json.dumps(_to_json_value(value), separators=(",", ":"))


def abi_encode(name: str, value: Union[Mapping[str, Any], str, bytes]) -> bytes:
    """``abi.encode(value)`` of struct ``name``; ``value`` is a dict (bytes/int or 0x-hex) or JSON text."""
    return _native.abi_encode_json(name, _json_text(value))


def abi_decode(name: str, data: bytes) -> Dict[str, Any]:
    """Strictly decodes ``abi.encode(value)`` of struct ``name`` into its canonical JSON dict."""
    return _json.loads(_native.abi_decode_json(name, data))


def decode_calldata(data: bytes) -> Dict[str, Any]:
    """Decodes manager calldata by selector: ``{"function", "selector", "args"}`` (canonical JSON)."""
    return _json.loads(_native.decode_calldata_json(data))


def encode_calldata(call: Union[Mapping[str, Any], str, bytes]) -> bytes:
    """Encodes a manager call ``{"function", "args"}`` (as :func:`decode_calldata` returns) into calldata."""
    return _native.encode_calldata_json(_json_text(call))


def entry_hash(entry: Union[Mapping[str, Any], str, bytes]) -> bytes:
    """``keccak256(abi.encode(entry))`` of an L1 ``ExecutionEntry`` (dict or JSON text)."""
    return _native.entry_hash_json(_json_text(entry))


def lookup_call_hash(lookup_call: Union[Mapping[str, Any], str, bytes]) -> bytes:
    """``keccak256(abi.encode(lookupCall))`` of an L1 ``LookupCall`` (dict or JSON text)."""
    return _native.lookup_call_hash_json(_json_text(lookup_call))


