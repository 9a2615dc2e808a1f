"""load() of each PDF with the pdfium engine against the pdfplumber engine: time and peak memory.

Run: python benchmarks/bench_pdf.py [--repeat N] [PDF ...]
Prints, for each PDF (by default the corpus PDFs in tests/data/corpus), in one run:
the best time of load() with each engine over alternating runs, the speed-up
(pdfplumber's time over pdfium's; the target is at least 5), and the peak resident
memory of a fresh process that imports govreport and loads the PDF once with each
engine (the target: pdfium's not higher). A last column gives pdfplumber's bare pass
over every page's ``chars`` (one pdfminer parse per page, nothing else), the floor of
the pdfplumber engine.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber

import govreport
from govreport import BuildOptions

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"
ENGINES = ("pdfium", "pdfplumber")

# A fresh interpreter per measurement, which reports its own high-water mark (VmHWM:
# ru_maxrss would carry over the peak of this process, which forked it).
_PEAK = """
import sys
import govreport
govreport.load(sys.argv[1], format="pdf", options=govreport.BuildOptions(pdf_engine=sys.argv[2]))
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""


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


def interleaved_ms(fns: list[Callable[[], object]], repeat: int) -> list[float]:
    """Best time of each over ``repeat`` alternating runs: the machine's load at any
    moment then weighs on all, and the best run is the one least disturbed."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, spent in zip(fns, times, strict=True):
            spent.append(timed_ms(fn))
    return [min(spent) for spent in times]


def peak_mb(path: Path, engine: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path), engine],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(out.split()[-1]) / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=5, help="alternating runs per measurement (best)"
    )
    parser.add_argument("pdfs", nargs="*", type=Path, help="PDF files (default: the corpus PDFs)")
    args = parser.parse_args()
    paths = args.pdfs or sorted(CORPUS.glob("*.pdf"))
    print(
        f"{'document':<36} {'pages':>5} {'pdfium ms':>9} {'plumber ms':>10} {'speed-up':>8}"
        f" {'pdfium MB':>9} {'plumber MB':>10} {'chars ms':>8}"
    )
    totals = [0.0, 0.0]
    for path in paths:
        data = path.read_bytes()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
        loads: list[Callable[[], object]] = [
            lambda data=data, engine=engine: govreport.load(
                data, format="pdf", options=BuildOptions(pdf_engine=engine)
            )
            for engine in ENGINES
        ]
        runs = [*loads, lambda data=data: bare_chars(data)]
        for fn in runs:  # warm: imports, font caches
            fn()
        pdfium_ms, plumber_ms, chars_ms = interleaved_ms(runs, args.repeat)
        pdfium_mb, plumber_mb = (peak_mb(path, engine) for engine in ENGINES)
        totals[0] += pdfium_ms
        totals[1] += plumber_ms
        print(
            f"{path.name[:36]:<36} {pages:>5} {pdfium_ms:>9.1f} {plumber_ms:>10.1f}"
            f" {plumber_ms / pdfium_ms:>7.1f}x {pdfium_mb:>9.1f} {plumber_mb:>10.1f} {chars_ms:>8.1f}"
        )
    if len(paths) > 1:
        print(
            f"{'all':<36} {'':>5} {totals[0]:>9.1f} {totals[1]:>10.1f} {totals[1] / totals[0]:>7.1f}x"
        )


if __name__ == "__main__":
    main()
