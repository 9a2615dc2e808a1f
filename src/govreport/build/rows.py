"""The row-labelling step: every table row as its label cells and its value cells.

Rows are read in document order, across tables: a header row tells which table
(二, 三 or 四) the rows after it belong to, and for tables 三 and 四 which grid column
is which template column (see :mod:`govreport.build.columns`). A table continued on
the next page repeats no header and keeps the columns of the part before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from govreport import memo
from govreport.build.columns import (
    T3_KEYS,
    T4_KEYS,
    Placing,
    first_columns_in,
    header_order_problem_key,
    label_end,
    map_fits,
    out_of_order,
    placed_values,
    placing,
    spread_group_headings,
    t3_column_map,
    t3_cut_columns,
    t4_column_map,
)
from govreport.build.common import (
    HEADER_LABELS,
    LabelledRow,
    labelled_row,
)
from govreport.build.split import split_row, split_texts
from govreport.build.template import EVIDENCE
from govreport.document import Cell as DocCell
from govreport.document import GridRow, Location, grid_cells, grid_rows, plain_rows
from govreport.document import Table as DocTable
from govreport.layout import (
    T3_COLUMNS,
    TABLE2_2019,
    TABLE2_2021,
    TABLE3_SPLIT_OTHER,
    TABLE4,
    label_core,
    normalize,
)
from govreport.messages import message
from govreport.numbers import looks_numeric

_T3_HEADER = ("申请人情况", "自然人", "商业企业", "科研机构")
#: Column headings: a row with two or more of these as labels is a header row.
_COLUMN_WORDS = frozenset(
    label_core(c.label)
    for layout in (TABLE2_2019, TABLE2_2021, TABLE3_SPLIT_OTHER, TABLE4)
    for row in layout.rows
    for c in row.columns
) | {
    "申请人情况",
    "信息内容",
    "法人或其他组织",
    "维持",
    "纠正",
    "审结",
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
}
_T4_HEADER = ("行政复议", "行政诉讼")
#: Table 四's result columns: a header row with two of these (converters split 结果维持
#: into 结果 / 维持) starts table 四 even when its 行政复议 / 行政诉讼 row was lost.
_T4_RESULT_WORDS = ("维持", "纠正", "审结")
_T2_HEADER = ("第二十条", "信息内容")


@memo.remembered(maxsize=8192)
def _row_signals(joined: str) -> tuple[str, tuple[str, ...]]:
    """Which table a row's label words start ("t2", "t3", "t4" or ""), and the template
    evidence words they hold. Label texts recur across reports, hence the cache."""
    if "申请" not in joined and (
        any(word in joined for word in _T4_HEADER)
        or sum(word in joined for word in _T4_RESULT_WORDS) >= 2
    ):
        signal = "t4"
    elif any(word in joined for word in _T3_HEADER):
        signal = "t3"
    elif any(word in joined for word in _T2_HEADER):
        signal = "t2"
    else:
        signal = ""
    return signal, tuple(w for w in EVIDENCE if w in joined)


@memo.remembered(maxsize=8192)
def _label_signals(labels: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """:func:`_row_signals` of a row's labels run together."""
    return _row_signals(normalize("".join(labels)))


#: 其他 and 总计 name rows as well as columns: alone they do not make a header.
_PLAIN_COLUMN_WORDS = _COLUMN_WORDS - {"其他", "总计"}


@memo.remembered(maxsize=8192)
def _is_header(labels: tuple[str, ...], context: str) -> bool:
    """A row of column headings: two of them, or one that names only a column inside
    table 三 or 四."""
    cores = [label_core(t) for t in labels]
    if sum(1 for core in cores if core in _COLUMN_WORDS) >= 2:
        return True
    return context in ("t3", "t4") and any(core in _PLAIN_COLUMN_WORDS for core in cores)


