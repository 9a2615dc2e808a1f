"""Writes the generated reports of one body for consecutive years that the compare tests
and docs/analysis.md use: python tests/data/years/make.py (from the repository root).

2022 and 2023 agree across years: 2023 carries over what 2022 carried forward (X1),
and its documents in force are 2022's plus those issued, minus those repealed (X2).
Each *_broken_* file of 2023 breaks exactly one of the two.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import attrs

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent.parent))  # tests/, for strategies

import govreport  # noqa: E402
from strategies import plain_report, with_text  # noqa: E402

AGENCY = "洛阳市老城区人民政府"

Y2022 = {
    "t2.regulations.issued": 2,
    "t2.regulations.in_force": 10,
    "t2.normative_documents.issued": 5,
    "t2.normative_documents.in_force": 40,
    "t2.licensing.decisions": 120,
    "t3.new.natural_person": 30,
    "t3.new.commercial": 6,
    "t3.new.total": 36,
    "t3.granted.natural_person": 20,
    "t3.granted.commercial": 4,
    "t3.granted.total": 24,
    "t3.unavailable.not_held.natural_person": 7,
    "t3.unavailable.not_held.total": 7,
    "t3.total.natural_person": 27,
    "t3.total.commercial": 4,
    "t3.total.total": 31,
    "t3.carried_forward.natural_person": 3,
    "t3.carried_forward.commercial": 2,
    "t3.carried_forward.total": 5,
    "t4.review.upheld": 2,
    "t4.review.corrected": 1,
    "t4.review.total": 3,
}
Y2023 = {
    "t2.regulations.issued": 1,
    "t2.regulations.repealed": 3,
    "t2.regulations.in_force": 8,  # 10 + 1 - 3
    "t2.normative_documents.issued": 6,
    "t2.normative_documents.repealed": 1,
    "t2.normative_documents.in_force": 45,  # 40 + 6 - 1
    "t2.licensing.decisions": 900,  # a swing: 7.5 times 2022's
    "t3.new.natural_person": 40,
    "t3.new.commercial": 2,
    "t3.new.total": 42,
    "t3.carried_over.natural_person": 3,
    "t3.carried_over.commercial": 2,
    "t3.carried_over.total": 5,
    "t3.granted.natural_person": 30,
    "t3.granted.commercial": 3,
    "t3.granted.total": 33,
    "t3.partially_granted.natural_person": 5,
    "t3.partially_granted.total": 5,
    "t3.unavailable.not_held.natural_person": 8,
    "t3.unavailable.not_held.commercial": 1,
    "t3.unavailable.not_held.total": 9,
    "t3.total.natural_person": 43,
    "t3.total.commercial": 4,
    "t3.total.total": 47,
    "t4.review.upheld": 1,
    "t4.review.total": 1,
}
# 2023 saying it carried over 4 requests of people where 2022 carried forward 3 (X1);
# 一 + 二 still equals 三 + 四 (R1) because one fewer new request is counted.
BROKEN_CARRY_OVER = {
    **Y2023,
    "t3.carried_over.natural_person": 4,
    "t3.carried_over.total": 6,
    "t3.new.natural_person": 39,
    "t3.new.total": 41,
}
# 2023 printing 50 normative documents in force where 40 + 6 - 1 = 45 (X2).
BROKEN_STOCK = {**Y2023, "t2.normative_documents.in_force": 50}


def report(year: int, values: dict[str, Any]) -> govreport.Report:
    base = with_text(plain_report(values=values), 6, "本年度未收取信息处理费。")  # E3
    title = f"{AGENCY}{year}年政府信息公开工作年度报告"
    metadata = attrs.evolve(base.metadata, agency=AGENCY, year=year, title=title)
    return attrs.evolve(base, metadata=metadata)


FILES = {
    "laocheng_2022.txt": (2022, Y2022),
    "laocheng_2023.txt": (2023, Y2023),
    "laocheng_2023_broken_carry_over.txt": (2023, BROKEN_CARRY_OVER),
    "laocheng_2023_broken_stock.txt": (2023, BROKEN_STOCK),
}


def main() -> None:
    for name, (year, values) in FILES.items():
        (HERE / name).write_bytes(govreport.dumps(report(year, values), "text"))


if __name__ == "__main__":
    main()
