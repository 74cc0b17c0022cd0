"""PagerDuty REST v2 (log entries, incidents, notes) and v3 webhook events.

Accepted shapes: `{"log_entries": [...]}` pages, a bare array of log entries,
`{"incidents": [...]}` / `{"incident": {...}}`, `{"notes": [...]}`, and v3 webhook bodies
`{"event": {...}}` one per file or one per line. Legacy v2 webhooks (`{"messages": [...]}`)
are past end-of-support and refused with a pointer to v3.
"""

from __future__ import annotations

from collections.abc import Iterator

from blamefree.domain.timeline import EventKind
from blamefree.ingest.normalize import clip_label, field_time, one_line, required_time
from blamefree.ingest.reader import Evidence, ReadContext, ReadError, Record
from blamefree.ingest.readers._common import as_dict, as_list, first_object, get, payloads, text

LOG_ENTRY_KINDS: dict[str, tuple[EventKind, str]] = {
    "trigger_log_entry": (EventKind.ALERT_FIRING, "alert.triggered"),
    "acknowledge_log_entry": (EventKind.ACK, "incident.acknowledged"),
    "acknowledgement_log_entry": (EventKind.ACK, "incident.acknowledged"),
    "resolve_log_entry": (EventKind.ALERT_RESOLVED, "incident.resolved"),
    "escalate_log_entry": (EventKind.ESCALATION, "incident.escalated"),
    "assign_log_entry": (EventKind.ESCALATION, "incident.assigned"),
    "delegate_log_entry": (EventKind.ESCALATION, "incident.delegated"),
    "repeat_escalation_path_log_entry": (EventKind.ESCALATION, "incident.escalated"),
    "exhaust_escalation_path_log_entry": (EventKind.ESCALATION, "incident.escalated"),
    "notify_log_entry": (EventKind.PAGE, "page.sent"),
    "annotate_log_entry": (EventKind.MESSAGE, "note"),
}
WEBHOOK_KINDS: dict[str, tuple[EventKind, str]] = {
    "incident.triggered": (EventKind.ALERT_FIRING, "alert.triggered"),
    "incident.acknowledged": (EventKind.ACK, "incident.acknowledged"),
    "incident.resolved": (EventKind.ALERT_RESOLVED, "incident.resolved"),
    "incident.escalated": (EventKind.ESCALATION, "incident.escalated"),
    "incident.reassigned": (EventKind.ESCALATION, "incident.assigned"),
    "incident.delegated": (EventKind.ESCALATION, "incident.delegated"),
    "incident.responder.added": (EventKind.ESCALATION, "incident.responder_added"),
    "incident.annotated": (EventKind.MESSAGE, "note"),
    "incident.status_update_published": (EventKind.STATUS_UPDATE, "comms.status_update"),
}


def join_parts(parts: list[str]) -> str:
    """'Resolved by Bob Ops.' + 'checkout down' -> 'Resolved by Bob Ops: checkout down'."""
    return ": ".join(
        part.rstrip(".: ") if index < len(parts) - 1 else part for index, part in enumerate(parts)
    )


def _is_log_entry(value: object) -> bool:
    entry = as_dict(value)
    kind = entry.get("type") if entry else None
    return isinstance(kind, str) and kind.endswith("_log_entry") and "created_at" in (entry or {})


