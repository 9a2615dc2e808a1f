"""A printed row's cells: its values aligned to a template row's columns and parsed.

The step every table reader ends in: :func:`align_values` decides which value cell is
which column (or that this is uncertain), :func:`read_row` parses them into the
report's cells, with a finding for each one it cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import partial
from itertools import compress
from typing import NamedTuple

import attrs

from govreport.build.common import ByIdentity, LabelledRow
from govreport.document import Cell as DocCell
from govreport.document import Location
from govreport.layout import (
    TABLE2_2019,
    TABLE2_2021,
    TABLE3_SINGLE_OTHER,
    TABLE3_SPLIT_OTHER,
    TABLE4,
    Column,
    Row,
    label_core,
)
from govreport.messages import message
from govreport.model import Cell, Finding, Severity, Value, built_cells
from govreport.numbers import looks_numeric, parse_number


def _typo_of(labels: Sequence[str], row: Row) -> str | None:
    for text in labels:
        core = label_core(text)
        for typo in row.typos:
            if typo in core:
                return typo
    return None


class RowRead(NamedTuple):
    """What one printed row gave: the cells of its template row, and findings (a plain
    tuple: the builder makes one per printed row)."""

    row: Row
    cells: tuple[Cell, ...]
    findings: tuple[Finding, ...]


#: ``RowRead(*fields)`` without the named tuple's Python ``__new__`` (one per printed row)
_new_read = partial(tuple.__new__, RowRead)


def align_values(
    values: Sequence[DocCell], count: int, *, regular: bool = True
) -> list[DocCell] | None:
    """The ``count`` value cells of a row, or None when which cell is which is uncertain.

    Text tables shift columns with leading or trailing empty cells; those are dropped
    while there are more cells than columns. A row with fewer cells, or with extra
    cells that are not empty, cannot be aligned with certainty. In a grid that is not
    ``regular`` (tab-separated text), an empty cell at either end of a row with exactly
    ``count`` cells may be layout padding as well as a blank value, so such a row is
    not aligned either.
    """
    cells = list(values)
    where = _aligned_slice([cell.text for cell in cells], count, regular=regular)
    return None if where is None else cells[where]


def _aligned_slice(texts: Sequence[str], count: int, *, regular: bool) -> slice | None:
    """Where :func:`align_values` finds the ``count`` values among cells of these
    ``texts``: the cells it keeps are always a run of them."""
    start, end = 0, len(texts)
    trimmed = False
    while end - start > count and not texts[end - 1].strip():
        end -= 1
        trimmed = True
    # In a regular grid a cell after the labels is a column of its own: an empty one at
    # the start is a blank value, not padding (a 小计 column may make the row one longer).
    while end - start > count and not texts[start].strip() and not regular:
        start += 1
        trimmed = True
    if end - start != count:
        return None
    kept = texts[start:end]
    if trimmed and any(not text.strip() for text in kept):
        # Padding was dropped and a blank remains: the blank could be padding too.
        return None
    if (
        not regular
        and count > 1
        and (not kept[0].strip() or not kept[-1].strip())
        and any(text.strip() for text in kept)
    ):
        return None
    return slice(start, end)


_WRAPPED_DIGITS = re.compile(r"^\d+(?:\n\d+)+$")
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _number_tokens(cell: DocCell) -> list[DocCell] | None:
    """The numbers a value cell holds, each as a cell of its own: one for a plain number
    or for digits wrapped over lines in a narrow cell (``2\\n6`` is 26), several for
    numbers a converter put in one cell side by side (``3001 53``); None for anything
    else (a note, a blank marker, a sign)."""
    text = cell.text.strip()
    if text.isascii() and text.isdigit():
        return [cell]  # the common case: one plain count
    if "\n" in text and _WRAPPED_DIGITS.match(text):
        return [attrs.evolve(cell, text=text.replace("\n", ""))]
    tokens = text.split()
    if len(tokens) == 1 and looks_numeric(text):
        return [cell]  # with a unit or a note (251000元), or a blank mark (—): one value
    if not tokens or not all(_PLAIN_NUMBER.fullmatch(token) for token in tokens):
        return None
    return [attrs.evolve(cell, text=token) for token in tokens]


def _has_merged_cells(texts: Sequence[str]) -> bool:
    return any(len(text.split()) > 1 for text in texts)


def values_by_count(values: Sequence[DocCell], count: int) -> list[DocCell] | None:
    """The row's ``count`` values when it prints exactly ``count`` numbers, in order:
    every blank cell among them is then layout (a span's leftover, a cut), not a column.
    None when it prints more or fewer, or anything but numbers."""
    joined = "".join([c.text for c in values])
    if joined.isascii() and joined.isdigit():  # blanks and plain counts only
        numbers = [c for c in values if c.text]
        return numbers if len(numbers) == count else None
    numbers = []
    for cell in values:
        text = cell.text
        if text.isascii() and text.isdigit():
            numbers.append(cell)  # the common case, as _number_tokens reads it
            continue
        if not text.strip():
            continue
        tokens = _number_tokens(cell)
        if tokens is None:
            return None
        numbers.extend(tokens)
    return numbers if len(numbers) == count else None


def _unaligned_values(
    printed: LabelledRow, count: int, table: str
) -> tuple[Sequence[str], Sequence[Location]] | None:
    """The texts and locations of the values of a row no header placed: by their count
    where that is certain, else by position (:func:`align_values`)."""
    # A grid's blank cell is a column of its own, unless a converter merged cells (two
    # numbers in one) or the row has two cells or more beyond its columns (a 小计 column
    # is one); table 二 has no column a count could confuse (no 小计).
    texts = printed.texts
    positional = (
        printed.regular
        and not _has_merged_cells(texts)
        and len(texts) < count + 2
        and table != "t2"
    )
    if not positional:
        by_count = values_by_count(printed.values, count)
        if by_count is not None:
            return [c.text for c in by_count], [c.location for c in by_count]
    where = _aligned_slice(texts, count, regular=printed.regular)
    if where is None:
        return None
    return texts[where], printed.locations[where]


def _unreadable(row: Row, printed: LabelledRow, ids: Sequence[str], why: str) -> RowRead:
    """The row's cells unread, with an S3 finding saying ``why``."""
    finding = Finding(
        rule="S3",
        severity=Severity.WARNING,
        message=why,
        cells=tuple(ids),
        locations=(printed.location,),
    )
    count = len(ids)
    cells = built_cells(ids, [None] * count, [""] * count, [printed.location] * count)
    return RowRead(row, cells, (finding,))


#: whether a row's columns hold an amount
_DECIMAL: ByIdentity[Sequence[Column], bool] = ByIdentity(1024)


def _any_decimal(columns: Sequence[Column]) -> bool:
    entry = _DECIMAL.entries.get(("", id(columns)))  # asked per row: no call of get
    if entry is not None and entry[0] is columns:
        return entry[1]
    return _DECIMAL.keep(columns, any(column.decimal for column in columns))


#: the rows of the template's tables that hold counts only and have no known typo: their
#: row of plain counts needs no other look (the layouts live as long as the process, so
#: their ids stay theirs; any other row takes the general steps, to the same cells)
_COUNT_ROWS = frozenset(
    id(row)
    for layout in (TABLE2_2019, TABLE2_2021, TABLE3_SPLIT_OTHER, TABLE3_SINGLE_OTHER, TABLE4)
    for row in layout.rows
    if not row.typos and not any(column.decimal for column in row.columns)
)


def _parse_cells(
    ids: Sequence[str],
    columns: Sequence[Column],
    texts: Sequence[str],
    locations: Sequence[Location],
) -> tuple[list[Value], list[str], list[Finding]]:
    """Each aligned value's number (None for a blank or a text that cannot be read, with
    a finding), and its text as read."""
    values: list[Value] = []
    read: list[str] = []
    findings: list[Finding] = []
    for cell_id, column, text, location in zip(ids, columns, texts, locations, strict=True):
        if text.isascii() and text.isdigit():  # the common case, as parse_number reads it
            values.append(Decimal(text) if column.decimal else int(text))
            read.append(text)
            continue
        if "\n" in text and _WRAPPED_DIGITS.match(text.strip()):
            # digits wrapped over lines in a narrow cell: one number
            text = text.strip().replace("\n", "")
        parsed = parse_number(text, decimal=column.decimal)
        if not parsed.ok:
            findings.append(
                Finding(
                    rule="S3",
                    severity=Severity.WARNING,
                    message=message("finding.S3.cell", text=text),
                    cells=(cell_id,),
                    locations=(location,),
                )
            )
        values.append(parsed.value if parsed.ok else None)
        read.append(text)
    return values, read, findings


def read_row(
    row: Row, printed: LabelledRow, ids: Sequence[str], part: Sequence[int] | None = None
) -> RowRead:
    """The cells of one printed row, named ``ids`` (one per column of ``row``); with
    ``part``, those of the values at these positions, placed already (a part of an
    aligned row). An aligned row's values are read from its texts and locations: its
    cells are not made (see :func:`~govreport.build.common.labelled_row`)."""
    if printed.problem:
        why = message("finding.S3.row_problem", row=row.label, problem=printed.problem)
        return _unreadable(row, printed, ids, why)
    columns = row.columns
    count = len(columns)
    texts: Sequence[str] | None = None
    locations: Sequence[Location] = ()
    if part is None and not (printed.aligned or printed.regular):
        # the common row of a table that is not regular: blanks and exactly ``count``
        # plain counts, taken as values_by_count takes them
        shown = printed.texts
        joined = "".join(shown)
        if joined.isascii() and joined.isdigit():
            plain = list(filter(None, shown))  # the blanks are empty: the rest are counts
            if len(plain) == count:
                at = list(compress(printed.locations, shown))
                if count == len(ids) and id(row) in _COUNT_ROWS:
                    # read as parse_number reads them, without a step below
                    return _new_read((row, built_cells(ids, list(map(int, plain)), plain, at), ()))
                return _read_values(row, printed, ids, columns, plain, at, counts=True)
    if printed.aligned and printed.ids and ids[0].startswith("t3."):
        # a table cut at the page's edge: only the columns printed
        columns = tuple(c for c in columns if c.key in printed.ids)
        ids = [f"t3.{row.key}.{c.key}" for c in columns]
    if part is not None:
        texts = [printed.texts[i] for i in part]
        locations = [printed.locations[i] for i in part]
    elif printed.aligned:
        texts, locations = printed.texts, printed.locations
    if texts is None:
        unaligned = _unaligned_values(printed, count, table=ids[0].split(".")[0])
        if unaligned is None:
            return _unaligned(row, printed, ids)
        texts, locations = unaligned
    joined = "".join(texts)
    counts = all(texts) and joined.isascii() and joined.isdigit()
    return _read_values(row, printed, ids, columns, texts, locations, counts=counts)


def _read_values(
    row: Row,
    printed: LabelledRow,
    ids: Sequence[str],
    columns: Sequence[Column],
    texts: Sequence[str],
    locations: Sequence[Location],
    *,
    counts: bool,
) -> RowRead:
    """The cells of the row's aligned values (``counts``: each a plain count)."""
    if len(texts) != len(ids):
        return _unaligned(row, printed, ids)
    if counts and not _any_decimal(columns):
        # every cell a plain count: read as parse_number reads it, without a loop of ours
        values: list[Value] = list(map(int, texts))
        findings: list[Finding] = []
    else:
        values, texts, findings = _parse_cells(ids, columns, texts, locations)
    typo = _typo_of(printed.labels, row) if row.typos else None
    if typo:
        findings.append(
            Finding(
                rule="S6",
                severity=Severity.INFO,
                message=message("finding.S6", typo=typo, row=row.label),
                cells=tuple(ids),
                locations=(printed.location,),
            )
        )
    return _new_read((row, built_cells(ids, values, texts, locations), tuple(findings)))


def _unaligned(row: Row, printed: LabelledRow, ids: Sequence[str]) -> RowRead:
    shown = " | ".join(printed.texts)
    why = message("finding.S3.row_unaligned", row=row.label, shown=shown)
    return _unreadable(row, printed, ids, why)


_CELL_IDS: ByIdentity[Row, tuple[str, ...]] = ByIdentity(1024)


def cell_ids(table: str, row: Row) -> tuple[str, ...]:
    """The ids of a row's cells in ``table``, in column order."""
    entry = _CELL_IDS.entries.get((table, id(row)))  # asked per row: no call of get
    if entry is not None and entry[0] is row:
        return entry[1]
    return _CELL_IDS.keep(row, tuple(f"{table}.{row.key}.{c.key}" for c in row.columns), table)
