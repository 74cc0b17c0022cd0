"""Severity policy: the review each incident gets, and the agenda shapes."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from blamefree.domain import SECTION_TITLES, Role, Severity
from blamefree.domain.meeting import (
    DEFAULT_POLICY,
    FULL_REVIEW,
    LIGHTWEIGHT_REVIEW,
    NEAR_MISS_REVIEW,
    Agenda,
    AgendaItem,
    AgendaSession,
    AgendaTemplate,
    Deadlines,
    PublishScope,
    ReviewArtifact,
    ReviewKind,
    ReviewRequirements,
    SeverityPolicy,
)
from tests.builders import make_incident


@pytest.mark.parametrize(
    ("severity", "review", "meeting", "scope", "minutes", "min_items", "prevent"),
    [
        (Severity.SEV0, ReviewKind.FULL, True, PublishScope.ORGANIZATION, 75, 3, True),
        (Severity.SEV1, ReviewKind.FULL, True, PublishScope.ORGANIZATION, 75, 3, True),
        (Severity.SEV2, ReviewKind.LIGHTWEIGHT, False, PublishScope.TEAM, 30, 1, False),
        (Severity.SEV3, ReviewKind.LIGHTWEIGHT, False, PublishScope.TEAM, 30, 1, False),
    ],
)
def test_default_policy_per_severity(
    severity: Severity,
    review: ReviewKind,
    meeting: bool,
    scope: PublishScope,
    minutes: int,
    min_items: int,
    prevent: bool,
) -> None:
    needs = DEFAULT_POLICY.requirements_for(make_incident(severity=severity))
    assert needs.review is review
    assert needs.meeting_required is meeting
    assert needs.synchronous is meeting
    assert needs.publish_scope is scope
    assert needs.meeting_minutes == minutes
    assert needs.min_action_items == min_items
    assert needs.max_action_items == 5
    assert needs.requires_prevent_item is prevent


def test_full_review_requires_every_section_but_external_communication() -> None:
    assert FULL_REVIEW.required_sections == SECTION_TITLES[:-1]
    assert SECTION_TITLES[-1] == "External communication"
    assert FULL_REVIEW.artifacts == (
        ReviewArtifact.PREREAD,
        ReviewArtifact.REPORT,
        ReviewArtifact.FOLLOW_UP_REVIEW,
    )


def test_lightweight_review_sections_and_artifacts() -> None:
    assert LIGHTWEIGHT_REVIEW.required_sections == (
        "Summary",
        "Impact",
        "Timeline",
        "Contributing factors",
        "Action items",
    )
    assert LIGHTWEIGHT_REVIEW.artifacts == (ReviewArtifact.REPORT, ReviewArtifact.FOLLOW_UP_REVIEW)


@pytest.mark.parametrize("severity", list(Severity))
def test_near_miss_wins_over_severity(severity: Severity) -> None:
    needs = DEFAULT_POLICY.requirements_for(make_incident(severity=severity, near_miss=True))
    assert needs == NEAR_MISS_REVIEW
    assert needs.required_sections == (
        "Summary",
        "Timeline",
        "Contributing factors",
        "Where we got lucky",
    )
    assert (needs.meeting_minutes, needs.publish_scope) == (30, PublishScope.TEAM)


@pytest.mark.parametrize(
    ("severity", "expected"),
    [
        (Severity.SEV0, FULL_REVIEW),
        (Severity.SEV2, FULL_REVIEW),
        (Severity.SEV3, FULL_REVIEW),
    ],
)
def test_repeat_escalates_lightweight_reviews(severity: Severity, expected: object) -> None:
    incident = make_incident(severity=severity, repeat_of=("INC-0999",))
    assert DEFAULT_POLICY.requirements_for(incident) == expected


def test_repeat_review_is_configurable() -> None:
    policy = SeverityPolicy(repeat_review=NEAR_MISS_REVIEW)
    repeat = make_incident(severity=Severity.SEV3, repeat_of=("INC-1",))
    assert policy.requirements_for(repeat) == NEAR_MISS_REVIEW
    assert policy.requirements_for(make_incident(severity=Severity.SEV3)) == LIGHTWEIGHT_REVIEW


def test_by_severity_override() -> None:
    policy = SeverityPolicy(
        by_severity={
            Severity.SEV0: FULL_REVIEW,
            Severity.SEV1: FULL_REVIEW,
            Severity.SEV2: FULL_REVIEW,
            Severity.SEV3: LIGHTWEIGHT_REVIEW,
        }
    )
    assert policy.requirements_for(make_incident(severity="P2")) == FULL_REVIEW


def test_default_deadlines_and_tags() -> None:
    assert DEFAULT_POLICY.deadlines == Deadlines(
        meeting_earliest_hours=24,
        meeting_target_hours=48,
        meeting_latest_hours=72,
        preread_before_meeting_hours=24,
        publish_within_hours_after_meeting=48,
        followup_review_days=30,
    )
    assert DEFAULT_POLICY.customer_facing_tags == ("customer-impact", "customer-facing")


def test_meeting_minutes_bounds() -> None:
    with pytest.raises(ValidationError, match="meeting_minutes"):
        ReviewRequirements(**{**FULL_REVIEW.model_dump(), "meeting_minutes": 10})


def _item(title: str, minutes: int) -> AgendaItem:
    return AgendaItem(title=title, minutes=minutes, lead_role=Role.FACILITATOR, output="notes")


def test_agenda_minutes_add_up_across_sessions() -> None:
    first = AgendaSession(title="Timeline", items=(_item("Intro", 5), _item("Timeline", 40)))
    second = AgendaSession(title="Factors", items=(_item("Factors", 30), _item("Actions", 20)))
    agenda = Agenda(template=AgendaTemplate.SPLIT, sessions=(first, second))
    assert (first.minutes, second.minutes, agenda.minutes) == (45, 50, 95)
    assert [item.title for item in agenda.items] == ["Intro", "Timeline", "Factors", "Actions"]


def test_agenda_has_one_or_two_sessions() -> None:
    session = AgendaSession(title="Review", items=(_item("All", 60),))
    with pytest.raises(ValidationError, match="sessions"):
        Agenda(template=AgendaTemplate.FULL, sessions=())
    with pytest.raises(ValidationError, match="sessions"):
        Agenda(template=AgendaTemplate.FULL, sessions=(session, session, session))
    with pytest.raises(ValidationError, match="minutes"):
        _item("Too long", 241)
