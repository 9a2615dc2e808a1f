"""Reports as rows for analysis: long and wide shapes, a findings table, CSV/JSONL/Parquet/pandas.

Long: one row per printed cell (source, body, year, template, cell ID, table, Chinese
row and column labels, value, its state — value, blank or unread — and whether a
finding names the cell). Long rows are
lossless: a cell the document does not print has no row, a blank cell has an empty
value. Wide: one row per report, one column per canonical cell ID of either template;
an empty value there is blank or not printed. Findings: one row per finding, plus one
row (rule ``refused``) per source that could not be read, so nothing is lost silently.

Values are exact: ``int`` or ``Decimal`` (the digits as printed), never floats. CSV
writes them as printed; JSON Lines writes integers as numbers and decimals as strings
(as :meth:`govreport.Report.to_dict` does); Parquet uses ``decimal128(38, 10)``.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol, cast

import attrs

from govreport.batch import Result
from govreport.errors import WriteError
from govreport.indicators import INDICATORS, indicators
from govreport.layout import (
    TABLE2_2019,
    TABLE2_2021,
    TABLE3_SINGLE_OTHER,
    TABLE3_SPLIT_OTHER,
    TABLE4,
    all_cell_ids,
    cell_labels,
)
from govreport.messages import message
from govreport.model import CellState, Finding, Report, cell_state_of, unread_cell_ids

if TYPE_CHECKING:
    from govreport.workbook import Lang, WorkbookWriter

if TYPE_CHECKING:
    import pandas

Shape = Literal["long", "wide"]
Header = Literal["id", "zh"]

#: The Parquet type of every value: exact, with room for 万元 amounts to a fen and beyond.
DECIMAL_PRECISION = 38
DECIMAL_SCALE = 10

# (English ID, Chinese header) of every column. The exports' own wording lives here;
# the report's row and column labels come from govreport.layout.
_META_COLUMNS = (
    ("source", "来源文件"),
    ("agency", "机关"),
    ("year", "年度"),
    ("template", "模板"),
    ("format", "格式"),
)
LONG_COLUMNS: tuple[tuple[str, str], ...] = (
    *_META_COLUMNS,
    ("cell", "单元格"),
    ("table", "表"),
    ("row_label", "行"),
    ("column_label", "列"),
    ("value", "数值"),
    ("state", "状态"),
    ("flagged", "有发现"),
)
_TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}
FINDING_COLUMNS: tuple[tuple[str, str], ...] = (
    ("source", "来源文件"),
    ("agency", "机关"),
    ("year", "年度"),
    ("rule", "规则"),
    ("severity", "级别"),
    ("message", "说明"),
    ("cells", "单元格"),
    ("left", "左值"),
    ("right", "右值"),
    ("difference", "差值"),
    ("locations", "位置"),
)
#: The rule named by a findings row that stands for a source refused as a whole.
REFUSED = "refused"


def wide_columns() -> tuple[tuple[str, str], ...]:
    """The wide shape's columns: the report's metadata, every canonical cell ID, then
    every indicator (govreport.indicators)."""
    labels = cell_labels()
    cells = tuple(
        (cell_id, f"{_TABLE_NAMES[cell_id[:2]]} {labels[cell_id][0]} {labels[cell_id][1]}")
        for cell_id in all_cell_ids()
    )
    rates = tuple((i.key, f"指标 {i.zh}") for i in INDICATORS)
    return (*_META_COLUMNS, ("findings", "发现数"), *cells, *rates)


def _decimal_cells() -> frozenset[str]:
    """The cells that hold amounts (Decimal); every other cell is a count (int)."""
    layouts = (TABLE2_2021, TABLE2_2019, TABLE3_SPLIT_OTHER, TABLE3_SINGLE_OTHER, TABLE4)
    return frozenset(
        f"{layout.name}.{row.key}.{column.key}"
        for layout in layouts
        for row in layout.rows
        for column in row.columns
        if column.decimal
    )


@attrs.frozen
class ExportOptions:
    """What an export looks like."""

    shape: Shape = attrs.field(default="long", validator=attrs.validators.in_(("long", "wide")))
    #: column headers as English IDs (``"id"``) or Chinese labels (``"zh"``)
    header: Header = attrs.field(default="id", validator=attrs.validators.in_(("id", "zh")))
    #: start CSV files with a UTF-8 BOM, so that Excel on Chinese Windows reads them as
    #: UTF-8. ``None`` (the default): only with Chinese headers, the files meant for
    #: people with spreadsheets; scripts reading English IDs get plain UTF-8.
    bom: bool | None = None
    #: the language of an .xlsx workbook's sheet names and headers (None: the language
    #: messages are in, govreport.messages.current_language)
    lang: Lang | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_(("zh", "en")))
    )
    #: rows buffered per Parquet row group
    parquet_rows: int = 65536


# --- rows -------------------------------------------------------------------------------------

Exportable = Result | Report


def as_result(item: Exportable) -> Result:
    """A batch result for ``item``: itself, or a report wrapped as one."""
    if isinstance(item, Result):
        return item
    return Result(
        index=0,
        source=item.metadata.source or "",
        metadata=item.metadata,
        cells=item.cells(),
        findings=item.findings,
        report=item,
    )


def _meta(result: Result) -> tuple[Any, ...]:
    meta = result.metadata
    if meta is None:
        return (result.source, None, None, None, None)
    return (result.source, meta.agency, meta.year, meta.template, meta.format)


def _csv_line(fields: Sequence[Any]) -> str:
    """csv.writer's line of ``fields`` (two or more), without its line end."""
    out = io.StringIO()
    csv.writer(out).writerow(fields)
    return out.getvalue()[:-2]


