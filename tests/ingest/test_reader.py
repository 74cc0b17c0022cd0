from __future__ import annotations

import gzip
import json
import pickle
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blamefree.domain.errors import InvalidInput
from blamefree.domain.timeline import EventKind
from blamefree.ingest import reader as reader_module
from blamefree.ingest.reader import (
    RECORD_FIELDS,
    ReadContext,
    ReadError,
    Record,
    detect_format,
    open_evidence,
    peek_evidence,
)
from blamefree.ingest.streams import stripped_lines
from tests.ingest._read import FIXTURES

FORMATS = [
    ("incident812/slack", "slack"),
    ("incident812/pagerduty-log-entries.json", "pagerduty"),
    ("pagerduty/webhooks.jsonl", "pagerduty"),
    ("opsgenie/logs.json", "opsgenie"),
    ("incident812/alertmanager.jsonl", "alertmanager"),
    ("grafana/notification.json", "grafana"),
    ("incident812/github-deployments.jsonl", "github"),
    ("github/git-log.txt", "git"),
    ("incident812/k8s-events.json", "kubernetes"),
    ("kubernetes/events-v1.json", "kubernetes"),
    ("incident812/statuspage.json", "statuspage"),
    ("incident812/checkout.jsonl", "jsonlog"),
    ("syslog/rfc5424.log", "syslog"),
    ("syslog/rfc3164.log", "syslog"),
    ("manual/timeline.csv", "csv"),
    ("manual/timeline.md", "markdown"),
]


@pytest.mark.parametrize(("relative", "expected"), FORMATS)
def test_format_is_detected_from_content(relative: str, expected: str) -> None:
    evidence = open_evidence(FIXTURES / relative, name=relative)

    assert detect_format(evidence).name == expected


@pytest.mark.parametrize(("relative", "expected"), FORMATS)
def test_a_peek_at_the_head_opens_line_and_text_files_as_the_full_open_does(
    relative: str, expected: str
) -> None:
    full = open_evidence(FIXTURES / relative, name=relative)

    peeked = peek_evidence(FIXTURES / relative, name=relative)

    if full.shape in ("jsonl", "text"):
        assert peeked == full
        assert detect_format(peeked).name == expected
    else:  # a whole JSON document, a folder: the head does not decide it
        assert peeked is None


