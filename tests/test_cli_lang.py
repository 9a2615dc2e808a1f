"""The command line in both languages, down to argparse's own sentences, locations and
the plugins' texts: the exact Chinese and English a user reads."""

from __future__ import annotations

import argparse

import pytest

from govreport.cli import main

# --- argparse's sentences ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "zh", "en"),
    [
        (
            ["batch", "reports"],
            "govreport batch: 缺少必需的参数：-o/--output（查看 govreport batch --help）",
            "govreport batch: the following arguments are required: -o/--output "
            "(see govreport batch --help)",
        ),
        (
            ["bogus"],
            "govreport: 参数 COMMAND：无效的选择：'bogus'（可选：'show', 'validate', 'batch', "
            "'compare', 'cells', 'formats'）（查看 govreport --help）",
            "govreport: argument COMMAND: invalid choice: 'bogus' (choose from 'show', "
            "'validate', 'batch', 'compare', 'cells', 'formats') (see govreport --help)",
        ),
        (
            ["show", "--zzz"],
            "govreport show: 无法识别的参数：--zzz（查看 govreport show --help）",
            "govreport show: unrecognized arguments: --zzz (see govreport show --help)",
        ),
        (
            ["show", "--format"],
            "govreport show: 参数 --format：需要一个值（查看 govreport show --help）",
            "govreport show: argument --format: expected one argument (see govreport show --help)",
        ),
        (
            ["batch", "reports", "-o", "x.csv", "-j", "k"],
            "govreport batch: 参数 -j/--jobs：无效的 int 值：'k'（查看 govreport batch --help）",
            "govreport batch: argument -j/--jobs: invalid int value: 'k' "
            "(see govreport batch --help)",
        ),
    ],
)
def test_argparse_errors_in_both_languages(
    argv: list[str], zh: str, en: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "zh", *argv]) == 2
    assert capsys.readouterr().err == zh + "\n"
    assert main(["--lang", "en", *argv]) == 2
    assert capsys.readouterr().err == en + "\n"


def test_a_missing_file_in_a_chinese_run(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "zh", "show"]) == 2
    assert capsys.readouterr().err == "govreport show: 请给出报告文件 FILE，或用 --sample\n"


def test_help_in_chinese_has_no_argparse_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "zh", "batch", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：govreport batch ")
    assert "\n参数:\n" in out and "\n选项:\n" in out
    assert "  -h, --help            显示本帮助并退出\n" in out
    for english in ("usage:", "positional arguments", "options:", "show this help"):
        assert english not in out


def test_argparse_is_left_as_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    # the swap lasts for the command line's parse only: another program's argparse in
    # the same process still speaks argparse's English
    main(["--lang", "zh", "bogus"])
    parser = argparse.ArgumentParser(prog="other")
    with pytest.raises(SystemExit):
        parser.parse_args(["--nope"])
    assert "other: error: unrecognized arguments: --nope" in capsys.readouterr().err
