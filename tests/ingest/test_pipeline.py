# ruff: noqa: E501  (expected timeline rows are long literal strings)
"""End-to-end: one incident across seven sources, merged timeline, key moments and metrics.

The story (2024-05-01, UTC): v1.42.0 deploys at 11:52, payment errors start at 11:53, the
HighErrorRate alert fires at 11:55:30 and PagerDuty triggers from it, Bob is paged and
acknowledges, a latency alert flaps three times, the team rolls back to v1.41.0 (done 12:14:30)
and resolves the incident at 12:25; chat, cluster events and status page updates are in between.
"""

from __future__ import annotations

import gc
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from blamefree.ingest import pipeline as pipeline_module
from blamefree.ingest.pipeline import BuildOptions, build
from blamefree.ingest.reader import ReadError

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"

EXPECTED_EVENTS = [
    (
        "2024-05-01T11:48:02Z",
        "github.checkout",
        "deploy",
        "carol",
        "Deploy requested: v1.42.0@3f9c2e1 to production",
        1,
        None,
        ("github:deployment:880001", "incident812/github-deployments.jsonl:3#/deployment"),
    ),
    (
        "2024-05-01T11:52:10Z",
        "github.checkout",
        "deploy",
        "deploy-bot[bot]",
        "Deploy success: v1.42.0@3f9c2e1 to production (Deployed v1.42.0) https://ci.example.com/run/5521",
        1,
        None,
        (
            "github:deployment_status:990001",
            "incident812/github-deployments.jsonl:4#/deployment_status",
        ),
    ),
    (
        "2024-05-01T11:52:20.120000Z",
        "log.checkout",
        "log",
        "checkout",
        "checkout v1.42.0 started",
        1,
        None,
        ("incident812/checkout.jsonl:2",),
    ),
    (
        "2024-05-01T11:53:05.402000Z",
        "log.checkout",
        "log",
        "checkout",
        "payment gateway timeout (request a1b2c3d4e5f6)",
        6,
        "2024-05-01T12:14:50.250000Z",
        ("incident812/checkout.jsonl:3", "incident812/checkout.jsonl:8"),
    ),
    (
        "2024-05-01T11:53:40Z",
        "k8s.shop",
        "cluster-event",
        "kubelet",
        "Pod/checkout-7d9f: BackOff: Back-off restarting failed container app",
        12,
        "2024-05-01T12:13:10Z",
        ("k8s:5b1d0c8e-0000-4000-8000-00000000abcd", "incident812/k8s-events.json#/items/0"),
    ),
    (
        "2024-05-01T11:55:30.512000Z",
        "alertmanager",
        "alert-firing",
        "HighErrorRate",
        "HighErrorRate firing: 5xx ratio above 5% for 5m",
        1,
        None,
        (
            "alertmanager:5f2c9a1d7e3b4c60@2024-05-01T11:55:30.512000Z:firing",
            "incident812/alertmanager.jsonl:1#/alerts/0",
            "pagerduty:R1TRIG0001",
            "incident812/pagerduty-log-entries.json#/log_entries/0",
        ),
    ),
    (
        "2024-05-01T11:56:00Z",
        "alertmanager",
        "alert-firing",
        "CheckoutLatencyHigh",
        "CheckoutLatencyHigh firing: p99 latency above 2s",
        3,
        "2024-05-01T12:06:00Z",
        (
            "alertmanager:77aa01bb02cc03dd@2024-05-01T11:56:00.000000Z:firing",
            "incident812/alertmanager.jsonl:2#/alerts/0",
            "alertmanager:77aa01bb02cc03dd@2024-05-01T12:01:00.000000Z:firing",
            "incident812/alertmanager.jsonl:5#/alerts/0",
            "alertmanager:77aa01bb02cc03dd@2024-05-01T12:06:00.000000Z:firing",
            "incident812/alertmanager.jsonl:6#/alerts/0",
        ),
    ),
    (
        "2024-05-01T11:56:10Z",
        "pagerduty",
        "page",
        "checkout",
        "Notified Bob Ops by SMS.",
        1,
        None,
        ("pagerduty:R2NOTI0001", "incident812/pagerduty-log-entries.json#/log_entries/1"),
    ),
    (
        "2024-05-01T11:57:07.001200Z",
        "slack.incident-812",
        "message",
        "alice",
        "Checkout errors spiking, paging @Bob Ops",
        1,
        None,
        ("slack:C0INC812/1714564627.001200", "incident812/slack/incident-812/2024-05-01.json#/1"),
    ),
    (
        "2024-05-01T11:58:00Z",
        "alertmanager",
        "alert-resolved",
        "CheckoutLatencyHigh",
        "CheckoutLatencyHigh resolved: p99 latency above 2s",
        3,
        "2024-05-01T12:18:00Z",
        (
            "alertmanager:77aa01bb02cc03dd@2024-05-01T11:56:00.000000Z:resolved",
            "incident812/alertmanager.jsonl:3#/alerts/0",
            "alertmanager:77aa01bb02cc03dd@2024-05-01T12:01:00.000000Z:resolved",
            "incident812/alertmanager.jsonl:5#/alerts/0",
            "alertmanager:77aa01bb02cc03dd@2024-05-01T12:06:00.000000Z:resolved",
            "incident812/alertmanager.jsonl:6#/alerts/0",
        ),
    ),
    (
        "2024-05-01T12:01:40Z",
        "pagerduty",
        "ack",
        "Bob Ops",
        "Acknowledged by Bob Ops.",
        1,
        None,
        ("pagerduty:R3ACK00001", "incident812/pagerduty-log-entries.json#/log_entries/2"),
    ),
    (
        "2024-05-01T12:02:30.004000Z",
        "slack.incident-812",
        "message",
        "Bob Ops",
        "(thread reply) Looking. Errors started right after the v1.42.0 deploy, see run 5521 (https://ci.example.com/run/5521)",
        1,
        None,
        ("slack:C0INC812/1714564950.004000", "incident812/slack/incident-812/2024-05-01.json#/2"),
    ),
    (
        "2024-05-01T12:03:10.000200Z",
        "slack.incident-812",
        "message",
        "alice",
        "DB check used postgres://app:[REDACTED:url-password]@db.internal:5432/checkout, connections look fine",
        1,
        None,
        ("slack:C0INC812/1714564990.000200", "incident812/slack/incident-812/2024-05-01.json#/3"),
    ),
    (
        "2024-05-01T12:05:03.120000Z",
        "statuspage",
        "status-update",
        "status page",
        "Status page investigating (Elevated checkout errors): We are looking into failed checkouts. [Checkout: operational → partial_outage]",
        1,
        None,
        ("statuspage:upd01xyz", "incident812/statuspage.json#/incident_updates/2"),
    ),
    (
        "2024-05-01T12:08:00Z",
        "pagerduty",
        "escalation",
        "Bob Ops",
        "Escalated to level 2: Carol Ops.",
        1,
        None,
        ("pagerduty:R4ESC00001", "incident812/pagerduty-log-entries.json#/log_entries/3"),
    ),
    (
        "2024-05-01T12:10:50.004000Z",
        "slack.incident-812",
        "message",
        "Bob Ops",
        "Rolling back web & api to v1.41 (edited)",
        1,
        None,
        ("slack:C0INC812/1714565450.004000", "incident812/slack/incident-812/2024-05-01.json#/4"),
    ),
    (
        "2024-05-01T12:12:00Z",
        "github.checkout",
        "deploy",
        "bob",
        "Deploy requested: v1.41.0@9a1b2c3 to production (Rollback to v1.41.0)",
        1,
        None,
        ("github:deployment:880002", "incident812/github-deployments.jsonl:5#/deployment"),
    ),
    (
        "2024-05-01T12:12:03.120000Z",
        "statuspage",
        "status-update",
        "status page",
        "Status page identified (Elevated checkout errors): We have identified elevated checkout errors and are rolling back a change.",
        1,
        None,
        ("statuspage:upd02xyz", "incident812/statuspage.json#/incident_updates/1"),
    ),
    (
        "2024-05-01T12:12:20Z",
        "k8s.shop",
        "cluster-event",
        "deployment-controller",
        "Deployment/checkout: ScalingReplicaSet: Scaled up replica set checkout-6c8b to 3",
        1,
        None,
        ("k8s:5b1d0c8e-0000-4000-8000-00000000beef", "incident812/k8s-events.json#/items/1"),
    ),
    (
        "2024-05-01T12:14:30Z",
        "github.checkout",
        "deploy",
        "deploy-bot[bot]",
        "Deploy success: v1.41.0@9a1b2c3 to production (Deployed v1.41.0) https://ci.example.com/run/5530",
        1,
        None,
        (
            "github:deployment_status:990002",
            "incident812/github-deployments.jsonl:6#/deployment_status",
        ),
    ),
    (
        "2024-05-01T12:15:30Z",
        "log.checkout",
        "log",
        "checkout",
        "checkout v1.41.0 started",
        1,
        None,
        ("incident812/checkout.jsonl:9",),
    ),
    (
        "2024-05-01T12:20:45.007000Z",
        "alertmanager",
        "alert-resolved",
        "HighErrorRate",
        "HighErrorRate resolved: 5xx ratio above 5% for 5m",
        1,
        None,
        (
            "alertmanager:5f2c9a1d7e3b4c60@2024-05-01T11:55:30.512000Z:resolved",
            "incident812/alertmanager.jsonl:7#/alerts/0",
        ),
    ),
    (
        "2024-05-01T12:20:50.000100Z",
        "slack.incident-812",
        "message",
        "alertmanager",
        "[RESOLVED] HighErrorRate checkout",
        1,
        None,
        ("slack:C0INC812/1714566050.000100", "incident812/slack/incident-812/2024-05-01.json#/5"),
    ),
    (
        "2024-05-01T12:25:00Z",
        "pagerduty",
        "alert-resolved",
        "Bob Ops",
        "Resolved by Bob Ops: [#812] HighErrorRate checkout: 5xx ratio above 5% for 5m",
        1,
        None,
        ("pagerduty:R5RES00001", "incident812/pagerduty-log-entries.json#/log_entries/4"),
    ),
    (
        "2024-05-01T12:30:00Z",
        "statuspage",
        "status-update",
        "status page",
        "Status page resolved (Elevated checkout errors): Checkout is working normally again. [Checkout: partial_outage → operational]",
        1,
        None,
        ("statuspage:upd03xyz", "incident812/statuspage.json#/incident_updates/0"),
    ),
]
EXPECTED_MOMENTS = [
    (
        "first-symptom",
        "2024-05-01T11:53:05.402000Z",
        0.5,
        ("incident812/checkout.jsonl:3", "incident812/checkout.jsonl:8"),
        "earliest error signal after the last change before detection: payment gateway timeout (request a1b2c3d4e5f6)",
    ),
    (
        "detection",
        "2024-05-01T11:55:30.512000Z",
        0.9,
        (
            "alertmanager:5f2c9a1d7e3b4c60@2024-05-01T11:55:30.512000Z:firing",
            "incident812/alertmanager.jsonl:1#/alerts/0",
            "pagerduty:R1TRIG0001",
            "incident812/pagerduty-log-entries.json#/log_entries/0",
        ),
        "first alert: HighErrorRate firing: 5xx ratio above 5% for 5m",
    ),
    (
        "acknowledgement",
        "2024-05-01T12:01:40Z",
        0.9,
        ("pagerduty:R3ACK00001", "incident812/pagerduty-log-entries.json#/log_entries/2"),
        "first acknowledgement: Acknowledged by Bob Ops.",
    ),
    (
        "escalation",
        "2024-05-01T12:08:00Z",
        0.8,
        ("pagerduty:R4ESC00001", "incident812/pagerduty-log-entries.json#/log_entries/3"),
        "first escalation: Escalated to level 2: Carol Ops.",
    ),
    (
        "mitigation",
        "2024-05-01T12:14:30Z",
        0.9,
        (
            "github:deployment_status:990002",
            "incident812/github-deployments.jsonl:6#/deployment_status",
        ),
        "redeploy of an earlier version finished: Deploy success: v1.41.0@9a1b2c3 to production (Deployed v1.41.0) https://ci.example.com/run/5530",
    ),
    (
        "resolution",
        "2024-05-01T12:25:00Z",
        0.9,
        ("pagerduty:R5RES00001", "incident812/pagerduty-log-entries.json#/log_entries/4"),
        "incident resolved in the paging tool: Resolved by Bob Ops: [#812] HighErrorRate checkout: 5xx ratio above 5% for 5m",
    ),
]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


