from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blamefree.domain.timeline import EventKind, KeyMoment, KeyMomentKind
from blamefree.ingest import keymoments
from blamefree.ingest.keymoments import (
    MITIGATION_WORDS,
    find_key_moments,
    metrics_from,
    prepare_key_moments,
    says_mitigated,
    with_overrides,
)
from blamefree.ingest.reader import Record

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def rec(minute: float, kind: EventKind, detail: str, text: str, match: str | None = None) -> Record:
    return Record(
        T0 + timedelta(minutes=minute), "src", kind, detail, text, None, f"f:{minute}", match=match
    )


def kinds_at(moments: list[KeyMoment]) -> list[tuple[str, float, float]]:
    return [(m.kind.value, (m.at - T0).total_seconds() / 60, m.confidence) for m in moments]


def test_symptoms_before_the_last_change_are_background_noise() -> None:
    records = [
        rec(-50, EventKind.LOG, "log.error", "old noise"),
        rec(-10, EventKind.DEPLOY, "deploy.success", "Deploy success: v2", match="v2"),
        rec(-8, EventKind.LOG, "log.info", "started"),
        rec(-6, EventKind.CLUSTER_EVENT, "k8s.warning.BackOff", "Pod/x: BackOff"),
        rec(-5, EventKind.LOG, "log.error", "timeout"),
        rec(0, EventKind.ALERT_FIRING, "alert.firing", "HighErrorRate firing"),
    ]

    moments = find_key_moments(records)

    assert kinds_at(moments) == [("first-symptom", -6.0, 0.6), ("detection", 0.0, 0.9)]
    assert moments[0].reason == (
        "earliest error signal after the last change before detection: Pod/x: BackOff"
    )


def test_without_alerts_the_first_page_is_detection() -> None:
    records = [
        rec(0, EventKind.PAGE, "page.sent", "Notified Bob"),
        rec(3, EventKind.ACK, "incident.acknowledged", "Acknowledged by Bob"),
        rec(9, EventKind.MESSAGE, "chat.message", "Failing over to eu-west"),
        rec(20, EventKind.ALERT_RESOLVED, "incident.resolved", "Resolved"),
    ]

    moments = find_key_moments(records)

    assert kinds_at(moments) == [
        ("detection", 0.0, 0.7),
        ("acknowledgement", 3.0, 0.9),
        ("mitigation", 9.0, 0.5),
        ("resolution", 20.0, 0.9),
    ]
    assert metrics_from(moments).time_to_resolve == 1200.0


def test_mitigation_prefers_a_finished_rollback_over_talk_about_it() -> None:
    records = [
        rec(-30, EventKind.DEPLOY, "deploy.success", "Deploy success: v1", match="v1"),
        rec(-10, EventKind.DEPLOY, "deploy.success", "Deploy success: v2", match="v2"),
        rec(0, EventKind.ALERT_FIRING, "alert.firing", "Errors"),
        rec(5, EventKind.MESSAGE, "chat.message", "rolling back now"),
        rec(6, EventKind.CLUSTER_EVENT, "k8s.normal.ScalingReplicaSet", "Scaled up replica set"),
        rec(7, EventKind.DEPLOY, "deploy.requested", "Deploy requested: v1", match="v1"),
        rec(9, EventKind.DEPLOY, "deploy.success", "Deploy success: v1", match="v1"),
        rec(12, EventKind.ALERT_RESOLVED, "alert.resolved", "Errors resolved"),
    ]

    moments = {m.kind: m for m in find_key_moments(records)}

    mitigation = moments[KeyMomentKind.MITIGATION]
    assert (mitigation.at, mitigation.confidence) == (T0 + timedelta(minutes=9), 0.9)
    assert mitigation.reason.startswith("redeploy of an earlier version finished")
    assert moments[KeyMomentKind.RESOLUTION].confidence == 0.7


