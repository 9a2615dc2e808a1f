"""Write a report as a ``.docx`` in the official layout: title, six numbered sections and
the three tables with their merged header cells, as the State Council template prints them.

Row and column labels come from :mod:`govreport.layout`; the few header words the
layout does not hold (the templates' corner and group headings) are gathered below.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs
from govreport.errors import WriteError
from govreport.layout import (
    APPLICANT_COLUMNS,
    RESULT_COLUMNS,
    SECTIONS,
    TABLE4,
    TOTAL_COLUMN,
    Row,
    TableLayout,
    table2_layout,
    table3_layout,
)
from govreport.model import Report, Value
from govreport.model import Table as ReportTable
from govreport.writers.grid import BLANK

from govreport_docx.messages import message

# Header words of the official tables that are not row or column labels.
CONTENT_HEADER = "信息内容"
APPLICANTS_HEADER = "申请人情况"
ORGANISATIONS_HEADER = "法人或其他组织"
CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
RESULTS_GROUP = "三、本年度办理结果"
REVIEW_HEADER = "行政复议"
LITIGATION_HEADER = "行政诉讼"
LITIGATION_BLOCKS = ("未经复议直接起诉", "复议后起诉")
DEFAULT_TITLE = "{agency}{year}年度政府信息公开工作年度报告"


@attrs.frozen
class _Merge:
    top: int
    left: int
    bottom: int
    right: int


@attrs.define
class _Grid:
    """A table drawn as texts plus merged rectangles, turned into Word XML at the end."""

    width: int
    rows: list[list[str]] = attrs.Factory(list)
    merges: list[_Merge] = attrs.Factory(list)

    def add(self, texts: Sequence[str]) -> int:
        row = [*texts, *[""] * (self.width - len(texts))]
        self.rows.append(row)
        return len(self.rows) - 1

    def merge(self, top: int, left: int, bottom: int, right: int) -> None:
        if (top, left) != (bottom, right):
            self.merges.append(_Merge(top, left, bottom, right))


def _show(value: Value) -> str:
    if value is None:
        # "/" as the built-in writers print a blank: an empty cell next to empty merged
        # positions reads back as padding, and a table 四 row of blanks is not read at all
        return BLANK
    if isinstance(value, Decimal):
        return format(value, "f")  # never "1E+2": the printed digits as digits
    return str(value)


def _values(table: ReportTable, name: str, row: Row) -> list[str]:
    return [_show(table.get(f"{name}.{row.key}.{column.key}")) for column in row.columns]


def _printed(table: ReportTable, name: str, row: Row) -> bool:
    return any(f"{name}.{row.key}.{column.key}" in table for column in row.columns)


def table2_grid(table: ReportTable, layout: TableLayout) -> _Grid:
    width = 1 + max(len(row.columns) for row in layout.rows)
    grid = _Grid(width)
    groups: list[tuple[str, list[Row]]] = []
    for row in layout.rows:
        if not _printed(table, "t2", row):
            continue
        group = row.group or ""
        if not groups or groups[-1][0] != group:
            groups.append((group, []))
        groups[-1][1].append(row)
    for group, rows in groups:
        at = grid.add([group])
        grid.merge(at, 0, at, width - 1)
        at = grid.add([CONTENT_HEADER, *(c.label for c in rows[0].columns)])
        grid.merge(at, len(rows[0].columns), at, width - 1)
        for row in rows:
            at = grid.add([row.label, *_values(table, "t2", row)])
            grid.merge(at, len(row.columns), at, width - 1)  # the last value fills the row
    return grid


def table3_grid(table: ReportTable) -> _Grid:
    layout = table3_layout(single_other="t3.other.total" in table)
    labels, values = 3, len(APPLICANT_COLUMNS) + 1
    grid = _Grid(labels + values)
    last = labels + values - 1
    grid.add([CORNER_NOTE, "", "", APPLICANTS_HEADER])
    grid.add(
        [
            "",
            "",
            "",
            APPLICANT_COLUMNS[0].label,
            ORGANISATIONS_HEADER,
            "",
            "",
            "",
            "",
            TOTAL_COLUMN.label,
        ]
    )
    grid.add(["", "", "", "", *(c.label for c in APPLICANT_COLUMNS[1:]), ""])
    grid.merge(0, 0, 2, labels - 1)
    grid.merge(0, labels, 0, last)
    grid.merge(1, labels, 2, labels)
    grid.merge(1, labels + 1, 1, last - 1)
    grid.merge(1, last, 2, last)
    results_start: int | None = None
    group_start: tuple[str, int] | None = None

    def close_group(end: int) -> None:
        nonlocal group_start
        if group_start is not None:
            grid.merge(group_start[1], 1, end, 1)
            group_start = None

    for row in layout.rows:
        if not _printed(table, "t3", row):
            continue
        numbers = _values(table, "t3", row)
        if row.group is None:
            close_group(len(grid.rows) - 1)
            if results_start is not None:
                grid.merge(results_start, 0, len(grid.rows) - 1, 0)
                results_start = None
            at = grid.add([row.label, "", "", *numbers])
            grid.merge(at, 0, at, labels - 1)
            continue
        if results_start is None:
            results_start = len(grid.rows)
        if row.group == RESULTS_GROUP:
            close_group(len(grid.rows) - 1)
            at = grid.add([RESULTS_GROUP, row.label, "", *numbers])
            grid.merge(at, 1, at, 2)
            continue
        if group_start is None or group_start[0] != row.group:
            close_group(len(grid.rows) - 1)
            group_start = (row.group, len(grid.rows))
            grid.add([RESULTS_GROUP, row.group, row.label, *numbers])
        else:
            grid.add([RESULTS_GROUP, "", row.label, *numbers])
    close_group(len(grid.rows) - 1)
    if results_start is not None:
        grid.merge(results_start, 0, len(grid.rows) - 1, 0)
    return grid


def table4_grid(table: ReportTable) -> _Grid:
    block = len(TABLE4.rows[0].columns)
    grid = _Grid(block * len(TABLE4.rows))
    grid.add([REVIEW_HEADER, *[""] * (block - 1), LITIGATION_HEADER])
    grid.add(
        ["", *[""] * (block - 1), LITIGATION_BLOCKS[0], *[""] * (block - 1), LITIGATION_BLOCKS[1]]
    )
    grid.add([c.label for _ in TABLE4.rows for c in RESULT_COLUMNS])
    grid.merge(0, 0, 1, block - 1)
    grid.merge(0, block, 0, grid.width - 1)
    grid.merge(1, block, 1, 2 * block - 1)
    grid.merge(1, 2 * block, 1, grid.width - 1)
    grid.add([v for row in TABLE4.rows for v in _values(table, "t4", row)])
    return grid


def _cell(text: str, span: int, vmerge: str | None) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc = OxmlElement("w:tc")
    tcpr = OxmlElement("w:tcPr")
    if span > 1:
        grid_span = OxmlElement("w:gridSpan")
        grid_span.set(qn("w:val"), str(span))
        tcpr.append(grid_span)
    if vmerge is not None:
        merge = OxmlElement("w:vMerge")
        if vmerge == "restart":
            merge.set(qn("w:val"), "restart")
        tcpr.append(merge)
    tc.append(tcpr)
    paragraph = OxmlElement("w:p")  # every cell needs one, even an empty one
    if text:
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(t)
        paragraph.append(run)
    tc.append(paragraph)
    return tc


def _draw(document: Any, grid: _Grid) -> None:
    """Append ``grid`` as a Word table, merged cells as ``w:gridSpan`` and ``w:vMerge``.

    The XML is written directly: python-docx's ``cell()`` and ``merge()`` rescan the
    whole table on every call, which made one report take half a second."""
    from docx.oxml import OxmlElement

    table = document.add_table(rows=0, cols=grid.width)
    table.style = "Table Grid"
    owner: dict[tuple[int, int], _Merge] = {}
    for merge in grid.merges:
        for r in range(merge.top, merge.bottom + 1):
            for c in range(merge.left, merge.right + 1):
                owner[(r, c)] = merge
    for r, texts in enumerate(grid.rows):
        tr = OxmlElement("w:tr")
        c = 0
        while c < grid.width:
            found = owner.get((r, c))
            if found is None:
                tr.append(_cell(texts[c], 1, None))
                c += 1
                continue
            span = found.right - found.left + 1
            if r == found.top:
                tr.append(_cell(texts[c], span, "restart" if found.bottom > found.top else None))
            else:
                tr.append(_cell("", span, "continue"))
            c += span
        table._tbl.append(tr)


def write_docx(report: Report) -> bytes:
    """The report as ``.docx`` bytes in the official layout."""
    import docx

    if not report.agency:
        raise WriteError(message("docx.write.no_agency"))
    document = docx.Document()
    title = report.title or DEFAULT_TITLE.format(agency=report.agency, year=report.year)
    document.add_heading(title, level=0)
    printed = {section.number: section for section in report.sections}
    for layout in SECTIONS:
        section = printed.get(layout.number)
        heading = section.heading if section is not None else f"{layout.numeral}、{layout.heading}"
        document.add_heading(heading, level=1)
        if layout.number == 2 and report.table2 is not None:
            _draw(document, table2_grid(report.table2, table2_layout(report.template)))
        elif layout.number == 3 and report.table3 is not None:
            _draw(document, table3_grid(report.table3))
        elif layout.number == 4 and report.table4 is not None:
            _draw(document, table4_grid(report.table4))
        if section is not None:
            for line in section.text.split("\n"):
                if line.strip():
                    document.add_paragraph(line.strip())
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


__all__ = ["write_docx"]
