"""The validation page: it parses, marks exactly the cells findings name, and links both ways."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

import govreport
from expected import SEEDS
from govreport.batch import BatchOptions, load_many
from govreport.cli import main
from govreport.report_html import render_page, render_report_html
from strategies import inject, plain_report

SEED_003 = SEEDS / "003_bb716c0dab2a4345.txt"


def _flagged(page: lxml.html.HtmlElement, section: str = "") -> set[str]:
    return {
        td.get("data-cell")
        for td in page.xpath(f"{section}//td[contains(concat(' ', @class, ' '), ' flagged ')]")
    }


def _broken_report() -> tuple[govreport.Report, list[govreport.Finding]]:
    # read back from text, so that cells stand somewhere in a source
    report = govreport.load(govreport.dumps(plain_report(), "text"))
    report = inject(inject(report, "t4.review.total", 2), "t3.new.commercial", 1)
    return report, govreport.validate(report)


def _broken_file(folder: Path) -> Path:
    path = folder / "broken.txt"
    path.write_bytes(govreport.dumps(_broken_report()[0], "text"))
    return path


def _broken_file(folder: Path) -> Path:
    path = folder / "broken.txt"
    path.write_bytes(govreport.dumps(_broken_report()[0], "text"))
    return path


def test_page_marks_exactly_the_cells_the_findings_name() -> None:
    report, findings = _broken_report()
    assert {f.rule for f in findings} >= {"R1", "R2", "R4"}
    page = lxml.html.fromstring(render_report_html(report, findings))
    named = {cell for f in findings for cell in f.cells}
    assert _flagged(page) == named
    # every printed cell is on the page once, flagged or not
    cells = [td.get("data-cell") for td in page.xpath("//td[@data-cell]")]
    assert sorted(cells) == sorted(report.cells())
    assert page.xpath("//td[@data-cell='t4.review.total']")[0].text == "2"


def test_findings_and_cells_link_to_each_other() -> None:
    report, findings = _broken_report()
    page = lxml.html.fromstring(render_report_html(report, findings))
    ids = set(page.xpath("//@id"))
    items = page.xpath("//li[contains(@class, 'finding')]")
    assert len(items) == len(findings)
    for item, finding in zip(items, findings, strict=True):
        targets = [a.get("href")[1:] for a in item.xpath(".//a")]
        assert targets and all(t in ids for t in targets)
        assert {page.get_element_by_id(t).get("data-cell") for t in targets} == set(finding.cells)
        # where the cells stand in the source
        assert "line " in item.text_content()
    for td in page.xpath("//td[contains(@class, 'flagged')]"):
        assert all(a.get("href")[1:] in ids for a in td.xpath(".//a"))
        assert "line " in td.get("title")


def test_severity_decides_the_mark() -> None:
    report, findings = _broken_report()
    page = lxml.html.fromstring(render_report_html(report, findings))
    td = page.xpath("//td[@data-cell='t4.review.total']")[0]
    assert td.get("class").split() == ["value", "flagged", "error"]


def test_a_clean_report_has_nothing_marked() -> None:
    report = govreport.load(SEED_003)
    page = lxml.html.fromstring(render_report_html(report, []))
    assert _flagged(page) == set()
    assert len(page.xpath("//td[@data-cell]")) == 200


def test_batch_page_has_a_section_per_report_and_lists_refusals(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    sources = [_broken_file(tmp_path), empty, SEED_003]
    results = list(load_many(sources, options=BatchOptions(workers=0)))
    page = lxml.html.fromstring(render_page(results))
    sections = page.xpath("//section[@class='report']")
    assert [s.get("id") for s in sections] == ["r0", "r2"]
    named = {c for f in results[0].findings for c in f.cells}
    assert "t4.review.total" in named
    assert _flagged(page, "//section[@id='r0']") == named
    assert _flagged(page, "//section[@id='r2']") == set()
    refused = page.xpath("//section[@class='refused']")
    assert len(refused) == 1 and "ParseError" in refused[0].text_content()
    assert "共 3 份" in page.xpath("//p[@class='summary']")[0].text


def test_validate_html_option_writes_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "page.html"
    broken = _broken_file(tmp_path)
    status = main(["validate", "--html", str(out), str(broken), str(SEED_003)])
    capsys.readouterr()
    assert status == 1  # error findings, as without --html
    page = lxml.html.parse(str(out)).getroot()
    assert len(page.xpath("//section[@class='report']")) == 2
    report = govreport.load(broken)
    named = {c for f in govreport.validate(report) for c in f.cells}
    assert named and _flagged(page, "//section[@id='r0']") == named
    assert _flagged(page, "//section[@id='r1']") == set()
