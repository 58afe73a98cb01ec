# Type stubs of the `exectable` package (__init__.py).

from collections.abc import Mapping
from typing import Any

from typing_extensions import TypeAlias

from . import _native as _native
from . import commit as commit
from . import events as events
from . import l1 as l1
from . import l2 as l2
from . import layout as layout
from . import membership as membership
from . import ocp as ocp
from . import proof_inputs as proof_inputs
from . import replay as replay
from . import validate as validate
from ._native import (
    ManagerCall as ManagerCall,
    cross_chain_call_hash as cross_chain_call_hash,
    decode_calldata as decode_calldata,
    decode_many as decode_many,
    encode_calldata as encode_calldata,
    entry_hashes as entry_hashes,
    keccak256 as keccak256,
    lookup_call_hashes as lookup_call_hashes,
    proxy_address as proxy_address,
    run_conformance as run_conformance,
    struct_class as struct_class,
)
from .errors import (
    AbiError as AbiError,
    ArgumentError as ArgumentError,
    CannotDecideError as CannotDecideError,
    ExectableError as ExectableError,
    JsonError as JsonError,
    MembershipError as MembershipError,
    NotIncludedError as NotIncludedError,
    OcpError as OcpError,
    ProofError as ProofError,
)
from .layout import Deviation as Deviation, Layout as Layout

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

# A struct as its object, a dict (ints/bytes or JSON-edge text values) or canonical JSON text.
_StructInput: TypeAlias = Any | Mapping[str, Any] | str | bytes

def struct_names() -> list[str]: ...
def abi_encode(name: str, value: _StructInput) -> bytes: ...
def abi_decode(name: str, data: bytes | str) -> Any: ...
def entry_hash(entry: l1.ExecutionEntry | Mapping[str, Any] | str | bytes) -> bytes: ...
def lookup_call_hash(lookup_call: l1.LookupCall | Mapping[str, Any] | str | bytes) -> bytes: ...
