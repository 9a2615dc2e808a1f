"""The canonical report: frozen attrs classes every format reads into and writes from."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any

import attrs

from govreport.document import Location, slot_setters
from govreport.layout import TABLE4, TEMPLATES, Template, table2_layout, table3_layout

Value = int | Decimal | None

#: The version of the dictionary form of :meth:`Report.to_dict`.
SCHEMA_VERSION = 1


def _check_value(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # bool is an int subclass, and a float would lose the printed digits.
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, Decimal))):
        raise TypeError(
            f"{attribute.name} must be int, Decimal or None, not {type(value).__name__}"
        )


class CellState(StrEnum):
    """What became of one template cell (see docs/cells.md, "Three states")."""

    #: a number was read; ``Cell.value`` holds it
    VALUE = "value"
    #: printed blank (empty, "/", "-", "—", "无"); ``Cell.value`` is None and
    #: ``Cell.mark`` is what was printed
    BLANK = "blank"
    #: the template has the cell but it was not read (its row was not found, its digits
    #: could not be assigned to columns, its text is not a number); a finding says why
    UNREAD = "unread"

    def __str__(self) -> str:
        return self.value


def _state_of_value(cell: Cell) -> CellState:
    return CellState.BLANK if cell.value is None else CellState.VALUE


#: The rule of the reading findings that name cells left unread (docs/rules.md).
UNREAD_RULE = "S3"


@attrs.frozen
class Cell:
    """One statistical cell: its canonical ID, the value read and the text as printed."""

    id: str
    value: Value = attrs.field(validator=_check_value)
    text: str = ""
    location: Location | None = None
    #: value, printed blank or not read; by default what ``value`` says (None: blank)
    state: CellState = attrs.field(
        default=attrs.Factory(_state_of_value, takes_self=True), converter=CellState
    )

    @property
    def mark(self) -> str | None:
        """What a printed-blank cell shows ("", "/", "-", "—", "无" …); None otherwise."""
        return self.text.strip() if self.state is CellState.BLANK else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "value": _value_to_json(self.value),
            "text": self.text,
            "state": self.state.value,
        }
        if self.location is not None:
            out["location"] = self.location.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Cell:
        location = data.get("location")
        value = _value_from_json(data["value"])
        state = data.get("state")
        return cls(
            id=data["id"],
            value=value,
            text=data.get("text", ""),
            location=Location.from_dict(location) if location else None,
            state=CellState(state)
            if state
            else (CellState.BLANK if value is None else CellState.VALUE),
        )


# The builder makes hundreds of cells per report from values it has parsed itself (an
# int, a Decimal or None, and the state that goes with it): those skip the checks of the
# public constructor, which stay for every value from outside (a user, from_dict, evolve).
_new = object.__new__
_set_id, _set_value, _set_text, _set_location, _set_state = slot_setters(
    Cell, "id", "value", "text", "location", "state"
)


def built_cells(
    ids: Sequence[str],
    values: Sequence[Value],
    texts: Sequence[str],
    locations: Sequence[Location | None],
) -> tuple[Cell, ...]:
    """The cells ``Cell(id, value, text, location)`` makes of each four, for values
    already known to be an int, a Decimal or None (the builder's own parse)."""
    cells: list[Cell] = []
    blank, read = CellState.BLANK, CellState.VALUE
    for cell_id, value, text, location in zip(ids, values, texts, locations, strict=True):
        cell: Cell = _new(Cell)
        _set_id(cell, cell_id)
        _set_value(cell, value)
        _set_text(cell, text)
        _set_location(cell, location)
        _set_state(cell, blank if value is None else read)
        cells.append(cell)
    return tuple(cells)


@attrs.frozen
class Table:
    """One of the report's three tables: its cells in layout order."""

    name: str = attrs.field(validator=attrs.validators.in_(("t2", "t3", "t4")))
    cells: tuple[Cell, ...] = ()
    location: Location | None = None

    _index: dict[str, Cell] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        # Rules look cells up by ID many times; a frozen class may still cache.
        object.__setattr__(self, "_index", {cell.id: cell for cell in self.cells})

    def __iter__(self) -> Iterator[Cell]:
        return iter(self.cells)

    def __len__(self) -> int:
        return len(self.cells)

    def __contains__(self, cell_id: object) -> bool:
        return cell_id in self._index

    def __getitem__(self, cell_id: str) -> Cell:
        return self._index[cell_id]

    def get(self, cell_id: str) -> Value:
        """The value of ``cell_id``, ``None`` when blank or not printed."""
        cell = self._index.get(cell_id)
        return None if cell is None else cell.value

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "cells": [c.to_dict() for c in self.cells]}
        if self.location is not None:
            out["location"] = self.location.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Table:
        location = data.get("location")
        return cls(
            name=data["name"],
            cells=tuple(Cell.from_dict(c) for c in data["cells"]),
            location=Location.from_dict(location) if location else None,
        )


