"""The one timing helper every benchmark uses."""

from __future__ import annotations

import statistics
import time
from typing import Callable


def best_and_median(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Seconds of the fastest and the median of `repeat` calls: best for the cost, median for the noise."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)
