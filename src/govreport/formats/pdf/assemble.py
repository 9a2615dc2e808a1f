"""A PDF's pages as a neutral document: the reading steps, in order.

The pipeline, one small step per module: an engine takes each page's glyphs and
rules in one parse (:mod:`.pdfium` by default, :mod:`.reader` for pdfplumber);
:mod:`.ruled` finds tables drawn with rules and joins their halves across page breaks; :mod:`.page` turns the remaining lines into paragraphs
(without page numbers, headers and footers) and tables drawn without rules. This
module puts the pieces in reading order as a neutral :class:`Document`.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from govreport.document import Block, Cell, Document, Location, Note, Paragraph, Table
from govreport.errors import NoTextLayerError
from govreport.formats.pdf import page as text
from govreport.formats.pdf import ruled
from govreport.formats.pdf.glyphs import Glyph, dedupe
from govreport.formats.pdf.reader import RawDocument, RawPage
from govreport.messages import message
from govreport.pdfengine import PDFPLUMBER, pdf_engine

#: Share of a document's glyphs without Unicode mapping above which its text is unreadable.
UNMAPPED_LIMIT = 0.5
#: Share of a text page a picture must cover to be noted as one that may hold a table
#: (less is a logo, a seal or a QR code).
PICTURE_SHARE = 0.08
#: The notes of pictures the text layer does not read: a page that is only an image,
#: and a large picture on a page with text (an OCR reader picks these up).
IMAGE_PAGE_NOTE = "pdf-image-page"
PICTURE_NOTE = "pdf-picture"


@attrs.frozen
class _Item:
    """A table fragment, table or paragraph on a page, ordered by its top."""

    page: int
    top: float
    content: ruled.Fragment | text.TextTable | text.TextBlock


def read_pdf(
    data: bytes, name: str | None = None, engine: str | None = None, *, password: str | None = None
) -> Document:
    """The neutral document of a PDF's bytes (``password`` opens an encrypted one)."""
    raw = read_raw(data, name, pdf_engine(engine), password=password)
    notes = _check_text(raw, name)
    fragments: list[list[ruled.Fragment]] = []
    free_lines: list[list[text.TextLine]] = []
    for raw_page in raw.pages:
        found, lines = _split_page(raw_page)
        fragments.append(found)
        free_lines.append(lines)
    free_lines = text.drop_furniture(free_lines, [p.height for p in raw.pages])
    title = text.title_of(free_lines[0]) or raw.title
    items: list[_Item] = []
    for raw_page, found, lines in zip(raw.pages, fragments, free_lines, strict=True):
        page_items = [_Item(raw_page.number, f.top, f) for f in found]
        tables, rest = text.find_text_tables(lines)
        page_items.extend(_Item(raw_page.number, t.top, t) for t in tables)
        page_items.extend(_Item(raw_page.number, p.top, p) for p in text.paragraphs(rest))
        page_items.sort(key=lambda item: item.top)
        notes.extend(_picture_notes(raw_page, page_items))
        items.extend(_join_with_previous_page(items, page_items))
    return Document(blocks=tuple(_blocks(items)), title=title, format="pdf", notes=tuple(notes))


def read_raw(
    data: bytes, name: str | None, engine: str, *, password: str | None = None
) -> RawDocument:
    """Every page's glyphs and rules, from the engine named. pdfium hands a document it
    would not read as pdfplumber does (a rotated page, say) to pdfplumber."""
    from govreport.formats.pdf import reader

    if engine == PDFPLUMBER:
        return reader.read_raw(data, name, password=password)
    from govreport.formats.pdf import pdfium

    try:
        return pdfium.read_raw(data, name, password=password)
    except pdfium.Unmatched:
        return reader.read_raw(data, name, password=password)


def _check_text(raw: RawDocument, name: str | None) -> list[Note]:
    glyphs = sum(len(p.glyphs) for p in raw.pages)
    unmapped = sum(p.unmapped for p in raw.pages)
    if glyphs == 0:
        images = sum(p.images for p in raw.pages)
        key = "pdf.no_text_layer.images" if images else "pdf.no_text_layer.empty"
        raise NoTextLayerError(message(key, pages=len(raw.pages)), where=name)
    if unmapped > UNMAPPED_LIMIT * glyphs:
        raise NoTextLayerError(
            message("pdf.unmapped", unmapped=unmapped, glyphs=glyphs), where=name
        )
    notes: list[Note] = []
    for page in raw.pages:
        if page.unmapped:
            notes.append(
                Note(
                    "pdf-unmapped-glyphs",
                    message("note.pdf_unmapped", page=page.number, count=page.unmapped),
                    Location(page=page.number),
                )
            )
        elif not page.glyphs and page.images:
            notes.append(
                Note(
                    IMAGE_PAGE_NOTE,
                    message("note.pdf_image_page", page=page.number),
                    Location(page=page.number),
                )
            )
    return notes


