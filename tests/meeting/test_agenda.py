from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blamefree.domain.meeting import (
    FULL_REVIEW,
    LIGHTWEIGHT_REVIEW,
    NEAR_MISS_REVIEW,
    AgendaTemplate,
)
from blamefree.domain.people import Role
from blamefree.domain.postmortem import ContributingFactor
from blamefree.domain.timeline import EventKind
from blamefree.meeting.agenda import (
    GROUND_RULES,
    AgendaInputs,
    agenda_inputs,
    build_agenda,
)

from ._builders import event, make_incident, make_postmortem


def test_small_full_review_fills_the_policy_length() -> None:
    agenda = build_agenda(FULL_REVIEW, AgendaInputs(events=4, decision_points=1, factors=1))
    assert agenda.template is AgendaTemplate.FULL
    assert [(i.title, i.minutes) for i in agenda.items] == [
        ("Ground rules", 5),
        ("Timeline walkthrough", 15),
        ("Impact", 5),
        ("Contributing factors (5 Whys)", 20),
        ("What went well and where we got lucky", 5),
        ("Action items", 15),
        ("Follow-up tracking", 5),
        ("Close and distribute", 5),
    ]
    assert agenda.minutes == 75


def test_floor_fills_the_factor_discussion() -> None:
    agenda = build_agenda(FULL_REVIEW, AgendaInputs(events=0, decision_points=0, factors=0))
    assert agenda.minutes == 75
    assert agenda.items[3].minutes == 25  # estimate 70; the factor block gets the missing 5


def test_timeboxes_scale_with_timeline_and_factors() -> None:
    small = build_agenda(FULL_REVIEW, AgendaInputs(events=4, decision_points=1, factors=1))
    larger = build_agenda(FULL_REVIEW, AgendaInputs(events=12, decision_points=2, factors=2))
    assert larger.items[1].minutes == 20  # 10 + 12 // 4 + 2 * 2 = 17 -> 20
    assert larger.items[3].minutes == 30  # 10 + 8 * 2 -> 26 -> 30
    assert larger.minutes > small.minutes
    assert larger.minutes == 90
    assert larger.template is AgendaTemplate.FULL


def test_long_review_is_split_into_two_sessions() -> None:
    agenda = build_agenda(FULL_REVIEW, AgendaInputs(events=40, decision_points=10, factors=4))
    assert agenda.template is AgendaTemplate.SPLIT
    first, second = agenda.sessions
    assert [i.title for i in first.items] == ["Ground rules", "Timeline walkthrough", "Impact"]
    assert [i.title for i in second.items] == [
        "Ground rules (recap)",
        "Contributing factors (5 Whys)",
        "What went well and where we got lucky",
        "Action items",
        "Follow-up tracking",
        "Close and distribute",
    ]
    assert (first.minutes, second.minutes) == (50, 85)
    assert agenda.minutes == first.minutes + second.minutes == 135


@pytest.mark.parametrize(
    ("inputs"),
    [
        AgendaInputs(events=0, decision_points=0, factors=0),
        AgendaInputs(events=7, decision_points=3, factors=1),
        AgendaInputs(events=13, decision_points=2, factors=2),
        AgendaInputs(events=100, decision_points=30, factors=6),
    ],
)
def test_timeboxes_add_up_to_the_meeting_length(inputs: AgendaInputs) -> None:
    for requirements in (FULL_REVIEW, NEAR_MISS_REVIEW, LIGHTWEIGHT_REVIEW):
        agenda = build_agenda(requirements, inputs)
        for session in agenda.sessions:
            assert session.minutes == sum(i.minutes for i in session.items)
        assert agenda.minutes == sum(i.minutes for i in agenda.items)
        if agenda.template is AgendaTemplate.FULL:
            assert 75 <= agenda.minutes <= 90
        elif agenda.template is AgendaTemplate.SPLIT:
            assert agenda.minutes > 90
        else:
            assert agenda.minutes == 30


def test_near_miss_is_thirty_minutes_and_respects_configured_length() -> None:
    agenda = build_agenda(NEAR_MISS_REVIEW, AgendaInputs(events=50, decision_points=9, factors=5))
    assert agenda.template is AgendaTemplate.NEAR_MISS
    assert [i.minutes for i in agenda.items] == [5, 10, 10, 5]
    longer = NEAR_MISS_REVIEW.model_copy(update={"meeting_minutes": 45})
    agenda = build_agenda(longer, AgendaInputs(events=1, decision_points=0, factors=0))
    assert [i.minutes for i in agenda.items] == [7, 15, 16, 7]
    assert agenda.minutes == 45


