"""The report's fixed layout: sections, tables, rows, columns and their canonical cell IDs.

This module is the one place that holds the template's Chinese wording (FORMAT.md):
official labels, the variants and typos seen in real reports, and the IDs that
exports and tests use. The builder, the validator and the writers all read it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Literal

import attrs

from govreport import memo

Template = Literal["2019", "2021"]
TEMPLATES: tuple[Template, ...] = ("2019", "2021")


@attrs.frozen(cache_hash=True)
class Column:
    key: str
    label: str
    decimal: bool = False  # a money amount, read as Decimal
    signed: bool = False  # 2019's 本年增/减 may be negative


@attrs.frozen(cache_hash=True)
class Row:
    """One printed row. ``aliases`` are label cores (see :func:`label_core`) that name it."""

    key: str
    label: str
    columns: tuple[Column, ...]
    group: str | None = None
    aliases: tuple[str, ...] = ()
    #: a typo seen in real reports: matched, and reported as an info finding
    typos: tuple[str, ...] = ()


@attrs.frozen(cache_hash=True)
class TableLayout:
    name: Literal["t2", "t3", "t4"]
    title: str
    rows: tuple[Row, ...]

    def cell_ids(self) -> Iterator[str]:
        for row in self.rows:
            for column in row.columns:
                yield f"{self.name}.{row.key}.{column.key}"

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)


@attrs.frozen
class SectionLayout:
    number: int
    numeral: str
    heading: str
    variants: tuple[str, ...]


SECTIONS: tuple[SectionLayout, ...] = (
    SectionLayout(1, "一", "总体情况", ("总体情况", "概述")),
    SectionLayout(2, "二", "主动公开政府信息情况", ("主动公开政府信息情况",)),
    SectionLayout(
        3,
        "三",
        "收到和处理政府信息公开申请情况",
        ("收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请"),
    ),
    SectionLayout(
        4,
        "四",
        "政府信息公开行政复议、行政诉讼情况",
        (
            "政府信息公开行政复议行政诉讼情况",
            "政府信息公开行政复议和行政诉讼情况",
            "因政府信息公开工作被申请行政复议提起行政诉讼情况",
            "因政府信息公开申请行政复议提起行政诉讼的情况",
            "政府信息公开行政法复议行政诉讼情况",
            "行政复议行政诉讼情况",
        ),
    ),
    SectionLayout(
        5,
        "五",
        "存在的主要问题及改进情况",
        (
            "存在的主要问题及改进情况",
            "政府信息公开工作存在的主要问题及改进情况",
            "存在主要问题和改进情况",
            "存在的主要问题和改进情况",
            "存在的主要问题及改进措施",
        ),
    ),
    SectionLayout(
        6,
        "六",
        "其他需要报告的事项",
        ("其他需要报告的事项", "其它需要报告的事项"),
    ),
)

# --- table 二 -------------------------------------------------------------------------

_DOCS_2021 = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
)
_DECISIONS_2021 = (Column("decisions", "本年处理决定数量"),)

TABLE2_2021 = TableLayout(
    "t2",
    "主动公开政府信息情况",
    (
        Row("regulations", "规章", _DOCS_2021, "第二十条第（一）项", ("规章",)),
        Row(
            "normative_documents",
            "行政规范性文件",
            _DOCS_2021,
            "第二十条第（一）项",
            ("行政规范性文件", "规范性文件"),
        ),
        Row("licensing", "行政许可", _DECISIONS_2021, "第二十条第（五）项", ("行政许可",)),
        Row("penalties", "行政处罚", _DECISIONS_2021, "第二十条第（六）项", ("行政处罚",)),
        Row("enforcement", "行政强制", _DECISIONS_2021, "第二十条第（六）项", ("行政强制",)),
        Row(
            "fees",
            "行政事业性收费",
            (Column("amount", "本年收费金额（单位：万元）", decimal=True),),
            "第二十条第（八）项",
            ("行政事业性收费",),
        ),
    ),
)

_DOCS_2019 = (
    Column("produced", "本年新制作数量"),
    Column("published", "本年新公开数量"),
    Column("total_published", "对外公开总数量"),
)
_ITEMS_2019 = (
    Column("previous", "上一年项目数量"),
    Column("change", "本年增/减", signed=True),
    Column("decisions", "处理决定数量"),
)

TABLE2_2019 = TableLayout(
    "t2",
    "主动公开政府信息情况",
    (
        Row("regulations", "规章", _DOCS_2019, "第二十条第（一）项", ("规章",)),
        Row(
            "normative_documents",
            "规范性文件",
            _DOCS_2019,
            "第二十条第（一）项",
            ("规范性文件", "行政规范性文件"),
        ),
        Row("licensing", "行政许可", _ITEMS_2019, "第二十条第（五）项", ("行政许可",)),
        Row(
            "other_services",
            "其他对外管理服务事项",
            _ITEMS_2019,
            "第二十条第（五）项",
            ("其他对外管理服务事项",),
        ),
        Row("penalties", "行政处罚", _ITEMS_2019, "第二十条第（六）项", ("行政处罚",)),
        Row("enforcement", "行政强制", _ITEMS_2019, "第二十条第（六）项", ("行政强制",)),
        Row("fees", "行政事业性收费", _ITEMS_2019[:2], "第二十条第（八）项", ("行政事业性收费",)),
        Row(
            "procurement",
            "政府集中采购",
            (Column("projects", "采购项目数量"), Column("amount", "采购总金额", decimal=True)),
            "第二十条第（九）项",
            ("政府集中采购",),
        ),
    ),
)

# --- table 三 -------------------------------------------------------------------------

APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("nonprofit", "社会公益组织"),
    Column("legal_services", "法律服务机构"),
    Column("other_org", "其他"),
)
TOTAL_COLUMN = Column("total", "总计")
T3_COLUMNS: tuple[Column, ...] = (*APPLICANT_COLUMNS, TOTAL_COLUMN)

_RESULTS = "三、本年度办理结果"


def _t3(key: str, label: str, group: str | None, *aliases: str, typos: tuple[str, ...] = ()) -> Row:
    return Row(key, label, T3_COLUMNS, group, aliases, typos)


_WITHHELD = "（三）不予公开"
_UNAVAILABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"

T3_HEAD = (
    _t3(
        "new",
        "一、本年新收政府信息公开申请数量",
        None,
        "本年新收政府信息公开申请数量",
        "本年新收",
        "本年度新收",
    ),
    _t3(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        None,
        "上年结转政府信息公开申请数量",
        "上年结转",
        "上年度结转",
        "上一年度结转",
    ),
    _t3("granted", "（一）予以公开", _RESULTS, "予以公开"),
    _t3(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        _RESULTS,
        "部分公开",
    ),
    _t3("withheld.state_secret", "1.属于国家秘密", _WITHHELD, "属于国家秘密"),
    _t3(
        "withheld.prohibited",
        "2.其他法律行政法规禁止公开",
        _WITHHELD,
        "其他法律行政法规禁止公开",
        typos=("其他法律行政止公开", "其他法律法规禁止公开"),
    ),
    _t3("withheld.three_safeties", "3.危及“三安全一稳定”", _WITHHELD, "危及三安全一稳定"),
    _t3("withheld.third_party", "4.保护第三方合法权益", _WITHHELD, "保护第三方合法权益"),
    _t3("withheld.internal", "5.属于三类内部事务信息", _WITHHELD, "属于三类内部事务信息"),
    _t3("withheld.process", "6.属于四类过程性信息", _WITHHELD, "属于四类过程性信息"),
    _t3("withheld.enforcement_file", "7.属于行政执法案卷", _WITHHELD, "属于行政执法案卷"),
    _t3("withheld.query", "8.属于行政查询事项", _WITHHELD, "属于行政查询事项"),
    _t3(
        "unavailable.not_held",
        "1.本机关不掌握相关政府信息",
        _UNAVAILABLE,
        "本机关不掌握相关政府信息",
    ),
    _t3(
        "unavailable.needs_creation",
        "2.没有现成信息需要另行制作",
        _UNAVAILABLE,
        "没有现成信息需要另行制作",
    ),
    _t3("unavailable.unclear", "3.补正后申请内容仍不明确", _UNAVAILABLE, "补正后申请内容仍不明确"),
    _t3("not_processed.petition", "1.信访举报投诉类申请", _NOT_PROCESSED, "信访举报投诉类申请"),
    _t3("not_processed.duplicate", "2.重复申请", _NOT_PROCESSED, "重复申请"),
    _t3("not_processed.publication", "3.要求提供公开出版物", _NOT_PROCESSED, "要求提供公开出版物"),
    _t3(
        "not_processed.excessive",
        "4.无正当理由大量反复申请",
        _NOT_PROCESSED,
        "无正当理由大量反复申请",
    ),
    _t3(
        "not_processed.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        _NOT_PROCESSED,
        "要求行政机关确认或重新出具已获取信息",
    ),
)
T3_OTHER_SPLIT = (
    _t3(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        _OTHER,
        "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请",
        "逾期不补正",
    ),
    _t3(
        "other.unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        _OTHER,
        "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请",
        "逾期未按收费通知要求缴纳费用",
    ),
    _t3("other.other", "3.其他", _OTHER, "其他"),
)
T3_OTHER_SINGLE = (_t3("other", "（六）其他处理", _RESULTS, "其他处理"),)
T3_TAIL = (
    _t3("total", "（七）总计", _RESULTS, "总计", "合计"),
    _t3(
        "carried_forward",
        "四、结转下年度继续办理",
        None,
        "结转下年度继续办理",
        "结转下年度",
        "结转下一年度",
        "结转到下年度",
        "结转至下年度",
    ),
)

TABLE3_SPLIT_OTHER = TableLayout(
    "t3", "收到和处理政府信息公开申请情况", T3_HEAD + T3_OTHER_SPLIT + T3_TAIL
)
TABLE3_SINGLE_OTHER = TableLayout(
    "t3", "收到和处理政府信息公开申请情况", T3_HEAD + T3_OTHER_SINGLE + T3_TAIL
)

#: The rows whose sum is （七）总计 (rule R3), for either （六） variant.
T3_OUTCOME_KEYS_SPLIT: tuple[str, ...] = tuple(
    r.key
    for r in TABLE3_SPLIT_OTHER.rows
    if r.key not in ("new", "carried_over", "total", "carried_forward")
)
T3_OUTCOME_KEYS_SINGLE: tuple[str, ...] = tuple(
    r.key
    for r in TABLE3_SINGLE_OTHER.rows
    if r.key not in ("new", "carried_over", "total", "carried_forward")
)

# --- table 四 -------------------------------------------------------------------------

RESULT_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
TABLE4 = TableLayout(
    "t4",
    "政府信息公开行政复议、行政诉讼情况",
    (
        Row("review", "行政复议", RESULT_COLUMNS, aliases=("行政复议",)),
        Row(
            "litigation_direct",
            "行政诉讼 未经复议直接起诉",
            RESULT_COLUMNS,
            aliases=("未经复议直接起诉", "直接起诉"),
        ),
        Row(
            "litigation_after_review",
            "行政诉讼 复议后起诉",
            RESULT_COLUMNS,
            aliases=("复议后起诉",),
        ),
    ),
)


def table2_layout(template: Template) -> TableLayout:
    return TABLE2_2019 if template == "2019" else TABLE2_2021


def table3_layout(single_other: bool) -> TableLayout:
    return TABLE3_SINGLE_OTHER if single_other else TABLE3_SPLIT_OTHER


@cache
def cell_labels() -> dict[str, tuple[str, str]]:
    """Every canonical cell ID with its Chinese row and column labels, for exports."""
    out: dict[str, tuple[str, str]] = {}
    for layout in (TABLE2_2021, TABLE2_2019, TABLE3_SPLIT_OTHER, TABLE3_SINGLE_OTHER, TABLE4):
        for row in layout.rows:
            for column in row.columns:
                row_label = (
                    f"{row.group} {row.label}" if row.group and row.group != _RESULTS else row.label
                )
                out.setdefault(f"{layout.name}.{row.key}.{column.key}", (row_label, column.label))
    return out


def all_cell_ids() -> tuple[str, ...]:
    """Every canonical cell ID of either template, in table order."""
    return tuple(cell_labels())


# --- header wording ---------------------------------------------------------------------
# Printed above the rows in the official template; the writers print them, the builder
# recognises header rows by the column labels above.

#: What follows the issuing body and the year in the title.
TITLE_SUFFIX = "政府信息公开工作年度报告"
#: The label column's heading in each block of table 二.
T2_CONTENT_HEADER = "信息内容"
#: The note printed in table 三's corner cell (rule R1).
T3_CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANTS_HEADER = "申请人情况"
T3_ORGANISATIONS_HEADER = "法人或其他组织"
T4_REVIEW_HEADER = "行政复议"
T4_LITIGATION_HEADER = "行政诉讼"
T4_DIRECT_HEADER = "未经复议直接起诉"
T4_AFTER_REVIEW_HEADER = "复议后起诉"


# --- label normalisation --------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_STRIP_PUNCT = re.compile(r"[\"'“”‘’「」『』《》<>〈〉:：,，、;；.。·•()\[\]【】（）/\\|_*#`~—–\-]")
_NUMBERING = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．,，]|[（(]?\d{1,2}[)）]|\d{1,2}\s*[.．、,，](?!\d))\s*"
)


@memo.remembered(maxsize=8192)
def normalize(text: str) -> str:
    """NFKC (full-width to half-width), no white space: the form labels are compared in."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


