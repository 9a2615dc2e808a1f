"""The HTML reader: government web pages and Word-made HTML, read into headings,
paragraphs and table grids (the plugin, :class:`~govreport.formats.html.HtmlFormat`,
imports it on its first ``read``).

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
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple, overload

from govreport import limits, memo
from govreport.document import (
    Block,
    Cell,
    Document,
    GridRow,
    Heading,
    Location,
    grid_cells,
    grid_table,
    read_paragraph,
    slot_setters,
)
from govreport.errors import ParseError
from govreport.messages import message
from govreport.source import Source, decode_text, looks_binary

if TYPE_CHECKING:
    from lxml import etree

#: Pages above this are refused before parsing (``Limits.html_bytes``).
MAX_HTML_BYTES = limits.MAX_HTML_BYTES
#: A table whose spans expand past this many positions is refused (``Limits.table_cells``).
MAX_GRID_CELLS = limits.MAX_TABLE_CELLS
#: The HTML standard's own limits for span attributes.
MAX_COLSPAN = limits.MAX_COLSPAN
MAX_ROWSPAN = limits.MAX_ROWSPAN

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

#: Separators between the article title and the site or column name in ``<title>``.
_TITLE_SEPARATORS = re.compile(r"\s*(?:_+|\|+|｜|\s[-－–—]+\s|——|－－)\s*")
_SITE_NAME_METAS = ("sitename", "og:site_name", "application-name")
_ARTICLE_TITLE_METAS = ("articletitle", "og:title")

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
#: HTML5 void elements that libxml2's HTML parser does not know: it puts everything up
#: to the end of their parent inside them.
_UNKNOWN_VOID = ("embed", "source", "track", "wbr", "keygen")
#: What the reader puts where the page breaks a line (``<br>``, a block's edge); it
#: cannot occur in parsed text.
_BREAK = "\x00"
_SPACE_RUN = re.compile(r"[ \t\n\r\f\v\xa0\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
#: What :func:`clean_line` changes inside a line: white space and zero-width marks.
_TO_CLEAN = re.compile(r"[ \t\n\r\f\v\xa0\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def read_source(source: Source) -> Document:
    """The neutral document of an HTML page (:meth:`HtmlFormat.read`)."""
    limits.current().check_html_bytes(len(source.data), where=source.name)
    if looks_binary(source.head):
        raise ParseError(message("read.binary", kind="HTML"), where=source.name)
    data, text = utf8_html(source.data)
    # one pass over the bytes gives both their lowercased copy, for the hiding words,
    # and whether they hold a control (a deleted byte shortens the copy)
    lowered = data.translate(_LOWER_ASCII, _CONTROL_BYTES)
    if len(lowered) != len(data) or "\ufffe" in text or "\uffff" in text:
        data = _without_controls(data, text)
        lowered = data.lower()
    del text
    may_hide = _attributes_may_hide(data, lowered)  # (the copy goes before the tree)
    del lowered
    return read_tree(_parse_utf8(data, where=source.name), attributes_may_hide=may_hide)


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


def utf8_html(data: bytes) -> tuple[bytes, str]:
    """A page's bytes as UTF-8 and its text, decoded as :func:`decode_html` decodes
    them: the bytes themselves when they are UTF-8 already (most pages), so that they
    are not copied into text and back."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return data, text
    text = decode_html(data)
    return text.encode("utf-8"), text


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
#: The controls of ``_CONTROL`` as UTF-8 bytes (U+FFFE/U+FFFF are looked for apart).
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
#: ``bytes.lower`` as a table of ``bytes.translate`` (which can delete bytes on the way).
_LOWER_ASCII = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")


def parse_html(text: str, *, where: str | None = None) -> etree._Element:
    """The page as an lxml tree. The parser reads no network or file resource (an HTML
    parser loads no DTD and expands no external entity), keeps libxml2's limits on depth
    and text size (``huge_tree=False``) and drops comments and processing instructions.
    HTML5 void elements libxml2 does not know (``<embed>``, ``<source>``, ``<track>``...)
    are made void, as a browser makes them."""
    try:
        data = text.encode("utf-8")
    except ValueError as exc:  # a lone surrogate
        raise ParseError(message("html.unparsable", reason=exc), where=where) from exc
    return _parse_utf8(_without_controls(data, text), where=where)


def _without_controls(data: bytes, text: str) -> bytes:
    """The UTF-8 bytes ``data`` of the page ``text`` with its control characters
    dealt with, as :func:`_parse_utf8` takes them.

    lxml keeps control characters in its tree but refuses them when text is set again
    (strip_unseen joins text): Word's soft line breaks (\\v, \\f) become line breaks,
    other controls and the non-characters U+FFFE/U+FFFF go. Looked for in the bytes,
    where a control is a byte of its own: as fast as a copy, where a pattern over the
    text cost a third of the parse. The two non-characters are looked for in the text,
    where finding one character is a memchr (in the bytes, a search for three bytes
    cost more than the copy)."""
    if (
        len(data.translate(None, _CONTROL_BYTES)) != len(data)
        or "\ufffe" in text
        or "\uffff" in text
    ):
        text = _CONTROL.sub(lambda m: "\n" if m.group(0) in "\v\f" else "", text)
        return text.encode("utf-8")
    return data


