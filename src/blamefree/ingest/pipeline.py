"""The whole pure build: read every input, merge, find key moments, redact, validate.

Nothing here touches the database: `blamefree.services.timeline` calls `build` first (so a
malformed file stops the import before anything is written), then stores the result in one
transaction.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Protocol

from blamefree.domain.timeline import KeyMoment, KeyMomentKind, ResponseMetrics, TimelineEvent
from blamefree.ingest.keymoments import find_key_moments, metrics_from
from blamefree.ingest.merge import MAX_EVIDENCE, MergeOptions, Merger, MergeStats, trim
from blamefree.ingest.reader import ReadContext, Record, detect_format, open_evidence
from blamefree.ingest.redact import Redactor

PROGRESS_EVERY = 20_000


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
    """

    fmt: str | None = None
    tz: tzinfo | None = None
    incident_start: datetime | None = None
    incident_end: datetime | None = None
    merge: MergeOptions = field(default_factory=MergeOptions)
    redact_emails: bool = False
    redact_ips: bool = False


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
    """Read, merge and check every input; raises ReadError on the first malformed one."""
    options = options or BuildOptions()
    context = ReadContext(
        default_tz=options.tz, reference=options.incident_start or options.incident_end
    )
    merger = Merger(options.merge)
    files: list[FileSummary] = []
    for origin, path in enumerate(expand_inputs(paths)):
        evidence = open_evidence(path, name=display_name(path))
        reader = detect_format(evidence, options.fmt)
        if progress is not None:
            progress.started(evidence.name, path.stat().st_size if path.is_file() else 0)
        count = 0
        for record in reader.read(evidence, context):
            merger.add(record, origin)
            count += 1
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress.advanced(evidence.name, count)
        if progress is not None:
            progress.finished(evidence.name, count)
        files.append(FileSummary(evidence.name, reader.name, count))
    records = merger.finish()
    since = options.incident_start - options.merge.before if options.incident_start else None
    moments = find_key_moments(records, since=since)
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
