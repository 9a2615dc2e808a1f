"""The rates evaluators compute from a report's tables (公开率, 纠错率...), exactly.

Every indicator is a ratio of sums of canonical cells (docs/analysis.md gives each
formula). Arithmetic is :class:`~decimal.Decimal`; the ratio is rounded half up to
:data:`PLACES` decimal places (0.0001 = 0.01 %).

A printed blank term counts as 0, as it does in the rules' sums (docs/rules.md), except
a blank 总计 whose row prints a number: that total is missing, not 0. An indicator is
``None`` when its denominator is 0, or when a term it needs was not read (a reading
finding names it) or is not printed at all: a rate is never computed from part of a
sum, and never shown as 0 when it is unknown.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

import attrs

from govreport.layout import APPLICANT_COLUMNS, TABLE3_SPLIT_OTHER
from govreport.model import Finding, Value, unread_cell_ids

#: Decimal places of every indicator (a share, not a percentage: 0.8125 is 81.25 %).
PLACES = 4
_QUANTUM = Decimal(1).scaleb(-PLACES)


@attrs.frozen
class Indicator:
    """One rate: ``sum(numerator) / sum(denominator)`` minus ``sum(subtract)`` below."""

    key: str
    zh: str
    en: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    #: cells subtracted from the denominator (尚未审结 for the correction rates)
    subtract: tuple[str, ...] = ()

    def compute(
        self, cells: Mapping[str, Value], unread: Collection[str] = frozenset()
    ) -> Decimal | None:
        """The rate for a report's ``cells``; ``unread`` are the cells that could not be
        read (their value is None, as a printed blank's is)."""
        top = _total(cells, self.numerator, unread)
        bottom = _total(cells, self.denominator, unread)
        less = _total(cells, self.subtract, unread) if self.subtract else Decimal(0)
        if top is None or bottom is None or less is None:
            return None
        bottom -= less
        if bottom <= 0:
            return None
        return (top / bottom).quantize(_QUANTUM, rounding=ROUND_HALF_UP)

    def formula(self) -> str:
        """The formula over cell IDs, as docs/analysis.md prints it."""

        def terms(ids: tuple[str, ...]) -> str:
            return ids[0] if len(ids) == 1 else "(" + " + ".join(ids) + ")"

        bottom = terms(self.denominator)
        if self.subtract:
            bottom = f"({bottom} − {terms(self.subtract)})"
        return f"{terms(self.numerator)} / {bottom}"


def _total(
    cells: Mapping[str, Value], ids: tuple[str, ...], unread: Collection[str]
) -> Decimal | None:
    total = Decimal(0)
    for cell_id in ids:
        if cell_id not in cells or cell_id in unread:
            return None
        value = cells[cell_id]
        if value is None and _row_prints_a_number(cells, cell_id):
            return None
        total += value or 0
    return total


def _row_prints_a_number(cells: Mapping[str, Value], total_id: str) -> bool:
    """Whether the row of a blank 总计 cell prints a number other than 0 elsewhere."""
    if not total_id.endswith(".total"):
        return False
    row = total_id[: -len("total")]
    return any(
        v for k, v in cells.items() if k.startswith(row) and k.count(".") == total_id.count(".")
    )


def _t3_rows(prefix: str) -> tuple[str, ...]:
    """The 总计 column of every table 三 row under one group (（三）不予公开: withheld.*)."""
    return tuple(
        f"t3.{row.key}.total" for row in TABLE3_SPLIT_OTHER.rows if row.key.startswith(prefix)
    )


_HANDLED = ("t3.total.total",)
_LITIGATION = ("litigation_direct", "litigation_after_review")

#: Every indicator, in the order of the exports' columns.
INDICATORS: tuple[Indicator, ...] = (
    Indicator("disclosure_rate", "公开率", "disclosure rate", ("t3.granted.total",), _HANDLED),
    Indicator(
        "substantive_disclosure_rate",
        "实质公开率",
        "substantive disclosure rate",
        ("t3.granted.total", "t3.partially_granted.total"),
        _HANDLED,
    ),
    Indicator("withheld_rate", "不予公开率", "withholding rate", _t3_rows("withheld."), _HANDLED),
    Indicator(
        "unavailable_rate", "无法提供率", "unavailable rate", _t3_rows("unavailable."), _HANDLED
    ),
    Indicator(
        "not_processed_rate",
        "不予处理率",
        "not-processed rate",
        _t3_rows("not_processed."),
        _HANDLED,
    ),
    Indicator(
        "carry_forward_rate",
        "结转率",
        "carry-forward rate",
        ("t3.carried_forward.total",),
        ("t3.new.total", "t3.carried_over.total"),
    ),
    Indicator(
        "review_correction_rate",
        "行政复议纠错率",
        "reconsideration correction rate",
        ("t4.review.corrected",),
        ("t4.review.total",),
        ("t4.review.pending",),
    ),
    Indicator(
        "litigation_correction_rate",
        "行政诉讼纠错率",
        "litigation correction rate",
        tuple(f"t4.{block}.corrected" for block in _LITIGATION),
        tuple(f"t4.{block}.total" for block in _LITIGATION),
        tuple(f"t4.{block}.pending" for block in _LITIGATION),
    ),
    *(
        Indicator(
            f"applicant_share.{column.key}",
            f"申请人构成：{column.label}",
            f"applicant share: {column.key.replace('_', ' ')}",
            (f"t3.new.{column.key}",),
            ("t3.new.total",),
        )
        for column in APPLICANT_COLUMNS
    ),
)

INDICATOR_KEYS: tuple[str, ...] = tuple(indicator.key for indicator in INDICATORS)


def indicators(
    cells: Mapping[str, Value], findings: Iterable[Finding] = ()
) -> dict[str, Decimal | None]:
    """Every indicator of :data:`INDICATORS` by key, for a report's cells and findings
    (``report.cells()`` and ``report.findings``, or a batch result's)."""
    unread = unread_cell_ids(findings)
    return {indicator.key: indicator.compute(cells, unread) for indicator in INDICATORS}


__all__ = ["INDICATORS", "INDICATOR_KEYS", "PLACES", "Indicator", "indicators"]
