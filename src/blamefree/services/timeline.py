"""Timeline use cases: build an incident's timeline from evidence, show it, override moments.

An import is all or nothing. Every file is read, merged and redacted first (the pure
`blamefree.ingest.pipeline.build`), so a malformed file stops the import before anything is
written; the result is then stored in one transaction:

- events are merged into the stored timeline by evidence reference: a built event that
  shares a reference with a stored one is the same happening and adds nothing (the stored
  event keeps its text, which a person may have edited, and gains any new references, a
  larger count or a later end); other built events are added; events a person wrote stay;
- key moments: each moment the build found replaces the computed moment of that kind; kinds
  the build did not find keep their stored moment; a moment a person set stays (overrides);
- incident times that are still empty are filled from the key moments; times a person wrote
  are never changed.

The incident must exist first (`blamefree new` + `blamefree import`, or the web): evidence
without a postmortem to attach it to is refused with that advice, and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

from blamefree.domain import (
    Conflict,
    IncidentTimes,
    InvalidInput,
    KeyMoment,
    KeyMomentKind,
    NotFound,
    Postmortem,
    ResponseMetrics,
    TimelineEvent,
)
from blamefree.ingest.keymoments import with_overrides
from blamefree.ingest.merge import MAX_EVIDENCE, MergeOptions, MergeStats
from blamefree.ingest.pipeline import BuildOptions, FileSummary, Progress, build
from blamefree.store import Store, Versioned

TIME_OF_MOMENT: dict[KeyMomentKind, str] = {
    KeyMomentKind.FIRST_SYMPTOM: "started",
    KeyMomentKind.DETECTION: "detected",
    KeyMomentKind.ACKNOWLEDGEMENT: "acknowledged",
    KeyMomentKind.MITIGATION: "mitigated",
    KeyMomentKind.RESOLUTION: "resolved",
}
"""The incident time each key moment can fill (escalation has none)."""


@dataclass(frozen=True)
class TimelineImport:
    """What one `build_timeline` did, for the import report.

    Attributes:
        built: events the build produced (after merge, collapse and window).
        added: events new to the stored timeline.
        known: built events already stored (same evidence reference): nothing added.
        times_filled: incident time fields that were empty and now come from key moments.
    """

    incident_id: str
    version: int
    files: tuple[FileSummary, ...]
    stats: MergeStats
    built: int
    added: int
    known: int
    key_moments: tuple[KeyMoment, ...]
    metrics: ResponseMetrics
    redactions: dict[str, int]
    times_filled: tuple[str, ...]


@dataclass(frozen=True)
class TimelineView:
    """An incident's stored timeline, its key moments and the response metrics."""

    incident_id: str
    title: str
    version: int
    events: tuple[TimelineEvent, ...]
    key_moments: tuple[KeyMoment, ...]
    metrics: ResponseMetrics


def build_timeline(
    store: Store,
    incident_id: str,
    paths: Sequence[Path],
    *,
    fmt: str | None = None,
    tz: tzinfo | None = None,
    before: timedelta | None = None,
    after: timedelta | None = None,
    redact_emails: bool = False,
    redact_ips: bool = False,
    progress: Progress | None = None,
    actor: str = "cli",
    expected_version: int | None = None,
) -> TimelineImport:
    """Read evidence files and merge the result into the incident's stored timeline.

    Args:
        before, after: the window around the incident (default 30 minutes each).
        expected_version: when given, the postmortem version the caller last read; a
            different stored version raises Conflict instead of merging.

    Raises:
        NotFound: the incident does not exist yet.
        ReadError: a file is malformed or its format unknown (nothing is stored).
        Conflict: the postmortem moved past `expected_version`, or changed while reading.
    """
    with store.transaction(read_only=True) as uow:
        current = _require(uow.postmortems.get(incident_id), incident_id)
    times = current.value.incident.times
    defaults = MergeOptions()
    options = BuildOptions(
        fmt=fmt,
        tz=tz,
        incident_start=times.started,
        incident_end=times.resolved,
        merge=MergeOptions(
            before=before if before is not None else defaults.before,
            after=after if after is not None else defaults.after,
        ),
        redact_emails=redact_emails,
        redact_ips=redact_ips,
    )
    result = build(paths, options, progress)
    read_version = current.version if expected_version is None else expected_version
    with store.transaction(actor=actor) as uow:
        stored = _require(uow.postmortems.get(incident_id), incident_id)
        if stored.version != read_version:
            raise Conflict(
                f"postmortem {incident_id} is now at version {stored.version}, not "
                f"{read_version} (someone saved it meanwhile); reload it and run the build "
                "again",
                current_version=stored.version,
            )
        pm = stored.value
        events, added, known = merge_events(pm.timeline, result.events)
        moments = merge_moments(uow.key_moments.list_for(incident_id), result.key_moments)
        uow.key_moments.replace(incident_id, moments)
        filled_times, filled = fill_times(pm.incident.times, moments)
        changed = pm.with_timeline(events).model_copy(
            update={"incident": pm.incident.model_copy(update={"times": filled_times})}
        )
        version = stored.version
        if changed != pm:
            version = uow.postmortems.update(changed, expected_version=stored.version)
    return TimelineImport(
        incident_id=incident_id,
        version=version,
        files=result.files,
        stats=result.stats,
        built=len(result.events),
        added=added,
        known=known,
        key_moments=tuple(moments),
        metrics=metrics_for(moments, filled_times),
        redactions=result.redactions,
        times_filled=filled,
    )


