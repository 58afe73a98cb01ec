# Type stubs of exectable.ocp (python/exectable/ocp.py over python/src/ocp.rs).

import os
from typing import Any, Mapping, Union, final

from typing_extensions import TypeAlias

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

_BytesLike: TypeAlias = Union[bytes, bytearray, memoryview, str]
_Observation: TypeAlias = Union[bytes, bytearray, memoryview]
_Json: TypeAlias = Union[str, bytes, Mapping[str, Any]]
# An execution table: an l1 batch object, calldata (bytes or 0x-hex), or JSON (text or dict).
_Table: TypeAlias = Any

@final
class OcpArtifact:
    @staticmethod
    def from_json(value: _Json) -> OcpArtifact: ...
    @property
    def shape(self) -> str: ...
    @property
    def digest(self) -> bytes: ...
    @property
    def missingMembers(self) -> list[str]: ...
    @property
    def schemaComplete(self) -> bool: ...
    def evm_claim(self) -> dict[str, Any]: ...
    def verify(self, observation: _Observation, receipt: _Json | None = None, *, raise_on_invalid: bool = True) -> OcpReport: ...
    def to_json(self, indent: int | None = None) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class OcpReport:
    @property
    def valid(self) -> bool: ...
    @property
    def shape(self) -> str: ...
    @property
    def digest(self) -> bytes: ...
    @property
    def hash(self) -> str: ...
    @property
    def computed(self) -> bytes | None: ...
    @property
    def inclusion(self) -> str: ...
    @property
    def inclusionReason(self) -> str | None: ...
    @property
    def log(self) -> dict[str, Any] | None: ...
    @property
    def schemaComplete(self) -> bool: ...
    @property
    def missingMembers(self) -> list[str]: ...
    @property
    def notes(self) -> list[str]: ...
    @property
    def error(self) -> dict[str, Any] | None: ...
    def raise_for_error(self) -> None: ...
    def to_json(self, indent: int | None = None) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __bool__(self) -> bool: ...

def produce_proof_file(
    observation: _Observation,
    *,
    file_name: str,
    tx_hash: _BytesLike,
    network: str,
    contract: _BytesLike,
    timestamp_ms: int | str,
    extraction_rule: str | None = None,
) -> OcpArtifact: ...
def produce_envelope(
    observation: _Observation,
    *,
    chain_id: str,
    tx_hash: _BytesLike,
    created_ms: int | str,
    assertion_time_ms: int | str | None = None,
    block_height: int | str | None = None,
    block_hash: _BytesLike | None = None,
    finality_depth: int = 0,
) -> OcpArtifact: ...
def table_observation(table: _Table) -> tuple[bytes, str]: ...
def sha256_digest(observation: _Observation) -> bytes: ...
def produce(
    observation: _Observation | os.PathLike[str] | None = None,
    *,
    tx_hash: Union[bytes, str],
    table: _Table = None,
    envelope: bool = False,
    network: str | None = None,
    contract: Union[bytes, str] | None = None,
    file_name: str | None = None,
    extraction_rule: str | None = None,
    chain_id: str | None = None,
    block_hash: Union[bytes, str] | None = None,
    block_height: int | None = None,
    finality_depth: int = 0,
    assertion_time_ms: int | None = None,
    timestamp_ms: int | None = None,
) -> OcpArtifact: ...
def verify(
    artifact: OcpArtifact | _Json | os.PathLike[str],
    observation: _Observation | os.PathLike[str] | None = None,
    *,
    table: _Table = None,
    receipt: _Json | os.PathLike[str] | None = None,
    raise_on_invalid: bool = True,
) -> OcpReport: ...
