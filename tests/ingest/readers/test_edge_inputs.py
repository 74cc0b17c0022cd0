"""Inputs every reader meets in real exports: BOM, CRLF, gzip, empty, huge and broken files."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from blamefree.ingest.pipeline import BuildOptions, build
from blamefree.ingest.reader import ReadContext, ReadError, detect_format, open_evidence
from tests.ingest._read import read, rows

CONTEXT = ReadContext(reference=datetime(2024, 5, 1, 12, tzinfo=UTC))


def _read_path(path: Path) -> tuple[str, list[tuple[object, ...]]]:
    evidence = open_evidence(path, name=path.name)
    reader = detect_format(evidence)
    return reader.name, rows(list(reader.read(evidence, CONTEXT)))


def test_json_lines_with_a_byte_order_mark_and_crlf_read_every_line() -> None:
    fmt, records = read("jsonlog/bom-crlf.jsonl")

    assert fmt == "jsonlog"
    assert rows(records) == [
        ("2024-05-01T12:03:00Z", "log.bom-crlf", "log", "log.info", None, "first"),
        ("2024-05-01T12:03:01Z", "log.bom-crlf", "log", "log.error", None, "second"),
    ]
    assert [r.ref for r in records] == ["jsonlog/bom-crlf.jsonl:1", "jsonlog/bom-crlf.jsonl:2"]


def test_a_json_document_with_a_byte_order_mark_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    source = Path(__file__).parent.parent.parent / "fixtures/ingest/kubernetes/events-v1.json"
    path.write_bytes(b"\xef\xbb\xbf" + source.read_bytes().replace(b"\n", b"\r\n"))

    fmt, found = _read_path(path)

    assert fmt == "kubernetes"
    assert found == _read_path(source)[1]


def test_a_log_of_one_line_is_still_a_json_log() -> None:
    fmt, records = read("jsonlog/one-line.jsonl")

    assert fmt == "jsonlog"
    assert rows(records) == [
        ("2024-05-01T12:03:00Z", "log.one-line", "log", "log.error", None, "only line")
    ]


@pytest.mark.parametrize("content", [b"", b"\n\n  \r\n", b"\xef\xbb\xbf"])
def test_an_empty_file_says_it_is_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "evidence.log"
    path.write_bytes(content)

    with pytest.raises(ReadError) as caught:
        open_evidence(path, name="evidence.log")

    assert str(caught.value) == (
        "evidence.log: the file is empty (or only blank lines); export it again or leave it out"
    )


def test_gzip_of_every_text_format_is_read_like_the_plain_file(tmp_path: Path) -> None:
    fixtures = Path(__file__).parent.parent.parent / "fixtures/ingest"
    for relative in ("syslog/rfc5424.log", "pagerduty/webhooks.jsonl", "github/git-log.txt"):
        source = fixtures / relative
        packed = tmp_path / (source.name + ".gz")
        packed.write_bytes(gzip.compress(source.read_bytes()))

        assert _read_path(packed) == _read_path(source)


def test_a_truncated_gzip_names_the_file_instead_of_failing_midway(tmp_path: Path) -> None:
    line = b'{"time":"2024-05-01T12:03:00Z","level":"info","msg":"request served"}\n'
    whole = gzip.compress(line * 5000)
    path = tmp_path / "app.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])

    with pytest.raises(ReadError) as caught:
        build([path], BuildOptions(workers=1))

    message = str(caught.value)
    assert message.startswith(f"{path.as_posix()}: cannot be read to the end after ")
    assert message.endswith(
        "(Compressed file ended before the end-of-stream marker was reached); if it is "
        "compressed, check the download is complete"
    )


def test_a_gzip_header_without_content_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "syslog.gz"
    path.write_bytes(b"\x1f\x8bnot really gzip")

    with pytest.raises(ReadError) as caught:
        open_evidence(path, name="syslog.gz")

    assert str(caught.value).startswith("syslog.gz: cannot be read (")


def test_random_bytes_name_the_formats_tried(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 40)

    with pytest.raises(ReadError) as caught:
        detect_format(open_evidence(path, name="blob.bin"))

    assert str(caught.value) == (
        "blob.bin: the format was not recognised (tried slack, pagerduty, opsgenie, "
        "alertmanager, grafana, github, kubernetes, statuspage, jsonlog, git, syslog, csv, "
        "markdown); check the file is an export of one of these, or name it with --format"
    )


def test_garbage_bytes_inside_json_lines_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "app.jsonl"
    path.write_bytes(
        b'{"time":"2024-05-01T12:03:00Z","msg":"ok"}\n'
        b'{"time":"2024-05-01T12:03:01Z","msg":"ok"}\n'
        b"\xff\xfe{broken\n"
    )

    with pytest.raises(ReadError) as caught:
        _read_path(path)

    assert caught.value.line == 3
    assert str(caught.value).startswith("app.jsonl, line 3: not valid JSON (")


def test_a_huge_single_line_becomes_one_clipped_record(tmp_path: Path) -> None:
    path = tmp_path / "app.jsonl"
    path.write_text('{"time":"2024-05-01T12:03:00Z","msg":"' + "x" * 3_000_000 + '"}\n')
    syslog = tmp_path / "messages"
    syslog.write_text("<11>1 2024-05-01T12:03:00Z web-1 app - - - " + "y" * 3_000_000 + "\n")

    fmt, found = _read_path(path)
    syslog_fmt, syslog_found = _read_path(syslog)

    assert (fmt, syslog_fmt) == ("jsonlog", "syslog")
    assert [len(str(row[5])) for row in found + syslog_found] == [4000, 4000]
    assert str(found[0][5]).endswith("x…")


def test_pretty_printed_documents_back_to_back_read_as_a_list() -> None:
    fmt, records = read("kubernetes/watch-stream.json")

    assert fmt == "kubernetes"
    assert [(r.ref, r.detail, r.count) for r in records] == [
        ("kubernetes/watch-stream.json#/0", "k8s.warning.Unhealthy", 3),
        ("kubernetes/watch-stream.json#/1", "k8s.normal.Killing", 1),
    ]


def test_broken_json_after_a_first_document_still_names_the_position(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_text('{\n  "kind": "Event"\n}\n{"kind": \n')

    with pytest.raises(ReadError) as caught:
        open_evidence(path, name="events.json")

    assert str(caught.value).startswith("events.json: looks like JSON but does not parse (")
