"""The analyst's workbook: reports, their three tables, findings and notes as one .xlsx file.

Sheets (Chinese names and headers by default, English with ``lang="en"``):

- 报告 / Reports: one row per source: who, which year, the template, finding counts by
  severity, why a source was refused, and every indicator (govreport.indicators).
- 表二 / 表三 / 表四: one row per report, one column per canonical cell; two header
  rows, the official row label above the official column label. Numbers are numbers
  (amounts keep their printed decimal places as the number format), a blank cell is
  empty, a cell that could not be read (an S3 finding names it, or the report has no
  cell for it: its row or table was not found) is shaded grey and carries a comment
  saying why, and a cell some finding names is filled in the colour of its worst severity.
- 发现 / Findings: one row per finding (the 问题清单) with its fingerprint (the identity
  ``validate --baseline`` reviews by), plus one row per refused source.
- 说明 / Notes: what each sheet, colour and indicator means.

Written with xlsxwriter: it writes large sheets several times faster than openpyxl
and, told so, never turns a string into a formula. Rows stay in memory until
:meth:`WorkbookWriter.close`, so that a cross-year finding that arrives after its
report was written still highlights the report's cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import attrs

from govreport.baseline import fingerprint
from govreport.batch import Result
from govreport.errors import WriteError
from govreport.export import FINDING_COLUMNS, as_result, finding_tuples
from govreport.indicators import INDICATORS, indicators
from govreport.layout import TEMPLATES, Template
from govreport.messages import current_language, message
from govreport.messages.text import Language
from govreport.model import UNREAD_RULE, Finding, Report, Severity, Value, template_cell_ids
from govreport.workbook.sheets import (
    FILLS,
    HEADER_FORMAT,
    RANK,
    blocks,
    close_book,
    fit,
    open_book,
    text_width,
)

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

Lang = Language
SHEETS = ("reports", "t2", "t3", "t4", "findings", "notes")
_HEADER_ROWS = 2  # table sheets: the row label, then the column label
#: rows of an Excel sheet
MAX_ROWS = 1_048_576
_META = ("source", "agency", "year")  # the first columns of a table sheet
_COUNTS = ("errors", "warnings", "infos")
_REPORT_COLUMNS = ("source", "agency", "year", "template", "format", *_COUNTS, "refused")
_FIRST_COUNT = _REPORT_COLUMNS.index("errors")
_FIRST_RATE = len(_REPORT_COLUMNS)


@attrs.frozen
class _Placed:
    """Where a report's row stands, to highlight cells a later finding names."""

    row: int  # in the table sheets
    reports_row: int
    template: Template
    cells: Mapping[str, Value]
    counts: list[int]  # errors, warnings, infos
    flagged: dict[str, Severity]


