"""The official template as a plan every writer renders: title, sections, table grids.

A writer should not know the template: this module lays a :class:`~govreport.Report`
out as the official template prints it (the title, the six sections in order, tables
二, 三 and 四 with their row and column labels and merged cells), taking every label
from :mod:`govreport.layout`. Each writer only turns the plan into its own markup.

Blank cells are printed as :data:`BLANK` rather than left empty: an empty cell next to
the empty cells that pad a merged label cannot be told apart from them when the
output is read back, while ``/`` is what reports themselves print for "nothing here".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

import attrs

from govreport.layout import (
    APPLICANT_COLUMNS,
    RESULT_COLUMNS,
    SECTIONS,
    T2_CONTENT_HEADER,
    T3_APPLICANTS_HEADER,
    T3_CORNER_NOTE,
    T3_ORGANISATIONS_HEADER,
    T4_AFTER_REVIEW_HEADER,
    T4_DIRECT_HEADER,
    T4_LITIGATION_HEADER,
    T4_REVIEW_HEADER,
    TABLE3_SINGLE_OTHER,
    TABLE3_SPLIT_OTHER,
    TABLE4,
    TITLE_SUFFIX,
    TOTAL_COLUMN,
    Row,
    TableLayout,
    table2_layout,
)
from govreport.model import Report, Table, Value

#: How a blank cell is printed.
BLANK = "/"


def format_value(value: Value) -> str:
    """A cell value as printed: digits without exponent, blank as :data:`BLANK`."""
    if value is None:
        return BLANK
    if isinstance(value, Decimal):
        # "f" keeps the printed digits (79.6954, 0.500000) and never writes 1E+2.
        return format(value, "f")
    return str(value)


@attrs.frozen
class GridCell:
    """One cell as a table with merged cells draws it (an HTML ``<td>``)."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    #: a column heading (``<th>``), as opposed to a row label or a number
    header: bool = False
    #: a number (or the blank mark): right-aligned, never wrapped
    numeric: bool = False


@attrs.frozen
class Grid:
    """One table: rows of the cells that start there; merged positions are left out."""

    name: str
    width: int
    rows: tuple[tuple[GridCell, ...], ...]

    def positions(self) -> list[list[tuple[GridCell, bool]]]:
        """The rectangular grid: every position with the cell covering it and whether
        the cell starts there (``False`` for positions a merged cell covers)."""
        height = len(self.rows)
        matrix: list[list[tuple[GridCell, bool] | None]] = [
            [None] * self.width for _ in range(height)
        ]
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while c < self.width and matrix[r][c] is not None:
                    c += 1
                if c >= self.width:
                    raise AssertionError(f"row {r} of table {self.name} is wider than {self.width}")
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        matrix[r + dr][c + dc] = (cell, dr == 0 and dc == 0)
                c += cell.colspan
        out: list[list[tuple[GridCell, bool]]] = []
        for r, positions in enumerate(matrix):
            if any(p is None for p in positions):
                raise AssertionError(f"row {r} of table {self.name} leaves a position uncovered")
            out.append([p for p in positions if p is not None])
        return out


@attrs.frozen
class SectionPlan:
    number: int
    heading: str
    #: the body as lines, each a paragraph (see :func:`prose_lines`)
    lines: tuple[str, ...]
    #: the table printed at the end of the section, if any
    grid: Grid | None = None


@attrs.frozen
class Plan:
    title: str
    sections: tuple[SectionPlan, ...]


_SPACES = re.compile(r"[ \t\u3000\xa0\r\f\v]+")


def prose_lines(text: str) -> tuple[str, ...]:
    """Section text as the writers print it and the round trip promises to keep it:
    one paragraph per line, white space inside a line collapsed to one space, lines
    stripped, empty lines dropped (docs/writers.md, "White space")."""
    # splitlines, as the text and Markdown readers split: \u2028 and \x85 end lines too
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return tuple(line for line in lines if line)


def normalize_prose(text: str) -> str:
    """The form in which section text survives every writer but PDF."""
    return "\n".join(prose_lines(text))


def title_of(report: Report) -> str:
    title = " ".join(report.title.split())
    return title or f"{report.agency}{report.year}年{TITLE_SUFFIX}"


def plan(report: Report) -> Plan:
    """The report laid out as the official template prints it.

    All six sections are printed in order, under their printed heading or, when the
    report lacks one, the official heading; a table is printed at the end of its
    section (二, 三, 四) when the report has it.
    """
    grids = {
        2: grid_t2(report.table2, report.template) if report.table2 is not None else None,
        3: grid_t3(report.table3) if report.table3 is not None else None,
        4: grid_t4(report.table4) if report.table4 is not None else None,
    }
    sections: list[SectionPlan] = []
    for layout in SECTIONS:
        section = report.section(layout.number)
        heading = " ".join(section.heading.split()) if section is not None else ""
        if not heading:
            heading = f"{layout.numeral}、{layout.heading}"
        lines = prose_lines(section.text) if section is not None else ()
        sections.append(SectionPlan(layout.number, heading, lines, grids.get(layout.number)))
    return Plan(title=title_of(report), sections=tuple(sections))


# --- table 二 -----------------------------------------------------------------------------


