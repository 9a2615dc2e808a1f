"""The neutral document a format plugin returns: headings, paragraphs and table grids.

A reader knows its format and nothing about the report; it turns its input into these
blocks, in reading order, each with the :class:`Location` it came from. The builder
(:mod:`govreport.build`) turns a :class:`Document` into a :class:`govreport.Report`.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, cast

import attrs


def _as_box(value: Sequence[float] | None) -> tuple[float, float, float, float] | None:
    # JSON gives a list; the location stays hashable with a tuple
    if value is None:
        return None
    x0, top, x1, bottom = (round(float(v), 2) for v in value)
    return (x0, top, x1, bottom)


@attrs.frozen
class Location:
    """Where in the source something stands. Every field is optional; a reader fills
    the ones its format has (a line for text, a page and cell for PDF, a table, row
    and cell plus an XPath for HTML). ``str()`` gives the place in the current language
    without the XPath; :meth:`to_dict` (the JSON form) has every field."""

    line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    xpath: str | None = None
    #: a PDF cell's box on its page, (x0, top, x1, bottom) in points from the top left
    #: (the evidence images of the validation page are cut from it). Not part of a
    #: location's identity: PDF engines place the same cell a hundredth of a point apart.
    box: tuple[float, float, float, float] | None = attrs.field(
        default=None, converter=_as_box, eq=False
    )
    #: how surely an OCR reader recognised the text standing here (0-1, the value's
    #: least sure character); None for text taken from a text layer. Not part of a
    #: location's identity either: a note about a cell stands at the cell's location.
    confidence: float | None = attrs.field(default=None, eq=False)

    def __str__(self) -> str:
        """The place in words of the current language (``page 4, table 2, row 3`` /
        ``第 4 页，第 2 个表格，第 3 行``); the XPath is left to :meth:`to_dict`."""
        from govreport.messages import message

        parts = [
            message(f"location.{name}", **{name: value})
            for name in ("page", "line", "table", "row", "column")
            if (value := getattr(self, name)) is not None
        ]
        if not parts:
            return message("location.unknown")
        return message("where.separator").join(parts)

    def to_dict(self) -> dict[str, int | str | list[float]]:
        out: dict[str, int | str | list[float]] = {}
        for field in attrs.fields(Location):
            value = getattr(self, field.name)
            if value is not None:
                out[field.name] = list(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Location:
        return cls(**data)


@attrs.frozen
class Heading:
    """A heading as the format marks it (``#`` in Markdown, ``<h2>``, a Word style)."""

    text: str
    level: int = 1
    location: Location = Location()


@attrs.frozen
class Paragraph:
    """A run of body text. Formats that do not mark headings give headings as paragraphs;
    the builder recognises the report's section headings by their words."""

    text: str
    location: Location = Location()


@attrs.frozen
class Cell:
    """One position of a table grid. ``text`` is the cell's text with internal line
    breaks kept as ``\\n``; ``spanned`` marks a position covered by a cell that spans
    rows or columns and whose text is repeated here."""

    text: str
    location: Location = Location()
    spanned: bool = False


def slot_setters(cls: type, *names: str) -> tuple[Callable[[Any, Any], None], ...]:
    """The setters of the named fields of a slotted attrs class, for the constructors
    that make hundreds of objects per report from values already checked (attrs'
    generic ``__init__`` costs more than the setting). The class stays frozen to its
    users: ``setattr`` still raises."""
    return tuple(cls.__dict__[name].__set__ for name in names)


# A text table has a cell per tab-separated field, hundreds per report: readers that
# make them from a str and a Location they made themselves skip attrs' generic __init__.
_new = object.__new__
_set_text, _set_location, _set_spanned = slot_setters(Cell, "text", "location", "spanned")
_set_paragraph_text, _set_paragraph_location = slot_setters(Paragraph, "text", "location")


def read_paragraph(text: str, location: Location) -> Paragraph:
    """``Paragraph(text, location)`` for a reader's own str and Location, made faster."""
    paragraph: Paragraph = _new(Paragraph)
    _set_paragraph_text(paragraph, text)
    _set_paragraph_location(paragraph, location)
    return paragraph


def read_cell(text: str, location: Location) -> Cell:
    """``Cell(text, location)`` for a reader's own str and Location, made faster."""
    cell: Cell = _new(Cell)
    _set_text(cell, text)
    _set_location(cell, location)
    _set_spanned(cell, False)
    return cell


@attrs.frozen
class Table:
    """A table as a grid of rows. Rows may differ in length (text tables often do);
    ``regular`` says the reader expanded spans so that column positions line up."""

    rows: tuple[tuple[Cell, ...], ...]
    location: Location = Location()
    regular: bool = False

    def texts(self) -> list[list[str]]:
        return [[cell.text for cell in row] for row in self.rows]

    def __getattr__(self, name: str) -> Any:
        # Called only when ``rows`` is not set: a table of plain rows (see plain_table)
        # makes its cells the first time they are asked for. The entry goes once the
        # cells are set: a thread that asks meanwhile makes equal ones, or finds them set.
        plain = _PLAIN.get(id(self)) if name == "rows" else None
        if plain is None:
            with contextlib.suppress(AttributeError):
                if name == "rows":  # made by another thread since this one asked
                    return _get_table_rows(self, Table)
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        if _get_table_regular(self):
            rows = tuple(map(grid_cells, cast("Sequence[GridRow]", plain[0])))
        else:
            text_rows = cast("Sequence[PlainRow]", plain[0])
            rows = tuple(tuple(map(read_cell, texts, locations)) for texts, locations in text_rows)
        _set_table_rows(self, rows)
        _PLAIN.pop(id(self), None)
        return rows


#: A table row whose cells span nothing: their texts and their locations (a plain
#: tuple: a reader makes one per line of a table).
PlainRow = tuple[Sequence[str], Sequence[Location]]


#: A row of an expanded grid (see :func:`grid_table`): its texts, its locations, and
#: which positions a cell spanning rows or columns covers (None: none).
GridRow = tuple[Sequence[str], Sequence[Location], Sequence[bool] | None]


#: The rows of the tables made by plain_table and grid_table whose cells are not made
#: yet, by the table's id, with a weak reference whose callback drops the entry with the
#: table. A grid's table is regular, a plain table is not: that tells their rows apart.
_PLAIN: dict[int, tuple[Sequence[PlainRow] | Sequence[GridRow], weakref.ref[Table]]] = {}
_new_table = object.__new__
_set_table_rows, _set_table_location, _set_table_regular = slot_setters(
    Table, "rows", "location", "regular"
)


_get_table_rows = Table.__dict__["rows"].__get__
_get_table_regular = Table.__dict__["regular"].__get__


def plain_table(rows: Sequence[PlainRow], location: Location) -> Table:
    """``Table(rows=<a Cell of each text and location>, location=location)``, whose cells
    are made only when its ``rows`` are first asked for: a text report's builder reads
    the texts (:func:`plain_rows`) and makes cells only of the values it keeps. The
    table is equal, hashes and prints as the one made with its cells."""
    return _lazy_table(rows, location, regular=False)


def grid_table(rows: Sequence[GridRow], location: Location) -> Table:
    """``Table(rows=<grid_cells of each row>, location=location, regular=True)`` for an
    expanded grid (an HTML table's), whose cells are made only when its ``rows`` are first
    asked for: the builder labels the rows from their texts (:func:`grid_rows`). Equal,
    hashes and prints as the table made with its cells."""
    return _lazy_table(rows, location, regular=True)


def _lazy_table(
    rows: Sequence[PlainRow] | Sequence[GridRow], location: Location, *, regular: bool
) -> Table:
    table: Table = _new_table(Table)
    _set_table_location(table, location)
    _set_table_regular(table, regular)
    key = id(table)
    _PLAIN[key] = (rows, weakref.ref(table, lambda _: _PLAIN.pop(key, None)))
    return table


def grid_cells(row: GridRow) -> tuple[Cell, ...]:
    """The cells of a row of an expanded grid: a Cell of each text and location,
    ``spanned`` where a span covers the position."""
    texts, locations, spanned = row
    cells = tuple(map(read_cell, texts, locations))
    if spanned is not None:
        for cell, covered in zip(cells, spanned, strict=True):
            if covered:
                _set_spanned(cell, True)
    return cells


def _pending_rows(table: Table) -> Sequence[PlainRow] | Sequence[GridRow] | None:
    plain = _PLAIN.get(id(table))
    return None if plain is None or plain[1]() is not table else plain[0]


def plain_rows(table: Table) -> Sequence[PlainRow] | None:
    """The rows of a table made by :func:`plain_table` as texts and locations, while its
    cells are not made; None for any other table (whose ``rows`` hold its cells)."""
    if _get_table_regular(table):
        return None
    return cast("Sequence[PlainRow] | None", _pending_rows(table))


def grid_rows(table: Table) -> Sequence[GridRow] | None:
    """The rows of a table made by :func:`grid_table` as texts, locations and spans,
    while its cells are not made; None for any other table."""
    if not _get_table_regular(table):
        return None
    return cast("Sequence[GridRow] | None", _pending_rows(table))


Block = Heading | Paragraph | Table


@attrs.frozen
class Note:
    """Something a reader noticed that the builder passes on as a finding
    (text that decoded to ``(cid:123)`` glyphs, a table cut by a page break)."""

    code: str
    message: str
    location: Location = Location()


@attrs.frozen
class Document:
    """Neutral blocks in reading order, plus what the format knows of the title."""

    blocks: tuple[Block, ...]
    title: str | None = None
    format: str = ""
    notes: tuple[Note, ...] = ()

    def tables(self) -> Iterator[Table]:
        return (block for block in self.blocks if isinstance(block, Table))


__all__ = [
    "Block",
    "Cell",
    "Document",
    "GridRow",
    "Heading",
    "Location",
    "Note",
    "Paragraph",
    "PlainRow",
    "Table",
    "grid_cells",
    "grid_rows",
    "grid_table",
    "plain_rows",
    "plain_table",
]
