"""The messages of findings: the rules of validate.py and what reading found (one ID per rule).

Row and column labels stay Chinese in both languages: they are what the report prints,
and what a reader looks for in it.
"""

from __future__ import annotations

from govreport.messages.text import Text

MESSAGES = {
    # --- equations (R1-R4) and their S9 note ------------------------------------------------
    "finding.R1": Text(
        zh="表三「{column}」列：本年新收加上年结转为 {left}，办理结果总计加结转下年度为 {right}，两者应相等。",
        en="Table 三, column 「{column}」: new plus carried over is {left}, "
        "results total plus carried forward is {right}; they should be equal.",
    ),
    "finding.R2": Text(
        zh="表三「{row}」行：总计为 {left}，各类申请人合计为 {right}。",
        en="Table 三, row 「{row}」: the total is {left}, the applicant columns add up to {right}.",
    ),
    "finding.R3": Text(
        zh="表三「{column}」列：（七）总计为 {left}，（一）至（六）各项之和为 {right}。",
        en="Table 三, column 「{column}」: （七）总计 is {left}, rows （一） to （六） add up to {right}.",
    ),
    "finding.R4": Text(
        zh="表四「{block}」：总计为 {left}，维持、纠正、其他、尚未审结之和为 {right}。",
        en="Table 四, 「{block}」: the total is {left}, upheld + corrected + other + pending is {right}.",
    ),
    "finding.R5": Text(
        zh="「{row}」的「{column}」为 {value}，{problem}；件数应为非负整数。",
        en="「{row}」, 「{column}」 is {value}, {problem}; a count is a whole number ≥ 0.",
    ),
    "finding.R5.fraction": Text(zh="不是整数", en="not a whole number"),
    "finding.R5.negative": Text(zh="是负数", en="negative"),
    "equation.R1": Text(zh="一 + 二 = 三（七） + 四", en="一 + 二 = 三（七） + 四"),
    "equation.R2": Text(zh="总计 = 各类申请人之和", en="总计 = the sum of the applicant columns"),
    "equation.R3": Text(
        zh="（七）总计 = （一）至（六）各项之和", en="（七）总计 = the sum of rows （一） to （六）"
    ),
    "equation.R4": Text(
        zh="总计 = 维持 + 纠正 + 其他 + 尚未审结", en="总计 = upheld + corrected + other + pending"
    ),
    "subject.column": Text(zh="「{name}」列", en="column 「{name}」"),
    "subject.row": Text(zh="「{name}」行", en="row 「{name}」"),
    "subject.block": Text(zh="「{name}」一栏", en="block 「{name}」"),
    "finding.S9.equation": Text(
        zh="{rule} {subject}：{equation} 无法核对，所需单元格未读取。",
        en="{rule} {subject}: {equation} not checked, a cell it needs was not read.",
    ),
    # an equation of a table read by OCR: where a reviewer looks first
    "finding.least_sure": Text(
        zh="识别最没有把握的单元格（请先核对）：{cells}。",
        en=" Least surely recognised cells (check these first): {cells}.",
    ),
    "finding.least_sure.cell": Text(
        zh="{cell}（置信度 {confidence}）", en="{cell} (confidence {confidence})"
    ),
    "finding.least_sure.separator": Text(zh="；", en="; "),
    "finding.S9": Text(
        zh="{table}有 {count} 个单元格未读取（{unread}），以下 {equations} 个等式无法核对，不作判断——{detail}。",
        en="{table}: {count} cell(s) not read ({unread}); {equations} equation(s) not checked, "
        "no judgement made — {detail}.",
    ),
    "finding.S3.lone_blank": Text(
        zh="表三中此单元格为空白，而同一行、同一列的其他单元格均印有数字：可能是转换时丢失的数字，未读取。",
        en="This cell of table 三 is blank while every other cell of its row and column holds "
        "a number: probably a number lost in conversion; not read.",
    ),
    # --- prose and sections (X3, X4, E1-E4) ---------------------------------------------------
    "finding.X3": Text(
        zh="正文第一部分称{name} {said} 件，表格为 {total} 件。",
        en="Section 一 states {name} as {said}; the tables give {total}.",
    ),
    "finding.X.report": Text(zh="{year} 年度报告", en="the {year} report"),
    "finding.X.report_from": Text(
        zh="{year} 年度报告（{source}）", en="the {year} report ({source})"
    ),
    "finding.X1": Text(
        zh="表三「{column}」列：本年上年结转为 {now}，而{earlier}结转下年度为 {before}，两者应相等。",
        en="Table 三, column 「{column}」: carried over into this year is {now}, but {earlier} "
        "carried forward {before}; they should be equal.",
    ),
    "finding.X2": Text(
        zh="表二「{row}」：现行有效 {in_force} 件，而{earlier}现行有效 {before} 件，"
        "加本年制发 {issued} 件、减本年废止 {repealed} 件应为 {expected} 件。",
        en="Table 二, 「{row}」: {in_force} in force, but {earlier} had {before} in force; plus "
        "{issued} issued and minus {repealed} repealed this year gives {expected}.",
    ),
    "finding.X4": Text(
        zh="有 {value} 件申请因逾期未缴纳费用而不再处理，但第六部分未提及信息处理费。",
        en="{value} request(s) were closed for unpaid fees, but section 六 does not mention "
        "information-processing fees (信息处理费).",
    ),
    "finding.E1.number": Text(
        zh="第{numeral}部分「{heading}」的标题编号为「{printed}」，应为「{numeral}」。",
        en="The heading of section {numeral} 「{heading}」 is numbered 「{printed}」, not 「{numeral}」.",
    ),
    "finding.E1.twice": Text(
        zh="编号「{printed}」用于不止一个部分标题（{headings}）。",
        en="The number 「{printed}」 heads more than one section ({headings}).",
    ),
    "finding.E1.order": Text(
        zh="各部分的顺序为 {order}，应为一至六。",
        en="The sections come in the order {order}, not 一 to 六.",
    ),
    "finding.E1.skipped": Text(
        zh="部分标题的编号跳过了「{numerals}」。",
        en="The section numbering skips 「{numerals}」.",
    ),
    "finding.E1.second": Text(
        zh="第{numeral}部分中有 {count} 个与部分标题同级编号的标题（{headings}）：报告另用了一套一级编号。",
        en="Section {numeral} holds {count} heading(s) numbered like top-level sections "
        "({headings}): the report uses a second numbering for its top level.",
    ),
    "finding.E2": Text(
        zh="第五部分「存在的主要问题及改进情况」{what}；模板要求写明存在的问题和改进情况。",
        en="Section 五 (problems and improvements) {what}; the template asks for both.",
    ),
    "finding.E2.empty": Text(zh="没有内容", en="is empty"),
    "finding.E2.none": Text(zh="只写「{text}」", en="only says 「{text}」"),
    "finding.E3": Text(
        zh="第六部分未说明是否收取信息处理费（{year} 年度报告适用 2021 年模板，须说明）。",
        en="Section 六 does not say whether information-processing fees (信息处理费) were "
        "charged, which the 2021 template requires of a {year} report.",
    ),
    "finding.E4": Text(
        zh="{year} 年度报告的表二使用 2019 年模板的表头（{headers}），按 2019 年模板读取；"
        "{year} 年度应使用 2021 年模板。",
        en="Table 二 of this {year} report has the 2019 template's headings ({headers}) and is "
        "read as the 2019 template; a {year} report should use the 2021 template.",
    ),
    # --- the review file (baseline.py, validate --baseline) ------------------------------------
    "baseline.help.file": Text(
        zh="审核记录文件：其中列出的发现标注审核结论，只有新的错误发现影响退出状态",
        en="a review file: findings it lists are marked with the decision; only new error "
        "findings set the exit status",
    ),
    "baseline.help.update": Text(
        zh="写入 --baseline 文件：列出当前全部发现，保留已有的审核结论",
        en="write the --baseline file: every current finding, keeping the decisions taken",
    ),
    "baseline.error.update_needs_file": Text(
        zh="--update-baseline 需要用 --baseline 指定要写入的文件",
        en="--update-baseline needs --baseline FILE to write",
    ),
    "baseline.summary": Text(zh="，其中 {known} 项已在审核记录中", en=", {known} in the baseline"),
}
