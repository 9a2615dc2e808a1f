"""The command line's own words: summaries, progress, --help."""

from __future__ import annotations

from govreport.messages.text import Text

MESSAGES = {
    "cli.summary": Text(
        zh="{errors} 项错误，{others} 项其他发现", en="{errors} error(s), {others} other finding(s)"
    ),
}