def _parse_utf8(data: bytes, *, where: str | None = None) -> etree._Element:
    """:func:`parse_html` of the page's UTF-8 bytes, controls dealt with
    (:func:`_without_controls`)."""
    from lxml import etree  # here, not at the top: reading other formats never loads lxml

    parser = etree.HTMLParser(
        encoding="utf-8",
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=True,
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ParseError(message("html.unparsable", reason=exc), where=where) from exc
    if root is None:
        raise ParseError(message("html.no_elements"), where=where)
    fatal = next((e for e in parser.error_log if e.level == etree.ErrorLevels.FATAL), None)
    if fatal is not None:
        # libxml2 stops at its safety limits (nesting depth, text size) and returns what
        # it had: a silently cut page would lose cells, so it is refused instead.
        raise ParseError(
            message("html.not_whole", reason=fatal.message), where=str(Location(line=fatal.line))
        )
    _empty_void_elements(root)
    return root


def _empty_void_elements(root: etree._Element) -> None:
    """Move what libxml2 put inside an element that is void in HTML5 back after it."""
    for element in list(root.iter(*_UNKNOWN_VOID)):
        if element.text is None and not len(element):
            continue
        after = element.tail
        element.tail = element.text
        element.text = None
        last = element
        for child in list(element):
            last.addnext(child)  # the child's tail moves with it
            last = child
        if after:
            last.tail = (last.tail or "") + after


# --- what a reader never sees --------------------------------------------------------------


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _source_line(element: etree._Element) -> int | None:
    line = element.sourceline
    return line if isinstance(line, int) else None


#: Tags whose element may be a link menu: block elements other than the page and table parts.
_MENU_TAGS = _BLOCK_TAGS - {"body", "html", "table", "tbody", "thead", "tfoot", "tr"}
#: Elements that are unseen by their tag alone (page-level headers and footers aside).
_UNSEEN_TAGS = tuple(sorted(_INVISIBLE_TAGS | _CHROME_TAGS))


def strip_unseen(root: etree._Element, *, attributes_may_hide: bool = True) -> None:
    """Remove, in place, everything a person reading the report does not read:
    invisible elements, hidden ones, navigation landmarks, and link menus (a block that
    is a list of links with little else: two or more links making up most of its text,
    and no table; one link inside a sentence is not a menu). The text after a removed
    element (its tail) stays.

    libxml2 finds the elements to remove by their tag; Python looks at attributes once
    (:func:`_hidden_by_attribute`), and only when the page's bytes spell a word that may
    hide, and measures text only where links are (see :func:`_find_menus`)."""
    from lxml import etree

    budget = limits.current()
    doomed: list[etree._Element] = list(
        root.iter(etree.Comment, etree.ProcessingInstruction, etree.Entity)
    )
    doomed.extend(e for e in root.iter(*_UNSEEN_TAGS) if e is not root)
    for element in root.iter("header", "footer"):
        if element is not root and next(element.iterancestors("article", "main"), None) is None:
            doomed.append(element)
    if attributes_may_hide:
        doomed.extend(_hidden_by_attribute(root))
    budget.check_time()
    for element in doomed:
        _remove_keeping_tail(element)
    budget.check_time()
    for element in _find_menus(root):
        _remove_keeping_tail(element)


def _hidden_by_attribute(root: etree._Element) -> list[etree._Element]:
    """The elements below ``root`` that an attribute hides (:func:`_hidden`), in page
    order. One look at each element's attribute names; a style is judged once per
    page however many elements repeat it (Word's pages give every paragraph and cell
    one of a few styles)."""
    from lxml import etree

    found: list[etree._Element] = []
    judged: dict[str, bool] = {}
    for element in root.iter(etree.Element):
        names = element.keys()
        if not names:
            continue
        if "style" in names:
            style = str(element.get("style"))
            hides = judged.get(style)
            if hides is None:
                hides = judged[style] = _hiding_style(style)
            if hides:
                found.append(element)
                continue
        if not _OTHER_HIDING_NAMES.isdisjoint(names) and _hidden(element, names):
            found.append(element)
    return [element for element in found if element is not root]


#: The attributes other than ``style`` that may hide an element.
_OTHER_HIDING_NAMES = frozenset({"hidden", "aria-hidden", "role"})
#: What the bytes of a page hold, in some case, where an attribute hides an element:
#: the name ``hidden`` or ``aria-hidden``, the name ``role``, or a style's ``display``
#: or ``visibility`` (:func:`_hiding_style` lowercases the style, and no character
#: outside ASCII lowercases to these letters).
_HIDING_WORDS = (b"hidden", b"role", b"display", b"visibility")


def _attributes_may_hide(data: bytes, lowered: bytes | None = None) -> bool:
    """Whether an attribute may hide an element of the page parsed from ``data``: False
    when the bytes spell none of :data:`_HIDING_WORDS`, in any case, and hold no
    character reference (``&#100;isplay`` spells ``display`` once parsed; of the named
    references only ``&fjlig;`` gives ASCII letters, and neither is in these words).
    Word's pages often give every cell a style, none of them hiding: reading those
    styles cost half as much as the parse. ``lowered`` is ``data.lower()`` when the
    caller has it."""
    if lowered is None:
        lowered = data.lower()
    return any(word in lowered for word in _HIDING_WORDS) or b"&#" in lowered


def _hidden(element: etree._Element, names: Sequence[str | bytes]) -> bool:
    """Whether an attribute hides ``element`` (``hidden``, ``aria-hidden``, a landmark
    role, ``display: none`` or ``visibility: hidden``); ``names`` are its attributes."""
    if "hidden" in names:
        return True
    if "aria-hidden" in names and str(element.get("aria-hidden")).lower() == "true":
        return True
    if "role" in names and str(element.get("role")).lower() in _CHROME_ROLES:
        return True
    return "style" in names and _hiding_style(str(element.get("style")))


@memo.remembered(maxsize=1024)
def _hiding_style(style: str) -> bool:
    """Whether a style attribute hides its element; a page repeats a few styles on
    many elements (Word's): each is looked at once."""
    style = style.lower()
    return ("display" in style or "visibility" in style) and _HIDDEN_STYLE_LOWER.search(
        style
    ) is not None


_HIDDEN_STYLE_LOWER = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")


def _count_visible(text: str | None) -> int:
    """Characters of ``text`` other than the white space ``_SPACE_RUN`` collapses."""
    if not text:
        return 0
    if text.isalnum():
        return len(text)
    text = text.strip(_SPACES)  # (most tails are only white space)
    if not text or text.isalnum():
        return len(text)
    # str.count per space character is C-fast; translate() with a table is not
    return len(text) - sum(map(text.count, _SPACES))


_SPACES = " \t\n\r\f\v\xa0\u3000"


def _ancestors_of(elements: Iterable[etree._Element]) -> set[etree._Element]:
    """Every element that holds one of ``elements`` (each ancestor visited once)."""
    holders: set[etree._Element] = set()
    for element in elements:
        for ancestor in element.iterancestors():
            if ancestor in holders:
                break
            holders.add(ancestor)
    return holders


def _find_menus(root: etree._Element) -> list[etree._Element]:
    """The link menus of the (already cleaned) page: blocks with two or more links
    whose text is at least 60 % link text, holding no table.

    Only elements that hold a link can be menus: text is measured by walking those in
    Python, and taking each other child's text from libxml2 whole, so a page costs
    the number of its link holders, not of its elements."""
    link_holders = _ancestors_of(root.iter("a"))
    if not link_holders:
        return []
    table_holders = _ancestors_of(root.iter("table"))
    menus: list[etree._Element] = []
    # a function of the module, not one nested here: a nested function that calls itself
    # is a cycle, which would keep the link holders, and with them the whole parsed page,
    # alive until a garbage collection frees the tree in the middle of other work
    _measure(root, False, _MenuSearch(link_holders, table_holders, menus, limits.current()))
    return menus


class _MenuSearch(NamedTuple):
    """What the walk of :func:`_find_menus` looks up and adds to."""

    link_holders: set[etree._Element]
    table_holders: set[etree._Element]
    menus: list[etree._Element]
    budget: limits.Budget


def _measure(element: etree._Element, in_link: bool, search: _MenuSearch) -> tuple[int, int, int]:
    """(characters, link characters, links) that ``element`` (a link holder) shows; the
    link menus among its descendants are added to ``search.menus``."""
    search.budget.check_time()
    text = element.text
    chars = _count_visible(text) if text else 0
    link_chars = chars if in_link else 0
    links = 0
    link_holders = search.link_holders
    for child in element:
        tag = child.tag
        is_link = tag == "a"
        if child in link_holders:
            c_chars, c_link_chars, c_links = _measure(child, in_link or is_link, search)
            if (
                c_links >= 2
                and tag in _MENU_TAGS
                and child not in search.table_holders
                and c_link_chars >= 0.6 * c_chars
            ):
                search.menus.append(child)
            links += c_links
        else:
            text = _text_of(child) if len(child) else child.text
            c_chars = _count_visible(text) if text else 0
            c_link_chars = c_chars if in_link or is_link else 0
        chars += c_chars
        link_chars += c_link_chars
        links += is_link
        tail = child.tail
        # (most tails are a page's indentation: white space only, which counts nothing)
        if tail and (tail := tail.strip(_SPACES)):
            count = _count_visible(tail)
            chars += count
            if in_link:
                link_chars += count
    return chars, link_chars, links


def _remove_keeping_tail(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
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
    if text.isalnum():  # a number or a run of words: no space, no zero-width mark
        return text
    if _TO_CLEAN.search(text) is None:
        return text.strip()
    stripped = text.strip(_SPACES)
    if not stripped:  # (Word's blank cell: &nbsp;)
        return ""
    if _TO_CLEAN.search(stripped) is None:  # white space at either end only
        return stripped.strip()
    # white space at either end goes whatever it holds: only runs inside need a look
    text = _ZERO_WIDTH.sub("", text).strip(_SPACES)
    if "\n" not in text and "\r" not in text:
        return _SPACE_RUN.sub(" ", text).strip()

    def collapse(match: re.Match[str]) -> str:
        run = match.group(0)
        before = text[match.start() - 1] if match.start() > 0 else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if ("\n" in run or "\r" in run) and _wide(before) and _wide(after):
            return ""
        return " "

    return _SPACE_RUN.sub(collapse, text).strip()


def _lines(raw: str) -> list[str]:
    return [line for part in raw.split(_BREAK) if part and (line := clean_line(part))]


#: Elements that put more than their text into a line: ``<br>`` a break, a footnote mark
#: a space before it.
_MARKS = frozenset({"br", "sup", "sub"})


def _inline_text(element: etree._Element) -> str:
    """The raw text of ``element`` with ``<br>`` and block edges marked as breaks."""
    tag = element.tag
    if not len(element) and tag not in _MARKS:
        return element.text or ""
    if tag == "br":
        return _BREAK
    # A footnote mark is not part of the number: 12126<sup>1</sup> must not read as
    # 121261. The space keeps them apart, so the cell is unreadable.
    parts: list[str] = [" "] if tag in ("sup", "sub") else []
    if element.text:
        parts.append(element.text)
    _add_children_text(element, parts)
    return "".join(parts)


def _add_children_text(element: etree._Element, parts: list[str]) -> None:
    """Add the text of ``element``'s children (and their tails) to ``parts``, with a
    break for ``<br>`` and around each block."""
    for child in element:
        tag = child.tag  # comments went with strip_unseen; the HTML parser lowercases
        if tag == "br":
            parts.append(_BREAK)
        else:
            block = tag in _BLOCK_TAGS
            if block:
                parts.append(_BREAK)
            elif tag in ("sup", "sub"):
                parts.append(" ")
            text = child.text
            if text:
                parts.append(text)
            if len(child):
                _add_children_text(child, parts)
            if block:
                parts.append(_BREAK)
        tail = child.tail
        if tail:
            parts.append(tail)


def cell_text(element: etree._Element) -> str:
    """A cell's text with its line breaks (``<br>``, paragraphs) as ``\\n``; a cell that
    holds only ``&nbsp;`` or Word's empty ``<o:p></o:p>`` is blank."""
    children = len(element)
    if children == 1:
        text = element.text
        if not text or not text.strip(_SPACES):
            child = element[0]
            if child.tag in _BLOCK_TAGS:
                tail = child.tail
                if not tail or not tail.strip(_SPACES):
                    # one block and blank space (most cells): the block's lines
                    element = child
                    if not len(child):  # its text, one line: parsed text has no break
                        text = child.text
                        return clean_line(text) if text else ""
    elif not children and element.tag not in _MARKS:
        text = element.text
        return clean_line(text) if text else ""
    raw = _inline_text(element)
    if _BREAK not in raw:
        return clean_line(raw)
    return "\n".join(_lines(raw))


# --- locations ------------------------------------------------------------------------------

# A page has a Location per paragraph and per grid position, hundreds of them: made from
# values the reader made itself without attrs' generic __init__ (2 µs each), as
# read_cell makes cells. Every field is set: an unset slot would fail when read.
_new = object.__new__
(
    _set_line,
    _set_page,
    _set_table,
    _set_row,
    _set_column,
    _set_xpath,
    _set_box,
    _set_confidence,
) = slot_setters(Location, "line", "page", "table", "row", "column", "xpath", "box", "confidence")


def _location(
    line: int | None, table: int | None, row: int | None, column: int | None, xpath: str | None
) -> Location:
    """``Location(line=line, table=table, row=row, column=column, xpath=xpath)``."""
    location: Location = _new(Location)
    _set_line(location, line)
    _set_page(location, None)
    _set_table(location, table)
    _set_row(location, row)
    _set_column(location, column)
    _set_xpath(location, xpath)
    _set_box(location, None)
    _set_confidence(location, None)
    return location


def _repeated_tags(element: etree._Element) -> set[str]:
    """The tags that more than one element child of ``element`` has."""
    seen: set[str] = set()
    repeated: set[str] = set()
    for child in element:
        tag = child.tag
        if tag in seen:
            repeated.add(tag)
        else:
            seen.add(tag)
    return repeated


def child_paths(element: etree._Element, path: str) -> Iterator[tuple[etree._Element, str]]:
    """The element children of ``element`` with their XPaths, given ``path``, the
    parent's: the same as ``getpath`` gives (``tag`` for an only child of its name,
    ``tag[n]`` otherwise), but computed once per parent instead of counting preceding
    siblings for each block, which made long pages quadratic. Made one at a time: a
    list of them would keep every element of a long page alive for the collector."""
    repeated = _repeated_tags(element)
    seen: dict[str, int] = {}
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag in repeated:
            n = seen[tag] = seen.get(tag, 0) + 1
            yield child, f"{path}/{tag}[{n}]"
        else:
            yield child, f"{path}/{tag}"


# --- tables ---------------------------------------------------------------------------------


def _span(value: str | None, limit: int) -> int:
    """A rowspan/colspan as browsers read it: leading digits, at least 1 (0 is 'to the
    end' for rowspan, handled by the caller), at most the standard's limit."""
    if value is None:
        return 1
    if value.isdigit() and value.isascii():
        return min(int(value), limit)
    match = _LEADING_DIGITS.match(value)
    if match is None:
        return 1
    return min(int(match.group(1)), limit)


_LEADING_DIGITS = re.compile(r"\s*(\d+)")


def own_rows(table: etree._Element, path: str = "") -> list[tuple[etree._Element, str]]:
    """The table's own rows in document order (not those of tables nested in its cells),
    with their XPaths under ``path``, the table's."""
    rows: list[tuple[etree._Element, str]] = []
    for child, child_path in child_paths(table, path):
        if child.tag == "tr":
            rows.append((child, child_path))
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child_paths(child, child_path) if row[0].tag == "tr")
    return rows


def is_layout_table(table: etree._Element) -> bool:
    """A table used to lay out a page rather than to hold data: one that holds another
    table, or has a single cell. Its cells are read as ordinary blocks."""
    if next(table.iterdescendants("table"), None) is not None:
        return True
    cells = 0
    for child in table:  # the rows of own_rows, without their XPaths: two cells decide
        group: tuple[etree._Element, ...] = (child,) if child.tag == "tr" else ()
        if child.tag in ("thead", "tbody", "tfoot"):
            group = tuple(row for row in child if row.tag == "tr")
        for row in group:
            cells += sum(1 for cell in row if cell.tag in ("td", "th"))
            if cells > 1:
                return False
    return True


class _RowLocations(Sequence[Location]):
    """The locations of one grid row's positions, made when asked for (the builder
    asks for those of the values it keeps): ``Location(table=, row=, column=, xpath=)``,
    the XPath of the cell that covers the position (None for a position no cell does)."""

    __slots__ = ("_paths", "_row", "_table")

    def __init__(self, table: int, row: int, paths: Sequence[str | None]) -> None:
        self._table = table
        self._row = row
        self._paths = paths

    def __len__(self) -> int:
        return len(self._paths)

    @overload
    def __getitem__(self, index: int) -> Location: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Location, ...]: ...

    def __getitem__(self, index: int | slice) -> Location | tuple[Location, ...]:
        if index.__class__ is int and index >= 0:  # the builder's own look at one value
            return _location(None, self._table, self._row, index + 1, self._paths[index])
        columns = range(len(self._paths))[index]
        if isinstance(columns, int):
            return self._at(columns)
        # a slice is the builder's look at a row's values: made in one loop, without
        # a call per location (a third of each location's cost)
        table, row, paths = self._table, self._row, self._paths
        out: list[Location] = []
        for column in columns:
            location: Location = _new(Location)
            _set_line(location, None)
            _set_page(location, None)
            _set_table(location, table)
            _set_row(location, row)
            _set_column(location, column + 1)
            _set_xpath(location, paths[column])
            _set_box(location, None)
            _set_confidence(location, None)
            out.append(location)
        return tuple(out)

    def __iter__(self) -> Iterator[Location]:
        return map(self._at, range(len(self._paths)))

    def _at(self, column: int) -> Location:
        return _location(None, self._table, self._row, column + 1, self._paths[column])


