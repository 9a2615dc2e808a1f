"""The analyst's workbook, read back with openpyxl (and LibreOffice where installed):
every expected value of the corpus and seeds in its cell, headers, types, colours."""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import govreport
from expected import CORPUS, DATA, SEEDS, expected_cells, expected_files, load_expected
from govreport.cli import main
from govreport.crossyear import check_reports
from govreport.layout import T3_COLUMNS, TABLE2_2019, TABLE3_SPLIT_OTHER, cell_labels

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (the test extra) is not installed")
pytest.importorskip("xlsxwriter", reason="the xlsx extra (govreport[xlsx]) is not installed")

EXPECTED = [*expected_files(CORPUS), *expected_files(SEEDS)]
SOURCES = [str(path.parent.parent / load_expected(path)["source"]) for path in EXPECTED]
TABLES = {"t2": "表二", "t3": "表三", "t4": "表四"}
FILL = {"error": "FFF8C4C4", "warning": "FFFDE9B6", "info": "FFD6E8FA", "unread": "FFBFBFBF"}
YEAR_2019 = "（2019模板）"


@pytest.fixture(scope="module")
def book_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("book") / "dataset.xlsx"
    # status 1: the 2018 report is refused, and some reports have error findings
    assert main(["batch", *SOURCES, "-o", str(path), "-j", "0", "--no-progress"]) == 1
    return path


@pytest.fixture(scope="module")
def book(book_path: Path) -> Any:
    return openpyxl.load_workbook(book_path)


def _headers(sheet: Any) -> dict[tuple[str, str], int]:
    """(row label, column label) -> sheet column, read from the two header rows (a
    merged row label stands in its first cell only)."""
    out: dict[tuple[str, str], int] = {}
    row_label = ""
    for column in range(4, sheet.max_column + 1):
        above = sheet.cell(1, column).value
        row_label = above if above is not None else row_label
        out[(row_label, sheet.cell(2, column).value)] = column
    return out


def _row_of(sheet: Any, name: str) -> int:
    (row,) = [r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 1).value.endswith(name)]
    return row


def _column(headers: dict[tuple[str, str], int], cell_id: str, template: str) -> int:
    row, column = cell_labels()[cell_id]
    if template == "2019" and cell_id.startswith("t2."):
        # the 2019 template's own columns (t2.licensing.decisions is 处理决定数量 there)
        column = next(
            c.label
            for c in TABLE2_2019.row(cell_id.split(".")[1]).columns
            if cell_id.endswith(f".{c.key}")
        )
        row += YEAR_2019
    return headers[(row, column)]


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return -exponent


def test_sheets_in_order(book: Any) -> None:
    assert book.sheetnames == ["报告", "表二", "表三", "表四", "发现", "说明"]


def test_every_expected_value_is_in_its_cell(book: Any) -> None:
    checked = 0
    for path in EXPECTED:
        data = load_expected(path)
        if data.get("expect_error"):
            continue
        cells = expected_cells(path)
        for table, name in TABLES.items():
            sheet = book[name]
            headers = _headers(sheet)
            row = _row_of(sheet, data["source"])
            assert sheet.cell(row, 2).value == data["agency"]
            assert sheet.cell(row, 3).value == data["year"]
            for cell_id, value in cells.items():
                if not cell_id.startswith(table):
                    continue
                cell = sheet.cell(row, _column(headers, cell_id, data["template"]))
                if value is None:
                    assert cell.value is None, (data["source"], cell_id)
                elif isinstance(value, Decimal):
                    # a number, shown with its printed decimal places
                    assert cell.data_type == "n" and cell.value == float(value)
                    places = _places(value)
                    assert cell.number_format == ("0." + "0" * places if places else "General")
                else:
                    assert cell.data_type == "n" and cell.value == value, (data["source"], cell_id)
                    assert type(cell.value) is int
                checked += 1
    assert checked == 2699  # every expected cell of the 9 corpus reports and 5 seeds


def test_table_sheets_have_two_header_rows_frozen_and_filtered(book: Any) -> None:
    for name in TABLES.values():
        sheet = book[name]
        assert [sheet.cell(r, 1).value for r in (1, 2)] == ["来源文件", None]
        assert all(sheet.cell(2, c).value for c in range(4, sheet.max_column + 1))
        assert sheet.freeze_panes == "D3"
        assert sheet.auto_filter.ref.startswith("A2:")
    t4 = book["表四"]
    assert (t4.cell(1, 4).value, t4.cell(2, 4).value) == ("行政复议", "结果维持")
    assert "D1:H1" in {str(r) for r in t4.merged_cells.ranges}  # 行政复议 over its 5 columns


