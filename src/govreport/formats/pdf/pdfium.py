"""The pdfium engine: each page's glyphs, rules and images through pypdfium2's C API.

It gives the same :class:`RawDocument` the pdfplumber engine gives (``reader``), so
everything after it is shared. pdfium and pdfminer see a page differently in three
ways, each normalised here to pdfminer's view:

- glyph boxes: pdfium's tight box hugs the ink; pdfminer's spans the advance width
  and the font size from the font's descent. The loose box gives the advance and the
  descent; the top is the bottom less the size, the size the font size times the
  character matrix's vertical scale;
- text: pdfium inserts spaces and line breaks of its own (``FPDFText_IsGenerated``);
  every white-space character is dropped, as the pdfplumber engine drops them;
- paths: pdfium keeps painted paths as segments. Each sub-path is classed as pdfminer
  classes it (a line, an axis-aligned rectangle, or a curve), and turned into edges by
  pdfplumber's own ``obj_to_edges``.

Pages that pdfium reads in another geometry (rotated, or a media box not at the
origin) raise :class:`Unmatched`; the caller then reads the document with pdfplumber.

The budgets of :mod:`govreport.limits` hold here as in the pdfplumber engine: pdfium
decodes a page's streams whole in C, so every stream's decoded size is measured in
bounded pieces before pdfium sees the file (only where the stream's size could decode
past a budget; see :mod:`govreport.formats.pdf.guard`, which sends a stream it cannot
measure from the bytes to the pdfplumber engine); pages are counted before any is read,
each page's glyphs are counted before they are taken, and the clock is checked per
page and as glyphs and paths are read. pdfium follows reference loops without looping.
"""

from __future__ import annotations

import ctypes
import re
import threading
from typing import Any

from govreport import limits
from govreport.errors import EncryptedDocumentError, ParseError
from govreport.formats.pdf import guard
from govreport.formats.pdf.glyphs import MIN_VISIBLE_SIZE, Glyph, canonical_char
from govreport.formats.pdf.reader import RawDocument, RawPage, clean_title, visible_edges
from govreport.messages import message
from govreport.where import page_of

#: pdfium is not thread-safe (pypdfium2's documentation): one document at a time.
_LOCK = threading.Lock()

#: A fill colour channel (0-255) at or above this is white (the pdfplumber engine's 0.95).
_WHITE_CHANNEL = 0.95 * 255


class Unmatched(Exception):
    """The document holds something this engine does not read as pdfplumber does."""


def read_raw(data: bytes, name: str | None = None, *, password: str | None = None) -> RawDocument:
    """Every page's glyphs and rules, as :func:`govreport.formats.pdf.reader.read_raw`
    gives them. Raises :class:`Unmatched` where the two engines would differ."""
    budget = limits.current()
    try:
        guard.check_streams(data, budget, name)  # pdfium decodes in C, past any check
    except guard.Unmeasurable as unmeasured:
        if unmeasured.objects is None:
            raise Unmatched(str(unmeasured)) from unmeasured
        from govreport.formats.pdf.reader import measure_objects

        measure_objects(data, unmeasured.objects, budget, name, password=password)
    check_references(data, name)
    import pypdfium2.raw as pdfium_c

    with _LOCK:
        doc = _open(pdfium_c, data, name, password)
        try:
            title = clean_title(_meta_text(pdfium_c, doc, "Title"))
            count = pdfium_c.FPDF_GetPageCount(doc)
            if count <= 0:
                raise ParseError(message("pdf.no_pages"), where=name)
            budget.check_pages(count, where=name)
            pages = [_page(pdfium_c, doc, index, name, budget) for index in range(count)]
        finally:
            pdfium_c.FPDF_CloseDocument(doc)
    return RawDocument(tuple(pages), title)


# An object whose whole body is a reference to another ("4 0 obj 4 0 R endobj"): found
# from its rare ending, then read back (a scan for the whole pattern tries every digit).
_REFERENCE_END = re.compile(rb"R\s*endobj")
_BARE_REFERENCE = re.compile(rb"(?<![\d.])(\d+)\s+\d+\s+obj\s*(\d+)\s+\d+\s+$")


