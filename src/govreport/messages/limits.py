"""The refusals of :mod:`govreport.limits`: what went past which budget, and how to raise it.

``limit.exceeded`` wraps one of the ``limit.what.*`` phrases; the limit's name
(``pages=200``) and the ``Limits(...)`` hint read the same in both languages, since
they are what the caller types.
"""

from __future__ import annotations

from govreport.messages.text import Text

MESSAGES = {
    "limit.exceeded": Text(
        zh="{what}，超过上限 {limit}={allowed}；如需读取，请提高上限："
        "govreport.load(..., options=BuildOptions(limits=Limits({limit}=...)))",
        en="{what}, above the limit {limit}={allowed}; to read it, raise the limit: "
        "govreport.load(..., options=BuildOptions(limits=Limits({limit}=...)))",
    ),
    "limit.what.seconds": Text(zh="读取用时 {value} 秒", en="reading took {value} s"),
    "limit.what.bytes": Text(zh="输入有 {value} 字节", en="the input is {value} bytes"),
    "limit.what.html_bytes": Text(
        zh="HTML 页面有 {value} 字节", en="the HTML page is {value} bytes"
    ),
    "limit.what.pages": Text(zh="PDF 至少有 {value} 页", en="the PDF has at least {value} pages"),
    "limit.what.glyphs_per_page": Text(
        zh="一页至少绘制 {value} 个字形", en="a page draws at least {value} glyphs"
    ),
    "limit.what.table_cells": Text(
        zh="一个表格展开后有 {value} 个单元格", en="a table spans {value} cells"
    ),
    "limit.what.nesting": Text(zh="表格嵌套 {value} 层", en="tables are nested {value} deep"),
    "limit.what.stream_bytes": Text(
        zh="一个压缩流解压后超过 {value} 字节",
        en="a compressed stream inflates to more than {value} bytes",
    ),
    "limit.what.decompressed_bytes": Text(
        zh="各流解压后合计超过 {value} 字节",
        en="the streams inflate to more than {value} bytes",
    ),
}