def test_table_three_has_175_value_columns_per_report(book: Any) -> None:
    sheet = book["表三"]
    expected = [
        (cell_labels()[f"t3.{row.key}.{c.key}"][0], c.label)
        for row in TABLE3_SPLIT_OTHER.rows
        for c in row.columns
    ]
    assert len(expected) == 175
    got = list(_headers(sheet))
    assert got[:175] == expected
    # the single （六） row of the 2019 template (Shanghai 2019) adds its 7 columns after
    assert got[175:] == [("（六）其他处理", c) for _, c in expected[:7]]
    assert sheet.max_row == 2 + 14  # 9 corpus reports and 5 seeds


def test_reports_sheet_counts_refusals_and_indicators(book: Any) -> None:
    sheet = book["报告"]
    heads = [c.value for c in sheet[1]]
    assert heads[:9] == [
        "来源文件",
        "机关",
        "年度",
        "模板",
        "格式",
        "错误数",
        "警告数",
        "提示数",
        "拒绝原因",
    ]
    rows = {sheet.cell(r, 1).value.rsplit("/", 1)[-1]: r for r in range(2, sheet.max_row + 1)}
    assert len(rows) == len(SOURCES)
    legacy = rows["pingtan_gov_2018_legacy_page.txt"]
    assert sheet.cell(legacy, 9).value.startswith("LegacyReportError: ")
    pingtan = rows["pingtan_2021_page.html"]
    rate = sheet.cell(pingtan, heads.index("公开率") + 1)
    assert rate.value == 0.4348 and rate.number_format == "0.00%"  # 30 / 69
    assert sheet.cell(pingtan, 3).value == 2021 and sheet.cell(pingtan, 4).value == "2021"


def test_findings_sheet_and_highlighted_cells(book: Any) -> None:
    findings = book["发现"]
    heads = [c.value for c in findings[1]]
    assert heads[:6] == ["来源文件", "机关", "年度", "规则", "级别", "说明"]
    rows = list(findings.iter_rows(min_row=2, values_only=True))
    # a row per finding of the 14 reports, and one for the refused 2018 report
    results = list(govreport.load_many(SOURCES, options=govreport.BatchOptions(workers=0)))
    assert [r[3] for r in rows].count("refused") == 1
    assert len(rows) == sum(len(r.findings) for r in results) + 1
    checked = 0
    for source, _, _, rule, severity, _, cells, *_ in rows:
        if severity != "error" or not cells:
            continue
        sheet_rows = {}
        for cell_id in cells.split():
            sheet = book[TABLES[cell_id[:2]]]
            row = sheet_rows.setdefault(cell_id[:2], _row_of(sheet, source.rsplit("/", 1)[-1]))
            template = book["报告"].cell(row - 1, 4).value
            cell = sheet.cell(row, _column(_headers(sheet), cell_id, template))
            if cell.value is not None:
                assert cell.fill.fgColor.rgb == FILL["error"], (source, rule, cell_id)
                checked += 1
    assert checked > 0


def test_unread_cells_are_empty_shaded_and_commented(book: Any) -> None:
    path = CORPUS / "expected" / "pingtan_gov_2021_page.json"
    probable = load_expected(path)["probable_cells"]
    sheet = book["表三"]
    headers = _headers(sheet)
    row = _row_of(sheet, "pingtan_gov_2021_page.txt")
    # the crawler ran 64 0 0 2 0 4 70 together: 640020470 splits more than one way
    assert probable["t3.new.natural_person"] == 64
    cell = sheet.cell(row, _column(headers, "t3.new.natural_person", "2021"))
    assert cell.value is None and cell.fill.fgColor.rgb == FILL["unread"]
    assert cell.comment.text.startswith(
        "未能确定读取：S3 「一、本年新收政府信息公开申请数量」一行的数字连在一起"
    )


def test_no_cell_holds_a_formula(book_path: Path) -> None:
    book = openpyxl.load_workbook(book_path)
    for sheet in book:
        for row in sheet.iter_rows():
            assert not any(cell.data_type == "f" for cell in row), sheet.title


def test_english_headers(tmp_path: Path) -> None:
    out = tmp_path / "en.xlsx"
    args = ["batch", SOURCES[0], "-o", str(out), "-j", "0", "--lang", "en", "--no-progress"]
    assert main(args) == 1  # 洪泽区 2023 has R4 errors
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Reports", "Table2", "Table3", "Table4", "Findings", "Notes"]
    t3 = book["Table3"]
    assert (t3.cell(1, 4).value, t3.cell(2, 4).value) == ("new", "natural_person")
    assert book["Reports"].cell(1, 10).value == "disclosure rate"


