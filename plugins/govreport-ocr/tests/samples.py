"""Test inputs made from the committed corpus PDFs, and how a reading is scored.

Nothing here is committed as an image: scans, the table-page PNG and the PDF whose
table 三 is a picture are made from ``tests/data/corpus`` on demand, the same bytes
every time (see :mod:`govreport_ocr.scans`), and cached for the session.
"""

from __future__ import annotations

import functools
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import numpy as np
from govreport.model import Report

from govreport_ocr import scans
from govreport_ocr.grid import binarize, find_tables, rule_masks, wipe_rules

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "data" / "corpus"
#: The corpus documents that are PDFs, by stem.
CORPUS_PDFS = ("huaian_hongzequ_gov_2023", "pingtan_2021_page_libreoffice")
#: The page of huaian_hongzequ_gov_2023.pdf that holds table 三's first part.
TABLE_PAGE = 3


def expected(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / "expected" / f"{stem}.json").read_text("utf-8"))
    return data


def pdf_bytes(stem: str) -> bytes:
    return (CORPUS / f"{stem}.pdf").read_bytes()


@functools.cache
def corpus_scan(stem: str, dpi: int) -> bytes:
    """An image-only scan of a whole corpus PDF (the issue's scan settings, seeded by dpi)."""
    return scans.scan_pdf(pdf_bytes(stem), scans.settings_for(dpi, seed=1), seed=dpi)


@functools.cache
def unruled_scan(stem: str, dpi: int) -> bytes:
    """A scan of a corpus PDF whose table rules were painted out before scanning: the
    same tables, drawn without rules, as some agencies print them."""
    settings = scans.settings_for(dpi, seed=1)
    pages = []
    for index, page in enumerate(scans.render_pages(pdf_bytes(stem), dpi)):
        horizontal, vertical = rule_masks(binarize(page), dpi)
        unruled = wipe_rules(page, horizontal, vertical)
        pages.append(scans.scan_image(unruled, settings, dpi + index))
    return scans.images_to_pdf(pages, dpi, settings.jpeg_quality)


@functools.cache
def table_page_png(dpi: int = 200) -> bytes:
    """A PNG of page 3 of the Huai'an report: its heading and table 三's first 20 rows."""
    return scans.page_png(
        pdf_bytes(CORPUS_PDFS[0]), TABLE_PAGE, scans.settings_for(dpi, seed=3), seed=3
    )


def _table_picture(stem: str, page: int, dpi: int) -> tuple[np.ndarray, float]:  # type: ignore[type-arg]
    """The ruled table of a page, scanned and cut out, with its height in points."""
    gray = scans.render_pages(pdf_bytes(stem), dpi, [page])[0]
    horizontal, vertical = rule_masks(binarize(gray), dpi)
    frame = max(find_tables(horizontal, vertical, dpi), key=lambda f: f.width * f.height)
    pad = round(0.05 * dpi)
    cut = gray[frame.y0 - pad : frame.y1 + pad, frame.x0 - pad : frame.x1 + pad]
    settings = attrs.evolve(scans.settings_for(dpi, seed=page), angle=0.0)
    return scans.scan_image(cut, settings, seed=page), cut.shape[1] * 72.0 / dpi


@functools.cache
def embedded_table_pdf(dpi: int = 200) -> bytes:
    """A text PDF (reportlab) with the Huai'an report's title and headings as text and
    its table 三, both halves, as pictures: what agencies do when they paste a table
    from a spreadsheet as an image."""
    from PIL import Image as PILImage
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=True)
    width, height = A4
    halves = [_table_picture(CORPUS_PDFS[0], page, dpi) for page in (3, 4)]
    lines = [
        ("洪泽区人民政府", 18, True),
        ("2023年政府信息公开工作年度报告", 18, True),
        ("一、总体情况", 12, False),
        ("2023年全区受理政府信息公开申请21件，均在法定期限答复。", 11, False),
        ("三、收到和处理政府信息公开申请情况", 12, False),
    ]
    y = height - 72
    for text, size, centred in lines:
        pdf.setFont(font, size)
        if centred:
            pdf.drawCentredString(width / 2, y, text)
        else:
            pdf.drawString(72, y, text)
        y -= size * 2
    for number, (picture, picture_width) in enumerate(halves):
        if number:
            pdf.showPage()
            y = height - 72
        shown = min(picture_width, width - 100)
        shown_height = shown * picture.shape[0] / picture.shape[1]
        jpeg = io.BytesIO()
        PILImage.fromarray(picture, mode="L").save(jpeg, "JPEG", quality=75)
        jpeg.seek(0)
        pdf.drawImage(ImageReader(jpeg), 50, y - shown_height, shown, shown_height)
        y -= shown_height + 30
    pdf.setFont(font, 12)
    pdf.drawString(72, y, "四、政府信息公开行政复议、行政诉讼情况")
    pdf.save()
    return out.getvalue()


@attrs.frozen
class Score:
    """How a reading compares with the expected values of its source."""

    printed: int
    right: int
    wrong: tuple[str, ...]
    blank: tuple[str, ...]
    agency: bool
    year: bool

    @property
    def share(self) -> float:
        return self.right / self.printed if self.printed else 1.0


def score(report: Report, stem: str, prefix: str = "") -> Score:
    """Right, wrong and left-blank cells among the expected ones whose ID starts with
    ``prefix`` (``"t3."`` for a picture of table 三 alone)."""
    data = expected(stem)
    cells = report.cells()
    right = 0
    wrong: list[str] = []
    blank: list[str] = []
    printed = 0
    for cell_id, value in data["cells"].items():
        if not cell_id.startswith(prefix):
            continue
        printed += 1
        want = Decimal(value) if isinstance(value, str) else value
        got = cells.get(cell_id)
        if got == want and (got is None) == (want is None):
            right += 1
        elif got is None:
            blank.append(cell_id)
        else:
            wrong.append(f"{cell_id}: read {got}, printed {want}")
    return Score(
        printed,
        right,
        tuple(wrong),
        tuple(blank),
        agency=report.metadata.agency == data["agency"],
        year=report.metadata.year == data["year"],
    )
