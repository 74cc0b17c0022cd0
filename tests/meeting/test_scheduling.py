from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from blamefree.domain.action_item import ActionItem, ActionStatus
from blamefree.domain.incident import IncidentTimes
from blamefree.domain.meeting import DEFAULT_POLICY, ReviewArtifact, ReviewKind
from blamefree.domain.postmortem import PostmortemStatus
from blamefree.meeting.scheduling import (
    DeadlineKind,
    DeadlineState,
    WorkCalendar,
    add_working_days,
    add_working_time,
    fits_working_hours,
    meeting_window,
    next_slot,
    parse_weekdays,
    previous_slot,
    review_status,
    skipped_reviews,
    suggest_slot,
)

from ._builders import make_incident, make_postmortem

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
CAL_BERLIN = WorkCalendar(timezone="Europe/Berlin")
H = timedelta(hours=1)


def local(tz: ZoneInfo, year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=tz)


def test_friday_plus_24h_is_monday_same_wall_time_across_spring_dst() -> None:
    # Berlin switches to summer time on Sunday 2026-03-29.
    start = local(BERLIN, 2026, 3, 27, 15, 0)
    result = add_working_time(start, 24 * H, CAL_BERLIN)
    assert result == datetime(2026, 3, 30, 13, 0, tzinfo=UTC)
    assert result.astimezone(BERLIN) == local(BERLIN, 2026, 3, 30, 15, 0)
    assert result - start == timedelta(hours=71)  # wall clock kept; one real hour less


def test_friday_plus_24h_across_autumn_dst_in_new_york() -> None:
    # New York leaves summer time on Sunday 2026-11-01.
    cal = WorkCalendar(timezone="America/New_York")
    start = local(NEW_YORK, 2026, 10, 30, 10, 0)
    result = add_working_time(start, 24 * H, cal)
    assert result == datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
    assert result - start == timedelta(hours=73)


def test_dst_change_on_a_working_day_keeps_wall_clock() -> None:
    # Jerusalem leaves summer time on Sunday 2026-10-25, a working day there (Sun-Thu).
    tz = ZoneInfo("Asia/Jerusalem")
    cal = WorkCalendar(
        timezone="Asia/Jerusalem", workdays=parse_weekdays(["sun", "mon", "tue", "wed", "thu"])
    )
    start = local(tz, 2026, 10, 22, 15, 0)  # Thursday
    result = add_working_time(start, 24 * H, cal)
    assert result.astimezone(tz).replace(tzinfo=None) == datetime(2026, 10, 25, 15, 0)
    assert result == datetime(2026, 10, 25, 13, 0, tzinfo=UTC)


def test_weekend_and_holiday_are_skipped() -> None:
    cal = WorkCalendar(timezone="Europe/Berlin", holidays=(date(2026, 5, 25),))  # Whit Monday
    start = local(BERLIN, 2026, 5, 22, 11, 0)  # Friday
    result = add_working_time(start, 48 * H, cal)
    assert result.astimezone(BERLIN) == local(BERLIN, 2026, 5, 27, 11, 0)  # Wednesday


def test_start_on_a_weekend_counts_from_next_working_day() -> None:
    start = local(BERLIN, 2026, 5, 9, 20, 0)  # Saturday
    result = add_working_time(start, 24 * H, CAL_BERLIN)
    assert result.astimezone(BERLIN) == local(BERLIN, 2026, 5, 12, 0, 0)


def test_zero_duration_returns_same_instant() -> None:
    start = datetime(2026, 5, 5, 10, 0, tzinfo=UTC)
    assert add_working_time(start, timedelta(0), CAL_BERLIN) == start


def test_subtracting_working_time_skips_weekend_and_undoes_adding() -> None:
    monday = local(BERLIN, 2026, 3, 30, 10, 0)
    before = add_working_time(monday, -24 * H, CAL_BERLIN)
    assert before.astimezone(BERLIN) == local(BERLIN, 2026, 3, 27, 10, 0)
    assert add_working_time(before, 24 * H, CAL_BERLIN) == monday.astimezone(UTC)


