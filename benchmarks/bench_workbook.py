"""Time and size of the analyst's workbook for the 2,000-report batch of bench_batch.py.

Run: python benchmarks/bench_workbook.py [--reports 2000] [--corpus-repeat 4] [--rounds 3]

It generates the same files as bench_batch.py, reads them once (two workers, results
kept in memory as the batch command ships them: metadata, cells, findings), then writes
them, in this process, as the wide CSV (the baseline: the same rows, no styling) and as
the workbook, alternating, keeping the fastest of ``--rounds`` each. It prints seconds,
the ratio workbook / CSV, both files' sizes and the collecting process's peak memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_batch import generate

from govreport.batch import BatchOptions, Result, iter_files, load_many
from govreport.crossyear import CrossYearIndex, YearFacts
from govreport.export import Exporter, ExportOptions
from govreport.model import Finding


def _write(results: list[Result], path: Path, across: list[tuple[YearFacts, Finding]]) -> None:
    with Exporter(path, ExportOptions(shape="wide", header="zh")) as out:
        for result in results:
            out.add(result)
        for later, finding in across:
            out.add_findings(later.source or "", later.agency, later.year, [finding])


def _best(fn: Callable[[], None], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--corpus-repeat", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        total = generate(folder, args.reports, args.corpus_repeat)
        options = BatchOptions(workers=2, keep_reports=False, ordered=True)
        results = list(load_many(list(iter_files([folder])), options=options))
        index = CrossYearIndex()
        across = [
            pair
            for r in results
            if r.metadata is not None
            for pair in index.add(YearFacts.from_cells(r.source, r.metadata, r.cells))
        ]
        print(
            f"{total} files, {sum(r.ok for r in results)} reports, {len(across)} cross-year findings"
        )
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        csv_path, xlsx_path = Path(tmp) / "wide.csv", Path(tmp) / "dataset.xlsx"
        seconds = {"csv": float("inf"), "xlsx": float("inf")}
        for _ in range(args.rounds):
            seconds["csv"] = min(
                seconds["csv"], _best(lambda: _write(results, csv_path, across), 1)
            )
            seconds["xlsx"] = min(
                seconds["xlsx"], _best(lambda: _write(results, xlsx_path, across), 1)
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        mb = 1024 * 1024
        print(f"wide CSV (baseline): {seconds['csv']:.2f} s, {csv_path.stat().st_size / mb:.1f} MB")
        print(
            f"workbook:            {seconds['xlsx']:.2f} s, {xlsx_path.stat().st_size / mb:.1f} MB"
        )
        print(f"workbook / CSV: {seconds['xlsx'] / seconds['csv']:.1f}x the time")
        print(f"peak RSS {peak / 1024:.0f} MB ({(peak - before) / 1024:+.0f} MB while writing)")


if __name__ == "__main__":
    main()
