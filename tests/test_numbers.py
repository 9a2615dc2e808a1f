"""Reading printed numbers and splitting run-together digits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.numbers import Parsed, looks_numeric, parse_number, unique_split


@pytest.mark.parametrize(
    ("text", "decimal", "parsed"),
    [
        ("0", False, Parsed(0)),
        (" 12126 ", False, Parsed(12126)),
        ("79.6954", True, Parsed(Decimal("79.6954"))),
        ("0", True, Parsed(Decimal("0"))),
        ("-3", False, Parsed(-3)),
        ("１２", False, Parsed(12)),  # full-width digits
        ("1,234", False, Parsed(1234)),
        ("251000元", True, Parsed(Decimal("251000"))),
        ("22（其中修订16件）", False, Parsed(22, note="(其中修订16件)")),
        ("", False, Parsed(None)),
        ("/", False, Parsed(None)),
        ("—", False, Parsed(None)),
        ("-", False, Parsed(None)),
        ("\xa0", False, Parsed(None)),
        ("12a", False, Parsed(None, ok=False)),
        ("1 2", False, Parsed(None, ok=False)),
    ],
)
def test_parse_number(text: str, decimal: bool, parsed: Parsed) -> None:
    assert parse_number(text, decimal=decimal) == parsed


def test_labels_are_not_numeric() -> None:
    assert not looks_numeric("1.属于国家秘密")
    assert not looks_numeric("（七）总计")
    assert looks_numeric("—")


@pytest.mark.parametrize(
    ("tokens", "count", "expected"),
    [
        (["0000000"], 7, [0] * 7),
        (["500000", "5"], 7, [5, 0, 0, 0, 0, 0, 5]),
        (["110024001510102"], 15, [1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]),
        (["2293"], 1, [2293]),
        (["801000081"], 7, None),  # 80/1/0/0/0/0/81 or 8/0/10/0/0/0/81 ...
        (["693665"], 3, None),
        (["10203120001200000"], 15, None),
        (["12"], 3, None),  # too few digits
        (["1a"], 1, None),
    ],
)
def test_unique_split(tokens: list[str], count: int, expected: list[int] | None) -> None:
    assert unique_split(tokens, count) == expected


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=15))
def test_unique_split_never_contradicts_the_numbers(values: list[int]) -> None:
    joined = "".join(str(v) for v in values)
    split = unique_split([joined], len(values))
    # Either the only split is the true one, or the row is refused: never another reading.
    assert split is None or split == values


def _foreign_digit(ch: str) -> bool:
    import unicodedata

    return ch not in "0123456789０１２３４５６７８９" and unicodedata.digit(ch, None) is not None


def test_the_ranges_passed_over_hold_no_foreign_digit() -> None:
    # what lets _has_foreign_digits skip them in C, checked on this Python's Unicode data
    from govreport.numbers import _NO_FOREIGN_DIGITS

    for first, last in _NO_FOREIGN_DIGITS:
        assert not any(_foreign_digit(chr(code)) for code in range(first, last + 1)), hex(first)


def test_every_foreign_digit_is_found_among_report_text() -> None:
    import sys

    from govreport.numbers import _has_foreign_digits

    digits = [chr(c) for c in range(sys.maxunicode + 1) if _foreign_digit(chr(c))]
    assert {"²", "①", "٣", "𝟙"} <= set(digits)
    for digit in digits:
        assert _has_foreign_digits(f"共受理申请{digit}件。")
        assert _has_foreign_digits(f"{digit}")
    assert not _has_foreign_digits("共受理申请１２件，办结12件。■“—”")


@given(st.text(alphabet=st.characters(), max_size=12))
def test_foreign_digits_are_told_as_by_each_character(text: str) -> None:
    from govreport.numbers import _has_foreign_digits

    assert _has_foreign_digits(text) == any(map(_foreign_digit, text))


@pytest.mark.parametrize(
    ("text", "numeric"),
    [
        ("共受理申请12件。", False),
        ("本年度无。", False),
        ("见附件：", False),
        ("①。", True),  # a foreign digit still marks a value cell
        ("12件", True),
        ("无", True),
    ],
)
def test_a_sentence_end_is_no_number(text: str, numeric: bool) -> None:
    assert looks_numeric(text) is numeric


@given(
    st.text(
        alphabet=st.sampled_from(list("0１2,.-−+ 件元（）无/—\u0301①²。，、；：！？")), max_size=8
    )
)
def test_a_sentence_end_is_told_as_normalising_it_would(text: str) -> None:
    from govreport.numbers import _NUMBER, BLANK_MARKERS, _has_foreign_digits, clean

    cleaned = clean(text)
    expected = (
        (text.isascii() and text.isdigit())
        or _has_foreign_digits(text)
        or cleaned in BLANK_MARKERS
        or _NUMBER.match(cleaned) is not None
    )
    assert looks_numeric(text) == expected
