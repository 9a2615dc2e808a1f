"""The template-row assignment: which template row a printed row is.

A printed row is named by its label (:func:`match_row`); a row that lost its label is
named by its place between two named rows, when only one assignment is possible
(:func:`attribute_unlabelled_rows`); a table row printed as a line of text is named
when the line is exactly a row's label and its numbers (:func:`line_rows`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from itertools import pairwise

import attrs

from govreport import memo
from govreport.build.cells import align_values, values_by_count
from govreport.build.common import HEADER_LABELS, ByIdentity, LabelledRow
from govreport.document import Cell as DocCell
from govreport.document import Document, Paragraph
from govreport.layout import (
    T3_APPLICANTS_HEADER,
    T3_CORNER_NOTE,
    T3_ORGANISATIONS_HEADER,
    TABLE2_2019,
    TABLE2_2021,
    TABLE3_SINGLE_OTHER,
    TABLE3_SPLIT_OTHER,
    TABLE4,
    Row,
    TableLayout,
    Template,
    label_core,
    normalize,
    table2_layout,
)
from govreport.messages import message
from govreport.model import Finding, Severity
from govreport.numbers import looks_numeric

_INNER_NUMBERING = re.compile(
    r"[（(][一二三四五六七八九十]+[)）]|(?<!\d)\d{1,2}\s*[.．、](?!\d)|[一二三四五六七八九十]+、"
)


#: The layouts a printed row is matched against, in the order of :func:`matches`' answers.
LAYOUTS = (TABLE2_2019, TABLE2_2021, TABLE3_SPLIT_OTHER, TABLE3_SINGLE_OTHER, TABLE4)
T2_2019, T2_2021, T3_SPLIT, T3_SINGLE, T4 = range(len(LAYOUTS))
#: a layout's place in LAYOUTS by its identity (a layout's hash is a Python call)
_PLACE = {id(layout): place for place, layout in enumerate(LAYOUTS)}


@memo.remembered(maxsize=4096)
def matches(labels: tuple[str, ...]) -> tuple[Row | None, ...]:
    """The row the labels name (:func:`match_row`) in each of :data:`LAYOUTS`, in order.
    Kept by labels: every step after labelling asks which row a printed row names in
    one layout or another, and label texts recur across reports."""
    return tuple(_match_row(labels, layout) for layout in LAYOUTS)


def matches_of(rows: Sequence[LabelledRow]) -> list[tuple[Row | None, ...]]:
    """:func:`matches` of each row's labels."""
    return [matches(p.labels) for p in rows]


def match_row(labels: Sequence[str], layout: TableLayout) -> Row | None:
    """The layout row a printed row's labels name, trying the most specific label first."""
    key = labels if type(labels) is tuple else tuple(labels)
    place = _place(layout)
    return _match_row(key, layout) if place is None else matches(key)[place]


def _place(layout: TableLayout) -> int | None:
    """The layout's place in :data:`LAYOUTS`, None for another layout."""
    place = _PLACE.get(id(layout))
    return place if place is not None and LAYOUTS[place] is layout else None


#: what :func:`matches` gave for each of a list of rows, in order
Found = Sequence[tuple[Row | None, ...]]


def named_rows(
    rows: Sequence[LabelledRow], layout: TableLayout, found: Found | None = None
) -> list[Row | None]:
    """The layout row each printed row names (:func:`match_row`); ``found``: the rows'
    :func:`matches`, when the caller has them."""
    place = _place(layout)
    if place is None:
        return [match_row(p.labels, layout) for p in rows]
    if found is None:
        return [matches(p.labels)[place] for p in rows]
    return [named[place] for named in found]


def _match_row(labels: tuple[str, ...], layout: TableLayout) -> Row | None:
    candidates = [label_core(text) for text in reversed(labels)]
    if len(labels) > 1:
        candidates.append(label_core("".join(labels)))
    # A converter may merge a group label and a row label into one cell
    # (三、本年度办理结果 （七）总计): the part after the last numbering is the row.
    last = labels[-1] if labels else ""
    numbered = list(_INNER_NUMBERING.finditer(last))
    if numbered and numbered[-1].start() > 0:
        candidates.append(label_core(last[numbered[-1].start() :]))
    for core in candidates:
        if not core:
            continue
        for row in layout.rows:
            for alias in (*row.aliases, *row.typos):
                if core == alias:
                    return row
        for row in layout.rows:
            for alias in (*row.aliases, *row.typos):
                if len(alias) >= 4 and alias in core:
                    return row
    return None


