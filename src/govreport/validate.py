"""The consistency rules (勾稽关系) of FORMAT.md, each a plain function over a report.

Adding a rule is adding a function to :data:`RULES`. Every rule returns all its
findings; :func:`validate` never stops at the first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal

from govreport.document import Location
from govreport.layout import (
    APPLICANT_COLUMNS,
    T3_COLUMNS,
    T3_OUTCOME_KEYS_SINGLE,
    T3_OUTCOME_KEYS_SPLIT,
    TABLE4,
    TableLayout,
    cell_labels,
    table3_layout,
)
from govreport.model import CellState, Finding, Report, Severity, Table, Value

Rule = Callable[[Report], Iterable[Finding]]

#: The rule of the note that equations were not checked because cells were not read.
UNCHECKED_RULE = "S9"

_TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


def _locations(table: Table, ids: Iterable[str]) -> tuple[Location, ...]:
    out = []
    for cell_id in ids:
        if cell_id in table:
            location = table[cell_id].location
            if location is not None and location not in out:
                out.append(location)
    return tuple(out)


def _sum(values: Sequence[Value]) -> int | Decimal | None:
    """The sum of the printed parts; blanks count as nothing printed, so a sum over
    only blanks is None (there is nothing to compare)."""
    printed = [v for v in values if v is not None]
    if not printed:
        return None
    total: int | Decimal = 0
    for value in printed:
        total += value
    return total


def _unread(report: Report, table: Table, ids: Iterable[str]) -> list[str]:
    """The cells among ``ids`` that were not read: absent from ``table`` though the
    template has them, or present but unread (see :class:`CellState`)."""
    return [i for i in ids if i not in table or table[i].state is CellState.UNREAD]


#: Each equation rule's equation, as the S9 finding names it.
_EQUATIONS = {
    "R1": "一 + 二 = 三（七） + 四",
    "R2": "总计 = 各类申请人之和",
    "R3": "（七）总计 = （一）至（六）各项之和",
    "R4": "总计 = 维持 + 纠正 + 其他 + 尚未审结",
}
_UNKNOWN = re.compile(r"^(?P<rule>\S+) (?P<subject>「.*?」\S?)")


def _unknown(rule: str, subject: str, unread: Sequence[str]) -> Finding:
    """An equation that could not be checked; :func:`validate` gathers these into one
    S9 finding per table."""
    return Finding(
        rule=UNCHECKED_RULE,
        severity=Severity.INFO,
        message=f"{rule} {subject}：{_EQUATIONS[rule]} 无法核对，所需单元格未读取。",
        cells=tuple(unread),
    )


def _compare(
    rule: str,
    report: Report,
    table: Table,
    total_id: str,
    part_ids: Sequence[str],
    message: Callable[[Value, Value], str],
    subject: str,
    left_extra: Sequence[str] = (),
) -> Iterator[Finding]:
    """One equation: the printed total (plus ``left_extra``) against the sum of the parts.

    Checked only when every cell it needs was read or printed blank; otherwise the
    equation is unknown and gives an S9 note naming the cells not read, never an error.
    """
    needed = (total_id, *left_extra, *part_ids)
    unread = _unread(report, table, needed)
    if unread:
        yield _unknown(rule, subject, unread)
        return
    left = _sum([table.get(total_id), *[table.get(i) for i in left_extra]])
    right = _sum([table.get(i) for i in part_ids])
    if left is None and right is None:
        return
    if left is None:
        left_value: int | Decimal = 0
    else:
        left_value = left
    right_value: int | Decimal = 0 if right is None else right
    if left_value != right_value:
        present = [total_id, *part_ids, *left_extra]
        yield Finding(
            rule=rule,
            severity=Severity.ERROR,
            message=message(left, right),
            cells=tuple(present),
            left=left_value,
            right=right_value,
            locations=_locations(table, present),
        )


def _single_other(table: Table) -> bool:
    return "t3.other.total" in table or "t3.other.natural_person" in table


def _t3_layout(table: Table) -> TableLayout:
    return table3_layout(single_other=_single_other(table))


def rule_r1(report: Report) -> Iterator[Finding]:
    """一 + 二 = 三（七）总计 + 四, for every column of table 三."""
    table = report.table3
    if table is None:
        return
    for column in T3_COLUMNS:
        c = column.key

        def message(left: Value, right: Value, name: str = column.label) -> str:
            return (
                f"表三「{name}」列：本年新收加上年结转为 {left}，"
                f"办理结果总计加结转下年度为 {right}，两者应相等。"
            )

        yield from _compare(
            "R1",
            report,
            table,
            f"t3.new.{c}",
            [f"t3.total.{c}", f"t3.carried_forward.{c}"],
            message,
            f"「{column.label}」列",
            left_extra=[f"t3.carried_over.{c}"],
        )


def rule_r2(report: Report) -> Iterator[Finding]:
    """总计 = the sum of the six applicant columns, for every row of table 三."""
    table = report.table3
    if table is None:
        return
    labels = cell_labels()
    for row in _t3_layout(table).rows:
        prefix = f"t3.{row.key}"
        name = labels[f"{prefix}.total"][0]

        def message(left: Value, right: Value, name: str = name) -> str:
            return f"表三「{name}」行：总计为 {left}，各类申请人合计为 {right}。"

        yield from _compare(
            "R2",
            report,
            table,
            f"{prefix}.total",
            [f"{prefix}.{c.key}" for c in APPLICANT_COLUMNS],
            message,
            f"「{name}」行",
        )


def rule_r3(report: Report) -> Iterator[Finding]:
    """（七）总计 = the sum of all numbered outcome rows, for every column."""
    table = report.table3
    if table is None:
        return
    keys = T3_OUTCOME_KEYS_SINGLE if _single_other(table) else T3_OUTCOME_KEYS_SPLIT
    for column in T3_COLUMNS:

        def message(left: Value, right: Value, name: str = column.label) -> str:
            return f"表三「{name}」列：（七）总计为 {left}，（一）至（六）各项之和为 {right}。"

        yield from _compare(
            "R3",
            report,
            table,
            f"t3.total.{column.key}",
            [f"t3.{k}.{column.key}" for k in keys],
            message,
            f"「{column.label}」列",
        )


def rule_r4(report: Report) -> Iterator[Finding]:
    """In table 四, each block's 总计 = 维持 + 纠正 + 其他 + 尚未审结."""
    table = report.table4
    if table is None:
        return
    for block in TABLE4.rows:

        def message(left: Value, right: Value, name: str = block.label) -> str:
            return f"表四「{name}」：总计为 {left}，维持、纠正、其他、尚未审结之和为 {right}。"

        parts = [f"t4.{block.key}.{k}" for k in ("upheld", "corrected", "other", "pending")]
        yield from _compare(
            "R4",
            report,
            table,
            f"t4.{block.key}.total",
            parts,
            message,
            f"「{block.label}」",
        )


