"""The analyst's workbook: reports, their three tables, findings and notes as one .xlsx file.

Sheets (Chinese names by default, English with ``lang="en"``):

- 报告 / Reports: one row per source: who, which year, the template, finding counts by
  severity, why a source was refused, and every indicator (govreport.indicators).
- 表二 / 表三 / 表四 (Table2..4): one row per report, one column per canonical cell; two
  header rows, the official row label above the official column label. Numbers are
  numbers (amounts keep their printed decimal places as the number format), a blank
  cell is empty, a cell that could not be read is shaded and carries a comment, and a
  cell some finding names is filled in the colour of its worst severity.
- 发现 / Findings: one row per finding (the 问题清单), plus one row per refused source.
- 说明 / Notes: what each sheet, column, colour and indicator means.

Written with xlsxwriter: it writes several times faster than openpyxl and never turns a
string into a formula once ``strings_to_formulas`` is off. Rows stay in memory until
:meth:`WorkbookWriter.close`, so that a cross-year finding that arrives after its
report was written can still highlight the report's cells.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

import attrs

from govreport.batch import Result
from govreport.errors import WriteError
from govreport.export import FINDING_COLUMNS, as_result, finding_tuples
from govreport.indicators import INDICATORS, indicators
from govreport.layout import (
    TABLE2_2019,
    TABLE2_2021,
    TABLE3_SINGLE_OTHER,
    TABLE3_SPLIT_OTHER,
    TABLE4,
    TEMPLATES,
    Row,
    TableLayout,
    Template,
    cell_labels,
)
from govreport.model import Finding, Report, Severity, Value

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook as XlsxWorkbook
    from xlsxwriter.worksheet import Worksheet

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

# The workbook's own wording, (Chinese, English). Row and column labels come from
# govreport.layout; in English, headers are the canonical IDs' parts.
_WORDS: dict[str, tuple[str, str]] = {
    "reports": ("报告", "Reports"),
    "t2": ("表二", "Table2"),
    "t3": ("表三", "Table3"),
    "t4": ("表四", "Table4"),
    "findings": ("发现", "Findings"),
    "notes": ("说明", "Notes"),
    "source": ("来源文件", "source"),
    "agency": ("机关", "agency"),
    "year": ("年度", "year"),
    "template": ("模板", "template"),
    "format": ("格式", "format"),
    "errors": ("错误数", "errors"),
    "warnings": ("警告数", "warnings"),
    "infos": ("提示数", "infos"),
    "refused": ("拒绝原因", "refused"),
    "fingerprint": ("指纹", "fingerprint"),
    "unread": ("未能确定读取：", "Not read with certainty: "),
    "sheet": ("工作表", "sheet"),
    "column": ("列", "column"),
    "meaning": ("含义", "meaning"),
    "y2019": ("（2019模板）", " (2019 template)"),
}

# (sheet key, Chinese, English): what the 说明 sheet says about each sheet.
_SHEET_NOTES = (
    (
        "reports",
        "每份来源一行：机关、年度、模板、各级别发现数、拒绝原因，以及各项指标（比率，显示为百分比）。",
        "One row per source: agency, year, template, finding counts by severity, why it was refused, and every indicator (a share, shown as a percentage).",
    ),
    (
        "t2",
        "每份报告一行，每个单元格一列；第一行为表格行名，第二行为列名。2019 模板的列标有（2019模板）。",
        "One row per report, one column per cell; header row 1 is the table row, row 2 the column. Columns of the 2019 template are marked.",
    ),
    (
        "t3",
        "每份报告一行，25 行 × 7 列 = 175 个数值列；报告印有单行（六）其他处理时，另加 7 列。",
        "One row per report, 25 rows x 7 columns = 175 value columns; 7 more when a report prints （六） as a single row.",
    ),
    ("t4", "每份报告一行，15 个数值列。", "One row per report, 15 value columns."),
    (
        "findings",
        "问题清单：每项发现一行（规则见 docs/rules.md），无法读取的来源记为规则 refused。",
        "One row per finding (rules in docs/rules.md); a source that could not be read is rule 'refused'.",
    ),
)
# (state, fill colour, Chinese, English): the legend of cell colours.
_STATES = (
    (
        "error",
        "#F8C4C4",
        "错误：该单元格涉及一项错误级发现",
        "error: a finding of severity error names the cell",
    ),
    (
        "warning",
        "#FDE9B6",
        "警告：该单元格涉及一项警告级发现",
        "warning: a finding of severity warning names the cell",
    ),
    (
        "info",
        "#D6E8FA",
        "提示：该单元格涉及一项提示级发现",
        "info: a finding of severity info names the cell",
    ),
    (
        "unread",
        "#BFBFBF",
        "未能确定读取：单元格留空，批注说明原因",
        "not read with certainty: left empty, a comment says why",
    ),
)
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_HEADER_ROWS = 2  # table sheets: the row label, then the column label
_META = ("source", "agency", "year")
_REFUSED = "refused"
_XLSX_OPTIONS = {
    # a message or a label that starts with "=" stays text: the workbook holds no formulas
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def text_width(text: str) -> int:
    """Columns ``text`` takes in a spreadsheet: a Chinese character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(*texts: str, low: int = 6, high: int = 40) -> int:
    return max(low, min(high, max((text_width(t) for t in texts), default=0) + 2))


