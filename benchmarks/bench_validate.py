"""Milliseconds per report for validate() against load() of the same report, in one run.

Run: python benchmarks/bench_validate.py [--repeat N]
Prints, for each seed and for the corpus's text, Markdown and HTML reports, load() and
validate() time per report, their ratio, and how many findings validate() gives; then
the time of each rule over the seeds. Times are CPU time of this process, the best of
five rounds; the load average is printed beside.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from timing import best_ms

import govreport
from govreport.errors import GovReportError
from govreport.validate import RULES, validate

CPU = time.process_time
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
CORPUS = ROOT / "tests" / "data" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    paths = sorted(SEEDS.glob("*.txt")) + sorted(
        p for p in CORPUS.glob("*") if p.suffix in (".txt", ".md", ".html")
    )
    govreport.load(paths[0])  # plugin discovery happens once; not what is measured
    print(f"load average {os.getloadavg()[0]:.2f} (CPU time, best of 5 rounds of {args.repeat})")
    print(f"{'document':40} {'load ms':>8} {'validate':>9} {'ratio':>6} {'findings':>9}")
    seeds = []
    for path in paths:
        data = path.read_bytes()
        try:
            report = govreport.load(data)
        except GovReportError:
            continue  # not a report this version reads (a legacy page)
        load_ms = best_ms(lambda d=data: govreport.load(d), args.repeat, clock=CPU)  # type: ignore[misc]
        validate_ms = best_ms(lambda r=report: validate(r), args.repeat, clock=CPU)  # type: ignore[misc]
        if path.parent == SEEDS:
            seeds.append((report, load_ms, validate_ms))
        print(
            f"{path.name:40} {load_ms:8.3f} {validate_ms:9.3f} {validate_ms / load_ms:6.2f} "
            f"{len(validate(report)):9d}"
        )
    n = len(seeds)
    load_mean = sum(s[1] for s in seeds) / n
    validate_mean = sum(s[2] for s in seeds) / n
    print(
        f"{'mean per seed':40} {load_mean:8.3f} {validate_mean:9.3f} "
        f"{validate_mean / load_mean:6.2f}"
    )
    print(f"\n{'rule':10} {'ms per seed':>11}")
    for rule in RULES:
        ms = best_ms(
            lambda rule=rule: [list(rule(s[0])) for s in seeds],  # type: ignore[misc]
            args.repeat,
            clock=CPU,
        )
        print(f"{rule.__name__:10} {ms / n:11.4f}")


if __name__ == "__main__":
    main()
