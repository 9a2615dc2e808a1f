"""Batch reading: every real document with bad files mixed in, bounded streaming, crashes, Dask."""

from __future__ import annotations

import csv
import multiprocessing
import os
import pickle
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import govreport
from expected import CORPUS, SEEDS, expected_files, load_expected
from govreport import batch
from govreport.batch import BatchOptions, InternalError, Result, Summary, iter_files, load_many
from govreport.cli import main
from govreport.errors import GovReportError, ParseError, UnsupportedFormatError
from govreport.export import ExportOptions, long_rows, write
from govreport.messages import use_language

# A GIF: a picture no format reads (the OCR plugin, when installed, reads PNG, JPEG and TIFF)
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04"


def _installed_extensions() -> set[str]:
    return {ext for info in govreport.formats() if info.can_read for ext in info.extensions}


def _documents() -> list[tuple[Path, dict[str, Any]]]:
    """Every test document with an expected file and a reader installed for its format."""
    installed = _installed_extensions()
    out = []
    for folder in (SEEDS, CORPUS):
        for path in expected_files(folder):
            expected = load_expected(path)
            document = folder / expected["source"]
            if document.suffix.lstrip(".").lower() in installed:
                out.append((document, expected))
    return out


DOCUMENTS = _documents()
BAD_FILES = {
    "garbage.txt": (os.urandom(64) + b"\x00" * 8) * 40,
    "empty.txt": b"",
    "picture.gif": GIF + bytes(200),
}
BAD_ERRORS = {
    "garbage.txt": ParseError,
    "empty.txt": ParseError,
    "picture.gif": UnsupportedFormatError,
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("batch")
    for document, _ in DOCUMENTS:
        shutil.copy(document, root / document.name)
    for name, data in BAD_FILES.items():
        (root / name).write_bytes(data)
    return root


@pytest.fixture(scope="module")
def results(folder: Path) -> list[Result]:
    return list(load_many(sorted(folder.iterdir()), options=BatchOptions(workers=2, chunk_size=2)))


def _value(text: str) -> Decimal | None:
    return None if text == "" else Decimal(text)


def _expected_value(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def test_there_are_documents_to_batch() -> None:
    assert len(DOCUMENTS) >= 5  # the five seeds are plain text, always readable


def test_every_source_gives_one_result(folder: Path, results: list[Result]) -> None:
    assert sorted(r.source for r in results) == sorted(str(p) for p in folder.iterdir())
    assert sorted(r.index for r in results) == list(range(len(results)))


def test_bad_files_are_refused_with_the_right_error(results: list[Result]) -> None:
    by_name = {Path(r.source).name: r for r in results}
    for name, error in BAD_ERRORS.items():
        result = by_name[name]
        assert isinstance(result.error, error), (name, result.error)
        assert result.report is None and not result.cells
    expected_refusals = {doc.name for doc, exp in DOCUMENTS if exp.get("expect_error")} | set(
        BAD_FILES
    )
    assert {Path(r.source).name for r in results if not r.ok} == expected_refusals
    for result in results:
        assert result.error is None or isinstance(result.error, GovReportError)


def test_every_report_is_read_with_its_findings(results: list[Result]) -> None:
    by_name = {Path(r.source).name: r for r in results}
    for document, expected in DOCUMENTS:
        if expected.get("expect_error"):
            continue
        result = by_name[document.name]
        assert result.ok, result.error
        assert result.report is not None and result.metadata is not None
        assert result.metadata.agency == expected["agency"]
        assert result.metadata.year == expected["year"]
        assert list(result.findings) == govreport.validate(result.report)


def test_long_export_holds_the_expected_cells(results: list[Result], tmp_path: Path) -> None:
    out = tmp_path / "cells.csv"
    write(results, out, ExportOptions(shape="long"))
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    got: dict[str, dict[str, Decimal | None]] = {}
    for row in rows:
        got.setdefault(Path(row["source"]).name, {})[row["cell"]] = _value(row["value"])
    for document, expected in DOCUMENTS:
        cells = got.get(document.name, {})
        if expected.get("expect_error"):
            assert cells == {}
            continue
        # the batch loses and adds nothing compared with one load()
        single = govreport.load(document).cells()
        assert cells == {k: _expected_value(v) for k, v in single.items()}, document.name
        wanted = {k: _expected_value(v) for k, v in expected["cells"].items()}
        if document.parent == SEEDS:
            assert cells == wanted, document.name
            continue
        # readers still in progress may miss cells, never give a wrong number
        for cell, value in cells.items():
            if value is not None:
                assert cell in wanted and wanted[cell] == value, (document.name, cell, value)


def test_results_survive_pickling(results: list[Result]) -> None:
    for result in results:
        again = pickle.loads(pickle.dumps(result))
        assert again == result or (
            type(again.error) is type(result.error) and again.source == result.source
        )
        assert again.cells == result.cells


def test_reading_in_process_gives_the_same_results(folder: Path, results: list[Result]) -> None:
    serial = list(load_many(sorted(folder.iterdir()), options=BatchOptions(workers=0)))
    assert [r.index for r in serial] == list(range(len(serial)))
    pooled = sorted(results, key=lambda r: r.index)
    assert [(r.source, r.cells, r.findings, r.error_type) for r in serial] == [
        (r.source, r.cells, r.findings, r.error_type) for r in pooled
    ]


def test_without_reports_results_still_carry_cells(folder: Path) -> None:
    seeds = sorted(folder.glob("0*.txt"))
    for result in load_many(seeds, options=BatchOptions(workers=1, keep_reports=False)):
        assert result.report is None and result.metadata is not None
        assert len(result.cells) == 200


def test_sources_may_be_bytes_and_open_files() -> None:
    seed = sorted(SEEDS.glob("*.txt"))[3]
    with seed.open("rb") as handle:
        got = list(
            load_many(
                [seed.read_bytes(), handle, b""], options=BatchOptions(workers=1, ordered=True)
            )
        )
    assert [r.ok for r in got] == [True, True, False]
    assert got[0].cells == got[1].cells and got[0].cells["t2.fees.amount"] == Decimal("79.6954")
    assert got[1].source == seed.name and got[0].source == "<source 0>"
    assert isinstance(got[2].error, ParseError)


def test_missing_file_is_a_refusal_not_a_stop(tmp_path: Path) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    got = list(
        load_many([tmp_path / "nope.txt", seed], options=BatchOptions(workers=1, ordered=True))
    )
    assert isinstance(got[0].error, ParseError) and got[1].ok


def test_in_flight_work_stays_bounded() -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    consumed = 0

    def sources() -> Iterator[Path]:
        nonlocal consumed
        for _ in range(40):
            consumed += 1
            yield seed

    options = BatchOptions(workers=2, chunk_size=1, max_in_flight=3, ordered=True)
    seen = 0
    for result in load_many(sources(), options=options):
        assert result.index == seen  # ordered mode hands results back in input order
        seen += 1
        # at most 3 tasks of one source are out, plus the one being read from the iterable
        assert consumed - seen <= 3 + 1
    assert seen == 40


def test_a_foreign_exception_costs_one_file(monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))[:3]
    real = batch.load

    def flaky(source: Any, **kwargs: Any) -> govreport.Report:
        if str(source).endswith(seeds[1].name):
            raise KeyError("a bug")
        return real(source, **kwargs)

    monkeypatch.setattr(batch, "load", flaky)
    got = list(load_many(seeds, options=BatchOptions(workers=0)))
    assert [r.ok for r in got] == [True, False, True]
    assert isinstance(got[1].error, InternalError)
    assert str(got[1].error) == "读取时出错：KeyError: 'a bug'"
    with use_language("en"):
        (en,) = [r for r in load_many(seeds, options=BatchOptions(workers=0)) if not r.ok]
    assert str(en.error) == "reading failed with KeyError: 'a bug'"


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="the patched reader reaches workers only when forked",
)
@pytest.mark.parametrize("ordered", [False, True])
def test_a_dying_worker_costs_only_its_own_file(
    monkeypatch: pytest.MonkeyPatch, ordered: bool
) -> None:
    seeds = sorted(SEEDS.glob("*.txt")) * 2
    real = batch.load

    def deadly(source: Any, **kwargs: Any) -> govreport.Report:
        if str(source).endswith(seeds[2].name):
            os._exit(3)  # what a reader crashing the interpreter looks like
        return real(source, **kwargs)

    monkeypatch.setattr(batch, "load", deadly)
    options = BatchOptions(workers=2, chunk_size=2, max_in_flight=2, ordered=ordered)
    got = list(load_many(seeds, options=options))
    if ordered:
        assert [r.index for r in got] == list(range(len(seeds)))
    got.sort(key=lambda r: r.index)
    assert [r.index for r in got] == list(range(len(seeds)))
    assert [r.ok for r in got] == [i not in (2, 7) for i in range(len(seeds))]
    assert all(isinstance(got[i].error, InternalError) for i in (2, 7))


