"""Turn any neutral :class:`~govreport.document.Document` into a :class:`~govreport.Report`.

This is the only module that knows how a report is laid out on the page: where the
title, sections and tables are, which printed row is which cell. A format plugin
only has to deliver headings, paragraphs and table grids.

The pipeline is a chain of small steps: find the title (agency, year), find the
section headings, read every table row into a labelled row, decide the template,
then map labelled rows onto the canonical cells. Text whose tables were flattened
into running prose (crawler dumps) goes through :mod:`govreport.flat` instead.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise

import attrs

from govreport import flat
from govreport.document import Cell as DocCell
from govreport.document import Document, Heading, Location, Paragraph
from govreport.document import Table as DocTable
from govreport.errors import LegacyReportError, NotAReportError
from govreport.layout import (
    SECTIONS,
    T3_COLUMNS,
    TABLE2_2019,
    TABLE2_2021,
    TABLE3_SINGLE_OTHER,
    TABLE3_SPLIT_OTHER,
    TABLE4,
    Row,
    TableLayout,
    Template,
    label_core,
    normalize,
    table2_layout,
    table3_layout,
)
from govreport.model import Cell, Finding, Metadata, Report, Section, Severity, Table
from govreport.numbers import looks_numeric, parse_number
from govreport.pdfengine import check_engine

FIRST_TEMPLATE_YEAR = 2019


def _pdf_engine_name(name: str | None) -> str | None:
    return None if name is None else check_engine(name)


@attrs.frozen
class BuildOptions:
    """How the builder reads a document."""

    #: Report years before this are free-form reports and refused.
    first_year: int = FIRST_TEMPLATE_YEAR
    #: How many leading blocks may hold the title.
    title_search_blocks: int = 12
    #: The engine that reads PDFs, ``"pdfium"`` or ``"pdfplumber"`` (``None``: the
    #: environment's ``GOVREPORT_PDF_ENGINE``, else pdfium); see docs/formats/pdf.md.
    pdf_engine: str | None = attrs.field(default=None, converter=_pdf_engine_name)


# --- title -------------------------------------------------------------------------------

_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
_TITLE_WORDS = re.compile(r"(政府信息公开|政务公开|信息公开)")
_REPORT_WORDS = re.compile(r"(年度报告|年报|工作报告)")
_YEAR_FIRST = re.compile(
    r"^(?P<year>(?:19|20)\d\d)年度?(?P<agency>.+?)(?:政府信息公开|政务公开|信息公开)"
)
_AGENCY_FIRST = re.compile(r"^(?P<agency>.*?)(?:关于)?(?P<year>(?:19|20)\d\d)年度?")
#: 某局政府信息公开工作年度报告（2024年）: the year in brackets after the report words.
_YEAR_LAST = re.compile(
    r"^(?P<agency>.+?)(?:关于)?(?:政府信息公开|政务公开)[^（(\d]*[（(](?P<year>(?:19|20)\d\d)年?度?[)）]$"
)
#: 某局政府信息公开工作年度报告, with no year: the year comes from the statistics period.
_NO_YEAR = re.compile(
    r"^(?P<agency>.+?)(?:关于)?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)$"
)
_PERIOD_YEAR = re.compile(
    r"统计(?:期限|时限|周期|时间|区间|范围)?(?:为|是|自|从|：|:)*\s*((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日"
)
_TITLE_PREFIX = re.compile(r"^(?:标题|题目|title)[:：]", re.IGNORECASE)


@attrs.frozen
class TitleInfo:
    title: str
    agency: str
    year: int
    location: Location | None


def _chinese_year(text: str) -> str:
    # 二〇二三年 -> 2023年
    return re.sub(
        r"[〇零○一二三四五六七八九]{4}(?=年)", lambda m: m.group(0).translate(_CN_DIGITS), text
    )


def _compact_title(text: str) -> str:
    compact = _chinese_year(re.sub(r"\s+", "", text.replace("#", "")))
    return _TITLE_PREFIX.sub("", compact)


def _clean_agency(agency: str) -> str | None:
    agency = re.sub(r"关于$", "", agency.strip("《》“”\"'：:，,、。 "))
    agency = re.sub(r"[\d\-—–~～至]+$", "", agency)  # 某区2023-2024年度: the range is not the name
    # An "agency" that still holds the report words, a colon, a slash or digits is a
    # sentence or a page's metadata line (发布时间：2025年…), not a name.
    if (
        not agency
        or _TITLE_WORDS.search(agency)
        or "报告" in agency
        or len(agency) > 60
        or re.search(r"[：:/\d]", agency)
    ):
        return None
    return agency


#: 某办公室关于公布某政府2024年…年度报告的通知: the report is the one named after 关于.
_NOTICE = re.compile(r"^.*?关于(?:公布|印发|发布|公开)(?P<title>.+?)的(?:通知|公告)$")
_YEAR_THEN_REPORT = re.compile(r"^(?:19|20)\d\d年度?(?:政府信息公开|政务公开|信息公开)")


def parse_title(text: str) -> tuple[str, int] | None:
    """(agency, year) from a report title, or None when it is not one."""
    compact = _compact_title(text)
    if not (_TITLE_WORDS.search(compact) and _REPORT_WORDS.search(compact)):
        return None
    notice = _NOTICE.match(compact)
    if notice:
        compact = notice.group("title")
    for pattern in (_YEAR_FIRST, _YEAR_LAST, _AGENCY_FIRST):
        if pattern is _YEAR_FIRST and _YEAR_THEN_REPORT.match(compact):
            continue  # 2024年政府信息公开工作年度报告 names no body ("政府" is not one)
        match = pattern.match(compact)
        if match:
            agency = _clean_agency(match.group("agency"))
            if agency:
                return agency, int(match.group("year"))
    return None


def _year_of_anonymous_title(text: str) -> int | None:
    """The year of a title that names no body: 2024年政府信息公开工作年度报告."""
    compact = _compact_title(text)
    if _REPORT_WORDS.search(compact) and _YEAR_THEN_REPORT.match(compact):
        return int(compact[:4])
    return None


def _is_metadata_line(text: str) -> bool:
    """A page's metadata line (发布时间：2025年1月20日 来源：…, 索引号, 成文日期), which
    must not be joined to a title."""
    return bool(
        re.search(r"[：:]|\d{4}\s*年\s*\d{1,2}\s*月|\d{4}-\d{1,2}-\d{1,2}", text)
        or any(word in text for word in ("来源", "发布", "索引号", "成文日期", "发文"))
    )


def _agency_without_year(text: str) -> str | None:
    match = _NO_YEAR.match(_compact_title(text))
    return _clean_agency(match.group("agency")) if match else None


def find_title(document: Document, options: BuildOptions) -> TitleInfo | None:
    candidates: list[tuple[str, Location | None]] = []
    blocks = [b for b in document.blocks if isinstance(b, (Heading, Paragraph))]
    head = blocks[: options.title_search_blocks]
    lines = [b.text.strip().split("\n")[0][:200] for b in head]
    candidates.extend((line, block.location) for line, block in zip(lines, head, strict=True))
    for i in range(len(head) - 1):
        first, second = lines[i], lines[i + 1]
        # A title broken over two lines. A line that already ends the title is not joined
        # with the next, nor is a page's metadata line (a date there is not the report year).
        if not _REPORT_WORDS.search(first) and not _is_metadata_line(first + second):
            candidates.append((first + second[:60], head[i].location))
    if document.title:
        candidates.append((document.title, None))
    anonymous: TitleInfo | None = None
    for text, location in candidates:
        title = re.sub(r"^#+\s*", "", _TITLE_PREFIX.sub("", text.strip())).strip()
        parsed = parse_title(text)
        if parsed:
            return TitleInfo(title=title, agency=parsed[0], year=parsed[1], location=location)
        year = _year_of_anonymous_title(text)
        if year is not None and anonymous is None:
            anonymous = TitleInfo(title=title, agency="", year=year, location=location)
    if anonymous is not None:
        return anonymous
    # No year in the title: the statistics period (统计期限自2024年1月1日…) gives it, else
    # the year the prose speaks of most (a date line under the title is the publication
    # date, usually early in the following year, and is not counted).
    prose = _chinese_year(_prose(document)[:20000])
    period = _PERIOD_YEAR.search(prose)
    year = int(period.group(1)) if period else _most_mentioned_year(prose)
    if year is None:
        return None
    for text, location in candidates:
        agency = _agency_without_year(text)
        if agency:
            title = re.sub(r"^#+\s*", "", _TITLE_PREFIX.sub("", text.strip())).strip()
            return TitleInfo(title=title, agency=agency, year=year, location=location)
    return None


_YEAR_MENTION = re.compile(r"((?:19|20)\d\d)\s*年(?!\s*\d{1,2}\s*月)")


def _most_mentioned_year(prose: str) -> int | None:
    counts: dict[int, int] = {}
    for match in _YEAR_MENTION.finditer(prose):
        year = int(match.group(1))
        counts[year] = counts.get(year, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


# --- sections ----------------------------------------------------------------------------

_NUMERAL_START = re.compile(r"^[（(]?[一二三四五六七八九十]+[)）]?[、.．,，:：\s]")
_SECTION_MAX_HEADING = 40


@attrs.frozen
class _SectionStart:
    number: int
    heading: str
    block: int
    location: Location | None
    rest: str  # text on the heading's line after the heading words


def _match_section(text: str, is_heading: bool) -> tuple[int, str, str] | None:
    line = text.strip().split("\n")[0].lstrip("#").strip()
    compact = normalize(line)
    if not (_NUMERAL_START.match(compact) or is_heading):
        return None
    core = label_core(line)
    for section in SECTIONS:
        for variant in section.variants:
            if core.startswith(variant):
                rest_index = _end_of(line, variant)
                heading, rest = line[:rest_index].strip(), line[rest_index:].strip()
                if len(heading) > _SECTION_MAX_HEADING:
                    continue
                return section.number, heading, rest
    return None


def _end_of(line: str, core_prefix: str) -> int:
    """Index in ``line`` just past the characters that make up ``core_prefix``."""
    wanted = list(core_prefix)
    position = 0
    # skip the numbering at the start
    match = re.match(r"^\s*[（(]?[一二三四五六七八九十]+[)）]?[、.．,，:：]?\s*", line)
    if match:
        position = match.end()
    for index in range(position, len(line)):
        if not wanted:
            return index
        if normalize(line[index]) == wanted[0]:
            wanted.pop(0)
    return len(line)


def find_sections(document: Document) -> list[Section]:
    starts: list[_SectionStart] = []
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if not isinstance(block, (Heading, Paragraph)):
            continue
        found = _match_section(block.text, isinstance(block, Heading))
        if found is None:
            continue
        number, heading, rest = found
        if starts and number <= starts[-1].number:
            continue
        starts.append(_SectionStart(number, heading, index, block.location, rest))
    sections: list[Section] = []
    for i, start in enumerate(starts):
        end = starts[i + 1].block if i + 1 < len(starts) else len(blocks)
        parts = [start.rest] if start.rest else []
        first = blocks[start.block]
        if isinstance(first, (Heading, Paragraph)) and "\n" in first.text:
            parts.append(first.text.split("\n", 1)[1].strip())
        for block in blocks[start.block + 1 : end]:
            if isinstance(block, (Heading, Paragraph)):
                parts.append(block.text.strip())
        sections.append(
            Section(
                number=start.number,
                heading=start.heading,
                text="\n".join(p for p in parts if p),
                location=start.location,
            )
        )
    return sections


# --- table rows --------------------------------------------------------------------------

_T3_HEADER = ("申请人情况", "自然人", "商业企业", "科研机构")
#: Column headings: a row with two or more of these as labels is a header row.
_COLUMN_WORDS = frozenset(
    label_core(c.label)
    for layout in (TABLE2_2019, TABLE2_2021, TABLE3_SPLIT_OTHER, TABLE4)
    for row in layout.rows
    for c in row.columns
) | {
    "申请人情况",
    "信息内容",
    "法人或其他组织",
    "维持",
    "纠正",
    "审结",
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
}
_T4_HEADER = ("行政复议", "行政诉讼")
#: Table 四's result columns: a header row with two of these (converters split 结果维持
#: into 结果 / 维持) starts table 四 even when its 行政复议 / 行政诉讼 row was lost.
_T4_RESULT_WORDS = ("维持", "纠正", "审结")
_T2_HEADER = ("第二十条", "信息内容")
_EVIDENCE_2021 = (
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年收费金额",
    "本年处理决定数量",
)
_EVIDENCE_2019 = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "采购项目数量",
    "政府集中采购",
    "其他对外管理服务事项",
)


_EVIDENCE = (*_EVIDENCE_2021, *_EVIDENCE_2019)


@attrs.frozen
class LabelledRow:
    """A table row split into its label cells and the value cells after them."""

    labels: tuple[str, ...]
    values: tuple[DocCell, ...]
    context: str  # "t2", "t3", "t4" or "" from the headers seen before it
    location: Location
    #: the grid's spans were expanded, so its columns line up (see Table.regular)
    regular: bool = False
    #: ``values`` are exactly the table's columns, placed by the header row's positions
    aligned: bool = False
    #: why the row's columns cannot be told apart, when they cannot (e.g. the header
    #: prints the columns in another order than the template)
    problem: str | None = None
    #: for aligned rows of table 四, the cells (block.result) the values are, in order
    ids: tuple[str, ...] = ()


#: Column headings in the template's order; a header printing two of them the other way
#: round means the columns cannot be read by position.
_T3_ORDER = (
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "总计",
)
_T4_ORDER = ("行政复议", "行政诉讼")
_T4_BLOCK_ORDER = ("未经复议直接起诉", "复议后起诉")
_T4_RESULT_ORDER = ("维持", "纠正", "审结", "总计")
_T3_COLUMN_WORDS = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("total", "总计"),
)


#: Headings the template spans over several columns, and how many.
_GROUP_SPANS = {
    "行政诉讼": 10,
    "未经复议直接起诉": 5,
    "复议后起诉": 5,
    "行政复议": 5,
    "法人或其他组织": 5,
}
_T3_KEYS = tuple(c.key for c in T3_COLUMNS)
_T4_KEYS = tuple(f"{row.key}.{c.key}" for row in TABLE4.rows for c in row.columns)


def _first_columns(cells: Sequence[DocCell], words: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if not cell.text:
            continue
        text = normalize(cell.text)
        for word in words:
            if word not in found and word in text:
                found[word] = index
    return found


def _out_of_order(found: dict[str, int], order: Sequence[str]) -> bool:
    placed = [found[w] for w in order if w in found]
    return placed != sorted(placed)


def header_order_problem(cells: Sequence[DocCell], context: str) -> str | None:
    """Why a header row's columns do not follow the template's order, or None."""
    if context == "t3" and _out_of_order(_first_columns(cells, _T3_ORDER), _T3_ORDER):
        return "表三表头各列的顺序与模板不同"
    if context == "t4":
        for order in (_T4_ORDER, _T4_BLOCK_ORDER, _T4_RESULT_ORDER):
            if _out_of_order(_first_columns(cells, order), order):
                return "表四表头各列的顺序与模板不同"
    return None


def t3_column_map(header: dict[int, str]) -> dict[str, int] | None:
    """Table 三's seven columns from the header text above each grid column, when each
    is named by exactly one column."""
    out: dict[str, int] = {}
    for index, text in header.items():
        keys = [key for key, word in _T3_COLUMN_WORDS if word in text]
        rest = text.replace("法人或其他组织", "").replace("申请人情况", "")
        if "其他" in rest and "总计" not in rest:
            keys.append("other_org")
        if len(keys) > 1:
            return None
        for key in keys:
            if key in out:
                return None
            out[key] = index
    return out if len(out) == 7 else None


def t4_column_map(header: dict[int, str]) -> dict[str, int] | None:
    """Table 四's fifteen columns from the header text above each grid column."""
    out: dict[str, int] = {}
    results = (
        ("upheld", "维持"),
        ("corrected", "纠正"),
        ("other", "其他"),
        ("pending", "审结"),
        ("total", "总计"),
    )
    for index, text in header.items():
        if "复议后起诉" in text:
            block = "litigation_after_review"
        elif "直接起诉" in text:
            block = "litigation_direct"
        elif "行政复议" in text:
            block = "review"
        else:
            continue
        keys = [key for key, word in results if word in text]
        if len(keys) != 1:
            continue
        cell_id = f"{block}.{keys[0]}"
        if cell_id in out:
            return None
        out[cell_id] = index
    # Whole blocks only: some reports stack 行政复议 (five columns) above 行政诉讼 (ten),
    # each under its own header.
    blocks = {cell_id.split(".")[0] for cell_id in out}
    if not blocks or len(out) != 5 * len(blocks):
        return None
    return out


