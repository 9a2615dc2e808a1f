"""Real documents with their expected values (tests/data), shared by the test modules."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
CORPUS = DATA / "corpus"


def expected_files(folder: Path) -> list[Path]:
    return sorted((folder / "expected").glob("*.json"))


def load_expected(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def document_of(expected_path: Path) -> Path:
    return expected_path.parent.parent / load_expected(expected_path)["source"]


def as_value(value: object) -> int | Decimal | None:
    """An expected-file value as the library gives it: decimals arrive as strings."""
    if isinstance(value, str):
        return Decimal(value)
    assert value is None or isinstance(value, int)
    return value


def expected_cells(path: Path) -> dict[str, int | Decimal | None]:
    return {k: as_value(v) for k, v in load_expected(path)["cells"].items()}


def seed_paths() -> Iterator[Path]:
    return iter(sorted(SEEDS.glob("*.txt")))
