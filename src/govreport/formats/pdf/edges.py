"""Rules as edges, and edges -> intersections -> cells -> tables: pdfplumber's steps.

A port of pdfplumber's ``utils.geometry`` edge helpers and the "lines" strategy of its
``table.py`` (MIT licence, Jeremy Singer-Vine), step for step and with the same
results, so that the pdfium engine needs neither pdfplumber nor pdfminer: importing
them costs about 17 MB and most of a second. An edge is a dict with ``orientation``
(``"h"`` or ``"v"``), ``x0``, ``x1``, ``top``, ``bottom``, ``width`` and ``height``,
in points from the page's top left corner, as pdfplumber's edge dicts are.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

Edge = dict[str, Any]
Box = tuple[float, float, float, float]
Point = tuple[float, float]

# --- drawn objects to edges (pdfplumber.utils.geometry) ------------------------------------


def object_edges(obj: dict[str, Any]) -> list[Edge]:
    """The edges of a line, rect or curve object (pdfplumber's ``obj_to_edges``)."""
    kind = obj["object_type"]
    if kind == "line":
        # pdfplumber calls any line that is not flat vertical
        return [{**obj, "orientation": "h" if obj["top"] == obj["bottom"] else "v"}]
    if kind == "rect":
        return _rect_edges(obj)
    return _curve_edges(obj)


def _rect_edges(rect: dict[str, Any]) -> list[Edge]:
    top = {**rect, "object_type": "rect_edge", "height": 0, "bottom": rect["top"]}
    bottom = {
        **rect,
        "object_type": "rect_edge",
        "height": 0,
        "top": rect["top"] + rect["height"],
    }
    left = {**rect, "object_type": "rect_edge", "width": 0, "x1": rect["x0"]}
    right = {**rect, "object_type": "rect_edge", "width": 0, "x0": rect["x1"]}
    for edge, orientation in ((top, "h"), (bottom, "h"), (left, "v"), (right, "v")):
        edge["orientation"] = orientation
    return [top, bottom, left, right]


def _curve_edges(curve: dict[str, Any]) -> list[Edge]:
    pts = curve["pts"]
    return [
        {
            "object_type": "curve_edge",
            "x0": min(p0[0], p1[0]),
            "x1": max(p0[0], p1[0]),
            "top": min(p0[1], p1[1]),
            "bottom": max(p0[1], p1[1]),
            "width": abs(p0[0] - p1[0]),
            "height": abs(p0[1] - p1[1]),
            "orientation": "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None),
        }
        for p0, p1 in itertools.pairwise(pts)
    ]


# --- edges to tables (pdfplumber.table) ------------------------------------------------------


def _cluster_list(values: Sequence[float], tolerance: float) -> list[list[float]]:
    if tolerance == 0 or len(values) < 2:
        return [[x] for x in sorted(values)]
    ordered = sorted(values)
    groups: list[list[float]] = [[ordered[0]]]
    last = ordered[0]
    for x in ordered[1:]:
        if x <= last + tolerance:
            groups[-1].append(x)
        else:
            groups.append([x])
        last = x
    return groups


def _snap(edges: list[Edge], attr: str, tolerance: float) -> list[Edge]:
    """Edges within ``tolerance`` of each other on ``attr`` moved to their average."""
    clusters = _cluster_list(list({e[attr] for e in edges}), tolerance)
    index = {value: i for i, cluster in enumerate(clusters) for value in cluster}
    grouped = itertools.groupby(
        sorted(((e, index[e[attr]]) for e in edges), key=itemgetter(1)), key=itemgetter(1)
    )
    snapped: list[Edge] = []
    for _, members in grouped:
        cluster = [e for e, _ in members]
        average = sum(e[attr] for e in cluster) / len(cluster)
        for e in cluster:
            shift = average - e[attr]
            moved = dict(e)
            if attr == "x0":
                moved["x0"], moved["x1"] = e["x0"] + shift, e["x1"] + shift
            else:
                moved["top"], moved["bottom"] = e["top"] + shift, e["bottom"] + shift
            snapped.append(moved)
    return snapped


def _join_group(edges: Iterable[Edge], orientation: str, tolerance: float) -> list[Edge]:
    low, high = ("x0", "x1") if orientation == "h" else ("top", "bottom")
    ordered = sorted(edges, key=itemgetter(low))
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[low] <= last[high] + tolerance:
            if e[high] > last[high]:
                # the sizes as pdfplumber's resize_object computes them, to the last bit
                if orientation == "h":
                    joined[-1] = {**last, "x1": e["x1"], "width": e["x1"] - last["x0"]}
                else:
                    grown = last["height"] + (e["bottom"] - last["bottom"])
                    joined[-1] = {**last, "bottom": e["bottom"], "height": grown}
        else:
            joined.append(e)
    return joined


def merge_edges(edges: list[Edge], snap: float, join: float) -> list[Edge]:
    """Edges snapped to their neighbours' line and joined where they meet."""
    if snap > 0:
        edges = _snap([e for e in edges if e["orientation"] == "v"], "x0", snap) + _snap(
            [e for e in edges if e["orientation"] == "h"], "top", snap
        )

    def group(edge: Edge) -> tuple[str, float]:
        return ("h", edge["top"]) if edge["orientation"] == "h" else ("v", edge["x0"])

    return [
        e
        for key, members in itertools.groupby(sorted(edges, key=group), key=group)
        for e in _join_group(members, key[0], join)
    ]


def edges_to_intersections(
    edges: Sequence[Edge], x_tolerance: float, y_tolerance: float
) -> dict[Point, dict[str, list[Edge]]]:
    """The points where a vertical and a horizontal edge meet, with the edges there."""
    intersections: dict[Point, dict[str, list[Edge]]] = {}
    verticals = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    horizontals = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    for v in verticals:
        for h in horizontals:
            if (
                v["top"] <= h["top"] + y_tolerance
                and v["bottom"] >= h["top"] - y_tolerance
                and v["x0"] >= h["x0"] - x_tolerance
                and v["x0"] <= h["x1"] + x_tolerance
            ):
                at = intersections.setdefault((v["x0"], h["top"]), {"v": [], "h": []})
                at["v"].append(v)
                at["h"].append(h)
    return intersections


def _box(edge: Edge) -> Box:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])


