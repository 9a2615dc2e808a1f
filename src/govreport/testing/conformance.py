"""The checks of the conformance kit: what every format plugin must do, tested from outside.

Each ``check_*`` function raises :class:`ConformanceError` (an ``AssertionError``, so
pytest shows it as a failed test) whose message lists every problem found, each with
the input that showed it and what the plugin should do instead. :func:`check_plugin`
runs them all.
"""

from __future__ import annotations

import contextlib
import re
import time
import traceback
import warnings
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import Any

import attrs
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from govreport.build import build
from govreport.document import Document
from govreport.errors import GovReportError
from govreport.model import Report, Value
from govreport.plugins import ENTRY_POINT_GROUP, INTERFACE_VERSION, Registry
from govreport.source import Source
from govreport.testing.strategies import reports

Sample = str | PathLike[str] | bytes

_NAME = re.compile(r"^[a-z][a-z0-9_.-]*$")
_EXTENSION = re.compile(r"^[a-z0-9][a-z0-9_.+-]*$")
_MEDIA_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$")


@attrs.frozen
class KitOptions:
    """How hard the kit looks. The defaults keep a plugin's whole kit run to seconds."""

    #: reports written and read back by the round-trip check
    round_trip_examples: int = 20
    #: random inputs (junk, and junk behind the samples' first bytes) given to ``read``
    junk_examples: int = 60
    #: a single ``read`` slower than this is reported (a hang shows up here)
    read_seconds: float = 10.0
    #: a single ``sniff`` slower than this on a large input is reported
    sniff_seconds: float = 0.5
    #: size of the large input ``sniff`` is given
    large_bytes: int = 16 * 1024 * 1024


@attrs.frozen
class Problem:
    """One broken rule: which check found it and what is wrong."""

    check: str
    message: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.message}"


class ConformanceError(AssertionError):
    """A plugin failed the conformance kit; ``problems`` lists every failure."""

    def __init__(self, plugin: object, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        name = getattr(plugin, "name", type(plugin).__name__)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"format plugin {name!r} fails the govreport conformance kit:\n{lines}")


class _Failed(AssertionError):
    """Raised inside a hypothesis property so that it shrinks to the smallest input."""


def _instance(plugin: Any) -> Any:
    return plugin() if isinstance(plugin, type) else plugin


def _raise(plugin: Any, problems: Sequence[Problem]) -> None:
    if problems:
        raise ConformanceError(plugin, problems)


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    last = frames[-1]
    return f" at {Path(last.filename).name}:{last.lineno}"


def _describe(data: bytes) -> str:
    shown = data[:24]
    more = f"... ({len(data)} bytes)" if len(data) > len(shown) else f" ({len(data)} bytes)"
    return f"{shown!r}{more}"


def _settings(examples: int) -> settings:
    return settings(
        max_examples=max(1, examples),
        deadline=None,
        database=None,
        derandomize=True,  # the same inputs on every run: a failure reproduces
        suppress_health_check=list(HealthCheck),
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
    )


def _run_property(check: str, test: Callable[[], None]) -> list[Problem]:
    try:
        test()
    except _Failed as failure:
        return [Problem(check, str(failure))]
    return []


def load_samples(samples: Iterable[Sample]) -> list[tuple[str, bytes]]:
    """``(name, bytes)`` of each sample: a path is read, bytes are taken as they are."""
    out = []
    for index, sample in enumerate(samples):
        if isinstance(sample, bytes):
            out.append((f"sample {index + 1}", sample))
        else:
            path = Path(sample)
            out.append((path.name, path.read_bytes()))
    return out


def _extension(plugin: Any) -> str:
    extensions = getattr(plugin, "extensions", ()) or ("bin",)
    return str(extensions[0])


# --- metadata and registration ------------------------------------------------------------


