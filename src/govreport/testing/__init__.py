"""The conformance kit for format plugins: run it in a plugin's own tests.

Install with ``pip install govreport[testing]``. One call::

    from govreport.testing import check_plugin

    def test_conformance():
        check_plugin(MyFormat, samples=["tests/data/report.myf"])

or a base class, one pytest test per check::

    from govreport.testing import FormatConformance

    class TestMyFormat(FormatConformance):
        plugin = MyFormat
        samples = ("tests/data/report.myf",)

What is checked (docs/plugins.md has the details): metadata (name, extensions,
media types, interface version, priority); registration through the
``govreport.formats`` entry point; ``sniff`` answers a bool, never raises, leaves its
input and the plugin unchanged, is deterministic and fast on large input; ``read``
raises only govreport's errors on empty, junk, truncated and corrupted input; and, for
a plugin that writes, ``read(write(report))`` gives every cell back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from govreport.testing.conformance import (
    ConformanceError,
    KitOptions,
    Problem,
    Sample,
    check_metadata,
    check_plugin,
    check_read,
    check_registration,
    check_round_trip,
    check_sniff,
    round_trip_difference,
)


class FormatConformance:
    """Base class for a plugin's pytest tests: set ``plugin`` (and ``samples``), inherit
    one test per check. Name the subclass ``Test...`` so that pytest collects it."""

    plugin: ClassVar[Any]
    samples: ClassVar[Sequence[Sample]] = ()
    #: False for a plugin tested before it is installed (no entry point yet)
    registered: ClassVar[bool] = True
    options: ClassVar[KitOptions] = KitOptions()

    def test_metadata(self) -> None:
        check_metadata(self.plugin)

    def test_registration(self) -> None:
        if not self.registered:
            import pytest

            pytest.skip("registered = False: the plugin is not installed through an entry point")
        check_registration(self.plugin)

    def test_sniff(self) -> None:
        check_sniff(self.plugin, self.samples, self.options)

    def test_read(self) -> None:
        check_read(self.plugin, self.samples, self.options)

    def test_round_trip(self) -> None:
        plugin = self.plugin() if isinstance(self.plugin, type) else self.plugin
        if not callable(getattr(plugin, "write", None)):
            import pytest

            pytest.skip(f"the {plugin.name!r} format does not write")
        check_round_trip(plugin, self.options)


__all__ = [
    "ConformanceError",
    "FormatConformance",
    "KitOptions",
    "Problem",
    "Sample",
    "check_metadata",
    "check_plugin",
    "check_read",
    "check_registration",
    "check_round_trip",
    "check_sniff",
    "round_trip_difference",
]
