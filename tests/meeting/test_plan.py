from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blamefree.domain.errors import InvalidInput
from blamefree.domain.incident import IncidentTimes
from blamefree.domain.meeting import DEFAULT_POLICY, AgendaTemplate, ReviewKind
from blamefree.domain.people import Role
from blamefree.domain.postmortem import ContributingFactor
from blamefree.domain.timeline import EventKind
from blamefree.meeting.plan import build_plan, plan_markdown
from blamefree.meeting.policy import MeetingSettings
from blamefree.meeting.scheduling import WorkCalendar

from ._builders import RESOLVED, event, make_incident, make_postmortem, person

SETTINGS = MeetingSettings(
    calendar=WorkCalendar(timezone="Europe/Berlin"),
    service_owners={"checkout": person("Dana Diaz")},
)
NOW = datetime(2026, 5, 5, 15, 0, tzinfo=UTC)
PEOPLE = (
    person("Ines Chen", Role.INCIDENT_COMMANDER),
    person("Omar Haddad", Role.OWNER),
    person("Rita Park", Role.RESPONDER),
    person("Bea Stone"),
)


def test_plan_picks_slot_roles_and_agenda() -> None:
    pm = make_postmortem(
        participants=PEOPLE,
        timeline=(event(1, EventKind.ACK, "Rita Park"),),
        factors=(ContributingFactor(title="Retry storm"),),
    )
    plan = build_plan(pm, policy=DEFAULT_POLICY, settings=SETTINGS, now=NOW)
    # Resolved Tue 16:00 Berlin; target Thu 16:00 leaves no room for 75 min before 17:00.
    assert plan.slots[0].start == datetime(2026, 5, 8, 7, 0, tzinfo=UTC)  # Fri 09:00 Berlin
    assert plan.slots[0].end == datetime(2026, 5, 8, 8, 15, tzinfo=UTC)
    assert plan.preread_due == datetime(2026, 5, 7, 7, 0, tzinfo=UTC)
    assert (plan.facilitator, plan.notetaker) == ("Bea Stone", "Rita Park")
    assert [a.name for a in plan.attendees] == [
        "Ines Chen",
        "Omar Haddad",
        "Rita Park",
        "Bea Stone",
        "Dana Diaz",
    ]
    assert plan.warnings == ()
    assert plan.review is ReviewKind.FULL
    assert plan.agenda.template is AgendaTemplate.FULL
    markdown = plan_markdown(plan)
    assert "- Postmortem review: Fri 2026-05-08 09:00 CEST, 75 min" in markdown
    assert "- Facilitator: Bea Stone" in markdown
    assert "## Warnings" not in markdown
    assert "1. **Ground rules** (5 min, led by the facilitator)" in markdown


def test_requested_time_outside_window_and_hours_is_warned() -> None:
    pm = make_postmortem(participants=PEOPLE)
    at = datetime(2026, 5, 5, 18, 0, tzinfo=UTC)  # Tue 20:00 Berlin, same day as resolution
    plan = build_plan(pm, policy=DEFAULT_POLICY, settings=SETTINGS, now=NOW, at=at)
    assert plan.slots[0].start == at
    assert plan.warnings[:2] == (
        "the meeting at Tue 2026-05-05 20:00 (Europe/Berlin) is outside working hours "
        "(09:00-17:00 on working days)",
        "the meeting is less than 24 working hours after resolution; responders may still be "
        "recovering, consider a later slot",
    )


def test_booked_meeting_time_is_used() -> None:
    booked = datetime(2026, 5, 7, 8, 0, tzinfo=UTC)
    pm = make_postmortem(participants=PEOPLE, meeting_at=booked)
    plan = build_plan(pm, policy=DEFAULT_POLICY, settings=SETTINGS, now=NOW)
    assert plan.slots[0].start == booked