def metadata_problems(plugin: Any) -> list[Problem]:
    """Name, extensions, media types, interface version, priority and methods are sane."""
    check = "metadata"
    problems: list[Problem] = []
    name = getattr(plugin, "name", None)
    if not isinstance(name, str) or not _NAME.match(name):
        problems.append(
            Problem(check, f"name is {name!r}: it must be a lower-case word such as 'docx'")
        )
    version = getattr(plugin, "interface_version", None)
    if version != INTERFACE_VERSION or isinstance(version, bool):
        problems.append(
            Problem(
                check,
                f"interface_version is {version!r}: this govreport implements version {INTERFACE_VERSION}",
            )
        )
    extensions = getattr(plugin, "extensions", None)
    if not isinstance(extensions, tuple) or not extensions:
        problems.append(
            Problem(
                check,
                f"extensions is {extensions!r}: it must be a non-empty tuple such as ('docx',)",
            )
        )
    else:
        for ext in extensions:
            if not isinstance(ext, str) or not _EXTENSION.match(ext):
                problems.append(
                    Problem(
                        check,
                        f"extension {ext!r} must be lower case, without a dot ('docx', not '.DOCX')",
                    )
                )
        if len(set(extensions)) != len(extensions):
            problems.append(Problem(check, f"extensions {extensions!r} repeat an entry"))
    media_types = getattr(plugin, "media_types", None)
    if not isinstance(media_types, tuple):
        problems.append(
            Problem(
                check,
                f"media_types is {media_types!r}: it must be a tuple of MIME types (may be empty)",
            )
        )
    else:
        for media_type in media_types:
            if not isinstance(media_type, str) or not _MEDIA_TYPE.match(media_type):
                problems.append(
                    Problem(check, f"media type {media_type!r} is not a lower-case 'type/subtype'")
                )
        if len(set(media_types)) != len(media_types):
            problems.append(Problem(check, f"media_types {media_types!r} repeat an entry"))
    priority = getattr(plugin, "priority", None)
    if not isinstance(priority, int) or isinstance(priority, bool):
        problems.append(
            Problem(
                check, f"priority is {priority!r}: it must be an int (0 unless it must win ties)"
            )
        )
    for method in ("sniff", "read"):
        if not callable(getattr(plugin, method, None)):
            problems.append(Problem(check, f"it has no {method}() method"))
    if hasattr(plugin, "write") and not callable(plugin.write):
        problems.append(
            Problem(check, "write is not callable: a plugin that does not write must not define it")
        )
    return problems


def check_metadata(plugin: Any) -> None:
    plugin = _instance(plugin)
    _raise(plugin, metadata_problems(plugin))


