"""Timeline events, key moments and the response metrics derived from them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from blamefree.domain.incident import IncidentTimes, UtcDatetime


class EventKind(StrEnum):
    """What kind of happening a timeline event records."""

    DEPLOY = "deploy"
    ALERT_FIRING = "alert-firing"
    ALERT_RESOLVED = "alert-resolved"
    PAGE = "page"
    ACK = "ack"
    ESCALATION = "escalation"
    MESSAGE = "message"
    CONFIG_CHANGE = "config-change"
    CLUSTER_EVENT = "cluster-event"
    LOG = "log"
    STATUS_UPDATE = "status-update"
    MANUAL = "manual"


def _one_line(value: str) -> str:
    return " ".join(value.split())


class TimelineEvent(BaseModel):
    """One thing that happened, when, seen by which source, with the evidence that shows it.

    Text is kept on one line (whitespace runs collapse) so the timeline reads as a list and
    survives the Markdown round trip. `count` and `ended_at` describe a burst of the same
    happening collapsed into one event (a flapping alert).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    at: UtcDatetime
    text: str = Field(min_length=1, max_length=4000)
    source: str = Field(default="manual", pattern=r"^[a-z0-9][a-z0-9_.-]{0,39}$")
    kind: EventKind = EventKind.MANUAL
    actor: str | None = Field(default=None, max_length=200)
    evidence: tuple[str, ...] = ()
    """References to where this was seen: 'file:line', 'file@offset' or a source id."""
    approximate: bool = False
    count: int = Field(default=1, ge=1)
    ended_at: UtcDatetime | None = None

    @field_validator("text")
    @classmethod
    def _text_on_one_line(cls, value: str) -> str:
        text = _one_line(value)
        if not text:
            raise ValueError("timeline event text is empty")
        return text

    @field_validator("actor")
    @classmethod
    def _actor_on_one_line(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return _one_line(value) or None

    @field_validator("evidence")
    @classmethod
    def _evidence_refs(cls, refs: tuple[str, ...]) -> tuple[str, ...]:
        cleaned: list[str] = []
        for ref in refs:
            ref = ref.strip()
            if not ref or any(ch.isspace() for ch in ref):
                raise ValueError(f"evidence reference {ref!r} must be one word without spaces")
            if ref not in cleaned:
                cleaned.append(ref)
        return tuple(cleaned)

    @model_validator(mode="after")
    def _span_forward(self) -> Self:
        if self.ended_at is not None and self.ended_at < self.at:
            raise ValueError(
                f"event ends ({self.ended_at.isoformat()}) before it starts ({self.at.isoformat()})"
            )
        return self


def sort_events(events: Iterable[TimelineEvent]) -> tuple[TimelineEvent, ...]:
    """Chronological order; ties keep the order they were given in (stable)."""
    return tuple(sorted(events, key=lambda event: event.at))


class KeyMomentKind(StrEnum):
    """The moments every incident review asks about, in the order they usually occur."""

    FIRST_SYMPTOM = "first-symptom"
    DETECTION = "detection"
    ACKNOWLEDGEMENT = "acknowledgement"
    ESCALATION = "escalation"
    MITIGATION = "mitigation"
    RESOLUTION = "resolution"


class KeyMoment(BaseModel):
    """A key moment, the evidence that marks it and how sure we are of it.

    `overridden` means a person set it by hand; a rebuild must keep a person's choice.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: KeyMomentKind
    at: UtcDatetime
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: tuple[str, ...] = ()
    reason: str = ""
    overridden: bool = False


class ResponseMetrics(BaseModel):
    """Time to detect, acknowledge, mitigate and resolve, in seconds from the start."""

    model_config = ConfigDict(frozen=True)

    time_to_detect: float | None = None
    time_to_acknowledge: float | None = None
    time_to_mitigate: float | None = None
    time_to_resolve: float | None = None


def _seconds_between(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return (end - start).total_seconds()


def response_metrics(times: IncidentTimes) -> ResponseMetrics:
    """TTD/TTA/TTM/TTR measured from the incident start (the first symptom).

    Measuring every metric from the same origin makes them add up on a chart and compare
    across incidents; MTTA-from-detection hides slow detection, which is often the story.
    """
    start = times.started
    return ResponseMetrics(
        time_to_detect=_seconds_between(start, times.detected),
        time_to_acknowledge=_seconds_between(start, times.acknowledged),
        time_to_mitigate=_seconds_between(start, times.mitigated),
        time_to_resolve=_seconds_between(start, times.resolved),
    )


def key_moments_to_times(moments: Sequence[KeyMoment], base: IncidentTimes) -> IncidentTimes:
    """Fill the incident times that are still empty from key moments; set times stay as set."""
    by_kind = {moment.kind: moment.at for moment in moments}
    mapping = {
        "started": KeyMomentKind.FIRST_SYMPTOM,
        "detected": KeyMomentKind.DETECTION,
        "acknowledged": KeyMomentKind.ACKNOWLEDGEMENT,
        "mitigated": KeyMomentKind.MITIGATION,
        "resolved": KeyMomentKind.RESOLUTION,
    }
    values = {name: base.get(name) or by_kind.get(kind) for name, kind in mapping.items()}
    return IncidentTimes(**values)