def test_a_peek_gives_nothing_for_what_only_a_full_read_can_tell(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n\n")
    one_line = tmp_path / "one.jsonl"
    one_line.write_bytes(b'{"ts": 1714564395.5, "msg": "ok"}\n')
    broken = tmp_path / "broken.jsonl"
    broken.write_bytes(b'{"ts": \n{"ts": 1}\n')
    yaml_list = tmp_path / "events.yaml"
    yaml_list.write_bytes(b"apiVersion: v1\nkind: List\nitems: []\n")
    lines = tmp_path / "two.jsonl.gz"
    lines.write_bytes(gzip.compress(b'{"ts": 1}\n{"ts": 2}\n'))

    assert [peek_evidence(p) for p in (empty, one_line, broken, yaml_list, tmp_path)] == [None] * 5
    peeked = peek_evidence(lines)
    assert peeked is not None and (peeked.shape, peeked.first) == ("jsonl", {"ts": 1})


def test_unknown_content_names_every_format_tried(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("we should look at the dashboards\n")

    with pytest.raises(ReadError) as caught:
        detect_format(open_evidence(path, name="notes.txt"))

    assert str(caught.value) == (
        "notes.txt: the format was not recognised (tried slack, pagerduty, opsgenie, "
        "alertmanager, grafana, github, kubernetes, statuspage, jsonlog, git, syslog, csv, "
        "markdown); check the file is an export of one of these, or name it with --format"
    )


def test_format_override_and_unknown_override(tmp_path: Path) -> None:
    path = tmp_path / "events.log"
    path.write_text(
        '{"time": "2024-05-01T12:00:00Z", "msg": "x"}\n{"time": 1714564800, "msg": "y"}\n'
    )
    evidence = open_evidence(path, name="events.log")

    assert detect_format(evidence, "jsonlog").name == "jsonlog"
    with pytest.raises(ReadError, match=r"unknown format 'logfmt'; use one of slack, "):
        detect_format(evidence, "logfmt")


def test_gzip_json_lines_are_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "app.jsonl.gz"
    with gzip.open(path, "wt") as handle:
        handle.write('{"ts": 1714564395.5, "level": "error", "msg": "boom"}\n')
        handle.write('{"ts": 1714564396.5, "level": "info", "msg": "ok"}\n')
    evidence = open_evidence(path, name="app.jsonl.gz")

    records = list(detect_format(evidence).read(evidence, ReadContext()))

    assert [(r.detail, r.text, r.ref) for r in records] == [
        ("log.error", "boom", "app.jsonl.gz:1"),
        ("log.info", "ok", "app.jsonl.gz:2"),
    ]


def test_broken_json_document_is_reported_as_such(tmp_path: Path) -> None:
    path = tmp_path / "alerts.json"
    path.write_text('{"alerts": [\n  {"status": "firing",\n')

    with pytest.raises(ReadError) as caught:
        open_evidence(path, name="alerts.json")

    assert str(caught.value).startswith("alerts.json: looks like JSON but does not parse (")


def test_missing_path_and_error_fields() -> None:
    with pytest.raises(ReadError) as caught:
        open_evidence(Path("/nonexistent/evidence.json"), name="evidence.json")

    error = caught.value
    assert isinstance(error, InvalidInput)
    assert (error.path, error.line, error.field) == ("evidence.json", None, None)
    assert str(error) == "evidence.json: no such file or folder; check the path"


def test_read_error_survives_pickling_with_every_field() -> None:
    error = ReadError("app.jsonl", "not valid JSON", line=3, offset="/alerts/0", field="ts")

    copy = pickle.loads(pickle.dumps(error))

    assert isinstance(copy, ReadError)
    assert (copy.path, copy.reason, copy.line, copy.offset, copy.field) == (
        "app.jsonl",
        "not valid JSON",
        3,
        "/alerts/0",
        "ts",
    )
    assert str(copy) == "app.jsonl, line 3, at /alerts/0, field 'ts': not valid JSON"


def test_record_survives_pickling_with_every_slot() -> None:
    at = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    record = Record(
        at,
        "k8s.shop",
        EventKind.CLUSTER_EVENT,
        "k8s.warning.BackOff",
        "Pod/a: BackOff: restarting",
        "kubelet",
        "k8s.json#/items/0",
        key="k8s:uid-1",
        match="a",
        approximate=True,
        count=4,
        ended_at=datetime(2024, 5, 1, 12, 5, tzinfo=UTC),
    )
    record.last_ref, record.refs, record.seq, record.origin = "k8s.json#/items/9", ["r1"], 7, 2

    copy = pickle.loads(pickle.dumps(record))

    assert [getattr(copy, name) for name in RECORD_FIELDS] == [
        getattr(record, name) for name in RECORD_FIELDS
    ]
    assert copy.kind is EventKind.CLUSTER_EVENT


def _records(path: Path) -> tuple[str, list[tuple[object, ...]]]:
    evidence = open_evidence(path, name=path.name)
    reader = detect_format(evidence)
    rows = [
        tuple(getattr(record, name) for name in RECORD_FIELDS)
        for record in reader.read(evidence, ReadContext())
    ]
    return reader.name, rows


@pytest.mark.parametrize(
    "relative",
    [
        "incident812/k8s-events.json",
        "incident812/pagerduty-log-entries.json",
        "incident812/statuspage.json",
        "grafana/notification.json",
    ],
)
def test_big_json_documents_stream_to_the_same_records(
    relative: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = FIXTURES / relative
    whole = _records(path)
    monkeypatch.setattr(reader_module, "STREAM_MIN_BYTES", 0)

    evidence = open_evidence(path, name=path.name)
    streamed = _records(path)

    assert evidence.text is not None
    assert streamed == whole


def test_a_big_kubernetes_list_is_parsed_one_event_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader_module, "STREAM_MIN_BYTES", 0)
    event = {
        "kind": "Event",
        "metadata": {"uid": "u"},
        "involvedObject": {"kind": "Pod", "name": "web-1"},
        "reason": "BackOff",
        "message": "restarting",
        "type": "Warning",
        "firstTimestamp": "2024-05-01T12:00:00Z",
    }
    path = tmp_path / "events.json"
    items = [orjson.dumps({**event, "metadata": {"uid": f"u{n}"}}).decode() for n in range(3)]
    path.write_text(
        '{"apiVersion": "v1", "items": [\n' + ",\n".join(items) + '\n], "kind": "List"}'
    )

    evidence = open_evidence(path, name="events.json")
    name, rows = _records(path)

    assert evidence.first == {
        "apiVersion": "v1",
        "items": [{**event, "metadata": {"uid": "u0"}}],
        "kind": "List",
    }
    assert evidence.spans is not None and len(evidence.spans["items"]) == 3
    assert name == "kubernetes"
    slot = {name: index for index, name in enumerate(RECORD_FIELDS)}
    assert [(row[slot["key"]], row[slot["ref"]]) for row in rows] == [
        ("k8s:u0", "events.json#/items/0"),
        ("k8s:u1", "events.json#/items/1"),
        ("k8s:u2", "events.json#/items/2"),
    ]


@pytest.mark.parametrize(
    "content",
    [
        '{"items": [{"a": 1},]}',
        '{"items": [{"a": 1}], }',
        '{"items": [{"a": NaN}]}',
        '{"items": [{"a": 1}]} trailing',
        '{"items": [{"a": 1}, {"b": "\\ud800"}]}',
    ],
)
def test_a_big_document_that_does_not_parse_is_reported_as_when_read_whole(
    content: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "doc.json"
    path.write_text(content)
    with pytest.raises(ReadError) as whole:
        list(
            detect_format(evidence := open_evidence(path, name="doc.json")).read(
                evidence, ReadContext()
            )
        )
    monkeypatch.setattr(reader_module, "STREAM_MIN_BYTES", 0)

    with pytest.raises(ReadError) as streamed:
        evidence = open_evidence(path, name="doc.json")
        assert evidence.array_items("items") is None or content.endswith('"}]}')
        list(evidence.array_items("items") or [])

    assert str(streamed.value) == str(whole.value)
    assert str(whole.value).startswith("doc.json: looks like JSON but does not parse (")


_JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet=st.sampled_from('ab"\\{}[],: \n\t\u00e9\u2028'), max_size=12),
)
_JSON_VALUES = st.recursive(
    _JSON_LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(alphabet=st.sampled_from('k"\\}{'), max_size=4), inner, max_size=4),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_JSON_VALUES, st.dictionaries(st.just("a"), _JSON_VALUES)), max_size=6),
    st.sampled_from([None, 1, 4]),
)
def test_the_byte_scan_delimits_array_items_as_the_json_scanner_does(
    items: list[object], indent: int | None
) -> None:
    # json.dumps escapes every non-ASCII character, so the document is ASCII.
    text = json.dumps({"apiVersion": "v1", "items": items, "kind": "List"}, indent=indent)

    scanned = reader_module._sketch(text, text.encode("ascii"))

    assert scanned == reader_module._sketch(text)


