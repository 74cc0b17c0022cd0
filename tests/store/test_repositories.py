from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import inspect

from blamefree.domain import (
    ActionItem,
    ActionStatus,
    ActionType,
    Conflict,
    ContributingFactor,
    EventKind,
    FixedClock,
    Incident,
    IncidentTimes,
    KeyMoment,
    KeyMomentKind,
    NotFound,
    Participant,
    Postmortem,
    Role,
    TimelineEvent,
    WhyStep,
)
from blamefree.store import Store, open_store

T0 = datetime(2026, 3, 4, 14, 2, tzinfo=UTC)


def at(minute: int) -> datetime:
    return T0.replace(minute=minute)


def sample_postmortem(incident_id: str = "INC-7") -> Postmortem:
    return Postmortem(
        incident=Incident(
            id=incident_id,
            title="Checkout errors after a migration",
            severity="P1",
            times=IncidentTimes(started=at(2), detected=at(9), resolved=at(50)),
            services=("checkout-api",),
            tags=("deploy",),
        ),
        participants=(
            Participant(name="Ana Lima", email="ana@example.com", roles=(Role.OWNER,)),
            Participant(name="Bo Chen", roles=(Role.RESPONDER, Role.INCIDENT_COMMANDER)),
        ),
        summary="Checkout returned errors for 48 minutes.",
        timeline=(
            TimelineEvent(at=at(9), text="Alert fired", source="alertmanager",
                          kind=EventKind.ALERT_FIRING, evidence=("am.json:3",), count=3,
                          ended_at=at(12)),
            TimelineEvent(at=at(2), text="Deploy started", source="github",
                          kind=EventKind.DEPLOY, actor="deploy-bot"),
        ),
        factors=(
            ContributingFactor(
                title="Migration held a lock", category="change-management",
                whys=(WhyStep(question="Why?", answer="Because."),),
            ),
        ),
        action_items=(
            ActionItem(description="Add a lock timeout", type=ActionType.PREVENT,
                       owner="Ana Lima", deadline=date(2026, 3, 20)),
            ActionItem(description="Page on lock waits", type=ActionType.DETECT,
                       status=ActionStatus.DONE),
        ),
    )  # fmt: skip


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = open_store(db_url, clock=FixedClock(T0))
    store.migrate()
    yield store
    store.dispose()


def test_add_then_get_returns_the_same_postmortem_at_version_1(store: Store) -> None:
    pm = sample_postmortem()
    with store.transaction() as uow:
        assert uow.postmortems.add(pm) == 1
    with store.transaction(read_only=True) as uow:
        found = uow.postmortems.get_or_raise("INC-7")
    assert found.version == 1
    assert found.value == pm
    assert found.value.timeline[0].text == "Deploy started"
    assert found.value.timeline[1].ended_at == at(12)
    assert found.value.timeline[1].at.tzinfo is UTC


def test_update_bumps_the_version_and_replaces_children(store: Store) -> None:
    with store.transaction() as uow:
        uow.postmortems.add(sample_postmortem())
    changed = sample_postmortem().model_copy(update={"action_items": (), "summary": "New."})
    with store.transaction() as uow:
        assert uow.postmortems.update(changed, expected_version=1) == 2
    with store.transaction() as uow:
        found = uow.postmortems.get_or_raise("INC-7")
        trail = uow.postmortems.audit_trail("INC-7")
    assert (found.version, found.value.summary, found.value.action_items) == (2, "New.", ())
    assert [(e["action"], e["version"]) for e in trail] == [("created", 1), ("updated", 2)]


def test_stale_update_raises_conflict_with_the_current_version(store: Store) -> None:
    with store.transaction() as uow:
        uow.postmortems.add(sample_postmortem())
    with store.transaction() as uow:
        uow.postmortems.update(sample_postmortem(), expected_version=1)
    with pytest.raises(Conflict) as caught, store.transaction() as uow:
        uow.postmortems.update(sample_postmortem(), expected_version=1)
    assert caught.value.current_version == 2
    assert "changed by someone else" in str(caught.value)


