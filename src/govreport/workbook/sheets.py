"""What every workbook govreport writes shares: opening and closing one, its colours,
column widths fit for Chinese, and the columns of the table sheets."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from govreport.errors import WriteError
from govreport.layout import (
    TABLE2_2019,
    TABLE2_2021,
    TABLE3_SINGLE_OTHER,
    TABLE3_SPLIT_OTHER,
    TABLE4,
    Row,
    TableLayout,
    cell_labels,
)
from govreport.messages import message
from govreport.messages.text import Language
from govreport.model import Severity

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook

#: Fill colours by cell state: a finding's severity, or "unread". The same colours as
#: the validation page (report_html.py), darker grey for what could not be read.
FILLS = {"error": "#F8C4C4", "warning": "#FDE9B6", "info": "#D6E8FA", "unread": "#BFBFBF"}
RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_OPTIONS = {
    # a message or a label that starts with "=" stays text: the workbook holds no formulas
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
HEADER_FORMAT = {
    "bold": True,
    "bg_color": "#EEEEEE",
    "border": 1,
    "text_wrap": True,
    "align": "center",
    "valign": "vcenter",
}


def open_book(path: Path) -> Workbook:
    """A new xlsxwriter workbook at ``path`` that turns no string into a formula."""
    try:
        import xlsxwriter
    except ImportError as exc:
        raise WriteError(message("workbook.needs_xlsxwriter")) from exc
    book: Workbook = xlsxwriter.Workbook(str(path), _OPTIONS)
    return book


def close_book(book: Workbook, path: Path) -> None:
    try:
        book.close()
    except Exception as exc:  # xlsxwriter's FileCreateError and OS errors alike
        raise WriteError(message("write.cannot_write", path=path, reason=exc)) from exc


def text_width(text: str) -> int:
    """Columns ``text`` takes in a spreadsheet or a terminal: a Chinese character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(*texts: str, low: int = 6, high: int = 40) -> int:
    """A column width for the widest of ``texts``, between ``low`` and ``high``."""
    return max(low, min(high, max((text_width(t) for t in texts), default=0) + 2))


def worst(severities: Iterable[Severity]) -> Severity | None:
    """The most severe of ``severities`` (None for none)."""
    return min(severities, key=RANK.__getitem__, default=None)


@attrs.frozen
class Block:
    """The columns of one table row in a table sheet."""

    row: Row
    cell_ids: tuple[str, ...]
    first: int  # the sheet column of the first cell
    label: str
    #: the template whose reports fill these columns (None: either); table 二's rows
    #: differ, and some IDs (t2.licensing.decisions) exist in both
    template: str | None = None


def blocks(sheet: str, lang: Language, start: int) -> list[Block]:
    """The blocks of table sheet ``sheet`` (t2, t3, t4), from sheet column ``start`` on:
    table 二 of 2021, then of 2019; table 三's 25 rows, then the single （六） row."""
    layouts: list[tuple[TableLayout, tuple[Row, ...], str | None]]
    if sheet == "t2":
        layouts = [(TABLE2_2021, TABLE2_2021.rows, "2021"), (TABLE2_2019, TABLE2_2019.rows, "2019")]
    elif sheet == "t3":
        single = tuple(r for r in TABLE3_SINGLE_OTHER.rows if r.key == "other")
        layouts = [(TABLE3_SPLIT_OTHER, TABLE3_SPLIT_OTHER.rows, None)]
        layouts.append((TABLE3_SINGLE_OTHER, single, None))
    else:
        layouts = [(TABLE4, TABLE4.rows, None)]
    labels = cell_labels()
    out: list[Block] = []
    column = start
    for layout, rows, template in layouts:
        for row in rows:
            ids = tuple(f"{layout.name}.{row.key}.{c.key}" for c in row.columns)
            label = labels[ids[0]][0] if lang == "zh" else row.key
            if template == "2019":
                label = message("book.template_2019", lang=lang, label=label)
            out.append(Block(row, ids, column, label, template))
            column += len(ids)
    return out


__all__ = [
    "FILLS",
    "HEADER_FORMAT",
    "RANK",
    "Block",
    "blocks",
    "close_book",
    "fit",
    "open_book",
    "text_width",
    "worst",
]
