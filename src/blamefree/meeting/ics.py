"""The calendar invite: an RFC 5545 VCALENDAR with METHOD:REQUEST and one VEVENT.

Times are written in UTC (the form RFC 5545 recommends for generated invites, no VTIMEZONE
needed). The UID is stable per incident and session, so sending the invite again with a
higher SEQUENCE updates the same event in people's calendars instead of adding a new one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event, vCalAddress, vDuration, vText

from blamefree import __version__
from blamefree.domain.errors import InvalidInput
from blamefree.domain.people import Participant, Role
from blamefree.meeting.plan import MeetingPlan

PRODID = f"-//Blamefree//Blamefree {__version__}//EN"
REMINDER_BEFORE = timedelta(hours=24)


class _ExactHours(vDuration):
    """A duration written in hours (`-PT24H`), never folded into nominal days (`-P1D`).

    RFC 5545 (3.3.6) treats a day as nominal: across a DST change a client may read `P1D`
    as 23 or 25 hours. A reminder "24 hours before" is meant as exact hours.
    """

    def to_ical(self) -> bytes:
        seconds = int(self.td.total_seconds())
        sign = "-" if seconds < 0 else ""
        hours, rest = divmod(abs(seconds), 3600)
        minutes = f"{rest // 60}M" if rest else ""
        return f"{sign}PT{hours}H{minutes}".encode("ascii")


def invite_uid(incident_id: str, *, session: int, domain: str) -> str:
    """A stable UID for one session of one incident's review."""
    suffix = "" if session == 1 else f"-{session}"
    return f"{incident_id.lower()}-review{suffix}@{domain}"


def _address(person_email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person_email}")
    address.params["CN"] = vText(name)
    for key, value in params.items():
        address.params[key] = vText(value)
    return address


def _description(plan: MeetingPlan, session_index: int, preread_url: str | None) -> str:
    session = plan.agenda.sessions[session_index]
    lines = [f"Postmortem review of {plan.incident_id}: {plan.title}", ""]
    if preread_url:
        lines.append(f"Pre-read (please read before the meeting): {preread_url}")
    lines.append(f"Facilitator: {plan.facilitator or 'to be named'}")
    lines.append(f"Notetaker: {plan.notetaker or 'to be named'}")
    lines += ["", f"Agenda ({session.minutes} min):"]
    for number, item in enumerate(session.items, start=1):
        lines.append(f"{number}. {item.title} ({item.minutes} min)")
    lines += [
        "",
        "This review is blameless: we look at how the system and our ways of working made "
        "the incident possible, not at who to blame.",
    ]
    return "\n".join(lines)


def build_invite(
    plan: MeetingPlan,
    *,
    organizer: Participant,
    created_at: datetime,
    uid_domain: str,
    session: int = 1,
    preread_url: str | None = None,
    location: str = "",
    sequence: int = 0,
) -> bytes:
    """Serialize the invite for one session of the plan (1-based) as iCalendar bytes.

    Attendees without an email address cannot receive an invite and are left out; the plan's
    warnings already name them.

    Raises:
        InvalidInput: when the organizer has no email or the session does not exist.
    """
    if not organizer.email:
        raise InvalidInput(
            f"the invite needs an organizer email and {organizer.name} has none; set "
            "[meeting] organizer = 'Name <name@example.com>' in .blamefree.toml"
        )
    if not 1 <= session <= len(plan.slots):
        raise InvalidInput(
            f"session {session} does not exist; the plan for {plan.incident_id} has "
            f"{len(plan.slots)} session(s)"
        )
    slot = plan.slots[session - 1]
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    calendar.add("calscale", "GREGORIAN")

    event = Event()
    event.add("uid", invite_uid(plan.incident_id, session=session, domain=uid_domain))
    event.add("dtstamp", created_at.astimezone(UTC))
    event.add("dtstart", slot.start.astimezone(UTC))
    event.add("dtend", slot.end.astimezone(UTC))
    event.add("sequence", sequence)
    suffix = "" if len(plan.slots) == 1 else f" ({slot.title})"
    event.add("summary", f"Postmortem review: {plan.title} ({plan.incident_id}){suffix}")
    event.add("description", _description(plan, session - 1, preread_url))
    if location:
        event.add("location", location)
    if preread_url:
        event.add("url", preread_url)
    event.add("status", "CONFIRMED")
    event.add("organizer", _address(organizer.email, organizer.name))
    for person in plan.attendees:
        if not person.email:
            continue
        role = "CHAIR" if Role.FACILITATOR in person.roles else "REQ-PARTICIPANT"
        event.add(
            "attendee",
            _address(
                person.email,
                person.name,
                CUTYPE="INDIVIDUAL",
                ROLE=role,
                PARTSTAT="NEEDS-ACTION",
                RSVP="TRUE",
            ),
        )
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Pre-read for the {plan.incident_id} postmortem review")
    alarm.add("trigger", _ExactHours(-REMINDER_BEFORE))
    event.add_component(alarm)
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
