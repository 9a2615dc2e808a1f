"""Markdown: reports written in Markdown or converted to it from PDF, read into neutral blocks.

Most report Markdown is converter output (PDF to Markdown): one printed line per source
line, pipe tables cut into pieces wherever the converter lost a row's label, and the
text of the table parts it could not box left as loose lines. The reader keeps all of
that as it is, in order, for the builder to judge: every non-blank text line is a
:class:`Paragraph` (as the text reader does, since a line break there is a printed
one), ``#`` and setext headings are :class:`Heading`\\ s, every pipe table is a
:class:`Table` with its rows as printed (no padding to the header's width), and an HTML
``<table>`` inside the Markdown is read by the HTML reader with its spans expanded.
"""

from __future__ import annotations

import html
import re
import unicodedata

from govreport.document import Block, Cell, Document, Heading, Location, Paragraph, Table
from govreport.formats.markdown import _COLUMN_RULE, _GRID_BORDER

# Patterns run on every line and cell, hostile ones included: none may backtrack
# more than linearly. So no lazy ``.*?`` before optional trailing space (the closing
# ``#`` of a heading is cut in Python, see _without_closing), and no ``[^x]*`` that
# may scan past the next opening bracket (a run of ``[`` or ``{#`` was quadratic).
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_BULLET = re.compile(r"^ {0,3}[-*+][ \t]+")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_HTML_TABLE_START = re.compile(r"^\s*<table[\s>]", re.IGNORECASE)
_HTML_TABLE_TAG = re.compile(r"<(/?)table[\s>]", re.IGNORECASE)
_FRONT_MATTER_TITLE = re.compile(r"^title\s*+:\s*+(.*\S)\s*$", re.IGNORECASE)

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_SPAN = re.compile(r"\[([^\[\]]*)\]\{[^{}]*\}")
#: pandoc's attributes after a span or a fenced div: {style="…"}, over any lines.
_SPAN_ATTRIBUTES = re.compile(r"\]\{[^{}]*\}")
_ATTRIBUTES = re.compile(r"\{[#.][^{}]*\}[ \t]*$")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_PAIRED = re.compile(r"(\*\*|__|~~)(.+?)\1")
_CODE = re.compile(r"`+([^`]*)`+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# An escaped mark is set aside before the inline marks are read, so that "\`" or "\["
# is never taken for the start of a code span or link; plane-15 private use keeps the
# placeholders clear of anything a report holds.
_HIDDEN = 0xF0000
_UNHIDE = re.compile("[\U000f0021-\U000f007e]")
#: Characters that start an inline mark, an escape, a tag or an entity.
_MARKED = re.compile(r"[<>\[\]*_~`\\&\xa0{]")


def inline_text(text: str) -> str:
    """A line's text without Markdown's inline marks: ``**strong**``, ``code``,
    ``[links](url)`` and HTML tags (``<br>`` is a line break), entities decoded;
    ``&nbsp;`` counts as a space."""
    if not _MARKED.search(text):  # most lines and cells: plain words and digits
        return " ".join(text.replace("\u3000", " ").split())
    text = _ESCAPE.sub(lambda m: chr(_HIDDEN + ord(m.group(1))), text)
    text = _BR.sub("\n", text)
    text = _TAG.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _SPAN.sub(r"\1", text)  # pandoc's bracketed spans: [0]{style="…"}
    text = _ATTRIBUTES.sub("", text)  # and attributes after a heading: {#id .class}
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    for _ in range(3):  # nested ** and ~~
        replaced = _PAIRED.sub(r"\2", text)
        if replaced == text:
            break
        text = replaced
    text = _UNHIDE.sub(lambda m: chr(ord(m.group(0)) - _HIDDEN), text)
    text = html.unescape(text).replace("\xa0", " ").replace("\u3000", " ")
    return "\n".join(" ".join(part.split()) for part in text.split("\n")).strip()


def _without_closing(text: str) -> str:
    """An ATX heading's text without its optional closing ``#`` run (which must follow
    a space or tab) and trailing space."""
    text = text.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and bare and bare[-1] in " \t":
        return bare.rstrip(" \t")
    return text


def split_row(line: str) -> list[str]:
    """The cells of a pipe-table row: split on ``|`` not escaped by a backslash, the
    outer pipes dropped."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body) and body[index + 1] == "|":
            current.append("|")
            index += 2
            continue
        if char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    cells.append("".join(current))
    return cells


def _is_table_row(line: str) -> bool:
    return "|" in line and bool(line.strip())


def _ends_inside_tag(text: str) -> bool:
    """The text's last ``<`` opens a tag (a letter follows) that no ``>`` closes."""
    start = text.rfind("<")
    return start > text.rfind(">") and text[start + 1 : start + 2].isalpha()


def _row_with_open_tags(lines: list[str], index: int) -> tuple[str, int]:
    """The pipe-table row starting at ``index`` and the index of its last line: pandoc
    writes a cell's raw HTML whose attribute holds a line break over several lines, and
    a line that ends inside a tag goes on in the next (up to 20 lines)."""
    row = lines[index]
    end = index
    while _ends_inside_tag(row) and end + 1 < len(lines) and end - index < 20:
        end += 1
        row += " " + lines[end]
    return row, end


def _table(lines: list[str], numbers: list[int]) -> Table:
    rows = tuple(
        tuple(
            Cell(text=inline_text(text), location=Location(line=number, column=column))
            for column, text in enumerate(split_row(line), start=1)
        )
        for line, number in zip(lines, numbers, strict=True)
    )
    # A pipe table whose rows all have the same number of cells is a grid whose columns
    # line up; a ragged one (a converter's cut rows) is not.
    regular = len(rows) > 1 and len({len(row) for row in rows}) == 1
    return Table(rows=rows, location=Location(line=numbers[0]), regular=regular)


def _html_table(text: str, first_line: int) -> list[Block]:
    # The HTML reader parses the fragment; its line numbers count from the fragment's start.
    from govreport.formats.html.reader import parse_html, read_tree

    document = read_tree(parse_html(text))
    blocks: list[Block] = []
    for block in document.blocks:
        if isinstance(block, Table):
            rows = tuple(
                tuple(
                    Cell(
                        text=cell.text,
                        location=_shift(cell.location, first_line),
                        spanned=cell.spanned,
                    )
                    for cell in row
                )
                for row in block.rows
            )
            blocks.append(
                Table(rows=rows, location=_shift(block.location, first_line), regular=True)
            )
        elif isinstance(block, Paragraph):
            blocks.append(Paragraph(block.text, _shift(block.location, first_line)))
    return blocks


def _shift(location: Location, first_line: int) -> Location:
    line = location.line + first_line - 1 if location.line is not None else first_line
    return Location(line=line, table=location.table, row=location.row, column=location.column)


def _front_matter(lines: list[str]) -> tuple[int, str | None]:
    """Lines taken by a YAML front matter block at the very start, and its title."""
    if not lines or lines[0].strip() != "---":
        return 0, None
    title = None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return index + 1, title
        match = _FRONT_MATTER_TITLE.match(lines[index])
        if match:
            title = match.group(1).strip("\"'")
    return 0, None  # no closing line: not front matter


def parse_markdown(text: str) -> Document:
    """Split Markdown into headings, text lines and tables, each with its line number."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start, title = _front_matter(lines)
    blocks: list[Block] = []
    index = start
    fence: str | None = None
    while index < len(lines):
        line = lines[index]
        number = index + 1
        if fence is not None:  # inside a code fence: its lines are text, not Markdown
            if line.strip().startswith(fence):
                fence = None
            elif line.strip():
                blocks.append(Paragraph(line.strip(), Location(line=number)))
            index += 1
            continue
        fence_match = _FENCE.match(line)
        if fence_match:
            fence = fence_match.group(1)
            index += 1
            continue
        pandoc_table = _pandoc_table(lines, index)
        if pandoc_table is not None:
            table, index = pandoc_table
            blocks.append(table)
            continue
        if not line.strip() or _THEMATIC.match(line):
            index += 1
            continue
        if _HTML_TABLE_START.match(line):
            end = _html_table_end(lines, index)
            blocks.extend(_html_table("\n".join(lines[index : end + 1]), number))
            index = end + 1
            continue
        if _is_table_row(line) and index + 1 < len(lines) and _DELIMITER.match(lines[index + 1]):
            rows, numbers = [line], [number]
            index += 2
            # Body rows run to a blank or pipe-less line. Converters start a new table
            # with a row followed by a delimiter row: that row heads the next table.
            while index < len(lines) and _is_table_row(lines[index]):
                if (
                    index + 1 < len(lines)
                    and _DELIMITER.match(lines[index + 1])
                    and not _DELIMITER.match(lines[index])
                ):
                    break
                if not _DELIMITER.match(lines[index]):
                    row, end = _row_with_open_tags(lines, index)
                    rows.append(row)
                    numbers.append(index + 1)
                    index = end
                index += 1
            blocks.append(_table(rows, numbers))
            continue
        atx = _ATX.match(line)
        if atx:
            heading = inline_text(_without_closing(atx.group(2) or ""))
            if heading:
                blocks.append(Heading(heading, len(atx.group(1)), Location(line=number)))
            index += 1
            continue
        if index + 1 < len(lines) and _SETEXT.match(lines[index + 1]) and not _is_table_row(line):
            level = 1 if lines[index + 1].strip().startswith("=") else 2
            heading = inline_text(line)
            if heading:
                blocks.append(Heading(heading, level, Location(line=number)))
            index += 2
            continue
        body = _QUOTE.sub("", _BULLET.sub("", line))
        for part in inline_text(body).split("\n"):
            if part:
                blocks.append(Paragraph(part, Location(line=number)))
        index += 1
    if title is None:
        title = next((b.text for b in blocks if isinstance(b, Heading) and b.level == 1), None)
    return Document(blocks=tuple(blocks), title=title, format="markdown")


def _display_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _cut(line: str, starts: list[int]) -> list[str]:
    """``line`` cut at the display columns ``starts`` (pandoc lines up a wide character
    as two columns)."""
    pieces = [""] * len(starts)
    column = position = 0
    for char in line:
        while column + 1 < len(starts) and position >= starts[column + 1]:
            column += 1
        pieces[column] += char
        position += _display_width(char)
    return pieces


def _pandoc_table(lines: list[str], index: int) -> tuple[Table, int] | None:
    """A pandoc grid, simple or multiline table starting at ``index``, and the index of
    the line after it; None when no such table starts there."""
    if _GRID_BORDER.match(lines[index]):
        return _grid_table(lines, index)
    header = (
        bool(lines[index].strip())
        and index + 1 < len(lines)
        and _COLUMN_RULE.match(lines[index + 1]) is not None
        and not _COLUMN_RULE.match(lines[index])
        and not lines[index].startswith(":::")  # a fenced div's mark, not a header
    )
    if not header and not _COLUMN_RULE.match(lines[index]):
        return None
    rule = lines[index + 1] if header else lines[index]
    starts = [match.start() for match in re.finditer(r"-+", rule)]
    body: list[tuple[int, str]] = [(index + 1, lines[index])] if header else []
    end = index + 2 if header else index + 1
    while end < len(lines):
        line = lines[end]
        if _COLUMN_RULE.match(line):  # the closing rule
            end += 1
            break
        if header and not line.strip():
            break
        body.append((end + 1, line))
        end += 1
    # A multiline table separates its rows by blank lines; a simple one has a row a line.
    multiline = any(not line.strip() for _, line in body)
    groups: list[list[tuple[int, str]]] = [[]]
    for number, line in body:
        if not line.strip():
            groups.append([])
        else:
            groups[-1].append((number, line))
    if not multiline:
        groups = _attribute_free_rows(body, starts)
    rows = []
    for group in groups:
        if not group:
            continue
        columns = [
            "\n".join(parts)
            for parts in zip(*(_cut(text, starts) for _, text in group), strict=True)
        ]
        rows.append(_pandoc_row(columns, group[0][0]))
    if not rows:
        return None
    return Table(rows=tuple(rows), location=Location(line=index + 1), regular=True), end


def _attribute_free_rows(
    body: list[tuple[int, str]], starts: list[int]
) -> list[list[tuple[int, str]]]:
    """The rows of a simple table whose cells' span attributes pandoc wrapped over
    several lines: a line that starts inside an open ``{…}`` of any column belongs to
    the row above; every other line starts a row."""
    open_braces = [0] * len(starts)
    groups: list[list[tuple[int, str]]] = []
    for number, line in body:
        if any(open_braces) and groups:
            groups[-1].append((number, line))
        else:
            groups.append([(number, line)])
        for column, piece in enumerate(_cut(line, starts)):
            open_braces[column] = max(0, open_braces[column] + piece.count("{") - piece.count("}"))
    return groups


def _pandoc_row(columns: list[str], number: int) -> tuple[Cell, ...]:
    cells = []
    for column, text in enumerate(columns, start=1):
        text = _SPAN_ATTRIBUTES.sub("]", text).replace("[", "").replace("]", "")
        # A backslash at a line's end is pandoc's hard line break.
        text = "\n".join(inline_text(part.rstrip().removesuffix("\\")) for part in text.split("\n"))
        cells.append(Cell(text=text.strip("\n"), location=Location(line=number, column=column)))
    return tuple(cells)


def _grid_table(lines: list[str], index: int) -> tuple[Table, int]:
    """A grid table: rows between ``+---+`` borders, cells between the ``|`` that stand
    where the border's ``+`` marks do."""
    starts = [match.start() for match in re.finditer(r"\+", lines[index])]
    rows: list[tuple[Cell, ...]] = []
    group: list[tuple[int, str]] = []
    end = index + 1
    while end < len(lines) and (lines[end].lstrip().startswith(("|", "+"))):
        line = lines[end]
        if _GRID_BORDER.match(line):
            if group:
                rows.append(_grid_row(group, starts))
            group = []
        else:
            group.append((end + 1, line))
        end += 1
    if group:
        rows.append(_grid_row(group, starts))
    return Table(rows=tuple(rows), location=Location(line=index + 1), regular=True), end


def _grid_row(group: list[tuple[int, str]], starts: list[int]) -> tuple[Cell, ...]:
    pieces = [[part[1:] for part in _cut(line.rstrip(), starts)[:-1]] for _, line in group]
    columns = ["\n".join(parts) for parts in zip(*pieces, strict=True)]
    return _pandoc_row(columns, group[0][0])


def _html_table_end(lines: list[str], start: int) -> int:
    """The line that closes the ``<table>`` opened at ``start`` (nested tables counted);
    the last line when it is never closed."""
    depth = 0
    for index in range(start, len(lines)):
        for match in _HTML_TABLE_TAG.finditer(lines[index]):
            depth += -1 if match.group(1) else 1
            if depth == 0:
                return index
    return len(lines) - 1


__all__ = ["inline_text", "parse_markdown", "split_row"]