def expand_grid(table: etree._Element, index: int, path: str = "") -> tuple[tuple[Cell, ...], ...]:
    """The table as a regular grid of cells: :func:`expanded_rows` with each row's cells."""
    return tuple(map(grid_cells, expanded_rows(table, index, path)))


def expanded_rows(table: etree._Element, index: int, path: str = "") -> list[GridRow]:
    """The table as a regular grid: every row as long as the widest, spans repeated
    with ``spanned=True``, rows that hold no text at all dropped (Word's sizing rows).
    ``path`` is the table's XPath; each position's location carries its cell's.
    Each row is its texts, locations and spans (see :func:`~govreport.document.grid_table`):
    cells are made only of the positions the builder keeps.

    Follows the HTML table model: a cell goes to the first column its row has free; a
    rowspan reaching past the last row stops there, and rowspan 0 means 'to the last
    row'. A cell that overlaps one placed before it (a table model error) takes the
    overlapped positions."""
    budget = limits.current()
    budget.check_time(path or None)
    most = budget.limits.table_cells
    rows = own_rows(table, path)
    count = len(rows)
    # by row: the text and the cell's XPath at each position (None: free so far), and
    # the columns a span covers (None: none)
    texts: list[list[str | None]] = [[] for _ in rows]
    paths: list[list[str | None]] = [[] for _ in rows]
    covered: list[set[int] | None] = [None] * count
    shows = [False] * count  # whether a row holds text, while no cell overlaps another
    overlapped = False
    filled = [0] * count  # positions filled, by row
    placed = 0  # positions filled so far
    width = 0
    for r, (row, row_path) in enumerate(rows):
        line = texts[r]
        line_paths = paths[r]
        c = 0
        # the row's cells and how many of each tag, in one look at its children: a tag
        # that occurs once gets no [n] in the XPath (as child_paths gives it)
        cells: list[etree._Element] = []
        tds = ths = 0
        for element in row:
            tag = element.tag
            if tag == "td":
                tds += 1
                cells.append(element)
            elif tag == "th":
                ths += 1
                cells.append(element)
        nth_td = nth_th = 0
        for element in cells:
            if element.tag == "td":
                if tds == 1:
                    cell_path = row_path + "/td"
                else:
                    nth_td += 1
                    cell_path = f"{row_path}/td[{nth_td}]"
            elif ths == 1:
                cell_path = row_path + "/th"
            else:
                nth_th += 1
                cell_path = f"{row_path}/th[{nth_th}]"
            while c < len(line) and line[c] is not None:
                c += 1
            value = element.get("rowspan")
            rowspan = 1 if value is None else _span(value, MAX_ROWSPAN)
            if rowspan == 0 or rowspan > count - r:
                rowspan = count - r
            value = element.get("colspan")
            colspan = 1 if value is None else max(_span(value, MAX_COLSPAN), 1)
            # the grid is as wide as its widest row for every row: padding counts too
            if placed + rowspan * colspan > most or count * (c + colspan) > most:
                budget.check_table_cells(
                    max(placed + rowspan * colspan, count * (c + colspan)),
                    where=str(Location(table=index, row=r + 1, column=c + 1)),
                )
            text = cell_text(element)
            if rowspan == 1 and colspan == 1:
                if c < len(line):  # a free position left by a span above
                    line[c] = text
                    line_paths[c] = cell_path
                else:  # c == len(line): the first free position is the next one
                    line.append(text)
                    line_paths.append(cell_path)
                placed += 1
                filled[r] += 1
                if text:
                    shows[r] = True
            else:
                for dr in range(rowspan):
                    target = texts[r + dr]
                    target_paths = paths[r + dr]
                    if len(target) < c + colspan:
                        target.extend([None] * (c + colspan - len(target)))
                        target_paths.extend([None] * (c + colspan - len(target_paths)))
                    spans = covered[r + dr]
                    if spans is None and (dr or colspan > 1):
                        spans = covered[r + dr] = set()
                    for dc in range(colspan):
                        if target[c + dc] is None:
                            placed += 1
                            filled[r + dr] += 1
                        else:
                            overlapped = True
                        target[c + dc] = text
                        target_paths[c + dc] = cell_path
                        if spans is not None:
                            if dr or dc:
                                spans.add(c + dc)
                            else:
                                spans.discard(c + dc)
                    if text:
                        shows[r + dr] = True
            c += colspan
            if c > width:
                width = c
    out: list[GridRow] = []
    for r, line in enumerate(texts):
        if overlapped:  # an overlapping cell may have put blank text over a row's only text
            shows[r] = any(line)
        if not shows[r]:
            continue  # no text at all: dropped (the padding below holds none)
        spans = covered[r]
        if filled[r] < width:
            # A position no cell covers (a row with fewer cells than the table is wide)
            # is marked spanned: it holds no value of its own, and which cell is missing
            # is unknown, so the builder must not read the row's cells by position.
            line.extend([None] * (width - len(line)))
            paths[r].extend([None] * (width - len(paths[r])))
            spans = spans or set()
            spans.update(c for c, text in enumerate(line) if text is None)
            line = ["" if text is None else text for text in line]
        spanned: list[bool] | None = None
        if spans:
            spanned = [False] * width
            for c in spans:
                spanned[c] = True
        locations = _RowLocations(index, r + 1, paths[r])
        out.append((line, locations, spanned))  # type: ignore[arg-type]  # no None left
    return out