def test_split_review_gets_a_second_session_the_next_working_day() -> None:
    events = tuple(event(i, EventKind.DEPLOY, "Rita Park") for i in range(12))
    factors = tuple(ContributingFactor(title=f"Factor {i}") for i in range(4))
    pm = make_postmortem(participants=PEOPLE, timeline=events, factors=factors)
    plan = build_plan(pm, policy=DEFAULT_POLICY, settings=SETTINGS, now=NOW)
    assert plan.agenda.template is AgendaTemplate.SPLIT
    assert [s.start for s in plan.slots] == [
        datetime(2026, 5, 7, 14, 0, tzinfo=UTC),  # Thu 16:00 Berlin: 50 min fit before 17:00
        datetime(2026, 5, 11, 7, 0, tzinfo=UTC),  # 85 min do not fit Fri 16:00: Mon 09:00
    ]
    assert [s.end for s in plan.slots] == [
        datetime(2026, 5, 7, 14, 50, tzinfo=UTC),
        datetime(2026, 5, 11, 8, 25, tzinfo=UTC),
    ]


def test_unresolved_incident_needs_at() -> None:
    pm = make_postmortem(incident=make_incident(times=IncidentTimes()), participants=PEOPLE)
    with pytest.raises(InvalidInput, match="INC-42 has no resolution time"):
        build_plan(pm, policy=DEFAULT_POLICY, settings=SETTINGS, now=NOW)
    plan = build_plan(pm, policy=DEFAULT_POLICY, settings=SETTINGS, now=NOW, at=RESOLVED)
    assert plan.window is None


def test_lightweight_plan_says_meeting_is_optional() -> None:
    pm = make_postmortem(incident=make_incident(severity="SEV3"), participants=PEOPLE)
    plan = build_plan(pm, policy=DEFAULT_POLICY, settings=SETTINGS, now=NOW)
    assert plan.meeting_required is False
    assert plan.warnings[0] == "a SEV3 incident needs a lightweight review; a meeting is optional"
    assert plan.agenda.minutes == 30


def test_plan_json_round_trips() -> None:
    pm = make_postmortem(participants=PEOPLE)
    plan = build_plan(pm, policy=DEFAULT_POLICY, settings=SETTINGS, now=NOW)
    data = plan.model_dump(mode="json")
    assert data["slots"][0]["start"] == "2026-05-08T07:00:00Z"
    assert data["agenda"]["sessions"][0]["items"][0]["title"] == "Ground rules"
    assert type(plan).model_validate(data) == plan


@given(
    events=st.integers(0, 400),
    decisions=st.integers(0, 400),
    factors=st.integers(0, 12),
    severity=st.sampled_from(["SEV0", "SEV1", "SEV2", "SEV3"]),
    near_miss=st.booleans(),
)
@settings(max_examples=40, deadline=None)
def test_each_slot_lasts_exactly_the_sum_of_its_timeboxes(
    events: int, decisions: int, factors: int, severity: str, near_miss: bool
) -> None:
    timeline = tuple(
        event(i % 600, EventKind.DEPLOY if i < decisions else EventKind.LOG, "Rita Park")
        for i in range(max(events, decisions))
    )
    pm = make_postmortem(
        incident=make_incident(severity=severity, near_miss=near_miss),
        participants=PEOPLE,
        timeline=timeline,
        factors=tuple(ContributingFactor(title=f"Factor {i}") for i in range(factors)),
    )
    plan = build_plan(pm, policy=DEFAULT_POLICY, settings=SETTINGS, now=NOW)
    assert len(plan.slots) == len(plan.agenda.sessions)
    for slot, session in zip(plan.slots, plan.agenda.sessions, strict=True):
        assert slot.end - slot.start == timedelta(minutes=sum(i.minutes for i in session.items))
        assert session.minutes <= 90
    total = sum(((s.end - s.start) for s in plan.slots), timedelta(0))
    assert total == timedelta(minutes=plan.agenda.minutes)
    expected = DEFAULT_POLICY.requirements_for(pm.incident).meeting_minutes
    if plan.agenda.template in (AgendaTemplate.NEAR_MISS, AgendaTemplate.LIGHTWEIGHT):
        assert plan.agenda.minutes == expected == 30
