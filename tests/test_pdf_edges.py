"""The port of pdfplumber's edge and table steps (formats/pdf/edges.py) gives what
pdfplumber gives, on every ruled page of the corpus and of the test factory."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pdfplumber import table as plumber_table
from pdfplumber.utils.geometry import obj_to_edges

from govreport.formats.pdf import edges
from govreport.formats.pdf.reader import read_raw
from govreport.formats.pdf.ruled import SNAP, close_open_ends
from pdf_factory import Style, report_pdf
from test_pdf_engines import SEED

CORPUS = Path(__file__).parent / "data" / "corpus"
KEYS = ("orientation", "x0", "x1", "top", "bottom", "width", "height")


def _pdfs() -> dict[str, bytes]:
    found = {p.name: p.read_bytes() for p in sorted(CORPUS.glob("*.pdf"))}
    found["factory-page-break"] = report_pdf(SEED, Style(t3_break_after=13, split_group_at=4))
    return found


PDFS = _pdfs()


def _plain(edge: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(edge[k] for k in KEYS)


@pytest.mark.parametrize("name", sorted(PDFS))
def test_object_edges_are_pdfplumbers(name: str) -> None:
    with pdfplumber.open(io.BytesIO(PDFS[name])) as pdf:
        compared = 0
        for page in pdf.pages:
            for kind in ("line", "rect", "curve"):
                for obj in page.objects.get(kind, ()):
                    ours = [_plain(e) for e in edges.object_edges(obj)]
                    assert ours == [_plain(e) for e in obj_to_edges(obj)]
                    compared += 1
    assert compared > 20


@pytest.mark.parametrize("name", sorted(PDFS))
def test_tables_are_pdfplumbers(name: str) -> None:
    tables = 0
    for page in read_raw(PDFS[name]).pages:
        drawn = list(page.edges)
        merged = edges.merge_edges(drawn, SNAP, SNAP)
        theirs = plumber_table.merge_edges(drawn, SNAP, SNAP, SNAP, SNAP)
        assert [_plain(e) for e in merged] == [_plain(e) for e in theirs]
        merged = [e for e in merged if max(e["width"], e["height"]) >= SNAP]
        merged.extend(close_open_ends(merged))
        ours = edges.intersections_to_cells(edges.edges_to_intersections(merged, SNAP, SNAP))
        cells = plumber_table.intersections_to_cells(
            plumber_table.edges_to_intersections(merged, SNAP, SNAP)
        )
        assert ours == cells
        assert edges.cells_to_tables(ours) == plumber_table.cells_to_tables(cells)
        tables += len(edges.cells_to_tables(ours))
    assert tables >= 2
