"""The Markdown writer: ``#`` headings, one paragraph per line, tables as pipe tables."""

from __future__ import annotations

import re

from govreport.model import Report
from govreport.writers.grid import Grid, plan

# Marks that Markdown would take for emphasis, code, links, headings or table pipes;
# a backslash makes each literal.
_ESCAPED = re.compile(r"([\\`*_~\[\]#|])")
# Marks that start a list item, a quote, a setext underline or a thematic break
# only at the start of a line.
_LINE_START = re.compile(r"^([-+=])")


def escape(text: str) -> str:
    """``text`` as Markdown that reads back as the same characters. ``&``, ``<`` and
    ``>`` become entities, since HTML inside Markdown is read as HTML."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _ESCAPED.sub(r"\\\1", text)
    return _LINE_START.sub(r"\\\1", text)


def grid_lines(grid: Grid) -> list[str]:
    """A pipe table: the grid's first row as the header row, a position a merged
    cell covers left empty (pipe tables cannot merge)."""
    rows = [
        [escape(cell.text.replace("\n", " ")) if origin else "" for cell, origin in row]
        for row in grid.positions()
    ]

    def line(cells: list[str]) -> str:
        return "|" + "|".join(f" {c} " if c else " " for c in cells) + "|"

    return [line(rows[0]), "|" + "---|" * grid.width, *(line(row) for row in rows[1:])]


def write_markdown(report: Report) -> str:
    """The report as Markdown: the title as ``#``, sections as ``##``, each line of a
    section's text its own paragraph (Markdown would join lines of one paragraph)."""
    p = plan(report)
    out = [f"# {escape(p.title)}", ""]
    for section in p.sections:
        out += [f"## {escape(section.heading)}", ""]
        for line in section.lines:
            out += [escape(line), ""]
        if section.grid is not None:
            out += [*grid_lines(section.grid), ""]
    return "\n".join(out)


__all__ = ["escape", "grid_lines", "write_markdown"]