@attrs.define
class _Scan:
    """What labelling has learnt so far, across the tables of one document."""

    rows: list[LabelledRow] = attrs.Factory(list)
    #: the template evidence words seen in labels (see :func:`~govreport.build.template.decide_template`)
    header_words: list[str] = attrs.Factory(list)
    #: "t2", "t3", "t4" or "": the table the last header named
    context: str = ""
    #: why the columns of the current header of table 三 / 四 cannot be read by position
    order_problem: dict[str, str | None] = attrs.Factory(lambda: {"t3": None, "t4": None})
    #: the column maps of tables 三 / 四 by grid width, for a part after a page break
    continued: dict[tuple[str, int], Placing] = attrs.Factory(dict)
    #: the columns labels end in, beside ``continued``
    label_ends: dict[str, set[int]] = attrs.Factory(dict)
    #: the rows placed by the maps in ``continued`` whose label end is not in
    #: ``label_ends`` yet (their texts and the first mapped column): worked out when a
    #: map is borrowed, which most documents never do
    unread_ends: dict[str, list[tuple[Sequence[str], int]]] = attrs.Factory(dict)
    #: table 三 cut at the page's right edge: how many columns are printed, and how many
    #: grid columns there are from 自然人 to the edge (see ``t3_cut_columns``)
    cut_t3: tuple[int, int] | None = None
    #: the header text of table 三's last header row, while ``cut_t3`` is not worked out
    #: from it (most tables place every row by their columns and never ask)
    cut_t3_header: dict[int, str] | None = None


def _cut_t3(scan: _Scan) -> tuple[int, int] | None:
    """``scan.cut_t3``, worked out from the last header of table 三 the first time it
    is asked for."""
    if scan.cut_t3_header is not None:
        scan.cut_t3, scan.cut_t3_header = t3_cut_columns(scan.cut_t3_header), None
    return scan.cut_t3


@attrs.define
class _Grid:
    """What labelling has learnt so far inside one table."""

    regular: bool
    #: the header text above each grid column
    header_text: dict[int, str] = attrs.Factory(dict)
    #: where the header first names 自然人 and 总计
    header_first: dict[str, int] = attrs.Factory(dict)
    #: the column map of each table context, once a data row asked for it
    maps: dict[str, Placing | None] = attrs.Factory(dict)
    #: a data row ends a header; the next header starts afresh
    header_closed: bool = False
    #: the columns come from the part of the table before this grid
    borrowed: bool = False
    #: in a grid whose spans were not expanded (Markdown from a page): the table (t3,
    #: t4) whose header shows its value columns span nothing, so that a row's last cells
    #: are its values (a label's span leaves empty cells on the left, a row span leaves
    #: cells out on the left, never on the right)
    right_aligned: str = ""


def label_rows(tables: Iterable[DocTable]) -> tuple[list[LabelledRow], list[str]]:
    """Every row of every table, labelled, plus the header words seen (for the template)."""
    scan = _Scan()
    for table in tables:
        grid = _start_grid(table, scan)
        plain = plain_rows(table)
        if plain is not None:  # a table made of texts: cells are made of its values only
            for texts, locations in plain:
                scan.rows.append(_label_plain_row(texts, locations, grid, scan))
            continue
        grid_of_texts = grid_rows(table)
        if grid_of_texts is not None:  # an expanded grid: cells of the rows that need them
            for row in grid_of_texts:
                scan.rows.append(_label_grid_row(row, table, grid, scan))
            continue
        for cells in table.rows:
            scan.rows.append(_label_row(cells, table, grid, scan))
    return scan.rows, scan.header_words


def _start_grid(table: DocTable, scan: _Scan) -> _Grid:
    """A table continued on the next page (or in the next <table>) repeats no header:
    the columns of the part before it hold, if it is a grid exactly as wide."""
    grid = _Grid(regular=table.regular)
    if table.regular and scan.context in ("t3", "t4") and (width := _width(table)) is not None:
        inherited = scan.continued.get((scan.context, width))
        if inherited is not None:
            grid.maps[scan.context] = inherited
            grid.borrowed = True
    return grid


def _width(table: DocTable) -> int | None:
    """The length of the table's first row (None: it has none), from its texts while
    its cells are not made."""
    grid_of_texts = grid_rows(table)
    if grid_of_texts is None:
        return len(table.rows[0]) if table.rows else None
    return len(grid_of_texts[0][0]) if grid_of_texts else None


def _note_signals(labels: tuple[str, ...], scan: _Scan) -> None:
    """The table a row's labels start, and the template words they hold."""
    signal, evidence = _label_signals(labels)
    if signal and signal != scan.context:
        scan.context = signal
        if signal in scan.order_problem:
            scan.order_problem[signal] = None  # a new header: judge its order afresh
    if evidence:  # a few header words of table 二
        scan.header_words.extend(evidence)