def rule_r5(report: Report) -> Iterator[Finding]:
    """Counts are whole numbers ≥ 0; only amounts are decimal, only 2019's 增/减 negative."""
    labels = cell_labels()
    for table in report.tables():
        for cell in table:
            if cell.value is None:
                continue
            amount = cell.id.endswith(".amount")
            signed = cell.id.endswith(".change")
            problem = None
            if (
                isinstance(cell.value, Decimal)
                and not amount
                and cell.value != cell.value.to_integral_value()
            ):
                problem = "不是整数"
            elif cell.value < 0 and not signed:
                problem = "是负数"
            if problem:
                row, column = labels.get(cell.id, (cell.id, ""))
                yield Finding(
                    rule="R5",
                    severity=Severity.ERROR,
                    message=f"「{row}」的「{column}」为 {cell.value}，{problem}；件数应为非负整数。",
                    cells=(cell.id,),
                    left=cell.value,
                    locations=(cell.location,) if cell.location else (),
                )


_NUMBER = r"(\d+)\s*件"
#: (what the prose says, pattern, the table cells whose sum it should equal)
_PROSE_FIGURES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "新收政府信息公开申请",
        r"(?:收到|新收|受理)[^。；，,\d]{0,16}?申请[^。；，,\d]{0,10}?" + _NUMBER,
        ("t3.new.total",),
    ),
    ("上年结转", r"上年度?结转[^。；，,\d]{0,12}?" + _NUMBER, ("t3.carried_over.total",)),
    ("办结", r"(?:办结|已办结|办理完毕)[^。；，,\d]{0,12}?" + _NUMBER, ("t3.total.total",)),
    (
        "结转下年度",
        r"结转(?:至)?下(?:一)?年度?(?:继续办理)?[^。；，,\d]{0,8}?" + _NUMBER,
        ("t3.carried_forward.total",),
    ),
    ("行政复议", r"行政复议(?:案件|申请)?[^。；，,\d]{0,8}?" + _NUMBER, ("t4.review.total",)),
    (
        "行政诉讼",
        r"行政诉讼(?:案件)?[^。；，,\d]{0,8}?" + _NUMBER,
        ("t4.litigation_direct.total", "t4.litigation_after_review.total"),
    ),
)


