"""The HTML writer: one standalone page with the official template's merged table cells."""

from __future__ import annotations

from html import escape

from govreport.model import Report
from govreport.writers.grid import Grid, GridCell, plan

#: Readable on screen and in print: ruled tables, labels left, numbers right.
CSS = """
body { margin: 0; background: #f6f6f3; color: #1d1d1b;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 2.5rem 4rem; background: #fff; }
h1 { font-size: 1.6rem; text-align: center; line-height: 1.5; margin: 1rem 0 2rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .8rem; font-family: "Noto Sans CJK SC", "Source Han Sans SC",
  "PingFang SC", "Microsoft YaHei", SimHei, sans-serif; }
p { text-indent: 2em; line-height: 1.9; margin: .3rem 0; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .9rem; }
th, td { border: 1px solid #555; padding: .35rem .5rem; vertical-align: middle; }
th { background: #eef0ee; font-weight: 600; text-align: center; }
td.label { text-align: left; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
@media print { body { background: none; } main { padding: 0; max-width: none; }
  table { page-break-inside: auto; } tr { page-break-inside: avoid; } }
""".strip()


def _cell(cell: GridCell) -> str:
    spans = ""
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    text = escape(cell.text)
    if cell.header:
        return f"<th{spans}>{text}</th>"
    kind = "number" if cell.numeric else "label"
    return f'<td class="{kind}"{spans}>{text}</td>'


def table_html(grid: Grid) -> str:
    rows = "\n".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in grid.rows)
    return f'<table class="{grid.name}">\n<tbody>\n{rows}\n</tbody>\n</table>'


def write_html(report: Report) -> str:
    """The report as a page: ``<h1>`` title, a ``<section>`` per part with its ``<h2>``,
    a ``<p>`` per line of text and the table with real ``rowspan``/``colspan``."""
    p = plan(report)
    title = escape(p.title)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{title}</h1>",
    ]
    for section in p.sections:
        parts.append(f"<section>\n<h2>{escape(section.heading)}</h2>")
        parts.extend(f"<p>{escape(line)}</p>" for line in section.lines)
        if section.grid is not None:
            parts.append(table_html(section.grid))
        parts.append("</section>")
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


__all__ = ["CSS", "table_html", "write_html"]
