"""Every reader, fed arbitrary bytes or damaged writer output, refuses with govreport's own
errors or returns a report: never another exception, never a hang.

A :class:`govreport.PluginError` counts as a failure here: ``load`` raises it when a
reader let a foreign exception escape, which is exactly the bug these properties hunt.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from types import FrameType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport import Report
from govreport.messages import use_language
from strategies import examples, plain_report

#: Seconds one load may take before it counts as a hang (the slowest honest case, a
#: damaged PDF, takes about a second).
HANG_SECONDS = 20


def readers() -> list[str]:
    return sorted(info.name for info in govreport.formats() if info.can_read and info.error is None)


def writers() -> list[str]:
    return sorted(info.name for info in govreport.formats() if info.can_read and info.can_write)


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def reads_or_refuses(data: bytes, fmt: str | None) -> Report | None:
    """The report, or None when the library refused the input with one of its errors."""
    with time_limit(HANG_SECONDS):
        try:
            report = govreport.load(data, format=fmt)
        except govreport.PluginError as exc:
            raise AssertionError(f"the {fmt} reader raised a foreign exception: {exc}") from exc
        except govreport.GovReportError:
            return None
        assert isinstance(report, Report)
        govreport.validate(report)  # the rules must cope with whatever was read
        return report


@cache
def written(fmt: str, template: str, single_other: bool) -> bytes:
    values = {"t3.new.natural_person": 12, "t3.granted.natural_person": 7, "t2.fees.amount": None}
    return govreport.dumps(plain_report(template, values, single_other=single_other), fmt)


# --- mutations ------------------------------------------------------------------------------


@st.composite
def truncated(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


@st.composite
def flipped(draw: st.DrawFn, data: bytes) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        index = draw(st.integers(0, len(out) - 1))
        out[index] ^= draw(st.integers(1, 255))
    return bytes(out)


@st.composite
def rows_dropped(draw: st.DrawFn, data: bytes) -> bytes:
    lines = data.split(b"\n")
    drop = set(draw(st.lists(st.integers(0, len(lines) - 1), min_size=1, max_size=6)))
    return b"\n".join(line for i, line in enumerate(lines) if i not in drop)


@st.composite
def rows_swapped(draw: st.DrawFn, data: bytes) -> bytes:
    lines = data.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines) - 1))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


MUTATIONS = (truncated, flipped, rows_dropped, rows_swapped)


@st.composite
def mutated(draw: st.DrawFn, fmt: str) -> bytes:
    template = draw(st.sampled_from(["2019", "2021"]))
    data = written(fmt, template, draw(st.booleans()))
    for _ in range(draw(st.integers(1, 2))):
        data = draw(st.one_of(*(mutation(data) for mutation in MUTATIONS)))
    return data


def share(fmt: str) -> float:
    # A PDF load takes about a second; the others a few milliseconds.
    return 0.25 if fmt in ("pdf", "docx") else 1.0


# --- properties -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", readers())
def test_arbitrary_bytes(fmt: str) -> None:
    @settings(max_examples=examples(share(fmt)))
    @given(data=st.binary(max_size=2048))
    def check(data: bytes) -> None:
        reads_or_refuses(data, fmt)

    check()


@pytest.mark.parametrize("fmt", readers())
def test_text_that_looks_like_a_report(fmt: str) -> None:
    """Report words, digits, tabs, pipes and tags in random order reach the builder."""
    words = st.sampled_from(
        ["一、总体情况", "三、收到和处理政府信息公开申请情况", "政府信息公开工作年度报告", "2021年", "自然人",
         "本年新收", "（七）总计", "行政复议", "\t", "|", "\n", "<td>", "<tr>", "</table>", "#", "/", "12", "0"]
    )  # fmt: skip

    @settings(max_examples=examples(share(fmt)))
    @given(parts=st.lists(words, max_size=200))
    def check(parts: list[str]) -> None:
        reads_or_refuses("".join(parts).encode("utf-8"), fmt)

    check()


@pytest.mark.parametrize("fmt", writers())
def test_damaged_writer_output(fmt: str) -> None:
    """A writer's output truncated, with bytes flipped, rows dropped or rows swapped."""

    @settings(max_examples=examples(share(fmt)))
    @given(data=mutated(fmt))
    def check(data: bytes) -> None:
        reads_or_refuses(data, fmt)

    check()


@pytest.mark.parametrize("fmt", writers())
def test_damaged_output_without_a_format_name(fmt: str) -> None:
    """The same damage, with the format left to sniffing."""

    @settings(max_examples=examples(0.25 * share(fmt)))
    @given(data=mutated(fmt))
    def check(data: bytes) -> None:
        reads_or_refuses(data, None)

    check()


def test_undamaged_output_reads_back() -> None:
    # The mutations above start from output that reads: a damaged copy is what fails.
    for fmt in writers():
        report = reads_or_refuses(written(fmt, "2021", False), fmt)
        assert report is not None and report.cells()["t3.new.natural_person"] == 12, fmt


def test_time_limit_stops_a_hang() -> None:
    with pytest.raises(Hang), time_limit(1):
        while True:
            pass


# --- what the properties found --------------------------------------------------------------


def test_html_with_a_control_character_reads() -> None:
    # lxml kept a vertical tab in the tree, then refused it when the reader joined text.
    data = written("html", "2019", True)
    report = reads_or_refuses(b"\x0b" + data[1:], "html")
    assert report is not None and report.cells()["t3.new.natural_person"] == 12


def test_pdf_with_a_damaged_page_dictionary_is_refused() -> None:
    # Closing the damaged file walked its pages again and raised pdfminer's error in
    # place of the reader's ParseError.
    data = written("pdf", "2019", True)
    at = data.rindex(b"/Trans <<")
    damaged = data[:at] + b"/Trans%<<" + data[at + len(b"/Trans <<") :]
    pdfplumber = govreport.BuildOptions(pdf_engine="pdfplumber")
    with pytest.raises(govreport.ParseError, match="已损坏"):
        govreport.load(damaged, format="pdf", options=pdfplumber)
    with use_language("en"), pytest.raises(govreport.ParseError, match="damaged"):
        govreport.load(damaged, format="pdf", options=pdfplumber)
    # pdfium reads past the damaged dictionary, to the same cells as the intact file
    assert govreport.load(damaged, format="pdf").cells() == govreport.load(data).cells()
