"""The documentation that is derived from code stays true: docs/cells.md lists every cell ID.

Run this file as a script to regenerate docs/cells.md after changing layout.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from govreport.layout import (
    TABLE2_2019,
    TABLE2_2021,
    TABLE3_SINGLE_OTHER,
    TABLE3_SPLIT_OTHER,
    TABLE4,
    TableLayout,
)

DOC = Path(__file__).parent.parent / "docs" / "cells.md"

INTRO = """# Canonical cell IDs

Every statistical cell has a stable, language-neutral ID, the same in `report.cells()`,
in exports and in findings. This page is generated from `govreport/layout.py`
(`python tests/test_docs.py`); a test keeps it in step.

## Three states

Every cell of the report's template is in one of three states (`govreport.CellState`):

| state | `value` | what it means |
|---|---|---|
| `value` | an `int` or `Decimal` | a number was read |
| `blank` | `None` | printed blank; `cell.mark` is what was printed (`""`, `"/"`, `"-"`, `"—"`, `"无"`) |
| `unread` | `None` | the template has the cell but it was not read: its row was not found, its digits could not be assigned to columns, or its text is not a number; a finding says why |

`report.cells()` keeps its meaning: every cell the document prints, mapped to its value,
so `None` there is a blank *or* an unread cell. To tell them apart:

```python
import govreport

# 平潭综合实验区 2023 as a crawler saved it: neighbouring cells ran together
report = govreport.load("crawled.txt")
assert report.cells()["t3.granted.total"] is None
assert report.cell_state("t3.granted.total") is govreport.CellState.UNREAD
assert report.unread_reason("t3.granted.total").rule == "S3"  # digits run together
assert report.cell_state("t3.carried_over.total") is govreport.CellState.VALUE
assert len(report.unread_cells()) == 38  # every template cell not read, in table order
states = report.cell_states()  # every template cell -> its state
assert report.cell("t3.carried_over.total").mark is None  # a mark only for blanks
```

A template cell the report has no cell for (a row or table not found) is `unread` too;
`unread_reason` then gives the S2 finding of a missing table, or None for a row that
was not found, which the S9 finding of `govreport.validate` names. In
`Report.to_dict()` every cell has `"state"`, and `"unread_cells"` lists the template
cells that have no cell; the long export has a `state` column. Rules R1–R4 check an
equation only when none of its cells is `unread` (docs/rules.md).
"""


def _table(title: str, layout: TableLayout) -> list[str]:
    lines = ["", f"## {title}", "", "| cell ID | row | column |", "|---|---|---|"]
    for row in layout.rows:
        label = (
            f"{row.group} {row.label}" if row.group and row.group.startswith("（") else row.label
        )
        for column in row.columns:
            lines.append(f"| `{layout.name}.{row.key}.{column.key}` | {label} | {column.label} |")
    return lines


def render_cells_doc() -> str:
    lines = [INTRO.rstrip()]
    lines += _table("Table 二, 2021 template", TABLE2_2021)
    lines += _table("Table 二, 2019 template", TABLE2_2019)
    lines += _table("Table 三 (（六） as three rows)", TABLE3_SPLIT_OTHER)
    single = TableLayout(
        "t3",
        TABLE3_SINGLE_OTHER.title,
        tuple(r for r in TABLE3_SINGLE_OTHER.rows if r.key == "other"),
    )
    lines += _table(
        "Table 三, the single （六） row (2019 template and some later reports)", single
    )
    lines += _table("Table 四", TABLE4)
    return "\n".join(lines) + "\n"


def test_cells_doc_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render_cells_doc()


if __name__ == "__main__":
    DOC.write_text(render_cells_doc(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOC}\n")


def test_readme_example_is_true() -> None:
    import govreport
    from expected import CORPUS

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    report = govreport.load(CORPUS / "huaian_hongzequ_gov_2023.pdf")
    assert "('洪泽区人民政府', 2023, '2021')" in readme
    assert (report.agency, report.year, report.template) == ("洪泽区人民政府", 2023, "2021")
    assert report.cells()["t3.new.total"] == 21
    r4 = next(f for f in govreport.validate(report) if f.rule == "R4")
    assert str(r4) in readme  # the labels of the cells first, then the page
