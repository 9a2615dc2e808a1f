"""Each hostile input of issue 13, built here, ends within seconds in a report or in
govreport's own error; attacks wrapped around a real report keep its cells and agency.

The time bounds are generous CI bounds (a hang is what they catch);
benchmarks/bench_hostile.py measures the real times and peak memory."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hostile_inputs import (
    REAL_HTML,
    REAL_MARKDOWN,
    deflate_bomb_pdf,
    dense_page_pdf,
    docx_gridspan_bomb,
    docx_paragraphs,
    encrypted_bomb_pdf,
    filtered_bomb_pdf,
    html_all_text_row,
    html_paragraphs,
    html_with_markup_in_metadata,
    html_with_unusual_doctype,
    html_with_void_elements,
    many_pages_pdf,
    markdown_runs,
    named,
    reference_loop_pdf,
)

import govreport
from expected import CORPUS, load_expected
from govreport.messages import use_language

#: Seconds any hostile input may take in CI (each takes well under 5 s on a quiet machine).
BOUND = 10.0


@contextmanager
def bounded() -> Iterator[None]:
    started = time.monotonic()
    yield
    assert time.monotonic() - started < BOUND


def agency_and_cells(document: Path) -> tuple[object, dict[str, object]]:
    """The real report's agency (as expected) and cells (as read without the attack)."""
    expected = load_expected(CORPUS / "expected" / (document.stem + ".json"))
    return expected["agency"], dict(govreport.load(document).cells())


# --- PDF ------------------------------------------------------------------------------------


