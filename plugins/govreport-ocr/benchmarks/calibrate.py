"""How the certainty rule was chosen: right and wrong cells per rule on scans of every
corpus PDF, from good scans to hopeless ones.

Run: python plugins/govreport-ocr/benchmarks/calibrate.py [--records FILE] [--stems ...]

Every corpus PDF is scanned at each setting below (the tests' seeded scans at 150,
200 and 300 dpi, then lower resolution, heavy JPEG, more noise and blur), and read
once with every clean number kept. For every printed cell the reading is recorded:
the text, the lowest character confidence, and the likeliest rival reading's
probability (:class:`govreport_ocr.engine.Reading`). Each rule is then applied to
those records: a value it keeps is right or wrong (it differs from what the source
prints), a value it rejects is unread. ``--records`` saves the records as JSON lines
(``--from`` reads them back, to try rules without scanning again).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import cv2
import govreport
from govreport.document import Location
from govreport.model import CellState

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from govreport_ocr import cells, scans  # noqa: E402
from govreport_ocr.cells import ReadCell  # noqa: E402
from govreport_ocr.pdf import read_pdf_with_ocr  # noqa: E402
from govreport_ocr.reader import OcrOptions  # noqa: E402
from samples import CORPUS_PDFS, expected, pdf_bytes  # noqa: E402

#: name, dpi, noise, JPEG quality (None: the tests' seeded value), blur (pixels)
SETTINGS: list[tuple[str, int, float | None, int | None, float]] = [
    ("150", 150, None, None, 0.0),
    ("200", 200, None, None, 0.0),
    ("300", 300, None, None, 0.0),
    ("100", 100, None, None, 0.0),
    ("150 jpeg30 blur0.8", 150, 10, 30, 0.8),
    ("120 noise15 jpeg40", 120, 15, 40, 0.0),
    ("100 noise20 jpeg30 blur0.8", 100, 20, 30, 0.8),
    ("100 noise25 jpeg25 blur1.0", 100, 25, 25, 1.0),
]

#: Global minimum character confidence, rival ceiling: the rules compared.
MIN_CONFIDENCES = [0.0, 0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9]
MAX_DOUBTS = [0.5, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01]
#: Both (least sure character, doubt ceiling): the rule chosen (0.5, 0.2) and its neighbours.
COMBINED = [(0.4, 0.3), (0.5, 0.3), (0.5, 0.2), (0.6, 0.2), (0.5, 0.1)]


def scan(stem: str, dpi: int, noise: float | None, quality: int | None, blur: float) -> bytes:
    """The corpus PDF scanned: the tests' scan when only ``dpi`` is given."""
    settings = scans.settings_for(dpi, seed=1)
    if noise is not None:
        settings = scans.ScanSettings(
            dpi=dpi, angle=settings.angle, noise=noise, jpeg_quality=quality or 70
        )
    pages = scans.render_pages(pdf_bytes(stem), dpi)
    images = [
        scans.scan_image(cv2.GaussianBlur(p, (0, 0), blur) if blur else p, settings, dpi + i)
        for i, p in enumerate(pages)
    ]
    return scans.images_to_pdf(images, dpi, settings.jpeg_quality)


def records(stem: str, name: str, data: bytes) -> list[dict[str, Any]]:
    """Every printed cell of ``stem`` with what was read in it (every clean value kept)."""
    read: dict[tuple[int | None, int | None, int | None, int | None], ReadCell] = {}
    original = cells.to_table

    def recording(
        grid: Any, found: Sequence[ReadCell], page: int, number: int, dpi: float = 72.0
    ) -> Any:
        for cell, result in zip(grid.cells, found, strict=True):
            read[(page, number, cell.row + 1, cell.column + 1)] = result
        return original(grid, found, page, number, dpi)

    cells.to_table = recording  # type: ignore[assignment]
    try:
        document = read_pdf_with_ocr(
            data, f"{stem}.pdf", OcrOptions(min_confidence=0.0, max_doubt=1.0)
        )
    finally:
        cells.to_table = original  # type: ignore[assignment]
    try:
        report = govreport.build(document)
    except govreport.GovReportError:
        return []
    truth = expected(stem)["cells"]
    values = report.cells()
    out = []
    for table in report.tables():
        for cell in table:
            if cell.id not in truth:
                continue
            want = truth[cell.id]
            location: Location | None = cell.location
            key = (
                (location.page, location.table, location.row, location.column)
                if location
                else (None,) * 4
            )
            result = read.get(key)
            got = values.get(cell.id)
            printed = Decimal(want) if isinstance(want, str) else want
            # a wrong number: a value other than the printed one, or a blank where a
            # number is printed that is not said to be unread
            wrong = got != printed and not (got is None and cell.state is CellState.UNREAD)
            out.append(
                {
                    "stem": stem,
                    "setting": name,
                    "cell": cell.id,
                    "printed": want,
                    "value": None if got is None else str(got),
                    "right": got == printed,
                    "wrong": wrong,
                    "text": None if result is None else result.text,
                    "confidence": None if result is None else result.confidence,
                    "doubt": None if result is None else result.doubt,
                    "doubt_text": None if result is None else result.doubt_text,
                    "judged": result is not None and result.text != "" and not result.uncertain,
                }
            )
    return out


