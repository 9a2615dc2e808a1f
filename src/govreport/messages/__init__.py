"""Every user-facing message in Chinese and English, looked up by a stable message ID.

Messages live in the modules of this package, one per area (``cli``, ``errors``,
``findings``, ``html``...), each a ``MESSAGES`` mapping of ID to :class:`Text`. The
language is, in order: the ``lang`` argument, the one set by :func:`use_language`
(the command line's ``--lang``), ``GOVREPORT_LANG``, the locale (``LANGUAGE``,
``LC_ALL``, ``LC_MESSAGES``, ``LANG``), and Chinese when none of them says.

>>> from govreport.messages import message
>>> message("value.blank", lang="en")
'blank'
>>> message("cli.summary", lang="zh", errors=2, others=1)
'2 项错误，1 项其他发现'
"""

from __future__ import annotations

import contextlib
import os
import string
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any

import attrs

from govreport.messages import (
    analysis,
    argparse_texts,
    cli,
    common,
    errors,
    findings,
    html,
    limits,
    reading,
    reading_errors,
    writing,
)
from govreport.messages.text import Language, Text

#: The languages every message has.
LANGUAGES: tuple[Language, ...] = ("zh", "en")
#: The environment variable that chooses the language when ``--lang`` does not.
LANG_ENV = "GOVREPORT_LANG"
#: The language when neither an argument, GOVREPORT_LANG nor the locale chooses one:
#: the reports are Chinese, and so is whoever reads them at a C/POSIX terminal.
DEFAULT_LANGUAGE: Language = "zh"

# The areas whose messages make up the catalogue, each a module of this package.
_PARTS: dict[str, Mapping[str, Text]] = {
    "analysis": analysis.MESSAGES,
    "argparse": argparse_texts.MESSAGES,
    "cli": cli.MESSAGES,
    "common": common.MESSAGES,
    "errors": errors.MESSAGES,
    "findings": findings.MESSAGES,
    "html": html.MESSAGES,
    "limits": limits.MESSAGES,
    "reading": reading.MESSAGES,
    "reading_errors": reading_errors.MESSAGES,
    "writing": writing.MESSAGES,
}


def _load_catalogue() -> dict[str, Text]:
    catalogue: dict[str, Text] = {}
    for part, messages in _PARTS.items():
        for key, text in messages.items():
            if key in catalogue:
                raise RuntimeError(f"message ID {key!r} is defined twice (again in {part})")
            catalogue[key] = text
    return catalogue


#: Every message, by ID (govreport's, then those plugins add with :func:`register_messages`).
_catalogue = _load_catalogue()
CATALOGUE: Mapping[str, Text] = _catalogue
#: The parts of the catalogue: govreport's areas and each plugin's, by name.
PARTS: dict[str, Mapping[str, Text]] = dict(_PARTS)


def register_messages(part: str, messages: Mapping[str, Text]) -> None:
    """Add a plugin's messages to the catalogue, so that :func:`message` gives them in
    the run's language (docs/plugins.md, "Messages in both languages").

    ``part`` names the plugin (its distribution, ``"govreport-docx"``); each ID should
    start with the plugin's own prefix (``"docx."``). Registering the same part again
    with the same texts does nothing (a module imported twice); an ID another part
    already has, a text with an empty language or with different ``{fields}`` in its
    two languages is a ValueError, raised when the plugin is imported.
    """
    for key, text in messages.items():
        if not isinstance(text, Text) or not text.zh.strip() or not text.en.strip():
            raise ValueError(f"message {key!r} of {part} needs a Text with zh and en")
        if placeholders(text.zh) != placeholders(text.en):
            raise ValueError(f"message {key!r} of {part} has different fields in zh and en")
        owner = next((name for name, known in PARTS.items() if key in known), None)
        if owner is not None and (owner != part or PARTS[owner][key] != text):
            raise ValueError(f"message ID {key!r} of {part} is already defined by {owner}")
    PARTS[part] = {**PARTS.get(part, {}), **messages}
    _catalogue.update(messages)


_chosen: ContextVar[Language | None] = ContextVar("govreport_language", default=None)


def _from_locale_name(name: str) -> Language | None:
    """``zh_CN.UTF-8`` -> zh, ``en_GB`` -> en, another language -> en (the one of the
    two a non-Chinese reader more likely reads), ``C``/``POSIX`` -> None (undecided)."""
    base = name.split(".")[0].split("@")[0].lower()
    if not base or base in ("c", "posix"):
        return None
    return "zh" if base.startswith("zh") else "en"


def parse_language(name: str) -> Language:
    """``zh``, ``en`` or a locale name such as ``zh_CN.UTF-8``; ValueError otherwise."""
    lang = _from_locale_name(name.strip())
    if lang is None or not name.strip().lower().startswith(lang):
        raise ValueError(f"unknown language {name!r}: use one of {', '.join(LANGUAGES)}")
    return lang


