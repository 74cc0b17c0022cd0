"""Deadline arithmetic on the team's calendar: working days, working hours, DST, holidays.

Durations such as "48 h after resolution" are counted on working days only, in the wall-clock
time of the team's IANA zone: weekends and configured holidays do not count, and a day with a
DST change still moves a deadline by whole days. So 24 h after Friday 15:00 is Monday 15:00,
also when the clocks changed over the weekend. Meeting slots are then placed inside working
hours. Every datetime that leaves this module is timezone-aware UTC.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from blamefree.domain.action_item import ActionStatus
from blamefree.domain.errors import InvalidInput
from blamefree.domain.incident import Incident
from blamefree.domain.meeting import ReviewArtifact, ReviewKind, SeverityPolicy
from blamefree.domain.postmortem import Postmortem, PostmortemStatus
from blamefree.meeting._document import has_content, missing_sections

_MAX_SEARCH_DAYS = 400
WEEKDAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class WorkCalendar(BaseModel):
    """When the team works: zone, working hours, working weekdays and holidays."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    timezone: str = "UTC"
    day_start: time = time(9, 0)
    day_end: time = time(17, 0)
    workdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    """ISO weekday numbers minus one: Monday is 0, Sunday is 6."""
    holidays: tuple[date, ...] = ()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"time zone {value!r} is not an IANA zone name (e.g. Europe/Berlin, "
                "America/New_York, UTC)"
            ) from None
        return value

    @field_validator("workdays")
    @classmethod
    def _valid_days(cls, days: tuple[int, ...]) -> tuple[int, ...]:
        if not days:
            raise ValueError("at least one working day is needed")
        if any(day < 0 or day > 6 for day in days):
            raise ValueError("working days are mon, tue, wed, thu, fri, sat or sun")
        return tuple(sorted(set(days)))

    @model_validator(mode="after")
    def _hours_forward(self) -> Self:
        if self.day_end <= self.day_start:
            raise ValueError(
                f"working hours end ({self.day_end:%H:%M}) before they start "
                f"({self.day_start:%H:%M}); write them as start < end on the same day"
            )
        return self

    @property
    def zone(self) -> ZoneInfo:
        """The team's zone as a tzinfo."""
        return ZoneInfo(self.timezone)

    def is_working_day(self, day: date) -> bool:
        """True on a configured working weekday that is not a holiday."""
        return day.weekday() in self.workdays and day not in self.holidays

    def local(self, at: datetime) -> datetime:
        """An aware instant shown in the team's zone."""
        return _aware(at).astimezone(self.zone)

    def working_hours(self, day: date) -> tuple[datetime, datetime] | None:
        """Start and end of working hours on a day, in UTC; None on days off."""
        if not self.is_working_day(day):
            return None
        return self._to_utc(datetime.combine(day, self.day_start)), self._to_utc(
            datetime.combine(day, self.day_end)
        )

    def _to_utc(self, wall: datetime) -> datetime:
        # fold=0: a wall time inside a DST gap moves forward, an ambiguous one takes the first.
        return wall.replace(tzinfo=self.zone).astimezone(UTC)


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise InvalidInput(
            f"time {at.isoformat()} has no time zone; write it with an offset or Z "
            "(e.g. 2024-05-03T10:00:00+02:00)"
        )
    return at


def _wall(at: datetime, calendar: WorkCalendar) -> datetime:
    return calendar.local(at).replace(tzinfo=None)


def _next_midnight(wall: datetime) -> datetime:
    return datetime.combine(wall.date() + timedelta(days=1), time(0))


def working_clock(calendar: WorkCalendar) -> Callable[[datetime, timedelta], datetime]:
    """`add_working_time` bound to one calendar: the linter's timeliness rules take this, so
    "72 h after resolution" means the same working hours in the linter and the planner."""

    def add(start: datetime, duration: timedelta) -> datetime:
        return add_working_time(start, duration, calendar)

    return add


