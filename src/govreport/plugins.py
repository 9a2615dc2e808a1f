"""The format plugin interface and the registry that finds plugins through entry points.

Every format, built-in or third-party, is a class registered in the entry-point group
``govreport.formats``. The registry reads the installed entry points once, the first
time a format is needed, straight from the ``entry_points.txt`` files on ``sys.path``
(``importlib.metadata`` alone costs more than Python's start-up). A plugin named by
``format=`` is the only one imported; choosing by extension and content imports every
plugin's class, which is why a plugin's entry point names a light module that imports
its parser only in ``read`` (docs/plugins.md). A plugin that fails to import, or was
built for another interface version, is skipped with a warning naming it, and the
others keep working.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
import threading
import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeGuard, runtime_checkable

import attrs

from govreport.errors import UnsupportedFormatError
from govreport.logs import DEBUG, INFO, log
from govreport.messages import Message, message

if TYPE_CHECKING:
    from importlib import metadata

    from govreport.document import Document
    from govreport.model import Report
    from govreport.source import Source

#: The version of the interface below. A plugin declares the version it was written
#: for in ``interface_version``; one for another major version is skipped.
INTERFACE_VERSION = 1

ENTRY_POINT_GROUP = "govreport.formats"

#: Comma-separated format names, most preferred first, that break ties between plugins
#: claiming the same extension or sniffing the same bytes (e.g. ``docx-alt,html``).
PRIORITY_ENV = "GOVREPORT_FORMAT_PRIORITY"

#: Extensions no built-in format reads, and the plugin distribution that does, so that
#: "no installed format reads .docx" can say what to install.
KNOWN_PLUGINS: dict[str, str] = {
    "docx": "govreport-docx",
    "doc": "govreport-docx",
    "wps": "govreport-docx",
    "png": "govreport-ocr",
    "jpg": "govreport-ocr",
    "jpeg": "govreport-ocr",
    "tif": "govreport-ocr",
    "tiff": "govreport-ocr",
}


@runtime_checkable
class Format(Protocol):
    """What a format plugin provides.

    ``name`` is unique (``"html"``); ``extensions`` are lower-case without dots;
    ``media_types`` are MIME types. ``sniff`` answers from the first bytes alone whether
    the input is this format, without raising; ``read`` turns a whole source into a
    :class:`govreport.document.Document` and raises only :class:`govreport.ParseError`
    (or its subclasses) for input of this format that it cannot read. A plugin that can
    write also defines ``write(report) -> bytes``.
    """

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]
    media_types: ClassVar[tuple[str, ...]]
    interface_version: ClassVar[int]
    #: Higher wins when two plugins sniff the same bytes; the text format, which accepts
    #: any decodable text, has the lowest.
    priority: ClassVar[int]

    def sniff(self, head: bytes) -> bool: ...

    def read(self, source: Source) -> Document: ...


@runtime_checkable
class WritableFormat(Format, Protocol):
    """A format that can also write a report."""

    def write(self, report: Report) -> bytes: ...


@runtime_checkable
class ReportFormat(Format, Protocol):
    """A format that stores the report itself rather than a printed document (JSON).

    An extension of interface version 1: ``read_report(source) -> Report`` gives the
    saved report back without loss (findings, locations, the original source name),
    and :func:`govreport.load` calls it instead of ``read`` plus the builder. ``read``
    must still return a :class:`~govreport.document.Document` for
    :func:`govreport.read_document`. Errors follow ``read``'s contract.
    """

    def read_report(self, source: Source) -> Report: ...


@attrs.frozen
class FormatInfo:
    """One installed format plugin, or one that failed to load (``error`` set)."""

    name: str
    entry_point: str
    distribution: str | None
    version: str | None
    extensions: tuple[str, ...] = ()
    media_types: tuple[str, ...] = ()
    can_read: bool = False
    can_write: bool = False
    #: why the plugin was skipped, as a message ID and its fields (see :attr:`error`)
    problem: Message | None = None
    #: modules the writer needs that are not installed (it cannot write until they are)
    write_missing: tuple[str, ...] = ()

    @property
    def error(self) -> str | None:
        """Why the plugin was skipped, in the current language (None: it loaded). The
        registry is loaded once per process; the text is made when it is asked for."""
        return None if self.problem is None else self.problem.text()


class InstalledEntryPoint:
    """An entry point as ``entry_points.txt`` declares it, with its distribution."""

    def __init__(self, name: str, value: str, distribution: str | None, version: str | None):
        self.name = name
        self.value = value
        self.distribution = distribution
        self.version = version

    def load(self) -> Any:
        module, _, attr = self.value.partition(":")
        obj: Any = importlib.import_module(module.strip())
        for part in attr.split("[")[0].strip().split(".") if attr else ():
            obj = getattr(obj, part)
        return obj


def installed_entry_points(
    group: str, path: Sequence[str] | None = None
) -> list[InstalledEntryPoint]:
    """The entry points of ``group`` of every distribution on ``path`` (``sys.path``);
    of two installs of one distribution the first on the path counts, as for
    ``importlib.metadata``."""
    found: list[InstalledEntryPoint] = []
    seen: set[str] = set()
    for entry in sys.path if path is None else path:
        try:
            folders = sorted(os.listdir(entry or "."))
        except OSError:  # not a folder (a zip), or gone
            continue
        for folder in folders:
            if not folder.endswith((".dist-info", ".egg-info")):
                continue
            key = re.sub(r"[-_.]+", "_", folder.rsplit(".", 1)[0].split("-")[0]).lower()
            if key in seen:
                continue
            seen.add(key)
            info = os.path.join(entry or ".", folder)
            declared = _group_entries(os.path.join(info, "entry_points.txt"), group)
            if declared:
                name, version = _name_and_version(info)
                found.extend(InstalledEntryPoint(n, v, name, version) for n, v in declared)
    return found


def _group_entries(path: str, group: str) -> list[tuple[str, str]]:
    try:
        with open(path, encoding="utf-8") as lines:
            text = lines.read()
    except OSError:
        return []
    entries: list[tuple[str, str]] = []
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
        elif current == group and "=" in line:
            name, _, value = line.partition("=")
            entries.append((name.strip(), value.strip()))
    return entries


def _name_and_version(info: str) -> tuple[str | None, str | None]:
    fields: dict[str, str] = {}
    for file in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(info, file), encoding="utf-8") as lines:
                for line in lines:
                    if not line.strip():
                        break  # the headers end at the first blank line
                    key, _, value = line.partition(":")
                    if key in ("Name", "Version"):
                        fields.setdefault(key, value.strip())
        except OSError:
            continue
        break
    return fields.get("Name"), fields.get("Version")


def _distribution(ep: Any) -> tuple[str | None, str | None]:
    if isinstance(ep, InstalledEntryPoint):
        return ep.distribution, ep.version
    dist = getattr(ep, "dist", None)
    return (dist.metadata["Name"], dist.version) if dist is not None else (None, None)


class Registry:
    """Format plugins found through entry points; loaded on first use, then cached."""

    def __init__(
        self, entry_points: Iterable[metadata.EntryPoint | InstalledEntryPoint] | None = None
    ) -> None:
        self._given = entry_points
        self._lock = threading.RLock()
        self._eps: list[Any] | None = None
        self._plugins: dict[str, Format] | None = None
        self._loaded: dict[str, Format] = {}  # by entry point name, before all are
        self._infos: list[FormatInfo] = []
        # Derived from the loaded plugins, which never change once loaded, and from
        # GOVREPORT_FORMAT_PRIORITY's value, which may: kept per value of the variable.
        self._orders: dict[str, list[Format]] = {}
        self._claimers: dict[tuple[str, str], list[Format]] = {}
        self._report_formats: dict[int, tuple[Format, bool]] = {}

    def _entry_points(self) -> list[Any]:
        if self._eps is None:
            found = (
                list(self._given)
                if self._given is not None
                else installed_entry_points(ENTRY_POINT_GROUP)
            )
            self._eps = sorted(found, key=lambda e: e.name)
        return self._eps

    def _load(self) -> dict[str, Format]:
        with self._lock:
            if self._plugins is not None:
                return self._plugins
            plugins: dict[str, Format] = {}
            infos: list[FormatInfo] = []
            for ep in self._entry_points():
                plugin, info = self._load_entry(ep)
                if plugin is not None and plugin.name in plugins:
                    problem = Message.of("plugin.problem.name_taken", name=repr(plugin.name))
                    warnings.warn(
                        message(
                            "plugin.skipped",
                            name=repr(ep.name),
                            entry_point=ep.value,
                            problem=problem,
                        ),
                        RuntimeWarning,
                        stacklevel=3,
                    )
                    info = FormatInfo(
                        ep.name, ep.value, info.distribution, info.version, problem=problem
                    )
                    log.warning("%s", _skipped(ep, problem))
                    plugin = None
                infos.append(info)
                if plugin is not None:
                    plugins[plugin.name] = plugin
            self._infos = infos
            self._plugins = plugins
            return plugins

    def _load_entry(self, ep: Any) -> tuple[Format | None, FormatInfo]:
        """One entry point's plugin (``None`` when it is skipped, with a warning) and info."""
        dist_name, dist_version = _distribution(ep)
        cached = self._loaded.get(ep.name)
        try:
            plugin = cached if cached is not None else _instantiate(ep.load())
        except Exception as exc:  # a broken plugin must not break the others
            error = Message.of("plugin.problem.exception", kind=type(exc).__name__, detail=str(exc))
            warnings.warn(
                message(
                    "plugin.load_failed", name=repr(ep.name), entry_point=ep.value, problem=error
                ),
                RuntimeWarning,
                stacklevel=4,
            )
            log.warning("%s", _skipped(ep, error))
            return None, FormatInfo(ep.name, ep.value, dist_name, dist_version, problem=error)
        problem = _contract_problem(plugin)
        if problem is not None:
            warnings.warn(
                message(
                    "plugin.skipped", name=repr(ep.name), entry_point=ep.value, problem=problem
                ),
                RuntimeWarning,
                stacklevel=4,
            )
            log.warning("%s", _skipped(ep, problem))
            return None, FormatInfo(ep.name, ep.value, dist_name, dist_version, problem=problem)
        self._loaded[ep.name] = plugin
        if log.isEnabledFor(DEBUG):
            log.debug(
                "%s", Message.of("log.plugin_loaded", name=repr(plugin.name), entry_point=ep.value)
            )
        return plugin, FormatInfo(
            name=plugin.name,
            entry_point=ep.value,
            distribution=dist_name,
            version=dist_version,
            extensions=tuple(plugin.extensions),
            media_types=tuple(getattr(plugin, "media_types", ())),
            can_read=True,
            can_write=callable(getattr(plugin, "write", None)),
            write_missing=_missing(getattr(plugin, "write_requires", ())),
        )

    def _named(self, name: str) -> Format | None:
        """The plugin called ``name`` by loading only the entry point of that name, when
        there is exactly one and it loads cleanly; otherwise ``None`` (load them all)."""
        with self._lock:
            if self._plugins is not None:
                return self._plugins.get(name)
            matching = [ep for ep in self._entry_points() if ep.name.lower() == name]
            if len(matching) != 1:
                return None
            ep = matching[0]
            plugin = self._loaded.get(ep.name)
            if plugin is None:
                try:
                    loaded = _instantiate(ep.load())
                except Exception:
                    return None  # the full load warns about it
                if _contract_problem(loaded) is not None:
                    return None
                plugin = self._loaded[ep.name] = loaded
            return plugin if plugin.name == name else None

    def infos(self) -> list[FormatInfo]:
        self._load()
        return list(self._infos)

    def get(self, name: str) -> Format:
        named = self._named(name.lower())
        if named is not None:
            return named
        plugins = self._load()
        try:
            return plugins[name.lower()]
        except KeyError:
            known = ", ".join(sorted(plugins)) or message("plugin.none_installed")
            raise UnsupportedFormatError(
                message("plugin.unknown", name=repr(name), installed=known)
            ) from None

    def ordered(self) -> list[Format]:
        """Plugins in tie-breaking order: the configured priority list first, then
        each plugin's own ``priority`` (highest first), then name."""
        return list(self._ordered(os.environ.get(PRIORITY_ENV, "")))

    def _ordered(self, setting: str) -> list[Format]:
        """:meth:`ordered` for ``setting``, the value of GOVREPORT_FORMAT_PRIORITY (not
        to be changed: it is shared)."""
        order = self._orders.get(setting)
        if order is None:
            plugins = self._load()
            rank = {name: i for i, name in enumerate(_preferred(setting))}
            order = sorted(
                plugins.values(),
                key=lambda p: (
                    rank.get(p.name, len(rank)),
                    -int(getattr(p, "priority", 0)),
                    p.name,
                ),
            )
            self._orders[setting] = order
        return order

    def for_extension(self, extension: str) -> list[Format]:
        ext = extension.lower().lstrip(".")
        return list(self._for_extension(ext, os.environ.get(PRIORITY_ENV, "")))

    def _for_extension(self, ext: str, setting: str) -> list[Format]:
        claimers = self._claimers.get((ext, setting))
        if claimers is None:
            claimers = [p for p in self._ordered(setting) if ext and ext in p.extensions]
            self._claimers[(ext, setting)] = claimers
        return claimers

    def is_report_format(self, plugin: Format) -> TypeGuard[ReportFormat]:
        """Whether ``plugin`` is a :class:`ReportFormat`; the runtime Protocol check is
        made once per plugin."""
        known = self._report_formats.get(id(plugin))
        if known is not None and known[0] is plugin:
            return known[1]
        answer = isinstance(plugin, ReportFormat)
        self._report_formats[id(plugin)] = (plugin, answer)
        return answer

    def choose(self, source: Source, name: str | None = None) -> Format:
        """The plugin for ``source``.

        The named one when ``name`` is given. Otherwise, of the plugins whose ``sniff``
        recognises the content, the first in tie-breaking order (see :meth:`ordered`)
        that claims the file's extension, unless that one is a fallback (``priority`` 0
        or less and not named in ``GOVREPORT_FORMAT_PRIORITY``, like the text format,
        which accepts any text) and another plugin recognises the content: then the
        first of those. So a ``.md`` wrapped in HTML by a converter stays
        Markdown, and a ``.txt`` holding an HTML page is read as HTML. When no plugin
        recognises the content, the one claiming the extension reads it (and says what
        is wrong with it).
        """
        if name is not None:
            if log.isEnabledFor(INFO):
                log.info("%s", Message.of("log.named", source=_named_source(source), format=name))
            return self.get(name)
        setting = os.environ.get(PRIORITY_ENV, "")
        preferred = _preferred(setting)
        by_extension = self._for_extension(source.extension.lower().lstrip("."), setting)
        head = source.head
        ranked = self._ordered(setting)
        sniffers: list[Format] = []
        for index, plugin in enumerate(ranked):
            if not _safe_sniff(plugin, head):
                continue
            if not by_extension or (plugin in by_extension and not _is_fallback(plugin, preferred)):
                # The first plugin that recognises the content is the choice when no
                # plugin claims the extension, or when it claims it and is no fallback:
                # the rule below would pick it whatever the later plugins sniff.
                why = "log.why.content_extension" if by_extension else "log.why.content"
                _chose(source, plugin, why)
                return plugin
            sniffers = [plugin] + [p for p in ranked[index + 1 :] if _safe_sniff(p, head)]
            break
        if sniffers:
            only_claimers = all(p in by_extension for p in sniffers)
            for plugin in sniffers:
                if plugin in by_extension and (
                    only_claimers or not _is_fallback(plugin, preferred)
                ):
                    _chose(source, plugin, "log.why.content_extension")
                    return plugin
            _chose(source, sniffers[0], "log.why.content")
            return sniffers[0]
        if by_extension:
            _chose(source, by_extension[0], "log.why.extension")
            return by_extension[0]
        installed = ", ".join(p.name for p in ranked)
        distribution = KNOWN_PLUGINS.get(source.extension)
        installed_from = {info.distribution for info in self._infos}
        if distribution is not None and distribution not in installed_from:
            text = message("error.needs_plugin", extension=source.extension, plugin=distribution)
        elif source.extension:
            text = message("error.no_reader", extension=source.extension, installed=installed)
        else:
            text = message("error.no_reader_content", installed=installed)
        raise UnsupportedFormatError(text)


