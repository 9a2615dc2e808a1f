"""The Word plugin's messages in Chinese and English, registered in govreport's catalogue
(``govreport.messages.register_messages``) so that they follow ``--lang``,
``GOVREPORT_LANG`` and the locale like govreport's own. Import ``message`` from here:
importing this module is what registers them.
"""

from __future__ import annotations

from govreport.messages import Text, message, register_messages

_INSTALL_ZH = (
    "请安装 LibreOffice Writer（Debian/Ubuntu：apt-get install libreoffice-writer；"
    "其他系统：https://www.libreoffice.org），或用 GOVREPORT_SOFFICE 指定 soffice 程序"
)
_INSTALL_EN = (
    "install LibreOffice Writer (Debian/Ubuntu: apt-get install libreoffice-writer; "
    "elsewhere: https://www.libreoffice.org) or set GOVREPORT_SOFFICE to the soffice program"
)

MESSAGES = {
    # --- reading a .docx package (reader.py) ------------------------------------------------
    "docx.encrypted": Text(
        zh="此 Word 文档有密码保护；请另存一份无保护的 .docx",
        en="this Word document is password-protected; save an unprotected copy as .docx",
    ),
    "docx.legacy_doc": Text(
        zh="这是旧版二进制 Word 文档（.doc，Word 97-2003），govreport-docx 不读取："
        "请用 Word、WPS 或 LibreOffice 打开并另存为 .docx"
        "（或运行：soffice --headless --convert-to docx FILE.doc）",
        en="this is an old binary Word document (.doc, Word 97-2003), which govreport-docx "
        "does not read: open it in Word, WPS or LibreOffice and save it as .docx "
        "(or run: soffice --headless --convert-to docx FILE.doc)",
    ),
    "docx.not_zip": Text(
        zh="这不是 .docx 文件：Word 文档包应是 zip 压缩包",
        en="this is not a .docx file: a Word package is a zip archive",
    ),
    "docx.cannot_open": Text(
        zh="无法打开 Word 文档包：{kind}: {detail}",
        en="the Word package cannot be opened: {kind}: {detail}",
    ),
    "docx.bad_zip": Text(
        zh="Word 文档包不是可读取的 zip 压缩包：{reason}",
        en="the Word package is not a readable zip archive: {reason}",
    ),
    "docx.not_word": Text(
        zh="这是{kind}，不是 Word 文档（没有 {part}）",
        en="this is {kind}, not a Word document (no {part})",
    ),
    "docx.kind.excel": Text(zh="一个 Excel 工作簿", en="an Excel workbook"),
    "docx.kind.powerpoint": Text(zh="一个 PowerPoint 文件", en="a PowerPoint file"),
    "docx.kind.zip": Text(zh="一个 zip 压缩包", en="a zip archive"),
    "docx.part_too_large": Text(
        zh="部件 {part} 解压后有 {size} 字节，超过上限 {limit}",
        en="part {part} unpacks to {size} bytes, above the limit of {limit}",
    ),
    # --- converting .doc, .wps, .rtf, .odt with LibreOffice (convert.py) ---------------------
    "docx.convert.install": Text(zh=_INSTALL_ZH, en=_INSTALL_EN),
    "docx.convert.missing": Text(
        zh="读取{what}需要 LibreOffice 将其转换为 .docx，但未找到 LibreOffice：{hint}",
        en="reading {what} needs LibreOffice to convert them to .docx, and it was not found: "
        "{hint}",
    ),
    "docx.convert.these_files": Text(zh=" '.{extension}' 文件", en="'.{extension}' files"),
    "docx.convert.this_file": Text(zh="此文件", en="this file"),
    "docx.convert.failed": Text(
        zh="LibreOffice 无法把文件转换为 .docx（文件已损坏，或不是 '.{extension}' 文件）",
        en="LibreOffice could not convert the file to .docx (it is damaged, or not a "
        "'.{extension}' file)",
    ),
    "docx.convert.cannot_start": Text(
        zh="无法启动 LibreOffice（{program}）：{reason}；{hint}",
        en="LibreOffice ({program}) cannot be started: {reason}; {hint}",
    ),
    "docx.convert.timeout": Text(
        zh="LibreOffice 未在 {timeout:g} 秒内完成转换（CONVERT_TIMEOUT）",
        en="LibreOffice did not convert the file within {timeout:g} s (CONVERT_TIMEOUT)",
    ),
    # --- writing (writer.py) ----------------------------------------------------------------
    "docx.write.no_agency": Text(
        zh="报告没有发布机关，无法生成标题",
        en="a report without an issuing body cannot be given a title",
    ),
}

register_messages("govreport-docx", MESSAGES)

__all__ = ["MESSAGES", "message"]
