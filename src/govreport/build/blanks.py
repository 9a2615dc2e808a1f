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
    rows: dict[str, list[str]] = {}
    columns: dict[str, list[str]] = {}
    for cell in table:
        row, column = cell.id.rsplit(".", 1)
        rows.setdefault(row, []).append(cell.id)
        columns.setdefault(column, []).append(cell.id)
    # blanks and values counted once per row and column, not again for each blank
    blanks_in_row = {row: sum(i in blanks for i in ids) for row, ids in rows.items()}
    blanks_in_column = {column: sum(i in blanks for i in ids) for column, ids in columns.items()}
    values_in = {row: sum(by_id[i].value is not None for i in ids) for row, ids in rows.items()}
    for cell in table:
        if cell.id not in blanks or cell.text.strip():
            continue  # a value, not read, or a printed mark ("/", "—"): the author's blank
        row, column = cell.id.rsplit(".", 1)
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


__all__ = ["lone_blank_findings"]
