"""Writing .docx in the official layout, and reading it back."""

from __future__ import annotations

from pathlib import Path

import attrs
import govreport
from govreport.source import Source

from govreport_docx import DocxFormat
from govreport_docx.writer import CORNER_NOTE

DATA = Path(__file__).parent / "data"
PINGTAN = DATA / "pingtan_2023_page_libreoffice.docx"


def test_a_real_report_survives_writing_and_reading() -> None:
    report = govreport.load(PINGTAN)
    written = DocxFormat().write(report)
    again = govreport.load(written)  # by content: no file name
    assert again.cells() == report.cells()
    assert (again.agency, again.year, again.template) == (
        report.agency,
        report.year,
        report.template,
    )
    assert again.findings == ()


def test_the_tables_have_the_official_merged_headers() -> None:
    written = DocxFormat().write(govreport.load(PINGTAN))
    t2, t3, t4 = list(DocxFormat().read(Source(written, "w.docx")).tables())
    assert [c.text for c in t2.rows[0]] == ["第二十条第（一）项"] * 4
    assert [c.spanned for c in t2.rows[0]] == [False, True, True, True]
    assert [c.text for c in t2.rows[1]] == [
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ]
    assert len(t3.rows[0]) == 10
    assert [c.text for c in t3.rows[0][:4]] == [CORNER_NOTE] * 3 + ["申请人情况"]
    assert [c.spanned for c in t3.rows[2][:4]] == [True, True, True, True]
    assert [c.text for c in t3.rows[2][4:9]] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    withheld = [r for r in t3.rows if r[1].text == "（三）不予公开"]
    assert [r[2].text for r in withheld][:2] == ["1.属于国家秘密", "2.其他法律行政法规禁止公开"]
    assert [r[1].spanned for r in withheld] == [False] + [True] * 7
    assert [c.text for c in t4.rows[1][5:11]] == ["未经复议直接起诉"] * 5 + ["复议后起诉"]
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


def test_blank_cells_are_written_blank_not_zero() -> None:
    report = govreport.load(PINGTAN)
    t4 = report.table4
    assert t4 is not None
    blanked = attrs.evolve(
        t4, cells=tuple(attrs.evolve(c, value=None) if c.id.endswith(".pending") else c for c in t4)
    )
    written = DocxFormat().write(attrs.evolve(report, table4=blanked))
    again = govreport.load(written)
    assert again.cells()["t4.review.pending"] is None
    assert again.cells()["t4.review.upheld"] == 1
    (row,) = [r for r in list(DocxFormat().read(Source(written, "b.docx")).tables())[2].rows[3:]]
    assert [c.text for c in row][3] == "/"  # the blank mark, as every built-in writer prints it
