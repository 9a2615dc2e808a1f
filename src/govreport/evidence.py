"""Evidence beside a finding: the part of the source it points to, as a person sees it.

For a PDF, an image of the table region cut from the page (rendered with pypdfium2,
which pdfplumber installs) with the flagged cells outlined; for text, Markdown and
HTML sources, the source lines the finding's cells stand on. The validation page
(:mod:`govreport.report_html`) puts these beside each finding.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from govreport.document import Location
from govreport.errors import GovReportError
from govreport.model import Report
from govreport.source import open_source

#: Points of page kept around the table region (below and at the sides).
MARGIN = 8.0
#: Points kept above the table's first value row, so that the column headings show.
ABOVE = 100.0
#: The region runs from this far from the page's left edge: the row labels stand left
#: of the value cells, which are all a finding names.
PAGE_EDGE = 24.0
#: Rendering scale (72 dpi × SCALE): sharp enough to read a 9-point figure.
SCALE = 2.0
#: At most this many source lines are shown for one finding.
MAX_LINES = 12
#: A longer source line (a whole HTML table on one line) is cut to this many characters.
MAX_LINE_CHARS = 240

#: Outline colours by severity (RGB), the same as the page's legend.
OUTLINE = {"error": (204, 0, 0), "warning": (204, 136, 0), "info": (0, 102, 204)}


@attrs.frozen
class SourceLines:
    """Numbered source lines; ``marked`` are the line numbers the finding's cells stand on."""

    lines: tuple[tuple[int, str], ...]
    marked: frozenset[int]


def _boxes_on(locations: Iterable[Location], page: int) -> list[tuple[float, float, float, float]]:
    return [loc.box for loc in locations if loc.page == page and loc.box is not None]


def table_region(
    report: Report, locations: Sequence[Location]
) -> tuple[int, tuple[float, float, float, float]] | None:
    """The page and the box of the table the first located cell of ``locations`` stands in
    (every cell of that table on that page), or None without boxes."""
    first = next((loc for loc in locations if loc.box is not None and loc.page), None)
    if first is None or first.page is None:
        return None
    same_table = [
        cell.location
        for table in report.tables()
        for cell in table
        if cell.location is not None and cell.location.table == first.table
    ]
    boxes = _boxes_on([*same_table, *locations], first.page)
    x0 = min(b[0] for b in boxes)
    top = min(b[1] for b in boxes)
    x1 = max(b[2] for b in boxes)
    bottom = max(b[3] for b in boxes)
    return first.page, (x0, top, x1, bottom)


def cell_locations(report: Report, cells: Sequence[str]) -> list[Location]:
    """Where the named cells stand (the finding's own locations may be a whole row's)."""
    out = []
    for table in report.tables():
        for cell_id in cells:
            if cell_id in table and table[cell_id].location is not None:
                out.append(table[cell_id].location)
    return [loc for loc in out if loc is not None]


def pdf_image(
    path: str | Path,
    report: Report,
    locations: Sequence[Location],
    severity: str,
    cells: Sequence[str] = (),
) -> bytes | None:
    """A PNG of the table region the finding stands in, its ``cells`` outlined (or, when it
    names none, its ``locations``); None when nothing carries a box (text-only PDF tables)
    or the file cannot be rendered."""
    outlined = cell_locations(report, cells) or list(locations)
    region = table_region(report, [*outlined, *locations])
    if region is None:
        return None
    page_number, (x0, top, x1, bottom) = region
    try:
        import pypdfium2
        from PIL import ImageDraw
    except ImportError:  # pragma: no cover - both come with pdfplumber
        return None
    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except (pypdfium2.PdfiumError, OSError):
        return None
    try:
        page = pdf[page_number - 1]
        width, height = page.get_size()
        left, upper = min(PAGE_EDGE, max(x0 - MARGIN, 0.0)), max(top - ABOVE, 0.0)
        right, lower = min(x1 + MARGIN, width), min(bottom + MARGIN, height)
        # pypdfium2 crops by what to cut from each side: left, bottom, right, top
        bitmap = page.render(scale=SCALE, crop=(left, height - lower, width - right, upper))
        image = bitmap.to_pil().convert("RGB")
    finally:
        pdf.close()
    draw = ImageDraw.Draw(image)
    colour = OUTLINE.get(severity, OUTLINE["error"])
    for bx0, btop, bx1, bbottom in _boxes_on(outlined, page_number):
        draw.rectangle(
            [
                (bx0 - left) * SCALE,
                (btop - upper) * SCALE,
                (bx1 - left) * SCALE,
                (bbottom - upper) * SCALE,
            ],
            outline=colour,
            width=3,
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def source_lines(path: str | Path, locations: Sequence[Location]) -> SourceLines | None:
    """The lines the located cells stand on, one line of context around each; None when
    no location has a line or the file cannot be read."""
    wanted = sorted({loc.line for loc in locations if loc.line is not None})
    if not wanted:
        return None
    try:
        text = open_source(Path(path)).text()
    except (GovReportError, OSError, UnicodeDecodeError):
        return None
    all_lines = text.splitlines()
    shown: list[int] = []
    for line in wanted:
        for number in (line - 1, line, line + 1):
            if 1 <= number <= len(all_lines) and number not in shown:
                shown.append(number)
    shown = sorted(shown)[:MAX_LINES]
    lines = tuple((n, _cut(all_lines[n - 1])) for n in shown)
    return SourceLines(lines, frozenset(wanted))


def _cut(line: str) -> str:
    line = line.replace("\t", " ⇥ ")
    return line if len(line) <= MAX_LINE_CHARS else line[: MAX_LINE_CHARS - 1] + "…"


__all__ = [
    "ABOVE",
    "MARGIN",
    "MAX_LINES",
    "OUTLINE",
    "PAGE_EDGE",
    "SCALE",
    "SourceLines",
    "cell_locations",
    "data_uri",
    "pdf_image",
    "source_lines",
    "table_region",
]