def test_cross_year_findings_highlight_the_later_report(tmp_path: Path) -> None:
    years = DATA / "years"
    out = tmp_path / "years.xlsx"
    files = [str(years / "laocheng_2023_broken_carry_over.txt"), str(years / "laocheng_2022.txt")]
    assert main(["batch", *files, "-o", str(out), "-j", "0", "--no-progress"]) == 0
    book = openpyxl.load_workbook(out)
    sheet = book["表三"]
    row = _row_of(sheet, "laocheng_2023_broken_carry_over.txt")
    assert row == 3  # input order
    cell = sheet.cell(row, _column(_headers(sheet), "t3.carried_over.total", "2021"))
    assert cell.value == 6 and cell.fill.fgColor.rgb == FILL["warning"]
    assert book["报告"].cell(2, 7).value == 2  # its two X1 warnings
    assert [r[3] for r in book["发现"].iter_rows(min_row=2, values_only=True)] == ["X1", "X1"]


def test_validate_writes_the_workbook(tmp_path: Path) -> None:
    out = tmp_path / "issues.xlsx"
    files = [
        str(DATA / "years" / "laocheng_2022.txt"),
        str(DATA / "years" / "laocheng_2023_broken_stock.txt"),
    ]
    assert main(["validate", *files, "--xlsx", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    (x2,) = book["发现"].iter_rows(min_row=2, values_only=True)
    assert x2[3:5] == ("X2", "warning") and x2[7:10] == (50, 45, 5)


def _localc() -> Iterator[None]:
    if shutil.which("soffice") is None or shutil.which("localc") is None:
        pytest.skip("LibreOffice Calc (soffice, localc) is not installed")
    yield


def test_libreoffice_reads_the_workbook(book_path: Path, tmp_path: Path) -> None:
    next(_localc(), None)
    # CSV filter options: comma, double quote, UTF-8, from line 1, ..., every sheet (-1)
    options = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    command = [
        "soffice",
        profile,
        "--headless",
        "--convert-to",
        options,
        "--outdir",
        str(tmp_path),
        str(book_path),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    with (tmp_path / "dataset-表三.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["来源文件", "机关", "年度", "一、本年新收政府信息公开申请数量"]
    assert rows[1][3:10] == [column.label for column in T3_COLUMNS]
    (pingtan,) = [r for r in rows if r[0].endswith("pingtan_2021_page.html")]
    assert pingtan[1:4] == ["平潭综合实验区", "2021", "64"] and pingtan[9] == "70"
    with (tmp_path / "dataset-表二.csv").open(encoding="utf-8", newline="") as handle:
        (fees,) = [r for r in csv.reader(handle) if r[0].endswith("pingtan_2021_page.html")]
    assert "24252.311082" in fees  # 万元 as printed, through the number format


def test_findings_carry_the_fingerprint_the_review_file_uses(tmp_path: Path) -> None:
    from govreport.baseline import fingerprint

    out = tmp_path / "fp.xlsx"
    years = DATA / "years"
    files = [str(years / "laocheng_2022.txt"), str(years / "laocheng_2023_broken_stock.txt")]
    assert main(["batch", *files, "-o", str(out), "-j", "0", "--no-progress"]) == 0
    sheet = openpyxl.load_workbook(out)["发现"]
    assert [c.value for c in sheet[1]][-1] == "指纹"
    (x2,) = sheet.iter_rows(min_row=2, values_only=True)
    (finding,) = check_reports([govreport.load(f) for f in files])[1]  # about 2023
    assert x2[3] == finding.rule == "X2"
    assert x2[-1] == fingerprint(finding, "洛阳市老城区人民政府", 2023)


def test_a_full_sheet_is_an_error_not_lost_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import govreport
    from govreport.errors import WriteError
    from govreport.workbook import WorkbookWriter

    monkeypatch.setattr("govreport.workbook.MAX_ROWS", 4)  # header rows, then 2 reports
    report = govreport.load(DATA / "years" / "laocheng_2022.txt")
    book = WorkbookWriter(tmp_path / "full.xlsx")
    book.add(report)
    book.add(report)
    with pytest.raises(WriteError, match="Excel"):
        book.add(report)


def test_cells_of_a_table_not_found_are_marked_not_read(tmp_path: Path) -> None:
    from govreport.workbook import write_workbook

    report = govreport.load(DATA / "years" / "laocheng_2022.txt")
    without = attrs.evolve(report, table4=None)  # as if table 四 was not found
    write_workbook([report, without], tmp_path / "t4.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t4.xlsx")["表四"]
    printed, missing = sheet.cell(3, 5), sheet.cell(4, 5)  # 行政复议 结果纠正
    assert printed.value == 1 and printed.fill.fgColor.rgb != FILL["unread"]
    assert printed.comment is None
    assert missing.value is None and missing.fill.fgColor.rgb == FILL["unread"]
    assert missing.comment.text == "未能确定读取：报告中没有此单元格：所在的行或表未找到"
