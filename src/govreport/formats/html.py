"""HTML: government web pages and Word-made HTML, read into headings, paragraphs and table grids.

The reader is a chain of small steps over an lxml tree: decode the bytes (BOM, UTF-8,
the declared charset, GB18030), parse without network or DTD access, drop what a
reader never sees (scripts, styles, hidden elements) and the site's navigation chrome,
find the page title, then walk the page in reading order. Every ``<table>`` becomes
one grid with its row and column spans expanded, so that column positions line up
(``Table.regular``); a position covered by a spanning cell repeats its text with
``spanned=True``.

It knows HTML and the habits of the sites that publish reports (Word's ``<o:p>`` and
``&nbsp;``, layout tables, link menus); it knows nothing about the report itself.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import TYPE_CHECKING, ClassVar

import attrs
from lxml import etree
from lxml import html as lxml_html

from govreport.document import Block, Cell, Document, Heading, Location, Paragraph, Table
from govreport.errors import InputTooLargeError, ParseError
from govreport.source import Source, decode_text, looks_binary

if TYPE_CHECKING:
    from govreport.model import Report

#: Pages above this are refused before parsing. Real report pages, Word exports
#: included, are well under 2 MB; the limit leaves room for inline images.
MAX_HTML_BYTES = 32 * 1024 * 1024
#: A table whose spans expand past this many positions is refused: real report tables
#: have a few hundred, and a hostile ``rowspan="65534" colspan="1000"`` must not fill memory.
MAX_GRID_CELLS = 200_000
#: The HTML standard's own limits for span attributes.
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534

_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements whose end (and start) breaks a line of text.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "header", "hgroup", "hr", "html", "legend", "li", "listing",
        "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul", "xmp",
    }
)  # fmt: skip
#: Elements whose content a reader of the page never sees as text.
_INVISIBLE_TAGS = frozenset(
    {
        "applet", "area", "audio", "base", "button", "canvas", "datalist", "embed", "frame",
        "frameset", "head", "iframe", "img", "input", "link", "map", "math", "meta",
        "noscript", "object", "option", "param", "script", "select", "source", "style",
        "svg", "template", "textarea", "title", "track", "video",
    }
)  # fmt: skip
#: Landmarks that hold a site's navigation, never a report's text.
_CHROME_TAGS = frozenset({"nav", "aside"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menubar", "toolbar"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

#: Separators between the article title and the site or column name in ``<title>``.
_TITLE_SEPARATORS = re.compile(r"\s*(?:_+|\|+|｜|\s[-－–—]+\s|——|－－)\s*")
_SITE_NAME_METAS = ("sitename", "og:site_name", "application-name")
_ARTICLE_TITLE_METAS = ("articletitle", "og:title")

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_SNIFF_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|span"
    rb"|h[1-6]|br|font|center|section|article|style|script|link|o:p|\?xml[^>]*>\s*<(?:!doctype|html))"
    rb"[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
#: What the reader puts where the page breaks a line (``<br>``, a block's edge); it
#: cannot occur in parsed text.
_BREAK = "\x00"
_SPACE_RUN = re.compile(r"[ \t\n\r\f\v\xa0\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


class HtmlFormat:
    """Reads HTML pages and fragments: headings, paragraphs and every ``<table>`` as a
    regular grid, each with a location (table, row, column and an XPath)."""

    name: ClassVar[str] = "html"
    extensions: ClassVar[tuple[str, ...]] = ("html", "htm", "xhtml", "shtml")
    media_types: ClassVar[tuple[str, ...]] = ("text/html", "application/xhtml+xml")
    interface_version: ClassVar[int] = 1
    #: Above Markdown and text: HTML is also text, and Markdown may hold HTML.
    priority: ClassVar[int] = 20

    def sniff(self, head: bytes) -> bool:
        if looks_binary(head):
            return False
        return _SNIFF_START.match(head.removeprefix(codecs.BOM_UTF8)[:4096]) is not None

    def read(self, source: Source) -> Document:
        if len(source.data) > MAX_HTML_BYTES:
            raise InputTooLargeError(
                f"the HTML page is {len(source.data)} bytes, above the reader's limit of {MAX_HTML_BYTES}",
                where=source.name,
            )
        if looks_binary(source.head):
            raise ParseError("this is binary data, not HTML", where=source.name)
        root = parse_html(decode_html(source.data), where=source.name)
        return read_tree(root)

    def write(self, report: Report) -> bytes:
        from govreport.writers.html import write_html

        return write_html(report).encode("utf-8")


# --- bytes to tree -------------------------------------------------------------------------


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KiB (``<meta charset>``, ``http-equiv``
    or an XML declaration), as a Python codec name, or None."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _CHARSET.search(head)
    if match is None:
        return None
    name = match.group(1).decode("ascii").lower()
    if name in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn"):
        return "gb18030"  # a superset: pages labelled GB2312 routinely use GBK characters
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes) -> str:
    """A page's text: a BOM first, then UTF-8 (pages re-saved by crawlers keep an old
    GB2312 label on UTF-8 bytes, and valid UTF-8 is never an accident), then the declared
    charset, then GB18030; :class:`ParseError` when none fits."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    charset = declared_charset(data)
    if charset is not None and charset != "utf-8":
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            pass
    return decode_text(data)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def parse_html(text: str, *, where: str | None = None) -> etree._Element:
    """The page as an lxml tree. The parser reads no network or file resource (an HTML
    parser loads no DTD and expands no external entity), keeps libxml2's limits on depth
    and text size (``huge_tree=False``) and drops comments and processing instructions."""
    parser = lxml_html.HTMLParser(
        encoding="utf-8",
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=True,
    )
    # lxml keeps control characters in its tree but refuses them when text is set again
    # (strip_unseen joins text): Word's soft line breaks (\v, \f) become line breaks,
    # other controls and the non-characters U+FFFE/U+FFFF go.
    text = _CONTROL.sub(lambda m: "\n" if m.group(0) in "\v\f" else "", text)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ParseError(f"the HTML cannot be parsed: {exc}", where=where) from exc
    if root is None:
        raise ParseError("the HTML has no elements", where=where)
    fatal = next((e for e in parser.error_log if e.level == etree.ErrorLevels.FATAL), None)
    if fatal is not None:
        # libxml2 stops at its safety limits (nesting depth, text size) and returns what
        # it had: a silently cut page would lose cells, so it is refused instead.
        raise ParseError(
            f"the HTML cannot be read whole: {fatal.message}", where=f"line {fatal.line}"
        )
    return root