def check_references(data: bytes, name: str | None) -> None:
    """Raise :class:`ParseError` for objects that are references around a loop, as
    the pdfplumber engine's guard does: pdfium resolves such a loop to nothing and
    reads on, but the file is damaged and both engines should say so alike."""
    refers: dict[int, int] = {}
    for end in _REFERENCE_END.finditer(data):
        bare = _BARE_REFERENCE.search(data, max(0, end.start() - 64), end.start())
        if bare is not None:
            refers[int(bare.group(1))] = int(bare.group(2))
    for start in refers:
        seen = {start}
        target = refers[start]
        while target in refers:
            if target in seen:
                raise ParseError(
                    message("pdf.self_reference", obj=start, count=len(seen)), where=name
                )
            seen.add(target)
            target = refers[target]


def _open(pdfium_c: Any, data: bytes, name: str | None, password: str | None) -> Any:
    # pdfium reads from the buffer for the document's lifetime; ``data`` outlives it here
    secret = password.encode("utf-8") if password else None
    doc = pdfium_c.FPDF_LoadMemDocument64(data, len(data), secret)
    if doc:
        return doc
    code = pdfium_c.FPDF_GetLastError()
    if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
        key = "error.wrong_password" if password else "error.encrypted"
        raise EncryptedDocumentError(message(key), where=name)
    what = {pdfium_c.FPDF_ERR_FILE: "file", pdfium_c.FPDF_ERR_FORMAT: "format"}.get(code, "data")
    raise ParseError(message(f"pdf.pdfium_invalid.{what}"), where=name)


def _meta_text(pdfium_c: Any, doc: Any, key: str) -> str | None:
    size = pdfium_c.FPDF_GetMetaText(doc, key.encode("ascii"), None, 0)
    if size <= 2:
        return None
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDF_GetMetaText(doc, key.encode("ascii"), buffer, size)
    return buffer.raw[: size - 2].decode("utf-16-le", errors="replace")


def _page(pdfium_c: Any, doc: Any, index: int, name: str | None, budget: limits.Budget) -> RawPage:
    where = page_of(index + 1, name)
    budget.check_time(where)
    page = pdfium_c.FPDF_LoadPage(doc, index)
    if not page:
        raise ParseError(message("pdf.page_unloadable"), where=where)
    try:
        if pdfium_c.FPDFPage_GetRotation(page) != 0:
            raise Unmatched("a rotated page")
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if pdfium_c.FPDFPage_GetMediaBox(page, left, bottom, right, top):
            if left.value != 0 or bottom.value != 0:
                raise Unmatched("a media box away from the origin")
            width, height = float(right.value), float(top.value)
        else:  # no media box of its own: pdfium's default (US Letter), pdfminer's too
            width = pdfium_c.FPDF_GetPageWidthF(page)
            height = pdfium_c.FPDF_GetPageHeightF(page)
        glyphs, unmapped = _glyphs(pdfium_c, page, height, budget, where)
        objects: dict[str, list[dict[str, Any]]] = {"line": [], "rect": [], "curve": []}
        pictures = _walk(pdfium_c, page, height, objects, budget, where)
        return RawPage(
            number=index + 1,
            width=width,
            height=height,
            glyphs=tuple(glyphs),
            edges=tuple(visible_edges(objects)),
            images=len(pictures),
            unmapped=unmapped,
            pictures=tuple(pictures),
        )
    finally:
        pdfium_c.FPDF_ClosePage(page)


def _glyphs(
    pdfium_c: Any, page: Any, height: float, budget: limits.Budget, where: str
) -> tuple[list[Glyph], int]:
    text_page = pdfium_c.FPDFText_LoadPage(page)
    if not text_page:
        return [], 0
    try:
        count = pdfium_c.FPDFText_CountChars(text_page)
        if count <= 0:
            return [], 0
        budget.check_glyphs(count, where)  # pdfium's own spaces included: a loose bound
        units = (ctypes.c_ushort * (count + 1))()
        written = pdfium_c.FPDFText_GetText(text_page, 0, count, units)
        text = bytes(units)[: max(written - 1, 0) * 2].decode("utf-16-le", errors="surrogatepass")
        if len(text) != count:  # characters outside the BMP take two units: ask one by one
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(text_page, i)) for i in range(count))
        if count > budget.limits.glyphs_per_page:
            # every glyph drawn counts, as pdfminer's render_char calls do; pdfium's own
            # spaces do not (counted only here: rarely needed, one call per space)
            drawn = count - sum(
                pdfium_c.FPDFText_IsGenerated(text_page, i) == 1
                for i, char in enumerate(text)
                if char.isspace()
            )
            budget.check_glyphs(drawn, where)
        budget.check_time(where)
        found, unmapped = _placed(pdfium_c, text_page, text)
        _set_vertical(pdfium_c, text_page, found)
        glyphs = [
            Glyph(char, left, height - bottom - size, right, height - bottom, size)
            for _, char, left, right, bottom, size in found
        ]
        return glyphs, unmapped
    finally:
        pdfium_c.FPDFText_ClosePage(text_page)


