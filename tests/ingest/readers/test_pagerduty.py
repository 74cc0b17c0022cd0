from __future__ import annotations

from pathlib import Path

import pytest

from blamefree.ingest.reader import ReadError, detect_format, open_evidence
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


def test_every_log_entry_type_with_expanded_references() -> None:
    fmt, records = read("pagerduty/log-entries-expanded.json")

    assert fmt == "pagerduty"
    assert rows(records) == [
        (
            "2024-05-01T12:41:07Z",
            "pagerduty",
            "alert-resolved",
            "incident.resolved",
            "Dana Ops",
            "Resolved by Dana Ops: [#4521] Checkout 5xx above 5%",
        ),
        (
            "2024-05-01T10:20:00Z",
            "pagerduty",
            "message",
            "pagerduty.snooze_log_entry",
            "Dana Ops",
            "Snoozed for 30 minutes by Dana Ops.",
        ),
        (
            "2024-05-01T12:19:00Z",
            "pagerduty",
            "message",
            "pagerduty.unacknowledge_log_entry",
            None,
            "Unacknowledged due to timeout.",
        ),
        (
            "2024-05-01T12:10:30Z",
            "pagerduty",
            "message",
            "pagerduty.reach_trigger_limit_log_entry",
            "checkout-api",
            "Reached trigger limit.",
        ),
        (
            "2024-05-01T12:06:01Z",
            "pagerduty",
            "page",
            "page.sent",
            "Dana Ops",
            "Notified Dana Ops via SMS.",
        ),
        (
            "2024-05-01T12:15:00Z",
            "pagerduty",
            "message",
            "note",
            "Eli Ng",
            "Note added: Rolling back v1.42.0",
        ),
        (
            "2024-05-01T12:05:58Z",
            "pagerduty",
            "alert-firing",
            "alert.triggered",
            "Prometheus",
            "Triggered through the API: [#4521] Checkout 5xx above 5%",
        ),
        (
            "2024-05-01T12:30:00Z",
            "pagerduty",
            "escalation",
            "incident.escalated",
            None,
            "Escalation path exhausted.",
        ),
    ]
    assert [
        (r.ref, r.key, r.count, r.ended_at.isoformat() if r.ended_at else None) for r in records
    ] == [
        (
            "pagerduty/log-entries-expanded.json#/log_entries/0",
            "pagerduty:R2XGXEI3W0FHMSDJ6VT7XG3MDB",
            1,
            None,
        ),
        (
            "pagerduty/log-entries-expanded.json#/log_entries/1",
            "pagerduty:RSNOOZE0000000000000000001",
            1,
            None,
        ),
        (
            "pagerduty/log-entries-expanded.json#/log_entries/2",
            "pagerduty:RUNACK00000000000000000001",
            1,
            None,
        ),
        (
            "pagerduty/log-entries-expanded.json#/log_entries/3",
            "pagerduty:RLIMIT0000000000000000001",
            1,
            None,
        ),
        (
            "pagerduty/log-entries-expanded.json#/log_entries/4",
            "pagerduty:RNOTIFY000000000000000001",
            1,
            None,
        ),
        (
            "pagerduty/log-entries-expanded.json#/log_entries/5",
            "pagerduty:RANNOTATE0000000000000001",
            1,
            None,
        ),
        (
            "pagerduty/log-entries-expanded.json#/log_entries/6",
            "pagerduty:RTRIGGER00000000000000001",
            1,
            None,
        ),
        (
            "pagerduty/log-entries-expanded.json#/log_entries/7",
            "pagerduty:REXHAUST00000000000000001",
            1,
            None,
        ),
    ]


def test_more_v3_event_types_and_pings_are_skipped() -> None:
    fmt, records = read("pagerduty/webhooks-more.jsonl")

    assert fmt == "pagerduty"
    assert rows(records) == [
        (
            "2024-05-01T12:07:00.412000Z",
            "pagerduty",
            "message",
            "pagerduty.incident.priority_updated",
            "Dana Ops",
            "Incident priority updated: [#4521] Checkout 5xx above 5%",
        ),
        (
            "2024-05-01T12:08:00Z",
            "pagerduty",
            "escalation",
            "incident.responder_added",
            "Dana Ops",
            "Incident responder added: Checkout 5xx above 5%: Please help with checkout",
        ),
        (
            "2024-05-01T13:00:00Z",
            "pagerduty",
            "message",
            "pagerduty.incident.reopened",
            "Dana Ops",
            "Incident reopened: [#4521] Checkout 5xx above 5%",
        ),
    ]
    assert [
        (r.ref, r.key, r.count, r.ended_at.isoformat() if r.ended_at else None) for r in records
    ] == [
        ("pagerduty/webhooks-more.jsonl:1", "pagerduty:01DEN4HPBQAIK4YQ7LDAHO7P6Y", 1, None),
        ("pagerduty/webhooks-more.jsonl:2", "pagerduty:01DEN4HPBQAIK4YQ7LDAHO7P6Z", 1, None),
        ("pagerduty/webhooks-more.jsonl:3", "pagerduty:01DEN4HPBQAIK4YQ7LDAHO7P70", 1, None),
    ]


def test_a_log_line_with_a_notes_field_is_not_taken_for_pagerduty(tmp_path: Path) -> None:
    path = tmp_path / "app.jsonl"
    path.write_text(
        '{"time":"2024-05-01T12:03:00Z","msg":"deploy noted","notes":"see runbook"}\n'
        '{"time":"2024-05-01T12:03:01Z","msg":"ok","notes":[]}\n'
    )

    assert detect_format(open_evidence(path, name="app.jsonl")).name == "jsonlog"
