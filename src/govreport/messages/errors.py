"""Errors a user can cause: refusals of the library and the command line's own, one line each."""

from __future__ import annotations

from govreport.messages.text import Text

MESSAGES = {
    # raised by the library (source.py, api.py, plugins.py, the PDF reader)
    "error.not_found": Text(zh="没有这个文件：{path}", en="no such file: {path}"),
    "error.is_folder_library": Text(
        zh="{path} 是文件夹，不是报告文件", en="{path} is a folder, not a report file"
    ),
    "error.cannot_read": Text(zh="无法读取 {path}：{reason}", en="cannot read {path}: {reason}"),
    "error.too_large": Text(
        zh="{name} 有 {size} 字节，超过上限 bytes={limit}；如需读取，请提高上限："
        "govreport.load(..., options=BuildOptions(limits=Limits(bytes=...)))",
        en="{name} is {size} bytes, above the limit bytes={limit}; to read it, raise the limit: "
        "govreport.load(..., options=BuildOptions(limits=Limits(bytes=...)))",
    ),
    "error.too_large_stream": Text(
        zh="输入超过上限 bytes={limit}；如需读取，请提高上限："
        "govreport.load(..., options=BuildOptions(limits=Limits(bytes=...)))",
        en="input is above the limit bytes={limit}; to read it, raise the limit: "
        "govreport.load(..., options=BuildOptions(limits=Limits(bytes=...)))",
    ),
    "error.empty": Text(zh="输入为空", en="the input is empty"),
    "error.encrypted": Text(
        zh="PDF 已加密，需要密码才能打开（--password，或 load(..., password=...)）",
        en="the PDF is encrypted and cannot be opened without its password (--password, or load(..., password=...))",
    ),
    "error.wrong_password": Text(
        zh="PDF 已加密，所给密码无法打开",
        en="the PDF is encrypted and the password given does not open it",
    ),
    "error.needs_plugin": Text(
        zh="未安装读取 .{extension} 文件的格式插件；请安装 {plugin}（pip install {plugin}）",
        en="no installed format reads '.{extension}' files; install the {plugin} plugin (pip install {plugin})",
    ),
    "error.no_reader": Text(
        zh="没有已安装的格式能读取 .{extension} 文件；已安装：{installed}",
        en="no installed format reads '.{extension}' files; installed: {installed}",
    ),
    "error.no_reader_content": Text(
        zh="没有已安装的格式能识别此输入；已安装：{installed}",
        en="no installed format reads this input; installed: {installed}",
    ),
    # raised by the builder: readable, but not a 2019+ annual report
    "error.legacy": Text(
        zh="这是 {year} 年的报告；{first_year} 年以前的年度报告没有统一模板的表格，不予读取",
        en="this is a {year} report; reports before {first_year} are free-form and have none of the template's tables",
    ),
    "error.not_a_report": Text(
        zh="未找到政府信息公开工作年度报告的标题、章节或表格",
        en="no title, section or table of a government information-disclosure annual report was found",
    ),
    "error.no_title": Text(
        zh="文档有报告的表格，但没有写明机关和年度的标题",
        en="the document has report tables but no title naming the issuing body and the year",
    ),
    "error.no_tables": Text(
        zh="「{title}」没有模板中的任何表格（主动公开、收到和处理申请、行政复议诉讼）",
        en="「{title}」 has none of the template's tables (主动公开, 收到和处理申请, 行政复议诉讼)",
    ),
    "error.no_tables_free_form": Text(
        zh="「{title}」没有模板中的任何表格（主动公开、收到和处理申请、行政复议诉讼）；看起来是自由格式的报告",
        en="「{title}」 has none of the template's tables (主动公开, 收到和处理申请, 行政复议诉讼); it reads like a free-form report",
    ),
    # the command line's own
    "cli.error.not_found": Text(
        zh="没有这个文件或文件夹：{path}", en="no such file or folder: {path}"
    ),
    "cli.error.is_folder": Text(
        zh="{path} 是文件夹；读取其中的报告请用：govreport batch {path} -o OUT.csv",
        en="{path} is a folder; to read the reports in it use: govreport batch {path} -o OUT.csv",
    ),
    "cli.error.refused": Text(
        zh="{source}：拒绝读取（{kind}）：{detail}", en="{source}: refused ({kind}): {detail}"
    ),
    "cli.error.no_folder": Text(
        zh="无法写入 {path}：文件夹 {folder} 不存在",
        en="cannot write {path}: the folder {folder} does not exist",
    ),
    "cli.error.usage": Text(zh="{detail}（查看 {prog} --help）", en="{detail} (see {prog} --help)"),
    "cli.error.limit_name": Text(
        zh="--limit 应为 名称=值，名称为 {names} 之一，而不是「{given}」",
        en="--limit takes NAME=VALUE with NAME one of {names}, not '{given}'",
    ),
    "cli.error.limit_value": Text(
        zh="--limit {name} 需要一个正数，而不是「{value}」",
        en="--limit {name} needs a positive number, not '{value}'",
    ),
    "cli.hint.limit": Text(
        zh="；命令行上用 --limit {limit}=… 提高上限",
        en="; on the command line, raise it with --limit {limit}=...",
    ),
    "cli.error.no_files": Text(
        zh="请给出报告文件 FILE，或用 --sample", en="give a report FILE, or --sample"
    ),
    "cli.error.internal": Text(
        zh="内部错误 {kind}：{detail}；这是 govreport 的缺陷，请加 --debug 重新运行并报告输出",
        en="internal error {kind}: {detail}; this is a bug in govreport, please rerun with --debug and report the output",
    ),
    "cli.error.interrupted": Text(zh="已中断", en="interrupted"),
    "cli.error.parquet_stdout": Text(
        zh="{kind} 不能写到终端；请重定向标准输出，或用 --to csv",
        en="{kind} is not written to a terminal; redirect stdout, or use --to csv",
    ),
    "cli.error.output_format": Text(
        zh="无法判断 {path} 的格式：请用 .csv、.jsonl、.parquet 或 .xlsx",
        en="cannot tell the format of {path}: use .csv, .jsonl, .parquet or .xlsx",
    ),
    "cli.error.bad_pattern": Text(
        zh="{option} 的模式不能为空", en="the pattern of {option} cannot be empty"
    ),
}
