"""From page images to the neutral document: which pages to read, and how.

Per page: deskew, find the ruled tables, and read their cells by recognition alone
(:mod:`.cells`). Text outside tables is read only where it matters: on the first pages
until the title has been found (the title gives agency and year) and, on table pages,
in the band above each table, where the section heading stands; those lines too are
found by their rows of ink and recognised without the detector. Pages of prose alone
are skipped unless ``OcrOptions.pages == "all"``, which reads every page with the
detector (and so finds tables drawn without rules, :mod:`.unruled`); a document in
which no page holds a ruled table is read that way too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs
import numpy as np
from govreport.build.sections import match_section
from govreport.document import Block, Document, Note, Paragraph

from govreport_ocr import cells as cell_reading
from govreport_ocr import grid as grids
from govreport_ocr import unruled
from govreport_ocr.engine import Image, OcrEngine, TextLine, default_engine
from govreport_ocr.images import MAX_DPI, PageImage

#: Lowest character confidence at which a value is taken, with the doubt ceiling of
#: :data:`govreport_ocr.cells.MAX_DOUBT` (calibrated: docs/formats/ocr.md).
MIN_CONFIDENCE = cell_reading.MIN_CONFIDENCE
#: Pages an OCR'd document may have.
MAX_PAGES = 200
#: The title is looked for on at most this many first pages.
TITLE_PAGES = 3
#: Height (inches) of the band above a table searched for the section heading.
HEADING_BAND = 1.2
#: Lines of a title page recognised at a time, from the top, until the title is read.
TITLE_GROUP = 4

_YEAR = re.compile(r"(19|20)\d{2}\s*年")
_TITLE = re.compile(r"(19|20)\d{2}\s*年.{0,12}(政府)?信息公开.{0,6}年度报告|年度报告")


#: What text outside tables a page gets read for (see :func:`read_page`).
TextMode = Literal["all", "title", "headings"]


@attrs.frozen
class OcrOptions:
    """How the OCR reader works. ``engine`` None means the packaged RapidOCR engine."""

    min_confidence: float = MIN_CONFIDENCE
    #: see :func:`govreport_ocr.cells.judge`; None: ``min_confidence`` alone decides
    max_doubt: float | None = cell_reading.MAX_DOUBT
    #: "tables": the title page(s) and pages with tables; "all": every page in full
    pages: Literal["tables", "all"] = "tables"
    max_pages: int = MAX_PAGES
    engine: OcrEngine | None = None


@attrs.frozen
class PageResult:
    """The blocks of one page with their tops (for ordering) and the notes it gave."""

    items: tuple[tuple[float, Block], ...]
    notes: tuple[Note, ...]
    has_tables: bool


def read_pages(
    pages: Iterable[PageImage], options: OcrOptions, name: str | None = None
) -> Document:
    """The neutral document of scanned pages. A document in which no page holds a
    ruled table is read again with every page in full: its tables, drawn without rules,
    are found from the alignment of the recognised boxes, which needs the detector."""
    if options.pages == "all":
        return _read_pages(pages, options, full=True)[0]
    kept = list(pages)
    document, ruled = _read_pages(kept, options, full=False)
    if ruled or not kept:
        return document
    full = _read_pages(kept, options, full=True)[0]
    # the title as the first reading found it: read line by line from its rows of ink,
    # it is read more surely than by the detector
    return attrs.evolve(full, title=document.title or full.title)


def _read_pages(
    pages: Iterable[PageImage], options: OcrOptions, *, full: bool
) -> tuple[Document, bool]:
    """The document, and whether any page held a ruled table."""
    engine = options.engine or default_engine()
    blocks: list[Block] = []
    notes: list[Note] = []
    looking_for_title = True
    title: str | None = None
    table_number = 0
    ruled = False
    for page in pages:
        gray, dpi = _normalised(page)
        text: TextMode = "all" if full else "title" if looking_for_title else "headings"
        result = read_page(
            engine, gray, dpi, page.number, options, text=text, first_table=table_number + 1
        )
        ruled = ruled or result.has_tables
        ordered = [block for _, block in sorted(result.items, key=lambda item: item[0])]
        if title is None and looking_for_title:
            title = _title_of(ordered)
        blocks.extend(ordered)
        # the title stands on one of the first pages; a box drawn round a web page's
        # search field looks like a table, so tables do not end the search
        if title is not None or page.number >= TITLE_PAGES:
            looking_for_title = False
        table_number += sum(1 for _, b in result.items if not isinstance(b, Paragraph))
        notes.extend(result.notes)
    document = Document(blocks=tuple(blocks), title=title, format="ocr", notes=tuple(notes))
    return document, ruled


def is_title(text: str) -> bool:
    return _TITLE.search(re.sub(r"\s+", "", text)) is not None


def _title_of(blocks: Sequence[Block]) -> str | None:
    """The title line of a page's blocks, with the line before it when that is the
    issuing body set on a line of its own (洪泽区人民政府 / 2023年…年度报告). The
    builder looks for the title among a document's first blocks; a scanned web page
    puts many lines of site navigation before it, so the reader says where it is."""
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or not is_title(block.text):
            continue
        text = re.sub(r"\s+", "", block.text)
        before = blocks[index - 1] if index else None
        if (
            re.match(r"(19|20)\d{2}", text)
            and isinstance(before, Paragraph)
            and 2 <= len(before.text) <= 30
            and not re.search(r"[，。：:；;、]", before.text)
        ):
            text = re.sub(r"\s+", "", before.text) + text
        return text
    return None


def _normalised(page: PageImage) -> tuple[Image, float]:
    import cv2

    if page.dpi <= MAX_DPI:
        return page.gray, page.dpi
    scale = MAX_DPI / page.dpi
    small = cv2.resize(page.gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return np.asarray(small, dtype=np.uint8), float(MAX_DPI)


def read_page(
    engine: OcrEngine,
    gray: Image,
    dpi: float,
    number: int,
    options: OcrOptions,
    *,
    text: TextMode,
    first_table: int = 1,
) -> PageResult:
    """One page: its ruled tables always, and of its other text: all of it (``"all"``),
    the band above each table (``"headings"``), or that and the page from the top down
    to the line holding the title (``"title"``), read a third of the page at a time."""
    import cv2

    level, _angle = grids.deskew(gray, dpi)
    ink = grids.binarize(level)
    horizontal, vertical = grids.rule_masks(ink, dpi)
    frames = grids.find_tables(horizontal, vertical, dpi)
    found = [
        g for g in (grids.table_grid(horizontal, vertical, f, dpi) for f in frames) if g is not None
    ]
    rules = np.asarray(cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8)), dtype=np.uint8)
    text_ink = np.asarray(ink & ~rules, dtype=np.uint8)
    unruled_page = grids.wipe_rules(level, horizontal, vertical)
    items: list[tuple[float, Block]] = []
    notes: list[Note] = []
    for offset, table_grid in enumerate(found):
        read = cell_reading.read_grid(
            engine,
            unruled_page,
            text_ink,
            table_grid,
            dpi,
            options.min_confidence,
            options.max_doubt,
        )
        table, table_notes = cell_reading.to_table(
            table_grid, read, number, first_table + offset, dpi
        )
        items.append((float(table_grid.frame.y0), table))
        notes.extend(table_notes)
    band = round(HEADING_BAND * dpi)
    height = level.shape[0]
    headings = [(max(0, g.frame.y0 - band), g.frame.y0) for g in found]
    if text == "all":
        regions = [(0, height)]
    elif text == "title":
        blank_rows = np.asarray(~text_ink.any(axis=1))
        cuts = [0, *(_blank_row_near(blank_rows, i * height // 3, dpi) for i in (1, 2)), height]
        regions = [(cuts[i], cuts[i + 1]) for i in range(3)] + headings
    else:
        regions = headings
    blank = _without_tables(level, [g.frame for g in found])
    outside_ink = text_ink.copy()
    for g in found:
        outside_ink[g.frame.y0 : g.frame.y1 + 1, g.frame.x0 : g.frame.x1 + 1] = 0
    done: list[tuple[int, int]] = []
    title_seen = False
    for top, bottom in regions:
        if title_seen and (top, bottom) not in headings:
            continue
        # a heading band inside a third already read is not read again
        if bottom - top < dpi * 0.1 or any(t <= top and bottom <= b for t, b in done):
            continue
        if text == "all":
            rows = _reading_rows(engine.detect_and_recognise(blank[top:bottom]))
            done.append((top, bottom))
        elif (top, bottom) in headings:
            rows = _heading_rows(engine, level, outside_ink, top, bottom, dpi)
            done.append((top, bottom))
        else:
            rows, read_to = _title_rows(engine, level, outside_ink, top, bottom, dpi)
            done.append((top, read_to))
        tables_so_far = first_table + sum(1 for _, b in items if not isinstance(b, Paragraph))
        region_items, row_notes = unruled.lines_to_blocks(
            rows, dpi, number, tables_so_far, options.min_confidence
        )
        items.extend((top + y, block) for y, block in region_items)
        notes.extend(row_notes)
        title_seen = title_seen or any(
            text == "title" and isinstance(b, Paragraph) and is_title(b.text)
            for _, b in region_items
        )
    return PageResult(tuple(items), tuple(notes), bool(found))


def _band_lines(ink: Image, top: int, bottom: int, dpi: float) -> list[grids.Box]:
    """The lines of a band across the page, found by its rows of ink, top to bottom."""
    return cell_reading.line_boxes(ink, grids.Box(0, top, ink.shape[1], bottom), dpi, inset=0)


def _recognised(
    engine: OcrEngine, gray: Image, boxes: Sequence[grids.Box], top: int, dpi: float
) -> list[list[TextLine]]:
    """Lines recognised without the detector (each read whole: one line per row), with
    their boxes measured from the band's top."""
    read = engine.recognise([cell_reading.crop(gray, b, dpi) for b in boxes])
    return [
        [TextLine(text, confidence, b.x0, b.y0 - top, b.x1, b.y1 - top)]
        for (text, confidence), b in zip(read, boxes, strict=True)
        if text.strip()
    ]


