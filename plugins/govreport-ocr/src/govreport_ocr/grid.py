"""Tables drawn with rules, found in a page image: deskew, rules, grid, merged cells.

One small step per function, each taking and returning plain values:
:func:`skew_angle` -> :func:`rotate` -> :func:`rule_masks` -> :func:`find_tables`
(rules joined into table frames) -> :func:`table_grid` (rule positions, then cells,
merging neighbours that no rule separates). Lengths are in inches times the image's
resolution, so the same settings serve 150 and 300 dpi scans.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import numpy as np
import numpy.typing as npt

from govreport_ocr.engine import Image

Mask = npt.NDArray[np.uint8]

#: Angles tried when deskewing (degrees): scans are rotated by a few degrees at most.
MAX_SKEW = 3.0
#: A horizontal rule is at least this long (inches); a character stroke is shorter.
MIN_HORIZONTAL_RULE = 0.45
#: A vertical rule is at least this long (inches): a row is taller, a character stroke shorter.
MIN_VERTICAL_RULE = 0.2
#: Rules closer than this (inches) are one rule drawn thick or slightly bent.
RULE_TOLERANCE = 0.04
#: A table frame is at least this wide and tall (inches).
MIN_TABLE = (1.5, 0.4)
#: Share of a cell side that must be ruled for the side to separate two cells.
RULED_SHARE = 0.6


def binarize(gray: Image) -> Mask:
    """Ink as 255 on 0, by Otsu's threshold (scans are dark text on light paper)."""
    import cv2

    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return np.asarray(ink, dtype=np.uint8)


def skew_angle(gray: Image, dpi: float) -> float:
    """The page's rotation in degrees (counter-clockwise positive), from the angle at
    which the rows of ink (text lines, rules) are sharpest: the variance of the
    horizontal projection peaks when lines run level.

    The image is not turned for each angle tried: the row each ink pixel would land on
    is computed from its coordinates (the turn :func:`rotate` would make), and the
    projection is those rows counted, each pixel shared between the two rows nearest
    to where it lands, as bilinear interpolation would share it."""
    import cv2

    scale = min(1.0, 100.0 / dpi)  # 100 dpi is plenty to see lines
    small = np.asarray(
        cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), dtype=np.uint8
    )
    ys, xs = np.nonzero(binarize(small))
    if not len(ys):
        return 0.0
    height, width = small.shape
    across = xs.astype(np.float64) - width / 2
    down = ys.astype(np.float64) - height / 2

    def sharpness(angle: float) -> float:
        radians = np.deg2rad(angle)
        row = height / 2 + np.cos(radians) * down - np.sin(radians) * across
        first = np.floor(row)
        share = row - first
        inside = (first >= 0) & (first < height)
        index = first[inside].astype(np.int64)
        profile = np.bincount(index, weights=1.0 - share[inside], minlength=height + 1)
        profile += np.bincount(index + 1, weights=share[inside], minlength=height + 1)
        return float(np.var(profile[:height]))

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.2), key=sharpness)
    fine = np.arange(best - 0.2, best + 0.2 + 1e-9, 0.025)
    return float(max(fine, key=sharpness))


def rotate(
    image: npt.NDArray[np.generic], angle: float, *, fill: int = 255
) -> npt.NDArray[np.generic]:
    """``image`` turned by ``angle`` degrees about its centre, same size, corners filled."""
    import cv2

    if abs(angle) < 1e-3:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    turned = cv2.warpAffine(
        np.asarray(image, dtype=np.float32 if image.dtype != np.uint8 else np.uint8),
        matrix,
        (width, height),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=fill,
    )
    return np.asarray(turned)


def deskew(gray: Image, dpi: float) -> tuple[Image, float]:
    """The page levelled, and the angle it was turned by."""
    angle = skew_angle(gray, dpi)
    return np.asarray(rotate(gray, angle), dtype=np.uint8), angle


