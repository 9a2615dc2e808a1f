"""govreport's conformance kit on this plugin, as any third-party plugin would run it:
metadata, registration through the entry point, sniff, read on junk, and round trips."""

from __future__ import annotations

from pathlib import Path

from govreport.testing import FormatConformance

from govreport_docx import DocxFormat

DATA = Path(__file__).parent / "data"


class TestDocxConformance(FormatConformance):
    plugin = DocxFormat
    samples = (DATA / "pingtan_2023_page_libreoffice.docx",)
