"""govreport: Chinese government information-disclosure annual reports as validated data.

>>> import govreport
>>> report = govreport.load("report.pdf")
>>> report.cells()["t3.new.total"]
>>> govreport.validate(report)
"""

from __future__ import annotations

import logging

from govreport.api import dump, dumps, load, read_document
from govreport.batch import BatchOptions, Result, load_many
from govreport.build import BuildOptions, build
from govreport.document import Document, Location
from govreport.errors import (
    EncryptedDocumentError,
    GovReportError,
    InputTooLargeError,
    LegacyReportError,
    LimitExceededError,
    NotAReportError,
    NoTextLayerError,
    ParseError,
    PluginError,
    SourceNotFoundError,
    UnsupportedFormatError,
    WriteError,
)
from govreport.limits import Limits
from govreport.model import Cell, Finding, Metadata, Report, Section, Severity, Table
from govreport.plugins import INTERFACE_VERSION, Format, FormatInfo, formats
from govreport.source import Source
from govreport.validate import RULES, validate

__version__ = "0.1.0"

# Silent unless the application configures logging (the command line's -v does).
logging.getLogger("govreport").addHandler(logging.NullHandler())

__all__ = [
    "INTERFACE_VERSION",
    "RULES",
    "BatchOptions",
    "BuildOptions",
    "Cell",
    "Document",
    "EncryptedDocumentError",
    "Finding",
    "Format",
    "FormatInfo",
    "GovReportError",
    "InputTooLargeError",
    "LegacyReportError",
    "LimitExceededError",
    "Limits",
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
    "SourceNotFoundError",
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
