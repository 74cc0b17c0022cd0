"""The whole pure build: read every input, merge, find key moments, redact, validate.

Nothing here touches the database: `blamefree.services.timeline` calls `build` first (so a
malformed file stops the import before anything is written), then stores the result in one
transaction.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Protocol

from blamefree.domain.timeline import KeyMoment, KeyMomentKind, ResponseMetrics, TimelineEvent
from blamefree.ingest.keymoments import (
    PreparedMoments,
    find_key_moments,
    metrics_from,
    prepare_key_moments,
)
from blamefree.ingest.merge import MAX_EVIDENCE, MergeOptions, Merger, MergeStats, Partial, trim
from blamefree.ingest.reader import (
    ReadContext,
    ReadError,
    Record,
    detect_format,
    open_evidence,
    peek_evidence,
)
from blamefree.ingest.redact import Redactor

PROGRESS_EVERY = 20_000
PARALLEL_MIN_BYTES = 32 * 1024 * 1024
"""Below this much input, workers would cost more to start than they save."""
MAX_AUTO_WORKERS = 4


class Progress(Protocol):
    """Receives per-input progress (the CLI draws one bar per file)."""

    def started(self, name: str, size: int) -> None: ...

    def advanced(self, name: str, records: int) -> None: ...

    def finished(self, name: str, records: int) -> None: ...


@dataclass(frozen=True)
class BuildOptions:
    """Everything a build needs besides the inputs.

    Attributes:
        fmt: force one format for every input (`--format`); None detects per file.
        tz: zone for times written without one (`--tz`); None refuses such times.
        incident_start, incident_end: known incident times; they bound the window and date
            yearless or clock-only times. Unknown bounds are inferred from key moments.
        workers: processes that read inputs in parallel; None chooses one per CPU (at most
            MAX_AUTO_WORKERS) when there are several inputs of PARALLEL_MIN_BYTES or more in
            all, else reads in this process. The result is the same either way.
    """

    fmt: str | None = None
    tz: tzinfo | None = None
    incident_start: datetime | None = None
    incident_end: datetime | None = None
    merge: MergeOptions = field(default_factory=MergeOptions)
    redact_emails: bool = False
    redact_ips: bool = False
    workers: int | None = None


@dataclass(frozen=True)
class FileSummary:
    """One input: its display name, the detected format and how many records it gave."""

    name: str
    format: str
    records: int


@dataclass(frozen=True)
class Build:
    """The result of a build, ready to store and to report."""

    events: tuple[TimelineEvent, ...]
    key_moments: tuple[KeyMoment, ...]
    metrics: ResponseMetrics
    files: tuple[FileSummary, ...]
    stats: MergeStats
    redactions: dict[str, int]


def expand_inputs(paths: Sequence[Path]) -> list[Path]:
    """Files and Slack exports to read: folders that are not Slack exports are walked."""
    inputs: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        for candidate in _walk(path):
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                inputs.append(candidate)
    return inputs


def display_name(path: Path) -> str:
    """How evidence from this path is referenced: relative to the working folder when inside it.

    `evidence/app.jsonl`, `./evidence/app.jsonl` and its absolute spelling name the same file,
    so re-importing it from the same folder finds the same evidence references (idempotence).
    """
    absolute = Path(os.path.abspath(path))
    try:
        name = absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        name = absolute.as_posix()
    return name.replace(" ", "%20")


def _walk(path: Path) -> Iterator[Path]:
    if not path.is_dir() or (path / "channels.json").is_file() or (path / "users.json").is_file():
        yield path
        return
    for child in sorted(path.iterdir()):
        if not child.name.startswith("."):
            yield from _walk(child)


def build(
    paths: Sequence[Path], options: BuildOptions | None = None, progress: Progress | None = None
) -> Build:
    """Read, merge and check every input; raises ReadError on the first malformed one.

    Each input is read on its own (parse, normalise, dedupe its natural keys, collapse its
    log lines); big builds read inputs in parallel worker processes (see `BuildOptions`).
    The per-input results are then absorbed in input order, so the outcome is the same
    however many processes read them.
    """
    with _cyclic_gc_paused():
        return _build(paths, options or BuildOptions(), progress)


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """A build makes millions of short-lived objects and no reference cycles worth finding;
    pausing the cycle collector meanwhile saves several percent (reference counting still
    frees everything as usual)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build(paths: Sequence[Path], options: BuildOptions, progress: Progress | None) -> Build:
    context = ReadContext(
        default_tz=options.tz, reference=options.incident_start or options.incident_end
    )
    inputs = [(path, display_name(path)) for path in expand_inputs(paths)]
    workers = _worker_count(options, [path for path, _ in inputs])
    merger = Merger(options.merge)
    since = options.incident_start - options.merge.before if options.incident_start else None
    prepared: list[PreparedMoments] = []
    if workers > 1:
        files = parallel_read(
            inputs,
            options.fmt,
            context,
            merger,
            workers,
            progress,
            # While the workers still read the logs: every key moment but the first symptom.
            settled=lambda held: prepared.append(prepare_key_moments(held, since=since)),
        )
    else:
        files = []
        for origin, (path, name) in enumerate(inputs):
            summary, partial = read_input(
                origin, path, name, options.fmt, context, options.merge, progress
            )
            merger.absorb(partial)
            files.append(summary)
    records = merger.finish()
    moments = find_key_moments(records, since=since, prepared=prepared[0] if prepared else None)
    start, end = _window(options, moments)
    records = trim(records, start, end, options.merge, merger.stats)
    redactor = Redactor(emails=options.redact_emails, ips=options.redact_ips)
    events = tuple(to_event(record, redactor) for record in records)
    moments = [m.model_copy(update={"reason": redactor.redact(m.reason)}) for m in moments]
    return Build(
        events=events,
        key_moments=tuple(moments),
        metrics=metrics_from(moments),
        files=tuple(files),
        stats=merger.stats,
        redactions=redactor.summary(),
    )