# --- what a reader never sees --------------------------------------------------------------


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _source_line(element: etree._Element) -> int | None:
    line = element.sourceline
    return line if isinstance(line, int) else None


def _is_hidden(element: etree._Element) -> bool:
    attributes = element.attrib
    if not attributes:
        return False
    if "hidden" in attributes or attributes.get("aria-hidden", "").lower() == "true":
        return True
    style = attributes.get("style")
    return style is not None and _HIDDEN_STYLE.search(style) is not None


def _in_article(element: etree._Element) -> bool:
    return any(_tag(a) in ("article", "main") for a in element.iterancestors())


def _is_chrome(element: etree._Element) -> bool:
    """Site navigation: landmarks, and page-level headers and footers."""
    tag = _tag(element)
    if tag in _CHROME_TAGS or element.get("role", "").lower() in _CHROME_ROLES:
        return True
    return tag in ("header", "footer") and not _in_article(element)


def _visible_chars(text: str | None) -> int:
    return len(_SPACE_RUN.sub("", text)) if text else 0


@attrs.frozen
class _Mass:
    """How much text an element shows, how much of it is link text, how many links."""

    chars: int = 0
    link_chars: int = 0
    links: int = 0
    has_table: bool = False


def _measure(element: etree._Element, in_link: bool, out: dict[etree._Element, _Mass]) -> _Mass:
    tag = _tag(element)
    link = in_link or tag == "a"
    chars = _visible_chars(element.text)
    link_chars = chars if link else 0
    links = 1 if tag == "a" else 0
    has_table = tag == "table"
    for child in element:
        if isinstance(child.tag, str) and _tag(child) not in _INVISIBLE_TAGS:
            mass = _measure(child, link, out)
            chars += mass.chars
            link_chars += mass.link_chars
            links += mass.links
            has_table = has_table or mass.has_table
        tail = _visible_chars(child.tail)
        chars += tail
        link_chars += tail if link else 0
    mass = _Mass(chars, link_chars, links, has_table)
    out[element] = mass
    return mass