class PagerDutyReader:
    """PagerDuty incident history: log entries, incidents, notes and v3 webhooks."""

    name = "pagerduty"

    def sniff(self, evidence: Evidence) -> bool:
        value = evidence.first
        if isinstance(value, list):
            return bool(value) and _is_log_entry(value[0])
        obj = first_object(evidence)
        if obj is None:
            return False
        event = as_dict(obj.get("event"))
        if event is not None and "event_type" in event and "occurred_at" in event:
            return True
        if isinstance(obj.get("log_entries"), list):
            return True
        notes = as_list(obj.get("notes"))
        if notes and "incident" not in obj:
            return "content" in (as_dict(notes[0]) or {})
        incidents = as_list(obj.get("incidents")) or [obj.get("incident")]
        first = as_dict(incidents[0]) if incidents else None
        if first is not None and "incident_number" in first:
            return True
        messages = as_list(obj.get("messages"))
        return bool(messages) and "log_entries" in (as_dict(messages[0]) or {})

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]:
        for prefix, line, value in payloads(evidence):
            if isinstance(value, list):
                for index, entry in enumerate(value):
                    yield from _log_entry(evidence, context, entry, f"{prefix}#/{index}", line)
                continue
            obj = as_dict(value)
            if obj is None:
                raise ReadError(evidence.name, "expected a JSON object", line=line)
            if "messages" in obj and "event" not in obj:
                raise ReadError(
                    evidence.name,
                    "this is a legacy PagerDuty v2 webhook, which is past end-of-support; "
                    "export the incident's log entries (REST v2) or use v3 webhooks",
                    line=line,
                )
            if isinstance(obj.get("event"), dict):
                yield from _webhook(evidence, context, obj, prefix, line)
            for index, entry in enumerate(as_list(obj.get("log_entries"))):
                yield from _log_entry(
                    evidence, context, entry, f"{prefix}#/log_entries/{index}", line
                )
            for index, note in enumerate(as_list(obj.get("notes"))):
                yield from _note(evidence, context, note, f"{prefix}#/notes/{index}", line)
            pointers = [
                (f"{prefix}#/incidents/{index}", incident)
                for index, incident in enumerate(as_list(obj.get("incidents")))
            ]
            single = as_dict(obj.get("incident"))
            if single is not None and "incident_number" in single:
                pointers = [(f"{prefix}#/incident", single)]
            for pointer, incident in pointers:
                yield from _incident(evidence, context, incident, pointer, line)


def _log_entry(
    evidence: Evidence, context: ReadContext, value: object, ref: str, line: int | None
) -> Iterator[Record]:
    entry = as_dict(value)
    pointer = ref.partition("#")[2]
    if entry is None:
        raise ReadError(evidence.name, "expected a log entry object", line=line, offset=pointer)
    entry_type = entry.get("type")
    if not isinstance(entry_type, str):
        raise ReadError(
            evidence.name, "log entry has no 'type'", line=line, offset=pointer, field="type"
        )
    at, assumed = required_time(
        entry.get("created_at"),
        context.default_tz,
        path=evidence.name,
        field="created_at",
        line=line,
        offset=pointer,
    )
    kind, detail = LOG_ENTRY_KINDS.get(entry_type, (EventKind.MESSAGE, f"pagerduty.{entry_type}"))
    summary = text(entry, "summary") or entry_type.replace("_", " ")
    incident = text(entry, "incident.summary")
    parts = [summary]
    if kind in (EventKind.ALERT_FIRING, EventKind.ALERT_RESOLVED) and incident:
        parts.append(incident)
    note = text(entry, "note")
    if not note and entry_type == "annotate_log_entry" and get(entry, "channel.type") == "note":
        note = text(entry, "channel.summary")  # the note's words travel in the channel
    if note:
        parts.append(note)
    entry_id = text(entry, "id")
    incident_id = text(entry, "incident.id")
    yield Record(
        at,
        "pagerduty",
        kind,
        detail,
        one_line(join_parts(parts)),
        clip_label(text(entry, "agent.summary")),
        ref,
        key=f"pagerduty:{entry_id}" if entry_id else None,
        match=incident_id.lower() if incident_id else None,
        approximate=assumed,
    )


def _note(
    evidence: Evidence, context: ReadContext, value: object, ref: str, line: int | None
) -> Iterator[Record]:
    note = as_dict(value)
    pointer = ref.partition("#")[2]
    content = text(note, "content") if note else None
    if note is None or not content:
        return
    at, assumed = required_time(
        note.get("created_at"),
        context.default_tz,
        path=evidence.name,
        field="created_at",
        line=line,
        offset=pointer,
    )
    note_id = text(note, "id")
    yield Record(
        at,
        "pagerduty",
        EventKind.MESSAGE,
        "note",
        one_line(content),
        clip_label(text(note, "user.summary")),
        ref,
        key=f"pagerduty:note:{note_id}" if note_id else None,
        approximate=assumed,
    )