# --- the page title -------------------------------------------------------------------------


def _plain(text: str) -> str:
    """Metadata as text: a CMS that escapes its markup into ``<title>`` or a ``<meta>``
    (``&lt;b&gt;老城区&lt;/b&gt;``) must not put tags into the title or the agency."""
    if "<" in text:
        text = _MARKUP.sub(" ", text)
    return clean_line(text)


_MARKUP = re.compile(r"<!--.*?-->|</?[A-Za-z!?][^<>]*>", re.DOTALL)


def _meta(root: etree._Element, names: tuple[str, ...]) -> str | None:
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").lower()
        if key in names:
            content = _plain(meta.get("content") or "")
            if content:
                return content
    return None


def _compact(text: str) -> str:
    return _SPACE_RUN.sub("", text)


def page_title(root: etree._Element) -> str | None:
    """What the page says its title is: the article title the CMS declares
    (``<meta name="ArticleTitle">``), else the longest part of ``<title>`` once the site
    name (``<meta name="SiteName">``) is removed. Read before :func:`strip_unseen`
    drops the head. Markup in either is dropped."""
    declared = _meta(root, _ARTICLE_TITLE_METAS)
    if declared:
        return declared
    title = root.find(".//title")
    text = _text_of(title) if title is not None else ""
    if "<" in text:
        text = _MARKUP.sub(" ", text)
    if not text.strip():
        return None
    site = _meta(root, _SITE_NAME_METAS)
    parts = [clean_line(p) for p in _TITLE_SEPARATORS.split(text)]
    parts = [p for p in parts if p and (site is None or _compact(p) != _compact(site))]
    return max(parts, key=len) if parts else None


