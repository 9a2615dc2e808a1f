"""Reports side by side: one body over the years, or several bodies in one year.

``compare(reports)`` groups reports by body (the agency as printed, compared as
govreport.crossyear does) and orders each group by year; two reports of one body and
year are an error. ``compare(reports, by="agency")`` puts reports of one year side by
side, the first one being the reference. Every cell and indicator gets a row: its
value in each report, then its change and relative change against the column before
(by year) or against the reference (by agency).

Between consecutive years of one body the cross-year rules of govreport.crossyear run
(X1 carry-over, X2 documents in force); between neighbouring years, consecutive or not,
large swings are reported as info findings of rule ``C1``: a ratio outside :class:`Thresholds` ``low``–``high``, or a
count going from 0 to more than ``from_zero``. The thresholds are this library's
defaults for drawing attention, not an official standard; set them as needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Any, Literal

import attrs

from govreport.crossyear import CROSS_YEAR_RULES, YearFacts, agency_key, locate
from govreport.crossyear import compare as cross_year
from govreport.errors import GovReportError
from govreport.indicators import INDICATORS, PLACES
from govreport.layout import all_cell_ids, cell_labels
from govreport.messages import message
from govreport.model import Finding, Report, Severity, Value

By = Literal["year", "agency"]
_QUANTUM = Decimal(1).scaleb(-PLACES)
SWING_RULE = "C1"


class CompareError(GovReportError, ValueError):
    """Reports that cannot be compared as asked (two of one body and year, mixed years
    with ``by="agency"``, nothing to compare)."""


@attrs.frozen
class Thresholds:
    """When a change between consecutive years is flagged as a swing (rule C1, info)."""

    #: a value below ``low`` times the year before is a swing
    low: Decimal = attrs.field(default=Decimal("0.2"), converter=Decimal)
    #: a value above ``high`` times the year before is a swing
    high: Decimal = attrs.field(default=Decimal("5"), converter=Decimal)
    #: a value going from 0 to more than this is a swing
    from_zero: int = 100
    #: ratios are judged only when the larger value reaches this (3 -> 0 is no news)
    at_least: int = 10

    def swing(self, before: Value, now: Value) -> bool:
        if before is None or now is None:
            return False
        if before == 0:
            return now > self.from_zero
        if before < 0 or now < 0:
            return False  # 2019's 本年增/减 may be negative: a ratio says nothing
        if max(before, now) < self.at_least:
            return False
        ratio = Decimal(now) / Decimal(before)
        return ratio < self.low or ratio > self.high


@attrs.frozen
class Column:
    """One compared report: which source, body and year."""

    source: str
    agency: str
    year: int
    template: str

    @property
    def label(self) -> str:
        return str(self.year)


@attrs.frozen
class Line:
    """One cell (or indicator) across the compared reports.

    ``changes[i]`` and ``relative[i]`` compare column ``i + 1`` with column ``i`` (by
    year) or with column 0 (by agency); ``relative`` is ``None`` when the base is 0 or
    either value is missing."""

    key: str
    row_label: str
    column_label: str
    values: tuple[Value, ...]
    changes: tuple[Value, ...]
    relative: tuple[Decimal | None, ...]


@attrs.frozen
class Comparison:
    """One group of reports side by side, with the findings across them.

    ``findings`` pair the index of the column a finding is about (the later year) with
    the finding."""

    by: By
    columns: tuple[Column, ...]
    lines: tuple[Line, ...]
    findings: tuple[tuple[int, Finding], ...] = ()
    #: pairs of neighbouring columns whose years are not consecutive (checks skipped)
    gaps: tuple[tuple[int, int], ...] = ()

    @property
    def title(self) -> str:
        if self.by == "year":
            years = "–".join(str(c.year) for c in (self.columns[0], self.columns[-1]))
            return f"{self.columns[0].agency} {years}"
        return f"{self.columns[0].year}: " + "、".join(c.agency for c in self.columns)

    def column_label(self, index: int) -> str:
        column = self.columns[index]
        if self.by == "year":
            return str(column.year)
        return column.agency or column.source  # a title naming no body (S8)

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "columns": [attrs.asdict(c) for c in self.columns],
            "lines": [
                {
                    "key": line.key,
                    "row_label": line.row_label,
                    "column_label": line.column_label,
                    "values": [_json(v) for v in line.values],
                    "changes": [_json(v) for v in line.changes],
                    "relative": [_json(v) for v in line.relative],
                }
                for line in self.lines
            ],
            "findings": [
                {"column": index, **finding.to_dict()} for index, finding in self.findings
            ],
            "gaps": [list(gap) for gap in self.gaps],
        }


def _json(value: Value) -> int | str | None:
    return str(value) if isinstance(value, Decimal) else value


def _relative(before: Value, now: Value) -> Decimal | None:
    if before is None or now is None or before == 0:
        return None
    return ((Decimal(now) - Decimal(before)) / Decimal(before)).quantize(
        _QUANTUM, rounding=ROUND_HALF_UP
    )


def _change(before: Value, now: Value) -> Value:
    if before is None or now is None:
        return None
    return now - before


def _lines(reports: Sequence[Report], by: By) -> list[Line]:
    cells = [report.cells() for report in reports]
    rates = [report.indicators() for report in reports]
    printed = set().union(*cells)
    labels = cell_labels()
    keys = [(cell_id, *labels[cell_id]) for cell_id in all_cell_ids() if cell_id in printed]
    out: list[Line] = []
    for key, row, column in keys:
        out.append(_line(key, row, column, [c.get(key) for c in cells], by))
    for indicator in INDICATORS:
        values = [r[indicator.key] for r in rates]
        out.append(_line(indicator.key, indicator.zh, indicator.en, values, by))
    return out


def _line(key: str, row: str, column: str, values: Sequence[Value], by: By) -> Line:
    bases = values[:-1] if by == "year" else [values[0]] * (len(values) - 1)
    return Line(
        key,
        row,
        column,
        tuple(values),
        tuple(_change(b, v) for b, v in zip(bases, values[1:], strict=True)),
        tuple(_relative(b, v) for b, v in zip(bases, values[1:], strict=True)),
    )


def _swings(lines: Sequence[Line], later: int, thresholds: Thresholds) -> Iterable[Finding]:
    """C1 findings about column ``later`` against the column before it (cells only)."""
    for line in lines:
        if not line.key.startswith("t"):
            continue  # indicators are shares: their swings follow from the cells'
        before, now = line.values[later - 1], line.values[later]
        if not thresholds.swing(before, now):
            continue
        yield Finding(
            rule=SWING_RULE,
            severity=Severity.INFO,
            message=message(
                "compare.swing",
                row=line.row_label,
                column=line.column_label,
                before=before,
                now=now,
                low=thresholds.low,
                high=thresholds.high,
                from_zero=thresholds.from_zero,
            ),
            cells=(line.key,),
            left=now,
            right=before,
        )


def _by_year(reports: Sequence[Report], thresholds: Thresholds) -> Comparison:
    ordered = sorted(reports, key=lambda r: r.year)
    for earlier, later in pairwise(ordered):
        if earlier.year == later.year:
            raise CompareError(
                message(
                    "compare.error.same_year",
                    agency=later.agency,
                    year=later.year,
                    first=earlier.metadata.source or "?",
                    second=later.metadata.source or "?",
                )
            )
    lines = _lines(ordered, "year")
    findings: list[tuple[int, Finding]] = []
    gaps: list[tuple[int, int]] = []
    for i in range(1, len(ordered)):
        earlier, later = ordered[i - 1], ordered[i]
        if later.year == earlier.year + 1:
            facts = [YearFacts.from_report(r) for r in (earlier, later)]
            found = cross_year(facts[0], facts[1], rules=CROSS_YEAR_RULES)
            findings += [(i, locate(f, later)) for f in found]
        else:
            gaps.append((i - 1, i))  # a year is missing: nothing to carry over from
        findings += [(i, f) for f in _swings(lines, i, thresholds)]
    return Comparison("year", _columns(ordered), tuple(lines), tuple(findings), tuple(gaps))


def _columns(reports: Sequence[Report]) -> tuple[Column, ...]:
    return tuple(Column(r.metadata.source or "", r.agency, r.year, r.template) for r in reports)


def compare(
    reports: Iterable[Report], *, by: By = "year", thresholds: Thresholds | None = None
) -> list[Comparison]:
    """Reports side by side: by body over the years (one :class:`Comparison` per body,
    in order of first appearance), or, ``by="agency"``, bodies of one year in the order
    given. Raises :class:`CompareError` for two reports of one body and year."""
    held = list(reports)
    if not held:
        raise CompareError(message("compare.error.none"))
    if by == "agency":
        years = sorted({r.year for r in held})
        if len(years) > 1:
            raise CompareError(message("compare.error.years", years=years))
        keys = [agency_key(r.agency) or f"#{i}" for i, r in enumerate(held)]
        twice = sorted({r.agency for r, k in zip(held, keys, strict=True) if keys.count(k) > 1})
        if twice:
            raise CompareError(
                message("compare.error.same_agency", agencies="、".join(twice), year=years[0])
            )
        return [Comparison("agency", _columns(held), tuple(_lines(held, "agency")))]
    groups: dict[str, list[Report]] = {}
    for i, report in enumerate(held):
        # a report whose title names no body (S8) is nobody's earlier or later year
        key = agency_key(report.agency) or f"#{i}"
        groups.setdefault(key, []).append(report)
    return [_by_year(group, thresholds or Thresholds()) for group in groups.values()]


__all__ = [
    "SWING_RULE",
    "Column",
    "CompareError",
    "Comparison",
    "Line",
    "Thresholds",
    "compare",
]
