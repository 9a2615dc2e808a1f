"""Tables 二 and 三 (and 四, through :mod:`govreport.build.table4`): labelled rows onto
the template's cells.

The pure steps: name the unlabelled rows by position, read each named row into its
cells (the first of two differing copies wins), then lay the rows out in the
template's order.
"""

from __future__ import annotations

from collections.abc import Sequence

from govreport.build.assign import (
    Found,
    attribute_unlabelled_rows,
    match_row,
    matches,
    matches_of,
    named_rows,
)
from govreport.build.cells import RowRead, _unreadable, cell_ids, read_row
from govreport.build.common import HEADER_LABELS, LabelledRow
from govreport.build.table4 import read_t4_row
from govreport.build.template import has_split_other
from govreport.layout import (
    T3_COLUMNS,
    TABLE4,
    Row,
    TableLayout,
    Template,
    table2_layout,
    table3_layout,
)
from govreport.messages import message
from govreport.model import Cell, Finding, Severity, Table, built_table

#: what each table's rows gave, by table ("t2", "t3", "t4") and row key
_Read = dict[str, dict[str, RowRead]]


def read_tables(
    rows: Sequence[LabelledRow],
    template: Template,
    text_rows: Sequence[LabelledRow] = (),
    found: Found | None = None,
) -> tuple[dict[str, Table], list[Finding]]:
    """The tables read from table rows, then from ``text_rows`` (see
    :func:`~govreport.build.assign.line_rows`) for the rows the tables lack (``found``:
    the table rows' :func:`~govreport.build.assign.matches`, when known)."""
    findings: list[Finding] = []
    # the rows each printed row names, looked up once for every step below
    found = matches_of(rows) if found is None else found
    split_other = has_split_other(rows, found)
    layouts = {
        "t2": table2_layout(template),
        # the 2019 template prints （六） as one row; later reports may too
        "t3": table3_layout(
            single_other=split_other is False or (split_other is None and template == "2019")
        ),
    }
    # the template row each printed row names in each table, for both steps below
    named = _named(rows, layouts, found)
    for layout in (layouts["t3"], layouts["t2"]):
        out, attributed = attribute_unlabelled_rows(rows, layout, found, named[layout.name])
        if attributed:  # a row is named anew only with a finding that says so
            found = [
                before if row is printed else matches(row.labels)
                for before, row, printed in zip(found, out, rows, strict=True)
            ]
            rows = out
            named = _named(rows, layouts, found)
        findings.extend(attributed)
    if text_rows:
        more = _named(text_rows, layouts, matches_of(text_rows))
        named = {name: [*named[name], *more[name]] for name in named}
    read, row_findings = _read_rows([*rows, *text_rows], layouts, named)
    findings.extend(row_findings)
    findings.extend(_cut_at_the_edge(rows, read["t3"]))
    tables: dict[str, Table] = {}
    for name, layout in (("t2", layouts["t2"]), ("t3", layouts["t3"]), ("t4", TABLE4)):
        if read[name]:
            tables[name], table_findings = _lay_out(name, layout, read[name])
            findings.extend(table_findings)
    return tables, findings


def _named(
    rows: Sequence[LabelledRow], layouts: dict[str, TableLayout], found: Found
) -> dict[str, list[Row | None]]:
    """The layout row each printed row names, by table (``found``: the rows'
    :func:`~govreport.build.assign.matches`)."""
    return {name: named_rows(rows, layout, found) for name, layout in layouts.items()}