def _text_of(element: etree._Element) -> str:
    return str(_lxml().tostring(element, method="text", encoding="unicode", with_tail=False))


@functools.cache
def _lxml() -> ModuleType:
    """lxml's etree, imported on first use (a function-level import per call is a lookup
    in ``sys.modules`` each time: a tenth of the cost of measuring a small element)."""
    from lxml import etree

    return etree


def _shown_text(element: etree._Element) -> str:
    return _compact(_text_of(element))


def find_title_element(body: etree._Element, title: str | None) -> etree._Element | None:
    """The element that shows the page title. With no declared title, the first heading.
    Else the first heading that agrees with the declared title, or the innermost element
    whose whole text is the declared title (``<div class="article_title">``).

    The search for that element goes down only into elements whose text holds the
    title, so it reads the text of the title's ancestors and their children, not of
    every element."""
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
    found = _first_showing(body, wanted)
    while found is not None:
        inner = next((c for c in found if _shown_holds(c, wanted) == 2), None)
        if inner is None:
            break
        found = inner
    if found is not None and _tag(found) in ("body", "html", "table", "tbody", "tr"):
        return None  # the page is nothing but its title: nothing to set apart
    return found


def _shown_holds(element: etree._Element, wanted: str) -> int:
    """2 when ``element`` shows ``wanted`` and nothing else (white space aside), 1 when
    its text holds ``wanted`` among other text, 0 when it does not hold it."""
    return _holds(_text_of(element) if len(element) else element.text or "", wanted)


