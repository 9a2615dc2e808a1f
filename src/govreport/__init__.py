"""govreport: Chinese government information-disclosure annual reports as validated data.

>>> import govreport
>>> report = govreport.load("report.pdf")
>>> report.cells()["t3.new.total"]
>>> govreport.validate(report)
"""

from __future__ import annotations

from govreport.api import dump, dumps, load, read_document
from govreport.batch import BatchOptions, Result, load_many
from govreport.build import BuildOptions, build
from govreport.document import Document, Location
from govreport.errors import (
    EncryptedDocumentError,
    GovReportError,
    InputTooLargeError,
    LegacyReportError,
    NotAReportError,
    NoTextLayerError,
    ParseError,
    PluginError,
    UnsupportedFormatError,
    WriteError,
)
from govreport.model import (
    Cell,
    CellState,
    Finding,
    Metadata,
    Report,
    Section,
    Severity,
    Table,
)
from govreport.plugins import INTERFACE_VERSION, Format, FormatInfo, formats
from govreport.source import Source
from govreport.validate import RULES, validate

__version__ = "0.1.0"

__all__ = [
    "INTERFACE_VERSION",
    "RULES",
    "BatchOptions",
    "BuildOptions",
    "Cell",
    "CellState",
    "Document",
    "EncryptedDocumentError",
    "Finding",
    "Format",
    "FormatInfo",
    "GovReportError",
    "InputTooLargeError",
    "LegacyReportError",
    "Location",
    "Metadata",
    "NoTextLayerError",
    "NotAReportError",
    "ParseError",
    "PluginError",
    "Report",
    "Result",
    "Section",
    "Severity",
    "Source",
    "Table",
    "UnsupportedFormatError",
    "WriteError",
    "__version__",
    "build",
    "dump",
    "dumps",
    "formats",
    "load",
    "load_many",
    "read_document",
    "validate",
]
