"""Opsgenie alert logs (`{"data": [{log, type, owner, createdAt, offset}]}`) and alerts.

Log entry types are not a closed set, so the kind comes from the log text (acknowledged,
closed, escalated, created, notified); everything else is a message.
"""

from __future__ import annotations

from collections.abc import Iterator

from blamefree.domain.timeline import EventKind
from blamefree.ingest.normalize import clip_label, one_line, required_time
from blamefree.ingest.reader import Evidence, ReadContext, Record
from blamefree.ingest.readers._common import as_dict, as_list, first_object, payloads, text


class OpsgenieReader:
    """Opsgenie alert logs (`{"data": [{log, type, owner, createdAt, offset}]}`) and alerts."""

    name = "opsgenie"

    def sniff(self, evidence: Evidence) -> bool:
        obj = first_object(evidence)
        if obj is None:
            return False
        data = obj.get("data", obj)
        if isinstance(data, list):
            item = as_dict(data[0]) if data else None
            return item is not None and "log" in item and "createdAt" in item
        alert = as_dict(data)
        return alert is not None and "tinyId" in alert and "createdAt" in alert

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]:
        for prefix, line, value in payloads(evidence):
            items: list[object]
            if isinstance(value, list):
                items, base = value, "#"
            else:
                data = value.get("data", value) if isinstance(value, dict) else None
                if isinstance(data, dict):
                    yield from _opsgenie_alert(evidence, context, data, f"{prefix}#/data", line)
                    continue
                items, base = as_list(data), "#/data"
            for index, item in enumerate(items):
                entry = as_dict(item)
                pointer = f"{base}/{index}".lstrip("#")
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
    yield Record(
        at,
        "opsgenie",
        EventKind.ALERT_FIRING,
        "alert.triggered",
        one_line(f"Alert created: {message}"),
        clip_label(text(alert, "source", "owner")),
        ref,
        key=f"opsgenie:alert:{alert_id}" if alert_id else None,
        match=message.split()[0].lower() if message.split() else None,
        approximate=assumed,
    )
