"""Format detection over every fixture: each real-shaped file finds its own reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from blamefree.ingest.reader import ReadError, detect_format, open_evidence
from tests.ingest._read import FIXTURES

EXPECTED = [
    ("alertmanager/bad-no-startsat.json", "alertmanager"),
    ("alertmanager/grouped.json", "alertmanager"),
    ("github/bad-deployment.jsonl", "github"),
    ("github/bad-git-log.txt", "git"),
    ("github/git-log-default.txt", "git"),
    ("github/git-log-fuller-iso.txt", "git"),
    ("github/git-log-local.txt", "git"),
    ("github/git-log-relative.txt", "git"),
    ("github/git-log-rfc-graph.txt", "git"),
    ("github/git-log.txt", "git"),
    ("github/rest-deployments.json", "github"),
    ("github/rest-statuses.json", "github"),
    ("grafana/bad-naive-starts.json", "grafana"),
    ("grafana/legacy.json", "grafana"),
    ("grafana/notification.json", "grafana"),
    ("grafana/unified-resolved.json", "grafana"),
    ("incident812/alertmanager.jsonl", "alertmanager"),
    ("incident812/checkout.jsonl", "jsonlog"),
    ("incident812/github-deployments.jsonl", "github"),
    ("incident812/k8s-events.json", "kubernetes"),
    ("incident812/pagerduty-log-entries.json", "pagerduty"),
    ("incident812/slack", "slack"),
    ("incident812/statuspage.json", "statuspage"),
    ("jsonlog/bom-crlf.jsonl", "jsonlog"),
    ("jsonlog/cloudwatch-filter.json", "jsonlog"),
    ("jsonlog/gcloud-logging-read.json", "jsonlog"),
    ("jsonlog/mixed.jsonl", "jsonlog"),
    ("jsonlog/more-shapes.jsonl", "jsonlog"),
    ("jsonlog/naive.jsonl", "jsonlog"),
    ("jsonlog/one-line.jsonl", "jsonlog"),
    ("jsonlog/variants.jsonl", "jsonlog"),
    ("kubernetes/bad.json", "kubernetes"),
    ("kubernetes/events-k8s-io-v1.json", "kubernetes"),
    ("kubernetes/events-multi.yaml", "kubernetes"),
    ("kubernetes/events-v1.json", "kubernetes"),
    ("kubernetes/events.yaml", "kubernetes"),
    ("kubernetes/watch-events-api.jsonl", "kubernetes"),
    ("kubernetes/watch-events.json", "kubernetes"),
    ("kubernetes/watch-stream.json", "kubernetes"),
    ("manual/bad.csv", "csv"),
    ("manual/date-time-columns.csv", "csv"),
    ("manual/semicolon-bom-crlf.csv", "csv"),
    ("manual/table-variants.md", "markdown"),
    ("manual/tabs.tsv", "csv"),
    ("manual/timeline.csv", "csv"),
    ("manual/timeline.md", "markdown"),
    ("opsgenie/alerts-list.json", "opsgenie"),
    ("opsgenie/bad-time.json", "opsgenie"),
    ("opsgenie/logs-more.json", "opsgenie"),
    ("opsgenie/logs.json", "opsgenie"),
    ("opsgenie/webhooks.jsonl", "opsgenie"),
    ("pagerduty/bad-missing-time.json", "pagerduty"),
    ("pagerduty/incident.json", "pagerduty"),
    ("pagerduty/legacy-v2.json", "pagerduty"),
    ("pagerduty/log-entries-expanded.json", "pagerduty"),
    ("pagerduty/webhooks-more.jsonl", "pagerduty"),
    ("pagerduty/webhooks.jsonl", "pagerduty"),
    ("slack/bad-ts.json", "slack"),
    ("slack/export-macos.zip", "slack"),
    ("statuspage/bad.json", "statuspage"),
    ("statuspage/public-incidents.json", "statuspage"),
    ("statuspage/webhooks.jsonl", "statuspage"),
    ("syslog/bad.log", "syslog"),
    ("syslog/journalctl.log", "syslog"),
    ("syslog/rfc3164-variants.log", "syslog"),
    ("syslog/rfc3164.log", "syslog"),
    ("syslog/rfc5424-variants.log", "syslog"),
    ("syslog/rfc5424.log", "syslog"),
]


def test_every_fixture_is_listed() -> None:
    files = {
        path.relative_to(FIXTURES).as_posix()
        for path in FIXTURES.rglob("*")
        if path.is_file() and "incident812/slack" not in path.as_posix()
    }
    listed = {relative for relative, _ in EXPECTED} | {"incident812/slack"}

    assert files - listed == set()


@pytest.mark.parametrize(("relative", "expected"), EXPECTED)
def test_each_fixture_is_detected_as_its_own_format(relative: str, expected: str) -> None:
    evidence = open_evidence(FIXTURES / relative, name=relative)

    assert detect_format(evidence).name == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.txt", b"We rolled back at noon and things recovered.\n"),
        ("config.json", b'{"replicas": 3, "image": "checkout:v1.42.0"}\n'),
        ("numbers.jsonl", b"1\n2\n3\n"),
        ("settings.yaml", b"replicas: 3\nimage: checkout\n"),
    ],
)
def test_an_unknown_file_names_every_format_tried(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(ReadError) as caught:
        detect_format(open_evidence(path, name=name))

    assert str(caught.value) == (
        f"{name}: the format was not recognised (tried slack, pagerduty, opsgenie, "
        "alertmanager, grafana, github, kubernetes, statuspage, jsonlog, git, syslog, csv, "
        "markdown); check the file is an export of one of these, or name it with --format"
    )
