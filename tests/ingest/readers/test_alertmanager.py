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
