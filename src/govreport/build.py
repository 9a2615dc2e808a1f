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

FIRST_TEMPLATE_YEAR = 2019


@attrs.frozen
class BuildOptions:
    """How the builder reads a document."""

    #: Report years before this are free-form reports and refused.
    first_year: int = FIRST_TEMPLATE_YEAR
    #: How many leading blocks may hold the title.
    title_search_blocks: int = 12


# --- title -------------------------------------------------------------------------------

_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
_TITLE_WORDS = re.compile(r"(政府信息公开|政务公开|信息公开)")
_REPORT_WORDS = re.compile(r"(年度报告|年报|工作报告)")
_YEAR_FIRST = re.compile(
    r"^(?P<year>(?:19|20)\d\d)年度?(?P<agency>.+?)(?:政府信息公开|政务公开|信息公开)"
)
_AGENCY_FIRST = re.compile(r"^(?P<agency>.*?)(?:关于)?(?P<year>(?:19|20)\d\d)年度?")
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


def parse_title(text: str) -> tuple[str, int] | None:
    """(agency, year) from a report title, or None when it is not one."""
    compact = _chinese_year(re.sub(r"\s+", "", text.replace("#", "")))
    compact = _TITLE_PREFIX.sub("", compact)
    if not (_TITLE_WORDS.search(compact) and _REPORT_WORDS.search(compact)):
        return None
    match = _YEAR_FIRST.match(compact)
    if match:
        agency, year = match.group("agency"), int(match.group("year"))
    else:
        match = _AGENCY_FIRST.match(compact)
        if not match:
            return None
        agency, year = match.group("agency"), int(match.group("year"))
    agency = agency.strip("《》“”\"'：:，,、。 ")
    agency = re.sub(r"关于$", "", agency)
    return agency, year


def find_title(document: Document, options: BuildOptions) -> TitleInfo | None:
    candidates: list[tuple[str, Location | None]] = []
    blocks = [b for b in document.blocks if isinstance(b, (Heading, Paragraph))]
    head = blocks[: options.title_search_blocks]
    for i, block in enumerate(head):
        first_line = block.text.strip().split("\n")[0][:200]
        candidates.append((first_line, block.location))
        if i + 1 < len(head):  # titles broken over two lines
            candidates.append(
                (first_line + head[i + 1].text.strip().split("\n")[0][:60], block.location)
            )
    if document.title:
        candidates.append((document.title, None))
    for text, location in candidates:
        parsed = parse_title(text)
        if parsed and parsed[0]:
            title = re.sub(r"^#+\s*", "", _TITLE_PREFIX.sub("", text.strip())).strip()
            return TitleInfo(title=title, agency=parsed[0], year=parsed[1], location=location)
    return None


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


def label_rows(tables: Iterable[DocTable]) -> tuple[list[LabelledRow], list[str]]:
    """Every row of every table, labelled, plus the header words seen (for the template)."""
    rows: list[LabelledRow] = []
    header_words: list[str] = []
    context = ""
    for table in tables:
        for cells in table.rows:
            is_label = [bool(c.text.strip()) and not looks_numeric(c.text) for c in cells]
            if any(is_label):
                joined = normalize(
                    "".join(c.text for c, label in zip(cells, is_label, strict=True) if label)
                )
                if "申请" not in joined and (
                    any(word in joined for word in _T4_HEADER)
                    or sum(word in joined for word in _T4_RESULT_WORDS) >= 2
                ):
                    context = "t4"
                elif any(word in joined for word in _T3_HEADER):
                    context = "t3"
                elif any(word in joined for word in _T2_HEADER):
                    context = "t2"
                header_words.extend(w for w in _EVIDENCE if w in joined)
            last_label = max((i for i, label in enumerate(is_label) if label), default=-1)
            labels: list[str] = []
            for cell, label in zip(
                cells[: last_label + 1], is_label[: last_label + 1], strict=True
            ):
                text = cell.text.strip()
                if label and (not labels or labels[-1] != text):
                    labels.append(text)
            values = tuple(c for c in cells[last_label + 1 :] if not c.spanned)
            if len(labels) >= 2 and sum(1 for t in labels if label_core(t) in _COLUMN_WORDS) >= 2:
                labels = ["（表头）"]  # a header row: its words name columns, not a row
                values = ()
            location = cells[0].location if cells else table.location
            rows.append(LabelledRow(tuple(labels), values, context, location))
    return rows, header_words


