"""Small builders for domain objects, so a test states only the fields it cares about.

Every builder returns a valid object with plausible defaults; keyword overrides replace
fields wholesale (pydantic validation still runs, so an invalid override raises).

    pm = make_postmortem(summary="Checkout returned errors.", timeline=(make_event(),))
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from blamefree.domain import (
    ActionItem,
    ActionStatus,
    ActionType,
    ContributingFactor,
    EventKind,
    Incident,
    IncidentTimes,
    Participant,
    Postmortem,
    Role,
    Severity,
    TimelineEvent,
    WhyStep,
)

T0 = datetime(2026, 3, 4, 14, 2, tzinfo=UTC)
"""The default incident start: 2026-03-04 14:02 UTC."""


def at(hour: int, minute: int, second: int = 0, *, day: int = 4) -> datetime:
    """A UTC time on the default incident day (March 2026)."""
    return datetime(2026, 3, day, hour, minute, second, tzinfo=UTC)


def make_times(**overrides: Any) -> IncidentTimes:
    """Times from 14:02 start to 15:10 resolution on 2026-03-04."""
    values: dict[str, Any] = {
        "started": at(14, 2),
        "detected": at(14, 9),
        "acknowledged": at(14, 12),
        "mitigated": at(14, 51),
        "resolved": at(15, 10),
    }
    values.update(overrides)
    return IncidentTimes(**values)


def make_incident(**overrides: Any) -> Incident:
    """A SEV2 checkout incident with all five times set."""
    values: dict[str, Any] = {
        "id": "INC-1042",
        "title": "Checkout errors after deploy",
        "severity": Severity.SEV2,
        "times": make_times(),
        "services": ("checkout",),
    }
    values.update(overrides)
    return Incident(**values)


def make_participant(**overrides: Any) -> Participant:
    """A responder with an email."""
    values: dict[str, Any] = {
        "name": "Ana Lima",
        "email": "ana@example.com",
        "roles": (Role.RESPONDER,),
    }
    values.update(overrides)
    return Participant(**values)


def make_event(**overrides: Any) -> TimelineEvent:
    """A manual event at the default incident start."""
    values: dict[str, Any] = {"at": T0, "text": "Error rate on checkout rises"}
    values.update(overrides)
    return TimelineEvent(**values)


def make_factor(**overrides: Any) -> ContributingFactor:
    """A factor with a two-step Why chain."""
    values: dict[str, Any] = {
        "title": "Migration locks a hot table",
        "category": "change-management",
        "whys": (
            WhyStep(question="Why did checkout time out?", answer="The orders table was locked."),
            WhyStep(question="Why was it locked?", answer="The migration rewrote the table."),
        ),
    }
    values.update(overrides)
    return ContributingFactor(**values)


def make_action_item(**overrides: Any) -> ActionItem:
    """An open Prevent item with an owner and a deadline."""
    values: dict[str, Any] = {
        "description": "Run schema migrations outside the deploy",
        "type": ActionType.PREVENT,
        "owner": "Ana Lima",
        "deadline": date(2026, 4, 1),
        "status": ActionStatus.OPEN,
    }
    values.update(overrides)
    return ActionItem(**values)


def make_postmortem(**overrides: Any) -> Postmortem:
    """A draft postmortem for `make_incident()` with one event, factor and action item."""
    values: dict[str, Any] = {
        "incident": make_incident(),
        "participants": (
            make_participant(name="Ana Lima", roles=(Role.OWNER,)),
            make_participant(name="Ravi Menon", email=None, roles=(Role.RESPONDER,)),
        ),
        "summary": "Checkout returned errors for 68 minutes after a deploy.",
        "timeline": (make_event(kind=EventKind.DEPLOY, source="deploys"),),
        "factors": (make_factor(),),
        "action_items": (make_action_item(),),
    }
    values.update(overrides)
    return Postmortem(**values)