def test_iter_files_walks_folders_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "r2.txt").write_text("x", encoding="utf-8")
    (tmp_path / "r1.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "r3.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".DS_Store").write_text("x", encoding="utf-8")
    loose = tmp_path / "loose.md"
    loose.write_text("x", encoding="utf-8")
    got = list(iter_files([tmp_path / "b", tmp_path, loose]))
    assert got == [
        tmp_path / "b" / "r2.txt",
        tmp_path / "b" / "r2.txt",
        tmp_path / "loose.md",
        tmp_path / "r1.txt",
        loose,
    ]


def test_summary_counts_reads_refusals_and_rules(results: list[Result]) -> None:
    summary = Summary()
    for result in results:
        summary.add(result)
    refusals = sum(1 for r in results if not r.ok)
    assert summary.read == len(results) - refusals and summary.failures == refusals
    assert summary.refused["ParseError"] >= 2 and summary.refused["UnsupportedFormatError"] >= 1
    assert sum(summary.findings.values()) == sum(len(r.findings) for r in results)
    with use_language("en"):
        text = "\n".join(summary.lines())
    assert f"read {summary.read} of {len(results)} sources" in text
    assert "UnsupportedFormatError" in text


def test_batch_command_writes_dataset_and_findings(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    status = main(
        [
            "--lang",
            "en",
            "batch",
            str(folder),
            # a folder gives only what installed formats read; a file named is always read
            str(folder / "picture.gif"),
            "-o",
            str(out),
            "--jobs",
            "2",
            "--no-progress",
            "--bom",
            "--header",
            "zh",
        ]
    )
    assert status == 1  # some files were refused
    printed = capsys.readouterr().err  # stdout is for data (-o -)
    assert "refused" in printed and "ParseError" in printed and "wrote" in printed
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel on Chinese Windows needs the BOM
    header = data.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("来源文件,机关,年度")
    findings = (tmp_path / "out.findings.csv").read_text(encoding="utf-8-sig")
    assert "refused" in findings and "UnsupportedFormatError" in findings


def test_batch_command_exit_status_is_the_common_one(folder: Path, tmp_path: Path) -> None:
    # 0 when every file is read without error findings, 1 when a file is refused,
    # whether or not the old --strict is given (docs/guide.md, "Exit status")
    seed = sorted(folder.glob("0*.txt"))[0]
    assert main(["batch", str(seed), "-o", str(tmp_path / "a.jsonl"), "--strict"]) == 0
    assert main(["batch", str(folder), "-o", str(tmp_path / "b.jsonl"), "--jobs", "0"]) == 1
    assert main(["batch", str(folder), "-o", str(tmp_path / "c.jsonl"), "--strict"]) == 1


def test_dask_cluster_gives_the_same_rows(folder: Path, results: list[Result]) -> None:
    distributed = pytest.importorskip(
        "distributed", reason="the dask extra (govreport[dask]) is not installed"
    )
    sources = sorted(folder.iterdir())
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = list(
            load_many(sources, executor=client.get_executor(), options=BatchOptions(chunk_size=3))
        )

    def rows(items: list[Result]) -> list[dict[str, Any]]:
        return sorted(
            (row for r in items if r.ok for row in long_rows(r)),
            key=lambda d: (d["source"], d["cell"]),
        )

    assert len(on_dask) == len(results)
    assert rows(on_dask) == rows(results)
    assert sorted((r.source, r.error_type) for r in on_dask) == sorted(
        (r.source, r.error_type) for r in results
    )
