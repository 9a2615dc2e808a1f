"""The messages of what reading found (S1-S8): the builder's findings about the document.

Row, column and section labels stay Chinese in both languages, as in
:mod:`govreport.messages.findings`: they are what the report prints.
"""

from __future__ import annotations

from govreport.messages.text import Text

MESSAGES = {
    # --- what the PDF reader could not read (its notes) ---------------------------------------
    "note.pdf_picture": Text(
        zh="第{page}页有一幅大图片（占页面 {share}%），若其中是表格，需 OCR 才能读取"
        "（安装 govreport-ocr 插件），图片内容未读取。",
        en="Page {page} holds a large picture ({share} % of the page); a table in it needs "
        "OCR (install the govreport-ocr plugin); the picture was not read.",
    ),
    # --- the report's structure (S1, S2, S8) -------------------------------------------------
    "finding.S1": Text(
        zh="未找到第{numeral}部分「{heading}」的标题。",
        en="No heading found for section {numeral} 「{heading}」.",
    ),
    "finding.S2": Text(zh="未找到{table}。", en="{table} not found."),
    "finding.S2.t2": Text(zh="表二（主动公开政府信息情况）", en="Table 二 (主动公开政府信息情况)"),
    "finding.S2.t3": Text(
        zh="表三（收到和处理政府信息公开申请情况）",
        en="Table 三 (收到和处理政府信息公开申请情况)",
    ),
    "finding.S2.t4": Text(
        zh="表四（行政复议、行政诉讼情况）", en="Table 四 (行政复议、行政诉讼情况)"
    ),
    "finding.S8.no_agency": Text(
        zh="标题「{title}」未写明发布机关。",
        en="The title 「{title}」 does not name the issuing agency.",
    ),
    "finding.S8.no_title": Text(
        zh="未找到报告标题，发布机关不明；年度（{year}）取自统计期限。",
        en="No report title found, so the issuing agency is unknown; the year ({year}) "
        "comes from the reporting period.",
    ),
    "note.pdf_image_page": Text(
        zh="第{page}页只有图片、没有文字层，需 OCR 才能读取（安装 govreport-ocr 插件），"
        "该页内容未读取。",
        en="Page {page} is only a picture, with no text layer; it needs OCR (install the "
        "govreport-ocr plugin); the page was not read.",
    ),
    # --- a PDF page whose fonts map glyphs to no characters (the pdf-unmapped-glyphs note) ----
    "note.pdf_unmapped": Text(
        zh="第{page}页有{count}个字符的字体缺少 Unicode 映射（(cid:N)），"
        "这些字符无法识别，其中的数字未读取。",
        en="Page {page}: {count} character(s) in fonts without a Unicode mapping ((cid:N)) "
        "cannot be recognised; numbers among them were not read.",
    ),
    # --- rows and cells that could not be read (S3) --------------------------------------------
    "finding.S3.cell": Text(
        zh="单元格内容「{text}」不是可识别的数字，未读取。",
        en="The cell's text 「{text}」 is not a number that can be read; not read.",
    ),
    "finding.S3.row_problem": Text(
        zh="「{row}」一行无法确定各数字所属的列（{problem}），未读取。",
        en="Row 「{row}」: which column each number belongs to cannot be told ({problem}); "
        "not read.",
    ),
    "finding.S3.row_unaligned": Text(
        zh="「{row}」一行的数字无法确定对应到哪一列（{shown}），未读取。",
        en="Row 「{row}」: its numbers cannot be matched to the columns ({shown}); not read.",
    ),
    "finding.S3.row_words": Text(
        zh="「{row}」一行印的是文字而不是数字（{words}），未读取。",
        en="Row 「{row}」 prints words where its numbers belong ({words}); not read.",
    ),
    "finding.S3.unplaced": Text(
        zh="「{before}」与「{after}」之间有{count}行数字没有行标签，"
        "而两行之间应有{expected}行，无法确定各行对应关系，未读取。",
        en="Between 「{before}」 and 「{after}」 {count} row(s) of numbers have no row label "
        "where {expected} row(s) belong; which is which cannot be told; not read.",
    ),
    # a flat text (flat.py): a row's or table 四's digits run together
    "finding.S3.run_together": Text(
        zh="「{row}」一行的数字连在一起（{printed}），无法唯一拆分到各列，未读取。",
        en="Row 「{row}」: its digits run together ({printed}) and cannot be split into "
        "its columns one way only; not read.",
    ),
    "finding.S3.t4_run_together": Text(
        zh="表四的数字连在一起（{printed}），无法唯一拆分到15列，未读取。",
        en="Table 四: its digits run together ({printed}) and cannot be split into its "
        "15 columns one way only; not read.",
    ),
    "finding.S3.unplaced.head": Text(zh="表头", en="the header"),
    "finding.S3.unplaced.foot": Text(zh="表尾", en="the end of the table"),
    "finding.S3.cut_edge": Text(
        zh="表三在页面右边缘被截断，{columns}列未印出，未读取。",
        en="Table 三 is cut at the page's right edge: column(s) {columns} not printed; not read.",
    ),
    # why a row's columns cannot be told apart (the {problem} of finding.S3.row_problem)
    "problem.text_among_numbers": Text(zh="数字之间夹有文字", en="text among the numbers"),
    "problem.t3_header_order": Text(
        zh="表三表头各列的顺序与模板不同",
        en="table 三's header prints its columns in another order than the template",
    ),
    "problem.t4_header_order": Text(
        zh="表四表头各列的顺序与模板不同",
        en="table 四's header prints its columns in another order than the template",
    ),
    "problem.t3_total_first": Text(
        zh="表三表头的总计列在自然人列之前",
        en="table 三's header puts the 总计 column before 自然人",
    ),
    # --- rows read with a remark, or left out (S4-S7) ----------------------------------------
    "finding.S4": Text(
        zh="表格中「{labels}」一行（{shown}）不是模板中的行，未读取。",
        en="The table row 「{labels}」 ({shown}) is not a row of the template; not read.",
    ),
    "finding.S5": Text(
        zh="「{row}」一行出现两次且数字不同，采用第一次出现的数字。",
        en="Row 「{row}」 is printed twice with different numbers; the first is kept.",
    ),
    "finding.S6": Text(
        zh="行标签「{typo}」与模板「{row}」不一致，按「{row}」读取。",
        en="The row label 「{typo}」 differs from the template's 「{row}」; read as 「{row}」.",
    ),
    "finding.S7": Text(
        zh="一行数字没有行标签，按其位置（「{before}」与「{after}」之间）读作「{row}」。",
        en="A row of numbers has no row label; by its place (between 「{before}」 and "
        "「{after}」) it is read as 「{row}」.",
    ),
}
