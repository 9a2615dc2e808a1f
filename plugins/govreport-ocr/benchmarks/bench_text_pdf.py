"""What the OCR plugin costs a text PDF: load() through the plugin against the built-in
reader alone, same process, alternating runs.

Run: python plugins/govreport-ocr/benchmarks/bench_text_pdf.py [--repeat N]

The plugin claims PDFs (priority 60) so that a scan just works; a text PDF without
large pictures must then cost what the built-in reader costs. For each corpus PDF it
prints the median CPU seconds of ``load(data, format="pdf")`` (built-in) and of
``load(data)`` (the plugin chooses, and hands the PDF to the built-in reader), and
their ratio (target: 1.0, nothing read twice). The load average is printed beside.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import govreport

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from samples import CORPUS_PDFS, pdf_bytes  # noqa: E402


def _cpu(data: bytes, fmt: str | None) -> float:
    start = time.process_time()
    report = govreport.load(data, format=fmt) if fmt else govreport.load(data)
    spent = time.process_time() - start
    assert report.metadata.format == "pdf"
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'document':32} {'built-in s':>10} {'plugin s':>10} {'ratio':>6}")
    for stem in CORPUS_PDFS:
        data = pdf_bytes(stem)
        _cpu(data, "pdf"), _cpu(data, None)  # warm: imports, font caches
        builtin, plugin = [], []
        for _ in range(args.repeat):
            builtin.append(_cpu(data, "pdf"))
            plugin.append(_cpu(data, None))
        b, p = statistics.median(builtin), statistics.median(plugin)
        print(f"{stem:32} {b:>10.3f} {p:>10.3f} {p / b:>6.2f}", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
