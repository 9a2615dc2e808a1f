"""The PDF format: real exported reports, PDFs drawn by tests/pdf_factory.py, broken files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import govreport
from expected import CORPUS, as_value, load_expected
from govreport.document import Table
from govreport.errors import EncryptedDocumentError, NoTextLayerError, ParseError
from govreport.formats.pdf import PdfFormat, read_pdf
from govreport.formats.pdf.glyphs import Glyph, dedupe, is_unmapped, line_text
from govreport.formats.pdf.page import is_page_number
from govreport.formats.pdf.reader import RawDocument, RawPage
from govreport.formats.pdf.ruled import Fragment, GridCell, join
from pdf_factory import Style, encrypted_pdf, report_pdf, scanned_pdf

PDFS = ("huaian_hongzequ_gov_2023", "pingtan_2021_page_libreoffice")
SEED = json.loads((Path(__file__).parent / "data" / "pdf" / "seed_003.json").read_text("utf-8"))


def _cells_of(report: govreport.Report) -> dict[str, Any]:
    return dict(report.cells())


def _assert_expected(report: govreport.Report, expected: dict[str, Any]) -> None:
    got = _cells_of(report)
    wrong = {
        cell: (got.get(cell), value)
        for cell, value in expected["cells"].items()
        if got.get(cell) != as_value(value)
    }
    assert wrong == {}
    assert report.metadata.agency == expected["agency"]
    assert report.metadata.year == expected["year"]
    assert report.metadata.template == expected["template"]


@pytest.mark.parametrize("name", PDFS)
def test_real_pdf_gives_every_expected_cell(name: str) -> None:
    expected = load_expected(CORPUS / "expected" / f"{name}.json")
    report = govreport.load(CORPUS / f"{name}.pdf")
    _assert_expected(report, expected)
    assert report.metadata.format == "pdf"


def test_hongze_reports_the_printed_r4_violation_without_correcting_it() -> None:
    report = govreport.load(CORPUS / "huaian_hongzequ_gov_2023.pdf")
    cells = _cells_of(report)
    assert (cells["t4.review.upheld"], cells["t4.review.corrected"], cells["t4.review.total"]) == (
        10,
        1,
        0,
    )
    r4 = [f for f in govreport.validate(report) if f.rule == "R4"]
    assert {cell for f in r4 for cell in f.cells} >= {
        "t4.review.total",
        "t4.litigation_after_review.total",
    }
    # the single （六） row of a 2021 report, read as such
    assert cells["t3.other.total"] == 0 and "t3.other.other.total" not in cells


def test_hongze_joins_table_three_across_the_page_break() -> None:
    document = read_pdf((CORPUS / "huaian_hongzequ_gov_2023.pdf").read_bytes())
    table3 = next(
        t for t in document.tables() if "申请人情况" in "".join(c.text for c in t.rows[0])
    )
    pages = {row[0].location.page for row in table3.rows}
    assert pages == {3, 4}
    # the vertical 三、本年度办理结果 label covers the rows on both pages
    row = next(r for r in table3.rows if r[2].text == "3.补正后申请内容仍不明确")
    assert row[0].spanned and row[0].text.replace("\n", "") == "三、本年度办理结果"
    assert row[1].text == "（四）无法提供"
    texts = [b.text for b in document.blocks if not isinstance(b, Table)]
    assert not any(text.replace(" ", "") in ("-3-", "-4-") for text in texts)


def test_pingtan_joins_a_row_label_split_over_the_page_break() -> None:
    document = read_pdf((CORPUS / "pingtan_2021_page_libreoffice.pdf").read_bytes())
    rows = [r for t in document.tables() for r in t.rows]
    petition = [r for r in rows if "信访举报投诉" in r[2].text]
    assert len(petition) == 1
    assert petition[0][2].text.replace("\n", "") == "1.信访举报投诉类申请"
    assert petition[0][1].text.replace("\n", "").replace(" ", "") == "（五）不予处理"
    assert document.title is not None and "平潭综合实验区2021年度" in document.title


@pytest.mark.parametrize(
    "style",
    [
        Style(t3_break_after=17, split_group_at=3, running_header="老城区人民政府"),
        Style(ruled=False),
        Style(label_width=90.0, t3_break_after=10),
        Style(vertical_outcome_label=True, t3_break_after=12),
    ],
    ids=["page-break", "unruled", "wrapped-labels", "vertical-font"],
)
def test_drawn_report_reads_back_every_seed_value(style: Style) -> None:
    report = govreport.load(report_pdf(SEED, style), format="pdf")
    _assert_expected(report, SEED)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_group_label_cut_by_the_page_break_is_joined() -> None:
    # （四）无法提供 spans rows 13-15 of table 三's body; the break falls after row 13
    data = report_pdf(SEED, Style(t3_break_after=13, split_group_at=4))
    document = read_pdf(data)
    rows = [r for t in document.tables() for r in t.rows]
    unclear = next(r for r in rows if "补正后申请内容仍不明确" in r[1].text)
    assert unclear[0].text == "（四）无\n法提供" and unclear[0].spanned
    _assert_expected(govreport.load(data, format="pdf"), SEED)


def test_scan_without_text_layer_says_it_needs_ocr() -> None:
    with pytest.raises(NoTextLayerError, match="OCR"):
        govreport.load(scanned_pdf(), format="pdf")


def test_encrypted_pdf_is_refused_with_its_own_error() -> None:
    with pytest.raises(EncryptedDocumentError, match="password"):
        govreport.load(encrypted_pdf(), format="pdf")


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_truncated_pdf_gives_parse_error(keep: float) -> None:
    data = (CORPUS / "huaian_hongzequ_gov_2023.pdf").read_bytes()
    cut = data[: int(len(data) * keep)]
    with pytest.raises((ParseError, govreport.NotAReportError)):
        govreport.load(cut, format="pdf")


def test_garbage_with_pdf_header_gives_parse_error() -> None:
    with pytest.raises(ParseError):
        govreport.load(b"%PDF-1.7\n" + bytes(range(256)) * 8, format="pdf")


def test_sniff_accepts_pdf_header_only() -> None:
    plugin = PdfFormat()
    assert plugin.sniff(b"%PDF-1.4\n...")
    assert not plugin.sniff(b"plain text, no header")


def _page(glyphs: tuple[Glyph, ...], unmapped: int) -> RawPage:
    return RawPage(1, 595.0, 842.0, glyphs, (), 0, unmapped)


def test_unmapped_glyphs_give_a_note_and_no_number() -> None:
    from govreport.formats.pdf.assemble import _check_text

    glyphs = tuple(
        Glyph(t, 10.0 * i, 100.0, 10.0 * i + 9, 110.0, 10.0) for i, t in enumerate("本年新收\ufffd")
    )
    notes = _check_text(RawDocument((_page(glyphs, 1),), None), "x.pdf")
    assert [n.code for n in notes] == ["pdf-unmapped-glyphs"]
    assert is_unmapped("(cid:123)") and not is_unmapped("(cid:x)")
    mostly_garbage = RawDocument((_page(glyphs[:1], 3),), None)
    with pytest.raises(NoTextLayerError, match="cid"):
        _check_text(mostly_garbage, None)


def test_fake_bold_duplicates_are_dropped_and_cjk_spaces_removed() -> None:
    glyphs = [
        Glyph("总", 0.0, 0.0, 10.0, 10.0, 10.0),
        Glyph("总", 0.4, 0.3, 10.4, 10.3, 10.0),  # printed again, shifted: fake bold
        Glyph("计", 14.0, 0.0, 24.0, 10.0, 10.0),  # a stray gap inside the word
        Glyph("2", 40.0, 0.0, 45.0, 10.0, 10.0),
        Glyph("1", 45.0, 0.0, 50.0, 10.0, 10.0),
    ]
    kept = dedupe(glyphs)
    assert len(kept) == 4
    assert line_text(kept) == "总计21"


@pytest.mark.parametrize("text", ["- 4 -", "— 4 —", "-3-", "第 2 页", "2/5", "12"])
def test_page_numbers_are_recognised(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2023年", "一、总体情况", "21 件"])
def test_text_is_not_a_page_number(text: str) -> None:
    assert not is_page_number(text)


def test_join_keeps_rows_that_start_a_numbered_label() -> None:
    upper = Fragment(
        (
            GridCell("（四）无法提供", 0, 2, 0.0, 50.0),
            GridCell("1.本机关不掌握", 0, 1, 50.0, 100.0),
            GridCell("10", 0, 1, 100.0, 120.0),
            GridCell("2.没有现成信息", 1, 2, 50.0, 100.0),
            GridCell("3", 1, 2, 100.0, 120.0),
        ),
        2,
        0.0,
        120.0,
        0.0,
        40.0,
        (1, 1),
    )
    lower = Fragment(
        (
            GridCell("", 0, 1, 0.0, 50.0),
            GridCell("3.补正后申请内容仍不明确", 0, 1, 50.0, 100.0),
            GridCell("0", 0, 1, 100.0, 120.0),
        ),
        1,
        0.0,
        120.0,
        0.0,
        20.0,
        (2,),
    )
    joined = join(upper, lower)
    assert joined.rows == 3 and joined.row_pages == (1, 1, 2)
    group = next(c for c in joined.cells if c.text == "（四）无法提供")
    assert (group.row, group.row_end) == (0, 3)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_large_picture_on_a_text_page_is_noted_where_it_stands(engine: str) -> None:
    import io

    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("STSong-Light", 12)
    page.drawString(72, 800, "某县人民政府2023年政府信息公开工作年度报告")
    page.drawString(72, 770, "一、总体情况")
    page.drawString(72, 740, "三、收到和处理政府信息公开申请情况")
    # a table pasted as a picture (top 100 pt below the page's top), then a logo
    page.drawImage(ImageReader(Image.new("L", (400, 300), 230)), 72, 442, 400, 300)
    page.drawImage(ImageReader(Image.new("L", (40, 40), 0)), 500, 60, 40, 40)
    page.drawString(72, 400, "四、政府信息公开行政复议、行政诉讼情况")
    page.showPage()
    page.save()
    document = read_pdf(buffer.getvalue(), engine=engine)
    [note] = document.notes
    assert note.code == "pdf-picture"
    assert "第1页有一幅大图片（占页面 24%）" in note.message and "govreport-ocr" in note.message
    # the third paragraph stands above the picture: what it holds is read after it
    assert (note.location.page, note.location.line) == (1, 3)
    assert note.location.box == pytest.approx((72.0, 100.0, 472.0, 400.0), abs=0.5)