def _read_rows(
    rows: Sequence[LabelledRow],
    layouts: dict[str, TableLayout],
    named: dict[str, list[Row | None]],
) -> tuple[_Read, list[Finding]]:
    """Each printed row read into the cells of the template row it names (``named``:
    the layout row each names, by table; table 三 first)."""
    read: _Read = {"t2": {}, "t3": {}, "t4": {}}
    findings: list[Finding] = []
    t3_rows, t2_rows = named["t3"], named["t2"]
    numbered: set[tuple[str, int]] | None = None  # asked only of a few rows
    for printed, t3, t2 in zip(rows, t3_rows, t2_rows, strict=True):
        if printed.page_number:
            continue
        has_numbers = printed.filled
        if printed.context == "t4":
            if not printed.labels or has_numbers:
                read_t4_row(printed, read["t4"])
            continue  # or a header of 四 (其他 结果)
        if not printed.labels:
            continue
        if t3 is not None:
            name, row = "t3", t3
        elif t2 is not None:
            name, row = "t2", t2
        else:
            if has_numbers and printed.context in ("t2", "t3") and printed.labels != HEADER_LABELS:
                findings.append(_not_in_template(printed))
            continue
        # A label with no numbers and at most one cell beside it is a group label or a
        # header word (其他), not a row printed blank; with fewer cells than its row it
        # is the label of numbers printed elsewhere, when a row with them is named so.
        if not has_numbers and len(printed.texts) > min(1, len(row.columns) - 1):
            if len(printed.texts) < len(row.columns):
                if numbered is None:
                    numbered = _numbered(rows, t3_rows, t2_rows)
                has_numbers = (name, id(row)) not in numbered
            else:
                has_numbers = True
        if has_numbers:
            result = read_row(row, printed, cell_ids(name, row))
            table = read[name]
            if row.key not in table:  # most rows: the first reading (no call to keep it)
                table[row.key] = result
            else:
                findings.extend(_keep_first(table, result, printed))
        elif _words_where_numbers_belong(printed, layouts[name], row):
            words = " | ".join(printed.labels[1:])
            why = message("finding.S3.row_words", row=row.label, words=words)
            result = _unreadable(row, printed, cell_ids(name, row), why)
            findings.extend(_keep_first(read[name], result, printed))
    return read, findings


def _numbered(
    rows: Sequence[LabelledRow], t3_rows: Sequence[Row | None], t2_rows: Sequence[Row | None]
) -> set[tuple[str, int]]:
    """(table, row identity) of each template row a row with numbers names (table 三
    first; a row's hash is a Python call, a set lookup per row)."""
    return {
        ("t3", id(t3)) if t3 is not None else ("t2", id(t2))
        for printed, t3, t2 in zip(rows, t3_rows, t2_rows, strict=True)
        if printed.filled and (t3 is not None or t2 is not None)
    }


def _words_where_numbers_belong(printed: LabelledRow, layout: TableLayout, row: Row) -> bool:
    """A row that its first label alone names, followed by words that name no row
    (见附件, 详见说明): those words stand where its numbers belong, so its cells are
    unreadable, not absent (a group label is named by none of its words alone)."""
    first, *rest = printed.labels
    return (
        bool(rest)
        and match_row((first,), layout) is row
        and all(match_row((text,), layout) is None for text in rest)
    )


def _cut_at_the_edge(rows: Sequence[LabelledRow], read: dict[str, RowRead]) -> list[Finding]:
    """One finding for table 三 cut at the page's right edge: the columns not printed."""
    printed = next(
        (p.ids for p in rows if p.aligned and p.context == "t3" and 0 < len(p.ids) < 7), None
    )
    if printed is None:
        return []
    columns = [c for c in T3_COLUMNS if c.key not in printed]
    return [
        Finding(
            rule="S3",
            severity=Severity.WARNING,
            message=message(
                "finding.S3.cut_edge", columns="、".join(f"「{c.label}」" for c in columns)
            ),
            cells=tuple(f"t3.{key}.{c.key}" for key in read for c in columns),
        )
    ]


def _keep_first(read: dict[str, RowRead], result: RowRead, printed: LabelledRow) -> list[Finding]:
    """Keep a row's first reading; a second one with other numbers is a finding."""
    row = result.row
    previous = read.get(row.key)
    if previous is None:
        read[row.key] = result
        return []
    if [c.value for c in previous.cells] == [c.value for c in result.cells]:
        return []
    return [
        Finding(
            rule="S5",
            severity=Severity.WARNING,
            message=message("finding.S5", row=row.label),
            cells=tuple(c.id for c in previous.cells),
            locations=(previous.cells[0].location or printed.location, printed.location),
        )
    ]


def _not_in_template(printed: LabelledRow) -> Finding:
    shown = " | ".join(printed.texts)
    return Finding(
        rule="S4",
        severity=Severity.WARNING,
        message=message("finding.S4", labels=" ".join(printed.labels), shown=shown),
        locations=(printed.location,),
    )


def _lay_out(
    name: str, layout: TableLayout, read: dict[str, RowRead]
) -> tuple[Table, list[Finding]]:
    """The table's cells in the template's row order, and the findings of its rows."""
    cells: list[Cell] = []
    findings: list[Finding] = []
    for row in layout.rows:
        result = read.get(row.key)
        if result is not None:
            cells.extend(result.cells)
            findings.extend(result.findings)
    return built_table(name, tuple(cells), cells[0].location if cells else None), findings
