"""The comparison as a workbook: one sheet per comparison, and the findings across them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from govreport.compare import Comparison
from govreport.errors import WriteError
from govreport.model import Severity
from govreport.workbook import _RANK, _STATES, _XLSX_OPTIONS, Lang, text_width

_WORDS: dict[str, tuple[str, str]] = {
    "cell": ("单元格", "cell"),
    "row": ("行", "row"),
    "column": ("列", "column"),
    "change": ("变化", "change"),
    "relative": ("相对变化", "relative change"),
    "findings": ("发现", "Findings"),
    "compared": ("对比", "column"),
    "rule": ("规则", "rule"),
    "severity": ("级别", "severity"),
    "message": ("说明", "message"),
    "cells": ("单元格", "cells"),
    "sheet": ("工作表", "sheet"),
}
_COLOURS = {state: colour for state, colour, _, _ in _STATES}


def _sheet_name(number: int, title: str) -> str:
    # Excel forbids []:*?/\ in sheet names and allows 31 characters
    return re.sub(r"[\[\]:*?/\\]", " ", f"{number} {title}")[:31]


def write_comparison_workbook(
    comparisons: Sequence[Comparison], path: Path, *, lang: Lang = "zh"
) -> None:
    """Each comparison as a sheet (values, change, relative change; flagged values
    filled in their severity's colour), then a findings sheet."""
    try:
        import xlsxwriter
    except ImportError as exc:
        raise WriteError("xlsx needs xlsxwriter: pip install 'govreport[xlsx]'") from exc
    en = lang == "en"

    def word(key: str) -> str:
        return _WORDS[key][en]

    book = xlsxwriter.Workbook(str(path), _XLSX_OPTIONS)
    header = book.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1, "text_wrap": True})
    percent = book.add_format({"num_format": "0.00%"})
    fills = {s: book.add_format({"bg_color": _COLOURS[s.value]}) for s in Severity}
    found_rows: list[tuple[str, str, Any]] = []
    for number, comparison in enumerate(comparisons, start=1):
        name = _sheet_name(number, comparison.title)
        sheet = book.add_worksheet(name)
        n = len(comparison.columns)
        heads = [word("cell"), word("row"), word("column")]
        heads += [comparison.column_label(i) for i in range(n)]
        for i in range(1, n):
            base = comparison.column_label(i - 1 if comparison.by == "year" else 0)
            heads += [f"{word('change')} {comparison.column_label(i)}−{base}", word("relative")]
        for c, head in enumerate(heads):
            sheet.write_string(0, c, head, header)
            sheet.set_column(c, c, max(8, min(40, text_width(head) + 2)))
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 1, 40)
        worst: dict[tuple[str, int], Severity] = {}
        for column, finding in comparison.findings:
            found_rows.append((name, comparison.column_label(column), finding))
            for cell_id in finding.cells:
                now = worst.get((cell_id, column))
                if now is None or _RANK[finding.severity] < _RANK[now]:
                    worst[(cell_id, column)] = finding.severity
        for r, line in enumerate(comparison.lines, start=1):
            sheet.write_string(r, 0, line.key)
            sheet.write_string(r, 1, line.row_label)
            sheet.write_string(r, 2, line.column_label)
            rate = not line.key.startswith("t")
            for i, value in enumerate(line.values):
                fill = fills.get(worst[(line.key, i)]) if (line.key, i) in worst else None
                if value is not None:
                    number_format = percent if rate else fill
                    sheet.write_number(r, 3 + i, float(value), number_format)
                elif fill is not None:
                    sheet.write_blank(r, 3 + i, None, fill)
            for i, (change, relative) in enumerate(zip(line.changes, line.relative, strict=True)):
                column = 3 + n + 2 * i
                if change is not None:
                    sheet.write_number(r, column, float(change), percent if rate else None)
                if relative is not None:
                    sheet.write_number(r, column + 1, float(relative), percent)
        sheet.freeze_panes(1, 3)
        sheet.autofilter(0, 0, len(comparison.lines), len(heads) - 1)
    sheet = book.add_worksheet(word("findings"))
    heads = [
        word("sheet"),
        word("compared"),
        word("rule"),
        word("severity"),
        word("message"),
        word("cells"),
    ]
    for c, head in enumerate(heads):
        sheet.write_string(0, c, head, header)
    for r, (name, column_label, finding) in enumerate(found_rows, start=1):
        values: list[Any] = [
            name,
            column_label,
            finding.rule,
            finding.severity.value,
            finding.message,
            " ".join(finding.cells),
        ]
        for c, value in enumerate(values):
            sheet.write_string(r, c, str(value))
    sheet.set_column(0, 1, 16)
    sheet.set_column(4, 4, 80)
    sheet.set_column(5, 5, 40)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(1, len(found_rows)), len(heads) - 1)
    try:
        book.close()
    except Exception as exc:  # xlsxwriter's FileCreateError and OS errors alike
        raise WriteError(f"cannot write {path}: {exc}") from exc


__all__ = ["write_comparison_workbook"]
