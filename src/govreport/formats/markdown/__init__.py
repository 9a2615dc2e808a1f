"""Markdown: reports written in Markdown or converted to it from PDF.

This module is only the plugin: what the registry needs to choose it (name,
extensions, sniff), which every load of another format asks for too. The reading is in
:mod:`.reader`, imported on the first ``read``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from govreport.errors import ParseError
from govreport.messages import message
from govreport.source import decode_head, decode_text, looks_binary

if TYPE_CHECKING:
    from govreport.document import Document
    from govreport.model import Report
    from govreport.source import Source

#: pandoc's own tables: a simple or multiline table's column rule (dash runs with
#: spaces between) and a grid table's border (+----+----+).
_COLUMN_RULE = re.compile(r"^ *-{3,}(?: +-{3,})+ *$")
_GRID_BORDER = re.compile(r"^ {0,3}\+(?:[-=:]{3,}\+)+ *$")
_EVIDENCE = (
    re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE),
    re.compile(r"^ {0,3}\|?[ \t]*:?-{3,}:?[ \t]*\|", re.MULTILINE),
    re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE),
    re.compile(_COLUMN_RULE.pattern, re.MULTILINE),
    re.compile(_GRID_BORDER.pattern, re.MULTILINE),
)
#: The evidence on the lines after the first, in one pass: each pattern of _EVIDENCE
#: anchored by the newline before its line rather than by ``^`` (a search for a pattern
#: that starts with a literal skips to the next newline in C; one with ``^`` is tried at
#: every character), its leading blanks taken possessively (only ``:``, ``-``, ``#``...
#: may follow them, so no other split can match; an HTML page's indented lines made the
#: delimiter row's ``{0,3}`` and ``[ \t]*`` try every split). The first line is matched
#: by _EVIDENCE itself. test_plugins checks that both answer alike.
_EVIDENCE_AFTER_NEWLINE = re.compile(
    r"\n(?:"
    r" {0,3}+#{1,6}[ \t]+\S"
    r"|(?: {0,3}+\|)?[ \t]*+:?-{3,}:?[ \t]*\|"
    r"| {0,3}+(?:```|~~~)"
    r"| *+-{3,}(?: +-{3,})+ *$"
    r"| {0,3}+\+(?:[-=:]{3,}\+)+ *$"
    r")",
    re.MULTILINE,
)
#: A tab-separated row: ``\S\t+\S``, written to start with the tab so that a search
#: skips to the next tab in C.
_TAB_ROW = re.compile(r"\t(?<=\S\t)\t*\S")
#: How much of the input sniffing looks at.
SNIFF_BYTES = 65536


class MarkdownFormat:
    """Reads Markdown: ``#`` and setext headings, text lines, pipe tables and HTML tables."""

    name: ClassVar[str] = "markdown"
    extensions: ClassVar[tuple[str, ...]] = ("md", "markdown", "mdown", "mkd")
    media_types: ClassVar[tuple[str, ...]] = ("text/markdown",)
    interface_version: ClassVar[int] = 1
    #: Above text, which accepts anything decodable; below HTML.
    priority: ClassVar[int] = 10

    def sniff(self, head: bytes) -> bool:
        """Markdown's own marks (a pipe table's delimiter row, an ATX heading, a code
        fence) in text that has no tab-separated rows (those are the text format's)."""
        head = head[:SNIFF_BYTES]  # the answer is in the first bytes; a caller may give all
        if not head or head.isspace() or looks_binary(head):
            return False
        text = decode_head(head)
        if text is None or _TAB_ROW.search(text):
            return False
        return any(pattern.match(text) for pattern in _EVIDENCE) or bool(
            _EVIDENCE_AFTER_NEWLINE.search(text)
        )

    def read(self, source: Source) -> Document:
        if looks_binary(source.head):
            raise ParseError(message("read.binary", kind="Markdown"), where=source.name)
        from govreport.formats.markdown.reader import parse_markdown

        return parse_markdown(decode_text(source.data))

    def write(self, report: Report) -> bytes:
        from govreport.writers.markdown import write_markdown

        return write_markdown(report).encode("utf-8")


def parse_markdown(text: str) -> Document:
    """The neutral document of Markdown text (see :mod:`.reader`)."""
    from govreport.formats.markdown.reader import parse_markdown as parse

    return parse(text)


def inline_text(text: str) -> str:
    """A line's text without Markdown's inline marks (see :mod:`.reader`)."""
    from govreport.formats.markdown.reader import inline_text as text_of

    return text_of(text)


def split_row(line: str) -> list[str]:
    """The cells of a pipe-table row (see :mod:`.reader`)."""
    from govreport.formats.markdown.reader import split_row as split

    return split(line)


__all__ = ["MarkdownFormat", "inline_text", "parse_markdown", "split_row"]
