"""Milliseconds per report for load() on the seed reports, against a plain str.split floor.

Run: python benchmarks/bench_load.py [--repeat N]
Prints, for each seed and for all together, load() time per report, the part of it that
is read_document() (format choice and the text reader: load minus it is the builder),
and the time of a bare decode + splitlines + split("\\t") pass over the same bytes, and
the ratio of load to that floor. Times are CPU time of this process (other work on a
shared machine stretches wall time, the more so the longer a run), the best of five
rounds; the load average is printed beside.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from timing import best_ms

import govreport
from govreport.validate import validate

CPU = time.process_time
SEEDS = Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds"


def floor(data: bytes) -> int:
    cells = 0
    for line in data.decode("utf-8").splitlines():
        cells += len(line.split("\t"))
    return cells


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    seeds = sorted(SEEDS.glob("*.txt"))
    govreport.load(seeds[0])  # plugin discovery happens once; not what is measured
    print(f"load average {os.getloadavg()[0]:.2f} (CPU time, best of 5 rounds of {args.repeat})")
    print(
        f"{'document':32} {'load ms':>8} {'document':>9} {'+validate':>10} {'split ms':>9} "
        f"{'ratio':>7}"
    )
    totals = [0.0, 0.0, 0.0, 0.0]
    for path in seeds:
        data = path.read_bytes()
        load_ms = best_ms(lambda d=data: govreport.load(d), args.repeat, clock=CPU)  # type: ignore[misc]
        read_ms = best_ms(lambda d=data: govreport.read_document(d), args.repeat, clock=CPU)  # type: ignore[misc]
        report = govreport.load(data)
        validate_ms = best_ms(lambda r=report: validate(r), args.repeat, clock=CPU)  # type: ignore[misc]
        split_ms = best_ms(lambda d=data: floor(d), args.repeat, clock=CPU)  # type: ignore[misc]
        totals[0] += load_ms
        totals[1] += validate_ms
        totals[2] += split_ms
        totals[3] += read_ms
        print(
            f"{path.name:32} {load_ms:8.3f} {read_ms:9.3f} {validate_ms:10.3f} {split_ms:9.4f} "
            f"{load_ms / split_ms:7.0f}x"
        )
    n = len(seeds)
    print(
        f"{'mean per report':32} {totals[0] / n:8.3f} {totals[3] / n:9.3f} {totals[1] / n:10.3f} "
        f"{totals[2] / n:9.4f} {totals[0] / totals[2]:7.0f}x"
    )


if __name__ == "__main__":
    main()
