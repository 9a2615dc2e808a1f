"""Timing shared by the benchmark scripts: the best of several runs, in milliseconds."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_ms(
    fn: Callable[[], object],
    repeat: int,
    rounds: int = 5,
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    """Milliseconds per call of ``fn``: the best of ``rounds`` rounds of ``repeat`` calls
    (the best, because other work on the machine only ever adds time). ``clock`` may be
    ``time.process_time`` to count CPU time only, on a machine other work keeps busy."""
    best = float("inf")
    for _ in range(rounds):
        start = clock()
        for _ in range(repeat):
            fn()
        best = min(best, (clock() - start) / repeat)
    return best * 1000
