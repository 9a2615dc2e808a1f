"""Regenerate the converter matrix: the corpus's reports as the tools people run print them.

Every HTML page and PDF of ``tests/data/corpus`` is passed through the converters users
hold (markitdown, pandoc, pdftotext, Chromium's print to PDF, LibreOffice), and each
output gets an expected-value file made from its source's: the same values, less the
cells that converter really lost (listed in ``LOST`` with the reason, see README.md).
A value is never changed, only left out.

Run from the repository root, with the converters installed (pandoc, poppler-utils,
chromium, libreoffice from apt; ``pip install 'markitdown[pdf]'``)::

    python tests/data/converters/make_matrix.py

The outputs are committed, so the tests (tests/test_converters.py) need none of these
tools. Converters differ between versions; the versions used are written to
``VERSIONS.txt``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from govreport.layout import TABLE3_SINGLE_OTHER

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "corpus"
EXPECTED = HERE / "expected"

HTML_PAGES = (
    "pingtan_2021_page.html",
    "pingtan_2023_page.html",
    "shanghai_gov_office_2019_fragment.html",
)
PDFS = ("huaian_hongzequ_gov_2023.pdf", "pingtan_2021_page_libreoffice.pdf")
#: The corpus's own LibreOffice export of a page, byte for byte the text of the one made
#: here: its pdftotext output would be a copy.
MADE_HERE_TOO = frozenset({"pingtan_2021_page_libreoffice.pdf"})

_CUT_AT_THE_RIGHT = (
    "LibreOffice lays the page out narrower than table 三: the columns 法律服务机构, 其他 "
    "and 总计 are cut off at the right edge of the page and printed nowhere"
)
_SHANGHAI_CUT = {
    f"t3.{row.key}.{column}": _CUT_AT_THE_RIGHT
    for row in TABLE3_SINGLE_OTHER.rows  # a 2019 report: （六） is one row
    for column in ("legal_services", "other_org", "total")
}
#: Cells a converter really dropped or ran together, by output file: they are left out
#: of that file's expected values. The reason for each is in README.md.
LOST: dict[str, dict[str, str]] = {
    "shanghai_gov_office_2019_fragment.soffice.pdf": _SHANGHAI_CUT,
    "shanghai_gov_office_2019_fragment.soffice.pdftotext.txt": _SHANGHAI_CUT,
}
_NO_TITLE = (
    "the page's title stands outside the article, and LibreOffice's export prints it "
    "nowhere: the issuing body is not in the file"
)
#: Metadata a converter dropped, by output file.
LOST_METADATA: dict[str, dict[str, str]] = {
    "shanghai_gov_office_2019_fragment.soffice.pdf": {"agency": _NO_TITLE},
    "shanghai_gov_office_2019_fragment.soffice.pdftotext.txt": {"agency": _NO_TITLE},
}


def run(*command: str, cwd: Path | None = None) -> bytes:
    return subprocess.run(command, check=True, capture_output=True, cwd=cwd, timeout=300).stdout


def markitdown(source: Path, target: Path) -> None:
    from markitdown import MarkItDown

    target.write_text(MarkItDown().convert(str(source)).text_content, encoding="utf-8")


def pandoc(kind: str) -> Callable[[Path, Path], None]:
    def convert(source: Path, target: Path) -> None:
        run("pandoc", "-f", "html", "-t", kind, "--wrap=none", "-o", str(target), str(source))

    return convert


def pdftotext(source: Path, target: Path) -> None:
    run("pdftotext", "-layout", "-enc", "UTF-8", str(source), str(target))


def chromium(source: Path, target: Path) -> None:
    run(
        "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        f"--print-to-pdf={target}",
        source.as_uri(),
    )


def soffice(kind: str, export_filter: str) -> Callable[[Path, Path], None]:
    def convert(source: Path, target: Path) -> None:
        with tempfile.TemporaryDirectory() as work:
            # A profile of its own, so that a running LibreOffice does not take the job.
            run(
                "soffice",
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                "--convert-to",
                f"{kind}:{export_filter}",
                "--outdir",
                work,
                str(source),
            )
            shutil.move(str(Path(work) / f"{source.stem}.{kind}"), target)

    return convert


#: (name in the output file, converter, suffix, what it is made from: "html" or "pdf").
CONVERTERS: tuple[tuple[str, Callable[[Path, Path], None], str], ...] = (
    ("markitdown", markitdown, "md"),
    ("pandoc_gfm", pandoc("gfm"), "md"),
    ("pandoc_grid", pandoc("markdown"), "md"),
    ("chromium", chromium, "pdf"),
    # An HTML page opens in Writer/Web: the export filters must be named.
    ("soffice", soffice("pdf", "writer_web_pdf_Export"), "pdf"),
    ("soffice", soffice("docx", "MS Word 2007 XML"), "docx"),
)


def variants() -> list[tuple[Path, str, Callable[[Path, Path], None], Path]]:
    """(source, output name, converter, what to convert) for every output, in order:
    a PDF made here is converted again as the corpus's PDFs are."""
    plan: list[tuple[Path, str, Callable[[Path, Path], None], Path]] = []
    pdfs: list[tuple[Path, Path]] = [(CORPUS / name, CORPUS / name) for name in PDFS]
    for name in HTML_PAGES:
        source = CORPUS / name
        stem = source.stem
        for label, convert, suffix in CONVERTERS:
            output = HERE / f"{stem}.{label}.{suffix}"
            plan.append((source, output.name, convert, source))
            if suffix == "pdf":
                pdfs.append((source, output))
    for source, pdf in pdfs:
        stem = pdf.stem if pdf.parent == HERE else source.stem
        if pdf.name not in MADE_HERE_TOO:
            plan.append((source, f"{stem}.pdftotext.txt", pdftotext, pdf))
        if pdf.parent == CORPUS:
            plan.append((source, f"{stem}.markitdown.md", markitdown, pdf))
    return plan


