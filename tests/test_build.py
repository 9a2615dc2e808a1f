"""The builder on real documents: every printed cell, the metadata, sections and refusals."""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from expected import CORPUS, SEEDS, document_of, expected_cells, expected_files, load_expected
from govreport.build import parse_title
from govreport.build.split import split_texts
from govreport.document import Cell, Document, Paragraph, Table
from govreport.messages import use_language

SEED_EXPECTED = expected_files(SEEDS)
TEXT_CORPUS = [p for p in expected_files(CORPUS) if load_expected(p)["source"].endswith(".txt")]


@pytest.mark.parametrize("expected_path", SEED_EXPECTED, ids=lambda p: p.stem)
def test_seed_gives_exactly_its_expected_cells(expected_path: Path) -> None:
    expected = load_expected(expected_path)
    report = govreport.load(document_of(expected_path))
    assert report.cells() == expected_cells(expected_path)
    assert (report.agency, report.year, report.template) == (
        expected["agency"],
        expected["year"],
        expected["template"],
    )


def test_seed_003_values_as_printed() -> None:
    report = govreport.load(SEEDS / "003_bb716c0dab2a4345.txt")
    cells = report.cells()
    assert cells["t2.fees.amount"] == Decimal("79.6954")
    assert cells["t2.licensing.decisions"] == 12126
    assert cells["t3.new.natural_person"] == 545
    assert cells["t3.total.total"] == 557
    assert cells["t4.review.total"] == 24
    assert report.title == "老城区人民政府 2024 年政府信息公开工作年度报告"


def test_seed_001_shifted_total_row_is_read() -> None:
    # （七）总计 has one tab fewer than its neighbours in this seed.
    report = govreport.load(SEEDS / "001_27644f09ec1ea7ef.txt")
    assert report.table3 is not None
    assert report.table3["t3.total.total"].location == govreport.Location(line=62, column=8)
    assert report.cells()["t3.total.total"] == 0


def test_sections_are_found_in_order_and_prose_is_kept() -> None:
    report = govreport.load(SEEDS / "004_8e2aa9efbbd0c4bb.txt")
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    five = report.section(5)
    assert five is not None
    # "一、建立快速响应机制" inside section 五 is not the heading of section 一.
    assert "一、建立快速响应机制" in five.text
    assert report.section(6) is not None
    assert report.section(1).heading == "一、总体情况"  # type: ignore[union-attr]


@pytest.mark.parametrize("expected_path", TEXT_CORPUS, ids=lambda p: p.stem)
def test_crawler_text_gives_expected_cells_and_never_contradicts(expected_path: Path) -> None:
    expected = load_expected(expected_path)
    if expected.get("expect_error"):
        with pytest.raises(govreport.LegacyReportError):
            govreport.load(document_of(expected_path))
        return
    report = govreport.load(document_of(expected_path))
    cells = report.cells()
    want = expected_cells(expected_path)
    for cell_id, value in want.items():
        assert cells.get(cell_id) == value, cell_id
    probable = expected.get("probable_cells", {})
    for cell_id, value in cells.items():
        if cell_id not in want:
            assert value is None, (
                f"{cell_id} was guessed as {value} (probably {probable.get(cell_id)})"
            )
    assert (report.agency, report.year) == (expected["agency"], expected["year"])


def test_run_together_row_is_blank_with_a_finding() -> None:
    report = govreport.load(CORPUS / "pingtan_gov_2023_page.txt")
    finding = next(f for f in report.findings if "t3.new.total" in f.cells)
    assert finding.rule == "S3"
    assert "801000081" in finding.message
    assert report.cells()["t3.new.total"] is None
    assert report.cells()["t4.review.total"] == 2  # 15 digits for 15 cells: certain


def test_legacy_report_is_refused() -> None:
    with pytest.raises(govreport.LegacyReportError) as info:
        govreport.load(CORPUS / "pingtan_gov_2018_legacy_page.txt")
    assert info.value.year == 2018
    assert isinstance(info.value, govreport.NotAReportError)


