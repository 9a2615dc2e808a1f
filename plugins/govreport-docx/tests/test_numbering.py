"""List numbers as Word shows them."""

from __future__ import annotations

import pytest

from govreport_docx.numbering import Numbering, chinese_counting, format_number
from helpers import w_xml


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "100"),
    ],
)
def test_chinese_counting(number: int, text: str) -> None:
    assert chinese_counting(number) == text


def test_formats() -> None:
    assert format_number(4, "lowerRoman") == "iv"
    assert format_number(14, "upperRoman") == "XIV"
    assert format_number(28, "lowerLetter") == "bb"
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(3, "bullet") == ""
    assert format_number(3, "somethingNew") == "3"


def test_levels_count_and_reset() -> None:
    numbering = Numbering(
        w_xml(
            "<w:numbering>"
            '<w:abstractNum w:abstractNumId="1">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
            "</w:abstractNum>"
            '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>'
            "</w:numbering>"
        )
    )
    labels = [numbering.label("5", level) for level in (0, 1, 1, 0, 1)]
    assert labels == ["一、", "一.1", "一.2", "二、", "二.1"]
    assert numbering.label("0", 0) == ""  # numId 0 switches numbering off
    assert numbering.label("77", 0) == ""  # a list that is not defined
