from __future__ import annotations

from datetime import UTC, datetime

import pytest

from blamefree.ingest.reader import ReadError
from tests.ingest._read import read, rows


def test_csv_with_full_and_clock_only_times_and_kinds() -> None:
    fmt, records = read(
        "manual/timeline.csv", tz="UTC", reference=datetime(2024, 5, 1, 11, 0, tzinfo=UTC)
    )

    assert fmt == "csv"
    assert rows(records) == [
        (
            "2024-05-01T11:50:00Z",
            "manual",
            "deploy",
            "manual.deploy",
            "Carol",
            "Started the v1.42.0 rollout, watching dashboards",
        ),
        (
            "2024-05-01T12:10:00Z",
            "manual",
            "manual",
            "manual.manual",
            "Bob",
            "Decided to roll back",
        ),
    ]


def test_markdown_rolls_over_midnight_in_local_time() -> None:
    fmt, records = read("manual/timeline.md", tz="America/New_York")

    assert fmt == "markdown"
    assert [(r.at.isoformat(), r.text, r.ref) for r in records] == [
        ("2024-05-02T03:50:00+00:00", "Traffic starts to climb", "manual/timeline.md:4"),
        ("2024-05-02T03:58:00+00:00", "First customer report", "manual/timeline.md:5"),
        ("2024-05-02T04:05:00+00:00", "Night shift paged", "manual/timeline.md:6"),
        ("2024-05-02T04:20:00+00:00", "Bob Rolled back", "manual/timeline.md:8"),
        ("2024-05-02T04:30:00+00:00", "Status page updated", "manual/timeline.md:11"),
    ]


def test_markdown_clock_times_without_zone_ask_for_tz() -> None:
    with pytest.raises(ReadError) as caught:
        read("manual/timeline.md")

    assert str(caught.value) == (
        "manual/timeline.md, line 4, field 'time': '23:50' has no timezone; pass --tz with the "
        "zone it was written in (e.g. --tz Europe/Berlin), or end it with Z for UTC"
    )


def test_csv_unknown_kind_names_row_and_column() -> None:
    with pytest.raises(ReadError) as caught:
        read("manual/bad.csv")

    assert str(caught.value) == (
        "manual/bad.csv, line 3, field 'kind': kind 'weird' is not one of deploy, alert-firing, "
        "alert-resolved, page, ack, escalation, message, config-change, cluster-event, log, "
        "status-update, manual"
    )