def add_working_time(start: datetime, duration: timedelta, calendar: WorkCalendar) -> datetime:
    """The instant `duration` after `start`, counting wall-clock time on working days only.

    A negative duration counts backwards. Non-working days (weekends, holidays) are skipped
    whole; time on working days is counted in the team's wall clock, so a DST change never
    shifts a deadline by an hour.

    Example:
        Friday 15:00 + 24 h = Monday 15:00 (Saturday and Sunday are skipped).
    """
    if duration < timedelta(0):
        return _subtract_working_time(start, -duration, calendar)
    cursor = _wall(start, calendar)
    remaining = duration
    for _ in range(_MAX_SEARCH_DAYS * 10):
        day_end = _next_midnight(cursor)
        if calendar.is_working_day(cursor.date()):
            available = day_end - cursor
            if remaining <= available:
                return calendar._to_utc(cursor + remaining)
            remaining -= available
        cursor = day_end
    raise InvalidInput(
        f"[meeting] no working day found within {_MAX_SEARCH_DAYS * 10} days; "
        "check workdays and holidays"
    )


def _subtract_working_time(end: datetime, duration: timedelta, calendar: WorkCalendar) -> datetime:
    cursor = _wall(end, calendar)
    remaining = duration
    for _ in range(_MAX_SEARCH_DAYS * 10):
        day = cursor.date() - timedelta(days=1) if cursor.time() == time(0) else cursor.date()
        day_start = datetime.combine(day, time(0))
        if calendar.is_working_day(day):
            available = cursor - day_start
            if remaining <= available:
                return calendar._to_utc(cursor - remaining)
            remaining -= available
        cursor = day_start
    raise InvalidInput(
        f"[meeting] no working day found within {_MAX_SEARCH_DAYS * 10} days; "
        "check workdays and holidays"
    )


def add_working_days(start: datetime, days: int, calendar: WorkCalendar) -> datetime:
    """`days` calendar days later at the same wall time, moved to the next working day."""
    wall = _wall(start, calendar) + timedelta(days=days)
    for _ in range(_MAX_SEARCH_DAYS):
        if calendar.is_working_day(wall.date()):
            return calendar._to_utc(wall)
        wall += timedelta(days=1)
    raise InvalidInput(f"[meeting] no working day found within {_MAX_SEARCH_DAYS} days")


def fits_working_hours(start: datetime, minutes: int, calendar: WorkCalendar) -> bool:
    """True when a meeting starting at `start` lies inside one day's working hours."""
    window = calendar.working_hours(calendar.local(start).date())
    if window is None:
        return False
    end = _aware(start) + timedelta(minutes=minutes)
    return window[0] <= start and end <= window[1]


def _round_up(wall: datetime, step_minutes: int) -> datetime:
    wall = wall.replace(second=0, microsecond=0) + (
        timedelta(minutes=1) if wall.second or wall.microsecond else timedelta(0)
    )
    extra = (wall.hour * 60 + wall.minute) % step_minutes
    return wall if extra == 0 else wall + timedelta(minutes=step_minutes - extra)


def next_slot(
    after: datetime, minutes: int, calendar: WorkCalendar, *, step_minutes: int = 15
) -> datetime:
    """The earliest start at or after `after`, on a `step_minutes` grid, that fits working hours."""
    wall = _round_up(_wall(after, calendar), step_minutes)
    for _ in range(_MAX_SEARCH_DAYS):
        day = wall.date()
        if calendar.is_working_day(day):
            start = max(wall, _round_up(datetime.combine(day, calendar.day_start), step_minutes))
            if start + timedelta(minutes=minutes) <= datetime.combine(day, calendar.day_end):
                return calendar._to_utc(start)
        wall = datetime.combine(day + timedelta(days=1), time(0))
    raise InvalidInput(
        f"[meeting] no {minutes}-minute slot fits the working hours "
        f"({calendar.day_start:%H:%M}-{calendar.day_end:%H:%M}); widen them or shorten the meeting"
    )


