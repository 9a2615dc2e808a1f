"""Deskew, rules and cells on drawn tables: each step on plain images, no OCR engine."""

from __future__ import annotations

import numpy as np
import pytest

from govreport_ocr import grid

DPI = 200


def _table_image(angle: float = 0.0) -> np.ndarray:  # type: ignore[type-arg]
    """A white page with a 4-row, 4-column ruled table whose top-left cell spans two
    columns and whose first column's last two rows are one merged cell."""
    import cv2

    page = np.full((1200, 1600), 255, dtype=np.uint8)
    xs = [200, 600, 900, 1200, 1500]
    ys = [300, 400, 500, 600, 700]
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 3)
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[-1]), 0, 3)
    # merge (0,0)-(0,1): white out the rule between them in row 0
    page[ys[0] + 3 : ys[1] - 2, xs[1] - 3 : xs[1] + 4] = 255
    # merge (2,0)-(3,0): white out the rule between rows 2 and 3 in column 0
    page[ys[3] - 3 : ys[3] + 4, xs[0] + 3 : xs[1] - 2] = 255
    for y in ys[1:-1]:
        cv2.putText(page, "123", (xs[2] + 40, y + 70), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    return np.asarray(grid.rotate(page, angle), dtype=np.uint8)


@pytest.mark.parametrize("angle", [-1.0, -0.3, 0.0, 0.6])
def test_skew_is_measured_to_a_tenth_of_a_degree(angle: float) -> None:
    assert grid.skew_angle(_table_image(angle), DPI) == pytest.approx(-angle, abs=0.1)


def test_a_turned_table_gives_its_grid_with_merged_cells() -> None:
    level, _ = grid.deskew(_table_image(0.8), DPI)
    horizontal, vertical = grid.rule_masks(grid.binarize(level), DPI)
    frames = grid.find_tables(horizontal, vertical, DPI)
    assert len(frames) == 1
    found = grid.table_grid(horizontal, vertical, frames[0], DPI)
    assert found is not None
    assert found.shape == (4, 4)
    spans = {(c.row, c.column): (c.rows, c.columns) for c in found.cells}
    assert spans[(0, 0)] == (1, 2)
    assert spans[(2, 0)] == (2, 1)
    assert (0, 1) not in spans and (3, 0) not in spans
    assert len(found.cells) == 16 - 2


def test_a_table_cut_by_the_page_break_keeps_its_last_row() -> None:
    page = _table_image()
    page[700 - 3 : 700 + 4, :] = 255  # no closing rule: the table goes on on the next page
    horizontal, vertical = grid.rule_masks(grid.binarize(page), DPI)
    found = grid.table_grid(
        horizontal, vertical, grid.find_tables(horizontal, vertical, DPI)[0], DPI
    )
    assert found is not None and found.shape == (4, 4)


def test_text_alone_is_no_table() -> None:
    import cv2

    page = np.full((800, 1200), 255, dtype=np.uint8)
    for row in range(8):
        cv2.putText(
            page, "2023 report text", (100, 100 + 80 * row), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 0, 3
        )
    horizontal, vertical = grid.rule_masks(grid.binarize(page), DPI)
    assert grid.find_tables(horizontal, vertical, DPI) == []


def test_rules_are_wiped_from_cell_crops_and_digits_kept() -> None:
    import cv2

    page = _table_image()
    # a number set close to the left side of its cell (the column rule at x=1200), so
    # that a crop with the recogniser's margins would take in a stroke of the rule
    cv2.putText(page, "0", (1201, 470), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    horizontal, vertical = grid.rule_masks(grid.binarize(page), DPI)
    wiped = grid.wipe_rules(page, horizontal, vertical)
    assert (page[410:490, 1198:1203] < 128).all()
    assert (wiped[410:490, 1190:1204] == 255).all()
    digit, kept = page[410:490, 1204:1300] < 128, wiped[410:490, 1204:1300] < 128
    assert digit.sum() > 300 and (kept == digit).all()
