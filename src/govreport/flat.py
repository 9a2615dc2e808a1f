"""Reports whose tables were flattened into running text, as crawlers dump web pages.

A crawler's text keeps the labels and digits in reading order but drops the cell
boundaries: ``行政规范性文件693665`` may be 69/36/65 or 6/93/665. A row is read only
when its digits split into the row's number of cells in exactly one way
(:func:`govreport.numbers.unique_split`); every other row stays blank with a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from govreport.document import Location
from govreport.layout import (
    SECTIONS,
    TABLE3_SINGLE_OTHER,
    TABLE3_SPLIT_OTHER,
    TABLE4,
    Row,
    TableLayout,
    Template,
    label_core,
    table2_layout,
)
from govreport.messages import message
from govreport.model import Cell, Finding, Section, Severity, Table
from govreport.numbers import unique_split


class FlatRead(NamedTuple):  # a NamedTuple is made in a fifth of an attrs class's time
    tables: dict[str, Table]
    findings: tuple[Finding, ...]
    template: Template


def _fuzzy(words: str) -> str:
    """A pattern for ``words`` that allows white space and quotes between characters."""
    return r"[\s“”\"'、，,（）():：]*".join(re.escape(ch) for ch in words)


#: The characters of table 三's group labels (三、本年度办理结果, （三）不予公开 …), which a
#: narrow first column wraps a few at a line, in among the rows' labels.
_GROUP_CHARS = "".join(
    sorted({ch for row in TABLE3_SPLIT_OTHER.rows if row.group for ch in row.group})
)
#: Between two characters of a row label: white space and quotes, or at a line's start
#: a fragment of a group label set off by a space or on a line of its own
#: (pdftotext -layout's ``开     规禁止公开``).
_ROW_GAP = (
    r"(?:[\s“”\"'、，,（）():：]|\n[ \t]*["
    + re.escape(_GROUP_CHARS)
    + r"](?:[ \t]?["
    + re.escape(_GROUP_CHARS)
    + r"]){0,5}(?:[ \t]|(?=\n)))*"
)


def _row_words(words: str) -> str:
    return _ROW_GAP.join(re.escape(ch) for ch in words)


def _label_pattern(row: Row) -> re.Pattern[str]:
    number = re.match(r"^(\d)[.．、]", row.label)
    # The full official wording first, so that a note such as （区分处理的，…） is part
    # of the label and not taken for the start of the numbers.
    words = sorted({label_core(row.label), *row.aliases, *row.typos}, key=len, reverse=True)
    body = "(?:" + "|".join(_row_words(w) for w in words if w) + r")[”\"’'）)]*"
    if number:
        return re.compile(rf"{number.group(1)}\s*[.．、]\s*{body}")
    return re.compile(body)


def _numbering_inside_pattern(row: Row) -> re.Pattern[str] | None:
    """For a numbered row (``2.其他法律…``): its label with the numbering anywhere inside,
    as pdftotext prints a wrapped label (``其他法律行政法规禁`` / ``2.`` / ``止公开``);
    None for a row without numbering."""
    number = re.match(r"^(\d)[.．、]", row.label)
    if not number:
        return None
    gap = _ROW_GAP[:-2] + rf"|{number.group(1)}[.．、])*"
    words = sorted({label_core(row.label), *row.aliases, *row.typos}, key=len, reverse=True)
    body = "|".join(gap.join(re.escape(ch) for ch in w) for w in words if w)
    # or right after the label, on the same line: 其他 3.
    return re.compile(rf"(?:{body})(?:[ \t]*{number.group(1)}[.．、])?")


def _find_label(row: Row, text: str, start: int, end: int) -> re.Match[str] | None:
    match = _label_pattern(row).search(text, start, end)
    if match is not None:
        return match
    inside = _numbering_inside_pattern(row)
    if inside is None:
        return None
    match = inside.search(text, start, end)
    numbering = row.label[0]
    if match is None or not re.search(rf"{numbering}[.．、]", match.group(0)):
        return None
    return match


#: A number standing alone between white space: a cell of a table laid out as text
#: (pdftotext -layout), where a wrapped label may run on around it.
_STANDALONE = re.compile(r"(?<!\S)\d+(?:\.\d+)?(?!\S)")


def mask_numbers(text: str) -> str:
    """``text`` with every standalone number blanked out, offsets unchanged: a row label
    wrapped around its numbers is found whole in it."""
    return _STANDALONE.sub(lambda m: " " * len(m.group(0)), text)


def _names_another_row(text: str, layout: TableLayout, row: Row) -> bool:
    """Whether ``text`` holds the start of another row's label (its first four
    characters): a row not found there, whose numbers would then be counted here."""
    squeezed = re.sub(r"\s+", "", text)
    return any(
        len(word) >= 4 and word[:4] in squeezed
        for other in layout.rows
        if other is not row
        for word in (label_core(other.label), *other.aliases)
    )


def _laid_out_values(
    text: str,
    masked: str,
    span: tuple[int, int, int],
    layout: TableLayout,
    row: Row,
) -> list[int | Decimal] | None:
    """The values of a row laid out as text, its label wrapped over several lines with
    the numbers on any of them: the standalone numbers from the label's start to the next
    label (``span`` is start, label end, stop), in reading order, when they are exactly
    the row's number of cells, no other digit stands there (one beside text could be a
    cell run into a label) and no other row's label does (its numbers would be here)."""
    start, label_end, stop = span
    if any(ch.isdigit() for ch in masked[label_end:stop]):
        return None
    if _names_another_row(masked[label_end:stop], layout, row):
        return None
    numbering = re.match(r"^\d[.．、]", row.label)
    label = masked[start:label_end]
    if numbering:  # the row's own number, wherever the label's lines put it
        label = re.sub(rf"{row.label[0]}\s*[.．、]", "", label, count=1)
    if any(ch.isdigit() for ch in label):
        return None
    tokens = _STANDALONE.findall(text, start, stop)
    if len(tokens) != len(row.columns):
        return None
    values: list[int | Decimal] = []
    for token, column in zip(tokens, row.columns, strict=True):
        if column.decimal:
            values.append(Decimal(token))
        elif token.isdigit() and (token == "0" or not token.startswith("0")):
            values.append(int(token))
        else:
            return None
    return values


