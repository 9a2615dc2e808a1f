"""Budgets a PDF engine cannot keep by itself: the inflated size of compressed streams,
measured from the file's bytes before the engine inflates them.

pdfium inflates a page's streams inside C, where no check of ours runs; so before the
document is opened, every large Flate stream in the file is measured against
``Limits.stream_bytes`` and ``Limits.decompressed_bytes`` in bounded pieces (see
:meth:`govreport.limits.Budget.inflate_size`). Deflate expands at most 1,032 times, so a
stream shorter than ``stream_bytes / 1032`` cannot exceed the limit and is skipped: a
real report's streams are, and this costs it one scan of its bytes. (The pdfplumber
engine measures each stream as pdfminer fetches it instead; see reader.py.)
"""

from __future__ import annotations

import re

from govreport.limits import Budget

#: Deflate's greatest expansion: 258 bytes out of two bits in.
MAX_DEFLATE_RATIO = 1032

_FLATE = re.compile(rb"/Fl(?:ateDecode)?(?![A-Za-z])")
_STREAM = re.compile(rb"stream\r?\n")
_IMAGE = re.compile(rb"/Subtype\s*/Image")


def check_flate_streams(data: bytes, budget: Budget, where: str | None = None) -> None:
    """Raise :class:`~govreport.errors.LimitExceededError` when a Flate stream of ``data``
    inflates past the budget's limits (image streams, never inflated for reading, aside)."""
    shortest = budget.limits.stream_bytes // MAX_DEFLATE_RATIO
    if len(data) < shortest:
        return
    measured: set[int] = set()
    for found in _FLATE.finditer(data):
        stream = _STREAM.search(data, found.end(), found.end() + 4096)
        if stream is None or stream.end() in measured:
            continue
        start = stream.end()
        measured.add(start)
        end = data.find(b"endstream", start)
        end = len(data) if end < 0 else end
        if end - start < shortest:
            continue
        dictionary = data[data.rfind(b"obj", 0, found.start()) + 3 : stream.start()]
        if _IMAGE.search(dictionary):
            continue
        budget.inflate_size(data[start:end], where=where)
