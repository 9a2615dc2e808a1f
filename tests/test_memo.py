"""Caches keyed by a document's texts keep no long text past the load that met it."""

from __future__ import annotations

import gc
import tracemalloc

import govreport
from expected import SEEDS
from govreport import memo
from govreport.build import split
from govreport.build.assign import matches

SEED = SEEDS / "000_400582c34393c453.txt"


def _with_huge_labels(number: int) -> bytes:
    """The seed with two table rows whose labels are 400,000 characters, other in each
    document (a label no template prints: the rows are refused with a finding)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if "\t" in line) + 2
    label = f"其他{number}" * 100_000
    lines[at:at] = [f"{label}\t1\t2", f"{label}续\t\t"]
    return "\n".join(lines).encode("utf-8")


def test_huge_cells_of_a_batch_of_documents_are_not_kept() -> None:
    # Each document's labels were kept by a dozen caches (labels, kinds, template-row
    # matches): 1.4 MB more after every such document, 28.6 MB after twenty.
    report = govreport.load(_with_huge_labels(0))
    assert report.cells() == govreport.load(SEED).cells()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(1, 9):
            govreport.load(_with_huge_labels(number))
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 1_000_000, f"{kept:,} bytes kept after 8 documents"


def test_the_texts_of_real_reports_stay_cached_from_load_to_load() -> None:
    govreport.load(SEED)
    kinds = dict(split._KINDS)
    hits = matches.cache_info().hits
    govreport.load(SEED)
    assert not memo._long_key
    assert kinds and kinds == split._KINDS  # nothing emptied, nothing worked out anew
    assert matches.cache_info().hits > hits


def test_a_long_key_empties_every_registered_cache_when_the_load_ends() -> None:
    calls: list[str] = []

    @memo.remembered(maxsize=16)
    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    length("short")
    length("short")
    memo.forget_long_keys()  # no long key since: the cache stays
    length("short")
    assert calls == ["short"]
    length("x" * (memo.MAX_KEY_CHARS + 1))
    memo.forget_long_keys()
    length("short")
    assert calls == ["short", "x" * (memo.MAX_KEY_CHARS + 1), "short"]
    assert not memo._long_key
