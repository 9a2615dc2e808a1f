"""Rule X3: every phrasing of a prose figure, as real reports word it, and the figure checked."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govreport
from expected import CORPUS, SEEDS
from govreport.prose import (
    FIGURES,
    Figure,
    Phrasing,
    _none_of,
    joined_lines,
    rule_x3,
    stated,
)

PHRASINGS = [(figure, phrasing) for figure in FIGURES for phrasing in figure.phrasings]


@pytest.mark.parametrize(
    ("figure", "phrasing"), PHRASINGS, ids=[f"{f.key}: {p.name}" for f, p in PHRASINGS]
)
def test_each_phrasing_reads_its_real_example(figure: Figure, phrasing: Phrasing) -> None:
    assert phrasing.pattern.search(phrasing.example)
    assert stated(figure, phrasing.example) == {phrasing.number}
    # the figure's other phrasings do not read a different number from it
    assert stated(figure, f"前文。{phrasing.example}。后文") == {phrasing.number}


def test_phrasings_do_not_take_each_others_numbers() -> None:
    by_key = {f.key: f for f in FIGURES}
    # 予以公开及部分公开 42 is not 予以公开 42
    assert stated(by_key["granted"], "其中：予以公开及部分公开42件") == set()
    # 上年度结转至本年度 is not carried forward
    assert stated(by_key["carried_forward"], "上年度结转至本年度 1 件") == set()
    # 同意公开答复 9 件 is not 9 requests handled
    assert stated(by_key["handled"], "所有办结的信息公开申请中同意公开答复 9 件") == set()
    # a line broken inside 行政复议 by a PDF converter
    assert stated(by_key["review"], "市科委有 1 件涉及政府信息公开工作的行\n政复议") == {1}


def test_line_breaks_between_chinese_characters_are_joined() -> None:
    assert joined_lines("的行\n政复议") == "的行政复议"
    assert joined_lines("共收到 \n\u3000 申请") == "共收到申请"  # the white space around goes too
    assert joined_lines("收到\n2 件") == "收到\n2 件"  # a digit: the break may be the author's
    assert joined_lines("\n申请\n") == "\n申请\n"
    assert joined_lines("申请 办理") == "申请 办理"  # no line break


#: The expression joined_lines replaced (its class of 20992 characters compiled slowly).
_BROKEN_LINE = re.compile(r"(?<=[\u4e00-\u9fff])\s*\n\s*(?=[\u4e00-\u9fff])")


# white space of every kind \s takes (\x1c, \x85, \u2028...): joined_lines looks back
# over it with str.isspace()
@given(
    st.text(
        alphabet="中文\u4e00\u9fff\u4dff\ua000a1。 \t\r\n\u3000\x0b\x1c\x85\xa0\u2028",
        max_size=30,
    )
)
def test_joining_lines_is_what_the_expression_did(text: str) -> None:
    assert joined_lines(text) == _BROKEN_LINE.sub("", text)


@given(st.characters())
def test_a_gap_character_is_what_the_class_matched(char: str) -> None:
    # the marks beyond Latin-1 are lookaheads (a class holding them compiled slowly)
    for marks in ("。；;，,", "。；;，,中", "。；;，,及"):
        class_ = re.compile(f"[^{marks}\\d]")
        assert bool(re.fullmatch(_none_of(marks), char)) == bool(class_.fullmatch(char))


@pytest.mark.parametrize(
    ("path", "figures"),
    [
        (SEEDS / "002_19ca39454c16e942.txt", {"new", "carried_over", "handled", "granted"}),
        (SEEDS / "003_bb716c0dab2a4345.txt", {"new", "carried_forward", "review", "litigation"}),
        (
            CORPUS / "shanghai_stcsm_kewei_2024_pdf2md.md",
            {
                "new",
                "carried_over",
                "carried_forward",
                "granted",
                "withheld",
                "review",
                "litigation",
            },
        ),
        (
            CORPUS / "pingtan_2023_page.html",
            {
                "new",
                "handled",
                "granted_or_partly",
                "withheld",
                "review",
                "litigation",
                "normative_in_force",
            },
        ),
    ],
)
def test_real_reports_state_these_figures(path: object, figures: set[str]) -> None:
    report = govreport.load(path)  # type: ignore[arg-type]
    section = report.section(1)
    assert section is not None
    assert {f.key for f in FIGURES if stated(f, section.text)} == figures


def test_x3_on_the_corpus_finds_the_one_figure_the_tables_contradict() -> None:
    # 平潭 2023: the prose says 393 行政规范性文件 are in force, table 二 prints 470
    (finding,) = rule_x3(govreport.load(CORPUS / "pingtan_2023_page.html"))
    assert finding.message == "正文第一部分称现行有效行政规范性文件 393 件，表格为 470 件。"
    assert finding.cells == ("t2.normative_documents.in_force",)
    assert (finding.left, finding.right) == (393, 470)
    # the same report as crawled text: the table cell ran together, so nothing is compared
    assert list(rule_x3(govreport.load(CORPUS / "pingtan_gov_2023_page.txt"))) == []
    for path in sorted(SEEDS.glob("*.txt")):
        assert list(rule_x3(govreport.load(path))) == [], path.name


def test_x3_reports_a_changed_figure_of_each_kind() -> None:
    report = govreport.load(CORPUS / "shanghai_stcsm_kewei_2024_pdf2md.md")
    assert list(rule_x3(report)) == []
    changed = report.with_value("t4.review.total", 2)
    (finding,) = rule_x3(changed)
    assert (finding.message, finding.cells) == (
        "正文第一部分称行政复议 1 件，表格为 2 件。",
        ("t4.review.total",),
    )
    # the evidence: where section 一 starts, then where table 四 prints the figure
    section = changed.section(1)
    assert section is not None
    assert finding.locations == (section.location, changed.cell("t4.review.total").location)
