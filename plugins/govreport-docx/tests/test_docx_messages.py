"""The Word plugin's texts in both languages, through govreport's catalogue."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from govreport.errors import ParseError
from govreport.messages import PARTS, use_language
from govreport.source import Source

from govreport_docx import DocxFormat
from govreport_docx.convert import SOFFICE_ENV, ConverterMissingError
from govreport_docx.messages import MESSAGES

WORKBOOK = io.BytesIO()
with zipfile.ZipFile(WORKBOOK, "w") as _archive:
    _archive.writestr("xl/workbook.xml", b"<workbook/>")


def _refusal(source: Source, lang: str) -> str:
    with use_language(lang), pytest.raises(ParseError) as caught:  # type: ignore[arg-type]
        DocxFormat().read(source)
    return str(caught.value)


def test_the_plugins_messages_are_a_part_of_the_catalogue() -> None:
    assert PARTS["govreport-docx"] == MESSAGES
    assert all(key.startswith("docx.") for key in MESSAGES)


def test_a_workbook_is_refused_in_both_languages() -> None:
    source = Source(WORKBOOK.getvalue(), "x.docx")
    assert _refusal(source, "zh") == (
        "这是一个 Excel 工作簿，不是 Word 文档（没有 word/document.xml）（x.docx）"
    )
    assert _refusal(source, "en") == (
        "this is an Excel workbook, not a Word document (no word/document.xml) (x.docx)"
    )


def test_a_missing_converter_in_both_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "no-soffice"))
    rtf = Source(b"{\\rtf1 x}", "report.rtf")
    with use_language("zh"), pytest.raises(ConverterMissingError) as zh:
        DocxFormat().read(rtf)
    assert str(zh.value) == (
        "读取 '.rtf' 文件需要 LibreOffice 将其转换为 .docx，但未找到 LibreOffice："
        "请安装 LibreOffice Writer（Debian/Ubuntu：apt-get install libreoffice-writer；"
        "其他系统：https://www.libreoffice.org），或用 GOVREPORT_SOFFICE 指定 soffice 程序"
    )
    with use_language("en"), pytest.raises(ConverterMissingError) as en:
        DocxFormat().read(rtf)
    assert str(en.value) == (
        "reading '.rtf' files needs LibreOffice to convert them to .docx, and it was not "
        "found: install LibreOffice Writer (Debian/Ubuntu: apt-get install "
        "libreoffice-writer; elsewhere: https://www.libreoffice.org) or set "
        "GOVREPORT_SOFFICE to the soffice program"
    )
