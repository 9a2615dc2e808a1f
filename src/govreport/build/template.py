"""The template step: the 2019 or the 2021 template, and table 三's （六） rows.

The template shows in table 二's column headings, its 2019-only rows and how many
numbers its rows print; the report year decides only when nothing else does.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from govreport import memo
from govreport.build.assign import T2_2021, T3_SINGLE, T3_SPLIT, Found, matches_of
from govreport.build.common import LabelledRow
from govreport.layout import (
    Template,
    label_core,
)

#: Words of table 二 (column headings, row labels) that only one template prints.
EVIDENCE_2021 = (
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年收费金额",
    "本年处理决定数量",
)
EVIDENCE_2019 = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "采购项目数量",
    "政府集中采购",
    "其他对外管理服务事项",
)


EVIDENCE = (*EVIDENCE_2021, *EVIDENCE_2019)


_labels = attrgetter("labels")


@memo.remembered(maxsize=4096)
def _names_2019_rows(labels: tuple[str, ...]) -> bool:
    """Whether one of the labels is a row only the 2019 template prints (kept by labels:
    label texts recur across reports)."""
    return not _ROWS_2019.isdisjoint(map(label_core, labels))


#: rows of table 二 that only the 2019 template prints, as label cores
_ROWS_2019 = frozenset({"其他对外管理服务事项", "政府集中采购"})


def _shape_votes(rows: Sequence[LabelledRow], found: Found) -> tuple[int, int]:
    """Votes for the 2021 and 2019 templates from how many numbers table 二's rows print:
    行政许可 prints one number in 2021 and three in 2019, 行政事业性收费 one and two."""
    votes_2021 = votes_2019 = 0
    wide = {"licensing": 3, "penalties": 3, "enforcement": 3, "fees": 2}
    for printed, named in zip(rows, found, strict=True):
        row = named[T2_2021]  # most rows name none of these: told first
        if row is None or row.key not in wide or not printed.labels or printed.context == "t3":
            continue
        texts = list(printed.texts)
        while texts and not texts[-1].strip():
            texts.pop()
        while texts and not texts[0].strip():
            texts.pop(0)
        if len(texts) == 1:
            votes_2021 += 1
        elif len(texts) == wide[row.key]:
            votes_2019 += 1
    return votes_2021, votes_2019


def decide_template(
    header_words: Sequence[str], rows: Sequence[LabelledRow], year: int, found: Found | None = None
) -> Template:
    """The template from table 二's column headings, its 2019-only rows, and the number
    of values its rows print; the report year decides only when nothing else does
    (``found``: the rows' :func:`~govreport.build.assign.matches`, when known)."""
    score_2021 = sum(1 for w in header_words if w in EVIDENCE_2021)
    score_2019 = sum(1 for w in header_words if w in EVIDENCE_2019)
    if any(map(_names_2019_rows, map(_labels, rows))):
        score_2019 += 2
    if found is None:
        found = matches_of(rows)
    votes_2021, votes_2019 = _shape_votes(rows, found)
    score_2021 += votes_2021
    score_2019 += votes_2019
    if score_2019 > score_2021:
        return "2019"
    if score_2021 > score_2019:
        return "2021"
    return "2019" if year <= 2020 else "2021"


def has_split_other(rows: Sequence[LabelledRow], found: Found | None = None) -> bool | None:
    """Whether table 三 prints （六） as three rows (True), one row (False), or neither
    (``found``: the rows' :func:`~govreport.build.assign.matches`, when known)."""
    split = single = False
    if found is None:
        found = matches_of(rows)
    for printed, named in zip(rows, found, strict=True):
        matched, matched_single = named[T3_SPLIT], named[T3_SINGLE]
        if matched is None and matched_single is None:
            continue  # most rows name no row of 三 in either shape: told first
        if not printed.labels or printed.context == "t4":  # 四's 其他结果 is no row of 三
            continue
        if matched is not None and matched.key.startswith("other.") and printed.texts:
            split = True
        # a single （六） row has numbers, or at least a full row of (blank) cells
        if (
            matched_single is not None
            and matched_single.key == "other"
            and (len(printed.texts) >= 7 or printed.filled)
        ):
            single = True
    if split:
        return True
    if single:
        return False
    return None
