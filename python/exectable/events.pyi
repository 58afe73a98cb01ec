# Type stubs of exectable.events (python/src/events.rs).

from ._native import (
    Event as Event,
    ProtocolError as ProtocolError,
    decode_log as decode_log,
    decode_logs as decode_logs,
    decode_revert as decode_revert,
    known_errors as known_errors,
    known_events as known_events,
)

__all__ = [
    "Event",
    "ProtocolError",
    "decode_log",
    "decode_logs",
    "decode_revert",
    "known_errors",
    "known_events",
]
