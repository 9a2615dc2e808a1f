"""Draw annual reports as PDFs with reportlab's built-in STSong-Light CID font.

The tests read these back through pdfplumber: the same values laid out as ruled or
unruled tables, table 三 broken across pages, labels wrapped in narrow cells, a group
label cut by the break, a label set in a vertical (Identity-V style) font.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import attrs
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from govreport.layout import TABLE2_2021, TABLE3_SINGLE_OTHER, TABLE3_SPLIT_OTHER, TABLE4

FONT = "STSong-Light"
VERTICAL_FONT = "STSong-Light-V"
WIDTH, HEIGHT = A4
MARGIN = 50.0


def _register() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    if VERTICAL_FONT not in pdfmetrics.getRegisteredFontNames():
        vertical = UnicodeCIDFont(FONT, isVertical=True)
        vertical.name = vertical.fontName = VERTICAL_FONT
        pdfmetrics.registerFont(vertical)


@attrs.frozen
class Style:
    """How a report is drawn."""

    ruled: bool = True
    #: start a new page after this many rows of table 三's body (None: no break)
    t3_break_after: int | None = None
    #: width of table 三's label column; narrow values wrap the labels
    label_width: float = 230.0
    #: the group label cut by the page break keeps this many characters above it
    split_group_at: int | None = None
    #: set 三、本年度办理结果 in a vertical font in a column spanning its rows
    vertical_outcome_label: bool = False
    font_size: float = 8.0
    page_numbers: bool = True
    running_header: str | None = None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _wrap(text: str, width: float, size: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for char in text:
        if current and pdfmetrics.stringWidth(current + char, FONT, size) > width:
            lines.append(current)
            current = char
        else:
            current += char
    if current or not lines:
        lines.append(current)
    return lines


class _Writer:
    def __init__(self, style: Style) -> None:
        _register()
        self.style = style
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=A4)
        self.page = 1
        self.y = HEIGHT - MARGIN
        self._furniture()

    def _furniture(self) -> None:
        if self.style.running_header:
            self.canvas.setFont(FONT, 9)
            self.canvas.drawCentredString(WIDTH / 2, HEIGHT - 30, self.style.running_header)

    def new_page(self) -> None:
        if self.style.page_numbers:
            self.canvas.setFont(FONT, 10)
            self.canvas.drawCentredString(WIDTH / 2, 30, f"- {self.page} -")
        self.canvas.showPage()
        self.page += 1
        self.y = HEIGHT - MARGIN
        self._furniture()

    def line(self, text: str, size: float = 11, centred: bool = False) -> None:
        if self.y - size * 1.6 < MARGIN:
            self.new_page()
        self.canvas.setFont(FONT, size)
        self.y -= size * 1.6
        if centred:
            self.canvas.drawCentredString(WIDTH / 2, self.y, text)
        else:
            self.canvas.drawString(MARGIN, self.y, text)

    def paragraph(self, text: str, size: float = 11) -> None:
        for part in _wrap(text, WIDTH - 2 * MARGIN, size):
            self.line(part, size)

    def table(
        self,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        spans: dict[tuple[int, int], int] | None = None,
        across: dict[tuple[int, int], int] | None = None,
        break_after: int | None = None,
    ) -> None:
        """Rows of cell texts; ``spans`` maps (row, column) to the number of rows the
        cell covers (the rows below leave that column empty, with no rule between);
        ``across`` maps (row, column) to the number of columns it covers."""
        spans = spans or {}
        across = across or {}
        size = self.style.font_size
        leading = size * 1.3
        widths_of = [
            [sum(widths[c : c + across.get((r, c), 1)]) for c in range(len(widths))]
            for r in range(len(rows))
        ]
        heights = [
            max(len(_wrap(text, w - 4, size)) for text, w in zip(row, widths_of[r], strict=True))
            * leading
            + 6
            for r, row in enumerate(rows)
        ]
        inside = {(r, c + k) for (r, c), n in across.items() for k in range(1, n)}
        covered: dict[tuple[int, int], tuple[int, int]] = {}
        for (r, c), count in spans.items():
            for k in range(r, r + count):
                covered[(k, c)] = (r, r + count - 1)
        self.y -= 6
        for r, (row, height) in enumerate(zip(rows, heights, strict=True)):
            if self.y - height < MARGIN or (break_after is not None and r == break_after):
                self.new_page()
            top, bottom = self.y, self.y - height
            x = MARGIN
            for c, (text, width) in enumerate(zip(row, widths, strict=True)):
                span = covered.get((r, c))
                if self.style.ruled:
                    draw_top = (
                        span is None
                        or span[0] == r
                        or (break_after is not None and r == break_after)
                    )
                    draw_bottom = (
                        span is None
                        or span[1] == r
                        or (break_after is not None and r + 1 == break_after)
                    )
                    if draw_top:
                        self.canvas.line(x, top, x + width, top)
                    if draw_bottom and not (break_after is not None and r + 1 == break_after):
                        self.canvas.line(x, bottom, x + width, bottom)
                    if (r, c) not in inside:
                        self.canvas.line(x, top, x, bottom)
                    if (r, c + 1) not in inside:
                        self.canvas.line(x + width, top, x + width, bottom)
                if text:
                    self._cell_text(
                        text,
                        x,
                        top,
                        widths_of[r][c],
                        numeric=c >= len(row) - 7 and _is_number(text),
                    )
                x += width
            self.y = bottom

    def _cell_text(self, text: str, x: float, top: float, width: float, numeric: bool) -> None:
        size = self.style.font_size
        if text.startswith("\v"):  # a label set in the vertical font
            self.canvas.setFont(VERTICAL_FONT, size)
            self.canvas.drawString(x + width / 2 - size / 2, top - 4 - size, text[1:])
            return
        self.canvas.setFont(FONT, size)
        for k, part in enumerate(_wrap(text, width - 4, size)):
            baseline = top - 3 - size - k * size * 1.3
            if numeric:
                self.canvas.drawRightString(x + width - 3, baseline, part)
            else:
                self.canvas.drawString(x + 2, baseline, part)

    def finish(self) -> bytes:
        if self.style.page_numbers:
            self.canvas.setFont(FONT, 10)
            self.canvas.drawCentredString(WIDTH / 2, 30, f"- {self.page} -")
        self.canvas.save()
        return self.buffer.getvalue()


def _is_number(text: str) -> bool:
    return text.replace(".", "", 1).lstrip("-").isdigit()


def report_pdf(expected: dict[str, Any], style: Style = Style()) -> bytes:
    """A whole report (title, six sections, tables 二 三 四) holding the expected values."""
    cells = expected["cells"]
    out = _Writer(style)
    out.line(f"{expected['agency']}{expected['year']}年政府信息公开工作年度报告", 16, centred=True)
    out.line("一、总体情况", 12)
    out.paragraph("本年度依法做好政府信息公开工作，主动公开政府信息，规范办理依申请公开。")
    out.line("二、主动公开政府信息情况", 12)
    value_width = (WIDTH - 2 * MARGIN - 170) / 3
    for group in (
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ):
        rows = [r for r in TABLE2_2021.rows if r.group == group]
        columns = rows[0].columns
        widths = [170.0] + [value_width] * len(columns)
        out.table(
            [
                [group] + [""] * len(columns),
                ["信息内容", *(c.label for c in columns)],
                *(
                    [r.label, *(_text(cells.get(f"t2.{r.key}.{c.key}")) for c in columns)]
                    for r in rows
                ),
            ],
            widths,
        )
    out.line("三、收到和处理政府信息公开申请情况", 12)
    _table3(out, cells, style)
    out.line("四、政府信息公开行政复议、行政诉讼情况", 12)
    results = ("维持", "纠正", "其他", "未结", "总计")
    t4 = [_text(cells.get(cell_id)) for cell_id in TABLE4.cell_ids()]
    out.table(
        [
            ["行政复议", "", "", "", "", "行政诉讼", *[""] * 9],
            ["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
            [*results * 3],
            t4,
        ],
        [(WIDTH - 2 * MARGIN) / 15] * 15,
        across={(0, 0): 5, (0, 5): 10, (1, 5): 5, (1, 10): 5},
    )
    out.line("五、存在的主要问题及改进情况", 12)
    out.paragraph("政府信息公开的及时性还需提高，下一步将加强培训。")
    out.line("六、其他需要报告的事项", 12)
    out.paragraph("本年度未收取信息处理费。")
    return out.finish()


def _table3(out: _Writer, cells: dict[str, Any], style: Style) -> None:
    layout = TABLE3_SPLIT_OTHER if "t3.other.other.total" in cells else TABLE3_SINGLE_OTHER
    outcome = 30.0 if style.vertical_outcome_label else 0.0
    group_width = 70.0
    value_width = (WIDTH - 2 * MARGIN - outcome - group_width - style.label_width) / 7
    widths = ([outcome] if outcome else []) + [group_width, style.label_width] + [value_width] * 7
    lead = [""] if outcome else []
    rows: list[list[str]] = [
        [
            *lead,
            "",
            "",
            "自然人",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "总计",
        ],
    ]
    spans: dict[tuple[int, int], int] = {}
    across: dict[tuple[int, int], int] = {}
    groups: dict[str, int] = {}
    first_outcome: int | None = None
    for row in layout.rows:
        index = len(rows)
        values = [_text(cells.get(f"t3.{row.key}.{c.key}")) for c in row.columns]
        group = row.group or ""
        is_outcome = row.key not in ("new", "carried_over", "carried_forward")
        if is_outcome and first_outcome is None:
            first_outcome = index
        if group and group in groups:
            rows.append([*lead, "", row.label, *values])
            spans[(groups[group], len(lead))] += 1
        elif group:
            groups[group] = index
            spans[(index, len(lead))] = 1
            rows.append([*lead, group, row.label, *values])
        else:
            across[(index, len(lead))] = 2
            rows.append([*lead, row.label, "", *values])
    if outcome and first_outcome is not None:
        last_outcome = max(
            i
            for i, r in enumerate(layout.rows, start=1)
            if r.key not in ("new", "carried_over", "carried_forward")
        )
        rows[first_outcome][0] = "\v三、本年度办理结果"
        spans[(first_outcome, 0)] = last_outcome - first_outcome + 1
    break_after = None if style.t3_break_after is None else 1 + style.t3_break_after
    if break_after is not None and style.split_group_at is not None:
        for (start, column), count in spans.items():
            if column == len(lead) and start < break_after < start + count:
                text = rows[start][column]
                rows[start][column] = text[: style.split_group_at]
                rows[break_after][column] = text[style.split_group_at :]
    out.table(rows, widths, spans=spans, across=across, break_after=break_after)


def scanned_pdf() -> bytes:
    """A page that holds only an image, as a scanner makes."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.drawImage(ImageReader(Image.new("L", (40, 60), 200)), 50, 50, 495, 742)
    page.showPage()
    page.save()
    return buffer.getvalue()


def encrypted_pdf(password: str = "secret") -> bytes:
    """A one-page report title that opens only with ``password``."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    _register()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, encrypt=StandardEncryption(password, canPrint=1))
    page.setFont(FONT, 16)
    page.drawString(50, 700, "某区人民政府2023年政府信息公开工作年度报告")
    page.showPage()
    page.save()
    return buffer.getvalue()
