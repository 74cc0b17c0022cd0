"""The timeline use cases against a real store (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from blamefree.domain import (
    Conflict,
    EventKind,
    FixedClock,
    Incident,
    IncidentTimes,
    InvalidInput,
    KeyMoment,
    KeyMomentKind,
    NotFound,
    Postmortem,
    TimelineEvent,
)
from blamefree.ingest.pipeline import build
from blamefree.ingest.reader import ReadError
from blamefree.services.timeline import (
    build_timeline,
    fill_times,
    get_timeline,
    merge_events,
    override_key_moment,
    parse_moment_kind,
)
from blamefree.store import Store, open_store

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
NOW = datetime(2024, 5, 2, 9, 0, tzinfo=UTC)


def utc(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2024, 5, 1, hour, minute, second, tzinfo=UTC)


def blank_postmortem(times: IncidentTimes | None = None) -> Postmortem:
    return Postmortem(
        incident=Incident(
            id="INC-812",
            title="Checkout errors after v1.42.0",
            severity="SEV2",
            times=times or IncidentTimes(),
        )
    )


@pytest.fixture
def store(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.chdir(FIXTURES)
    store = open_store(db_url, clock=FixedClock(NOW))
    store.migrate()
    with store.transaction() as uow:
        uow.postmortems.add(blank_postmortem())
    yield store
    store.dispose()


def test_build_stores_the_merged_timeline_moments_and_fills_empty_times(store: Store) -> None:
    expected = build([Path("incident812")])

    result = build_timeline(store, "INC-812", [Path("incident812")])

    assert (result.version, result.built, result.added, result.known) == (2, 25, 25, 0)
    assert result.times_filled == ("started", "detected", "acknowledged", "mitigated", "resolved")
    assert result.redactions == {"url-password": 1}
    assert result.metrics.time_to_detect == 145.11
    assert result.metrics.time_to_resolve == 1914.598
    view = get_timeline(store, "INC-812")
    assert view.events == expected.events
    assert view.key_moments == expected.key_moments
    assert view.metrics == expected.metrics
    with store.transaction(read_only=True) as uow:
        times = uow.postmortems.get_or_raise("INC-812").value.incident.times
    assert times == IncidentTimes(
        started=datetime(2024, 5, 1, 11, 53, 5, 402000, tzinfo=UTC),
        detected=datetime(2024, 5, 1, 11, 55, 30, 512000, tzinfo=UTC),
        acknowledged=datetime(2024, 5, 1, 12, 1, 40, tzinfo=UTC),
        mitigated=datetime(2024, 5, 1, 12, 14, 30, tzinfo=UTC),
        resolved=datetime(2024, 5, 1, 12, 25, tzinfo=UTC),
    )


def test_reimporting_the_same_files_adds_nothing_and_keeps_the_version(store: Store) -> None:
    build_timeline(store, "INC-812", [Path("incident812")])
    before = get_timeline(store, "INC-812")

    again = build_timeline(store, "INC-812", [FIXTURES / "incident812"])

    assert (again.version, again.added, again.known) == (2, 0, 25)
    assert get_timeline(store, "INC-812") == before


def test_a_bad_file_among_good_ones_stores_nothing(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"ts": 1714564395.5, "msg": "ok"}\n{"ts": oops}\n')

    with pytest.raises(ReadError) as caught:
        build_timeline(store, "INC-812", [Path("incident812"), bad])

    assert str(caught.value).startswith(f"{bad.as_posix()}, line 2: not valid JSON")
    view = get_timeline(store, "INC-812")
    assert (view.version, view.events, view.key_moments) == (1, (), ())


def test_unknown_file_names_the_formats_tried_and_stores_nothing(
    store: Store, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.bin"
    notes.write_bytes(b"\x00\x01 not evidence\n")

    with pytest.raises(ReadError, match=r"not recognised \(tried slack, pagerduty, opsgenie"):
        build_timeline(store, "INC-812", [Path("incident812/checkout.jsonl"), notes])

    assert get_timeline(store, "INC-812").version == 1


def test_a_missing_incident_is_refused_with_what_to_run_first(store: Store) -> None:
    with pytest.raises(NotFound) as caught:
        build_timeline(store, "INC-999", [Path("incident812")])

    assert str(caught.value) == (
        "no incident 'INC-999' to attach a timeline to; create it first with "
        "`blamefree new --id INC-999 TITLE` and `blamefree import INC-999.md`"
    )


def test_a_person_override_survives_a_rebuild_and_drives_the_metrics(store: Store) -> None:
    build_timeline(store, "INC-812", [Path("incident812")])

    moment = override_key_moment(
        store, "INC-812", KeyMomentKind.DETECTION, utc(11, 58), actor="ana", note="saw it first"
    )
    rebuilt = build_timeline(store, "INC-812", [Path("incident812")])

    assert moment.reason == "set by ana: saw it first"
    detection = {m.kind: m for m in rebuilt.key_moments}[KeyMomentKind.DETECTION]
    assert (detection.at, detection.overridden, detection.confidence) == (utc(11, 58), True, 1.0)
    view = get_timeline(store, "INC-812")
    assert [m.kind for m in view.key_moments] == list(KeyMomentKind)
    assert view.metrics.time_to_detect == 294.598


def test_override_fills_an_empty_incident_time_but_never_a_written_one(store: Store) -> None:
    override_key_moment(store, "INC-812", KeyMomentKind.MITIGATION, utc(12, 10))
    override_key_moment(store, "INC-812", KeyMomentKind.MITIGATION, utc(12, 12))

    view = get_timeline(store, "INC-812")
    with store.transaction(read_only=True) as uow:
        times = uow.postmortems.get_or_raise("INC-812").value.incident.times
    assert times.mitigated == utc(12, 10)
    assert [(m.at, m.overridden) for m in view.key_moments] == [(utc(12, 12), True)]
    assert view.version == 2


def test_written_times_and_edited_text_are_kept_on_reimport(store: Store) -> None:
    build_timeline(store, "INC-812", [Path("incident812")])
    with store.transaction() as uow:
        current = uow.postmortems.get_or_raise("INC-812")
        pm = current.value
        first = pm.timeline[0].model_copy(update={"text": "Carol asked to deploy v1.42.0"})
        times = pm.incident.times.model_copy(update={"resolved": utc(12, 40)})
        edited = pm.with_timeline((first, *pm.timeline[1:])).model_copy(
            update={"incident": pm.incident.model_copy(update={"times": times})}
        )
        uow.postmortems.update(edited, expected_version=current.version)

    again = build_timeline(store, "INC-812", [Path("incident812")])

    assert (again.added, again.times_filled) == (0, ())
    with store.transaction(read_only=True) as uow:
        stored = uow.postmortems.get_or_raise("INC-812").value
    assert stored.timeline[0].text == "Carol asked to deploy v1.42.0"
    assert stored.incident.times.resolved == utc(12, 40)


def test_a_stale_expected_version_is_a_conflict(store: Store) -> None:
    with pytest.raises(Conflict) as caught:
        build_timeline(store, "INC-812", [Path("incident812")], expected_version=7)

    assert caught.value.current_version == 1
    assert str(caught.value) == (
        "postmortem INC-812 is now at version 1, not 7 (someone saved it meanwhile); reload it "
        "and run the build again"
    )
    assert get_timeline(store, "INC-812").events == ()


def test_merge_events_folds_shared_references_and_adds_the_rest() -> None:
    stored = TimelineEvent(
        at=utc(12, 0), text="Edited by a person", source="alertmanager", evidence=("am:1",)
    )
    typed = TimelineEvent(at=utc(12, 1), text="We rolled back")
    same = TimelineEvent(
        at=utc(12, 0),
        text="HighErrorRate firing",
        source="alertmanager",
        kind=EventKind.ALERT_FIRING,
        evidence=("am:1", "pd:7"),
        count=3,
        ended_at=utc(12, 9),
    )
    new = TimelineEvent(at=utc(12, 2), text="Ack", source="pagerduty", evidence=("pd:8",))

    events, added, known = merge_events([stored, typed], [same, new])

    assert (added, known) == (1, 1)
    assert events == [
        stored.model_copy(
            update={"evidence": ("am:1", "pd:7"), "count": 3, "ended_at": utc(12, 9)}
        ),
        typed,
        new,
    ]


def test_fill_times_skips_a_moment_that_would_run_backwards() -> None:
    written = IncidentTimes(resolved=utc(12, 0))
    moments = [
        KeyMoment(kind=KeyMomentKind.DETECTION, at=utc(11, 50), confidence=0.9),
        KeyMoment(kind=KeyMomentKind.MITIGATION, at=utc(12, 5), confidence=0.9),
        KeyMoment(kind=KeyMomentKind.ESCALATION, at=utc(11, 55), confidence=0.8),
    ]

    times, filled = fill_times(written, moments)

    assert filled == ("detected",)
    assert times == IncidentTimes(detected=utc(11, 50), resolved=utc(12, 0))


def test_moment_names_and_aliases() -> None:
    assert parse_moment_kind("ack") is KeyMomentKind.ACKNOWLEDGEMENT
    assert parse_moment_kind("First_Symptom") is KeyMomentKind.FIRST_SYMPTOM
    with pytest.raises(InvalidInput, match="'paged' is not a key moment; use one of first-symptom"):
        parse_moment_kind("paged")


def test_a_save_during_the_read_is_a_conflict_and_keeps_that_save(store: Store) -> None:
    class SaveMeanwhile:
        def started(self, name: str, size: int) -> None:
            if name.endswith("alertmanager.jsonl"):
                with store.transaction(actor="ana") as uow:
                    current = uow.postmortems.get_or_raise("INC-812")
                    edited = current.value.model_copy(update={"summary": "Ana's summary."})
                    uow.postmortems.update(edited, expected_version=current.version)

        def advanced(self, name: str, records: int) -> None: ...

        def finished(self, name: str, records: int) -> None: ...

    with pytest.raises(Conflict, match="is now at version 2, not 1"):
        build_timeline(store, "INC-812", [Path("incident812")], progress=SaveMeanwhile())

    with store.transaction(read_only=True) as uow:
        stored = uow.postmortems.get_or_raise("INC-812")
    assert (stored.version, stored.value.summary, stored.value.timeline) == (
        2,
        "Ana's summary.",
        (),
    )
