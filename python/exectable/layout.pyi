# Type stubs of exectable.layout (layout.py).

from dataclasses import dataclass
from typing import Any, Mapping

__all__ = ["Deviation", "Layout"]

@dataclass(frozen=True)
class Deviation:
    path: str
    offset: int
    kind: str
    message: str
    def to_dict(self) -> dict[str, Any]: ...

@dataclass(frozen=True)
class Layout:
    canonical: bool
    deviation: Deviation | None = None
    @classmethod
    def from_json(cls, value: str | bytes | Mapping[str, Any]) -> Layout: ...
    def to_dict(self) -> dict[str, Any]: ...
