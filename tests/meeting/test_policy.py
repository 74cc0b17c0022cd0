from __future__ import annotations

import tomllib
from datetime import date, time

import pytest

from blamefree.domain.errors import InvalidInput
from blamefree.domain.incident import Severity
from blamefree.domain.meeting import (
    DEFAULT_POLICY,
    FULL_REVIEW,
    LIGHTWEIGHT_REVIEW,
    NEAR_MISS_REVIEW,
    PublishScope,
    ReviewArtifact,
    ReviewKind,
)
from blamefree.meeting.policy import load_meeting_settings, load_policy

from ._builders import make_incident


@pytest.mark.parametrize(
    ("severity", "near_miss", "repeat_of", "review", "meeting", "scope", "minutes"),
    [
        ("SEV0", False, (), ReviewKind.FULL, True, PublishScope.ORGANIZATION, 75),
        ("SEV1", False, (), ReviewKind.FULL, True, PublishScope.ORGANIZATION, 75),
        ("SEV2", False, (), ReviewKind.LIGHTWEIGHT, False, PublishScope.TEAM, 30),
        ("SEV3", False, (), ReviewKind.LIGHTWEIGHT, False, PublishScope.TEAM, 30),
        ("SEV2", False, ("INC-1",), ReviewKind.FULL, True, PublishScope.ORGANIZATION, 75),
        ("SEV3", False, ("INC-1",), ReviewKind.FULL, True, PublishScope.ORGANIZATION, 75),
        ("SEV1", False, ("INC-1",), ReviewKind.FULL, True, PublishScope.ORGANIZATION, 75),
        ("SEV3", True, (), ReviewKind.NEAR_MISS, True, PublishScope.TEAM, 30),
        ("SEV1", True, ("INC-1",), ReviewKind.NEAR_MISS, True, PublishScope.TEAM, 30),
    ],
)
def test_policy_table(
    severity: str,
    near_miss: bool,
    repeat_of: tuple[str, ...],
    review: ReviewKind,
    meeting: bool,
    scope: PublishScope,
    minutes: int,
) -> None:
    incident = make_incident(severity=severity, near_miss=near_miss, repeat_of=repeat_of)
    got = DEFAULT_POLICY.requirements_for(incident)
    assert (got.review, got.meeting_required, got.synchronous, got.publish_scope) == (
        review,
        meeting,
        meeting,
        scope,
    )
    assert got.meeting_minutes == minutes


def test_default_deadlines() -> None:
    d = DEFAULT_POLICY.deadlines
    assert (d.meeting_earliest_hours, d.meeting_target_hours, d.meeting_latest_hours) == (
        24,
        48,
        72,
    )
    assert (d.preread_before_meeting_hours, d.publish_within_hours_after_meeting) == (24, 48)
    assert d.followup_review_days == 30


def toml(text: str) -> dict[str, object]:
    return tomllib.loads(text)


def test_empty_config_gives_default_policy() -> None:
    assert load_policy({}) == DEFAULT_POLICY


