"""Checks across years of one body: X1 (carry-over) and X2 (documents in force)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import attrs
import pytest

import govreport
from expected import CORPUS
from govreport.cli import main
from govreport.crossyear import CrossYearIndex, YearFacts, check_reports, compare, rule_x1, rule_x2
from govreport.messages import use_language
from govreport.model import CellState, Report, Severity
from strategies import plain_report

AGENCY = "洛阳市老城区人民政府"


def _year(year: int, values: dict[str, Any], agency: str = AGENCY) -> Report:
    report = plain_report(values=values)
    title = f"{agency}{year}年政府信息公开工作年度报告"
    metadata = attrs.evolve(
        report.metadata, agency=agency, year=year, title=title, source=f"{year}.txt"
    )
    return attrs.evolve(report, metadata=metadata)


# Year 2022 carries 4 requests forward (3 from people, 1 from a company); 2023 says so.
EARLIER = {
    "t3.new.natural_person": 3,
    "t3.new.commercial": 1,
    "t3.new.total": 4,
    "t3.carried_forward.natural_person": 3,
    "t3.carried_forward.commercial": 1,
    "t3.carried_forward.total": 4,
    "t2.regulations.issued": 2,
    "t2.regulations.in_force": 10,
    "t2.normative_documents.issued": 5,
    "t2.normative_documents.in_force": 40,
}
LATER = {
    "t3.carried_over.natural_person": 3,
    "t3.carried_over.commercial": 1,
    "t3.carried_over.total": 4,
    "t3.granted.natural_person": 3,
    "t3.granted.commercial": 1,
    "t3.granted.total": 4,
    "t3.total.natural_person": 3,
    "t3.total.commercial": 1,
    "t3.total.total": 4,
    "t2.regulations.issued": 1,
    "t2.regulations.repealed": 3,
    "t2.regulations.in_force": 8,  # 10 + 1 - 3
    "t2.normative_documents.issued": 6,
    "t2.normative_documents.repealed": 1,
    "t2.normative_documents.in_force": 45,  # 40 + 6 - 1
}


def _facts(report: Report) -> YearFacts:
    return YearFacts.from_report(report)


def test_generated_years_are_themselves_consistent() -> None:
    for values in (EARLIER, LATER):
        assert govreport.validate(_year(2022, values)) == []


def test_matching_years_give_no_finding() -> None:
    assert compare(_facts(_year(2022, EARLIER)), _facts(_year(2023, LATER))) == []


def test_a_planted_carry_over_mismatch_is_found_on_the_later_report() -> None:
    later = {
        **LATER,
        "t3.carried_over.natural_person": 2,
        "t3.carried_over.total": 3,
        "t3.new.natural_person": 1,
    }
    later["t3.new.total"] = 1
    findings = compare(_facts(_year(2022, EARLIER)), _facts(_year(2023, later)))
    assert [f.rule for f in findings] == ["X1", "X1"]
    person, total = findings
    assert person.cells == ("t3.carried_over.natural_person",) and (person.left, person.right) == (
        2,
        3,
    )
    assert total.cells == ("t3.carried_over.total",) and (total.left, total.right) == (3, 4)
    assert all(f.severity is Severity.WARNING for f in findings)
    assert "2022 年度报告（2022.txt）" in person.message


def test_a_planted_stock_mismatch_is_found() -> None:
    later = {**LATER, "t2.normative_documents.in_force": 44}
    (finding,) = list(rule_x2(_facts(_year(2022, EARLIER)), _facts(_year(2023, later))))
    assert finding.rule == "X2" and (finding.left, finding.right) == (44, 45)
    assert finding.cells[0] == "t2.normative_documents.in_force"
    assert list(rule_x1(_facts(_year(2022, EARLIER)), _facts(_year(2023, later)))) == []


def test_only_consecutive_years_of_one_body_are_compared() -> None:
    wrong = {**LATER, "t3.carried_over.total": 9}
    assert compare(_facts(_year(2021, EARLIER)), _facts(_year(2023, wrong))) == []
    assert compare(_facts(_year(2022, EARLIER, "别的机关")), _facts(_year(2023, wrong))) == []
    # the same body printed with a full-width space is the same body
    spaced = _facts(_year(2022, EARLIER, "洛阳市老城区　人民政府"))
    assert [f.rule for f in compare(spaced, _facts(_year(2023, wrong)))] == ["X1"]


def test_blank_cells_are_not_compared() -> None:
    later = {**LATER, "t3.carried_over.total": None, "t2.regulations.in_force": None}
    assert compare(_facts(_year(2022, EARLIER)), _facts(_year(2023, later))) == []


def test_x2_needs_the_2021_template_on_both_sides() -> None:
    earlier = _facts(_year(2022, EARLIER))
    old = attrs.evolve(earlier, template="2019")
    assert list(rule_x2(old, _facts(_year(2023, {**LATER, "t2.regulations.in_force": 99})))) == []


@pytest.mark.parametrize("order", ["earlier first", "later first"])
def test_index_attributes_findings_to_the_later_report_in_any_order(order: str) -> None:
    earlier = _facts(_year(2022, EARLIER))
    later = _facts(
        _year(2023, {**LATER, "t3.carried_over.commercial": 0, "t3.carried_over.total": 3})
    )
    index = CrossYearIndex()
    pairs = (
        index.add(earlier) + index.add(later)
        if order == "earlier first"
        else index.add(later) + index.add(earlier)
    )
    assert [(owner.source, f.rule, f.cells) for owner, f in pairs] == [
        ("2023.txt", "X1", ("t3.carried_over.commercial",)),
        ("2023.txt", "X1", ("t3.carried_over.total",)),
    ]


def test_check_reports_locates_cells_of_the_later_report() -> None:
    printed = govreport.dumps(_year(2023, {**LATER, "t3.carried_over.total": 5}), "text")
    later = govreport.load(printed)  # read back from text, so that cells have locations
    steady = {"t2.regulations.in_force": 8, "t2.normative_documents.in_force": 45}
    found = check_reports([later, _year(2022, EARLIER), _year(2024, steady)])
    assert list(found) == [0]
    (finding,) = found[0]
    assert finding.rule == "X1" and finding.cells == ("t3.carried_over.total",)
    assert finding.locations == (later.cell("t3.carried_over.total").location,)
    assert finding.locations[0] is not None


def test_batch_command_reports_a_planted_mismatch_in_generated_text(tmp_path: Path) -> None:
    for year, values in (
        (2022, EARLIER),
        (2023, {**LATER, "t3.carried_over.total": 5, "t3.total.total": 5}),
    ):
        (tmp_path / f"r{year}.txt").write_bytes(govreport.dumps(_year(year, values), "text"))
    out = tmp_path / "out.csv"
    # 1: the planted numbers also break table 三's own sums, error findings of the year
    assert main(["batch", str(tmp_path), "-o", str(out), "--no-progress", "--jobs", "1"]) == 1
    with (tmp_path / "out.findings.csv").open(encoding="utf-8", newline="") as handle:
        found = list(csv.DictReader(handle))
    assert {(r["rule"], r["severity"]) for r in found if not r["rule"].startswith("X")} == {
        ("R2", "error"),
        ("R3", "error"),
    }
    rows = [r for r in found if r["rule"].startswith("X")]
    assert [
        (Path(r["source"]).name, r["rule"], r["cells"], r["left"], r["right"]) for r in rows
    ] == [("r2023.txt", "X1", "t3.carried_over.total", "5", "4")]


def test_batch_command_is_quiet_on_matching_generated_text(tmp_path: Path) -> None:
    for year, values in ((2022, EARLIER), (2023, LATER)):
        (tmp_path / f"r{year}.txt").write_bytes(govreport.dumps(_year(year, values), "text"))
    out = tmp_path / "out.csv"
    assert (
        main(["batch", str(tmp_path), "-o", str(out), "--no-progress", "--strict", "--jobs", "0"])
        == 0
    )
    text = (tmp_path / "out.findings.csv").read_text(encoding="utf-8")
    assert text.count("\n") == 1  # the header only


def test_stock_identity_and_carry_over_on_real_reports_of_one_body() -> None:
    # 平潭综合实验区: the 2021 report and the 2023 one, the latter edited to be of 2022
    earlier = govreport.load(CORPUS / "pingtan_2021_page.html")
    text = (CORPUS / "pingtan_2023_page.html").read_text(encoding="utf-8")
    later = govreport.load(text.replace("2023年", "2022年").encode("utf-8"), format="html")
    assert (earlier.year, later.year) == (2021, 2022)
    found = compare(YearFacts.from_report(earlier), YearFacts.from_report(later))
    x2 = [f for f in found if f.rule == "X2"]
    # 665 in force at the end of 2021, 77 issued, 132 repealed: 610, where 470 is printed
    assert [(f.cells[0], f.left, f.right) for f in x2] == [
        ("t2.normative_documents.in_force", 470, 610)
    ]
    assert x2[0].severity is govreport.Severity.WARNING
    assert "现行有效 470 件" in x2[0].message and "应为 610 件" in x2[0].message
    x1 = [(f.cells[0], f.left, f.right) for f in found if f.rule == "X1"]
    assert x1 == [("t3.carried_over.natural_person", 0, 1), ("t3.carried_over.total", 0, 1)]
    # the same 2021 report as crawled text: 行政规范性文件's digits ran together (unread),
    # so its stock is not compared at all; 规章 (0, 0, 0) still is, and holds
    crawled = govreport.load(CORPUS / "pingtan_gov_2021_page.txt")
    assert crawled.cell_state("t2.normative_documents.in_force") is CellState.UNREAD
    again = compare(YearFacts.from_report(crawled), YearFacts.from_report(later))
    assert [f for f in again if f.rule == "X2"] == []


def test_findings_are_worded_in_the_language_of_the_moment(monkeypatch: pytest.MonkeyPatch) -> None:
    # a cross-year finding reads in the language of the moment it is found
    earlier, later = (
        _facts(_year(2022, EARLIER)),
        _facts(_year(2023, {**LATER, "t3.carried_over.natural_person": 2})),
    )
    monkeypatch.setenv("GOVREPORT_LANG", "en")
    assert [f.message for f in compare(earlier, later)] == [
        "Table 三, column 「自然人」: carried over into this year is 2, but the 2022 report "
        "(2022.txt) carried forward 3; they should be equal."
    ]
    monkeypatch.setenv("GOVREPORT_LANG", "zh")
    assert [f.message for f in compare(earlier, later)] == [
        "表三「自然人」列：本年上年结转为 2，而2022 年度报告（2022.txt）结转下年度为 3，两者应相等。"
    ]
    with use_language("en"):  # a language chosen in code wins over the variable
        assert compare(earlier, later)[0].message.startswith("Table 三, column")
