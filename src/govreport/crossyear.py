"""Checks across years of one issuing body: rules X1 and X2 of FORMAT.md.

X1: what a body carried forward at the end of year t−1 (table 三, row 四) is what it
carried over into year t (row 二), column by column. X2: the regulations and normative
documents in force at the end of year t are those of year t−1, plus those issued, minus
those repealed in year t (2021 template, table 二). Both are warnings: the data support
them, the template does not state them.

A rule compares two :class:`YearFacts`, the few figures these checks need, so that a
batch of any size can keep one small record per report instead of whole reports.
Findings belong to the later report.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping

import attrs

from govreport.layout import T3_COLUMNS
from govreport.messages import message
from govreport.model import Finding, Metadata, Report, Severity, Value

#: (row key in table 二, its name in messages) for X2
_STOCK_ROWS = (("regulations", "规章"), ("normative_documents", "行政规范性文件"))

#: every cell a cross-year rule reads
CROSS_YEAR_CELLS: tuple[str, ...] = (
    *(f"t3.carried_forward.{c.key}" for c in T3_COLUMNS),
    *(f"t3.carried_over.{c.key}" for c in T3_COLUMNS),
    *(f"t2.{row}.{col}" for row, _ in _STOCK_ROWS for col in ("issued", "repealed", "in_force")),
)


def agency_key(agency: str) -> str:
    """The form in which two printings of a body's name are compared (NFKC, no spaces)."""
    return "".join(unicodedata.normalize("NFKC", agency).split())


@attrs.frozen
class YearFacts:
    """What cross-year rules need of one report: who, which year, and a few cells."""

    source: str | None
    agency: str
    year: int
    template: str
    values: Mapping[str, Value] = attrs.field(factory=dict)

    @property
    def key(self) -> str:
        return agency_key(self.agency)

    @classmethod
    def from_cells(
        cls, source: str | None, metadata: Metadata, cells: Mapping[str, Value]
    ) -> YearFacts:
        """From a report's metadata and its cells (as a batch result carries them)."""
        return cls(
            source=source,
            agency=metadata.agency,
            year=metadata.year,
            template=metadata.template,
            values={cell: cells[cell] for cell in CROSS_YEAR_CELLS if cell in cells},
        )

    @classmethod
    def from_report(cls, report: Report, source: str | None = None) -> YearFacts:
        return cls.from_cells(source or report.metadata.source, report.metadata, report.cells())


CrossYearRule = Callable[[YearFacts, YearFacts], Iterable[Finding]]


def _name(source: str | None, year: int) -> str:
    if source:
        return message("finding.X.report_from", year=year, source=source)
    return message("finding.X.report", year=year)


def rule_x1(earlier: YearFacts, later: YearFacts) -> Iterator[Finding]:
    """四、结转下年度 of year t−1 equals 二、上年结转 of year t, for every column of table 三."""
    for column in T3_COLUMNS:
        before = earlier.values.get(f"t3.carried_forward.{column.key}")
        now_id = f"t3.carried_over.{column.key}"
        now = later.values.get(now_id)
        if before is None or now is None or before == now:
            continue
        yield Finding(
            rule="X1",
            severity=Severity.WARNING,
            message=message(
                "finding.X1",
                column=column.label,
                now=now,
                earlier=_name(earlier.source, earlier.year),
                before=before,
            ),
            cells=(now_id,),
            left=now,
            right=before,
        )


def rule_x2(earlier: YearFacts, later: YearFacts) -> Iterator[Finding]:
    """现行有效件数(t) = 现行有效件数(t−1) + 本年制发件数(t) − 本年废止件数(t) (2021 template)."""
    if earlier.template != "2021" or later.template != "2021":
        return
    for row, name in _STOCK_ROWS:
        before = earlier.values.get(f"t2.{row}.in_force")
        ids = (f"t2.{row}.in_force", f"t2.{row}.issued", f"t2.{row}.repealed")
        in_force, issued, repealed = (later.values.get(i) for i in ids)
        if before is None or in_force is None or issued is None or repealed is None:
            continue
        expected = before + issued - repealed
        if in_force == expected:
            continue
        yield Finding(
            rule="X2",
            severity=Severity.WARNING,
            message=message(
                "finding.X2",
                row=name,
                in_force=in_force,
                earlier=_name(earlier.source, earlier.year),
                before=before,
                issued=issued,
                repealed=repealed,
                expected=expected,
            ),
            cells=ids,
            left=in_force,
            right=expected,
        )


#: Every rule run across consecutive years, in order.
CROSS_YEAR_RULES: tuple[CrossYearRule, ...] = (rule_x1, rule_x2)


def compare(
    earlier: YearFacts, later: YearFacts, *, rules: Iterable[CrossYearRule] = CROSS_YEAR_RULES
) -> list[Finding]:
    """Every cross-year finding about ``later``, given the same body's ``earlier`` report."""
    if earlier.key != later.key or earlier.year != later.year - 1:
        return []
    return [finding for rule in rules for finding in rule(earlier, later)]


def locate(finding: Finding, report: Report) -> Finding:
    """``finding`` with the locations of its cells in ``report`` (the later one)."""
    locations = []
    for cell_id in finding.cells:
        try:
            location = report.cell(cell_id).location
        except KeyError:
            continue
        if location is not None and location not in locations:
            locations.append(location)
    return attrs.evolve(finding, locations=tuple(locations))


class CrossYearIndex:
    """Reports seen so far, by body and year; each new one is checked against its
    neighbours as it arrives, in whatever order a batch finishes them.

    Holds one :class:`YearFacts` per report (a few dozen numbers), never the reports.
    """

    def __init__(self, rules: Iterable[CrossYearRule] = CROSS_YEAR_RULES) -> None:
        self._rules = tuple(rules)
        self._seen: dict[tuple[str, int], list[YearFacts]] = {}

    def add(self, facts: YearFacts) -> list[tuple[YearFacts, Finding]]:
        """Record ``facts``; return the new findings, each with the later report it is about."""
        out: list[tuple[YearFacts, Finding]] = []
        for earlier in self._seen.get((facts.key, facts.year - 1), ()):
            out += [(facts, f) for f in compare(earlier, facts, rules=self._rules)]
        for later in self._seen.get((facts.key, facts.year + 1), ()):
            out += [(later, f) for f in compare(facts, later, rules=self._rules)]
        self._seen.setdefault((facts.key, facts.year), []).append(facts)
        return out


def check_reports(reports: Iterable[Report]) -> dict[int, list[Finding]]:
    """Cross-year findings of reports held in memory, by position in ``reports``, with
    the locations of their cells."""
    held = list(reports)
    index = CrossYearIndex()
    position: dict[int, int] = {}
    out: dict[int, list[Finding]] = {}
    for i, report in enumerate(held):
        facts = YearFacts.from_report(report, source=report.metadata.source or f"#{i}")
        position[id(facts)] = i
        for later, finding in index.add(facts):
            j = position[id(later)]
            out.setdefault(j, []).append(locate(finding, held[j]))
    return out


__all__ = [
    "CROSS_YEAR_CELLS",
    "CROSS_YEAR_RULES",
    "CrossYearIndex",
    "CrossYearRule",
    "YearFacts",
    "agency_key",
    "check_reports",
    "compare",
    "locate",
    "rule_x1",
    "rule_x2",
]
