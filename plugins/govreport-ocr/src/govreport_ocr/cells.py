"""Read the cells of a ruled table: crop each cell's lines of ink, recognise them in
batches without the detector, and keep a number only when it is read with certainty.

A cell's ink is split into text lines by its horizontal projection; each line is one
crop for the recogniser. A cell without CJK characters holds a value: it is kept only
when its text is a clean number (or a blank mark such as ``/``) and the least sure
character is at least ``min_confidence``. Anything else leaves the cell empty and
becomes an ``ocr-uncertain`` note with what was read and how surely.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import attrs
import numpy as np
from govreport.document import Cell, Location, Note, Table

from govreport_ocr.engine import Image, OcrEngine, Reading
from govreport_ocr.grid import Box, Grid, Mask

#: Lines of ink in a cell thinner than this (inches) are specks, not text.
MIN_LINE_HEIGHT = 0.03
#: Ink pixels a cell needs to hold anything (inches squared of ink).
MIN_INK_AREA = 0.0006
#: Space kept round each line crop (inches): the recogniser was trained with margins.
CROP_MARGIN = 0.03

#: The certainty rule, calibrated on scans of every corpus PDF from 100 to 300 dpi
#: (benchmarks/calibrate.py, the table in docs/formats/ocr.md): a value is kept when
#: no rival reading that gives another value is more probable than MAX_DOUBT and its
#: least sure character is at least MIN_CONFIDENCE. The values misread in three runs
#: (100 dpi, blurred: "6" for 0, "5501" for 550) had doubt 0.36 and 0.33 (confidence
#: 0.39 and 0.65): a ceiling of 0.3 is the loosest with no wrong value, 0.2 keeps a
#: step of margin.
MAX_DOUBT: float | None = 0.2
MIN_CONFIDENCE = 0.5
#: An engine that gives no rivals is judged by its least sure character alone, at
#: least this (the misread values scored up to 0.65; none above 0.7).
MIN_CONFIDENCE_ALONE = 0.9

_CLEAN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_BLANK_MARKS = frozenset({"/", "-", "—", "－", "--", "——", "\\"})
_CJK = re.compile(r"[\u3400-\u9fff]")


@attrs.frozen
class ReadCell:
    """What was read in one grid cell."""

    text: str
    confidence: float
    #: True when the cell holds a value that was not read with certainty
    uncertain: bool = False
    #: the probability of the likeliest rival reading that gives another value (a
    #: digit for another, one dropped or added); None when the engine gives no rivals
    doubt: float | None = None
    #: that rival's text
    doubt_text: str = ""


def line_boxes(ink: Mask, box: Box, dpi: float, inset: int) -> list[Box]:
    """The text lines inside ``box``, top to bottom, each as the box of its ink (none
    for an empty cell): rows of ink separated by blank rows are lines."""
    x0, y0, x1, y1 = box.x0 + inset, box.y0 + inset, box.x1 - inset, box.y1 - inset
    if x1 - x0 < 3 or y1 - y0 < 3:
        return []
    region = ink[y0:y1, x0:x1] > 0
    if region.sum() < MIN_INK_AREA * dpi * dpi:
        return []
    rows = region.any(axis=1)
    min_height = max(2, round(MIN_LINE_HEIGHT * dpi))
    lines: list[Box] = []
    for top, bottom in _runs(np.asarray(rows), gap=max(1, round(0.02 * dpi))):
        if bottom - top < min_height:
            continue
        xs = np.flatnonzero(region[top:bottom].any(axis=0))
        if len(xs):
            lines.append(Box(x0 + int(xs[0]), y0 + top, x0 + int(xs[-1]) + 1, y0 + bottom))
    return lines


def crop(gray: Image, line: Box, dpi: float) -> Image:
    """A line's pixels with the margin the recogniser was trained with."""
    margin = max(2, round(CROP_MARGIN * dpi))
    return np.ascontiguousarray(
        gray[
            max(0, line.y0 - margin) : min(gray.shape[0], line.y1 + margin),
            max(0, line.x0 - margin) : min(gray.shape[1], line.x1 + margin),
        ]
    )


def line_crops(gray: Image, ink: Mask, box: Box, dpi: float, inset: int) -> list[Image]:
    """Crops of the text lines inside ``box``, top to bottom (none for an empty cell)."""
    return [crop(gray, line, dpi) for line in line_boxes(ink, box, dpi, inset)]


