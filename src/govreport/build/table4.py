"""Table 四 (行政复议、行政诉讼): its three blocks of five, however the rows were printed."""

from __future__ import annotations

from functools import lru_cache
from operator import itemgetter

from govreport.build.assign import match_row
from govreport.build.cells import RowRead, read_row
from govreport.build.common import LabelledRow
from govreport.layout import TABLE4, Row

_T4_WHOLE = Row(
    "all", "行政复议、行政诉讼", tuple(c for block in TABLE4.rows for c in block.columns)
)

_T4_IDS = tuple(TABLE4.cell_ids())
#: each block of table 四, its cells (block.result) and their IDs
_T4_PARTS = tuple(
    (
        block,
        keys := tuple(f"{block.key}.{c.key}" for c in block.columns),
        tuple(f"t4.{key}" for key in keys),
    )
    for block in TABLE4.rows
)

#: each block of table 四 and what takes its cells from the cells of the whole table
#: (read_row gives them in the order of _T4_IDS)
_T4_BLOCK_CELLS = tuple(
    (
        block,
        itemgetter(
            *(i for i, cell_id in enumerate(_T4_IDS) if cell_id.startswith(f"t4.{block.key}."))
        ),
    )
    for block in TABLE4.rows
)


@lru_cache(maxsize=256)
def _placed_parts(ids: tuple[str, ...]) -> tuple[tuple[Row, tuple[str, ...], tuple[int, ...]], ...]:
    """Each block whose every cell a header placed among ``ids`` (block.result, in the
    row's order), with its cells' IDs and their positions in the row: the same few
    placings recur in every report."""
    return tuple(
        (layout_row, part_ids, tuple([ids.index(k) for k in keys]))
        for layout_row, keys, part_ids in _T4_PARTS
        if all(k in ids for k in keys)
    )


def read_t4_row(printed: LabelledRow, read: dict[str, RowRead]) -> None:
    """Table 四 as one row of fifteen numbers (with or without a label such as 数量), or
    as three rows of five, one per block (行政复议, 未经复议直接起诉, 复议后起诉)."""
    if printed.aligned and printed.ids:
        for layout_row, part_ids, part in _placed_parts(printed.ids):
            if layout_row.key not in read:
                read[layout_row.key] = read_row(layout_row, printed, part_ids, part)
        return
    block = match_row(printed.labels, TABLE4) if printed.labels else None
    shown = sum(1 for text in printed.texts if text.strip())
    if block is not None and shown <= 5:
        if block.key not in read:
            ids = [f"t4.{block.key}.{c.key}" for c in block.columns]
            read[block.key] = read_row(block, printed, ids)
        return
    if any(key in read for key in ("review", "litigation_direct", "litigation_after_review")):
        return  # the table is read already; a second row of numbers is something else
    if shown < 3:
        return
    whole = read_row(_T4_WHOLE, printed, _T4_IDS)
    for block, cells_of in _T4_BLOCK_CELLS:
        block_findings = whole.findings if block.key == "review" else ()
        read[block.key] = RowRead(block, cells_of(whole.cells), block_findings)