def _label_end(cells: Sequence[DocCell], mapped: set[int]) -> int:
    """The last column before the mapped ones that holds label text (-1 for none)."""
    first = min(mapped)
    return max(
        (i for i in range(first) if cells[i].text.strip() and not looks_numeric(cells[i].text)),
        default=-1,
    )


@lru_cache(maxsize=8192)
def _row_signals(joined: str) -> tuple[str, tuple[str, ...]]:
    """Which table a row's label words start ("t2", "t3", "t4" or ""), and the template
    evidence words they hold. Label texts recur across reports, hence the cache."""
    if "申请" not in joined and (
        any(word in joined for word in _T4_HEADER)
        or sum(word in joined for word in _T4_RESULT_WORDS) >= 2
    ):
        signal = "t4"
    elif any(word in joined for word in _T3_HEADER):
        signal = "t3"
    elif any(word in joined for word in _T2_HEADER):
        signal = "t2"
    else:
        signal = ""
    return signal, tuple(w for w in _EVIDENCE if w in joined)


#: 其他 and 总计 name rows as well as columns: alone they do not make a header.
_PLAIN_COLUMN_WORDS = _COLUMN_WORDS - {"其他", "总计"}


def _is_header(labels: Sequence[str], context: str) -> bool:
    """A row of column headings: two of them, or one that names only a column inside
    table 三 or 四."""
    cores = [label_core(t) for t in labels]
    if sum(1 for core in cores if core in _COLUMN_WORDS) >= 2:
        return True
    return context in ("t3", "t4") and any(core in _PLAIN_COLUMN_WORDS for core in cores)


