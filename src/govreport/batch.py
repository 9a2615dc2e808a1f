"""Many reports at once: ``load_many`` streams results over any ``concurrent.futures.Executor``.

Each source gives one :class:`Result`: the report with its findings, or the error that
refused it. A bad file never stops the batch: each source has a time budget
(``Limits.seconds``), kept inside the reader, by an alarm in the worker process, and,
should both fail (a hang inside C code), by killing the worker, which is replaced; the
source is then reported as a :class:`LimitExceededError`. Ctrl-C (KeyboardInterrupt)
stops the workers at once instead of waiting for the files they hold. Work runs on a process pool by default
(one worker per core) or on any executor the caller gives, such as a Dask cluster's
``Client.get_executor()``. Memory stays bounded: at most ``max_in_flight`` chunks are
submitted and not yet handed back, however many sources there are.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    wait,
)
from pathlib import Path
from typing import Any, TextIO, cast

import attrs

from govreport import errors
from govreport.api import load
from govreport.build import BuildOptions
from govreport.errors import GovReportError, LimitExceededError
from govreport.limits import Limits, exceeded
from govreport.messages import message
from govreport.model import Finding, Metadata, Report, Severity, Value
from govreport.plugins import formats
from govreport.source import DEFAULT_MAX_BYTES, Source, SourceLike, open_source
from govreport.validate import validate


class InternalError(GovReportError, RuntimeError):
    """Reading one source crashed inside govreport or a plugin with a foreign error, or
    killed its worker process: a bug to report, recorded so that the batch goes on."""


@attrs.frozen
class BatchOptions:
    """How :func:`load_many` reads and schedules its sources."""

    #: read every source as this format instead of guessing
    format: str | None = None
    build: BuildOptions | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    #: opens encrypted PDFs (every source that needs one is tried with it)
    password: str | None = attrs.field(default=None, repr=False)
    #: run :func:`govreport.validate` in the worker; otherwise findings are the reader's only
    validate: bool = True
    #: ship the whole :class:`Report` back; ``False`` ships metadata, cells and findings
    #: only, which is all the exports need and halves the work of the collecting process
    keep_reports: bool = True
    #: size of the default process pool (``None``: one per core); ``0`` reads in the
    #: calling process, without any pool (for debugging and tiny batches)
    workers: int | None = None
    #: sources per submitted task: fewer, larger tasks cost less to schedule
    chunk_size: int = attrs.field(default=4, validator=attrs.validators.ge(1))
    #: tasks submitted but not yet handed back (``None``: four per worker, or 16 on an
    #: executor of unknown size); this, times ``chunk_size``, bounds memory
    max_in_flight: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.ge(1))
    )
    #: hand results back in input order (holding early finishers) instead of as they finish
    ordered: bool = False
    #: a picklable step run in the worker on each report's result before it is sent
    #: back, e.g. :meth:`govreport.export.Exporter.renderer`, so that per-row work is
    #: spread over the workers instead of piling up in the collecting process
    prepare: Callable[[Result], Result] | None = None

    @property
    def limits(self) -> Limits:
        """The budgets each source is read with (those of ``build``)."""
        return self.build.limits if self.build is not None else Limits()


@attrs.frozen
class Result:
    """What became of one source: a report (``error`` is None) or a refusal.

    ``index`` is the source's position in the input; ``source`` names it (the path as
    given, or the file name). ``cells`` and ``metadata`` are there whenever the report
    was read, even when :attr:`BatchOptions.keep_reports` is off.
    """

    index: int
    source: str
    metadata: Metadata | None = None
    cells: Mapping[str, Value] = attrs.field(factory=dict)
    findings: tuple[Finding, ...] = ()
    report: Report | None = None
    error: GovReportError | None = None
    seconds: float = 0.0
    #: what :attr:`BatchOptions.prepare` attached in the worker (rendered rows)
    payload: object = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def error_type(self) -> str | None:
        """The refusing error's class name (``"ParseError"``), None for a report."""
        return None if self.error is None else type(self.error).__name__

    def flagged_cells(self) -> frozenset[str]:
        """The cell IDs some finding names."""
        return frozenset(cell for finding in self.findings for cell in finding.cells)