@memo.remembered(maxsize=8192)
def label_core(text: str) -> str:
    """A label without its numbering (（一）, 1., 三、), punctuation or white space."""
    core = normalize(text)
    for _ in range(3):  # "三、(一)" carries two numberings
        stripped = _NUMBERING.sub("", core)
        if stripped == core:
            break
        core = stripped
    return _STRIP_PUNCT.sub("", core)


__all__ = [
    "APPLICANT_COLUMNS",
    "RESULT_COLUMNS",
    "SECTIONS",
    "T2_CONTENT_HEADER",
    "T3_APPLICANTS_HEADER",
    "T3_COLUMNS",
    "T3_CORNER_NOTE",
    "T3_ORGANISATIONS_HEADER",
    "T4_AFTER_REVIEW_HEADER",
    "T4_DIRECT_HEADER",
    "T4_LITIGATION_HEADER",
    "T4_REVIEW_HEADER",
    "TABLE2_2019",
    "TABLE2_2021",
    "TABLE3_SINGLE_OTHER",
    "TABLE3_SPLIT_OTHER",
    "TABLE4",
    "TEMPLATES",
    "TITLE_SUFFIX",
    "Column",
    "Row",
    "SectionLayout",
    "TableLayout",
    "Template",
    "all_cell_ids",
    "cell_labels",
    "label_core",
    "normalize",
    "table2_layout",
    "table3_layout",
]