def _label_row(cells: Sequence[DocCell], table: DocTable, grid: _Grid, scan: _Scan) -> LabelledRow:
    """One row of ``table``, labelled; a header row is noted in ``grid`` and ``scan``."""
    label_list, values, problem, has_number = split_row(cells)
    labels = tuple(label_list)
    if labels:
        _note_signals(labels, scan)
    if not has_number and _is_header(labels, scan.context):
        # a header row: its words name columns, not a row
        _read_header([c.text for c in cells], [c.spanned for c in cells], grid, scan)
        return _header_row(scan.context, cells[0].location, table.regular)
    if values:
        grid.header_closed = True
    placed = None
    if _may_place(bool(values), grid, scan):
        by_columns = _placed_columns(
            [c.text for c in cells], [c.spanned for c in cells], grid, scan
        )
        if by_columns is not None:
            placed = list(by_columns[1].take(cells)), by_columns[1].ids
    if placed is None and grid.right_aligned and grid.right_aligned == scan.context:
        placed = _right_aligned(values, scan.context)
    if (
        placed is None
        and grid.regular
        and scan.context == "t3"
        and values
        and (cut := _cut_t3(scan))
    ):
        placed = _cut_at_the_edge(cells, *cut)
    location = cells[0].location if cells else table.location
    return _labelled(labels, values, placed, problem, location, table.regular, scan)


def _label_grid_row(row: GridRow, table: DocTable, grid: _Grid, scan: _Scan) -> LabelledRow:
    """:func:`_label_row` of a row of an expanded grid (see
    :func:`~govreport.document.grid_rows`): cells are made of the values it keeps, and
    of a header row (whose cells tell each column's heading)."""
    texts, locations, spanned = row
    labels, start, end, problem, has_number = split_texts(texts, spanned)
    if labels:
        _note_signals(labels, scan)
    location = locations[0] if texts else table.location
    if not has_number and _is_header(labels, scan.context):
        _read_header(texts, spanned, grid, scan)
        return _header_row(scan.context, location, True)
    # the values run from start to end, but for the positions a span covers (rare
    # among values: spans are mostly labels, to the left of start)
    kept: Sequence[int] = range(start, end)
    if spanned is not None and True in spanned[start:end]:
        kept = [i for i in kept if not spanned[i]]
    if kept:
        grid.header_closed = True
    # a regular grid's values are placed by the header's columns, or else read as they
    # stand (a regular grid is never right-aligned)
    if _may_place(bool(kept), grid, scan):
        by_columns = _placed_columns(texts, spanned, grid, scan)
        if by_columns is not None:
            values, placed = by_columns
            return _text_labelled(
                labels,
                values,
                tuple(placed.take(locations)),
                placed.ids,
                problem,
                location,
                True,
                scan,
            )
    if scan.context == "t3" and kept and (cut_t3 := _cut_t3(scan)):
        cells = grid_cells(row)
        cut = _cut_at_the_edge(cells, *cut_t3)
        return _labelled(labels, [cells[i] for i in kept], cut, problem, location, True, scan)
    if len(kept) < end - start:
        value_texts = tuple([texts[i] for i in kept])
        value_locations = tuple([locations[i] for i in kept])
    else:
        value_texts, value_locations = tuple(texts[start:end]), tuple(locations[start:end])
    return _text_labelled(labels, value_texts, value_locations, None, problem, location, True, scan)


def _text_labelled(
    labels: tuple[str, ...],
    texts: tuple[str, ...],
    locations: tuple[Location, ...],
    ids: tuple[str, ...] | None,
    problem: str | None,
    location: Location,
    regular: bool,
    scan: _Scan,
    *,
    filled: bool | None = None,
) -> LabelledRow:
    """:func:`_labelled` of a row of texts (a grid's, or a table of texts') whose values
    are ``texts`` at ``locations``, none of them spanned: those a header's columns
    placed (with the cells they are, ``ids``; for table 三 ()), or with ``ids`` None
    those read as they stand. Their cells are made only if a later step asks.
    ``filled``: whether a value holds more than white space, when the caller knows it."""
    aligned = ids is not None
    return labelled_row(
        labels,
        None,
        texts,
        locations,
        scan.context,
        location,
        regular,
        aligned,
        problem if aligned else problem or scan.order_problem.get(scan.context),
        ids or (),
        filled,
    )