_set_table_name, _set_table_cells, _set_table_location, _set_table_index = slot_setters(
    Table, "name", "cells", "location", "_index"
)


def built_table(name: str, cells: tuple[Cell, ...], location: Location | None) -> Table:
    """``Table(name, cells, location)`` for a name the builder took from its layouts
    ("t2", "t3" or "t4"), without the public constructor's check."""
    table: Table = _new(Table)
    _set_table_name(table, name)
    _set_table_cells(table, cells)
    _set_table_location(table, location)
    _set_table_index(table, {cell.id: cell for cell in cells})
    return table


@attrs.frozen
class Section:
    """One of the six sections: its number, its heading as printed and its body text."""

    number: int = attrs.field(validator=attrs.validators.in_(range(1, 7)))
    heading: str
    text: str = ""
    location: Location | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"number": self.number, "heading": self.heading, "text": self.text}
        if self.location is not None:
            out["location"] = self.location.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Section:
        location = data.get("location")
        return cls(
            number=data["number"],
            heading=data["heading"],
            text=data.get("text", ""),
            location=Location.from_dict(location) if location else None,
        )


_set_number, _set_heading, _set_section_text, _set_section_location = slot_setters(
    Section, "number", "heading", "text", "location"
)


def built_section(number: int, heading: str, text: str, location: Location | None) -> Section:
    """``Section(number, heading, text, location)`` for a number the builder matched to
    one of the six (1-6), without the public constructor's check."""
    section: Section = _new(Section)
    _set_number(section, number)
    _set_heading(section, heading)
    _set_section_text(section, text)
    _set_section_location(section, location)
    return section