def _is_link_menu(element: etree._Element, mass: _Mass) -> bool:
    """A block that is a list of links with little else (menus, breadcrumbs, 'related
    articles'): two or more links that make up most of its text, and no table. One link
    inside a sentence (``可在 www.example.gov.cn 下载``) is not a menu."""
    tag = _tag(element)
    if tag not in _BLOCK_TAGS or tag in ("body", "html", "table", "tbody", "thead", "tfoot", "tr"):
        return False
    return not mass.has_table and mass.links >= 2 and mass.link_chars >= 0.6 * mass.chars


def strip_unseen(root: etree._Element) -> None:
    """Remove, in place, everything a person reading the report does not read: invisible
    elements, hidden ones, navigation landmarks and link menus. The text after a removed
    element (its tail) stays."""
    masses: dict[etree._Element, _Mass] = {}
    _measure(root, False, masses)
    doomed: list[etree._Element] = []

    def visit(element: etree._Element) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                doomed.append(child)  # a comment or processing instruction the parser kept
            elif (
                _tag(child) in _INVISIBLE_TAGS
                or _is_hidden(child)
                or _is_chrome(child)
                or _is_link_menu(child, masses[child])
            ):
                doomed.append(child)
            else:
                visit(child)

    visit(root)
    for element in doomed:
        parent = element.getparent()
        if parent is None:
            continue
        tail = element.tail
        previous = element.getprevious()
        parent.remove(element)
        if tail:  # keep the text that followed the removed element
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


# --- text -----------------------------------------------------------------------------------


def _wide(char: str) -> bool:
    return bool(char) and unicodedata.east_asian_width(char) in ("W", "F")


def clean_line(text: str) -> str:
    """One line of page text as a reader sees it: white space (``&nbsp;`` included)
    collapsed to one space and trimmed; a source line break between two Chinese
    characters disappears, as browsers render it (CSS Text: segment breaks between wide
    characters are removed)."""
    text = _ZERO_WIDTH.sub("", text)

    def collapse(match: re.Match[str]) -> str:
        run = match.group(0)
        before = text[match.start() - 1] if match.start() > 0 else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if ("\n" in run or "\r" in run) and _wide(before) and _wide(after):
            return ""
        return " "

    return _SPACE_RUN.sub(collapse, text).strip()


def _lines(raw: str) -> list[str]:
    return [line for line in (clean_line(part) for part in raw.split(_BREAK)) if line]


def _inline_text(element: etree._Element) -> str:
    """The raw text of ``element`` with ``<br>`` and block edges marked as breaks."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        tag = _tag(node)
        if tag == "br":
            parts.append(_BREAK)
        else:
            block = tag in _BLOCK_TAGS and node is not element
            if block:
                parts.append(_BREAK)
            if tag in ("sup", "sub"):
                # A footnote mark is not part of the number: 12126<sup>1</sup> must not
                # read as 121261. The space keeps them apart, so the cell is unreadable.
                parts.append(" ")
            if node.text:
                parts.append(node.text)
            for child in node:
                visit(child)
                if child.tail:
                    parts.append(child.tail)
            if block:
                parts.append(_BREAK)

    visit(element)
    return "".join(parts)


def cell_text(element: etree._Element) -> str:
    """A cell's text with its line breaks (``<br>``, paragraphs) as ``\\n``; a cell that
    holds only ``&nbsp;`` or Word's empty ``<o:p></o:p>`` is blank."""
    return "\n".join(_lines(_inline_text(element)))


# --- tables ---------------------------------------------------------------------------------


def _span(value: str | None, limit: int) -> int:
    """A rowspan/colspan as browsers read it: leading digits, at least 1 (0 is 'to the
    end' for rowspan, handled by the caller), at most the standard's limit."""
    match = re.match(r"\s*(\d+)", value or "")
    if match is None:
        return 1
    return min(int(match.group(1)), limit)


def own_rows(table: etree._Element) -> list[etree._Element]:
    """The table's own rows in document order (not those of tables nested in its cells)."""
    rows: list[etree._Element] = []
    for child in table.iterchildren():
        if _tag(child) == "tr":
            rows.append(child)
        elif _tag(child) in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child.iterchildren() if _tag(row) == "tr")
    return rows


def _own_cells(row: etree._Element) -> list[etree._Element]:
    return [cell for cell in row.iterchildren() if _tag(cell) in ("td", "th")]


