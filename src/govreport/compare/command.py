"""``govreport compare``: registered on the command line by govreport.cli."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

from govreport.compare import Thresholds, compare
from govreport.errors import GovReportError
from govreport.messages import message
from govreport.model import Report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``govreport compare`` (its parser is made by govreport.cli)."""
    parser.add_argument("files", nargs="+", metavar="FILE", help=message("cli.help.files"))
    parser.add_argument("--format", help=message("cli.help.format_all"))
    parser.add_argument("--password", help=message("cli.help.password"))
    parser.add_argument(
        "--by", choices=("year", "agency"), default="year", help=message("cli.help.compare.by")
    )
    parser.add_argument("--changed", action="store_true", help=message("cli.help.compare.changed"))
    parser.add_argument("--json", action="store_true", help=message("cli.help.compare.json"))
    parser.add_argument("--html", metavar="OUT.html", help=message("cli.help.compare.html"))
    parser.add_argument("--xlsx", metavar="OUT.xlsx", help=message("cli.help.compare.xlsx"))
    defaults = Thresholds()
    parser.add_argument(
        "--low", type=Decimal, default=defaults.low, help=message("cli.help.compare.low")
    )
    parser.add_argument(
        "--high", type=Decimal, default=defaults.high, help=message("cli.help.compare.high")
    )
    parser.add_argument(
        "--from-zero",
        type=int,
        default=defaults.from_zero,
        help=message("cli.help.compare.from_zero"),
    )
    parser.add_argument(
        "--at-least",
        type=int,
        default=defaults.at_least,
        help=message("cli.help.compare.at_least"),
    )


def present(reports: list[Report], args: argparse.Namespace) -> int:
    """Compare the reports read and write what the arguments ask for; govreport.cli reads
    them (refusals, missing files and their statuses are the command line's)."""
    try:
        thresholds = Thresholds(args.low, args.high, args.from_zero, args.at_least)
        comparisons = compare(reports, by=args.by, thresholds=thresholds)
        if args.html:
            from govreport.compare.html import render_comparison_page

            Path(args.html).write_text(render_comparison_page(comparisons), encoding="utf-8")
        if args.xlsx:
            from govreport.compare.xlsx import write_comparison_workbook

            write_comparison_workbook(comparisons, Path(args.xlsx))
    except GovReportError as exc:
        print(f"govreport compare: {exc}", file=sys.stderr)
        return 2  # the files given make no comparison: a usage error
    if args.json:
        print(json.dumps([c.to_dict() for c in comparisons], ensure_ascii=False, indent=1))
    else:
        from govreport.compare.text import render_text  # with the workbook's width table

        print(render_text(comparisons, changed_only=args.changed))
    return 0


__all__ = ["add_arguments", "present"]