def previous_slot(
    before: datetime, minutes: int, calendar: WorkCalendar, *, step_minutes: int = 15
) -> datetime | None:
    """The latest start on the grid whose meeting ends by `before` inside working hours."""
    wall = _wall(before, calendar) - timedelta(minutes=minutes)
    wall = wall.replace(second=0, microsecond=0)
    wall -= timedelta(minutes=(wall.hour * 60 + wall.minute) % step_minutes)
    for _ in range(_MAX_SEARCH_DAYS):
        day = wall.date()
        if calendar.is_working_day(day):
            latest = datetime.combine(day, calendar.day_end) - timedelta(minutes=minutes)
            start = min(wall, latest)
            start -= timedelta(minutes=(start.hour * 60 + start.minute) % step_minutes)
            if start >= datetime.combine(day, calendar.day_start) and start.date() == day:
                return calendar._to_utc(start)
        wall = datetime.combine(day - timedelta(days=1), time(23, 59))
    return None


class MeetingWindow(BaseModel):
    """When the review meeting should happen, counted from resolution on working days."""

    model_config = ConfigDict(frozen=True)

    earliest: datetime
    target: datetime
    latest: datetime


def meeting_window(
    resolved: datetime, policy: SeverityPolicy, calendar: WorkCalendar
) -> MeetingWindow:
    """Earliest, target and latest meeting times after resolution (24/48/72 h by default)."""
    deadlines = policy.deadlines
    return MeetingWindow(
        earliest=add_working_time(
            resolved, timedelta(hours=deadlines.meeting_earliest_hours), calendar
        ),
        target=add_working_time(
            resolved, timedelta(hours=deadlines.meeting_target_hours), calendar
        ),
        latest=add_working_time(
            resolved, timedelta(hours=deadlines.meeting_latest_hours), calendar
        ),
    )


def suggest_slot(
    window: MeetingWindow,
    minutes: int,
    calendar: WorkCalendar,
    *,
    not_before: datetime | None = None,
) -> datetime:
    """A start inside working hours as close to the target as the window allows.

    Tries the first fitting slot from the target on; when that falls after the latest time,
    takes the last fitting slot before it that is still after the earliest time.
    """
    target = window.target if not_before is None else max(window.target, not_before)
    forward = next_slot(target, minutes, calendar)
    if forward + timedelta(minutes=minutes) <= window.latest or not_before is not None:
        return forward
    backward = previous_slot(window.latest, minutes, calendar)
    if backward is not None and backward >= window.earliest:
        return backward
    return forward


class DeadlineKind(StrEnum):
    """The review steps that have a due time."""

    MEETING = "meeting"
    PREREAD = "pre-read"
    DOCUMENT = "document complete"
    PUBLISH = "publish"
    FOLLOW_UP = "follow-up review"


class DeadlineState(StrEnum):
    """Where a deadline stands now."""

    ON_TRACK = "on track"
    AT_RISK = "at risk"
    LATE = "late"
    DONE = "done"


class Deadline(BaseModel):
    """One review step, when it is due and how it stands."""

    model_config = ConfigDict(frozen=True)

    kind: DeadlineKind
    due: datetime
    state: DeadlineState
    note: str = ""


class ReviewStatus(BaseModel):
    """The review deadlines of one postmortem and the worst state among them."""

    model_config = ConfigDict(frozen=True)

    incident_id: str
    title: str
    review: ReviewKind
    deadlines: tuple[Deadline, ...] = ()
    note: str = ""

    @property
    def attention(self) -> tuple[Deadline, ...]:
        """Deadlines that are at risk or late."""
        return tuple(
            d for d in self.deadlines if d.state in (DeadlineState.AT_RISK, DeadlineState.LATE)
        )

    @property
    def worst(self) -> DeadlineState | None:
        """LATE over AT_RISK over ON_TRACK over DONE; None without deadlines."""
        order = (
            DeadlineState.LATE,
            DeadlineState.AT_RISK,
            DeadlineState.ON_TRACK,
            DeadlineState.DONE,
        )
        states = {d.state for d in self.deadlines}
        return next((state for state in order if state in states), None)