def is_layout_table(table: etree._Element) -> bool:
    """A table used to lay out a page rather than to hold data: one that holds another
    table, or has a single cell. Its cells are read as ordinary blocks."""
    if any(True for _ in table.iterdescendants("table")):
        return True
    return sum(len(_own_cells(row)) for row in own_rows(table)) <= 1


def expand_grid(
    table: etree._Element, index: int, tree: etree._ElementTree
) -> tuple[tuple[Cell, ...], ...]:
    """The table as a regular grid: every row as long as the widest, spans repeated
    with ``spanned=True``, rows that hold no text at all dropped (Word's sizing rows).

    Follows the HTML table model: a cell goes to the first column its row has free; a
    rowspan reaching past the last row stops there, and rowspan 0 means 'to the last
    row'."""
    rows = own_rows(table)
    placed: dict[tuple[int, int], Cell] = {}
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for element in _own_cells(row):
            while (r, c) in placed:
                c += 1
            rowspan = _span(element.get("rowspan"), MAX_ROWSPAN)
            if rowspan == 0 or rowspan > len(rows) - r:
                rowspan = len(rows) - r
            colspan = max(_span(element.get("colspan"), MAX_COLSPAN), 1)
            if max(len(placed) + rowspan * colspan, len(rows) * (c + colspan)) > MAX_GRID_CELLS:
                # the grid is as wide as its widest row for every row: padding counts too
                raise ParseError(
                    f"table {index} spans more than {MAX_GRID_CELLS} cells",
                    where=tree.getpath(element),
                )
            text = cell_text(element)
            xpath = tree.getpath(element)
            for dr in range(rowspan):
                for dc in range(colspan):
                    placed[(r + dr, c + dc)] = Cell(
                        text=text,
                        location=Location(
                            table=index, row=r + dr + 1, column=c + dc + 1, xpath=xpath
                        ),
                        spanned=(dr, dc) != (0, 0),
                    )
            c += colspan
            width = max(width, c)
    grid: list[tuple[Cell, ...]] = []
    for r in range(len(rows)):
        # A position no cell covers (a row with fewer cells than the table is wide) is
        # marked spanned: it holds no value of its own, and which cell is missing is
        # unknown, so the builder must not read the row's cells by position.
        row_cells = tuple(
            placed.get((r, c))
            or Cell(text="", location=Location(table=index, row=r + 1, column=c + 1), spanned=True)
            for c in range(width)
        )
        if any(cell.text for cell in row_cells):
            grid.append(row_cells)
    return tuple(grid)


# --- the page title -------------------------------------------------------------------------


def _meta(root: etree._Element, names: tuple[str, ...]) -> str | None:
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").lower()
        if key in names:
            content = clean_line(meta.get("content") or "")
            if content:
                return content
    return None


def _compact(text: str) -> str:
    return _SPACE_RUN.sub("", text)


def page_title(root: etree._Element) -> str | None:
    """What the page says its title is: the article title the CMS declares
    (``<meta name="ArticleTitle">``), else the longest part of ``<title>`` once the site
    name (``<meta name="SiteName">``) is removed. Read before :func:`strip_unseen`
    drops the head."""
    declared = _meta(root, _ARTICLE_TITLE_METAS)
    if declared:
        return declared
    title = root.find(".//title")
    text = _text_of(title) if title is not None else ""
    if not text.strip():
        return None
    site = _meta(root, _SITE_NAME_METAS)
    parts = [clean_line(p) for p in _TITLE_SEPARATORS.split(text)]
    parts = [p for p in parts if p and (site is None or _compact(p) != _compact(site))]
    return max(parts, key=len) if parts else None


def _text_of(element: etree._Element) -> str:
    return str(etree.tostring(element, method="text", encoding="unicode", with_tail=False))


def _shown_text(element: etree._Element) -> str:
    return _compact(_text_of(element))