@pytest.mark.parametrize(
    ("data", "at", "end"),
    [
        (b'[{"a": "}"}, 1]', 1, 11),
        (b'{"a": "\\"}"}', 0, 12),
        (b'{"a": [1, {"b": 2}]} ', 0, 20),
        (b'{"a": 1', 0, -1),
        (b'"text"', 0, -1),
        (b"", 0, -1),
    ],
)
def test_an_item_ends_at_its_closing_bracket_outside_strings(
    data: bytes, at: int, end: int
) -> None:
    assert reader_module._item_end(data, at) == end


_REFS = st.sampled_from(["a.log:1", "a.log:1 ", "a log:1", "k8s:u1", "", " ", "a.log:2"])


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.none(), _REFS),
    _REFS,
    st.one_of(st.none(), st.lists(_REFS, max_size=3)),
    st.one_of(st.none(), _REFS),
)
def test_evidence_lists_each_reference_once_in_order(
    key: str | None, ref: str, refs: list[str] | None, last_ref: str | None
) -> None:
    record = Record(
        datetime(2024, 5, 1, tzinfo=UTC), "log", EventKind.LOG, "log.info", "x", None, ref, key
    )
    record.refs = refs
    record.last_ref = last_ref
    every = [r for r in (key, ref, *(refs or []), last_ref) if r is not None]

    expected = tuple(dict.fromkeys("%20".join(r.split()) for r in every))

    assert record.evidence() == expected


_JSONL_PIECES = st.sampled_from(
    [b'{"a": 1}', b"[2]", b"3", b" ", b"\t", b"\r", b"\xef\xbb\xbf", b'"x"', b"\n", b"\r\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_JSONL_PIECES, max_size=4).map(b"".join), max_size=6))
def test_json_lines_walked_in_blocks_equal_parsing_each_stripped_line(
    tmp_path_factory: pytest.TempPathFactory, lines: list[bytes]
) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "lines.jsonl"
    path.write_bytes(b"\n".join(lines))
    evidence = reader_module.Evidence(path, "lines.jsonl", "jsonl", b"")
    try:
        expected: object = [(n, orjson.loads(line)) for n, line in stripped_lines(path)]
    except orjson.JSONDecodeError:
        expected = "refused"
    try:
        found: object = list(evidence.json_lines())
    except ReadError:
        found = "refused"

    assert found == expected
