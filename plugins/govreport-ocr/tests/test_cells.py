"""Which readings a cell keeps: clean numbers read surely; everything else blank, with a note."""

from __future__ import annotations

import pytest

from govreport_ocr.cells import ReadCell, judge, to_table
from govreport_ocr.engine import Reading
from govreport_ocr.grid import Box, Grid, GridCell

SURE = 0.9


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([("1176", 0.99)], ReadCell("1176", 0.99)),
        ([("79.6954", 0.97)], ReadCell("79.6954", 0.97)),
        ([("-3", 0.95)], ReadCell("-3", 0.95)),
        ([("/", 0.92)], ReadCell("/", 0.92)),
        ([], ReadCell("", 1.0)),
        # a label is passed on as read: the builder matches labels, not OCR
        ([("（一）予以公开", 0.6)], ReadCell("（一）予以公开", 0.6)),
        ([("商业", 0.99), ("企业", 0.98)], ReadCell("商业\n企业", 0.98)),
        # look-alike digits at low confidence: never a number
        ([("17", 0.62)], ReadCell("17", 0.62, uncertain=True)),
        ([("1O", 0.99)], ReadCell("1O", 0.99, uncertain=True)),
        ([("2 1", 0.99)], ReadCell("21", 0.99)),
        ([("1,234", 0.99)], ReadCell("1,234", 0.99, uncertain=True)),
        ([("3", 0.99), ("8", 0.5)], ReadCell("38", 0.5, uncertain=True)),
        # two lines of digits are never joined into one number
        ([("12", 0.99), ("7", 0.99)], ReadCell("127", 0.99, uncertain=True)),
    ],
)
def test_judge(lines: list[tuple[str, float]], expected: ReadCell) -> None:
    assert judge(lines, SURE) == expected


@pytest.mark.parametrize(
    ("reading", "kept", "doubt"),
    [
        # a small 0 whose runner-up is the letter o: no other value is in sight
        (Reading("0", 0.51, (("o", 0.47), ("10", 0.05))), True, 0.05),
        # a 0 that might have had a 1 before it (a rule's remnant): 0.18 is under 0.2
        (Reading("0", 0.82, (("10", 0.18),)), True, 0.18),
        # an 8 that might have been a 0: never a number
        (Reading("8", 0.62, (("0", 0.35),)), False, 0.35),
        # the one misread value of the calibration: 6 for a printed 0, at 100 dpi, blurred
        (Reading("6", 0.394, (("0", 0.359),)), False, 0.359),
        # no rival, but the best class has no majority
        (Reading("1", 0.45), False, 0.0),
    ],
)
def test_a_value_is_judged_by_the_rival_readings_that_are_other_values(
    reading: Reading, kept: bool, doubt: float
) -> None:
    read = judge([reading])
    assert (not read.uncertain, read.doubt) == (kept, doubt)


def test_without_rivals_a_value_needs_a_sure_least_character() -> None:
    assert judge([("7", 0.8)]).uncertain
    assert not judge([("7", 0.93)]).uncertain


def test_ctc_rivals_are_the_texts_one_frame_s_runner_up_would_give() -> None:
    import numpy as np

    from govreport_ocr.engine import _ctc_reading

    characters = ["blank", "0", "o", "1", "8"]
    rows = np.array(
        [
            [0.88, 0.0, 0.0, 0.12, 0.0],  # blank, or a 1 before the 0
            [0.0, 0.56, 0.44, 0.0, 0.0],  # 0, or the letter o
            [0.94, 0.0, 0.0, 0.0, 0.06],  # blank, or an 8 after it
        ],
        dtype=np.float32,
    )
    reading = _ctc_reading(rows, characters, rivals=True)
    assert reading.text == "0" and reading.confidence == pytest.approx(0.56)
    assert [(t, round(p, 2)) for t, p in reading.rivals] == [
        ("o", 0.44),
        ("10", 0.12),
        ("08", 0.06),
    ]


def test_an_uncertain_value_is_blank_with_a_note_giving_what_was_read() -> None:
    cells = (
        GridCell(0, 0, 1, 2, Box(0, 0, 200, 50)),
        GridCell(1, 0, 1, 1, Box(0, 50, 100, 100)),
        GridCell(1, 1, 1, 1, Box(100, 50, 200, 100)),
    )
    table_grid = Grid(Box(0, 0, 200, 100), (0, 50, 100), (0, 100, 200), cells)
    read = [ReadCell("自然人", 0.99), ReadCell("7", 0.99), ReadCell("1", 0.55, uncertain=True)]
    table, notes = to_table(table_grid, read, page=3, number=2)
    assert table.texts() == [["自然人", "自然人"], ["7", ""]]
    assert [c.spanned for c in table.rows[0]] == [False, True]
    assert len(notes) == 1
    assert notes[0].code == "ocr-uncertain"
    assert "「1」" in notes[0].message and "0.55" in notes[0].message
    assert (notes[0].location.page, notes[0].location.row, notes[0].location.column) == (3, 2, 2)
    assert notes[0].location.box == (100.0, 50.0, 200.0, 100.0)  # dpi 72: pixels are points


