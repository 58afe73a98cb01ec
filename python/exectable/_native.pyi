# Type stubs of the private native module `exectable._native` (python/src/*.rs).
# `bytes` in and out, `int` for uint/int256; byte-string arguments also take 0x-hex `str`, int
# arguments decimal or 0x-hex `str`; a bad argument raises the `exectable.errors` exception of
# the core error's family.

from typing import Any, Iterable, Literal, Mapping, TypedDict, Union, final, overload

from typing_extensions import Self

from .errors import ExectableError
from .l1 import ExecutionEntry as L1ExecutionEntry
from .l1 import ExpectedL1ToL2Call as L1ExpectedL1ToL2Call
from .l1 import ExpectedLookup as L1ExpectedLookup
from .l1 import ExpectedStateRootPerRollup as L1ExpectedStateRootPerRollup
from .l1 import L2ToL1Call as L1L2ToL1Call
from .l1 import LookupCall as L1LookupCall
from .l1 import ProofSystemBatchPerVerificationEntries as L1ProofSystemBatchPerVerificationEntries
from .l1 import RollupIdWithProofSystems as L1RollupIdWithProofSystems
from .l1 import StateDelta as L1StateDelta
from .l2 import CrossChainCall as L2CrossChainCall
from .l2 import ExecutionEntry as L2ExecutionEntry
from .l2 import ExpectedLookup as L2ExpectedLookup
from .l2 import ExpectedOutgoingCrossChainCall as L2ExpectedOutgoingCrossChainCall
from .l2 import LookupCall as L2LookupCall

__all__ = [
    "L1ExecutionEntry",
    "L1ExpectedL1ToL2Call",
    "L1ExpectedLookup",
    "L1ExpectedStateRootPerRollup",
    "L1L2ToL1Call",
    "L1LookupCall",
    "L1ProofSystemBatchPerVerificationEntries",
    "L1RollupIdWithProofSystems",
    "L1StateDelta",
    "L2CrossChainCall",
    "L2ExecutionEntry",
    "L2ExpectedLookup",
    "L2ExpectedOutgoingCrossChainCall",
    "L2LookupCall",
    "ManagerCall",
    "cross_chain_call_hash",
    "decode_calldata",
    "decode_many",
    "encode_calldata",
    "entry_hashes",
    "keccak256",
    "lookup_call_hashes",
    "proxy_address",
    "run_conformance",
    "struct_class",
    "struct_names",
]

_BytesLike = Union[bytes, bytearray, memoryview, str]
_Int = Union[int, str]

class _ProxyAddress(TypedDict):
    proxyAddress: bytes
    salt: bytes
    initCodeHash: bytes

class _KindReport(TypedDict):
    passed: int
    failed: int
    failures: list[tuple[str, str]]

@final
class ManagerCall:
    def __new__(cls, function: str, **args: Any) -> Self: ...
    @property
    def function(self) -> str: ...
    @property
    def selector(self) -> bytes: ...
    @property
    def signature(self) -> str: ...
    @property
    def args(self) -> dict[str, Any]: ...
    @property
    def batch(self) -> L1ProofSystemBatchPerVerificationEntries | None: ...
    def encode(self) -> bytes: ...
    def to_dict(self) -> dict[str, Any]: ...
    @staticmethod
    def from_dict(value: Mapping[str, Any]) -> ManagerCall: ...
    def to_json(self, indent: int | None = None) -> str: ...
    @staticmethod
    def from_json(text: str | bytes) -> ManagerCall: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...

def keccak256(data: bytes) -> bytes: ...
def cross_chain_call_hash(
    target_rollup_id: _Int,
    target_address: _BytesLike,
    value: _Int,
    data: _BytesLike,
    source_address: _BytesLike,
    source_rollup_id: _Int,
) -> bytes: ...
def struct_class(name: str) -> type[Any]: ...
def struct_names() -> list[str]: ...
def entry_hashes(
    entries: Iterable[L1ExecutionEntry | Mapping[str, Any]], *, threads: int | None = None
) -> list[bytes]: ...
def lookup_call_hashes(
    lookup_calls: Iterable[L1LookupCall | Mapping[str, Any]], *, threads: int | None = None
) -> list[bytes]: ...
def proxy_address(
    manager: _BytesLike,
    original_address: _BytesLike,
    original_rollup_id: _Int,
    creation_code: bytes | str | None = None,
) -> _ProxyAddress: ...
def run_conformance(vector_file: bytes | str) -> tuple[int, int, dict[str, _KindReport]]: ...
def decode_calldata(data: _BytesLike) -> ManagerCall: ...
def encode_calldata(call: ManagerCall | Mapping[str, Any]) -> bytes: ...
@overload
def decode_many(
    blobs: Iterable[_BytesLike], *, errors: Literal["raise"] = "raise", threads: int | None = None
) -> list[ManagerCall]: ...
@overload
def decode_many(
    blobs: Iterable[_BytesLike], *, errors: Literal["return"], threads: int | None = None
) -> list[ManagerCall | ExectableError]: ...
