"""The library's own exceptions: every refusal a caller can catch without knowing a dependency."""

from __future__ import annotations


def _with_where(message: str, where: str | None) -> str:
    if not where:
        return message
    from govreport.messages import message as words

    return words("error.where", message=message, where=where)


class GovReportError(Exception):
    """Base class of every error govreport raises on purpose."""


class ParseError(GovReportError, ValueError):
    """The input claims a format (by name, extension or content) but cannot be read as it.

    ``where`` says where reading stopped (a page, a byte offset, a line), when known.
    """

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(_with_where(message, where))
        self.where = where


class SourceNotFoundError(ParseError):
    """The path names no file, or names a folder (``govreport batch`` reads folders)."""


class LimitExceededError(GovReportError):
    """Reading stopped at one of the budgets of :class:`govreport.limits.Limits`
    (bytes, pages, inflated bytes, glyphs, table cells, nesting, seconds).

    ``limit`` is the name of the budget that was hit, the :class:`~govreport.limits.Limits`
    field that raises it; the message says the value and how to raise it.
    """

    def __init__(self, message: str, *, limit: str = "", where: str | None = None) -> None:
        super().__init__(_with_where(message, where))
        self.limit = limit
        self.where = where

    def __reduce__(self) -> tuple[object, ...]:
        # the message already holds ``where``; keyword arguments do not survive the
        # default pickling of exceptions, which a batch needs to send this back
        return (type(self), (str(self),), {"limit": self.limit, "where": self.where})


class InputTooLargeError(LimitExceededError, ParseError):
    """The input is larger than the reader's configured limit."""

    def __init__(self, message: str, *, where: str | None = None, limit: str = "bytes") -> None:
        super().__init__(message, limit=limit, where=where)


class EncryptedDocumentError(ParseError):
    """The document is encrypted and cannot be read without its password."""


class NoTextLayerError(ParseError):
    """The document has no text to read (a scan); it needs OCR first."""


class UnsupportedFormatError(GovReportError, ValueError):
    """No installed format plugin accepts the input, or the named format is unknown."""


class NotAReportError(GovReportError, ValueError):
    """The input reads fine but is not a 2019+ government information-disclosure annual report."""


class LegacyReportError(NotAReportError):
    """A pre-2019 free-form annual report: out of scope, refused rather than half-read."""

    def __init__(self, message: str, *, year: int | None = None) -> None:
        super().__init__(message)
        self.year = year


class PluginError(GovReportError, RuntimeError):
    """A format plugin broke its contract (returned the wrong type, raised a foreign error)."""


class WriteError(GovReportError, ValueError):
    """A report cannot be written in the requested format."""
