"""The message catalogue: both languages for every ID, and how the language is chosen."""

from __future__ import annotations

import importlib
import importlib.util
import re

import pytest

from govreport.messages import (
    CATALOGUE,
    LANG_ENV,
    PARTS,
    Language,
    Message,
    Text,
    current_language,
    message,
    parse_language,
    placeholders,
    register_messages,
    use_language,
)

_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

# The plugins' catalogue parts, checked with govreport's own (CI installs both plugins).
PLUGIN_PARTS = {
    "govreport-docx": "govreport_docx.messages",
    "govreport-ocr": "govreport_ocr.messages",
}
for _module in PLUGIN_PARTS.values():
    if importlib.util.find_spec(_module.split(".")[0]) is not None:
        importlib.import_module(_module)


def test_the_plugins_parts_are_in_the_catalogue() -> None:
    for part, module in PLUGIN_PARTS.items():
        if importlib.util.find_spec(module.split(".")[0]) is None:
            continue  # not installed here
        messages = importlib.import_module(module).MESSAGES
        assert PARTS[part] == messages
        assert all(CATALOGUE[key] == text for key, text in messages.items())


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_has_both_languages(key: str) -> None:
    text = CATALOGUE[key]
    assert text.zh.strip() and text.en.strip()
    # the same fields in both, so a caller filling one language fills the other
    assert placeholders(text.zh) == placeholders(text.en)
    # argparse's own %-fields too (messages/argparse_texts.py)
    assert sorted(re.findall(r"%(?:\([a-z_]+\))?[sr]", text.zh)) == sorted(
        re.findall(r"%(?:\([a-z_]+\))?[sr]", text.en)
    )
    # the Chinese side is Chinese, not a copy of the English (some are only punctuation
    # around fields: 「{source}：{agency}」)
    words = re.sub(r"\{[^}]*\}", "", text.zh)
    if re.search(r"[A-Za-z]{4,}", words):
        assert re.search(r"[\u4e00-\u9fff]", words), text.zh


def test_blank_is_a_word_not_none() -> None:
    assert message("cli.summary", lang="zh", errors=None, others=0) == "空白 项错误，0 项其他发现"
    assert (
        message("cli.summary", lang="en", errors=None, others=0)
        == "blank error(s), 0 other finding(s)"
    )


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for variable in (LANG_ENV, *_LOCALE_VARIABLES):
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def test_language_order(no_locale: pytest.MonkeyPatch) -> None:
    no_locale.setenv("LANG", "en_US.UTF-8")
    assert current_language() == "en"
    no_locale.setenv("LC_ALL", "zh_CN.UTF-8")  # LC_ALL outranks LANG
    assert current_language() == "zh"
    no_locale.setenv("LANGUAGE", "en_GB:zh_CN")  # LANGUAGE's first entry outranks both
    assert current_language() == "en"
    no_locale.setenv(LANG_ENV, "zh")  # GOVREPORT_LANG outranks the locale
    assert current_language() == "zh"
    with use_language("en"):  # --lang outranks everything but an explicit lang=
        assert current_language() == "en"
        assert message("value.blank") == "blank"
        assert message("value.blank", lang="zh") == "空白"
    assert current_language() == "zh"


@pytest.mark.parametrize(
    ("lang", "expected"), [("C.UTF-8", "zh"), ("POSIX", "zh"), ("fr_FR.UTF-8", "en")]
)
def test_locale_without_a_choice(no_locale: pytest.MonkeyPatch, lang: str, expected: str) -> None:
    no_locale.setenv("LANG", lang)
    assert current_language() == expected


def test_unknown_language_is_refused() -> None:
    assert parse_language("zh_TW") == "zh"
    assert parse_language("EN") == "en"
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        parse_language("fr")


def test_argparse_texts_are_argparses_own_in_english() -> None:
    # the English side is argparse's gettext message ID, so --lang en reads as argparse
    import argparse
    import inspect

    from govreport.messages.argparse_texts import BY_ARGPARSE_TEXT

    source = inspect.getsource(argparse)
    for text, key in BY_ARGPARSE_TEXT.items():
        assert CATALOGUE[key].en == text
        assert text in source, text


