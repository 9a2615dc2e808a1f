"""The one obvious call: ``load(source) -> Report``."""

from __future__ import annotations

from govreport.build import BuildOptions, build
from govreport.document import Document
from govreport.errors import GovReportError, ParseError, PluginError
from govreport.model import Report
from govreport.plugins import registry
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
    document = read_document(src, format=format, max_bytes=max_bytes)
    return build(document, source=src.name, options=options)


__all__ = ["load", "read_document"]
