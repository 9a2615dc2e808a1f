"""Hypothesis strategies for reports of both templates that satisfy rules R1–R5.

Tables are drawn part by part and their totals computed, so every generated report
is consistent; a zero may then be printed blank (None), which the rules read as
nothing printed. :func:`inject` breaks one cell on purpose and :func:`broken_rules`
says which rules that must trip.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from hypothesis import settings

from govreport import Cell, Metadata, Report, Section, Table
from govreport.layout import (
    SECTIONS,
    T3_COLUMNS,
    TABLE3_SINGLE_OTHER,
    TABLE3_SPLIT_OTHER,
    TABLE4,
    TITLE_SUFFIX,
    table2_layout,
)

# The report strategies live in the installed package so that plugin authors' tests
# (govreport.testing) draw the same reports as these.
from govreport.testing.strategies import (
    agencies,
    amounts,
    counts,
    prose,
    reports,
    sections,
    table2,
    table3,
    table4,
)

# --- profile-aware example counts ---------------------------------------------------------


def examples(fraction: float, *, minimum: int = 3) -> int:
    """A share of the active profile's ``max_examples``: slow properties (PDF) run fewer."""
    return max(minimum, int(settings.default.max_examples * fraction))


def with_text(report: Report, number: int, text: str) -> Report:
    """``report`` with section ``number``'s text replaced."""
    sections = tuple(
        Section(s.number, s.heading, text) if s.number == number else s for s in report.sections
    )
    return Report(
        report.metadata, sections, report.table2, report.table3, report.table4, report.findings
    )


def plain_report(
    template: str = "2021", values: dict[str, Any] | None = None, *, single_other: bool = False
) -> Report:
    """A fixed report: every cell 0 except ``values``, one line of text per section
    (for regression tests that need one exact report, not a drawn one)."""
    values = values or {}
    t3 = TABLE3_SINGLE_OTHER if single_other or template == "2019" else TABLE3_SPLIT_OTHER

    def table(name: str, ids: Sequence[str]) -> Table:
        return Table(
            name,
            tuple(Cell(i, values.get(i, Decimal(0) if i.endswith(".amount") else 0)) for i in ids),
        )

    year = 2020 if template == "2019" else 2023
    agency = "洛阳市老城区人民政府"
    t2_ids = [i for i in table2_layout("2019" if template == "2019" else "2021").cell_ids()]
    return Report(
        metadata=Metadata(agency, year, f"{agency}{year}年{TITLE_SUFFIX}", template),  # type: ignore[arg-type]
        sections=tuple(
            Section(
                s.number,
                f"{s.numeral}、{s.heading}",
                # section 六 says whether fees were charged, as the 2021 template asks (E3)
                "本年度未收取信息处理费。" if s.number == 6 else "本年度无特别说明事项。",
            )
            for s in SECTIONS
        ),
        table2=table("t2", t2_ids),
        table3=table("t3", list(t3.cell_ids())),
        table4=table("t4", list(TABLE4.cell_ids())),
    )


# --- breaking one cell --------------------------------------------------------------------

_COUNT_ROWS_R1 = ("new", "carried_over", "carried_forward")


def breakable_cells(report: Report) -> list[str]:
    """Cells of tables 三 and 四 that some rule R1–R4 ties to others."""
    return [c.id for table in (report.table3, report.table4) if table is not None for c in table]


def inject(report: Report, cell_id: str, delta: int) -> Report:
    """``report`` with ``delta`` added to one cell (a blank counts as 0)."""

    def bump(table: Table | None) -> Table | None:
        if table is None or cell_id not in table:
            return table
        cells = tuple(
            Cell(c.id, (c.value or 0) + delta) if c.id == cell_id else c for c in table.cells
        )
        return Table(table.name, cells, table.location)

    return Report(
        metadata=report.metadata,
        sections=report.sections,
        table2=bump(report.table2),
        table3=bump(report.table3),
        table4=bump(report.table4),
        findings=report.findings,
    )


def broken_rules(cell_id: str) -> set[str]:
    """The rules a change to ``cell_id`` alone breaks: every equation it appears in."""
    table, *row, column = cell_id.split(".")
    key = ".".join(row)
    if table == "t4":
        return {"R4"}
    rules = {"R2"}  # every table 三 cell is in its row's 总计 = sum of the applicant columns
    if key in (*_COUNT_ROWS_R1, "total"):
        rules.add("R1")
    if key not in _COUNT_ROWS_R1:
        rules.add("R3")  # an outcome row, or （七）总计 itself
    assert column in {c.key for c in T3_COLUMNS}
    return rules


def value_key(value: object) -> tuple[str, str]:
    """How a value is compared after a round trip: equal, and a decimal with the same digits."""
    return (
        type(value).__name__,
        str(value) if not isinstance(value, Decimal) else format(value, "f"),
    )


__all__ = [
    "agencies",
    "amounts",
    "breakable_cells",
    "broken_rules",
    "counts",
    "examples",
    "inject",
    "plain_report",
    "prose",
    "reports",
    "sections",
    "table2",
    "table3",
    "table4",
    "value_key",
    "with_text",
]