@attrs.frozen
class _Block:
    """The columns of one table row in a table sheet."""

    row: Row
    cell_ids: tuple[str, ...]
    first: int  # the sheet column of the first cell
    label: str
    #: the template whose reports fill these columns (None: either); table 二's rows
    #: differ, and some IDs (t2.licensing.decisions) exist in both
    template: str | None = None


def _blocks(sheet: str, lang: Lang, start: int) -> list[_Block]:
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
    out: list[_Block] = []
    column = start
    for layout, rows, template in layouts:
        for row in rows:
            ids = tuple(f"{layout.name}.{row.key}.{c.key}" for c in row.columns)
            label = labels[ids[0]][0] if lang == "zh" else row.key
            if template == "2019":
                label += _WORDS["y2019"][lang == "en"]
            out.append(_Block(row, ids, column, label, template))
            column += len(ids)
    return out


@attrs.frozen
class _Placed:
    """Where a report's row stands in the table sheets, to highlight cells found later."""

    row: int
    reports_row: int
    template: Template
    cells: dict[str, Value]
    counts: list[int]  # errors, warnings, infos
    flagged: dict[str, Severity]


def _has_fingerprint() -> bool:
    return "fingerprint" in attrs.fields_dict(Finding)


class WorkbookWriter:
    """Writes batch results or reports, as they come, into one workbook at ``path``.

    >>> with WorkbookWriter(Path("dataset.xlsx")) as book:
    ...     for result in govreport.load_many(paths):
    ...         book.add(result)
    """

    def __init__(self, path: Path, *, lang: Lang = "zh") -> None:
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
        try:
            import xlsxwriter
        except ImportError as exc:
            raise WriteError("xlsx needs xlsxwriter: pip install 'govreport[xlsx]'") from exc
        self.path = path
        self.lang: Lang = lang
        self._en = lang == "en"
        self._book: XlsxWorkbook = xlsxwriter.Workbook(str(path), _XLSX_OPTIONS)
        self._formats: dict[tuple[int | None, str | None], Any] = {}
        self._header = self._book.add_format(
            {
                "bold": True,
                "bg_color": "#EEEEEE",
                "border": 1,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
            }
        )
        self._percent = self._book.add_format({"num_format": "0.00%"})
        self._sheets: dict[str, Worksheet] = {}
        for key in ("reports", "t2", "t3", "t4", "findings", "notes"):
            self._sheets[key] = self._book.add_worksheet(self.word(key))
        self._blocks = {name: _blocks(name, lang, len(_META)) for name in ("t2", "t3", "t4")}
        # template -> sheet -> cell ID -> sheet column
        self._columns = {
            template: {
                name: {
                    cid: b.first + i
                    for b in blocks
                    if b.template in (None, template)
                    for i, cid in enumerate(b.cell_ids)
                }
                for name, blocks in self._blocks.items()
            }
            for template in TEMPLATES
        }
        self._finding_headers = self._finding_columns()
        self._report_headers = self._report_columns()
        self._next = {"reports": 1, "table": _HEADER_ROWS, "findings": 1}
        self._placed: dict[tuple[str, str, int], _Placed] = {}
        self._single_other = False
        self.rows = 0
        self.finding_rows = 0
        self._closed = False

    def word(self, key: str) -> str:
        return _WORDS[key][self._en]

    # --- formats ----------------------------------------------------------------------

    def _format(self, places: int | None, state: str | None) -> Any:
        """The cell format for a number with ``places`` decimals (None: a count) in
        ``state`` (a severity, "unread", or None), made once."""
        key = (places, state)
        if key not in self._formats:
            spec: dict[str, Any] = {"num_format": "0" if not places else "0." + "0" * places}
            for name, colour, _, _ in _STATES:
                if name == state:
                    spec["bg_color"] = colour
                    if name == "unread":
                        spec["pattern"] = 1
            self._formats[key] = self._book.add_format(spec)
        return self._formats[key]

    # --- headers ----------------------------------------------------------------------

    def _report_columns(self) -> list[str]:
        keys = ("source", "agency", "year", "template", "format", "errors", "warnings", "infos")
        heads = [self.word(k) for k in keys] + [self.word("refused")]
        return heads + [i.en if self._en else i.zh for i in INDICATORS]

    def _finding_columns(self) -> list[str]:
        heads = [key if self._en else zh for key, zh in FINDING_COLUMNS]
        if _has_fingerprint():
            heads.append(self.word("fingerprint"))
        return heads

    def _write_table_headers(self, name: str) -> None:
        sheet = self._sheets[name]
        for i, key in enumerate(_META):
            sheet.merge_range(0, i, 1, i, self.word(key), self._header)
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 1, 24)
        sheet.set_column(2, 2, 7)
        last = len(_META) - 1
        for block in self._blocks[name]:
            if block.row.key == "other" and name == "t3" and not self._single_other:
                continue
            end = block.first + len(block.cell_ids) - 1
            if end > block.first:
                sheet.merge_range(0, block.first, 0, end, block.label, self._header)
            else:
                sheet.write_string(0, block.first, block.label, self._header)
            for i, column in enumerate(block.row.columns):
                label = column.key if self._en else column.label
                sheet.write_string(1, block.first + i, label, self._header)
                width = _fit(label, block.label if end == block.first else "", low=8, high=24)
                sheet.set_column(block.first + i, block.first + i, width)
            last = end
        sheet.set_row(0, 48)
        sheet.set_row(1, 32)
        sheet.freeze_panes(_HEADER_ROWS, len(_META))
        sheet.autofilter(1, 0, max(1, self._next["table"] - 1), last)

    def _write_list_headers(self, key: str, heads: Sequence[str], rows: int) -> None:
        sheet = self._sheets[key]
        for i, head in enumerate(heads):
            sheet.write_string(0, i, head, self._header)
            sheet.set_column(i, i, _fit(head, low=8))
        sheet.freeze_panes(1, 1)
        sheet.autofilter(0, 0, max(0, rows), len(heads) - 1)

    # --- rows -------------------------------------------------------------------------

    def add(self, item: Result | Report, extra: Iterable[Finding] = ()) -> None:
        """One report's (or refused source's) rows in every sheet; ``extra`` findings
        (cross-year ones) count as the report's own."""
        if self._closed:
            raise WriteError("the workbook is closed")
        result = as_result(item)
        findings = (*result.findings, *extra)
        meta = result.metadata
        if result.error is not None or meta is None:
            self._reports_row(result, [0, 0, 0])
            self._finding_rows(result, ())
            return
        row = self._next["table"]
        self._next["table"] += 1
        counts = [sum(1 for f in findings if f.severity is s) for s in _RANK]
        reports_row = self._reports_row(result, counts)
        placed = _Placed(
            row, reports_row, meta.template, dict(result.cells), counts, _worst(findings)
        )
        self._placed[(result.source, meta.agency, meta.year)] = placed
        unread = _unread(result.cells, findings)
        for name in ("t2", "t3", "t4"):
            sheet = self._sheets[name]
            sheet.write_string(row, 0, result.source)
            sheet.write_string(row, 1, meta.agency)
            sheet.write_number(row, 2, meta.year)
            columns = self._columns[meta.template][name]
            for cell_id, value in result.cells.items():
                if cell_id[:2] != name or cell_id not in columns:
                    continue
                if cell_id.startswith("t3.other.") and cell_id.count(".") == 2:
                    self._single_other = True
                self._write_cell(sheet, (row, columns[cell_id]), cell_id, value, placed, unread)
        self._finding_rows(result, findings)
        self.rows += 1

    def _write_cell(
        self,
        sheet: Worksheet,
        at: tuple[int, int],
        cell_id: str,
        value: Value,
        placed: _Placed,
        unread: dict[str, str],
    ) -> None:
        row, column = at
        severity = placed.flagged.get(cell_id)
        why_unread = unread.get(cell_id)
        state = "unread" if why_unread else (severity.value if severity else None)
        if value is None:
            if state is not None:
                sheet.write_blank(row, column, None, self._format(None, state))
            if why_unread:
                sheet.write_comment(row, column, self.word("unread") + why_unread)
            return
        places = _places(value)
        number = float(value) if isinstance(value, Decimal) else value
        fmt = self._format(places, state) if (places or state) else None
        sheet.write_number(row, column, number, fmt)

    def _reports_row(self, result: Result, counts: Sequence[int]) -> int:
        sheet = self._sheets["reports"]
        row = self._next["reports"]
        self._next["reports"] += 1
        meta = result.metadata
        sheet.write_string(row, 0, result.source)
        if meta is not None and result.error is None:
            sheet.write_string(row, 1, meta.agency)
            sheet.write_number(row, 2, meta.year)
            sheet.write_string(row, 3, meta.template)
            sheet.write_string(row, 4, meta.format or "")
            for i, count in enumerate(counts):
                sheet.write_number(row, 5 + i, count)
            for i, share in enumerate(indicators(result.cells).values()):
                if share is not None:
                    sheet.write_number(row, 9 + i, float(share), self._percent)
        else:
            sheet.write_string(row, 8, f"{result.error_type}: {result.error}")
        return row

    def _finding_rows(self, result: Result, findings: Iterable[Finding]) -> None:
        sheet = self._sheets["findings"]
        fingerprint = _has_fingerprint()
        for finding, values in finding_tuples(result, findings):
            row = self._next["findings"]
            self._next["findings"] += 1
            for column, value in enumerate(values):
                _write_plain(sheet, row, column, value)
            if fingerprint and finding is not None:
                _write_plain(sheet, row, len(values), getattr(finding, "fingerprint", None))
            self.finding_rows += 1

    def add_findings(
        self, source: str, agency: str, year: int, findings: Iterable[Finding]
    ) -> None:
        """Findings about a report written earlier (cross-year ones): a row each in the
        findings sheet, its cells highlighted and its counts updated."""
        found = list(findings)
        placed = self._placed.get((source, agency, year))
        result = Result(0, source, metadata=None)
        rows = [
            (finding, (source, agency, year, *values[3:]))
            for finding, values in finding_tuples(result, found)
        ]
        sheet = self._sheets["findings"]
        for finding, values in rows:
            row = self._next["findings"]
            self._next["findings"] += 1
            for column, value in enumerate(values):
                _write_plain(sheet, row, column, value)
            if _has_fingerprint() and finding is not None:
                _write_plain(sheet, row, len(values), getattr(finding, "fingerprint", None))
            self.finding_rows += 1
        if placed is None:
            return
        for finding in found:
            placed.counts[_RANK[finding.severity]] += 1
            for cell_id in finding.cells:
                now = placed.flagged.get(cell_id)
                if now is None or _RANK[finding.severity] < _RANK[now]:
                    placed.flagged[cell_id] = finding.severity
                name = cell_id[:2]
                columns = self._columns[placed.template].get(name, {})
                if cell_id in placed.cells and cell_id in columns:
                    column = columns[cell_id]
                    value = placed.cells[cell_id]
                    at = (placed.row, column)
                    self._write_cell(self._sheets[name], at, cell_id, value, placed, {})
        for i, count in enumerate(placed.counts):
            self._sheets["reports"].write_number(placed.reports_row, 5 + i, count)

    # --- closing ----------------------------------------------------------------------

    def _write_notes(self) -> None:
        sheet = self._sheets["notes"]
        heads = [self.word("sheet"), self.word("column"), self.word("meaning")]
        rows: list[tuple[str, str, str]] = []
        for key, zh, en in _SHEET_NOTES:
            rows.append((self.word(key), "", en if self._en else zh))
        for indicator in INDICATORS:
            name = indicator.en if self._en else indicator.zh
            rows.append((self.word("reports"), name, indicator.formula()))
        for state, _, zh, en in _STATES:
            rows.append(("", state, en if self._en else zh))
        for i, head in enumerate(heads):
            sheet.write_string(0, i, head, self._header)
        for r, values in enumerate(rows, start=1):
            for c, text in enumerate(values):
                sheet.write_string(r, c, text)
                colour = next((s[1] for s in _STATES if s[0] == text), None)
                if c == 1 and colour:
                    sheet.write_string(r, c, text, self._book.add_format({"bg_color": colour}))
        sheet.set_column(0, 0, 10)
        sheet.set_column(1, 1, 30)
        sheet.set_column(2, 2, 100)
        sheet.freeze_panes(1, 0)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for name in ("t2", "t3", "t4"):
            self._write_table_headers(name)
        self._write_list_headers("reports", self._report_headers, self._next["reports"] - 1)
        self._write_list_headers("findings", self._finding_headers, self._next["findings"] - 1)
        self._write_notes()
        self._sheets["reports"].set_column(0, 0, 28)
        self._sheets["reports"].set_column(1, 1, 24)
        self._sheets["findings"].set_column(0, 0, 28)
        self._sheets["findings"].set_column(5, 5, 60)
        try:
            self._book.close()
        except Exception as exc:  # xlsxwriter's FileCreateError and OS errors alike
            raise WriteError(f"cannot write {self.path}: {exc}") from exc

    def __enter__(self) -> WorkbookWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _places(value: int | Decimal) -> int | None:
    if isinstance(value, int):
        return None
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else None


