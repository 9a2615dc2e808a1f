"""Messages shared by every area: how a value reads when the report leaves it blank."""

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
    "where.lines": Text(zh="第 {lines} 行", en="line {lines}"),
}
