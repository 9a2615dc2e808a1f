"""govreport: Chinese government information-disclosure annual reports as validated data.

>>> import govreport
>>> report = govreport.load("report.pdf")
>>> report.cells()["t3.new.total"]
>>> govreport.validate(report)
"""

from __future__ import annotations

import sys
import types

# typing.TYPE_CHECKING without importing typing, which was most of ``import govreport``;
# type checkers take any name TYPE_CHECKING as true
TYPE_CHECKING = False

# Each public name and the module that defines it. The modules are imported on first
# use (PEP 562), so ``import govreport`` costs next to nothing and imports no parser:
# a script that reads text files never loads the PDF, HTML or Word code.
_WHERE = {
    "BatchOptions": "batch",
    "BuildOptions": "build",
    "Cell": "model",
    "CellState": "model",
    "Document": "document",
    "EncryptedDocumentError": "errors",
    "Finding": "model",
    "Format": "plugins",
    "FormatInfo": "plugins",
    "GovReportError": "errors",
    "INTERFACE_VERSION": "plugins",
    "InputTooLargeError": "errors",
    "LegacyReportError": "errors",
    "LimitExceededError": "errors",
    "Limits": "limits",
    "Location": "document",
    "Metadata": "model",
    "NoTextLayerError": "errors",
    "NotAReportError": "errors",
    "ParseError": "errors",
    "PluginError": "errors",
    "RULES": "validate",
    "Report": "model",
    "Result": "batch",
    "Section": "model",
    "Severity": "model",
    "Source": "source",
    "SourceNotFoundError": "errors",
    "Table": "model",
    "UnsupportedFormatError": "errors",
    "WriteError": "errors",
    "build": "build",
    "dump": "api",
    "dumps": "api",
    "formats": "plugins",
    "load": "api",
    "load_many": "batch",
    "read_document": "api",
    "validate": "validate",
}

if TYPE_CHECKING:
    from typing import Any

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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'govreport' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"govreport.{module}"), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """Keeps ``govreport.build``, ``.validate`` and ``.formats`` the functions: importing
    the submodule of the same name would otherwise set the attribute to the module."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and name in _WHERE:
            return  # the submodule stays reachable through sys.modules and from-imports
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


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
