"""Plain-text views of a report for people at a terminal: metadata, the three tables, findings."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from govreport.layout import TABLE4, TableLayout, table2_layout, table3_layout
from govreport.messages import message
from govreport.model import Finding, Report, Table, Value


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def _show(value: Value, printed: bool) -> str:
    if not printed:
        return ""
    return "—" if value is None else str(value)


def _grid(rows: Sequence[Sequence[str]], numeric_from: int) -> list[str]:
    widths = [
        max(_width(row[i]) for row in rows if i < len(row)) for i in range(max(map(len, rows)))
    ]
    lines = []
    for row in rows:
        cells = [_pad(text, widths[i], right=i >= numeric_from) for i, text in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return lines


def _table_lines(layout: TableLayout, table: Table) -> list[str]:
    """The printed rows of a table, each run of rows with the same columns under its
    own heading row (table 二 has four such blocks; tables 三 and 四 one each)."""
    lines: list[str] = []
    block: list[list[str]] = []
    columns: tuple[str, ...] | None = None
    for row in layout.rows:
        ids = [f"{layout.name}.{row.key}.{c.key}" for c in row.columns]
        if not any(i in table for i in ids):
            continue
        labels = tuple(c.label for c in row.columns)
        if labels != columns:
            if block:
                lines += [*_grid(block, numeric_from=1), ""]
            block, columns = [["", *labels]], labels
        label = (
            f"{row.group} {row.label}" if row.group and row.group.startswith("（") else row.label
        )
        block.append([label, *(_show(table.get(i), i in table) for i in ids)])
    if block:
        lines += _grid(block, numeric_from=1)
    return lines


def render_report(report: Report, findings: Iterable[Finding] = ()) -> str:
    """The report as a person reads it at a terminal."""
    meta = message(
        "show.metadata", agency=report.agency, year=report.year, template=report.template
    )
    if report.metadata.source:
        meta += "    " + message("show.source", source=report.metadata.source)
    lines = [report.title, meta, ""]
    for section in report.sections:
        size = message("show.characters", count=len(section.text))
        lines.append(f"{section.heading}  ({size})")
    if report.table2 is not None:
        lines += [
            "",
            "表二 " + table2_layout(report.template).title,
            *_table_lines(table2_layout(report.template), report.table2),
        ]
    if report.table3 is not None:
        single = "t3.other.total" in report.table3
        layout = table3_layout(single_other=single)
        lines += ["", "表三 " + layout.title, *_table_lines(layout, report.table3)]
    if report.table4 is not None:
        lines += ["", "表四 " + TABLE4.title, *_table_lines(TABLE4, report.table4)]
    found = list(findings)
    lines += ["", message("show.findings" if found else "show.no_findings", count=len(found))]
    lines += [f"  {finding}" for finding in found]
    return "\n".join(lines)


__all__ = ["render_report"]
