"""The ``govreport`` command: show, validate and extract reports from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from govreport.api import load
from govreport.errors import GovReportError
from govreport.model import Report, Severity, _value_to_json
from govreport.plugins import formats
from govreport.render import render_report
from govreport.validate import validate

SAMPLE = "sample_laocheng_2024.txt"


def sample_path() -> Path:
    """The real report shipped with the package (老城区人民政府 2024), for trying things out."""
    return Path(str(resources.files("govreport") / "data" / SAMPLE))


def _load(path: str, format: str | None) -> Report:
    return load(path, format=format)


def _sources(args: argparse.Namespace) -> list[str]:
    files = list(getattr(args, "files", []) or [])
    if getattr(args, "sample", False):
        files.insert(0, str(sample_path()))
    if not files:
        raise SystemExit("govreport: give a FILE or --sample")
    return files


def cmd_show(args: argparse.Namespace) -> int:
    status = 0
    for path in _sources(args):
        try:
            report = _load(path, args.format)
        except GovReportError as exc:
            print(f"{path}: {type(exc).__name__}: {exc}", file=sys.stderr)
            status = 2
            continue
        print(render_report(report, validate(report)))
    return status


def cmd_validate(args: argparse.Namespace) -> int:
    status = 0
    for path in _sources(args):
        try:
            report = _load(path, args.format)
        except GovReportError as exc:
            print(f"{path}: refused: {type(exc).__name__}: {exc}")
            status = max(status, 2)
            continue
        findings = validate(report)
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        if args.json:
            print(
                json.dumps(
                    {"source": path, "findings": [f.to_dict() for f in findings]},
                    ensure_ascii=False,
                )
            )
        else:
            print(
                f"{path}: {report.agency} {report.year}: {errors} error(s), {len(findings) - errors} other finding(s)"
            )
            for finding in findings:
                print(f"  {finding}")
        if errors:
            status = max(status, 1)
    return status


def cmd_cells(args: argparse.Namespace) -> int:
    path = _sources(args)[0]
    try:
        report = _load(path, args.format)
    except GovReportError as exc:
        print(f"{path}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    out = {
        "source": path,
        "agency": report.agency,
        "year": report.year,
        "template": report.template,
        "cells": {k: _value_to_json(v) for k, v in report.cells().items()},
    }
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


def cmd_formats(args: argparse.Namespace) -> int:
    for info in formats():
        if info.error:
            print(f"{info.name:10} FAILED  {info.entry_point}: {info.error}")
            continue
        modes = ("read" if info.can_read else "") + ("/write" if info.can_write else "")
        dist = f"{info.distribution} {info.version}" if info.distribution else "?"
        print(f"{info.name:10} {modes:11} .{' .'.join(info.extensions):20} {dist}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govreport",
        description="Read Chinese government information-disclosure annual reports (政府信息公开工作年度报告).",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def with_files(p: argparse.ArgumentParser, many: bool = True) -> None:
        p.add_argument("files", nargs="*" if many else "?", metavar="FILE", help="report files")
        p.add_argument(
            "--sample", action="store_true", help="use the report shipped with govreport"
        )
        p.add_argument(
            "--format", help="read as this format instead of guessing (see 'govreport formats')"
        )

    show = sub.add_parser("show", help="metadata, the three tables and the findings of reports")
    with_files(show)
    show.set_defaults(func=cmd_show)

    check = sub.add_parser(
        "validate", help="check reports against the rules; exit 1 on any error finding"
    )
    with_files(check)
    check.add_argument("--json", action="store_true", help="one JSON object per report")
    check.set_defaults(func=cmd_validate)

    cells = sub.add_parser("cells", help="the cells of one report as JSON")
    with_files(cells, many=False)
    cells.set_defaults(func=cmd_cells, files=None)

    fmts = sub.add_parser("formats", help="the installed format plugins")
    fmts.set_defaults(func=cmd_formats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "cells" and isinstance(args.files, str):
        args.files = [args.files]
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
