"""The validation page: it parses, marks exactly the cells findings name, and links both ways."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import attrs
import lxml.html
import pytest

import govreport
from expected import CORPUS, SEEDS
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
        # where the cells stand: the table's labels first, then the source lines
        assert re.search(r"位置: 表[二三四]「[^」]+」\S*，第 [\d、]+ 行", item.text_content())
    for td in page.xpath("//td[contains(@class, 'flagged')]"):
        assert all(a.get("href")[1:] in ids for a in td.xpath(".//a"))
        assert re.search(r"第 \d+ 行", td.get("title"))


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


# --- what a person sees: the page in a real browser -------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# CI installs Chromium (.ci/run) and sets this, so that there the test never skips.
BROWSER_REQUIRED = os.environ.get("GOVREPORT_REQUIRE_BROWSER") == "1"


def _chromium(*args: str) -> None:
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args],
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.mark.skipif(
    CHROMIUM is None and not BROWSER_REQUIRED, reason="chromium is not installed here"
)
def test_the_page_in_a_browser_shows_evidence_legend_and_summary(tmp_path: Path) -> None:
    from PIL import Image

    broken = tmp_path / "broken_003.txt"  # table 四's 行政复议 总计 printed 25, parts add to 24
    text = SEED_003.read_text(encoding="utf-8")
    broken.write_text(text.replace("8\t4\t12\t0\t24", "8\t4\t12\t0\t25"), encoding="utf-8")
    page = tmp_path / "page.html"
    sources = [str(CORPUS / "huaian_hongzequ_gov_2023.pdf"), str(broken)]
    sources.append(str(CORPUS / "pingtan_gov_2023_page.txt"))
    assert main(["validate", "--html", str(page), *sources]) == 1

    # the text a reader sees, from the page as the browser prints it
    printed = tmp_path / "page.pdf"
    _chromium(f"--print-to-pdf={printed}", "--no-pdf-header-footer", page.as_uri())
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(printed))
    seen = "".join(p.get_textpage().get_text_range() for p in pdf)
    pdf.close()
    seen = "".join(seen.split())
    for words in (
        "洪泽区人民政府",  # the summary table and the report's heading
        "老城区人民政府",
        "平潭综合实验区",
        "图例",  # the legend, with the three states of a cell
        "印为空白",
        "未读取：无法确定数字，相关等式未核对",
        "表四「行政复议」：总计为0，维持、纠正、其他、尚未审结之和为11。",
        "位置:表四「行政复议」栏，第4页",  # labels first, page second; no table counters
        "原文第4页的表格区域，标出的单元格即本项所指",  # the PDF evidence's caption
        "位置:表四「行政复议」栏，第70行",  # the text seed: source lines
        "8⇥4⇥12⇥0⇥25",  # ... and the line itself
    ):
        assert words in seen, words
    assert "/html/" not in seen and "table 3, row" not in seen

    # the screenshot: the evidence image with its red outlines, and the marked cells
    shot = tmp_path / "shot.png"
    _chromium(f"--screenshot={shot}", "--window-size=1280,2400", page.as_uri())
    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height) or []
    outline = sum(n for n, (r, g, b) in colours if r > 170 and g < 50 and b < 50)
    error_cells = sum(n for n, colour in colours if colour == (248, 196, 196))  # td.flagged.error
    print(f"outline pixels {outline}, error-cell pixels {error_cells}")
    assert outline > 2000, outline  # the outlined cells of the two R4 images, the legend
    assert error_cells > 200, error_cells
    assert image.size == (1280, 2400)


def test_the_page_shows_the_three_states_of_a_cell() -> None:
    crawled = govreport.load(CORPUS / "pingtan_gov_2023_page.txt")
    page = lxml.html.fromstring(render_report_html(crawled, govreport.validate(crawled)))
    unread = page.xpath("//td[contains(concat(' ', @class, ' '), ' unread ')][@data-cell]")
    assert {td.get("data-cell") for td in unread} == set(crawled.unread_cells())
    assert all(td.text == "未读取" for td in unread)
    assert len(unread) == 38
    shanghai = govreport.load(CORPUS / "shanghai_gov_office_2019_fragment.html")
    page = lxml.html.fromstring(render_report_html(shanghai, []))
    blank = page.xpath("//td[contains(concat(' ', @class, ' '), ' blank ')]")
    assert len(blank) == 135  # the 总计 column and the zeros printed empty
    assert page.xpath("//td[@data-cell='t3.granted.total']")[0].get("class") == "value blank"
    # a template row the source lacks is shown, not read, without a cell ID
    report = govreport.load(SEED_003)
    assert report.table3 is not None
    lost = attrs.evolve(
        report,
        table3=attrs.evolve(
            report.table3, cells=tuple(c for c in report.table3 if "granted." not in c.id)
        ),
    )
    page = lxml.html.fromstring(render_report_html(lost, []))
    absent = page.xpath("//td[contains(@class, 'absent') and contains(@class, 'unread')]")
    # the rows （一） and （二）: "granted." is in both IDs
    assert len(absent) == 14 and all(td.text == "未读取" for td in absent)
