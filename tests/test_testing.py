"""The conformance kit (govreport.testing): the built-in formats pass it, and sample
plugins that break the contract fail it with messages that say what is wrong."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import given

import govreport
from govreport import Report, Severity
from govreport.document import Document
from govreport.formats.text import TextFormat, parse_text
from govreport.model import Table
from govreport.plugins import registry
from govreport.source import Source
from govreport.testing import (
    ConformanceError,
    FormatConformance,
    KitOptions,
    check_metadata,
    check_plugin,
    check_read,
    check_registration,
    check_round_trip,
    check_sniff,
)
from govreport.testing.strategies import reports

DATA = Path(__file__).parent / "data"
SEED = DATA / "seeds" / "003_bb716c0dab2a4345.txt"
QUICK = KitOptions(round_trip_examples=8, junk_examples=30)


def json_sample() -> bytes:
    return govreport.dumps(govreport.load(SEED), "json")


# (format, samples, options): PDF reading and writing take about a second each.
BUILT_IN: tuple[tuple[str, Any, KitOptions], ...] = (
    ("text", [SEED], QUICK),
    ("markdown", [DATA / "corpus" / "shanghai_stcsm_kewei_2024_pdf2md.md"], QUICK),
    ("html", [DATA / "corpus" / "pingtan_2023_page.html"], QUICK),
    ("json", [json_sample], QUICK),
    (
        "pdf",
        [DATA / "corpus" / "huaian_hongzequ_gov_2023.pdf"],
        KitOptions(round_trip_examples=3, junk_examples=10),
    ),
)


def installed(name: str) -> bool:
    return any(info.name == name and not info.error for info in govreport.formats())


@pytest.mark.parametrize(("name", "samples", "options"), BUILT_IN, ids=[b[0] for b in BUILT_IN])
def test_built_in_formats_pass_the_kit(name: str, samples: list[Any], options: KitOptions) -> None:
    if not installed(name):
        pytest.skip(f"the {name} format is not installed")
    plugin = registry().get(name)
    check_plugin(plugin, samples=[s() if callable(s) else s for s in samples], options=options)


class TestKitAsABaseClass(FormatConformance):
    """The base-class form a plugin author subclasses, on the text format."""

    plugin = TextFormat
    samples = (SEED,)
    options = QUICK


# --- sample plugins that break the contract -----------------------------------------------


class Base:
    """A small text-based plugin that keeps every rule, to break one rule at a time."""

    name: ClassVar[str] = "sample"
    extensions: ClassVar[tuple[str, ...]] = ("smp",)
    media_types: ClassVar[tuple[str, ...]] = ("text/x-sample",)
    interface_version: ClassVar[int] = 1
    priority: ClassVar[int] = 0

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"SMP")

    def read(self, source: Source) -> Document:
        if not source.data.startswith(b"SMP"):
            raise govreport.ParseError("not a sample file", where=source.name)
        return parse_text(source.data[3:].decode("utf-8", errors="replace"))


SAMPLE = b"SMP" + SEED.read_bytes()


def problems_of(check: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(ConformanceError) as caught:
        check(*args, **kwargs)
    assert isinstance(caught.value, AssertionError)  # pytest shows it as a failed test
    return str(caught.value)


def test_a_plugin_that_keeps_the_rules_passes() -> None:
    check_plugin(Base, samples=[SAMPLE], registered=False, options=QUICK)


class ConsumingSniff(Base):
    """Strips the magic it has checked from the buffer it was given."""

    def sniff(self, head: bytes) -> bool:
        found = head.startswith(b"SMP")
        if found and isinstance(head, bytearray):
            del head[:3]
        return found


def test_a_sniff_that_changes_its_input_fails() -> None:
    message = problems_of(check_sniff, ConsumingSniff, [SAMPLE])
    assert "format plugin 'sample' fails the govreport conformance kit" in message
    assert "[sniff] sniff moved or changed the bytes it was given on sample 1" in message
    assert "sniff must leave its input as it found it" in message


class StreamSniff(Base):
    """Keeps a read position, as a sniff over a shared stream would: it moves on."""

    def __init__(self) -> None:
        self.position = 0

    def sniff(self, head: bytes) -> bool:
        found = head[self.position :].startswith(b"SMP")
        self.position += 3
        return found


def test_a_sniff_that_moves_a_position_fails() -> None:
    message = problems_of(check_sniff, StreamSniff, [SAMPLE])
    assert "sniff changed the plugin's own state (position) on sample 1" in message
    assert "(and on 5 more inputs)" in message
    assert "sniff answered True and then False on the same sample 1" in message
    assert "sniff does not recognise sample 1" in message


class LeakyRead(Base):
    """Lets the decoder's exception out instead of govreport's ParseError."""

    def read(self, source: Source) -> Document:
        return parse_text(source.data.decode("utf-8"))

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"SMP")


def test_a_read_that_leaks_a_foreign_exception_fails() -> None:
    message = problems_of(check_read, LeakyRead, [SAMPLE], QUICK)
    assert "[read] read raised UnicodeDecodeError" in message
    assert "a plugin must raise govreport.ParseError (or another govreport error)" in message
    assert "raise ParseError(...) from exc" in message
    assert "test_testing.py:" in message  # where it was raised


class WrongType(Base):
    def read(self, source: Source) -> Document:
        return {"blocks": []}  # type: ignore[return-value]


def test_a_read_that_returns_something_else_fails() -> None:
    message = problems_of(check_read, WrongType, [SAMPLE], QUICK)
    assert "read returned dict on sample 1: it must return a govreport.document.Document" in message


class RaisingSniff(Base):
    def sniff(self, head: bytes) -> bool:
        return head[0] == ord("S")


class MaybeSniff(Base):
    def sniff(self, head: bytes) -> bool:
        return head[:3] == b"SMP" or None  # type: ignore[return-value]


def test_a_sniff_that_raises_or_answers_no_bool_fails() -> None:
    raising = problems_of(check_sniff, RaisingSniff, [SAMPLE])
    assert "sniff raised IndexError: index out of range" in raising
    assert "on empty input: sniff must answer False, never raise" in raising
    maybe = problems_of(check_sniff, MaybeSniff, [SAMPLE])
    assert "sniff returned None on empty input: it must return True or False" in maybe


class SlowSniff(Base):
    def sniff(self, head: bytes) -> bool:
        time.sleep(len(head) / 2**24)  # a second per 16 MiB: it reads the whole input
        return head.startswith(b"SMP")


def test_a_sniff_that_is_slow_on_large_input_fails() -> None:
    options = KitOptions(large_bytes=4 * 2**20, sniff_seconds=0.1)
    message = problems_of(check_sniff, SlowSniff, [SAMPLE], options)
    assert "sniff took 0.2" in message and "(limit 0.1 s)" in message
    assert "look at the first bytes only" in message


class BadMetadata(Base):
    name = "My Format"
    extensions = (".SMP", "smp", "smp")
    media_types = ("text",)
    interface_version = 2
    priority = "high"  # type: ignore[assignment]


def test_bad_metadata_fails_with_each_problem_named() -> None:
    message = problems_of(check_metadata, BadMetadata)
    assert "name is 'My Format': it must be a lower-case word" in message
    assert "interface_version is 2: this govreport implements version 1" in message
    assert "extension '.SMP' must be lower case, without a dot" in message
    assert "repeat an entry" in message
    assert "media type 'text' is not a lower-case 'type/subtype'" in message
    assert "priority is 'high': it must be an int" in message


def test_a_plugin_without_an_entry_point_fails_registration() -> None:
    message = problems_of(check_registration, Base)
    assert (
        "no entry point in the group 'govreport.formats' gives a plugin named 'sample'" in message
    )
    assert '[project.entry-points."govreport.formats"]' in message
    assert 'sample = "test_testing:Base"' in message


def test_a_plugin_that_takes_an_installed_name_fails_registration() -> None:
    class Impostor(Base):
        name = "text"

    message = problems_of(check_registration, Impostor)
    assert (
        "the name 'text' belongs to govreport.formats.text.TextFormat, not this plugin" in message
    )


class LossyWriter(TextFormat):
    """Writes a blank cell as 0: the round trip must catch it."""

    def write(self, report: Report) -> bytes:
        def zeros(table: Table | None) -> Table | None:
            if table is None:
                return None
            cells = tuple(attrs.evolve(c, value=0 if c.value is None else c.value) for c in table)
            return attrs.evolve(table, cells=cells)

        lossy = attrs.evolve(
            report,
            table2=zeros(report.table2),
            table3=zeros(report.table3),
            table4=zeros(report.table4),
        )
        return super().write(lossy)


def test_a_writer_that_loses_blanks_fails_the_round_trip() -> None:
    message = problems_of(check_round_trip, LossyWriter, KitOptions(round_trip_examples=30))
    assert "[round trip] read(write(report)) differs from the report" in message
    assert "wrote None, read back 0" in message


class FailingWriter(Base):
    def write(self, report: Report) -> bytes:
        return "SMP" + report.title  # type: ignore[return-value]


def test_a_writer_that_returns_text_fails() -> None:
    message = problems_of(check_round_trip, FailingWriter, QUICK)
    assert "write returned str: it must return bytes" in message


def test_check_plugin_lists_every_problem_at_once() -> None:
    message = problems_of(
        check_plugin, StreamSniff(), samples=[SAMPLE], registered=False, options=QUICK
    )
    assert "[sniff]" in message
    assert message.count("\n  - ") >= 3


# --- the kit's report strategies ----------------------------------------------------------


@given(reports(rich_prose=False))
def test_drawn_reports_keep_the_template_rules(report: Report) -> None:
    errors = [f for f in govreport.validate(report) if f.severity is Severity.ERROR]
    assert errors == []
    assert report.template == ("2019" if report.year <= 2020 else "2021")
    assert ("t3.other.total" in report.table3) if report.template == "2019" else True  # type: ignore[operator]


# --- the guide's example ------------------------------------------------------------------


def test_the_example_plugin_in_the_guide_passes_the_kit() -> None:
    guide = (Path(__file__).parent.parent / "docs" / "plugins.md").read_text(encoding="utf-8")
    code = guide.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, Any] = {}
    exec(compile(code, "docs/plugins.md", "exec"), namespace)
    sample = "PSV# 洛阳市老城区人民政府2024年政府信息公开工作年度报告\n信息内容|本年制发件数\n规章|0\n".encode()
    check_plugin(namespace["PsvFormat"], samples=[sample], registered=False, options=QUICK)
    document = namespace["PsvFormat"]().read(Source(sample, "r.psv"))
    assert [type(b).__name__ for b in document.blocks] == ["Heading", "Table"]