def rule_masks(ink: Mask, dpi: float) -> tuple[Mask, Mask]:
    """Horizontal and vertical rules: ink that stays after opening with a long thin kernel."""
    import cv2

    long_h = max(10, round(MIN_HORIZONTAL_RULE * dpi))
    long_v = max(10, round(MIN_VERTICAL_RULE * dpi))
    # close small breaks first (JPEG and thresholding leave gaps in thin rules)
    gap = max(2, round(0.01 * dpi))
    h_closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8))
    v_closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((gap, 1), np.uint8))
    horizontal = cv2.morphologyEx(h_closed, cv2.MORPH_OPEN, np.ones((1, long_h), np.uint8))
    vertical = cv2.morphologyEx(v_closed, cv2.MORPH_OPEN, np.ones((long_v, 1), np.uint8))
    return np.asarray(horizontal, dtype=np.uint8), np.asarray(vertical, dtype=np.uint8)


def wipe_rules(gray: Image, horizontal: Mask, vertical: Mask, width: int = 3) -> Image:
    """A copy of ``gray`` with its rules painted white, ``width`` pixels wide so that
    their anti-aliased edges go too: a number set against a cell's side is cropped with
    margins that would otherwise hold a stroke of the rule, which the recogniser reads
    as "l" or "1", or takes as doubt about the digit."""
    import cv2

    out = gray.copy()
    rules = cv2.dilate(horizontal | vertical, np.ones((width, width), np.uint8))
    out[rules > 0] = 255
    return out


@attrs.frozen
class Box:
    """A rectangle in image pixels, ``x1``/``y1`` exclusive."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0


def find_tables(horizontal: Mask, vertical: Mask, dpi: float) -> list[Box]:
    """Frames of ruled tables: connected groups of rules large enough to be a table,
    top to bottom."""
    import cv2

    frame = cv2.dilate(horizontal | vertical, np.ones((3, 3), np.uint8))
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(frame, connectivity=8)
    min_w, min_h = MIN_TABLE[0] * dpi, MIN_TABLE[1] * dpi
    boxes = [
        Box(int(x), int(y), int(x + w), int(y + h))
        for x, y, w, h, _area in stats[1:count]
        if w >= min_w and h >= min_h
    ]
    return sorted(boxes, key=lambda b: (b.y0, b.x0))


@attrs.frozen
class GridCell:
    """One cell of a ruled table: its span over the grid's rows and columns and its box."""

    row: int
    column: int
    rows: int
    columns: int
    box: Box


@attrs.frozen
class Grid:
    """A ruled table: rule positions and the cells they make, merged cells included."""

    frame: Box
    row_lines: tuple[int, ...]
    column_lines: tuple[int, ...]
    cells: tuple[GridCell, ...]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.row_lines) - 1, len(self.column_lines) - 1


def rule_positions(profile: npt.NDArray[np.float64], minimum: float, tolerance: int) -> list[int]:
    """Centres of the runs of ``profile`` at or above ``minimum``; runs closer than
    ``tolerance`` are one rule."""
    positions: list[int] = []
    runs: list[list[int]] = []
    for index in np.flatnonzero(profile >= minimum):
        if runs and index - runs[-1][-1] <= tolerance:
            runs[-1].append(int(index))
        else:
            runs.append([int(index)])
    for run in runs:
        weights = profile[run[0] : run[-1] + 1]
        positions.append(round(float(np.average(np.arange(run[0], run[-1] + 1), weights=weights))))
    return positions


