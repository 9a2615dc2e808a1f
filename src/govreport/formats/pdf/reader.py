"""Open a PDF with pdfplumber and take what each page draws: glyphs, rules and images.

This is the only module that touches pdfplumber and pdfminer. Each page is parsed
once (``page.objects``); everything after works on the plain values it returns, so a
foreign exception can only come from here, and here it becomes a ParseError.

pdfminer trusts the file: it follows a reference that refers to itself forever,
inflates a stream whatever its size and draws every glyph a page asks for. The budgets
of :mod:`govreport.limits` are kept here, where pdfminer does that work: every object
it fetches passes through :class:`_GuardedObjects` (reference loops, inflated size
measured before pdfminer inflates, the clock), the page count is checked before a page
is parsed, and each page is drawn by a device that counts its glyphs.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import struct
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from govreport import limits
from govreport.errors import EncryptedDocumentError, GovReportError, ParseError
from govreport.formats.pdf import guard
from govreport.formats.pdf.edges import object_edges
from govreport.formats.pdf.glyphs import MIN_VISIBLE_SIZE, Glyph, canonical_char, is_unmapped
from govreport.messages import message
from govreport.where import page_of

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
    #: each image's box (x0, top, x1, bottom), in points from the page's top left
    pictures: tuple[tuple[float, float, float, float], ...] = ()


@attrs.frozen
class RawDocument:
    pages: tuple[RawPage, ...]
    #: the document information dictionary's title, when it decodes to clean text
    title: str | None


def read_raw(data: bytes, name: str | None = None, *, password: str | None = None) -> RawDocument:
    """Every page's glyphs and rules. Raises :class:`EncryptedDocumentError` for a
    document that needs a password (or another than ``password``) and
    :class:`ParseError` for one pdfminer cannot read."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    budget = limits.current()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    except GovReportError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        # pdfplumber wraps pdfminer's errors; the password error is the wrapped one
        causes = (exc, *exc.args, exc.__cause__, exc.__context__)
        if any(isinstance(c, (PDFPasswordIncorrect, PDFEncryptionError)) for c in causes):
            key = "error.wrong_password" if password else "error.encrypted"
            raise EncryptedDocumentError(message(key), where=name) from exc
        raise ParseError(message("pdf.unreadable", reason=_describe(exc)), where=name) from exc
    # not "with pdf": closing walks the pages again, and on a damaged file that raises a
    # pdfminer error in place of the ParseError below
    try:
        _GuardedObjects(pdf.doc, budget, name).install()
        _quicken_rc4(pdf.doc)
        pages: list[RawPage] = []
        try:
            title = clean_title(pdf.metadata.get("Title"))
            budget.check_pages(_count_pages(pdf.doc, budget.limits.pages), where=name)
            for page in _pages(pdf, budget, name):
                pages.append(page)
        except GovReportError:
            raise
        except Exception as exc:
            ours = _own_cause(exc)
            if ours is not None:  # pdfplumber wraps what our guards raise inside pdfminer
                raise ours from None
            where = page_of(len(pages) + 1, name)
            raise ParseError(message("pdf.damaged", reason=_describe(exc)), where=where) from exc
    finally:
        _close(pdf)
    if not pages:
        raise ParseError(message("pdf.no_pages"), where=name)
    return RawDocument(tuple(pages), title)


def _close(pdf: Any) -> None:
    if not hasattr(pdf, "_pages"):
        return  # no page was made: closing would make every one (it walks pdf.pages)
    # what failed to read fails again to close: the reading error is the one to report
    with contextlib.suppress(Exception):
        pdf.close()


def _own_cause(exc: BaseException) -> GovReportError | None:
    for cause in (*exc.args, exc.__cause__, exc.__context__):
        if isinstance(cause, GovReportError):
            return cause
    return None


def _count_pages(doc: Any, limit: int) -> int:
    """The pages of ``doc``, counted without parsing any (one past ``limit`` at most)."""
    from pdfminer.pdfpage import PDFPage

    count = 0
    for _ in PDFPage.create_pages(doc):
        count += 1
        if count > limit:
            break
    return count


class _GuardedObjects:
    """Stands in for a pdfminer document's ``getobj``, through which every indirect
    object is fetched (``PDFObjRef.resolve``, object streams): a reference chain that
    comes back to where it started is a damaged file, not a loop to run forever; a
    Flate stream's inflated size is measured in bounded pieces before pdfminer inflates
    it whole; and the clock is checked now and then."""

    def __init__(self, doc: Any, budget: limits.Budget, name: str | None) -> None:
        self.doc = doc
        self.fetch = doc.getobj
        self.budget = budget
        self.name = name
        self.calls = 0
        self.measured: set[int] = set()

    def install(self) -> None:
        # on this document object only: pdfminer's classes stay as they are
        self.doc.getobj = self.getobj

    def getobj(self, objid: int) -> Any:
        from pdfminer.pdftypes import PDFObjRef, PDFStream

        self.calls += 1
        if self.calls % 64 == 0:
            self.budget.check_time(self.name)
        obj = self.fetch(objid)
        if isinstance(obj, PDFObjRef):
            self._follow(objid, obj)
        elif isinstance(obj, PDFStream) and objid not in self.measured:
            self.measured.add(objid)
            self._measure(obj)
        return obj

    def _follow(self, objid: int, ref: Any) -> None:
        from pdfminer.pdftypes import PDFObjRef

        seen = {objid}
        target: Any = ref
        while isinstance(target, PDFObjRef):
            if target.objid in seen:
                raise ParseError(
                    message("pdf.self_reference", obj=objid, count=len(seen)), where=self.name
                )
            seen.add(target.objid)
            target = self.fetch(target.objid)

    def measure(self, objid: int) -> None:
        """Measure object ``objid``'s stream whatever its size (it was chosen from the
        file's bytes as one that could pass a budget)."""
        from pdfminer.pdftypes import PDFStream

        obj = self.fetch(objid)
        if isinstance(obj, PDFStream):
            self.measured.add(objid)
            self._measure(obj, always=True)

    def _measure(self, stream: Any, *, always: bool = False) -> None:
        from pdfminer.psparser import LIT, PSLiteral

        if stream.rawdata is None or stream.get("Subtype") is LIT("Image"):
            return  # already decoded; images are never decoded by the reader
        filters = [_literal_name(f, PSLiteral) for f, _ in stream.get_filters()]
        ratio = guard.greatest_ratio(filters)
        if ratio <= 1:
            return
        data = stream.rawdata
        if stream.decipher is not None:
            if not always and len(data) * ratio <= self.budget.stream_cap:
                return  # cannot pass a budget: not deciphered twice
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        guard.measure_stream(filters, data, self.budget, self.name)