def rule_x3(report: Report) -> Iterator[Finding]:
    """Figures quoted in the prose of section 一 should match the tables."""
    section = report.section(1)
    if section is None:
        return
    cells = report.cells()
    for name, pattern, ids in _PROSE_FIGURES:
        stated = {int(m) for m in re.findall(pattern, section.text)}
        if len(stated) != 1 or not all(i in cells for i in ids):
            continue  # not stated clearly, or the table does not print it
        values = [cells[i] for i in ids]
        if any(v is None for v in values):
            continue
        total = _sum(values)
        (said,) = stated
        if total is not None and said != total:
            yield Finding(
                rule="X3",
                severity=Severity.WARNING,
                message=f"正文第一部分称{name} {said} 件，表格为 {total} 件。",
                cells=ids,
                left=said,
                right=total,
                locations=(section.location,) if section.location else (),
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
            message=f"有 {value} 件申请因逾期未缴纳费用而不再处理，但第六部分未提及信息处理费。",
            cells=("t3.other.unpaid_fee.total",),
            left=value,
            locations=_locations(table, ["t3.other.unpaid_fee.total"]),
        )


#: Every rule run by :func:`validate`, in order.
RULES: tuple[Rule, ...] = (rule_r1, rule_r2, rule_r3, rule_r4, rule_r5, rule_x3, rule_x4)


def validate(report: Report, *, rules: Sequence[Rule] = RULES) -> list[Finding]:
    """Every finding about ``report``: what reading found, then every rule's findings.

    Equations that could not be checked (a cell they need was not read) become one S9
    info finding per table, after the rules' own findings.
    """
    findings = list(report.findings)
    unknown: list[Finding] = []
    for rule in rules:
        for finding in rule(report):
            (unknown if finding.rule == UNCHECKED_RULE else findings).append(finding)
    findings.extend(unchecked_findings(report, unknown))
    return findings


def unchecked_findings(report: Report, unknown: Sequence[Finding]) -> list[Finding]:
    """One S9 finding per table from the equations the rules could not check: which
    equations (rule, equation, row or column) and which cells were not read."""
    labels = cell_labels()
    order = {cell_id: i for i, cell_id in enumerate(report.template_cell_ids())}
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
            match = _UNKNOWN.match(finding.message)
            if match:
                subjects.setdefault(match["rule"], []).append(match["subject"])
        equations = "；".join(
            f"{rule}（{_EQUATIONS.get(rule, '')}）：{'、'.join(found)}"
            for rule, found in subjects.items()
        )
        table = next((t for t in report.tables() if t.name == name), None)
        out.append(
            Finding(
                rule=UNCHECKED_RULE,
                severity=Severity.INFO,
                message=(
                    f"{word}有 {len(cells)} 个单元格未读取（{unread}），"
                    f"以下 {len(mine)} 个等式无法核对，不作判断——{equations}。"
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
