"""Budgets a PDF engine cannot keep by itself: the decoded size of a stream, measured
in bounded pieces before the engine decodes it whole.

A stream's filters are applied in order. Two of them only shrink what they are given
(``ASCIIHexDecode``, ``ASCII85Decode``) and are undone here directly; three can expand
it, each at most by a known ratio (Flate 1,032 times, LZW about 2,731, run-length 64);
the image codecs (DCT, JPX, JBIG2, CCITT) are never decoded to read text. The expanding
stages are run here as generators of pieces that are counted and thrown away, so a
1 MB stream that decodes to 1 GiB is refused at its budget and never held.

The pdfplumber engine measures each stream as pdfminer fetches it, deciphered first
when the file is encrypted (``reader.py``). pdfium decodes inside C, where no check of
ours runs, so :func:`check_streams` measures every stream long enough to pass a budget
from the file's bytes before the document is opened. What the bytes alone cannot say
-- the filters of an encrypted file's streams are applied to ciphertext, a filter named
through an indirect reference -- raises :class:`Unmeasurable`, and the document is read
by the pdfplumber engine, which can measure it.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator, Sequence

from govreport.limits import Budget, inflate_pieces

#: Deflate's greatest expansion: 258 bytes out of two bits in.
MAX_DEFLATE_RATIO = 1032
#: LZW's: a 12-bit code names at most a 4,096-byte string.
MAX_LZW_RATIO = 2731
#: Run-length's: a length byte and one byte give 128 bytes.
MAX_RUNLENGTH_RATIO = 64

_EXPANDING = {
    "FlateDecode": MAX_DEFLATE_RATIO,
    "Fl": MAX_DEFLATE_RATIO,
    "LZWDecode": MAX_LZW_RATIO,
    "LZW": MAX_LZW_RATIO,
    "RunLengthDecode": MAX_RUNLENGTH_RATIO,
    "RL": MAX_RUNLENGTH_RATIO,
}
_PIECE = 1 << 20


class Unmeasurable(Exception):
    """Streams that could pass a budget, whose decoded size the file's bytes alone do
    not give (an encrypted file, a filter named through a reference): ``objects`` are
    their object numbers, or None where one has none to be found by."""

    def __init__(self, reason: str, objects: tuple[int, ...] | None) -> None:
        super().__init__(reason)
        self.objects = objects


def greatest_ratio(filters: Sequence[str]) -> int:
    """How many times a stream with ``filters`` can grow when decoded for reading: 1
    when it cannot, 0 when it is never decoded to read text (an image codec)."""
    ratio = 1
    for name in filters:
        if name in _EXPANDING:
            ratio *= _EXPANDING[name]
        elif name not in _SHRINKING:
            return 0 if ratio == 1 else ratio  # image codecs, Crypt: decoding stops
    return ratio


def measure_stream(filters: Sequence[str], data: bytes, budget: Budget, where: str | None) -> None:
    """Count what ``data`` decodes to through ``filters`` against the budget's
    ``stream_bytes`` and ``decompressed_bytes``, raising
    :class:`~govreport.errors.LimitExceededError` before it is ever held whole. The
    output of every expanding stage counts toward ``decompressed_bytes``."""
    stages = list(filters)
    while stages:
        name = stages.pop(0)
        if name in _SHRINKING:
            data = _SHRINKING[name](data)
            continue
        if name not in _EXPANDING:
            return  # an image codec: not decoded to read text
        pieces = _DECODERS[name](data)
        if not any(later in _EXPANDING for later in stages):
            budget.decoded_size(pieces, where)
            return
        # an expanding stage with another after it: its output, held within the stream
        # budget, is what the next stage decodes
        data = budget.decoded_bytes(pieces, where)


# --- the pdfium engine's scan of the file's bytes ------------------------------------------

_STREAM = re.compile(rb">>\s*stream\r?\n")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+|\d+\s+\d+\s+R)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_ENCRYPT = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")


def check_streams(data: bytes, budget: Budget, where: str | None = None) -> None:
    """Measure, from the bytes of a whole PDF file, every stream whose decoded size
    could pass ``stream_bytes``, or make the streams together pass what is left of
    ``decompressed_bytes``; image streams, never decoded to read text, aside. A real
    report's streams are all too short to pass at their filters' greatest ratio, and
    this costs it one scan of its bytes. Raises :class:`Unmeasurable` for such a stream
    whose filters the bytes do not give."""
    encrypted = _ENCRYPT.search(data) is not None
    streams: list[tuple[int, int, int, list[str] | None]] = []
    for found in _STREAM.finditer(data):
        head = data[max(data.rfind(b"obj", 0, found.start()), found.start() - 4096) : found.end()]
        if _IMAGE.search(head):
            continue
        end = data.find(b"endstream", found.end())
        end = len(data) if end < 0 else end
        filters = _filters(head)
        ratio = MAX_DEFLATE_RATIO * MAX_LZW_RATIO if filters is None else greatest_ratio(filters)
        if ratio > 1:
            streams.append(((end - found.end()) * ratio, found.end(), end, filters))
    bound = sum(most for most, _, _, _ in streams)
    unmeasured: list[int | None] = []
    for most, start, end, filters in sorted(streams, reverse=True):
        if most <= budget.limits.stream_bytes and bound <= budget.room:
            break
        bound -= most
        if filters is None or encrypted:
            unmeasured.append(_object_number(data, start))
            continue
        measure_stream(filters, data[start:end], budget, where)
    if unmeasured:
        reason = "an encrypted stream" if encrypted else "a filter by reference"
        numbers = tuple(n for n in unmeasured if n is not None)
        raise Unmeasurable(reason, numbers if len(numbers) == len(unmeasured) else None)


_OBJECT = re.compile(rb"(\d+)\s+\d+\s+obj\b")


def _object_number(data: bytes, stream: int) -> int | None:
    """The number of the object whose stream starts at ``stream``."""
    start = data.rfind(b"obj", 0, stream)
    found = _OBJECT.search(data, max(0, start - 24), start + 3) if start >= 0 else None
    return None if found is None else int(found.group(1))


def _filters(head: bytes) -> list[str] | None:
    """The filter names of a stream's dictionary; None when one is a reference."""
    found = _FILTER.search(head)
    if found is None:
        return []
    value = found.group(1)
    if value.endswith(b"R") and re.search(rb"\d\s+\d+\s+R", value):
        return None
    return [name.decode("latin-1") for name in _NAME.findall(value)]


