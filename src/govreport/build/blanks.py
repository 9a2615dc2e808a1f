"""A lone blank among printed numbers: a cell a converter lost, not one the author left blank.

Table 三 is a grid of counts, and a body that prints its zeros prints every cell. When
one cell is blank while every other cell of its row and of its column holds a number,
the blank is far more likely a value a converter dropped (the Markdown made from the
上海市科委 2024 PDF loses the last cell of 四、结转下年度) than a blank the report
printed. Such a cell is left unread with an S3 finding, so that no rule accuses the
report of sums it may well get right.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from govreport.messages import message
from govreport.model import Finding, Severity, Table, unread_cell_ids


def lone_blank_findings(
    tables: Mapping[str, Table], findings: Iterable[Finding]
) -> Iterator[Finding]:
    """An S3 finding for each blank of table 三 whose row and column hold no other blank:
    every other cell is a number, or was not read (``findings`` say which)."""
    table = tables.get("t3")
    if table is None:
        return
    # a blank with no mark: most reports print every cell of table 三, and have none
    if None not in [cell.value for cell in table] or not any(
        cell.value is None and not cell.text.strip() for cell in table
    ):
        return
    unread = unread_cell_ids(findings)
    by_id = {cell.id: cell for cell in table}  # as table[cell_id] finds them
    blanks = {i for i, cell in by_id.items() if cell.value is None and i not in unread}
    valued = {i for i, cell in by_id.items() if cell.value is not None}
    rows, columns, places = _grouped(tuple([cell.id for cell in table]))
    # blanks and values counted once per row and column, not again for each blank
    is_blank, is_value = blanks.__contains__, valued.__contains__
    blanks_in_row = {row: sum(map(is_blank, ids)) for row, ids in rows.items()}
    blanks_in_column = {column: sum(map(is_blank, ids)) for column, ids in columns.items()}
    values_in = {row: sum(map(is_value, ids)) for row, ids in rows.items()}
    for cell, (row, column) in zip(table, places, strict=True):
        if cell.id not in blanks or cell.text.strip():
            continue  # a value, not read, or a printed mark ("/", "—"): the author's blank
        if values_in[row] < 2 or len(columns[column]) < 2:
            continue
        # no other blank in its row or column (the cell is one of the blanks counted)
        row_ids, column_ids = rows[row], columns[column]
        others = (
            blanks_in_row[row]
            - row_ids.count(cell.id)
            + blanks_in_column[column]
            - column_ids.count(cell.id)
        )
        if not others:
            yield Finding(
                rule="S3",
                severity=Severity.WARNING,
                message=message("finding.S3.lone_blank"),
                cells=(cell.id,),
                locations=(cell.location,) if cell.location else (),
            )


_Groups = tuple[dict[str, list[str]], dict[str, list[str]], list[tuple[str, str]]]

#: the grouping of each layout of table 三's cell IDs met lately: a template's IDs are the
#: same report after report, so they are split into rows and columns once
_GROUPED: dict[tuple[str, ...], _Groups] = {}


def _grouped(ids: tuple[str, ...]) -> _Groups:
    """The IDs of each row and of each column (in order, as often as they come), and
    each ID's row and column. The answer is shared: it must not be changed."""
    groups = _GROUPED.get(ids)
    if groups is not None:
        return groups
    rows: dict[str, list[str]] = {}
    columns: dict[str, list[str]] = {}
    places: list[tuple[str, str]] = []
    for cell_id in ids:
        row, column = cell_id.rsplit(".", 1)
        rows.setdefault(row, []).append(cell_id)
        columns.setdefault(column, []).append(cell_id)
        places.append((row, column))
    if len(_GROUPED) >= 64:
        _GROUPED.clear()
    _GROUPED[ids] = groups = (rows, columns, places)
    return groups


__all__ = ["lone_blank_findings"]
