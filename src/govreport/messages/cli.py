"""The command line's own words: --help, summaries, progress and the lines between results."""

from __future__ import annotations

from govreport.messages.text import Text

MESSAGES = {
    # --help of the command and its global options
    "cli.description": Text(
        zh="读取政府信息公开工作年度报告，得到经过校验的结构化数据。",
        en="Read Chinese government information-disclosure annual reports (政府信息公开工作年度报告) into validated data.",
    ),
    "cli.epilog": Text(
        zh="退出状态：0 正常；1 有错误级发现或被拒绝的文件；2 用法或读写错误；3 内部错误；130 被中断（Ctrl-C）。\n"
        "环境变量：GOVREPORT_LANG=zh|en 选择语言；GOVREPORT_DEBUG=1 出错时显示 traceback。",
        en="exit status: 0 ok; 1 error findings or refused files; 2 usage or I/O error; 3 internal error; 130 interrupted (Ctrl-C).\n"
        "environment: GOVREPORT_LANG=zh|en chooses the language; GOVREPORT_DEBUG=1 shows tracebacks.",
    ),
    "cli.usage": Text(zh="用法：", en="usage: "),
    "cli.commands": Text(zh="命令", en="commands"),
    "cli.positionals": Text(zh="参数", en="arguments"),
    "cli.options": Text(zh="选项", en="options"),
    "cli.help.help": Text(zh="显示本帮助并退出", en="show this help and exit"),
    "cli.help.version": Text(zh="显示版本并退出", en="show the version and exit"),
    "cli.help.lang": Text(
        zh="消息语言（默认：GOVREPORT_LANG，其次系统语言环境）",
        en="language of messages (default: GOVREPORT_LANG, then the locale)",
    ),
    "cli.help.verbose": Text(
        zh="在标准错误输出显示读取过程（-vv 更详细）",
        en="tell on stderr how files are read (-vv: more)",
    ),
    "cli.help.quiet": Text(
        zh="只显示错误：不显示进度、摘要和警告", en="errors only: no progress, summary or warnings"
    ),
    "cli.help.debug": Text(
        zh="出错时显示 traceback（同 GOVREPORT_DEBUG=1）",
        en="show tracebacks of errors (as GOVREPORT_DEBUG=1)",
    ),
    # the commands
    "cli.help.show": Text(
        zh="报告的基本信息、三张表和发现",
        en="metadata, the three tables and the findings of reports",
    ),
    "cli.help.validate": Text(
        zh="按规则检查报告；有错误级发现时退出状态为 1",
        en="check reports against the rules; exit status 1 on any error finding",
    ),
    "cli.help.batch": Text(
        zh="把多份报告读成一个数据集（.csv、.jsonl 或 .parquet）和一张发现表",
        en="read many reports into one dataset (.csv, .jsonl or .parquet) plus a findings table",
    ),
    "cli.help.cells": Text(zh="一份报告的单元格（JSON）", en="the cells of one report as JSON"),
    "cli.help.formats": Text(
        zh="已安装的格式插件，以及未能加载的插件和原因",
        en="the installed format plugins, and any that failed to load and why",
    ),
    # options of the commands
    "cli.help.files": Text(zh="报告文件", en="report files"),
    "cli.help.file": Text(zh="报告文件", en="a report file"),
    "cli.help.sample": Text(
        zh="使用 govreport 自带的报告（老城区人民政府 2024）",
        en="use the report shipped with govreport (老城区人民政府 2024)",
    ),
    "cli.help.format": Text(
        zh="按此格式读取，而不是自动判断（见 govreport formats）",
        en="read as this format instead of guessing (see 'govreport formats')",
    ),
    "cli.help.limit": Text(
        zh="放宽或收紧一项读取上限，可重复：seconds=300（扫描件 OCR 较慢）、pages=500、seconds=none（不限时）；"
        "各项见 docs/limits.md",
        en="raise or lower one reading budget, repeatable: seconds=300 (OCR of scans is slow), "
        "pages=500, seconds=none (no time budget); every budget in docs/limits.md",
    ),
    "cli.help.password": Text(
        zh="打开加密 PDF 的密码", en="the password that opens encrypted PDFs"
    ),
    "cli.help.json": Text(
        zh="每份报告输出一个 JSON 对象（每行一个；被拒绝的文件带 error 字段）",
        en="one JSON object per report, a line each (a refused file's has an 'error' field)",
    ),
    "cli.help.xlsx": Text(
        zh="另写一个 Excel 工作簿：各表与问题清单",
        en="also write the workbook of tables and findings",
    ),
    "cli.help.compare": Text(
        zh="并排比较报告：同一机关的各年度，或 --by agency 同一年度的各机关",
        en="reports side by side: one body over the years, or bodies of one year (--by agency)",
    ),
    "cli.help.compare.by": Text(
        zh="按机关分组比较各年度（默认），或按年度比较各机关",
        en="one body over the years (year, the default), or the bodies of one year (agency)",
    ),
    "cli.help.compare.changed": Text(zh="只列出有变化的行", en="only rows that changed"),
    "cli.help.compare.json": Text(zh="以 JSON 输出比较结果", en="the comparison as JSON"),
    "cli.help.compare.html": Text(zh="另写一个网页", en="also write an HTML page"),
    "cli.help.compare.xlsx": Text(zh="另写一个 Excel 工作簿", en="also write a workbook"),
    "cli.help.compare.low": Text(
        zh="比值低于此值视为剧烈变化（0.2）", en="a swing: a ratio below this (0.2)"
    ),
    "cli.help.compare.high": Text(
        zh="比值高于此值视为剧烈变化（5）", en="a swing: a ratio above this (5)"
    ),
    "cli.help.compare.from_zero": Text(
        zh="从 0 增加到超过此值视为剧烈变化（100）", en="a swing: from 0 to more than this (100)"
    ),
    "cli.help.compare.at_least": Text(
        zh="较大的值达到此值时才判断比值（10）",
        en="judge ratios only when the larger value reaches this (10)",
    ),
    "cli.help.html": Text(
        zh="另写一个网页，显示各表及被标记的单元格",
        en="also write a page with the tables and their marked cells",
    ),
    "cli.help.inputs": Text(
        zh="报告文件，或包含报告的文件夹", en="report files, or folders of them"
    ),
    "cli.help.output": Text(
        zh="OUT.csv、OUT.jsonl、OUT.parquet 或 OUT.xlsx（工作簿，含问题清单）；- 表示写到标准输出",
        en="OUT.csv, OUT.jsonl, OUT.parquet or OUT.xlsx (a workbook, findings included); - writes to stdout",
    ),
    "cli.help.to": Text(
        zh="-o - 时数据的格式（默认 csv）", en="the format of the data with -o - (default: csv)"
    ),
    "cli.help.include": Text(
        zh="只读文件夹中名称或相对路径匹配此模式的文件（可重复；默认：已安装格式能读的扩展名）",
        en="read only files in folders whose name or relative path matches this glob (repeatable; default: the extensions installed formats read)",
    ),
    "cli.help.exclude": Text(
        zh="跳过文件夹中名称或相对路径匹配此模式的文件（可重复）",
        en="skip files in folders whose name or relative path matches this glob (repeatable)",
    ),
    "cli.help.shape": Text(zh="每个单元格一行，或每份报告一行", en="a row per cell or per report"),
    "cli.help.header": Text(zh="英文 ID 或中文标签作列名", en="English IDs or Chinese labels"),
    "cli.help.bom": Text(
        zh="CSV 带 UTF-8 BOM，便于中文 Windows 上的 Excel 打开（默认：--header zh 时带）",
        en="CSV with a UTF-8 BOM, for Excel on Chinese Windows (default: with --header zh)",
    ),
    "cli.help.findings": Text(
        zh="发现表的路径（默认：OUT.findings.EXT；-o - 时不写，除非给出此项）",
        en="the findings table (default: OUT.findings.EXT; with -o - none unless given)",
    ),
    "cli.help.jobs": Text(
        zh="工作进程数（默认：每个核一个；0：不用进程池）",
        en="worker processes (default: one per core; 0: none)",
    ),
    "cli.help.format_all": Text(
        zh="所有文件都按此格式读取，而不是自动判断",
        en="read every file as this format instead of guessing",
    ),
    "cli.help.cross_year": Text(zh="不做跨年度检查（X1/X2）", en="skip X1/X2 across years"),
    "cli.help.progress": Text(
        zh="不在终端显示进度条", en="no progress bar (shown only on a terminal anyway)"
    ),
    "cli.help.formats_json": Text(zh="以 JSON 输出列表", en="the list as JSON"),
    # output
    "cli.summary": Text(
        zh="{errors} 项错误，{others} 项其他发现", en="{errors} error(s), {others} other finding(s)"
    ),
    "cli.validated": Text(
        zh="{source}：{agency} {year}：{summary}", en="{source}: {agency} {year}: {summary}"
    ),
    "cli.wrote": Text(zh="已写入 {path}", en="wrote {path}"),
    "cli.wrote_batch": Text(
        zh="已写入 {out}（{shape}，{rows} 行）和 {findings}（{finding_rows} 行）",
        en="wrote {out} ({shape}, {rows} rows) and {findings} ({finding_rows} rows)",
    ),
    "cli.wrote_workbook": Text(
        zh="已写入 {out}（{rows} 份报告，{finding_rows} 条发现）",
        en="wrote {out} ({rows} reports, {finding_rows} findings)",
    ),
    "cli.wrote_batch_no_findings": Text(
        zh="已写入 {out}（{shape}，{rows} 行）；未写发现表（用 --findings PATH）",
        en="wrote {out} ({shape}, {rows} rows); no findings table (give --findings PATH)",
    ),
    "cli.no_files_matched": Text(
        zh="{folder} 中没有匹配的文件（模式：{patterns}）",
        en="no file in {folder} matches (patterns: {patterns})",
    ),
    "cli.batch_interrupted": Text(
        zh="在 {total} 个文件中处理完 {done} 个后中断",
        en="interrupted after {done} of {total} files",
    ),
    "cli.stdout": Text(zh="标准输出", en="stdout"),
    # govreport show (render.py): the words around the report's own tables
    "show.metadata": Text(
        zh="机关: {agency}    年度: {year}    模板: {template}",
        en="agency: {agency}    year: {year}    template: {template}",
    ),
    "show.source": Text(zh="来源: {source}", en="source: {source}"),
    "show.characters": Text(zh="{count} 字", en="{count} characters"),
    "show.findings": Text(zh="发现 {count} 项：", en="{count} findings:"),
    "show.no_findings": Text(zh="发现 {count} 项", en="{count} findings"),
    # govreport formats
    "cli.formats.header": Text(
        zh="格式\t读\t写\t扩展名\t发行包\t入口点",
        en="FORMAT\tREAD\tWRITE\tEXTENSIONS\tDISTRIBUTION\tENTRY POINT",
    ),
    "cli.formats.yes": Text(zh="是", en="yes"),
    "cli.formats.no": Text(zh="否", en="no"),
    "cli.formats.needs": Text(zh="需要 {modules}", en="needs {modules}"),
    "cli.formats.skipped": Text(
        zh="跳过（{count} 个未能加载）：", en="skipped ({count} failed to load):"
    ),
    "cli.formats.skipped_one": Text(
        zh="  {name}（{entry_point}，来自 {origin}）：{error}",
        en="  {name} ({entry_point}, from {origin}): {error}",
    ),
    "cli.formats.order": Text(
        zh="插件相同时的优先顺序：{order}（用 {env} 更改）",
        en="ties between plugins go to, in order: {order} (set {env} to change)",
    ),
    # the batch summary (batch.Summary.lines)
    "batch.summary.read": Text(
        zh="共 {total} 个来源，读取 {read} 个，用时 {seconds:.1f} 秒（{rate:.1f} 个/秒）；{with_errors} 个有错误级发现",
        en="read {read} of {total} sources in {seconds:.1f} s ({rate:.1f}/s); {with_errors} with error findings",
    ),
    "batch.summary.refused": Text(zh="拒绝 {count} 个：", en="refused {count}:"),
    "batch.summary.example": Text(zh="例如", en="e.g."),
    "batch.summary.findings": Text(zh="发现 {count} 项", en="findings {count}"),
}
