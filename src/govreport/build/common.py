"""What the builder's steps share: the options, a labelled table row, the prose text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

import attrs

from govreport import flat
from govreport.document import Cell as DocCell
from govreport.document import Document, Heading, Location, Paragraph, read_cell
from govreport.limits import Limits
from govreport.pdfengine import check_engine

FIRST_TEMPLATE_YEAR = 2019

_Owner = TypeVar("_Owner")
_Answer = TypeVar("_Answer")


def _pdf_engine_name(name: str | None) -> str | None:
    return None if name is None else check_engine(name)


@attrs.frozen
class BuildOptions:
    """How the builder reads a document."""

    #: Report years before this are free-form reports and refused.
    first_year: int = FIRST_TEMPLATE_YEAR
    #: How many leading blocks may hold the title.
    title_search_blocks: int = 12
    #: When those do not, how many blocks before the first section heading are searched
    #: for a full title (agency and year): a saved page's navigation comes first.
    title_search_past_chrome: int = 400
    #: The budgets reading keeps (bytes, pages, seconds...), see docs/limits.md.
    limits: Limits = attrs.field(factory=Limits)
    #: The engine that reads PDFs, ``"pdfium"`` or ``"pdfplumber"`` (``None``: the
    #: environment's ``GOVREPORT_PDF_ENGINE``, else pdfium); see docs/formats/pdf.md.
    pdf_engine: str | None = attrs.field(default=None, converter=_pdf_engine_name)


class ByIdentity(Generic[_Owner, _Answer]):
    """Answers about layout objects (a row, a layout, a row's columns), kept by the
    object's identity: an attrs layout's hash is a Python call, and the builder asks
    the same few objects about every printed row. Each entry keeps its object, so the
    id stays its own; ``limit`` bounds the entries."""

    def __init__(self, limit: int) -> None:
        #: (owner, answer) by (name, id(owner)): a caller asked per printed row may look
        #: an entry up itself (``entries.get((name, id(owner)))``, then ``entry[0] is
        #: owner``), without the call of :meth:`get`
        self.entries: dict[tuple[str, int], tuple[_Owner, _Answer]] = {}
        self._limit = limit

    def get(self, owner: _Owner, name: str = "") -> _Answer | None:
        """The answer kept for ``owner`` (and ``name``), None when there is none."""
        entry = self.entries.get((name, id(owner)))
        return entry[1] if entry is not None and entry[0] is owner else None

    def keep(self, owner: _Owner, answer: _Answer, name: str = "") -> _Answer:
        """Keep ``answer`` for ``owner`` (and ``name``), and give it back."""
        if len(self.entries) >= self._limit:
            self.entries.clear()
        self.entries[(name, id(owner))] = (owner, answer)
        return answer


#: the labels of the row that stands for a header row: its words name columns, not a row
HEADER_LABELS = ("（表头）",)


def _texts(row: LabelledRow) -> tuple[str, ...]:
    return tuple(cell.text for cell in row.values)


def _locations(row: LabelledRow) -> tuple[Location, ...]:
    return tuple(cell.location for cell in row.values)


def _filled(row: LabelledRow) -> bool:
    return holds_text(row.values)


def _page_number(row: LabelledRow) -> bool:
    return is_page_number(row.values)


@attrs.define(unsafe_hash=True)
class LabelledRow:
    """A table row split into its label cells and the value cells after them.

    A row of a table of texts (:func:`~govreport.document.plain_rows`) or of an expanded
    grid (:func:`~govreport.document.grid_rows`) is made with its values' texts and
    locations only (:func:`labelled_row` without cells): its value cells
    are made the first time ``values`` is asked for.

    The builder's own record of a row, one per table row of every report: its fields are
    set as plain slots (a frozen class's setters cost several times more), and no step
    changes a row once made (:func:`attrs.evolve` makes another); it hashes by value as
    a frozen one would."""

    labels: tuple[str, ...]
    values: tuple[DocCell, ...]
    context: str  # "t2", "t3", "t4" or "" from the headers seen before it
    location: Location
    #: the grid's spans were expanded, so its columns line up (see Table.regular)
    regular: bool = False
    #: ``values`` are exactly the table's columns, placed by the header row's positions
    aligned: bool = False
    #: why the row's columns cannot be told apart, when they cannot (e.g. the header
    #: prints the columns in another order than the template)
    problem: str | None = None
    #: for aligned rows of table 四, the cells (block.result) the values are, in order
    ids: tuple[str, ...] = ()
    #: the values' texts and locations: what most steps read of them
    texts: tuple[str, ...] = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_texts, takes_self=True)
    )
    locations: tuple[Location, ...] = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_locations, takes_self=True)
    )
    #: whether a value cell holds more than white space, and whether the values are only
    #: a page number: what every step after labelling asks of each row, worked out once
    filled: bool = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_filled, takes_self=True)
    )
    page_number: bool = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_page_number, takes_self=True)
    )

    @property
    def has_numbers(self) -> bool:
        """Whether the row prints something in its value cells that is no page number."""
        return self.filled and not self.page_number

    def __getattr__(self, name: str) -> Any:
        # Called only when ``values`` is not set: a row made of texts and locations
        # (labelled_row without cells) makes its value cells the
        # first time they are asked for.
        if name != "values":
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        values = tuple(map(read_cell, self.texts, self.locations))
        self.values = values
        return values


def holds_text(cells: Sequence[DocCell]) -> bool:
    """Whether any of ``cells`` holds more than white space."""
    return any(cell.text.strip() for cell in cells)


_PAGE_NUMBER = re.compile(r"[-—–]\s*\d{1,4}\s*[-—–]")


def is_page_number(values: Sequence[DocCell]) -> bool:
    """A row whose cells hold only a page number (- 3 -), as a converter that lost the
    page break leaves it among a table's rows."""
    return is_page_number_text([cell.text for cell in values])


def is_page_number_text(texts: Sequence[str]) -> bool:
    """:func:`is_page_number` of the cells' texts."""
    for text in texts:  # the text must start with a dash: most rows end here
        first = text.strip()[:1]
        if first:
            if first not in "-—–":
                return False
            break
    else:
        return False
    joined = " ".join(t.strip() for t in texts if t.strip())
    return bool(_PAGE_NUMBER.fullmatch(joined))


_new = object.__new__


def labelled_row(
    labels: tuple[str, ...],
    values: tuple[DocCell, ...] | None,
    texts: tuple[str, ...],
    locations: tuple[Location, ...],
    context: str,
    location: Location,
    regular: bool,
    aligned: bool,
    problem: str | None,
    ids: tuple[str, ...],
    filled: bool | None = None,
) -> LabelledRow:
    """``LabelledRow(...)`` with every field given (``texts`` and ``locations`` are the
    ``values``' own), made without attrs' generic __init__ (the labelling step makes one
    per table row). With ``values`` None, the value cells are made of ``texts`` and
    ``locations`` the first time they are asked for (an aligned row is read from its
    texts and locations, and never asks). ``filled``: whether a text holds more than
    white space, when the caller knows it."""
    row: LabelledRow = _new(LabelledRow)
    row.labels = labels
    if values is not None:
        row.values = values
    row.context = context
    row.location = location
    row.regular = regular
    row.aligned = aligned
    row.problem = problem
    row.ids = ids
    row.texts = texts
    row.locations = locations
    if filled is None:
        filled = any(map(str.strip, texts))
    row.filled = filled
    # a page number is the text of a filled row, starting with a dash: most rows start
    # with a number, and are no page number without the call to say so
    first = texts[0].strip() if texts else ""
    row.page_number = filled and (not first or first[0] in "-—–") and is_page_number_text(texts)
    return row


def prose_text(document: Document, limit: int | None = None) -> str:
    """The text of the document's headings and paragraphs, one block a line; with
    ``limit``, only its first ``limit`` characters (the blocks past them are not joined:
    a page of 400,000 paragraphs needs only its beginning for the year)."""
    blocks = (b.text for b in document.blocks if isinstance(b, (Heading, Paragraph)))
    if limit is None:
        return "\n".join(blocks)
    taken: list[str] = []
    size = 0
    for text in blocks:
        if size >= limit:
            break
        taken.append(text)
        size += len(text) + 1
    return "\n".join(taken)[:limit]


def prose_locator(document: Document) -> flat.Locator:
    """Maps an offset in :func:`prose_text`'s text to its block's location, with the column
    counted from the start of the block (one-based). The offsets are counted on the
    first call: most documents are read without a flat reading asking for one."""
    starts: list[int] = []
    locations: list[Location] = []

    def count() -> None:
        offset = 0
        for block in document.blocks:
            if isinstance(block, (Heading, Paragraph)):
                starts.append(offset)
                locations.append(block.location)
                offset += len(block.text) + 1

    def locate(position: int) -> Location | None:
        if not starts:
            count()
        index = bisect.bisect_right(starts, position) - 1
        if index < 0:
            return None
        location = locations[index]
        if location.line is None:
            return location
        return attrs.evolve(location, column=position - starts[index] + 1)

    return locate
