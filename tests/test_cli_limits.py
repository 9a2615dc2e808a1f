"""``--limit NAME=VALUE``: the reading budgets (docs/limits.md) from the command line,
so that a batch of scans, slow to read by OCR, can be given the time it needs."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from expected import CORPUS
from govreport.cli import main

PDF = CORPUS / "huaian_hongzequ_gov_2023.pdf"


def test_a_limit_refuses_and_the_refusal_says_how_to_raise_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--lang", "en", "show", "--limit", "pages=1", str(PDF)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"govreport show: {PDF}: refused (LimitExceededError): the PDF has at least 5 pages,"
        " above the limit pages=1; to read it, raise the limit: govreport.load(...,"
        " options=BuildOptions(limits=Limits(pages=...))) (huaian_hongzequ_gov_2023.pdf);"
        " on the command line, raise it with --limit pages=...\n"
    )
    assert main(["show", "--limit", "pages=1", str(PDF)]) == 1
    assert capsys.readouterr().err.endswith("；命令行上用 --limit pages=… 提高上限\n")


def test_a_raised_limit_reads(capsys: pytest.CaptureFixture[str]) -> None:
    # read (status 1: the report's own R4 errors, printed in its table 四)
    assert main(["show", "--limit", "pages=5", "--limit", "seconds=none", str(PDF)]) == 1
    shown = capsys.readouterr()
    assert shown.out.startswith("洪泽区人民政府2023年政府信息公开工作年度报告")
    assert "LimitExceededError" not in shown.err


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (
            "speed=3",
            "--limit takes NAME=VALUE with NAME one of bytes, html_bytes, pages, stream_bytes,"
            " decompressed_bytes, glyphs_per_page, table_cells, nesting, seconds, not 'speed=3'",
        ),
        ("pages", "--limit takes NAME=VALUE with NAME one of"),
        ("pages=0", "--limit pages needs a positive number, not '0'"),
        ("pages=2.5", "--limit pages needs a positive number, not '2.5'"),
        ("seconds=-1", "--limit seconds needs a positive number, not '-1'"),
    ],
)
def test_a_wrong_limit_is_a_usage_error(
    given: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "show", "--limit", given, str(PDF)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"govreport show: argument --limit: {said}")
    assert err.endswith("(see govreport show --help)\n") and err.count("\n") == 1


def test_batch_takes_the_limits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.csv"
    findings = tmp_path / "findings.csv"
    command = ["batch", str(PDF), "-o", str(out), "--findings", str(findings), "-j", "0"]
    assert main([*command, "--limit", "pages=1"]) == 1
    capsys.readouterr()
    with findings.open(encoding="utf-8-sig") as rows:
        refused = [row for row in csv.DictReader(rows) if "LimitExceededError" in str(row)]
    assert refused
    assert main([*command, "--limit", "pages=20", "--limit", "seconds=120"]) == 1  # its R4s
    assert "共 1 个来源，读取 1 个" in capsys.readouterr().err
    with out.open(encoding="utf-8-sig") as rows:
        assert sum(1 for row in csv.DictReader(rows) if row["value"] not in ("", None)) == 186
