"""WordprocessingML names and small helpers for reading attributes off lxml elements."""

from __future__ import annotations

from typing import Any

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
#: Clark-notation prefix: ``W + "p"`` is the ``w:p`` tag.
W = "{" + WORD_NS + "}"
MC = "{" + MC_NS + "}"


def attr_str(element: Any, name: str, default: str) -> str:
    value = element.get(W + name)
    return value if isinstance(value, str) else default


def attr_int(element: Any, name: str, default: int) -> int:
    value = element.get(W + name)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def local(element: Any) -> str:
    """The tag without its namespace (``"p"`` for ``w:p``); ``""`` for comments and the like."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def is_word(element: Any, name: str) -> bool:
    return bool(element.tag == W + name)


__all__ = ["MC", "MC_NS", "WORD_NS", "W", "attr_int", "attr_str", "is_word", "local"]
