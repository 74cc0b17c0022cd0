from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from blamefree.ingest.reader import ReadContext, ReadError, open_evidence
from blamefree.ingest.readers import jsonlog as jsonlog_module
from blamefree.ingest.readers.jsonlog import JsonLogReader
from tests.ingest._read import iso, read, rows


def test_producers_time_keys_levels_and_units_are_understood() -> None:
    fmt, records = read("incident812/checkout.jsonl")

    assert fmt == "jsonlog"
    assert rows(records)[2:5] == [
        (
            "2024-05-01T11:53:05.402000Z",
            "log.checkout",
            "log",
            "log.error",
            "checkout",
            "payment gateway timeout (request a1b2c3d4e5f6)",
        ),
        (
            "2024-05-01T11:53:15.500000Z",
            "log.checkout",
            "log",
            "log.error",
            "checkout",
            "payment gateway timeout (request 0f9e8d7c6b5a)",
        ),
        (
            "2024-05-01T11:54:00Z",
            "log.checkout",
            "log",
            "log.error",
            "checkout",
            "payment gateway timeout (request 99aa88bb77cc)",
        ),
    ]


def test_docker_nanoseconds_offsets_and_epoch_microseconds() -> None:
    _, records = read("jsonlog/mixed.jsonl")

    assert rows(records) == [
        ("2024-05-01T12:03:07.123456Z", "log.mixed", "log", "log.info", None, "GET /health 200"),
        (
            "2024-05-01T12:03:08.500000Z",
            "log.checkout",
            "log",
            "log.warning",
            "checkout",
            "slow payment call",
        ),
        (
            "2024-05-01T12:03:20.123456Z",
            "log.mixed",
            "log",
            "log.error",
            "web-2",
            "db pool exhausted",
        ),
    ]
    assert [r.ref for r in records] == [
        "jsonlog/mixed.jsonl:1",
        "jsonlog/mixed.jsonl:2",
        "jsonlog/mixed.jsonl:4",
    ]


def test_naive_times_are_refused_without_tz() -> None:
    with pytest.raises(ReadError) as caught:
        read("jsonlog/naive.jsonl")

    assert str(caught.value) == (
        "jsonlog/naive.jsonl, line 1, field 'timestamp': '2024-05-01 14:03:08,250' has no "
        "timezone; pass --tz with the zone these times were written in (e.g. --tz "
        "Europe/Berlin, or --tz UTC)"
    )


def test_naive_times_take_tz_and_are_marked_approximate() -> None:
    _, records = read("jsonlog/naive.jsonl", tz="Europe/Berlin")

    assert [(r.at.isoformat(), r.approximate) for r in records] == [
        ("2024-05-01T12:03:08.250000+00:00", True),
        ("2024-05-01T12:03:09+00:00", True),
    ]


def test_ecs_zap_pino_bunyan_logrus_gcp_and_cloudwatch_lines() -> None:
    fmt, records = read("jsonlog/variants.jsonl")

    assert fmt == "jsonlog"
    assert rows(records) == [
        (
            "2024-05-01T12:03:00.123000Z",
            "log.checkout",
            "log",
            "log.error",
            "checkout",
            "payment gateway timeout",
        ),
        (
            "2024-05-01T12:03:01.500000Z",
            "log.payments",
            "log",
            "log.error",
            "payments",
            "retry exhausted",
        ),
        ("2024-05-01T12:03:02Z", "log.variants", "log", "log.error", "web-1", "request failed"),
        ("2024-05-01T12:03:03Z", "log.variants", "log", "log.warning", "web-2", "slow upstream"),
        (
            "2024-05-01T12:03:04Z",
            "log.variants",
            "log",
            "log.warning",
            None,
            "pool nearly exhausted",
        ),
        (
            "2024-05-01T12:03:05.123456Z",
            "log.variants",
            "log",
            "log.error",
            None,
            "db connection refused",
        ),
        (
            "2024-05-01T12:03:06Z",
            "log.variants",
            "log",
            "log.info",
            None,
            '{"level":"info","msg":"healthcheck ok"}',
        ),
    ]


