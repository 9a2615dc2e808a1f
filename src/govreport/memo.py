"""Caches of what recurs from report to report, that keep no document's long texts.

The builder and the readers remember what they worked out about texts that every report
prints (labels, header rows, numbers, section headings), by the text. Such a cache
holds a bounded number of entries, but an entry holds its text: a hostile document's
megabyte-long cells would be kept until enough other texts push them out, and a batch
of such documents would keep megabytes each. So every cache keyed by a document's text
is made here (:func:`remembered`) or registered here (:func:`keeps`); a key longer than
:data:`MAX_KEY_CHARS`, noted when it is first worked out (:func:`note`), has every such
cache emptied when the load that met it ends (:func:`forget_long_keys`). The texts of
real reports are far shorter: their caches stay warm from load to load, at no cost to a
lookup (the length is looked at only when a key is first worked out).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

#: The longest key (its texts' characters together) whose cached answer outlives the
#: load that met it. Template labels run to some 40 characters, header rows to a few
#: hundred.
MAX_KEY_CHARS = 2000

_clears: list[Callable[[], None]] = []
#: whether a key longer than MAX_KEY_CHARS was cached since the caches were last emptied
_long_key = False


def chars(key: Any) -> int:
    """The characters of a key: of a text, or of the texts of a tuple (other parts, such
    as a table name or a flag, count for nothing)."""
    if isinstance(key, str):
        return len(key)
    if isinstance(key, tuple):
        return sum(len(part) for part in key if isinstance(part, str))
    return 0


def note(*key: Any) -> None:
    """Note the parts of a key being cached (called where it is first worked out)."""
    note_count(sum(map(chars, key)))


def note_count(count: int) -> None:
    """Note a key of ``count`` characters, or of ``count`` parts that are no texts (a
    row's kinds of cells)."""
    global _long_key
    if count > MAX_KEY_CHARS:
        _long_key = True


def keeps(clear: Callable[[], None]) -> None:
    """Register the ``clear`` of a cache keyed by texts (a dict's, an lru_cache's)."""
    _clears.append(clear)


def remembered(maxsize: int) -> Callable[[Callable[..., T]], functools._lru_cache_wrapper[T]]:
    """``functools.lru_cache(maxsize)``, with the key noted when it is worked out and
    the cache registered (:func:`keeps`): a hit costs what an lru_cache hit costs."""

    def wrap(function: Callable[..., T]) -> functools._lru_cache_wrapper[T]:
        @functools.wraps(function)
        def worked_out(*args: Any, **kwargs: Any) -> T:
            note(*args)
            return function(*args, **kwargs)

        cached = functools.lru_cache(maxsize=maxsize)(worked_out)
        keeps(cached.cache_clear)
        return cached

    return wrap


def forget_long_keys() -> None:
    """Empty every registered cache if one of them was given a long key since the last
    time (called when a load ends); otherwise nothing."""
    global _long_key
    if _long_key:
        _long_key = False
        for clear in _clears:
            clear()
