"""Scans made from the corpus PDFs, a PNG of a table page, a PDF whose table 三 is a
picture: read with the values the source documents print, and never a wrong number.

These are the slow tests (each reads real pages with the OCR models), so they read
one whole document (at 200 dpi), two pages at 150 dpi (a TIFF) and single pages. The
whole matrix (every corpus PDF at 150, 200 and 300 dpi) is benchmarks/bench_ocr.py.
"""

from __future__ import annotations

import io

import attrs
import govreport
import pytest
from govreport.document import Document, Paragraph
from govreport.errors import NoTextLayerError
from govreport.messages import use_language
from govreport.model import Report
from govreport.plugins import registry

from govreport_ocr import OcrFormat, scans
from samples import (
    CORPUS_PDFS,
    corpus_scan,
    embedded_table_pdf,
    expected,
    pdf_bytes,
    score,
    table_page_png,
    unruled_scan,
)

HUAIAN, PINGTAN = CORPUS_PDFS


def _with_title(document: Document, stem: str) -> Report:
    """A page image without the report's title, built as the caller who knows which
    report the page comes from would: with its title put first."""
    data = expected(stem)
    title = Paragraph(f"{data['agency']}{data['year']}年政府信息公开工作年度报告")
    return govreport.build(attrs.evolve(document, blocks=(title, *document.blocks)))


def test_a_scan_at_200_dpi_reads_every_printed_cell() -> None:
    report = govreport.load(corpus_scan(HUAIAN, 200))  # found by content: no format named
    result = score(report, HUAIAN)
    assert result.wrong == ()
    assert result.share >= 0.98, result.blank
    assert result.agency and result.year
    assert report.metadata.format == "ocr"
    assert not [f for f in report.findings if f.rule.startswith("R")]


def test_a_scan_whose_tables_have_no_rules_is_read_in_full_never_wrong() -> None:
    """No page holds a ruled table: the document is read again with the detector, and
    its tables found from the alignment of the boxes (without this it was refused as
    having no tables). Fewer values are placed than from ruled tables; none wrongly."""
    report = govreport.load(unruled_scan(HUAIAN, 200))
    result = score(report, HUAIAN)
    assert result.wrong == ()
    assert result.right >= 80, result.blank  # 87 of 186 when measured
    assert result.year
    assert report.metadata.format == "ocr"


def test_a_png_of_one_table_page_reads_the_rows_it_shows() -> None:
    document = govreport.read_document(table_page_png(200))
    report = _with_title(document, HUAIAN)
    cells = expected(HUAIAN)["cells"]
    read = {k: v for k, v in report.cells().items() if v is not None}
    # the page holds the end of table 二 and table 三 down to （四）2
    shown = [
        k for k in cells if k.startswith("t3.") and ".".join(k.split(".")[1:-1]) in _ROWS_ON_PAGE_3
    ]
    assert len(shown) == 7 * len(_ROWS_ON_PAGE_3)
    assert {k: read.get(k) for k in shown} == {k: cells[k] for k in shown}
    wrong = {k: v for k, v in read.items() if k in cells and v != _value(cells[k])}
    assert wrong == {}


_ROWS_ON_PAGE_3 = {
    "new",
    "carried_over",
    "granted",
    "partially_granted",
    *(
        f"withheld.{r}"
        for r in [
            "state_secret",
            "prohibited",
            "three_safeties",
            "third_party",
            "internal",
            "process",
            "enforcement_file",
            "query",
        ]
    ),
    "unavailable.not_held",
    "unavailable.needs_creation",
}


def _value(value: object) -> object:
    from decimal import Decimal

    return Decimal(value) if isinstance(value, str) else value


def test_a_table_pictured_in_a_text_pdf_is_read_where_it_stands() -> None:
    data = embedded_table_pdf()
    with pytest.raises(govreport.NotAReportError):
        govreport.load(data, format="pdf")  # the built-in reader sees no table
    report = govreport.load(data)
    result = score(report, HUAIAN, prefix="t3.")
    assert result.wrong == ()
    assert result.right == result.printed == 7 * 23
    assert result.agency and result.year
    section = report.section(3)
    assert section is not None and report.table3 is not None


def test_a_multi_page_tiff_is_one_document() -> None:
    from PIL import Image

    pages = scans.render_pages(pdf_bytes(HUAIAN), 150, [1, 4])
    frames = [
        Image.fromarray(scans.scan_image(p, scans.settings_for(150, 9), seed=9)) for p in pages
    ]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:], dpi=(150, 150))
    report = govreport.load(out.getvalue())
    assert (report.metadata.agency, report.metadata.year) == ("洪泽区人民政府", 2023)
    cells = expected(HUAIAN)["cells"]
    t4 = {k: v for k, v in cells.items() if k.startswith("t4.")}
    assert {k: report.cells().get(k) for k in t4} == t4


