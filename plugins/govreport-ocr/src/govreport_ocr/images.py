"""Page images from the input: a scanned PDF's pages, an image file's frames.

Each page comes with the resolution it was scanned at, so that lengths on the page
can be measured in inches. A PDF page is rendered at the resolution of the largest
image it shows (a scan's own pixels), at most MAX_DPI; an image file says its
resolution, or is taken to be an A4 page in portrait.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterator

import attrs
import numpy as np
from govreport.errors import InputTooLargeError, ParseError

from govreport_ocr.engine import Image
from govreport_ocr.messages import message

#: Pages are rendered at no more than this resolution: finer only costs time and memory.
#: The recogniser sees every line 48 pixels high, about the height of body text at 200
#: dpi, so a 300 dpi scan gives it nothing more; finding rules and lines on a page
#: rendered at 300 dpi took more than twice as long.
MAX_DPI = 200
#: Resolution for a PDF page that shows no image (vector art) or one of unknown size.
DEFAULT_DPI = 200
#: Below this resolution digits are a few pixels tall and cannot be told apart.
MIN_DPI = 100
#: An image with more pixels than this is refused (a decompression bomb, not a page).
MAX_PIXELS = 60_000_000
#: Width of an A4 page in inches, to estimate an image file's resolution.
A4_WIDTH_INCHES = 8.27


@attrs.frozen
class PageImage:
    """One page: its number (1-based), grayscale pixels and resolution in dots per inch."""

    number: int
    gray: Image = attrs.field(repr=False)
    dpi: float


def pdf_pages(
    data: bytes,
    name: str | None,
    *,
    max_pages: int,
    only: Collection[int] | None = None,
    password: str | None = None,
) -> Iterator[PageImage]:
    """The pages of a PDF (those numbered in ``only``, when given), rendered at the
    resolution of their scans."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        raise ParseError(message("ocr.pdf_unreadable", reason=exc), where=name) from exc
    try:
        count = len(document)
        if count > max_pages:
            raise InputTooLargeError(
                message("ocr.pdf_too_many_pages", count=count, limit=max_pages), where=name
            )
        for index in range(count):
            if only is not None and index + 1 not in only:
                continue
            page = document[index]
            try:
                dpi = _scan_dpi(page)
                bitmap = page.render(scale=dpi / 72, grayscale=True)
                yield PageImage(index + 1, _gray(bitmap.to_numpy()), dpi)
            except pdfium.PdfiumError as exc:
                text = message("ocr.page_unrendered", page=index + 1, reason=exc)
                raise ParseError(text, where=name) from exc
            finally:
                page.close()
    finally:
        document.close()


def _scan_dpi(page: object) -> float:
    """The resolution of the largest image on the page, within MIN_DPI..MAX_DPI."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    best = 0.0
    largest = 0.0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):  # type: ignore[attr-defined]
        if not isinstance(obj, pdfium.PdfImage):
            continue
        left, bottom, right, top = obj.get_bounds()
        width_pt = right - left
        area = width_pt * (top - bottom)
        if width_pt <= 0 or area <= largest:
            continue
        pixels = obj.get_px_size()[0]
        largest, best = area, pixels * 72.0 / width_pt
    if best <= 0:
        return float(DEFAULT_DPI)
    return float(min(MAX_DPI, max(MIN_DPI, best)))


def image_pages(data: bytes, name: str | None, *, max_pages: int) -> Iterator[PageImage]:
    """The frames of an image file (a multi-page TIFF is a document)."""
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        picture = PILImage.open(io.BytesIO(data))
        frames = getattr(picture, "n_frames", 1)
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ParseError(message("ocr.image_unreadable", reason=exc), where=name) from exc
    except PILImage.DecompressionBombError as exc:
        raise InputTooLargeError(message("ocr.image_too_large", reason=exc), where=name) from exc
    if frames > max_pages:
        raise InputTooLargeError(
            message("ocr.image_too_many_pages", count=frames, limit=max_pages), where=name
        )
    for index in range(frames):
        try:
            picture.seek(index)
            if picture.width * picture.height > MAX_PIXELS:
                text = message(
                    "ocr.page_too_many_pixels",
                    page=index + 1,
                    width=picture.width,
                    height=picture.height,
                    limit=MAX_PIXELS,
                )
                raise InputTooLargeError(text, where=name)
            gray = np.asarray(picture.convert("L"), dtype=np.uint8)
        except (OSError, ValueError, SyntaxError) as exc:
            text = message("ocr.page_undecodable", page=index + 1, reason=exc)
            raise ParseError(text, where=name) from exc
        yield PageImage(index + 1, gray, _image_dpi(picture.info.get("dpi"), gray.shape[1]))


def _image_dpi(stated: object, width: int) -> float:
    if (
        isinstance(stated, tuple)
        and stated
        and isinstance(stated[0], (int, float))
        and stated[0] >= MIN_DPI
    ):
        return float(min(stated[0], 1200))
    return max(float(MIN_DPI), width / A4_WIDTH_INCHES)


def _gray(pixels: np.ndarray) -> Image:
    if pixels.ndim == 3:
        pixels = pixels[:, :, 0]
    return np.ascontiguousarray(pixels, dtype=np.uint8)


__all__ = ["MAX_DPI", "PageImage", "image_pages", "pdf_pages"]
