from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blamefree.domain.timeline import EventKind
from blamefree.ingest import merge as merge_module
from blamefree.ingest.merge import MergeOptions, Merger, MergeStats, Partial, trim
from blamefree.ingest.reader import RECORD_FIELDS, Record

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def rec(
    minute: float,
    text: str,
    *,
    kind: EventKind = EventKind.LOG,
    source: str = "log.app",
    detail: str = "log.error",
    key: str | None = None,
    match: str | None = None,
    ref: str | None = None,
    count: int = 1,
    ended_minute: float | None = None,
) -> Record:
    return Record(
        T0 + timedelta(minutes=minute),
        source,
        kind,
        detail,
        text,
        None,
        ref or f"{source}:{minute}",
        key=key,
        match=match,
        count=count,
        ended_at=T0 + timedelta(minutes=ended_minute) if ended_minute is not None else None,
    )


def test_repeated_log_lines_with_varying_ids_collapse_into_one_burst() -> None:
    merger = Merger()
    for minute, request in ((0, "a1b2c3d4e5"), (5, "ffee00112233"), (12, "0099aabbccdd")):
        merger.add(rec(minute, f"gateway timeout (request {request}, try 3)"))

    [burst] = merger.finish()

    assert (burst.text, burst.count) == ("gateway timeout (request a1b2c3d4e5, try 3)", 3)
    assert burst.ended_at == T0 + timedelta(minutes=12)
    assert burst.evidence() == ("log.app:0", "log.app:12")
    assert merger.stats.collapsed == 2


def test_a_gap_longer_than_the_collapse_gap_starts_a_new_burst() -> None:
    merger = Merger(MergeOptions(collapse_gap=timedelta(minutes=10)))
    for minute in (0, 4, 30):
        merger.add(rec(minute, "gateway timeout"))

    bursts = merger.finish()

    assert [(b.at, b.count) for b in bursts] == [(T0, 2), (T0 + timedelta(minutes=30), 1)]


def test_out_of_order_lines_give_the_same_bursts_as_sorted_lines() -> None:
    minutes = [40, 0, 20, 10, 30, 100, 90]
    shuffled, ordered = Merger(), Merger()
    for minute in minutes:
        shuffled.add(rec(minute, "disk full"))
    for minute in sorted(minutes):
        ordered.add(rec(minute, "disk full"))

    def spans(merger: Merger) -> list[tuple[datetime, datetime | None, int]]:
        return [(b.at, b.ended_at, b.count) for b in merger.finish()]

    assert (
        spans(shuffled)
        == spans(ordered)
        == [
            (T0, T0 + timedelta(minutes=40), 5),
            (T0 + timedelta(minutes=90), T0 + timedelta(minutes=100), 2),
        ]
    )


def test_natural_key_duplicates_are_skipped_and_updates_grow_the_span() -> None:
    merger = Merger()
    merger.add(
        rec(0, "BackOff", kind=EventKind.CLUSTER_EVENT, key="k8s:u1", count=3, ended_minute=5)
    )
    merger.add(
        rec(0, "BackOff", kind=EventKind.CLUSTER_EVENT, key="k8s:u1", count=9, ended_minute=20)
    )

    [event] = merger.finish()

    assert (event.count, event.ended_at) == (9, T0 + timedelta(minutes=20))
    assert merger.stats.duplicates == 1


def test_alert_and_the_page_it_caused_become_one_event_with_both_references() -> None:
    merger = Merger()
    merger.add(
        rec(
            0,
            "HighErrorRate firing: 5xx above 5%",
            kind=EventKind.ALERT_FIRING,
            source="alertmanager",
            detail="alert.firing",
            key="am:1",
            match="higherrorrate",
        ),
        origin=1,
    )
    merger.add(
        rec(
            0.5,
            "Triggered: [#812] HighErrorRate checkout",
            kind=EventKind.ALERT_FIRING,
            source="pagerduty",
            detail="alert.triggered",
            key="pd:1",
            match="q1",
        ),
        origin=2,
    )

    [event] = merger.finish()

    assert (event.source, event.text, event.at) == (
        "alertmanager",
        "HighErrorRate firing: 5xx above 5%",
        T0,
    )
    assert event.evidence() == ("am:1", "alertmanager:0", "pd:1", "pagerduty:0.5")
    assert merger.stats.correlated == 1


