"""Milliseconds per document for the HTML and Markdown readers, against a bare-parse floor.

Run: python benchmarks/bench_html_markdown.py [--repeat N] [--wall]
Prints, for each HTML page and Markdown file in tests/data/corpus, the reader alone
(read_document), the whole load() (reader + builder), and a floor: lxml's parse of the
same bytes for HTML, decode + splitlines + split("|") for Markdown; then their ratio
(the target for HTML: load <= 4x the floor). Times are CPU time of this process, so
that other work on a shared machine does not blur the ratio; ``--wall`` uses the clock.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from lxml import html as lxml_html
from timing import best_ms

import govreport

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"


def html_floor(data: bytes) -> object:
    return lxml_html.document_fromstring(data)


def markdown_floor(data: bytes) -> int:
    cells = 0
    for line in data.decode("utf-8").splitlines():
        cells += len(line.split("|"))
    return cells


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--wall", action="store_true", help="wall-clock time, not CPU time")
    args = parser.parse_args()
    clock = time.perf_counter if args.wall else time.process_time
    paths = sorted([*CORPUS.glob("*.html"), *CORPUS.glob("*.md")])
    govreport.load(paths[0])  # plugin discovery happens once; not what is measured
    print(f"{'document':42} {'KB':>5} {'read ms':>8} {'load ms':>8} {'floor ms':>9} {'ratio':>6}")
    for path in paths:
        data = path.read_bytes()
        floor = html_floor if path.suffix == ".html" else markdown_floor
        name = path.name
        read_ms = best_ms(lambda d=data: govreport.read_document(d), args.repeat, clock=clock)  # type: ignore[misc]
        load_ms = best_ms(lambda d=data: govreport.load(d), args.repeat, clock=clock)  # type: ignore[misc]
        floor_ms = best_ms(lambda d=data, f=floor: f(d), args.repeat, clock=clock)  # type: ignore[misc]
        print(
            f"{name:42} {len(data) / 1024:5.0f} {read_ms:8.2f} {load_ms:8.2f} {floor_ms:9.3f} "
            f"{load_ms / floor_ms:5.0f}x"
        )


if __name__ == "__main__":
    main()