_EMPTY, _LABEL, _NUMBER = 0, 1, 2


def _kind(text: str) -> int:
    if not text or text.isspace():
        return _EMPTY
    return _NUMBER if looks_numeric(text) else _LABEL


def _split_row(
    cells: Sequence[DocCell],
) -> tuple[list[str], list[DocCell], str | None, bool]:
    """Labels, value cells, why the row mixes text into its numbers (if it does), and
    whether it holds a number at all.

    The labels are the text cells before the first number; the values run from the
    last label to the last number, blank cells included; text after the numbers is a
    note column and is left out (备注, 含转办件).
    """
    kinds = [_kind(c.text) for c in cells]
    count = len(kinds)
    first_number = kinds.index(_NUMBER) if _NUMBER in kinds else count
    last_label = -1
    labels: list[str] = []
    for i in range(first_number):
        if kinds[i] == _LABEL:
            last_label = i
            text = cells[i].text.strip()
            if not labels or labels[-1] != text:
                labels.append(text)
    if first_number == count:
        return labels, [c for c in cells[last_label + 1 :] if not c.spanned], None, False
    last_number = count - 1 - kinds[::-1].index(_NUMBER)
    end = last_number + 1
    while end < count and kinds[end] != _LABEL:
        end += 1  # blank cells after the last number may be blank values
    problem = "数字之间夹有文字" if _LABEL in kinds[first_number:last_number] else None
    values = [c for c in cells[last_label + 1 : end] if not c.spanned]
    return labels, values, problem, True


