"""The ``govreport`` command: show, validate and extract reports from the command line.

Every command follows one exit-status scheme (docs/guide.md, "Exit status"): 0 all
read and no error finding; 1 error findings or refused files (for ``formats``: a plugin
that failed to load); 2 a usage or I/O error (a missing path, an output that cannot be
written); 3 an internal error, a bug; 130 interrupted (Ctrl-C); 141 stdout closed by
its reader (``| head``), quietly. Every error is one line on stderr starting with the
command's name; ``--debug`` or ``GOVREPORT_DEBUG=1`` adds the traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import re
import sys
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import attrs

from govreport.api import load
from govreport.errors import GovReportError, LimitExceededError, SourceNotFoundError
from govreport.logs import DEBUG, ERROR, INFO, WARNING, log
from govreport.messages import (
    LANG_ENV,
    LANGUAGES,
    Language,
    current_language,
    message,
    parse_language,
)
from govreport.messages import use_language as _use_language
from govreport.messages.argparse_texts import argparse_in_language
from govreport.model import Finding, Report, Severity, _value_to_json

if TYPE_CHECKING:
    from pathlib import Path

    from govreport.batch import Result
    from govreport.build import BuildOptions
from govreport.plugins import PRIORITY_ENV, FormatInfo, formats, registry
from govreport.render import render_report
from govreport.validate import validate

SAMPLE = "sample_laocheng_2024.txt"

EXIT_OK = 0
EXIT_FINDINGS = 1  # error findings, refused files, a plugin that failed to load
EXIT_USAGE = 2  # a usage or I/O error
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE, as other tools end under `| head`

DEBUG_ENV = "GOVREPORT_DEBUG"

#: The commands, for naming the one running in messages before the arguments are parsed.
COMMANDS = ("show", "validate", "batch", "compare", "cells", "formats")


def sample_path() -> Path:
    """The real report shipped with the package (老城区人民政府 2024), for trying things out."""
    from pathlib import Path

    return Path(_sample_file())


def _sample_file() -> str:
    # beside this module, as importlib.resources would find it in an installed package,
    # without the 20 ms its import costs every command (nor pathlib's 3 ms)
    return os.path.join(os.path.dirname(__file__), "data", SAMPLE)


class CommandError(Exception):
    """An error the user caused: one line on stderr, then the command ends with ``status``."""

    def __init__(self, text: str, status: int = EXIT_USAGE) -> None:
        super().__init__(text)
        self.status = status


class Run:
    """One command's run: its name for messages, the options every command has, and the
    exit status so far (the worst of what happened to each file)."""

    __slots__ = ("debug", "prog", "quiet", "status")

    def __init__(self, prog: str, debug: bool = False) -> None:
        self.prog = prog
        self.debug = debug
        self.quiet = False
        self.status = EXIT_OK

    def worse(self, status: int) -> None:
        self.status = max(self.status, status)

    def error(self, text: str, status: int, exc: BaseException | None = None) -> None:
        if self.debug and exc is not None:
            _print_traceback(exc)
        print(f"{self.prog}: {text}", file=sys.stderr)
        self.worse(status)

    def note(self, text: str) -> None:
        """A line about the run (not its result) on stderr, unless --quiet."""
        if not self.quiet:
            print(text, file=sys.stderr)


# --- reading the files a command names ------------------------------------------------------


def _sources(args: argparse.Namespace) -> list[str]:
    files = list(getattr(args, "files", None) or [])
    if getattr(args, "sample", False):
        files.insert(0, _sample_file())
    if not files:
        raise CommandError(message("cli.error.no_files"))
    return files


def _path_problem(path: str) -> SourceNotFoundError | None:
    """A named path that is not a file, as the error the user reads (before any reading)."""
    if os.path.isdir(path):
        return SourceNotFoundError(message("cli.error.is_folder", path=path))
    if not os.path.exists(path):
        return SourceNotFoundError(message("cli.error.not_found", path=path))
    return None


def _refusal(source: str, exc: GovReportError) -> dict[str, str]:
    """A refused file in --json output: the same keys whatever refused it."""
    return {"source": source, "error": type(exc).__name__, "message": str(exc)}


def _read(
    path: str, args: argparse.Namespace, run: Run, json_lines: bool = False
) -> Report | GovReportError:
    """The report at ``path``, or the error that refused it, already reported: a path
    that names no file is a usage error (2), a file govreport cannot read a refusal (1)."""
    problem: GovReportError | None = _path_problem(path)
    status = EXIT_USAGE if problem is not None else EXIT_FINDINGS
    if problem is None:
        try:
            return load(
                path,
                format=args.format,
                password=getattr(args, "password", None),
                options=_build_options(args),
            )
        except GovReportError as exc:
            problem = exc
    if json_lines:
        _print(_json(_refusal(path, problem)))
        run.worse(status)
    elif isinstance(problem, SourceNotFoundError) and status == EXIT_USAGE:
        run.error(str(problem), status)
    else:
        text = message(
            "cli.error.refused", source=path, kind=type(problem).__name__, detail=problem
        )
        if isinstance(problem, LimitExceededError) and problem.limit:
            text += message("cli.hint.limit", limit=problem.limit)
        run.error(text, status, problem)
    return problem


def _build_options(args: argparse.Namespace) -> BuildOptions | None:
    """The reading options of ``--limit NAME=VALUE`` (None: the defaults)."""
    given = getattr(args, "limit", None)
    if not given:
        return None
    from govreport.build import BuildOptions
    from govreport.limits import Limits

    return BuildOptions(limits=attrs.evolve(Limits(), **dict(given)))


def _limit(text: str) -> tuple[str, float | None]:
    """One ``--limit NAME=VALUE``: a field of :class:`govreport.Limits` and a positive
    whole number (``seconds``: any positive number, or ``none`` for no time budget)."""
    from govreport.limits import Limits

    name, equals, value = text.partition("=")
    names = [field.name for field in attrs.fields(Limits)]
    if not equals or name.strip() not in names:
        raise argparse.ArgumentTypeError(
            message("cli.error.limit_name", given=text, names=", ".join(names))
        )
    name, value = name.strip(), value.strip()
    if name == "seconds" and value.lower() == "none":
        return name, None
    try:
        number = float(value) if name == "seconds" else int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(message("cli.error.limit_value", name=name, value=value))
    return name, number


def _error_count(findings: Iterable[Finding]) -> int:
    return sum(1 for f in findings if f.severity is Severity.ERROR)


def _print(text: str) -> None:
    print(text)


def _json(value: object, indent: int | None = None) -> str:
    import json  # only the commands' --json output and cells need it

    return json.dumps(value, ensure_ascii=False, indent=indent)


def _print_traceback(exc: BaseException) -> None:
    import traceback  # only --debug shows one

    traceback.print_exception(exc, file=sys.stderr)


# --- the commands ----------------------------------------------------------------------------


def cmd_show(args: argparse.Namespace, run: Run) -> None:
    for path in _sources(args):
        report = _read(path, args, run)
        if isinstance(report, GovReportError):
            continue
        findings = validate(report)
        _print(render_report(report, findings))
        if _error_count(findings):
            run.worse(EXIT_FINDINGS)


def cmd_validate(args: argparse.Namespace, run: Run) -> None:
    from pathlib import Path

    from govreport.baseline import Baseline, BaselineError, compare, updated

    html = Path(args.html) if args.html else None
    xlsx = Path(args.xlsx) if args.xlsx else None
    for target in (html, xlsx):
        if target is not None:
            _check_writable(target)  # before the reading, which may take long
    if args.update_baseline and not args.baseline:
        raise CommandError(message("baseline.error.update_needs_file"))
    try:
        baseline = Baseline.read(args.baseline) if args.baseline else Baseline()
    except BaselineError as exc:
        raise CommandError(str(exc)) from exc
    page: list[tuple[str, Report | GovReportError, list[Finding]]] = []
    for path in _sources(args):
        report = _read(path, args, run, json_lines=args.json)
        if isinstance(report, GovReportError):
            page.append((path, report, []))
            continue
        findings = validate(report)
        page.append((path, report, findings))
        marked = compare(baseline, report.metadata, findings)
        errors = _error_count(findings)
        # With a review file only new error findings fail the run; writing it records them.
        failing = sum(1 for m in marked if m.new and m.finding.severity is Severity.ERROR)
        if (failing if args.baseline else errors) and not args.update_baseline:
            run.worse(EXIT_FINDINGS)
        if args.json:
            line = {
                "source": path,
                "agency": report.agency,
                "year": report.year,
                "findings": [
                    {
                        **m.finding.to_dict(),
                        "fingerprint": m.fingerprint,
                        "review": m.review.to_dict() if m.review else None,
                    }
                    for m in marked
                ],
            }
            _print(_json(line))
            continue
        summary = message("cli.summary", errors=errors, others=len(findings) - errors)
        if args.baseline:
            known = sum(1 for m in marked if not m.new)
            summary += message("baseline.summary", known=known)
        _print(
            message(
                "cli.validated",
                source=path,
                agency=report.agency,
                year=report.year,
                summary=summary,
            )
        )
        for m in marked:
            mark = f"[{m.review.decision if m.review else 'new'}] " if args.baseline else ""
            _print(f"  {mark}{m.finding}")
    if args.update_baseline:
        read = [(item.metadata, found) for _, item, found in page if isinstance(item, Report)]
        updated(baseline, read).write(args.baseline)
        run.note(message("cli.wrote", path=args.baseline))
    if html is not None:
        _write_validation_page(html, page)
        run.note(message("cli.wrote", path=html))
    if xlsx is not None:
        from govreport.workbook import write_workbook

        results, extra = _validation_results(page)
        try:
            write_workbook(results, xlsx, lang=args.lang, extra_findings=extra)
        except OSError as exc:
            raise CommandError(
                message("write.cannot_write", path=xlsx, reason=exc.strerror or exc)
            ) from exc
        run.note(message("cli.wrote", path=xlsx))


def _check_writable(path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise CommandError(message("cli.error.no_folder", path=path, folder=folder))


def _validation_results(
    page: list[tuple[str, Report | GovReportError, list[Finding]]],
) -> tuple[list[Result], dict[int, list[Finding]]]:
    """The validated files as batch results, with their cross-year findings by index."""
    from govreport.batch import Result
    from govreport.crossyear import check_reports

    results = [
        Result(i, source, error=item)
        if isinstance(item, GovReportError)
        else Result(i, source, item.metadata, item.cells(), tuple(findings), item)
        for i, (source, item, findings) in enumerate(page)
    ]
    # Cross-year findings (X1, X2) when the files hold consecutive years of one body.
    reports = [r for r in results if r.report is not None]
    across = check_reports(r.report for r in reports if r.report is not None)
    return results, {reports[i].index: found for i, found in across.items()}


def _write_validation_page(
    path: Path, page: list[tuple[str, Report | GovReportError, list[Finding]]]
) -> None:
    from govreport.report_html import render_page

    results, extra = _validation_results(page)
    text = render_page(results, extra_findings=extra)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandError(
            message("write.cannot_write", path=path, reason=exc.strerror or exc)
        ) from exc


def readable_patterns() -> list[str]:
    """``*.pdf``, ``*.txt``...: the extensions the installed formats read."""
    extensions = sorted({ext for p in registry().ordered() for ext in p.extensions})
    return [f"*.{ext}" for ext in extensions]


def _matches(relative: Path, patterns: Sequence[str]) -> bool:
    import fnmatch

    # a pattern matches the file's name (*.pdf) or its path inside the folder (2023/*.pdf);
    # case-insensitively, as extensions are (.PDF)
    names = (relative.name.lower(), relative.as_posix().lower())
    return any(fnmatch.fnmatchcase(name, p.lower()) for p in patterns for name in names)


def batch_files(
    inputs: Sequence[str], include: Sequence[str], exclude: Sequence[str]
) -> Iterator[Path]:
    """Every file named, and the files under every folder named that match ``include``
    and not ``exclude`` (recursively, in name order, hidden files and folders skipped).
    A file named on the command line is always read. Raises CommandError for a path that
    does not exist, before anything is read."""
    from pathlib import Path

    from govreport.batch import iter_files

    for given in inputs:
        if not os.path.exists(given):
            raise CommandError(message("cli.error.not_found", path=given))
    for given in inputs:
        folder = Path(given)
        if not folder.is_dir():
            yield folder
            continue
        for path in iter_files([folder]):
            relative = path.relative_to(folder)
            if _matches(relative, include) and not _matches(relative, exclude):
                yield path


def cmd_batch(args: argparse.Namespace, run: Run) -> None:
    import shutil
    import tempfile
    from pathlib import Path

    from govreport.batch import BatchOptions, Progress, Summary, load_many
    from govreport.crossyear import CrossYearIndex, YearFacts
    from govreport.export import FORMATS_BY_SUFFIX, Exporter, ExportOptions, findings_path_for

    for option, patterns in (("--include", args.include), ("--exclude", args.exclude)):
        if any(not p for p in patterns or ()):
            raise CommandError(message("cli.error.bad_pattern", option=option))
    include = args.include or readable_patterns()
    paths = list(batch_files(args.inputs, include, args.exclude or ()))
    for given in args.inputs:
        if os.path.isdir(given) and not any(_inside(p, given) for p in paths):
            run.note(message("cli.no_files_matched", folder=given, patterns=" ".join(include)))

    to_stdout = args.output == "-"
    with contextlib.ExitStack() as stack:
        if to_stdout:
            if args.to == "parquet" and sys.stdout.isatty():
                raise CommandError(message("cli.error.parquet_stdout"))
            # written whole to a file first, then copied: Parquet cannot stream, and a
            # batch that is interrupted or fails leaves nothing half-written on stdout
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="govreport-"))
            out = Path(folder) / f"stdout.{args.to or 'csv'}"
            findings_out = Path(args.findings) if args.findings else None
        else:
            out = Path(args.output)
            if out.suffix.lower() not in (*FORMATS_BY_SUFFIX, ".xlsx"):
                raise CommandError(message("cli.error.output_format", path=out))
            findings_out = Path(args.findings) if args.findings else findings_path_for(out)
            if out.suffix.lower() == ".xlsx":
                findings_out = None  # the workbook's 发现 sheet
        for target in (out, findings_out):
            if target is not None:
                _check_writable(target)
        try:
            exporter = Exporter(
                out,
                ExportOptions(shape=args.shape, header=args.header, bom=args.bom, lang=args.lang),
                findings_out,
            )
        except (GovReportError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise CommandError(
                message("write.cannot_write", path=args.output, reason=reason)
            ) from exc
        summary = Summary()
        across = CrossYearIndex()
        progress = Progress(
            len(paths), enabled=args.progress and not run.quiet and sys.stderr.isatty()
        )
        # rows are rendered in the workers; this process only appends them to the files
        options = BatchOptions(
            format=args.format,
            keep_reports=False,
            workers=args.jobs,
            prepare=exporter.renderer(),
            password=args.password,
            build=_build_options(args),
            ordered=True,  # rows in input order whatever --jobs is
        )
        interrupted = False
        with exporter, _noticing_interrupts() as pressed:
            try:
                for result in load_many(paths, options=options):
                    if pressed():  # a dependency made the interrupt an error of its own
                        raise KeyboardInterrupt
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
                if pressed():
                    raise KeyboardInterrupt
            except KeyboardInterrupt:
                interrupted = True
            finally:
                progress.close()
        for line in summary.lines():
            run.note(line)
        if interrupted:
            run.note(message("cli.batch_interrupted", done=summary.total, total=len(paths)))
            raise KeyboardInterrupt
        shown = message("cli.stdout") if to_stdout else str(out)
        if out.suffix.lower() == ".xlsx":
            run.note(
                message(
                    "cli.wrote_workbook",
                    out=shown,
                    rows=exporter.rows,
                    finding_rows=exporter.finding_rows,
                )
            )
        elif findings_out is None:
            run.note(
                message(
                    "cli.wrote_batch_no_findings", out=shown, shape=args.shape, rows=exporter.rows
                )
            )
        else:
            run.note(
                message(
                    "cli.wrote_batch",
                    out=shown,
                    shape=args.shape,
                    rows=exporter.rows,
                    findings=findings_out,
                    finding_rows=exporter.finding_rows,
                )
            )
        if to_stdout:
            sys.stdout.flush()
            with out.open("rb") as data:
                shutil.copyfileobj(data, sys.stdout.buffer)
            sys.stdout.buffer.flush()
    if summary.failures or any(severity == "error" for _, severity in summary.findings):
        run.worse(EXIT_FINDINGS)


def cmd_compare(args: argparse.Namespace, run: Run) -> None:
    from pathlib import Path

    from govreport.compare.command import present

    for target in (args.html, args.xlsx):
        if target:
            _check_writable(Path(target))
    reports = [r for r in (_read(path, args, run) for path in args.files) if isinstance(r, Report)]
    try:
        run.worse(present(reports, args))
    except OSError as exc:
        raise CommandError(
            message("write.cannot_write", path=exc.filename or "", reason=exc.strerror or exc)
        ) from exc


def _inside(path: Path, folder: str) -> bool:
    return type(path)(folder) in path.parents


def cmd_cells(args: argparse.Namespace, run: Run) -> None:
    path = _sources(args)[0]
    report = _read(path, args, run)
    if isinstance(report, GovReportError):
        return
    out = {
        "source": path,
        "agency": report.agency,
        "year": report.year,
        "template": report.template,
        "cells": {k: _value_to_json(v) for k, v in report.cells().items()},
    }
    _print(_json(out, indent=2))


def cmd_formats(args: argparse.Namespace, run: Run) -> None:
    """Every installed format plugin: where it comes from, what it reads and writes, and
    the ones govreport skipped, with the reason (docs/plugins.md). A plugin that failed
    to load makes the status 1, so that a CI step running ``govreport formats`` notices."""
    infos = formats()
    failed = [info for info in infos if info.error]
    if failed:
        run.worse(EXIT_FINDINGS)
    if args.json:
        listed = [_format_json(info) for info in infos]
        _print(_json(listed, indent=2))
        return
    loaded = [info for info in infos if not info.error]
    yes, no = message("cli.formats.yes"), message("cli.formats.no")
    header = tuple(message("cli.formats.header").split("\t"))
    rows = [
        (
            info.name,
            yes if info.can_read else no,
            message("cli.formats.needs", modules=", ".join(info.write_missing))
            if info.can_write and info.write_missing
            else yes
            if info.can_write
            else no,
            " ".join(f".{ext}" for ext in info.extensions),
            f"{info.distribution or '?'} {info.version or ''}".strip(),
            info.entry_point,
        )
        for info in loaded
    ]
    for line in _columns((header, *rows)):
        _print(line)
    if failed:
        _print("\n" + message("cli.formats.skipped", count=len(failed)))
        for info in failed:
            origin = (
                f"{info.distribution} {info.version or ''}".strip() if info.distribution else "?"
            )
            _print(
                message(
                    "cli.formats.skipped_one",
                    name=info.name,
                    entry_point=info.entry_point,
                    origin=origin,
                    error=info.error,
                )
            )
    order = ", ".join(p.name for p in registry().ordered())
    _print("\n" + message("cli.formats.order", order=order, env=PRIORITY_ENV))


def _format_json(info: FormatInfo) -> dict[str, Any]:
    """One plugin for ``formats --json``: ``error`` in the run's language, ``problem``
    the same as a message ID and fields (docs/plugins.md)."""
    out = attrs.asdict(info, filter=lambda a, _: a.name != "problem")
    out["error"] = info.error
    out["problem"] = info.problem.to_dict() if info.problem is not None else None
    return out


def _columns(rows: Sequence[Sequence[str]]) -> list[str]:
    from govreport.render import _pad, _width

    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(_pad(text, width) for text, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


# --- the parser ------------------------------------------------------------------------------


class UsageError(CommandError):
    """The arguments do not make a command; the message points at its --help."""


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors as one line naming the command (exit status 2)."""

    def error(self, text: str) -> NoReturn:
        raise UsageError(text)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        # argparse makes a formatter for every option it is given, only to check the
        # option's metavar: the terminal's width (and the 2 ms import of shutil, which
        # asks for it) waits until help is written
        super().__init__(prog, indent_increment, max_help_position, 80 if width is None else width)
        self._measure = width is None
        self._most_help_position = max_help_position

    def format_help(self) -> str:
        if self._measure:  # what argparse's own __init__ does
            import shutil

            self._width = shutil.get_terminal_size().columns - 2
            self._max_help_position = min(
                self._most_help_position, max(self._width - 20, self._indent_increment * 2)
            )
            self._measure = False
        # argparse ends a section heading with ":"; a Chinese heading takes "：" (参数：)
        return re.sub(r"(?m)^(\S.*[\u4e00-\u9fff]):$", r"\1：", super().format_help())

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(
            usage, actions, groups, message("cli.usage") if prefix is None else prefix
        )


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """The options every command takes, before or after the command's name. After it,
    their defaults are suppressed so that they do not undo the ones given before."""

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    parser.add_argument(
        "--lang", choices=LANGUAGES, default=default(None), help=message("cli.help.lang")
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=default(0), help=message("cli.help.verbose")
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", default=default(False), help=message("cli.help.quiet")
    )
    parser.add_argument(
        "--debug", action="store_true", default=default(False), help=message("cli.help.debug")
    )


