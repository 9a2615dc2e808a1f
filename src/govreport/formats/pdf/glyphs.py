"""Glyphs as placed on a PDF page, and the steps that turn them into lines of text.

Each step is a small pure function on plain values, so that the table and page steps
can be tested without a PDF: drop fake-bold duplicates, group glyphs into lines, join
a line's glyphs into text without the stray spaces justified CJK text leaves.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

#: Glyphs closer than this (in points, both axes) with the same text are one glyph drawn
#: twice: word processors fake bold by printing a character again slightly shifted.
DEDUPE_TOLERANCE = 1.0
#: A gap wider than this share of the font size between two glyphs is a space.
SPACE_GAP = 0.3
#: Glyphs smaller than this (points) are invisible placeholders (embedded-object labels).
MIN_VISIBLE_SIZE = 3.0

_CID = re.compile(r"^\(cid:\d+\)$")
# CJK ideographs, CJK and full-width punctuation, and the curly quotes CJK text uses.
_CJK = "\u2014\u2018-\u201f\u2026\u00b7\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_STRAY_SPACE = re.compile(rf"(?<=[{_CJK}]) +| +(?=[{_CJK}])")


class Glyph(NamedTuple):
    """One character as drawn: its text and its box in points from the page's top left.

    A named tuple, not an attrs class: a page makes thousands, and a tuple is made in a
    quarter of the time, immutable all the same."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def centre_y(self) -> float:
        return (self.top + self.bottom) / 2


# Fonts (Noto CJK through browsers, some WPS exports) map ideographs to the look-alike
# radicals of the Kangxi Radicals (U+2F00–2FD5) and CJK Radicals Supplement (U+2E80–2EF3)
# blocks: 老城区人民政府 extracts as ⽼城区⼈⺠政府. NFKC maps the first block back; the
# second needs a table of the radicals that stand for a whole ideograph.
_RADICALS = {
    "⺠": "民",
    "⻓": "长",
    "⻔": "门",
    "⻅": "见",
    "⻋": "车",
    "⻢": "马",
    "⻚": "页",
    "⻛": "风",
    "⻜": "飞",
    "⻝": "食",
    "⻩": "黄",
    "⻬": "齐",
    "⻮": "齿",
    "⻰": "龙",
    "⻳": "龟",
    "⺟": "母",
    "⻘": "青",
    "⻆": "角",
    "⻉": "贝",
    "⻄": "西",
    "⺁": "厂",
    "⺇": "几",
    "⺌": "小",
    "⺍": "小",
    "⺎": "兀",
    "⺏": "尢",
    "⺐": "尢",
    "⺑": "尢",
    "⺒": "巳",
    "⺓": "幺",
    "⺛": "旡",
    "⺝": "月",
    "⺞": "歹",
    "⺢": "水",
    "⺦": "丬",
    "⺧": "牛",
    "⺩": "王",
    "⺬": "示",
    "⺮": "竹",
    "⺯": "糸",
    "⺶": "羊",
    "⺷": "羊",
    "⺸": "羊",
    "⺻": "聿",
    "⺼": "肉",
    "⺾": "艹",
    "⻁": "虎",
    "⻂": "衣",
    "⻃": "覀",
    "⻇": "角",
    "⻈": "讠",
    "⻊": "足",
    "⻌": "辶",
    "⻍": "辶",
    "⻎": "辶",
    "⻏": "阝",
    "⻐": "金",
    "⻑": "長",
    "⻒": "镸",
    "⻕": "門",
    "⻖": "阝",
    "⻗": "雨",
    "⻙": "韦",
    "⻞": "飛",
    "⻟": "食",
    "⻠": "饣",
    "⻡": "首",
    "⻣": "骨",
    "⻤": "鬼",
    "⻥": "鱼",
    "⻦": "鸟",
    "⻧": "卤",
    "⻨": "麦",
    "⻪": "黾",
    "⻫": "斉",
    "⻭": "歯",
    "⻯": "竜",
    "⻱": "龜",
    "⻲": "亀",
}