def _title_rows(
    engine: OcrEngine, gray: Image, ink: Image, top: int, bottom: int, dpi: float
) -> tuple[list[list[TextLine]], int]:
    """The lines of a third of a title page, read from the top a few at a time until
    one is a title that gives its year (the lines after it add nothing the builder
    takes from a title), and the row down to which the band was read."""
    boxes = _band_lines(ink, top, bottom, dpi)
    rows: list[list[TextLine]] = []
    for start in range(0, len(boxes), TITLE_GROUP):
        group = boxes[start : start + TITLE_GROUP]
        read = _recognised(engine, gray, group, top, dpi)
        rows.extend(read)
        if any(_dated_title(line.text) for row in read for line in row):
            return rows, group[-1].y1
    return rows, bottom


def _heading_rows(
    engine: OcrEngine, gray: Image, ink: Image, top: int, bottom: int, dpi: float
) -> list[list[TextLine]]:
    """The lines of the band above a table, read from the table upwards until one is a
    section heading (一、… 六、, as the builder knows them): the lines above it end the
    section before and name no table."""
    rows: list[list[TextLine]] = []
    for box in reversed(_band_lines(ink, top, bottom, dpi)):
        read = _recognised(engine, gray, [box], top, dpi)
        rows[:0] = read
        if any(match_section(line.text, is_heading=False) for row in read for line in row):
            break
    return rows


