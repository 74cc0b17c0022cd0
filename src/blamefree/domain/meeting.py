"""Severity policy: which review each incident gets, what it must contain and by when.

This is the one source of truth read by the meeting planner (slots, agenda) and by the
linter's completeness and timeliness rules, so the two never disagree.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from blamefree.domain.incident import Incident, Severity
from blamefree.domain.people import Role
from blamefree.domain.postmortem import SECTION_TITLES


class ReviewKind(StrEnum):
    """How deep the review goes."""

    FULL = "full"
    """Formal postmortem, synchronous meeting, published org-wide."""
    LIGHTWEIGHT = "lightweight"
    """A short written summary; a full review only when the incident repeats."""
    NEAR_MISS = "near-miss"
    """A 30-minute review of something that almost went wrong."""


class PublishScope(StrEnum):
    """Who the published report goes to."""

    ORGANIZATION = "organization"
    TEAM = "team"


class ReviewArtifact(StrEnum):
    """What a review produces besides the document's sections, each with its own deadline."""

    PREREAD = "pre-read"
    """The document sent to attendees before the meeting."""
    REPORT = "report"
    """The published report."""
    FOLLOW_UP_REVIEW = "follow-up review"
    """A look back after the action items had time to land."""


ALL_ARTIFACTS: tuple[ReviewArtifact, ...] = tuple(ReviewArtifact)


class ReviewRequirements(BaseModel):
    """What one class of incident must produce."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    review: ReviewKind
    meeting_required: bool
    synchronous: bool
    publish_scope: PublishScope
    meeting_minutes: int = Field(ge=15, le=240)
    required_sections: tuple[str, ...]
    min_action_items: int = Field(default=0, ge=0)
    max_action_items: int = Field(default=5, ge=1)
    requires_prevent_item: bool = False
    artifacts: tuple[ReviewArtifact, ...] = ALL_ARTIFACTS
    """Artifacts this class must produce; the pre-read only matters when a meeting is held."""


class Deadlines(BaseModel):
    """Review deadlines, in working hours of the team's calendar, counted from resolution."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    meeting_earliest_hours: int = 24
    meeting_target_hours: int = 48
    meeting_latest_hours: int = 72
    preread_before_meeting_hours: int = 24
    publish_within_hours_after_meeting: int = 48
    followup_review_days: int = 30


_ALL_SECTIONS = SECTION_TITLES
_LIGHT_SECTIONS = ("Summary", "Impact", "Timeline", "Contributing factors", "Action items")
_NEAR_MISS_SECTIONS = ("Summary", "Timeline", "Contributing factors", "Where we got lucky")

FULL_REVIEW = ReviewRequirements(
    review=ReviewKind.FULL,
    meeting_required=True,
    synchronous=True,
    publish_scope=PublishScope.ORGANIZATION,
    meeting_minutes=75,
    required_sections=tuple(s for s in _ALL_SECTIONS if s != "External communication"),
    min_action_items=3,
    max_action_items=5,
    requires_prevent_item=True,
)
LIGHTWEIGHT_REVIEW = ReviewRequirements(
    review=ReviewKind.LIGHTWEIGHT,
    meeting_required=False,
    synchronous=False,
    publish_scope=PublishScope.TEAM,
    meeting_minutes=30,
    required_sections=_LIGHT_SECTIONS,
    min_action_items=1,
    max_action_items=5,
    artifacts=(ReviewArtifact.REPORT, ReviewArtifact.FOLLOW_UP_REVIEW),
)
NEAR_MISS_REVIEW = ReviewRequirements(
    review=ReviewKind.NEAR_MISS,
    meeting_required=True,
    synchronous=True,
    publish_scope=PublishScope.TEAM,
    meeting_minutes=30,
    required_sections=_NEAR_MISS_SECTIONS,
    min_action_items=1,
    max_action_items=5,
)


class SeverityPolicy(BaseModel):
    """Maps each incident to the review it needs. Configurable under `[policy]`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    by_severity: dict[Severity, ReviewRequirements] = Field(
        default_factory=lambda: {
            Severity.SEV0: FULL_REVIEW,
            Severity.SEV1: FULL_REVIEW,
            Severity.SEV2: LIGHTWEIGHT_REVIEW,
            Severity.SEV3: LIGHTWEIGHT_REVIEW,
        }
    )
    near_miss: ReviewRequirements = NEAR_MISS_REVIEW
    repeat_review: ReviewRequirements = FULL_REVIEW
    """A lightweight-class incident that repeats earlier ones gets this review instead."""
    deadlines: Deadlines = Deadlines()
    customer_facing_tags: tuple[str, ...] = ("customer-impact", "customer-facing")

    def requirements_for(self, incident: Incident) -> ReviewRequirements:
        """The review this incident needs: near-miss, by severity, escalated on repeat."""
        if incident.near_miss:
            return self.near_miss
        base = self.by_severity[incident.severity]
        if base.review is ReviewKind.LIGHTWEIGHT and incident.repeat_of:
            return self.repeat_review
        return base


DEFAULT_POLICY = SeverityPolicy()


class AgendaTemplate(StrEnum):
    """The shapes a review meeting can take."""

    FULL = "full"
    """60-90 minutes, every section of the review."""
    SPLIT = "split"
    """A full review too long for one sitting: timeline first, factors and actions second."""
    NEAR_MISS = "near-miss"
    """A 30-minute review of something that almost went wrong."""
    LIGHTWEIGHT = "lightweight"
    """An optional 30-minute walk through a lightweight summary."""


class AgendaItem(BaseModel):
    """One timeboxed block of a review meeting: who leads it, what it produces, what it asks."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    minutes: int = Field(ge=1, le=240)
    lead_role: Role
    output: str = Field(min_length=1)
    prompts: tuple[str, ...] = ()
    notes: str = ""


class AgendaSession(BaseModel):
    """One sitting of a review; a split review has two."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    items: tuple[AgendaItem, ...] = Field(min_length=1)

    @property
    def minutes(self) -> int:
        """Length of this sitting: the sum of its timeboxes."""
        return sum(item.minutes for item in self.items)


class Agenda(BaseModel):
    """A timeboxed agenda for one incident's review, in one or two sessions."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    template: AgendaTemplate
    sessions: tuple[AgendaSession, ...] = Field(min_length=1, max_length=2)

    @property
    def minutes(self) -> int:
        """Total meeting time across all sessions."""
        return sum(session.minutes for session in self.sessions)

    @property
    def items(self) -> tuple[AgendaItem, ...]:
        """Every block, in order, across sessions."""
        return tuple(item for session in self.sessions for item in session.items)
