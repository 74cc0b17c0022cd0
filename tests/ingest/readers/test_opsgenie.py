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


def test_unacknowledge_and_notes_are_not_acks_or_resolutions() -> None:
    fmt, records = read("opsgenie/logs-more.json")

    assert fmt == "opsgenie"
    assert rows(records) == [
        (
            "2024-05-01T12:00:00.123000Z",
            "opsgenie",
            "alert-firing",
            "alert.triggered",
            None,
            "Alert created via Prometheus[Prometheus] with message: HighErrorRate",
        ),
        (
            "2024-05-01T12:00:10Z",
            "opsgenie",
            "page",
            "page.sent",
            "dana@example.com",
            "Sent [Push] notification to dana@example.com",
        ),
        (
            "2024-05-01T12:05:00Z",
            "opsgenie",
            "ack",
            "incident.acknowledged",
            "dana@example.com",
            "Alert acknowledged via Web",
        ),
        (
            "2024-05-01T12:10:00Z",
            "opsgenie",
            "message",
            "incident.unacknowledged",
            "dana@example.com",
            "Alert unacknowledged via Web",
        ),
        (
            "2024-05-01T12:15:00Z",
            "opsgenie",
            "message",
            "note",
            "eli@example.com",
            "Closed the stale DB connections by restarting the pool",
        ),
        (
            "2024-05-01T12:20:00Z",
            "opsgenie",
            "alert-resolved",
            "incident.resolved",
            "dana@example.com",
            "Alert closed via Web",
        ),
    ]
    assert [
        (r.ref, r.key, r.count, r.ended_at.isoformat() if r.ended_at else None) for r in records
    ] == [
        ("opsgenie/logs-more.json#/data/0", "opsgenie:1714564800123_1714564800123000000", 1, None),
        ("opsgenie/logs-more.json#/data/1", "opsgenie:1714564810000_1714564810000000000", 1, None),
        ("opsgenie/logs-more.json#/data/2", "opsgenie:1714565100000_1714565100000000000", 1, None),
        ("opsgenie/logs-more.json#/data/3", "opsgenie:1714565400000_1714565400000000000", 1, None),
        ("opsgenie/logs-more.json#/data/4", "opsgenie:1714565700000_1714565700000000000", 1, None),
        ("opsgenie/logs-more.json#/data/5", "opsgenie:1714566000000_1714566000000000000", 1, None),
    ]


def test_webhook_actions_at_their_nanosecond_update_time() -> None:
    fmt, records = read("opsgenie/webhooks.jsonl")

    assert fmt == "opsgenie"
    assert rows(records) == [
        (
            "2024-05-01T12:00:00.123000Z",
            "opsgenie",
            "alert-firing",
            "alert.triggered",
            "System",
            "Alert created: HighErrorRate on checkout",
        ),
        (
            "2024-05-01T12:05:00.456789Z",
            "opsgenie",
            "ack",
            "incident.acknowledged",
            "dana@example.com",
            "Alert acknowledged: HighErrorRate on checkout",
        ),
        (
            "2024-05-01T12:06:40Z",
            "opsgenie",
            "message",
            "note",
            "eli@example.com",
            "Alert note added: HighErrorRate on checkout (rolling back v1.42.0)",
        ),
        (
            "2024-05-01T12:20:00Z",
            "opsgenie",
            "alert-resolved",
            "incident.resolved",
            "dana@example.com",
            "Alert closed: HighErrorRate on checkout",
        ),
    ]
    assert [(r.ref, r.match) for r in records][:2] == [
        ("opsgenie/webhooks.jsonl:1", "higherrorrate"),
        ("opsgenie/webhooks.jsonl:2", "higherrorrate"),
    ]


def test_alert_list_gives_creation_ack_and_close_from_the_report() -> None:
    fmt, records = read("opsgenie/alerts-list.json")

    assert fmt == "opsgenie"
    assert rows(records) == [
        (
            "2024-05-01T12:00:00.123000Z",
            "opsgenie",
            "alert-firing",
            "alert.triggered",
            "Prometheus",
            "Alert created: HighErrorRate on checkout",
        ),
        (
            "2024-05-01T12:05:00.123000Z",
            "opsgenie",
            "ack",
            "incident.acknowledged",
            "dana@example.com",
            "Alert acknowledged: HighErrorRate on checkout",
        ),
        (
            "2024-05-01T12:20:00Z",
            "opsgenie",
            "alert-resolved",
            "incident.resolved",
            "dana@example.com",
            "Alert closed: HighErrorRate on checkout",
        ),
        (
            "2024-05-01T12:02:00Z",
            "opsgenie",
            "alert-firing",
            "alert.triggered",
            "Prometheus",
            "Alert created: DiskPressure on node-3",
        ),
    ]
    assert [r.key for r in records] == [
        "opsgenie:alert:7d0b0a4e-1f0e-4a8a-9a53-000000000001",
        "opsgenie:alert:7d0b0a4e-1f0e-4a8a-9a53-000000000001:acknowledged",
        "opsgenie:alert:7d0b0a4e-1f0e-4a8a-9a53-000000000001:closed",
        "opsgenie:alert:7d0b0a4e-1f0e-4a8a-9a53-000000000002",
    ]
