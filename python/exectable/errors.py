"""Exceptions of exectable: one base class per the core error families, and one per verdict.

Every exception carries core's stable numeric ``code`` unchanged, the field ``path`` at fault
(``entries[3].l2ToL1Calls[0].data``) and the byte ``offset`` into the input where core reports
them (``None`` otherwise), and ``verdict``: what the error means for the item a verification is
about, as core classifies the code (``"notIncluded"`` or ``"cannotDecide"``). All subclass
``ValueError``.

The family classes (:class:`AbiError` … :class:`MembershipError`) follow the code's hundreds
digit. Every exception exectable raises is, in addition, an instance of
:class:`NotIncludedError` or :class:`CannotDecideError` by its verdict: it is raised as a
subclass of both its family and its verdict class, named as the family
(``except NotIncludedError`` catches a 604 ``MembershipError`` and a 403 ``ProofError``).
"""

import functools
from typing import Any, Dict, Optional, Tuple

from . import _native


class ExectableError(ValueError):
    """Base of every exectable error: ``code``, ``path``, ``offset`` as core reports them."""

    def __init__(self, message: str, code: int, path: Optional[str] = None, offset: Optional[int] = None):
        super().__init__(message)
        self.code = code
        self.path = path
        self.offset = offset

    @property
    def verdict(self) -> str:
        """``"notIncluded"`` or ``"cannotDecide"``: core's verdict on the code (``Verdict::of_code``)."""
        return str(_native.verdict_of_code(self.code))

    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...], Dict[str, Any]]:
        """Pickles as its family (or verdict) class; the verdict class is re-joined on load."""
        cls = type(self)
        family = cls.__dict__.get("_family", cls)
        return (_rebuild, (family, family is not cls, str(self), self.code, self.path, self.offset), self.__dict__)


class AbiError(ExectableError):
    """1xx: ABI bytes that are not the canonical encoding (truncated, bad offset, dirty padding, ...)."""


class JsonError(ExectableError):
    """2xx: JSON that is not the canonical form (syntax, shape, hex, numbers)."""


class ArgumentError(ExectableError):
    """3xx: an argument the protocol does not allow."""


class ProofError(ExectableError):
    """4xx: a table commitment or inclusion proof was rejected."""


class OcpError(ExectableError):
    """5xx: an OCP artifact was rejected."""


class MembershipError(ExectableError):
    """6xx: a batch-membership claim was rejected."""


class NotIncludedError(ExectableError):
    """Verdict ``notIncluded``: the evidence is usable and shows the item is not there (604 item not
    found, 602 failed posting, failed proofs 401–404/407/410, failed OCP artifacts 501/503–506)."""


class CannotDecideError(ExectableError):
    """Verdict ``cannotDecide``: the evidence is unusable, nothing follows about the item (every
    other code: malformed inputs, calldata the contract would refuse, another transaction, ...)."""


_FAMILIES = {1: AbiError, 2: JsonError, 3: ArgumentError, 4: ProofError, 5: OcpError, 6: MembershipError}
_VERDICTS = {"notIncluded": NotIncludedError, "cannotDecide": CannotDecideError}


@functools.lru_cache(maxsize=None)
def _raised_class(family: type, verdict: str) -> type:
    """The class exectable raises for ``family`` and ``verdict``: a subclass of both, named as the family."""
    base = _VERDICTS[verdict]
    if family is ExectableError:
        return base
    attrs = {"__module__": __name__, "__qualname__": family.__qualname__, "__doc__": family.__doc__, "_family": family}
    return type(family.__name__, (family, base), attrs)


def _from_core(message: str, code: int, path: Optional[str], offset: Optional[int]) -> ExectableError:
    """The exception for a core error (called by the native module)."""
    family = _FAMILIES.get(code // 100, ExectableError)
    return _raised_class(family, _native.verdict_of_code(code))(message, code, path, offset)


def _rebuild(family: type, joined: bool, message: str, code: int, path: Optional[str], offset: Optional[int]) -> Any:
    """Unpickles an exception: its family class, joined with its verdict class when it was raised so."""
    cls = _raised_class(family, _native.verdict_of_code(code)) if joined else family
    return cls(message, code, path, offset)