def read_input(
    origin: int,
    path: Path,
    name: str,
    fmt: str | None,
    context: ReadContext,
    merge: MergeOptions,
    progress: Progress | None = None,
) -> tuple[FileSummary, Partial]:
    """Read input number `origin` on its own: detect, parse, dedupe and collapse its records."""
    with _cyclic_gc_paused():
        return _read_input(origin, path, name, fmt, context, merge, progress)


def _read_input(
    origin: int,
    path: Path,
    name: str,
    fmt: str | None,
    context: ReadContext,
    merge: MergeOptions,
    progress: Progress | None,
) -> tuple[FileSummary, Partial]:
    evidence = open_evidence(path, name=name)
    reader = detect_format(evidence, fmt)
    if progress is not None:
        progress.started(name, _size(path))
    merger = Merger(merge)
    read_lines = getattr(reader, "read_lines", None)
    advanced = functools.partial(progress.advanced, name) if progress is not None else None
    try:
        if read_lines is not None:
            count = merger.add_logs(read_lines(evidence, context), origin, advanced, PROGRESS_EVERY)
        else:
            count = merger.add_all(reader.read(evidence, context), origin, advanced, PROGRESS_EVERY)
    except (OSError, EOFError, zlib.error) as err:
        # A truncated or corrupt .gz fails while streaming, after detection saw its start.
        raise ReadError(
            name,
            f"cannot be read to the end after {merger.seen} records ({err}); if it is "
            "compressed, check the download is complete",
        ) from err
    if progress is not None:
        progress.finished(name, count)
    return FileSummary(name, reader.name, count), merger.partial(origin)


