"""govreport-docx: a govreport format plugin that reads and writes Word ``.docx`` reports.

Installed next to govreport, it registers the ``docx`` format through the
``govreport.formats`` entry point; ``govreport.load("report.docx")`` then finds it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from govreport.document import Document
from govreport.errors import ParseError
from govreport.source import Source

from govreport_docx.reader import ENCRYPTED_STREAM, OLE2_MAGIC, WORD_STREAM, ZIP_MAGIC, read_docx

if TYPE_CHECKING:
    from govreport.model import Report

__version__ = "0.1.0"

#: Names every .docx package carries near its start (the zip's local file headers).
_DOCX_MARKERS = (b"word/", b"[Content_Types].xml")


class DocxFormat:
    """Word 2007+ documents (``.docx``). Old binary ``.doc`` files are recognised and
    refused with an error that says how to convert them."""

    name: ClassVar[str] = "docx"
    # "doc" is claimed so that a .doc file reaches this plugin and gets the clear
    # "save it as .docx" error rather than "no installed format reads .doc files".
    extensions: ClassVar[tuple[str, ...]] = ("docx", "doc")
    media_types: ClassVar[tuple[str, ...]] = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/msword",
    )
    interface_version: ClassVar[int] = 1
    priority: ClassVar[int] = 50

    def sniff(self, head: bytes) -> bool:
        if head.startswith(ZIP_MAGIC):
            window = head[:65536]
            return b"word/" in window or (
                _DOCX_MARKERS[1] in window and b"xl/" not in window and b"ppt/" not in window
            )
        if head.startswith(OLE2_MAGIC):
            # an OLE2 file is Word only if it holds a WordDocument stream (or is an
            # encrypted Office package); Excel and PowerPoint 97-2003 files are not ours
            window = head[:65536]
            return WORD_STREAM in window or ENCRYPTED_STREAM in window
        return False

    def read(self, source: Source) -> Document:
        if not source.data:
            raise ParseError("the input is empty", where=source.name)
        return read_docx(source.data, source.name)

    def write(self, report: Report) -> bytes:
        from govreport_docx.writer import write_docx

        return write_docx(report)


__all__ = ["DocxFormat", "__version__", "read_docx"]