def test_people_override_computed_moments() -> None:
    computed = [
        KeyMoment(kind=KeyMomentKind.DETECTION, at=T0, confidence=0.9),
        KeyMoment(kind=KeyMomentKind.RESOLUTION, at=T0 + timedelta(hours=1), confidence=0.7),
    ]
    kept = [
        KeyMoment(
            kind=KeyMomentKind.RESOLUTION,
            at=T0 + timedelta(minutes=40),
            confidence=1.0,
            overridden=True,
        ),
        KeyMoment(
            kind=KeyMomentKind.FIRST_SYMPTOM,
            at=T0 - timedelta(minutes=5),
            confidence=1.0,
            overridden=True,
        ),
        KeyMoment(kind=KeyMomentKind.ACKNOWLEDGEMENT, at=T0, confidence=0.9),
    ]

    merged = with_overrides(computed, kept)

    assert kinds_at(merged) == [
        ("first-symptom", -5.0, 1.0),
        ("detection", 0.0, 0.9),
        ("resolution", 40.0, 1.0),
    ]
    metrics = metrics_from(merged)
    assert (metrics.time_to_detect, metrics.time_to_acknowledge, metrics.time_to_resolve) == (
        300.0,
        None,
        2700.0,
    )


def test_nothing_to_find_gives_no_moments_and_empty_metrics() -> None:
    moments = find_key_moments([rec(0, EventKind.LOG, "log.info", "fine")])

    assert moments == []
    assert metrics_from(moments).time_to_detect is None


def test_a_redeploy_is_a_rollback_even_when_the_earlier_deploy_is_before_the_window() -> None:
    records = [
        rec(-120, EventKind.DEPLOY, "deploy.success", "Deploy success: v1", match="v1"),
        rec(-10, EventKind.DEPLOY, "deploy.success", "Deploy success: v2", match="v2"),
        rec(0, EventKind.ALERT_FIRING, "alert.firing", "HighErrorRate firing"),
        rec(12, EventKind.DEPLOY, "deploy.success", "Deploy success: v1", match="v1"),
    ]

    moments = find_key_moments(records, since=T0 - timedelta(minutes=30))

    assert kinds_at(moments)[-1] == ("mitigation", 12.0, 0.9)
    assert moments[-1].reason == "redeploy of an earlier version finished: Deploy success: v1"


_WORDISH = st.lists(
    st.sampled_from(
        [
            "Roll",
            "ing",
            "ed",
            "back",
            " ",
            "-",
            "REVERT",
            "s",
            "fail",
            "over",
            "Scal",
            "e",
            "up",
            "out",
            "disable",
            "d",
            "the ",
            "feature ",
            "flag",
            " off",
            "deploy v1.2",
            "ſ",
            "K",
            "é",
            "x",
        ]
    ),
    max_size=8,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_WORDISH, st.text(max_size=30)))
def test_the_mitigation_word_shortcut_equals_the_pattern(text: str) -> None:
    assert says_mitigated(text) == (MITIGATION_WORDS.search(text) is not None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rolling back to v1.41.9", True),
        ("deploy of v1.42.0 to production succeeded", False),
        ("feature flag off for checkout", True),
        ("ſcaled up the pool", True),  # long s folds to s under IGNORECASE: regex path
    ],
)
def test_mitigation_words_on_typical_texts(text: str, expected: bool) -> None:
    assert says_mitigated(text) is expected


def _every_record_scored(
    records: list[Record], detection: Record, history: list[Record]
) -> tuple[Record, float, str] | None:
    """The mitigation rule as first written: score every record after detection."""
    earlier = [r.match for r in history if r.at < detection.at and r.kind is EventKind.DEPLOY]
    refs = [ref for ref in earlier if ref]
    previous = {ref for ref in refs if ref != (refs[-1] if refs else None)}
    best: tuple[Record, float, str] | None = None
    for record in records:
        if record.at < detection.at:
            continue
        scored = keymoments._mitigation_score(record, previous)
        if scored is not None and (best is None or scored[0] > best[1]):
            best = (record, *scored)
    return best