def match_row(labels: Sequence[str], layout: TableLayout) -> Row | None:
    """The layout row a printed row's labels name, trying the most specific label first."""
    return _match_row(tuple(labels), layout)


@lru_cache(maxsize=4096)
def _match_row(labels: tuple[str, ...], layout: TableLayout) -> Row | None:
    candidates = [label_core(text) for text in reversed(labels)]
    if len(labels) > 1:
        candidates.append(label_core("".join(labels)))
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


def align_values(values: Sequence[DocCell], count: int) -> list[DocCell] | None:
    """The ``count`` value cells of a row, or None when which cell is which is uncertain.

    Text tables shift columns with leading or trailing empty cells; those are dropped
    while there are more cells than columns. A row with fewer cells, or with extra
    cells that are not empty, cannot be aligned with certainty.
    """
    cells = list(values)
    trimmed = False
    while len(cells) > count and not cells[-1].text.strip():
        cells.pop()
        trimmed = True
    while len(cells) > count and not cells[0].text.strip():
        cells.pop(0)
        trimmed = True
    if len(cells) != count:
        return None
    if trimmed and any(not c.text.strip() for c in cells):
        # Padding was dropped and a blank remains: the blank could be padding too.
        return None
    return cells


def read_row(row: Row, printed: LabelledRow, ids: Sequence[str]) -> _RowRead:
    """The cells of one printed row, named ``ids`` (one per column of ``row``)."""
    aligned = align_values(printed.values, len(row.columns))
    if aligned is None:
        shown = " | ".join(c.text for c in printed.values)
        finding = Finding(
            rule="S3",
            severity=Severity.WARNING,
            message=f"「{row.label}」一行的数字无法确定对应到哪一列（{shown}），未读取。",
            cells=tuple(ids),
            locations=(printed.location,),
        )
        return _RowRead(row, tuple(Cell(i, None, "", printed.location) for i in ids), (finding,))
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
    typo = _typo_of(printed.labels, row)
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


def decide_template(header_words: Sequence[str], labels: Iterable[str], year: int) -> Template:
    score_2021 = sum(1 for w in header_words if w in _EVIDENCE_2021)
    score_2019 = sum(1 for w in header_words if w in _EVIDENCE_2019)
    cores = {label_core(text) for text in labels}
    if {"其他对外管理服务事项", "政府集中采购"} & cores:
        score_2019 += 2
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
        matched_single = match_row(printed.labels, TABLE3_SINGLE_OTHER)
        if (
            matched_single is not None
            and matched_single.key == "other"
            and printed.values
            and any(c.text.strip() for c in printed.values)
        ) or (
            matched_single is not None
            and matched_single.key == "other"
            and len(printed.values) >= 7
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
    for printed in rows:
        if printed.labels:
            for name in ("t3", "t2"):
                layout = layouts[name]
                row = match_row(printed.labels, layout)
                if row is None:
                    continue
                if not printed.values:
                    break  # a group label with no numbers of its own
                result = read_row(row, printed, [f"{name}.{row.key}.{c.key}" for c in row.columns])
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
                            locations=(
                                previous.cells[0].location or printed.location,
                                printed.location,
                            ),
                        )
                    )
                break
        elif printed.context == "t4" and "review" not in read["t4"]:
            if sum(1 for c in printed.values if c.text.strip()) < 3:
                continue
            fake = LabelledRow(("行政复议",), printed.values, "t4", printed.location)
            whole = Row(
                "all",
                "行政复议、行政诉讼",
                tuple(c for block in TABLE4.rows for c in block.columns),
            )
            result = read_row(whole, fake, list(TABLE4.cell_ids()))
            read["t4"]["review"] = result
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
        result = read["t4"]["review"]
        findings.extend(result.findings)
        tables["t4"] = Table("t4", result.cells, result.cells[0].location)
    return tables, findings


# --- the whole report --------------------------------------------------------------------


def _prose(document: Document) -> str:
    return "\n".join(b.text for b in document.blocks if isinstance(b, (Heading, Paragraph)))


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
    template = decide_template(header_words, (t for r in rows for t in r.labels), year_hint)
    tables, findings = read_tables(rows, template)
    if tables:
        # Beside real tables, rows printed as text lines fill what the tables lack; a table's
        # own row comes first. Documents without tables go to the flattened-text reader.
        text_rows = line_rows(document, template)
        if text_rows:
            tables, findings = read_tables(rows, template, text_rows)
    prose = _prose(document)
    if "t3" not in tables and "t2" not in tables:
        flat_read = flat.read_flat(prose, template)
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
