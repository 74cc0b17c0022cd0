from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest
from icalendar import Calendar

from blamefree.domain.errors import InvalidInput
from blamefree.domain.meeting import DEFAULT_POLICY
from blamefree.domain.people import Participant, Role
from blamefree.domain.postmortem import ContributingFactor
from blamefree.domain.timeline import EventKind
from blamefree.meeting.ics import build_invite, invite_uid
from blamefree.meeting.plan import MeetingPlan, build_plan
from blamefree.meeting.policy import MeetingSettings
from blamefree.meeting.scheduling import WorkCalendar

from ._builders import event, make_postmortem, person

ORGANIZER = Participant(name="Ana Ops", email="ana@example.com")
CREATED = datetime(2026, 5, 5, 15, 30, tzinfo=UTC)


def _plan(*people: Participant, split: bool = False) -> MeetingPlan:
    extra: dict[str, object] = {}
    if split:
        extra["timeline"] = tuple(event(i, EventKind.DEPLOY, "Rita") for i in range(12))
        extra["factors"] = tuple(ContributingFactor(title=f"F{i}") for i in range(4))
    pm = make_postmortem(participants=people, **extra)
    settings = MeetingSettings(
        calendar=WorkCalendar(timezone="Europe/Berlin"),
        service_owners={"checkout": Participant(name="Dana, Diaz; Jr.", email="dana@example.com")},
    )
    return build_plan(pm, policy=DEFAULT_POLICY, settings=settings, now=CREATED)


PEOPLE = (
    person("Ines Chen", Role.INCIDENT_COMMANDER),
    person("Omar Haddad", Role.OWNER),
    person("Rita Park", Role.RESPONDER),
    person("Bea Stone"),
    person("Sven Åberg", Role.CUSTOMER_LIAISON),
)


def test_invite_parses_back_and_keeps_every_attendee() -> None:
    plan = _plan(*PEOPLE)
    data = build_invite(
        plan,
        organizer=ORGANIZER,
        created_at=CREATED,
        uid_domain="pm.example.com",
        preread_url="https://pm.example.com/incidents/INC-42/preread",
        location="Room 4",
    )
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    calendar = Calendar.from_ical(data)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//Blamefree//")
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == "inc-42-review@pm.example.com"
    assert vevent.decoded("DTSTART") == plan.slots[0].start
    assert vevent.decoded("DTEND") == plan.slots[0].end
    assert vevent.decoded("DTSTAMP") == CREATED
    assert vevent.decoded("SEQUENCE") == 0
    assert str(vevent["ORGANIZER"]) == "mailto:ana@example.com"
    assert str(vevent["ORGANIZER"].params["CN"]) == "Ana Ops"
    listed = cast(list[Any], vevent["ATTENDEE"])
    attendees = {str(a): a.params for a in listed}
    assert sorted(attendees) == sorted(f"mailto:{a.email}" for a in plan.attendees)
    assert len(attendees) == 6
    assert attendees["mailto:bea@example.com"]["ROLE"] == "CHAIR"
    assert attendees["mailto:rita@example.com"]["ROLE"] == "REQ-PARTICIPANT"
    assert attendees["mailto:dana@example.com"]["CN"] == "Dana, Diaz; Jr."
    assert attendees["mailto:sven@example.com"]["CN"] == "Sven Åberg"
    assert all(p["PARTSTAT"] == "NEEDS-ACTION" and p["RSVP"] == "TRUE" for p in attendees.values())
    description = str(vevent["DESCRIPTION"])
    assert "Pre-read (please read before the meeting): https://pm.example.com/incidents/" in (
        description
    )
    assert "1. Ground rules (5 min)" in description
    assert str(vevent["LOCATION"]) == "Room 4"
    (alarm,) = vevent.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(hours=24)
    assert b"\r\nTRIGGER:-PT24H\r\n" in data  # exact hours, not a nominal day (-P1D)
    assert b"\r\nMETHOD:REQUEST\r\n" in data
    assert str(alarm["ACTION"]) == "DISPLAY"


def test_attendees_without_email_are_left_out() -> None:
    plan = _plan(*PEOPLE, person("Noor Ali", email=False))
    calendar = Calendar.from_ical(
        build_invite(plan, organizer=ORGANIZER, created_at=CREATED, uid_domain="x.example")
    )
    (vevent,) = calendar.walk("VEVENT")
    listed = cast(list[Any], vevent["ATTENDEE"])
    assert len(listed) == 6
    assert "no email known for Noor Ali; the invite cannot reach them" in plan.warnings


def test_split_plan_has_one_invite_per_session_with_its_own_uid() -> None:
    plan = _plan(*PEOPLE, split=True)
    second = Calendar.from_ical(
        build_invite(
            plan, organizer=ORGANIZER, created_at=CREATED, uid_domain="x.example", session=2
        )
    )
    (vevent,) = second.walk("VEVENT")
    assert str(vevent["UID"]) == "inc-42-review-2@x.example"
    assert vevent.decoded("DTSTART") == plan.slots[1].start
    assert str(vevent["SUMMARY"]).endswith("(Session 2: contributing factors and actions)")
    with pytest.raises(InvalidInput, match="session 3 does not exist"):
        build_invite(plan, organizer=ORGANIZER, created_at=CREATED, uid_domain="x", session=3)


def test_organizer_needs_an_email() -> None:
    with pytest.raises(InvalidInput, match="needs an organizer email and Ana has none"):
        build_invite(
            _plan(*PEOPLE),
            organizer=Participant(name="Ana"),
            created_at=CREATED,
            uid_domain="x.example",
        )


def test_uid_is_stable() -> None:
    assert invite_uid("INC-42", session=1, domain="d") == "inc-42-review@d"
    assert invite_uid("INC-42", session=2, domain="d") == "inc-42-review-2@d"