#: each canonical cell's own fields of a long CSV row (ID, table, row and column
#: labels), as csv.writer writes them
_CELL_FIELDS: dict[str, str] = {}


def _long_csv(result: Result) -> str:
    """What csv.writer makes of :func:`_long_tuples`, with the fields every row of the
    result shares (its source and metadata) and each cell's own (its ID and labels)
    written once rather than once a row: batch workers render ~200 rows a report, and
    csv.writer took as long over them as reading a text report does."""
    shared = _csv_line(_meta(result))
    flagged = result.flagged_cells()
    unread = unread_cell_ids(result.findings)
    labels = cell_labels()
    lines: list[str] = []
    for cell_id, value in result.cells.items():
        own = _CELL_FIELDS.get(cell_id)
        if value.__class__ not in _PLAIN_VALUES or (own is None and cell_id not in labels):
            # a value of another type, or not a canonical cell: csv.writer itself
            return _csv_text(_long_tuples(result))
        if own is None:
            row, column = labels[cell_id]
            own = _CELL_FIELDS[cell_id] = _csv_line((cell_id, cell_id[:2], row, column))
        state = _STATE_TEXT[cell_state_of(cell_id, value, unread)]
        value_text = "" if value is None else str(value)
        lines.append(f"{shared},{own},{value_text},{state},{cell_id in flagged}\r\n")
    return "".join(lines)


#: the types of the values :func:`_long_csv` writes itself, as csv.writer does (str())
_PLAIN_VALUES = frozenset({int, Decimal, type(None)})
_STATE_TEXT = {state: state.value for state in CellState}


