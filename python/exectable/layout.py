"""How calldata the chain accepted was laid out: canonical, or where it first deviates.

Calldata read in ``evm`` mode (:func:`exectable.decode_calldata`, :func:`exectable.decode_many`,
and the posting input of :mod:`exectable.membership`) is accepted exactly as the compiled
contract's ABI decoder accepts it: moved, shared or backward offsets, dirty padding, trailing
bytes, a short final padding. The values are what the contract read; :class:`Layout` says whether
the input was the canonical encoding (``abi.encode``) of them and, if not, where it first departs
from it (core's ``abi::mode::Layout``; docs/CODEC.md).
"""

import json
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Union

__all__ = ["Deviation", "Layout"]


@dataclass(frozen=True)
class Deviation:
    """The first place an accepted input departs from the canonical layout."""

    #: Field path (``batch.entries[2].data``; ``$`` for the whole input).
    path: str
    #: Byte offset into the input.
    offset: int
    #: What departs: ``offset``, ``length``, ``word``, ``dirtyPadding``, ``shortInput`` or ``trailingBytes``.
    kind: str
    #: The strict decoder's message.
    message: str

    def to_dict(self) -> Dict[str, Any]:
        """``{"path", "offset", "kind", "message"}`` (offset as an int)."""
        return {"path": self.path, "offset": self.offset, "kind": self.kind, "message": self.message}


@dataclass(frozen=True)
class Layout:
    """Whether an accepted input is the canonical encoding of what was decoded."""

    #: ``True`` when the input is exactly ``abi.encode`` of the decoded value.
    canonical: bool
    #: The first deviation of a non-canonical input; ``None`` when canonical.
    deviation: Optional[Deviation] = None

    @classmethod
    def from_json(cls, value: Union[str, bytes, Mapping[str, Any]]) -> "Layout":
        """From core's layout JSON (text or parsed): ``{"canonical": true}`` or ``{"canonical":
        false, "deviation": {"path", "offset" (0x-hex), "kind", "message"}}``."""
        doc = json.loads(value) if isinstance(value, (str, bytes)) else value
        d = doc.get("deviation")
        if d is None:
            return cls(bool(doc["canonical"]))
        offset = d["offset"]
        offset = int(offset, 16) if isinstance(offset, str) else int(offset)
        return cls(bool(doc["canonical"]), Deviation(d["path"], offset, d["kind"], d["message"]))

    def to_dict(self) -> Dict[str, Any]:
        """``{"canonical": True}`` or ``{"canonical": False, "deviation": {...}}`` (offset as an int)."""
        if self.deviation is None:
            return {"canonical": self.canonical}
        return {"canonical": self.canonical, "deviation": self.deviation.to_dict()}