def test_same_instant_gives_different_deadlines_in_different_zones() -> None:
    resolved = datetime(2026, 5, 8, 22, 30, tzinfo=UTC)  # Sat 07:30 Tokyo, Fri 23:30 London
    tokyo = add_working_time(resolved, 24 * H, WorkCalendar(timezone="Asia/Tokyo"))
    london = add_working_time(resolved, 24 * H, WorkCalendar(timezone="Europe/London"))
    assert tokyo == datetime(2026, 5, 11, 15, 0, tzinfo=UTC)  # Tue 00:00 Tokyo
    assert london == datetime(2026, 5, 11, 22, 30, tzinfo=UTC)  # Mon 23:30 London (BST)


def test_naive_datetime_is_refused_with_a_hint() -> None:
    with pytest.raises(Exception, match="has no time zone"):
        add_working_time(datetime(2026, 5, 5, 10, 0), H, CAL_BERLIN)


def test_add_working_days_moves_off_weekend() -> None:
    start = local(BERLIN, 2026, 5, 5, 10, 0)  # Tuesday
    result = add_working_days(start, 30, CAL_BERLIN)  # Thursday 2026-06-04
    assert result.astimezone(BERLIN) == local(BERLIN, 2026, 6, 4, 10, 0)
    saturday = add_working_days(start, 4, CAL_BERLIN)
    assert saturday.astimezone(BERLIN) == local(BERLIN, 2026, 5, 11, 10, 0)


def test_next_slot_rounds_up_and_moves_to_next_working_morning() -> None:
    assert next_slot(local(BERLIN, 2026, 5, 5, 10, 7), 60, CAL_BERLIN).astimezone(BERLIN) == local(
        BERLIN, 2026, 5, 5, 10, 15
    )
    late = next_slot(local(BERLIN, 2026, 5, 8, 16, 30), 60, CAL_BERLIN)  # Friday afternoon
    assert late.astimezone(BERLIN) == local(BERLIN, 2026, 5, 11, 9, 0)


def test_previous_slot_ends_before_the_limit() -> None:
    slot = previous_slot(local(BERLIN, 2026, 5, 11, 8, 0), 60, CAL_BERLIN)  # Monday early
    assert slot is not None
    assert slot.astimezone(BERLIN) == local(BERLIN, 2026, 5, 8, 16, 0)


def test_fits_working_hours() -> None:
    assert fits_working_hours(local(BERLIN, 2026, 5, 5, 16, 0), 60, CAL_BERLIN)
    assert not fits_working_hours(local(BERLIN, 2026, 5, 5, 16, 15), 60, CAL_BERLIN)
    assert not fits_working_hours(local(BERLIN, 2026, 5, 9, 10, 0), 60, CAL_BERLIN)


def test_meeting_window_and_suggested_slot() -> None:
    resolved = local(BERLIN, 2026, 5, 8, 18, 30)  # Friday evening
    window = meeting_window(resolved, DEFAULT_POLICY, CAL_BERLIN)
    assert window.earliest.astimezone(BERLIN) == local(BERLIN, 2026, 5, 11, 18, 30)
    assert window.target.astimezone(BERLIN) == local(BERLIN, 2026, 5, 12, 18, 30)
    assert window.latest.astimezone(BERLIN) == local(BERLIN, 2026, 5, 13, 18, 30)
    slot = suggest_slot(window, 75, CAL_BERLIN)
    assert slot.astimezone(BERLIN) == local(BERLIN, 2026, 5, 13, 9, 0)


def test_holiday_inside_the_window_pushes_it_back_a_day() -> None:
    cal = WorkCalendar(timezone="Europe/Berlin", holidays=(date(2026, 5, 12),))
    window = meeting_window(local(BERLIN, 2026, 5, 7, 18, 30), DEFAULT_POLICY, cal)  # Thursday
    assert window.target.astimezone(BERLIN) == local(BERLIN, 2026, 5, 11, 18, 30)  # Monday
    assert window.latest.astimezone(BERLIN) == local(BERLIN, 2026, 5, 13, 18, 30)  # Wednesday
    slot = suggest_slot(window, 75, cal)  # after hours Monday, Tuesday is a holiday
    assert slot.astimezone(BERLIN) == local(BERLIN, 2026, 5, 13, 9, 0)


def test_suggested_slot_falls_back_before_target_when_forward_is_too_late() -> None:
    short_day = WorkCalendar(timezone="Europe/Berlin", day_start=time(9), day_end=time(12))
    window = meeting_window(local(BERLIN, 2026, 5, 5, 11, 0), DEFAULT_POLICY, short_day)
    # Target Thu 11:00 leaves no room for 150 min; Fri 09:00-11:30 ends after the latest
    # time (Fri 11:00), so the planner takes the last fitting slot before it.
    slot = suggest_slot(window, 150, short_day)
    assert slot.astimezone(BERLIN) == local(BERLIN, 2026, 5, 7, 9, 30)


