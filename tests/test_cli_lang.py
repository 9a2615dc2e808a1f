"""The command line in both languages, down to argparse's own sentences, locations and
the plugins' texts: the exact Chinese and English a user reads."""

from __future__ import annotations

import argparse
import re
import zipfile
from pathlib import Path

import pytest

import govreport
from expected import CORPUS
from govreport import LimitExceededError, ParseError
from govreport.cli import main
from govreport.document import Location
from govreport.limits import Limits
from govreport.messages import use_language
from govreport.source import Source
from govreport.where import describe_places, page_of

HUAIAN = CORPUS / "huaian_hongzequ_gov_2023.pdf"

# --- argparse's sentences ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "zh", "en"),
    [
        (
            ["batch", "reports"],
            "govreport batch: 缺少必需的参数：-o/--output（查看 govreport batch --help）",
            "govreport batch: the following arguments are required: -o/--output "
            "(see govreport batch --help)",
        ),
        (
            ["bogus"],
            "govreport: 参数 COMMAND：无效的选择：'bogus'（可选：'show', 'validate', 'batch', "
            "'compare', 'cells', 'formats'）（查看 govreport --help）",
            "govreport: argument COMMAND: invalid choice: 'bogus' (choose from 'show', "
            "'validate', 'batch', 'compare', 'cells', 'formats') (see govreport --help)",
        ),
        (
            ["show", "--zzz"],
            "govreport show: 无法识别的参数：--zzz（查看 govreport show --help）",
            "govreport show: unrecognized arguments: --zzz (see govreport show --help)",
        ),
        (
            ["show", "--format"],
            "govreport show: 参数 --format：需要一个值（查看 govreport show --help）",
            "govreport show: argument --format: expected one argument (see govreport show --help)",
        ),
        (
            ["batch", "reports", "-o", "x.csv", "-j", "k"],
            "govreport batch: 参数 -j/--jobs：无效的 int 值：'k'（查看 govreport batch --help）",
            "govreport batch: argument -j/--jobs: invalid int value: 'k' "
            "(see govreport batch --help)",
        ),
    ],
)
def test_argparse_errors_in_both_languages(
    argv: list[str], zh: str, en: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "zh", *argv]) == 2
    assert capsys.readouterr().err == zh + "\n"
    assert main(["--lang", "en", *argv]) == 2
    assert capsys.readouterr().err == en + "\n"


def test_a_missing_file_in_a_chinese_run(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "zh", "show"]) == 2
    assert capsys.readouterr().err == "govreport show: 请给出报告文件 FILE，或用 --sample\n"


def test_help_in_chinese_has_no_argparse_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "zh", "batch", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：govreport batch ")
    assert "\n参数：\n" in out and "\n选项：\n" in out
    assert "  -h, --help            显示本帮助并退出\n" in out
    for english in ("usage:", "positional arguments", "options:", "show this help"):
        assert english not in out


def test_argparse_is_left_as_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    # the swap lasts for the command line's parse only: another program's argparse in
    # the same process still speaks argparse's English
    main(["--lang", "zh", "bogus"])
    parser = argparse.ArgumentParser(prog="other")
    with pytest.raises(SystemExit):
        parser.parse_args(["--nope"])
    assert "other: error: unrecognized arguments: --nope" in capsys.readouterr().err


# --- locations ---------------------------------------------------------------------------


def test_a_location_in_words_of_both_languages_without_its_xpath() -> None:
    html_cell = Location(page=3, table=2, row=4, column=1, xpath="/html/body/table[2]/tr[4]/td[1]")
    with use_language("en"):
        assert str(Location(line=41, column=9)) == "line 41, column 9"
        assert str(html_cell) == "page 3, table 2, row 4, column 1"
        assert str(Location(xpath="/html/body")) == "unknown location"
    assert str(Location(line=41, column=9)) == "第 41 行，第 9 列"
    assert str(html_cell) == "第 3 页，第 2 个表格，第 4 行，第 1 列"
    assert str(Location()) == "位置不明"
    # the JSON form keeps the XPath
    assert html_cell.to_dict()["xpath"] == "/html/body/table[2]/tr[4]/td[1]"


