"""Readers stay linear: 10x more paragraphs or bracket bytes cost far less than 100x.

A loose bound against machine noise; benchmarks/bench_linear.py prints the ratios
(target <= 12x)."""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from bench_linear import ratios  # noqa: E402


def test_ten_times_the_input_costs_about_ten_times_the_time() -> None:
    measured = ratios(scale=0.5)
    slow = {
        name: round(large / max(small, 1e-3), 1)
        for name, (small, large) in measured.items()
        if large > 20 * max(small, 1e-3)
    }
    assert not slow, slow  # a quadratic reader gives about 100x