def label_rows(tables: Iterable[DocTable]) -> tuple[list[LabelledRow], list[str]]:
    """Every row of every table, labelled, plus the header words seen (for the template)."""
    rows: list[LabelledRow] = []
    header_words: list[str] = []
    context = ""
    order_problem: dict[str, str | None] = {"t3": None, "t4": None}
    continued: dict[tuple[str, int], dict[str, int]] = {}
    label_ends: dict[str, set[int]] = {}  # the columns labels end in, beside ``continued``
    for table in tables:
        header_text: dict[int, str] = {}
        header_first: dict[str, int] = {}
        maps: dict[str, dict[str, int] | None] = {}
        header_closed = False  # a data row ends a header; the next header starts afresh
        borrowed = False  # the columns come from the part of the table before this grid
        # A table continued on the next page (or in the next <table>) repeats no header:
        # the columns of the part before it hold, if it is a grid exactly as wide.
        if table.regular and table.rows and context in ("t3", "t4"):
            inherited = continued.get((context, len(table.rows[0])))
            if inherited is not None:
                maps[context] = inherited
                borrowed = True
        for cells in table.rows:
            labels, values, problem, has_number = _split_row(cells)
            if labels:
                signal, evidence = _row_signals(normalize("".join(labels)))
                if signal and signal != context:
                    context = signal
                    if context in order_problem:
                        order_problem[context] = None  # a new header: judge its order afresh
                header_words.extend(evidence)
            if not has_number and _is_header(labels, context):
                # a header row: its words name columns, not a row
                if context in order_problem:
                    found = _first_columns(cells, ("自然人", "总计"))
                    for word, index in found.items():
                        header_first.setdefault(word, index)
                    order_problem[context] = (
                        order_problem[context]
                        or header_order_problem(cells, context)
                        or (
                            "表三表头的总计列在自然人列之前"
                            if context == "t3" and _out_of_order(header_first, ("自然人", "总计"))
                            else None
                        )
                    )
                if table.regular:
                    borrowed = False
                    if header_closed:
                        header_text, header_closed = {}, False
                    # Converters write a merged heading as its first cell and empty ones
                    # (行政复议 | | | | |): a heading the template spans over several
                    # columns covers that many empty cells after it, and no more.
                    carried, left = "", 0
                    for index, cell in enumerate(cells):
                        text = normalize(cell.text)
                        if text:
                            carried = next((w for w in _GROUP_SPANS if w in text), "")
                            left = _GROUP_SPANS.get(carried, 0) - 1
                        elif left > 0 and not cell.spanned:
                            text, left = carried, left - 1
                        else:
                            left = 0
                        header_text[index] = header_text.get(index, "") + text
                    maps = {}
                rows.append(
                    LabelledRow(("（表头）",), (), context, cells[0].location, table.regular)
                )
                continue
            aligned = False
            ids: tuple[str, ...] = ()
            if values:
                header_closed = True
            if table.regular and context in ("t3", "t4") and values and (header_text or maps):
                if context not in maps:
                    maps[context] = (t3_column_map if context == "t3" else t4_column_map)(
                        header_text
                    )
                column_map = maps[context]
                if column_map is not None and not borrowed:
                    continued[(context, len(cells))] = column_map
                    label_ends.setdefault(context, set()).add(
                        _label_end(cells, set(column_map.values()))
                    )
                mapped = set(column_map.values()) if column_map else set()
                if (
                    column_map is not None
                    and max(mapped) < len(cells)
                    # A number outside the mapped columns: a partial map of table 四
                    # says too little (a block heading was lost), and a map borrowed
                    # from the part before a page break does not fit this grid's layout
                    # (the same width can hold its label in fewer columns). A complete
                    # map of the grid's own header may leave out a column it names (小计).
                    # and a borrowed map holds only where the labels end in a column
                    # they ended in in the part before the break
                    and (not borrowed or _label_end(cells, mapped) in label_ends.get(context, ()))
                    and (
                        (len(mapped) in (7, 15) and not borrowed)
                        or all(
                            i in mapped
                            for i, c in enumerate(cells)
                            if c.text.strip() and looks_numeric(c.text) and not c.spanned
                        )
                    )
                ):
                    keys = (
                        _T3_KEYS
                        if context == "t3"
                        else tuple(k for k in _T4_KEYS if k in column_map)
                    )
                    placed = [cells[column_map[key]] for key in keys]
                    if not any(c.spanned for c in placed) and all(
                        not c.text.strip() or looks_numeric(c.text) for c in placed
                    ):
                        values, aligned = placed, True
                        ids = keys if context == "t4" else ()
            location = cells[0].location if cells else table.location
            rows.append(
                LabelledRow(
                    tuple(labels),
                    tuple(values),
                    context,
                    location,
                    regular=table.regular,
                    aligned=aligned,
                    problem=problem if aligned else problem or order_problem.get(context),
                    ids=ids,
                )
            )
    return rows, header_words


