"""Tables flattened into running text by crawlers: read only what splits one way."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport.flat import _split_run, _value_run, read_flat
from strategies import examples, reports

HEAD = "某区人民政府2023年政府信息公开工作年度报告 二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
T3 = "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"


def _cells(text: str) -> dict[str, object]:
    read = read_flat(text, "2021")
    assert read is not None
    return {c.id: c.value for t in read.tables.values() for c in t}


def test_separated_tokens_equal_to_the_columns_are_the_cells() -> None:
    cells = _cells(HEAD + "规章 0 0 0 行政规范性文件 9 7 12 第二十条第（五）项" + T3)
    assert [cells[f"t2.normative_documents.{k}"] for k in ("issued", "repealed", "in_force")] == [
        9,
        7,
        12,
    ]


def test_a_vanished_blank_in_table_two_is_not_split_into_digits() -> None:
    # 本年废止 printed blank: "9  12" must not become 9 / 1 / 2.
    cells = _cells(HEAD + "规章 0 0 0 行政规范性文件 9  12 第二十条第（五）项" + T3)
    assert cells["t2.normative_documents.issued"] is None
    assert cells["t2.normative_documents.in_force"] is None


def test_split_inside_tokens_must_add_up_in_table_three() -> None:
    # the pingtan 2021 page: 500000 5 is 5/0/0/0/0/0/5 (the total adds up)
    assert _split_run("500000 5", 7, False, False) == [5, 0, 0, 0, 0, 0, 5]
    # blanks vanished: 258 12 (blank blank) 1 1 (blank) has one split, which does not add up
    assert _split_run("258 12   1 1", 7, False, False) is None
    assert _split_run("0000000", 7, False, False) == [0] * 7


def test_table_four_split_must_add_up_per_block() -> None:
    assert _split_run("110024001510102", 15, False, False) == [
        1,
        1,
        0,
        0,
        2,
        4,
        0,
        0,
        1,
        5,
        1,
        0,
        1,
        0,
        2,
    ]


def test_value_run_stops_at_text_and_refuses_digits_after_it() -> None:
    assert _value_run(" 12 0 3（三）不予公开") == " 12 0 3"
    assert _value_run(" 12 注1") is None
    # a long run of white space is scanned once (the regular expression it replaces took
    # minutes on this)
    assert _value_run(" 1" + " " * 100_000 + "x1") is None


def test_crawler_page_reads_unique_rows_only() -> None:
    from expected import CORPUS

    report = govreport.load(CORPUS / "pingtan_gov_2021_page.txt")
    cells = report.cells()
    assert cells["t3.partially_granted.natural_person"] == 5
    assert cells["t2.fees.amount"] is not None and str(cells["t2.fees.amount"]) == "24252.311082"
    assert cells["t2.normative_documents.issued"] is None  # 693665 splits ten ways


def test_cells_read_from_running_text_know_their_line_and_column() -> None:
    from expected import CORPUS

    report = govreport.load(CORPUS / "pingtan_gov_2023_page.txt")
    location = report.cell("t2.licensing.decisions").location
    assert location is not None and location.line == 10
    line = (CORPUS / "pingtan_gov_2023_page.txt").read_text(encoding="utf-8").splitlines()[9]
    assert line[location.column - 1 :].startswith("2629")


# --- property: flattening any report never yields a different number ------------------


def _flatten(text: str, separator: str) -> str:
    """What a crawler makes of a page: every cell and line run together."""
    return separator.join(part for line in text.splitlines() for part in line.split("\t"))


@settings(max_examples=examples(1.0), deadline=None)
@given(report=reports(rich_prose=False), separator=st.sampled_from(["", " "]))
def test_flattened_reports_never_give_a_different_number(
    report: govreport.Report, separator: str
) -> None:
    text = govreport.dumps(report, "text").decode("utf-8")
    flat = _flatten(text, separator)
    try:
        read = govreport.load(flat.encode("utf-8"), format="text")
    except govreport.GovReportError:
        return  # refusing is allowed; a wrong number is not
    printed = report.cells()
    for cell_id, value in read.cells().items():
        if value is not None:
            assert cell_id in printed, f"{cell_id} read as {value} but not printed"
            assert value == printed[cell_id], f"{cell_id}: read {value}, printed {printed[cell_id]}"


# --- tables laid out as text (pdftotext -layout) ---------------------------------------------

LAYOUT_T3 = """三、收到和处理政府信息公开申请情况
                               申请人情况
                        自然人 商业 科研 社会 法律 其他 总计
一、本年新收政府信息公开申请数量 64 0 0 2 0 4 70
  二、上年结转政府信息公开申请数 0
量                             0 0  0   0  0 0
三 、 本 （一）予以公开            27 0    0 2   0  1   30
      （ 三 ） 1.属于国家秘密 0 0 0 0 0 0 0
      不 予 公 2.其他法律行政法
      开     规禁止公开        0  0    0 0   0  0 1
         3. 危 及 “ 三 安
   （ 三 ）
         全一稳定”
                        0         0   0       0       0       0   2
