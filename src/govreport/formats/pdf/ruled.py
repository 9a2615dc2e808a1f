"""Tables drawn with rules: edges -> cells -> tables (pdfplumber's steps, :mod:`.edges`) -> fragments.

A :class:`Fragment` is the part of a table on one page, as cells with row ranges and
x extents (columns are fixed only when fragments are joined across pages and turned
into a grid, so that halves whose column rules differ slightly still line up).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from govreport.formats.pdf.edges import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from govreport.formats.pdf.glyphs import Glyph, block_text, is_value

#: Rules closer than this (points) are one rule; rule ends closer than this meet.
SNAP = 3.0
#: Cell boundaries closer than this (points) are one column or row boundary.
BOUNDARY_TOLERANCE = 2.0
#: Two fragments on consecutive pages are one table when their sides are this close.
JOIN_TOLERANCE = 4.0

# Row numbering of any outline ("1.", "（一）", "三、"): text that starts a row of its own.
_NUMBERED = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[.．、])"
)


@attrs.frozen
class GridCell:
    """One drawn cell: its text, the rows it covers (``row`` to ``row_end``, exclusive)
    and its horizontal extent."""

    text: str
    row: int
    row_end: int
    x0: float
    x1: float
    #: the vertical extent on its page (PDF points from the top), for evidence images
    top: float = 0.0
    bottom: float = 0.0


@attrs.frozen
class Fragment:
    """A ruled table, or the part of one that stands on a single page."""

    cells: tuple[GridCell, ...]
    rows: int
    x0: float
    x1: float
    top: float
    bottom: float
    #: the page each row stands on
    row_pages: tuple[int, ...]


def find_cells(edges: Sequence[dict[str, Any]]) -> list[list[tuple[float, float, float, float]]]:
    """The cell boxes of every ruled table the edges draw (pdfplumber's lines strategy)."""
    if not edges:
        return []
    merged = [
        e for e in merge_edges(list(edges), SNAP, SNAP) if max(e["width"], e["height"]) >= SNAP
    ]
    merged.extend(close_open_ends(merged))
    intersections = edges_to_intersections(merged, SNAP, SNAP)
    cells = intersections_to_cells(intersections)
    return [[tuple(map(float, c)) for c in table] for table in cells_to_tables(cells)]  # type: ignore[misc]


def close_open_ends(edges: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rules that close a table cut by a page break: exporters leave out the rule under
    the last row on the page (and above the first row on the next), so that the column
    rules end in the air. Where two or more column rules end at the same height with no
    rule across, one is added from the first to the last of them. Likewise where row
    rules end at the same x on a table's outer side, with no column rule there or beyond
    (Chromium draws no right-hand border of a table's last column)."""
    verticals = [e for e in edges if e["orientation"] == "v"]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    added: list[dict[str, Any]] = []
    for key, side in (("x0", -1), ("x1", 1)):
        for x in cluster((e[key] for e in horizontals), SNAP):
            ends = [e for e in horizontals if abs(e[key] - x) <= SNAP]
            if len(ends) < 2:
                continue
            top, bottom = min(e["top"] for e in ends), max(e["top"] for e in ends)
            # the table's outer side only: no column rule at or beyond it beside the rows
            if any(
                (v["x0"] - x) * side >= -SNAP and v["top"] < bottom and v["bottom"] > top
                for v in verticals
            ):
                continue
            added.append(_rule(x, x, top, bottom))
    for key in ("top", "bottom"):
        for y in cluster((e[key] for e in verticals), SNAP):
            ends = [e for e in verticals if abs(e[key] - y) <= SNAP]
            if len(ends) < 2:
                continue
            x0, x1 = min(e["x0"] for e in ends), max(e["x0"] for e in ends)
            if any(
                abs(h["top"] - y) <= SNAP and h["x0"] <= x0 + SNAP and h["x1"] >= x1 - SNAP
                for h in horizontals
            ):
                continue
            added.append(_rule(x0, x1, y, y))
    return added


def _rule(x0: float, x1: float, top: float, bottom: float) -> dict[str, Any]:
    """An added rule, as an edge: across when ``top`` is ``bottom``, else down."""
    return {
        "orientation": "h" if top == bottom else "v",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }


def cluster(values: Iterable[float], tolerance: float = BOUNDARY_TOLERANCE) -> list[float]:
    """Sorted values with those closer than ``tolerance`` to their neighbour merged."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def _nearest(bounds: Sequence[float], value: float) -> int:
    index = bisect.bisect_left(bounds, value)
    if index == len(bounds):
        return index - 1
    if index > 0 and value - bounds[index - 1] < bounds[index] - value:
        return index - 1
    return index


def make_fragment(
    boxes: Sequence[tuple[float, float, float, float]], glyphs: Sequence[Glyph], page: int
) -> Fragment | None:
    """The fragment the cell boxes draw, with the text of the glyphs inside each cell;
    None when the boxes are no table (a single column, or no text at all)."""
    xs = cluster(v for box in boxes for v in (box[0], box[2]))
    ys = cluster(v for box in boxes for v in (box[1], box[3]))
    columns, rows = len(xs) - 1, len(ys) - 1
    if columns < 2 or rows < 1:
        return None
    owner: dict[tuple[int, int], int] = {}
    spans: list[tuple[int, int, int, int]] = []
    for x0, top, x1, bottom in boxes:
        c0, c1 = _nearest(xs, x0), _nearest(xs, x1)
        r0, r1 = _nearest(ys, top), _nearest(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        index = len(spans)
        spans.append((r0, r1, c0, c1))
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner.setdefault((r, c), index)
    # A position no drawn cell covers (a border missing at the page top) gets a cell of
    # its own, so its text is not lost.
    for r in range(rows):
        for c in range(columns):
            if (r, c) not in owner:
                owner[(r, c)] = len(spans)
                spans.append((r, r + 1, c, c + 1))
    texts: list[list[Glyph]] = [[] for _ in spans]
    for glyph in glyphs:
        cx, cy = glyph.centre_x, glyph.centre_y
        if not (xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1]):
            continue
        c = min(bisect.bisect_right(xs, cx) - 1, columns - 1)
        r = min(bisect.bisect_right(ys, cy) - 1, rows - 1)
        texts[owner[(r, c)]].append(glyph)
    if not any(texts):
        return None
    cells = tuple(
        GridCell(block_text(found), r0, r1, xs[c0], xs[c1], ys[r0], ys[r1])
        for (r0, r1, c0, c1), found in zip(spans, texts, strict=True)
    )
    fragment = Fragment(cells, rows, xs[0], xs[-1], ys[0], ys[-1], (page,) * rows)
    return drop_empty_rows(fragment)


def drop_empty_rows(fragment: Fragment) -> Fragment | None:
    """The fragment without rows where nothing is printed (None when nothing is left)."""
    filled = [False] * fragment.rows
    for cell in fragment.cells:
        if cell.text:
            for r in range(cell.row, cell.row_end):
                filled[r] = True
    if all(filled):
        return fragment
    if not any(filled):
        return None
    new_index = []
    count = 0
    for keep in filled:
        new_index.append(count)
        count += keep
    new_index.append(count)
    cells = []
    for cell in fragment.cells:
        r0, r1 = new_index[cell.row], new_index[cell.row_end]
        if r1 > r0:
            cells.append(attrs.evolve(cell, row=r0, row_end=r1))
    pages = tuple(p for p, keep in zip(fragment.row_pages, filled, strict=True) if keep)
    return attrs.evolve(fragment, cells=tuple(cells), rows=count, row_pages=pages)


def continues(upper: Fragment, lower: Fragment) -> bool:
    """Whether ``lower`` (first on its page) goes on with ``upper`` (last on the page
    before): the same left and right sides."""
    return abs(upper.x0 - lower.x0) <= JOIN_TOLERANCE and abs(upper.x1 - lower.x1) <= JOIN_TOLERANCE


def _overlap(a: GridCell, b: GridCell) -> float:
    """The share of the narrower cell that lies under the other: 0 for neighbours that
    only share a rule."""
    width = min(a.x1 - a.x0, b.x1 - b.x0)
    return (min(a.x1, b.x1) - max(a.x0, b.x0)) / width if width > 0 else 0.0


def _same_column(a: GridCell, b: GridCell) -> bool:
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    return overlap >= 0.8 * max(a.x1 - a.x0, b.x1 - b.x0)


def join(upper: Fragment, lower: Fragment) -> Fragment:
    """One fragment from a table's part on one page and its continuation on the next.

    A page break can cut a row: when the continuation's first row holds no number and
    starts no numbered label, it is the rest of the row above, and each of its cells
    is joined to the cell above it. A page break also cuts cells that span rows (a
    group label set over several rows, ``（四）无`` / ``法提供``): a label cell at the
    foot of the first part and the one at the head of the second are joined when
    either spans several rows and the lower one is empty or starts no numbered label.
    """
    head = [c for c in lower.cells if c.row == 0]
    foot = [c for c in upper.cells if c.row_end == upper.rows]
    rest_of_row = (
        any(c.text for c in head)
        and not any(is_value(c.text) or _NUMBERED.match(c.text) for c in head)
        # a cut row leaves its value cells to one half: text below a printed number
        # starts a row of its own (a table 二 block heading after a full row)
        and not any(
            b.text and is_value(a.text) and _overlap(a, b) > 0.5 for a in foot for b in head
        )
    )
    shift = upper.rows - 1 if rest_of_row else upper.rows
    merged: dict[int, list[GridCell]] = {}  # index in upper.cells -> lower cells joined to it
    absorbed: set[int] = set()
    upper_index = {id(c): i for i, c in enumerate(upper.cells)}
    for j, below in enumerate(lower.cells):
        if below.row != 0:
            continue
        above = next((a for a in foot if _same_column(a, below)), None)
        if above is None:
            continue
        if rest_of_row:
            joinable = True
        else:
            labels = not is_value(above.text) and above.text != "" and not is_value(below.text)
            spanning = above.row_end - above.row > 1 or below.row_end - below.row > 1
            joinable = labels and spanning and not _NUMBERED.match(below.text)
        if joinable:
            merged.setdefault(upper_index[id(above)], []).append(below)
            absorbed.add(j)
    cells: list[GridCell] = []
    for i, cell in enumerate(upper.cells):
        extra = merged.get(i)
        if not extra:
            cells.append(cell)
            continue
        text = "\n".join(t for t in (cell.text, *(b.text for b in extra)) if t)
        row_end = max(b.row_end for b in extra) + shift
        cells.append(attrs.evolve(cell, text=text, row_end=max(row_end, cell.row_end)))
    for j, cell in enumerate(lower.cells):
        if j not in absorbed:
            cells.append(attrs.evolve(cell, row=cell.row + shift, row_end=cell.row_end + shift))
    lower_pages = lower.row_pages[1:] if rest_of_row else lower.row_pages
    return Fragment(
        cells=tuple(cells),
        rows=shift + lower.rows,
        x0=min(upper.x0, lower.x0),
        x1=max(upper.x1, lower.x1),
        top=upper.top,
        bottom=lower.bottom,
        row_pages=upper.row_pages + lower_pages,
    )


def grid(fragment: Fragment) -> list[list[tuple[GridCell | None, bool]]]:
    """The fragment as rows of columns: each position's cell and whether the position
    is covered by a cell that starts elsewhere (``spanned``)."""
    xs = cluster(v for cell in fragment.cells for v in (cell.x0, cell.x1))
    columns = max(len(xs) - 1, 1)
    positions: list[list[tuple[GridCell | None, bool]]] = [
        [(None, False)] * columns for _ in range(fragment.rows)
    ]
    for cell in sorted(fragment.cells, key=lambda c: (c.row, c.x0)):
        c0 = min(_nearest(xs, cell.x0), columns - 1)
        c1 = max(_nearest(xs, cell.x1), c0 + 1)
        for r in range(cell.row, min(cell.row_end, fragment.rows)):
            for c in range(c0, min(c1, columns)):
                if positions[r][c][0] is None:
                    positions[r][c] = (cell, (r, c) != (cell.row, c0))
    return positions


__all__ = [
    "Fragment",
    "GridCell",
    "close_open_ends",
    "cluster",
    "continues",
    "drop_empty_rows",
    "find_cells",
    "grid",
    "join",
    "make_fragment",
]