_INNER_NUMBERING = re.compile(
    r"[（(][一二三四五六七八九十]+[)）]|(?<!\d)\d{1,2}\s*[.．、](?!\d)|[一二三四五六七八九十]+、"
)


def match_row(labels: Sequence[str], layout: TableLayout) -> Row | None:
    """The layout row a printed row's labels name, trying the most specific label first."""
    return _match_row(tuple(labels), layout)


@lru_cache(maxsize=4096)
def _match_row(labels: tuple[str, ...], layout: TableLayout) -> Row | None:
    candidates = [label_core(text) for text in reversed(labels)]
    if len(labels) > 1:
        candidates.append(label_core("".join(labels)))
    # A converter may merge a group label and a row label into one cell
    # (三、本年度办理结果 （七）总计): the part after the last numbering is the row.
    last = labels[-1] if labels else ""
    numbered = list(_INNER_NUMBERING.finditer(last))
    if numbered and numbered[-1].start() > 0:
        candidates.append(label_core(last[numbered[-1].start() :]))
    for core in candidates:
        if not core:
            continue
        for row in layout.rows:
            for alias in (*row.aliases, *row.typos):
                if core == alias:
                    return row
        for row in layout.rows:
            for alias in (*row.aliases, *row.typos):
                if len(alias) >= 4 and alias in core:
                    return row
    return None


def _typo_of(labels: Sequence[str], row: Row) -> str | None:
    for text in labels:
        core = label_core(text)
        for typo in row.typos:
            if typo in core:
                return typo
    return None


@attrs.frozen
class _RowRead:
    row: Row
    cells: tuple[Cell, ...]
    findings: tuple[Finding, ...]


def align_values(
    values: Sequence[DocCell], count: int, *, regular: bool = True
) -> list[DocCell] | None:
    """The ``count`` value cells of a row, or None when which cell is which is uncertain.

    Text tables shift columns with leading or trailing empty cells; those are dropped
    while there are more cells than columns. A row with fewer cells, or with extra
    cells that are not empty, cannot be aligned with certainty. In a grid that is not
    ``regular`` (tab-separated text), an empty cell at either end of a row with exactly
    ``count`` cells may be layout padding as well as a blank value, so such a row is
    not aligned either.
    """
    cells = list(values)
    trimmed = False
    while len(cells) > count and not cells[-1].text.strip():
        cells.pop()
        trimmed = True
    # In a regular grid a cell after the labels is a column of its own: an empty one at
    # the start is a blank value, not padding (a 小计 column may make the row one longer).
    while len(cells) > count and not cells[0].text.strip() and not regular:
        cells.pop(0)
        trimmed = True
    if len(cells) != count:
        return None
    if trimmed and any(not c.text.strip() for c in cells):
        # Padding was dropped and a blank remains: the blank could be padding too.
        return None
    if (
        not regular
        and count > 1
        and (not cells[0].text.strip() or not cells[-1].text.strip())
        and any(c.text.strip() for c in cells)
    ):
        return None
    return cells


def _unreadable(row: Row, printed: LabelledRow, ids: Sequence[str], why: str) -> _RowRead:
    finding = Finding(
        rule="S3",
        severity=Severity.WARNING,
        message=f"「{row.label}」一行{why}，未读取。",
        cells=tuple(ids),
        locations=(printed.location,),
    )
    return _RowRead(row, tuple(Cell(i, None, "", printed.location) for i in ids), (finding,))


def read_row(row: Row, printed: LabelledRow, ids: Sequence[str]) -> _RowRead:
    """The cells of one printed row, named ``ids`` (one per column of ``row``)."""
    if printed.problem:
        return _unreadable(row, printed, ids, f"无法确定各数字所属的列（{printed.problem}）")
    if printed.aligned:
        aligned: list[DocCell] | None = list(printed.values)
    else:
        aligned = align_values(printed.values, len(row.columns), regular=printed.regular)
    if aligned is None or len(aligned) != len(ids):
        shown = " | ".join(c.text for c in printed.values)
        return _unreadable(row, printed, ids, f"的数字无法确定对应到哪一列（{shown}）")
    cells: list[Cell] = []
    findings: list[Finding] = []
    for cell_id, column, doc_cell in zip(ids, row.columns, aligned, strict=True):
        parsed = parse_number(doc_cell.text, decimal=column.decimal)
        if not parsed.ok:
            findings.append(
                Finding(
                    rule="S3",
                    severity=Severity.WARNING,
                    message=f"单元格内容「{doc_cell.text}」不是可识别的数字，未读取。",
                    cells=(cell_id,),
                    locations=(doc_cell.location,),
                )
            )
        cells.append(
            Cell(cell_id, parsed.value if parsed.ok else None, doc_cell.text, doc_cell.location)
        )
    typo = _typo_of(printed.labels, row) if row.typos else None
    if typo:
        findings.append(
            Finding(
                rule="S6",
                severity=Severity.INFO,
                message=f"行标签「{typo}」与模板「{row.label}」不一致，按「{row.label}」读取。",
                cells=tuple(ids),
                locations=(printed.location,),
            )
        )
    return _RowRead(row, tuple(cells), tuple(findings))


