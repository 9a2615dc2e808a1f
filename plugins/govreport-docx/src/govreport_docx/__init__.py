"""govreport-docx: a govreport format plugin that reads and writes Word ``.docx`` reports.

Installed next to govreport, it registers the ``docx`` format through the
``govreport.formats`` entry point; ``govreport.load("report.docx")`` then finds it.
Old Word (``.doc``), WPS Writer (``.wps``), RTF and OpenDocument (``.odt``) files are
converted to ``.docx`` by LibreOffice when it is installed (:mod:`.convert`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from govreport.errors import ParseError

# Only the magic bytes here: govreport imports this module to sniff any file, even a
# .txt; the reader (zipfile, XML) and the converter (subprocess) load in read().
from govreport_docx.magic import (
    ENCRYPTED_STREAM,
    ODT_MIMETYPE,
    OLE2_MAGIC,
    RTF_MAGIC,
    WORD_STREAM,
    ZIP_MAGIC,
)
from govreport_docx.messages import message

if TYPE_CHECKING:
    from govreport.document import Document
    from govreport.model import Report
    from govreport.source import Source

    from govreport_docx.reader import read_docx

__version__ = "0.1.0"

#: Names every .docx package carries near its start (the zip's local file headers).
_DOCX_MARKERS = (b"word/", b"[Content_Types].xml")


#: Formats read by converting them to .docx with LibreOffice, by extension.
CONVERTED = ("doc", "wps", "rtf", "odt")


def converted_kind(data: bytes, extension: str) -> str | None:
    """The extension to convert the file ``data`` as, or None for a file read as it is.
    An encrypted Office package (OLE2 too) is not converted: the reader refuses it. An
    OLE2 file's directory, which names its streams, may stand anywhere in the file."""
    if data.startswith(OLE2_MAGIC) and ENCRYPTED_STREAM not in data:
        if extension == "wps":
            return "wps"
        return "doc" if WORD_STREAM in data else None
    if data.startswith(RTF_MAGIC):
        return "rtf"
    if data.startswith(ZIP_MAGIC) and ODT_MIMETYPE in data[:256]:
        return "odt"
    return None


class DocxFormat:
    """Word 2007+ documents (``.docx``), and through LibreOffice old Word (``.doc``),
    WPS Writer (``.wps``), RTF and OpenDocument text (``.odt``)."""

    name: ClassVar[str] = "docx"
    extensions: ClassVar[tuple[str, ...]] = ("docx", *CONVERTED)
    media_types: ClassVar[tuple[str, ...]] = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/msword",
        "application/rtf",
        "application/vnd.oasis.opendocument.text",
    )
    interface_version: ClassVar[int] = 1
    priority: ClassVar[int] = 50

    def sniff(self, head: bytes) -> bool:
        if head.startswith(ZIP_MAGIC):
            if ODT_MIMETYPE in head[:256]:
                return True
            window = head[:65536]
            return b"word/" in window or (
                _DOCX_MARKERS[1] in window and b"xl/" not in window and b"ppt/" not in window
            )
        if head.startswith(OLE2_MAGIC):
            # an OLE2 file is Word only if it holds a WordDocument stream (or is an
            # encrypted Office package); Excel and PowerPoint 97-2003 files are not ours
            window = head[:65536]
            return WORD_STREAM in window or ENCRYPTED_STREAM in window
        return head.startswith(RTF_MAGIC)

    def read(self, source: Source) -> Document:
        if not source.data:
            raise ParseError(message("error.empty"), where=source.name)
        from govreport_docx.reader import read_docx

        kind = converted_kind(source.data, source.extension)
        if kind is None:
            return read_docx(source.data, source.name)
        from govreport_docx.convert import to_docx

        return read_docx(to_docx(source.data, source.name, kind), source.name)

    def write(self, report: Report) -> bytes:
        from govreport_docx.writer import write_docx

        return write_docx(report)


def __getattr__(name: str) -> Any:
    """``read_docx`` and ``to_docx``, imported on first use (PEP 562)."""
    if name == "read_docx":
        from govreport_docx.reader import read_docx

        return read_docx
    if name == "to_docx":
        from govreport_docx.convert import to_docx

        return to_docx
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["CONVERTED", "DocxFormat", "__version__", "converted_kind", "read_docx"]