def _incident(
    evidence: Evidence, context: ReadContext, value: object, ref: str, line: int | None
) -> Iterator[Record]:
    incident = as_dict(value)
    pointer = ref.partition("#")[2]
    if incident is None:
        return
    incident_id = text(incident, "id") or ""
    number = text(incident, "incident_number")
    title = text(incident, "title", "summary") or "incident"
    label = f"[#{number}] {title}" if number else title
    match = incident_id.lower() or None
    at, assumed = required_time(
        incident.get("created_at"),
        context.default_tz,
        path=evidence.name,
        field="created_at",
        line=line,
        offset=pointer,
    )
    yield Record(
        at,
        "pagerduty",
        EventKind.ALERT_FIRING,
        "incident.opened",
        one_line(f"Incident opened: {label}"),
        clip_label(text(incident, "service.summary")),
        ref,
        key=f"pagerduty:incident:{incident_id}:opened",
        match=match,
        approximate=assumed,
    )
    for index, ack in enumerate(as_list(incident.get("acknowledgements"))):
        ack_at, ack_assumed = field_time(
            get(ack, "at"),
            context.default_tz,
            path=evidence.name,
            field="acknowledgements.at",
            line=line,
            offset=pointer,
        )
        if ack_at is None:
            continue
        who = clip_label(text(ack, "acknowledger.summary"))
        yield Record(
            ack_at,
            "pagerduty",
            EventKind.ACK,
            "incident.acknowledged",
            one_line(f"Acknowledged: {label}"),
            who,
            f"{ref}/acknowledgements/{index}",
            key=f"pagerduty:incident:{incident_id}:ack:{index}",
            match=match,
            approximate=ack_assumed,
        )
    resolved_at, resolved_assumed = field_time(
        incident.get("resolved_at"),
        context.default_tz,
        path=evidence.name,
        field="resolved_at",
        line=line,
        offset=pointer,
    )
    if resolved_at is not None:
        yield Record(
            resolved_at,
            "pagerduty",
            EventKind.ALERT_RESOLVED,
            "incident.resolved",
            one_line(f"Resolved: {label}"),
            clip_label(text(incident, "last_status_change_by.summary")),
            ref,
            key=f"pagerduty:incident:{incident_id}:resolved",
            match=match,
            approximate=resolved_assumed,
        )


def _webhook(
    evidence: Evidence, context: ReadContext, body: dict[str, object], prefix: str, line: int | None
) -> Iterator[Record]:
    event = as_dict(body.get("event")) or {}
    event_type = text(event, "event_type") or ""
    if not event_type.startswith("incident."):
        if event_type.startswith("service."):
            kind, detail = EventKind.CONFIG_CHANGE, f"pagerduty.{event_type}"
        else:
            return
    else:
        known = WEBHOOK_KINDS.get(event_type)
        kind, detail = known or (EventKind.MESSAGE, f"pagerduty.{event_type}")
    at, assumed = required_time(
        event.get("occurred_at"),
        context.default_tz,
        path=evidence.name,
        field="event.occurred_at",
        line=line,
    )
    data = as_dict(event.get("data")) or {}
    title = text(data, "title", "incident.summary", "summary")
    number = text(data, "number")
    label = f"[#{number}] {title}" if number and title else title
    resource, _, action = event_type.partition(".")
    verb = action.replace("_", " ").replace(".", " ")
    body_text = text(data, "content", "message")
    parts = [f"{resource.capitalize()} {verb}"]
    if label:
        parts.append(label)
    if body_text:
        parts.append(body_text)
    incident_id = text(data, "incident.id") if data.get("type") != "incident" else text(data, "id")
    event_id = text(event, "id")
    yield Record(
        at,
        "pagerduty",
        kind,
        detail,
        one_line(join_parts(parts)),
        clip_label(text(event, "agent.summary")),
        prefix,
        key=f"pagerduty:{event_id}" if event_id else None,
        match=incident_id.lower() if incident_id else None,
        approximate=assumed,
    )
