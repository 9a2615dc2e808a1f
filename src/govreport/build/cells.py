"""A printed row's cells: its values aligned to a template row's columns and parsed.

The step every table reader ends in: :func:`align_values` decides which value cell is
which column (or that this is uncertain), :func:`read_row` parses them into the
report's cells, with a finding for each one it cannot read.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import attrs

from govreport.build.common import LabelledRow
from govreport.document import Cell as DocCell
from govreport.layout import Row, label_core
from govreport.model import Cell, Finding, Severity
from govreport.numbers import parse_number


def _typo_of(labels: Sequence[str], row: Row) -> str | None:
    for text in labels:
        core = label_core(text)
        for typo in row.typos:
            if typo in core:
                return typo
    return None


@attrs.frozen
class RowRead:
    """What one printed row gave: the cells of its template row, and findings."""

    row: Row
    cells: tuple[Cell, ...]
    findings: tuple[Finding, ...]


def align_values(
    values: Sequence[DocCell], count: int, *, regular: bool = True
) -> list[DocCell] | None:
    """The ``count`` value cells of a row, or None when which cell is which is uncertain.

    Text tables shift columns with leading or trailing empty cells; those are dropped
    while there are more cells than columns. A row with fewer cells, or with extra
    cells that are not empty, cannot be aligned with certainty. In a grid that is not
    ``regular`` (tab-separated text), an empty cell at either end of a row with exactly
    ``count`` cells may be layout padding as well as a blank value, so such a row is
    not aligned either.
    """
    cells = list(values)
    trimmed = False
    while len(cells) > count and not cells[-1].text.strip():
        cells.pop()
        trimmed = True
    # In a regular grid a cell after the labels is a column of its own: an empty one at
    # the start is a blank value, not padding (a 小计 column may make the row one longer).
    while len(cells) > count and not cells[0].text.strip() and not regular:
        cells.pop(0)
        trimmed = True
    if len(cells) != count:
        return None
    if trimmed and any(not c.text.strip() for c in cells):
        # Padding was dropped and a blank remains: the blank could be padding too.
        return None
    if (
        not regular
        and count > 1
        and (not cells[0].text.strip() or not cells[-1].text.strip())
        and any(c.text.strip() for c in cells)
    ):
        return None
    return cells


def _unreadable(row: Row, printed: LabelledRow, ids: Sequence[str], why: str) -> RowRead:
    finding = Finding(
        rule="S3",
        severity=Severity.WARNING,
        message=f"「{row.label}」一行{why}，未读取。",
        cells=tuple(ids),
        locations=(printed.location,),
    )
    return RowRead(row, tuple(Cell(i, None, "", printed.location) for i in ids), (finding,))


def read_row(row: Row, printed: LabelledRow, ids: Sequence[str]) -> RowRead:
    """The cells of one printed row, named ``ids`` (one per column of ``row``)."""
    if printed.problem:
        return _unreadable(row, printed, ids, f"无法确定各数字所属的列（{printed.problem}）")
    if printed.aligned:
        aligned: list[DocCell] | None = list(printed.values)
    else:
        aligned = align_values(printed.values, len(row.columns), regular=printed.regular)
    if aligned is None or len(aligned) != len(ids):
        shown = " | ".join(c.text for c in printed.values)
        return _unreadable(row, printed, ids, f"的数字无法确定对应到哪一列（{shown}）")
    cells: list[Cell] = []
    findings: list[Finding] = []
    for cell_id, column, doc_cell in zip(ids, row.columns, aligned, strict=True):
        parsed = parse_number(doc_cell.text, decimal=column.decimal)
        if not parsed.ok:
            findings.append(
                Finding(
                    rule="S3",
                    severity=Severity.WARNING,
                    message=f"单元格内容「{doc_cell.text}」不是可识别的数字，未读取。",
                    cells=(cell_id,),
                    locations=(doc_cell.location,),
                )
            )
        cells.append(
            Cell(cell_id, parsed.value if parsed.ok else None, doc_cell.text, doc_cell.location)
        )
    typo = _typo_of(printed.labels, row) if row.typos else None
    if typo:
        findings.append(
            Finding(
                rule="S6",
                severity=Severity.INFO,
                message=f"行标签「{typo}」与模板「{row.label}」不一致，按「{row.label}」读取。",
                cells=tuple(ids),
                locations=(printed.location,),
            )
        )
    return RowRead(row, tuple(cells), tuple(findings))


@lru_cache(maxsize=256)
def cell_ids(table: str, row: Row) -> tuple[str, ...]:
    """The ids of a row's cells in ``table``, in column order."""
    return tuple(f"{table}.{row.key}.{c.key}" for c in row.columns)
