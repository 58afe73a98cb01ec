# Type stubs of exectable.replay (python/src/replay.rs).

from ._native import (
    PreflightReport as PreflightReport,
    Replay as Replay,
    preflight as preflight,
    preflight_l1 as preflight_l1,
    preflight_l2 as preflight_l2,
    rebuild_trace as rebuild_trace,
)
from ._native import replay_trace as replay

__all__ = ["PreflightReport", "Replay", "preflight", "preflight_l1", "preflight_l2", "rebuild_trace", "replay"]
