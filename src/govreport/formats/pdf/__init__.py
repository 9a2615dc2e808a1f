"""PDF: reports as published, exported from WPS or Word, read with pdfplumber.

The pipeline, one small step per module: :mod:`.reader` takes each page's glyphs
and rules in one parse; :mod:`.ruled` finds tables drawn with rules and joins their
halves across page breaks; :mod:`.page` turns the remaining lines into paragraphs
(without page numbers, headers and footers) and tables drawn without rules. This
module puts the pieces in reading order as a neutral :class:`Document`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

import attrs

from govreport.document import Block, Cell, Document, Location, Note, Paragraph, Table
from govreport.errors import NoTextLayerError
from govreport.formats.pdf import page as text
from govreport.formats.pdf import ruled
from govreport.formats.pdf.glyphs import Glyph, dedupe
from govreport.formats.pdf.reader import RawDocument, RawPage, read_raw
from govreport.source import Source

if TYPE_CHECKING:
    from govreport.model import Report

#: Share of a document's glyphs without Unicode mapping above which its text is unreadable.
UNMAPPED_LIMIT = 0.5
#: What to install to read what only OCR can read (see plugins/govreport-ocr).
OCR_HINT = "install the OCR plugin (pip install govreport-ocr, from plugins/govreport-ocr) and load it again"


class PdfFormat:
    """Reads PDF files: ruled and unruled tables, tables split over pages, running text."""

    name: ClassVar[str] = "pdf"
    extensions: ClassVar[tuple[str, ...]] = ("pdf",)
    media_types: ClassVar[tuple[str, ...]] = ("application/pdf",)
    interface_version: ClassVar[int] = 1
    priority: ClassVar[int] = 50

    def sniff(self, head: bytes) -> bool:
        # The header may follow some junk bytes; readers accept it within the first KiB.
        return b"%PDF-" in head[:1024]

    def read(self, source: Source) -> Document:
        return read_pdf(source.data, source.name)

    def write(self, report: Report) -> bytes:
        from govreport.writers.pdf import write_pdf

        return write_pdf(report)


@attrs.frozen
class _Item:
    """A table fragment, table or paragraph on a page, ordered by its top."""

    page: int
    top: float
    content: ruled.Fragment | text.TextTable | text.TextBlock


def read_pdf(data: bytes, name: str | None = None) -> Document:
    """The neutral document of a PDF's bytes."""
    raw = read_raw(data, name)
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
        items.extend(_join_with_previous_page(items, page_items))
    return Document(blocks=tuple(_blocks(items)), title=title, format="pdf", notes=tuple(notes))


def _check_text(raw: RawDocument, name: str | None) -> list[Note]:
    glyphs = sum(len(p.glyphs) for p in raw.pages)
    unmapped = sum(p.unmapped for p in raw.pages)
    if glyphs == 0:
        images = sum(p.images for p in raw.pages)
        what = f"its {len(raw.pages)} page(s) hold only images" if images else "it holds no text"
        raise NoTextLayerError(
            f"the PDF has no text layer ({what}); it looks scanned and needs OCR before it can be read: {OCR_HINT}",
            where=name,
        )
    if unmapped > UNMAPPED_LIMIT * glyphs:
        raise NoTextLayerError(
            f"{unmapped} of {glyphs} characters use fonts without a Unicode mapping and decode "
            f"to (cid:N) codes; the text cannot be read and needs OCR: {OCR_HINT}",
            where=name,
        )
    notes: list[Note] = []
    for page in raw.pages:
        if page.unmapped:
            notes.append(
                Note(
                    "pdf-unmapped-glyphs",
                    f"第{page.number}页有{page.unmapped}个字符的字体缺少 Unicode 映射（(cid:N)），"
                    "这些字符无法识别，其中的数字未读取。",
                    Location(page=page.number),
                )
            )
        elif not page.glyphs and page.images:
            notes.append(
                Note(
                    "pdf-image-page",
                    f"第{page.number}页只有图片、没有文字层，需 OCR 才能读取（安装 govreport-ocr 插件），该页内容未读取。",
                    Location(page=page.number),
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


def _ruled_table(fragment: ruled.Fragment, number: int) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for r, positions in enumerate(ruled.grid(fragment)):
        page = fragment.row_pages[r]
        rows.append(
            tuple(
                Cell(
                    cell.text if cell is not None else "",
                    Location(page=page, table=number, row=r + 1, column=c + 1),
                    spanned,
                )
                for c, (cell, spanned) in enumerate(positions)
            )
        )
    return Table(tuple(rows), Location(page=fragment.row_pages[0], table=number), regular=True)


__all__ = ["PdfFormat", "read_pdf"]
