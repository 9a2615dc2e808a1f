"""The two PDF engines give the same report: pdfium (the default) and pdfplumber.

For every corpus PDF, every report the PDF writer prints (hypothesis), and every way
the test factory draws a report, both engines give identical cells, sections,
metadata and findings, or the same error. How to choose an engine: docs/formats/pdf.md.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

import govreport
from govreport import BuildOptions, GovReportError, Report
from govreport.formats.pdf import pdfium, read_pdf, reader
from govreport.formats.pdf.assemble import read_raw
from govreport.pdfengine import ENGINE_ENV
from pdf_factory import Style, encrypted_pdf, report_pdf, scanned_pdf
from strategies import examples, reports

CORPUS = Path(__file__).parent / "data" / "corpus"
PDFS = sorted(p.name for p in CORPUS.glob("*.pdf"))
SEED = json.loads((Path(__file__).parent / "data" / "pdf" / "seed_003.json").read_text("utf-8"))
SEED_STYLES = [
    Style(),
    Style(t3_break_after=17, split_group_at=3, running_header="老城区人民政府"),
    Style(ruled=False),
    Style(label_width=90.0, t3_break_after=10),
    Style(vertical_outcome_label=True, t3_break_after=12),
    Style(t3_break_after=13, split_group_at=4),
]


def _outcome(data: bytes, engine: str) -> Report | tuple[str, str]:
    """The report an engine reads, or the error it gives as (type, message)."""
    try:
        return govreport.load(data, format="pdf", options=BuildOptions(pdf_engine=engine))
    except GovReportError as exc:
        return (type(exc).__name__, str(exc))


def assert_same_reading(data: bytes) -> Report | tuple[str, str]:
    by_plumber = _outcome(data, "pdfplumber")
    by_pdfium = _outcome(data, "pdfium")
    if isinstance(by_plumber, Report) and isinstance(by_pdfium, Report):
        assert by_pdfium.cells() == by_plumber.cells()
        assert by_pdfium.findings == by_plumber.findings
    assert by_pdfium == by_plumber
    return by_pdfium


def assert_same_document(data: bytes) -> None:
    """Stricter than the report: every block's text, cell and location."""
    assert read_pdf(data, None, "pdfium") == read_pdf(data, None, "pdfplumber")


@pytest.mark.parametrize("name", PDFS)
def test_corpus_pdf_reads_the_same_with_both_engines(name: str) -> None:
    data = (CORPUS / name).read_bytes()
    report = assert_same_reading(data)
    assert isinstance(report, Report) and len(report.cells()) > 100
    assert_same_document(data)


def test_pdfium_reads_the_corpus_itself_without_handing_over(monkeypatch: Any) -> None:
    # the equality above must not come from pdfium passing every file to pdfplumber
    def refuse(data: bytes, name: str | None = None) -> Any:
        raise AssertionError("pdfplumber was used")

    monkeypatch.setattr(reader, "read_raw", refuse)
    for name in PDFS:
        raw = read_raw((CORPUS / name).read_bytes(), name, "pdfium")
        assert sum(len(p.glyphs) for p in raw.pages) > 1000


@pytest.mark.parametrize("style", SEED_STYLES, ids=repr)
def test_drawn_report_reads_the_same_with_both_engines(style: Style) -> None:
    data = report_pdf(SEED, style)
    assert isinstance(assert_same_reading(data), Report)
    assert_same_document(data)


@settings(max_examples=examples(0.25))
@given(report=reports())
def test_written_pdf_reads_the_same_with_both_engines(report: Report) -> None:
    data = govreport.dumps(report, "pdf")
    assert_same_reading(data)
    assert_same_document(data)


@pytest.mark.parametrize(
    ("make", "error"),
    [(scanned_pdf, "NoTextLayerError"), (encrypted_pdf, "EncryptedDocumentError")],
)
def test_refusals_are_the_same_with_both_engines(make: Any, error: str) -> None:
    outcome = assert_same_reading(make())
    assert isinstance(outcome, tuple) and outcome[0] == error


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_truncated_pdf_gives_a_govreport_error_with_pdfium(keep: float) -> None:
    data = (CORPUS / "huaian_hongzequ_gov_2023.pdf").read_bytes()
    outcome = _outcome(data[: int(len(data) * keep)], "pdfium")
    assert isinstance(outcome, tuple) and outcome[0] in ("ParseError", "NotAReportError")


def test_garbage_with_a_pdf_header_gives_parse_error_with_pdfium() -> None:
    outcome = _outcome(b"%PDF-1.7\n" + bytes(range(256)) * 8, "pdfium")
    assert isinstance(outcome, tuple) and outcome[0] == "ParseError"


def _rotated_page_pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setPageRotation(90)
    page.drawString(72, 720, "rotated page")
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_rotated_page_is_handed_to_pdfplumber() -> None:
    data = _rotated_page_pdf()
    with pytest.raises(pdfium.Unmatched, match="rotated"):
        pdfium.read_raw(data)
    assert read_raw(data, None, "pdfium") == reader.read_raw(data)


def test_the_engine_is_chosen_by_option_then_environment(monkeypatch: Any) -> None:
    used: list[str] = []
    real_pdfium, real_plumber = pdfium.read_raw, reader.read_raw

    def spy(engine: str, real: Any) -> Any:
        def read(data: bytes, name: str | None = None, **keywords: Any) -> Any:
            used.append(engine)
            return real(data, name, **keywords)  # password=, for encrypted PDFs

        return read

    monkeypatch.setattr(pdfium, "read_raw", spy("pdfium", real_pdfium))
    monkeypatch.setattr(reader, "read_raw", spy("pdfplumber", real_plumber))
    data = report_pdf(SEED)
    monkeypatch.delenv(ENGINE_ENV, raising=False)
    govreport.load(data, format="pdf")
    monkeypatch.setenv(ENGINE_ENV, "pdfplumber")
    govreport.load(data, format="pdf")
    govreport.load(data, format="pdf", options=BuildOptions(pdf_engine="pdfium"))
    assert used == ["pdfium", "pdfplumber", "pdfium"]


def test_an_unknown_engine_is_refused_by_name(monkeypatch: Any) -> None:
    with pytest.raises(govreport.UnsupportedFormatError, match="pdfium, pdfplumber"):
        BuildOptions(pdf_engine="mupdf")
    monkeypatch.setenv(ENGINE_ENV, "mupdf")
    with pytest.raises(govreport.UnsupportedFormatError, match="'mupdf'"):
        govreport.load(report_pdf(SEED), format="pdf")


def test_the_engine_example_in_the_pdf_docs_runs(monkeypatch: Any) -> None:
    root = Path(__file__).parent.parent
    doc = (root / "docs" / "formats" / "pdf.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in doc.split("```python\n")[1:]]
    assert blocks
    monkeypatch.chdir(root)
    for block in blocks:
        exec(compile(block, "docs/formats/pdf.md", "exec"), {})
