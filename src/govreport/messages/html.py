"""The chrome of the HTML validation page (report_html.py): headings, legends, labels.

The report's own headings and row and column labels stay as the template prints them.
"""

from __future__ import annotations

from govreport.messages.text import Text

MESSAGES = {
    "html.page_title": Text(
        zh="政府信息公开工作年度报告 核查结果",
        en="Government information-disclosure annual reports: validation",
    ),
    "html.summary": Text(
        zh="共 {total} 份：读取 {read} 份，拒绝 {refused} 份；发现 {findings} 项（错误 {errors} 项）。",
        en="{total} files: {read} read, {refused} refused; {findings} findings ({errors} errors).",
    ),
    "html.agency": Text(zh="机关", en="Agency"),
    "html.year": Text(zh="年度", en="Year"),
    "html.template": Text(zh="模板", en="Template"),
    "html.source": Text(zh="来源", en="Source"),
    "html.format": Text(zh="格式", en="Format"),
    "html.findings": Text(zh="发现", en="Findings"),
    "html.errors": Text(zh="错误", en="Errors"),
    "html.warnings": Text(zh="警告", en="Warnings"),
    "html.report": Text(zh="报告", en="Report"),
    "html.no_findings": Text(zh="未发现问题。", en="No findings."),
    "html.refused": Text(zh="无法读取", en="Refused"),
    "html.t2": Text(zh="二、主动公开政府信息情况", en="二、主动公开政府信息情况 (table 二)"),
    "html.t3": Text(
        zh="三、收到和处理政府信息公开申请情况", en="三、收到和处理政府信息公开申请情况 (table 三)"
    ),
    "html.t4": Text(
        zh="四、政府信息公开行政复议、行政诉讼情况",
        en="四、政府信息公开行政复议、行政诉讼情况 (table 四)",
    ),
    "html.where": Text(zh="位置", en="where"),
    "html.cells": Text(zh="单元格", en="cells"),
    "html.not_printed": Text(zh="未印出", en="not printed"),
    "html.unread": Text(zh="未读取", en="not read"),
    "html.evidence_pdf": Text(
        zh="原文第 {page} 页的表格区域，标出的单元格即本项所指",
        en="The table region of page {page} of the source; the outlined cells are the ones meant",
    ),
    "html.evidence_lines": Text(zh="原文中的相关行", en="The source lines"),
    "html.legend": Text(zh="图例", en="Legend"),
    "html.legend_error": Text(
        zh="错误：印出的数字不满足勾稽关系", en="error: the printed numbers break a rule"
    ),
    "html.legend_warning": Text(zh="警告：应当核实", en="warning: worth checking"),
    "html.legend_info": Text(zh="提示", en="note"),
    "html.legend_blank": Text(zh="印为空白（—、/、无）", en="printed blank (—, /, 无)"),
    "html.legend_unread": Text(
        zh="未读取：无法确定数字，相关等式未核对",
        en="not read: no certain number; its equations were not checked",
    ),
    "html.not_found": Text(
        zh="模板中的这一行在原文中未找到，未读取",
        en="this template row was not found in the source; not read",
    ),
}
