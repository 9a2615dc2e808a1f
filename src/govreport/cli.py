"""The ``govreport`` command: show, validate and extract reports from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import attrs

from govreport.api import load
from govreport.errors import GovReportError
from govreport.model import Finding, Report, Severity, _value_to_json
from govreport.plugins import PRIORITY_ENV, formats, registry
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
    from govreport.baseline import Baseline, compare, updated

    if args.update_baseline and not args.baseline:
        raise SystemExit("govreport: --update-baseline needs --baseline FILE to write")
    baseline = Baseline.read(args.baseline) if args.baseline else Baseline()
    status = 0
    page: list[tuple[str, Report | GovReportError, list[Finding]]] = []
    for path in _sources(args):
        try:
            report = _load(path, args.format)
        except GovReportError as exc:
            print(f"{path}: refused: {type(exc).__name__}: {exc}")
            status = max(status, 2)
            page.append((path, exc, []))
            continue
        findings = validate(report)
        page.append((path, report, findings))
        marked = compare(baseline, report.metadata, findings)
        errors = sum(1 for m in marked if m.finding.severity is Severity.ERROR)
        new_errors = sum(1 for m in marked if m.finding.severity is Severity.ERROR and m.new)
        if args.json:
            items = [
                {
                    **m.finding.to_dict(),
                    "fingerprint": m.fingerprint,
                    "review": m.review.to_dict() if m.review else None,
                }
                for m in marked
            ]
            print(json.dumps({"source": path, "findings": items}, ensure_ascii=False))
        else:
            known = (
                f", {sum(1 for m in marked if not m.new)} in the baseline" if args.baseline else ""
            )
            print(
                f"{path}: {report.agency} {report.year}: {errors} error(s), "
                f"{len(findings) - errors} other finding(s){known}"
            )
            for m in marked:
                mark = f"[{m.review.decision if m.review else 'new'}] " if args.baseline else ""
                print(f"  {mark}{m.finding}")
        # With a review file only new error findings fail the run; writing it records them.
        if (new_errors if args.baseline else errors) and not args.update_baseline:
            status = max(status, 1)
    if args.update_baseline:
        read = [(item.metadata, found) for _, item, found in page if isinstance(item, Report)]
        updated(baseline, read).write(args.baseline)
        print(f"wrote {args.baseline}", file=sys.stderr)
    if args.html:
        _write_validation_page(Path(args.html), page)
    return status


def _write_validation_page(
    path: Path, page: list[tuple[str, Report | GovReportError, list[Finding]]]
) -> None:
    from govreport.batch import Result
    from govreport.crossyear import check_reports
    from govreport.report_html import render_page

    results = [
        Result(i, source, error=item)
        if isinstance(item, GovReportError)
        else Result(i, source, item.metadata, item.cells(), tuple(findings), item)
        for i, (source, item, findings) in enumerate(page)
    ]
    # Cross-year findings (X1, X2) when the files hold consecutive years of one body.
    reports = [r for r in results if r.report is not None]
    across = check_reports(r.report for r in reports if r.report is not None)
    extra = {reports[i].index: found for i, found in across.items()}
    path.write_text(render_page(results, extra_findings=extra), encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)


def cmd_batch(args: argparse.Namespace) -> int:
    from govreport.batch import BatchOptions, Progress, Summary, iter_files, load_many
    from govreport.crossyear import CrossYearIndex, YearFacts
    from govreport.export import Exporter, ExportOptions, findings_path_for

    paths = list(iter_files(args.inputs))
    out = Path(args.output)
    findings_out = Path(args.findings) if args.findings else findings_path_for(out)
    summary = Summary()
    across = CrossYearIndex()
    progress = Progress(len(paths), enabled=args.progress)
    try:
        exporter = Exporter(
            out, ExportOptions(shape=args.shape, header=args.header, bom=args.bom), findings_out
        )
    except GovReportError as exc:
        print(f"govreport: {exc}", file=sys.stderr)
        return 2
    # rows are rendered in the workers; this process only appends them to the files
    options = BatchOptions(
        format=args.format, keep_reports=False, workers=args.jobs, prepare=exporter.renderer()
    )
    with exporter:
        try:
            for result in load_many(paths, options=options):
                summary.add(result)
                exporter.add(result)
                if result.metadata is not None and args.cross_year:
                    facts = YearFacts.from_cells(result.source, result.metadata, result.cells)
                    for later, finding in across.add(facts):
                        exporter.add_findings(
                            later.source or "", later.agency, later.year, [finding]
                        )
                        summary.add_findings([finding])
                progress.update(summary)
        finally:
            progress.close()
    for line in summary.lines():
        print(line)
    print(
        f"wrote {out} ({args.shape}, {exporter.rows} rows) and {findings_out} ({exporter.finding_rows} rows)"
    )
    if not args.strict:
        return 0
    if summary.failures:
        return 2
    return 1 if any(severity == "error" for _, severity in summary.findings) else 0


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
    """Every installed format plugin: where it comes from, what it reads and writes, and
    the ones govreport skipped, with the reason (docs/plugins.md)."""
    infos = formats()
    if args.json:
        print(json.dumps([attrs.asdict(info) for info in infos], ensure_ascii=False, indent=2))
        return 0
    loaded = [info for info in infos if not info.error]
    failed = [info for info in infos if info.error]
    header = ("FORMAT", "READ", "WRITE", "EXTENSIONS", "DISTRIBUTION", "ENTRY POINT")
    rows = [
        (
            info.name,
            "yes" if info.can_read else "no",
            "yes" if info.can_write else "no",
            " ".join(f".{ext}" for ext in info.extensions),
            f"{info.distribution or '?'} {info.version or ''}".strip(),
            info.entry_point,
        )
        for info in loaded
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print(
            "  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True)).rstrip()
        )
    if failed:
        print(f"\nskipped ({len(failed)} failed to load):")
        for info in failed:
            origin = (
                f"{info.distribution} {info.version or ''}".strip() if info.distribution else "?"
            )
            print(f"  {info.name} ({info.entry_point}, from {origin}): {info.error}")
    order = ", ".join(p.name for p in registry().ordered())
    print(f"\nties between plugins go to, in order: {order} (set {PRIORITY_ENV} to change)")
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
    check.add_argument(
        "--html",
        metavar="OUT.html",
        help="also write a page with the tables and their marked cells",
    )
    check.add_argument(
        "--baseline",
        metavar="REVIEWED.json",
        help="a review file: findings it lists are marked with the decision; only new "
        "error findings set the exit status",
    )
    check.add_argument(
        "--update-baseline",
        action="store_true",
        help="write the --baseline file: every current finding, keeping decisions taken",
    )
    check.set_defaults(func=cmd_validate)

    batch = sub.add_parser(
        "batch",
        help="read many reports into one dataset (.csv, .jsonl or .parquet) plus a findings table",
    )
    batch.add_argument(
        "inputs", nargs="+", metavar="DIR_OR_FILE", help="report files, or folders of them"
    )
    batch.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="OUT.csv, OUT.jsonl or OUT.parquet"
    )
    batch.add_argument(
        "--shape", choices=("long", "wide"), default="long", help="a row per cell or per report"
    )
    batch.add_argument(
        "--header", choices=("id", "zh"), default="id", help="English IDs or Chinese labels"
    )
    batch.add_argument(
        "--bom", action="store_true", help="CSV with a UTF-8 BOM, for Excel on Chinese Windows"
    )
    batch.add_argument(
        "--findings", metavar="PATH", help="the findings table (default: OUT.findings.EXT)"
    )
    batch.add_argument(
        "-j", "--jobs", type=int, help="worker processes (default: one per core; 0: none)"
    )
    batch.add_argument("--format", help="read every file as this format instead of guessing")
    batch.add_argument(
        "--strict", action="store_true", help="exit 2 if a file is refused, 1 on error findings"
    )
    batch.add_argument(
        "--no-cross-year", dest="cross_year", action="store_false", help="skip X1/X2 across years"
    )
    batch.add_argument(
        "--no-progress", dest="progress", action="store_false", help="no progress bar on stderr"
    )
    batch.set_defaults(func=cmd_batch)

    cells = sub.add_parser("cells", help="the cells of one report as JSON")
    with_files(cells, many=False)
    cells.set_defaults(func=cmd_cells, files=None)

    fmts = sub.add_parser(
        "formats", help="the installed format plugins, and any that failed to load and why"
    )
    fmts.add_argument("--json", action="store_true", help="the list as JSON")
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