def test_pages_and_lines_of_a_finding() -> None:
    pages = [Location(page=3), Location(page=4)]
    lines = [Location(line=n) for n in range(1, 9)]
    assert describe_places(pages) == "第 3、4 页"
    assert describe_places(lines) == "第 1、2、3、4、5、6… 行"
    assert page_of(3, "x.pdf") == "x.pdf 第 3 页"
    with use_language("en"):
        assert describe_places(pages) == "pages 3, 4"
        assert describe_places(pages[:1]) == "page 3"
        assert describe_places(lines) == "lines 1, 2, 3, 4, 5, 6…"
        assert page_of(3, "x.pdf") == "page 3 of x.pdf"


def test_where_reading_stopped_in_both_languages() -> None:
    broken = Source(data=b'{"schema_version": 1,\n "metadata": }', name="x.json")
    with pytest.raises(ParseError) as zh:
        govreport.load(broken, format="json")
    assert str(zh.value) == "JSON 无效：Expecting value（第 2 行，第 14 列）"
    with use_language("en"), pytest.raises(ParseError) as en:
        govreport.load(broken, format="json")
    assert str(en.value) == "invalid JSON: Expecting value (line 2, column 14)"


def test_a_pdf_page_in_both_languages() -> None:
    tight = govreport.BuildOptions(limits=Limits(glyphs_per_page=10))
    with pytest.raises(LimitExceededError) as zh:
        govreport.load(HUAIAN, options=tight)
    assert zh.value.where == "huaian_hongzequ_gov_2023.pdf 第 1 页"
    assert str(zh.value).endswith("（huaian_hongzequ_gov_2023.pdf 第 1 页）")
    with use_language("en"), pytest.raises(LimitExceededError) as en:
        govreport.load(HUAIAN, options=tight)
    assert en.value.where == "page 1 of huaian_hongzequ_gov_2023.pdf"
    assert str(en.value).endswith(" (page 1 of huaian_hongzequ_gov_2023.pdf)")


def test_findings_say_where_in_the_runs_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "zh", "validate", str(HUAIAN)]) == 1
    zh = capsys.readouterr().out.splitlines()
    assert (
        "  R4 error: 表四「行政复议」：总计为 0，维持、纠正、其他、尚未审结之和为 11。 "
        "[表四「行政复议」栏，第 4 页]" in zh
    )
    assert main(["--lang", "en", "validate", str(HUAIAN)]) == 1
    en = capsys.readouterr().out.splitlines()
    assert (
        "  R4 error: Table 四, 「行政复议」: the total is 0, upheld + corrected + other + "
        "pending is 11. [表四 「行政复议」, page 4]" in en
    )


# --- the plugins' texts --------------------------------------------------------------------


def test_the_word_plugins_refusal_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("govreport_docx")
    workbook = tmp_path / "wb.docx"
    with zipfile.ZipFile(workbook, "w") as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
    assert main(["--lang", "zh", "show", str(workbook)]) == 1
    assert capsys.readouterr().err == (
        f"govreport show: {workbook}：拒绝读取（ParseError）：这是一个 Excel 工作簿，"
        "不是 Word 文档（没有 word/document.xml）（wb.docx）\n"
    )
    assert main(["--lang", "en", "show", str(workbook)]) == 1
    assert capsys.readouterr().err == (
        f"govreport show: {workbook}: refused (ParseError): this is an Excel workbook, "
        "not a Word document (no word/document.xml) (wb.docx)\n"
    )


