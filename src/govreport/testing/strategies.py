"""Hypothesis strategies for valid reports of both templates, for plugin authors' tests.

Tables are drawn part by part and their totals computed, so every report satisfies
rules R1–R5 of the template; a zero may then be printed blank (``None``), which is
what a writer must keep apart from ``0``. Agency names and prose are made of the
words real reports use.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from govreport.layout import (
    APPLICANT_COLUMNS,
    SECTIONS,
    T3_OUTCOME_KEYS_SINGLE,
    T3_OUTCOME_KEYS_SPLIT,
    TABLE3_SINGLE_OTHER,
    TABLE3_SPLIT_OTHER,
    TABLE4,
    TITLE_SUFFIX,
    Template,
    table2_layout,
)
from govreport.model import Cell, Metadata, Report, Section, Table

MAX_COUNT = 10**6

# --- data: the words agency names and report prose are made of --------------------------

PROVINCES = ("", "河南省", "广东省", "浙江省", "四川省", "内蒙古自治区", "广西壮族自治区", "北京市")
CITY_SYLLABLES = "洛阳杭州成都南宁西安长春兰州合肥福建平潭泉漳龙岩宁德清远韶关梅河源阳江"
CITY_KINDS = ("市", "州", "地区", "盟")
COUNTY_KINDS = ("区", "县", "旗", "自治县", "市")
BODIES = (
    "人民政府",
    "人民政府办公室",
    "发展和改革委员会",
    "教育局",
    "财政局",
    "自然资源和规划局",
    "市场监督管理局",
    "生态环境局",
    "住房和城乡建设局",
    "街道办事处",
    "镇人民政府",
    "卫生健康委员会",
    "交通运输局",
)
SUBSECTIONS = (
    "（一）主动公开",
    "（二）依申请公开",
    "（三）政府信息管理",
    "（四）政府信息公开平台建设",
    "（五）监督保障",
)
PROSE_CHARS = "我区坚持以人民为中心积极履行政府信息职责不断提升质量和效率充分发挥网站渠道作用全年通过发布条报送采用率咨询件办结完善制度审核保密监督"
PROSE_PUNCTUATION = "，。、；：“”《》（）！？…"
#: ASCII marks that Markdown and HTML give a meaning: rare in reports, but prose must
#: survive them (``\\*``, ``&amp;``); never at the start of a line, where text has no escape.
MARKUP_CHARACTERS = "*_`[]()<>&|\\~+-#=!."
UNITS = ("条", "件", "个", "次", "万元", "%")


# --- metadata and prose -------------------------------------------------------------------


@st.composite
def place_names(draw: st.DrawFn, kinds: Sequence[str]) -> str:
    size = draw(st.integers(1, 3))
    stem = "".join(draw(st.sampled_from(CITY_SYLLABLES)) for _ in range(size))
    return stem + draw(st.sampled_from(kinds))


@st.composite
def agencies(draw: st.DrawFn) -> str:
    """Agency names of realistic length: 广东省韶关市龙岩区自然资源和规划局 and shorter."""
    parts = [draw(st.sampled_from(PROVINCES))]
    if draw(st.booleans()):
        parts.append(draw(place_names(CITY_KINDS)))
    if draw(st.booleans()) or not "".join(parts):
        parts.append(draw(place_names(COUNTY_KINDS)))
    parts.append(draw(st.sampled_from(BODIES)))
    return "".join(parts)


def _number_texts() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(0, 10**7).map(str),
        st.tuples(st.integers(0, 999), st.integers(0, 99)).map(lambda p: f"{p[0]}.{p[1]}"),
        st.integers(2019, 2025).map(lambda y: f"{y}年"),
    )


@st.composite
def sentences(draw: st.DrawFn) -> str:
    pieces: list[str] = [
        "".join(draw(st.lists(st.sampled_from(PROSE_CHARS), min_size=1, max_size=12)))
    ]
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.integers(0, 6))
        if kind == 6:
            pieces.append(draw(st.sampled_from(MARKUP_CHARACTERS)))
        elif kind == 0:
            number = draw(_number_texts())
            spaced = draw(st.booleans())
            unit = draw(st.sampled_from(UNITS))
            pieces.append(f" {number} {unit}" if spaced else f"{number}{unit}")
        elif kind == 1:
            pieces.append(draw(st.sampled_from(PROSE_PUNCTUATION)))
        else:
            pieces.append(
                "".join(draw(st.lists(st.sampled_from(PROSE_CHARS), min_size=1, max_size=12)))
            )
    return "".join(pieces).strip() + "。"


@st.composite
def prose_line(draw: st.DrawFn) -> str:
    start = draw(st.integers(0, 4))
    prefix = ""
    if start == 0:
        prefix = draw(st.sampled_from(SUBSECTIONS)) + "："
    elif start == 1:
        prefix = f"{draw(st.integers(1, 9))}."  # a numbered point
    return prefix + "".join(draw(st.lists(sentences(), min_size=1, max_size=3)))


@st.composite
def prose(draw: st.DrawFn, *, min_lines: int = 0) -> str:
    """Section text: lines of Chinese sentences with numbers, units and punctuation."""
    lines = draw(st.lists(prose_line(), min_size=min_lines, max_size=4))
    separator = draw(st.sampled_from(("\n", "\n\n", "\n \n", "\r\n", "\u3000\n")))
    return separator.join(lines)


def plain_prose() -> st.SearchStrategy[str]:
    """One short sentence: cheap to draw, for properties about tables rather than text."""
    return st.text(st.sampled_from(PROSE_CHARS), min_size=1, max_size=30).map(
        lambda text: text + "。"
    )


@st.composite
def sections(draw: st.DrawFn, *, rich: bool = True) -> tuple[Section, ...]:
    """The six sections with their official headings and drawn prose (one plain
    sentence each when not ``rich``)."""
    out = []
    for layout in SECTIONS:
        text = draw(
            prose(min_lines=1 if layout.number in (1, 5, 6) else 0) if rich else plain_prose()
        )
        out.append(
            Section(number=layout.number, heading=f"{layout.numeral}、{layout.heading}", text=text)
        )
    return tuple(out)


# --- numbers ------------------------------------------------------------------------------


def counts() -> st.SearchStrategy[int]:
    """0 to 10^6, with zeros and small counts as common as in real tables."""
    return st.one_of(st.just(0), st.integers(0, 30), st.integers(0, MAX_COUNT))


def signed_counts() -> st.SearchStrategy[int]:
    """2019's 本年增/减, which may be negative."""
    return st.integers(-MAX_COUNT, MAX_COUNT)