def _parser(prog: str, parent: Any | None = None, **kwargs: Any) -> argparse.ArgumentParser:
    make = parent.add_parser if parent is not None else _Parser
    parser: argparse.ArgumentParser = make(
        prog, formatter_class=_Formatter, add_help=False, **kwargs
    )
    parser._positionals.title = message("cli.positionals")
    parser._optionals.title = message("cli.options")
    parser.add_argument("-h", "--help", action="help", help=message("cli.help.help"))
    _common(parser, suppress=parent is not None)
    return parser


def build_parser(commands: Collection[str] = COMMANDS) -> argparse.ArgumentParser:
    """The command line, its help in the current language (see govreport.messages).

    Every command is listed; only those in ``commands`` have their options. :func:`main`
    names those its arguments name (argparse chooses a command only by its exact name):
    the other commands' options are most of the parser's making, and compare's import
    the comparison (govreport.compare)."""
    from govreport import __version__

    parser = _parser(
        "govreport", description=message("cli.description"), epilog=message("cli.epilog")
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"govreport {__version__}",
        help=message("cli.help.version"),
    )
    sub = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="COMMAND",
        title=message("cli.commands"),
        prog=parser.prog,  # what argparse would write as its usage line, without a terminal
    )

    def reading(p: argparse.ArgumentParser, format_help: str = "format") -> None:
        p.add_argument("--format", help=message(f"cli.help.{format_help}"))
        p.add_argument("--password", help=message("cli.help.password"))
        p.add_argument(
            "--limit",
            action="append",
            type=_limit,
            metavar="NAME=VALUE",
            help=message("cli.help.limit"),
        )

    def with_files(p: argparse.ArgumentParser, many: bool = True) -> None:
        reading(p)
        p.add_argument(
            "files",
            nargs="*" if many else "?",
            metavar="FILE",
            help=message("cli.help.files" if many else "cli.help.file"),
        )
        p.add_argument("--sample", action="store_true", help=message("cli.help.sample"))

    def show(p: argparse.ArgumentParser) -> None:
        with_files(p)
        p.set_defaults(func=cmd_show)

    def check(p: argparse.ArgumentParser) -> None:
        with_files(p)
        p.add_argument("--json", action="store_true", help=message("cli.help.json"))
        p.add_argument("--html", metavar="OUT.html", help=message("cli.help.html"))
        p.add_argument("--xlsx", metavar="OUT.xlsx", help=message("cli.help.xlsx"))
        p.add_argument("--baseline", metavar="REVIEWED.json", help=message("baseline.help.file"))
        p.add_argument(
            "--update-baseline", action="store_true", help=message("baseline.help.update")
        )
        p.set_defaults(func=cmd_validate)

    def batch(p: argparse.ArgumentParser) -> None:
        p.add_argument("inputs", nargs="+", metavar="DIR_OR_FILE", help=message("cli.help.inputs"))
        p.add_argument(
            "-o", "--output", required=True, metavar="OUT", help=message("cli.help.output")
        )
        p.add_argument("--to", choices=("csv", "jsonl", "parquet"), help=message("cli.help.to"))
        p.add_argument(
            "--include", action="append", metavar="GLOB", help=message("cli.help.include")
        )
        p.add_argument(
            "--exclude", action="append", metavar="GLOB", help=message("cli.help.exclude")
        )
        p.add_argument(
            "--shape", choices=("long", "wide"), default="long", help=message("cli.help.shape")
        )
        p.add_argument(
            "--header", choices=("id", "zh"), default="id", help=message("cli.help.header")
        )
        p.add_argument(
            "--bom",
            action=argparse.BooleanOptionalAction,
            default=None,
            help=message("cli.help.bom"),
        )
        p.add_argument("--findings", metavar="PATH", help=message("cli.help.findings"))
        p.add_argument("-j", "--jobs", type=int, help=message("cli.help.jobs"))
        reading(p, format_help="format_all")
        # --strict was how to get a non-zero status; every command now has it by default
        p.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)
        p.add_argument(
            "--no-cross-year",
            dest="cross_year",
            action="store_false",
            help=message("cli.help.cross_year"),
        )
        p.add_argument(
            "--no-progress",
            dest="progress",
            action="store_false",
            help=message("cli.help.progress"),
        )
        p.set_defaults(func=cmd_batch)

    def compare(p: argparse.ArgumentParser) -> None:
        from govreport.compare.command import add_arguments as add_compare_arguments

        add_compare_arguments(p)
        p.set_defaults(func=cmd_compare)

    def cells(p: argparse.ArgumentParser) -> None:
        with_files(p, many=False)
        p.set_defaults(func=cmd_cells, files=None)

    def fmts(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help=message("cli.help.formats_json"))
        p.set_defaults(func=cmd_formats)

    options = {
        "show": show,
        "validate": check,
        "batch": batch,
        "compare": compare,
        "cells": cells,
        "formats": fmts,
    }
    for name in COMMANDS:
        text = message(f"cli.help.{name}")
        if name in commands:
            options[name](
                _parser(name, sub, help=text, description=text, epilog=message("cli.epilog"))
            )
        else:  # listed in the help and in a wrong command's error, chosen by no argument
            sub.add_parser(name, help=text, add_help=False)
    return parser


