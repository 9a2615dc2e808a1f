"""load() of this tree against another tree's, both in this process, round by round.

Run: python benchmarks/bench_ab.py REV [--rounds N] [--wall]
``REV`` is a git revision of this repository (its ``src`` is exported to a temporary
folder) or the path of another tree's ``src`` folder. Both trees are imported into this
process, each with its own modules (put in ``sys.modules`` before its calls, so that a
function that imports when called gets its own tree's), and each round times every
document with the one and then the other, two calls each, so that a
burst of other work on a shared machine lands on both alike; each keeps its best round.
The documents: the seed reports (text) and the HTML pages and Markdown of
tests/data/corpus; then the seeds again as reports the caches have not seen ("unseen"):
each load gets a copy whose sentences carry two characters no other load's do (the same
cells, sections and findings), as a batch meets the same labels and numbers in report
after report but never the same paragraphs. Printed per document: the floor (decode + split for text and
Markdown, lxml's parse for HTML), the baseline's load and this tree's in ms, each as a
multiple of the floor, and this tree's time as a share of the baseline's. Times are CPU
time of this process; ``--wall`` uses the clock. The load average is printed before and
after.

Every document is loaded once by both trees before anything is timed (what a load
imports lazily is then imported); a tree that still imports a module while measured
stops the script with a message.
"""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from functools import partial
from io import BytesIO
from pathlib import Path
from types import ModuleType

from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
CORPUS = ROOT / "tests" / "data" / "corpus"


def text_floor(data: bytes, separator: str = "\t") -> int:
    cells = 0
    for line in data.decode("utf-8").splitlines():
        cells += len(line.split(separator))
    return cells


def markdown_floor(data: bytes) -> int:
    return text_floor(data, "|")


def html_floor(data: bytes) -> object:
    return lxml_html.document_fromstring(data)


def floor_of(path: Path) -> Callable[[bytes], object]:
    return {".html": html_floor, ".md": markdown_floor}.get(path.suffix, text_floor)


def exported_src(rev: str, folder: Path) -> Path:
    """``rev``'s ``src`` folder: a path as given, else exported from git into ``folder``."""
    if Path(rev, "govreport").is_dir():
        return Path(rev)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "src"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def _govreport_modules() -> dict[str, ModuleType]:
    return {
        name: module
        for name, module in sys.modules.items()
        if name == "govreport" or name.startswith("govreport.")
    }


def use(modules: dict[str, ModuleType]) -> None:
    """Make ``modules`` (one tree's) the govreport modules an import finds: a function
    that imports when called (the lazy imports of the start-up path) gets its own tree's."""
    for name in _govreport_modules():
        if name not in modules:
            del sys.modules[name]
    sys.modules.update(modules)


def import_tree(src: Path, documents: list[bytes]) -> tuple[ModuleType, dict[str, ModuleType]]:
    """The govreport of the tree at ``src`` and its modules, every document loaded once
    (so that what its load imports lazily is imported), its modules then taken out of
    ``sys.modules`` for the other tree's."""
    sys.path.insert(0, str(src))
    try:
        module = importlib.import_module("govreport")
        importlib.import_module("govreport.api")
        for data in documents:
            module.load(data)
    finally:
        sys.path.remove(str(src))
    modules = _govreport_modules()
    use({})
    return module, modules


def interleaved_ms(
    calls: dict[str, tuple[dict[str, ModuleType] | None, Callable[[], object]]],
    rounds: int,
    clock: Callable[[], float],
    block_ms: float = 5.0,
) -> dict[str, float]:
    """Best milliseconds per call of each of ``calls`` (the govreport modules it runs
    with, None: any, and the call), timed one after another in each round. Each call is
    repeated for about ``block_ms`` a round, so that all run warm (a floor of 30 µs timed
    once after a load runs on the load's caches) and above the clock's resolution."""
    repeats = {}
    for name, (modules, call) in calls.items():
        if modules is not None:
            use(modules)
        start = clock()
        call()
        repeats[name] = range(max(2, int(block_ms / max((clock() - start) * 1000, 1e-3))))
    best = dict.fromkeys(calls, float("inf"))
    for _ in range(rounds):
        for name, (modules, call) in calls.items():
            if modules is not None:
                use(modules)
            times = repeats[name]
            start = clock()
            for _ in times:
                call()
            best[name] = min(best[name], (clock() - start) / len(times))
            if modules is not None and _govreport_modules().keys() != modules.keys():
                raise SystemExit(f"{name}: a load imported a module while measured")
    return {name: seconds * 1000 for name, seconds in best.items()}