def attribute_unlabelled_rows(
    rows: Sequence[LabelledRow],
    layout: TableLayout,
    found: Found | None = None,
    named: Sequence[Row | None] | None = None,
) -> tuple[list[LabelledRow], list[Finding]]:
    """Name the rows that lost their labels, or kept only a piece of them, where their
    position makes it certain.

    PDF converters cut a row's label that wraps over several lines: its numbers stand
    beside no label, beside a cut prefix (「5.要求行政机」) or beside a middle fragment
    (「理的，只计这一情形，不」), and the rest of the label is left as loose lines. Between
    two printed rows that name layout rows *i* and *j* (all named rows running in layout
    order), the rows with numbers in between take the rows *i+1 … j-1*, in order, each at
    most once; a row with a label fragment only a row whose label (or group label) holds
    every piece of it; and each only a row whose number of cells it has. When exactly one
    assignment satisfies all of that, it is taken, with an S7 finding for each row;
    otherwise every row in the gap stays unread, with an S3 finding naming the rows it
    could be. Rows before the first or after the last named row are left alone (they may
    belong to another table). ``found``: the rows' :func:`matches`, and ``named``: the
    layout row each names (:func:`named_rows`), when the caller has them.
    """
    if named is None:
        named = named_rows(rows, layout, found)
    out = list(rows)
    findings: list[Finding] = []
    if not _unnamed_inside_anchors(rows, layout, named):
        # every row with numbers is named, or stands outside the named rows (another
        # table's): none to attribute
        return out, findings
    anchors = _anchors(rows, layout, named)
    if any(b[1] <= a[1] for a, b in pairwise(anchors)):
        return out, findings  # the named rows are out of order: positions say nothing
    anchors = _table_ends(rows, layout, anchors)
    groups = _group_labels(layout)
    for (start, low), (end, high) in pairwise(anchors):
        between = [p for p in range(start + 1, end) if rows[p].has_numbers and named[p] is None]
        if not between:
            continue
        missing = layout.rows[low + 1 : high]
        if not missing and high == len(layout.rows):
            continue  # numbers after the table's last row belong to what follows it
        before = layout.rows[low].label if low >= 0 else message("finding.S3.unplaced.head")
        after = (
            layout.rows[high].label
            if high < len(layout.rows)
            else message("finding.S3.unplaced.foot")
        )
        assignment = _only_assignment([rows[p] for p in between], missing, groups)
        if assignment is None:
            findings.append(_unplaced(rows, between, missing, layout.name, (before, after)))
            continue
        for p, row in zip(between, assignment, strict=True):
            out[p] = attrs.evolve(rows[p], labels=(row.label,))
            findings.append(_placed(rows[p], row, layout.name, (before, after)))
    return out, findings


def _anchors(
    rows: Sequence[LabelledRow], layout: TableLayout, named: Sequence[Row | None]
) -> list[tuple[int, int]]:
    """(position in rows, index in layout) of each printed row with numbers that names a
    layout row (``named``: the row each names)."""
    order = _order(layout)
    return [
        (position, order[row.key])
        for position, (printed, row) in enumerate(zip(rows, named, strict=True))
        if row is not None and _is_anchor(printed, row)
    ]


def _is_anchor(printed: LabelledRow, row: Row | None) -> bool:
    """Whether ``printed``, which names ``row`` (None: no row), stands for it among the
    rows around it: a row printed blank has all its cells; a label piece or a header
    word fewer."""
    return bool(
        row is not None
        and printed.texts
        and printed.context != "t4"
        and (printed.has_numbers or len(printed.texts) >= len(row.columns))
    )


