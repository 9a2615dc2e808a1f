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