"""


def test_a_label_wrapped_around_its_numbers_is_read_by_their_count() -> None:
    # pdftotext -layout of a Chromium print: 上年结转's first value stands on the label's
    # first line, the other six on the next, after the wrapped 量.
    cells = _cells(HEAD + LAYOUT_T3)
    assert [cells[f"t3.carried_over.{k}"] for k in ("natural_person", "total")] == [0, 0]
    assert cells["t3.new.total"] == 70


def test_a_group_label_fragment_between_a_label_s_lines_is_passed_over() -> None:
    # 「开」 of （三）不予公开 stands at the start of the line that ends 2.其他法律行政法规禁止公开
    cells = _cells(HEAD + LAYOUT_T3)
    assert cells["t3.withheld.prohibited.total"] == 1
    assert cells["t3.withheld.state_secret.total"] == 0
    # and on a line of its own: 「（ 三 ）」 between 3.危及“三安 and 全一稳定”
    assert cells["t3.withheld.three_safeties.total"] == 2


def test_numbering_printed_on_its_own_line_or_after_the_label() -> None:
    text = (
        HEAD
        + T3
        + (
            "\n7.属于行政执法案卷 6 0 0 0 0 0 6\n"
            "         属于行政查询事 1\n        8.\n        项   0 0 0 0 0 1\n"
            "1.本机关不掌握相关政府信息 0 0 0 0 0 0 0\n"
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n"
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n"
            "        其他 3.                1        0        0       0       0       0       1\n"
            "    （七）总计 9 0 0 0 0 0 9\n"
        )
    )
    cells = _cells(text)
    assert cells["t3.withheld.query.natural_person"] == 1
    assert cells["t3.withheld.query.total"] == 1
    assert cells["t3.other.other.total"] == 1


def test_laid_out_numbers_that_do_not_count_up_to_the_row_stay_blank() -> None:
    # six numbers for seven columns: which cell is blank is unknown
    text = HEAD + T3 + "\n1.属于国家秘密 0 0\n0 0 0 0\n2.其他法律行政法规禁止公开 0 0 0 0 0 0 0\n"
    read = read_flat(text, "2021")
    assert read is not None
    cells = {c.id: c.value for t in read.tables.values() for c in t}
    assert cells["t3.withheld.state_secret.natural_person"] is None
    assert cells["t3.withheld.prohibited.total"] == 0
    assert any("属于国家秘密" in f.message and f.rule == "S3" for f in read.findings)


def test_table_four_under_headings_set_one_character_a_line_is_fifteen_numbers() -> None:
    t4 = """四、政府信息公开行政复议、行政诉讼情况
     行政复议                                        行政诉讼
               未经复议直接起诉                             复议后起诉
结    结   其 尚
果    果   他 未 总 结 结 其 尚                            结 结 其 尚
维    纠   结 审 计 果 果 他 未                          总 果 果 他 未 总
1    0   2   0   3    12   0   0        0       12       0       0       0       0       0
五、存在的主要问题及改进情况
"""
    cells = _cells(HEAD + LAYOUT_T3 + t4)
    assert [cells[f"t4.review.{k}"] for k in ("upheld", "other", "total")] == [1, 2, 3]
    assert cells["t4.litigation_direct.total"] == 12
    # fourteen numbers are not the row
    short = t4.replace("1    0   2", "1    2")
    assert "t4.review.upheld" not in {
        k for k, v in _cells(HEAD + LAYOUT_T3 + short).items() if v is not None
    }


def test_a_page_break_inside_table_three_with_its_header_repeated() -> None:
    text = (
        HEAD
        + T3
        + (
            "\n1.本机关不掌握相关政府信息 5 0 0 0 0 0 5\n"
            "2.没有现成信息需要另行制作   3 0 0 0 0 0 3\n"
            "                              -3-\n"
            "      申请人情况\n  自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n"
            "3.补正后申请内容仍不明确     1 0 0 0 0 0 1\n"
        )
    )
    cells = _cells(text)
    assert cells["t3.unavailable.needs_creation.total"] == 3
    assert cells["t3.unavailable.unclear.total"] == 1


HEAD_2019 = (
    "某区人民政府2019年政府信息公开工作年度报告 二、主动公开政府信息情况 "
    "第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000规范性文件000"
)


def test_a_minus_sign_is_a_certain_boundary_in_2019_crawler_text() -> None:
    read = read_flat(
        HEAD_2019 + "第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费12-3" + T3,
        "2019",
    )
    assert read is not None
    cells = {c.id: c.value for t in read.tables.values() for c in t}
    assert (cells["t2.fees.previous"], cells["t2.fees.change"]) == (12, -3)


def test_a_minus_in_a_three_cell_row_may_be_a_blank_mark() -> None:
    # 12-5: 12 / −5 / (blank) or 12 / — / 5
    text = (
        HEAD_2019 + "第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可12-5" + T3
    )
    read = read_flat(text, "2019")
    assert read is not None
    cells = {c.id: c.value for t in read.tables.values() for c in t}
    assert cells["t2.licensing.previous"] is None
    text = text.replace("12-5", "12-5 7")
    cells = {c.id: c.value for t in read_flat(text, "2019").tables.values() for c in t}  # type: ignore[union-attr]
    assert [cells[f"t2.licensing.{k}"] for k in ("previous", "change", "decisions")] == [12, -5, 7]


def test_numbers_of_a_row_whose_label_was_not_found_are_not_counted_to_the_row_before() -> None:
    # 规章 prints one number, the next row (misspelt 行政规范文件, so not found) two:
    # three numbers up to 第二十条第（五）项, but not 规章's three
    head = HEAD.split("规章")[0] if "规章" in HEAD else HEAD
    text = head + "\n规章        1\n行政规范文件    2   3\n第二十条第（五）项" + T3
    read = read_flat(text, "2021")
    assert read is not None
    cells = {c.id: c.value for t in read.tables.values() for c in t}
    assert cells.get("t2.regulations.issued") is None