def _csv_text(rows: Iterable[tuple[Any, ...]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def _long_tuples(result: Result) -> Iterator[tuple[Any, ...]]:
    meta = _meta(result)
    flagged = result.flagged_cells()
    unread = unread_cell_ids(result.findings)
    labels = cell_labels()
    for cell_id, value in result.cells.items():
        row, column = labels.get(cell_id, ("", ""))
        state = cell_state_of(cell_id, value, unread).value
        yield (*meta, cell_id, cell_id[:2], row, column, value, state, cell_id in flagged)


def _wide_tuple(result: Result, cell_ids: Sequence[str]) -> tuple[Any, ...]:
    cells = result.cells
    return (
        *_meta(result),
        len(result.findings),
        *(cells.get(cell_id) for cell_id in cell_ids),
        *indicators(cells, result.findings).values(),
    )


def _finding_tuple(result: Result, finding: Finding) -> tuple[Any, ...]:
    meta = _meta(result)
    return (
        meta[0],
        meta[1],
        meta[2],
        finding.rule,
        finding.severity.value,
        finding.message,
        " ".join(finding.cells),
        finding.left,
        finding.right,
        finding.difference,
        "; ".join(str(location) for location in finding.locations),
    )


def _refusal_tuple(result: Result) -> tuple[Any, ...]:
    return (
        result.source,
        None,
        None,
        REFUSED,
        "error",
        f"{result.error_type}: {result.error}",
        "",
        None,
        None,
        None,
        "",
    )


def finding_tuples(
    result: Result, findings: Iterable[Finding] | None = None
) -> Iterator[tuple[Finding | None, tuple[Any, ...]]]:
    """Each finding of ``result`` (or ``findings``) with its row of :data:`FINDING_COLUMNS`;
    a refused source gives one row, with no finding."""
    if result.error is not None:
        yield None, _refusal_tuple(result)
        return
    for finding in result.findings if findings is None else findings:
        yield finding, _finding_tuple(result, finding)


def long_rows(item: Exportable) -> Iterator[dict[str, Any]]:
    """One dictionary per printed cell of a report (English keys of :data:`LONG_COLUMNS`)."""
    keys = [key for key, _ in LONG_COLUMNS]
    for row in _long_tuples(as_result(item)):
        yield dict(zip(keys, row, strict=True))


def wide_row(item: Exportable) -> dict[str, Any]:
    """One dictionary for a report: its metadata, then every canonical cell ID."""
    values = _wide_tuple(as_result(item), all_cell_ids())
    return dict(zip([key for key, _ in wide_columns()], values, strict=True))


def finding_rows(item: Exportable, extra: Iterable[Finding] = ()) -> Iterator[dict[str, Any]]:
    """One dictionary per finding of a report (and ``extra`` ones, such as cross-year
    findings), or one ``refused`` row for a source that was not read."""
    result = as_result(item)
    keys = [key for key, _ in FINDING_COLUMNS]
    if result.error is not None:
        yield dict(zip(keys, _refusal_tuple(result), strict=True))
        return
    for finding in (*result.findings, *extra):
        yield dict(zip(keys, _finding_tuple(result, finding), strict=True))


# --- rendering: rows as a chunk of one file format, in a worker or here ---------------------

Kind = Literal["csv", "jsonl", "parquet"]
_KINDS: dict[str, Kind] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
#: every suffix an export can be written to (an .xlsx is a workbook, govreport.workbook)
FORMATS_BY_SUFFIX = (*_KINDS, ".xlsx")


def _kind_of(path: Path) -> Kind:
    try:
        return _KINDS[path.suffix.lower()]
    except KeyError:
        raise WriteError(message("export.unknown_kind", name=path.name)) from None


def _json_value(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


#: A chunk of one file: CSV or JSON Lines text, or row tuples for Parquet.
Chunk = str | list[tuple[Any, ...]]


def _render(
    kind: Kind, keys: Sequence[str], sparse_from: int | None, rows: Iterable[tuple[Any, ...]]
) -> Chunk:
    if kind == "parquet":
        return list(rows)
    out = io.StringIO()
    if kind == "csv":
        # csv writes None as an empty field and int, Decimal and bool through str()
        return _csv_text(rows)
    for row in rows:
        # in the wide shape, a cell the report does not print is left out, not null
        record = {
            k: _json_value(v)
            for i, (k, v) in enumerate(zip(keys, row, strict=True))
            if sparse_from is None or i < sparse_from or v is not None
        }
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
    return out.getvalue()


@attrs.frozen
class _FileLayout:
    """What the rows of one file look like: its format, headers and column types."""

    kind: Kind
    header: tuple[str, ...]
    types: tuple[str, ...]
    sparse_from: int | None = None  # JSON Lines leaves out nulls from this column on

    def render(self, rows: Iterable[tuple[Any, ...]]) -> Chunk:
        return _render(self.kind, self.header, self.sparse_from, rows)


_LONG_TYPES = ("str", "str", "int", "str", "str", "str", "str", "str", "str", "dec", "str", "bool")
_FINDING_TYPES = ("str", "str", "int", "str", "str", "str", "str", "dec", "dec", "dec", "str")


def column_types(shape: Shape | Literal["findings"]) -> tuple[str, ...]:
    """The type of every column of a shape (``"str"``, ``"int"``, ``"dec"``, ``"bool"``):
    Parquet's schema and the DataFrame's dtypes both follow it, so a column has the same
    type whatever rows a batch happens to hold. In the long shape ``value`` mixes counts
    and amounts, so it is ``dec`` (Parquet decimal128; Python ``int``/``Decimal`` objects
    in a DataFrame)."""
    if shape == "long":
        return _LONG_TYPES
    if shape == "findings":
        return _FINDING_TYPES
    amounts = _decimal_cells()
    cells = tuple("dec" if cell_id in amounts else "int" for cell_id in all_cell_ids())
    return ("str", "str", "int", "str", "str", "int", *cells, *("dec",) * len(INDICATORS))


def _layouts(
    options: ExportOptions, data_kind: Kind, findings_kind: Kind | None
) -> tuple[_FileLayout, _FileLayout | None]:
    def header(columns: Sequence[tuple[str, str]]) -> tuple[str, ...]:
        return tuple(zh if options.header == "zh" else key for key, zh in columns)

    if options.shape == "long":
        data = _FileLayout(data_kind, header(LONG_COLUMNS), _LONG_TYPES)
    else:
        meta = len(_META_COLUMNS) + 1
        data = _FileLayout(data_kind, header(wide_columns()), column_types("wide"), meta)
    findings = (
        None
        if findings_kind is None
        else _FileLayout(findings_kind, header(FINDING_COLUMNS), _FINDING_TYPES)
    )
    return data, findings


@attrs.frozen
class Rendered:
    """A result's rows, rendered where it was read, for the :class:`Exporter` that asked."""

    layouts: tuple[_FileLayout, _FileLayout | None]
    data: Chunk
    data_rows: int
    findings: Chunk | None
    finding_rows: int


@attrs.frozen
class Renderer:
    """Renders a result's rows for one exporter; picklable, so it runs in the workers
    (``BatchOptions(prepare=exporter.renderer())``) and the collecting process only
    appends text to files."""

    options: ExportOptions
    layouts: tuple[_FileLayout, _FileLayout | None]

    def rows(self, result: Result) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        data: list[tuple[Any, ...]] = []
        if result.error is None:
            if self.options.shape == "long":
                data = list(_long_tuples(result))
            else:
                data = [_wide_tuple(result, _wide_cell_ids())]
        if result.error is not None:
            findings = [_refusal_tuple(result)]
        else:
            findings = [_finding_tuple(result, f) for f in result.findings]
        return data, findings

    def render(self, result: Result) -> Rendered:
        data_layout, findings_layout = self.layouts
        if self.options.shape == "long" and data_layout.kind == "csv" and result.error is None:
            data: Chunk = _long_csv(result)
            data_rows = len(result.cells)
            findings = [_finding_tuple(result, f) for f in result.findings]
        else:
            rows, findings = self.rows(result)
            data, data_rows = data_layout.render(rows), len(rows)
        return Rendered(
            self.layouts,
            data,
            data_rows,
            None if findings_layout is None else findings_layout.render(findings),
            len(findings) if findings_layout is not None else 0,
        )

    def __call__(self, result: Result) -> Result:
        return attrs.evolve(result, payload=self.render(result))


def _wide_cell_ids() -> tuple[str, ...]:
    return all_cell_ids()


# --- sinks: one file of rows in one format ---------------------------------------------------


class _Sink(Protocol):
    rows: int

    def write(self, chunk: Chunk, rows: int) -> None: ...

    def close(self) -> None: ...


class _TextSink:
    """CSV or JSON Lines: chunks are text, appended as they come."""

    def __init__(self, path: Path, layout: _FileLayout, bom: bool) -> None:
        encoding = "utf-8-sig" if bom and layout.kind == "csv" else "utf-8"
        # newline="" because csv writes its own line ends (and JSON Lines uses \n)
        self._file: IO[str] = path.open("w", encoding=encoding, newline="")
        if layout.kind == "csv":
            csv.writer(self._file).writerow(layout.header)
        self.rows = 0

    def write(self, chunk: Chunk, rows: int) -> None:
        assert isinstance(chunk, str)
        self._file.write(chunk)
        self.rows += rows

    def close(self) -> None:
        self._file.close()


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise WriteError(message("export.needs_pyarrow")) from exc
    return pyarrow


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    number = Decimal(value)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > DECIMAL_SCALE:
        # pyarrow would refuse the whole batch; say which value instead
        raise WriteError(message("export.parquet_scale", value=value, scale=DECIMAL_SCALE))
    return number


class _ParquetSink:
    def __init__(self, path: Path, layout: _FileLayout, group_rows: int) -> None:
        pa = _pyarrow()
        self._pa = pa
        types = {
            "str": pa.string(),
            "int": pa.int64(),
            "bool": pa.bool_(),
            "dec": pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
        }
        self._types = layout.types
        fields = [
            pa.field(name, types[t]) for name, t in zip(layout.header, layout.types, strict=True)
        ]
        self._schema = pa.schema(fields)
        self._writer = pa.parquet.ParquetWriter(str(path), self._schema)
        self._buffer: list[tuple[Any, ...]] = []
        self._group_rows = group_rows
        self.rows = 0

    def write(self, chunk: Chunk, rows: int) -> None:
        assert isinstance(chunk, list)
        self._buffer.extend(chunk)
        if len(self._buffer) >= self._group_rows:
            self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        columns = []
        for i, kind in enumerate(self._types):
            values = [row[i] for row in self._buffer]
            if kind == "dec":
                values = [_decimal(v) for v in values]
            columns.append(self._pa.array(values, type=self._schema.field(i).type))
        self._writer.write_table(self._pa.Table.from_arrays(columns, schema=self._schema))
        self.rows += len(self._buffer)
        self._buffer = []

    def close(self) -> None:
        try:
            self._flush()
        finally:
            self._writer.close()


#: What an export file is called until it is complete: ``out.csv.4711.partial`` (the
#: writing process's id in the middle) becomes ``out.csv`` when the exporter closes
#: normally, and stays as it is when the batch is interrupted or fails, so that a cut
#: file never passes for a whole one. The process id keeps two runs writing the same
#: output from renaming each other's file away; the last to finish wins, as before.
PARTIAL_SUFFIX = ".partial"


def partial_path(path: Path) -> Path:
    """Where this process writes the export to ``path`` until it is complete."""
    return path.with_name(f"{path.name}.{os.getpid()}{PARTIAL_SUFFIX}")


class _Staged:
    """A sink writing to the partial name, renamed to the real one once complete."""

    def __init__(self, path: Path, layout: _FileLayout, options: ExportOptions) -> None:
        if path.is_dir():
            # refused now, as opening it would be, not when the finished file is renamed
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        self.path = path
        self.partial = partial_path(path)
        self._sink: _Sink = (
            _ParquetSink(self.partial, layout, options.parquet_rows)
            if layout.kind == "parquet"
            else _TextSink(
                self.partial, layout, options.header == "zh" if options.bom is None else options.bom
            )
        )

    @property
    def rows(self) -> int:
        return self._sink.rows

    def write(self, chunk: Chunk, rows: int) -> None:
        self._sink.write(chunk, rows)

    def close(self, *, complete: bool = True) -> None:
        self._sink.close()
        if complete:
            try:
                os.replace(self.partial, self.path)
            except OSError as exc:
                text = message(
                    "export.cannot_rename",
                    partial=self.partial,
                    name=self.path.name,
                    reason=exc.strerror or exc,
                )
                raise WriteError(text) from exc

    def discard(self) -> None:
        with contextlib.suppress(Exception):
            self._sink.close()
        with contextlib.suppress(OSError):
            self.partial.unlink()


def _open_sink(path: Path, layout: _FileLayout, options: ExportOptions) -> _Staged:
    return _Staged(path, layout, options)


def findings_path_for(path: Path) -> Path:
    """Where the findings table of an export goes: ``out.csv`` -> ``out.findings.csv``."""
    return path.with_name(f"{path.stem}.findings{path.suffix}")


class Exporter:
    """Writes results, as they come, to one data file and (optionally) a findings file,
    or to one .xlsx workbook (govreport.workbook) that holds the findings as a sheet.

    >>> with Exporter(Path("out.csv"), ExportOptions(shape="wide")) as out:
    ...     for result in load_many(paths, options=BatchOptions(prepare=out.renderer())):
    ...         out.add(result)
    """

    def __init__(
        self, path: Path, options: ExportOptions | None = None, findings_path: Path | None = None
    ) -> None:
        self.options = options or ExportOptions()
        self.path = path
        self.findings_path = findings_path
        self._workbook: WorkbookWriter | None = None
        self._closed_rows: tuple[int, ...] = (0, 0)
        #: the files left with their partial names by an interrupted export
        self.partial: tuple[Path, ...] = ()
        self._data: _Staged | None = None
        self._findings: _Staged | None = None
        if path.suffix.lower() == ".xlsx":
            from govreport.workbook import WorkbookWriter

            self.findings_path = None  # the findings are the workbook's 发现 sheet
            self._workbook = WorkbookWriter(path, lang=self.options.lang)
            return
        findings_kind = None if findings_path is None else _kind_of(findings_path)
        self._renderer = Renderer(
            self.options, _layouts(self.options, _kind_of(path), findings_kind)
        )
        data_layout, findings_layout = self._renderer.layouts
        self._data = _open_sink(path, data_layout, self.options)
        try:
            if findings_path is not None and findings_layout is not None:
                self._findings = _open_sink(findings_path, findings_layout, self.options)
        except BaseException:
            self._data.discard()
            raise

    def renderer(self) -> Renderer | None:
        """The step that renders rows for this exporter, to run in the workers (None for
        a workbook, which is written from the results themselves)."""
        return None if self._workbook is not None else self._renderer

    @property
    def rows(self) -> int:
        """Data rows written so far (Parquet: flushed so far; a workbook: reports)."""
        if self._workbook is not None:
            return self._workbook.rows
        return self._data.rows if self._data else self._closed_rows[0]

    @property
    def finding_rows(self) -> int:
        if self._workbook is not None:
            return self._workbook.finding_rows
        return self._findings.rows if self._findings else self._closed_rows[1]

    def add(self, item: Exportable) -> None:
        """Write the rows of one result (or report), rendered in a worker if they were."""
        result = as_result(item)
        if self._workbook is not None:
            self._workbook.add(result)
            return
        if self._data is None:
            raise WriteError(message("export.closed"))
        rendered = result.payload
        if not (isinstance(rendered, Rendered) and rendered.layouts == self._renderer.layouts):
            rendered = self._renderer.render(result)
        self._data.write(rendered.data, rendered.data_rows)
        if self._findings is not None and rendered.findings is not None:
            self._findings.write(rendered.findings, rendered.finding_rows)

    def add_findings(
        self, source: str, agency: str, year: int, findings: Iterable[Finding]
    ) -> None:
        """Findings about a report learnt later (cross-year ones), for the findings file."""
        if self._workbook is not None:
            self._workbook.add_findings(source, agency, year, findings)
            return
        layout = self._renderer.layouts[1]
        if self._findings is not None and layout is not None:
            result = Result(0, source, metadata=None)
            rows = [(source, agency, year, *_finding_tuple(result, f)[3:]) for f in findings]
            self._findings.write(layout.render(rows), len(rows))

    def close(self, *, complete: bool = True) -> None:
        """Close the files. Complete, they take their real names; otherwise (an
        interrupted batch) they keep the ``.partial`` suffix, listed in :attr:`partial`."""
        if self._workbook is not None:
            if not complete:  # the workbook is written whole now: under the partial name
                self._workbook.path = partial_path(self.path)
                self.partial = (self._workbook.path,)
            self._workbook.close()
            return
        sinks, self._data, self._findings = (self._data, self._findings), None, None
        for sink in sinks:
            if sink is not None:
                sink.close(complete=complete)
        if not complete:
            self.partial = tuple(sink.partial for sink in sinks if sink is not None)
        self._closed_rows = tuple(sink.rows if sink else 0 for sink in sinks)

    def __enter__(self) -> Exporter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # a batch stopped by an error or Ctrl-C leaves files that say they are partial
        self.close(complete=kind is None)


def write(
    items: Iterable[Exportable],
    path: str | Path,
    options: ExportOptions | None = None,
    *,
    findings_path: str | Path | None = None,
) -> Exporter:
    """Write ``items`` (batch results or reports) to ``path`` (.csv, .jsonl or .parquet);
    returns the closed exporter, whose ``rows`` say how many rows were written."""
    exporter = Exporter(Path(path), options, Path(findings_path) if findings_path else None)
    with exporter:
        for item in items:
            exporter.add(item)
    return exporter


# --- pandas ------------------------------------------------------------------------------------


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise WriteError(message("export.needs_pandas")) from exc
    return pandas


def _frame(
    columns: Sequence[tuple[str, str]],
    types: Sequence[str],
    rows: list[tuple[Any, ...]],
    header: Header,
) -> pandas.DataFrame:
    pd = _pandas()
    data: dict[str, Any] = {}
    for i, ((key, zh), kind) in enumerate(zip(columns, types, strict=True)):
        values = [row[i] for row in rows]
        # The column's declared type, not its values, decides: the same column has the
        # same type in every batch. Counts are nullable Int64 (pandas would make floats
        # of ints with gaps); amounts keep exact Decimal objects.
        if kind == "int":
            data[zh if header == "zh" else key] = pd.array(values, dtype="Int64")
        elif kind == "bool":
            data[zh if header == "zh" else key] = pd.array(values, dtype="boolean")
        elif kind == "dec":
            data[zh if header == "zh" else key] = pd.Series(values, dtype=object)
        else:
            data[zh if header == "zh" else key] = pd.array(values, dtype="string")
    return cast("pandas.DataFrame", pd.DataFrame(data))


def to_dataframe(
    items: Iterable[Exportable], options: ExportOptions | None = None
) -> pandas.DataFrame:
    """The rows of ``items`` as a pandas DataFrame, in the shape and headers of ``options``.

    Integer columns are pandas' nullable ``Int64``; the value column of the long shape
    and the amount columns hold ``int``/``Decimal`` objects, exact (``pd.to_numeric``
    turns them into floats when exactness no longer matters).
    """
    options = options or ExportOptions()
    results = [as_result(item) for item in items]
    if options.shape == "long":
        rows = [row for result in results if result.ok for row in _long_tuples(result)]
        return _frame(LONG_COLUMNS, _LONG_TYPES, rows, options.header)
    rows = [_wide_tuple(r, all_cell_ids()) for r in results if r.ok]
    return _frame(wide_columns(), column_types("wide"), rows, options.header)


def findings_dataframe(items: Iterable[Exportable], header: Header = "id") -> pandas.DataFrame:
    """One row per finding (and per refused source) as a pandas DataFrame."""
    rows: list[tuple[Any, ...]] = []
    for item in items:
        result = as_result(item)
        if result.error is not None:
            rows.append(_refusal_tuple(result))
        else:
            rows.extend(_finding_tuple(result, f) for f in result.findings)
    return _frame(FINDING_COLUMNS, _FINDING_TYPES, rows, header)


__all__ = [
    "FINDING_COLUMNS",
    "FORMATS_BY_SUFFIX",
    "LONG_COLUMNS",
    "REFUSED",
    "ExportOptions",
    "Exporter",
    "Rendered",
    "Renderer",
    "finding_rows",
    "findings_dataframe",
    "findings_path_for",
    "long_rows",
    "to_dataframe",
    "wide_columns",
    "wide_row",
    "write",
]
