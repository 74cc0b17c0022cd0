"""Small builders for meeting tests: domain objects with sensible defaults."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from blamefree.domain.incident import Incident, IncidentTimes
from blamefree.domain.people import Participant, Role
from blamefree.domain.postmortem import Postmortem
from blamefree.domain.timeline import EventKind, TimelineEvent

RESOLVED = datetime(2026, 5, 5, 14, 0, tzinfo=UTC)  # a Tuesday


def make_incident(**overrides: Any) -> Incident:
    values: dict[str, Any] = {
        "id": "INC-42",
        "title": "Checkout requests timed out",
        "severity": "SEV1",
        "times": IncidentTimes(
            started=RESOLVED - timedelta(hours=2),
            detected=RESOLVED - timedelta(hours=1, minutes=50),
            resolved=RESOLVED,
        ),
        "services": ("checkout",),
    }
    values.update(overrides)
    return Incident(**values)


def person(name: str, *roles: Role, email: bool = True) -> Participant:
    address = f"{name.split()[0].lower()}@example.com" if email else None
    return Participant(name=name, email=address, roles=roles)


def event(
    minute: int, kind: EventKind, actor: str | None, text: str = "something"
) -> TimelineEvent:
    return TimelineEvent(
        at=RESOLVED - timedelta(hours=2) + timedelta(minutes=minute),
        text=text,
        kind=kind,
        actor=actor,
    )


def make_postmortem(**overrides: Any) -> Postmortem:
    values: dict[str, Any] = {"incident": make_incident()}
    values.update(overrides)
    return Postmortem(**values)
