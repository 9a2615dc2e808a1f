"""Milliseconds per PDF for load(), against pdfplumber's bare pass over every page's chars.

Run: python benchmarks/bench_pdf.py [--repeat N] [PDF ...]
Prints, for each PDF (by default the corpus PDFs in tests/data/corpus), in one run:
the time of load(), the time of opening the same bytes with pdfplumber and reading
every page's ``chars`` (one pdfminer parse per page, nothing else), and their ratio.
The target is a ratio of at most 1.2: one parse per page, no repeated extraction.
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber

import govreport

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"


def bare_chars(data: bytes) -> int:
    count = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            count += len(page.chars)
            page.close()  # as load() does: the fairest floor frees each page's layout too
    return count


def timed_ms(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def interleaved_ms(
    first: Callable[[], object], second: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Best time of each over ``repeat`` alternating runs: the machine's load at any
    moment then weighs on both, and the best run is the one least disturbed."""
    times_first, times_second = [], []
    for _ in range(repeat):
        times_first.append(timed_ms(first))
        times_second.append(timed_ms(second))
    return min(times_first), min(times_second)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=7, help="alternating runs per measurement (best)"
    )
    parser.add_argument("pdfs", nargs="*", type=Path, help="PDF files (default: the corpus PDFs)")
    args = parser.parse_args()
    paths = args.pdfs or sorted(CORPUS.glob("*.pdf"))
    print(f"{'document':<40} {'pages':>5} {'load ms':>9} {'chars ms':>9} {'ratio':>6}")
    total_load = total_bare = 0.0
    for path in paths:
        data = path.read_bytes()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
        # warm both paths once (imports, font caches)
        govreport.load(data, format="pdf")
        bare_chars(data)
        load_ms, bare_ms = interleaved_ms(
            lambda data=data: govreport.load(data, format="pdf"),
            lambda data=data: bare_chars(data),
            args.repeat,
        )
        total_load += load_ms
        total_bare += bare_ms
        print(
            f"{path.name:<40} {pages:>5} {load_ms:>9.1f} {bare_ms:>9.1f} {load_ms / bare_ms:>6.2f}"
        )
    if len(paths) > 1:
        print(
            f"{'all':<40} {'':>5} {total_load:>9.1f} {total_bare:>9.1f} {total_load / total_bare:>6.2f}"
        )


if __name__ == "__main__":
    main()
