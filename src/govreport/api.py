"""The one obvious call: ``load(source) -> Report``."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TypeVar

from govreport.build import BuildOptions, build
from govreport.document import Document
from govreport.errors import (
    GovReportError,
    ParseError,
    PluginError,
    UnsupportedFormatError,
    WriteError,
)
from govreport.limits import Limits, budget
from govreport.logs import DEBUG, log
from govreport.messages import Message, message
from govreport.model import Report
from govreport.pdfengine import engine_for_load
from govreport.plugins import Format, registry
from govreport.source import Source, SourceLike, open_source

T = TypeVar("T")


#: the budgets of a load given no options (frozen: one serves every load)
_DEFAULT_LIMITS = Limits()


def _choose(src: Source, format: str | None) -> Format:
    if not src.data or src.data.isspace():
        raise ParseError(message("error.empty"), where=src.name)
    return registry().choose(src, format)


def _guarded(plugin: Format, src: Source, call: Callable[[Source], T]) -> T:
    """Run a plugin's reader; a foreign exception reaches the caller as govreport's own,
    naming the plugin, with the original chained (a plugin must raise only ours)."""
    try:
        return call(src)
    except GovReportError:
        raise
    except RecursionError as exc:
        raise ParseError(message("plugin.too_deep", name=plugin.name), where=src.name) from exc
    except Exception as exc:
        raise PluginError(
            message("plugin.failed", name=repr(plugin.name), error=f"{type(exc).__name__}: {exc}")
        ) from exc


def _read(plugin: Format, src: Source) -> Document:
    document = _guarded(plugin, src, plugin.read)
    if not isinstance(document, Document):
        raise PluginError(
            message("plugin.not_document", name=repr(plugin.name), kind=type(document).__name__)
        )
    return document


def read_document(
    source: SourceLike | Source,
    *,
    format: str | None = None,
    max_bytes: int | None = None,
    limits: Limits | None = None,
    password: str | None = None,
) -> Document:
    """The neutral document a format plugin reads from ``source`` (before the builder),
    within ``limits`` (docs/limits.md). ``password`` opens an encrypted PDF."""
    limits = limits or Limits()
    with budget(limits):
        src = open_source(
            source, max_bytes=limits.bytes if max_bytes is None else max_bytes, password=password
        )
        return _read(_choose(src, format), src)


def load(
    source: SourceLike,
    *,
    format: str | None = None,
    options: BuildOptions | None = None,
    max_bytes: int | None = None,
    password: str | None = None,
) -> Report:
    """Read one annual report from a path, bytes or a binary file object.

    The format is ``format`` when given, else the file extension's, else the one whose
    plugin recognises the content. Raises a :class:`govreport.GovReportError` subclass
    for input it cannot read: :class:`ParseError` (and its subclasses) for a broken
    file, :class:`UnsupportedFormatError` when no plugin reads it,
    :class:`NotAReportError` / :class:`LegacyReportError` for a document that is not a
    2019+ annual report, :class:`LimitExceededError` for one past a budget of
    ``options.limits`` (docs/limits.md; ``max_bytes``, when given, is ``limits.bytes``).

    ``password`` opens an encrypted PDF; without it (or with a wrong one) such a file
    raises :class:`EncryptedDocumentError`.
    """
    started = time.perf_counter()
    limits = options.limits if options is not None else _DEFAULT_LIMITS
    with budget(limits):
        limit = limits.bytes if max_bytes is None else max_bytes
        src = open_source(source, max_bytes=limit, password=password)
        if log.isEnabledFor(DEBUG):  # the message is made only for a log that shows it
            log.debug(
                "%s",
                Message.of(
                    "log.size",
                    source=src.name or Message("log.input"),
                    size=len(src.data),
                    limits=limits,
                ),
            )
        plugin = _choose(src, format)
        if registry().is_report_format(plugin):
            # A format that stores whole reports (JSON) gives them back without the builder.
            report = _guarded(plugin, src, plugin.read_report)
            if not isinstance(report, Report):
                raise PluginError(
                    message("plugin.not_report", name=repr(plugin.name), kind=type(report).__name__)
                )
            return report
        with engine_for_load(options.pdf_engine if options is not None else None):
            document = _read(plugin, src)
        report = build(document, source=src.name, options=options)
    if log.isEnabledFor(DEBUG):  # report.cells() builds a dict: not for nothing
        log.debug(
            "%s",
            Message.of(
                "log.read",
                source=src.name or Message("log.input"),
                seconds=time.perf_counter() - started,
                cells=len(report.cells()),
                findings=len(report.findings),
            ),
        )
    return report


def dumps(report: Report, format: str) -> bytes:
    """``report`` written in the named format (``text``, ``markdown``, ``html``, ``pdf``,
    ``json``, or any installed plugin's), through that plugin's ``write``.

    Raises :class:`UnsupportedFormatError` for an unknown format and
    :class:`WriteError` for a format that cannot write or a writer that fails.
    """
    plugin = registry().get(format)
    write = getattr(plugin, "write", None)
    if not callable(write):
        writers = ", ".join(
            p.name for p in registry().ordered() if callable(getattr(p, "write", None))
        )
        raise WriteError(message("write.read_only", name=repr(plugin.name), writers=writers))
    try:
        data = write(report)
    except GovReportError:
        raise
    except Exception as exc:
        raise WriteError(
            message("write.failed", name=repr(plugin.name), error=f"{type(exc).__name__}: {exc}")
        ) from exc
    if not isinstance(data, bytes):
        raise PluginError(
            message("plugin.not_bytes", name=repr(plugin.name), kind=type(data).__name__)
        )
    return data


def dump(report: Report, path: str | os.PathLike[str], *, format: str | None = None) -> None:
    """Write ``report`` to ``path``, in ``format`` or else the one its extension names
    (``.txt``, ``.md``, ``.html``, ``.pdf``, ``.json``)."""
    target = os.fspath(path)
    if format is None:
        extension = os.path.splitext(target)[1].lower().lstrip(".")
        writable: list[Format] = [
            p for p in registry().for_extension(extension) if callable(getattr(p, "write", None))
        ]
        if not writable:
            raise UnsupportedFormatError(
                message("write.no_writer", extension=extension)
                if extension
                else message("write.no_writer_bare")
            )
        format = writable[0].name
    data = dumps(report, format)
    try:
        with open(target, "wb") as out:
            out.write(data)
    except OSError as exc:
        raise WriteError(
            message("write.cannot_write", path=target, reason=exc.strerror or exc)
        ) from exc


__all__ = ["dump", "dumps", "load", "read_document"]
