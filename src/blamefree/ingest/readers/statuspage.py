"""Statuspage incidents and incident updates (v1 manage API shapes).

Accepted shapes: an incident with `incident_updates`, an array of incidents, `{"incident":
{...}}` (webhook), `{"page": ..., "incidents": [...]}` (public status API), a single incident
update, an array of updates, or one of these per line. A component webhook
(`component_update`) becomes a status update of its own. Each update
is a customer-facing status update at `display_at` (falling back to `created_at`); there is
no author field, so the actor is the status page.
"""

from __future__ import annotations

from collections.abc import Iterator

from blamefree.domain.timeline import EventKind
from blamefree.ingest.normalize import one_line, required_time
from blamefree.ingest.reader import Evidence, ReadContext, ReadError, Record
from blamefree.ingest.readers._common import as_dict, as_list, first_object, get, payloads, text

ACTOR = "status page"


def _is_update(obj: dict[str, object] | None) -> bool:
    return obj is not None and "incident_id" in obj and "body" in obj and "status" in obj


def _is_incident(obj: dict[str, object] | None) -> bool:
    return obj is not None and "incident_updates" in obj and "impact" in obj


class StatuspageReader:
    """Statuspage incidents and their updates."""

    name = "statuspage"

    def sniff(self, evidence: Evidence) -> bool:
        obj = first_object(evidence)
        if obj is not None and _is_component_update(obj):
            return True
        if obj is not None and isinstance(obj.get("incident"), dict):
            obj = as_dict(obj["incident"])
        elif obj is not None and isinstance(obj.get("incidents"), list) and "page" in obj:
            incidents = as_list(obj["incidents"])
            return not incidents or _is_incident(as_dict(incidents[0]))
        return _is_incident(obj) or _is_update(obj)

    def read(self, evidence: Evidence, context: ReadContext) -> Iterator[Record]:
        for prefix, line, value in payloads(evidence):
            items = value if isinstance(value, list) else [value]
            for position, item in enumerate(items):
                base = f"{prefix}#/{position}" if isinstance(value, list) else f"{prefix}#"
                obj = as_dict(item)
                if obj is not None and _is_component_update(obj):
                    yield from _component(evidence, context, obj, base, line)
                    continue
                if obj is not None and isinstance(obj.get("incidents"), list):
                    for index, incident in enumerate(as_list(obj["incidents"])):
                        found = as_dict(incident)
                        if not _is_incident(found) or found is None:
                            raise ReadError(
                                evidence.name,
                                "expected a Statuspage incident",
                                line=line,
                                offset=f"{base.partition('#')[2]}/incidents/{index}",
                            )
                        yield from _incident(
                            evidence, context, found, f"{base}/incidents/{index}", line
                        )
                    continue
                if obj is not None and isinstance(obj.get("incident"), dict):
                    obj, base = as_dict(obj["incident"]), f"{base}/incident"
                if _is_update(obj):
                    yield from _update(evidence, context, obj or {}, None, base, line)
                elif _is_incident(obj) and obj is not None:
                    yield from _incident(evidence, context, obj, base, line)
                else:
                    raise ReadError(
                        evidence.name,
                        "expected a Statuspage incident or incident update",
                        line=line,
                        offset=base.partition("#")[2] or None,
                    )


def _is_component_update(obj: dict[str, object]) -> bool:
    return isinstance(obj.get("component_update"), dict) and "page" in obj


def _component(
    evidence: Evidence, context: ReadContext, body: dict[str, object], base: str, line: int | None
) -> Iterator[Record]:
    update = as_dict(body.get("component_update")) or {}
    at, assumed = required_time(
        update.get("created_at"),
        context.default_tz,
        path=evidence.name,
        field="component_update.created_at",
        line=line,
    )
    name = text(body, "component.name") or text(update, "component_id") or "component"
    old, new = text(update, "old_status") or "?", text(update, "new_status") or "?"
    update_id = text(update, "id")
    yield Record(
        at,
        "statuspage",
        EventKind.STATUS_UPDATE,
        "comms.component",
        one_line(f"Status page component {name}: {old} → {new}"),
        ACTOR,
        f"{base}/component_update",
        key=f"statuspage:component_update:{update_id}" if update_id else None,
        approximate=assumed,
    )


def _incident(
    evidence: Evidence,
    context: ReadContext,
    incident: dict[str, object],
    base: str,
    line: int | None,
) -> Iterator[Record]:
    name = text(incident, "name") or "incident"
    updates = as_list(incident.get("incident_updates"))
    for index, update in enumerate(updates):
        yield from _update(
            evidence, context, as_dict(update) or {}, name, f"{base}/incident_updates/{index}", line
        )
    if updates:
        return
    incident_id = text(incident, "id") or name
    impact = text(incident, "impact") or "none"
    opened, assumed = required_time(
        incident.get("created_at"),
        context.default_tz,
        path=evidence.name,
        field="created_at",
        line=line,
    )
    yield Record(
        opened,
        "statuspage",
        EventKind.STATUS_UPDATE,
        "comms.incident_opened",
        one_line(f"Status page incident opened: {name} (impact: {impact})"),
        ACTOR,
        base,
        key=f"statuspage:{incident_id}:opened",
        approximate=assumed,
    )
    if incident.get("resolved_at"):
        resolved, resolved_assumed = required_time(
            incident.get("resolved_at"),
            context.default_tz,
            path=evidence.name,
            field="resolved_at",
            line=line,
        )
        yield Record(
            resolved,
            "statuspage",
            EventKind.STATUS_UPDATE,
            "comms.incident_resolved",
            one_line(f"Status page incident resolved: {name}"),
            ACTOR,
            base,
            key=f"statuspage:{incident_id}:resolved",
            approximate=resolved_assumed,
        )


def _update(
    evidence: Evidence,
    context: ReadContext,
    update: dict[str, object],
    name: str | None,
    ref: str,
    line: int | None,
) -> Iterator[Record]:
    pointer = ref.partition("#")[2] or None
    field = "display_at" if update.get("display_at") else "created_at"
    at, assumed = required_time(
        update.get(field),
        context.default_tz,
        path=evidence.name,
        field=field,
        line=line,
        offset=pointer,
    )
    status = text(update, "status") or "update"
    body = text(update, "body") or ""
    changes = []
    for component in as_list(update.get("affected_components")):
        label = text(component, "name", "code")
        old, new = get(component, "old_status"), get(component, "new_status")
        if label and isinstance(new, str) and old != new:
            changes.append(f"{label}: {old} → {new}")
    parts = [f"Status page {status} ({name})" if name else f"Status page {status}"]
    if body:
        parts.append(body)
    if changes:
        parts.append(f"[{'; '.join(changes)}]")
    parts = [parts[0] + ":", *parts[1:]]
    update_id = text(update, "id")
    yield Record(
        at,
        "statuspage",
        EventKind.STATUS_UPDATE,
        f"comms.{status}",
        one_line(" ".join(parts)),
        ACTOR,
        ref,
        key=f"statuspage:{update_id}" if update_id else None,
        approximate=assumed,
    )