def _shape_votes(rows: Sequence[LabelledRow]) -> tuple[int, int]:
    """Votes for the 2021 and 2019 templates from how many numbers table 二's rows print:
    行政许可 prints one number in 2021 and three in 2019, 行政事业性收费 one and two."""
    votes_2021 = votes_2019 = 0
    wide = {"licensing": 3, "penalties": 3, "enforcement": 3, "fees": 2}
    for printed in rows:
        if not printed.labels or printed.context == "t3":
            continue
        row = match_row(printed.labels, TABLE2_2021)
        if row is None or row.key not in wide:
            continue
        cells = list(printed.values)
        while cells and not cells[-1].text.strip():
            cells.pop()
        while cells and not cells[0].text.strip():
            cells.pop(0)
        if len(cells) == 1:
            votes_2021 += 1
        elif len(cells) == wide[row.key]:
            votes_2019 += 1
    return votes_2021, votes_2019


def decide_template(
    header_words: Sequence[str], rows: Sequence[LabelledRow], year: int
) -> Template:
    """The template from table 二's column headings, its 2019-only rows, and the number
    of values its rows print; the report year decides only when nothing else does."""
    score_2021 = sum(1 for w in header_words if w in _EVIDENCE_2021)
    score_2019 = sum(1 for w in header_words if w in _EVIDENCE_2019)
    cores = {label_core(text) for printed in rows for text in printed.labels}
    if {"其他对外管理服务事项", "政府集中采购"} & cores:
        score_2019 += 2
    votes_2021, votes_2019 = _shape_votes(rows)
    score_2021 += votes_2021
    score_2019 += votes_2019
    if score_2019 > score_2021:
        return "2019"
    if score_2021 > score_2019:
        return "2021"
    return "2019" if year <= 2020 else "2021"


def _has_split_other(rows: Sequence[LabelledRow]) -> bool | None:
    """Whether table 三 prints （六） as three rows (True), one row (False), or neither."""
    split = single = False
    for printed in rows:
        if not printed.labels:
            continue
        matched = match_row(printed.labels, TABLE3_SPLIT_OTHER)
        if matched is not None and matched.key.startswith("other.") and printed.values:
            split = True
        # a single （六） row has numbers, or at least a full row of (blank) cells
        matched_single = match_row(printed.labels, TABLE3_SINGLE_OTHER)
        if (
            matched_single is not None
            and matched_single.key == "other"
            and (len(printed.values) >= 7 or any(c.text.strip() for c in printed.values))
        ):
            single = True
    if split:
        return True
    if single:
        return False
    return None


def _is_unlabelled_row(printed: LabelledRow) -> bool:
    return not printed.labels and any(c.text.strip() for c in printed.values)


def attribute_unlabelled_rows(
    rows: Sequence[LabelledRow], layout: TableLayout
) -> tuple[list[LabelledRow], list[Finding]]:
    """Name the rows that lost their labels, where their position makes it certain.

    PDF converters drop the label of a row whose label wraps over several lines, and
    keep its numbers in place. Between two printed rows that name layout rows *i* and
    *j*, the unlabelled rows are rows *i+1 … j-1* in order when, and only when, there
    are exactly *j-i-1* of them, all named rows run in layout order, no row with numbers
    but an unknown label stands between *i* and *j*, and each unlabelled row has the
    number of cells of the row it would be. Every other unlabelled row between named
    rows stays unread, with an S3 finding naming the rows it could be. Rows before the
    first or after the last named row are left alone (they may belong to another table).
    """
    order = {row.key: index for index, row in enumerate(layout.rows)}
    anchors: list[tuple[int, int]] = []  # (position in rows, index in layout)
    for position, printed in enumerate(rows):
        if printed.labels and printed.values:
            row = match_row(printed.labels, layout)
            if row is not None:
                anchors.append((position, order[row.key]))
    out = list(rows)
    findings: list[Finding] = []
    if any(b[1] <= a[1] for a, b in pairwise(anchors)):
        return out, findings  # the named rows are out of order: positions say nothing
    for (start, low), (end, high) in pairwise(anchors):
        between = [p for p in range(start + 1, end) if _is_unlabelled_row(rows[p])]
        if not between:
            continue
        missing = layout.rows[low + 1 : high]
        # A row with numbers and an unknown label in between could be one of the missing rows.
        strangers = any(rows[p].labels and rows[p].values for p in range(start + 1, end))
        fits = (
            not strangers
            and len(between) == len(missing)
            and all(
                align_values(rows[p].values, len(row.columns)) is not None
                for p, row in zip(between, missing, strict=True)
            )
        )
        before, after = layout.rows[low].label, layout.rows[high].label
        if not fits:
            findings.append(
                Finding(
                    rule="S3",
                    severity=Severity.WARNING,
                    message=(
                        f"「{before}」与「{after}」之间有{len(between)}行数字没有行标签，"
                        f"而两行之间应有{len(missing)}行，无法确定各行对应关系，未读取。"
                    ),
                    cells=tuple(
                        f"{layout.name}.{row.key}.{c.key}" for row in missing for c in row.columns
                    ),
                    locations=tuple(rows[p].location for p in between),
                )
            )
            continue
        for p, row in zip(between, missing, strict=True):
            out[p] = attrs.evolve(rows[p], labels=(row.label,))
            findings.append(
                Finding(
                    rule="S7",
                    severity=Severity.INFO,
                    message=(
                        f"一行数字没有行标签，按其位置（「{before}」与「{after}」之间）"
                        f"读作「{row.label}」。"
                    ),
                    cells=tuple(f"{layout.name}.{row.key}.{c.key}" for c in row.columns),
                    locations=(rows[p].location,),
                )
            )
    return out, findings


