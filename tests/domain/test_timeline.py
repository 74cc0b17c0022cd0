"""Timeline events, sorting, response metrics and key moments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from blamefree.domain import (
    EventKind,
    IncidentTimes,
    KeyMoment,
    KeyMomentKind,
    ResponseMetrics,
    response_metrics,
    sort_events,
)
from blamefree.domain.timeline import key_moments_to_times
from tests.builders import at, make_event, make_times


def test_event_defaults() -> None:
    event = make_event()
    assert (event.source, event.kind, event.actor, event.evidence) == (
        "manual",
        EventKind.MANUAL,
        None,
        (),
    )
    assert (event.approximate, event.count, event.ended_at) == (False, 1, None)


def test_event_text_and_actor_are_kept_on_one_line() -> None:
    event = make_event(text="  Error rate\n rises\tagain ", actor=" Ana \n Lima ")
    assert event.text == "Error rate rises again"
    assert event.actor == "Ana Lima"
    assert make_event(actor="   ").actor is None


@pytest.mark.parametrize("text", ["", "  \n\t "])
def test_event_text_must_not_be_empty(text: str) -> None:
    with pytest.raises(ValidationError, match="text"):
        make_event(text=text)


def test_event_time_is_utc_and_naive_is_refused() -> None:
    event = make_event(at=datetime(2026, 3, 4, 9, 2, tzinfo=timezone(timedelta(hours=-5))))
    assert event.at == at(14, 2)
    with pytest.raises(ValidationError, match="has no timezone"):
        make_event(at=datetime(2026, 3, 4, 14, 2))


def test_evidence_refs_are_deduplicated_and_must_be_single_words() -> None:
    event = make_event(evidence=("pd:Q1", " pd:Q1 ", "app.log:12"))
    assert event.evidence == ("pd:Q1", "app.log:12")
    with pytest.raises(ValidationError, match="evidence reference 'app log' must be one word"):
        make_event(evidence=("app log",))
    with pytest.raises(ValidationError, match="evidence reference '' must be one word"):
        make_event(evidence=("  ",))


@pytest.mark.parametrize("source", ["Slack", "", "-x", "a b", "x" * 41])
def test_source_pattern(source: str) -> None:
    with pytest.raises(ValidationError, match="source"):
        make_event(source=source)


def test_count_and_span() -> None:
    burst = make_event(count=12, ended_at=at(14, 30))
    assert (burst.count, burst.ended_at) == (12, at(14, 30))
    with pytest.raises(ValidationError, match="count"):
        make_event(count=0)
    with pytest.raises(ValidationError, match=r"event ends \(2026-03-04T14:00:00\+00:00\) before"):
        make_event(ended_at=at(14, 0))


def test_sort_events_is_chronological_and_stable() -> None:
    first = make_event(at=at(14, 5), text="first at 14:05")
    second = make_event(at=at(14, 5), text="second at 14:05")
    early = make_event(at=at(13, 59), text="early")
    late = make_event(at=at(15, 0), text="late")
    assert [e.text for e in sort_events([late, first, early, second])] == [
        "early",
        "first at 14:05",
        "second at 14:05",
        "late",
    ]
    assert sort_events([]) == ()


def test_response_metrics_measure_from_the_start() -> None:
    metrics = response_metrics(make_times())
    assert metrics == ResponseMetrics(
        time_to_detect=420.0,
        time_to_acknowledge=600.0,
        time_to_mitigate=2940.0,
        time_to_resolve=4080.0,
    )


def test_response_metrics_without_a_start_are_unknown() -> None:
    metrics = response_metrics(IncidentTimes(detected=at(14, 9), resolved=at(15, 10)))
    assert metrics == ResponseMetrics()


def test_response_metrics_with_gaps() -> None:
    metrics = response_metrics(IncidentTimes(started=at(14, 2), resolved=at(14, 3, 30)))
    assert metrics.time_to_detect is None
    assert metrics.time_to_acknowledge is None
    assert metrics.time_to_mitigate is None
    assert metrics.time_to_resolve == 90.0


def _moment(kind: KeyMomentKind, when: datetime) -> KeyMoment:
    return KeyMoment(kind=kind, at=when, confidence=0.9)


def test_key_moments_fill_only_empty_times() -> None:
    base = IncidentTimes(started=at(14, 0), mitigated=at(14, 40))
    moments = [
        _moment(KeyMomentKind.FIRST_SYMPTOM, at(13, 58)),
        _moment(KeyMomentKind.DETECTION, at(14, 9)),
        _moment(KeyMomentKind.ACKNOWLEDGEMENT, at(14, 12)),
        _moment(KeyMomentKind.ESCALATION, at(14, 20)),
        _moment(KeyMomentKind.MITIGATION, at(14, 51)),
        _moment(KeyMomentKind.RESOLUTION, at(15, 10)),
    ]
    times = key_moments_to_times(moments, base)
    assert times == IncidentTimes(
        started=at(14, 0),
        detected=at(14, 9),
        acknowledged=at(14, 12),
        mitigated=at(14, 40),
        resolved=at(15, 10),
    )


def test_key_moments_without_moments_keep_the_base() -> None:
    base = make_times()
    assert key_moments_to_times([], base) == base
    assert key_moments_to_times([], IncidentTimes()) == IncidentTimes()


def test_key_moments_that_run_backwards_are_refused() -> None:
    base = IncidentTimes(resolved=at(14, 0))
    with pytest.raises(ValidationError, match=r"resolved .* is before detected"):
        key_moments_to_times([_moment(KeyMomentKind.DETECTION, at(14, 30))], base)


def test_key_moment_confidence_bounds() -> None:
    assert KeyMoment(kind=KeyMomentKind.DETECTION, at=at(14, 9), confidence=1.0).confidence == 1.0
    for bad in (-0.1, 1.01):
        with pytest.raises(ValidationError, match="confidence"):
            KeyMoment(kind=KeyMomentKind.DETECTION, at=at(14, 9), confidence=bad)


def test_kind_values_are_stable() -> None:
    assert [k.value for k in KeyMomentKind] == [
        "first-symptom",
        "detection",
        "acknowledgement",
        "escalation",
        "mitigation",
        "resolution",
    ]
    assert EventKind("alert-firing") is EventKind.ALERT_FIRING
    assert at(14, 2).tzinfo is UTC