# --- running a command -----------------------------------------------------------------------


def _language_of(argv: Sequence[str]) -> Language | None:
    """``--lang`` from the arguments before they are parsed: --help is written in it."""
    for i, arg in enumerate(argv):
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGUAGES:
            return parse_language(value)
    return None


def _command_name(argv: Sequence[str]) -> str:
    for arg in argv:
        if arg in COMMANDS:
            return f"govreport {arg}"
    return "govreport"


@contextlib.contextmanager
def _logging(verbose: int, quiet: bool) -> Iterator[None]:
    """govreport's log on stderr for this run: warnings by default, -v info, -vv debug,
    -q errors only. Plugin warnings arrive through the log, not the warnings module."""
    level = ERROR if quiet else {0: WARNING, 1: INFO}.get(verbose, DEBUG)
    logger = log.logger()
    if logger is None:  # nothing imported the logging module: the log writes the lines
        log.to_stream(sys.stderr, level)
    else:
        import logging

        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("govreport: %(message)s"))
        saved = logger.level
        logger.addHandler(handler)
        logger.setLevel(level)
    try:
        with warnings.catch_warnings():
            for lang in LANGUAGES:  # "govreport format plugin …" / "govreport 格式插件 …"
                said = message("plugin.skipped", lang, name="", entry_point="", problem="")
                prefix = said.split("（")[0].split(" (")[0]
                warnings.filterwarnings(
                    "ignore", message=re.escape(prefix), category=RuntimeWarning
                )
            yield
    finally:
        if logger is None:
            log.to_stream(None)
        else:
            logger.removeHandler(handler)
            logger.setLevel(saved)


