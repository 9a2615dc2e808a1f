"""The one obvious call: ``load(source) -> Report``."""

from __future__ import annotations

import os

from govreport.build import BuildOptions, build
from govreport.document import Document
from govreport.errors import (
    GovReportError,
    ParseError,
    PluginError,
    UnsupportedFormatError,
    WriteError,
)
from govreport.model import Report
from govreport.plugins import Format, ReportFormat, registry
from govreport.source import DEFAULT_MAX_BYTES, Source, SourceLike, open_source


def read_document(
    source: SourceLike | Source, *, format: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """The neutral document a format plugin reads from ``source`` (before the builder)."""
    src = open_source(source, max_bytes=max_bytes)
    if not src.data.strip():
        raise ParseError("the input is empty", where=src.name)
    plugin = registry().choose(src, format)
    try:
        document = plugin.read(src)
    except GovReportError:
        raise
    except RecursionError as exc:
        raise ParseError(
            f"the {plugin.name} reader gave up on deeply nested input", where=src.name
        ) from exc
    except Exception as exc:
        # A plugin must raise only govreport's errors; a foreign one still reaches the
        # caller as ours, naming the plugin, with the original chained.
        raise PluginError(
            f"the {plugin.name!r} format plugin failed on this input: {type(exc).__name__}: {exc}"
        ) from exc
    if not isinstance(document, Document):
        raise PluginError(
            f"the {plugin.name!r} format plugin returned {type(document).__name__}, not a Document"
        )
    return document


def load(
    source: SourceLike,
    *,
    format: str | None = None,
    options: BuildOptions | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Report:
    """Read one annual report from a path, bytes or a binary file object.

    The format is ``format`` when given, else the file extension's, else the one whose
    plugin recognises the content. Raises a :class:`govreport.GovReportError` subclass
    for input it cannot read: :class:`ParseError` (and its subclasses) for a broken
    file, :class:`UnsupportedFormatError` when no plugin reads it,
    :class:`NotAReportError` / :class:`LegacyReportError` for a document that is not a
    2019+ annual report.
    """
    src = open_source(source, max_bytes=max_bytes)
    if src.data.strip():
        plugin = registry().choose(src, format)
        if isinstance(plugin, ReportFormat):
            return _read_report(plugin, src)
    document = read_document(src, format=format, max_bytes=max_bytes)
    return build(document, source=src.name, options=options)


def _read_report(plugin: ReportFormat, src: Source) -> Report:
    """A saved report from a format that stores reports (JSON), bypassing the builder."""
    try:
        report = plugin.read_report(src)
    except GovReportError:
        raise
    except RecursionError as exc:
        raise ParseError(f"the {plugin.name} reader gave up on deeply nested input", where=src.name) from exc
    except Exception as exc:
        raise PluginError(
            f"the {plugin.name!r} format plugin failed on this input: {type(exc).__name__}: {exc}"
        ) from exc
    if not isinstance(report, Report):
        raise PluginError(f"the {plugin.name!r} format plugin returned {type(report).__name__}, not a Report")
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
        writers = ", ".join(p.name for p in registry().ordered() if callable(getattr(p, "write", None)))
        raise WriteError(f"the {plugin.name!r} format reads reports but cannot write them (writers: {writers})")
    try:
        data = write(report)
    except GovReportError:
        raise
    except Exception as exc:
        raise WriteError(f"the {plugin.name!r} writer failed: {type(exc).__name__}: {exc}") from exc
    if not isinstance(data, bytes):
        raise PluginError(f"the {plugin.name!r} writer returned {type(data).__name__}, not bytes")
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
                f"no installed format writes {'.' + extension if extension else 'files without an extension'}"
                "; pass format="
            )
        format = writable[0].name
    data = dumps(report, format)
    try:
        with open(target, "wb") as out:
            out.write(data)
    except OSError as exc:
        raise WriteError(f"cannot write {target}: {exc.strerror or exc}") from exc


__all__ = ["dump", "dumps", "load", "read_document"]