def registration_problems(plugin: Any, registry: Registry | None = None) -> list[Problem]:
    """The plugin is installed: the ``govreport.formats`` entry points give it, under its
    own name, loaded without warnings, and no other plugin takes that name."""
    check = "registration"
    name = getattr(plugin, "name", None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = registry if registry is not None else Registry()
        infos = found.infos()
    problems: list[Problem] = []
    mine = [
        info
        for info in infos
        if info.name == name or info.entry_point.startswith(type(plugin).__module__ + ":")
    ]
    if not mine:
        problems.append(
            Problem(
                check,
                f"no entry point in the group {ENTRY_POINT_GROUP!r} gives a plugin named {name!r}; "
                f'declare it in pyproject.toml under [project.entry-points."{ENTRY_POINT_GROUP}"] '
                f'as {name} = "{type(plugin).__module__}:{type(plugin).__name__}" and reinstall the package',
            )
        )
        return problems
    for info in mine:
        if info.error:
            problems.append(
                Problem(
                    check,
                    f"govreport skips the entry point {info.name!r} ({info.entry_point}): {info.error}",
                )
            )
        elif info.name != name:
            problems.append(
                Problem(
                    check,
                    f"the entry point {info.name!r} should be named like the plugin, {name!r}",
                )
            )
    same_name = [info for info in infos if info.name == name and not info.error]
    if len(same_name) == 1:
        loaded = found.get(str(name))
        if type(loaded) is not type(plugin):
            problems.append(
                Problem(
                    check,
                    f"the name {name!r} belongs to {type(loaded).__module__}.{type(loaded).__name__}, not this plugin",
                )
            )
    for warning in caught:
        text = str(warning.message)
        if f"{name!r}" in text or type(plugin).__module__ in text:
            problems.append(Problem(check, f"loading the plugins warns: {text}"))
    return problems


def check_registration(plugin: Any, registry: Registry | None = None) -> None:
    plugin = _instance(plugin)
    _raise(plugin, registration_problems(plugin, registry))


# --- sniff --------------------------------------------------------------------------------


def _state(plugin: Any) -> dict[str, str] | None:
    try:
        return {k: repr(v) for k, v in vars(plugin).items()}
    except TypeError:  # __slots__: no instance dictionary to compare
        return None


class _Notes:
    """Problems by kind: the first input that shows each, and how many more do."""

    def __init__(self, check: str) -> None:
        self.check = check
        self.first: dict[str, str] = {}
        self.more: dict[str, int] = {}

    def add(self, kind: str, message: str) -> None:
        if kind in self.first:
            self.more[kind] = self.more.get(kind, 0) + 1
        else:
            self.first[kind] = message

    def has(self, kind: str) -> bool:
        return kind in self.first

    def problems(self) -> list[Problem]:
        out = []
        for kind, message in self.first.items():
            more = self.more.get(kind, 0)
            out.append(
                Problem(self.check, message + (f" (and on {more} more inputs)" if more else ""))
            )
        return out


def sniff_problems(
    plugin: Any, samples: Iterable[Sample] = (), options: KitOptions = KitOptions()
) -> list[Problem]:
    """``sniff`` answers a bool without raising, leaves its input and the plugin as they
    were, answers the same on the same bytes, is fast on large input, recognises the
    samples and declines empty input."""
    notes = _Notes("sniff")
    loaded = load_samples(samples)
    # the samples first: a sniff that moves on answers True once, then never again
    inputs: list[tuple[str, bytes]] = [
        *loaded,
        ("empty input", b""),
        ("NUL bytes", b"\x00" * 512),
        ("plain ASCII", b"hello, world\n" * 20),
        ("invalid UTF-8", b"\xff\xfe\xfa" * 100),
        *((f"the first 16 bytes of {n}", d[:16]) for n, d in loaded),
    ]

    def ask(data: bytes | bytearray, what: str) -> bool | None:
        try:
            answer = plugin.sniff(data)
        except Exception as exc:
            notes.add(
                "raises",
                f"sniff raised {type(exc).__name__}: {exc}{_where(exc)} on {what}: "
                "sniff must answer False, never raise",
            )
            return None
        if not isinstance(answer, bool):
            notes.add("type", f"sniff returned {answer!r} on {what}: it must return True or False")
            return None
        return answer

    for what, data in inputs:
        before = _state(plugin)
        first = ask(data, what)
        after = _state(plugin)
        if before is not None and after is not None and after != before:
            changed = sorted(k for k in {*before, *after} if before.get(k) != after.get(k))
            notes.add(
                "state",
                f"sniff changed the plugin's own state ({', '.join(changed)}) on {what}: "
                "the registry sniffs inputs it never reads, so sniff must depend on its bytes alone",
            )
        # A mutable copy: a sniff that strips a BOM in place, or pops what it has looked
        # at, changes the caller's buffer; the registry hands the same head to every plugin.
        buffer = bytearray(data)
        # the Protocol promises bytes, so a plugin may refuse a bytearray: not a problem
        with contextlib.suppress(Exception):
            plugin.sniff(buffer)
        if bytes(buffer) != data:
            at = next(
                (i for i, (a, b) in enumerate(zip(buffer, data, strict=False)) if a != b),
                min(len(buffer), len(data)),
            )
            notes.add(
                "mutates",
                f"sniff moved or changed the bytes it was given on {what} (they differ from byte {at} on, "
                f"{len(data)} bytes before, {len(buffer)} after): sniff must leave its input as it found it",
            )
        again = ask(data, what + " (asked again)")
        if first is not None and again is not None and first != again:
            notes.add(
                "unstable",
                f"sniff answered {first} and then {again} on the same {what}: it must depend on its bytes alone",
            )
    if not notes.has("raises") and not notes.has("type") and plugin_answers(plugin, b"") is True:
        notes.add("empty", "sniff accepts empty input: nothing is any format")
    for what, data in loaded:
        if plugin_answers(plugin, data[:65536]) is not True:
            notes.add(
                "recognise",
                f"sniff does not recognise {what} from its first 64 KiB (what the registry passes)",
            )
    large = options.large_bytes
    for what, data in (
        (f"{large} bytes of zeros", b"\x00" * large),
        (f"{large} bytes of text", b"abc, \xe6\x95\xb0\xe5\xad\x97 123\n" * (large // 20)),
        *(
            (f"{n} padded to {large} bytes", d + b" " * max(0, large - len(d)))
            for n, d in loaded[:1]
        ),
    ):
        started = time.perf_counter()
        ask(data, what)
        seconds = time.perf_counter() - started
        if seconds > options.sniff_seconds:
            notes.add(
                "slow",
                f"sniff took {seconds:.2f} s on {what} (limit {options.sniff_seconds} s): "
                "look at the first bytes only, as the registry passes at most 64 KiB",
            )
    return notes.problems()


def plugin_answers(plugin: Any, data: bytes) -> bool | None:
    try:
        answer = plugin.sniff(data)
    except Exception:
        return None
    return answer if isinstance(answer, bool) else None


def check_sniff(
    plugin: Any, samples: Iterable[Sample] = (), options: KitOptions = KitOptions()
) -> None:
    plugin = _instance(plugin)
    _raise(plugin, sniff_problems(plugin, samples, options))


# --- read ---------------------------------------------------------------------------------


def _read_once(plugin: Any, data: bytes, name: str, what: str, options: KitOptions) -> str | None:
    """What is wrong with reading ``data``, or None: a Document or a govreport error is fine."""
    started = time.perf_counter()
    try:
        result = plugin.read(Source(data=data, name=name))
    except GovReportError:
        result = None
    except Exception as exc:
        return (
            f"read raised {type(exc).__name__}: {exc}{_where(exc)} on {what}: a plugin must raise "
            "govreport.ParseError (or another govreport error) for input it cannot read; "
            "wrap the library's exception: `raise ParseError(...) from exc`"
        )
    seconds = time.perf_counter() - started
    if seconds > options.read_seconds:
        return f"read took {seconds:.1f} s on {what} (limit {options.read_seconds} s)"
    if result is not None and not isinstance(result, Document):
        return f"read returned {type(result).__name__} on {what}: it must return a govreport.document.Document"
    return None


def _cuts(size: int) -> list[int]:
    points = {0, 1, 2, 4, 8, 16, 64, 512, size // 4, size // 2, (3 * size) // 4, size - 1}
    return sorted(p for p in points if 0 <= p < size)


def read_problems(
    plugin: Any, samples: Iterable[Sample] = (), options: KitOptions = KitOptions()
) -> list[Problem]:
    """``read`` gives a Document or raises only govreport's errors on empty, junk, truncated
    and corrupted input (and on the samples, which must read)."""
    check = "read"
    problems: list[Problem] = []
    ext = _extension(plugin)
    name = f"input.{ext}"
    loaded = load_samples(samples)
    fixed: list[tuple[str, bytes]] = [
        ("empty input", b""),
        ("white space", b" \n\t \r\n"),
        ("NUL bytes", b"\x00" * 1024),
        ("invalid UTF-8", b"\xff\xfe\xfa\xc0" * 256),
        ("an empty zip archive", b"PK\x05\x06" + b"\x00" * 18),
        ("a zip header and nothing more", b"PK\x03\x04" + b"\x00" * 26),
        ("an OLE2 header and nothing more", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504),
        ("a PDF header and nothing more", b"%PDF-1.7\n"),
        ("an HTML tag and nothing more", b"<html><body><table><tr><td>"),
    ]
    for sample_name, data in loaded:
        fixed.extend((f"{sample_name} cut to {cut} bytes", data[:cut]) for cut in _cuts(len(data)))
        middle = len(data) // 2
        fixed.append(
            (
                f"{sample_name} with 64 bytes zeroed at {middle}",
                data[:middle] + b"\x00" * 64 + data[middle + 64 :],
            )
        )
    for sample_name, data in loaded:
        message = _read_once(plugin, data, sample_name, sample_name, options)
        if message is None:
            try:
                ok = isinstance(plugin.read(Source(data=data, name=sample_name)), Document)
            except GovReportError as exc:
                problems.append(
                    Problem(
                        check,
                        f"the sample {sample_name} does not read: {type(exc).__name__}: {exc}",
                    )
                )
                ok = True
            if not ok:
                problems.append(
                    Problem(check, f"the sample {sample_name} does not read to a Document")
                )
        else:
            problems.append(Problem(check, message))
    notes = _Notes(check)
    for what, data in fixed:
        message = _read_once(plugin, data, name, what, options)
        if message is not None:
            kind = re.match(r"read (raised \w+|took|returned \w+)", message)
            notes.add(kind.group(0) if kind else message, message)
    problems.extend(notes.problems())
    heads = [data[:16] for _, data in loaded] or [b""]

    @_settings(options.junk_examples)
    @given(st.sampled_from(heads), st.binary(max_size=4096))
    def junk(head: bytes, tail: bytes) -> None:
        data = head + tail
        message = _read_once(plugin, data, name, f"junk input {_describe(data)}", options)
        if message is not None:
            raise _Failed(message)

    problems.extend(_run_property(check, junk))
    if loaded:

        @_settings(max(1, options.junk_examples // 2))
        @given(st.sampled_from(loaded), st.data())
        def flipped(sample: tuple[str, bytes], draw: st.DataObject) -> None:
            sample_name, data = sample
            if not data:
                return
            position = draw.draw(st.integers(0, len(data) - 1), label="position")
            byte = draw.draw(st.integers(0, 255), label="byte")
            changed = data[:position] + bytes([byte]) + data[position + 1 :]
            message = _read_once(
                plugin, changed, name, f"{sample_name} with byte {position} set to {byte}", options
            )
            if message is not None:
                raise _Failed(message)

        problems.extend(_run_property(check, flipped))
    return problems


def check_read(
    plugin: Any, samples: Iterable[Sample] = (), options: KitOptions = KitOptions()
) -> None:
    plugin = _instance(plugin)
    _raise(plugin, read_problems(plugin, samples, options))


# --- round trip ---------------------------------------------------------------------------


def _key(value: Value) -> tuple[str, str]:
    # a decimal must come back with its printed digits: 0.500000 is not 0.5
    return (type(value).__name__, format(value, "f") if isinstance(value, Decimal) else str(value))


def read_back(plugin: Any, data: bytes, name: str) -> Report:
    """The report ``plugin`` reads from ``data``, as :func:`govreport.load` would get it."""
    source = Source(data=data, name=name)
    read_report = getattr(plugin, "read_report", None)
    if callable(read_report):
        report = read_report(source)
        if not isinstance(report, Report):
            raise _Failed(f"read_report returned {type(report).__name__}, not a Report")
        return report
    return build(plugin.read(source), source=name)


def round_trip_difference(original: Report, loaded: Report) -> list[str]:
    """What differs between a written report and the one read back (empty when nothing)."""
    out = []
    for field in ("agency", "year", "template"):
        if getattr(original, field) != getattr(loaded, field):
            out.append(
                f"{field}: wrote {getattr(original, field)!r}, read back {getattr(loaded, field)!r}"
            )
    wrote, got = original.cells(), loaded.cells()
    for cell_id, value in wrote.items():
        if cell_id not in got:
            out.append(f"{cell_id}: wrote {value!r}, not read back")
        elif _key(got[cell_id]) != _key(value):
            out.append(f"{cell_id}: wrote {value!r}, read back {got[cell_id]!r}")
    out.extend(
        f"{cell_id}: not written, read back {got[cell_id]!r}"
        for cell_id in got
        if cell_id not in wrote
    )
    return out


def round_trip_problems(plugin: Any, options: KitOptions = KitOptions()) -> list[Problem]:
    """Reports drawn from :func:`govreport.testing.strategies.reports` survive
    ``read(write(report))`` in every cell (totals included), agency, year and template;
    the written bytes are ``bytes`` that the plugin's own sniff recognises."""
    check = "round trip"
    write = getattr(plugin, "write", None)
    if not callable(write):
        return []
    name = f"report.{_extension(plugin)}"

    @_settings(options.round_trip_examples)
    @given(reports(rich_prose=False))
    def survives(report: Report) -> None:
        try:
            data = write(report)
        except Exception as exc:
            raise _Failed(
                f"write raised {type(exc).__name__}: {exc}{_where(exc)} on a valid report "
                f"({report.agency} {report.year}, {report.template} template)"
            ) from exc
        if not isinstance(data, bytes):
            raise _Failed(f"write returned {type(data).__name__}: it must return bytes")
        if plugin_answers(plugin, data[:65536]) is not True:
            raise _Failed("sniff does not recognise what write wrote")
        try:
            loaded = read_back(plugin, data, name)
        except GovReportError as exc:
            raise _Failed(
                f"what write wrote does not read back ({report.agency} {report.year}, "
                f"{report.template} template): {type(exc).__name__}: {exc}"
            ) from exc
        except _Failed:
            raise
        except Exception as exc:
            raise _Failed(
                f"reading back what write wrote raised {type(exc).__name__}: {exc}{_where(exc)}"
            ) from exc
        difference = round_trip_difference(report, loaded)
        if difference:
            shown = "; ".join(difference[:6]) + (
                f"; and {len(difference) - 6} more" if len(difference) > 6 else ""
            )
            raise _Failed(
                f"read(write(report)) differs from the report ({report.agency} {report.year}, "
                f"{report.template} template): {shown}"
            )

    return _run_property(check, survives)


def check_round_trip(plugin: Any, options: KitOptions = KitOptions()) -> None:
    plugin = _instance(plugin)
    _raise(plugin, round_trip_problems(plugin, options))


# --- everything ---------------------------------------------------------------------------


def check_plugin(
    plugin: Any,
    *,
    samples: Iterable[Sample] = (),
    registered: bool = True,
    options: KitOptions = KitOptions(),
) -> None:
    """Run every check on ``plugin`` (a class or an instance); raise one
    :class:`ConformanceError` listing every problem.

    ``samples`` are real documents of the format (paths or bytes) that must sniff and
    read. ``registered=False`` skips the entry-point check, for a plugin tested
    before it is installed.
    """
    plugin = _instance(plugin)
    problems = metadata_problems(plugin)
    if registered:
        problems.extend(registration_problems(plugin))
    samples = list(samples)
    problems.extend(sniff_problems(plugin, samples, options))
    problems.extend(read_problems(plugin, samples, options))
    problems.extend(round_trip_problems(plugin, options))
    _raise(plugin, problems)


__all__ = [
    "ConformanceError",
    "KitOptions",
    "Problem",
    "check_metadata",
    "check_plugin",
    "check_read",
    "check_registration",
    "check_round_trip",
    "check_sniff",
    "load_samples",
    "metadata_problems",
    "read_back",
    "read_problems",
    "registration_problems",
    "round_trip_difference",
    "round_trip_problems",
    "sniff_problems",
]