def _state(
    due: datetime,
    *,
    done: bool,
    now: datetime,
    at_risk: timedelta,
    calendar: WorkCalendar,
) -> DeadlineState:
    if done:
        return DeadlineState.DONE
    if now > due:
        return DeadlineState.LATE
    if now >= add_working_time(due, -at_risk, calendar):
        return DeadlineState.AT_RISK
    return DeadlineState.ON_TRACK


def review_status(
    postmortem: Postmortem,
    *,
    policy: SeverityPolicy,
    calendar: WorkCalendar,
    now: datetime,
    at_risk_hours: int = 24,
) -> ReviewStatus:
    """Compute every deadline of a postmortem's review and its state at `now`.

    The meeting must be held by the latest time of its window; the pre-read is due 24 h
    before the meeting, the document at the meeting, publication 48 h after it and the
    follow-up review 30 days after publication. Until a meeting is booked, the latest time of
    the window stands in for it. A pre-read counts as sent once the postmortem is in review.
    """
    incident = postmortem.incident
    requirements = policy.requirements_for(incident)
    resolved = incident.times.resolved
    base = ReviewStatus(incident_id=incident.id, title=incident.title, review=requirements.review)
    if resolved is None:
        return base.model_copy(update={"note": "not resolved yet; deadlines start at resolution"})
    now = _aware(now)
    at_risk = timedelta(hours=at_risk_hours)
    deadlines_cfg = policy.deadlines
    window = meeting_window(resolved, policy, calendar)

    def state(due: datetime, done: bool) -> DeadlineState:
        return _state(due, done=done, now=now, at_risk=at_risk, calendar=calendar)

    result: list[Deadline] = []
    meeting_at = postmortem.meeting_at
    if requirements.meeting_required:
        if meeting_at is None:
            result.append(
                Deadline(
                    kind=DeadlineKind.MEETING,
                    due=window.latest,
                    state=state(window.latest, False),
                    note="no meeting booked yet",
                )
            )
        elif meeting_at <= now:
            note = "held after the window closed" if meeting_at > window.latest else "held"
            result.append(
                Deadline(
                    kind=DeadlineKind.MEETING,
                    due=window.latest,
                    state=DeadlineState.DONE,
                    note=note,
                )
            )
        else:
            late_booking = meeting_at > window.latest
            result.append(
                Deadline(
                    kind=DeadlineKind.MEETING,
                    due=window.latest,
                    state=DeadlineState.AT_RISK if late_booking else DeadlineState.ON_TRACK,
                    note=(
                        "booked after the window closes; move it earlier"
                        if late_booking
                        else "booked"
                    ),
                )
            )
        anchor = meeting_at or window.latest
    else:
        anchor = window.latest
    if requirements.meeting_required and ReviewArtifact.PREREAD in requirements.artifacts:
        preread_due = add_working_time(
            anchor, -timedelta(hours=deadlines_cfg.preread_before_meeting_hours), calendar
        )
        preread_sent = postmortem.status is not PostmortemStatus.DRAFT
        result.append(
            Deadline(
                kind=DeadlineKind.PREREAD,
                due=preread_due,
                state=state(preread_due, preread_sent),
                note="" if preread_sent else "the postmortem is still a draft",
            )
        )
    missing = missing_sections(postmortem, requirements)
    result.append(
        Deadline(
            kind=DeadlineKind.DOCUMENT,
            due=anchor,
            state=state(anchor, not missing),
            note=f"missing: {', '.join(missing)}" if missing else "",
        )
    )
    publish_due = add_working_time(
        anchor, timedelta(hours=deadlines_cfg.publish_within_hours_after_meeting), calendar
    )
    if ReviewArtifact.REPORT in requirements.artifacts:
        result.append(
            Deadline(
                kind=DeadlineKind.PUBLISH,
                due=publish_due,
                state=state(publish_due, postmortem.published_at is not None),
            )
        )
    if ReviewArtifact.FOLLOW_UP_REVIEW in requirements.artifacts:
        result.append(_follow_up(postmortem, publish_due, policy, calendar, state))
    return base.model_copy(update={"deadlines": tuple(result)})