def test_calendar_rejects_unknown_zone_and_backwards_hours() -> None:
    with pytest.raises(ValidationError, match="not an IANA zone"):
        WorkCalendar(timezone="Mars/Olympus")
    with pytest.raises(ValidationError, match="end"):
        WorkCalendar(day_start=time(17), day_end=time(9))
    with pytest.raises(ValueError, match="not a weekday"):
        parse_weekdays(["funday"])


# --- deadline states --------------------------------------------------------------------

RESOLVED_TUE = datetime(2026, 5, 5, 14, 0, tzinfo=UTC)  # Tuesday, UTC calendar


def states(now: datetime, **overrides: object) -> dict[DeadlineKind, DeadlineState]:
    pm = make_postmortem(**overrides)
    status = review_status(pm, policy=DEFAULT_POLICY, calendar=WorkCalendar(), now=now)
    return {d.kind: d.state for d in status.deadlines}


def test_fresh_full_review_is_on_track() -> None:
    result = states(RESOLVED_TUE + 2 * H)
    assert result == {
        DeadlineKind.MEETING: DeadlineState.ON_TRACK,
        DeadlineKind.PREREAD: DeadlineState.ON_TRACK,
        DeadlineKind.DOCUMENT: DeadlineState.ON_TRACK,
        DeadlineKind.PUBLISH: DeadlineState.ON_TRACK,
        DeadlineKind.FOLLOW_UP: DeadlineState.ON_TRACK,
    }


def test_unbooked_meeting_is_at_risk_after_target_and_late_after_latest() -> None:
    at_target = states(datetime(2026, 5, 7, 14, 0, tzinfo=UTC))
    assert at_target[DeadlineKind.MEETING] is DeadlineState.AT_RISK
    assert at_target[DeadlineKind.PREREAD] is DeadlineState.AT_RISK  # due now: Thu 14:00
    after_due = states(datetime(2026, 5, 7, 14, 1, tzinfo=UTC))
    assert after_due[DeadlineKind.PREREAD] is DeadlineState.LATE
    assert after_due[DeadlineKind.MEETING] is DeadlineState.AT_RISK
    late = states(datetime(2026, 5, 8, 14, 1, tzinfo=UTC))
    assert late[DeadlineKind.MEETING] is DeadlineState.LATE
    assert late[DeadlineKind.DOCUMENT] is DeadlineState.LATE


def test_held_meeting_in_review_and_published_is_done() -> None:
    now = datetime(2026, 5, 12, 9, 0, tzinfo=UTC)
    result = states(
        now,
        meeting_at=datetime(2026, 5, 7, 10, 0, tzinfo=UTC),
        published_at=datetime(2026, 5, 8, 10, 0, tzinfo=UTC),
        status=PostmortemStatus.PUBLISHED,
        summary="s",
        impact="i",
        timeline=(),
    )
    assert result[DeadlineKind.MEETING] is DeadlineState.DONE
    assert result[DeadlineKind.PREREAD] is DeadlineState.DONE
    assert result[DeadlineKind.PUBLISH] is DeadlineState.DONE
    assert result[DeadlineKind.DOCUMENT] is DeadlineState.LATE  # sections still missing
    assert result[DeadlineKind.FOLLOW_UP] is DeadlineState.ON_TRACK


def test_meeting_booked_after_window_is_at_risk() -> None:
    pm = make_postmortem(meeting_at=datetime(2026, 5, 12, 10, 0, tzinfo=UTC))
    status = review_status(pm, policy=DEFAULT_POLICY, calendar=WorkCalendar(), now=RESOLVED_TUE + H)
    meeting = status.deadlines[0]
    assert (meeting.kind, meeting.state) == (DeadlineKind.MEETING, DeadlineState.AT_RISK)
    assert "after the window" in meeting.note
    assert status.worst is DeadlineState.AT_RISK