def _label_plain_row(
    texts: Sequence[str], locations: Sequence[Location], grid: _Grid, scan: _Scan
) -> LabelledRow:
    """:func:`_label_row` of a row of a table of texts (see
    :func:`~govreport.document.plain_rows`): no cell is spanned and the grid is not
    regular, so no value is placed by a header's columns; cells are made of the row's
    values only."""
    labels, start, end, problem, has_number = split_texts(texts, None)
    if labels:
        _note_signals(labels, scan)
    if not has_number and _is_header(labels, scan.context):
        _read_header(texts, None, grid, scan)
        return _header_row(scan.context, locations[0], False)
    if end > start:
        grid.header_closed = True
    if grid.right_aligned and grid.right_aligned == scan.context:
        width = _right_aligned_width(texts[start:end], scan.context)
        if width is not None:  # the values are the row's last texts, placed so
            ids = T4_KEYS if scan.context == "t4" else ()
            return _text_labelled(
                labels,
                tuple(texts[end - width : end]),
                tuple(locations[end - width : end]),
                ids,
                problem,
                locations[0],
                False,
                scan,
            )
    # the values are a run of the row's texts: its slices, without a look at each column;
    # they hold a number or else only blanks (the split leaves no label among them)
    return _text_labelled(
        labels,
        tuple(texts[start:end]),
        tuple(locations[start:end]),
        None,
        problem,
        locations[0],
        False,
        scan,
        filled=has_number,
    )


def _labelled(
    labels: tuple[str, ...],
    values: list[DocCell],
    placed: tuple[list[DocCell], tuple[str, ...]] | None,
    problem: str | None,
    location: Location,
    regular: bool,
    scan: _Scan,
) -> LabelledRow:
    """The labelled row of a row's labels and values, or of the values a header's
    columns placed (``placed``)."""
    aligned = placed is not None
    if placed is not None:
        values, ids = placed
    else:
        ids = ()
    return labelled_row(
        labels,
        tuple(values),
        tuple([cell.text for cell in values]),
        tuple([cell.location for cell in values]),
        scan.context,
        location,
        regular,
        aligned,
        problem if aligned else problem or scan.order_problem.get(scan.context),
        ids,
    )


def _header_row(context: str, location: Location, regular: bool) -> LabelledRow:
    """The labelled row that stands for a header row."""
    return labelled_row(HEADER_LABELS, (), (), (), context, location, regular, False, None, ())


def _read_header(
    texts: Sequence[str], spanned: Sequence[bool] | None, grid: _Grid, scan: _Scan
) -> None:
    """Note what a header row says: whether its columns follow the template's order,
    and (in a regular grid, whose ``spanned`` says which cells a span covers, None:
    none) the text above each column."""
    context = scan.context
    row_texts = tuple(texts)
    first, order_key, span_nothing = _header_facts(row_texts, context)
    if context in scan.order_problem:
        for word, index in first:
            grid.header_first.setdefault(word, index)
        scan.order_problem[context] = (
            scan.order_problem[context]
            or (message(order_key) if order_key else None)
            or (
                message("problem.t3_total_first")
                if context == "t3" and out_of_order(grid.header_first, ("自然人", "总计"))
                else None
            )
        )
    if not grid.regular and span_nothing:
        grid.right_aligned = context
    if grid.regular:  # a table of texts (plain_rows) is never regular
        grid.borrowed = False
        if grid.header_closed:
            grid.header_text, grid.header_closed = {}, False
        spread = _spread_headings(row_texts, None if spanned is None else tuple(spanned))
        header = grid.header_text
        if header:  # a header row below another: its words add to the text above each column
            for index, text in enumerate(spread):
                header[index] = header.get(index, "") + text
        else:
            header.update(enumerate(spread))
        grid.maps = {}
        if context == "t3":
            scan.cut_t3_header = dict(grid.header_text)


@memo.remembered(maxsize=1024)
def _header_facts(
    texts: tuple[str, ...], context: str
) -> tuple[tuple[tuple[str, int], ...], str | None, bool]:
    """What a header row of ``context`` says by itself: where it first names 自然人 and
    总计, the message key of the order problem of its columns, and whether its value
    columns span nothing. Header rows print the same words in report after report."""
    return (
        tuple(first_columns_in(texts, ("自然人", "总计")).items()),
        header_order_problem_key(texts, context),
        _value_columns_span_nothing(texts, context),
    )


@memo.remembered(maxsize=1024)
def _spread_headings(texts: tuple[str, ...], spanned: tuple[bool, ...] | None) -> tuple[str, ...]:
    """:func:`~govreport.build.columns.spread_group_headings` of a header row, whose
    words recur in report after report."""
    return tuple(spread_group_headings(texts, spanned))


