"""Scores and seconds per page of the OCR reader on the full scan matrix, against
full-page detection + recognition of every page, in the same run.

Run: python plugins/govreport-ocr/benchmarks/bench_ocr.py [--dpi 150 200 300] [--stems ...]

For every corpus PDF and resolution it makes the seeded scan the tests use, then:
  reader    govreport.load() through the plugin: title page and table pages only, table
            cells recognised in batches without the detector
  full      the detector and recogniser run on every whole page (deskewed), which is
            what reading a scan without knowing its tables costs
and prints seconds per page of each (wall/CPU: the machine is shared, and CPU time,
all threads counted, is what other work disturbs least), the ratio of their CPU
times (target >= 3), the cells right,
wrong and left blank (target: wrong 0, >= 98 % right at 200 and 300 dpi, >= 95 % at
150), whether agency and year are right, and, for the full pass, how many of the
reader's numbers it recognised the same way. Peak resident memory is printed last
(target <= 1 GB).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import sys
import time
from pathlib import Path

import govreport
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from govreport_ocr import grid  # noqa: E402
from govreport_ocr.engine import default_engine  # noqa: E402
from govreport_ocr.images import pdf_pages  # noqa: E402
from samples import CORPUS_PDFS, corpus_scan, score  # noqa: E402


def full_pass(scan: bytes) -> tuple[float, float, int, list[str]]:
    """Wall and CPU seconds for det+rec on every whole page, the page count, and the texts read."""
    engine = default_engine()
    start, cpu = time.perf_counter(), time.process_time()
    texts: list[str] = []
    pages = 0
    for page in pdf_pages(scan, None, max_pages=500):
        level, _ = grid.deskew(page.gray, page.dpi)
        texts.extend(line.text for line in engine.detect_and_recognise(level))
        pages += 1
    return time.perf_counter() - start, time.process_time() - cpu, pages, texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300])
    parser.add_argument("--stems", nargs="+", default=list(CORPUS_PDFS))
    parser.add_argument("--no-full", action="store_true", help="skip the full-page pass")
    args = parser.parse_args()
    # not timed: loading the models (an empty list returns before they are loaded)
    default_engine().recognise([np.full((48, 96), 255, dtype=np.uint8)])
    print("load average (1, 5, 15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    print(
        f"{'document':32} {'dpi':>4} {'pages':>5} {'reader s/p':>11} {'full s/p':>11} "
        f"{'ratio':>6} {'right':>9} {'%':>6} {'wrong':>5} {'blank':>5} {'agency/year':>11} {'same':>9}"
    )
    totals: dict[int, list[int]] = {}
    runs = []
    # every reader pass first, so that the peak memory measured after them is the reader's
    for dpi in args.dpi:
        for stem in args.stems:
            scan = corpus_scan(stem, dpi)
            start, cpu = time.perf_counter(), time.process_time()
            report = govreport.load(scan, format="ocr")
            runs.append(
                (dpi, stem, scan, report, time.perf_counter() - start, time.process_time() - cpu)
            )
    reader_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for dpi, stem, scan, report, reader_seconds, reader_cpu in runs:
        result = score(report, stem)
        numbers = [
            c.text for t in report.tables() for c in t.cells if re.fullmatch(r"\d+(\.\d+)?", c.text)
        ]
        if args.no_full:
            full_seconds = full_cpu = float("nan")
            pages, same = len(list(pdf_pages(scan, None, max_pages=500))), "-"
        else:
            full_seconds, full_cpu, pages, texts = full_pass(scan)
            seen = set(texts)
            same = f"{sum(1 for n in numbers if n in seen)}/{len(numbers)}"
        ratio = full_cpu / reader_cpu
        total = totals.setdefault(dpi, [0, 0, 0])
        total[0] += result.printed
        total[1] += result.right
        total[2] += len(result.wrong)
        print(
            f"{stem:32} {dpi:>4} {pages:>5} {reader_seconds / pages:>5.1f}/{reader_cpu / pages:<5.1f} "
            f"{full_seconds / pages:>5.1f}/{full_cpu / pages:<5.1f} "
            f"{ratio:>6.2f} {result.right:>4}/{result.printed:<4} {100 * result.share:>6.1f} "
            f"{len(result.wrong):>5} {len(result.blank):>5} {str(result.agency) + '/' + str(result.year):>11} {same:>9}",
            f"  load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        for line in result.wrong:
            print("   WRONG", line)
        uncertain = [f for f in report.findings if f.rule == "S-ocr-uncertain"]
        for finding in uncertain[:5]:
            print("   uncertain:", finding.message)
    for dpi, (printed, right, wrong) in totals.items():
        print(
            f"all documents at {dpi} dpi: {right}/{printed} right ({100 * right / printed:.1f} %), {wrong} wrong"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak resident memory: reader {reader_peak:.0f} MB, with the full-page pass {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