def test_text_that_is_not_a_report_is_refused() -> None:
    with pytest.raises(govreport.NotAReportError):
        govreport.load("今天天气很好。\n我们去公园散步。\n".encode())


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("老城区翠云峰街道办事处 2024 年政府信息公开工作 年度报告", "老城区翠云峰街道办事处", 2024),
        ("标题: 平潭综合实验区2021年度政府信息公开工作年度报告", "平潭综合实验区", 2021),
        ("2024 年上海市科委政府信息公开工作年度报告", "上海市科委", 2024),
        ("# 叶县盐都街道办事处 2024 年政府信息公开工作年度 报告", "叶县盐都街道办事处", 2024),
        ("某某市人民政府二〇二二年政府信息公开工作年度报告", "某某市人民政府", 2022),
    ],
)
def test_title_gives_agency_and_year(title: str, agency: str, year: int) -> None:
    assert parse_title(title) == (agency, year)


def test_title_without_report_words_is_not_a_title() -> None:
    assert parse_title("2024 年工作总结") is None


def _table(*rows: tuple[str, ...]) -> Table:
    return Table(rows=tuple(tuple(Cell(text=t) for t in row) for row in rows))


def _doc(*tables: Table) -> Document:
    return Document(
        blocks=(Paragraph("某区人民政府2023年政府信息公开工作年度报告"), *tables), format="test"
    )


def test_row_that_cannot_be_aligned_is_blank_with_a_finding() -> None:
    # Eight value cells for seven columns, none of them padding: which is which is unknown.
    doc = _doc(
        _table(("申请人情况", "自然人", "商业企业")),
        _table(("一、本年新收政府信息公开申请数量", "1", "2", "0", "0", "0", "0", "3", "9")),
    )
    report = govreport.build(doc)
    assert report.cells()["t3.new.natural_person"] is None
    finding = next(f for f in report.findings if f.rule == "S3")
    assert finding.cells[0] == "t3.new.natural_person"
    assert finding.severity is govreport.Severity.WARNING


def test_padding_next_to_a_blank_value_is_not_guessed() -> None:
    # A leading spacer was dropped and a blank remains: the blank may be the spacer.
    doc = _doc(
        _table(("一、本年新收政府信息公开申请数量", "", "1", "0", "0", "0", "0", "", "1", ""))
    )
    report = govreport.build(doc)
    assert report.cells()["t3.new.natural_person"] is None


def test_blank_markers_are_none_not_zero() -> None:
    doc = _doc(_table(("一、本年新收政府信息公开申请数量", "5", "/", "-", "—", "", "0", "5")))
    cells = govreport.build(doc).cells()
    assert cells["t3.new.natural_person"] == 5
    assert cells["t3.new.commercial"] is None
    assert cells["t3.new.research"] is None
    assert cells["t3.new.nonprofit"] is None
    assert cells["t3.new.legal_services"] is None
    assert cells["t3.new.other_org"] == 0


def test_label_typo_is_read_and_reported() -> None:
    doc = _doc(
        _table(("（三）不予公开", "2.其他法律行政止公开", "1", "0", "0", "0", "0", "0", "1"))
    )
    report = govreport.build(doc)
    assert report.cells()["t3.withheld.prohibited.total"] == 1
    typo = next(f for f in report.findings if f.rule == "S6")
    assert "其他法律行政止公开" in typo.message


def test_note_inside_a_cell_keeps_the_number() -> None:
    doc = _doc(_table(("行政规范性文件", "22（其中修订16件）", "0", "40")))
    assert govreport.build(doc).cells()["t2.normative_documents.issued"] == 22


def test_single_other_row_variant() -> None:
    doc = _doc(
        _table(
            ("（六）其他处理", "2", "0", "0", "0", "0", "0", "2"),
            ("（七）总计", "2", "0", "0", "0", "0", "0", "2"),
        )
    )
    cells = govreport.build(doc).cells()
    assert cells["t3.other.total"] == 2
    assert "t3.other.other.total" not in cells


def test_2019_template_table_two() -> None:
    doc = _doc(
        _table(("信息内容", "上一年项目数量", "本年增/减", "处理决定数量")),
        _table(("行政许可", "10", "-2", "300"), ("政府集中采购", "6", "251000元")),
    )
    report = govreport.build(doc)
    assert report.template == "2019"
    cells = report.cells()
    assert cells["t2.licensing.change"] == -2
    assert cells["t2.procurement.amount"] == Decimal("251000")


