"""PDF: reports as published, exported from WPS or Word, read with pdfium or pdfplumber.

This module is only the plugin: what the registry needs to choose it (name,
extensions, sniff) without importing any PDF library. The reading is in
:mod:`.assemble` and the modules it names, imported on the first ``read``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from govreport.document import Document
    from govreport.model import Report
    from govreport.source import Source


class PdfFormat:
    """Reads PDF files: ruled and unruled tables, tables split over pages, running text."""

    name: ClassVar[str] = "pdf"
    extensions: ClassVar[tuple[str, ...]] = ("pdf",)
    media_types: ClassVar[tuple[str, ...]] = ("application/pdf",)
    interface_version: ClassVar[int] = 1
    priority: ClassVar[int] = 50

    def sniff(self, head: bytes) -> bool:
        # The header may follow some junk bytes; readers accept it within the first KiB.
        return b"%PDF-" in head[:1024]

    def read(self, source: Source) -> Document:
        from govreport.formats.pdf.assemble import read_pdf

        return read_pdf(source.data, source.name, password=source.password)

    #: modules the writer imports on first use (``govreport formats`` names missing ones)
    write_requires: ClassVar[tuple[str, ...]] = ("reportlab",)

    def write(self, report: Report) -> bytes:
        from govreport.writers.pdf import write_pdf

        return write_pdf(report)


def read_pdf(
    data: bytes,
    name: str | None = None,
    engine: str | None = None,
    *,
    password: str | None = None,
) -> Document:
    """The neutral document of a PDF's bytes, read by ``engine`` (see
    :mod:`govreport.pdfengine`; ``None``: load's option, else the environment, else
    pdfium); ``password`` opens an encrypted one."""
    from govreport.formats.pdf.assemble import read_pdf as read

    return read(data, name, engine, password=password)


__all__ = ["PdfFormat", "read_pdf"]