def test_policy_presets_overrides_and_deadlines() -> None:
    policy = load_policy(
        toml(
            """
            [policy]
            customer_facing_tags = ["customers"]
            by_severity.P2 = "full"
            [policy.near_miss]
            review = "near-miss"
            meeting_minutes = 45
            [policy.deadlines]
            meeting_target_hours = 24
            """
        )
    )
    assert policy.by_severity[Severity.SEV2] == FULL_REVIEW
    assert policy.by_severity[Severity.SEV3] == LIGHTWEIGHT_REVIEW
    assert policy.near_miss == NEAR_MISS_REVIEW.model_copy(update={"meeting_minutes": 45})
    assert policy.deadlines.meeting_target_hours == 24
    assert policy.deadlines.meeting_latest_hours == 72
    assert policy.customer_facing_tags == ("customers",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[policy]\nseverity = 1", "[policy] severity: is not a known key"),
        ("[policy]\nby_severity.SEV9 = 'full'", "[policy.by_severity] SEV9: severity 'SEV9'"),
        ("[policy]\nby_severity.SEV2 = 'formal'", "[policy.by_severity.SEV2]: 'formal' is not one"),
        (
            "[policy.near_miss]\nmeeting_minutes = 30",
            "[policy.near_miss] review: is required",
        ),
        (
            "[policy.near_miss]\nreview = 'near-miss'\nmeeting_minutes = 5",
            "[policy.near_miss] meeting_minutes: Input should be greater than or equal to 15 "
            "(got 5)",
        ),
        (
            "[policy.near_miss]\nreview = 'near-miss'\nminutes = 5",
            "[policy.near_miss] minutes: is not a known key",
        ),
        (
            "[policy.deadlines]\nmeeting_target_hours = 'soon'",
            "[policy.deadlines] meeting_target_hours: Input should be a valid integer",
        ),
        ("[policy]\ncustomer_facing_tags = 'x'", "customer_facing_tags: must be a list of strings"),
        (
            "[policy.by_severity.SEV2]\nreview = 'lightweight'\nrequired_sections = ['Sumary']",
            "[policy.by_severity.SEV2] required_sections: 'Sumary' is not a section of the "
            "postmortem; use one of Summary, Impact,",
        ),
        (
            "[policy.repeat_review]\nreview = 'full'\nartifacts = ['slides']",
            "[policy.repeat_review] artifacts.0: Input should be 'pre-read', 'report' or "
            "'follow-up review' (got 'slides')",
        ),
        (
            "[policy.near_miss]\nreview = 'near-miss'\nmin_action_items = 6",
            "[policy.near_miss] min_action_items: 6 is more than max_action_items (5)",
        ),
        (
            "[policy.deadlines]\nmeeting_target_hours = 96",
            "[policy.deadlines] meeting_target_hours: 96 h is not between "
            "meeting_earliest_hours (24) and meeting_latest_hours (72)",
        ),
        (
            "[policy.deadlines]\nfollowup_review_days = -1",
            "[policy.deadlines] followup_review_days: -1 is negative",
        ),
    ],
)
def test_policy_errors_name_the_key(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        load_policy(toml(text))
    assert str(caught.value).startswith(".blamefree.toml ")
    assert message in str(caught.value)


def test_sections_and_artifacts_per_class_are_configurable() -> None:
    policy = load_policy(
        toml(
            """
            [policy.by_severity.SEV3]
            review = "lightweight"
            required_sections = ["summary", "Where  we got lucky", "Summary"]
            artifacts = ["report"]
            """
        )
    )
    sev3 = policy.requirements_for(make_incident(severity="SEV3"))
    assert sev3.required_sections == ("Summary", "Where we got lucky")
    assert sev3.artifacts == (ReviewArtifact.REPORT,)
    sev2 = policy.requirements_for(make_incident(severity="SEV2"))
    assert sev2.artifacts == (ReviewArtifact.REPORT, ReviewArtifact.FOLLOW_UP_REVIEW)


def test_default_artifacts_per_class() -> None:
    assert FULL_REVIEW.artifacts == (
        ReviewArtifact.PREREAD,
        ReviewArtifact.REPORT,
        ReviewArtifact.FOLLOW_UP_REVIEW,
    )
    assert NEAR_MISS_REVIEW.artifacts == FULL_REVIEW.artifacts
    assert LIGHTWEIGHT_REVIEW.artifacts == (ReviewArtifact.REPORT, ReviewArtifact.FOLLOW_UP_REVIEW)
    assert FULL_REVIEW.required_sections == (
        "Summary",
        "Impact",
        "Timeline",
        "Contributing factors",
        "What went well",
        "Where we got lucky",
        "Action items",
        "Lessons learned",
    )
    assert LIGHTWEIGHT_REVIEW.required_sections == (
        "Summary",
        "Impact",
        "Timeline",
        "Contributing factors",
        "Action items",
    )
    assert NEAR_MISS_REVIEW.required_sections == (
        "Summary",
        "Timeline",
        "Contributing factors",
        "Where we got lucky",
    )
    assert (FULL_REVIEW.min_action_items, FULL_REVIEW.max_action_items) == (3, 5)
    assert FULL_REVIEW.requires_prevent_item is True


def test_meeting_settings_from_toml() -> None:
    settings = load_meeting_settings(
        toml(
            """
            [meeting]
            timezone = "America/New_York"
            working_hours = "08:30-16:00"
            workdays = ["Mon", "tue", "wednesday", "thu"]
            holidays = [2026-07-03, "2026-11-26"]
            organizer = "Ana Ops <ana@example.com>"
            roster = ["Kim Lee <kim@example.com>", "Noor"]
            max_attendees = 6
            [meeting.service_owners]
            checkout = "Dana Diaz <dana@example.com>"
            """
        )
    )
    cal = settings.calendar
    assert (cal.timezone, cal.day_start, cal.day_end) == ("America/New_York", time(8, 30), time(16))
    assert cal.workdays == (0, 1, 2, 3)
    assert cal.holidays == (date(2026, 7, 3), date(2026, 11, 26))
    assert settings.organizer is not None
    assert (settings.organizer.name, settings.organizer.email) == ("Ana Ops", "ana@example.com")
    assert [(p.name, p.email) for p in settings.roster] == [
        ("Kim Lee", "kim@example.com"),
        ("Noor", None),
    ]
    assert settings.service_owners["checkout"].email == "dana@example.com"
    assert (settings.min_attendees, settings.max_attendees) == (4, 6)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[meeting]\ntimezone = 'Mars/Base'", "[meeting] timezone: time zone 'Mars/Base' is not"),
        ("[meeting]\nworking_hours = '9-5'", "[meeting] working_hours: '9-5' is not like"),
        ("[meeting]\nworking_hours = '17:00-09:00'", "[meeting] working_hours: working hours end"),
        ("[meeting]\nworkdays = ['funday']", "[meeting] workdays: 'funday' is not a weekday"),
        ("[meeting]\nholidays = ['Christmas']", "[meeting] holidays: 'Christmas' is not a date"),
        ("[meeting]\norganizer = 'Ana <not-an-email>'", "[meeting] organizer:"),
        ("[meeting]\nroom = 'B'", "[meeting] room: is not a known key"),
        ("[meeting]\nmax_attendees = 0", "[meeting] max_attendees: Input should be greater"),
        ("[meeting]\nmin_attendees = 9", "[meeting] min_attendees: 9 is more than max_attendees"),
    ],
)
def test_meeting_errors_name_the_key(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        load_meeting_settings(toml(text))
    assert message in str(caught.value)