def _cut_at_the_edge(
    cells: Sequence[DocCell], printed: int, width: int
) -> tuple[list[DocCell], tuple[str, ...]] | None:
    """A row of table 三 cut at the page's right edge, as its header is: the ``printed``
    columns that start ``width`` cells before the grid's end (the parts of one table on
    two pages end at the same edge); a value in the column the edge cuts is not read."""
    if len(cells) <= width:
        return None
    before, tail = cells[:-width], cells[-width:]
    shown = tail[:printed]
    if any(looks_numeric(c.text) for c in before if c.text.strip()) or any(
        c.spanned or (c.text.strip() and not looks_numeric(c.text)) for c in shown
    ):
        return None
    return list(shown), T3_KEYS[:printed]


def _value_columns_span_nothing(texts: Sequence[str], context: str) -> bool:
    """A header row that prints table 三's 自然人 … 总计 over exactly seven cells, or
    table 四's 行政复议 (five cells) then 行政诉讼 over exactly fifteen."""
    if context == "t3":
        found = first_columns_in(texts, ("自然人", "总计"))
        return len(found) == 2 and found["总计"] - found["自然人"] + 1 == len(T3_COLUMNS)
    if context == "t4":
        found = first_columns_in(texts, ("行政复议", "行政诉讼"))
        return found == {"行政复议": 0, "行政诉讼": 5} and len(texts) == len(T4_KEYS)
    return False


def _right_aligned(
    values: Sequence[DocCell], context: str
) -> tuple[list[DocCell], tuple[str, ...]] | None:
    """A row's last cells as its values (and for table 四 the cells they are), when
    every cell before them is empty."""
    width = _right_aligned_width([c.text for c in values], context)
    if width is None:
        return None
    return list(values[-width:]), (T4_KEYS if context == "t4" else ())


def _right_aligned_width(texts: Sequence[str], context: str) -> int | None:
    """How many of a row's last values (their ``texts``) :func:`_right_aligned` takes,
    None when it takes none."""
    width = len(T3_COLUMNS) if context == "t3" else len(T4_KEYS)
    if len(texts) < width or any(text.strip() for text in texts[:-width]):
        return None
    return width


def _may_place(has_values: bool, grid: _Grid, scan: _Scan) -> bool:
    """Whether a row's values may be placed by the header's columns: a row with values
    of table 三 or 四 in a regular grid under a header."""
    return (
        grid.regular
        and scan.context in ("t3", "t4")
        and has_values
        and bool(grid.header_text or grid.maps)
    )


def _label_ends(scan: _Scan, context: str) -> set[int]:
    """The columns the labels of the rows placed by the maps of ``context`` end in."""
    ends = scan.label_ends.setdefault(context, set())
    unread = scan.unread_ends.get(context)
    if unread:
        ends.update(label_end(texts, first) for texts, first in unread)
        unread.clear()
    return ends


@memo.remembered(maxsize=1024)
def _placing_of(header: tuple[tuple[int, str], ...], context: str) -> Placing | None:
    """The column map of table 三 or 四 (``context``) that the header text above each
    grid column gives, as rows are placed by it, or None. Header rows print the same
    words in report after report."""
    column_map_of = t3_column_map if context == "t3" else t4_column_map
    column_map = column_map_of(dict(header))
    return None if column_map is None else placing(column_map, context)


def _placed_columns(
    texts: Sequence[str], spanned: Sequence[bool] | None, grid: _Grid, scan: _Scan
) -> tuple[tuple[str, ...], Placing] | None:
    """The texts of the row's values (its cells' ``texts``; ``spanned`` says which a
    span covers) placed by the header's columns, and the column map that placed them,
    or None when the row's values are read from its label onwards. Asked only when
    :func:`_may_place`."""
    context = scan.context
    if context not in grid.maps:
        grid.maps[context] = _placing_of(tuple(grid.header_text.items()), context)
    placed = grid.maps[context]
    if placed is None:
        return None
    if not grid.borrowed:
        scan.continued[(context, len(texts))] = placed
        scan.unread_ends.setdefault(context, []).append((texts, placed.first))
    ends = _label_ends(scan, context) if grid.borrowed else ()
    if not map_fits(texts, spanned, placed, grid.borrowed, ends):
        return None
    values = placed_values(texts, spanned, placed)
    return None if values is None else (values, placed)
