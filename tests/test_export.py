"""Exports: long and wide rows, the findings table, and each file format."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from expected import CORPUS, SEEDS, expected_cells
from govreport.batch import Result
from govreport.errors import NotAReportError, WriteError
from govreport.export import (
    FINDING_COLUMNS,
    LONG_COLUMNS,
    REFUSED,
    Exporter,
    ExportOptions,
    _long_csv,
    _long_tuples,
    finding_rows,
    findings_dataframe,
    findings_path_for,
    long_rows,
    to_dataframe,
    wide_columns,
    wide_row,
    write,
)
from govreport.indicators import INDICATOR_KEYS
from govreport.layout import all_cell_ids
from govreport.messages import use_language
from govreport.testing.strategies import reports
from strategies import examples, inject, plain_report

SEED_003 = SEEDS / "003_bb716c0dab2a4345.txt"  # 老城区人民政府 2024, fee 79.6954 万元
SEED_EXPECTED = SEEDS / "expected" / "003_bb716c0dab2a4345.json"


@pytest.fixture(scope="module")
def seed() -> govreport.Report:
    return govreport.load(SEED_003)


def _broken() -> tuple[govreport.Report, list[govreport.Finding]]:
    report = inject(
        plain_report(values={"t3.new.natural_person": 3, "t3.new.total": 3}), "t4.review.total", 2
    )
    return report, govreport.validate(report)


def _result(
    report: govreport.Report, findings: list[govreport.Finding], source: str = "x.txt"
) -> Result:
    return Result(0, source, report.metadata, report.cells(), tuple(findings), report)


def _refused() -> Result:
    return Result(1, "bad.txt", error=NotAReportError("not a report"))


def test_long_rows_are_the_printed_cells_with_chinese_labels(seed: govreport.Report) -> None:
    rows = list(long_rows(seed))
    assert len(rows) == 200
    assert {r["cell"]: r["value"] for r in rows} == expected_cells(SEED_EXPECTED)
    fee = next(r for r in rows if r["cell"] == "t2.fees.amount")
    assert fee["value"] == Decimal("79.6954") and fee["table"] == "t2"
    assert fee["row_label"] == "第二十条第（八）项 行政事业性收费"
    assert fee["column_label"] == "本年收费金额（单位：万元）"
    new = next(r for r in rows if r["cell"] == "t3.new.natural_person")
    assert (new["agency"], new["year"], new["template"], new["value"]) == (
        "老城区人民政府",
        2024,
        "2021",
        545,
    )
    assert list(new) == [key for key, _ in LONG_COLUMNS]


def test_flagged_is_exactly_the_cells_findings_name() -> None:
    report, findings = _broken()
    named = {cell for f in findings for cell in f.cells}
    assert "t4.review.total" in named and "t3.new.total" in named
    rows = list(long_rows(_result(report, findings)))
    assert {r["cell"] for r in rows if r["flagged"]} == named


def test_wide_row_has_every_cell_id_and_blank_for_unprinted(seed: govreport.Report) -> None:
    row = wide_row(seed)
    cells = len(all_cell_ids())
    assert list(row)[6 : 6 + cells] == list(all_cell_ids())
    assert list(row)[6 + cells :] == list(INDICATOR_KEYS)
    # 老城区人民政府 2024: 予以公开 80 of 办结 557 = 0.14363 -> 0.1436
    assert row["disclosure_rate"] == Decimal("0.1436")
    assert row["t3.new.natural_person"] == 545 and row["t2.fees.amount"] == Decimal("79.6954")
    assert row["t2.procurement.amount"] is None  # a 2019 cell, not in this 2021 report
    assert row["findings"] == len(seed.findings)


def test_headers_are_unique_in_english_and_chinese() -> None:
    for columns in (LONG_COLUMNS, FINDING_COLUMNS, wide_columns()):
        assert len({key for key, _ in columns}) == len(columns)
        assert len({zh for _, zh in columns}) == len(columns)
    zh = dict(wide_columns())
    assert (
        zh["t3.withheld.third_party.natural_person"]
        == "表三 （三）不予公开 4.保护第三方合法权益 自然人"
    )


def test_finding_rows_and_refusals() -> None:
    report, findings = _broken()
    rows = list(finding_rows(_result(report, findings)))
    assert len(rows) == len(findings)
    r4 = next(r for r in rows if r["rule"] == "R4")
    assert (r4["left"], r4["right"], r4["difference"]) == (2, 0, 2)
    assert "t4.review.total" in r4["cells"].split()
    (refusal,) = finding_rows(_refused())
    assert refusal["rule"] == REFUSED and refusal["message"] == "NotAReportError: not a report"


def test_csv_long_with_bom_and_chinese_headers(seed: govreport.Report, tmp_path: Path) -> None:
    out = tmp_path / "long.csv"
    exporter = write(
        [seed, _refused()],
        out,
        ExportOptions(header="zh", bom=True),
        findings_path=findings_path_for(out),
    )
    assert exporter.rows == 200 and exporter.finding_rows == len(seed.findings) + 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [zh for _, zh in LONG_COLUMNS]
    fee = next(r for r in rows if r["单元格"] == "t2.fees.amount")
    assert fee["数值"] == "79.6954" and fee["有发现"] == "False"
    assert (tmp_path / "long.findings.csv").exists()


def test_csv_wide_round_trips_values(seed: govreport.Report, tmp_path: Path) -> None:
    out = tmp_path / "wide.csv"
    write([seed], out, ExportOptions(shape="wide"))
    with out.open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    printed = {k: (None if v == "" else Decimal(v)) for k, v in row.items() if k.startswith("t")}
    for cell, value in seed.cells().items():
        assert printed[cell] == (None if value is None else Decimal(value))
    assert row["t2.procurement.amount"] == ""


def test_jsonl_keeps_decimals_as_strings_and_omits_unprinted(
    seed: govreport.Report, tmp_path: Path
) -> None:
    out = tmp_path / "wide.jsonl"
    write([seed], out, ExportOptions(shape="wide"))
    (line,) = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["t2.fees.amount"] == "79.6954" and record["t3.new.natural_person"] == 545
    assert "t2.procurement.amount" not in record  # not printed: absent, not null
    long_out = tmp_path / "long.jsonl"
    write([seed], long_out)
    lines = [json.loads(x) for x in long_out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 200 and lines[0]["agency"] == "老城区人民政府"


def test_parquet_long_and_wide_are_exact(seed: govreport.Report, tmp_path: Path) -> None:
    pq = pytest.importorskip(
        "pyarrow.parquet", reason="the parquet extra (govreport[parquet]) is not installed"
    )
    write([seed, _refused()], tmp_path / "long.parquet", findings_path=tmp_path / "f.parquet")
    table = pq.read_table(tmp_path / "long.parquet")
    assert table.num_rows == 200 and table.column_names == [key for key, _ in LONG_COLUMNS]
    values = dict(
        zip(table.column("cell").to_pylist(), table.column("value").to_pylist(), strict=True)
    )
    assert values["t2.fees.amount"] == Decimal("79.6954") and values["t3.new.natural_person"] == 545
    findings = pq.read_table(tmp_path / "f.parquet")
    assert findings.column("rule").to_pylist()[-1] == REFUSED
    write([seed], tmp_path / "wide.parquet", ExportOptions(shape="wide", header="zh"))
    wide = pq.read_table(tmp_path / "wide.parquet")
    assert wide.num_rows == 1 and wide.column_names[0] == "来源文件"


def test_parquet_refuses_a_value_it_cannot_hold_exactly(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow", reason="the parquet extra (govreport[parquet]) is not installed")
    report = plain_report(values={"t2.fees.amount": Decimal("1.00000000001")})
    with use_language("en"), pytest.raises(WriteError, match="decimal places"):
        write([report], tmp_path / "x.parquet")
    with pytest.raises(WriteError, match=r"1\.00000000001 的小数位多于 Parquet 允许的"):
        write([report], tmp_path / "x.parquet")


def test_unknown_extension_is_refused(tmp_path: Path) -> None:
    with use_language("en"), pytest.raises(WriteError) as en:
        Exporter(tmp_path / "out.ods")
    assert str(en.value) == "cannot tell the format of out.ods: use .csv, .jsonl, .parquet or .xlsx"
    with pytest.raises(WriteError) as zh:
        Exporter(tmp_path / "out.ods")
    assert str(zh.value) == "无法判断 out.ods 的格式：请用 .csv、.jsonl、.parquet 或 .xlsx"


def test_dataframes(seed: govreport.Report) -> None:
    pytest.importorskip("pandas", reason="the pandas extra (govreport[pandas]) is not installed")
    long = to_dataframe([seed])
    assert len(long) == 200 and str(long["year"].dtype) == "Int64"
    wide = to_dataframe([seed, _refused()], ExportOptions(shape="wide", header="id"))
    assert len(wide) == 1
    assert (
        str(wide["t3.new.natural_person"].dtype) == "Int64"
        and wide["t3.new.natural_person"][0] == 545
    )
    assert wide["t2.fees.amount"][0] == Decimal("79.6954")  # exact, not a float
    report, findings = _broken()
    table = findings_dataframe([_result(report, findings), _refused()], header="zh")
    assert (
        list(table.columns) == [zh for _, zh in FINDING_COLUMNS] and len(table) == len(findings) + 1
    )


def test_a_column_has_one_type_in_every_format(seed: govreport.Report, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="govreport[parquet] is not installed")
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (the test extra) is not installed")
    pytest.importorskip("pandas", reason="govreport[pandas] is not installed")
    wide = ExportOptions(shape="wide")
    # a report whose counts are all blank must not turn the count columns into something else
    blank = plain_report(values={"t3.new.natural_person": None, "t2.fees.amount": None})
    items = [seed, blank]
    for suffix in ("csv", "jsonl", "parquet", "xlsx"):
        write(items, tmp_path / f"wide.{suffix}", wide)
    count, amount = "t3.new.natural_person", "t2.fees.amount"

    with (tmp_path / "wide.csv").open(encoding="utf-8", newline="") as handle:
        csv_row = next(csv.DictReader(handle))
    assert (csv_row["year"], csv_row[count], csv_row[amount]) == ("2024", "545", "79.6954")

    record = json.loads((tmp_path / "wide.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert (record["year"], record[count], record[amount]) == (2024, 545, "79.6954")
    assert record["template"] == "2021" and record["disclosure_rate"] == "0.1436"

    schema = pq.read_table(tmp_path / "wide.parquet").schema
    assert str(schema.field("year").type) == "int64" and str(schema.field(count).type) == "int64"
    assert str(schema.field(amount).type) == "decimal128(38, 10)"
    assert str(schema.field("template").type) == "string"
    assert str(schema.field("disclosure_rate").type) == "decimal128(38, 10)"

    frame = to_dataframe(items, wide)
    assert str(frame["year"].dtype) == "Int64" and str(frame[count].dtype) == "Int64"
    assert frame[amount][0] == Decimal("79.6954") and frame[amount].dtype == object
    assert frame["template"][0] == "2021" and frame["disclosure_rate"][0] == Decimal("0.1436")
    only_blank = to_dataframe([blank], wide)  # the type follows the column, not the values
    assert str(only_blank[count].dtype) == "Int64" and only_blank[amount].dtype == object

    sheet = openpyxl.load_workbook(tmp_path / "wide.xlsx")["表三"]
    assert type(sheet["C3"].value) is int and sheet["C3"].value == 2024
    assert type(sheet["D3"].value) is int and sheet["D3"].value == 545  # 本年新收 自然人
    assert sheet["D4"].value is None  # blank in the second report


def test_batch_output_is_in_input_order_whatever_the_jobs(tmp_path: Path) -> None:
    from govreport.cli import main

    files = [str(p) for p in sorted(SEEDS.glob("*.txt"), reverse=True)]
    orders = []
    for jobs in ("0", "2"):
        out = tmp_path / f"j{jobs}.csv"
        args = ["batch", *files, "-o", str(out), "-j", jobs, "--shape", "wide", "--no-progress"]
        assert main(args) == 0
        with out.open(encoding="utf-8", newline="") as handle:
            orders.append([row["source"] for row in csv.DictReader(handle)])
    assert orders[0] == orders[1] == files


def test_bom_only_for_chinese_headers_unless_asked(seed: govreport.Report, tmp_path: Path) -> None:
    bom = b"\xef\xbb\xbf"
    write([seed], tmp_path / "zh.csv", ExportOptions(header="zh"))
    write([seed], tmp_path / "id.csv", ExportOptions(header="id"))
    write([seed], tmp_path / "no.csv", ExportOptions(header="zh", bom=False))
    write([seed], tmp_path / "yes.csv", ExportOptions(header="id", bom=True))
    starts = {
        name: (tmp_path / f"{name}.csv").read_bytes().startswith(bom)
        for name in ("zh", "id", "no", "yes")
    }
    assert starts == {"zh": True, "id": False, "no": False, "yes": True}
def test_long_rows_say_which_none_is_blank_and_which_was_not_read() -> None:
    crawled = govreport.load(CORPUS / "pingtan_gov_2023_page.txt")
    states = {r["cell"]: r["state"] for r in long_rows(crawled)}
    assert Counter(states.values()) == {"value": 162, "unread": 38}
    assert states["t3.granted.total"] == "unread"  # run-together digits (S3)
    assert states["t3.carried_over.total"] == "value"
    shanghai = govreport.load(CORPUS / "shanghai_gov_office_2019_fragment.html")
    rows = {r["cell"]: r for r in long_rows(shanghai)}
    assert Counter(r["state"] for r in rows.values()) == {"blank": 135, "value": 63}
    assert (rows["t3.new.research"]["value"], rows["t3.new.research"]["state"]) == (None, "blank")


@given(
    report=reports(rich_prose=False),
    source=st.text(st.sampled_from('ab,"\r\n\x00 表'), max_size=8),
    agency=st.none() | st.text(st.sampled_from('ab,"\r\n 局'), max_size=8),
    data=st.data(),
)
@settings(max_examples=examples(0.3))
def test_long_csv_is_what_csv_writer_makes_of_the_long_rows(
    report: govreport.Report, source: str, agency: str | None, data: st.DataObject
) -> None:
    # the batch workers' renderer writes the long shape's CSV itself (the shared fields
    # once a report, each cell's labels once a process): it must be csv.writer's text,
    # quoting included, for any source, body, values, blanks, unread and flagged cells
    report = attrs.evolve(report, metadata=attrs.evolve(report.metadata, agency=agency))
    ids = sorted(report.cells())
    named = data.draw(st.lists(st.sampled_from(ids), max_size=5), label="flagged")
    unread = data.draw(st.lists(st.sampled_from(ids), max_size=5), label="unread")
    findings = [
        govreport.Finding("R1", govreport.Severity.ERROR, "x", cells=tuple(named)),
        govreport.Finding("S3", govreport.Severity.WARNING, "y", cells=tuple(unread)),
    ]
    cells = {**report.cells(), **dict.fromkeys(unread)}
    result = Result(0, source, report.metadata, cells, tuple(findings), report)
    expected = io.StringIO()
    csv.writer(expected).writerows(_long_tuples(result))
    assert _long_csv(result) == expected.getvalue()


def test_long_csv_of_a_value_of_another_type_is_csv_writers_too() -> None:
    report = plain_report(values={"t3.new.total": 3})
    cells = {**report.cells(), "t3.new.total": 3.5, "t9.unknown.cell": "a,b"}
    result = Result(0, "x.txt", report.metadata, cells, (), report)
    expected = io.StringIO()
    csv.writer(expected).writerows(_long_tuples(result))
    assert _long_csv(result) == expected.getvalue()
    assert ",3.5,value," in _long_csv(result) and '"a,b"' in _long_csv(result)