def _runs(flags: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """``[start, end)`` of the runs of True, runs separated by less than ``gap`` joined."""
    runs: list[tuple[int, int]] = []
    for index in np.flatnonzero(flags):
        i = int(index)
        if runs and i - runs[-1][1] <= gap:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def holds_value(read: ReadCell) -> bool:
    """The cell was read as a value, kept (not a label, not empty, not uncertain)."""
    return bool(read.text) and not read.uncertain and not _CJK.search(read.text)


def value_confidence(read: ReadCell) -> float:
    """How surely a value was read, as a reviewer is told it: one less the doubt (the
    probability of the likeliest reading giving another value) when the engine gives
    rivals, else the least sure character's probability."""
    return 1.0 - read.doubt if read.doubt is not None else read.confidence


def is_value_text(text: str) -> bool:
    """A clean number or a blank mark: what a value cell may be read as."""
    return _CLEAN_NUMBER.match(text) is not None or text in _BLANK_MARKS


def _doubt(reading: Reading, compact: str) -> tuple[float, str]:
    """The likeliest rival of ``reading`` that reads as another value (a rival that is
    no value, such as ``o`` for ``0``, would have left the cell unread, not wrong)."""
    for text, probability in reading.rivals:  # most probable first
        other = re.sub(r"\s+", "", text)
        if other != compact and is_value_text(other):
            return probability, other
    return 0.0, ""


def judge(
    lines: Sequence[tuple[str, float] | Reading],
    min_confidence: float = MIN_CONFIDENCE,
    max_doubt: float | None = MAX_DOUBT,
) -> ReadCell:
    """A cell from its recognised lines: labels as read, values only when certain.

    A value is one clean number or blank mark on one line. When the engine gives
    rivals (:class:`Reading`) and ``max_doubt`` is set, it is kept when no rival that
    gives another value is more probable than ``max_doubt`` and its least sure
    character is at least ``min_confidence``. Otherwise its least sure character must
    be at least ``min_confidence`` and :data:`MIN_CONFIDENCE_ALONE`.
    """
    readings = [r if isinstance(r, Reading) else Reading(*r) for r in lines]
    if not readings:
        return ReadCell("", 1.0)
    text = "\n".join(r.text.strip() for r in readings).strip()
    confidence = min(r.confidence for r in readings)
    if _CJK.search(text):
        return ReadCell(text, confidence)
    compact = re.sub(r"\s+", "", text)
    if not compact:
        return ReadCell("", confidence)
    detailed = all(isinstance(r, Reading) for r in lines)
    doubt, doubt_text = _doubt(readings[0], compact) if detailed else (None, "")
    # two lines of digits are two numbers (or one cut in two): joining them would
    # make a number nobody printed
    sure = is_value_text(compact) and len(readings) == 1 and confidence >= min_confidence
    if max_doubt is not None and doubt is not None:
        sure = sure and doubt <= max_doubt
    else:
        sure = sure and confidence >= MIN_CONFIDENCE_ALONE
    return ReadCell(compact, confidence, not sure, doubt, doubt_text)


def read_grid(
    engine: OcrEngine,
    gray: Image,
    ink: Mask,
    grid: Grid,
    dpi: float,
    min_confidence: float = MIN_CONFIDENCE,
    max_doubt: float | None = MAX_DOUBT,
) -> list[ReadCell]:
    """Every cell of ``grid`` read, in the grid's cell order, all crops in one batch."""
    inset = max(2, round(0.02 * dpi))
    per_cell = [line_crops(gray, ink, cell.box, dpi, inset) for cell in grid.cells]
    flat = [crop for crops in per_cell for crop in crops]
    detailed = getattr(engine, "recognise_readings", None)
    read: Sequence[tuple[str, float] | Reading] = (
        detailed(flat) if detailed is not None else engine.recognise(flat)
    )
    out: list[ReadCell] = []
    position = 0
    for crops in per_cell:
        lines = read[position : position + len(crops)]
        position += len(crops)
        out.append(judge(lines, min_confidence, max_doubt))
    return out


def uncertain_note(read: ReadCell, location: Location) -> Note:
    """The note for a value left unread: where, what was read, how surely, and the
    other value it might have been (when that is why it was left)."""
    from govreport_ocr.messages import message

    rival = bool(read.doubt and read.doubt_text)
    text = message(
        "ocr.uncertain.rival" if rival else "ocr.uncertain",
        page=location.page,
        table=location.table,
        row=location.row,
        column=location.column,
        text=read.text,
        # rounded down: a value left for 0.498 under a floor of 0.5 does not read 0.50
        confidence=math.floor(read.confidence * 100 + 1e-9) / 100,
        rival=read.doubt_text,
        doubt=read.doubt,
    )
    return Note("ocr-uncertain", text, location)


def to_table(
    grid: Grid, read: Sequence[ReadCell], page: int, number: int, dpi: float = 72.0
) -> tuple[Table, list[Note]]:
    """The neutral table of a grid: merged cells repeat their text with ``spanned``;
    uncertain values are left empty, each with a note. Locations carry the cell's box
    in points of the (deskewed) page image, pixels scaled by ``dpi``."""
    points = 72.0 / dpi
    n_rows, n_cols = grid.shape
    positions: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    notes: list[Note] = []
    for cell, result in zip(grid.cells, read, strict=True):
        box = (
            cell.box.x0 * points,
            cell.box.y0 * points,
            cell.box.x1 * points,
            cell.box.y1 * points,
        )
        location = Location(
            page=page, table=number, row=cell.row + 1, column=cell.column + 1, box=box
        )
        if result.uncertain:
            notes.append(uncertain_note(result, location))
        text = "" if result.uncertain else result.text
        # a value kept carries how surely it was read: an equation it breaks names
        # its least sure cells first
        confidence = value_confidence(result) if holds_value(result) else None
        for r in range(cell.row, cell.row + cell.rows):
            for c in range(cell.column, cell.column + cell.columns):
                if 0 <= r < n_rows and 0 <= c < n_cols and positions[r][c] is None:
                    spanned = (r, c) != (cell.row, cell.column)
                    positions[r][c] = Cell(
                        text,
                        Location(
                            page=page,
                            table=number,
                            row=r + 1,
                            column=c + 1,
                            box=box,
                            confidence=confidence,
                        ),
                        spanned,
                    )
    rows = tuple(
        tuple(
            cell
            if cell is not None
            else Cell("", Location(page=page, table=number, row=r + 1, column=c + 1))
            for c, cell in enumerate(row)
        )
        for r, row in enumerate(positions)
    )
    return Table(rows, Location(page=page, table=number), regular=True), notes


__all__ = [
    "ReadCell",
    "crop",
    "holds_value",
    "is_value_text",
    "judge",
    "line_boxes",
    "line_crops",
    "read_grid",
    "to_table",
    "uncertain_note",
    "value_confidence",
]
