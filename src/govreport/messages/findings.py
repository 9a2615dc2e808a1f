"""The messages of findings: the rules of validate.py and what reading found (one ID per rule)."""

from __future__ import annotations

from govreport.messages.text import Text

MESSAGES: dict[str, Text] = {}