def _unnamed_inside_anchors(
    rows: Sequence[LabelledRow], layout: TableLayout, named: Sequence[Row | None]
) -> bool:
    """Whether a row with numbers that names no row (``named``: the row each names)
    stands between the first and the last anchor (:func:`_anchors`, with
    :func:`_table_ends`), where a gap may take it: found from the two ends, without the
    anchors between them, and only the rows between them looked at."""
    count = len(rows)
    first = next(
        (p for p in range(count) if named[p] is not None and _is_anchor(rows[p], named[p])),
        None,
    )
    if first is None:
        return False
    last = next(
        p
        for p in range(count - 1, first - 1, -1)
        if named[p] is not None and _is_anchor(rows[p], named[p])
    )
    if layout.name == "t3":
        start, last = _t3_ends(rows, first, last)
        if start is not None:
            first = start
    return any(
        named[p] is None and rows[p].filled and not rows[p].page_number  # has_numbers
        for p in range(first + 1, last)
    )


def _t3_ends(rows: Sequence[LabelledRow], first: int, last: int) -> tuple[int | None, int]:
    """Table 三's own ends around its named rows from ``first`` to ``last``: its header
    before them (None: it has none among the rows) and the first row after them that
    belongs to another table (or the end)."""
    start = first - 1
    while start >= 0 and rows[start].context == "t3" and rows[start].labels != HEADER_LABELS:
        start -= 1
    end = last + 1
    while end < len(rows) and rows[end].context == "t3" and rows[end].labels != HEADER_LABELS:
        end += 1
    return (start if start >= 0 and rows[start].context == "t3" else None), end


_ORDERS: ByIdentity[TableLayout, dict[str, int]] = ByIdentity(64)


def _order(layout: TableLayout) -> dict[str, int]:
    """Each row's index in the layout, by its key."""
    order = _ORDERS.get(layout)
    if order is None:
        order = _ORDERS.keep(layout, {row.key: index for index, row in enumerate(layout.rows)})
    return order