def amounts() -> st.SearchStrategy[Decimal]:
    """Money in 万元 with 0 to 6 decimals, the printed digits kept (``0.500000``)."""
    return st.builds(
        lambda whole, fraction, places: Decimal(
            f"{whole}.{fraction % 10**places:0{places}d}" if places else whole
        ),
        st.integers(0, MAX_COUNT),
        st.integers(0, 10**6 - 1),
        st.integers(0, 6),
    )


@st.composite
def blank_mask(draw: st.DrawFn, size: int) -> list[bool]:
    """Which of ``size`` cells print a zero as blank: none, every zero, or some."""
    style = draw(st.sampled_from(("none", "all", "some")))
    if style == "none":
        return [False] * size
    if style == "all":
        return [True] * size
    return draw(st.lists(st.booleans(), min_size=size, max_size=size))


def _blank_zeros(values: dict[str, int], mask: Sequence[bool]) -> dict[str, int | None]:
    return {
        k: (None if v == 0 and blank else v)
        for (k, v), blank in zip(values.items(), mask, strict=True)
    }


def _table(name: str, ids: Sequence[str], values: dict[str, Any]) -> Table:
    return Table(name, tuple(Cell(cell_id, values[cell_id]) for cell_id in ids))


# --- tables -------------------------------------------------------------------------------


@st.composite
def table2(draw: st.DrawFn, template: Template) -> Table:
    """Table 二: no rule ties its cells together; any may be blank."""
    layout = table2_layout(template)
    values: dict[str, Any] = {}
    for cell_id, column in zip(
        layout.cell_ids(), (c for r in layout.rows for c in r.columns), strict=True
    ):
        strategy = amounts() if column.decimal else signed_counts() if column.signed else counts()
        values[cell_id] = (
            draw(st.one_of(st.none(), strategy)) if draw(st.integers(0, 5)) == 0 else draw(strategy)
        )
    return _table("t2", list(layout.cell_ids()), values)


