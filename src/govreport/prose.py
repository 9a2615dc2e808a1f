"""Rule X3: figures the prose of section 一 states, against the tables.

Each :class:`Phrasing` is one way real reports state a figure (collected from the seeds
and the corpus; tests/test_prose.py holds one example sentence per phrasing). A figure
is compared only when the prose states it once, or states one number however often;
a cell it needs that was not read, or printed blank, leaves it unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple

from govreport.layout import T3_HEAD
from govreport.messages import message
from govreport.model import Cell, CellState, Finding, Report, Severity, Table


def _none_of(marks: str) -> str:
    """A pattern for one character that is none of ``marks`` and no digit. The marks
    beyond Latin-1 are lookaheads, not members of the class: a class holding 。 or ；
    took 0.15 ms to compile, 19 of them 3 ms of every start (the same characters match)."""
    wide = "".join(f"(?!{re.escape(m)})" for m in marks if ord(m) > 0xFF)
    narrow = "".join(re.escape(m) for m in marks if ord(m) <= 0xFF)
    return f"(?:{wide}[^{narrow}\\d])"


# a gap between a figure's words and its number: no sentence or clause break, no digit
_GAP = _none_of("。；;，,")
_N = r"(\d+)\s*件"


class Phrasing(NamedTuple):
    """One way of stating a figure: ``pattern``'s first group is the number. (This and
    :class:`Figure` are NamedTuples, made at import in a fifth of an attrs class's time.)"""

    name: str
    pattern: re.Pattern[str]
    #: an example from a real report (the test checks it matches and gives ``number``)
    example: str
    number: int


class Figure(NamedTuple):
    """A figure the prose may state, and the table cells whose sum it is."""

    key: str
    #: what the prose says, in Chinese (the message names it)
    words: str
    cells: tuple[str, ...]
    phrasings: tuple[Phrasing, ...]


def _p(name: str, pattern: str, example: str, number: int) -> Phrasing:
    return Phrasing(name, re.compile(pattern), example, number)


_WITHHELD = tuple(f"t3.{r.key}.total" for r in T3_HEAD if r.key.startswith("withheld."))

FIGURES: tuple[Figure, ...] = (
    Figure(
        "new",
        "新收政府信息公开申请",
        ("t3.new.total",),
        (
            _p(
                "verb, then 申请, then the number",
                rf"(?:收到|新收|受理|接收){_GAP}{{0,20}}?申请{_GAP}{{0,10}}?(?:共计|共)?\s*{_N}",
                "截至 2024 年 12 月 31 日，我办共收到政府信息公开申请 2 件",
                2,
            ),
            _p(
                "verb, then the number, then 申请",
                rf"(?:收到|新收|受理|接收)\s*{_N}{_GAP}{{0,6}}?申请",
                "本年度全区共收到70件申请",
                70,
            ),
        ),
    ),
    Figure(
        "carried_over",
        "上年结转申请",
        ("t3.carried_over.total",),
        (
            _p(
                "上年（度）结转 … N 件",
                rf"上一?年度?结转{_GAP}{{0,14}}?{_N}",
                "上年度结转至本年度 1 件",
                1,
            ),
        ),
    ),
    Figure(
        "handled",
        "办结申请",
        ("t3.total.total",),
        (
            _p(
                "办结 … N 件",
                rf"(?:办结|办理完毕){_none_of('。；;，,中')}{{0,14}}?{_N}",
                "及时依法依规办结69件",
                69,
            ),
            _p(
                "答复 … 申请 N 件",
                rf"答复{_GAP}{{0,12}}?申请\s*{_N}",
                "答复政府信息公开申请805件",
                805,
            ),
        ),
    ),
    Figure(
        "carried_forward",
        "结转下年度申请",
        ("t3.carried_forward.total",),
        (
            _p(
                "结转下年度 … N 件",
                rf"结转(?:至|到)?下一?年度?(?:继续办理)?{_GAP}{{0,8}}?{_N}",
                "其中结转下年度继续办理 11 件",
                11,
            ),
            _p(
                "N 件 … 结转（顺延）下年度",
                rf"{_N}{_GAP}{{0,12}}?(?:结转|顺延)(?:至|到)?下一?年",
                "另有72件申请按照《条例》顺延到下一年度办理",
                72,
            ),
            _p(
                "转下一年度办理 … N 件",
                rf"转下一?年度办理{_GAP}{{0,8}}?{_N}",
                "转下一年度办理答复的有 1 件",
                1,
            ),
        ),
    ),
    Figure(
        "granted",
        "予以公开",
        ("t3.granted.total",),
        (
            _p(
                "予以公开（同意公开） N 件",
                rf"(?:予以公开|同意公开){_none_of('。；;，,及')}{{0,6}}?{_N}",
                "其中予以公开 11 件",
                11,
            ),
        ),
    ),
    Figure(
        "granted_or_partly",
        "予以公开及部分公开",
        ("t3.granted.total", "t3.partially_granted.total"),
        (
            _p(
                "予以公开及部分公开 N 件",
                rf"予以公开及部分公开{_GAP}{{0,4}}?{_N}",
                "其中：予以公开及部分公开42件",
                42,
            ),
        ),
    ),
    Figure(
        "withheld",
        "不予公开",
        _WITHHELD,
        (
            _p(
                "不予公开 N 件",
                rf"不予公开{_GAP}{{0,4}}?{_N}",
                "不予公开答复 2件",
                2,
            ),
        ),
    ),
    Figure(
        "review",
        "行政复议",
        ("t4.review.total",),
        (
            _p(
                "行政复议（案件） N 件",
                rf"行政复议(?:案件|申请)?{_GAP}{{0,8}}?{_N}",
                "本年度收到政府信息公开行政复议案件 24 件",
                24,
            ),
            _p(
                "有 N 件 … 行政复议",
                rf"有\s*{_N}{_GAP}{{0,16}}?行政复议",
                "2024 年市科委有 1 件涉及政府信息公开工作的行政复议",
                1,
            ),
        ),
    ),
    Figure(
        "litigation",
        "行政诉讼",
        ("t4.litigation_direct.total", "t4.litigation_after_review.total"),
        (
            _p(
                "行政诉讼（案件、数为） N 件",
                rf"行政诉讼(?:案件|数为|数)?{_GAP}{{0,8}}?{_N}",
                "涉及的行政诉讼数为0 件",
                0,
            ),
            _p(
                "复议 N 件、诉讼 N 件",
                rf"复议\d+件[，,、]\s*诉讼{_N}",
                "信息公开类行政复议7件，诉讼9件",
                9,
            ),
        ),
    ),
    Figure(
        "normative_in_force",
        "现行有效行政规范性文件",
        ("t2.normative_documents.in_force",),
        (
            _p(
                "现行有效（行政）规范性文件 N 件",
                rf"现行有效的?(?:行政)?规范性文件{_GAP}{{0,4}}?{_N}",
                "清理并集中发布现行有效行政规范性文件393件",
                393,
            ),
        ),
    ),
)

