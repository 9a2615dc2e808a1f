"""The consistency rules: quiet on reports that add up, exact findings on ones that do not."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govreport
from expected import CORPUS, SEEDS, document_of, expected_files, load_expected
from govreport import Severity
from govreport.document import Document, Paragraph
from govreport.document import Table as DocTable
from govreport.layout import T3_COLUMNS
from govreport.model import CellState
from govreport.validate import rule_r1, rule_r2, rule_r3, rule_r4, rule_r5, rule_x3, rule_x4

SEED_REPORTS = {p.name: govreport.load(p) for p in sorted(SEEDS.glob("*.txt"))}


@pytest.mark.parametrize("name", sorted(SEED_REPORTS))
def test_seeds_add_up(name: str) -> None:
    findings = govreport.validate(SEED_REPORTS[name])
    assert [f for f in findings if f.severity is Severity.ERROR] == []


def _mutable_cells(report: govreport.Report) -> list[str]:
    return [
        c.id
        for t in (report.table3, report.table4)
        if t is not None
        for c in t
        if c.value is not None
    ]


@given(data=st.data())
def test_any_cell_plus_one_gives_an_error_naming_it(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(SEED_REPORTS)), label="seed")
    report = SEED_REPORTS[name]
    cell_id = data.draw(st.sampled_from(_mutable_cells(report)), label="cell")
    value = report.cells()[cell_id]
    assert isinstance(value, int)
    broken = report.with_value(cell_id, value + 1)
    errors = [f for f in govreport.validate(broken) if f.severity is Severity.ERROR]
    assert errors, f"{cell_id} + 1 went unnoticed"
    assert any(cell_id in f.cells and f.rule in {"R1", "R2", "R3", "R4"} for f in errors)
    for finding in errors:
        assert finding.difference in (1, -1)


def test_r2_finding_names_the_row_and_both_sides() -> None:
    report = SEED_REPORTS["003_bb716c0dab2a4345.txt"].with_value("t3.granted.total", 81)
    (finding,) = rule_r2(report)
    assert finding.rule == "R2"
    assert finding.cells == (
        "t3.granted.total",
        "t3.granted.natural_person",
        "t3.granted.commercial",
        "t3.granted.research",
        "t3.granted.nonprofit",
        "t3.granted.legal_services",
        "t3.granted.other_org",
    )
    assert (finding.left, finding.right, finding.difference) == (81, 80, 1)
    assert finding.message == "表三「（一）予以公开」行：总计为 81，各类申请人合计为 80。"
    assert finding.locations[0] == govreport.Location(line=41, column=9)


def test_r1_and_r3_on_a_changed_outcome_cell() -> None:
    report = SEED_REPORTS["003_bb716c0dab2a4345.txt"].with_value("t3.total.natural_person", 558)
    (r1,) = rule_r1(report)
    assert r1.cells[0] == "t3.new.natural_person" and "t3.total.natural_person" in r1.cells
    assert (r1.left, r1.right) == (545 + 23, 558 + 11)
    (r3,) = rule_r3(report)
    assert (r3.left, r3.right) == (558, 557)
    assert r3.cells[0] == "t3.total.natural_person"


def test_r4_reports_each_block() -> None:
    report = SEED_REPORTS["003_bb716c0dab2a4345.txt"].with_value(
        "t4.litigation_after_review.pending", 0
    )
    (finding,) = rule_r4(report)
    assert finding.cells[0] == "t4.litigation_after_review.total"
    assert (finding.left, finding.right) == (4, 3)


def test_r5_negative_and_fractional_counts() -> None:
    report = SEED_REPORTS["003_bb716c0dab2a4345.txt"]
    negative = report.with_value("t3.new.commercial", -1)
    assert [f.cells for f in rule_r5(negative)] == [("t3.new.commercial",)]
    fraction = report.with_value("t2.penalties.decisions", Decimal("1.5"))
    assert [f.cells for f in rule_r5(fraction)] == [("t2.penalties.decisions",)]
    assert list(rule_r5(report)) == []  # the fee amount 79.6954 is a decimal by design


def test_blank_total_against_printed_parts_is_reported() -> None:
    report = SEED_REPORTS["003_bb716c0dab2a4345.txt"].with_value("t3.granted.total", None)
    (finding,) = rule_r2(report)
    assert (finding.left, finding.right) == (0, 80)


def test_all_blank_comparison_is_quiet() -> None:
    report = SEED_REPORTS["001_27644f09ec1ea7ef.txt"]
    for column in (
        "natural_person",
        "commercial",
        "research",
        "nonprofit",
        "legal_services",
        "other_org",
        "total",
    ):
        report = report.with_value(f"t3.granted.{column}", None)
    assert list(rule_r2(report)) == []


def test_x3_prose_matches_on_seed_002_and_mismatch_is_reported() -> None:
    report = SEED_REPORTS["002_19ca39454c16e942.txt"]
    assert list(rule_x3(report)) == []
    changed = report.with_value("t3.new.total", 80).with_value("t3.new.natural_person", 80)
    findings = list(rule_x3(changed))
    assert [f.rule for f in findings] == ["X3"]
    assert findings[0].cells == ("t3.new.total",)
    assert (findings[0].left, findings[0].right) == (81, 80)


def test_x4_fee_rows_need_a_fee_mention() -> None:
    report = SEED_REPORTS["003_bb716c0dab2a4345.txt"]
    assert list(rule_x4(report)) == []
    charged = report.with_value("t3.other.unpaid_fee.total", 2)
    assert list(rule_x4(charged)) == []  # section 六 speaks of 信息处理费
    import attrs

    silent = attrs.evolve(charged, sections=tuple(s for s in charged.sections if s.number != 6))
    (finding,) = rule_x4(silent)
    assert finding.cells == ("t3.other.unpaid_fee.total",)


def test_crawler_text_findings_are_warnings_not_errors() -> None:
    report = govreport.load(CORPUS / "pingtan_gov_2021_page.txt")
    findings = govreport.validate(report)
    assert {f.rule for f in findings if f.severity is Severity.ERROR} <= {"R1", "R3"}
    assert sum(1 for f in findings if f.rule == "S3") == 6


def test_findings_serialise() -> None:
    report = SEED_REPORTS["003_bb716c0dab2a4345.txt"].with_value("t4.review.total", 25)
    (finding,) = rule_r4(report)
    assert govreport.Finding.from_dict(finding.to_dict()) == finding


def test_seed_paths_exist() -> None:
    assert len(SEED_REPORTS) == 5
    assert all(Path(SEEDS / name).exists() for name in SEED_REPORTS)


# --- only true errors: an equation with a cell not read is not checked ------------------------


def _equation_errors(report: govreport.Report) -> set[tuple[object, ...]]:
    return {
        (f.rule, f.cells, f.left, f.right)
        for f in govreport.validate(report)
        if f.rule in {"R1", "R2", "R3", "R4"} and f.severity is Severity.ERROR
    }


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    """Every seed and corpus document that is a report, read once into neutral blocks."""
    out = {}
    for folder in (SEEDS, CORPUS):
        for path in expected_files(folder):
            if not load_expected(path).get("expect_error"):
                source = document_of(path)
                out[source.name] = govreport.read_document(source)
    return out


def _edits(document: Document) -> list[tuple[int, int, int | None]]:
    """(block, row, cell): delete a table row or a paragraph (cell None), or make one
    value cell of a table row unreadable."""
    out: list[tuple[int, int, int | None]] = []
    for b, block in enumerate(document.blocks):
        if isinstance(block, DocTable):
            for r, row in enumerate(block.rows):
                out.append((b, r, None))
                out += [(b, r, c) for c, cell in enumerate(row) if re.search(r"\d", cell.text)]
        elif isinstance(block, Paragraph):
            out.append((b, -1, None))
    return out


def _edited(document: Document, b: int, r: int, c: int | None) -> Document:
    block = document.blocks[b]
    if not isinstance(block, DocTable):
        return attrs.evolve(document, blocks=document.blocks[:b] + document.blocks[b + 1 :])
    rows = list(block.rows)
    if c is None:
        del rows[r]
    else:
        # a number with a footnote mark: a value cell, but not one that can be read
        row = list(rows[r])
        row[c] = attrs.evolve(row[c], text="7²")
        rows[r] = tuple(row)
    table = attrs.evolve(block, rows=tuple(rows))
    return attrs.evolve(document, blocks=(*document.blocks[:b], table, *document.blocks[b + 1 :]))


@given(data=st.data())
def test_a_lost_row_or_unreadable_cell_adds_no_equation_error(
    documents: dict[str, Document], data: st.DataObject
) -> None:
    name = data.draw(st.sampled_from(sorted(documents)), label="document")
    document = documents[name]
    b, r, c = data.draw(st.sampled_from(_edits(document)), label="edit")
    complete = _equation_errors(govreport.build(document, source=name))
    try:
        edited = govreport.build(_edited(document, b, r, c), source=name)
    except govreport.GovReportError:
        return  # e.g. the title line was deleted: refused, so no findings at all
    assert _equation_errors(edited) <= complete


def test_crawler_text_gives_no_equation_error_and_names_what_was_not_read() -> None:
    report = govreport.load(CORPUS / "pingtan_gov_2023_page.txt")
    findings = govreport.validate(report)
    assert _equation_errors(report) == set()
    (t3,) = [f for f in findings if f.rule == "S9" and f.message.startswith("表三")]
    assert t3.severity is Severity.INFO
    assert len(t3.cells) == 35  # five rows of seven: 一, （一）, （二）, （四）1, （七）
    assert "t3.granted.natural_person" in t3.cells and "t3.total.total" in t3.cells
    assert "19 个等式无法核对" in t3.message
    assert "R3（（七）总计 = （一）至（六）各项之和）：「自然人」列" in t3.message
    assert all(report.cell_state(i) is CellState.UNREAD for i in t3.cells)


def test_a_missing_row_makes_its_equations_unknown() -> None:
    report = SEED_REPORTS["003_bb716c0dab2a4345.txt"].with_value("t3.granted.total", 81)
    assert report.table3 is not None
    cells = tuple(c for c in report.table3 if not c.id.startswith("t3.granted."))
    lost = attrs.evolve(report, table3=attrs.evolve(report.table3, cells=cells))
    assert lost.cell_state("t3.granted.total") is CellState.UNREAD
    assert [f.left for f in rule_r2(report)] == [81]  # the printed row breaks R2
    findings = govreport.validate(lost)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    (note,) = [f for f in findings if f.rule == "S9"]
    assert note.cells == tuple(f"t3.granted.{c.key}" for c in T3_COLUMNS)
    assert "R2（总计 = 各类申请人之和）：「（一）予以公开」行" in note.message
    assert "以下 8 个等式无法核对" in note.message  # R2 of the row, R3 of its seven columns


def test_a_lone_blank_among_numbers_is_not_read_and_accuses_no_one() -> None:
    # The converter's Markdown of the 上海市科委 2024 PDF loses 四、结转下年度's 总计
    # (the row prints 1 0 0 0 0 0 and an empty cell; the prose says 1 was carried forward).
    report = govreport.load(CORPUS / "shanghai_stcsm_kewei_2024_pdf2md.md")
    assert report.cell_state("t3.carried_forward.total") is CellState.UNREAD
    reason = report.unread_reason("t3.carried_forward.total")
    assert reason is not None and reason.rule == "S3" and "可能是转换时丢失的数字" in reason.message
    assert _equation_errors(report) == set()  # was R1 36 ≠ 35 and R2 空白 ≠ 1
    # a blank column the report printed as such is the report's: Shanghai 2019's 总计
    shanghai = govreport.load(CORPUS / "shanghai_gov_office_2019_fragment.html")
    assert shanghai.cell_state("t3.granted.total") is CellState.BLANK
    assert {f[0] for f in _equation_errors(shanghai)} == {"R2", "R3"}


def test_messages_in_both_languages_write_a_blank_as_a_word() -> None:
    from govreport.messages import use_language

    report = SEED_REPORTS["003_bb716c0dab2a4345.txt"].with_value("t3.granted.total", None)
    (zh,) = rule_r2(report)
    assert zh.message == "表三「（一）予以公开」行：总计为 空白，各类申请人合计为 80。"
    with use_language("en"):
        (en,) = rule_r2(report)
        where = str(en).split(" [", 1)[1]
    assert en.message == (
        "Table 三, row 「（一）予以公开」: the total is blank, the applicant columns add up to 80."
    )
    assert where.startswith("表三 row 「（一）予以公开」, line ")
    assert "None" not in zh.message + en.message


def test_reports_validated_in_turn_each_give_their_own_findings() -> None:
    # R1-R3 share what they read of table 三 while it is the table checked last
    good = SEED_REPORTS["003_bb716c0dab2a4345.txt"]
    broken = good.with_value("t3.granted.total", 81)
    same_cells = good.with_value("t3.granted.total", 80)  # an equal table, another object
    # 总计 81 breaks its row (R2) and its column's sum of outcomes (R3: 557 against 558)
    wrong_total = [("R2", 81, 80), ("R3", 557, 558)]
    for report, errors in ((broken, wrong_total), (good, []), (broken, wrong_total)):
        assert _errors(report) == errors
    assert _errors(same_cells) == []
    assert _errors(broken.with_value("t3.granted.natural_person", 79)) == [
        ("R2", 81, 79),
        ("R3", 557, 556),  # column 自然人
        ("R3", 557, 558),  # column 总计
    ]


def _errors(report: govreport.Report) -> list[tuple[str, object, object]]:
    return [
        (f.rule, f.left, f.right)
        for f in govreport.validate(report)
        if f.severity is Severity.ERROR
    ]


def test_a_decimal_part_keeps_its_digits_in_the_sum() -> None:
    report = SEED_REPORTS["003_bb716c0dab2a4345.txt"]
    broken = report.with_value("t3.granted.natural_person", Decimal("80.50"))
    (r2,) = rule_r2(broken)
    assert (r2.left, r2.right) == (80, Decimal("80.50"))
    assert r2.message == "表三「（一）予以公开」行：总计为 80，各类申请人合计为 80.50。"


def test_validate_words_its_findings_in_the_environment_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = SEED_REPORTS["003_bb716c0dab2a4345.txt"].with_value("t3.granted.total", 81)
    monkeypatch.setenv("GOVREPORT_LANG", "en")
    (finding,) = [f for f in govreport.validate(broken) if f.rule == "R2"]
    assert finding.message == (
        "Table 三, row 「（一）予以公开」: the total is 81, the applicant columns add up to 80."
    )
    monkeypatch.setenv("GOVREPORT_LANG", "zh")
    (finding,) = [f for f in govreport.validate(broken) if f.rule == "R2"]
    assert finding.message == "表三「（一）予以公开」行：总计为 81，各类申请人合计为 80。"
