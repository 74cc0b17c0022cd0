"""The postmortem document: one per incident, the unit people write, review and publish."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from blamefree.domain.action_item import ActionItem
from blamefree.domain.incident import Incident, UtcDatetime, Visibility
from blamefree.domain.people import SINGLE_HOLDER_ROLES, Participant, Role
from blamefree.domain.timeline import TimelineEvent, sort_events


class PostmortemStatus(StrEnum):
    """Draft while people write, in review before the meeting, published after it."""

    DRAFT = "draft"
    IN_REVIEW = "in review"
    PUBLISHED = "published"

    @classmethod
    def parse(cls, value: str) -> PostmortemStatus:
        """Accept 'in review', 'in-review' and 'in_review' alike."""
        text = " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
        try:
            return cls(text)
        except ValueError:
            raise ValueError(
                f"status {value!r} is not one of draft, in review, published"
            ) from None


class CommunicationState(StrEnum):
    """External communication is drafted by the team and approved before it goes out."""

    DRAFT = "draft"
    APPROVED = "approved"


class WhyStep(BaseModel):
    """One step of a 5-Whys chain: a question and the answer the team agreed on."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    question: str = Field(min_length=1, max_length=1000)
    answer: str = Field(default="", max_length=2000)

    @field_validator("question", "answer")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return " ".join(value.split())


class ContributingFactor(BaseModel):
    """A condition that made the incident possible or worse; there are usually several."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = Field(min_length=1, max_length=300)
    category: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")
    description: str = ""
    whys: tuple[WhyStep, ...] = ()

    @field_validator("title")
    @classmethod
    def _one_line_title(cls, value: str) -> str:
        title = " ".join(value.split())
        if not title:
            raise ValueError("contributing factor title is empty")
        return title

    @field_validator("description")
    @classmethod
    def _trim(cls, value: str) -> str:
        return value.strip()


class ExternalCommunication(BaseModel):
    """What customers are told; approved before it is sent."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    state: CommunicationState = CommunicationState.DRAFT
    text: str = ""

    @field_validator("text")
    @classmethod
    def _trim(cls, value: str) -> str:
        return value.strip()


class Postmortem(BaseModel):
    """Everything a team learned from one incident, in the sections every review covers.

    Free-text sections hold Markdown. The timeline is kept in chronological order.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    incident: Incident
    status: PostmortemStatus = PostmortemStatus.DRAFT
    visibility: Visibility = Visibility.INTERNAL
    participants: tuple[Participant, ...] = ()
    summary: str = ""
    impact: str = ""
    timeline: tuple[TimelineEvent, ...] = ()
    factors: tuple[ContributingFactor, ...] = ()
    what_went_well: str = ""
    where_we_got_lucky: str = ""
    action_items: tuple[ActionItem, ...] = ()
    lessons_learned: str = ""
    external_communication: ExternalCommunication = ExternalCommunication()
    meeting_at: UtcDatetime | None = None
    """When the postmortem meeting is (or was) held."""
    published_at: UtcDatetime | None = None
    """When the report was published."""

    @field_validator("status", mode="before")
    @classmethod
    def _parse_status(cls, value: object) -> object:
        return PostmortemStatus.parse(value) if isinstance(value, str) else value

    @field_validator("summary", "impact", "what_went_well", "where_we_got_lucky", "lessons_learned")
    @classmethod
    def _trim(cls, value: str) -> str:
        return value.strip()

    @field_validator("timeline")
    @classmethod
    def _chronological(cls, events: tuple[TimelineEvent, ...]) -> tuple[TimelineEvent, ...]:
        return sort_events(events)

    @model_validator(mode="after")
    def _people_consistent(self) -> Self:
        seen: set[str] = set()
        for person in self.participants:
            key = person.name.casefold()
            if key in seen:
                raise ValueError(f"participant {person.name!r} is listed twice; merge the entries")
            seen.add(key)
        for role in SINGLE_HOLDER_ROLES:
            holders = [p.name for p in self.participants if p.has(role)]
            if len(holders) > 1:
                raise ValueError(
                    f"role {role.value} is held by {', '.join(holders)}; one person holds it"
                )
        return self

    @property
    def id(self) -> str:
        """The incident id; one postmortem per incident."""
        return self.incident.id

    def holder(self, role: Role) -> Participant | None:
        """The person holding a single-holder role, if anyone does."""
        return next((p for p in self.participants if p.has(role)), None)

    def people_with(self, role: Role) -> tuple[Participant, ...]:
        """Everyone holding a role (e.g. all responders)."""
        return tuple(p for p in self.participants if p.has(role))

    def with_timeline(self, events: Iterable[TimelineEvent]) -> Postmortem:
        """A copy with a new timeline (sorted)."""
        return self.model_copy(update={"timeline": sort_events(events)})


SECTION_TITLES: tuple[str, ...] = (
    "Summary",
    "Impact",
    "Timeline",
    "Contributing factors",
    "What went well",
    "Where we got lucky",
    "Action items",
    "Lessons learned",
    "External communication",
)
"""The `##` sections of a postmortem, in the order the document keeps them."""
