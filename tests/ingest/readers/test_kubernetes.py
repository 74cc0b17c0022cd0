from __future__ import annotations

import pytest

from blamefree.ingest.reader import ReadError
from tests.ingest._read import iso, read, rows


def test_core_v1_event_spans_first_to_last_with_count() -> None:
    fmt, records = read("incident812/k8s-events.json")

    assert fmt == "kubernetes"
    backoff = records[0]
    assert rows([backoff]) == [
        (
            "2024-05-01T11:53:40Z",
            "k8s.shop",
            "cluster-event",
            "k8s.warning.BackOff",
            "kubelet",
            "Pod/checkout-7d9f: BackOff: Back-off restarting failed container app",
        ),
    ]
    assert (backoff.count, iso(backoff.ended_at)) == (12, "2024-05-01T12:13:10Z")
    assert records[1].ended_at is None


def test_events_k8s_io_v1_uses_event_time_series_and_note() -> None:
    _, records = read("kubernetes/events-v1.json")

    first = records[0]
    assert rows([first]) == [
        (
            "2024-05-01T11:53:40.123456Z",
            "k8s.shop",
            "cluster-event",
            "k8s.warning.Unhealthy",
            "kubelet",
            "Pod/checkout-7d9f: Unhealthy: Readiness probe failed: HTTP probe failed "
            "with statuscode: 503",
        ),
    ]
    assert (first.count, iso(first.ended_at)) == (7, "2024-05-01T12:02:00.000001Z")
    assert records[0].key == records[1].key == "k8s:11111111-2222-4333-8444-555555555555"


def test_event_without_any_time_is_refused() -> None:
    with pytest.raises(ReadError) as caught:
        read("kubernetes/bad.json")

    assert str(caught.value) == (
        "kubernetes/bad.json: the Event has no time (eventTime, firstTimestamp and "
        "metadata.creationTimestamp are all empty)"
    )
