# Type stubs of the `exectable` package (__init__.py).

from collections.abc import Mapping
from typing import Any

from typing_extensions import TypeAlias

from . import _native as _native
from ._native import (
    cross_chain_call_hash as cross_chain_call_hash,
    keccak256 as keccak256,
    proxy_address as proxy_address,
    run_conformance as run_conformance,
)
from .errors import (
    AbiError as AbiError,
    ArgumentError as ArgumentError,
    ExectableError as ExectableError,
    JsonError as JsonError,
    MembershipError as MembershipError,
    OcpError as OcpError,
    ProofError as ProofError,
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

# A struct as a dict (bytes/int or 0x-hex values) or as canonical JSON text (str or UTF-8 bytes).
_JsonInput: TypeAlias = Mapping[str, Any] | str | bytes

def struct_names() -> list[str]: ...
def abi_encode(name: str, value: _JsonInput) -> bytes: ...
def abi_decode(name: str, data: bytes) -> dict[str, Any]: ...
def decode_calldata(data: bytes) -> dict[str, Any]: ...
def encode_calldata(call: _JsonInput) -> bytes: ...
def entry_hash(entry: _JsonInput) -> bytes: ...
def lookup_call_hash(lookup_call: _JsonInput) -> bytes: ...
