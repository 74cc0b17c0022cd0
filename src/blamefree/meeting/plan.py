"""The meeting plan: slot, roles, invite list with warnings, and the agenda, in one object."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, ConfigDict

from blamefree.domain.errors import InvalidInput
from blamefree.domain.meeting import Agenda, ReviewKind, SeverityPolicy
from blamefree.domain.postmortem import Postmortem
from blamefree.meeting.agenda import agenda_inputs, build_agenda
from blamefree.meeting.people import (
    Attendee,
    Involvement,
    build_invite_list,
    check_attendees,
    suggest_roles,
)
from blamefree.meeting.policy import MeetingSettings
from blamefree.meeting.scheduling import (
    MeetingWindow,
    WorkCalendar,
    add_working_days,
    add_working_time,
    fits_working_hours,
    meeting_window,
    next_slot,
    suggest_slot,
)


class SessionSlot(BaseModel):
    """When one session of the review takes place (UTC)."""

    model_config = ConfigDict(frozen=True)

    title: str
    start: datetime
    end: datetime


class MeetingPlan(BaseModel):
    """Everything needed to run one incident's review meeting."""

    model_config = ConfigDict(frozen=True)

    incident_id: str
    title: str
    severity: str
    review: ReviewKind
    meeting_required: bool
    timezone: str
    window: MeetingWindow | None
    slots: tuple[SessionSlot, ...]
    preread_due: datetime
    facilitator: str | None
    notetaker: str | None
    ranking: tuple[Involvement, ...]
    attendees: tuple[Attendee, ...]
    warnings: tuple[str, ...]
    agenda: Agenda


def _slot_warnings(
    start: datetime, minutes: int, window: MeetingWindow | None, calendar: WorkCalendar
) -> list[str]:
    warnings: list[str] = []
    local = calendar.local(start)
    if not fits_working_hours(start, minutes, calendar):
        warnings.append(
            f"the meeting at {local:%a %Y-%m-%d %H:%M} ({calendar.timezone}) is outside working "
            f"hours ({calendar.day_start:%H:%M}-{calendar.day_end:%H:%M} on working days)"
        )
    if window is not None and start < window.earliest:
        warnings.append(
            "the meeting is less than 24 working hours after resolution; responders may still "
            "be recovering, consider a later slot"
        )
    if window is not None and start > window.latest:
        warnings.append(
            "the meeting is more than 72 working hours after resolution; details fade fast, "
            "consider an earlier slot"
        )
    return warnings


def build_plan(
    postmortem: Postmortem,
    *,
    policy: SeverityPolicy,
    settings: MeetingSettings,
    now: datetime,
    at: datetime | None = None,
) -> MeetingPlan:
    """Plan the review: a slot in the window, roles, invite list, warnings and agenda.

    The slot is `at` when given, else the meeting time already in the document, else the
    first working-hours slot from the target time (48 working hours after resolution).

    Raises:
        InvalidInput: when the incident has no resolution time and no `at` is given.
    """
    incident = postmortem.incident
    calendar = settings.calendar
    requirements = policy.requirements_for(incident)
    agenda = build_agenda(requirements, agenda_inputs(postmortem))
    resolved = incident.times.resolved
    window = meeting_window(resolved, policy, calendar) if resolved else None

    first_minutes = agenda.sessions[0].minutes
    if at is not None:
        if at.tzinfo is None or at.utcoffset() is None:
            raise InvalidInput(f"meeting time {at.isoformat()} has no time zone; add an offset")
        start = at.astimezone(UTC)
    elif postmortem.meeting_at is not None:
        start = postmortem.meeting_at
    elif window is not None:
        start = suggest_slot(
            window, first_minutes, calendar, not_before=now if now > window.target else None
        )
    else:
        raise InvalidInput(
            f"incident {incident.id} has no resolution time, so the meeting window cannot be "
            "worked out; add times.resolved to the postmortem or pass --at"
        )
    warnings = _slot_warnings(start, first_minutes, window, calendar)
    slots = [
        SessionSlot(
            title=agenda.sessions[0].title,
            start=start,
            end=start + timedelta(minutes=first_minutes),
        )
    ]
    for session in agenda.sessions[1:]:
        second = next_slot(
            add_working_days(slots[-1].start, 1, calendar), session.minutes, calendar
        )
        slots.append(
            SessionSlot(
                title=session.title, start=second, end=second + timedelta(minutes=session.minutes)
            )
        )

    suggestion = suggest_roles(postmortem, roster=settings.roster)
    attendees = build_invite_list(postmortem, suggestion, service_owners=settings.service_owners)
    warnings.extend(suggestion.notes)
    warnings.extend(
        check_attendees(
            attendees,
            postmortem,
            service_owners=settings.service_owners,
            customer_facing_tags=policy.customer_facing_tags,
            min_attendees=settings.min_attendees,
            max_attendees=settings.max_attendees,
        )
    )
    if not requirements.meeting_required:
        warnings.insert(
            0,
            f"a {incident.severity.value} incident needs a {requirements.review.value} review; "
            "a meeting is optional",
        )
    preread_due = add_working_time(
        start, -timedelta(hours=policy.deadlines.preread_before_meeting_hours), calendar
    )
    return MeetingPlan(
        incident_id=incident.id,
        title=incident.title,
        severity=incident.severity.value,
        review=requirements.review,
        meeting_required=requirements.meeting_required,
        timezone=calendar.timezone,
        window=window,
        slots=tuple(slots),
        preread_due=preread_due,
        facilitator=suggestion.facilitator.name if suggestion.facilitator else None,
        notetaker=suggestion.notetaker.name if suggestion.notetaker else None,
        ranking=suggestion.ranking,
        attendees=attendees,
        warnings=tuple(warnings),
        agenda=agenda,
    )


