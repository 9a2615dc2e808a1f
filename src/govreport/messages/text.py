"""One message in both languages (its own module so the catalogue's parts can import it)."""

from __future__ import annotations

from typing import Literal

import attrs

Language = Literal["zh", "en"]


@attrs.frozen
class Text:
    """One message in both languages; ``{name}`` fields are filled by ``message()``."""

    zh: str
    en: str

    def get(self, lang: Language) -> str:
        return self.zh if lang == "zh" else self.en
