"""The comparison page: reports side by side in the style of ``validate --html``.

Each compared value is a cell with its canonical ID; a value some finding names (X1,
X2, a C1 swing) is marked in the colour of its severity and links to the finding,
and each finding links back to its cells, as on the validation page.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import lxml.html

from govreport.compare import Comparison, Line
from govreport.messages import current_language, message
from govreport.model import Severity, Value
from govreport.report_html import _RANK, _STYLE, E

_LEGEND = ("warning", "info")  # the severities a comparison's findings have

_EXTRA_STYLE = """
td.change { color: #555; text-align: right; }
ul.legend { list-style: none; padding: 0; }
ul.legend span.swatch { display: inline-block; width: 2.5em; height: 1em; margin-right: 0.5em; }
span.swatch.warning { background: #fde9b6; outline: 2px solid #c80; }
span.swatch.info { background: #d6e8fa; }
"""


def _text(value: Value) -> str:
    return "" if value is None else str(value)


def _percent(value: Decimal | None) -> str:
    return "" if value is None else f"{value * 100:+.2f}%"


class _Section:
    def __init__(self, number: int, comparison: Comparison) -> None:
        self.prefix = f"c{number}"
        self.comparison = comparison
        self.by_cell: dict[tuple[str, int], list[int]] = {}
        for n, (column, finding) in enumerate(comparison.findings):
            for cell_id in finding.cells:
                self.by_cell.setdefault((cell_id, column), []).append(n)

    def anchor(self, key: str, column: int) -> str:
        return f"{self.prefix}-{column}-{key}"

    def value(self, line: Line, column: int) -> Any:
        numbers = self.by_cell.get((line.key, column), [])
        attributes = {"class": "value", "data-cell": line.key, "title": line.key}
        if not numbers:
            return E.td(_text(line.values[column]), attributes)
        findings = [self.comparison.findings[n][1] for n in numbers]
        worst: Severity = min((f.severity for f in findings), key=_RANK.__getitem__)
        attributes["class"] = f"value flagged {worst.value}"
        attributes["id"] = self.anchor(line.key, column)
        attributes["title"] += "\n" + "\n".join(str(f) for f in findings)
        links = [
            E.a(f.rule, href=f"#{self.prefix}-f{n}") for n, f in zip(numbers, findings, strict=True)
        ]
        return E.td(_text(line.values[column]), E.sup(*links), attributes)

    def finding(self, number: int, column: int, finding: Any) -> Any:
        links: list[Any] = []
        for cell_id in finding.cells:
            if (cell_id, column) in self.by_cell:
                links += [E.a(cell_id, href=f"#{self.anchor(cell_id, column)}"), " "]
        where = "; ".join(str(loc) for loc in finding.locations)
        parts: list[Any] = [
            E.span(finding.rule, {"class": "rule"}),
            f"{self.comparison.column_label(column)}：{finding.message}",
        ]
        if links:
            parts += [E.br(), E.span(f"{message('compare.cell')}: ", {"class": "where"}), *links]
        if where:
            parts += [E.br(), E.span(where, {"class": "where"})]
        return E.li(
            *parts,
            {"class": f"finding {finding.severity.value}", "id": f"{self.prefix}-f{number}"},
        )

    def render(self) -> Any:
        c = self.comparison
        n = len(c.columns)
        head = [
            E.th(message("compare.cell")),
            E.th(message("compare.row")),
            E.th(message("compare.column")),
        ]
        head += [E.th(c.column_label(i), title=c.columns[i].source) for i in range(n)]
        for i in range(1, n):
            base = c.column_label(i - 1 if c.by == "year" else 0)
            title = message("compare.change", later=c.column_label(i), base=base)
            head += [E.th(title), E.th(message("compare.relative"))]
        body = []
        for line in c.lines:
            cells = [E.td(line.key), E.td(line.row_label), E.td(line.column_label)]
            cells += [self.value(line, i) for i in range(n)]
            for change, relative in zip(line.changes, line.relative, strict=True):
                cells += [
                    E.td(_text(change), {"class": "change"}),
                    E.td(_percent(relative), {"class": "change"}),
                ]
            body.append(E.tr(*cells))
        parts: list[Any] = [E.h2(c.title)]
        for a, b in c.gaps:
            gap = message("compare.gap", earlier=c.column_label(a), later=c.column_label(b))
            parts.append(E.p(gap))
        parts.append(E.h3(f"{message('compare.findings')} ({len(c.findings)})"))
        if c.findings:
            items = [self.finding(i, col, f) for i, (col, f) in enumerate(c.findings)]
            parts.append(E.ol(*items, {"class": "findings"}))
        else:
            parts.append(E.p(message("compare.no_findings")))
        parts.append(E.table(E.thead(E.tr(*head)), E.tbody(*body)))
        return E.section(*parts, {"class": "report", "id": self.prefix})


def render_comparison_page(comparisons: Sequence[Comparison], title: str | None = None) -> str:
    """One HTML page for the comparisons of :func:`govreport.compare.compare`."""
    heading = title or message("compare.page_title")
    items = [
        E.li(E.span("", {"class": f"swatch {severity}"}), message(f"compare.legend.{severity}"))
        for severity in _LEGEND
    ]
    legend = E.ul(*items, {"class": "legend"})
    sections = [_Section(i, c).render() for i, c in enumerate(comparisons)]
    page = E.html(
        E.head(E.meta(charset="utf-8"), E.title(heading), E.style(_STYLE + _EXTRA_STYLE)),
        E.body(E.h1(heading), E.h3(message("compare.legend")), legend, *sections),
        lang="zh-CN" if current_language() == "zh" else "en",
    )
    out: str = lxml.html.tostring(
        page, doctype="<!DOCTYPE html>", encoding="unicode", pretty_print=True
    )
    return out


__all__ = ["render_comparison_page"]