def tally(
    rows: Iterable[dict[str, Any]], keep: Callable[[dict[str, Any]], bool]
) -> tuple[int, int]:
    """Right and wrong values among ``rows`` under a rule: a value read with every clean
    value kept that the rule does not keep is unread; the others are as reported."""
    right = wrong = 0
    for row in rows:
        if row["judged"] and not keep(row):
            continue
        right += row["right"]
        wrong += row["wrong"]
    return right, wrong


def table(all_rows: list[dict[str, Any]]) -> None:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in all_rows:
        groups.setdefault((row["stem"], row["setting"]), []).append(row)
    rules: list[tuple[str, Callable[[dict[str, Any]], bool]]] = [
        (f"c>={t}", lambda r, t=t: r["confidence"] >= t) for t in MIN_CONFIDENCES
    ]
    rules += [(f"doubt<={m}", lambda r, m=m: r["doubt"] <= m) for m in MAX_DOUBTS]
    rules += [
        (f"c{c}d{m}", lambda r, c=c, m=m: r["confidence"] >= c and r["doubt"] <= m)
        for c, m in COMBINED
    ]
    print(f"{'document':22} {'setting':27} {'cells':>5} " + " ".join(f"{n:>10}" for n, _ in rules))
    totals = [[0, 0] for _ in rules]
    printed = 0
    for (stem, setting), rows in groups.items():
        line = []
        for i, (_, keep) in enumerate(rules):
            right, wrong = tally(rows, keep)
            totals[i][0] += right
            totals[i][1] += wrong
            line.append(f"{right:>6}/{wrong:<3}")
        printed += len(rows)
        print(f"{stem[:22]:22} {setting:27} {len(rows):>5} " + " ".join(line))
    print(f"{'all':22} {'':27} {printed:>5} " + " ".join(f"{r:>6}/{w:<3}" for r, w in totals))
    wrong_rows = [r for r in all_rows if r["wrong"]]
    print("\nwrong values kept with every clean value kept (read / printed, confidence, doubt):")
    for r in sorted(wrong_rows, key=lambda r: -r["confidence"]):
        print(
            f"  {r['stem'][:22]:22} {r['setting']:27} {r['cell']:40} {r['text']!s:>8} / "
            f"{r['printed']!s:<6} c={r['confidence'] or 0:.3f} doubt={r['doubt'] or 0:.3f} ({r['doubt_text']})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stems", nargs="+", default=list(CORPUS_PDFS))
    parser.add_argument("--records", type=Path, help="save the cell records (JSON lines)")
    parser.add_argument("--from", dest="source", type=Path, help="read saved records")
    args = parser.parse_args()
    if args.source:
        rows = [json.loads(line) for line in args.source.read_text("utf-8").splitlines()]
    else:
        rows = []
        for name, dpi, noise, quality, blur in SETTINGS:
            for stem in args.stems:
                found = records(stem, name, scan(stem, dpi, noise, quality, blur))
                print(f"read {stem} at {name}: {len(found)} cells", file=sys.stderr, flush=True)
                rows.extend(found)
                if args.records:
                    with args.records.open("a", encoding="utf-8") as out:
                        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in found)
    table(rows)


if __name__ == "__main__":
    main()
