"""The converter matrix: the corpus's reports as markitdown, pandoc, pdftotext, Chromium
and LibreOffice print them (tests/data/converters), each scored against its expected
values.

A wrong number fails at once. Right cells are a ratchet: each file must read at least
the count recorded in ``FLOORS``, raised as the readers learn more. Run this module as a
script to print the converter × document table::

    python tests/test_converters.py
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import govreport
from govreport import GovReportError

sys.path.insert(0, str(Path(__file__).parent))
from expected import DATA, as_value, expected_files, load_expected

CONVERTERS = DATA / "converters"

#: Cells each file must read right at least; raise a floor when a fix reads more.
FLOORS: Mapping[str, int] = {
    "huaian_hongzequ_gov_2023.markitdown.md": 186,
    "huaian_hongzequ_gov_2023.pdftotext.txt": 186,
    "pingtan_2021_page.chromium.pdf": 200,
    "pingtan_2021_page.chromium.pdftotext.txt": 200,
    "pingtan_2021_page.markitdown.md": 200,
    "pingtan_2021_page.pandoc_gfm.md": 200,
    "pingtan_2021_page.pandoc_grid.md": 200,
    "pingtan_2021_page.soffice.docx": 200,
    "pingtan_2021_page.soffice.pdf": 200,
    "pingtan_2021_page.soffice.pdftotext.txt": 200,
    "pingtan_2021_page_libreoffice.markitdown.md": 200,
    "pingtan_2023_page.chromium.pdf": 200,
    "pingtan_2023_page.chromium.pdftotext.txt": 200,
    "pingtan_2023_page.markitdown.md": 200,
    "pingtan_2023_page.pandoc_gfm.md": 200,
    "pingtan_2023_page.pandoc_grid.md": 200,
    "pingtan_2023_page.soffice.docx": 200,
    "pingtan_2023_page.soffice.pdf": 200,
    "pingtan_2023_page.soffice.pdftotext.txt": 200,
    "shanghai_gov_office_2019_fragment.chromium.pdf": 198,
    "shanghai_gov_office_2019_fragment.chromium.pdftotext.txt": 144,
    "shanghai_gov_office_2019_fragment.markitdown.md": 198,
    "shanghai_gov_office_2019_fragment.pandoc_gfm.md": 198,
    "shanghai_gov_office_2019_fragment.pandoc_grid.md": 198,
    "shanghai_gov_office_2019_fragment.soffice.docx": 198,
    "shanghai_gov_office_2019_fragment.soffice.pdf": 129,
    "shanghai_gov_office_2019_fragment.soffice.pdftotext.txt": 91,
}


@attrs.frozen
class Score:
    """How one converted file reads against its expected values."""

    name: str
    right: int
    total: int
    wrong: tuple[str, ...]
    missing: tuple[str, ...]
    refused: str | None = None
    #: agency, year or template other than the expected ones
    metadata: tuple[str, ...] = ()


def _same(have: object, want: int | Decimal | None) -> bool:
    if have is None or want is None:
        return have is want
    return Decimal(str(have)) == Decimal(want)


def score(expected_path: Path) -> Score:
    expected = load_expected(expected_path)
    want = {key: as_value(value) for key, value in expected["cells"].items()}
    # What the source prints where this converter lost the cell: a reading of such a
    # cell must be blank or that value.
    lost = {key: as_value(value) for key, value in expected.get("probable_cells", {}).items()}
    name = expected["source"]
    try:
        report = govreport.load(CONVERTERS / name)
    except GovReportError as error:
        return Score(name, 0, len(want), (), tuple(want), f"{type(error).__name__}: {error}")
    got = dict(report.cells())
    wrong = {
        key: f"{key}: {got[key]} for {value}"
        for key, value in want.items()
        if got.get(key) is not None and not _same(got[key], value)
    }
    wrong |= {
        key: f"{key}: {got[key]}, the source prints {value} there"
        for key, value in lost.items()
        if got.get(key) is not None and not _same(got[key], value)
    }
    right = [key for key, value in want.items() if key in got and _same(got[key], value)]
    missing = [key for key in want if key not in right and key not in wrong]
    metadata = tuple(
        f"{key}: {getattr(report, key)!r} for {expected[key]!r}"
        for key in ("agency", "year", "template")
        if key in expected and str(getattr(report, key)) != str(expected[key])
    )
    return Score(
        name, len(right), len(want), tuple(wrong.values()), tuple(missing), metadata=metadata
    )


def _paths() -> list[Path]:
    return expected_files(CONVERTERS)


def test_every_file_has_a_floor() -> None:
    assert sorted(FLOORS) == sorted(load_expected(path)["source"] for path in _paths())


@pytest.mark.parametrize(
    "expected_path", _paths(), ids=lambda path: path.stem.removesuffix(".json")
)
def test_converted_report(expected_path: Path) -> None:
    result = score(expected_path)
    assert result.refused is None  # every file here is a report
    assert result.wrong == ()
    assert result.metadata == ()
    assert result.right >= FLOORS[result.name], result.missing


def matrix(scores: list[Score]) -> str:
    """The converter × document table of right/total, with the totals per converter."""
    rows: dict[str, dict[str, Score]] = {}
    for result in scores:
        document, converter = _split_name(result.name)
        rows.setdefault(converter, {})[document] = result
    documents = sorted({_split_name(result.name)[0] for result in scores})
    lines = ["| converter | " + " | ".join(documents) + " | all |"]
    lines.append("|---" * (len(documents) + 2) + "|")
    for converter in sorted(rows):
        cells = []
        for document in documents:
            result = rows[converter].get(document)
            cells.append(f"{result.right}/{result.total}" if result else "")
        right = sum(result.right for result in rows[converter].values())
        total = sum(result.total for result in rows[converter].values())
        lines.append(f"| {converter} | " + " | ".join(cells) + f" | {right}/{total} |")
    right = sum(result.right for result in scores)
    total = sum(result.total for result in scores)
    wrong = sum(len(result.wrong) for result in scores)
    refused = sum(1 for result in scores if result.refused)
    lines.append(
        f"\nall: {right}/{total} right ({100 * right / total:.1f} %), wrong {wrong}, refused {refused}"
    )
    return "\n".join(lines)


def _split_name(name: str) -> tuple[str, str]:
    # huaian_hongzequ_gov_2023.pdftotext.txt -> (huaian_hongzequ_gov_2023, pdftotext)
    # pingtan_2021_page.chromium.pdftotext.txt -> (pingtan_2021_page, chromium pdftotext)
    parts = name.split(".")
    converter = " ".join(parts[1:-1]) + ("" if parts[-1] in ("md", "txt") else f" {parts[-1]}")
    return parts[0], converter.strip()


if __name__ == "__main__":
    results = [score(path) for path in _paths()]
    verbose = "--verbose" in sys.argv
    for result in results:
        if result.refused or result.wrong or (verbose and result.missing):
            print(result.name, result.refused or "", *result.wrong, sep="\n  ")
            if verbose:
                print("  missing:", " ".join(result.missing))
    print(matrix(results))