def test_cloud_logging_serilog_python_and_named_service_lines() -> None:
    fmt, records = read("jsonlog/more-shapes.jsonl", tz="Europe/Berlin")

    assert fmt == "jsonlog"
    assert rows(records) == [
        (
            "2024-05-01T12:03:05.123000Z",
            "log.more-shapes",
            "log",
            "log.warning",
            None,
            "queue depth high",
        ),
        (
            "2024-05-01T12:03:06.500000Z",
            "log.more-shapes",
            "log",
            "log.error",
            None,
            "Payment {PaymentId} failed",
        ),
        (
            "2024-05-01T12:03:07.250000Z",
            "log.more-shapes",
            "log",
            "log.error",
            None,
            "card processor unreachable",
        ),
        ("2024-05-01T12:03:08Z", "log.payments", "log", "log.info", "payments", "retrying"),
        (
            "2024-05-01T12:03:09Z",
            "log.more-shapes",
            "log",
            "log.error",
            None,
            "upstream connect error",
        ),
    ]
    assert [r.approximate for r in records] == [False, False, True, False, False]


def test_cloudwatch_filter_log_events_output_unwraps_json_messages() -> None:
    fmt, records = read("jsonlog/cloudwatch-filter.json")

    assert fmt == "jsonlog"
    assert rows(records) == [
        (
            "2024-05-01T12:03:06Z",
            "log.cloudwatch-filter",
            "log",
            "log.error",
            None,
            "payment gateway timeout",
        ),
        (
            "2024-05-01T12:03:07.250000Z",
            "log.cloudwatch-filter",
            "log",
            "log.info",
            None,
            "START RequestId: r-2 Version: $LATEST",
        ),
    ]
    assert [r.ref for r in records] == [
        "jsonlog/cloudwatch-filter.json#/events/0",
        "jsonlog/cloudwatch-filter.json#/events/1",
    ]


def test_remembered_levels_give_what_each_line_alone_gives(tmp_path: Path) -> None:
    levels = [
        {"level": 40},
        {"level": "40"},
        {"level": True},
        {"level": 40.0},
        {"log.level": "WARN"},
        {"log.level": ""},
        {"level": 1},
        {"level": "Info"},
        {"log.level": "WARN", "severity": "error"},
        {"level": None, "log.level": "err"},
        {"severity": "critical"},
        {"level": 40},
        {"log.level": "WARN"},
    ]
    lines = [{"ts": 1714564395.5 + n, "msg": "m", **extra} for n, extra in enumerate(levels)]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(orjson.dumps(line) for line in lines) + b"\n")
    evidence = open_evidence(path, name="mixed.jsonl")

    details = [record.detail for record in JsonLogReader().read(evidence, ReadContext())]

    assert details == [jsonlog_module._level(line) for line in lines]
    assert details[:5] == ["log.warning", "log.40", "log.info", "log.info", "log.warning"]


def test_gcloud_logging_read_json_arrays_read_entry_by_entry() -> None:
    fmt, records = read("jsonlog/gcloud-logging-read.json")

    assert fmt == "jsonlog"
    assert [(iso(r.at), r.detail, r.text, r.ref) for r in records] == [
        (
            "2024-05-01T12:03:08.123456Z",
            "log.error",
            "checkout: upstream payments timed out",
            "jsonlog/gcloud-logging-read.json#/0",
        ),
        (
            "2024-05-01T12:03:09.500000Z",
            "log.info",
            "GET /healthz 200",
            "jsonlog/gcloud-logging-read.json#/1",
        ),
        (
            "2024-05-01T12:20:00Z",
            "log.notice",
            "rollback to v41 requested",
            "jsonlog/gcloud-logging-read.json#/2",
        ),
    ]


def test_an_entry_array_names_the_item_that_has_no_time(tmp_path: Path) -> None:
    path = tmp_path / "entries.json"
    path.write_text(
        '[{"timestamp": "2024-05-01T12:00:00Z", "textPayload": "ok"}, {"textPayload": "x"}]'
    )
    evidence = open_evidence(path, name="entries.json")

    with pytest.raises(ReadError) as caught:
        list(JsonLogReader().read(evidence, ReadContext()))

    assert str(caught.value).startswith("entries.json, at /1: no timestamp found (looked for")