@pytest.fixture
def in_fixtures(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(FIXTURES)
    return FIXTURES


def test_six_source_incident_merges_into_the_exact_timeline(in_fixtures: Path) -> None:
    result = build([Path("incident812")])

    actual = [
        (_iso(e.at), e.source, e.kind.value, e.actor, e.text, e.count, _iso(e.ended_at), e.evidence)
        for e in result.events
    ]
    assert actual == [tuple(row) for row in EXPECTED_EVENTS]
    assert [(f.name, f.format, f.records) for f in result.files] == [
        ("incident812/alertmanager.jsonl", "alertmanager", 11),
        ("incident812/checkout.jsonl", "jsonlog", 9),
        ("incident812/github-deployments.jsonl", "github", 9),
        ("incident812/k8s-events.json", "kubernetes", 2),
        ("incident812/pagerduty-log-entries.json", "pagerduty", 5),
        ("incident812/slack", "slack", 5),
        ("incident812/statuspage.json", "statuspage", 3),
    ]


def test_six_source_incident_key_moments_and_metrics(in_fixtures: Path) -> None:
    result = build([Path("incident812")])

    moments = [
        (m.kind.value, _iso(m.at), m.confidence, m.evidence, m.reason) for m in result.key_moments
    ]
    assert moments == [tuple(row) for row in EXPECTED_MOMENTS]
    assert result.metrics.time_to_detect == 145.11
    assert result.metrics.time_to_acknowledge == 514.598
    assert result.metrics.time_to_mitigate == 1284.598
    assert result.metrics.time_to_resolve == 1914.598


def test_six_source_incident_report_counts(in_fixtures: Path) -> None:
    result = build([Path("incident812")])

    assert result.stats.records == 44
    assert result.stats.duplicates == 6
    assert result.stats.correlated == 1
    assert result.stats.collapsed == 9
    assert result.stats.trimmed == 3
    assert result.redactions == {"url-password": 1}


def test_building_twice_gives_the_same_events(in_fixtures: Path) -> None:
    first = build([Path("incident812")])
    second = build([Path("incident812"), Path("incident812/checkout.jsonl")])

    assert first.events == second.events


def test_known_incident_window_trims_to_the_given_times(in_fixtures: Path) -> None:
    options = BuildOptions(
        incident_start=datetime(2024, 5, 1, 12, 0, tzinfo=UTC),
        incident_end=datetime(2024, 5, 1, 12, 5, tzinfo=UTC),
    )

    result = build([Path("incident812")], options)

    assert _iso(result.events[0].at) == "2024-05-01T11:48:02Z"
    assert _iso(result.events[-1].at) == "2024-05-01T12:30:00Z"
    assert result.stats.trimmed == 3


def test_a_malformed_file_stops_the_build_naming_file_and_line(
    in_fixtures: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "app.jsonl"
    bad.write_text('{"ts": 1714564395.5, "msg": "ok"}\n{"ts": 1714564395.6, "msg": \n')

    with pytest.raises(ReadError) as caught:
        build([Path("incident812"), bad])

    assert caught.value.line == 2
    assert str(caught.value).startswith(f"{bad.as_posix()}, line 2: not valid JSON")


def test_evidence_is_named_relative_to_the_working_folder_however_it_is_spelled(
    in_fixtures: Path,
) -> None:
    spellings = [
        Path("incident812/checkout.jsonl"),
        Path("./incident812/../incident812/checkout.jsonl"),
        in_fixtures / "incident812" / "checkout.jsonl",
    ]

    names = [build([path]).files[0].name for path in spellings]

    assert names == ["incident812/checkout.jsonl"] * 3


@pytest.mark.parametrize("workers", [2, 3])
def test_worker_processes_give_the_same_build_as_one_process(
    in_fixtures: Path, workers: int
) -> None:
    inputs = [Path("incident812"), Path("incident812/checkout.jsonl")]

    alone = build(inputs, BuildOptions(workers=1))
    parallel = build(inputs, BuildOptions(workers=workers))

    assert parallel.events == alone.events
    assert parallel.key_moments == alone.key_moments
    assert parallel.metrics == alone.metrics
    assert parallel.files == alone.files
    assert parallel.stats == alone.stats
    assert parallel.redactions == alone.redactions
    assert len(parallel.events) == len(EXPECTED_EVENTS)


def test_a_malformed_file_read_by_a_worker_stops_the_build_the_same_way(
    in_fixtures: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "app.jsonl"
    bad.write_text('{"ts": 1714564395.5, "msg": "ok"}\n{"ts": 1714564395.6, "msg": \n')

    with pytest.raises(ReadError) as caught:
        build([Path("incident812"), bad], BuildOptions(workers=2))

    assert caught.value.path == bad.as_posix()
    assert caught.value.line == 2
    assert str(caught.value).startswith(f"{bad.as_posix()}, line 2: not valid JSON")


def test_worker_results_pass_through_a_scratch_folder_that_is_removed_afterwards(
    in_fixtures: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch_parent = tmp_path / "tmp"
    scratch_parent.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch_parent))
    bad = tmp_path / "app.jsonl"
    bad.write_text('{"ts": 1714564395.5, "msg": "ok"}\n{"ts": \n')

    built = build(
        [Path("incident812"), Path("incident812/checkout.jsonl")], BuildOptions(workers=2)
    )
    assert len(built.events) == len(EXPECTED_EVENTS)
    assert list(scratch_parent.iterdir()) == []
    with pytest.raises(ReadError):
        build([Path("incident812"), bad], BuildOptions(workers=2))
    assert list(scratch_parent.iterdir()) == []


def test_without_a_writable_temporary_folder_workers_send_their_results_back(
    in_fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(prefix: str) -> str:
        raise PermissionError(13, "Permission denied", prefix)

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    inputs = [Path("incident812"), Path("incident812/checkout.jsonl")]

    assert build(inputs, BuildOptions(workers=2)) == build(inputs, BuildOptions(workers=1))


def test_a_full_temporary_folder_sends_the_results_back_through_the_pool(
    in_fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(path: Path, data: bytes) -> int:
        raise OSError(28, "No space left on device", str(path))

    inputs = [Path("incident812"), Path("incident812/checkout.jsonl")]
    alone = build(inputs, BuildOptions(workers=1))
    monkeypatch.setattr(Path, "write_bytes", full)  # the workers are forked with it

    assert build(inputs, BuildOptions(workers=2)) == alone


def test_workers_report_the_first_malformed_input_in_input_order_even_if_read_later(
    in_fixtures: Path, tmp_path: Path
) -> None:
    # Inputs holding records (alerts here) are read before logs, yet a malformed log given
    # first is the one reported, as a sequential read reports it.
    log = tmp_path / "app.jsonl"
    log.write_text('{"ts": 1714564395.5, "msg": "ok"}\n{"ts": 1714564395.6, "msg": \n')
    alerts = tmp_path / "alerts.jsonl"
    good = (in_fixtures / "incident812" / "alertmanager.jsonl").read_text().splitlines()[0]
    alerts.write_text(good + "\n" + good[:40] + "\n")

    for workers in (1, 2):
        with pytest.raises(ReadError) as caught:
            build([log, alerts], BuildOptions(workers=workers))
        assert (caught.value.path, caught.value.line) == (log.as_posix(), 2)
        with pytest.raises(ReadError) as caught:
            build([alerts, log], BuildOptions(workers=workers))
        assert (caught.value.path, caught.value.line) == (alerts.as_posix(), 2)


def test_the_cycle_collector_is_back_on_after_a_build_even_a_failed_one(
    in_fixtures: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "app.jsonl"
    bad.write_text('{"ts": 1714564395.5, "msg": "ok"}\n{"ts": \n')
    assert gc.isenabled()

    build([Path("incident812/checkout.jsonl")])
    assert gc.isenabled()
    with pytest.raises(ReadError):
        build([bad])

    assert gc.isenabled()


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, int]] = []

    def started(self, name: str, size: int) -> None:
        self.calls.append(("started", name, size))

    def advanced(self, name: str, records: int) -> None:
        self.calls.append(("advanced", name, records))

    def finished(self, name: str, records: int) -> None:
        self.calls.append(("finished", name, records))


def test_worker_processes_report_every_file_started_then_finished_in_order(
    in_fixtures: Path,
) -> None:
    inputs = [Path("incident812/checkout.jsonl"), Path("incident812/alertmanager.jsonl")]
    progress = _Recorder()

    build(inputs, BuildOptions(workers=2), progress)

    sizes = [path.stat().st_size for path in inputs]
    assert progress.calls == [
        ("started", "incident812/checkout.jsonl", sizes[0]),
        ("started", "incident812/alertmanager.jsonl", sizes[1]),
        ("finished", "incident812/checkout.jsonl", 9),
        ("finished", "incident812/alertmanager.jsonl", 11),
    ]


def test_a_file_read_here_reports_its_progress_every_few_records(
    in_fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline_module, "PROGRESS_EVERY", 4)
    inputs = [Path("incident812/checkout.jsonl"), Path("incident812/alertmanager.jsonl")]
    progress = _Recorder()

    build(inputs, BuildOptions(workers=1), progress)

    sizes = [path.stat().st_size for path in inputs]
    assert progress.calls == [
        ("started", "incident812/checkout.jsonl", sizes[0]),
        ("advanced", "incident812/checkout.jsonl", 4),
        ("advanced", "incident812/checkout.jsonl", 8),
        ("finished", "incident812/checkout.jsonl", 9),
        ("started", "incident812/alertmanager.jsonl", sizes[1]),
        ("advanced", "incident812/alertmanager.jsonl", 4),
        ("advanced", "incident812/alertmanager.jsonl", 8),
        ("finished", "incident812/alertmanager.jsonl", 11),
    ]
