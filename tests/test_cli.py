"""The govreport command."""

from __future__ import annotations

import json

import pytest

from expected import SEEDS
from govreport.cli import main, sample_path


def test_show_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "--sample"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("老城区人民政府 2024 年政府信息公开工作年度报告")
    assert "行政事业性收费" in out and "79.6954" in out
    assert "发现 0 项" in out


def test_sample_is_a_real_seed() -> None:
    assert sample_path().read_bytes() == (SEEDS / "003_bb716c0dab2a4345.txt").read_bytes()


def test_cells_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cells", str(SEEDS / "003_bb716c0dab2a4345.txt")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["agency"] == "老城区人民政府"
    assert data["cells"]["t2.fees.amount"] == "79.6954"
    assert data["cells"]["t3.total.total"] == 557


def test_validate_exit_status(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    import pathlib

    assert main(["validate", str(SEEDS / "001_27644f09ec1ea7ef.txt")]) == 0
    broken = pathlib.Path(str(tmp_path)) / "broken.txt"
    text = (SEEDS / "003_bb716c0dab2a4345.txt").read_text(encoding="utf-8")
    broken.write_text(text.replace("8\t4\t12\t0\t24", "8\t4\t12\t0\t25"), encoding="utf-8")
    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "R4 error" in out
    assert main(["validate", "--json", str(broken)]) == 1
    line = capsys.readouterr().out.strip()
    assert json.loads(line)["findings"][0]["cells"][0] == "t4.review.total"


def test_refused_file_exit_status(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    import pathlib

    junk = pathlib.Path(str(tmp_path)) / "junk.txt"
    junk.write_text("hello", encoding="utf-8")
    assert main(["validate", str(junk)]) == 1
    assert "NotAReportError" in capsys.readouterr().err


def test_formats_lists_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats"]) == 0
    assert "text" in capsys.readouterr().out