def table_grid(horizontal: Mask, vertical: Mask, frame: Box, dpi: float) -> Grid | None:
    """The grid of the table in ``frame``; None when fewer than two rows or columns of
    rules are found (a box drawn round text, not a table)."""
    tolerance = max(2, round(RULE_TOLERANCE * dpi))
    h = horizontal[frame.y0 : frame.y1, frame.x0 : frame.x1] > 0
    v = vertical[frame.y0 : frame.y1, frame.x0 : frame.x1] > 0
    # a rule counts where it runs at least one short cell's length
    rows = rule_positions(h.sum(axis=1).astype(np.float64), 0.3 * dpi, tolerance)
    columns = rule_positions(v.sum(axis=0).astype(np.float64), 0.15 * dpi, tolerance)
    rows = _open_ends(rows, np.asarray(v.any(axis=1)), dpi)
    columns = _open_ends(columns, np.asarray(h.any(axis=0)), dpi)
    if len(rows) < 2 or len(columns) < 2:
        return None
    cells = _merge_cells(h, v, rows, columns, tolerance)
    return Grid(
        frame=frame,
        row_lines=tuple(frame.y0 + y for y in rows),
        column_lines=tuple(frame.x0 + x for x in columns),
        cells=tuple(
            attrs.evolve(
                cell,
                box=Box(
                    cell.box.x0 + frame.x0,
                    cell.box.y0 + frame.y0,
                    cell.box.x1 + frame.x0,
                    cell.box.y1 + frame.y0,
                ),
            )
            for cell in cells
        ),
    )


def _open_ends(lines: list[int], crossing: npt.NDArray[np.bool_], dpi: float) -> list[int]:
    """Rule positions with the open ends of a table added: a table cut by a page break
    has no closing rule, but its crossing rules run on to where the page cut it."""
    drawn = np.flatnonzero(crossing)
    if not len(drawn) or not lines:
        return lines
    reach = 0.1 * dpi
    out = list(lines)
    if drawn[0] < out[0] - reach:
        out.insert(0, int(drawn[0]))
    if drawn[-1] > out[-1] + reach:
        out.append(int(drawn[-1]) + 1)
    return out


def _ruled(
    mask: npt.NDArray[np.bool_], start: int, end: int, at: int, tolerance: int, *, vertical: bool
) -> bool:
    """Whether a rule runs along ``at`` from ``start`` to ``end`` for most of the way."""
    if end <= start:
        return True
    lo, hi = max(0, at - tolerance), at + tolerance + 1
    band = mask[start:end, lo:hi] if vertical else mask[lo:hi, start:end]
    covered = band.any(axis=1 if vertical else 0)
    return bool(covered.mean() >= RULED_SHARE)


def _merge_cells(
    h: npt.NDArray[np.bool_],
    v: npt.NDArray[np.bool_],
    rows: Sequence[int],
    columns: Sequence[int],
    tolerance: int,
) -> list[GridCell]:
    """Elementary cells joined where no rule separates them (union-find), each group
    taken as the rectangle it covers."""
    n_rows, n_cols = len(rows) - 1, len(columns) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    inset = tolerance + 1
    for r in range(n_rows):
        top, bottom = rows[r] + inset, rows[r + 1] - inset
        for c in range(n_cols):
            left, right = columns[c] + inset, columns[c + 1] - inset
            index = r * n_cols + c
            if c + 1 < n_cols and not _ruled(
                v, top, bottom, columns[c + 1], tolerance, vertical=True
            ):
                union(index, index + 1)
            if r + 1 < n_rows and not _ruled(
                h, left, right, rows[r + 1], tolerance, vertical=False
            ):
                union(index, index + n_cols)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find(r * n_cols + c), []).append((r, c))
    cells: list[GridCell] = []
    for members in groups.values():
        r0 = min(r for r, _ in members)
        r1 = max(r for r, _ in members)
        c0 = min(c for _, c in members)
        c1 = max(c for _, c in members)
        cells.append(
            GridCell(
                row=r0,
                column=c0,
                rows=r1 - r0 + 1,
                columns=c1 - c0 + 1,
                box=Box(columns[c0], rows[r0], columns[c1 + 1], rows[r1 + 1]),
            )
        )
    return sorted(cells, key=lambda cell: (cell.row, cell.column))


__all__ = [
    "Box",
    "Grid",
    "GridCell",
    "binarize",
    "deskew",
    "find_tables",
    "rotate",
    "rule_masks",
    "rule_positions",
    "skew_angle",
    "table_grid",
    "wipe_rules",
]
