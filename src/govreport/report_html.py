"""The validation page: reports' three tables as printed, with the cells that break a rule marked.

A person checking a batch would rather look at the tables than read a log. A page of
several reports opens with a summary table (body, year, errors, warnings, a link), and
a colour legend. Every value cell carries ``data-cell`` (its canonical ID) and a
``title`` saying where it stands; its class says its state (``blank`` for a printed
blank, ``unread`` for a cell that was not read); a cell some finding names gets the
class ``flagged`` (and the worst severity among those findings), and links to each
such finding. Each finding links back to its cells, names them by the table's row and
column labels (表三「…」行), and shows its evidence: for a PDF an image of the table
region cut from the page with the cells outlined, for other sources the source lines
(:mod:`govreport.evidence`). Sources that were refused are listed with the error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from govreport.batch import Result
from govreport.evidence import (
    cell_locations,
    data_uri,
    pdf_image,
    source_lines,
    table_region,
)
from govreport.layout import (
    APPLICANT_COLUMNS,
    RESULT_COLUMNS,
    T2_CONTENT_HEADER,
    T3_APPLICANTS_HEADER,
    T3_ORGANISATIONS_HEADER,
    T4_AFTER_REVIEW_HEADER,
    T4_DIRECT_HEADER,
    T4_LITIGATION_HEADER,
    T4_REVIEW_HEADER,
    TABLE4,
    TOTAL_COLUMN,
    cell_labels,
    table2_layout,
    table3_layout,
)
from govreport.messages import current_language, message
from govreport.model import CellState, Finding, Report, Severity, Table
from govreport.where import describe, describe_places


def _w(key: str, **fields: object) -> str:
    """The page's own wording (messages/html.py); row and column labels come from layout."""
    return message(f"html.{key}", None, **fields)


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }
section.report, section.refused { border-top: 2px solid #888; margin-top: 2.5em; padding-top: 1em; }
table { border-collapse: collapse; margin: 0.8em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #999; padding: 0.2em 0.5em; }
th { background: #eee; font-weight: normal; }
td.value { text-align: right; min-width: 2.5em; font-variant-numeric: tabular-nums; }
td.absent { background: #f6f6f6; }
td.blank { color: #888; }
td.unread { background: repeating-linear-gradient(45deg, #eee, #eee 4px, #ddd 4px, #ddd 8px);
  color: #555; font-size: 0.8em; text-align: center; }
table.summary td, table.summary th { padding: 0.3em 0.8em; }
table.summary td.errors { color: #c00; font-weight: bold; }
table.summary td.warnings { color: #a60; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4em 1.5em; }
ul.legend li span.swatch { display: inline-block; width: 1.4em; height: 1em;
  vertical-align: middle; margin-right: 0.4em; border: 1px solid #999; }
figure.evidence { margin: 0.4em 0 0.8em; }
figure.evidence img { max-width: 100%; border: 1px solid #bbb; }
figure.evidence figcaption { color: #666; font-size: 0.8em; }
pre.source { background: #f8f8f8; border: 1px solid #ddd; padding: 0.4em; font-size: 0.8em;
  white-space: pre-wrap; margin: 0.4em 0 0.8em; }
pre.source span.marked { background: #fde9b6; display: block; }
td.flagged.error { background: #f8c4c4; outline: 2px solid #c00; }
td.flagged.warning { background: #fde9b6; outline: 2px solid #c80; }
td.flagged.info { background: #d6e8fa; }
td.flagged:target, li.finding:target { box-shadow: 0 0 0 3px #06c; }
td sup a { font-size: 0.7em; color: #06c; margin-left: 0.2em; text-decoration: none; }
li.finding { margin: 0.3em 0; }
li.finding .rule { font-weight: bold; margin-right: 0.5em; }
li.finding.error .rule { color: #c00; }
li.finding.warning .rule { color: #a60; }
li.finding .where { color: #666; font-size: 0.85em; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: 0 1em; }
dl.meta dt { color: #666; }
"""


class _Maker:
    """``E.td("7", {"class": "value"}, colspan="2")``: strings become text, dictionaries
    and keywords attributes, elements children (lxml's own builder ships no type stubs)."""

    def __getattr__(self, tag: str) -> Callable[..., etree._Element]:
        def make(*children: Any, **attributes: str) -> etree._Element:
            element = etree.Element(tag)
            for child in children:
                if isinstance(child, dict):
                    for key, value in child.items():
                        element.set(key, value)
                elif isinstance(child, str):
                    if len(element):
                        last = element[-1]
                        last.tail = (last.tail or "") + child
                    else:
                        element.text = (element.text or "") + child
                else:
                    element.append(child)
            for key, value in attributes.items():
                element.set(key, value)
            return element

        return make


E = _Maker()


class _Page:
    """Builds one report's section; ``prefix`` keeps element IDs unique on the page."""

    def __init__(
        self,
        prefix: str,
        report: Report,
        findings: Sequence[Finding],
        source: Path | None = None,
    ) -> None:
        self.prefix = prefix
        self.report = report
        self.findings = findings
        #: the source file, when it can be opened for evidence
        self.source = source
        printed = {cell.id for table in report.tables() for cell in table}
        self.by_cell: dict[str, list[int]] = {}
        for number, finding in enumerate(findings):
            for cell_id in finding.cells:
                if cell_id in printed:
                    self.by_cell.setdefault(cell_id, []).append(number)

    def cell_anchor(self, cell_id: str) -> str:
        return f"{self.prefix}-c-{cell_id}"

    def finding_anchor(self, number: int) -> str:
        return f"{self.prefix}-f{number}"

    # --- cells ---------------------------------------------------------------------------

    def value_cell(self, table: Table, cell_id: str) -> Any:
        if cell_id not in table:
            # a template row the reading did not find: not read, like an unreadable cell
            return E.td(_w("unread"), {"class": "value absent unread", "title": _w("not_found")})
        cell = table[cell_id]
        classes = ["value"]
        if cell.state is CellState.UNREAD:
            text = _w("unread")
            classes.append("unread")
        elif cell.state is CellState.BLANK:
            text = cell.mark or "—"
            classes.append("blank")
        else:
            text = str(cell.value)
        row, column = cell_labels().get(cell_id, (cell_id, ""))
        title = f"{cell_id} · {row} / {column}"
        if cell.location is not None:
            title += f" · {_w('where')}: {describe_places([cell.location])}"
        numbers = self.by_cell.get(cell_id, [])
        links = []
        if numbers:
            worst = min((self.findings[n].severity for n in numbers), key=lambda s: _RANK[s])
            classes += ["flagged", worst.value]
            title += "\n" + "\n".join(str(self.findings[n]) for n in numbers)
            links = [E.a(self.findings[n].rule, href=f"#{self.finding_anchor(n)}") for n in numbers]
        attributes = {
            "class": " ".join(classes),
            "id": self.cell_anchor(cell_id),
            "data-cell": cell_id,
            "title": title,
        }
        return E.td(text, E.sup(*links), attributes) if links else E.td(text, attributes)

    # --- tables --------------------------------------------------------------------------

    def table2(self, table: Table) -> Any:
        layout = table2_layout(self.report.template)
        width = max(len(row.columns) for row in layout.rows)
        body: list[Any] = []
        group: str | None = None
        for row in layout.rows:
            if row.group != group:
                group = row.group
                body.append(E.tr(E.th(group or "", {"class": "group"}, colspan=str(width + 1))))
                heads = [E.th(c.label) for c in row.columns]
                heads += [E.th("") for _ in range(width - len(row.columns))]
                body.append(E.tr(E.th(T2_CONTENT_HEADER), *heads))
            values = [self.value_cell(table, f"t2.{row.key}.{c.key}") for c in row.columns]
            values += [E.td("", {"class": "absent"}) for _ in range(width - len(row.columns))]
            body.append(E.tr(E.th(row.label), *values))
        return E.table(E.tbody(*body), {"class": "t2"})

    def table3(self, table: Table) -> Any:
        layout = table3_layout(single_other="t3.other.total" in table)
        organisations = APPLICANT_COLUMNS[1:]
        head = E.thead(
            E.tr(
                E.th("", rowspan="3", colspan="2"),
                E.th(T3_APPLICANTS_HEADER, colspan=str(len(APPLICANT_COLUMNS) + 1)),
            ),
            E.tr(
                E.th(APPLICANT_COLUMNS[0].label, rowspan="2"),
                E.th(T3_ORGANISATIONS_HEADER, colspan=str(len(organisations))),
                E.th(TOTAL_COLUMN.label, rowspan="2"),
            ),
            E.tr(*[E.th(c.label) for c in organisations]),
        )
        rows = list(layout.rows)
        body: list[Any] = []
        results_opened = False
        results_group = layout.row("total").group  # 三、本年度办理结果
        for i, row in enumerate(rows):
            values = [self.value_cell(table, f"t3.{row.key}.{c.key}") for c in row.columns]
            if row.group is not None and not results_opened:
                results_opened = True
                body.append(E.tr(E.th(results_group or "", {"class": "group"}, colspan="9")))
            if row.group is None or row.group == results_group:
                body.append(E.tr(E.th(row.label, colspan="2"), *values))
                continue
            first_of_group = i == 0 or rows[i - 1].group != row.group
            labels = []
            if first_of_group:
                span = sum(1 for r in rows if r.group == row.group)
                labels.append(E.th(row.group, rowspan=str(span)))
            body.append(E.tr(*labels, E.th(row.label), *values))
        return E.table(head, E.tbody(*body), {"class": "t3"})

    def table4(self, table: Table) -> Any:
        results = [E.th(c.label) for c in RESULT_COLUMNS]
        head = E.thead(
            E.tr(
                E.th(T4_REVIEW_HEADER, colspan=str(len(RESULT_COLUMNS))),
                E.th(T4_LITIGATION_HEADER, colspan=str(2 * len(RESULT_COLUMNS))),
            ),
            E.tr(
                *[E.th(c.label, rowspan="2") for c in RESULT_COLUMNS],
                E.th(T4_DIRECT_HEADER, colspan=str(len(RESULT_COLUMNS))),
                E.th(T4_AFTER_REVIEW_HEADER, colspan=str(len(RESULT_COLUMNS))),
            ),
            E.tr(*results, *[E.th(c.label) for c in RESULT_COLUMNS]),
        )
        values = [
            self.value_cell(table, f"t4.{row.key}.{c.key}")
            for row in TABLE4.rows
            for c in row.columns
        ]
        return E.table(head, E.tbody(E.tr(*values)), {"class": "t4"})

    # --- the section ----------------------------------------------------------------------

    def finding_item(self, number: int, finding: Finding) -> Any:
        labels = cell_labels()
        links: list[Any] = []
        for cell_id in finding.cells:
            row, column = labels.get(cell_id, (cell_id, ""))
            text = f"{row} / {column}" if column else row
            if cell_id in self.by_cell:
                links += [E.a(text, href=f"#{self.cell_anchor(cell_id)}", title=cell_id), "；"]
            else:
                links += [E.span(text, title=cell_id), "；"]
        links = links[:-1]  # no separator after the last cell
        where = describe(finding.cells, finding.locations)
        parts: list[Any] = [E.span(finding.rule, {"class": "rule"}), finding.message]
        if where:
            parts += [E.br(), E.span(f"{_w('where')}: {where}", {"class": "where"})]
        if links:
            parts += [E.br(), E.span(f"{_w('cells')}: ", {"class": "where"}), *links]
        evidence = self.evidence(finding)
        if evidence is not None:
            parts.append(evidence)
        return E.li(
            *parts,
            {"class": f"finding {finding.severity.value}", "id": self.finding_anchor(number)},
        )

    def evidence(self, finding: Finding) -> Any:
        """The part of the source the finding points to: an image of the PDF table region
        with its cells outlined, or the source lines; None when there is nothing to show."""
        if self.source is None or not finding.locations:
            return None
        if self.report.metadata.format == "pdf":
            png = pdf_image(
                self.source,
                self.report,
                finding.locations,
                finding.severity.value,
                finding.cells,
            )
            located = [*cell_locations(self.report, finding.cells), *finding.locations]
            region = table_region(self.report, located)
            if png is None or region is None:
                return None
            caption = _w("evidence_pdf", page=region[0])
            return E.figure(
                E.img(src=data_uri(png), alt=caption),
                E.figcaption(caption),
                {"class": "evidence pdf"},
            )
        found = source_lines(self.source, finding.locations)
        if found is None:
            return None
        lines = [
            E.span(f"{number:>5}  {text}", {"class": "marked"} if number in found.marked else {})
            for number, text in found.lines
        ]
        joined: list[Any] = []
        for line in lines:
            joined += [line, "\n"]
        return E.pre(*joined[:-1], {"class": "source", "title": _w("evidence_lines")})

    def section(self, source: str) -> Any:
        meta = self.report.metadata
        facts = [
            (_w("agency"), meta.agency),
            (_w("year"), str(meta.year)),
            (_w("template"), meta.template),
            (_w("source"), source),
            (_w("format"), meta.format or ""),
        ]
        parts: list[Any] = [
            E.h2(meta.title or f"{meta.agency} {meta.year}"),
            E.dl(*[item for k, v in facts for item in (E.dt(k), E.dd(v))], {"class": "meta"}),
            E.h3(f"{_w('findings')} ({len(self.findings)})"),
        ]
        if self.findings:
            parts.append(
                E.ol(
                    *[self.finding_item(n, f) for n, f in enumerate(self.findings)],
                    {"class": "findings"},
                )
            )
        else:
            parts.append(E.p(_w("no_findings")))
        for name, table, build in (
            ("t2", self.report.table2, self.table2),
            ("t3", self.report.table3, self.table3),
            ("t4", self.report.table4, self.table4),
        ):
            if table is not None:
                parts += [E.h3(_w(name)), build(table)]
        return E.section(*parts, {"class": "report", "id": self.prefix})


def render_page(
    results: Iterable[Result],
    *,
    extra_findings: Mapping[int, Sequence[Finding]] | None = None,
    title: str | None = None,
    evidence: bool = True,
) -> str:
    """One HTML page for batch results (read with ``keep_reports`` on): a summary table
    when there are several reports, a legend, every report's tables with its findings
    and their evidence, then every refused source. ``extra_findings`` adds findings by
    result index (cross-year ones, from :func:`govreport.crossyear.check_reports`).
    ``evidence`` reads each result's ``source`` (a path) again for the images and lines."""
    extra = extra_findings or {}
    sections: list[Any] = []
    rows: list[Any] = []
    total = read = refused = found = errors = 0
    for result in results:
        total += 1
        if result.report is None:
            refused += 1
            message_text = f"{result.error_type}: {result.error}" if result.error else ""
            sections.append(
                E.section(
                    E.h2(f"{_w('refused')}: {result.source}"),
                    E.p(message_text),
                    {"class": "refused", "id": f"r{result.index}"},
                )
            )
            rows.append(_summary_row(result, None, f"r{result.index}"))
            continue
        read += 1
        findings = [*result.findings, *extra.get(result.index, ())]
        found += len(findings)
        errors += sum(1 for f in findings if f.severity is Severity.ERROR)
        path = Path(result.source) if evidence else None
        source = path if path is not None and path.is_file() else None
        builder = _Page(f"r{result.index}", result.report, findings, source)
        sections.append(builder.section(result.source))
        rows.append(_summary_row(result, findings, f"r{result.index}"))
    heading = title or _w("page_title")
    summary = _w("summary", total=total, read=read, refused=refused, findings=found, errors=errors)
    top: list[Any] = [E.h1(heading), E.p(summary, {"class": "summary"})]
    if total > 1:
        top.append(_summary_table(rows))
    top.append(_legend())
    page = E.html(
        E.head(E.meta(charset="utf-8"), E.title(heading), E.style(_STYLE)),
        E.body(*top, *sections),
        lang="zh-CN" if current_language() == "zh" else "en",
    )
    out: str = lxml.html.tostring(
        page, doctype="<!DOCTYPE html>", encoding="unicode", pretty_print=True
    )
    return out


def _summary_row(result: Result, findings: Sequence[Finding] | None, anchor: str) -> Any:
    meta = result.metadata
    link = E.a(result.source, href=f"#{anchor}")
    if findings is None:
        return E.tr(E.td(""), E.td(""), E.td(_w("refused"), colspan="2"), E.td(link))
    count = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    return E.tr(
        E.td(meta.agency if meta else ""),
        E.td(str(meta.year) if meta else ""),
        E.td(str(count[Severity.ERROR]), {"class": "errors" if count[Severity.ERROR] else ""}),
        E.td(
            str(count[Severity.WARNING]), {"class": "warnings" if count[Severity.WARNING] else ""}
        ),
        E.td(link),
    )


def _summary_table(rows: Sequence[Any]) -> Any:
    head = E.tr(
        *[E.th(_w(k)) for k in ("agency", "year", "errors", "warnings", "report")],
    )
    return E.table(E.thead(head), E.tbody(*rows), {"class": "summary"})


#: (legend entry, the swatch's style): the same colours as the cells' classes in _STYLE
_LEGEND = (
    ("legend_error", "background: #f8c4c4; outline: 2px solid #c00;"),
    ("legend_warning", "background: #fde9b6; outline: 2px solid #c80;"),
    ("legend_info", "background: #d6e8fa;"),
    ("legend_blank", "background: #fff; color: #888;"),
    (
        "legend_unread",
        "background: repeating-linear-gradient(45deg, #eee, #eee 4px, #ddd 4px, #ddd 8px);",
    ),
)


def _legend() -> Any:
    items = [
        E.li(E.span("", {"class": f"swatch {key}", "style": style}), _w(key))
        for key, style in _LEGEND
    ]
    return E.div(E.h3(_w("legend")), E.ul(*items, {"class": "legend"}), {"class": "legend"})


def render_report_html(report: Report, findings: Sequence[Finding] | None = None) -> str:
    """The page for one report; ``findings`` default to the report's own."""
    result = Result(
        index=0,
        source=report.metadata.source or "",
        metadata=report.metadata,
        cells=report.cells(),
        findings=tuple(report.findings if findings is None else findings),
        report=report,
    )
    return render_page([result])


__all__ = ["render_page", "render_report_html"]