#: Characters Unicode defines as another (canonical singletons): pdfium gives the target
#: (〈 U+3008) where pdfminer gives what the font's map says (U+2329); CJK compatibility
#: ideographs likewise. Both engines read them as the target.
_SINGLETONS = ("\u2329", "\u232a")


def canonical_char(text: str) -> str:
    """The ideograph a radical look-alike stands for, the character a canonical
    singleton stands for; any other text unchanged."""
    if text in _SINGLETONS or "\uf900" <= text <= "\ufaff":
        return unicodedata.normalize("NFC", text)
    if len(text) != 1 or not ("\u2e80" <= text <= "\u2fdf"):
        return text
    if text >= "\u2f00":
        return unicodedata.normalize("NFKC", text)
    return _RADICALS.get(text, text)


_VALUE = re.compile(r"^[-−－+]?\d[\d,]*(?:\.\d+)?$")


def is_value(text: str) -> bool:
    """True for a number as a table cell prints it (white space inside ignored)."""
    return _VALUE.match(re.sub(r"\s+", "", text)) is not None


def is_unmapped(text: str) -> bool:
    """True for pdfminer's ``(cid:N)``: a glyph whose font has no Unicode mapping."""
    return text.startswith("(cid:") and _CID.match(text) is not None


def dedupe(glyphs: Iterable[Glyph], tolerance: float = DEDUPE_TOLERANCE) -> list[Glyph]:
    """The glyphs without fake-bold copies (same text, within ``tolerance`` on both axes)."""
    kept: list[Glyph] = []
    buckets: dict[tuple[str, int], list[Glyph]] = {}
    for glyph in glyphs:
        row = int(glyph.top // (tolerance * 4 or 1))
        duplicate = False
        for key_row in (row - 1, row, row + 1):
            for other in buckets.get((glyph.text, key_row), ()):
                if (
                    abs(other.x0 - glyph.x0) <= tolerance
                    and abs(other.top - glyph.top) <= tolerance
                ):
                    duplicate = True
                    break
            if duplicate:
                break
        if not duplicate:
            kept.append(glyph)
            buckets.setdefault((glyph.text, row), []).append(glyph)
    return kept


def group_lines(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into lines top to bottom, each line left to right.

    A glyph joins the line whose band holds its vertical centre; a character set
    vertically (one per line) therefore makes one line per character.
    """
    lines: list[list[Glyph]] = []
    bands: list[tuple[float, float]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        centre = glyph.centre_y
        if bands and bands[-1][0] <= centre <= bands[-1][1]:
            lines[-1].append(glyph)
            top, bottom = bands[-1]
            bands[-1] = (min(top, glyph.top), max(bottom, glyph.bottom))
        else:
            lines.append([glyph])
            bands.append((glyph.top, glyph.bottom))
    for line in lines:
        line.sort(key=lambda g: g.x0)
    return lines


def line_text(line: Sequence[Glyph]) -> str:
    """A line's text: a space where the gap is wide, none between CJK characters."""
    parts: list[str] = []
    previous: Glyph | None = None
    for glyph in line:
        if previous is not None and glyph.x0 - previous.x1 > SPACE_GAP * max(
            glyph.size, previous.size
        ):
            parts.append(" ")
        parts.append(glyph.text)
        previous = glyph
    return _STRAY_SPACE.sub("", "".join(parts)).strip()


def block_text(glyphs: Iterable[Glyph]) -> str:
    """The text of glyphs in one box (a table cell): its lines joined by ``\\n``."""
    return "\n".join(text for text in (line_text(line) for line in group_lines(glyphs)) if text)


def split_segments(line: Sequence[Glyph], gap: float) -> list[list[Glyph]]:
    """A line cut wherever glyphs stand more than ``gap`` times the font size apart
    (the columns of a table drawn without rules)."""
    segments: list[list[Glyph]] = []
    for glyph in line:
        if segments and glyph.x0 - segments[-1][-1].x1 <= gap * max(
            glyph.size, segments[-1][-1].size
        ):
            segments[-1].append(glyph)
        else:
            segments.append([glyph])
    return segments


__all__ = [
    "Glyph",
    "block_text",
    "dedupe",
    "group_lines",
    "is_unmapped",
    "line_text",
    "split_segments",
]
