"""Which engine reads PDFs: pdfium (the default) or pdfplumber.

The choice is, first to last: the ``engine`` a caller passes to the PDF reader,
``BuildOptions.pdf_engine`` of the running :func:`govreport.load`, the environment
variable ``GOVREPORT_PDF_ENGINE``, then ``pdfium``. This module imports no PDF library.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from govreport.errors import UnsupportedFormatError
from govreport.messages import message

PDFIUM = "pdfium"
PDFPLUMBER = "pdfplumber"
#: Every engine, the default first.
ENGINES = (PDFIUM, PDFPLUMBER)
ENGINE_ENV = "GOVREPORT_PDF_ENGINE"

_chosen: ContextVar[str | None] = ContextVar("govreport_pdf_engine", default=None)


def check_engine(name: str) -> str:
    """``name`` as an engine name; :class:`UnsupportedFormatError` for an unknown one."""
    engine = name.strip().lower()
    if engine not in ENGINES:
        raise UnsupportedFormatError(
            message("pdfengine.unknown", name=repr(name), engines=", ".join(ENGINES))
        )
    return engine


def pdf_engine(given: str | None = None) -> str:
    """The engine that reads the next PDF."""
    name = given or _chosen.get() or os.environ.get(ENGINE_ENV, "").strip() or PDFIUM
    return check_engine(name)


@contextmanager
def engine_for_load(name: str | None) -> Iterator[None]:
    """While a :func:`govreport.load` runs, the engine its options name (``None``: no choice)."""
    token = _chosen.set(name)
    try:
        yield
    finally:
        _chosen.reset(token)


__all__ = [
    "ENGINES",
    "ENGINE_ENV",
    "PDFIUM",
    "PDFPLUMBER",
    "check_engine",
    "engine_for_load",
    "pdf_engine",
]
