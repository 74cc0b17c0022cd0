"""Repositories: typed methods that take and return domain objects.

Writes never overwrite silently: `update` carries the version the caller read, and a
moved version raises Conflict with the current one, so the caller can reload and merge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.orm import Session

from blamefree.domain import Conflict, KeyMoment, NotFound, Postmortem, Severity
from blamefree.domain.clock import Clock
from blamefree.store import mappers
from blamefree.store.tables import (
    ActionItemRow,
    AuditEntryRow,
    ContributingFactorRow,
    IncidentRow,
    KeyMomentRow,
    ParticipantRow,
    PostmortemRow,
    TimelineEventRow,
)

T = TypeVar("T")

_CHILD_TABLES = (ParticipantRow, TimelineEventRow, ContributingFactorRow, ActionItemRow)


@dataclass(frozen=True)
class Versioned(Generic[T]):
    """A value and the version it was read at; send the version back when saving."""

    value: T
    version: int


@dataclass(frozen=True)
class PostmortemSummary:
    """One line of the incident list, without loading every child row."""

    id: str
    title: str
    severity: Severity
    status: str
    visibility: str
    started: datetime | None
    resolved: datetime | None
    services: tuple[str, ...]
    near_miss: bool
    version: int
    action_items: int
    open_action_items: int
    timeline_events: int


class PostmortemRepository:
    """Postmortems with their incident, people, timeline, factors and action items."""

    def __init__(self, session: Session, *, clock: Clock, actor: str) -> None:
        self._session = session
        self._clock = clock
        self._actor = actor

    def get(self, incident_id: str) -> Versioned[Postmortem] | None:
        """The postmortem and its version, or None."""
        row = self._session.get(PostmortemRow, incident_id)
        if row is None:
            return None
        incident = self._session.get(IncidentRow, incident_id)
        assert incident is not None  # foreign key guarantees it
        children = [self._children(model, incident_id) for model in _CHILD_TABLES]
        pm = mappers.postmortem_from_rows(incident, row, *children)
        return Versioned(pm, row.version)

    def get_or_raise(self, incident_id: str) -> Versioned[Postmortem]:
        """The postmortem and its version; NotFound names the id."""
        found = self.get(incident_id)
        if found is None:
            raise NotFound(
                f"no postmortem for incident {incident_id!r}; `blamefree list` shows the ids"
            )
        return found

    def exists(self, incident_id: str) -> bool:
        """True when a postmortem with this id is stored."""
        return self._session.get(PostmortemRow, incident_id) is not None

    def add(self, pm: Postmortem) -> int:
        """Store a new postmortem at version 1; Conflict if the id is taken."""
        if self._session.get(IncidentRow, pm.id) is not None:
            current = self._session.get(PostmortemRow, pm.id)
            raise Conflict(
                f"incident {pm.id!r} already exists; export it, edit, and import with --replace",
                current_version=current.version if current else 0,
            )
        now = self._clock.now()
        incident = mappers.incident_to_row(pm.incident, IncidentRow(created_at=now), now=now)
        self._session.add(incident)
        self._session.flush()
        row = mappers.postmortem_to_row(pm, PostmortemRow(version=1), now=now)
        self._session.add(row)
        self._session.add_all(mappers.child_rows(pm))
        self._audit(pm.id, "created", 1)
        self._session.flush()
        return 1

    def update(self, pm: Postmortem, *, expected_version: int) -> int:
        """Replace the stored postmortem if it is still at `expected_version`.

        Returns:
            The new version.

        Raises:
            Conflict: someone saved in between; carries the current version.
            NotFound: there is no postmortem with this id.
        """
        now = self._clock.now()
        bumped = self._session.execute(
            update(PostmortemRow)
            .where(
                PostmortemRow.incident_id == pm.id,
                PostmortemRow.version == expected_version,
            )
            .values(version=PostmortemRow.version + 1)
            .execution_options(synchronize_session=False)
        )
        if bumped.rowcount != 1:  # type: ignore[attr-defined]
            self._raise_stale(pm.id, expected_version)
        self._session.expire_all()
        row = self._session.get(PostmortemRow, pm.id)
        incident = self._session.get(IncidentRow, pm.id)
        assert row is not None and incident is not None
        mappers.postmortem_to_row(pm, row, now=now)
        mappers.incident_to_row(pm.incident, incident, now=now)
        for model in _CHILD_TABLES:
            self._session.execute(delete(model).where(model.incident_id == pm.id))
        self._session.add_all(mappers.child_rows(pm))
        self._audit(pm.id, "updated", row.version)
        self._session.flush()
        return row.version

    def _raise_stale(self, incident_id: str, expected_version: int) -> None:
        current = self._session.execute(
            select(PostmortemRow.version).where(PostmortemRow.incident_id == incident_id)
        ).scalar_one_or_none()
        if current is None:
            raise NotFound(f"no postmortem for incident {incident_id!r}")
        raise Conflict(
            f"postmortem {incident_id} was changed by someone else (now version {current}, "
            f"you edited version {expected_version}); reload it and apply your change again",
            current_version=current,
        )

    def delete(self, incident_id: str) -> None:
        """Remove an incident and everything attached to it."""
        incident = self._session.get(IncidentRow, incident_id)
        if incident is None:
            raise NotFound(f"no incident {incident_id!r}")
        self._session.delete(incident)
        self._audit(incident_id, "deleted", None)
        self._session.flush()

    def list_summaries(self) -> list[PostmortemSummary]:
        """Every postmortem as a list line, newest incident first."""
        actions = (
            select(
                ActionItemRow.incident_id,
                func.count().label("total"),
                func.sum(
                    case((ActionItemRow.status.in_(["open", "in progress"]), 1), else_=0)
                ).label("open"),
            )
            .group_by(ActionItemRow.incident_id)
            .subquery()
        )
        events = (
            select(TimelineEventRow.incident_id, func.count().label("total"))
            .group_by(TimelineEventRow.incident_id)
            .subquery()
        )
        query = (
            select(IncidentRow, PostmortemRow, actions.c.total, actions.c.open, events.c.total)
            .join(PostmortemRow, PostmortemRow.incident_id == IncidentRow.id)
            .outerjoin(actions, actions.c.incident_id == IncidentRow.id)
            .outerjoin(events, events.c.incident_id == IncidentRow.id)
            .order_by(IncidentRow.started_at.desc().nulls_last(), IncidentRow.id)
        )
        return [
            PostmortemSummary(
                id=incident.id,
                title=incident.title,
                severity=Severity(incident.severity),
                status=pm.status,
                visibility=pm.visibility,
                started=incident.started_at,
                resolved=incident.resolved_at,
                services=tuple(incident.services),
                near_miss=incident.near_miss,
                version=pm.version,
                action_items=int(total or 0),
                open_action_items=int(open_count or 0),
                timeline_events=int(event_count or 0),
            )
            for incident, pm, total, open_count, event_count in self._session.execute(query)
        ]

    def list_all(self) -> list[Versioned[Postmortem]]:
        """Every postmortem, fully loaded; for reports over all incidents."""
        ids = self._session.execute(select(PostmortemRow.incident_id)).scalars().all()
        return [self.get_or_raise(incident_id) for incident_id in ids]

    def audit_trail(self, incident_id: str) -> list[dict[str, Any]]:
        """What happened to this postmortem, oldest first."""
        rows = self._session.execute(
            select(AuditEntryRow)
            .where(AuditEntryRow.incident_id == incident_id)
            .order_by(AuditEntryRow.id)
        ).scalars()
        return [
            {"at": r.at, "actor": r.actor, "action": r.action, "version": r.version} for r in rows
        ]

    def _children(self, model: Any, incident_id: str) -> Sequence[Any]:
        return (
            self._session.execute(
                select(model).where(model.incident_id == incident_id).order_by(model.position)
            )
            .scalars()
            .all()
        )

    def _audit(self, incident_id: str, action: str, version: int | None) -> None:
        self._session.add(
            AuditEntryRow(
                incident_id=incident_id,
                at=self._clock.now(),
                actor=self._actor,
                action=action,
                version=version,
                detail={},
            )
        )


class KeyMomentRepository:
    """Key moments per incident; moments a person set by hand survive rebuilds."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def list_for(self, incident_id: str) -> list[KeyMoment]:
        """Key moments of one incident in timeline order."""
        rows = self._session.execute(
            select(KeyMomentRow).where(KeyMomentRow.incident_id == incident_id)
        ).scalars()
        return sorted((mappers.key_moment_from_row(r) for r in rows), key=lambda m: m.at)

    def replace(self, incident_id: str, moments: Sequence[KeyMoment]) -> None:
        """Store these moments; a moment overridden by a person is kept over a computed one."""
        kept = {m.kind: m for m in self.list_for(incident_id) if m.overridden}
        self._session.execute(delete(KeyMomentRow).where(KeyMomentRow.incident_id == incident_id))
        merged = {m.kind: m for m in moments}
        merged.update(kept)
        self._session.add_all(mappers.key_moment_to_row(incident_id, m) for m in merged.values())
        self._session.flush()

    def put(self, incident_id: str, moment: KeyMoment) -> None:
        """Store one moment in place of any stored moment of the same kind (a person's override)."""
        self._session.execute(
            delete(KeyMomentRow).where(
                KeyMomentRow.incident_id == incident_id, KeyMomentRow.kind == moment.kind.value
            )
        )
        self._session.add(mappers.key_moment_to_row(incident_id, moment))
        self._session.flush()
