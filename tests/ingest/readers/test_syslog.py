from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blamefree.ingest.reader import (
    RECORD_FIELDS,
    Evidence,
    ReadContext,
    ReadError,
    log_record,
)
from blamefree.ingest.readers import syslog as syslog_module
from tests.ingest._read import read, rows


def test_rfc5424_severity_structured_data_and_nil_values() -> None:
    fmt, records = read("syslog/rfc5424.log")

    assert fmt == "syslog"
    assert rows(records) == [
        (
            "2024-05-01T12:02:11.402000Z",
            "syslog.web-1",
            "log",
            "log.error",
            "checkout",
            "PAYFAIL: payment gateway timeout",
        ),
        ("2024-05-01T12:02:12Z", "syslog.web-1", "log", "log.info", "nginx", "upstream timed out"),
        ("2024-05-01T12:02:13Z", "syslog", "log", "log.notice", None, "(empty message)"),
    ]


def test_rfc3164_year_comes_from_the_incident_across_new_year() -> None:
    _, records = read(
        "syslog/rfc3164.log", tz="UTC", reference=datetime(2025, 1, 1, 0, 30, tzinfo=UTC)
    )

    assert [(r.at.isoformat(), r.approximate, r.actor) for r in records] == [
        ("2024-12-31T23:59:58+00:00", True, "checkout"),
        ("2025-01-01T00:00:03+00:00", True, "checkout"),
        ("2025-01-01T00:00:04+00:00", True, "cron"),
        ("2025-01-01T00:00:05.250000+00:00", False, "sshd"),
    ]


def test_rfc3164_local_time_uses_tz_across_dst() -> None:
    _, records = read(
        "syslog/rfc3164.log",
        tz="America/New_York",
        reference=datetime(2025, 1, 1, 5, 0, tzinfo=UTC),
    )

    assert records[0].at.isoformat() == "2025-01-01T04:59:58+00:00"
    assert records[1].at.isoformat() == "2025-01-01T05:00:03+00:00"


def test_a_line_that_is_not_syslog_names_the_line() -> None:
    with pytest.raises(ReadError) as caught:
        read("syslog/bad.log", tz="UTC", reference=datetime(2024, 5, 1, tzinfo=UTC))

    assert str(caught.value) == (
        "syslog/bad.log, line 2: not a syslog line (expected RFC 5424 '<PRI>1 TIMESTAMP HOST APP "
        "...' or RFC 3164 '<PRI>Mmm dd hh:mm:ss HOST TAG: message')"
    )


def test_rfc3164_without_tz_is_refused_naming_the_line() -> None:
    with pytest.raises(ReadError) as caught:
        read("syslog/rfc3164.log", reference=datetime(2025, 1, 1, 0, 30, tzinfo=UTC))

    assert str(caught.value) == (
        "syslog/rfc3164.log, line 1, field 'TIMESTAMP': RFC 3164 times carry no zone; pass "
        "--tz with the zone this host logs in (e.g. --tz Europe/Berlin, or --tz UTC)"
    )


_PIECES = st.sampled_from(
    ["web-1", "-", "checkout", "a b", "é", "x\ty", '[id k="v"]', "msg", "  ", " ", "ok\u00a0"]
)


@settings(max_examples=400, deadline=None)
@given(
    pri=st.sampled_from(["<14>1", "<3>1", "<191>1", "<192>1", "<1234>1", "<x>1", "<14>2", "14>1"]),
    stamp=st.sampled_from(
        [
            "2024-05-01T12:02:11.402Z",
            "2024-05-01T12:02:11Z",
            "2024-05-01T14:02:11+02:00",
            "2024-05-01T12:02:11.123456789Z",
            "2024-13-01T12:02:11Z",
            "-",
            "2024-05-01T12:02:11",
        ]
    ),
    fields=st.lists(_PIECES, min_size=4, max_size=4),
    rest=st.lists(_PIECES, max_size=4).map(" ".join),
    sd=st.sampled_from(["- ", "-", "", '[a b="c"] ', "-  "]),
)
def test_the_fast_rfc5424_path_gives_the_records_of_the_general_path(
    pri: str, stamp: str, fields: list[str], rest: str, sd: str
) -> None:
    line = " ".join([pri, stamp, *fields]) + " " + sd + rest
    evidence = Evidence(Path("s.log"), "s.log", "text", b"")
    fast = syslog_module._FastRfc5424("s.log").line(line, 7)
    if fast is None:
        return
    match = syslog_module._RFC5424.match(line)
    assert match is not None
    general = syslog_module._rfc5424(evidence, ReadContext(), match, 7)
    assert [getattr(log_record(fast), name) for name in RECORD_FIELDS] == [
        getattr(general, name) for name in RECORD_FIELDS
    ]


