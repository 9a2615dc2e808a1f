"""The split of one table row: its label cells, its value cells, and the text after its
numbers that is a note, from the kind of each cell's text (empty, a label, a number)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from govreport import memo
from govreport.build.assign import is_template_text
from govreport.document import Cell as DocCell
from govreport.messages import message
from govreport.numbers import looks_numeric

_EMPTY, _LABEL, _NUMBER = 0, 1, 2


#: the kind of each cell text seen: the same labels and numbers recur in every report
_KINDS: dict[str, int] = {}
_MAX_KINDS = 16384
memo.keeps(_KINDS.clear)


def _kind_of(text: str) -> int:
    if not text or text.isspace():
        return _EMPTY
    return _NUMBER if looks_numeric(text) else _LABEL


def _kind(text: str) -> int:
    kind = _KINDS.get(text)
    if kind is None:
        kind = _kind_of(text)
        if len(_KINDS) >= _MAX_KINDS:
            _KINDS.clear()
        memo.note(text)
        _KINDS[text] = kind
    return kind


def split_row(
    cells: Sequence[DocCell],
) -> tuple[tuple[str, ...], list[DocCell], str | None, bool]:
    """Labels, value cells, why the row mixes text into its numbers (if it does), and
    whether it holds a number at all (see :func:`split_texts`)."""
    texts = [c.text for c in cells]
    spanned = [c.spanned for c in cells]
    labels, start, end, problem, has_number = split_texts(
        texts, spanned if True in spanned else None
    )
    return labels, [c for c in cells[start:end] if not c.spanned], problem, has_number


def split_texts(
    texts: Sequence[str], spanned: Sequence[bool] | None
) -> tuple[tuple[str, ...], int, int, str | None, bool]:
    """Labels, where the row's values start and end (its spanned cells among them are no
    values), why the row mixes text into its numbers (if it does), and whether it holds
    a number at all. ``spanned`` says which cells a span covers (None: none).

    The labels are the text cells before the first number; the values run from the
    last label to the last number, blank cells included; text after the numbers is a
    note column and is left out (备注, 含转办件). Text just before the first number
    that is no template word (■, 见附件) is a value printed as text, not a second label:
    taken as a label, it would shift the row's numbers by one column.
    """
    kinds = tuple(map(_KINDS.get, texts, _UNKNOWN))
    if -1 in kinds:
        kinds = tuple(map(_kind, texts))
    shape = _SHAPES.get(kinds)
    if shape is None:
        shape = _shape_of(kinds)
    at, nearest, first_number, start, end, mixed, has_number = shape
    if not has_number:
        # labels only (a header, a group label): the same rows recur report after report
        key = tuple(texts)
        known = _LABEL_ROWS.get(key)
        if known is None:
            if len(_LABEL_ROWS) >= _MAX_LABEL_ROWS:
                _LABEL_ROWS.clear()
            memo.note(key)
            known = _LABEL_ROWS[key] = _labels_at(texts, at)
        return known, start, end, None, False
    if (
        nearest >= 0
        and (spanned is None or not spanned[nearest])
        and not is_template_text(texts[nearest])
    ):
        # text before the numbers, and the text nearest them is no template word: the
        # row's values may start before its first number
        marked = list(kinds)
        _mark_leading_values(texts, spanned, marked, first_number)
        at, _, _, start, end, mixed, _ = _shape_of(tuple(marked))
    labels = _labels_at(texts, at)
    return labels, start, end, message("problem.text_among_numbers") if mixed else None, True


def _labels_at(texts: Sequence[str], at: Sequence[int]) -> tuple[str, ...]:
    """The texts at ``at``, stripped, a repeat of the one before it left out (a label
    spanning two cells)."""
    if len(at) == 1:  # most rows
        return (texts[at[0]].strip(),)
    labels: list[str] = []
    for i in at:
        text = texts[i].strip()
        if not labels or labels[-1] != text:
            labels.append(text)
    return tuple(labels)


#: the labels of each row of labels only met lately, by its texts
_LABEL_ROWS: dict[tuple[str, ...], tuple[str, ...]] = {}
_MAX_LABEL_ROWS = 4096
memo.keeps(_LABEL_ROWS.clear)


#: where a row's labels stand, the label nearest its first number when one stands
#: after its first cell (-1: none), its first number, where its values start and end,
#: whether a label stands among its numbers, and whether it has a number
_Shape = tuple[tuple[int, ...], int, int, int, int, bool, bool]

#: the shape of each row by the kinds of its texts: tables print rows of the same few
#: shapes in report after report
_SHAPES: dict[tuple[int, ...], _Shape] = {}
_MAX_SHAPES = 16384
memo.keeps(_SHAPES.clear)


def _shape_of(kinds: tuple[int, ...]) -> _Shape:
    """The shape of a row whose texts are of these kinds (kept in ``_SHAPES``)."""
    count = len(kinds)
    has_number = _NUMBER in kinds
    first_number = kinds.index(_NUMBER) if has_number else count
    nearest = -1
    if has_number and _LABEL in kinds[1:first_number]:
        # most rows: the text nearest the numbers is the row's label (a template word)
        nearest = first_number - 1 - kinds[first_number - 1 :: -1].index(_LABEL)
    at = tuple([i for i in range(first_number) if kinds[i] == _LABEL])
    start = at[-1] + 1 if at else 0
    if has_number:
        last_number = count - 1 - kinds[::-1].index(_NUMBER)
        end = last_number + 1
        while end < count and kinds[end] != _LABEL:
            end += 1  # blank cells after the last number may be blank values
        mixed = _LABEL in kinds[first_number:last_number]
    else:
        end, mixed = count, False
    shape = (at, nearest, first_number, start, end, mixed, has_number)
    if len(_SHAPES) >= _MAX_SHAPES:
        _SHAPES.clear()
    memo.note_count(len(kinds))
    _SHAPES[kinds] = shape
    return shape


#: the default of each _KINDS.get of a row's texts: not seen yet
_UNKNOWN = itertools.repeat(-1)


def _mark_leading_values(
    texts: Sequence[str], spanned: Sequence[bool] | None, kinds: list[int], first_number: int
) -> None:
    """Turn into values (in ``kinds``) the text cells between a row's labels and its
    first number (at ``first_number``) that are no template word, when a label stays
    before them."""
    index = first_number - 1
    marks: list[int] = []
    while index > 0:
        if kinds[index] == _LABEL:
            if (spanned is not None and spanned[index]) or is_template_text(texts[index]):
                break
            marks.append(index)
        index -= 1
    if _LABEL in kinds[: index + 1]:
        for mark in marks:
            kinds[mark] = _NUMBER
