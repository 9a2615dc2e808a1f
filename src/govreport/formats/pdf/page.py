"""The running text of PDF pages: lines, page furniture, paragraphs, unruled tables, the title.

Everything here works on the lines left once ruled tables took their glyphs.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence

import attrs

from govreport.formats.pdf.glyphs import Glyph, group_lines, is_value, line_text, split_segments
from govreport.numbers import looks_numeric

#: Share of the page height at the top and bottom where headers, footers and page numbers stand.
MARGIN_SHARE = 0.12
#: Gap (times the font size) that separates the columns of a table drawn without rules.
COLUMN_GAP = 1.5
#: Lines more than this many font sizes apart vertically are in different paragraphs.
PARAGRAPH_GAP = 1.0

_PAGE_NUMBER = re.compile(
    r"^[-—–－~～_·.]*(?:第)?\d{1,4}(?:页)?(?:[/／]\d{1,4}|共\d{1,4}页)?[-—–－~～_·.]*$"
)
_DIGITS = re.compile(r"\d+")
# An outline number opening a line after a finished sentence starts a heading or item.
_SENTENCE_END = ("。", "：", ":", "；", "！", "？", "）", ")")
_OUTLINE = re.compile(
    r"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．])"
)
_ASCII_END = re.compile(r"[A-Za-z0-9.,;:%)]$")
_ASCII_START = re.compile(r"^[A-Za-z0-9(]")


@attrs.frozen
class TextLine:
    """One line of running text on a page."""

    text: str
    glyphs: tuple[Glyph, ...] = attrs.field(repr=False)
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@attrs.frozen
class TextTable:
    """A table drawn without rules, read from word positions: rows of cell texts."""

    rows: tuple[tuple[str, ...], ...]
    top: float
    bottom: float


@attrs.frozen
class TextBlock:
    """A paragraph: lines joined, and where it starts."""

    text: str
    top: float
    line: int


def text_lines(glyphs: Sequence[Glyph]) -> list[TextLine]:
    lines: list[TextLine] = []
    for group in group_lines(glyphs):
        text = line_text(group)
        if not text:
            continue
        lines.append(
            TextLine(
                text=text,
                glyphs=tuple(group),
                x0=min(g.x0 for g in group),
                x1=max(g.x1 for g in group),
                top=min(g.top for g in group),
                bottom=max(g.bottom for g in group),
                size=statistics.median(g.size for g in group),
            )
        )
    return lines


def is_page_number(text: str) -> bool:
    return _PAGE_NUMBER.match(re.sub(r"\s+", "", text)) is not None


def drop_furniture(
    pages: Sequence[Sequence[TextLine]], heights: Sequence[float]
) -> list[list[TextLine]]:
    """Each page's lines without page numbers (``- 4 -``, ``— 4 —``, ``第4页``) and
    without running headers and footers: lines in the top or bottom margin that repeat,
    digits aside, on at least half of the pages."""

    def in_margin(line: TextLine, height: float) -> bool:
        return line.bottom <= height * MARGIN_SHARE or line.top >= height * (1 - MARGIN_SHARE)

    repeated: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        repeated.update({_DIGITS.sub("#", line.text) for line in lines if in_margin(line, height)})
    threshold = max(2, (len(pages) + 1) // 2)
    kept: list[list[TextLine]] = []
    for lines, height in zip(pages, heights, strict=True):
        kept.append(
            [
                line
                for line in lines
                if not (
                    in_margin(line, height)
                    and (
                        is_page_number(line.text)
                        or (len(pages) >= 2 and repeated[_DIGITS.sub("#", line.text)] >= threshold)
                    )
                )
            ]
        )
    return kept


def _segments(line: TextLine) -> list[str]:
    return [line_text(segment) for segment in split_segments(line.glyphs, COLUMN_GAP)]


def _is_data_line(segments: Sequence[str]) -> bool:
    """A row of a table without rules: two or more segments ending in a value, with at
    least one number among them."""
    return len(segments) >= 2 and looks_numeric(segments[-1]) and any(is_value(s) for s in segments)


def find_text_tables(lines: Sequence[TextLine]) -> tuple[list[TextTable], list[TextLine]]:
    """Tables drawn without rules, found by word positions, and the lines left over.

    A table is a run of two or more lines whose words stand in separate columns and end
    in numbers, with the header lines in columns just above it and label lines between
    its rows. Value columns are where the numbers of its rows stand; a number that does
    not fall in exactly one column leaves its row unaligned, for the builder to refuse.
    """
    segmented = [_segments(line) for line in lines]
    data = [_is_data_line(s) for s in segmented]
    tables: list[TextTable] = []
    used: set[int] = set()
    index = 0
    while index < len(lines):
        if not data[index]:
            index += 1
            continue
        end = index
        probe = index + 1
        while probe < len(lines):
            if data[probe]:
                end = probe
                probe += 1
            elif (
                probe + 1 < len(lines)
                and data[probe + 1]
                and _close(lines[probe - 1], lines[probe], lines[probe + 1])
            ):
                probe += 1
            else:
                break
        start = index
        while (
            start - 1 >= 0
            and start - 1 not in used
            and len(segmented[start - 1]) >= 2
            and index - start < 4
            and _close(lines[start - 1], lines[start])
        ):
            start -= 1
        # one row is a table only under a header in columns (a block of table 二)
        if sum(data[start : end + 1]) >= 2 or start < index:
            rows = _rows(lines[start : end + 1], segmented[start : end + 1], data[start : end + 1])
            tables.append(TextTable(tuple(rows), lines[start].top, lines[end].bottom))
            used.update(range(start, end + 1))
        index = end + 1
    return tables, [line for i, line in enumerate(lines) if i not in used]


def _close(*lines: TextLine) -> bool:
    return all(b.top - a.bottom <= 2 * max(a.size, b.size) for a, b in itertools.pairwise(lines))


def _rows(
    lines: Sequence[TextLine], segmented: Sequence[list[str]], data: Sequence[bool]
) -> list[tuple[str, ...]]:
    parts = [split_segments(line.glyphs, COLUMN_GAP) for line in lines]
    spans: list[tuple[float, float]] = []
    for is_data, segments in zip(data, parts, strict=True):
        if is_data:
            spans.extend(
                (s[0].x0, s[-1].x1)
                for s in segments
                if is_value(line_text(s)) or looks_numeric(line_text(s))
            )
    columns: list[list[float]] = []
    for x0, x1 in sorted(spans):
        if columns and x0 <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    values_start = columns[0][0] if columns else float("inf")
    rows: list[tuple[str, ...]] = []
    for is_data, segments, texts in zip(data, parts, segmented, strict=True):
        if not is_data:
            rows.append(tuple(texts))
            continue
        labels = [t for s, t in zip(segments, texts, strict=True) if s[-1].x1 < values_start]
        placed: list[str] = [""] * len(columns)
        certain = True
        for segment, text in zip(segments, texts, strict=True):
            if segment[-1].x1 < values_start:
                continue
            hits = [
                i
                for i, (x0, x1) in enumerate(columns)
                if segment[0].x0 <= x1 and segment[-1].x1 >= x0
            ]
            if len(hits) != 1 or placed[hits[0]]:
                certain = False
                break
            placed[hits[0]] = text
        if certain:
            rows.append((*labels, *placed))
        else:
            rows.append(tuple(texts))
    return rows


def paragraphs(lines: Sequence[TextLine]) -> list[TextBlock]:
    """Lines joined into paragraphs: a paragraph ends at a short line, and a new one
    starts at an indented line, a change of font size, a wider gap, or an outline
    number after a finished sentence."""
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    blocks: list[TextBlock] = []
    current: list[TextLine] = []
    first_line = 1
    for number, line in enumerate(lines, start=1):
        if current:
            last = current[-1]
            size = max(last.size, line.size)
            breaks = (
                last.x1 < right - 1.5 * size
                or line.x0 > left + 0.8 * size
                or abs(line.size - last.size) > 0.05 * size
                or (last.text.endswith(_SENTENCE_END) and _OUTLINE.match(line.text) is not None)
                or line.top - last.bottom > PARAGRAPH_GAP * size
                or line.top < last.top
            )
            if breaks:
                blocks.append(_joined(current, first_line))
                current = []
        if not current:
            first_line = number
        current.append(line)
    if current:
        blocks.append(_joined(current, first_line))
    return blocks


def _joined(lines: Sequence[TextLine], first_line: int) -> TextBlock:
    text = lines[0].text
    for line in lines[1:]:
        sep = " " if _ASCII_END.search(text) and _ASCII_START.match(line.text) else ""
        text += sep + line.text
    return TextBlock(text, lines[0].top, first_line)


def title_of(lines: Sequence[TextLine]) -> str | None:
    """The first page's title: the leading run of lines set clearly larger than the body."""
    if not lines:
        return None
    body = statistics.median(g.size for line in lines for g in line.glyphs)
    run: list[str] = []
    size = 0.0
    for line in lines:
        # A title broken over lines keeps its size; the heading under it (一、总体情况),
        # also larger than a page of small table text, is set smaller.
        if line.size >= 1.15 * body and (not run or abs(line.size - size) <= 0.05 * size):
            run.append(line.text)
            size = size or line.size
        elif run:
            break
        if len(run) >= 3:
            break
    return "".join(run) or None


__all__ = [
    "TextBlock",
    "TextLine",
    "TextTable",
    "drop_furniture",
    "find_text_tables",
    "is_page_number",
    "paragraphs",
    "text_lines",
    "title_of",
]
