"""Reading .docx: the real 平潭 2023 report, merged cells counted once, headings by
style, outline level and list numbering, and clear errors for what is not a .docx."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from govreport import EncryptedDocumentError, ParseError, load, read_document
from govreport.document import Heading, Paragraph, Table
from govreport.messages import use_language
from govreport.source import Source

from govreport_docx import DocxFormat, reader
from govreport_docx.convert import ConverterMissingError
from helpers import append_xml, cell, new_document, row, save, table, w_xml

DATA = Path(__file__).parent / "data"
PINGTAN = DATA / "pingtan_2023_page_libreoffice.docx"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200


def expected_cells(path: Path) -> dict[str, object]:
    data = json.loads((DATA / "expected" / (path.stem + ".json")).read_text(encoding="utf-8"))
    return {k: (Decimal(v) if isinstance(v, str) else v) for k, v in data["cells"].items()}


def test_the_pingtan_report_gives_exactly_its_expected_cells() -> None:
    # load() finds the plugin through its entry point, as it would for any user
    report = load(PINGTAN)
    assert report.metadata.format == "docx"
    assert (report.agency, report.year, report.template) == ("平潭综合实验区", 2023, "2021")
    assert report.cells() == expected_cells(PINGTAN)
    assert report.cells()["t2.fees.amount"] == Decimal("5949.088667")
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.findings == ()


def test_the_format_is_found_by_content_without_a_name() -> None:
    assert read_document(PINGTAN.read_bytes()).format == "docx"


def test_merged_cells_appear_once_and_cover_their_positions_as_spanned() -> None:
    document = DocxFormat().read(Source(PINGTAN.read_bytes(), PINGTAN.name))
    t2, t3, t4 = list(document.tables())
    licensing = next(r for r in t2.rows if r[0].text == "行政许可")
    assert [(c.text, c.spanned) for c in licensing] == [
        ("行政许可", False),
        ("2629", False),
        ("2629", True),
        ("2629", True),
    ]
    assert all(t.regular for t in (t2, t3, t4))
    # the corner note spans three columns and three rows: one real position of nine
    corner = [c for r in t3.rows[:3] for c in r[:3]]
    assert sum(not c.spanned for c in corner) == 1 and corner[0].text.startswith("（本列数据")
    # （三）不予公开 is merged down over its eight rows
    withheld = [r[1] for r in t3.rows if r[1].text == "（三）不予公开"]
    assert len(withheld) == 8 and [c.spanned for c in withheld] == [False] + [True] * 7
    assert withheld[0].location.table == 2 and withheld[0].location.column == 2
    assert [c.text for c in t4.rows[3]] == [
        "1",
        "1",
        "0",
        "0",
        "2",
        "4",
        "0",
        "0",
        "1",
        "5",
        "1",
        "0",
        "1",
        "0",
        "2",
    ]


def test_vertical_horizontal_and_legacy_merges() -> None:
    document = new_document()
    append_xml(
        document,
        table(
            row(cell("A", '<w:vMerge w:val="restart"/>'), cell("B", '<w:gridSpan w:val="2"/>')),
            row(cell("", "<w:vMerge/>"), cell("1"), cell("2")),
            row(cell("C", '<w:hMerge w:val="restart"/>'), cell("", "<w:hMerge/>"), cell("3")),
            row(cell("4"), cell("5"), props='<w:gridBefore w:val="1"/>'),
        ),
    )
    grid = next(DocxFormat().read(Source(save(document), "t.docx")).tables())
    assert [[(c.text, c.spanned) for c in r] for r in grid.rows] == [
        [("A", False), ("B", False), ("B", True)],
        [("A", True), ("1", False), ("2", False)],
        [("C", False), ("C", True), ("3", False)],
        [("", False), ("4", False), ("5", False)],
    ]


def test_headings_by_style_outline_level_and_list_numbering() -> None:
    document = new_document()
    document.add_heading("平潭综合实验区2023年政府信息公开工作年度报告", level=0)
    document.add_heading("总体情况", level=2)
    outlined = document.add_paragraph("主动公开政府信息情况")
    outlined._p.get_or_add_pPr().append(w_xml('<w:outlineLvl w:val="0"/>'))
    numbering = document.part.numbering_part.element
    numbering.append(
        w_xml(
            '<w:abstractNum w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(w_xml('<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for text, level in (
        ("收到和处理政府信息公开申请情况", 0),
        ("予以公开", 1),
        ("部分公开", 1),
        ("其他需要报告的事项", 0),
    ):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            w_xml(f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    document.add_paragraph("这是一段正文。")
    blocks = DocxFormat().read(Source(save(document), "h.docx")).blocks
    assert [
        (type(b).__name__, getattr(b, "text", None), getattr(b, "level", None)) for b in blocks
    ] == [
        ("Heading", "平潭综合实验区2023年政府信息公开工作年度报告", 1),
        ("Heading", "总体情况", 2),
        ("Heading", "主动公开政府信息情况", 1),
        ("Heading", "一、收到和处理政府信息公开申请情况", 1),
        ("Paragraph", "（一）予以公开", None),
        ("Paragraph", "（二）部分公开", None),
        ("Heading", "二、其他需要报告的事项", 1),
        ("Paragraph", "这是一段正文。", None),
    ]
    assert blocks[0].location.xpath == "/w:document/w:body/w:p[1]"


def test_text_keeps_insertions_and_drops_deletions_and_fallbacks() -> None:
    document = new_document()
    append_xml(
        document,
        "<w:p><w:r><w:t>本年</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>新收</w:t></w:r></w:ins><w:r><w:tab/><w:t>81</w:t><w:br/><w:t>件</w:t></w:r></w:p>",
    )
    (paragraph,) = DocxFormat().read(Source(save(document), "p.docx")).blocks
    assert isinstance(paragraph, Paragraph) and paragraph.text == "本年新收\t81\n件"


def test_a_layout_table_is_read_as_the_document_it_holds() -> None:
    document = new_document()
    inner = table(row(cell("规章"), cell("0")))
    append_xml(
        document,
        "<w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:r><w:t>二、主动公开政府信息情况</w:t></w:r></w:p>"
        f"{inner}<w:p/></w:tc></w:tr></w:tbl>",
    )
    blocks = DocxFormat().read(Source(save(document), "l.docx")).blocks
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "二、主动公开政府信息情况"
    assert isinstance(blocks[1], Table) and blocks[1].texts() == [["规章", "0"]]


# --- what is not a .docx ------------------------------------------------------------------


def test_an_old_binary_doc_without_libreoffice_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVREPORT_SOFFICE", str(tmp_path / "no-soffice"))
    doc = OLE2 + "WordDocument".encode("utf-16-le") + b"\x00" * 100
    assert DocxFormat().sniff(doc)
    path = tmp_path / "report.doc"
    path.write_bytes(doc)
    with (
        use_language("en"),
        pytest.raises(ConverterMissingError, match=r"'\.doc' files needs LibreOffice"),
    ):
        load(path)
    with use_language("en"), pytest.raises(ConverterMissingError, match="libreoffice-writer"):
        read_document(doc)  # found by content alone


def test_other_ole2_files_are_not_claimed() -> None:
    assert not DocxFormat().sniff(OLE2 + "Workbook".encode("utf-16-le"))


def test_a_password_protected_docx_says_so() -> None:
    encrypted = OLE2 + "EncryptedPackage".encode("utf-16-le")
    with use_language("en"), pytest.raises(EncryptedDocumentError, match="password-protected"):
        DocxFormat().read(Source(encrypted, "secret.docx"))


def _zip(**parts: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name.replace("__", "/"), data)
    return out.getvalue()


def test_an_excel_workbook_is_not_a_word_document() -> None:
    workbook = _zip(xl__workbook_xml=b"<workbook/>")
    workbook = workbook.replace(b"xl/workbook_xml", b"xl/workbook.xml")
    assert not DocxFormat().sniff(workbook)
    with (
        use_language("en"),
        pytest.raises(ParseError, match="this is an Excel workbook, not a Word document"),
    ):
        DocxFormat().read(Source(workbook, "x.docx"))


def test_a_part_that_unpacks_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_PART_BYTES", 1000)
    with (
        use_language("en"),
        pytest.raises(ParseError, match=r"part \S+ unpacks to \d+ bytes, above the limit of 1000"),
    ):
        DocxFormat().read(Source(PINGTAN.read_bytes(), PINGTAN.name))


def test_a_truncated_docx_is_a_parse_error() -> None:
    data = PINGTAN.read_bytes()
    with use_language("en"), pytest.raises(ParseError, match="not a readable zip archive"):
        DocxFormat().read(Source(data[: len(data) // 2], "cut.docx"))


def test_heading_blocks_are_headings() -> None:
    document = DocxFormat().read(Source(PINGTAN.read_bytes(), PINGTAN.name))
    assert any(isinstance(b, Heading) and b.text.startswith("新媒体矩阵") for b in document.blocks)
