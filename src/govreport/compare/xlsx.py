"""The comparison as a workbook: one sheet per comparison, then the findings across them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from govreport.compare import Comparison
from govreport.messages import message
from govreport.model import Finding, Severity
from govreport.workbook.sheets import FILLS, HEADER_FORMAT, RANK, close_book, fit, open_book


def _sheet_name(number: int, title: str) -> str:
    # Excel forbids []:*?/\ in sheet names and allows 31 characters
    return re.sub(r"[\[\]:*?/\\]", " ", f"{number} {title}")[:31]


def write_comparison_workbook(comparisons: Sequence[Comparison], path: Path) -> None:
    """Each comparison as a sheet (values, change, relative change; a value a finding
    names filled in its severity's colour, indicators as percentages), then a findings
    sheet. Words are in the language of govreport.messages."""
    book = open_book(path)
    header = book.add_format(HEADER_FORMAT)
    percent = book.add_format({"num_format": "0.00%"})
    fills = {s: book.add_format({"bg_color": FILLS[s.value]}) for s in Severity}
    found: list[tuple[str, str, Finding]] = []
    for number, comparison in enumerate(comparisons, start=1):
        name = _sheet_name(number, comparison.title)
        sheet = book.add_worksheet(name)
        n = len(comparison.columns)
        heads = [message(f"compare.{key}") for key in ("cell", "row", "column")]
        heads += [comparison.column_label(i) for i in range(n)]
        for i in range(1, n):
            base = comparison.column_label(i - 1 if comparison.by == "year" else 0)
            later = comparison.column_label(i)
            heads += [
                message("compare.change", later=later, base=base),
                message("compare.relative"),
            ]
        for c, head in enumerate(heads):
            sheet.write_string(0, c, head, header)
            sheet.set_column(c, c, fit(head, low=8))
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 1, 40)
        worst: dict[tuple[str, int], Severity] = {}
        for column, finding in comparison.findings:
            found.append((name, comparison.column_label(column), finding))
            for cell_id in finding.cells:
                now = worst.get((cell_id, column), finding.severity)
                worst[(cell_id, column)] = min(now, finding.severity, key=RANK.__getitem__)
        for r, line in enumerate(comparison.lines, start=1):
            for c, text in enumerate((line.key, line.row_label, line.column_label)):
                sheet.write_string(r, c, text)
            rate = not line.key.startswith("t")  # an indicator: a share
            for i, value in enumerate(line.values):
                severity = worst.get((line.key, i))
                fmt = percent if rate else (fills[severity] if severity else None)
                if value is not None:
                    sheet.write_number(r, 3 + i, float(value), fmt)
                elif severity is not None:
                    sheet.write_blank(r, 3 + i, None, fills[severity])
            pairs = zip(line.changes, line.relative, strict=True)
            for i, (change, relative) in enumerate(pairs):
                column = 3 + n + 2 * i
                if change is not None:
                    sheet.write_number(r, column, float(change), percent if rate else None)
                if relative is not None:
                    sheet.write_number(r, column + 1, float(relative), percent)
        sheet.freeze_panes(1, 3)
        sheet.autofilter(0, 0, max(1, len(comparison.lines)), len(heads) - 1)
    _findings_sheet(book, header, found)
    close_book(book, path)


def _findings_sheet(book: Any, header: Any, found: list[tuple[str, str, Finding]]) -> None:
    sheet = book.add_worksheet(message("compare.findings"))
    keys = ("sheet", "compared", "rule", "severity", "message", "cell")
    heads = [message("book.notes.sheet"), *(message(f"compare.{key}") for key in keys[1:])]
    for c, head in enumerate(heads):
        sheet.write_string(0, c, head, header)
    for r, (name, label, finding) in enumerate(found, start=1):
        values = (name, label, finding.rule, finding.severity.value, finding.message)
        for c, text in enumerate((*values, " ".join(finding.cells))):
            sheet.write_string(r, c, text)
    for c, width in ((0, 16), (1, 12), (4, 80), (5, 40)):
        sheet.set_column(c, c, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(1, len(found)), len(heads) - 1)


__all__ = ["write_comparison_workbook"]