def get_timeline(store: Store, incident_id: str) -> TimelineView:
    """The stored timeline, key moments and metrics of one incident."""
    with store.transaction(read_only=True) as uow:
        current = _require(uow.postmortems.get(incident_id), incident_id)
        moments = uow.key_moments.list_for(incident_id)
    pm = current.value
    ordered = with_overrides(moments, moments)
    return TimelineView(
        incident_id=pm.id,
        title=pm.incident.title,
        version=current.version,
        events=pm.timeline,
        key_moments=tuple(ordered),
        metrics=metrics_for(ordered, pm.incident.times),
    )


def override_key_moment(
    store: Store,
    incident_id: str,
    kind: KeyMomentKind,
    at: datetime,
    *,
    actor: str = "cli",
    note: str | None = None,
) -> KeyMoment:
    """A person sets a key moment by hand; rebuilds keep it.

    The matching incident time is filled when it is still empty (a time already in the
    document is the document's to change).
    """
    who = " ".join(actor.split()) or "a person"
    reason = f"set by {who}" + (f": {' '.join(note.split())}" if note and note.strip() else "")
    moment = KeyMoment(
        kind=kind, at=at, confidence=1.0, evidence=(), reason=reason, overridden=True
    )
    with store.transaction(actor=actor) as uow:
        stored = _require(uow.postmortems.get(incident_id), incident_id)
        uow.key_moments.put(incident_id, moment)
        pm = stored.value
        times, filled = fill_times(pm.incident.times, [moment])
        if filled:
            changed = pm.model_copy(
                update={"incident": pm.incident.model_copy(update={"times": times})}
            )
            uow.postmortems.update(changed, expected_version=stored.version)
    return moment


def parse_moment_kind(value: str) -> KeyMomentKind:
    """A key moment kind from its name (`detection`, `first-symptom`, `ack`...)."""
    cleaned = value.strip().lower().replace("_", "-").replace(" ", "-")
    aliases = {
        "ack": "acknowledgement",
        "acknowledgment": "acknowledgement",
        "start": "first-symptom",
        "symptom": "first-symptom",
    }
    cleaned = aliases.get(cleaned, cleaned)
    for kind in KeyMomentKind:
        if kind.value == cleaned:
            return kind
    names = ", ".join(kind.value for kind in KeyMomentKind)
    raise InvalidInput(f"{value!r} is not a key moment; use one of {names}")


def merge_events(
    stored: Sequence[TimelineEvent], built: Sequence[TimelineEvent]
) -> tuple[list[TimelineEvent], int, int]:
    """Built events merged into stored ones by evidence reference: (events, added, known).

    An event's first reference is its identity (the source's own id when it has one, else the
    file position of its first line); later references are the sightings merged into it. Two
    events are the same when the identity of one is among the references of the other. (Two
    different events may share a later reference: an alert object that arrives resolved gives
    both the firing and the resolved event.) The stored event keeps its time, text and actor,
    which a person may have edited, and takes the union of references, the larger count and
    the later end. Everything else is added.
    """
    events = list(stored)
    by_ref: dict[str, int] = {}
    by_identity: dict[str, int] = {}
    for position, event in enumerate(events):
        _index(event, position, by_ref, by_identity)
    added = known = 0
    for event in built:
        same = _same_as(event, by_ref, by_identity)
        if same is None:
            position = len(events)
            events.append(event)
            added += 1
        else:
            position = same
            events[position] = _fold(events[position], event)
            known += 1
        _index(event, position, by_ref, by_identity)
    return events, added, known


