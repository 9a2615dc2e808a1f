"""The template-row assignment: which template row a printed row is.

A printed row is named by its label (:func:`match_row`); a row that lost its label is
named by its place between two named rows, when only one assignment is possible
(:func:`attribute_unlabelled_rows`); a table row printed as a line of text is named
when the line is exactly a row's label and its numbers (:func:`line_rows`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

import attrs

from govreport.build.cells import align_values
from govreport.build.common import LabelledRow
from govreport.document import Cell as DocCell
from govreport.document import Document, Paragraph
from govreport.layout import (
    TABLE3_SINGLE_OTHER,
    TABLE3_SPLIT_OTHER,
    Row,
    TableLayout,
    Template,
    label_core,
    table2_layout,
)
from govreport.model import Finding, Severity
from govreport.numbers import looks_numeric

_INNER_NUMBERING = re.compile(
    r"[（(][一二三四五六七八九十]+[)）]|(?<!\d)\d{1,2}\s*[.．、](?!\d)|[一二三四五六七八九十]+、"
)


def match_row(labels: Sequence[str], layout: TableLayout) -> Row | None:
    """The layout row a printed row's labels name, trying the most specific label first."""
    return _match_row(tuple(labels), layout)


@lru_cache(maxsize=4096)
def _match_row(labels: tuple[str, ...], layout: TableLayout) -> Row | None:
    candidates = [label_core(text) for text in reversed(labels)]
    if len(labels) > 1:
        candidates.append(label_core("".join(labels)))
    # A converter may merge a group label and a row label into one cell
    # (三、本年度办理结果 （七）总计): the part after the last numbering is the row.
    last = labels[-1] if labels else ""
    numbered = list(_INNER_NUMBERING.finditer(last))
    if numbered and numbered[-1].start() > 0:
        candidates.append(label_core(last[numbered[-1].start() :]))
    for core in candidates:
        if not core:
            continue
        for row in layout.rows:
            for alias in (*row.aliases, *row.typos):
                if core == alias:
                    return row
        for row in layout.rows:
            for alias in (*row.aliases, *row.typos):
                if len(alias) >= 4 and alias in core:
                    return row
    return None


def _is_unlabelled_row(printed: LabelledRow) -> bool:
    return not printed.labels and any(c.text.strip() for c in printed.values)


def attribute_unlabelled_rows(
    rows: Sequence[LabelledRow], layout: TableLayout
) -> tuple[list[LabelledRow], list[Finding]]:
    """Name the rows that lost their labels, where their position makes it certain.

    PDF converters drop the label of a row whose label wraps over several lines, and
    keep its numbers in place. Between two printed rows that name layout rows *i* and
    *j*, the unlabelled rows are rows *i+1 … j-1* in order when, and only when, there
    are exactly *j-i-1* of them, all named rows run in layout order, no row with numbers
    but an unknown label stands between *i* and *j*, and each unlabelled row has the
    number of cells of the row it would be. Every other unlabelled row between named
    rows stays unread, with an S3 finding naming the rows it could be. Rows before the
    first or after the last named row are left alone (they may belong to another table).
    """
    anchors = _anchors(rows, layout)
    out = list(rows)
    findings: list[Finding] = []
    if any(b[1] <= a[1] for a, b in pairwise(anchors)):
        return out, findings  # the named rows are out of order: positions say nothing
    for (start, low), (end, high) in pairwise(anchors):
        between = [p for p in range(start + 1, end) if _is_unlabelled_row(rows[p])]
        if not between:
            continue
        missing = layout.rows[low + 1 : high]
        before, after = layout.rows[low].label, layout.rows[high].label
        if not _gap_fits(rows, range(start + 1, end), between, missing):
            findings.append(_unplaced(rows, between, missing, layout.name, (before, after)))
            continue
        for p, row in zip(between, missing, strict=True):
            out[p] = attrs.evolve(rows[p], labels=(row.label,))
            findings.append(_placed(rows[p], row, layout.name, (before, after)))
    return out, findings


def _anchors(rows: Sequence[LabelledRow], layout: TableLayout) -> list[tuple[int, int]]:
    """(position in rows, index in layout) of each printed row with numbers that names a
    layout row."""
    order = {row.key: index for index, row in enumerate(layout.rows)}
    anchors: list[tuple[int, int]] = []
    for position, printed in enumerate(rows):
        if printed.labels and printed.values:
            row = match_row(printed.labels, layout)
            if row is not None:
                anchors.append((position, order[row.key]))
    return anchors


def _gap_fits(
    rows: Sequence[LabelledRow], gap: range, between: Sequence[int], missing: Sequence[Row]
) -> bool:
    """Whether the unlabelled rows at ``between`` are the ``missing`` rows, in order."""
    # A row with numbers and an unknown label in between could be one of the missing rows.
    strangers = any(rows[p].labels and rows[p].values for p in gap)
    return (
        not strangers
        and len(between) == len(missing)
        and all(
            align_values(rows[p].values, len(row.columns)) is not None
            for p, row in zip(between, missing, strict=True)
        )
    )


def _unplaced(
    rows: Sequence[LabelledRow],
    between: Sequence[int],
    missing: Sequence[Row],
    table: str,
    neighbours: tuple[str, str],
) -> Finding:
    before, after = neighbours
    return Finding(
        rule="S3",
        severity=Severity.WARNING,
        message=(
            f"「{before}」与「{after}」之间有{len(between)}行数字没有行标签，"
            f"而两行之间应有{len(missing)}行，无法确定各行对应关系，未读取。"
        ),
        cells=tuple(f"{table}.{row.key}.{c.key}" for row in missing for c in row.columns),
        locations=tuple(rows[p].location for p in between),
    )


def _placed(printed: LabelledRow, row: Row, table: str, neighbours: tuple[str, str]) -> Finding:
    before, after = neighbours
    return Finding(
        rule="S7",
        severity=Severity.INFO,
        message=(
            f"一行数字没有行标签，按其位置（「{before}」与「{after}」之间）读作「{row.label}」。"
        ),
        cells=tuple(f"{table}.{row.key}.{c.key}" for c in row.columns),
        locations=(printed.location,),
    )


def line_rows(document: Document, template: Template) -> list[LabelledRow]:
    """Table rows printed as a line of text, ``行政许可 97``: a line that is exactly a
    row's label followed by that row's number of values, separated by white space (PDF
    converters leave the rows of tables they could not box as such lines). The label must
    be the row's own wording, not merely contain it, so a sentence is never read as a row."""
    layouts = (table2_layout(template), TABLE3_SPLIT_OTHER, TABLE3_SINGLE_OTHER)
    out: list[LabelledRow] = []
    for block in document.blocks:
        if not isinstance(block, Paragraph):
            continue
        tokens = block.text.split()
        first_value = len(tokens)
        while first_value > 0 and looks_numeric(tokens[first_value - 1]):
            first_value -= 1
        label, values = " ".join(tokens[:first_value]), tokens[first_value:]
        if not label or not values or any(ch.isdigit() for ch in label):
            continue
        core = label_core(label)
        for layout in layouts:
            row = next((r for r in layout.rows if core in (*r.aliases, *r.typos)), None)
            if row is not None and len(row.columns) == len(values):
                cells = tuple(DocCell(text=v, location=block.location) for v in values)
                out.append(LabelledRow((label,), cells, "", block.location))
                break
    return out
