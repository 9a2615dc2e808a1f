"""PDFs that need OCR in whole or in part.

A PDF is first read by govreport's own PDF reader. When it has no text layer (a
scan), every page is read from its image. When it has text, the reader's notes say
which pages are only an image and where large pictures stand on pages with text;
those are read for tables, and the tables are put where the picture stands, after
the paragraphs above it. A text PDF without such notes is returned as the built-in
reader read it: it is not opened a second time.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import numpy as np
from govreport.document import Block, Document, Location, Paragraph, Table
from govreport.errors import NoTextLayerError
from govreport.formats.pdf import read_pdf
from govreport.formats.pdf.assemble import IMAGE_PAGE_NOTE, PICTURE_NOTE

from govreport_ocr.engine import default_engine
from govreport_ocr.images import pdf_pages
from govreport_ocr.reader import OcrOptions, read_page, read_pages


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
    pictures = sorted(
        (
            n.location
            for n in document.notes
            if n.code == PICTURE_NOTE
            and n.location.box is not None
            and n.location.page not in image_pages
        ),
        key=lambda location: (location.page or 0, (location.box or (0.0,) * 4)[1]),  # by top
    )
    if not pictures and not image_pages:
        return document
    blocks = list(document.blocks)
    # every picture noted is read here: its note, which asks for OCR, is answered
    notes = [n for n in document.notes if n.code not in (IMAGE_PAGE_NOTE, PICTURE_NOTE)]
    tables = sum(1 for _ in document.tables())
    engine = options.engine or default_engine()
    wanted = {n for n in image_pages if n is not None} | {p.page for p in pictures if p.page}
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
            _insert(blocks, new, page.number, whole_page=True)
            notes.extend(result.notes)
            tables += sum(1 for b in new if isinstance(b, Table))
            continue
        placed: list[Block] = []  # tables of the pictures above, on this page
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
                _insert(blocks, found, page.number, after_line=picture.line, above=placed)
                placed.extend(found)
                notes.extend(result.notes)
                tables += len(found)
    return attrs.evolve(document, blocks=tuple(blocks), notes=tuple(notes))


def _crop(gray: np.ndarray, dpi: float, picture: Location) -> np.ndarray:
    """The picture's part of the rendered page (its box in points from the top left)."""
    assert picture.box is not None
    scale = dpi / 72.0
    x0, top, x1, bottom = picture.box
    y0, y1 = max(0, int(top * scale)), min(gray.shape[0], int(bottom * scale) + 1)
    left, right = max(0, int(x0 * scale)), min(gray.shape[1], int(x1 * scale) + 1)
    return np.ascontiguousarray(gray[y0:y1, left:right])


def _insert(
    blocks: list[Block],
    new: Sequence[Block],
    page: int,
    *,
    whole_page: bool = False,
    after_line: int | None = None,
    above: Sequence[Block] = (),
) -> None:
    """Put ``new`` after the blocks of the pages before ``page`` and, on ``page``, after
    all its blocks (``whole_page``) or after its paragraphs up to line ``after_line``
    (the last paragraph above the picture; None: none) and the blocks ``above``."""
    position = 0
    earlier = {id(b) for b in above}
    for index, block in enumerate(blocks):
        block_page = block.location.page
        if block_page is None:
            continue
        line = block.location.line
        if (
            block_page < page
            or id(block) in earlier
            or (
                block_page == page
                and (
                    whole_page
                    or (
                        isinstance(block, Paragraph)
                        and after_line is not None
                        and line is not None
                        and line <= after_line
                    )
                )
            )
        ):
            position = index + 1
    blocks[position:position] = list(new)


__all__ = ["read_pdf_with_ocr"]
