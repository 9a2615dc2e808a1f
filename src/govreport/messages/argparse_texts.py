"""argparse's own sentences (``the following arguments are required: …``, ``invalid
choice: …``) in both languages, and :func:`argparse_in_language` that makes argparse use
them.

argparse words its errors with ``_()``/``ngettext()`` looked up in its own module (the
gettext hook it offers translators), so the command line swaps those two names for the
catalogue's while it builds and parses its arguments. The English side of each message
is argparse's text exactly, so ``--lang en`` reads as argparse always did; a text a
later Python words differently is left as argparse gives it. The ``%(name)s`` and ``%s``
fields are argparse's, filled by argparse.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from govreport.messages.text import Text

MESSAGES = {
    "argparse.argument": Text(
        zh="参数 %(argument_name)s：%(message)s", en="argument %(argument_name)s: %(message)s"
    ),
    "argparse.unrecognized": Text(zh="无法识别的参数：%s", en="unrecognized arguments: %s"),
    "argparse.required": Text(
        zh="缺少必需的参数：%s", en="the following arguments are required: %s"
    ),
    "argparse.one_required": Text(
        zh="必须给出参数 %s 之一", en="one of the arguments %s is required"
    ),
    "argparse.not_allowed": Text(zh="不能与参数 %s 同时使用", en="not allowed with argument %s"),
    "argparse.ignored_explicit": Text(
        zh="忽略了明确给出的参数值 %r", en="ignored explicit argument %r"
    ),
    "argparse.expected_one": Text(zh="需要一个值", en="expected one argument"),
    "argparse.expected_at_most_one": Text(zh="最多需要一个值", en="expected at most one argument"),
    "argparse.expected_at_least_one": Text(
        zh="至少需要一个值", en="expected at least one argument"
    ),
    "argparse.expected_n.one": Text(zh="需要 %s 个值", en="expected %s argument"),
    "argparse.expected_n.many": Text(zh="需要 %s 个值", en="expected %s arguments"),
    "argparse.ambiguous": Text(
        zh="选项 %(option)s 有歧义，可能是 %(matches)s",
        en="ambiguous option: %(option)s could match %(matches)s",
    ),
    "argparse.invalid_type": Text(
        zh="无效的 %(type)s 值：%(value)r", en="invalid %(type)s value: %(value)r"
    ),
    "argparse.invalid_choice": Text(
        zh="无效的选择：%(value)r（可选：%(choices)s）",
        en="invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "argparse.cannot_open": Text(
        zh="无法打开 '%(filename)s'：%(error)s", en="can't open '%(filename)s': %(error)s"
    ),
    "argparse.unknown_parser": Text(
        zh="未知的命令 %(parser_name)r（可选：%(choices)s）",
        en="unknown parser %(parser_name)r (choices: %(choices)s)",
    ),
    "argparse.unexpected_option": Text(
        zh="意外的选项字符串：%s", en="unexpected option string: %s"
    ),
    "argparse.positionals": Text(zh="位置参数", en="positional arguments"),
    "argparse.help": Text(zh="显示本帮助并退出", en="show this help message and exit"),
    "argparse.version": Text(zh="显示程序版本并退出", en="show program's version number and exit"),
}

#: argparse's text (its gettext message ID) -> the catalogue's message ID; "usage: " and
#: "options" are the command line's own words already
BY_ARGPARSE_TEXT = {
    **{text.en: key for key, text in MESSAGES.items()},
    "usage: ": "cli.usage",
    "options": "cli.options",
}
# ngettext's plural form has its own ID
_PLURALS = {"expected %s argument": ("argparse.expected_n.one", "argparse.expected_n.many")}


def _gettext(text: str) -> str:
    from govreport.messages import message

    key = BY_ARGPARSE_TEXT.get(text)
    # no fields of ours: the message is a template argparse fills with %
    return text if key is None else message(key)


def _ngettext(singular: str, plural: str, n: int) -> str:
    from govreport.messages import message

    keys = _PLURALS.get(singular)
    if keys is None:
        return singular if n == 1 else plural
    return message(keys[0] if n == 1 else keys[1])


@contextlib.contextmanager
def argparse_in_language() -> Iterator[None]:
    """argparse's sentences in the current language inside the block (building a parser,
    parsing, printing help). It swaps names in the argparse module, so it is for a
    program's main thread (the command line), not for a library running in threads."""
    import argparse  # not at import time: the library does not need it

    saved = argparse.__dict__["_"], argparse.__dict__["ngettext"]
    setattr(argparse, "_", _gettext)  # noqa: B010 - a name mypy's stubs do not declare
    setattr(argparse, "ngettext", _ngettext)  # noqa: B010
    try:
        yield
    finally:
        setattr(argparse, "_", saved[0])  # noqa: B010
        setattr(argparse, "ngettext", saved[1])  # noqa: B010


__all__ = ["BY_ARGPARSE_TEXT", "MESSAGES", "argparse_in_language"]
