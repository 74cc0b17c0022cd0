from __future__ import annotations

import pytest

from blamefree.ingest.reader import ReadError
from tests.ingest._read import read, rows


def test_repeated_notifications_share_keys_and_resolved_alerts_give_both_ends() -> None:
    fmt, records = read("incident812/alertmanager.jsonl")

    assert fmt == "alertmanager"
    keys = [r.key for r in records]
    assert len(keys) == 11
    assert len(set(keys)) == 8
    firing = [r for r in records if r.detail == "alert.firing"]
    assert {r.at.isoformat() for r in firing} == {
        "2024-05-01T11:55:30.512000+00:00",
        "2024-05-01T11:56:00+00:00",
        "2024-05-01T12:01:00+00:00",
        "2024-05-01T12:06:00+00:00",
    }


def test_firing_alert_end_time_is_ignored_even_when_it_is_go_zero_time() -> None:
    _, records = read("incident812/alertmanager.jsonl")

    second_line = [r for r in records if r.ref.startswith("incident812/alertmanager.jsonl:2")]
    assert [(r.detail, r.ended_at) for r in second_line] == [("alert.firing", None)]


def test_grafana_payload_is_told_apart_and_uses_value_string() -> None:
    fmt, records = read("grafana/notification.json")

    assert fmt == "grafana"
    assert rows(records) == [
        (
            "2021-10-12T07:51:03.157076Z",
            "grafana",
            "alert-firing",
            "alert.firing",
            "CheckoutErrors",
            "CheckoutErrors firing: [ var='B' labels={} value=44.2 ]",
        ),
        (
            "2021-10-12T07:56:03.157076Z",
            "grafana",
            "alert-resolved",
            "alert.resolved",
            "CheckoutErrors",
            "CheckoutErrors resolved: [ var='B' labels={} value=44.2 ]",
        ),
    ]


def test_alert_without_starts_at_names_alert_and_field() -> None:
    with pytest.raises(ReadError) as caught:
        read("alertmanager/bad-no-startsat.json")

    assert str(caught.value) == (
        "alertmanager/bad-no-startsat.json, at /alerts/0, field 'startsAt': "
        "the time is missing (null or empty)"
    )


def test_grafana_alert_with_a_naive_start_names_alert_field_and_asks_for_tz() -> None:
    with pytest.raises(ReadError) as caught:
        read("grafana/bad-naive-starts.json")

    assert str(caught.value) == (
        "grafana/bad-naive-starts.json, at /alerts/0, field 'startsAt': "
        "'2021-10-12T09:51:03' has no timezone; pass --tz with the zone these times were "
        "written in (e.g. --tz Europe/Berlin, or --tz UTC)"
    )


def test_grouped_payload_with_nanoseconds_offsets_and_go_zero_end() -> None:
    fmt, records = read("alertmanager/grouped.json")

    assert fmt == "alertmanager"
    assert rows(records) == [
        (
            "2024-05-01T12:04:31.806148Z",
            "alertmanager",
            "alert-firing",
            "alert.firing",
            "HighErrorRate",
            "HighErrorRate firing: 5xx ratio above 5% on checkout",
        ),
        (
            "2024-05-01T12:38:01.806148Z",
            "alertmanager",
            "alert-resolved",
            "alert.resolved",
            "HighErrorRate",
            "HighErrorRate resolved: 5xx ratio above 5% on checkout",
        ),
        (
            "2024-05-01T12:05:00Z",
            "alertmanager",
            "alert-firing",
            "alert.firing",
            "HighErrorRate",
            "HighErrorRate firing: 5xx ratio above 5%",
        ),
    ]
    assert [
        (r.ref, r.key, r.count, r.ended_at.isoformat() if r.ended_at else None) for r in records
    ] == [
        (
            "alertmanager/grouped.json#/alerts/0",
            "alertmanager:a1b2c3d4e5f60718@2024-05-01T12:04:31.806148Z:firing",
            1,
            None,
        ),
        (
            "alertmanager/grouped.json#/alerts/0",
            "alertmanager:a1b2c3d4e5f60718@2024-05-01T12:04:31.806148Z:resolved",
            1,
            None,
        ),
        (
            "alertmanager/grouped.json#/alerts/1",
            "alertmanager:0f1e2d3c4b5a6978@2024-05-01T12:05:00.000000Z:firing",
            1,
            None,
        ),
    ]


def test_grafana_unified_resolved_payload() -> None:
    fmt, records = read("grafana/unified-resolved.json")

    assert fmt == "grafana"
    assert rows(records) == [
        (
            "2024-05-01T12:03:00Z",
            "grafana",
            "alert-firing",
            "alert.firing",
            "CheckoutLatency",
            "CheckoutLatency firing: p99 latency above 2s",
        ),
        (
            "2024-05-01T12:40:00Z",
            "grafana",
            "alert-resolved",
            "alert.resolved",
            "CheckoutLatency",
            "CheckoutLatency resolved: p99 latency above 2s",
        ),
    ]
    assert [
        (r.ref, r.key, r.count, r.ended_at.isoformat() if r.ended_at else None) for r in records
    ] == [
        (
            "grafana/unified-resolved.json#/alerts/0",
            "grafana:57c6d9296de2ad39@2024-05-01T12:03:00.000000Z:firing",
            1,
            None,
        ),
        (
            "grafana/unified-resolved.json#/alerts/0",
            "grafana:57c6d9296de2ad39@2024-05-01T12:03:00.000000Z:resolved",
            1,
            None,
        ),
    ]


def test_legacy_grafana_webhook_is_recognised_and_refused_with_the_reason() -> None:
    with pytest.raises(ReadError) as caught:
        read("grafana/legacy.json")

    assert str(caught.value) == (
        "grafana/legacy.json: this is a legacy Grafana alert webhook (ruleName, evalMatches), "
        "which carries no time; use Grafana Alerting (unified) webhook payloads, or add the "
        "alert to a manual timeline"
    )
