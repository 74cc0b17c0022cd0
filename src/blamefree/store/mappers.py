"""Row <-> domain conversion: the one place where the ORM and the domain meet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from blamefree.domain import (
    ActionItem,
    ActionStatus,
    ActionType,
    CommunicationState,
    ContributingFactor,
    EventKind,
    ExternalCommunication,
    Incident,
    IncidentTimes,
    KeyMoment,
    KeyMomentKind,
    Participant,
    Postmortem,
    PostmortemStatus,
    Role,
    Severity,
    TimelineEvent,
    Visibility,
    WhyStep,
)
from blamefree.store.tables import (
    ActionItemRow,
    ContributingFactorRow,
    IncidentRow,
    KeyMomentRow,
    ParticipantRow,
    PostmortemRow,
    TimelineEventRow,
)


def incident_to_row(incident: Incident, row: IncidentRow, *, now: datetime) -> IncidentRow:
    """Copy an incident onto a (new or existing) row."""
    times = incident.times
    row.id = incident.id
    row.title = incident.title
    row.severity = incident.severity.value
    row.near_miss = incident.near_miss
    row.started_at = times.started
    row.detected_at = times.detected
    row.acknowledged_at = times.acknowledged
    row.mitigated_at = times.mitigated
    row.resolved_at = times.resolved
    row.services = list(incident.services)
    row.tags = list(incident.tags)
    row.repeat_of = list(incident.repeat_of)
    row.updated_at = now
    return row


def incident_from_row(row: IncidentRow) -> Incident:
    """Rebuild an incident; values were validated on the way in, so trust them."""
    return Incident(
        id=row.id,
        title=row.title,
        severity=Severity(row.severity),
        near_miss=row.near_miss,
        times=IncidentTimes(
            started=row.started_at,
            detected=row.detected_at,
            acknowledged=row.acknowledged_at,
            mitigated=row.mitigated_at,
            resolved=row.resolved_at,
        ),
        services=tuple(row.services),
        tags=tuple(row.tags),
        repeat_of=tuple(row.repeat_of),
    )


def postmortem_to_row(pm: Postmortem, row: PostmortemRow, *, now: datetime) -> PostmortemRow:
    """Copy the postmortem's own fields (not its child lists) onto a row."""
    row.incident_id = pm.id
    row.status = pm.status.value
    row.visibility = pm.visibility.value
    row.summary = pm.summary
    row.impact = pm.impact
    row.what_went_well = pm.what_went_well
    row.where_we_got_lucky = pm.where_we_got_lucky
    row.lessons_learned = pm.lessons_learned
    row.communication_state = pm.external_communication.state.value
    row.communication_text = pm.external_communication.text
    row.meeting_at = pm.meeting_at
    row.published_at = pm.published_at
    row.updated_at = now
    return row


def child_rows(pm: Postmortem) -> list[object]:
    """Rows for every list in the postmortem, positions kept so order survives."""
    rows: list[object] = []
    rows += [
        ParticipantRow(
            incident_id=pm.id, position=i, name=p.name, email=p.email, roles=list(p.roles)
        )
        for i, p in enumerate(pm.participants)
    ]
    rows += [
        TimelineEventRow(
            incident_id=pm.id,
            position=i,
            at=e.at,
            text=e.text,
            source=e.source,
            kind=e.kind.value,
            actor=e.actor,
            evidence=list(e.evidence),
            approximate=e.approximate,
            count=e.count,
            ended_at=e.ended_at,
        )
        for i, e in enumerate(pm.timeline)
    ]
    rows += [
        ContributingFactorRow(
            incident_id=pm.id,
            position=i,
            title=f.title,
            category=f.category,
            description=f.description,
            whys=[{"question": w.question, "answer": w.answer} for w in f.whys],
        )
        for i, f in enumerate(pm.factors)
    ]
    rows += [
        ActionItemRow(
            incident_id=pm.id,
            position=i,
            description=a.description,
            type=a.type.value if a.type else None,
            owner=a.owner,
            deadline=a.deadline,
            status=a.status.value,
            rationale=a.rationale,
            ticket_url=a.ticket_url,
        )
        for i, a in enumerate(pm.action_items)
    ]
    return rows


def postmortem_from_rows(
    incident: IncidentRow,
    row: PostmortemRow,
    participants: Sequence[ParticipantRow],
    events: Sequence[TimelineEventRow],
    factors: Sequence[ContributingFactorRow],
    actions: Sequence[ActionItemRow],
) -> Postmortem:
    """Rebuild a postmortem from its rows (children already ordered by position)."""
    return Postmortem(
        incident=incident_from_row(incident),
        status=PostmortemStatus(row.status),
        visibility=Visibility(row.visibility),
        participants=tuple(
            Participant(name=p.name, email=p.email, roles=tuple(Role(r) for r in p.roles))
            for p in participants
        ),
        summary=row.summary,
        impact=row.impact,
        timeline=tuple(
            TimelineEvent(
                at=e.at,
                text=e.text,
                source=e.source,
                kind=EventKind(e.kind),
                actor=e.actor,
                evidence=tuple(e.evidence),
                approximate=e.approximate,
                count=e.count,
                ended_at=e.ended_at,
            )
            for e in events
        ),
        factors=tuple(
            ContributingFactor(
                title=f.title,
                category=f.category,
                description=f.description,
                whys=tuple(WhyStep(**w) for w in f.whys),
            )
            for f in factors
        ),
        what_went_well=row.what_went_well,
        where_we_got_lucky=row.where_we_got_lucky,
        action_items=tuple(
            ActionItem(
                description=a.description,
                type=ActionType(a.type) if a.type else None,
                owner=a.owner,
                deadline=a.deadline,
                status=ActionStatus(a.status),
                rationale=a.rationale,
                ticket_url=a.ticket_url,
            )
            for a in actions
        ),
        lessons_learned=row.lessons_learned,
        external_communication=ExternalCommunication(
            state=CommunicationState(row.communication_state), text=row.communication_text
        ),
        meeting_at=row.meeting_at,
        published_at=row.published_at,
    )


def key_moment_to_row(incident_id: str, moment: KeyMoment) -> KeyMomentRow:
    """A key moment row."""
    return KeyMomentRow(
        incident_id=incident_id,
        kind=moment.kind.value,
        at=moment.at,
        confidence=moment.confidence,
        evidence=list(moment.evidence),
        reason=moment.reason,
        overridden=moment.overridden,
    )


def key_moment_from_row(row: KeyMomentRow) -> KeyMoment:
    """A key moment from its row."""
    return KeyMoment(
        kind=KeyMomentKind(row.kind),
        at=row.at,
        confidence=row.confidence,
        evidence=tuple(row.evidence),
        reason=row.reason,
        overridden=row.overridden,
    )