# --- the decoders -------------------------------------------------------------------------


def _ascii_hex(data: bytes) -> bytes:
    digits = bytes(data.split(b">", 1)[0]).translate(None, b" \t\r\n\f\0")
    if len(digits) % 2:
        digits += b"0"
    try:
        return binascii.unhexlify(digits)
    except binascii.Error:
        return b""


def _ascii85(data: bytes) -> bytes:
    text = data.split(b"~>", 1)[0].translate(None, b" \t\r\n\f\0")
    if text.startswith(b"<~"):
        text = text[2:]
    try:
        return base64.a85decode(text)
    except ValueError:
        return b""


_SHRINKING = {
    "ASCIIHexDecode": _ascii_hex,
    "AHx": _ascii_hex,
    "ASCII85Decode": _ascii85,
    "A85": _ascii85,
}


def _lzw(data: bytes) -> Iterator[bytes]:
    """An LZW stream's output in pieces, decoded as pdfminer and pdfium decode it
    (9- to 12-bit codes, early change, 256 clears, 257 ends)."""
    table: list[bytes] = []
    previous = b""
    width = 9
    buffer = 0
    held = 0
    out: list[bytes] = []
    size = 0
    for byte in data:
        buffer = (buffer << 8) | byte
        held += 8
        while held >= width:
            held -= width
            code = (buffer >> held) & ((1 << width) - 1)
            if code == 256:
                table = [bytes((c,)) for c in range(256)] + [b"", b""]
                previous = b""
                width = 9
                continue
            if code == 257:
                yield b"".join(out)
                return
            if not table:
                table = [bytes((c,)) for c in range(256)] + [b"", b""]
            if code < len(table):
                text = table[code]
                if previous:
                    table.append(previous + text[:1])
            elif code == len(table) and previous:
                text = previous + previous[:1]
                table.append(text)
            else:
                yield b"".join(out)
                return  # damaged: what decoded before it
            if width < 12 and len(table) + 1 >= 1 << width:
                width += 1
            previous = text
            out.append(text)
            size += len(text)
            if size >= _PIECE:
                yield b"".join(out)
                out, size = [], 0
        buffer &= (1 << held) - 1
    yield b"".join(out)


def _run_length(data: bytes) -> Iterator[bytes]:
    out = bytearray()
    at = 0
    while at < len(data):
        length = data[at]
        if length == 128:
            break
        if length < 128:
            out += data[at + 1 : at + 2 + length]
            at += length + 2
        else:
            out += data[at + 1 : at + 2] * (257 - length)
            at += 2
        if len(out) >= _PIECE:
            yield bytes(out)
            out.clear()
    yield bytes(out)


_DECODERS = {
    "FlateDecode": inflate_pieces,
    "Fl": inflate_pieces,
    "LZWDecode": _lzw,
    "LZW": _lzw,
    "RunLengthDecode": _run_length,
    "RL": _run_length,
}
