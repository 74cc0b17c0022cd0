"""Timeboxed agendas for review meetings, scaled to the incident.

Templates: a full review (60-90 minutes), split into two sessions when the estimate passes
90 minutes; a 30-minute near-miss review; and a 30-minute lightweight walk-through. The
timeline block grows with the number of events and decision points, the factor and action
blocks with the number of contributing factors. Timeboxes always add up to the meeting length.
"""

from __future__ import annotations

from dataclasses import dataclass

from blamefree.domain.meeting import (
    Agenda,
    AgendaItem,
    AgendaSession,
    AgendaTemplate,
    ReviewKind,
    ReviewRequirements,
)
from blamefree.domain.people import Role
from blamefree.domain.postmortem import Postmortem
from blamefree.domain.timeline import EventKind

FULL_MIN_MINUTES = 60
FULL_MAX_MINUTES = 90
"""A full review longer than this is split into two sessions; no session is longer."""
TIMELINE_MAX_MINUTES = 80
"""The timeline block's cap: with ground rules and impact, session 1 stays within 90 min."""
FACTORS_MAX_MINUTES = 50
ACTIONS_MAX_MINUTES = 20
"""Caps for the factor and action blocks: session 2 stays within 90 min."""

GROUND_RULES = (
    "We meet to learn how our systems and our ways of working let this happen, not to find "
    "someone to blame. We describe what happened and why it made sense at the time, and we "
    "ask 'how' and 'why' rather than 'who'. We start from the stance of Norm Kerth's "
    "Retrospective Prime Directive: the people involved made the best choices open to them, "
    "given what they knew then, their experience, the tools and time they had, and the "
    "pressure they were under. What is said here is used to improve the system, never "
    "against a person."
)
"""The opener read at the start of every review (the project's own words)."""

DECISION_KINDS = frozenset(
    {
        EventKind.ACK,
        EventKind.ESCALATION,
        EventKind.DEPLOY,
        EventKind.CONFIG_CHANGE,
        EventKind.STATUS_UPDATE,
    }
)
"""Timeline events where someone chose what to do next."""

PROMPTS_TIMELINE = (
    "What did you see, what did you think it meant, and what did you do next?",
    "Why did detection take as long as it did?",
    "Why did recovery take as long as it did?",
)
PROMPTS_FACTORS = (
    "Why was the change risky?",
    "Why was it not caught earlier?",
    "Why? Ask again until the answer is a condition of the system, not a person.",
)
PROMPTS_LUCK = (
    "What went well that we want to keep?",
    "Where did we get lucky?",
)
PROMPTS_ACTIONS = (
    "Which item prevents a recurrence, which detects it sooner, which limits the harm?",
    "Who owns each item, and by when?",
)


@dataclass(frozen=True)
class AgendaInputs:
    """What an agenda is scaled by."""

    events: int
    decision_points: int
    factors: int
    repeats: tuple[str, ...] = ()


def agenda_inputs(postmortem: Postmortem) -> AgendaInputs:
    """Count the events, decision points and factors of a postmortem."""
    timeline = postmortem.timeline
    return AgendaInputs(
        events=len(timeline),
        decision_points=sum(1 for e in timeline if e.kind in DECISION_KINDS),
        factors=len(postmortem.factors),
        repeats=postmortem.incident.repeat_of,
    )