@contextlib.contextmanager
def _language(lang: Language | None) -> Iterator[None]:
    """Messages in ``lang``, here and in the worker processes a batch starts."""
    saved = os.environ.get(LANG_ENV)
    if lang is not None:
        os.environ[LANG_ENV] = lang
    try:
        with _use_language(lang):
            yield
    finally:
        if lang is not None:
            if saved is None:
                os.environ.pop(LANG_ENV, None)
            else:
                os.environ[LANG_ENV] = saved


@contextlib.contextmanager
def _noticing_interrupts() -> Iterator[Callable[[], bool]]:
    """Ctrl-C raises KeyboardInterrupt as Python's own handler does, and is remembered:
    the function yielded says whether it was pressed. A dependency may turn the
    KeyboardInterrupt into an error of its own (numpy does, when Ctrl-C lands in its
    import: an ImportError, and a refused file for each source after it); the batch
    still stops as interrupted. Off the main thread, or when the program has a handler
    of its own, Python's handling stays as it is."""
    import signal
    import threading

    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield lambda: False
        return
    pressed = False

    def handler(signum: int, frame: object) -> None:
        nonlocal pressed
        pressed = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, handler)
    try:
        yield lambda: pressed
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _stdout_closed() -> int:
    # Whatever is still buffered would fail again at exit, with a message Python
    # prints itself; stdout goes to devnull so that the exit is quiet.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_CLOSED_PIPE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (see the module docstring)."""
    if argv is None:  # the process is the command line (the script, python -m govreport)
        # What the imports made (modules, classes, functions) lives until the process
        # ends: out of the cyclic collector's sight, its passes over them, mostly those at
        # exit, no longer cost a tenth of a short command. Never for a caller in-process:
        # frozen objects are never collected.
        gc.freeze()
    args_list = list(sys.argv[1:] if argv is None else argv)
    run = Run(_command_name(args_list), debug=os.environ.get(DEBUG_ENV, "") not in ("", "0"))
    with _language(_language_of(args_list) or current_language()):
        try:
            return _main(args_list, run)
        except UsageError as exc:
            run.error(message("cli.error.usage", detail=exc, prog=run.prog), exc.status, exc)
            return run.status
        except CommandError as exc:
            run.error(str(exc), exc.status, exc)
            return run.status
        except KeyboardInterrupt as exc:
            if run.debug:
                _print_traceback(exc)
            print(f"{run.prog}: {message('cli.error.interrupted')}", file=sys.stderr)
            return EXIT_INTERRUPTED
        except BrokenPipeError:
            return _stdout_closed()
        except Exception as exc:  # a bug: one line, the traceback on request
            text = message("cli.error.internal", kind=type(exc).__name__, detail=exc)
            run.error(text, EXIT_INTERNAL, exc)
            return EXIT_INTERNAL


def _main(argv: list[str], run: Run) -> int:
    try:
        with argparse_in_language():  # argparse's own sentences too
            # argparse chooses a command only by its exact name
            args = build_parser([name for name in COMMANDS if name in argv]).parse_args(argv)
    except SystemExit as exc:  # --help and --version
        sys.stdout.flush()
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    run.debug = run.debug or args.debug
    run.quiet = args.quiet
    if args.command == "cells" and isinstance(args.files, str):
        args.files = [args.files]
    with _logging(args.verbose, args.quiet):
        args.func(args, run)
    sys.stdout.flush()  # a closed pipe shows here, inside the handler, not at exit
    return run.status


if __name__ == "__main__":
    sys.exit(main())