@attrs.frozen
class Metadata:
    """What the title says: the issuing body as printed, the report year, the template."""

    agency: str
    year: int
    title: str
    template: Template = attrs.field(validator=attrs.validators.in_(TEMPLATES))
    source: str | None = None  # the file name, when loaded from a file
    format: str | None = None  # the format plugin that read it


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Finding:
    """Something wrong or worth knowing about a report.

    ``rule`` is a stable ID (R1–R5, X1–X4 of FORMAT.md; S-rules for structure, see
    docs/rules.md). ``left`` and ``right`` are the two sides a rule compares (for R2,
    the printed 总计 and the sum of the applicant columns) and ``difference`` is
    ``left - right``; ``locations`` say where the cells stand in the source.
    """

    rule: str
    severity: Severity
    message: str
    cells: tuple[str, ...] = ()
    left: int | Decimal | None = None
    right: int | Decimal | None = None
    locations: tuple[Location, ...] = ()

    @property
    def difference(self) -> int | Decimal | None:
        if self.left is None or self.right is None:
            return None
        return self.left - self.right

    def __str__(self) -> str:
        # labels first (表三「…」行), then page or line; XPaths only in to_dict
        from govreport.where import describe

        where = describe(self.cells, self.locations)
        return f"{self.rule} {self.severity}: {self.message}" + (f" [{where}]" if where else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "cells": list(self.cells),
            "left": _value_to_json(self.left),
            "right": _value_to_json(self.right),
            "difference": _value_to_json(self.difference),
            "locations": [loc.to_dict() for loc in self.locations],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        return cls(
            rule=data["rule"],
            severity=Severity(data["severity"]),
            message=data["message"],
            cells=tuple(data.get("cells", ())),
            left=_value_from_json(data.get("left")),
            right=_value_from_json(data.get("right")),
            locations=tuple(Location.from_dict(loc) for loc in data.get("locations", ())),
        )


@attrs.frozen
class Report:
    """A government information-disclosure annual report, as printed.

    ``findings`` are what reading found (cells that could not be read with certainty,
    label typos, missing sections); :func:`govreport.validate` adds the rule checks.
    """

    metadata: Metadata
    sections: tuple[Section, ...] = ()
    table2: Table | None = None
    table3: Table | None = None
    table4: Table | None = None
    findings: tuple[Finding, ...] = ()

    @property
    def agency(self) -> str:
        return self.metadata.agency

    @property
    def year(self) -> int:
        return self.metadata.year

    @property
    def template(self) -> Template:
        return self.metadata.template

    @property
    def title(self) -> str:
        return self.metadata.title

    def __attrs_post_init__(self) -> None:
        # A cell a reading finding (S3) names and that holds no value was not read,
        # whichever way the report was made (built, from_dict of an older file, edited).
        unread = unread_cell_ids(self.findings)
        if not unread:
            return
        for name in ("table2", "table3", "table4"):
            table: Table | None = getattr(self, name)
            if table is None or not any(
                c.id in unread and c.value is None and c.state is not CellState.UNREAD
                for c in table
            ):
                continue
            cells = tuple(
                attrs.evolve(c, state=CellState.UNREAD) if c.id in unread and c.value is None else c
                for c in table.cells
            )
            object.__setattr__(self, name, attrs.evolve(table, cells=cells))

    def tables(self) -> tuple[Table, ...]:
        return tuple(t for t in (self.table2, self.table3, self.table4) if t is not None)

    def cells(self) -> dict[str, Value]:
        """Every canonical cell ID the document prints, mapped to its value.

        None is a blank *or* a cell that was not read; :meth:`cell_state` tells them apart.
        """
        return {cell.id: cell.value for table in self.tables() for cell in table}

    def indicators(self) -> dict[str, Decimal | None]:
        """The rates of :data:`govreport.indicators.INDICATORS` (公开率, 纠错率...) by key;
        None where a term was not read or the denominator is 0 (docs/analysis.md)."""
        from govreport.indicators import indicators

        return indicators(self.cells(), self.findings)

    def template_cell_ids(self) -> tuple[str, ...]:
        """Every cell the report's template has, in table order: table 二 of its template,
        table 三 with （六） as one row or three (as printed; three when table 三 is missing),
        table 四."""
        printed = self.table3.cells if self.table3 is not None else ()
        return template_cell_ids(self.template, {cell.id for cell in printed})

    def cell_state(self, cell_id: str) -> CellState:
        """Whether ``cell_id`` holds a value, was printed blank or was not read.

        A template cell the report has no cell for (its row or table was not found) is
        :attr:`CellState.UNREAD`. Raises KeyError for an ID that is not a cell of the
        report's template."""
        for table in self.tables():
            if cell_id in table:
                return table[cell_id].state
        if cell_id in self.template_cell_ids():
            return CellState.UNREAD
        raise KeyError(cell_id)

    def cell_states(self) -> dict[str, CellState]:
        """:meth:`cell_state` of every cell of the report's template, in table order."""
        printed = {cell.id: cell.state for table in self.tables() for cell in table}
        states = {i: printed.get(i, CellState.UNREAD) for i in self.template_cell_ids()}
        # a cell printed beyond the template (the other （六） shape) keeps its state too
        return {**states, **{i: s for i, s in printed.items() if i not in states}}

    def unread_cells(self) -> tuple[str, ...]:
        """The template cells that were not read, in table order."""
        return tuple(i for i, s in self.cell_states().items() if s is CellState.UNREAD)

    def unread_reason(self, cell_id: str) -> Finding | None:
        """The reading finding that says why ``cell_id`` was not read (an S3, or S2 for a
        table not found); None when the cell was read, or when its whole row was simply
        not found (:func:`govreport.validate` then names it in an S9 finding)."""
        if self.cell_state(cell_id) is not CellState.UNREAD:
            return None
        for finding in self.findings:
            if _names_unread(finding) and cell_id in finding.cells:
                return finding
        table = cell_id[:2]
        if all(t.name != table for t in self.tables()):
            for finding in self.findings:
                if finding.rule == "S2" and _TABLE_WORDS[table] in finding.message:
                    return finding
        return None

    def cell(self, cell_id: str) -> Cell:
        for table in self.tables():
            for cell in table:
                if cell.id == cell_id:
                    return cell
        raise KeyError(cell_id)

    def with_value(self, cell_id: str, value: Value) -> Report:
        """A copy of the report with one printed cell changed (for what-if checks and tests);
        the cell holds ``value``, or is printed blank when ``value`` is None."""
        state = CellState.BLANK if value is None else CellState.VALUE
        for table in self.tables():
            if cell_id in table:
                cells = tuple(
                    attrs.evolve(c, value=value, state=state) if c.id == cell_id else c
                    for c in table.cells
                )
                changed = attrs.evolve(table, cells=cells)
                if table.name == "t2":
                    return attrs.evolve(self, table2=changed)
                if table.name == "t3":
                    return attrs.evolve(self, table3=changed)
                return attrs.evolve(self, table4=changed)
        raise KeyError(cell_id)

    def section(self, number: int) -> Section | None:
        for section in self.sections:
            if section.number == number:
                return section
        return None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dictionary; :meth:`from_dict` gives the same report back.

        ``unread_cells`` lists the template cells the report has no cell for (rows or
        tables not found); a cell of a table that was not read has ``"state": "unread"``.
        """
        meta = attrs.asdict(self.metadata)
        printed = {cell.id for table in self.tables() for cell in table}
        return {
            "schema_version": SCHEMA_VERSION,
            "metadata": meta,
            "sections": [s.to_dict() for s in self.sections],
            "tables": {t.name: t.to_dict() for t in self.tables()},
            "unread_cells": [i for i in self.unread_cells() if i not in printed],
            "findings": [f.to_dict() for f in self.findings],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        tables = data.get("tables", {})
        return cls(
            metadata=Metadata(**data["metadata"]),
            sections=tuple(Section.from_dict(s) for s in data.get("sections", ())),
            table2=Table.from_dict(tables["t2"]) if "t2" in tables else None,
            table3=Table.from_dict(tables["t3"]) if "t3" in tables else None,
            table4=Table.from_dict(tables["t4"]) if "t4" in tables else None,
            findings=tuple(Finding.from_dict(f) for f in data.get("findings", ())),
        )


def unread_cell_ids(findings: Iterable[Finding]) -> frozenset[str]:
    """The cells reading findings name as not read (those of :data:`UNREAD_RULE`, and a
    format reader's own ``S-…`` finding about a cell, such as ``S-ocr-uncertain``).

    For holders of a report's cells and findings without the report (batch results):
    such a cell whose value is None was not read, any other None is printed blank."""
    return frozenset(c for f in findings if _names_unread(f) for c in f.cells)


def _names_unread(finding: Finding) -> bool:
    return finding.rule == UNREAD_RULE or finding.rule.startswith("S-")


def template_cell_ids(template: Template, printed: Collection[str]) -> tuple[str, ...]:
    """Every cell of ``template``, in table order, for a report that prints the cells
    ``printed`` (they tell whether table 三 prints （六） as one row or three); for holders
    of a report's cells without the report (batch results), as
    :meth:`Report.template_cell_ids` for a report."""
    single_other = "t3.other.total" in printed or "t3.other.natural_person" in printed
    layouts = (table2_layout(template), table3_layout(single_other=single_other), TABLE4)
    return tuple(cell_id for layout in layouts for cell_id in layout.cell_ids())


def cell_state_of(cell_id: str, value: Value, unread: frozenset[str]) -> CellState:
    """The state of a printed cell from its value and :func:`unread_cell_ids`."""
    if value is not None:
        return CellState.VALUE
    return CellState.UNREAD if cell_id in unread else CellState.BLANK


_TABLE_WORDS = {"t2": "表二", "t3": "表三", "t4": "表四"}


def _value_to_json(value: int | Decimal | None) -> int | str | None:
    # Decimals travel as strings so that "79.6954" keeps its printed digits.
    if isinstance(value, Decimal):
        return str(value)
    return value


def _value_from_json(value: object) -> Value:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, str):
        return Decimal(value)
    raise TypeError(f"a cell value in JSON is an integer, a decimal string or null, not {value!r}")


__all__ = [
    "SCHEMA_VERSION",
    "UNREAD_RULE",
    "Cell",
    "CellState",
    "Finding",
    "Metadata",
    "Report",
    "Section",
    "Severity",
    "Table",
    "Value",
    "cell_state_of",
    "template_cell_ids",
    "unread_cell_ids",
]
