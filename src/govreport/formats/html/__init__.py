"""HTML: government web pages and Word-made HTML, read into headings, paragraphs and table grids.

This module is only the plugin: what the registry needs to choose it (name,
extensions, sniff), which every load of another format asks for too. The reading is in
:mod:`.reader`, imported on the first ``read``; its functions are reachable from here
as well (``govreport.formats.html.parse_html``), for code written before the split.
"""

from __future__ import annotations

import importlib
import re
from typing import TYPE_CHECKING, Any, ClassVar

from govreport.source import decode_head, looks_binary

if TYPE_CHECKING:
    from govreport.document import Document
    from govreport.model import Report
    from govreport.source import Source

#: What a page starts with once white space, comments and any DOCTYPE are skipped
#: (a DOCTYPE naming no known HTML still heads a page when an HTML element follows).
_SNIFF_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"(?:<!doctype\s+html[\s>]|(?:<!doctype[^>]*>\s*(?:<!--.*?-->\s*)*)?"
    r"<(?:html|head|body|meta|title|table|div|p|span|h[1-6]|br|font|center|section|article"
    r"|style|script|link|o:p)[\s>/])",
    re.IGNORECASE | re.DOTALL,
)

#: A head that cannot start with markup, told from its first bytes before any decoding:
#: after ASCII white space, an ASCII character other than "<" (U+001C-U+001F, white
#: space to ``\s``, are not in the class), or a UTF-8 lead byte of U+4000-U+9FFF, which
#: GB18030 reads as an ideograph or not at all. Either way the decoded text's first
#: character after white space is no "<", and _SNIFF_START cannot match: a text report's
#: Chinese first line is refused without decoding 4 KiB.
_NO_MARKUP_START = re.compile(rb"[ \t\n\r\x0b\x0c]*+[!-;=-~\xe4-\xe9]")


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
        if _NO_MARKUP_START.match(head) or looks_binary(head):
            return False
        text = decode_head(head[:4096])  # after any byte order mark
        return text is not None and _SNIFF_START.match(text.lstrip("\ufeff")) is not None

    def read(self, source: Source) -> Document:
        from govreport.formats.html.reader import read_source

        return read_source(source)

    def write(self, report: Report) -> bytes:
        from govreport.writers.html import write_html

        return write_html(report).encode("utf-8")


def __getattr__(name: str) -> Any:
    # The reader's public names (its __all__: parse_html, read_tree, decode_html,
    # cell_text, clean_line ...), from where they stood before the plugin was split from
    # the reader; imported on the first such name asked for.
    if not name.startswith("_"):
        # importlib, not a from-import: that would ask this function for "reader"
        reader = importlib.import_module(f"{__name__}.reader")
        if name in reader.__all__:
            return getattr(reader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["HtmlFormat"]
