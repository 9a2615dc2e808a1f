"""Variants of real reports as other bodies publish them: read them right or leave the
cells blank with a finding, never a different number.

Each case starts from a real seed (老城区人民政府 2024, seed 003) and changes what
reports elsewhere change: header wording, column order, padding, label wording,
footnote marks, titles.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

import govreport
from expected import SEEDS, expected_cells
from govreport.document import Cell as DocCell
from govreport.document import Document, Paragraph
from govreport.document import Table as DocTable

SEED = SEEDS / "003_bb716c0dab2a4345.txt"
EXPECTED = expected_cells(SEEDS / "expected" / "003_bb716c0dab2a4345.json")


def _seed() -> str:
    return SEED.read_text(encoding="utf-8")


def _load(text: str) -> govreport.Report:
    return govreport.load(text.encode("utf-8"), format="text")


def _grid(*rows: tuple[str, ...], spanned: tuple[tuple[int, int], ...] = ()) -> DocTable:
    """A regular grid (spans expanded) of cell texts; ``spanned`` lists (row, column)."""
    return DocTable(
        rows=tuple(
            tuple(DocCell(text=t, spanned=(r, c) in spanned) for c, t in enumerate(row))
            for r, row in enumerate(rows)
        ),
        regular=True,
    )


def _report_of(*tables: DocTable) -> govreport.Report:
    title = Paragraph("老城区人民政府2024年政府信息公开工作年度报告")
    return govreport.build(Document(blocks=(title, *tables)))


def _never_wrong(report: govreport.Report) -> dict[str, object]:
    """Every value read equals the printed one; returns the cells left blank."""
    cells = report.cells()
    for cell_id, value in cells.items():
        if value is not None and cell_id in EXPECTED:
            assert value == EXPECTED[cell_id], (
                f"{cell_id}: read {value}, printed {EXPECTED[cell_id]}"
            )
    return {k: v for k, v in cells.items() if v is None}


def test_2020_report_on_the_2021_template_with_other_header_words() -> None:
    text = _seed().replace("2024 年政府信息公开", "2020 年政府信息公开")
    for old, new in (
        ("本年制发件数", "本年新制发文件数"),
        ("本年废止件数", "本年度废止文件数"),
        ("现行有效件数", "现行有效文件数"),
        ("本年处理决定数量", "处理决定数量"),
        ("本年收费金额（单位：万元）", "收费金额"),
    ):
        text = text.replace(old, new)
    report = _load(text)
    assert report.year == 2020
    assert report.template == "2021"  # the rows print one number each, as in 2021
    assert report.cells()["t2.licensing.decisions"] == 12126
    assert "t2.licensing.previous" not in report.cells()


def test_applicant_columns_in_another_order_are_not_read_by_position() -> None:
    text = _seed().replace(
        "\t\t自然人\t法人或其他组织\t\t\t\t\t\t",
        "\t\t法人或其他组织\t\t\t\t\t自然人\t\t",
    )
    report = _load(text)
    assert _never_wrong(report)  # blank, not shifted
    assert report.cells()["t3.new.natural_person"] is None
    finding = next(f for f in report.findings if "t3.new.natural_person" in f.cells)
    assert finding.rule == "S3" and "顺序" in finding.message


def test_stripped_trailing_tabs_with_a_blank_total_are_not_shifted() -> None:
    # Editors strip trailing tabs; a blank 总计 then leaves exactly seven cells after the
    # label, the first of which is the layout padding every row has.
    text = _seed().replace(
        "四、结转下年度继续办理\t\t11\t0\t0\t0\t0\t0\t11\t",
        "四、结转下年度继续办理\t\t11\t0\t0\t0\t0\t0",
    )
    report = _load(text)
    blank = _never_wrong(report)
    assert "t3.carried_forward.commercial" in blank
    assert any(f.rule == "S3" and "t3.carried_forward.total" in f.cells for f in report.findings)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("一、本年新收政府信息公开申请数量", "一、本年度新收政府信息公开申请数量"),
        ("二、上年结转政府信息公开申请数量", "二、上一年度结转政府信息公开申请数量"),
        ("四、结转下年度继续办理", "四、结转下一年度继续办理"),
        ("(七) 总计", "(七) 合计"),
    ],
)
def test_label_wording_variants(old: str, new: str) -> None:
    report = _load(_seed().replace(old, new))
    assert report.cells() == EXPECTED


def test_unknown_row_with_numbers_is_reported() -> None:
    text = _seed().replace("二、上年结转政府信息公开申请数量", "二、另行统计的申请")
    report = _load(text)
    finding = next(f for f in report.findings if f.rule == "S4")
    assert "另行统计的申请" in finding.message and "23" in finding.message
    assert "t3.carried_over.total" not in report.cells()


def test_note_column_after_the_numbers_is_left_out() -> None:
    text = _seed().replace(
        "(七) 总计\t\t557\t0\t0\t0\t0\t0\t557\t", "(七) 总计\t\t557\t0\t0\t0\t0\t0\t557\t含转办件"
    )
    assert _load(text).cells() == EXPECTED


def test_text_between_numbers_makes_the_row_unreadable() -> None:
    text = _seed().replace("(七) 总计\t\t557\t0\t0", "(七) 总计\t\t557\t另\t0")
    report = _load(text)
    _never_wrong(report)
    assert report.cells()["t3.total.total"] is None


def test_table_four_as_three_labelled_rows() -> None:
    lines = _seed().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("行政复议\t"))
    lines[start : start + 4] = [
        "\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
        "行政复议\t8\t4\t12\t0\t24",
        "行政诉讼（未经复议直接起诉）\t0\t0\t0\t0\t0",
        "行政诉讼（复议后起诉）\t2\t0\t1\t1\t4",
    ]
    report = _load("\n".join(lines))
    assert report.cells() == EXPECTED


def test_table_four_row_with_a_label() -> None:
    text = _seed().replace("\n8\t4\t12\t0\t24\t", "\n数量\t8\t4\t12\t0\t24\t")
    assert _load(text).cells() == EXPECTED


def test_table_four_blocks_in_another_order_are_not_read() -> None:
    text = _seed().replace("行政复议\t\t\t\t\t行政诉讼", "行政诉讼\t\t\t\t\t行政复议")
    report = _load(text)
    _never_wrong(report)
    assert report.cells()["t4.review.upheld"] is None


@pytest.mark.parametrize("mark", ["²", "①", "¹"])
def test_footnote_mark_after_a_number_is_not_a_digit(mark: str) -> None:
    text = _seed().replace("行政许可\t12126", f"行政许可\t12126{mark}")
    report = _load(text)
    assert report.cells()["t2.licensing.decisions"] is None
    assert any(f.rule == "S3" and f.cells == ("t2.licensing.decisions",) for f in report.findings)


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("# 老城区人民政府政府信息公开工作年度报告（2024年）", "老城区人民政府", 2024),
        ("# 老城区人民政府关于2024年度政府信息公开工作年度报告的报告", "老城区人民政府", 2024),
        ("# 老城区人民政府2023-2024年度政府信息公开工作年度报告", "老城区人民政府", 2024),
        ("# 老城区人民政府政府信息公开工作年度报告\n\n（2025年1月20日）", "老城区人民政府", 2024),
    ],
)
def test_title_forms(title: str, agency: str, year: int) -> None:
    text = re.sub(r"^# .*$", title, _seed(), count=1, flags=re.M)
    report = _load(text)
    assert (report.agency, report.year) == (agency, year)


def test_fee_stays_decimal() -> None:
    assert _load(_seed()).cells()["t2.fees.amount"] == Decimal("79.6954")


# --- variants found in pages, converters and PDFs made elsewhere --------------------------


def test_html_row_with_a_missing_cell_is_not_read_shifted() -> None:
    html = (SEEDS.parent / "corpus" / "shanghai_gov_office_2019_fragment.html").read_text(
        encoding="utf-8"
    )
    report = govreport.load(html.encode("utf-8"), format="html")
    assert report.cells()["t3.new.total"] == 859
    # a CMS editor deleted one cell of the 本年新收 row: the row must not shift left
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*本年新收(?:(?!</tr>).)*</tr>", html, re.S)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(?:(?!</td>).)*</td>", row.group(0), re.S)
    damaged = row.group(0).replace(cells[3], "", 1)
    report = govreport.load(html.replace(row.group(0), damaged).encode("utf-8"), format="html")
    new = {k: v for k, v in report.cells().items() if k.startswith("t3.new.")}
    assert set(new.values()) == {None}
    assert any(f.rule == "S3" and "t3.new.total" in f.cells for f in report.findings)


@pytest.mark.parametrize(
    ("head", "agency", "year"),
    [
        (
            "发布时间：2025年01月20日 来源：老城区人民政府\n\n# 老城区人民政府政府信息公开工作年度报告",
            "老城区人民政府",
            2024,
        ),
        (
            "# 老城区人民政府办公室关于公布老城区人民政府2024年政府信息公开工作年度报告的通知",
            "老城区人民政府",
            2024,
        ),
        ("# 2024年政府信息公开工作年度报告", "", 2024),
    ],
)
def test_titles_next_to_page_metadata_and_notices(head: str, agency: str, year: int) -> None:
    text = re.sub(r"^# .*$", head, _seed(), count=1, flags=re.M)
    report = govreport.load(text.encode("utf-8"), format="markdown")
    assert (report.agency, report.year) == (agency, year)
    assert report.cells() == EXPECTED
    assert any(f.rule == "S8" for f in report.findings) == (agency == "")


def test_markdown_wrapped_in_html_by_a_converter_stays_markdown(tmp_path: object) -> None:
    import pathlib

    rows = [line for line in _seed().splitlines() if "\t" in line]
    body = "\n".join("| " + " | ".join(c or " " for c in line.split("\t")) + " |" for line in rows)
    md = '<div class="nav">首页 &gt; 政务公开</div>\n\n# 老城区人民政府 2024 年政府信息公开工作年度报告\n\n'
    md += "| a | b |\n|---|---|\n" + body + "\n"
    path = pathlib.Path(str(tmp_path)) / "page.md"
    path.write_text(md, encoding="utf-8")
    assert govreport.load(path).metadata.format == "markdown"


def test_pandoc_bracketed_spans_are_plain_text() -> None:
    from govreport.formats.markdown import inline_text

    assert inline_text('[12126]{style="font-family:仿宋_GB2312"}') == "12126"
    assert inline_text("一、总体情况 {#sec-1 .unnumbered}") == "一、总体情况"


def test_group_and_row_label_merged_into_one_cell() -> None:
    from govreport.build import match_row
    from govreport.layout import TABLE3_SPLIT_OTHER

    row = match_row(("三、本年度办理结果 （七）总计",), TABLE3_SPLIT_OTHER)
    assert row is not None and row.key == "total"
    row = match_row(("（六）其他处理 3.其他",), TABLE3_SPLIT_OTHER)
    assert row is not None and row.key == "other.other"


def test_radical_look_alikes_from_pdf_fonts_are_ideographs() -> None:
    from govreport.formats.pdf.glyphs import canonical_char

    assert "".join(canonical_char(c) for c in "⽼城区⼈⺠政府") == "老城区人民政府"
    assert canonical_char("7") == "7"


def test_table_four_stacked_as_two_tables_with_their_own_headers() -> None:
    # 行政复议 (five columns) above 行政诉讼 (ten), as some CMS editors lay it out; the
    # merged headings are written as a first cell and empty ones, as converters do.
    pad = " |" * 5
    md = (
        "# 老城区人民政府 2024 年政府信息公开工作年度报告\n\n"
        "## 四、政府信息公开行政复议、行政诉讼情况\n\n"
        "| 行政复议 |  |  |  |  |" + pad + "\n|---|---|---|---|---|---|---|---|---|---|\n"
        "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |" + pad + "\n"
        "| 8 | 4 | 12 | 0 | 24 |" + pad + "\n"
        "| 行政诉讼 |  |  |  |  |  |  |  |  |  |\n"
        "| 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  |  |\n"
        "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
        "| 0 | 0 | 0 | 0 | 0 | 2 | 0 | 1 | 1 | 4 |\n"
    )
    report = govreport.load(md.encode("utf-8"), format="markdown")
    assert {k: v for k, v in report.cells().items() if k.startswith("t4.")} == {
        k: v for k, v in EXPECTED.items() if k.startswith("t4.")
    }


def test_table_four_whose_block_headings_were_lost_is_read_in_order() -> None:
    # A PDF table whose 未经复议直接起诉 / 复议后起诉 row was lost: the header names only
    # the 行政复议 block, so the fifteen numbers are read in the template's order.
    results = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    grid = _grid(
        ("行政复议",) * 5 + ("行政诉讼",) * 10,
        results * 3,
        ("8", "4", "12", "0", "24", "0", "0", "0", "0", "0", "2", "0", "1", "1", "4"),
        spanned=tuple((0, c) for c in (1, 2, 3, 4, *range(6, 15))),
    )
    cells = _report_of(grid).cells()
    assert {k: v for k, v in cells.items() if k.startswith("t4.")} == {
        k: v for k, v in EXPECTED.items() if k.startswith("t4.")
    }


def test_table_three_continued_in_a_second_table_without_a_header() -> None:
    # The second part of table 三 in its own grid (a page break) repeats no header; its
    # columns are the first part's when it is exactly as wide. A blank 自然人 next to the
    # spacer column is then read by position instead of being refused as padding.
    first = _grid(
        (
            "",
            "",
            "自然人",
            "法人或其他组织",
            "法人或其他组织",
            "法人或其他组织",
            "法人或其他组织",
            "法人或其他组织",
            "总计",
        ),
        ("", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"),
        ("一、本年新收政府信息公开申请数量", "", "2", "1", "0", "0", "0", "0", "3"),
    )
    second = _grid(("1.属于国家秘密", "", "", "1", "0", "0", "0", "0", "1"))
    doc = Document(
        blocks=(Paragraph("老城区人民政府2024年政府信息公开工作年度报告"), first, second)
    )
    cells = govreport.build(doc).cells()
    assert cells["t3.new.total"] == 3
    assert cells["t3.withheld.state_secret.natural_person"] is None
    assert cells["t3.withheld.state_secret.commercial"] == 1
    assert cells["t3.withheld.state_secret.total"] == 1


def test_a_continuation_grid_fits_where_any_row_before_the_break_ended_its_label() -> None:
    # The labels of the first part end in column 1 (a label repeated over two cells) on
    # one row and in column 0 on the next; the part after the break, as wide, ends its
    # label in column 0 as the second row did, so the first part's columns hold for it.
    first = _grid(
        ("", "", "自然人", *["法人或其他组织"] * 5, "总计"),
        ("", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"),
        (
            "一、本年新收政府信息公开申请数量",
            "一、本年新收政府信息公开申请数量",
            *("2", "1", "0", "0", "0", "0", "3"),
        ),
        ("二、上年结转政府信息公开申请数量", "", "0", "0", "0", "0", "0", "0", "0"),
    )
    second = _grid(("1.属于国家秘密", "", "", "1", "0", "0", "0", "0", "1"))
    cells = _report_of(first, second).cells()
    assert cells["t3.new.total"] == 3
    assert cells["t3.withheld.state_secret.natural_person"] is None
    assert cells["t3.withheld.state_secret.commercial"] == 1
    assert cells["t3.withheld.state_secret.total"] == 1


def test_subtotal_column_and_a_blank_first_value_in_a_grid() -> None:
    # A 小计 column for 法人或其他组织 makes rows one cell longer; a blank 自然人 must
    # stay blank and the subtotal must not be taken for 其他.
    head1 = ("", "", "自然人", *["法人或其他组织"] * 6, "总计")
    head2 = (
        "",
        "",
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "小计",
        "总计",
    )
    row = ("（一）予以公开", "（一）予以公开", "", "0", "0", "0", "0", "0", "0", "80")
    cells = _report_of(_grid(head1, head2, row)).cells()
    assert cells["t3.granted.natural_person"] is None
    assert cells["t3.granted.other_org"] == 0
    assert cells["t3.granted.total"] == 80


def test_a_continuation_grid_laid_out_differently_does_not_borrow_columns() -> None:
    # A browser-printed PDF: the part after the page break is as wide as the first part
    # but holds its label in two columns, not three; the first part's columns would put
    # 5 under 其他 and nothing under 自然人.
    first = _grid(
        ("注", "注", "注", "自然人", *["法人或其他组织"] * 5, "总计"),
        (
            "注",
            "注",
            "注",
            "自然人",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "总计",
        ),
        (
            "一、本年新收政府信息公开申请数量",
            "一、本年新收",
            "一、本年新收",
            "545",
            "0",
            "0",
            "0",
            "0",
            "0",
            "545",
        ),
    )
    second = _grid(
        ("（六）其他处理", "3.其他", "5", "0", "0", "0", "0", "0", "5", ""),
        ("（七）总计", "（七）总计", "557", "0", "0", "0", "0", "0", "557", ""),
    )
    doc = Document(
        blocks=(Paragraph("老城区人民政府2024年政府信息公开工作年度报告"), first, second)
    )
    cells = govreport.build(doc).cells()
    assert cells["t3.new.natural_person"] == 545
    for key in ("other.other", "total"):
        assert cells[f"t3.{key}.other_org"] in (0, None)
        assert cells[f"t3.{key}.natural_person"] in (EXPECTED[f"t3.{key}.natural_person"], None)