@st.composite
def table3(draw: st.DrawFn, single_other: bool) -> Table:
    """Table 三 satisfying R1 (一+二 = 三（七）+四), R2 (总计 = the applicant columns) and
    R3 (（七） = the outcome rows): outcome parts and 结转下年度 are drawn, 上年结转 is drawn
    no larger than what the column handles, and 本年新收 is what remains."""
    layout = TABLE3_SINGLE_OTHER if single_other else TABLE3_SPLIT_OTHER
    outcome_keys = T3_OUTCOME_KEYS_SINGLE if single_other else T3_OUTCOME_KEYS_SPLIT
    applicants = [c.key for c in APPLICANT_COLUMNS]
    # Many rows are all zeros in real reports: a row is active or zero.
    parts: dict[str, dict[str, int]] = {}
    for key in outcome_keys:
        active = draw(st.booleans())
        parts[key] = {c: draw(counts()) if active else 0 for c in applicants}
    total = {c: sum(parts[k][c] for k in outcome_keys) for c in applicants}
    carried_forward = {c: draw(counts()) for c in applicants}
    carried_over = {c: draw(st.integers(0, total[c] + carried_forward[c])) for c in applicants}
    new = {c: total[c] + carried_forward[c] - carried_over[c] for c in applicants}
    rows = {
        "new": new,
        "carried_over": carried_over,
        **parts,
        "total": total,
        "carried_forward": carried_forward,
    }
    values: dict[str, int] = {}
    for row in layout.rows:
        row_values = rows[row.key]
        for c in applicants:
            values[f"t3.{row.key}.{c}"] = row_values[c]
        values[f"t3.{row.key}.total"] = sum(row_values.values())
    ids = list(layout.cell_ids())
    printed = _blank_zeros({i: values[i] for i in ids}, draw(blank_mask(len(ids))))
    return _table("t3", ids, printed)


@st.composite
def table4(draw: st.DrawFn) -> Table:
    """Table 四 satisfying R4: each block's 总计 is the sum of its four results."""
    values: dict[str, int] = {}
    for block in TABLE4.rows:
        parts = [draw(counts()) for _ in range(4)]
        for column, value in zip(block.columns[:4], parts, strict=True):
            values[f"t4.{block.key}.{column.key}"] = value
        values[f"t4.{block.key}.total"] = sum(parts)
    ids = list(TABLE4.cell_ids())
    printed = _blank_zeros({i: values[i] for i in ids}, draw(blank_mask(len(ids))))
    return _table("t4", ids, printed)


# --- reports ------------------------------------------------------------------------------


@st.composite
def reports(
    draw: st.DrawFn,
    template: Template | None = None,
    single_other: bool | None = None,
    *,
    rich_prose: bool = True,
) -> Report:
    """A valid report of either template: 2019 (years 2019–2020, single （六） row) or
    2021 (years 2021–2025, （六） split in three or, as some reports still print it, one).
    ``rich_prose=False`` draws one plain sentence per section, five times faster."""
    chosen: Template = template if template is not None else draw(st.sampled_from(("2019", "2021")))
    if chosen == "2019":
        year = draw(st.integers(2019, 2020))
        single = True if single_other is None else single_other
    else:
        year = draw(st.integers(2021, 2025))
        single = draw(st.booleans()) if single_other is None else single_other
    agency = draw(agencies())
    year_text = draw(st.sampled_from((f"{year}年", f"{year}年度")))
    metadata = Metadata(
        agency=agency, year=year, title=f"{agency}{year_text}{TITLE_SUFFIX}", template=chosen
    )
    return Report(
        metadata=metadata,
        sections=draw(sections(rich=rich_prose)),
        table2=draw(table2(chosen)),
        table3=draw(table3(single)),
        table4=draw(table4()),
    )


__all__ = [
    "agencies",
    "amounts",
    "blank_mask",
    "counts",
    "plain_prose",
    "prose",
    "reports",
    "sections",
    "signed_counts",
    "table2",
    "table3",
    "table4",
]