class WorkbookWriter:
    """Writes batch results or reports, as they come, into one workbook at ``path``.

    >>> with WorkbookWriter(Path("dataset.xlsx")) as book:
    ...     for result in govreport.load_many(paths):
    ...         book.add(result)
    """

    def __init__(self, path: Path, *, lang: Lang | None = None) -> None:
        self.path = path
        self.lang: Lang = lang or current_language()
        self._book = open_book(path)
        self._header = self._book.add_format(HEADER_FORMAT)
        self._percent = self._book.add_format({"num_format": "0.00%"})
        self._formats: dict[tuple[int, str | None], Any] = {}
        self._sheets: dict[str, Worksheet] = {
            key: self._book.add_worksheet(self.word(f"book.sheet.{key}")) for key in SHEETS
        }
        self._blocks = {name: blocks(name, self.lang, len(_META)) for name in ("t2", "t3", "t4")}
        # template -> sheet -> cell ID -> sheet column
        self._columns = {
            template: {
                name: {
                    cell_id: block.first + i
                    for block in sheet_blocks
                    if block.template in (None, template)
                    for i, cell_id in enumerate(block.cell_ids)
                }
                for name, sheet_blocks in self._blocks.items()
            }
            for template in TEMPLATES
        }
        self._next = {"reports": 1, "table": _HEADER_ROWS, "findings": 1}
        self._placed: dict[tuple[str, str, int], _Placed] = {}
        self._single_other = False  # some report prints （六） as a single row
        self._widest = {"source": 8, "agency": 0}
        self.rows = 0
        self.finding_rows = 0
        self._closed = False

    def word(self, key: str, **fields: object) -> str:
        return message(key, lang=self.lang, **fields)

    def _format(self, places: int, state: str | None) -> Any:
        """The format of a number with ``places`` decimals in ``state`` (a severity,
        "unread" or None), made once."""
        key = (places, state)
        if key not in self._formats:
            spec: dict[str, Any] = {"num_format": "0." + "0" * places if places else "General"}
            if state is not None:
                spec.update(bg_color=FILLS[state], pattern=1)
            self._formats[key] = self._book.add_format(spec)
        return self._formats[key]

    # --- rows -------------------------------------------------------------------------

    def add(self, item: Result | Report, extra: Iterable[Finding] = ()) -> None:
        """One report's (or refused source's) rows in every sheet; ``extra`` findings
        (cross-year ones) count as the report's own."""
        if self._closed:
            raise WriteError(message("workbook.closed"))
        result = as_result(item)
        findings = (*result.findings, *extra)
        meta = result.metadata
        self._widen("source", result.source)
        if result.error is not None or meta is None:
            self._reports_row(result, (0, 0, 0))
            self._findings(result.source, None, None, finding_tuples(result))
            return
        self._widen("agency", meta.agency)
        counts = [sum(1 for f in findings if f.severity is s) for s in RANK]
        row = self._take("table")
        placed = _Placed(
            row,
            self._reports_row(result, counts),
            meta.template,
            result.cells,
            counts,
            {},
        )
        self._placed[(result.source, meta.agency, meta.year)] = placed
        for finding in findings:
            _flag(placed.flagged, finding)
        unread = _unread(result.cells, findings)
        # template cells the report has no cell for: their row or table was not found
        missing = [
            i for i in template_cell_ids(meta.template, result.cells) if i not in result.cells
        ]
        for cell_id in missing:
            unread[cell_id] = unread.get(cell_id) or self.word("book.not_found")
        for name in ("t2", "t3", "t4"):
            sheet = self._sheets[name]
            sheet.write_string(row, 0, result.source)
            sheet.write_string(row, 1, meta.agency)
            sheet.write_number(row, 2, meta.year)
            columns = self._columns[meta.template][name]
            for cell_id, value in result.cells.items():
                if cell_id in columns:
                    self._single_other |= cell_id == "t3.other.total"
                    at = (row, columns[cell_id])
                    self._write_cell(sheet, at, cell_id, value, placed, unread.get(cell_id))
            for cell_id in missing:
                if cell_id in columns:
                    at = (row, columns[cell_id])
                    self._write_cell(sheet, at, cell_id, None, placed, unread[cell_id])
        self._findings(result.source, meta.agency, meta.year, finding_tuples(result, findings))
        self.rows += 1

    def _take(self, kind: str) -> int:
        """The next free row of a sheet; a full sheet is an error, since xlsxwriter
        would drop the rows beyond it without a word."""
        row = self._next[kind]
        if row >= MAX_ROWS:
            raise WriteError(message("book.full", path=self.path, rows=MAX_ROWS))
        self._next[kind] += 1
        return row

    def _widen(self, key: str, text: str) -> None:
        self._widest[key] = max(self._widest[key], text_width(text))

    def _write_cell(
        self,
        sheet: Worksheet,
        at: tuple[int, int],
        cell_id: str,
        value: Value,
        placed: _Placed,
        why_unread: str | None,
    ) -> None:
        severity = placed.flagged.get(cell_id)
        state = "unread" if why_unread else (severity.value if severity else None)
        if value is None:
            if state is not None:
                sheet.write_blank(*at, None, self._format(0, state))
            if why_unread:
                sheet.write_comment(*at, self.word("book.unread", why=why_unread))
            return
        places = _places(value)
        fmt = self._format(places, state) if (places or state) else None
        sheet.write_number(*at, float(value) if isinstance(value, Decimal) else value, fmt)

    def _reports_row(self, result: Result, counts: Sequence[int]) -> int:
        sheet = self._sheets["reports"]
        row = self._take("reports")
        meta = result.metadata
        sheet.write_string(row, 0, result.source)
        if meta is None or result.error is not None:
            sheet.write_string(row, _FIRST_RATE - 1, f"{result.error_type}: {result.error}")
            return row
        for column, text in ((1, meta.agency), (3, meta.template), (4, meta.format or "")):
            sheet.write_string(row, column, text)
        sheet.write_number(row, 2, meta.year)
        for i, count in enumerate(counts):
            sheet.write_number(row, _FIRST_COUNT + i, count)
        for i, share in enumerate(indicators(result.cells, result.findings).values()):
            if share is not None:
                sheet.write_number(row, _FIRST_RATE + i, float(share), self._percent)
        return row

    def _findings(
        self,
        source: str,
        agency: str | None,
        year: int | None,
        rows: Iterable[tuple[Finding | None, tuple[Any, ...]]],
    ) -> None:
        sheet = self._sheets["findings"]
        for finding, values in rows:
            row = self._take("findings")
            for column, value in enumerate((source, agency, year, *values[3:])):
                _write_plain(sheet, row, column, value)
            if finding is not None and agency is not None and year is not None:
                # the review file's identity of the finding (validate --baseline)
                sheet.write_string(row, len(values), fingerprint(finding, agency, year))
            self.finding_rows += 1

    def add_findings(
        self, source: str, agency: str, year: int, findings: Iterable[Finding]
    ) -> None:
        """Findings about a report added earlier (cross-year ones): a row each in the
        findings sheet, the report's cells highlighted and its counts updated."""
        found = list(findings)
        self._findings(source, agency, year, finding_tuples(Result(0, source), found))
        placed = self._placed.get((source, agency, year))
        if placed is None:
            return
        for finding in found:
            placed.counts[RANK[finding.severity]] += 1
            _flag(placed.flagged, finding)
            for cell_id in finding.cells:
                column = self._columns[placed.template].get(cell_id[:2], {}).get(cell_id)
                if column is not None and cell_id in placed.cells:
                    sheet = self._sheets[cell_id[:2]]
                    at = (placed.row, column)
                    self._write_cell(sheet, at, cell_id, placed.cells[cell_id], placed, None)
        for i, count in enumerate(placed.counts):
            self._sheets["reports"].write_number(placed.reports_row, _FIRST_COUNT + i, count)

    # --- headers and notes, written last ---------------------------------------------

    def _table_headers(self, name: str) -> None:
        sheet = self._sheets[name]
        for i, key in enumerate(_META):
            sheet.merge_range(0, i, 1, i, self.word(f"book.{key}"), self._header)
        self._identity_widths(sheet)
        sheet.set_column(2, 2, 7)
        last = len(_META) - 1
        for block in self._blocks[name]:
            if block.row.key == "other" and not self._single_other:
                continue  # no report prints the single （六） row: no empty columns for it
            end = block.first + len(block.cell_ids) - 1
            if end > block.first:
                sheet.merge_range(0, block.first, 0, end, block.label, self._header)
            else:
                sheet.write_string(0, block.first, block.label, self._header)
            for i, part in enumerate(block.row.columns):
                label = part.key if self.lang == "en" else part.label
                sheet.write_string(1, block.first + i, label, self._header)
                alone = block.label if end == block.first else ""
                sheet.set_column(
                    block.first + i, block.first + i, fit(label, alone, low=8, high=24)
                )
            last = end
        sheet.set_row(0, 48)
        sheet.set_row(1, 32)
        sheet.freeze_panes(_HEADER_ROWS, len(_META))
        sheet.autofilter(1, 0, max(1, self._next["table"] - 1), last)

    def _identity_widths(self, sheet: Worksheet) -> None:
        """Source and agency, the first two columns of most sheets, as wide as their
        longest value (within reason)."""
        sheet.set_column(0, 0, min(60, self._widest["source"] + 2))
        sheet.set_column(1, 1, min(40, max(8, self._widest["agency"] + 2)))

    def _list_headers(self, key: str, heads: Sequence[str]) -> None:
        sheet = self._sheets[key]
        for i, head in enumerate(heads):
            sheet.write_string(0, i, head, self._header)
            sheet.set_column(i, i, fit(head, low=8))
        self._identity_widths(sheet)
        sheet.freeze_panes(1, 1)
        sheet.autofilter(0, 0, max(1, self._next[key] - 1), len(heads) - 1)

    def _notes(self) -> None:
        sheet = self._sheets["notes"]
        rows: list[tuple[str, str, str, str | None]] = [
            (self.word(f"book.sheet.{key}"), "", self.word(f"book.note.{key}"), None)
            for key in SHEETS[:5]
        ]
        for indicator in INDICATORS:
            name = indicator.en if self.lang == "en" else indicator.zh
            meaning = self.word("book.note.indicator", formula=indicator.formula())
            rows.append((self.word("book.sheet.reports"), name, meaning, None))
        for state, colour in FILLS.items():
            rows.append(("", state, self.word(f"book.state.{state}"), colour))
        heads = ("book.notes.sheet", "book.notes.column", "book.notes.meaning")
        for i, head in enumerate(heads):
            sheet.write_string(0, i, self.word(head), self._header)
        for r, (where, name, meaning, shade) in enumerate(rows, start=1):
            sheet.write_string(r, 0, where)
            fill = self._book.add_format({"bg_color": shade}) if shade else None
            sheet.write_string(r, 1, name, fill)
            sheet.write_string(r, 2, meaning)
        sheet.set_column(0, 0, 10)
        sheet.set_column(1, 1, max(text_width(r[1]) for r in rows) + 2)
        sheet.set_column(2, 2, 110)
        sheet.freeze_panes(1, 0)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for name in ("t2", "t3", "t4"):
            self._table_headers(name)
        reports = [self.word(f"book.{key}") for key in _REPORT_COLUMNS]
        rates = [i.en if self.lang == "en" else i.zh for i in INDICATORS]
        self._list_headers("reports", reports + rates)
        findings = [key if self.lang == "en" else zh for key, zh in FINDING_COLUMNS]
        findings.append(self.word("book.fingerprint"))
        self._list_headers("findings", findings)
        self._sheets["findings"].set_column(5, 5, 60)
        self._notes()
        close_book(self._book, self.path)

    def __enter__(self) -> WorkbookWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _places(value: int | Decimal) -> int:
    """Decimal places as printed: 79.6954 has 4, a count none."""
    if isinstance(value, int):
        return 0
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _flag(flagged: dict[str, Severity], finding: Finding) -> None:
    """Record ``finding`` against its cells, keeping each cell's worst severity."""
    for cell_id in finding.cells:
        now = flagged.get(cell_id)
        flagged[cell_id] = (
            finding.severity if now is None else min(now, finding.severity, key=RANK.__getitem__)
        )


