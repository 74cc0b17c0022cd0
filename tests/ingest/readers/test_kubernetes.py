from __future__ import annotations

from pathlib import Path

import pytest

from blamefree.ingest.reader import ReadError, open_evidence
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


def test_events_k8s_io_series_null_first_timestamp_and_microseconds() -> None:
    fmt, records = read("kubernetes/events-k8s-io-v1.json")

    assert fmt == "kubernetes"
    assert rows(records) == [
        (
            "2024-05-01T12:04:00.512345Z",
            "k8s.shop",
            "cluster-event",
            "k8s.warning.BackOff",
            "kubelet",
            "Pod/checkout-7d9f: BackOff: Back-off restarting failed container checkout "
            "in pod checkout-7d9f_shop",
        ),
        (
            "2024-05-01T12:16:44.104220Z",
            "k8s.shop",
            "cluster-event",
            "k8s.normal.ScalingReplicaSet",
            "deployment-controller",
            "Deployment/checkout: ScalingReplicaSet: Scaled up replica set checkout-5b6c to 3",
        ),
        (
            "2024-05-01T12:01:00Z",
            "k8s.default",
            "cluster-event",
            "k8s.normal.NodeNotReady",
            "node-controller",
            "Node/node-3: NodeNotReady: Node node-3 status is now: NodeNotReady",
        ),
    ]
    assert [
        (r.ref, r.key, r.count, r.ended_at.isoformat() if r.ended_at else None) for r in records
    ] == [
        (
            "kubernetes/events-k8s-io-v1.json#/items/0",
            "k8s:6a1c3f0e-1111-4a2b-9c3d-000000000001",
            14,
            "2024-05-01T12:11:30.000001+00:00",
        ),
        (
            "kubernetes/events-k8s-io-v1.json#/items/1",
            "k8s:6a1c3f0e-1111-4a2b-9c3d-000000000002",
            1,
            None,
        ),
        (
            "kubernetes/events-k8s-io-v1.json#/items/2",
            "k8s:6a1c3f0e-1111-4a2b-9c3d-000000000003",
            1,
            None,
        ),
    ]


def test_kubectl_yaml_list_reads_like_the_json_list() -> None:
    fmt, records = read("kubernetes/events.yaml")

    assert fmt == "kubernetes"
    assert [(iso(r.at), r.detail, r.count, iso(r.ended_at), r.ref, r.key) for r in records] == [
        (
            "2024-05-01T12:04:00Z",
            "k8s.warning.Unhealthy",
            3,
            "2024-05-01T12:06:00Z",
            "kubernetes/events.yaml#/items/0",
            "k8s:6a1c3f0e-1111-4a2b-9c3d-000000000004",
        )
    ]


def test_yaml_documents_with_unquoted_times_read_as_a_list() -> None:
    fmt, records = read("kubernetes/events-multi.yaml")

    assert fmt == "kubernetes"
    assert rows(records) == [
        (
            "2024-05-01T12:16:44.104220Z",
            "k8s.shop",
            "cluster-event",
            "k8s.normal.ScalingReplicaSet",
            "deployment-controller",
            "Deployment/checkout: ScalingReplicaSet: Scaled down replica set checkout-7d9f to 0",
        ),
        (
            "2024-05-01T12:17:02Z",
            "k8s.shop",
            "cluster-event",
            "k8s.normal.Pulled",
            "kubelet",
            'Pod/checkout-5b6c: Pulled: Container image "registry.example.com/checkout:v1.41.3" '
            "already present on machine",
        ),
    ]


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("apiVersion: v1\nitems:\n- kind: Event\n  reason: [unclosed\nkind: List\n")

    with pytest.raises(ReadError) as caught:
        open_evidence(path, name="events.yaml")

    assert caught.value.line == 5
    assert str(caught.value).startswith("events.yaml, line 5: looks like YAML but does not parse (")


@pytest.mark.parametrize(
    ("relative", "refs"),
    [
        (
            "kubernetes/watch-events.json",
            ["#/0/object", "#/1/object", "#/2/object"],
        ),
        (
            "kubernetes/watch-events-api.jsonl",
            [":1#/object", ":2#/object", ":3#/object"],
        ),
    ],
)
def test_watch_event_wrappers_are_unwrapped_and_bookmarks_skipped(
    relative: str, refs: list[str]
) -> None:
    fmt, records = read(relative)

    assert fmt == "kubernetes"
    assert [r.ref for r in records] == [relative + ref for ref in refs]
    assert [(r.detail, r.count, r.key) for r in records] == [
        ("k8s.warning.Unhealthy", 1, "k8s:6a1c3f0e-1111-4a2b-9c3d-00000000aa01"),
        ("k8s.normal.Killing", 1, "k8s:6a1c3f0e-1111-4a2b-9c3d-00000000aa02"),
        ("k8s.warning.Unhealthy", 3, "k8s:6a1c3f0e-1111-4a2b-9c3d-00000000aa01"),
    ]


def test_an_added_then_modified_event_merges_into_one_with_the_latest_count() -> None:
    from blamefree.ingest.pipeline import BuildOptions, build
    from tests.ingest._read import FIXTURES

    result = build([FIXTURES / "kubernetes/watch-events-api.jsonl"], BuildOptions())

    unhealthy = [e for e in result.events if "Unhealthy" in e.text]
    assert [(e.count, e.ended_at and iso(e.ended_at)) for e in unhealthy] == [
        (3, "2024-05-01T12:06:00Z")
    ]
    assert result.stats.duplicates == 1
