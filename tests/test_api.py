"""load(): format choice, plugins that break, and errors that stay the library's own."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from importlib import metadata

import pytest

import govreport
from expected import SEEDS
from govreport.messages import use_language
from govreport.plugins import Registry, set_registry

SEED = SEEDS / "000_400582c34393c453.txt"


@pytest.fixture
def registry_with_broken_plugin() -> Iterator[Registry]:
    eps = [
        metadata.EntryPoint("text", "govreport.formats.text:TextFormat", "govreport.formats"),
        metadata.EntryPoint("broken", "govreport_no_such_module:Plugin", "govreport.formats"),
    ]
    registry = Registry(eps)
    set_registry(registry)
    yield registry
    set_registry(None)


def test_broken_plugin_warns_and_load_still_works(registry_with_broken_plugin: Registry) -> None:
    with use_language("en"), pytest.warns(RuntimeWarning, match="'broken'.*failed to load"):
        report = govreport.load(SEED)
    assert report.cells()["t3.new.total"] == 2
    infos = {info.name: info for info in govreport.formats()}
    assert infos["broken"].error is not None and "ModuleNotFoundError" in infos["broken"].error
    assert infos["text"].can_read


def test_plugins_load_once(registry_with_broken_plugin: Registry) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        govreport.load(SEED)
        govreport.load(SEED)
    assert sum("broken" in str(w.message) for w in caught) == 1


def test_unknown_format_name() -> None:
    with pytest.raises(govreport.UnsupportedFormatError, match="没有名为 'nope' 的已安装格式"):
        govreport.load(SEED, format="nope")
    with use_language("en"), pytest.raises(
        govreport.UnsupportedFormatError, match="no installed format is called 'nope'"
    ):
        govreport.load(SEED, format="nope")


def test_explicit_format_wins_over_extension(tmp_path: object) -> None:
    report = govreport.load(SEED.read_bytes(), format="text")
    assert report.metadata.format == "text"


def test_binary_garbage_is_refused_with_our_error() -> None:
    with pytest.raises(govreport.GovReportError):
        govreport.load(bytes(range(256)) * 40)


def test_foreign_exception_from_a_plugin_becomes_plugin_error() -> None:
    class Exploding:
        name = "boom"
        extensions = ("boom",)
        media_types = ()
        interface_version = 1
        priority = 0

        def sniff(self, head: bytes) -> bool:
            return False

        def read(self, source: object) -> object:
            raise KeyError("deep inside")

    registry = Registry([])
    registry._plugins = {"boom": Exploding()}  # type: ignore[dict-item]
    set_registry(registry)
    try:
        with use_language("en"), pytest.raises(
            govreport.PluginError, match=r"'boom' format plugin failed.*KeyError"
        ):
            govreport.load(b"x", format="boom")
    finally:
        set_registry(None)


def test_to_dict_round_trip_is_lossless() -> None:
    import json

    report = govreport.load(SEEDS / "003_bb716c0dab2a4345.txt")
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert govreport.Report.from_dict(data) == report
    assert data["tables"]["t2"]["cells"][-1] == {
        "id": "t2.fees.amount",
        "value": "79.6954",
        "text": "79.6954",
        "state": "value",
        "location": {"line": 32, "column": 2},
    }


@pytest.mark.parametrize(
    "data",
    [
        b"1 " * 500_000,
        ("某区人民政府2023年政府信息公开工作年度报告\n" + "一、" * 400_000).encode(),
        ("某区人民政府2023年政府信息公开工作年度报告\n" + "一、" * 400_000).encode("gb18030"),
        ("某区人民政府2023年政府信息公开工作年度报告\n" + ("\t" * 200 + "1\n") * 500).encode(),
        ("某区人民政府2023年政府信息公开工作年度报告\n" + ("\t" * 1000 + "1\n") * 2000).encode(),
    ],
    ids=["digits", "utf8-long-line", "gb18030-long-line", "wide-tabs", "very-wide-tabs"],
)
def test_large_junk_text_is_refused_as_not_a_report(data: bytes) -> None:
    # The 64 KiB head ends inside a multi-byte character: still recognised as text.
    with pytest.raises(govreport.NotAReportError):
        govreport.load(data)


def test_content_beats_a_wrong_extension(tmp_path: object) -> None:
    import pathlib

    from expected import CORPUS

    names = {info.name for info in govreport.formats() if info.error is None}
    if "html" not in names:
        pytest.skip("the html format is not installed")
    page = pathlib.Path(str(tmp_path)) / "page.txt"
    page.write_bytes((CORPUS / "shanghai_gov_office_2019_fragment.html").read_bytes())
    assert govreport.load(page).metadata.format == "html"
    dump = pathlib.Path(str(tmp_path)) / "dump.html"
    dump.write_bytes((SEEDS / "003_bb716c0dab2a4345.txt").read_bytes())
    assert govreport.load(dump).metadata.format == "text"


def test_load_logs_its_steps_when_the_log_shows_them(caplog: pytest.LogCaptureFixture) -> None:
    # load makes its log messages only for a log that shows them: at DEBUG all three
    # steps are there, worded; at WARNING none is made
    import logging

    data = SEED.read_bytes()
    with use_language("en"), caplog.at_level(logging.DEBUG, logger="govreport"):
        govreport.load(SEED)
        govreport.load(data, format="text")
        lines = [r.getMessage() for r in caplog.records if r.name == "govreport"]
    assert f"000_400582c34393c453.txt: {len(data)} bytes; budgets: " in lines[0]
    assert "000_400582c34393c453.txt: read as text, chosen by its content and extension" in lines
    assert any(
        line.startswith("000_400582c34393c453.txt: read in ") and "cells, " in line
        for line in lines
    )
    assert "input: read as text (named)" in lines
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="govreport"):
        govreport.load(SEED)
    assert [r for r in caplog.records if r.name == "govreport"] == []