@pytest.fixture(params=["pdfium", "pdfplumber"])
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each PDF test runs on both engines (the budgets are kept by each)."""
    name: str = request.param
    monkeypatch.setenv("GOVREPORT_PDF_ENGINE", name)
    return name


def test_an_object_that_refers_to_itself_is_not_a_hang(engine: str) -> None:
    data = reference_loop_pdf()
    assert len(data) < 600
    # pdfminer would follow the reference forever, and is stopped at the first repeat;
    # pdfium would resolve it to nothing, and its engine finds the loop first, so that
    # both engines refuse the damaged file alike
    with bounded(), pytest.raises(govreport.ParseError, match="引用了自身"):
        govreport.load(named(data, "loop.pdf"))
    with (
        bounded(),
        use_language("en"),
        pytest.raises(govreport.ParseError, match="reference to itself"),
    ):
        govreport.load(named(data, "loop.pdf"))


@pytest.mark.parametrize(
    ("build", "limit"),
    [
        (deflate_bomb_pdf, "stream_bytes"),
        (encrypted_bomb_pdf, "stream_bytes"),
        (lambda: filtered_bomb_pdf("indirect"), "stream_bytes"),
        (lambda: filtered_bomb_pdf("hex"), "stream_bytes"),
        (lambda: filtered_bomb_pdf("lzw"), "stream_bytes"),
        (lambda: many_pages_pdf(2000), "pages"),
        (lambda: dense_page_pdf(200_000), "glyphs_per_page"),
    ],
    ids=[
        "1-GiB-deflate-stream",
        "encrypted-1-GiB-deflate-stream",
        "filter-by-reference",
        "hex-then-deflate",
        "1-GiB-LZW-stream",
        "2000-pages",
        "200k-glyphs-on-a-page",
    ],
)
def test_runaway_pdfs_stop_at_their_budget(
    build: Callable[[], bytes], limit: str, engine: str
) -> None:
    data = build()
    with bounded(), pytest.raises(govreport.LimitExceededError) as caught:
        govreport.load(named(data, "runaway.pdf"))
    assert caught.value.limit == limit
    assert f"Limits({limit}=" in str(caught.value)  # says how to raise it


def test_a_raised_limit_reads_what_the_default_refuses(engine: str) -> None:
    data = many_pages_pdf(3)
    tight = govreport.BuildOptions(limits=govreport.Limits(pages=2))
    with pytest.raises(govreport.LimitExceededError, match="上限 pages=2"):
        govreport.load(named(data, "three.pdf"), options=tight)
    # within the limit it is read (and is simply not a report)
    with pytest.raises(govreport.NotAReportError):
        govreport.load(named(data, "three.pdf"), options=govreport.BuildOptions())


def test_the_time_budget_stops_a_real_pdf(engine: str) -> None:
    path = CORPUS / "pingtan_2021_page_libreoffice.pdf"
    options = govreport.BuildOptions(limits=govreport.Limits(seconds=0.0))
    with pytest.raises(govreport.LimitExceededError) as caught:
        govreport.load(path, options=options)
    assert caught.value.limit == "seconds"


def test_a_limit_error_survives_pickling() -> None:
    import pickle

    error = govreport.LimitExceededError("x", limit="pages", where="a.pdf")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.limit, copy.where) == (
        govreport.LimitExceededError,
        "x（a.pdf）",
        "pages",
        "a.pdf",
    )


# --- HTML -----------------------------------------------------------------------------------


def test_forty_thousand_paragraphs_of_html() -> None:
    with bounded():
        document = govreport.read_document(named(html_paragraphs(40_000), "long.html"))
    assert len(document.blocks) == 1 + 40_000  # the title, then every paragraph
    assert document.blocks[-1].location.xpath == "/html/body/p[40000]"


@pytest.mark.parametrize(
    "build",
    [html_with_void_elements, html_with_unusual_doctype],
    ids=["embed-source-track", "unusual-doctype"],
)
def test_attacks_around_a_real_page_keep_its_cells_and_agency(build: Callable[[], bytes]) -> None:
    agency, cells = agency_and_cells(REAL_HTML)
    report = govreport.load(named(build(), "page.html"))
    assert report.metadata.format == "html"
    assert report.agency == agency
    assert report.cells() == cells


def test_an_unusual_doctype_is_sniffed_as_html_without_a_name() -> None:
    report = govreport.load(html_with_unusual_doctype())
    assert report.metadata.format == "html"


def test_content_after_an_unknown_void_element_is_not_swallowed() -> None:
    document = govreport.read_document(
        b"<html><body><p>a<embed src=x>b</p><table><tr><td><source src=y>12</td>"
        b"<td>x<track src=z><wbr>y</td></tr></table><p>c</p></body></html>",
        format="html",
    )
    paragraphs = [b.text for b in document.blocks if isinstance(b, govreport.document.Paragraph)]
    assert paragraphs == ["ab", "c"]
    (table,) = document.tables()
    assert table.texts() == [["12", "xy"]]


def test_markup_never_reaches_the_metadata() -> None:
    report = govreport.load(named(html_with_markup_in_metadata(), "page.html"))
    assert report.metadata.title == "平潭综合实验区2023年度政府信息公开工作年度报告"
    assert report.agency == agency_and_cells(REAL_HTML)[0]


def test_a_row_of_words_where_numbers_belong_gives_a_finding() -> None:
    report = govreport.load(named(html_all_text_row(), "row.html"))
    ids = (
        "t2.normative_documents.issued",
        "t2.normative_documents.repealed",
        "t2.normative_documents.in_force",
    )
    assert all(report.cells()[cell] is None for cell in ids)
    assert any(f.rule == "S3" and set(ids) <= set(f.cells) for f in report.findings)


# --- Markdown -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["[", "{#"])
def test_half_a_megabyte_of_brackets_around_a_real_report(kind: str) -> None:
    agency, cells = agency_and_cells(REAL_MARKDOWN)
    with bounded():
        report = govreport.load(named(markdown_runs(kind), "report.md"))
    assert report.agency == agency
    assert report.cells() == cells


# --- Word -----------------------------------------------------------------------------------


def test_a_gridspan_bomb_is_capped() -> None:
    with bounded():
        document = govreport.read_document(named(docx_gridspan_bomb(), "span.docx"))
    (table,) = document.tables()
    assert [len(row) for row in table.rows] == [2000, 2000, 2000]  # two cells of 1,000
    assert table.rows[1][1000].spanned and table.rows[1][1000].text == "1"  # vMerge


def test_forty_thousand_paragraphs_of_word() -> None:
    with bounded():
        document = govreport.read_document(named(docx_paragraphs(40_000), "long.docx"))
    assert len(document.blocks) == 40_000
    assert document.blocks[-1].location.xpath == "/w:document/w:body/w:p[40000]"


def test_a_declared_title_the_body_does_not_show_loses_its_markup() -> None:
    page = (
        '<html><head><meta name="ArticleTitle" content="&lt;b&gt;老城区人民政府'
        '2023年政府信息公开工作年度报告&lt;/b&gt;"><title>&lt;i&gt;老城区&lt;/i&gt;</title>'
        "</head><body><p>正文</p></body></html>"
    )
    document = govreport.read_document(page.encode("utf-8"), format="html")
    assert document.title == "老城区人民政府2023年政府信息公开工作年度报告"
    assert document.blocks[0].text == document.title  # type: ignore[union-attr]