def test_records_of_one_file_or_too_far_apart_are_not_correlated() -> None:
    merger = Merger()
    alert = {
        "kind": EventKind.ALERT_FIRING,
        "source": "alertmanager",
        "detail": "alert.firing",
        "match": "higherrorrate",
    }
    merger.add(rec(0, "HighErrorRate firing", key="a", **alert), origin=1)  # type: ignore[arg-type]
    merger.add(
        rec(1, "HighErrorRate firing", key="b", ref="x", **alert),  # type: ignore[arg-type]
        origin=1,
    )
    merger.add(
        rec(
            0,
            "Acknowledged by Bob",
            kind=EventKind.ACK,
            source="pagerduty",
            detail="incident.acknowledged",
            key="c",
            match="q1",
        ),
        origin=2,
    )
    merger.add(
        rec(
            3,
            "Acknowledged by Bob",
            kind=EventKind.ACK,
            source="opsgenie",
            detail="incident.acknowledged",
            key="d",
        ),
        origin=3,
    )

    events = merger.finish()

    assert merger.stats.correlated == 0
    assert [(e.key, e.count) for e in events] == [("a", 2), ("c", 1), ("d", 1)]


def test_flapping_alert_collapses_with_count_and_span() -> None:
    merger = Merger()
    for minute in (0, 6, 12):
        merger.add(
            rec(
                minute,
                f"Latency firing ({minute})",
                kind=EventKind.ALERT_FIRING,
                source="alertmanager",
                detail="alert.firing",
                key=f"am:{minute}",
                match="latency",
            )
        )

    [event] = merger.finish()

    assert (event.count, event.ended_at, event.text) == (
        3,
        T0 + timedelta(minutes=12),
        "Latency firing (0)",
    )
    assert event.evidence() == (
        "am:0",
        "alertmanager:0",
        "am:6",
        "alertmanager:6",
        "am:12",
        "alertmanager:12",
    )


def test_ties_are_ordered_by_source_priority_then_arrival() -> None:
    merger = Merger()
    merger.add(rec(0, "chat", kind=EventKind.MESSAGE, source="slack.x", detail="chat.message"))
    merger.add(rec(0, "deploy", kind=EventKind.DEPLOY, source="github.x", detail="deploy.success"))
    merger.add(rec(0, "page", kind=EventKind.PAGE, source="pagerduty", detail="page.sent"))

    assert [e.text for e in merger.finish()] == ["deploy", "page", "chat"]


def test_window_keeps_overlapping_bursts_and_counts_trimmed() -> None:
    stats = MergeStats()
    records = [
        rec(-120, "old"),
        rec(-60, "overlaps", ended_minute=-20),
        rec(10, "inside"),
        rec(200, "late"),
    ]
    options = MergeOptions(before=timedelta(minutes=30), after=timedelta(minutes=30))

    kept = trim(records, T0, T0 + timedelta(minutes=60), options, stats)

    assert [r.text for r in kept] == ["overlaps", "inside"]
    assert stats.trimmed == 2


def test_absorbed_partials_dedupe_keys_across_inputs_and_continue_the_sequence() -> None:
    first, second = Merger(), Merger()
    first.add(rec(1, "Pod/a: BackOff", kind=EventKind.CLUSTER_EVENT, key="k8s:1", count=2), 0)
    first.add(rec(0, "gateway timeout 1"), 0)
    first.add(rec(3, "gateway timeout 2"), 0)
    second.add(rec(2, "gateway timeout 3"), 1)
    second.add(
        rec(
            0.5,
            "Pod/a: BackOff",
            kind=EventKind.CLUSTER_EVENT,
            key="k8s:1",
            count=5,
            ended_minute=9,
        ),
        1,
    )
    second.add(rec(4, "deploy done", kind=EventKind.DEPLOY), 1)
    merged = Merger()

    merged.absorb(first.partial())
    merged.absorb(second.partial())
    result = merged.finish()

    assert [(r.text, r.seq, r.count) for r in result] == [
        ("gateway timeout 1", 2, 3),
        ("Pod/a: BackOff", 1, 5),
        ("deploy done", 6, 1),
    ]
    assert result[0].ended_at == T0 + timedelta(minutes=3)
    assert (result[1].at, result[1].ended_at) == (
        T0 + timedelta(minutes=0.5),
        T0 + timedelta(minutes=9),
    )
    assert merged.stats == MergeStats(records=6, duplicates=1, collapsed=2)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "f",
                "F",
                "0",
                "9",
                "-",
                " ",
                "x",
                "é",
                "٣",
                "deadbeef",
                "12345678",
                "-abcd",
                "-12",
                "cafe",
                "Ab3",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_every_signature_implementation_equals_the_general_pattern(text: str) -> None:
    expected = merge_module._VARIABLE.sub("#", text)

    assert merge_module._regex_signature(text) == expected
    assert merge_module._scanned_signature(text) == expected
    assert merge_module._signature(text) == expected