def intersections_to_cells(intersections: dict[Point, dict[str, list[Edge]]]) -> list[Box]:
    """The smallest rectangles whose four corners are intersections joined by edges."""
    boxes = {
        point: ({_box(e) for e in at["v"]}, {_box(e) for e in at["h"]})
        for point, at in intersections.items()
    }

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and boxes[p1][0] & boxes[p2][0]:
            return True
        return p1[1] == p2[1] and bool(boxes[p1][1] & boxes[p2][1])

    points = sorted(intersections)
    cells: list[Box] = []
    for i, point in enumerate(points[:-1]):
        rest = points[i + 1 :]
        below = [p for p in rest if p[0] == point[0]]
        right = [p for p in rest if p[1] == point[1]]
        cell = _smallest_cell(point, below, right, boxes, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    point: Point,
    below: list[Point],
    right: list[Point],
    boxes: dict[Point, Any],
    connects: Any,
) -> Box | None:
    for below_point in below:
        if not connects(point, below_point):
            continue
        for right_point in right:
            if not connects(point, right_point):
                continue
            corner = (right_point[0], below_point[1])
            if corner in boxes and connects(corner, right_point) and connects(corner, below_point):
                return (point[0], point[1], corner[0], corner[1])
    return None


def cells_to_tables(cells: list[Box]) -> list[list[Box]]:
    """Cells grouped into tables of cells that touch at a corner, top to bottom; a
    single cell is no table."""

    def corners(box: Box) -> tuple[Point, Point, Point, Point]:
        x0, top, x1, bottom = box
        return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))

    remaining = list(cells)
    current_corners: set[Point] = set()
    current: list[Box] = []
    tables: list[list[Box]] = []
    while remaining:
        count = len(current)
        for cell in list(remaining):
            cell_corners = corners(cell)
            if not current or any(c in current_corners for c in cell_corners):
                current_corners |= set(cell_corners)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == count:
            tables.append(list(current))
            current_corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    ordered = sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in ordered if len(t) > 1]


__all__ = [
    "cells_to_tables",
    "edges_to_intersections",
    "intersections_to_cells",
    "merge_edges",
    "object_edges",
]