def _dated_title(text: str) -> bool:
    return is_title(text) and _YEAR.search(re.sub(r"\s+", "", text)) is not None


def _blank_row_near(blank_rows: np.ndarray, y: int, dpi: float) -> int:
    """The row without ink nearest to ``y`` (within half an inch), so that a cut
    between two regions does not run through a line of text."""
    reach = round(0.5 * dpi)
    for step in range(reach):
        for candidate in (y - step, y + step):
            if 0 <= candidate < len(blank_rows) and blank_rows[candidate]:
                return candidate
    return y


def _without_tables(gray: Image, frames: Sequence[grids.Box]) -> Image:
    """The page with its tables painted white, so that the detector reads only the rest."""
    if not frames:
        return gray
    out = gray.copy()
    for frame in frames:
        out[frame.y0 : frame.y1 + 1, frame.x0 : frame.x1 + 1] = 255
    return out


def _reading_rows(lines: Sequence[TextLine]) -> list[list[TextLine]]:
    """Recognised boxes grouped into lines of text (boxes side by side on one
    baseline), each left to right, top to bottom."""
    ordered = sorted(lines, key=lambda line: (line.y0 + line.y1) / 2)
    rows: list[list[TextLine]] = []
    for line in ordered:
        centre = (line.y0 + line.y1) / 2
        if rows:
            last = rows[-1]
            last_centre = sum((b.y0 + b.y1) / 2 for b in last) / len(last)
            height = max(b.y1 - b.y0 for b in last)
            if abs(centre - last_centre) < height / 2:
                last.append(line)
                continue
        rows.append([line])
    for row in rows:
        row.sort(key=lambda b: b.x0)
    return rows


__all__ = ["MIN_CONFIDENCE", "OcrOptions", "PageResult", "read_page", "read_pages"]
