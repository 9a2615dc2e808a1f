"""Reports as rows for analysis: long and wide shapes, a findings table, CSV/JSONL/Parquet/pandas.

Long: one row per printed cell (source, body, year, template, cell ID, table, Chinese
row and column labels, value, whether a finding names the cell). Long rows are
lossless: a cell the document does not print has no row, a blank cell has an empty
value. Wide: one row per report, one column per canonical cell ID of either template;
an empty value there is blank or not printed. Findings: one row per finding, plus one
row (rule ``refused``) per source that could not be read, so nothing is lost silently.

Values are exact: ``int`` or ``Decimal`` (the digits as printed), never floats. CSV
writes them as printed; JSON Lines writes integers as numbers and decimals as strings
(as :meth:`govreport.Report.to_dict` does); Parquet uses ``decimal128(38, 10)``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol, cast

import attrs

from govreport.batch import Result
from govreport.errors import WriteError
from govreport.layout import all_cell_ids, cell_labels
from govreport.model import Finding, Report

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
    """The wide shape's columns: the report's metadata, then every canonical cell ID."""
    labels = cell_labels()
    cells = tuple(
        (cell_id, f"{_TABLE_NAMES[cell_id[:2]]} {labels[cell_id][0]} {labels[cell_id][1]}")
        for cell_id in all_cell_ids()
    )
    return (*_META_COLUMNS, ("findings", "发现数"), *cells)


@attrs.frozen
class ExportOptions:
    """What an export looks like."""

    shape: Shape = attrs.field(default="long", validator=attrs.validators.in_(("long", "wide")))
    #: column headers as English IDs (``"id"``) or Chinese labels (``"zh"``)
    header: Header = attrs.field(default="id", validator=attrs.validators.in_(("id", "zh")))
    #: start CSV files with a UTF-8 BOM, so that Excel on Chinese Windows reads them as UTF-8
    bom: bool = False
    #: rows buffered per Parquet row group
    parquet_rows: int = 65536


# --- rows -------------------------------------------------------------------------------------

Exportable = Result | Report


def _as_result(item: Exportable) -> Result:
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


def _long_tuples(result: Result) -> Iterator[tuple[Any, ...]]:
    meta = _meta(result)
    flagged = result.flagged_cells()
    labels = cell_labels()
    for cell_id, value in result.cells.items():
        row, column = labels.get(cell_id, ("", ""))
        yield (*meta, cell_id, cell_id[:2], row, column, value, cell_id in flagged)


def _wide_tuple(result: Result, cell_ids: Sequence[str]) -> tuple[Any, ...]:
    cells = result.cells
    return (*_meta(result), len(result.findings), *(cells.get(cell_id) for cell_id in cell_ids))


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


def long_rows(item: Exportable) -> Iterator[dict[str, Any]]:
    """One dictionary per printed cell of a report (English keys of :data:`LONG_COLUMNS`)."""
    keys = [key for key, _ in LONG_COLUMNS]
    for row in _long_tuples(_as_result(item)):
        yield dict(zip(keys, row, strict=True))


def wide_row(item: Exportable) -> dict[str, Any]:
    """One dictionary for a report: its metadata, then every canonical cell ID."""
    columns = wide_columns()
    cell_ids = [key for key, _ in columns[len(_META_COLUMNS) + 1 :]]
    values = _wide_tuple(_as_result(item), cell_ids)
    return dict(zip([key for key, _ in columns], values, strict=True))


def finding_rows(item: Exportable, extra: Iterable[Finding] = ()) -> Iterator[dict[str, Any]]:
    """One dictionary per finding of a report (and ``extra`` ones, such as cross-year
    findings), or one ``refused`` row for a source that was not read."""
    result = _as_result(item)
    keys = [key for key, _ in FINDING_COLUMNS]
    if result.error is not None:
        yield dict(zip(keys, _refusal_tuple(result), strict=True))
        return
    for finding in (*result.findings, *extra):
        yield dict(zip(keys, _finding_tuple(result, finding), strict=True))


# --- sinks: one file of rows in one format ---------------------------------------------------


class _Sink(Protocol):
    rows: int

    def write(self, rows: Iterable[Sequence[Any]]) -> None: ...

    def close(self) -> None: ...


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


class _CsvSink:
    def __init__(self, path: Path, header: Sequence[str], bom: bool) -> None:
        # newline="" because the csv module writes its own line ends
        self._file: IO[str] = path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="")
        self._writer = csv.writer(self._file)
        self._writer.writerow(header)
        self.rows = 0

    def write(self, rows: Iterable[Sequence[Any]]) -> None:
        batch = [[_text(v) for v in row] for row in rows]
        self._writer.writerows(batch)
        self.rows += len(batch)

    def close(self) -> None:
        self._file.close()


def _json_value(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


class _JsonlSink:
    def __init__(self, path: Path, keys: Sequence[str], skip_none_from: int | None = None) -> None:
        self._file: IO[str] = path.open("w", encoding="utf-8", newline="\n")
        self._keys = list(keys)
        # in the wide shape, a cell the report does not print is left out, not null
        self._skip_none_from = skip_none_from
        self.rows = 0

    def write(self, rows: Iterable[Sequence[Any]]) -> None:
        out = io.StringIO()
        for row in rows:
            pairs = zip(self._keys, row, strict=True)
            record = {
                k: _json_value(v)
                for i, (k, v) in enumerate(pairs)
                if self._skip_none_from is None or i < self._skip_none_from or v is not None
            }
            out.write(json.dumps(record, ensure_ascii=False))
            out.write("\n")
            self.rows += 1
        self._file.write(out.getvalue())

    def close(self) -> None:
        self._file.close()


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise WriteError("Parquet needs pyarrow: pip install 'govreport[parquet]'") from exc
    return pyarrow


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    number = Decimal(value)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > DECIMAL_SCALE:
        # pyarrow would refuse the whole batch; say which value instead
        raise WriteError(f"{value} has more than {DECIMAL_SCALE} decimal places for Parquet")
    return number


class _ParquetSink:
    def __init__(
        self, path: Path, header: Sequence[str], kinds: Sequence[str], group_rows: int
    ) -> None:
        pa = _pyarrow()
        self._pa = pa
        types = {
            "str": pa.string(),
            "int": pa.int64(),
            "bool": pa.bool_(),
            "dec": pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
        }
        self._kinds = list(kinds)
        self._schema = pa.schema(
            [pa.field(name, types[kind]) for name, kind in zip(header, kinds, strict=True)]
        )
        self._writer = pa.parquet.ParquetWriter(str(path), self._schema)
        self._buffer: list[Sequence[Any]] = []
        self._group_rows = group_rows
        self.rows = 0

    def write(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self._buffer.append(row)
        if len(self._buffer) >= self._group_rows:
            self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        columns = []
        for i, kind in enumerate(self._kinds):
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


_LONG_KINDS = ("str", "str", "int", "str", "str", "str", "str", "str", "str", "dec", "bool")
_FINDING_KINDS = ("str", "str", "int", "str", "str", "str", "str", "dec", "dec", "dec", "str")


def _open_sink(
    path: Path,
    columns: Sequence[tuple[str, str]],
    kinds: Sequence[str],
    options: ExportOptions,
    sparse_from: int | None,
) -> _Sink:
    header = [zh if options.header == "zh" else key for key, zh in columns]
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _CsvSink(path, header, options.bom)
    if suffix in (".jsonl", ".ndjson"):
        return _JsonlSink(path, header, sparse_from)
    if suffix in (".parquet", ".pq"):
        return _ParquetSink(path, header, kinds, options.parquet_rows)
    raise WriteError(f"cannot tell the format of {path.name}: use .csv, .jsonl or .parquet")


FORMATS_BY_SUFFIX = (".csv", ".jsonl", ".ndjson", ".parquet", ".pq")


def findings_path_for(path: Path) -> Path:
    """Where the findings table of an export goes: ``out.csv`` -> ``out.findings.csv``."""
    return path.with_name(f"{path.stem}.findings{path.suffix}")


class Exporter:
    """Writes results, as they come, to one data file and (optionally) a findings file.

    >>> with Exporter(Path("out.csv"), ExportOptions(shape="wide")) as out:
    ...     for result in load_many(paths):
    ...         out.add(result)
    """

    def __init__(
        self, path: Path, options: ExportOptions | None = None, findings_path: Path | None = None
    ) -> None:
        self.options = options or ExportOptions()
        self.path = path
        self.findings_path = findings_path
        self._data: _Sink | None = None
        self._findings: _Sink | None = None
        self._closed_rows: tuple[int, ...] = (0, 0)
        if self.options.shape == "long":
            self._data = _open_sink(path, LONG_COLUMNS, _LONG_KINDS, self.options, None)
            self._cell_ids: list[str] = []
        else:
            columns = wide_columns()
            meta = len(_META_COLUMNS) + 1
            self._cell_ids = [key for key, _ in columns[meta:]]
            kinds = ("str", "str", "int", "str", "str", "int", *("dec",) * len(self._cell_ids))
            self._data = _open_sink(path, columns, kinds, self.options, meta)
        try:
            if findings_path is not None:
                self._findings = _open_sink(
                    findings_path, FINDING_COLUMNS, _FINDING_KINDS, self.options, None
                )
        except BaseException:
            self._data.close()
            raise

    @property
    def rows(self) -> int:
        """Data rows written so far (Parquet: flushed so far)."""
        return self._data.rows if self._data else self._closed_rows[0]

    @property
    def finding_rows(self) -> int:
        return self._findings.rows if self._findings else self._closed_rows[1]

    def add(self, item: Exportable) -> None:
        result = _as_result(item)
        if self._data is None:
            raise WriteError("the exporter is closed")
        if result.error is None:
            if self.options.shape == "long":
                self._data.write(_long_tuples(result))
            else:
                self._data.write([_wide_tuple(result, self._cell_ids)])
        if self._findings is not None:
            if result.error is not None:
                self._findings.write([_refusal_tuple(result)])
            else:
                self._findings.write([_finding_tuple(result, f) for f in result.findings])

    def add_findings(
        self, source: str, agency: str, year: int, findings: Iterable[Finding]
    ) -> None:
        """Findings about a report learnt later (cross-year ones), for the findings file."""
        if self._findings is not None:
            result = Result(0, source, metadata=None)
            rows = [(source, agency, year, *_finding_tuple(result, f)[3:]) for f in findings]
            self._findings.write(rows)

    def close(self) -> None:
        sinks, self._data, self._findings = (self._data, self._findings), None, None
        for sink in sinks:
            if sink is not None:
                sink.close()
        self._closed_rows = tuple(sink.rows if sink else 0 for sink in sinks)

    def __enter__(self) -> Exporter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


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
        raise WriteError("a DataFrame needs pandas: pip install 'govreport[pandas]'") from exc
    return pandas


def _frame(
    columns: Sequence[tuple[str, str]], rows: list[tuple[Any, ...]], header: Header
) -> pandas.DataFrame:
    pd = _pandas()
    data: dict[str, Any] = {}
    for i, (key, zh) in enumerate(columns):
        values = [row[i] for row in rows]
        printed = [v for v in values if v is not None]
        # Counts become a nullable integer column (pandas would make floats of ints with
        # gaps); a column holding a Decimal keeps exact Python objects.
        if printed and all(isinstance(v, int) and not isinstance(v, bool) for v in printed):
            data[zh if header == "zh" else key] = pd.array(values, dtype="Int64")
        elif any(isinstance(v, Decimal) for v in printed):
            data[zh if header == "zh" else key] = pd.Series(values, dtype=object)
        else:
            data[zh if header == "zh" else key] = values
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
    results = [_as_result(item) for item in items]
    if options.shape == "long":
        rows = [row for result in results if result.ok for row in _long_tuples(result)]
        return _frame(LONG_COLUMNS, rows, options.header)
    columns = wide_columns()
    cell_ids = [key for key, _ in columns[len(_META_COLUMNS) + 1 :]]
    return _frame(columns, [_wide_tuple(r, cell_ids) for r in results if r.ok], options.header)


def findings_dataframe(items: Iterable[Exportable], header: Header = "id") -> pandas.DataFrame:
    """One row per finding (and per refused source) as a pandas DataFrame."""
    rows: list[tuple[Any, ...]] = []
    for item in items:
        result = _as_result(item)
        if result.error is not None:
            rows.append(_refusal_tuple(result))
        else:
            rows.extend(_finding_tuple(result, f) for f in result.findings)
    return _frame(FINDING_COLUMNS, rows, header)


__all__ = [
    "FINDING_COLUMNS",
    "FORMATS_BY_SUFFIX",
    "LONG_COLUMNS",
    "REFUSED",
    "ExportOptions",
    "Exporter",
    "finding_rows",
    "findings_dataframe",
    "findings_path_for",
    "long_rows",
    "to_dataframe",
    "wide_columns",
    "wide_row",
    "write",
]