# --- rows that lost their labels, rows printed as text lines (HTML/Markdown work) ----------

_ZEROS = ("0", "0", "0", "0", "0", "0", "0")


def _row(*cells: str) -> tuple[str, ...]:
    return cells


def test_every_layout_row_label_names_its_own_row() -> None:
    # Attribution gives a row its layout label; reading it back must find the same row.
    from govreport.build import match_row
    from govreport.layout import TABLE2_2019, TABLE2_2021, TABLE3_SINGLE_OTHER, TABLE3_SPLIT_OTHER

    for layout in (TABLE2_2019, TABLE2_2021, TABLE3_SPLIT_OTHER, TABLE3_SINGLE_OTHER):
        for row in layout.rows:
            assert match_row((row.label,), layout) == row, row.label


def test_unlabelled_rows_are_named_when_their_count_fills_the_gap() -> None:
    doc = _doc(
        _table(_row("（一）予以公开", "9", "0", "0", "0", "0", "0", "9")),
        _table(_row("3", "0", "0", "0", "0", "0", "3")),  # （二） lost its label
        _table(_row("1.属于国家秘密", *_ZEROS)),
    )
    report = govreport.build(doc)
    assert report.cells()["t3.partially_granted.total"] == 3
    (finding,) = [f for f in report.findings if f.rule == "S7"]
    assert finding.cells[0] == "t3.partially_granted.natural_person"


def test_unlabelled_rows_that_do_not_fill_the_gap_are_not_guessed() -> None:
    doc = _doc(
        _table(_row("（一）予以公开", "9", "0", "0", "0", "0", "0", "9")),
        _table(_row("3", "0", "0", "0", "0", "0", "3")),
        _table(_row("2.其他法律行政法规禁止公开", *_ZEROS)),  # two rows missing, one printed
    )
    report = govreport.build(doc)
    cells = report.cells()
    assert "t3.partially_granted.total" not in cells
    assert "t3.withheld.state_secret.total" not in cells
    gap = next(f for f in report.findings if f.rule == "S3")
    assert (
        "t3.partially_granted.total" in gap.cells and "t3.withheld.state_secret.total" in gap.cells
    )


def test_a_row_with_an_unknown_label_in_the_gap_stops_attribution() -> None:
    doc = _doc(
        _table(_row("（一）予以公开", "9", "0", "0", "0", "0", "0", "9")),
        _table(
            _row("部分", "0", "0", "0", "0", "0", "0", "0"), _row("3", "0", "0", "0", "0", "0", "3")
        ),
        _table(_row("1.属于国家秘密", *_ZEROS)),
    )
    assert "t3.partially_granted.total" not in govreport.build(doc).cells()


def test_unlabelled_rows_are_not_named_when_named_rows_are_out_of_order() -> None:
    # The gap between 1. and 3. has room for exactly this row, but a named row printed
    # out of order says the rows were shuffled: positions prove nothing.
    doc = _doc(
        _table(_row("1.属于国家秘密", *_ZEROS)),
        _table(_row("3", "0", "0", "0", "0", "0", "3")),
        _table(_row("3.危及“三安全一稳定”", *_ZEROS)),
        _table(_row("（一）予以公开", "9", "0", "0", "0", "0", "0", "9")),
    )
    assert "t3.withheld.prohibited.total" not in govreport.build(doc).cells()


def test_unlabelled_row_of_the_wrong_width_is_not_named() -> None:
    doc = _doc(
        _table(_row("（一）予以公开", "9", "0", "0", "0", "0", "0", "9")),
        _table(_row("3", "0", "3")),
        _table(_row("1.属于国家秘密", *_ZEROS)),
    )
    assert "t3.partially_granted.total" not in govreport.build(doc).cells()


def test_split_result_headings_start_table_four() -> None:
    doc = _doc(
        _table(_row("四、结转下年度继续办理", *_ZEROS)),
        _table(_row("维持", "纠正", "结果", "审结")),
        _table(_row("1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0")),
    )
    cells = govreport.build(doc).cells()
    assert cells["t4.review.upheld"] == 1
    assert cells["t3.carried_forward.total"] == 0  # after the last named row: not a gap


