from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from blamefree.ingest.reader import ReadContext, ReadError, Record, detect_format, open_evidence
from tests.ingest._read import iso, read, rows


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


def _manual_rows(records: list[Record]) -> list[tuple[object, ...]]:
    return [(iso(r.at), r.actor, r.text, r.ref, r.approximate) for r in records]


def test_csv_with_semicolons_bom_crlf_and_a_quoted_line_break() -> None:
    fmt, records = read("manual/semicolon-bom-crlf.csv", tz="UTC")

    assert fmt == "csv"
    assert _manual_rows(records) == [
        (
            "2024-05-01T12:03:00Z",
            "Dana",
            "Error rate climbs",
            "manual/semicolon-bom-crlf.csv:2",
            True,
        ),
        (
            "2024-05-01T12:09:00Z",
            "Eli",
            "Rollback started; watching dashboards",
            "manual/semicolon-bom-crlf.csv:3",
            True,
        ),
    ]


def test_csv_with_tabs_is_detected() -> None:
    fmt, records = read("manual/tabs.tsv")

    assert fmt == "csv"
    assert _manual_rows(records) == [
        ("2024-05-01T12:03:00Z", "Dana", "Error rate climbs", "manual/tabs.tsv:2", False)
    ]


def test_csv_date_column_dates_each_clock_only_row_whatever_the_incident_date() -> None:
    _, records = read(
        "manual/date-time-columns.csv", tz="UTC", reference=datetime(2024, 6, 9, tzinfo=UTC)
    )

    assert _manual_rows(records) == [
        (
            "2024-05-01T23:58:00Z",
            "carol",
            "Deploy v1.42.0 starts",
            "manual/date-time-columns.csv:2",
            False,
        ),
        (
            "2024-05-02T00:04:00Z",
            "alertbot",
            "Error rate above 5%, paging on-call",
            "manual/date-time-columns.csv:3",
            False,
        ),
    ]


def test_csv_date_column_that_is_not_a_date_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Date,Time,Event\n1 May,12:03,Error rate climbs\n")
    evidence = open_evidence(path, name="t.csv")

    with pytest.raises(ReadError) as caught:
        list(detect_format(evidence).read(evidence, ReadContext(default_tz=UTC)))

    assert str(caught.value) == "t.csv, line 2, field 'date': '1 May' is not a date like 2024-05-01"


def test_markdown_table_is_read_by_its_header_names() -> None:
    fmt, records = read(
        "manual/table-variants.md", tz="UTC", reference=datetime(2024, 4, 1, tzinfo=UTC)
    )

    assert fmt == "markdown"
    assert _manual_rows(records) == [
        ("2024-05-01T12:03:00Z", "Dana", "Error rate climbs", "manual/table-variants.md:7", False),
        ("2024-05-01T12:09:00Z", "Eli", "Rollback started", "manual/table-variants.md:8", False),
        (
            "2024-05-01T12:15:00Z",
            None,
            "Error rate back to normal",
            "manual/table-variants.md:12",
            False,
        ),
        ("2024-05-01T12:20:00Z", None, "Incident resolved", "manual/table-variants.md:13", False),
    ]
