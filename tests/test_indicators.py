"""The rates of govreport.indicators: exact values of real reports, rounding, and None."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import govreport
from expected import CORPUS
from govreport.indicators import INDICATORS, indicators
from govreport.model import Finding, Severity
from strategies import plain_report

DOCS = Path(__file__).parent.parent / "docs" / "analysis.md"


@pytest.fixture(scope="module")
def pingtan_2021() -> govreport.Report:
    return govreport.load(CORPUS / "pingtan_2021_page.html")


def test_pingtan_2021_rates(pingtan_2021: govreport.Report) -> None:
    # 予以公开 30, 部分公开 5, 不予公开 8, 无法提供 25, 办结 69; 新收 70 (自然人 64), 上年结转 0,
    # 结转下年度 1; 行政复议 3 (纠正 0, 尚未审结 0); 行政诉讼 12 + 0 (纠正 0)
    rates = pingtan_2021.indicators()
    assert rates == {
        "disclosure_rate": Decimal("0.4348"),  # 30 / 69 = 0.434782…
        "substantive_disclosure_rate": Decimal("0.5072"),  # 35 / 69 = 0.507246…
        "withheld_rate": Decimal("0.1159"),  # 8 / 69
        "unavailable_rate": Decimal("0.3623"),  # 25 / 69
        "not_processed_rate": Decimal("0.0000"),
        "carry_forward_rate": Decimal("0.0143"),  # 1 / (70 + 0)
        "review_correction_rate": Decimal("0.0000"),  # 0 / (3 - 0)
        "litigation_correction_rate": Decimal("0.0000"),  # 0 / (12 + 0 - 0)
        "applicant_share.natural_person": Decimal("0.9143"),  # 64 / 70
        "applicant_share.commercial": Decimal("0.0000"),
        "applicant_share.research": Decimal("0.0000"),
        "applicant_share.nonprofit": Decimal("0.0286"),  # 2 / 70
        "applicant_share.legal_services": Decimal("0.0000"),
        "applicant_share.other_org": Decimal("0.0571"),  # 4 / 70
    }


def test_rounding_is_half_up_to_four_places() -> None:
    report = plain_report(values={"t3.granted.total": 1, "t3.total.total": 32})
    # 1 / 32 = 0.03125: half up gives 0.0313 (half even would give 0.0312)
    assert report.indicators()["disclosure_rate"] == Decimal("0.0313")


def test_zero_denominator_gives_none_not_zero() -> None:
    rates = plain_report().indicators()  # every cell 0
    assert all(value is None for value in rates.values())


def test_an_unread_term_gives_none_and_leaves_the_other_rates(
    pingtan_2021: govreport.Report,
) -> None:
    # one of the eight 不予公开 rows not read (a reading finding names it): the sum is
    # unknown, so the rate is too
    unread = Finding("S3", Severity.WARNING, "not read", cells=("t3.withheld.query.total",))
    report = attrs.evolve(
        pingtan_2021.with_value("t3.withheld.query.total", None),
        findings=(*pingtan_2021.findings, unread),
    )
    rates = report.indicators()
    assert rates["withheld_rate"] is None
    assert rates["disclosure_rate"] == Decimal("0.4348")


def test_a_printed_blank_counts_as_zero_unless_its_row_prints_numbers(
    pingtan_2021: govreport.Report,
) -> None:
    # 属于行政查询事项 (1 request, from a person) printed blank across the row: 0, as
    # in the rules' sums; 不予公开 is then 7 of 69
    report = pingtan_2021
    for column in ("natural_person", "total"):
        report = report.with_value(f"t3.withheld.query.{column}", None)
    assert report.indicators()["withheld_rate"] == Decimal("0.1014")
    # only its 总计 blank while the row prints 1: the total is missing, not 0
    missing = pingtan_2021.with_value("t3.withheld.query.total", None)
    assert missing.indicators()["withheld_rate"] is None


def test_a_table_not_printed_gives_none() -> None:
    report = plain_report(values={"t3.granted.total": 1, "t3.total.total": 2})
    without = attrs.evolve(report, table4=None)
    rates = without.indicators()
    assert rates["disclosure_rate"] == Decimal("0.5000")
    assert rates["review_correction_rate"] is None and rates["litigation_correction_rate"] is None


def test_correction_rates_leave_out_pending_cases() -> None:
    values = {
        "t4.review.corrected": 1,
        "t4.review.pending": 2,
        "t4.review.total": 6,
        "t4.litigation_direct.corrected": 1,
        "t4.litigation_direct.total": 2,
        "t4.litigation_after_review.corrected": 1,
        "t4.litigation_after_review.pending": 1,
        "t4.litigation_after_review.total": 3,
    }
    rates = indicators(plain_report(values=values).cells())
    assert rates["review_correction_rate"] == Decimal("0.2500")  # 1 / (6 - 2)
    assert rates["litigation_correction_rate"] == Decimal("0.5000")  # 2 / (5 - 1)
    # every case still pending: nothing decided, no rate
    pending = {"t4.review.pending": 3, "t4.review.total": 3}
    assert indicators(plain_report(values=pending).cells())["review_correction_rate"] is None


def test_docs_state_every_formula() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for indicator in INDICATORS:
        row = f"| {indicator.zh} | {indicator.en} | `{indicator.formula()}` |"
        assert row in text, row
