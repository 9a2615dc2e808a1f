"""Tables drawn without rules, from the alignment of recognised boxes.

The detector gives one box per run of text; a row of a table without rules is a line
whose boxes include two or more values (numbers or blank marks). Consecutive such
lines are one table. Its value columns are where the values' centres cluster across
the rows; each value goes to the column it stands in, the boxes left of the first
column are the row's label. A value that falls in no column, or two in one, leaves
the row's values unplaced (an irregular row the builder then refuses with a finding)
rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govreport.document import Block, Cell, Location, Note, Paragraph, Table

from govreport_ocr.cells import ReadCell, judge, uncertain_note
from govreport_ocr.engine import TextLine

_VALUE = re.compile(r"^(?:-?\d+(?:\.\d+)?|[/—－-]{1,2})$")
#: Values of one column stand within this share of an inch of their column's centre.
COLUMN_REACH = 0.25


def is_value(box: TextLine) -> bool:
    return _VALUE.match(re.sub(r"\s+", "", box.text)) is not None


def lines_to_blocks(
    rows: Sequence[Sequence[TextLine]],
    dpi: float,
    page: int,
    first_table: int,
    min_confidence: float,
) -> tuple[list[tuple[float, Block]], list[Note]]:
    """Blocks of a region's text rows (each a line's boxes, left to right, rows top to
    bottom): runs of two or more table rows become tables, other rows paragraphs."""
    items: list[tuple[float, Block]] = []
    notes: list[Note] = []
    run: list[Sequence[TextLine]] = []
    number = first_table

    def flush() -> None:
        nonlocal number
        if len(run) >= 2 and columns_of(run, dpi):
            table, table_notes = _table(run, dpi, page, number, min_confidence)
            items.append((min(b.y0 for b in run[0]), table))
            notes.extend(table_notes)
            number += 1
        else:
            items.extend(_paragraph(row, page) for row in run)
        run.clear()

    for row in rows:
        if sum(1 for box in row if is_value(box)) >= 2:
            run.append(row)
            continue
        flush()
        items.append(_paragraph(row, page))
    flush()
    return items, notes


def _paragraph(row: Sequence[TextLine], page: int) -> tuple[float, Block]:
    text = " ".join(box.text for box in row)
    return min(b.y0 for b in row), Paragraph(text, Location(page=page))


def columns_of(rows: Sequence[Sequence[TextLine]], dpi: float) -> list[float]:
    """Centres of the value columns: value boxes' centres clustered along x, each
    cluster holding values of at least half the rows."""
    centres = sorted((b.x0 + b.x1) / 2 for row in rows for b in row if is_value(b))
    reach = COLUMN_REACH * dpi
    clusters: list[list[float]] = []
    for x in centres:
        if clusters and x - clusters[-1][-1] <= reach:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    # a column holds values in at least half the rows: a stray value makes none
    support = max(2, (len(rows) + 1) // 2)
    return [sum(c) / len(c) for c in clusters if len(c) >= support]


def _table(
    rows: Sequence[Sequence[TextLine]], dpi: float, page: int, number: int, min_confidence: float
) -> tuple[Table, list[Note]]:
    columns = columns_of(rows, dpi)
    reach = COLUMN_REACH * dpi
    out_rows: list[tuple[Cell, ...]] = []
    notes: list[Note] = []
    all_placed = True
    for r, row in enumerate(rows, start=1):
        labels = [b for b in row if not is_value(b) and (b.x0 + b.x1) / 2 < columns[0] - reach]
        placed: list[TextLine | None] = [None] * len(columns)
        regular = True
        for box in row:
            if box in labels:
                continue
            centre = (box.x0 + box.x1) / 2
            nearest = min(range(len(columns)), key=lambda i: abs(columns[i] - centre))
            if not is_value(box) or abs(columns[nearest] - centre) > reach or placed[nearest]:
                regular = False
                break
            placed[nearest] = box
        location = Location(page=page, table=number, row=r, column=1)
        label = Cell(" ".join(b.text for b in labels), location)
        if not regular:
            all_placed = False
            # which value is in which column is not certain: the values are given as
            # one run of text, which the builder will not split into columns
            rest = " ".join(b.text for b in row if b not in labels)
            out_rows.append((label, Cell(rest, Location(page=page, table=number, row=r, column=2))))
            continue
        cells = [label]
        for c, value in enumerate(placed, start=2):
            where = Location(page=page, table=number, row=r, column=c)
            read = (
                judge([(value.text, value.confidence)], min_confidence)
                if value
                else ReadCell("", 1.0)
            )
            if read.uncertain:
                notes.append(uncertain_note(read, where))
            cells.append(Cell("" if read.uncertain else read.text, where))
        out_rows.append(tuple(cells))
    return Table(tuple(out_rows), Location(page=page, table=number), regular=all_placed), notes


__all__ = ["columns_of", "is_value", "lines_to_blocks"]
