"""Messages shared by every area: how a value reads when the report leaves it blank, and
where something stands (a finding's labels, a location's page, line, table, row, column)."""

from __future__ import annotations

from govreport.messages.text import Text

MESSAGES = {
    "value.blank": Text(zh="空白", en="blank"),
    # where a finding stands (govreport.where): printed labels first, then page or line
    "where.cell": Text(
        zh="{table}「{row}」行「{column}」列", en="{table} row 「{row}」, column 「{column}」"
    ),
    "where.row": Text(zh="{table}「{row}」行", en="{table} row 「{row}」"),
    "where.block": Text(zh="{table}「{row}」栏", en="{table} 「{row}」"),
    "where.column": Text(zh="{table}「{column}」列", en="{table} column 「{column}」"),
    "where.cells": Text(zh="{table}中 {count} 个单元格", en="{table}, {count} cells"),
    "where.pages": Text(zh="第 {pages} 页", en="page {pages}"),
    "where.pages.many": Text(zh="第 {pages} 页", en="pages {pages}"),
    "where.lines": Text(zh="第 {lines} 行", en="line {lines}"),
    "where.lines.many": Text(zh="第 {lines} 行", en="lines {lines}"),
    # between the parts of a place, and between the items of a list of numbers
    "where.separator": Text(zh="，", en=", "),
    "where.list": Text(zh="、", en=", "),
    # a Location (document.py) as words: the document's own counters, no XPath
    "location.page": Text(zh="第 {page} 页", en="page {page}"),
    "location.page_of": Text(zh="{name} 第 {page} 页", en="page {page} of {name}"),
    "location.line": Text(zh="第 {line} 行", en="line {line}"),
    "location.table": Text(zh="第 {table} 个表格", en="table {table}"),
    "location.row": Text(zh="第 {row} 行", en="row {row}"),
    "location.column": Text(zh="第 {column} 列", en="column {column}"),
    "location.byte": Text(zh="第 {offset} 字节", en="byte {offset}"),
    "location.unknown": Text(zh="位置不明", en="unknown location"),
    # an error and where reading stopped
    "error.where": Text(zh="{message}（{where}）", en="{message} ({where})"),
}