#: Text a flattened row may be followed by before the next row label: the value run
#: must be digits and separators; anything after it must be free of digits (headers).
_RUN_CHARS = frozenset("0123456789.-—/ \t\n\r\xa0\u3000")


def _value_run(segment: str) -> str | None:
    """The digits and separators that open ``segment``, or None when digits follow later.

    A linear scan: the regular expression this replaces backtracked cubically on long
    runs of white space.
    """
    end = 0
    while end < len(segment) and segment[end] in _RUN_CHARS:
        end += 1
    if any(ch.isdigit() for ch in segment[end:]):
        return None
    return segment[:end]


def _adds_up(values: list[int], columns: int) -> bool:
    """The row's own arithmetic: 总计 = the six applicants (表三), 总计 = the four results
    in each block (表四). Table 二's rows have none."""
    if columns == 7:
        return values[6] == sum(values[:6])
    if columns == 15:
        return all(values[i + 4] == sum(values[i : i + 4]) for i in (0, 5, 10))
    return False


def _split_run(run: str, columns: int, decimal: bool, signed: bool) -> list[int | Decimal] | None:
    """The row's values from a run of digits, when there is exactly one reading.

    Separated tokens that number as many as the columns are the cells. Otherwise digits
    must be split inside tokens, which is certain only if no cell was blank (a blank
    leaves no trace in flattened text): a split of table 三 or 四 is accepted only when
    the row also adds up, and one of table 二 only when the whole run is a single token.
    """
    run = run.strip()
    if not run or "/" in run or "—" in run:
        return None
    if signed and "-" in run:
        return _signed_run(run, columns)
    tokens = [t for t in re.split(r"[\s\-]+", run) if t]
    if columns == 1 and len(tokens) == 1:
        token = tokens[0]
        if re.fullmatch(r"\d+\.\d+", token):
            try:
                return [Decimal(token)]
            except InvalidOperation:
                return None
        if token.isdigit() and (token == "0" or not token.startswith("0")):
            return [Decimal(token) if decimal else int(token)]
        return None
    if any("." in t for t in tokens):
        return None
    split = unique_split(tokens, columns)
    if split is None:
        return None
    if len(tokens) != columns and len(tokens) > 1 and not _adds_up(split, columns):
        return None
    if len(tokens) == 1 and columns in (7, 15) and not _adds_up(split, columns):
        return None
    return [Decimal(v) if decimal else v for v in split]


