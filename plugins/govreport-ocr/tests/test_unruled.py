"""Tables without rules, from the alignment of the recognised boxes (no OCR run: the
boxes are given as an engine would give them)."""

from __future__ import annotations

from govreport.document import Paragraph, Table
from govreport.messages import use_language

from govreport_ocr.engine import TextLine
from govreport_ocr.unruled import columns_of, lines_to_blocks

DPI = 200


def _row(y: float, *boxes: tuple[float, str], confidence: float = 0.99) -> list[TextLine]:
    return [TextLine(text, confidence, x, y, x + 25 * len(text), y + 30) for x, text in boxes]


def test_rows_of_values_become_a_table_with_its_columns() -> None:
    rows = [
        _row(100, (100, "三、收到和处理政府信息公开申请情况")),
        _row(200, (100, "一、本年新收"), (800, "21"), (1000, "0"), (1200, "21")),
        # a blank middle value: the column is known from the other rows
        _row(260, (100, "二、上年结转"), (800, "3"), (1200, "3")),
        _row(320, (100, "四、结转下年度继续办理"), (795, "0"), (1005, "/"), (1190, "0")),
        _row(420, (100, "四、政府信息公开行政复议、行政诉讼情况")),
    ]
    items, notes = lines_to_blocks(rows, DPI, page=2, first_table=1, min_confidence=0.9)
    assert notes == []
    kinds = [type(block).__name__ for _, block in items]
    assert kinds == ["Paragraph", "Table", "Paragraph"]
    table = items[1][1]
    assert isinstance(table, Table) and table.regular
    assert table.texts() == [
        ["一、本年新收", "21", "0", "21"],
        ["二、上年结转", "3", "", "3"],
        ["四、结转下年度继续办理", "0", "/", "0"],
    ]
    assert len(columns_of(rows[1:4], DPI)) == 3


def test_a_doubtful_value_is_blank_with_a_note() -> None:
    rows = [
        _row(200, (100, "行政处罚"), (800, "4119"), (1000, "7")),
        [*_row(260, (100, "行政强制"), (800, "195")), *_row(260, (1000, "1"), confidence=0.6)],
    ]
    with use_language("zh"):
        items, notes = lines_to_blocks(rows, DPI, page=3, first_table=4, min_confidence=0.9)
    table = items[0][1]
    assert isinstance(table, Table)
    assert table.texts()[1] == ["行政强制", "195", ""]
    assert [n.code for n in notes] == ["ocr-uncertain"]
    assert notes[0].message == (
        "第3页表格4第2行第3列识别为「1」，置信度0.60，不能确定是所印数字，未读取。"
    )
    with use_language("en"):
        _, notes = lines_to_blocks(rows, DPI, page=3, first_table=4, min_confidence=0.9)
    assert notes[0].message == (
        "Page 3, table 4, row 2, column 3 was recognised as 「1」 with confidence 0.60: "
        "not certain to be the printed number, not read."
    )


def test_a_value_between_columns_is_not_placed() -> None:
    rows = [
        _row(200, (100, "一、本年新收"), (800, "21"), (1000, "0"), (1200, "21")),
        _row(260, (100, "二、上年结转"), (800, "3"), (900, "5"), (1200, "3")),
    ]
    # 900 is half-way between the columns at 800 and 1000: no column is certain
    items, _ = lines_to_blocks(rows, DPI, page=1, first_table=1, min_confidence=0.9)
    table = items[0][1]
    assert isinstance(table, Table) and not table.regular
    assert table.texts()[1] == ["二、上年结转", "3 5 3"]


def test_one_row_of_numbers_is_a_paragraph() -> None:
    rows = [_row(200, (100, "电话"), (400, "0517"), (600, "87222589"))]
    items, _ = lines_to_blocks(rows, DPI, page=1, first_table=1, min_confidence=0.9)
    assert [type(b) for _, b in items] == [Paragraph]
