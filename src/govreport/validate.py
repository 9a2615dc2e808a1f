"""The consistency rules (勾稽关系) of FORMAT.md, each a plain function over a report.

Adding a rule is adding a function to :data:`RULES`. Every rule returns all its
findings; :func:`validate` never stops at the first.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import cache
from operator import itemgetter
from typing import Any, NamedTuple

import attrs

from govreport.document import Location
from govreport.layout import (
    APPLICANT_COLUMNS,
    T3_COLUMNS,
    T3_OUTCOME_KEYS_SINGLE,
    T3_OUTCOME_KEYS_SPLIT,
    TABLE4,
    Template,
    cell_labels,
    table3_layout,
)
from govreport.messages import Language, current_language, message, use_language
from govreport.model import (
    CellState,
    Finding,
    Report,
    Severity,
    Table,
    Value,
    template_cell_ids,
)
from govreport.outline import rule_e1, rule_e2, rule_e3, rule_e4
from govreport.prose import rule_x3
from govreport.where import describe_cells

Rule = Callable[[Report], Iterable[Finding]]

#: The rule of the note that equations were not checked because cells were not read.
UNCHECKED_RULE = "S9"
#: How many of its cells an equation's error names when its table was read by OCR.
LEAST_SURE_SHOWN = 3

_TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


def _locations(table: Table, ids: Iterable[str]) -> tuple[Location, ...]:
    # each location once, in the order first named (a dict: an S9 note names dozens)
    located = (table[cell_id].location for cell_id in ids if cell_id in table)
    return tuple(dict.fromkeys(location for location in located if location is not None))


def _least_sure(table: Table, ids: Iterable[str]) -> str:
    """The cells of an equation an OCR reader recognised least surely, lowest confidence
    first, as a sentence to add to its error (empty when no cell was read by OCR)."""
    scored: list[tuple[float, int, str]] = []
    for order, cell_id in enumerate(dict.fromkeys(ids)):
        location = table[cell_id].location if cell_id in table else None
        if location is not None and location.confidence is not None:
            scored.append((location.confidence, order, cell_id))
    if not scored:
        return ""
    shown = message("finding.least_sure.separator").join(
        message(
            "finding.least_sure.cell",
            cell=describe_cells([cell_id]),
            confidence=f"{confidence:.2f}",
        )
        for confidence, _, cell_id in sorted(scored)[:LEAST_SURE_SHOWN]
    )
    return message("finding.least_sure", cells=shown)


@attrs.frozen
class UncheckedEquation(Finding):
    """One equation a rule could not check (S9, info): the cells it needs that were not
    read are ``cells``. :func:`validate` gathers these into one S9 finding per table."""

    #: the rule whose equation it is (R1-R4)
    checks: str = ""
    #: the row, column or block of the table it is about, as a person reads it
    subject: str = ""


class _Equation(NamedTuple):
    """One equation of R1-R4 as a rule checks it, made once per template variant: the
    cells it reads and how its error and its S9 note name it (the words are made in the
    language of the moment, and only for an equation that fails or cannot be checked)."""

    rule: str
    #: the printed total, then ``left_extra`` (added to the total), then the parts
    needed: tuple[str, ...]
    #: how many of ``needed`` make the left side
    left_count: int
    #: the cells the error names: the total, the parts, then ``left_extra``
    present: tuple[str, ...]
    #: the field of the rule's message that names the row, column or block, and its name
    field: str
    name: str
    #: the message ID of the subject (``subject.column``...) for the S9 note
    subject: str
    #: the values of ``needed`` from a mapping of cell IDs (KeyError when one is absent)
    values: Callable[[Mapping[str, Value]], tuple[Value, ...]]


def _equation(
    rule: str,
    total_id: str,
    part_ids: Sequence[str],
    field: str,
    name: str,
    subject: str,
    left_extra: Sequence[str] = (),
) -> _Equation:
    needed = (total_id, *left_extra, *part_ids)
    return _Equation(
        rule,
        needed,
        1 + len(left_extra),
        (total_id, *part_ids, *left_extra),
        field,
        name,
        subject,
        itemgetter(*needed),
    )


def _unknown(equation: _Equation, unread: Sequence[str]) -> Finding:
    subject, text = _unknown_words(current_language(), equation)
    return UncheckedEquation(
        rule=UNCHECKED_RULE,
        severity=Severity.INFO,
        message=text,
        cells=tuple(unread),
        checks=equation.rule,
        subject=subject,
    )


@cache
def _unknown_words(lang: Language, equation: _Equation) -> tuple[str, str]:
    """The subject of an equation that cannot be checked, and its S9 note, in ``lang``
    (a report with a row not read has a dozen such equations, each worded alike)."""
    subject = message(equation.subject, lang, name=equation.name)
    equation_text = message(f"equation.{equation.rule}", lang)
    text = message(
        "finding.S9.equation", lang, rule=equation.rule, subject=subject, equation=equation_text
    )
    return subject, text


#: The table checked last and its known values: R1, R2 and R3 all check table 三.
_last_checked: tuple[weakref.ref[Table], dict[str, Value]] | None = None


def _known_values(table: Table) -> dict[str, Value]:
    """The values of the cells of ``table`` read or printed blank (None), by ID."""
    global _last_checked
    last = _last_checked  # one read: another thread may replace it meanwhile
    if last is not None and last[0]() is table:
        return last[1]
    cells = {cell.id: cell for cell in table.cells}  # the last of an ID, as table[ID]
    unread = CellState.UNREAD
    known = {cell_id: cell.value for cell_id, cell in cells.items() if cell.state is not unread}
    _last_checked = (weakref.ref(table), known)
    return known


def _check(table: Table, equations: Sequence[_Equation]) -> Iterator[Finding]:
    """Each equation: the printed total (plus its left extra) against the sum of the parts.

    Checked only when every cell it needs was read or printed blank; otherwise the
    equation is unknown and gives an S9 note naming the cells not read, never an error.
    Blanks count as nothing printed: a side of only blanks is None in the message and 0
    in the comparison, and an equation of only blanks compares nothing.
    """
    known = _known_values(table)
    for equation in equations:
        try:
            values = equation.values(known)
        except KeyError:  # a cell absent or not read
            unread = [i for i in equation.needed if i not in known]
            yield _unknown(equation, unread)
            continue
        split = equation.left_count
        left = values[:split]
        if None in left:
            left = tuple(v for v in left if v is not None)
        right = values[split:]
        if None in right:
            right = tuple(v for v in right if v is not None)
        if not left and not right:
            continue
        left_value: int | Decimal = sum(left)  # type: ignore[arg-type]
        right_value: int | Decimal = sum(right)  # type: ignore[arg-type]
        if left_value == right_value:
            continue
        present = equation.present
        named: dict[str, Any] = {equation.field: equation.name}
        text = message(
            f"finding.{equation.rule}",
            left=left_value if left else None,
            right=right_value if right else None,
            **named,
        )
        yield Finding(
            rule=equation.rule,
            severity=Severity.ERROR,
            message=text + _least_sure(table, present),
            cells=present,
            left=left_value,
            right=right_value,
            locations=_locations(table, present),
        )


def _single_other(table: Table) -> bool:
    return "t3.other.total" in table or "t3.other.natural_person" in table


@cache
def _r1_equations() -> tuple[_Equation, ...]:
    return tuple(
        _equation(
            "R1",
            f"t3.new.{column.key}",
            [f"t3.total.{column.key}", f"t3.carried_forward.{column.key}"],
            "column",
            column.label,
            "subject.column",
            left_extra=[f"t3.carried_over.{column.key}"],
        )
        for column in T3_COLUMNS
    )


@cache
def _r2_equations(single_other: bool) -> tuple[_Equation, ...]:
    labels = cell_labels()
    return tuple(
        _equation(
            "R2",
            f"t3.{row.key}.total",
            [f"t3.{row.key}.{c.key}" for c in APPLICANT_COLUMNS],
            "row",
            labels[f"t3.{row.key}.total"][0],
            "subject.row",
        )
        for row in table3_layout(single_other=single_other).rows
    )


@cache
def _r3_equations(single_other: bool) -> tuple[_Equation, ...]:
    keys = T3_OUTCOME_KEYS_SINGLE if single_other else T3_OUTCOME_KEYS_SPLIT
    return tuple(
        _equation(
            "R3",
            f"t3.total.{column.key}",
            [f"t3.{k}.{column.key}" for k in keys],
            "column",
            column.label,
            "subject.column",
        )
        for column in T3_COLUMNS
    )


@cache
def _r4_equations() -> tuple[_Equation, ...]:
    return tuple(
        _equation(
            "R4",
            f"t4.{block.key}.total",
            [f"t4.{block.key}.{k}" for k in ("upheld", "corrected", "other", "pending")],
            "block",
            block.label,
            "subject.block",
        )
        for block in TABLE4.rows
    )


def rule_r1(report: Report) -> Iterator[Finding]:
    """一 + 二 = 三（七）总计 + 四, for every column of table 三."""
    table = report.table3
    if table is None:
        return
    yield from _check(table, _r1_equations())


def rule_r2(report: Report) -> Iterator[Finding]:
    """总计 = the sum of the six applicant columns, for every row of table 三."""
    table = report.table3
    if table is None:
        return
    yield from _check(table, _r2_equations(_single_other(table)))


def rule_r3(report: Report) -> Iterator[Finding]:
    """（七）总计 = the sum of all numbered outcome rows, for every column."""
    table = report.table3
    if table is None:
        return
    yield from _check(table, _r3_equations(_single_other(table)))


def rule_r4(report: Report) -> Iterator[Finding]:
    """In table 四, each block's 总计 = 维持 + 纠正 + 其他 + 尚未审结."""
    table = report.table4
    if table is None:
        return
    yield from _check(table, _r4_equations())


