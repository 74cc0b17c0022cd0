"""Read the `[policy]` and `[meeting]` tables of `.blamefree.toml` into typed settings.

`[policy]` tunes the severity policy shared with the linter (which review each class gets,
what it requires, the deadlines); `[meeting]` describes the team's calendar and people.
Every error names the table and key, so a typo is found at once.

    [policy]
    customer_facing_tags = ["customer-impact"]
    by_severity.SEV2 = "full"            # a preset: full, lightweight or near-miss
    [policy.near_miss]
    review = "near-miss"
    meeting_minutes = 45                 # a preset with overrides
    required_sections = ["Summary", "Timeline", "Where we got lucky"]
    artifacts = ["report"]               # pre-read, report, follow-up review
    [policy.deadlines]
    meeting_target_hours = 24

    [meeting]
    timezone = "Europe/Berlin"
    working_hours = "09:00-17:00"
    workdays = ["mon", "tue", "wed", "thu", "fri"]
    holidays = [2026-12-24, 2026-12-25]
    organizer = "Ana Ops <ana@example.com>"
    roster = ["Kim Lee <kim@example.com>"]
    [meeting.service_owners]
    checkout = "Dana Diaz <dana@example.com>"
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, time

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from blamefree.domain.errors import InvalidInput
from blamefree.domain.incident import Severity
from blamefree.domain.meeting import (
    FULL_REVIEW,
    LIGHTWEIGHT_REVIEW,
    NEAR_MISS_REVIEW,
    Deadlines,
    ReviewRequirements,
    SeverityPolicy,
)
from blamefree.domain.people import Participant
from blamefree.domain.postmortem import SECTION_TITLES
from blamefree.meeting.people import parse_person
from blamefree.meeting.scheduling import WorkCalendar, parse_weekdays

PRESETS: Mapping[str, ReviewRequirements] = {
    "full": FULL_REVIEW,
    "lightweight": LIGHTWEIGHT_REVIEW,
    "near-miss": NEAR_MISS_REVIEW,
}
_FILE = ".blamefree.toml"


def _fail(table: str, key: str | None, reason: str) -> InvalidInput:
    where = f"{_FILE} [{table}]" + (f" {key}" if key else "")
    return InvalidInput(f"{where}: {reason}")


def _table(value: object, table: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise _fail(table, None, f"expected a table, got {type(value).__name__}")
    return value


def _check_keys(values: Mapping[str, object], allowed: set[str], table: str) -> None:
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise _fail(
            table,
            unknown[0],
            f"is not a known key; known keys are {', '.join(sorted(allowed))}",
        )


def _validation(err: ValidationError, table: str) -> InvalidInput:
    first = err.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or None
    return _fail(table, key, f"{first['msg']} (got {first.get('input')!r})")


def _requirements(value: object, table: str) -> ReviewRequirements:
    if isinstance(value, str):
        if value not in PRESETS:
            raise _fail(table, None, f"{value!r} is not one of {', '.join(PRESETS)}")
        return PRESETS[value]
    values = dict(_table(value, table))
    preset_name = values.pop("review", None)
    if preset_name is None:
        raise _fail(table, "review", f"is required: one of {', '.join(PRESETS)}")
    if not isinstance(preset_name, str) or preset_name not in PRESETS:
        raise _fail(table, "review", f"{preset_name!r} is not one of {', '.join(PRESETS)}")
    preset = PRESETS[preset_name]
    _check_keys(values, set(ReviewRequirements.model_fields) - {"review"}, table)
    if "required_sections" in values:
        values["required_sections"] = _sections(values["required_sections"], table)
    try:
        requirements = ReviewRequirements.model_validate({**preset.model_dump(), **values})
    except ValidationError as err:
        raise _validation(err, table) from err
    if requirements.min_action_items > requirements.max_action_items:
        raise _fail(
            table,
            "min_action_items",
            f"{requirements.min_action_items} is more than max_action_items "
            f"({requirements.max_action_items}); lower it or raise the maximum",
        )
    return requirements


def _sections(value: object, table: str) -> tuple[str, ...]:
    """Section titles as the document spells them; a misspelt one would never count as filled."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(table, "required_sections", "must be a list of section titles")
    known = {title.casefold(): title for title in SECTION_TITLES}
    titles: list[str] = []
    for name in value:
        title = known.get(" ".join(name.split()).casefold())
        if title is None:
            raise _fail(
                table,
                "required_sections",
                f"{name!r} is not a section of the postmortem; use one of "
                + ", ".join(SECTION_TITLES),
            )
        titles.append(title)
    return tuple(dict.fromkeys(titles))


def load_policy(config: Mapping[str, object]) -> SeverityPolicy:
    """The severity policy from the whole project config (its `[policy]` table).

    Missing keys keep the defaults of `DEFAULT_POLICY`.

    Raises:
        InvalidInput: naming the table and key that cannot be used.
    """
    raw = _table(config.get("policy", {}), "policy")
    _check_keys(
        raw,
        {"by_severity", "near_miss", "repeat_review", "deadlines", "customer_facing_tags"},
        "policy",
    )
    default = SeverityPolicy()
    update: dict[str, object] = {}
    if "by_severity" in raw:
        by_severity = dict(default.by_severity)
        for key, value in _table(raw["by_severity"], "policy.by_severity").items():
            try:
                severity = Severity.parse(key)
            except ValueError as err:
                raise _fail("policy.by_severity", key, str(err)) from err
            by_severity[severity] = _requirements(value, f"policy.by_severity.{key}")
        update["by_severity"] = by_severity
    for name in ("near_miss", "repeat_review"):
        if name in raw:
            update[name] = _requirements(raw[name], f"policy.{name}")
    if "deadlines" in raw:
        values = _table(raw["deadlines"], "policy.deadlines")
        _check_keys(values, set(Deadlines.model_fields), "policy.deadlines")
        try:
            deadlines = Deadlines.model_validate(dict(values))
        except ValidationError as err:
            raise _validation(err, "policy.deadlines") from err
        _check_deadlines(deadlines)
        update["deadlines"] = deadlines
    if "customer_facing_tags" in raw:
        tags = raw["customer_facing_tags"]
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise _fail("policy", "customer_facing_tags", "must be a list of strings")
        update["customer_facing_tags"] = tuple(tags)
    return default.model_copy(update=update)