def find_title_element(body: etree._Element, title: str | None) -> etree._Element | None:
    """The element that shows the page title. With no declared title, the first heading.
    Else the first heading that agrees with the declared title, or the innermost element
    whose whole text is the declared title (``<div class="article_title">``)."""
    wanted = _compact(title) if title else None
    for heading in body.iter(*_HEADING_TAGS):
        text = _shown_text(heading)
        if not text:
            continue
        if (
            wanted is None
            or text == wanted
            or (len(text) >= 6 and (text in wanted or wanted in text))
        ):
            return heading
    if wanted is None:
        return None
    found = next(
        (e for e in body.iter() if isinstance(e.tag, str) and _shown_text(e) == wanted), None
    )
    while found is not None:
        inner = next(
            (c for c in found if isinstance(c.tag, str) and _shown_text(c) == wanted), None
        )
        if inner is None:
            break
        found = inner
    if found is not None and _tag(found) in ("body", "html", "table", "tbody", "tr"):
        return None  # the page is nothing but its title: nothing to set apart
    return found


# --- the walk -------------------------------------------------------------------------------


@attrs.define
class _Walker:
    """Turns the cleaned page into blocks in reading order."""

    tree: etree._ElementTree
    table_index: dict[etree._Element, int]
    title_element: etree._Element | None
    blocks: list[Block] = attrs.field(factory=list)
    pending: list[str] = attrs.field(factory=list)
    anchor: etree._Element | None = None
    title_seen: bool = False

    def location(self, element: etree._Element) -> Location:
        return Location(line=_source_line(element), xpath=self.tree.getpath(element))

    def add_text(self, text: str | None, holder: etree._Element) -> None:
        if not text:
            return
        if self.anchor is None and _visible_chars(text):
            self.anchor = holder
        self.pending.append(text)

    def flush(self) -> None:
        if self.anchor is not None:
            location = self.location(self.anchor)
            for line in _lines("".join(self.pending)):
                self.blocks.append(Paragraph(text=line, location=location))
        self.pending.clear()
        self.anchor = None

    def heading(self, element: etree._Element, level: int) -> None:
        self.flush()
        text = clean_line(_inline_text(element).replace(_BREAK, " "))
        if text:
            self.blocks.append(Heading(text=text, level=level, location=self.location(element)))

    def table(self, element: etree._Element) -> None:
        self.flush()
        index = self.table_index[element]
        rows = expand_grid(element, index, self.tree)
        if rows:
            location = Location(
                line=_source_line(element), table=index, xpath=self.tree.getpath(element)
            )
            self.blocks.append(Table(rows=rows, location=location, regular=True))

    def walk(self, element: etree._Element, holder: etree._Element) -> None:
        """Read ``element``; ``holder`` is the block its loose text belongs to."""
        tag = _tag(element)
        if element is self.title_element:
            # What the page shows before its title is the site's, not the report's.
            self.pending.clear()
            self.anchor = None
            self.blocks.clear()
            self.title_seen = True
            self.heading(element, int(tag[1]) if tag in _HEADING_TAGS else 1)
            return
        if tag in _HEADING_TAGS:
            self.heading(element, int(tag[1]))
            return
        if tag == "table" and not is_layout_table(element):
            self.table(element)
            return
        if tag == "br":
            self.pending.append(_BREAK)
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
            holder = element
        self.add_text(element.text, holder)
        for child in element:
            self.walk(child, holder)
            self.add_text(child.tail, holder)
        if block:
            self.flush()


def read_tree(root: etree._Element) -> Document:
    """The neutral document of a parsed page."""
    tree = root.getroottree()
    title = page_title(root)
    head_title = root.find(".//title")
    title_where = Location(xpath=tree.getpath(head_title)) if head_title is not None else Location()
    table_index = {table: i for i, table in enumerate(root.iter("table"), start=1)}
    strip_unseen(root)
    body = root.find("body")
    if body is None:
        body = root
    title_element = find_title_element(body, title)
    walker = _Walker(tree=tree, table_index=table_index, title_element=title_element)
    walker.walk(body, body)
    walker.flush()
    blocks = walker.blocks
    if walker.title_seen and title_element is not None:
        title = clean_line(_inline_text(title_element).replace(_BREAK, " ")) or title
    elif title is not None:
        # The body shows the declared title nowhere as text (an image, or a different
        # wording): put it first, where a reader of the page sees it.
        blocks.insert(0, Heading(text=title, level=1, location=title_where))
    return Document(blocks=tuple(blocks), title=title, format="html")


__all__ = [
    "MAX_GRID_CELLS",
    "MAX_HTML_BYTES",
    "HtmlFormat",
    "cell_text",
    "clean_line",
    "declared_charset",
    "decode_html",
    "expand_grid",
    "parse_html",
    "read_tree",
]
