"""govreport.compare: reports side by side, the checks across years and the swings."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import attrs
import lxml.html
import pytest

import govreport
from expected import CORPUS, DATA, SEEDS
from govreport.cli import main
from govreport.compare import CompareError, Comparison, Thresholds, compare
from govreport.messages import use_language

YEARS = DATA / "years"


def _load(*names: str) -> list[govreport.Report]:
    return [govreport.load(YEARS / name) for name in names]


def _line(comparison: Comparison, key: str) -> tuple[object, ...]:
    line = next(line for line in comparison.lines if line.key == key)
    return (*line.values, *line.changes, *line.relative)


def _rules(comparison: Comparison) -> list[tuple[int, str, tuple[str, ...]]]:
    return [(column, f.rule, f.cells) for column, f in comparison.findings if f.rule != "C1"]


def test_consecutive_years_that_agree_give_no_cross_year_finding() -> None:
    (comparison,) = compare(_load("laocheng_2023.txt", "laocheng_2022.txt"))
    assert [c.year for c in comparison.columns] == [2022, 2023]  # ordered by year
    assert _rules(comparison) == [] and comparison.gaps == ()
    # 在 2022 结转下年度 5 = 2023 上年结转 5; 行政规范性文件 40 + 6 - 1 = 45
    assert _line(comparison, "t3.carried_over.total") == (0, 5, 5, None)
    assert _line(comparison, "t2.normative_documents.in_force") == (40, 45, 5, Decimal("0.1250"))
    assert _line(comparison, "disclosure_rate") == (
        Decimal("0.7742"),  # 24 / 31
        Decimal("0.7021"),  # 33 / 47
        Decimal("-0.0721"),
        Decimal("-0.0931"),
    )


def test_a_broken_carry_over_is_x1_on_the_later_year() -> None:
    (comparison,) = compare(_load("laocheng_2022.txt", "laocheng_2023_broken_carry_over.txt"))
    assert _rules(comparison) == [
        (1, "X1", ("t3.carried_over.natural_person",)),
        (1, "X1", ("t3.carried_over.total",)),
    ]
    x1 = comparison.findings[0][1]
    assert (x1.left, x1.right, x1.difference) == (4, 3, 1)
    assert x1.locations  # where the cell stands in the 2023 file


def test_a_broken_stock_is_x2_on_the_later_year() -> None:
    (comparison,) = compare(_load("laocheng_2022.txt", "laocheng_2023_broken_stock.txt"))
    ids = (
        "t2.normative_documents.in_force",
        "t2.normative_documents.issued",
        "t2.normative_documents.repealed",
    )
    assert _rules(comparison) == [(1, "X2", ids)]
    x2 = comparison.findings[0][1]
    assert (x2.left, x2.right) == (50, 45)  # printed 50; 40 + 6 - 1 = 45


def test_swings_are_info_with_settable_thresholds() -> None:
    reports = _load("laocheng_2022.txt", "laocheng_2023.txt")
    (comparison,) = compare(reports)
    swings = [(f.rule, f.severity.value, f.cells, f.left, f.right) for _, f in comparison.findings]
    # 行政许可 120 -> 900 is 7.5 times; 3 -> 0 is below the 10 a ratio needs
    assert swings == [("C1", "info", ("t2.licensing.decisions",), 900, 120)]
    (calmer,) = compare(reports, thresholds=Thresholds(high=Decimal(10)))
    assert calmer.findings == ()
    (stricter,) = compare(reports, thresholds=Thresholds(at_least=1))
    assert ("t3.carried_forward.total",) in [f.cells for _, f in stricter.findings]


def test_from_zero_threshold() -> None:
    assert Thresholds().swing(0, 101) and not Thresholds().swing(0, 100)
    assert Thresholds(from_zero=50).swing(0, 51)
    assert not Thresholds().swing(None, 500) and not Thresholds().swing(-3, 40)


def test_two_reports_of_one_body_and_year_are_an_error() -> None:
    reports = _load("laocheng_2023.txt", "laocheng_2023_broken_stock.txt")
    with use_language("en"), pytest.raises(CompareError) as en:
        compare(reports)
    assert str(en.value) == (
        "two reports of 洛阳市老城区人民政府 for 2023: laocheng_2023.txt and "
        "laocheng_2023_broken_stock.txt"
    )
    with pytest.raises(CompareError) as zh:
        compare(reports)
    assert str(zh.value) == (
        "洛阳市老城区人民政府 2023 年有两份报告：laocheng_2023.txt 和 laocheng_2023_broken_stock.txt"
    )


def test_pingtan_2021_and_2023_are_not_consecutive() -> None:
    reports = [govreport.load(CORPUS / f"pingtan_{y}_page.html") for y in (2023, 2021)]
    (comparison,) = compare(reports)
    assert comparison.title == "平潭综合实验区 2021–2023"
    assert comparison.gaps == ((0, 1),) and _rules(comparison) == []
    assert _line(comparison, "t3.new.total") == (70, 81, 11, Decimal("0.1571"))
    assert _line(comparison, "t2.fees.amount") == (
        Decimal("24252.311082"),
        Decimal("5949.088667"),
        Decimal("-18303.222415"),
        Decimal("-0.7547"),
    )
    # 本年废止 3 -> 132 is 44 times: a swing
    assert ("t2.normative_documents.repealed",) in [f.cells for _, f in comparison.findings]


def test_seeds_are_five_bodies_so_by_agency_compares_one_year() -> None:
    # the seeds are five different bodies: by year, each is its own group of one
    seeds = [govreport.load(p) for p in sorted(SEEDS.glob("*.txt"))]
    assert len(compare(seeds)) == 5
    of_2024 = [r for r in seeds if r.year == 2024]
    (comparison,) = compare(of_2024, by="agency")
    assert [c.agency for c in comparison.columns] == [r.agency for r in of_2024]
    line = next(line for line in comparison.lines if line.key == "t3.new.total")
    assert line.changes == tuple(v - line.values[0] for v in line.values[1:])  # type: ignore[operator]
    with use_language("en"), pytest.raises(CompareError, match="one year"):
        compare(seeds, by="agency")
    with pytest.raises(CompareError, match="只比较同一年"):
        compare(seeds, by="agency")


def test_cli_table_json_html_and_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    files = [str(YEARS / "laocheng_2022.txt"), str(YEARS / "laocheng_2023_broken_carry_over.txt")]
    html, xlsx = tmp_path / "c.html", tmp_path / "c.xlsx"
    assert main(["compare", *files, "--changed", "--html", str(html), "--xlsx", str(xlsx)]) == 0
    out = capsys.readouterr().out
    assert "t3.carried_over.total" in out and "t3.granted.research" not in out  # --changed
    assert "2023: X1 warning: 表三「总计」列：本年上年结转为 6" in out
    page = lxml.html.fromstring(html.read_text(encoding="utf-8"))
    cell = page.get_element_by_id("c0-1-t3.carried_over.total")  # the 2023 value
    assert cell.get("class") == "value flagged warning" and cell.text == "6"
    assert page.xpath('//li[@id="c0-f1"]//a/@href') == ["#c0-1-t3.carried_over.total"]
    book = openpyxl.load_workbook(xlsx)
    sheet = book.worksheets[0]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    total = rows["t3.carried_over.total"]
    assert [c.value for c in total[3:7]] == [0, 6, 6, None]
    assert total[4].fill.fgColor.rgb == "FFFDE9B6"  # the 2023 value, a warning
    assert book.sheetnames[-1] == "发现" and book["发现"].max_row == 4  # 2 X1 + 1 C1
    assert main(["compare", *files, "--json"]) == 0
    (data,) = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in data["findings"]] == ["X1", "X1", "C1"]


def test_cli_refuses_same_year_with_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(YEARS / "laocheng_2023.txt"), str(YEARS / "laocheng_2023_broken_stock.txt")]
    assert main(["compare", *files]) == 2
    assert "洛阳市老城区人民政府 2023 年有两份报告" in capsys.readouterr().err
    assert main(["--lang", "en", "compare", *files]) == 2
    assert "two reports of 洛阳市老城区人民政府 for 2023" in capsys.readouterr().err


def test_reports_naming_no_body_are_not_grouped() -> None:
    nameless = [
        attrs.evolve(r, metadata=attrs.evolve(r.metadata, agency="", source=f"{r.year}.txt"))
        for r in _load("laocheng_2022.txt", "laocheng_2023.txt", "laocheng_2023_broken_stock.txt")
    ]
    comparisons = compare(nameless)  # no "two reports of  for 2023" error
    assert [len(c.columns) for c in comparisons] == [1, 1, 1]
    assert all(c.findings == () for c in comparisons)
    (side_by_side,) = compare(nameless[1:], by="agency")
    assert [side_by_side.column_label(i) for i in (0, 1)] == ["2023.txt", "2023.txt"]
