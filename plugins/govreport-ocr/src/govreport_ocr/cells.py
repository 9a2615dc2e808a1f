"""Read the cells of a ruled table: crop each cell's lines of ink, recognise them in
batches without the detector, and keep a number only when it is read with certainty.

A cell's ink is split into text lines by its horizontal projection; each line is one
crop for the recogniser. A cell without CJK characters holds a value: it is kept only
when its text is a clean number (or a blank mark such as ``/``) and the least sure
character is at least ``min_confidence``. Anything else leaves the cell empty and
becomes an ``ocr-uncertain`` note with what was read and how surely.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs
import numpy as np
from govreport.document import Cell, Location, Note, Table

from govreport_ocr.engine import Image, OcrEngine
from govreport_ocr.grid import Box, Grid, Mask

#: Lines of ink in a cell thinner than this (inches) are specks, not text.
MIN_LINE_HEIGHT = 0.03
#: Ink pixels a cell needs to hold anything (inches squared of ink).
MIN_INK_AREA = 0.0006
#: Space kept round each line crop (inches): the recogniser was trained with margins.
CROP_MARGIN = 0.03

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


def judge(lines: Sequence[tuple[str, float]], min_confidence: float) -> ReadCell:
    """A cell from its recognised lines: labels as read, values only when certain."""
    if not lines:
        return ReadCell("", 1.0)
    text = "\n".join(t.strip() for t, _ in lines).strip()
    confidence = min(c for _, c in lines)
    if _CJK.search(text):
        return ReadCell(text, confidence)
    compact = re.sub(r"\s+", "", text)
    if not compact:
        return ReadCell("", confidence)
    clean = _CLEAN_NUMBER.match(compact) is not None or compact in _BLANK_MARKS
    # two lines of digits are two numbers (or one cut in two): joining them would
    # make a number nobody printed
    if clean and len(lines) == 1 and confidence >= min_confidence:
        return ReadCell(compact, confidence)
    return ReadCell(compact, confidence, uncertain=True)


def read_grid(
    engine: OcrEngine,
    gray: Image,
    ink: Mask,
    grid: Grid,
    dpi: float,
    min_confidence: float,
) -> list[ReadCell]:
    """Every cell of ``grid`` read, in the grid's cell order, all crops in one batch."""
    inset = max(2, round(0.02 * dpi))
    per_cell = [line_crops(gray, ink, cell.box, dpi, inset) for cell in grid.cells]
    flat = [crop for crops in per_cell for crop in crops]
    read = engine.recognise(flat)
    out: list[ReadCell] = []
    position = 0
    for crops in per_cell:
        lines = read[position : position + len(crops)]
        position += len(crops)
        out.append(judge(lines, min_confidence))
    return out


def uncertain_note(read: ReadCell, location: Location) -> Note:
    """The note for a value left unread: where, what was read, and how surely."""
    from govreport_ocr.messages import message

    text = message(
        "ocr.uncertain",
        page=location.page,
        table=location.table,
        row=location.row,
        column=location.column,
        text=read.text,
        confidence=read.confidence,
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
        text = "" if result.uncertain else result.text
        if result.uncertain:
            notes.append(uncertain_note(result, location))
        for r in range(cell.row, cell.row + cell.rows):
            for c in range(cell.column, cell.column + cell.columns):
                if 0 <= r < n_rows and 0 <= c < n_cols and positions[r][c] is None:
                    spanned = (r, c) != (cell.row, cell.column)
                    positions[r][c] = Cell(
                        text,
                        Location(page=page, table=number, row=r + 1, column=c + 1, box=box),
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
    "judge",
    "line_boxes",
    "line_crops",
    "read_grid",
    "to_table",
    "uncertain_note",
]
