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
    "html.no_findings": Text(zh="未发现问题。", en="No findings."),
    "html.refused": Text(zh="无法读取", en="Refused"),
    "html.where": Text(zh="位置", en="where"),
    "html.cells": Text(zh="单元格", en="cells"),
    "html.not_printed": Text(zh="未印出", en="not printed"),
}
