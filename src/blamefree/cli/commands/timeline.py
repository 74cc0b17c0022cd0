"""`blamefree timeline build | show | override`: the incident timeline from evidence files."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import orjson
import typer
from rich.progress import Progress, TaskID
from rich.table import Table

from blamefree.cli.console import err, out, progress_bar
from blamefree.domain import InvalidInput, KeyMoment, ResponseMetrics, TimelineEvent
from blamefree.ingest.normalize import TimeError, parse_iso
from blamefree.services import open_configured_store
from blamefree.services.timeline import (
    TimelineImport,
    TimelineView,
    build_timeline,
    get_timeline,
    override_key_moment,
    parse_moment_kind,
)

timeline = typer.Typer(
    help="Build the incident timeline from evidence, show it, correct key moments.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Attach the `timeline` command group to the root app."""
    app.add_typer(timeline, name="timeline")


class _FileBars:
    """One Rich progress bar per evidence file (records read so far)."""

    def __init__(self, bar: Progress) -> None:
        self._bar = bar
        self._tasks: dict[str, TaskID] = {}

    def started(self, name: str, size: int) -> None:
        label = f"{name} ({size / 1e6:.1f} MB)" if size >= 1_000_000 else name
        self._tasks[name] = self._bar.add_task(label, total=None)

    def advanced(self, name: str, records: int) -> None:
        self._bar.update(self._tasks[name], completed=records)

    def finished(self, name: str, records: int) -> None:
        self._bar.update(self._tasks[name], total=records, completed=records)


def _zone(name: str | None) -> tzinfo | None:
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise InvalidInput(
            f"--tz {name!r} is not a known time zone; use an IANA name such as "
            "Europe/Berlin, America/New_York or UTC"
        ) from error


def _minutes(value: int | None, option: str) -> timedelta | None:
    if value is None:
        return None
    if value < 0:
        raise InvalidInput(f"{option} {value} is negative; give minutes as 0 or more")
    return timedelta(minutes=value)


@timeline.command("build")
def build(
    incident_id: Annotated[str, typer.Argument(help="Incident id (it must exist already).")],
    paths: Annotated[
        list[Path], typer.Argument(help="Evidence files, folders or Slack export zips.")
    ],
    fmt: Annotated[
        str | None, typer.Option("--format", help="Read every file as this format.")
    ] = None,
    tz: Annotated[
        str | None, typer.Option("--tz", help="Zone of times written without one.")
    ] = None,
    before: Annotated[
        int | None, typer.Option("--before", help="Minutes kept before the start (30).")
    ] = None,
    after: Annotated[
        int | None, typer.Option("--after", help="Minutes kept after resolution (30).")
    ] = None,
    redact_emails: Annotated[bool, typer.Option(help="Also redact email addresses.")] = False,
    redact_ips: Annotated[bool, typer.Option(help="Also redact IP addresses.")] = False,
) -> None:
    """Read evidence and merge it into the incident's timeline (all files or nothing)."""
    zone = _zone(tz)
    window = (_minutes(before, "--before"), _minutes(after, "--after"))
    store = open_configured_store()
    try:
        with ExitStack() as stack:
            # Bars only on a terminal: in CI logs and pipes they would be noise.
            bars = _FileBars(stack.enter_context(progress_bar())) if err.is_terminal else None
            result = build_timeline(
                store,
                incident_id,
                paths,
                fmt=fmt,
                tz=zone,
                before=window[0],
                after=window[1],
                redact_emails=redact_emails,
                redact_ips=redact_ips,
                progress=bars,
            )
    finally:
        store.dispose()
    _print_import(result)


def _print_import(result: TimelineImport) -> None:
    files = Table("File", "Format", "Records", title=f"Evidence for {result.incident_id}")
    for file in result.files:
        files.add_row(file.name, file.format, str(file.records))
    files.add_row("[bold]total[/]", "", f"[bold]{sum(f.records for f in result.files)}[/]")
    out.print(files)
    stats = result.stats
    redacted = ", ".join(f"{kind} {count}" for kind, count in result.redactions.items())
    summary = Table("", "", show_header=False, title="Import")
    for label, value in (
        ("files", str(len(result.files))),
        ("formats", ", ".join(sorted({f.format for f in result.files}))),
        ("records read", str(stats.records)),
        ("events built", str(result.built)),
        ("added to the timeline", str(result.added)),
        ("already in the timeline", str(result.known)),
        ("duplicates merged", str(stats.duplicates + stats.correlated)),
        ("collapsed repeats", str(stats.collapsed)),
        ("trimmed outside the window", str(stats.trimmed)),
        ("redactions", redacted or "none"),
        ("incident times filled", ", ".join(result.times_filled) or "none"),
    ):
        summary.add_row(label, value)
    out.print(summary)
    err.print(
        f"{result.incident_id} is at version {result.version}; "
        f"`blamefree timeline show {result.incident_id}` prints the timeline",
        highlight=False,
    )


