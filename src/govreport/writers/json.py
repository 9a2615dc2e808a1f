"""The JSON writer: :meth:`Report.to_dict` as UTF-8 JSON, and the JSON Schema of that form.

The schema is generated from the model's attrs classes (field names, types, which
are optional), so it cannot drift from :meth:`Report.to_dict`; ``docs/report.schema.json``
is its published copy and a test regenerates and compares it.
"""

from __future__ import annotations

import json
import types
import typing
from decimal import Decimal
from enum import Enum
from typing import Any, Literal, get_args, get_origin

import attrs

from govreport.document import Location
from govreport.model import SCHEMA_VERSION, Cell, Finding, Metadata, Report, Section, Table

SCHEMA_ID = "https://govreport.invalid/report.schema.json"

#: How a decimal travels in JSON: a string of the printed digits.
# str(Decimal) writes "0E-7" for 0.0000000, so an exponent is allowed.
DECIMAL_PATTERN = r"^-?\d+(\.\d+)?(E[+-]?\d+)?$"


def write_json(report: Report) -> bytes:
    """The report's dictionary form, indented, Chinese kept as characters."""
    return (json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- schema ------------------------------------------------------------------------------

_VALUE_SCHEMA: dict[str, Any] = {
    "description": "A count (integer), an amount (decimal string, digits as printed) or null (blank).",
    "anyOf": [
        {"type": "integer"},
        {"type": "string", "pattern": DECIMAL_PATTERN},
        {"type": "null"},
    ],
}


def _type_schema(hint: Any) -> dict[str, Any]:
    """The JSON Schema of one field type, as :meth:`to_dict` writes it."""
    if hint is type(None):
        return {"type": "null"}
    origin = get_origin(hint)
    args = get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if int in args and Decimal in args:
            return dict(_VALUE_SCHEMA)
        return {"anyOf": [_type_schema(a) for a in args]}
    if origin is Literal:
        return {"type": "string", "enum": list(args)}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0])}
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {"type": "string", "enum": [m.value for m in hint]}
    if hint is str:
        return {"type": "string"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is float:
        return {"type": "number"}
    if isinstance(hint, type) and attrs.has(hint):
        return {"$ref": f"#/$defs/{hint.__name__}"}
    raise TypeError(f"no JSON Schema for the field type {hint!r}")


def _class_schema(
    cls: type, description: str, *, omit_none: tuple[str, ...] = ()
) -> dict[str, Any]:
    """An object schema from an attrs class: every field, required unless it has a
    default; ``omit_none`` fields are left out of the dictionary when None, so they
    are optional and never null."""
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if not field.init:
            continue  # a cache, not data: to_dict leaves it out
        hint = hints[field.name]
        if field.name in omit_none:
            hint = _without_none(hint)
        properties[field.name] = _type_schema(hint)
        if field.default is attrs.NOTHING:
            required.append(field.name)
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _without_none(hint: Any) -> Any:
    args = tuple(a for a in get_args(hint) if a is not type(None))
    return args[0] if len(args) == 1 else hint


def _first_line(cls: type) -> str:
    return (cls.__doc__ or cls.__name__).strip().split("\n")[0]


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :meth:`Report.to_dict`."""
    location = _class_schema(Location, _first_line(Location))
    location["properties"] = {
        k: _type_schema(_without_none(v)) for k, v in typing.get_type_hints(Location).items()
    }
    location["required"] = []
    cell = _class_schema(Cell, _first_line(Cell), omit_none=("location",))
    cell["properties"]["id"]["pattern"] = r"^t[234]\.[a-z_.]+$"
    # Every field of a cell is written, though ``text`` has a default; ``state`` is
    # optional for files written before it existed (from_dict then derives it).
    cell["required"] = ["id", "value", "text"]
    cell["properties"]["state"]["description"] = (
        "value: a number was read; blank: printed blank (text is the mark); "
        "unread: a template cell that was not read, a finding says why"
    )
    table = _class_schema(Table, _first_line(Table), omit_none=("location",))
    table["required"] = ["name", "cells"]
    table["properties"]["name"]["enum"] = ["t2", "t3", "t4"]
    section = _class_schema(Section, _first_line(Section), omit_none=("location",))
    section["required"] = ["number", "heading", "text"]
    section["properties"]["number"].update(minimum=1, maximum=6)
    finding = _class_schema(Finding, _first_line(Finding))
    finding["properties"]["left"] = dict(_VALUE_SCHEMA)
    finding["properties"]["right"] = dict(_VALUE_SCHEMA)
    finding["properties"]["difference"] = {
        **_VALUE_SCHEMA,
        "description": "left - right, when both are set.",
    }
    finding["required"] = [*finding["properties"]]
    metadata = _class_schema(Metadata, _first_line(Metadata))
    metadata["required"] = [*metadata["properties"]]
    report = _class_schema(Report, _first_line(Report))
    report["properties"] = {
        "schema_version": {"const": SCHEMA_VERSION},
        "metadata": {"$ref": "#/$defs/Metadata"},
        "sections": {"type": "array", "items": {"$ref": "#/$defs/Section"}},
        "tables": {
            "type": "object",
            "description": "The tables the document prints, by name.",
            "properties": {name: {"$ref": "#/$defs/Table"} for name in ("t2", "t3", "t4")},
            "additionalProperties": False,
        },
        "findings": {"type": "array", "items": {"$ref": "#/$defs/Finding"}},
    }
    report["required"] = [*report["properties"]]
    report["properties"]["unread_cells"] = {
        "type": "array",
        "description": "Template cells the report has no cell for: their row or table was not found.",
        "items": {"type": "string", "pattern": r"^t[234]\.[a-z_.]+$"},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "govreport report",
        **report,
        "$defs": {
            "Metadata": metadata,
            "Section": section,
            "Table": table,
            "Cell": cell,
            "Finding": finding,
            "Location": location,
        },
    }


def schema_text() -> str:
    """The schema as published in ``docs/report.schema.json``."""
    return json.dumps(report_schema(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema to the path given (``python -m govreport.writers.json docs/report.schema.json``)."""
    import sys
    from pathlib import Path

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m govreport.writers.json OUTPUT.json", file=sys.stderr)
        return 2
    Path(args[0]).write_text(schema_text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["DECIMAL_PATTERN", "SCHEMA_ID", "report_schema", "schema_text", "write_json"]