def _picture_notes(raw_page: RawPage, page_items: Sequence[_Item]) -> list[Note]:
    """A note for each large picture on a page with text, standing at the picture's box
    and, as ``line``, the line of the last paragraph above it (None: none above), so
    that what is read from the picture can be put where it stands."""
    if not raw_page.glyphs:
        return []  # an image-only page has its own note
    area = raw_page.width * raw_page.height
    notes: list[Note] = []
    for x0, top, x1, bottom in raw_page.pictures:
        share = (x1 - x0) * (bottom - top) / area if area > 0 else 0.0
        if share < PICTURE_SHARE:
            continue
        above = [
            item.content.line
            for item in page_items
            if isinstance(item.content, text.TextBlock) and item.top < top
        ]
        notes.append(
            Note(
                PICTURE_NOTE,
                message("note.pdf_picture", page=raw_page.number, share=round(100 * share)),
                Location(
                    page=raw_page.number,
                    line=above[-1] if above else None,
                    box=(x0, top, x1, bottom),
                ),
            )
        )
    return notes


def _split_page(raw_page: RawPage) -> tuple[list[ruled.Fragment], list[text.TextLine]]:
    """The ruled tables of a page and the lines of the text around them."""
    glyphs = dedupe(raw_page.glyphs)
    found: list[ruled.Fragment] = []
    for boxes in ruled.find_cells(raw_page.edges):
        fragment = ruled.make_fragment(boxes, glyphs, raw_page.number)
        if fragment is not None:
            found.append(fragment)
    free: list[Glyph] = glyphs
    if found:
        free = [g for g in glyphs if not any(_inside(g, f) for f in found)]
    return found, text.text_lines(free)


def _inside(glyph: Glyph, fragment: ruled.Fragment) -> bool:
    return (
        fragment.x0 <= glyph.centre_x <= fragment.x1
        and fragment.top <= glyph.centre_y <= fragment.bottom
    )


def _join_with_previous_page(done: list[_Item], page_items: list[_Item]) -> list[_Item]:
    """The page's items, its first table joined onto the table that ends the page before."""
    if not done or not page_items:
        return page_items
    last, first = done[-1], page_items[0]
    if (
        isinstance(last.content, ruled.Fragment)
        and isinstance(first.content, ruled.Fragment)
        and first.page == last.page + 1
        and ruled.continues(last.content, first.content)
    ):
        done[-1] = attrs.evolve(
            last, page=first.page, content=ruled.join(last.content, first.content)
        )
        return page_items[1:]
    return page_items


def _blocks(items: Sequence[_Item]) -> list[Block]:
    blocks: list[Block] = []
    table_number = 0
    for item in items:
        content = item.content
        if isinstance(content, text.TextBlock):
            blocks.append(Paragraph(content.text, Location(page=item.page, line=content.line)))
            continue
        table_number += 1
        if isinstance(content, ruled.Fragment):
            blocks.append(_ruled_table(content, table_number))
        else:
            rows = tuple(
                tuple(
                    Cell(cell, Location(page=item.page, table=table_number, row=r, column=c))
                    for c, cell in enumerate(row, start=1)
                )
                for r, row in enumerate(content.rows, start=1)
            )
            blocks.append(Table(rows, Location(page=item.page, table=table_number)))
    return blocks


def _box(cell: ruled.GridCell | None) -> tuple[float, float, float, float] | None:
    """A cell's box on its page, for the validation page's evidence images."""
    if cell is None or cell.bottom <= cell.top:
        return None
    return (cell.x0, cell.top, cell.x1, cell.bottom)


def _ruled_table(fragment: ruled.Fragment, number: int) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for r, positions in enumerate(ruled.grid(fragment)):
        page = fragment.row_pages[r]
        rows.append(
            tuple(
                Cell(
                    cell.text if cell is not None else "",
                    Location(page=page, table=number, row=r + 1, column=c + 1, box=_box(cell)),
                    spanned,
                )
                for c, (cell, spanned) in enumerate(positions)
            )
        )
    return Table(tuple(rows), Location(page=fragment.row_pages[0], table=number), regular=True)


__all__ = ["IMAGE_PAGE_NOTE", "PICTURE_NOTE", "read_pdf", "read_raw"]
