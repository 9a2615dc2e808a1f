"""Messages shared by every area: how a value reads when the report leaves it blank."""

from __future__ import annotations

from govreport.messages.text import Text

MESSAGES = {
    "value.blank": Text(zh="空白", en="blank"),
}