def _round5(minutes: int) -> int:
    return max(5, -(-minutes // 5) * 5)


def _capped(estimate: int, cap: int) -> int:
    return min(_round5(estimate), cap)


def _ground_rules(minutes: int, *, recap: bool = False) -> AgendaItem:
    return AgendaItem(
        title="Ground rules (recap)" if recap else "Ground rules",
        minutes=minutes,
        lead_role=Role.FACILITATOR,
        output="Everyone has heard and accepted the blameless ground rules",
        notes=GROUND_RULES,
    )


def _full_items(inputs: AgendaInputs) -> list[AgendaItem]:
    factors = max(inputs.factors, 1)
    repeat_note = (
        "This incident repeats " + ", ".join(inputs.repeats) + ": ask what changed since then."
        if inputs.repeats
        else ""
    )
    timeline_estimate = 10 + inputs.events // 4 + 2 * inputs.decision_points
    factors_estimate = 10 + 8 * factors
    timeline_note = (
        f"{inputs.events} events and {inputs.decision_points} decision points are more than "
        f"{TIMELINE_MAX_MINUTES} minutes allow: walk the key moments and decision points, and "
        "settle the rest in the document."
        if _round5(timeline_estimate) > TIMELINE_MAX_MINUTES
        else ""
    )
    factors_note = (
        f"{inputs.factors} contributing factors are more than {FACTORS_MAX_MINUTES} minutes "
        "allow: take the factors with the widest effect first, and chase the remaining whys "
        "in the document."
        if _round5(factors_estimate) > FACTORS_MAX_MINUTES
        else ""
    )
    return [
        _ground_rules(5),
        AgendaItem(
            title="Timeline walkthrough",
            minutes=_capped(timeline_estimate, TIMELINE_MAX_MINUTES),
            lead_role=Role.OWNER,
            output="An agreed timeline with its key moments and decision points",
            prompts=PROMPTS_TIMELINE,
            notes=timeline_note,
        ),
        AgendaItem(
            title="Impact",
            minutes=5,
            lead_role=Role.OWNER,
            output="Who was affected, how much and for how long",
        ),
        AgendaItem(
            title="Contributing factors (5 Whys)",
            minutes=_capped(factors_estimate, FACTORS_MAX_MINUTES),
            lead_role=Role.FACILITATOR,
            output="Contributing factors, each with its chain of whys",
            prompts=PROMPTS_FACTORS,
            notes=" ".join(n for n in (repeat_note, factors_note) if n),
        ),
        AgendaItem(
            title="What went well and where we got lucky",
            minutes=5,
            lead_role=Role.FACILITATOR,
            output="Practices to keep and the luck we should not count on again",
            prompts=PROMPTS_LUCK,
        ),
        AgendaItem(
            title="Action items",
            minutes=_capped(10 + 2 * factors, ACTIONS_MAX_MINUTES),
            lead_role=Role.OWNER,
            output="3-5 action items, each with a type, one owner and a deadline",
            prompts=PROMPTS_ACTIONS,
        ),
        AgendaItem(
            title="Follow-up tracking",
            minutes=5,
            lead_role=Role.OWNER,
            output="Tickets linked and a date for the 30-day follow-up review",
        ),
        AgendaItem(
            title="Close and distribute",
            minutes=5,
            lead_role=Role.FACILITATOR,
            output="Who publishes the report, to whom, by when",
        ),
    ]


def _short_items(kind: ReviewKind) -> list[AgendaItem]:
    what = "near miss" if kind is ReviewKind.NEAR_MISS else "incident"
    return [
        _ground_rules(5),
        AgendaItem(
            title=f"What happened in the {what}",
            minutes=10,
            lead_role=Role.OWNER,
            output="A short agreed timeline",
            prompts=PROMPTS_TIMELINE[:1],
        ),
        AgendaItem(
            title="Contributing factors and where we got lucky",
            minutes=10,
            lead_role=Role.FACILITATOR,
            output="The conditions that made it possible, and what kept it small",
            prompts=(*PROMPTS_FACTORS[1:2], PROMPTS_LUCK[1]),
        ),
        AgendaItem(
            title="Action items and close",
            minutes=5,
            lead_role=Role.OWNER,
            output="At least one action item with an owner and a deadline",
            prompts=PROMPTS_ACTIONS[1:],
        ),
    ]


def _with_minutes(item: AgendaItem, minutes: int) -> AgendaItem:
    return item.model_copy(update={"minutes": minutes})


def _fit(items: list[AgendaItem], total: int, grow_index: int) -> list[AgendaItem]:
    """Rescale timeboxes so they add up to `total`; the remainder goes to one block."""
    current = sum(item.minutes for item in items)
    if current == total:
        return items
    scaled = [_with_minutes(i, max(1, i.minutes * total // current)) for i in items]
    rest = total - sum(i.minutes for i in scaled)
    scaled[grow_index] = _with_minutes(scaled[grow_index], scaled[grow_index].minutes + rest)
    return scaled


def build_agenda(requirements: ReviewRequirements, inputs: AgendaInputs) -> Agenda:
    """The agenda for one review, scaled to the incident.

    A full review lasts at least the policy's meeting length (kept within 60-90 minutes);
    when the estimate passes 90 minutes it becomes two sessions, the timeline first, then
    factors and actions. Near-miss and lightweight reviews last the policy's meeting length.
    """
    if requirements.review is not ReviewKind.FULL:
        items = _fit(_short_items(requirements.review), requirements.meeting_minutes, 2)
        template = (
            AgendaTemplate.NEAR_MISS
            if requirements.review is ReviewKind.NEAR_MISS
            else AgendaTemplate.LIGHTWEIGHT
        )
        title = "Near-miss review" if template is AgendaTemplate.NEAR_MISS else "Lightweight review"
        return Agenda(template=template, sessions=(AgendaSession(title=title, items=tuple(items)),))

    items = _full_items(inputs)
    estimate = sum(item.minutes for item in items)
    if estimate <= FULL_MAX_MINUTES:
        floor = min(max(requirements.meeting_minutes, FULL_MIN_MINUTES), FULL_MAX_MINUTES)
        if estimate < floor:
            factors_index = 3
            items[factors_index] = _with_minutes(
                items[factors_index], items[factors_index].minutes + floor - estimate
            )
        return Agenda(
            template=AgendaTemplate.FULL,
            sessions=(AgendaSession(title="Postmortem review", items=tuple(items)),),
        )
    first = AgendaSession(title="Session 1: timeline and impact", items=tuple(items[:3]))
    second = AgendaSession(
        title="Session 2: contributing factors and actions",
        items=(_ground_rules(5, recap=True), *items[3:]),
    )
    return Agenda(template=AgendaTemplate.SPLIT, sessions=(first, second))
