"""The Markdown reader: converter output with cut tables, headings, pipe rows and HTML tables."""

from __future__ import annotations

from pathlib import Path

import pytest

import govreport
from expected import CORPUS, SEEDS, document_of, expected_cells, expected_files, load_expected
from govreport.document import Heading, Paragraph, Table
from govreport.formats.markdown import MarkdownFormat, inline_text, parse_markdown, split_row

MD_CORPUS = [p for p in expected_files(CORPUS) if load_expected(p)["source"].endswith(".md")]
KEWEI = CORPUS / "shanghai_stcsm_kewei_2024_pdf2md.md"


# --- the converter-made report --------------------------------------------------------------


@pytest.mark.parametrize("expected_path", MD_CORPUS, ids=lambda p: p.stem)
def test_markdown_gives_its_expected_cells_and_guesses_nothing(expected_path: Path) -> None:
    expected = load_expected(expected_path)
    report = govreport.load(document_of(expected_path))
    assert report.metadata.format == "markdown"
    cells = report.cells()
    want = expected_cells(expected_path)
    assert {k: cells.get(k) for k in want} == want
    for cell_id, value in cells.items():
        if cell_id not in want:  # not printed, or not readable with certainty
            assert value is None, f"{cell_id} was guessed as {value}"
    assert (report.agency, report.year, report.template) == (
        expected["agency"],
        expected["year"],
        expected["template"],
    )


def test_rows_that_lost_their_labels_are_named_by_position_and_said_so() -> None:
    report = govreport.load(KEWEI)
    attributed = [f for f in report.findings if f.rule == "S7"]
    assert len(attributed) == 10
    assert all(f.severity is govreport.Severity.INFO for f in attributed)
    internal = next(f for f in attributed if "t3.withheld.internal.total" in f.cells)
    assert internal.locations == (govreport.Location(line=128, column=1),)
    assert report.cells()["t3.withheld.internal.natural_person"] == 1


def test_blank_cell_stays_blank_although_a_stray_digit_is_near() -> None:
    # '四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 |  |': the 总计 cell is empty, and a
    # loose '1' among the （六） labels cannot be attributed with certainty.
    report = govreport.load(KEWEI)
    assert report.cells()["t3.carried_forward.total"] is None
    assert report.cells()["t3.carried_forward.natural_person"] == 1


def test_table_rows_left_as_text_lines_are_read_beside_tables() -> None:
    report = govreport.load(KEWEI)
    cell = report.cell("t2.licensing.decisions")
    assert cell.value == 97
    assert cell.location == govreport.Location(line=77)


def test_table_four_after_split_result_headings() -> None:
    cells = govreport.load(KEWEI).cells()
    assert cells["t4.review.upheld"] == 1
    assert cells["t4.review.total"] == 1
    assert cells["t4.litigation_after_review.total"] == 0


def test_title_broken_over_two_lines() -> None:
    report = govreport.load(KEWEI)
    assert report.title == "2024 年上海市科委政府信息公开工作年度报告"


# --- blocks -----------------------------------------------------------------------------------


def test_every_text_line_is_a_paragraph_with_its_line() -> None:
    document = parse_markdown("正文\n2024 年某局政府信息公开工作\n年度报告\n\n一、总体情况\n")
    assert [(b.text, b.location.line) for b in document.blocks] == [
        ("正文", 1),
        ("2024 年某局政府信息公开工作", 2),
        ("年度报告", 3),
        ("一、总体情况", 5),
    ]
    assert all(isinstance(b, Paragraph) for b in document.blocks)


def test_headings_atx_and_setext() -> None:
    document = parse_markdown("# 某区2023年政府信息公开工作年度报告 #\n\n二、主动公开\n---\n###\n")
    assert [(type(b).__name__, b.text) for b in document.blocks] == [
        ("Heading", "某区2023年政府信息公开工作年度报告"),
        ("Heading", "二、主动公开"),
    ]
    assert [b.level for b in document.blocks if isinstance(b, Heading)] == [1, 2]
    assert document.title == "某区2023年政府信息公开工作年度报告"


def test_front_matter_title() -> None:
    document = parse_markdown("---\ntitle: 某县2022年政府信息公开工作年度报告\n---\n正文\n")
    assert document.title == "某县2022年政府信息公开工作年度报告"
    assert [b.text for b in document.blocks] == ["正文"]


def test_code_fence_lines_are_text_not_markdown() -> None:
    document = parse_markdown("```\n# 不是标题\n| a |\n|---|\n```\n")
    assert [(type(b).__name__, b.text) for b in document.blocks] == [
        ("Paragraph", "# 不是标题"),
        ("Paragraph", "| a |"),
        ("Paragraph", "|---|"),
    ]


def test_pipe_table_rows_as_printed() -> None:
    document = parse_markdown(
        "| 信息内容 | 本年制发件数 |\n|:---|---:|\n| 规章 | 0 | 9 |\n| **规范性文件** | 13 |\n\n后文\n"
    )
    (table,) = document.tables()
    assert table.texts() == [["信息内容", "本年制发件数"], ["规章", "0", "9"], ["规范性文件", "13"]]
    assert not table.regular
    assert table.rows[2][1].location == govreport.Location(line=4, column=2)
    assert document.blocks[-1].text == "后文"  # type: ignore[union-attr]


def test_a_row_followed_by_a_delimiter_row_starts_a_new_table() -> None:
    # Converters emit each piece of a cut table with its first row as a header.
    document = parse_markdown("| a | 1 |\n|---|---|\n| b | 2 |\n| 3 | 4 |\n|---|---|\n| c | 5 |\n")
    assert [t.texts() for t in document.tables()] == [
        [["a", "1"], ["b", "2"]],
        [["3", "4"], ["c", "5"]],
    ]