def _unread(cells: Mapping[str, Value], findings: Iterable[Finding]) -> dict[str, str]:
    """The cells a reading finding says were not read, each with the findings' text for
    its comment: blank cells an S3 finding (:data:`govreport.model.UNREAD_RULE`) names,
    and cells the report does not have that any reading finding (an S-rule) names."""
    out: dict[str, str] = {}
    for finding in findings:
        if not finding.rule.startswith("S"):
            continue  # a rule check, not what reading found
        for cell_id in finding.cells:
            if cell_id in cells and (finding.rule != UNREAD_RULE or cells[cell_id] is not None):
                continue
            note = f"{finding.rule} {finding.message}"
            out[cell_id] = f"{out[cell_id]}\n{note}" if cell_id in out else note
    return out


def _write_plain(sheet: Worksheet, row: int, column: int, value: object) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int):
        sheet.write_number(row, column, value)
    elif isinstance(value, Decimal):
        sheet.write_number(row, column, float(value))
    else:
        sheet.write_string(row, column, str(value))


def write_workbook(
    items: Iterable[Result | Report],
    path: str | Path,
    *,
    lang: Lang | None = None,
    extra_findings: Mapping[int, Sequence[Finding]] | None = None,
) -> WorkbookWriter:
    """Write ``items`` into one workbook at ``path``; ``extra_findings`` adds findings by
    position in ``items`` (cross-year ones). Returns the closed writer."""
    extra = extra_findings or {}
    with WorkbookWriter(Path(path), lang=lang) as book:
        for i, item in enumerate(items):
            book.add(item, extra.get(i, ()))
    return book


__all__ = ["SHEETS", "Lang", "WorkbookWriter", "text_width", "write_workbook"]
