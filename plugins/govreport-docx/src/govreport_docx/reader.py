"""Read a Word ``.docx`` package into govreport's neutral document.

Word's body is a sequence of paragraphs and tables. Tables are read from their XML,
not from python-docx's ``row.cells``: that view repeats a merged cell's text in every
grid position it covers, and a builder reading it would count one number two or
three times. Here each grid position appears once; positions a merged cell covers
(``w:gridSpan``, ``w:vMerge``, legacy ``w:hMerge``) repeat its text with
``spanned=True``, which the builder ignores when it reads values.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import attrs
from govreport import limits
from govreport.document import Block, Cell, Document, Heading, Location, Paragraph, Table
from govreport.errors import EncryptedDocumentError, ParseError

from govreport_docx.magic import ENCRYPTED_STREAM, OLE2_MAGIC, WORD_STREAM, ZIP_MAGIC
from govreport_docx.messages import message
from govreport_docx.numbering import Numbering
from govreport_docx.xml import MC, W, attr_int, attr_str

DOCUMENT_PART = "word/document.xml"
#: Unpacked size above which a part is refused: real reports' document.xml is well
#: under 5 MB, and a zip bomb must not reach the XML parser.
MAX_PART_BYTES = 128 * 1024 * 1024
#: Layout tables (a whole page set inside table cells) nested deeper than this are
#: refused (``Limits.nesting``).
MAX_NESTING = limits.MAX_NESTING
#: Grid columns one cell may span (``w:gridSpan``) or skip (``w:gridBefore``): the HTML
#: standard's limit for colspan. Word's own grid is at most 63 columns wide.
MAX_SPAN = limits.MAX_COLSPAN

_SKIPPED_IN_TEXT = frozenset(
    {
        W + "pPr",
        W + "rPr",
        W + "del",
        W + "moveFrom",
        W + "delText",
        W + "instrText",
        W + "drawing",
        W + "pict",
        W + "object",
        W + "txbxContent",
        MC + "Fallback",  # the same content as mc:Choice, for older readers
    }
)
_TRANSPARENT = frozenset(
    {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins", W + "moveTo"}
)
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_SENTENCE_END = ("。", "；", ";", "：", ":")
#: A numbered paragraph longer than this is body text, not a heading.
_MAX_NUMBERED_HEADING = 40


def legacy_problem(head: bytes) -> ParseError | None:
    """The error for an OLE2 file: an encrypted package or an old binary ``.doc``."""
    if not head.startswith(OLE2_MAGIC):
        return None
    if ENCRYPTED_STREAM in head:
        return EncryptedDocumentError(message("docx.encrypted"))
    return ParseError(message("docx.legacy_doc"))


def read_docx(data: bytes, name: str | None = None) -> Document:
    """The neutral document of a ``.docx`` package; :class:`ParseError` when it is not one."""
    problem = legacy_problem(data[:4096])
    if problem is not None:
        raise problem
    if not data.startswith(ZIP_MAGIC):
        raise ParseError(message("docx.not_zip"), where=name)
    _check_package(data, name)
    import docx  # imported here so that sniffing never pays for python-docx

    try:
        package = docx.Document(io.BytesIO(data))
    except Exception as exc:
        # python-docx lets zipfile, lxml and its own package errors through, of many
        # types; every one means the same to the caller: a damaged package.
        raise ParseError(
            message("docx.cannot_open", kind=type(exc).__name__, detail=exc), where=name
        ) from exc
    try:
        numbering_element = package.part.numbering_part.element
    except Exception:  # no numbering part: a document without automatic lists
        numbering_element = None
    reader = _Reader(_styles(package.styles.element), Numbering(numbering_element))
    body = package.element.body
    reader.walk(body, depth=0, path=body.getroottree().getpath(body))
    title = (package.core_properties.title or "").strip() or None
    return Document(blocks=tuple(reader.blocks), title=title, format="docx")


def _check_package(data: bytes, name: str | None) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise ParseError(message("docx.bad_zip", reason=exc), where=name) from exc
    if DOCUMENT_PART not in infos:
        kind = (
            "excel"
            if "xl/workbook.xml" in infos
            else ("powerpoint" if "ppt/presentation.xml" in infos else "zip")
        )
        text = message("docx.not_word", kind=message(f"docx.kind.{kind}"), part=DOCUMENT_PART)
        raise ParseError(text, where=name)
    for info in infos.values():
        if info.file_size > MAX_PART_BYTES:
            text = message(
                "docx.part_too_large",
                part=info.filename,
                size=info.file_size,
                limit=MAX_PART_BYTES,
            )
            raise ParseError(text, where=name)


@attrs.frozen
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    num_id: str | None
    ilvl: int


def _styles(element: Any) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    for node in element.iterchildren(W + "style"):
        if attr_str(node, "type", "paragraph") != "paragraph":
            continue
        name_node = node.find(W + "name")
        based = node.find(W + "basedOn")
        ppr = node.find(W + "pPr")
        outline = num_id = None
        ilvl = 0
        if ppr is not None:
            level = ppr.find(W + "outlineLvl")
            outline = attr_int(level, "val", 9) if level is not None else None
            num = ppr.find(W + "numPr")
            if num is not None:
                num_id_node, ilvl_node = num.find(W + "numId"), num.find(W + "ilvl")
                num_id = attr_str(num_id_node, "val", "") if num_id_node is not None else None
                ilvl = attr_int(ilvl_node, "val", 0) if ilvl_node is not None else 0
        styles[attr_str(node, "styleId", "")] = _Style(
            name=attr_str(name_node, "val", "") if name_node is not None else "",
            based_on=attr_str(based, "val", "") if based is not None else None,
            outline=outline,
            num_id=num_id,
            ilvl=ilvl,
        )
    return styles


def _content(parent: Any) -> Iterator[Any]:
    """Children of a body or cell, looking through content controls and custom XML."""
    for child in parent.iterchildren():
        if child.tag in _TRANSPARENT:
            yield from _content(child)
        else:
            yield child


def _content_paths(parent: Any, path: str) -> Iterator[tuple[Any, str]]:
    """:func:`_content` with each child's XPath under ``path`` (the parent's), as
    ``getpath`` gives it, counted once per parent rather than once per block (which made
    long documents quadratic)."""
    children = [child for child in parent.iterchildren() if isinstance(child.tag, str)]
    counts: dict[str, int] = {}
    for child in children:
        counts[child.tag] = counts.get(child.tag, 0) + 1
    seen: dict[str, int] = {}
    for child in children:
        tag = child.tag
        if child.prefix is None and tag.startswith("{"):
            step = None  # a default namespace: getpath spells it another way
        else:
            name = tag.rsplit("}", 1)[-1]
            step = f"{child.prefix}:{name}" if child.prefix else name
            if counts[tag] > 1:
                seen[tag] = seen.get(tag, 0) + 1
                step += f"[{seen[tag]}]"
        child_path = f"{path}/{step}" if step else child.getroottree().getpath(child)
        if tag in _TRANSPARENT:
            yield from _content_paths(child, child_path)
        else:
            yield child, child_path


def _collect_text(node: Any, out: list[str]) -> None:
    for child in node.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED_IN_TEXT:
            continue
        if tag == W + "t":
            out.append(child.text or "")
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        else:
            _collect_text(child, out)


class _Reader:
    def __init__(self, styles: dict[str, _Style], numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.tables = 0

    # --- paragraphs ---------------------------------------------------------------

    def _style_chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def paragraph_text(self, p: Any) -> tuple[str, int | None]:
        """The paragraph's text with its list label, and its heading level (None for body text)."""
        ppr = p.find(W + "pPr")
        style_id = None
        outline: int | None = None
        num_id: str | None = None
        ilvl = 0
        if ppr is not None:
            style_node = ppr.find(W + "pStyle")
            style_id = attr_str(style_node, "val", "") if style_node is not None else None
            level = ppr.find(W + "outlineLvl")
            if level is not None:
                outline = attr_int(level, "val", 9)
            num = ppr.find(W + "numPr")
            if num is not None:
                num_id_node, ilvl_node = num.find(W + "numId"), num.find(W + "ilvl")
                num_id = attr_str(num_id_node, "val", "") if num_id_node is not None else None
                ilvl = attr_int(ilvl_node, "val", 0) if ilvl_node is not None else 0
        heading: int | None = None
        for style in self._style_chain(style_id):
            if num_id is None and style.num_id is not None:
                num_id, ilvl = style.num_id, style.ilvl
            if outline is None and style.outline is not None:
                outline = style.outline
            if heading is None:
                name = style.name.strip()
                match = _HEADING_STYLE.match(name)
                if match:
                    heading = int(match.group(1))
                elif name.lower() in ("title", "标题"):
                    heading = 1
        parts: list[str] = []
        _collect_text(p, parts)
        text = "".join(parts).replace("\u00a0", " ")
        label = self.numbering.label(num_id, ilvl) if num_id else ""
        if label:
            text = label + text.lstrip()
            stripped = text.strip()
            if (
                heading is None
                and ilvl == 0
                and len(stripped) <= _MAX_NUMBERED_HEADING
                and not stripped.endswith(_SENTENCE_END)
            ):
                heading = 1
        if heading is None and outline is not None and 0 <= outline < 9:
            heading = outline + 1
        return text, heading

    def paragraph(self, p: Any, path: str) -> None:
        text, level = self.paragraph_text(p)
        if not text.strip():
            return
        location = Location(xpath=path)
        if level is not None:
            self.blocks.append(Heading(text=text.strip(), level=level, location=location))
        else:
            self.blocks.append(Paragraph(text=text.strip(), location=location))

    # --- tables -------------------------------------------------------------------

    def walk(self, container: Any, depth: int, path: str) -> None:
        budget = limits.current()
        budget.check_nesting(depth, where=path)
        budget.check_time(path)
        for child, child_path in _content_paths(container, path):
            if child.tag == W + "p":
                self.paragraph(child, child_path)
            elif child.tag == W + "tbl":
                self.table(child, depth, child_path)

    def cell_text(self, tc: Any) -> str:
        lines = []
        for child in _content(tc):
            if child.tag == W + "p":
                lines.append(self.paragraph_text(child)[0].strip())
        return "\n".join(line for line in lines if line)

    def table(self, tbl: Any, depth: int, path: str) -> None:
        rows = [(tr, p) for tr, p in _content_paths(tbl, path) if tr.tag == W + "tr"]
        if any(tc.find(".//" + W + "tbl") is not None for tr, _ in rows for tc in _content(tr)):
            # A layout table (a page set inside table cells, as web pages saved from a
            # browser are): its cells hold the document, read them in order.
            for tr, tr_path in rows:
                for tc, tc_path in _content_paths(tr, tr_path):
                    if tc.tag == W + "tc":
                        self.walk(tc, depth + 1, tc_path)
            return
        budget = limits.current()
        self.tables += 1
        number = self.tables
        grid: list[tuple[Cell, ...]] = []
        previous: tuple[Cell, ...] = ()
        positions = 0
        for row_number, (tr, _) in enumerate(rows, start=1):
            cells: list[Cell] = []

            def at(column: int, row: int = row_number) -> Location:
                return Location(table=number, row=row, column=column)

            trpr = tr.find(W + "trPr")
            before = trpr.find(W + "gridBefore") if trpr is not None else None
            skipped = attr_int(before, "val", 0) if before is not None else 0
            for _ in range(min(max(skipped, 0), MAX_SPAN)):
                cells.append(Cell(text="", location=at(len(cells) + 1)))
            for tc in _content(tr):
                if tc.tag != W + "tc":
                    continue
                tcpr = tc.find(W + "tcPr")
                span = 1
                vmerge = hmerge = None
                if tcpr is not None:
                    span_node = tcpr.find(W + "gridSpan")
                    span = attr_int(span_node, "val", 1) if span_node is not None else 1
                    # a hostile gridSpan="2147483647" must not fill memory
                    span = min(max(1, span), MAX_SPAN)
                    vmerge = tcpr.find(W + "vMerge")
                    hmerge = tcpr.find(W + "hMerge")
                column = len(cells)
                positions += span
                budget.check_table_cells(
                    positions, where=str(Location(table=number, row=row_number))
                )
                if vmerge is not None and attr_str(vmerge, "val", "continue") != "restart":
                    # covered by the cell above: repeat its text, mark it spanned
                    for k in range(span):
                        above = previous[column + k] if column + k < len(previous) else None
                        cells.append(
                            Cell(above.text if above else "", at(column + k + 1), spanned=True)
                        )
                    continue
                if (
                    hmerge is not None
                    and attr_str(hmerge, "val", "continue") != "restart"
                    and cells
                ):
                    for k in range(span):
                        cells.append(Cell(cells[-1].text, at(column + k + 1), spanned=True))
                    continue
                text = self.cell_text(tc)
                cells.append(Cell(text, at(column + 1)))
                cells.extend(Cell(text, at(column + k + 1), spanned=True) for k in range(1, span))
            if cells:
                grid.append(tuple(cells))
                previous = tuple(cells)
        if grid:
            location = Location(table=number, xpath=path)
            self.blocks.append(Table(rows=tuple(grid), location=location, regular=True))


__all__ = [
    "DOCUMENT_PART",
    "ENCRYPTED_STREAM",
    "MAX_PART_BYTES",
    "OLE2_MAGIC",
    "WORD_STREAM",
    "ZIP_MAGIC",
    "legacy_problem",
    "read_docx",
]