def test_cells_keep_line_breaks_and_lose_inline_marks() -> None:
    assert split_row(r"| a \| b | c |") == [" a | b ", " c "]
    assert inline_text("本年新<br>制作数量") == "本年新\n制作数量"
    assert inline_text("**22**（其中`修订`16件）") == "22（其中修订16件）"
    assert inline_text("[门户网站](http://x) &nbsp;") == "门户网站"
    assert inline_text(r"1\. 属于国家秘密") == "1. 属于国家秘密"


def test_html_table_inside_markdown_is_read_with_its_spans() -> None:
    document = parse_markdown(
        "前言\n<table>\n<tr><td rowspan=2>三、本年度办理结果</td><td>（一）予以公开</td><td>9</td></tr>\n"
        "<tr><td>（二）部分公开</td><td>0</td></tr>\n</table>\n后文\n"
    )
    assert [type(b).__name__ for b in document.blocks] == ["Paragraph", "Table", "Paragraph"]
    (table,) = document.tables()
    assert table.regular
    assert table.texts() == [
        ["三、本年度办理结果", "（一）予以公开", "9"],
        ["三、本年度办理结果", "（二）部分公开", "0"],
    ]
    assert table.rows[1][0].spanned
    assert table.location.line == 2


def test_bullets_lose_their_marker_numbers_keep_theirs() -> None:
    document = parse_markdown("- 一、总体情况\n1. 属于国家秘密\n")
    assert [b.text for b in document.blocks] == ["一、总体情况", "1. 属于国家秘密"]


# --- pandoc's own tables ------------------------------------------------------------------


def _grid(markdown: str) -> list[list[str]]:
    tables = [b for b in parse_markdown(markdown).blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert tables[0].regular
    return tables[0].texts()


def test_grid_table_cells_line_up_with_their_blank_cells_and_wrapped_text() -> None:
    markdown = (
        "+--------------+----------+------+\n"
        "| 信息内容     | 本年新\\  |      |\n"
        "|              | 制作数量 |      |\n"
        "+==============+==========+======+\n"
        "| 行政许可     | 0        |   12 |\n"
        "+--------------+----------+------+\n"
    )
    assert _grid(markdown) == [["信息内容", "本年新\n制作数量", ""], ["行政许可", "0", "12"]]


def test_simple_table_columns_are_cut_where_the_rule_puts_them_counting_wide_characters() -> None:
    markdown = (
        "  -------------- ------ ------\n"
        "  规章           3             \n"
        "  行政规范性文件        470\n"
        "  -------------- ------ ------\n"
    )
    assert _grid(markdown) == [["规章", "3", ""], ["行政规范性文件", "", "470"]]


def test_simple_table_rows_whose_span_attributes_wrap_are_one_row() -> None:
    markdown = (
        "  ---------------------- ----------------------\n"
        '  [规章]{style="font:a;   [17]{style="font:a;\n'
        '  size:2"}                size:2"}\n'
        '  [行政许可]{x="1"}       [5]{x="1"}\n'
        "  ---------------------- ----------------------\n"
    )
    assert _grid(markdown) == [["规章", "17"], ["行政许可", "5"]]


def test_multiline_table_rows_are_separated_by_blank_lines() -> None:
    markdown = """\
  ---------- ------
  其他法律   1
  禁止公开

  规章       2
  ---------- ------
"""
    assert _grid(markdown) == [["其他法律\n禁止公开", "1"], ["规章", "2"]]


# --- sniffing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "is_markdown"),
    [
        ("## 表二：主动公开政府信息情况\n", True),
        ("| 信息内容 | 本年制发件数 |\n|---|---|\n", True),
        ("```\ncode\n```\n", True),
        ("一、总体情况\n本年度收到申请3件。\n", False),
        ("# 一、总体情况\n规章\t0\t0\t0\n", False),  # the text format's tab rows
        ("<html><body></body></html>", False),
        ("  ------ -----\n  规章   0\n  ------ -----\n", True),  # pandoc's simple table
        ("+------+----+\n| 规章 | 0  |\n+------+----+\n", True),  # and its grid table
    ],
)
def test_sniff(text: str, is_markdown: bool) -> None:
    assert MarkdownFormat().sniff(text.encode("utf-8")) is is_markdown


def test_seeds_are_not_taken_for_markdown() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        assert not MarkdownFormat().sniff(path.read_bytes()[:65536]), path.name


def test_binary_is_refused() -> None:
    with pytest.raises(govreport.ParseError):
        govreport.load(b"\x00\x01" * 100, format="markdown")


def test_markdown_loads_by_content_without_a_name() -> None:
    report = govreport.load(KEWEI.read_bytes())
    assert report.metadata.format == "markdown"


def test_tables_are_tables() -> None:
    document = MarkdownFormat().read(govreport.Source(KEWEI.read_bytes(), KEWEI.name))
    assert sum(1 for b in document.blocks if isinstance(b, Table)) == 19


def test_a_pipe_row_whose_raw_html_attribute_breaks_over_lines_is_one_row() -> None:
    # pandoc -t gfm of a Word-made page: the style attribute holds line breaks
    markdown = (
        "| a | b |\n|---|---|\n"
        '| <span style="font-family:仿宋;\n'
        ' font-size:14pt;">规章</span>   | <span style="x;\n'
        ' y">17</span> |\n'
        "| 行政许可 | 5 |\n"
    )
    assert _grid_texts(markdown)[1:] == [["规章", "17"], ["行政许可", "5"]]


def _grid_texts(markdown: str) -> list[list[str]]:
    (table,) = [b for b in parse_markdown(markdown).blocks if isinstance(b, Table)]
    return table.texts()