def _holds(raw: str, wanted: str) -> int:
    """:func:`_shown_holds` of an element whose text is ``raw``.

    Text that holds the title as it stands (most pages) is answered without being
    compacted, and so is text that lacks the title's first or last character. No
    pattern is made of the title: compiling one (white space allowed between its
    characters) cost more than a whole page's parse, for each new title."""
    if len(raw) < len(wanted):
        return 0
    if wanted in raw:  # then it shows nothing else when the rest is white space
        return 2 if raw.strip(_SPACES) == wanted else 1
    if wanted[:1] not in raw or wanted[-1:] not in raw:
        return 0
    shown = _compact(raw)
    if wanted not in shown:
        return 0
    return 2 if len(shown) == len(wanted) else 1


def _first_showing(
    element: etree._Element, wanted: str, raw: str | None = None
) -> etree._Element | None:
    """The first element, in page order from ``element``, whose shown text is
    ``wanted``; an element whose text does not hold ``wanted`` has no such descendant.
    ``raw`` is the element's text when the caller knows it.

    An element's text is its own, then each child's text and tail: the last child's
    is what is left of its parent's between the text before it and its tail, so it is
    not read again (a page's title sits under a chain of wrappers, most of them an
    only child, each holding nearly the whole page)."""
    if raw is None:
        raw = _text_of(element) if len(element) else element.text or ""
    holds = _holds(raw, wanted)
    if holds != 1:
        return element if holds == 2 else None
    limits.current().check_time()
    last = len(element) - 1
    before = len(element.text or "")  # characters of ``raw`` before the child at hand
    only_elements = True  # (a comment's text is no part of its parent's)
    for index, child in enumerate(element):
        only_elements = only_elements and isinstance(child.tag, str)
        tail = child.tail or ""
        if index == last and only_elements:
            child_raw = raw[before : len(raw) - len(tail)]
        else:
            child_raw = _text_of(child) if len(child) else child.text or ""
        found = _first_showing(child, wanted, child_raw)
        if found is not None:
            return found
        before += len(child_raw) + len(tail)
    return None


