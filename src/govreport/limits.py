"""Budgets every load keeps, in one place: bytes, pages, inflated stream bytes, glyphs,
table cells, nesting and wall-clock time (docs/limits.md).

The defaults fit every real report with a wide margin (the largest real report seen is
13 pages, 2,000 glyphs a page, a few hundred table cells, well under a second to read)
and stop hostile or broken input within seconds and well under 1 GB of memory. A caller
with larger documents raises a limit through :class:`Limits`, passed as
``BuildOptions(limits=...)`` to :func:`govreport.load`.

Readers get the budget of the load in progress from :func:`current` (a context variable,
so format plugins need no extra argument) and call its ``check_*`` methods where work
can grow: per page, per glyph, per inflated stream, per table. Past a limit they raise
:class:`LimitExceededError`, which names the limit and how to raise it.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterable, Iterator

import attrs

from govreport import memo
from govreport.errors import InputTooLargeError, LimitExceededError
from govreport.logs import log
from govreport.messages import CATALOGUE, Message, message

#: Inputs above this size are refused before any parser sees them. The largest real
#: report pages and PDFs are a few MB; 64 MB leaves room for scanned attachments.
MAX_BYTES = 64 * 1024 * 1024
#: HTML pages above this are refused before parsing. Real report pages, Word exports
#: included, are well under 2 MB; the limit leaves room for inline images.
MAX_HTML_BYTES = 32 * 1024 * 1024
#: Pages of a PDF, counted before any page is parsed (real reports: 2-13 pages).
MAX_PAGES = 200
#: Bytes one compressed PDF stream may inflate to, measured before it is inflated
#: (real content streams and fonts: under 2 MB).
MAX_STREAM_BYTES = 64 * 1024 * 1024
#: Bytes all the streams of one PDF may inflate to together.
MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024
#: Glyphs drawn on one page (a dense real page: about 2,500).
MAX_GLYPHS_PER_PAGE = 20_000
#: Positions of one table once its spans are expanded: real report tables have a few
#: hundred, and a hostile ``rowspan="65534" colspan="1000"`` must not fill memory.
MAX_TABLE_CELLS = 200_000
#: The HTML standard's limits for span attributes; Word cells are capped like colspan.
#: (Fixed: a span past these means nothing more to a browser either.)
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534
#: Tables nested in table cells (Word documents saved from web pages nest two or three).
MAX_NESTING = 32
#: Seconds one document may take to read (real reports: under one second).
MAX_SECONDS = 30.0


@attrs.frozen
class Limits:
    """The budgets of one load. Each field's default is the module constant of the same
    meaning; ``seconds=None`` lifts the time budget."""

    bytes: int = MAX_BYTES
    html_bytes: int = MAX_HTML_BYTES
    pages: int = MAX_PAGES
    stream_bytes: int = MAX_STREAM_BYTES
    decompressed_bytes: int = MAX_DECOMPRESSED_BYTES
    glyphs_per_page: int = MAX_GLYPHS_PER_PAGE
    table_cells: int = MAX_TABLE_CELLS
    nesting: int = MAX_NESTING
    seconds: float | None = MAX_SECONDS


def exceeded(
    limits: Limits,
    limit: str,
    what: str,
    value: float,
    where: str | None = None,
    error: type[LimitExceededError] = LimitExceededError,
) -> LimitExceededError:
    """The error for ``what`` being past ``limit``, a :class:`Limits` field. ``what`` is
    a message ID (``limit.what.pages``) whose ``{value}`` is ``value``, or, from a
    plugin written before the catalogue, a template whose ``{}`` is ``value``."""
    allowed = getattr(limits, limit)
    shown = f"{value:.1f}" if isinstance(value, float) else str(value)
    said = message(what, value=shown) if what in CATALOGUE else what.format(shown)
    log.info("%s", Message.of("log.budget_exceeded", limit=limit, allowed=allowed, what=said))
    return error(
        message("limit.exceeded", what=said, limit=limit, allowed=allowed),
        limit=limit,
        where=where,
    )


class Budget:
    """What one load has spent against its :class:`Limits`: the clock started when the
    load did, and the bytes inflated so far. Not shared between threads: a reader that
    fans out gives each worker the budget object itself (``current()`` does not cross
    threads)."""

    def __init__(self, limits: Limits | None = None, *, started: float | None = None) -> None:
        self.limits = limits or Limits()
        self.started = time.monotonic() if started is None else started
        self.deadline = None if self.limits.seconds is None else self.started + self.limits.seconds
        self.inflated = 0

    def exceeded(
        self, limit: str, what: str, value: float, where: str | None = None
    ) -> LimitExceededError:
        return exceeded(self.limits, limit, what, value, where)

    def check_time(self, where: str | None = None) -> None:
        """Raise when the load has run past its time budget."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise self.exceeded(
                "seconds", "limit.what.seconds", time.monotonic() - self.started, where
            )

    def check_bytes(self, size: int, where: str | None = None) -> None:
        if size > self.limits.bytes:
            raise exceeded(
                self.limits, "bytes", "limit.what.bytes", size, where, InputTooLargeError
            )

    def check_html_bytes(self, size: int, where: str | None = None) -> None:
        if size > self.limits.html_bytes:
            raise exceeded(
                self.limits,
                "html_bytes",
                "limit.what.html_bytes",
                size,
                where,
                InputTooLargeError,
            )

    def check_pages(self, pages: int, where: str | None = None) -> None:
        if pages > self.limits.pages:
            raise self.exceeded("pages", "limit.what.pages", pages, where)

    def check_glyphs(self, glyphs: int, where: str | None = None) -> None:
        if glyphs > self.limits.glyphs_per_page:
            raise self.exceeded("glyphs_per_page", "limit.what.glyphs_per_page", glyphs, where)

    def check_table_cells(self, cells: int, where: str | None = None) -> None:
        if cells > self.limits.table_cells:
            raise self.exceeded("table_cells", "limit.what.table_cells", cells, where)

    def check_nesting(self, depth: int, where: str | None = None) -> None:
        if depth > self.limits.nesting:
            raise self.exceeded("nesting", "limit.what.nesting", depth, where)

    def inflate_size(self, data: bytes, where: str | None = None) -> int:
        """The size ``data`` (a zlib stream) inflates to, found by inflating it in
        bounded pieces that are thrown away: past ``stream_bytes``, or past what is left
        of ``decompressed_bytes``, it raises before the stream is ever held whole. A
        stream that is not valid zlib counts what inflated before the damage."""
        return self.decoded_size(inflate_pieces(data), where)

    def decoded_size(self, pieces: Iterable[bytes], where: str | None = None) -> int:
        """Count the pieces a decoder gives, one at a time, against ``stream_bytes`` and
        what is left of ``decompressed_bytes``, as :meth:`inflate_size` counts a zlib
        stream's: a reader measures any stream this way before decoding it whole."""
        return self._take(pieces, None, where)

    def decoded_bytes(self, pieces: Iterable[bytes], where: str | None = None) -> bytes:
        """Join the pieces a decoder gives, counted as :meth:`decoded_size` counts
        them: the whole is held only once it is known to be within the budget."""
        held: list[bytes] = []
        self._take(pieces, held, where)
        return b"".join(held)

    @property
    def room(self) -> int:
        """What is left of ``decompressed_bytes``."""
        return self.limits.decompressed_bytes - self.inflated

    @property
    def stream_cap(self) -> int:
        """The most the next stream may decode to: ``stream_bytes``, or :attr:`room`
        when less."""
        return min(self.limits.stream_bytes, self.room)

    def _take(self, pieces: Iterable[bytes], held: list[bytes] | None, where: str | None) -> int:
        cap = self.stream_cap
        size = 0
        for piece in pieces:
            size += len(piece)
            if size > cap:
                break
            if held is not None:
                held.append(piece)
            self.check_time(where)
        self._count(size, where)
        return size

    def _count(self, size: int, where: str | None) -> None:
        if size > self.limits.stream_bytes:
            raise self.exceeded("stream_bytes", "limit.what.stream_bytes", size, where)
        self.inflated += size
        if self.inflated > self.limits.decompressed_bytes:
            raise self.exceeded(
                "decompressed_bytes",
                "limit.what.decompressed_bytes",
                self.inflated,
                where,
            )


