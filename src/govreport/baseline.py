"""Stable finding identities and the review file that records what a reviewer decided.

A finding's fingerprint is what it is about, not where it was printed: the rule, the
cells it names, the issuing body and the year, and the numbers on both sides. Reading
the same report again (from the same file, another format of it, or after a line was
added above the tables) gives the same fingerprint; changing a number the finding
involves gives a new one. Findings that name no cell and no number (a missing section)
add their message, which is all that tells them apart.

The review file (docs/rules.md, "Reviewing findings") lists fingerprints with the
reviewer's decision; :func:`compare` marks each current finding as known or new, the
way ruff's and mypy's baselines let a project adopt a checker without fixing
everything first.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

import attrs

from govreport.crossyear import agency_key
from govreport.errors import GovReportError
from govreport.messages import message
from govreport.model import Finding, Metadata, _value_to_json

#: The version of the review file's format.
BASELINE_VERSION = 1


class BaselineError(GovReportError, ValueError):
    """A review file that cannot be read (not JSON, another format, an unknown status)."""


class Decision(StrEnum):
    """What a reviewer decided about a finding."""

    #: listed by ``--update-baseline``, not decided yet; still known, so not new
    PENDING = "pending"
    #: the finding is right: the report is at fault
    ACCEPTED = "accepted"
    #: the finding does not hold or does not matter for this report
    DISMISSED = "dismissed"

    def __str__(self) -> str:
        return self.value


def fingerprint(finding: Finding, agency: str, year: int) -> str:
    """The finding's stable identity: 16 hex digits of a SHA-256 over what it is about."""
    about: dict[str, Any] = {
        "rule": finding.rule,
        "cells": list(finding.cells),
        "agency": agency_key(agency),
        "year": year,
        "left": _value_to_json(finding.left),
        "right": _value_to_json(finding.right),
    }
    if not finding.cells and finding.left is None and finding.right is None:
        about["message"] = finding.message
    text = json.dumps(about, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@attrs.frozen
class Review:
    """One entry of the review file."""

    fingerprint: str
    decision: Decision = attrs.field(default=Decision.PENDING, converter=Decision)
    by: str = ""
    why: str = ""
    # what the finding said, so that a person reading the file knows what was decided
    rule: str = ""
    agency: str = ""
    year: int | None = None
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(
            self, value_serializer=lambda _i, _a, v: str(v) if isinstance(v, Decision) else v
        )


@attrs.frozen
class Baseline:
    """The reviews of a review file, by fingerprint."""

    reviews: Mapping[str, Review] = attrs.field(factory=dict)

    def get(self, finding_print: str) -> Review | None:
        return self.reviews.get(finding_print)

    @classmethod
    def read(cls, path: str | Path) -> Baseline:
        """The review file at ``path``; an empty baseline when there is no file yet."""
        path = Path(path)
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != BASELINE_VERSION:
                raise BaselineError(
                    message(
                        "baseline.error.version",
                        path=path,
                        version=repr(data.get("version")),
                        needed=BASELINE_VERSION,
                    )
                )
            reviews = [Review(**entry) for entry in data["findings"]]
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError, ValueError) as exc:
            if isinstance(exc, BaselineError):
                raise
            raise BaselineError(
                message("baseline.error.not_review", path=path, reason=exc)
            ) from exc
        return cls({r.fingerprint: r for r in reviews})

    def write(self, path: str | Path) -> None:
        entries = sorted(
            self.reviews.values(), key=lambda r: (r.agency, r.year or 0, r.rule, r.fingerprint)
        )
        data = {"version": BASELINE_VERSION, "findings": [r.to_dict() for r in entries]}
        Path(path).write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


@attrs.frozen
class Marked:
    """A current finding with its fingerprint and, when the review file lists it, the review."""

    finding: Finding
    fingerprint: str
    review: Review | None = None

    @property
    def new(self) -> bool:
        return self.review is None


def compare(baseline: Baseline, metadata: Metadata, findings: Sequence[Finding]) -> list[Marked]:
    """Every finding of one report, marked as known (with its review) or new."""
    out = []
    for finding in findings:
        printed = fingerprint(finding, metadata.agency, metadata.year)
        out.append(Marked(finding, printed, baseline.get(printed)))
    return out


def updated(baseline: Baseline, reports: Iterable[tuple[Metadata, Sequence[Finding]]]) -> Baseline:
    """The review file after a run over ``reports``: every current finding listed, the
    decisions already taken kept, and the entries of these reports that no longer occur
    dropped (those of other reports are kept, so a run over a subset loses nothing)."""
    current: dict[str, Review] = {}
    seen: set[tuple[str, int | None]] = set()
    for metadata, findings in reports:
        seen.add((agency_key(metadata.agency), metadata.year))
        for marked in compare(baseline, metadata, findings):
            current[marked.fingerprint] = marked.review or Review(
                fingerprint=marked.fingerprint,
                rule=marked.finding.rule,
                agency=metadata.agency,
                year=metadata.year,
                message=marked.finding.message,
            )
    kept = {
        key: review
        for key, review in baseline.reviews.items()
        if (agency_key(review.agency), review.year) not in seen
    }
    return Baseline({**kept, **current})


__all__ = [
    "BASELINE_VERSION",
    "Baseline",
    "BaselineError",
    "Decision",
    "Marked",
    "Review",
    "compare",
    "fingerprint",
    "updated",
]
