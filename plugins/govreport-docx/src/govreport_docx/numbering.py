"""Word's automatic list numbering, rendered as the text a reader sees (``一、``, ``（二）``, ``3.``).

Word does not store the number of a numbered paragraph in its text: the paragraph
points at a list definition in ``word/numbering.xml`` and Word counts when it lays the
page out. Reports often number their section headings this way, so the reader has to
count too, or ``一、总体情况`` reaches the builder as ``总体情况``.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from govreport_docx.xml import W, attr_int, attr_str

_CHINESE_DIGITS = "〇一二三四五六七八九"


def chinese_counting(number: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一, as Word's ``chineseCounting`` writes."""
    if number <= 0:
        return str(number)
    if number < 10:
        return _CHINESE_DIGITS[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        head = "十" if tens == 1 else _CHINESE_DIGITS[tens] + "十"
        return head + (_CHINESE_DIGITS[ones] if ones else "")
    return str(number)


def _roman(number: int) -> str:
    if not 0 < number < 4000:
        return str(number)
    out = []
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _letter(number: int) -> str:
    if number <= 0:
        return str(number)
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, fmt: str) -> str:
    """One level's number in one of Word's ``numFmt`` styles (decimal when unknown)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographTraditional",
    ):
        return chinese_counting(number)
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt == "lowerLetter":
        return _letter(number)
    if fmt == "upperLetter":
        return _letter(number).upper()
    if fmt == "decimalEnclosedCircle" and 0 < number <= 20:
        return chr(0x2460 + number - 1)
    if fmt in ("none", "bullet"):
        return ""
    return str(number)


@attrs.frozen
class Level:
    start: int
    fmt: str
    text: str  # e.g. "%1、" or "（%2）"


_PLACEHOLDER = re.compile(r"%([1-9])")


class Numbering:
    """Counts numbered paragraphs in document order and renders their labels."""

    def __init__(self, element: Any | None) -> None:
        self._levels: dict[str, dict[int, Level]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if element is None:
            return
        abstract: dict[str, dict[int, Level]] = {}
        for node in element.iterchildren(W + "abstractNum"):
            levels: dict[int, Level] = {}
            for lvl in node.iterchildren(W + "lvl"):
                ilvl = attr_int(lvl, "ilvl", 0)
                start = lvl.find(W + "start")
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                levels[ilvl] = Level(
                    start=attr_int(start, "val", 1) if start is not None else 1,
                    fmt=attr_str(fmt, "val", "decimal") if fmt is not None else "decimal",
                    text=attr_str(text, "val", "") if text is not None else "",
                )
            abstract[attr_str(node, "abstractNumId", "")] = levels
        for num in element.iterchildren(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is not None:
                self._levels[attr_str(num, "numId", "")] = abstract.get(
                    attr_str(ref, "val", ""), {}
                )

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of list ``num_id`` at level ``ilvl`` (``""`` for bullets or none)."""
        levels = self._levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counters = self._counters.setdefault(num_id, {})
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt in ("none", "bullet"):
            return ""

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index)
            value = counters.get(index, shown.start if shown else 1)
            return format_number(value, shown.fmt if shown else "decimal")

        return _PLACEHOLDER.sub(number, level.text)


__all__ = ["Numbering", "chinese_counting", "format_number"]
