"""Incident, Severity and IncidentTimes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from blamefree.domain import TIME_FIELDS, IncidentTimes, Severity, Visibility
from tests.builders import at, make_incident, make_times


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("SEV0", Severity.SEV0),
        ("sev1", Severity.SEV1),
        (" Sev-2 ", Severity.SEV2),
        ("SEV 3", Severity.SEV3),
        ("P0", Severity.SEV0),
        ("p1", Severity.SEV1),
        ("P2", Severity.SEV2),
        ("P3", Severity.SEV3),
        ("0", Severity.SEV0),
        (3, Severity.SEV3),
        ("critical", Severity.SEV0),
        ("Major", Severity.SEV1),
        ("high", Severity.SEV1),
        ("MINOR", Severity.SEV2),
        ("medium", Severity.SEV2),
        ("moderate", Severity.SEV2),
        ("low", Severity.SEV3),
        (Severity.SEV2, Severity.SEV2),
    ],
)
def test_severity_accepts_every_spelling_and_keeps_one(written: object, expected: Severity) -> None:
    assert Severity.parse(written) is expected
    assert make_incident(severity=written).severity is expected


@pytest.mark.parametrize("written", ["SEV4", "P4", "4", "-1", "blocker", "", True, 1.0, None])
def test_severity_refuses_unknown_values_and_lists_the_choices(written: object) -> None:
    with pytest.raises(ValueError, match="is not one of SEV0-SEV3, P0-P3, critical, major"):
        Severity.parse(written)


def test_severity_canonical_output_and_rank() -> None:
    assert [s.value for s in Severity] == ["SEV0", "SEV1", "SEV2", "SEV3"]
    assert [s.rank for s in Severity] == [0, 1, 2, 3]
    assert str(Severity.parse("p1")) == "SEV1"


def test_incident_rejects_an_unknown_severity_naming_it() -> None:
    with pytest.raises(ValidationError, match="severity 'urgent' is not one of"):
        make_incident(severity="urgent")


def test_times_are_converted_to_utc() -> None:
    plus_two = timezone(timedelta(hours=2))
    times = IncidentTimes(started=datetime(2026, 3, 4, 16, 2, tzinfo=plus_two))
    assert times.started == datetime(2026, 3, 4, 14, 2, tzinfo=UTC)
    assert times.started.tzinfo is UTC


def test_naive_time_is_refused_not_guessed() -> None:
    with pytest.raises(ValidationError, match=r"time 2026-03-04T14:02:00 has no timezone"):
        IncidentTimes(started=datetime(2026, 3, 4, 14, 2))


def test_out_of_order_times_name_both_fields() -> None:
    with pytest.raises(ValidationError) as info:
        make_times(resolved=at(14, 0))
    message = str(info.value)
    assert (
        "times are out of order: resolved (2026-03-04T14:00:00+00:00) is before "
        "mitigated (2026-03-04T14:51:00+00:00)"
    ) in message
    assert "phases run started -> detected -> acknowledged -> mitigated -> resolved" in message


def test_out_of_order_check_skips_missing_phases() -> None:
    with pytest.raises(ValidationError, match=r"detected \(.*\) is before started"):
        IncidentTimes(started=at(14, 2), detected=at(14, 1))
    with pytest.raises(ValidationError, match=r"resolved \(.*\) is before started"):
        IncidentTimes(started=at(14, 2), resolved=at(13, 0))


def test_equal_times_are_allowed() -> None:
    times = IncidentTimes(detected=at(14, 9), acknowledged=at(14, 9))
    assert times.detected == times.acknowledged == at(14, 9)


def test_get_reads_one_phase_and_refuses_unknown_names() -> None:
    times = make_times()
    assert [times.get(name) for name in TIME_FIELDS] == [
        at(14, 2),
        at(14, 9),
        at(14, 12),
        at(14, 51),
        at(15, 10),
    ]
    with pytest.raises(KeyError):
        times.get("closed")


def test_title_and_labels_are_cleaned() -> None:
    incident = make_incident(
        title="  Checkout\n errors  ",
        services=("checkout", " checkout ", "pay  ments", ""),
        tags=("db",),
        repeat_of=("INC-1", "INC-1"),
    )
    assert incident.title == "Checkout errors"
    assert incident.services == ("checkout", "pay ments")
    assert incident.tags == ("db",)
    assert incident.repeat_of == ("INC-1",)


@pytest.mark.parametrize("title", ["", "   \n "])
def test_empty_title_is_refused(title: str) -> None:
    with pytest.raises(ValidationError, match="title"):
        make_incident(title=title)


@pytest.mark.parametrize("incident_id", ["INC 1", "-INC", "", "a" * 65, "INC/1"])
def test_incident_id_pattern(incident_id: str) -> None:
    with pytest.raises(ValidationError, match="id"):
        make_incident(id=incident_id)


def test_incident_id_allows_dots_dashes_underscores() -> None:
    assert make_incident(id="2026-03-04_checkout.1").id == "2026-03-04_checkout.1"


def test_duration_seconds() -> None:
    assert make_incident().duration_seconds == 68 * 60.0
    assert make_incident(times=IncidentTimes(started=at(14, 2))).duration_seconds is None


def test_incident_is_frozen_and_forbids_extra_fields() -> None:
    incident = make_incident()
    with pytest.raises(ValidationError):
        incident.title = "changed"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="extra"):
        make_incident(owner="Ana")
    assert make_incident().near_miss is False


def test_visibility_values() -> None:
    assert [v.value for v in Visibility] == ["internal", "restricted"]
