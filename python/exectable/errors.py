"""Exceptions of exectable: one base class per the core error families.

Every exception carries core's stable numeric ``code`` unchanged, the field ``path`` at fault
(``entries[3].l2ToL1Calls[0].data``) and the byte ``offset`` into the input where core reports
them (``None`` otherwise). All subclass ``ValueError``.
"""

from typing import Optional


class ExectableError(ValueError):
    """Base of every exectable error: ``code``, ``path``, ``offset`` as core reports them."""

    def __init__(self, message: str, code: int, path: Optional[str] = None, offset: Optional[int] = None):
        super().__init__(message)
        self.code = code
        self.path = path
        self.offset = offset


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