# --- the walk -------------------------------------------------------------------------------


class _Walker:
    """Turns the cleaned page into blocks in reading order, each element's XPath built
    on the way down. ``pending`` is the loose text of the block being read and
    ``anchor`` the block it belongs to, set once the text shows a character (so
    ``pending`` is empty whenever ``anchor`` is None)."""

    __slots__ = (
        "anchor",
        "anchor_path",
        "blocks",
        "pending",
        "table_index",
        "title_element",
        "title_seen",
        "visited",
    )

    def __init__(
        self, table_index: dict[etree._Element, int], title_element: etree._Element | None
    ) -> None:
        self.table_index = table_index
        self.title_element = title_element
        self.blocks: list[Block] = []
        self.pending: list[str] = []
        self.anchor: etree._Element | None = None
        self.anchor_path = ""
        self.title_seen = False
        self.visited = 0

    def add_text(self, text: str, holder: etree._Element, holder_path: str) -> None:
        if self.anchor is None and text.strip(_SPACES):
            self.anchor = holder
            self.anchor_path = holder_path
        self.pending.append(text)

    def flush(self) -> None:
        anchor = self.anchor
        pending = self.pending
        if anchor is not None:
            location = _location(_source_line(anchor), None, None, None, self.anchor_path)
            raw = pending[0] if len(pending) == 1 else "".join(pending)
            if _BREAK in raw:
                self.blocks.extend(read_paragraph(line, location) for line in _lines(raw))
            else:
                line = clean_line(raw)
                if line:
                    self.blocks.append(read_paragraph(line, location))
            self.anchor = None
        pending.clear()

    def heading(self, element: etree._Element, path: str, level: int) -> None:
        if self.pending:
            self.flush()
        text = clean_line(_inline_text(element).replace(_BREAK, " "))
        if text:
            location = _location(_source_line(element), None, None, None, path)
            self.blocks.append(Heading(text=text, level=level, location=location))

    def table(self, element: etree._Element, path: str) -> None:
        if self.pending:
            self.flush()
        index = self.table_index[element]
        rows = expanded_rows(element, index, path)
        if rows:
            location = _location(_source_line(element), index, None, None, path)
            self.blocks.append(grid_table(rows, location))

    def leaf_block(self, element: etree._Element, path: str) -> None:
        """:meth:`walk` of a block element without children (most paragraphs of a long
        page): its text is a block of its own."""
        self.visited += 1
        if not self.visited % 4096:
            limits.current().check_time()
        if element is self.title_element:
            self.walk(element, path, element, path)
            return
        if self.pending:
            self.flush()
        text = element.text  # one line: parsed text holds no _BREAK
        if not text:
            return
        if _TO_CLEAN.search(text) is None:
            line = text.strip()  # clean_line's answer: no space to collapse, no mark to drop
        elif text.strip(_SPACES):
            line = clean_line(text)
        else:
            return
        if line:
            location = _location(_source_line(element), None, None, None, path)
            self.blocks.append(read_paragraph(line, location))

    def walk(
        self, element: etree._Element, path: str, holder: etree._Element, holder_path: str
    ) -> None:
        """Read ``element`` (at ``path``); ``holder`` is the block its loose text belongs to."""
        self.visited += 1
        if not self.visited % 4096:
            limits.current().check_time()
        tag = element.tag
        if element is self.title_element:
            # What the page shows before its title is the site's, not the report's.
            self.pending.clear()
            self.anchor = None
            self.blocks.clear()
            self.title_seen = True
            self.heading(element, path, int(tag[1]) if tag in _HEADING_TAGS else 1)
            return
        if tag in _HEADING_TAGS:
            self.heading(element, path, int(tag[1]))
            return
        if tag == "table" and not is_layout_table(element):
            self.table(element, path)
            return
        if tag == "br":
            self.pending.append(_BREAK)
            return
        block = tag in _BLOCK_TAGS
        if block:
            if self.pending:
                self.flush()
            holder, holder_path = element, path
        text = element.text
        if text:
            self.add_text(text, holder, holder_path)
        if len(element):
            for child, child_path in child_paths(element, path):
                child_tag = child.tag
                # (a table without rows is layout: a block like the others)
                if child_tag in _BLOCK_TAGS and not len(child):
                    self.leaf_block(child, child_path)
                else:
                    self.walk(child, child_path, holder, holder_path)
                tail = child.tail
                if tail:
                    self.add_text(tail, holder, holder_path)
        if block and self.pending:
            self.flush()


