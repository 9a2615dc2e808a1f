"""The comparison as an aligned plain-text table, for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from govreport.compare import Comparison
from govreport.messages import message
from govreport.model import Value
from govreport.workbook.sheets import text_width


def _text(value: Value) -> str:
    return "" if value is None else str(value)


def _percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{(value * 100).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):+}%"


def render_text(comparisons: Sequence[Comparison], *, changed_only: bool = False) -> str:
    """The comparisons as aligned plain-text tables (``changed_only``: the rows whose
    value changed), then the gaps between years and the findings."""
    out: list[str] = []
    for comparison in comparisons:
        n = len(comparison.columns)
        head = [message("compare.cell"), *(comparison.column_label(i) for i in range(n))]
        for i in range(1, n):
            base = i - 1 if comparison.by == "year" else 0
            pair = f"{comparison.column_label(i)}−{comparison.column_label(base)}"
            head += [f"Δ {pair}", "%"]
        rows = [head]
        for line in comparison.lines:
            if changed_only and not any(c for c in line.changes if c):
                continue
            row = [line.key, *(_text(v) for v in line.values)]
            for change, relative in zip(line.changes, line.relative, strict=True):
                row += [_text(change), _percent(relative)]
            rows.append(row)
        widths = [max(text_width(r[i]) for r in rows) for i in range(len(head))]
        out.append(f"== {comparison.title}")
        for row in rows:
            cells = [row[0] + " " * (widths[0] - text_width(row[0]))]
            cells += [
                " " * (w - text_width(t)) + t for t, w in zip(row[1:], widths[1:], strict=True)
            ]
            out.append("  ".join(cells).rstrip())
        for a, b in comparison.gaps:
            earlier, later = comparison.column_label(a), comparison.column_label(b)
            out.append(message("compare.gap", earlier=earlier, later=later))
        for index, finding in comparison.findings:
            out.append(f"{comparison.column_label(index)}: {finding}")
        out.append("")
    return "\n".join(out)


__all__ = ["render_text"]