def inflate_pieces(data: bytes, piece: int = 1 << 20) -> Iterator[bytes]:
    """A zlib stream's output in pieces of at most ``piece`` bytes; a damaged stream
    ends with what inflated before the damage."""
    import zlib  # PDF and Word streams only, not every start

    inflater = zlib.decompressobj()
    pending = data
    try:
        while pending and not inflater.eof:
            yield inflater.decompress(pending, piece)
            pending = inflater.unconsumed_tail
    except zlib.error:
        return


_current: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "govreport_budget", default=None
)


def current() -> Budget:
    """The budget of the load in progress; outside a load, a fresh one with the default
    limits (so a reader called on its own is bounded too)."""
    return _current.get() or Budget()


@contextlib.contextmanager
def budget(limits: Limits | None = None) -> Iterator[Budget]:
    """Run a load under ``limits``: the clock starts now, and :func:`current` gives this
    budget until the block ends."""
    spent = Budget(limits)
    token = _current.set(spent)
    try:
        yield spent
    finally:
        _current.reset(token)
        memo.forget_long_keys()  # a load's long texts leave the caches with it


__all__ = [
    "MAX_BYTES",
    "MAX_COLSPAN",
    "MAX_DECOMPRESSED_BYTES",
    "MAX_GLYPHS_PER_PAGE",
    "MAX_HTML_BYTES",
    "MAX_NESTING",
    "MAX_PAGES",
    "MAX_ROWSPAN",
    "MAX_SECONDS",
    "MAX_STREAM_BYTES",
    "MAX_TABLE_CELLS",
    "Budget",
    "LimitExceededError",
    "Limits",
    "budget",
    "current",
    "exceeded",
]