# A line break and the white space after it; the white space before it is taken in
# Python. (A pattern that starts with the break is searched for as a literal: \s*\n\s*
# was tried at every character.) Whether Chinese stands on both sides is asked in
# Python too: a class of the 20992 characters [\u4e00-\u9fff] took 1-2 ms to compile.
_LINE_BREAK = re.compile(r"\n\s*")


def _chinese(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def joined_lines(text: str) -> str:
    """``text`` without its line breaks between two Chinese characters (with the white
    space around them): those are the converter's, not the author's."""
    kept: list[str] = []
    start = 0
    for gap in _LINE_BREAK.finditer(text):
        before, after = gap.span()
        while before > start and text[before - 1].isspace():  # \s is str.isspace()
            before -= 1
        if before and after < len(text) and _chinese(text[before - 1]) and _chinese(text[after]):
            kept.append(text[start:before])
            start = after
    kept.append(text[start:])
    return "".join(kept)


def stated(figure: Figure, text: str) -> set[int]:
    """Every number ``text`` states for ``figure``, in any of its phrasings."""
    return _stated_in_joined(figure, joined_lines(text))


def _stated_in_joined(figure: Figure, joined: str) -> set[int]:
    return {int(m) for p in figure.phrasings for m in p.pattern.findall(joined)}


def rule_x3(report: Report) -> Iterator[Finding]:
    """Figures quoted in the prose of section 一 should match the tables."""
    section = report.section(1)
    if section is None:
        return
    # the last table that has a cell wins, as it would in one dict of all their cells
    tables = list(report.tables())[::-1]
    joined = joined_lines(section.text)  # once for all the figures
    for figure in FIGURES:
        said = _stated_in_joined(figure, joined)
        if len(said) != 1:
            continue  # not stated, or stated as different numbers: nothing clear to compare
        printed = [_cell(tables, i) for i in figure.cells]
        # every cell read, none blank: only then is the table's figure known
        if any(c is None or c.state is not CellState.VALUE for c in printed):
            continue
        total = _total([c.value for c in printed if c is not None])
        (number,) = said
        if number != total:
            yield Finding(
                rule="X3",
                severity=Severity.WARNING,
                message=message("finding.X3", name=figure.words, said=number, total=total),
                cells=figure.cells,
                left=number,
                right=total,
                # where the prose stands, then where the table prints the figure
                locations=tuple(
                    loc
                    for loc in (section.location, *(c.location for c in printed if c))
                    if loc is not None
                ),
            )


def _cell(tables: Sequence[Table], cell_id: str) -> Cell | None:
    """The cell ``cell_id`` of the first of ``tables`` that has it."""
    return next((table[cell_id] for table in tables if cell_id in table), None)


def _total(values: Sequence[int | Decimal | None]) -> int | Decimal:
    total: int | Decimal = 0
    for value in values:
        total += value or 0
    return total


__all__ = ["FIGURES", "Figure", "Phrasing", "rule_x3", "stated"]
