"""Columns by position: which grid column is which template column, from the header rows.

Tables 三 and 四 are wide; where a converter leaves a grid whose header names every
column, the values are placed by the header's positions rather than counted from the
label. These are the pure steps: header cells -> header text per column -> column map
-> the row's cells in template order.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

from govreport import memo
from govreport.document import Cell as DocCell
from govreport.layout import T3_COLUMNS, TABLE4, normalize
from govreport.messages import message
from govreport.numbers import looks_numeric

#: Column headings in the template's order; a header printing two of them the other way
#: round means the columns cannot be read by position.
_T3_ORDER = (
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "总计",
)
_T4_ORDER = ("行政复议", "行政诉讼")
_T4_BLOCK_ORDER = ("未经复议直接起诉", "复议后起诉")
_T4_RESULT_ORDER = ("维持", "纠正", "审结", "总计")
_T3_COLUMN_WORDS = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("total", "总计"),
)


#: Headings the template spans over several columns, and how many.
_GROUP_SPANS = {
    "行政诉讼": 10,
    "未经复议直接起诉": 5,
    "复议后起诉": 5,
    "行政复议": 5,
    "法人或其他组织": 5,
}
T3_KEYS = tuple(c.key for c in T3_COLUMNS)
T4_KEYS = tuple(f"{row.key}.{c.key}" for row in TABLE4.rows for c in row.columns)


#: header cells print the same few words in every report: normalise each text once
_normalized = memo.remembered(maxsize=8192)(normalize)


def first_columns(cells: Sequence[DocCell], words: Sequence[str]) -> dict[str, int]:
    """The first column whose header text holds each of ``words`` (those found)."""
    return first_columns_in(tuple(c.text for c in cells), words)


def first_columns_in(texts: Sequence[str], words: Sequence[str]) -> dict[str, int]:
    """:func:`first_columns` of a row's cell texts."""
    return dict(_first_columns(tuple(texts), tuple(words)))