def read_tree(root: etree._Element, *, attributes_may_hide: bool = True) -> Document:
    """The neutral document of a parsed page. ``attributes_may_hide`` is False when
    the page's bytes show that no attribute hides an element
    (:func:`_attributes_may_hide`)."""
    # The steps below look at the same elements again and again (attributes, menus, the
    # title, the walk, the grids), and lxml makes an element's Python object anew each
    # time unless one is alive: kept here, they are made once for the read. (A bounded
    # number: a huge page keeps none rather than doubling its memory.)
    kept = list(itertools.islice(root.iter(), _KEPT_ELEMENTS + 1))
    if len(kept) > _KEPT_ELEMENTS:
        kept.clear()
    title = page_title(root)
    head_title = root.find(".//title")
    title_where = (
        Location(xpath=root.getroottree().getpath(head_title))
        if head_title is not None
        else Location()
    )
    table_index = {table: i for i, table in enumerate(root.iter("table"), start=1)}
    strip_unseen(root, attributes_may_hide=attributes_may_hide)
    root_path = f"/{root.tag}"
    body = root.find("body")
    body_path = root_path
    if body is None:
        body = root
    else:
        body_path = next(p for child, p in child_paths(root, root_path) if child is body)
    title_element = find_title_element(body, title)
    walker = _Walker(table_index=table_index, title_element=title_element)
    walker.walk(body, body_path, body, body_path)
    walker.flush()
    blocks = walker.blocks
    if walker.title_seen and title_element is not None:
        title = _plain(_inline_text(title_element).replace(_BREAK, " ")) or title
    elif title is not None:
        # The body shows the declared title nowhere as text (an image, or a different
        # wording): put it first, where a reader of the page sees it.
        blocks.insert(0, Heading(text=title, level=1, location=title_where))
    del kept
    return Document(blocks=tuple(blocks), title=title, format="html")


#: The most elements whose Python objects a read keeps (~4 MB of them).
_KEPT_ELEMENTS = 50_000


__all__ = [
    "MAX_GRID_CELLS",
    "MAX_HTML_BYTES",
    "cell_text",
    "child_paths",
    "clean_line",
    "declared_charset",
    "decode_html",
    "expand_grid",
    "expanded_rows",
    "parse_html",
    "read_source",
    "read_tree",
]