def _worst(findings: Iterable[Finding]) -> dict[str, Severity]:
    out: dict[str, Severity] = {}
    for finding in findings:
        for cell_id in finding.cells:
            now = out.get(cell_id)
            if now is None or _RANK[finding.severity] < _RANK[now]:
                out[cell_id] = finding.severity
    return out


def _unread(cells: dict[str, Value] | Any, findings: Iterable[Finding]) -> dict[str, str]:
    """Blank cells a reading finding (an S-rule) names: the reader could not read them
    with certainty. Each maps to the findings' messages, for the cell's comment."""
    out: dict[str, str] = {}
    for finding in findings:
        if not finding.rule.startswith("S"):
            continue
        for cell_id in finding.cells:
            if cell_id in cells and cells[cell_id] is None:
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
    lang: Lang = "zh",
    extra_findings: Mapping[int, Sequence[Finding]] | None = None,
) -> WorkbookWriter:
    """Write ``items`` into one workbook at ``path``; ``extra_findings`` adds findings by
    position in ``items`` (cross-year ones). Returns the closed writer."""
    extra = extra_findings or {}
    with WorkbookWriter(Path(path), lang=lang) as book:
        for i, item in enumerate(items):
            book.add(item, extra.get(i, ()))
    return book


__all__ = ["LANGS", "Lang", "WorkbookWriter", "text_width", "write_workbook"]