def test_lightweight_review_has_no_meeting_or_preread_deadline() -> None:
    pm = make_postmortem(incident=make_incident(severity="SEV3"))
    status = review_status(pm, policy=DEFAULT_POLICY, calendar=WorkCalendar(), now=RESOLVED_TUE)
    assert status.review is ReviewKind.LIGHTWEIGHT
    assert [d.kind for d in status.deadlines] == [
        DeadlineKind.DOCUMENT,
        DeadlineKind.PUBLISH,
        DeadlineKind.FOLLOW_UP,
    ]


def test_follow_up_done_when_every_action_item_is_closed() -> None:
    items = (
        ActionItem(description="Add a canary", status=ActionStatus.DONE),
        ActionItem(description="Alert on queue depth", status=ActionStatus.WONT_DO, rationale="r"),
    )
    result = states(RESOLVED_TUE + H, action_items=items)
    assert result[DeadlineKind.FOLLOW_UP] is DeadlineState.DONE


def test_unresolved_incident_has_no_deadlines() -> None:
    pm = make_postmortem(incident=make_incident(times=IncidentTimes()))
    status = review_status(pm, policy=DEFAULT_POLICY, calendar=WorkCalendar(), now=RESOLVED_TUE)
    assert status.deadlines == ()
    assert status.worst is None
    assert "not resolved" in status.note


def test_skipped_reviews_lists_incidents_that_need_one_and_have_none() -> None:
    sev1 = make_incident(id="INC-1")
    sev3 = make_incident(id="INC-3", severity="SEV3")
    repeat = make_incident(id="INC-4", severity="SEV3", repeat_of=("INC-3",))
    written = make_incident(id="INC-5")
    prompted = make_incident(id="INC-6")
    held = make_incident(id="INC-7")
    no_times = make_incident(id="INC-8", times=IncidentTimes())
    unresolved = make_incident(id="INC-9", times=IncidentTimes(started=RESOLVED_TUE))
    met = datetime(2026, 5, 7, 10, 0, tzinfo=UTC)
    pms = [
        make_postmortem(incident=sev1),
        make_postmortem(incident=written, summary="done"),
        make_postmortem(incident=prompted, summary="<!-- Two or three sentences -->"),
        make_postmortem(incident=held, summary="done", meeting_at=met),
        make_postmortem(incident=no_times),
        make_postmortem(incident=unresolved),
    ]
    incidents = [sev1, sev3, repeat, written, prompted, held, no_times, unresolved]
    # The window closes Friday 2026-05-08 14:00 UTC (72 working hours after Tuesday 14:00).
    before = skipped_reviews(
        incidents, pms, policy=DEFAULT_POLICY, calendar=WorkCalendar(), now=RESOLVED_TUE + 72 * H
    )
    assert before == ()
    after = skipped_reviews(
        incidents,
        pms,
        policy=DEFAULT_POLICY,
        calendar=WorkCalendar(),
        now=RESOLVED_TUE + 72 * H + timedelta(minutes=1),
    )
    assert [(s.incident.id, s.reason) for s in after] == [
        ("INC-1", "nothing written; no meeting held or booked"),
        ("INC-4", "no postmortem"),
        ("INC-5", "no meeting held or booked"),
        ("INC-6", "nothing written; no meeting held or booked"),
        ("INC-9", "nothing written; no meeting held or booked; no resolution time recorded"),
    ]
    assert after[0].window_closed == datetime(2026, 5, 8, 14, 0, tzinfo=UTC)


def test_skipped_window_counts_working_days_in_the_team_zone() -> None:
    # Resolved Friday 2026-10-23 16:00 in Berlin; Monday 26 is a holiday; clocks go back
    # on Sunday 25. 72 working hours: Fri 8 h + Tue 24 + Wed 24 + Thu 16 -> Thu 16:00 CET.
    resolved = datetime(2026, 10, 23, 14, 0, tzinfo=UTC)
    incident = make_incident(times=IncidentTimes(started=resolved - H, resolved=resolved))
    cal = WorkCalendar(timezone="Europe/Berlin", holidays=(date(2026, 10, 26),))
    closes = datetime(2026, 10, 29, 15, 0, tzinfo=UTC)
    kwargs = {"policy": DEFAULT_POLICY, "calendar": cal}
    assert skipped_reviews([incident], [], now=closes, **kwargs) == ()
    (skipped,) = skipped_reviews([incident], [], now=closes + timedelta(seconds=1), **kwargs)
    assert skipped.window_closed == closes
    assert skipped.reason == "no postmortem"


