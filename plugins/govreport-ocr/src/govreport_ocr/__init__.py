"""govreport-ocr: a govreport format plugin that reads scanned reports and table images.

Installed next to govreport, it registers the ``ocr`` format through the
``govreport.formats`` entry point. ``govreport.load("scan.pdf")`` then reads a PDF
without a text layer, a PDF whose tables are pictures, and image files
(``.png .jpg .jpeg .tif .tiff``; a multi-page TIFF is one document). A text PDF is
read by govreport's own PDF reader, unchanged. Numbers are recognised offline with
RapidOCR's packaged models; a value that is not read with certainty is left blank
with an ``S-ocr-uncertain`` finding.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, ClassVar

from govreport.errors import ParseError

from govreport_ocr.messages import message

if TYPE_CHECKING:
    from govreport.document import Document
    from govreport.source import Source

    from govreport_ocr.engine import EngineUnavailableError, OcrEngine, RapidOcrEngine, TextLine
    from govreport_ocr.reader import MIN_CONFIDENCE, OcrOptions

# The entry point imports this module whenever govreport looks for a reader, also for a
# .txt: the OCR stack (numpy, OpenCV, onnxruntime) is imported on the first read or the
# first use of one of these names, not here.
_WHERE = {
    "EngineUnavailableError": "engine",
    "OcrEngine": "engine",
    "RapidOcrEngine": "engine",
    "TextLine": "engine",
    "MIN_CONFIDENCE": "reader",
    "OcrOptions": "reader",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'govreport_ocr' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"govreport_ocr.{module}"), name)
    globals()[name] = value
    return value


__version__ = "0.1.0"

#: How image files start: PNG, JPEG, and TIFF in both byte orders.
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


class OcrFormat:
    """Scanned PDFs, PDFs with pictured tables, and page images.

    It claims PDF with a higher priority than the built-in reader so that a scan just
    works; a PDF with a text layer and no large pictures is read by the built-in
    reader and returned as it reads it.
    """

    name: ClassVar[str] = "ocr"
    extensions: ClassVar[tuple[str, ...]] = ("png", "jpg", "jpeg", "tif", "tiff", "pdf")
    media_types: ClassVar[tuple[str, ...]] = (
        "image/png",
        "image/jpeg",
        "image/tiff",
        "application/pdf",
    )
    interface_version: ClassVar[int] = 1
    priority: ClassVar[int] = 60

    def __init__(self, options: OcrOptions | None = None) -> None:
        self._options = options

    @property
    def options(self) -> OcrOptions:
        if self._options is None:
            from govreport_ocr.reader import OcrOptions

            self._options = OcrOptions()
        return self._options

    def sniff(self, head: bytes) -> bool:
        return head.startswith(IMAGE_MAGIC) or b"%PDF-" in head[:1024]

    def read(self, source: Source) -> Document:
        data = source.data
        if not data:
            raise ParseError(message("error.empty"), where=source.name)
        if data.startswith(IMAGE_MAGIC):
            from govreport_ocr.images import image_pages
            from govreport_ocr.reader import read_pages

            pages = image_pages(data, source.name, max_pages=self.options.max_pages)
            return read_pages(pages, self.options, source.name)
        if b"%PDF-" in data[:1024]:
            from govreport_ocr.pdf import read_pdf_with_ocr

            return read_pdf_with_ocr(data, source.name, self.options, password=source.password)
        raise ParseError(message("ocr.not_scan"), where=source.name)


__all__ = [
    "MIN_CONFIDENCE",
    "EngineUnavailableError",
    "OcrEngine",
    "OcrFormat",
    "OcrOptions",
    "RapidOcrEngine",
    "TextLine",
    "__version__",
]
