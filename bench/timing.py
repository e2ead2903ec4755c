"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def ms_runs(fn: Callable[[], Any], runs: int, warmup: int = 0) -> list[float]:
    """Wall time of ``runs`` calls of ``fn``, each in milliseconds (results kept by the
    caller), after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000.0)
    return out
