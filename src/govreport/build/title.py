"""The title step: the issuing body (agency) and the report year, from the title line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice

import attrs

from govreport.build.common import BuildOptions, prose_text
from govreport.build.sections import match_section
from govreport.document import Document, Heading, Location, Paragraph

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
    return any(word in text for word in ("来源", "发布", "索引号", "成文日期", "发文")) or bool(
        re.search(r"[：:]|\d{4}\s*年\s*\d{1,2}\s*月|\d{4}-\d{1,2}-\d{1,2}", text)
    )


def _agency_without_year(text: str) -> str | None:
    match = _NO_YEAR.match(_compact_title(text))
    return _clean_agency(match.group("agency")) if match else None


def _title_past_chrome(
    blocks: Sequence[Heading | Paragraph], options: BuildOptions
) -> tuple[str, Location | None] | None:
    """The first line after the leading blocks and before section 一 that is a whole
    title, naming the body and the year: Markdown and text made from a saved page keep
    the site's navigation before it (the HTML reader sets it apart by the page's own
    title)."""
    end = min(len(blocks), options.title_search_past_chrome)
    for index in range(options.title_search_blocks, end):
        block = blocks[index]
        line = block.text.strip().split("\n")[0][:200]
        if match_section(line, isinstance(block, Heading)) is not None:
            return None
        if parse_title(line):
            return line, block.location
    return None


_HASHES = re.compile(r"^#+\s*")


def _title_text(text: str) -> str:
    """A title candidate as the report's title: without a 标题： prefix or ``#`` marks."""
    return _HASHES.sub("", _TITLE_PREFIX.sub("", text.strip())).strip()


def _first_title(
    candidates: Sequence[tuple[str, Location | None]], anonymous: TitleInfo | None
) -> tuple[TitleInfo | None, TitleInfo | None]:
    """The first candidate that is a full title, and the first that names only a year
    (``anonymous`` when one came before)."""
    for text, location in candidates:
        parsed = parse_title(text)
        if parsed:
            title = TitleInfo(_title_text(text), parsed[0], parsed[1], location)
            return title, anonymous
        year = _year_of_anonymous_title(text)
        if year is not None and anonymous is None:
            anonymous = TitleInfo(_title_text(text), "", year, location)
    return None, anonymous


def find_title(document: Document, options: BuildOptions) -> TitleInfo | None:
    texts = (b for b in document.blocks if isinstance(b, (Heading, Paragraph)))
    head = list(islice(texts, options.title_search_blocks))
    lines: list[str] = []
    candidates: list[tuple[str, Location | None]] = []
    anonymous: TitleInfo | None = None
    for block in head:  # most titles stand on a line of their own, one of the first
        candidate = (block.text.strip().partition("\n")[0][:200], block.location)
        found, anonymous = _first_title((candidate,), anonymous)
        if found is not None:
            return found
        lines.append(candidate[0])
        candidates.append(candidate)
    more: list[tuple[str, Location | None]] = []
    for i in range(len(head) - 1):
        first, second = lines[i], lines[i + 1]
        # A title broken over two lines. A line that already ends the title is not joined
        # with the next, nor is a page's metadata line (a date there is not the report year).
        if not _REPORT_WORDS.search(first) and not _is_metadata_line(first + second):
            more.append((first + second[:60], head[i].location))
    if document.title:
        more.append((document.title, None))
    candidates.extend(more)
    found, anonymous = _first_title(more, anonymous)
    if found is not None:
        return found
    # the title past a page's navigation is the last candidate, looked for only when the
    # others are no full title (it searches up to hundreds of blocks)
    blocks = [b for b in document.blocks if isinstance(b, (Heading, Paragraph))]
    past_chrome = _title_past_chrome(blocks, options)
    if past_chrome is not None:
        candidates.append(past_chrome)
        found, anonymous = _first_title([past_chrome], anonymous)
        if found is not None:
            return found
    if anonymous is not None:
        return anonymous
    # No year in the title: the statistics period (统计期限自2024年1月1日…) gives it, else
    # the year the prose speaks of most (a date line under the title is the publication
    # date, usually early in the following year, and is not counted).
    prose = _opening_prose(document)
    period = _PERIOD_YEAR.search(prose)
    year = int(period.group(1)) if period else _most_mentioned_year(prose)
    if year is None:
        return None
    for text, location in candidates:
        agency = _agency_without_year(text)
        if agency:
            title = _title_text(text)
            return TitleInfo(title=title, agency=agency, year=year, location=location)
    return None


def untitled(document: Document, options: BuildOptions) -> TitleInfo | None:
    """For a document with the template's tables that prints no title at all (a page
    exported without its heading) but states its statistics period: the year from that
    period, and no agency."""
    period = _PERIOD_YEAR.search(_opening_prose(document))
    if period is None or int(period.group(1)) < options.first_year:
        return None
    return TitleInfo(title="", agency="", year=int(period.group(1)), location=None)


#: How much of the prose, from its start, is searched for the year a report is about.
OPENING_PROSE = 20000


def _opening_prose(document: Document) -> str:
    """The start of the prose, years in Chinese numerals written in digits."""
    return _chinese_year(prose_text(document, OPENING_PROSE))


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