def test_an_uncertain_value_is_unread_in_the_report_not_blank() -> None:
    import attrs
    import govreport
    from govreport.document import Note, Table
    from govreport.formats.pdf import read_pdf
    from govreport.model import CellState

    from samples import CORPUS_PDFS, pdf_bytes

    document = read_pdf(pdf_bytes(CORPUS_PDFS[0]))
    blocks = list(document.blocks)
    for index, block in enumerate(blocks):
        if isinstance(block, Table) and any("本年新收" in c.text for r in block.rows for c in r):
            rows = [list(r) for r in block.rows]
            row = next(r for r in rows if "本年新收" in r[0].text)
            target = row[-1]  # 总计
            row[-1] = attrs.evolve(target, text="")
            blocks[index] = attrs.evolve(block, rows=tuple(tuple(r) for r in rows))
            note = Note("ocr-uncertain", "识别为「21」，置信度0.55", target.location)
    report = govreport.build(attrs.evolve(document, blocks=tuple(blocks), notes=(note,)))
    finding = next(f for f in report.findings if f.rule == "S-ocr-uncertain")
    assert finding.cells == ("t3.new.total",)
    assert report.cell_state("t3.new.total") is CellState.UNREAD
    assert report.cell_state("t3.new.natural_person") is CellState.VALUE


def test_a_kept_value_carries_its_confidence_and_a_label_none() -> None:
    cells = (
        GridCell(0, 0, 1, 1, Box(0, 0, 100, 50)),
        GridCell(0, 1, 1, 1, Box(100, 0, 200, 50)),
        GridCell(0, 2, 1, 1, Box(200, 0, 300, 50)),
    )
    table_grid = Grid(Box(0, 0, 300, 50), (0, 50), (0, 100, 200, 300), cells)
    read = [ReadCell("自然人", 0.99), ReadCell("7", 0.93), ReadCell("1", 0.55, uncertain=True)]
    table, _ = to_table(table_grid, read, page=1, number=1)
    assert [c.location.confidence for c in table.rows[0]] == [None, 0.93, None]


def _doctored_table3(confidences: dict[str, float], printed: dict[str, str]) -> object:
    """The Huai'an report's text reading, with row 一 (本年新收) of table 三 given the
    texts ``printed`` and recognition confidences, as an OCR reading would give them
    (columns by their position: 1 自然人 ... 7 总计)."""
    import attrs
    import govreport
    from govreport.document import Table
    from govreport.formats.pdf import read_pdf

    from samples import CORPUS_PDFS, pdf_bytes

    document = read_pdf(pdf_bytes(CORPUS_PDFS[0]))
    blocks = list(document.blocks)
    for index, block in enumerate(blocks):
        if not isinstance(block, Table):
            continue
        rows = [list(r) for r in block.rows]
        for row in rows:
            if "本年新收" not in row[0].text:
                continue
            values = row[-7:]
            for position, cell in enumerate(values, start=1):
                text = printed.get(str(position), cell.text)
                location = attrs.evolve(
                    cell.location, confidence=confidences.get(str(position), 0.99)
                )
                row[len(row) - 8 + position] = attrs.evolve(cell, text=text, location=location)
        blocks[index] = attrs.evolve(block, rows=tuple(tuple(r) for r in rows))
    return govreport.build(attrs.evolve(document, blocks=tuple(blocks)))


def test_an_equation_broken_in_an_ocr_reading_names_its_least_sure_cells() -> None:
    import govreport
    from govreport.messages import use_language

    # 自然人 printed 21, read as 27 (a 1 taken for a 7, surely); 商业企业's 0 and the
    # total's 21 read less surely: a reviewer is sent to those first
    report = _doctored_table3({"2": 0.91, "7": 0.93, "1": 0.97}, {"1": "27"})
    r2 = [f for f in govreport.validate(report) if f.rule == "R2"]
    assert [f.message for f in r2] == [
        "表三「一、本年新收政府信息公开申请数量」行：总计为 21，各类申请人合计为 27。"
        "识别最没有把握的单元格（请先核对）："
        "表三「一、本年新收政府信息公开申请数量」行「商业企业」列（置信度 0.91）；"
        "表三「一、本年新收政府信息公开申请数量」行「总计」列（置信度 0.93）；"
        "表三「一、本年新收政府信息公开申请数量」行「自然人」列（置信度 0.97）。"
    ]
    assert r2[0].cells[:2] == ("t3.new.total", "t3.new.natural_person")
    with use_language("en"):
        english = [f.message for f in govreport.validate(report) if f.rule == "R2"]
    assert english == [
        "Table 三, row 「一、本年新收政府信息公开申请数量」: the total is 21, the applicant "
        "columns add up to 27. Least surely recognised cells (check these first): "
        "表三 row 「一、本年新收政府信息公开申请数量」, column 「商业企业」 (confidence 0.91); "
        "表三 row 「一、本年新收政府信息公开申请数量」, column 「总计」 (confidence 0.93); "
        "表三 row 「一、本年新收政府信息公开申请数量」, column 「自然人」 (confidence 0.97)."
    ]


def test_an_equation_broken_in_a_text_reading_says_nothing_of_confidence() -> None:
    import govreport

    from samples import CORPUS_PDFS, pdf_bytes

    report = govreport.load(pdf_bytes(CORPUS_PDFS[0]), format="pdf")
    r4 = [f.message for f in govreport.validate(report) if f.rule == "R4"]
    assert r4 and not any("置信度" in m for m in r4)


def test_a_value_left_for_its_rival_says_what_else_it_might_have_been() -> None:
    from govreport.document import Location

    from govreport_ocr.cells import uncertain_note

    read = judge([Reading("8", 0.62, (("0", 0.35),))])
    note = uncertain_note(read, Location(page=3, table=1, row=2, column=3))
    assert note.message == (
        "第3页表格1第2行第3列识别为「8」，置信度0.62，也可能是「0」（0.35），"
        "不能确定是所印数字，未读取。"
    )


def test_the_confidence_in_a_note_is_rounded_down() -> None:
    from govreport.document import Location

    from govreport_ocr.cells import uncertain_note

    read = judge([Reading("0", 0.498, (("10", 0.05),))])
    assert read.uncertain  # the least sure character is under 0.5
    note = uncertain_note(read, Location(page=5, table=3, row=14, column=8))
    assert "置信度0.49，" in note.message
