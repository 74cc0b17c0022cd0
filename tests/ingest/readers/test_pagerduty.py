from __future__ import annotations

import pytest

from blamefree.ingest.reader import ReadError
from tests.ingest._read import read, rows


def test_v3_webhook_lines_become_records_and_unknown_types_are_skipped() -> None:
    fmt, records = read("pagerduty/webhooks.jsonl")

    assert fmt == "pagerduty"
    assert rows(records) == [
        (
            "2024-05-01T11:56:05.120000Z",
            "pagerduty",
            "alert-firing",
            "alert.triggered",
            None,
            "Incident triggered: [#812] HighErrorRate checkout",
        ),
        (
            "2024-05-01T12:09:12Z",
            "pagerduty",
            "message",
            "note",
            "Bob Ops",
            "Incident annotated: Rollback started",
        ),
        (
            "2024-05-01T12:40:00Z",
            "pagerduty",
            "config-change",
            "pagerduty.service.updated",
            None,
            "Service updated: checkout",
        ),
    ]
    assert [r.key for r in records] == [
        "pagerduty:01HXZ9K2M3N4P5Q6R7S8T9V0W0",
        "pagerduty:01HXZ9K2M3N4P5Q6R7S8T9V0W2",
        "pagerduty:01HXZ9K2M3N4P5Q6R7S8T9V0W3",
    ]
    assert records[0].match == "q1x2y3"


def test_rest_incident_gives_opened_acknowledged_and_resolved() -> None:
    _, records = read("pagerduty/incident.json")

    assert rows(records) == [
        (
            "2024-05-01T11:56:05Z",
            "pagerduty",
            "alert-firing",
            "incident.opened",
            "checkout",
            "Incident opened: [#812] Checkout 5xx",
        ),
        (
            "2024-05-01T12:01:40Z",
            "pagerduty",
            "ack",
            "incident.acknowledged",
            "Bob Ops",
            "Acknowledged: [#812] Checkout 5xx",
        ),
        (
            "2024-05-01T12:25:00Z",
            "pagerduty",
            "alert-resolved",
            "incident.resolved",
            "Bob Ops",
            "Resolved: [#812] Checkout 5xx",
        ),
    ]
    assert records[1].ref == "pagerduty/incident.json#/incident/acknowledgements/0"


def test_log_entries_accept_offsets_and_join_the_incident_summary() -> None:
    _, records = read("incident812/pagerduty-log-entries.json")

    assert records[0].text == (
        "Triggered through the API: [#812] HighErrorRate checkout: 5xx ratio above 5% for 5m"
    )
    assert records[2].at.isoformat() == "2024-05-01T12:01:40+00:00"
    assert [r.kind.value for r in records] == [
        "alert-firing",
        "page",
        "ack",
        "escalation",
        "alert-resolved",
    ]


def test_legacy_v2_webhook_is_refused_with_the_way_forward() -> None:
    with pytest.raises(ReadError) as caught:
        read("pagerduty/legacy-v2.json")

    assert str(caught.value) == (
        "pagerduty/legacy-v2.json: this is a legacy PagerDuty v2 webhook, which is past "
        "end-of-support; export the incident's log entries (REST v2) or use v3 webhooks"
    )


def test_log_entry_without_time_names_the_entry_and_field() -> None:
    with pytest.raises(ReadError) as caught:
        read("pagerduty/bad-missing-time.json")

    assert str(caught.value) == (
        "pagerduty/bad-missing-time.json, at /log_entries/1, field 'created_at': "
        "the time is missing (null or empty)"
    )
