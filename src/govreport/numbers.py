"""Reading one printed number: counts, amounts, blanks, notes, and run-together digits."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from govreport import memo

#: What reports print for "nothing here": the cell is blank, never zero.
BLANK_MARKERS = frozenset({"", "/", "-", "--", "—", "——", "―", "－", "–", "\\", "无", "空", "nbsp"})

_NUMBER = re.compile(
    r"""^
    (?P<sign>[-−－+]?)\s*
    (?P<digits>\d{1,3}(?:,\d{3})+|\d+)
    (?P<fraction>\.\d+)?
    \s*(?P<unit>万元|元|件次|人次|件|个|项|次|条|人)?
    \s*(?P<note>[（(][^（）()]*[)）])?
    $""",
    re.VERBOSE,
)


class Parsed(NamedTuple):
    """The outcome of reading one cell: a value, or ``ok=False`` when it cannot be read.
    (A NamedTuple: made at import in a fifth of an attrs class's time, and per cell in
    half of a frozen attrs instance's.)"""

    value: int | Decimal | None
    ok: bool = True
    note: str | None = None


_SPACE = re.compile(r"\s+")
_SPLIT_DIGITS = re.compile(r"\d\s+\d")
#: ASCII and full-width digits are the only digits a printed count uses; NFKC would
#: turn a footnote mark such as ² or ① into a digit and glue it onto the number.
_PLAIN_DIGITS = frozenset("0123456789０１２３４５６７８９")


#: Ranges of characters that hold no digit but ASCII and full-width ones: ASCII,
#: Latin-1 but ¹²³, general punctuation, geometric shapes (■), CJK punctuation, the
#: unified ideographs and the full-width forms, what a report's text is made of
#: (tests/test_numbers.py checks them against this Python's Unicode data).
_NO_FOREIGN_DIGITS = (
    (0x00, 0xB1),
    (0xB4, 0xB8),
    (0xBA, 0xFF),
    (0x2000, 0x206F),
    (0x25A0, 0x25FF),
    (0x3000, 0x303F),
    (0x4E00, 0x9FFF),
    (0xFF00, 0xFFEF),
)


@lru_cache(maxsize=1)
def _outside_digit_free() -> re.Pattern[str]:
    """A character outside :data:`_NO_FOREIGN_DIGITS` (compiled on first use)."""
    ranges = "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in _NO_FOREIGN_DIGITS)
    return re.compile(f"[^{ranges}]")


def _has_foreign_digits(text: str) -> bool:
    """Whether ``text`` holds a digit other than an ASCII or full-width one (², ①...):
    the characters of the ranges known to hold none are passed over in C."""
    found = _outside_digit_free().search(text)
    if found is None:
        return False
    text = text[found.start() :]
    return any(ch not in _PLAIN_DIGITS and unicodedata.digit(ch, None) is not None for ch in text)


@memo.remembered(maxsize=8192)
def clean(text: str) -> str:
    """NFKC and no white space: how a cell's text is compared."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).replace("\xa0", "")


def is_blank(text: str) -> bool:
    return clean(text) in BLANK_MARKERS or clean(text).lower() in ("&nbsp;", "nbsp")


#: Marks that end a sentence. NFKC leaves each one last (as itself or its ASCII form,
#: which composes with nothing), and neither a number nor a blank marker ends with one.
_SENTENCE_ENDS = frozenset("。，、；：！？")


@memo.remembered(maxsize=16384)
def looks_numeric(text: str) -> bool:
    """True for a cell that holds a number or a blank marker, not a label."""
    if text.isascii() and text.isdigit():
        return True
    if _has_foreign_digits(text):
        return True  # a number with a footnote mark: a value cell, but not readable
    if text[-1:] in _SENTENCE_ENDS:
        return False  # a sentence (a paragraph's last words), told without normalising it
    cleaned = clean(text)
    return cleaned in BLANK_MARKERS or _NUMBER.match(cleaned) is not None


@memo.remembered(maxsize=16384)
def parse_number(text: str, *, decimal: bool = False) -> Parsed:
    """Read a printed value. ``decimal`` columns give :class:`Decimal`; count columns
    give ``int`` (or a Decimal when a fraction is printed, which rule R5 then reports)."""
    if text.isascii() and text.isdigit():  # the common case, without the regular expressions
        return Parsed(Decimal(text) if decimal else int(text))
    if _has_foreign_digits(text):
        return Parsed(None, ok=False)
    cleaned = clean(text)
    if cleaned in BLANK_MARKERS:
        return Parsed(None)
    if _SPLIT_DIGITS.search(unicodedata.normalize("NFKC", text)):
        return Parsed(None, ok=False)  # two numbers in one cell, or one broken in two: unknown
    match = _NUMBER.match(cleaned)
    if match is None:
        return Parsed(None, ok=False)
    digits = match.group("digits").replace(",", "")
    fraction = match.group("fraction") or ""
    negative = match.group("sign") in ("-", "−", "－")
    note = match.group("note")
    try:
        if decimal or fraction:
            value: int | Decimal = Decimal(digits + fraction)
        else:
            value = int(digits)
    except (InvalidOperation, ValueError):
        return Parsed(None, ok=False)
    return Parsed(-value if negative else value, note=note)


def unique_split(tokens: list[str], count: int) -> list[int] | None:
    """Split run-together digit strings into ``count`` whole numbers, if exactly one way exists.

    Crawlers flatten tables so that neighbouring cells run together (``801000081``).
    Each token is a run of digits between separators; a number has no leading zero
    unless it is ``0``. When more than one split fits, the row cannot be read with
    certainty and ``None`` is returned.
    """
    if count <= 0 or not tokens or any(not t.isdigit() for t in tokens):
        return None
    # ways[i][k]: ways to split tokens[i:] into k numbers (capped at 2: we only need 0, 1, many)
    counted: dict[tuple[int, int, int], int] = {}

    def ways(token: int, offset: int, left: int) -> int:
        if token == len(tokens):
            return 1 if left == 0 else 0
        if left == 0:
            return 0
        key = (token, offset, left)
        if key in counted:
            return counted[key]
        text = tokens[token]
        total = 0
        ends = [offset + 1] if text[offset] == "0" else range(offset + 1, len(text) + 1)
        for end in ends:
            if end == len(text):
                total += ways(token + 1, 0, left - 1)
            else:
                total += ways(token, end, left - 1)
            if total > 1:
                break
        counted[key] = min(total, 2)
        return counted[key]

    if ways(0, 0, count) != 1:
        return None
    out: list[int] = []
    token, offset, left = 0, 0, count
    while token < len(tokens):
        text = tokens[token]
        ends = [offset + 1] if text[offset] == "0" else range(offset + 1, len(text) + 1)
        for end in ends:
            nxt = (token + 1, 0) if end == len(text) else (token, end)
            if ways(nxt[0], nxt[1], left - 1) == 1:
                out.append(int(text[offset:end]))
                token, offset, left = nxt[0], nxt[1], left - 1
                break
    return out


__all__ = [
    "BLANK_MARKERS",
    "Parsed",
    "clean",
    "is_blank",
    "looks_numeric",
    "parse_number",
    "unique_split",
]