@pytest.mark.parametrize(
    ("text", "signature"),
    [
        ("request 8da1f1055f73 took 12 ms", "request # took # ms"),
        ("trace deadbeef-12ab-cd34 done", "trace # done"),
        ("id deadbeef-12a x", "id #-#a x"),
        ("shard ab12cd", "shard ab#cd"),
        ("x1deadbeef99", "x#"),
        ("no variables here", "no variables here"),
        ("", ""),
    ],
)
def test_the_scanned_signature_on_typical_log_text(text: str, signature: str) -> None:
    assert merge_module._scanned_signature(text) == signature


def test_a_partial_survives_pickling_with_every_record_slot() -> None:
    merger = Merger()
    merger.add(rec(0, "Pod/a: BackOff", kind=EventKind.CLUSTER_EVENT, key="k8s:1", count=2), 3)
    merger.add(rec(1.5, "deploy done", kind=EventKind.DEPLOY, ended_minute=2.25), 3)
    merger.add(rec(0, "gateway timeout 1"), 3)
    merger.add(rec(2, "gateway timeout 2"), 3)
    berlin = Record(
        datetime(2024, 5, 1, 14, 0, 0, 123456, tzinfo=ZoneInfo("Europe/Berlin")),
        "manual",
        EventKind.MANUAL,
        "manual",
        "noted",
        None,
        "t.md:1",
    )
    merger.add(berlin, 3)
    partial = merger.partial()

    copy = pickle.loads(pickle.dumps(partial))

    def slots(records: list[Record]) -> list[list[object]]:
        return [[getattr(r, name) for name in RECORD_FIELDS] for r in records]

    assert (copy.read, copy.duplicates, copy.collapsed) == (5, 0, 1)
    assert slots(copy.held) == slots(partial.held)
    assert slots(copy.bursts) == slots(partial.bursts)
    assert [r.at.tzinfo for r in copy.held] == [UTC, UTC, ZoneInfo("Europe/Berlin")]
    assert [r.kind for r in copy.held] == [r.kind for r in partial.held]


def test_partial_pickling_carries_every_record_slot() -> None:
    fields = (*merge_module._CONSTRUCTED, *merge_module._SET_AFTER)

    assert sorted(fields) == sorted(RECORD_FIELDS)
    assert len(fields) == len(set(fields))


_HELD_KINDS = [
    (EventKind.ALERT_FIRING, "alertmanager", "alert.firing"),
    (EventKind.ALERT_FIRING, "pagerduty", "alert.triggered"),
    (EventKind.ACK, "pagerduty", "incident.acknowledged"),
    (EventKind.ACK, "opsgenie", "alert.acknowledged"),
    (EventKind.CLUSTER_EVENT, "k8s", "k8s.warning.BackOff"),
    (EventKind.DEPLOY, "github", "deploy.success"),
]
HeldSpec = tuple[int, int, str, str | None, str | None]
_held_spec = st.tuples(
    st.integers(0, 12),  # minute * 2: few, so ties across inputs are common
    st.integers(0, len(_HELD_KINDS) - 1),
    st.sampled_from(["HighErrorRate firing", "checkout acked", "Pod/a: BackOff 7", "v1.4"]),
    st.sampled_from([None, "k1", "k2"]),  # natural key
    st.sampled_from([None, "higherrorrate", "q1"]),  # correlation token
)
_log_spec = st.tuples(st.integers(0, 12), st.sampled_from(["timeout 1", "timeout 22", "slow"]))


