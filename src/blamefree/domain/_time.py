"""Helpers that keep every datetime in the domain timezone-aware UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def as_utc(value: datetime) -> datetime:
    """Convert an aware datetime to UTC; naive values are refused, never guessed."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"time {value.isoformat()} has no timezone; write it in UTC (e.g. 2024-05-01T12:03:00Z)"
        )
    return value.astimezone(UTC)