@timeline.command("show")
def show(
    incident_id: Annotated[str, typer.Argument(help="Incident id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON to stdout.")] = False,
) -> None:
    """Print the stored timeline, key moments (evidence, confidence) and response metrics."""
    store = open_configured_store()
    try:
        view = get_timeline(store, incident_id)
    finally:
        store.dispose()
    if as_json:
        out.print_json(orjson.dumps(_view_json(view)).decode(), highlight=False)
        return
    _print_view(view)


def _print_view(view: TimelineView) -> None:
    table = Table(
        "UTC", "Source", "Kind", "Actor", "What", title=f"{view.incident_id} {view.title}"
    )
    day = None
    for event in view.events:
        shown = f"{event.at:%H:%M:%S}" if event.at.date() == day else _clock(event.at)
        day = event.at.date()
        table.add_row(
            shown + ("~" if event.approximate else ""),
            event.source,
            event.kind.value,
            event.actor or "",
            event.text + _burst(event),
        )
    out.print(table)
    moments = Table("Key moment", "Time (UTC)", "Confidence", "Evidence", "Why")
    for moment in view.key_moments:
        moments.add_row(
            moment.kind.value,
            _clock(moment.at),
            "set by a person" if moment.overridden else f"{moment.confidence:.0%}",
            "\n".join(moment.evidence[:3]) + ("\n…" if len(moment.evidence) > 3 else ""),
            moment.reason,
        )
    out.print(moments)
    metrics = Table("Metric", "From first symptom")
    for label, value in _metric_rows(view.metrics):
        metrics.add_row(label, _duration(value))
    out.print(metrics)


def _metric_rows(metrics: ResponseMetrics) -> list[tuple[str, float | None]]:
    return [
        ("TTD (detect)", metrics.time_to_detect),
        ("TTA (acknowledge)", metrics.time_to_acknowledge),
        ("TTM (mitigate)", metrics.time_to_mitigate),
        ("TTR (resolve)", metrics.time_to_resolve),
    ]


def _clock(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S")


def _burst(event: TimelineEvent) -> str:
    if event.count <= 1:
        return ""
    until = f" until {event.ended_at:%H:%M:%S}" if event.ended_at else ""
    return f" (x{event.count}{until})"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "unknown"
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}h {minutes:02d}m {secs:02d}s"
    return f"{sign}{minutes}m {secs:02d}s"


def _moment_json(moment: KeyMoment) -> dict[str, object]:
    return moment.model_dump(mode="json")


def _view_json(view: TimelineView) -> dict[str, object]:
    return {
        "incident": view.incident_id,
        "version": view.version,
        "events": [event.model_dump(mode="json") for event in view.events],
        "key_moments": [_moment_json(moment) for moment in view.key_moments],
        "metrics": view.metrics.model_dump(mode="json"),
    }


@timeline.command("override")
def override(
    incident_id: Annotated[str, typer.Argument(help="Incident id.")],
    moment: Annotated[
        str, typer.Argument(help="first-symptom, detection, acknowledgement, escalation, ...")
    ],
    at: Annotated[str, typer.Argument(help="RFC 3339 time, e.g. 2024-05-01T11:58:00Z.")],
    tz: Annotated[
        str | None, typer.Option("--tz", help="Zone of a time written without one.")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why (kept with the moment).")] = None,
    by: Annotated[str, typer.Option(help="Who sets it (shown with the moment).")] = "cli",
) -> None:
    """Set a key moment by hand; rebuilding the timeline keeps it."""
    kind = parse_moment_kind(moment)
    try:
        when, _ = parse_iso(at, _zone(tz))
    except TimeError as error:
        raise InvalidInput(f"TIME: {error}") from error
    store = open_configured_store()
    try:
        stored = override_key_moment(store, incident_id, kind, when, actor=by, note=note)
    finally:
        store.dispose()
    err.print(
        f"{incident_id}: {stored.kind.value} set to {_clock(stored.at)} UTC ({stored.reason}); "
        "rebuilds keep it",
        highlight=False,
    )
