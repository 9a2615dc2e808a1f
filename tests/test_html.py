"""The HTML reader: real pages, span expansion, cell text, site chrome, titles and hostile input."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from lxml import etree

import govreport
from expected import CORPUS, document_of, expected_cells, expected_files, load_expected
from govreport.build import label_rows
from govreport.document import (
    Cell,
    Document,
    Heading,
    Location,
    Paragraph,
    Table,
    grid_rows,
    plain_rows,
)
from govreport.formats.html import HtmlFormat
from govreport.formats.html.reader import cell_text, clean_line, decode_html, parse_html
from govreport.messages import use_language
from govreport.source import Source

HTML_CORPUS = [p for p in expected_files(CORPUS) if load_expected(p)["source"].endswith(".html")]


def read(markup: str | bytes, name: str = "page.html") -> Document:
    data = markup.encode("utf-8") if isinstance(markup, str) else markup
    return HtmlFormat().read(Source(data, name))


def only_table(markup: str) -> Table:
    tables = list(read(markup).tables())
    assert len(tables) == 1
    return tables[0]


def texts(table: Table) -> list[list[str]]:
    return table.texts()


# --- real pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("expected_path", HTML_CORPUS, ids=lambda p: p.stem)
def test_page_gives_exactly_its_expected_cells(expected_path: Path) -> None:
    expected = load_expected(expected_path)
    report = govreport.load(document_of(expected_path))
    assert report.metadata.format == "html"
    assert report.cells() == expected_cells(expected_path)
    assert (report.agency, report.year, report.template) == (
        expected["agency"],
        expected["year"],
        expected["template"],
    )
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_word_page_title_comes_from_the_page_not_its_chrome() -> None:
    # The page chrome says 来源：平潭县人民政府; the preface names another body's notice.
    document = read((CORPUS / "pingtan_2021_page.html").read_bytes())
    assert document.title == "平潭综合实验区2021年度政府信息公开工作年度报告"
    first = document.blocks[0]
    assert isinstance(first, Heading) and first.text == document.title
    assert first.location.xpath is not None and "div" in first.location.xpath
    shown = [b.text for b in document.blocks if not isinstance(b, Table)]
    assert not any("网站标识码" in t or t == "国务院" for t in shown)  # footer and link menus


def test_spans_on_a_real_page_repeat_their_text_as_spanned() -> None:
    document = read((CORPUS / "pingtan_2021_page.html").read_bytes())
    table3 = list(document.tables())[1]
    assert table3.regular
    assert len({len(row) for row in table3.rows}) == 1
    new = next(row for row in table3.rows if row[0].text.startswith("一、本年新收"))
    assert [c.text for c in new if not c.spanned][1:] == ["64", "0", "0", "2", "0", "4", "70"]
    assert [c.spanned for c in new[:3]] == [False, True, True]


def test_cell_location_names_table_row_column_and_xpath() -> None:
    path = CORPUS / "shanghai_gov_office_2019_fragment.html"
    report = govreport.load(path)
    cell = report.cell("t3.new.natural_person")
    assert cell.value == 821
    location = cell.location
    assert location is not None
    assert (location.table, location.row, location.column) == (2, 4, 4)
    tree = parse_html(decode_html(path.read_bytes())).getroottree()
    (element,) = tree.xpath(location.xpath)
    assert "".join(element.itertext()).strip() == "821"


def test_blank_cells_of_a_fragment_are_none() -> None:
    cells = govreport.load(CORPUS / "shanghai_gov_office_2019_fragment.html").cells()
    assert cells["t3.granted.total"] is None  # printed &nbsp;
    assert cells["t3.new.research"] is None
    assert cells["t4.litigation_after_review.total"] is None


# --- span expansion -----------------------------------------------------------------------


def test_rowspan_and_colspan_fill_a_regular_grid() -> None:
    table = only_table(
        "<table>"
        "<tr><td rowspan=2>a</td><td colspan=2>b</td></tr>"
        "<tr><td>c</td><td>d</td></tr>"
        "<tr><td>e</td><td>f</td><td>g</td></tr>"
        "</table>"
    )
    assert texts(table) == [["a", "b", "b"], ["a", "c", "d"], ["e", "f", "g"]]
    assert [[c.spanned for c in row] for row in table.rows] == [
        [False, False, True],
        [True, False, False],
        [False, False, False],
    ]
    covered = table.rows[1][0]
    assert (covered.location.row, covered.location.column) == (2, 1)
    assert covered.location.xpath == table.rows[0][0].location.xpath


def test_grid_locations_and_cells_equal_those_attrs_builds() -> None:
    # the reader sets their fields itself: each must be whole, as the class's own
    # __init__ makes it (an unset field would fail in asdict)
    table = only_table(
        "<table><tr><th>h</th><td rowspan=2 colspan=2>a</td></tr><tr><td>b</td></tr></table>"
    )
    made = [[attrs.asdict(cell) for cell in row] for row in table.rows]
    row_paths = ["/html/body/table/tr[1]", "/html/body/table/tr[2]"]
    paths = [[row_paths[0] + "/th", row_paths[0] + "/td", row_paths[0] + "/td"]]
    paths.append([row_paths[1] + "/td", row_paths[0] + "/td", row_paths[0] + "/td"])
    spanned = [[False, False, True], [False, True, True]]
    expected = [
        [
            attrs.asdict(
                Cell(
                    text,
                    Location(table=1, row=r + 1, column=c + 1, xpath=paths[r][c]),
                    spanned[r][c],
                )
            )
            for c, text in enumerate(row)
        ]
        for r, row in enumerate([["h", "a", "a"], ["b", "a", "a"]])
    ]
    assert made == expected


def test_a_grid_keeps_texts_until_asked_and_then_holds_the_cells_an_eager_grid_holds() -> None:
    # a row span, a column span, a short row (padded) and a cell overlapping a span
    table = only_table(
        "<table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr>"
        "<tr><td>c</td></tr><tr><td>d</td><td colspan=3>e</td></tr>"
        "<tr><td colspan=2>f</td></tr><tr><td>g</td><td rowspan=2>h</td><td>i</td></tr>"
        "<tr><td colspan=3>j</td></tr></table>"
    )
    path = "/html/body/table/tr"
    hand = [  # text, row, column, the XPath of the cell covering it (None: none), spanned
        [
            ("a", 1, 1, "[1]/td[1]", 0),
            ("b", 1, 2, "[1]/td[2]", 0),
            ("b", 1, 3, "[1]/td[2]", 1),
            ("", 1, 4, None, 1),
        ],
        [
            ("a", 2, 1, "[1]/td[1]", 1),
            ("c", 2, 2, "[2]/td", 0),
            ("", 2, 3, None, 1),
            ("", 2, 4, None, 1),
        ],
        [
            ("d", 3, 1, "[3]/td[1]", 0),
            ("e", 3, 2, "[3]/td[2]", 0),
            ("e", 3, 3, "[3]/td[2]", 1),
            ("e", 3, 4, "[3]/td[2]", 1),
        ],
        [
            ("f", 4, 1, "[4]/td", 0),
            ("f", 4, 2, "[4]/td", 1),
            ("", 4, 3, None, 1),
            ("", 4, 4, None, 1),
        ],
        [
            ("g", 5, 1, "[5]/td[1]", 0),
            ("h", 5, 2, "[5]/td[2]", 0),
            ("i", 5, 3, "[5]/td[3]", 0),
            ("", 5, 4, None, 1),
        ],
        [
            ("j", 6, 1, "[6]/td", 0),
            ("j", 6, 2, "[6]/td", 1),
            ("j", 6, 3, "[6]/td", 1),
            ("", 6, 4, None, 1),
        ],
    ]
    eager = tuple(
        tuple(
            Cell(t, Location(table=1, row=r, column=c, xpath=x and path + x), bool(s))
            for t, r, c, x, s in row
        )
        for row in hand
    )
    lazy = grid_rows(table)  # what the builder reads: texts, locations and spans
    assert lazy is not None and plain_rows(table) is None
    assert [list(texts) for texts, _, _ in lazy] == [[cell.text for cell in row] for row in eager]
    assert [list(at) for _, at, _ in lazy] == [[cell.location for cell in row] for row in eager]
    assert [at[1:3] for _, at, _ in lazy] == [(row[1].location, row[2].location) for row in eager]
    assert [spans and list(spans) for _, _, spans in lazy] == [
        [cell.spanned for cell in row] if any(cell.spanned for cell in row) else None
        for row in eager
    ]
    expected = Table(rows=eager, location=table.location, regular=True)
    assert (hash(table), repr(table)) == (hash(expected), repr(expected))
    assert table == expected and expected == table
    assert [[attrs.asdict(c) for c in row] for row in table.rows] == [
        [attrs.asdict(c) for c in row] for row in eager
    ]
    assert grid_rows(table) is None  # the cells are made: the texts are gone


def test_the_rows_of_a_lazy_grid_are_labelled_as_those_of_its_cells() -> None:
    for name in ("shanghai_gov_office_2019_fragment.html", "pingtan_2023_page.html"):
        tables = list(read((CORPUS / name).read_bytes()).tables())
        eager = [Table(rows=t.rows, location=t.location, regular=True) for t in tables]
        lazy = list(read((CORPUS / name).read_bytes()).tables())
        assert all(grid_rows(table) is not None for table in lazy)
        rows = label_rows(lazy)
        assert rows == label_rows(eager)
        assert sum(row.aligned for row in rows[0]) in (24, 26)  # table 三, placed by columns


def test_reading_a_page_leaves_no_cycle_for_the_collector() -> None:
    # the parsed page is freed when reading ends, not by a later garbage collection in
    # the middle of other work (a nested function calling itself held the link holders)
    data = (CORPUS / "pingtan_2021_page.html").read_bytes()
    govreport.load(data)
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        read(data)
        govreport.load(data)
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage]
    finally:
        gc.garbage.clear()
        gc.set_debug(0)
        gc.enable()
    assert left == []


def test_short_rows_are_padded_and_empty_rows_dropped() -> None:
    table = only_table(
        "<table><tr><td>a</td><td>b</td><td>c</td></tr>"
        "<tr height=0><td></td><td>&nbsp;</td></tr>"
        "<tr><td>d</td></tr></table>"
    )
    assert texts(table) == [["a", "b", "c"], ["d", "", ""]]
    assert table.rows[1][0].location.row == 3  # rows keep their numbers in the page


def test_rowspan_past_the_end_and_zero_spans() -> None:
    table = only_table(
        "<table><tr><td rowspan=9>a</td><td>b</td></tr>"
        "<tr><td>c</td></tr><tr><td colspan=0>d</td></tr></table>"
    )
    assert texts(table) == [["a", "b"], ["a", "c"], ["a", "d"]]
    zero = only_table("<table><tr><td rowspan=0>a</td><td>b</td></tr><tr><td>c</td></tr></table>")
    assert texts(zero) == [["a", "b"], ["a", "c"]]


def test_head_body_and_foot_rows_in_page_order_without_nested_tables_rows() -> None:
    table = only_table(
        "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>1</td></tr></tbody>"
        "<tfoot><tr><td>f</td></tr></tfoot></table>"
    )
    assert texts(table) == [["h"], ["1"], ["f"]]


def test_a_table_holding_a_table_is_layout_and_its_text_is_read() -> None:
    document = read(
        "<table><tr><td><p>一、总体情况</p>"
        "<table><tr><td>规章</td><td>1</td></tr></table></td></tr></table>"
    )
    assert [type(b).__name__ for b in document.blocks] == ["Paragraph", "Table"]
    (table,) = document.tables()
    assert texts(table) == [["规章", "1"]]
    assert table.location.table == 2  # the second <table> of the page


@pytest.mark.parametrize(
    "rows",
    [
        "<tr><td rowspan=65534 colspan=1000>x</td><td>y</td></tr>" + "<tr></tr>" * 400,
        # one wide row makes every row as wide once the grid is padded
        "<tr><td colspan=1000>x</td><td>y</td></tr>" + "<tr><td>1</td></tr>" * 400,
    ],
)
def test_hostile_spans_are_refused(rows: str) -> None:
    with pytest.raises(govreport.LimitExceededError, match="超过上限 table_cells="):
        read(f"<table>{rows}</table>")
    with (
        use_language("en"),
        pytest.raises(govreport.LimitExceededError, match="above the limit table_cells="),
    ):
        read(f"<table>{rows}</table>")


# --- text ---------------------------------------------------------------------------------


def _cell(markup: str) -> str:
    return cell_text(parse_html(f"<table><tr><td>{markup}</td></tr></table>").find(".//td"))


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>本年新<br/>制作数量</p>", "本年新\n制作数量"),
        ("<p>商业</p><p>企业</p>", "商业\n企业"),
        ("<p>&nbsp;</p>", ""),
        ("<p class=MsoNormal><span><o:p></o:p></span></p>", ""),
        ("<p><span>22</span><o:p>&nbsp;</o:p></p>", "22"),
        ("<span>社会公益\n组织</span>", "社会公益组织"),
        ("<span>IE\n9.0</span>", "IE 9.0"),
        ("\n <p> 12 </p>\n", "12"),  # one block in blank space: the block's text
        ("x<p>12</p>", "x\n12"),
        ("<p>12</p>件", "12\n件"),
        ("<p>1\x0b2</p>", "1 2"),  # Word's soft break: a source line break
        ("<p>3\x01\ufffe4\uffff</p>", "34"),  # other controls, non-characters
    ],
)
def test_cell_text(markup: str, text: str) -> None:
    assert _cell(markup) == text


def test_source_line_breaks_vanish_only_between_chinese_characters() -> None:
    assert clean_line("平潭综合\n  实验区") == "平潭综合实验区"
    assert clean_line("平潭 综合") == "平潭 综合"  # a typed space stays
    assert clean_line("2021\n年") == "2021 年"
    assert clean_line("\u3000\u3000一、总体情况\xa0") == "一、总体情况"


def test_line_breaks_in_a_paragraph_make_separate_paragraphs() -> None:
    document = read("<p>一、总体情况<br>本年度共收到申请3件。</p>")
    assert [b.text for b in document.blocks] == ["一、总体情况", "本年度共收到申请3件。"]
    assert all(b.location.xpath == "/html/body/p" for b in document.blocks)


def test_headings_are_headings_with_their_level() -> None:
    document = read("<h2>二、主动公开<br>政府信息情况</h2><p>正文</p>")
    heading = document.blocks[0]
    assert isinstance(heading, Heading)
    assert (heading.text, heading.level) == ("二、主动公开 政府信息情况", 2)
    assert isinstance(document.blocks[1], Paragraph)


# --- what is not read ---------------------------------------------------------------------


def test_scripts_styles_hidden_text_and_menus_are_not_read() -> None:
    document = read(
        "<html><head><style>p{}</style><script>var a='一、总体情况';</script></head><body>"
        "<nav><a href=/>首页</a></nav>"
        "<ul><li><a href=/a>政务公开</a></li><li><a href=/b>2020年度报告</a></li></ul>"
        "<div style='display: none'>隐藏</div><p hidden>也隐藏</p>"
        "<p>本报告电子版可在<a href=/x>门户网站</a>下载。</p>"
        "<footer>版权所有</footer></body></html>"
    )
    assert [b.text for b in document.blocks] == ["本报告电子版可在门户网站下载。"]


@pytest.mark.parametrize(
    "hiding",
    [
        '<p style="&#100;isplay: none">',  # a character reference spells the property
        '<p style="&#x56;ISIBILITY:hidden">',
        "<P HIDDEN>",
        '<p STYLE="Display:None">',
        '<span ARIA-HIDDEN="TRUE">',
        '<div ROLE="Navigation">',
        '<p style="dis\x01play:none">',  # the control goes before parsing
    ],
)
def test_hidden_in_any_spelling_is_not_read(hiding: str) -> None:
    # the reader looks at attributes only when the page's bytes spell a hiding word:
    # every spelling the parser reads as hiding must be seen as one
    tag = hiding[1:].split()[0].split(">")[0].lower()
    document = read(f"<p>可见</p>{hiding}隐藏</{tag}>")
    assert [b.text for b in document.blocks] == ["可见"]


def test_a_page_whose_bytes_spell_no_hiding_attribute_skips_the_look() -> None:
    from govreport.formats.html.reader import _attributes_may_hide

    data = (CORPUS / "shanghai_gov_office_2019_fragment.html").read_bytes()
    assert not _attributes_may_hide(data)  # Word's page: a style on every cell, none hiding
    assert _attributes_may_hide(data.replace(b"<td ", b'<td style="Visibility:Hidden" ', 1))


def test_a_page_above_the_elements_a_read_keeps_reads_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from govreport.formats.html import reader as html

    data = (CORPUS / "pingtan_2023_page.html").read_bytes()  # 1,100 elements, 5 hidden
    kept = read(data)
    monkeypatch.setattr(html, "_KEPT_ELEMENTS", 1000)
    assert read(data) == kept
    assert len(list(kept.tables())) == 3


def test_text_after_a_removed_element_stays() -> None:
    document = read("<p>一、<script>x()</script>总体情况</p>")
    assert [b.text for b in document.blocks] == ["一、总体情况"]


# --- the title ----------------------------------------------------------------------------


def test_title_without_the_site_name_and_what_precedes_it_dropped() -> None:
    document = read(
        "<html><head><title>某区2023年政府信息公开工作年度报告_年报_某区人民政府网</title>"
        "<meta name=SiteName content='某区人民政府网'></head><body>"
        "<div class=top>无障碍 适老版</div>"
        "<div class=title>某区2023年政府信息公开工作年度报告</div>"
        "<p>一、总体情况</p></body></html>"
    )
    assert document.title == "某区2023年政府信息公开工作年度报告"
    assert [type(b).__name__ for b in document.blocks] == ["Heading", "Paragraph"]


def test_title_found_under_wrappers_whose_text_is_sliced_from_their_parents() -> None:
    # the main block and the box are last children with tails: their text is their
    # parent's between the text before them and the tail; the crumb holds the title
    # among other words, the box nothing else
    document = read(
        "<html><head><title>某区2023年政府信息公开工作年度报告_某区政府</title></head><body>"
        "<div class=page> <div class=nav>首页</div>\n <div class=main>"
        "<div class=crumb>某区2023年政府信息公开工作年度报告 正文</div> "
        "<div class=box><div class=t> 某区2023年政府信息公开工作年度报告 </div></div> 打印 "
        "</div>\n</div><p>一、总体情况</p></body></html>"
    )
    heading, *rest = document.blocks
    assert isinstance(heading, Heading)
    assert heading.location.xpath == "/html/body/div/div[2]/div[2]/div"
    assert [b.text for b in rest] == ["打印", "一、总体情况"]


def test_declared_title_shown_nowhere_is_put_first() -> None:
    document = read(
        "<html><head><title>某区2023年政府信息公开工作年度报告 - 某区政府</title></head>"
        "<body><p>根据《条例》编制本报告。</p></body></html>"
    )
    first = document.blocks[0]
    assert isinstance(first, Heading)
    assert first.text == "某区2023年政府信息公开工作年度报告"
    assert first.location.xpath == "/html/head/title"


def test_article_title_meta_wins_over_the_title_element() -> None:
    document = read(
        "<html><head><title>首页</title>"
        "<meta name=ArticleTitle content='某县2022年政府信息公开工作年度报告'></head>"
        "<body><h1>某县2022年政府信息公开工作年度报告</h1></body></html>"
    )
    assert document.title == "某县2022年政府信息公开工作年度报告"
    assert isinstance(document.blocks[0], Heading)


def test_fragment_without_title_keeps_every_block() -> None:
    document = read((CORPUS / "shanghai_gov_office_2019_fragment.html").read_bytes())
    assert document.title is None
    assert document.blocks[0].text == "2019年上海市人民政府办公厅政府信息公开工作年度报告"  # type: ignore[union-attr]


# --- bytes, sniffing and limits -------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "is_html"),
    [
        (b"<!DOCTYPE html><html>", True),
        (b"\xef\xbb\xbf  <html lang=zh>", True),
        (b"<!-- saved --><p style='a'>x</p>", True),
        (b"<p>", True),
        (b"<?xml version='1.0'?>\n<!DOCTYPE html PUBLIC ''>", True),
        (b"# title\n| a | b |", False),
        ("一、总体情况\t1\t2".encode(), False),
        (b"%PDF-1.7", False),
        (b"<p\x00", False),
    ],
)
def test_sniff(head: bytes, is_html: bool) -> None:
    assert HtmlFormat().sniff(head) is is_html


def test_declared_gbk_page_is_decoded() -> None:
    page = "<meta charset='gb2312'><p>政府信息公开</p>".encode("gbk")
    assert [b.text for b in read(page).blocks] == ["政府信息公开"]


def test_utf8_bytes_under_an_old_gb2312_label_stay_utf8() -> None:
    page = "<meta http-equiv=Content-Type content='text/html; charset=gb2312'><p>政府信息公开</p>"
    assert [b.text for b in read(page.encode("utf-8")).blocks] == ["政府信息公开"]


def test_external_entities_and_dtds_are_not_loaded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    document = read(
        f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]><html><body><p>a&x;b</p></body></html>'
    )
    shown = " ".join(b.text for b in document.blocks if not isinstance(b, Table))
    assert "TOP-SECRET" not in shown


def test_input_past_the_parser_limits_is_refused_not_cut() -> None:
    with pytest.raises(govreport.ParseError, match="HTML 无法完整读取"):
        read("<div>" * 5000 + "规章" + "</div>" * 5000)
    with use_language("en"), pytest.raises(govreport.ParseError, match="cannot be read whole"):
        read("<div>" * 5000 + "规章" + "</div>" * 5000)


def test_oversized_page_is_refused() -> None:
    options = govreport.BuildOptions(limits=govreport.Limits(html_bytes=100))
    with (
        use_language("en"),
        pytest.raises(govreport.InputTooLargeError, match="above the limit html_bytes=100"),
    ):
        govreport.load(("<p>" + "x" * 200 + "</p>").encode(), format="html", options=options)


def test_html_loads_by_content_without_a_name() -> None:
    data = (CORPUS / "shanghai_gov_office_2019_fragment.html").read_bytes()
    report = govreport.load(data)
    assert report.metadata.format == "html"
    assert report.cells()["t3.total.total"] == 805


def test_parse_errors_are_ours() -> None:
    with pytest.raises(govreport.ParseError):
        parse_html("")
    assert isinstance(parse_html("<p>x</p>"), etree._Element)


# --- start-up -----------------------------------------------------------------------------


def test_reading_text_or_sniffing_html_loads_no_lxml() -> None:
    """The HTML format is imported to sniff every input; lxml only when a page is parsed."""
    sample = Path(govreport.__file__).parent / "data" / "sample_laocheng_2024.txt"
    script = (
        "import sys, govreport\n"
        "from govreport.formats.html import HtmlFormat\n"
        f"govreport.load({str(sample)!r})\n"
        "sniffed = HtmlFormat().sniff(b'<!DOCTYPE html><html><body><p>x</p>')\n"
        "before = 'lxml' in sys.modules\n"
        "govreport.read_document(b'<html><body><p>x</p></body></html>', format='html')\n"
        "print(sniffed, before, 'lxml' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout.split()
    assert out == ["True", "False", "True"]


def test_the_readers_functions_are_still_reached_from_the_plugins_module() -> None:
    # code written when the plugin and the reader were one module keeps working
    from govreport.formats import html as plugin
    from govreport.formats.html import reader

    assert plugin.parse_html is reader.parse_html
    assert plugin.read_tree is reader.read_tree
    with pytest.raises(AttributeError, match="'_KEPT_ELEMENTS'"):
        plugin._KEPT_ELEMENTS  # noqa: B018 (private names stay the reader's)
    with pytest.raises(AttributeError, match="'nothing'"):
        plugin.nothing  # noqa: B018