def current_language() -> Language:
    """The language messages are given in now (see the module's docstring for the order)."""
    chosen = _chosen.get()
    if chosen is not None:
        return chosen
    environ = os.environ
    setting = (
        environ.get(LANG_ENV, ""),
        environ.get("LANGUAGE", ""),
        environ.get("LC_ALL", ""),
        environ.get("LC_MESSAGES", ""),
        environ.get("LANG", ""),
    )
    if any(setting):
        try:
            by_environment = _by_environment[setting]
        except KeyError:
            by_environment = _by_environment[setting] = _environment_language(*setting)
        if by_environment is not None:
            return by_environment
    # Windows keeps its language outside the environment; the answer is kept per
    # locale name, the string locale.getlocale() reads it from. (Imported here: where
    # the environment says, as it does on Linux and macOS, locale is never needed.)
    import locale

    name = locale.setlocale(locale.LC_CTYPE)
    lang = _by_locale.get(name)
    if lang is None:
        found = locale.getlocale()[0]
        lang = (_from_locale_name(found) if found else None) or DEFAULT_LANGUAGE
        _by_locale[name] = lang
    return lang


#: The language of each setting of the environment seen (None: the locale decides), so
#: that a message costs a dictionary lookup, not a parse; a changed variable is a new key.
_by_environment: dict[tuple[str, ...], Language | None] = {}
_by_locale: dict[str, Language] = {}


def _environment_language(
    chosen: str, language: str, lc_all: str, lc_messages: str, lang: str
) -> Language | None:
    """The language GOVREPORT_LANG or the locale variables give (None when none is set)."""
    env = chosen.strip()
    if env:
        with contextlib.suppress(ValueError):
            return parse_language(env)
    for value in (language, lc_all, lc_messages, lang):
        if value:
            # LANGUAGE is a list such as "zh_CN:en"; the first entry is the user's choice.
            return _from_locale_name(value.split(":")[0]) or DEFAULT_LANGUAGE
    return None


@contextlib.contextmanager
def use_language(lang: Language | None) -> Iterator[None]:
    """Give messages in ``lang`` inside the block (None: leave the choice as it is)."""
    token = _chosen.set(lang if lang is not None else _chosen.get())
    try:
        yield
    finally:
        _chosen.reset(token)


class _Fields(string.Formatter):
    """Fills ``{name}`` fields, writing a blank value (None) as 「空白」/"blank"."""

    def __init__(self, lang: Language) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if value is None:
            return CATALOGUE["value.blank"].get(self.lang)
        if isinstance(value, Message):  # a message inside a message: the same language
            return format(value.text(self.lang), format_spec)
        return format(value, format_spec)


def message(key: str, /, lang: Language | None = None, **fields: object) -> str:
    """The message ``key`` in ``lang`` (default: :func:`current_language`), its fields filled.

    A field whose value is None (a blank cell) reads 「空白」 or "blank", never "None".
    """
    lang = lang or current_language()
    template = CATALOGUE[key].get(lang)
    if not fields:
        return _Fields(lang).format(template) if "{" in template or "}" in template else template
    if _plain(template):
        # Only {name} fields: str.format fills them as _Fields would once the blank
        # values and inner messages are worded.
        return template.format_map(
            {
                name: (
                    CATALOGUE["value.blank"].get(lang)
                    if value is None
                    else value.text(lang)
                    if isinstance(value, Message)
                    else value
                )
                for name, value in fields.items()
            }
        )
    text: str = _Fields(lang).format(template, **fields)
    return text


_plain_templates: dict[str, bool] = {}


def _plain(template: str) -> bool:
    """Whether ``template``'s fields are all bare names (no format spec, conversion,
    attribute or index)."""
    plain = _plain_templates.get(template)
    if plain is None:
        try:
            plain = all(
                name is None or (name.isidentifier() and not spec and not conversion)
                for _, name, spec, conversion in string.Formatter().parse(template)
            )
        except ValueError:  # a broken template: the slow path raises as before
            plain = False
        _plain_templates[template] = plain
    return plain


def _frozen_fields(
    fields: Mapping[str, object] | Iterable[tuple[str, object]],
) -> tuple[tuple[str, object], ...]:
    return tuple(sorted(fields.items() if isinstance(fields, Mapping) else fields))


@attrs.frozen
class Message:
    """A message ID and its fields, put into words only when shown: kept where the text
    outlives the language it was made in (the plugin registry's cached load problems),
    so that it reads in the language of whoever looks at it.

    >>> problem = Message("plugin.problem.name")
    >>> problem.text("en")
    'its name must be a non-empty lower-case string'
    >>> problem.text("zh")
    '插件名称必须是非空的小写字符串'
    """

    key: str
    fields: tuple[tuple[str, object], ...] = attrs.field(default=(), converter=_frozen_fields)

    @classmethod
    def of(cls, key: str, /, **fields: object) -> Message:
        """``Message.of("plugin.problem.missing", attribute="'read'")``."""
        return cls(key, fields)

    def text(self, lang: Language | None = None) -> str:
        """The message in ``lang`` (default: :func:`current_language`)."""
        return message(self.key, lang, **dict(self.fields))

    def __str__(self) -> str:
        return self.text()

    def to_dict(self) -> dict[str, Any]:
        """The ID and fields, for JSON (fields that are not JSON values become text)."""
        return {
            "id": self.key,
            "fields": {
                k: v if isinstance(v, (str, int, float, bool)) or v is None else str(v)
                for k, v in self.fields
            },
        }


def placeholders(template: str) -> frozenset[str]:
    """The ``{name}`` fields a message template uses (the test compares the two languages)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


__all__ = [
    "CATALOGUE",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANG_ENV",
    "PARTS",
    "Language",
    "Message",
    "Text",
    "current_language",
    "message",
    "parse_language",
    "placeholders",
    "register_messages",
    "use_language",
]
