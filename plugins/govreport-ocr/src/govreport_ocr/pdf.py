"""PDFs that need OCR in whole or in part.

A PDF is first read by govreport's own PDF reader. When it has no text layer (a
scan), every page is read from its image. When it has text but some pages are only
images, or a page's text holds a heading whose table is a picture, those images are
read for tables and the tables are put where the picture stands, between the
paragraphs above and below it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs
import numpy as np
from govreport.document import Block, Document, Paragraph, Table
from govreport.errors import NoTextLayerError
from govreport.formats.pdf import read_pdf

from govreport_ocr.engine import default_engine
from govreport_ocr.images import MAX_DPI, MIN_DPI, pdf_pages
from govreport_ocr.reader import OcrOptions, read_page, read_pages

#: An image covering less of the page than this is a logo or a stamp, not a table.
MIN_IMAGE_SHARE = 0.08
#: The built-in reader's note for a page that is only an image.
IMAGE_PAGE_NOTE = "pdf-image-page"


@attrs.frozen
class _Picture:
    page: int
    #: bounds in PDF points, origin bottom left: left, bottom, right, top
    bounds: tuple[float, float, float, float]
    dpi: float
    #: the page's text above the picture, without white space
    text_above: str


def read_pdf_with_ocr(
    data: bytes, name: str | None, options: OcrOptions, *, password: str | None = None
) -> Document:
    """The document of a PDF (``password`` opens an encrypted one), with what only its
    images show read by OCR."""
    try:
        document = read_pdf(data, name, password=password)
    except NoTextLayerError:
        pages = pdf_pages(data, name, max_pages=options.max_pages, password=password)
        return read_pages(pages, options, name)
    image_pages = {n.location.page for n in document.notes if n.code == IMAGE_PAGE_NOTE}
    pictures = _pictures(data, image_pages, password)
    if not pictures and not image_pages:
        return document
    blocks = list(document.blocks)
    notes = [n for n in document.notes if n.code != IMAGE_PAGE_NOTE]
    tables = sum(1 for _ in document.tables())
    engine = options.engine or default_engine()
    wanted = {n for n in image_pages if n is not None} | {p.page for p in pictures}
    for page in pdf_pages(data, name, max_pages=options.max_pages, only=wanted, password=password):
        if page.number in image_pages:
            result = read_page(
                engine,
                page.gray,
                page.dpi,
                page.number,
                options,
                text="all",
                first_table=tables + 1,
            )
            new = [b for _, b in sorted(result.items, key=lambda item: item[0])]
            _insert(blocks, new, page.number, text_above=None)
            notes.extend(result.notes)
            tables += sum(1 for b in new if isinstance(b, Table))
            continue
        for picture in (p for p in pictures if p.page == page.number):
            crop = _crop(page.gray, page.dpi, picture)
            result = read_page(
                engine,
                crop,
                page.dpi,
                page.number,
                options,
                text="headings",
                first_table=tables + 1,
            )
            found = [
                b for _, b in sorted(result.items, key=lambda item: item[0]) if isinstance(b, Table)
            ]
            if found:
                _insert(blocks, found, page.number, text_above=picture.text_above)
                notes.extend(result.notes)
                tables += len(found)
    return attrs.evolve(document, blocks=tuple(blocks), notes=tuple(notes))


def _pictures(data: bytes, skip_pages: set[int | None], password: str | None) -> list[_Picture]:
    """Large images on pages that also have text."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    out: list[_Picture] = []
    document = pdfium.PdfDocument(data, password=password)
    try:
        for index in range(len(document)):
            if index + 1 in skip_pages:
                continue
            page = document[index]
            try:
                width, height = page.get_size()
                text_page = None
                for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
                    left, bottom, right, top = obj.get_bounds()
                    if (right - left) * (top - bottom) < MIN_IMAGE_SHARE * width * height:
                        continue
                    if text_page is None:
                        text_page = page.get_textpage()
                    above = text_page.get_text_bounded(left=0, bottom=top, right=width, top=height)
                    pixels = obj.get_px_size()[0] if isinstance(obj, pdfium.PdfImage) else 0
                    dpi = min(MAX_DPI, max(MIN_DPI, pixels * 72.0 / max(1.0, right - left)))
                    out.append(
                        _Picture(index + 1, (left, bottom, right, top), dpi, _squeeze(above))
                    )
                if text_page is not None:
                    text_page.close()
            finally:
                page.close()
    finally:
        document.close()
    return out


def _crop(gray: np.ndarray, dpi: float, picture: _Picture) -> np.ndarray:
    """The picture's part of the rendered page (PDF points from the bottom to pixels from the top)."""
    height = gray.shape[0]
    scale = dpi / 72.0
    left, bottom, right, top = picture.bounds
    y0 = max(0, int(height - top * scale))
    y1 = min(height, int(height - bottom * scale) + 1)
    x0, x1 = max(0, int(left * scale)), min(gray.shape[1], int(right * scale) + 1)
    return np.ascontiguousarray(gray[y0:y1, x0:x1])


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _insert(
    blocks: list[Block], new: Sequence[Block], page: int, *, text_above: str | None
) -> None:
    """Put ``new`` after the last block of ``page`` whose text stands above the picture
    (all of the page's blocks when ``text_above`` is None), or after the blocks of the
    pages before it."""
    position = 0
    for index, block in enumerate(blocks):
        block_page = block.location.page
        if block_page is None:
            continue
        if block_page < page or (
            block_page == page
            and (
                text_above is None
                or (isinstance(block, Paragraph) and _squeeze(block.text)[:12] in text_above)
            )
        ):
            position = index + 1
    blocks[position:position] = list(new)


__all__ = ["read_pdf_with_ocr"]
