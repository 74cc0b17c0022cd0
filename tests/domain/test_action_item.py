"""Action items: types, statuses, the won't-do rationale and overdue checks."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from blamefree.domain import ActionItem, ActionStatus, ActionType
from tests.builders import make_action_item


def test_type_labels() -> None:
    assert [t.label for t in ActionType] == ["Prevent", "Detect", "Mitigate"]
    assert [t.value for t in ActionType] == ["prevent", "detect", "mitigate"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("open", ActionStatus.OPEN),
        ("To-Do", ActionStatus.OPEN),
        ("new", ActionStatus.OPEN),
        ("in progress", ActionStatus.IN_PROGRESS),
        ("in-progress", ActionStatus.IN_PROGRESS),
        ("IN_PROGRESS", ActionStatus.IN_PROGRESS),
        ("doing", ActionStatus.IN_PROGRESS),
        ("done", ActionStatus.DONE),
        ("Closed", ActionStatus.DONE),
        ("fixed", ActionStatus.DONE),
        ("won't do", ActionStatus.WONT_DO),
        ("won’t do", ActionStatus.WONT_DO),
        ("wontfix", ActionStatus.WONT_DO),
        ("Wont-Do", ActionStatus.WONT_DO),
    ],
)
def test_status_parse_accepts_common_spellings(written: str, expected: ActionStatus) -> None:
    assert ActionStatus.parse(written) is expected


def test_status_parse_refuses_unknown_words() -> None:
    with pytest.raises(
        ValueError, match="status 'blocked' is not one of open, in progress, done, won't do"
    ):
        ActionStatus.parse("blocked")


def test_defaults() -> None:
    item = ActionItem(description="Add a lock timeout")
    assert (item.type, item.owner, item.deadline, item.status) == (None, None, None, "open")
    assert (item.rationale, item.ticket_url) == (None, None)


def test_text_fields_are_one_line() -> None:
    item = make_action_item(
        description=" Run migrations\n outside deploys ",
        owner="  Ana   Lima ",
        ticket_url=" https://t.example/X-1 ",
    )
    assert item.description == "Run migrations outside deploys"
    assert item.owner == "Ana Lima"
    assert item.ticket_url == "https://t.example/X-1"
    assert make_action_item(owner="  ").owner is None


def test_wont_do_needs_a_rationale() -> None:
    with pytest.raises(
        ValidationError,
        match="action item 'Rewrite the scheduler' is marked won't do without a rationale",
    ):
        make_action_item(description="Rewrite the scheduler", status=ActionStatus.WONT_DO)
    with pytest.raises(ValidationError, match="without a rationale"):
        make_action_item(status=ActionStatus.WONT_DO, rationale="   ")


def test_rationale_only_with_wont_do() -> None:
    with pytest.raises(ValidationError, match="has a rationale but is not marked won't do"):
        make_action_item(status=ActionStatus.DONE, rationale="no longer needed")
    item = make_action_item(status=ActionStatus.WONT_DO, rationale="Service is retired in May")
    assert item.rationale == "Service is retired in May"


@pytest.mark.parametrize(
    ("status", "deadline", "overdue"),
    [
        (ActionStatus.OPEN, date(2026, 3, 31), True),
        (ActionStatus.IN_PROGRESS, date(2026, 3, 31), True),
        (ActionStatus.OPEN, date(2026, 4, 1), False),
        (ActionStatus.OPEN, None, False),
        (ActionStatus.DONE, date(2026, 1, 1), False),
    ],
)
def test_is_overdue(status: ActionStatus, deadline: date | None, overdue: bool) -> None:
    item = make_action_item(status=status, deadline=deadline)
    assert item.is_overdue(date(2026, 4, 1)) is overdue


def test_wont_do_is_closed_and_never_overdue() -> None:
    item = make_action_item(
        status=ActionStatus.WONT_DO, rationale="Retired", deadline=date(2020, 1, 1)
    )
    assert item.is_closed is True
    assert item.is_overdue(date(2026, 4, 1)) is False
    assert make_action_item(status=ActionStatus.DONE).is_closed is True
    assert make_action_item().is_closed is False


def test_description_limits() -> None:
    with pytest.raises(ValidationError, match="description"):
        ActionItem(description="")
    with pytest.raises(ValidationError, match="description"):
        ActionItem(description="x" * 1001)