def test_rows_printed_as_text_lines_fill_what_tables_lack() -> None:
    doc = Document(
        blocks=(
            Paragraph("某区人民政府2023年政府信息公开工作年度报告"),
            Paragraph("信息内容本年处理决定数量"),
            Paragraph("行政许可 97"),
            Paragraph("其中行政处罚 12"),  # a sentence, not the row's own label
            Paragraph("规章 5 5 5"),  # the table's row wins
            _table(_row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")),
            _table(_row("规章", "0", "0", "0")),
        ),
        format="test",
    )
    report = govreport.build(doc)
    cells = report.cells()
    assert cells["t2.licensing.decisions"] == 97
    assert "t2.penalties.decisions" not in cells
    assert cells["t2.regulations.issued"] == 0
    assert any(f.rule == "S5" for f in report.findings)


def test_text_lines_alone_do_not_stand_in_for_tables() -> None:
    # Without any table the flattened-text reader decides, as before.
    from govreport.build import line_rows

    doc = Document(blocks=(Paragraph("行政许可 97"), Paragraph("行政处罚 3")), format="test")
    assert len(line_rows(doc, "2021")) == 2
    with pytest.raises(govreport.NotAReportError):
        govreport.build(doc)


# --- converter output ------------------------------------------------------------------------


def test_title_is_found_past_a_saved_page_s_navigation() -> None:
    chrome = [
        Paragraph(text)
        for text in ("首页", "政务公开", "政府信息公开年报", "当前位置：首页 > 年报")
    ]
    doc = Document(
        blocks=(
            *chrome * 5,  # twenty lines of site navigation before the title
            Paragraph("平潭综合实验区2021年度政府信息公开工作年度报告"),
            Paragraph("一、总体情况"),
            _table(_row("一、本年新收政府信息公开申请数量", "5", "0", "0", "0", "0", "0", "5")),
        ),
        format="test",
    )
    report = govreport.build(doc)
    assert (report.agency, report.year) == ("平潭综合实验区", 2021)


def test_a_title_is_not_taken_from_the_report_s_own_sections() -> None:
    # past section 一, a sentence naming a report is prose, not the title
    doc = Document(
        blocks=(
            *[Paragraph("首页")] * 12,
            Paragraph("一、总体情况"),
            Paragraph("某区2020年政府信息公开工作年度报告已于去年公布。"),
            _table(_row("一、本年新收政府信息公开申请数量", "5", "0", "0", "0", "0", "0", "5")),
        ),
        format="test",
    )
    with pytest.raises(govreport.NotAReportError):
        govreport.build(doc)


def test_numbers_a_converter_put_in_one_cell_are_certain_by_their_count() -> None:
    # markitdown on a PDF: 「0 2」 and 「4 69」 are two cells each; seven numbers, seven columns
    doc = _doc(_table(("（七）总计", "", "", "63", "0", "0 2", "0", "4 69")))
    cells = govreport.build(doc).cells()
    assert [cells[f"t3.total.{k}"] for k in ("natural_person", "nonprofit", "other_org")] == [
        63,
        2,
        4,
    ]
    assert cells["t3.total.total"] == 69


def test_merged_cells_that_do_not_count_up_to_the_columns_are_not_read() -> None:
    doc = _doc(_table(("（七）总计", "", "", "63", "0", "0 2", "4 69")))
    report = govreport.build(doc)
    assert report.cells()["t3.total.natural_person"] is None
    assert any(f.rule == "S3" and "t3.total.total" in f.cells for f in report.findings)


def _cells_of(*texts: str) -> tuple[Cell, ...]:
    return tuple(Cell(text) for text in texts)


def test_a_span_s_empty_leftover_in_table_two_is_not_a_column() -> None:
    # pandoc's grid table of a 2019 table 二: 本年增/减 spanned two columns in the page
    grid = Table(
        rows=(
            _cells_of("信息内容", "上一年项目数量", "本年增/减", "", "处理决定数量"),
            _cells_of("行政许可", "7", "", "-2", "5"),
            _cells_of("行政处罚", "4", "", "0", "3"),
        ),
        regular=True,
    )
    doc = Document(
        blocks=(Paragraph("某区人民政府2019年政府信息公开工作年度报告"), grid), format="test"
    )
    cells = govreport.build(doc).cells()
    assert [cells[f"t2.penalties.{k}"] for k in ("previous", "change", "decisions")] == [4, 0, 3]
    assert [cells[f"t2.licensing.{k}"] for k in ("previous", "change", "decisions")] == [7, -2, 5]


def test_digits_wrapped_inside_a_narrow_cell_are_one_number() -> None:
    row = ("（七）总计", "2\n4", "0", "0", "0", "0", "", "2\n4")
    for regular in (False, True):  # text, and a ruled PDF table's grid
        grid = Table(rows=(_cells_of(*row),), regular=regular)
        cells = govreport.build(_doc(grid)).cells()
        assert (cells["t3.total.natural_person"], cells["t3.total.total"]) == (24, 24)


def test_a_report_printed_without_its_title_takes_the_year_of_its_statistics_period() -> None:
    # LibreOffice's export of a page whose heading was outside the article
    table = _table(_row("一、本年新收政府信息公开申请数量", "5", "0", "0", "0", "0", "0", "5"))
    period = Paragraph("本年度报告中所列数据统计期限从 2019 年 1 月 1 日到 12 月 31 日止。")
    report = govreport.build(Document(blocks=(period, table), format="test"))
    assert (report.agency, report.year) == ("", 2019)
    assert report.findings[0].rule == "S8"
    with pytest.raises(govreport.NotAReportError):
        govreport.build(Document(blocks=(Paragraph("本年度工作如下。"), table), format="test"))


def _markdown_report(markdown: str) -> govreport.Report:
    title = "# 2019年某市人民政府办公厅政府信息公开工作年度报告\n\n"
    return govreport.load(title.encode() + markdown.encode(), format="markdown")


def test_a_label_spanning_three_columns_leaves_the_values_at_the_row_s_end() -> None:
    # markitdown of a page: spans are not expanded, a span leaves empty cells after its
    # text; the header prints 自然人 … 总计 over seven cells, so no value column spans.
    report = _markdown_report(
        "| （本列数据的勾稽关系为：…） | | | 申请人情况 | | | | | | |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
        "| 自然人 | 法人或其他组织 | | | | | 总计 |\n"
        "| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"
        "| 一、本年新收政府信息公开申请数量 | | | 821 | 35 |  |  | 2 | 1 | 859 |\n"
        "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | | 3 |  |  |  |  |  |  |\n"
    )
    cells = report.cells()
    assert [cells[f"t3.new.{k}"] for k in ("natural_person", "research", "total")] == [
        821,
        None,
        859,
    ]
    assert cells["t3.partially_granted.natural_person"] == 3
    assert cells["t3.partially_granted.total"] is None


def test_a_value_column_spanning_two_cells_stops_reading_by_the_row_s_end() -> None:
    # 商业企业 spans two cells in the header: the row's last seven cells are not its values
    report = _markdown_report(
        "| 申请人情况 | | | | | | | | | |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
        "| 自然人 | 商业企业 | | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
        "| 一、本年新收政府信息公开申请数量 | | |  | 0 | | 0 | 2 | 0 | 4 | 6 |\n"
    )
    assert report.cells()["t3.new.natural_person"] is None
    assert report.cells()["t3.new.commercial"] is None


def test_rows_beside_label_fragments_are_named_when_only_one_assignment_fits() -> None:
    # markitdown on a LibreOffice PDF: a wrapped label leaves its numbers beside a middle
    # fragment, a cut prefix, or nothing; the rest of the label is loose text.
    doc = _doc(
        _table(_row("2.重复申请", *_ZEROS)),
        _table(_row("", "1", "0", "0", "0", "0", "0", "1")),  # 3.要求提供公开出版物
        _table(_row("", "2", "0", "0", "0", "0", "0", "2")),  # 4.无正当理由大量反复申请
        _table(_row("确认或重新出具", "3", "0", "0", "0", "0", "0", "3")),  # 5.要求行政机关…
        _table(_row("正、行政机关不", "4", "0", "0", "0", "0", "0", "4")),  # （六）1.
        _table(_row("", "5", "0", "0", "0", "0", "0", "5")),  # （六）2.
        _table(_row("3.其他", *_ZEROS)),
    )
    report = govreport.build(doc)
    cells = report.cells()
    totals = [
        cells[f"t3.{key}.total"]
        for key in (
            "not_processed.publication",
            "not_processed.excessive",
            "not_processed.confirmation",
            "other.no_correction",
            "other.unpaid_fee",
        )
    ]
    assert totals == [1, 2, 3, 4, 5]
    assert sum(1 for f in report.findings if f.rule == "S7") == 5


def test_a_fragment_that_fits_no_row_of_its_gap_stops_the_assignment() -> None:
    doc = _doc(
        _table(_row("2.重复申请", *_ZEROS)),
        _table(_row("", "1", "0", "0", "0", "0", "0", "1")),
        _table(_row("属于国家秘密", "2", "0", "0", "0", "0", "0", "2")),  # of another gap
        _table(_row("", "3", "0", "0", "0", "0", "0", "3")),
        _table(_row("4.无正当理由大量反复申请", *_ZEROS)),
    )
    cells = govreport.build(doc).cells()
    assert "t3.not_processed.publication.total" not in cells


def test_fewer_rows_than_slots_are_named_only_when_fragments_pin_them() -> None:
    # two rows for three slots: the fragment pins the second to 5., the first could be
    # 3. or 4. - two assignments, so none is taken
    doc = _doc(
        _table(_row("2.重复申请", *_ZEROS)),
        _table(_row("", "1", "0", "0", "0", "0", "0", "1")),
        _table(_row("确认或重新出具", "3", "0", "0", "0", "0", "0", "3")),
        _table(_row("（六）其他处理", *_ZEROS)),
    )
    cells = govreport.build(doc).cells()
    assert "t3.not_processed.publication.total" not in cells
    assert "t3.not_processed.confirmation.total" not in cells


def test_a_page_number_among_a_table_s_rows_is_no_row() -> None:
    # markitdown of a PDF whose table runs over a page break: 「- 3 -」 as a row of cells
    doc = _doc(
        _table(_row("2.重复申请", *_ZEROS)),
        _table(_row("", "1", "0", "0", "0", "0", "0", "1")),
        _table(("", "", "- 3", "-")),
        _table(_row("4.无正当理由大量反复申请", *_ZEROS)),
    )
    report = govreport.build(doc)
    assert report.cells()["t3.not_processed.publication.total"] == 1
    assert not any(f.rule == "S4" for f in report.findings)


def test_a_header_of_table_four_is_no_row_of_table_three() -> None:
    # 其他 (其他结果) in table 四's header must not make table 三's （六） three rows
    four = _table(
        ("行政复议", "", "", "行政诉讼"), ("结果 结果", "其他", "尚未", "", "", "", "", "", "")
    )
    doc = _doc(_table(_row("（六）其他处理", "1", "0", "0", "0", "0", "0", "1")), four)
    assert govreport.build(doc).cells()["t3.other.total"] == 1


def test_rows_between_table_three_s_header_and_its_first_named_row_are_its_first_rows() -> None:
    doc = _doc(
        _table(("申请人情况", "自然人", "商业企业", "科研机构")),
        _table(_row("", "9", "0", "0", "0", "0", "0", "9")),  # 一、本年新收 (label lost)
        _table(_row("", "1", "0", "0", "0", "0", "0", "1")),  # 二、上年结转
        _table(_row("（一）予以公开", *_ZEROS)),
        _table(_row("（七）总计", *_ZEROS)),
        _table(_row("", "2", "0", "0", "0", "0", "0", "2")),  # 四、结转下年度 (label after it)
    )
    cells = govreport.build(doc).cells()
    assert (cells["t3.new.total"], cells["t3.carried_over.total"]) == (9, 1)
    assert cells["t3.carried_forward.total"] == 2


def test_one_row_too_many_before_the_first_named_row_names_none() -> None:
    doc = _doc(
        _table(("申请人情况", "自然人", "商业企业", "科研机构")),
        _table(_row("", "9", "0", "0", "0", "0", "0", "9")),
        _table(_row("", "1", "0", "0", "0", "0", "0", "1")),
        _table(_row("", "3", "0", "0", "0", "0", "0", "3")),
        _table(_row("（一）予以公开", *_ZEROS)),
    )
    cells = govreport.build(doc).cells()
    assert "t3.new.total" not in cells


def _grid(*rows: tuple[str, ...]) -> Table:
    return Table(rows=tuple(_cells_of(*row) for row in rows), regular=True)


def test_a_table_cut_at_the_page_s_right_edge_gives_what_is_printed_and_says_so_once() -> None:
    # LibreOffice's PDF of a page narrower than table 三: the header (on one page) ends
    # with 「法」 of 法律服务机构, the rows (on the next) at the same edge.
    header = _grid(
        (
            "申请人情况",
            "自然人",
            "法人或其他组织",
            "法人或其他组织",
            "法人或其他组织",
            "法人或其他组织",
        ),
        ("申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法"),
    )
    rows = _grid(
        ("（一）予以公开", "（一）予以公开", "（一）予以公开", "258", "12", "", "", ""),
        ("1.属于国家秘密", "1.属于国家秘密", "1.属于国家秘密", "14", "", "", "3", ""),
    )
    report = govreport.build(_doc(header, rows))
    cells = report.cells()
    assert [cells[f"t3.granted.{k}"] for k in ("natural_person", "commercial", "research")] == [
        258,
        12,
        None,
    ]
    assert cells["t3.withheld.state_secret.nonprofit"] == 3
    assert "t3.granted.legal_services" not in cells and "t3.granted.total" not in cells
    (cut,) = [f for f in report.findings if "截断" in f.message]
    assert "t3.granted.total" in cut.cells


def test_a_header_that_names_a_few_columns_and_goes_on_is_not_a_cut() -> None:
    header = _grid(("申请人情况", "自然人", "商业企业", "科研机构", "", "", "", ""))
    rows = _grid(("（一）予以公开", "258", "12", "0", "0", "0", "0", "270"))
    report = govreport.build(_doc(header, rows))
    assert not any("截断" in f.message for f in report.findings)


def test_a_2019_report_s_other_row_printed_blank_is_one_row() -> None:
    doc = Document(
        blocks=(
            Paragraph("某区人民政府2019年政府信息公开工作年度报告"),
            _table(("第二十条第（九）项",), ("信息内容", "采购项目数量", "采购总金额")),
            _table(("（六）其他处理", "", "", "", "")),  # cut: four cells of seven
        ),
        format="test",
    )
    report = govreport.build(doc)
    assert report.template == "2019"
    assert "t3.other.total" in report.cells()


KEWEI_PDF2MD = CORPUS / "shanghai_stcsm_kewei_2024_pdf2md.md"


def _with_cell_text(doc: Document, block: int, row: int, column: int, text: str) -> Document:
    """``doc`` with one table cell's text replaced."""
    table = doc.blocks[block]
    assert isinstance(table, Table)
    cells = list(table.rows[row])
    cells[column] = attrs.evolve(cells[column], text=text)
    rows = (*table.rows[:row], tuple(cells), *table.rows[row + 1 :])
    blocks = (*doc.blocks[:block], attrs.evolve(table, rows=rows), *doc.blocks[block + 1 :])
    return attrs.evolve(doc, blocks=blocks)


def test_a_mark_in_a_rows_first_value_cell_shifts_no_number() -> None:
    # 一、本年新收 prints 32 2 0 0 0 0 34 in a grid with one more, empty, column: the mark
    # taken as a second label moved 2 into 自然人 and 34 into 其他.
    doc = govreport.read_document(KEWEI_PDF2MD)
    assert doc.blocks[88].rows[1][1].text == "32"  # type: ignore[union-attr]
    before = govreport.build(doc)
    report = govreport.build(_with_cell_text(doc, 88, 1, 1, "■"))
    row = {k: v for k, v in report.cells().items() if k.startswith("t3.new.")}
    assert row == {
        "t3.new.natural_person": None,
        "t3.new.commercial": 2,
        "t3.new.research": 0,
        "t3.new.nonprofit": 0,
        "t3.new.legal_services": 0,
        "t3.new.other_org": 0,
        "t3.new.total": 34,
    }
    assert report.cell_state("t3.new.natural_person") == "unread"
    unread = report.unread_reason("t3.new.natural_person")
    assert unread is not None and unread.rule == "S3"
    assert unread.message == "单元格内容「■」不是可识别的数字，未读取。"
    others = {k: v for k, v in before.cells().items() if k != "t3.new.natural_person"}
    assert {k: report.cells()[k] for k in others} == others


_Place = tuple[int, int, int]  # block, row, column


@functools.cache
def _documents_with_value_cells() -> list[tuple[Document, list[_Place], list[_Place]]]:
    """Each corpus and seed document, with where its table cells hold a plain number,
    and where a row's first number is (the cell a mark once shifted the row from)."""
    out = []
    for expected_path in [*SEED_EXPECTED, *expected_files(CORPUS)]:
        doc = govreport.read_document(document_of(expected_path))
        places = [
            (b, r, c)
            for b, block in enumerate(doc.blocks)
            if isinstance(block, Table)
            for r, row in enumerate(block.rows)
            for c, cell in enumerate(row)
            if cell.text.strip().isdigit() and not cell.spanned
        ]
        firsts = [p for i, p in enumerate(places) if i == 0 or places[i - 1][:2] != p[:2]]
        if places:
            out.append((doc, places, firsts))
    return out


@functools.cache
def _built_cells(doc: Document) -> dict[str, int | Decimal | None]:
    return govreport.build(doc).cells()


@settings(max_examples=60)
@given(data=st.data(), mark=st.sampled_from(["■", "※", "见附件"]))
def test_a_mark_in_any_value_cell_changes_no_other_number(data: st.DataObject, mark: str) -> None:
    doc, places, firsts = data.draw(st.sampled_from(_documents_with_value_cells()))
    block, row, column = data.draw(st.sampled_from(firsts) | st.sampled_from(places))
    before = _built_cells(doc)
    after = govreport.build(_with_cell_text(doc, block, row, column, mark)).cells()
    changed = {
        k: (before.get(k), v) for k, v in after.items() if v is not None and v != before.get(k)
    }
    assert changed == {}


_QUOTED = re.compile(r"「[^」]*」|\([^)]*\)|（[^）]*）|[一二三四五六七八九十]")


def test_reading_findings_speak_english_with_lang_en() -> None:
    # Labels stay as printed (「…」, the tables' Chinese names in brackets), the rest is English.
    documents = [doc for doc, _, _ in _documents_with_value_cells()]
    doc = govreport.read_document(KEWEI_PDF2MD)
    marked = [_with_cell_text(doc, 88, 1, 1, "■"), _with_cell_text(doc, 88, 1, 3, "■")]
    with use_language("en"):
        findings = [f for d in (*documents, *marked) for f in govreport.build(d).findings]
    reading = [f for f in findings if f.rule.startswith("S") and not f.rule.startswith("S-")]
    assert {f.rule for f in reading} >= {"S1", "S3", "S6", "S7"}
    chinese = [
        f.message for f in reading if re.search(r"[\u4e00-\u9fff]", _QUOTED.sub("", f.message))
    ]
    assert chinese == []
    messages = {f.message for f in reading}
    assert "The cell's text 「■」 is not a number that can be read; not read." in messages
    assert (
        "Row 「一、本年新收政府信息公开申请数量」: which column each number belongs to cannot be "
        "told (text among the numbers); not read." in messages
    )


def test_rows_of_one_shape_are_split_by_their_own_texts() -> None:
    # Four rows of one shape (a text, a text, two numbers): the split is kept by that
    # shape, but whether the text before the numbers is a value printed as text (■)
    # or a row label (行政许可) is told from each row's own text, and a span keeps a
    # mark a label.
    shape = ("（一）主动公开", "行政许可", "3", "4"), ("行政许可", "■", "3", "4")
    assert split_texts(shape[0], None) == (("（一）主动公开", "行政许可"), 2, 4, None, True)
    assert split_texts(shape[1], None) == (("行政许可",), 1, 4, None, True)
    assert split_texts(shape[1], [False, True, False, False]) == (
        ("行政许可", "■"),
        2,
        4,
        None,
        True,
    )
    assert split_texts(shape[0], None) == (("（一）主动公开", "行政许可"), 2, 4, None, True)
    # a mark with no label before it stays the label; text among numbers is a problem
    assert split_texts(["", "见附件", "3", "", "备注"], None) == (("见附件",), 2, 4, None, True)
    with use_language("en"):
        mixed = split_texts(["行政处罚", "行政处罚", "", "5", "其他", "6", ""], None)
    assert mixed == (("行政处罚",), 2, 7, "text among the numbers", True)
