"""Make scans of text PDFs, as a scanner and a careless clerk would: for tests and benchmarks.

Each page is rendered in grayscale at a given resolution, turned by a small angle,
given mild sensor noise and saved as a JPEG inside an image-only PDF. Everything is
decided by a seed, so the same call makes the same bytes: tests build their scans
from the committed text PDFs instead of committing megabytes of images.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence

import attrs
import numpy as np

from govreport_ocr.engine import Image
from govreport_ocr.grid import rotate


@attrs.frozen
class ScanSettings:
    """How a page is scanned."""

    dpi: int = 200
    #: degrees, counter-clockwise; the issue's scans are turned by 0.3-1.0°
    angle: float = 0.6
    #: standard deviation of the Gaussian noise added to each pixel (0-255 scale)
    noise: float = 6.0
    jpeg_quality: int = 70


def settings_for(dpi: int, seed: int) -> ScanSettings:
    """Deterministic scan settings in the issue's ranges: angle ±0.3-1.0°, JPEG 60-75."""
    rng = random.Random(seed * 1000 + dpi)
    angle = rng.uniform(0.3, 1.0) * rng.choice((-1, 1))
    return ScanSettings(dpi=dpi, angle=round(angle, 3), jpeg_quality=rng.randint(60, 75))


def render_pages(pdf: bytes, dpi: int, pages: Sequence[int] | None = None) -> list[Image]:
    """Pages (1-based numbers; all when None) of a PDF as grayscale images."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        numbers = list(pages) if pages is not None else list(range(1, len(document) + 1))
        images = []
        for number in numbers:
            page = document[number - 1]
            pixels = page.render(scale=dpi / 72, grayscale=True).to_numpy()
            images.append(np.ascontiguousarray(pixels if pixels.ndim == 2 else pixels[:, :, 0]))
            page.close()
        return images
    finally:
        document.close()


def scan_image(image: Image, settings: ScanSettings, seed: int) -> Image:
    """One page as the scanner gives it: turned, with noise (before JPEG compression)."""
    turned = np.asarray(rotate(image, settings.angle), dtype=np.float32)
    rng = np.random.default_rng(seed)
    noisy = turned + rng.normal(0.0, settings.noise, turned.shape)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def images_to_pdf(images: Sequence[Image], dpi: int, jpeg_quality: int) -> bytes:
    """An image-only PDF, one JPEG page per image, pages sized for ``dpi``."""
    from PIL import Image as PILImage

    pictures = [PILImage.fromarray(image, mode="L") for image in images]
    out = io.BytesIO()
    pictures[0].save(
        out,
        "PDF",
        save_all=True,
        append_images=pictures[1:],
        resolution=float(dpi),
        quality=jpeg_quality,
    )
    return out.getvalue()


def scan_pdf(
    pdf: bytes, settings: ScanSettings, *, pages: Sequence[int] | None = None, seed: int = 0
) -> bytes:
    """A scanned, image-only copy of ``pdf`` (the chosen pages only)."""
    images = [
        scan_image(image, settings, seed + index)
        for index, image in enumerate(render_pages(pdf, settings.dpi, pages))
    ]
    return images_to_pdf(images, settings.dpi, settings.jpeg_quality)


def page_png(pdf: bytes, page: int, settings: ScanSettings, *, seed: int = 0) -> bytes:
    """One scanned page as a PNG file (the JPEG artefacts kept: compressed, then decoded)."""
    from PIL import Image as PILImage

    image = scan_image(render_pages(pdf, settings.dpi, [page])[0], settings, seed)
    jpeg = io.BytesIO()
    PILImage.fromarray(image, mode="L").save(jpeg, "JPEG", quality=settings.jpeg_quality)
    decoded = PILImage.open(io.BytesIO(jpeg.getvalue()))
    out = io.BytesIO()
    decoded.save(out, "PNG", dpi=(settings.dpi, settings.dpi))
    return out.getvalue()


__all__ = [
    "ScanSettings",
    "images_to_pdf",
    "page_png",
    "render_pages",
    "scan_image",
    "scan_pdf",
    "settings_for",
]
