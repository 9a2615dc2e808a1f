"""govreport's conformance kit on the OCR plugin, as any third-party plugin would run it."""

from __future__ import annotations

import io

import numpy as np
from govreport.testing import FormatConformance, KitOptions

from govreport_ocr import OcrFormat, scans
from samples import CORPUS_PDFS, pdf_bytes


def _title_png() -> bytes:
    """A small PNG: the title lines of the Huai'an report, scanned at 150 dpi (a quick read)."""
    from PIL import Image

    page = scans.render_pages(pdf_bytes(CORPUS_PDFS[0]), 150, [1])[0]
    # the two title lines only, without noise: a few kilobytes, read in a second or two
    strip = scans.scan_image(
        page[150:330, 150:1100], scans.ScanSettings(dpi=150, angle=0.0, noise=0.0), seed=7
    )
    out = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(strip)).save(out, "PNG", dpi=(150, 150))
    return out.getvalue()


class TestOcrConformance(FormatConformance):
    plugin = OcrFormat
    samples = (_title_png(),)
    # every junk read that decodes runs the recogniser: fewer examples keep the kit
    # quick, and a read may take longer than a text format's (OCR on a shared machine)
    options = KitOptions(junk_examples=12, read_seconds=60.0)