def test_every_block_names_lead_output_and_the_prompts_are_present() -> None:
    agenda = build_agenda(FULL_REVIEW, AgendaInputs(events=4, decision_points=1, factors=1))
    assert all(item.output for item in agenda.items)
    assert agenda.items[0].lead_role is Role.FACILITATOR
    assert agenda.items[1].lead_role is Role.OWNER
    prompts = [p for item in agenda.items for p in item.prompts]
    for expected in (
        "What did you see, what did you think it meant, and what did you do next?",
        "Why was the change risky?",
        "Why was it not caught earlier?",
        "Why did detection take as long as it did?",
        "Why did recovery take as long as it did?",
        "Where did we get lucky?",
    ):
        assert expected in prompts


def test_opener_states_ground_rules_and_cites_the_prime_directive() -> None:
    agenda = build_agenda(NEAR_MISS_REVIEW, AgendaInputs(events=1, decision_points=0, factors=0))
    assert agenda.items[0].title == "Ground rules"
    assert agenda.items[0].notes == GROUND_RULES
    assert "Norm Kerth's Retrospective Prime Directive" in GROUND_RULES
    assert "not to find someone to blame" in GROUND_RULES


def test_inputs_from_postmortem_count_decision_points_and_repeats() -> None:
    pm = make_postmortem(
        incident=make_incident(repeat_of=("INC-7",)),
        timeline=(
            event(0, EventKind.ALERT_FIRING, None),
            event(1, EventKind.ACK, "Rita"),
            event(2, EventKind.MESSAGE, "Rita"),
            event(3, EventKind.DEPLOY, "Omar"),
            event(4, EventKind.ESCALATION, "Rita"),
        ),
        factors=(ContributingFactor(title="Retry storm"),),
    )
    inputs = agenda_inputs(pm)
    assert inputs == AgendaInputs(events=5, decision_points=3, factors=1, repeats=("INC-7",))
    agenda = build_agenda(FULL_REVIEW, inputs)
    assert agenda.items[3].notes == "This incident repeats INC-7: ask what changed since then."


def test_huge_incident_is_capped_so_no_session_passes_ninety_minutes() -> None:
    inputs = AgendaInputs(events=1000, decision_points=300, factors=40)
    agenda = build_agenda(FULL_REVIEW, inputs)
    assert agenda.template is AgendaTemplate.SPLIT
    assert [s.minutes for s in agenda.sessions] == [90, 90]
    timeline, factors = agenda.items[1], agenda.items[4]
    assert (timeline.title, timeline.minutes) == ("Timeline walkthrough", 80)
    assert timeline.notes.startswith(
        "1000 events and 300 decision points are more than 80 minutes allow"
    )
    assert (factors.title, factors.minutes) == ("Contributing factors (5 Whys)", 50)
    assert factors.notes.startswith("40 contributing factors are more than 50 minutes allow")
    assert agenda.items[6].minutes == 20  # action items, capped


@given(
    events=st.integers(0, 5000),
    decision_points=st.integers(0, 2000),
    factors=st.integers(0, 200),
)
def test_every_session_stays_within_sixty_to_ninety_minutes(
    events: int, decision_points: int, factors: int
) -> None:
    agenda = build_agenda(
        FULL_REVIEW,
        AgendaInputs(events=events, decision_points=decision_points, factors=factors),
    )
    if agenda.template is AgendaTemplate.FULL:
        assert 75 <= agenda.minutes <= 90
    else:
        assert agenda.template is AgendaTemplate.SPLIT
        assert agenda.minutes > 90
        assert all(session.minutes <= 90 for session in agenda.sessions)
    assert all(item.minutes % 5 == 0 for item in agenda.items)


def test_opener_cites_the_prime_directive_in_our_own_words() -> None:
    # Named and credited, but not quoted: none of the directive's own phrases appear.
    assert "Norm Kerth's Retrospective Prime Directive" in GROUND_RULES
    for phrase in ("best job they could", "situation at hand", "truly believe", "regardless of"):
        assert phrase not in GROUND_RULES.lower()