_LINE_PIECES = [
    "<14>1 2024-05-01T12:02:11Z web-1 app 7 - - ",
    *("ok", " ", "~", "\t", "\r", "\x00", "\x1f", "\x7f", "é", "\x85", "\xff"),
]


@settings(max_examples=400, deadline=None)
@given(
    body=st.lists(st.sampled_from(_LINE_PIECES), max_size=6).map("".join),
    end=st.sampled_from(["", "\n", "\r\n", "\r\r\n", "\n\n"]),
)
def test_the_printable_check_on_bytes_equals_the_check_on_the_decoded_line(
    body: str, end: str
) -> None:
    raw = (body + end).encode("utf-8") if "\xff" not in body else (body + end).encode("latin-1")
    line = raw.decode("utf-8", "replace").rstrip("\r\n")
    fast = syslog_module._FastRfc5424("s.log")

    assert fast.line(line, 3, raw) == fast.line(line, 3)


def _syslog_rows(relative: str) -> list[tuple[object, ...]]:
    fmt, records = read(relative, tz="UTC", reference=datetime(2024, 5, 1, 12, tzinfo=UTC))
    assert fmt == "syslog"
    return [(r.at.isoformat(), r.source, r.detail, r.actor, r.text, r.ref) for r in records]


def test_journalctl_markers_are_skipped_and_basic_offsets_read() -> None:
    assert _syslog_rows("syslog/journalctl.log") == [
        (
            "2024-05-01T12:02:11+00:00",
            "syslog.web-1",
            "log.info",
            "checkout",
            "payment gateway timeout",
            "syslog/journalctl.log:2",
        ),
        (
            "2024-05-01T12:02:12+00:00",
            "syslog.web-1",
            "log.info",
            "systemd",
            "checkout.service: Main process exited, code=exited, status=1/FAILURE",
            "syslog/journalctl.log:3",
        ),
        (
            "2024-05-01T12:05:00+00:00",
            "syslog.web-1",
            "log.info",
            "kernel",
            "Linux version 6.1.0",
            "syslog/journalctl.log:5",
        ),
    ]


def test_rfc5424_escaped_bracket_in_structured_data_bom_and_nil_fields() -> None:
    assert _syslog_rows("syslog/rfc5424-variants.log") == [
        (
            "2024-05-01T10:02:11.402000+00:00",
            "syslog.web-1.example.com",
            "log.notice",
            "checkout",
            "PAY: gateway timeout",
            "syslog/rfc5424-variants.log:1",
        ),
        (
            "2024-05-01T10:02:12+00:00",
            "syslog",
            "log.info",
            None,
            "no header fields",
            "syslog/rfc5424-variants.log:2",
        ),
        (
            "2024-05-01T10:02:13.000001+00:00",
            "syslog.web-1",
            "log.notice",
            "app",
            "(empty message)",
            "syslog/rfc5424-variants.log:3",
        ),
    ]


def test_rfc3164_space_padded_days_dotted_hosts_pids_and_a_line_without_tag() -> None:
    assert _syslog_rows("syslog/rfc3164-variants.log") == [
        (
            "2024-05-01T12:02:11+00:00",
            "syslog.web-1",
            "log.critical",
            "checkout",
            "payment gateway timeout",
            "syslog/rfc3164-variants.log:1",
        ),
        (
            "2024-05-01T12:02:12+00:00",
            "syslog.web-1.example.com",
            "log.info",
            "kernel",
            "[12345.678] oom-killer invoked",
            "syslog/rfc3164-variants.log:2",
        ),
        (
            "2024-05-01T12:02:13+00:00",
            "syslog.web-1",
            "log.info",
            "CRON",
            "(root) CMD (run-parts /etc/cron.hourly)",
            "syslog/rfc3164-variants.log:3",
        ),
        (
            "2024-05-01T12:02:14+00:00",
            "syslog.web-1",
            "log.info",
            None,
            "something happened without a tag",
            "syslog/rfc3164-variants.log:4",
        ),
    ]
