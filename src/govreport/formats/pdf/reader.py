"""Open a PDF with pdfplumber and take what each page draws: glyphs, rules and images.

This is the only module that touches pdfplumber and pdfminer. Each page is parsed
once (``page.objects``); everything after works on the plain values it returns, so a
foreign exception can only come from here, and here it becomes a ParseError.
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator
from typing import Any

import attrs

from govreport.errors import EncryptedDocumentError, GovReportError, ParseError
from govreport.formats.pdf.edges import object_edges
from govreport.formats.pdf.glyphs import MIN_VISIBLE_SIZE, Glyph, canonical_char, is_unmapped

# pdfminer logs every malformed font descriptor it meets (common in WPS exports) at
# WARNING; with no logging configured Python prints those to stderr. A NullHandler keeps
# them off a script's terminal; an application that configures logging still gets them.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

#: Rules shorter than this (points) are glyph strokes or dots, not table borders.
MIN_RULE_LENGTH = 3.0


@attrs.frozen
class RawPage:
    """What one page draws, in points from its top left corner."""

    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    #: pdfplumber edge dicts of the visible rules (lines, borders, thin filled rectangles)
    edges: tuple[dict[str, Any], ...] = attrs.field(repr=False)
    images: int
    #: glyphs whose font has no Unicode mapping: pdfminer gives ``(cid:N)`` for them
    unmapped: int


@attrs.frozen
class RawDocument:
    pages: tuple[RawPage, ...]
    #: the document information dictionary's title, when it decodes to clean text
    title: str | None


def read_raw(data: bytes, name: str | None = None) -> RawDocument:
    """Every page's glyphs and rules. Raises :class:`EncryptedDocumentError` for a
    document that needs a password and :class:`ParseError` for one pdfminer cannot read."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pdf = pdfplumber.open(io.BytesIO(data))
    except GovReportError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        # pdfplumber wraps pdfminer's errors; the password error is the wrapped one
        causes = (exc, *exc.args, exc.__cause__, exc.__context__)
        if any(isinstance(c, (PDFPasswordIncorrect, PDFEncryptionError)) for c in causes):
            raise EncryptedDocumentError(
                "the PDF is encrypted and cannot be opened without its password", where=name
            ) from exc
        raise ParseError(f"not a readable PDF: {_describe(exc)}", where=name) from exc
    # not "with pdf": closing walks the pages again, and on a damaged file that raises a
    # pdfminer error in place of the ParseError below
    try:
        title = clean_title(pdf.metadata.get("Title"))
        pages: list[RawPage] = []
        try:
            for page in _pages(pdf, name):
                pages.append(page)
        except GovReportError:
            raise
        except Exception as exc:
            where = f"page {len(pages) + 1}" + (f" of {name}" if name else "")
            raise ParseError(f"the PDF is damaged: {_describe(exc)}", where=where) from exc
    finally:
        _close(pdf)
    if not pages:
        raise ParseError("the PDF has no pages", where=name)
    return RawDocument(tuple(pages), title)


def _close(pdf: Any) -> None:
    # what failed to read fails again to close: the reading error is the one to report
    with contextlib.suppress(Exception):
        pdf.close()


def _pages(pdf: Any, name: str | None) -> Iterator[RawPage]:
    for page in pdf.pages:
        objects = page.objects
        glyphs: list[Glyph] = []
        unmapped = 0
        for char in objects.get("char", ()):
            text = char["text"]
            if not text or text.isspace() or char["size"] < MIN_VISIBLE_SIZE:
                continue
            if is_unmapped(text):
                unmapped += 1
                text = "\ufffd"  # never a digit: nothing is read from an unmapped glyph
            else:
                text = canonical_char(text)
            glyphs.append(
                Glyph(text, char["x0"], char["top"], char["x1"], char["bottom"], char["size"])
            )
        edges = visible_edges(objects)
        yield RawPage(
            number=page.page_number,
            width=float(page.width),
            height=float(page.height),
            glyphs=tuple(glyphs),
            edges=tuple(edges),
            images=len(objects.get("image", ())),
            unmapped=unmapped,
        )
        # the layout is not needed again; dropping it keeps memory flat on long files
        page.close()


def visible_edges(objects: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    edges: list[dict[str, Any]] = []
    for line in objects.get("line", ()):
        edges.extend(object_edges(line))
    for rect in objects.get("rect", ()):
        # A white box without a border is a background (WPS puts one behind every line
        # of text); its sides are not rules. A thin dark box is a rule (Word, WPS).
        if rect.get("stroke") or (
            rect.get("fill") and not _is_white(rect.get("non_stroking_color"))
        ):
            edges.extend(object_edges(rect))
    for curve in objects.get("curve", ()):
        if curve.get("stroke"):
            edges.extend(e for e in object_edges(curve) if e["orientation"] in ("h", "v"))
    return [e for e in edges if max(e["width"], e["height"]) >= MIN_RULE_LENGTH]


def _is_white(color: Any) -> bool:
    if not isinstance(color, (tuple, list)) or not color:
        return False
    if not all(isinstance(v, (int, float)) for v in color):
        return False
    if len(color) == 4:  # CMYK
        return all(v <= 0.05 for v in color)
    return all(v >= 0.95 for v in color)


def clean_title(value: Any) -> str | None:
    """The metadata title as text. pdfminer leaves a UTF-16 title with a byte order mark
    as Latin-1 characters (``ÿþ…``); those are decoded again, anything else unclear is dropped."""
    if isinstance(value, bytes):
        raw = value
    elif isinstance(value, str):
        if not value.startswith(("\xfe\xff", "\xff\xfe")):
            text = value.strip()
            return text if text and "\ufffd" not in text else None
        try:
            raw = value.encode("latin-1")
        except UnicodeEncodeError:
            return None
    else:
        return None
    for encoding in ("utf-16", "utf-8"):
        try:
            text = raw.decode(encoding).strip()
        except UnicodeDecodeError:
            continue
        return text or None
    return None


def _describe(exc: BaseException) -> str:
    message = str(exc).strip()
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


__all__ = ["RawDocument", "RawPage", "clean_title", "read_raw", "visible_edges"]