def _holding_input(origin: int, specs: list[HeldSpec]) -> Partial:
    merger = Merger()
    for minute, which, text, key, match in specs:
        kind, source, detail = _HELD_KINDS[which]
        record = rec(minute / 2, text, kind=kind, source=source, detail=detail, key=key)
        record.match = match
        merger.add(record, origin)
    return merger.partial(origin)


def _log_input(origin: int, specs: list[tuple[int, str]]) -> Partial:
    merger = Merger()
    for minute, text in specs:
        merger.add(rec(minute / 2, text, ref=f"log{origin}:{minute}"), origin)
    return merger.partial(origin)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.lists(_held_spec, max_size=8), st.tuples(st.lists(_log_spec, max_size=8))),
        min_size=1,
        max_size=5,
    )
)
def test_taking_held_records_early_gives_what_absorbing_in_input_order_gives(
    inputs: list[list[HeldSpec] | tuple[list[tuple[int, str]]]],
) -> None:
    # An input is a list of held records, or a 1-tuple holding a list of log lines.
    def partials() -> list[Partial]:
        return [
            _log_input(origin, specs[0])
            if isinstance(specs, tuple)
            else _holding_input(origin, specs)
            for origin, specs in enumerate(inputs)
        ]

    def outcome(merger: Merger) -> tuple[object, ...]:
        records = merger.finish()
        keys = [merge_module.order_key(r) for r in records]
        assert keys == sorted(keys)  # what sorting everything at the end gave
        rows = [
            (r.at, r.source, r.kind, r.text, r.count, r.ended_at, r.seq, r.evidence())
            for r in records
        ]
        return rows, merger.stats

    in_order = Merger()
    for partial in partials():
        in_order.absorb(partial)
    early = Merger()
    taken = partials()
    for specs, partial in zip(inputs, taken, strict=True):
        if not isinstance(specs, tuple):
            early.take_held(partial)
    early.settle()
    for partial in taken:
        early.absorb(partial)

    assert outcome(early) == outcome(in_order)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.sampled_from(["log.app", "k8s.a", "github.x"]))))
def test_placing_the_bursts_among_ordered_records_equals_sorting_them_together(
    specs: list[tuple[int, str]],
) -> None:
    records = []
    for seq, (minute, source) in enumerate(specs, 1):
        record = rec(minute, "x", source=source)
        record.seq = seq
        records.append(record)
    long = sorted(records[::2], key=merge_module.order_key)
    short = sorted(records[1::2], key=merge_module.order_key)

    placed = merge_module._interleave(long, short)

    assert placed == sorted(records, key=merge_module.order_key)


def test_an_input_holding_records_after_settle_is_refused() -> None:
    merger = Merger()
    holding = Merger()
    holding.add(rec(0, "deploy done", kind=EventKind.DEPLOY), 1)
    merger.settle()

    with pytest.raises(RuntimeError, match="already settled"):
        merger.absorb(holding.partial(1))
    with pytest.raises(RuntimeError, match="already settled"):
        merger.take_held(holding.partial(1))
    with pytest.raises(RuntimeError, match="already settled"):
        merger.add(rec(1, "deploy again", kind=EventKind.DEPLOY, key="d1"), 2)
    merger.add(rec(2, "a log line still joins its burst"), 3)
    assert [r.text for r in merger.finish()] == ["a log line still joins its burst"]


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
        st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2038, 1, 19, 3, 14, 8)),
    )
)
def test_times_cross_between_processes_exactly(naive: datetime) -> None:
    at = naive.replace(tzinfo=UTC)

    wired = merge_module._wire_time(at)
    back = merge_module._unwire_time(pickle.loads(pickle.dumps(wired)))

    assert type(wired) is int
    assert back is not None
    assert (back, back.tzinfo) == (at, UTC)


def test_times_in_other_zones_and_no_time_cross_as_they_are() -> None:
    berlin = datetime(2024, 3, 31, 2, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    edges = [
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(2038, 1, 19, 3, 14, 7, 999999, tzinfo=UTC),
        datetime(2038, 1, 19, 3, 14, 8, tzinfo=UTC),
        datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    ]

    assert merge_module._unwire_time(merge_module._wire_time(berlin)) is berlin
    assert merge_module._unwire_time(merge_module._wire_time(None)) is None
    assert [merge_module._unwire_time(merge_module._wire_time(at)) for at in edges] == edges
