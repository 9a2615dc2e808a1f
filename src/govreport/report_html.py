"""The validation page: reports' three tables as printed, with the cells that break a rule marked.

A person checking a batch would rather look at the tables than read a log. Every value
cell carries ``data-cell`` (its canonical ID) and a ``title`` saying where it stands in
the source; a cell some finding names gets the class ``flagged`` (and the worst
severity among those findings), and links to each such finding. Each finding links
back to its cells and says where they stand. Sources that were refused are listed with
the error that refused them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import lxml.html
from lxml import etree

from govreport.batch import Result
from govreport.document import Location
from govreport.layout import (
    APPLICANT_COLUMNS,
    RESULT_COLUMNS,
    TABLE4,
    TOTAL_COLUMN,
    Row,
    TableLayout,
    cell_labels,
    table2_layout,
    table3_layout,
)
from govreport.messages import current_language, message
from govreport.model import Finding, Report, Severity, Table

# The report's own headings, as the template prints them (the page's other words are
# in govreport.messages, in both languages). Row and column labels come from layout.
_WORDS = {
    "t2": "二、主动公开政府信息情况",
    "t3": "三、收到和处理政府信息公开申请情况",
    "t4": "四、政府信息公开行政复议、行政诉讼情况",
    "content": "信息内容",
    "applicants": "申请人情况",
    "organisations": "法人或其他组织",
    "review": "行政复议",
    "litigation": "行政诉讼",
    "direct": "未经复议直接起诉",
    "after_review": "复议后起诉",
}

_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }
section.report, section.refused { border-top: 2px solid #888; margin-top: 2.5em; padding-top: 1em; }
table { border-collapse: collapse; margin: 0.8em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #999; padding: 0.2em 0.5em; }
th { background: #eee; font-weight: normal; }
td.value { text-align: right; min-width: 2.5em; font-variant-numeric: tabular-nums; }
td.absent { background: #f6f6f6; }
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


def _where(locations: Iterable[Location | None]) -> str:
    return "; ".join(str(location) for location in locations if location is not None)


class _Page:
    """Builds one report's section; ``prefix`` keeps element IDs unique on the page."""

    def __init__(self, prefix: str, report: Report, findings: Sequence[Finding]) -> None:
        self.prefix = prefix
        self.report = report
        self.findings = findings
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
            return E.td("", {"class": "value absent", "title": message("html.not_printed")})
        cell = table[cell_id]
        text = "—" if cell.value is None else str(cell.value)
        row, column = cell_labels().get(cell_id, (cell_id, ""))
        title = f"{cell_id} · {row} / {column}"
        if cell.location is not None:
            title += f" · {message('html.where')}: {cell.location}"
        classes = ["value"]
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
            if not _row_printed(layout, row, table):
                continue
            if row.group != group:
                group = row.group
                body.append(E.tr(E.th(group or "", {"class": "group"}, colspan=str(width + 1))))
                heads = [E.th(c.label) for c in row.columns]
                heads += [E.th("") for _ in range(width - len(row.columns))]
                body.append(E.tr(E.th(_WORDS["content"]), *heads))
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
                E.th(_WORDS["applicants"], colspan=str(len(APPLICANT_COLUMNS) + 1)),
            ),
            E.tr(
                E.th(APPLICANT_COLUMNS[0].label, rowspan="2"),
                E.th(_WORDS["organisations"], colspan=str(len(organisations))),
                E.th(TOTAL_COLUMN.label, rowspan="2"),
            ),
            E.tr(*[E.th(c.label) for c in organisations]),
        )
        rows = [row for row in layout.rows if _row_printed(layout, row, table)]
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
                E.th(_WORDS["review"], colspan=str(len(RESULT_COLUMNS))),
                E.th(_WORDS["litigation"], colspan=str(2 * len(RESULT_COLUMNS))),
            ),
            E.tr(
                *[E.th(c.label, rowspan="2") for c in RESULT_COLUMNS],
                E.th(_WORDS["direct"], colspan=str(len(RESULT_COLUMNS))),
                E.th(_WORDS["after_review"], colspan=str(len(RESULT_COLUMNS))),
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
        where = _where(finding.locations)
        parts: list[Any] = [E.span(finding.rule, {"class": "rule"}), finding.message]
        if links:
            parts += [E.br(), E.span(f"{message('html.cells')}: ", {"class": "where"}), *links]
        if where:
            parts += [E.br(), E.span(f"{message('html.where')}: {where}", {"class": "where"})]
        return E.li(
            *parts,
            {"class": f"finding {finding.severity.value}", "id": self.finding_anchor(number)},
        )

    def section(self, source: str) -> Any:
        meta = self.report.metadata
        facts = [
            (message("html.agency"), meta.agency),
            (message("html.year"), str(meta.year)),
            (message("html.template"), meta.template),
            (message("html.source"), source),
            (message("html.format"), meta.format or ""),
        ]
        parts: list[Any] = [
            E.h2(meta.title or f"{meta.agency} {meta.year}"),
            E.dl(*[item for k, v in facts for item in (E.dt(k), E.dd(v))], {"class": "meta"}),
            E.h3(f"{message('html.findings')} ({len(self.findings)})"),
        ]
        if self.findings:
            parts.append(
                E.ol(
                    *[self.finding_item(n, f) for n, f in enumerate(self.findings)],
                    {"class": "findings"},
                )
            )
        else:
            parts.append(E.p(message("html.no_findings")))
        for name, table, build in (
            ("t2", self.report.table2, self.table2),
            ("t3", self.report.table3, self.table3),
            ("t4", self.report.table4, self.table4),
        ):
            if table is not None:
                parts += [E.h3(_WORDS[name]), build(table)]
        return E.section(*parts, {"class": "report", "id": self.prefix})


def _row_printed(layout: TableLayout, row: Row, table: Table) -> bool:
    return any(f"{layout.name}.{row.key}.{c.key}" in table for c in row.columns)


def render_page(
    results: Iterable[Result],
    *,
    extra_findings: Mapping[int, Sequence[Finding]] | None = None,
    title: str | None = None,
) -> str:
    """One HTML page for batch results (read with ``keep_reports`` on): every report's
    tables with its findings, then every refused source. ``extra_findings`` adds
    findings by result index (cross-year ones, from :func:`govreport.crossyear.check_reports`)."""
    extra = extra_findings or {}
    sections: list[Any] = []
    total = read = refused = found = errors = 0
    for result in results:
        total += 1
        if result.report is None:
            refused += 1
            reason = f"{result.error_type}: {result.error}" if result.error else ""
            sections.append(
                E.section(
                    E.h2(f"{message('html.refused')}: {result.source}"),
                    E.p(reason),
                    {"class": "refused", "id": f"r{result.index}"},
                )
            )
            continue
        read += 1
        findings = [*result.findings, *extra.get(result.index, ())]
        found += len(findings)
        errors += sum(1 for f in findings if f.severity is Severity.ERROR)
        sections.append(_Page(f"r{result.index}", result.report, findings).section(result.source))
    heading = title or message("html.page_title")
    summary = message(
        "html.summary", total=total, read=read, refused=refused, findings=found, errors=errors
    )
    page = E.html(
        E.head(E.meta(charset="utf-8"), E.title(heading), E.style(_STYLE)),
        E.body(E.h1(heading), E.p(summary, {"class": "summary"}), *sections),
        lang="zh-CN" if current_language() == "zh" else "en",
    )
    out: str = lxml.html.tostring(
        page, doctype="<!DOCTYPE html>", encoding="unicode", pretty_print=True
    )
    return out


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
