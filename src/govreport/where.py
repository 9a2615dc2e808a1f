"""Where a finding stands, as a person looks for it: the table's row and column labels
first (表三「（一）予以公开」行「总计」列), then the page or line. The document's own table
counters and HTML XPaths stay in the JSON form (``Finding.to_dict``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from govreport.document import Location
from govreport.layout import cell_labels
from govreport.messages import message

_TABLE_WORDS = {"t2": "表二", "t3": "表三", "t4": "表四"}


def _separator() -> str:
    # punctuation between the parts, in the language of the messages
    return message("where.separator")


def _numbers(key: str, numbers: Sequence[int], most: int | None = None) -> str:
    """``第 3、4 页`` / ``pages 3, 4``: at most ``most`` numbers, then an ellipsis."""
    shown = message("where.list").join(str(n) for n in numbers[:most])
    if most is not None and len(numbers) > most:
        shown += "…"
    key = f"{key}.many" if len(numbers) > 1 else key
    return message(key, pages=shown) if "pages" in key else message(key, lines=shown)


def page_of(page: int, name: str | None = None) -> str:
    """``page 3 of x.pdf`` / ``x.pdf 第 3 页`` (without a name: ``page 3`` / ``第 3 页``):
    where a reader stopped, for an error's ``where``."""
    if name:
        return message("location.page_of", page=page, name=name)
    return message("location.page", page=page)


def describe_cells(cells: Sequence[str]) -> str:
    """The cells by their printed labels, table by table: one cell, one row, one column,
    a table 四 block, or how many cells."""
    labels = cell_labels()
    parts: list[str] = []
    for table, word in _TABLE_WORDS.items():
        mine = [c for c in cells if c.startswith(f"{table}.")]
        if not mine:
            continue
        rows = list(dict.fromkeys(labels.get(c, (c, ""))[0] for c in mine))
        columns = list(dict.fromkeys(labels.get(c, ("", c))[1] for c in mine))
        if len(rows) == 1 and len(columns) == 1:
            parts.append(message("where.cell", table=word, row=rows[0], column=columns[0]))
        elif len(rows) == 1:
            key = "where.block" if table == "t4" else "where.row"
            parts.append(message(key, table=word, row=rows[0]))
        elif len(columns) == 1:
            parts.append(message("where.column", table=word, column=columns[0]))
        else:
            parts.append(message("where.cells", table=word, count=len(mine)))
    return _separator().join(parts)


def describe_places(locations: Iterable[Location]) -> str:
    """The pages the locations stand on, or else their lines; never an XPath."""
    located = list(locations)
    pages = sorted({loc.page for loc in located if loc.page is not None})
    if pages:
        return _numbers("where.pages", pages)
    lines = sorted({loc.line for loc in located if loc.line is not None})
    if lines:
        return _numbers("where.lines", lines, most=6)
    return ""


def describe(cells: Sequence[str], locations: Iterable[Location]) -> str:
    """Labels first, page or line second, as one string (empty when nothing is known)."""
    parts = [p for p in (describe_cells(cells), describe_places(locations)) if p]
    return _separator().join(parts)


__all__ = ["describe", "describe_cells", "describe_places", "page_of"]