def line_rows(document: Document, template: Template) -> list[LabelledRow]:
    """Table rows printed as a line of text, ``行政许可 97``: a line that is exactly a
    row's label followed by that row's number of values, separated by white space (PDF
    converters leave the rows of tables they could not box as such lines). The label must
    be the row's own wording, not merely contain it, so a sentence is never read as a row."""
    layouts = (table2_layout(template), TABLE3_SPLIT_OTHER, TABLE3_SINGLE_OTHER)
    out: list[LabelledRow] = []
    for block in document.blocks:
        if not isinstance(block, Paragraph):
            continue
        tokens = block.text.split()
        first_value = len(tokens)
        while first_value > 0 and looks_numeric(tokens[first_value - 1]):
            first_value -= 1
        label, values = " ".join(tokens[:first_value]), tokens[first_value:]
        if not label or not values or any(ch.isdigit() for ch in label):
            continue
        core = label_core(label)
        for layout in layouts:
            row = next((r for r in layout.rows if core in (*r.aliases, *r.typos)), None)
            if row is not None and len(row.columns) == len(values):
                cells = tuple(DocCell(text=v, location=block.location) for v in values)
                out.append(LabelledRow((label,), cells, "", block.location))
                break
    return out


@lru_cache(maxsize=256)
def _cell_ids(table: str, row: Row) -> tuple[str, ...]:
    return tuple(f"{table}.{row.key}.{c.key}" for c in row.columns)


def read_tables(
    rows: Sequence[LabelledRow], template: Template, text_rows: Sequence[LabelledRow] = ()
) -> tuple[dict[str, Table], list[Finding]]:
    """The tables read from table rows, then from ``text_rows`` (see :func:`line_rows`)
    for the rows the tables lack."""
    findings: list[Finding] = []
    split_other = _has_split_other(rows)
    layouts = {
        "t2": table2_layout(template),
        "t3": table3_layout(single_other=split_other is False),
    }
    for layout in (layouts["t3"], layouts["t2"]):
        rows, attributed = attribute_unlabelled_rows(rows, layout)
        findings.extend(attributed)
    rows = [*rows, *text_rows]
    read: dict[str, dict[str, _RowRead]] = {"t2": {}, "t3": {}, "t4": {}}

    def keep(name: str, row: Row, result: _RowRead, printed: LabelledRow) -> None:
        previous = read[name].get(row.key)
        if previous is None:
            read[name][row.key] = result
        elif [c.value for c in previous.cells] != [c.value for c in result.cells]:
            findings.append(
                Finding(
                    rule="S5",
                    severity=Severity.WARNING,
                    message=f"「{row.label}」一行出现两次且数字不同，采用第一次出现的数字。",
                    cells=tuple(c.id for c in previous.cells),
                    locations=(previous.cells[0].location or printed.location, printed.location),
                )
            )

    for printed in rows:
        has_numbers = any(c.text.strip() for c in printed.values)
        if printed.context == "t4" and (not printed.labels or has_numbers):
            _read_t4_row(printed, read["t4"], findings)
            continue
        if not printed.labels:
            continue
        for name in ("t3", "t2"):
            layout = layouts[name]
            row = match_row(printed.labels, layout)
            if row is None:
                continue
            if printed.values:  # else a group label with no numbers of its own
                keep(name, row, read_row(row, printed, _cell_ids(name, row)), printed)
            break
        else:
            if has_numbers and printed.context in ("t2", "t3") and printed.labels != ("（表头）",):
                shown = " | ".join(c.text for c in printed.values)
                findings.append(
                    Finding(
                        rule="S4",
                        severity=Severity.WARNING,
                        message=f"表格中「{' '.join(printed.labels)}」一行（{shown}）不是模板中的行，未读取。",
                        locations=(printed.location,),
                    )
                )
    tables: dict[str, Table] = {}
    for name, layout in (("t2", layouts["t2"]), ("t3", layouts["t3"])):
        if not read[name]:
            continue
        cells: list[Cell] = []
        for row in layout.rows:
            if row.key in read[name]:
                cells.extend(read[name][row.key].cells)
                findings.extend(read[name][row.key].findings)
        tables[name] = Table(name, tuple(cells), cells[0].location if cells else None)
    if read["t4"]:
        t4_cells: list[Cell] = []
        for block in TABLE4.rows:
            if block.key in read["t4"]:
                t4_cells.extend(read["t4"][block.key].cells)
                findings.extend(read["t4"][block.key].findings)
        tables["t4"] = Table("t4", tuple(t4_cells), t4_cells[0].location if t4_cells else None)
    return tables, findings


_T4_WHOLE = Row(
    "all", "行政复议、行政诉讼", tuple(c for block in TABLE4.rows for c in block.columns)
)