def parallel_read(
    inputs: Sequence[tuple[Path, str]],
    fmt: str | None,
    context: ReadContext,
    merger: Merger,
    workers: int,
    progress: Progress | None = None,
    settled: Callable[[list[Record]], object] | None = None,
) -> list[FileSummary]:
    """`read_input` for every input in worker processes, absorbed into `merger` (as a
    sequential read would, in input order); returns the inputs' summaries in input order.

    The inputs that may hold records for the final merge (alerts, pages, deploys, cluster
    events: everything but line-by-line logs) are read first, then the logs, biggest first
    in each group. As soon as every holding input is in, this process correlates and
    collapses their records (`Merger.settle`) while the workers still read the logs, instead
    of after them, and hands them to `settled` (in timeline order). A ReadError is raised
    for the first malformed input in input order.
    """
    sizes = [_size(path) for path, _ in inputs]
    holds = [_may_hold_records(path, name, fmt) for path, name in inputs]
    if progress is not None:
        for (_, name), size in zip(inputs, sizes, strict=True):
            progress.started(name, size)
    # fork is Linux's default in Python 3.11: cheap, keeps the imported modules, and the
    # workers only read files (they need no lock of the caller's threads). From 3.12 Python
    # warns about fork with threads running, so then it is used only without them. Elsewhere
    # spawn, the platform's safe choice (each worker imports Blamefree first).
    forkable = sys.version_info < (3, 12) or threading.active_count() == 1
    method = "fork" if sys.platform == "linux" and forkable else "spawn"
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))
    merge = merger.options
    try:
        scratch: Path | None = Path(tempfile.mkdtemp(prefix="blamefree-build-"))
    except OSError:
        scratch = None  # no writable temporary folder: results come back through the pool
    try:
        futures: dict[int, Future[Path | bytes]] = {}
        for origin in sorted(range(len(inputs)), key=lambda i: (not holds[i], -sizes[i])):
            path, name = inputs[origin]
            futures[origin] = pool.submit(
                _read_to_file, scratch, origin, path, name, fmt, context, merge
            )
        early: dict[int, tuple[FileSummary, Partial]] = {}
        for origin in (index for index in range(len(inputs)) if holds[index]):
            if futures[origin].exception() is not None:
                break  # raised below, after any malformed input ahead of it
            early[origin] = _unpickled(futures[origin].result())
            merger.take_held(early[origin][1])
        else:
            merger.settle()
            if settled is not None:
                settled(merger.settled())
        files: list[FileSummary] = []
        for origin in range(len(inputs)):
            taken = early.pop(origin, None)
            summary, partial = taken or _unpickled(futures[origin].result())
            if progress is not None:
                progress.finished(summary.name, summary.records)
            merger.absorb(partial)
            files.append(summary)
        return files
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _read_to_file(
    scratch: Path | None,
    origin: int,
    path: Path,
    name: str,
    fmt: str | None,
    context: ReadContext,
    merge: MergeOptions,
) -> Path | bytes:
    """`read_input` in a worker process, its result pickled to a file in `scratch` (or
    returned pickled when there is no scratch folder).

    The executor then carries only the file's name back, and this process reads the result
    when it takes the input. Sent through the executor, a big result (50,000 records are
    13 MB) held the worker until this process's executor thread had read and unpickled it,
    and that thread, which hands out the next inputs, waits for the interpreter lock while
    this process merges: a worker done with an input waited 0.1-0.2 s for its next one.
    """
    data = pickle.dumps(
        read_input(origin, path, name, fmt, context, merge), protocol=pickle.HIGHEST_PROTOCOL
    )
    if scratch is None:
        return data
    target = scratch / f"{origin}.pickle"
    try:
        target.write_bytes(data)
    except OSError:
        return data  # no room in the temporary folder: through the pool after all
    return target


def _unpickled(sent: Path | bytes) -> tuple[FileSummary, Partial]:
    """The result `_read_to_file` gave (in a worker of this build); a file is read once."""
    if isinstance(sent, Path):
        data = sent.read_bytes()
        sent.unlink()
    else:
        data = sent
    result: tuple[FileSummary, Partial] = pickle.loads(data)
    return result


def _may_hold_records(path: Path, name: str, fmt: str | None) -> bool:
    """False when the input is surely read line by line into log bursts (no held records),
    judged from its first 64 KiB; True for anything else, including what cannot be told."""
    evidence = peek_evidence(path, name=name)
    if evidence is None:
        return True
    try:
        reader = detect_format(evidence, fmt)
    except ReadError:
        return True  # the real read reports it, in input order
    return getattr(reader, "read_lines", None) is None


def _worker_count(options: BuildOptions, paths: Sequence[Path]) -> int:
    if options.workers is not None:
        return max(1, min(options.workers, len(paths)))
    if len(paths) < 2 or sum(_size(path) for path in paths) < PARALLEL_MIN_BYTES:
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cpus or 1, len(paths), MAX_AUTO_WORKERS))


def _size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else 0


def _window(
    options: BuildOptions, moments: Sequence[KeyMoment]
) -> tuple[datetime | None, datetime | None]:
    at = {moment.kind: moment.at for moment in moments}
    start = (
        options.incident_start
        or at.get(KeyMomentKind.FIRST_SYMPTOM)
        or at.get(KeyMomentKind.DETECTION)
    )
    end = options.incident_end or at.get(KeyMomentKind.RESOLUTION)
    return start, end


def to_event(record: Record, redactor: Redactor) -> TimelineEvent:
    """A merged record as a validated, redacted TimelineEvent."""
    evidence = record.evidence()
    if len(evidence) > MAX_EVIDENCE:
        evidence = (*evidence[: MAX_EVIDENCE - 1], evidence[-1])
    actor = redactor.redact(record.actor) if record.actor else None
    return TimelineEvent(
        at=record.at,
        text=redactor.redact(record.text),
        source=record.source,
        kind=record.kind,
        actor=actor,
        evidence=evidence,
        approximate=record.approximate,
        count=record.count,
        ended_at=record.ended_at if record.ended_at and record.ended_at > record.at else None,
    )