def unseen(data: bytes, count: int) -> list[bytes]:
    """``count`` copies of a text report, each sentence of each copy ending in two
    characters that no other copy's do (before its 。): new text to every cache."""
    lines = data.decode("utf-8").splitlines()
    copies = []
    for number in range(count):
        mark = chr(0x4E00 + number % 20000) + chr(0x4E00 + number // 20000)
        copies.append(
            "\n".join(
                line[:-1] + mark + "。" if "\t" not in line and line.endswith("。") else line
                for line in lines
            ).encode("utf-8")
        )
    return copies


def each_once(load: Callable[[bytes], object], documents: list[bytes]) -> Callable[[], object]:
    """A call that loads the next of ``documents`` each time."""
    following = iter(documents).__next__
    return lambda: load(following())


def print_row(name: str, ms: dict[str, float]) -> None:
    """One line of the table: the floor, both trees' times, their ratios."""
    print(
        f"{name:40} {ms['floor']:8.3f} {ms['base']:8.3f} {ms['this']:8.3f}"
        f" {ms['base'] / ms['floor']:9.1f}x {ms['this'] / ms['floor']:9.1f}x"
        f" {ms['this'] / ms['base']:8.2f}"
    )


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="git revision, or another tree's src folder")
    parser.add_argument("--rounds", type=int, default=60, help="rounds (each keeps its best)")
    parser.add_argument("--wall", action="store_true", help="wall-clock time, not CPU time")
    parser.add_argument(
        "--tree", type=Path, default=ROOT / "src", help="the src folder measured (this tree's)"
    )
    args = parser.parse_args()
    clock = time.perf_counter if args.wall else time.process_time
    paths = [
        *sorted(SEEDS.glob("*.txt")),
        *sorted([*CORPUS.glob("*.html"), *CORPUS.glob("*.md")]),
    ]
    documents = [path.read_bytes() for path in paths]
    with tempfile.TemporaryDirectory() as folder:
        if _govreport_modules():
            raise SystemExit("govreport was imported before the trees: run this script as is")
        baseline, base_modules = import_tree(exported_src(args.rev, Path(folder)), documents)
        this, this_modules = import_tree(args.tree, documents)
        print(f"baseline {Path(str(baseline.__file__)).parent.parent}, this tree {args.tree}")
        print(f"load average before: {load_average()}")
        print(
            f"{'document':40} {'floor ms':>8} {'base ms':>8} {'this ms':>8}"
            f" {'base/floor':>10} {'this/floor':>10} {'this/base':>9}"
        )

        def timed(
            floor: Callable[[], object], base: Callable[[], object], mine: Callable[[], object]
        ) -> dict[str, float]:
            calls = {
                "floor": (None, floor),
                "base": (base_modules, base),
                "this": (this_modules, mine),
            }
            return interleaved_ms(calls, args.rounds, clock)

        seeds = {"floor": 0.0, "base": 0.0, "this": 0.0}
        for path, data in zip(paths, documents, strict=True):
            floor = floor_of(path)
            ms = timed(partial(floor, data), partial(baseline.load, data), partial(this.load, data))
            if path.parent == SEEDS:
                for name in seeds:
                    seeds[name] += ms[name]
            print_row(path.name, ms)
        # The seeds as unseen reports: enough copies for every call (at most one a 0.2 ms
        # of a block, and the first call), made before anything is timed.
        unseen_totals = {"floor": 0.0, "base": 0.0, "this": 0.0}
        seed_paths = [path for path in paths if path.parent == SEEDS]
        for path in seed_paths:
            data = path.read_bytes()
            copies = unseen(data, 1 + args.rounds * 25)
            ms = timed(
                partial(text_floor, data),
                each_once(baseline.load, copies),
                each_once(this.load, copies),
            )
            for name in unseen_totals:
                unseen_totals[name] += ms[name]
            print_row("unseen " + path.name, ms)
        count = len(seed_paths)
        print_row("seeds, mean per report", {k: v / count for k, v in seeds.items()})
        print_row("seeds unseen, mean per report", {k: v / count for k, v in unseen_totals.items()})
        print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
