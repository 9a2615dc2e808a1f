"""Time to write one report in each format, and to read the output back.

Run: python benchmarks/bench_writers.py [--rounds 20]

Uses seed 003 (a full 2021 report with about 4,000 characters of prose). Prints, per
format, the median milliseconds of ``dumps`` and of ``load`` on its output, and the
output size: what the round-trip properties cost per example, and why PDF runs fewer.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import govreport

SEED = (
    Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds" / "003_bb716c0dab2a4345.txt"
)


def _median_ms(action: object, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    report = govreport.load(SEED)
    writers = sorted(i.name for i in govreport.formats() if i.can_write and i.can_read)
    print(f"{'format':<10}{'dumps ms':>10}{'load ms':>10}{'bytes':>10}")
    for fmt in writers:
        data = govreport.dumps(report, fmt)
        write_ms = _median_ms(lambda fmt=fmt: govreport.dumps(report, fmt), args.rounds)
        read_ms = _median_ms(
            lambda fmt=fmt, data=data: govreport.load(data, format=fmt), args.rounds
        )
        print(f"{fmt:<10}{write_ms:>10.1f}{read_ms:>10.1f}{len(data):>10}")


if __name__ == "__main__":
    main()
