"""Finding fingerprints and the review file: reviewed findings stay reviewed, new ones show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govreport
from expected import SEEDS
from govreport.baseline import (
    Baseline,
    BaselineError,
    Decision,
    Review,
    compare,
    fingerprint,
)
from govreport.cli import main
from govreport.messages import use_language

SEED = SEEDS / "003_bb716c0dab2a4345.txt"  # 老城区人民政府 2024; table 四 on line 70
TABLE4 = "8\t4\t12\t0\t24\t0\t0\t0\t0\t0\t2\t0\t1\t1\t4"


def _write(folder: Path, table4: str, name: str = "report.txt") -> Path:
    path = folder / name
    path.write_text(SEED.read_text(encoding="utf-8").replace(TABLE4, table4), encoding="utf-8")
    return path


def test_fingerprints_survive_rereading_and_moved_lines() -> None:
    report = govreport.load(SEED).with_value("t4.review.total", 25)
    moved_text = SEED.read_text(encoding="utf-8").replace("\n", "\n\n", 3)
    moved = govreport.load(moved_text.encode("utf-8"), format="text").with_value(
        "t4.review.total", 25
    )
    (r4,) = [f for f in govreport.validate(report) if f.rule == "R4"]
    (r4_moved,) = [f for f in govreport.validate(moved) if f.rule == "R4"]
    assert r4.locations != r4_moved.locations  # the lines moved ...
    print_one = fingerprint(r4, report.agency, report.year)
    assert print_one == fingerprint(r4_moved, moved.agency, moved.year)  # ... the identity did not
    assert len(print_one) == 16
    # the numbers are part of what a finding is about
    other = govreport.load(SEED).with_value("t4.review.total", 26)
    (r4_other,) = [f for f in govreport.validate(other) if f.rule == "R4"]
    assert fingerprint(r4_other, other.agency, other.year) != print_one
    assert fingerprint(r4, "老城区 人民政府", 2024) == print_one  # NFKC, no spaces
    assert fingerprint(r4, report.agency, 2023) != print_one


def test_run_review_rerun_then_edit_one_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # table 四's 行政复议 总计 printed as 25 where its parts add up to 24: one R4 error
    report = _write(tmp_path, TABLE4.replace("0\t24", "0\t25", 1))
    reviewed = tmp_path / "reviewed.json"
    assert main(["validate", str(report)]) == 1
    assert main(["validate", str(report), "--baseline", str(reviewed), "--update-baseline"]) == 0
    data = json.loads(reviewed.read_text(encoding="utf-8"))
    assert data["version"] == 1
    (entry,) = [e for e in data["findings"] if e["rule"] == "R4"]
    assert entry["decision"] == "pending" and entry["agency"] == "老城区人民政府"
    # the reviewer accepts the error
    entry.update(decision="accepted", by="市政务公开办 王", why="报告原文如此，已通知更正")
    reviewed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()

    assert main(["validate", str(report), "--baseline", str(reviewed)]) == 0
    out = capsys.readouterr().out
    assert "[new]" not in out
    assert "[accepted] R4 error" in out

    # one more number changed: 复议后起诉 结果维持 2 -> 3 breaks that block's R4 too
    table4 = TABLE4.replace("0\t24", "0\t25", 1).replace("\t2\t0\t1\t1\t4", "\t3\t0\t1\t1\t4")
    edited = _write(tmp_path, table4)
    assert main(["validate", str(edited), "--baseline", str(reviewed), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    new = [f for f in findings if f["review"] is None]
    assert [(f["rule"], f["cells"][0], f["left"], f["right"]) for f in new] == [
        ("R4", "t4.litigation_after_review.total", 4, 5)
    ]
    assert [f["review"]["decision"] for f in findings if f["rule"] == "R4" and f["review"]] == [
        "accepted"
    ]

    # updating keeps the decision taken and adds the new finding as pending
    assert main(["validate", str(edited), "--baseline", str(reviewed), "--update-baseline"]) == 0
    again = Baseline.read(reviewed)
    decisions = sorted(str(r.decision) for r in again.reviews.values() if r.rule == "R4")
    assert decisions == ["accepted", "pending"]


def test_compare_marks_known_and_new() -> None:
    report = govreport.load(SEED).with_value("t4.review.total", 25)
    findings = govreport.validate(report)
    assert [f.rule for f in findings] == ["R4", "X3"]  # the prose says 行政复议 24 件
    marked = compare(Baseline(), report.metadata, findings)
    assert [m.new for m in marked] == [True, True]
    assert marked[0].fingerprint == fingerprint(findings[0], report.agency, report.year)
    known = Baseline({marked[0].fingerprint: Review(marked[0].fingerprint, "dismissed")})
    again = compare(known, report.metadata, findings)
    assert [m.new for m in again] == [False, True]
    assert again[0].review is not None and again[0].review.decision is Decision.DISMISSED


def test_a_broken_review_file_is_a_govreport_error(tmp_path: Path) -> None:
    path = tmp_path / "reviewed.json"
    path.write_text("{not json", encoding="utf-8")
    with use_language("en"), pytest.raises(BaselineError, match="not a govreport review file"):
        Baseline.read(path)
    with pytest.raises(BaselineError, match="不是 govreport 审核记录文件"):
        Baseline.read(path)
    path.write_text('{"version": 9, "findings": []}', encoding="utf-8")
    with use_language("en"), pytest.raises(BaselineError, match="version 9"):
        Baseline.read(path)
    with pytest.raises(BaselineError) as caught:
        Baseline.read(path)
    assert str(caught.value) == f"{path}：审核记录文件版本为 9；本 govreport 读取版本 1"
    path.write_text('{"version": 1, "findings": [{"fingerprint": "ab", "decision": "maybe"}]}')
    with pytest.raises(BaselineError, match="maybe"):
        Baseline.read(path)
    assert isinstance(BaselineError("x"), govreport.GovReportError)