# --- the work done in a worker -----------------------------------------------------------


@attrs.frozen
class _Task:
    """One chunk of sources, as sent to a worker: small and picklable."""

    items: tuple[tuple[int, str, str | Source], ...]
    options: BatchOptions
    attempt: int = 1


def _portable(exc: GovReportError) -> GovReportError:
    # A plugin's own error subclass may not survive pickling (a required keyword
    # argument); the caller then gets govreport's nearest built-in class, same message.
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        for cls in type(exc).__mro__:
            if cls.__module__ == errors.__name__ and issubclass(cls, GovReportError):
                return cls(str(exc))
        return GovReportError(str(exc))
    return exc


class _Overrun(BaseException):
    """Raised by the worker's alarm: a BaseException, so that no ``except Exception`` in
    a reader or a dependency swallows it."""


#: Seconds past a source's time budget before the worker's alarm goes off (the reader's
#: own checks come first and say where they stopped), and again before the collecting
#: process kills a worker that the alarm could not stop.
GRACE_SECONDS = 1.0


def _overrun_error(options: BatchOptions, seconds: float) -> LimitExceededError:
    return exceeded(options.limits, "seconds", "limit.what.seconds", seconds)


@contextlib.contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """In a worker process, raise :class:`_Overrun` after ``seconds``: a loop that never
    reaches the reader's own time checks is still stopped. Elsewhere (the caller's own
    process, a thread of another executor) a signal is not ours to take: nothing."""
    in_worker = (
        seconds is not None
        and _in_pool_worker
        and threading.current_thread() is threading.main_thread()
    )
    if not in_worker or seconds is None:
        yield
        return

    def ring(signum: int, frame: object) -> None:
        raise _Overrun

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds + GRACE_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


#: Set in the processes of load_many's own pool (see _worker_started).
_in_pool_worker = False


def _worker_started() -> None:
    """Runs first in each worker of the default pool: Ctrl-C in a terminal reaches the
    whole process group, and the workers leave it to the collecting process, which
    stops them (instead of each printing a traceback)."""
    global _in_pool_worker
    _in_pool_worker = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def read_one(index: int, name: str, source: str | Source, options: BatchOptions) -> Result:
    """Read and check one source; never raises for a bad input."""
    started = time.perf_counter()
    try:
        with _alarm(options.limits.seconds):
            return _read_checked(index, name, source, options, started)
    except _Overrun:
        seconds = time.perf_counter() - started
        return Result(index, name, error=_overrun_error(options, seconds), seconds=seconds)