_MITIGATION_CASES = st.tuples(
    st.integers(-5, 30),
    st.sampled_from(
        [
            (EventKind.DEPLOY, "deploy.success"),
            (EventKind.DEPLOY, "deploy.requested"),
            (EventKind.DEPLOY, "deploy.failure"),
            (EventKind.CONFIG_CHANGE, "config.change"),
            (EventKind.CLUSTER_EVENT, "k8s.normal.ScalingReplicaSet"),
            (EventKind.MESSAGE, "chat.message"),
            (EventKind.STATUS_UPDATE, "comms.update"),
            (EventKind.LOG, "log.error"),
            (EventKind.ALERT_FIRING, "alert.firing"),
        ]
    ),
    st.sampled_from(["Rolling back", "Scaled up web to 9", "all good", "revert v2", "deploy"]),
    st.sampled_from([None, "v1", "v2", "v3"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MITIGATION_CASES, max_size=25))
def test_mitigation_stops_early_with_the_same_result_as_scoring_every_record(
    cases: list[tuple[int, tuple[EventKind, str], str, str | None]],
) -> None:
    records = [rec(0, EventKind.ALERT_FIRING, "alert.firing", "HighErrorRate firing")]
    records += [
        rec(minute, kind, detail, text, match) for minute, (kind, detail), text, match in cases
    ]
    records.sort(key=lambda r: r.at)
    detection = next(r for r in records if r.kind is EventKind.ALERT_FIRING)

    found = keymoments._mitigation(records, detection, history=records)

    assert found == _every_record_scored(records, detection, records)


_HELD_RECORDS = st.tuples(
    st.integers(-70, 40),
    st.sampled_from(
        [
            (EventKind.DEPLOY, "deploy.success", "Deploy success: v2"),
            (EventKind.DEPLOY, "deploy.requested", "Rolling back to v1"),
            (EventKind.ALERT_FIRING, "alert.firing", "HighErrorRate firing"),
            (EventKind.PAGE, "incident.triggered", "Incident triggered"),
            (EventKind.ACK, "incident.acknowledged", "Acknowledged"),
            (EventKind.ESCALATION, "incident.escalated", "Escalated"),
            (EventKind.CLUSTER_EVENT, "k8s.warning.BackOff", "Pod/x: BackOff"),
            (EventKind.ALERT_RESOLVED, "alert.resolved", "HighErrorRate resolved"),
            (EventKind.ALERT_RESOLVED, "incident.resolved", "Incident resolved"),
            (EventKind.MESSAGE, "chat.message", "failing over now"),
        ]
    ),
)
_LATE_RECORDS = st.tuples(
    st.integers(-70, 40),
    st.sampled_from(
        [
            (EventKind.LOG, "log.error", "timeout"),
            (EventKind.LOG, "log.info", "served"),
            (EventKind.LOG, "log.critical", "disk full"),
            # Not what log lines give; prepared moments must then be found again.
            (EventKind.LOG, "incident.resolved", "resolved, says a log"),
            (EventKind.ALERT_FIRING, "alert.firing", "late alert"),
        ]
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_HELD_RECORDS, max_size=12),
    st.lists(_LATE_RECORDS, max_size=8),
    st.sampled_from([None, -40, 0]),
)
def test_moments_prepared_before_the_log_lines_give_what_finding_them_at_once_gives(
    held: list[tuple[int, tuple[EventKind, str, str]]],
    late: list[tuple[int, tuple[EventKind, str, str]]],
    since_minute: int | None,
) -> None:
    settled = [rec(minute, kind, detail, text) for minute, (kind, detail, text) in held]
    lines = [rec(minute, kind, detail, text) for minute, (kind, detail, text) in late]
    settled.sort(key=lambda r: r.at)
    everything = sorted([*settled, *lines], key=lambda r: r.at)  # stable: settled first on ties
    since = None if since_minute is None else T0 + timedelta(minutes=since_minute)

    prepared = prepare_key_moments(settled, since=since)

    assert find_key_moments(everything, since=since, prepared=prepared) == find_key_moments(
        everything, since=since
    )