def test_the_ocr_plugins_refusal_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("govreport_ocr")
    junk = tmp_path / "scan.png"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert main(["--lang", "zh", "show", str(junk)]) == 1
    zh = capsys.readouterr().err
    assert zh.startswith(f"govreport show: {junk}：拒绝读取（ParseError）：不是可读取的图像：")
    assert zh.endswith("（scan.png）\n")
    assert main(["--lang", "en", "show", str(junk)]) == 1
    en = capsys.readouterr().err
    assert en.startswith(f"govreport show: {junk}: refused (ParseError): not a readable image: ")
    assert en.endswith(" (scan.png)\n")


# --- the sweep: texts that were one language -----------------------------------------------


def test_digits_run_together_in_both_languages() -> None:
    path = CORPUS / "pingtan_gov_2021_page.txt"
    with use_language("en"):
        en = [f.message for f in govreport.load(path).findings if f.rule == "S3"]
    zh = [f.message for f in govreport.load(path).findings if f.rule == "S3"]
    assert zh[1] == (
        "「一、本年新收政府信息公开申请数量」一行的数字连在一起（640020470二、），"
        "无法唯一拆分到各列，未读取。"
    )
    assert en[1] == (
        "Row 「一、本年新收政府信息公开申请数量」: its digits run together (640020470二、) "
        "and cannot be split into its columns one way only; not read."
    )


def test_library_refusals_of_the_sweep_in_both_languages() -> None:
    from govreport.pdfengine import check_engine

    with pytest.raises(govreport.UnsupportedFormatError) as zh:
        check_engine("fitz")
    assert str(zh.value) == "没有名为 'fitz' 的 PDF 引擎（可用引擎：pdfium, pdfplumber）"
    with use_language("en"), pytest.raises(govreport.UnsupportedFormatError) as en:
        check_engine("fitz")
    assert str(en.value) == "no PDF engine is called 'fitz' (engines: pdfium, pdfplumber)"


def test_a_pdf_pages_unmapped_glyphs_in_both_languages() -> None:
    from govreport.formats.pdf.assemble import _check_text
    from govreport.formats.pdf.glyphs import Glyph
    from govreport.formats.pdf.reader import RawDocument, RawPage

    glyphs = tuple(
        Glyph(t, 10.0 * i, 100.0, 10.0 * i + 9, 110.0, 10.0) for i, t in enumerate("本年新收\ufffd")
    )
    pages = (RawPage(1, 595.0, 842.0, glyphs, (), 0, 1), RawPage(2, 595.0, 842.0, (), (), 1, 0))
    document = RawDocument(pages, None)
    zh = [note.message for note in _check_text(document, "x.pdf")]
    assert zh == [
        "第1页有1个字符的字体缺少 Unicode 映射（(cid:N)），这些字符无法识别，其中的数字未读取。",
        "第2页只有图片、没有文字层，需 OCR 才能读取（安装 govreport-ocr 插件），该页内容未读取。",
    ]
    with use_language("en"):
        en = [note.message for note in _check_text(document, "x.pdf")]
    assert en == [
        "Page 1: 1 character(s) in fonts without a Unicode mapping ((cid:N)) cannot be "
        "recognised; numbers among them were not read.",
        "Page 2 is only a picture, with no text layer; it needs OCR (install the "
        "govreport-ocr plugin); the page was not read.",
    ]


def test_the_log_in_both_languages(capfd: pytest.CaptureFixture[str]) -> None:
    sample = ["cells", "--sample"]
    assert main(["--lang", "zh", "-vv", *sample]) == 0
    zh = capfd.readouterr().err
    assert "govreport: sample_laocheng_2024.txt：按 text 读取，依据其内容和扩展名\n" in zh
    assert re.search(
        r"sample_laocheng_2024\.txt：读取用时 \d+\.\d\d 秒：200 个单元格，0 项发现", zh
    )
    assert main(["--lang", "en", "-vv", *sample]) == 0
    en = capfd.readouterr().err
    assert (
        "govreport: sample_laocheng_2024.txt: read as text, chosen by its content and extension\n"
        in en
    )
    assert re.search(r"sample_laocheng_2024\.txt: read in \d+\.\d\d s: 200 cells, 0 findings", en)
