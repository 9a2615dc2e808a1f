"""How the confidence threshold was chosen: wrong and right cells per threshold on scans
of the table pages degraded from good to hopeless.

Run: python plugins/govreport-ocr/benchmarks/calibrate.py

Pages 2-4 of the Huai'an report (tables 二, 三, 四) are scanned at each setting below,
read once with every value kept (threshold 0), then judged again at each threshold
(recognition is cached, so only the judging changes). A value counts as wrong when it
differs from what the source document prints. The threshold in OcrOptions is the
lowest one with no wrong value on any setting, rounded up.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import cv2
import govreport
from govreport.document import Paragraph

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from govreport_ocr import scans  # noqa: E402
from govreport_ocr.engine import Image, TextLine, default_engine  # noqa: E402
from govreport_ocr.reader import OcrOptions, read_page  # noqa: E402
from samples import CORPUS_PDFS, expected, pdf_bytes  # noqa: E402

SETTINGS = [  # dpi, noise, JPEG quality, blur (pixels)
    (200, 6, 70, 0.0),
    (150, 6, 60, 0.0),
    (120, 15, 40, 0.0),
    (100, 20, 30, 0.8),
    (100, 25, 25, 1.0),
    (90, 25, 20, 1.2),
]
THRESHOLDS = [0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95]


class Cached:
    """The packaged engine, remembering what each crop read as."""

    def __init__(self) -> None:
        self.engine = default_engine()
        self.memory: dict[bytes, tuple[str, float]] = {}

    def detect_and_recognise(self, image: Image) -> list[TextLine]:
        return []

    def recognise(self, crops: Sequence[Image]) -> list[tuple[str, float]]:
        keys = [hashlib.sha1(c.tobytes() + bytes(str(c.shape), "ascii")).digest() for c in crops]
        todo = [i for i, k in enumerate(keys) if k not in self.memory]
        for i, result in zip(todo, self.engine.recognise([crops[i] for i in todo]), strict=True):
            self.memory[keys[i]] = result
        return [self.memory[k] for k in keys]


def main() -> None:
    stem = CORPUS_PDFS[0]
    data = expected(stem)
    truth = {k: Decimal(v) if isinstance(v, str) else v for k, v in data["cells"].items()}
    title = Paragraph(f"{data['agency']}{data['year']}年政府信息公开工作年度报告")
    engine = Cached()
    print(
        f"{'dpi':>4} {'noise':>5} {'jpeg':>4} {'blur':>4}  "
        + " ".join(f"{t:>9}" for t in THRESHOLDS)
    )
    print(" " * 22 + " ".join(f"{'right/wrong':>9}"[:9] for _ in THRESHOLDS))
    for dpi, noise, quality, blur in SETTINGS:
        pages = []
        for number in (2, 3, 4):
            page = scans.render_pages(pdf_bytes(stem), dpi, [number])[0]
            if blur:
                page = cv2.GaussianBlur(page, (0, 0), blur)
            settings = scans.ScanSettings(dpi=dpi, angle=0.6, noise=noise, jpeg_quality=quality)
            pages.append((number, scans.scan_image(page, settings, seed=number)))
        cells_out = []
        for threshold in THRESHOLDS:
            options = OcrOptions(min_confidence=threshold, engine=engine)
            blocks = [title]
            table = 0
            for number, image in pages:
                result = read_page(
                    engine, image, dpi, number, options, text="headings", first_table=table + 1
                )
                found = [b for _, b in sorted(result.items, key=lambda i: i[0])]
                table += sum(1 for b in found if not isinstance(b, Paragraph))
                blocks.extend(found)
            document = govreport.Document(blocks=tuple(blocks), format="ocr")
            try:
                cells = govreport.build(document).cells()
            except govreport.GovReportError:
                cells = {}
            right = sum(
                1 for k, v in cells.items() if k in truth and v is not None and v == truth[k]
            )
            wrong = sum(
                1 for k, v in cells.items() if k in truth and v is not None and v != truth[k]
            )
            cells_out.append(f"{right:>5}/{wrong:<3}")
        print(f"{dpi:>4} {noise:>5} {quality:>4} {blur:>4}  " + " ".join(cells_out), flush=True)
    print(
        f"values printed non-blank in tables 二-四: {sum(1 for v in truth.values() if v is not None)}"
    )


if __name__ == "__main__":
    main()