def _read_t4_row(printed: LabelledRow, read: dict[str, _RowRead], findings: list[Finding]) -> None:
    """Table 四 as one row of fifteen numbers (with or without a label such as 数量), or
    as three rows of five, one per block (行政复议, 未经复议直接起诉, 复议后起诉)."""
    if printed.aligned and printed.ids:
        for layout_row in TABLE4.rows:
            keys = [f"{layout_row.key}.{c.key}" for c in layout_row.columns]
            if layout_row.key in read or not all(k in printed.ids for k in keys):
                continue
            part = attrs.evolve(
                printed, values=tuple(printed.values[printed.ids.index(k)] for k in keys)
            )
            read[layout_row.key] = read_row(layout_row, part, [f"t4.{k}" for k in keys])
        return
    block = match_row(printed.labels, TABLE4) if printed.labels else None
    if block is not None and len([c for c in printed.values if c.text.strip()]) <= 5:
        if block.key not in read:
            ids = [f"t4.{block.key}.{c.key}" for c in block.columns]
            read[block.key] = read_row(block, printed, ids)
        return
    if any(key in read for key in ("review", "litigation_direct", "litigation_after_review")):
        return  # the table is read already; a second row of numbers is something else
    if sum(1 for c in printed.values if c.text.strip()) < 3:
        return
    whole = read_row(_T4_WHOLE, printed, list(TABLE4.cell_ids()))
    for block in TABLE4.rows:
        prefix = f"t4.{block.key}."
        cells = tuple(c for c in whole.cells if c.id.startswith(prefix))
        block_findings = whole.findings if block.key == "review" else ()
        read[block.key] = _RowRead(block, cells, block_findings)


# --- the whole report --------------------------------------------------------------------


def _prose(document: Document) -> str:
    return "\n".join(b.text for b in document.blocks if isinstance(b, (Heading, Paragraph)))


def _prose_locator(document: Document) -> flat.Locator:
    """Maps an offset in :func:`_prose`'s text to its block's location, with the column
    counted from the start of the block (one-based)."""
    starts: list[int] = []
    locations: list[Location] = []
    offset = 0
    for block in document.blocks:
        if isinstance(block, (Heading, Paragraph)):
            starts.append(offset)
            locations.append(block.location)
            offset += len(block.text) + 1

    def locate(position: int) -> Location | None:
        index = bisect.bisect_right(starts, position) - 1
        if index < 0:
            return None
        location = locations[index]
        if location.line is None:
            return location
        return attrs.evolve(location, column=position - starts[index] + 1)

    return locate


def build(
    document: Document, *, source: str | None = None, options: BuildOptions | None = None
) -> Report:
    """Build the canonical report from a neutral document.

    Raises :class:`LegacyReportError` for a pre-2019 free-form report and
    :class:`NotAReportError` for a document that is not an annual report at all.
    """
    options = options or BuildOptions()
    title = find_title(document, options)
    if title is not None and title.year < options.first_year:
        raise LegacyReportError(
            f"this is a {title.year} report; reports before {options.first_year} are free-form "
            "and have none of the template's tables",
            year=title.year,
        )
    sections = find_sections(document)
    rows, header_words = label_rows(document.tables())
    year_hint = title.year if title else 2021
    template = decide_template(header_words, rows, year_hint)
    tables, findings = read_tables(rows, template)
    if tables:
        # Beside real tables, rows printed as text lines fill what the tables lack; a table's
        # own row comes first. Documents without tables go to the flattened-text reader.
        text_rows = line_rows(document, template)
        if text_rows:
            tables, findings = read_tables(rows, template, text_rows)
    prose = _prose(document)
    if "t3" not in tables and "t2" not in tables:
        flat_read = flat.read_flat(prose, template, _prose_locator(document))
        if flat_read is not None:
            tables, flat_findings, template = (
                flat_read.tables,
                list(flat_read.findings),
                flat_read.template,
            )
            findings.extend(flat_findings)
    if len(sections) < 3:
        inline = flat.find_inline_sections(prose)
        if len(inline) > len(sections):
            sections = inline
    if title is None:
        if not tables:
            raise NotAReportError(
                "no title, section or table of a government information-disclosure annual report was found"
            )
        raise NotAReportError(
            "the document has report tables but no title naming the issuing body and the year"
        )
    if not tables:
        raise NotAReportError(
            f"「{title.title}」 has none of the template's tables (主动公开, 收到和处理申请, 行政复议诉讼)"
            + ("; it reads like a free-form report" if sections else "")
        )
    findings = [*_structure_findings(sections, tables), *findings]
    if not title.agency:
        findings.insert(
            0,
            Finding(
                rule="S8",
                severity=Severity.WARNING,
                message=f"标题「{title.title}」未写明发布机关。",
                locations=(title.location,) if title.location else (),
            ),
        )
    findings.extend(
        Finding(
            rule=f"S-{note.code}",
            severity=Severity.WARNING,
            message=note.message,
            locations=(note.location,),
        )
        for note in document.notes
    )
    metadata = Metadata(
        agency=title.agency,
        year=title.year,
        title=title.title,
        template=template,
        source=source,
        format=document.format or None,
    )
    return Report(
        metadata=metadata,
        sections=tuple(sections),
        table2=tables.get("t2"),
        table3=tables.get("t3"),
        table4=tables.get("t4"),
        findings=tuple(findings),
    )


_TABLE_NAMES = {
    "t2": "表二（主动公开政府信息情况）",
    "t3": "表三（收到和处理政府信息公开申请情况）",
    "t4": "表四（行政复议、行政诉讼情况）",
}


def _structure_findings(sections: Sequence[Section], tables: dict[str, Table]) -> list[Finding]:
    findings: list[Finding] = []
    present = {s.number for s in sections}
    for layout in SECTIONS:
        if layout.number not in present:
            findings.append(
                Finding(
                    rule="S1",
                    severity=Severity.WARNING,
                    message=f"未找到第{layout.numeral}部分「{layout.heading}」的标题。",
                )
            )
    for name, label in _TABLE_NAMES.items():
        if name not in tables:
            findings.append(Finding(rule="S2", severity=Severity.ERROR, message=f"未找到{label}。"))
    return findings


__all__ = [
    "BuildOptions",
    "LabelledRow",
    "align_values",
    "build",
    "find_sections",
    "find_title",
    "label_rows",
    "match_row",
    "parse_title",
]
