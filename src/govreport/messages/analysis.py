"""The words of the analyst's outputs: the workbook (workbook.py) and comparisons (compare*.py)."""

from __future__ import annotations

from govreport.messages.text import Text

MESSAGES: dict[str, Text] = {
    # why reports make no comparison (CompareError)
    "compare.error.same_year": Text(
        zh="{agency} {year} 年有两份报告：{first} 和 {second}",
        en="two reports of {agency} for {year}: {first} and {second}",
    ),
    "compare.error.none": Text(zh="没有可比较的报告", en="no report to compare"),
    "compare.error.years": Text(
        zh="--by agency 只比较同一年；这些报告分属 {years} 年",
        en="--by agency compares one year; the reports are of {years}",
    ),
    "compare.error.same_agency": Text(
        zh="{agencies} {year} 年有两份报告", en="two reports of {agencies} for {year}"
    ),
    # sheet names (Excel allows 31 characters and none of []:*?/\)
    "book.sheet.reports": Text(zh="报告", en="Reports"),
    "book.sheet.t2": Text(zh="表二", en="Table2"),
    "book.sheet.t3": Text(zh="表三", en="Table3"),
    "book.sheet.t4": Text(zh="表四", en="Table4"),
    "book.sheet.findings": Text(zh="发现", en="Findings"),
    "book.sheet.notes": Text(zh="说明", en="Notes"),
    # column headers
    "book.source": Text(zh="来源文件", en="source"),
    "book.agency": Text(zh="机关", en="agency"),
    "book.year": Text(zh="年度", en="year"),
    "book.template": Text(zh="模板", en="template"),
    "book.format": Text(zh="格式", en="format"),
    "book.errors": Text(zh="错误数", en="errors"),
    "book.warnings": Text(zh="警告数", en="warnings"),
    "book.infos": Text(zh="提示数", en="infos"),
    "book.refused": Text(zh="拒绝原因", en="refused"),
    "book.fingerprint": Text(zh="指纹", en="fingerprint"),
    "book.template_2019": Text(zh="{label}（2019模板）", en="{label} (2019 template)"),
    "book.unread": Text(zh="未能确定读取：{why}", en="Not read with certainty: {why}"),
    "book.notes.sheet": Text(zh="工作表", en="sheet"),
    "book.notes.column": Text(zh="列", en="column"),
    "book.notes.meaning": Text(zh="含义", en="meaning"),
    # the notes sheet: what each sheet holds
    "book.note.reports": Text(
        zh="每份来源一行：机关、年度、模板、各级别发现数、拒绝原因，以及各项指标（比率，显示为百分比）。",
        en="One row per source: agency, year, template, finding counts by severity, why it was refused, and every indicator (a share, shown as a percentage).",
    ),
    "book.note.t2": Text(
        zh="每份报告一行，每个单元格一列；第一行表头为表格的行，第二行为列。2019 模板的列另起，标有（2019模板）。",
        en="One row per report, one column per cell; header row 1 is the table's row, row 2 its column. The 2019 template's columns follow, marked (2019 template).",
    ),
    "book.note.t3": Text(
        zh="每份报告一行，25 行 × 7 列 = 175 个数值列；有报告印单行（六）其他处理时，其 7 列在最后。",
        en="One row per report, 25 rows x 7 columns = 175 value columns; when a report prints （六） as a single row, its 7 columns come last.",
    ),
    "book.note.t4": Text(
        zh="每份报告一行，15 个数值列：行政复议，行政诉讼未经复议直接起诉，复议后起诉。",
        en="One row per report, 15 value columns: reconsideration, litigation without and after reconsideration.",
    ),
    "book.note.findings": Text(
        zh="问题清单：每项发现一行（规则见 docs/rules.md）；无法读取的来源记为规则 refused。",
        en="One row per finding (rules in docs/rules.md); a source that could not be read is rule 'refused'.",
    ),
    "book.note.indicator": Text(
        zh="{formula}；保留 4 位小数（四舍五入）；分母为 0 或有未读项时为空。",
        en="{formula}; 4 decimal places, rounded half up; empty when the denominator is 0 or a term is unread.",
    ),
    # the legend of cell colours
    "book.state.error": Text(
        zh="错误：有错误级发现涉及该单元格", en="error: a finding of severity error names the cell"
    ),
    "book.state.warning": Text(
        zh="警告：有警告级发现涉及该单元格",
        en="warning: a finding of severity warning names the cell",
    ),
    "book.state.info": Text(
        zh="提示：有提示级发现涉及该单元格", en="info: a finding of severity info names the cell"
    ),
    "book.state.unread": Text(
        zh="未能确定读取：单元格留空，批注说明原因",
        en="not read with certainty: left empty, a comment says why",
    ),
    # comparisons
    "compare.page_title": Text(zh="政府信息公开工作年度报告 对比", en="Annual reports compared"),
    "compare.cell": Text(zh="单元格", en="cell"),
    "compare.row": Text(zh="行", en="row"),
    "compare.column": Text(zh="列", en="column"),
    "compare.change": Text(zh="变化 {later}−{base}", en="change {later}−{base}"),
    "compare.relative": Text(zh="相对变化", en="relative change"),
    "compare.findings": Text(zh="发现", en="Findings"),
    "compare.no_findings": Text(zh="未发现问题。", en="No findings."),
    "compare.compared": Text(zh="对比列", en="compared"),
    "compare.rule": Text(zh="规则", en="rule"),
    "compare.severity": Text(zh="级别", en="severity"),
    "compare.message": Text(zh="说明", en="message"),
    "compare.legend": Text(zh="图例", en="Legend"),
    "compare.legend.warning": Text(
        zh="警告：跨年度核对（X1 结转、X2 现行有效件数）不一致",
        en="warning: a check across years (X1 carry-over, X2 documents in force) fails",
    ),
    "compare.legend.info": Text(
        zh="提示：变化幅度超出提示范围（C1；阈值可设置，并非官方标准）",
        en="info: a change beyond the attention thresholds (C1; settable, not an official standard)",
    ),
    "compare.gap": Text(
        zh="{earlier} 与 {later} 不是相邻年度，未核对结转（X1）与现行有效件数（X2）。",
        en="{earlier} and {later} are not consecutive years: X1 and X2 not checked.",
    ),
    "compare.swing": Text(
        zh="{row} / {column}：由 {before} 变为 {now}，变化超出提示范围（比值 {low}–{high}，或由 0 增至 {from_zero} 以上）。",
        en="{row} / {column}: from {before} to {now}, beyond the attention range (ratio {low}–{high}, or from 0 to more than {from_zero}).",
    ),
    "book.full": Text(
        zh="{path}：工作表已满（Excel 每张表最多 {rows} 行）；请写 CSV 或 Parquet",
        en="{path}: a sheet is full (Excel holds {rows} rows a sheet); write CSV or Parquet",
    ),
    "book.not_found": Text(
        zh="报告中没有此单元格：所在的行或表未找到",
        en="the report has no such cell: its row or table was not found",
    ),
}