def test_a_poor_scan_gives_blanks_with_findings_never_a_wrong_number() -> None:
    import cv2
    from PIL import Image

    # 100 dpi, blurred, heavy noise, JPEG quality 25: digits a few pixels tall
    page = cv2.GaussianBlur(scans.render_pages(pdf_bytes(HUAIAN), 100, [3])[0], (0, 0), 1.0)
    settings = scans.ScanSettings(dpi=100, angle=0.7, noise=25.0, jpeg_quality=25)
    scanned = scans.scan_image(page, settings, seed=5)
    out = io.BytesIO()
    Image.fromarray(scanned).save(out, "JPEG", quality=25, dpi=(100, 100))
    document = govreport.read_document(out.getvalue())
    report = _with_title(document, HUAIAN)
    cells = expected(HUAIAN)["cells"]
    read = {k: v for k, v in report.cells().items() if v is not None}
    assert {k: v for k, v in read.items() if k in cells and v != _value(cells[k])} == {}
    uncertain = [f for f in report.findings if f.rule == "S-ocr-uncertain"]
    assert uncertain, "a scan this poor must leave some values unread"
    assert all("识别为「" in f.message and "置信度" in f.message for f in uncertain)


def test_without_the_plugin_the_pdf_reader_names_it() -> None:
    with pytest.raises(NoTextLayerError, match="govreport-ocr"):
        govreport.load(corpus_scan(HUAIAN, 200), format="pdf")


def test_a_text_pdf_is_left_to_the_built_in_reader() -> None:
    data = pdf_bytes(HUAIAN)
    assert registry().choose(govreport.Source(data, "r.pdf")).name == "ocr"
    report = govreport.load(data)
    assert report.metadata.format == "pdf"
    assert report.cells() == govreport.load(data, format="pdf").cells()


def test_a_text_pdf_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a text PDF without pictures was opened a second time")

    # the built-in reader parses with pdfium's C API; the plugin's page images and its
    # former search for pictures open a PdfDocument
    monkeypatch.setattr(pypdfium2.PdfDocument, "__init__", refuse)
    report = govreport.load(pdf_bytes(HUAIAN))
    assert report.metadata.format == "pdf"


def test_junk_that_looks_like_an_image_is_a_parse_error() -> None:
    junk = govreport.Source(b"\x89PNG\r\n\x1a\n" + bytes(200), "x.png")
    with use_language("en"), pytest.raises(govreport.ParseError, match="not a readable image"):
        OcrFormat().read(junk)
    with use_language("zh"), pytest.raises(govreport.ParseError) as caught:
        OcrFormat().read(junk)
    assert str(caught.value).startswith("不是可读取的图像：cannot identify image file")
    assert str(caught.value).endswith("（x.png）")


class _Doctored:
    """The packaged engine, except that it reads every 5 as a 6, surely (a wrong value
    no confidence can catch), and every 1 with a rival 7 at 0.15 (kept, less sure)."""

    def __init__(self) -> None:
        from govreport_ocr.engine import default_engine

        self.engine = default_engine()

    def detect_and_recognise(self, image: object) -> list[object]:
        return self.engine.detect_and_recognise(image)  # type: ignore[arg-type, return-value]

    def recognise(self, crops: object) -> list[tuple[str, float]]:
        return self.engine.recognise(crops)  # type: ignore[arg-type]

    def recognise_readings(self, crops: object) -> list[object]:
        from govreport_ocr.engine import Reading

        doctored = {"5": Reading("6", 0.99), "1": Reading("1", 0.7, (("7", 0.15),))}
        return [doctored.get(r.text, r) for r in self.engine.recognise_readings(crops)]  # type: ignore[arg-type]


def test_an_equation_broken_in_a_scan_names_its_least_sure_cells_first() -> None:
    from govreport_ocr.images import image_pages
    from govreport_ocr.reader import OcrOptions, read_pages

    # table 四 of the Huai'an report prints 10, 1, 0, 0 and a total of 0 for 行政复议
    # and 5, 0, 0, 0, 0 for 复议后起诉: two R4 errors of the source itself
    png = scans.page_png(pdf_bytes(HUAIAN), 4, scans.settings_for(150, seed=4), seed=4)
    pages = image_pages(png, "p4.png", max_pages=1)
    document = read_pages(pages, OcrOptions(engine=_Doctored()))  # type: ignore[arg-type]
    report = _with_title(document, HUAIAN)
    assert report.cells()["t4.litigation_after_review.upheld"] == 6  # printed 5
    r4 = [f.message for f in govreport.validate(report) if f.rule == "R4"]
    least = "识别最没有把握的单元格（请先核对）："
    assert (
        r4
        == [
            "表四「行政复议」：总计为 0，维持、纠正、其他、尚未审结之和为 11。"
            + least
            + "表四「行政复议」行「结果纠正」列（置信度 0.85）；"
            "表四「行政复议」行「总计」列（置信度 1.00）；"
            "表四「行政复议」行「结果维持」列（置信度 1.00）。",
            "表四「行政诉讼 复议后起诉」：总计为 0，维持、纠正、其他、尚未审结之和为 6。"
            + least
            # the 6 read surely for a printed 5 is as sure as the rest: confidence cannot
            # point at a confident misreading, only the equation does
            + "表四「行政诉讼 复议后起诉」行「总计」列（置信度 1.00）；"
            "表四「行政诉讼 复议后起诉」行「结果维持」列（置信度 1.00）；"
            "表四「行政诉讼 复议后起诉」行「结果纠正」列（置信度 1.00）。",
        ]
    )