_SIGNED_RUN = re.compile(r"(\d+)\s*-\s*(\d+(?:\s+\d+)*)")


def _signed_run(run: str, columns: int) -> list[int | Decimal] | None:
    """A 2019 row (上一年项目数量, 本年增/减, …) whose change is negative: the minus is
    both the sign and the boundary after the first cell (行政事业性收费12-3 is 12 and −3).
    Certain when the minus follows the first number and every cell after it is a number
    of its own (a minus alone could also be a blank mark, so 12-5 of a three-cell row,
    12 / − / 5 or 12 / −5 / blank, is not)."""
    match = _SIGNED_RUN.fullmatch(run)
    if match is None:
        return None
    first, rest = match.group(1), match.group(2).split()
    if len(rest) != columns - 1 or any(len(t) > 1 and t.startswith("0") for t in [first, *rest]):
        return None
    return [int(first), -int(rest[0]), *(int(t) for t in rest[1:])]


#: Maps an offset in the flattened text to where it stands in the source.
Locator = Callable[[int], Location | None]


def _nowhere(offset: int) -> Location | None:
    return None


def _read_layout(
    text: str,
    start: int,
    end: int,
    layout: TableLayout,
    rows: Sequence[Row],
    locate: Locator = _nowhere,
) -> tuple[list[Cell], list[Finding], int]:
    cells: list[Cell] = []
    findings: list[Finding] = []
    positions: list[tuple[Row, int, int]] = []
    masked = mask_numbers(text)
    cursor = start
    for row in rows:
        match = _find_label(row, masked, cursor, end)
        if match is None:
            continue
        positions.append((row, match.start(), match.end()))
        cursor = match.end()
    for index, (row, label_start, label_end) in enumerate(positions):
        stop = positions[index + 1][1] if index + 1 < len(positions) else end
        segment = text[label_end:stop]
        ids = [f"{layout.name}.{row.key}.{c.key}" for c in row.columns]
        run = _value_run(segment)
        values = None
        wrapped = masked[label_start:label_end] != text[label_start:label_end]
        if run is not None and re.search(r"\d", run) and not wrapped:
            column = row.columns[0]
            values = _split_run(
                run,
                len(row.columns),
                column.decimal,
                any(c.signed for c in row.columns),
            )
        elif run is None or wrapped:
            values = _laid_out_values(text, masked, (label_start, label_end, stop), layout, row)
            if values is not None:
                run = " ".join(_STANDALONE.findall(text, label_start, stop))
        location = locate(label_end)
        if values is None:
            printed = re.sub(r"\s+", " ", segment.strip())[:40]
            findings.append(
                Finding(
                    rule="S3",
                    severity=Severity.WARNING,
                    message=message("finding.S3.run_together", row=row.label, printed=printed),
                    cells=tuple(ids),
                    locations=(location,) if location else (),
                )
            )
            cells.extend(Cell(i, None, "", location) for i in ids)
            continue
        raw = run.strip() if run else ""
        cells.extend(Cell(i, v, raw, location) for i, v in zip(ids, values, strict=True))
    last = positions[-1][2] if positions else start
    return cells, findings, last


def _heading_position(text: str, number: int, start: int = 0) -> int | None:
    section = SECTIONS[number - 1]
    for variant in (section.heading, *section.variants):
        pattern = rf"{section.numeral}\s*[、.．]\s*{_fuzzy(variant.replace('、', ''))}"
        match = re.search(pattern, text[start:])
        if match:
            return start + match.start()
    return None


#: A line that is only a page number (-3-, — 4 —), as a page break leaves it in the
#: middle of a table.
_PAGE_NUMBER = re.compile(r"^[ \t]*[-—–][ \t]*\d{1,4}[ \t]*[-—–][ \t]*$", re.MULTILINE)


def _without_page_numbers(text: str) -> str:
    """``text`` with page-number lines blanked out, offsets unchanged."""
    return _PAGE_NUMBER.sub(lambda m: " " * len(m.group(0)), text)


