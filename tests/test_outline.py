"""Evaluators' checks of the outline and the template (E1-E4), on real and edited reports."""

from __future__ import annotations

import re

import govreport
from expected import CORPUS, SEEDS
from govreport.outline import rule_e1, rule_e2, rule_e3, rule_e4

SEED = SEEDS / "003_bb716c0dab2a4345.txt"  # 老城区人民政府 2024, a clean 2021-template report
KEWEI = CORPUS / "shanghai_stcsm_kewei_2024_pdf2md.md"
SHANGHAI_2019 = CORPUS / "shanghai_gov_office_2019_fragment.html"


def _seed(old: str = "", new: str = "") -> govreport.Report:
    text = SEED.read_text(encoding="utf-8")
    if old:
        assert old in text
        text = text.replace(old, new)
    return govreport.load(text.encode("utf-8"), format="text")


def _section_five(body: str) -> str:
    text = SEED.read_text(encoding="utf-8")
    start = text.index("#### 五、")
    end = text.index("#### 六、")
    return text[:start] + "#### 五、存在的主要问题及改进情况\n\n" + body + "\n\n" + text[end:]


def test_clean_reports_pass_every_outline_check() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        report = govreport.load(path)
        for rule in (rule_e1, rule_e2, rule_e3, rule_e4):
            assert list(rule(report)) == [], (path.name, rule.__name__)


def test_e1_on_a_report_with_its_own_numbering() -> None:
    # The Shanghai 科委 report numbers its own outline (一 总体情况, 二 工作机制保障 ...)
    # and then the template's sections from 一 again.
    findings = list(rule_e1(govreport.load(KEWEI)))
    messages = [f.message for f in findings]
    assert len(findings) == 7
    assert "第二部分「一、主动公开政府信息情况」的标题编号为「一」，应为「二」。" in messages
    assert "第六部分「五、其他需要报告的事项」的标题编号为「五」，应为「六」。" in messages
    assert (
        "编号「一」用于不止一个部分标题（「一、总体情况」、「一、主动公开政府信息情况」）。"
        in messages
    )
    assert "部分标题的编号跳过了「四」。" in messages
    (second,) = [m for m in messages if "另用了一套一级编号" in m]
    assert second.startswith("第一部分中有 5 个与部分标题同级编号的标题（「二、工作机制保障」")
    assert all(f.severity is govreport.Severity.WARNING for f in findings)


def test_e1_numbered_twice_and_skipped() -> None:
    report = _seed("#### 六、其他需要报告的事项", "#### 五、其他需要报告的事项")
    messages = [f.message for f in rule_e1(report)]
    assert messages == [
        "第六部分「五、其他需要报告的事项」的标题编号为「五」，应为「六」。",
        "编号「五」用于不止一个部分标题（「五、存在的主要问题及改进情况」、「五、其他需要报告的事项」）。",
    ]


def test_e1_subheadings_printed_as_top_level_sections() -> None:
    report = _seed("(一) 主动公开：", "二、主动公开\n\n(一) 主动公开：")
    (finding,) = rule_e1(report)
    assert finding.message == (
        "第一部分中有 1 个与部分标题同级编号的标题（「二、主动公开」）：报告另用了一套一级编号。"
    )


def test_e2_section_five_empty_or_nothing() -> None:
    for body, said in (("无。", "只写「无」"), ("暂无", "只写「暂无」"), ("", "没有内容")):
        report = govreport.load(_section_five(body).encode("utf-8"), format="text")
        (finding,) = rule_e2(report)
        assert finding.rule == "E2"
        assert finding.message == (
            f"第五部分「存在的主要问题及改进情况」{said}；模板要求写明存在的问题和改进情况。"
        )
    written = govreport.load(
        _section_five("无明显问题，下一步继续加强培训。").encode(), format="text"
    )
    assert list(rule_e2(written)) == []


def test_e3_section_six_silent_on_fees() -> None:
    report = _seed("本单位 2024 年度未收取政府信息公开信息处理费。", "无。")
    (finding,) = rule_e3(report)
    assert finding.message == (
        "第六部分未说明是否收取信息处理费（2024 年度报告适用 2021 年模板，须说明）。"
    )
    # the 2019 template did not ask; the Shanghai 2019 report's 「无。」 is fine
    shanghai = govreport.load(SHANGHAI_2019)
    assert shanghai.section(6) is not None and shanghai.section(6).text == "无。"  # type: ignore[union-attr]
    assert list(rule_e3(shanghai)) == []


def test_e4_a_later_report_on_the_2019_template() -> None:
    assert list(rule_e4(govreport.load(SHANGHAI_2019))) == []  # a 2019 report: right template
    text = SHANGHAI_2019.read_text(encoding="utf-8").replace("2019", "2022")
    report = govreport.load(text.encode("utf-8"), format="html")
    assert (report.year, report.template) == (2022, "2019")  # read as the 2019 template
    assert "t2.regulations.total_published" in report.cells()
    (finding,) = rule_e4(report)
    assert finding.message == (
        "2022 年度报告的表二使用 2019 年模板的表头（本年新制作数量、本年新公开数量、对外公开总数量），"
        "按 2019 年模板读取；2022 年度应使用 2021 年模板。"
    )
    assert finding.locations and finding.locations[0].xpath is not None


def test_rule_counts_on_the_corpus() -> None:
    counts: dict[str, int] = {}
    for path in sorted(CORPUS.glob("*.*")):
        if "legacy" in path.name:
            continue  # a 2018 report, refused
        for finding in govreport.validate(govreport.load(path)):
            if re.fullmatch(r"E\d", finding.rule):
                counts[finding.rule] = counts.get(finding.rule, 0) + 1
    assert counts == {"E1": 7}  # all seven on the 科委 report; E2-E4 hold on every real one


CONVERTERS = CORPUS.parent / "converters"


def test_converter_outputs_are_not_accused_of_an_outline_they_do_not_have() -> None:
    # pdftotext and markitdown leave table 三's rows as lines 一、本年新收… 四、结转下年度…
    # in section 三: those are the table's numbering, not a second top-level one
    for name in (
        "huaian_hongzequ_gov_2023.markitdown.md",
        "pingtan_2021_page.chromium.pdftotext.txt",
        "pingtan_2021_page.soffice.pdftotext.txt",
        "shanghai_gov_office_2019_fragment.soffice.pdf",
    ):
        assert list(rule_e1(govreport.load(CONVERTERS / name))) == [], name
    # markitdown put section 六's one sentence (无收取信息处理费) into a table: the section
    # holds only the site's links, so its silence on fees is unknown, not a finding
    markitdown = govreport.load(CONVERTERS / "pingtan_2021_page_libreoffice.markitdown.md")
    assert markitdown.section(6) is not None
    assert "处理费" not in markitdown.section(6).text  # type: ignore[union-attr]
    assert list(rule_e3(markitdown)) == []
