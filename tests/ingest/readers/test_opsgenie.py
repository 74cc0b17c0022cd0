from __future__ import annotations

import pytest

from blamefree.ingest.reader import ReadError
from tests.ingest._read import read, rows


def test_alert_log_kinds_come_from_the_log_text() -> None:
    fmt, records = read("opsgenie/logs.json")

    assert fmt == "opsgenie"
    assert rows(records) == [
        (
            "2024-05-01T11:56:02.001000Z",
            "opsgenie",
            "alert-firing",
            "alert.triggered",
            "system",
            "Alert created via API",
        ),
        (
            "2024-05-01T11:56:07.500000Z",
            "opsgenie",
            "page",
            "page.sent",
            "bob@example.com",
            "Notified bob@example.com via sms",
        ),
        (
            "2024-05-01T12:04:41.207000Z",
            "opsgenie",
            "ack",
            "incident.acknowledged",
            "bob@example.com",
            "Alert acknowledged via web",
        ),
        (
            "2024-05-01T12:25:00Z",
            "opsgenie",
            "alert-resolved",
            "incident.resolved",
            "bob@example.com",
            "Alert closed via web",
        ),
    ]
    assert records[2].key == "opsgenie:1714565081207_1714565081207000123"


def test_bad_created_at_names_entry_and_field() -> None:
    with pytest.raises(ReadError) as caught:
        read("opsgenie/bad-time.json")

    assert str(caught.value) == (
        "opsgenie/bad-time.json, at /data/0, field 'createdAt': 'first thing in the morning' "
        "is not an ISO 8601 / RFC 3339 timestamp"
    )