def _read_checked(
    index: int, name: str, source: str | Source, options: BatchOptions, started: float
) -> Result:
    try:
        # load() passes a Source through unchanged (open_source), though SourceLike omits it
        given = cast(SourceLike, source)
        report = load(
            given,
            format=options.format,
            options=options.build,
            max_bytes=options.max_bytes,
            password=options.password,
        )
        findings = tuple(validate(report)) if options.validate else report.findings
    except GovReportError as exc:
        return Result(index, name, error=_portable(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug must cost one file, not the batch
        error = InternalError(message("batch.error.internal", kind=type(exc).__name__, detail=exc))
        return Result(index, name, error=error, seconds=time.perf_counter() - started)
    result = Result(
        index,
        name,
        metadata=report.metadata,
        cells=report.cells(),
        findings=findings,
        report=report if options.keep_reports else None,
        seconds=time.perf_counter() - started,
    )
    if options.prepare is not None:
        # Should the caller's own step fail, it gets the plain result and, doing the same
        # step itself, the same error where it can handle it.
        with contextlib.suppress(Exception):
            result = options.prepare(result)
    return result


def _run_task(task: _Task) -> list[Result]:
    return [read_one(index, name, source, task.options) for index, name, source in task.items]


# --- scheduling ----------------------------------------------------------------------------


def _name_of(index: int, source: SourceLike) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    if isinstance(source, Source):
        return source.name or f"<source {index}>"
    name = getattr(source, "name", None)
    return os.path.basename(name) if isinstance(name, str) else f"<source {index}>"


def _portable_source(source: SourceLike, options: BatchOptions) -> str | Source:
    # Paths travel as paths, so workers read files in parallel; bytes and open files are
    # read here, because a file object cannot cross to another process.
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return open_source(source, max_bytes=options.max_bytes)


def _tasks(
    sources: Iterable[SourceLike], options: BatchOptions, refused: list[Result]
) -> Iterator[_Task]:
    chunk: list[tuple[int, str, str | Source]] = []
    for index, source in enumerate(sources):
        name = _name_of(index, source)
        try:
            portable = _portable_source(source, options)
        except GovReportError as exc:
            refused.append(Result(index, name, error=_portable(exc)))
            continue
        chunk.append((index, name, portable))
        if len(chunk) >= options.chunk_size:
            yield _Task(tuple(chunk), options)
            chunk = []
    if chunk:
        yield _Task(tuple(chunk), options)


def _crashed(task: _Task, exc: BaseException) -> list[Result]:
    said = message("batch.error.worker", kind=type(exc).__name__, detail=exc)
    return [Result(index, name, error=InternalError(said)) for index, name, _ in task.items]


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_worker_started)


def _stop_now(pool: Executor) -> None:
    """Stop a pool of our own without waiting for the sources its workers hold."""
    # concurrent.futures can only wait for a running task; its processes are reachable
    # only through this private attribute, stable since Python 3.2
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.kill()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=1.0)