@memo.remembered(maxsize=4096)
def _first_columns(texts: tuple[str, ...], words: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    # header rows print the same words in report after report
    found: dict[str, int] = {}
    for index, cell_text in enumerate(texts):
        if not cell_text:
            continue
        text = _normalized(cell_text)
        for word in words:
            if word not in found and word in text:
                found[word] = index
    return tuple(found.items())


def out_of_order(found: dict[str, int], order: Sequence[str]) -> bool:
    placed = [found[w] for w in order if w in found]
    return placed != sorted(placed)


def header_order_problem(cells: Sequence[DocCell], context: str) -> str | None:
    """Why a header row's columns do not follow the template's order, or None."""
    return header_order_problem_in(tuple(c.text for c in cells), context)


def header_order_problem_in(texts: Sequence[str], context: str) -> str | None:
    """:func:`header_order_problem` of a header row's cell texts."""
    key = header_order_problem_key(texts, context)
    return message(key) if key else None


def header_order_problem_key(texts: Sequence[str], context: str) -> str | None:
    """The message key of :func:`header_order_problem_in` (the text is the language's)."""
    if context == "t3" and out_of_order(first_columns_in(texts, _T3_ORDER), _T3_ORDER):
        return "problem.t3_header_order"
    if context == "t4":
        for order in (_T4_ORDER, _T4_BLOCK_ORDER, _T4_RESULT_ORDER):
            if out_of_order(first_columns_in(texts, order), order):
                return "problem.t4_header_order"
    return None


def _t3_named(header: dict[int, str]) -> dict[str, int] | None:
    """The table 三 columns the header text above each grid column names, or None when
    a grid column names two or a column is named twice."""
    out: dict[str, int] = {}
    for index, text in header.items():
        keys = [key for key, word in _T3_COLUMN_WORDS if word in text]
        if "其他" in _without_groups(text) and "总计" not in text:
            keys.append("other_org")
        if len(keys) > 1:
            return None
        for key in keys:
            if key in out:
                return None
            out[key] = index
    return out


def _without_groups(text: str) -> str:
    return text.replace("法人或其他组织", "").replace("申请人情况", "")


def t3_column_map(header: dict[int, str]) -> dict[str, int] | None:
    """Table 三's seven columns from the header text above each grid column, when each
    is named by exactly one column."""
    out = _t3_named(header)
    return out if out is not None and len(out) == 7 else None


#: The template's words for table 三's columns, in order (其他 for 其他 of the applicants).
_T3_WORDS_IN_ORDER = (*(word for _, word in _T3_COLUMN_WORDS[:5]), "其他", "总计")


def t3_cut_columns(header: dict[int, str]) -> tuple[int, int] | None:
    """For a table 三 cut at the page's right edge: how many of its columns the header
    names (a first few, side by side, in the template's order), and how many grid
    columns from 自然人 to the edge. The grid must end at the last named column or
    one after it that shows only the start of the next column's name (法 of
    法律服务机构). None for a header that is not so cut."""
    named = _t3_named(header)
    if not named or len(named) == 7 or "natural_person" not in named:
        return None
    keys = T3_KEYS[: len(named)]
    if set(named) != set(keys):
        return None
    columns = [named[key] for key in keys]
    if columns != list(range(columns[0], columns[0] + len(columns))):
        return None
    after = [index for index in header if index > columns[-1]]
    if len(after) > 1:
        return None
    if after:
        shown = _without_groups(header[after[0]])
        if not shown or not _T3_WORDS_IN_ORDER[len(named)].startswith(shown):
            return None
    return len(named), max(header) - columns[0] + 1


def t4_column_map(header: dict[int, str]) -> dict[str, int] | None:
    """Table 四's fifteen columns from the header text above each grid column."""
    out: dict[str, int] = {}
    results = (
        ("upheld", "维持"),
        ("corrected", "纠正"),
        ("other", "其他"),
        ("pending", "审结"),
        ("total", "总计"),
    )
    for index, text in header.items():
        if "复议后起诉" in text:
            block = "litigation_after_review"
        elif "直接起诉" in text:
            block = "litigation_direct"
        elif "行政复议" in text:
            block = "review"
        else:
            continue
        keys = [key for key, word in results if word in text]
        if len(keys) != 1:
            continue
        cell_id = f"{block}.{keys[0]}"
        if cell_id in out:
            return None
        out[cell_id] = index
    # Whole blocks only: some reports stack 行政复议 (five columns) above 行政诉讼 (ten),
    # each under its own header.
    blocks = {cell_id.split(".")[0] for cell_id in out}
    if not blocks or len(out) != 5 * len(blocks):
        return None
    return out


def spread_group_headings(texts: Sequence[str], spanned: Sequence[bool] | None) -> list[str]:
    """The header text of each cell of a header row (its ``texts``; ``spanned`` says which
    cells a span covers, None: none), a merged heading repeated over the columns it covers.

    Converters write a merged heading as its first cell and empty ones
    (行政复议 | | | | |): a heading the template spans over several columns covers that
    many empty cells after it, and no more.
    """
    out: list[str] = []
    carried, left = "", 0
    for index, cell_text in enumerate(texts):
        text, heading, covers = _heading(cell_text)
        if text:
            carried, left = heading, covers
        elif left > 0 and not (spanned and spanned[index]):
            text, left = carried, left - 1
        else:
            left = 0
        out.append(text)
    return out


@memo.remembered(maxsize=8192)
def _heading(cell_text: str) -> tuple[str, str, int]:
    """A header cell's normalised text, the heading in it that the template spans over
    several columns ("" for none), and how many empty cells after it that heading
    covers. Header cells print the same words in every report."""
    text = normalize(cell_text)
    if not text:
        return text, "", -1
    heading = next((w for w in _GROUP_SPANS if w in text), "")
    return text, heading, _GROUP_SPANS.get(heading, 0) - 1


class Placing(NamedTuple):
    """A column map as rows are placed by it, worked out once per map: the grid columns
    of the values in template order, the cells they are (table 四; () for table 三),
    the set of mapped columns with its first and last, and ``take``, which gives a
    row's items (texts, spans, cells, locations) at ``columns`` in one call."""

    columns: tuple[int, ...]
    ids: tuple[str, ...]
    mapped: frozenset[int]
    first: int
    last: int
    take: Callable[[Sequence[Any]], Sequence[Any]]


def placing(column_map: dict[str, int], context: str) -> Placing:
    """The :class:`Placing` of a column map of table 三 or 四 (``context``)."""
    keys = T3_KEYS if context == "t3" else tuple(k for k in T4_KEYS if k in column_map)
    columns = tuple(column_map[key] for key in keys)
    mapped = frozenset(column_map.values())
    return Placing(
        columns, keys if context == "t4" else (), mapped, min(mapped), max(mapped), _taker(columns)
    )


def _taker(columns: tuple[int, ...]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    # Maps name their columns side by side: a slice of the row, which a grid row's lazy
    # locations make in one loop; else the items one by one (two or more: a run of one
    # column is a slice)
    if columns == tuple(range(columns[0], columns[0] + len(columns))):
        return itemgetter(slice(columns[0], columns[0] + len(columns)))
    return itemgetter(*columns)


@memo.remembered(maxsize=16384)
def _is_label(text: str) -> bool:
    """Whether a cell's text is a label: neither blank nor a number (values recur)."""
    return bool(text.strip()) and not looks_numeric(text)


def label_end(texts: Sequence[str], first: int) -> int:
    """The last column before the ``first`` mapped one that holds label text (-1 for
    none)."""
    for index in range(first - 1, -1, -1):
        if _is_label(texts[index]):
            return index
    return -1


def map_fits(
    texts: Sequence[str],
    spanned: Sequence[bool] | None,
    placed: Placing,
    borrowed: bool,
    label_ends: Collection[int],
) -> bool:
    """Whether a column map (its ``placed``) says where every number of this row (its
    cells' ``texts``, and which of them a span covers, None: none) is.

    A number outside the mapped columns: a partial map of table 四 says too little (a
    block heading was lost), and a map borrowed from the part before a page break does
    not fit this grid's layout (the same width can hold its label in fewer columns). A
    complete map of the grid's own header may leave out a column it names (小计). And a
    borrowed map holds only where the labels end in a column they ended in in the part
    before the break.
    """
    mapped = placed.mapped
    return (
        placed.last < len(texts)
        and (not borrowed or label_end(texts, placed.first) in label_ends)
        and (
            (len(mapped) in (7, 15) and not borrowed)
            or all(
                i in mapped
                for i, text in enumerate(texts)
                if text.strip() and looks_numeric(text) and not (spanned and spanned[i])
            )
        )
    )


def placed_values(
    texts: Sequence[str], spanned: Sequence[bool] | None, placed: Placing
) -> tuple[str, ...] | None:
    """The texts of the row's cells in the mapped columns (``placed.columns``), when they
    are its values: no spanned or text cell among them; else None."""
    take = placed.take
    if spanned and True in take(spanned):
        return None
    values: tuple[str, ...] = tuple(take(texts))
    return None if any(map(_is_label, values)) else values