def _literal_name(value: Any, literal: type) -> str:
    if not isinstance(value, literal):
        return str(value)
    name = value.name  # type: ignore[attr-defined]
    return name.decode("latin-1") if isinstance(name, bytes) else str(name)


def measure_objects(
    data: bytes,
    objects: Iterable[int],
    budget: limits.Budget,
    name: str | None,
    *,
    password: str | None = None,
) -> None:
    """Measure the stream objects numbered ``objects`` as this engine measures every
    stream (deciphered, filters resolved): how the pdfium engine measures the streams of
    an encrypted file, or those whose filter is a reference, before pdfium decodes them.
    A file pdfminer cannot open is left to the engine to refuse."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)), password=password or "")
    except Exception:
        return
    _quicken_rc4(doc)
    guarded = _GuardedObjects(doc, budget, name)
    for objid in objects:
        try:
            guarded.measure(objid)
        except GovReportError:
            raise
        except Exception:
            continue


def _quicken_rc4(doc: Any) -> None:
    """pdfminer deciphers RC4 in Python, adding one byte at a time to a bytes object:
    quadratic, minutes for a 1 MB stream of an encrypted report. Its security handler
    is given the same cipher from ``cryptography`` (which pdfminer itself requires),
    on this document only; the key is derived as pdfminer derives it (PDF 1.7, 7.6.2)."""
    handler = getattr(doc.decipher, "__self__", None)
    original = getattr(handler, "decrypt_rc4", None)
    if handler is None or original is None or getattr(handler, "key", None) is None:
        return
    from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
    from cryptography.hazmat.primitives.ciphers import Cipher

    def decrypt_rc4(objid: int, genno: int, data: bytes) -> bytes:
        key = handler.key + struct.pack("<L", objid)[:3] + struct.pack("<L", genno)[:2]
        key = hashlib.md5(key).digest()[: min(len(key), 16)]
        decryptor = Cipher(ARC4(key), mode=None).decryptor()
        return decryptor.update(data) + decryptor.finalize()

    handler.decrypt_rc4 = decrypt_rc4
    methods = getattr(handler, "cfm", None)  # the V4 handler's crypt filters
    if isinstance(methods, dict):
        for filter_name, method in list(methods.items()):
            if method == original:
                methods[filter_name] = decrypt_rc4


def _layout(page: Any, budget: limits.Budget, where: str) -> None:
    """Parse ``page`` as pdfplumber would (same device, same parameters) with a device
    that counts glyphs against the page's budget; pdfplumber then uses this layout."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Counting(PDFPageAggregatorWithMarkedContent):
        glyphs = 0

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            self.glyphs += 1
            if self.glyphs % 512 == 0:
                budget.check_time(where)
            if self.glyphs > budget.limits.glyphs_per_page:
                budget.check_glyphs(self.glyphs, where)
            return float(super().render_char(*args, **kwargs))

    device = Counting(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()


def _pages(pdf: Any, budget: limits.Budget, name: str | None) -> Iterator[RawPage]:
    for page in pdf.pages:
        where = page_of(page.page_number, name)
        budget.check_time(where)
        _layout(page, budget, where)
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
            pictures=tuple(
                (float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"]))
                for i in objects.get("image", ())
            ),
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
        elif _is_filled_rule(curve):
            # Chromium fills each cell border as a thin quadrilateral with bevelled ends
            # (not a rectangle): its box is the rule.
            edges.extend(object_edges({**curve, "object_type": "rect"}))
    return [e for e in edges if max(e["width"], e["height"]) >= MIN_RULE_LENGTH]


#: A filled shape at most this thick (points) and longer than a rule's minimum is a rule.
MAX_RULE_THICKNESS = 1.5


def _is_filled_rule(shape: dict[str, Any]) -> bool:
    """A thin, long shape filled with a colour that is not white: a drawn rule."""
    thin, long = sorted((shape["width"], shape["height"]))
    return (
        bool(shape.get("fill"))
        and not _is_white(shape.get("non_stroking_color"))
        and thin <= MAX_RULE_THICKNESS
        and long >= MIN_RULE_LENGTH
    )


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
