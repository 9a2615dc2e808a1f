"""The text writer: the report as plain text, tables as tab-separated rows like the seeds."""

from __future__ import annotations

from govreport.model import Report
from govreport.writers.grid import Grid, plan


def grid_lines(grid: Grid) -> list[str]:
    """One line per table row, cells separated by tabs; a position a merged cell
    covers is an empty cell, as Word's copy-paste prints it."""
    return [
        "\t".join(cell.text if origin else "" for cell, origin in row).replace("\n", " ")
        for row in grid.positions()
    ]


def write_text(report: Report) -> str:
    """The report as text: ``#`` headings, one paragraph per line, tab-separated tables.

    Section text keeps its line breaks; a tab inside prose becomes a space, since a
    line with a tab is a table row, and a ``#`` starting a line of prose is printed
    full-width (``＃``), since text has no escape and the line would read as a heading.
    """
    p = plan(report)
    out = [f"# {p.title}", ""]
    for section in p.sections:
        out += [f"## {section.heading}", ""]
        for line in section.lines:
            out += ["＃" + line[1:] if line.startswith("#") else line, ""]
        if section.grid is not None:
            out += [*grid_lines(section.grid), ""]
    return "\n".join(out)


__all__ = ["grid_lines", "write_text"]