def _table_ends(
    rows: Sequence[LabelledRow], layout: TableLayout, anchors: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``anchors`` with table 三's own ends added: its header before the first named row
    stands for the row before the first layout row, and the first row of another table
    after the last named row (or the end) for the row after the last layout row."""
    if layout.name != "t3" or not anchors:
        return anchors
    start, end = _t3_ends(rows, anchors[0][0], anchors[-1][0])
    ends = list(anchors)
    if start is not None:
        ends.insert(0, (start, -1))
    ends.append((end, len(layout.rows)))
    return ends


_NOT_WORDS = re.compile(r"[\s（）()、，,.．:：“”\"']+")


def _squeezed(text: str) -> str:
    return _NOT_WORDS.sub("", normalize(text))


@cache
def _template_words() -> str:
    """Every word the template prints in a table (row and group labels, their aliases
    and typos, column headings), as label cores, one per line."""
    layouts = (TABLE2_2019, TABLE2_2021, TABLE3_SPLIT_OTHER, TABLE3_SINGLE_OTHER, TABLE4)
    words = {T3_CORNER_NOTE, T3_APPLICANTS_HEADER, T3_ORGANISATIONS_HEADER, "小计", "合计"}
    for layout in layouts:
        words.add(layout.title)
        for row in layout.rows:
            words.update((row.label, row.group or "", *row.aliases, *row.typos))
            words.update(column.label for column in row.columns)
    return "\n".join(sorted(filter(None, map(label_core, words))))


@memo.remembered(maxsize=4096)
def is_template_text(text: str) -> bool:
    """Whether ``text`` is a template word or a piece of one (a cut label, a numbering
    such as 三、), as opposed to a mark or a note printed in a value cell (■, 见附件).
    A converter may run pieces of two labels into one cell (） 1.信访举报投诉): one
    piece is enough."""
    cores = [core for core in map(label_core, (text, *text.split())) if core]
    words = _template_words()
    return not cores or any(core in words for core in cores)


@lru_cache(maxsize=16)
def _group_labels(layout: TableLayout) -> tuple[str, ...]:
    return tuple(sorted({_squeezed(row.group) for row in layout.rows if row.group}))


def _fragment_fits(labels: Sequence[str], row: Row, groups: Sequence[str]) -> bool:
    """Whether a row's label pieces can all be cut from ``row``'s label or a group label,
    at least one from the row's own (a row with no label fits any row)."""
    pieces = [piece for piece in (_squeezed(label) for label in labels) if piece]
    if not pieces:
        return True
    own = _squeezed(row.label)
    return any(piece in own for piece in pieces) and all(
        piece in own or any(piece in group for group in groups) for piece in pieces
    )


def _values_fit(printed: LabelledRow, row: Row) -> bool:
    count = len(row.columns)
    if printed.aligned:  # placed by the header's columns (all, or those a cut left)
        return len(printed.texts) == (len(printed.ids) if printed.ids else count)
    return (
        values_by_count(printed.values, count) is not None
        or align_values(printed.values, count, regular=printed.regular) is not None
    )


def _only_assignment(
    printed: Sequence[LabelledRow], missing: Sequence[Row], groups: Sequence[str]
) -> list[Row] | None:
    """The one order-keeping assignment of the ``printed`` rows to distinct ``missing``
    rows that fits every row's label pieces and cells, or None when there is none or
    more than one."""
    fits = [
        [_fragment_fits(p.labels, row, groups) and _values_fit(p, row) for row in missing]
        for p in printed
    ]

    @cache
    def ways(i: int, j: int) -> int:
        # ways to place printed[i:] into missing[j:], capped at 2
        if i == len(printed):
            return 1
        if len(missing) - j < len(printed) - i:
            return 0
        total = ways(i, j + 1)
        if fits[i][j]:
            total += ways(i + 1, j + 1)
        return min(total, 2)

    if ways(0, 0) != 1:
        return None
    chosen: list[Row] = []
    j = 0
    for i in range(len(printed)):
        while not (fits[i][j] and ways(i + 1, j + 1) == 1):
            j += 1
        chosen.append(missing[j])
        j += 1
    return chosen


def _unplaced(
    rows: Sequence[LabelledRow],
    between: Sequence[int],
    missing: Sequence[Row],
    table: str,
    neighbours: tuple[str, str],
) -> Finding:
    before, after = neighbours
    return Finding(
        rule="S3",
        severity=Severity.WARNING,
        message=message(
            "finding.S3.unplaced",
            before=before,
            after=after,
            count=len(between),
            expected=len(missing),
        ),
        cells=tuple(f"{table}.{row.key}.{c.key}" for row in missing for c in row.columns),
        locations=tuple(rows[p].location for p in between),
    )


def _placed(printed: LabelledRow, row: Row, table: str, neighbours: tuple[str, str]) -> Finding:
    before, after = neighbours
    return Finding(
        rule="S7",
        severity=Severity.INFO,
        message=message("finding.S7", before=before, after=after, row=row.label),
        cells=tuple(f"{table}.{row.key}.{c.key}" for c in row.columns),
        locations=(printed.location,),
    )


def line_rows(document: Document, template: Template) -> list[LabelledRow]:
    """Table rows printed as a line of text, ``行政许可 97``: a line that is exactly a
    row's label followed by that row's number of values, separated by white space (PDF
    converters leave the rows of tables they could not box as such lines). The label must
    be the row's own wording, not merely contain it, so a sentence is never read as a row."""
    layouts = (table2_layout(template), TABLE3_SPLIT_OTHER, TABLE3_SINGLE_OTHER)
    out: list[LabelledRow] = []
    for block in document.blocks:
        if not isinstance(block, Paragraph):
            continue
        last = block.text.rsplit(None, 1)
        if not last or not looks_numeric(last[-1]):
            continue  # no number at the end: a sentence, not a row (most paragraphs)
        tokens = block.text.split()
        first_value = len(tokens)
        while first_value > 0 and looks_numeric(tokens[first_value - 1]):
            first_value -= 1
        label, values = " ".join(tokens[:first_value]), tokens[first_value:]
        if not label or not values or any(ch.isdigit() for ch in label):
            continue
        core = label_core(label)
        for layout in layouts:
            row = next((r for r in layout.rows if core in (*r.aliases, *r.typos)), None)
            if row is not None and len(row.columns) == len(values):
                cells = tuple(DocCell(text=v, location=block.location) for v in values)
                out.append(LabelledRow((label,), cells, "", block.location))
                break
    return out
