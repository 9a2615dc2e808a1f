"""The chrome of the HTML validation page (report_html.py): headings, legends, labels."""

from __future__ import annotations

from govreport.messages.text import Text

MESSAGES: dict[str, Text] = {}
