"""Readers in linear time: 10x more blocks must cost at most 12x the time.

Run: python benchmarks/bench_linear.py [--small N]
For HTML and Word documents of N and 10N paragraphs, and Markdown lines of N and 10N
bytes of ``[`` and ``{#`` runs, prints the time of each (CPU seconds, best of 3, in this
process) and their ratio. A quadratic reader shows about 100x; the target is <= 12x.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import govreport

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "hostile"))
from hostile_inputs import docx_paragraphs, html_paragraphs, named


def markdown_run(kind: str, size: int) -> bytes:
    run = "[" * size if kind == "[" else "{#" * (size // 2)
    return ("# 标题\n\n" + run + "\n").encode("utf-8")


#: name -> (builder of an input of a given size, file name, small size)
CASES: dict[str, tuple[Callable[[int], bytes], str, int]] = {
    "HTML paragraphs": (html_paragraphs, "p.html", 2_000),
    "Word paragraphs": (docx_paragraphs, "p.docx", 2_000),
    "Markdown [ run": (lambda n: markdown_run("[", n), "r.md", 50_000),
    "Markdown {# run": (lambda n: markdown_run("{#", n), "r.md", 50_000),
}


def read_seconds(data: bytes, name: str, rounds: int = 3) -> float:
    """CPU seconds to read ``data`` as a document (best of ``rounds``): the reader's
    own time, without the builder's."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        govreport.read_document(named(data, name))
        best = min(best, time.process_time() - start)
    return best


def ratios(scale: float = 1.0) -> dict[str, tuple[float, float]]:
    """Each case's (small, 10x) read times; ``scale`` shrinks the sizes (for tests)."""
    out: dict[str, tuple[float, float]] = {}
    for label, (build, name, small) in CASES.items():
        size = max(int(small * scale), 10)
        out[label] = (read_seconds(build(size), name), read_seconds(build(10 * size), name))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the sizes")
    args = parser.parse_args()
    govreport.formats()  # plugin discovery happens once; not what is measured
    print(f"{'input':20} {'N s':>8} {'10N s':>8} {'ratio':>6}  (target <= 12x)")
    for label, (small, large) in ratios(args.scale).items():
        print(f"{label:20} {small:8.3f} {large:8.3f} {large / small:5.1f}x")


if __name__ == "__main__":
    main()