class _Watch:
    """When each task was first seen running, to find a worker that its alarm could
    not stop (a hang inside C code)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.since: dict[Future[list[Result]], float] = {}

    def interval(self) -> float | None:
        return None if self.seconds is None else min(1.0, self.seconds / 4 + 0.05)

    def overdue(self, running: Mapping[Future[list[Result]], tuple[_Task, int]]) -> list[_Task]:
        if self.seconds is None:
            return []
        now = time.monotonic()
        late: list[_Task] = []
        for future, (task, _) in running.items():
            if not future.running():
                continue
            since = self.since.setdefault(future, now)
            allowed = len(task.items) * (self.seconds + GRACE_SECONDS) + GRACE_SECONDS
            if now - since > allowed:
                late.append(task)
        return late

    def forget(self, future: Future[list[Result]]) -> None:
        self.since.pop(future, None)


def load_many(
    sources: Iterable[SourceLike],
    *,
    executor: Executor | None = None,
    options: BatchOptions | None = None,
) -> Iterator[Result]:
    """Read many reports; yield one :class:`Result` per source, never stopping on a bad one.

    ``sources`` may be a lazy iterable (of paths, bytes or binary files); it is consumed
    only as fast as workers free up. With no ``executor`` a process pool with one worker
    per core is started and shut down when the iterator ends or is closed. Any
    ``concurrent.futures.Executor`` works, e.g. ``distributed.Client(...).get_executor()``.

    When a worker process of the default pool dies (a reader crashing the interpreter),
    the pool is replaced and the sources it held are retried, the last time one at a
    time, so that only the culprit is recorded as an :class:`InternalError`.
    """
    options = options or BatchOptions()
    if options.workers == 0 and executor is None:
        yield from _serial(sources, options)
        return
    own = executor is None
    workers = options.workers or os.cpu_count() or 1
    window = (options.max_in_flight or (4 * workers if own else 16)) * options.chunk_size
    if own:
        # Load the format plugins here once, so that forked workers inherit them instead
        # of each loading them again.
        formats()
    pool: Executor = executor if executor is not None else _new_pool(workers)
    generation = 0  # bumped each time a broken pool is replaced
    refused: list[Result] = []
    tasks = _tasks(sources, options, refused)
    retries: deque[_Task] = deque()
    running: dict[Future[list[Result]], tuple[_Task, int]] = {}
    held: dict[int, Result] = {}  # finished early, waiting for their turn (ordered mode)
    next_index = 0
    exhausted = False
    watch = _Watch(options.limits.seconds if own else None)
    overdue: set[int] = set()  # id() of the tasks whose worker was killed for time
    finished = False

    def emit(results: Iterable[Result]) -> Iterator[Result]:
        nonlocal next_index
        if not options.ordered:
            yield from results
            return
        # every index reaches here exactly once (a report, a refusal or a crash)
        for result in results:
            held[result.index] = result
        while next_index in held:
            yield held.pop(next_index)
            next_index += 1

    def in_flight() -> int:
        return sum(len(task.items) for task, _ in running.values()) + len(held)

    try:
        while True:
            # (with nothing running, a retry goes out even when early finishers held in
            # ordered mode fill the window: it may be the one they wait for)
            while not running or in_flight() < window:
                # A third attempt runs alone, so that an innocent neighbour is never
                # blamed for the culprit's crash.
                if any(task.attempt >= 3 for task, _ in running.values()):
                    break
                if retries:
                    if retries[0].attempt >= 3 and running:
                        break
                    task = retries.popleft()
                elif not exhausted:
                    next_task = next(tasks, None)
                    if refused:
                        yield from emit(list(refused))
                        refused.clear()
                    if next_task is None:
                        exhausted = True
                        continue
                    task = next_task
                else:
                    break
                try:
                    future = pool.submit(_run_task, task)
                except BrokenExecutor as exc:
                    # the pool broke before any of its futures told us so
                    if not own:
                        yield from emit(_crashed(task, exc))
                        continue
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = _new_pool(workers)
                    generation += 1
                    future = pool.submit(_run_task, task)
                running[future] = (task, generation)
            if not running:
                if exhausted and not retries:
                    break
                continue
            done, _ = wait(running, timeout=watch.interval(), return_when=FIRST_COMPLETED)
            late = watch.overdue(running)
            if late and not done:
                # the alarm did not stop them: kill the pool; its futures fail as broken
                overdue.update(id(task) for task in late)
                _stop_now(pool)
                pool = _new_pool(workers)
                generation += 1
                done, _ = wait(running, timeout=5.0, return_when=FIRST_COMPLETED)
            for future in done:
                task, born = running.pop(future)
                watch.forget(future)
                try:
                    results = future.result()
                except BrokenExecutor as exc:
                    if id(task) in overdue and len(task.items) == 1:
                        overdue.discard(id(task))
                        results = [
                            Result(index, name, error=_overrun_error(options, watch.seconds or 0))
                            for index, name, _ in task.items
                        ]
                    elif not own or task.attempt >= 3:
                        results = _crashed(task, exc)
                    else:
                        if born == generation:
                            pool.shutdown(wait=False, cancel_futures=True)
                            pool = _new_pool(workers)
                            generation += 1
                        if id(task) in overdue:
                            # one of its sources hangs: each alone, so only it is blamed
                            overdue.discard(id(task))
                            retries.extend(_Task((item,), options, 3) for item in task.items)
                            continue
                        # a chunk is retried whole once, then source by source
                        if task.attempt == 1:
                            retries.append(_Task(task.items, options, 2))
                        else:
                            retries.extend(_Task((item,), options, 3) for item in task.items)
                        continue
                except Exception as exc:  # the executor failed the task as a whole
                    results = _crashed(task, exc)
                yield from emit(results)
        finished = True
    finally:
        if own:
            if finished:
                pool.shutdown(wait=True, cancel_futures=True)
            else:
                # Ctrl-C, an error, or a caller that stopped iterating: the sources the
                # workers hold are not wanted any more
                _stop_now(pool)


def _serial(sources: Iterable[SourceLike], options: BatchOptions) -> Iterator[Result]:
    for index, source in enumerate(sources):
        name = _name_of(index, source)
        try:
            portable = _portable_source(source, options)
        except GovReportError as exc:
            yield Result(index, name, error=_portable(exc))
            continue
        yield read_one(index, name, portable, options)


# --- finding the files of a folder --------------------------------------------------------


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Every file named, and every file under every folder named (recursively, in name
    order, skipping hidden files and folders)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if child.is_file() and not any(part.startswith(".") for part in relative):
                    yield child
        else:
            yield path


# --- the summary -----------------------------------------------------------------------------


@attrs.define
class Summary:
    """Running counts over a batch: what was read, what was refused and why, what was found."""

    read: int = 0
    refused: Counter[str] = attrs.field(factory=Counter)
    refused_examples: dict[str, str] = attrs.field(factory=dict)
    findings: Counter[tuple[str, str]] = attrs.field(factory=Counter)
    reports_with_errors: int = 0
    started: float = attrs.field(factory=time.perf_counter)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return self.read + sum(self.refused.values())

    @property
    def failures(self) -> int:
        return sum(self.refused.values())

    def add(self, result: Result) -> None:
        if result.error is not None:
            kind = type(result.error).__name__
            self.refused[kind] += 1
            self.refused_examples.setdefault(kind, f"{result.source}: {result.error}")
        else:
            self.read += 1
            if any(f.severity is Severity.ERROR for f in result.findings):
                self.reports_with_errors += 1
        self.add_findings(result.findings)
        self.seconds = time.perf_counter() - self.started

    def add_findings(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.findings[(finding.rule, finding.severity.value)] += 1

    def lines(self) -> list[str]:
        rate = self.total / self.seconds if self.seconds > 0 else 0.0
        out = [
            message(
                "batch.summary.read",
                read=self.read,
                total=self.total,
                seconds=self.seconds,
                rate=rate,
                with_errors=self.reports_with_errors,
            )
        ]
        if self.refused:
            out.append(message("batch.summary.refused", count=self.failures))
            example = message("batch.summary.example")
            for kind, count in sorted(self.refused.items(), key=lambda kv: (-kv[1], kv[0])):
                out.append(
                    f"  {kind:24} {count:7}   {example} {_shorten(self.refused_examples[kind], 100)}"
                )
        total_findings = sum(self.findings.values())
        out.append(
            message("batch.summary.findings", count=total_findings)
            + (":" if total_findings else "")
        )
        for (rule, severity), count in sorted(self.findings.items()):
            out.append(f"  {rule:8} {severity:8} {count:7}")
        return out


class Progress:
    """Files done, rate and failures on a terminal: a tqdm bar when tqdm is installed,
    else a plain line rewritten in place (or, off a terminal, printed now and then)."""

    def __init__(
        self, total: int | None, *, stream: TextIO | None = None, enabled: bool = True
    ) -> None:
        self._stream = stream or sys.stderr
        self._enabled = enabled
        self._total = total
        self._done = 0
        self._last = 0.0
        self._bar: Any = None
        self._tty = self._stream.isatty()
        if enabled:
            try:
                from tqdm import tqdm
            except ImportError:
                return
            self._bar = tqdm(
                total=total, unit="file", file=self._stream, dynamic_ncols=True, mininterval=0.5
            )

    def update(self, summary: Summary) -> None:
        if not self._enabled:
            return
        self._done += 1
        if self._bar is not None:
            self._bar.update(1)
            if summary.failures:
                self._bar.set_postfix(refused=summary.failures, refresh=False)
            return
        now = time.perf_counter()
        if now - self._last < (0.5 if self._tty else 10.0) and self._done != self._total:
            return
        self._last = now
        self._write(summary)

    def _write(self, summary: Summary) -> None:
        rate = summary.total / summary.seconds if summary.seconds > 0 else 0.0
        of = f"/{self._total}" if self._total is not None else ""
        line = f"{self._done}{of} files  {rate:.1f} files/s  {summary.failures} refused"
        self._stream.write(("\r" + line) if self._tty else line + "\n")
        self._stream.flush()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        elif self._enabled and self._tty:
            self._stream.write("\n")
            self._stream.flush()


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


__all__ = [
    "BatchOptions",
    "InternalError",
    "Progress",
    "Result",
    "Summary",
    "iter_files",
    "load_many",
    "read_one",
]
