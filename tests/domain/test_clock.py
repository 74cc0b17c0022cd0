"""The clock: the only place that reads the wall clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from blamefree.domain import Clock, FixedClock, SystemClock, utc_now


def test_fixed_clock_always_says_the_same_utc_instant() -> None:
    clock = FixedClock(datetime(2026, 3, 4, 16, 2, tzinfo=timezone(timedelta(hours=2))))
    assert clock.now() == datetime(2026, 3, 4, 14, 2, tzinfo=UTC)
    assert clock.now().tzinfo is UTC
    assert clock.now() == clock.now()


def test_fixed_clock_refuses_naive_times() -> None:
    with pytest.raises(ValueError, match="FixedClock needs a timezone-aware datetime"):
        FixedClock(datetime(2026, 3, 4, 14, 2))


def test_system_clock_and_utc_now_are_aware_utc() -> None:
    before = datetime.now(UTC)
    clock: Clock = SystemClock()
    now = clock.now()
    also_now = utc_now()
    after = datetime.now(UTC)
    assert now.tzinfo is UTC and also_now.tzinfo is UTC
    assert before <= now <= also_now <= after