def expected(source: Path, output: str) -> dict[str, object]:
    data = json.loads((CORPUS / "expected" / f"{source.stem}.json").read_text(encoding="utf-8"))
    lost = LOST.get(output, {})
    unknown = set(lost) - set(data["cells"])
    if unknown:
        raise SystemExit(f"{output}: LOST names cells the source does not print: {unknown}")
    cells = data["cells"]
    data["cells"] = {key: value for key, value in cells.items() if key not in lost}
    for key, why in LOST_METADATA.get(output, {}).items():
        data.pop(key)
        data.setdefault("lost", {})[key] = why
    data["source"] = output
    data["made_from"] = source.name
    data.pop("notes", None)
    if lost:
        # What the source prints there: a reading that contradicts it is surely wrong.
        data["probable_cells"] = {
            **data.get("probable_cells", {}),
            **{key: cells[key] for key in sorted(lost)},
        }
        data["lost"] = {**data.get("lost", {}), **dict(sorted(lost.items()))}
    return data


def versions() -> str:
    lines = []
    for command in (
        ("pandoc", "--version"),
        ("pdftotext", "-v"),
        ("chromium", "--version"),
        ("soffice", "--version"),
    ):
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        lines.append((proc.stdout + proc.stderr).strip().splitlines()[0])
    from importlib.metadata import version

    lines.append(f"markitdown {version('markitdown')}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    only_expected = "--expected-only" in argv
    EXPECTED.mkdir(exist_ok=True)
    for source, output, convert, made_from in variants():
        if not only_expected:
            print(f"{output} <- {made_from.name}", file=sys.stderr)
            convert(made_from, HERE / output)
        data = expected(source, output)
        path = EXPECTED / f"{Path(output).name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if not only_expected:
        (HERE / "VERSIONS.txt").write_text(versions(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