#: index, text, left, right, bottom (from the page's foot) and size of a visible glyph
_Placed = list[Any]


def _placed(pdfium_c: Any, text_page: Any, text: str) -> tuple[list[_Placed], int]:
    """The visible glyphs with pdfminer's horizontal extent and baseline box."""
    box = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    get_matrix = pdfium_c.FPDFText_GetMatrix
    get_size = pdfium_c.FPDFText_GetFontSize
    map_error = pdfium_c.FPDFText_HasUnicodeMapError
    found: list[_Placed] = []
    unmapped = 0
    for i, char in enumerate(text):
        if char.isspace():  # pdfium's own spaces and line breaks, and the document's
            continue
        if not get_matrix(text_page, i, matrix):
            continue
        if matrix.b:  # slanted (fake italic) is fine; turned is not
            raise Unmatched("text turned from the horizontal")
        size = get_size(text_page, i) * abs(matrix.d)
        if size < MIN_VISIBLE_SIZE or not get_box(text_page, i, box):
            continue
        if map_error(text_page, i):
            unmapped += 1
            char = "\ufffd"  # never a digit: nothing is read from an unmapped glyph
        elif char == "\x02":  # pdfium's mark for a hyphen that ends a line
            char = "-"
        else:
            char = canonical_char(char)
        found.append([i, char, box.left, box.right, box.bottom, size])
    return found, unmapped


def _set_vertical(pdfium_c: Any, text_page: Any, found: list[_Placed]) -> None:
    """Boxes of glyphs set in a vertical font as pdfminer draws them: a square of the
    size whose top left corner is the origin. pdfium's loose box for them is placed
    below the origin, and ignores the text matrix's scale; nothing says a font is
    vertical, so two glyphs of one text object stacked at the same left side say it."""
    vertical: set[int] = set()
    previous: _Placed | None = None
    for k, glyph in enumerate(found):
        if glyph[3] - glyph[2] > 3 * glyph[5]:  # a loose box at the unscaled size
            vertical.add(k)
        if (
            previous is not None
            and abs(previous[2] - glyph[2]) < 0.01
            and abs(previous[4] - glyph[4]) > previous[5] / 2
            and _same_object(pdfium_c, text_page, previous[0], glyph[0])
        ):
            vertical.update((k - 1, k))
        previous = glyph
    x, y = ctypes.c_double(), ctypes.c_double()
    for k in vertical:
        glyph = found[k]
        if pdfium_c.FPDFText_GetCharOrigin(text_page, glyph[0], x, y):
            glyph[2], glyph[3], glyph[4] = x.value, x.value + glyph[5], y.value


def _same_object(pdfium_c: Any, text_page: Any, first: int, second: int) -> bool:
    def address(index: int) -> int | None:
        pointer = pdfium_c.FPDFText_GetTextObject(text_page, index)
        return ctypes.cast(pointer, ctypes.c_void_p).value

    return address(first) == address(second)


_Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _walk(
    pdfium_c: Any,
    page: Any,
    height: float,
    objects: dict[str, list[dict[str, Any]]],
    budget: limits.Budget,
    where: str,
) -> list[Box]:
    """Adds every painted path of the page (inside forms too) to ``objects`` as
    pdfplumber's line, rect and curve dicts; returns the boxes of its images."""
    images: list[Box] = []
    matrix = pdfium_c.FS_MATRIX()
    bounds = [ctypes.c_float() for _ in range(4)]
    count_page = pdfium_c.FPDFPage_CountObjects(page)
    pending: list[tuple[Any, _Matrix]] = [
        (pdfium_c.FPDFPage_GetObject(page, i), _IDENTITY) for i in range(count_page)
    ]
    seen = 0
    while pending:
        obj, outer = pending.pop()
        seen += 1
        if seen % 1024 == 0:
            budget.check_time(where)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            if pdfium_c.FPDFPageObj_GetBounds(obj, *bounds):
                images.append(_image_box([b.value for b in bounds], outer, height))
            continue
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
            continue
        own = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            pending.extend(
                (pdfium_c.FPDFFormObj_GetObject(obj, i), own)
                for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))
            )
            continue
        if outer is _IDENTITY and pdfium_c.FPDFPageObj_GetBounds(obj, *bounds):
            left, bottom, right, top = (b.value for b in bounds)
            if max(right - left, top - bottom) < 3.0:
                continue  # too small for any rule (glyph outlines, dots)
        _add_path(pdfium_c, obj, own, height, objects)
    return images


def _image_box(bounds: list[float], outer: _Matrix, height: float) -> Box:
    """An image's box (x0, top, x1, bottom) in points from the page's top left, from its
    bounds in the space of the form holding it (the page's own when ``outer`` is identity)."""
    left, bottom, right, top = bounds
    a, b, c, d, e, f = outer
    xs, ys = [], []
    for x, y in ((left, bottom), (left, top), (right, bottom), (right, top)):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return (min(xs), height - max(ys), max(xs), height - min(ys))


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _add_path(
    pdfium_c: Any,
    obj: Any,
    matrix: _Matrix,
    height: float,
    objects: dict[str, list[dict[str, Any]]],
) -> None:
    fill_mode = ctypes.c_int()
    stroke_flag = ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke_flag):
        return
    stroke, fill = bool(stroke_flag.value), fill_mode.value != 0
    colour: tuple[float, ...] | None = None
    if fill:
        rgba = [ctypes.c_uint() for _ in range(4)]
        if pdfium_c.FPDFPageObj_GetFillColor(obj, *rgba):
            colour = tuple(v.value / 255 for v in rgba[:3])
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    shape: list[str] = []
    points: list[tuple[float, float]] = []
    controls = 0  # pdfium gives a curve as three segments: two control points, then the end
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO and controls < 2:
            controls += 1
            continue
        controls = 0
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if shape:
                _classify(shape, points, stroke, fill, colour, height, objects)
            shape, points = ["m"], [point]
            continue
        if not shape:  # a path must begin with a move (pdfminer drops it otherwise)
            return
        shape.append("c" if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO else "l")
        points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            shape.append("h")
            points.append(points[0])
    if shape:
        _classify(shape, points, stroke, fill, colour, height, objects)


def _classify(
    ops: list[str],
    points: list[tuple[float, float]],
    stroke: bool,
    fill: bool,
    colour: tuple[float, ...] | None,
    height: float,
    objects: dict[str, list[dict[str, Any]]],
) -> None:
    """One sub-path as pdfminer's ``paint_path`` classes it."""
    shape = "".join(ops)
    pts = list(points)
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    common = {"stroke": stroke, "fill": fill, "non_stroking_color": colour}
    if shape in ("mlh", "ml"):
        objects["line"].append(_bbox_object("line", pts[:2], height, common))
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if pts[0] == pts[4] and square:
            objects["rect"].append(_bbox_object("rect", [pts[0], pts[2]], height, common))
        else:
            objects["curve"].append(_curve(pts, height, common))
    else:
        objects["curve"].append(_curve(pts, height, common))


def _bbox_object(
    kind: str, pts: list[tuple[float, float]], height: float, common: dict[str, Any]
) -> dict[str, Any]:
    x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
    y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "y1": y1,
        "top": height - y1,
        "bottom": height - y0,
        "doctop": height - y1,
        "width": x1 - x0,
        "height": y1 - y0,
        **common,
    }


def _curve(pts: list[tuple[float, float]], height: float, common: dict[str, Any]) -> dict[str, Any]:
    curve = _bbox_object("curve", pts, height, common)
    curve["pts"] = [(x, height - y) for x, y in pts]
    return curve


__all__ = ["Unmatched", "read_raw"]
