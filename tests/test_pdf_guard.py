"""The stream measurer of formats/pdf/guard.py decodes as pdfminer (and pdfium) decode:
otherwise a stream could be measured small and decoded large."""

from __future__ import annotations

import base64
import zlib
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.lzw import lzwdecode
from pdfminer.runlength import rldecode

from govreport import LimitExceededError, limits
from govreport.formats.pdf import guard
from hostile import hostile_inputs as hostile


def lzw_encode(data: bytes) -> bytes:
    """LZW as PDF writes it (PDF 1.7, 7.4.4): 9- to 12-bit codes with early change,
    a clear code first and when the table is full, an end code last."""

    def fresh() -> dict[bytes, int]:
        return {bytes((c,)): c for c in range(256)}

    def codes() -> Iterator[tuple[int, int]]:
        table, width, word = fresh(), 9, b""
        yield 256, width
        for byte in data:
            longer = word + bytes((byte,))
            if longer in table:
                word = longer
                continue
            yield table[word], width
            table[longer] = len(table) + 2
            if len(table) + 2 >= 4094:
                yield 256, width
                table, width = fresh(), 9
            elif len(table) + 2 + 1 >= 1 << width:
                width += 1
            word = bytes((byte,))
        if word:
            yield table[word], width
            if len(table) + 2 + 1 >= 1 << width and width < 12:
                width += 1
        yield 257, width

    return hostile.pack_codes(codes())


def run_length_encode(data: bytes) -> bytes:
    out = bytearray()
    for start in range(0, len(data), 128):
        piece = data[start : start + 128]
        out += bytes((len(piece) - 1,)) + piece
    return bytes(out) + b"\x80"


def decoded(filters: list[str], data: bytes) -> int:
    budget = limits.Budget()
    guard.measure_stream(filters, data, budget, None)
    return budget.inflated


texts = st.binary(max_size=3000) | st.text("政府信息公开 0123456789", max_size=2000).map(
    lambda t: t.encode("utf-8")
)


@given(texts)
def test_lzw_decodes_as_pdfminer_decodes(data: bytes) -> None:
    encoded = lzw_encode(data)
    assert lzwdecode(encoded) == data
    assert b"".join(guard._lzw(encoded)) == data
    assert decoded(["LZWDecode"], encoded) == len(data)


@given(texts)
def test_chains_decode_as_pdfminer_decodes(data: bytes) -> None:
    hexed = zlib.compress(data).hex().encode() + b">"
    assert zlib.decompress(asciihexdecode(hexed)) == data
    assert decoded(["ASCIIHexDecode", "FlateDecode"], hexed) == len(data)
    framed = base64.a85encode(zlib.compress(data)) + b"~>"
    assert zlib.decompress(ascii85decode(framed)) == data
    assert decoded(["A85", "Fl"], framed) == len(data)
    runs = run_length_encode(data)
    assert rldecode(runs) == data
    assert decoded(["RunLengthDecode"], runs) == len(data)
    # both expanding stages' output is decompressed data held
    assert decoded(["FlateDecode", "RunLengthDecode"], zlib.compress(runs)) == len(runs) + len(data)


def test_image_codecs_are_not_measured() -> None:
    assert guard.greatest_ratio(["DCTDecode"]) == 0
    assert guard.greatest_ratio(["FlateDecode", "DCTDecode"]) == 1032
    assert guard.greatest_ratio(["ASCII85Decode", "LZWDecode"]) == 2731
    assert decoded(["DCTDecode"], b"\xff" * 10_000) == 0


def test_a_chain_of_expanding_filters_is_bounded_at_each_stage() -> None:
    inner = zlib.compress(b" " * 3_000_000)
    budget = limits.Budget(limits.Limits(stream_bytes=1_000_000))
    with pytest.raises(LimitExceededError) as caught:
        guard.measure_stream(["FlateDecode", "FlateDecode"], zlib.compress(inner), budget, None)
    assert caught.value.limit == "stream_bytes"
