"""The objects load() makes without attrs' __init__ (text cells and paragraphs, report
cells, labelled rows) are the ones the public constructors make: equal, same hash and
repr, frozen to their users, and checked by attrs.evolve like any other."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

import govreport
from expected import SEEDS
from govreport.build import label_rows
from govreport.build.common import LabelledRow
from govreport.document import Cell as DocCell
from govreport.document import Location, Paragraph, plain_rows, plain_table
from govreport.document import Table as DocTable
from govreport.formats.text import parse_text
from govreport.model import Cell, CellState, Section

SEED = SEEDS / "003_bb716c0dab2a4345.txt"


def test_report_cells_equal_the_public_constructors_cells() -> None:
    report = govreport.load(SEED)
    cells = [cell for table in report.tables() for cell in table]
    assert len(cells) == 200
    for cell in cells:
        twin = Cell(cell.id, cell.value, cell.text, cell.location)
        assert (cell, hash(cell), repr(cell)) == (twin, hash(twin), repr(twin))
        assert cell.state is twin.state
    fees = report.table2["t2.fees.amount"] if report.table2 else None
    assert fees == Cell("t2.fees.amount", Decimal("79.6954"), "79.6954", Location(32, column=2))


def test_report_cells_stay_frozen_and_checked() -> None:
    cell = govreport.load(SEED).cell("t3.new.total")
    assert (cell.value, cell.state) == (545, CellState.VALUE)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cell.value = 1  # type: ignore[misc]
    assert attrs.evolve(cell, value=546).value == 546
    with pytest.raises(TypeError, match="value must be int, Decimal or None, not float"):
        attrs.evolve(cell, value=545.0)


def test_text_cells_and_paragraphs_equal_the_public_constructors() -> None:
    document = parse_text(SEED.read_text(encoding="utf-8"))
    paragraph = document.blocks[2]
    assert isinstance(paragraph, Paragraph)
    twin = Paragraph(paragraph.text, Location(line=paragraph.location.line))
    assert (paragraph, hash(paragraph), repr(paragraph)) == (twin, hash(twin), repr(twin))
    table = next(document.tables())
    cell = table.rows[0][0]
    assert (cell, repr(cell)) == (
        DocCell(cell.text, Location(line=table.location.line, column=1)),
        repr(DocCell(cell.text, Location(line=table.location.line, column=1))),
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cell.text = "x"  # type: ignore[misc]
    assert attrs.evolve(cell, spanned=True).spanned is True


def test_labelled_rows_equal_the_public_constructors_rows() -> None:
    grid = DocTable(
        rows=((DocCell("一、本年新收政府信息公开申请数量"), DocCell("3"), DocCell("4")),)
    )
    (row,), _ = label_rows([grid])
    assert row == LabelledRow(
        ("一、本年新收政府信息公开申请数量",), grid.rows[0][1:], "", Location()
    )
    assert repr(row) == repr(attrs.evolve(row))


def _eager_tables(text: str) -> list[DocTable]:
    """The tables of ``text`` as the public constructors make them, cell by cell."""
    tables: list[DocTable] = []
    rows: list[tuple[DocCell, ...]] = []
    start = 0
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        line = line.replace("\u3000", " ")
        if "\t" in line:
            start = start or number
            rows.append(
                tuple(
                    DocCell(part.strip(), Location(line=number, column=column))
                    for column, part in enumerate(line.split("\t"), start=1)
                )
            )
        elif rows:
            tables.append(DocTable(rows=tuple(rows), location=Location(line=start)))
            rows, start = [], 0
    return tables


def test_text_tables_made_lazily_equal_the_eager_ones() -> None:
    text = SEED.read_text(encoding="utf-8")
    eager = _eager_tables(text)
    lazy = list(parse_text(text).tables())
    assert [len(t.rows) for t in eager] == [14, 28, 4]
    assert len(lazy) == 3
    # the builder reads the texts of a table whose cells are not made yet
    plain = plain_rows(lazy[1])
    assert plain is not None
    assert [list(texts) for texts, _ in plain] == eager[1].texts()
    assert plain[0][1][2] == Location(line=36, column=3) == eager[1].rows[0][2].location
    # equal, same hash and repr, whichever is asked first; the cells are made once
    assert hash(lazy[0]) == hash(eager[0])
    assert lazy == eager
    assert [repr(t) for t in lazy] == [repr(t) for t in eager]
    assert plain_rows(lazy[1]) is None
    assert lazy[1].rows is lazy[1].rows
    assert lazy[1].rows[3][2] == DocCell("545", Location(line=39, column=3))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        lazy[2].rows = ()  # type: ignore[misc]
    with pytest.raises(AttributeError, match="no attribute 'cells'"):
        lazy[2].cells  # type: ignore[attr-defined]  # noqa: B018
    assert attrs.evolve(lazy[2], regular=True).rows == eager[2].rows


def test_a_text_report_is_built_the_same_from_its_tables_made_either_way() -> None:
    text = SEED.read_text(encoding="utf-8")
    document = parse_text(text)
    lazy = govreport.build(document)
    for table in document.tables():
        assert table.rows  # every cell made: the builder now reads the cells
    assert govreport.build(document) == lazy
    assert lazy.cell("t3.new.total").location == Location(line=39, column=9)


def test_labelled_rows_of_a_text_table_make_their_value_cells_when_asked() -> None:
    text = SEED.read_text(encoding="utf-8")
    lazy_rows, lazy_words = label_rows(parse_text(text).tables())
    eager_rows, eager_words = label_rows(_eager_tables(text))
    assert lazy_words == eager_words
    assert len(lazy_rows) == len(eager_rows) == 46
    # the row of 本年新收政府信息公开申请数量, line 39: its texts and locations first
    new = next(row for row in lazy_rows if row.location == Location(line=39, column=1))
    assert new.labels == ("一、本年新收政府信息公开申请数量",)
    assert new.texts == ("", "545", "0", "0", "0", "0", "0", "545", "")
    assert new.locations[1] == Location(line=39, column=3)
    assert (new.filled, new.page_number, new.has_numbers) == (True, False, True)
    # then its cells, equal to the ones the eager table gives, and made once
    assert new.values[1] == DocCell("545", Location(line=39, column=3))
    assert new.values is new.values
    for lazy, eager in zip(lazy_rows, eager_rows, strict=True):
        assert (lazy, hash(lazy), repr(lazy)) == (eager, hash(eager), repr(eager))
        assert (lazy.texts, lazy.locations, lazy.filled, lazy.page_number) == (
            eager.texts,
            eager.locations,
            eager.filled,
            eager.page_number,
        )
    with pytest.raises(AttributeError, match="no attribute 'cells'"):
        new.cells  # type: ignore[attr-defined]  # noqa: B018


def test_a_page_number_row_is_told_from_its_texts() -> None:
    rows, _ = label_rows(parse_text("行政许可\t3\n\t-\t3\t-\n\t—\t\n\t\t\n").tables())
    assert [(row.texts, row.filled, row.page_number, row.has_numbers) for row in rows] == [
        (("3",), True, False, True),
        (("", "-", "3", "-"), True, True, False),
        (("", "—", ""), True, False, True),
        (("", "", ""), False, False, False),
    ]


def test_a_lazy_table_asked_again_after_another_thread_made_its_cells() -> None:
    table = next(parse_text("行政许可\t3\n行政处罚\t4\n").tables())
    rows = table.rows
    # what a second thread's lookup ends in when the first set the cells meanwhile
    assert DocTable.__getattr__(table, "rows") is rows
    with pytest.raises(AttributeError, match="no attribute 'cells'"):
        DocTable.__getattr__(table, "cells")
    assert rows[1][1] == DocCell("4", Location(line=2, column=2))


def test_a_table_of_texts_a_reader_did_not_strip_is_labelled_as_its_cells_are() -> None:
    texts = [["行政许可", " ", "\u3000"], ["行政处罚", " 3 ", ""]]
    rows = [(row, [Location(line=n, column=c) for c in (1, 2, 3)]) for n, row in enumerate(texts)]
    lazy, _ = label_rows([plain_table(rows, Location(line=0))])
    eager, _ = label_rows([DocTable(rows=tuple(tuple(map(DocCell, t, ls)) for t, ls in rows))])
    assert [(row.texts, row.filled, row.has_numbers) for row in lazy] == [
        ((" ", "\u3000"), False, False),
        ((" 3 ", ""), True, True),
    ]
    assert [(row.filled, row.page_number) for row in lazy] == [
        (row.filled, row.page_number) for row in eager
    ]
    assert lazy == eager


def test_report_sections_equal_the_public_constructors_sections() -> None:
    report = govreport.load(SEED)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    for section in report.sections:
        twin = Section(section.number, section.heading, section.text, section.location)
        assert section == twin and hash(section) == hash(twin) and repr(section) == repr(twin)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            section.number = 2  # type: ignore[misc]
        with pytest.raises(ValueError):
            attrs.evolve(section, number=7)
