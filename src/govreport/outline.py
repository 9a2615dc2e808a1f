"""Checks evaluators apply to a report's outline and template, beyond the tables' sums.

E1 the six sections numbered 一…六, in order, none twice or skipped, and no second
numbering system at the top level; E2 section 五 present but empty or only 「无」; E3
section 六 silent on information-processing fees (2021 template); E4 a report of 2021
or later printed with the 2019 template's table 二. All are warnings: the template
asks for these, a report that breaks them still reports its numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from govreport.layout import SECTIONS, T3_HEAD, T3_TAIL, TABLE2_2019, label_core
from govreport.messages import message
from govreport.model import Finding, Report, Section, Severity

_NUMERALS = tuple(s.numeral for s in SECTIONS)  # 一 … 六
_PRINTED_NUMERAL = re.compile(r"^\s*#*\s*([一二三四五六七八九十]+)\s*[、.．，,]")
# A short line that starts like a top-level heading (二、工作机制保障) inside a section.
_TOP_LEVEL_LINE = re.compile(
    r"^\s*#*\s*([一二三四五六七八九十]+)、\s*(\S[^。；;\n]{1,24})\s*$", re.M
)
# The sections written as prose; 二 to 四 hold the tables, whose rows a converter may
# leave as lines numbered 一、 to 四、.
_PROSE_SECTIONS = (1, 5, 6)
_T3_NUMBERED_ROWS = (
    *(label_core(r.label) for r in (*T3_HEAD[:2], *T3_TAIL[1:])),
    label_core("三、本年度办理结果"),
)


def _is_table_row(text: str) -> bool:
    """A line that is table 三's numbered row (一、本年新收…, cut short or with its numbers)."""
    core = label_core(text)
    return any(c.isdigit() for c in text) or any(
        row.startswith(core[:6]) for row in _T3_NUMBERED_ROWS if len(core) >= 4
    )


# What section 五 says when it says nothing.
_NOTHING = frozenset({"", "无", "暂无", "没有", "无问题", "不涉及"})
# How a report says whether it charged fees.
_FEES = re.compile(r"处理费|收费|收取|费用")
_FEE_TEMPLATE_FROM = 2021


def _printed_numeral(section: Section) -> str | None:
    match = _PRINTED_NUMERAL.match(section.heading)
    return match.group(1) if match else None


def rule_e1(report: Report) -> Iterator[Finding]:
    """The six sections numbered 一…六 in order; no number twice or skipped; no second
    top-level numbering (a report that prints its 总体情况 sub-headings as 二、三、…)."""
    sections = report.sections

    def finding(text: str, *where: Section) -> Finding:
        return Finding(
            rule="E1",
            severity=Severity.WARNING,
            message=text,
            locations=tuple(s.location for s in where if s.location is not None),
        )

    printed = [(s, _printed_numeral(s)) for s in sections]
    wrong = [(s, n) for s, n in printed if n is not None and n != _NUMERALS[s.number - 1]]
    for section, printed_as in wrong:
        text = message(
            "finding.E1.number",
            numeral=_NUMERALS[section.number - 1],
            heading=section.heading,
            printed=printed_as,
        )
        yield finding(text, section)
    by_numeral: dict[str, list[Section]] = {}
    for heading_of, numbered in printed:
        if numbered is not None:
            by_numeral.setdefault(numbered, []).append(heading_of)
    for numeral, same in by_numeral.items():
        if len(same) > 1:
            headings = "、".join(f"「{s.heading}」" for s in same)
            yield finding(message("finding.E1.twice", printed=numeral, headings=headings), *same)
    numbers = [s.number for s in sections]
    if numbers != sorted(numbers):
        order = "、".join(_NUMERALS[n - 1] for n in numbers)
        yield finding(message("finding.E1.order", order=order), *sections)
    used = [n for _, n in printed if n is not None and n in _NUMERALS]
    if used:
        highest = max(_NUMERALS.index(n) for n in used)
        skipped = [n for n in _NUMERALS[:highest] if n not in used]
        if skipped:
            yield finding(message("finding.E1.skipped", numerals="、".join(skipped)))
    templates = {label_core(s.heading) for s in SECTIONS}
    for section in sections:
        if section.number not in _PROSE_SECTIONS:
            continue  # the tables' sections: 一、本年新收 … are table 三's rows as text
        extra = [
            f"{m.group(1)}、{m.group(2).strip()}"
            for m in _TOP_LEVEL_LINE.finditer(section.text)
            if label_core(m.group(2)) not in templates and not _is_table_row(m.group(2))
        ]
        if extra:
            text = message(
                "finding.E1.second",
                numeral=_NUMERALS[section.number - 1],
                count=len(extra),
                headings="、".join(f"「{h}」" for h in extra),
            )
            yield finding(text, section)


def rule_e2(report: Report) -> Iterator[Finding]:
    """Section 五 present but empty, or saying only 「无」."""
    section = report.section(5)
    if section is None:
        return  # a missing section is S1's
    said = re.sub(r"[\s。.;；:：,，、!！]", "", section.text)
    if said not in _NOTHING:
        return
    what = message("finding.E2.empty") if not said else message("finding.E2.none", text=said)
    yield Finding(
        rule="E2",
        severity=Severity.WARNING,
        message=message("finding.E2", what=what),
        locations=(section.location,) if section.location else (),
    )


def rule_e3(report: Report) -> Iterator[Finding]:
    """Section 六 says whether information-processing fees were charged (2021 template)."""
    if report.template != "2021" or report.year < _FEE_TEMPLATE_FROM:
        return
    section = report.section(6)
    if section is None or _FEES.search(section.text):
        return
    first = next((line for line in section.text.splitlines() if line.strip()), "")
    if "。" not in first:
        # it does not open with a sentence of its own (a site's links follow the heading:
        # its text went into a table or was lost in conversion): what it says about fees
        # is unknown, not silent
        return
    yield Finding(
        rule="E3",
        severity=Severity.WARNING,
        message=message("finding.E3", year=report.year),
        locations=(section.location,) if section.location else (),
    )


def rule_e4(report: Report) -> Iterator[Finding]:
    """A report of 2021 or later whose table 二 has the 2019 template's headings."""
    if report.template != "2019" or report.year < _FEE_TEMPLATE_FROM or report.table2 is None:
        return
    headers = "、".join(c.label for c in TABLE2_2019.row("regulations").columns)
    yield Finding(
        rule="E4",
        severity=Severity.WARNING,
        message=message("finding.E4", year=report.year, headers=headers),
        cells=(),
        locations=(report.table2.location,) if report.table2.location else (),
    )


__all__ = ["rule_e1", "rule_e2", "rule_e3", "rule_e4"]
