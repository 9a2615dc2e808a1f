"""The writers: what each format's output looks like, and dumps/dump around them."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import ClassVar

import pdfplumber
import pytest
from hypothesis import given, settings
from lxml import html as lxml_html

import govreport
from expected import SEEDS
from govreport import Report, Section
from govreport.formats.json import check
from govreport.layout import SECTIONS, TABLE3_SPLIT_OTHER
from govreport.messages import use_language
from govreport.plugins import Registry, set_registry
from govreport.source import Source
from govreport.writers.grid import BLANK, format_value, normalize_prose
from govreport.writers.json import report_schema, schema_text
from govreport.writers.markdown import escape
from govreport.writers.text import write_text
from strategies import examples, plain_report, reports

SEED_003 = SEEDS / "003_bb716c0dab2a4345.txt"
SCHEMA = Path(__file__).parent.parent / "docs" / "report.schema.json"
OFFICIAL_HEADINGS = [f"{s.numeral}、{s.heading}" for s in SECTIONS]


@pytest.fixture(scope="module")
def seed() -> Report:
    return govreport.load(SEED_003)


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


# --- the official template in every format --------------------------------------------------


def test_text_output_looks_like_the_seed(seed: Report) -> None:
    text = write_text(seed)
    lines = text.splitlines()
    assert lines[0] == "# 老城区人民政府 2024 年政府信息公开工作年度报告"
    assert "行政规范性文件\t9\t7\t12" in lines
    assert "行政事业性收费\t79.6954\t\t" in lines
    assert "\t\t4.保护第三方合法权益\t94\t0\t0\t0\t0\t0\t94" in lines
    assert "三、本年度办理结果\t（一）予以公开\t\t80\t0\t0\t0\t0\t0\t80" in lines
    assert "8\t4\t12\t0\t24\t0\t0\t0\t0\t0\t2\t0\t1\t1\t4" in lines

    def number_rows(text: str) -> list[tuple[str, ...]]:
        rows = (tuple(c for c in line.split("\t") if c.strip().isdigit()) for line in text.splitlines())
        return [row for row in rows if len(row) >= 7]

    # The same rows of numbers as the seed, in the same order.
    assert number_rows(text) == number_rows(SEED_003.read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "pdf"])
@pytest.mark.parametrize("template", ["2019", "2021"])
def test_six_headings_in_order_and_official_labels(fmt: str, template: str) -> None:
    data = govreport.dumps(plain_report(template), fmt)
    text = pdf_text(data) if fmt == "pdf" else data.decode("utf-8")
    flat = "".join(text.split())
    positions = [flat.find(heading) for heading in OFFICIAL_HEADINGS]
    assert -1 not in positions and positions == sorted(positions)
    for label in ("第二十条第（一）项", "申请人情况", "法人或其他组织", "（七）总计", "未经复议直接起诉", "复议后起诉"):
        assert label in flat, label
    documents = "本年新制作数量" if template == "2019" else "本年制发件数"
    assert documents in flat


def test_missing_section_gets_the_official_heading() -> None:
    report = plain_report()
    report = Report(
        report.metadata, report.sections[:2], report.table2, report.table3, report.table4
    )
    assert "## 五、存在的主要问题及改进情况" in write_text(report)


def test_blank_cells_are_printed_as_the_blank_mark() -> None:
    report = plain_report(values={"t3.new.commercial": None, "t4.review.total": None})
    text = write_text(report)
    assert format_value(None) == BLANK == "/"
    assert "一、本年新收政府信息公开申请数量\t\t\t0\t/\t0" in text
    loaded = govreport.load(text.encode("utf-8"), format="text")
    assert loaded.cells()["t3.new.commercial"] is None
    assert loaded.cells()["t4.review.total"] is None


def test_decimals_keep_their_digits_and_never_use_exponents() -> None:
    assert format_value(Decimal("79.6954")) == "79.6954"
    assert format_value(Decimal("1E+2")) == "100"
    assert format_value(Decimal("0E-7")) == "0.0000000"
    assert format_value(-12) == "-12"


def test_html_has_real_spans_and_css(seed: Report) -> None:
    page = govreport.dumps(seed, "html").decode("utf-8")
    tree = lxml_html.fromstring(page)
    assert tree.findtext(".//title") == seed.title
    assert "border-collapse" in (tree.findtext(".//style") or "")
    t3 = tree.find(".//table[@class='t3']")
    assert t3 is not None

    def span(text: str) -> tuple[str | None, str | None]:
        cell = next(c for c in t3.iter("td", "th") if c.text_content() == text)
        return cell.get("rowspan"), cell.get("colspan")

    outcome_rows = sum(1 for r in TABLE3_SPLIT_OTHER.rows if r.group is not None)
    assert span("三、本年度办理结果") == (str(outcome_rows), None)
    assert span("（三）不予公开") == ("8", None)
    assert span("（七）总计") == (None, "2")
    assert span("申请人情况") == (None, "7")
    assert span("一、本年新收政府信息公开申请数量") == (None, "3")
    t4 = tree.find(".//table[@class='t4']")
    assert t4 is not None
    assert [c.get("colspan") for c in t4.iter("th") if c.text_content() == "行政诉讼"] == ["10"]
    assert [h.text_content() for h in tree.iter("h2")] == [s.heading for s in seed.sections]


def test_html_escapes_prose() -> None:
    report = plain_report()
    sections = (Section(1, "一、总体情况", "a<b>&amp;</b> 与 <script>x</script>"), *report.sections[1:])
    report = Report(report.metadata, sections, report.table2, report.table3, report.table4)
    page = govreport.dumps(report, "html").decode("utf-8")
    assert "<script>x" not in page
    loaded = govreport.load(page.encode("utf-8"), format="html")
    assert loaded.sections[0].text == "a<b>&amp;</b> 与 <script>x</script>"


@pytest.mark.parametrize(
    "line",
    ["**不是粗体**", "a_b_c", "- 不是列表", "+ 也不是", "# 不是标题", "x | y", "`代码`", "[链接](x)", "<b>标签</b>",
     "&amp; 与 &lt;", "反斜杠 \\ 和 \\*", "===", "~~删除~~", "1. 第一点"],
)  # fmt: skip
def test_markdown_escapes_read_back_literally(line: str) -> None:
    report = plain_report()
    sections = (Section(1, "一、总体情况", f"前文。\n{line}"), *report.sections[1:])
    report = Report(report.metadata, sections, report.table2, report.table3, report.table4)
    loaded = govreport.load(govreport.dumps(report, "markdown"), format="markdown")
    assert loaded.sections[0].text == f"前文。\n{line}"
    assert escape("-x") == "\\-x"


def test_pdf_uses_the_cid_font_rules_its_tables_and_extracts(seed: Report) -> None:
    data = govreport.dumps(seed, "pdf")
    assert b"/STSong-Light" in data and b"/UniGB-UCS2-H" in data
    assert b"/FontFile" not in data  # nothing embedded: the viewer supplies the face
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.metadata.get("Title") == seed.title
        assert sum(len(page.lines) + len(page.rects) for page in pdf.pages) > 100
        text = "".join("".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert "老城区人民政府2024年政府信息公开工作年度报告" in text
    assert "本单位2024年度未收取政府信息公开信息处理费。" in text


def test_pdf_is_deterministic(seed: Report) -> None:
    assert govreport.dumps(seed, "pdf") == govreport.dumps(seed, "pdf")


# --- JSON and its schema --------------------------------------------------------------------


def test_json_is_to_dict(seed: Report) -> None:
    assert json.loads(govreport.dumps(seed, "json")) == json.loads(json.dumps(seed.to_dict()))


def test_published_schema_is_the_generated_one() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "docs/report.schema.json is stale: python -m govreport.writers.json docs/report.schema.json"
    )


def test_schema_main_writes_the_file(tmp_path: Path) -> None:
    from govreport.writers.json import main

    assert main([str(tmp_path / "s.json")]) == 0
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == schema_text()
    assert main([]) == 2


@settings(max_examples=examples(0.5))
@given(report=reports())
def test_every_report_dict_fits_the_schema(report: Report) -> None:
    with_findings = Report(
        report.metadata, report.sections, report.table2, report.table3, report.table4,
        tuple(govreport.validate(report)),
    )  # fmt: skip
    assert list(check(with_findings.to_dict(), report_schema())) == []


def test_seed_dict_with_locations_fits_the_schema(seed: Report) -> None:
    assert list(check(seed.to_dict(), report_schema())) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["tables"]["t3"]["cells"][0].update(value=1.5), r"\$\.tables\.t3\.cells\[0\]\.value"),
        (lambda d: d["metadata"].pop("year"), r"'year' is missing"),
        (lambda d: d["sections"][0].update(number=9), r"sections\[0\]\.number"),
        (lambda d: d["metadata"].update(template="2018"), r"template"),
        (lambda d: d["tables"]["t2"]["cells"][0].update(value=True), r"cells\[0\]\.value"),
        (lambda d: d.update(extra=1), r"unexpected key 'extra'"),
        (lambda d: d["findings"].append({"rule": "R1"}), r"findings\[0\]"),
        (lambda d: d["tables"]["t2"]["cells"][0].update(value="1e5x"), r"does not match|none of"),
    ],
)
def test_malformed_json_gives_a_parse_error_naming_the_field(change, message: str) -> None:  # type: ignore[no-untyped-def]
    data = plain_report().to_dict()
    change(data)
    with pytest.raises(govreport.ParseError, match=message):
        govreport.load(json.dumps(data).encode("utf-8"), format="json")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"schema_version": 2, "metadata": {}}', "schema_version 2"),
        (b"[1, 2]", "JSON object, not list"),
        (b'{"schema_version": 1, ', "invalid JSON"),
        (b"[" * 100_000, "nested too deeply|invalid JSON"),
    ],
)
def test_broken_json_is_refused(data: bytes, message: str) -> None:
    with use_language("en"), pytest.raises(govreport.ParseError, match=message):
        govreport.load(data, format="json")


def test_json_is_recognised_without_a_name(seed: Report) -> None:
    loaded = govreport.load(govreport.dumps(seed, "json"))
    assert loaded == seed  # the source name and reading findings come back too
    assert loaded.metadata.format == "text"


def test_json_read_document_goes_through_the_builder(seed: Report) -> None:
    document = govreport.read_document(govreport.dumps(seed, "json"), format="json")
    built = govreport.build(document)
    assert built.cells() == seed.cells()
    assert [normalize_prose(s.text) for s in built.sections] == [normalize_prose(s.text) for s in seed.sections]


# --- dumps and dump -------------------------------------------------------------------------


def test_dump_picks_the_format_from_the_extension(seed: Report, tmp_path: Path) -> None:
    for name, fmt in (("r.txt", "text"), ("r.md", "markdown"), ("r.html", "html"), ("r.json", "json")):
        govreport.dump(seed, tmp_path / name)
        assert (tmp_path / name).read_bytes() == govreport.dumps(seed, fmt)
        assert govreport.load(tmp_path / name).cells() == seed.cells()
    govreport.dump(seed, tmp_path / "report.data", format="json")
    assert govreport.load(tmp_path / "report.data", format="json") == seed


def test_dump_refuses_what_it_cannot_write(seed: Report, tmp_path: Path) -> None:
    with pytest.raises(govreport.UnsupportedFormatError, match=r"\.xyz"):
        govreport.dump(seed, tmp_path / "r.xyz")
    with pytest.raises(govreport.WriteError, match="无法写入"):
        govreport.dump(seed, tmp_path, format="text")  # a folder, not a file
    with use_language("en"), pytest.raises(govreport.WriteError, match="cannot write"):
        govreport.dump(seed, tmp_path, format="text")
    with pytest.raises(govreport.UnsupportedFormatError, match="nope"):
        govreport.dumps(seed, "nope")


class ShoutingFormat:
    """A third-party format: text in upper case, through the same entry point."""

    name: ClassVar[str] = "shouting"
    extensions: ClassVar[tuple[str, ...]] = ("shout",)
    media_types: ClassVar[tuple[str, ...]] = ()
    interface_version: ClassVar[int] = 1
    priority: ClassVar[int] = 0

    def sniff(self, head: bytes) -> bool:
        return False

    def read(self, source: Source) -> govreport.Document:
        raise govreport.ParseError("write-only")

    def write(self, report: Report) -> bytes:
        return write_text(report).upper().encode("utf-8")


class ReadOnlyFormat(ShoutingFormat):
    name: ClassVar[str] = "readonly"
    extensions: ClassVar[tuple[str, ...]] = ("ro",)
    write = None  # type: ignore[assignment]


class BrokenWriterFormat(ShoutingFormat):
    name: ClassVar[str] = "broken"
    extensions: ClassVar[tuple[str, ...]] = ("broken",)

    def write(self, report: Report) -> bytes:
        raise ZeroDivisionError("oops")


class WrongTypeFormat(ShoutingFormat):
    name: ClassVar[str] = "wrongtype"
    extensions: ClassVar[tuple[str, ...]] = ("wrong",)

    def write(self, report: Report) -> bytes:
        return "not bytes"  # type: ignore[return-value]


@pytest.fixture
def third_party() -> Iterator[None]:
    eps = [
        metadata.EntryPoint(name, f"test_writers:{cls}", "govreport.formats")
        for name, cls in (
            ("text", "ShoutingFormat"),
            ("readonly", "ReadOnlyFormat"),
            ("broken", "BrokenWriterFormat"),
            ("wrongtype", "WrongTypeFormat"),
        )
    ]
    set_registry(Registry(eps))
    yield
    set_registry(None)


def test_a_third_party_plugin_writes_through_the_same_call(third_party: None, tmp_path: Path) -> None:
    report = plain_report()
    assert govreport.dumps(report, "shouting") == write_text(report).upper().encode("utf-8")
    govreport.dump(report, tmp_path / "r.shout")
    assert (tmp_path / "r.shout").read_bytes() == write_text(report).upper().encode("utf-8")


def test_writer_failures_are_our_errors(third_party: None) -> None:
    report = plain_report()
    with pytest.raises(govreport.WriteError, match="只能读取报告，不能写出"):
        govreport.dumps(report, "readonly")
    with use_language("en"), pytest.raises(govreport.WriteError, match="cannot write them"):
        govreport.dumps(report, "readonly")
    with pytest.raises(govreport.WriteError, match="ZeroDivisionError"):
        govreport.dumps(report, "broken")
    with use_language("en"), pytest.raises(govreport.PluginError, match="not bytes"):
        govreport.dumps(report, "wrongtype")
