"""Opsgenie alert logs (`{"data": [{log, type, owner, createdAt, offset}]}`), alerts (one, or
a list) and webhook bodies (`{"action": "Acknowledge", "alert": {...}}`).

Log entry types are not a closed set, so the kind comes from the log text (acknowledged,
closed, escalated, created, notified); notes and everything else are messages. An alert
gives its creation, and its acknowledgement and close from `report` (milliseconds after
creation). A webhook happened at `alert.updatedAt` (nanoseconds), a Create at `createdAt`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from blamefree.domain.timeline import EventKind
from blamefree.ingest.normalize import clip_label, one_line, required_time
from blamefree.ingest.reader import Evidence, ReadContext, Record
from blamefree.ingest.readers._common import (
    as_dict,
    as_list,
    first_object,
    get,
    payloads,
    text,
)

WEBHOOK_ACTIONS: dict[str, tuple[EventKind, str, str]] = {
    "Create": (EventKind.ALERT_FIRING, "alert.triggered", "created"),
    "Acknowledge": (EventKind.ACK, "incident.acknowledged", "acknowledged"),
    "UnAcknowledge": (EventKind.MESSAGE, "incident.unacknowledged", "unacknowledged"),
    "Close": (EventKind.ALERT_RESOLVED, "incident.resolved", "closed"),
    "Escalate": (EventKind.ESCALATION, "incident.escalated", "escalated"),
    "EscalateNext": (EventKind.ESCALATION, "incident.escalated", "escalated to next"),
    "AssignOwnership": (EventKind.ESCALATION, "incident.assigned", "assigned"),
    "TakeOwnership": (EventKind.ESCALATION, "incident.assigned", "taken over"),
    "AddNote": (EventKind.MESSAGE, "note", "note added"),
}


class OpsgenieReader:
    """Opsgenie alert logs (`{"data": [{log, type, owner, createdAt, offset}]}`) and alerts."""

    name = "opsgenie"

    def sniff(self, evidence: Evidence) -> bool:
        obj = first_object(evidence)
        if obj is None:
            return False
        if _is_webhook(obj):
            return True
        data = obj.get("data", obj)
        if isinstance(data, list):
            item = as_dict(data[0]) if data else None
            return item is not None and "createdAt" in item and ("log" in item or "tinyId" in item)
        alert = as_dict(data)
        return alert is not None and "tinyId" in alert and "createdAt" in alert

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]:
        for prefix, line, value in payloads(evidence):
            items: list[object]
            if isinstance(value, list):
                items, base = value, "#"
            else:
                if isinstance(value, dict) and _is_webhook(value):
                    yield from _webhook(evidence, context, value, prefix, line)
                    continue
                data = value.get("data", value) if isinstance(value, dict) else None
                if isinstance(data, dict):
                    yield from _opsgenie_alert(evidence, context, data, f"{prefix}#/data", line)
                    continue
                items, base = as_list(data), "#/data"
            for index, item in enumerate(items):
                entry = as_dict(item)
                pointer = f"{base}/{index}".lstrip("#")
                if entry is not None and "tinyId" in entry and "log" not in entry:
                    ref = f"{prefix}{base}/{index}"
                    yield from _opsgenie_alert(evidence, context, entry, ref, line)
                    continue
                if entry is None or not text(entry, "log"):
                    continue
                at, assumed = required_time(
                    entry.get("createdAt"),
                    context.default_tz,
                    path=evidence.name,
                    field="createdAt",
                    line=line,
                    offset=pointer,
                )
                log = text(entry, "log") or ""
                kind, detail = _opsgenie_kind(log, text(entry, "type") or "system")
                offset = text(entry, "offset")
                yield Record(
                    at,
                    "opsgenie",
                    kind,
                    detail,
                    one_line(log),
                    clip_label(text(entry, "owner")),
                    f"{prefix}{base}/{index}",
                    key=f"opsgenie:{offset}" if offset else None,
                    approximate=assumed,
                )


def _opsgenie_kind(log: str, entry_type: str) -> tuple[EventKind, str]:
    lowered = log.lower()
    if "note" in entry_type.lower():
        return EventKind.MESSAGE, "note"  # what people wrote, whatever words it uses
    if "unacknowledged" in lowered or "unacknowledge " in lowered:
        return EventKind.MESSAGE, "incident.unacknowledged"
    if "acknowledged" in lowered:
        return EventKind.ACK, "incident.acknowledged"
    if "closed" in lowered:
        return EventKind.ALERT_RESOLVED, "incident.resolved"
    if "escalat" in lowered:
        return EventKind.ESCALATION, "incident.escalated"
    if "created" in lowered and "alert" in lowered:
        return EventKind.ALERT_FIRING, "alert.triggered"
    if entry_type == "alertRecipient" or "notif" in lowered:
        return EventKind.PAGE, "page.sent"
    return EventKind.MESSAGE, f"opsgenie.{entry_type}"


def _opsgenie_alert(
    evidence: Evidence, context: ReadContext, alert: dict[str, object], ref: str, line: int | None
) -> Iterator[Record]:
    at, assumed = required_time(
        alert.get("createdAt"), context.default_tz, path=evidence.name, field="createdAt", line=line
    )
    message = text(alert, "message") or "alert"
    alert_id = text(alert, "id")
    match = message.split()[0].lower() if message.split() else None
    yield Record(
        at,
        "opsgenie",
        EventKind.ALERT_FIRING,
        "alert.triggered",
        one_line(f"Alert created: {message}"),
        clip_label(text(alert, "source", "owner")),
        ref,
        key=f"opsgenie:alert:{alert_id}" if alert_id else None,
        match=match,
        approximate=assumed,
    )
    for field, who, kind, detail, verb in (
        ("ackTime", "acknowledgedBy", EventKind.ACK, "incident.acknowledged", "acknowledged"),
        ("closeTime", "closedBy", EventKind.ALERT_RESOLVED, "incident.resolved", "closed"),
    ):
        after = get(alert, f"report.{field}")
        if not isinstance(after, int) or isinstance(after, bool) or after < 0:
            continue
        yield Record(
            at + timedelta(milliseconds=after),
            "opsgenie",
            kind,
            detail,
            one_line(f"Alert {verb}: {message}"),
            clip_label(text(alert, f"report.{who}")),
            f"{ref}/report",
            key=f"opsgenie:alert:{alert_id}:{verb}" if alert_id else None,
            match=match,
            approximate=assumed,
        )


def _is_webhook(obj: dict[str, object]) -> bool:
    alert = as_dict(obj.get("alert"))
    return isinstance(obj.get("action"), str) and alert is not None and "alertId" in alert


def _webhook(
    evidence: Evidence, context: ReadContext, body: dict[str, object], ref: str, line: int | None
) -> Iterator[Record]:
    alert = as_dict(body.get("alert")) or {}
    action = text(body, "action") or "?"
    field = "alert.createdAt" if action == "Create" else "alert.updatedAt"
    at, assumed = required_time(
        get(body, field), context.default_tz, path=evidence.name, field=field, line=line
    )
    kind, detail, verb = WEBHOOK_ACTIONS.get(
        action, (EventKind.MESSAGE, f"opsgenie.{action}", action)
    )
    message = text(alert, "message") or "alert"
    parts = [f"Alert {verb}: {message.strip()}"]
    note = text(alert, "note")
    if note:
        parts.append(f"({note})")
    alert_id = text(alert, "alertId")
    stamp = text(alert, "updatedAt") or text(alert, "createdAt")
    yield Record(
        at,
        "opsgenie",
        kind,
        detail,
        one_line(" ".join(parts)),
        clip_label(text(alert, "username")),
        ref,
        key=f"opsgenie:webhook:{alert_id}:{action}:{stamp}" if alert_id else None,
        match=message.split()[0].lower() if message.split() else None,
        approximate=assumed,
    )