def test_a_message_kept_for_later_reads_in_the_language_asked() -> None:
    kept = Message.of("plugin.problem.missing", attribute="'read'")
    assert kept.text("en") == "it has no 'read'"
    assert kept.text("zh") == "它没有 'read'"
    with use_language("en"):
        assert str(kept) == "it has no 'read'"
        # inside another message it takes that message's language
        assert message(
            "plugin.skipped", lang="zh", name="'x'", entry_point="m:X", problem=kept
        ) == ("govreport 格式插件 'x'（m:X）已跳过：它没有 'read'")
    assert Message("plugin.problem.name", kept.fields) == Message(
        "plugin.problem.name", {"attribute": "'read'"}
    )


def test_a_plugins_part_is_checked_when_it_registers() -> None:
    with pytest.raises(ValueError, match="different fields in zh and en"):
        register_messages("someplugin", {"some.x": Text(zh="{a}", en="{b}")})
    with pytest.raises(ValueError, match="needs a Text with zh and en"):
        register_messages("someplugin", {"some.y": Text(zh="", en="y")})
    with pytest.raises(
        ValueError, match=r"'value\.blank' of someplugin is already defined by common"
    ):
        register_messages("someplugin", {"value.blank": Text(zh="空", en="empty")})
    assert "someplugin" not in PARTS and "some.x" not in CATALOGUE


def test_a_language_set_between_calls_takes_effect_on_the_next(
    no_locale: pytest.MonkeyPatch,
) -> None:
    # The language is kept per value of the environment: each change is a new answer.
    for setting, blank in [("en", "blank"), ("zh", "空白"), ("en_GB", "blank"), ("zh", "空白")]:
        no_locale.setenv(LANG_ENV, setting)
        assert message("value.blank") == blank
    no_locale.setenv(LANG_ENV, "fr")  # no language of ours: the locale says
    no_locale.setenv("LANG", "en_US.UTF-8")
    assert message("value.blank") == "blank"
    no_locale.setenv("LANG", "zh_CN.UTF-8")
    assert message("value.blank") == "空白"
    no_locale.setenv("LANG", "en_US.UTF-8")
    no_locale.delenv(LANG_ENV)
    no_locale.setenv("LC_ALL", "zh_CN.UTF-8")
    assert message("value.blank") == "空白"
    no_locale.delenv("LC_ALL")
    assert message("value.blank") == "blank"
    with use_language("zh"):
        assert message("value.blank") == "空白"
    no_locale.setenv("LANG", "C")
    assert current_language() == "zh"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_message_reads_as_the_general_formatter_words_it(lang: Language) -> None:
    # message() fills a template of bare {name} fields with str.format; the general
    # formatter (format specs, blank values, inner messages) must give the same text.
    from govreport.messages import _Fields

    inner = Message.of("plugin.problem.missing", attribute="'read'")
    kinds: list[object] = [None, inner, 7, 2.5, "甲"]
    checked = 0
    for key, text in CATALOGUE.items():
        template = text.get(lang)
        names = sorted(placeholders(template))
        for shift in range(len(kinds)):
            if re.search(r"\{[^{}]*:", template):  # a format spec ({seconds:.1f}) needs a number
                fields: dict[str, object] = {name: 1.25 for name in names}
            else:
                fields = {name: kinds[(shift + i) % len(kinds)] for i, name in enumerate(names)}
            assert message(key, lang=lang, **fields) == _Fields(lang).format(template, **fields)
            checked += 1
    assert checked == 5 * len(CATALOGUE)
    assert message("plugin.skipped", lang="en", name="'x'", entry_point="m:X", problem=inner) == (
        _Fields("en").format(
            CATALOGUE["plugin.skipped"].en, name="'x'", entry_point="m:X", problem=inner
        )
    )
    assert "'read'" in message(
        "plugin.skipped", lang=lang, name="'x'", entry_point="m", problem=inner
    )
