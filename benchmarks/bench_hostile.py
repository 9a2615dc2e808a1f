"""Time and peak memory of each hostile input of tests/hostile, each in its own process.

Run: python benchmarks/bench_hostile.py [--timeout S] [NAME ...]
Each input is built first (not timed), then read with govreport.load in a fresh
process; printed: wall seconds and CPU seconds of that load, peak RSS of that process
in MB, and the outcome (the report's agency and cell count, or the error class). A run
past ``--timeout`` is killed and printed as such. The memory floor is that of a process
that built the input and read nothing (printed as ``floor``). ``control`` is the CPU
seconds of a fixed Python loop run in the same process just before the load: on a
machine other work keeps busy it grows with the load, and the seconds with it (it takes
about 0.1 s on an idle core). The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: name -> (expression building the bytes, file name given to load, None: bytes alone)
CASES: dict[str, tuple[str, str | None]] = {
    "reference loop PDF": ("reference_loop_pdf()", "loop.pdf"),
    "1 GiB deflate stream PDF": ("deflate_bomb_pdf()", "bomb.pdf"),
    "1 GiB deflate stream, RC4-encrypted PDF": ("encrypted_bomb_pdf()", "rc4.pdf"),
    "1 GiB deflate stream, /Filter by reference": ("filtered_bomb_pdf('indirect')", "ref.pdf"),
    "1 GiB hex + deflate stream PDF": ("filtered_bomb_pdf('hex')", "hex.pdf"),
    "1 GiB LZW stream PDF": ("filtered_bomb_pdf('lzw')", "lzw.pdf"),
    "2,000 pages PDF": ("many_pages_pdf(2000)", "long.pdf"),
    "200k glyphs on a page PDF": ("dense_page_pdf(200_000)", "dense.pdf"),
    "gridSpan bomb DOCX": ("docx_gridspan_bomb()", "span.docx"),
    "DOCX 40k paragraphs": ("docx_paragraphs(40_000)", "long.docx"),
    "DOCX 100k paragraphs": ("docx_paragraphs(100_000)", "longer.docx"),
    "HTML 10k paragraphs": ("html_paragraphs(10_000)", "p10k.html"),
    "HTML 40k paragraphs": ("html_paragraphs(40_000)", "p40k.html"),
    "HTML 400k paragraphs": ("html_paragraphs(400_000)", "p400k.html"),
    "Markdown 0.5 MB of [": ("markdown_runs('[')", "brackets.md"),
    "Markdown 0.5 MB of {#": ("markdown_runs('{#')", "attributes.md"),
    "HTML embed/source/track": ("html_with_void_elements()", "void.html"),
    "HTML unusual DOCTYPE": ("html_with_unusual_doctype()", "doctype.html"),
    "HTML all-text row": ("html_all_text_row()", "row.html"),
    "HTML markup in metadata": ("html_with_markup_in_metadata()", "meta.html"),
    "HTML unusual DOCTYPE, no name": ("html_with_unusual_doctype()", None),
}

_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {hostile!r})
from hostile_inputs import *
data = {expression}
import govreport
floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
control = time.process_time()
total = 0
for i in range(2_000_000):
    total += i
control = time.process_time() - control
start = time.perf_counter()
cpu = time.process_time()
try:
    report = govreport.load(named(data, {name!r}) if {name!r} else data)
    outcome = f"report ({{report.metadata.format}}): agency {{report.metadata.agency}}, title {{report.metadata.title}}, {{sum(v is not None for v in report.cells().values())}} cells, " + ",".join(sorted({{f.rule for f in report.findings}}))
except Exception as exc:
    outcome = f"{{type(exc).__name__}}: {{str(exc)[:110]}}"
seconds = time.perf_counter() - start
cpu = time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": seconds, "cpu": cpu, "control": control, "peak_mb": peak / 1024, "floor_mb": floor / 1024, "outcome": outcome}}))
"""


def run(name: str, timeout: float) -> dict[str, object]:
    expression, file_name = CASES[name]
    code = _CHILD.format(
        hostile=str(ROOT / "tests" / "hostile"), expression=expression, name=file_name
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"seconds": None, "outcome": f"still running after {timeout:.0f} s, killed"}
    if done.returncode != 0 or not done.stdout.strip():
        return {"seconds": None, "outcome": "crashed: " + done.stderr.strip()[-200:]}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("names", nargs="*", help="cases to run (default: all)")
    args = parser.parse_args()
    names = args.names or list(CASES)
    print("load average before: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(f"{'input':28} {'s':>7} {'cpu s':>6} {'control':>7} {'peak MB':>8} {'floor':>6}  outcome")
    for name in names:
        result = run(name, args.timeout)
        shown = " ".join(
            f"{value:{width}.2f}" if isinstance(value, float) else " " * (width - 1) + "-"
            for value, width in (
                (result.get("seconds"), 7),
                (result.get("cpu"), 6),
                (result.get("control"), 7),
            )
        )
        peak = result.get("peak_mb")
        floor = result.get("floor_mb")
        memory = (
            f"{peak:8.0f} {floor:6.0f}"
            if isinstance(peak, float) and isinstance(floor, float)
            else " " * 15
        )
        print(f"{name:28} {shown} {memory}  {result['outcome']}", flush=True)
    print("load average after: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
