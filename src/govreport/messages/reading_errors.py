"""Why a reader refused a document (ParseError, NotAReportError) and why a plugin or a
writer failed (PluginError, WriteError), one line each.

``{reason}`` is what the library underneath said (pdfminer, lxml, json), which stays in
its own words.
"""

from __future__ import annotations

from govreport.messages.text import Text

_OCR_HINT_ZH = "请安装 OCR 插件（pip install govreport-ocr，位于 plugins/govreport-ocr）后重新读取"
_OCR_HINT_EN = (
    "install the OCR plugin (pip install govreport-ocr, from plugins/govreport-ocr) "
    "and load it again"
)

MESSAGES = {
    # --- PDF (formats/pdf) ----------------------------------------------------------------
    "pdf.no_pages": Text(zh="PDF 没有页面", en="the PDF has no pages"),
    "read.not_text": Text(
        zh="文本既不是 UTF-8 也不是 GB18030 编码", en="the text is neither UTF-8 nor GB18030"
    ),
    "pdf.unreadable": Text(zh="不是可读取的 PDF：{reason}", en="not a readable PDF: {reason}"),
    "pdf.pdfium_invalid.file": Text(
        zh="不是可读取的 PDF：pdfium 未找到有效的 PDF 文件",
        en="not a readable PDF: pdfium found no valid PDF file",
    ),
    "pdf.pdfium_invalid.format": Text(
        zh="不是可读取的 PDF：pdfium 未找到有效的 PDF 格式",
        en="not a readable PDF: pdfium found no valid PDF format",
    ),
    "pdf.pdfium_invalid.data": Text(
        zh="不是可读取的 PDF：pdfium 未找到有效的 PDF 数据",
        en="not a readable PDF: pdfium found no valid PDF data",
    ),
    "pdf.damaged": Text(zh="PDF 已损坏：{reason}", en="the PDF is damaged: {reason}"),
    "pdf.page_unloadable": Text(
        zh="PDF 已损坏：pdfium 无法加载该页",
        en="the PDF is damaged: pdfium cannot load the page",
    ),
    "pdf.self_reference": Text(
        zh="PDF 已损坏：对象 {obj} 引用了自身（经过 {count} 个对象）",
        en="the PDF is damaged: object {obj} is a reference to itself (through {count} object(s))",
    ),
    "pdf.no_text_layer.images": Text(
        zh="PDF 没有文字层（其 {pages} 页只有图片）；看起来是扫描件，需要先 OCR 才能读取："
        + _OCR_HINT_ZH,
        en="the PDF has no text layer (its {pages} page(s) hold only images); it looks scanned "
        "and needs OCR before it can be read: " + _OCR_HINT_EN,
    ),
    "pdf.no_text_layer.empty": Text(
        zh="PDF 没有文字层（没有任何文字）；看起来是扫描件，需要先 OCR 才能读取：" + _OCR_HINT_ZH,
        en="the PDF has no text layer (it holds no text); it looks scanned and needs OCR "
        "before it can be read: " + _OCR_HINT_EN,
    ),
    "pdf.unmapped": Text(
        zh="{glyphs} 个字符中有 {unmapped} 个使用没有 Unicode 映射的字体，解码为 (cid:N) 代码；"
        "文字无法读取，需要 OCR：" + _OCR_HINT_ZH,
        en="{unmapped} of {glyphs} characters use fonts without a Unicode mapping and decode "
        "to (cid:N) codes; the text cannot be read and needs OCR: " + _OCR_HINT_EN,
    ),
    # --- HTML, Markdown, text, JSON (formats/) --------------------------------------------
    "read.binary": Text(zh="这是二进制数据，不是{kind}", en="this is binary data, not {kind}"),
    "read.kind.text": Text(zh="文本", en="text"),
    "html.unparsable": Text(zh="HTML 无法解析：{reason}", en="the HTML cannot be parsed: {reason}"),
    "html.no_elements": Text(zh="HTML 中没有任何元素", en="the HTML has no elements"),
    "html.not_whole": Text(
        zh="HTML 无法完整读取：{reason}", en="the HTML cannot be read whole: {reason}"
    ),
    "json.not_a_report": Text(
        zh="此 JSON 不是 govreport 报告：{reason}",
        en="this JSON is not a govreport report: {reason}",
    ),
    "json.invalid": Text(zh="JSON 无效：{reason}", en="invalid JSON: {reason}"),
    "json.too_deep": Text(zh="JSON 嵌套过深", en="the JSON is nested too deeply"),
    "json.not_object": Text(
        zh="报告应是 JSON 对象，而不是 {kind}", en="a report is a JSON object, not {kind}"
    ),
    "json.schema_version": Text(
        zh="此 JSON 的 schema_version 为 {version}；本版 govreport 读取版本 {supported}",
        en="this JSON has schema_version {version}; this govreport reads version {supported}",
    ),
    # --- format plugins and writers (api.py, plugins.py) --------------------------------
    "plugin.too_deep": Text(
        zh="{name} 读取器在嵌套过深的输入上放弃读取",
        en="the {name} reader gave up on deeply nested input",
    ),
    "plugin.failed": Text(
        zh="格式插件 {name} 读取此输入时出错：{error}",
        en="the {name} format plugin failed on this input: {error}",
    ),
    "plugin.not_document": Text(
        zh="格式插件 {name} 返回了 {kind}，而不是 Document",
        en="the {name} format plugin returned {kind}, not a Document",
    ),
    "plugin.not_report": Text(
        zh="格式插件 {name} 返回了 {kind}，而不是 Report",
        en="the {name} format plugin returned {kind}, not a Report",
    ),
    "plugin.not_bytes": Text(
        zh="{name} 写出器返回了 {kind}，而不是 bytes",
        en="the {name} writer returned {kind}, not bytes",
    ),
    "plugin.unknown": Text(
        zh="没有名为 {name} 的已安装格式（已安装：{installed}）",
        en="no installed format is called {name} (installed: {installed})",
    ),
    "plugin.skipped": Text(
        zh="govreport 格式插件 {name}（{entry_point}）已跳过：{problem}",
        en="govreport format plugin {name} ({entry_point}) is skipped: {problem}",
    ),
    "plugin.load_failed": Text(
        zh="govreport 格式插件 {name}（{entry_point}）加载失败，已跳过：{problem}",
        en="govreport format plugin {name} ({entry_point}) failed to load and is skipped: "
        "{problem}",
    ),
    "plugin.none_installed": Text(zh="无", en="none"),
    # the log (logging.getLogger("govreport"); the command line's -v), worded when emitted
    "log.input": Text(zh="输入", en="input"),
    "log.named": Text(
        zh="{source}：按指定格式 {format} 读取", en="{source}: read as {format} (named)"
    ),
    "log.chosen": Text(
        zh="{source}：按 {format} 读取，依据{why}", en="{source}: read as {format}, chosen by {why}"
    ),
    "log.why.content_extension": Text(zh="其内容和扩展名", en="its content and extension"),
    "log.why.content": Text(zh="其内容", en="its content"),
    "log.why.extension": Text(
        zh="其扩展名（没有读取器识别出其内容）",
        en="its extension (no reader recognised the content)",
    ),
    "log.plugin_skipped": Text(
        zh="格式插件 {name}（{entry_point}）已跳过：{problem}",
        en="format plugin {name} ({entry_point}) skipped: {problem}",
    ),
    "log.size": Text(
        zh="{source}：{size} 字节；预算：{limits}", en="{source}: {size} bytes; budgets: {limits}"
    ),
    "log.read": Text(
        zh="{source}：读取用时 {seconds:.2f} 秒：{cells} 个单元格，{findings} 项发现",
        en="{source}: read in {seconds:.2f} s: {cells} cells, {findings} findings",
    ),
    "log.plugin_loaded": Text(
        zh="格式插件 {name} 已从 {entry_point} 加载",
        en="format plugin {name} loaded from {entry_point}",
    ),
    "log.budget_exceeded": Text(
        zh="超出预算 {limit}={allowed}：{what}", en="budget {limit}={allowed} exceeded: {what}"
    ),
    # why a plugin is skipped: kept as IDs in FormatInfo and shown by `govreport formats`
    "plugin.problem.version": Text(
        zh="它是为格式接口版本 {version} 编写的；本 govreport 需要版本 {needed}",
        en="it was written for format interface version {version}; this govreport "
        "needs version {needed}",
    ),
    "plugin.problem.missing": Text(zh="它没有 {attribute}", en="it has no {attribute}"),
    "plugin.problem.name": Text(
        zh="插件名称必须是非空的小写字符串",
        en="its name must be a non-empty lower-case string",
    ),
    "plugin.problem.extensions": Text(
        zh="插件的扩展名必须是不带点的小写字符串",
        en="its extensions must be lower-case strings without dots",
    ),
    "plugin.problem.name_taken": Text(
        zh="名称 {name} 已被另一个插件占用", en="the name {name} is taken by another plugin"
    ),
    # an exception while importing the plugin: its type and its own words, in either language
    "plugin.problem.exception": Text(zh="{kind}: {detail}", en="{kind}: {detail}"),
    "write.read_only": Text(
        zh="格式 {name} 只能读取报告，不能写出（可写出的格式：{writers}）",
        en="the {name} format reads reports but cannot write them (writers: {writers})",
    ),
    "write.failed": Text(zh="{name} 写出器出错：{error}", en="the {name} writer failed: {error}"),
    "write.no_writer": Text(
        zh="没有已安装的格式能写出 .{extension} 文件；请传入 format=",
        en="no installed format writes .{extension}; pass format=",
    ),
    "write.no_writer_bare": Text(
        zh="没有已安装的格式能写出没有扩展名的文件；请传入 format=",
        en="no installed format writes files without an extension; pass format=",
    ),
    "write.cannot_write": Text(zh="无法写入 {path}：{reason}", en="cannot write {path}: {reason}"),
}
