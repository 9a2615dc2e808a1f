"""Errors a user can cause, as the command line states them (one line each)."""

from __future__ import annotations

from govreport.messages.text import Text

MESSAGES = {
    "error.not_found": Text(zh="没有这个文件或文件夹：{path}", en="no such file or folder: {path}"),
    "error.is_folder": Text(
        zh="{path} 是文件夹；读取文件夹中的报告请用 govreport batch {path} -o OUT.csv",
        en="{path} is a folder; to read the reports in it use: govreport batch {path} -o OUT.csv",
    ),
}
