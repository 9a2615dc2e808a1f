"""Milliseconds per document for the HTML and Markdown readers, against a bare-parse floor.

Run: python benchmarks/bench_html_markdown.py [--rounds N] [--wall]
Prints, for each HTML page and Markdown file in tests/data/corpus, the format's reader
alone (its ``read`` of the bytes), read_document (the reader plus choosing it: every
installed format sniffs the first 64 KiB), the whole load() (read_document + builder),
and a floor: lxml's parse of the same bytes for HTML, decode + splitlines + split("|")
for Markdown; then the three ratios to the floor (the target for HTML: load <= 4x the
floor). The three are timed in turn,
round after round, and each keeps its best round, so that a burst of other work on a
shared machine lands on all three alike. Times are CPU time of this process;
``--wall`` uses the clock. The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

from lxml import html as lxml_html

import govreport
from govreport.formats.html import HtmlFormat
from govreport.formats.markdown import MarkdownFormat
from govreport.source import Source

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"


def html_floor(data: bytes) -> object:
    return lxml_html.document_fromstring(data)


def markdown_floor(data: bytes) -> int:
    cells = 0
    for line in data.decode("utf-8").splitlines():
        cells += len(line.split("|"))
    return cells


def interleaved_ms(
    calls: dict[str, Callable[..., object]], rounds: int, clock: Callable[[], float]
) -> dict[str, float]:
    """Best milliseconds per call of each of ``calls``, timed one after another in each
    round (two calls a round, to get above the clock's resolution)."""
    best = dict.fromkeys(calls, float("inf"))
    for _ in range(rounds):
        for name, call in calls.items():
            start = clock()
            call()
            call()
            best[name] = min(best[name], (clock() - start) / 2)
    return {name: seconds * 1000 for name, seconds in best.items()}


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--wall", action="store_true", help="wall-clock time, not CPU time")
    args = parser.parse_args()
    clock = time.perf_counter if args.wall else time.process_time
    paths = sorted([*CORPUS.glob("*.html"), *CORPUS.glob("*.md")])
    govreport.load(paths[0])  # plugin discovery happens once; not what is measured
    print(f"load average before: {load_average()}")
    print(
        f"{'document':40} {'KB':>4} {'floor ms':>8} {'reader':>7} {'read':>7} {'load':>7}"
        f"  {'reader/floor':>12} {'read/floor':>10} {'load/floor':>10}"
    )
    for path in paths:
        data = path.read_bytes()
        floor = html_floor if path.suffix == ".html" else markdown_floor
        reader = HtmlFormat() if path.suffix == ".html" else MarkdownFormat()
        ms = interleaved_ms(
            {
                "floor": lambda data=data, floor=floor: floor(data),
                "reader": lambda data=data, r=reader, n=path.name: r.read(Source(data, n)),
                "read": lambda data=data: govreport.read_document(data),
                "load": lambda data=data: govreport.load(data),
            },
            args.rounds,
            clock,
        )
        print(
            f"{path.name:40} {len(data) / 1024:4.0f} {ms['floor']:8.3f} {ms['reader']:7.2f} "
            f"{ms['read']:7.2f} {ms['load']:7.2f}  {ms['reader'] / ms['floor']:11.1f}x "
            f"{ms['read'] / ms['floor']:9.1f}x {ms['load'] / ms['floor']:9.1f}x"
        )
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
