"""Start-up stays cheap: ``import govreport`` loads no parser, reading a file loads only
the code its format needs, and the installed entry points are read once.

Each check runs in a fresh interpreter and looks at its ``sys.modules``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from govreport import plugins

DATA = Path(__file__).parent / "data"
TEXT = Path(__file__).parent.parent / "src" / "govreport" / "data" / "sample_laocheng_2024.txt"
PDF = DATA / "corpus" / "huaian_hongzequ_gov_2023.pdf"
PDF_READING = (
    "govreport.formats.pdf.assemble",
    "govreport.formats.pdf.pdfium",
    "govreport.formats.pdf.reader",
    "pdfminer",
    "pdfplumber",
    "pypdfium2",
)


def modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter holds after running ``code`` (with ``env`` added
    to the environment)."""
    script = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"  # json is watched
    out = subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    ).stdout
    return set(out.splitlines()[-1].split())


def loaded(modules: set[str], *names: str) -> set[str]:
    return {m for m in modules for n in names if m == n or m.startswith(n + ".")}


def test_import_govreport_loads_no_parser_and_no_package_metadata() -> None:
    modules = modules_after("import govreport")
    assert (
        loaded(
            modules,
            "lxml",
            *PDF_READING,
            "govreport.formats",
            "importlib.metadata",
            "logging",
            "typing",
        )
        == set()
    )
    assert loaded(modules, "govreport") == {"govreport"}


def test_reading_a_text_file_loads_no_pdf_code() -> None:
    modules = modules_after(f"import govreport; govreport.load({str(TEXT)!r})")
    assert loaded(modules, *PDF_READING) == set()
    assert "govreport.formats.text" in modules


def test_reading_a_text_file_loads_no_html_or_word_code() -> None:
    # the registry imports every plugin's class to sniff; their parsers load in read()
    modules = modules_after(f"import govreport; govreport.load({str(TEXT)!r})")
    assert (
        loaded(
            modules,
            "lxml",
            "docx",
            "govreport.formats.html.reader",
            "govreport_docx.reader",
            "govreport_docx.convert",
        )
        == set()
    )
    assert {"govreport.formats.html", "govreport_docx"} <= modules


#: What ``govreport show --sample`` (a .txt) has no use for: parsers of other formats
#: (their plugins' classes are imported, to sniff), the other commands' modules, the
#: Word converter's process and archive modules, the slow ways of finding package
#: files, and standard modules only other paths use: pathlib (paths are strings until
#: a command writes a file), json (--json, cells and the JSON reader's parse), shutil
#: (the terminal's width, asked for when help is written).
NOT_FOR_SHOWING_TEXT = (
    *PDF_READING,
    "lxml",
    "docx",
    "govreport_docx.reader",
    "govreport_docx.convert",
    "govreport.compare",
    "govreport.crossyear",
    "govreport.workbook",
    "govreport.batch",
    "govreport.export",
    "govreport.baseline",
    "xlsxwriter",
    "subprocess",
    "zipfile",
    "tempfile",
    "importlib.resources",
    "importlib.metadata",
    "govreport.formats.markdown.reader",
    "govreport.formats.html.reader",
    "html",  # html.unescape, for Markdown's entities
    "pathlib",
    "json",
    "shutil",
    "fnmatch",  # batch's --include and --exclude
    "logging",  # govreport.logs hands records to it once anything imports it
    "traceback",
    "locale",  # with the language in the environment
    "zlib",  # PDF and Word streams
)


def test_show_sample_loads_only_what_showing_a_text_report_needs() -> None:
    modules = modules_after(
        "from govreport.cli import main\nassert main(['show', '--sample']) == 0",
        env={"LANG": "zh_CN.UTF-8"},  # the language from the environment, as on Linux and macOS
    )
    assert loaded(modules, *NOT_FOR_SHOWING_TEXT) == set()
    assert {"govreport.formats.text", "govreport.render", "govreport.validate"} <= modules


def test_reading_a_pdf_by_name_loads_only_the_pdfium_engine() -> None:
    modules = modules_after(f"import govreport; govreport.load({str(PDF)!r}, format='pdf')")
    assert loaded(modules, "pypdfium2", "govreport.formats.pdf.pdfium") != set()
    assert loaded(modules, "pdfminer", "pdfplumber", "lxml", "govreport.formats.html") == set()


def test_entry_points_are_read_once(monkeypatch: Any) -> None:
    scans: list[str] = []
    real = plugins.installed_entry_points

    def counting(group: str, path: Any = None) -> Any:
        scans.append(group)
        return real(group, path)

    monkeypatch.setattr(plugins, "installed_entry_points", counting)
    registry = plugins.Registry()
    assert registry.get("text").name == "text"
    assert registry.get("pdf").name == "pdf"
    assert {i.name for i in registry.infos()} >= {"text", "pdf", "json", "markdown", "html"}
    assert "pdf" in [p.name for p in registry.for_extension("pdf")]  # the OCR plugin may lead
    assert scans == [plugins.ENTRY_POINT_GROUP]


def test_entry_points_read_from_files_match_importlib_metadata() -> None:
    from importlib import metadata

    ours = {
        (ep.name, ep.value, ep.distribution)
        for ep in plugins.installed_entry_points(plugins.ENTRY_POINT_GROUP)
    }
    theirs = {
        (ep.name, ep.value, ep.dist.metadata["Name"] if ep.dist else None)
        for ep in metadata.entry_points(group=plugins.ENTRY_POINT_GROUP)
    }
    assert ours == theirs
    assert ("pdf", "govreport.formats.pdf:PdfFormat", "govreport") in ours
