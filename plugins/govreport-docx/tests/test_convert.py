"""Old Word, WPS, RTF and ODT files, converted by LibreOffice and read as their .docx.

The samples in data/legacy were made from the corpus .docx by
scripts/make_legacy_samples.sh. The tests that convert need LibreOffice (``soffice``);
the others replace it with a small script that behaves like it.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from govreport import load
from govreport.errors import ParseError
from govreport.messages import use_language
from govreport.source import Source

from govreport_docx import DocxFormat, converted_kind
from govreport_docx.convert import SOFFICE_ENV, ConverterMissingError, find_soffice, to_docx
from govreport_docx.reader import OLE2_MAGIC, WORD_STREAM

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).resolve().parents[3] / "tests" / "data" / "corpus"
STEM = "pingtan_2023_page_libreoffice"
EXPECTED = json.loads((CORPUS / "expected" / f"{STEM}.json").read_text("utf-8"))
needs_libreoffice = pytest.mark.skipif(
    find_soffice() is None, reason="needs LibreOffice (apt-get install libreoffice-writer)"
)


def _expected_cells() -> dict[str, object]:
    return {k: Decimal(v) if isinstance(v, str) else v for k, v in EXPECTED["cells"].items()}


@pytest.fixture(scope="module")
def docx_report_cells() -> dict[str, object]:
    return dict(load(CORPUS / f"{STEM}.docx").cells())


@needs_libreoffice
@pytest.mark.parametrize("extension", ["doc", "wps", "rtf", "odt"])
def test_converted_file_reads_as_its_docx_does(
    extension: str, tmp_path: Path, docx_report_cells: dict[str, object]
) -> None:
    # LibreOffice writes no .wps; WPS Writer's .wps is the Word 97 binary format, so
    # the .doc sample stands in for one under that name.
    sample = DATA / "legacy" / f"{STEM}.{'doc' if extension == 'wps' else extension}"
    path = tmp_path / f"report.{extension}"
    shutil.copyfile(sample, path)
    report = load(path)
    cells = report.cells()
    assert {k: cells.get(k) for k in EXPECTED["cells"]} == _expected_cells()
    assert cells == docx_report_cells
    assert (report.metadata.agency, report.metadata.year) == (EXPECTED["agency"], EXPECTED["year"])
    assert report.metadata.format == "docx"


def test_each_kind_is_told_apart_by_content() -> None:
    legacy = DATA / "legacy"
    assert converted_kind((legacy / f"{STEM}.doc").read_bytes(), "doc") == "doc"
    assert converted_kind((legacy / f"{STEM}.doc").read_bytes(), "wps") == "wps"
    assert converted_kind((legacy / f"{STEM}.rtf").read_bytes(), "") == "rtf"
    assert converted_kind((legacy / f"{STEM}.odt").read_bytes(), "") == "odt"
    assert converted_kind((CORPUS / f"{STEM}.docx").read_bytes(), "docx") is None
    for name in (f"{STEM}.rtf", f"{STEM}.odt"):
        assert DocxFormat().sniff((legacy / name).read_bytes()[:65536])


def test_without_libreoffice_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, "/nonexistent/soffice")
    with (
        use_language("en"),
        pytest.raises(
            ConverterMissingError,
            match=r"'\.rtf' files needs LibreOffice.*apt-get install libreoffice-writer",
        ),
    ):
        DocxFormat().read(Source((DATA / "legacy" / f"{STEM}.rtf").read_bytes(), "report.rtf"))


def _fake_soffice(tmp_path: Path, body: str) -> Path:
    """A stand-in for soffice: a Python script that logs its arguments, then runs ``body``."""
    script = tmp_path / "fake-soffice"
    log = tmp_path / "calls.log"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib, shutil, time\n"
        f"open({str(log)!r}, 'a').write(' '.join(sys.argv[1:]) + '\\n')\n"
        "args = sys.argv[1:]\n"
        "out = pathlib.Path(args[args.index('--outdir') + 1])\n"
        f"{body}\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_each_conversion_has_its_own_profile_and_leaves_no_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docx = CORPUS / f"{STEM}.docx"
    script = _fake_soffice(
        tmp_path,
        f"out.mkdir(parents=True, exist_ok=True); shutil.copyfile({str(docx)!r}, out / 'input.docx')",
    )
    monkeypatch.setenv(SOFFICE_ENV, str(script))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    for _ in range(2):
        assert to_docx(b"{\\rtf1 x}", "a.rtf", "rtf") == docx.read_bytes()
    calls = (tmp_path / "calls.log").read_text().splitlines()
    profiles = [
        next(a for a in call.split() if a.startswith("-env:UserInstallation=file:///"))
        for call in calls
    ]
    assert len(set(profiles)) == 2
    assert all("--headless" in call and "--convert-to docx" in call for call in calls)
    assert os.listdir(scratch) == []


def test_a_hung_conversion_is_ended_at_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, str(_fake_soffice(tmp_path, "time.sleep(60)")))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    with (
        use_language("en"),
        pytest.raises(ParseError, match=r"did not convert the file within 1 s"),
    ):
        to_docx(b"{\\rtf1 x}", "slow.rtf", "rtf", timeout=1.0)
    assert os.listdir(scratch) == []


def test_a_file_libreoffice_cannot_convert_is_a_parse_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, str(_fake_soffice(tmp_path, "pass")))
    with (
        use_language("en"),
        pytest.raises(ParseError, match=r"could not convert the file to \.docx"),
    ):
        DocxFormat().read(Source(OLE2_MAGIC + WORD_STREAM + bytes(100), "junk.doc"))