def _index(
    event: TimelineEvent, position: int, by_ref: dict[str, int], by_identity: dict[str, int]
) -> None:
    if not event.evidence:
        return
    by_identity.setdefault(event.evidence[0], position)
    for ref in event.evidence:
        by_ref.setdefault(ref, position)


def _same_as(
    event: TimelineEvent, by_ref: dict[str, int], by_identity: dict[str, int]
) -> int | None:
    if not event.evidence:
        return None
    found = by_ref.get(event.evidence[0])
    if found is not None:
        return found
    return next((by_identity[ref] for ref in event.evidence if ref in by_identity), None)


def _fold(stored: TimelineEvent, built: TimelineEvent) -> TimelineEvent:
    evidence = tuple(dict.fromkeys((*stored.evidence, *built.evidence)))[:MAX_EVIDENCE]
    ended = stored.ended_at
    if built.ended_at is not None and (ended is None or built.ended_at > ended):
        ended = built.ended_at
    update: dict[str, object] = {}
    if evidence != stored.evidence:
        update["evidence"] = evidence
    if built.count > stored.count:
        update["count"] = built.count
    if ended != stored.ended_at and ended is not None and ended >= stored.at:
        update["ended_at"] = ended
    return stored.model_copy(update=update) if update else stored


def merge_moments(stored: Sequence[KeyMoment], built: Sequence[KeyMoment]) -> list[KeyMoment]:
    """Built moments replace stored computed ones of their kind; others and overrides stay."""
    by_kind = {moment.kind: moment for moment in stored}
    by_kind.update({moment.kind: moment for moment in built})
    return with_overrides(list(by_kind.values()), stored)


def fill_times(
    times: IncidentTimes, moments: Sequence[KeyMoment]
) -> tuple[IncidentTimes, tuple[str, ...]]:
    """Empty incident times filled from key moments: (times, names of the filled fields).

    A time a person wrote is never replaced. A moment that would put the phases out of order
    next to the written times (resolved before detected) is left out rather than stored.
    """
    values = {name: times.get(name) for name in TIME_OF_MOMENT.values()}
    filled: list[str] = []
    at = {moment.kind: moment.at for moment in moments}
    for kind, name in TIME_OF_MOMENT.items():
        if kind not in at or values[name] is not None:
            continue
        trial = {**values, name: at[kind]}
        try:
            IncidentTimes(**trial)
        except ValueError:
            continue
        values = trial
        filled.append(name)
    if not filled:
        return times, ()
    return IncidentTimes(**values), tuple(filled)


def metrics_for(moments: Sequence[KeyMoment], times: IncidentTimes) -> ResponseMetrics:
    """TTD/TTA/TTM/TTR in seconds from the first symptom, from key moments first.

    A phase without a key moment takes the incident time the document gives, so metrics
    exist for postmortems written by hand too.
    """
    at: dict[KeyMomentKind, datetime] = {moment.kind: moment.at for moment in moments}
    for kind, name in TIME_OF_MOMENT.items():
        value = times.get(name)
        if kind not in at and value is not None:
            at[kind] = value
    origin = at.get(KeyMomentKind.FIRST_SYMPTOM) or at.get(KeyMomentKind.DETECTION)

    def since(kind: KeyMomentKind) -> float | None:
        moment = at.get(kind)
        if origin is None or moment is None:
            return None
        return (moment - origin).total_seconds()

    return ResponseMetrics(
        time_to_detect=since(KeyMomentKind.DETECTION),
        time_to_acknowledge=since(KeyMomentKind.ACKNOWLEDGEMENT),
        time_to_mitigate=since(KeyMomentKind.MITIGATION),
        time_to_resolve=since(KeyMomentKind.RESOLUTION),
    )


def _require(found: Versioned[Postmortem] | None, incident_id: str) -> Versioned[Postmortem]:
    if found is None:
        raise NotFound(
            f"no incident {incident_id!r} to attach a timeline to; create it first with "
            f"`blamefree new --id {incident_id} TITLE` and `blamefree import {incident_id}.md`"
        )
    return found
