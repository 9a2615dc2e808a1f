"""The PDF writer: an A4 report with ruled tables, in a Chinese font every reader has.

The text is set in ``STSong-Light``, one of the CID fonts the PDF standard's Asian
font packs define. Nothing is embedded: the file names the font and the Adobe-GB1
character collection, and every conforming viewer (Acrobat, pdf.js, poppler, macOS
Preview) substitutes its own Song/Ming face, so the file renders on a machine with no
Chinese fonts installed, stays small (tens of KB), and extracts to Unicode through the
standard ``UniGB-UCS2-H`` CMap that pdfminer/pdfplumber ship. Embedding a TrueType
subset would need a font file on the writing machine and a licence to redistribute it.
See docs/writers.md.
"""

from __future__ import annotations

import io
from typing import Any

from govreport.errors import WriteError
from govreport.messages import message
from govreport.model import Report
from govreport.writers.grid import Grid, plan

FONT = "STSong-Light"

_PAGE_MARGIN = 56.0  # points: about 2 cm, as official documents print


def _reportlab() -> Any:
    try:
        import reportlab  # noqa: F401
    except ImportError as exc:
        raise WriteError(message("pdf_writer.needs_reportlab")) from exc
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    try:
        pdfmetrics.getFont(FONT)
    except KeyError:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return pdfmetrics


def _styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle(
        "body", fontName=FONT, fontSize=10.5, leading=18, wordWrap="CJK", firstLineIndent=21
    )
    return {
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontSize=16,
            leading=26,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=14,
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=base,
            fontSize=12.5,
            leading=20,
            firstLineIndent=0,
            spaceBefore=10,
            spaceAfter=6,
        ),
        "body": base,
        "label": ParagraphStyle(
            "label", parent=base, fontSize=8, leading=10.5, firstLineIndent=0, alignment=TA_LEFT
        ),
        "header": ParagraphStyle(
            "header", parent=base, fontSize=8, leading=10.5, firstLineIndent=0, alignment=TA_CENTER
        ),
        "number": ParagraphStyle(
            "number", parent=base, fontSize=8, leading=10.5, firstLineIndent=0, alignment=TA_RIGHT
        ),
    }


def _escape(text: str) -> str:
    # reportlab's Paragraph reads a small XML markup.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: Column widths as shares of the text width: labels get the room, numbers the rest.
_WIDTHS: dict[str, tuple[float, ...]] = {
    "t2": (0.28, 0.24, 0.24, 0.24),
    "t3": (0.09, 0.11, 0.24, *(0.08,) * 7),
    "t4": (1 / 15,) * 15,
}


def _table(grid: Grid, styles: dict[str, Any], width: float) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    shares = _WIDTHS.get(grid.name, (1 / grid.width,) * grid.width)
    if len(shares) != grid.width:
        shares = (1 / grid.width,) * grid.width
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for r, row in enumerate(grid.positions()):
        line: list[Any] = []
        for c, (cell, origin) in enumerate(row):
            if not origin:
                line.append("")
                continue
            style = styles["header" if cell.header else "number" if cell.numeric else "label"]
            line.append(Paragraph(_escape(cell.text), style))
            if not cell.numeric:
                # CJK line breaking lets a closing mark (、，。) hang past the line's end;
                # the padding keeps it inside its own cell's rules.
                commands.append(("RIGHTPADDING", (c, r), (c, r), style.fontSize + 1.5))
            if cell.rowspan > 1 or cell.colspan > 1:
                commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
            if cell.header:
                commands.append(("BACKGROUND", (c, r), (c, r), colors.Color(0.93, 0.94, 0.93)))
        data.append(line)
    table = Table(
        data, colWidths=[share * width for share in shares], repeatRows=0, hAlign="CENTER"
    )
    table.setStyle(TableStyle(commands))
    return table


def write_pdf(report: Report) -> bytes:
    """The report as an A4 PDF: the title, the six sections with their text, and
    tables 二, 三, 四 ruled, with the official labels and merged cells."""
    _reportlab()
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    p = plan(report)
    styles = _styles()
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=_PAGE_MARGIN,
        rightMargin=_PAGE_MARGIN,
        topMargin=_PAGE_MARGIN,
        bottomMargin=_PAGE_MARGIN,
        title=p.title,
        author=report.agency,
        subject=p.title,
        creator="govreport",
        invariant=1,  # the same report gives the same bytes (no timestamp or random ID)
    )
    story: list[Any] = [Paragraph(_escape(p.title), styles["title"])]
    for section in p.sections:
        story.append(Paragraph(_escape(section.heading), styles["heading"]))
        story.extend(Paragraph(_escape(line), styles["body"]) for line in section.lines)
        if section.grid is not None:
            story.append(Spacer(1, 4))
            story.append(_table(section.grid, styles, document.width))
            story.append(Spacer(1, 6))

    def page_number(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(A4[0] / 2, _PAGE_MARGIN / 2, f"- {doc.page} -")
        canvas.restoreState()

    try:
        document.build(story, onFirstPage=page_number, onLaterPages=page_number)
    except Exception as exc:  # reportlab's LayoutError and friends: a cell too big for a page
        raise WriteError(message("pdf_writer.layout", kind=type(exc).__name__, detail=exc)) from exc
    return out.getvalue()


__all__ = ["FONT", "write_pdf"]