def test_artifacts_decide_which_deadlines_a_class_has() -> None:
    only_report = DEFAULT_POLICY.near_miss.model_copy(
        update={"artifacts": (ReviewArtifact.REPORT,)}
    )
    policy = DEFAULT_POLICY.model_copy(update={"near_miss": only_report})
    pm = make_postmortem(incident=make_incident(near_miss=True))
    status = review_status(pm, policy=policy, calendar=WorkCalendar(), now=RESOLVED_TUE)
    assert status.review is ReviewKind.NEAR_MISS
    assert [d.kind for d in status.deadlines] == [
        DeadlineKind.MEETING,
        DeadlineKind.DOCUMENT,
        DeadlineKind.PUBLISH,
    ]
    default = review_status(pm, policy=DEFAULT_POLICY, calendar=WorkCalendar(), now=RESOLVED_TUE)
    assert [d.kind for d in default.deadlines] == [
        DeadlineKind.MEETING,
        DeadlineKind.PREREAD,
        DeadlineKind.DOCUMENT,
        DeadlineKind.PUBLISH,
        DeadlineKind.FOLLOW_UP,
    ]


def test_meeting_window_across_the_end_of_summer_time_in_berlin() -> None:
    # Resolved Friday 2026-10-23 15:00 CEST; clocks go back on Sunday 25 (CEST -> CET).
    resolved = local(BERLIN, 2026, 10, 23, 15, 0)
    window = meeting_window(resolved, DEFAULT_POLICY, CAL_BERLIN)
    assert window.earliest == datetime(2026, 10, 26, 14, 0, tzinfo=UTC)  # Mon 15:00 CET
    assert window.target == datetime(2026, 10, 27, 14, 0, tzinfo=UTC)  # Tue 15:00 CET
    assert window.latest == datetime(2026, 10, 28, 14, 0, tzinfo=UTC)  # Wed 15:00 CET
    slot = suggest_slot(window, 75, CAL_BERLIN)
    assert slot.astimezone(BERLIN) == local(BERLIN, 2026, 10, 27, 15, 0)
    assert slot == datetime(2026, 10, 27, 14, 0, tzinfo=UTC)


def test_meeting_window_across_the_start_of_summer_time_in_new_york() -> None:
    # Resolved Friday 2026-03-06 16:30 EST; clocks go forward on Sunday 8 (EST -> EDT).
    cal = WorkCalendar(timezone="America/New_York")
    window = meeting_window(local(NEW_YORK, 2026, 3, 6, 16, 30), DEFAULT_POLICY, cal)
    assert window.target == datetime(2026, 3, 10, 20, 30, tzinfo=UTC)  # Tue 16:30 EDT
    assert window.latest == datetime(2026, 3, 11, 20, 30, tzinfo=UTC)  # Wed 16:30 EDT
    # A 75-minute meeting no longer fits on Tuesday afternoon: Wednesday 09:00 EDT.
    assert suggest_slot(window, 75, cal) == datetime(2026, 3, 11, 13, 0, tzinfo=UTC)


def test_preread_due_is_24_working_hours_before_a_meeting_after_the_weekend() -> None:
    pm = make_postmortem(
        incident=make_incident(
            times=IncidentTimes(
                started=datetime(2026, 3, 26, 8, 0, tzinfo=UTC),
                resolved=datetime(2026, 3, 26, 9, 0, tzinfo=UTC),  # Thursday
            )
        ),
        meeting_at=local(BERLIN, 2026, 3, 30, 10, 0),  # Monday after the spring change
    )
    status = review_status(
        pm, policy=DEFAULT_POLICY, calendar=CAL_BERLIN, now=datetime(2026, 3, 27, 8, tzinfo=UTC)
    )
    due = {d.kind: d for d in status.deadlines}
    assert due[DeadlineKind.PREREAD].due.astimezone(BERLIN) == local(BERLIN, 2026, 3, 27, 10, 0)
    assert due[DeadlineKind.PREREAD].state is DeadlineState.AT_RISK
    assert due[DeadlineKind.DOCUMENT].due == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    # Published within 48 working hours of the meeting: Wednesday 10:00 CEST.
    assert due[DeadlineKind.PUBLISH].due == datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
    # Follow-up 30 days after that: Friday 2026-05-01 is a weekday, kept at 10:00 CEST.
    assert due[DeadlineKind.FOLLOW_UP].due == datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