def format_local(at: datetime, plan: MeetingPlan) -> str:
    return WorkCalendar(timezone=plan.timezone).local(at).strftime("%a %Y-%m-%d %H:%M %Z")


def agenda_markdown(agenda: Agenda) -> str:
    """The agenda as Markdown: sessions, timeboxes, lead roles, outputs and prompts."""
    lines: list[str] = []
    for session in agenda.sessions:
        lines.append(f"### {session.title} ({session.minutes} min)")
        lines.append("")
        for number, item in enumerate(session.items, start=1):
            lead = item.lead_role.value.replace("_", " ")
            lines.append(f"{number}. **{item.title}** ({item.minutes} min, led by the {lead})")
            lines.append(f"   - Output: {item.output}")
            lines.extend(f"   - Ask: {prompt}" for prompt in item.prompts)
            if item.notes:
                lines.append(f"   - {item.notes}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def plan_markdown(plan: MeetingPlan) -> str:
    """The plan as a Markdown page people can paste into a ticket or a chat."""
    lines = [
        f"# Review plan: {plan.title} ({plan.incident_id})",
        "",
        f"- Severity: {plan.severity}; review: {plan.review.value}"
        + ("" if plan.meeting_required else " (meeting optional)"),
    ]
    if plan.window is not None:
        window = plan.window
        lines.append(
            f"- Meeting window: {format_local(window.earliest, plan)} to "
            f"{format_local(window.latest, plan)} (target {format_local(window.target, plan)})"
        )
    for slot in plan.slots:
        minutes = int((slot.end - slot.start).total_seconds() // 60)
        lines.append(f"- {slot.title}: {format_local(slot.start, plan)}, {minutes} min")
    lines.append(f"- Pre-read due: {format_local(plan.preread_due, plan)}")
    lines.append(f"- Facilitator: {plan.facilitator or 'not found (see warnings)'}")
    lines.append(f"- Notetaker: {plan.notetaker or 'not found (see warnings)'}")
    lines += ["", "## Invite list", ""]
    for person in plan.attendees:
        roles = ", ".join(r.value.replace("_", " ") for r in person.roles) or person.reason
        email = f" <{person.email}>" if person.email else ""
        lines.append(f"- {person.name}{email}: {roles}")
    if plan.warnings:
        lines += ["", "## Warnings", ""]
        lines.extend(f"- {warning}" for warning in plan.warnings)
    lines += ["", f"## Agenda ({plan.agenda.minutes} min)", "", agenda_markdown(plan.agenda)]
    return "\n".join(lines).rstrip() + "\n"