def _chose(source: Source, plugin: Format, why: str) -> None:
    """Log the choice; ``why`` is the message ID of the reason. The Message is made
    only for a log that shows it, and worded only when a handler emits it."""
    if not log.isEnabledFor(INFO):
        return
    chosen = Message.of(
        "log.chosen", source=_named_source(source), format=plugin.name, why=Message(why)
    )
    log.info("%s", chosen)


def _named_source(source: Source) -> str | Message:
    return source.name or Message("log.input")


def _skipped(ep: Any, problem: Message) -> Message:
    return Message.of(
        "log.plugin_skipped", name=repr(ep.name), entry_point=ep.value, problem=problem
    )


def _missing(modules: Iterable[str]) -> tuple[str, ...]:
    """The modules of ``modules`` that are not installed, found without importing them."""
    return tuple(m for m in modules if importlib.util.find_spec(m) is None)


def _is_fallback(plugin: Format, preferred: Sequence[str]) -> bool:
    """A plugin that reads what no other recognises (``priority`` 0 or less, like the
    text format) and is not named in GOVREPORT_FORMAT_PRIORITY."""
    return plugin.name not in preferred and int(getattr(plugin, "priority", 0)) <= 0


def _preferred(setting: str) -> list[str]:
    """The format names of ``setting``, a value of GOVREPORT_FORMAT_PRIORITY."""
    return [p.strip().lower() for p in setting.split(",") if p.strip()]


