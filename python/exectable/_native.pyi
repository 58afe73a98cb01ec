# Type stubs of the private native module `exectable._native` (python/src/lib.rs).
# `bytes` in and out, `int` for uint256 (0..2**256), canonical JSON text for structs; a bad
# argument raises the `exectable.errors` exception of the core error's family.

from typing import TypedDict

__all__ = [
    "abi_decode_json",
    "abi_encode_json",
    "cross_chain_call_hash",
    "decode_calldata_json",
    "encode_calldata_json",
    "entry_hash_json",
    "keccak256",
    "lookup_call_hash_json",
    "proxy_address",
    "run_conformance",
    "struct_names",
]

class _ProxyAddress(TypedDict):
    proxyAddress: bytes
    salt: bytes
    initCodeHash: bytes

class _KindReport(TypedDict):
    passed: int
    failed: int
    failures: list[tuple[str, str]]

def keccak256(data: bytes) -> bytes: ...
def cross_chain_call_hash(
    target_rollup_id: int,
    target_address: bytes,
    value: int,
    data: bytes,
    source_address: bytes,
    source_rollup_id: int,
) -> bytes: ...
def abi_encode_json(name: str, json: str) -> bytes: ...
def abi_decode_json(name: str, data: bytes) -> str: ...
def struct_names() -> list[str]: ...
def decode_calldata_json(data: bytes) -> str: ...
def encode_calldata_json(json: str) -> bytes: ...
def entry_hash_json(json: str) -> bytes: ...
def lookup_call_hash_json(json: str) -> bytes: ...
def proxy_address(
    manager: bytes,
    original_address: bytes,
    original_rollup_id: int,
    creation_code: bytes | None = None,
) -> _ProxyAddress: ...
def run_conformance(vector_file: bytes | str) -> tuple[int, int, dict[str, _KindReport]]: ...
