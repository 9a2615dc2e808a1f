"""Turn any neutral :class:`~govreport.document.Document` into a :class:`~govreport.Report`.

This is the only package that knows how a report is laid out on the page: where the
title, sections and tables are, which printed row is which cell. A format plugin
only has to deliver headings, paragraphs and table grids.

The pipeline is a chain of small steps, one module each:

- :mod:`~govreport.build.title`: the title (agency, year);
- :mod:`~govreport.build.sections`: the section headings;
- :mod:`~govreport.build.rows`: every table row as a labelled row, with
  :mod:`~govreport.build.split` telling its labels from its values and
  :mod:`~govreport.build.columns` placing the values of wide tables by their header;
- :mod:`~govreport.build.template`: the 2019 or 2021 template;
- :mod:`~govreport.build.assign`: which template row each printed row is;
- :mod:`~govreport.build.tables` and :mod:`~govreport.build.table4`: labelled rows
  onto the canonical cells of tables 二, 三 and 四, through :mod:`~govreport.build.cells`.

:mod:`~govreport.build.common` holds what the steps share. Text whose tables were
flattened into running prose (crawler dumps) goes through :mod:`govreport.flat` instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from govreport import flat
from govreport.build.assign import (
    attribute_unlabelled_rows,
    line_rows,
    match_row,
    matches_of,
)
from govreport.build.blanks import lone_blank_findings
from govreport.build.cells import align_values, read_row
from govreport.build.columns import header_order_problem, t3_column_map, t4_column_map
from govreport.build.common import (
    FIRST_TEMPLATE_YEAR,
    BuildOptions,
    LabelledRow,
    prose_locator,
    prose_text,
)
from govreport.build.rows import label_rows
from govreport.build.sections import find_sections
from govreport.build.tables import read_tables
from govreport.build.template import decide_template
from govreport.build.title import TitleInfo, find_title, parse_title, untitled
from govreport.document import Document
from govreport.errors import LegacyReportError, NotAReportError
from govreport.layout import SECTIONS, Template
from govreport.messages import message
from govreport.model import Finding, Metadata, Report, Section, Severity, Table

#: the options of a build given none (frozen: one serves every build)
_DEFAULT_OPTIONS = BuildOptions()


def build(
    document: Document, *, source: str | None = None, options: BuildOptions | None = None
) -> Report:
    """Build the canonical report from a neutral document.

    Raises :class:`LegacyReportError` for a pre-2019 free-form report and
    :class:`NotAReportError` for a document that is not an annual report at all.
    """
    options = options or _DEFAULT_OPTIONS
    title = find_title(document, options)
    if title is not None and title.year < options.first_year:
        raise LegacyReportError(
            message("error.legacy", year=title.year, first_year=options.first_year),
            year=title.year,
        )
    sections = find_sections(document)
    template, tables, findings = _read_report_tables(document, title.year if title else 2021)
    if len(sections) < 3:
        inline = flat.find_inline_sections(prose_text(document))
        if len(inline) > len(sections):
            sections = inline
    if title is None and tables:
        title = untitled(document, options)
    title = _require_report(title, tables, sections)
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
        findings=tuple(_report_findings(document, title, sections, tables, findings)),
    )


def _read_report_tables(
    document: Document, year_hint: int
) -> tuple[Template, dict[str, Table], list[Finding]]:
    """The template, the tables and the findings on them: from the document's tables,
    else from its text."""
    rows, header_words = label_rows(document.tables())
    found = matches_of(rows)  # the rows each names, for every step
    template = decide_template(header_words, rows, year_hint, found)
    tables, findings = read_tables(rows, template, found=found)
    if tables:
        # Beside real tables, rows printed as text lines fill what the tables lack; a table's
        # own row comes first. Documents without tables go to the flattened-text reader.
        text_rows = line_rows(document, template)
        if text_rows:
            tables, findings = read_tables(rows, template, text_rows, found)
    if "t3" not in tables and "t2" not in tables:
        flat_read = flat.read_flat(prose_text(document), template, prose_locator(document))
        if flat_read is not None:
            tables, template = flat_read.tables, flat_read.template
            findings.extend(flat_read.findings)
    return template, tables, findings


def _require_report(
    title: TitleInfo | None, tables: dict[str, Table], sections: Sequence[Section]
) -> TitleInfo:
    """The title, when the document is a report: it has a title and a template table."""
    if title is None:
        if not tables:
            raise NotAReportError(message("error.not_a_report"))
        raise NotAReportError(message("error.no_title"))
    if not tables:
        raise NotAReportError(
            message(
                "error.no_tables_free_form" if sections else "error.no_tables", title=title.title
            )
        )
    return title


def _report_findings(
    document: Document,
    title: TitleInfo,
    sections: Sequence[Section],
    tables: dict[str, Table],
    findings: Sequence[Finding],
) -> list[Finding]:
    """The report's findings: what is missing, then what reading found, then what the
    format plugin noted."""
    out = [
        *_structure_findings(sections, tables),
        *findings,
        *lone_blank_findings(tables, findings),
    ]
    if not title.agency:
        out.insert(
            0,
            Finding(
                rule="S8",
                severity=Severity.WARNING,
                message=(
                    message("finding.S8.no_agency", title=title.title)
                    if title.title
                    else message("finding.S8.no_title", year=title.year)
                ),
                locations=(title.location,) if title.location else (),
            ),
        )
    # A reader's note about one cell (an OCR value it could not read with certainty)
    # stands where that cell does: the finding names the cell, which is then unread.
    if not document.notes:
        return out
    cell_at = {c.location: c.id for t in tables.values() for c in t if c.location is not None}
    out.extend(
        Finding(
            rule=f"S-{note.code}",
            severity=Severity.WARNING,
            message=note.message,
            cells=(cell_at[note.location],) if note.location in cell_at else (),
            locations=(note.location,),
        )
        for note in document.notes
    )
    return out


def _structure_findings(sections: Sequence[Section], tables: dict[str, Table]) -> list[Finding]:
    findings: list[Finding] = []
    present = {s.number for s in sections}
    for layout in SECTIONS:
        if layout.number not in present:
            findings.append(
                Finding(
                    rule="S1",
                    severity=Severity.WARNING,
                    message=message("finding.S1", numeral=layout.numeral, heading=layout.heading),
                )
            )
    for name in ("t2", "t3", "t4"):
        if name not in tables:
            table = message(f"finding.S2.{name}")
            findings.append(
                Finding(
                    rule="S2", severity=Severity.ERROR, message=message("finding.S2", table=table)
                )
            )
    return findings


__all__ = [
    "FIRST_TEMPLATE_YEAR",
    "BuildOptions",
    "LabelledRow",
    "TitleInfo",
    "align_values",
    "attribute_unlabelled_rows",
    "build",
    "decide_template",
    "find_sections",
    "find_title",
    "header_order_problem",
    "label_rows",
    "line_rows",
    "match_row",
    "parse_title",
    "read_row",
    "read_tables",
    "t3_column_map",
    "t4_column_map",
]
