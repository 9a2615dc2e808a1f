"""A batch over files that hang: the good ones are read, each bad one costs its time
budget and is reported as LimitExceededError, and Ctrl-C stops the workers at once."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hostile_inputs import reference_loop_pdf

import govreport
from expected import SEEDS
from govreport import batch
from govreport.batch import BatchOptions, load_many

pytestmark = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="the patched reader reaches workers only when forked",
)

HANG = "hang.txt"


def _options(seconds: float | None, **kwargs: Any) -> BatchOptions:
    limits = govreport.Limits(seconds=seconds)
    return BatchOptions(build=govreport.BuildOptions(limits=limits), **kwargs)


def _sources(tmp_path: Path) -> list[Path]:
    seeds = sorted(SEEDS.glob("*.txt"))[:4]
    loop = tmp_path / "loop.pdf"
    loop.write_bytes(reference_loop_pdf())
    hang = tmp_path / HANG
    hang.write_text("x", encoding="utf-8")
    return [seeds[0], loop, seeds[1], hang, seeds[2], seeds[3]]


def _hanging_load(*, block_alarm: bool) -> Any:
    real = batch.load

    def load(source: Any, **kwargs: Any) -> govreport.Report:
        if str(source).endswith(HANG):
            if block_alarm:
                # a hang inside C code: no signal handler runs until it returns
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            while True:
                time.sleep(0.05)
        return real(source, **kwargs)

    return load


@pytest.mark.parametrize("block_alarm", [False, True], ids=["python-loop", "c-hang"])
def test_a_hanging_file_costs_its_budget_and_the_rest_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block_alarm: bool
) -> None:
    monkeypatch.setattr(batch, "load", _hanging_load(block_alarm=block_alarm))
    sources = _sources(tmp_path)
    started = time.monotonic()
    # a hang in C code is found by the collecting process, per task: a chunk of two
    # would cost its allowance once together and once alone
    chunk = 1 if block_alarm else 2
    got = sorted(
        load_many(sources, options=_options(1.0, workers=2, chunk_size=chunk)),
        key=lambda r: r.index,
    )
    elapsed = time.monotonic() - started
    # the reference loop is found, not followed: pdfplumber's guard refuses it as a
    # ParseError, pdfium reads past it to a page that holds no report
    assert got[1].error_type in ("ParseError", "NotAReportError")
    assert [r.error_type for r in got[:1] + got[2:]] == [
        None,
        None,
        "LimitExceededError",
        None,
        None,
    ]
    assert got[3].error is not None and got[3].error.limit == "seconds"  # type: ignore[attr-defined]
    assert all(r.metadata is not None for r in got if r.ok)
    # the alarm stops a Python loop at the budget plus a grace second; a C hang is
    # killed by the collecting process a grace second later
    assert elapsed < 6, elapsed


def test_ctrl_c_stops_the_workers_within_two_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "load", _hanging_load(block_alarm=True))
    hang = tmp_path / HANG
    hang.write_text("x", encoding="utf-8")
    results = load_many([hang, hang], options=_options(None, workers=2, chunk_size=1))
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    pool_children = multiprocessing.active_children
    with pytest.raises(KeyboardInterrupt):
        try:
            list(results)
        finally:
            interrupted = time.monotonic()
    stopped = time.monotonic()
    timer.join()
    assert stopped - interrupted < 2.0
    deadline = time.monotonic() + 2.0
    while pool_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not pool_children()


def test_an_interrupted_export_keeps_its_partial_name(tmp_path: Path) -> None:
    from govreport.export import Exporter, ExportOptions

    out = tmp_path / "out.csv"
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    exporter = Exporter(out, ExportOptions(shape="long"), tmp_path / "out.findings.csv")
    with pytest.raises(KeyboardInterrupt), exporter:
        for result in load_many(seeds, options=BatchOptions(workers=0)):
            exporter.add(result)
            raise KeyboardInterrupt
    pid = os.getpid()
    partial = [f"out.csv.{pid}.partial", f"out.findings.csv.{pid}.partial"]
    assert sorted(p.name for p in tmp_path.iterdir()) == partial
    assert exporter.partial == tuple(tmp_path / name for name in partial)
    assert exporter.rows > 0  # what was read before the interruption is there

    with Exporter(out, ExportOptions(shape="long")) as complete:
        for result in load_many(seeds, options=BatchOptions(workers=0)):
            complete.add(result)
    assert out.exists() and not list(tmp_path.glob("out.csv.*.partial"))
    assert complete.partial == ()