def rule_r5(report: Report) -> Iterator[Finding]:
    """Counts are whole numbers ≥ 0; only amounts are decimal, only 2019's 增/减 negative."""
    labels = cell_labels()
    for table in report.tables():
        for cell in table.cells:
            value = cell.value
            # most cells print a count: the one test of those (a bool is never a value)
            if value is None or (type(value) is int and value >= 0):
                continue
            amount = cell.id.endswith(".amount")
            signed = cell.id.endswith(".change")
            problem = None
            if isinstance(value, Decimal) and not amount and value != value.to_integral_value():
                problem = message("finding.R5.fraction")
            elif value < 0 and not signed:
                problem = message("finding.R5.negative")
            if problem:
                row, column = labels.get(cell.id, (cell.id, ""))
                yield Finding(
                    rule="R5",
                    severity=Severity.ERROR,
                    message=message(
                        "finding.R5", row=row, column=column, value=value, problem=problem
                    ),
                    cells=(cell.id,),
                    left=value,
                    locations=(cell.location,) if cell.location else (),
                )


def rule_x4(report: Report) -> Iterator[Finding]:
    """If 三（六）2 is above 0, section 六 should mention fees (信息处理费)."""
    table = report.table3
    if table is None:
        return
    value = table.get("t3.other.unpaid_fee.total")
    if value is None or value <= 0:
        return
    section = report.section(6)
    text = section.text if section else ""
    if "处理费" not in text and "收费" not in text:
        yield Finding(
            rule="X4",
            severity=Severity.WARNING,
            message=message("finding.X4", value=value),
            cells=("t3.other.unpaid_fee.total",),
            left=value,
            locations=_locations(table, ["t3.other.unpaid_fee.total"]),
        )


