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
from govreport.document import Location, Paragraph
from govreport.document import Table as DocTable
from govreport.formats.text import parse_text
from govreport.model import Cell, CellState

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