def test_two_concurrent_writers_second_gets_conflict_and_nothing_is_lost(store: Store) -> None:
    """Two people load version 1, then both save at the same moment: one wins, one is told."""
    with store.transaction() as uow:
        uow.postmortems.add(sample_postmortem())
    with store.transaction(read_only=True) as uow:
        loaded = uow.postmortems.get_or_raise("INC-7").version
    start = threading.Barrier(2)
    results: dict[str, int | Conflict] = {}

    def save(name: str) -> None:
        pm = sample_postmortem().model_copy(update={"summary": f"{name}'s edit"})
        start.wait(timeout=10)
        try:
            with store.transaction(actor=name) as uow:
                results[name] = uow.postmortems.update(pm, expected_version=loaded)
        except Conflict as error:
            results[name] = error

    threads = [threading.Thread(target=save, args=(name,)) for name in ("ana", "bo")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    winners = [name for name, result in results.items() if result == 2]
    losers = [result for result in results.values() if isinstance(result, Conflict)]
    assert len(winners) == 1 and len(losers) == 1
    assert losers[0].current_version == 2
    with store.transaction() as uow:
        assert uow.postmortems.get_or_raise("INC-7").value.summary == f"{winners[0]}'s edit"


def test_add_twice_is_a_conflict_and_missing_is_not_found(store: Store) -> None:
    with store.transaction() as uow:
        uow.postmortems.add(sample_postmortem())
    with pytest.raises(Conflict), store.transaction() as uow:
        uow.postmortems.add(sample_postmortem())
    with pytest.raises(NotFound, match="INC-404"), store.transaction() as uow:
        uow.postmortems.get_or_raise("INC-404")


def test_failed_transaction_writes_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as uow:
        uow.postmortems.add(sample_postmortem())
        raise RuntimeError("boom")
    with store.transaction() as uow:
        assert uow.postmortems.get("INC-7") is None


def test_list_summaries_counts_actions_and_events(store: Store) -> None:
    with store.transaction() as uow:
        uow.postmortems.add(sample_postmortem("INC-1"))
        uow.postmortems.add(sample_postmortem("INC-2"))
        summaries = uow.postmortems.list_summaries()
    assert [s.id for s in summaries] == ["INC-1", "INC-2"]
    assert (summaries[0].action_items, summaries[0].open_action_items) == (2, 1)
    assert summaries[0].timeline_events == 2


def test_key_moments_keep_a_person_override_across_rebuilds(store: Store) -> None:
    with store.transaction() as uow:
        uow.postmortems.add(sample_postmortem())
        uow.key_moments.replace("INC-7", [
            KeyMoment(kind=KeyMomentKind.DETECTION, at=at(10), confidence=1.0, overridden=True)
        ])  # fmt: skip
        uow.key_moments.replace("INC-7", [
            KeyMoment(kind=KeyMomentKind.DETECTION, at=at(9), confidence=0.8),
            KeyMoment(kind=KeyMomentKind.RESOLUTION, at=at(50), confidence=0.9),
        ])  # fmt: skip
        moments = uow.key_moments.list_for("INC-7")
    assert [(m.kind, m.at, m.overridden) for m in moments] == [
        (KeyMomentKind.DETECTION, at(10), True),
        (KeyMomentKind.RESOLUTION, at(50), False),
    ]


def test_put_replaces_one_moment_even_an_earlier_override(store: Store) -> None:
    with store.transaction() as uow:
        uow.postmortems.add(sample_postmortem())
        uow.key_moments.replace("INC-7", [
            KeyMoment(kind=KeyMomentKind.DETECTION, at=at(9), confidence=0.8),
            KeyMoment(kind=KeyMomentKind.RESOLUTION, at=at(50), confidence=0.9),
        ])  # fmt: skip
        uow.key_moments.put(
            "INC-7", KeyMoment(kind=KeyMomentKind.DETECTION, at=at(10), confidence=1.0,
                               overridden=True)
        )  # fmt: skip
        uow.key_moments.put(
            "INC-7", KeyMoment(kind=KeyMomentKind.DETECTION, at=at(11), confidence=1.0,
                               overridden=True)
        )  # fmt: skip
    with store.transaction(read_only=True) as uow:
        moments = uow.key_moments.list_for("INC-7")
    assert [(m.kind, m.at, m.overridden) for m in moments] == [
        (KeyMomentKind.DETECTION, at(11), True),
        (KeyMomentKind.RESOLUTION, at(50), False),
    ]


def test_delete_cascades_to_children(store: Store) -> None:
    with store.transaction() as uow:
        uow.postmortems.add(sample_postmortem())
    with store.transaction() as uow:
        uow.postmortems.delete("INC-7")
    with store.transaction() as uow:
        assert uow.postmortems.get("INC-7") is None
        assert uow.postmortems.list_summaries() == []


def test_migrate_is_idempotent_and_creates_every_table(store: Store) -> None:
    store.migrate()
    assert store.is_migrated()
    tables = set(inspect(store.engine).get_table_names())
    assert {"incidents", "postmortems", "timeline_events", "action_items", "audit_log"} <= tables