def _follow_up(
    postmortem: Postmortem,
    publish_due: datetime,
    policy: SeverityPolicy,
    calendar: WorkCalendar,
    state: Callable[[datetime, bool], DeadlineState],
) -> Deadline:
    """30 days after publication (or after the publish due time); done once items are closed."""
    due = add_working_days(
        postmortem.published_at or publish_due, policy.deadlines.followup_review_days, calendar
    )
    items = postmortem.action_items
    open_count = sum(
        1 for item in items if item.status not in (ActionStatus.DONE, ActionStatus.WONT_DO)
    )
    closed = bool(items) and open_count == 0
    return Deadline(
        kind=DeadlineKind.FOLLOW_UP,
        due=due,
        state=state(due, closed),
        note=f"{open_count} action item(s) open" if open_count else "",
    )


class SkippedReview(BaseModel):
    """An incident whose class needs a review meeting, and the review did not happen."""

    model_config = ConfigDict(frozen=True)

    incident: Incident
    window_closed: datetime
    reason: str


def skipped_reviews(
    incidents: Iterable[Incident],
    postmortems: Iterable[Postmortem],
    *,
    policy: SeverityPolicy,
    calendar: WorkCalendar,
    now: datetime,
) -> tuple[SkippedReview, ...]:
    """Incidents whose class needs a review meeting that did not happen in time.

    An incident counts as skipped once its meeting window has closed (72 working hours after
    resolution by default) and its postmortem is missing, is still the empty template
    (prompts in HTML comments do not count), or has no meeting held or booked. Before the
    window closes the review is merely at risk, which `review_status` reports. When no
    resolution time is recorded, the window counts from the latest time that is (mitigated,
    acknowledged, detected, started): a scaffold left untouched still shows up.
    """
    now = _aware(now)
    by_id = {pm.id: pm for pm in postmortems}
    result: list[SkippedReview] = []
    for incident in incidents:
        times = incident.times
        known = [
            t for t in (times.mitigated, times.acknowledged, times.detected, times.started) if t
        ]
        anchor = times.resolved or (max(known) if known else None)
        if anchor is None or not policy.requirements_for(incident).meeting_required:
            continue
        closed = meeting_window(anchor, policy, calendar).latest
        if now <= closed:
            continue
        pm = by_id.get(incident.id)
        written = pm is not None and has_content(pm)
        met = pm is not None and pm.meeting_at is not None
        if written and met:
            continue
        if pm is None:
            reasons = ["no postmortem"]
        else:
            reasons = [
                *([] if written else ["nothing written"]),
                *([] if met else ["no meeting held or booked"]),
            ]
        if times.resolved is None:
            reasons.append("no resolution time recorded")
        result.append(
            SkippedReview(incident=incident, window_closed=closed, reason="; ".join(reasons))
        )
    return tuple(result)


def parse_weekdays(names: Iterable[str]) -> tuple[int, ...]:
    """'mon'..'sun' (any case, full names too) to weekday numbers."""
    days: list[int] = []
    for name in names:
        key = str(name).strip().lower()[:3]
        if key not in WEEKDAY_NAMES:
            raise ValueError(f"{name!r} is not a weekday; use mon, tue, wed, thu, fri, sat, sun")
        days.append(WEEKDAY_NAMES.index(key))
    return tuple(days)