def read_flat(text: str, template: Template, locate: Locator = _nowhere) -> FlatRead | None:
    """Read tables 二, 三 and 四 out of flattened text, or None when there are none.

    ``locate`` maps an offset in ``text`` to a source location for the cells read.
    """
    text = _without_page_numbers(text)
    if "本年新收" not in text and "第二十条" not in text:
        return None
    t2_start = _heading_position(text, 2) or 0
    t3_start = _heading_position(text, 3, t2_start) or t2_start
    t4_start = _heading_position(text, 4, t3_start)
    t5_start = _heading_position(text, 5, t4_start or t3_start)
    tables: dict[str, Table] = {}
    findings: list[Finding] = []
    if "其他对外管理服务事项" in text or "政府集中采购" in text or "上一年项目数量" in text:
        template = "2019"
    elif "本年制发件数" in text or "现行有效件数" in text:
        template = "2021"
    t2_layout = table2_layout(template)
    cells, found, _ = _read_layout(text, t2_start, t3_start, t2_layout, t2_layout.rows, locate)
    if cells:
        tables["t2"] = Table("t2", tuple(cells))
        findings.extend(found)
    t3_end = t4_start or len(text)
    split_other = _find_label(
        TABLE3_SPLIT_OTHER.row("other.no_correction"), mask_numbers(text), t3_start, t3_end
    )
    t3_layout = TABLE3_SPLIT_OTHER if split_other else TABLE3_SINGLE_OTHER
    cells, found, _ = _read_layout(text, t3_start, t3_end, t3_layout, t3_layout.rows, locate)
    if cells:
        tables["t3"] = Table("t3", tuple(cells))
        findings.extend(found)
    if t4_start is not None:
        region = text[t4_start : t5_start or len(text)]
        digits = re.search(r"[\d][\d\s]*", region[len("四、") :])
        ids = [f"t4.{row.key}.{c.key}" for row in TABLE4.rows for c in row.columns]
        header = region[: digits.start() + len("四、")] if digits else ""
        # Only digits right after the table's column headings are its row; a year or a
        # count in the prose of section 四 is not. Headings set one character a line
        # (pdftotext of a narrow column) keep only the block names whole: then the row
        # must be fifteen separate numbers.
        if digits and (
            all(word in header for word in ("维持", "纠正", "审结"))
            or (
                all(word in header for word in ("行政复议", "行政诉讼"))
                and len(digits.group(0).split()) == len(ids)
            )
        ):
            location = locate(t4_start + len("四、") + digits.start())
            tokens = digits.group(0).split()
            values = unique_split(tokens, len(ids))
            if values is not None and len(tokens) != len(ids) and not _adds_up(values, len(ids)):
                values = None  # digits split inside tokens but the blocks do not add up
            if values is None:
                findings.append(
                    Finding(
                        rule="S3",
                        severity=Severity.WARNING,
                        message=message(
                            "finding.S3.t4_run_together", printed=digits.group(0).strip()
                        ),
                        cells=tuple(ids),
                        locations=(location,) if location else (),
                    )
                )
                tables["t4"] = Table("t4", tuple(Cell(i, None, "", location) for i in ids))
            else:
                tables["t4"] = Table(
                    "t4",
                    tuple(
                        Cell(i, v, digits.group(0).strip(), location)
                        for i, v in zip(ids, values, strict=True)
                    ),
                )
    if not tables:
        return None
    return FlatRead(tables=tables, findings=tuple(findings), template=template)


def find_inline_sections(text: str) -> list[Section]:
    """Section headings found inside running text, in order."""
    found: list[tuple[int, int, str]] = []
    cursor = 0
    for section in SECTIONS:
        position = _heading_position(text, section.number, cursor)
        if position is None:
            continue
        heading = section.numeral + "、" + section.heading
        found.append((section.number, position, heading))
        cursor = position + 1
    sections: list[Section] = []
    for index, (number, position, heading) in enumerate(found):
        end = found[index + 1][1] if index + 1 < len(found) else len(text)
        body = text[position:end]
        body = re.sub(rf"^{SECTIONS[number - 1].numeral}\s*[、.．]\s*", "", body)
        sections.append(Section(number=number, heading=heading, text=body.strip()))
    return sections


__all__ = ["FlatRead", "find_inline_sections", "read_flat"]
