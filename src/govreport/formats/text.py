"""Plain text: reports as text files, with tab-separated table rows and optional ``#`` headings."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from govreport.document import (
    Block,
    Document,
    Heading,
    Location,
    PlainRow,
    plain_table,
    read_paragraph,
)
from govreport.errors import ParseError
from govreport.messages import message
from govreport.source import Source, decode_text, decodes_as_text, looks_binary

if TYPE_CHECKING:
    from govreport.model import Report

_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")


class TextFormat:
    """Reads text whose table rows separate cells with tabs (as the seeds and most
    copy-pastes from Word do); a line starting with ``#`` is a heading."""

    name: ClassVar[str] = "text"
    extensions: ClassVar[tuple[str, ...]] = ("txt", "text")
    media_types: ClassVar[tuple[str, ...]] = ("text/plain",)
    interface_version: ClassVar[int] = 1
    priority: ClassVar[int] = 0

    def sniff(self, head: bytes) -> bool:
        # bool(head.strip()) without the copy: strip and isspace know the same blanks
        return (
            bool(head) and not head.isspace() and not looks_binary(head) and decodes_as_text(head)
        )

    def read(self, source: Source) -> Document:
        if looks_binary(source.head):
            raise ParseError(
                message("read.binary", kind=message("read.kind.text")), where=source.name
            )
        return parse_text(decode_text(source.data))

    def write(self, report: Report) -> bytes:
        from govreport.writers.text import write_text

        return write_text(report).encode("utf-8")


#: A line with more tab-separated cells than this is not a row of the report's tables
#: (the widest has sixteen); it is read as text rather than built into a huge grid.
MAX_CELLS = 256


@lru_cache(maxsize=65536)
def _at(line: int, column: int | None) -> Location:
    # Locations are immutable and the same (line, column) pairs recur in every report:
    # sharing them saves most of the cost of reading a table.
    return Location(line=line, column=column)


@lru_cache(maxsize=8192)
def _row_at(line: int, width: int) -> tuple[Location, ...]:
    """The locations of a row's ``width`` cells on ``line``, one lookup a row."""
    return tuple(_at(line, column) for column in range(1, width + 1))


def parse_text(text: str) -> Document:
    """Split text into headings, paragraphs and tab-separated tables, with line numbers.
    A table's cells are made when they are first asked for (see
    :func:`~govreport.document.plain_table`)."""
    blocks: list[Block] = []
    rows: list[PlainRow] = []
    table_start = 0
    at = _at
    heading = _HEADING.match
    strip = str.strip

    if "\u3000" in text:  # the ideographic space pads cells and headings (no line break)
        text = text.replace("\u3000", " ")
    for number, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            cells = line.split("\t")
            if len(cells) <= MAX_CELLS:
                if not rows:
                    table_start = number
                rows.append((list(map(strip, cells)), _row_at(number, len(cells))))
                continue
        if rows:
            blocks.append(plain_table(rows, at(table_start, None)))
            rows = []
        stripped = line.strip()
        if not stripped:
            continue
        match = heading(stripped) if stripped[0] == "#" else None
        if match and match.group(2):
            blocks.append(
                Heading(text=match.group(2), level=len(match.group(1)), location=at(number, None))
            )
        else:
            blocks.append(read_paragraph(stripped, at(number, None)))
    if rows:
        blocks.append(plain_table(rows, at(table_start, None)))
    return Document(blocks=tuple(blocks), format="text")
