"""JSON: reports saved by ``govreport.dumps(report, "json")``, read back without loss.

This format stores the report itself rather than a document to be read, so besides
``read`` (a neutral document, for callers of :func:`govreport.read_document`) it offers
``read_report``, which :func:`govreport.load` prefers (see
:class:`govreport.plugins.ReportFormat`): the report comes back exactly as it was
written, findings and locations included. Input is checked against the published
JSON Schema (:func:`govreport.writers.json.report_schema`) before it becomes a report,
so a malformed file gives a :class:`~govreport.ParseError` naming the bad field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from govreport.document import Block, Cell, Document, Heading, Location, Paragraph, Table
from govreport.errors import ParseError
from govreport.messages import message
from govreport.model import SCHEMA_VERSION, Report
from govreport.source import Source, decode_text

if TYPE_CHECKING:
    from govreport.writers.grid import Grid

_MAX_DEPTH = 64


class JsonFormat:
    """The report's dictionary form (:meth:`Report.to_dict`) as JSON."""

    name: ClassVar[str] = "json"
    extensions: ClassVar[tuple[str, ...]] = ("json",)
    media_types: ClassVar[tuple[str, ...]] = ("application/json",)
    interface_version: ClassVar[int] = 1
    # Above text, which would otherwise claim any JSON as text.
    priority: ClassVar[int] = 50

    def sniff(self, head: bytes) -> bool:
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        return start.startswith(b"{") and b'"schema_version"' in head and b'"metadata"' in head

    def read_report(self, source: Source) -> Report:
        data = _load_json(source)
        problems = list(check(data, _schema()))
        if problems:
            shown = "; ".join(problems[:3]) + ("; ..." if len(problems) > 3 else "")
            raise ParseError(message("json.not_a_report", reason=shown), where=source.name)
        try:
            return Report.from_dict(data)
        except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
            raise ParseError(message("json.not_a_report", reason=exc), where=source.name) from exc

    def read(self, source: Source) -> Document:
        return document_of(self.read_report(source))

    def write(self, report: Report) -> bytes:
        from govreport.writers.json import write_json

        return write_json(report)


def _load_json(source: Source) -> Any:
    import json  # not at import: every load imports this plugin to sniff

    text = decode_text(source.data)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = str(Location(line=exc.lineno, column=exc.colno))
        raise ParseError(message("json.invalid", reason=exc.msg), where=where) from exc
    except RecursionError as exc:
        raise ParseError(message("json.too_deep"), where=source.name) from exc
    if not isinstance(data, dict):
        raise ParseError(message("json.not_object", kind=type(data).__name__), where=source.name)
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ParseError(
            message("json.schema_version", version=repr(version), supported=SCHEMA_VERSION),
            where=source.name,
        )
    return data


@cache
def _schema() -> dict[str, Any]:
    from govreport.writers.json import report_schema

    return report_schema()


# --- a checker for the subset of JSON Schema that report_schema() uses ------------------

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "boolean": (bool,),
    "null": (type(None),),
}


def check(
    value: Any,
    schema: dict[str, Any],
    path: str = "$",
    root: dict[str, Any] | None = None,
    depth: int = 0,
) -> Iterator[str]:
    """Every way ``value`` breaks ``schema``, as ``path: problem`` strings.

    Only the keywords :func:`~govreport.writers.json.report_schema` uses are
    understood ($ref to $defs, type, enum, const, pattern, minimum, maximum,
    properties, required, additionalProperties, items, anyOf); a schema using
    others is a bug here, not in the input.
    """
    root = schema if root is None else root
    if depth > _MAX_DEPTH:
        yield f"{path}: nested too deeply"
        return
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        yield from check(value, root["$defs"][name], path, root, depth + 1)
        return
    if "anyOf" in schema:
        if not any(
            not list(check(value, option, path, root, depth + 1)) for option in schema["anyOf"]
        ):
            yield f"{path}: {_short(value)} is none of the allowed kinds"
        return
    if "const" in schema and value != schema["const"]:
        yield f"{path}: must be {schema['const']!r}"
    kind = schema.get("type")
    # bool is an int in Python but not an integer in JSON
    if kind is not None and (
        not isinstance(value, _TYPES[kind]) or (kind == "integer" and isinstance(value, bool))
    ):
        yield f"{path}: must be {kind}, not {_short(value)}"
        return
    if "enum" in schema and value not in schema["enum"]:
        yield f"{path}: {_short(value)} is not one of {schema['enum']}"
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        yield f"{path}: {_short(value)} does not match {schema['pattern']}"
    if "minimum" in schema and isinstance(value, int) and value < schema["minimum"]:
        yield f"{path}: {value} is below {schema['minimum']}"
    if "maximum" in schema and isinstance(value, int) and value > schema["maximum"]:
        yield f"{path}: {value} is above {schema['maximum']}"
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", ()):
            if key not in value:
                yield f"{path}: {key!r} is missing"
        for key, item in value.items():
            if key in properties:
                yield from check(item, properties[key], f"{path}.{key}", root, depth + 1)
            elif schema.get("additionalProperties", True) is False:
                yield f"{path}: unexpected key {_short(key)}"
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            yield from check(item, schema["items"], f"{path}[{index}]", root, depth + 1)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# --- the neutral document of a report ---------------------------------------------------


def document_of(report: Report) -> Document:
    """The report as the blocks a reader of its printed form would deliver: the title,
    each section heading and paragraph, and each table with merged cells expanded."""
    from govreport.writers.grid import plan

    p = plan(report)
    blocks: list[Block] = [Heading(p.title, level=1)]
    for section in p.sections:
        blocks.append(Heading(section.heading, level=2))
        blocks.extend(Paragraph(line) for line in section.lines)
        if section.grid is not None:
            blocks.append(_table(section.grid))
    return Document(blocks=tuple(blocks), title=p.title, format="json")


def _table(grid: Grid) -> Table:
    rows = tuple(
        tuple(Cell(text=cell.text, spanned=not origin) for cell, origin in row)
        for row in grid.positions()
    )
    return Table(rows=rows, regular=True)


__all__ = ["JsonFormat", "check", "document_of"]