def _values(table: Table, prefix: str, row: Row) -> list[str]:
    return [format_value(table.get(f"{prefix}.{row.key}.{column.key}")) for column in row.columns]


def grid_t2(table: Table, template: str) -> Grid:
    """Table 二 in blocks, one per article item (第二十条第（一）项 ...), each with its
    own column headings; a block narrower than the table widens its last column."""
    layout: TableLayout = table2_layout("2019" if template == "2019" else "2021")
    width = 1 + max(len(row.columns) for row in layout.rows)
    rows: list[tuple[GridCell, ...]] = []
    group: str | None = None
    for row in layout.rows:
        if row.group != group:
            group = row.group
            rows.append((GridCell(group or "", colspan=width, header=True),))
            rows.append(
                (
                    GridCell(T2_CONTENT_HEADER, header=True),
                    *_stretch([GridCell(c.label, header=True) for c in row.columns], width - 1),
                )
            )
        values = [GridCell(v, numeric=True) for v in _values(table, "t2", row)]
        rows.append((GridCell(row.label), *_stretch(values, width - 1)))
    return Grid("t2", width, tuple(rows))


def _stretch(cells: Sequence[GridCell], width: int) -> list[GridCell]:
    out = list(cells)
    if len(out) < width:
        out[-1] = attrs.evolve(out[-1], colspan=width - len(out) + 1)
    return out


# --- table 三 -----------------------------------------------------------------------------


def grid_t3(table: Table) -> Grid:
    """Table 三 with the official header (申请人情况 over 自然人, 法人或其他组织 over its
    five kinds, 总计) and three label columns: 三、本年度办理结果 spans the outcome
    rows, each group label (（三）不予公开 ...) spans its numbered rows."""
    single = "t3.other.natural_person" in table or "t3.other.total" in table
    layout = TABLE3_SINGLE_OTHER if single else TABLE3_SPLIT_OTHER
    labels = 3
    width = labels + len(APPLICANT_COLUMNS) + 1
    organisations = APPLICANT_COLUMNS[1:]
    header: list[tuple[GridCell, ...]] = [
        (
            GridCell(T3_CORNER_NOTE, rowspan=3, colspan=labels, header=True),
            GridCell(T3_APPLICANTS_HEADER, colspan=width - labels, header=True),
        ),
        (
            GridCell(APPLICANT_COLUMNS[0].label, rowspan=2, header=True),
            GridCell(T3_ORGANISATIONS_HEADER, colspan=len(organisations), header=True),
            GridCell(TOTAL_COLUMN.label, rowspan=2, header=True),
        ),
        tuple(GridCell(c.label, header=True) for c in organisations),
    ]
    # 三、本年度办理结果 is the group of the outcome rows printed without a group label
    results = layout.row("granted").group
    outcome_rows = [r for r in layout.rows if r.group is not None]
    group_sizes = {
        g: sum(1 for r in outcome_rows if r.group == g) for g in {r.group for r in outcome_rows}
    }
    body: list[tuple[GridCell, ...]] = []
    seen_groups: set[str | None] = set()
    for row in layout.rows:
        values = tuple(GridCell(v, numeric=True) for v in _values(table, "t3", row))
        if row.group is None:
            body.append((GridCell(row.label, colspan=labels), *values))
            continue
        cells: list[GridCell] = []
        if row is outcome_rows[0]:
            cells.append(GridCell(results or "", rowspan=len(outcome_rows)))
        if row.group == results:
            cells.append(GridCell(row.label, colspan=2))
        else:
            if row.group not in seen_groups:
                seen_groups.add(row.group)
                cells.append(GridCell(row.group, rowspan=group_sizes[row.group]))
            cells.append(GridCell(row.label))
        body.append((*cells, *values))
    return Grid("t3", width, (*header, *body))


# --- table 四 -----------------------------------------------------------------------------


def grid_t4(table: Table) -> Grid:
    """Table 四 as printed: 行政复议 and 行政诉讼 (split into 未经复议直接起诉 and
    复议后起诉) over five result columns each, then one row of fifteen numbers."""
    n = len(RESULT_COLUMNS)
    width = 3 * n
    results = [GridCell(c.label, header=True) for c in RESULT_COLUMNS]
    rows: tuple[tuple[GridCell, ...], ...] = (
        (
            GridCell(T4_REVIEW_HEADER, colspan=n, header=True),
            GridCell(T4_LITIGATION_HEADER, colspan=2 * n, header=True),
        ),
        (
            *(attrs.evolve(c, rowspan=2) for c in results),
            GridCell(T4_DIRECT_HEADER, colspan=n, header=True),
            GridCell(T4_AFTER_REVIEW_HEADER, colspan=n, header=True),
        ),
        (*results, *results),
        tuple(
            GridCell(format_value(table.get(cell_id)), numeric=True)
            for cell_id in TABLE4.cell_ids()
        ),
    )
    return Grid("t4", width, rows)


def iter_grids(p: Plan) -> Iterator[Grid]:
    return (s.grid for s in p.sections if s.grid is not None)


__all__ = [
    "BLANK",
    "Grid",
    "GridCell",
    "Plan",
    "SectionPlan",
    "format_value",
    "grid_t2",
    "grid_t3",
    "grid_t4",
    "iter_grids",
    "normalize_prose",
    "plan",
    "prose_lines",
    "title_of",
]
