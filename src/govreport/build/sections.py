"""The sections step: the six numbered parts of a report (一、总体情况 … 六、其他需要报告的事项)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from govreport import memo
from govreport.document import Document, Heading, Location, Paragraph
from govreport.layout import SECTIONS, label_core, normalize
from govreport.model import Section, built_section

_NUMERAL_START = re.compile(r"^[（(]?[一二三四五六七八九十]+[)）]?[、.．,，:：\s]")
_SECTION_MAX_HEADING = 40


#: what a normalised numbering starts with (see _NUMERAL_START)
_NUMERAL_FIRST = frozenset("(（一二三四五六七八九十")


@lru_cache(maxsize=1024)
def _may_start_numbering(char: str) -> bool:
    """Whether a line whose first character is ``char`` can start with a numbering once
    normalised (NFKC, no white space): NFKC of that character starts with one, or
    holds white space (then what follows decides). Composing with a following mark
    never gives a bracket or a numeral, so the rest of the line need not be normalised
    to rule a paragraph out."""
    first = unicodedata.normalize("NFKC", char)
    return first[0] in _NUMERAL_FIRST or any(c.isspace() for c in first)


def match_section(text: str, is_heading: bool) -> tuple[int, str, str] | None:
    if not is_heading:
        # a paragraph that starts with no numbering (most of a report), told from its
        # first character without cutting its first line out (when its first line holds
        # only marks, that character is the next line's, and the line below says None)
        start = text.lstrip().lstrip("#").lstrip()
        if not (start and _may_start_numbering(start[0])):
            return None
    line = text.strip().partition("\n")[0].lstrip("#").strip()
    if not is_heading and not line:
        return None
    return _match_line(line, is_heading)


@memo.remembered(maxsize=2048)
def _match_line(line: str, is_heading: bool) -> tuple[int, str, str] | None:
    """:func:`match_section` of a heading or a numbered line: section headings and the
    numbered lines of their parts recur across reports."""
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
        if _normalized_char(line[index]) == wanted[0]:
            wanted.pop(0)
    return len(line)


#: a heading's characters, normalised one at a time: the same few hundred recur
_normalized_char = lru_cache(maxsize=4096)(normalize)


def find_sections(document: Document) -> list[Section]:
    # one pass over the blocks: each text block's stripped text, and where among those
    # each section starts (a section's text is the text blocks up to the next start)
    texts: list[str] = []
    starts: list[tuple[tuple[int, str, str], int, Location | None, str]] = []
    last = 0  # the number of the last section found (they come in order)
    for block in document.blocks:
        if isinstance(block, Heading):
            is_heading = True
        elif isinstance(block, Paragraph):
            is_heading = False
        else:
            continue
        text = block.text
        found = match_section(text, is_heading)
        if found is not None and found[0] > last:
            last = found[0]
            starts.append((found, len(texts), block.location, text))
        texts.append(text.strip())
    sections: list[Section] = []
    if not starts:
        return sections
    ends = [start[1] for start in starts[1:]]
    ends.append(len(texts))
    for ((number, heading, rest), at, location, text), end in zip(starts, ends, strict=True):
        parts = [rest] if rest else []
        if "\n" in text:
            parts.append(text.split("\n", 1)[1].strip())
        parts.extend(texts[at + 1 : end])
        sections.append(built_section(number, heading, "\n".join(filter(None, parts)), location))
    return sections