def _instantiate(obj: Any) -> Any:
    return obj() if isinstance(obj, type) else obj


def _contract_problem(plugin: Any) -> Message | None:
    version = getattr(plugin, "interface_version", None)
    if version != INTERFACE_VERSION:
        return Message.of("plugin.problem.version", version=repr(version), needed=INTERFACE_VERSION)
    for attr in ("name", "extensions", "sniff", "read"):
        if not hasattr(plugin, attr):
            return Message.of("plugin.problem.missing", attribute=repr(attr))
    if not isinstance(plugin.name, str) or not plugin.name or plugin.name != plugin.name.lower():
        return Message.of("plugin.problem.name")
    if not all(
        isinstance(e, str) and e == e.lower() and not e.startswith(".") for e in plugin.extensions
    ):
        return Message.of("plugin.problem.extensions")
    return None


def _safe_sniff(plugin: Format, head: bytes) -> bool:
    try:
        return bool(plugin.sniff(head))
    except Exception:  # sniff must never raise; a plugin that does is treated as "not mine"
        return False


_default: Registry | None = None
_default_lock = threading.Lock()


def registry() -> Registry:
    """The process-wide registry of installed plugins."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Registry()
        return _default


def set_registry(new: Registry | None) -> None:
    """Replace the process-wide registry (tests; ``None`` rediscovers on next use)."""
    global _default
    with _default_lock:
        _default = new


def formats() -> list[FormatInfo]:
    """Every installed format plugin, including those that failed to load."""
    return registry().infos()


__all__ = [
    "ENTRY_POINT_GROUP",
    "INTERFACE_VERSION",
    "PRIORITY_ENV",
    "Format",
    "FormatInfo",
    "Registry",
    "ReportFormat",
    "WritableFormat",
    "formats",
    "registry",
    "set_registry",
]
