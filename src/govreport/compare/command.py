"""``govreport compare``: its options and what it writes; govreport.cli reads the files."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from govreport.compare import Thresholds, compare
from govreport.compare.text import render_text
from govreport.messages import message
from govreport.model import Report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``govreport compare`` (the files and reading options are the CLI's)."""
    parser.add_argument(
        "--by", choices=("year", "agency"), default="year", help=message("compare.help.by")
    )
    parser.add_argument("--changed", action="store_true", help=message("compare.help.changed"))
    parser.add_argument("--json", action="store_true", help=message("compare.help.json"))
    parser.add_argument("--html", metavar="OUT.html", help=message("compare.help.html"))
    parser.add_argument("--xlsx", metavar="OUT.xlsx", help=message("compare.help.xlsx"))
    defaults = Thresholds()
    for option, kind, default in (
        ("--low", Decimal, defaults.low),
        ("--high", Decimal, defaults.high),
        ("--from-zero", int, defaults.from_zero),
        ("--at-least", int, defaults.at_least),
    ):
        key = option.lstrip("-").replace("-", "_")
        parser.add_argument(
            option, type=kind, default=default, help=message(f"compare.help.{key}", default=default)
        )


def outputs(args: argparse.Namespace) -> list[Path]:
    """The files the command will write, to check before reading anything."""
    return [Path(p) for p in (args.html, args.xlsx) if p]


def run(reports: Sequence[Report], args: argparse.Namespace) -> str:
    """Compare ``reports`` as the options say; write the page and the workbook asked
    for, and return what goes to stdout (the table, or JSON). Raises
    govreport.compare.CompareError for reports that cannot be compared as asked."""
    thresholds = Thresholds(args.low, args.high, args.from_zero, args.at_least)
    comparisons = compare(reports, by=args.by, thresholds=thresholds)
    if args.html:
        from govreport.compare.html import render_comparison_page

        Path(args.html).write_text(render_comparison_page(comparisons), encoding="utf-8")
    if args.xlsx:
        from govreport.compare.xlsx import write_comparison_workbook

        write_comparison_workbook(comparisons, Path(args.xlsx))
    if args.json:
        return json.dumps([c.to_dict() for c in comparisons], ensure_ascii=False, indent=1)
    return render_text(comparisons, changed_only=args.changed)


__all__ = ["add_arguments", "outputs", "run"]