#: Every rule run by :func:`validate`, in order.
RULES: tuple[Rule, ...] = (
    rule_r1,
    rule_r2,
    rule_r3,
    rule_r4,
    rule_r5,
    rule_x3,
    rule_x4,
    rule_e1,
    rule_e2,
    rule_e3,
    rule_e4,
)


def validate(report: Report, *, rules: Sequence[Rule] = RULES) -> list[Finding]:
    """Every finding about ``report``: what reading found, then every rule's findings.

    Equations that could not be checked (a cell they need was not read) become one S9
    info finding per table, after the rules' own findings.
    """
    findings = list(report.findings)
    unknown: list[UncheckedEquation] = []
    # the language chosen once: each message would otherwise ask the environment again
    with use_language(current_language()):
        for rule in rules:
            for finding in rule(report):
                if isinstance(finding, UncheckedEquation):
                    unknown.append(finding)
                else:
                    findings.append(finding)
        findings.extend(unchecked_findings(report, unknown))
    return findings


@cache
def _template_order(template: Template, single_other: bool) -> dict[str, int]:
    """The place of each cell in :meth:`Report.template_cell_ids`, for either table 三."""
    printed = ("t3.other.total",) if single_other else ()
    return {cell_id: i for i, cell_id in enumerate(template_cell_ids(template, printed))}


def unchecked_findings(report: Report, unknown: Sequence[UncheckedEquation]) -> list[Finding]:
    """One S9 finding per table from the equations the rules could not check: which
    equations (rule, equation, row or column) and which cells were not read."""
    if not unknown:
        return []
    labels = cell_labels()
    table3 = report.table3
    order = _template_order(report.template, table3 is not None and _single_other(table3))
    out: list[Finding] = []
    for name, word in _TABLE_NAMES.items():
        mine = [f for f in unknown if f.cells and f.cells[0].startswith(name)]
        if not mine:
            continue
        cells = sorted({c for f in mine for c in f.cells}, key=lambda c: order.get(c, len(order)))
        rows: dict[str, list[str]] = {}
        for cell_id in cells:
            row, column = labels.get(cell_id, (cell_id, ""))
            rows.setdefault(row, []).append(column)
        unread = "；".join(f"「{row}」{'、'.join(columns)}" for row, columns in rows.items())
        subjects: dict[str, list[str]] = {}
        for finding in mine:
            subjects.setdefault(finding.checks, []).append(finding.subject)
        detail = "；".join(
            f"{rule}（{message(f'equation.{rule}')}）：{'、'.join(found)}"
            for rule, found in subjects.items()
        )
        table = next((t for t in report.tables() if t.name == name), None)
        out.append(
            Finding(
                rule=UNCHECKED_RULE,
                severity=Severity.INFO,
                message=message(
                    "finding.S9",
                    table=word,
                    count=len(cells),
                    unread=unread,
                    equations=len(mine),
                    detail=detail,
                ),
                cells=tuple(cells),
                locations=_locations(table, cells) if table is not None else (),
            )
        )
    return out


__all__ = [
    "RULES",
    "UNCHECKED_RULE",
    "Rule",
    "UncheckedEquation",
    "rule_r1",
    "rule_r2",
    "rule_r3",
    "rule_r4",
    "rule_r5",
    "rule_x3",
    "rule_x4",
    "unchecked_findings",
    "validate",
]