def _check_deadlines(deadlines: Deadlines) -> None:
    for key, value in deadlines.model_dump().items():
        if value < 0:
            raise _fail("policy.deadlines", key, f"{value} is negative; deadlines count forward")
    earliest, target, latest = (
        deadlines.meeting_earliest_hours,
        deadlines.meeting_target_hours,
        deadlines.meeting_latest_hours,
    )
    if not earliest <= target <= latest:
        raise _fail(
            "policy.deadlines",
            "meeting_target_hours",
            f"{target} h is not between meeting_earliest_hours ({earliest}) and "
            f"meeting_latest_hours ({latest}); keep earliest <= target <= latest",
        )


class MeetingSettings(BaseModel):
    """How a team meets: its calendar, the organizer and the people it can draw on."""

    model_config = ConfigDict(frozen=True)

    calendar: WorkCalendar = WorkCalendar()
    organizer: Participant | None = None
    location: str = ""
    uid_domain: str = "blamefree.invalid"
    min_attendees: int = Field(default=4, ge=1)
    max_attendees: int = Field(default=8, ge=1)
    at_risk_hours: int = Field(default=24, ge=0)
    roster: tuple[Participant, ...] = ()
    service_owners: dict[str, Participant] = Field(default_factory=dict)


_MEETING_KEYS = {
    "timezone",
    "working_hours",
    "workdays",
    "holidays",
    "organizer",
    "location",
    "uid_domain",
    "min_attendees",
    "max_attendees",
    "at_risk_hours",
    "roster",
    "service_owners",
}
_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def _person(value: object, table: str, key: str) -> Participant:
    if not isinstance(value, str):
        raise _fail(table, key, "must be a string like 'Name <name@example.com>'")
    try:
        return parse_person(value)
    except ValueError as err:
        raise _fail(table, key, str(err).splitlines()[0]) from err


def _working_hours(value: object) -> tuple[time, time]:
    match = _HOURS.match(value) if isinstance(value, str) else None
    if match is None:
        raise _fail("meeting", "working_hours", f"{value!r} is not like '09:00-17:00'")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        start, end = time(h1, m1), time(h2, m2)
    except ValueError as err:
        raise _fail("meeting", "working_hours", f"{value!r}: {err}") from err
    if end <= start:
        raise _fail(
            "meeting",
            "working_hours",
            f"working hours end ({end:%H:%M}) before they start ({start:%H:%M}); "
            "write them as start-end within one day",
        )
    return start, end


def _holiday(value: object) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _fail("meeting", "holidays", f"{value!r} is not a date like 2026-12-25")


def load_meeting_settings(config: Mapping[str, object]) -> MeetingSettings:
    """The team's meeting settings from the whole project config (its `[meeting]` table).

    Raises:
        InvalidInput: naming the key that cannot be used.
    """
    raw = _table(config.get("meeting", {}), "meeting")
    _check_keys(raw, _MEETING_KEYS, "meeting")
    calendar: dict[str, object] = {}
    if "timezone" in raw:
        calendar["timezone"] = raw["timezone"]
    if "working_hours" in raw:
        calendar["day_start"], calendar["day_end"] = _working_hours(raw["working_hours"])
    if "workdays" in raw:
        days = raw["workdays"]
        if not isinstance(days, list):
            raise _fail("meeting", "workdays", "must be a list such as ['mon', 'tue']")
        try:
            calendar["workdays"] = parse_weekdays(str(d) for d in days)
        except ValueError as err:
            raise _fail("meeting", "workdays", str(err)) from err
    if "holidays" in raw:
        holidays = raw["holidays"]
        if not isinstance(holidays, list):
            raise _fail("meeting", "holidays", "must be a list of dates")
        calendar["holidays"] = tuple(_holiday(h) for h in holidays)
    settings: dict[str, object] = {}
    try:
        settings["calendar"] = WorkCalendar.model_validate(calendar)
    except ValidationError as err:
        first = err.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else None
        raise _fail("meeting", key, first["msg"].removeprefix("Value error, ")) from err
    if "organizer" in raw:
        settings["organizer"] = _person(raw["organizer"], "meeting", "organizer")
    if "roster" in raw:
        roster = raw["roster"]
        if not isinstance(roster, list):
            raise _fail("meeting", "roster", "must be a list of 'Name <email>' strings")
        settings["roster"] = tuple(
            _person(p, "meeting", f"roster[{i}]") for i, p in enumerate(roster)
        )
    if "service_owners" in raw:
        owners = _table(raw["service_owners"], "meeting.service_owners")
        settings["service_owners"] = {
            str(service): _person(owner, "meeting.service_owners", str(service))
            for service, owner in owners.items()
        }
    for key in ("location", "uid_domain", "min_attendees", "max_attendees", "at_risk_hours"):
        if key in raw:
            settings[key] = raw[key]
    try:
        result = MeetingSettings.model_validate(settings)
    except ValidationError as err:
        raise _validation(err, "meeting") from err
    if result.min_attendees > result.max_attendees:
        raise _fail(
            "meeting",
            "min_attendees",
            f"{result.min_attendees} is more than max_attendees ({result.max_attendees})",
        )
    return result
